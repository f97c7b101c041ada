//! Money out (issue 11): a grant from its agreement to its closure, with partial
//! payments, a refund and the release of what was not paid; every refusal by its rule;
//! reversals through the grant; idempotent payments; and payments racing over two
//! instances for the last room of a tranche.

use reqwest::Method;
use serde_json::{json, Value};
use trustfund::auth::Role;
use uuid::Uuid;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::scenarios::{balances, decide, fund, seat_board, vote};

on_both_backends!(
    a_grant_runs_from_agreement_to_closure_with_a_refund,
    every_refusal_names_its_rule,
    a_reversed_disbursement_reopens_its_tranche,
    a_retried_payment_is_recorded_once,
    payments_racing_over_two_instances_pay_exactly_what_the_tranche_holds,
);

pub(crate) fn usd(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

pub(crate) fn days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

/// An awarded grant of USD 30,000 (PSC 3,900) to a Kenyan NGO, in a Fund holding
/// `cash`; returns the grant's id and its applicant.
pub(crate) struct Awarded {
    pub grant: String,
    pub applicant: TestUser,
    pub organization: String,
    pub secretariat: TestUser,
    pub finance: TestUser,
}

pub(crate) async fn awarded_grant(app: &TestApp, cash: &str) -> Awarded {
    awarded_grant_of(app, cash, "30000.00").await
}

/// [`awarded_grant`] with the Board's award of `award` (the application asks for 45,000
/// on a budget of "Shelter rent" 30,000 and "Lawyers" 15,000).
pub(crate) async fn awarded_grant_of(app: &TestApp, cash: &str, award: &str) -> Awarded {
    let board = seat_board(app).await;
    fund(app, cash).await;
    let (applicant, application) = app.application_under_review("KE").await;
    for nationality in ["GH", "JP", "PL"] {
        vote(
            app,
            board.trustee(nationality),
            &application,
            "approve",
            Some(award),
        )
        .await
        .expect(200);
    }
    let decision = decide(app, &board, &application).await.expect(201);
    let grant = decision.body["grant_id"].as_str().unwrap().to_string();
    let organization = app
        .get(&applicant, &format!("/api/v1/grants/{grant}"))
        .await
        .expect(200)
        .body["organization_id"]
        .as_str()
        .unwrap()
        .to_string();
    Awarded {
        grant,
        applicant,
        organization,
        secretariat: board.secretariat,
        finance: app.user(Role::Finance).await,
    }
}

/// Three tranches: 15,000 due today, 10,000 in 90 days, 5,000 in 180 days; a budget at
/// the award of 30,000 (the application asked for 45,000): "Shelter rent" 20,000 and
/// "Lawyers" 10,000.
pub(crate) fn schedule() -> Value {
    json!({
        "signed_on": days(0), "period_start": days(0), "period_end": days(365),
        "tranches": [
            {"amount": usd("15000.00"), "due_on": days(0)},
            {"amount": usd("10000.00"), "due_on": days(90)},
            {"amount": usd("5000.00"), "due_on": days(180)},
        ],
        "budget_lines": budget_at_award(),
    })
}

/// The budget lines of [`schedule`].
pub(crate) fn budget_at_award() -> Value {
    json!([
        {"label": "Shelter rent", "amount": usd("20000.00")},
        {"label": "Lawyers", "amount": usd("10000.00")},
    ])
}

/// A grant awarded 30,000 on a Fund holding `cash`, its agreement signed on [`schedule`].
pub(crate) async fn signed_grant(app: &TestApp, cash: &str) -> Awarded {
    let g = awarded_grant(app, cash).await;
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{}/agreement", g.grant),
        schedule(),
    )
    .await
    .expect(201);
    g
}

/// A [`signed_grant`] with `paid` of tranche 1 (15,000) paid.
pub(crate) async fn first_tranche_paid(app: &TestApp, cash: &str, paid: &str) -> Awarded {
    let g = signed_grant(app, cash).await;
    app.post(
        &g.finance,
        &format!("/api/v1/grants/{}/disbursements", g.grant),
        payment(1, paid),
    )
    .await
    .expect(201);
    g
}

pub(crate) fn payment(tranche: i32, amount: &str) -> Value {
    json!({"tranche": tranche, "amount": usd(amount), "value_date": days(0),
           "payment_reference": format!("PAY-{}", Uuid::new_v4().simple())})
}

pub(crate) fn refund_of(amount: &str) -> Value {
    json!({"amount": usd(amount), "received_on": days(0),
           "bank_reference": format!("BANK-{}", Uuid::new_v4().simple()),
           "reason": "unspent at the end of the project"})
}

/// What the grantee received on `grant`: disbursed, net of refunds, as an amount string.
pub(crate) async fn received(app: &TestApp, who: &TestUser, grant: &str) -> String {
    let view = app
        .get(who, &format!("/api/v1/grants/{grant}"))
        .await
        .expect(200)
        .body;
    let cents = |field: &str| {
        let text = view[field]["amount"].as_str().unwrap();
        let (units, fraction) = text.split_once('.').unwrap();
        units.parse::<i64>().unwrap() * 100 + fraction.parse::<i64>().unwrap()
    };
    let left = cents("disbursed") - cents("refunded");
    format!("{}.{:02}", left / 100, left % 100)
}

/// `spent` (an amount string) spread over `grant`'s budget lines in their order, each
/// filled to its budget before the next: a report's `spent` that the budget accepts.
pub(crate) async fn spread_over_budget(
    app: &TestApp,
    who: &TestUser,
    grant: &str,
    spent: &str,
) -> Value {
    let view = app
        .get(who, &format!("/api/v1/grants/{grant}"))
        .await
        .expect(200)
        .body;
    let cents = |text: &str| {
        let (units, fraction) = text.split_once('.').unwrap();
        units.parse::<i64>().unwrap() * 100 + fraction.parse::<i64>().unwrap()
    };
    let mut left = cents(spent);
    let lines = view["budget"].as_array().unwrap();
    let mut spending = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let budget = cents(line["budget"]["amount"].as_str().unwrap());
        let on = if i + 1 == lines.len() {
            left
        } else {
            left.min(budget)
        };
        left -= on;
        spending.push(json!({"label": line["label"],
                             "amount": usd(&format!("{}.{:02}", on / 100, on % 100))}));
    }
    Value::Array(spending)
}

/// The grantee's applicant files a progress report on `tranche` (today, every cent it
/// received spent, so the report opens the next tranche) and the secretariat accepts it,
/// both through the HTTP API, as users do.
pub(crate) async fn report_accepted(
    app: &TestApp,
    applicant: &TestUser,
    secretariat: &TestUser,
    grant: &str,
    tranche: i32,
) {
    let spent = received(app, applicant, grant).await;
    let spent = spread_over_budget(app, applicant, grant, &spent).await;
    let filed = app
        .post(
            applicant,
            &format!("/api/v1/grants/{grant}/reports"),
            json!({
                "kind": "progress", "tranche": tranche,
                "period_start": days(0), "period_end": days(0),
                "beneficiaries": [{"sex": "female", "age_group": "adult",
                                   "exploitation": "forced_labour", "count": 1}],
                "spent": spent,
                "narrative": "done"
            }),
        )
        .await
        .expect(201);
    let report = filed.body["id"].as_str().unwrap();
    let reviewed = app
        .post(
            secretariat,
            &format!("/api/v1/reports/{report}/review"),
            json!({"accepted": true}),
        )
        .await
        .expect(200);
    assert_eq!(reviewed.body["state"], "accepted", "{}", reviewed.text);
}

/// Closes the grant as the reports feature does when a final report is accepted that
/// accounts for everything the grantee received (nothing owed back).
pub(crate) async fn close(app: &TestApp, grant: &str) -> Value {
    let id: Uuid = grant.parse().unwrap();
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = db.get().unwrap();
        trustfund::db::write_blocking(&mut conn, trustfund::db::Actor::system("test"), |tx| {
            let today = tx.now().date();
            let shown = trustfund::grants::find(tx.conn(), id.into(), today)?
                .ok_or(trustfund::error::AppError::NotFound)?;
            let received = shown.disbursed.checked_sub(shown.refunded).unwrap();
            trustfund::grants::close(tx, id.into(), received)
        })
        .map(|g| serde_json::to_value(g).unwrap())
    })
    .await
    .unwrap()
    .unwrap()
}

pub(crate) async fn check_ok(app: &TestApp, finance: &TestUser) {
    let report = app
        .get(finance, "/api/v1/ledger/check")
        .await
        .expect(200)
        .body;
    assert_eq!(report["ok"], true, "{report}");
}

/// The rules `ledger check` finds broken (none: `ok` is true).
pub(crate) async fn ledger_violations(app: &TestApp, finance: &TestUser) -> Vec<String> {
    let report = app
        .get(finance, "/api/v1/ledger/check")
        .await
        .expect(200)
        .body;
    let rules: Vec<String> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(report["ok"], rules.is_empty(), "{report}");
    rules
}

/// Runs `statement` on the app's database behind the service's back, as someone who
/// can write the database could: what `ledger check` must then catch.
pub(crate) async fn tamper(app: &TestApp, statement: String) {
    use diesel::RunQueryDsl;
    app.with_db(move |conn| {
        diesel::sql_query(statement).execute(conn).unwrap();
    })
    .await;
}

async fn grant(app: &TestApp, user: &TestUser, id: &str) -> Value {
    app.get(user, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body
}

async fn a_grant_runs_from_agreement_to_closure_with_a_refund(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant.as_str(), &g.finance);
    let signed = app
        .post(
            &g.secretariat,
            &format!("/api/v1/grants/{id}/agreement"),
            schedule(),
        )
        .await
        .expect(201);
    assert_eq!(signed.body["state"], "agreement_signed");
    let tranches = signed.body["tranches"].as_array().unwrap();
    // PSC parts: 13% of each tranche's share, rounded down; the last takes the rest.
    let parts: Vec<&str> = tranches
        .iter()
        .map(|t| t["programme_support_cost"]["amount"].as_str().unwrap())
        .collect();
    assert_eq!(parts, ["1950.00", "1300.00", "650.00"]);
    assert_eq!(tranches[0]["state"], "due");
    assert_eq!(tranches[1]["state"], "scheduled");
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        schedule(),
    )
    .await
    .expect_problem(409, "conflict");

    // Tranche 1 in two parts.
    let path = format!("/api/v1/grants/{id}/disbursements");
    let first = app
        .post(finance, &path, payment(1, "10000.00"))
        .await
        .expect(201);
    assert_eq!(first.body["amount"], usd("10000.00"));
    assert_eq!(first.body["programme_support_cost"], usd("1300.00"));
    assert_eq!(first.body["state"], "recorded");
    let location = first.header("location").unwrap();
    assert_eq!(
        location,
        format!("{path}/{}", first.body["id"].as_str().unwrap())
    );
    assert!(
        first.body.get("tranches").is_none(),
        "the disbursement, not the grant"
    );
    let fetched = app.get(&g.applicant, &location).await.expect(200);
    assert_eq!(fetched.body, first.body);
    let second = app
        .post(finance, &path, payment(1, "5000.00"))
        .await
        .expect(201);
    assert_eq!(second.body["programme_support_cost"], usd("650.00"));

    // Tranche 2 waits for the report on tranche 1.
    app.post(finance, &path, payment(2, "10000.00"))
        .await
        .expect_problem(422, "report-pending");
    report_accepted(&app, &g.applicant, &g.secretariat, id, 1).await;
    app.post(finance, &path, payment(2, "10000.00"))
        .await
        .expect(201);

    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(view["disbursed"], usd("25000.00"));
    assert_eq!(view["programme_support_cost_disbursed"], usd("3250.00"));
    assert_eq!(view["committed"], usd("5650.00"));
    assert_eq!(view["remaining"], usd("5000.00"));
    assert_eq!(view["tranches"][0]["state"], "paid");
    assert_eq!(view["tranches"][1]["state"], "paid");
    assert_eq!(view["tranches"][2]["state"], "scheduled");
    let figures = balances(&app, finance).await;
    assert_eq!(figures["cash"], usd("171750.00"));
    assert_eq!(figures["commitments_outstanding"], usd("5650.00"));
    assert_eq!(figures["disbursed_to_date"], usd("25000.00"));
    assert_eq!(figures["programme_support_costs_to_date"], usd("3250.00"));
    let listed = app.get(&g.applicant, &path).await.expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 3);
    check_ok(&app, finance).await;

    // A refund: back into cash with its PSC share (13% of 2,000 at the grant's ratio).
    let refund = app
        .post(
            finance,
            &format!("/api/v1/grants/{id}/refunds"),
            refund_of("2000.00"),
        )
        .await
        .expect(201);
    assert_eq!(refund.body["programme_support_cost"], usd("260.00"));
    let figures = balances(&app, finance).await;
    assert_eq!(figures["cash"], usd("174010.00"));
    assert_eq!(figures["refunds_to_date"], usd("2000.00"));
    assert_eq!(figures["available"], usd("168360.00"));

    // The report on tranche 2 accepted: tranche 3 could be paid, until the closure.
    report_accepted(&app, &g.applicant, &g.secretariat, id, 2).await;

    // Closure releases what was not paid: tranche 3 and its PSC.
    let closed = close(&app, id).await;
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["released"], usd("5650.00"));
    assert_eq!(closed["committed"], usd("0.00"));
    assert_eq!(closed["remaining"], usd("0.00"));
    assert_eq!(closed["refunded"], usd("2000.00"));
    assert_eq!(closed["tranches"][2]["state"], "released");
    assert!(closed["release_transaction_id"].is_string());
    let figures = balances(&app, finance).await;
    assert_eq!(figures["commitments_outstanding"], usd("0.00"));
    assert_eq!(figures["available"], figures["cash"]);
    app.post(finance, &path, payment(3, "5000.00"))
        .await
        .expect_problem(422, "grant-closed");
    // Unspent money still comes back after closure.
    app.post(
        finance,
        &format!("/api/v1/grants/{id}/refunds"),
        refund_of("1000.00"),
    )
    .await
    .expect(201);
    let releases = app
        .get(finance, "/api/v1/ledger?kind=release")
        .await
        .expect(200);
    assert_eq!(releases.body["items"].as_array().unwrap().len(), 1);
    check_ok(&app, finance).await;
}

async fn every_refusal_names_its_rule(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant.as_str(), &g.finance);
    let path = format!("/api/v1/grants/{id}/disbursements");
    let agreement = format!("/api/v1/grants/{id}/agreement");
    app.post(finance, &path, payment(1, "100.00"))
        .await
        .expect_problem(422, "no-agreement");
    let mut short = schedule();
    short["tranches"][2]["amount"] = usd("4999.99");
    let refused = app
        .post(&g.secretariat, &agreement, short)
        .await
        .expect_problem(422, "schedule-mismatch");
    assert_eq!(refused.bad_fields(), ["tranches"]);
    let mut disordered = schedule();
    disordered["tranches"][1]["due_on"] = json!(days(200));
    app.post(&g.secretariat, &agreement, disordered)
        .await
        .expect_problem(422, "schedule-dates");
    let mut euros = schedule();
    euros["tranches"][0]["amount"] = json!({"amount": "15000.00", "currency": "EUR"});
    app.post(&g.secretariat, &agreement, euros)
        .await
        .expect_problem(422, "currency-mismatch");
    app.post(finance, &agreement, schedule())
        .await
        .expect_problem(403, "forbidden");
    app.post(&g.secretariat, &agreement, schedule())
        .await
        .expect(201);

    app.post(&g.secretariat, &path, payment(1, "100.00"))
        .await
        .expect_problem(403, "forbidden");
    app.post(finance, &path, payment(4, "100.00"))
        .await
        .expect_problem(400, "validation");
    app.post(finance, &path, payment(1, "15000.01"))
        .await
        .expect_problem(422, "tranche-exceeded");
    // Tranche 2 waits for tranche 1 to be paid (then for its report: `report-pending`).
    app.post(finance, &path, payment(2, "1.00"))
        .await
        .expect_problem(422, "previous-tranche-unpaid");
    app.post(
        finance,
        &format!("/api/v1/grants/{id}/refunds"),
        refund_of("0.01"),
    )
    .await
    .expect_problem(422, "refund-exceeds-paid");
    let a = app
        .post(finance, &path, payment(1, "6000.00"))
        .await
        .expect(201);
    let b = app
        .post(finance, &path, payment(1, "4000.00"))
        .await
        .expect(201);
    app.post(
        finance,
        &format!("/api/v1/grants/{id}/refunds"),
        refund_of("10000.01"),
    )
    .await
    .expect_problem(422, "refund-exceeds-paid");

    let reverse = |entry: &Value| {
        format!(
            "/api/v1/ledger/transactions/{}/reversal",
            entry["ledger_transaction_id"].as_str().unwrap()
        )
    };
    let reason = json!({"reason": "paid twice by mistake"});
    app.post(finance, &reverse(&a.body), reason.clone())
        .await
        .expect_problem(422, "reversal-out-of-order");
    let refund = app
        .post(
            finance,
            &format!("/api/v1/grants/{id}/refunds"),
            refund_of("7000.00"),
        )
        .await
        .expect(201);
    app.post(finance, &reverse(&b.body), reason.clone())
        .await
        .expect_problem(422, "refunds-depend-on-disbursement");
    let commitment = grant(&app, finance, id).await["ledger_transaction_id"].clone();
    app.post(
        finance,
        &format!(
            "/api/v1/ledger/transactions/{}/reversal",
            commitment.as_str().unwrap()
        ),
        reason.clone(),
    )
    .await
    .expect_problem(422, "grant-commitment-not-reversible");

    // Readers: the grantee's applicants, staff, auditors; another NGO sees nothing.
    let (stranger, _) = app.verified_applicant().await;
    app.get(&stranger, &path)
        .await
        .expect_problem(404, "not-found");
    let trustee = app.user(Role::Trustee).await;
    app.get(&trustee, &path)
        .await
        .expect_problem(403, "forbidden");
    let auditor = app.user(Role::Auditor).await;
    app.get(&auditor, &path).await.expect(200);

    // A refused organisation receives nothing more.
    app.post(
        &g.secretariat,
        &format!("/api/v1/organizations/{}/verification", g.organization),
        json!({"verified": false, "reason": "sanctions list match"}),
    )
    .await
    .expect(200);
    app.post(finance, &path, payment(1, "1000.00"))
        .await
        .expect_problem(422, "organization-refused");

    // Closed: nothing more paid, nothing paid reversed.
    close(&app, id).await;
    app.post(finance, &reverse(&refund.body), reason.clone())
        .await
        .expect(201);
    app.post(finance, &reverse(&b.body), reason)
        .await
        .expect_problem(422, "grant-closed");
    check_ok(&app, finance).await;
}

async fn a_reversed_disbursement_reopens_its_tranche(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant.as_str(), &g.finance);
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    let path = format!("/api/v1/grants/{id}/disbursements");
    let paid = app
        .post(finance, &path, payment(1, "15000.00"))
        .await
        .expect(201);
    app.post(finance, &path, payment(1, "0.01"))
        .await
        .expect_problem(422, "tranche-exceeded");
    let before = balances(&app, finance).await;
    let reversal = app
        .post(
            finance,
            &format!(
                "/api/v1/ledger/transactions/{}/reversal",
                paid.body["ledger_transaction_id"].as_str().unwrap()
            ),
            json!({"reason": "wrong bank account"}),
        )
        .await
        .expect(201);
    assert_eq!(reversal.body["kind"], "reversal");
    let after = balances(&app, finance).await;
    assert_eq!(after["cash"], usd("200000.00"));
    assert_ne!(after["cash"], before["cash"]);
    let view = grant(&app, finance, id).await;
    assert_eq!(view["disbursed"], usd("0.00"));
    assert_eq!(view["committed"], usd("33900.00"));
    assert_eq!(view["tranches"][0]["state"], "due");
    let shown = app
        .get(
            finance,
            &format!("{path}/{}", paid.body["id"].as_str().unwrap()),
        )
        .await
        .expect(200);
    assert_eq!(shown.body["state"], "reversed");
    assert_eq!(shown.body["reversal_transaction_id"], reversal.body["id"]);
    // Reversed once only.
    app.post(
        finance,
        &format!(
            "/api/v1/ledger/transactions/{}/reversal",
            paid.body["ledger_transaction_id"].as_str().unwrap()
        ),
        json!({"reason": "again"}),
    )
    .await
    .expect_problem(409, "conflict");
    // The tranche is open again, in full.
    app.post(finance, &path, payment(1, "15000.00"))
        .await
        .expect(201);
    check_ok(&app, finance).await;
}

async fn a_retried_payment_is_recorded_once(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant.as_str(), &g.finance);
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    let path = format!("/api/v1/grants/{id}/disbursements");
    let body = payment(1, "7500.00");
    let send = |body: Value| {
        let request = app
            .client
            .post(format!("{}{path}", app.address))
            .bearer_auth(&finance.token)
            .header("Idempotency-Key", "pay-tranche-1-part-1")
            .json(&body);
        async move { crate::helpers::answer(request.send().await.unwrap()).await }
    };
    let first = send(body.clone()).await.expect(201);
    let again = send(body.clone()).await.expect(201);
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.header("location"), first.header("location"));
    let mut other = body;
    other["amount"] = usd("1.00");
    send(other)
        .await
        .expect_problem(422, "idempotency-key-reused");
    let listed = app.get(finance, &path).await.expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    let figures = balances(&app, finance).await;
    // 7,500 and 975 of PSC (13% of half of tranche 1's 1,950), once.
    assert_eq!(figures["cash"], usd("191525.00"));
    check_ok(&app, finance).await;
}

async fn payments_racing_over_two_instances_pay_exactly_what_the_tranche_holds(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant.as_str(), &g.finance);
    let mut body = schedule();
    body["tranches"] = json!([
        {"amount": usd("10000.00"), "due_on": days(0)},
        {"amount": usd("20000.00"), "due_on": days(90)},
    ]);
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{id}/agreement"),
        body,
    )
    .await
    .expect(201);
    let other = app.another_instance().await;
    // Fifty payments of 1,000 for a tranche of 10,000, half through each instance.
    let requests = (0..50).map(|i| {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let request = app
            .client
            .request(
                Method::POST,
                format!("{base}/api/v1/grants/{id}/disbursements"),
            )
            .bearer_auth(&finance.token)
            .json(&payment(1, "1000.00"));
        async move { crate::helpers::answer(request.send().await.unwrap()).await }
    });
    let answers = futures_util::future::join_all(requests).await;
    let paid = answers.iter().filter(|a| a.status == 201).count();
    let exceeded = answers
        .iter()
        .filter(|a| a.status == 422 && a.body["rule"] == "tranche-exceeded")
        .count();
    let others: Vec<&String> = answers
        .iter()
        .filter(|a| a.status != 201 && a.status != 422)
        .map(|a| &a.text)
        .collect();
    assert!(others.is_empty(), "{others:?}");
    assert_eq!((paid, exceeded), (10, 40));
    let view = grant(&app, finance, id).await;
    assert_eq!(view["disbursed"], usd("10000.00"));
    assert_eq!(view["tranches"][0]["state"], "paid");
    // PSC of the tranche paid exactly: 13% of 10,000.
    assert_eq!(view["programme_support_cost_disbursed"], usd("1300.00"));
    let figures = balances(&app, finance).await;
    assert_eq!(figures["cash"], usd("188700.00"));
    check_ok(&app, finance).await;
}

mod checks {
    //! The integrity check holds each grant to its payments, and the grant view flags an
    //! overdue report.
    use super::*;

    on_both_backends!(
        the_check_catches_payments_that_disagree_with_the_ledger,
        an_overdue_report_shows_on_the_grant,
    );

    async fn the_check_catches_payments_that_disagree_with_the_ledger(app: TestApp) {
        let g = awarded_grant(&app, "200000.00").await;
        let (id, finance) = (g.grant.as_str(), &g.finance);
        app.post(
            &g.secretariat,
            &format!("/api/v1/grants/{id}/agreement"),
            schedule(),
        )
        .await
        .expect(201);
        let path = format!("/api/v1/grants/{id}/disbursements");
        app.post(finance, &path, payment(1, "5000.00"))
            .await
            .expect(201);
        check_ok(&app, finance).await;
        // A payment edited behind the ledger's back.
        tamper(
            &app,
            "UPDATE grant_disbursements SET amount_minor = amount_minor + 100".into(),
        )
        .await;
        let rules = ledger_violations(&app, finance).await;
        assert!(
            rules.contains(&"commitment-mismatch".to_string()),
            "{rules:?}"
        );
        assert!(
            rules.contains(&"grant-cash-mismatch".to_string()),
            "{rules:?}"
        );
        tamper(
            &app,
            "UPDATE grant_disbursements SET amount_minor = amount_minor - 100".into(),
        )
        .await;
        check_ok(&app, finance).await;
        // A schedule whose PSC parts no longer add up to the PSC committed.
        tamper(&app, format!(
            "UPDATE grant_tranches SET psc_minor = psc_minor + 1 WHERE grant_id = '{id}' AND number = 3"
        ))
        .await;
        let rules = ledger_violations(&app, finance).await;
        assert!(
            rules.contains(&"schedule-mismatch".to_string()),
            "{rules:?}"
        );
        tamper(&app, format!(
            "UPDATE grant_tranches SET psc_minor = psc_minor - 1 WHERE grant_id = '{id}' AND number = 3"
        ))
        .await;
        // A closure that did not release the commitment.
        close(&app, id).await;
        check_ok(&app, finance).await;
        tamper(
            &app,
            format!("UPDATE grants SET release_transaction_id = NULL WHERE id = '{id}'"),
        )
        .await;
        let rules = ledger_violations(&app, finance).await;
        assert!(rules.contains(&"release-mismatch".to_string()), "{rules:?}");
    }

    async fn an_overdue_report_shows_on_the_grant(app: TestApp) {
        let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
        let id = g.grant.as_str();
        let view = grant(&app, &g.applicant, id).await;
        assert_eq!(view["report_overdue"], false);
        // Tranche 2 falls due without a report on tranche 1.
        tamper(
            &app,
            format!(
                "UPDATE grant_tranches SET due_on = '{}' WHERE grant_id = '{id}' AND number = 2",
                days(0)
            ),
        )
        .await;
        let view = grant(&app, &g.applicant, id).await;
        assert_eq!(view["report_overdue"], true);
        assert_eq!(view["tranches"][1]["state"], "due");
        report_accepted(&app, &g.applicant, &g.secretariat, id, 1).await;
        let view = grant(&app, &g.applicant, id).await;
        assert_eq!(view["report_overdue"], false);
    }
}

mod demo {
    use super::*;

    on_both_backends!(the_demo_has_grants_at_every_stage_of_money_out);

    /// A page's items, or a plain array (refunds).
    async fn list(app: &TestApp, who: &TestUser, path: &str) -> Vec<Value> {
        let body = app.get(who, path).await.expect(200).body;
        let items = if body.is_array() {
            &body
        } else {
            &body["items"]
        };
        items.as_array().unwrap().clone()
    }

    /// Each stage of issue 11 item 8, seen through the API, once each after two loads.
    async fn the_demo_has_grants_at_every_stage_of_money_out(app: TestApp) {
        let finance = crate::ledger_owners::demo_finance(&app).await;
        // Loading twice changes nothing.
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || trustfund::demo::load(&db).unwrap())
            .await
            .unwrap();
        // The wider picture's round (for the Fund's reports) aside.
        let wider = crate::fund_reports_more::wider_call_id(&app, &finance).await;
        let grants: Vec<Value> = list(&app, &finance, "/api/v1/grants?limit=100")
            .await
            .into_iter()
            .filter(|g| g["call_id"] != wider.as_str())
            .collect();
        assert_eq!(grants.len(), 7, "{grants:?}");
        let mut stages: Vec<&str> = Vec::new();
        for grant in &grants {
            let id = grant["id"].as_str().unwrap();
            let paid = list(
                &app,
                &finance,
                &format!("/api/v1/grants/{id}/disbursements"),
            )
            .await;
            let refunds = list(&app, &finance, &format!("/api/v1/grants/{id}/refunds")).await;
            let reports = list(&app, &finance, &format!("/api/v1/grants/{id}/reports")).await;
            let report_states: Vec<&str> = reports
                .iter()
                .map(|r| r["state"].as_str().unwrap())
                .collect();
            let tranche = |n: usize| grant["tranches"][n]["state"].as_str().unwrap_or("");
            let stage = match grant["state"].as_str().unwrap() {
                "awarded" => {
                    assert!(paid.is_empty() && reports.is_empty(), "{grant}");
                    "awaiting agreement"
                }
                "closed" => {
                    assert_eq!(reports.len(), 1, "{reports:?}");
                    assert_eq!(reports[0]["kind"], "final");
                    assert_eq!(reports[0]["state"], "accepted");
                    assert_eq!(tranche(1), "released");
                    assert_ne!(grant["released"]["amount"], "0.00", "{grant}");
                    "closed"
                }
                "agreement_signed" if !refunds.is_empty() => {
                    assert_eq!(refunds.len(), 1);
                    assert_eq!(grant["refunded"], refunds[0]["amount"]);
                    "refunded"
                }
                "agreement_signed" if tranche(1) == "paid" => {
                    assert_eq!(paid.len(), 2);
                    assert_eq!(report_states, ["accepted"]);
                    "second tranche paid"
                }
                "agreement_signed" => {
                    assert_eq!(tranche(0), "paid", "{grant}");
                    assert_eq!(tranche(1), "scheduled", "{grant}");
                    assert_eq!(paid.len(), 1);
                    assert_eq!(paid[0]["amount"], grant["tranches"][0]["amount"]);
                    match report_states.as_slice() {
                        [] => "first tranche paid",
                        ["submitted"] => "report pending",
                        ["returned"] => {
                            assert!(reports[0]["review"].to_string().contains("occupancy"));
                            "report returned"
                        }
                        other => panic!("unexpected reports {other:?}"),
                    }
                }
                other => panic!("unexpected grant state {other}"),
            };
            stages.push(stage);
        }
        stages.sort_unstable();
        assert_eq!(
            stages,
            [
                "awaiting agreement",
                "closed",
                "first tranche paid",
                "refunded",
                "report pending",
                "report returned",
                "second tranche paid",
            ]
        );
        check_ok(&app, &finance).await;
    }
}
