//! The Fund record and its settings.

use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::TestApp;
use crate::on_both_backends;

on_both_backends!(
    every_user_reads_the_fund,
    the_secretariat_changes_settings_with_an_audit_entry
);

async fn every_user_reads_the_fund(app: TestApp) {
    for role in [Role::Admin, Role::Trustee, Role::Auditor] {
        let user = app.user(role).await;
        let fund = app.get(&user, "/api/v1/fund").await.expect(200);
        assert!(fund.body["legal_basis"]
            .as_str()
            .unwrap()
            .contains("64/293"));
        assert!(fund.body["name"]
            .as_str()
            .unwrap()
            .contains("Victims of Trafficking"));
        assert_eq!(
            fund.body["administrator"],
            "United Nations Office on Drugs and Crime (UNODC)"
        );
        assert_eq!(fund.body["functional_currency"], "USD");
        assert_eq!(fund.body["settings"]["psc_rate"], "0.13");
    }
}

async fn the_secretariat_changes_settings_with_an_audit_entry(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let finance = app.user(Role::Finance).await;
    app.patch(
        &finance,
        "/api/v1/fund/settings",
        json!({"psc_rate": "0.08"}),
    )
    .await
    .expect_problem(403, "forbidden");
    let bad = app
        .patch(
            &secretariat,
            "/api/v1/fund/settings",
            json!({"psc_rate": "1.5"}),
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["psc_rate"]);
    let bad = app
        .patch(
            &secretariat,
            "/api/v1/fund/settings",
            json!({"max_grant": {"amount": 60000, "currency": "USD"}}),
        )
        .await
        .expect(400);
    assert_eq!(bad.bad_fields(), vec!["max_grant.amount"]);

    let fund = app
        .patch(&secretariat, "/api/v1/fund/settings", json!({"operating_reserve_rate": "0.05", "max_grant": {"amount": "60000.00", "currency": "USD"}}))
        .await
        .expect(200);
    assert_eq!(fund.body["settings"]["operating_reserve_rate"], "0.05");
    assert_eq!(fund.body["settings"]["psc_rate"], "0.13");
    assert_eq!(
        fund.body["settings"]["max_grant"],
        json!({"amount": "60000.00", "currency": "USD"})
    );

    let admin = app.user(Role::Admin).await;
    let trail = app
        .get(&admin, "/api/v1/audit?entity_type=fund")
        .await
        .expect(200);
    let event = &trail.body["items"][0];
    assert_eq!(event["action"], "fund.updated");
    assert_eq!(event["actor_id"], secretariat.id.to_string());
    assert_eq!(event["changes"]["before"]["operating_reserve_rate"], "0");
    assert_eq!(event["changes"]["after"]["operating_reserve_rate"], "0.05");
}
