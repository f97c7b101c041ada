//! The portal's pages for an organisation applying, in a real browser: reading the open
//! calls, writing an application (a refused save stores nothing), its budget rows, the
//! review and a refused then accepted submission, the list and the application with its
//! history; another organisation's application is the same 404 as nothing; a form
//! without its token changes nothing. Once in English, once in French (with withdrawal).

use reqwest::header::COOKIE;
use rust_decimal::Decimal;
use trustfund::applications::ApplicationState;
use trustfund::domain::{ApplicationId, CallId};
use trustfund::portal::formats;
use trustfund::portal::language::PageLanguage;

use crate::helpers::{TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::browser::Browser;
use crate::support::grants::awarded_grant;
use crate::support::scenarios;

on_both_backends!(
    portal_ngo_apply_journey,
    portal_ngo_apply_in_french,
    portal_ngo_apply_decision_in_spanish,
);

/// What the test starts from: an open call, a verified NGO, and another organisation with
/// an application of its own under the call.
struct Start {
    call: CallId,
    applicant: TestUser,
    theirs: ApplicationId,
}

async fn start(app: &TestApp) -> Start {
    let call = scenarios::open_call(app).await;
    let (applicant, _) = scenarios::verified_organization(app, "KE").await;
    let (other, _) = scenarios::verified_organization(app, "UG").await;
    let theirs = app
        .as_(&other)
        .applications()
        .create(&bodies::application(call))
        .await
        .created()
        .id;
    Start {
        call,
        applicant,
        theirs,
    }
}

async fn sign_in(browser: &Browser, email: &str, labels: [&str; 3]) {
    browser.visit("/sign-in").await;
    browser.fill(labels[0], email).await;
    browser.fill(labels[1], PASSWORD).await;
    browser.press(labels[2]).await;
}

/// The organisation's applications, as the API lists them.
async fn applications_of(
    app: &TestApp,
    user: &TestUser,
) -> Vec<trustfund::applications::ApplicationSummary> {
    app.as_(user)
        .applications()
        .list(&[("limit", "50")])
        .await
        .ok()
        .items
}

/// The browser's cookies as a `Cookie` header, to send requests as the signed-in person.
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

/// Spaces as a person reads them: the no-break spaces French puts in amounts are spaces.
fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

async fn portal_ngo_apply_journey(app: TestApp) {
    let start = start(&app).await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(
        &browser,
        &start.applicant.email,
        ["Email address", "Password", "Sign in"],
    )
    .await;

    // The open calls, and one call in full.
    browser.follow("Calls for proposals").await;
    assert_eq!(browser.path().await, "/calls");
    let text = browser.text().await;
    assert!(text.contains("Call for proposals"), "{text}");
    assert!(
        text.contains("From USD 20,000.00 to USD 60,000.00"),
        "{text}"
    );
    assert!(text.contains("24 months"), "{text}");
    browser.check_page("ngo-calls").await;
    browser.follow("Call for proposals").await;
    assert_eq!(browser.path().await, format!("/calls/{}", start.call));
    let text = browser.text().await;
    assert!(text.contains("Direct assistance to victims."), "{text}");
    assert!(text.contains("Sexual exploitation"), "{text}");
    browser.check_page("ngo-call").await;

    // A new application, saved first with an amount the form cannot read.
    browser.follow("Start an application").await;
    assert_eq!(browser.path().await, format!("/calls/{}/apply", start.call));
    browser.check_page("ngo-application-new").await;
    browser
        .fill("Title of the project", "Safe homes in Mombasa")
        .await;
    browser
        .fill("Summary", "Shelter and counselling for survivors.")
        .await;
    browser.fill("Country 1", "KE").await;
    browser.fill("Country 2", "Uganda").await;
    browser.fill("Girls (under 18)", "40").await;
    browser.fill("Women", "25").await;
    browser.check("Sexual exploitation").await;
    browser.check("Humanitarian aid").await;
    browser.fill("Amount requested (USD)", "45.000,00").await;
    browser.fill("Duration of the project (months)", "12").await;
    browser.fill("Item 1", "Shelter rent").await;
    browser.fill("Amount of item 1 (USD)", "30000").await;
    browser.fill("Item 2", "Lawyers").await;
    browser.fill("Amount of item 2 (USD)", "10000").await;
    browser.press("Save draft").await;
    let text = browser.text().await;
    assert!(text.contains("There is a problem"), "{text}");
    let problem = "Enter the amount requested in US dollars";
    assert_eq!(
        text.matches(problem).count(),
        2,
        "at the top and beside the field: {text}"
    );
    assert!(browser.title().await.starts_with("Error:"));
    let kept = browser
        .find_by_css("#field-requested")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(kept, "45.000,00", "what was typed is kept");
    let kept = browser
        .find_by_css("#field-countries-1")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(kept, "Uganda");
    browser.check_page("ngo-application-errors").await;
    assert!(
        applications_of(&app, &start.applicant).await.is_empty(),
        "a refused form stores no draft"
    );

    // Fixed: the draft is stored.
    browser.fill("Amount requested (USD)", "45000").await;
    browser.press("Save draft").await;
    assert!(
        browser.text().await.contains("Your draft has been saved."),
        "{}",
        browser.text().await
    );
    let mine = applications_of(&app, &start.applicant).await;
    assert_eq!(mine.len(), 1);
    let id = mine[0].id;
    assert_eq!(browser.path().await, format!("/applications/{id}/edit"));
    let draft = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(draft.state, ApplicationState::Draft);
    assert_eq!(
        draft.countries.iter().map(|c| c.code()).collect::<Vec<_>>(),
        ["KE", "UG"]
    );
    assert_eq!(draft.budget_lines.len(), 2);

    // A bad value on the stored draft changes nothing.
    browser.fill("Title of the project", "A new title").await;
    browser.fill("Country 3", "Atlantis").await;
    browser.press("Save draft").await;
    let text = browser.text().await;
    assert!(
        text.contains("“Atlantis” is not a UN Member State"),
        "{text}"
    );
    let after = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(after.title, "Safe homes in Mombasa");
    assert_eq!(after.updated_at, draft.updated_at, "nothing stored");
    browser
        .fill("Title of the project", "Safe homes in Mombasa")
        .await;
    browser.fill("Country 3", "").await;

    // A row added (the form is saved with it), then removed.
    browser.press("Add a row").await;
    browser.fill("Item 3", "Transport").await;
    browser.fill("Amount of item 3 (USD)", "2500").await;
    browser.press("Add a row").await;
    let lines = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(lines.budget_lines.len(), 3, "Add a row saves the form");
    let text = plain(&browser.text().await);
    assert!(
        text.contains("Total of the budget lines: USD 42,500.00"),
        "{text}"
    );
    assert!(!browser
        .find_all_by_css("#field-budget-label-4")
        .await
        .is_empty());
    let report = browser.check_page("ngo-application-edit").await;
    assert!(
        report.weight.html_and_css() < 60 * 1024,
        "the longest page keeps to the 60 KB budget: {}",
        report.weight.html_and_css()
    );
    browser.press("Remove item 3").await;
    let lines = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(
        lines
            .budget_lines
            .iter()
            .map(|l| l.label.as_str().to_string())
            .collect::<Vec<_>>(),
        ["Shelter rent", "Lawyers"]
    );

    // The review, and a submission the budget refuses.
    browser.press("Save and review").await;
    assert_eq!(browser.path().await, format!("/applications/{id}/review"));
    let text = browser.text().await;
    assert!(text.contains("Check your application"), "{text}");
    assert!(text.contains("Kenya (KE), Uganda (UG)"), "{text}");
    browser.check_page("ngo-review").await;
    browser.press("Submit application").await;
    let text = browser.text().await;
    let refusal =
        "The budget lines add up to USD 40,000.00, but the amount requested is USD 45,000.00";
    assert!(text.contains(refusal), "{text}");
    assert!(
        text.contains("The application cannot be submitted yet"),
        "{text}"
    );
    browser.check_page("ngo-review-refused").await;
    let still = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(still.state, ApplicationState::Draft);

    // The refusal leads to the budget; fixed, reviewed and submitted.
    browser.follow(refusal).await;
    assert_eq!(browser.path().await, format!("/applications/{id}/edit"));
    browser.fill("Item 3", "Counselling").await;
    browser.fill("Amount of item 3 (USD)", "5000").await;
    browser.press("Save and review").await;
    browser.press("Submit application").await;
    assert_eq!(browser.path().await, format!("/applications/{id}"));
    let text = browser.text().await;
    assert!(
        text.contains("Your application has been submitted."),
        "{text}"
    );
    assert!(text.contains("Draft started"), "{text}");
    assert!(text.contains("Your organisation"), "{text}");
    browser.check_page("ngo-application-submitted").await;
    let submitted = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(submitted.state, ApplicationState::Submitted);
    assert_eq!(submitted.history.len(), 2);

    // The list shows it submitted.
    browser.follow("Back to your applications").await;
    assert_eq!(browser.path().await, "/applications");
    let text = browser.text().await;
    assert!(text.contains("Safe homes in Mombasa"), "{text}");
    assert!(text.contains("Submitted"), "{text}");
    browser.check_page("ngo-applications").await;
    browser.follow("Safe homes in Mombasa").await;
    assert_eq!(browser.path().await, format!("/applications/{id}"));

    // Another organisation's application is the same page as nothing at all.
    let http = reqwest::Client::new();
    let session = cookies(&browser).await;
    let nothing = ApplicationId::new();
    for path in ["", "/edit", "/review"] {
        for target in [start.theirs, nothing] {
            let answer = http
                .get(format!("{}/applications/{target}{path}", app.address))
                .header(COOKIE, &session)
                .send()
                .await
                .unwrap();
            assert_eq!(answer.status(), 404, "/applications/{target}{path}");
        }
    }
    browser
        .visit(&format!("/applications/{}", start.theirs))
        .await;
    let theirs_text = browser.text().await;
    browser.visit(&format!("/applications/{nothing}")).await;
    assert_eq!(theirs_text, browser.text().await);
    assert!(theirs_text.contains("Page not found"), "{theirs_text}");

    // A form posted without its token is refused and changes nothing.
    let answer = http
        .post(format!("{}/calls/{}/apply", app.address, start.call))
        .header(COOKIE, &session)
        .form(&[
            ("title", "Forged"),
            ("summary", "Forged"),
            ("countries", "KE"),
            ("beneficiaries", "1"),
            ("exploitation", "slavery"),
            ("aid_types", "legal"),
            ("requested", "20000"),
            ("duration_months", "12"),
            ("budget_label", "All"),
            ("budget_amount", "20000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 403);
    let answer = http
        .post(format!("{}/applications/{id}/withdraw", app.address))
        .header(COOKIE, &session)
        .form(&[("reason", "Forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 403);
    let answer = http
        .post(format!("{}/applications/{id}/withdraw", app.address))
        .header(COOKIE, &session)
        .form(&[("reason", "Forged"), ("form_token", "0000")])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 403);
    let after = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(after.state, ApplicationState::Submitted);
    assert_eq!(after.history.len(), 2);
    assert_eq!(applications_of(&app, &start.applicant).await.len(), 1);
    browser.close().await;
}

async fn portal_ngo_apply_in_french(app: TestApp) {
    let start = start(&app).await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(
        &browser,
        &start.applicant.email,
        ["Email address", "Password", "Sign in"],
    )
    .await;
    browser.follow("Français").await;
    browser.follow("Appels à propositions").await;
    let text = plain(&browser.text().await);
    assert!(text.contains("Appels à propositions ouverts"), "{text}");
    let min = plain(&formats::money(
        Decimal::new(2_000_000, 2),
        "USD",
        PageLanguage::Fr,
    ));
    assert!(text.contains(&format!("De {min} à")), "{text}");
    browser.check_page("ngo-calls-fr").await;
    browser.follow("Call for proposals").await;
    browser.follow("Commencer une demande").await;
    browser.fill("Titre du projet", "Maisons sûres").await;
    browser.fill("Résumé", "Hébergement et conseil.").await;
    browser.fill("Pays 1", "ke").await;
    browser.fill("Filles (moins de 18 ans)", "quarante").await;
    browser.check("Travail forcé").await;
    browser.check("Aide juridique").await;
    browser.fill("Montant demandé (USD)", "20 000,50").await;
    browser.fill("Durée du projet (en mois)", "10").await;
    browser.fill("Poste 1", "Loyer").await;
    browser.fill("Montant du poste 1 (USD)", "20 000,50").await;
    browser.press("Enregistrer le brouillon").await;
    let text = browser.text().await;
    assert!(
        text.contains("Il y a un problème") || text.contains("problème"),
        "{text}"
    );
    assert!(
        text.contains("Filles (moins de 18 ans) : saisissez un nombre entier de personnes"),
        "{text}"
    );
    browser.check_page("ngo-application-errors-fr").await;
    assert!(applications_of(&app, &start.applicant).await.is_empty());
    browser.fill("Filles (moins de 18 ans)", "40").await;
    browser.press("Enregistrer et vérifier").await;
    let text = plain(&browser.text().await);
    assert!(text.contains("Vérifiez votre demande"), "{text}");
    let amount = plain(&formats::money(
        Decimal::new(2_000_050, 2),
        "USD",
        PageLanguage::Fr,
    ));
    assert!(text.contains(&amount), "{amount} in {text}");
    browser.check_page("ngo-review-fr").await;
    browser.press("Soumettre la demande").await;
    let text = plain(&browser.text().await);
    assert!(text.contains("Votre demande a été soumise."), "{text}");
    let today = formats::date(chrono::Utc::now().date_naive(), PageLanguage::Fr);
    assert!(text.contains(&today), "{today} in {text}");
    assert!(text.contains("Brouillon commencé"), "{text}");
    let id = applications_of(&app, &start.applicant).await[0].id;
    assert_eq!(
        app.as_(&start.applicant)
            .application(id)
            .get()
            .await
            .ok()
            .state,
        ApplicationState::Submitted
    );

    // Withdrawal needs a reason.
    browser.press("Retirer la demande").await;
    let text = browser.text().await;
    assert!(
        text.contains("Indiquez pourquoi votre organisation retire la demande"),
        "{text}"
    );
    browser.check_page("ngo-application-withdraw-fr").await;
    browser
        .fill(
            "Pourquoi votre organisation retire la demande",
            "Le projet est financé par ailleurs.",
        )
        .await;
    browser.press("Retirer la demande").await;
    let text = browser.text().await;
    assert!(text.contains("Votre demande a été retirée."), "{text}");
    assert!(
        text.contains("Le projet est financé par ailleurs."),
        "{text}"
    );
    let withdrawn = app.as_(&start.applicant).application(id).get().await.ok();
    assert_eq!(withdrawn.state, ApplicationState::Withdrawn);
    browser.follow("Demandes").await;
    assert!(browser.text().await.contains("Retirée"));
    browser.check_page("ngo-applications-fr").await;
    browser.close().await;
}

/// An approved application shows the Board's decision and its award, and can no longer
/// be withdrawn; in Spanish, with amounts as Spanish writes them.
async fn portal_ngo_apply_decision_in_spanish(app: TestApp) {
    let awarded = awarded_grant(&app, "1000000.00").await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    sign_in(
        &browser,
        &awarded.applicant.email,
        ["Email address", "Password", "Sign in"],
    )
    .await;
    browser.follow("Español").await;
    browser.follow("Solicitudes").await;
    let text = browser.text().await;
    assert!(
        text.contains("Las solicitudes de su organización"),
        "{text}"
    );
    assert!(text.contains("Aprobada"), "{text}");
    browser.check_page("ngo-applications-es").await;
    browser.follow("Safe shelter and legal aid").await;
    let text = plain(&browser.text().await);
    assert!(text.contains("La decisión de la Junta"), "{text}");
    assert!(text.contains("Importe concedido"), "{text}");
    let award = plain(&formats::money(
        Decimal::new(3_000_000, 2),
        "USD",
        PageLanguage::Es,
    ));
    assert_eq!(award, "30.000,00 USD");
    assert!(text.contains(&award), "{award} in {text}");
    assert!(text.contains("Remitida a la Junta"), "{text}");
    assert!(!text.contains("Retirar la solicitud"), "{text}");
    assert!(!text.contains("no es admisible"), "{text}");
    browser.check_page("ngo-application-approved-es").await;
    browser.close().await;
}
