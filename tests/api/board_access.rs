//! The Board: who may do what, refused input, the regional groups, today's Board, the
//! history's pages and the demo Board.

use chrono::{Months, Utc};
use reqwest::Method;
use serde_json::{json, Value};
use trustfund::api::board::{AppointTrusteeRequest, EndAppointmentRequest};
use trustfund::auth::Role;
use trustfund::board::{AppointmentStatus, EndReason};
use trustfund::domain::{AppointmentId, RegionalGroup};
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{appointment, appointment_from, chair_designation, country, date};
use crate::support::paths;
use crate::support::resources::ALL;
use crate::support::scenarios::{demo_user, load_demo};

on_both_backends!(
    only_the_secretariat_changes_the_board,
    bad_appointments_are_refused_naming_the_field_or_rule,
    the_regional_groups_are_listed_with_their_members,
    todays_board_and_a_paged_history,
    the_demo_board_is_full_balanced_and_loads_once,
    the_fund_manager_sits_ex_officio_without_a_vote
);

fn end(ended_on: &str, reason: EndReason) -> EndAppointmentRequest {
    EndAppointmentRequest {
        ended_on: date(ended_on),
        reason,
        note: None,
    }
}

/// An appointment as JSON with `field` set to `value`: what the crate's types cannot hold.
fn appointment_with(body: &AppointTrusteeRequest, field: &str, value: Value) -> Value {
    let mut body = serde_json::to_value(body).unwrap();
    body[field] = value;
    body
}

async fn only_the_secretariat_changes_the_board(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let id = app
        .as_(&s)
        .board()
        .appoint(&appointment("Amina Okafor", "NG", "2030-01-01"))
        .await
        .created()
        .id;
    let others = [
        app.user(Role::Admin).await,
        app.user(Role::Trustee).await,
        app.user(Role::Finance).await,
        app.user(Role::Auditor).await,
        app.user_in(Role::Applicant, Some(Uuid::new_v4())).await,
    ];
    for user in &others {
        let as_user = app.as_(user);
        as_user
            .board()
            .appoint(&appointment("Kofi Mensah", "GH", "2034-01-01"))
            .await
            .refused(403, "forbidden");
        as_user
            .appointment(id)
            .end(&end("2031-01-01", EndReason::Resignation))
            .await
            .refused(403, "forbidden");
        as_user
            .board()
            .designate_chair(&chair_designation(
                id.as_uuid(),
                date("2030-01-01"),
                date("2031-01-01"),
            ))
            .await
            .refused(403, "forbidden");
        // Everyone signed in reads the Board and its balance.
        as_user.board().today().await.ok();
        as_user.board().on("2030-02-01").await.ok();
    }
    // The history: secretariat, admin, auditor only.
    for user in &others {
        let status = if matches!(user.role, Role::Admin | Role::Auditor) {
            200
        } else {
            403
        };
        let as_user = app.as_(user);
        as_user.board().appointments(ALL).await.raw().expect(status);
        as_user.appointment(id).get().await.raw().expect(status);
    }
    app.as_(&s)
        .appointment(AppointmentId::new())
        .get()
        .await
        .refused(404, "not-found");
    app.anonymous().board().today().await.raw().expect(401);
    app.send(Method::DELETE, &paths::appointments(), Some(&s.token), None)
        .await
        .expect(405);
}

async fn bad_appointments_are_refused_naming_the_field_or_rule(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let board = app.as_(&s).board();
    let a_person = appointment("A Person", "NG", "2030-01-01");
    for code in ["XK", "PS", "TW", "ng", "USA"] {
        let mut body = appointment_with(&a_person, "nationality", json!(code));
        body["consulted_member_states"] = json!(["AT"]);
        let bad = board
            .clone()
            .appoint(&body)
            .await
            .refused(400, "validation");
        assert_eq!(bad.fields(), vec!["nationality"], "{code}");
    }
    let ending = |term_end: &str| AppointTrusteeRequest {
        term_end: Some(date(term_end)),
        ..a_person.clone()
    };
    let bad = board
        .clone()
        .appoint(&ending("2030-01-01"))
        .await
        .refused(422, "term-dates");
    assert_eq!(bad.fields(), vec!["term_end"]);
    board
        .clone()
        .appoint(&ending("2033-01-02"))
        .await
        .refused(422, "term-length");
    // A term shorter than three years must complete a predecessor's term.
    let short = board
        .clone()
        .appoint(&ending("2031-07-01"))
        .await
        .refused(422, "term-completion");
    assert_eq!(short.fields(), vec!["completes_appointment_id"]);

    let b_person = appointment("B Person", "JP", "2030-01-01");
    let bad = board
        .clone()
        .appoint(&AppointTrusteeRequest {
            consulted_member_states: vec![],
            ..b_person.clone()
        })
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["consulted_member_states"]);
    let bad = board
        .clone()
        .appoint(&appointment_with(
            &b_person,
            "consulted_member_states",
            json!(["JP", "XX"]),
        ))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["consulted_member_states[1]"]);
    let b_person = AppointTrusteeRequest {
        consulted_member_states: vec![country("JP")],
        ..b_person
    };
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            appointed_on: date("2030-01-02"),
            ..b_person.clone()
        })
        .await
        .refused(422, "term-dates");
    let b_person = AppointTrusteeRequest {
        appointed_on: date("2029-12-01"),
        ..b_person
    };
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            consulted_executive_director_on: date("2029-12-02"),
            ..b_person.clone()
        })
        .await
        .refused(422, "consultation");
    let b_person = AppointTrusteeRequest {
        consulted_executive_director_on: date("2026-11-01"),
        ..b_person
    };
    let bad = board
        .clone()
        .appoint(&appointment_with(&b_person, "name", json!("bad\u{0}name")))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["name"]);
    board
        .clone()
        .appoint(&appointment_with(
            &b_person,
            "favourite_colour",
            json!("blue"),
        ))
        .await
        .raw()
        .expect(400);

    // The linked account: an enabled trustee, linked to one active appointment at most.
    let finance = app.user(Role::Finance).await;
    for user_id in [finance.id, Uuid::new_v4()] {
        board
            .clone()
            .appoint(&AppointTrusteeRequest {
                user_id: Some(user_id),
                ..b_person.clone()
            })
            .await
            .refused(422, "trustee-account");
    }
    let trustee = app.user(Role::Trustee).await;
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            user_id: Some(trustee.id),
            ..b_person
        })
        .await
        .created();
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            user_id: Some(trustee.id),
            ..appointment("C Person", "PL", "2031-01-01")
        })
        .await
        .refused(422, "trustee-account");

    // Ends: within the term, and end of term only on its date.
    let id = board
        .clone()
        .appoint(&appointment("D Person", "MX", "2030-01-01"))
        .await
        .created()
        .id;
    let ends = app.as_(&s).appointment(id);
    ends.clone()
        .end(&end("2033-01-01", EndReason::Resignation))
        .await
        .refused(422, "end-date");
    ends.clone()
        .end(&end("2032-01-01", EndReason::EndOfTerm))
        .await
        .refused(422, "end-date");
    let bad = ends
        .clone()
        .end(&json!({"ended_on": "2032-01-01", "reason": "retired"}))
        .await
        .refused(400, "validation");
    assert_eq!(bad.fields(), vec!["reason"]);
    ends.end(&end("2033-01-01", EndReason::EndOfTerm))
        .await
        .ok();
    app.as_(&s)
        .appointment(AppointmentId::new())
        .end(&end("2033-01-01", EndReason::EndOfTerm))
        .await
        .refused(404, "not-found");
    let bad = board.on("2030-13-01").await.refused(400, "validation");
    assert_eq!(bad.fields(), vec!["on"]);
}

async fn the_regional_groups_are_listed_with_their_members(app: TestApp) {
    let user = app.user(Role::Applicant).await;
    let groups = app.as_(&user).board().regional_groups().await.ok();
    assert_eq!(groups.len(), 5);
    let total: usize = groups.iter().map(|g| g.members.len()).sum();
    assert_eq!(total, 193);
    let weog = groups
        .iter()
        .find(|g| g.group == RegionalGroup::WesternEuropeanOther)
        .unwrap();
    assert_eq!(weog.name, "Western European and other States");
    let codes: Vec<_> = weog.members.iter().map(|m| m.code).collect();
    for code in ["US", "TR", "SE"] {
        assert!(codes.contains(&country(code)), "{code}");
    }
    assert!(weog.members.iter().any(|m| m.name == "Türkiye"));
}

async fn todays_board_and_a_paged_history(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let board = app.as_(&s).board();
    let today = Utc::now().date_naive();
    let start = today.checked_sub_months(Months::new(12)).unwrap();
    let amina = board
        .clone()
        .appoint(&appointment_from("Amina Okafor", "NG", start))
        .await
        .created();
    assert_eq!(amina.status, AppointmentStatus::Active);
    for (name, code) in [("Hiro Tanaka", "JP"), ("Ilona Nowak", "PL")] {
        board
            .clone()
            .appoint(&appointment(name, code, "2040-01-01"))
            .await
            .created();
    }
    board
        .clone()
        .designate_chair(&chair_designation(
            amina.id.as_uuid(),
            today.checked_sub_months(Months::new(6)).unwrap(),
            today.checked_add_months(Months::new(6)).unwrap(),
        ))
        .await
        .created();
    let trustee = app.user(Role::Trustee).await;
    let today_board = app.as_(&trustee).board().today().await.ok();
    assert_eq!(today_board.on, today);
    assert_eq!(today_board.seats, 5);
    assert_eq!(today_board.vacancies, 4);
    let first = &today_board.members[0];
    assert_eq!(first.name, "Amina Okafor");
    assert_eq!(first.regional_group, RegionalGroup::African);
    assert_eq!(
        first.term_end,
        start.checked_add_months(Months::new(36)).unwrap()
    );
    assert_eq!(today_board.groups_represented, vec![RegionalGroup::African]);
    assert_eq!(today_board.groups_missing.len(), 4);
    assert_eq!(today_board.chair.unwrap().name, "Amina Okafor");

    let first = board.clone().appointments(&[("limit", "2")]).await.ok();
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.items[0].name, "Ilona Nowak", "newest first");
    assert_eq!(first.items[0].status, AppointmentStatus::Upcoming);
    let cursor = first.next_cursor.unwrap();
    let second = board
        .appointments(&[("limit", "2"), ("cursor", cursor.as_str())])
        .await
        .ok();
    assert_eq!(second.items.len(), 1);
    assert_eq!(second.items[0].name, "Amina Okafor");
    assert!(second.next_cursor.is_none());
}

async fn the_demo_board_is_full_balanced_and_loads_once(app: TestApp) {
    for _ in 0..2 {
        load_demo(&app).await;
    }
    let trustee = demo_user(&app, Role::Trustee).await;
    let as_trustee = app.as_(&trustee);
    let board = as_trustee.board().today().await.ok();
    assert_eq!(board.vacancies, 0);
    assert!(board.groups_missing.is_empty());
    let starts: std::collections::HashSet<_> = board.members.iter().map(|m| m.term_start).collect();
    assert_eq!(starts.len(), 5, "staggered terms");
    // The Board chose its chair, and the decision is on record; nothing to warn of.
    let chair = board.chair.as_ref().expect("the demo Board has a chair");
    let decision = chair
        .board_decision
        .as_ref()
        .expect("with the Board's decision");
    assert!(decision.meeting_on <= board.on && !decision.record_reference.is_empty());
    assert!(board.warnings.is_empty(), "{:?}", board.warnings);
    let me = as_trustee.me().get().await.ok();
    assert_eq!(
        board
            .members
            .iter()
            .filter(|m| m.user_id == Some(me.id))
            .count(),
        1
    );
}

/// DOMAIN: the Fund Manager sits ex officio, without a vote, outside the five seats.
async fn the_fund_manager_sits_ex_officio_without_a_vote(app: TestApp) {
    let trustee = app.user(Role::Trustee).await;
    let finance = app.user(Role::Finance).await;
    let fund = app.as_(&finance).fund().read().await.ok();
    let board = app.as_(&trustee).board().today().await.ok();
    assert_eq!(board.ex_officio.len(), 1);
    let fund_manager = &board.ex_officio[0];
    assert_eq!(fund_manager.office, "Fund Manager");
    assert!(!fund_manager.voting);
    assert_eq!(fund.administrator, fund_manager.held_within);
    // Not a seat: an empty Board still has five vacancies and no members.
    assert_eq!(board.vacancies, 5);
    assert!(board.members.is_empty());
}
