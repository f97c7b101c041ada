//! The secretariat's pages for calls, the Board and the Fund's settings in a real
//! browser (`src/portal/secretariat/{calls,board,settings}.rs`). The secretariat opens a
//! call (a deadline in the past refused first), extends its deadline (a shorter one
//! refused), and cancels another call (without a reason refused first); ends a trustee's
//! term, is refused an appointment that would give a regional group two seats, appoints
//! a trustee and sees the balance change on the day the term starts (and not before);
//! records the Board's chair; changes a setting (out of bounds refused first), partly in
//! French. Every outcome is checked through the API too.

use rust_decimal::Decimal;
use trustfund::auth::Role;
use trustfund::calls::CallStatus;
use trustfund::domain::{CallId, RegionalGroup};

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies::days_from_today;
use crate::support::browser::{shows, text, Browser};
use crate::support::scenarios::{open_call, seat_board};

on_both_backends!(portal_secretariat_board_calls_and_settings);

/// A refusal is told twice: in the summary at the top and beside its field.
async fn refused(browser: &Browser, message: &str) {
    let page = text(browser).await;
    assert!(
        browser.title().await.starts_with("Error:") || browser.title().await.starts_with("Erreur"),
        "{page}"
    );
    assert_eq!(
        page.matches(message).count(),
        2,
        "{message:?} twice on:\n{page}"
    );
}

async fn field_value(browser: &Browser, id: &str) -> String {
    browser
        .find_by_css(&format!("#{id}"))
        .await
        .prop("value")
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// The audit trail's actions on one record, newest first.
async fn actions_on(app: &TestApp, entity_type: &str, id: &str) -> Vec<String> {
    let auditor = app.user(Role::Auditor).await;
    app.as_(&auditor)
        .audit()
        .list(&[
            ("entity_type", entity_type),
            ("entity_id", id),
            ("limit", "100"),
        ])
        .await
        .ok()
        .items
        .into_iter()
        .map(|event| event.action)
        .collect()
}

async fn portal_secretariat_board_calls_and_settings(app: TestApp) {
    let board = seat_board(&app).await;
    let to_cancel = open_call(&app).await;
    let api = app.as_(&board.secretariat);

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/sign-in").await;
    browser
        .fill("Email address", &board.secretariat.email)
        .await;
    browser.fill("Password", PASSWORD).await;
    browser.press("Sign in").await;

    // ----- Calls -----
    browser.follow("Calls").await;
    assert_eq!(browser.path().await, "/secretariat/calls");
    shows(
        &text(&browser).await,
        &["Calls for proposals", "Call for proposals", "Open"],
        "the calls",
    );
    browser.check_page("secretariat-calls").await;

    browser.follow("Open a new call").await;
    browser.check_page("secretariat-call-new").await;
    browser.fill("Title", "Shelters in West Africa").await;
    browser
        .fill(
            "What the call is for",
            "Safe shelter for survivors in West Africa.",
        )
        .await;
    browser
        .fill("Opens on", &days_from_today(-2).to_string())
        .await;
    browser
        .fill("Deadline", &days_from_today(-1).to_string())
        .await;
    browser
        .fill("Total available under the call", "500,000.00")
        .await;
    browser.fill("Smallest grant", "10,000").await;
    browser.fill("Largest grant", "50,000").await;
    browser.check("Forced labour").await;
    browser.press("Publish the call").await;
    refused(
        &browser,
        "The deadline must be after the opening day, and not in the past",
    )
    .await;
    assert_eq!(
        field_value(&browser, "field-title").await,
        "Shelters in West Africa"
    );
    browser.check_page("secretariat-call-new-refused").await;
    assert_eq!(
        api.calls().list(&[("limit", "100")]).await.ok().items.len(),
        1
    );

    let deadline = days_from_today(30);
    browser.fill("Deadline", &deadline.to_string()).await;
    browser.press("Publish the call").await;
    shows(
        &text(&browser).await,
        &[
            "The call is published.",
            "Shelters in West Africa",
            "USD 500,000.00",
            "From USD 10,000.00 to USD 50,000.00",
            "Forced labour",
            "Change the call",
        ],
        "the new call",
    );
    let path = browser.path().await;
    let id: CallId = path
        .trim_start_matches("/secretariat/calls/")
        .parse::<uuid::Uuid>()
        .expect("the call's id in the path")
        .into();
    browser.check_page("secretariat-call").await;
    let call = api.calls().get(id).await.ok();
    assert_eq!(call.call.title, "Shelters in West Africa");
    assert_eq!(call.call.closes_at.date_naive(), deadline);

    // A shorter deadline: the use case's rule beside the field, nothing changed.
    browser
        .fill("Deadline", &days_from_today(20).to_string())
        .await;
    browser.press("Save the changes").await;
    refused(
        &browser,
        "The deadline may only move later: organisations plan on it",
    )
    .await;
    browser.check_page("secretariat-call-amend-refused").await;
    assert_eq!(api.calls().get(id).await.ok().call.version, 0);

    let extended = days_from_today(45);
    browser.fill("Deadline", &extended.to_string()).await;
    browser.press("Save the changes").await;
    assert!(text(&browser).await.contains("The call is changed."));
    let call = api.calls().get(id).await.ok();
    assert_eq!(call.call.closes_at.date_naive(), extended);
    assert_eq!(call.call.version, 1);
    assert!(actions_on(&app, "call", &id.to_string())
        .await
        .contains(&"call.amended".to_string()));

    // Cancelling the other call: without a reason refused, then done.
    browser
        .visit(&format!("/secretariat/calls/{to_cancel}"))
        .await;
    browser.press("Cancel the call").await;
    refused(
        &browser,
        "Enter why the call is cancelled: every organisation that applied reads it",
    )
    .await;
    browser.check_page("secretariat-call-cancel-refused").await;
    assert_eq!(
        api.calls().get(to_cancel).await.ok().call.status,
        CallStatus::Open
    );
    browser
        .fill(
            "Why the call is cancelled",
            "The donor withdrew the funding",
        )
        .await;
    browser.press("Cancel the call").await;
    shows(
        &text(&browser).await,
        &[
            "The call is cancelled.",
            "Reason: The donor withdrew the funding",
        ],
        "the cancelled call",
    );
    let cancelled = api.calls().get(to_cancel).await.ok().call;
    assert_eq!(cancelled.status, CallStatus::Cancelled);
    assert_eq!(
        cancelled.cancellation_reason.as_deref(),
        Some("The donor withdrew the funding")
    );
    assert!(actions_on(&app, "call", &to_cancel.to_string())
        .await
        .contains(&"call.cancelled".to_string()));
    browser.follow("All calls").await;
    assert!(text(&browser).await.contains("Cancelled"));

    // ----- The Board -----
    browser.follow("Board").await;
    assert_eq!(browser.path().await, "/secretariat/board");
    shows(
        &text(&browser).await,
        &[
            "Trustee from GH",
            "Ghana",
            "African States",
            "Western European and other States",
        ],
        "the Board",
    );
    browser.check_page("secretariat-board").await;

    // The French trustee resigns: from `day`, the western group has no seat.
    let day = days_from_today(10);
    browser
        .select("Trustee whose term ends", "Trustee from FR (France)")
        .await;
    browser.select("Why the term ends", "Resignation").await;
    browser
        .fill("First day no longer on the Board", &day.to_string())
        .await;
    browser.press("End the term").await;
    let page = text(&browser).await;
    shows(
        &page,
        &["The term's end is recorded.", "4 of the 5 seats filled"],
        "the Board after the resignation",
    );
    assert!(!page.contains("Trustee from FR"), "{page}");
    let then = api.board().on(day).await.ok();
    assert_eq!(
        then.groups_missing,
        vec![RegionalGroup::WesternEuropeanOther]
    );

    // A Senegalese trustee would give the African States a second seat: refused, with
    // the rule and who holds the seat.
    browser.fill("Full name", "Amina Diallo").await;
    browser.select("Nationality", "Senegal").await;
    browser
        .fill("Relevant experience", "Fifteen years of shelter work")
        .await;
    browser
        .fill("Appointed on", &days_from_today(0).to_string())
        .await;
    browser.fill("Term starts on", &day.to_string()).await;
    browser.select("Member States consulted", "Senegal").await;
    browser
        .fill(
            "Executive Director of UNODC consulted on",
            &days_from_today(0).to_string(),
        )
        .await;
    browser.press("Record the appointment").await;
    refused(
        &browser,
        "Refused: the Board has one member from each regional group, and Trustee from GH already holds the seat of the African States",
    )
    .await;
    assert_eq!(field_value(&browser, "field-name").await, "Amina Diallo");
    browser
        .check_page("secretariat-board-appoint-refused")
        .await;
    assert_eq!(api.board().on(day).await.ok().members.len(), 4);

    // A German trustee from `day`: the balance is whole again on that day.
    browser.fill("Full name", "Anna Schmidt").await;
    browser.select("Nationality", "Germany").await;
    browser.select("Member States consulted", "Germany").await;
    browser.press("Record the appointment").await;
    let page = text(&browser).await;
    shows(
        &page,
        &[
            "The appointment is recorded.",
            "Anna Schmidt",
            "Germany",
            "5 of the 5 seats filled",
        ],
        "the Board after the appointment",
    );
    let then = api.board().on(day).await.ok();
    assert!(then.groups_missing.is_empty());
    assert!(then.members.iter().any(|m| m.name == "Anna Schmidt"));

    // Today, the French trustee still sits and the new one does not yet.
    browser
        .fill("Show the Board on", &days_from_today(0).to_string())
        .await;
    browser.press("Show").await;
    let page = text(&browser).await;
    assert!(page.contains("Trustee from FR"), "{page}");
    assert!(!page.contains("Anna Schmidt"), "{page}");

    // The Board's chair.
    browser
        .select("Trustee chosen as chair", "Trustee from JP (Japan)")
        .await;
    browser
        .fill("Chair from", &days_from_today(0).to_string())
        .await;
    browser
        .fill("Chair until", &days_from_today(300).to_string())
        .await;
    browser
        .fill(
            "Day of the Board's meeting that chose the chair",
            &days_from_today(0).to_string(),
        )
        .await;
    browser
        .fill("Reference of the meeting's record", "TF/2026/1, para. 4")
        .await;
    browser.press("Record the chair").await;
    shows(
        &text(&browser).await,
        &[
            "The chair is recorded.",
            "Trustee from JP chairs the Board until",
        ],
        "the Board with its chair",
    );
    browser.check_page("secretariat-board-chair").await;
    let today = api.board().today().await.ok();
    assert_eq!(
        today.chair.map(|c| c.name).as_deref(),
        Some("Trustee from JP")
    );

    // ----- The Fund's settings -----
    browser.follow("Settings").await;
    assert_eq!(browser.path().await, "/secretariat/settings");
    browser.check_page("secretariat-settings").await;
    let rate = |fund: &serde_json::Value| {
        fund["settings"]["psc_rate"]
            .as_str()
            .and_then(|r| r.parse::<Decimal>().ok())
            .expect("a rate")
    };
    let before = rate(&api.fund().get().await.ok());
    browser
        .fill("Programme support cost rate, in %", "20")
        .await;
    browser.press("Save the settings").await;
    refused(
        &browser,
        "Enter a percentage from 0 to 13, with no more than 4 decimals",
    )
    .await;
    assert_eq!(field_value(&browser, "field-psc_rate").await, "20");
    browser.check_page("secretariat-settings-refused").await;
    assert_eq!(rate(&api.fund().get().await.ok()), before);

    browser
        .fill("Programme support cost rate, in %", "12")
        .await;
    browser.press("Save the settings").await;
    assert!(text(&browser).await.contains("The settings are saved."));
    assert_eq!(rate(&api.fund().get().await.ok()), Decimal::new(12, 2));
    let admin = app.user(Role::Admin).await;
    let trail = app
        .as_(&admin)
        .audit()
        .list(&[("entity_type", "fund")])
        .await
        .ok()
        .items;
    assert_eq!(trail[0].action, "fund.updated");

    // In French: the settings with a decimal comma, refused beyond the bound, then the
    // Board.
    browser.follow("Français").await;
    shows(
        &text(&browser).await,
        &[
            "Les paramètres du Fonds",
            "Taux des frais d’appui aux programmes",
            "12 %",
        ],
        "the settings in French",
    );
    browser.check_page("secretariat-settings-fr").await;
    browser
        .fill("Taux des frais d’appui aux programmes, en %", "13,5")
        .await;
    browser.press("Enregistrer les paramètres").await;
    refused(
        &browser,
        "Saisissez un pourcentage de 0 à 13, avec au plus 4 décimales",
    )
    .await;
    browser
        .fill("Taux des frais d’appui aux programmes, en %", "12,5")
        .await;
    browser.press("Enregistrer les paramètres").await;
    assert!(text(&browser)
        .await
        .contains("Les paramètres sont enregistrés."));
    assert_eq!(rate(&api.fund().get().await.ok()), Decimal::new(125, 3));
    browser.follow("Conseil").await;
    shows(
        &text(&browser).await,
        &["Groupes régionaux le", "États d’Afrique", "Trustee from JP"],
        "the Board in French",
    );
    browser.check_page("secretariat-board-fr").await;
}
