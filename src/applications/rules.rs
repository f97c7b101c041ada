//! The rules an application must meet to be submitted, as a pure function over the facts
//! read in the submitting transaction. Each refusal is a 422 naming its rule.

use chrono::NaiveDateTime;

use super::content::Content;
use crate::calls::Call;
use crate::domain::Money;
use crate::error::AppError;
use crate::error::Rule;
use crate::organizations::{OrgState, OrgType};

/// Everything the submission rules look at.
pub struct Submission<'a> {
    pub now: NaiveDateTime,
    pub call: &'a Call,
    pub org_state: OrgState,
    pub org_type: OrgType,
    pub content: &'a Content,
    /// Another application by the same organisation in the same call, not withdrawn.
    pub has_sibling: bool,
}

/// The call accepts new drafts until it closes (drafting ahead of the window is fine).
pub fn check_call_accepts_drafts(call: &Call, now: NaiveDateTime) -> Result<(), AppError> {
    crate::calls::check_not_cancelled(call)?;
    if now >= call.closes_at {
        return Err(AppError::rule(
            Rule::CallClosed,
            format!("the call closed at {}", crate::db::to_utc(call.closes_at)),
        ));
    }
    Ok(())
}

pub fn check_no_sibling(has_sibling: bool) -> Result<(), AppError> {
    if has_sibling {
        return Err(AppError::rule(
            Rule::DuplicateApplication,
            "the organisation already has an application in this call (withdraw it first)",
        ));
    }
    Ok(())
}

pub fn check_submission(s: &Submission) -> Result<(), AppError> {
    crate::calls::check_not_cancelled(s.call)?;
    if s.org_state != OrgState::Verified {
        return Err(AppError::rule(
            Rule::OrganizationNotVerified,
            "the secretariat has not verified the organisation yet",
        ));
    }
    if !s.call.eligible_org_types.contains(&s.org_type) {
        return Err(AppError::rule(
            Rule::OrganizationTypeIneligible,
            format!(
                "this call does not admit {} organisations",
                s.org_type.as_str()
            ),
        ));
    }
    if !s.call.is_open(s.now) {
        return Err(AppError::rule(
            Rule::CallClosed,
            format!(
                "the call accepts submissions from {} to {}",
                crate::db::to_utc(s.call.opens_at),
                crate::db::to_utc(s.call.closes_at)
            ),
        ));
    }
    check_no_sibling(s.has_sibling)?;
    let requested: Money = s.content.requested.into();
    if requested < s.call.min_grant || requested > s.call.max_grant {
        return Err(AppError::rule_on_field(
            Rule::AmountOutOfRange,
            "requested",
            format!(
                "the call grants from {} to {}; {requested} was requested",
                s.call.min_grant, s.call.max_grant
            ),
        ));
    }
    if s.content.duration_months > s.call.max_duration_months {
        return Err(AppError::rule_on_field(
            Rule::DurationTooLong,
            "duration_months",
            format!(
                "the call allows at most {} months; {} were asked",
                s.call.max_duration_months, s.content.duration_months
            ),
        ));
    }
    check_budget(s.content)
}

/// The budget lines must add up to the requested amount exactly.
pub fn check_budget(content: &Content) -> Result<(), AppError> {
    let requested: Money = content.requested.into();
    let sum = Money::sum(
        requested.currency(),
        content.budget_lines.iter().map(|l| l.amount.into()),
    )
    .map_err(|e| AppError::bad_field("budget_lines", e.to_string()))?;
    if sum != requested {
        return Err(AppError::rule_on_field(
            Rule::BudgetMismatch,
            "budget_lines",
            format!("the budget lines add up to {sum}, but the requested amount is {requested}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::applications::content::tests::sample;
    use crate::domain::{Currency, PositiveMoney};
    use chrono::Duration;

    fn call(now: NaiveDateTime) -> Call {
        let usd = |a: &str| Money::parse(a, Currency::USD).unwrap();
        Call {
            id: crate::domain::CallId::new(),
            title: "Call".into(),
            description: "d".into(),
            opens_at: now - Duration::days(1),
            closes_at: now + Duration::days(1),
            envelope: usd("1000000"),
            min_grant: usd("20000"),
            max_grant: usd("60000"),
            max_duration_months: 24,
            eligible_org_types: vec![OrgType::Ngo],
            priority_groups: vec![],
            priority_exploitation: vec![],
            required_documents: vec![],
            created_at: now,
            version: 0,
            amended_at: None,
            cancelled: None,
        }
    }

    fn rule(result: Result<(), AppError>) -> Rule {
        match result {
            Err(AppError::Rule { rule, .. }) => rule,
            other => panic!("expected a rule, got {other:?}"),
        }
    }

    #[test]
    fn each_rule_refuses_by_name() {
        let now = crate::clock::Clock::system().now();
        let c = call(now);
        let content = sample();
        let base = || Submission {
            now,
            call: &c,
            org_state: OrgState::Verified,
            org_type: OrgType::Ngo,
            content: &content,
            has_sibling: false,
        };
        assert!(check_submission(&base()).is_ok());
        assert_eq!(
            rule(check_submission(&Submission {
                org_state: OrgState::Pending,
                ..base()
            })),
            Rule::OrganizationNotVerified
        );
        assert_eq!(
            rule(check_submission(&Submission {
                org_type: OrgType::Governmental,
                ..base()
            })),
            Rule::OrganizationTypeIneligible
        );
        assert_eq!(
            rule(check_submission(&Submission {
                now: now + Duration::days(2),
                ..base()
            })),
            Rule::CallClosed
        );
        assert_eq!(
            rule(check_submission(&Submission {
                now: now - Duration::days(2),
                ..base()
            })),
            Rule::CallClosed
        );
        assert_eq!(
            rule(check_submission(&Submission {
                has_sibling: true,
                ..base()
            })),
            Rule::DuplicateApplication
        );
        let mut long = sample();
        long.duration_months = 25;
        assert_eq!(
            rule(check_submission(&Submission {
                content: &long,
                ..base()
            })),
            Rule::DurationTooLong
        );
        let mut big = sample();
        big.requested = PositiveMoney::parse("70000", Currency::USD).unwrap();
        assert_eq!(
            rule(check_submission(&Submission {
                content: &big,
                ..base()
            })),
            Rule::AmountOutOfRange
        );
        let mut off = sample();
        off.requested = PositiveMoney::parse("30000.01", Currency::USD).unwrap();
        assert_eq!(
            rule(check_submission(&Submission {
                content: &off,
                ..base()
            })),
            Rule::BudgetMismatch
        );
    }
}
