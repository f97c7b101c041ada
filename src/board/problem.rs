//! A refusal that carries more than a sentence (a 422 in the API): for the seat rules the
//! client is told which rule, and also which group, which member already sits, or which
//! day is full, as fields beside the standard problem+json members (RFC 9457 allows
//! extension members).

use serde_json::{json, Map, Value};

use super::model::Appointment;
use super::rules::Refusal;
use crate::error::Rule;

/// A refusal by one of the Board's seat rules, with its extra information.
#[derive(Debug, Clone)]
pub struct Refused {
    pub rule: Rule,
    pub field: &'static str,
    pub detail: String,
    pub info: Map<String, Value>,
}

impl Refused {
    /// Words and extra members for a rule's refusal. `all` lets a geographic-balance
    /// refusal name the sitting member's nationality.
    pub fn from_refusal(refusal: Refusal, all: &[Appointment]) -> Refused {
        let mut info = Map::new();
        match refusal {
            Refusal::SeatLimit { on } => {
                info.insert("on".into(), json!(on));
                Refused {
                    rule: Rule::SeatLimit,
                    field: "term_start",
                    detail: format!(
                        "the Board has five seats and all five are taken on {on}: \
                         an appointment must wait for a seat to fall vacant"
                    ),
                    info,
                }
            }
            Refusal::GeographicBalance { group, member } => {
                let nationality = all
                    .iter()
                    .find(|a| a.id.as_uuid() == member.appointment_id)
                    .map(|a| a.nationality.code());
                info.insert("regional_group".into(), json!(group));
                info.insert(
                    "member".into(),
                    json!({
                        "appointment_id": member.appointment_id,
                        "name": member.name,
                        "nationality": nationality,
                        "term_start": member.term.start,
                        "term_end": member.term.end,
                    }),
                );
                Refused {
                    rule: Rule::GeographicBalance,
                    field: "nationality",
                    detail: format!(
                        "{} already hold(s) a seat for {group} from {} to {}: the Board has \
                         one member from each regional group",
                        member.name, member.term.start, member.term.end
                    ),
                    info,
                }
            }
            Refusal::TermLimit { run } => {
                info.insert("consecutive_terms".into(), json!(run));
                Refused {
                    rule: Rule::TermLimit,
                    field: "term_start",
                    detail: format!(
                        "this would be term {run} in a row for the same person: a trustee \
                         serves no more than two consecutive terms"
                    ),
                    info,
                }
            }
        }
    }
}
