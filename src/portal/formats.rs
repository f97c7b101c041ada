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
    fn dates_in_words() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        assert_eq!(date(day, PageLanguage::En), "7 December 2026");
        assert_eq!(date(day, PageLanguage::Fr), "7 décembre 2026");
        assert_eq!(date(day, PageLanguage::Es), "7 de diciembre de 2026");
    }
}
