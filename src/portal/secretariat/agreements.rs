//! `/secretariat/grants/{id}/agreement`: the agreement's builder, rows of tranches
//! (amount, due date) and of budget lines (label, amount), with the sum of each table
//! against the award computed by the server each time the form comes back; "Add a
//! tranche" and "Add a budget line" are submit buttons that bring the form back with one
//! more empty row, so the builder works without JavaScript. Signing is the API's use case
//! (`grants::sign_agreement`): the sums, the dates and the signed file are its rules,
//! told beside the rows they are about.

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::grants::{grant_id, heading, refusal, total, Heading};
use crate::db::Db;
use crate::domain::{Currency, GrantId, Money, Role, ShortText};
use crate::grants::{BudgetLine, GrantState, NewAgreement};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// The most rows of either table (the use case allows 12 tranches).
const MAX_ROWS: usize = 12;

/// The builder as typed: tranche `i` is `tranche_amount[i]`, `tranche_due[i]`; budget
/// line `i` is `line_label[i]`, `line_amount[i]`; `action` the button pressed.
#[derive(Debug, Default, Deserialize)]
pub(super) struct AgreementForm {
    #[serde(default)]
    signed_on: String,
    #[serde(default)]
    period_start: String,
    #[serde(default)]
    period_end: String,
    #[serde(default)]
    tranche_amount: Vec<String>,
    #[serde(default)]
    tranche_due: Vec<String>,
    #[serde(default)]
    pub line_label: Vec<String>,
    #[serde(default)]
    pub line_amount: Vec<String>,
    #[serde(default)]
    pub action: String,
}

/// A tranche's row as the page shows it.
#[derive(Debug, Serialize)]
struct TrancheRow {
    amount: String,
    due: String,
    /// The tranche before it whose report must be accepted before it is paid (none for
    /// the first: the payment gate is `grants::tranche_gate`'s, shown, not chosen).
    report_on: Option<usize>,
}

/// A budget line's row as the page shows it.
#[derive(Debug, Serialize)]
pub(super) struct LineRow {
    label: String,
    amount: String,
}

/// A table's sum against the award, as the page shows it.
#[derive(Debug, Serialize)]
pub(super) struct Sum {
    total: Money,
    /// `meets`, `short` or `over`.
    verdict: &'static str,
    /// How far from the award (never negative).
    gap: Money,
    /// Some amounts could not be read and are left out of the total.
    partial: bool,
}

pub(super) fn sum_against(amounts: &[Money], unread: bool, award: Money) -> Sum {
    let currency = award.currency();
    let total = total(currency, amounts);
    let (verdict, gap) = match total.amount().cmp(&award.amount()) {
        std::cmp::Ordering::Equal => ("meets", Money::zero(currency)),
        std::cmp::Ordering::Less => ("short", award.checked_sub(total).unwrap_or(award)),
        std::cmp::Ordering::Greater => ("over", total.checked_sub(award).unwrap_or(total)),
    };
    Sum {
        total,
        verdict,
        gap,
        partial: unread,
    }
}

fn blank(texts: &[&str]) -> bool {
    texts.iter().all(|t| t.trim().is_empty())
}

/// An amount typed in `language`, zero allowed.
pub(super) fn amount(typed: &str, currency: Currency, language: PageLanguage) -> Option<Money> {
    let code = currency.code();
    let typed = typed.trim();
    let bare = typed
        .strip_prefix(code)
        .or_else(|| typed.strip_suffix(code))
        .unwrap_or(typed);
    formats::plain_amount(bare, language).and_then(|plain| Money::parse(&plain, currency).ok())
}

fn date(typed: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").ok()
}

/// A date field of the form, or its problem.
fn date_field(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<NaiveDate> {
    let key = if typed.trim().is_empty() {
        "sgr-date-missing"
    } else {
        match date(typed) {
            Some(day) => return Some(day),
            None => "sgr-date-unreadable",
        }
    };
    errors.add(field, messages::plain(language, key));
    None
}

/// Budget lines as typed: the rows, and the lines the filled ones state (with the row
/// each came from), or their problems under `line-label-{row}` / `line-amount-{row}`.
pub(super) struct Lines {
    pub rows: Vec<LineRow>,
    pub amounts: Vec<Money>,
    pub unread: bool,
    pub lines: Vec<BudgetLine>,
    pub from_rows: Vec<usize>,
}

pub(super) fn lines_of(
    labels: &[String],
    amounts: &[String],
    currency: Currency,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Lines {
    let count = labels.len().max(amounts.len());
    let field = |texts: &[String], i: usize| texts.get(i).cloned().unwrap_or_default();
    let mut out = Lines {
        rows: Vec::new(),
        amounts: Vec::new(),
        unread: false,
        lines: Vec::new(),
        from_rows: Vec::new(),
    };
    for i in 0..count {
        let (label, typed) = (field(labels, i), field(amounts, i));
        out.rows.push(LineRow {
            label: label.clone(),
            amount: typed.clone(),
        });
        if blank(&[&label, &typed]) {
            continue;
        }
        let read = amount(&typed, currency, language);
        match read {
            Some(money) => out.amounts.push(money),
            None => {
                out.unread = true;
                let key = if typed.trim().is_empty() {
                    "sgr-amount-missing"
                } else {
                    "sgr-amount-unreadable"
                };
                errors.add(&format!("line-amount-{i}"), messages::plain(language, key));
            }
        }
        let label = if label.trim().is_empty() {
            errors.add(
                &format!("line-label-{i}"),
                messages::plain(language, "sgr-line-label-missing"),
            );
            None
        } else {
            match ShortText::parse(&label) {
                Ok(text) => Some(text.into_string()),
                Err(refused) => {
                    errors.add(
                        &format!("line-label-{i}"),
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
        if let (Some(label), Some(amount)) = (label, read) {
            out.lines.push(BudgetLine { label, amount });
            out.from_rows.push(i);
        }
    }
    out
}

/// The form's field for a budget line's field the use case names (`budget_lines[2].label`
/// is the label of the row the third line came from).
pub(super) fn line_field(field: &str, from_rows: &[usize]) -> Option<String> {
    if field == "budget_lines" {
        return Some("budget_lines".into());
    }
    let rest = field.strip_prefix("budget_lines[")?;
    let (index, part) = rest.split_once("].")?;
    let row = from_rows.get(index.parse::<usize>().ok()?)?;
    let part = if part == "label" { "label" } else { "amount" };
    Some(format!("line-{part}-{row}"))
}

/// What the form states, read; with the rows and sums to show again.
struct Read {
    tranches: Vec<TrancheRow>,
    lines: Vec<LineRow>,
    tranche_sum: Sum,
    line_sum: Sum,
    /// The agreement, when everything typed could be read.
    agreement: Option<NewAgreement>,
    tranche_rows: Vec<usize>,
    line_rows: Vec<usize>,
}

fn read(
    form: &AgreementForm,
    grant: GrantId,
    award: Money,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Read {
    let currency = award.currency();
    let signed_on = date_field(&form.signed_on, "signed_on", language, errors);
    let period_start = date_field(&form.period_start, "period_start", language, errors);
    let period_end = date_field(&form.period_end, "period_end", language, errors);
    let count = form.tranche_amount.len().max(form.tranche_due.len());
    let field = |texts: &[String], i: usize| texts.get(i).cloned().unwrap_or_default();
    let mut rows = Vec::new();
    let mut amounts = Vec::new();
    let mut unread = false;
    let mut tranches = Vec::new();
    let mut tranche_rows = Vec::new();
    for i in 0..count {
        let (typed, due) = (field(&form.tranche_amount, i), field(&form.tranche_due, i));
        rows.push(TrancheRow {
            amount: typed.clone(),
            due: due.clone(),
            report_on: None,
        });
        if blank(&[&typed, &due]) {
            continue;
        }
        let read = formats::positive_money(&typed, currency, language);
        match read {
            Some(money) => amounts.push(money.into_inner()),
            None => {
                unread = true;
                let key = if typed.trim().is_empty() {
                    "sgr-amount-missing"
                } else {
                    "sgr-tranche-amount-unreadable"
                };
                errors.add(
                    &format!("tranche-amount-{i}"),
                    messages::plain(language, key),
                );
            }
        }
        let due = date_field(&due, &format!("tranche-due-{i}"), language, errors);
        if let (Some(money), Some(due)) = (read, due) {
            tranches.push((money.into_inner(), due));
            tranche_rows.push(i);
        }
    }
    // Which report gates which tranche follows from the order of the filled rows.
    for (n, row) in tranche_rows.iter().enumerate() {
        rows[*row].report_on = (n > 0).then_some(n);
    }
    // A row with a problem says so itself; a table left empty is told once.
    if tranche_rows.is_empty() && !unread && amounts.is_empty() {
        errors.add(
            "tranches",
            messages::plain(language, "sgr-tranches-missing"),
        );
    }
    let lines = lines_of(
        &form.line_label,
        &form.line_amount,
        currency,
        language,
        errors,
    );
    let tranche_sum = sum_against(&amounts, unread, award);
    let line_sum = sum_against(&lines.amounts, lines.unread, award);
    let agreement = match (signed_on, period_start, period_end) {
        (Some(signed_on), Some(period_start), Some(period_end)) if errors.is_empty() => {
            Some(NewAgreement {
                grant,
                signed_on,
                period_start,
                period_end,
                tranches,
                // No line typed: the application's budget, when it adds up to the award.
                budget_lines: (!lines.lines.is_empty()).then_some(lines.lines),
            })
        }
        _ => None,
    };
    Read {
        tranches: rows,
        lines: lines.rows,
        tranche_sum,
        line_sum,
        agreement,
        tranche_rows,
        line_rows: lines.from_rows,
    }
}

/// The form's field for a field the use case names.
fn field_of(field: &str, tranche_rows: &[usize], line_rows: &[usize]) -> Option<String> {
    match field {
        "tranches" | "signed_on" | "period_start" | "period_end" | "documents" => {
            return Some(field.to_string())
        }
        _ => {}
    }
    if let Some(rest) = field.strip_prefix("tranches[") {
        let (index, part) = rest.split_once("].")?;
        let row = tranche_rows.get(index.parse::<usize>().ok()?)?;
        let part = if part == "due_on" { "due" } else { "amount" };
        return Some(format!("tranche-{part}-{row}"));
    }
    line_field(field, line_rows)
}

fn render(
    member: &Member,
    heading: &Heading,
    form: &AgreementForm,
    read: &Read,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        grant => Serde(&heading.grant),
        named => Serde(&heading.named),
        signed_on => &form.signed_on,
        period_start => &form.period_start,
        period_end => &form.period_end,
        tranches => Serde(&read.tranches),
        lines => Serde(&read.lines),
        tranche_sum => Serde(&read.tranche_sum),
        line_sum => Serde(&read.line_sum),
        max_rows => MAX_ROWS,
        errors,
    };
    if refused {
        member.form_refused("secretariat_agreement.html", context)
    } else {
        member.page("secretariat_agreement.html", context)
    }
}

/// The grant, if it still waits for its agreement (else the grant's page is shown).
async fn awaiting(
    member: &Member,
    db: &Db,
    path: &str,
) -> Result<Result<Heading, HttpResponse>, PageError> {
    let id = grant_id(member, path)?;
    let heading = heading(member, db, id).await?;
    if heading.grant.state != GrantState::Awarded {
        return Ok(Err(member
            .redirect(&format!("/secretariat/grants/{id}"))
            .finish()));
    }
    Ok(Ok(heading))
}

/// `GET /secretariat/grants/{id}/agreement`: the builder, with two tranche rows and the
/// application's budget labels to price at the award.
#[get("/secretariat/grants/{id}/agreement")]
pub(super) async fn agreement_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let heading = match awaiting(&member, &db, &path).await? {
        Ok(heading) => heading,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let application = heading.grant.application_id;
    let labels = member
        .read(&db, move |conn, actor| {
            Ok(
                crate::applications::show_application(conn, actor, application)?
                    .budget_lines
                    .into_iter()
                    .map(|l| l.label.into_string())
                    .collect::<Vec<_>>(),
            )
        })
        .await?;
    let rows = labels.len().max(1);
    let form = AgreementForm {
        tranche_amount: vec![String::new(); 2],
        tranche_due: vec![String::new(); 2],
        line_amount: vec![String::new(); rows],
        line_label: labels,
        ..AgreementForm::default()
    };
    let mut unused = FormErrors::new();
    let read = read(
        &form,
        heading.grant.id,
        heading.grant.award,
        member.language,
        &mut unused,
    );
    render(&member, &heading, &form, &read, FormErrors::new())
}

/// `POST /secretariat/grants/{id}/agreement`: one more row, or the agreement signed.
#[post("/secretariat/grants/{id}/agreement")]
pub(super) async fn post_agreement(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let mut form: AgreementForm = member.read_form(&body)?;
    let heading = match awaiting(&member, &db, &path).await? {
        Ok(heading) => heading,
        Err(elsewhere) => return Ok(elsewhere),
    };
    let id = heading.grant.id;
    let language = member.language;
    let grow = |texts: &mut Vec<String>, other: &mut Vec<String>| {
        let rows = texts.len().max(other.len());
        texts.resize(rows, String::new());
        other.resize(rows, String::new());
        if rows < MAX_ROWS {
            texts.push(String::new());
            other.push(String::new());
        }
    };
    match form.action.as_str() {
        "add_tranche" => grow(&mut form.tranche_amount, &mut form.tranche_due),
        "add_line" => grow(&mut form.line_label, &mut form.line_amount),
        _ => {}
    }
    let mut errors = FormErrors::new();
    let read = read(&form, id, heading.grant.award, language, &mut errors);
    if matches!(form.action.as_str(), "add_tranche" | "add_line") {
        // Not a submission: the rows come back, with their sums, and no complaint yet.
        return render(&member, &heading, &form, &read, FormErrors::new());
    }
    if let Some(agreement) = read.agreement.clone() {
        match member
            .caller
            .write(&db, move |tx| crate::grants::sign_agreement(tx, agreement))
            .await
        {
            Ok(_) => {
                return Ok(member
                    .redirect(&format!("/secretariat/grants/{id}?done=signed"))
                    .finish())
            }
            Err(error) => {
                let (tranche_rows, line_rows) = (read.tranche_rows.clone(), read.line_rows.clone());
                errors = refusal(language, &error, "agreement", |field| {
                    field_of(field, &tranche_rows, &line_rows)
                })
                .ok_or_else(|| member.failed(error))?;
            }
        }
    }
    render(&member, &heading, &form, &read, errors)
}
