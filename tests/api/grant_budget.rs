//! A budget at the award: the Board awarded 30,000 on a budget of 45,000, so the
//! agreement sets budget lines adding up to the award (or takes the application's when
//! they already do); reports spend only on those lines, within the allowed share over
//! each; the grant view shows each line's budget, spent and balance.

use serde_json::{json, Value};

use crate::helpers::{TestApp, TestUser};
use crate::money_out::first_tranche_paid;
use crate::money_out::{
    awarded_grant, awarded_grant_of, budget_at_award, check_ok, days, payment, schedule, usd,
};
use crate::on_both_backends;

on_both_backends!(
    reports_spend_only_on_the_budget_lines_within_the_allowed_share,
    the_agreement_needs_budget_lines_adding_up_to_the_award,
    an_application_budget_equal_to_the_award_is_taken_as_it_is,
);

fn report(tranche: i64, spent: Value) -> Value {
    json!({
        "kind": "progress", "tranche": tranche,
        "period_start": days(0), "period_end": days(0),
        "beneficiaries": [{"sex": "female", "age_group": "adult",
                           "exploitation": "forced_labour", "count": 4}],
        "spent": spent,
        "narrative": "Four survivors sheltered and represented."
    })
}

async fn file(app: &TestApp, who: &TestUser, grant: &str, body: Value) -> crate::helpers::Answer {
    app.post(who, &format!("/api/v1/grants/{grant}/reports"), body)
        .await
}

async fn accept(app: &TestApp, secretariat: &TestUser, report: &Value) {
    let id = report["id"].as_str().unwrap();
    app.post(
        secretariat,
        &format!("/api/v1/reports/{id}/review"),
        json!({"accepted": true}),
    )
    .await
    .expect(200);
}

fn line(view: &Value, label: &str) -> Value {
    view["budget"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == label)
        .cloned()
        .unwrap_or_else(|| panic!("no line {label} in {view}"))
}

/// The story: "Luxury vehicle" 9,000 and "Staff bonus" 4,000 were accepted on a
/// grant whose budget has neither. Now they are refused, by line.
async fn reports_spend_only_on_the_budget_lines_within_the_allowed_share(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance) = (g.grant.as_str(), &g.finance);

    let story = json!([{"label": "Luxury vehicle", "amount": usd("9000.00")},
                       {"label": "Staff bonus", "amount": usd("4000.00")}]);
    let refused = file(&app, &g.applicant, id, report(1, story))
        .await
        .expect_problem(422, "unknown-budget-line");
    assert_eq!(refused.bad_fields(), vec!["spent[0].label".to_string()]);
    assert!(refused.text.contains("Luxury vehicle"), "{}", refused.text);
    let mixed = json!([{"label": "Shelter rent", "amount": usd("100.00")},
                       {"label": "Staff bonus", "amount": usd("4000.00")}]);
    let refused = file(&app, &g.applicant, id, report(1, mixed))
        .await
        .expect_problem(422, "unknown-budget-line");
    assert_eq!(refused.bad_fields(), vec!["spent[1].label".to_string()]);

    let sound = json!([{"label": "Shelter rent", "amount": usd("7000.00")},
                       {"label": "Lawyers", "amount": usd("4000.00")}]);
    let filed = file(&app, &g.applicant, id, report(1, sound))
        .await
        .expect(201);
    // Filed is not spent: only accepted reports count on the view.
    let view = app
        .get(&g.applicant, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(line(&view, "Lawyers")["spent"], usd("0.00"));
    accept(&app, &g.secretariat, &filed.body).await;
    let view = app
        .get(&g.applicant, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(
        view["budget"],
        json!([
            {"label": "Shelter rent", "budget": usd("20000.00"), "spent": usd("7000.00"),
             "balance": usd("13000.00")},
            {"label": "Lawyers", "budget": usd("10000.00"), "spent": usd("4000.00"),
             "balance": usd("6000.00")},
        ])
    );

    // A report states spending to its date. Lawyers: 10% over its 10,000 lets it reach
    // 11,000 and no further.
    app.post(
        finance,
        &format!("/api/v1/grants/{id}/disbursements"),
        payment(2, "10000.00"),
    )
    .await
    .expect(201);
    let over = json!([{"label": "Shelter rent", "amount": usd("7000.00")},
                      {"label": "Lawyers", "amount": usd("11000.01")}]);
    let refused = file(&app, &g.applicant, id, report(2, over))
        .await
        .expect_problem(422, "budget-line-overspent");
    assert_eq!(refused.bad_fields(), vec!["spent[1].amount".to_string()]);
    assert_eq!(refused.body["rule"], "budget-line-overspent");
    for figure in ["10000.00 USD", "11000.01 USD", "11000.00 USD"] {
        assert!(refused.text.contains(figure), "{figure}: {}", refused.text);
    }
    let within = json!([{"label": "Shelter rent", "amount": usd("7000.00")},
                        {"label": "Lawyers", "amount": usd("11000.00")}]);
    let filed = file(&app, &g.applicant, id, report(2, within))
        .await
        .expect(201);
    accept(&app, &g.secretariat, &filed.body).await;
    let view = app
        .get(&g.secretariat, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body;
    assert_eq!(line(&view, "Lawyers")["spent"], usd("11000.00"));
    assert_eq!(line(&view, "Lawyers")["balance"], usd("-1000.00"));
    assert_eq!(line(&view, "Shelter rent")["spent"], usd("7000.00"));
    check_ok(&app, finance).await;
}

async fn the_agreement_needs_budget_lines_adding_up_to_the_award(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let path = format!("/api/v1/grants/{}/agreement", g.grant);
    // The application's budget is 45,000; the award 30,000: lines are needed.
    let mut body = schedule();
    body.as_object_mut().unwrap().remove("budget_lines");
    let refused = app
        .post(&g.secretariat, &path, body)
        .await
        .expect_problem(422, "budget-lines-required");
    assert_eq!(refused.bad_fields(), vec!["budget_lines".to_string()]);
    assert!(
        refused.text.contains("45000.00 USD") && refused.text.contains("30000.00 USD"),
        "{}",
        refused.text
    );
    let mut body = schedule();
    body["budget_lines"][1]["amount"] = usd("9999.99");
    let refused = app
        .post(&g.secretariat, &path, body)
        .await
        .expect_problem(422, "budget-mismatch");
    assert_eq!(refused.bad_fields(), vec!["budget_lines".to_string()]);
    assert!(
        refused.text.contains("29999.99 USD") && refused.text.contains("30000.00 USD"),
        "{}",
        refused.text
    );
    let mut body = schedule();
    body["budget_lines"][1]["label"] = json!("Shelter rent");
    let refused = app
        .post(&g.secretariat, &path, body)
        .await
        .expect_problem(400, "validation");
    assert_eq!(
        refused.bad_fields(),
        vec!["budget_lines[1].label".to_string()]
    );
    let mut body = schedule();
    body["budget_lines"][1]["label"] = json!("   ");
    app.post(&g.secretariat, &path, body).await.expect(400);
    // Nothing was written by the refusals: the grant is still awarded, without a budget.
    let view = app
        .get(&g.secretariat, &format!("/api/v1/grants/{}", g.grant))
        .await
        .expect(200)
        .body;
    assert_eq!(view["state"], "awarded");
    assert_eq!(view["budget"], json!([]));

    let signed = app
        .post(&g.secretariat, &path, schedule())
        .await
        .expect(201);
    assert_eq!(signed.body["budget"][0]["label"], "Shelter rent");
    assert_eq!(signed.body["budget"][1]["budget"], usd("10000.00"));
    assert_eq!(budget_at_award()[0]["amount"], usd("20000.00"));
}

async fn an_application_budget_equal_to_the_award_is_taken_as_it_is(app: TestApp) {
    let g = awarded_grant_of(&app, "200000.00", "45000.00").await;
    let body = json!({
        "signed_on": days(0), "period_start": days(0), "period_end": days(365),
        "tranches": [{"amount": usd("45000.00"), "due_on": days(0)}],
    });
    let signed = app
        .post(
            &g.secretariat,
            &format!("/api/v1/grants/{}/agreement", g.grant),
            body,
        )
        .await
        .expect(201);
    assert_eq!(
        signed.body["budget"],
        json!([
            {"label": "Shelter rent", "budget": usd("30000.00"), "spent": usd("0.00"),
             "balance": usd("30000.00")},
            {"label": "Lawyers", "budget": usd("15000.00"), "spent": usd("0.00"),
             "balance": usd("15000.00")},
        ])
    );
}
