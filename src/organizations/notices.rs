//! Organisation registered, verified or refused: mail to the organisation's own enabled
//! applicant accounts (nobody else's organisation is ever named to them); and the owner
//! of an address someone tried to register with.

use super::{OrgState, Organization};
use crate::db::Tx;
use crate::error::AppError;
use crate::notifications::{deliver, Recipient};
use crate::users::recipients;
use crate::users::User;

/// Queues the secretariat's decision on `org` (verified or refused) for each of its
/// applicant accounts, in their language, in the decision's transaction.
pub fn organization_decided(tx: &mut Tx, org: &Organization) -> Result<(), AppError> {
    let (event, verified) = match org.state {
        OrgState::Verified => ("organization.verified", true),
        OrgState::Refused => ("organization.refused", false),
        OrgState::Pending => return Ok(()),
    };
    let to = recipients::of_organization(tx.conn(), org.id)?;
    deliver(
        tx,
        "organization_decided",
        event,
        &to,
        &minijinja::context! {
            organization => org.legal_name.clone(),
            verified => verified,
            reason => org.state_reason.clone().unwrap_or_default(),
        },
        None,
    )?;
    Ok(())
}

/// Queues "registration received, awaiting verification" for the new organisation's
/// first account, in the registration's transaction.
pub fn organization_registered(tx: &mut Tx, org: &Organization) -> Result<(), AppError> {
    let to = recipients::of_organization(tx.conn(), org.id)?;
    deliver(
        tx,
        "organization_registered",
        "organization.registered",
        &to,
        &minijinja::context! { organization => org.legal_name.clone() },
        None,
    )?;
    Ok(())
}

/// Someone tried to register with the address of an existing account: its owner is told
/// (nothing else: not who tried, nor for what organisation). The HTTP answer does not
/// change.
pub fn registration_attempt(tx: &mut Tx, existing: &User) -> Result<(), AppError> {
    let to: Vec<Recipient> = recipients::user(tx.conn(), existing.id)?
        .into_iter()
        .collect();
    deliver(
        tx,
        "registration_attempt",
        "registration.attempted",
        &to,
        &minijinja::context! {},
        None,
    )?;
    Ok(())
}

/// The organisation's legal name or bank account holder changed (`fields`): its own
/// applicants hear that it awaits verification again (a change one of them did not make
/// is how a taken-over account shows), and the secretariat, which verifies it, and
/// finance, whose payments to it are held meanwhile, hear what changed. Queued in the
/// edit's transaction.
pub fn verification_again(
    tx: &mut Tx,
    before: &Organization,
    after: &Organization,
    fields: &[&str],
) -> Result<(), AppError> {
    let context = minijinja::context! {
        organization => after.legal_name.clone(),
        previous_name => before.legal_name.clone(),
        name_changed => fields.contains(&"legal_name"),
        holder_changed => fields.contains(&"bank_account_holder"),
    };
    let own = recipients::of_organization(tx.conn(), after.id)?;
    deliver(
        tx,
        "organization_reverification",
        "organization.reverification",
        &own,
        &context,
        None,
    )?;
    let mut staff = recipients::with_role(tx.conn(), crate::domain::Role::Secretariat)?;
    staff.extend(recipients::with_role(
        tx.conn(),
        crate::domain::Role::Finance,
    )?);
    deliver(
        tx,
        "organization_changed",
        "organization.changed",
        &staff,
        &context,
        None,
    )?;
    Ok(())
}
