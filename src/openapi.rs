//! The OpenAPI 3 document, assembled from each feature's own `#[derive(OpenApi)]`, served
//! at `/api/v1/openapi.json`, with Swagger UI (every asset inside the binary) at `/docs/`.

use actix_web::http::header::ContentType;
use actix_web::{web, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::api::fund_reports::Format;
use crate::error::{FieldError, Problem, Rule};
use crate::exports::{ExportFormat, ExportKind};

#[cfg(test)]
mod names;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "trustfund",
        description = "Grant management for the UN Voluntary Trust Fund for Victims of Trafficking in Persons, especially Women and Children (GA resolution 64/293, annex, para. 38). Errors are application/problem+json (RFC 9457); 422s name the business rule in `type` and `rule`. Amounts are strings with their ISO 4217 currency.",
        version = "1"
    ),
    // Also the enums that query strings inline, so clients still find them by name.
    components(schemas(Problem, FieldError, Rule, Format, ExportFormat, ExportKind)),
    modifiers(&BearerAuth)
)]
struct Root;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Every feature's paths and schemas in one document.
pub fn document() -> Document {
    let mut doc = Root::openapi();
    let (_, declared) = actix_web::App::new()
        .into_utoipa_app()
        .configure(crate::api::configure)
        .split_for_parts();
    doc.merge(declared);
    crate::http::contract::document_common_answers(&mut doc);
    doc
}

/// Where the document is served, and where Swagger UI reads it.
pub const DOCUMENT_PATH: &str = "/api/v1/openapi.json";

/// The document as served: serialised once at start and shared by every worker. Handing
/// Swagger UI the document itself made each worker's app keep its own deep copy (about
/// 5 MB each, three quarters of the idle server's heap; issue 14).
#[derive(Clone)]
pub struct Served(web::Bytes);

impl Served {
    pub fn of(document: &Document) -> anyhow::Result<Served> {
        Ok(Served(web::Bytes::from(serde_json::to_vec(document)?)))
    }
}

/// `GET /api/v1/openapi.json` and Swagger UI at `/docs/`, which reads it from there.
pub fn routes(cfg: &mut web::ServiceConfig, served: &Served) {
    let body = served.0.clone();
    cfg.service(web::resource(DOCUMENT_PATH).route(web::get().to(move || {
        let body = body.clone();
        async move {
            HttpResponse::Ok()
                .content_type(ContentType::json())
                .body(body)
        }
    })))
    .service(web::redirect("/docs", "/docs/"))
    .service(SwaggerUi::new("/docs/{_:.*}").config(Config::new([DOCUMENT_PATH])));
}
