//! Every stored file read again: its bytes must still have the size and SHA-256 recorded
//! when it was kept (and carried by its audit event), its chunks must run without a gap.

use serde::Serialize;

use super::model;
use super::store;
use crate::db::DbConnection;
use crate::domain::DocumentId;
use crate::error::AppError;

/// What the verification found.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub documents_checked: u64,
    pub bytes_checked: u64,
    pub damaged: Vec<Damage>,
}

/// A document whose stored bytes no longer match its record.
#[derive(Debug, Clone, Serialize)]
pub struct Damage {
    pub document: DocumentId,
    pub detail: String,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.damaged.is_empty()
    }
}

/// Reads every document's bytes, a chunk at a time, and compares them with its record.
pub fn verify_all(conn: &mut DbConnection) -> Result<VerifyReport, AppError> {
    let mut report = VerifyReport {
        documents_checked: 0,
        bytes_checked: 0,
        damaged: Vec::new(),
    };
    for row in model::all(conn)? {
        let (size, sha256, whole) = store::hash_stored(conn, row.id, row.chunk_count)?;
        report.documents_checked += 1;
        report.bytes_checked += size;
        let mut problems = Vec::new();
        if !whole {
            problems.push(format!(
                "its chunks do not run from 0 to {}",
                row.chunk_count - 1
            ));
        }
        if i64::try_from(size).ok() != Some(row.size_bytes) {
            problems.push(format!("{size} bytes stored, {} recorded", row.size_bytes));
        }
        if sha256 != row.sha256 {
            problems.push(format!("SHA-256 {sha256} stored, {} recorded", row.sha256));
        }
        if !problems.is_empty() {
            report.damaged.push(Damage {
                document: row.id,
                detail: format!(
                    "{} ({}): {}",
                    row.file_name,
                    row.kind.as_str(),
                    problems.join("; ")
                ),
            });
        }
    }
    Ok(report)
}
