//! Registering an organisation with its first applicant account (no sign-in needed), and
//! how registration keeps which accounts exist to itself.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::kind::{same_holder, OrgType};
use super::model::{self, NewOrganization, OrganizationView};
use crate::db::Tx;
use crate::domain::{CountryCode, Email, Role};
use crate::error::{AppError, Rule};
use crate::users::{NewUser, User, UserView};

/// A registration as the public sends it, the applicant's password already hashed (the
/// same hashing whether or not the email has an account).
#[derive(Debug)]
pub struct Registration {
    pub legal_name: String,
    pub org_type: OrgType,
    pub country: CountryCode,
    pub registered_on: NaiveDate,
    pub direct_assistance_since: NaiveDate,
    pub psea_measures_since: Option<NaiveDate>,
    pub unpp_id: String,
    pub bank_account_holder: String,
    pub contact_email: String,
    pub applicant: NewApplicant,
}

/// An applicant account to open for an organisation; the password is already hashed.
#[derive(Debug)]
pub struct NewApplicant {
    pub email: Email,
    pub name: String,
    pub password_hash: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegisteredView {
    #[serde(flatten)]
    pub organization: OrganizationView,
    /// The first applicant account, which can sign in at once.
    pub applicant: UserView,
}

/// The event of the mail an existing account's owner gets (`registration_attempt`).
const ATTEMPT_EVENT: &str = "registration.attempted";

/// THE place where the owner of an existing account learns that someone tried to
/// register with its email: a mail to that owner (queued in the registration's
/// transaction), at most one an hour, and a log line naming the account by id, never by
/// email. The answer is the same as for a new address, mail or not.
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
    super::notices::registration_attempt(tx, existing)
}

/// The dates and the holder: rules between the fields and today.
fn check(new: &Registration, today: NaiveDate) -> Result<(), AppError> {
    if new.registered_on > today {
        return Err(AppError::bad_field(
            "registered_on",
            "must not be in the future",
        ));
    }
    if new.direct_assistance_since > today {
        return Err(AppError::bad_field(
            "direct_assistance_since",
            "must not be in the future",
        ));
    }
    if !same_holder(&new.legal_name, &new.bank_account_holder) {
        return Err(AppError::rule_on_field(
            Rule::BankAccountHolder,
            "bank_account_holder",
            format!(
                "the bank account must be held in the organisation's own name ({:?}), not {:?}",
                new.legal_name, new.bank_account_holder
            ),
        ));
    }
    Ok(())
}

/// Registers an organisation, `pending` until the secretariat verifies it, and its first
/// applicant account.
///
/// An email that already has an account gets the same answer as a new one (the same
/// checks, the same body) and nothing is stored: registration does not reveal which
/// accounts exist.
pub fn register(tx: &mut Tx, new: Registration) -> Result<RegisteredView, AppError> {
    check(&new, tx.now().date())?;
    let Registration {
        applicant:
            NewApplicant {
                email,
                name,
                password_hash,
            },
        ..
    } = new;
    let new_org = NewOrganization {
        legal_name: new.legal_name,
        org_type: new.org_type,
        country: new.country,
        registered_on: new.registered_on,
        direct_assistance_since: new.direct_assistance_since,
        psea_measures_since: new.psea_measures_since,
        unpp_id: new.unpp_id,
        bank_account_holder: new.bank_account_holder,
        contact_email: new.contact_email,
    };
    let (org, user) =
        if let Some(existing) = crate::users::find_by_email(tx.conn(), email.as_str())? {
            // Answered exactly as a new email would be; nothing is stored and the ids name
            // nothing.
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
            (org, user)
        } else {
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
            super::notices::organization_registered(tx, &org)?;
            (org, user)
        };
    Ok(RegisteredView {
        organization: OrganizationView::from(&org),
        applicant: UserView::from(&user),
    })
}
