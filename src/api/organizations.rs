//! `POST /api/v1/organizations/register` (public), `GET /api/v1/organizations`,
//! `GET …/{id}`, `PATCH …/{id}`, `POST …/{id}/verification` and `POST …/{id}/users`.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use super::{only, Allowed, Public};
use crate::auth::{hashing, Password};
use crate::config::DocumentSettings;
use crate::db::Db;
use crate::documents::{self, ReceivedFile};
use crate::domain::{CountryCode, Email, OrganizationId, PostalAddress, ShortText, Text};
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};
use crate::organizations::{
    self, NewApplicant, OrgState, OrgType, OrganizationFilter, OrganizationView, ProfileEdit,
    RegisteredView, Registration, Verification,
};
use crate::users::UserView;

crate::page_names!(OrganizationView => OrganizationPage);

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(register_organization)
        .service(list_organizations)
        .service(get_organization)
        .service(update_organization)
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
    let registered = register(&anyone, &db, body.into_inner(), None).await?;
    Ok(HttpResponse::Created().json(registered))
}

/// The registration certificate the portal's `/register` sends with a registration.
#[derive(Debug)]
pub struct Certificate {
    pub title: ShortText,
    pub file: ReceivedFile,
    pub limits: DocumentSettings,
}

/// The registration use case, for the API and the portal's `/register` alike: the
/// password hashed (whether or not the email has an account), then one write, which
/// keeps the certificate too when one is sent (a refused file leaves nothing stored).
pub async fn register(
    anyone: &Public,
    db: &Db,
    body: RegisterRequest,
    certificate: Option<Certificate>,
) -> Result<RegisteredView, AppError> {
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
    anyone
        .write(db, move |tx| {
            let registered = organizations::register(tx, registration)?;
            if let Some(Certificate {
                title,
                file,
                limits,
            }) = certificate
            {
                documents::attach_at_registration(
                    tx,
                    registered.organization.id,
                    registered.applicant.id,
                    title,
                    file,
                    limits,
                )?;
            }
            Ok(registered)
        })
        .await
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

/// Tells a field sent as `null` (`Some(None)`: clear it) from one left out (`None`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// [`present`] for a date in years 1 to 9999.
fn present_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<NaiveDate>>, D::Error> {
    crate::domain::optional_date(deserializer).map(Some)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = UpdateOrganizationRequest)]
pub struct UpdateRequest {
    /// The organisation's `version` as read: an edit of an older one is a 409.
    pub version: i64,
    /// A change sends the organisation back to verification.
    pub legal_name: Option<ShortText>,
    /// The legal name (case and spacing aside); a change sends the organisation back to
    /// verification.
    pub bank_account_holder: Option<ShortText>,
    #[schema(value_type = Option<String>, format = "email", max_length = 254)]
    pub contact_email: Option<Email>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<ShortText>, nullable = true, required = false)]
    pub contact_name: Option<Option<ShortText>>,
    /// Digits, spaces and `+ - ( ) .`, at most 32 characters; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, nullable = true, required = false, max_length = 32, pattern = r"^[0-9 +().-]*[0-9][0-9 +().-]*$")]
    pub contact_phone: Option<Option<ShortText>>,
    /// Lines as the country writes them; `null` clears it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<PostalAddress>, nullable = true, required = false)]
    pub postal_address: Option<Option<PostalAddress>>,
    /// The secretariat only: a correction of the date of registration, not in the future.
    #[serde(default, deserialize_with = "crate::domain::optional_date")]
    pub registered_on: Option<NaiveDate>,
    /// Not in the future.
    #[serde(default, deserialize_with = "crate::domain::optional_date")]
    pub direct_assistance_since: Option<NaiveDate>,
    /// `null`: the organisation has no such measures (any more).
    #[serde(default, deserialize_with = "present_date")]
    #[schema(value_type = Option<NaiveDate>, nullable = true, required = false)]
    pub psea_measures_since: Option<Option<NaiveDate>>,
}

/// Edit an organisation's profile (its applicants, the secretariat): contact, postal
/// address, eligibility dates; the legal name and bank account holder, whose change sends
/// a verified organisation back to `pending` (no submission, award or payment until the
/// secretariat verifies it again; its applicants, the secretariat and finance are
/// mailed). Fields left out stay as they are.
///
/// Rules the schema cannot state: `version` is the one last read (409 otherwise); at least one field changes (400); `registered_on` is the secretariat's to correct (400 for an applicant); dates are not in the future; the bank account holder is the legal name, case and spacing aside (422 `bank-account-holder`); `country`, `org_type` and `unpp_id` never change (400: another organisation registers). Another organisation's applicant is told 404.
#[utoipa::path(tag = "organizations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)), request_body = UpdateRequest,
    responses(
        (status = 200, body = OrganizationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "bank-account-holder"),
    ),
    operation_id = "update_organization")]
#[patch("/api/v1/organizations/{id}")]
async fn update_organization(
    caller: Allowed<only::SecretariatOrApplicant>,
    db: web::Data<Db>,
    id: web::Path<OrganizationId>,
    body: Json<UpdateRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = body.into_inner();
    let text = |t: ShortText| t.into_string();
    let edit = ProfileEdit {
        version: body.version,
        legal_name: body.legal_name.map(text),
        bank_account_holder: body.bank_account_holder.map(text),
        contact_email: body.contact_email.map(Email::into_string),
        contact_name: body.contact_name.map(|n| n.map(text)),
        contact_phone: body.contact_phone.map(|p| p.map(text)),
        postal_address: body
            .postal_address
            .map(|a| a.map(PostalAddress::into_string)),
        registered_on: body.registered_on,
        direct_assistance_since: body.direct_assistance_since,
        psea_measures_since: body.psea_measures_since,
    };
    let org = caller
        .write(&db, move |tx| organizations::update_profile(tx, id, edit))
        .await?;
    Ok(HttpResponse::Ok().json(org))
}
