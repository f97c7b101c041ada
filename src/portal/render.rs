//! Pages rendered from the templates in `templates/` (minijinja, HTML escaped), inside
//! one layout, with the headers every page carries: a strict Content-Security-Policy (no
//! inline script, nothing from another origin), no framing, no caching of what may be
//! private, and the page's language.

use std::sync::LazyLock;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, HttpResponseBuilder};
use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{Environment, State, UndefinedBehavior};
use rust_decimal::Decimal;

use super::failure::{encode_next, PageError};
use super::formats;
use super::language::PageLanguage;
use super::messages;
use super::visitor::Visitor;
use crate::domain::Role;

/// Every page's policy: scripts and styles only from this site, no plug-ins, forms only
/// to this site, never inside a frame.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
    style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
    frame-ancestors 'none'; base-uri 'none'";

/// A list of page templates kept beside the module that names it: `templates!["a.html"]`
/// in `src/portal/x/mod.rs` reads `src/portal/x/templates/a.html`; pages name it `a.html`
/// (so names are unique across the portal).
#[macro_export]
macro_rules! portal_templates {
    ($($name:literal),* $(,)?) => {
        /// This module's page templates, by name.
        pub const TEMPLATES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("templates/", $name)))),*
        ];
    };
}

crate::portal_templates![
    "layout.html",
    "macros.html",
    "error.html",
    "sign_in.html",
    "account.html",
    "documents.html",
];

/// Every template of the portal: the layout's and each area's.
fn all_templates() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    TEMPLATES
        .iter()
        .chain(super::ngo::TEMPLATES)
        .chain(super::trustee::TEMPLATES)
        .chain(super::secretariat::TEMPLATES)
        .chain(super::finance::TEMPLATES)
        .chain(super::transparency::TEMPLATES)
        .chain(super::oversight::TEMPLATES)
}

static PAGES: LazyLock<Result<Environment<'static>, String>> = LazyLock::new(environment);

fn environment() -> Result<Environment<'static>, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    for (name, source) in all_templates() {
        env.add_template(name, source)
            .map_err(|e| format!("{name}: {e}"))?;
    }
    env.add_function("t", translate);
    env.add_filter("money", money);
    env.add_filter("amount", amount);
    env.add_filter("date", date);
    env.add_filter("moment", moment);
    Ok(env)
}

fn language_of(state: &State) -> PageLanguage {
    state
        .lookup("lang")
        .and_then(|lang| lang.as_str().and_then(|code| code.parse().ok()))
        .unwrap_or_default()
}

/// `t("key", name=value, …)`: the message in the page's language.
fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match value.as_i64() {
            Some(number) => fluent_bundle::FluentValue::from(number),
            None => fluent_bundle::FluentValue::from(value.to_string()),
        };
        args.push((name, fluent));
    }
    Ok(messages::text(language_of(state), key, &args))
}

fn parse_decimal(value: &Value) -> Option<Decimal> {
    value.as_str().and_then(|text| text.parse().ok())
}

/// `{{ money_value | money }}`: a `{amount, currency}` as the page's language writes it.
fn money(state: &State, value: Value) -> String {
    let amount = value
        .get_attr("amount")
        .ok()
        .and_then(|a| parse_decimal(&a));
    let currency = value
        .get_attr("currency")
        .ok()
        .and_then(|c| c.as_str().map(str::to_string));
    match (amount, currency) {
        (Some(amount), Some(currency)) => formats::money(amount, &currency, language_of(state)),
        _ => "—".to_string(),
    }
}

/// `{{ "1234.50" | amount }}`: a decimal string grouped as the page's language does.
fn amount(state: &State, value: Value) -> String {
    parse_decimal(&value).map_or_else(
        || value.to_string(),
        |decimal| formats::decimal(decimal, language_of(state)),
    )
}

/// `{{ "2026-12-07" | date }}`: a date in words (a moment is shown by its date).
fn date(state: &State, value: Value) -> String {
    let text = value.as_str().unwrap_or_default();
    text.get(..10)
        .and_then(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .map_or_else(
            || text.to_string(),
            |day| formats::date(day, language_of(state)),
        )
}

/// `{{ created_at | moment }}`: a moment as a date and a time (UTC).
fn moment(state: &State, value: Value) -> String {
    let text = value.as_str().unwrap_or_default();
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|at| at.naive_utc())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f"))
        .map_or_else(
            |_| text.to_string(),
            |at| formats::moment(at, language_of(state)),
        )
}

/// The headers of every portal answer.
pub fn protect(response: &mut HttpResponseBuilder, language: PageLanguage) {
    response
        .insert_header((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .insert_header((header::X_FRAME_OPTIONS, "DENY"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::REFERRER_POLICY, "same-origin"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::CONTENT_LANGUAGE, language.code()));
}

/// A link in the header's navigation.
#[derive(serde::Serialize)]
struct NavLink {
    href: &'static str,
    key: &'static str,
    current: bool,
}

/// What a role finds in the header.
fn navigation(role: Option<Role>, here: &str) -> Vec<NavLink> {
    let links: &[(&'static str, &'static str)] = match role {
        None => &[],
        Some(Role::Applicant) => &[
            ("/", "nav-home"),
            ("/calls", "nav-calls"),
            ("/applications", "nav-applications"),
            ("/grants", "nav-grants"),
            ("/organization", "nav-organization"),
            ("/account", "nav-account"),
        ],
        Some(Role::Trustee) => &[
            ("/", "nav-home"),
            ("/votes", "nav-votes"),
            ("/board", "nav-board"),
            ("/decisions", "nav-decisions"),
            ("/account", "nav-account"),
        ],
        Some(Role::Secretariat) => &[
            ("/", "nav-home"),
            ("/secretariat/calls", "nav-sec-calls"),
            ("/secretariat/organizations", "nav-sec-organizations"),
            ("/secretariat/applications", "nav-sec-applications"),
            ("/secretariat/grants", "nav-sec-grants"),
            ("/secretariat/board", "nav-sec-board"),
            ("/secretariat/settings", "nav-sec-settings"),
            ("/account", "nav-account"),
        ],
        Some(Role::Finance) => &[
            ("/", "nav-home"),
            ("/contributions", "nav-contributions"),
            ("/periods", "nav-periods"),
            ("/statements", "nav-statements"),
            ("/ledger-export", "nav-ledger-export"),
            ("/journal", "nav-journal"),
            ("/account", "nav-account"),
        ],
        Some(Role::Auditor) => &[
            ("/", "nav-home"),
            ("/audit", "nav-audit"),
            ("/journal", "nav-journal"),
            ("/checks", "nav-checks"),
            ("/account", "nav-account"),
        ],
        Some(Role::Admin) => &[
            ("/", "nav-home"),
            ("/users", "nav-users"),
            ("/outbox", "nav-outbox"),
            ("/audit", "nav-audit"),
            ("/account", "nav-account"),
        ],
    };
    let path = here.split('?').next().unwrap_or(here);
    links
        .iter()
        .map(|&(href, key)| NavLink {
            href,
            key,
            current: if href == "/" {
                path == "/"
            } else {
                path == href || path.starts_with(&format!("{href}/"))
            },
        })
        .collect()
}

/// The links that switch the page's language, coming back to this page.
fn language_links(language: PageLanguage, here: &str) -> Vec<Value> {
    <PageLanguage as strum::VariantArray>::VARIANTS
        .iter()
        .map(|&other| {
            minijinja::context! {
                code => other.code(),
                name => other.endonym(),
                href => format!("/language/{}?next={}", other.code(), encode_next(here)),
                current => other == language,
            }
        })
        .collect()
}

fn render(template: &str, context: Value) -> Result<String, String> {
    let env = PAGES.as_ref().map_err(Clone::clone)?;
    env.get_template(template)
        .and_then(|t| t.render(context))
        .map_err(|e| format!("{template}: {e:#}"))
}

fn html(status: StatusCode, language: PageLanguage) -> HttpResponseBuilder {
    let mut response = HttpResponse::build(status);
    protect(&mut response, language);
    response.content_type("text/html; charset=utf-8");
    response
}

/// A page for a visitor we know nothing of beyond their language (an error page).
pub fn page_without_visitor(
    status: StatusCode,
    language: PageLanguage,
    signed_in: bool,
    template: &str,
    context: Value,
) -> HttpResponse {
    let context = minijinja::context! {
        lang => language.code(),
        langs => language_links(language, "/"),
        signed_in,
        nav => Value::from(Serde(navigation(None, "/"))),
        ..context
    };
    match render(template, context) {
        Ok(body) => html(status, language).body(body),
        Err(cause) => {
            tracing::error!(cause, "page failed to render");
            HttpResponse::InternalServerError()
                .content_type("text/plain; charset=utf-8")
                .body("internal error")
        }
    }
}

impl Visitor {
    /// The page `template` with `context`, inside the layout.
    pub fn page(&self, template: &str, context: Value) -> Result<HttpResponse, PageError> {
        self.page_with_status(StatusCode::OK, template, context)
    }

    /// A form sent back with what was wrong in it: nothing was saved.
    pub fn form_refused(&self, template: &str, context: Value) -> Result<HttpResponse, PageError> {
        self.page_with_status(StatusCode::UNPROCESSABLE_ENTITY, template, context)
    }

    pub fn page_with_status(
        &self,
        status: StatusCode,
        template: &str,
        context: Value,
    ) -> Result<HttpResponse, PageError> {
        let context = minijinja::context! {
            lang => self.language.code(),
            langs => language_links(self.language, &self.here),
            signed_in => self.signed_in(),
            role => self.role().map(|role| role.as_str()),
            nav => Value::from(Serde(navigation(self.role(), &self.here))),
            here => self.here.clone(),
            form_token => self.form_token(),
            ..context
        };
        let body = render(template, context)
            .map_err(|cause| PageError::internal(self.language, &cause))?;
        let mut response = html(status, self.language);
        for cookie in self.cookies_to_set() {
            response.cookie(cookie);
        }
        Ok(response.body(body))
    }

    /// After a change: see the page that shows it (303, so a reload does not post again).
    pub fn redirect(&self, to: &str) -> HttpResponseBuilder {
        let mut response = HttpResponse::SeeOther();
        protect(&mut response, self.language);
        response.insert_header((header::LOCATION, to.to_string()));
        for cookie in self.cookies_to_set() {
            response.cookie(cookie);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        if let Err(e) = PAGES.as_ref() {
            panic!("{e}");
        }
    }

    /// Every `t("key")` a template asks for is written in English, and the three
    /// languages define the same keys (so nothing falls back to English unseen).
    #[test]
    fn every_message_exists_in_every_language() {
        let english = messages::keys_of(PageLanguage::En);
        // A key ending in `-` is a prefix a template completes (`t("role-" ~ me.role)`).
        let missing: Vec<_> = template_keys()
            .into_iter()
            .filter(|key| match key.strip_suffix('-') {
                Some(_) => !english.iter().any(|known| known.starts_with(key.as_str())),
                None => !messages::has(key),
            })
            .collect();
        assert!(
            missing.is_empty(),
            "keys used by templates but not in en: {missing:#?}"
        );
        for language in [PageLanguage::Fr, PageLanguage::Es] {
            let other = messages::keys_of(language);
            let absent: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(
                absent.is_empty() && extra.is_empty(),
                "{}: missing {absent:?}, not in en {extra:?}",
                language.code()
            );
        }
        for role in [
            None,
            Some(Role::Applicant),
            Some(Role::Trustee),
            Some(Role::Secretariat),
            Some(Role::Finance),
            Some(Role::Admin),
            Some(Role::Auditor),
        ] {
            for link in navigation(role, "/") {
                assert!(english.contains(link.key), "{}", link.key);
            }
        }
    }

    /// The keys templates name literally: `t("…")`.
    fn template_keys() -> Vec<String> {
        let mut keys = Vec::new();
        for (_, source) in all_templates() {
            for (start, _) in source.match_indices("t(\"") {
                let called = source[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '_');
                if !called {
                    continue;
                }
                let after = &source[start + 3..];
                if let Some(end) = after.find('"') {
                    keys.push(after[..end].to_string());
                }
            }
        }
        keys.sort();
        keys.dedup();
        keys
    }
}
