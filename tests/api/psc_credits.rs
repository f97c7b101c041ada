//! Programme support cost credited back on refunds: the grant's ratio of its refunds to
//! date, half to even to the cent (1,000.00 refunded at 13% credits 130.00, even on an
//! award whose PSC was rounded down a hair under 13%), shown on the grant view, in the
//! geography report and in `/fund`, whose support-cost figures add to the same cent.

use trustfund::api::grants::AgreementRequest;
use trustfund::auth::Role;
use trustfund::domain::{Currency, GrantId, Money};
use trustfund::grants::GrantView;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{agreement, budget_line, disbursement, refund, tranche};
use crate::support::grants::{check_ok, fund_balances, grant_in};
use crate::support::scenarios::{fund, seat_board};
use crate::support::{paths, usd};

/// The geography report's programme support cost: in total and by regional group.
#[derive(Debug, serde::Deserialize)]
struct GeographyPsc {
    totals: PscFigures,
    regional_groups: Vec<PscFigures>,
}

#[derive(Debug, serde::Deserialize)]
struct PscFigures {
    disbursement_psc: Money,
    psc_credited: Money,
    net_psc: Money,
}

on_both_backends!(
    a_refund_of_1000_at_13_percent_credits_130_00,
    grants_the_geography_report_and_the_fund_agree_on_support_cost,
);

/// Signs `grant`'s agreement with two tranches: `first` due today, the rest of `award`
/// in 90 days.
async fn sign(app: &TestApp, secretariat: &TestUser, grant: GrantId, first: &str, rest: &str) {
    app.as_(secretariat)
        .grant(grant)
        .sign_with_file(&AgreementRequest {
            tranches: vec![tranche(first, 0), tranche(rest, 90)],
            budget_lines: Some(vec![
                budget_line("Shelter", first),
                budget_line("Legal aid", rest),
            ]),
            ..agreement()
        })
        .await
        .created();
}

async fn grant(app: &TestApp, user: &TestUser, id: GrantId) -> GrantView {
    app.as_(user).grant(id).get().await.ok()
}

fn total(amounts: impl IntoIterator<Item = Money>) -> Money {
    Money::sum(Currency::USD, amounts).expect("amounts in USD")
}

async fn a_refund_of_1000_at_13_percent_credits_130_00(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    // 13% of 33,333.33 is 4,333.3329: the PSC committed is 4,333.33, so the grant's ratio
    // is a hair under 13% and a floored share of 1,000.00 would be 129.99.
    let id = grant_in(&app, &board, "KE", "33333.33").await;
    let finance = app.user(Role::Finance).await;
    let as_finance = app.as_(&finance);
    let awarded = grant(&app, &finance, id).await;
    assert_eq!(awarded.programme_support_cost, usd("4333.33"));
    sign(&app, &board.secretariat, id, "10000.00", "23333.33").await;
    let paid = as_finance
        .grant(id)
        .pay(&disbursement(1, "10000.00"))
        .await
        .created();
    assert_eq!(paid.programme_support_cost, usd("1299.99"));

    let refunded = as_finance
        .grant(id)
        .refund(&refund("1000.00"))
        .await
        .created();
    assert_eq!(refunded.programme_support_cost, usd("130.00"));
    let view = grant(&app, &finance, id).await;
    assert_eq!(view.refunded, usd("1000.00"));
    assert_eq!(view.psc_credited, usd("130.00"));
    assert_eq!(view.programme_support_cost_disbursed, usd("1299.99"));

    // Credits to date are the ratio of refunds to date: three more refunds of 333.33,
    // 333.33 and 333.34 credit 130.00 between them, as one of 1,000.00 would.
    let mut credited = Vec::new();
    for amount in ["333.33", "333.33", "333.34"] {
        let r = as_finance.grant(id).refund(&refund(amount)).await.created();
        credited.push(r.programme_support_cost);
    }
    // Each brings the credits to date to the ratio of the refunds to date.
    assert_eq!(credited, [usd("43.33"), usd("43.34"), usd("43.33")]);
    let view = grant(&app, &finance, id).await;
    assert_eq!(view.psc_credited, usd("260.00"));
    check_ok(&app, &finance).await;
}

async fn grants_the_geography_report_and_the_fund_agree_on_support_cost(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let kenya = grant_in(&app, &board, "KE", "33333.33").await;
    let chile = grant_in(&app, &board, "CL", "30000.00").await;
    let finance = app.user(Role::Finance).await;
    let as_finance = app.as_(&finance);
    sign(&app, &board.secretariat, kenya, "10000.00", "23333.33").await;
    sign(&app, &board.secretariat, chile, "20000.00", "10000.00").await;
    for (grant, paid, back) in [
        (kenya, "10000.00", "1000.00"),
        (chile, "12345.67", "500.25"),
    ] {
        as_finance
            .grant(grant)
            .pay(&disbursement(1, paid))
            .await
            .created();
        as_finance
            .grant(grant)
            .refund(&refund(back))
            .await
            .created();
    }

    // The grants: support cost paid, less what the refunds credited back.
    let mut views = Vec::new();
    for id in [kenya, chile] {
        views.push(grant(&app, &finance, id).await);
    }
    let paid_psc = total(views.iter().map(|v| v.programme_support_cost_disbursed));
    let credited = total(views.iter().map(|v| v.psc_credited));
    // 1,299.99 + 1,604.93 paid (13% of 12,345.67 is 1,604.9371, rounded down);
    // 130.00 + 65.03 credited (13% of 500.25 is 65.0325).
    assert_eq!((paid_psc, credited), (usd("2904.92"), usd("195.03")));
    let net = paid_psc.checked_sub(credited).unwrap();

    // The geography report's support cost, through a twin of what it writes (its view
    // belongs to its feature, which only writes it).
    let trustee = app.user(Role::Trustee).await;
    let report: GeographyPsc = app
        .as_(&trustee)
        .get(paths::fund_report("geography"))
        .await
        .ok();
    assert_eq!(report.totals.disbursement_psc, paid_psc);
    assert_eq!(report.totals.psc_credited, credited);
    assert_eq!(report.totals.net_psc, net);
    let group_net = total(report.regional_groups.iter().map(|g| g.net_psc));
    assert_eq!(group_net, net);

    let balances = fund_balances(&app, &finance).await;
    assert_eq!(
        balances.programme_support_costs_to_date, net,
        "/fund counts support cost net of credits, as the grants and the report do"
    );
    check_ok(&app, &finance).await;
}
