//! `/api/v1/me` and the admin's `/api/v1/users`.

use actix_web::{get, patch, post, web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use super::{only, Allowed};
use crate::auth::{self, Password, Role};
use crate::db::Db;
use crate::domain::{Email, Language, OrganizationId, ShortText, UserId};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};
use crate::users::{self, AccountChange, MyChange, NewAccount, UserView};

crate::page_names!(UserView => UserPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(get_me)
        .service(update_me)
        .service(create_user)
        .service(list_users)
        .service(get_user)
        .service(update_user);
}

/// The caller, with role and organisation.
#[utoipa::path(tag = "users", security(("bearer" = [])),
    responses((status = 200, body = UserView)),
    operation_id = "get_me")]
#[get("/api/v1/me")]
async fn get_me(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let user = caller.read(&db, users::show_me).await?;
    Ok(HttpResponse::Ok().json(user))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = UpdateMeRequest)]
pub struct UpdateMeRequest {
    /// The language of the caller's mail from now on.
    pub language: Option<Language>,
}

/// Change the caller's own settings (any signed-in user): today the language their mail
/// is written in (`en` or `fr`). Mail already queued keeps its language.
#[utoipa::path(tag = "users", security(("bearer" = [])),
    request_body = UpdateMeRequest,
    responses((status = 200, body = UserView)),
    operation_id = "update_me")]
#[patch("/api/v1/me")]
async fn update_me(
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    body: Json<UpdateMeRequest>,
) -> Result<HttpResponse, AppError> {
    let change = MyChange {
        language: body.into_inner().language,
    };
    let user = caller
        .write(&db, move |tx| users::update_me(tx, change))
        .await?;
    Ok(HttpResponse::Ok().json(user))
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
///
/// Rules the schema cannot state: `organization_id` is required for an applicant account, refused for any other role, and names an organisation.
#[utoipa::path(tag = "users", security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, body = UserView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "create_user")]
#[post("/api/v1/users")]
async fn create_user(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    body: Json<CreateUserRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let password_hash = auth::hashing::hash(body.password).await?;
    let new = NewAccount {
        email: body.email,
        name: body.name.into_string(),
        role: body.role,
        organization_id: body.organization_id.map(OrganizationId::from),
        password_hash,
    };
    let user = caller
        .write(&db, move |tx| users::open_account(tx, new))
        .await?;
    Ok(HttpResponse::Created().json(user))
}

/// List accounts, newest first (admin).
#[utoipa::path(tag = "users", security(("bearer" = [])), params(PageParams),
    responses((status = 200, body = UserPage)),
    operation_id = "list_users")]
#[get("/api/v1/users")]
async fn list_users(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    page: Query<PageParams>,
) -> Result<HttpResponse, AppError> {
    let request = page.request()?;
    let page = caller
        .read(&db, move |conn, actor| {
            users::list_users(conn, actor, request)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One account (admin).
#[utoipa::path(tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = UserView)),
    operation_id = "get_user")]
#[get("/api/v1/users/{id}")]
async fn get_user(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    id: web::Path<UserId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let user = caller
        .read(&db, move |conn, actor| users::show_user(conn, actor, id))
        .await?;
    Ok(HttpResponse::Ok().json(user))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    pub name: Option<ShortText>,
    pub role: Option<Role>,
    /// `false` disables the account: it cannot sign in and its live tokens stop working.
    pub enabled: Option<bool>,
}

/// Rename, change the role of, disable or re-enable an account (admin).
#[utoipa::path(tag = "users", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = UpdateUserRequest,
    responses(
        (status = 200, body = UserView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "update_user")]
#[patch("/api/v1/users/{id}")]
async fn update_user(
    caller: Allowed<only::Admin>,
    db: web::Data<Db>,
    id: web::Path<UserId>,
    body: Json<UpdateUserRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let change = AccountChange {
        name: body.name.map(ShortText::into_string),
        role: body.role,
        enabled: body.enabled,
    };
    let user = caller
        .write(&db, move |tx| users::update_account(tx, id, change))
        .await?;
    Ok(HttpResponse::Ok().json(user))
}
