//! Liveness, readiness and metrics, for load balancers and Prometheus.

#[cfg(feature = "fuzz")]
pub mod fuzz;
pub mod memory;

use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::db::Db;
use crate::error::{AppError, Problem};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/healthz").route(web::get().to(healthz)))
        .service(web::resource("/readyz").route(web::get().to(readyz)));
}

/// Builds the Prometheus middleware: requests and latency per method, route pattern and
/// status, served at `/metrics`. Each app gets its own registry (tests build many).
pub fn metrics() -> anyhow::Result<actix_web_prom::PrometheusMetrics> {
    actix_web_prom::PrometheusMetricsBuilder::new("trustfund")
        .registry(prometheus::Registry::new())
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNMATCHED")
        .build()
        .map_err(|e| anyhow::Error::from_boxed(e).context("metrics"))
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, body = Health)))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Readiness: the database answers, within a second (else 503 at once: a load
/// balancer's probe never hangs).
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Health), (status = 503, body = Problem, content_type = "application/problem+json")))]
pub async fn readyz(db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    db.ping().await?;
    Ok(HttpResponse::Ok().json(Health { status: "ready" }))
}

#[derive(OpenApi)]
#[openapi(paths(healthz, readyz), components(schemas(Health)))]
pub struct OpsApi;
