//! The mail of a grant's money: agreement signed, tranche paid, grant cancelled (to the
//! grantee's own accounts), and what every message about a grant names.

use diesel::prelude::*;

use crate::applications::notices::{about, About};
use crate::db::schema::{grant_agreements, grant_tranches, grants};
use crate::db::{DbConnection, Tx};
use crate::domain::{ApplicationId, GrantId};
use crate::error::AppError;
use crate::notifications::deliver;

use super::DisbursementView;

/// The names a message about `grant` shows: those of its application.
pub fn about_grant(conn: &mut DbConnection, grant: GrantId) -> Result<About, AppError> {
    let application: ApplicationId = grants::table
        .find(grant)
        .select(grants::application_id)
        .get_result(conn)?;
    about(conn, application)
}

/// The grant agreement is signed: its period and how many tranches.
pub fn agreement_signed(tx: &mut Tx, grant: GrantId) -> Result<(), AppError> {
    let about = about_grant(tx.conn(), grant)?;
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
        .get_result(tx.conn())?;
    let tranches: i64 = grant_tranches::table
        .filter(grant_tranches::grant_id.eq(grant))
        .count()
        .get_result(tx.conn())?;
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
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
    let about = about_grant(tx.conn(), grant)?;
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
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

/// The grant was cancelled or terminated: why, on which Board decision, and any refund
/// the grantee now owes.
pub fn grant_cancelled(
    tx: &mut Tx,
    grant: GrantId,
    reason: &str,
    board_decision: &str,
    refund_due: crate::domain::Money,
) -> Result<(), AppError> {
    let about = about_grant(tx.conn(), grant)?;
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
    deliver(
        tx,
        "grant_cancelled",
        "grant.cancelled",
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reason => reason,
            board_decision => board_decision,
            refund_due => refund_due.is_positive().then(|| refund_due.to_string()),
        },
        None,
    )?;
    Ok(())
}

/// The grant was amended: which kind, its version and reason, and the award and period
/// as they now stand.
pub fn grant_amended(
    tx: &mut Tx,
    grant: GrantId,
    amended: &super::AmendmentView,
) -> Result<(), AppError> {
    let about = about_grant(tx.conn(), grant)?;
    let (award_minor, currency): (i64, crate::domain::Currency) = grants::table
        .find(grant)
        .select((grants::award_minor, grants::currency))
        .get_result(tx.conn())?;
    let award =
        crate::domain::Money::from_minor(award_minor, currency).map_err(AppError::internal)?;
    let period: Option<(chrono::NaiveDate, chrono::NaiveDate)> = grant_agreements::table
        .find(grant)
        .select((grant_agreements::period_start, grant_agreements::period_end))
        .get_result(tx.conn())
        .optional()?;
    let (what, what_fr) = match amended.kind {
        super::AmendmentKind::Extension => ("a no-cost extension", "une prolongation sans coût"),
        super::AmendmentKind::BudgetRevision => ("a budget revision", "une révision du budget"),
        super::AmendmentKind::AwardChange => {
            ("a change of the award", "une modification du montant")
        }
    };
    let shown = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
    deliver(
        tx,
        "grant_amended",
        "grant.amended",
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            version => amended.version,
            amended_on => amended.created_at.date_naive().to_string(),
            what => what,
            what_fr => what_fr,
            reason => amended.reason.clone(),
            award => award.to_string(),
            period_start => shown(period.map(|p| p.0)),
            period_end => shown(period.map(|p| p.1)),
        },
        None,
    )?;
    Ok(())
}
