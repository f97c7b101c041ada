//! Values and request bodies a test starts from, in the crate's own types: a test
//! changes the one field its story is about (`CallRequest { max_grant: usd("50000.00"),
//! ..bodies::call(0, 5) }`) and the rest stay valid.

use chrono::{Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::Value;
use trustfund::api::applications::{
    CreateApplicationRequest, ScreenApplicationRequest, ScreeningChecklistItem,
};
use trustfund::api::board::{AppointTrusteeRequest, ChairDecisionRequest, DesignateChairRequest};
use trustfund::api::calls::CallRequest;
use trustfund::api::contributions::{CreateContributionRequest, DonorRequest, ReceiptRequest};
use trustfund::api::voting::VoteRequest;
use trustfund::applications::{Beneficiaries, BudgetLine, Criterion};
use trustfund::calls::{AgeGroup, AidType, Exploitation, PriorityGroup, Sex};
use trustfund::contributions::DonorType;
use trustfund::domain::{
    CallId, CountryCode, Currency, ExchangeRate, Money, PositiveMoney, ShortText, Text,
};
use trustfund::organizations::OrgType;
use trustfund::voting::Ballot;
use uuid::Uuid;

mod applications;
mod grants;

pub use applications::*;
pub use grants::*;

/// An amount in US dollars (`"30000.00"`).
#[track_caller]
pub fn usd(amount: &str) -> Money {
    Money::parse(amount, Currency::USD).expect("a USD amount")
}

/// An amount in a currency (`in_currency("1000000", "JPY")`).
#[track_caller]
pub fn in_currency(amount: &str, currency: &str) -> Money {
    Money::parse(amount, Currency::parse(currency).expect("a currency")).expect("an amount")
}

/// A positive amount in US dollars, as requests that need one take it.
#[track_caller]
pub fn positive_usd(amount: &str) -> PositiveMoney {
    PositiveMoney::new(usd(amount)).expect("a positive amount")
}

/// A positive amount in a currency.
#[track_caller]
pub fn positive(amount: &str, currency: &str) -> PositiveMoney {
    PositiveMoney::new(in_currency(amount, currency)).expect("a positive amount")
}

/// An amount as a view of the money features gives it (`{"amount", "currency"}`).
#[track_caller]
pub fn money(value: &Value) -> Money {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("not money: {value}: {e}"))
}

/// A decimal (`"0.0075"`): rates and shares compared exactly.
#[track_caller]
pub fn decimal(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

#[track_caller]
pub fn text(text: &str) -> Text {
    Text::parse(text).expect("valid text")
}

#[track_caller]
pub fn short(text: &str) -> ShortText {
    ShortText::parse(text).expect("valid short text")
}

#[track_caller]
pub fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).expect("a country code")
}

/// Today as the service's clock reads it in the tests (the real one).
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// `days` from today (negative: before).
pub fn days_from_today(days: i64) -> NaiveDate {
    today() + Duration::days(days)
}

/// A call open from `opens_in_days` to `closes_in_days` (from now): USD 20,000 to
/// 60,000 of a 500,000 envelope, up to 24 months, NGOs and intergovernmental bodies; no
/// document required of applications.
pub fn call(opens_in_days: i64, closes_in_days: i64) -> CallRequest {
    let now = Utc::now();
    CallRequest {
        title: short("2027 call"),
        description: text("Direct assistance."),
        opens_at: now + Duration::days(opens_in_days),
        closes_at: now + Duration::days(closes_in_days),
        envelope: usd("500000.00"),
        min_grant: usd("20000.00"),
        max_grant: usd("60000.00"),
        max_duration_months: 24,
        eligible_org_types: vec![OrgType::Ngo, OrgType::Intergovernmental],
        priority_groups: vec![PriorityGroup {
            sex: Sex::Female,
            age_group: AgeGroup::Child,
        }],
        priority_exploitation: vec![Exploitation::ForcedLabour, Exploitation::ForcedMarriage],
        required_documents: Vec::new(),
    }
}

/// An application under `call` that meets an open call's terms (`scenarios::open_call`):
/// KE and UG, USD 45,000 in two budget lines, 12 months.
pub fn application(call: CallId) -> CreateApplicationRequest {
    CreateApplicationRequest {
        call_id: call.as_uuid(),
        title: short("Safe shelter and legal aid"),
        summary: text("Shelter, counselling and legal aid for survivors."),
        countries: vec![country("KE"), country("UG")],
        beneficiaries: vec![
            Beneficiaries {
                sex: Sex::Female,
                age_group: AgeGroup::Child,
                count: 40,
            },
            Beneficiaries {
                sex: Sex::Male,
                age_group: AgeGroup::Adult,
                count: 0,
            },
        ],
        exploitation: vec![Exploitation::SexualExploitation, Exploitation::ForcedLabour],
        aid_types: vec![AidType::Humanitarian, AidType::Legal],
        requested: positive_usd("45000.00"),
        duration_months: 12,
        budget_lines: vec![
            BudgetLine {
                label: short("Shelter rent"),
                amount: positive_usd("30000.00"),
            },
            BudgetLine {
                label: short("Lawyers"),
                amount: positive_usd("15000.00"),
            },
        ],
    }
}

/// An approval recommending `amount` (USD).
pub fn approve(amount: &str) -> VoteRequest {
    VoteRequest {
        vote: Ballot::Approve,
        recommended: Some(positive_usd(amount)),
        comment: text("considered"),
    }
}

pub fn reject() -> VoteRequest {
    VoteRequest {
        vote: Ballot::Reject,
        recommended: None,
        comment: text("considered"),
    }
}

pub fn abstain() -> VoteRequest {
    VoteRequest {
        vote: Ballot::Abstain,
        recommended: None,
        comment: text("considered"),
    }
}

/// A trustee of `nationality` starting on `term_start` (`YYYY-MM-DD`) for a full
/// three-year term, appointed on 2029-11-01 after consulting their Member State and
/// Austria, and the Executive Director on 2026-10-15 (a consultation recorded has taken
/// place: it is not after the day the appointment is recorded).
pub fn appointment(name: &str, nationality: &str, term_start: &str) -> AppointTrusteeRequest {
    AppointTrusteeRequest {
        name: short(name),
        nationality: country(nationality),
        experience: text("Years of work with survivors of trafficking."),
        appointed_on: date("2029-11-01"),
        term_start: date(term_start),
        term_end: None,
        consulted_member_states: vec![country(nationality), country("AT")],
        consulted_executive_director_on: date("2026-10-15"),
        user_id: None,
        completes_appointment_id: None,
        person_id: None,
    }
}

/// The same, appointed (and the consultations over) on the day the term starts.
pub fn appointment_from(
    name: &str,
    nationality: &str,
    term_start: NaiveDate,
) -> AppointTrusteeRequest {
    AppointTrusteeRequest {
        appointed_on: term_start,
        consulted_executive_director_on: term_start,
        ..appointment(name, nationality, &term_start.to_string())
    }
}

#[track_caller]
pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date (YYYY-MM-DD)")
}

/// A pledge by Japan (a Member State) made today.
pub fn pledge_by_japan(pledged: Option<PositiveMoney>) -> CreateContributionRequest {
    CreateContributionRequest {
        donor: DonorRequest {
            name: None,
            donor_type: DonorType::MemberState,
            country: Some(country("JP")),
        },
        pledged,
        pledged_on: today(),
    }
}

/// A pledge by Norway (a Member State) made today.
pub fn pledge_by_norway(pledged: PositiveMoney) -> CreateContributionRequest {
    CreateContributionRequest {
        donor: DonorRequest {
            name: Some(short("Norway")),
            donor_type: DonorType::MemberState,
            country: Some(country("NO")),
        },
        pledged: Some(pledged),
        pledged_on: today(),
    }
}

/// A pledge (or, without one, a gift) by a public donor made on 2026-01-15.
pub fn pledge_by_a_public_donor(pledged: Option<PositiveMoney>) -> CreateContributionRequest {
    CreateContributionRequest {
        donor: DonorRequest {
            name: Some(short("Donor")),
            donor_type: DonorType::Public,
            country: None,
        },
        pledged,
        pledged_on: date("2026-01-15"),
    }
}

#[track_caller]
pub fn rate(text: &str) -> ExchangeRate {
    ExchangeRate::parse(text).expect("a rate")
}

/// A receipt of `amount` today at `rate_to_usd`, with a fresh bank reference.
pub fn receipt(amount: PositiveMoney, rate_to_usd: &str) -> ReceiptRequest {
    ReceiptRequest {
        amount,
        received_on: today(),
        rate_to_usd: Some(ExchangeRate::parse(rate_to_usd).expect("a rate")),
        bank_reference: short(&format!("REF-{}", Uuid::new_v4().simple())),
        rate_reason: None,
    }
}

/// The Board's decision recorded with a chair: its meeting on `from`, or today when the
/// chair's year starts later (a decision recorded has been taken).
pub fn chair_decision(from: NaiveDate) -> ChairDecisionRequest {
    ChairDecisionRequest {
        meeting_on: from.min(today()),
        record_reference: short("Report of the Board of Trustees, para. 12"),
    }
}

/// The chair for `[from, to)` on the Board's decision ([`chair_decision`]).
pub fn chair_designation(
    appointment: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> DesignateChairRequest {
    DesignateChairRequest {
        appointment_id: appointment,
        from,
        to,
        board_decision: chair_decision(from),
    }
}

/// A screening checklist with every criterion met.
pub fn checklist_all_met() -> Vec<ScreeningChecklistItem> {
    Criterion::all()
        .iter()
        .map(|&criterion| ScreeningChecklistItem {
            criterion,
            met: true,
            note: None,
        })
        .collect()
}

/// [`checklist_all_met`] but `unmet`, with `note` saying why.
pub fn checklist_unmet(unmet: Criterion, note: &str) -> Vec<ScreeningChecklistItem> {
    checklist_all_met()
        .into_iter()
        .map(|item| {
            if item.criterion == unmet {
                ScreeningChecklistItem {
                    met: false,
                    note: Some(text(note)),
                    ..item
                }
            } else {
                item
            }
        })
        .collect()
}

/// A screening that finds the application eligible, every criterion met.
pub fn screen_eligible() -> ScreenApplicationRequest {
    ScreenApplicationRequest {
        eligible: true,
        reasons: vec![text("meets every criterion")],
        checklist: checklist_all_met(),
    }
}
