//! A 422 that carries more than a sentence: for the seat rules the client is told which
//! rule, and also which group, which member already sits, or which day is full, as fields
//! beside the standard problem+json members (RFC 9457 allows extension members).

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::model::Appointment;
use super::rules::Refusal;
use crate::error::{FieldError, Problem, Rule, PROBLEM_JSON};

/// A refusal by one of the Board's seat rules, with its extra information.
#[derive(Debug, Clone)]
pub struct Refused {
    pub rule: Rule,
    pub field: &'static str,
    pub detail: String,
    pub info: Map<String, Value>,
}

#[derive(Serialize)]
struct ProblemWithInfo {
    #[serde(flatten)]
    problem: Problem,
    #[serde(flatten)]
    info: Map<String, Value>,
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

    pub fn response(self) -> HttpResponse {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        let body = ProblemWithInfo {
            problem: Problem {
                problem_type: format!("urn:trustfund:problem:{}", self.rule),
                title: status.canonical_reason().unwrap_or("Error").to_string(),
                status: status.as_u16(),
                detail: self.detail.clone(),
                rule: Some(self.rule),
                errors: vec![FieldError::new(self.field, self.detail)],
            },
            info: self.info,
        };
        HttpResponse::build(status)
            .content_type(PROBLEM_JSON)
            .json(body)
    }
}
