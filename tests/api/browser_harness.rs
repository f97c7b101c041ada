//! The browser harness (`support/browser.rs`) checked on pages of its own, served by a
//! test app beside the real routes: it must fail a page that breaks the rules (axe-core's
//! serious violations, a request to another origin) and pass, capture and weigh one that
//! keeps them, under the strict Content-Security-Policy the portal serves. The pages use
//! no database, so these run on SQLite only.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::helpers::{Backend, TestApp};
use crate::support::browser::{Browser, SCREENSHOT_WIDTHS};

/// The portal's policy: no inline script or style, nothing from elsewhere.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'";

fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/harness/good", web::get().to(good_page))
        .route("/harness/done", web::get().to(done_page))
        .route("/harness/bad", web::get().to(bad_page))
        .route("/harness/inline", web::get().to(inline_page))
        .route("/harness/style.css", web::get().to(stylesheet))
        .route("/harness/pixel.svg", web::get().to(pixel))
        .route("/harness/language", web::get().to(language_page))
        .route("/harness/sign-in", web::get().to(sign_in));
}

fn html(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("content-security-policy", CSP))
        .body(body)
}

fn page(title: &str, main: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/harness/style.css">
</head>
<body>
<header><p>Trust Fund harness</p></header>
<main>
<h1>{title}</h1>
{main}
</main>
</body>
</html>"#
    )
}

async fn good_page() -> HttpResponse {
    // Long enough that a full-page screenshot is taller than the window.
    let paragraphs: String = (1..=30)
        .map(|n| format!("<p>Paragraph {n} of the guidance for applicants.</p>\n"))
        .collect();
    html(page(
        "Apply for a grant",
        &format!(
            r#"<form method="get" action="/harness/done">
<p><label for="email">Email address <span class="hint">(we write to it)</span></label>
<input id="email" name="email" type="email" autocomplete="email"></p>
<p><label for="amount">Amount</label> <input id="amount" name="amount" inputmode="numeric"></p>
<p><label for="country">Country</label>
<select id="country" name="country"><option value="">Choose</option><option value="KE">Kenya</option><option value="UG">Uganda</option></select></p>
<p><label for="starts">Starts on</label> <input id="starts" name="starts" type="date"></p>
<fieldset><legend>Kind of organisation</legend>
<label><input type="radio" name="kind" value="ngo"> National NGO</label>
<label><input type="radio" name="kind" value="intl"> International NGO</label>
</fieldset>
<p><input id="terms" name="terms" type="checkbox" value="yes"> <label for="terms">I accept the terms</label></p>
<p><button type="submit">Send the application</button></p>
</form>
<p><a href="/harness/done?from=link">Read the guidance</a></p>
{paragraphs}"#
        ),
    ))
}

async fn done_page(req: HttpRequest) -> HttpResponse {
    let query = req.query_string().replace('&', " ");
    let query = query.replace('<', "&lt;");
    html(page(
        "Application sent",
        &format!(
            r#"<p id="sent">You sent: {query}</p><p><a href="/harness/good">Back to the form</a></p>"#
        ),
    ))
}

/// An image without a text alternative, a field without a label, and an image from
/// another origin (`localhost` is not `127.0.0.1`); no CSP, so the browser fetches it.
async fn bad_page(req: HttpRequest) -> HttpResponse {
    let port = req.app_config().local_addr().port();
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(format!(
            r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A bad page</title></head>
<body><main><h1>A bad page</h1>
<img src="/harness/pixel.svg">
<img src="http://localhost:{port}/harness/pixel.svg" alt="A pixel from elsewhere">
<form><input name="nameless"><button>Go</button></form>
</main></body></html>"#
        ))
}

/// An accessible page with an inline style and script, which its policy blocks.
async fn inline_page() -> HttpResponse {
    html(page(
        "Inline",
        r#"<p style="color: darkred">Styled inline.</p><script>document.title = 'changed';</script>"#,
    ))
}

async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok().content_type("text/css").body(
        "body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 40rem; \
         padding: 1rem; color: #1a1a1a; background: #fff; }\n\
         .hint { color: #4a4a4a; }\nlabel { display: inline-block; margin-right: .5rem; }\n\
         input, select, button { font: inherit; }\n",
    )
}

async fn pixel() -> HttpResponse {
    HttpResponse::Ok().content_type("image/svg+xml").body(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="gray"/></svg>"#,
    )
}

/// The request's language and cookies, as the server sees them.
async fn language_page(req: HttpRequest) -> HttpResponse {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("none")
            .replace('<', "&lt;")
    };
    html(page(
        "Language",
        &format!(
            "<p>Accept-Language: {}</p><p>Cookie: {}</p>",
            header("accept-language"),
            header("cookie")
        ),
    ))
}

/// A session cookie as the portal would set one (`__Host-`, `Secure`) on plain HTTP to
/// 127.0.0.1, then a redirect.
async fn sign_in() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("location", "/harness/language"))
        .insert_header((
            "set-cookie",
            "__Host-session=s3cret; Path=/; Secure; HttpOnly; SameSite=Strict",
        ))
        .finish()
}

async fn app() -> TestApp {
    TestApp::spawn_with(Backend::Sqlite, routes)
        .await
        .expect("the SQLite app")
}

/// A PNG's width and height, from its IHDR chunk.
fn png_size(path: &std::path::Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[1..4], b"PNG", "{} is a PNG", path.display());
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

/// The message of a panic caught from a spawned task.
fn panic_message(error: tokio::task::JoinError) -> String {
    let payload = error.into_panic();
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_and_the_origin_check_fail_a_bad_page() {
    let app = app().await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/harness/bad").await;

    let violations = browser.axe_violations().await;
    let serious: Vec<&str> = violations
        .iter()
        .filter(|v| v.is_serious())
        .map(|v| v.id.as_str())
        .collect();
    assert!(
        serious.contains(&"image-alt") && serious.contains(&"label"),
        "axe-core should find image-alt and label violations, found {serious:?}"
    );
    let image = violations.iter().find(|v| v.id == "image-alt").unwrap();
    assert_eq!(image.nodes.len(), 1, "{image}");
    assert!(
        image.nodes[0].html.contains("/harness/pixel.svg"),
        "{image}"
    );

    let foreign = browser.foreign_requests().await;
    assert_eq!(
        foreign,
        vec![format!(
            "{}/harness/pixel.svg",
            app.address.replace("127.0.0.1", "localhost")
        )]
    );

    // check_page panics, naming the rules and the page.
    let failed = tokio::spawn(async move { browser.check_page("harness-bad").await })
        .await
        .expect_err("check_page passes a page with serious violations");
    let message = panic_message(failed);
    for expected in ["image-alt", "label", "on page /harness/bad", "A bad page"] {
        assert!(
            message.contains(expected),
            "the panic should name {expected}: {message}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accessible_page_passes_and_is_captured_at_both_widths() {
    let app = app().await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/harness/good").await;
    assert_eq!(browser.title().await, "Apply for a grant");
    assert_eq!(browser.path().await, "/harness/good");

    // Under `script-src 'self'`: the harness's scripts (axe-core among them) still run.
    let report = browser.check_page("harness-good").await;
    assert_eq!(report.screenshots.len(), SCREENSHOT_WIDTHS.len());
    for (path, width) in report.screenshots.iter().zip(SCREENSHOT_WIDTHS) {
        assert!(
            path.ends_with(format!("screenshots/harness-good-{width}.png")),
            "{}",
            path.display()
        );
        assert!(std::fs::metadata(path).unwrap().len() > 0);
        let (png_width, png_height) = png_size(path);
        assert_eq!(png_width, width, "{}", path.display());
        // The whole page, not the window: thirty paragraphs are taller than 900 pixels.
        assert!(png_height > 1_000, "{}: {png_height} high", path.display());
    }
    assert!(report.weight.html_bytes > 2_000, "{:?}", report.weight);
    assert!(report.weight.css_bytes > 100, "{:?}", report.weight);
    assert!(
        report.weight.html_and_css() < 60 * 1024,
        "{:?}",
        report.weight
    );
    // The page and its stylesheet (and perhaps the browser's own /favicon.ico).
    assert_eq!(
        report.weight.requests[..2],
        [
            format!("{}/harness/good", app.address),
            format!("{}/harness/style.css", app.address)
        ],
        "{:?}",
        report.weight
    );
    eprintln!("{report:?}");
    assert!(
        !report
            .console
            .iter()
            .any(|line| line.contains("Content Security Policy")),
        "{:?}",
        report.console
    );

    // A person fills the form in and sends it.
    browser.fill("Email address", "amina@example.org").await;
    browser.fill("amount", "1200").await; // by name
    browser.select("Country", "Uganda").await;
    browser.fill("Starts on", "2027-03-01").await;
    browser.check("International NGO").await;
    browser.check("I accept the terms").await;
    browser.press("Send the application").await;
    assert_eq!(browser.path().await, "/harness/done");
    let text = browser.text().await;
    for sent in [
        "email=amina%40example.org",
        "amount=1200",
        "country=UG",
        "starts=2027-03-01",
        "kind=intl",
        "terms=yes",
    ] {
        assert!(text.contains(sent), "{sent} in {text}");
    }
    browser.follow("Back to the form").await;
    assert_eq!(browser.path().await, "/harness/good");
    browser.follow("Read the guidance").await;
    assert_eq!(browser.url().await.query(), Some("from=link"));
    assert!(browser
        .find_by_css("#sent")
        .await
        .text()
        .await
        .unwrap()
        .contains("from=link"));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_field_fails_with_the_page_it_was_looked_for_on() {
    let app = app().await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/harness/good").await;
    let failed = tokio::spawn(async move { browser.fill("Telephone", "555").await })
        .await
        .expect_err("filling a field the page does not have");
    let message = panic_message(failed);
    for expected in [
        "no field labelled \"Telephone\"",
        "\"Email address (we write to it)\"",
        "on page /harness/good",
        "Paragraph 30 of the guidance",
    ] {
        assert!(message.contains(expected), "{expected} in: {message}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_sends_its_language_and_keeps_a_secure_cookie_on_loopback() {
    let app = app().await;
    let Some(browser) = Browser::open_in_language(&app, "fr").await else {
        return;
    };
    browser.visit("/harness/language").await;
    let text = browser.text().await;
    assert!(text.contains("Accept-Language: fr"), "{text}");
    assert!(text.contains("Cookie: none"), "a fresh profile: {text}");

    // http://127.0.0.1 is a secure context to Chromium: a `Secure` cookie set there is
    // kept and sent back, so a page test can sign in as a person would.
    browser.visit("/harness/sign-in").await;
    assert_eq!(browser.path().await, "/harness/language");
    let text = browser.text().await;
    assert!(text.contains("Cookie: __Host-session=s3cret"), "{text}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_content_security_policy_blocks_fails_the_check() {
    let app = app().await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/harness/inline").await;
    // The inline script did not run.
    assert_eq!(browser.title().await, "Inline");
    let failed = tokio::spawn(async move { browser.check_page("harness-inline").await })
        .await
        .expect_err("check_page passes a page whose inline style and script were blocked");
    let message = panic_message(failed);
    for expected in [
        "Content-Security-Policy blocked",
        "inline style",
        "inline script",
    ] {
        assert!(message.contains(expected), "{expected} in: {message}");
    }
}
