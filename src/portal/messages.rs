//! The portal's words, in Fluent files per language (`locales/{en,fr,es}/portal.ftl`),
//! compiled into the binary. Templates ask for them by key with `t("key", name=value)`.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use fluent_bundle::FluentValue;
use fluent_templates::Loader;

use super::language::PageLanguage;

fluent_templates::static_loader! {
    static MESSAGES = {
        locales: "./src/portal/locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: pages are left to right, and the
        // marks would show up in copied text and in tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The message `key` in `language` with its arguments; English when the language lacks
/// it, and the key itself when no language has it (a test keeps every key in all three).
pub fn text(language: PageLanguage, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| (Cow::Owned(name.to_string()), value.clone()))
        .collect();
    let args = (!args.is_empty()).then_some(&args);
    MESSAGES
        .try_lookup_complete(&language.identifier(), key, args)
        .unwrap_or_else(|| key.to_string())
}

/// The Fluent files of each language, as written: one per area of the portal
/// (`locales/{language}/{area}.ftl`); a unit test keeps their keys the same.
macro_rules! sources {
    ($($area:literal),*) => {
        const SOURCES: [(PageLanguage, &[&str]); 3] = [
            (PageLanguage::En, &[$(include_str!(concat!("locales/en/", $area, ".ftl"))),*]),
            (PageLanguage::Fr, &[$(include_str!(concat!("locales/fr/", $area, ".ftl"))),*]),
            (PageLanguage::Es, &[$(include_str!(concat!("locales/es/", $area, ".ftl"))),*]),
        ];
    };
}

sources![
    "portal",
    "applications",
    "grants",
    "trustee",
    "documents",
    "secretariat",
    "secretariat_board",
    "secretariat_grants",
    "finance",
    "transparency",
    "oversight"
];

static KEYS: LazyLock<BTreeSet<String>> = LazyLock::new(|| keys_of(PageLanguage::En));

/// Every message key a language's files define.
pub fn keys_of(language: PageLanguage) -> BTreeSet<String> {
    SOURCES
        .iter()
        .filter(|(of, _)| *of == language)
        .flat_map(|(_, files)| files.iter().flat_map(|source| defined_keys(source)))
        .collect()
}

/// The message keys a Fluent file defines (its lines `key = …`).
fn defined_keys(source: &str) -> BTreeSet<String> {
    source
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim().to_string()))
        .collect()
}

/// Whether the portal has words for `key` (in every language: they share their keys).
pub fn has(key: &str) -> bool {
    KEYS.contains(key)
}

/// The same message in one language: no argument.
pub fn plain(language: PageLanguage, key: &str) -> String {
    text(language, key, &[])
}
