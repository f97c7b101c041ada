//! The Board of Trustees through the years: appointments, the seat rules, ends,
//! successors, the chair, and the balance report on dates before, between and after.

use trustfund::api::board::{AppointTrusteeRequest, DesignateChairRequest, EndAppointmentRequest};
use trustfund::auth::Role;
use trustfund::board::{AppointmentStatus, BoardView, EndReason};
use trustfund::domain::{AppointmentId, RegionalGroup};

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{appointment, chair_designation, country, date, text};
use crate::support::seats::{SeatHeld, SeatsTaken, TermsInARow};

on_both_backends!(
    a_board_through_the_years,
    a_short_term_completes_a_predecessors
);

fn names(members: &[trustfund::board::MemberView]) -> Vec<String> {
    let mut names: Vec<String> = members.iter().map(|m| m.name.clone()).collect();
    names.sort();
    names
}

fn chair(appointment: AppointmentId, from: &str, to: &str) -> DesignateChairRequest {
    chair_designation(appointment.as_uuid(), date(from), date(to))
}

async fn a_board_through_the_years(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let trustee = app.user(Role::Trustee).await;
    let reader = app.user(Role::Finance).await;
    let board = app.as_(&s).board();
    let appoint = |body: AppointTrusteeRequest| {
        let board = board.clone();
        async move { board.appoint(&body).await.created().id }
    };

    // Five appointments, one per regional group, with staggered terms.
    let amina = board
        .clone()
        .appoint(&AppointTrusteeRequest {
            user_id: Some(trustee.id),
            ..appointment("Amina Okafor", "NG", "2030-01-01")
        })
        .await
        .created();
    assert_eq!(
        amina.term_end,
        date("2033-01-01"),
        "three years, end exclusive"
    );
    assert_eq!(amina.regional_group, RegionalGroup::African);
    assert_eq!(amina.status, AppointmentStatus::Upcoming);
    let amina = amina.id;
    let hiro = appoint(appointment("Hiro Tanaka", "JP", "2030-03-01")).await;
    let ilona = appoint(appointment("Ilona Nowak", "PL", "2030-06-01")).await;
    appoint(appointment("Lucía Pérez", "MX", "2030-09-01")).await;
    let erik = appoint(appointment("Erik Lind", "SE", "2031-01-01")).await;

    // A sixth seat is refused, whatever the group.
    let sixth = board
        .clone()
        .appoint(&appointment("Bruno Silva", "BR", "2031-06-01"))
        .await
        .refused(422, "seat-limit");
    assert_eq!(sixth.rule.as_deref(), Some("seat-limit"));
    assert_eq!(sixth.extra_as::<SeatsTaken>().on, date("2031-06-01"));

    // Ilona resigns with effect from 2031-03-01: her seat is free from that day.
    let ended = app
        .as_(&s)
        .appointment(ilona)
        .end(&EndAppointmentRequest {
            ended_on: date("2031-03-01"),
            reason: EndReason::Resignation,
            note: Some(text("Appointed minister.")),
        })
        .await
        .ok();
    assert_eq!(ended.ended_on, Some(date("2031-03-01")));
    assert_eq!(ended.end_reason, Some(EndReason::Resignation));
    app.as_(&s)
        .appointment(ilona)
        .end(&EndAppointmentRequest {
            ended_on: date("2031-04-01"),
            reason: EndReason::Termination,
            note: None,
        })
        .await
        .refused(409, "conflict");

    // With a seat free, a second Western European member is still refused, also via the
    // United States and Türkiye, naming the group and the member already there.
    for (name, code) in [
        ("Sam Smith", "US"),
        ("Ayşe Demir", "TR"),
        ("Hans Weber", "DE"),
    ] {
        let refused = board
            .clone()
            .appoint(&appointment(name, code, "2031-06-01"))
            .await
            .refused(422, "geographic-balance");
        let held: SeatHeld = refused.extra_as();
        assert_eq!(held.regional_group, "western_european_other");
        assert_eq!(held.member.name, "Erik Lind");
        assert_eq!(held.member.appointment_id, erik.as_uuid());
        assert_eq!(held.member.nationality, Some(country("SE")));
        assert_eq!(refused.fields(), vec!["nationality"]);
        refused.says("Erik Lind").says("Western European");
    }

    // One day before Ilona's seat frees, an Eastern European successor is refused (the
    // Board is full that day); on the day, accepted.
    board
        .clone()
        .appoint(&appointment("Petra Novak", "CZ", "2031-02-28"))
        .await
        .refused(422, "seat-limit");
    appoint(appointment("Petra Novak", "CZ", "2031-03-01")).await;

    // Amina's term ends by itself on 2033-01-01; her successor starts that very day.
    let kofi = |term_start: &str| AppointTrusteeRequest {
        appointed_on: date("2032-10-01"),
        ..appointment("Kofi Mensah", "GH", term_start)
    };
    board
        .clone()
        .appoint(&kofi("2032-12-31"))
        .await
        .refused(422, "seat-limit");
    appoint(kofi("2033-01-01")).await;

    // Hiro is reappointed once (a second consecutive term, linked to his first by its
    // person); a third is refused.
    let again = |term_start: &str| AppointTrusteeRequest {
        person_id: Some(hiro.as_uuid()),
        ..appointment("Hiro Tanaka", "JP", term_start)
    };
    appoint(again("2033-03-01")).await;
    let third = board
        .clone()
        .appoint(&again("2036-03-01"))
        .await
        .refused(422, "term-limit");
    assert_eq!(third.extra_as::<TermsInARow>().consecutive_terms, 3);

    // The chair: Amina for a year, then Hiro; overlaps, long periods and a trustee who
    // does not sit throughout are refused.
    let designate = |body: DesignateChairRequest| {
        let board = board.clone();
        async move { board.designate_chair(&body).await }
    };
    designate(chair(amina, "2030-06-01", "2031-06-01"))
        .await
        .created();
    designate(chair(hiro, "2031-01-01", "2032-01-01"))
        .await
        .refused(422, "chair-overlap");
    designate(chair(hiro, "2031-06-01", "2032-06-02"))
        .await
        .refused(422, "chair-period");
    designate(chair(ilona, "2031-06-01", "2032-06-01"))
        .await
        .refused(422, "chair-not-active");
    let hiro_chair = designate(chair(hiro, "2031-06-01", "2032-06-01"))
        .await
        .created();
    assert_eq!(hiro_chair.from, date("2031-06-01"));

    // The balance report, any signed-in user, on dates before, between and after.
    let on = |day: &'static str| {
        let board = app.as_(&reader).board();
        async move { board.on(day).await.ok() }
    };
    let before: BoardView = on("2029-12-31").await;
    assert!(before.members.is_empty());
    assert_eq!(before.vacancies, 5);
    assert_eq!(before.groups_missing.len(), 5);
    assert!(before.chair.is_none());

    let first_year = on("2030-06-15").await;
    assert_eq!(
        names(&first_year.members),
        ["Amina Okafor", "Hiro Tanaka", "Ilona Nowak"]
    );
    assert_eq!(
        first_year.groups_missing,
        vec![
            RegionalGroup::LatinAmericanCaribbean,
            RegionalGroup::WesternEuropeanOther
        ]
    );
    assert_eq!(first_year.vacancies, 2);
    assert_eq!(first_year.chair.unwrap().name, "Amina Okafor");

    let full = on("2031-02-01").await;
    assert_eq!(full.vacancies, 0);
    assert!(full.groups_missing.is_empty());
    assert_eq!(names(&full.terms_ending_within_90_days), ["Ilona Nowak"]);

    let after_resignation = on("2031-06-01").await;
    let members = names(&after_resignation.members);
    assert!(members.contains(&"Petra Novak".to_string()));
    assert!(!members.contains(&"Ilona Nowak".to_string()));
    assert_eq!(after_resignation.vacancies, 0);
    assert_eq!(after_resignation.chair.unwrap().name, "Hiro Tanaka");

    let late_2032 = on("2032-11-01").await;
    assert_eq!(
        names(&late_2032.terms_ending_within_90_days),
        ["Amina Okafor"]
    );
    assert!(late_2032.chair.is_none());

    let handover = on("2033-01-01").await;
    let members = names(&handover.members);
    assert!(members.contains(&"Kofi Mensah".to_string()));
    assert!(!members.contains(&"Amina Okafor".to_string()));
    assert_eq!(handover.groups_represented.len(), 5);

    let later = on("2040-01-01").await;
    assert!(later.members.is_empty());
    assert_eq!(later.vacancies, 5);

    // The history keeps every appointment, ended ones included.
    let history = board.appointments(&[("limit", "200")]).await.ok();
    assert_eq!(history.items.len(), 8);

    // What Board votes will call.
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
    assert_eq!(seat.appointment_id, amina);
    assert_eq!(seat.term_end, date("2033-01-01"));
    assert!(
        seat_after.is_none(),
        "a trustee whose term ended cannot act"
    );
    assert_eq!(chair_then, Some(hiro));
    assert_eq!(seats.len(), 5);

    // Every change left its audit event.
    let auditor = app.user(Role::Auditor).await;
    let audit = app.as_(&auditor).audit();
    let trail = audit
        .clone()
        .list(&[("entity_type", "appointment"), ("limit", "200")])
        .await
        .ok();
    let count = |action: &str| trail.items.iter().filter(|e| e.action == action).count();
    assert_eq!(count("appointment.created"), 8);
    assert_eq!(count("appointment.ended"), 1);
    let chairs = audit.list(&[("entity_type", "chair")]).await.ok();
    assert_eq!(chairs.items.len(), 2);
    assert_eq!(chairs.items[0].action, "chair.designated");
    assert_eq!(chairs.items[0].actor_id, Some(s.id.to_string()));
}

/// DOMAIN: terms are three years; a shorter one completes a predecessor's term, ending
/// when that term was scheduled to, and records which; anything else is refused.
async fn a_short_term_completes_a_predecessors(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let board = app.as_(&s).board();
    let amina = board
        .clone()
        .appoint(&appointment("Amina Okoye", "NG", "2030-01-01"))
        .await
        .created()
        .id;
    app.as_(&s)
        .appointment(amina)
        .end(&EndAppointmentRequest {
            ended_on: date("2031-05-01"),
            reason: EndReason::Resignation,
            note: None,
        })
        .await
        .ok();
    let successor = AppointTrusteeRequest {
        appointed_on: date("2031-04-01"),
        term_end: Some(date("2033-01-01")),
        ..appointment("Kofi Mensah", "GH", "2031-05-01")
    };
    // Without naming whose term it completes: refused.
    board
        .clone()
        .appoint(&successor)
        .await
        .refused(422, "term-completion");
    // Naming it, but ending on another day: refused, saying which day.
    let successor = AppointTrusteeRequest {
        completes_appointment_id: Some(amina.as_uuid()),
        ..successor
    };
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            term_end: Some(date("2032-06-01")),
            ..successor.clone()
        })
        .await
        .refused(422, "term-completion")
        .says("2033-01-01");
    // Completing a seat of another regional group: refused.
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            nationality: country("JP"),
            consulted_member_states: vec![country("JP"), country("AT")],
            ..successor.clone()
        })
        .await
        .refused(422, "term-completion");
    // Ending with the predecessor's term: accepted and recorded.
    let kofi = board.appoint(&successor).await.created();
    assert_eq!(kofi.completes_appointment_id, Some(amina));
    let read = app.as_(&s).appointment(kofi.id).get().await.ok();
    assert_eq!(read.completes_appointment_id, Some(amina));
    assert_eq!(read.term_end, date("2033-01-01"));
}
