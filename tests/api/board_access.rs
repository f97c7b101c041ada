//! The Board: who may do what, refused input, the regional groups, today's Board, the
//! history's pages and the demo Board.

use chrono::{Months, Utc};
use serde_json::json;
use trustfund::auth::Role;
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::scenarios::appointment;

on_both_backends!(
    only_the_secretariat_changes_the_board,
    bad_appointments_are_refused_naming_the_field_or_rule,
    the_regional_groups_are_listed_with_their_members,
    todays_board_and_a_paged_history,
    the_demo_board_is_full_balanced_and_loads_once,
    the_fund_manager_sits_ex_officio_without_a_vote
);

async fn only_the_secretariat_changes_the_board(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let id = app
        .post(
            &s,
            "/api/v1/board/appointments",
            appointment("Amina Okafor", "NG", "2030-01-01"),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let others = [
        app.user(Role::Admin).await,
        app.user(Role::Trustee).await,
        app.user(Role::Finance).await,
        app.user(Role::Auditor).await,
        app.user_in(Role::Applicant, Some(Uuid::new_v4())).await,
    ];
    for user in &others {
        app.post(
            user,
            "/api/v1/board/appointments",
            appointment("Kofi Mensah", "GH", "2034-01-01"),
        )
        .await
        .expect_problem(403, "forbidden");
        app.post(
            user,
            &format!("/api/v1/board/appointments/{id}/end"),
            json!({"ended_on": "2031-01-01", "reason": "resignation"}),
        )
        .await
        .expect_problem(403, "forbidden");
        app.post(
            user,
            "/api/v1/board/chair",
            json!({"appointment_id": id, "from": "2030-01-01", "to": "2031-01-01"}),
        )
        .await
        .expect_problem(403, "forbidden");
        // Everyone signed in reads the Board and its balance.
        app.get(user, "/api/v1/board").await.expect(200);
        app.get(user, "/api/v1/board/balance?on=2030-02-01")
            .await
            .expect(200);
    }
    // The history: secretariat, admin, auditor only.
    for (user, status) in others.iter().map(|u| {
        (
            u,
            if matches!(u.role, Role::Admin | Role::Auditor) {
                200
            } else {
                403
            },
        )
    }) {
        app.get(user, "/api/v1/board/appointments")
            .await
            .expect(status);
        app.get(user, &format!("/api/v1/board/appointments/{id}"))
            .await
            .expect(status);
    }
    app.get(
        &s,
        &format!("/api/v1/board/appointments/{}", Uuid::new_v4()),
    )
    .await
    .expect_problem(404, "not-found");
    app.send(reqwest::Method::GET, "/api/v1/board", None, None)
        .await
        .expect(401);
    app.send(
        reqwest::Method::DELETE,
        "/api/v1/board/appointments",
        Some(&s.token),
        None,
    )
    .await
    .expect(405);
}

async fn bad_appointments_are_refused_naming_the_field_or_rule(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let post = |body| app.post(&s, "/api/v1/board/appointments", body);
    for code in ["XK", "PS", "TW", "ng", "USA"] {
        let mut body = appointment("A Person", code, "2030-01-01");
        body["consulted_member_states"] = json!(["AT"]);
        let bad = post(body).await.expect(400);
        assert_eq!(bad.bad_fields(), vec!["nationality"], "{code}");
    }
    let mut body = appointment("A Person", "NG", "2030-01-01");
    body["term_end"] = json!("2030-01-01");
    let bad = post(body.clone()).await.expect_problem(422, "term-dates");
    assert_eq!(bad.body["errors"][0]["field"], "term_end");
    body["term_end"] = json!("2033-01-02");
    post(body.clone()).await.expect_problem(422, "term-length");
    // A term shorter than three years must complete a predecessor's term.
    body["term_end"] = json!("2031-07-01");
    let short = post(body).await.expect_problem(422, "term-completion");
    assert_eq!(short.body["errors"][0]["field"], "completes_appointment_id");

    let mut body = appointment("B Person", "JP", "2030-01-01");
    body["consulted_member_states"] = json!([]);
    assert_eq!(
        post(body.clone()).await.expect(400).bad_fields(),
        vec!["consulted_member_states"]
    );
    body["consulted_member_states"] = json!(["JP", "XX"]);
    assert_eq!(
        post(body.clone()).await.expect(400).bad_fields(),
        vec!["consulted_member_states[1]"]
    );
    body["consulted_member_states"] = json!(["JP"]);
    body["appointed_on"] = json!("2030-01-02");
    post(body.clone()).await.expect_problem(422, "term-dates");
    body["appointed_on"] = json!("2029-12-01");
    body["consulted_executive_director_on"] = json!("2029-12-02");
    post(body.clone()).await.expect_problem(422, "consultation");
    body["consulted_executive_director_on"] = json!("2029-11-01");
    body["name"] = json!("bad\u{0}name");
    assert_eq!(
        post(body.clone()).await.expect(400).bad_fields(),
        vec!["name"]
    );
    body["name"] = json!("B Person");
    body["favourite_colour"] = json!("blue");
    post(body.clone()).await.expect(400);
    body.as_object_mut().unwrap().remove("favourite_colour");

    // The linked account: an enabled trustee, linked to one active appointment at most.
    let finance = app.user(Role::Finance).await;
    body["user_id"] = json!(finance.id);
    post(body.clone())
        .await
        .expect_problem(422, "trustee-account");
    body["user_id"] = json!(Uuid::new_v4());
    post(body.clone())
        .await
        .expect_problem(422, "trustee-account");
    let trustee = app.user(Role::Trustee).await;
    body["user_id"] = json!(trustee.id);
    post(body.clone()).await.expect(201);
    let mut again = appointment("C Person", "PL", "2031-01-01");
    again["user_id"] = json!(trustee.id);
    post(again).await.expect_problem(422, "trustee-account");

    // Ends: within the term, and end of term only on its date.
    let id = post(appointment("D Person", "MX", "2030-01-01"))
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/v1/board/appointments/{id}/end");
    let end = |body| app.post(&s, &path, body);
    end(json!({"ended_on": "2033-01-01", "reason": "resignation"}))
        .await
        .expect_problem(422, "end-date");
    end(json!({"ended_on": "2032-01-01", "reason": "end_of_term"}))
        .await
        .expect_problem(422, "end-date");
    assert_eq!(
        end(json!({"ended_on": "2032-01-01", "reason": "retired"}))
            .await
            .expect(400)
            .bad_fields(),
        vec!["reason"]
    );
    end(json!({"ended_on": "2033-01-01", "reason": "end_of_term"}))
        .await
        .expect(200);
    app.post(
        &s,
        &format!("/api/v1/board/appointments/{}/end", Uuid::new_v4()),
        json!({"ended_on": "2033-01-01", "reason": "end_of_term"}),
    )
    .await
    .expect_problem(404, "not-found");
    let bad = app
        .get(&s, "/api/v1/board/balance?on=2030-13-01")
        .await
        .expect(400);
    assert_eq!(bad.bad_fields(), vec!["on"]);
}

async fn the_regional_groups_are_listed_with_their_members(app: TestApp) {
    let user = app.user(Role::Applicant).await;
    let groups = app
        .get(&user, "/api/v1/regional-groups")
        .await
        .expect(200)
        .body;
    let groups = groups.as_array().unwrap();
    assert_eq!(groups.len(), 5);
    let total: usize = groups
        .iter()
        .map(|g| g["members"].as_array().unwrap().len())
        .sum();
    assert_eq!(total, 193);
    let weog = groups
        .iter()
        .find(|g| g["group"] == "western_european_other")
        .unwrap();
    assert_eq!(weog["name"], "Western European and other States");
    let codes: Vec<&str> = weog["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"US") && codes.contains(&"TR") && codes.contains(&"SE"));
    assert!(weog["members"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["name"] == "Türkiye"));
}

async fn todays_board_and_a_paged_history(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let today = Utc::now().date_naive();
    let start = today.checked_sub_months(Months::new(12)).unwrap();
    let mut body = appointment("Amina Okafor", "NG", &start.to_string());
    body["appointed_on"] = json!(start.to_string());
    body["consulted_executive_director_on"] = json!(start.to_string());
    let amina = app
        .post(&s, "/api/v1/board/appointments", body)
        .await
        .expect(201)
        .body;
    assert_eq!(amina["status"], "active");
    for (name, code) in [("Hiro Tanaka", "JP"), ("Ilona Nowak", "PL")] {
        app.post(
            &s,
            "/api/v1/board/appointments",
            appointment(name, code, "2040-01-01"),
        )
        .await
        .expect(201);
    }
    let chair_from = today.checked_sub_months(Months::new(6)).unwrap();
    let chair_to = today.checked_add_months(Months::new(6)).unwrap();
    app.post(
        &s,
        "/api/v1/board/chair",
        json!({"appointment_id": amina["id"], "from": chair_from, "to": chair_to}),
    )
    .await
    .expect(201);
    let trustee = app.user(Role::Trustee).await;
    let board = app.get(&trustee, "/api/v1/board").await.expect(200).body;
    assert_eq!(board["on"], today.to_string());
    assert_eq!(board["seats"], 5);
    assert_eq!(board["vacancies"], 4);
    assert_eq!(board["members"][0]["name"], "Amina Okafor");
    assert_eq!(board["members"][0]["regional_group"], "african");
    assert_eq!(
        board["members"][0]["term_end"],
        start
            .checked_add_months(Months::new(36))
            .unwrap()
            .to_string()
    );
    assert_eq!(board["groups_represented"], json!(["african"]));
    assert_eq!(board["groups_missing"].as_array().unwrap().len(), 4);
    assert_eq!(board["chair"]["name"], "Amina Okafor");

    let first = app
        .get(&s, "/api/v1/board/appointments?limit=2")
        .await
        .expect(200)
        .body;
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["items"][0]["name"], "Ilona Nowak", "newest first");
    assert_eq!(first["items"][0]["status"], "upcoming");
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app
        .get(
            &s,
            &format!("/api/v1/board/appointments?limit=2&cursor={cursor}"),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(second["items"].as_array().unwrap().len(), 1);
    assert_eq!(second["items"][0]["name"], "Amina Okafor");
    assert!(second["next_cursor"].is_null());
}

async fn the_demo_board_is_full_balanced_and_loads_once(app: TestApp) {
    for _ in 0..2 {
        let db = app.db.clone();
        tokio::task::spawn_blocking(move || trustfund::demo::load(&db).expect("demo loads"))
            .await
            .unwrap();
    }
    let token = app
        .login(
            "trustee@demo.trustfund.local",
            trustfund::demo::DEMO_PASSWORD,
        )
        .await;
    let board = app
        .send(reqwest::Method::GET, "/api/v1/board", Some(&token), None)
        .await
        .expect(200)
        .body;
    assert_eq!(board["vacancies"], 0);
    assert_eq!(board["groups_missing"], json!([]));
    let members = board["members"].as_array().unwrap();
    let starts: std::collections::HashSet<&str> = members
        .iter()
        .map(|m| m["term_start"].as_str().unwrap())
        .collect();
    assert_eq!(starts.len(), 5, "staggered terms");
    let me = app
        .send(reqwest::Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .expect(200)
        .body;
    assert_eq!(
        members.iter().filter(|m| m["user_id"] == me["id"]).count(),
        1
    );
}

/// DOMAIN: the Fund Manager sits ex officio, without a vote, outside the five seats.
async fn the_fund_manager_sits_ex_officio_without_a_vote(app: TestApp) {
    let trustee = app.user(Role::Trustee).await;
    let finance = app.user(Role::Finance).await;
    let fund = app.get(&finance, "/api/v1/fund").await.expect(200).body;
    let board = app.get(&trustee, "/api/v1/board").await.expect(200).body;
    let ex_officio = board["ex_officio"].as_array().unwrap();
    assert_eq!(ex_officio.len(), 1);
    assert_eq!(ex_officio[0]["office"], "Fund Manager");
    assert_eq!(ex_officio[0]["voting"], false);
    assert_eq!(ex_officio[0]["held_within"], fund["administrator"]);
    // Not a seat: an empty Board still has five vacancies and no members.
    assert_eq!(board["vacancies"], 5);
    assert_eq!(board["members"], json!([]));
}
