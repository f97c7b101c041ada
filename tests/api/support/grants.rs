//! A grant at a given stage, built through the API as users build it: awarded by the
//! Board, its agreement signed, its first tranche paid, a report on a tranche accepted;
//! and what the money tests check after each step (the ledger reconciles, the rules the
//! check finds broken, a database tampered with behind the service's back).
//!
//! The bodies (`schedule`, `payment`, `refund_of`) are JSON, for the tests that change one
//! field of them on purpose; `bodies::agreement`, `bodies::disbursement` and
//! `bodies::refund` are the same requests in the crate's own types.

use serde_json::{json, Value};
use trustfund::auth::Role;
use trustfund::domain::{GrantId, Money, OrganizationId};

use super::bodies;
use super::scenarios::{approved_by_three, fund, seat_board, Board};
use crate::helpers::{TestApp, TestUser};

/// An amount in US dollars as the money features' JSON carries it.
pub fn usd_json(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

/// A grant's id as the JSON tests hold it (text), for the typed client.
pub fn grant_id(text: &str) -> GrantId {
    GrantId::from(text.parse::<uuid::Uuid>().expect("a grant's id"))
}

/// `n` days from today, as the API writes a date.
pub fn days(n: i64) -> String {
    bodies::days_from_today(n).to_string()
}

/// An awarded grant to a Kenyan NGO, the people who act on it, and the Fund it is paid
/// from.
pub struct Awarded {
    pub grant: GrantId,
    /// The grantee's first applicant.
    pub applicant: TestUser,
    pub organization: OrganizationId,
    pub secretariat: TestUser,
    pub finance: TestUser,
}

/// An awarded grant of USD 30,000 (PSC 3,900) to a Kenyan NGO, in a Fund holding `cash`.
pub async fn awarded_grant(app: &TestApp, cash: &str) -> Awarded {
    awarded_grant_of(app, cash, "30000.00").await
}

/// [`awarded_grant`] with the Board's award of `award` (the application asks for 45,000
/// on a budget of "Shelter rent" 30,000 and "Lawyers" 15,000).
pub async fn awarded_grant_of(app: &TestApp, cash: &str, award: &str) -> Awarded {
    let board = seat_board(app).await;
    fund(app, cash).await;
    let (applicant, application) = super::scenarios::application_under_review(app, "KE").await;
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&bodies::approve(award))
            .await
            .ok();
    }
    let grant = decided_grant(app, &board, application).await;
    let organization = app
        .as_(&applicant)
        .grant(grant)
        .get()
        .await
        .ok()
        .organization_id;
    Awarded {
        grant,
        applicant,
        organization,
        secretariat: board.secretariat,
        finance: app.user(Role::Finance).await,
    }
}

/// The grant the secretariat's closing of the vote on `application` awards.
async fn decided_grant(
    app: &TestApp,
    board: &Board,
    application: trustfund::domain::ApplicationId,
) -> GrantId {
    app.as_(&board.secretariat)
        .application(application)
        .decide()
        .await
        .created()
        .grant_id
        .expect("an approved application's grant")
}

/// A Kenyan NGO's grant awarded by three approvals of USD 30,000 on `board`'s Fund.
pub async fn grant_approved_by_three(app: &TestApp, board: &Board) -> GrantId {
    let application = approved_by_three(app, board).await;
    decided_grant(app, board, application).await
}

/// An application by an NGO registered in `country`, approved by three trustees of
/// `board` for `amount` USD: the grant's id.
pub async fn grant_in(app: &TestApp, board: &Board, country: &str, amount: &str) -> GrantId {
    grant_with_applicant_in(app, board, country, amount).await.1
}

/// [`grant_in`], with the grantee's applicant.
pub async fn grant_with_applicant_in(
    app: &TestApp,
    board: &Board,
    country: &str,
    amount: &str,
) -> (TestUser, GrantId) {
    let (applicant, application) = super::scenarios::application_under_review(app, country).await;
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&bodies::approve(amount))
            .await
            .ok();
    }
    (applicant, decided_grant(app, board, application).await)
}

/// Three tranches: 15,000 due today, 10,000 in 90 days, 5,000 in 180 days; a budget at
/// the award of 30,000 (the application asked for 45,000): "Shelter rent" 20,000 and
/// "Lawyers" 10,000. JSON: see the module's comment.
pub fn schedule() -> Value {
    serde_json::to_value(bodies::agreement()).expect("an agreement serializes")
}

/// The budget lines of [`schedule`].
pub fn budget_at_award() -> Value {
    serde_json::to_value(bodies::budget_at_award()).expect("budget lines serialize")
}

/// A payment of `amount` USD on `tranche` today, with a fresh payment reference.
pub fn payment(tranche: i32, amount: &str) -> Value {
    serde_json::to_value(bodies::disbursement(tranche, amount)).expect("a payment serializes")
}

/// A refund of `amount` USD received today, with a fresh bank reference.
pub fn refund_of(amount: &str) -> Value {
    serde_json::to_value(bodies::refund(amount)).expect("a refund serializes")
}

/// A grant awarded 30,000 on a Fund holding `cash`, its agreement signed on [`schedule`].
pub async fn signed_grant(app: &TestApp, cash: &str) -> Awarded {
    let g = awarded_grant(app, cash).await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    g
}

/// A [`signed_grant`] with `paid` of tranche 1 (15,000) paid.
pub async fn first_tranche_paid(app: &TestApp, cash: &str, paid: &str) -> Awarded {
    let g = signed_grant(app, cash).await;
    app.as_(&g.finance)
        .grant(g.grant)
        .pay(&bodies::disbursement(1, paid))
        .await
        .created();
    g
}

/// What the grantee received on `grant`: disbursed, net of refunds.
pub async fn received(app: &TestApp, who: &TestUser, grant: GrantId) -> Money {
    let view = app.as_(who).grant(grant).get().await.ok();
    view.disbursed
        .checked_sub(view.refunded)
        .expect("refunds in the grant's currency")
}

/// `spent` spread over `grant`'s budget lines in their order, each filled to its budget
/// before the next (the last takes the rest): a report's `spent` that the budget accepts.
pub async fn spread_over_budget(
    app: &TestApp,
    who: &TestUser,
    grant: GrantId,
    spent: Money,
) -> Vec<trustfund::grant_reports::SpentLine> {
    let view = app.as_(who).grant(grant).get().await.ok();
    let mut left = spent;
    let count = view.budget.len();
    let mut spending = Vec::new();
    for (i, line) in view.budget.into_iter().enumerate() {
        let on = if i + 1 == count || left.amount() <= line.budget.amount() {
            left
        } else {
            line.budget
        };
        left = left.checked_sub(on).expect("same currency");
        spending.push(bodies::spent_on(&line.label, on));
    }
    spending
}

/// The grantee's applicant files a progress report on `tranche` (today, every cent it
/// received spent, so the report opens the next tranche) and the secretariat accepts it,
/// both through the HTTP API, as users do.
pub async fn report_accepted(
    app: &TestApp,
    applicant: &TestUser,
    secretariat: &TestUser,
    grant: GrantId,
    tranche: i32,
) {
    let spent = received(app, applicant, grant).await;
    let spent = spread_over_budget(app, applicant, grant, spent).await;
    let filed = app
        .as_(applicant)
        .grant(grant)
        .file_report(&bodies::progress_report(tranche, spent))
        .await
        .created();
    let reviewed = app
        .as_(secretariat)
        .report(filed.id)
        .review(&bodies::accept())
        .await
        .ok();
    assert_eq!(
        reviewed.state,
        trustfund::grant_reports::ReportState::Accepted
    );
}

/// Closes the grant as the reports feature does when a final report is accepted that
/// accounts for everything the grantee received (nothing owed back).
pub async fn close(app: &TestApp, grant: GrantId) -> trustfund::grants::GrantView {
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = db.get().expect("a connection");
        trustfund::db::write_blocking(&mut conn, trustfund::db::Actor::system("test"), |tx| {
            let today = tx.now().date();
            let shown = trustfund::grants::find(tx.conn(), grant, today)?
                .ok_or(trustfund::error::AppError::NotFound)?;
            let received = shown
                .disbursed
                .checked_sub(shown.refunded)
                .map_err(trustfund::error::AppError::internal)?;
            trustfund::grants::close(tx, grant, received)
        })
    })
    .await
    .expect("join")
    .expect("the grant closes")
}

/// `ledger check` finds nothing broken.
pub async fn check_ok(app: &TestApp, finance: &TestUser) {
    let report = app.as_(finance).ledger().check().await.ok();
    assert!(report.ok, "{report:?}");
}

/// The rules `ledger check` finds broken (none: `ok` is true).
pub async fn ledger_violations(app: &TestApp, finance: &TestUser) -> Vec<String> {
    let report = app.as_(finance).ledger().check().await.ok();
    let rules: Vec<String> = report.violations.iter().map(|v| v.rule.clone()).collect();
    assert_eq!(report.ok, rules.is_empty(), "{report:?}");
    rules
}

/// Runs `statement` on the app's database behind the service's back, as someone who
/// can write the database could: what `ledger check` must then catch.
pub async fn tamper(app: &TestApp, statement: String) {
    use diesel::RunQueryDsl;
    app.with_db(move |conn| {
        diesel::sql_query(statement)
            .execute(conn)
            .expect("the statement runs");
    })
    .await;
}

/// The Fund's balances as `who` reads them. The Fund's own view is not read back whole:
/// its settings carry a fixed text (`psc_rate_applies_to`) the crate holds as a `&'static
/// str`, which cannot be deserialised; its balances are the ledger's own type.
pub async fn fund_balances(app: &TestApp, who: &TestUser) -> trustfund::ledger::Balances {
    let fund = app.as_(who).fund().get().await.ok();
    serde_json::from_value(fund["balances"].clone()).expect("the Fund's balances")
}
