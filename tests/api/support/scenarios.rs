//! The situations many features' tests start from, built through the API as users would
//! build them: a seated Board, cash in the Fund, an open call, a verified organisation,
//! an application under review and one approved by three trustees.
//!
//! The raw forms at the end (`vote`, `decide`, `balances`, `contribution`, `receive`,
//! `japan`) answer JSON: the money features' tests still read them so, until they move to
//! the typed client.

use std::fmt::Display;

use serde_json::{json, Value};
use trustfund::api::board::AppointTrusteeRequest;
use trustfund::api::calls::CallRequest;
use trustfund::api::organizations::VerificationRequest;
use trustfund::api::voting::VoteRequest;
use trustfund::auth::Role;
use trustfund::calls::Exploitation;
use trustfund::domain::{ApplicationId, AppointmentId, CallId, OrganizationId};
use trustfund::organizations::OrgType;
use trustfund::voting::Ballot;

use super::bodies::{self, positive_usd, short, text};
use crate::helpers::{registration, Answer, TestApp, TestUser, PASSWORD};

/// Nationalities of a balanced Board that is not recused from applications by a Kenyan
/// NGO working in Kenya and Uganda (the test applications).
pub const BOARD: [&str; 5] = ["GH", "JP", "PL", "BR", "FR"];

/// Five trustees in office (appointed 30 days ago, one per nationality of [`BOARD`]),
/// each with an account, and the secretariat member who appointed them.
pub struct Board {
    trustees: Vec<(TestUser, AppointmentId)>,
    pub secretariat: TestUser,
}

impl Board {
    fn seat(nationality: &str) -> usize {
        BOARD
            .iter()
            .position(|n| *n == nationality)
            .expect("a Board nationality")
    }

    pub fn trustee(&self, nationality: &str) -> &TestUser {
        &self.trustees[Self::seat(nationality)].0
    }

    pub fn appointment(&self, nationality: &str) -> AppointmentId {
        self.trustees[Self::seat(nationality)].1
    }
}

pub async fn seat_board(app: &TestApp) -> Board {
    let secretariat = app.user(Role::Secretariat).await;
    let start = bodies::days_from_today(-30);
    let mut trustees = Vec::new();
    for nationality in BOARD {
        let user = app.user(Role::Trustee).await;
        let appointment = app
            .as_(&secretariat)
            .board()
            .appoint(&AppointTrusteeRequest {
                experience: text("Twenty years assisting victims of trafficking"),
                consulted_member_states: vec![bodies::country(nationality)],
                user_id: Some(user.id),
                ..bodies::appointment_from(
                    &format!("Trustee from {nationality}"),
                    nationality,
                    start,
                )
            })
            .await
            .created();
        trustees.push((user, appointment.id));
    }
    Board {
        trustees,
        secretariat,
    }
}

/// Puts USD cash in the Fund: a contribution by Norway received in full today.
pub async fn fund(app: &TestApp, amount: &str) {
    let finance = app.user(Role::Finance).await;
    let finance = app.as_(&finance);
    let contribution = finance
        .contributions()
        .record(&bodies::pledge_by_norway(positive_usd(amount)))
        .await
        .created();
    finance
        .contribution(contribution.id)
        .receive(&bodies::receipt(positive_usd(amount), "1"))
        .await
        .created();
}

/// Publishes a call open now (USD 20,000 to 60,000 of 1,000,000, up to 24 months, NGOs).
pub async fn open_call(app: &TestApp) -> CallId {
    let secretariat = app.user(Role::Secretariat).await;
    let call = app
        .as_(&secretariat)
        .calls()
        .publish(&CallRequest {
            title: short("Call for proposals"),
            description: text("Direct assistance to victims."),
            envelope: bodies::usd("1000000.00"),
            eligible_org_types: vec![OrgType::Ngo],
            priority_exploitation: vec![Exploitation::SexualExploitation],
            ..bodies::call(-1, 30)
        })
        .await
        .created();
    call.call.id
}

/// Registers an NGO registered in `country` through the API and has the secretariat
/// verify it; returns its first applicant (signed in) and the organisation's id.
pub async fn verified_organization(app: &TestApp, country: &str) -> (TestUser, OrganizationId) {
    let body = registration(country);
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
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .organization(registered.organization.id)
        .verify(&VerificationRequest {
            verified: true,
            reason: Some(text("documents checked")),
        })
        .await
        .ok();
    let token = app.login(&email, PASSWORD).await;
    let applicant = TestUser {
        id: registered.applicant.id.as_uuid(),
        email,
        role: Role::Applicant,
        token,
    };
    (applicant, registered.organization.id)
}

/// An application (KE, UG; USD 45,000) by a verified NGO registered in `country`, under
/// an open call, submitted.
pub async fn submitted_application(app: &TestApp, country: &str) -> (TestUser, ApplicationId) {
    let (applicant, _) = verified_organization(app, country).await;
    let call = open_call(app).await;
    let as_applicant = app.as_(&applicant);
    let draft = as_applicant
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    as_applicant.application(draft.id).submit().await.ok();
    (applicant, draft.id)
}

/// A submitted application screened eligible, and so under review (voting open).
pub async fn application_under_review(app: &TestApp, country: &str) -> (TestUser, ApplicationId) {
    let (applicant, id) = submitted_application(app, country).await;
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .application(id)
        .screen(&bodies::screen_eligible())
        .await
        .ok();
    (applicant, id)
}

/// A Kenyan NGO's application under review with three approvals of USD 30,000 (GH, JP,
/// PL): a quorum, not yet decided.
pub async fn approved_by_three(app: &TestApp, board: &Board) -> ApplicationId {
    let (_, application) = application_under_review(app, "KE").await;
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&bodies::approve("30000.00"))
            .await
            .ok();
    }
    application
}

/// Moves a call's window into the past, as time would: no call can be created closed.
pub async fn close_call(app: &TestApp, id: impl Display) {
    let id = id.to_string();
    app.with_db(move |conn| {
        use diesel::prelude::*;
        use trustfund::db::schema::calls;
        let past = |text: &str| {
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").expect("a time")
        };
        diesel::update(calls::table.filter(calls::id.eq(id)))
            .set((
                calls::opens_at.eq(past("2020-01-01 00:00:00")),
                calls::closes_at.eq(past("2020-02-01 00:00:00")),
            ))
            .execute(conn)
            .expect("the call's window moved")
    })
    .await;
}

// ---- Raw forms, answering JSON (see the module's comment). ----

/// A trustee's vote (`approve`, `reject`, `abstain`) with its recommended USD amount.
pub async fn vote(
    app: &TestApp,
    trustee: &TestUser,
    application: &str,
    choice: &str,
    recommended: Option<&str>,
) -> Answer {
    let vote = match choice {
        "approve" => Ballot::Approve,
        "reject" => Ballot::Reject,
        "abstain" => Ballot::Abstain,
        other => panic!("no vote {other:?}"),
    };
    app.as_(trustee)
        .application(parse_id::<ApplicationId>(application))
        .vote(&VoteRequest {
            vote,
            recommended: recommended.map(positive_usd),
            comment: text("considered"),
        })
        .await
        .raw()
}

/// The secretariat closes the vote on `application`.
pub async fn decide(app: &TestApp, board: &Board, application: &str) -> Answer {
    app.as_(&board.secretariat)
        .application(parse_id::<ApplicationId>(application))
        .decide()
        .await
        .raw()
}

/// The Fund's balances (`cash`, `commitments_outstanding`, `available`, …).
pub async fn balances(app: &TestApp, user: &TestUser) -> Value {
    app.as_(user).fund().get().await.ok()["balances"].clone()
}

/// A contribution by a public donor pledged on 2026-01-15 (`pledged` as JSON money, or
/// none for a gift); returns its id.
pub async fn contribution(app: &TestApp, user: &TestUser, pledged: Option<Value>) -> String {
    let mut body =
        json!({"donor": {"name": "Donor", "donor_type": "public"}, "pledged_on": "2026-01-15"});
    if let Some(p) = pledged {
        body["pledged"] = p;
    }
    let view = app.as_(user).contributions().record(&body).await.created();
    view.id.to_string()
}

/// A receipt on 2026-03-01 of `amount` `currency` at `rate`, with a fresh bank reference.
pub async fn receive(
    app: &TestApp,
    user: &TestUser,
    id: &str,
    amount: &str,
    currency: &str,
    rate: &str,
) -> Answer {
    app.as_(user)
        .contribution(parse_id::<trustfund::domain::ContributionId>(id))
        .receive(&json!({
            "amount": {"amount": amount, "currency": currency}, "received_on": "2026-03-01",
            "rate_to_usd": rate,
            "bank_reference": format!("REF-{}", uuid::Uuid::new_v4().simple()),
        }))
        .await
        .raw()
}

/// A pledge by Japan on 2026-01-15, as JSON (for tests that put hostile values in it).
pub fn japan(pledged: Value) -> Value {
    json!({"donor": {"name": "Japan", "donor_type": "member_state", "country": "JP"},
           "pledged": pledged, "pledged_on": "2026-01-15"})
}

#[track_caller]
fn parse_id<T: std::str::FromStr>(text: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    text.parse().expect("an id")
}

// ---- The demo data set. ----

/// Loads the demo data set (`serve --demo`) into the app's database.
pub async fn load_demo(app: &TestApp) {
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || trustfund::demo::load(&db).expect("demo loads"))
        .await
        .expect("join");
}

/// A demo account (`secretariat@demo.trustfund.local`, …) signed in.
pub async fn demo_user(app: &TestApp, role: Role) -> TestUser {
    let email = format!("{}@demo.trustfund.local", role.as_str());
    let token = app.login(&email, trustfund::demo::DEMO_PASSWORD).await;
    TestUser {
        id: uuid::Uuid::nil(),
        email,
        role,
        token,
    }
}

/// The demo's wider-picture round (`trustfund::demo::WIDER_CALL`), whose grants the
/// demo's other checks leave aside.
pub async fn demo_wider_call(app: &TestApp, who: &TestUser) -> Option<CallId> {
    let calls = app.as_(who).calls().list(&[("limit", "100")]).await.ok();
    calls
        .items
        .into_iter()
        .find(|c| c.title == trustfund::demo::WIDER_CALL)
        .map(|c| c.id)
}

/// Loads the demo data set and signs in its finance officer.
pub async fn demo_finance(app: &TestApp) -> TestUser {
    load_demo(app).await;
    demo_user(app, Role::Finance).await
}

// ---- An organisation with a history. ----

/// One more application (KE, UG; USD 45,000) by `applicant`'s organisation, under a call
/// of its own (one application per call), submitted and screened eligible: under review.
pub async fn another_application_under_review(
    app: &TestApp,
    applicant: &TestUser,
) -> ApplicationId {
    let call = open_call(app).await;
    let as_applicant = app.as_(applicant);
    let draft = as_applicant
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    as_applicant.application(draft.id).submit().await.ok();
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .application(draft.id)
        .screen(&bodies::screen_eligible())
        .await
        .ok();
    draft.id
}
