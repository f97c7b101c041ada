//! `/users`: the accounts, for the administrator, through the API's use cases
//! (`users::list_users`, `open_account`, `update_account`, `auth::reset_password`).
//! Passwords are hashed before the transaction opens, as the API does.

use std::collections::HashMap;

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::{Serde, Value};
use serde::{Deserialize, Serialize};

use super::PageQuery;
use crate::auth::{self, hashing, Password, PasswordReset};
use crate::db::{Actor, Db, DbConnection, Page};
use crate::domain::{Email, OrganizationId, Role, ShortText, UserId};
use crate::error::AppError;
use crate::http::PageParams;
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;
use crate::users::{self, AccountChange, NewAccount, UserView};

/// The roles an administrator opens accounts for here. An applicant's account comes with
/// its organisation's registration (or the API, which names the organisation).
const OPENED_HERE: [Role; 5] = [
    Role::Secretariat,
    Role::Finance,
    Role::Trustee,
    Role::Auditor,
    Role::Admin,
];

/// One account as the list shows it.
#[derive(Debug, Serialize)]
struct Listed {
    #[serde(flatten)]
    user: UserView,
    organization: Option<String>,
}

/// The names of the organisations these accounts act for.
fn organization_names(
    conn: &mut DbConnection,
    actor: &Actor,
    accounts: &[UserView],
) -> Result<HashMap<OrganizationId, String>, AppError> {
    let mut names = HashMap::new();
    for id in accounts.iter().filter_map(|u| u.organization_id) {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(id) {
            let org = crate::organizations::show_organization(conn, actor, id)?;
            slot.insert(org.legal_name);
        }
    }
    Ok(names)
}

fn with_organizations(
    conn: &mut DbConnection,
    actor: &Actor,
    accounts: Vec<UserView>,
) -> Result<Vec<Listed>, AppError> {
    let names = organization_names(conn, actor, &accounts)?;
    Ok(accounts
        .into_iter()
        .map(|user| Listed {
            organization: user.organization_id.and_then(|id| names.get(&id).cloned()),
            user,
        })
        .collect())
}

/// `GET /users`: every account, newest first.
#[get("/users")]
pub(super) async fn users_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let request = PageParams {
        limit: None,
        cursor: query.cursor.clone(),
    }
    .request()
    .map_err(|error| member.failed(error))?;
    let (users, next_cursor) = member
        .read(&db, move |conn, actor| {
            let Page { items, next_cursor } = users::list_users(conn, actor, request)?;
            Ok((with_organizations(conn, actor, items)?, next_cursor))
        })
        .await?;
    member.page(
        "admin_users.html",
        minijinja::context! {
            users => Serde(users),
            next_cursor,
            later_page => query.cursor.is_some(),
        },
    )
}

/// The new account's form, as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
struct NewUserForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    #[serde(default, skip_serializing)]
    password: String,
}

fn role_options(language: PageLanguage) -> Value {
    let choose = minijinja::context! {
        value => "", label => messages::plain(language, "admin-role-choose"),
    };
    let roles = OPENED_HERE.iter().map(|role| {
        minijinja::context! {
            value => role.as_str(),
            label => messages::plain(language, &format!("role-{}", role.as_str())),
        }
    });
    Value::from(std::iter::once(choose).chain(roles).collect::<Vec<_>>())
}

fn new_user_form(
    member: &Member,
    form: &NewUserForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        form => Serde(form),
        roles => role_options(member.language),
        min => Password::MIN_CHARS,
        errors,
    };
    if refused {
        member.form_refused("admin_user_new.html", context)
    } else {
        member.page("admin_user_new.html", context)
    }
}

/// `GET /users/new`.
#[get("/users/new")]
pub(super) async fn new_user_page(member: Member) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    new_user_form(&member, &NewUserForm::default(), FormErrors::new())
}

fn refused_text(language: PageLanguage, reason: impl ToString) -> String {
    messages::text(
        language,
        "field-refused",
        &[("reason", reason.to_string().into())],
    )
}

/// The typed password, or its problem under `field`.
fn password_of(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<Password> {
    match Password::parse(typed.to_string()) {
        Ok(password) => Some(password),
        Err(_) => {
            errors.add(
                field,
                messages::text(
                    language,
                    "admin-password-too-weak",
                    &[("min", (Password::MIN_CHARS as i64).into())],
                ),
            );
            None
        }
    }
}

/// The form checked into what `open_account` takes (the password still to hash).
fn account_of(
    form: &NewUserForm,
    language: PageLanguage,
) -> Result<(Email, ShortText, Role, Password), FormErrors> {
    let mut errors = FormErrors::new();
    let name = if form.name.trim().is_empty() {
        errors.add("name", messages::plain(language, "admin-name-missing"));
        None
    } else {
        ShortText::parse(&form.name)
            .map_err(|refused| errors.add("name", refused_text(language, refused)))
            .ok()
    };
    let email = if form.email.trim().is_empty() {
        errors.add("email", messages::plain(language, "admin-email-missing"));
        None
    } else {
        Email::parse(&form.email)
            .map_err(|_| errors.add("email", messages::plain(language, "admin-email-invalid")))
            .ok()
    };
    let role = Role::parse(&form.role).filter(|role| OPENED_HERE.contains(role));
    if role.is_none() {
        errors.add("role", messages::plain(language, "admin-role-missing"));
    }
    let password = password_of(&form.password, "password", language, &mut errors);
    match (email, name, role, password) {
        (Some(email), Some(name), Some(role), Some(password)) if errors.is_empty() => {
            Ok((email, name, role, password))
        }
        _ => Err(errors),
    }
}

/// A refusal by the accounts' use cases, beside the field it is about.
fn refusal(member: &Member, error: AppError, whole: &str) -> Result<FormErrors, PageError> {
    if matches!(error, AppError::Conflict(_)) && whole == "email" {
        let mut errors = FormErrors::new();
        errors.add(
            "email",
            messages::plain(member.language, "admin-email-taken"),
        );
        return Ok(errors);
    }
    FormErrors::of_refusal(member.language, &error, whole, |field| match field {
        "email" | "name" | "role" | "password" | "new_password" => field.to_string(),
        _ => whole.to_string(),
    })
    .ok_or_else(|| member.failed(error))
}

/// `POST /users/new`: opens the account.
#[post("/users/new")]
pub(super) async fn post_new_user(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let form: NewUserForm = member.read_form(&body)?;
    let (email, name, role, password) = match account_of(&form, member.language) {
        Ok(account) => account,
        Err(errors) => return new_user_form(&member, &form, errors),
    };
    let password_hash = hashing::hash(password)
        .await
        .map_err(|error| member.failed(error))?;
    let new = NewAccount {
        email,
        name: name.into_string(),
        role,
        organization_id: None,
        password_hash,
    };
    let opened = member
        .caller
        .write(&db, move |tx| users::open_account(tx, new))
        .await;
    match opened {
        Ok(user) => Ok(member
            .redirect(&format!("/users/{}?done=created", user.id))
            .finish()),
        Err(error) => {
            let errors = refusal(&member, error, "email")?;
            new_user_form(&member, &form, errors)
        }
    }
}

fn user_id(member: &Member, path: &str) -> Result<UserId, PageError> {
    path.parse::<uuid::Uuid>()
        .map(UserId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

/// One account and what can be done to it.
async fn user_form(
    member: &Member,
    db: &Db,
    id: UserId,
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let account = member
        .read(db, move |conn, actor| {
            let user = users::show_user(conn, actor, id)?;
            Ok(with_organizations(conn, actor, vec![user])?.pop())
        })
        .await?
        .ok_or_else(|| member.failed(AppError::NotFound))?;
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        account => Serde(account),
        own => member.caller.id() == id,
        min => Password::MIN_CHARS,
        errors,
        done => done.filter(|d| matches!(*d, "created" | "enabled" | "disabled" | "password")),
    };
    if refused {
        member.form_refused("admin_user.html", context)
    } else {
        member.page("admin_user.html", context)
    }
}

/// `GET /users/{id}`.
#[get("/users/{id}")]
pub(super) async fn user_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let id = user_id(&member, &path)?;
    user_form(&member, &db, id, FormErrors::new(), query.done.as_deref()).await
}

#[derive(Debug, Deserialize)]
struct EnabledForm {
    #[serde(default)]
    enabled: String,
}

/// `POST /users/{id}/enabled`: disables the account (it cannot sign in, and its sessions
/// end) or enables it again.
#[post("/users/{id}/enabled")]
pub(super) async fn post_enabled(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let id = user_id(&member, &path)?;
    let form: EnabledForm = member.read_form(&body)?;
    let enabled = match form.enabled.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(member.failed(AppError::bad_field("enabled", "true or false"))),
    };
    let change = AccountChange {
        enabled: Some(enabled),
        ..AccountChange::default()
    };
    let changed = member
        .caller
        .write(&db, move |tx| users::update_account(tx, id, change))
        .await;
    match changed {
        Ok(_) => {
            let done = if enabled { "enabled" } else { "disabled" };
            Ok(member
                .redirect(&format!("/users/{id}?done={done}"))
                .finish())
        }
        Err(error) => {
            let errors = refusal(&member, error, "enabled")?;
            user_form(&member, &db, id, errors, None).await
        }
    }
}

#[derive(Debug, Deserialize)]
struct PasswordForm {
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

/// `POST /users/{id}/password`: sets a new password the administrator hands over; every
/// session of the account ends.
#[post("/users/{id}/password")]
pub(super) async fn post_password(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let id = user_id(&member, &path)?;
    let form: PasswordForm = member.read_form(&body)?;
    let language = member.language;
    let mut errors = FormErrors::new();
    let password = password_of(&form.new_password, "new_password", language, &mut errors);
    if form.confirm_password != form.new_password {
        errors.add(
            "confirm_password",
            messages::plain(language, "account-confirm-differs"),
        );
    }
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return user_form(&member, &db, id, errors, None).await;
    };
    let new_hash = hashing::hash(password)
        .await
        .map_err(|error| member.failed(error))?;
    let reset = PasswordReset { user: id, new_hash };
    let done = member
        .caller
        .write(&db, move |tx| auth::reset_password(tx, reset))
        .await;
    match done {
        Ok(()) => Ok(member
            .redirect(&format!("/users/{id}?done=password"))
            .finish()),
        Err(error) => {
            let errors = refusal(&member, error, "new_password")?;
            user_form(&member, &db, id, errors, None).await
        }
    }
}

/// `GET /users/{id}/enabled` and `/users/{id}/password`: where a refused form's page
/// stands (its language links come back here); the account's page is what to show.
#[get("/users/{id}/{form:enabled|password}")]
pub(super) async fn back_to_user(
    member: Member,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Admin])?;
    let id = user_id(&member, &path.0)?;
    Ok(member.redirect(&format!("/users/{id}")).finish())
}
