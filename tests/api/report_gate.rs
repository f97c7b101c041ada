//! The report gate holds: a report covers a tranche that was paid (at least in part); the
//! next tranche is paid only once the tranches before it were paid, their reports are
//! accepted, and the accepted report on the one just before shows the configured share
//! (`grants.report_min_spent_share`, 70% by default) of the money received through it
//! spent. 0 leaves the share out, never the paid tranche or the accepted report.

use serde_json::{json, Value};
use trustfund::auth::Role;

use crate::grant_reports::{file, progress, review, signed_grant};
use crate::helpers::{Backend, TestApp, TestUser};
use crate::money_out::{check_ok, payment, refund_of, usd};
use crate::on_both_backends;

on_both_backends!(
    a_report_covers_a_paid_tranche,
    tranche_two_waits_for_tranche_one_to_be_paid,
    the_next_tranche_waits_for_the_share_of_money_spent,
);

/// The grant signed by `grant_reports::signed_grant`: two tranches of USD 15,000.
struct Signed {
    grant: String,
    applicant: TestUser,
    secretariat: TestUser,
    finance: TestUser,
}

async fn signed(app: &TestApp) -> Signed {
    let (applicant, grant) = signed_grant(app).await;
    Signed {
        grant,
        applicant,
        secretariat: app.user(Role::Secretariat).await,
        finance: app.user(Role::Finance).await,
    }
}

/// A progress report on `tranche` spending `spent`.
fn spending(tranche: i64, spent: &str) -> Value {
    let mut body = progress(tranche);
    body["spent"] = json!([{"label": "Shelter rent", "amount": usd(spent)}]);
    body
}

impl Signed {
    async fn pay(&self, app: &TestApp, tranche: i32, amount: &str) -> crate::helpers::Answer {
        app.post(
            &self.finance,
            &format!("/api/v1/grants/{}/disbursements", self.grant),
            payment(tranche, amount),
        )
        .await
    }

    /// Files a progress report on `tranche` spending `spent`, and accepts it.
    async fn report_accepted(&self, app: &TestApp, tranche: i64, spent: &str) -> String {
        let filed = file(app, &self.applicant, &self.grant, spending(tranche, spent))
            .await
            .expect(201);
        let id = filed.body["id"].as_str().unwrap().to_string();
        review(app, &self.secretariat, &id, json!({"accepted": true}))
            .await
            .expect(200);
        id
    }

    async fn tranche_paid(&self, app: &TestApp, number: usize) -> Value {
        app.get(&self.finance, &format!("/api/v1/grants/{}", self.grant))
            .await
            .expect(200)
            .body["tranches"][number - 1]["paid"]
            .clone()
    }
}

async fn a_report_covers_a_paid_tranche(app: TestApp) {
    let g = signed(&app).await;
    // Nothing paid yet: nothing to report on, and nothing is written.
    let refused = file(&app, &g.applicant, &g.grant, spending(1, "0.00"))
        .await
        .expect_problem(422, "report-tranche-unpaid");
    assert_eq!(refused.bad_fields(), ["tranche"], "{}", refused.text);
    let reports = app
        .get(&g.finance, &format!("/api/v1/grants/{}/reports", g.grant))
        .await
        .expect(200);
    assert!(reports.body["items"].as_array().unwrap().is_empty());

    // Paid in part is paid: a report on it covers what was received.
    g.pay(&app, 1, "1000.00").await.expect(201);
    file(&app, &g.applicant, &g.grant, spending(2, "0.00"))
        .await
        .expect_problem(422, "report-tranche-unpaid");
    file(&app, &g.applicant, &g.grant, spending(1, "800.00"))
        .await
        .expect(201);
}

/// The story: a progress report on tranche 1 showing nothing spent, accepted
/// while tranche 1 stood unpaid (here, its payment reversed after the report), must not
/// let tranche 2 be paid.
async fn tranche_two_waits_for_tranche_one_to_be_paid(app: TestApp) {
    let g = signed(&app).await;
    let paid = g.pay(&app, 1, "15000.00").await.expect(201);
    g.report_accepted(&app, 1, "0.00").await;
    let entry = paid.body["ledger_transaction_id"].as_str().unwrap();
    app.post(
        &g.finance,
        &format!("/api/v1/ledger/transactions/{entry}/reversal"),
        json!({"reason": "paid to the wrong account"}),
    )
    .await
    .expect(201);
    assert_eq!(g.tranche_paid(&app, 1).await, usd("0.00"));

    let refused = g
        .pay(&app, 2, "15000.00")
        .await
        .expect_problem(422, "previous-tranche-unpaid");
    assert_eq!(refused.bad_fields(), ["tranche"], "{}", refused.text);
    assert!(refused.text.contains("tranche 1"), "{}", refused.text);
    assert_eq!(g.tranche_paid(&app, 2).await, usd("0.00"));
    check_ok(&app, &g.finance).await;
}

async fn the_next_tranche_waits_for_the_share_of_money_spent(app: TestApp) {
    let g = signed(&app).await;
    g.pay(&app, 1, "15000.00").await.expect(201);
    // No report yet, then a report not yet reviewed: the report is pending.
    g.pay(&app, 2, "15000.00")
        .await
        .expect_problem(422, "report-pending");
    let filed = file(&app, &g.applicant, &g.grant, spending(1, "10000.00"))
        .await
        .expect(201);
    g.pay(&app, 2, "15000.00")
        .await
        .expect_problem(422, "report-pending");
    let id = filed.body["id"].as_str().unwrap();
    review(&app, &g.secretariat, id, json!({"accepted": true}))
        .await
        .expect(200);

    // Accepted, but 10,000 of the 15,000 received is 66.7%: short of 70% (10,500).
    let refused = g
        .pay(&app, 2, "15000.00")
        .await
        .expect_problem(422, "report-spent-too-little");
    assert_eq!(refused.bad_fields(), ["tranche"], "{}", refused.text);
    let detail = refused.body["detail"].as_str().unwrap();
    for figure in ["70%", "15000.00 USD", "10500.00 USD", "10000.00 USD"] {
        assert!(detail.contains(figure), "names {figure}: {detail}");
    }
    assert_eq!(g.tranche_paid(&app, 2).await, usd("0.00"));

    // The unspent money comes back: 10,000 of the 14,000 received is enough.
    app.post(
        &g.finance,
        &format!("/api/v1/grants/{}/refunds", g.grant),
        refund_of("1000.00"),
    )
    .await
    .expect(201);
    g.pay(&app, 2, "15000.00").await.expect(201);
    check_ok(&app, &g.finance).await;
}

/// With the share at 0, an accepted report opens the next tranche whatever it shows
/// spent; the tranche before must still be paid and its report accepted.
async fn a_share_of_zero_asks_only_for_the_accepted_report(app: TestApp) {
    let g = signed(&app).await;
    g.pay(&app, 2, "15000.00")
        .await
        .expect_problem(422, "previous-tranche-unpaid");
    g.pay(&app, 1, "15000.00").await.expect(201);
    g.pay(&app, 2, "15000.00")
        .await
        .expect_problem(422, "report-pending");
    g.report_accepted(&app, 1, "0.00").await;
    g.pay(&app, 2, "15000.00").await.expect(201);
    check_ok(&app, &g.finance).await;
}

fn share_off(settings: &mut trustfund::config::Settings) {
    settings.grants.report_min_spent_share = rust_decimal::Decimal::ZERO;
}

mod a_share_of_zero_asks_only_for_the_accepted_report {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = TestApp::try_spawn_tuned(Backend::Sqlite, share_off).await;
        super::a_share_of_zero_asks_only_for_the_accepted_report(app.unwrap()).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        match TestApp::try_spawn_tuned(Backend::Postgres, share_off).await {
            Some(app) => super::a_share_of_zero_asks_only_for_the_accepted_report(app).await,
            None => crate::helpers::postgres_skipped(),
        }
    }
}
