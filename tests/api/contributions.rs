//! Contributions: who records and reads them, and every bad amount refused with a 400
//! naming the field.

use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends!(
    staff_record_and_read_contributions,
    bad_pledges_are_refused_naming_the_field
);

pub fn japan(pledged: Value) -> Value {
    json!({"donor": {"name": "Japan", "donor_type": "member_state", "country": "JP"},
           "pledged": pledged, "pledged_on": "2026-01-15"})
}

async fn staff_record_and_read_contributions(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let trustee = app.user(Role::Trustee).await;
    let auditor = app.user(Role::Auditor).await;
    let body = japan(json!({"amount": "1000000", "currency": "JPY"}));
    app.post(&trustee, "/api/v1/contributions", body.clone())
        .await
        .expect_problem(403, "forbidden");
    let created = app
        .post(&secretariat, "/api/v1/contributions", body)
        .await
        .expect(201);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(
        created.body["pledged"],
        json!({"amount": "1000000", "currency": "JPY"})
    );
    assert_eq!(
        created.body["received"],
        json!({"amount": "0", "currency": "JPY"})
    );
    assert_eq!(
        created.body["outstanding"],
        json!({"amount": "1000000", "currency": "JPY"})
    );
    assert_eq!(
        created.body["received_usd"],
        json!({"amount": "0.00", "currency": "USD"})
    );
    assert_eq!(created.body["donor"]["country"], "JP");

    let gift = app
        .post(
            &secretariat,
            "/api/v1/contributions",
            json!({
            "donor": {"name": "A private foundation", "donor_type": "private_sector"},
            "pledged_on": "2026-02-01"}),
        )
        .await
        .expect(201);
    assert_eq!(gift.body["pledged"], Value::Null);
    assert_eq!(gift.body["outstanding"], Value::Null);

    let one = app
        .get(&auditor, &format!("/api/v1/contributions/{id}"))
        .await
        .expect(200);
    assert_eq!(one.body["donor"]["name"], "Japan");
    let list = app
        .get(&auditor, "/api/v1/contributions?limit=1")
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(list.body["items"][0]["id"], gift.body["id"]);
    let cursor = list.body["next_cursor"].as_str().unwrap().to_string();
    let next = app
        .get(
            &auditor,
            &format!("/api/v1/contributions?limit=1&cursor={cursor}"),
        )
        .await
        .expect(200);
    assert_eq!(next.body["items"][0]["id"], json!(id));
    app.get(&trustee, "/api/v1/contributions")
        .await
        .expect_problem(403, "forbidden");
    app.get(
        &auditor,
        &format!("/api/v1/contributions/{}", uuid::Uuid::new_v4()),
    )
    .await
    .expect_problem(404, "not-found");

    let admin = app.user(Role::Admin).await;
    let trail = app
        .get(&admin, &format!("/api/v1/audit?entity_id={id}"))
        .await
        .expect(200);
    assert_eq!(trail.body["items"][0]["action"], "contribution.created");
}

async fn bad_pledges_are_refused_naming_the_field(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let cases = [
        (json!({"amount": 1000, "currency": "USD"}), "pledged.amount"),
        (json!({"amount": "10.001", "currency": "USD"}), "pledged"),
        (json!({"amount": "10.5", "currency": "JPY"}), "pledged"),
        (json!({"amount": "0.00", "currency": "USD"}), "pledged"),
        (json!({"amount": "-5.00", "currency": "USD"}), "pledged"),
        (
            json!({"amount": "5.00", "currency": "XXY"}),
            "pledged.currency",
        ),
        (
            json!({"amount": "1e3", "currency": "USD"}),
            "pledged.amount",
        ),
    ];
    for (pledged, field) in cases {
        let answer = app
            .post(&finance, "/api/v1/contributions", japan(pledged.clone()))
            .await
            .expect_problem(400, "validation");
        assert_eq!(answer.bad_fields(), vec![field.to_string()], "{pledged}");
    }
    let no_country = json!({"donor": {"name": "Japan", "donor_type": "member_state"}, "pledged_on": "2026-01-15"});
    let answer = app
        .post(&finance, "/api/v1/contributions", no_country)
        .await
        .expect(400);
    assert_eq!(answer.bad_fields(), vec!["donor.country"]);
    let observer = json!({"donor": {"name": "X", "donor_type": "member_state", "country": "VA"}, "pledged_on": "2026-01-15"});
    let answer = app
        .post(&finance, "/api/v1/contributions", observer)
        .await
        .expect(400);
    assert_eq!(answer.bad_fields(), vec!["donor.country"]);
    let answer = app
        .post(
            &finance,
            "/api/v1/contributions",
            json!({"donor": {"name": "X", "donor_type": "alien"}, "pledged_on": "2026-01-15"}),
        )
        .await
        .expect(400);
    assert_eq!(answer.bad_fields(), vec!["donor.donor_type"]);
    let count = app.get(&finance, "/api/v1/contributions").await.expect(200);
    assert_eq!(count.body["items"].as_array().unwrap().len(), 0);
}
