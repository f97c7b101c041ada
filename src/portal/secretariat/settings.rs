//! `/secretariat/settings`: the Fund's settings (the programme support cost rate, the
//! operating reserve and the largest grant a call may offer), each explained, changed
//! by the API's use case (`fund::change_settings`, which holds the bounds and refuses a
//! reserve that would leave less than nothing available). Rates are typed as
//! percentages, as people speak of them, and handed to the use case as the rates it
//! reads (`13` is `0.13`).

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calls::{shown_amount, typed_usd};
use super::Done;
use crate::db::Db;
use crate::domain::Role;
use crate::error::{AppError, Rule};
use crate::fund::{FundView, SettingsChange, MAX_OPERATING_RESERVE_RATE, MAX_PSC_RATE};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
struct SettingsForm {
    psc_rate: String,
    operating_reserve_rate: String,
    max_grant: String,
}

/// A rate as a percentage in the page's language (`0.13` is `13`).
fn percent(rate: Decimal, language: PageLanguage) -> String {
    formats::decimal((rate * HUNDRED).normalize(), language)
}

impl SettingsForm {
    fn of(fund: &FundView, language: PageLanguage) -> SettingsForm {
        SettingsForm {
            psc_rate: percent(fund.settings.psc_rate, language),
            operating_reserve_rate: percent(fund.settings.operating_reserve_rate, language),
            max_grant: fund
                .settings
                .max_grant
                .as_ref()
                .map(|m| shown_amount(m, language))
                .unwrap_or_default(),
        }
    }
}

/// A percentage as typed, as the rate the use case reads (`"0.13"`), or its problem.
fn typed_rate(
    typed: &str,
    field: &str,
    language: PageLanguage,
    errors: &mut FormErrors,
) -> Option<String> {
    let rate = formats::plain_amount(typed.trim_end_matches('%'), language)
        .and_then(|plain| plain.parse::<Decimal>().ok())
        .map(|p| (p / HUNDRED).normalize().to_string());
    if rate.is_none() {
        errors.add(field, messages::plain(language, "sec-typed-percent"));
    }
    rate
}

fn change_of(form: &SettingsForm, language: PageLanguage) -> Result<SettingsChange, FormErrors> {
    let mut errors = FormErrors::new();
    let psc_rate = typed_rate(&form.psc_rate, "psc_rate", language, &mut errors);
    let reserve = typed_rate(
        &form.operating_reserve_rate,
        "operating_reserve_rate",
        language,
        &mut errors,
    );
    // An empty cap is no cap: the API's `max_grant: null`.
    let max_grant = if form.max_grant.trim().is_empty() {
        Some(None)
    } else {
        typed_usd(&form.max_grant, "max_grant", language, &mut errors).map(Some)
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SettingsChange {
        psc_rate,
        operating_reserve_rate: reserve,
        max_grant,
    })
}

/// The use case's refusal beside its field: a rate's bounds as percentages, a reserve
/// that would leave nothing available in the page's words with the ledger's figures.
fn refusal(member: &Member, error: AppError) -> Result<FormErrors, PageError> {
    let language = member.language;
    let mut told = FormErrors::new();
    match &error {
        AppError::BadRequest { errors, .. } => {
            for problem in errors {
                let field = problem.field.split('.').next().unwrap_or_default();
                let max = match field {
                    "psc_rate" => MAX_PSC_RATE,
                    "operating_reserve_rate" => MAX_OPERATING_RESERVE_RATE,
                    _ => {
                        told.add(
                            "max_grant",
                            messages::text(
                                language,
                                "field-refused",
                                &[("reason", problem.message.clone().into())],
                            ),
                        );
                        continue;
                    }
                };
                told.add(
                    field,
                    messages::text(
                        language,
                        "sec-settings-rate-bounds",
                        &[("max", percent(max, language).into())],
                    ),
                );
            }
        }
        AppError::Rule {
            rule: Rule::InsufficientFunds,
            detail,
            ..
        } => told.add(
            "operating_reserve_rate",
            messages::text(
                language,
                "sec-settings-reserve-too-high",
                &[("detail", detail.clone().into())],
            ),
        ),
        _ => {
            return super::refusals::told(language, &error, "psc_rate", |f| {
                Some(f.split('.').next().unwrap_or(f).to_string())
            })
            .ok_or_else(|| member.failed(error))
        }
    }
    if told.is_empty() {
        return Err(member.failed(error));
    }
    Ok(told)
}

fn render(
    member: &Member,
    fund: FundView,
    form: Option<SettingsForm>,
    errors: FormErrors,
    done: bool,
) -> Result<HttpResponse, PageError> {
    let language = member.language;
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        form => Serde(form.unwrap_or_else(|| SettingsForm::of(&fund, language))),
        psc_now => percent(fund.settings.psc_rate, language),
        reserve_now => percent(fund.settings.operating_reserve_rate, language),
        psc_max => percent(MAX_PSC_RATE, language),
        reserve_max => percent(MAX_OPERATING_RESERVE_RATE, language),
        fund => Serde(&fund),
        errors,
        done,
    };
    if refused {
        member.form_refused("secretariat_settings.html", context)
    } else {
        member.page("secretariat_settings.html", context)
    }
}

async fn read(member: &Member, db: &Db) -> Result<FundView, PageError> {
    member.read(db, crate::fund::show).await
}

/// `GET /secretariat/settings`.
#[get("/secretariat/settings")]
pub(super) async fn settings_page(
    member: Member,
    db: web::Data<Db>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let fund = read(&member, &db).await?;
    let done = done.done.as_deref() == Some("changed");
    render(&member, fund, None, FormErrors::new(), done)
}

/// `POST /secretariat/settings`: the API's `PATCH /api/v1/fund/settings`.
#[post("/secretariat/settings")]
pub(super) async fn post_settings(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let form: SettingsForm = member.read_form(&body)?;
    let errors = match change_of(&form, member.language) {
        Ok(change) => {
            let changed = member
                .caller
                .write(&db, move |tx| crate::fund::change_settings(tx, change))
                .await;
            match changed {
                Ok(_) => {
                    return Ok(member
                        .redirect("/secretariat/settings?done=changed")
                        .finish())
                }
                Err(error) => refusal(&member, error)?,
            }
        }
        Err(errors) => errors,
    };
    let fund = read(&member, &db).await?;
    render(&member, fund, Some(form), errors, false)
}
