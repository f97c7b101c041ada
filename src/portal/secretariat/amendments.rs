//! `/secretariat/grants/{id}/amendment`: amending a grant (`grants::amend`, as the API's
//! `POST /api/v1/grants/{id}/amendments`): first the kind (extension, budget revision,
//! award change), then the fields that kind needs, with the reason and the Board's
//! decision. And `/secretariat/grants/{id}/cancellation`: what cancelling releases, shown
//! before the secretariat confirms it with the reason and the Board's decision
//! (`grants::cancel`).

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::agreements::{amount, line_field, lines_of, sum_against, LineRow, Sum};
use super::grants::{grant_id, heading, refusal, required_text, Heading};
use crate::config::GrantSettings;
use crate::db::Db;
use crate::domain::{Role, ShortText};
use crate::grants::{AmendmentKind, Cancel, NewAmendment, TrancheState};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

const KINDS: [&str; 3] = ["extension", "budget_revision", "award_change"];

fn kind_named(name: &str) -> Option<AmendmentKind> {
    match name {
        "extension" => Some(AmendmentKind::Extension),
        "budget_revision" => Some(AmendmentKind::BudgetRevision),
        "award_change" => Some(AmendmentKind::AwardChange),
        _ => None,
    }
}

/// The amendment as typed. `action` is `add_line` for one more budget row.
#[derive(Debug, Default, Deserialize, Serialize)]
struct AmendmentForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    board_decision: String,
    #[serde(default)]
    period_end: String,
    #[serde(default)]
    award: String,
    #[serde(default)]
    line_label: Vec<String>,
    #[serde(default)]
    line_amount: Vec<String>,
    #[serde(default)]
    action: String,
}

#[derive(Debug, Deserialize)]
struct KindQuery {
    kind: Option<String>,
}

/// The grant, while it may still be amended or cancelled (else its page is shown).
async fn open(
    member: &Member,
    db: &Db,
    path: &str,
) -> Result<Result<Heading, HttpResponse>, PageError> {
    let id = grant_id(member, path)?;
    let heading = heading(member, db, id).await?;
    if !heading.grant.state.is_open() {
        return Ok(Err(member
            .redirect(&format!("/secretariat/grants/{id}"))
            .finish()));
    }
    Ok(Ok(heading))
}

fn render(
    member: &Member,
    heading: &Heading,
    form: &AmendmentForm,
    lines: &[LineRow],
    line_sum: Option<Sum>,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        grant => Serde(&heading.grant),
        named => Serde(&heading.named),
        kinds => KINDS,
        kind => kind_named(&form.kind).map(|_| form.kind.as_str()),
        form => Serde(form),
        lines => Serde(lines),
        line_sum => Serde(line_sum),
        errors,
    };
    if refused {
        member.form_refused("secretariat_grant_amend.html", context)
    } else {
        member.page("secretariat_grant_amend.html", context)
    }
}

/// `GET /secretariat/grants/{id}/amendment?kind=…`: the kinds to choose from, or the
/// chosen kind's form (a budget revision starts from the budget as it stands).
#[get("/secretariat/grants/{id}/amendment")]
pub(super) async fn amendment_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    query: web::Query<KindQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let heading = match open(&member, &db, &path).await? {
        Ok(heading) => heading,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let g = &heading.grant;
    let language = member.language;
    let mut form = AmendmentForm {
        kind: query.kind.clone().unwrap_or_default(),
        ..AmendmentForm::default()
    };
    for line in &g.budget {
        form.line_label.push(line.label.clone());
        form.line_amount.push(crate::portal::formats::decimal(
            line.budget.amount(),
            language,
        ));
    }
    form.line_label.push(String::new());
    form.line_amount.push(String::new());
    let mut unused = FormErrors::new();
    let lines = lines_of(
        &form.line_label,
        &form.line_amount,
        g.award.currency(),
        language,
        &mut unused,
    );
    let sum = sum_against(&lines.amounts, lines.unread, g.award);
    render(
        &member,
        &heading,
        &form,
        &lines.rows,
        Some(sum),
        FormErrors::new(),
    )
}

fn date(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<NaiveDate> {
    let key = if typed.trim().is_empty() {
        "sgr-date-missing"
    } else if let Ok(day) = NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d") {
        return Some(day);
    } else {
        "sgr-date-unreadable"
    };
    errors.add(field, messages::plain(language, key));
    None
}

/// `POST /secretariat/grants/{id}/amendment`.
#[post("/secretariat/grants/{id}/amendment")]
pub(super) async fn post_amendment(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<GrantSettings>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let mut form: AmendmentForm = member.read_form(&body)?;
    let heading = match open(&member, &db, &path).await? {
        Ok(heading) => heading,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let id = heading.grant.id;
    let award = heading.grant.award;
    let currency = award.currency();
    let language = member.language;
    let Some(kind) = kind_named(&form.kind) else {
        return Ok(member
            .redirect(&format!("/secretariat/grants/{id}/amendment"))
            .finish());
    };
    if form.action == "add_line" {
        let rows = form.line_label.len().max(form.line_amount.len());
        form.line_label.resize(rows + 1, String::new());
        form.line_amount.resize(rows + 1, String::new());
    }
    let mut errors = FormErrors::new();
    let lines = lines_of(
        &form.line_label,
        &form.line_amount,
        currency,
        language,
        &mut errors,
    );
    // A budget revision's lines add up to the award; an award change's to the new award.
    let new_award = (kind == AmendmentKind::AwardChange)
        .then(|| amount(&form.award, currency, language))
        .flatten();
    let line_sum = sum_against(&lines.amounts, lines.unread, new_award.unwrap_or(award));
    if form.action == "add_line" {
        return render(
            &member,
            &heading,
            &form,
            &lines.rows,
            Some(line_sum),
            FormErrors::new(),
        );
    }
    let reason = required_text(
        &form.reason,
        "reason",
        "sgr-reason-missing",
        language,
        &mut errors,
    );
    let board_decision = if form.board_decision.trim().is_empty() {
        None
    } else {
        match ShortText::parse(&form.board_decision) {
            Ok(text) => Some(text.into_string()),
            Err(refused) => {
                errors.add(
                    "board_decision",
                    messages::text(
                        language,
                        "field-refused",
                        &[("reason", refused.to_string().into())],
                    ),
                );
                None
            }
        }
    };
    let mut period_end = None;
    let mut budget_lines = None;
    let mut new = None;
    match kind {
        AmendmentKind::Extension => {
            period_end = date(&form.period_end, "period_end", language, &mut errors);
        }
        AmendmentKind::BudgetRevision => {
            budget_lines = Some(lines.lines.clone());
        }
        AmendmentKind::AwardChange => {
            if new_award.is_none() {
                let key = if form.award.trim().is_empty() {
                    "sgr-amount-missing"
                } else {
                    "sgr-amount-unreadable"
                };
                errors.add("award", messages::plain(language, key));
            }
            // Left out, the last line takes the change.
            budget_lines = (!lines.lines.is_empty()).then(|| lines.lines.clone());
        }
    }
    if let (Some(reason), true) = (reason, errors.is_empty()) {
        new = Some(NewAmendment {
            grant: id,
            kind,
            reason: reason.into_string(),
            board_decision,
            period_end,
            budget_lines,
            award: new_award,
            tranches: None,
            extension_max_months: settings.extension_max_months,
        });
    }
    if let Some(new) = new {
        match member
            .caller
            .write(&db, move |tx| crate::grants::amend(tx, new))
            .await
        {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/grants/{id}?done=amended"))
                    .finish())
            }
            Err(error) => {
                let from_rows = lines.from_rows.clone();
                errors = refusal(language, &error, "reason", |field| match field {
                    "period_end" | "award" | "board_decision" | "reason" => Some(field.into()),
                    _ => line_field(field, &from_rows),
                })
                .ok_or_else(|| member.failed(error))?;
            }
        }
    }
    render(
        &member,
        &heading,
        &form,
        &lines.rows,
        Some(line_sum),
        errors,
    )
}

/// The cancellation as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
struct CancelForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    board_decision: String,
}

fn render_cancel(
    member: &Member,
    heading: &Heading,
    form: &CancelForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let g = &heading.grant;
    // What cancelling releases and what stands: the grant as it is now.
    let unpaid: Vec<i32> = g
        .tranches
        .iter()
        .filter(|t| !matches!(t.state, TrancheState::Paid | TrancheState::Released))
        .map(|t| t.number)
        .collect();
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        grant => Serde(g),
        named => Serde(&heading.named),
        unpaid => unpaid,
        form => Serde(form),
        errors,
    };
    if refused {
        member.form_refused("secretariat_grant_cancel.html", context)
    } else {
        member.page("secretariat_grant_cancel.html", context)
    }
}

/// `GET /secretariat/grants/{id}/cancellation`: what it releases, and the form.
#[get("/secretariat/grants/{id}/cancellation")]
pub(super) async fn cancellation_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    match open(&member, &db, &path).await? {
        Ok(heading) => render_cancel(&member, &heading, &CancelForm::default(), FormErrors::new()),
        Err(elsewhere) => Ok(elsewhere),
    }
}

/// `POST /secretariat/grants/{id}/cancellation`.
#[post("/secretariat/grants/{id}/cancellation")]
pub(super) async fn post_cancellation(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let form: CancelForm = member.read_form(&body)?;
    let heading = match open(&member, &db, &path).await? {
        Ok(heading) => heading,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let id = heading.grant.id;
    let language = member.language;
    let mut errors = FormErrors::new();
    let reason = required_text(
        &form.reason,
        "reason",
        "sgr-reason-missing",
        language,
        &mut errors,
    );
    let board_decision = if form.board_decision.trim().is_empty() {
        errors.add(
            "board_decision",
            messages::plain(language, "sgr-board-decision-missing"),
        );
        None
    } else {
        match ShortText::parse(&form.board_decision) {
            Ok(text) => Some(text.into_string()),
            Err(refused) => {
                errors.add(
                    "board_decision",
                    messages::text(
                        language,
                        "field-refused",
                        &[("reason", refused.to_string().into())],
                    ),
                );
                None
            }
        }
    };
    if let (Some(reason), Some(board_decision), true) = (reason, board_decision, errors.is_empty())
    {
        let command = Cancel {
            grant: id,
            reason: reason.into_string(),
            board_decision,
        };
        match member
            .caller
            .write(&db, move |tx| crate::grants::cancel(tx, command))
            .await
        {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/grants/{id}?done=cancelled"))
                    .finish())
            }
            Err(error) => {
                errors = refusal(language, &error, "reason", |field| match field {
                    "reason" | "board_decision" => Some(field.into()),
                    _ => None,
                })
                .ok_or_else(|| member.failed(error))?;
            }
        }
    }
    render_cancel(&member, &heading, &form, errors)
}
