//! Where checkpoints go and how they are held against the database: appended to a JSON
//! Lines file (one checkpoint a line) by `serve` at intervals and by
//! `trustfund audit checkpoint`, then checked by `trustfund audit verify --checkpoints`.
//! Each instance writes to its own file; the operator ships the files off the machine.

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use diesel::prelude::*;
use ed25519_dalek::VerifyingKey;

use super::chain::GENESIS_HASH;
use super::checkpoint::{read_head, Checkpoint, Signer};
use crate::db::schema::audit_events;
use crate::db::{Db, DbConnection};
use crate::error::AppError;
use crate::supervise::Shutdown;

/// Appends `checkpoint` as one line, in one write, and syncs it to disk: a checkpoint the
/// caller was told about survives a crash.
pub fn append(path: &Path, checkpoint: &Checkpoint) -> std::io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(format!("{}\n", checkpoint.to_line()).as_bytes())?;
    file.sync_data()
}

/// The last checkpoint of the file, if it has one that parses (read from its end).
pub fn last_in_file(path: &Path) -> Option<Checkpoint> {
    const TAIL: u64 = 4096;
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(TAIL))).ok()?;
    let mut tail = String::new();
    file.read_to_string(&mut tail).ok()?;
    tail.lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .and_then(|line| serde_json::from_str(line).ok())
}

/// Signs the head every `every` while the head moves (and once at start if it moved since
/// the file's last checkpoint), appending to `path`, until `shutdown` is requested.
/// Failures are logged and retried at the next tick.
pub async fn run(
    db: Db,
    signer: Signer,
    path: PathBuf,
    every: Duration,
    mut shutdown: Shutdown,
) -> anyhow::Result<()> {
    let mut last = last_in_file(&path).map(|c| (c.seq, c.head_hash));
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    while !shutdown.is_requested() {
        tokio::select! {
            _ = ticker.tick() => {}
            () = shutdown.requested() => break,
        }
        let head = match db.read(read_head).await {
            Ok(head) => head,
            Err(error) => {
                tracing::warn!(%error, "audit checkpoint: cannot read the head");
                continue;
            }
        };
        // An empty trail has nothing to anchor.
        if head.0 == 0 || last.as_ref() == Some(&head) {
            continue;
        }
        let checkpoint = signer.sign(head.0, &head.1, chrono::Utc::now());
        let file = path.clone();
        let written =
            tokio::task::spawn_blocking(move || append(&file, &checkpoint).map(|()| checkpoint))
                .await;
        match written {
            Ok(Ok(checkpoint)) => {
                tracing::info!(seq = checkpoint.seq, file = %path.display(), "audit checkpoint written");
                last = Some(head);
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, file = %path.display(), "audit checkpoint: cannot write")
            }
            Err(error) => tracing::warn!(%error, "audit checkpoint: the writer panicked"),
        }
    }
    Ok(())
}

/// One checkpoint read back, with where it came from (`file:line`).
#[derive(Debug)]
pub struct Located {
    pub place: String,
    pub checkpoint: Checkpoint,
}

/// Reads every checkpoint of a file; a line that is not one is an error naming it.
pub fn read_file(path: &Path) -> anyhow::Result<Vec<Located>> {
    use anyhow::Context;
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("{}:{}", path.display(), index + 1);
        let checkpoint =
            serde_json::from_str(line).with_context(|| format!("{place} is not a checkpoint"))?;
        found.push(Located { place, checkpoint });
    }
    Ok(found)
}

/// The first checkpoint that is not good: its signature fails, or the database no longer
/// holds what it covers.
#[derive(Debug)]
pub struct Contradiction {
    pub place: String,
    pub seq: i64,
    pub reason: String,
}

/// Checks every signature against `trusted`, then that the database holds, at each
/// checkpoint's sequence number, the event with the checkpoint's hash. With an intact
/// chain that event's hash covers every event before it, so a deleted tail, a head moved
/// back, or an earlier event rewritten (hashes recomputed or not) is found.
pub fn check(
    conn: &mut DbConnection,
    checkpoints: &[Located],
    trusted: &[VerifyingKey],
) -> Result<Option<Contradiction>, AppError> {
    for located in checkpoints {
        if let Err(reason) = located.checkpoint.verify(trusted) {
            return Ok(Some(contradiction(located, reason)));
        }
    }
    let held = stored_hashes(conn, checkpoints)?;
    let (head_seq, _) = read_head(conn)?;
    for located in checkpoints {
        let c = &located.checkpoint;
        let stored = if c.seq == 0 {
            Some(GENESIS_HASH)
        } else {
            held.get(&c.seq).map(String::as_str)
        };
        let reason = match stored {
            None => format!(
                "event {} is missing from the database (its head records event {head_seq})",
                c.seq
            ),
            Some(hash) if hash != c.head_hash => format!(
                "event {} has hash {hash}, the checkpoint signed {}",
                c.seq, c.head_hash
            ),
            Some(_) => continue,
        };
        return Ok(Some(contradiction(located, reason)));
    }
    Ok(None)
}

fn contradiction(located: &Located, reason: String) -> Contradiction {
    Contradiction {
        place: located.place.clone(),
        seq: located.checkpoint.seq,
        reason,
    }
}

/// The stored hash of every event a checkpoint names, a few hundred at a time.
fn stored_hashes(
    conn: &mut DbConnection,
    checkpoints: &[Located],
) -> Result<HashMap<i64, String>, AppError> {
    let mut seqs: Vec<i64> = checkpoints.iter().map(|l| l.checkpoint.seq).collect();
    seqs.sort_unstable();
    seqs.dedup();
    let mut held = HashMap::new();
    for chunk in seqs.chunks(500) {
        let rows: Vec<(i64, String)> = audit_events::table
            .filter(audit_events::seq.eq_any(chunk))
            .select((audit_events::seq, audit_events::hash))
            .load(conn)?;
        held.extend(rows);
    }
    Ok(held)
}
