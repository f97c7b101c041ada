//! Who a donor is. A Member State donor is named by its own country (issue 16, item 9):
//! its `country` is required, its name is the country's name from the Member States
//! table; a request may leave the name out, or give it in any letter case, but a name
//! that is another country's (or anything else) is refused, 400 on `donor.name`, rather
//! than silently replaced. Every other donor needs a name of its own.

use super::model::{Donor, DonorType};
use crate::domain::CountryCode;
use crate::error::AppError;

pub fn donor(
    name: Option<String>,
    donor_type: DonorType,
    country: Option<CountryCode>,
) -> Result<Donor, AppError> {
    let name = match (donor_type, country) {
        (DonorType::MemberState, None) => {
            return Err(AppError::bad_field(
                "donor.country",
                "a Member State donor needs its country",
            ))
        }
        (DonorType::MemberState, Some(country)) => {
            let own = country.name();
            match name {
                Some(given) if !given.trim().eq_ignore_ascii_case(own) => {
                    return Err(AppError::bad_field(
                        "donor.name",
                        format!(
                            "a Member State donor is named by its country: {} is {own}, not {given:?}",
                            country.code()
                        ),
                    ))
                }
                _ => own.to_string(),
            }
        }
        (_, _) => name.ok_or_else(|| AppError::bad_field("donor.name", "is required"))?,
    };
    Ok(Donor {
        name,
        donor_type,
        country,
    })
}
