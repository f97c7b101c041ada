//! Finance's pages in a real browser (`src/portal/finance/`): what waits, a contribution
//! recorded and money received on it at the month's UN rate (another rate refused
//! without its reason), a tranche paid after a refused attempt, the statements read on
//! the page and downloaded, and a month closed (in French). Each step is checked through
//! the API as well: the pages call the same use cases and store nothing it would not.

use chrono::{Datelike, TimeDelta};
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::json;
use trustfund::clock::Clock;
use trustfund::portal::formats;
use trustfund::portal::language::PageLanguage;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::browser::{sign_in, text, Browser};
use crate::support::grants::signed_grant;

on_both_backends!(portal_finance_receives_pays_reports_and_closes);

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

/// The text of the row of table `table` whose header reads `line`.
async fn row(browser: &Browser, table: &str, line: &str) -> String {
    for row in browser.find_all_by_css(&format!("#{table} tbody tr")).await {
        let text = row.text().await.unwrap_or_default();
        if text.starts_with(line) {
            return text.replace(['\u{a0}', '\u{202f}'], " ");
        }
    }
    panic!("no row {line:?} in #{table}");
}

async fn portal_finance_receives_pays_reports_and_closes(app: TestApp) {
    let g = signed_grant(&app, "1000000.00").await;
    let finance = g.finance;
    let today = chrono::Utc::now().date_naive();
    let month = format!("{:04}-{:02}", today.year(), today.month());
    app.send(
        Method::PUT,
        &format!("/api/v1/exchange-rates/{month}"),
        Some(&finance.token),
        Some(json!({"rates": [{"currency": "EUR", "rate_to_usd": "1.085"}]})),
    )
    .await
    .expect(200);

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, &finance).await;

    // Home: the grant's first tranche is due today; no month has ended yet.
    let home = text(&browser).await;
    assert!(home.contains("Tranches due"), "{home}");
    assert!(home.contains("USD 15,000.00"), "{home}");
    assert!(
        home.contains("Every month that has ended is closed."),
        "{home}"
    );
    check(&browser, "finance-home").await;

    // A pledge by Japan in euros, then money received at the month's rate.
    browser.follow("Contributions").await;
    check(&browser, "finance-contributions").await;
    browser.follow("Record a contribution").await;
    browser.fill("Type of donor", "Member State").await;
    browser.fill("Country", "JP").await;
    browser.fill("Currency", "EUR").await;
    browser.fill("Amount pledged", "100,000").await;
    check(&browser, "finance-contribution-new").await;
    browser.press("Record the contribution").await;
    let path = browser.path().await;
    let contribution = path
        .strip_prefix("/contributions/")
        .expect("the contribution's page")
        .to_string();
    let page = text(&browser).await;
    assert!(
        page.contains("The contribution has been recorded."),
        "{page}"
    );
    assert!(page.contains("Japan"), "{page}");
    // The rate is filled in with the UN operational rate in force today.
    let rate: Decimal = value_of(&browser, "field-rate")
        .await
        .parse()
        .expect("a rate");
    assert_eq!(rate, Decimal::new(1085, 3));
    assert!(page.contains("in force on that day is 1.085"), "{page}");

    // Another rate without its reason is refused beside the reason's field.
    browser.fill("Amount", "40,000").await;
    browser.fill("Rate (USD per unit)", "1.2").await;
    browser.fill("Bank reference", "JP-2026-001").await;
    browser.press("Record the money received").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused
            .matches("This is not the UN operational rate in force on that day")
            .count(),
        2,
        "{refused}"
    );
    assert_eq!(value_of(&browser, "field-amount").await, "40,000");
    check(&browser, "finance-receipt-refused").await;
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{contribution}"))
        .await
        .expect(200)
        .body;
    assert_eq!(view["receipts"].as_array().map(Vec::len), Some(0));

    browser.fill("Rate (USD per unit)", "1.085").await;
    browser.press("Record the money received").await;
    let page = text(&browser).await;
    assert!(
        page.contains("The money received has been recorded"),
        "{page}"
    );
    assert!(page.contains("USD 43,400.00"), "{page}");
    check(&browser, "finance-contribution").await;
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{contribution}"))
        .await
        .expect(200)
        .body;
    let receipt = &view["receipts"][0];
    assert_eq!(receipt["bank_reference"], "JP-2026-001");
    assert_eq!(receipt["usd"]["amount"], "43400.00");
    assert_eq!(
        receipt["rate_to_usd"]
            .as_str()
            .and_then(|r| r.parse::<Decimal>().ok()),
        Some(Decimal::new(1085, 3))
    );
    assert!(receipt["rate_reason"].is_null());

    // Paying: the gates in view, tranche 2 refused first, then tranche 1 paid.
    browser.visit("/").await;
    // The home page links the grant whose tranche is due to its payment page.
    let payments = format!("/payments/{}", g.grant);
    browser.find_by_css(&format!("a[href='{payments}']")).await;
    browser.visit(&payments).await;
    let page = text(&browser).await;
    assert!(page.contains("Before paying"), "{page}");
    assert!(page.contains("Signed on"), "{page}");
    assert_eq!(value_of(&browser, "field-tranche").await, "1");
    check(&browser, "finance-payment").await;
    browser.fill("Tranche", "2").await;
    browser.fill("Amount", "10,000").await;
    browser.fill("Payment reference", "PAY-KE-1").await;
    browser.press("Pay").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused
            .matches("A tranche before this one has not been paid yet.")
            .count(),
        2,
        "{refused}"
    );
    assert_eq!(
        value_of(&browser, "field-payment_reference").await,
        "PAY-KE-1"
    );
    check(&browser, "finance-payment-refused").await;
    let paid = app
        .get(
            &finance,
            &format!("/api/v1/grants/{}/disbursements", g.grant),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(paid["items"].as_array().map(Vec::len), Some(0));

    browser.fill("Tranche", "1").await;
    browser.fill("Amount", "15,000").await;
    browser.press("Pay").await;
    let page = text(&browser).await;
    assert!(page.contains("The payment has been recorded"), "{page}");
    let paid = app
        .get(
            &finance,
            &format!("/api/v1/grants/{}/disbursements", g.grant),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(paid["items"][0]["tranche"], 1);
    assert_eq!(paid["items"][0]["amount"]["amount"], "15000.00");
    assert_eq!(paid["items"][0]["payment_reference"], "PAY-KE-1");

    // The statements: the page's figures are the downloaded file's, which is the API's.
    browser.follow("Statements").await;
    check(&browser, "finance-statements").await;
    let from = value_of(&browser, "field-from").await;
    let to = value_of(&browser, "field-to").await;
    let query = format!("from={from}&to={to}");
    let session = browser
        .client()
        .get_named_cookie("tf_session")
        .await
        .expect("signed in")
        .value()
        .to_string();
    let file = reqwest::Client::new()
        .get(format!("{}/statements/file.csv?{query}", app.address))
        .header("cookie", format!("tf_session={session}"))
        .send()
        .await
        .expect("the CSV");
    assert_eq!(file.status(), 200);
    let page_csv = file.bytes().await.expect("its bytes").to_vec();
    let (status, _, api_csv) = app
        .as_(&finance)
        .get_bytes(format!("/api/v1/statements?format=csv&{query}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(page_csv, api_csv);
    let csv = String::from_utf8(page_csv).expect("text");
    for (line, label) in [
        ("grants_paid", "Grants paid"),
        ("contributions", "Contributions"),
        ("surplus", "Surplus"),
    ] {
        let amount: Decimal = csv
            .lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .find(|cells| cells.get(1) == Some(&line))
            .and_then(|cells| cells.get(5).and_then(|a| a.parse().ok()))
            .unwrap_or_else(|| panic!("{line} in {csv}"));
        let shown = formats::money(amount, "USD", PageLanguage::En);
        let on_page = row(&browser, "performance", label).await;
        assert!(on_page.contains(&shown), "{line}: {shown} in {on_page}");
    }
    assert!(csv.contains(",grants_paid,USD,"), "{csv}");
    let xlsx = reqwest::Client::new()
        .get(format!("{}/statements/file.xlsx?{query}", app.address))
        .header("cookie", format!("tf_session={session}"))
        .send()
        .await
        .expect("the workbook");
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.expect("bytes").starts_with(b"PK"));

    // The ledger export: what the file will hold, then the file itself, which agrees.
    browser.follow("Ledger export").await;
    browser.fill("Entries", "Every entry").await;
    browser.press("Show what the file will hold").await;
    let page = text(&browser).await;
    assert!(page.contains("What the file will hold"), "{page}");
    check(&browser, "finance-export").await;
    let href = browser
        .find_by_css("a[href^='/ledger-export/file?']")
        .await
        .attr("href")
        .await
        .ok()
        .flatten()
        .expect("the download link");
    let file = reqwest::Client::new()
        .get(format!("{}{href}", app.address))
        .header("cookie", format!("tf_session={session}"))
        .send()
        .await
        .expect("the export");
    assert_eq!(file.status(), 200);
    let csv = file.text().await.expect("the CSV");
    let totals: Vec<Vec<String>> = csv
        .lines()
        .filter(|l| l.starts_with("totals,"))
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let mut seen = Vec::new();
    for cells in &totals {
        let label = match cells[3].as_str() {
            "receipt" => "Money received",
            "commitment" => "Commitments",
            "disbursement" => "Disbursements",
            other => panic!("an unexpected kind {other} in {csv}"),
        };
        let on_page = row(&browser, "export-totals", label).await;
        for cell in [&cells[11], &cells[13]] {
            let amount: Decimal = cell.parse().expect("an amount");
            let shown = formats::money(amount, "USD", PageLanguage::En);
            assert!(on_page.contains(&shown), "{label}: {shown} in {on_page}");
        }
        seen.push(cells[3].clone());
    }
    assert!(seen.contains(&"disbursement".to_string()), "{csv}");
    assert!(row(&browser, "export-totals", "Disbursements")
        .await
        .contains("USD 15,000.00"));

    browser.follow("Months of the books").await;
    let page = text(&browser).await;
    assert!(page.contains("No month can be closed now"), "{page}");
    check(&browser, "finance-periods").await;
    browser.close().await;

    // Forty days on, this month has ended: finance closes it, in French.
    let later = app.on_clock(Clock::offset(TimeDelta::days(40))).await;
    let Some(browser) = Browser::open(&later).await else {
        return;
    };
    sign_in(&browser, &finance).await;
    browser.follow("Français").await;
    let home = text(&browser).await;
    assert!(home.contains("Mois à clôturer"), "{home}");
    assert!(home.contains(&month), "{home}");
    browser.follow("Mois comptables").await;
    check(&browser, "finance-periods-fr").await;
    browser.press(&format!("Clôturer {month}")).await;
    let page = text(&browser).await;
    assert!(page.contains(&format!("{month} est clôturé.")), "{page}");
    check(&browser, "finance-closed-fr").await;
    let periods = later
        .get(&finance, "/api/v1/ledger/periods")
        .await
        .expect(200)
        .body;
    let closed = periods["items"]
        .as_array()
        .and_then(|items| items.iter().find(|p| p["period"] == month.as_str()))
        .expect("the month");
    assert_eq!(closed["state"], "closed");
    browser.close().await;
}
