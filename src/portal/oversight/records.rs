//! `/records/{kind}/{id}`: a record as an auditor reads it (a grant, an application, an
//! organisation, a contribution), reached from the audit trail and the ledger's journal,
//! read through the API's own use cases. Read only: no form, only links (to the record's
//! history in the trail, the records it names and the ledger entries it owns). People are
//! shown by name (`users::names_of`). Finance reads them too, from a ledger entry.

use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;
use serde::Serialize;
use uuid::Uuid;

use crate::applications::{self, ApplicationView};
use crate::contributions::{self, ContributionView};
use crate::db::{Actor, Db, DbConnection};
use crate::domain::{Role, UserId};
use crate::error::AppError;
use crate::grants::{self, DisbursementView, GrantView, ListDisbursements, RefundView};
use crate::http::PageParams;
use crate::organizations::{self, OrganizationView};
use crate::portal::failure::PageError;
use crate::portal::formats::Country;
use crate::portal::visitor::Member;

/// Who reads records here: the auditors, and finance from the ledger.
pub(crate) const RECORD_READERS: &[Role] = &[Role::Auditor, Role::Finance];

/// The kinds of record with a page, as the audit trail names them.
pub(crate) const KINDS: &[&str] = &["grant", "application", "organization", "contribution"];

/// The page of the record the trail names, if it has one.
pub(crate) fn record_href(entity_type: &str, entity_id: &str) -> Option<String> {
    let id = Uuid::parse_str(entity_id).ok()?;
    if entity_type == "ledger_transaction" {
        return Some(format!("/ledger/{id}"));
    }
    KINDS
        .contains(&entity_type)
        .then(|| format!("/records/{entity_type}/{id}"))
}

/// One step of an application's history, with who took it by name.
#[derive(Debug, Serialize)]
struct Step {
    from: Option<String>,
    to: String,
    by: Option<String>,
    role: Option<String>,
    reason: Option<String>,
    at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Record {
    Grant {
        grant: GrantView,
        title: String,
        organization: String,
        payments: Vec<DisbursementView>,
        refunds: Vec<RefundView>,
    },
    Application {
        application: ApplicationView,
        organization: String,
        countries: Vec<Country>,
        history: Vec<Step>,
    },
    Organization {
        organization: OrganizationView,
        country: Country,
    },
    Contribution {
        contribution: ContributionView,
    },
}

fn code_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn load(conn: &mut DbConnection, actor: &Actor, kind: &str, id: Uuid) -> Result<Record, AppError> {
    Ok(match kind {
        "grant" => {
            let grant = grants::show_grant(conn, actor, id.into())?;
            let title = applications::show_application(conn, actor, grant.application_id)?.title;
            let organization =
                organizations::show_organization(conn, actor, grant.organization_id)?.legal_name;
            let payments = grants::list_disbursements(
                conn,
                actor,
                ListDisbursements {
                    grant: grant.id,
                    page: PageParams {
                        limit: Some(200),
                        cursor: None,
                    }
                    .request()?,
                },
            )?
            .items;
            let refunds = grants::list_refunds(conn, actor, grant.id)?;
            Record::Grant {
                grant,
                title,
                organization,
                payments,
                refunds,
            }
        }
        "application" => {
            let application = applications::show_application(conn, actor, id.into())?;
            let organization =
                organizations::show_organization(conn, actor, application.organization_id)?
                    .legal_name;
            let ids: Vec<UserId> = application
                .history
                .iter()
                .filter_map(|t| t.actor_id)
                .collect();
            let names = crate::users::names_of(conn, actor, &ids)?;
            let history = application
                .history
                .iter()
                .map(|t| Step {
                    from: t.from.as_ref().map(code_of),
                    to: code_of(&t.to),
                    by: t
                        .actor_id
                        .map(|id| names.get(&id).cloned().unwrap_or_else(|| id.to_string())),
                    role: t.actor_role.clone(),
                    reason: t.reason.clone(),
                    at: t.at,
                })
                .collect();
            let countries = application
                .countries
                .iter()
                .copied()
                .map(Country::from)
                .collect();
            Record::Application {
                application,
                organization,
                countries,
                history,
            }
        }
        "organization" => {
            let organization = organizations::show_organization(conn, actor, id.into())?;
            let country = Country::from(organization.country);
            Record::Organization {
                organization,
                country,
            }
        }
        "contribution" => Record::Contribution {
            contribution: contributions::get_contribution(conn, actor, id.into())?,
        },
        _ => return Err(AppError::NotFound),
    })
}

/// `GET /records/{kind}/{id}`.
#[get("/records/{kind}/{id}")]
pub(super) async fn record_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    member.require(RECORD_READERS)?;
    let (kind, id) = path.into_inner();
    let id = Uuid::parse_str(&id).map_err(|_| member.failed(AppError::NotFound))?;
    if !KINDS.contains(&kind.as_str()) {
        return Err(member.failed(AppError::NotFound));
    }
    let trail_href = format!("/audit?entity_type={kind}&entity_id={id}");
    let record = member
        .read(&db, move |conn, actor| load(conn, actor, &kind, id))
        .await?;
    member.page(
        "audit_record.html",
        minijinja::context! {
            record => Serde(record),
            trail_href,
            auditor => member.role() == Some(Role::Auditor),
        },
    )
}
