//! `/contributions/{id}`: one contribution as the API shows it (the pledge, what was
//! received and is outstanding, its receipts), and the form that records money received
//! on it. The rate is filled in with the UN operational rate of exchange in force on the
//! day (finance's table of the month); another rate needs its reason, which the use case
//! asks for, as it does of the API.

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::contributions::RECORDERS;
use crate::contributions::{self, ContributionView, ReceiptEntry};
use crate::db::Db;
use crate::domain::{ContributionId, Currency, ExchangeRate};
use crate::error::AppError;
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// The receipt form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct ReceiptForm {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    rate: String,
    #[serde(default)]
    rate_reason: String,
    #[serde(default)]
    bank_reference: String,
}

/// The contribution and the rate in force on the form's day for its currency.
struct Loaded {
    contribution: ContributionView,
    rate_in_force: Option<ExchangeRate>,
}

/// The currency money is received in: the pledge's, or US dollars for a gift.
fn currency_of(view: &ContributionView) -> Currency {
    view.pledged
        .or(view.received)
        .map_or(Currency::USD, |m| m.currency())
}

async fn load(
    member: &Member,
    db: &Db,
    id: ContributionId,
    currency: Option<Currency>,
    on: NaiveDate,
) -> Result<Loaded, PageError> {
    member
        .read(db, move |conn, actor| {
            let contribution = contributions::get_contribution(conn, actor, id)?;
            let currency = currency.unwrap_or_else(|| currency_of(&contribution));
            let rate_in_force = crate::exchange_rates::in_force(conn, currency, on)?;
            Ok(Loaded {
                contribution,
                rate_in_force,
            })
        })
        .await
}

fn page(
    member: &Member,
    loaded: Loaded,
    form: ReceiptForm,
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        c => Serde(&loaded.contribution),
        rate_in_force => loaded.rate_in_force.map(|r| formats::decimal(r.value(), member.language)),
        form => Serde(form),
        errors,
        done => done.filter(|d| matches!(*d, "pledged" | "received")),
    };
    if refused {
        member.form_refused("finance_contribution.html", context)
    } else {
        member.page("finance_contribution.html", context)
    }
}

fn contribution_id(member: &Member, path: &str) -> Result<ContributionId, PageError> {
    path.parse::<uuid::Uuid>()
        .map(ContributionId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

#[derive(Debug, Deserialize)]
pub(super) struct Done {
    done: Option<String>,
}

/// `GET /contributions/{id}`: the receipt form dated today, at today's rate.
#[get("/contributions/{id}")]
pub(super) async fn contribution_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(RECORDERS)?;
    let id = contribution_id(&member, &path)?;
    let today = db.clock().today();
    let loaded = load(&member, &db, id, None, today).await?;
    let form = ReceiptForm {
        currency: currency_of(&loaded.contribution).code().to_string(),
        received_on: today.to_string(),
        rate: loaded
            .rate_in_force
            .map(|r| formats::decimal(r.value(), member.language))
            .unwrap_or_default(),
        ..ReceiptForm::default()
    };
    page(
        &member,
        loaded,
        form,
        FormErrors::new(),
        done.done.as_deref(),
    )
}

/// The form read into what the use case takes, or what is wrong with it.
fn entry_of(
    form: &ReceiptForm,
    id: ContributionId,
    language: PageLanguage,
) -> Result<ReceiptEntry, FormErrors> {
    let mut errors = FormErrors::new();
    let told = |key: &str| messages::plain(language, key);
    let currency = Currency::parse(&form.currency.trim().to_ascii_uppercase()).ok();
    if currency.is_none() {
        errors.add("currency", told("finance-currency-invalid"));
    }
    let amount = currency.and_then(|c| formats::positive_money(&form.amount, c, language));
    if amount.is_none() {
        errors.add("amount", told("finance-amount-invalid"));
    }
    let received_on = super::typed_date(&form.received_on);
    if received_on.is_none() {
        errors.add("received_on", told("finance-date-invalid"));
    }
    // Left blank, the use case takes the rate in force on the day.
    let rate = match form.rate.trim() {
        "" => None,
        typed => {
            let parsed = formats::plain_amount(typed, language)
                .and_then(|plain| ExchangeRate::parse(&plain).ok());
            if parsed.is_none() {
                errors.add("rate", told("finance-rate-invalid"));
            }
            parsed
        }
    };
    let bank_reference = form.bank_reference.trim().to_string();
    if bank_reference.is_empty() {
        errors.add("bank_reference", told("finance-reference-missing"));
    }
    let rate_reason = Some(form.rate_reason.trim().to_string()).filter(|r| !r.is_empty());
    match (amount, received_on) {
        (Some(amount), Some(received_on)) if errors.is_empty() => Ok(ReceiptEntry {
            contribution: id,
            amount,
            received_on,
            rate_to_usd: rate,
            bank_reference,
            rate_reason,
        }),
        _ => Err(errors),
    }
}

fn field_of(field: &str) -> String {
    match field {
        "received_on" => "received_on",
        "rate_to_usd" => "rate",
        "rate_reason" => "rate_reason",
        "bank_reference" => "bank_reference",
        "amount.currency" => "currency",
        _ => "amount",
    }
    .to_string()
}

/// `POST /contributions/{id}/receipts`: records the money received, then shows it.
#[post("/contributions/{id}/receipts")]
pub(super) async fn post_receipt(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(RECORDERS)?;
    let id = contribution_id(&member, &path)?;
    let form: ReceiptForm = member.read_form(&body)?;
    let errors = match entry_of(&form, id, member.language) {
        Ok(entry) => {
            let recorded = member
                .caller
                .write(&db, move |tx| contributions::record_receipt(tx, entry))
                .await;
            match recorded {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/contributions/{id}?done=received"))
                        .finish())
                }
                // A 409 is a bank reference already recorded on this contribution.
                Err(error) => {
                    FormErrors::of_refusal(member.language, &error, "bank_reference", field_of)
                        .ok_or_else(|| member.failed(error))?
                }
            }
        }
        Err(errors) => errors,
    };
    // The rate beside the form is the one in force on the day typed, when it is a day.
    let on = super::typed_date(&form.received_on).unwrap_or_else(|| db.clock().today());
    let currency = Currency::parse(&form.currency.trim().to_ascii_uppercase()).ok();
    let loaded = load(&member, &db, id, currency, on).await?;
    page(&member, loaded, form, errors, None)
}

/// `GET /contributions/{id}/receipts`: where a refused receipt's page stands (its
/// language links come back here); the contribution's page is what to show.
#[get("/contributions/{id}/receipts")]
pub(super) async fn back_to_contribution(
    member: Member,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    member.require(RECORDERS)?;
    let id = contribution_id(&member, &path)?;
    Ok(member.redirect(&format!("/contributions/{id}")).finish())
}
