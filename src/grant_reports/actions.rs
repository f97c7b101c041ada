//! Filing and reviewing, each in the caller's one write transaction with its audit event.

use serde_json::json;

use super::budget::{self, BudgetTerms, LineTerms};
use super::content::NewReport;
use super::cumulative;
use super::grant::{self, GrantFacts};
use super::model::{self, ReportRow, ReportView};
use super::rules::{self, Terms};
use super::state::{ReportKind, ReportState};
use crate::audit::Change;
use crate::db::Tx;
use crate::domain::{GrantId, GrantReportId, Text};
use crate::error::{AppError, Rule};

/// A report to file on a grant.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub grant: GrantId,
    pub report: NewReport,
    /// How far over its budget a line may be spent (`grants.budget_line_overspend_share`).
    pub overspend_share: rust_decimal::Decimal,
}

/// The secretariat's review of a submitted report.
#[derive(Debug, Clone)]
pub struct Review {
    pub report: GrantReportId,
    pub accepted: bool,
    /// Required to return a report: what the grantee must put right.
    pub comments: Option<Text>,
}

/// Files a report on a grant of the acting applicant's organisation (any other grant is
/// a 404), after [`NewReport::check_shape`]; answers the report as filed.
pub fn file(tx: &mut Tx, command: FileReport) -> Result<ReportView, AppError> {
    let FileReport {
        grant: grant_id,
        report,
        overspend_share,
    } = command;
    report.check_shape()?;
    let (organization, user) = match (tx.actor().organization_id, tx.actor().user_id) {
        (Some(organization), Some(user)) => (organization, user),
        _ => return Err(AppError::Forbidden),
    };
    let today = tx.now().date();
    let grant = grant::find(tx.conn(), grant_id, today)?
        .filter(|g| g.organization_id == organization)
        .ok_or(AppError::NotFound)?;
    if grant.closed {
        return Err(AppError::rule(
            Rule::GrantClosed,
            "the grant is closed or cancelled: no more reports are filed on it",
        ));
    }
    let agreement = grant.signed()?;
    let terms = Terms {
        award: grant.award,
        received: grant.received,
        period_start: agreement.period_start,
        period_end: agreement.period_end,
        tranches: agreement.tranches,
        today: tx.now().date(),
    };
    let spent = rules::check(&report, &terms)?;
    rules::check_tranche_paid(report.tranche, grant.paid_on(report.tranche.unwrap_or(0)))?;
    budget::check(&report, &budget_terms(&grant, overspend_share)?)?;
    cumulative::check(tx.conn(), grant_id, &report.beneficiaries)?;
    if let Some(open) = model::open_report(tx.conn(), grant_id, report.kind, report.tranche)? {
        return Err(AppError::conflict(format!(
            "report {} on this {} is already {}: file again only once it is returned",
            open.id,
            place(report.kind, report.tranche),
            open.state.as_str()
        )));
    }
    let row = ReportRow {
        id: GrantReportId::new(),
        grant_id,
        organization_id: organization,
        kind: report.kind,
        tranche: report.tranche,
        version: model::next_version(tx.conn(), grant_id, report.kind, report.tranche)?,
        state: ReportState::Submitted,
        period_start: report.period_start,
        period_end: report.period_end,
        currency: grant.award.currency(),
        spent_minor: spent.to_minor(),
        beneficiaries_total: report.beneficiaries_total(),
        narrative: report.narrative.into_string(),
        filed_by: user,
        filed_at: tx.now(),
        reviewed_by: None,
        reviewed_at: None,
        review_comments: None,
    };
    model::insert(tx.conn(), &row, &report.beneficiaries, &report.spent)?;
    let id = row.id;
    let filed = model::view(tx.conn(), row)?;
    tx.audit(Change::created("grant_report", id, json!(filed)))?;
    Ok(filed)
}

fn budget_terms(grant: &GrantFacts, share: rust_decimal::Decimal) -> Result<BudgetTerms, AppError> {
    Ok(BudgetTerms {
        currency: grant.award.currency(),
        lines: grant
            .budget
            .iter()
            .map(|l| LineTerms {
                label: l.label.clone(),
                budget: l.budget.to_minor(),
            })
            .collect(),
        overspend_share: share,
    })
}

fn place(kind: ReportKind, tranche: Option<i32>) -> String {
    match (kind, tranche) {
        (ReportKind::Progress, Some(n)) => format!("tranche {n}"),
        _ => "grant's final report".to_string(),
    }
}

/// The secretariat accepts or returns a submitted report (409 for any other; returning
/// needs comments, 400; accepting one whose counts fall below the grant's latest accepted
/// report's is a 422 `report-beneficiaries-decreased`: return it instead; accepting a final
/// report without a current `financial_statement` beside it is a 422
/// `documents-missing`, while returning one needs nothing). Accepting the final report closes the grant (releasing its
/// unpaid commitment, and keeping as a refund owed what it received beyond the report's
/// spending) in the same transaction. Answers the report as reviewed.
pub fn review(tx: &mut Tx, command: Review) -> Result<ReportView, AppError> {
    let Review {
        report: id,
        accepted,
        comments,
    } = command;
    if !accepted && comments.is_none() {
        return Err(AppError::bad_field(
            "comments",
            "say why the report is returned",
        ));
    }
    let reviewer = tx.actor().user_id.ok_or(AppError::Forbidden)?;
    let before = model::find_row(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if before.state != ReportState::Submitted {
        return Err(AppError::conflict(format!(
            "the report is {}: only a submitted report can be reviewed",
            before.state.as_str()
        )));
    }
    if accepted {
        // Figures are cumulative: another report may have been accepted since this one
        // was filed.
        let filed = model::view(tx.conn(), before.clone())?;
        cumulative::check(tx.conn(), before.grant_id, &filed.beneficiaries)?;
        if before.kind == ReportKind::Final {
            // The statement is what the grant is closed on: no close without it.
            crate::documents::require(
                tx.conn(),
                crate::documents::Owner::Report(id),
                &[crate::documents::DocumentKind::FinancialStatement],
                "a final report is accepted with its financial statement",
            )?;
        }
    }
    let state = if accepted {
        ReportState::Accepted
    } else {
        ReportState::Returned
    };
    let comments = comments.map(Text::into_string);
    let now = tx.now();
    model::set_review(tx.conn(), id, state, reviewer, now, comments)?;
    let after = model::find_row(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let after = model::view(tx.conn(), after)?;
    tx.audit(Change::new(
        format!("grant_report.{}", state.as_str()),
        "grant_report",
        id,
        json!({ "before": { "state": before.state }, "after": after }),
    ))?;
    if accepted && before.kind == ReportKind::Final {
        crate::grants::close(tx, before.grant_id, after.spent_total)?;
    }
    super::notices::report_reviewed(
        tx,
        before.grant_id,
        before.kind == ReportKind::Final,
        before.tranche,
        accepted,
        after.review.as_ref().and_then(|r| r.comments.as_deref()),
    )?;
    Ok(after)
}
