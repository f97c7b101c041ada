//! Whether an organisation may apply (DOMAIN.md, "Calls, organisations, applications"):
//! registered for at least one year, at least one year of direct assistance to victims,
//! and measures against sexual exploitation and abuse (PSEA) in place.

use chrono::{Months, NaiveDate};

use super::model::Organization;
use crate::error::{AppError, Rule};

/// A year back from `on` (29 February falls back to 28 February).
fn one_year_before(on: NaiveDate) -> NaiveDate {
    on.checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN)
}

/// `organization-ineligible`, naming the first condition that fails, or `Ok` when every
/// condition holds on `on` (the day of submission).
pub fn check_eligible(org: &Organization, on: NaiveDate) -> Result<(), AppError> {
    let year_ago = one_year_before(on);
    if org.registered_on > year_ago {
        return Err(AppError::rule(
            Rule::OrganizationIneligible,
            format!(
                "the organisation must have been registered for at least one year: registered on {}, eligible from {}",
                org.registered_on,
                org.registered_on.checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX)
            ),
        ));
    }
    if org.direct_assistance_since > year_ago {
        return Err(AppError::rule(
            Rule::OrganizationIneligible,
            format!(
                "the organisation must have at least one year of direct assistance to victims: assisting since {}",
                org.direct_assistance_since
            ),
        ));
    }
    match org.psea_measures_since {
        Some(since) if since <= on => Ok(()),
        Some(since) => Err(AppError::rule(
            Rule::OrganizationIneligible,
            format!("measures against sexual exploitation and abuse must be in place: they take effect on {since}"),
        )),
        None => Err(AppError::rule(
            Rule::OrganizationIneligible,
            "measures against sexual exploitation and abuse must be in place: the organisation has declared none",
        )),
    }
}
