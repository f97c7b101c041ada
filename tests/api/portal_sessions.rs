//! The portal's sessions and forms over plain HTTP, as an attacker would try them: a form
//! posted without its token (or with another browser's) is refused and signs no one in;
//! the session cookie is `HttpOnly` and `SameSite`; every page carries the strict policy;
//! signing out, a password change and disabling the account end the session on the server,
//! so a copied cookie stops working too.

use reqwest::header::{HeaderMap, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use trustfund::auth::Role;

use crate::helpers::{Backend, TestApp, PASSWORD};
use crate::on_both_backends;

on_both_backends!(
    portal_forms_without_their_token_are_refused,
    portal_pages_carry_a_strict_policy_and_a_page_for_nothing,
    portal_sessions_end_on_the_server,
    portal_sign_in_is_throttled_as_the_apis,
    portal_a_signed_in_person_is_not_an_anonymous_flood,
);

/// A browser without a browser: keeps cookies, follows no redirect.
struct Visit {
    base: String,
    http: reqwest::Client,
    cookies: Vec<(String, String)>,
}

struct Page {
    status: u16,
    headers: HeaderMap,
    body: String,
}

impl Page {
    fn header(&self, name: &str) -> String {
        self.headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The value of the page's first hidden form token.
    fn form_token(&self) -> String {
        let start = self
            .body
            .find(r#"name="form_token" value=""#)
            .unwrap_or_else(|| panic!("no form token in: {}", self.body))
            + r#"name="form_token" value=""#.len();
        let end = self.body[start..].find('"').unwrap() + start;
        self.body[start..end].to_string()
    }
}

impl Visit {
    fn new(app: &TestApp) -> Visit {
        Visit {
            base: app.address.clone(),
            http: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .unwrap(),
            cookies: Vec::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    async fn keep(&mut self, response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        for set in headers.get_all(SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !attributes.contains("Max-Age=0") {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
        let body = response.text().await.unwrap();
        Page {
            status,
            headers,
            body,
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }

    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .form(fields)
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }

    async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let token = self.get("/sign-in").await.form_token();
        self.post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("email", email),
                ("password", password),
                ("next", "/account"),
            ],
        )
        .await
    }
}

async fn portal_forms_without_their_token_are_refused(app: TestApp) {
    let user = app.user(Role::Secretariat).await;
    let mut visit = Visit::new(&app);
    let page = visit.get("/sign-in").await;
    assert_eq!(page.status, 200);
    assert!(visit.cookie("tf_visit").is_some());

    // No token: refused, nobody signed in.
    let refused = visit
        .post(
            "/sign-in",
            &[("email", &user.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.header("content-type").starts_with("text/html"));
    assert!(
        refused.body.contains("This form has expired"),
        "{}",
        refused.body
    );
    assert!(visit.cookie("tf_session").is_none());

    // Another browser's token (an attacker's own visit) does not fit this browser.
    let mut attacker = Visit::new(&app);
    let foreign = attacker.get("/sign-in").await.form_token();
    let refused = visit
        .post(
            "/sign-in",
            &[
                ("form_token", &foreign),
                ("email", &user.email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(visit.cookie("tf_session").is_none());

    // With its own token the same form signs in: an HttpOnly, SameSite session cookie.
    let signed_in = visit.sign_in(&user.email, PASSWORD).await;
    assert_eq!(signed_in.status, 303);
    assert_eq!(signed_in.header(LOCATION.as_str()), "/account");
    let set_cookie = signed_in.header(SET_COOKIE.as_str());
    let session = set_cookie
        .lines()
        .find(|line| line.starts_with("tf_session="))
        .unwrap_or_else(|| panic!("no session cookie: {set_cookie}"));
    assert!(session.contains("HttpOnly"), "{session}");
    assert!(session.contains("SameSite=Lax"), "{session}");

    // Signed in, a form still needs its token: the password change without one changes
    // nothing (the old password still signs in through the API).
    let refused = visit
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new password"),
                ("confirm_password", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);
    app.login(&user.email, PASSWORD).await;

    // A wrong password is told in the page, with what was typed kept.
    let mut other = Visit::new(&app);
    let token = other.get("/sign-in").await.form_token();
    let wrong = other
        .post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("email", &user.email),
                ("password", "not it"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong
        .body
        .contains("The email address or the password is wrong"));
    assert!(wrong.body.contains(&format!(r#"value="{}""#, user.email)));
    assert!(other.cookie("tf_session").is_none());
}

async fn portal_pages_carry_a_strict_policy_and_a_page_for_nothing(app: TestApp) {
    let mut visit = Visit::new(&app);
    let page = visit.get("/sign-in").await;
    let policy = page.header("content-security-policy");
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"));
    assert_eq!(page.header("x-frame-options"), "DENY");
    assert_eq!(page.header("cache-control"), "no-store");
    assert!(!page.body.contains("<script>"), "no inline script");
    assert!(!page.body.contains(" style="), "no inline style");

    // Anonymous at home: sent to sign in, and brought back after.
    let home = visit.get("/").await;
    assert_eq!(home.status, 303);
    assert_eq!(home.header("location"), "/sign-in?next=%2F");

    // A page that does not exist is a page, not the API's problem+json; the API's own
    // paths keep theirs.
    let nothing = visit.get("/no/such/page").await;
    assert_eq!(nothing.status, 404);
    assert!(nothing
        .header(CONTENT_TYPE.as_str())
        .starts_with("text/html"));
    assert!(nothing.body.contains("Page not found"));
    let api = visit.get("/api/v1/no-such-thing").await;
    assert_eq!(api.status, 404);
    assert_eq!(api.header("content-type"), "application/problem+json");

    // The language chosen is remembered; the browser's own preference decides before.
    let chosen = visit.get("/language/es?next=/sign-in").await;
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.header("location"), "/sign-in");
    assert!(chosen.header("set-cookie").contains("tf_lang=es"));
    let spanish = visit.get("/sign-in").await;
    assert!(spanish.body.contains(r#"<html lang="es">"#));
    assert!(spanish.body.contains("Iniciar sesión"));
    // `next` never leads off the site.
    let away = visit.get("/language/fr?next=//evil.example/").await;
    assert_eq!(away.header("location"), "/");
    let unknown = visit.get("/language/de").await;
    assert_eq!(unknown.status, 404);
}

async fn portal_sessions_end_on_the_server(app: TestApp) {
    let admin = app.user(Role::Admin).await;
    let user = app.user(Role::Secretariat).await;

    // Signing out ends the session everywhere: the cookie's token no longer works, even
    // replayed by hand against the API.
    let mut visit = Visit::new(&app);
    visit.sign_in(&user.email, PASSWORD).await;
    let copied = visit.cookie("tf_session").expect("signed in");
    assert_eq!(visit.get("/account").await.status, 200);
    let me = app
        .send(reqwest::Method::GET, "/api/v1/me", Some(&copied), None)
        .await;
    assert_eq!(me.status, 200, "the session's token is the API's own");
    let token = visit.get("/account").await.form_token();
    let out = visit.post("/sign-out", &[("form_token", &token)]).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.header("location"), "/sign-in?notice=signed-out");
    assert!(visit.cookie("tf_session").is_none());
    let replayed = app
        .send(reqwest::Method::GET, "/api/v1/me", Some(&copied), None)
        .await;
    assert_eq!(replayed.status, 401);
    let mut thief = Visit::new(&app);
    thief.cookies.push(("tf_session".into(), copied));
    let stolen = thief.get("/account").await;
    assert_eq!(stolen.status, 303, "the copied cookie is signed out too");

    // Disabling the account ends its session at the next page.
    let mut visit = Visit::new(&app);
    visit.sign_in(&user.email, PASSWORD).await;
    assert_eq!(visit.get("/account").await.status, 200);
    app.patch(
        &admin,
        &format!("/api/v1/users/{}", user.id),
        serde_json::json!({ "enabled": false }),
    )
    .await
    .expect(200);
    let after = visit.get("/account").await;
    assert_eq!(after.status, 303);
    assert!(after.header("location").starts_with("/sign-in"));
}

async fn portal_sign_in_is_throttled_as_the_apis(app: TestApp) {
    let user = app.user(Role::Finance).await;
    let mut visit = Visit::new(&app);
    // The API's limit (5 failures for one account within the window) holds in the form.
    for _ in 0..5 {
        let token = visit.get("/sign-in").await.form_token();
        let wrong = visit
            .post(
                "/sign-in",
                &[
                    ("form_token", &token),
                    ("email", &user.email),
                    ("password", "wrong"),
                ],
            )
            .await;
        assert_eq!(wrong.status, 422);
        assert!(wrong
            .body
            .contains("The email address or the password is wrong"));
    }
    let token = visit.get("/sign-in").await.form_token();
    let refused = visit
        .post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("email", &user.email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("Too many failed attempts"),
        "{}",
        refused.body
    );
    assert!(visit.cookie("tf_session").is_none());
    // The API counts the same failures.
    let api = app
        .send(
            reqwest::Method::POST,
            "/api/v1/auth/login",
            None,
            Some(serde_json::json!({ "email": user.email, "password": PASSWORD })),
        )
        .await;
    assert_eq!(api.status, 429);
}

/// Outside development the cookies are `Secure` and take the `__Host-` prefix, so a
/// neighbouring subdomain can neither set nor replace them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn portal_cookies_outside_development_are_secure_and_bound_to_the_host() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = TestApp::try_spawn_tuned(backend, |settings| {
            settings.environment = trustfund::config::Environment::Production;
        })
        .await;
        match app {
            Some(app) => secure_cookies(app).await,
            None => crate::helpers::postgres_skipped(),
        }
    }
}

async fn secure_cookies(app: TestApp) {
    let user = app.user(Role::Trustee).await;
    let mut visit = Visit::new(&app);
    let page = visit.get("/sign-in").await;
    let visit_cookie = page.header(SET_COOKIE.as_str());
    assert!(
        visit_cookie.starts_with("__Host-tf_visit="),
        "{visit_cookie}"
    );
    assert!(visit_cookie.contains("Secure") && visit_cookie.contains("HttpOnly"));
    let token = page.form_token();
    let signed_in = visit
        .post(
            "/sign-in",
            &[
                ("form_token", &token),
                ("email", &user.email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed_in.status, 303);
    let session = signed_in.header(SET_COOKIE.as_str());
    assert!(session.starts_with("__Host-tf_session="), "{session}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(session.contains(attribute), "{attribute} in {session}");
    }
    assert!(!session.contains("Domain="));
    assert_eq!(visit.get("/account").await.status, 200);
}

/// The anonymous rate limit counts a page viewed with a valid session as signed in (an
/// office behind one address keeps working while strangers from it are held back).
async fn portal_a_signed_in_person_is_not_an_anonymous_flood(app: TestApp) {
    let user = app.user(Role::Auditor).await;
    let mut member = Visit::new(&app);
    member.sign_in(&user.email, PASSWORD).await;
    let mut stranger = Visit::new(&app);
    let mut refused = 0;
    for _ in 0..160 {
        if stranger.get("/sign-in").await.status == 429 {
            refused += 1;
        }
    }
    assert!(refused > 0, "an anonymous flood is held back");
    let held = stranger.get("/sign-in").await;
    assert_eq!(held.status, 429);
    assert!(
        held.header("content-type").starts_with("text/html"),
        "a page for a person"
    );
    assert!(held.body.contains("Too many requests") && held.body.contains("Trop de demandes"));
    assert!(!held.header("retry-after").is_empty());
    assert_eq!(
        member.get("/account").await.status,
        200,
        "the signed-in person is not"
    );
}
