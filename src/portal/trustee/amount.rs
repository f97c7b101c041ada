//! Amounts as a person types them in the page's language: `30,000.50` in English,
//! `30 000,50` in French, `30.000,50` in Spanish. The groups are dropped and the decimal
//! mark made a point; what remains is the domain's own plain decimal, checked by
//! [`PositiveMoney::parse`] (no rounding, no more decimals than the currency has).

use crate::domain::{Currency, PositiveMoney};
use crate::portal::language::PageLanguage;

/// The amount typed, in `currency`, or `None` when it is not a positive amount.
pub fn parse(typed: &str, currency: Currency, language: PageLanguage) -> Option<PositiveMoney> {
    let (group, decimal) = match language {
        PageLanguage::En => (',', '.'),
        PageLanguage::Fr => ('.', ','),
        PageLanguage::Es => ('.', ','),
    };
    let plain: String = typed
        .trim()
        .trim_start_matches(currency.code())
        .trim_end_matches(currency.code())
        .chars()
        // Spaces of every width group digits in French, and may be typed anywhere.
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != group)
        .map(|c| if c == decimal { '.' } else { c })
        .collect();
    if plain.is_empty() || !plain.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    PositiveMoney::parse(&plain, currency).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(typed: &str, language: PageLanguage) -> Option<String> {
        parse(typed, Currency::USD, language).map(|m| m.amount().to_string())
    }

    #[test]
    fn each_language_groups_and_marks_decimals_its_way() {
        assert_eq!(
            usd("30,000.50", PageLanguage::En).as_deref(),
            Some("30000.50")
        );
        assert_eq!(usd("30000", PageLanguage::En).as_deref(), Some("30000.00"));
        assert_eq!(
            usd("USD 30,000", PageLanguage::En).as_deref(),
            Some("30000.00")
        );
        assert_eq!(
            usd("30 000,50", PageLanguage::Fr).as_deref(),
            Some("30000.50")
        );
        assert_eq!(
            usd("30\u{202f}000", PageLanguage::Fr).as_deref(),
            Some("30000.00")
        );
        assert_eq!(
            usd("30.000,5", PageLanguage::Es).as_deref(),
            Some("30000.50")
        );
        assert_eq!(
            usd("30.000 USD", PageLanguage::Es).as_deref(),
            Some("30000.00")
        );
    }

    #[test]
    fn what_is_not_a_positive_amount_is_refused() {
        for typed in ["", "  ", "abc", "-5", "0", "1e5", "12.345", "1.2.3", "30k"] {
            assert_eq!(usd(typed, PageLanguage::En), None, "{typed:?}");
        }
        assert_eq!(usd("30,000", PageLanguage::Es), None);
    }
}
