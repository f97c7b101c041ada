//! The checkpoint signing key: never in the database it protects. Given as
//! `audit.signing_key` (`TRUSTFUND__AUDIT__SIGNING_KEY`, the 32-byte Ed25519 seed in hex or
//! base64); in development, generated once and kept in `audit.signing_key_file`, as the
//! JWT secret is. Production never generates one.

use std::path::Path;

use anyhow::{bail, Context};
use base64::Engine;
use ed25519_dalek::VerifyingKey;
use secrecy::ExposeSecret;

use super::checkpoint::Signer;
use crate::config::{Environment, Settings};

/// The signing key the settings name, generating it in development if there is none.
pub fn signer(settings: &Settings) -> anyhow::Result<Signer> {
    if let Some(signer) = configured(settings)? {
        return Ok(signer);
    }
    if settings.environment == Environment::Production {
        bail!(
            "production needs an audit signing key kept outside the database: set \
             TRUSTFUND__AUDIT__SIGNING_KEY to 32 random bytes (hex or base64)"
        );
    }
    let mut seed = [0_u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut seed);
    let path = Path::new(&settings.audit.signing_key_file);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::config::write_private(path, &format!("{}\n", hex::encode(seed)))
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Signer::from_seed(seed))
}

/// The key the settings give or the development key file holds, never generating one
/// (the verifier must not invent a key and then find every checkpoint foreign).
pub fn configured(settings: &Settings) -> anyhow::Result<Option<Signer>> {
    let given = settings.audit.signing_key.expose_secret();
    if !given.is_empty() {
        let seed = parse_32(given).context("audit.signing_key")?;
        return Ok(Some(Signer::from_seed(seed)));
    }
    if settings.environment == Environment::Production {
        return Ok(None);
    }
    let path = Path::new(&settings.audit.signing_key_file);
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let seed = parse_32(text.trim()).with_context(|| format!("{}", path.display()))?;
            Ok(Some(Signer::from_seed(seed)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// A public key as `trustfund audit public-key` prints it (hex), or in base64.
pub fn parse_public_key(text: &str) -> anyhow::Result<VerifyingKey> {
    let bytes = parse_32(text.trim())?;
    VerifyingKey::from_bytes(&bytes).context("not an Ed25519 public key")
}

/// 32 bytes written as 64 hex digits or in base64 (standard or URL-safe).
fn parse_32(text: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = if text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        hex::decode(text)?
    } else {
        let engines = [
            base64::engine::general_purpose::STANDARD,
            base64::engine::general_purpose::URL_SAFE,
        ];
        engines
            .iter()
            .find_map(|engine| engine.decode(text).ok())
            .context("neither 64 hex digits nor base64")?
    };
    bytes
        .try_into()
        .map_err(|b: Vec<u8>| anyhow::anyhow!("{} bytes where 32 are needed", b.len()))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Settings {
        let env: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_layers(None, Some(env)).unwrap()
    }

    #[test]
    fn hex_and_base64_give_the_same_key() {
        let seed = [9_u8; 32];
        let b64 = base64::engine::general_purpose::STANDARD.encode(seed);
        assert_eq!(parse_32(&hex::encode(seed)).unwrap(), seed);
        assert_eq!(parse_32(&b64).unwrap(), seed);
        assert!(parse_32("abcd").is_err());
    }

    #[test]
    fn production_needs_a_key_and_never_generates_one() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("key");
        let file = file.to_str().unwrap();
        let production = settings(&[
            ("TRUSTFUND__ENVIRONMENT", "production"),
            ("TRUSTFUND__AUDIT__SIGNING_KEY_FILE", file),
        ]);
        assert!(signer(&production).is_err());
        assert!(!Path::new(file).exists());
        let given = settings(&[
            ("TRUSTFUND__ENVIRONMENT", "production"),
            ("TRUSTFUND__AUDIT__SIGNING_KEY", &hex::encode([0xab_u8; 32])),
        ]);
        assert_eq!(
            signer(&given).unwrap().public_key(),
            Signer::from_seed([0xab; 32]).public_key()
        );
    }

    #[test]
    fn development_generates_a_key_once_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("key");
        let development =
            settings(&[("TRUSTFUND__AUDIT__SIGNING_KEY_FILE", file.to_str().unwrap())]);
        assert!(configured(&development).unwrap().is_none());
        let first = signer(&development).unwrap().public_key();
        assert_eq!(signer(&development).unwrap().public_key(), first);
        assert_eq!(
            configured(&development).unwrap().unwrap().public_key(),
            first
        );
    }
}
