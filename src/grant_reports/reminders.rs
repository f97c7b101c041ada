//! Reminders of grantee reports due soon or overdue (to the organisation), for every
//! grant whose agreement is signed. The report on tranche n is due on the due date of
//! tranche n + 1 (the payment it unlocks); the final report [`FINAL_REPORT_DAYS`] days
//! after the project period ends. A report filed (submitted or accepted) is not reminded
//! of.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use diesel::dsl::{Eq, Filter, Select};
use diesel::prelude::*;

use crate::db::schema::{grant_agreements, grant_reports, grant_tranches, grants};
use crate::db::{DbConnection, Tx};
use crate::domain::GrantId;
use crate::error::AppError;
use crate::grants::notices::about_grant;
use crate::grants::GrantState;
use crate::notifications::sweep::{Reminder, Reminders};

use super::{ReportKind, ReportState};

/// A report due within this many days is reminded of.
pub const REPORT_DUE_WITHIN_DAYS: u64 = 14;
/// The final report is due this many days after the project period ends.
pub const FINAL_REPORT_DAYS: u64 = 30;

/// The sweep's view of these reminders.
pub const REMINDERS: Reminders = Reminders {
    events: &[DUE, OVERDUE],
    find: |conn, now| {
        Ok(due(conn, now.date())?
            .into_iter()
            .map(|r| Box::new(r) as Box<dyn Reminder>)
            .collect())
    },
};

const DUE: &str = "grant_report.due";
const OVERDUE: &str = "grant_report.overdue";

/// The report on `tranche` (the final report when `None`) is due on `due`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDue {
    grant: GrantId,
    tranche: Option<i32>,
    due: NaiveDate,
    overdue: bool,
}

impl Reminder for ReportDue {
    fn key(&self) -> String {
        let kind = if self.overdue { "overdue" } else { "due" };
        let place = self
            .tranche
            .map_or_else(|| "final".to_string(), |n| format!("tranche-{n}"));
        format!("report-{kind}:{}:{place}:{}", self.grant, self.due)
    }

    fn event(&self) -> &'static str {
        if self.overdue {
            OVERDUE
        } else {
            DUE
        }
    }

    fn queue(&self, tx: &mut Tx, key: &str) -> Result<usize, AppError> {
        if !still_due(tx.conn(), self.grant, self.tranche)? {
            return Ok(0);
        }
        let about = about_grant(tx.conn(), self.grant)?;
        let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
        crate::notifications::deliver(
            tx,
            "report_due",
            self.event(),
            &own,
            &minijinja::context! {
                organization => about.organization,
                title => about.title,
                final_report => self.tranche.is_none(),
                tranche => self.tranche.unwrap_or_default(),
                due_on => self.due.to_string(),
                overdue => self.overdue,
            },
            Some(key),
        )
    }
}

fn days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n)).unwrap_or(date)
}

/// A report in these states is filed: nothing to remind of.
const FILED: [ReportState; 2] = [ReportState::Submitted, ReportState::Accepted];

type SignedGrants = Select<Filter<grants::table, Eq<grants::state, GrantState>>, grants::id>;

/// The grants whose reports are awaited, as a subquery.
fn signed() -> SignedGrants {
    grants::table
        .filter(grants::state.eq(GrantState::AgreementSigned))
        .select(grants::id)
}

/// Each unfiled report due by `today + REPORT_DUE_WITHIN_DAYS` (overdue when before
/// `today`), in three queries whatever the number of grants.
fn due(conn: &mut DbConnection, today: NaiveDate) -> Result<Vec<ReportDue>, AppError> {
    let periods: Vec<(GrantId, NaiveDate)> = grant_agreements::table
        .filter(grant_agreements::grant_id.eq_any(signed()))
        .select((grant_agreements::grant_id, grant_agreements::period_end))
        .load(conn)?;
    let mut tranches: HashMap<GrantId, Vec<NaiveDate>> = HashMap::new();
    for (grant, due_on) in grant_tranches::table
        .filter(grant_tranches::grant_id.eq_any(signed()))
        .order((grant_tranches::grant_id, grant_tranches::number))
        .select((grant_tranches::grant_id, grant_tranches::due_on))
        .load::<(GrantId, NaiveDate)>(conn)?
    {
        tranches.entry(grant).or_default().push(due_on);
    }
    let mut filed_tranches: HashSet<(GrantId, i32)> = HashSet::new();
    let mut final_filed: HashSet<GrantId> = HashSet::new();
    for (grant, kind, tranche) in grant_reports::table
        .filter(grant_reports::grant_id.eq_any(signed()))
        .filter(grant_reports::state.eq_any(FILED))
        .select((
            grant_reports::grant_id,
            grant_reports::kind,
            grant_reports::tranche,
        ))
        .load::<(GrantId, ReportKind, Option<i32>)>(conn)?
    {
        if let Some(n) = tranche {
            filed_tranches.insert((grant, n));
        }
        if kind == ReportKind::Final {
            final_filed.insert(grant);
        }
    }

    let soon = days(today, REPORT_DUE_WITHIN_DAYS);
    let mut due = Vec::new();
    for (grant, period_end) in periods {
        // (tranche, due date): the report on tranche n is due when tranche n + 1 is.
        let mut deadlines: Vec<(Option<i32>, NaiveDate)> = Vec::new();
        let schedule = tranches.get(&grant).map(Vec::as_slice).unwrap_or_default();
        for (n, next_due) in (1..).zip(schedule.iter().skip(1)) {
            if !filed_tranches.contains(&(grant, n)) {
                deadlines.push((Some(n), *next_due));
            }
        }
        if !final_filed.contains(&grant) {
            deadlines.push((None, days(period_end, FINAL_REPORT_DAYS)));
        }
        due.extend(
            deadlines
                .into_iter()
                .filter(|(_, on)| *on <= soon)
                .map(|(tranche, on)| ReportDue {
                    grant,
                    tranche,
                    due: on,
                    overdue: on < today,
                }),
        );
    }
    Ok(due)
}

/// Whether the report is still awaited: the grant's agreement still signed (not closed)
/// and the report (the final one when `tranche` is `None`) still not filed.
fn still_due(
    conn: &mut DbConnection,
    grant: GrantId,
    tranche: Option<i32>,
) -> Result<bool, AppError> {
    let open: i64 = grants::table
        .filter(grants::id.eq(grant))
        .filter(grants::state.eq(GrantState::AgreementSigned))
        .count()
        .get_result(conn)?;
    if open == 0 {
        return Ok(false);
    }
    let filed = grant_reports::table
        .filter(grant_reports::grant_id.eq(grant))
        .filter(grant_reports::state.eq_any(FILED))
        .into_boxed();
    let filed = match tranche {
        Some(n) => filed.filter(grant_reports::tranche.eq(n)),
        None => filed.filter(grant_reports::kind.eq(ReportKind::Final)),
    };
    let filed: i64 = filed.count().get_result(conn)?;
    Ok(filed == 0)
}
