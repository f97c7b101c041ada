//! A grant's end off the happy path: cancelled on a Board decision (everything unpaid
//! released, payments made standing, what was not spent owed back), a final report that
//! shows less spent than received (the grant waits `closing` until the refund comes or is
//! written off), refunds and their reversals moving what is owed, the Fund's total of
//! refunds due, and a cancellation racing payments over two instances.

use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{TestApp, TestUser};
use crate::money_out::first_tranche_paid;
use crate::money_out::{
    awarded_grant, check_ok, ledger_violations, payment, refund_of, schedule, tamper, usd, Awarded,
};
use crate::on_both_backends;
use crate::support::scenarios::balances;

on_both_backends!(
    a_cancelled_grant_releases_what_is_unpaid_and_owes_what_was_not_spent,
    a_refused_organisations_awarded_grant_is_cancelled_whole,
    cancellation_refusals_name_the_field_or_the_state,
    a_final_report_spending_less_than_received_leaves_a_refund_owed,
    a_cancellation_racing_payments_over_two_instances_leaves_the_books_square,
    the_check_holds_a_grant_to_its_refund_due_and_state,
    the_demo_shows_a_cancelled_grant_and_one_owing_a_refund,
);

fn days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn amount(v: &Value) -> rust_decimal::Decimal {
    v["amount"].as_str().unwrap().parse().unwrap()
}

async fn grant(app: &TestApp, user: &TestUser, id: &str) -> Value {
    app.get(user, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body
}

async fn refunds_due(app: &TestApp, user: &TestUser) -> Value {
    app.get(user, "/api/v1/fund").await.expect(200).body["refunds_due"].clone()
}

fn cancellation() -> Value {
    json!({"reason": "The project lost its premises and cannot continue.",
           "board_decision": "Board decision 2026/14"})
}

/// The grantee files a report (`tranche` or, with `None`, the final one) showing `spent`,
/// and the secretariat accepts it.
fn report(tranche: Option<i32>, spent: &str) -> Value {
    let mut body = json!({
        "kind": "progress",
        "period_start": days(0), "period_end": days(0),
        "beneficiaries": [{"sex": "female", "age_group": "adult",
                           "exploitation": "forced_labour", "count": 3}],
        "spent": [{"label": "Shelter rent", "amount": usd(spent)}],
        "narrative": "done"
    });
    match tranche {
        Some(n) => body["tranche"] = json!(n),
        None => body["kind"] = json!("final"),
    }
    body
}

async fn report_spending(app: &TestApp, g: &Awarded, tranche: Option<i32>, spent: &str) {
    let filed = app
        .post(
            &g.applicant,
            &format!("/api/v1/grants/{}/reports", g.grant),
            report(tranche, spent),
        )
        .await
        .expect(201);
    let report = filed.body["id"].as_str().unwrap();
    app.post(
        &g.secretariat,
        &format!("/api/v1/reports/{report}/review"),
        json!({"accepted": true}),
    )
    .await
    .expect(200);
}

async fn audit_actions(app: &TestApp, id: &str) -> Vec<Value> {
    let auditor = app.user(Role::Auditor).await;
    app.get(
        &auditor,
        &format!("/api/v1/audit?entity_type=grant&entity_id={id}&limit=100"),
    )
    .await
    .expect(200)
    .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn reversal_path(entry: &Value) -> String {
    format!(
        "/api/v1/ledger/transactions/{}/reversal",
        entry["ledger_transaction_id"].as_str().unwrap()
    )
}

async fn a_cancelled_grant_releases_what_is_unpaid_and_owes_what_was_not_spent(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance, secretariat) = (g.grant.as_str(), &g.finance, &g.secretariat);
    // The report on tranche 1 accounts for 9,000.00 of the 15,000.00 received.
    report_spending(&app, &g, Some(1), "9000.00").await;
    let before = balances(&app, finance).await;

    let cancelled = app
        .post(
            secretariat,
            &format!("/api/v1/grants/{id}/cancellation"),
            cancellation(),
        )
        .await
        .expect(201)
        .body;
    // Unpaid: 15,000 of award and 1,950 of PSC (tranches 2 and 3).
    assert_eq!(cancelled["state"], "closing", "{cancelled}");
    assert_eq!(cancelled["released"], usd("16950.00"));
    assert_eq!(cancelled["committed"], usd("0.00"));
    assert_eq!(cancelled["remaining"], usd("0.00"));
    assert_eq!(cancelled["disbursed"], usd("15000.00"));
    assert_eq!(cancelled["refund_due"], usd("6000.00"));
    assert_eq!(cancelled["written_off"], usd("0.00"));
    assert_eq!(cancelled["tranches"][0]["state"], "paid");
    assert_eq!(cancelled["tranches"][1]["state"], "released");
    assert_eq!(cancelled["tranches"][2]["state"], "released");
    assert_eq!(
        cancelled["cancellation"]["board_decision"],
        "Board decision 2026/14"
    );
    assert_eq!(cancelled["cancellation"]["released"], usd("16950.00"));
    assert!(cancelled["release_transaction_id"].is_string());
    let after = balances(&app, finance).await;
    assert_eq!(
        amount(&after["available"]) - amount(&before["available"]),
        "16950.00".parse().unwrap()
    );
    assert_eq!(after["cash"], before["cash"], "payments made stand");
    let releases = app
        .get(finance, "/api/v1/ledger?kind=release")
        .await
        .expect(200);
    assert_eq!(releases.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(refunds_due(&app, finance).await, usd("6000.00"));
    check_ok(&app, finance).await;

    // Nothing more is paid, signed or undone on it.
    let path = format!("/api/v1/grants/{id}/disbursements");
    app.post(finance, &path, payment(2, "100.00"))
        .await
        .expect_problem(422, "grant-closed");
    app.post(
        secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        schedule(),
    )
    .await
    .expect_problem(409, "conflict");
    let paid = app.get(finance, &path).await.expect(200).body["items"][0].clone();
    app.post(
        finance,
        &reversal_path(&paid),
        json!({"reason": "wrong account"}),
    )
    .await
    .expect_problem(422, "grant-closed");
    app.post(
        secretariat,
        &format!("/api/v1/grants/{id}/cancellation"),
        cancellation(),
    )
    .await
    .expect_problem(409, "conflict");
    app.post(
        &g.applicant,
        &format!("/api/v1/grants/{id}/reports"),
        report(None, "1.00"),
    )
    .await
    .expect_problem(422, "grant-closed");

    // Refunds reduce what is owed; the one that settles it ends the grant `cancelled`.
    let refunds = format!("/api/v1/grants/{id}/refunds");
    app.post(finance, &refunds, refund_of("2000.00"))
        .await
        .expect(201);
    let view = grant(&app, finance, id).await;
    assert_eq!(view["state"], "closing");
    assert_eq!(view["refund_due"], usd("4000.00"));
    assert_eq!(refunds_due(&app, finance).await, usd("4000.00"));
    let last = app
        .post(finance, &refunds, refund_of("4000.00"))
        .await
        .expect(201)
        .body;
    let view = grant(&app, finance, id).await;
    assert_eq!(view["state"], "cancelled");
    assert_eq!(view["refund_due"], usd("0.00"));
    assert_eq!(refunds_due(&app, finance).await, usd("0.00"));
    check_ok(&app, finance).await;

    // The last refund bounced: reversed, its money is owed again.
    app.post(
        finance,
        &reversal_path(&last),
        json!({"reason": "the transfer was returned by the bank"}),
    )
    .await
    .expect(201);
    let view = grant(&app, finance, id).await;
    assert_eq!(view["state"], "closing");
    assert_eq!(view["refund_due"], usd("4000.00"));
    check_ok(&app, finance).await;

    // It will not come: written off, the grant ends cancelled with the amount recorded.
    let write_off = format!("/api/v1/grants/{id}/write-off");
    app.post(finance, &write_off, json!({"reason": "insolvent"}))
        .await
        .expect_problem(403, "forbidden");
    app.post(secretariat, &write_off, json!({"reason": "  "}))
        .await
        .expect_problem(400, "validation");
    let ended = app
        .post(
            secretariat,
            &write_off,
            json!({"reason": "The grantee was dissolved; nothing can be recovered."}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(ended["state"], "cancelled");
    assert_eq!(ended["refund_due"], usd("0.00"));
    assert_eq!(ended["written_off"], usd("4000.00"));
    app.post(secretariat, &write_off, json!({"reason": "again"}))
        .await
        .expect_problem(409, "conflict");
    assert_eq!(refunds_due(&app, finance).await, usd("0.00"));
    check_ok(&app, finance).await;

    let events = audit_actions(&app, id).await;
    let cancelled_event = events
        .iter()
        .find(|e| e["action"] == "grant.cancelled")
        .expect("grant.cancelled");
    let details = cancelled_event.to_string();
    assert!(details.contains("Board decision 2026/14"), "{details}");
    assert!(details.contains("lost its premises"), "{details}");
    assert!(details.contains("16950.00"), "{details}");
    for action in [
        "grant.refund_settled",
        "grant.refund_reopened",
        "grant.refund_written_off",
    ] {
        assert!(
            events.iter().any(|e| e["action"] == action),
            "{action}: {events:?}"
        );
    }

    // The grantee is told, with what it owes.
    let mails: Vec<(String, String)> = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::notifications::dsl::*;
            notifications
                .filter(event.eq("grant.cancelled"))
                .select((recipient, text_body))
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].1.contains("Board decision 2026/14"), "{mails:?}");
    assert!(mails[0].1.contains("6000.00 USD"), "{mails:?}");
}

async fn a_refused_organisations_awarded_grant_is_cancelled_whole(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance, secretariat) = (g.grant.as_str(), &g.finance, &g.secretariat);
    app.post(
        secretariat,
        &format!("/api/v1/organizations/{}/verification", g.organization),
        json!({"verified": false, "reason": "sanctions listing"}),
    )
    .await
    .expect(200);
    // Nothing moves toward it any more, but the money can come back to the Fund.
    app.post(
        secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        schedule(),
    )
    .await
    .expect_problem(422, "organization-refused");
    let before = balances(&app, finance).await;
    let cancelled = app
        .post(
            secretariat,
            &format!("/api/v1/grants/{id}/cancellation"),
            cancellation(),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(cancelled["state"], "cancelled", "{cancelled}");
    assert_eq!(cancelled["released"], usd("33900.00"));
    assert_eq!(cancelled["refund_due"], usd("0.00"));
    assert!(cancelled["tranches"].as_array().unwrap().is_empty());
    let after = balances(&app, finance).await;
    assert_eq!(
        amount(&after["available"]) - amount(&before["available"]),
        "33900.00".parse().unwrap()
    );
    assert_eq!(
        amount(&before["commitments_outstanding"]) - amount(&after["commitments_outstanding"]),
        "33900.00".parse().unwrap()
    );
    // Nothing was paid, so nothing can be refunded or written off.
    app.post(
        secretariat,
        &format!("/api/v1/grants/{id}/write-off"),
        json!({"reason": "none"}),
    )
    .await
    .expect_problem(409, "conflict");
    check_ok(&app, finance).await;
}

async fn cancellation_refusals_name_the_field_or_the_state(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance, secretariat) = (g.grant.as_str(), &g.finance, &g.secretariat);
    let path = format!("/api/v1/grants/{id}/cancellation");
    for (body, field) in [
        (json!({"board_decision": "BD-1"}), "reason"),
        (json!({"reason": "gone"}), "board_decision"),
        (
            json!({"reason": " \n ", "board_decision": "BD-1"}),
            "reason",
        ),
        (
            json!({"reason": "gone", "board_decision": ""}),
            "board_decision",
        ),
        (
            json!({"reason": "gone", "board_decision": "x".repeat(201)}),
            "board_decision",
        ),
    ] {
        let refused = app
            .post(secretariat, &path, body.clone())
            .await
            .expect_problem(400, "validation");
        assert_eq!(refused.bad_fields(), [field], "{body}");
    }
    for who in [finance, &g.applicant] {
        app.post(who, &path, cancellation())
            .await
            .expect_problem(403, "forbidden");
    }
    app.post(
        secretariat,
        &format!("/api/v1/grants/{}/cancellation", uuid::Uuid::new_v4()),
        cancellation(),
    )
    .await
    .expect(404);
    let still = grant(&app, finance, id).await;
    assert_eq!(still["state"], "awarded");
    assert!(still["cancellation"].is_null());
    check_ok(&app, finance).await;
}

async fn a_final_report_spending_less_than_received_leaves_a_refund_owed(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance, secretariat) = (g.grant.as_str(), &g.finance, &g.secretariat);
    let refunds = format!("/api/v1/grants/{id}/refunds");
    // 1,000.00 already came back: 14,000.00 received, of which 12,500.00 spent.
    app.post(finance, &refunds, refund_of("1000.00"))
        .await
        .expect(201);
    report_spending(&app, &g, None, "12500.00").await;
    let closing = grant(&app, finance, id).await;
    assert_eq!(closing["state"], "closing", "{closing}");
    assert_eq!(closing["refund_due"], usd("1500.00"));
    assert_eq!(closing["committed"], usd("0.00"));
    assert_eq!(closing["released"], usd("16950.00"));
    assert!(closing["cancellation"].is_null());
    assert_eq!(refunds_due(&app, finance).await, usd("1500.00"));
    app.post(
        finance,
        &format!("/api/v1/grants/{id}/disbursements"),
        payment(2, "100.00"),
    )
    .await
    .expect_problem(422, "grant-closed");
    check_ok(&app, finance).await;

    // Part of it comes back; the rest is written off, and the grant closes.
    app.post(finance, &refunds, refund_of("500.00"))
        .await
        .expect(201);
    let view = grant(&app, finance, id).await;
    assert_eq!(view["state"], "closing");
    assert_eq!(view["refund_due"], usd("1000.00"));
    let closed = app
        .post(
            secretariat,
            &format!("/api/v1/grants/{id}/write-off"),
            json!({"reason": "Spent on eligible costs the auditors accepted late."}),
        )
        .await
        .expect(201)
        .body;
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["written_off"], usd("1000.00"));
    assert_eq!(closed["refund_due"], usd("0.00"));
    assert_eq!(refunds_due(&app, finance).await, usd("0.00"));
    // A refund after the write-off is still received, and owes nothing back.
    app.post(finance, &refunds, refund_of("200.00"))
        .await
        .expect(201);
    let view = grant(&app, finance, id).await;
    assert_eq!(view["state"], "closed");
    assert_eq!(view["refund_due"], usd("0.00"));
    check_ok(&app, finance).await;
    let events = audit_actions(&app, id).await;
    let written = events
        .iter()
        .find(|e| e["action"] == "grant.refund_written_off")
        .expect("grant.refund_written_off")
        .to_string();
    assert!(written.contains("1000.00"), "{written}");
}

/// Payments on tranche 1 race the grant's cancellation through two instances: the
/// payments that went through stand, the rest are refused as on a closed grant, and the
/// release plus what was paid make the commitment.
async fn a_cancellation_racing_payments_over_two_instances_leaves_the_books_square(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance, secretariat) = (g.grant.as_str(), &g.finance, &g.secretariat);
    app.post(
        secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    let other = app.another_instance().await;
    let base = |i: usize| {
        if i.is_multiple_of(2) {
            app.address.clone()
        } else {
            other.clone()
        }
    };
    let mut racing = Vec::new();
    for i in 0..12 {
        let (user, path, body) = if i == 5 {
            (
                secretariat,
                format!("/api/v1/grants/{id}/cancellation"),
                cancellation(),
            )
        } else {
            (
                finance,
                format!("/api/v1/grants/{id}/disbursements"),
                payment(1, "1000.00"),
            )
        };
        let request = app
            .client
            .request(Method::POST, format!("{}{path}", base(i)))
            .bearer_auth(&user.token)
            .json(&body);
        racing.push(async move { crate::helpers::answer(request.send().await.unwrap()).await });
    }
    let answers = futures_util::future::join_all(racing).await;
    assert_eq!(answers[5].status, 201, "{}", answers[5].text);
    for (i, a) in answers.iter().enumerate().filter(|(i, _)| *i != 5) {
        assert!(
            a.status == 201 || (a.status == 422 && a.body["rule"] == "grant-closed"),
            "{i}: {}",
            a.text
        );
    }
    let paid = answers
        .iter()
        .enumerate()
        .filter(|(i, a)| *i != 5 && a.status == 201)
        .count();
    let view = grant(&app, finance, id).await;
    let paid_usd: rust_decimal::Decimal = format!("{paid}000.00").parse().unwrap();
    assert_eq!(amount(&view["disbursed"]), paid_usd, "{view}");
    assert!(["closing", "cancelled"].contains(&view["state"].as_str().unwrap()));
    // Released + paid (award and PSC) = committed at award.
    let total = amount(&view["released"])
        + amount(&view["disbursed"])
        + amount(&view["programme_support_cost_disbursed"]);
    assert_eq!(total, "33900.00".parse().unwrap(), "{view}");
    // Nothing spent on record: all that was received is owed back.
    assert_eq!(view["refund_due"], view["disbursed"]);
    check_ok(&app, finance).await;
}

async fn the_check_holds_a_grant_to_its_refund_due_and_state(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance) = (g.grant.as_str(), &g.finance);
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{id}/cancellation"),
        cancellation(),
    )
    .await
    .expect(201);
    check_ok(&app, finance).await;
    // What is owed edited behind the grant's back.
    tamper(
        &app,
        format!("UPDATE grants SET refund_due_minor = 0 WHERE id = '{id}'"),
    )
    .await;
    let rules = ledger_violations(&app, finance).await;
    assert!(
        rules.contains(&"refund-due-mismatch".to_string()),
        "{rules:?}"
    );
    tamper(
        &app,
        format!("UPDATE grants SET refund_due_minor = 1500000 WHERE id = '{id}'"),
    )
    .await;
    check_ok(&app, finance).await;
    // A grant owing money that says it is cancelled.
    tamper(
        &app,
        format!("UPDATE grants SET state = 'cancelled' WHERE id = '{id}'"),
    )
    .await;
    let rules = ledger_violations(&app, finance).await;
    assert!(
        rules.contains(&"grant-state-mismatch".to_string()),
        "{rules:?}"
    );
    tamper(
        &app,
        format!("UPDATE grants SET state = 'closing' WHERE id = '{id}'"),
    )
    .await;
    // A cancellation whose release is not the grant's.
    tamper(
        &app,
        format!("UPDATE grant_cancellations SET released_minor = 1 WHERE grant_id = '{id}'"),
    )
    .await;
    let rules = ledger_violations(&app, finance).await;
    assert!(
        rules.contains(&"cancellation-release-mismatch".to_string()),
        "{rules:?}"
    );
}

async fn the_demo_shows_a_cancelled_grant_and_one_owing_a_refund(app: TestApp) {
    for _ in 0..2 {
        // Loading twice changes nothing.
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || trustfund::demo::load(&db).expect("demo loads"))
            .await
            .unwrap();
    }
    let finance = app.user(Role::Finance).await;
    let grants = app
        .get(&finance, "/api/v1/grants?limit=100")
        .await
        .expect(200)
        .body;
    let items = grants["items"].as_array().unwrap();
    let cancelled: Vec<&Value> = items.iter().filter(|g| g["state"] == "cancelled").collect();
    assert_eq!(cancelled.len(), 1, "{grants}");
    assert_eq!(cancelled[0]["committed"], usd("0.00"));
    assert_eq!(
        amount(&cancelled[0]["released"]),
        amount(&cancelled[0]["award"]) + amount(&cancelled[0]["programme_support_cost"])
    );
    let closing: Vec<&Value> = items.iter().filter(|g| g["state"] == "closing").collect();
    assert_eq!(closing.len(), 1, "{grants}");
    assert!(amount(&closing[0]["refund_due"]) > rust_decimal::Decimal::ZERO);
    assert_eq!(refunds_due(&app, &finance).await, closing[0]["refund_due"]);
    check_ok(&app, &finance).await;
}
