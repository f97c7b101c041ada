//! `GET /api/v1/board`, `GET /api/v1/board/balance`, `GET /api/v1/regional-groups`:
//! for any signed-in user.

use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::{only, Allowed};
use crate::board::{self, BoardView, RegionalGroupView};
use crate::db::Db;
use crate::domain::QueryDate;
use crate::error::AppError;
use crate::http::Query;

/// The Board today: seats, members with group and term end, groups represented and
/// missing, chair, vacancies.
#[utoipa::path(tag = "board", security(("bearer" = [])),
    responses((status = 200, body = BoardView)),
    operation_id = "get_board")]
#[get("/api/v1/board")]
pub async fn get_board(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let view = caller
        .read(&db, |conn, actor| board::show_board(conn, actor, None))
        .await?;
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
#[utoipa::path(tag = "board", security(("bearer" = [])),
    params(BalanceQuery),
    responses((status = 200, body = BoardView)),
    operation_id = "get_board_balance")]
#[get("/api/v1/board/balance")]
pub async fn get_board_balance(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    query: Query<BalanceQuery>,
) -> Result<HttpResponse, AppError> {
    let on = query.into_inner().on.map(QueryDate::get);
    let view = caller
        .read(&db, move |conn, actor| board::show_board(conn, actor, on))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The five UN regional groups and their Member States (as the Fund counts them: the
/// United States and Türkiye with Western European and other States).
#[utoipa::path(tag = "board", security(("bearer" = [])),
    responses((status = 200, body = Vec<RegionalGroupView>)),
    operation_id = "list_regional_groups")]
#[get("/api/v1/regional-groups")]
pub async fn list_regional_groups(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let groups = caller.read(&db, board::list_regional_groups).await?;
    Ok(HttpResponse::Ok().json(groups))
}
