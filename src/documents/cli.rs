//! `trustfund documents verify`: every stored file checked against its hash, from the
//! command line, beside `trustfund ledger check` and `trustfund audit verify`.

use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use crate::db::Db;

#[derive(Debug, Subcommand)]
pub enum DocumentsCommand {
    /// Read every stored document again and compare its bytes with the size and SHA-256
    /// recorded when it was kept; exits 1 naming each document that no longer matches.
    Verify,
}

pub fn run(command: DocumentsCommand, database_url: &str) -> anyhow::Result<ExitCode> {
    match command {
        DocumentsCommand::Verify => {
            let db = Db::connect(database_url, 1)?;
            let mut conn = db.get().context("connecting to the database")?;
            let report = crate::db::read_snapshot(&mut conn, super::verify_all)
                .context("verifying the documents")?;
            if report.ok() {
                println!(
                    "documents intact: {} files, {} bytes, each matching its SHA-256",
                    report.documents_checked, report.bytes_checked
                );
                return Ok(ExitCode::SUCCESS);
            }
            println!(
                "documents DAMAGED: {} of {} files no longer match their record",
                report.damaged.len(),
                report.documents_checked
            );
            for damage in &report.damaged {
                println!("  {}: {}", damage.document, damage.detail);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
