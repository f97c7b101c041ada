//! `GET /healthz` and `GET /readyz`, for load balancers: open to anyone, never signed in.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use super::Public;
use crate::db::Db;
use crate::error::{AppError, Problem};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(healthz).service(readyz);
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(tag = "operations", responses((status = 200, body = Health)),
    operation_id = "get_health")]
#[get("/healthz")]
async fn healthz(_anyone: Public) -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Readiness: the database answers, within a second (else 503 at once: a load
/// balancer's probe never hangs).
#[utoipa::path(tag = "operations",
    responses((status = 200, body = Health), (status = 503, body = Problem, content_type = "application/problem+json")),
    operation_id = "get_readiness")]
#[get("/readyz")]
async fn readyz(_anyone: Public, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    db.ping().await?;
    Ok(HttpResponse::Ok().json(Health { status: "ready" }))
}
