//! `/contributions`: the contributions, newest first (the API's list), and
//! `/contributions/new`: recording a donor and their pledge (or a one-off gift, without
//! one) through the API's use case; what it refuses is told beside the field.

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::Choice;
use crate::contributions::{self, DonorInput, DonorType, NewContribution};
use crate::db::Db;
use crate::domain::{CountryCode, Currency, Role};
use crate::http::PageParams;
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// Who may record contributions, as the API's `create_contribution` allows.
pub(super) const RECORDERS: &[Role] = &[Role::Finance, Role::Secretariat];

#[derive(Debug, Deserialize)]
pub(super) struct ListQuery {
    cursor: Option<String>,
}

/// `GET /contributions`.
#[get("/contributions")]
pub(super) async fn list_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(RECORDERS)?;
    let cursor = query.into_inner().cursor;
    let page = member
        .read(&db, move |conn, actor| {
            let page = PageParams {
                limit: None,
                cursor,
            }
            .request()?;
            contributions::list_contributions(conn, actor, page)
        })
        .await?;
    member.page(
        "finance_contributions.html",
        minijinja::context! { page => Serde(page) },
    )
}

/// The pledge form as typed.
#[derive(Debug, Deserialize, Serialize)]
pub(super) struct PledgeForm {
    #[serde(default)]
    donor_type: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    pledged: String,
    #[serde(default)]
    pledged_on: String,
}

fn donor_types(language: PageLanguage) -> Vec<Choice> {
    <DonorType as strum::VariantArray>::VARIANTS
        .iter()
        .map(|t| {
            Choice::new(
                t.code(),
                messages::plain(language, &format!("finance-donor-{}", t.code())),
            )
        })
        .collect()
}

fn form_page(
    member: &Member,
    form: PledgeForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        form => Serde(form),
        donor_types => Serde(donor_types(member.language)),
        errors,
    };
    if refused {
        member.form_refused("finance_contribution_new.html", context)
    } else {
        member.page("finance_contribution_new.html", context)
    }
}

/// `GET /contributions/new`: the form, dated today, in US dollars.
#[get("/contributions/new")]
pub(super) async fn new_page(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(RECORDERS)?;
    let form = PledgeForm {
        donor_type: DonorType::MemberState.code().to_string(),
        name: String::new(),
        country: String::new(),
        currency: Currency::USD.code().to_string(),
        pledged: String::new(),
        pledged_on: db.clock().today().to_string(),
    };
    form_page(&member, form, FormErrors::new())
}

/// The form read into what the use case takes, or what is wrong with it.
fn pledge_of(form: &PledgeForm, language: PageLanguage) -> Result<NewContribution, FormErrors> {
    let mut errors = FormErrors::new();
    let told = |key: &str| messages::plain(language, key);
    let donor_type = <DonorType as strum::VariantArray>::VARIANTS
        .iter()
        .copied()
        .find(|t| t.code() == form.donor_type);
    if donor_type.is_none() {
        errors.add("donor_type", told("finance-donor-type-missing"));
    }
    let country = match form.country.trim() {
        "" => None,
        typed => match CountryCode::parse(&typed.to_ascii_uppercase()) {
            Ok(code) => Some(code),
            Err(_) => {
                errors.add("country", told("finance-country-invalid"));
                None
            }
        },
    };
    let name = Some(form.name.trim().to_string()).filter(|n| !n.is_empty());
    let currency = Currency::parse(&form.currency.trim().to_ascii_uppercase()).ok();
    if currency.is_none() {
        errors.add("currency", told("finance-currency-invalid"));
    }
    let pledged = match (form.pledged.trim(), currency) {
        ("", _) => None,
        (typed, Some(currency)) => {
            let parsed = formats::positive_money(typed, currency, language);
            if parsed.is_none() {
                errors.add("pledged", told("finance-amount-invalid"));
            }
            parsed.map(crate::domain::PositiveMoney::into_inner)
        }
        (_, None) => None,
    };
    let pledged_on = super::typed_date(&form.pledged_on);
    if pledged_on.is_none() {
        errors.add("pledged_on", told("finance-date-invalid"));
    }
    match (donor_type, pledged_on) {
        (Some(donor_type), Some(pledged_on)) if errors.is_empty() => Ok(NewContribution {
            donor: DonorInput {
                name,
                donor_type,
                country,
            },
            pledged,
            pledged_on,
        }),
        _ => Err(errors),
    }
}

/// The form's field for a field the use case names.
fn field_of(field: &str) -> String {
    match field {
        "donor.name" => "name",
        "donor.country" => "country",
        "donor.donor_type" => "donor_type",
        "pledged_on" => "pledged_on",
        f if f.starts_with("pledged") => "pledged",
        _ => "donor_type",
    }
    .to_string()
}

/// `POST /contributions`: records the pledge, then shows it.
#[post("/contributions")]
pub(super) async fn post_new(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(RECORDERS)?;
    let form: PledgeForm = member.read_form(&body)?;
    let errors = match pledge_of(&form, member.language) {
        Ok(new) => {
            let recorded = member
                .caller
                .write(&db, move |tx| contributions::record_contribution(tx, new))
                .await;
            match recorded {
                Ok(view) => {
                    return Ok(member
                        .redirect(&format!("/contributions/{}?done=pledged", view.id))
                        .finish())
                }
                Err(error) => {
                    FormErrors::of_refusal(member.language, &error, "donor_type", field_of)
                        .ok_or_else(|| member.failed(error))?
                }
            }
        }
        Err(errors) => errors,
    };
    form_page(&member, form, errors)
}
