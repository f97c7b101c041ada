//! Grants over HTTP: reading grants (`GET /api/v1/grants`, `GET /api/v1/grants/{id}`),
//! and money out: the agreement, disbursements and refunds (`agreement`,
//! `disbursements`, `refunds`), amendments (`amendments`), and a grant's end:
//! cancellation and a refund owed written off (`cancellation`).

mod agreement;
mod amendments;
mod cancellation;
mod disbursements;
mod public_summary;
mod refunds;

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed};
use crate::db::Db;
use crate::domain::GrantId;
use crate::error::AppError;
use crate::grants::{self, GrantView, ListGrants};
use crate::http::{PageParams, Query};

pub use agreement::{AgreementRequest, BudgetLineRequest, TrancheRequest};
pub use amendments::AmendmentRequest;
pub use cancellation::{CancellationRequest, WriteOffRequest};
pub use disbursements::DisbursementRequest;
pub use public_summary::PublicSummaryRequest;
pub use refunds::RefundRequest;

crate::page_names!(GrantView => GrantPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_grants)
        .service(get_grant)
        .service(agreement::sign_grant_agreement)
        .service(disbursements::disburse_tranche)
        .service(disbursements::list_disbursements)
        .service(disbursements::get_disbursement)
        .service(refunds::record_refund)
        .service(refunds::list_refunds)
        .service(amendments::amend_grant)
        .service(amendments::list_amendments)
        .service(cancellation::cancel_grant)
        .service(cancellation::write_off_refund)
        .service(public_summary::approve_public_summary)
        .service(public_summary::get_public_summary);
}

/// Grants, newest first.
#[utoipa::path(tag = "grants", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = GrantPage)),
    operation_id = "list_grants")]
#[get("/api/v1/grants")]
async fn list_grants(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let query = ListGrants {
        page: page.request()?,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            grants::list_grants(conn, actor, query)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One grant: the award, committed, disbursed, remaining.
#[utoipa::path(tag = "grants", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = GrantView)),
    operation_id = "get_grant")]
#[get("/api/v1/grants/{id}")]
async fn get_grant(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<GrantId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let grant = caller
        .read(&db, move |conn, actor| grants::show_grant(conn, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(grant))
}
