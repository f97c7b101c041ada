//! problem+json for what actix answers on its own (unknown route, wrong method, bad path
//! or query), and a guard that turns a panicking handler into a 500 instead of a dropped
//! connection.

use std::panic::AssertUnwindSafe;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{ErrorHandlerResponse, Next};
use actix_web::web;
use futures_util::FutureExt;

use crate::error::{problem_response, AppError, PROBLEM_JSON};

/// Rewrites any error response that is not already problem+json (actix's own 404, 405,
/// 413 …) into one, keeping its status.
pub fn to_problem_json<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let already = res
        .response()
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| {
            // The portal's error pages are already written for a person.
            v.as_bytes().starts_with(PROBLEM_JSON.as_bytes())
                || v.as_bytes().starts_with(b"text/html")
        });
    if already {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (slug, detail) = match status.as_u16() {
        404 => ("not-found", "there is nothing at this path".to_string()),
        405 => (
            "method-not-allowed",
            format!("{} is not allowed on this path", res.request().method()),
        ),
        413 => (
            "payload-too-large",
            "the request body is too large".to_string(),
        ),
        400 => ("validation", "the request is malformed".to_string()),
        _ => (
            "error",
            status.canonical_reason().unwrap_or("error").to_string(),
        ),
    };
    let (req, original) = res.into_parts();
    let mut response = problem_response(status, slug, detail, None, Vec::new());
    if let Some(allow) = original.headers().get(header::ALLOW) {
        response.headers_mut().insert(header::ALLOW, allow.clone());
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

/// A handler that panics answers 500 (problem+json, via `AppError`'s own response) and
/// the worker keeps serving. The request cannot be kept to build a response here (routing
/// needs it unshared), so the panic becomes an error that actix renders.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(result) => result,
        Err(_) => Err(AppError::internal(anyhow::anyhow!("a request handler panicked")).into()),
    }
}

/// A malformed id in a path is a 404: nothing can exist there.
pub fn extractor_configs(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PathConfig::default().error_handler(|_, _| AppError::NotFound.into()));
}
