//! `trustfund audit …`: verify the chain (and hold it against signed checkpoints), sign a
//! checkpoint now, print the public key the verifier needs.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;

use super::anchor;
use crate::config::Settings;
use crate::db::Db;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain; exits 1 and names the first bad event if it is broken. With
    /// --checkpoints, also checks every signed checkpoint and that the database still
    /// holds what each covers; exits 1 naming the first one it contradicts.
    Verify {
        /// A checkpoint file (JSON Lines, as `serve` and `audit checkpoint` write them);
        /// may be given more than once.
        #[arg(long)]
        checkpoints: Vec<PathBuf>,
        /// The public key the checkpoints must be signed with (hex or base64, as
        /// `audit public-key` prints it); may be given more than once. Default: the
        /// configured signing key's.
        #[arg(long)]
        public_key: Vec<String>,
    },
    /// Sign the audit head now, append the checkpoint to audit.checkpoint_file (or --file)
    /// and print it.
    Checkpoint {
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Print the public key of the checkpoint signing key, for `verify --public-key`.
    PublicKey,
}

pub fn run(command: AuditCommand, settings: &Settings) -> anyhow::Result<ExitCode> {
    match command {
        AuditCommand::Verify {
            checkpoints,
            public_key,
        } => verify(settings, &checkpoints, &public_key),
        AuditCommand::Checkpoint { file } => {
            let signer = super::key::signer(settings)?;
            let db = Db::connect(&settings.database.url, 1)?;
            let mut conn = db.get().context("connecting to the database")?;
            let checkpoint = signer
                .sign_head(&mut conn)
                .context("reading the audit head")?;
            let path = file.unwrap_or_else(|| settings.audit.checkpoint_file.clone().into());
            anchor::append(&path, &checkpoint)
                .with_context(|| format!("cannot append to {}", path.display()))?;
            println!("{}", checkpoint.to_line());
            Ok(ExitCode::SUCCESS)
        }
        AuditCommand::PublicKey => {
            let signer = super::key::signer(settings)?;
            println!("{}", hex::encode(signer.public_key().as_bytes()));
            eprintln!("key id {}", signer.key_id());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn verify(settings: &Settings, files: &[PathBuf], keys: &[String]) -> anyhow::Result<ExitCode> {
    let mut checkpoints = Vec::new();
    for file in files {
        checkpoints.extend(anchor::read_file(file)?);
    }
    let trusted = if checkpoints.is_empty() {
        Vec::new()
    } else if keys.is_empty() {
        let signer = super::key::configured(settings)?.context(
            "no --public-key given and no signing key configured to check the checkpoints with",
        )?;
        vec![signer.public_key()]
    } else {
        keys.iter()
            .map(|k| super::key::parse_public_key(k).context("--public-key"))
            .collect::<anyhow::Result<_>>()?
    };
    let db = Db::connect(&settings.database.url, 1)?;
    let mut conn = db.get().context("connecting to the database")?;
    // One snapshot: writes committed while the chain is walked must not look like a break.
    let (report, contradiction) = crate::db::read_snapshot(&mut conn, |conn| {
        let report = super::verify_chain(conn)?;
        let contradiction = anchor::check(conn, &checkpoints, &trusted)?;
        Ok((report, contradiction))
    })
    .context("verifying the audit trail")?;
    let mut intact = true;
    match report.first_mismatch {
        None => println!(
            "audit trail intact: {} events, head {}",
            report.events_checked, report.head_hash
        ),
        Some(mismatch) => {
            intact = false;
            println!(
                "audit trail BROKEN at event {}: {} ({} events verified before it)",
                mismatch.seq, mismatch.reason, report.events_checked
            );
        }
    }
    if !files.is_empty() {
        match contradiction {
            // Files given but nothing in them: nothing anchors the trail, which is not a pass.
            None if checkpoints.is_empty() => {
                intact = false;
                println!("checkpoint file(s) hold no checkpoint: nothing anchors the trail");
            }
            None => println!(
                "checkpoints hold: {} signed checkpoint(s), the last at event {}",
                checkpoints.len(),
                checkpoints
                    .iter()
                    .map(|c| c.checkpoint.seq)
                    .max()
                    .unwrap_or(0)
            ),
            Some(c) => {
                intact = false;
                println!(
                    "checkpoint CONTRADICTED at {} (event {}): {}",
                    c.place, c.seq, c.reason
                );
            }
        }
    }
    Ok(if intact {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
