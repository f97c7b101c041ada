//! The Board of Trustees through the years: appointments, the seat rules, ends,
//! successors, the chair, and the balance report on dates before, between and after.

use chrono::NaiveDate;
use serde_json::{json, Value};
use trustfund::auth::Role;
use uuid::Uuid;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;

on_both_backends!(
    a_board_through_the_years,
    a_short_term_completes_a_predecessors
);

pub fn appointment(name: &str, nationality: &str, term_start: &str) -> Value {
    json!({
        "name": name,
        "nationality": nationality,
        "experience": "Years of work with survivors of trafficking.",
        "appointed_on": "2029-11-01",
        "term_start": term_start,
        "consulted_member_states": [nationality, "AT"],
        "consulted_executive_director_on": "2029-10-15",
    })
}

async fn appoint(app: &TestApp, s: &TestUser, body: Value) -> String {
    let answer = app
        .post(s, "/api/v1/board/appointments", body)
        .await
        .expect(201);
    answer.body["id"].as_str().unwrap().to_string()
}

async fn balance(app: &TestApp, user: &TestUser, on: &str) -> Value {
    app.get(user, &format!("/api/v1/board/balance?on={on}"))
        .await
        .expect(200)
        .body
}

fn names(list: &Value) -> Vec<String> {
    let mut names: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn a_board_through_the_years(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let trustee = app.user(Role::Trustee).await;
    let reader = app.user(Role::Finance).await;

    // Five appointments, one per regional group, with staggered terms.
    let mut amina_body = appointment("Amina Okafor", "NG", "2030-01-01");
    amina_body["user_id"] = json!(trustee.id);
    let amina = app
        .post(&s, "/api/v1/board/appointments", amina_body)
        .await
        .expect(201)
        .body;
    assert_eq!(
        amina["term_end"], "2033-01-01",
        "three years, end exclusive"
    );
    assert_eq!(amina["regional_group"], "african");
    assert_eq!(amina["status"], "upcoming");
    let amina = amina["id"].as_str().unwrap().to_string();
    let hiro = appoint(&app, &s, appointment("Hiro Tanaka", "JP", "2030-03-01")).await;
    let ilona = appoint(&app, &s, appointment("Ilona Nowak", "PL", "2030-06-01")).await;
    appoint(&app, &s, appointment("Lucía Pérez", "MX", "2030-09-01")).await;
    let erik = appoint(&app, &s, appointment("Erik Lind", "SE", "2031-01-01")).await;

    // A sixth seat is refused, whatever the group.
    let sixth = app
        .post(
            &s,
            "/api/v1/board/appointments",
            appointment("Bruno Silva", "BR", "2031-06-01"),
        )
        .await
        .expect_problem(422, "seat-limit");
    assert_eq!(sixth.body["rule"], "seat-limit");
    assert_eq!(sixth.body["on"], "2031-06-01");

    // Ilona resigns with effect from 2031-03-01: her seat is free from that day.
    let ended = app
        .post(
            &s,
            &format!("/api/v1/board/appointments/{ilona}/end"),
            json!({"ended_on": "2031-03-01", "reason": "resignation", "note": "Appointed minister."}),
        )
        .await
        .expect(200)
        .body;
    assert_eq!(ended["ended_on"], "2031-03-01");
    assert_eq!(ended["end_reason"], "resignation");
    app.post(
        &s,
        &format!("/api/v1/board/appointments/{ilona}/end"),
        json!({"ended_on": "2031-04-01", "reason": "termination"}),
    )
    .await
    .expect_problem(409, "conflict");

    // With a seat free, a second Western European member is still refused, also via the
    // United States and Türkiye, naming the group and the member already there.
    for (name, code) in [
        ("Sam Smith", "US"),
        ("Ayşe Demir", "TR"),
        ("Hans Weber", "DE"),
    ] {
        let refused = app
            .post(
                &s,
                "/api/v1/board/appointments",
                appointment(name, code, "2031-06-01"),
            )
            .await
            .expect_problem(422, "geographic-balance");
        assert_eq!(refused.body["regional_group"], "western_european_other");
        assert_eq!(refused.body["member"]["name"], "Erik Lind");
        assert_eq!(refused.body["member"]["appointment_id"], erik.as_str());
        assert_eq!(refused.body["member"]["nationality"], "SE");
        assert_eq!(refused.body["errors"][0]["field"], "nationality");
        let detail = refused.body["detail"].as_str().unwrap();
        assert!(detail.contains("Erik Lind") && detail.contains("Western European"));
    }

    // One day before Ilona's seat frees, an Eastern European successor is refused (the
    // Board is full that day); on the day, accepted.
    app.post(
        &s,
        "/api/v1/board/appointments",
        appointment("Petra Novak", "CZ", "2031-02-28"),
    )
    .await
    .expect_problem(422, "seat-limit");
    appoint(&app, &s, appointment("Petra Novak", "CZ", "2031-03-01")).await;

    // Amina's term ends by itself on 2033-01-01; her successor starts that very day.
    let mut early = appointment("Kofi Mensah", "GH", "2032-12-31");
    early["appointed_on"] = json!("2032-10-01");
    app.post(&s, "/api/v1/board/appointments", early)
        .await
        .expect_problem(422, "seat-limit");
    let mut kofi_body = appointment("Kofi Mensah", "GH", "2033-01-01");
    kofi_body["appointed_on"] = json!("2032-10-01");
    appoint(&app, &s, kofi_body).await;

    // Hiro is reappointed once (a second consecutive term); a third is refused.
    appoint(&app, &s, appointment("Hiro Tanaka", "JP", "2033-03-01")).await;
    let third = app
        .post(
            &s,
            "/api/v1/board/appointments",
            appointment("hiro tanaka", "JP", "2036-03-01"),
        )
        .await
        .expect_problem(422, "term-limit");
    assert_eq!(third.body["consecutive_terms"], 3);

    // The chair: Amina for a year, then Hiro; overlaps, long periods and a trustee who
    // does not sit throughout are refused.
    let chair =
        |id: &str, from: &str, to: &str| json!({"appointment_id": id, "from": from, "to": to});
    app.post(
        &s,
        "/api/v1/board/chair",
        chair(&amina, "2030-06-01", "2031-06-01"),
    )
    .await
    .expect(201);
    app.post(
        &s,
        "/api/v1/board/chair",
        chair(&hiro, "2031-01-01", "2032-01-01"),
    )
    .await
    .expect_problem(422, "chair-overlap");
    app.post(
        &s,
        "/api/v1/board/chair",
        chair(&hiro, "2031-06-01", "2032-06-02"),
    )
    .await
    .expect_problem(422, "chair-period");
    app.post(
        &s,
        "/api/v1/board/chair",
        chair(&ilona, "2031-06-01", "2032-06-01"),
    )
    .await
    .expect_problem(422, "chair-not-active");
    let hiro_chair = app
        .post(
            &s,
            "/api/v1/board/chair",
            chair(&hiro, "2031-06-01", "2032-06-01"),
        )
        .await
        .expect(201);
    assert_eq!(hiro_chair.body["from"], "2031-06-01");

    // The balance report, any signed-in user, on dates before, between and after.
    let before = balance(&app, &reader, "2029-12-31").await;
    assert_eq!(before["members"], json!([]));
    assert_eq!(before["vacancies"], 5);
    assert_eq!(before["groups_missing"].as_array().unwrap().len(), 5);
    assert_eq!(before["chair"], Value::Null);

    let first_year = balance(&app, &reader, "2030-06-15").await;
    assert_eq!(
        names(&first_year["members"]),
        ["Amina Okafor", "Hiro Tanaka", "Ilona Nowak"]
    );
    assert_eq!(
        first_year["groups_missing"],
        json!(["latin_american_caribbean", "western_european_other"])
    );
    assert_eq!(first_year["vacancies"], 2);
    assert_eq!(first_year["chair"]["name"], "Amina Okafor");

    let full = balance(&app, &reader, "2031-02-01").await;
    assert_eq!(full["vacancies"], 0);
    assert_eq!(full["groups_missing"], json!([]));
    assert_eq!(names(&full["terms_ending_within_90_days"]), ["Ilona Nowak"]);

    let after_resignation = balance(&app, &reader, "2031-06-01").await;
    assert!(names(&after_resignation["members"]).contains(&"Petra Novak".to_string()));
    assert!(!names(&after_resignation["members"]).contains(&"Ilona Nowak".to_string()));
    assert_eq!(after_resignation["vacancies"], 0);
    assert_eq!(after_resignation["chair"]["name"], "Hiro Tanaka");

    let late_2032 = balance(&app, &reader, "2032-11-01").await;
    assert_eq!(
        names(&late_2032["terms_ending_within_90_days"]),
        ["Amina Okafor"]
    );
    assert_eq!(late_2032["chair"], Value::Null);

    let handover = balance(&app, &reader, "2033-01-01").await;
    let members = names(&handover["members"]);
    assert!(members.contains(&"Kofi Mensah".to_string()));
    assert!(!members.contains(&"Amina Okafor".to_string()));
    assert_eq!(handover["groups_represented"].as_array().unwrap().len(), 5);

    let later = balance(&app, &reader, "2040-01-01").await;
    assert_eq!(later["members"], json!([]));
    assert_eq!(later["vacancies"], 5);

    // The history keeps every appointment, ended ones included.
    let history = app
        .get(&s, "/api/v1/board/appointments?limit=200")
        .await
        .expect(200);
    assert_eq!(history.body["items"].as_array().unwrap().len(), 8);

    // What Board votes will call.
    let (amina_id, hiro_id) = (
        Uuid::parse_str(&amina).unwrap(),
        Uuid::parse_str(&hiro).unwrap(),
    );
    let trustee_id = trustfund::domain::UserId::from(trustee.id);
    let (seat_then, seat_after, chair_then, seats) = app
        .with_db(move |conn| {
            (
                trustfund::board::active_seat_of_user(conn, trustee_id, date("2030-06-01"))
                    .unwrap(),
                trustfund::board::active_seat_of_user(conn, trustee_id, date("2033-01-01"))
                    .unwrap(),
                trustfund::board::chair_on(conn, date("2031-07-01")).unwrap(),
                trustfund::board::active_seats(conn, date("2031-06-01")).unwrap(),
            )
        })
        .await;
    let seat = seat_then.expect("the trustee sits in 2030");
    assert_eq!(seat.appointment_id.as_uuid(), amina_id);
    assert_eq!(seat.term_end, date("2033-01-01"));
    assert!(
        seat_after.is_none(),
        "a trustee whose term ended cannot act"
    );
    assert_eq!(chair_then.map(|c| c.as_uuid()), Some(hiro_id));
    assert_eq!(seats.len(), 5);

    // Every change left its audit event.
    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .get(&auditor, "/api/v1/audit?entity_type=appointment&limit=200")
        .await
        .expect(200);
    let actions: Vec<&str> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "appointment.created")
            .count(),
        8
    );
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "appointment.ended")
            .count(),
        1
    );
    let chairs = app
        .get(&auditor, "/api/v1/audit?entity_type=chair")
        .await
        .expect(200);
    assert_eq!(chairs.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(chairs.body["items"][0]["action"], "chair.designated");
    assert_eq!(chairs.body["items"][0]["actor_id"], s.id.to_string());
}

/// DOMAIN: terms are three years; a shorter one completes a predecessor's term, ending
/// when that term was scheduled to, and records which; anything else is refused.
async fn a_short_term_completes_a_predecessors(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let amina = appoint(&app, &s, appointment("Amina Okoye", "NG", "2030-01-01")).await;
    app.post(
        &s,
        &format!("/api/v1/board/appointments/{amina}/end"),
        json!({"ended_on": "2031-05-01", "reason": "resignation"}),
    )
    .await
    .expect(200);
    let mut successor = appointment("Kofi Mensah", "GH", "2031-05-01");
    successor["appointed_on"] = json!("2031-04-01");
    successor["term_end"] = json!("2033-01-01");
    // Without naming whose term it completes: refused.
    app.post(&s, "/api/v1/board/appointments", successor.clone())
        .await
        .expect_problem(422, "term-completion");
    // Naming it, but ending on another day: refused, saying which day.
    successor["completes_appointment_id"] = json!(amina);
    successor["term_end"] = json!("2032-06-01");
    let wrong = app
        .post(&s, "/api/v1/board/appointments", successor.clone())
        .await
        .expect_problem(422, "term-completion");
    assert!(wrong.body["detail"]
        .as_str()
        .unwrap()
        .contains("2033-01-01"));
    // Completing a seat of another regional group: refused.
    let mut other_group = successor.clone();
    other_group["nationality"] = json!("JP");
    other_group["consulted_member_states"] = json!(["JP", "AT"]);
    other_group["term_end"] = json!("2033-01-01");
    app.post(&s, "/api/v1/board/appointments", other_group)
        .await
        .expect_problem(422, "term-completion");
    // Ending with the predecessor's term: accepted and recorded.
    successor["term_end"] = json!("2033-01-01");
    let kofi = app
        .post(&s, "/api/v1/board/appointments", successor)
        .await
        .expect(201);
    assert_eq!(kofi.body["completes_appointment_id"], amina.as_str());
    let id = kofi.body["id"].as_str().unwrap();
    let read = app
        .get(&s, &format!("/api/v1/board/appointments/{id}"))
        .await
        .expect(200);
    assert_eq!(read.body["completes_appointment_id"], amina.as_str());
    assert_eq!(read.body["term_end"], "2033-01-01");
}
