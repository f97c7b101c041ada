//! Signing in and out of the portal. Signing in is the API's own (`auth::sign_in`: the
//! same throttle, the same answer for a wrong password, an unknown email or a disabled
//! account); the session is its token in an `HttpOnly` cookie. Signing out ends every
//! session of the account, so a copied cookie stops working too.

use actix_web::cookie::Cookie;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::failure::{safe_next, PageError};
use super::form_errors::FormErrors;
use super::messages;
use super::visitor::{CookiePolicy, Member, Visitor};
use crate::auth::{self, throttle::ThrottlePolicy, SignIn};
use crate::db::Db;
use crate::error::AppError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(sign_in_page).service(sign_in).service(sign_out);
}

#[derive(Debug, Default, Deserialize)]
struct Arrival {
    next: Option<String>,
    /// Why the visitor is here: `signed-out`, `password-changed`.
    notice: Option<String>,
}

#[get("/sign-in")]
async fn sign_in_page(
    visitor: Visitor,
    arrival: web::Query<Arrival>,
) -> Result<HttpResponse, PageError> {
    let next = safe_next(arrival.next.as_deref().unwrap_or("/")).to_string();
    if visitor.signed_in() {
        return Ok(visitor.redirect(&next).finish());
    }
    let notice = match arrival.notice.as_deref() {
        Some("signed-out") => Some("sign-in-notice-signed-out"),
        Some("password-changed") => Some("sign-in-notice-password-changed"),
        _ => None,
    };
    visitor.page(
        "sign_in.html",
        minijinja::context! { next, notice, email => "", errors => FormErrors::new() },
    )
}

#[derive(Debug, Deserialize)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

#[post("/sign-in")]
async fn sign_in(
    visitor: Visitor,
    req: HttpRequest,
    db: web::Data<Db>,
    policy: web::Data<ThrottlePolicy>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: SignInForm = visitor.read_form(&body)?;
    let next = safe_next(form.next.as_deref().unwrap_or("/")).to_string();
    let language = visitor.language;
    let mut errors = FormErrors::new();
    if form.email.trim().is_empty() {
        errors.add("email", messages::plain(language, "sign-in-email-missing"));
    }
    if form.password.is_empty() {
        errors.add(
            "password",
            messages::plain(language, "sign-in-password-missing"),
        );
    }
    if errors.is_empty() {
        let attempt = SignIn {
            email: form.email.clone(),
            password: form.password,
            address: crate::api::auth::client_address(&req),
        };
        match auth::sign_in(&db, visitor.keys(), **policy, attempt).await {
            Ok(token) => {
                let cookie = visitor.session_cookie(token.access_token, token.expires_in);
                return Ok(visitor.redirect(&next).cookie(cookie).finish());
            }
            Err(AppError::Unauthorized(_)) => {
                errors.add("email", messages::plain(language, "sign-in-wrong"));
            }
            Err(AppError::TooManyRequests { .. }) => {
                errors.add("email", messages::plain(language, "sign-in-throttled"));
            }
            Err(other) => return Err(visitor.failed(other)),
        }
    }
    visitor.form_refused(
        "sign_in.html",
        minijinja::context! { next, notice => (), email => form.email, errors },
    )
}

#[derive(Debug, Deserialize)]
struct Nothing {}

#[post("/sign-out")]
async fn sign_out(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let _: Nothing = member.read_form(&body)?;
    let user = member.caller.id();
    member
        .write(&db, move |tx| crate::users::end_sessions(tx, user))
        .await?;
    Ok(member
        .redirect("/sign-in?notice=signed-out")
        .cookie(ended_session(member.cookies))
        .finish())
}

/// The answer's instruction to forget the session cookie.
pub fn ended_session(policy: CookiePolicy) -> Cookie<'static> {
    let mut cookie = Cookie::new(policy.session(), "");
    cookie.set_path("/");
    cookie.set_secure(policy.secure);
    cookie.set_http_only(true);
    cookie.make_removal();
    cookie
}
