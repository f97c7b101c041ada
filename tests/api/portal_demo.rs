//! The portal on the demo data set, as `serve --demo` shows it, in each of its three
//! languages: an NGO's pages (home, calls, applications, one application, grants, one
//! grant with its tranches and reports, the organisation) and a trustee's (waiting for
//! my vote, an application with its dossier, the Board, decisions); then the staff's
//! (the secretariat's, finance's, an auditor's, an administrator's: each list and one
//! record of each) and the public page, signed out. Each page is checked by axe-core,
//! makes no request to another origin, and is captured for review.

use trustfund::auth::Role;
use trustfund::demo::DEMO_PASSWORD;
use trustfund::domain::GrantId;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::browser::Browser;

on_both_backends!(
    portal_demo_in_three_languages,
    portal_demo_staff_and_public_in_three_languages
);

/// The language links as the layout names them, with the `lang` each page then carries.
const LANGUAGES: [(&str, &str); 3] = [("English", "en"), ("Français", "fr"), ("Español", "es")];

async fn sign_in(browser: &Browser, email: &str) {
    browser.visit("/sign-in").await;
    browser.fill("Email address", email).await;
    browser.fill("Password", DEMO_PASSWORD).await;
    browser.press("Sign in").await;
    assert_eq!(browser.path().await, "/", "signed in as {email}");
}

/// The page's language, from its `lang`.
async fn language(browser: &Browser) -> Option<String> {
    browser
        .find_by_css("html")
        .await
        .attr("lang")
        .await
        .ok()
        .flatten()
}

/// Chooses a language by its link on the home page (the language in use is no link).
async fn choose_language(browser: &Browser, link: &str, lang: &str) {
    browser.visit("/").await;
    if language(browser).await.as_deref() != Some(lang) {
        browser.follow(link).await;
    }
}

/// Signs out, in English.
async fn sign_out(browser: &Browser) {
    choose_language(browser, "English", "en").await;
    browser.press("Sign out").await;
}

/// The first link on the page whose address starts with `prefix` and goes on with an id
/// (not `new`, a list's form for another record).
async fn first_link(browser: &Browser, prefix: &str) -> Option<String> {
    for link in browser
        .find_all_by_css(&format!("main a[href^='{prefix}']"))
        .await
    {
        if let Ok(Some(href)) = link.attr("href").await {
            let rest = &href[prefix.len()..];
            let form = rest == "new";
            if !rest.is_empty() && !form && !rest.contains('/') && !rest.contains('#') {
                return Some(href);
            }
        }
    }
    None
}

/// Visits `path` and checks it, in the page's language.
async fn tour(browser: &Browser, path: &str, name: &str, lang: &str) {
    browser.visit(path).await;
    assert_eq!(
        language(browser).await.as_deref(),
        Some(lang),
        "{path} in {lang}"
    );
    assert!(
        !browser.title().await.starts_with("Error"),
        "{path} in {lang} is an error page: {}",
        browser.text().await
    );
    browser.check_page(&format!("demo-{lang}-{name}")).await;
}

async fn portal_demo_in_three_languages(app: TestApp) {
    let db = app.db.clone();
    let accounts = tokio::task::spawn_blocking(move || trustfund::demo::load(&db))
        .await
        .expect("join")
        .expect("the demo loads");
    // The demo organisation with the most grants shows the most of an NGO's pages.
    let mut ngo: Option<(String, usize)> = None;
    for (role, credentials) in &accounts {
        if *role != Role::Applicant {
            continue;
        }
        let user = TestUser {
            id: uuid::Uuid::nil(),
            email: credentials.email.clone(),
            role: Role::Applicant,
            token: app.login(&credentials.email, DEMO_PASSWORD).await,
        };
        let grants = app
            .as_(&user)
            .grants()
            .list(&[("limit", "100")])
            .await
            .ok()
            .items
            .len();
        if ngo.as_ref().is_none_or(|(_, most)| grants > *most) {
            ngo = Some((credentials.email.clone(), grants));
        }
    }
    let (ngo, grants) = ngo.expect("the demo has organisations");
    assert!(grants > 0, "a demo organisation has a grant");

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, &ngo).await;
    for (link, lang) in LANGUAGES {
        choose_language(&browser, link, lang).await;
        tour(&browser, "/", "ngo-home", lang).await;
        tour(&browser, "/calls", "ngo-calls", lang).await;
        tour(&browser, "/applications", "ngo-applications", lang).await;
        let application = first_link(&browser, "/applications/")
            .await
            .expect("the organisation's applications are listed");
        tour(&browser, &application, "ngo-application", lang).await;
        tour(&browser, "/grants", "ngo-grants", lang).await;
        let grant = first_link(&browser, "/grants/")
            .await
            .expect("the organisation's grants are listed");
        grant
            .trim_start_matches("/grants/")
            .parse::<GrantId>()
            .expect("a grant's page is named by its id");
        tour(&browser, &grant, "ngo-grant", lang).await;
        if let Some(report) = first_link(&browser, "/reports/").await {
            tour(&browser, &report, "ngo-report", lang).await;
        }
        tour(&browser, "/organization", "ngo-organization", lang).await;
    }
    sign_out(&browser).await;

    sign_in(&browser, "trustee@demo.trustfund.local").await;
    for (link, lang) in LANGUAGES {
        choose_language(&browser, link, lang).await;
        tour(&browser, "/", "trustee-home", lang).await;
        tour(&browser, "/votes", "trustee-queue", lang).await;
        if let Some(ballot) = first_link(&browser, "/votes/").await {
            tour(&browser, &ballot, "trustee-ballot", lang).await;
        }
        tour(&browser, "/board", "trustee-board", lang).await;
        tour(&browser, "/decisions", "trustee-decisions", lang).await;
        let decided = first_link(&browser, "/votes/")
            .await
            .expect("the demo Board has decided applications");
        tour(&browser, &decided, "trustee-decided", lang).await;
    }
    browser.close().await;
}

/// A page of a staff tour: a path, or the first record a list page links to.
enum Stop {
    Page(&'static str, &'static str),
    /// The first link under this prefix on the page visited just before.
    FirstOf(&'static str, &'static str),
}

/// Each staff role's demo account and the pages it works in.
const STAFF_TOURS: [(&str, &[Stop]); 4] = [
    (
        "secretariat@demo.trustfund.local",
        &[
            Stop::Page("/", "secretariat-home"),
            Stop::Page("/secretariat/calls", "secretariat-calls"),
            Stop::FirstOf("/secretariat/calls/", "secretariat-call"),
            Stop::Page("/secretariat/organizations", "secretariat-organizations"),
            Stop::FirstOf("/secretariat/organizations/", "secretariat-organization"),
            Stop::Page("/secretariat/applications", "secretariat-applications"),
            Stop::FirstOf("/secretariat/applications/", "secretariat-application"),
            Stop::Page("/secretariat/grants", "secretariat-grants"),
            Stop::FirstOf("/secretariat/grants/", "secretariat-grant"),
            Stop::Page("/secretariat/board", "secretariat-board"),
            Stop::Page("/secretariat/settings", "secretariat-settings"),
        ],
    ),
    (
        "finance@demo.trustfund.local",
        &[
            Stop::Page("/", "finance-home"),
            Stop::Page("/contributions", "finance-contributions"),
            Stop::FirstOf("/contributions/", "finance-contribution"),
            Stop::Page("/periods", "finance-periods"),
            Stop::Page("/statements", "finance-statements"),
            Stop::Page("/ledger-export", "finance-export"),
            Stop::Page("/journal", "finance-journal"),
            Stop::FirstOf("/ledger/", "finance-entry"),
        ],
    ),
    (
        "auditor@demo.trustfund.local",
        &[
            Stop::Page("/", "auditor-home"),
            Stop::Page("/audit", "auditor-trail"),
            Stop::Page("/checks", "auditor-checks"),
            Stop::Page("/journal", "auditor-journal"),
            Stop::FirstOf("/ledger/", "auditor-entry"),
        ],
    ),
    (
        "admin@demo.trustfund.local",
        &[
            Stop::Page("/", "admin-home"),
            Stop::Page("/users", "admin-users"),
            Stop::Page("/outbox", "admin-outbox"),
        ],
    ),
];

async fn portal_demo_staff_and_public_in_three_languages(app: TestApp) {
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || trustfund::demo::load(&db))
        .await
        .expect("join")
        .expect("the demo loads");
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    for (email, stops) in STAFF_TOURS {
        sign_in(&browser, email).await;
        for (link, lang) in LANGUAGES {
            choose_language(&browser, link, lang).await;
            for stop in stops {
                match stop {
                    Stop::Page(path, name) => tour(&browser, path, name, lang).await,
                    Stop::FirstOf(prefix, name) => {
                        let record = first_link(&browser, prefix)
                            .await
                            .unwrap_or_else(|| panic!("{email}: no link under {prefix}"));
                        tour(&browser, &record, name, lang).await;
                    }
                }
            }
        }
        sign_out(&browser).await;
    }
    // Signed out, the public page in each language (the links at its top).
    for (link, lang) in LANGUAGES {
        browser.visit("/transparency").await;
        if language(&browser).await.as_deref() != Some(lang) {
            browser.follow(link).await;
        }
        tour(&browser, "/transparency", "public", lang).await;
    }
    browser.close().await;
}
