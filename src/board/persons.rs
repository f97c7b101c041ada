//! Who an appointment is for. One person's appointments share a `person_id` (the id of
//! their first appointment), which is what the term limit counts. The link is explicit:
//! the secretariat names the person of an earlier appointment (`person_id`), or links
//! the trustee's account, which already belongs to their earlier appointments. A name is
//! not an identity (two people share one; one person's is spelt two ways), so the same
//! name and nationality under another person is only a warning to check the link.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::model::Appointment;
use crate::domain::{AppointmentId, CountryCode, UserId};
use crate::error::{AppError, Rule};

/// What a warning on a new appointment is about.
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
pub enum AppointmentWarningKind {
    /// Another person's appointment has the same name and nationality: if it is the same
    /// person, the link (`person_id`) was forgotten and the term limit cannot see it.
    PossibleSamePerson,
}

/// A warning on an appointment that was nevertheless made.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AppointmentWarning {
    pub kind: AppointmentWarningKind,
    pub detail: String,
    /// The other appointment.
    #[schema(value_type = uuid::Uuid)]
    pub appointment_id: AppointmentId,
    /// The other appointment's person: name it as `person_id` to link them.
    #[schema(value_type = uuid::Uuid)]
    pub person_id: AppointmentId,
}

/// The person of a new appointment: the one named (it must have an appointment), else
/// the one the linked account already belongs to, else a new person (`new_id`). An
/// account that belongs to another person than the one named is refused.
pub fn resolve(
    all: &[Appointment],
    new_id: AppointmentId,
    named: Option<AppointmentId>,
    user: Option<UserId>,
) -> Result<AppointmentId, AppError> {
    if let Some(person) = named {
        if !all.iter().any(|a| a.person_id == person) {
            return Err(AppError::bad_field(
                "person_id",
                "no appointment of this person: name the person_id of an earlier appointment",
            ));
        }
    }
    let by_account = user.and_then(|u| {
        all.iter()
            .filter(|a| a.user_id == Some(u))
            .max_by_key(|a| a.term_start)
    });
    match (named, by_account) {
        (Some(person), Some(earlier)) if earlier.person_id != person => {
            Err(AppError::rule_on_field(
                Rule::TrusteeAccount,
                "person_id",
                format!(
                    "the linked account belongs to the appointments of {} (person_id {}): \
                     one account, one person",
                    earlier.name, earlier.person_id
                ),
            ))
        }
        (Some(person), _) => Ok(person),
        (None, Some(earlier)) => Ok(earlier.person_id),
        (None, None) => Ok(new_id),
    }
}

/// Other people's appointments under the same name and nationality.
pub fn namesakes(
    all: &[Appointment],
    name: &str,
    nationality: CountryCode,
    person: AppointmentId,
) -> Vec<AppointmentWarning> {
    all.iter()
        .filter(|a| a.namesake_of(name, nationality, person))
        .map(|a| AppointmentWarning {
            kind: AppointmentWarningKind::PossibleSamePerson,
            detail: format!(
                "{} ({}) held appointment {} ({} to {}) as another person: if this is the \
                 same person, name person_id {} so the term limit counts both",
                a.name,
                a.nationality.code(),
                a.id,
                a.term_start,
                a.effective_term().end,
                a.person_id
            ),
            appointment_id: a.id,
            person_id: a.person_id,
        })
        .collect()
}
