use std::collections::HashMap;

use chrono::NaiveDate;

use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn scope(from: &str, to: &str, all_kinds: bool) -> Scope {
    Scope {
        from: d(from),
        to: d(to),
        all_kinds,
        grant: None,
        organization: None,
        country: None,
        regional_group: None,
        at: "2026-12-06T12:00:00Z".parse().unwrap(),
        audience: crate::exports::iati::load::Audience::Finance,
    }
}

fn grant(release: Option<&str>) -> GrantRow {
    GrantRow {
        application_id: "a".into(),
        organization_id: "o".into(),
        award_minor: 3_000_000,
        currency: Currency::USD,
        state: GrantState::Closed,
        created_at: d("2026-01-10").and_hms_opt(9, 0, 0).unwrap(),
        closed_at: None,
        release_transaction_id: release.map(str::to_string),
    }
}

fn paid(tranche: i32, minor: i64, on: &str, reversal: Option<&str>) -> DisbursementRow {
    DisbursementRow {
        tranche,
        amount_minor: minor,
        psc_minor: minor * 13 / 100,
        currency: Currency::USD,
        value_date: d(on),
        reversal_transaction_id: reversal.map(str::to_string),
    }
}

fn summary(t: &[Transaction]) -> Vec<(&'static str, String, String)> {
    t.iter()
        .map(|t| {
            (
                t.kind.code(),
                t.date.to_string(),
                t.value.amount().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_year_of_entries_maps_to_signed_iati_transactions() {
    let g = grant(Some("rel"));
    let disbursements = [
        paid(1, 1_500_000, "2026-02-01", None),
        paid(2, 500_000, "2026-03-01", Some("rev")),
    ];
    let refunds = [RefundRow {
        amount_minor: 100_000,
        psc_minor: 13_000,
        currency: Currency::USD,
        received_on: d("2026-06-01"),
        reversal_transaction_id: None,
    }];
    let posted: HashMap<String, NaiveDate> = [
        ("rev".to_string(), d("2026-03-05")),
        ("rel".to_string(), d("2026-07-01")),
    ]
    .into();
    let all = transactions(
        &scope("2026-01-01", "2026-12-31", true),
        &g,
        &disbursements,
        &refunds,
        &posted,
    )
    .unwrap();
    assert_eq!(
        summary(&all),
        [
            ("2", "2026-01-10", "30000.00"),
            ("3", "2026-02-01", "15000.00"),
            ("4", "2026-02-01", "1950.00"),
            ("3", "2026-03-01", "5000.00"),
            ("4", "2026-03-01", "650.00"),
            ("3", "2026-03-05", "-5000.00"),
            ("4", "2026-03-05", "-650.00"),
            ("3", "2026-06-01", "-1000.00"),
            ("4", "2026-06-01", "-130.00"),
            // The award not paid (30,000 less the 15,000 that stands) released.
            ("2", "2026-07-01", "-15000.00"),
        ]
        .map(|(k, d, v)| (k, d.to_string(), v.to_string()))
    );

    // Disbursements only, in March: the payment and its reversal, nothing else.
    let march = transactions(
        &scope("2026-03-01", "2026-03-31", false),
        &g,
        &disbursements,
        &[],
        &posted,
    )
    .unwrap();
    assert_eq!(
        summary(&march)
            .iter()
            .map(|(k, _, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
        [
            ("3", "5000.00"),
            ("4", "650.00"),
            ("3", "-5000.00"),
            ("4", "-650.00")
        ]
    );

    // A period without entries maps to nothing (the grant is left out).
    let none = transactions(
        &scope("2025-01-01", "2025-12-31", true),
        &g,
        &disbursements,
        &refunds,
        &posted,
    )
    .unwrap();
    assert!(none.is_empty());
}

#[test]
fn a_reversal_missing_from_the_ledger_is_an_internal_error() {
    let g = grant(None);
    let disbursements = [paid(1, 100, "2026-02-01", Some("gone"))];
    assert!(transactions(
        &scope("2026-01-01", "2026-12-31", false),
        &g,
        &disbursements,
        &[],
        &HashMap::new(),
    )
    .is_err());
}

#[test]
fn sectors_follow_the_forms_of_exploitation_with_shares_adding_to_100() {
    use rust_decimal::Decimal;
    let got = sectors(&[
        Exploitation::ForcedLabour,
        Exploitation::SexualExploitation,
        Exploitation::ForcedMarriage,
    ]);
    let codes: Vec<(&str, Decimal)> = got.iter().map(|(s, p)| (s.code, *p)).collect();
    assert_eq!(
        codes,
        vec![
            ("15180", Decimal::new(50, 0)),
            ("16070", Decimal::new(50, 0))
        ]
    );
    assert_eq!(sectors(&[])[0].0.code, "16010");
    assert_eq!(sector_of(Exploitation::ForcedCriminality).code, "15160");
}
