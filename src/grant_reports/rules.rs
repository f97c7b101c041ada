//! The rules a report must meet against its grant: pure functions over plain values, so
//! they are tested without a database. Each refusal is a 422 naming its rule and field.

use chrono::NaiveDate;

use super::content::NewReport;
use super::state::ReportKind;
use crate::domain::Money;
use crate::error::{AppError, Rule};

/// What a report is checked against: the grant's award, what the grantee received, the
/// signed agreement, and today.
#[derive(Debug, Clone, Copy)]
pub struct Terms {
    pub award: Money,
    /// What the grantee received: disbursed, net of refunds.
    pub received: Money,
    /// The agreement's grant period.
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// How many tranches the agreement schedules.
    pub tranches: i32,
    pub today: NaiveDate,
}

/// The tranche a report is on: progress reports must name one within the schedule; a
/// final report may.
pub fn check_tranche(
    kind: ReportKind,
    tranche: Option<i32>,
    terms: &Terms,
) -> Result<(), AppError> {
    let Some(n) = tranche else {
        return match kind {
            ReportKind::Progress => Err(AppError::rule_on_field(
                Rule::ReportTrancheRequired,
                "tranche",
                "a progress report names the tranche it reports on",
            )),
            ReportKind::Final => Ok(()),
        };
    };
    if n < 1 || n > terms.tranches {
        return Err(AppError::rule_on_field(
            Rule::ReportTrancheOutOfRange,
            "tranche",
            format!(
                "tranche {n} is not one of the grant's tranches (1 to {})",
                terms.tranches
            ),
        ));
    }
    Ok(())
}

/// A report covers money paid: the tranche it names must have been paid, at least in
/// part (net of reversals), before anything is reported on it (422
/// `report-tranche-unpaid`). A tranche paid in part is reported on for what it received;
/// the share that opens the next tranche is checked against it when that is paid. A final
/// report naming no tranche is on the grant as a whole.
pub fn check_tranche_paid(tranche: Option<i32>, paid: Money) -> Result<(), AppError> {
    match tranche {
        Some(n) if !paid.is_positive() => Err(AppError::rule_on_field(
            Rule::ReportTrancheUnpaid,
            "tranche",
            format!("tranche {n} has not been paid yet: a report covers money received"),
        )),
        _ => Ok(()),
    }
}

/// The period: in order, inside the grant period, and not in the future.
pub fn check_period(start: NaiveDate, end: NaiveDate, terms: &Terms) -> Result<(), AppError> {
    let refuse = |field: &str, detail: String| {
        Err(AppError::rule_on_field(Rule::ReportPeriod, field, detail))
    };
    if start > end {
        return refuse(
            "period_end",
            format!("the period ends ({end}) before it starts ({start})"),
        );
    }
    if start < terms.period_start {
        return refuse(
            "period_start",
            format!(
                "the period starts ({start}) before the grant period ({})",
                terms.period_start
            ),
        );
    }
    if end > terms.period_end {
        return refuse(
            "period_end",
            format!(
                "the period ends ({end}) after the grant period ({})",
                terms.period_end
            ),
        );
    }
    if end > terms.today {
        return refuse(
            "period_end",
            format!("a report covers time that has passed: {end} is after today"),
        );
    }
    Ok(())
}

/// Money spent: every line in the grant's currency, in all no more than the award nor
/// than the grantee received (a report accounts only for money it was paid).
/// Returns the total.
pub fn check_spent(report: &NewReport, terms: &Terms) -> Result<Money, AppError> {
    let currency = terms.award.currency();
    if let Some(i) = report
        .spent
        .iter()
        .position(|s| s.amount.currency() != currency)
    {
        return Err(AppError::rule_on_field(
            Rule::CurrencyMismatch,
            format!("spent[{i}].amount.currency"),
            format!("money spent is reported in the grant's currency, {currency}"),
        ));
    }
    let total = Money::sum(currency, report.spent.iter().map(|s| s.amount))
        .map_err(|e| AppError::bad_field("spent", e.0))?;
    if total > terms.award {
        return Err(AppError::rule_on_field(
            Rule::ReportSpentExceedsAward,
            "spent",
            format!(
                "the lines add up to {total}, more than the award of {}",
                terms.award
            ),
        ));
    }
    if total > terms.received {
        return Err(AppError::rule_on_field(
            Rule::ReportSpentExceedsPaid,
            "spent",
            format!(
                "the lines add up to {total}, more than the grantee received: {} \
                 (disbursed, net of refunds)",
                terms.received
            ),
        ));
    }
    Ok(total)
}

/// Every rule; the total spent when the report passes.
pub fn check(report: &NewReport, terms: &Terms) -> Result<Money, AppError> {
    check_tranche(report.kind, report.tranche, terms)?;
    check_period(report.period_start, report.period_end, terms)?;
    check_spent(report, terms)
}

#[cfg(test)]
mod tests {
    use super::super::content::tests::sample;
    use super::*;
    use crate::domain::Currency;

    fn terms() -> Terms {
        Terms {
            award: Money::parse("30000.00", Currency::USD).unwrap(),
            received: Money::parse("30000.00", Currency::USD).unwrap(),
            period_start: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2027, 11, 30).unwrap(),
            tranches: 2,
            today: NaiveDate::from_ymd_opt(2027, 8, 1).unwrap(),
        }
    }

    fn rule(result: Result<Money, AppError>) -> (Rule, String) {
        match result {
            Err(AppError::Rule { rule, errors, .. }) => (rule, errors[0].field.clone()),
            other => panic!("expected a 422, got {other:?}"),
        }
    }

    #[test]
    fn a_sound_report_passes_with_its_total() {
        let total = check(&sample(), &terms()).unwrap();
        assert_eq!(total, Money::parse("1000.00", Currency::USD).unwrap());
    }

    #[test]
    fn tranches_are_named_and_within_the_schedule() {
        let mut r = sample();
        r.tranche = None;
        assert_eq!(rule(check(&r, &terms())).0, Rule::ReportTrancheRequired);
        r.kind = ReportKind::Final;
        assert!(check(&r, &terms()).is_ok());
        for bad in [0, -1, 3] {
            r.tranche = Some(bad);
            assert_eq!(rule(check(&r, &terms())).0, Rule::ReportTrancheOutOfRange);
        }
        r.tranche = Some(2);
        assert!(check(&r, &terms()).is_ok());
    }

    #[test]
    fn a_report_names_a_tranche_that_was_paid() {
        let nothing = Money::zero(Currency::USD);
        let cent = Money::parse("0.01", Currency::USD).unwrap();
        match check_tranche_paid(Some(1), nothing) {
            Err(AppError::Rule { rule, errors, .. }) => {
                assert_eq!(rule, Rule::ReportTrancheUnpaid);
                assert_eq!(errors[0].field, "tranche");
            }
            other => panic!("expected a 422, got {other:?}"),
        }
        assert!(check_tranche_paid(Some(1), cent).is_ok());
        assert!(check_tranche_paid(None, nothing).is_ok());
    }

    #[test]
    fn the_period_is_in_order_inside_the_grant_period_and_past() {
        let t = terms();
        let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
        let mut r = sample();
        r.period_start = day(3, 1);
        r.period_end = day(2, 1);
        assert_eq!(
            rule(check(&r, &t)),
            (Rule::ReportPeriod, "period_end".into())
        );
        r.period_start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(
            rule(check(&r, &t)),
            (Rule::ReportPeriod, "period_start".into())
        );
        r.period_start = t.period_start;
        r.period_end = day(8, 2);
        assert_eq!(
            rule(check(&r, &t)),
            (Rule::ReportPeriod, "period_end".into())
        );
        r.period_end = t.today;
        assert!(check(&r, &t).is_ok());
        // After the grant period, even once that is past.
        let later = Terms {
            today: NaiveDate::from_ymd_opt(2028, 6, 1).unwrap(),
            ..t
        };
        r.period_end = NaiveDate::from_ymd_opt(2027, 12, 1).unwrap();
        assert_eq!(
            rule(check(&r, &later)),
            (Rule::ReportPeriod, "period_end".into())
        );
        r.period_end = t.period_end;
        assert!(check(&r, &later).is_ok());
    }

    #[test]
    fn money_spent_is_in_the_grant_currency_and_within_the_award() {
        let mut r = sample();
        r.spent[0].amount = Money::parse("10.00", Currency::parse("EUR").unwrap()).unwrap();
        assert_eq!(
            rule(check(&r, &terms())),
            (Rule::CurrencyMismatch, "spent[0].amount.currency".into())
        );
        r.spent[0].amount = Money::parse("30000.01", Currency::USD).unwrap();
        assert_eq!(
            rule(check(&r, &terms())),
            (Rule::ReportSpentExceedsAward, "spent".into())
        );
        r.spent[0].amount = Money::parse("30000.00", Currency::USD).unwrap();
        assert!(check(&r, &terms()).is_ok());
    }

    #[test]
    fn money_spent_is_within_what_the_grantee_received() {
        let t = Terms {
            received: Money::parse("14000.00", Currency::USD).unwrap(),
            ..terms()
        };
        let mut r = sample();
        r.spent[0].amount = Money::parse("14000.01", Currency::USD).unwrap();
        assert_eq!(
            rule(check(&r, &t)),
            (Rule::ReportSpentExceedsPaid, "spent".into())
        );
        // Beyond the award too: the award is named first.
        r.spent[0].amount = Money::parse("30000.01", Currency::USD).unwrap();
        assert_eq!(rule(check(&r, &t)).0, Rule::ReportSpentExceedsAward);
        r.spent[0].amount = Money::parse("14000.00", Currency::USD).unwrap();
        assert!(check(&r, &t).is_ok());
        let nothing = Terms {
            received: Money::zero(Currency::USD),
            ..terms()
        };
        r.spent[0].amount = Money::parse("0.01", Currency::USD).unwrap();
        assert_eq!(rule(check(&r, &nothing)).0, Rule::ReportSpentExceedsPaid);
        r.spent[0].amount = Money::zero(Currency::USD);
        assert!(check(&r, &nothing).is_ok());
    }
}
