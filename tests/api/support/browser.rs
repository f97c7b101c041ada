//! End-to-end page tests in a real browser: headless Chromium driven over WebDriver
//! (chromedriver, through `fantoccini`), against a [`TestApp`] on its own port.
//!
//! ```ignore
//! let Some(browser) = Browser::open(&app).await else { return };
//! browser.visit("/sign-in").await;
//! browser.fill("Email", &user.email).await;
//! browser.press("Sign in").await;
//! assert_eq!(browser.path().await, "/");
//! browser.check_page("home").await;
//! browser.close().await;
//! ```
//!
//! - **One chromedriver per test binary**, started on the first [`Browser::open`] on a
//!   free port and shared by every test; it (and the browsers it started) goes when the
//!   test binary exits, even when the binary is killed (see [`start_chromedriver`]).
//! - **At most [`MAX_SESSIONS`] browsers at once**, whatever the number of test threads: a
//!   [`Browser`] holds a permit of a process-wide semaphore, so hundreds of API tests
//!   running alongside still get the CPU. A test that opens two browsers at once (two
//!   people) holds both permits.
//! - **A fresh profile per browser** (its own temporary `--user-data-dir`): no cookie,
//!   cache or storage carries over between tests. The HTTP cache is off too, so a page's
//!   weight is what a first visit downloads.
//! - **Helpers named for what a person does**: [`Browser::visit`], [`Browser::fill`],
//!   [`Browser::select`], [`Browser::check`], [`Browser::press`], [`Browser::follow`];
//!   and what they see: [`Browser::text`], [`Browser::path`], [`Browser::title`]. Controls
//!   are found by their `<label>`, buttons and links by their visible text. When something
//!   is not found, the panic names the page's path, what was looked for, what there is,
//!   and the page's visible text.
//! - **[`Browser::check_page`]**: axe-core's serious and critical violations, requests to
//!   another origin, Content-Security-Policy violations and a title that is no title
//!   (markup or a line break in it) fail the test; screenshots
//!   at 360 and 1280 pixels wide land in `target/screenshots/`; the page's weight comes
//!   back so a test can hold it to a budget.
//!
//! **Skipping**: without chromedriver, Chromium or axe-core (`npm ci --prefix
//! tests/browser`), [`Browser::open`] prints `skipped: …` and returns `None` on a
//! developer's machine, and panics when `CI` is set (as `helpers::postgres_skipped`).
//!
//! Environment: `CHROMEDRIVER` and `CHROMIUM` name the binaries when they are not on
//! `PATH` (as `chromedriver`, and `chromium`, `chromium-browser` or `google-chrome`).
//!
//! WebDriver's "execute script" is not subject to the page's Content-Security-Policy in
//! Chromium, so axe-core and the harness's own scripts run in pages served with
//! `script-src 'self'` (the self-test, `tests/api/browser_harness.rs`, serves one).

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::elements::{Element, ElementRef};
use fantoccini::{Client, ClientBuilder, Locator};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::{OnceCell, Semaphore, SemaphorePermit};

use crate::helpers::TestApp;

/// How many browsers may run at once in one test binary.
pub const MAX_SESSIONS: usize = 2;

/// The widths [`Browser::check_page`] captures a page at: a small phone and a laptop.
pub const SCREENSHOT_WIDTHS: [u32; 2] = [360, 1280];

/// How long a page may take to load after a visit, a press or a follow.
const NAVIGATION_TIMEOUT: Duration = Duration::from_secs(15);

/// How much of a page's visible text a panic message quotes.
const QUOTED_TEXT: usize = 3_000;

/// The flags Chromium needs here: headless, and none of its own network traffic (the
/// machine's closed network refuses it, and it would only slow the tests).
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--window-size=1280,900",
];

static SESSIONS: Semaphore = Semaphore::const_new(MAX_SESSIONS);
static DRIVER: OnceCell<Result<String, String>> = OnceCell::const_new();
/// The chromedriver supervisor (see [`start_chromedriver`]); its stdin stays open as long
/// as this process lives.
static SUPERVISOR: Mutex<Option<Child>> = Mutex::new(None);

/// One browser window on one [`TestApp`], with a fresh profile.
pub struct Browser {
    client: Client,
    /// `http://127.0.0.1:port` of the app, without a trailing slash.
    base: String,
    /// chromedriver's address, for the calls fantoccini has no method for.
    driver: String,
    session: String,
    closed: bool,
    http: reqwest::Client,
    _profile: tempfile::TempDir,
    _permit: SemaphorePermit<'static>,
}

/// One axe-core rule a page breaks, with the elements that break it.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    /// The rule, e.g. `image-alt`, `label`, `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    /// What the rule asks for, in a sentence.
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    /// The offending elements, as CSS selectors, with a snippet of their HTML.
    pub nodes: Vec<ViolationNode>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ViolationNode {
    pub target: String,
    pub html: String,
}

impl Violation {
    /// Serious or critical: what [`Browser::check_page`] fails on.
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_deref(), Some("serious" | "critical"))
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} ({}): {} <{}>",
            self.id,
            self.impact.as_deref().unwrap_or("no impact"),
            self.help,
            self.help_url
        )?;
        for node in &self.nodes {
            writeln!(f, "    {}    {}", node.target, node.html)?;
        }
        Ok(())
    }
}

/// What a page downloaded, from the browser's Resource Timing entries (bodies as sent,
/// i.e. compressed when the server compresses; headers not counted).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageWeight {
    /// The document itself.
    pub html_bytes: u64,
    /// Stylesheets (and what they import).
    pub css_bytes: u64,
    /// Everything else: images, fonts, scripts.
    pub other_bytes: u64,
    /// Every URL the page requested, the document first.
    pub requests: Vec<String>,
}

impl PageWeight {
    /// HTML and CSS: what the 60 KB page budget counts.
    pub fn html_and_css(&self) -> u64 {
        self.html_bytes + self.css_bytes
    }

    pub fn total(&self) -> u64 {
        self.html_bytes + self.css_bytes + self.other_bytes
    }
}

/// What [`Browser::check_page`] found on a page that passed.
#[derive(Debug, Clone)]
pub struct PageReport {
    pub weight: PageWeight,
    /// The minor and moderate axe violations, which do not fail the check.
    pub minor_violations: Vec<Violation>,
    /// The screenshots, one per [`SCREENSHOT_WIDTHS`], in that order.
    pub screenshots: Vec<PathBuf>,
    /// What the browser's console said since the previous check (errors and warnings).
    pub console: Vec<String>,
}

/// Why browser tests cannot run here, or `None` when they can.
pub fn unavailable() -> Option<String> {
    let mut missing = Vec::new();
    if chromedriver_binary().is_none() {
        missing.push("chromedriver (apt-get install chromium-driver, or set CHROMEDRIVER)");
    }
    if chromium_binary().is_none() {
        missing.push("Chromium (apt-get install chromium, or set CHROMIUM)");
    }
    if !axe_path().is_file() {
        missing.push("axe-core (npm ci --prefix tests/browser)");
    }
    (!missing.is_empty()).then(|| format!("missing {}", missing.join(", ")))
}

/// The skip policy: a line on a developer's machine, a failure in CI.
fn skipped(reason: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("CI is set but the browser tests cannot run: {reason}");
    }
    eprintln!("skipped: browser test ({reason})");
}

impl Browser {
    /// A browser on `app`, or `None` (after printing `skipped: …`) when this machine has
    /// no browser to run; in CI that panics instead. Waits while [`MAX_SESSIONS`]
    /// browsers are open.
    pub async fn open(app: &TestApp) -> Option<Browser> {
        Self::open_in_language(app, "en").await
    }

    /// As [`Browser::open`], with a browser whose preferred languages (`Accept-Language`)
    /// are `languages`, e.g. `"fr"` or `"es,en"`.
    pub async fn open_in_language(app: &TestApp, languages: &str) -> Option<Browser> {
        if let Some(reason) = unavailable() {
            skipped(&reason);
            return None;
        }
        let permit = SESSIONS
            .acquire()
            .await
            .expect("the browser semaphore is never closed");
        let driver = match DRIVER.get_or_init(start_chromedriver).await {
            Ok(driver) => driver.clone(),
            Err(reason) => panic!("chromedriver did not start: {reason}"),
        };
        let profile = tempfile::Builder::new()
            .prefix("trustfund-chromium-")
            .tempdir()
            .expect("a temporary profile directory");
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.push(format!("--lang={languages}"));
        let chromium = chromium_binary().expect("checked by unavailable()");
        let capabilities = json!({
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            // A page that never loads fails the test rather than hanging it.
            "timeouts": {
                "pageLoad": NAVIGATION_TIMEOUT.as_millis() as u64,
                "script": 30_000,
                "implicit": 0,
            },
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "prefs": { "intl": { "accept_languages": languages } },
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object")
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&driver)
            .await
            .unwrap_or_else(|e| panic!("no Chromium session from chromedriver at {driver}: {e}"));
        let session = client
            .session_id()
            .await
            .ok()
            .flatten()
            .expect("a WebDriver session id");
        let browser = Browser {
            client,
            base: app.address.trim_end_matches('/').to_string(),
            driver,
            session,
            closed: false,
            http: reqwest::Client::new(),
            _profile: profile,
            _permit: permit,
        };
        // Every visit downloads the page whole, as a first visit does: the weight is then
        // the same whatever the tests before it loaded.
        browser
            .cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
            .await;
        Some(browser)
    }

    /// The fantoccini client, for anything the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The app's base URL (`http://127.0.0.1:port`).
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Ends the browser session (the browser and its profile go). Dropping a `Browser`
    /// does the same, blocking; call this at the end of a test that passed.
    pub async fn close(mut self) {
        self.closed = true;
        let client = self.client.clone();
        if let Err(e) = client.close().await {
            eprintln!("closing the browser session: {e}");
        }
    }

    // ----- navigation ---------------------------------------------------------------

    /// Loads `path` (e.g. `/sign-in`; a full URL is loaded as it is) and waits until it
    /// has loaded.
    pub async fn visit(&self, path: &str) {
        let url = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            format!("{}{}", self.base, path)
        };
        if let Err(e) = self.client.goto(&url).await {
            panic!("visiting {url}: {e}");
        }
        self.wait_for_load(&format!("visiting {path}")).await;
    }

    /// Clicks the button (`<button>`, or an `<input type=submit>`) that reads `text`, and
    /// waits for the page it leads to.
    pub async fn press(&self, text: &str) {
        let button = self.locate("button", text).await;
        self.click_and_wait(&button, &format!("pressing \"{text}\""))
            .await;
    }

    /// Clicks the link that reads `text` (or whose `aria-label` is `text`) and waits for
    /// the page it leads to.
    pub async fn follow(&self, text: &str) {
        let link = self.locate("link", text).await;
        self.click_and_wait(&link, &format!("following \"{text}\""))
            .await;
    }

    /// The path of the current page (`/applications/…`), without query or fragment.
    pub async fn path(&self) -> String {
        self.url().await.path().to_string()
    }

    /// The current page's full URL.
    pub async fn url(&self) -> reqwest::Url {
        let url = self.client.current_url().await.expect("the current URL");
        url.as_str().parse().expect("a URL")
    }

    /// The page's `<title>`.
    pub async fn title(&self) -> String {
        self.client.title().await.expect("the page title")
    }

    /// The page's visible text (`document.body.innerText`): what a person reads.
    pub async fn text(&self) -> String {
        self.script(
            "return document.body ? document.body.innerText : '';",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// The first element `selector` matches; panics (with the page) when there is none.
    pub async fn find_by_css(&self, selector: &str) -> Element {
        match self.client.find(Locator::Css(selector)).await {
            Ok(element) => element,
            Err(e) => {
                self.fail(&format!(
                    "nothing matches the CSS selector `{selector}` ({e})"
                ))
                .await
            }
        }
    }

    /// Every element `selector` matches (perhaps none).
    pub async fn find_all_by_css(&self, selector: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("finding `{selector}`: {e}"))
    }

    // ----- forms --------------------------------------------------------------------

    /// Types `value` into the field labelled `label` (its `<label>`'s text, or failing
    /// that its `aria-label` or `name`), replacing what it held. A `<select>` is set to
    /// the option that reads `value`; date and time inputs take `value` in their wire
    /// format (`2026-03-01`).
    pub async fn fill(&self, label: &str, value: &str) {
        let field = self.locate("field", label).await;
        let tag = field.tag_name().await.unwrap_or_default().to_lowercase();
        let kind = field
            .attr("type")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
            .to_lowercase();
        let doing = format!("filling \"{label}\" with \"{value}\"");
        if tag == "select" {
            return self.choose(&field, label, value).await;
        }
        let typed = matches!(
            kind.as_str(),
            "" | "text" | "email" | "password" | "search" | "tel" | "url" | "number"
        ) || tag == "textarea";
        if typed {
            if let Err(e) = field.clear().await {
                self.fail(&format!("{doing}: cannot clear it ({e})")).await;
            }
            if let Err(e) = field.send_keys(value).await {
                self.fail(&format!("{doing}: cannot type into it ({e})"))
                    .await;
            }
        } else {
            // Date, time, colour, range: typing into them depends on the browser's
            // locale; set the value as a form would send it, and tell the page.
            self.script(
                "const [el, value] = arguments; el.value = value; \
                 el.dispatchEvent(new Event('input', {bubbles: true})); \
                 el.dispatchEvent(new Event('change', {bubbles: true}));",
                vec![element_json(&field), json!(value)],
            )
            .await;
        }
        let now = field.prop("value").await.ok().flatten().unwrap_or_default();
        if now != value {
            self.fail(&format!(
                "{doing}: the field holds \"{now}\" (a maxlength, or a format the input refuses?)"
            ))
            .await;
        }
    }

    /// Picks the option that reads `option` in the `<select>` labelled `label`.
    pub async fn select(&self, label: &str, option: &str) {
        let field = self.locate("select", label).await;
        self.choose(&field, label, option).await;
    }

    /// Ticks the checkbox, or picks the radio button, labelled `label` (a no-op when it is
    /// already so).
    pub async fn check(&self, label: &str) {
        self.set_checked(label, true).await;
    }

    /// Unticks the checkbox labelled `label` (a no-op when it is not ticked).
    pub async fn uncheck(&self, label: &str) {
        self.set_checked(label, false).await;
    }

    async fn set_checked(&self, label: &str, checked: bool) {
        let input = self.locate("checkable", label).await;
        if input.is_selected().await.unwrap_or(false) == checked {
            return;
        }
        if input.click().await.is_err() {
            // A visually hidden input behind a styled label: click as the person would,
            // on the label (the DOM's click() does what a click on the label does).
            self.script("arguments[0].click();", vec![element_json(&input)])
                .await;
        }
        if input.is_selected().await.unwrap_or(false) != checked {
            self.fail(&format!(
                "\"{label}\" did not become {}",
                if checked { "checked" } else { "unchecked" }
            ))
            .await;
        }
    }

    async fn choose(&self, field: &Element, label: &str, option: &str) {
        if let Err(e) = field.select_by_label(option).await {
            let options = self
                .script(
                    "return Array.from(arguments[0].options).map(o => o.text.trim());",
                    vec![element_json(field)],
                )
                .await;
            self.fail(&format!(
                "\"{label}\" has no option \"{option}\"; its options: {options} ({e})"
            ))
            .await;
        }
    }

    // ----- checks -------------------------------------------------------------------

    /// Checks the current page as a whole, and panics on the first kind of problem:
    ///
    /// 1. axe-core's violations of impact `serious` or `critical` (each with its rule,
    ///    what it asks for, and the offending elements);
    /// 2. a request to another origin than the app's (fonts, scripts, images from a CDN:
    ///    the portal serves everything itself);
    /// 3. a Content-Security-Policy violation in the console (an inline style or script
    ///    the policy blocked).
    ///
    /// Then saves screenshots of the whole page (full height) at each of
    /// [`SCREENSHOT_WIDTHS`] as `target/screenshots/{name}-{width}.png`, and returns the
    /// page's weight (`report.weight.html_and_css()` for the 60 KB budget) with what did
    /// not fail it.
    pub async fn check_page(&self, name: &str) -> PageReport {
        // A title is a line of words: markup in it is a template whose title block
        // swallowed part of the page.
        let title = self.title().await;
        if title.contains(['<', '>', '{', '}']) || title.contains('\n') {
            self.fail(&format!(
                "check_page(\"{name}\"): the page's title is not a title: {title:?}"
            ))
            .await;
        }
        let (serious, minor): (Vec<_>, Vec<_>) = self
            .axe_violations()
            .await
            .into_iter()
            .partition(Violation::is_serious);
        if !serious.is_empty() {
            let list: String = serious.iter().map(ToString::to_string).collect();
            self.fail(&format!(
                "check_page(\"{name}\"): {} serious or critical accessibility violation(s):\n{list}",
                serious.len()
            ))
            .await;
        }
        let foreign = self.foreign_requests().await;
        if !foreign.is_empty() {
            self.fail(&format!(
                "check_page(\"{name}\"): the page made requests to another origin than {}:\n  {}",
                self.base,
                foreign.join("\n  ")
            ))
            .await;
        }
        let console = self.console().await;
        let blocked: Vec<&String> = console
            .iter()
            .filter(|line| line.contains("Content Security Policy"))
            .collect();
        if !blocked.is_empty() {
            let list: Vec<&str> = blocked.iter().map(|s| s.as_str()).collect();
            self.fail(&format!(
                "check_page(\"{name}\"): the Content-Security-Policy blocked part of the page:\n  {}",
                list.join("\n  ")
            ))
            .await;
        }
        let weight = self.weight().await;
        let mut screenshots = Vec::new();
        for width in SCREENSHOT_WIDTHS {
            screenshots.push(self.screenshot(name, width).await);
        }
        PageReport {
            weight,
            minor_violations: minor,
            screenshots,
            console,
        }
    }

    /// Runs axe-core (WCAG 2.x A and AA rules, and axe's best practices) on the current
    /// page and returns every violation, whatever its impact.
    pub async fn axe_violations(&self) -> Vec<Violation> {
        let source = axe_source();
        let loaded = self
            .script(
                &format!("{source}\n;return typeof window.axe === 'object';"),
                vec![],
            )
            .await;
        assert_eq!(
            loaded,
            Value::Bool(true),
            "axe-core did not load in the page"
        );
        let answer = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.axe.run(document, {
                     resultTypes: ['violations'],
                     runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
                 }).then(results => done({ violations: results.violations.map(v => ({
                     id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                     nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html })),
                 })) }), error => done({ error: String(error) }));",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("running axe-core: {e}"));
        if let Some(error) = answer.get("error") {
            panic!("axe-core failed on {}: {error}", self.describe_url().await);
        }
        serde_json::from_value(answer["violations"].clone()).expect("axe-core's violations")
    }

    /// The URLs the page requested (document, stylesheets, images, fonts, scripts, …)
    /// on another origin than the app's.
    pub async fn foreign_requests(&self) -> Vec<String> {
        self.weight()
            .await
            .requests
            .into_iter()
            .filter(|url| !url.starts_with(&format!("{}/", self.base)) && url != &self.base)
            .filter(|url| !url.starts_with("data:") && !url.starts_with("blob:"))
            .collect()
    }

    /// What the current page downloaded (see [`PageWeight`]).
    pub async fn weight(&self) -> PageWeight {
        let value = self
            .script(
                "const nav = performance.getEntriesByType('navigation')[0];
                 const weight = { html_bytes: nav ? nav.encodedBodySize : 0, css_bytes: 0,
                                  other_bytes: 0, requests: nav ? [nav.name] : [location.href] };
                 for (const r of performance.getEntriesByType('resource')) {
                     weight.requests.push(r.name);
                     const css = r.initiatorType === 'link' && /\\.css(\\?|$)/.test(r.name)
                         || r.initiatorType === 'css' && /\\.css(\\?|$)/.test(r.name);
                     if (css) weight.css_bytes += r.encodedBodySize;
                     else weight.other_bytes += r.encodedBodySize;
                 }
                 return weight;",
                vec![],
            )
            .await;
        serde_json::from_value(value).expect("the page's weight")
    }

    /// What the browser's console said since this was last asked (each line: level and
    /// message); errors and warnings only.
    pub async fn console(&self) -> Vec<String> {
        let url = format!("{}/session/{}/se/log", self.driver, self.session);
        let Ok(answer) = self
            .http
            .post(&url)
            .json(&json!({"type": "browser"}))
            .send()
            .await
        else {
            return Vec::new();
        };
        let body: Value = answer.json().await.unwrap_or(Value::Null);
        body["value"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|e| matches!(e["level"].as_str(), Some("SEVERE" | "WARNING")))
                    .map(|e| {
                        format!(
                            "{}: {}",
                            e["level"].as_str().unwrap_or_default(),
                            e["message"].as_str().unwrap_or_default()
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves the whole page (its full height), `width` pixels wide, as
    /// `target/screenshots/{name}-{width}.png`, and returns the file's path. The page is
    /// laid out at that width for the capture (as a phone below 600 pixels), then back.
    pub async fn screenshot(&self, name: &str, width: u32) -> PathBuf {
        let mobile = width < 600;
        let metrics = |height: u64| json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile });
        self.cdp("Emulation.setDeviceMetricsOverride", metrics(800))
            .await;
        let height = self
            .script(
                "return Math.max(document.documentElement.scrollHeight, \
                 document.body ? document.body.scrollHeight : 0, 1);",
                vec![],
            )
            .await
            .as_u64()
            .unwrap_or(800)
            .min(16_000);
        self.cdp("Emulation.setDeviceMetricsOverride", metrics(height))
            .await;
        let shot = self
            .cdp(
                "Page.captureScreenshot",
                json!({
                    "format": "png",
                    "captureBeyondViewport": true,
                    "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
                }),
            )
            .await;
        self.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
            .await;
        let png = {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD
                .decode(shot["data"].as_str().expect("a screenshot"))
                .expect("a base64 screenshot")
        };
        let dir = screenshots_dir();
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        let path = dir.join(format!("{name}-{width}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        path
    }

    // ----- the machinery ------------------------------------------------------------

    /// Runs `script` in the page (as a function body: `return` what you want back;
    /// `arguments` holds `args`).
    pub async fn script(&self, script: &str, args: Vec<Value>) -> Value {
        match self.client.execute(script, args).await {
            Ok(value) => value,
            Err(e) => panic!(
                "running a script in {}: {e}\nscript: {}",
                self.describe_url().await,
                script.chars().take(300).collect::<String>()
            ),
        }
    }

    /// A Chrome DevTools Protocol command, through chromedriver.
    async fn cdp(&self, command: &str, params: Value) -> Value {
        let url = format!("{}/session/{}/goog/cdp/execute", self.driver, self.session);
        let answer = self
            .http
            .post(&url)
            .json(&json!({ "cmd": command, "params": params }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{command} through chromedriver: {e}"));
        let status = answer.status();
        let body: Value = answer.json().await.unwrap_or(Value::Null);
        assert!(
            status.is_success(),
            "{command} through chromedriver: {status} {body}"
        );
        body["value"].clone()
    }

    /// Finds the element of `kind` (`field`, `select`, `checkable`, `button`, `link`) that
    /// a person would call `text`; panics listing what there is when there is no such
    /// element or more than one.
    async fn locate(&self, kind: &str, text: &str) -> Element {
        let answer = self.script(LOCATE, vec![json!(kind), json!(text)]).await;
        if let Some(id) = answer["found"]
            .as_object()
            .and_then(|element| element.values().next())
            .and_then(Value::as_str)
        {
            return Element::from_element_id(self.client.clone(), ElementRef::from(id.to_string()));
        }
        let what = match kind {
            "field" => "field labelled",
            "select" => "drop-down list labelled",
            "checkable" => "checkbox or radio button labelled",
            "button" => "button reading",
            "link" => "link reading",
            _ => "element",
        };
        let problem = answer["problem"].as_str().unwrap_or("none");
        let there: BTreeSet<String> = answer["there"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        let there: Vec<String> = there.into_iter().map(|t| format!("\"{t}\"")).collect();
        self.fail(&format!(
            "{problem} {what} \"{text}\"; the page has: {}",
            if there.is_empty() {
                "none".to_string()
            } else {
                there.join(", ")
            }
        ))
        .await
    }

    /// Clicks `element` and waits until the browser has loaded the next page.
    async fn click_and_wait(&self, element: &Element, doing: &str) {
        self.script("window.__harnessOldPage = true;", vec![]).await;
        if let Err(e) = element.click().await {
            self.fail(&format!("{doing}: the click failed ({e})")).await;
        }
        let start = Instant::now();
        loop {
            // While the browser is between pages a script may fail: wait and ask again.
            let state = self
                .client
                .execute(
                    "return window.__harnessOldPage === true ? 'old' : document.readyState;",
                    vec![],
                )
                .await;
            if matches!(&state, Ok(Value::String(s)) if s == "complete") {
                return;
            }
            if start.elapsed() > NAVIGATION_TIMEOUT {
                let invalid = self
                    .script(
                        "return Array.from(document.querySelectorAll(':invalid'))
                            .filter(el => el.willValidate)
                            .map(el => (el.labels && el.labels[0] ? el.labels[0].innerText.trim()
                                        : el.name) + ': ' + el.validationMessage);",
                        vec![],
                    )
                    .await;
                let hint = match invalid.as_array() {
                    Some(list) if !list.is_empty() => format!(
                        " (the browser's own validation stopped the form: {})",
                        Value::Array(list.clone())
                    ),
                    _ => String::new(),
                };
                self.fail(&format!(
                    "{doing}: no new page within {NAVIGATION_TIMEOUT:?}{hint}"
                ))
                .await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn wait_for_load(&self, doing: &str) {
        let start = Instant::now();
        loop {
            let state = self
                .client
                .execute("return document.readyState;", vec![])
                .await;
            if matches!(&state, Ok(Value::String(s)) if s == "complete") {
                return;
            }
            if start.elapsed() > NAVIGATION_TIMEOUT {
                self.fail(&format!(
                    "{doing}: the page did not load within {NAVIGATION_TIMEOUT:?}"
                ))
                .await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn describe_url(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => format!("(no URL: {e})"),
        }
    }

    /// Panics with `message`, the current page's path and title, and its visible text.
    async fn fail(&self, message: &str) -> ! {
        let url = self.describe_url().await;
        let path = url
            .strip_prefix(&self.base)
            .map_or(url.clone(), str::to_string);
        let title = self.client.title().await.unwrap_or_default();
        let text = match self
            .client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
        {
            Ok(Value::String(text)) => text,
            other => format!("(no text: {other:?})"),
        };
        let mut quoted: String = text.chars().take(QUOTED_TEXT).collect();
        if quoted.len() < text.len() {
            quoted.push_str("\n[…]");
        }
        panic!(
            "{message}\n--- on page {path} (title \"{title}\"); its visible text:\n{quoted}\n---"
        );
    }
}

impl Drop for Browser {
    /// A test that panicked leaves its browser open: end its session here, synchronously
    /// (the test's runtime may be going away), so its Chromium does not outlive it.
    fn drop(&mut self) {
        if self.closed {
            return;
        }
        let Some(address) = self.driver.strip_prefix("http://") else {
            return;
        };
        let Ok(mut stream) = std::net::TcpStream::connect(address) else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let request = format!(
            "DELETE /session/{} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.session
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return;
        }
        // chromedriver answers once Chromium has quit (and keeps the connection open:
        // read up to the end of the answer's head, not to the end of the stream).
        let mut answer = Vec::new();
        let mut chunk = [0_u8; 1024];
        while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
            match std::io::Read::read(&mut stream, &mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&chunk[..n]),
            }
        }
    }
}

/// `{"element-6066-…": id}`: an element as a script argument.
fn element_json(element: &Element) -> Value {
    serde_json::to_value(element).expect("an element serializes")
}

/// Finds an element as a person names it; returns `{found}` or `{problem, there}`.
const LOCATE: &str = r#"
const [kind, wanted] = arguments;
const norm = s => (s || '').replace(/\s+/g, ' ').trim();
const want = norm(wanted);
const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
const isField = el => el.matches('textarea, select, input:not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]):not([type=hidden]):not([type=file])');
const fits = {
  field: isField,
  select: el => el.matches('select'),
  checkable: el => el.matches('input[type=checkbox], input[type=radio]'),
};
const pick = (candidates, nameOf) => {
  const named = candidates.map(el => [el, norm(nameOf(el))]);
  for (const test of [n => n === want, n => n.toLowerCase() === want.toLowerCase(),
                      n => n.startsWith(want)]) {
    const hits = [...new Set(named.filter(([, n]) => test(n)).map(([el]) => el))];
    if (hits.length === 1) return { found: hits[0] };
    if (hits.length > 1) {
      // Links to the same place are one link.
      if (kind === 'link' && new Set(hits.map(a => a.href)).size === 1) return { found: hits[0] };
      return { problem: hits.length + ' elements match:', there: hits.map(el => norm(nameOf(el))) };
    }
  }
  return null;
};
if (kind === 'button' || kind === 'link') {
  const selector = kind === 'button'
    ? 'button, input[type=submit], input[type=button], input[type=reset], input[type=image]'
    : 'a[href]';
  const all = Array.from(document.querySelectorAll(selector)).filter(visible);
  const nameOf = el => norm(el.innerText) || el.value || el.getAttribute('aria-label') || el.alt || '';
  const byText = pick(all, nameOf)
    || pick(all, el => el.getAttribute('aria-label') || '');
  if (byText) return byText;
  return { problem: 'no', there: all.map(nameOf) };
}
const fit = fits[kind];
const controls = Array.from(document.querySelectorAll('input, textarea, select')).filter(fit);
// A label's own words, without those of a control inside it (a select's options).
const labelText = label => {
  const copy = label.cloneNode(true);
  copy.querySelectorAll('input, select, textarea').forEach(el => el.remove());
  return norm(copy.textContent);
};
const labelOf = el => Array.from(el.labels || []).map(labelText).filter(t => t).join(' ');
const byLabel = pick(controls, labelOf)
  || pick(controls, el => el.getAttribute('aria-label') || '')
  || pick(controls, el => el.name || '');
if (byLabel) return byLabel;
return { problem: 'no', there: controls.map(el =>
  labelOf(el) || el.getAttribute('aria-label') || el.name || el.id || el.outerHTML.slice(0, 60)) };
"#;

// ----- chromedriver -----------------------------------------------------------------

/// Starts chromedriver on a free port and waits until it answers; returns its address.
///
/// chromedriver runs under a small shell that is its own process group and reads its
/// stdin, a pipe this process holds open (in [`SUPERVISOR`]) and never writes: when this
/// process exits, however it exits, the pipe closes, the shell's `read` returns and it
/// sends SIGTERM to its whole group, chromedriver and any Chromium left with it. When
/// chromedriver dies, the shell exits too, which [`start_chromedriver`] notices.
async fn start_chromedriver() -> Result<String, String> {
    const SUPERVISE: &str = r#"
exec 3<&0
"$1" --port="$2" --log-path="$3" --log-level=WARNING </dev/null >/dev/null 2>&1 &
driver=$!
{ read -r _ <&3; kill -TERM 0; } &
wait "$driver"
kill -TERM 0
"#;
    let chromedriver = chromedriver_binary().ok_or("no chromedriver")?;
    let log = screenshots_dir().with_file_name("chromedriver.log");
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let mut last_error = String::new();
    for _attempt in 0..3 {
        let port = free_port()?;
        let mut child = {
            use std::os::unix::process::CommandExt as _;
            Command::new("sh")
                .arg("-c")
                .arg(SUPERVISE)
                .arg("chromedriver-supervisor")
                .arg(&chromedriver)
                .arg(port.to_string())
                .arg(&log)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .map_err(|e| format!("starting {}: {e}", chromedriver.display()))?
        };
        let address = format!("http://127.0.0.1:{port}");
        match wait_until_ready(&address, &mut child).await {
            Ok(()) => {
                *SUPERVISOR.lock().unwrap_or_else(|e| e.into_inner()) = Some(child);
                return Ok(address);
            }
            Err(e) => {
                // Closing its stdin takes the group down.
                drop(child.stdin.take());
                let _ = child.wait();
                last_error = e;
            }
        }
    }
    Err(format!("{last_error} (see {})", log.display()))
}

async fn wait_until_ready(address: &str, child: &mut Child) -> Result<(), String> {
    let http = reqwest::Client::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("chromedriver exited ({status})"));
        }
        if let Ok(answer) = http.get(format!("{address}/status")).send().await {
            let body: Value = answer.json().await.unwrap_or(Value::Null);
            if body["value"]["ready"] == Value::Bool(true) {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!(
        "chromedriver did not answer on {address} within 20 s"
    ))
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|e| e.to_string())
}

fn chromedriver_binary() -> Option<PathBuf> {
    from_env_or_path("CHROMEDRIVER", &["chromedriver"])
}

fn chromium_binary() -> Option<PathBuf> {
    from_env_or_path(
        "CHROMIUM",
        &[
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ],
    )
}

fn from_env_or_path(variable: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(variable) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    dirs.push(PathBuf::from("/usr/bin"));
    names
        .iter()
        .flat_map(|name| dirs.iter().map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// `tests/browser/node_modules/axe-core/axe.min.js`, which `npm ci --prefix
/// tests/browser` installs.
pub fn axe_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js")
}

fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        std::fs::read_to_string(axe_path())
            .unwrap_or_else(|e| panic!("reading {}: {e}", axe_path().display()))
    })
}

/// `<target dir>/screenshots`: the target directory is `CARGO_TARGET_DIR`, else the
/// nearest directory above the test executable that holds cargo's `CACHEDIR.TAG`, else
/// `target/` in the crate.
pub fn screenshots_dir() -> PathBuf {
    target_dir().join("screenshots")
}

fn target_dir() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return manifest.join(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .find(|dir| dir.join("CACHEDIR.TAG").is_file())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| manifest.join("target"))
}

/// Signs `who` in through the form (in English, with the tests' password) and lands on
/// the home page.
pub async fn sign_in(browser: &Browser, who: &crate::helpers::TestUser) {
    browser.visit("/sign-in").await;
    browser.fill("Email address", &who.email).await;
    browser.fill("Password", crate::helpers::PASSWORD).await;
    browser.press("Sign in").await;
    assert_eq!(browser.path().await, "/");
}

/// The page's visible text with the no-break spaces French and Spanish put in amounts
/// made plain.
pub async fn text(browser: &Browser) -> String {
    browser.text().await.replace(['\u{a0}', '\u{202f}'], " ")
}

/// Fails, naming `where_` and quoting the page, when `page` lacks one of `expected`.
pub fn shows(page: &str, expected: &[&str], where_: &str) {
    for shown in expected {
        assert!(page.contains(shown), "{shown:?} not on {where_}:\n{page}");
    }
}
