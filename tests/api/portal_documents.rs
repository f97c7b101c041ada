//! Documents in the portal (`src/portal/documents.rs`): an organisation uploads a proposal
//! to its draft in a real browser, sees it listed and the call's requirement met, and a
//! trustee finds it on the ballot; over plain HTTP, the download route answers a member's
//! own document as the API does (an attachment, sandboxed) and another organisation's as
//! the 404 page; refused uploads (too large, not a kept type, a kind the record does not
//! take, no form token, a version the same as the current one) come back as form errors
//! in words, never a problem page, and store nothing.

use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use trustfund::auth::Role;
use trustfund::config::Settings;
use trustfund::documents::DocumentKind;

use trustfund::domain::OrganizationId;

use crate::helpers::{TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::browser::{sign_in, Browser};
use crate::support::documents::{pdf, pdf_of_size, Record};
use crate::support::grants::awarded_grant;
use crate::support::scenarios::{open_call, seat_board, verified_organization};

on_both_backends!(
    portal_documents_a_proposal_from_the_draft_to_the_ballot,
    portal_documents_download_is_the_members_own,
);

/// The file size limit of [`portal_documents_refused_uploads_are_form_errors`]'s app.
const SMALL_FILE_BYTES: u64 = 4096;

fn small_files(settings: &mut Settings) {
    settings.documents.max_file_bytes = SMALL_FILE_BYTES;
}

mod portal_documents_registration_certificate {
    use crate::helpers::{postgres_skipped, Backend, TestApp};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = TestApp::try_spawn_tuned(Backend::Sqlite, super::small_files)
            .await
            .expect("SQLite");
        super::portal_documents_registration_certificate(app).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        match TestApp::try_spawn_tuned(Backend::Postgres, super::small_files).await {
            Some(app) => super::portal_documents_registration_certificate(app).await,
            None => postgres_skipped(),
        }
    }
}

mod portal_documents_refused_uploads_are_form_errors {
    use crate::helpers::{postgres_skipped, Backend, TestApp};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = TestApp::try_spawn_tuned(Backend::Sqlite, super::small_files)
            .await
            .expect("SQLite");
        super::portal_documents_refused_uploads_are_form_errors(app).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        match TestApp::try_spawn_tuned(Backend::Postgres, super::small_files).await {
            Some(app) => super::portal_documents_refused_uploads_are_form_errors(app).await,
            None => postgres_skipped(),
        }
    }
}

/// Asks every application under the call for a proposal (as a call's
/// `required_documents` says).
async fn require_a_proposal(app: &TestApp) {
    app.with_db(|conn| {
        use diesel::RunQueryDsl;
        diesel::sql_query("UPDATE calls SET required_documents = '[\"proposal\"]'")
            .execute(conn)
            .expect("the call asks for a proposal");
    })
    .await;
}

/// The browser's cookies as a `Cookie` header.
async fn cookies(browser: &Browser) -> String {
    browser
        .client()
        .get_all_cookies()
        .await
        .expect("the browser's cookies")
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A file written where the browser can pick it, under the name a person would give it.
fn file_named(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("the file is written");
    path.to_str().expect("a UTF-8 path").to_string()
}

async fn portal_documents_a_proposal_from_the_draft_to_the_ballot(app: TestApp) {
    let board = seat_board(&app).await;
    let call = open_call(&app).await;
    require_a_proposal(&app).await;
    let (applicant, _) = verified_organization(&app, "KE").await;
    let draft = app
        .as_(&applicant)
        .applications()
        .create(&bodies::application(call))
        .await
        .created()
        .id;
    let files = tempfile::tempdir().expect("a directory for the files");

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, &applicant).await;
    browser.visit(&format!("/applications/{draft}")).await;
    let page = browser.text().await;
    for shown in [
        "Documents",
        "The call asks every application to carry these documents:",
        "Proposal: Missing",
        "No document has been attached yet.",
        "Attach a document",
    ] {
        assert!(page.contains(shown), "{shown:?} not on the draft:\n{page}");
    }
    browser.check_page("ngo-application-documents").await;

    // A file that is no document of a kept type: refused in words, beside the file field.
    let notes = file_named(&files, "notes.pdf", b"plain text, whatever its name says");
    browser.select("Kind of document", "Proposal").await;
    browser
        .find_by_css("#field-file")
        .await
        .send_keys(&notes)
        .await
        .expect("the file is chosen");
    browser.press("Upload the document").await;
    assert!(browser.title().await.starts_with("Error:"));
    let refused = browser.text().await;
    assert!(refused.contains("There is a problem"), "{refused}");
    let problem = "The file must be a PDF, an image (PNG, JPEG), or a Word, Excel, PowerPoint or OpenDocument file.";
    assert_eq!(refused.matches(problem).count(), 2, "{refused}");
    let link = browser.find_by_css(".error-summary a").await;
    assert_eq!(
        link.attr("href").await.ok().flatten().as_deref(),
        Some("#field-file")
    );
    browser.check_page("ngo-application-document-refused").await;
    let listed = app
        .as_(&applicant)
        .documents(Record::Application(draft))
        .await
        .ok();
    assert!(listed.items.is_empty());

    // The proposal, as a PDF: kept, listed, and the call's requirement met.
    let proposal = file_named(&files, "Proposal 2027.pdf", &pdf("the proposal"));
    browser.select("Kind of document", "Proposal").await;
    browser.fill("Title", "Full proposal").await;
    browser
        .find_by_css("#field-file")
        .await
        .send_keys(&proposal)
        .await
        .expect("the file is chosen");
    browser.press("Upload the document").await;
    assert_eq!(browser.path().await, format!("/applications/{draft}"));
    let page = browser.text().await;
    for shown in [
        "The document has been uploaded.",
        "Full proposal",
        "Proposal 2027.pdf",
        "Proposal: Attached",
        "Version 1",
        "Current",
        "New version of “Full proposal”",
    ] {
        assert!(page.contains(shown), "{shown:?} after the upload:\n{page}");
    }
    browser
        .check_page("ngo-application-document-uploaded")
        .await;
    let listed = app
        .as_(&applicant)
        .documents(Record::Application(draft))
        .await
        .ok();
    assert_eq!(listed.items.len(), 1);
    let kept = &listed.items[0];
    assert_eq!(kept.kind, DocumentKind::Proposal);
    assert_eq!(kept.title, "Full proposal");
    let href = format!("/documents/{}", kept.id);
    let link = browser
        .find_by_css(&format!("a[href=\"{href}\"]"))
        .await
        .text()
        .await
        .expect("the link's text");
    assert_eq!(link, "Proposal 2027.pdf");

    // The review lists it, requirement met.
    browser
        .visit(&format!("/applications/{draft}/review"))
        .await;
    let review = browser.text().await;
    assert!(review.contains("Proposal: Attached"), "{review}");
    assert!(review.contains("Full proposal"), "{review}");
    assert!(!review.contains("Upload the document"), "{review}");
    browser.check_page("ngo-review-documents").await;
    browser.close().await;

    // Submitted and screened: a trustee finds the proposal on the ballot, and reads it.
    app.as_(&applicant).application(draft).submit().await.ok();
    app.as_(&board.secretariat)
        .application(draft)
        .screen(&bodies::screen_eligible())
        .await
        .ok();
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(&browser, board.trustee("GH")).await;
    browser.visit(&format!("/votes/{draft}")).await;
    let ballot = browser.text().await;
    for shown in [
        "The documents the organisation attached to its application.",
        "Full proposal",
        "Proposal 2027.pdf",
    ] {
        assert!(
            ballot.contains(shown),
            "{shown:?} not on the ballot:\n{ballot}"
        );
    }
    assert!(!ballot.contains("Attach a document"));
    browser.find_by_css(&format!("a[href=\"{href}\"]")).await;
    browser.check_page("trustee-application-documents").await;
    let response = app
        .client
        .get(format!("{}{href}", app.address))
        .header(COOKIE, cookies(&browser).await)
        .send()
        .await
        .expect("the download");
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()[CONTENT_TYPE].to_str().unwrap(),
        "application/pdf"
    );
    assert!(response.bytes().await.unwrap().starts_with(b"%PDF-"));
    browser.close().await;
}

/// A browser without a browser: keeps cookies, follows no redirect.
struct Visit {
    base: String,
    http: reqwest::Client,
    cookies: Vec<(String, String)>,
}

struct Page {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Page {
    fn header(&self, name: impl reqwest::header::AsHeaderName) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }

    /// The body, with the slashes the templates escape (`&#x2f;`) as written.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).replace("&#x2f;", "/")
    }

    /// The page's first form token.
    fn form_token(&self) -> String {
        let body = self.text();
        let marker = r#"name="form_token" value=""#;
        let start = body
            .find(marker)
            .unwrap_or_else(|| panic!("no form token in: {body}"))
            + marker.len();
        let end = body[start..].find('"').unwrap() + start;
        body[start..end].to_string()
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

    async fn keep(&mut self, response: reqwest::Response) -> Page {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        for set in headers.get_all(SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, _) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            self.cookies.push((name.to_string(), value.to_string()));
        }
        let body = response.bytes().await.unwrap().to_vec();
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

    async fn sign_in(&mut self, who: &TestUser) {
        let token = self.get("/sign-in").await.form_token();
        let response = self
            .http
            .post(format!("{}/sign-in", self.base))
            .header(COOKIE, self.cookie_header())
            .form(&[
                ("form_token", token.as_str()),
                ("email", who.email.as_str()),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        let signed_in = self.keep(response).await;
        assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    }

    /// Posts an upload form: its text fields in order, then the file.
    async fn upload(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, Vec<u8>)>,
    ) -> Page {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        if let Some((name, bytes)) = file {
            form = form.part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        }
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .multipart(form)
            .send()
            .await
            .unwrap();
        self.keep(response).await
    }
}

async fn portal_documents_download_is_the_members_own(app: TestApp) {
    let (mine, my_org) = verified_organization(&app, "KE").await;
    let (theirs, _) = verified_organization(&app, "UG").await;
    let document = app
        .as_(&mine)
        .attach_pdf(
            Record::Organization(my_org),
            DocumentKind::RegistrationCertificate,
        )
        .await;
    let path = format!("/documents/{}", document.id);

    // Not signed in: sent to sign in, and brought back.
    let mut anonymous = Visit::new(&app);
    let page = anonymous.get(&path).await;
    assert_eq!(page.status, 303);
    assert!(
        page.header(LOCATION).starts_with("/sign-in"),
        "{}",
        page.header(LOCATION)
    );

    // The organisation's own: the bytes as the API answers them, sandboxed.
    let mut visit = Visit::new(&app);
    visit.sign_in(&mine).await;
    let page = visit.get(&path).await;
    assert_eq!(page.status, 200);
    let (_, api_headers, api_bytes) = app.as_(&mine).document_content(document.id).await;
    assert_eq!(page.body, api_bytes);
    assert_eq!(page.header(CONTENT_TYPE), "application/pdf");
    assert_eq!(
        page.header("content-disposition"),
        "attachment; filename=\"registration_certificate.pdf\""
    );
    for header in [
        "content-disposition",
        "content-security-policy",
        "x-content-type-options",
        "cross-origin-resource-policy",
        "cache-control",
        "etag",
    ] {
        assert_eq!(
            page.header(header),
            api_headers[header].to_str().unwrap(),
            "{header}"
        );
    }
    assert!(page
        .header("content-security-policy")
        .starts_with("sandbox"));
    assert_eq!(page.header("x-content-type-options"), "nosniff");

    // The organisation's profile lists it, with its download link.
    let profile = visit.get("/organization").await.text();
    assert!(profile.contains(&format!("href=\"{path}\"")), "{profile}");
    assert!(profile.contains("Registration certificate"), "{profile}");

    // Another organisation's: the portal's 404 page, as for nothing at all.
    let mut other = Visit::new(&app);
    other.sign_in(&theirs).await;
    let page = other.get(&path).await;
    assert_eq!(page.status, 404);
    assert!(page.header(CONTENT_TYPE).starts_with("text/html"));
    let nothing = other
        .get(&format!("/documents/{}", uuid::Uuid::new_v4()))
        .await;
    assert_eq!(nothing.status, 404);
    assert!(nothing.header(CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(other.get("/documents/not-an-id").await.status, 404);

    // A trustee reads no organisation's papers.
    let trustee = app.user(Role::Trustee).await;
    let mut board = Visit::new(&app);
    board.sign_in(&trustee).await;
    assert_eq!(board.get(&path).await.status, 404);
}

async fn portal_documents_refused_uploads_are_form_errors(app: TestApp) {
    let (applicant, organization) = verified_organization(&app, "KE").await;
    let mut visit = Visit::new(&app);
    visit.sign_in(&applicant).await;
    let page = visit.get("/organization").await;
    assert_eq!(page.status, 200);
    let body = page.text();
    assert!(body.contains(r#"enctype="multipart/form-data""#), "{body}");
    assert!(
        body.contains(r#"action="/organization/documents""#),
        "{body}"
    );
    assert!(
        body.contains(r#"accept=".pdf,application/pdf,.png"#),
        "{body}"
    );
    assert!(body.contains("up to 4 KB"), "{body}");
    // The kinds an organisation's profile takes, and no other.
    assert!(body.contains(r#"<option value="psea_policy""#), "{body}");
    assert!(!body.contains(r#"<option value="proposal""#), "{body}");
    let token = page.form_token();
    let stored = || stored(&app, &applicant, organization);

    let refusals: [(&str, &str, Vec<u8>, &str, &str); 4] = [
        (
            "registration_certificate",
            "too large",
            pdf_of_size(3 * SMALL_FILE_BYTES as usize),
            "The file is larger than 4 KB: choose a smaller file.",
            "#field-file",
        ),
        (
            "registration_certificate",
            "not a document",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "The file must be a PDF, an image (PNG, JPEG)",
            "#field-file",
        ),
        (
            "registration_certificate",
            "empty",
            Vec::new(),
            "Choose a file to upload: none was chosen, or the file is empty.",
            "#field-file",
        ),
        (
            "proposal",
            "a proposal on a profile",
            pdf("misplaced"),
            "Choose the kind of document.",
            "#field-kind",
        ),
    ];
    for (kind, title, bytes, message, target) in refusals {
        let page = visit
            .upload(
                "/organization/documents",
                &[("form_token", &token), ("kind", kind), ("title", title)],
                Some(("file.pdf", bytes)),
            )
            .await;
        let body = page.text();
        assert_eq!(page.status, 422, "{title}: {body}");
        assert!(
            page.header(CONTENT_TYPE).starts_with("text/html"),
            "{title}"
        );
        assert!(body.contains("There is a problem"), "{title}: {body}");
        assert!(body.contains(message), "{title}: {message:?} not in {body}");
        assert!(
            body.contains(&format!(r#"<a href="{target}">"#)),
            "{title}: no link to {target} in {body}"
        );
        // What was typed is kept.
        assert!(body.contains(&format!(r#"value="{title}""#)), "{title}");
        assert_eq!(stored().await, 0, "{title}");
    }

    // Without the form token: refused before anything is kept.
    let page = visit
        .upload(
            "/organization/documents",
            &[("kind", "registration_certificate"), ("title", "forged")],
            Some(("file.pdf", pdf("forged"))),
        )
        .await;
    assert_eq!(page.status, 403);
    assert!(
        page.text().contains("This form has expired"),
        "{}",
        page.text()
    );
    assert_eq!(stored().await, 0);

    // A good one: kept, and the page says so.
    let certificate = pdf("certificate");
    let page = visit
        .upload(
            "/organization/documents",
            &[
                ("form_token", &token),
                ("kind", "registration_certificate"),
                ("title", ""),
            ],
            Some(("certificate.pdf", certificate.clone())),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    assert_eq!(
        page.header(LOCATION),
        "/organization?uploaded=document#documents"
    );
    let listed = app
        .as_(&applicant)
        .documents(Record::Organization(organization))
        .await
        .ok()
        .items;
    assert_eq!(listed.len(), 1);
    // No title given: the kind's name.
    assert_eq!(listed[0].title, "Registration certificate");
    let shown = visit.get("/organization?uploaded=document").await.text();
    assert!(shown.contains("The document has been uploaded."), "{shown}");
    assert!(shown.contains("certificate.pdf"), "{shown}");

    // The same file as a new version: refused beside that document's version form.
    let id = listed[0].id;
    let versions = format!("/organization/documents/{id}/versions");
    let page = visit
        .upload(
            &versions,
            &[("form_token", &token)],
            Some(("certificate.pdf", certificate)),
        )
        .await;
    let body = page.text();
    assert_eq!(page.status, 422, "{body}");
    assert!(
        body.contains("This file is the same as the current version"),
        "{body}"
    );
    assert!(
        body.contains(&format!(r##"<a href="#field-version-{id}">"##)),
        "{body}"
    );
    assert!(
        body.contains(r#"<details class="versions" open>"#),
        "{body}"
    );
    // A different file is the new version; the first stays, superseded.
    let page = visit
        .upload(
            &versions,
            &[("form_token", &token)],
            Some(("certificate-2027.pdf", pdf("certificate 2027"))),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    let shown = visit.get("/organization?uploaded=version").await.text();
    assert!(
        shown.contains("The new version has been uploaded."),
        "{shown}"
    );
    assert!(shown.contains("Superseded by version 2"), "{shown}");
    assert_eq!(stored().await, 2);

    // Another organisation's document is no version of this one's.
    let (other, other_org) = verified_organization(&app, "UG").await;
    let theirs = app
        .as_(&other)
        .attach_pdf(Record::Organization(other_org), DocumentKind::PseaPolicy)
        .await;
    let page = visit
        .upload(
            &format!("/organization/documents/{}/versions", theirs.id),
            &[("form_token", &token)],
            Some(("psea.pdf", pdf("psea"))),
        )
        .await;
    assert_eq!(page.status, 404);

    // A grant: the countersigned agreement, in French when refused.
    let grant = awarded_grant(&app, "1000000.00").await;
    let mut grantee = Visit::new(&app);
    grantee.sign_in(&grant.applicant).await;
    let page = grantee.get(&format!("/grants/{}", grant.grant)).await;
    let body = page.text();
    assert_eq!(page.status, 200, "{body}");
    assert!(
        body.contains(r#"<option value="countersigned_agreement""#),
        "{body}"
    );
    assert!(
        !body.contains(r#"<option value="signed_agreement""#),
        "{body}"
    );
    let token = page.form_token();
    let response = grantee
        .http
        .post(format!("{}/grants/{}/documents", app.address, grant.grant))
        .header(COOKIE, grantee.cookie_header())
        .header("accept-language", "fr")
        .multipart(
            reqwest::multipart::Form::new()
                .text("form_token", token.clone())
                .text("kind", "countersigned_agreement")
                .text("title", "")
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(pdf_of_size(2 * SMALL_FILE_BYTES as usize))
                        .file_name("accord.pdf"),
                ),
        )
        .send()
        .await
        .unwrap();
    let page = grantee.keep(response).await;
    let body = page.text();
    assert_eq!(page.status, 422, "{body}");
    assert!(
        body.contains("Le fichier dépasse 4 Ko : choisissez un fichier plus petit."),
        "{body}"
    );
    let page = grantee
        .upload(
            &format!("/grants/{}/documents", grant.grant),
            &[
                ("form_token", &token),
                ("kind", "countersigned_agreement"),
                ("title", "Agreement, countersigned"),
            ],
            Some(("agreement.pdf", pdf("countersigned"))),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    let shown = grantee
        .get(&format!("/grants/{}?uploaded=document", grant.grant))
        .await
        .text();
    assert!(shown.contains("Agreement, countersigned"), "{shown}");
    assert!(shown.contains("Countersigned grant agreement"), "{shown}");
}

/// The registration form's fields, as a person fills them, with `form_token` first.
fn registration<'a>(token: &'a str, unpp: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("form_token", token),
        ("legal_name", "Haki Shelter Kenya"),
        ("org_type", "ngo"),
        ("country", "KE"),
        ("registered_on", "2015-03-01"),
        ("unpp_id", unpp),
        ("bank_account_holder", "HAKI SHELTER KENYA"),
        ("direct_assistance_since", "2016-01-01"),
        ("psea_measures_since", "2018-06-01"),
        ("contact_email", "office@haki.example.org"),
        ("applicant_name", "Amina Otieno"),
        ("applicant_email", email),
        ("password", PASSWORD),
        ("confirm_password", PASSWORD),
    ]
}

/// `/register` with a certificate, over HTTP as an attacker would send it: a file past
/// the limit is refused beside its field with the form kept, a form without its token
/// is refused, and either way nothing is stored; a file input left empty registers
/// without a document; a good file is kept as the registration certificate.
async fn portal_documents_registration_certificate(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let registered = |unpp: &'static str| {
        let app = &app;
        let secretariat = &secretariat;
        async move {
            app.as_(secretariat)
                .organizations()
                .list(&[("limit", "200")])
                .await
                .ok()
                .items
                .into_iter()
                .find(|o| o.unpp_id == unpp)
        }
    };
    let mut visit = Visit::new(&app);
    let page = visit.get("/register").await;
    assert!(
        page.text().contains(r#"enctype="multipart/form-data""#),
        "{}",
        page.text()
    );
    let token = page.form_token();

    let page = visit
        .upload(
            "/register",
            &registration(&token, "UNPP-KE-3001", "one@haki.example.org"),
            Some((
                "certificate.pdf",
                pdf_of_size(3 * SMALL_FILE_BYTES as usize),
            )),
        )
        .await;
    let body = page.text();
    assert_eq!(page.status, 422, "{body}");
    assert!(
        body.contains("The file is larger than 4 KB: choose a smaller file."),
        "{body}"
    );
    assert!(body.contains(r##"<a href="#field-file">"##), "{body}");
    assert!(body.contains(r#"value="UNPP-KE-3001""#), "{body}");
    assert!(registered("UNPP-KE-3001").await.is_none());

    let mut forged = registration(&token, "UNPP-KE-3001", "one@haki.example.org");
    forged.remove(0);
    let page = visit
        .upload(
            "/register",
            &forged,
            Some(("certificate.pdf", pdf("forged"))),
        )
        .await;
    assert_eq!(page.status, 403, "{}", page.text());
    assert!(registered("UNPP-KE-3001").await.is_none());

    // A file input left empty, as a browser sends it: registered, no document.
    let page = visit
        .upload(
            "/register",
            &registration(&token, "UNPP-KE-3001", "one@haki.example.org"),
            Some(("", Vec::new())),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    assert_eq!(page.header(LOCATION), "/register/done");
    let first = registered("UNPP-KE-3001").await.expect("registered");
    assert_eq!(stored(&app, &secretariat, first.id).await, 0);

    let page = visit
        .upload(
            "/register",
            &registration(&token, "UNPP-KE-3002", "two@haki.example.org"),
            Some(("Certificate.pdf", pdf("registered"))),
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.text());
    let second = registered("UNPP-KE-3002").await.expect("registered");
    let kept = app
        .as_(&secretariat)
        .documents(Record::Organization(second.id))
        .await
        .ok()
        .items;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].kind, DocumentKind::RegistrationCertificate);
    assert_eq!(kept[0].file_name, "Certificate.pdf");
}

/// How many versions of documents the organisation keeps, as the API lists them.
async fn stored(app: &TestApp, who: &TestUser, organization: OrganizationId) -> usize {
    app.as_(who)
        .documents(Record::Organization(organization))
        .await
        .ok()
        .items
        .len()
}
