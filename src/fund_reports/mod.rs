//! The Fund's own reports (issue 12 item 2; DOMAIN.md, "Reports from the Fund"), read by
//! staff, trustees and auditors for a period: where the money went by regional group and
//! country, and what donors pledged and paid. Not the grantees' progress reports
//! (`grant_reports`, at `/api/v1/reports/{uuid}`): these paths are fixed words, which the
//! uuid pattern of that route never matches.
//!
//! Every figure of a report comes from one read snapshot (`Db::read`) and is summed by
//! the database, grouped, never by loading rows one by one.

pub mod contributions;
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
        );
}

#[derive(OpenApi)]
#[openapi(
    paths(geography::get, contributions::get),
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
    ))
)]
pub struct FundReportsApi;
