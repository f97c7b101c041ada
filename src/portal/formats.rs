//! Amounts and dates the way each language writes them: `1,234,567.50` in English,
//! `1 234 567,50` in French, `1.234.567,50` in Spanish; `7 December 2026`, `7 décembre
//! 2026`, `7 de diciembre de 2026`. Amounts stay exact: the decimal's own digits, only
//! grouped and punctuated, never rounded through a float.

use chrono::{NaiveDate, NaiveDateTime};
use num_format::{Locale, ToFormattedString};
use rust_decimal::Decimal;

use super::language::PageLanguage;

fn locale(language: PageLanguage) -> Locale {
    match language {
        PageLanguage::En => Locale::en,
        PageLanguage::Fr => Locale::fr,
        PageLanguage::Es => Locale::es,
    }
}

/// A country as the pages show it: its code and its name (the English short name of the
/// reference list, in every language: the list has no other).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

impl From<crate::domain::CountryCode> for Country {
    fn from(code: crate::domain::CountryCode) -> Country {
        Country {
            code: code.code(),
            name: code.name(),
        }
    }
}

/// An amount as a person types it on a page in `language`, as the plain decimal the
/// domain reads (`"30000.50"`), or `None` when it cannot be read without guessing.
///
/// Read: plain digits with the API's point (`30000.50`); the language's decimal mark
/// (`30000,50` in French and Spanish); the language's grouping in threes, or spaces
/// (`30,000.50`; `30 000,50`; `30.000,50`). Refused as ambiguous, never guessed: a comma
/// followed by one or two digits in English (`12,50`), a point followed by three digits
/// in French (`1.250`: a thousand and a quarter, or twelve hundred and fifty?), groups
/// that are not threes, and two different group marks. The domain then checks the
/// number (positive, no more decimals than the currency has).
pub fn plain_amount(typed: &str, language: PageLanguage) -> Option<String> {
    let text: String = typed
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '\u{202f}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || " ,.".contains(c))
    {
        return None;
    }
    let (groups, decimal): (&[char], char) = match language {
        PageLanguage::En => (&[',', ' '], '.'),
        PageLanguage::Fr => (&[' ', '.'], ','),
        PageLanguage::Es => (&['.', ' '], ','),
    };
    let (whole, fraction) = match text.rfind([',', '.', ' ']) {
        None => (text.as_str(), None),
        Some(at) => {
            let mark = text[at..].chars().next().unwrap_or(' ');
            let tail = &text[at + 1..];
            let is_decimal = if mark == decimal {
                true
            } else if mark == ' ' {
                false
            } else if tail.len() == 3 {
                // `1,250` in English or `1.250` in Spanish is grouping; in French a point
                // before three digits could be either.
                if language == PageLanguage::Fr && mark == '.' {
                    return None;
                }
                false
            } else if mark == '.' {
                // The API's own point, before one or two digits: a decimal anywhere.
                true
            } else {
                return None;
            };
            if is_decimal {
                (&text[..at], Some(tail))
            } else {
                (text.as_str(), None)
            }
        }
    };
    let digits = grouped_digits(whole, groups)?;
    match fraction {
        None => Some(digits),
        Some(fraction) if !fraction.is_empty() && fraction.chars().all(|c| c.is_ascii_digit()) => {
            Some(format!("{digits}.{fraction}"))
        }
        Some(_) => None,
    }
}

/// The digits of a whole number written plainly or in groups of three separated by one
/// of `groups` (the same one throughout).
fn grouped_digits(whole: &str, groups: &[char]) -> Option<String> {
    if whole.is_empty() {
        return None;
    }
    if whole.chars().all(|c| c.is_ascii_digit()) {
        return Some(whole.to_string());
    }
    let separator = whole.chars().find(|c| !c.is_ascii_digit())?;
    if !groups.contains(&separator) {
        return None;
    }
    let parts: Vec<&str> = whole.split(separator).collect();
    let well_grouped = parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=3).contains(&parts[0].len())
        && parts[1..].iter().all(|p| p.len() == 3);
    well_grouped.then(|| parts.concat())
}

/// [`plain_amount`] read as a positive amount of `currency` (which may be written before
/// or after it: `USD 30,000`, `30 000 USD`).
pub fn positive_money(
    typed: &str,
    currency: crate::domain::Currency,
    language: PageLanguage,
) -> Option<crate::domain::PositiveMoney> {
    let code = currency.code();
    let typed = typed.trim();
    let bare = typed
        .strip_prefix(code)
        .or_else(|| typed.strip_suffix(code))
        .unwrap_or(typed);
    plain_amount(bare, language)
        .and_then(|plain| crate::domain::PositiveMoney::parse(&plain, currency).ok())
}

/// An exact decimal with the language's grouping and decimal mark.
pub fn decimal(value: Decimal, language: PageLanguage) -> String {
    let locale = locale(language);
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = whole
        .parse::<u128>()
        .map_or_else(|_| whole.to_string(), |n| n.to_formatted_string(&locale));
    let sign = if value.is_sign_negative() && !value.is_zero() {
        locale.minus_sign()
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{}{fraction}", locale.decimal())
    }
}

/// An amount with its currency code, placed as the language places it.
pub fn money(amount: Decimal, currency: &str, language: PageLanguage) -> String {
    let number = decimal(amount, language);
    match language {
        PageLanguage::En => format!("{currency} {number}"),
        // A no-break space keeps the code on the amount's line.
        PageLanguage::Fr | PageLanguage::Es => format!("{number}\u{a0}{currency}"),
    }
}

/// A calendar date in words.
pub fn date(day: NaiveDate, language: PageLanguage) -> String {
    let (pattern, locale) = match language {
        PageLanguage::En => ("%-d %B %Y", chrono::Locale::en_GB),
        PageLanguage::Fr => ("%-d %B %Y", chrono::Locale::fr_FR),
        PageLanguage::Es => ("%-d de %B de %Y", chrono::Locale::es_ES),
    };
    day.format_localized(pattern, locale).to_string()
}

/// A moment (UTC) as a date and a time of day.
pub fn moment(at: NaiveDateTime, language: PageLanguage) -> String {
    format!("{} {} UTC", date(at.date(), language), at.format("%H:%M"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_keep_every_digit_in_each_language() {
        let amount = Decimal::from_str("1234567.50").unwrap();
        assert_eq!(decimal(amount, PageLanguage::En), "1,234,567.50");
        assert_eq!(decimal(amount, PageLanguage::Es), "1.234.567,50");
        let french = decimal(amount, PageLanguage::Fr);
        assert!(
            french.ends_with(",50") && french.starts_with('1'),
            "{french}"
        );
        assert_eq!(
            decimal(Decimal::from_str("-0.05").unwrap(), PageLanguage::En),
            "-0.05"
        );
        assert_eq!(
            decimal(
                Decimal::from_str("79228162514264337593543950335").unwrap(),
                PageLanguage::En
            ),
            "79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(
            money(Decimal::from_str("12500").unwrap(), "JPY", PageLanguage::Es),
            "12.500\u{a0}JPY"
        );
    }

    #[test]
    fn amounts_are_read_as_each_language_writes_them_and_never_guessed() {
        let read = |typed: &str, language| plain_amount(typed, language);
        use PageLanguage::{En, Es, Fr};
        for (typed, language, plain) in [
            ("30000", En, "30000"),
            ("30000.50", En, "30000.50"),
            ("30,000.50", En, "30000.50"),
            ("1,250", En, "1250"),
            ("30 000.5", En, "30000.5"),
            ("30000,50", Fr, "30000.50"),
            ("30 000,50", Fr, "30000.50"),
            ("30\u{202f}000,50", Fr, "30000.50"),
            ("1250.50", Fr, "1250.50"),
            ("1.250.000,50", Fr, "1250000.50"),
            ("30.000,50", Es, "30000.50"),
            ("1.250", Es, "1250"),
            ("1250.5", Es, "1250.5"),
            (" 12 ", Es, "12"),
        ] {
            assert_eq!(
                read(typed, language).as_deref(),
                Some(plain),
                "{typed} in {language:?}"
            );
        }
        for (typed, language) in [
            ("12,50", En),
            ("1.250", Fr),
            ("1,2345", En),
            ("30,00,000", En),
            ("1,250 000", En),
            ("1.25.0", Es),
            ("-5", En),
            ("5e3", En),
            ("", Fr),
            ("12,", Fr),
            (",5", Fr),
            ("USD 5", En),
        ] {
            assert_eq!(read(typed, language), None, "{typed} in {language:?}");
        }
        let money = positive_money("30.000,50", crate::domain::Currency::USD, Es).unwrap();
        assert_eq!(money.amount().to_string(), "30000.50");
        let money = positive_money("USD 30,000", crate::domain::Currency::USD, En).unwrap();
        assert_eq!(money.amount().to_string(), "30000.00");
        let money = positive_money("30 000 USD", crate::domain::Currency::USD, Fr).unwrap();
        assert_eq!(money.amount().to_string(), "30000.00");
        assert!(positive_money("30,000", crate::domain::Currency::USD, Es).is_none());
        assert!(positive_money("0", crate::domain::Currency::USD, En).is_none());
        assert!(positive_money("1.005", crate::domain::Currency::USD, En).is_none());
    }

    #[test]
    fn dates_in_words() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(date(day, PageLanguage::En), "7 December 2026");
        assert_eq!(date(day, PageLanguage::Fr), "7 décembre 2026");
        assert_eq!(date(day, PageLanguage::Es), "7 de diciembre de 2026");
    }
}
