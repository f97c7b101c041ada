//! The bench's ceiling write: `POST /bench/ceiling-write`, compiled only with the `bench`
//! feature and registered only when the environment variable `TRUSTFUND_BENCH_CEILING` is
//! `1` (scripts/bench.sh builds with the feature and sets it), so a production build has
//! no such code, a normal run has no such route, and it is in neither the OpenAPI document
//! nor the authorisation matrix.
//!
//! It is the least a money write can do: the `Caller` extractor (the token checked), the
//! writers' permit, a pooled connection, `Db::write`'s transaction with its write lock,
//! the caller's account check in it, and one insert, the audit event every write makes. It reuses the audit
//! trail rather than a table of its own: no migration, and the hash chain it extends stays
//! valid, so `trustfund audit verify` still passes after a bench. Never turn it on in
//! production: each call adds an audit event.

use actix_web::{web, HttpResponse};
use serde_json::json;

use crate::api::Caller;
use crate::audit::Change;
use crate::db::Db;
use crate::error::AppError;

/// The environment variable that turns the ceiling write on.
pub const CEILING_ENV: &str = "TRUSTFUND_BENCH_CEILING";

/// Whether this process serves the bench's ceiling write.
pub fn enabled() -> bool {
    std::env::var(CEILING_ENV).is_ok_and(|value| value == "1")
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/bench/ceiling-write").route(web::post().to(ceiling_write)));
}

async fn ceiling_write(db: web::Data<Db>, caller: Caller) -> Result<HttpResponse, AppError> {
    let id = caller.request_id.clone();
    caller
        .write(&db, move |tx| {
            tx.audit(Change::new("bench.ceiling", "bench", id, json!({})))
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
