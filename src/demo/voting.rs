//! The demo Board at work: one application put on the reserve list before any money came
//! in, then, once contributions are received, one approved (with its grant), one rejected,
//! and one still being voted on. Loading twice changes nothing.

use chrono::NaiveDate;

use crate::applications::{self, ApplicationState, Filter};
use crate::board::Seat;
use crate::db::{write_blocking, ActingAs, Actor, DbConnection};
use crate::domain::{ApplicationId, Currency, Money, Role};
use crate::error::AppError;
use crate::voting::rules::Choice;
use crate::voting::{record_decision, upsert_vote, votes_on};

fn err(e: AppError) -> anyhow::Error {
    anyhow::Error::new(e).context("demo votes")
}

/// Under review in the demo's Board session call, by the first country of implementation.
fn session_application(
    conn: &mut DbConnection,
    country: &str,
) -> Result<Option<ApplicationId>, AppError> {
    let filter = Filter {
        call_id: None,
        organization_id: None,
        states: Some(vec![ApplicationState::UnderReview]),
        country: None,
    };
    for app in applications::list(conn, filter, everything())?.items {
        let in_session = crate::calls::find(conn, app.call_id)?
            .is_some_and(|call| call.title == super::applications::BOARD_SESSION_CALL);
        if in_session
            && app
                .content
                .countries
                .first()
                .is_some_and(|c| c.code() == country)
        {
            return Ok(Some(app.id));
        }
    }
    Ok(None)
}

/// Under review in the demo's grants-at-work call, by title.
fn titled_application(
    conn: &mut DbConnection,
    title: &str,
) -> Result<Option<ApplicationId>, AppError> {
    let filter = Filter {
        call_id: None,
        organization_id: None,
        states: Some(vec![ApplicationState::UnderReview]),
        country: None,
    };
    for app in applications::list(conn, filter, everything())?.items {
        if app.content.title.as_str() != title {
            continue;
        }
        let in_call = crate::calls::find(conn, app.call_id)?
            .is_some_and(|call| call.title == super::applications::GRANTS_AT_WORK_CALL);
        if in_call {
            return Ok(Some(app.id));
        }
    }
    Ok(None)
}

/// The demo's lists are short: one page holds them all.
fn everything() -> crate::db::PageRequest {
    crate::db::PageRequest {
        limit: 200,
        after: None,
    }
}

pub(super) fn usd(amount: &str) -> Result<Choice, AppError> {
    Money::parse(amount, Currency::USD)
        .map(Choice::Approve)
        .map_err(AppError::internal)
}

/// Casts `choices` by the first seats in order, each as its own trustee.
pub(super) fn votes(
    conn: &mut DbConnection,
    application: ApplicationId,
    seats: &[Seat],
    choices: Vec<Choice>,
) -> Result<(), AppError> {
    for (seat, choice) in seats.iter().zip(choices) {
        let Some(user) = seat.user_id else { continue };
        let actor = Actor {
            user_id: Some(user),
            organization_id: None,
            acting_as: ActingAs::User(Role::Trustee),
            request_id: "demo".into(),
            clock: crate::clock::Clock::system(),
        };
        write_blocking(conn, actor, |tx| {
            upsert_vote(
                tx,
                application,
                seat,
                user,
                choice,
                "Demo vote after reading the proposal.".into(),
            )
        })?;
    }
    Ok(())
}

pub(super) fn decide(
    conn: &mut DbConnection,
    application: ApplicationId,
    today: NaiveDate,
) -> Result<(), AppError> {
    let secretariat = crate::users::find_by_email(conn, "secretariat@demo.trustfund.local")?;
    let actor = Actor {
        user_id: secretariat.map(|u| u.id),
        organization_id: None,
        acting_as: ActingAs::User(Role::Secretariat),
        request_id: "demo".into(),
        clock: crate::clock::Clock::system(),
    };
    write_blocking(conn, actor, |tx| record_decision(tx, application, today)).map(|_| ())
}

pub(super) fn board(conn: &mut DbConnection, today: NaiveDate) -> Result<Vec<Seat>, AppError> {
    let mut seats = crate::board::active_seats(conn, today)?;
    seats.sort_by_key(|seat| seat.term_start);
    Ok(seats)
}

/// Before contributions arrive: an approval the empty Fund cannot cover.
pub fn before_money(conn: &mut DbConnection) -> anyhow::Result<()> {
    let today = crate::clock::Clock::system().today();
    let Some(waiting) = session_application(conn, "KE").map_err(err)? else {
        return Ok(());
    };
    let seats = board(conn, today).map_err(err)?;
    let choices = vec![
        usd("40000.00").map_err(err)?,
        usd("45000.00").map_err(err)?,
        usd("36000.00").map_err(err)?,
    ];
    votes(conn, waiting, &seats, choices).map_err(err)?;
    decide(conn, waiting, today).map_err(err)
}

/// Once money is in: one approved, one rejected, one with votes still coming in.
pub fn after_money(conn: &mut DbConnection) -> anyhow::Result<()> {
    let today = crate::clock::Clock::system().today();
    let seats = board(conn, today).map_err(err)?;
    if let Some(approved) = session_application(conn, "PH").map_err(err)? {
        let choices = vec![
            usd("48000.00").map_err(err)?,
            usd("42000.00").map_err(err)?,
            Choice::Reject,
            usd("45000.00").map_err(err)?,
        ];
        votes(conn, approved, &seats, choices).map_err(err)?;
        decide(conn, approved, today).map_err(err)?;
    }
    if let Some(rejected) = session_application(conn, "CO").map_err(err)? {
        votes(
            conn,
            rejected,
            &seats,
            vec![Choice::Reject, Choice::Reject, Choice::Abstain],
        )
        .map_err(err)?;
        decide(conn, rejected, today).map_err(err)?;
    }
    // The earlier round: every application approved, each grant then taken to its stage
    // of money out (`super::grant_stages`).
    for staged in super::grant_stages::STAGED {
        let Some(id) = titled_application(conn, staged.title).map_err(err)? else {
            continue;
        };
        let award = usd(staged.award).map_err(err)?;
        votes(conn, id, &seats, vec![award; 3]).map_err(err)?;
        decide(conn, id, today).map_err(err)?;
    }
    // The open call's Kenyan application: two votes so far, no quorum yet.
    let filter = Filter {
        call_id: None,
        organization_id: None,
        states: Some(vec![ApplicationState::UnderReview]),
        country: None,
    };
    let pending = applications::list(conn, filter, everything())
        .map_err(err)?
        .items
        .into_iter()
        .find(|a| {
            a.content
                .countries
                .first()
                .is_some_and(|c| c.code() == "KE")
        });
    if let Some(pending) = pending {
        let already = votes_on(conn, pending.id).map_err(err)?;
        if already.is_empty() {
            votes(
                conn,
                pending.id,
                &seats,
                vec![usd("30000.00").map_err(err)?, Choice::Abstain],
            )
            .map_err(err)?;
        }
    }
    Ok(())
}
