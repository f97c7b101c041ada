//! The ledger: reversals restore every balance, the public posting functions, the
//! journal, and the integrity check (which fails, naming the problem, after tampering).

use serde_json::json;
use trustfund::api::contributions::ReceiptRequest;
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::contributions::RecordedReceiptView;
use trustfund::db::{write_blocking, Actor};
use trustfund::domain::{ContributionId, Currency, LedgerTransactionId, Money, PositiveMoney};
use trustfund::ledger::{Account, Owner, Posting, TransactionKind, ValueDate};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{
    date, in_currency, pledge_by_a_public_donor, positive, positive_usd, receipt,
};
use crate::support::grants::{check_ok, fund_balances, ledger_violations, tamper};
use crate::support::resources::ALL;
use crate::support::{short, usd};

on_both_backends!(
    a_reversal_restores_every_balance,
    commitments_and_payments_respect_cash,
    tampering_breaks_the_check,
    tampered_running_totals_break_the_check
);

fn cents(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD).unwrap()
}

/// A contribution by a public donor pledged on 2026-01-15 (`pledged`, or none for a
/// gift).
async fn contribution(
    app: &TestApp,
    finance: &TestUser,
    pledged: Option<PositiveMoney>,
) -> ContributionId {
    app.as_(finance)
        .contributions()
        .record(&pledge_by_a_public_donor(pledged))
        .await
        .created()
        .id
}

/// A receipt on 2026-03-01 of `amount` at `rate` to the dollar.
async fn receive(
    app: &TestApp,
    finance: &TestUser,
    id: ContributionId,
    amount: PositiveMoney,
    rate: &str,
) -> RecordedReceiptView {
    app.as_(finance)
        .contribution(id)
        .receive(&ReceiptRequest {
            received_on: date("2026-03-01"),
            ..receipt(amount, rate)
        })
        .await
        .created()
}

fn reason(words: &str) -> ReversalRequest {
    ReversalRequest {
        reason: short(words),
    }
}

async fn a_reversal_restores_every_balance(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let secretariat = app.user(Role::Secretariat).await;
    let auditor = app.user(Role::Auditor).await;
    let (as_finance, as_auditor) = (app.as_(&finance), app.as_(&auditor));
    let id = contribution(&app, &finance, Some(positive("500.00", "EUR"))).await;
    let before = fund_balances(&app, &finance).await;
    let tx = receive(&app, &finance, id, positive("200.00", "EUR"), "1.083417")
        .await
        .receipt
        .ledger_transaction_id;
    let after = fund_balances(&app, &finance).await;
    assert_eq!(after.cash, usd("216.68"));

    app.as_(&secretariat)
        .ledger()
        .reverse(tx, &reason("wrong donor"))
        .await
        .refused(403, "forbidden");
    // No reason at all: a body the crate's type cannot hold.
    let bad = as_finance
        .ledger()
        .reverse(tx, &json!({}))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["reason"]);
    let reversal = as_finance
        .ledger()
        .reverse(tx, &reason("credited to the wrong donor"))
        .await
        .created();
    assert_eq!(reversal.kind, TransactionKind::Reversal);
    assert_eq!(reversal.reverses, Some(tx));
    assert_eq!(reversal.postings[0].usd, usd("-216.68"));
    assert_eq!(
        reversal.postings[0].original,
        Some(in_currency("-200.00", "EUR"))
    );
    as_finance
        .ledger()
        .reverse(tx, &reason("again"))
        .await
        .refused(409, "conflict");
    as_finance
        .ledger()
        .reverse(reversal.id, &reason("undo"))
        .await
        .refused(409, "conflict");
    as_finance
        .ledger()
        .reverse(LedgerTransactionId::new(), &reason("x"))
        .await
        .refused(404, "not-found");

    let restored = fund_balances(&app, &finance).await;
    assert_eq!(restored, before);
    let view = as_finance.contribution(id).get().await.ok();
    assert_eq!(view.received, Some(in_currency("0.00", "EUR")));
    assert_eq!(view.received_usd, usd("0.00"));
    assert_eq!(view.outstanding, Some(in_currency("500.00", "EUR")));
    assert!(view.receipts[0].reversed);
    // The whole pledge can be received again.
    receive(&app, &finance, id, positive("500.00", "EUR"), "1.083417").await;

    let journal = as_auditor.ledger().journal(ALL).await.ok();
    let kinds: Vec<TransactionKind> = journal.items.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![
            TransactionKind::Receipt,
            TransactionKind::Reversal,
            TransactionKind::Receipt
        ]
    );
    assert_eq!(journal.items[2].reversed_by, Some(reversal.id));
    let only = as_auditor
        .ledger()
        .journal(&[
            ("kind", "reversal"),
            ("account", "cash"),
            ("from", "2000-01-01"),
            ("to", "2100-01-01"),
        ])
        .await
        .ok();
    assert_eq!(only.items.len(), 1);
    let none = as_auditor
        .ledger()
        .journal(&[("to", "2000-01-01")])
        .await
        .ok();
    assert_eq!(none.items.len(), 0);
    let page = as_auditor.ledger().journal(&[("limit", "2")]).await.ok();
    let cursor = page.next_cursor.expect("a next page");
    let rest = as_auditor
        .ledger()
        .journal(&[("limit", "2"), ("cursor", cursor.as_str())])
        .await
        .ok();
    assert_eq!(rest.items[0].kind, TransactionKind::Receipt);
    assert_eq!(rest.next_cursor, None);
    as_auditor
        .ledger()
        .journal(&[("account", "piggy_bank")])
        .await
        .refused(400, "validation");
    app.as_(&secretariat)
        .ledger()
        .journal(ALL)
        .await
        .refused(403, "forbidden");

    check_ok(&app, &auditor).await;
    let admin = app.user(Role::Admin).await;
    let tx = tx.to_string();
    let trail = app
        .as_(&admin)
        .audit()
        .list(&[("entity_id", tx.as_str())])
        .await
        .ok();
    let actions: Vec<&str> = trail.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        vec!["ledger_transaction.reversed", "ledger_transaction.created"]
    );
}

async fn commitments_and_payments_respect_cash(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, None).await;
    let receipt_tx = receive(&app, &finance, id, positive_usd("1000.00"), "1")
        .await
        .receipt
        .ledger_transaction_id;
    let grant = trustfund::domain::GrantId::new();
    let refused = app
        .with_db(move |conn| {
            write_blocking(conn, Actor::system("test"), |tx| {
                trustfund::ledger::commit_grant(tx, grant, cents(90_000), cents(11_700))
            })
        })
        .await;
    assert!(
        matches!(
            refused,
            Err(trustfund::error::AppError::Rule {
                rule: trustfund::error::Rule::InsufficientFunds,
                ..
            })
        ),
        "{refused:?}"
    );
    app.with_db(move |conn| {
        write_blocking(conn, Actor::system("test"), |tx| {
            trustfund::ledger::commit_grant(tx, grant, cents(50_000), cents(6_500))?;
            trustfund::ledger::post(
                tx,
                TransactionKind::Disbursement,
                "first tranche",
                Owner::Grant(grant),
                ValueDate::today(tx),
                vec![
                    Posting::usd(Account::GrantsPaid, Some(grant.into()), cents(50_000)),
                    Posting::usd(
                        Account::ProgrammeSupportCosts,
                        Some(grant.into()),
                        cents(6_500),
                    ),
                    Posting::usd(Account::Cash, None, cents(-56_500)),
                    Posting::usd(
                        Account::CommitmentsOutstanding,
                        Some(grant.into()),
                        cents(56_500),
                    ),
                    Posting::usd(
                        Account::GrantCommitments,
                        Some(grant.into()),
                        cents(-56_500),
                    ),
                ],
            )
        })
        .unwrap();
    })
    .await;
    let b = fund_balances(&app, &finance).await;
    assert_eq!(b.cash, usd("435.00"));
    assert_eq!(b.commitments_outstanding, usd("0.00"));
    assert_eq!(b.disbursed_to_date, usd("500.00"));
    assert_eq!(b.programme_support_costs_to_date, usd("65.00"));
    assert_eq!(b.available, usd("435.00"));
    // Undoing the receipt now would leave the Fund owing money it has paid out.
    app.as_(&finance)
        .ledger()
        .reverse(receipt_tx, &reason("bounced"))
        .await
        .refused(422, "insufficient-funds");
    let unbalanced = app
        .with_db(move |conn| {
            write_blocking(conn, Actor::system("test"), |tx| {
                trustfund::ledger::post(
                    tx,
                    TransactionKind::Refund,
                    "bad",
                    Owner::Grant(grant),
                    ValueDate::today(tx),
                    vec![
                        Posting::usd(Account::Cash, None, cents(100)),
                        Posting::usd(Account::Refunds, None, cents(-99)),
                    ],
                )
            })
        })
        .await;
    assert!(matches!(
        unbalanced,
        Err(trustfund::error::AppError::Rule {
            rule: trustfund::error::Rule::UnbalancedTransaction,
            ..
        })
    ));
    // The ledger balances, but its entries belong to a grant that was never created
    // (posted straight to the ledger here): the check reconciles owners and says so.
    assert_eq!(
        ledger_violations(&app, &finance).await,
        vec!["owner-unknown"]
    );
}

async fn tampering_breaks_the_check(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, None).await;
    receive(&app, &finance, id, positive("1000000", "JPY"), "0.0067").await;
    let cli = |url: String| {
        std::process::Command::new(env!("CARGO_BIN_EXE_trustfund"))
            .args(["ledger", "check", "--database-url", &url])
            .env("TRUSTFUND__LOG__LEVEL", "error")
            .output()
            .unwrap()
    };
    let ok = cli(app.database_url.clone());
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    tamper(
        &app,
        "UPDATE ledger_postings SET amount_minor = amount_minor + 1, usd_minor = usd_minor + 1 \
         WHERE account = 'cash'"
            .to_string(),
    )
    .await;
    let check = app.as_(&finance).ledger().check().await.ok();
    assert!(!check.ok);
    let rules: Vec<&str> = check.violations.iter().map(|v| v.rule.as_str()).collect();
    assert!(rules.contains(&"unbalanced"), "{rules:?}");
    assert!(check.violations[0].transaction_id.is_some());
    let broken = cli(app.database_url.clone());
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stdout).contains("unbalanced"));
}

/// The running totals the service reads (`/fund`, every cash check) are verified against
/// the postings: a total edited behind the ledger's back is named, account and currency.
async fn tampered_running_totals_break_the_check(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, None).await;
    receive(&app, &finance, id, positive("1000000", "JPY"), "0.0067").await;
    receive(&app, &finance, id, positive_usd("250.00"), "1").await;
    check_ok(&app, &finance).await;
    tamper(
        &app,
        "UPDATE ledger_account_totals SET usd_minor = usd_minor + 1 WHERE account = 'cash'"
            .to_string(),
    )
    .await;
    tamper(
        &app,
        "UPDATE ledger_currency_receipts SET received_minor = received_minor + 1 \
         WHERE currency = 'JPY'"
            .to_string(),
    )
    .await;
    // The Fund's figures come from the totals, so they show the edit...
    assert_eq!(fund_balances(&app, &finance).await.cash, usd("6950.01"));
    // ...and the check, which recomputes them from the postings, names both.
    let check = app.as_(&finance).ledger().check().await.ok();
    assert!(!check.ok);
    let rules: Vec<&str> = check.violations.iter().map(|v| v.rule.as_str()).collect();
    assert_eq!(
        rules,
        vec!["account-total-mismatch", "currency-total-mismatch"],
        "{check:?}"
    );
    let detail = &check.violations[1].detail;
    assert!(detail.contains("JPY"), "{detail}");
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_trustfund"))
        .args(["ledger", "check", "--database-url", &app.database_url])
        .env("TRUSTFUND__LOG__LEVEL", "error")
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(1));
    let out = String::from_utf8_lossy(&cli.stdout);
    assert!(out.contains("account-total-mismatch"), "{out}");
    assert!(out.contains("currency-total-mismatch"), "{out}");
}
