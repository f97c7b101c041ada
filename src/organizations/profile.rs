//! An organisation keeps its profile up to date: its own applicants and the secretariat
//! edit its contact, postal address and eligibility dates, and its legal name and bank
//! account holder, which send it back to verification.
//!
//! What an edit may touch, and why:
//! - contact (email, name, telephone), postal address, the dates of direct assistance and
//!   of measures against sexual exploitation and abuse: its applicants and the
//!   secretariat. They are the organisation's own declarations, as at registration (the
//!   secretariat checks them when it screens an application), so an organisation that
//!   registered before it had PSEA measures declares them and becomes eligible.
//! - `registered_on`: the secretariat only. It is a registry fact the secretariat reads
//!   on the certificate of registration; an applicant moving it back would make itself
//!   eligible without proof. The secretariat corrects a date mistyped at registration.
//! - `legal_name`, `bank_account_holder`: its applicants and the secretariat, and either
//!   change sends a verified organisation back to `pending` (see below), whoever makes it:
//!   a changed bank account is the commonest grant fraud, and the secretariat verifies
//!   what any one person changed.
//! - `country`, `org_type`, `unpp_id`: nobody. They identify the legal entity the
//!   secretariat verified and the Fund's records were made with: the country recuses
//!   trustees from its applications and places its grants in the regional reports, the
//!   type admitted its applications to calls, and the UN Partner Portal id is its
//!   identity across the UN (one registration each). Another of them is another
//!   organisation: it registers.
//!
//! Back to verification: a verified organisation whose legal name or bank account holder
//! changes is `pending` again, with the reason, until the secretariat verifies it again,
//! exactly as a newly registered one: it may draft applications but not submit them
//! (`applications::rules`, `organization-not-verified`), and nothing moves money toward
//! it, neither the Board's approval, nor an award from the reserve list, nor an
//! agreement, nor a payment (`grants::ensure_may_receive_money`). What it already
//! submitted stays where it is: the secretariat may screen it and the Board vote on it,
//! since those judge the project, not the payee; an approval waits for the verification
//! (the Board's decision answers `organization-not-verified`). A refused organisation
//! stays refused whatever it edits: only the secretariat lifts a refusal.

use chrono::NaiveDate;
use serde_json::{json, Map, Value};

use super::kind::{same_holder, OrgState};
use super::model::{self, Organization, OrganizationView};
use crate::audit::Change;
use crate::db::{Actor, Tx};
use crate::domain::{OrganizationId, Role};
use crate::error::{AppError, Rule};

/// The longest telephone number accepted (with its spaces and punctuation).
pub const MAX_PHONE_CHARS: usize = 32;

/// An edit as parsed: `None` leaves a field as it is; `Some(None)` clears an optional one.
#[derive(Debug, Default)]
pub struct ProfileEdit {
    /// The organisation's `version` as the editor read it.
    pub version: i64,
    pub legal_name: Option<String>,
    pub bank_account_holder: Option<String>,
    pub contact_email: Option<String>,
    pub contact_name: Option<Option<String>>,
    pub contact_phone: Option<Option<String>>,
    pub postal_address: Option<Option<String>>,
    pub registered_on: Option<NaiveDate>,
    pub direct_assistance_since: Option<NaiveDate>,
    pub psea_measures_since: Option<Option<NaiveDate>>,
}

/// Who may edit: the secretariat, and the organisation's own applicants. Another
/// organisation's applicant is told 404, as when reading it.
fn may_edit(actor: &Actor, id: OrganizationId) -> bool {
    actor.is(Role::Secretariat) || (actor.is(Role::Applicant) && actor.organization_id == Some(id))
}

/// Digits, spaces and the punctuation numbers are written with, at least one digit.
fn check_phone(phone: &str) -> Result<(), AppError> {
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    if phone.chars().count() > MAX_PHONE_CHARS
        || !phone.chars().all(allowed)
        || !phone.chars().any(|c| c.is_ascii_digit())
    {
        return Err(AppError::bad_field(
            "contact_phone",
            format!("a telephone number: digits, spaces and + - ( ) . only, at most {MAX_PHONE_CHARS} characters"),
        ));
    }
    Ok(())
}

/// The same checks as registration, on the profile as the edit leaves it.
fn check(edit: &ProfileEdit, after: &Organization, today: NaiveDate) -> Result<(), AppError> {
    if let Some(Some(phone)) = &edit.contact_phone {
        check_phone(phone)?;
    }
    if edit.registered_on.is_some_and(|d| d > today) {
        return Err(AppError::bad_field(
            "registered_on",
            "must not be in the future",
        ));
    }
    if edit.direct_assistance_since.is_some_and(|d| d > today) {
        return Err(AppError::bad_field(
            "direct_assistance_since",
            "must not be in the future",
        ));
    }
    let payee_named = edit.legal_name.is_some() || edit.bank_account_holder.is_some();
    if payee_named && !same_holder(&after.legal_name, &after.bank_account_holder) {
        let field = if edit.bank_account_holder.is_some() {
            "bank_account_holder"
        } else {
            "legal_name"
        };
        return Err(AppError::rule_on_field(
            Rule::BankAccountHolder,
            field,
            format!(
                "the bank account must be held in the organisation's own name ({:?}), not {:?}",
                after.legal_name, after.bank_account_holder
            ),
        ));
    }
    Ok(())
}

/// Sets `slot` to `value` when the edit names it, recording the field among `changed`
/// when the value differs.
fn apply<T: PartialEq>(
    slot: &mut T,
    value: Option<T>,
    name: &'static str,
    changed: &mut Vec<&'static str>,
) {
    if let Some(value) = value {
        if *slot != value {
            *slot = value;
            changed.push(name);
        }
    }
}

/// Fields whose old and new values the audit event keeps: the organisation's identity
/// and eligibility. Contact details and the postal address (a shelter's address may be
/// confidential) are named without their values: the trail is kept for ever.
fn with_values(name: &str) -> bool {
    matches!(
        name,
        "legal_name"
            | "bank_account_holder"
            | "registered_on"
            | "direct_assistance_since"
            | "psea_measures_since"
    )
}

/// Edits the profile of organisation `id` (its applicants, the secretariat), in one
/// transaction with its audit event and, when the legal name or bank account holder
/// changes, the mail of the new verification. A stale `version` is a 409; an edit that
/// names no field, or changes none, is a 400 (the client sent what it did not mean: a
/// stale form or an empty one; there is nothing for a rule to refuse).
pub fn update_profile(
    tx: &mut Tx,
    id: OrganizationId,
    edit: ProfileEdit,
) -> Result<OrganizationView, AppError> {
    let actor = tx.actor().clone();
    if !may_edit(&actor, id) {
        return Err(AppError::NotFound);
    }
    if edit.registered_on.is_some() && !actor.is(Role::Secretariat) {
        return Err(AppError::bad_field(
            "registered_on",
            "only the secretariat corrects the date of registration (it checks the certificate)",
        ));
    }
    let before = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if before.version != edit.version {
        return Err(AppError::conflict(format!(
            "the organisation changed since version {} (it is at version {}); read it again",
            edit.version, before.version
        )));
    }
    let mut after = before.clone();
    let mut changed = Vec::new();
    apply(
        &mut after.legal_name,
        edit.legal_name.clone(),
        "legal_name",
        &mut changed,
    );
    apply(
        &mut after.bank_account_holder,
        edit.bank_account_holder.clone(),
        "bank_account_holder",
        &mut changed,
    );
    apply(
        &mut after.contact_email,
        edit.contact_email.clone(),
        "contact_email",
        &mut changed,
    );
    apply(
        &mut after.contact_name,
        edit.contact_name.clone(),
        "contact_name",
        &mut changed,
    );
    apply(
        &mut after.contact_phone,
        edit.contact_phone.clone(),
        "contact_phone",
        &mut changed,
    );
    apply(
        &mut after.postal_address,
        edit.postal_address.clone(),
        "postal_address",
        &mut changed,
    );
    apply(
        &mut after.registered_on,
        edit.registered_on,
        "registered_on",
        &mut changed,
    );
    apply(
        &mut after.direct_assistance_since,
        edit.direct_assistance_since,
        "direct_assistance_since",
        &mut changed,
    );
    apply(
        &mut after.psea_measures_since,
        edit.psea_measures_since,
        "psea_measures_since",
        &mut changed,
    );
    check(&edit, &after, tx.now().date())?;
    if changed.is_empty() {
        return Err(AppError::bad_field(
            "version",
            "the edit changes nothing: name at least one field with a new value",
        ));
    }
    let payee_changed: Vec<&str> = changed
        .iter()
        .copied()
        .filter(|f| matches!(*f, "legal_name" | "bank_account_holder"))
        .collect();
    if !payee_changed.is_empty() && after.state != OrgState::Refused {
        after.state = OrgState::Pending;
        after.state_reason = Some(format!(
            "the {} changed: the secretariat verifies the organisation again before it submits or is paid",
            payee_changed
                .iter()
                .map(|f| f.replace('_', " "))
                .collect::<Vec<_>>()
                .join(" and the ")
        ));
    }
    after.updated_at = tx.now();
    after.version = before.version + 1;
    model::save_profile(tx, &before, &after)?;
    tx.audit(Change::new(
        "organization.profile_updated",
        "organization",
        id,
        audit_details(&before, &after, &changed),
    ))?;
    tracing::info!(organization_id = %id, fields = ?changed, state = after.state.as_str(), "organisation profile updated");
    if !payee_changed.is_empty() {
        super::notices::verification_again(tx, &before, &after, &payee_changed)?;
    }
    Ok(OrganizationView::from(&after))
}

/// The audit event's details: the fields changed, old → new where [`with_values`], and
/// the state when it moved.
fn audit_details(before: &Organization, after: &Organization, changed: &[&str]) -> Value {
    let old = json!(OrganizationView::from(before));
    let new = json!(OrganizationView::from(after));
    let mut values = Map::new();
    for field in changed.iter().filter(|f| with_values(f)) {
        values.insert(
            (*field).to_string(),
            json!({"from": old[*field], "to": new[*field]}),
        );
    }
    let mut details = json!({
        "changed": changed,
        "values": values,
        "version": after.version,
    });
    if before.state != after.state {
        details["state"] = json!({
            "from": before.state.as_str(),
            "to": after.state.as_str(),
            "reason": after.state_reason,
        });
    }
    details
}
