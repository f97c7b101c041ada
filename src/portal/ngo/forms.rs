//! What the NGO pages' forms share: reading dates and amounts as people type them, and
//! telling a use case's refusal beside the fields it names, in the visitor's language.

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::PageRequest;
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::http::PageParams;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;

/// One choice of a `select`.
#[derive(Debug, Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// A date as a date field sends it (`2026-12-07`); `None` when blank or not a date.
pub fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// An amount as typed in the page's language (see [`formats::plain_amount`]); zero is an
/// amount (spending on a line may be none). The domain then checks its decimal places.
pub fn amount(text: &str, currency: Currency, language: PageLanguage) -> Option<Money> {
    formats::plain_amount(text, language).and_then(|plain| Money::parse(&plain, currency).ok())
}

/// A count of people: a whole number, zero or more.
pub fn count(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// The words of the label of a field the NGO forms share, for messages that name it.
fn label_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "legal_name" => "ngo-org-legal-name",
        "org_type" => "ngo-org-type",
        "country" => "ngo-org-country",
        "registered_on" => "ngo-org-registered-on",
        "unpp_id" => "ngo-org-unpp",
        "bank_account_holder" => "ngo-org-holder",
        "direct_assistance_since" => "ngo-org-assistance",
        "psea_measures_since" => "ngo-org-psea",
        "contact_email" => "ngo-org-contact-email",
        "contact_name" => "ngo-org-contact-name",
        "contact_phone" => "ngo-org-contact-phone",
        "postal_address" => "ngo-org-postal-address",
        "applicant_name" => "ngo-register-your-name",
        "applicant_email" => "ngo-register-your-email",
        _ => return None,
    })
}

/// "Fill in “Legal name”": a required field left empty, named (the summary at the top
/// lists several).
pub fn required(language: PageLanguage, field: &str) -> String {
    match label_key(field) {
        Some(key) => messages::text(
            language,
            "ngo-field-required-named",
            &[("label", messages::plain(language, key).into())],
        ),
        None => messages::plain(language, "ngo-field-required"),
    }
}

/// The first `limit` items of a list, as the API's default page does.
pub fn first(limit: i64) -> Result<PageRequest, AppError> {
    PageParams {
        limit: Some(limit),
        cursor: None,
    }
    .request()
}

/// A use case's refusal as field errors: the rule told in the visitor's language when
/// the NGO pages have words for it (`ngo-rule-{rule}`), else as the portal tells it.
/// `None` when the refusal is not about what was typed (a 404, a 403…).
pub fn refusal(
    language: PageLanguage,
    error: &AppError,
    whole: &str,
    field_of: impl Fn(&str) -> String,
) -> Option<FormErrors> {
    if let AppError::Rule { rule, errors, .. } = error {
        let key = format!("ngo-rule-{}", rule.name());
        if messages::has(&key) {
            let told = messages::plain(language, &key);
            let mut form = FormErrors::new();
            if errors.is_empty() {
                form.add(whole, told.clone());
            }
            for error in errors {
                form.add(&field_of(&error.field), told.clone());
            }
            return Some(form);
        }
    }
    FormErrors::of_refusal(language, error, whole, field_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_each_language_types_them() {
        let usd = Currency::USD;
        let en = |t| amount(t, usd, PageLanguage::En).map(|m| m.amount().to_string());
        let fr = |t| amount(t, usd, PageLanguage::Fr).map(|m| m.amount().to_string());
        assert_eq!(en("1,500.50").as_deref(), Some("1500.50"));
        assert_eq!(fr("1 500,50").as_deref(), Some("1500.50"));
        assert_eq!(
            amount("1.500,50", usd, PageLanguage::Es).map(|m| m.amount().to_string()),
            Some("1500.50".to_string())
        );
        assert_eq!(en("12x"), None);
        assert_eq!(en(""), None);
    }

    #[test]
    fn counts_and_dates() {
        assert_eq!(count(" 12 "), Some(12));
        assert_eq!(count("-1"), None);
        assert_eq!(count("1.5"), None);
        assert_eq!(date("2026-12-07"), NaiveDate::from_ymd_opt(2026, 12, 7));
        assert_eq!(date("07/12/2026"), None);
    }
}
