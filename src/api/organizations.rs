//! `POST /api/v1/organizations/register` (public), `GET /api/v1/organizations`,
//! `GET …/{id}`, `POST …/{id}/verification` and `POST …/{id}/users`.

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed, Public};
use crate::auth::{hashing, Password};
use crate::db::Db;
use crate::domain::{CountryCode, Email, OrganizationId, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};
use crate::organizations::{
    self, NewApplicant, OrgState, OrgType, OrganizationFilter, OrganizationView, RegisteredView,
    Registration, Verification,
};
use crate::users::UserView;

crate::page_names!(OrganizationView => OrganizationPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register_organization)
        .service(list_organizations)
        .service(get_organization)
        .service(verify_organization)
        .service(add_organization_user);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = AddApplicantRequest)]
pub struct NewApplicantRequest {
    #[schema(value_type = String, format = "email", max_length = 254)]
    pub email: Email,
    pub name: ShortText,
    /// At least 12 characters.
    #[schema(value_type = String, format = "password", min_length = 12, max_length = 128, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*$")]
    pub password: Password,
}

impl NewApplicantRequest {
    /// The account to open, its password hashed (bounded, off the async workers).
    async fn hashed(self) -> Result<NewApplicant, AppError> {
        Ok(NewApplicant {
            email: self.email,
            name: self.name.into_string(),
            password_hash: hashing::hash(self.password).await?,
        })
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = RegisterOrganizationRequest)]
pub struct RegisterRequest {
    pub legal_name: ShortText,
    pub org_type: OrgType,
    /// Country of registration: a UN Member State (ISO 3166-1 alpha-2).
    #[schema(example = "KE")]
    pub country: CountryCode,
    /// Date of registration, not in the future.
    #[serde(deserialize_with = "crate::domain::date")]
    pub registered_on: NaiveDate,
    /// Since when it has given direct assistance to victims, not in the future
    /// (eligibility: at least one year before applying).
    #[serde(deserialize_with = "crate::domain::date")]
    pub direct_assistance_since: NaiveDate,
    /// Since when its measures against sexual exploitation and abuse (PSEA) are in place;
    /// `null` if it has none yet (eligibility requires them).
    #[serde(default, deserialize_with = "crate::domain::optional_date")]
    pub psea_measures_since: Option<NaiveDate>,
    /// UN Partner Portal id; one registration per id.
    pub unpp_id: ShortText,
    /// Must be the legal name (case and spacing aside): the account is in its own name.
    pub bank_account_holder: ShortText,
    #[schema(value_type = String, format = "email", max_length = 254)]
    pub contact_email: Email,
    pub applicant: NewApplicantRequest,
}

/// Register an organisation and its first applicant account (no sign-in needed). The
/// organisation starts `pending` until the secretariat verifies it.
///
/// An email that already has an account gets the same answer as a new one (201, the
/// same body, after the same password hashing) and nothing is stored: registration does
/// not reveal which accounts exist.
///
/// Rules the schema cannot state: `registered_on` and `direct_assistance_since` are not in the future; `bank_account_holder` is the legal name, case and spacing aside (422 `bank-account-holder`); one registration per UNPP id.
#[utoipa::path(tag = "organizations",
    request_body = RegisterRequest,
    responses(
        (status = 201, body = RegisteredView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "bank-account-holder"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many registrations from this address; see Retry-After"),
    ),
    operation_id = "register_organization")]
#[post("/api/v1/organizations/register")]
async fn register_organization(
    anyone: Public,
    db: web::Data<Db>,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let registration = Registration {
        legal_name: body.legal_name.into_string(),
        org_type: body.org_type,
        country: body.country,
        registered_on: body.registered_on,
        direct_assistance_since: body.direct_assistance_since,
        psea_measures_since: body.psea_measures_since,
        unpp_id: body.unpp_id.into_string(),
        bank_account_holder: body.bank_account_holder.into_string(),
        contact_email: body.contact_email.into_string(),
        applicant: body.applicant.hashed().await?,
    };
    let registered = anyone
        .write(&db, move |tx| organizations::register(tx, registration))
        .await?;
    Ok(HttpResponse::Created().json(registered))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    pub state: Option<OrgState>,
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

/// List organisations, newest first (staff; an applicant sees only their own).
#[utoipa::path(tag = "organizations", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, body = OrganizationPage)),
    operation_id = "list_organizations")]
#[get("/api/v1/organizations")]
async fn list_organizations(
    caller: Allowed<only::StaffOrApplicant>,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let params = params.into_inner();
    let filter = OrganizationFilter {
        state: params.state,
        page: PageParams {
            limit: params.limit,
            cursor: params.cursor,
        }
        .request()?,
    };
    let page = caller
        .read(&db, move |conn, actor| {
            organizations::list_organizations(conn, actor, filter)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One organisation (staff, or an applicant of it).
#[utoipa::path(tag = "organizations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = OrganizationView)),
    operation_id = "get_organization")]
#[get("/api/v1/organizations/{id}")]
async fn get_organization(
    // Anyone else signed in is told 404 by the use case, as for an id that names nothing.
    caller: Allowed<only::SignedIn>,
    db: web::Data<Db>,
    id: web::Path<OrganizationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let org = caller
        .read(&db, move |conn, actor| {
            organizations::show_organization(conn, actor, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(org))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = VerifyOrganizationRequest)]
pub struct VerificationRequest {
    pub verified: bool,
    /// Required when refusing.
    pub reason: Option<Text>,
}

/// Verify or refuse an organisation, with a reason (secretariat). Deciding what is
/// already so is a 409; a refused organisation may be verified later and vice versa.
///
/// Rules the schema cannot state: A refusal (`verified: false`) needs a `reason`.
#[utoipa::path(tag = "organizations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)), request_body = VerificationRequest,
    responses(
        (status = 200, body = OrganizationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "verify_organization")]
#[post("/api/v1/organizations/{id}/verification")]
async fn verify_organization(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<OrganizationId>,
    body: Json<VerificationRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let decision = Verification {
        verified: body.verified,
        reason: body.reason.map(Text::into_string),
    };
    let org = caller
        .write(&db, move |tx| {
            organizations::verify_organization(tx, id, decision)
        })
        .await?;
    Ok(HttpResponse::Ok().json(org))
}

/// Add another applicant account to the caller's own organisation (verified or not).
#[utoipa::path(tag = "organizations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)), request_body = NewApplicantRequest,
    responses(
        (status = 201, body = UserView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ),
    operation_id = "add_organization_user")]
#[post("/api/v1/organizations/{id}/users")]
async fn add_organization_user(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<OrganizationId>,
    body: Json<NewApplicantRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let new = body.into_inner().hashed().await?;
    let user = caller
        .write(&db, move |tx| organizations::add_applicant(tx, id, new))
        .await?;
    Ok(HttpResponse::Created().json(user))
}
