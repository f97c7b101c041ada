//! Demo money out: the demo Board's grant gets its agreement (three tranches) and its
//! first tranche paid, so the grant view, the disbursement list and the Fund's balances
//! show money leaving the Fund. (The demo decides one grant; the other stages, report
//! pending, returned, second tranche, refund and closure, need grants and reports the
//! demo does not yet make.) Loading twice changes nothing: only a grant still awaiting its
//! agreement is touched.

use anyhow::Context;
use chrono::{Days, NaiveDate};

use crate::db::{write_blocking, Actor, DbConnection, PageRequest};
use crate::domain::{Currency, GrantId, Money};
use crate::error::AppError;
use crate::grants::{GrantState, NewAgreement, NewDisbursement};

fn actor(conn: &mut DbConnection, role: &str) -> Result<Actor, AppError> {
    let user = crate::users::find_by_email(conn, &format!("{role}@demo.trustfund.local"))?;
    Ok(Actor {
        user_id: user.map(|u| u.id),
        role: Some(role.to_string()),
        request_id: "demo".into(),
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

pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    let today = crate::db::now().date();
    let page = PageRequest {
        limit: 200,
        after: None,
    };
    let grants = crate::grants::list(conn, None, page).context("demo money out: grants")?;
    let Some(grant) = grants
        .items
        .into_iter()
        .rev()
        .find(|g| g.state == GrantState::Awarded && g.award.currency() == Currency::USD)
    else {
        return Ok(());
    };
    let id = GrantId::from_uuid(grant.id);
    let tranches = schedule(grant.award, today)?;
    let first = tranches[0].0;
    let secretariat = actor(conn, "secretariat")?;
    write_blocking(conn, secretariat, |tx| {
        crate::grants::sign_agreement(
            tx,
            id,
            NewAgreement {
                signed_on: today,
                period_start: today,
                period_end: later(today, 365),
                tranches,
            },
        )
    })
    .context("demo money out: the agreement")?;
    let finance = actor(conn, "finance")?;
    write_blocking(conn, finance, |tx| {
        crate::grants::disburse(
            tx,
            id,
            NewDisbursement {
                tranche: 1,
                amount: first,
                value_date: today,
                payment_reference: "DEMO-PAY-0001".into(),
            },
        )
    })
    .context("demo money out: the first tranche")?;
    Ok(())
}
