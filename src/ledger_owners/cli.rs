//! `trustfund ledger check`: the integrity check from the command line.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::db::Db;

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Recompute every balance from the postings, verify the ledger's invariants and
    /// reconcile every receipt and grant with its postings; exits 1 naming each violation.
    Check,
}

pub fn run(command: LedgerCommand, database_url: &str) -> anyhow::Result<ExitCode> {
    match command {
        LedgerCommand::Check => {
            let db = Db::connect(database_url, 1)?;
            let mut conn = db.get().context("connecting to the database")?;
            // One snapshot: receipts posted while the check runs must not look like holes.
            let report = crate::db::read_snapshot(&mut conn, super::run_check)
                .context("checking the ledger")?;
            if report.ok {
                println!(
                    "ledger intact: {} transactions, {} postings, cash {}",
                    report.transactions_checked, report.postings_checked, report.balances.cash
                );
                return Ok(ExitCode::SUCCESS);
            }
            println!("ledger BROKEN: {} violation(s)", report.violations.len());
            for v in &report.violations {
                let at = v
                    .transaction_id
                    .map(|id| format!(" (transaction {id})"))
                    .unwrap_or_default();
                println!("  {}{}: {}", v.rule, at, v.detail);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
