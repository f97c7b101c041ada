//! Finance's refunds, reversals, IATI file and a refused close in a real browser
//! (`src/portal/finance/`): a refund recorded from the grant's payment page (more than was
//! paid refused first, beside its field), its ledger entry read and reversed (refused
//! without a reason first), the IATI activity file downloaded from the export page (the
//! very bytes of the API's), and a month whose close the ledger's check forbids (in
//! French: the page says why and the month stays open). Each step is checked through the
//! API as well.

use chrono::{Datelike, TimeDelta};
use trustfund::clock::Clock;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::browser::{sign_in, text, Browser};
use crate::support::grants::{first_tranche_paid, tamper};

on_both_backends!(portal_finance_refunds_reverses_exports_iati_and_is_refused_a_close);

async fn value_of(browser: &Browser, id: &str) -> String {
    let field = browser.find_by_css(&format!("#{id}")).await;
    field.prop("value").await.ok().flatten().unwrap_or_default()
}

/// Checks the page with axe (nothing at all may be reported) and takes its screenshots.
async fn check(browser: &Browser, name: &str) {
    let report = browser.check_page(name).await;
    assert!(
        report.minor_violations.is_empty(),
        "{name}: {:#?}",
        report.minor_violations
    );
}

async fn session_of(browser: &Browser) -> String {
    browser
        .client()
        .get_named_cookie("tf_session")
        .await
        .expect("signed in")
        .value()
        .to_string()
}

async fn portal_finance_refunds_reverses_exports_iati_and_is_refused_a_close(app: TestApp) {
    let g = first_tranche_paid(&app, "1000000.00", "15000.00").await;
    let finance = g.finance;
    let refunds_path = format!("/api/v1/grants/{}/refunds", g.grant);
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, &finance).await;

    // A refund of more than was paid is refused beside its amount; nothing is stored.
    browser.visit(&format!("/payments/{}", g.grant)).await;
    let page = text(&browser).await;
    assert!(
        page.contains("No refund has been received on this grant."),
        "{page}"
    );
    browser.fill("Amount returned", "20,000").await;
    browser.fill("Bank reference", "RF-KE-1").await;
    browser
        .fill(
            "Why the money came back",
            "Unspent at the end of the project",
        )
        .await;
    browser.press("Record the refund").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused
            .matches("This is more than was paid on the grant, net of earlier refunds.")
            .count(),
        2,
        "{refused}"
    );
    assert_eq!(value_of(&browser, "field-refund_amount").await, "20,000");
    assert_eq!(value_of(&browser, "field-bank_reference").await, "RF-KE-1");
    check(&browser, "finance-refund-refused").await;
    let refunds = app.get(&finance, &refunds_path).await.expect(200).body;
    assert_eq!(refunds.as_array().map(Vec::len), Some(0), "{refunds}");

    browser.fill("Amount returned", "1,000").await;
    browser.press("Record the refund").await;
    let page = text(&browser).await;
    assert!(page.contains("The refund has been recorded."), "{page}");
    assert!(page.contains("USD 1,000.00"), "{page}");
    check(&browser, "finance-refunded").await;
    let refunds = app.get(&finance, &refunds_path).await.expect(200).body;
    let refund = &refunds[0];
    assert_eq!(refund["amount"]["amount"], "1000.00");
    assert_eq!(refund["bank_reference"], "RF-KE-1");
    assert_eq!(refund["reason"], "Unspent at the end of the project");
    assert_eq!(refund["state"], "recorded");
    let entry = refund["ledger_transaction_id"]
        .as_str()
        .expect("the refund's entry")
        .to_string();

    // The refund's ledger entry, from the grant's page: its lines, who booked it.
    let entry_page = format!("/ledger/{entry}");
    browser
        .find_by_css(&format!("a[href='{entry_page}']"))
        .await;
    browser.visit(&entry_page).await;
    let page = text(&browser).await;
    assert!(page.contains("Refund"), "{page}");
    assert!(page.contains("Cash"), "{page}");
    assert!(page.contains("USD 1,000.00"), "{page}");
    assert!(page.contains("Test finance"), "{page}");
    check(&browser, "finance-ledger-entry").await;

    // Reversing it without a reason is refused beside the reason; nothing changes.
    browser.press("Reverse the entry").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused.matches("Say why the entry is wrong.").count(),
        2,
        "{refused}"
    );
    check(&browser, "finance-reversal-refused").await;
    let view = app
        .get(&finance, &format!("/api/v1/ledger/transactions/{entry}"))
        .await
        .expect(200)
        .body;
    assert!(view["reversed_by"].is_null(), "{view}");

    browser
        .fill("Why the entry is wrong", "Booked against the wrong grant")
        .await;
    browser.press("Reverse the entry").await;
    let page = text(&browser).await;
    assert!(page.contains("The entry has been reversed"), "{page}");
    assert!(!page.contains("Reverse this entry"), "{page}");
    check(&browser, "finance-reversed").await;
    let view = app
        .get(&finance, &format!("/api/v1/ledger/transactions/{entry}"))
        .await
        .expect(200)
        .body;
    let reversal = view["reversed_by"].as_str().expect("reversed").to_string();
    let reversal_view = app
        .get(&finance, &format!("/api/v1/ledger/transactions/{reversal}"))
        .await
        .expect(200)
        .body;
    assert_eq!(reversal_view["memo"], "Booked against the wrong grant");
    let refunds = app.get(&finance, &refunds_path).await.expect(200).body;
    assert_eq!(refunds[0]["state"], "reversed", "{refunds}");
    browser.close().await;

    // The IATI file from the export page is the API's, byte for byte (on a clock that
    // stands still, so that both files carry the same generated-datetime).
    let still = app.on_clock(Clock::fixed(chrono::Utc::now())).await;
    let Some(browser) = Browser::open(&still).await else {
        return;
    };
    sign_in(&browser, &finance).await;
    browser.follow("Ledger export").await;
    browser.fill("Entries", "Every entry").await;
    browser
        .fill("Format of the file", "IATI activity file (XML)")
        .await;
    browser.press("Show what the file will hold").await;
    check(&browser, "finance-export-iati").await;
    let from = value_of(&browser, "field-from").await;
    let to = value_of(&browser, "field-to").await;
    let href = browser
        .find_by_css("a[href^='/ledger-export/file?']")
        .await
        .attr("href")
        .await
        .ok()
        .flatten()
        .expect("the download link");
    assert!(href.contains("format=iati"), "{href}");
    let file = reqwest::Client::new()
        .get(format!("{}{href}", still.address))
        .header(
            "cookie",
            format!("tf_session={}", session_of(&browser).await),
        )
        .send()
        .await
        .expect("the IATI file");
    assert_eq!(file.status(), 200);
    let page_xml = file.bytes().await.expect("its bytes").to_vec();
    let (status, _, api_xml) = still
        .as_(&finance)
        .get_bytes(format!(
            "/api/v1/ledger/export?format=iati&kind=all&from={from}&to={to}"
        ))
        .await;
    assert_eq!(status, 200);
    assert_eq!(page_xml, api_xml);
    let xml = String::from_utf8(page_xml).expect("text");
    assert!(xml.contains("<iati-activities"), "{xml}");
    browser.close().await;

    // Forty days on, the month has ended; the ledger's check finds a problem, so closing
    // it is refused (in French), and the month stays open.
    let today = chrono::Utc::now().date_naive();
    let month = format!("{:04}-{:02}", today.year(), today.month());
    let later = app.on_clock(Clock::offset(TimeDelta::days(40))).await;
    tamper(
        &app,
        "UPDATE ledger_postings SET amount_minor = amount_minor + 1, usd_minor = usd_minor + 1 \
         WHERE account = 'cash'"
            .to_string(),
    )
    .await;
    let Some(browser) = Browser::open(&later).await else {
        return;
    };
    sign_in(&browser, &finance).await;
    browser.follow("Français").await;
    browser.follow("Mois comptables").await;
    browser.press(&format!("Clôturer {month}")).await;
    let page = text(&browser).await;
    assert!(
        page.matches("contrôle d’intégrité").count() >= 2,
        "the reason, at the top and beside the button: {page}"
    );
    assert!(!page.contains(&format!("{month} est clôturé.")), "{page}");
    check(&browser, "finance-close-refused-fr").await;
    let periods = later
        .get(&finance, "/api/v1/ledger/periods")
        .await
        .expect(200)
        .body;
    let items = periods["items"].as_array().expect("the months");
    assert!(items.iter().all(|p| p["state"] == "open"), "{periods}");
    browser.close().await;
}
