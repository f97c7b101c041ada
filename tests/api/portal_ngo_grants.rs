//! The organisation's pages in a real browser: registering from `/register` to a signed-in
//! home, the profile and its edit; a grant with a signed agreement and a paid tranche,
//! its report filed (refused first, nothing stored), returned by the secretariat through
//! the API, read and filed again; another organisation's grant is a 404; part of it in
//! French.

use std::str::FromStr;

use rust_decimal::Decimal;
use trustfund::auth::Role;
use trustfund::documents::DocumentKind;
use trustfund::grant_reports::ReportState;
use trustfund::organizations::{OrgState, OrganizationView};
use trustfund::portal::formats;
use trustfund::portal::language::PageLanguage;

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_backends;
use crate::support::browser::Browser;
use crate::support::documents::{pdf, Record};
use crate::support::grants::first_tranche_paid;
use crate::support::scenarios::verified_organization;
use crate::support::text as wording;

on_both_backends!(
    portal_ngo_registers_and_edits_its_profile,
    portal_ngo_files_a_report_and_files_it_again
);

/// Signs in through the sign-in page.
async fn sign_in(browser: &Browser, email: &str) {
    browser.visit("/sign-in").await;
    browser.fill("Email address", email).await;
    browser.fill("Password", PASSWORD).await;
    browser.press("Sign in").await;
}

async fn organizations(
    app: &TestApp,
    secretariat: &crate::helpers::TestUser,
) -> Vec<OrganizationView> {
    app.as_(secretariat)
        .organizations()
        .list(&[("limit", "200")])
        .await
        .ok()
        .items
}

/// Fills the registration form for an NGO whose applicant is `email`.
async fn fill_registration(browser: &Browser, unpp: &str, email: &str) {
    browser.fill("Legal name", "Haki Shelter Kenya").await;
    browser
        .fill("Type of organisation", "Non-governmental organisation")
        .await;
    browser.fill("Country of registration", "Kenya").await;
    browser.fill("Date of registration", "2015-03-01").await;
    browser.fill("UN Partner Portal number", unpp).await;
    browser
        .fill("Bank account holder", "HAKI SHELTER KENYA")
        .await;
    browser
        .fill("Giving direct assistance to victims since", "2016-01-01")
        .await;
    browser
        .fill(
            "Measures against sexual exploitation and abuse (PSEA) in place since",
            "2018-06-01",
        )
        .await;
    browser
        .fill("Contact email address", "office@haki.example.org")
        .await;
    browser.fill("Your name", "Amina Otieno").await;
    browser.fill("Your email address", email).await;
    browser.fill("Password", PASSWORD).await;
    browser.fill("Password again", PASSWORD).await;
}

/// A file written where the browser can pick it, under the name a person would give it.
fn file_named(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("the file is written");
    path.to_str().expect("a UTF-8 path").to_string()
}

async fn choose_certificate(browser: &Browser, path: &str) {
    browser
        .find_by_css("#field-file")
        .await
        .send_keys(path)
        .await
        .expect("the file is chosen");
}

async fn portal_ngo_registers_and_edits_its_profile(app: TestApp) {
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    let secretariat = app.user(Role::Secretariat).await;
    let before = organizations(&app, &secretariat).await.len();

    browser.visit("/register").await;
    browser.check_page("ngo-register").await;
    // Sent empty: every required field says so, nothing is stored.
    browser.press("Register").await;
    assert_eq!(browser.path().await, "/register");
    let text = browser.text().await;
    assert!(text.contains("There is a problem"), "{text}");
    assert!(text.contains("Fill in “Legal name”"), "{text}");
    browser.check_page("ngo-register-errors").await;
    assert_eq!(organizations(&app, &secretariat).await.len(), before);

    // A holder that is not the legal name: the use case's rule, told beside the field,
    // what was typed kept.
    fill_registration(&browser, "UNPP-KE-2041", "amina@haki.example.org").await;
    browser.fill("Bank account holder", "Amina Otieno").await;
    browser.press("Register").await;
    let text = browser.text().await;
    assert!(
        text.contains("The bank account must be held in the organisation's own legal name"),
        "{text}"
    );
    let kept = browser.find_by_css("#field-legal_name").await;
    assert_eq!(
        kept.prop("value").await.unwrap().unwrap_or_default(),
        "Haki Shelter Kenya"
    );
    assert_eq!(organizations(&app, &secretariat).await.len(), before);

    // A certificate that is no document of a kept type: refused beside the file field,
    // the rest kept as typed, nothing stored.
    let files = tempfile::tempdir().expect("a directory for the files");
    let not_a_pdf = file_named(&files, "certificate.pdf", b"a scan, it says");
    fill_registration(&browser, "UNPP-KE-2041", "amina@haki.example.org").await;
    choose_certificate(&browser, &not_a_pdf).await;
    browser.press("Register").await;
    assert_eq!(browser.path().await, "/register");
    let text = browser.text().await;
    assert!(
        text.contains("The file must be a PDF, an image (PNG, JPEG)"),
        "{text}"
    );
    assert!(text.contains("choose it again"), "{text}");
    let link = browser.find_by_css(".error-summary a").await;
    assert_eq!(
        link.attr("href").await.ok().flatten().as_deref(),
        Some("#field-file")
    );
    browser.check_page("ngo-register-certificate-refused").await;
    assert_eq!(organizations(&app, &secretariat).await.len(), before);

    // With its certificate as a PDF: registered, the certificate kept beside it.
    let certificate = file_named(
        &files,
        "Certificate of registration.pdf",
        &pdf("registered"),
    );
    fill_registration(&browser, "UNPP-KE-2041", "amina@haki.example.org").await;
    choose_certificate(&browser, &certificate).await;
    browser.press("Register").await;
    assert_eq!(browser.path().await, "/register/done");
    assert!(browser.text().await.contains("What happens next"));
    browser.check_page("ngo-registered").await;
    let registered: Vec<_> = organizations(&app, &secretariat)
        .await
        .into_iter()
        .filter(|o| o.unpp_id == "UNPP-KE-2041")
        .collect();
    assert_eq!(registered.len(), 1);
    let org = registered[0].clone();
    assert_eq!(org.state, OrgState::Pending);
    let kept = app
        .as_(&secretariat)
        .documents(Record::Organization(org.id))
        .await
        .ok()
        .items;
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].kind, DocumentKind::RegistrationCertificate);
    assert_eq!(kept[0].file_name, "Certificate of registration.pdf");
    assert!(kept[0].uploaded_by.is_some(), "{kept:?}");

    // The same email again, for another organisation, with a certificate: the same page,
    // nothing stored.
    browser.visit("/register").await;
    fill_registration(&browser, "UNPP-KE-2042", "amina@haki.example.org").await;
    choose_certificate(&browser, &certificate).await;
    browser.press("Register").await;
    assert_eq!(browser.path().await, "/register/done");
    assert!(!organizations(&app, &secretariat)
        .await
        .iter()
        .any(|o| o.unpp_id == "UNPP-KE-2042"));

    // Signed in at once: the home says the organisation is being verified.
    browser.follow("Sign in").await;
    browser
        .fill("Email address", "amina@haki.example.org")
        .await;
    browser.fill("Password", PASSWORD).await;
    browser.press("Sign in").await;
    assert_eq!(browser.path().await, "/");
    let text = browser.text().await;
    assert!(text.contains("Haki Shelter Kenya"), "{text}");
    assert!(text.contains("The secretariat is verifying"), "{text}");
    browser.check_page("ngo-home-pending").await;

    // The secretariat verifies it through the API.
    app.as_(&secretariat)
        .organization(org.id)
        .verify(&trustfund::api::organizations::VerificationRequest {
            verified: true,
            reason: Some(wording("documents checked")),
        })
        .await
        .ok();
    browser.visit("/").await;
    assert!(!browser
        .text()
        .await
        .contains("The secretariat is verifying"));

    // The profile, and an edit of the contact: still verified.
    browser.follow("Organisation").await;
    assert_eq!(browser.path().await, "/organization");
    let text = browser.text().await;
    assert!(text.contains("Verified"), "{text}");
    assert!(
        text.contains("Certificate of registration.pdf"),
        "the certificate sent with the registration is on the profile:\n{text}"
    );
    browser.check_page("ngo-organization").await;
    browser.follow("Edit the profile").await;
    let text = browser.text().await;
    assert!(text.contains("goes back to verification"), "{text}");
    browser.check_page("ngo-organization-edit").await;
    browser.fill("Contact person", "Amina Otieno").await;
    browser.fill("Telephone", "+254 20 123 4567").await;
    browser
        .fill("Postal address", "PO Box 12345\nNairobi 00100")
        .await;
    browser.press("Save the profile").await;
    assert_eq!(browser.path().await, "/organization");
    let text = browser.text().await;
    assert!(text.contains("The profile has been saved."), "{text}");
    assert!(text.contains("+254 20 123 4567"), "{text}");
    assert!(text.contains("PO Box 12345\nNairobi 00100"), "{text}");
    let seen = app.as_(&secretariat).organization(org.id).get().await.ok();
    assert_eq!(seen.state, OrgState::Verified);
    assert_eq!(seen.contact_name.as_deref(), Some("Amina Otieno"));

    // A bad telephone number: refused beside the field, nothing saved.
    browser.follow("Edit the profile").await;
    browser.fill("Telephone", "call us").await;
    browser.press("Save the profile").await;
    assert_eq!(browser.path().await, "/organization/edit");
    let text = browser.text().await;
    assert!(text.contains("Enter a telephone number"), "{text}");
    let kept = browser.find_by_css("#field-contact_phone").await;
    assert_eq!(
        kept.prop("value").await.unwrap().unwrap_or_default(),
        "call us"
    );
    browser.check_page("ngo-organization-edit-errors").await;

    // A new legal name and holder: back to verification.
    browser.visit("/organization/edit").await;
    browser.fill("Legal name", "Haki Shelter Kenya Trust").await;
    browser
        .fill("Bank account holder", "Haki Shelter Kenya Trust")
        .await;
    browser.press("Save the profile").await;
    assert!(browser.text().await.contains("Being verified"));
    let seen = app.as_(&secretariat).organization(org.id).get().await.ok();
    assert_eq!(seen.state, OrgState::Pending);
    assert_eq!(seen.legal_name, "Haki Shelter Kenya Trust");
    browser.close().await;
}

async fn portal_ngo_files_a_report_and_files_it_again(app: TestApp) {
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    let g = first_tranche_paid(&app, "100000.00", "15000.00").await;
    let payment = app
        .as_(&g.finance)
        .grant(g.grant)
        .disbursements()
        .await
        .ok()
        .items
        .remove(0);
    let reports = || async {
        app.as_(&g.applicant)
            .grant(g.grant)
            .reports()
            .await
            .ok()
            .items
    };

    sign_in(&browser, &g.applicant.email).await;
    assert_eq!(browser.path().await, "/");
    let text = browser.text().await;
    assert!(text.contains("Report on tranche 1"), "{text}");
    assert!(text.contains(&payment.payment_reference), "{text}");
    browser.check_page("ngo-home").await;

    browser.follow("Grants").await;
    assert_eq!(browser.path().await, "/grants");
    browser.check_page("ngo-grants").await;
    browser.visit(&format!("/grants/{}", g.grant)).await;
    let text = browser.text().await;
    assert!(text.contains("Agreement signed"), "{text}");
    assert!(text.contains("Paid"), "{text}");
    assert!(text.contains("USD 15,000.00"), "{text}");
    assert!(text.contains(&payment.payment_reference), "{text}");
    assert!(text.contains("Shelter rent"), "{text}");
    browser.check_page("ngo-grant").await;

    // The report form: a count that is not a number and a narrative left out are the
    // page's to refuse; nothing reaches the use case.
    browser.follow("File the report on tranche 1").await;
    let weight = browser
        .check_page("ngo-report-new")
        .await
        .weight
        .html_and_css();
    assert!(weight < 60_000, "the report form weighs {weight} bytes");
    let today = chrono::Utc::now().date_naive().to_string();
    browser.fill("Period from", &today).await;
    browser.fill("Period to", &today).await;
    browser.fill("Women, Forced labour", "twelve").await;
    browser.fill("Shelter rent", "4000.00").await;
    browser.press("File the report").await;
    let text = browser.text().await;
    assert!(text.contains("There is a problem"), "{text}");
    assert!(text.contains("Enter a whole number, 0 or more"), "{text}");
    assert!(
        text.contains("Describe what was done in the period"),
        "{text}"
    );
    let kept = browser
        .find_by_css("#field-b-female-adult-forced_labour")
        .await;
    assert_eq!(
        kept.prop("value").await.unwrap().unwrap_or_default(),
        "twelve"
    );
    browser.check_page("ngo-report-new-errors").await;
    assert!(reports().await.is_empty());

    // More spent than received: the use case's rule, beside the field, nothing stored.
    browser.fill("Women, Forced labour", "12").await;
    browser.fill("Girls, Sexual exploitation", "3").await;
    browser.fill("Shelter rent", "16000.00").await;
    browser
        .fill("What was done", "Twelve women and three girls sheltered.")
        .await;
    browser.press("File the report").await;
    let text = browser.text().await;
    assert!(
        text.contains("more money spent than your organisation has received"),
        "{text}"
    );
    let kept = browser.find_by_css("#field-spent-0").await;
    assert_eq!(
        kept.prop("value").await.unwrap().unwrap_or_default(),
        "16000.00"
    );
    let kept = browser.find_by_css("#field-narrative").await;
    assert_eq!(
        kept.prop("value").await.unwrap().unwrap_or_default(),
        "Twelve women and three girls sheltered."
    );
    assert!(reports().await.is_empty());

    // A good one: filed, waiting for review.
    browser.fill("Shelter rent", "4000.00").await;
    browser.fill("Lawyers", "1,500.50").await;
    browser.press("File the report").await;
    assert!(browser.path().await.starts_with("/reports/"));
    let text = browser.text().await;
    assert!(text.contains("Your report has been filed"), "{text}");
    assert!(text.contains("Waiting for review"), "{text}");
    browser.check_page("ngo-report").await;
    let filed = reports().await;
    assert_eq!(filed.len(), 1);
    assert_eq!(filed[0].state, ReportState::Submitted);
    assert_eq!(filed[0].beneficiaries_total, 15);
    assert_eq!(
        filed[0].spent_total.amount(),
        Decimal::from_str("5500.50").unwrap()
    );

    // The secretariat returns it through the API; the grantee reads why.
    app.as_(&g.secretariat)
        .report(filed[0].id)
        .review(&trustfund::api::grant_reports::ReviewRequest {
            accepted: false,
            comments: Some(wording("Split the legal costs by case, please.")),
        })
        .await
        .ok();
    browser.visit("/").await;
    let home = browser.text().await;
    assert!(home.contains("was returned"), "{home}");
    browser
        .follow(
            "Report on tranche 1 of “Safe shelter and legal aid” was returned: read the comments",
        )
        .await;
    let text = browser.text().await;
    assert!(text.contains("Returned"), "{text}");
    assert!(
        text.contains("Split the legal costs by case, please."),
        "{text}"
    );
    browser.check_page("ngo-report-returned").await;

    // Filed again from what it said: a new version, waiting for review.
    browser.follow("Correct and file again").await;
    let kept = browser
        .find_by_css("#field-b-female-adult-forced_labour")
        .await;
    assert_eq!(kept.prop("value").await.unwrap().unwrap_or_default(), "12");
    browser.fill("Lawyers", "1,200.00").await;
    browser.press("File the report").await;
    assert!(browser.text().await.contains("version 2"));
    let filed = reports().await;
    assert_eq!(filed.len(), 2);
    assert_eq!(filed[0].state, ReportState::Submitted);
    assert_eq!(filed[0].version, 2);

    // In French: the grant's words, its amounts and dates as French writes them.
    browser.visit(&format!("/grants/{}", g.grant)).await;
    browser.follow("Français").await;
    let text = browser.text().await;
    let award = formats::money(
        Decimal::from_str("30000.00").unwrap(),
        "USD",
        PageLanguage::Fr,
    );
    let paid_on = formats::date(payment.value_date, PageLanguage::Fr);
    assert!(text.contains("Versements reçus"), "{text}");
    assert!(text.contains("Versée"), "{text}");
    assert!(text.contains(&award), "{award} in {text}");
    assert!(text.contains(&paid_on), "{paid_on} in {text}");
    browser.check_page("ngo-grant-fr").await;

    // Another organisation's grant and report: the same page as nothing at all.
    let (other, _) = verified_organization(&app, "UG").await;
    let report = filed[0].id;
    browser.follow("English").await;
    browser.press("Sign out").await;
    sign_in(&browser, &other.email).await;
    for path in [
        format!("/grants/{}", g.grant),
        format!("/grants/{}/reports/new", g.grant),
        format!("/reports/{report}"),
        format!("/grants/{}", uuid::Uuid::new_v4()),
    ] {
        browser.visit(&path).await;
        let text = browser.text().await;
        assert!(text.contains("Page not found"), "{path}: {text}");
    }
    browser.check_page("ngo-not-found").await;
    browser.close().await;
}
