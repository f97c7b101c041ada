//! The test harness: each test gets its own app on port 0 with its own fresh database,
//! on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set.

use std::sync::Once;

use reqwest::Method;
use secrecy::SecretString;
use serde_json::Value;
use trustfund::auth::Role;
use trustfund::clock::Clock;
use trustfund::config::Settings;
use trustfund::db::{Actor, Db, DbConnection};
use trustfund::domain::Email;
use trustfund::startup::{Application, ExtraRoutes};
use uuid::Uuid;

/// The signing secret of every test app, so tests can forge tokens with it (or without).
pub const TEST_SECRET: &str = "a-test-signing-secret-of-more-than-32-bytes";
/// The audit checkpoints' Ed25519 seed in tests (hex), so no test writes a key file.
pub const TEST_AUDIT_KEY: &str = "7e57a0d17e57a0d17e57a0d17e57a0d17e57a0d17e57a0d17e57a0d17e57a0d1";

/// The audit checkpoint signer every test app uses.
pub fn test_signer() -> trustfund::audit::Signer {
    let seed: [u8; 32] = hex::decode(TEST_AUDIT_KEY).unwrap().try_into().unwrap();
    trustfund::audit::Signer::from_seed(seed)
}
pub const PASSWORD: &str = "correct horse battery staple";

/// [`PASSWORD`]'s hash for the accounts tests create directly: argon2id as the service
/// stores it, but with the least memory and time the algorithm allows, once per test
/// binary. Signing in reads the parameters from the stored hash, so each test login is
/// cheap too; the service's own hashes (registrations, password changes) keep its
/// parameters. Hashing at full cost was a third of the tests' CPU.
fn cheap_hash_of_password() -> &'static str {
    use argon2::password_hash::{PasswordHasher, SaltString};
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let params = argon2::Params::new(argon2::Params::MIN_M_COST, 1, 1, None).expect("params");
        argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
            .hash_password(
                PASSWORD.as_bytes(),
                &SaltString::from_b64("dGVzdHNhbHR0ZXN0c2FsdA").expect("salt"),
            )
            .expect("hash")
            .to_string()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs each named `async fn(TestApp)` once per backend, as `<name>::sqlite` and
/// `<name>::postgres`. The PostgreSQL run needs TEST_DATABASE_URL (CI sets it).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::TestApp::spawn($crate::helpers::Backend::Sqlite).await).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match $crate::helpers::TestApp::try_spawn($crate::helpers::Backend::Postgres).await {
                    Some(app) => super::$name(app).await,
                    None => $crate::helpers::postgres_skipped(),
                }
            }
        }
    )*};
}

/// Without TEST_DATABASE_URL the PostgreSQL variants are skipped on a developer's machine,
/// but in CI (`CI` set) that would be a silent pass of half the suite: there it fails.
pub fn postgres_skipped() {
    if std::env::var_os("CI").is_some() {
        panic!(
            "CI is set but TEST_DATABASE_URL is not: the PostgreSQL variant cannot run. \
             Set TEST_DATABASE_URL=postgres://… (as .ci/run does)."
        );
    }
    eprintln!("TEST_DATABASE_URL is not set: PostgreSQL run skipped");
}

/// A signed-in user of a test app.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub token: String,
}

/// An HTTP answer, with the body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    /// Panics with the body when the status is not the one expected.
    #[track_caller]
    pub fn expect(self, status: u16) -> Answer {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    /// Checks a problem+json answer: status, and for rules the rule's name.
    #[track_caller]
    pub fn expect_problem(self, status: u16, name: &str) -> Answer {
        let answer = self.expect(status);
        let content_type = answer.header("content-type").unwrap_or_default();
        assert_eq!(
            content_type, "application/problem+json",
            "body: {}",
            answer.text
        );
        assert_eq!(answer.body["status"], status);
        assert_eq!(
            answer.body["type"],
            format!("urn:trustfund:problem:{name}"),
            "body: {}",
            answer.text
        );
        answer
    }

    /// The fields named in a 400's `errors`.
    pub fn bad_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

pub struct TestApp {
    pub address: String,
    pub database_url: String,
    pub db: Db,
    pub client: reqwest::Client,
    /// Shared with the instances of [`TestApp::on_clock`]; dropped with the last.
    _database: std::sync::Arc<DatabaseGuard>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::try_spawn(backend)
            .await
            .expect("the backend is not configured")
    }

    /// `None` for PostgreSQL when TEST_DATABASE_URL is not set.
    pub async fn try_spawn(backend: Backend) -> Option<TestApp> {
        Self::try_spawn_with(backend, None).await
    }

    pub async fn spawn_with(backend: Backend, extra: ExtraRoutes) -> Option<TestApp> {
        Self::try_spawn_with(backend, Some(extra)).await
    }

    /// An app built with the test settings as `tune` changes them (small limits and
    /// timeouts, say); `None` for PostgreSQL when TEST_DATABASE_URL is not set.
    pub async fn try_spawn_tuned(backend: Backend, tune: fn(&mut Settings)) -> Option<TestApp> {
        Self::try_spawn_configured(backend, None, tune).await
    }

    async fn try_spawn_with(backend: Backend, extra: Option<ExtraRoutes>) -> Option<TestApp> {
        Self::try_spawn_configured(backend, extra, |_| {}).await
    }

    async fn try_spawn_configured(
        backend: Backend,
        extra: Option<ExtraRoutes>,
        tune: fn(&mut Settings),
    ) -> Option<TestApp> {
        init_logs();
        let database = match backend {
            Backend::Sqlite => DatabaseGuard::sqlite(),
            Backend::Postgres => DatabaseGuard::postgres()?,
        };
        let mut settings = test_settings(&database.url);
        tune(&mut settings);
        let app = Application::build_with(settings, extra)
            .await
            .expect("the app builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        tokio::spawn(app.run_until_stopped());
        Some(TestApp {
            address,
            database_url: database.url.clone(),
            db,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            _database: std::sync::Arc::new(database),
        })
    }

    /// The service serving `database` (one a test filled by other means: a restore, a
    /// move from another database).
    pub async fn serving(database: DatabaseGuard) -> TestApp {
        init_logs();
        let settings = test_settings(&database.url);
        let app = Application::build_with(settings, None)
            .await
            .expect("the app builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            database_url: database.url.clone(),
            db,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client"),
            _database: std::sync::Arc::new(database),
        }
    }

    /// Another instance of the service on the same database, as behind a load balancer;
    /// returns its base address. Tokens from one instance work on the other.
    pub async fn another_instance(&self) -> String {
        let app = Application::build(test_settings(&self.database_url))
            .await
            .expect("the second instance builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

    /// The same service and database on another instance whose clock reads `clock`
    /// (`Clock::fixed`, `Clock::offset`): "a quarter later" as the app sees it, without
    /// writing past dates. Tokens from this app work there (they keep the real clock).
    pub async fn on_clock(&self, clock: Clock) -> TestApp {
        let mut settings = test_settings(&self.database_url);
        settings.clock = clock;
        let app = Application::build(settings)
            .await
            .expect("the instance on another clock builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            database_url: self.database_url.clone(),
            db,
            client: self.client.clone(),
            _database: self._database.clone(),
        }
    }

    /// Creates an account with this role directly (as an admin would) and signs it in
    /// through the API.
    pub async fn user(&self, role: Role) -> TestUser {
        self.user_in(role, None).await
    }

    pub async fn user_in(&self, role: Role, organization_id: Option<Uuid>) -> TestUser {
        let email = format!("{}-{}@example.org", role.as_str(), Uuid::new_v4().simple());
        let db = self.db.clone();
        let address = email.clone();
        let id = tokio::task::spawn_blocking(move || {
            let new = trustfund::users::NewUser {
                email: Email::parse(&address).expect("email"),
                name: format!("Test {role}"),
                role,
                organization_id: organization_id.map(Into::into),
                password_hash: cheap_hash_of_password().to_string(),
            };
            let mut conn = db.get().expect("connection");
            trustfund::db::write_blocking(&mut conn, Actor::system("test"), |tx| {
                trustfund::users::create_user(tx, new)
            })
            .expect("user created")
            .id
            .as_uuid()
        })
        .await
        .expect("join");
        let token = self.login(&email, PASSWORD).await;
        TestUser {
            id,
            email,
            role,
            token,
        }
    }

    /// Signs in and returns the access token (panics on failure).
    pub async fn login(&self, email: &str, password: &str) -> String {
        let answer = self
            .send(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(serde_json::json!({ "email": email, "password": password })),
            )
            .await
            .expect(200);
        answer.body["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self
            .client
            .request(method, format!("{}{}", self.address, path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        answer(request.send().await.expect("request sent")).await
    }

    /// Sends raw bytes with a content type: for malformed-body tests.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Answer {
        let mut request = self
            .client
            .request(method, format!("{}{}", self.address, path))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        answer(request.send().await.expect("request sent")).await
    }

    pub async fn get(&self, user: &TestUser, path: &str) -> Answer {
        self.send(Method::GET, path, Some(&user.token), None).await
    }

    pub async fn post(&self, user: &TestUser, path: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Some(&user.token), Some(body))
            .await
    }

    pub async fn patch(&self, user: &TestUser, path: &str, body: Value) -> Answer {
        self.send(Method::PATCH, path, Some(&user.token), Some(body))
            .await
    }

    /// Direct access to this app's database, for tests that play an attacker with SQL.
    pub async fn with_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConnection) -> T + Send + 'static,
    ) -> T {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.get().expect("connection");
            work(&mut conn)
        })
        .await
        .expect("join")
    }
}

fn test_settings(database_url: &str) -> Settings {
    let mut settings = Settings::defaults().expect("default settings");
    settings.server.bind = "127.0.0.1:0".into();
    settings.database.url = database_url.to_string();
    settings.database.pool_size = 4;
    // The load balancer of the per-address tests (tests/api/abuse_anonymous.rs).
    settings.server.trusted_proxies = vec![std::net::IpAddr::from([127, 0, 0, 250])];
    settings.auth.jwt_secret = SecretString::from(TEST_SECRET.to_string());
    // Tests drive mail delivery themselves (tests/api/notifications.rs), never a
    // background worker, and write no files.
    settings.mail.worker = false;
    settings.mail.transport = trustfund::config::MailTransport::Log;
    // The audit key is given, and no checkpoint file is written unless a test asks.
    settings.audit.signing_key = SecretString::from(TEST_AUDIT_KEY.to_string());
    settings.audit.checkpoint_interval_secs = 0;
    // IATI files name their publisher: UNODC (tests/api/exports_iati.rs refuses without).
    settings.iati.reporting_org_ref = "XM-DAC-41128".into();
    settings
}

/// The settings every test app is built with (for a test that builds its own worker).
pub fn settings_for(database_url: &str) -> Settings {
    test_settings(database_url)
}

pub async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer {
        status,
        headers,
        body,
        text,
    }
}

/// A fresh database for one test, removed when the test ends.
pub struct DatabaseGuard {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl DatabaseGuard {
    /// A fresh, empty database on `backend` (not migrated); `None` for PostgreSQL when
    /// TEST_DATABASE_URL is not set.
    pub fn fresh(backend: Backend) -> Option<DatabaseGuard> {
        match backend {
            Backend::Sqlite => Some(DatabaseGuard::sqlite()),
            Backend::Postgres => DatabaseGuard::postgres(),
        }
    }

    fn sqlite() -> DatabaseGuard {
        // In memory where the machine has a tmpfs: the service syncs every commit to
        // disk (`synchronous = FULL`), which a test's throwaway database does not need.
        let shm = std::path::Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        }
        .expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        DatabaseGuard {
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    fn postgres() -> Option<DatabaseGuard> {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        let admin_url = std::env::var("TEST_DATABASE_URL").ok()?;
        let name = format!("trustfund_test_{}", Uuid::new_v4().simple());
        let mut admin =
            diesel::PgConnection::establish(&admin_url).expect("TEST_DATABASE_URL reachable");
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create test database");
        // A test's throwaway database need not wait for each commit to reach the disk.
        admin
            .batch_execute(&format!(
                "ALTER DATABASE {name} SET synchronous_commit = off"
            ))
            .expect("set up the test database");
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(base, _)| base);
        Some(DatabaseGuard {
            url: format!("{base}/{name}"),
            cleanup: Cleanup::Postgres { admin_url, name },
        })
    }
}

impl Drop for DatabaseGuard {
    fn drop(&mut self) {
        if let Cleanup::Postgres { admin_url, name } = &self.cleanup {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            if let Ok(mut admin) = diesel::PgConnection::establish(admin_url) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

fn init_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let settings = trustfund::config::LogSettings {
            format: trustfund::config::LogFormat::Pretty,
            level: std::env::var("TEST_LOG").unwrap_or_else(|_| "error".into()),
        };
        trustfund::telemetry::init(&settings);
    });
}

/// A registration body for an NGO in `country`, with a fresh UNPP id and applicant email.
pub fn registration(country: &str) -> Value {
    let tag = Uuid::new_v4().simple().to_string();
    serde_json::json!({
        "legal_name": format!("Hope Shelter {}", &tag[..8]),
        "org_type": "ngo",
        "country": country,
        "registered_on": "2015-03-01",
        "direct_assistance_since": "2015-06-01",
        "psea_measures_since": "2018-01-15",
        "unpp_id": format!("UNPP-{}", &tag[..12]),
        "bank_account_holder": format!("HOPE SHELTER {}", &tag[..8]),
        "contact_email": format!("office-{tag}@example.org"),
        "applicant": {"email": format!("applicant-{tag}@example.org"), "name": "Amina", "password": PASSWORD}
    })
}

/// An application body under `call_id` that meets `TestApp::open_call`'s terms
/// (`support::bodies::application`, as JSON).
pub fn application(call_id: &str) -> Value {
    let call = call_id.parse().expect("a call id");
    serde_json::to_value(crate::support::bodies::application(call)).expect("serializes")
}
