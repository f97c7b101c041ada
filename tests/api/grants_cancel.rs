//! A grant's end off the happy path: cancelled on a Board decision (everything unpaid
//! released, payments made standing, what was not spent owed back), a final report that
//! shows less spent than received (the grant waits `closing` until the refund comes or is
//! written off), refunds and their reversals moving what is owed, the Fund's total of
//! refunds due, and a cancellation racing payments over two instances.

use serde_json::json;
use trustfund::api::grant_reports::ReportRequest;
use trustfund::api::grants::{CancellationRequest, WriteOffRequest};
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::api::organizations::VerificationRequest;
use trustfund::audit::AuditEventView;
use trustfund::auth::Role;
use trustfund::domain::{GrantId, Money};
use trustfund::grant_reports::ReportKind;
use trustfund::grants::{GrantState, GrantView, TrancheState};
use trustfund::ledger::TransactionKind;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, agreement, disbursement, progress_report, refund, spent_on};
use crate::support::grants::{
    awarded_grant, check_ok, first_tranche_paid, fund_balances, ledger_violations, tamper, Awarded,
};
use crate::support::{paths, rule_of, short, text, usd};

on_both_backends!(
    a_cancelled_grant_releases_what_is_unpaid_and_owes_what_was_not_spent,
    a_refused_organisations_awarded_grant_is_cancelled_whole,
    cancellation_refusals_name_the_field_or_the_state,
    a_final_report_spending_less_than_received_leaves_a_refund_owed,
    a_cancellation_racing_payments_over_two_instances_leaves_the_books_square,
    the_check_holds_a_grant_to_its_refund_due_and_state,
    the_demo_shows_a_cancelled_grant_and_one_owing_a_refund,
);

async fn grant(app: &TestApp, user: &TestUser, id: GrantId) -> GrantView {
    app.as_(user).grant(id).get().await.ok()
}

/// What grantees owe back across the Fund (`/fund`'s `refunds_due`).
async fn refunds_due(app: &TestApp, user: &TestUser) -> Money {
    app.as_(user).fund().read().await.ok().refunds_due
}

fn cancellation() -> CancellationRequest {
    CancellationRequest {
        reason: text("The project lost its premises and cannot continue."),
        board_decision: short("Board decision 2026/14"),
    }
}

fn write_off(reason: &str) -> WriteOffRequest {
    WriteOffRequest {
        reason: text(reason),
    }
}

fn sum(a: Money, b: Money) -> Money {
    a.checked_add(b).expect("amounts in one currency")
}

fn less(a: Money, b: Money) -> Money {
    a.checked_sub(b).expect("amounts in one currency")
}

/// A report on `tranche` (or, with `None`, the final one) showing `spent` on the shelter.
fn report(tranche: Option<i32>, spent: &str) -> ReportRequest {
    let mut body = progress_report(1, vec![spent_on("Shelter rent", usd(spent))]);
    body.beneficiaries[0].count = 3;
    body.tranche = tranche;
    if tranche.is_none() {
        body.kind = ReportKind::Final;
    }
    body
}

/// The grantee files a report (`tranche` or, with `None`, the final one) showing `spent`,
/// and the secretariat accepts it.
async fn report_spending(app: &TestApp, g: &Awarded, tranche: Option<i32>, spent: &str) {
    let filed = app
        .as_(&g.applicant)
        .grant(g.grant)
        .file_report(&report(tranche, spent))
        .await
        .created();
    let reviewer = app.as_(&g.secretariat).report(filed.id);
    // A final report is accepted with its financial statement.
    let reviewer = match tranche {
        None => reviewer.with_financial_statement().await,
        Some(_) => reviewer,
    };
    reviewer.review(&bodies::accept()).await.ok();
}

async fn audit_actions(app: &TestApp, id: GrantId) -> Vec<AuditEventView> {
    let auditor = app.user(Role::Auditor).await;
    let id = id.to_string();
    app.as_(&auditor)
        .audit()
        .list(&[
            ("entity_type", "grant"),
            ("entity_id", id.as_str()),
            ("limit", "100"),
        ])
        .await
        .ok()
        .items
}

fn reason(words: &str) -> ReversalRequest {
    ReversalRequest {
        reason: short(words),
    }
}

async fn a_cancelled_grant_releases_what_is_unpaid_and_owes_what_was_not_spent(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance, secretariat) = (g.grant, &g.finance, &g.secretariat);
    let (as_finance, as_secretariat) = (app.as_(finance), app.as_(secretariat));
    // The report on tranche 1 accounts for 9,000.00 of the 15,000.00 received.
    report_spending(&app, &g, Some(1), "9000.00").await;
    let before = fund_balances(&app, finance).await;

    let cancelled = as_secretariat
        .grant(id)
        .cancel(&cancellation())
        .await
        .created();
    // Unpaid: 15,000 of award and 1,950 of PSC (tranches 2 and 3).
    assert_eq!(cancelled.state, GrantState::Closing, "{cancelled:?}");
    assert_eq!(cancelled.released, usd("16950.00"));
    assert_eq!(cancelled.committed, usd("0.00"));
    assert_eq!(cancelled.remaining, usd("0.00"));
    assert_eq!(cancelled.disbursed, usd("15000.00"));
    assert_eq!(cancelled.refund_due, usd("6000.00"));
    assert_eq!(cancelled.written_off, usd("0.00"));
    let states: Vec<_> = cancelled.tranches.iter().map(|t| t.state).collect();
    assert_eq!(
        states,
        [
            TrancheState::Paid,
            TrancheState::Released,
            TrancheState::Released
        ]
    );
    let record = cancelled.cancellation.as_ref().expect("the cancellation");
    assert_eq!(record.board_decision, "Board decision 2026/14");
    assert_eq!(record.released, usd("16950.00"));
    assert!(cancelled.release_transaction_id.is_some());
    let after = fund_balances(&app, finance).await;
    assert_eq!(less(after.available, before.available), usd("16950.00"));
    assert_eq!(after.cash, before.cash, "payments made stand");
    let releases = as_finance
        .ledger()
        .journal(&[("kind", "release")])
        .await
        .ok();
    assert_eq!(releases.items.len(), 1);
    assert_eq!(releases.items[0].kind, TransactionKind::Release);
    assert_eq!(refunds_due(&app, finance).await, usd("6000.00"));
    check_ok(&app, finance).await;

    // Nothing more is paid, signed or undone on it.
    as_finance
        .grant(id)
        .pay(&disbursement(2, "100.00"))
        .await
        .refused(422, "grant-closed");
    as_secretariat
        .grant(id)
        .sign(&agreement())
        .await
        .refused(409, "conflict");
    let paid = as_finance.grant(id).disbursements().await.ok().items[0].clone();
    as_finance
        .ledger()
        .reverse(paid.ledger_transaction_id, &reason("wrong account"))
        .await
        .refused(422, "grant-closed");
    as_secretariat
        .grant(id)
        .cancel(&cancellation())
        .await
        .refused(409, "conflict");
    app.as_(&g.applicant)
        .grant(id)
        .file_report(&report(None, "1.00"))
        .await
        .refused(422, "grant-closed");

    // Refunds reduce what is owed; the one that settles it ends the grant `cancelled`.
    as_finance
        .grant(id)
        .refund(&refund("2000.00"))
        .await
        .created();
    let view = grant(&app, finance, id).await;
    assert_eq!(view.state, GrantState::Closing);
    assert_eq!(view.refund_due, usd("4000.00"));
    assert_eq!(refunds_due(&app, finance).await, usd("4000.00"));
    let last = as_finance
        .grant(id)
        .refund(&refund("4000.00"))
        .await
        .created();
    let view = grant(&app, finance, id).await;
    assert_eq!(view.state, GrantState::Cancelled);
    assert_eq!(view.refund_due, usd("0.00"));
    assert_eq!(refunds_due(&app, finance).await, usd("0.00"));
    check_ok(&app, finance).await;

    // The last refund bounced: reversed, its money is owed again.
    as_finance
        .ledger()
        .reverse(
            last.ledger_transaction_id,
            &reason("the transfer was returned by the bank"),
        )
        .await
        .created();
    let view = grant(&app, finance, id).await;
    assert_eq!(view.state, GrantState::Closing);
    assert_eq!(view.refund_due, usd("4000.00"));
    check_ok(&app, finance).await;

    // It will not come: written off, the grant ends cancelled with the amount recorded.
    as_finance
        .grant(id)
        .write_off(&write_off("insolvent"))
        .await
        .refused(403, "forbidden");
    // A blank reason cannot be built as the crate's text: sent as JSON.
    app.post(
        secretariat,
        &paths::grant_op(id, "write-off"),
        json!({"reason": "  "}),
    )
    .await
    .expect_problem(400, "validation");
    let ended = as_secretariat
        .grant(id)
        .write_off(&write_off(
            "The grantee was dissolved; nothing can be recovered.",
        ))
        .await
        .created();
    assert_eq!(ended.state, GrantState::Cancelled);
    assert_eq!(ended.refund_due, usd("0.00"));
    assert_eq!(ended.written_off, usd("4000.00"));
    as_secretariat
        .grant(id)
        .write_off(&write_off("again"))
        .await
        .refused(409, "conflict");
    assert_eq!(refunds_due(&app, finance).await, usd("0.00"));
    check_ok(&app, finance).await;

    let events = audit_actions(&app, id).await;
    let cancelled_event = events
        .iter()
        .find(|e| e.action == "grant.cancelled")
        .expect("grant.cancelled");
    let details = serde_json::to_value(cancelled_event).unwrap().to_string();
    assert!(details.contains("Board decision 2026/14"), "{details}");
    assert!(details.contains("lost its premises"), "{details}");
    assert!(details.contains("16950.00"), "{details}");
    for action in [
        "grant.refund_settled",
        "grant.refund_reopened",
        "grant.refund_written_off",
    ] {
        assert!(
            events.iter().any(|e| e.action == action),
            "{action}: {events:?}"
        );
    }

    // The grantee is told, with what it owes.
    let mails: Vec<(String, String)> = app
        .with_db(|c| {
            use diesel::prelude::*;
            use trustfund::db::schema::notifications::dsl::*;
            notifications
                .filter(event.eq("grant.cancelled"))
                .select((recipient, text_body))
                .load(c)
                .unwrap()
        })
        .await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].1.contains("Board decision 2026/14"), "{mails:?}");
    assert!(mails[0].1.contains("6000.00 USD"), "{mails:?}");
}

async fn a_refused_organisations_awarded_grant_is_cancelled_whole(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance, secretariat) = (g.grant, &g.finance, &g.secretariat);
    let as_secretariat = app.as_(secretariat);
    as_secretariat
        .organization(g.organization)
        .verify(&VerificationRequest {
            verified: false,
            reason: Some(text("sanctions listing")),
        })
        .await
        .ok();
    // Nothing moves toward it any more, but the money can come back to the Fund.
    as_secretariat
        .grant(id)
        .sign(&agreement())
        .await
        .refused(422, "organization-refused");
    let before = fund_balances(&app, finance).await;
    let cancelled = as_secretariat
        .grant(id)
        .cancel(&cancellation())
        .await
        .created();
    assert_eq!(cancelled.state, GrantState::Cancelled, "{cancelled:?}");
    assert_eq!(cancelled.released, usd("33900.00"));
    assert_eq!(cancelled.refund_due, usd("0.00"));
    assert!(cancelled.tranches.is_empty());
    let after = fund_balances(&app, finance).await;
    assert_eq!(less(after.available, before.available), usd("33900.00"));
    assert_eq!(
        less(
            before.commitments_outstanding,
            after.commitments_outstanding
        ),
        usd("33900.00")
    );
    // Nothing was paid, so nothing can be refunded or written off.
    as_secretariat
        .grant(id)
        .write_off(&write_off("none"))
        .await
        .refused(409, "conflict");
    check_ok(&app, finance).await;
}

async fn cancellation_refusals_name_the_field_or_the_state(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance, secretariat) = (g.grant, &g.finance, &g.secretariat);
    // Bodies the crate's request type cannot hold: sent as JSON.
    let path = paths::grant_op(id, "cancellation");
    for (body, field) in [
        (json!({"board_decision": "BD-1"}), "reason"),
        (json!({"reason": "gone"}), "board_decision"),
        (
            json!({"reason": " \n ", "board_decision": "BD-1"}),
            "reason",
        ),
        (
            json!({"reason": "gone", "board_decision": ""}),
            "board_decision",
        ),
        (
            json!({"reason": "gone", "board_decision": "x".repeat(201)}),
            "board_decision",
        ),
    ] {
        let refused = app
            .post(secretariat, &path, body.clone())
            .await
            .expect_problem(400, "validation");
        assert_eq!(refused.bad_fields(), [field], "{body}");
    }
    for who in [finance, &g.applicant] {
        app.as_(who)
            .grant(id)
            .cancel(&cancellation())
            .await
            .refused(403, "forbidden");
    }
    app.as_(secretariat)
        .grant(GrantId::from(uuid::Uuid::new_v4()))
        .cancel(&cancellation())
        .await
        .refused(404, "not-found");
    let still = grant(&app, finance, id).await;
    assert_eq!(still.state, GrantState::Awarded);
    assert!(still.cancellation.is_none());
    check_ok(&app, finance).await;
}

async fn a_final_report_spending_less_than_received_leaves_a_refund_owed(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance, secretariat) = (g.grant, &g.finance, &g.secretariat);
    let as_finance = app.as_(finance);
    // 1,000.00 already came back: 14,000.00 received, of which 12,500.00 spent.
    as_finance
        .grant(id)
        .refund(&refund("1000.00"))
        .await
        .created();
    report_spending(&app, &g, None, "12500.00").await;
    let closing = grant(&app, finance, id).await;
    assert_eq!(closing.state, GrantState::Closing, "{closing:?}");
    assert_eq!(closing.refund_due, usd("1500.00"));
    assert_eq!(closing.committed, usd("0.00"));
    assert_eq!(closing.released, usd("16950.00"));
    assert!(closing.cancellation.is_none());
    assert_eq!(refunds_due(&app, finance).await, usd("1500.00"));
    as_finance
        .grant(id)
        .pay(&disbursement(2, "100.00"))
        .await
        .refused(422, "grant-closed");
    check_ok(&app, finance).await;

    // Part of it comes back; the rest is written off, and the grant closes.
    as_finance
        .grant(id)
        .refund(&refund("500.00"))
        .await
        .created();
    let view = grant(&app, finance, id).await;
    assert_eq!(view.state, GrantState::Closing);
    assert_eq!(view.refund_due, usd("1000.00"));
    let closed = app
        .as_(secretariat)
        .grant(id)
        .write_off(&write_off(
            "Spent on eligible costs the auditors accepted late.",
        ))
        .await
        .created();
    assert_eq!(closed.state, GrantState::Closed);
    assert_eq!(closed.written_off, usd("1000.00"));
    assert_eq!(closed.refund_due, usd("0.00"));
    assert_eq!(refunds_due(&app, finance).await, usd("0.00"));
    // A refund after the write-off is still received, and owes nothing back.
    as_finance
        .grant(id)
        .refund(&refund("200.00"))
        .await
        .created();
    let view = grant(&app, finance, id).await;
    assert_eq!(view.state, GrantState::Closed);
    assert_eq!(view.refund_due, usd("0.00"));
    check_ok(&app, finance).await;
    let events = audit_actions(&app, id).await;
    let written = events
        .iter()
        .find(|e| e.action == "grant.refund_written_off")
        .expect("grant.refund_written_off");
    let written = serde_json::to_value(written).unwrap().to_string();
    assert!(written.contains("1000.00"), "{written}");
}

/// Payments on tranche 1 race the grant's cancellation through two instances: the
/// payments that went through stand, the rest are refused as on a closed grant, and the
/// release plus what was paid make the commitment.
async fn a_cancellation_racing_payments_over_two_instances_leaves_the_books_square(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let (id, finance, secretariat) = (g.grant, &g.finance, &g.secretariat);
    app.as_(secretariat)
        .grant(id)
        .sign_with_file(&agreement())
        .await
        .created();
    let other = app.another_instance().await;
    let mut racing = Vec::new();
    for i in 0..12usize {
        let who = if i == 5 { secretariat } else { finance };
        let caller = if i.is_multiple_of(2) {
            app.as_(who)
        } else {
            app.as_(who).at(&other)
        };
        racing.push(async move {
            if i == 5 {
                caller.grant(id).cancel(&cancellation()).await.raw()
            } else {
                caller
                    .grant(id)
                    .pay(&disbursement(1, "1000.00"))
                    .await
                    .raw()
            }
        });
    }
    let answers = futures_util::future::join_all(racing).await;
    assert_eq!(answers[5].status, 201, "{}", answers[5].text);
    for (i, a) in answers.iter().enumerate().filter(|(i, _)| *i != 5) {
        assert!(
            a.status == 201 || (a.status == 422 && rule_of(a).as_deref() == Some("grant-closed")),
            "{i}: {}",
            a.text
        );
    }
    let paid = answers
        .iter()
        .enumerate()
        .filter(|(i, a)| *i != 5 && a.status == 201)
        .count();
    let view = grant(&app, finance, id).await;
    assert_eq!(view.disbursed, usd(&format!("{paid}000.00")), "{view:?}");
    assert!([GrantState::Closing, GrantState::Cancelled].contains(&view.state));
    // Released + paid (award and PSC) = committed at award.
    let total = sum(
        sum(view.released, view.disbursed),
        view.programme_support_cost_disbursed,
    );
    assert_eq!(total, usd("33900.00"), "{view:?}");
    // Nothing spent on record: all that was received is owed back.
    assert_eq!(view.refund_due, view.disbursed);
    check_ok(&app, finance).await;
}

async fn the_check_holds_a_grant_to_its_refund_due_and_state(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance) = (g.grant, &g.finance);
    app.as_(&g.secretariat)
        .grant(id)
        .cancel(&cancellation())
        .await
        .created();
    check_ok(&app, finance).await;
    // What is owed edited behind the grant's back.
    tamper(
        &app,
        format!("UPDATE grants SET refund_due_minor = 0 WHERE id = '{id}'"),
    )
    .await;
    let rules = ledger_violations(&app, finance).await;
    assert!(
        rules.contains(&"refund-due-mismatch".to_string()),
        "{rules:?}"
    );
    tamper(
        &app,
        format!("UPDATE grants SET refund_due_minor = 1500000 WHERE id = '{id}'"),
    )
    .await;
    check_ok(&app, finance).await;
    // A grant owing money that says it is cancelled.
    tamper(
        &app,
        format!("UPDATE grants SET state = 'cancelled' WHERE id = '{id}'"),
    )
    .await;
    let rules = ledger_violations(&app, finance).await;
    assert!(
        rules.contains(&"grant-state-mismatch".to_string()),
        "{rules:?}"
    );
    tamper(
        &app,
        format!("UPDATE grants SET state = 'closing' WHERE id = '{id}'"),
    )
    .await;
    // A cancellation whose release is not the grant's.
    tamper(
        &app,
        format!("UPDATE grant_cancellations SET released_minor = 1 WHERE grant_id = '{id}'"),
    )
    .await;
    let rules = ledger_violations(&app, finance).await;
    assert!(
        rules.contains(&"cancellation-release-mismatch".to_string()),
        "{rules:?}"
    );
}

async fn the_demo_shows_a_cancelled_grant_and_one_owing_a_refund(app: TestApp) {
    // Loading twice changes nothing.
    for _ in 0..2 {
        crate::support::scenarios::load_demo(&app).await;
    }
    let finance = app.user(Role::Finance).await;
    let grants: Vec<GrantView> = app
        .as_(&finance)
        .grants()
        .list(&[("limit", "100")])
        .await
        .ok()
        .items;
    let cancelled: Vec<&GrantView> = grants
        .iter()
        .filter(|g| g.state == GrantState::Cancelled)
        .collect();
    assert_eq!(cancelled.len(), 1, "{grants:?}");
    assert_eq!(cancelled[0].committed, usd("0.00"));
    assert_eq!(
        cancelled[0].released,
        sum(cancelled[0].award, cancelled[0].programme_support_cost)
    );
    let closing: Vec<&GrantView> = grants
        .iter()
        .filter(|g| g.state == GrantState::Closing)
        .collect();
    assert_eq!(closing.len(), 1, "{grants:?}");
    assert!(closing[0].refund_due.is_positive());
    assert_eq!(refunds_due(&app, &finance).await, closing[0].refund_due);
    check_ok(&app, &finance).await;
}
