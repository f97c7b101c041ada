//! Appointments as stored, and the functions that read and write them. Rows are never
//! deleted: an early end is recorded on the row, the natural end follows from the dates.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::rules::{Sitting, Term};
use crate::db::schema::board_appointments as ba;
use crate::db::DbConnection;
use crate::domain::{CountryCode, RegionalGroup};
use crate::error::AppError;
use crate::http::Cursor;

/// How an appointment ended before (or, recorded explicitly, at) the end of its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    Resignation,
    Termination,
    EndOfTerm,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Resignation => "resignation",
            EndReason::Termination => "termination",
            EndReason::EndOfTerm => "end_of_term",
        }
    }

    fn parse(text: &str) -> Option<EndReason> {
        [
            EndReason::Resignation,
            EndReason::Termination,
            EndReason::EndOfTerm,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
    }
}

#[derive(Debug, Clone)]
pub struct Appointment {
    pub id: Uuid,
    pub name: String,
    pub nationality: CountryCode,
    pub experience: String,
    pub appointed_on: NaiveDate,
    pub term_start: NaiveDate,
    /// Exclusive: the first day the trustee no longer sits.
    pub term_end: NaiveDate,
    pub consulted_member_states: Vec<CountryCode>,
    pub consulted_executive_director_on: NaiveDate,
    pub user_id: Option<Uuid>,
    /// Exclusive, like `term_end`: the first day the trustee no longer sits.
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub end_note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The appointment whose term this one completes (a term shorter than three years).
    pub completes: Option<Uuid>,
}

impl Appointment {
    pub fn group(&self) -> RegionalGroup {
        self.nationality.regional_group()
    }

    /// The days actually served or to be served: the term, cut short by an early end.
    pub fn effective_term(&self) -> Term {
        let end = self
            .ended_on
            .map_or(self.term_end, |e| e.min(self.term_end));
        Term {
            start: self.term_start,
            end: end.max(self.term_start),
        }
    }

    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.effective_term().contains(day)
    }

    pub fn sitting(&self) -> Sitting {
        Sitting {
            appointment_id: self.id,
            name: self.name.clone(),
            group: self.group(),
            term: self.effective_term(),
        }
    }

    /// Same person: same linked account, or same name (ignoring case) and nationality.
    pub fn same_person(&self, name: &str, nationality: CountryCode, user: Option<Uuid>) -> bool {
        (user.is_some() && self.user_id == user)
            || (self.nationality == nationality && self.name.to_lowercase() == name.to_lowercase())
    }
}

type Row = (
    String,
    String,
    String,
    String,
    NaiveDate,
    NaiveDate,
    NaiveDate,
    String,
    NaiveDate,
    Option<String>,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    NaiveDateTime,
    NaiveDateTime,
    Option<String>,
);

fn corrupt(what: &str, value: &str) -> AppError {
    AppError::internal(anyhow::anyhow!("bad {what} stored: {value:?}"))
}

fn uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|_| corrupt("uuid", text))
}

fn country(text: &str) -> Result<CountryCode, AppError> {
    CountryCode::parse(text).map_err(|_| corrupt("country", text))
}

fn from_row(row: Row) -> Result<Appointment, AppError> {
    let (id, name, nationality, experience, appointed_on, term_start, term_end, consulted) =
        (row.0, row.1, row.2, row.3, row.4, row.5, row.6, row.7);
    let codes: Vec<String> =
        serde_json::from_str(&consulted).map_err(|_| corrupt("consulted states", &consulted))?;
    Ok(Appointment {
        id: uuid(&id)?,
        name,
        nationality: country(&nationality)?,
        experience,
        appointed_on,
        term_start,
        term_end,
        consulted_member_states: codes.iter().map(|c| country(c)).collect::<Result<_, _>>()?,
        consulted_executive_director_on: row.8,
        user_id: row.9.as_deref().map(uuid).transpose()?,
        ended_on: row.10,
        end_reason: row
            .11
            .as_deref()
            .map(|r| EndReason::parse(r).ok_or_else(|| corrupt("end reason", r)))
            .transpose()?,
        end_note: row.12,
        created_at: row.13,
        updated_at: row.14,
        completes: row.15.as_deref().map(uuid).transpose()?,
    })
}

/// Every appointment ever made, oldest term first. The Board has five seats and terms of
/// three years: a century of history is a few hundred rows, so the rules work on all of
/// them in memory.
pub fn all(conn: &mut DbConnection) -> Result<Vec<Appointment>, AppError> {
    ba::table
        .order((ba::term_start.asc(), ba::id.asc()))
        .load::<Row>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<Appointment>, AppError> {
    ba::table
        .find(id.to_string())
        .first::<Row>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// One page of the history, newest first (by when the appointment was recorded).
pub fn page(
    conn: &mut DbConnection,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Vec<Appointment>, AppError> {
    let mut query = ba::table.into_boxed();
    if let Some(cursor) = cursor {
        query = query.filter(
            ba::created_at
                .lt(cursor.at)
                .or(ba::created_at.eq(cursor.at).and(ba::id.lt(cursor.id))),
        );
    }
    query
        .order((ba::created_at.desc(), ba::id.desc()))
        .limit(limit + 1)
        .load::<Row>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

pub fn insert(conn: &mut DbConnection, a: &Appointment) -> Result<(), AppError> {
    let consulted: Vec<&str> = a.consulted_member_states.iter().map(|c| c.code()).collect();
    let consulted = serde_json::to_string(&consulted).map_err(AppError::internal)?;
    diesel::insert_into(ba::table)
        .values((
            ba::id.eq(a.id.to_string()),
            ba::name.eq(&a.name),
            ba::nationality.eq(a.nationality.code()),
            ba::experience.eq(&a.experience),
            ba::appointed_on.eq(a.appointed_on),
            ba::term_start.eq(a.term_start),
            ba::term_end.eq(a.term_end),
            ba::consulted_member_states.eq(consulted),
            ba::consulted_executive_director_on.eq(a.consulted_executive_director_on),
            ba::user_id.eq(a.user_id.map(|u| u.to_string())),
            ba::ended_on.eq(a.ended_on),
            ba::end_reason.eq(a.end_reason.map(EndReason::as_str)),
            ba::end_note.eq(&a.end_note),
            ba::created_at.eq(a.created_at),
            ba::updated_at.eq(a.updated_at),
            ba::completes_appointment_id.eq(a.completes.map(|c| c.to_string())),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records an end on the row (the only change an appointment ever takes).
pub fn record_end(
    conn: &mut DbConnection,
    id: Uuid,
    ended_on: NaiveDate,
    reason: EndReason,
    note: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(ba::table.find(id.to_string()))
        .set((
            ba::ended_on.eq(Some(ended_on)),
            ba::end_reason.eq(Some(reason.as_str())),
            ba::end_note.eq(note),
            ba::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
