//! Grantee reports: filing, reading, refusals by rule name, who may see and file what,
//! and the secretariat's review (accept, return with comments, file again).

use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::scenarios::{decide, fund, seat_board, vote};

on_both_backends!(
    a_grantee_files_a_progress_report_and_reads_it_back,
    refusals_name_the_field_and_the_rule_and_write_nothing,
    only_the_grantee_files_and_only_the_grantee_staff_and_auditors_read,
    a_returned_report_is_filed_again_as_a_new_version,
    reports_wait_for_the_agreement_and_name_its_tranches,
    accepted_reports_open_later_tranches_and_the_final_one_closes_the_grant,
    filings_racing_over_two_instances_make_one_report_per_tranche,
    reviews_racing_over_two_instances_close_the_grant_once,
    the_demo_grant_has_a_report_waiting_for_review,
    a_report_accounts_only_for_money_received,
);

/// A grant awarded to a Kenyan NGO (USD 30,000), with that NGO's applicant; no
/// agreement yet.
pub(crate) async fn awarded_grant(app: &TestApp) -> (TestUser, String) {
    let board = seat_board(app).await;
    fund(app, "100000.00").await;
    let (applicant, application) = app.application_under_review("KE").await;
    for nationality in ["GH", "JP", "PL"] {
        vote(
            app,
            board.trustee(nationality),
            &application,
            "approve",
            Some("30000.00"),
        )
        .await
        .expect(200);
    }
    let decision = decide(app, &board, &application).await.expect(201);
    let grant = decision.body["grant_id"].as_str().unwrap().to_string();
    (applicant, grant)
}

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

fn today() -> String {
    day(0)
}

/// An awarded grant whose agreement is signed today: a grant period from 60 days ago to
/// 300 days ahead, two tranches of USD 15,000 (due today and in 150 days), and a budget
/// of "Shelter rent" 20,000 and "Lawyers" 10,000.
pub(crate) async fn signed_grant(app: &TestApp) -> (TestUser, String) {
    let (applicant, grant) = awarded_grant(app).await;
    let secretariat = app.user(Role::Secretariat).await;
    app.post(
        &secretariat,
        &format!("/api/v1/grants/{grant}/agreement"),
        json!({
            "signed_on": today(), "period_start": day(-60), "period_end": day(300),
            "tranches": [{"amount": usd("15000.00"), "due_on": today()},
                         {"amount": usd("15000.00"), "due_on": day(150)}],
            "budget_lines": [{"label": "Shelter rent", "amount": usd("20000.00")},
                             {"label": "Lawyers", "amount": usd("10000.00")}]
        }),
    )
    .await
    .expect(201);
    (applicant, grant)
}

/// A signed grant whose first tranche (USD 15,000) is paid: the grantee has money to
/// report on.
pub(crate) async fn paid_grant(app: &TestApp) -> (TestUser, String) {
    let (applicant, grant) = signed_grant(app).await;
    let finance = app.user(Role::Finance).await;
    pay(app, &finance, &grant, 1, "15000.00").await.expect(201);
    (applicant, grant)
}

fn usd(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

/// A sound progress report on `tranche`, over the last thirty days.
pub(crate) fn progress(tranche: i64) -> Value {
    json!({
        "kind": "progress", "tranche": tranche,
        "period_start": day(-30), "period_end": today(),
        "beneficiaries": [
            {"sex": "female", "age_group": "child", "exploitation": "sexual_exploitation", "count": 12},
            {"sex": "male", "age_group": "adult", "exploitation": "forced_labour", "count": 5}
        ],
        "spent": [
            {"label": "Shelter rent", "amount": usd("7500.00")},
            {"label": "Lawyers", "amount": usd("2500.50")}
        ],
        "narrative": "Seventeen survivors sheltered and represented."
    })
}

pub(crate) async fn file(app: &TestApp, who: &TestUser, grant: &str, body: Value) -> Answer {
    app.post(who, &format!("/api/v1/grants/{grant}/reports"), body)
        .await
}

pub(crate) async fn review(app: &TestApp, who: &TestUser, report: &str, body: Value) -> Answer {
    app.post(who, &format!("/api/v1/reports/{report}/review"), body)
        .await
}

async fn reports_of(app: &TestApp, who: &TestUser, grant: &str) -> Vec<Value> {
    app.get(who, &format!("/api/v1/grants/{grant}/reports"))
        .await
        .expect(200)
        .body["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn a_grantee_files_a_progress_report_and_reads_it_back(app: TestApp) {
    let (applicant, grant) = paid_grant(&app).await;
    let filed = file(&app, &applicant, &grant, progress(1))
        .await
        .expect(201);
    let id = filed.body["id"].as_str().unwrap().to_string();
    assert_eq!(
        filed.header("location").as_deref(),
        Some(format!("/api/v1/reports/{id}").as_str())
    );
    let report = &filed.body;
    assert_eq!(report["state"], "submitted");
    assert_eq!(report["kind"], "progress");
    assert_eq!(report["tranche"], 1);
    assert_eq!(report["version"], 1);
    assert_eq!(report["grant_id"], grant.as_str());
    assert_eq!(report["beneficiaries_total"], 17);
    assert_eq!(report["beneficiaries"][1]["exploitation"], "forced_labour");
    assert_eq!(report["spent_total"], usd("10000.50"));
    assert_eq!(
        report["spent"][1],
        json!({"label": "Lawyers", "amount": usd("2500.50")})
    );
    assert_eq!(report["review"], Value::Null);

    let read = app
        .get(&applicant, &format!("/api/v1/reports/{id}"))
        .await
        .expect(200);
    assert_eq!(&read.body, report);
    let listed = reports_of(&app, &applicant, &grant).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(&listed[0], report);

    // Filing is an audit event, with the report as filed.
    let auditor = app.user(Role::Auditor).await;
    let events = app
        .get(
            &auditor,
            &format!("/api/v1/audit?entity_type=grant_report&entity_id={id}"),
        )
        .await
        .expect(200);
    let events = events.body["items"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["action"], "grant_report.created");
    assert_eq!(events[0]["actor_id"], applicant.id.to_string());
    assert_eq!(
        events[0]["changes"]["after"]["spent_total"],
        usd("10000.50")
    );
}

async fn refusals_name_the_field_and_the_rule_and_write_nothing(app: TestApp) {
    let (applicant, grant) = paid_grant(&app).await;
    let (yesterday, tomorrow) = (day(-1), day(1));
    let with = |changes: &[(&str, Value)]| {
        let mut body = progress(1);
        for (field, value) in changes {
            body[*field] = value.clone();
        }
        body
    };
    let refusals: Vec<(Value, u16, &str, &str)> = vec![
        (
            with(&[("tranche", Value::Null)]),
            422,
            "report-tranche-required",
            "tranche",
        ),
        (
            with(&[("tranche", json!(0))]),
            422,
            "report-tranche-out-of-range",
            "tranche",
        ),
        (
            with(&[
                ("period_start", json!(today())),
                ("period_end", json!(yesterday)),
            ]),
            422,
            "report-period",
            "period_end",
        ),
        (
            with(&[("tranche", json!(3))]),
            422,
            "report-tranche-out-of-range",
            "tranche",
        ),
        (
            with(&[("period_start", json!(day(-61)))]),
            422,
            "report-period",
            "period_start",
        ),
        (
            with(&[("period_end", json!(tomorrow))]),
            422,
            "report-period",
            "period_end",
        ),
        (
            with(&[(
                "spent",
                json!([{"label": "Rent", "amount": {"amount": "10.00", "currency": "EUR"}}]),
            )]),
            422,
            "currency-mismatch",
            "spent[0].amount.currency",
        ),
        (
            with(&[(
                "spent",
                json!([{"label": "Rent", "amount": usd("20000.00")},
                                  {"label": "Staff", "amount": usd("10000.01")}]),
            )]),
            422,
            "report-spent-exceeds-award",
            "spent",
        ),
        (
            with(&[("spent", json!([{"label": "Rent", "amount": usd("-1.00")}]))]),
            400,
            "validation",
            "spent[0].amount",
        ),
        (with(&[("spent", json!([]))]), 400, "validation", "spent"),
        (
            with(&[("beneficiaries", json!([]))]),
            400,
            "validation",
            "beneficiaries",
        ),
        (
            with(&[(
                "beneficiaries",
                json!([
            {"sex": "female", "age_group": "child", "exploitation": "slavery", "count": 1},
            {"sex": "female", "age_group": "child", "exploitation": "slavery", "count": 2}]),
            )]),
            400,
            "validation",
            "beneficiaries[1]",
        ),
    ];
    for (body, status, name, field) in refusals {
        let refused = file(&app, &applicant, &grant, body.clone())
            .await
            .expect_problem(status, name);
        assert_eq!(refused.bad_fields(), vec![field.to_string()], "{body}");
        if status == 422 {
            assert_eq!(refused.body["rule"], name);
        }
    }
    // Never a person: a beneficiary line has no room for a name, an unknown category is
    // refused, and so is a count below zero.
    for beneficiary in [
        json!({"sex": "female", "age_group": "child", "exploitation": "slavery", "count": 1, "name": "Amina"}),
        json!({"sex": "female", "age_group": "teen", "exploitation": "slavery", "count": 1}),
        json!({"sex": "female", "age_group": "child", "exploitation": "forced_labor", "count": 1}),
        json!({"sex": "female", "age_group": "child", "exploitation": "slavery", "count": -1}),
    ] {
        file(
            &app,
            &applicant,
            &grant,
            with(&[("beneficiaries", json!([beneficiary]))]),
        )
        .await
        .expect_problem(400, "validation");
    }
    assert!(reports_of(&app, &applicant, &grant).await.is_empty());
    // Everything received spent, in a final report that names no tranche, is fine.
    let mut final_report = with(&[(
        "spent",
        json!([{"label": "Shelter rent", "amount": usd("15000.00")}]),
    )]);
    final_report["kind"] = json!("final");
    final_report.as_object_mut().unwrap().remove("tranche");
    let filed = file(&app, &applicant, &grant, final_report)
        .await
        .expect(201);
    assert_eq!(filed.body["tranche"], Value::Null);
}

async fn only_the_grantee_files_and_only_the_grantee_staff_and_auditors_read(app: TestApp) {
    let (applicant, grant) = paid_grant(&app).await;
    let report = file(&app, &applicant, &grant, progress(1))
        .await
        .expect(201);
    let report = report.body["id"].as_str().unwrap().to_string();
    let (stranger, _) = app.verified_applicant_in("UG").await;

    // Another organisation's applicant learns nothing: 404 for the grant and the report.
    file(&app, &stranger, &grant, progress(2))
        .await
        .expect_problem(404, "not-found");
    app.get(&stranger, &format!("/api/v1/grants/{grant}/reports"))
        .await
        .expect_problem(404, "not-found");
    app.get(&stranger, &format!("/api/v1/reports/{report}"))
        .await
        .expect_problem(404, "not-found");
    // An unknown grant is a 404 too.
    let nobody = uuid::Uuid::new_v4();
    file(&app, &applicant, &nobody.to_string(), progress(1))
        .await
        .expect_problem(404, "not-found");

    // Only applicants file; only the secretariat reviews.
    for role in [Role::Secretariat, Role::Finance, Role::Trustee, Role::Admin] {
        let user = app.user(role).await;
        file(&app, &user, &grant, progress(2))
            .await
            .expect_problem(403, "forbidden");
    }
    for user in [
        applicant.clone(),
        app.user(Role::Finance).await,
        app.user(Role::Trustee).await,
    ] {
        review(
            &app,
            &user,
            &report,
            json!({"accepted": true, "comments": "fine"}),
        )
        .await
        .expect_problem(403, "forbidden");
    }

    // Staff and auditors read; trustees do not.
    for role in [Role::Secretariat, Role::Finance, Role::Admin, Role::Auditor] {
        let user = app.user(role).await;
        assert_eq!(reports_of(&app, &user, &grant).await.len(), 1);
        app.get(&user, &format!("/api/v1/reports/{report}"))
            .await
            .expect(200);
    }
    // Only a UUID is a report id: the Fund's own reports share the prefix and are
    // answered as themselves, and anything else there is not a report.
    let auditor = app.user(Role::Auditor).await;
    let geography = app
        .get(&auditor, "/api/v1/reports/geography")
        .await
        .expect(200);
    assert!(
        geography.body["regional_groups"].is_array(),
        "{}",
        geography.text
    );
    app.get(&auditor, "/api/v1/reports/not-a-report")
        .await
        .expect_problem(404, "not-found");
    let trustee = app.user(Role::Trustee).await;
    app.get(&trustee, &format!("/api/v1/reports/{report}"))
        .await
        .expect_problem(403, "forbidden");
    app.get(&trustee, &format!("/api/v1/grants/{grant}/reports"))
        .await
        .expect_problem(403, "forbidden");
    assert_eq!(reports_of(&app, &applicant, &grant).await.len(), 1);
}

async fn a_returned_report_is_filed_again_as_a_new_version(app: TestApp) {
    let (applicant, grant) = paid_grant(&app).await;
    let secretariat = app.user(Role::Secretariat).await;
    let first = file(&app, &applicant, &grant, progress(1))
        .await
        .expect(201);
    let first = first.body["id"].as_str().unwrap().to_string();
    // One open report per tranche and kind.
    file(&app, &applicant, &grant, progress(1))
        .await
        .expect_problem(409, "conflict");

    // Returning says why.
    let refused = review(&app, &secretariat, &first, json!({"accepted": false}))
        .await
        .expect_problem(400, "validation");
    assert_eq!(refused.bad_fields(), vec!["comments"]);
    let returned = review(
        &app,
        &secretariat,
        &first,
        json!({"accepted": false, "comments": "Split the rent by shelter."}),
    )
    .await
    .expect(200);
    assert_eq!(returned.body["state"], "returned");
    assert_eq!(returned.body["review"]["accepted"], false);
    assert_eq!(
        returned.body["review"]["comments"],
        "Split the rent by shelter."
    );
    assert_eq!(
        returned.body["review"]["reviewed_by"],
        secretariat.id.to_string()
    );
    // A report is reviewed once.
    review(&app, &secretariat, &first, json!({"accepted": true}))
        .await
        .expect_problem(409, "conflict");

    // Filed again: a new version; the returned one stays as it was.
    let mut again = progress(1);
    again["spent"] = json!([{"label": "Shelter rent", "amount": usd("8000.00")},
                            {"label": "Lawyers", "amount": usd("3500.00")}]);
    let second = file(&app, &applicant, &grant, again).await.expect(201);
    assert_eq!(second.body["version"], 2);
    let second = second.body["id"].as_str().unwrap().to_string();
    let accepted = review(&app, &secretariat, &second, json!({"accepted": true}))
        .await
        .expect(200);
    assert_eq!(accepted.body["state"], "accepted");
    assert_eq!(accepted.body["review"]["comments"], Value::Null);
    // An accepted report is open too: no third filing on the tranche.
    file(&app, &applicant, &grant, progress(1))
        .await
        .expect_problem(409, "conflict");
    // The next tranche, once paid, is its own place.
    let finance = app.user(Role::Finance).await;
    pay(&app, &finance, &grant, 2, "1000.00").await.expect(201);
    let mut next = progress(2);
    next["spent"] = json!([{"label": "Shelter rent", "amount": usd("12000.00")}]);
    file(&app, &applicant, &grant, next).await.expect(201);

    let history = reports_of(&app, &applicant, &grant).await;
    let states: Vec<_> = history
        .iter()
        .map(|r| {
            (
                r["tranche"].as_i64().unwrap(),
                r["version"].as_i64().unwrap(),
                r["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        states,
        vec![
            (2, 1, "submitted".to_string()),
            (1, 2, "accepted".to_string()),
            (1, 1, "returned".to_string()),
        ]
    );
    let old = app
        .get(&applicant, &format!("/api/v1/reports/{first}"))
        .await
        .expect(200);
    assert_eq!(old.body["spent"][0]["label"], "Shelter rent");

    // Each review is an audit event naming the outcome.
    let auditor = app.user(Role::Auditor).await;
    for (id, action) in [
        (&first, "grant_report.returned"),
        (&second, "grant_report.accepted"),
    ] {
        let events = app
            .get(
                &auditor,
                &format!("/api/v1/audit?entity_type=grant_report&entity_id={id}"),
            )
            .await
            .expect(200);
        let actions: Vec<_> = events.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_string())
            .collect();
        assert!(actions.contains(&action.to_string()), "{actions:?}");
    }
}

async fn reports_wait_for_the_agreement_and_name_its_tranches(app: TestApp) {
    let (applicant, grant) = awarded_grant(&app).await;
    let refused = file(&app, &applicant, &grant, progress(1))
        .await
        .expect_problem(422, "no-agreement");
    assert_eq!(refused.body["rule"], "no-agreement");
    let secretariat = app.user(Role::Secretariat).await;
    assert!(reports_of(&app, &secretariat, &grant).await.is_empty());
}

async fn grant(app: &TestApp, who: &TestUser, grant: &str) -> Value {
    app.get(who, &format!("/api/v1/grants/{grant}"))
        .await
        .expect(200)
        .body
}

async fn pay(app: &TestApp, finance: &TestUser, grant: &str, tranche: i64, amount: &str) -> Answer {
    app.post(
        finance,
        &format!("/api/v1/grants/{grant}/disbursements"),
        json!({"tranche": tranche, "amount": usd(amount), "value_date": today(),
               "payment_reference": format!("PAY-{tranche}-{}", uuid::Uuid::new_v4().simple())}),
    )
    .await
}

fn final_report(shelter: &str, lawyers: &str) -> Value {
    let mut body = progress(2);
    body["kind"] = json!("final");
    body["spent"] = json!([{"label": "Shelter rent", "amount": usd(shelter)},
                           {"label": "Lawyers", "amount": usd(lawyers)}]);
    body
}

async fn accepted_reports_open_later_tranches_and_the_final_one_closes_the_grant(app: TestApp) {
    let (applicant, grant_id) = signed_grant(&app).await;
    let secretariat = app.user(Role::Secretariat).await;
    let finance = app.user(Role::Finance).await;
    pay(&app, &finance, &grant_id, 1, "15000.00")
        .await
        .expect(201);
    // Tranche 2 waits for the report on tranche 1: filed is not enough, accepted is.
    pay(&app, &finance, &grant_id, 2, "15000.00")
        .await
        .expect_problem(422, "report-pending");
    let first = file(&app, &applicant, &grant_id, progress(1))
        .await
        .expect(201);
    let first = first.body["id"].as_str().unwrap().to_string();
    pay(&app, &finance, &grant_id, 2, "15000.00")
        .await
        .expect_problem(422, "report-pending");
    review(
        &app,
        &secretariat,
        &first,
        json!({"accepted": false, "comments": "Add receipts."}),
    )
    .await
    .expect(200);
    pay(&app, &finance, &grant_id, 2, "15000.00")
        .await
        .expect_problem(422, "report-pending");
    // Exactly the 70% of the money received that the next tranche asks to see spent.
    let mut spent_enough = progress(1);
    spent_enough["spent"] = json!([{"label": "Shelter rent", "amount": usd("7500.00")},
                                   {"label": "Lawyers", "amount": usd("3000.00")}]);
    let again = file(&app, &applicant, &grant_id, spent_enough)
        .await
        .expect(201);
    let again = again.body["id"].as_str().unwrap().to_string();
    review(&app, &secretariat, &again, json!({"accepted": true}))
        .await
        .expect(200);
    // Accepted: tranche 2 is paid (a part of it).
    pay(&app, &finance, &grant_id, 2, "5000.00")
        .await
        .expect(201);

    // The final report: only one at a time, whatever tranche it names.
    let closing = file(
        &app,
        &applicant,
        &grant_id,
        final_report("12000.00", "8000.00"),
    )
    .await
    .expect(201);
    let closing = closing.body["id"].as_str().unwrap().to_string();
    let mut other = final_report("12000.00", "8000.00");
    other.as_object_mut().unwrap().remove("tranche");
    file(&app, &applicant, &grant_id, other)
        .await
        .expect_problem(409, "conflict");
    let open = grant(&app, &secretariat, &grant_id).await;
    assert_eq!(open["state"], "agreement_signed");
    assert_eq!(open["disbursed"], usd("20000.00"));

    // Accepted, the final report closes the grant: what is still committed (the unpaid
    // USD 10,000 of tranche 2 and its programme support cost) goes back to the available
    // balance, and nothing more is paid.
    let before = crate::support::scenarios::balances(&app, &finance).await;
    let accepted = review(
        &app,
        &secretariat,
        &closing,
        json!({"accepted": true, "comments": "Thank you."}),
    )
    .await
    .expect(200);
    assert_eq!(accepted.body["state"], "accepted");
    let closed = grant(&app, &secretariat, &grant_id).await;
    assert_eq!(closed["state"], "closed", "{closed}");
    assert_eq!(closed["released"], open["committed"], "{closed}");
    assert_eq!(closed["committed"], usd("0.00"), "{closed}");
    let released = closed["released"]["amount"].as_str().unwrap();
    // 10,000.00 unpaid of tranche 2, and its programme support cost (13%) not charged.
    assert_eq!(released, "11300.00", "{closed}");
    let after = crate::support::scenarios::balances(&app, &finance).await;
    let amount = |v: &Value| {
        v["amount"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    assert_eq!(
        amount(&after["available"]) - amount(&before["available"]),
        released.parse::<rust_decimal::Decimal>().unwrap()
    );
    pay(&app, &finance, &grant_id, 2, "15000.00")
        .await
        .expect_problem(422, "grant-closed");
    file(&app, &applicant, &grant_id, progress(2))
        .await
        .expect_problem(422, "grant-closed");
    let check = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["violations"], json!([]), "{}", check.text);

    // The closure is in the trail beside the acceptance that caused it.
    let auditor = app.user(Role::Auditor).await;
    let events = app
        .get(
            &auditor,
            &format!("/api/v1/audit?entity_type=grant&entity_id={grant_id}"),
        )
        .await
        .expect(200);
    let actions: Vec<_> = events.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert!(actions.contains(&"grant.closed".to_string()), "{actions:?}");
}

async fn filings_racing_over_two_instances_make_one_report_per_tranche(app: TestApp) {
    let (applicant, grant_id) = paid_grant(&app).await;
    let other = app.another_instance().await;
    let mut racing = Vec::new();
    for i in 0..8 {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let request = app
            .client
            .post(format!("{base}/api/v1/grants/{grant_id}/reports"))
            .bearer_auth(&applicant.token)
            .json(&progress(1));
        racing.push(async move { crate::helpers::answer(request.send().await.unwrap()).await });
    }
    let answers = futures_util::future::join_all(racing).await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    statuses.sort();
    assert_eq!(statuses, [vec![201], vec![409; 7]].concat(), "{answers:?}");
    let reports = reports_of(&app, &applicant, &grant_id).await;
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["version"], 1);
}

async fn reviews_racing_over_two_instances_close_the_grant_once(app: TestApp) {
    let (applicant, grant_id) = signed_grant(&app).await;
    let secretariat = app.user(Role::Secretariat).await;
    // Nothing was paid: the final report is on the grant as a whole, no tranche named.
    let mut nothing_paid = final_report("0.00", "0.00");
    nothing_paid.as_object_mut().unwrap().remove("tranche");
    let report = file(&app, &applicant, &grant_id, nothing_paid)
        .await
        .expect(201);
    let report = report.body["id"].as_str().unwrap().to_string();
    let other = app.another_instance().await;
    let mut racing = Vec::new();
    for i in 0..6 {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let request = app
            .client
            .post(format!("{base}/api/v1/reports/{report}/review"))
            .bearer_auth(&secretariat.token)
            .json(&json!({"accepted": true}));
        racing.push(async move { crate::helpers::answer(request.send().await.unwrap()).await });
    }
    let answers = futures_util::future::join_all(racing).await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    statuses.sort();
    assert_eq!(statuses, [vec![200], vec![409; 5]].concat(), "{answers:?}");
    let closed = grant(&app, &secretariat, &grant_id).await;
    assert_eq!(closed["state"], "closed");
    // The whole commitment (award and programme support cost) released, once.
    assert_eq!(closed["released"], usd("33900.00"), "{closed}");
    let finance = app.user(Role::Finance).await;
    let releases = app
        .get(&finance, "/api/v1/ledger?kind=release&limit=200")
        .await
        .expect(200);
    assert_eq!(
        releases.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        releases.text
    );
}

async fn the_demo_grant_has_a_report_waiting_for_review(app: TestApp) {
    for _ in 0..2 {
        // Loading twice files nothing twice.
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || trustfund::demo::load(&db).expect("demo loads"))
            .await
            .unwrap();
    }
    let secretariat = app
        .login(
            "secretariat@demo.trustfund.local",
            trustfund::demo::DEMO_PASSWORD,
        )
        .await;
    let secretariat = TestUser {
        id: uuid::Uuid::nil(),
        email: String::new(),
        role: Role::Secretariat,
        token: secretariat,
    };
    let grants = app.get(&secretariat, "/api/v1/grants").await.expect(200);
    // The Board session's grant (the only award of 45,000.00; the others are money out's
    // stages, see money_out.rs).
    let signed: Vec<_> = grants.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["state"] == "agreement_signed" && g["award"]["amount"] == "45000.00")
        .collect();
    assert_eq!(signed.len(), 1, "{}", grants.text);
    let grant_id = signed[0]["id"].as_str().unwrap();
    let reports = reports_of(&app, &secretariat, grant_id).await;
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0]["state"], "submitted");
    assert_eq!(reports[0]["kind"], "progress");
    assert_eq!(reports[0]["tranche"], 1);
    assert_eq!(reports[0]["spent_total"]["currency"], "USD");
    assert_eq!(reports[0]["beneficiaries_total"], 29);
}

/// Money spent is capped at what the grantee received: disbursed, net of refunds.
async fn a_report_accounts_only_for_money_received(app: TestApp) {
    let (applicant, grant_id) = signed_grant(&app).await;
    let finance = app.user(Role::Finance).await;
    let secretariat = app.user(Role::Secretariat).await;
    let spending = |amount: &str| {
        let mut body = progress(1);
        body["spent"] = json!([{"label": "Shelter rent", "amount": usd(amount)}]);
        body
    };
    // Nothing paid yet: nothing to account for.
    let refused = file(&app, &applicant, &grant_id, spending("0.01"))
        .await
        .expect_problem(422, "report-spent-exceeds-paid");
    assert_eq!(refused.bad_fields(), vec!["spent".to_string()]);
    assert_eq!(refused.body["rule"], "report-spent-exceeds-paid");
    pay(&app, &finance, &grant_id, 1, "15000.00")
        .await
        .expect(201);
    file(&app, &applicant, &grant_id, spending("15000.01"))
        .await
        .expect_problem(422, "report-spent-exceeds-paid");
    // A refund lowers what the grantee holds.
    app.post(
        &finance,
        &format!("/api/v1/grants/{grant_id}/refunds"),
        json!({"amount": usd("1000.00"), "received_on": today(),
               "bank_reference": format!("BANK-{}", uuid::Uuid::new_v4().simple()),
               "reason": "unspent"}),
    )
    .await
    .expect(201);
    file(&app, &applicant, &grant_id, spending("14000.01"))
        .await
        .expect_problem(422, "report-spent-exceeds-paid");
    assert!(reports_of(&app, &secretariat, &grant_id).await.is_empty());
    let filed = file(&app, &applicant, &grant_id, spending("14000.00"))
        .await
        .expect(201);
    assert_eq!(filed.body["spent_total"], usd("14000.00"));
    assert_eq!(reports_of(&app, &secretariat, &grant_id).await.len(), 1);
}
