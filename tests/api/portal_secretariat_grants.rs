//! The secretariat's grant pages in a real browser (`src/portal/secretariat/grants.rs`
//! and its neighbours): from an awarded grant to a signed agreement and beyond. The
//! application is built to the award through the API; in the browser the secretariat
//! signs the agreement with the tranche and budget builder (a schedule short of the award
//! refused beside its table first, then a third tranche added with "Add a tranche"),
//! reviews a report (returned without comments: refused; returned with them; the second
//! filing accepted), extends the grant, and cancels another grant in Spanish. Each step
//! is checked through the API.

use trustfund::documents::DocumentKind;
use trustfund::grant_reports::ReportState;
use trustfund::grants::{AmendmentKind, GrantState};

use crate::helpers::{TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::browser::{shows, text, Browser};
use crate::support::documents::{pdf, Record};
use crate::support::grants::{grant_with_applicant_in, received, spread_over_budget};
use crate::support::scenarios::{fund, seat_board};
use trustfund::auth::Role;
use trustfund::domain::{GrantId, GrantReportId};

on_both_backends!(portal_secretariat_signs_reviews_amends_and_cancels);

fn day(n: i64) -> String {
    bodies::days_from_today(n).to_string()
}

async fn grant_state(app: &TestApp, who: &TestUser, id: GrantId) -> GrantState {
    app.as_(who).grant(id).get().await.ok().state
}

/// The grantee files a progress report on tranche 1, every cent it received spent.
async fn report_filed(app: &TestApp, applicant: &TestUser, grant: GrantId) -> GrantReportId {
    let spent = received(app, applicant, grant).await;
    let spent = spread_over_budget(app, applicant, grant, spent).await;
    app.as_(applicant)
        .grant(grant)
        .file_report(&bodies::progress_report(1, spent))
        .await
        .created()
        .id
}

async fn portal_secretariat_signs_reviews_amends_and_cancels(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "1000000.00").await;
    let secretariat = &board.secretariat;
    let (applicant, grant) = grant_with_applicant_in(&app, &board, "KE", "30000.00").await;
    let (_, other) = grant_with_applicant_in(&app, &board, "KE", "30000.00").await;
    let finance = app.user(Role::Finance).await;

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/sign-in").await;
    browser.fill("Email address", &secretariat.email).await;
    browser.fill("Password", PASSWORD).await;
    browser.press("Sign in").await;

    // The list, narrowed to the grants waiting for their agreement.
    browser.follow("Grants").await;
    assert_eq!(browser.path().await, "/secretariat/grants");
    browser
        .select("Status", "Awarded, agreement not yet signed")
        .await;
    browser.press("Show").await;
    let listed = text(&browser).await;
    assert_eq!(
        listed.matches("Safe shelter and legal aid").count(),
        2,
        "{listed}"
    );
    shows(&listed, &["USD 30,000.00", "(KE)"], "the list of grants");
    browser.check_page("secretariat-grants").await;

    // One grant's page: by name, its money, no tranche yet.
    browser.visit(&format!("/secretariat/grants/{grant}")).await;
    shows(
        &text(&browser).await,
        &[
            "Awarded, agreement not yet signed",
            "Kenya (KE)",
            "USD 30,000.00",
            "Sign the agreement",
            "signed agreement",
        ],
        "the grant's page",
    );
    browser.check_page("secretariat-grant").await;

    // The agreement as signed for the Fund, attached on the grant's page: the use case
    // records an agreement only with it.
    let files = tempfile::tempdir().expect("a directory for the files");
    let signed = files.path().join("agreement-signed.pdf");
    std::fs::write(&signed, pdf("the agreement as signed")).expect("the file is written");
    browser
        .select("Kind of document", "Grant agreement signed by the Fund")
        .await;
    browser
        .find_by_css("#field-file")
        .await
        .send_keys(signed.to_str().expect("a UTF-8 path"))
        .await
        .expect("the file is chosen");
    browser.press("Upload the document").await;
    shows(
        &text(&browser).await,
        &["The document is attached.", "agreement-signed.pdf"],
        "the grant's page after the upload",
    );
    browser.check_page("secretariat-grant-uploaded").await;
    let attached = app
        .as_(secretariat)
        .documents(Record::Grant(grant))
        .await
        .ok();
    assert!(
        attached
            .items
            .iter()
            .any(|d| d.kind == DocumentKind::SignedAgreement && d.current),
        "{attached:?}"
    );

    // The builder: two tranches of 10,000 fall short of the award, refused beside the
    // tranches' table, with the sum the server worked out.
    browser.follow("Sign the agreement").await;
    assert_eq!(
        browser.path().await,
        format!("/secretariat/grants/{grant}/agreement")
    );
    browser.check_page("secretariat-agreement").await;
    browser.fill("Signed on", &day(0)).await;
    browser.fill("Start of the grant period", &day(0)).await;
    browser.fill("End of the grant period", &day(365)).await;
    browser.fill("Tranche 1: amount", "10,000").await;
    browser.fill("Tranche 1: due on", &day(0)).await;
    browser.fill("Tranche 2: amount", "10000.00").await;
    browser.fill("Tranche 2: due on", &day(90)).await;
    browser.fill("Line 1: amount", "20000").await;
    browser.fill("Line 2: amount", "10000").await;
    browser.press("Sign the agreement").await;
    let refused = text(&browser).await;
    assert!(browser.title().await.starts_with("Error:"), "{refused}");
    assert_eq!(
        refused
            .matches("The tranches must add up to the award exactly")
            .count(),
        2,
        "{refused}"
    );
    shows(
        &refused,
        &[
            "USD 10,000.00 short of the award of USD 30,000.00",
            "Meets the award of USD 30,000.00",
        ],
        "the refused agreement",
    );
    let tranches_error = browser.find_by_css("#field-tranches .error-message").await;
    assert_eq!(
        tranches_error.text().await.ok().as_deref(),
        Some("The tranches must add up to the award exactly")
    );
    browser.check_page("secretariat-agreement-refused").await;
    assert_eq!(
        grant_state(&app, secretariat, grant).await,
        GrantState::Awarded
    );

    // "Add a tranche" brings the form back with one more row, keeping what was typed.
    browser.press("Add a tranche").await;
    let kept = browser.find_by_css("#field-tranche-amount-0").await;
    assert_eq!(
        kept.prop("value").await.ok().flatten().as_deref(),
        Some("10,000")
    );
    browser.fill("Tranche 3: amount", "10000").await;
    browser.fill("Tranche 3: due on", &day(180)).await;
    browser.press("Add a budget line").await;
    let page = text(&browser).await;
    assert_eq!(
        page.matches("Meets the award of USD 30,000.00").count(),
        2,
        "{page}"
    );
    shows(
        &page,
        &["Paid once the report on tranche 2 is accepted."],
        "the builder",
    );
    browser.check_page("secretariat-agreement-rows").await;
    browser.press("Sign the agreement").await;
    assert_eq!(browser.path().await, format!("/secretariat/grants/{grant}"));
    shows(
        &text(&browser).await,
        &["The agreement is signed", "Shelter rent", "Lawyers"],
        "the signed grant",
    );
    let signed = app.as_(secretariat).grant(grant).get().await.ok();
    assert_eq!(signed.state, GrantState::AgreementSigned);
    let amounts: Vec<String> = signed
        .tranches
        .iter()
        .map(|t| t.amount.amount().to_string())
        .collect();
    assert_eq!(amounts, ["10000.00", "10000.00", "10000.00"]);
    assert_eq!(
        signed.tranches[2].due_on.to_string(),
        day(180),
        "{signed:?}"
    );
    let budget: Vec<(String, String)> = signed
        .budget
        .iter()
        .map(|l| (l.label.clone(), l.budget.amount().to_string()))
        .collect();
    assert_eq!(
        budget,
        [
            ("Shelter rent".to_string(), "20000.00".to_string()),
            ("Lawyers".to_string(), "10000.00".to_string())
        ]
    );
    browser.check_page("secretariat-grant-signed").await;

    // A report on the first tranche (paid and filed through the API).
    app.as_(&finance)
        .grant(grant)
        .pay(&bodies::disbursement(1, "10000.00"))
        .await
        .created();
    let first = report_filed(&app, &applicant, grant).await;
    browser.visit(&format!("/secretariat/grants/{grant}")).await;
    browser
        .follow("Progress report on tranche 1 (version 1)")
        .await;
    assert_eq!(
        browser.path().await,
        format!("/secretariat/grants/{grant}/reports/{first}")
    );
    shows(
        &text(&browser).await,
        &["Waiting for review", "USD 10,000.00", "done"],
        "the report",
    );
    browser.check_page("secretariat-review").await;

    // Returned without comments: refused beside the comments, the report still waits.
    browser
        .check("Return it to the grantee for correction")
        .await;
    browser.press("Record the review").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused
            .matches("Say what the grantee must put right before returning the report")
            .count(),
        2,
        "{refused}"
    );
    browser.check_page("secretariat-review-refused").await;
    let report = app.as_(secretariat).report(first).get().await.ok();
    assert_eq!(report.state, ReportState::Submitted);

    // Returned with comments; the choice was kept.
    browser
        .fill("Comments for the grantee", "Attach the rent receipts")
        .await;
    browser.press("Record the review").await;
    shows(
        &text(&browser).await,
        &["The report is reviewed"],
        "the grant after the return",
    );
    let report = app.as_(secretariat).report(first).get().await.ok();
    assert_eq!(report.state, ReportState::Returned);
    assert_eq!(
        report.review.and_then(|r| r.comments).as_deref(),
        Some("Attach the rent receipts")
    );

    // Filed again, and accepted.
    let second = report_filed(&app, &applicant, grant).await;
    browser.visit(&format!("/secretariat/grants/{grant}")).await;
    browser
        .follow("Progress report on tranche 1 (version 2)")
        .await;
    browser.check("Accept the report").await;
    browser.press("Record the review").await;
    let report = app.as_(secretariat).report(second).get().await.ok();
    assert_eq!(report.state, ReportState::Accepted);

    // An extension of the grant period.
    browser.follow("Amend the grant").await;
    browser.check_page("secretariat-amend-kind").await;
    browser.check("Extension").await;
    browser.press("Continue").await;
    browser.check_page("secretariat-amend").await;
    browser.fill("New end of the grant period", &day(400)).await;
    browser.press("Record the amendment").await;
    assert_eq!(text(&browser).await.matches("Enter the reason").count(), 2);
    assert!(app
        .as_(secretariat)
        .grant(grant)
        .amendments()
        .await
        .ok()
        .is_empty());
    browser
        .fill(
            "Reason for the amendment",
            "Shelter works delayed by floods",
        )
        .await;
    browser.fill("Board decision", "BoT/2026/14").await;
    browser.press("Record the amendment").await;
    shows(
        &text(&browser).await,
        &["The grant is amended.", "Amendment 1: Extension"],
        "the amended grant",
    );
    let amendments = app.as_(secretariat).grant(grant).amendments().await.ok();
    assert_eq!(amendments.len(), 1);
    assert_eq!(amendments[0].kind, AmendmentKind::Extension);
    let extended = app.as_(secretariat).grant(grant).get().await.ok();
    assert_eq!(
        extended.agreement.map(|a| a.period_end.to_string()),
        Some(day(400))
    );

    // The other grant cancelled, in Spanish: what it releases shown first.
    browser.follow("Español").await;
    browser
        .visit(&format!("/secretariat/grants/{other}/cancellation"))
        .await;
    let page = text(&browser).await;
    shows(
        &page,
        &[
            "Qué hace la cancelación",
            "Cancelar la subvención",
            "30.000,00 USD",
        ],
        "the cancellation in Spanish",
    );
    browser.check_page("secretariat-cancel-es").await;
    browser
        .fill("Por qué se cancela la subvención", "La organización cerró")
        .await;
    browser.press("Cancelar la subvención").await;
    assert_eq!(
        text(&browser)
            .await
            .matches("Introduzca la decisión de la Junta en la que se basa la cancelación")
            .count(),
        2
    );
    browser.check_page("secretariat-cancel-es-refused").await;
    assert_eq!(
        grant_state(&app, secretariat, other).await,
        GrantState::Awarded
    );
    browser.fill("Decisión de la Junta", "BoT/2026/15").await;
    browser.press("Cancelar la subvención").await;
    shows(
        &text(&browser).await,
        &["La subvención está cancelada", "Cancelada"],
        "the cancelled grant",
    );
    browser.check_page("secretariat-grant-cancelled-es").await;
    let cancelled = app.as_(secretariat).grant(other).get().await.ok();
    assert_eq!(cancelled.state, GrantState::Cancelled);
    assert_eq!(
        cancelled.cancellation.map(|c| c.board_decision).as_deref(),
        Some("BoT/2026/15")
    );
    browser.close().await;
}
