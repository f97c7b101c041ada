//! The public page `/transparency` in a real browser, signed out: reached from the sign-in
//! page, in English and French, with the small count hidden in words, every chart labelled
//! beside its table, axe-core clean, and the same figures the open data publishes.

use reqwest::Method;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::public_data::{public, public_fund, APPROVED_SUMMARY};
use crate::support::browser::{text, Browser};

on_both_backends!(portal_public_page_tells_the_story_anonymously);

async fn portal_public_page_tells_the_story_anonymously(app: TestApp) {
    let (_, secrets) = public_fund(&app).await;
    let summary = public(&app, "summary", "json").await.body;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/sign-in").await;
    browser.follow("See its public figures").await;
    assert_eq!(browser.path().await, "/transparency");
    let page = text(&browser).await;
    for shown in [
        "Where the Fund's money goes",
        "Contributions received by year",
        "Grants by regional group",
        "African States",
        "Kenya",
        "People reached by sex and age group",
        "Girls",
        "fewer than 5",
        "withheld",
        "Norway",
        "Individuals",
        APPROVED_SUMMARY,
        // The ledger's figures, as the page writes money.
        "USD 200,500.00",
        "USD 15,000.00",
    ] {
        assert!(page.contains(shown), "{shown:?} missing from:\n{page}");
    }
    for secret in &secrets.0 {
        assert!(!page.contains(secret.as_str()), "the page shows {secret:?}");
    }
    assert_eq!(summary["contributions_received"]["amount"], "200500.00");
    // Every chart is one labelled image, with a table after it.
    let charts = browser.find_all_by_css("svg[role='img']").await;
    assert_eq!(charts.len(), 7);
    let tables = browser.find_all_by_css("table caption").await;
    assert!(tables.len() >= charts.len() + 3, "{}", tables.len());
    let files = browser.find_all_by_css("a[href^='/api/v1/public/']").await;
    assert_eq!(files.len(), 10);
    for file in files {
        let href = file.attr("href").await.unwrap().unwrap();
        app.send(Method::GET, &href, None, None).await.expect(200);
    }
    browser.check_page("public-en").await;
    browser.close().await;

    let Some(browser) = Browser::open_in_language(&app, "fr").await else {
        return;
    };
    browser.visit("/transparency").await;
    let page = text(&browser).await;
    for shown in [
        "Où va l'argent du Fonds",
        "moins de 5",
        "Filles",
        "200 500,00 USD",
    ] {
        assert!(page.contains(shown), "{shown:?} missing from:\n{page}");
    }
    browser.check_page("public-fr").await;
    browser.close().await;

    // The linked files answer anonymously.
    let csv = app
        .send(Method::GET, "/api/v1/public/grants?format=csv", None, None)
        .await
        .expect(200);
    assert!(csv.text.contains(APPROVED_SUMMARY));
}
