//! Building the application: database, migrations, keys, routes, middleware, server.

use std::net::TcpListener;

use anyhow::Context;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, ErrorHandlers};
use actix_web::{web, App, HttpServer};
use tracing_actix_web::TracingLogger;
use utoipa_actix_web::AppExt;

use crate::auth::throttle::ThrottlePolicy;
use crate::auth::TokenKeys;
use crate::config::Settings;
use crate::db::{run_migrations, Db, DbLimits};
use crate::http::BodyLimit;
use crate::supervise::{Background, RestartPolicy};

/// Routes a test may add (e.g. one that panics) beside the real ones.
pub type ExtraRoutes = fn(&mut web::ServiceConfig);

pub struct Application {
    port: u16,
    server: Server,
    db: Db,
    background: Background,
    grace: std::time::Duration,
}

impl Application {
    /// Connects, migrates, and binds (port 0 picks a free port, for tests).
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        Self::build_with(settings, None).await
    }

    pub async fn build_with(
        settings: Settings,
        extra: Option<ExtraRoutes>,
    ) -> anyhow::Result<Application> {
        let db = connect_and_migrate(&settings).await?;
        let secret = settings.jwt_secret()?;
        let keys = TokenKeys::new(
            &secret,
            &settings.auth.issuer,
            &settings.auth.audience,
            settings.auth.token_minutes * 60,
        );
        let signer = crate::audit::key::signer(&settings)?;
        let listener = TcpListener::bind(&settings.server.bind)?;
        let port = listener.local_addr()?.port();
        let server = serve(listener, db.clone(), keys, signer.clone(), &settings, extra)?;
        let mut background = Background::new();
        if settings.audit.checkpoint_interval_secs > 0 {
            // Each instance signs the head into its own file (audit.checkpoint_file).
            let (anchor_db, path) = (db.clone(), settings.audit.checkpoint_file.clone());
            let every = std::time::Duration::from_secs(settings.audit.checkpoint_interval_secs);
            background.spawn(
                "audit.checkpoints",
                RestartPolicy::default(),
                move |shutdown| {
                    crate::audit::anchor::run(
                        anchor_db.clone(),
                        signer.clone(),
                        path.clone().into(),
                        every,
                        shutdown,
                    )
                },
            );
        }
        if settings.mail.worker {
            // Delivers the outbox while the server runs; any number of instances may.
            let worker = crate::notifications::Worker::new(db.clone(), &settings.mail)?;
            background.spawn("mail.worker", RestartPolicy::default(), move |shutdown| {
                worker.clone().run(shutdown)
            });
            // The reminders' sweep: hourly, each reminder still sent once (its dedup key).
            let sweep_db = db.clone();
            background.spawn("mail.sweep", RestartPolicy::default(), move |shutdown| {
                crate::notifications::sweep::run(
                    sweep_db.clone(),
                    REMINDERS,
                    std::time::Duration::from_secs(60 * 60),
                    shutdown,
                )
            });
        }
        // A mail in hand may take the SMTP timeout to finish; a request, the server's.
        let grace = settings
            .server
            .shutdown_timeout_secs
            .max(settings.mail.smtp_timeout_secs);
        Ok(Application {
            port,
            server,
            db,
            background,
            grace: std::time::Duration::from_secs(grace),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Serves until SIGTERM or SIGINT; in-flight requests then get the shutdown timeout to
    /// finish, and the background tasks the item in hand. If a background task is given
    /// up on (see `crate::supervise`), the server stops too and this returns the error, so
    /// the process exits non-zero instead of running on without it.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let Application {
            mut server,
            mut background,
            grace,
            ..
        } = self;
        let handle = server.handle();
        let outcome = tokio::select! {
            served = &mut server => served.map_err(anyhow::Error::from),
            exit = background.gave_up() => {
                handle.stop(true).await;
                Err(anyhow::anyhow!("{exit}; the server was stopped"))
            }
        };
        background.stop(grace).await;
        outcome
    }
}

/// Opens the pool and applies pending migrations (on the blocking pool).
pub async fn connect_and_migrate(settings: &Settings) -> anyhow::Result<Db> {
    let secs = std::time::Duration::from_secs;
    let limits = DbLimits {
        request_deadline: secs(settings.database.request_deadline_secs),
        statement_timeout: Some(secs(settings.database.statement_timeout_secs)),
        lock_timeout: Some(secs(settings.database.lock_timeout_secs)),
        exports: settings.exports.max_concurrent,
    };
    let db = Db::connect_with(&settings.database.url, settings.database.pool_size, limits)?
        .with_clock(settings.clock);
    let migrate = db.clone();
    let applied = web::block(move || -> anyhow::Result<usize> {
        let mut conn = migrate.get().context("connecting to the database")?;
        run_migrations(&mut conn)
    })
    .await??;
    if applied > 0 {
        tracing::info!(applied, "database migrated");
    }
    Ok(db)
}

/// Every kind of reminder the sweep looks for, each kept by its feature.
pub const REMINDERS: &[crate::notifications::Reminders] = &[
    crate::grant_reports::reminders::REMINDERS,
    crate::board::reminders::REMINDERS,
    crate::voting::reminders::REMINDERS,
];

fn serve(
    listener: TcpListener,
    db: Db,
    keys: TokenKeys,
    signer: crate::audit::Signer,
    settings: &Settings,
    extra: Option<ExtraRoutes>,
) -> anyhow::Result<Server> {
    let db = web::Data::new(db);
    let keys = web::Data::new(keys);
    let throttle = web::Data::new(ThrottlePolicy {
        max_failures: settings.auth.login_max_failures,
        // One address may fail for a few accounts' worth before it is refused.
        max_failures_per_address: settings.auth.login_max_failures.saturating_mul(4),
        window: chrono::Duration::minutes(settings.auth.lockout_minutes),
    });
    let anonymous_limit = web::Data::new(crate::http::AnonymousLimit::new(signed_in));
    let trusted_proxies = web::Data::new(crate::http::TrustedProxies::new(
        settings.server.trusted_proxies.clone(),
    ));
    let iati = web::Data::new(settings.iati.clone());
    let grants = web::Data::new(settings.grants);
    let documents = web::Data::new(settings.documents);
    let exports = web::Data::new(crate::api::exports::WriteTimeout(
        std::time::Duration::from_secs(settings.exports.write_timeout_secs),
    ));
    let signer = web::Data::new(signer);
    let cookies = web::Data::new(crate::portal::CookiePolicy {
        secure: settings.environment != crate::config::Environment::Development,
    });
    let body_limit = settings.server.max_body_bytes;
    let metrics = crate::ops::metrics()?;
    // Built once: served as bytes, and read for the paths a 405 names.
    let document = crate::openapi::document();
    let openapi = crate::openapi::Served::of(&document)?;
    // One snapshot of the public figures per instance, shared by its workers.
    let public_figures = web::Data::new(crate::transparency::Snapshot::default());
    let known_paths = web::Data::new(crate::api::KnownPaths::of(&document));
    drop(document);
    let bench = bench_routes();
    let server = HttpServer::new(move || {
        let app = App::new()
            .wrap(from_fn(crate::http::catch_panics))
            .wrap(ErrorHandlers::new().default_handler(crate::http::to_problem_json))
            .wrap(from_fn(crate::telemetry::request_id_header))
            .wrap(TracingLogger::default())
            .wrap(from_fn(crate::http::limit_anonymous))
            .wrap(metrics.clone())
            // Outside the metrics, so they only ever see the standard methods.
            .wrap(from_fn(crate::http::normalise_method))
            .app_data(db.clone())
            .app_data(keys.clone())
            .app_data(throttle.clone())
            .app_data(anonymous_limit.clone())
            .app_data(trusted_proxies.clone())
            .app_data(iati.clone())
            .app_data(grants.clone())
            .app_data(documents.clone())
            .app_data(exports.clone())
            .app_data(signer.clone())
            .app_data(cookies.clone())
            .app_data(web::PayloadConfig::new(body_limit))
            .app_data(BodyLimit(body_limit))
            .app_data(known_paths.clone())
            .app_data(public_figures.clone())
            .configure(crate::http::extractor_configs)
            .configure(|cfg| {
                if let Some(bench) = bench {
                    bench(cfg);
                }
            })
            .configure(|cfg| {
                if let Some(extra) = extra {
                    extra(cfg);
                }
            })
            .configure(|cfg| crate::openapi::routes(cfg, &openapi))
            .configure(crate::portal::configure)
            .into_utoipa_app()
            .configure(crate::api::configure)
            .into_app()
            .default_service(web::to(nothing_here));
        crate::ops::memory::release_free_heap();
        app
    })
    .listen(listener)?
    .shutdown_timeout(settings.server.shutdown_timeout_secs)
    .run();
    Ok(server)
}

/// Whether a request comes from someone signed in, by the API's bearer token or the
/// portal's session cookie: the anonymous rate limit leaves them to their own quotas.
fn signed_in(req: &actix_web::HttpRequest) -> bool {
    crate::api::carries_valid_token(req) || crate::portal::carries_valid_session(req)
}

/// The answer for a path no route took: the portal's page for a path of its own, the
/// API's 405 or 404 for the rest.
async fn nothing_here(
    req: actix_web::HttpRequest,
    known: web::Data<crate::api::KnownPaths>,
) -> actix_web::HttpResponse {
    if crate::portal::owns(req.path()) && !known.publishes(req.path()) {
        return crate::portal::not_found(&req);
    }
    crate::api::KnownPaths::answer(req, known).await
}

/// The bench's ceiling write, when this build has the bench and its environment variable
/// asks for it.
fn bench_routes() -> Option<ExtraRoutes> {
    #[cfg(feature = "bench")]
    if crate::bench::enabled() {
        return Some(crate::bench::routes);
    }
    None
}
