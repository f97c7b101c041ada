//! Fuzz targets for the money parser and the bodies of the money endpoints (issue 10,
//! the standing proof). The same functions serve three runners:
//! - `fuzz/` (cargo-fuzz, libFuzzer, nightly): `cargo +nightly fuzz run money_parser`;
//! - the bounded run in `cargo test --all-features` (`tests::bounded_fuzz` below): a
//!   deterministic mutation loop over a seed corpus, `TRUSTFUND_FUZZ_ITERATIONS` inputs per
//!   target;
//! - `scripts/fuzz_targets.sh`, which uses cargo-fuzz when it is installed and the
//!   bounded run, longer, when it is not.
//!
//! Compiled only with the `fuzz` feature: the production binary has no use for it.
//!
//! A target fails by panicking: on a panic inside the parsers, on a parsed value that
//! breaks the type's invariants (an amount with more decimals than its currency allows,
//! a round trip through the wire form that changes the value), or on a body refused as
//! anything but a 400/422 naming a field.

use crate::domain::{Currency, ExchangeRate, Money, PositiveMoney};
use crate::error::AppError;

/// The money parser: text as an amount in several currencies, and JSON as `Money`,
/// `PositiveMoney` and `ExchangeRate`.
pub fn money_parser(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        for code in ["USD", "JPY", "KWD", "EUR"] {
            let Ok(currency) = serde_json::from_value::<Currency>(serde_json::json!(code)) else {
                continue;
            };
            if let Ok(money) = Money::parse(text, currency) {
                check_money(&money);
            }
        }
    }
    if let Ok(money) = serde_json::from_slice::<Money>(data) {
        check_money(&money);
    }
    if let Ok(money) = serde_json::from_slice::<PositiveMoney>(data) {
        let value = serde_json::to_value(money).unwrap_or_default();
        assert!(
            value["amount"].as_str().is_some_and(
                |a| !a.starts_with('-') && !a.trim_start_matches(['0', '.']).is_empty()
            ),
            "a positive amount that is not: {value}"
        );
    }
    if let Ok(rate) = serde_json::from_slice::<ExchangeRate>(data) {
        let again = serde_json::to_string(&rate).unwrap_or_default();
        let back: Result<ExchangeRate, _> = serde_json::from_str(&again);
        assert!(back.is_ok(), "a rate that does not read back: {again}");
    }
}

/// What every parsed amount must satisfy: at most the currency's decimal places, and the
/// wire form reads back as the same value.
fn check_money(money: &Money) {
    let wire = serde_json::to_string(money).unwrap_or_default();
    let back: Money = match serde_json::from_str(&wire) {
        Ok(back) => back,
        Err(e) => panic!("{money:?} does not read back from {wire}: {e}"),
    };
    assert_eq!(&back, money, "round trip through {wire}");
    assert_eq!(
        Money::from_minor(money.to_minor(), money.currency())
            .ok()
            .as_ref(),
        Some(money),
        "minor units of {money:?}"
    );
}

/// The bodies of the endpoints that move or promise money, parsed as the JSON extractor
/// parses them: refusals are 400 (or 422) naming a field, never anything else.
pub fn money_bodies(data: &[u8]) {
    check_refusal(crate::http::parse_json_body::<
        crate::api::contributions::ReceiptRequest,
    >(data));
    check_refusal(crate::http::parse_json_body::<
        crate::api::contributions::CreateContributionRequest,
    >(data));
    check_refusal(crate::http::parse_json_body::<
        crate::api::voting::VoteRequest,
    >(data));
    check_refusal(crate::http::parse_json_body::<
        crate::api::fund::UpdateSettingsRequest,
    >(data));
    check_refusal(crate::http::parse_json_body::<
        crate::api::applications::CreateApplicationRequest,
    >(data));
    check_refusal(crate::http::parse_json_body::<
        crate::api::grants::AgreementRequest,
    >(data));
    check_refusal(crate::http::parse_json_body::<
        crate::api::grants::DisbursementRequest,
    >(data));
    check_refusal(crate::http::parse_json_body::<
        crate::api::grants::RefundRequest,
    >(data));
    // A grantee's report: the shape checks that need no database run on what parses, as
    // filing runs them first, and must refuse by naming a field too.
    check_refusal(
        crate::http::parse_json_body::<crate::api::grant_reports::ReportRequest>(data)
            .and_then(|report| crate::grant_reports::NewReport::from(report).check_shape()),
    );
}

fn check_refusal<T>(parsed: Result<T, AppError>) {
    match parsed {
        Ok(_) => {}
        Err(AppError::BadRequest { errors, .. }) | Err(AppError::Rule { errors, .. }) => {
            assert!(!errors.is_empty(), "a refusal that names no field");
            assert!(errors.iter().all(|e| !e.field.is_empty()));
        }
        Err(other) => panic!("a body refused as {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seeds: valid bodies and amounts, and the edges the parsers must refuse.
    const SEEDS: &[&str] = &[
        r#"{"amount": "1250.00", "currency": "USD"}"#,
        r#"{"amount": "0.01", "currency": "USD"}"#,
        r#"{"amount": "1000", "currency": "JPY"}"#,
        r#"{"amount": "1.234", "currency": "KWD"}"#,
        r#"{"amount": "-5.00", "currency": "EUR"}"#,
        r#"{"amount": 12.5, "currency": "USD"}"#,
        r#""0.0067""#,
        r#""10""#,
        "99999999999999999999999999999.99",
        "1e9",
        "0.000000000000000000000000001",
        r#"{"amount": {"amount": "10.00", "currency": "USD"}, "received_on": "2026-01-15", "rate_to_usd": "1", "bank_reference": "REF-1"}"#,
        r#"{"donor": {"donor_type": "member_state", "country": "NO"}, "pledged": {"amount": "1000.00", "currency": "NOK"}, "pledged_on": "2026-01-02"}"#,
        r#"{"vote": "approve", "recommended": {"amount": "40000.00", "currency": "USD"}, "comment": "well costed"}"#,
        r#"{"psc_rate": "0.13", "max_grant": null}"#,
        r#"{"signed_on": "2026-01-10", "period_start": "2026-02-01", "period_end": "2027-01-31", "tranches": [{"amount": {"amount": "30000.00", "currency": "USD"}, "due_on": "2026-02-01"}, {"amount": {"amount": "15000.00", "currency": "USD"}, "due_on": "2026-08-01"}]}"#,
        r#"{"tranche": 1, "amount": {"amount": "30000.00", "currency": "USD"}, "value_date": "2026-02-03", "payment_reference": "PAY-2026-001"}"#,
        r#"{"amount": {"amount": "1200.50", "currency": "USD"}, "received_on": "2027-02-15", "bank_reference": "REF-RET-7", "reason": "unspent at closure"}"#,
        r#"{"kind": "progress", "tranche": 1, "period_start": "2026-02-01", "period_end": "2026-07-31", "beneficiaries": [{"sex": "female", "age_group": "adult", "exploitation": "sexual_exploitation", "count": 12}, {"sex": "male", "age_group": "child", "exploitation": "forced_labour", "count": 4}], "spent": [{"label": "Shelter", "amount": {"amount": "21000.00", "currency": "USD"}}, {"label": "Legal aid", "amount": {"amount": "0.00", "currency": "USD"}}], "narrative": "Shelter places opened as planned."}"#,
        r#"{"kind": "final", "period_start": "2026-02-01", "period_end": "2027-01-31", "beneficiaries": [], "spent": [{"label": "Shelter", "amount": {"amount": "-1.00", "currency": "USD"}}], "narrative": ""}"#,
        r#"{"call_id": "00000000-0000-0000-0000-000000000000", "title": "T", "summary": "S", "countries": ["KE"], "beneficiaries": [{"sex": "female", "age_group": "child", "count": 40}], "exploitation": ["forced_labour"], "aid_types": ["legal"], "requested": {"amount": "45000.00", "currency": "USD"}, "duration_months": 12, "budget_lines": [{"label": "Rent", "amount": {"amount": "45000.00", "currency": "USD"}}]}"#,
    ];

    /// Tokens spliced in by the mutator: the characters and values parsers trip on.
    const TOKENS: &[&str] = &[
        "\"",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "-",
        ".",
        "0",
        "9",
        "e",
        "E",
        "+",
        "null",
        "true",
        "\"amount\"",
        "\"currency\"",
        "\"USD\"",
        "\"XAU\"",
        "\"usd\"",
        "\u{202E}",
        "\u{0}",
        "99999999999999999999999999999",
        "0.000000001",
        "-0",
        "NaN",
        "\\u0000",
        "\u{FEFF}",
        "18446744073709551616",
        "\"2026-02-30\"",
        "\"tranche\"",
        "\"tranches\"",
        "\"kind\"",
        "\"final\"",
        "\"progress\"",
        "2147483648",
        "-1",
        "\"9999-12-31\"",
    ];

    /// xorshift64*: a fixed sequence, so a failure reproduces.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
        for _ in 0..=rng.below(4) {
            let at = rng.below(input.len() + 1);
            match rng.below(5) {
                0 if !input.is_empty() => {
                    let end = (at + rng.below(8)).min(input.len());
                    input.drain(at.min(input.len())..end);
                }
                1 => input.insert(at, (rng.next() & 0xFF) as u8),
                2 if at < input.len() => input[at] = (rng.next() & 0x7F) as u8,
                3 => {
                    let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                    input.splice(at..at, token.iter().copied());
                }
                _ => {
                    let other = SEEDS[rng.below(SEEDS.len())].as_bytes();
                    let from = rng.below(other.len());
                    let to = (from + rng.below(40)).min(other.len());
                    input.splice(at..at, other[from..to].iter().copied());
                }
            }
        }
        input.truncate(4096);
    }

    fn run(target: fn(&[u8]), iterations: usize, seed: u64) {
        let mut rng = Rng(seed);
        for seed in SEEDS {
            target(seed.as_bytes());
        }
        for _ in 0..iterations {
            let mut input = SEEDS[rng.below(SEEDS.len())].as_bytes().to_vec();
            mutate(&mut rng, &mut input);
            let result = std::panic::catch_unwind(|| target(&input));
            if result.is_err() {
                panic!(
                    "fuzz input that fails: {:?}",
                    String::from_utf8_lossy(&input)
                );
            }
        }
    }

    fn iterations() -> usize {
        std::env::var("TRUSTFUND_FUZZ_ITERATIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(3_000)
    }

    fn seed() -> u64 {
        std::env::var("TRUSTFUND_FUZZ_SEED")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0x5EED_0010)
    }

    #[test]
    fn bounded_fuzz_money_parser() {
        run(money_parser, iterations(), seed());
    }

    #[test]
    fn bounded_fuzz_money_bodies() {
        run(money_bodies, iterations(), seed() ^ 0xB0D1E5);
    }

    /// The seeds of the newer money bodies are valid bodies, so that mutation starts from
    /// what the parsers accept and not only from what they refuse.
    #[test]
    fn the_money_out_seeds_parse() {
        let seed = |prefix: &str| {
            SEEDS
                .iter()
                .find(|s| s.starts_with(prefix))
                .map(|s| s.as_bytes())
                .unwrap_or_default()
        };
        use crate::http::parse_json_body;
        assert!(
            parse_json_body::<crate::api::grants::AgreementRequest>(seed(r#"{"signed_on""#))
                .is_ok()
        );
        assert!(
            parse_json_body::<crate::api::grants::DisbursementRequest>(seed(r#"{"tranche""#))
                .is_ok()
        );
        assert!(parse_json_body::<crate::api::grants::RefundRequest>(seed(
            r#"{"amount": {"amount": "1200.50""#
        ))
        .is_ok());
        let report = parse_json_body::<crate::api::grant_reports::ReportRequest>(seed(
            r#"{"kind": "progress""#,
        ));
        assert!(
            report.is_ok_and(|r| crate::grant_reports::NewReport::from(r)
                .check_shape()
                .is_ok())
        );
    }

    #[test]
    fn the_targets_catch_what_they_look_for() {
        // A refusal that is not a field error fails the body target.
        let internal: Result<(), AppError> = Err(AppError::internal(anyhow::anyhow!("x")));
        assert!(std::panic::catch_unwind(|| check_refusal(internal)).is_err());
        let bad: Result<(), AppError> = Err(AppError::bad_field("amount", "bad"));
        check_refusal(bad);
    }
}
