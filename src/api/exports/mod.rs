//! `GET /api/v1/ledger/export` (finance, auditor: the ledger's readers), streamed in the
//! export lane (`lane`), the IATI file on its own path (`iati`).

pub mod iati;
pub mod lane;

use actix_web::{get, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

pub use lane::WriteTimeout;

use super::{only, Allowed};
use crate::audit::Signer;
use crate::config::IatiSettings;
use crate::db::Db;
use crate::error::AppError;
use crate::exports::{ExportFormat, ExportQuery};
use crate::http::Query;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(export_ledger);
}

/// The ledger's entries for a period, with opening balance, totals and closing balance
/// (finance, auditor). Streamed; the file name says what it holds
/// (`trustfund-ledger-<kind>-<from>-<to>.<ext>`).
/// The JSON export's outline, for the contract: the writer streams it member by member
/// (`period`, `filter`, `opening_balance`, `entries`, `totals`, `closing_balance`,
/// `audit_checkpoint`: the audit trail's head, signed when the file was finished), so no
/// value of this type is ever built.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct LedgerExportDocument {
    #[schema(value_type = Object)]
    period: (),
    #[schema(value_type = Object)]
    filter: (),
    #[schema(value_type = Object)]
    opening_balance: (),
    #[schema(value_type = Vec<Object>)]
    entries: (),
    #[schema(value_type = Object)]
    totals: (),
    #[schema(value_type = Object)]
    closing_balance: (),
    #[schema(value_type = Object)]
    audit_checkpoint: (),
}

// The operation has no summary of its own in the published document (the text above
// documents the JSON outline), so its rules are its whole description.
#[utoipa::path(tag = "ledger", security(("bearer" = [])),
    description = "Rules the schema cannot state: `from` is not after `to` (400 naming `from`); with `format=iati` or `iati-organisation`, 422 `iati-publisher-unset` while the setting `iati.reporting_org_ref` is empty (the file must name its publisher); with `format=iati`, 422 `nothing-to-export` when no grant (nor, with `kind=all` and no grant filter, the Fund's own activity with its incoming funds) has entries matching the filter in the period (the IATI schema requires one activity). The activity file has the Fund's own activity (hierarchy 1, its contributions received as incoming funds, with `kind=all` and no grant, organisation, country or regional group) and one activity per grant (hierarchy 2) with the grant's sectors, default flow, finance and aid types, described by the public summary the secretariat approved (`PUT /api/v1/grants/{id}/public-summary`), else from its grantee and countries alone: an application's own text is never published. The organisation file (`format=iati-organisation`, IATI 2.03 `iati-organisations`) holds the Fund's total budget (committed) and expenditure per calendar year of the period, in USD.",
    params(ExportQuery),
    responses((status = 200, description = "The export, as an attachment",
        content(
            (String = "text/csv"),
            (LedgerExportDocument = "application/json"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "application/xml"),
        )),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json",
            description = "nothing-to-export: with format=iati, no activity has entries matching the filter; iati-publisher-unset: iati.reporting_org_ref is not set"),
        (status = 429, body = crate::error::Problem, content_type = "application/problem+json",
            description = "as many exports as the instance streams at once are running (exports.max_concurrent); Retry-After says when to try again")),
    operation_id = "export_ledger")]
#[get("/api/v1/ledger/export")]
async fn export_ledger(
    caller: Allowed<only::FinanceOrAuditor>,
    db: web::Data<Db>,
    settings: web::Data<IatiSettings>,
    timeout: web::Data<WriteTimeout>,
    signer: web::Data<Signer>,
    query: Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let filter = query.into_inner().filter(db.clock())?;
    match filter.format {
        ExportFormat::Iati | ExportFormat::IatiOrganisation => {
            crate::exports::iati::check_publisher(&settings)?;
            iati::respond(&caller, &db, &settings, **timeout, filter, &signer).await
        }
        ExportFormat::Csv | ExportFormat::Json | ExportFormat::Xlsx => {
            lane::respond(&caller, &db, **timeout, filter, &signer).await
        }
    }
}
