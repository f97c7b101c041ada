//! The daily sweep: reminders that follow from the calendar, not from a change. Each is
//! queued with a `dedup_key` naming what it reminds of, so a reminder is sent once
//! whatever how often (and on how many instances) the sweep runs: the enqueue checks the
//! key inside a write transaction (writers are serialised, see `Tx`) and the unique
//! index on `dedup_key` is the last word.
//!
//! - a grantee report due within [`REPORT_DUE_WITHIN_DAYS`] days, and one overdue (to the
//!   organisation). The report on tranche n is due on the due date of tranche n + 1 (the
//!   payment it unlocks); the final report [`FINAL_REPORT_DAYS`] days after the project
//!   period ends. A report filed (submitted or accepted) is not reminded of;
//! - a trustee's term ending within [`crate::board::ENDING_WITHIN_DAYS`] days (to the
//!   secretariat);
//! - an application under review waiting [`VOTE_WAITING_DAYS`] days on a trustee who may
//!   vote and has not (to that trustee).

use std::collections::HashSet;
use std::time::Duration;

use chrono::{Days, NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::applications::ApplicationState;
use crate::db::schema::{
    application_transitions, applications, grant_agreements, grant_reports, grant_tranches, grants,
};
use crate::db::{Actor, Db, Tx};
use crate::domain::{ApplicationId, GrantId};
use crate::error::AppError;
use crate::grant_reports::{ReportKind, ReportState};
use crate::grants::GrantState;
use crate::notifications::messages;

/// A report due within this many days is reminded of.
pub const REPORT_DUE_WITHIN_DAYS: u64 = 14;
/// The final report is due this many days after the project period ends.
pub const FINAL_REPORT_DAYS: u64 = 30;
/// A trustee who has not voted this many days after voting opened is reminded.
pub const VOTE_WAITING_DAYS: i64 = 7;

/// How many reminders one sweep queued, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepSummary {
    pub report_due: usize,
    pub report_overdue: usize,
    pub term_ending: usize,
    pub vote_waiting: usize,
}

impl SweepSummary {
    pub fn total(&self) -> usize {
        self.report_due + self.report_overdue + self.term_ending + self.vote_waiting
    }
}

/// Runs the sweep as if the time were `now` (tests choose the clock), in one write
/// transaction. Running it again queues nothing new.
pub async fn sweep_at(db: &Db, now: NaiveDateTime) -> Result<SweepSummary, AppError> {
    db.write(Actor::system("mail.sweep"), move |tx| sweep(tx, now))
        .await
}

fn sweep(tx: &mut Tx, now: NaiveDateTime) -> Result<SweepSummary, AppError> {
    let today = now.date();
    let mut summary = SweepSummary::default();
    reports(tx, today, &mut summary)?;
    terms(tx, today, &mut summary)?;
    votes(tx, now, &mut summary)?;
    if summary.total() > 0 {
        tracing::info!(?summary, "reminders queued");
    }
    Ok(summary)
}

fn days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n)).unwrap_or(date)
}

fn reports(tx: &mut Tx, today: NaiveDate, summary: &mut SweepSummary) -> Result<(), AppError> {
    let open: Vec<GrantId> = grants::table
        .filter(grants::state.eq(GrantState::AgreementSigned))
        .select(grants::id)
        .load(tx.conn())?;
    let soon = days(today, REPORT_DUE_WITHIN_DAYS);
    for grant in open {
        let Some(period_end) = grant_agreements::table
            .find(grant)
            .select(grant_agreements::period_end)
            .first::<NaiveDate>(tx.conn())
            .optional()?
        else {
            continue;
        };
        let tranches: Vec<NaiveDate> = grant_tranches::table
            .filter(grant_tranches::grant_id.eq(grant))
            .order(grant_tranches::number)
            .select(grant_tranches::due_on)
            .load(tx.conn())?;
        let filed: Vec<(ReportKind, Option<i32>)> = grant_reports::table
            .filter(grant_reports::grant_id.eq(grant))
            .filter(grant_reports::state.eq_any([ReportState::Submitted, ReportState::Accepted]))
            .select((grant_reports::kind, grant_reports::tranche))
            .load(tx.conn())?;
        let filed_tranches: HashSet<i32> = filed.iter().filter_map(|(_, t)| *t).collect();
        let final_filed = filed.iter().any(|(k, _)| *k == ReportKind::Final);
        // (tranche, due date): the report on tranche n is due when tranche n + 1 is.
        let mut deadlines: Vec<(Option<i32>, NaiveDate)> = Vec::new();
        for (n, due) in (1..).zip(tranches.iter().skip(1)) {
            if !filed_tranches.contains(&n) {
                deadlines.push((Some(n), *due));
            }
        }
        if !final_filed {
            deadlines.push((None, days(period_end, FINAL_REPORT_DAYS)));
        }
        for (tranche, due) in deadlines {
            let place = tranche.map_or_else(|| "final".to_string(), |n| format!("tranche-{n}"));
            let overdue = due < today;
            if !overdue && due > soon {
                continue;
            }
            let kind = if overdue { "overdue" } else { "due" };
            let key = format!("report-{kind}:{grant}:{place}:{due}");
            let queued =
                messages::report_due(tx, grant, tranche.is_none(), tranche, due, overdue, &key)?;
            if overdue {
                summary.report_overdue += queued;
            } else {
                summary.report_due += queued;
            }
        }
    }
    Ok(())
}

fn terms(tx: &mut Tx, today: NaiveDate, summary: &mut SweepSummary) -> Result<(), AppError> {
    let horizon = days(today, crate::board::ENDING_WITHIN_DAYS);
    for seat in crate::board::active_seats(tx.conn(), today)? {
        // `term_end` is exclusive: the last day the trustee sits is the day before.
        let last_day = seat.term_end.pred_opt().unwrap_or(seat.term_end);
        if last_day > horizon {
            continue;
        }
        let key = format!("term-ending:{}:{}", seat.appointment_id, seat.term_end);
        summary.term_ending += messages::term_ending(tx, &seat.name, last_day, &key)?;
    }
    Ok(())
}

fn votes(tx: &mut Tx, now: NaiveDateTime, summary: &mut SweepSummary) -> Result<(), AppError> {
    let today = now.date();
    let waiting: Vec<ApplicationId> = applications::table
        .filter(applications::state.eq(ApplicationState::UnderReview))
        .select(applications::id)
        .load(tx.conn())?;
    for application in waiting {
        let since: Option<NaiveDateTime> = application_transitions::table
            .filter(application_transitions::application_id.eq(application))
            .filter(application_transitions::to_state.eq(ApplicationState::UnderReview))
            .select(diesel::dsl::max(application_transitions::occurred_at))
            .first(tx.conn())?;
        let Some(since) = since else { continue };
        if now - since < chrono::Duration::days(VOTE_WAITING_DAYS) {
            continue;
        }
        let id = application;
        let facts = crate::applications::facts_for_decision(tx.conn(), id)?;
        let voted: HashSet<crate::domain::AppointmentId> = crate::voting::votes_on(tx.conn(), id)?
            .into_iter()
            .map(|v| v.appointment_id)
            .collect();
        for seat in crate::voting::voters(tx.conn(), &facts, today)? {
            let Some(user) = seat.user_id else { continue };
            if voted.contains(&seat.appointment_id) {
                continue;
            }
            let key = format!("vote-waiting:{application}:{}", seat.appointment_id);
            summary.vote_waiting += messages::vote_waiting(tx, id, user, since.date(), &key)?;
        }
    }
    Ok(())
}

/// Runs the sweep about once an hour until the process ends (each reminder is still sent
/// once: the keys decide, not the timing). A failure is logged and tried again later.
pub async fn run_forever(db: Db, every: Duration) {
    loop {
        if let Err(error) = sweep_at(&db, crate::db::now()).await {
            tracing::warn!(%error, "reminder sweep failed");
        }
        tokio::time::sleep(every).await;
    }
}
