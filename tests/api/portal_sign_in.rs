//! Signing in, the account page and the languages, in a real browser as a person uses
//! them: a form sent empty and then wrong shows what is wrong at the top and beside each
//! field and keeps the email typed; the right password leads home; a password change
//! signs out everywhere; the pages read in French and Spanish, with dates in their words.
//! Every page passes axe-core and is captured at 360 and 1280 pixels.

use trustfund::auth::Role;

use crate::helpers::{TestApp, PASSWORD};
use crate::on_both_backends;
use crate::support::browser::Browser;

on_both_backends!(
    portal_a_person_signs_in_changes_password_and_language,
    portal_the_keyboard_alone_signs_in,
);

const NEW_PASSWORD: &str = "a longer passphrase for 2027";

async fn portal_a_person_signs_in_changes_password_and_language(app: TestApp) {
    let user = app.user(Role::Secretariat).await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };

    // Home sends a stranger to sign in.
    browser.visit("/").await;
    assert_eq!(browser.path().await, "/sign-in");
    let report = browser.check_page("sign-in").await;
    assert!(
        report.weight.html_and_css() < 60 * 1024,
        "{:?}",
        report.weight
    );

    // Sent empty: a summary at the top, each field's message beside it.
    browser.press("Sign in").await;
    let text = browser.text().await;
    assert!(text.contains("There is a problem"), "{text}");
    assert!(text.contains("Enter your email address"), "{text}");
    assert!(text.contains("Enter your password"), "{text}");
    assert!(browser.title().await.starts_with("Error:"));
    browser.check_page("sign-in-empty").await;

    // A wrong password: said without telling which of the two was wrong; email kept.
    browser.fill("Email address", &user.email).await;
    browser.fill("Password", "not the password").await;
    browser.press("Sign in").await;
    assert!(browser
        .text()
        .await
        .contains("The email address or the password is wrong"));
    let kept = browser
        .find_by_css("#field-email")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(kept, user.email);
    let summary_link = browser
        .find_by_css(".error-summary a")
        .await
        .attr("href")
        .await
        .unwrap();
    assert_eq!(summary_link.as_deref(), Some("#field-email"));

    browser.fill("Password", PASSWORD).await;
    browser.press("Sign in").await;
    assert_eq!(browser.path().await, "/");
    browser.check_page("home-staff").await;

    // The account page: who is signed in, and a password change checked field by field.
    browser.follow("Account").await;
    assert_eq!(browser.path().await, "/account");
    assert!(browser.text().await.contains(&user.email));
    browser.check_page("account").await;
    browser.fill("Current password", PASSWORD).await;
    browser.fill("New password", "short").await;
    browser.fill("New password again", "shorter").await;
    browser.press("Change password").await;
    let text = browser.text().await;
    assert!(text.contains("at least 12 characters"), "{text}");
    assert!(text.contains("not the same"), "{text}");
    browser.check_page("account-errors").await;
    app.login(&user.email, PASSWORD).await; // nothing changed

    browser.fill("Current password", PASSWORD).await;
    browser.fill("New password", NEW_PASSWORD).await;
    browser.fill("New password again", NEW_PASSWORD).await;
    browser.press("Change password").await;
    assert_eq!(browser.path().await, "/sign-in");
    assert!(browser
        .text()
        .await
        .contains("Your password has been changed"));
    let old = app
        .send(reqwest::Method::GET, "/api/v1/me", Some(&user.token), None)
        .await;
    assert_eq!(old.status, 401, "the change ended the API's sessions too");

    // In French, then Spanish: the choice is remembered from page to page.
    browser.follow("Français").await;
    assert_eq!(browser.path().await, "/sign-in");
    assert!(browser.text().await.contains("Se connecter"));
    browser.fill("Adresse électronique", &user.email).await;
    browser.fill("Mot de passe", NEW_PASSWORD).await;
    browser.press("Se connecter").await;
    assert_eq!(browser.path().await, "/");
    browser.follow("Compte").await;
    let text = browser.text().await;
    assert!(text.contains("Votre compte"), "{text}");
    assert!(text.contains("Secrétariat"), "{text}");
    let french_date = regex::Regex::new(
        r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}",
    )
    .unwrap();
    assert!(
        french_date.is_match(&text),
        "a date in French words: {text}"
    );
    browser.check_page("account-fr").await;

    browser.follow("Español").await;
    assert_eq!(browser.path().await, "/account");
    let text = browser.text().await;
    assert!(text.contains("Su cuenta"), "{text}");
    let spanish_date = regex::Regex::new(r"\d{1,2} de [a-z]+ de \d{4}").unwrap();
    assert!(
        spanish_date.is_match(&text),
        "a date in Spanish words: {text}"
    );
    browser.check_page("account-es").await;
    browser.press("Cerrar sesión").await;
    assert_eq!(browser.path().await, "/sign-in");
    assert!(browser.text().await.contains("Ha cerrado la sesión"));
    browser.visit("/account").await;
    assert_eq!(browser.path().await, "/sign-in", "signed out");
    browser.close().await;
}

/// WebDriver's codes for the Tab and Enter keys.
const TAB: char = '\u{e004}';
const ENTER: char = '\u{e007}';

/// Presses one key on the keyboard, wherever the focus is.
async fn press_key(browser: &Browser, key: char) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let keys = KeyActions::new("keyboard".to_string())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    browser.client().perform_actions(keys).await.unwrap();
}

/// What has the focus: its tag, id and visible text.
async fn focused(browser: &Browser) -> (String, String, String) {
    let element = browser.client().active_element().await.unwrap();
    let tag = element.tag_name().await.unwrap();
    let id = element.attr("id").await.unwrap().unwrap_or_default();
    let text = element.text().await.unwrap_or_default();
    (tag, id, text)
}

/// With the keyboard alone: the first Tab reaches the link that skips to the content,
/// Enter follows it, the next Tab is the form's first field, and Enter in the password
/// signs in.
async fn portal_the_keyboard_alone_signs_in(app: TestApp) {
    let user = app.user(Role::Trustee).await;
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/sign-in").await;
    press_key(&browser, TAB).await;
    let (tag, _, text) = focused(&browser).await;
    assert_eq!((tag.as_str(), text.as_str()), ("a", "Skip to main content"));
    press_key(&browser, ENTER).await;
    press_key(&browser, TAB).await;
    let (_, id, _) = focused(&browser).await;
    assert_eq!(
        id, "field-email",
        "after the skip link, the form's first field"
    );
    let active = browser.client().active_element().await.unwrap();
    active.send_keys(&user.email).await.unwrap();
    press_key(&browser, TAB).await;
    let (_, id, _) = focused(&browser).await;
    assert_eq!(id, "field-password");
    let active = browser.client().active_element().await.unwrap();
    active.send_keys(PASSWORD).await.unwrap();
    press_key(&browser, ENTER).await;
    for _ in 0..50 {
        if browser.path().await == "/" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        browser.path().await,
        "/",
        "signed in with the keyboard alone"
    );
    assert!(browser.text().await.contains("Waiting for my vote"));
    browser.close().await;
}
