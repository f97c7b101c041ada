//! Appointments as stored, and the functions that read and write them. Rows are never
//! deleted: an early end is recorded on the row, the natural end follows from the dates.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::rules::{Sitting, Term};
use crate::db::schema::board_appointments as ba;
use crate::db::{stored, Cursor, DbConnection, PageRequest};
use crate::domain::{AppointmentId, CountryCode, RegionalGroup, UserId};
use crate::error::AppError;

/// How an appointment ended before (or, recorded explicitly, at) the end of its term.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
#[strum(serialize_all = "snake_case")]
pub enum EndReason {
    Resignation,
    Termination,
    EndOfTerm,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

crate::stored_as_variant_name!(EndReason);

#[derive(Debug, Clone)]
pub struct Appointment {
    pub id: AppointmentId,
    pub name: String,
    pub nationality: CountryCode,
    pub experience: String,
    pub appointed_on: NaiveDate,
    pub term_start: NaiveDate,
    /// Exclusive: the first day the trustee no longer sits.
    pub term_end: NaiveDate,
    pub consulted_member_states: Vec<CountryCode>,
    pub consulted_executive_director_on: NaiveDate,
    pub user_id: Option<UserId>,
    /// Exclusive, like `term_end`: the first day the trustee no longer sits.
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub end_note: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The appointment whose term this one completes (a term shorter than three years).
    pub completes: Option<AppointmentId>,
    /// The person appointed, as the id of their first appointment: every appointment of
    /// one person carries the same `person_id`, which is what the term limit counts.
    pub person_id: AppointmentId,
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
            appointment_id: self.id.as_uuid(),
            name: self.name.clone(),
            group: self.group(),
            term: self.effective_term(),
        }
    }

    /// Another person's appointment under the same name (ignoring case) and nationality:
    /// perhaps the same person, recorded without the link. Only a warning: a name is not
    /// an identity (two people may share one, one person's may be spelt two ways).
    pub fn namesake_of(&self, name: &str, nationality: CountryCode, person: AppointmentId) -> bool {
        self.person_id != person
            && self.nationality == nationality
            && self.name.to_lowercase() == name.to_lowercase()
    }
}

/// An appointment as stored: read as a `Queryable` row, written as an `Insertable` form.
/// The consulted Member States are a JSON list of codes in one text column.
#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = ba)]
struct AppointmentRow {
    id: AppointmentId,
    name: String,
    nationality: CountryCode,
    experience: String,
    appointed_on: NaiveDate,
    term_start: NaiveDate,
    term_end: NaiveDate,
    consulted_member_states: String,
    consulted_executive_director_on: NaiveDate,
    user_id: Option<UserId>,
    ended_on: Option<NaiveDate>,
    end_reason: Option<EndReason>,
    end_note: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    completes_appointment_id: Option<AppointmentId>,
    person_id: AppointmentId,
}

impl AppointmentRow {
    fn new(a: &Appointment) -> Result<AppointmentRow, AppError> {
        let consulted: Vec<&str> = a.consulted_member_states.iter().map(|c| c.code()).collect();
        Ok(AppointmentRow {
            id: a.id,
            name: a.name.clone(),
            nationality: a.nationality,
            experience: a.experience.clone(),
            appointed_on: a.appointed_on,
            term_start: a.term_start,
            term_end: a.term_end,
            consulted_member_states: serde_json::to_string(&consulted)
                .map_err(AppError::internal)?,
            consulted_executive_director_on: a.consulted_executive_director_on,
            user_id: a.user_id,
            ended_on: a.ended_on,
            end_reason: a.end_reason,
            end_note: a.end_note.clone(),
            created_at: a.created_at,
            updated_at: a.updated_at,
            completes_appointment_id: a.completes,
            person_id: a.person_id,
        })
    }

    fn decode(self) -> Result<Appointment, AppError> {
        let codes: Vec<String> = stored(
            "consulted states",
            serde_json::from_str(&self.consulted_member_states),
        )?;
        Ok(Appointment {
            id: self.id,
            name: self.name,
            nationality: self.nationality,
            experience: self.experience,
            appointed_on: self.appointed_on,
            term_start: self.term_start,
            term_end: self.term_end,
            consulted_member_states: codes
                .iter()
                .map(|c| stored("consulted state", CountryCode::parse(c)))
                .collect::<Result<_, _>>()?,
            consulted_executive_director_on: self.consulted_executive_director_on,
            user_id: self.user_id,
            ended_on: self.ended_on,
            end_reason: self.end_reason,
            end_note: self.end_note,
            created_at: self.created_at,
            updated_at: self.updated_at,
            completes: self.completes_appointment_id,
            person_id: self.person_id,
        })
    }
}

/// The only change an appointment ever takes: its early (or recorded) end.
#[derive(AsChangeset)]
#[diesel(table_name = ba, treat_none_as_null = true)]
struct AppointmentEnd<'a> {
    ended_on: Option<NaiveDate>,
    end_reason: Option<EndReason>,
    end_note: Option<&'a str>,
    updated_at: NaiveDateTime,
}

/// Every appointment ever made, oldest term first. The Board has five seats and terms of
/// three years: a century of history is a few hundred rows, so the rules work on all of
/// them in memory.
pub fn all(conn: &mut DbConnection) -> Result<Vec<Appointment>, AppError> {
    ba::table
        .order((ba::term_start.asc(), ba::id.asc()))
        .select(AppointmentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(AppointmentRow::decode)
        .collect()
}

pub fn find(conn: &mut DbConnection, id: AppointmentId) -> Result<Option<Appointment>, AppError> {
    ba::table
        .find(id)
        .select(AppointmentRow::as_select())
        .get_result(conn)
        .optional()?
        .map(AppointmentRow::decode)
        .transpose()
}

/// One page of the history, newest first (by when the appointment was recorded).
pub fn page(
    conn: &mut DbConnection,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Vec<Appointment>, AppError> {
    let request = PageRequest {
        limit,
        after: cursor,
    };
    crate::newest_first!(ba::table.into_boxed(), request, ba::created_at, ba::id)
        .select(AppointmentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(AppointmentRow::decode)
        .collect()
}

pub fn insert(conn: &mut DbConnection, a: &Appointment) -> Result<(), AppError> {
    diesel::insert_into(ba::table)
        .values(AppointmentRow::new(a)?)
        .execute(conn)?;
    Ok(())
}

/// Records an end on the row (the only change an appointment ever takes).
pub fn record_end(
    conn: &mut DbConnection,
    id: AppointmentId,
    ended_on: NaiveDate,
    reason: EndReason,
    note: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::update(ba::table.find(id))
        .set(AppointmentEnd {
            ended_on: Some(ended_on),
            end_reason: Some(reason),
            end_note: note,
            updated_at: now,
        })
        .execute(conn)?;
    Ok(())
}
