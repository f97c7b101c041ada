//! `/api/v1/me` and the admin's `/api/v1/users` endpoints.

use crate::api::{only, Allowed};
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::model::{self, NewUser, UserView};
use crate::api::Caller;
use crate::auth::{hash_password, Password, Role};
use crate::db::Db;
use crate::domain::{Email, Language, OrganizationId, ShortText, UserId};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};

crate::page_names!(UserView => UserPage);

/// The caller, with role and organisation.
#[utoipa::path(get, path = "/api/v1/me", tag = "users", security(("bearer" = [])),
    responses((status = 200, body = UserView)))]
pub async fn me(caller: Caller, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let me = caller.clone();
    let user = caller.read(&db, move |conn, _| me.account(conn)).await?;
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = UpdateMeRequest)]
pub struct UpdateMeRequest {
    /// The language of the caller's mail from now on.
    pub language: Option<Language>,
}

/// Change the caller's own settings (any signed-in user): today the language their mail
/// is written in (`en` or `fr`). Mail already queued keeps its language.
#[utoipa::path(patch, path = "/api/v1/me", tag = "users", security(("bearer" = [])),
    request_body = UpdateMeRequest,
    responses((status = 200, body = UserView)))]
pub async fn update_me(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    body: Json<UpdateMeRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let id = caller.id();
    let user = match body.language {
        None => {
            let me = caller.clone();
            caller.read(&db, move |conn, _| me.account(conn)).await?
        }
        Some(language) => {
            db.write(caller.actor(), move |tx| {
                model::set_language(tx, id, language)
            })
            .await?
        }
    };
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    #[schema(value_type = String, format = "email", max_length = 254)]
    pub email: Email,
    pub name: ShortText,
    pub role: Role,
    /// At least 12 characters.
    #[schema(value_type = String, format = "password", min_length = 12, max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub password: Password,
    /// Required for applicants: the organisation they act for.
    pub organization_id: Option<Uuid>,
}

/// Create an account (admin). Applicants need an organisation.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    body: Json<CreateUserRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    match (body.role, body.organization_id) {
        (Role::Applicant, None) => {
            return Err(AppError::bad_field(
                "organization_id",
                "an applicant account needs the organisation it acts for",
            ))
        }
        (Role::Applicant, Some(_)) => {}
        (_, Some(_)) => {
            return Err(AppError::bad_field(
                "organization_id",
                "only applicant accounts belong to an organisation",
            ))
        }
        (_, None) => {}
    }
    let password_hash = web::block(move || hash_password(body.password.expose()))
        .await?
        .map_err(AppError::internal)?;
    let new = NewUser {
        email: body.email,
        name: body.name.into_string(),
        role: body.role,
        organization_id: body.organization_id.map(OrganizationId::from),
        password_hash,
    };
    let user = db
        .write(caller.actor(), move |tx| {
            if let Some(org) = new.organization_id {
                if !crate::organizations::exists(tx.conn(), org)? {
                    return Err(AppError::bad_field(
                        "organization_id",
                        "no such organisation",
                    ));
                }
            }
            model::create_user(tx, new)
        })
        .await?;
    Ok(HttpResponse::Created().json(UserView::from(&user)))
}

/// List accounts, newest first (admin).
#[utoipa::path(get, path = "/api/v1/users", tag = "users", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = UserPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Admin])?;
    let limit = page.limit()?;
    let cursor = page.cursor()?;
    let page = db
        .read(move |conn| model::list(conn, limit, cursor))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One account (admin).
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    caller.require(&[Role::Admin])?;
    let id = id.into_inner();
    let user = db
        .read(move |conn| model::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub name: Option<ShortText>,
    pub role: Option<Role>,
    /// `false` disables the account: it cannot sign in and its live tokens stop working.
    pub enabled: Option<bool>,
}

/// Rename, change the role of, disable or re-enable an account (admin).
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    id: web::Path<UserId>,
    body: Json<UpdateUserRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    if id == caller.id()
        && (body.enabled == Some(false) || body.role.is_some_and(|r| r != Role::Admin))
    {
        return Err(AppError::conflict(
            "an administrator cannot disable or demote their own account",
        ));
    }
    let user = db
        .write(caller.actor(), move |tx| {
            let current = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
            if body
                .role
                .is_some_and(|r| (r == Role::Applicant) != current.organization_id.is_some())
            {
                return Err(AppError::bad_field(
                    "role",
                    "only accounts that belong to an organisation can be applicants",
                ));
            }
            if body.enabled == Some(false) {
                // Re-enabling later must not revive the tokens issued before.
                crate::auth::sessions::end_all(tx, id)?;
            }
            model::update_user(
                tx,
                id,
                body.name.map(ShortText::into_string),
                body.role,
                body.enabled,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(UserView::from(&user)))
}
