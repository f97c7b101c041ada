//! What was wrong with a form, field by field, in the visitor's language: shown at the
//! top of the page (a summary linking to each field) and beside each field.

use serde::Serialize;

use super::language::PageLanguage;
use super::messages;
use crate::error::AppError;

#[derive(Debug, Default, Serialize)]
pub struct FormErrors {
    problems: Vec<FieldProblem>,
}

#[derive(Debug, Serialize)]
struct FieldProblem {
    /// The form field's name (its element's id is `field-{name}`).
    field: String,
    message: String,
}

impl FormErrors {
    pub fn new() -> FormErrors {
        FormErrors::default()
    }

    /// One field's problem (the message already in the visitor's language).
    pub fn add(&mut self, field: &str, message: String) {
        self.problems.push(FieldProblem {
            field: field.to_string(),
            message,
        });
    }

    /// Another form's problems, after these.
    pub fn extend(&mut self, other: FormErrors) {
        self.problems.extend(other.problems);
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems of a refusal by a use case, when it is about what was typed: the
    /// fields it names (mapped to the form's names by `field_of`), or else the form as a
    /// whole under `whole`. A rule is told in the visitor's language where the portal
    /// has words for it (`rule-{name}`), else in the rule's own words.
    pub fn of_refusal(
        language: PageLanguage,
        error: &AppError,
        whole: &str,
        field_of: impl Fn(&str) -> String,
    ) -> Option<FormErrors> {
        let (detail, fields, rule) = match error {
            AppError::BadRequest { detail, errors } => (detail, errors, None),
            AppError::Rule {
                rule,
                detail,
                errors,
            } => (detail, errors, Some(rule.name())),
            AppError::Conflict(detail) => (detail, &Vec::new(), None),
            _ => return None,
        };
        let mut form = FormErrors::new();
        let told = rule
            .map(|rule| format!("rule-{rule}"))
            .filter(|key| messages::has(key))
            .map(|key| messages::plain(language, &key));
        if fields.is_empty() {
            form.add(whole, told.clone().unwrap_or_else(|| detail.clone()));
        }
        for error in fields {
            let message = match &told {
                Some(told) => told.clone(),
                None => messages::text(
                    language,
                    "field-refused",
                    &[("reason", error.message.clone().into())],
                ),
            };
            form.add(&field_of(&error.field), message);
        }
        Some(form)
    }
}

impl From<FormErrors> for minijinja::Value {
    fn from(errors: FormErrors) -> minijinja::Value {
        minijinja::Value::from(minijinja::value::Serde(errors))
    }
}
