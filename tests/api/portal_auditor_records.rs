//! An auditor's record pages in a real browser (`src/portal/oversight/records.rs`,
//! `src/portal/finance/journal.rs`, `ledger.rs`): from a payment found in the audit trail
//! to the grant's page, its organisation and application, the payment's ledger entry and
//! the journal (filtered by kind of entry, then read in Spanish), and from money received
//! to its contribution. People appear by name, never by account id; no page has a form
//! that posts anything but signing out. What the pages show is checked against the API.

use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::browser::{sign_in, text, Browser};
use crate::support::grants::first_tranche_paid;

on_both_backends!(portal_auditor_follows_a_change_to_its_records_and_the_journal);

/// Checks the page (axe-core and the rest, screenshots) with nothing reported at all,
/// and that an auditor meets no form that posts but signing out.
async fn checked(browser: &Browser, name: &str) {
    let report = browser.check_page(name).await;
    assert!(
        report.minor_violations.is_empty(),
        "{name}: {:#?}",
        report.minor_violations
    );
    let mut actions = Vec::new();
    for form in browser.find_all_by_css("form[method=post]").await {
        actions.push(form.attr("action").await.ok().flatten().unwrap_or_default());
    }
    assert_eq!(actions, vec!["/sign-out".to_string()], "{name}");
}

async fn portal_auditor_follows_a_change_to_its_records_and_the_journal(app: TestApp) {
    let g = first_tranche_paid(&app, "1000000.00", "15000.00").await;
    let auditor = app.user(Role::Auditor).await;
    let grant = app.as_(&auditor).grant(g.grant).get().await.ok();
    let payments = app
        .get(
            &auditor,
            &format!("/api/v1/grants/{}/disbursements", g.grant),
        )
        .await
        .expect(200)
        .body;
    let entry = payments["items"][0]["ledger_transaction_id"]
        .as_str()
        .expect("the payment's entry")
        .to_string();
    let finance_id = g.finance.id.to_string();
    let title = app
        .as_(&auditor)
        .application(grant.application_id)
        .get()
        .await
        .ok()
        .title;

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, &auditor).await;

    // The payment in the trail: who made it, by name, and a link to the grant's page.
    browser.follow("Audit trail").await;
    browser.fill("Kind of event", "grant.disbursed").await;
    browser.press("Show events").await;
    let found = text(&browser).await;
    assert_eq!(browser.find_all_by_css("ol.events > li").await.len(), 1);
    assert!(found.contains("Finance, Test finance"), "{found}");
    assert!(!found.contains(&finance_id), "{found}");
    checked(&browser, "auditor-trail-names").await;
    browser.follow("Open the record").await;
    assert_eq!(browser.path().await, format!("/records/grant/{}", g.grant));
    let page = text(&browser).await;
    for shown in [
        title.as_str(),
        "USD 30,000.00",
        "USD 15,000.00",
        "Agreement signed",
    ] {
        assert!(
            page.contains(shown),
            "{shown:?} on the grant's page: {page}"
        );
    }
    checked(&browser, "auditor-record-grant").await;

    // Its organisation and its application, by their names; the application's history
    // says who moved it, by name.
    let organization = app
        .as_(&auditor)
        .organization(g.organization)
        .get()
        .await
        .ok()
        .legal_name;
    browser.follow(&organization).await;
    assert_eq!(
        browser.path().await,
        format!("/records/organization/{}", g.organization)
    );
    let page = text(&browser).await;
    assert!(page.contains("Kenya"), "{page}");
    checked(&browser, "auditor-record-organization").await;
    browser.visit(&format!("/records/grant/{}", g.grant)).await;
    browser
        .find_by_css(&format!(
            "a[href='/records/application/{}']",
            grant.application_id
        ))
        .await;
    browser
        .visit(&format!("/records/application/{}", grant.application_id))
        .await;
    let page = text(&browser).await;
    assert!(page.contains("Approved"), "{page}");
    assert!(page.contains("Test secretariat"), "{page}");
    checked(&browser, "auditor-record-application").await;

    // The payment's ledger entry: its lines, who booked it by name; no reversal here.
    browser.visit(&format!("/records/grant/{}", g.grant)).await;
    browser
        .find_by_css(&format!("a[href='/ledger/{entry}']"))
        .await;
    browser.visit(&format!("/ledger/{entry}")).await;
    let page = text(&browser).await;
    for shown in [
        "Payment",
        "Grants paid",
        "Cash",
        "Test finance",
        "USD 15,000.00",
    ] {
        assert!(page.contains(shown), "{shown:?} on the entry: {page}");
    }
    assert!(!page.contains("Reverse this entry"), "{page}");
    checked(&browser, "auditor-ledger-entry").await;

    // The journal, every entry; then only the payments.
    browser.follow("Back to the journal").await;
    assert_eq!(browser.path().await, "/journal");
    let journal = app.get(&auditor, "/api/v1/ledger").await.expect(200).body;
    let entries = journal["items"].as_array().expect("entries").len();
    assert_eq!(
        browser.find_all_by_css("#journal tbody tr").await.len(),
        entries
    );
    checked(&browser, "auditor-journal").await;
    browser.fill("Kind of entry", "Payment").await;
    browser.press("Show entries").await;
    let rows = browser.find_all_by_css("#journal tbody tr").await;
    assert_eq!(rows.len(), 1);
    let row = rows[0].text().await.unwrap_or_default();
    assert!(row.contains("Test finance"), "{row}");
    browser
        .find_by_css(&format!("#journal a[href='/ledger/{entry}']"))
        .await;

    // Money received, to its contribution's page.
    browser.fill("Kind of entry", "Money received").await;
    browser.press("Show entries").await;
    let rows = browser.find_all_by_css("#journal tbody tr a").await;
    assert_eq!(rows.len(), 1);
    let receipt = rows[0]
        .attr("href")
        .await
        .ok()
        .flatten()
        .expect("the entry's link");
    browser.visit(&receipt).await;
    let href = browser
        .find_by_css("#entry-lines a[href^='/records/contribution/']")
        .await
        .attr("href")
        .await
        .ok()
        .flatten()
        .expect("the contribution's link");
    browser.visit(&href).await;
    let page = text(&browser).await;
    assert!(page.contains("Norway"), "{page}");
    assert!(page.contains("USD 1,000,000.00"), "{page}");
    checked(&browser, "auditor-record-contribution").await;

    // The journal in Spanish.
    browser.follow("Español").await;
    browser.visit("/journal?kind=disbursement").await;
    let page = text(&browser).await;
    assert!(page.contains("Diario del libro mayor"), "{page}");
    assert!(page.contains("Pago"), "{page}");
    assert!(page.contains("16.950,00 USD"), "{page}");
    checked(&browser, "auditor-journal-es").await;
    browser.close().await;
}
