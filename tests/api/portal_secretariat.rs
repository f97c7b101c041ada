//! The secretariat's pages in a real browser (`src/portal/secretariat/`): from a newly
//! registered organisation to the Board's decision. The secretariat refuses to refuse
//! without a reason, then verifies the organisation; the organisation submits an
//! application; the secretariat screens it with the eligibility checklist (an unmet
//! criterion without a note refused first); trustees vote through the API; a decision
//! before the quorum is refused, then recorded; part of it in French. Each step is
//! checked through the API too.

use trustfund::applications::{ApplicationState, Criterion};
use trustfund::auth::Role;
use trustfund::domain::ApplicationId;
use trustfund::organizations::OrgState;
use trustfund::voting::DecisionStatus;

use crate::helpers::{registration, TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::browser::{shows, text, Browser};
use crate::support::scenarios::{fund, open_call, seat_board, Board};

on_both_backends!(portal_secretariat_verifies_screens_and_decides);

/// Picks the radio button whose id is `id`.
async fn pick(browser: &Browser, id: &str) {
    browser
        .find_by_css(&format!("#{id}"))
        .await
        .click()
        .await
        .expect("the radio button clicked");
}

/// Registers an NGO in Kenya through the API: pending until the secretariat decides.
async fn registered(app: &TestApp) -> (String, String, String) {
    let body = registration("KE");
    let email = body["applicant"]["email"]
        .as_str()
        .expect("email")
        .to_string();
    let registered = app
        .anonymous()
        .organizations()
        .register(&body)
        .await
        .created();
    (
        registered.organization.id.to_string(),
        registered.organization.legal_name,
        email,
    )
}

async fn state_of(app: &TestApp, board: &Board, id: ApplicationId) -> ApplicationState {
    app.as_(&board.secretariat)
        .application(id)
        .get()
        .await
        .ok()
        .state
}

async fn portal_secretariat_verifies_screens_and_decides(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "1000000.00").await;
    let call = open_call(&app).await;
    let (org_id, org_name, email) = registered(&app).await;

    let Some(browser) = Browser::open(&app).await else {
        return;
    };
    browser.visit("/sign-in").await;
    browser
        .fill("Email address", &board.secretariat.email)
        .await;
    browser.fill("Password", PASSWORD).await;
    browser.press("Sign in").await;
    assert_eq!(browser.path().await, "/");

    // Home: the organisation waits for verification; nothing else waits yet.
    let home = text(&browser).await;
    shows(
        &home,
        &[
            "What waits for the secretariat",
            "Organisations awaiting verification",
            org_name.as_str(),
            "No application awaits screening.",
            "No vote has reached the quorum yet.",
            "The reserve list is empty.",
        ],
        "the home page",
    );
    browser.check_page("secretariat-home").await;
    browser.follow("Organisations").await;
    assert_eq!(browser.path().await, "/secretariat/organizations");
    browser.select("Status", "Being verified").await;
    browser.press("Show").await;
    assert!(text(&browser).await.contains(&org_name));
    browser.check_page("secretariat-organizations").await;

    // The organisation's page: its profile in view of the decision.
    browser.follow(&org_name).await;
    assert_eq!(
        browser.path().await,
        format!("/secretariat/organizations/{org_id}")
    );
    shows(
        &text(&browser).await,
        &[
            "Non-governmental organisation",
            "Kenya (KE)",
            "Being verified",
            "It has no application yet.",
            "Verify the organisation",
        ],
        "the organisation's page",
    );
    browser.check_page("secretariat-organization").await;

    // A refusal without a reason: refused beside the field, nothing recorded.
    browser.check("Refuse").await;
    browser.press("Record the decision").await;
    let refused = text(&browser).await;
    assert!(browser.title().await.starts_with("Error:"), "{refused}");
    assert_eq!(
        refused
            .matches("Enter the reason for refusing, which the organisation will read")
            .count(),
        2,
        "{refused}"
    );
    let refuse = browser.find_by_css("#field-decision-refuse").await;
    assert_eq!(
        refuse.prop("checked").await.ok().flatten().as_deref(),
        Some("true")
    );
    browser.check_page("secretariat-organization-refused").await;
    let org = app
        .as_(&board.secretariat)
        .organization(org_id.parse::<uuid::Uuid>().expect("an id"))
        .get()
        .await
        .ok();
    assert_eq!(org.state, OrgState::Pending);

    // Verified, with a note.
    browser
        .check("Verify: the profile and documents are in order")
        .await;
    browser
        .fill("Reason", "Registration certificate checked")
        .await;
    browser.press("Record the decision").await;
    shows(
        &text(&browser).await,
        &["The organisation is verified.", "Verified"],
        "the verified organisation",
    );
    let org = app
        .as_(&board.secretariat)
        .organization(org.id)
        .get()
        .await
        .ok();
    assert_eq!(org.state, OrgState::Verified);
    assert_eq!(
        org.state_reason.as_deref(),
        Some("Registration certificate checked")
    );

    // The organisation applies (through the API).
    let applicant = TestUser {
        id: uuid::Uuid::nil(),
        token: app.login(&email, PASSWORD).await,
        email,
        role: Role::Applicant,
    };
    let draft = app
        .as_(&applicant)
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    let id = draft.id;
    app.as_(&applicant).application(id).submit().await.ok();

    // It waits for screening on the home page; its page shows the text and budget.
    browser.follow("Home").await;
    assert!(text(&browser).await.contains("Safe shelter and legal aid"));
    browser.follow("Safe shelter and legal aid").await;
    assert_eq!(
        browser.path().await,
        format!("/secretariat/applications/{id}")
    );
    shows(
        &text(&browser).await,
        &[
            "Submitted",
            org_name.as_str(),
            "Kenya (KE), Uganda (UG)",
            "Shelter rent",
            "USD 45,000.00",
            "from USD 20,000.00 to USD 60,000.00, at most 24 months",
            "Screen the application",
        ],
        "the application",
    );
    browser.check_page("secretariat-application").await;

    // Nothing stated: each criterion and the result asked for, nothing recorded.
    browser.press("Record the screening").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused.matches("Say whether this criterion is met").count(),
        2 * Criterion::all().len(),
        "{refused}"
    );
    assert_eq!(
        refused.matches("Choose eligible or not eligible").count(),
        2
    );
    assert_eq!(
        state_of(&app, &board, id).await,
        ApplicationState::Submitted
    );

    // A criterion found unmet without a note: the use case's rule, beside the note.
    for criterion in Criterion::all() {
        pick(&browser, &format!("field-met-{}", criterion.as_str())).await;
    }
    pick(&browser, "field-met-within_mandate-no").await;
    pick(&browser, "field-eligible-no").await;
    browser
        .fill(
            "Reasons the organisation is told",
            "Outside the Fund's mandate",
        )
        .await;
    browser.press("Record the screening").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused.matches("Say why this criterion is not met").count(),
        2,
        "{refused}"
    );
    let kept = browser.find_by_css("#field-met-within_mandate-no").await;
    assert_eq!(
        kept.prop("checked").await.ok().flatten().as_deref(),
        Some("true")
    );
    browser.check_page("secretariat-screening-refused").await;
    assert_eq!(
        state_of(&app, &board, id).await,
        ApplicationState::Submitted
    );

    // Every criterion met, eligible: passed to the Board.
    pick(&browser, "field-met-within_mandate").await;
    pick(&browser, "field-eligible").await;
    browser
        .fill("Reasons the organisation is told", "Meets every criterion")
        .await;
    browser.press("Record the screening").await;
    shows(
        &text(&browser).await,
        &[
            "The screening has been recorded.",
            "With the Board",
            "The eligibility checklist as recorded",
            "The activities give humanitarian, legal or financial aid to victims of trafficking",
            "A matter of judgement",
            "No vote has been cast.",
            "Record the Board's decision",
        ],
        "the screened application",
    );
    let screened = app.as_(&board.secretariat).application(id).get().await.ok();
    assert_eq!(screened.state, ApplicationState::UnderReview);
    let checklist = screened.screening_checklist.expect("the checklist kept");
    assert_eq!(checklist.len(), Criterion::all().len());
    assert!(checklist.iter().all(|entry| entry.met));

    // Two votes: no quorum, the decision refused with the rule in words.
    for nationality in ["GH", "JP"] {
        app.as_(board.trustee(nationality))
            .application(id)
            .vote(&bodies::approve("30000.00"))
            .await
            .ok();
    }
    browser
        .visit(&format!("/secretariat/applications/{id}"))
        .await;
    browser.press("Record the decision").await;
    let refused = text(&browser).await;
    assert_eq!(
        refused
            .matches("Fewer than three trustees who are not recused have voted")
            .count(),
        2,
        "{refused}"
    );
    browser.check_page("secretariat-decision-refused").await;
    assert_eq!(
        state_of(&app, &board, id).await,
        ApplicationState::UnderReview
    );

    // A third vote: the home page offers the decision, which is recorded.
    app.as_(board.trustee("PL"))
        .application(id)
        .vote(&bodies::approve("30000.00"))
        .await
        .ok();
    browser.follow("Home").await;
    let home = text(&browser).await;
    assert!(
        home.contains("One vote can be decided") && home.contains("Safe shelter and legal aid"),
        "{home}"
    );
    browser.follow("Safe shelter and legal aid").await;
    shows(
        &text(&browser).await,
        &[
            "Trustee from GH",
            "Trustee from PL",
            "3 votes have been cast.",
        ],
        "the votes",
    );
    browser.check_page("secretariat-votes").await;
    browser.press("Record the decision").await;
    shows(
        &text(&browser).await,
        &[
            "The Board's decision has been recorded.",
            "Approved",
            "3 for, 0 against, 0 abstaining",
            "USD 30,000.00",
        ],
        "the decided application",
    );
    let decision = app
        .as_(&board.secretariat)
        .application(id)
        .decision()
        .await
        .ok();
    assert_eq!(decision.status, DecisionStatus::Approved);
    assert_eq!(
        decision.award.map(|m| m.amount().to_string()).as_deref(),
        Some("30000.00")
    );
    assert_eq!(state_of(&app, &board, id).await, ApplicationState::Approved);

    // In French: the decision and the amounts as French writes them.
    browser.follow("Français").await;
    shows(
        &text(&browser).await,
        &[
            "La décision du Conseil",
            "3 pour, 0 contre, 0 abstentions",
            "30 000,00 USD",
            "La liste des critères de recevabilité telle qu’enregistrée",
        ],
        "the application in French",
    );
    browser.check_page("secretariat-decided-fr").await;
    browser.follow("Organisations").await;
    browser.follow(&org_name).await;
    assert!(text(&browser).await.contains("Ses demandes"));
    browser.check_page("secretariat-organization-fr").await;
    browser.close().await;
}
