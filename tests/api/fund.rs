//! The Fund record and its settings.

use serde_json::json;
use trustfund::auth::Role;
use trustfund::domain::Currency;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{decimal, usd};

on_both_backends!(
    every_user_reads_the_fund,
    the_secretariat_changes_settings_with_an_audit_entry
);

async fn every_user_reads_the_fund(app: TestApp) {
    for role in [Role::Admin, Role::Trustee, Role::Auditor] {
        let user = app.user(role).await;
        let fund = app.as_(&user).fund().read().await.ok();
        assert!(fund.legal_basis.contains("64/293"));
        assert!(fund.name.contains("Victims of Trafficking"));
        assert_eq!(
            fund.administrator,
            "United Nations Office on Drugs and Crime (UNODC)"
        );
        assert_eq!(fund.functional_currency, Currency::USD);
        assert_eq!(fund.settings.psc_rate, decimal("0.13"));
    }
}

async fn the_secretariat_changes_settings_with_an_audit_entry(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let finance = app.user(Role::Finance).await;
    // JSON bodies: `max_grant` tells `null` from absent, and the refused ones hold what
    // the crate's types cannot.
    app.as_(&finance)
        .fund()
        .change_settings(&json!({"psc_rate": "0.08"}))
        .await
        .refused(403, "forbidden");
    let settings = app.as_(&secretariat);
    let bad = settings
        .fund()
        .change_settings(&json!({"psc_rate": "1.5"}))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["psc_rate"]);
    let bad = settings
        .fund()
        .change_settings(&json!({"max_grant": {"amount": 60000, "currency": "USD"}}))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["max_grant.amount"]);

    let fund = settings
        .fund()
        .change_settings(&json!({"operating_reserve_rate": "0.05", "max_grant": {"amount": "60000.00", "currency": "USD"}}))
        .await
        .ok();
    assert_eq!(fund.settings.operating_reserve_rate, decimal("0.05"));
    assert_eq!(fund.settings.psc_rate, decimal("0.13"));
    assert_eq!(fund.settings.max_grant, Some(usd("60000.00")));

    let admin = app.user(Role::Admin).await;
    let trail = app
        .as_(&admin)
        .audit()
        .list(&[("entity_type", "fund")])
        .await
        .ok()
        .items;
    let event = &trail[0];
    assert_eq!(event.action, "fund.updated");
    assert_eq!(event.actor_id, Some(secretariat.id.to_string()));
    // The audit's changes are the event's own document, read as written.
    assert_eq!(event.changes["before"]["operating_reserve_rate"], "0");
    assert_eq!(event.changes["after"]["operating_reserve_rate"], "0.05");
}
