//! `POST /payments/{grant}/refunds`: money a grantee returned, recorded from the grant's
//! payment page through the API's own use case (`grants::refund`); what it refuses (more
//! than was paid, a closed month, a bank reference the grant already carries) is told
//! beside the field, and the payment page shows the grant as it then stands.

use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::payments;
use crate::db::Db;
use crate::domain::Role;
use crate::grants::{self, GrantView, NewRefund};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

/// The refund form as typed. Its names differ from the payment form's beside it, so
/// that each field of the page has its own id.
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct RefundForm {
    #[serde(default)]
    refund_amount: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    bank_reference: String,
    #[serde(default)]
    reason: String,
}

impl RefundForm {
    /// The form as it first stands: received today, the rest to be typed.
    pub(super) fn fresh(today: chrono::NaiveDate) -> RefundForm {
        RefundForm {
            received_on: today.to_string(),
            ..RefundForm::default()
        }
    }
}

/// The form read into what the use case takes, or what is wrong with it.
fn refund_of(
    form: &RefundForm,
    grant: &GrantView,
    language: PageLanguage,
) -> Result<NewRefund, FormErrors> {
    let mut errors = FormErrors::new();
    let told = |key: &str| messages::plain(language, key);
    let amount = formats::positive_money(&form.refund_amount, grant.award.currency(), language);
    if amount.is_none() {
        errors.add("refund_amount", told("finance-amount-invalid"));
    }
    let received_on = super::typed_date(&form.received_on);
    if received_on.is_none() {
        errors.add("received_on", told("finance-date-invalid"));
    }
    let bank_reference = form.bank_reference.trim().to_string();
    if bank_reference.is_empty() {
        errors.add("bank_reference", told("finance-reference-missing"));
    }
    let reason = form.reason.trim().to_string();
    if reason.is_empty() {
        errors.add("reason", told("finance-refund-reason-missing"));
    }
    match (amount, received_on) {
        (Some(amount), Some(received_on)) if errors.is_empty() => Ok(NewRefund {
            grant: grant.id,
            amount: amount.into_inner(),
            received_on,
            bank_reference,
            reason,
        }),
        _ => Err(errors),
    }
}

/// The use case's field names as the form's.
fn field_of(field: &str) -> String {
    match field {
        "received_on" => "received_on",
        "reason" => "reason",
        f if f.starts_with("amount") => "refund_amount",
        _ => "bank_reference",
    }
    .to_string()
}

/// `POST /payments/{grant}/refunds`: records the refund, then shows the grant.
#[post("/payments/{grant}/refunds")]
pub(super) async fn post_refund(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    let id = payments::grant_id(&member, &path)?;
    let form: RefundForm = member.read_form(&body)?;
    let loaded = member
        .read(&db, move |conn, actor| payments::load(conn, actor, id))
        .await?;
    let errors = match refund_of(&form, &loaded.grant, member.language) {
        Ok(new) => {
            let recorded = member
                .caller
                .write(&db, move |tx| grants::refund(tx, new))
                .await;
            match recorded {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/payments/{id}?done=refunded#refunds"))
                        .finish())
                }
                // A 409 is a bank reference a standing refund of the grant carries.
                Err(error) => {
                    FormErrors::of_refusal(member.language, &error, "bank_reference", field_of)
                        .ok_or_else(|| member.failed(error))?
                }
            }
        }
        Err(errors) => errors,
    };
    let payment = payments::fresh_form(&loaded.grant, db.clock().today(), member.language);
    payments::page(&member, loaded, (payment, form), errors, None)
}

/// `GET /payments/{grant}/refunds`: where a refused refund's page stands.
#[get("/payments/{grant}/refunds")]
pub(super) async fn back_to_payment(
    member: Member,
    path: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    let id = payments::grant_id(&member, &path)?;
    Ok(member.redirect(&format!("/payments/{id}")).finish())
}
