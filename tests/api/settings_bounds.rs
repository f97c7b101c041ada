//! The Fund's settings have bounds: the support-cost rate from 0 to 13%, applying to
//! awards made after it (grants already awarded keep their support cost, and the answer
//! says so); the operating reserve at most half the cash, and never so high that the
//! available balance goes below zero (`insufficient-funds`, with the figures).

use serde_json::json;
use trustfund::auth::Role;
use trustfund::domain::GrantId;
use trustfund::grants::GrantView;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::fund_view::SettingsRead;
use crate::support::grants::grant_in;
use crate::support::grants::{awarded_grant, check_ok, fund_balances};
use crate::support::scenarios::{fund, seat_board};
use crate::support::usd;

on_both_backends!(
    rates_beyond_their_bounds_are_refused_naming_the_field_and_the_bound,
    a_new_psc_rate_applies_to_awards_made_after_it,
    a_reserve_that_would_leave_less_than_nothing_available_is_refused,
);

async fn settings(app: &TestApp, who: &TestUser) -> SettingsRead {
    app.as_(who).fund().read().await.ok().settings
}

// The changes below are JSON: the crate's request is only read, and a rate out of bounds
// is what some of them send on purpose.

async fn rates_beyond_their_bounds_are_refused_naming_the_field_and_the_bound(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let fund = || app.as_(&secretariat).fund();
    let before = settings(&app, &secretariat).await;
    for (field, value, bound) in [
        ("psc_rate", "0.5", "0.13"),
        ("psc_rate", "0.130001", "0.13"),
        ("psc_rate", "-0.01", "0.13"),
        ("operating_reserve_rate", "0.8", "0.5"),
        ("operating_reserve_rate", "0.500001", "0.5"),
    ] {
        let refused = fund()
            .change_settings(&json!({ field: value }))
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields(), [field], "{refused:?}");
        refused.mentions(bound);
    }
    assert_eq!(settings(&app, &secretariat).await, before);
    // The bounds themselves are allowed.
    let changed = fund()
        .change_settings(&json!({"psc_rate": "0.13", "operating_reserve_rate": "0.5"}))
        .await
        .ok();
    assert_eq!(changed.settings.operating_reserve_rate.to_string(), "0.5");
    fund().change_settings(&json!({"psc_rate": "0"})).await.ok();
}

async fn a_new_psc_rate_applies_to_awards_made_after_it(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let finance = app.user(Role::Finance).await;
    let earlier = grant_in(&app, &board, "KE", "30000.00").await;
    let grant = |id: GrantId| {
        let finance = app.as_(&finance);
        async move { finance.grant(id).get().await.ok() }
    };
    assert_eq!(grant(earlier).await.programme_support_cost, usd("3900.00"));
    let changed = app
        .as_(&board.secretariat)
        .fund()
        .change_settings(&json!({"psc_rate": "0.08"}))
        .await
        .ok();
    let note = changed.settings.psc_rate_applies_to;
    assert!(note.contains("awards made after"), "{note}");
    assert!(note.contains("keep"), "{note}");

    // The grant already awarded keeps its 13%; the next award carries 8%.
    let kept: GrantView = grant(earlier).await;
    assert_eq!(kept.programme_support_cost, usd("3900.00"));
    assert_eq!(kept.committed, usd("33900.00"));
    let next = grant_in(&app, &board, "CL", "30000.00").await;
    assert_eq!(grant(next).await.programme_support_cost, usd("2400.00"));
    check_ok(&app, &finance).await;
}

async fn a_reserve_that_would_leave_less_than_nothing_available_is_refused(app: TestApp) {
    // 60,000 in cash, 33,900 committed (30,000 and 3,900 of support cost).
    let g = awarded_grant(&app, "60000.00").await;
    let fund_settings = || app.as_(&g.secretariat).fund();
    let before = fund_balances(&app, &g.finance).await;
    assert_eq!(before.available, usd("26100.00"));

    // Half the cash held back would leave 60,000 − 33,900 − 30,000 = −3,900.
    let refused = fund_settings()
        .change_settings(&json!({"operating_reserve_rate": "0.5"}))
        .await
        .refused(422, "insufficient-funds");
    assert_eq!(refused.fields(), ["operating_reserve_rate"], "{refused:?}");
    for figure in [
        "30000.00 USD",
        "60000.00 USD",
        "33900.00 USD",
        "-3900.00 USD",
    ] {
        refused.says(figure);
    }
    // The 0.8 is beyond the ceiling before it is beyond the money.
    fund_settings()
        .change_settings(&json!({"operating_reserve_rate": "0.8"}))
        .await
        .refused(400, "validation");
    assert_eq!(fund_balances(&app, &g.finance).await, before);
    assert_eq!(
        settings(&app, &g.finance)
            .await
            .operating_reserve_rate
            .to_string(),
        "0"
    );

    // 0.4 holds back 24,000 and leaves 2,100; lowering is always allowed.
    let changed = fund_settings()
        .change_settings(&json!({"operating_reserve_rate": "0.4"}))
        .await
        .ok();
    assert_eq!(changed.balances.available, usd("2100.00"));
    fund_settings()
        .change_settings(&json!({"operating_reserve_rate": "0.1"}))
        .await
        .ok();
    check_ok(&app, &g.finance).await;
    // More money makes room for the reserve again.
    fund(&app, "10000.00").await;
    fund_settings()
        .change_settings(&json!({"operating_reserve_rate": "0.5"}))
        .await
        .ok();
    check_ok(&app, &g.finance).await;
}
