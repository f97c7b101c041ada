//! A use case's refusal, told beside the field of the form it is about, in the visitor's
//! language: a rule by its own words where the secretariat's pages have them
//! (`sec-rule-{name}`), a bad field as the API worded it, a change that crossed another
//! as "this changed meanwhile". Anything else (a 403, a 404, a failure) is no problem
//! with the form and becomes its page.

use crate::error::AppError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;

/// The refusal's problems: each field it names under the form's field `field_of` gives
/// for it (or `whole`), or `None` when the refusal is not about the form.
pub(super) fn told(
    language: PageLanguage,
    error: &AppError,
    whole: &str,
    field_of: impl Fn(&str) -> Option<String>,
) -> Option<FormErrors> {
    let mut errors = FormErrors::new();
    let (rule, detail, fields) = match error {
        AppError::Rule {
            rule,
            detail,
            errors,
        } => (Some(rule.name()), detail, errors.as_slice()),
        AppError::BadRequest { detail, errors } => (None, detail, errors.as_slice()),
        AppError::Conflict(_) => {
            errors.add(whole, messages::plain(language, "sec-refused-conflict"));
            return Some(errors);
        }
        _ => return None,
    };
    let in_words = rule
        .map(|name| format!("sec-rule-{name}"))
        .filter(|key| messages::has(key))
        .map(|key| messages::plain(language, &key));
    let refused = |reason: &str| {
        in_words.clone().unwrap_or_else(|| {
            messages::text(language, "field-refused", &[("reason", reason.into())])
        })
    };
    if fields.is_empty() {
        errors.add(whole, refused(detail));
    }
    for problem in fields {
        let field = field_of(&problem.field).unwrap_or_else(|| whole.to_string());
        errors.add(&field, refused(&problem.message));
    }
    Some(errors)
}
