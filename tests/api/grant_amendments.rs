//! Amendments: a no-cost extension, a budget revision and award changes, each a numbered
//! version with its reason, what it changed, its audit event and a mail to the grantee;
//! the money of an award change in the ledger, reconciled; refusals by rule; and
//! amendments racing over two instances numbered without gaps.

use chrono::Months;
use serde::Deserialize;
use trustfund::api::grants::AmendmentRequest;
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::db::Page;
use trustfund::domain::{GrantId, Money};
use trustfund::grants::{AmendmentKind, AmendmentView, GrantView};
use trustfund::ledger::TransactionKind;

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{
    self, amendment, budget_line, days_from_today, positive_usd, today, tranche,
};
use crate::support::grants::{
    awarded_grant, check_ok, close, fund_balances, report_accepted, signed_grant,
};
use crate::support::scenarios::{demo_finance, fund, load_demo, verified_organization};
use crate::support::{paths, short, usd, Reply};

use AmendmentKind::{AwardChange, BudgetRevision, Extension};

on_both_backends!(
    an_extension_and_a_budget_revision_are_numbered_versions,
    a_budget_revision_keeps_the_lines_spent_on,
    an_award_decrease_releases_commitment_and_its_support_cost,
    an_award_increase_rests_on_a_board_decision_and_the_money,
    only_an_open_grant_is_amended,
    amendments_racing_over_two_instances_number_versions_without_gaps,
    the_demo_has_an_amended_grant,
);

async fn amend(
    app: &TestApp,
    who: &TestUser,
    grant: GrantId,
    body: &AmendmentRequest,
) -> Reply<AmendmentView> {
    app.as_(who).grant(grant).amend(body).await
}

/// A refusal whose whole text must name something (the figures, the line, the state).
fn refusal(reply: Reply<AmendmentView>, status: u16, name: &str) -> Answer {
    reply.raw().expect_problem(status, name)
}

async fn grant(app: &TestApp, who: &TestUser, id: GrantId) -> GrantView {
    app.as_(who).grant(id).get().await.ok()
}

fn months_from_today(n: u32) -> chrono::NaiveDate {
    today() + Months::new(n)
}

/// What an amendment records it changed: the terms before and after (only those it
/// touched; the twin names the ones these tests read).
#[derive(Debug, Deserialize)]
struct Changes {
    before: Terms,
    after: Terms,
}

#[derive(Debug, Deserialize)]
struct Terms {
    award: Option<Money>,
    programme_support_cost: Option<Money>,
    period_end: Option<chrono::NaiveDate>,
    #[serde(default)]
    tranches: Vec<TrancheTerms>,
    #[serde(default)]
    budget_lines: Vec<LineTerms>,
}

#[derive(Debug, Deserialize)]
struct TrancheTerms {
    due_on: chrono::NaiveDate,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineTerms {
    label: String,
    amount: Money,
}

#[track_caller]
fn changes(amendment: &AmendmentView) -> Changes {
    serde_json::from_value(amendment.changes.clone())
        .unwrap_or_else(|e| panic!("not an amendment's changes: {e}; {}", amendment.changes))
}

/// `n` days from today, as the API writes a date.
fn days(n: i64) -> String {
    days_from_today(n).to_string()
}

fn less(a: Money, b: Money) -> Money {
    a.checked_sub(b).expect("amounts in one currency")
}

fn sum(a: Money, b: Money) -> Money {
    a.checked_add(b).expect("amounts in one currency")
}

fn extension(reason: &str, period_end: chrono::NaiveDate) -> AmendmentRequest {
    AmendmentRequest {
        period_end: Some(period_end),
        ..amendment(Extension, reason)
    }
}

fn budget_revision(reason: &str, lines: &[(&str, &str)]) -> AmendmentRequest {
    AmendmentRequest {
        budget_lines: Some(
            lines
                .iter()
                .map(|(label, amount)| budget_line(label, amount))
                .collect(),
        ),
        ..amendment(BudgetRevision, reason)
    }
}

fn award_change(reason: &str, award: &str, board_decision: Option<&str>) -> AmendmentRequest {
    AmendmentRequest {
        award: Some(usd(award)),
        board_decision: board_decision.map(short),
        ..amendment(AwardChange, reason)
    }
}

async fn an_extension_and_a_budget_revision_are_numbered_versions(app: TestApp) {
    let g = signed_grant(&app, "200000.00").await;
    let id = g.grant;
    // The call allows 24 months, an extension 12 more: 36 from the period's start (today).
    let refused = amend(
        &app,
        &g.secretariat,
        id,
        &extension(
            "elections delayed the work",
            months_from_today(36) + chrono::Days::new(1),
        ),
    )
    .await
    .refused(422, "duration-too-long");
    assert_eq!(refused.fields(), vec!["period_end"]);
    amend(
        &app,
        &g.secretariat,
        id,
        &extension("r", days_from_today(300)),
    )
    .await
    .refused(400, "validation");
    amend(&app, &g.finance, id, &extension("r", days_from_today(500)))
        .await
        .raw()
        .expect(403);

    let v1 = amend(
        &app,
        &g.secretariat,
        id,
        &AmendmentRequest {
            board_decision: Some(short("BOARD-2027-04")),
            tranches: Some(vec![
                tranche("15000.00", 0),
                tranche("10000.00", 200),
                tranche("5000.00", 400),
            ]),
            ..extension("elections delayed the work", months_from_today(36))
        },
    )
    .await
    .created();
    assert_eq!(v1.version, 1);
    assert_eq!(v1.kind, Extension);
    assert_eq!(v1.reason, "elections delayed the work");
    assert_eq!(v1.board_decision.as_deref(), Some("BOARD-2027-04"));
    // What changed is the crate's JSON record of it.
    let changed = changes(&v1);
    assert_eq!(changed.before.period_end, Some(days_from_today(365)));
    assert_eq!(changed.after.period_end, Some(months_from_today(36)));
    assert_eq!(changed.after.tranches[2].due_on, days_from_today(400));
    assert_eq!(v1.created_by, Some(g.secretariat.id.into()));
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(
        view.agreement.as_ref().map(|a| a.period_end),
        Some(months_from_today(36))
    );
    assert_eq!(view.amendment_version, 1);
    // Nothing paid yet: every tranche is revised; the award and its PSC stay.
    assert_eq!(view.tranches[0].amount, usd("15000.00"));
    assert_eq!(view.tranches[1].due_on, days_from_today(200));
    assert_eq!(view.programme_support_cost, usd("3900.00"));

    let refused = refusal(
        amend(
            &app,
            &g.secretariat,
            id,
            &budget_revision(
                "rent went up",
                &[("Shelter rent", "22000.00"), ("Lawyers", "7000.00")],
            ),
        )
        .await,
        422,
        "budget-mismatch",
    );
    assert!(refused.text.contains("29000.00 USD"), "{}", refused.text);
    let revised = amend(
        &app,
        &g.secretariat,
        id,
        &budget_revision(
            "rent went up",
            &[
                ("Shelter rent", "22000.00"),
                ("Lawyers", "6000.00"),
                ("Interpreters", "2000.00"),
            ],
        ),
    )
    .await
    .created();
    assert_eq!(revised.version, 2);
    assert_eq!(
        changes(&revised).before.budget_lines[1],
        LineTerms {
            label: "Lawyers".to_string(),
            amount: usd("10000.00"),
        }
    );
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(view.budget[2].label, "Interpreters");
    assert_eq!(view.budget[2].balance, usd("2000.00"));

    let listed = app.as_(&g.applicant).grant(id).amendments().await.ok();
    let versions: Vec<i32> = listed.iter().map(|a| a.version).collect();
    assert_eq!(versions, vec![1, 2]);
    // Another organisation's applicant sees nothing of it.
    let (stranger, _) = verified_organization(&app, "UG").await;
    app.as_(&stranger)
        .grant(id)
        .amendments()
        .await
        .raw()
        .expect(404);

    // An audit event each, and a mail to the grantee each.
    let mails: Vec<(String, String)> = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::notifications::dsl::*;
            notifications
                .filter(event.eq("grant.amended"))
                .select((recipient, subject))
                .load(c)
                .unwrap()
        })
        .await;
    let to_grantee: Vec<_> = mails
        .iter()
        .filter(|(to, _)| *to == g.applicant.email)
        .collect();
    assert_eq!(to_grantee.len(), 2, "{mails:?}");
    assert!(to_grantee[0].1.contains("version"), "{mails:?}");
    let events: i64 = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::audit_events::dsl::*;
            audit_events
                .filter(action.eq("grant.amended"))
                .count()
                .get_result(c)
                .unwrap()
        })
        .await;
    assert_eq!(events, 2);
    check_ok(&app, &g.finance).await;
}

/// Spending to date stays on the budget: a revision may change a spent line's amount,
/// never drop it; a line nothing was spent on may go.
async fn a_budget_revision_keeps_the_lines_spent_on(app: TestApp) {
    let g = signed_grant(&app, "100000.00").await;
    let id = g.grant;
    app.as_(&g.finance)
        .grant(id)
        .pay(&bodies::disbursement(1, "15000.00"))
        .await
        .created();
    // The accepted report spends the 15,000 received on "Shelter rent".
    report_accepted(&app, &g.applicant, &g.secretariat, g.grant, 1).await;
    let reply = amend(
        &app,
        &g.secretariat,
        id,
        &budget_revision("no more rent", &[("Lawyers", "30000.00")]),
    )
    .await;
    let text = reply.answer.text.clone();
    let dropped = reply.refused(422, "budget-line-spent");
    assert_eq!(dropped.fields().first(), Some(&"budget_lines"));
    assert!(text.contains("Shelter rent"), "{text}");
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(
        view.amendment_version, 0,
        "a refused amendment takes no version"
    );

    amend(
        &app,
        &g.secretariat,
        id,
        &budget_revision("no lawyers needed", &[("Shelter rent", "30000.00")]),
    )
    .await
    .created();
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(view.budget[0].spent, usd("15000.00"));
    assert_eq!(view.budget[0].balance, usd("15000.00"));
    check_ok(&app, &g.finance).await;
}

async fn an_award_decrease_releases_commitment_and_its_support_cost(app: TestApp) {
    let g = signed_grant(&app, "200000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    app.as_(finance)
        .grant(id)
        .pay(&bodies::disbursement(1, "15000.00"))
        .await
        .created();
    let before = fund_balances(&app, finance).await;
    // 15,000 stands paid on tranche 1: the award cannot go below it.
    amend(
        &app,
        &g.secretariat,
        id,
        &award_change("scope reduced", "14999.99", None),
    )
    .await
    .refused(422, "award-below-paid");
    // Tranches 2 and 3 are revised to add up to 25,000 less 15,000.
    amend(
        &app,
        &g.secretariat,
        id,
        &AmendmentRequest {
            tranches: Some(vec![tranche("6000.00", 90)]),
            ..award_change("scope reduced", "25000.00", None)
        },
    )
    .await
    .refused(422, "schedule-mismatch");
    let a = amend(
        &app,
        &g.secretariat,
        id,
        &AmendmentRequest {
            tranches: Some(vec![tranche("6000.00", 90), tranche("4000.00", 180)]),
            ..award_change("scope reduced", "25000.00", None)
        },
    )
    .await
    .created();
    assert_eq!(a.version, 1);
    let changed = changes(&a);
    assert_eq!(changed.before.award, Some(usd("30000.00")));
    assert_eq!(changed.after.award, Some(usd("25000.00")));
    assert_eq!(changed.after.programme_support_cost, Some(usd("3250.00")));
    let entry = a
        .ledger_transaction_id
        .expect("an award change's ledger entry");

    let view = grant(&app, &g.secretariat, id).await;
    assert_eq!(view.award, usd("25000.00"));
    assert_eq!(view.programme_support_cost, usd("3250.00"));
    // Committed: 25,000 + 3,250 less 15,000 + 1,950 paid.
    assert_eq!(view.committed, usd("11300.00"));
    assert_eq!(view.remaining, usd("10000.00"));
    let parts: Vec<(Money, Money)> = view
        .tranches
        .iter()
        .map(|t| (t.amount, t.programme_support_cost))
        .collect();
    assert_eq!(
        parts,
        vec![
            (usd("15000.00"), usd("1950.00")),
            (usd("6000.00"), usd("780.00")),
            (usd("4000.00"), usd("520.00")),
        ]
    );
    // The last budget line took the change.
    assert_eq!(view.budget[1].budget, usd("5000.00"));
    // 5,000 and its 650 support cost are back in the available balance.
    let after = fund_balances(&app, finance).await;
    assert_eq!(less(after.available, before.available), usd("5650.00"));
    let posted = app.as_(finance).ledger().transaction(entry).await.ok();
    assert_eq!(posted.kind, TransactionKind::AwardChange, "{posted:?}");
    check_ok(&app, finance).await;
    // The IATI file commits the award the Board decided, then the change on its own.
    let (id_text, from, to) = (id.to_string(), days(-1), days(1));
    let iati = app
        .as_(finance)
        .ledger()
        .export(&[
            ("format", "iati"),
            ("kind", "all"),
            ("grant", id_text.as_str()),
            ("from", from.as_str()),
            ("to", to.as_str()),
        ])
        .await
        .raw()
        .expect(200)
        .text;
    assert!(
        iati.contains("award changed by amendment from 30000.00 USD to 25000.00 USD"),
        "{iati}"
    );
    assert!(
        iati.contains(">30000.00<") || iati.contains(">30000<"),
        "{iati}"
    );
    // The grant's ledger entry is its own: it is not reversed by hand.
    app.as_(finance)
        .ledger()
        .reverse(
            entry,
            &ReversalRequest {
                reason: short("undo"),
            },
        )
        .await
        .refused(422, "grant-commitment-not-reversible");
}

async fn an_award_increase_rests_on_a_board_decision_and_the_money(app: TestApp) {
    let g = awarded_grant(&app, "40000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    let refused = amend(
        &app,
        &g.secretariat,
        id,
        &award_change("more survivors", "31000.00", None),
    )
    .await
    .refused(422, "board-decision-required");
    assert_eq!(refused.fields(), vec!["board_decision"]);
    // 40,000 received, 33,900 committed: 10,000 more with 1,300 PSC does not fit.
    let refused = refusal(
        amend(
            &app,
            &g.secretariat,
            id,
            &award_change("more survivors", "40000.00", Some("BOARD-2027-07")),
        )
        .await,
        422,
        "insufficient-funds",
    );
    assert!(refused.text.contains("11300.00 USD"), "{}", refused.text);
    let before = fund_balances(&app, finance).await;
    let increased = amend(
        &app,
        &g.secretariat,
        id,
        &award_change("more survivors", "31000.00", Some("BOARD-2027-07")),
    )
    .await
    .created();
    assert_eq!(increased.board_decision.as_deref(), Some("BOARD-2027-07"));
    let view = grant(&app, finance, id).await;
    assert_eq!(view.award, usd("31000.00"));
    assert_eq!(view.programme_support_cost, usd("4030.00"));
    assert_eq!(view.committed, usd("35030.00"));
    let after = fund_balances(&app, finance).await;
    assert_eq!(less(before.available, after.available), usd("1130.00"));
    // The call's envelope (1,000,000) holds no award beyond it, whatever the Fund holds.
    fund(&app, "2000000.00").await;
    amend(
        &app,
        &g.secretariat,
        id,
        &award_change("more", "1000000.01", Some("BOARD-2027-08")),
    )
    .await
    .refused(422, "envelope-exhausted");
    // Signed afterwards, the agreement holds the amended award.
    let mut agreement = bodies::agreement();
    agreement.tranches[2].amount = positive_usd("6000.00");
    agreement.budget_lines.as_mut().expect("budget lines")[1].amount = usd("11000.00");
    app.as_(&g.secretariat)
        .grant(id)
        .sign_with_file(&agreement)
        .await
        .created();
    check_ok(&app, finance).await;
}

async fn only_an_open_grant_is_amended(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let id = g.grant;
    // Awarded, with no agreement: no period or budget to amend yet.
    amend(
        &app,
        &g.secretariat,
        id,
        &extension("r", days_from_today(400)),
    )
    .await
    .refused(422, "no-agreement");
    amend(
        &app,
        &g.secretariat,
        GrantId::new(),
        &budget_revision("r", &[]),
    )
    .await
    .raw()
    .expect(404);
    close(&app, g.grant).await;
    let refused = refusal(
        amend(
            &app,
            &g.secretariat,
            id,
            &award_change("r", "20000.00", None),
        )
        .await,
        409,
        "conflict",
    );
    assert!(refused.text.contains("closed"), "{}", refused.text);
    let auditor = app.user(Role::Auditor).await;
    let listed = app.as_(&auditor).grant(id).amendments().await.ok();
    assert!(listed.is_empty(), "{listed:?}");
    check_ok(&app, &g.finance).await;
}

/// Award changes and extensions at once, over two instances: every one that is answered
/// 201 is a version, numbered 1..n without a gap or a repeat; the rest are refused whole
/// (409 when another took the version, 400 when the change is already made); the ledger
/// reconciles.
async fn amendments_racing_over_two_instances_number_versions_without_gaps(app: TestApp) {
    let g = signed_grant(&app, "500000.00").await;
    let id = g.grant;
    let other = app.another_instance().await;
    let mut racing = Vec::new();
    for i in 0..12u32 {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let body = if i % 3 == 0 {
            extension(&format!("delay {i}"), days_from_today(400 + i64::from(i)))
        } else {
            award_change(
                &format!("change {i}"),
                &format!("{}.00", 30000 + 500 * i),
                Some("BOARD-RACE"),
            )
        };
        let secretariat = app.as_(&g.secretariat).at(&base);
        racing.push(async move { secretariat.grant(id).amend(&body).await.raw() });
    }
    let answers = futures_util::future::join_all(racing).await;
    let made = answers.iter().filter(|a| a.status == 201).count();
    assert!(made >= 1, "{answers:?}");
    for a in &answers {
        assert!([201, 400, 409].contains(&a.status), "{a:?}");
    }
    let listed = app.as_(&g.secretariat).grant(id).amendments().await.ok();
    let versions: Vec<i64> = listed.iter().map(|a| i64::from(a.version)).collect();
    assert_eq!(versions, (1..=made as i64).collect::<Vec<_>>());
    let view = grant(&app, &g.secretariat, id).await;
    assert_eq!(i64::from(view.amendment_version), made as i64);
    assert_eq!(view.committed, sum(view.award, view.programme_support_cost));
    check_ok(&app, &g.finance).await;
}

/// The demo's legal aid grant in the Philippines: extended, then its budget revised; once
/// each, however many times the demo is loaded.
async fn the_demo_has_an_amended_grant(app: TestApp) {
    let finance = demo_finance(&app).await;
    load_demo(&app).await;
    // Grants are read as the crate's view here (the typed list still answers JSON).
    let grants: Page<GrantView> = app
        .as_(&finance)
        .get(paths::with_query(paths::grants(), &[("limit", "100")]))
        .await
        .ok();
    let amended: Vec<&GrantView> = grants
        .items
        .iter()
        .filter(|g| g.amendment_version != 0)
        .collect();
    assert_eq!(amended.len(), 1, "{:?}", grants.items);
    let listed = app
        .as_(&finance)
        .grant(amended[0].id)
        .amendments()
        .await
        .ok();
    let kinds: Vec<AmendmentKind> = listed.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [Extension, BudgetRevision]);
    assert_eq!(changes(&listed[1]).after.budget_lines[1].label, "Legal aid");
    check_ok(&app, &finance).await;
}
