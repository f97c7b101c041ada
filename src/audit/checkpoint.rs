//! Signed checkpoints of the audit head. The chain alone proves nothing against someone who
//! can write the database: they may delete the newest events and move the head back, or
//! rewrite an event and recompute every hash after it. A checkpoint is the head (sequence
//! and hash) signed with an Ed25519 key kept outside the database and written outside it
//! (a file shipped elsewhere, every ledger export); the chain must still hold each one.

use chrono::{DateTime, SecondsFormat, Utc};
use diesel::prelude::*;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::schema::audit_head;
use crate::db::DbConnection;
use crate::error::AppError;

/// What a checkpoint's signature covers, prefixed so that a signature made for anything
/// else can never pass for one.
pub fn signed_bytes(seq: i64, head_hash: &str, time: &str) -> String {
    format!("trustfund-audit-checkpoint:v1:{seq}:{head_hash}:{time}")
}

/// One checkpoint, as written on one line of the checkpoint file and into each export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// The audit head's sequence number (0: no event yet).
    pub seq: i64,
    /// The hash of event `seq`, hex.
    pub head_hash: String,
    /// When it was signed, RFC 3339 to the second, UTC: exactly the signed text.
    pub time: String,
    /// The first 8 bytes of the SHA-256 of the public key, hex: which key signed.
    pub key_id: String,
    /// The Ed25519 public key, hex.
    pub public_key: String,
    /// The Ed25519 signature over [`signed_bytes`], hex.
    pub signature: String,
}

impl Checkpoint {
    /// The checkpoint as one line of JSON (no newline).
    pub fn to_line(&self) -> String {
        // A struct of strings and integers always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks the signature against `trusted`: the key the checkpoint names is only a
    /// hint, since anyone can sign with a key of their own.
    pub fn verify(&self, trusted: &[VerifyingKey]) -> Result<(), String> {
        let key = trusted
            .iter()
            .find(|k| hex::encode(k.as_bytes()) == self.public_key)
            .ok_or_else(|| {
                format!(
                    "it is signed by key {} ({}), which is not a trusted key",
                    self.key_id, self.public_key
                )
            })?;
        let bytes: [u8; 64] = hex::decode(&self.signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("its signature is not 64 bytes of hex")?;
        key.verify(
            signed_bytes(self.seq, &self.head_hash, &self.time).as_bytes(),
            &Signature::from_bytes(&bytes),
        )
        .map_err(|_| "its signature does not verify: it was not made by the key".to_string())
    }
}

/// The signing key, loaded once (see [`super::key`]) and shared by the checkpoint task,
/// the exports and the command line.
#[derive(Clone)]
pub struct Signer {
    key: SigningKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({})", self.key_id())
    }
}

impl Signer {
    pub fn from_seed(seed: [u8; 32]) -> Signer {
        Signer {
            key: SigningKey::from_bytes(&seed),
        }
    }

    pub fn public_key(&self) -> VerifyingKey {
        self.key.verifying_key()
    }

    pub fn key_id(&self) -> String {
        key_id(&self.public_key())
    }

    /// Signs `(seq, head_hash)` as of `now`.
    pub fn sign(&self, seq: i64, head_hash: &str, now: DateTime<Utc>) -> Checkpoint {
        let time = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        let signature = self
            .key
            .sign(signed_bytes(seq, head_hash, &time).as_bytes());
        Checkpoint {
            seq,
            head_hash: head_hash.to_string(),
            time,
            key_id: self.key_id(),
            public_key: hex::encode(self.public_key().as_bytes()),
            signature: hex::encode(signature.to_bytes()),
        }
    }

    /// Reads the audit head on `conn` and signs it now.
    pub fn sign_head(&self, conn: &mut DbConnection) -> Result<Checkpoint, AppError> {
        let (seq, hash) = read_head(conn)?;
        Ok(self.sign(seq, &hash, Utc::now()))
    }
}

pub fn key_id(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.as_bytes())[..8])
}

/// The head as stored: the last event's sequence number and hash.
pub fn read_head(conn: &mut DbConnection) -> Result<(i64, String), AppError> {
    Ok(audit_head::table
        .find(1)
        .select((audit_head::last_seq, audit_head::last_hash))
        .get_result(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_verifies_with_its_key_and_no_other() {
        let signer = Signer::from_seed([7; 32]);
        let checkpoint = signer.sign(12, &"ab".repeat(32), Utc::now());
        assert_eq!(checkpoint.verify(&[signer.public_key()]), Ok(()));
        let other = Signer::from_seed([8; 32]);
        assert!(checkpoint.verify(&[other.public_key()]).is_err());
        let line = checkpoint.to_line();
        let back: Checkpoint = serde_json::from_str(&line).unwrap();
        assert_eq!(back, checkpoint);
        assert!(!line.contains("--"), "fits in an XML comment: {line}");
    }

    #[test]
    fn any_change_to_what_is_signed_is_refused() {
        let signer = Signer::from_seed([7; 32]);
        let good = signer.sign(12, &"ab".repeat(32), Utc::now());
        let trusted = [signer.public_key()];
        let mut moved = good.clone();
        moved.seq = 11;
        assert!(moved.verify(&trusted).is_err());
        let mut rehashed = good.clone();
        rehashed.head_hash = "cd".repeat(32);
        assert!(rehashed.verify(&trusted).is_err());
        let mut retimed = good;
        retimed.time = "2000-01-01T00:00:00Z".into();
        assert!(retimed.verify(&trusted).is_err());
    }
}
