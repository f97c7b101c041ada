//! What makes a call for proposals well formed: pure checks over parsed values.

use chrono::{DateTime, Utc};

use crate::documents::{DocumentKind, OwnerType};
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::error::Rule;

/// Durations a call may allow, in months (DOMAIN.md: 8 to 24).
pub const DURATION_MONTHS: std::ops::RangeInclusive<i32> = 8..=24;

/// The amounts and window of a call, checked together: opens before it closes and closes
/// after `now` (a call nobody can answer is a mistake), USD only, every amount above zero,
/// min ≤ max ≤ envelope, and max within the Fund's ceiling when one is set. Malformed
/// terms are a 400 naming the field, as every other term of a call.
pub fn check_terms(
    now: DateTime<Utc>,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    envelope: Money,
    min_grant: Money,
    max_grant: Money,
    fund_max_grant: Option<Money>,
) -> Result<(), AppError> {
    if closes_at <= opens_at {
        return Err(AppError::bad_field("closes_at", "must be after opens_at"));
    }
    if closes_at <= now {
        return Err(AppError::bad_field(
            "closes_at",
            "must be in the future: the window of a new call has not closed yet",
        ));
    }
    for (field, money) in [
        ("envelope", envelope),
        ("min_grant", min_grant),
        ("max_grant", max_grant),
    ] {
        if money.currency() != Currency::USD {
            return Err(AppError::bad_field(
                format!("{field}.currency"),
                "calls are in USD, the Fund's functional currency",
            ));
        }
        if !money.is_positive() {
            return Err(AppError::bad_field(
                format!("{field}.amount"),
                "must be more than zero",
            ));
        }
    }
    if min_grant > max_grant {
        return Err(AppError::bad_field(
            "min_grant",
            format!("must not exceed max_grant ({max_grant})"),
        ));
    }
    if max_grant > envelope {
        return Err(AppError::bad_field(
            "max_grant",
            format!("must not exceed the envelope ({envelope})"),
        ));
    }
    if let Some(ceiling) = fund_max_grant {
        if max_grant > ceiling {
            return Err(AppError::rule_on_field(
                Rule::FundMaxGrant,
                "max_grant",
                format!("the Fund's settings allow grants of at most {ceiling}; this call offers up to {max_grant}"),
            ));
        }
    }
    Ok(())
}

/// The documents a call requires of its applications: kinds an application carries, each
/// named once. A kind of another record (a signed agreement, say) is a 422
/// `document-kind` on `required_documents`: no applicant could ever attach it, so no
/// application could be submitted. A kind listed twice is a 400, as in every other list
/// of a call's terms (a set written with a repeat is malformed, not a second requirement).
pub fn check_required_documents(kinds: &[DocumentKind]) -> Result<(), AppError> {
    if let Some(i) = super::first_duplicate(kinds) {
        return Err(AppError::bad_field(
            format!("required_documents[{i}]"),
            "listed twice",
        ));
    }
    if let Some(kind) = kinds.iter().find(|k| !k.fits(OwnerType::Application)) {
        let carried: Vec<&str> = OwnerType::Application
            .kinds()
            .iter()
            .map(|k| k.as_str())
            .collect();
        return Err(AppError::rule_on_field(
            Rule::DocumentKind,
            "required_documents",
            format!(
                "an application carries documents of the kinds {}; not {}",
                carried.join(", "),
                kind.as_str()
            ),
        ));
    }
    Ok(())
}

/// A cancelled call takes no draft, no submission and no change (422 `call-cancelled`).
pub fn check_not_cancelled(call: &super::Call) -> Result<(), AppError> {
    match &call.cancelled {
        Some((at, reason)) => Err(AppError::rule(
            Rule::CallCancelled,
            format!(
                "the call was cancelled at {}: {reason}",
                crate::db::to_utc(*at)
            ),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(a: &str) -> Money {
        Money::parse(a, Currency::USD).unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn now() -> DateTime<Utc> {
        at("2026-12-01T00:00:00Z")
    }

    #[test]
    fn accepts_a_real_call() {
        let ok = check_terms(
            now(),
            at("2027-01-01T00:00:00Z"),
            at("2027-03-01T00:00:00Z"),
            usd("1000000"),
            usd("20000"),
            usd("60000"),
            Some(usd("60000")),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn requires_only_what_an_application_carries_once() {
        use DocumentKind::*;
        assert!(check_required_documents(&[]).is_ok());
        assert!(check_required_documents(&[Proposal, BudgetAnnex, Other]).is_ok());
        assert!(matches!(
            check_required_documents(&[Proposal, SignedAgreement]),
            Err(AppError::Rule {
                rule: Rule::DocumentKind,
                ..
            })
        ));
        assert!(matches!(
            check_required_documents(&[Proposal, Proposal]),
            Err(AppError::BadRequest { .. })
        ));
    }

    #[test]
    fn refuses_bad_terms() {
        let (o, c) = (at("2027-01-01T00:00:00Z"), at("2027-03-01T00:00:00Z"));
        assert!(check_terms(now(), c, o, usd("100"), usd("1"), usd("2"), None).is_err());
        assert!(check_terms(now(), o, c, usd("100"), usd("3"), usd("2"), None).is_err());
        assert!(check_terms(now(), o, c, usd("100"), usd("1"), usd("200"), None).is_err());
        let eur = Money::parse("100", Currency::parse("EUR").unwrap()).unwrap();
        assert!(check_terms(now(), o, c, eur, usd("1"), usd("2"), None).is_err());
        let capped = check_terms(
            now(),
            o,
            c,
            usd("100"),
            usd("1"),
            usd("50"),
            Some(usd("40")),
        );
        assert!(check_terms(now(), o, c, usd("0"), usd("0"), usd("0"), None).is_err());
        assert!(check_terms(now(), o, c, usd("100"), usd("-5"), usd("2"), None).is_err());
        let past = at("2026-11-01T00:00:00Z");
        assert!(check_terms(
            now(),
            past - chrono::Duration::days(9),
            past,
            usd("100"),
            usd("1"),
            usd("2"),
            None
        )
        .is_err());
        assert!(matches!(
            capped,
            Err(AppError::Rule {
                rule: Rule::FundMaxGrant,
                ..
            })
        ));
    }
}
