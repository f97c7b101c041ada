//! Beneficiaries are counted once: a grantee's reports state cumulative figures (everyone
//! assisted to the end of the report's period), which never go down, and the Fund's
//! beneficiaries report takes each grant's latest accepted figures, never the sum of its
//! reports. Reached in a period is what those figures grew by in it, so periods add up.

use chrono::TimeDelta;
use serde_json::{json, Value};
use trustfund::clock::Clock;
use trustfund::domain::GrantReportId;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::{days, first_tranche_paid, usd_json as usd};

on_both_backends!(
    a_grant_counts_its_latest_figures_once,
    figures_to_date_never_go_down,
);

fn counts(female: u32, male: u32) -> Value {
    let mut lines = vec![json!({"sex": "female", "age_group": "adult",
                                "exploitation": "forced_labour", "count": female})];
    if male > 0 {
        lines.push(json!({"sex": "male", "age_group": "adult",
                          "exploitation": "forced_labour", "count": male}));
    }
    Value::Array(lines)
}

fn progress(beneficiaries: Value) -> Value {
    json!({"kind": "progress", "tranche": 1, "period_start": days(0), "period_end": days(0),
           "beneficiaries": beneficiaries,
           "spent": [{"label": "Shelter rent", "amount": usd("10000.00")}],
           "narrative": "Twenty-four women sheltered."})
}

/// The final report, its period ending `end` days from now (the filing instance's today).
fn final_report(beneficiaries: Value, end: i64) -> Value {
    json!({"kind": "final", "period_start": days(0), "period_end": days(end),
           "beneficiaries": beneficiaries,
           "spent": [{"label": "Shelter rent", "amount": usd("10000.00")},
                     {"label": "Lawyers", "amount": usd("5000.00")}],
           "narrative": "Forty-two survivors assisted in all."})
}

async fn file(app: &TestApp, who: &TestUser, grant: &str, body: Value) -> crate::helpers::Answer {
    app.post(who, &format!("/api/v1/grants/{grant}/reports"), body)
        .await
}

async fn review(
    app: &TestApp,
    who: &TestUser,
    report: &str,
    body: Value,
) -> crate::helpers::Answer {
    app.post(who, &format!("/api/v1/reports/{report}/review"), body)
        .await
}

/// Attaches `report`'s financial statement, which accepting a final report requires.
async fn with_statement(app: &TestApp, who: &TestUser, report: &str) {
    let id = GrantReportId::from(report.parse::<uuid::Uuid>().expect("a report's id"));
    app.as_(who).report(id).with_financial_statement().await;
}

async fn reached(app: &TestApp, who: &TestUser, from: i64, to: i64) -> Value {
    app.get(
        who,
        &format!(
            "/api/v1/reports/beneficiaries?from={}&to={}",
            days(from),
            days(to)
        ),
    )
    .await
    .expect(200)
    .body
}

fn group(report: &Value, sex: &str) -> i64 {
    report["by_sex_and_age_group"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["sex"] == sex && g["age_group"] == "adult")
        .unwrap()["reached"]
        .as_i64()
        .unwrap()
}

fn labour(report: &Value) -> i64 {
    report["by_exploitation"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["exploitation"] == "forced_labour")
        .unwrap()["reached"]
        .as_i64()
        .unwrap()
}

async fn a_grant_counts_its_latest_figures_once(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let grant = g.grant.to_string();
    let (grant, secretariat) = (grant.as_str(), &g.secretariat);
    let filed = file(&app, &g.applicant, grant, progress(counts(24, 0)))
        .await
        .expect(201);
    review(
        &app,
        secretariat,
        filed.body["id"].as_str().unwrap(),
        json!({"accepted": true}),
    )
    .await
    .expect(200);
    let today = reached(&app, secretariat, 0, 0).await;
    assert_eq!(today["totals"]["reached"], 24);

    // Forty days on, the final report counts everyone to its end: 30 women, 12 men.
    let later = app.on_clock(Clock::offset(TimeDelta::days(40))).await;
    let filed = file(
        &later,
        &g.applicant,
        grant,
        final_report(counts(30, 12), 40),
    )
    .await
    .expect(201);
    with_statement(&later, secretariat, filed.body["id"].as_str().unwrap()).await;
    review(
        &later,
        secretariat,
        filed.body["id"].as_str().unwrap(),
        json!({"accepted": true}),
    )
    .await
    .expect(200);

    // The whole life of the grant: 42 people, not 24 + 42.
    let whole = reached(&later, secretariat, 0, 40).await;
    assert_eq!(whole["totals"]["reached"], 42, "{whole}");
    assert_eq!(whole["totals"]["accepted_reports"], 2);
    assert_eq!((group(&whole, "female"), group(&whole, "male")), (30, 12));
    assert_eq!(labour(&whole), 42);
    let basis = whole["basis"].as_str().unwrap();
    assert!(basis.contains("never the sum of its reports"), "{basis}");
    assert!(basis.contains("periods add up"), "{basis}");

    // The day of the progress report reaches 24; the days after it, what the figures
    // grew by (6 women, 12 men); the two add up to the whole.
    let first = reached(&later, secretariat, 0, 0).await;
    assert_eq!(first["totals"]["reached"], 24);
    assert_eq!(first["totals"]["accepted_reports"], 1);
    let rest = reached(&later, secretariat, 1, 40).await;
    assert_eq!(rest["totals"]["reached"], 18, "{rest}");
    assert_eq!(rest["totals"]["accepted_reports"], 1);
    assert_eq!((group(&rest, "female"), group(&rest, "male")), (6, 12));
    assert_eq!(labour(&rest), 18);

    // The CSV says the same.
    let csv = later
        .get(
            secretariat,
            &format!(
                "/api/v1/reports/beneficiaries?from={}&to={}&format=csv",
                days(0),
                days(40)
            ),
        )
        .await
        .expect(200);
    let total = csv.text.lines().last().unwrap().to_string();
    assert!(
        total.starts_with("total,") && total.ends_with(",42"),
        "{total}"
    );
}

async fn figures_to_date_never_go_down(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let grant = g.grant.to_string();
    let (grant, secretariat) = (grant.as_str(), &g.secretariat);
    // Both filed before either is reviewed: the final one's 20 women pass at filing.
    let progress_id = file(&app, &g.applicant, grant, progress(counts(24, 0)))
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let final_id = file(&app, &g.applicant, grant, final_report(counts(20, 12), 0))
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    review(&app, secretariat, &progress_id, json!({"accepted": true}))
        .await
        .expect(200);
    // Accepting it now would take the grant's figures down: refused, nothing written.
    let refused = review(&app, secretariat, &final_id, json!({"accepted": true}))
        .await
        .expect_problem(422, "report-beneficiaries-decreased");
    assert_eq!(refused.bad_fields(), vec!["beneficiaries[0].count"]);
    let seen = app
        .get(secretariat, &format!("/api/v1/reports/{final_id}"))
        .await
        .expect(200);
    assert_eq!(seen.body["state"], "submitted");
    let shown = app
        .get(secretariat, &format!("/api/v1/grants/{grant}"))
        .await
        .expect(200);
    assert_eq!(shown.body["state"], "agreement_signed");
    review(
        &app,
        secretariat,
        &final_id,
        json!({"accepted": false, "comments": "count everyone to date"}),
    )
    .await
    .expect(200);

    // Filed again: fewer women, or the women left out, is refused at filing.
    let refused = file(&app, &g.applicant, grant, final_report(counts(23, 12), 0))
        .await
        .expect_problem(422, "report-beneficiaries-decreased");
    assert_eq!(refused.bad_fields(), vec!["beneficiaries[0].count"]);
    assert!(refused.text.contains("24"), "{}", refused.text);
    let men_only = json!([{"sex": "male", "age_group": "adult",
                           "exploitation": "forced_labour", "count": 40}]);
    let refused = file(&app, &g.applicant, grant, final_report(men_only, 0))
        .await
        .expect_problem(422, "report-beneficiaries-decreased");
    assert_eq!(refused.bad_fields(), vec!["beneficiaries"]);
    let reports = app
        .get(secretariat, &format!("/api/v1/grants/{grant}/reports"))
        .await
        .expect(200);
    assert_eq!(reports.body["items"].as_array().unwrap().len(), 2);

    let filed = file(&app, &g.applicant, grant, final_report(counts(24, 12), 0))
        .await
        .expect(201);
    with_statement(&app, secretariat, filed.body["id"].as_str().unwrap()).await;
    review(
        &app,
        secretariat,
        filed.body["id"].as_str().unwrap(),
        json!({"accepted": true}),
    )
    .await
    .expect(200);
    let whole = reached(&app, secretariat, 0, 0).await;
    assert_eq!(whole["totals"]["reached"], 36, "{whole}");
    assert_eq!(whole["totals"]["accepted_reports"], 2);
}
