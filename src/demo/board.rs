//! The demo Board: five trustees, one per regional group, with staggered terms (each
//! started a different number of months ago, all sitting today), each linked to a demo
//! trustee account, and a chair chosen by the Board at its last session, with the record
//! of that decision. Loading twice changes nothing.

use chrono::{Months, NaiveDate};

use crate::board::rules::{self, Term};
use crate::board::{self, ChairChoice, ChairDecision, NewAppointment, Outcome};
use crate::db::{Actor, DbConnection};
use crate::domain::{CountryCode, Role, UserId};

const TRUSTEES: [(&str, &str, &str, u32); 5] = [
    (
        "Amina Okafor",
        "NG",
        "Twenty years of shelter and legal aid for survivors of trafficking in West Africa.",
        30,
    ),
    (
        "Hiroshi Tanaka",
        "JP",
        "Former prosecutor; led labour-trafficking cases in the fishing industry.",
        24,
    ),
    (
        "Ilona Kowalczyk",
        "PL",
        "Head of a national referral mechanism for victims of trafficking.",
        18,
    ),
    (
        "Lucía Fernández",
        "MX",
        "Founder of a network of NGOs assisting migrant victims of forced labour.",
        12,
    ),
    (
        "Erik Lindqvist",
        "SE",
        "Researcher and former UN special procedures adviser on trafficking.",
        6,
    ),
];

fn months_ago(today: NaiveDate, months: u32) -> anyhow::Result<NaiveDate> {
    today
        .checked_sub_months(Months::new(months))
        .ok_or_else(|| anyhow::anyhow!("demo date out of range"))
}

/// The demo trustee account for seat `i`: `trustee@demo.trustfund.local` for the first,
/// `trustee2@…` to `trustee5@…` for the others (created here, with the demo password).
fn demo_trustee(conn: &mut DbConnection, i: usize) -> anyhow::Result<UserId> {
    let email = match i {
        0 => "trustee@demo.trustfund.local".to_string(),
        n => format!("trustee{}@demo.trustfund.local", n + 1),
    };
    let err = |e: crate::error::AppError| anyhow::Error::new(e).context("demo trustee");
    if let Some(user) = crate::users::find_by_email(conn, &email).map_err(err)? {
        return Ok(user.id);
    }
    let new = crate::users::NewUser {
        email: crate::domain::Email::parse(&email)?,
        name: format!("Demo trustee {}", i + 1),
        role: Role::Trustee,
        organization_id: None,
        password_hash: crate::auth::hash_password(super::DEMO_PASSWORD)?,
    };
    let user = crate::db::write_blocking(conn, Actor::system("demo"), |tx| {
        crate::users::create_user(tx, new)
    })
    .map_err(err)?;
    Ok(user.id)
}

/// Appoints the demo Board unless appointments already exist (every seat is linked to a
/// demo trustee account so the Board can vote in the demo), then its chair unless one sits.
pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    let err = |e: crate::error::AppError| anyhow::Error::new(e).context("demo board");
    let today = crate::clock::Clock::system().today();
    if board::all_appointments(conn).map_err(err)?.is_empty() {
        appoint(conn, today)?;
    }
    chair(conn, today)
}

/// The Board chose its chair at its session two months ago, for a year from that day:
/// the longest-serving trustee who sits for the whole year.
fn chair(conn: &mut DbConnection, today: NaiveDate) -> anyhow::Result<()> {
    let err = |e: crate::error::AppError| anyhow::Error::new(e).context("demo chair");
    if board::chair_on(conn, today).map_err(err)?.is_some() {
        return Ok(());
    }
    let from = months_ago(today, 2)?;
    let to = from
        .checked_add_months(Months::new(12))
        .ok_or_else(|| anyhow::anyhow!("demo date out of range"))?;
    let Some(seat) = board::active_seats(conn, from)
        .map_err(err)?
        .into_iter()
        .filter(|s| s.term_end >= to)
        .min_by_key(|s| s.term_start)
    else {
        return Ok(());
    };
    let choice = ChairChoice {
        appointment_id: seat.appointment_id,
        period: Term {
            start: from,
            end: to,
        },
        decision: ChairDecision {
            meeting_on: from,
            record_reference: format!(
                "Report of the Board of Trustees on its session of {from}, para. 4"
            ),
        },
    };
    crate::db::write_blocking(conn, Actor::system("demo"), |tx| {
        board::designate_chair(tx, choice)
    })
    .map_err(err)?;
    Ok(())
}

fn appoint(conn: &mut DbConnection, today: NaiveDate) -> anyhow::Result<()> {
    let err = |e: crate::error::AppError| anyhow::Error::new(e).context("demo board");
    for (i, (name, nationality, experience, started)) in TRUSTEES.into_iter().enumerate() {
        let start = months_ago(today, started)?;
        let end = rules::default_term_end(start)
            .ok_or_else(|| anyhow::anyhow!("demo date out of range"))?;
        let nationality = CountryCode::parse(nationality)?;
        let new = NewAppointment {
            name: name.to_string(),
            nationality,
            experience: experience.to_string(),
            appointed_on: months_ago(start, 1)?,
            term: Term { start, end },
            consulted_member_states: vec![nationality],
            consulted_executive_director_on: months_ago(start, 2)?,
            user_id: Some(demo_trustee(conn, i)?),
            completes: None,
            person_id: None,
        };
        let outcome =
            crate::db::write_blocking(conn, Actor::system("demo"), |tx| board::appoint(tx, new))
                .map_err(err)?;
        if let Outcome::Refused(refused) = outcome {
            anyhow::bail!("demo board refused: {}", refused.detail);
        }
    }
    Ok(())
}
