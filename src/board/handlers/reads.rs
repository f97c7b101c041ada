//! `GET /api/v1/board`, `GET /api/v1/board/balance`, `GET /api/v1/regional-groups`:
//! for any signed-in user.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::today;
use crate::api::Caller;
use crate::board::seats::{self, BoardView};
use crate::board::views::{regional_groups, RegionalGroupView};
use crate::db::Db;
use crate::domain::QueryDate;
use crate::error::AppError;
use crate::http::Query;

/// The Board today: seats, members with group and term end, groups represented and
/// missing, chair, vacancies.
#[utoipa::path(get, path = "/api/v1/board", tag = "board", security(("bearer" = [])),
    responses((status = 200, body = BoardView)))]
pub async fn board(_caller: Caller, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let day = today();
    let view = db.read(move |conn| seats::board_on(conn, day)).await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BalanceQuery {
    /// The date to report on, `YYYY-MM-DD`, past or future; today if omitted.
    #[serde(default)]
    #[param(inline)]
    pub on: Option<QueryDate>,
}

/// The geographic balance on any date: who sits, which groups are missing, which terms
/// end within 90 days.
#[utoipa::path(get, path = "/api/v1/board/balance", tag = "board", security(("bearer" = [])),
    params(BalanceQuery),
    responses((status = 200, body = BoardView)))]
pub async fn balance(
    _caller: Caller,
    db: web::Data<Db>,
    query: Query<BalanceQuery>,
) -> Result<HttpResponse, AppError> {
    let day = query.on.map(QueryDate::get).unwrap_or_else(today);
    let view = db.read(move |conn| seats::board_on(conn, day)).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The five UN regional groups and their Member States (as the Fund counts them: the
/// United States and Türkiye with Western European and other States).
#[utoipa::path(get, path = "/api/v1/regional-groups", tag = "board", security(("bearer" = [])),
    responses((status = 200, body = Vec<RegionalGroupView>)))]
pub async fn groups(_caller: Caller) -> HttpResponse {
    HttpResponse::Ok().json(regional_groups())
}
