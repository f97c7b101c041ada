//! The portal on the demo data set, as `serve --demo` shows it, in each of its three
//! languages: an NGO's pages (home, calls, applications, one application, grants, one
//! grant with its tranches and reports, the organisation) and a trustee's (waiting for
//! my vote, an application with its dossier, the Board, decisions). Each page is checked
//! by axe-core, makes no request to another origin, and is captured for review.

use trustfund::auth::Role;
use trustfund::demo::DEMO_PASSWORD;
use trustfund::domain::GrantId;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::browser::Browser;

on_both_backends!(portal_demo_in_three_languages);

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

/// The first link on the page whose address starts with `prefix` and goes on with an id.
async fn first_link(browser: &Browser, prefix: &str) -> Option<String> {
    for link in browser
        .find_all_by_css(&format!("main a[href^='{prefix}']"))
        .await
    {
        if let Ok(Some(href)) = link.attr("href").await {
            let rest = &href[prefix.len()..];
            if !rest.is_empty() && !rest.contains('/') && !rest.contains('#') {
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
