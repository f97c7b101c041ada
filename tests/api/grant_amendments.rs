//! Amendments: a no-cost extension, a budget revision and award changes, each a numbered
//! version with its reason, what it changed, its audit event and a mail to the grantee;
//! the money of an award change in the ledger, reconciled; refusals by rule; and
//! amendments racing over two instances numbered without gaps.

use chrono::Months;
use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::signed_grant;
use crate::support::grants::{
    awarded_grant, check_ok, close, days, payment, report_accepted, schedule, usd_json as usd,
};
use crate::support::scenarios::{balances, fund};

on_both_backends!(
    an_extension_and_a_budget_revision_are_numbered_versions,
    a_budget_revision_keeps_the_lines_spent_on,
    an_award_decrease_releases_commitment_and_its_support_cost,
    an_award_increase_rests_on_a_board_decision_and_the_money,
    only_an_open_grant_is_amended,
    amendments_racing_over_two_instances_number_versions_without_gaps,
    the_demo_has_an_amended_grant,
);

async fn amend(app: &TestApp, who: &TestUser, grant: &str, body: Value) -> Answer {
    app.post(who, &format!("/api/v1/grants/{grant}/amendments"), body)
        .await
}

async fn grant(app: &TestApp, who: &TestUser, id: &str) -> Value {
    app.get(who, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body
}

fn cents(money: &Value) -> i64 {
    let text = money["amount"].as_str().unwrap();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    let (whole, part) = digits.split_once('.').unwrap();
    sign * (whole.parse::<i64>().unwrap() * 100 + part.parse::<i64>().unwrap())
}

fn months_from_today(n: u32) -> String {
    (chrono::Utc::now().date_naive() + Months::new(n)).to_string()
}

async fn an_extension_and_a_budget_revision_are_numbered_versions(app: TestApp) {
    let g = signed_grant(&app, "200000.00").await;
    let grant_id = g.grant.to_string();
    let id = grant_id.as_str();
    // The call allows 24 months, an extension 12 more: 36 from the period's start (today).
    let refused = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "extension", "reason": "elections delayed the work",
               "period_end": (chrono::Utc::now().date_naive() + Months::new(36)
                   + chrono::Days::new(1)).to_string()}),
    )
    .await
    .expect_problem(422, "duration-too-long");
    assert_eq!(refused.bad_fields(), vec!["period_end".to_string()]);
    amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "extension", "reason": "r", "period_end": days(300)}),
    )
    .await
    .expect_problem(400, "validation");
    app.post(
        &g.finance,
        &format!("/api/v1/grants/{id}/amendments"),
        json!({"kind": "extension", "reason": "r", "period_end": days(500)}),
    )
    .await
    .expect(403);

    let extended = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "extension", "reason": "elections delayed the work",
               "board_decision": "BOARD-2027-04",
               "period_end": months_from_today(36),
               "tranches": [{"amount": usd("15000.00"), "due_on": days(0)},
                            {"amount": usd("10000.00"), "due_on": days(200)},
                            {"amount": usd("5000.00"), "due_on": days(400)}]}),
    )
    .await
    .expect(201);
    let v1 = &extended.body;
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["kind"], "extension");
    assert_eq!(v1["reason"], "elections delayed the work");
    assert_eq!(v1["board_decision"], "BOARD-2027-04");
    assert_eq!(v1["changes"]["before"]["period_end"], days(365));
    assert_eq!(v1["changes"]["after"]["period_end"], months_from_today(36));
    assert_eq!(v1["changes"]["after"]["tranches"][2]["due_on"], days(400));
    assert_eq!(v1["created_by"], g.secretariat.id.to_string());
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(view["agreement"]["period_end"], months_from_today(36));
    assert_eq!(view["amendment_version"], 1);
    // Nothing paid yet: every tranche is revised; the award and its PSC stay.
    assert_eq!(view["tranches"][0]["amount"], usd("15000.00"));
    assert_eq!(view["tranches"][1]["due_on"], days(200));
    assert_eq!(view["programme_support_cost"], usd("3900.00"));

    let refused = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "budget_revision", "reason": "rent went up",
               "budget_lines": [{"label": "Shelter rent", "amount": usd("22000.00")},
                                {"label": "Lawyers", "amount": usd("7000.00")}]}),
    )
    .await
    .expect_problem(422, "budget-mismatch");
    assert!(refused.text.contains("29000.00 USD"), "{}", refused.text);
    let revised = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "budget_revision", "reason": "rent went up",
               "budget_lines": [{"label": "Shelter rent", "amount": usd("22000.00")},
                                {"label": "Lawyers", "amount": usd("6000.00")},
                                {"label": "Interpreters", "amount": usd("2000.00")}]}),
    )
    .await
    .expect(201);
    assert_eq!(revised.body["version"], 2);
    assert_eq!(
        revised.body["changes"]["before"]["budget_lines"][1],
        json!({"label": "Lawyers", "amount": usd("10000.00")})
    );
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(view["budget"][2]["label"], "Interpreters");
    assert_eq!(view["budget"][2]["balance"], usd("2000.00"));

    let listed = app
        .get(&g.applicant, &format!("/api/v1/grants/{id}/amendments"))
        .await
        .expect(200)
        .body;
    let versions: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, vec![1, 2]);
    // Another organisation's applicant sees nothing of it.
    let (stranger, _) = app.verified_applicant_in("UG").await;
    app.get(&stranger, &format!("/api/v1/grants/{id}/amendments"))
        .await
        .expect(404);

    // An audit event each, and a mail to the grantee each.
    let mails: Vec<(String, String)> = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::notifications::dsl::*;
            notifications
                .filter(event.eq("grant.amended"))
                .select((recipient, subject))
                .load(c)
                .unwrap()
        })
        .await;
    let to_grantee: Vec<_> = mails
        .iter()
        .filter(|(to, _)| *to == g.applicant.email)
        .collect();
    assert_eq!(to_grantee.len(), 2, "{mails:?}");
    assert!(to_grantee[0].1.contains("version"), "{mails:?}");
    let events: i64 = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::audit_events::dsl::*;
            audit_events
                .filter(action.eq("grant.amended"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(events, 2);
    check_ok(&app, &g.finance).await;
}

/// Spending to date stays on the budget: a revision may change a spent line's amount,
/// never drop it; a line nothing was spent on may go.
async fn a_budget_revision_keeps_the_lines_spent_on(app: TestApp) {
    let g = signed_grant(&app, "100000.00").await;
    let grant_id = g.grant.to_string();
    let id = grant_id.as_str();
    app.post(
        &g.finance,
        &format!("/api/v1/grants/{id}/disbursements"),
        payment(1, "15000.00"),
    )
    .await
    .expect(201);
    // The accepted report spends the 15,000 received on "Shelter rent".
    report_accepted(&app, &g.applicant, &g.secretariat, g.grant, 1).await;
    let dropped = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "budget_revision", "reason": "no more rent",
               "budget_lines": [{"label": "Lawyers", "amount": usd("30000.00")}]}),
    )
    .await
    .expect_problem(422, "budget-line-spent");
    assert_eq!(dropped.body["errors"][0]["field"], "budget_lines");
    assert!(dropped.text.contains("Shelter rent"), "{}", dropped.text);
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(
        view["amendment_version"], 0,
        "a refused amendment takes no version"
    );

    amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "budget_revision", "reason": "no lawyers needed",
               "budget_lines": [{"label": "Shelter rent", "amount": usd("30000.00")}]}),
    )
    .await
    .expect(201);
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(view["budget"][0]["spent"], usd("15000.00"));
    assert_eq!(view["budget"][0]["balance"], usd("15000.00"));
    check_ok(&app, &g.finance).await;
}

async fn an_award_decrease_releases_commitment_and_its_support_cost(app: TestApp) {
    let g = signed_grant(&app, "200000.00").await;
    let grant_id = g.grant.to_string();
    let (id, finance) = (grant_id.as_str(), &g.finance);
    app.post(
        finance,
        &format!("/api/v1/grants/{id}/disbursements"),
        payment(1, "15000.00"),
    )
    .await
    .expect(201);
    let before = balances(&app, finance).await;
    // 15,000 stands paid on tranche 1: the award cannot go below it.
    amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "scope reduced",
               "award": usd("14999.99")}),
    )
    .await
    .expect_problem(422, "award-below-paid");
    // Tranches 2 and 3 are revised to add up to 25,000 less 15,000.
    amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "scope reduced", "award": usd("25000.00"),
               "tranches": [{"amount": usd("6000.00"), "due_on": days(90)}]}),
    )
    .await
    .expect_problem(422, "schedule-mismatch");
    let decreased = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "scope reduced", "award": usd("25000.00"),
               "tranches": [{"amount": usd("6000.00"), "due_on": days(90)},
                            {"amount": usd("4000.00"), "due_on": days(180)}]}),
    )
    .await
    .expect(201);
    let a = &decreased.body;
    assert_eq!(a["version"], 1);
    assert_eq!(a["changes"]["before"]["award"], usd("30000.00"));
    assert_eq!(a["changes"]["after"]["award"], usd("25000.00"));
    assert_eq!(
        a["changes"]["after"]["programme_support_cost"],
        usd("3250.00")
    );
    assert!(a["ledger_transaction_id"].is_string());

    let view = grant(&app, &g.secretariat, id).await;
    assert_eq!(view["award"], usd("25000.00"));
    assert_eq!(view["programme_support_cost"], usd("3250.00"));
    // Committed: 25,000 + 3,250 less 15,000 + 1,950 paid.
    assert_eq!(view["committed"], usd("11300.00"));
    assert_eq!(view["remaining"], usd("10000.00"));
    let parts: Vec<(Value, Value)> = view["tranches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["amount"].clone(), t["programme_support_cost"].clone()))
        .collect();
    assert_eq!(
        parts,
        vec![
            (usd("15000.00"), usd("1950.00")),
            (usd("6000.00"), usd("780.00")),
            (usd("4000.00"), usd("520.00")),
        ]
    );
    // The last budget line took the change.
    assert_eq!(view["budget"][1]["budget"], usd("5000.00"));
    // 5,000 and its 650 support cost are back in the available balance.
    let after = balances(&app, finance).await;
    assert_eq!(
        cents(&after["available"]) - cents(&before["available"]),
        565_000
    );
    let entry = a["ledger_transaction_id"].as_str().unwrap();
    let posted = app
        .get(finance, &format!("/api/v1/ledger/transactions/{entry}"))
        .await
        .expect(200)
        .body;
    assert_eq!(posted["kind"], "award_change", "{posted}");
    check_ok(&app, finance).await;
    // The IATI file commits the award the Board decided, then the change on its own.
    let iati = app
        .get(
            finance,
            &format!(
                "/api/v1/ledger/export?format=iati&kind=all&grant={id}&from={}&to={}",
                days(-1),
                days(1)
            ),
        )
        .await
        .expect(200)
        .text;
    assert!(
        iati.contains("award changed by amendment from 30000.00 USD to 25000.00 USD"),
        "{iati}"
    );
    assert!(
        iati.contains(">30000.00<") || iati.contains(">30000<"),
        "{iati}"
    );
    // The grant's ledger entry is its own: it is not reversed by hand.
    app.post(
        finance,
        &format!("/api/v1/ledger/transactions/{entry}/reversal"),
        json!({"reason": "undo"}),
    )
    .await
    .expect_problem(422, "grant-commitment-not-reversible");
}

async fn an_award_increase_rests_on_a_board_decision_and_the_money(app: TestApp) {
    let g = awarded_grant(&app, "40000.00").await;
    let grant_id = g.grant.to_string();
    let (id, finance) = (grant_id.as_str(), &g.finance);
    let refused = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "more survivors", "award": usd("31000.00")}),
    )
    .await
    .expect_problem(422, "board-decision-required");
    assert_eq!(refused.bad_fields(), vec!["board_decision".to_string()]);
    // 40,000 received, 33,900 committed: 10,000 more with 1,300 PSC does not fit.
    let refused = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "more survivors", "award": usd("40000.00"),
               "board_decision": "BOARD-2027-07"}),
    )
    .await
    .expect_problem(422, "insufficient-funds");
    assert!(refused.text.contains("11300.00 USD"), "{}", refused.text);
    let before = balances(&app, finance).await;
    let increased = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "more survivors", "award": usd("31000.00"),
               "board_decision": "BOARD-2027-07"}),
    )
    .await
    .expect(201);
    assert_eq!(increased.body["board_decision"], "BOARD-2027-07");
    let view = grant(&app, finance, id).await;
    assert_eq!(view["award"], usd("31000.00"));
    assert_eq!(view["programme_support_cost"], usd("4030.00"));
    assert_eq!(view["committed"], usd("35030.00"));
    let after = balances(&app, finance).await;
    assert_eq!(
        cents(&before["available"]) - cents(&after["available"]),
        113_000
    );
    // The call's envelope (1,000,000) holds no award beyond it, whatever the Fund holds.
    fund(&app, "2000000.00").await;
    amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "more", "award": usd("1000000.01"),
               "board_decision": "BOARD-2027-08"}),
    )
    .await
    .expect_problem(422, "envelope-exhausted");
    // Signed afterwards, the agreement holds the amended award.
    let mut body = schedule();
    body["tranches"][2]["amount"] = usd("6000.00");
    body["budget_lines"][1]["amount"] = usd("11000.00");
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        body,
    )
    .await
    .expect(201);
    check_ok(&app, finance).await;
}

async fn only_an_open_grant_is_amended(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let grant_id = g.grant.to_string();
    let id = grant_id.as_str();
    // Awarded, with no agreement: no period or budget to amend yet.
    amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "extension", "reason": "r", "period_end": days(400)}),
    )
    .await
    .expect_problem(422, "no-agreement");
    amend(
        &app,
        &g.secretariat,
        &uuid::Uuid::new_v4().to_string(),
        json!({"kind": "budget_revision", "reason": "r", "budget_lines": []}),
    )
    .await
    .expect(404);
    close(&app, g.grant).await;
    let refused = amend(
        &app,
        &g.secretariat,
        id,
        json!({"kind": "award_change", "reason": "r", "award": usd("20000.00")}),
    )
    .await
    .expect_problem(409, "conflict");
    assert!(refused.text.contains("closed"), "{}", refused.text);
    let auditor = app.user(Role::Auditor).await;
    let listed = app
        .get(&auditor, &format!("/api/v1/grants/{id}/amendments"))
        .await
        .expect(200);
    assert_eq!(listed.body, json!([]));
    check_ok(&app, &g.finance).await;
}

/// Award changes and extensions at once, over two instances: every one that is answered
/// 201 is a version, numbered 1..n without a gap or a repeat; the rest are refused whole
/// (409 when another took the version, 400 when the change is already made); the ledger
/// reconciles.
async fn amendments_racing_over_two_instances_number_versions_without_gaps(app: TestApp) {
    let g = signed_grant(&app, "500000.00").await;
    let id = g.grant.to_string();
    let other = app.another_instance().await;
    let mut racing = Vec::new();
    for i in 0..12u32 {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let body = if i % 3 == 0 {
            json!({"kind": "extension", "reason": format!("delay {i}"),
                   "period_end": days(400 + i64::from(i))})
        } else {
            json!({"kind": "award_change", "reason": format!("change {i}"),
                   "board_decision": "BOARD-RACE",
                   "award": usd(&format!("{}.00", 30000 + 500 * i))})
        };
        let request = app
            .client
            .post(format!("{base}/api/v1/grants/{id}/amendments"))
            .bearer_auth(&g.secretariat.token)
            .json(&body);
        racing.push(async move { crate::helpers::answer(request.send().await.unwrap()).await });
    }
    let answers = futures_util::future::join_all(racing).await;
    let made = answers.iter().filter(|a| a.status == 201).count();
    assert!(made >= 1, "{answers:?}");
    for a in &answers {
        assert!([201, 400, 409].contains(&a.status), "{a:?}");
    }
    let listed = app
        .get(&g.secretariat, &format!("/api/v1/grants/{id}/amendments"))
        .await
        .expect(200)
        .body;
    let versions: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, (1..=made as i64).collect::<Vec<_>>());
    let view = grant(&app, &g.secretariat, &id).await;
    assert_eq!(view["amendment_version"], made as i64);
    assert_eq!(
        cents(&view["committed"]),
        cents(&view["award"]) + cents(&view["programme_support_cost"])
    );
    check_ok(&app, &g.finance).await;
}

/// The demo's legal aid grant in the Philippines: extended, then its budget revised; once
/// each, however many times the demo is loaded.
async fn the_demo_has_an_amended_grant(app: TestApp) {
    let finance = crate::support::scenarios::demo_finance(&app).await;
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || trustfund::demo::load(&db).unwrap())
        .await
        .unwrap();
    let grants = app
        .get(&finance, "/api/v1/grants?limit=100")
        .await
        .expect(200)
        .body;
    let amended: Vec<&Value> = grants["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["amendment_version"] != 0)
        .collect();
    assert_eq!(amended.len(), 1, "{grants}");
    let id = amended[0]["id"].as_str().unwrap();
    let listed = app
        .get(&finance, &format!("/api/v1/grants/{id}/amendments"))
        .await
        .expect(200)
        .body;
    let kinds: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["extension", "budget_revision"]);
    assert_eq!(
        listed[1]["changes"]["after"]["budget_lines"][1]["label"],
        "Legal aid"
    );
    check_ok(&app, &finance).await;
}
