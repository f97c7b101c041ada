//! Malformed requests get a 4xx problem+json that says what is wrong, never a 500.

use actix_web::web;
use reqwest::Method;
use serde_json::json;
use trustfund::auth::Role;

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;
use crate::support::paths;
use crate::support::resources::ALL;

on_both_backends!(
    bad_json_is_400_naming_the_field,
    oversized_body_is_413,
    unknown_route_is_404_and_wrong_method_405,
    another_media_type_is_415,
    a_malformed_id_in_a_path_is_404,
    bad_query_is_400,
    control_characters_are_refused,
);

async fn bad_json_is_400_naming_the_field(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let token = Some(admin.token.as_str());
    let syntax = app
        .send_raw(
            Method::POST,
            &paths::users(),
            token,
            "application/json",
            "{\"email\": ",
        )
        .await
        .expect_problem(400, "validation");
    assert_eq!(syntax.bad_fields(), vec!["body"]);

    let cases = [
        (
            json!({"email": 5, "name": "A", "role": "finance", "password": "long enough password"}),
            "email",
        ),
        (
            json!({"name": "A", "role": "finance", "password": "long enough password"}),
            "email",
        ),
        (
            json!({"email": "a@example.org", "name": "A", "role": "finance", "password": "long enough password", "is_root": true}),
            "is_root",
        ),
        (
            json!({"email": "a@example.org", "name": "A", "role": "emperor", "password": "long enough password"}),
            "role",
        ),
        (
            json!({"email": "not an email", "name": "A", "role": "finance", "password": "long enough password"}),
            "email",
        ),
        (
            json!({"email": "a@example.org", "name": "A", "role": "finance", "password": "short"}),
            "password",
        ),
        (
            json!({"email": "a@example.org", "name": "", "role": "finance", "password": "long enough password"}),
            "name",
        ),
        (json!([1, 2, 3]), "body"),
    ];
    for (body, field) in cases {
        // JSON on purpose: each body is wrong in one way the crate's types cannot hold.
        let refused = app
            .as_(&admin)
            .users()
            .create(&body)
            .await
            .refused(400, "validation");
        assert_eq!(refused.fields(), vec![field], "for {body}");
    }
    // Nothing was created by any of them.
    let list = app.as_(&admin).users().list(ALL).await.ok();
    assert_eq!(list.items.len(), 1);
}

async fn oversized_body_is_413(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let huge = format!("{{\"email\": \"{}\"}}", "a".repeat(300 * 1024));
    app.send_raw(
        Method::POST,
        &paths::users(),
        Some(&admin.token),
        "application/json",
        huge,
    )
    .await
    .expect_problem(413, "payload-too-large");
}

async fn unknown_route_is_404_and_wrong_method_405(app: TestApp) {
    // A path the API does not have: the literal is the test.
    app.send(Method::GET, "/api/v1/nothing-here", None, None)
        .await
        .expect_problem(404, "not-found");
    app.send(Method::DELETE, &paths::login(), None, None)
        .await
        .expect_problem(405, "method-not-allowed");
    app.send(Method::PUT, &paths::users(), None, None)
        .await
        .expect_problem(405, "method-not-allowed");
}

async fn another_media_type_is_415(app: TestApp) {
    app.send_raw(
        Method::POST,
        &paths::login(),
        None,
        "text/plain",
        "email=a&password=b",
    )
    .await
    .expect_problem(415, "unsupported-media-type");
}

async fn a_malformed_id_in_a_path_is_404(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let admin = app.as_(&admin);
    admin
        .get::<()>(paths::user("not-a-uuid"))
        .await
        .refused(404, "not-found");
    admin
        .user(trustfund::domain::UserId::from(uuid::Uuid::new_v4()))
        .get()
        .await
        .refused(404, "not-found");
}

async fn bad_query_is_400(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let users = || app.as_(&admin).users();
    let refused = users()
        .list(&[("limit", "lots")])
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["limit"]);
    users()
        .list(&[("limit", "0")])
        .await
        .refused(400, "validation");
    users()
        .list(&[("cursor", "garbage")])
        .await
        .refused(400, "validation");
}

async fn control_characters_are_refused(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let refused = app
        .as_(&admin)
        .users()
        .create(&json!({"email": "nul@example.org", "name": "A\u{0000}B", "role": "finance", "password": "long enough password"}))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["name"]);
}

fn panicking_route(cfg: &mut web::ServiceConfig) {
    async fn boom() -> &'static str {
        panic!("a bug in a handler")
    }
    cfg.route("/test/panic", web::get().to(boom));
}

/// A handler that panics gets a 500 problem, and the server keeps answering.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_is_a_500_and_the_server_survives() {
    let app = TestApp::spawn_with(Backend::Sqlite, panicking_route)
        .await
        .unwrap();
    for _ in 0..3 {
        let answer = app
            .send(Method::GET, "/test/panic", None, None)
            .await
            .expect_problem(500, "internal");
        assert!(
            !answer.text.contains("a bug in a handler"),
            "{}",
            answer.text
        );
    }
    app.send(Method::GET, "/healthz", None, None)
        .await
        .expect(200);
}

fn slow_query_route(cfg: &mut web::ServiceConfig) {
    async fn slow(
        db: web::Data<trustfund::db::Db>,
    ) -> Result<&'static str, trustfund::error::AppError> {
        db.read(|conn| {
            use diesel::connection::SimpleConnection;
            conn.batch_execute("SELECT pg_sleep(5)")?;
            Ok("done")
        })
        .await
    }
    cfg.route("/test/slow", web::get().to(slow));
}

/// A query in flight when its database connection dies (the server restarted, a failover)
/// answers 503, like any other unavailability, not 500; and the service recovers by itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_dying_under_a_query_is_a_503() {
    let Some(app) = TestApp::spawn_with(Backend::Postgres, slow_query_route).await else {
        return crate::helpers::postgres_skipped();
    };
    let client = app.client.clone();
    let url = format!("{}/test/slow", app.address);
    let slow = tokio::spawn(async move { client.get(url).send().await });
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.with_db(|conn| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid() \
                 AND query LIKE '%pg_sleep%'",
        )
        .unwrap()
    })
    .await;
    let answer = crate::helpers::answer(slow.await.unwrap().unwrap()).await;
    crate::support::Reply::<()>::new(answer).refused(503, "unavailable");
    // The broken connection was not put back: the next requests are served.
    for _ in 0..6 {
        app.send(Method::GET, "/readyz", None, None)
            .await
            .expect(200);
    }
}
