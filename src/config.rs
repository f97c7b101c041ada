//! Layered settings: `config/default.toml` (compiled in, so the binary runs from any
//! folder), an optional file (`TRUSTFUND_CONFIG`, else `config/local.toml`), then
//! `TRUSTFUND__SECTION__KEY` environment variables. Unknown keys are refused so a typo
//! never silently falls back to a default. Secrets are `SecretString`: never logged.

use std::path::Path;

use anyhow::{bail, Context};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub environment: Environment,
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub admin: AdminSettings,
    pub mail: MailSettings,
    pub log: LogSettings,
    pub iati: IatiSettings,
    pub exports: ExportSettings,
    pub audit: AuditSettings,
    pub grants: GrantSettings,
    pub documents: DocumentSettings,
    /// The app's clock (`crate::clock`): the system's unless code sets another; never
    /// read from a file or the environment.
    #[serde(skip)]
    pub clock: crate::clock::Clock,
}

/// The export lane (`src/exports/stream.rs`, `src/exports/iati/`): how many ledger exports
/// one instance streams at once, and how long a client may stop reading before its export
/// is cut off.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportSettings {
    pub max_concurrent: u32,
    pub write_timeout_secs: u64,
}

/// The audit trail's signed checkpoints (`src/audit/checkpoint.rs`): the key that signs
/// them, kept outside the database, and the file `serve` appends them to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditSettings {
    /// The Ed25519 seed, 32 bytes in hex or base64. Empty in development: one is
    /// generated and kept in `signing_key_file`. Production refuses to start without it.
    pub signing_key: SecretString,
    pub signing_key_file: String,
    /// JSON Lines, one checkpoint a line, appended to; ship it off the machine.
    pub checkpoint_file: String,
    /// Seconds between two checkpoints by `serve` (one only when the head moved); 0: none.
    pub checkpoint_interval_secs: u64,
}

/// Rules of a grant's life that the Fund configures (`src/grants/`): the report gate, the
/// budget and amendments.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantSettings {
    /// The share of the money a grantee received through a tranche that the accepted
    /// report on it must show spent before the next tranche is paid; 0 turns the check
    /// off (the report must still be accepted). From 0 to 1.
    pub report_min_spent_share: rust_decimal::Decimal,
    /// How far beyond its budget a line may be spent to date (a report states spending to
    /// its date) before a budget revision is needed: 0.10 lets a 10,000 line reach 11,000.
    pub budget_line_overspend_share: rust_decimal::Decimal,
    /// How many months a no-cost extension may add beyond the call's longest duration,
    /// counted from the start of the grant period.
    pub extension_max_months: u32,
}

impl Default for GrantSettings {
    fn default() -> Self {
        GrantSettings {
            report_min_spent_share: rust_decimal::Decimal::new(70, 2),
            budget_line_overspend_share: rust_decimal::Decimal::new(10, 2),
            extension_max_months: 12,
        }
    }
}

/// How large a document may be, and how much one record may hold (`src/documents/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSettings {
    /// The largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// The most versions of documents one record keeps, all kinds together.
    pub max_record_documents: i64,
    /// The most bytes one record keeps, every version together.
    pub max_record_bytes: i64,
}

impl Default for DocumentSettings {
    fn default() -> Self {
        DocumentSettings {
            max_file_bytes: 20 * 1024 * 1024,
            max_record_documents: 100,
            max_record_bytes: 200 * 1024 * 1024,
        }
    }
}

/// Who publishes the IATI activity file (`src/exports/iati/`): the reporting
/// organisation's IATI identifier and name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IatiSettings {
    /// Empty until the operator sets it: IATI exports are refused meanwhile
    /// (`Rule::IatiPublisherUnset`).
    pub reporting_org_ref: String,
    pub reporting_org_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub bind: String,
    pub max_body_bytes: usize,
    pub shutdown_timeout_secs: u64,
    /// Load balancers whose `X-Forwarded-For` names the client (see `http::client_ip`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
    /// Seconds one database call of a request may take, waits included, before the
    /// request answers 503 (see `db::DbLimits`).
    pub request_deadline_secs: u64,
    /// PostgreSQL's `statement_timeout` and `lock_timeout` on every pooled connection.
    pub statement_timeout_secs: u64,
    pub lock_timeout_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    pub jwt_secret: SecretString,
    pub secret_file: String,
    pub issuer: String,
    pub audience: String,
    pub token_minutes: i64,
    pub login_max_failures: i64,
    pub lockout_minutes: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminSettings {
    pub email: String,
    pub password: SecretString,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    Log,
    File,
    Smtp,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub transport: MailTransport,
    pub from: String,
    pub file_dir: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_security: SmtpSecurity,
    pub smtp_username: String,
    pub smtp_password: SecretString,
    /// Seconds one SMTP conversation may take before it counts as a failed attempt.
    pub smtp_timeout_secs: u64,
    /// Whether `serve` runs the delivery worker (tests drive it themselves).
    pub worker: bool,
    /// Milliseconds between two looks at the outbox when it was empty.
    pub poll_interval_ms: u64,
    /// Rows one claim takes at most.
    pub batch_size: u32,
    /// Seconds a claim holds its rows: past it an unfinished send is due again.
    pub lease_secs: u64,
    /// Attempts before a row is marked `failed`.
    pub max_attempts: u32,
    /// The first retry waits this many seconds, each next one twice as long (up to a day).
    pub backoff_base_secs: u64,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (refused if the server does not offer it).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on loopback or a test server.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

impl Settings {
    /// Reads the layers in order; later layers win.
    pub fn load() -> anyhow::Result<Settings> {
        let file = std::env::var("TRUSTFUND_CONFIG").ok();
        Settings::from_layers(file.as_deref(), None)
    }

    /// The layers, with the file and the environment given explicitly (`None` for the
    /// environment reads the process's own): `load` uses it, and tests use it without
    /// touching global state.
    pub fn from_layers(
        file: Option<&str>,
        env: Option<std::collections::HashMap<String, String>>,
    ) -> anyhow::Result<Settings> {
        use config::{Config, Environment as Env, File, FileFormat};
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        builder = match file {
            Some(path) => builder.add_source(File::with_name(path).required(true)),
            None => builder.add_source(File::with_name("config/local.toml").required(false)),
        };
        let settings: Settings = builder
            .add_source(
                Env::with_prefix("TRUSTFUND")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true)
                    // The one list a deployment sets from its environment:
                    // TRUSTFUND__SERVER__TRUSTED_PROXIES=10.0.0.5,10.0.0.6
                    .list_separator(",")
                    .with_list_parse_key("server.trusted_proxies")
                    .source(env.map(|vars| vars.into_iter().collect())),
            )
            .build()
            .and_then(Config::try_deserialize)
            .context("invalid configuration")?;
        settings.check()?;
        Ok(settings)
    }

    /// The defaults alone, for tests that build their own settings.
    pub fn defaults() -> anyhow::Result<Settings> {
        use config::{Config, File, FileFormat};
        Ok(Config::builder()
            .add_source(File::from_str(DEFAULTS, FileFormat::Toml))
            .build()?
            .try_deserialize()?)
    }

    fn check(&self) -> anyhow::Result<()> {
        crate::db::Backend::from_url(&self.database.url).map_err(anyhow::Error::msg)?;
        if self.auth.token_minutes < 1 || self.auth.token_minutes > 24 * 60 {
            bail!("auth.token_minutes must be between 1 and 1440");
        }
        if self.database.pool_size == 0 {
            bail!("database.pool_size must be at least 1");
        }
        if self.database.request_deadline_secs == 0
            || self.database.statement_timeout_secs == 0
            || self.database.lock_timeout_secs == 0
        {
            bail!(
                "database.request_deadline_secs, statement_timeout_secs and lock_timeout_secs \
                 must be at least 1"
            );
        }
        if self.documents.max_file_bytes == 0
            || self.documents.max_record_documents < 1
            || self.documents.max_record_bytes < 1
        {
            bail!("documents.max_file_bytes, max_record_documents and max_record_bytes must be at least 1");
        }
        if self.exports.max_concurrent == 0 || self.exports.write_timeout_secs == 0 {
            bail!("exports.max_concurrent and exports.write_timeout_secs must be at least 1");
        }
        if self.mail.max_attempts == 0 || self.mail.batch_size == 0 || self.mail.lease_secs == 0 {
            bail!("mail.max_attempts, mail.batch_size and mail.lease_secs must be at least 1");
        }
        sender_domain(&self.mail.from)?;
        let share = self.grants.report_min_spent_share;
        if share < rust_decimal::Decimal::ZERO || share > rust_decimal::Decimal::ONE {
            bail!("grants.report_min_spent_share must be from 0 to 1");
        }
        let share = self.grants.budget_line_overspend_share;
        if share < rust_decimal::Decimal::ZERO || share > rust_decimal::Decimal::ONE {
            bail!("grants.budget_line_overspend_share must be between 0 and 1");
        }
        if self.grants.extension_max_months > 60 {
            bail!("grants.extension_max_months must be at most 60");
        }
        Ok(())
    }

    /// The signing secret: the configured one, or in development one generated once and
    /// kept in `auth.secret_file` so tokens survive a restart. Production never generates.
    pub fn jwt_secret(&self) -> anyhow::Result<Vec<u8>> {
        let configured = self.auth.jwt_secret.expose_secret();
        if !configured.is_empty() {
            if configured.len() < 32 {
                bail!("auth.jwt_secret must be at least 32 bytes long");
            }
            return Ok(configured.as_bytes().to_vec());
        }
        if self.environment == Environment::Production {
            bail!(
                "production needs a signing secret: set TRUSTFUND__AUTH__JWT_SECRET to at least 32 random bytes"
            );
        }
        let path = Path::new(&self.auth.secret_file);
        if let Ok(existing) = std::fs::read_to_string(path) {
            let existing = existing.trim();
            if existing.len() >= 32 {
                return Ok(existing.as_bytes().to_vec());
            }
        }
        let secret = random_secret(48);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        write_private(path, &secret).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(secret.into_bytes())
    }
}

/// A random alphanumeric string, for secrets and generated passwords.
pub fn random_secret(len: usize) -> String {
    use rand::distributions::{Alphanumeric, DistString};
    Alphanumeric.sample_string(&mut rand::rngs::OsRng, len)
}

pub(crate) fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(content.as_bytes())
}

/// The domain of the configured sender: the right-hand side of every `Message-ID`.
pub fn sender_domain(from: &str) -> anyhow::Result<String> {
    let mailbox: lettre::message::Mailbox = from
        .parse()
        .map_err(|e| anyhow::anyhow!("mail.from is not a mail address: {e}"))?;
    Ok(mailbox.email.domain().to_string())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Option<HashMap<String, String>> {
        Some(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn environment_variables_override_the_defaults() {
        let settings = Settings::from_layers(
            None,
            env(&[
                ("TRUSTFUND__SERVER__BIND", "0.0.0.0:9000"),
                ("TRUSTFUND__AUTH__TOKEN_MINUTES", "30"),
                ("TRUSTFUND__LOG__FORMAT", "json"),
            ]),
        )
        .unwrap();
        assert_eq!(settings.server.bind, "0.0.0.0:9000");
        assert_eq!(settings.auth.token_minutes, 30);
        assert_eq!(settings.log.format, LogFormat::Json);
        assert_eq!(settings.database.url, "sqlite://data/trustfund.db");
        assert!(settings.server.trusted_proxies.is_empty());
    }

    #[test]
    fn the_trusted_proxies_are_a_comma_separated_list_in_the_environment() {
        let settings = Settings::from_layers(
            None,
            env(&[
                ("TRUSTFUND__SERVER__TRUSTED_PROXIES", "10.0.0.5,10.0.0.6"),
                ("TRUSTFUND__ADMIN__EMAIL", "fund,admin@example.org"),
            ]),
        )
        .unwrap();
        let expected: Vec<std::net::IpAddr> =
            vec!["10.0.0.5".parse().unwrap(), "10.0.0.6".parse().unwrap()];
        assert_eq!(settings.server.trusted_proxies, expected);
        // Other keys keep their commas.
        assert_eq!(settings.admin.email, "fund,admin@example.org");
        let one = Settings::from_layers(
            None,
            env(&[("TRUSTFUND__SERVER__TRUSTED_PROXIES", "127.0.0.1")]),
        )
        .unwrap();
        assert_eq!(one.server.trusted_proxies.len(), 1);
    }

    #[test]
    fn unknown_keys_are_refused() {
        let error =
            Settings::from_layers(None, env(&[("TRUSTFUND__SERVER__BIDN", "x")])).unwrap_err();
        assert!(format!("{error:#}").contains("bidn"), "{error:#}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("local.toml");
        std::fs::write(&file, "[databse]\nurl = \"sqlite://x.db\"\n").unwrap();
        assert!(Settings::from_layers(file.to_str(), env(&[])).is_err());
    }

    #[test]
    fn a_file_layer_sits_between_defaults_and_environment() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("local.toml");
        std::fs::write(
            &file,
            "[server]\nbind = \"127.0.0.1:7000\"\nmax_body_bytes = 1024\n",
        )
        .unwrap();
        let settings = Settings::from_layers(
            file.to_str(),
            env(&[("TRUSTFUND__SERVER__BIND", "127.0.0.1:7001")]),
        )
        .unwrap();
        assert_eq!(settings.server.bind, "127.0.0.1:7001");
        assert_eq!(settings.server.max_body_bytes, 1024);
    }

    #[test]
    fn production_needs_a_strong_secret_and_never_generates_one() {
        let production =
            Settings::from_layers(None, env(&[("TRUSTFUND__ENVIRONMENT", "production")])).unwrap();
        assert!(production.jwt_secret().is_err());
        let weak = Settings::from_layers(
            None,
            env(&[
                ("TRUSTFUND__ENVIRONMENT", "production"),
                ("TRUSTFUND__AUTH__JWT_SECRET", "short"),
            ]),
        )
        .unwrap();
        assert!(weak.jwt_secret().is_err());
        let strong = "s".repeat(40);
        let good = Settings::from_layers(
            None,
            env(&[
                ("TRUSTFUND__ENVIRONMENT", "production"),
                ("TRUSTFUND__AUTH__JWT_SECRET", &strong),
            ]),
        )
        .unwrap();
        assert_eq!(good.jwt_secret().unwrap(), strong.as_bytes());
    }

    #[test]
    fn development_generates_a_secret_once_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("secret");
        let settings = Settings::from_layers(
            None,
            env(&[("TRUSTFUND__AUTH__SECRET_FILE", file.to_str().unwrap())]),
        )
        .unwrap();
        let first = settings.jwt_secret().unwrap();
        assert!(first.len() >= 32);
        assert_eq!(settings.jwt_secret().unwrap(), first);
    }

    #[test]
    fn secrets_are_not_in_debug_output() {
        let strong = "a-very-secret-signing-key-of-forty-bytes!";
        let settings =
            Settings::from_layers(None, env(&[("TRUSTFUND__AUTH__JWT_SECRET", strong)])).unwrap();
        assert!(!format!("{settings:?}").contains(strong));
    }
}
