//! The ledger: reversals restore every balance, the public posting functions, the
//! journal, and the integrity check (which fails, naming the problem, after tampering).

use serde_json::{json, Value};
use trustfund::auth::Role;
use trustfund::db::{write_blocking, Actor};
use trustfund::domain::{Currency, Money};
use trustfund::ledger::{Account, Owner, Posting, TransactionKind};
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::scenarios::{contribution, receive};

on_both_backends!(
    a_reversal_restores_every_balance,
    commitments_and_payments_respect_cash,
    tampering_breaks_the_check,
    tampered_running_totals_break_the_check
);

fn usd(amount: &str) -> Value {
    json!({"amount": amount, "currency": "USD"})
}

fn cents(minor: i64) -> Money {
    Money::from_minor(minor, Currency::USD).unwrap()
}

async fn a_reversal_restores_every_balance(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let secretariat = app.user(Role::Secretariat).await;
    let auditor = app.user(Role::Auditor).await;
    let id = contribution(
        &app,
        &finance,
        Some(json!({"amount": "500.00", "currency": "EUR"})),
    )
    .await;
    let before = app.get(&finance, "/api/v1/fund").await.expect(200).body["balances"].clone();
    let view = receive(&app, &finance, &id, "200.00", "EUR", "1.083417")
        .await
        .expect(201);
    let tx = view.body["ledger_transaction_id"]
        .as_str()
        .unwrap()
        .to_string();
    let after = app.get(&finance, "/api/v1/fund").await.expect(200).body["balances"].clone();
    assert_eq!(after["cash"], usd("216.68"));

    let path = format!("/api/v1/ledger/transactions/{tx}/reversal");
    app.post(&secretariat, &path, json!({"reason": "wrong donor"}))
        .await
        .expect_problem(403, "forbidden");
    let bad = app.post(&finance, &path, json!({})).await.expect(400);
    assert_eq!(bad.bad_fields(), vec!["reason"]);
    let reversal = app
        .post(
            &finance,
            &path,
            json!({"reason": "credited to the wrong donor"}),
        )
        .await
        .expect(201);
    assert_eq!(reversal.body["kind"], "reversal");
    assert_eq!(reversal.body["reverses"], json!(tx));
    assert_eq!(reversal.body["postings"][0]["usd"], usd("-216.68"));
    assert_eq!(
        reversal.body["postings"][0]["original"],
        json!({"amount": "-200.00", "currency": "EUR"})
    );
    app.post(&finance, &path, json!({"reason": "again"}))
        .await
        .expect_problem(409, "conflict");
    let reversal_id = reversal.body["id"].as_str().unwrap();
    app.post(
        &finance,
        &format!("/api/v1/ledger/transactions/{reversal_id}/reversal"),
        json!({"reason": "undo"}),
    )
    .await
    .expect_problem(409, "conflict");
    app.post(
        &finance,
        &format!("/api/v1/ledger/transactions/{}/reversal", Uuid::new_v4()),
        json!({"reason": "x"}),
    )
    .await
    .expect_problem(404, "not-found");

    let restored = app.get(&finance, "/api/v1/fund").await.expect(200).body["balances"].clone();
    assert_eq!(restored, before);
    let view = app
        .get(&finance, &format!("/api/v1/contributions/{id}"))
        .await
        .expect(200);
    assert_eq!(
        view.body["received"],
        json!({"amount": "0.00", "currency": "EUR"})
    );
    assert_eq!(view.body["received_usd"], usd("0.00"));
    assert_eq!(
        view.body["outstanding"],
        json!({"amount": "500.00", "currency": "EUR"})
    );
    assert_eq!(view.body["receipts"][0]["reversed"], true);
    // The whole pledge can be received again.
    receive(&app, &finance, &id, "500.00", "EUR", "1.083417")
        .await
        .expect(201);

    let journal = app.get(&auditor, "/api/v1/ledger").await.expect(200);
    let kinds: Vec<&str> = journal.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["receipt", "reversal", "receipt"]);
    assert_eq!(journal.body["items"][2]["reversed_by"], json!(reversal_id));
    let only = app
        .get(
            &auditor,
            "/api/v1/ledger?kind=reversal&account=cash&from=2000-01-01&to=2100-01-01",
        )
        .await
        .expect(200);
    assert_eq!(only.body["items"].as_array().unwrap().len(), 1);
    let none = app
        .get(&auditor, "/api/v1/ledger?to=2000-01-01")
        .await
        .expect(200);
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
    let page = app
        .get(&auditor, "/api/v1/ledger?limit=2")
        .await
        .expect(200);
    let cursor = page.body["next_cursor"].as_str().unwrap().to_string();
    let rest = app
        .get(&auditor, &format!("/api/v1/ledger?limit=2&cursor={cursor}"))
        .await
        .expect(200);
    assert_eq!(rest.body["items"][0]["kind"], "receipt");
    assert_eq!(rest.body["next_cursor"], Value::Null);
    app.get(&auditor, "/api/v1/ledger?account=piggy_bank")
        .await
        .expect_problem(400, "validation");
    app.get(&secretariat, "/api/v1/ledger")
        .await
        .expect_problem(403, "forbidden");

    let check = app.get(&auditor, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
    let admin = app.user(Role::Admin).await;
    let trail = app
        .get(&admin, &format!("/api/v1/audit?entity_id={tx}"))
        .await
        .expect(200);
    let actions: Vec<&str> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        vec!["ledger_transaction.reversed", "ledger_transaction.created"]
    );
}

async fn commitments_and_payments_respect_cash(app: TestApp) {
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, None).await;
    let view = receive(&app, &finance, &id, "1000.00", "USD", "1")
        .await
        .expect(201);
    let receipt_tx = view.body["ledger_transaction_id"]
        .as_str()
        .unwrap()
        .to_string();
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
    let b = app.get(&finance, "/api/v1/fund").await.expect(200).body["balances"].clone();
    assert_eq!(b["cash"], usd("435.00"));
    assert_eq!(b["commitments_outstanding"], usd("0.00"));
    assert_eq!(b["disbursed_to_date"], usd("500.00"));
    assert_eq!(b["programme_support_costs_to_date"], usd("65.00"));
    assert_eq!(b["available"], usd("435.00"));
    // Undoing the receipt now would leave the Fund owing money it has paid out.
    app.post(
        &finance,
        &format!("/api/v1/ledger/transactions/{receipt_tx}/reversal"),
        json!({"reason": "bounced"}),
    )
    .await
    .expect_problem(422, "insufficient-funds");
    let unbalanced = app
        .with_db(move |conn| {
            write_blocking(conn, Actor::system("test"), |tx| {
                trustfund::ledger::post(
                    tx,
                    TransactionKind::Refund,
                    "bad",
                    Owner::Grant(grant),
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
    let check = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
    let rules: Vec<&str> = check.body["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, vec!["owner-unknown"], "{}", check.text);
}

async fn tampering_breaks_the_check(app: TestApp) {
    use diesel::RunQueryDsl;
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, None).await;
    receive(&app, &finance, &id, "1000000", "JPY", "0.0067")
        .await
        .expect(201);
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
    app.with_db(|conn| {
        diesel::sql_query("UPDATE ledger_postings SET amount_minor = amount_minor + 1, usd_minor = usd_minor + 1 WHERE account = 'cash'")
            .execute(conn)
            .unwrap();
    })
    .await;
    let check = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], false);
    let rules: Vec<&str> = check.body["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"unbalanced"), "{rules:?}");
    assert!(check.body["violations"][0]["transaction_id"].is_string());
    let broken = cli(app.database_url.clone());
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stdout).contains("unbalanced"));
}

/// The running totals the service reads (`/fund`, every cash check) are verified against
/// the postings: a total edited behind the ledger's back is named, account and currency.
async fn tampered_running_totals_break_the_check(app: TestApp) {
    use diesel::RunQueryDsl;
    let finance = app.user(Role::Finance).await;
    let id = contribution(&app, &finance, None).await;
    receive(&app, &finance, &id, "1000000", "JPY", "0.0067")
        .await
        .expect(201);
    receive(&app, &finance, &id, "250.00", "USD", "1")
        .await
        .expect(201);
    let check = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
    app.with_db(|conn| {
        diesel::sql_query(
            "UPDATE ledger_account_totals SET usd_minor = usd_minor + 1 WHERE account = 'cash'",
        )
        .execute(conn)
        .unwrap();
        diesel::sql_query(
            "UPDATE ledger_currency_receipts SET received_minor = received_minor + 1 \
             WHERE currency = 'JPY'",
        )
        .execute(conn)
        .unwrap();
    })
    .await;
    // The Fund's figures come from the totals, so they show the edit...
    let fund = app.get(&finance, "/api/v1/fund").await.expect(200);
    assert_eq!(
        fund.body["balances"]["cash"]["amount"], "6950.01",
        "{}",
        fund.text
    );
    // ...and the check, which recomputes them from the postings, names both.
    let check = app.get(&finance, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], false);
    let rules: Vec<&str> = check.body["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        vec!["account-total-mismatch", "currency-total-mismatch"],
        "{}",
        check.text
    );
    let detail = check.body["violations"][1]["detail"].as_str().unwrap();
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
