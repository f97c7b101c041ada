//! Board votes: quorum, majority, abstentions, the chair's tie-break, the median award,
//! recusals, trustees out of term, the reserve list, and two decisions racing for money.

use serde_json::{json, Value};
use trustfund::auth::Role;
use uuid::Uuid;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;

on_both_backends!(
    a_quorum_of_approvals_awards_the_median_and_commits_it,
    the_median_of_an_even_number_is_the_lower_middle,
    abstentions_count_for_quorum_not_majority,
    a_tie_goes_to_the_chair_or_stays_open,
    recusals_automatic_and_declared,
    too_few_trustees_who_can_vote_is_quorum_impossible,
    a_trustee_out_of_term_cannot_vote,
    votes_are_hidden_from_the_applicant_and_closed_after_decision,
    short_money_goes_to_the_reserve_list_and_is_awarded_in_order,
    two_decisions_racing_for_the_last_money_never_both_win,
    a_retried_decision_is_recorded_once,
    the_demo_board_has_decided_each_way,
);

/// Nationalities of a balanced Board that is not recused from applications by a Kenyan
/// NGO working in Kenya and Uganda (the test applications).
const BOARD: [&str; 5] = ["GH", "JP", "PL", "BR", "FR"];

pub(crate) struct Board {
    trustees: Vec<(TestUser, String)>,
    pub(crate) secretariat: TestUser,
}

impl Board {
    pub(crate) fn trustee(&self, nationality: &str) -> &TestUser {
        let i = BOARD
            .iter()
            .position(|n| *n == nationality)
            .expect("a Board nationality");
        &self.trustees[i].0
    }

    pub(crate) fn appointment(&self, nationality: &str) -> &str {
        let i = BOARD
            .iter()
            .position(|n| *n == nationality)
            .expect("a Board nationality");
        &self.trustees[i].1
    }
}

pub(crate) async fn seat_board(app: &TestApp) -> Board {
    let secretariat = app.user(Role::Secretariat).await;
    let start = (chrono::Utc::now().date_naive() - chrono::Duration::days(30)).to_string();
    let mut trustees = Vec::new();
    for nationality in BOARD {
        let user = app.user(Role::Trustee).await;
        let appointment = app
            .post(&secretariat, "/api/v1/board/appointments", json!({
                "name": format!("Trustee from {nationality}"), "nationality": nationality,
                "experience": "Twenty years assisting victims of trafficking",
                "appointed_on": start, "term_start": start,
                "consulted_member_states": [nationality], "consulted_executive_director_on": start,
                "user_id": user.id,
            }))
            .await
            .expect(201);
        trustees.push((user, appointment.body["id"].as_str().unwrap().to_string()));
    }
    Board {
        trustees,
        secretariat,
    }
}

/// Puts USD cash in the Fund: a contribution received in full.
pub(crate) async fn fund(app: &TestApp, amount: &str) {
    let finance = app.user(Role::Finance).await;
    let today = chrono::Utc::now().date_naive().to_string();
    let contribution = app
        .post(
            &finance,
            "/api/v1/contributions",
            json!({
                "donor": {"name": "Norway", "donor_type": "member_state", "country": "NO"},
                "pledged": {"amount": amount, "currency": "USD"}, "pledged_on": today,
            }),
        )
        .await
        .expect(201);
    let id = contribution.body["id"].as_str().unwrap();
    app.post(
        &finance,
        &format!("/api/v1/contributions/{id}/receipts"),
        json!({
            "amount": {"amount": amount, "currency": "USD"}, "received_on": today,
            "rate_to_usd": "1", "bank_reference": format!("REF-{}", Uuid::new_v4().simple()),
        }),
    )
    .await
    .expect(201);
}

pub(crate) async fn vote(
    app: &TestApp,
    trustee: &TestUser,
    application: &str,
    choice: &str,
    recommended: Option<&str>,
) -> crate::helpers::Answer {
    let mut body = json!({"vote": choice, "comment": "considered"});
    if let Some(amount) = recommended {
        body["recommended"] = json!({"amount": amount, "currency": "USD"});
    }
    app.post(
        trustee,
        &format!("/api/v1/applications/{application}/votes"),
        body,
    )
    .await
}

/// A Kenyan NGO's application under review with three approvals of USD 30,000.
async fn approved_by_three(app: &TestApp, board: &Board) -> String {
    let (_, application) = app.application_under_review("KE").await;
    for nationality in ["GH", "JP", "PL"] {
        vote(
            app,
            board.trustee(nationality),
            &application,
            "approve",
            Some("30000.00"),
        )
        .await
        .expect(200);
    }
    application
}

pub(crate) async fn decide(
    app: &TestApp,
    board: &Board,
    application: &str,
) -> crate::helpers::Answer {
    app.post(
        &board.secretariat,
        &format!("/api/v1/applications/{application}/decision"),
        json!({}),
    )
    .await
}

pub(crate) async fn balances(app: &TestApp, user: &TestUser) -> Value {
    app.get(user, "/api/v1/fund").await.expect(200).body["balances"].clone()
}

async fn a_quorum_of_approvals_awards_the_median_and_commits_it(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (applicant, application) = app.application_under_review("KE").await;

    vote(
        &app,
        board.trustee("GH"),
        &application,
        "approve",
        Some("20000.00"),
    )
    .await
    .expect(200);
    vote(
        &app,
        board.trustee("JP"),
        &application,
        "approve",
        Some("40000.00"),
    )
    .await
    .expect(200);
    let refused = decide(&app, &board, &application)
        .await
        .expect_problem(422, "quorum-not-met");
    assert!(refused.body["detail"].as_str().unwrap().contains("2 vote"));
    // A trustee may change a vote until the decision.
    vote(&app, board.trustee("PL"), &application, "reject", None)
        .await
        .expect(200);
    let votes = vote(
        &app,
        board.trustee("PL"),
        &application,
        "approve",
        Some("30000.00"),
    )
    .await
    .expect(200);
    assert_eq!(votes.body["approve"], 3);
    assert_eq!(votes.body["reject"], 0);

    let decision = decide(&app, &board, &application).await.expect(201);
    assert_eq!(decision.body["status"], "approved");
    assert_eq!(
        decision.body["award"],
        json!({"amount": "30000.00", "currency": "USD"})
    );
    // 13% programme support cost, committed on top of the award.
    assert_eq!(
        decision.body["programme_support_cost"],
        json!({"amount": "3900.00", "currency": "USD"})
    );
    let grant_id = decision.body["grant_id"].as_str().unwrap();

    let grant = app
        .get(&applicant, &format!("/api/v1/grants/{grant_id}"))
        .await
        .expect(200);
    assert_eq!(grant.body["award"]["amount"], "30000.00");
    assert_eq!(grant.body["committed"]["amount"], "33900.00");
    assert_eq!(grant.body["remaining"]["amount"], "30000.00");
    assert_eq!(grant.body["application_id"], application);
    let mine = app.get(&applicant, "/api/v1/grants").await.expect(200);
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);

    let figures = balances(&app, &board.secretariat).await;
    assert_eq!(figures["cash"]["amount"], "100000.00");
    assert_eq!(figures["commitments_outstanding"]["amount"], "33900.00");
    assert_eq!(figures["available"]["amount"], "66100.00");

    let state = app
        .get(&applicant, &format!("/api/v1/applications/{application}"))
        .await
        .expect(200);
    assert_eq!(state.body["state"], "approved");
    // Another organisation's applicant cannot see the grant.
    let (stranger, _) = app.verified_applicant().await;
    app.get(&stranger, &format!("/api/v1/grants/{grant_id}"))
        .await
        .expect_problem(404, "not-found");
    assert!(
        app.get(&stranger, "/api/v1/grants").await.expect(200).body["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let admin = app.user(Role::Admin).await;
    let trail = app.get(&admin, "/api/v1/audit?limit=200").await.expect(200);
    let actions: Vec<&str> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in [
        "vote.cast",
        "vote.changed",
        "decision.recorded",
        "grant.created",
    ] {
        assert!(
            actions.contains(&action),
            "{action} missing from {actions:?}"
        );
    }
    let auditor = app.user(Role::Auditor).await;
    let check = app.get(&auditor, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
}

async fn the_median_of_an_even_number_is_the_lower_middle(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (_, application) = app.application_under_review("KE").await;
    for (nationality, amount) in [
        ("GH", "45000.00"),
        ("JP", "20000.00"),
        ("PL", "40000.00"),
        ("BR", "25000.00"),
    ] {
        vote(
            &app,
            board.trustee(nationality),
            &application,
            "approve",
            Some(amount),
        )
        .await
        .expect(200);
    }
    vote(&app, board.trustee("FR"), &application, "reject", None)
        .await
        .expect(200);
    let decision = decide(&app, &board, &application).await.expect(201);
    assert_eq!(decision.body["award"]["amount"], "25000.00");
    assert_eq!(decision.body["approve"], 4);
    assert_eq!(decision.body["reject"], 1);
}

async fn abstentions_count_for_quorum_not_majority(app: TestApp) {
    let board = seat_board(&app).await;
    let (applicant, application) = app.application_under_review("KE").await;
    vote(&app, board.trustee("GH"), &application, "abstain", None)
        .await
        .expect(200);
    vote(&app, board.trustee("JP"), &application, "abstain", None)
        .await
        .expect(200);
    vote(&app, board.trustee("PL"), &application, "reject", None)
        .await
        .expect(200);
    let decision = decide(&app, &board, &application).await.expect(201);
    assert_eq!(decision.body["status"], "rejected");
    assert_eq!(decision.body["abstain"], 2);
    assert!(decision.body["award"].is_null());
    let state = app
        .get(&applicant, &format!("/api/v1/applications/{application}"))
        .await
        .expect(200);
    assert_eq!(state.body["state"], "rejected");
}

async fn a_tie_goes_to_the_chair_or_stays_open(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let (_, application) = app.application_under_review("KE").await;
    vote(
        &app,
        board.trustee("GH"),
        &application,
        "approve",
        Some("35000.00"),
    )
    .await
    .expect(200);
    vote(&app, board.trustee("JP"), &application, "reject", None)
        .await
        .expect(200);
    vote(&app, board.trustee("PL"), &application, "abstain", None)
        .await
        .expect(200);
    // No chair yet: the tie stays open.
    decide(&app, &board, &application)
        .await
        .expect_problem(422, "tie-unresolved");
    // The chair abstained: still open.
    let today = chrono::Utc::now().date_naive();
    app.post(
        &board.secretariat,
        "/api/v1/board/chair",
        json!({
            "appointment_id": board.appointment("PL"), "from": today.to_string(),
            "to": (today + chrono::Duration::days(300)).to_string(),
        }),
    )
    .await
    .expect(201);
    decide(&app, &board, &application)
        .await
        .expect_problem(422, "tie-unresolved");
    // The chair votes to approve: the tie is broken their way.
    vote(
        &app,
        board.trustee("PL"),
        &application,
        "approve",
        Some("25000.00"),
    )
    .await
    .expect(200);
    vote(&app, board.trustee("BR"), &application, "reject", None)
        .await
        .expect(200);
    let decision = decide(&app, &board, &application).await.expect(201);
    assert_eq!(decision.body["status"], "approved");
    assert_eq!(decision.body["by_chair"], true);
    assert_eq!(decision.body["award"]["amount"], "25000.00");
}

async fn recusals_automatic_and_declared(app: TestApp) {
    let board = seat_board(&app).await;
    // An NGO registered in Ghana: the Ghanaian trustee is recused automatically.
    let (_, application) = app.application_under_review("GH").await;
    let refused = vote(
        &app,
        board.trustee("GH"),
        &application,
        "approve",
        Some("30000.00"),
    )
    .await
    .expect_problem(422, "recused");
    assert!(refused.body["detail"].as_str().unwrap().contains("GH"));

    // The French trustee votes, then declares a conflict: the vote is withdrawn.
    vote(
        &app,
        board.trustee("FR"),
        &application,
        "approve",
        Some("30000.00"),
    )
    .await
    .expect(200);
    let after = app
        .post(
            board.trustee("FR"),
            &format!("/api/v1/applications/{application}/conflicts"),
            json!({"reason": "I sit on the NGO's advisory council"}),
        )
        .await
        .expect(201);
    assert_eq!(after.body["approve"], 0);
    assert!(after.body["votes"].as_array().unwrap().is_empty());
    vote(&app, board.trustee("FR"), &application, "reject", None)
        .await
        .expect_problem(422, "recused");
    app.post(
        board.trustee("FR"),
        &format!("/api/v1/applications/{application}/conflicts"),
        json!({"reason": "again"}),
    )
    .await
    .expect_problem(409, "conflict");

    let votes = app
        .get(
            board.trustee("JP"),
            &format!("/api/v1/applications/{application}/votes"),
        )
        .await
        .expect(200);
    assert_eq!(votes.body["eligible"], 3);
    let recusals = votes.body["recusals"].as_array().unwrap();
    assert_eq!(recusals.len(), 2);
    let declared: Vec<bool> = recusals
        .iter()
        .map(|r| r["declared"].as_bool().unwrap())
        .collect();
    assert!(declared.contains(&true) && declared.contains(&false));
}

async fn too_few_trustees_who_can_vote_is_quorum_impossible(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, application) = app.application_under_review("KE").await;
    for nationality in ["GH", "JP", "PL"] {
        app.post(
            board.trustee(nationality),
            &format!("/api/v1/applications/{application}/conflicts"),
            json!({"reason": "a family member works there"}),
        )
        .await
        .expect(201);
    }
    vote(
        &app,
        board.trustee("BR"),
        &application,
        "approve",
        Some("30000.00"),
    )
    .await
    .expect(200);
    vote(
        &app,
        board.trustee("FR"),
        &application,
        "approve",
        Some("30000.00"),
    )
    .await
    .expect(200);
    let refused = decide(&app, &board, &application)
        .await
        .expect_problem(422, "quorum-impossible");
    assert!(refused.body["detail"].as_str().unwrap().contains("only 2"));
}

async fn a_trustee_out_of_term_cannot_vote(app: TestApp) {
    let board = seat_board(&app).await;
    let (_, application) = app.application_under_review("KE").await;
    let today = chrono::Utc::now().date_naive().to_string();
    app.post(
        &board.secretariat,
        &format!("/api/v1/board/appointments/{}/end", board.appointment("BR")),
        json!({
            "ended_on": today, "reason": "resignation", "note": "personal reasons",
        }),
    )
    .await
    .expect(200);
    vote(&app, board.trustee("BR"), &application, "reject", None)
        .await
        .expect_problem(422, "not-an-active-trustee");
    // A trustee account with no appointment at all cannot vote either.
    let unseated = app.user(Role::Trustee).await;
    vote(&app, &unseated, &application, "reject", None)
        .await
        .expect_problem(422, "not-an-active-trustee");
    // Other roles cannot vote.
    vote(&app, &board.secretariat, &application, "reject", None)
        .await
        .expect_problem(403, "forbidden");
}

async fn votes_are_hidden_from_the_applicant_and_closed_after_decision(app: TestApp) {
    let board = seat_board(&app).await;
    let (applicant, application) = app.application_under_review("KE").await;
    for nationality in ["GH", "JP", "PL"] {
        vote(
            &app,
            board.trustee(nationality),
            &application,
            "reject",
            None,
        )
        .await
        .expect(200);
    }
    app.get(
        &applicant,
        &format!("/api/v1/applications/{application}/votes"),
    )
    .await
    .expect_problem(403, "forbidden");
    let staff = app
        .get(
            &board.secretariat,
            &format!("/api/v1/applications/{application}/votes"),
        )
        .await
        .expect(200);
    assert_eq!(staff.body["reject"], 3);
    // Bad votes are refused with the field named.
    let bad = vote(&app, board.trustee("BR"), &application, "approve", None)
        .await
        .expect_problem(400, "validation");
    assert_eq!(bad.bad_fields(), vec!["recommended"]);
    let bad = vote(
        &app,
        board.trustee("BR"),
        &application,
        "approve",
        Some("90000.00"),
    )
    .await
    .expect_problem(422, "recommended-out-of-range");
    assert_eq!(bad.bad_fields(), vec!["recommended"]);
    vote(
        &app,
        board.trustee("BR"),
        &application,
        "approve",
        Some("50000.00"),
    )
    .await
    .expect_problem(422, "recommended-out-of-range");

    decide(&app, &board, &application).await.expect(201);
    vote(&app, board.trustee("BR"), &application, "reject", None)
        .await
        .expect_problem(409, "conflict");
    decide(&app, &board, &application)
        .await
        .expect_problem(409, "conflict");
    // A draft is invisible to trustees.
    let call = app.open_call().await;
    let draft = app
        .post(
            &applicant,
            "/api/v1/applications",
            crate::helpers::application(&call),
        )
        .await;
    if draft.status == 201 {
        let id = draft.body["id"].as_str().unwrap();
        vote(&app, board.trustee("GH"), id, "reject", None)
            .await
            .expect_problem(404, "not-found");
    }
}

async fn short_money_goes_to_the_reserve_list_and_is_awarded_in_order(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "40000.00").await;
    let mut applications = Vec::new();
    for _ in 0..3 {
        applications.push(approved_by_three(&app, &board).await);
    }
    // 30,000 + 3,900 fits in 40,000 once; the next two wait on the reserve list.
    assert_eq!(
        decide(&app, &board, &applications[0])
            .await
            .expect(201)
            .body["status"],
        "approved"
    );
    let second = decide(&app, &board, &applications[1]).await.expect(201);
    assert_eq!(second.body["status"], "reserve_list");
    assert!(second.body["grant_id"].is_null());
    assert_eq!(second.body["award"]["amount"], "30000.00");
    assert_eq!(
        decide(&app, &board, &applications[2])
            .await
            .expect(201)
            .body["status"],
        "reserve_list"
    );

    let award = |i: usize| {
        let path = format!("/api/v1/applications/{}/award", applications[i]);
        let secretariat = board.secretariat.clone();
        let app = &app;
        async move { app.post(&secretariat, &path, json!({})).await }
    };
    award(1).await.expect_problem(422, "insufficient-funds");
    fund(&app, "30000.00").await;
    // In the order of decision: the third cannot jump the queue.
    award(2).await.expect_problem(422, "reserve-order");
    let awarded = award(1).await.expect(200);
    assert_eq!(awarded.body["status"], "approved");
    assert!(awarded.body["grant_id"].is_string());
    award(1).await.expect_problem(409, "conflict");
    award(2).await.expect_problem(422, "insufficient-funds");

    let figures = balances(&app, &board.secretariat).await;
    assert_eq!(figures["commitments_outstanding"]["amount"], "67800.00");
    assert_eq!(figures["available"]["amount"], "2200.00");
}

async fn two_decisions_racing_for_the_last_money_never_both_win(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "40000.00").await;
    let mut applications = Vec::new();
    for _ in 0..2 {
        applications.push(approved_by_three(&app, &board).await);
    }
    // One decision through this instance, the other through a second instance on the same
    // database, at the same time.
    let other = app.another_instance().await;
    let through_other = async {
        let request = app
            .client
            .post(format!(
                "{other}/api/v1/applications/{}/decision",
                applications[1]
            ))
            .bearer_auth(&board.secretariat.token)
            .json(&json!({}));
        crate::helpers::answer(request.send().await.unwrap()).await
    };
    let (a, b) = tokio::join!(decide(&app, &board, &applications[0]), through_other);
    let mut statuses = vec![
        a.expect(201).body["status"].as_str().unwrap().to_string(),
        b.expect(201).body["status"].as_str().unwrap().to_string(),
    ];
    statuses.sort();
    assert_eq!(statuses, vec!["approved", "reserve_list"]);
    let figures = balances(&app, &board.secretariat).await;
    assert_eq!(figures["commitments_outstanding"]["amount"], "33900.00");
    assert_eq!(figures["available"]["amount"], "6100.00");
}

async fn a_retried_decision_is_recorded_once(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "100000.00").await;
    let application = approved_by_three(&app, &board).await;
    let path = format!("/api/v1/applications/{application}/decision");
    let send = || async {
        let request = app
            .client
            .post(format!("{}{path}", app.address))
            .bearer_auth(&board.secretariat.token)
            .header("Idempotency-Key", "decision-2026-11-29-001");
        crate::helpers::answer(request.send().await.unwrap()).await
    };
    let first = send().await.expect(201);
    let retry = send().await.expect(201);
    assert_eq!(first.body, retry.body);
    assert_eq!(retry.header("idempotent-replayed").as_deref(), Some("true"));
    let figures = balances(&app, &board.secretariat).await;
    assert_eq!(figures["commitments_outstanding"]["amount"], "33900.00");
    let finance = app.user(Role::Finance).await;
    let grants = app.get(&finance, "/api/v1/grants").await.expect(200);
    assert_eq!(grants.body["items"].as_array().unwrap().len(), 1);
}

async fn the_demo_board_has_decided_each_way(app: TestApp) {
    for _ in 0..2 {
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || trustfund::demo::load(&db).expect("demo loads"))
            .await
            .unwrap();
    }
    let token = app
        .login(
            "secretariat@demo.trustfund.local",
            trustfund::demo::DEMO_PASSWORD,
        )
        .await;
    let secretariat = TestUser {
        id: Uuid::nil(),
        email: String::new(),
        role: Role::Secretariat,
        token,
    };
    let list = app
        .get(&secretariat, "/api/v1/applications?limit=100")
        .await
        .expect(200);
    let states: Vec<&str> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["state"].as_str().unwrap())
        .collect();
    for state in ["approved", "rejected", "reserve_list", "under_review"] {
        assert!(states.contains(&state), "{state} missing from {states:?}");
    }
    // The Board session's approval and the six of the grants-at-work round (money out's
    // stages), each once; the wider picture's round (for the Fund's reports) aside.
    let wider = crate::fund_reports_more::wider_call_id(&app, &secretariat).await;
    let approved = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["state"] == "approved" && a["call_id"] != wider.as_str())
        .count();
    assert_eq!(approved, 7, "loaded once");
    let grants = app
        .get(&secretariat, "/api/v1/grants?limit=100")
        .await
        .expect(200);
    let grants = grants.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["call_id"] != wider.as_str())
        .count();
    assert_eq!(grants, 7);
    // The application still under review in the open call has votes, short of a quorum.
    let pending = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["state"] == "under_review")
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect::<Vec<_>>();
    let mut voted = 0;
    for id in pending {
        let votes = app
            .get(&secretariat, &format!("/api/v1/applications/{id}/votes"))
            .await
            .expect(200);
        voted += votes.body["votes"].as_array().unwrap().len();
    }
    assert_eq!(voted, 2);
    // The reserve list waits for the secretariat, and the money is there now.
    let waiting = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["state"] == "reserve_list")
        .unwrap();
    let awarded = app
        .post(
            &secretariat,
            &format!(
                "/api/v1/applications/{}/award",
                waiting["id"].as_str().unwrap()
            ),
            json!({}),
        )
        .await
        .expect(200);
    assert_eq!(awarded.body["status"], "approved");
    let auditor = app
        .login(
            "auditor@demo.trustfund.local",
            trustfund::demo::DEMO_PASSWORD,
        )
        .await;
    let auditor = TestUser {
        id: Uuid::nil(),
        email: String::new(),
        role: Role::Auditor,
        token: auditor,
    };
    assert_eq!(
        app.get(&auditor, "/api/v1/audit/verify")
            .await
            .expect(200)
            .body["valid"],
        true
    );
    let check = app.get(&auditor, "/api/v1/ledger/check").await.expect(200);
    assert_eq!(check.body["ok"], true, "{}", check.text);
}
