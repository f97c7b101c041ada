//! The command line: `serve`, `migrate`, `users create`, `audit verify|checkpoint|public-key`,
//! `ledger check`, `export`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::auth::{hash_password, Password, Role};
use crate::config::Settings;
use crate::db::{Actor, Db};
use crate::domain::{Email, OrganizationId};
use crate::startup::Application;

/// The answer to `serve --demo` in a build without the demo data set.
const NO_DEMO: &str = "this build has no demo data set; build with --features demo";

#[derive(Debug, Parser)]
#[command(
    name = "trustfund",
    version,
    about = "Grant management for the UN Voluntary Trust Fund for Victims of Trafficking in Persons"
)]
pub struct Cli {
    /// sqlite://path or postgres://…; overrides DATABASE_URL and the configuration.
    #[arg(long, global = true)]
    database_url: Option<String>,
    /// An environment file to read before the configuration (default: .env if present).
    #[arg(long, global = true)]
    env_file: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the migrations, then serve the API.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080 (overrides server.bind).
        #[arg(long)]
        bind: Option<String>,
        /// Also load the demo data set and print its accounts (in builds with the `demo`
        /// feature: `cargo run --features demo -- serve --demo`).
        #[arg(long)]
        demo: bool,
    },
    /// Run pending migrations and exit.
    Migrate,
    /// Manage accounts.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Check the audit trail and anchor it with signed checkpoints.
    Audit {
        #[command(subcommand)]
        command: crate::audit::cli::AuditCommand,
    },
    /// Check the ledger.
    Ledger {
        #[command(subcommand)]
        command: crate::ledger_owners::cli::LedgerCommand,
    },
    /// Check the stored documents.
    Documents {
        #[command(subcommand)]
        command: crate::documents::cli::DocumentsCommand,
    },
    /// Write every row of the Fund to a file, consistent as of one moment while the
    /// service keeps serving (the audit head and the ledger's balances beside them).
    Backup(crate::transfer::cli::BackupArgs),
    /// Load a backup into an empty database, then check its audit chain, ledger and
    /// documents against what the backup recorded.
    Restore(crate::transfer::cli::RestoreArgs),
    /// Move the Fund from --database-url to an empty database (SQLite to PostgreSQL or
    /// back), then check it arrived whole.
    MigrateData(crate::transfer::cli::MigrateDataArgs),
    /// Export the ledger for a period (csv, json, xlsx, iati), as `GET /api/v1/ledger/export`
    /// does.
    Export(crate::exports::cli::ExportArgs),
}

#[derive(Debug, Subcommand)]
enum UsersCommand {
    /// Create an account; the password is read from standard input (first line).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: Role,
        #[arg(long)]
        name: Option<String>,
        /// The organisation of an applicant.
        #[arg(long)]
        organization: Option<uuid::Uuid>,
    },
}

impl Cli {
    pub fn run(self) -> ExitCode {
        match self.execute() {
            Ok(code) => code,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::FAILURE
            }
        }
    }

    fn settings(&self) -> anyhow::Result<Settings> {
        match &self.env_file {
            Some(path) => {
                dotenvy::from_path(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
            }
            None => {
                dotenvy::dotenv().ok();
            }
        }
        let mut settings = Settings::load()?;
        if let Some(url) = self
            .database_url
            .clone()
            .or_else(|| std::env::var("DATABASE_URL").ok())
        {
            crate::db::Backend::from_url(&url).map_err(anyhow::Error::msg)?;
            settings.database.url = url;
        }
        Ok(settings)
    }

    fn execute(self) -> anyhow::Result<ExitCode> {
        let mut settings = self.settings()?;
        crate::telemetry::init(&settings.log);
        match self.command {
            Command::Serve { bind, demo } => {
                if demo && !cfg!(feature = "demo") {
                    // Refused before anything starts, rather than after binding the port.
                    anyhow::bail!(NO_DEMO);
                }
                if let Some(bind) = bind {
                    settings.server.bind = bind;
                }
                // The demo publishes its IATI files as UNODC unless told otherwise.
                if demo && settings.iati.reporting_org_ref.trim().is_empty() {
                    settings.iati.reporting_org_ref =
                        crate::exports::iati::UNODC_DAC_REF.to_string();
                }
                actix_web::rt::System::new().block_on(serve(settings, demo))?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Migrate => {
                let db = Db::connect(&settings.database.url, 1)?;
                let mut conn = db.get().context("connecting to the database")?;
                let applied = crate::db::run_migrations(&mut conn)?;
                println!("{applied} migration(s) applied");
                Ok(ExitCode::SUCCESS)
            }
            Command::Users {
                command:
                    UsersCommand::Create {
                        email,
                        role,
                        name,
                        organization,
                    },
            } => create_user(&settings, &email, role, name, organization),
            Command::Audit { command } => crate::audit::cli::run(command, &settings),
            Command::Ledger { command } => {
                crate::ledger_owners::cli::run(command, &settings.database.url)
            }
            Command::Backup(args) => crate::transfer::cli::backup(&settings.database.url, &args),
            Command::Restore(args) => crate::transfer::cli::restore(&settings.database.url, &args),
            Command::MigrateData(args) => {
                crate::transfer::cli::migrate_data(&settings.database.url, &args)
            }
            Command::Documents { command } => {
                crate::documents::cli::run(command, &settings.database.url)
            }
            Command::Export(args) => {
                let signer = crate::audit::key::signer(&settings)?;
                crate::exports::cli::run(args, &settings.database.url, &settings.iati, &signer)
            }
        }
    }
}

async fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let app = Application::build(settings.clone()).await?;
    let base = format!("http://{}", display_addr(&settings.server.bind, app.port()));
    println!(
        "trustfund is listening on {base} (database: {})",
        crate::db::redact_url(&settings.database.url)
    );
    let db = app.db().clone();
    let created = actix_web::web::block({
        let db = db.clone();
        let settings = settings.clone();
        move || crate::bootstrap::ensure_admin(&db, &settings)
    })
    .await??;
    if let Some(admin) = created {
        println!();
        println!(
            "First start: created the administrator account (the password is shown only now):"
        );
        println!("  email:    {}", admin.email);
        println!("  password: {}", admin.password);
        print_try(&base, &admin.email, &admin.password);
    }
    if demo {
        load_demo(db, &base).await?;
    }
    println!("\n{}", mail_destination(&settings.mail));
    println!("Web portal: {base}/sign-in   API documentation: {base}/docs/   (stop with Ctrl-C)");
    app.run_until_stopped().await?;
    Ok(())
}

/// Loads the demo data set and prints its accounts.
#[cfg(feature = "demo")]
async fn load_demo(db: Db, base: &str) -> anyhow::Result<()> {
    // Loading makes hundreds of changes whose log lines would bury the accounts printed
    // below; its outcome is this call's result.
    let accounts = actix_web::web::block(move || {
        tracing::subscriber::with_default(tracing::subscriber::NoSubscriber::default(), || {
            crate::demo::load(&db)
        })
    })
    .await??;
    println!();
    println!(
        "Demo data loaded. Demo accounts (password for all: {}):",
        crate::demo::DEMO_PASSWORD
    );
    for (role, account) in &accounts {
        println!("  {:<12} {}", role.as_str(), account.email);
    }
    let first_of = |wanted: Role| {
        accounts
            .iter()
            .find(|(role, _)| *role == wanted)
            .map(|(_, account)| account.email.as_str())
    };
    if let (Some(ngo), Some(trustee)) = (first_of(Role::Applicant), first_of(Role::Trustee)) {
        println!("In a browser: {base}/sign-in, as an NGO ({ngo}) or a trustee ({trustee}).");
    }
    if let Some((_, first)) = accounts.first() {
        print_try(base, &first.email, &first.password);
    }
    Ok(())
}

#[cfg(not(feature = "demo"))]
async fn load_demo(_db: Db, _base: &str) -> anyhow::Result<()> {
    anyhow::bail!(NO_DEMO)
}

/// Where the outbox worker delivers, so a newcomer knows where to look for the mail.
fn mail_destination(mail: &crate::config::MailSettings) -> String {
    use crate::config::MailTransport;
    match mail.transport {
        MailTransport::File => format!(
            "Outgoing mail is written as .eml files under {}/",
            mail.file_dir
        ),
        MailTransport::Log => "Outgoing mail is written to the log".to_string(),
        MailTransport::Smtp => format!(
            "Outgoing mail is sent through {}:{}",
            mail.smtp_host, mail.smtp_port
        ),
    }
}

fn print_try(base: &str, email: &str, password: &str) {
    println!("Try it:");
    println!(
        "  TOKEN=$(curl -s -X POST {base}/api/v1/auth/login -H 'content-type: application/json' \\\n     -d '{{\"email\":\"{email}\",\"password\":\"{password}\"}}' | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')"
    );
    println!("  curl -s {base}/api/v1/me -H \"authorization: Bearer $TOKEN\"");
}

fn display_addr(bind: &str, port: u16) -> String {
    let host = bind.rsplit_once(':').map_or(bind, |(host, _)| host);
    let host = if host == "0.0.0.0" { "127.0.0.1" } else { host };
    format!("{host}:{port}")
}

fn create_user(
    settings: &Settings,
    email: &str,
    role: Role,
    name: Option<String>,
    organization: Option<uuid::Uuid>,
) -> anyhow::Result<ExitCode> {
    let email = Email::parse(email).context("--email")?;
    if (role == Role::Applicant) != organization.is_some() {
        anyhow::bail!("--organization is required for applicants and only for them");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let password =
        Password::parse(line.trim_end_matches(['\n', '\r']).to_string()).context("password")?;
    let db = Db::connect(&settings.database.url, 1)?;
    let mut conn = db.get().context("connecting to the database")?;
    crate::db::run_migrations(&mut conn)?;
    let new = crate::users::NewUser {
        name: name.unwrap_or_else(|| {
            email
                .as_str()
                .split('@')
                .next()
                .unwrap_or("user")
                .to_string()
        }),
        email,
        role,
        organization_id: organization.map(OrganizationId::from),
        password_hash: hash_password(password.expose())?,
    };
    let user = crate::db::write_blocking(&mut conn, Actor::system("cli"), |tx| {
        crate::users::create_user(tx, new)
    })
    .context("creating the account")?;
    println!("created {} {} ({})", user.role, user.email, user.id);
    Ok(ExitCode::SUCCESS)
}
