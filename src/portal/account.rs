//! The visitor's own account: change the password (every session ends, this one too,
//! as with the API) and choose the portal's language.

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use serde::Deserialize;

use super::failure::{safe_next, PageError};
use super::form_errors::FormErrors;
use super::language::PageLanguage;
use super::messages;
use super::sign_in::ended_session;
use super::visitor::{Member, Visitor};
use crate::auth::Password;
use crate::db::Db;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(account_page)
        .service(change_password)
        .service(choose_language);
}

#[get("/account")]
async fn account_page(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    let me = member.read(&db, crate::users::show_me).await?;
    member.page(
        "account.html",
        minijinja::context! { me => Serde(me), errors => FormErrors::new() },
    )
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

#[post("/account/password")]
async fn change_password(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    let form: PasswordForm = member.read_form(&body)?;
    let language = member.language;
    let mut errors = FormErrors::new();
    if form.current_password.is_empty() {
        errors.add(
            "current_password",
            messages::plain(language, "account-current-missing"),
        );
    }
    let new_password = match Password::parse(form.new_password.clone()) {
        Ok(password) => Some(password),
        Err(_) => {
            errors.add(
                "new_password",
                messages::text(
                    language,
                    "account-new-too-weak",
                    &[("min", (Password::MIN_CHARS as i64).into())],
                ),
            );
            None
        }
    };
    if form.confirm_password != form.new_password {
        errors.add(
            "confirm_password",
            messages::plain(language, "account-confirm-differs"),
        );
    }
    if let (true, Some(new_password)) = (errors.is_empty(), new_password) {
        let changed = crate::api::auth::change_own_password(
            &member.caller,
            &db,
            form.current_password,
            new_password,
        )
        .await;
        match changed {
            Ok(()) => {
                return Ok(member
                    .redirect("/sign-in?notice=password-changed")
                    .cookie(ended_session(member.cookies))
                    .finish())
            }
            Err(error) => match FormErrors::of_refusal(language, &error, "current_password", |_| {
                "current_password".to_string()
            }) {
                Some(refused) => errors = refused,
                None => return Err(member.failed(error)),
            },
        }
    }
    member.form_refused("account.html", minijinja::context! { errors })
}

#[derive(Debug, Deserialize)]
struct Return {
    next: Option<String>,
}

/// `GET /language/{code}?next=…`: the visitor's choice of language, remembered for a
/// year, then back to the page they were reading. A link, not a form, so that it works
/// from every page, signed in or not; it changes nothing but a preference cookie.
#[get("/language/{code}")]
async fn choose_language(
    visitor: Visitor,
    code: web::Path<String>,
    back: web::Query<Return>,
) -> Result<HttpResponse, PageError> {
    let Ok(language) = code.parse::<PageLanguage>() else {
        return Err(PageError::not_found(visitor.language, visitor.signed_in()));
    };
    let next = safe_next(back.next.as_deref().unwrap_or("/"));
    Ok(visitor
        .redirect(next)
        .cookie(language.cookie(visitor.cookies.secure))
        .finish())
}
