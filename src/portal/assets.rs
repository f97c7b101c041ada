//! The portal's stylesheet, its optional script and its icon, served from the binary: no page
//! ever asks another origin for anything.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(stylesheet).service(script).service(icon);
}

const STYLESHEET: &str = include_str!("assets/portal.css");
const SCRIPT: &str = include_str!("assets/portal.js");
const ICON: &str = include_str!("assets/favicon.svg");

fn asset(content_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body)
}

#[get("/assets/portal.css")]
async fn stylesheet() -> HttpResponse {
    asset("text/css; charset=utf-8", STYLESHEET)
}

#[get("/assets/portal.js")]
async fn script() -> HttpResponse {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

#[get("/assets/favicon.svg")]
async fn icon() -> HttpResponse {
    asset("image/svg+xml", ICON)
}
