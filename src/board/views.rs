//! What clients see of appointments and regional groups.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use strum::VariantArray;
use utoipa::ToSchema;

use super::model::{Appointment, EndReason};
use super::persons::AppointmentWarning;
use crate::db::to_utc;
use crate::domain::{AppointmentId, ChairId, CountryCode, RegionalGroup, UserId};

/// Where an appointment stands on a date, derived from its dates (nothing runs on a timer).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AppointmentStatus {
    /// The term has not started.
    Upcoming,
    /// The trustee sits.
    Active,
    /// The term ran out, or it ended early.
    Ended,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AppointmentView {
    #[schema(value_type = uuid::Uuid)]
    pub id: AppointmentId,
    pub name: String,
    pub nationality: CountryCode,
    pub nationality_name: String,
    pub regional_group: RegionalGroup,
    pub experience: String,
    pub appointed_on: NaiveDate,
    pub term_start: NaiveDate,
    /// Exclusive: the first day after the term (a term is `[term_start, term_end)`).
    pub term_end: NaiveDate,
    pub consulted_member_states: Vec<CountryCode>,
    pub consulted_executive_director_on: NaiveDate,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub user_id: Option<UserId>,
    /// The first day the trustee no longer sits, when the appointment ended early.
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    pub end_note: Option<String>,
    /// The appointment whose term this one completes (terms shorter than three years).
    #[schema(value_type = Option<uuid::Uuid>)]
    pub completes_appointment_id: Option<AppointmentId>,
    /// The person appointed: the id of their first appointment, shared by all of theirs.
    /// The term limit counts a person's terms by it.
    #[schema(value_type = uuid::Uuid)]
    pub person_id: AppointmentId,
    /// Status on `status_on` (today, unless the request asked about another date).
    pub status: AppointmentStatus,
    pub status_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    /// On the answer that made the appointment only: what did not stop it but should be
    /// checked (another person's appointment under the same name and nationality).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<AppointmentWarning>,
}

impl AppointmentView {
    pub fn on(a: &Appointment, day: NaiveDate) -> AppointmentView {
        let term = a.effective_term();
        let status = if term.contains(day) {
            AppointmentStatus::Active
        } else if day < a.term_start && a.ended_on.is_none() {
            AppointmentStatus::Upcoming
        } else {
            AppointmentStatus::Ended
        };
        AppointmentView {
            id: a.id,
            name: a.name.clone(),
            nationality: a.nationality,
            nationality_name: a.nationality.name().to_string(),
            regional_group: a.group(),
            experience: a.experience.clone(),
            appointed_on: a.appointed_on,
            term_start: a.term_start,
            term_end: a.term_end,
            consulted_member_states: a.consulted_member_states.clone(),
            consulted_executive_director_on: a.consulted_executive_director_on,
            user_id: a.user_id,
            ended_on: a.ended_on,
            end_reason: a.end_reason,
            end_note: a.end_note.clone(),
            completes_appointment_id: a.completes,
            person_id: a.person_id,
            status,
            status_on: day,
            created_at: to_utc(a.created_at),
            warnings: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = MemberStateView)]
pub struct StateView {
    pub code: CountryCode,
    pub name: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegionalGroupView {
    pub group: RegionalGroup,
    pub name: String,
    pub members: Vec<StateView>,
}

/// The five groups, in the UN's order, each with its Member States in code order.
pub fn regional_groups() -> Vec<RegionalGroupView> {
    RegionalGroup::VARIANTS
        .iter()
        .copied()
        .map(|group| RegionalGroupView {
            group,
            name: group.name().to_string(),
            members: CountryCode::all()
                .filter(|c| c.regional_group() == group)
                .map(|code| StateView {
                    code,
                    name: code.name().to_string(),
                })
                .collect(),
        })
        .collect()
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ChairDesignation {
    #[schema(value_type = uuid::Uuid)]
    pub id: ChairId,
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The Board's decision that chose the chair.
    pub board_decision: Option<ChairDecision>,
}

/// The Board's decision that chose its chair: the meeting and the reference of its record
/// (its report or minutes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChairDecision {
    /// The day of the Board's meeting: not in the future, not after the chair's first day.
    pub meeting_on: NaiveDate,
    /// The reference of the meeting's record, e.g. its report's symbol and paragraph.
    pub record_reference: String,
}
