//! The Fund's own reports (issue 12 item 2; DOMAIN.md, "Reports from the Fund"), read by
//! staff, trustees and auditors for a period: where the money went by regional group and
//! country and by form of exploitation and type of aid, what donors pledged and paid, whom
//! the grants meant to reach and reached, and who sat on the Board. Not the grantees' progress reports
//! (`grant_reports`, at `/api/v1/reports/{uuid}`): these paths are fixed words, which the
//! uuid pattern of that route never matches.
//!
//! Every figure of a report comes from one read snapshot (`Db::read`) and is summed by
//! the database, grouped, never by loading rows one by one. Where an application's
//! categories are a JSON list (forms of exploitation, types of aid, target beneficiaries),
//! the database sums per grant and the report attributes those sums to the categories.

pub mod beneficiaries;
pub mod board;
mod categories;
pub mod contributions;
pub mod exploitation;
pub mod geography;
pub mod period;
pub mod shares;
mod sums;

use actix_web::web;
use utoipa::OpenApi;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/v1/reports/geography").route(web::get().to(geography::get)))
        .service(
            web::resource("/api/v1/reports/contributions").route(web::get().to(contributions::get)),
        )
        .service(
            web::resource("/api/v1/reports/exploitation").route(web::get().to(exploitation::get)),
        )
        .service(
            web::resource("/api/v1/reports/beneficiaries").route(web::get().to(beneficiaries::get)),
        )
        .service(web::resource("/api/v1/reports/board").route(web::get().to(board::get)));
}

#[derive(OpenApi)]
#[openapi(
    paths(
        geography::get,
        contributions::get,
        exploitation::get,
        beneficiaries::get,
        board::get
    ),
    components(schemas(
        period::Period,
        period::Format,
        geography::GeographyReport,
        geography::GeographyFigures,
        geography::RegionalGroupFigures,
        geography::CountryFigures,
        contributions::ContributionsReport,
        contributions::DonorCurrencyFigures,
        contributions::DonorTypeFigures,
        contributions::CurrencyFigures,
        exploitation::ExploitationReport,
        exploitation::CategoryFigures,
        exploitation::ExploitationFigures,
        exploitation::AidTypeFigures,
        beneficiaries::BeneficiariesReport,
        beneficiaries::SexAgeFigures,
        beneficiaries::ExploitationReached,
        beneficiaries::BeneficiaryTotals,
        board::BoardReport,
        board::TermFigures,
        board::GroupRepresentation,
        board::Shortfall,
    ))
)]
pub struct FundReportsApi;
