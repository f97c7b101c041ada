//! Term limits by person, not by name: appointments of one person are linked by their
//! account or by an explicit `person_id`, and terms separated by less than a full term
//! (three years) count as consecutive. Consultations reported have taken place.

use trustfund::api::board::AppointTrusteeRequest;
use trustfund::auth::Role;
use trustfund::board::AppointmentWarningKind;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::{appointment, date, days_from_today, today};
use crate::support::resources::Board;
use crate::support::seats::TermsInARow;

on_both_backends!(
    a_third_consecutive_term_is_refused_whether_linked_by_account_or_by_person,
    a_break_shorter_than_a_full_term_is_still_consecutive,
    a_namesake_is_a_warning_and_a_link_must_be_consistent,
    a_consultation_after_the_day_of_recording_is_refused,
);

async fn history_len(board: &Board<'_>) -> usize {
    board
        .clone()
        .appointments(&[("limit", "200")])
        .await
        .ok()
        .items
        .len()
}

/// The case: a third term starting two days after the second ended. Linked by
/// the account, then by the person: refused either way, writing nothing.
async fn a_third_consecutive_term_is_refused_whether_linked_by_account_or_by_person(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let account = app.user(Role::Trustee).await;
    let board = app.as_(&s).board();

    // By account: the second appointment names only the account, and takes its person.
    let with_account = |name: &str, start: &str| AppointTrusteeRequest {
        user_id: Some(account.id),
        ..appointment(name, "NG", start)
    };
    let first = board
        .clone()
        .appoint(&with_account("Amina Okafor", "2030-01-01"))
        .await
        .created();
    assert_eq!(
        first.person_id, first.id,
        "a new person: their first appointment"
    );
    let second = board
        .clone()
        .appoint(&with_account("Amina Okafor-Bello", "2033-01-01"))
        .await
        .created();
    assert_eq!(second.person_id, first.id, "the account links the person");
    let before = history_len(&board).await;
    let third = board
        .clone()
        .appoint(&with_account("A. Okafor", "2036-01-03"))
        .await
        .refused(422, "term-limit");
    assert_eq!(third.extra_as::<TermsInARow>().consecutive_terms, 3);
    assert_eq!(
        history_len(&board).await,
        before,
        "a refusal writes nothing"
    );

    // By person reference, under another spelling of the name and without an account.
    let hiro = board
        .clone()
        .appoint(&appointment("Hiroshi Tanaka", "JP", "2030-03-01"))
        .await
        .created();
    let again = |name: &str, start: &str| AppointTrusteeRequest {
        person_id: Some(hiro.person_id.as_uuid()),
        ..appointment(name, "JP", start)
    };
    let second = board
        .clone()
        .appoint(&again("Tanaka Hiroshi", "2033-03-01"))
        .await
        .created();
    assert_eq!(second.person_id, hiro.id);
    assert!(second.warnings.is_empty(), "linked: no namesake to warn of");
    board
        .clone()
        .appoint(&again("H. Tanaka", "2036-03-03"))
        .await
        .refused(422, "term-limit")
        .says("two consecutive terms");
    // The same person named by any appointment's person_id (here the second's).
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            person_id: Some(second.person_id.as_uuid()),
            ..appointment("Hiroshi Tanaka", "JP", "2036-03-01")
        })
        .await
        .refused(422, "term-limit");
}

/// Terms separated by less than a full term are consecutive: a third term after a break
/// of two years and 364 days is refused; after three full years, it is allowed.
async fn a_break_shorter_than_a_full_term_is_still_consecutive(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let board = app.as_(&s).board();
    let ilona = board
        .clone()
        .appoint(&appointment("Ilona Nowak", "PL", "2030-01-01"))
        .await
        .created();
    let again = |start: &str| AppointTrusteeRequest {
        person_id: Some(ilona.person_id.as_uuid()),
        ..appointment("Ilona Nowak", "PL", start)
    };
    board.clone().appoint(&again("2033-01-01")).await.created();
    // Her second term ends on 2036-01-01 (exclusive).
    for start in ["2036-01-03", "2037-06-01", "2038-12-31"] {
        board
            .clone()
            .appoint(&again(start))
            .await
            .refused(422, "term-limit");
    }
    let rested = board.clone().appoint(&again("2039-01-01")).await.created();
    assert_eq!(rested.person_id, ilona.id);
    assert_eq!(rested.term_end, date("2042-01-01"));
    // And a fourth term right after it is her second in a row again: allowed.
    board.clone().appoint(&again("2042-01-01")).await.created();
    board
        .clone()
        .appoint(&again("2045-01-01"))
        .await
        .refused(422, "term-limit");
}

/// The same name and nationality is not the same person: an unlinked namesake is
/// appointed, with a warning naming the other appointment's person. A link the account
/// contradicts, or a person who does not exist, is refused.
async fn a_namesake_is_a_warning_and_a_link_must_be_consistent(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let account = app.user(Role::Trustee).await;
    let board = app.as_(&s).board();
    let lucia = board
        .clone()
        .appoint(&AppointTrusteeRequest {
            user_id: Some(account.id),
            ..appointment("Lucía Pérez", "MX", "2030-01-01")
        })
        .await
        .created();
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            person_id: Some(lucia.person_id.as_uuid()),
            ..appointment("Lucía Pérez", "MX", "2033-01-01")
        })
        .await
        .created();
    // Another Lucía Pérez of Mexico, not linked: appointed, as someone else, with a warning.
    let namesake = board
        .clone()
        .appoint(&appointment("lucía pérez", "MX", "2036-01-01"))
        .await
        .created();
    assert_ne!(namesake.person_id, lucia.person_id);
    assert_eq!(namesake.warnings.len(), 2, "{:?}", namesake.warnings);
    let warning = &namesake.warnings[0];
    assert_eq!(warning.kind, AppointmentWarningKind::PossibleSamePerson);
    assert_eq!(warning.person_id, lucia.person_id);
    assert!(warning.detail.contains("person_id"), "{}", warning.detail);
    // The warning is not kept on the appointment: reading it later shows none.
    let read = app.as_(&s).appointment(namesake.id).get().await.ok();
    assert!(read.warnings.is_empty());

    // An account that belongs to Lucía's appointments cannot be linked to another person.
    let other = board
        .clone()
        .appoint(&appointment("Kofi Mensah", "GH", "2030-01-01"))
        .await
        .created();
    let mismatch = board
        .clone()
        .appoint(&AppointTrusteeRequest {
            user_id: Some(account.id),
            person_id: Some(other.person_id.as_uuid()),
            ..appointment("Kofi Mensah", "GH", "2033-01-01")
        })
        .await
        .refused(422, "trustee-account");
    assert_eq!(mismatch.fields(), vec!["person_id"]);
    // A person nobody was appointed as: 400 naming the field.
    let unknown = board
        .clone()
        .appoint(&AppointTrusteeRequest {
            person_id: Some(uuid::Uuid::new_v4()),
            ..appointment("Kofi Mensah", "GH", "2033-01-01")
        })
        .await
        .refused(400, "validation");
    assert_eq!(unknown.fields(), vec!["person_id"]);
}

/// The case: an appointment dated in the future whose consultation of the
/// Executive Director is also in the future, recorded today. Refused like a consultation
/// after the appointment (422 `consultation` on the field), writing nothing; a
/// consultation today is accepted.
async fn a_consultation_after_the_day_of_recording_is_refused(app: TestApp) {
    let s = app.user(Role::Secretariat).await;
    let board = app.as_(&s).board();
    let future = AppointTrusteeRequest {
        appointed_on: date("2030-05-01"),
        consulted_executive_director_on: date("2030-04-01"),
        ..appointment("Erik Lind", "SE", "2030-06-01")
    };
    let refused = board
        .clone()
        .appoint(&future)
        .await
        .refused(422, "consultation");
    assert_eq!(refused.fields(), vec!["consulted_executive_director_on"]);
    refused.says(&today().to_string());
    board
        .clone()
        .appoint(&AppointTrusteeRequest {
            consulted_executive_director_on: days_from_today(1),
            ..future.clone()
        })
        .await
        .refused(422, "consultation");
    assert_eq!(history_len(&board).await, 0, "a refusal writes nothing");
    let made = board
        .clone()
        .appoint(&AppointTrusteeRequest {
            consulted_executive_director_on: today(),
            ..future
        })
        .await
        .created();
    assert_eq!(made.consulted_executive_director_on, today());
}
