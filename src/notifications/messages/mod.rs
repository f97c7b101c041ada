//! The messages: template files (`*.subject.txt`, `*.txt`, `*.html`, per language)
//! rendered with minijinja and queued in the change's transaction by [`deliver`]. A new
//! message adds its three files per language here and its name to `messages!`; the
//! feature whose change sends it picks the recipients and builds the context from what
//! it holds (its `notices` module), and calls [`deliver`].
//!
//! Templates see only what the recipient may know: their own organisation's facts, never
//! victim data (there is none: beneficiaries are counts) and never a token or secret.

mod recipients;

use std::sync::OnceLock;

use minijinja::{Environment, UndefinedBehavior};

use crate::error::AppError;

pub use recipients::{deliver, Recipient};

/// Every message, named once: its name goes to `MESSAGES`, and its three files in each
/// language (kept in the binary) to `TEMPLATES`.
macro_rules! messages {
    ($($name:literal),* $(,)?) => {
        /// The name of every message, for tests that render each.
        pub const MESSAGES: &[&str] = &[$($name),*];

        /// Every template, by name. HTML templates (`.html`) are auto-escaped.
        const TEMPLATES: &[(&str, &str)] = &[
            ("base.html", include_str!("base.html")),
            $(
                (concat!($name, ".en.subject.txt"), include_str!(concat!($name, ".en.subject.txt"))),
                (concat!($name, ".en.txt"), include_str!(concat!($name, ".en.txt"))),
                (concat!($name, ".en.html"), include_str!(concat!($name, ".en.html"))),
                (concat!($name, ".fr.subject.txt"), include_str!(concat!($name, ".fr.subject.txt"))),
                (concat!($name, ".fr.txt"), include_str!(concat!($name, ".fr.txt"))),
                (concat!($name, ".fr.html"), include_str!(concat!($name, ".fr.html"))),
            )*
        ];
    };
}

messages![
    "organization_decided",
    "organization_registered",
    "organization_reverification",
    "organization_changed",
    "registration_attempt",
    "application_submitted",
    "application_received",
    "application_screened",
    "application_decided",
    "voting_opened",
    "agreement_signed",
    "disbursement_made",
    "grant_cancelled",
    "grant_amended",
    "report_reviewed",
    "report_due",
    "term_ending",
    "chair_year_ending",
    "vote_waiting",
    "call_amended",
    "call_cancelled",
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
    use strum::VariantArray;

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

    #[test]
    fn every_message_renders_in_both_languages() {
        for flag in [false, true] {
            let context = minijinja::context! {
                organization => "Hope & Co", title => "Shelter <now>", reference => "ref-1",
                verified => flag, reason => "r", eligible => flag, reasons => vec!["a", "b"],
                status => if flag { "approved" } else { "reserve_list" }, award => "45000.00 USD",
                signed_on => "2026-01-01", period_start => "2026-01-01", period_end => "2026-12-31",
                tranches => 2, amount => "1.00 USD", tranche => 1, value_date => "2026-01-02",
                final_report => flag, accepted => flag, comments => "fix it", due_on => "2026-02-01",
                overdue => flag, trustee => "A. Trustee", last_day => "2026-03-01", since => "2026-01-01",
                board_decision => "BD-1", refund_due => flag.then_some("6000.00 USD"),
                version => 1, amended_on => "2026-02-01", what => "no-cost extension",
                what_fr => "prolongation sans coût", closes_at => "2027-03-01T00:00:00+00:00",
                changes => vec![minijinja::context! { field => "closes_at", before => "a", after => "b" }],
                previous_name => "Old & Co", name_changed => flag, holder_changed => true,
            };
            for message in MESSAGES {
                for &language in Language::VARIANTS {
                    let rendered = render(message, language, &context).unwrap();
                    assert!(!rendered.subject.is_empty(), "{message}");
                    assert!(!rendered.subject.contains('\n'), "{message}");
                    assert!(!rendered.html.contains("<now>"), "{message}: HTML escapes");
                }
            }
        }
    }
}
