//! `POST /secretariat/applications/{id}/screening`: the screening result with its
//! eligibility checklist (every criterion met or not, a note on each one not met) and
//! the verdict with the reasons the organisation is told, recorded by the API's use case
//! (`voting::screen`, which opens voting on an eligible application). The form only
//! reads what was typed: whether a note is needed, whether the records contradict a
//! finding and whether the verdict follows the checklist are the use case's rules.

use std::collections::BTreeMap;

use actix_web::{post, web, HttpResponse};
use serde::Serialize;

use super::applications::{application_id, read, render};
use crate::applications::{Criterion, CriterionCheck, Screening};
use crate::db::Db;
use crate::domain::{ApplicationId, Role, Text};
use crate::error::AppError;
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// One criterion as the form holds it: `met` is `yes`, `no` or not chosen yet.
#[derive(Debug, Serialize)]
struct CriterionForm {
    criterion: &'static str,
    met: String,
    note: String,
}

/// The screening form as typed (or fresh): field names `met-{criterion}`,
/// `note-{criterion}`, `eligible` (`yes` / `no`) and `reasons` (one per line).
#[derive(Debug, Serialize)]
pub(super) struct ScreeningForm {
    criteria: Vec<CriterionForm>,
    eligible: String,
    reasons: String,
}

impl ScreeningForm {
    /// Nothing chosen: the secretariat states every criterion itself.
    pub fn fresh() -> ScreeningForm {
        ScreeningForm {
            criteria: Criterion::all()
                .iter()
                .map(|c| CriterionForm {
                    criterion: c.as_str(),
                    met: String::new(),
                    note: String::new(),
                })
                .collect(),
            eligible: String::new(),
            reasons: String::new(),
        }
    }

    fn typed(fields: &BTreeMap<String, String>) -> ScreeningForm {
        let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
        ScreeningForm {
            criteria: Criterion::all()
                .iter()
                .map(|c| CriterionForm {
                    criterion: c.as_str(),
                    met: field(&format!("met-{}", c.as_str())),
                    note: field(&format!("note-{}", c.as_str())),
                })
                .collect(),
            eligible: field("eligible"),
            reasons: field("reasons"),
        }
    }
}

/// A choice between `yes` and `no`, or its problem under `field`.
fn yes_or_no(
    typed: &str,
    field: &str,
    missing: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<bool> {
    match typed {
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.add(field, messages::plain(language, missing));
            None
        }
    }
}

/// A text as typed (empty: none), or its problem under `field`.
fn optional_text(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<String> {
    if typed.trim().is_empty() {
        return None;
    }
    match Text::parse(typed) {
        Ok(text) => Some(text.into_string()),
        Err(refused) => {
            errors.add(
                field,
                messages::text(
                    language,
                    "field-refused",
                    &[("reason", refused.to_string().into())],
                ),
            );
            None
        }
    }
}

/// The screening the form states, or what was wrong in reading it.
fn screening_of(
    form: &ScreeningForm,
    id: ApplicationId,
    language: PageLanguage,
) -> Result<Screening, FormErrors> {
    let mut errors = FormErrors::new();
    let mut checklist = Vec::new();
    for (criterion, typed) in Criterion::all().iter().zip(&form.criteria) {
        let name = criterion.as_str();
        let met = yes_or_no(
            &typed.met,
            &format!("met-{name}"),
            "sec-screen-met-missing",
            language,
            &mut errors,
        );
        let note = optional_text(&typed.note, &format!("note-{name}"), language, &mut errors);
        if let Some(met) = met {
            checklist.push(CriterionCheck {
                criterion: *criterion,
                met,
                note,
            });
        }
    }
    let eligible = yes_or_no(
        &form.eligible,
        "eligible",
        "sec-screen-eligible-missing",
        language,
        &mut errors,
    );
    let reasons: Vec<String> = form
        .reasons
        .lines()
        .filter_map(|line| optional_text(line, "reasons", language, &mut errors))
        .collect();
    match eligible {
        Some(eligible) if errors.is_empty() => Ok(Screening {
            application: id,
            eligible,
            reasons,
            checklist,
        }),
        _ => Err(errors),
    }
}

/// The form's field for a field the use case names: `checklist[i].met` is the i-th
/// criterion's choice (the checklist is sent in the form's order), `reasons[i]` the
/// reasons.
fn field_of(field: &str) -> Option<String> {
    if field == "reasons" || field.starts_with("reasons[") {
        return Some("reasons".to_string());
    }
    let rest = field.strip_prefix("checklist[")?;
    let (index, part) = rest.split_once("].")?;
    let criterion = Criterion::all().get(index.parse::<usize>().ok()?)?;
    let part = if part == "note" { "note" } else { "met" };
    Some(format!("{part}-{}", criterion.as_str()))
}

/// The use case's refusal beside the field it is about.
fn refusal(member: &Member, error: AppError) -> Result<FormErrors, PageError> {
    let language = member.language;
    // The two refusals a screener meets most, in the form's own words.
    if let AppError::BadRequest { errors, .. } = &error {
        if let Some(problem) = errors.first() {
            let key = if problem.field.ends_with(".note") {
                Some("sec-screen-note-missing")
            } else if problem.field == "reasons" {
                Some("sec-screen-reasons-missing")
            } else {
                None
            };
            if let (Some(key), Some(field)) = (key, field_of(&problem.field)) {
                let mut told = FormErrors::new();
                told.add(&field, messages::plain(language, key));
                return Ok(told);
            }
        }
    }
    super::refusals::told(language, &error, "eligible", field_of)
        .ok_or_else(|| member.failed(error))
}

/// `POST /secretariat/applications/{id}/screening`.
#[post("/secretariat/applications/{id}/screening")]
pub(super) async fn post_screening(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = application_id(&member, &path)?;
    let fields: BTreeMap<String, String> = member.read_form(&body)?;
    let form = ScreeningForm::typed(&fields);
    let errors = match screening_of(&form, id, member.language) {
        Ok(screening) => {
            let screened = member
                .caller
                .write(&db, move |tx| crate::voting::screen(tx, screening))
                .await;
            match screened {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/secretariat/applications/{id}?done=screened"))
                        .finish())
                }
                Err(error) => refusal(&member, error)?,
            }
        }
        Err(errors) => errors,
    };
    let loaded = read(&member, &db, id).await?;
    render(&member, loaded, Some(form), errors, None)
}
