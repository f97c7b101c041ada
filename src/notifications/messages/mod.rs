//! The messages: one module per event, each rendering template files (`*.subject.txt`,
//! `*.txt`, `*.html`, per language) with minijinja and enqueueing the result in the
//! change's transaction. A new event adds its three files per language here, one entry in
//! `TEMPLATES`, and a function like [`organization_decided`] that picks the recipients.
//!
//! Templates see only what the recipient may know: their own organisation's facts, never
//! victim data (there is none: beneficiaries are counts) and never a token or secret.

mod organization;

use std::sync::OnceLock;

use minijinja::{Environment, UndefinedBehavior};

use crate::error::AppError;

pub use organization::organization_decided;

/// Every template, by name, kept in the binary. HTML templates (`.html`) are auto-escaped.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("base.html")),
    (
        "organization_decided.en.subject.txt",
        include_str!("organization_decided.en.subject.txt"),
    ),
    (
        "organization_decided.en.txt",
        include_str!("organization_decided.en.txt"),
    ),
    (
        "organization_decided.en.html",
        include_str!("organization_decided.en.html"),
    ),
    (
        "organization_decided.fr.subject.txt",
        include_str!("organization_decided.fr.subject.txt"),
    ),
    (
        "organization_decided.fr.txt",
        include_str!("organization_decided.fr.txt"),
    ),
    (
        "organization_decided.fr.html",
        include_str!("organization_decided.fr.html"),
    ),
];

/// The languages mail is written in; English unless the recipient chose another.
pub use crate::domain::Language;

fn environment() -> Result<&'static Environment<'static>, AppError> {
    static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // A missing value is a bug in the caller, not an empty string in someone's mail.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source).map_err(|e| e.to_string())?;
        }
        Ok(env)
    })
    .as_ref()
    .map_err(|e| AppError::internal(anyhow::anyhow!("mail templates: {e}")))
}

/// A rendered message: subject, plain text and HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders `<event>.<language>.{subject.txt,txt,html}` with `context`.
pub fn render(
    event: &str,
    language: Language,
    context: &minijinja::Value,
) -> Result<Rendered, AppError> {
    let env = environment()?;
    let one = |suffix: &str| -> Result<String, AppError> {
        let name = format!("{event}.{}.{suffix}", language.as_str());
        env.get_template(&name)
            .and_then(|t| t.render(context))
            .map_err(|e| AppError::internal(anyhow::anyhow!("rendering {name}: {e}")))
    };
    Ok(Rendered {
        // A subject is one line whatever the template's trailing newline.
        subject: one("subject.txt")?.trim().replace(['\r', '\n'], " "),
        text: one("txt")?,
        html: one("html")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses_and_html_is_escaped() {
        let context = minijinja::context! {
            organization => "<b>Hope & Co</b>", verified => false, reason => "missing <docs>"
        };
        for language in [Language::En, Language::Fr] {
            let rendered = render("organization_decided", language, &context).unwrap();
            assert!(rendered.html.contains("&lt;b&gt;Hope &amp; Co&lt;"));
            assert!(!rendered.html.contains("<b>Hope"));
            assert!(rendered.text.contains("<b>Hope & Co</b>"));
            assert!(!rendered.subject.contains('\n'));
        }
    }
}
