//! Registration (public), the secretariat's verification, members, and reading.

use crate::api::{only, Allowed, Public};
use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tracing_actix_web::RequestId;
use utoipa::{IntoParams, ToSchema};

use super::kind::{same_holder, OrgState, OrgType};
use super::model::{self, NewOrganization, OrganizationView};
use crate::api::Caller;
use crate::auth::{Password, Role};
use crate::db::{Actor, Db, Tx};
use crate::domain::{CountryCode, Email, OrganizationId, ShortText, Text};
use crate::error::Rule;
use crate::error::{AppError, Problem};
use crate::http::{Json, PageParams, Query};
use crate::users::{NewUser, User, UserView};

crate::page_names!(OrganizationView => OrganizationPage);

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

#[derive(Debug, Serialize, ToSchema)]
pub struct RegisteredView {
    #[serde(flatten)]
    pub organization: OrganizationView,
    /// The first applicant account, which can sign in at once.
    pub applicant: UserView,
}

async fn hash(password: Password) -> Result<String, AppError> {
    crate::auth::hashing::hash(password).await
}

/// The event of the mail an existing account's owner gets (`registration_attempt`).
const ATTEMPT_EVENT: &str = "registration.attempted";

/// THE place where the owner of an existing account learns that someone tried to
/// register with its email: a mail to that owner (queued in the registration's
/// transaction), at most one an hour, and a log line naming the account by id, never by
/// email. The HTTP answer is the same as for a new address, mail or not.
///
/// The hour is counted in the outbox itself: a mail of this event queued for this account
/// in the last hour means none now. Write transactions are serialised by the database
/// (see `Tx`), so a flood through several instances still queues one.
fn existing_account_registered(tx: &mut Tx, existing: &User) -> Result<(), AppError> {
    use crate::db::schema::notifications as n;
    use diesel::prelude::*;
    let since = tx.now() - chrono::Duration::hours(1);
    let told: i64 = n::table
        .filter(n::recipient_user_id.eq(existing.id.to_string()))
        .filter(n::event.eq(ATTEMPT_EVENT))
        .filter(n::created_at.gt(since))
        .count()
        .get_result(tx.conn())?;
    tracing::info!(
        user_id = %existing.id,
        told_within_the_hour = told > 0,
        "registration with the email of an existing account: answered as if new"
    );
    if told > 0 {
        return Ok(());
    }
    crate::organizations::notices::registration_attempt(tx, existing)
}

/// Register an organisation and its first applicant account (no sign-in needed). The
/// organisation starts `pending` until the secretariat verifies it.
///
/// An email that already has an account gets the same answer as a new one (201, the
/// same body, after the same password hashing) and nothing is stored: registration does
/// not reveal which accounts exist.
#[utoipa::path(post, path = "/api/v1/organizations/register", tag = "organizations",
    request_body = RegisterRequest,
    responses(
        (status = 201, body = RegisteredView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "bank-account-holder"),
        (status = 429, body = Problem, content_type = "application/problem+json", description = "Too many registrations from this address; see Retry-After"),
    ))]
pub async fn register(
    _anyone: Public,
    db: web::Data<Db>,
    request_id: RequestId,
    body: Json<RegisterRequest>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let today = chrono::Utc::now().date_naive();
    if body.registered_on > today {
        return Err(AppError::bad_field(
            "registered_on",
            "must not be in the future",
        ));
    }
    if body.direct_assistance_since > today {
        return Err(AppError::bad_field(
            "direct_assistance_since",
            "must not be in the future",
        ));
    }
    if !same_holder(body.legal_name.as_str(), body.bank_account_holder.as_str()) {
        return Err(AppError::rule_on_field(
            Rule::BankAccountHolder,
            "bank_account_holder",
            format!(
                "the bank account must be held in the organisation's own name ({:?}), not {:?}",
                body.legal_name.as_str(),
                body.bank_account_holder.as_str()
            ),
        ));
    }
    let password_hash = hash(body.applicant.password).await?;
    let new_org = NewOrganization {
        legal_name: body.legal_name.into_string(),
        org_type: body.org_type,
        country: body.country,
        registered_on: body.registered_on,
        direct_assistance_since: body.direct_assistance_since,
        psea_measures_since: body.psea_measures_since,
        unpp_id: body.unpp_id.into_string(),
        bank_account_holder: body.bank_account_holder.into_string(),
        contact_email: body.contact_email.into_string(),
    };
    let (email, name) = (body.applicant.email, body.applicant.name.into_string());
    let actor = Actor {
        user_id: None,
        organization_id: None,
        role: Some("public".to_string()),
        request_id: request_id.to_string(),
    };
    let (org, user) = db
        .write(actor, move |tx| {
            if let Some(existing) = crate::users::find_by_email(tx.conn(), email.as_str())? {
                // Answered exactly as a new email would be (the same checks, the same 201
                // and body), so registration does not tell anyone which accounts exist;
                // nothing is stored and the ids name nothing.
                let org = model::prepare(tx, new_org)?;
                existing_account_registered(tx, &existing)?;
                let now = tx.now();
                let user = User {
                    id: crate::domain::UserId::new(),
                    email: email.into_string(),
                    name,
                    role: Role::Applicant,
                    organization_id: Some(org.id),
                    password_hash: String::new(),
                    enabled: true,
                    created_at: now,
                    updated_at: now,
                    language: crate::domain::Language::En,
                };
                return Ok((org, user));
            }
            let org = model::create(tx, new_org)?;
            let user = crate::users::create_user(
                tx,
                NewUser {
                    email,
                    name,
                    role: Role::Applicant,
                    organization_id: Some(org.id),
                    password_hash,
                },
            )?;
            crate::organizations::notices::organization_registered(tx, &org)?;
            Ok((org, user))
        })
        .await?;
    Ok(HttpResponse::Created().json(RegisteredView {
        organization: OrganizationView::from(&org),
        applicant: UserView::from(&user),
    }))
}

/// Who may see an organisation: staff, and its own applicants. Anyone else is told 404.
pub(super) fn may_see(caller: &Caller, id: OrganizationId) -> bool {
    caller.role().is_staff()
        || (caller.role() == Role::Applicant && caller.organization_id() == Some(id))
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
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations", security(("bearer" = [])),
    params(ListParams),
    responses((status = 200, body = OrganizationPage)))]
pub async fn list(
    caller: Caller,
    db: web::Data<Db>,
    params: Query<ListParams>,
) -> Result<HttpResponse, AppError> {
    let only = match caller.role() {
        role if role.is_staff() => None,
        Role::Applicant => Some(caller.organization_id().ok_or(AppError::Forbidden)?),
        _ => return Err(AppError::Forbidden),
    };
    let params = params.into_inner();
    let page = PageParams {
        limit: params.limit,
        cursor: params.cursor,
    };
    let (request, state) = (page.request()?, params.state);
    let page = db
        .read(move |conn| model::list(conn, state, only, &request))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One organisation (staff, or an applicant of it).
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "organizations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = OrganizationView)))]
pub async fn get(
    caller: Caller,
    db: web::Data<Db>,
    id: web::Path<OrganizationId>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !may_see(&caller, id) {
        return Err(AppError::NotFound);
    }
    let org = db
        .read(move |conn| model::find(conn, id))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(OrganizationView::from(&org)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = VerifyOrganizationRequest)]
pub struct VerificationRequest {
    pub verified: bool,
    /// Required when refusing.
    pub reason: Option<Text>,
}

/// Verify or refuse an organisation, with a reason (secretariat). Deciding what is
/// already so is a 409; a refused organisation may be verified later and vice versa.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/verification", tag = "organizations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)), request_body = VerificationRequest,
    responses(
        (status = 200, body = OrganizationView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn verify(
    caller: Allowed<only::Secretariat>,
    db: web::Data<Db>,
    id: web::Path<OrganizationId>,
    body: Json<VerificationRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !may_see(&caller, id) {
        return Err(AppError::NotFound);
    }
    let body = body.into_inner();
    if !body.verified && body.reason.is_none() {
        return Err(AppError::bad_field("reason", "a refusal needs a reason"));
    }
    let to = if body.verified {
        OrgState::Verified
    } else {
        OrgState::Refused
    };
    let reason = body.reason.map(Text::into_string);
    let org = db
        .write(caller.actor(), move |tx| model::decide(tx, id, to, reason))
        .await?;
    Ok(HttpResponse::Ok().json(OrganizationView::from(&org)))
}

/// Add another applicant account to the caller's own organisation (verified or not).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/users", tag = "organizations", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)), request_body = NewApplicantRequest,
    responses(
        (status = 201, body = UserView),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_user(
    caller: Allowed<only::Applicant>,
    db: web::Data<Db>,
    id: web::Path<OrganizationId>,
    body: Json<NewApplicantRequest>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !may_see(&caller, id) {
        return Err(AppError::NotFound);
    }
    let body = body.into_inner();
    let password_hash = hash(body.password).await?;
    let new = NewUser {
        email: body.email,
        name: body.name.into_string(),
        role: Role::Applicant,
        organization_id: Some(id),
        password_hash,
    };
    let user = db
        .write(caller.actor(), move |tx| {
            model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
            crate::users::create_user(tx, new)
        })
        .await?;
    Ok(HttpResponse::Created().json(UserView::from(&user)))
}
