//! Demo money out, the steps `super::grant_stages` takes each grant through: its
//! agreement (three tranches, the signed file attached first), a tranche paid in full, a
//! refund.

use anyhow::Context;
use chrono::{Days, NaiveDate};

use crate::db::{write_blocking, ActingAs, Actor, DbConnection};
use crate::documents::{DocumentKind, Owner};
use crate::domain::{GrantId, Money, Role};
use crate::error::AppError;
use crate::grants::{BudgetLine, GrantView, NewAgreement, NewDisbursement, NewRefund};

pub(super) fn actor(conn: &mut DbConnection, role: Role) -> Result<Actor, AppError> {
    let user = crate::users::find_by_email(conn, &format!("{role}@demo.trustfund.local"))?;
    Ok(Actor {
        user_id: user.map(|u| u.id),
        organization_id: None,
        acting_as: ActingAs::User(role),
        request_id: "demo".into(),
        clock: crate::clock::Clock::system(),
    })
}

fn later(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

/// Splits `award` into half, a third and the rest (in whole cents).
fn schedule(award: Money, today: NaiveDate) -> Result<Vec<(Money, NaiveDate)>, AppError> {
    let total = award.to_minor();
    let first = total / 2;
    let second = total / 3;
    let third = total - first - second;
    [(first, 0), (second, 120), (third, 240)]
        .into_iter()
        .map(|(minor, days)| {
            Money::from_minor(minor, award.currency())
                .map(|m| (m, later(today, days)))
                .map_err(AppError::internal)
        })
        .collect()
}

/// The budget at the award: two thirds (in whole cents) on shelter and care, the rest on
/// legal aid, the lines the demo reports spend on.
fn budget(award: Money) -> Result<Vec<BudgetLine>, AppError> {
    let total = award.to_minor();
    let shelter = total / 3 * 2;
    [
        ("Shelter and care", shelter),
        ("Legal aid", total - shelter),
    ]
    .into_iter()
    .map(|(label, minor)| {
        Ok(BudgetLine {
            label: label.into(),
            amount: Money::from_minor(minor, award.currency()).map_err(AppError::internal)?,
        })
    })
    .collect()
}

/// Attaches the signed agreement (a one-page PDF) to grant `id`, then signs its
/// agreement: three tranches, half, a third and the rest; its budget at the award.
pub fn sign(conn: &mut DbConnection, id: GrantId, award: Money) -> anyhow::Result<()> {
    let today = crate::clock::Clock::system().now().date();
    let tranches = schedule(award, today)?;
    let budget_lines = Some(budget(award)?);
    let secretariat = actor(conn, Role::Secretariat)?;
    write_blocking(conn, secretariat, |tx| {
        super::files::attach_pdf(
            tx,
            Owner::Grant(id),
            DocumentKind::SignedAgreement,
            "Grant agreement, signed for the Fund",
        )?;
        crate::grants::sign_agreement(
            tx,
            NewAgreement {
                grant: id,
                signed_on: today,
                period_start: today,
                period_end: later(today, 365),
                tranches,
                budget_lines,
            },
        )
    })
    .context("demo money out: the agreement")?;
    Ok(())
}

/// Pays tranche `number` of grant `grant` in full.
pub fn pay(conn: &mut DbConnection, grant: &GrantView, number: i32) -> anyhow::Result<()> {
    let Some(tranche) = grant.tranches.iter().find(|t| t.number == number) else {
        anyhow::bail!("demo money out: grant {} has no tranche {number}", grant.id);
    };
    let finance = actor(conn, Role::Finance)?;
    let new = NewDisbursement {
        grant: grant.id,
        tranche: number,
        amount: tranche.remaining,
        value_date: crate::clock::Clock::system().now().date(),
        payment_reference: format!(
            "DEMO-PAY-{}-{number}",
            &grant.id.as_uuid().simple().to_string()[..8]
        ),
        // The demo's reports show every paid cent spent, so the configured share passes
        // whatever it is; the default stands in for it.
        min_spent_share: crate::config::Settings::defaults()?
            .grants
            .report_min_spent_share,
    };
    write_blocking(conn, finance, |tx| crate::grants::disburse(tx, new))
        .context("demo money out: a tranche")?;
    Ok(())
}

/// Records `amount` of unspent money returned on grant `id`.
pub fn refund(conn: &mut DbConnection, id: GrantId, amount: Money) -> anyhow::Result<()> {
    refund_with(conn, id, amount, "DEMO-REFUND-0001")
}

/// [`refund`] under its own bank reference.
pub fn refund_with(
    conn: &mut DbConnection,
    id: GrantId,
    amount: Money,
    reference: &str,
) -> anyhow::Result<()> {
    let finance = actor(conn, Role::Finance)?;
    let new = NewRefund {
        grant: id,
        amount,
        received_on: crate::clock::Clock::system().now().date(),
        bank_reference: reference.into(),
        reason: "A shelter closed early: the unspent rent came back.".into(),
    };
    write_blocking(conn, finance, |tx| crate::grants::refund(tx, new))
        .context("demo money out: a refund")?;
    Ok(())
}
