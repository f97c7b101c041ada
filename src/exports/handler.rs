//! `GET /api/v1/ledger/export` (finance, auditor: the ledger's readers).

use actix_web::{web, HttpResponse};

use super::filter::{ExportFormat, ExportQuery};
use super::stream::WriteTimeout;
use crate::api::Caller;
use crate::audit::Signer;
use crate::auth::Role;
use crate::config::IatiSettings;
use crate::db::Db;
use crate::error::AppError;
use crate::http::Query;

/// Who may export the ledger: those who read it.
pub const READERS: &[Role] = &[Role::Finance, Role::Auditor];

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

#[utoipa::path(get, path = "/api/v1/ledger/export", tag = "ledger", security(("bearer" = [])),
    params(ExportQuery),
    responses((status = 200, description = "The export, as an attachment",
        content(
            (String = "text/csv"),
            (LedgerExportDocument = "application/json"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (String = "application/xml"),
        )),
        (status = 422, body = crate::error::Problem, content_type = "application/problem+json",
            description = "nothing-to-export: with format=iati, no grant has entries matching the filter"),
        (status = 429, body = crate::error::Problem, content_type = "application/problem+json",
            description = "as many exports as the instance streams at once are running (exports.max_concurrent); Retry-After says when to try again")))]
pub async fn export(
    caller: Caller,
    db: web::Data<Db>,
    iati: web::Data<IatiSettings>,
    timeout: web::Data<WriteTimeout>,
    signer: web::Data<Signer>,
    query: Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    caller.require(READERS)?;
    let filter = query.into_inner().filter()?;
    match filter.format {
        ExportFormat::Iati => {
            crate::exports::iati::respond(db.get_ref(), iati.get_ref(), **timeout, filter, &signer)
                .await
        }
        ExportFormat::Csv | ExportFormat::Json | ExportFormat::Xlsx => {
            super::stream::respond(db.get_ref(), **timeout, filter, &signer).await
        }
    }
}
