//! `/checks`: the two checks an auditor runs, each the API's own use case
//! (`audit::verify_trail` as `GET /api/v1/audit/verify`, `ledger_owners::check_ledger` as
//! `GET /api/v1/ledger/check`), with their results read plainly: passed, or what broke and
//! where. Both only read, so they are links, not forms.

use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;

use crate::audit::{self, Mismatch};
use crate::db::Db;
use crate::domain::Role;
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;

/// Who may run each check: as the API's handlers.
const TRAIL_READERS: &[Role] = &[Role::Auditor, Role::Admin];
const LEDGER_READERS: &[Role] = &[Role::Auditor, Role::Finance];

/// `GET /checks`: what each check proves, and the way to run it.
#[get("/checks")]
pub(super) async fn checks_page(member: Member) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Auditor])?;
    member.page("audit_checks.html", minijinja::context! {})
}

/// The key of the words for why the chain broke: the walk names three reasons (see
/// `audit::verify_chain`), told here in the reader's language.
fn reason_key(mismatch: &Mismatch) -> &'static str {
    if mismatch.reason.contains("missing") {
        "check-trail-reason-missing"
    } else if mismatch.reason.contains("previous-hash") {
        "check-trail-reason-link"
    } else {
        "check-trail-reason-content"
    }
}

/// `GET /checks/trail`: walks the whole chain now.
#[get("/checks/trail")]
pub(super) async fn trail_check_page(
    member: Member,
    db: web::Data<Db>,
) -> Result<HttpResponse, PageError> {
    member.require(TRAIL_READERS)?;
    let report = member.read(&db, audit::verify_trail).await?;
    let reason = report.first_mismatch.as_ref().map(reason_key);
    member.page(
        "audit_check_trail.html",
        minijinja::context! {
            report => Serde(&report),
            reason,
            checked_at => chrono::Utc::now().to_rfc3339(),
        },
    )
}

/// `GET /checks/ledger`: recomputes every balance and reconciles every owner now.
#[get("/checks/ledger")]
pub(super) async fn ledger_check_page(
    member: Member,
    db: web::Data<Db>,
) -> Result<HttpResponse, PageError> {
    member.require(LEDGER_READERS)?;
    let report = member.read(&db, crate::ledger_owners::check_ledger).await?;
    member.page(
        "audit_check_ledger.html",
        minijinja::context! {
            report => Serde(&report),
            checked_at => chrono::Utc::now().to_rfc3339(),
        },
    )
}
