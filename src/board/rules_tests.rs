use chrono::NaiveDate;
use uuid::Uuid;

use super::*;
use crate::domain::RegionalGroup::{self, *};

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn term(start: &str, end: &str) -> Term {
    Term {
        start: d(start),
        end: d(end),
    }
}

fn sitting(name: &str, group: RegionalGroup, start: &str, end: &str) -> Sitting {
    Sitting {
        appointment_id: Uuid::new_v4(),
        name: name.to_string(),
        group,
        term: term(start, end),
    }
}

fn full_board() -> Vec<Sitting> {
    vec![
        sitting("A", African, "2027-01-01", "2030-01-01"),
        sitting("B", AsiaPacific, "2027-03-01", "2030-03-01"),
        sitting("C", EasternEuropean, "2027-06-01", "2030-06-01"),
        sitting("D", LatinAmericanCaribbean, "2027-09-01", "2030-09-01"),
        sitting("E", WesternEuropeanOther, "2028-01-01", "2031-01-01"),
    ]
}

#[test]
fn default_term_is_three_years_half_open() {
    assert_eq!(default_term_end(d("2027-01-01")), Some(d("2030-01-01")));
    assert_eq!(default_term_end(d("2028-02-29")), Some(d("2031-02-28")));
    let t = term("2027-01-01", "2030-01-01");
    assert!(t.contains(d("2027-01-01")));
    assert!(t.contains(d("2029-12-31")));
    assert!(!t.contains(d("2030-01-01")));
}

#[test]
fn term_dates() {
    assert_eq!(
        check_term_dates(d("2027-01-01"), d("2027-01-01")),
        Err(DatesProblem::EndsBeforeStart)
    );
    assert_eq!(
        check_term_dates(d("2027-01-01"), d("2026-12-31")),
        Err(DatesProblem::EndsBeforeStart)
    );
    assert_eq!(
        check_term_dates(d("2027-01-01"), d("2030-01-02")),
        Err(DatesProblem::TooLong {
            latest_end: d("2030-01-01")
        })
    );
    assert!(check_term_dates(d("2027-01-01"), d("2030-01-01")).is_ok());
    assert!(check_term_dates(d("2027-01-01"), d("2028-01-01")).is_ok());
}

#[test]
fn a_sixth_seat_is_refused_on_the_busiest_day() {
    let board = full_board();
    // Starts before E joins, but E's start falls inside the term: five others then.
    let refusal = check_seat(&board, African, term("2027-10-01", "2028-06-01"));
    assert_eq!(
        refusal,
        Err(Refusal::SeatLimit {
            on: d("2028-01-01")
        })
    );
    // Ends the day E joins: four others at most, and the Western European seat is free.
    let refusal = check_seat(
        &board,
        WesternEuropeanOther,
        term("2027-10-01", "2028-01-01"),
    );
    assert_eq!(refusal, Ok(()));
}

#[test]
fn a_second_member_of_a_group_is_refused_naming_the_member() {
    let board = full_board()[..4].to_vec();
    match check_seat(&board, AsiaPacific, term("2029-01-01", "2032-01-01")) {
        Err(Refusal::GeographicBalance { group, member }) => {
            assert_eq!(group, AsiaPacific);
            assert_eq!(member.name, "B");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        check_seat(
            &board,
            WesternEuropeanOther,
            term("2029-01-01", "2032-01-01")
        ),
        Ok(())
    );
}

#[test]
fn a_successor_may_start_the_day_the_predecessor_ends() {
    let board = full_board();
    // A's term ends 2030-01-01 (exclusive): an African successor starts that very day.
    assert_eq!(
        check_seat(&board, African, term("2030-01-01", "2033-01-01")),
        Ok(())
    );
    // One day earlier overlaps A (and the Board is full then).
    assert!(check_seat(&board, African, term("2029-12-31", "2032-12-31")).is_err());
    // Without E there is a free seat, so the overlap with A is the reason.
    assert!(matches!(
        check_seat(&board[..4], African, term("2029-12-31", "2032-12-31")),
        Err(Refusal::GeographicBalance { .. })
    ));
}

#[test]
fn an_early_end_frees_the_seat_from_that_day() {
    let mut board = full_board();
    board[4].term.end = d("2029-05-01"); // E resigned, effective 2029-05-01
    assert_eq!(
        check_seat(
            &board,
            WesternEuropeanOther,
            term("2029-05-01", "2032-05-01")
        ),
        Ok(())
    );
    assert!(check_seat(
        &board,
        WesternEuropeanOther,
        term("2029-04-30", "2032-04-30")
    )
    .is_err());
}

#[test]
fn two_consecutive_terms_at_most() {
    let first = term("2021-01-01", "2024-01-01");
    let second = term("2024-01-01", "2027-01-01");
    assert_eq!(check_term_limit(&[first], second), Ok(()));
    assert_eq!(
        check_term_limit(&[first, second], term("2027-01-01", "2030-01-01")),
        Err(Refusal::TermLimit { run: 3 })
    );
    // Starting the day after still counts as consecutive, and so does a break shorter
    // than a full term.
    for start in ["2027-01-02", "2027-01-03", "2029-12-31"] {
        let end = start
            .replacen("2027", "2030", 1)
            .replacen("2029", "2032", 1);
        assert_eq!(
            check_term_limit(&[first, second], term(start, &end)),
            Err(Refusal::TermLimit { run: 3 }),
            "{start}"
        );
    }
    // A break of a full term (three years) starts a new run.
    assert_eq!(
        check_term_limit(&[first, second], term("2030-01-01", "2033-01-01")),
        Ok(())
    );
    // Slotted in before two existing consecutive terms.
    assert_eq!(
        check_term_limit(&[second, term("2027-01-01", "2030-01-01")], first),
        Err(Refusal::TermLimit { run: 3 })
    );
}

#[test]
fn chair_rules() {
    let trustee = term("2027-01-01", "2030-01-01");
    let year = term("2027-01-01", "2028-01-01");
    assert_eq!(check_chair(year, trustee, &[]), Ok(()));
    assert_eq!(
        check_chair(term("2027-01-01", "2028-01-02"), trustee, &[]),
        Err(ChairProblem::Period)
    );
    assert_eq!(
        check_chair(term("2029-06-01", "2030-06-01"), trustee, &[]),
        Err(ChairProblem::NotActive)
    );
    let other = Uuid::new_v4();
    assert_eq!(
        check_chair(term("2027-06-01", "2028-06-01"), trustee, &[(other, year)]),
        Err(ChairProblem::Overlap { other })
    );
    assert_eq!(
        check_chair(term("2028-01-01", "2029-01-01"), trustee, &[(other, year)]),
        Ok(())
    );
}
