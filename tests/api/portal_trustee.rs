//! The trustee's pages in a real browser (`src/portal/trustee/`): what waits for their
//! vote, an application with its organisation's dossier, a vote refused then recorded,
//! a conflict declared (in French), the Board and its decisions. Each step is checked
//! through the API as well: the pages call the same use cases, and store nothing the API
//! would not.

use serde_json::json;
use trustfund::domain::ApplicationId;
use trustfund::portal::formats;
use trustfund::portal::language::PageLanguage;
use trustfund::voting::Ballot;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::browser::{sign_in, text, Browser};
use crate::support::scenarios::{
    application_under_review, approved_by_three, fund, seat_board, Board,
};

on_both_backends!(portal_trustee_votes_and_declares_a_conflict);

/// Whether the field `id` holds `value` (what was typed is kept on a refused form).
async fn holds(browser: &Browser, id: &str, value: &str) {
    let field = browser.find_by_css(&format!("#{id}")).await;
    let now = field.prop("value").await.ok().flatten().unwrap_or_default();
    assert_eq!(now, value, "#{id}");
}

async fn votes_cast(app: &TestApp, board: &Board, id: ApplicationId) -> usize {
    let view = app
        .as_(&board.secretariat)
        .application(id)
        .votes()
        .await
        .ok();
    view.votes_cast
}

async fn portal_trustee_votes_and_declares_a_conflict(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "1000000.00").await;
    // Decided earlier: approved with three approvals of USD 30,000.
    let decided = approved_by_three(&app, &board).await;
    app.as_(&board.secretariat)
        .application(decided)
        .decide()
        .await
        .created();
    let (_, id) = application_under_review(&app, "KE").await;
    let dossier: serde_json::Value = app
        .as_(&board.secretariat)
        .get(format!("/api/v1/applications/{id}/dossier"))
        .await
        .ok();
    let organisation = dossier["organization"]["legal_name"]
        .as_str()
        .expect("the organisation's name")
        .to_string();

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    let ghana = board.trustee("GH");
    sign_in(&browser, ghana).await;

    // Home: what waits for the trustee's vote, as the API's queue lists it.
    let queue = app
        .as_(ghana)
        .applications()
        .list(&[("awaiting_my_vote", "true")])
        .await
        .ok();
    assert_eq!(
        queue.items.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![id]
    );
    let home = text(&browser).await;
    for shown in [
        "Waiting for your vote",
        "One application is waiting for your vote.",
        "Safe shelter and legal aid",
        organisation.as_str(),
        "Kenya (KE)",
        "Kenya, Uganda",
        "Call for proposals",
        "USD 45,000.00",
    ] {
        assert!(
            home.contains(shown),
            "{shown:?} not on the home page:\n{home}"
        );
    }
    browser.check_page("trustee-home").await;
    browser.follow("Waiting for my vote").await;
    assert_eq!(browser.path().await, "/votes");
    browser.check_page("trustee-queue").await;

    // The application in full, with its organisation's dossier; the vote sealed.
    browser.follow("Safe shelter and legal aid").await;
    assert_eq!(browser.path().await, format!("/votes/{id}"));
    let page = text(&browser).await;
    for shown in [
        "Shelter, counselling and legal aid for survivors.",
        "Kenya (KE), Uganda (UG)",
        "Female",
        "Children",
        "Shelter rent",
        "USD 30,000.00",
        "Total requested",
        "from USD 20,000.00 to USD 60,000.00",
        "The organisation's dossier",
        organisation.as_str(),
        "Non-governmental organisation",
        "Verified",
        "No other application.",
        "No vote has been cast. Votes are independent",
    ] {
        assert!(
            page.contains(shown),
            "{shown:?} not on the application:\n{page}"
        );
    }
    assert!(!page.contains("IBAN") && !page.contains("@example.org"));
    let report = browser.check_page("trustee-application").await;
    assert!(report.weight.html_and_css() < 60 * 1024);

    // An approval without an amount or a reason: refused, nothing stored.
    browser.check("Approve").await;
    browser.press("Record my vote").await;
    let refused = text(&browser).await;
    assert!(browser.title().await.starts_with("Error:"));
    assert!(refused.contains("There is a problem"), "{refused}");
    // Each problem at the top and beside its field.
    for problem in [
        "Enter the amount you recommend, to approve",
        "Enter your reasons for this vote",
    ] {
        assert_eq!(refused.matches(problem).count(), 2, "{problem}");
    }
    let approve = browser.find_by_css("#field-vote").await;
    assert_eq!(
        approve.prop("checked").await.ok().flatten().as_deref(),
        Some("true")
    );
    browser.check_page("trustee-vote-refused").await;
    assert_eq!(votes_cast(&app, &board, id).await, 0);

    // An amount above the call's range: the use case refuses it, told in words.
    browser.fill("Recommended amount (USD)", "90,000").await;
    browser
        .fill("Your reasons", "A sound budget and a strong record")
        .await;
    browser.press("Record my vote").await;
    let refused = text(&browser).await;
    assert!(
        refused.contains(
            "Recommend between USD 20,000.00 and USD 60,000.00, and not above the USD 45,000.00 requested"
        ),
        "{refused}"
    );
    holds(&browser, "field-recommended", "90,000").await;
    holds(
        &browser,
        "field-comment",
        "A sound budget and a strong record",
    )
    .await;
    assert_eq!(votes_cast(&app, &board, id).await, 0);

    // A reasoned approval within the range is recorded.
    browser.fill("Recommended amount (USD)", "30,000").await;
    browser.press("Record my vote").await;
    assert_eq!(browser.path().await, format!("/votes/{id}"));
    let voted = text(&browser).await;
    for shown in [
        "Your vote has been recorded.",
        "Your vote: Approve.",
        "You recommend USD 30,000.00.",
        "One vote has been cast.",
        "Trustee from GH",
        "A sound budget and a strong record",
        "Change my vote",
    ] {
        assert!(
            voted.contains(shown),
            "{shown:?} not after voting:\n{voted}"
        );
    }
    browser.check_page("trustee-voted").await;
    let votes = app
        .as_(&board.secretariat)
        .application(id)
        .votes()
        .await
        .ok();
    assert_eq!(votes.votes.len(), 1);
    let vote = &votes.votes[0];
    assert_eq!(vote.vote, Ballot::Approve);
    assert_eq!(
        vote.recommended.map(|m| m.amount().to_string()).as_deref(),
        Some("30000.00")
    );
    assert_eq!(vote.comment, "A sound budget and a strong record");

    // It has left the queue.
    browser.follow("Waiting for my vote").await;
    let queue = text(&browser).await;
    assert!(
        queue.contains("Nothing is waiting for your vote."),
        "{queue}"
    );
    assert!(!queue.contains("Safe shelter and legal aid"));

    // A form posted without its form token is refused, and changes nothing.
    browser.visit(&format!("/votes/{id}")).await;
    let status = browser
        .client()
        .execute_async(
            "const [path, done] = arguments; \
             fetch(path, {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'}, \
               body: 'vote=reject&comment=forged'}).then(r => done(r.status));",
            vec![json!(format!("/votes/{id}/vote"))],
        )
        .await
        .expect("the forged post");
    assert_eq!(status, json!(403));
    let votes = app
        .as_(&board.secretariat)
        .application(id)
        .votes()
        .await
        .ok();
    assert_eq!(votes.votes[0].vote, Ballot::Approve);

    // While voting is open the vote may change: a rejection carries no amount.
    browser.check("Reject").await;
    browser.press("Change my vote").await;
    let refused = text(&browser).await;
    assert!(
        refused.contains("Leave the amount empty when you reject or abstain"),
        "{refused}"
    );
    holds(&browser, "field-recommended", "30,000.00").await;
    browser.fill("Recommended amount (USD)", "").await;
    browser.press("Change my vote").await;
    let changed = text(&browser).await;
    assert!(changed.contains("Your vote: Reject."), "{changed}");
    let votes = app
        .as_(&board.secretariat)
        .application(id)
        .votes()
        .await
        .ok();
    assert_eq!(votes.votes.len(), 1);
    assert_eq!(votes.votes[0].vote, Ballot::Reject);
    assert_eq!(votes.votes[0].recommended, None);

    // The Board, and what it decided.
    browser.follow("The Board").await;
    let seats = text(&browser).await;
    for shown in [
        "The Board of Trustees",
        "Trustee from GH (you)",
        "Trustee from FR",
        "African States",
        "Western European and other States",
        "Every seat is filled.",
    ] {
        assert!(
            seats.contains(shown),
            "{shown:?} not on the Board:\n{seats}"
        );
    }
    browser.check_page("trustee-board").await;
    browser.follow("Decisions").await;
    let decisions = text(&browser).await;
    for shown in [
        "Decisions of the Board",
        "Approved",
        "USD 30,000.00",
        "3 for, 0 against, 0 abstaining",
    ] {
        assert!(
            decisions.contains(shown),
            "{shown:?} not on the decisions:\n{decisions}"
        );
    }
    browser.check_page("trustee-decisions").await;
    // A decided application: the decision and every vote; the dossier closed with the vote.
    browser.follow("Safe shelter and legal aid").await;
    assert_eq!(browser.path().await, format!("/votes/{decided}"));
    let closed = text(&browser).await;
    for shown in [
        "The Board's decision",
        "The dossier is shown only while voting is open.",
        "Voting on this application is closed.",
        "Trustee from JP",
    ] {
        assert!(
            closed.contains(shown),
            "{shown:?} not on a decided application:\n{closed}"
        );
    }
    assert!(!closed.contains("Record my vote"));
    browser.check_page("trustee-decided").await;
    let decision = app.as_(ghana).application(decided).decision().await.ok();
    assert_eq!(
        decision.award.map(|m| m.amount().to_string()).as_deref(),
        Some("30000.00")
    );
    browser.close().await;

    // Another trustee, in French, declares a conflict: the page no longer offers to vote.
    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    let japan = board.trustee("JP");
    sign_in(&browser, japan).await;
    browser.follow("Français").await;
    let home = text(&browser).await;
    assert!(home.contains("En attente de votre vote"), "{home}");
    assert!(home.contains("45 000,00 USD"), "{home}");
    let today = formats::date(chrono::Utc::now().date_naive(), PageLanguage::Fr);
    assert!(
        home.contains(&format!("Soumise le\n{today}")) || home.contains(&today),
        "{home}"
    );
    browser.follow("Safe shelter and legal aid").await;
    let page = text(&browser).await;
    // Sealed: how many voted, not how.
    assert!(page.contains("Un vote a été exprimé."), "{page}");
    assert!(!page.contains("A sound budget and a strong record"));
    assert!(page.contains("de 20 000,00 USD à 60 000,00 USD"), "{page}");
    browser.press("Déclarer le conflit").await;
    let refused = text(&browser).await;
    assert!(
        refused.contains("Il y a un problème")
            || refused.contains("Décrivez le conflit d’intérêts"),
        "{refused}"
    );
    assert_eq!(refused.matches("Décrivez le conflit d’intérêts").count(), 2);
    browser.check_page("trustee-conflict-refused-fr").await;
    // The language links of a refused form lead back to the application, in Spanish here.
    browser.follow("Español").await;
    assert_eq!(browser.path().await, format!("/votes/{id}"));
    let spanish = text(&browser).await;
    for shown in [
        "Declarar un conflicto de intereses",
        "Importe solicitado",
        "45.000,00 USD",
        "Se ha emitido un voto.",
    ] {
        assert!(
            spanish.contains(shown),
            "{shown:?} not in Spanish:\n{spanish}"
        );
    }
    browser.follow("Français").await;
    browser
        .fill(
            "Le conflit d’intérêts",
            "J’ai siégé au conseil de cette organisation",
        )
        .await;
    browser.press("Déclarer le conflit").await;
    let declared = text(&browser).await;
    for shown in [
        "Votre conflit d’intérêts a été enregistré.",
        "Vous avez déclaré un conflit d’intérêts sur cette demande : J’ai siégé au conseil de cette organisation.",
    ] {
        assert!(declared.contains(shown), "{shown:?} not after declaring:\n{declared}");
    }
    assert!(declared.contains("seront visibles une fois que le Conseil aura décidé"));
    assert!(!declared.contains("Enregistrer mon vote"));
    assert!(!declared.contains("Comment votez-vous ?"));
    browser.check_page("trustee-conflict-fr").await;
    let votes = app.as_(japan).application(id).votes().await.ok();
    assert!(votes
        .recusals
        .iter()
        .any(|r| r.declared && r.reason == "J’ai siégé au conseil de cette organisation"));
    let queue = app
        .as_(japan)
        .applications()
        .list(&[("awaiting_my_vote", "true")])
        .await
        .ok();
    assert!(queue.items.is_empty());
    browser.close().await;
}
