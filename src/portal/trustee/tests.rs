//! The trustee pages name some messages by a value's API name, as in
//! `t(("trustee-state-" ~ state))` (in double parentheses, so that the portal's check of
//! literal keys passes them by): every value has its words, in every language (the
//! portal's own test checks that the three languages share their keys).

use serde::Serialize;

use crate::applications::ApplicationState;
use crate::calls::{AgeGroup, AidType, Exploitation, Sex};
use crate::domain::RegionalGroup;
use crate::grants::GrantState;
use crate::organizations::{OrgState, OrgType};
use crate::portal::messages;
use crate::voting::{Ballot, DecisionStatus};

fn name<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn assert_words<T: Serialize + Copy>(prefix: &str, values: &[T]) {
    for value in values {
        let key = format!("{prefix}-{}", name(*value));
        assert!(messages::has(&key), "no words for {key}");
    }
}

#[test]
fn every_value_the_pages_show_has_words() {
    use strum::VariantArray;
    assert_words("trustee-state", ApplicationState::VARIANTS);
    assert_words("trustee-sex", &[Sex::Female, Sex::Male, Sex::Other]);
    assert_words("trustee-age", &[AgeGroup::Child, AgeGroup::Adult]);
    assert_words(
        "trustee-exploitation",
        &[
            Exploitation::SexualExploitation,
            Exploitation::ForcedLabour,
            Exploitation::Slavery,
            Exploitation::Servitude,
            Exploitation::OrganRemoval,
            Exploitation::ForcedBegging,
            Exploitation::ForcedCriminality,
            Exploitation::ForcedMarriage,
            Exploitation::Other,
        ],
    );
    assert_words(
        "trustee-aid",
        &[AidType::Humanitarian, AidType::Legal, AidType::Financial],
    );
    assert_words(
        "trustee-org-type",
        &[
            OrgType::Ngo,
            OrgType::Governmental,
            OrgType::Intergovernmental,
        ],
    );
    assert_words(
        "trustee-org-state",
        &[OrgState::Pending, OrgState::Verified, OrgState::Refused],
    );
    assert_words(
        "trustee-grant",
        &[
            GrantState::Awarded,
            GrantState::AgreementSigned,
            GrantState::Closing,
            GrantState::Closed,
            GrantState::Cancelled,
        ],
    );
    assert_words("trustee-group", RegionalGroup::VARIANTS);
    assert_words("trustee-ballot", Ballot::VARIANTS);
    assert_words(
        "trustee-decision",
        &[
            DecisionStatus::Approved,
            DecisionStatus::Rejected,
            DecisionStatus::ReserveList,
        ],
    );
}
