//! The Fund's settings have bounds: the support-cost rate from 0 to 13%, applying to
//! awards made after it (grants already awarded keep their support cost, and the answer
//! says so); the operating reserve at most half the cash, and never so high that the
//! available balance goes below zero (`insufficient-funds`, with the figures).

use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::grants::grant_in;
use crate::support::grants::{awarded_grant, check_ok, usd_json as usd};
use crate::support::scenarios::{balances, fund, seat_board};

on_both_backends!(
    rates_beyond_their_bounds_are_refused_naming_the_field_and_the_bound,
    a_new_psc_rate_applies_to_awards_made_after_it,
    a_reserve_that_would_leave_less_than_nothing_available_is_refused,
);

async fn settings(app: &TestApp, who: &TestUser) -> Value {
    app.get(who, "/api/v1/fund").await.expect(200).body["settings"].clone()
}

async fn rates_beyond_their_bounds_are_refused_naming_the_field_and_the_bound(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let before = settings(&app, &secretariat).await;
    for (field, value, bound) in [
        ("psc_rate", "0.5", "0.13"),
        ("psc_rate", "0.130001", "0.13"),
        ("psc_rate", "-0.01", "0.13"),
        ("operating_reserve_rate", "0.8", "0.5"),
        ("operating_reserve_rate", "0.500001", "0.5"),
    ] {
        let refused = app
            .patch(
                &secretariat,
                "/api/v1/fund/settings",
                json!({ field: value }),
            )
            .await
            .expect_problem(400, "validation");
        assert_eq!(refused.bad_fields(), [field], "{}", refused.text);
        assert!(
            refused.text.contains(bound),
            "names the bound: {}",
            refused.text
        );
    }
    assert_eq!(settings(&app, &secretariat).await, before);
    // The bounds themselves are allowed.
    let changed = app
        .patch(
            &secretariat,
            "/api/v1/fund/settings",
            json!({"psc_rate": "0.13", "operating_reserve_rate": "0.5"}),
        )
        .await
        .expect(200);
    assert_eq!(changed.body["settings"]["operating_reserve_rate"], "0.5");
    app.patch(
        &secretariat,
        "/api/v1/fund/settings",
        json!({"psc_rate": "0"}),
    )
    .await
    .expect(200);
}

async fn a_new_psc_rate_applies_to_awards_made_after_it(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let finance = app.user(Role::Finance).await;
    let earlier = grant_in(&app, &board, "KE", "30000.00").await;
    let grant = |id: trustfund::domain::GrantId| {
        let (app, finance) = (&app, &finance);
        async move {
            app.get(finance, &format!("/api/v1/grants/{id}"))
                .await
                .expect(200)
                .body
        }
    };
    assert_eq!(
        grant(earlier).await["programme_support_cost"],
        usd("3900.00")
    );
    let changed = app
        .patch(
            &board.secretariat,
            "/api/v1/fund/settings",
            json!({"psc_rate": "0.08"}),
        )
        .await
        .expect(200);
    let note = changed.body["settings"]["psc_rate_applies_to"]
        .as_str()
        .unwrap();
    assert!(note.contains("awards made after"), "{note}");
    assert!(note.contains("keep"), "{note}");

    // The grant already awarded keeps its 13%; the next award carries 8%.
    let kept = grant(earlier).await;
    assert_eq!(kept["programme_support_cost"], usd("3900.00"));
    assert_eq!(kept["committed"], usd("33900.00"));
    let next = grant_in(&app, &board, "CL", "30000.00").await;
    assert_eq!(grant(next).await["programme_support_cost"], usd("2400.00"));
    check_ok(&app, &finance).await;
}

async fn a_reserve_that_would_leave_less_than_nothing_available_is_refused(app: TestApp) {
    // 60,000 in cash, 33,900 committed (30,000 and 3,900 of support cost).
    let g = awarded_grant(&app, "60000.00").await;
    let before = balances(&app, &g.finance).await;
    assert_eq!(before["available"], usd("26100.00"));

    // Half the cash held back would leave 60,000 − 33,900 − 30,000 = −3,900.
    let refused = app
        .patch(
            &g.secretariat,
            "/api/v1/fund/settings",
            json!({"operating_reserve_rate": "0.5"}),
        )
        .await
        .expect_problem(422, "insufficient-funds");
    assert_eq!(
        refused.bad_fields(),
        ["operating_reserve_rate"],
        "{}",
        refused.text
    );
    let detail = refused.body["detail"].as_str().unwrap();
    for figure in [
        "30000.00 USD",
        "60000.00 USD",
        "33900.00 USD",
        "-3900.00 USD",
    ] {
        assert!(detail.contains(figure), "names {figure}: {detail}");
    }
    // The 0.8 is beyond the ceiling before it is beyond the money.
    app.patch(
        &g.secretariat,
        "/api/v1/fund/settings",
        json!({"operating_reserve_rate": "0.8"}),
    )
    .await
    .expect_problem(400, "validation");
    assert_eq!(balances(&app, &g.finance).await, before);
    assert_eq!(
        settings(&app, &g.finance).await["operating_reserve_rate"],
        "0"
    );

    // 0.4 holds back 24,000 and leaves 2,100; lowering is always allowed.
    let changed = app
        .patch(
            &g.secretariat,
            "/api/v1/fund/settings",
            json!({"operating_reserve_rate": "0.4"}),
        )
        .await
        .expect(200);
    assert_eq!(changed.body["balances"]["available"], usd("2100.00"));
    app.patch(
        &g.secretariat,
        "/api/v1/fund/settings",
        json!({"operating_reserve_rate": "0.1"}),
    )
    .await
    .expect(200);
    check_ok(&app, &g.finance).await;
    // More money makes room for the reserve again.
    fund(&app, "10000.00").await;
    app.patch(
        &g.secretariat,
        "/api/v1/fund/settings",
        json!({"operating_reserve_rate": "0.5"}),
    )
    .await
    .expect(200);
    check_ok(&app, &g.finance).await;
}
