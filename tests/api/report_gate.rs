//! The report gate holds: a report covers a tranche that was paid (at least in part); the
//! next tranche is paid only once the tranches before it were paid, their reports are
//! accepted, and the accepted report on the one just before shows the configured share
//! (`grants.report_min_spent_share`, 70% by default) of the money received through it
//! spent. 0 leaves the share out, never the paid tranche or the accepted report.

use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::domain::{GrantReportId, Money};

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;
use crate::support::bodies::{progress_report, refund, spent_on, two_tranche_agreement};
use crate::support::grants::{awarded_grant, check_ok, Awarded};
use crate::support::{bodies, short, usd, Reply};

on_both_backends!(
    a_report_covers_a_paid_tranche,
    tranche_two_waits_for_tranche_one_to_be_paid,
    the_next_tranche_waits_for_the_share_of_money_spent,
);

/// A grant of USD 30,000 signed in two tranches of USD 15,000 ([`two_tranche_agreement`]).
async fn signed(app: &TestApp) -> Awarded {
    let g = awarded_grant(app, "100000.00").await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&two_tranche_agreement())
        .await
        .created();
    g
}

/// A progress report on `tranche` spending `spent` on the shelter.
fn spending(tranche: i32, spent: &str) -> trustfund::api::grant_reports::ReportRequest {
    progress_report(tranche, vec![spent_on("Shelter rent", usd(spent))])
}

async fn pay(
    app: &TestApp,
    g: &Awarded,
    tranche: i32,
    amount: &str,
) -> Reply<trustfund::grants::DisbursementView> {
    app.as_(&g.finance)
        .grant(g.grant)
        .pay(&bodies::disbursement(tranche, amount))
        .await
}

async fn file(
    app: &TestApp,
    g: &Awarded,
    tranche: i32,
    spent: &str,
) -> Reply<trustfund::grant_reports::ReportView> {
    app.as_(&g.applicant)
        .grant(g.grant)
        .file_report(&spending(tranche, spent))
        .await
}

async fn accept(app: &TestApp, g: &Awarded, report: GrantReportId) {
    app.as_(&g.secretariat)
        .report(report)
        .review(&bodies::accept())
        .await
        .ok();
}

/// Files a progress report on `tranche` spending `spent`, and accepts it.
async fn report_accepted(app: &TestApp, g: &Awarded, tranche: i32, spent: &str) {
    let filed = file(app, g, tranche, spent).await.created();
    accept(app, g, filed.id).await;
}

async fn tranche_paid(app: &TestApp, g: &Awarded, number: usize) -> Money {
    let view = app.as_(&g.finance).grant(g.grant).get().await.ok();
    view.tranches[number - 1].paid
}

async fn a_report_covers_a_paid_tranche(app: TestApp) {
    let g = signed(&app).await;
    // Nothing paid yet: nothing to report on, and nothing is written.
    let refused = file(&app, &g, 1, "0.00")
        .await
        .refused(422, "report-tranche-unpaid");
    assert_eq!(refused.fields(), ["tranche"], "{refused:?}");
    let reports = app.as_(&g.finance).grant(g.grant).reports().await.ok();
    assert!(reports.items.is_empty());

    // Paid in part is paid: a report on it covers what was received.
    pay(&app, &g, 1, "1000.00").await.created();
    file(&app, &g, 2, "0.00")
        .await
        .refused(422, "report-tranche-unpaid");
    file(&app, &g, 1, "800.00").await.created();
}

/// The story: a progress report on tranche 1 showing nothing spent, accepted
/// while tranche 1 stood unpaid (here, its payment reversed after the report), must not
/// let tranche 2 be paid.
async fn tranche_two_waits_for_tranche_one_to_be_paid(app: TestApp) {
    let g = signed(&app).await;
    let paid = pay(&app, &g, 1, "15000.00").await.created();
    report_accepted(&app, &g, 1, "0.00").await;
    app.as_(&g.finance)
        .ledger()
        .reverse(
            paid.ledger_transaction_id,
            &ReversalRequest {
                reason: short("paid to the wrong account"),
            },
        )
        .await
        .created();
    assert_eq!(tranche_paid(&app, &g, 1).await, usd("0.00"));

    let refused = pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "previous-tranche-unpaid");
    assert_eq!(refused.fields(), ["tranche"], "{refused:?}");
    refused.says("tranche 1");
    assert_eq!(tranche_paid(&app, &g, 2).await, usd("0.00"));
    check_ok(&app, &g.finance).await;
}

async fn the_next_tranche_waits_for_the_share_of_money_spent(app: TestApp) {
    let g = signed(&app).await;
    pay(&app, &g, 1, "15000.00").await.created();
    // No report yet, then a report not yet reviewed: the report is pending.
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "report-pending");
    let filed = file(&app, &g, 1, "10000.00").await.created();
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "report-pending");
    accept(&app, &g, filed.id).await;

    // Accepted, but 10,000 of the 15,000 received is 66.7%: short of 70% (10,500).
    let refused = pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "report-spent-too-little");
    assert_eq!(refused.fields(), ["tranche"], "{refused:?}");
    for figure in ["70%", "15000.00 USD", "10500.00 USD", "10000.00 USD"] {
        refused.says(figure);
    }
    assert_eq!(tranche_paid(&app, &g, 2).await, usd("0.00"));

    // The unspent money comes back: 10,000 of the 14,000 received is enough.
    app.as_(&g.finance)
        .grant(g.grant)
        .refund(&refund("1000.00"))
        .await
        .created();
    pay(&app, &g, 2, "15000.00").await.created();
    check_ok(&app, &g.finance).await;
}

/// With the share at 0, an accepted report opens the next tranche whatever it shows
/// spent; the tranche before must still be paid and its report accepted.
async fn a_share_of_zero_asks_only_for_the_accepted_report(app: TestApp) {
    let g = signed(&app).await;
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "previous-tranche-unpaid");
    pay(&app, &g, 1, "15000.00").await.created();
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "report-pending");
    report_accepted(&app, &g, 1, "0.00").await;
    pay(&app, &g, 2, "15000.00").await.created();
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
