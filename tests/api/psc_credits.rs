//! Programme support cost credited back on refunds: the grant's ratio of its refunds to
//! date, half to even to the cent (1,000.00 refunded at 13% credits 130.00, even on an
//! award whose PSC was rounded down a hair under 13%), shown on the grant view, in the
//! geography report and in `/fund`, whose support-cost figures add to the same cent.

use serde_json::Value;
use trustfund::auth::Role;

use crate::fund_reports::grant_in;
use crate::helpers::{TestApp, TestUser};
use crate::money_out::{check_ok, payment, refund_of, usd};
use crate::on_both_backends;
use crate::support::scenarios::{fund, seat_board};

on_both_backends!(
    a_refund_of_1000_at_13_percent_credits_130_00,
    grants_the_geography_report_and_the_fund_agree_on_support_cost,
);

fn days(n: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(n)).to_string()
}

/// Signs `grant`'s agreement with two tranches: `first` due today, the rest of `award`
/// in 90 days.
async fn sign(app: &TestApp, secretariat: &TestUser, grant: &str, first: &str, rest: &str) {
    app.post(
        secretariat,
        &format!("/api/v1/grants/{grant}/agreement"),
        serde_json::json!({
            "signed_on": days(0), "period_start": days(0), "period_end": days(365),
            "tranches": [{"amount": usd(first), "due_on": days(0)},
                         {"amount": usd(rest), "due_on": days(90)}],
            "budget_lines": [{"label": "Shelter", "amount": usd(first)},
                             {"label": "Legal aid", "amount": usd(rest)}]
        }),
    )
    .await
    .expect(201);
}

async fn grant(app: &TestApp, user: &TestUser, id: &str) -> Value {
    app.get(user, &format!("/api/v1/grants/{id}"))
        .await
        .expect(200)
        .body
}

fn cents(money: &Value) -> i64 {
    let text = money["amount"].as_str().unwrap();
    let (units, fraction) = text.split_once('.').unwrap();
    units.parse::<i64>().unwrap() * 100 + fraction.parse::<i64>().unwrap()
}

async fn a_refund_of_1000_at_13_percent_credits_130_00(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    // 13% of 33,333.33 is 4,333.3329: the PSC committed is 4,333.33, so the grant's ratio
    // is a hair under 13% and a floored share of 1,000.00 would be 129.99.
    let id = grant_in(&app, &board, "KE", "33333.33").await;
    let finance = app.user(Role::Finance).await;
    let awarded = grant(&app, &finance, &id).await;
    assert_eq!(awarded["programme_support_cost"], usd("4333.33"));
    sign(&app, &board.secretariat, &id, "10000.00", "23333.33").await;
    let paid = app
        .post(
            &finance,
            &format!("/api/v1/grants/{id}/disbursements"),
            payment(1, "10000.00"),
        )
        .await
        .expect(201);
    assert_eq!(paid.body["programme_support_cost"], usd("1299.99"));

    let refunded = app
        .post(
            &finance,
            &format!("/api/v1/grants/{id}/refunds"),
            refund_of("1000.00"),
        )
        .await
        .expect(201);
    assert_eq!(refunded.body["programme_support_cost"], usd("130.00"));
    let view = grant(&app, &finance, &id).await;
    assert_eq!(view["refunded"], usd("1000.00"));
    assert_eq!(view["psc_credited"], usd("130.00"));
    assert_eq!(view["programme_support_cost_disbursed"], usd("1299.99"));

    // Credits to date are the ratio of refunds to date: three more refunds of 333.33,
    // 333.33 and 333.34 credit 130.00 between them, as one of 1,000.00 would.
    let mut credited = Vec::new();
    for amount in ["333.33", "333.33", "333.34"] {
        let r = app
            .post(
                &finance,
                &format!("/api/v1/grants/{id}/refunds"),
                refund_of(amount),
            )
            .await
            .expect(201);
        credited.push(r.body["programme_support_cost"]["amount"].clone());
    }
    // Each brings the credits to date to the ratio of the refunds to date.
    assert_eq!(credited, ["43.33", "43.34", "43.33"]);
    let view = grant(&app, &finance, &id).await;
    assert_eq!(view["psc_credited"], usd("260.00"));
    check_ok(&app, &finance).await;
}

async fn grants_the_geography_report_and_the_fund_agree_on_support_cost(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let kenya = grant_in(&app, &board, "KE", "33333.33").await;
    let chile = grant_in(&app, &board, "CL", "30000.00").await;
    let finance = app.user(Role::Finance).await;
    sign(&app, &board.secretariat, &kenya, "10000.00", "23333.33").await;
    sign(&app, &board.secretariat, &chile, "20000.00", "10000.00").await;
    for (grant, paid, back) in [
        (&kenya, "10000.00", "1000.00"),
        (&chile, "12345.67", "500.25"),
    ] {
        app.post(
            &finance,
            &format!("/api/v1/grants/{grant}/disbursements"),
            payment(1, paid),
        )
        .await
        .expect(201);
        app.post(
            &finance,
            &format!("/api/v1/grants/{grant}/refunds"),
            refund_of(back),
        )
        .await
        .expect(201);
    }

    // The grants: support cost paid, less what the refunds credited back.
    let mut paid_psc = 0;
    let mut credited = 0;
    for id in [&kenya, &chile] {
        let view = grant(&app, &finance, id).await;
        paid_psc += cents(&view["programme_support_cost_disbursed"]);
        credited += cents(&view["psc_credited"]);
    }
    // 1,299.99 + 1,604.93 paid (13% of 12,345.67 is 1,604.9371, rounded down);
    // 130.00 + 65.03 credited (13% of 500.25 is 65.0325).
    assert_eq!((paid_psc, credited), (290_492, 19_503));

    let trustee = app.user(Role::Trustee).await;
    let report = app
        .get(&trustee, "/api/v1/reports/geography")
        .await
        .expect(200)
        .body;
    let totals = &report["totals"];
    assert_eq!(cents(&totals["disbursement_psc"]), paid_psc);
    assert_eq!(cents(&totals["psc_credited"]), credited);
    assert_eq!(cents(&totals["net_psc"]), paid_psc - credited);
    let groups = report["regional_groups"].as_array().unwrap();
    let group_net: i64 = groups.iter().map(|g| cents(&g["net_psc"])).sum();
    assert_eq!(group_net, paid_psc - credited);

    let balances = app.get(&finance, "/api/v1/fund").await.expect(200).body["balances"].clone();
    assert_eq!(
        cents(&balances["programme_support_costs_to_date"]),
        paid_psc - credited,
        "/fund counts support cost net of credits, as the grants and the report do"
    );
    check_ok(&app, &finance).await;
}
