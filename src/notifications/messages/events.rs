//! The events of an application's life, each queued in the transaction of its change.
//! An organisation's mail goes only to its own enabled accounts and names only itself;
//! the secretariat and the trustees get what their role already lets them read.

use diesel::prelude::*;

use super::recipients::{self, deliver, Recipient};
use crate::db::schema::{grant_agreements, grant_tranches, grants};
use crate::db::Tx;
use crate::domain::{ApplicationId, GrantId, Money, OrganizationId, Role, UserId};
use crate::error::AppError;
use crate::grants::DisbursementView;
use crate::users::User;

/// What every message about one application names: its organisation and its title.
struct About {
    application_id: crate::domain::ApplicationId,
    organization_id: OrganizationId,
    organization: String,
    title: String,
}

fn about(tx: &mut Tx, application_id: crate::domain::ApplicationId) -> Result<About, AppError> {
    let missing =
        |what: &str| AppError::internal(anyhow::anyhow!("application {application_id}: no {what}"));
    let app = crate::applications::find(tx.conn(), application_id)?
        .ok_or_else(|| missing("application"))?;
    let org = crate::organizations::find(tx.conn(), app.organization_id)?
        .ok_or_else(|| missing("organisation"))?;
    Ok(About {
        application_id,
        organization_id: org.id,
        organization: org.legal_name,
        title: app.content.title.as_str().to_string(),
    })
}

fn about_grant(tx: &mut Tx, grant: GrantId) -> Result<About, AppError> {
    let application: ApplicationId = grants::table
        .find(grant)
        .select(grants::application_id)
        .first(tx.conn())?;
    about(tx, application)
}

/// Someone tried to register with the address of an existing account: its owner is told
/// (nothing else: not who tried, nor for what organisation). The HTTP answer does not
/// change.
pub fn registration_attempt(tx: &mut Tx, existing: &User) -> Result<(), AppError> {
    let to: Vec<Recipient> = recipients::user(tx, existing.id)?.into_iter().collect();
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

/// Submitted: the organisation's accounts hear it was received, the secretariat that it
/// waits for screening.
pub fn application_submitted(
    tx: &mut Tx,
    application_id: crate::domain::ApplicationId,
) -> Result<(), AppError> {
    let about = about(tx, application_id)?;
    let context = minijinja::context! {
        organization => about.organization,
        title => about.title,
        reference => about.application_id.to_string(),
    };
    let own = recipients::of_organization(tx, about.organization_id)?;
    deliver(
        tx,
        "application_submitted",
        "application.submitted",
        &own,
        &context,
        None,
    )?;
    let secretariat = recipients::with_role(tx, Role::Secretariat)?;
    deliver(
        tx,
        "application_received",
        "application.submitted",
        &secretariat,
        &context,
        None,
    )?;
    Ok(())
}

/// Screened eligible (it goes to the Board) or ineligible, with the reasons.
pub fn application_screened(
    tx: &mut Tx,
    application_id: crate::domain::ApplicationId,
    eligible: bool,
    reasons: &[String],
) -> Result<(), AppError> {
    let about = about(tx, application_id)?;
    let own = recipients::of_organization(tx, about.organization_id)?;
    deliver(
        tx,
        "application_screened",
        if eligible {
            "application.eligible"
        } else {
            "application.ineligible"
        },
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reference => about.application_id.to_string(),
            eligible => eligible,
            reasons => reasons.to_vec(),
        },
        None,
    )?;
    Ok(())
}

/// Voting opened: each trustee who may vote on it today (active, not recused).
pub fn voting_opened(
    tx: &mut Tx,
    application_id: crate::domain::ApplicationId,
) -> Result<(), AppError> {
    let about = about(tx, application_id)?;
    let facts = crate::applications::facts_for_decision(tx.conn(), application_id)?;
    let today = tx.now().date();
    let seats = crate::voting::voters(tx.conn(), &facts, today)?;
    let mut to = Vec::new();
    for user in seats.iter().filter_map(|s| s.user_id) {
        to.extend(recipients::user(tx, user)?);
    }
    deliver(
        tx,
        "voting_opened",
        "voting.opened",
        &to,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reference => about.application_id.to_string(),
        },
        None,
    )?;
    Ok(())
}

/// The Board's decision: `status` is `approved`, `reserve_list` or `rejected`.
pub fn application_decided(
    tx: &mut Tx,
    application_id: crate::domain::ApplicationId,
    status: &str,
    award: Option<Money>,
) -> Result<(), AppError> {
    let about = about(tx, application_id)?;
    let own = recipients::of_organization(tx, about.organization_id)?;
    deliver(
        tx,
        "application_decided",
        match status {
            "approved" => "application.approved",
            "reserve_list" => "application.reserve_list",
            _ => "application.rejected",
        },
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reference => about.application_id.to_string(),
            status => status,
            award => award.map(|a| a.to_string()).unwrap_or_default(),
        },
        None,
    )?;
    Ok(())
}

/// The grant agreement is signed: its period and how many tranches.
pub fn agreement_signed(tx: &mut Tx, grant: GrantId) -> Result<(), AppError> {
    let about = about_grant(tx, grant)?;
    let (signed_on, period_start, period_end): (
        chrono::NaiveDate,
        chrono::NaiveDate,
        chrono::NaiveDate,
    ) = grant_agreements::table
        .find(grant)
        .select((
            grant_agreements::signed_on,
            grant_agreements::period_start,
            grant_agreements::period_end,
        ))
        .first(tx.conn())?;
    let tranches: i64 = grant_tranches::table
        .filter(grant_tranches::grant_id.eq(grant))
        .count()
        .get_result(tx.conn())?;
    let own = recipients::of_organization(tx, about.organization_id)?;
    deliver(
        tx,
        "agreement_signed",
        "grant.agreement_signed",
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            signed_on => signed_on.to_string(),
            period_start => period_start.to_string(),
            period_end => period_end.to_string(),
            tranches => tranches,
        },
        None,
    )?;
    Ok(())
}

/// A tranche was paid: amount, tranche, value date.
pub fn disbursement_made(
    tx: &mut Tx,
    grant: GrantId,
    paid: &DisbursementView,
) -> Result<(), AppError> {
    let about = about_grant(tx, grant)?;
    let own = recipients::of_organization(tx, about.organization_id)?;
    deliver(
        tx,
        "disbursement_made",
        "grant.disbursed",
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            amount => paid.amount.to_string(),
            tranche => paid.tranche,
            value_date => paid.value_date.to_string(),
        },
        None,
    )?;
    Ok(())
}

/// A report was accepted or returned (with the secretariat's comments).
pub fn report_reviewed(
    tx: &mut Tx,
    grant: GrantId,
    final_report: bool,
    tranche: Option<i32>,
    accepted: bool,
    comments: Option<&str>,
) -> Result<(), AppError> {
    let about = about_grant(tx, grant)?;
    let own = recipients::of_organization(tx, about.organization_id)?;
    deliver(
        tx,
        "report_reviewed",
        if accepted {
            "grant_report.accepted"
        } else {
            "grant_report.returned"
        },
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            final_report => final_report,
            tranche => tranche.unwrap_or_default(),
            accepted => accepted,
            comments => comments.unwrap_or_default(),
        },
        None,
    )?;
    Ok(())
}

/// Reminder: a grantee report is due soon, or overdue. `key` makes it once only.
#[allow(clippy::too_many_arguments)]
pub fn report_due(
    tx: &mut Tx,
    grant: GrantId,
    final_report: bool,
    tranche: Option<i32>,
    due_on: chrono::NaiveDate,
    overdue: bool,
    key: &str,
) -> Result<usize, AppError> {
    let about = about_grant(tx, grant)?;
    let own = recipients::of_organization(tx, about.organization_id)?;
    deliver(
        tx,
        "report_due",
        if overdue {
            "grant_report.overdue"
        } else {
            "grant_report.due"
        },
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            final_report => final_report,
            tranche => tranche.unwrap_or_default(),
            due_on => due_on.to_string(),
            overdue => overdue,
        },
        Some(key),
    )
}

/// Reminder to the secretariat: a trustee's term ends soon (`last_day` they sit).
pub fn term_ending(
    tx: &mut Tx,
    trustee: &str,
    last_day: chrono::NaiveDate,
    key: &str,
) -> Result<usize, AppError> {
    let secretariat = recipients::with_role(tx, Role::Secretariat)?;
    deliver(
        tx,
        "term_ending",
        "board.term_ending",
        &secretariat,
        &minijinja::context! { trustee => trustee, last_day => last_day.to_string() },
        Some(key),
    )
}

/// Reminder to one trustee: an application has waited for their vote since `since`.
pub fn vote_waiting(
    tx: &mut Tx,
    application_id: crate::domain::ApplicationId,
    trustee: UserId,
    since: chrono::NaiveDate,
    key: &str,
) -> Result<usize, AppError> {
    let about = about(tx, application_id)?;
    let to: Vec<Recipient> = recipients::user(tx, trustee)?.into_iter().collect();
    deliver(
        tx,
        "vote_waiting",
        "voting.waiting",
        &to,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reference => about.application_id.to_string(),
            since => since.to_string(),
        },
        Some(key),
    )
}
