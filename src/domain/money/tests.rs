use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use super::*;

fn cur(code: &str) -> Currency {
    Currency::parse(code).unwrap()
}

fn money(amount: &str, code: &str) -> Money {
    Money::parse(amount, cur(code)).unwrap()
}

fn rate(r: &str) -> ExchangeRate {
    ExchangeRate::parse(r).unwrap()
}

#[test]
fn parses_and_rescales_to_the_currency_digits() {
    assert_eq!(money("1250", "USD").amount().to_string(), "1250.00");
    assert_eq!(money("1250.5", "USD").to_minor(), 125_050);
    assert_eq!(money("-3.5", "USD").amount().to_string(), "-3.50");
    assert_eq!(money("-0.00", "USD"), Money::zero(Currency::USD));
    assert_eq!(money("1000000", "JPY").amount().to_string(), "1000000");
    assert_eq!(money("1.5", "KWD").amount().to_string(), "1.500");
    assert_eq!(money("0.001", "KWD").to_minor(), 1);
}

#[test]
fn fund_codes_metals_and_testing_codes_are_not_currencies_a_fund_holds() {
    for code in [
        "USN", "USS", "XAU", "XAG", "XPT", "XPD", "XDR", "XTS", "XXX", "XBA", "XBD", "XSU", "XUA",
        "BOV", "CLF", "COU", "MXV", "UYI", "UYW", "CHE", "CHW",
    ] {
        assert!(Currency::parse(code).is_err(), "{code}");
    }
}

#[test]
fn exchange_rates_stay_within_the_plausible_range() {
    for ok in ["0.000001", "0.0067", "1", "3.25", "10"] {
        assert!(ExchangeRate::parse(ok).is_ok(), "{ok}");
    }
    for bad in ["0", "0.0000009", "10.0000001", "1000000000"] {
        assert!(ExchangeRate::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn refuses_bad_amounts_with_reasons() {
    let err = |a: &str, c: &str| Money::parse(a, cur(c)).unwrap_err().to_string();
    assert_eq!(
        err("1.234", "USD"),
        "USD allows at most 2 decimal places, got 3"
    );
    assert_eq!(
        err("1.5", "JPY"),
        "JPY allows at most 0 decimal places, got 1"
    );
    assert_eq!(
        err("1.2345", "KWD"),
        "KWD allows at most 3 decimal places, got 4"
    );
    for bad in ["1e3", "", " 1", "1 ", "1,000", "+1", "1.", ".1", "NaN", "٣"] {
        assert!(
            Money::parse(bad, Currency::USD).is_err(),
            "{bad:?} was accepted"
        );
    }
    assert!(err(&"9".repeat(29), "JPY").contains("at most 28 significant digits"));
    // i64::MAX cents is 92233720368547758.07 USD.
    assert!(Money::parse("92233720368547758.07", Currency::USD).is_ok());
    assert!(err("92233720368547758.08", "USD").starts_with("amount is out of range"));
    assert!(Money::parse("-92233720368547758.08", Currency::USD).is_err());
}

#[test]
fn minor_units_round_trip_except_i64_min() {
    let m = Money::from_minor(-12_345, cur("KWD")).unwrap();
    assert_eq!(m.amount().to_string(), "-12.345");
    assert_eq!(m.to_minor(), -12_345);
    assert!(Money::from_minor(i64::MIN, Currency::USD).is_err());
    let max = Money::from_minor(i64::MAX, Currency::USD).unwrap();
    assert_eq!((-max).to_minor(), -i64::MAX);
}

#[test]
fn arithmetic_is_exact_and_refuses_mixed_currencies() {
    let cent = money("0.01", "EUR");
    let total = Money::sum(Currency::EUR, std::iter::repeat_n(cent, 100)).unwrap();
    assert_eq!(total, money("1.00", "EUR"));
    assert_eq!(
        Money::sum(Currency::USD, []).unwrap(),
        Money::zero(Currency::USD)
    );
    let mixed = Money::sum(Currency::EUR, [cent, money("1", "USD")]);
    assert_eq!(
        mixed.unwrap_err().to_string(),
        "cannot combine an amount in USD with one in EUR"
    );
    let diff = money("10.00", "USD")
        .checked_sub(money("12.50", "USD"))
        .unwrap();
    assert_eq!(diff, money("-2.50", "USD"));
    assert!(diff.is_negative() && !diff.is_positive() && !diff.is_zero());
    let max = Money::from_minor(i64::MAX, Currency::USD).unwrap();
    assert!(max.checked_add(money("0.01", "USD")).is_err());
    assert!(money("1", "USD") < money("2", "USD"));
    assert_eq!(money("1", "USD").partial_cmp(&money("1", "EUR")), None);
}

#[test]
fn converts_to_usd_half_to_even() {
    let usd = |a: &str, c: &str, r: &str| money(a, c).usd_from_rate(&rate(r)).unwrap();
    assert_eq!(usd("1000000", "JPY", "0.0067"), money("6700.00", "USD"));
    // 1234.56 × 1.083417 = 1337.54329152
    assert_eq!(usd("1234.56", "EUR", "1.083417"), money("1337.54", "USD"));
    // Exact midpoints: 0.125 → 0.12 and 0.135 → 0.14 (to the even cent).
    assert_eq!(usd("12.50", "EUR", "0.01"), money("0.12", "USD"));
    assert_eq!(usd("13.50", "EUR", "0.01"), money("0.14", "USD"));
    assert_eq!(usd("-12.50", "EUR", "0.01"), money("-0.12", "USD"));
    assert_eq!(usd("1.500", "KWD", "3.2547"), money("4.88", "USD")); // 4.88205
    assert_eq!(usd("7", "JPY", "2"), money("14.00", "USD"));
}

#[test]
fn exchange_rates_are_positive_with_bounded_precision() {
    assert_eq!(rate("0.0067").to_string(), "0.0067");
    assert!(ExchangeRate::parse("0.00000000001").is_err());
    assert!(ExchangeRate::parse("0").is_err());
    assert!(ExchangeRate::parse("-1").is_err());
    assert!(ExchangeRate::parse("1e-3").is_err());
    let from_db = ExchangeRate::from_decimal(Decimal::new(67_000_000_000_000, 16)).unwrap();
    assert_eq!(from_db.value(), Decimal::new(67, 4));
    assert_eq!(serde_json::to_string(&rate("1.5")).unwrap(), "\"1.5\"");
    let err = serde_json::from_str::<ExchangeRate>("1.5")
        .unwrap_err()
        .to_string();
    assert!(err.contains("exchange rate must be a string"), "{err}");
}

#[test]
fn lower_median_takes_the_lower_middle() {
    let usd = |a: &str| money(a, "USD");
    assert_eq!(lower_median(vec![]), None);
    assert_eq!(lower_median(vec![usd("5")]), Some(usd("5")));
    let odd = vec![usd("40000"), usd("20000"), usd("30000")];
    assert_eq!(lower_median(odd), Some(usd("30000")));
    let even = vec![usd("60000"), usd("20000"), usd("50000"), usd("30000")];
    assert_eq!(lower_median(even), Some(usd("30000")));
    assert_eq!(lower_median(vec![usd("1"), money("1", "EUR")]), None);
}

#[test]
fn serialises_amount_as_string_with_currency_digits() {
    let json = |m: Money| serde_json::to_string(&m).unwrap();
    assert_eq!(
        json(money("1250", "USD")),
        r#"{"amount":"1250.00","currency":"USD"}"#
    );
    assert_eq!(
        json(money("1000000", "JPY")),
        r#"{"amount":"1000000","currency":"JPY"}"#
    );
    assert_eq!(
        json(money("1.5", "KWD")),
        r#"{"amount":"1.500","currency":"KWD"}"#
    );
}

/// Deserialises through `serde_path_to_error`, as the HTTP layer will, and returns the
/// path and message of the error.
fn refusal<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> (String, String) {
    let de = &mut serde_json::Deserializer::from_str(json);
    let err = serde_path_to_error::deserialize::<_, T>(de).unwrap_err();
    (err.path().to_string(), err.inner().to_string())
}

#[test]
fn deserialises_only_valid_money() {
    let m: Money = serde_json::from_str(r#"{"amount":"1.5","currency":"KWD"}"#).unwrap();
    assert_eq!(m, money("1.500", "KWD"));

    let (path, msg) = refusal::<Money>(r#"{"amount":1250,"currency":"USD"}"#);
    assert_eq!(path, "amount");
    assert!(msg.starts_with(r#"amount must be a string such as "1250.00", not a number"#));
    let (path, _) = refusal::<Money>(r#"{"amount":12.5,"currency":"USD"}"#);
    assert_eq!(path, "amount");
    let (path, msg) = refusal::<Money>(r#"{"amount":"1e3","currency":"USD"}"#);
    assert_eq!(path, "amount");
    assert!(msg.contains("not a plain decimal"), "{msg}");
    let (path, msg) = refusal::<Money>(r#"{"amount":"1","currency":"XXY"}"#);
    assert_eq!(path, "currency");
    assert!(
        msg.contains("XXY is not an active ISO 4217 currency"),
        "{msg}"
    );
    let (_, msg) = refusal::<Money>(r#"{"currency":"USD","amount":"1.234"}"#);
    assert!(msg.contains("invalid amount: USD allows at most 2 decimal places, got 3"));
    let (_, msg) = refusal::<Money>(r#"{"amount":"1","currency":"USD","note":"x"}"#);
    assert!(msg.contains("unknown field `note`"), "{msg}");
    let (_, msg) = refusal::<Money>(r#"{"amount":"1"}"#);
    assert!(msg.contains("missing field `currency`"), "{msg}");
}

#[test]
fn positive_money_refuses_zero_and_negatives() {
    let p: PositiveMoney = serde_json::from_str(r#"{"amount":"0.01","currency":"USD"}"#).unwrap();
    assert_eq!(p.to_minor(), 1);
    assert_eq!(p.into_inner(), money("0.01", "USD"));
    for amount in ["0", "0.00", "-5"] {
        let json = format!(r#"{{"amount":"{amount}","currency":"USD"}}"#);
        let (_, msg) = refusal::<PositiveMoney>(&json);
        assert!(msg.contains("amount must be greater than zero"), "{msg}");
        assert!(PositiveMoney::parse(amount, Currency::USD).is_err());
    }
    let json = serde_json::to_string(&PositiveMoney::parse("5", Currency::USD).unwrap());
    assert_eq!(json.unwrap(), r#"{"amount":"5.00","currency":"USD"}"#);
}

fn any_currency() -> impl Strategy<Value = Currency> {
    let all: Vec<Currency> = Currency::all().collect();
    proptest::sample::select(all)
}

fn any_money() -> impl Strategy<Value = Money> {
    (any::<i64>(), any_currency())
        .prop_filter_map("i64::MIN", |(minor, c)| Money::from_minor(minor, c).ok())
}

proptest! {
    #[test]
    fn text_round_trips(m in any_money()) {
        prop_assert_eq!(Money::parse(&m.amount().to_string(), m.currency()), Ok(m));
        let json = serde_json::to_string(&m).unwrap();
        prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    }

    #[test]
    fn minor_units_round_trip(minor in (i64::MIN + 1)..=i64::MAX, c in any_currency()) {
        prop_assert_eq!(Money::from_minor(minor, c).unwrap().to_minor(), minor);
    }

    #[test]
    fn usd_conversion_is_within_half_a_cent(
        minor in -1_000_000_000_000i64..1_000_000_000_000,
        c in any_currency(),
        mantissa in 1i64..100_000_000_000,
        rate_scale in 0u32..=10,
    ) {
        let amount = Money::from_minor(minor, c).unwrap();
        // Rates outside the plausible range do not exist (tested above).
        let Ok(rate) = ExchangeRate::from_decimal(Decimal::new(mantissa, rate_scale)) else {
            return Ok(());
        };
        // Exact product, scaled to an integer of 10^-(scale) units.
        let scale = c.minor_units() + rate_scale;
        let exact = i128::from(minor) * i128::from(mantissa);
        let usd = match amount.usd_from_rate(&rate) {
            Ok(usd) => usd,
            Err(_) => {
                // Only refused when the result does not fit the i64 of cents.
                let cents = exact * 100 / 10i128.pow(scale);
                prop_assert!(cents.abs() >= i128::from(i64::MAX));
                return Ok(());
            }
        };
        let cents_scaled = i128::from(usd.to_minor()) * 10i128.pow(scale) / 100;
        let error = (cents_scaled - exact).abs() * 2;
        prop_assert!(scale < 2 || error <= 10i128.pow(scale) / 100, "{amount} × {rate} = {usd}");
        // And it agrees with rust_decimal's own half-even rounding when that is exact.
        if let Some(product) = amount.amount().checked_mul(rate.value()) {
            let expected = product.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
            prop_assert_eq!(usd.amount(), expected);
        }
    }
}

#[test]
fn schema_describes_the_wire_shape() {
    use utoipa::PartialSchema;
    let schema = serde_json::to_value(Money::schema()).unwrap();
    assert_eq!(
        schema["properties"]["amount"]["pattern"],
        r"^-?[0-9]+(\.[0-9]+)?$"
    );
    // The currencies a Fund can hold, as an enum: USD and JPY, never a fund code (USN).
    let currencies = schema["properties"]["currency"]["enum"].as_array().unwrap();
    assert!(currencies.contains(&serde_json::json!("USD")));
    assert!(currencies.contains(&serde_json::json!("JPY")));
    assert!(!currencies.contains(&serde_json::json!("USN")));
    assert_eq!(currencies.len(), Currency::all().count());
    // Like the deserialiser, the schema refuses unknown fields.
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["required"],
        serde_json::json!(["amount", "currency"])
    );
}
