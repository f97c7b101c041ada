//! The screening checklist: every eligibility criterion of the Fund's calls, stated met or
//! not by the secretariat, so a screening result says what was checked and not only its
//! verdict. Pure rules over plain values; `moves::screen` reads the records they need.
//!
//! - The checklist is complete: every [`Criterion`] exactly once (400 naming the field).
//! - An unmet criterion says why in its `note` (400): an unexplained "no" is no record.
//! - Where the records decide a criterion (the organisation's type, verification and
//!   eligibility dates; the amount and duration against the call), the service computes
//!   it and keeps the result beside the secretariat's finding. The secretariat may find a
//!   criterion unmet that the records meet (a declared safeguarding policy can still be
//!   found inadequate), but not the reverse: claiming met what the records show unmet is a
//!   422 `screening-contradicts-records`. The records set a floor; judgement may only be
//!   stricter. Correct the record first (it has its own audited path), then screen.
//! - `eligible: true` with an unmet criterion is a 422 `screening-criterion-unmet`;
//!   `eligible: false` with every criterion met is a 422 `screening-no-unmet-criterion`:
//!   ineligibility is a finding against a criterion, so the organisation (and an auditor)
//!   can tell which one it failed. The `reasons` stay the letter the organisation gets.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::content::Content;
use crate::calls::Call;
use crate::domain::Money;
use crate::error::{AppError, Rule};
use crate::organizations::{OrgState, Organization};

/// One eligibility criterion of the Fund's calls (DOMAIN.md, "Calls, organisations,
/// applications"; resolution 64/293, annex para. 38), in the order a screener reads them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Criterion {
    /// The call admits the organisation's type (computed).
    OrganizationTypeEligible,
    /// The secretariat has verified the organisation (computed, as of screening).
    OrganizationVerified,
    /// Registered for at least a year on the day of submission (computed).
    RegisteredOneYear,
    /// At least a year of direct assistance to victims on the day of submission (computed
    /// from the declared date).
    DirectAssistanceOneYear,
    /// Measures against sexual exploitation and abuse in place on the day of submission
    /// (computed from the declared date; their adequacy is the secretariat's judgement).
    PseaMeasures,
    /// The activities give humanitarian, legal or financial aid to victims of trafficking
    /// (annex para. 38): the secretariat's judgement.
    WithinMandate,
    /// The requested amount lies within the call's minimum and maximum grant (computed).
    AmountWithinLimits,
    /// The duration is within the call's maximum (computed).
    DurationWithinLimit,
}

impl Criterion {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Every criterion, in the order a screener reads them.
    pub fn all() -> &'static [Criterion] {
        <Criterion as strum::VariantArray>::VARIANTS
    }
}

/// One criterion as the secretariat states it.
#[derive(Debug, Clone)]
pub struct CriterionCheck {
    pub criterion: Criterion,
    pub met: bool,
    /// Required when not met.
    pub note: Option<String>,
}

/// One criterion as recorded with a screening result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChecklistEntry {
    pub criterion: Criterion,
    /// The secretariat's finding.
    pub met: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What the records showed at screening; absent for a criterion of judgement. It may
    /// be `true` where `met` is `false` (the secretariat found more than the records show),
    /// never the reverse.
    #[serde(default)]
    pub computed: Option<bool>,
}

/// The criteria the records decide, as computed for one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Records {
    pub organization_type_eligible: bool,
    pub organization_verified: bool,
    pub registered_one_year: bool,
    pub direct_assistance_one_year: bool,
    pub psea_measures: bool,
    pub amount_within_limits: bool,
    pub duration_within_limit: bool,
}

impl Records {
    /// The records of `org` and `call` for `content`; the organisation's dates are read
    /// on `submitted_on` (as the submission checked them), its verification as it stands.
    pub fn of(org: &Organization, call: &Call, content: &Content, submitted_on: NaiveDate) -> Self {
        let year_ago = submitted_on
            .checked_sub_months(Months::new(12))
            .unwrap_or(NaiveDate::MIN);
        let requested: Money = content.requested.into();
        Records {
            organization_type_eligible: call.eligible_org_types.contains(&org.org_type),
            organization_verified: org.state == OrgState::Verified,
            registered_one_year: org.registered_on <= year_ago,
            direct_assistance_one_year: org.direct_assistance_since <= year_ago,
            psea_measures: org.psea_measures_since.is_some_and(|d| d <= submitted_on),
            amount_within_limits: requested >= call.min_grant && requested <= call.max_grant,
            duration_within_limit: content.duration_months <= call.max_duration_months,
        }
    }

    /// The computed value of `criterion`, `None` for a criterion of judgement.
    pub fn computed(&self, criterion: Criterion) -> Option<bool> {
        use Criterion::*;
        match criterion {
            OrganizationTypeEligible => Some(self.organization_type_eligible),
            OrganizationVerified => Some(self.organization_verified),
            RegisteredOneYear => Some(self.registered_one_year),
            DirectAssistanceOneYear => Some(self.direct_assistance_one_year),
            PseaMeasures => Some(self.psea_measures),
            WithinMandate => None,
            AmountWithinLimits => Some(self.amount_within_limits),
            DurationWithinLimit => Some(self.duration_within_limit),
        }
    }
}

/// The checks that need nothing but the checklist (400s naming the field): every
/// criterion once, a note on each unmet one.
pub fn check_shape(checks: &[CriterionCheck]) -> Result<(), AppError> {
    for (i, check) in checks.iter().enumerate() {
        if checks[..i].iter().any(|c| c.criterion == check.criterion) {
            return Err(AppError::bad_field(
                format!("checklist[{i}].criterion"),
                format!("{} is listed twice", check.criterion.as_str()),
            ));
        }
        if !check.met && check.note.is_none() {
            return Err(AppError::bad_field(
                format!("checklist[{i}].note"),
                format!("say why {} is not met", check.criterion.as_str()),
            ));
        }
    }
    let missing: Vec<&str> = Criterion::all()
        .iter()
        .filter(|c| !checks.iter().any(|check| check.criterion == **c))
        .map(|c| c.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(AppError::bad_field(
            "checklist",
            format!("state every criterion; missing: {}", missing.join(", ")),
        ));
    }
    Ok(())
}

/// The rules against the records and the verdict (422s naming the field); the checklist
/// as recorded, in the order given.
pub fn check(
    eligible: bool,
    checks: &[CriterionCheck],
    records: &Records,
) -> Result<Vec<ChecklistEntry>, AppError> {
    check_shape(checks)?;
    for (i, check) in checks.iter().enumerate() {
        if check.met && records.computed(check.criterion) == Some(false) {
            return Err(AppError::rule_on_field(
                Rule::ScreeningContradictsRecords,
                format!("checklist[{i}].met"),
                format!(
                    "the records show {} not met: correct them before screening",
                    check.criterion.as_str()
                ),
            ));
        }
    }
    let unmet = checks.iter().position(|c| !c.met);
    match (eligible, unmet) {
        (true, Some(i)) => {
            return Err(AppError::rule_on_field(
                Rule::ScreeningCriterionUnmet,
                format!("checklist[{i}].met"),
                format!(
                    "an eligible application meets every criterion; {} is not met",
                    checks[i].criterion.as_str()
                ),
            ))
        }
        (false, None) => {
            return Err(AppError::rule_on_field(
                Rule::ScreeningNoUnmetCriterion,
                "checklist",
                "an ineligible application fails at least one criterion: say which",
            ))
        }
        _ => {}
    }
    Ok(checks
        .iter()
        .map(|c| ChecklistEntry {
            criterion: c.criterion,
            met: c.met,
            note: c.note.clone(),
            computed: records.computed(c.criterion),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    fn all_met() -> Vec<CriterionCheck> {
        Criterion::VARIANTS
            .iter()
            .map(|&criterion| CriterionCheck {
                criterion,
                met: true,
                note: None,
            })
            .collect()
    }

    fn records() -> Records {
        Records {
            organization_type_eligible: true,
            organization_verified: true,
            registered_one_year: true,
            direct_assistance_one_year: true,
            psea_measures: true,
            amount_within_limits: true,
            duration_within_limit: true,
        }
    }

    fn refusal(result: Result<Vec<ChecklistEntry>, AppError>) -> (Option<Rule>, String) {
        match result {
            Err(AppError::Rule { rule, errors, .. }) => (Some(rule), errors[0].field.clone()),
            Err(AppError::BadRequest { errors, .. }) => (None, errors[0].field.clone()),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_complete_checklist_is_recorded_with_what_the_records_show() {
        let entries = check(true, &all_met(), &records()).unwrap();
        assert_eq!(entries.len(), Criterion::VARIANTS.len());
        let mandate = entries
            .iter()
            .find(|e| e.criterion == Criterion::WithinMandate)
            .unwrap();
        assert_eq!(mandate.computed, None);
        assert!(entries
            .iter()
            .filter(|e| e.criterion != Criterion::WithinMandate)
            .all(|e| e.computed == Some(true)));
    }

    #[test]
    fn incomplete_repeated_and_unexplained_checklists_are_400s() {
        let mut short = all_met();
        short.pop();
        assert_eq!(
            refusal(check(true, &short, &records())),
            (None, "checklist".into())
        );
        let mut twice = all_met();
        twice.push(twice[0].clone());
        let last = twice.len() - 1;
        assert_eq!(
            refusal(check(true, &twice, &records())),
            (None, format!("checklist[{last}].criterion"))
        );
        let mut bare = all_met();
        bare[2].met = false;
        assert_eq!(
            refusal(check(false, &bare, &records())),
            (None, "checklist[2].note".into())
        );
    }

    #[test]
    fn the_verdict_follows_the_checklist() {
        let mut unmet = all_met();
        unmet[5].met = false;
        unmet[5].note = Some("a development project, no aid to victims".into());
        assert_eq!(
            refusal(check(true, &unmet, &records())),
            (
                Some(Rule::ScreeningCriterionUnmet),
                "checklist[5].met".into()
            )
        );
        assert!(check(false, &unmet, &records()).is_ok());
        assert_eq!(
            refusal(check(false, &all_met(), &records())),
            (Some(Rule::ScreeningNoUnmetCriterion), "checklist".into())
        );
    }

    #[test]
    fn judgement_may_be_stricter_than_the_records_never_laxer() {
        let no_psea = Records {
            psea_measures: false,
            ..records()
        };
        let at = all_met()
            .iter()
            .position(|c| c.criterion == Criterion::PseaMeasures)
            .unwrap();
        assert_eq!(
            refusal(check(true, &all_met(), &no_psea)),
            (
                Some(Rule::ScreeningContradictsRecords),
                format!("checklist[{at}].met")
            )
        );
        let mut stricter = all_met();
        stricter[at].met = false;
        stricter[at].note = Some("the policy names no focal point".into());
        let entries = check(false, &stricter, &records()).unwrap();
        assert_eq!((entries[at].met, entries[at].computed), (false, Some(true)));
    }
}
