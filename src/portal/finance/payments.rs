//! `/payments/{grant}`: a grant as finance pays it. Before the form, the gates a payment
//! passes, as facts read through the API's use cases (the agreement and its date, the
//! reports on each tranche and where they stand, what is left of the award and of each
//! tranche); the use case decides, and what it refuses is told beside the field.

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use crate::config::GrantSettings;
use crate::db::{Actor, Db, DbConnection};
use crate::domain::{GrantId, Role};
use crate::error::AppError;
use crate::grant_reports::{self, ListReports, ReportView};
use crate::grants::{
    self, DisbursementView, GrantView, ListDisbursements, NewDisbursement, RefundView,
};
use crate::http::PageParams;
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::formats;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

use super::refunds::RefundForm;

pub(super) struct Loaded {
    pub(super) grant: GrantView,
    title: String,
    organization: String,
    reports: Vec<ReportView>,
    payments: Vec<DisbursementView>,
    refunds: Vec<RefundView>,
}

/// The first page of a list (the API's default size).
fn first_page() -> Result<crate::db::PageRequest, AppError> {
    PageParams {
        limit: Some(200),
        cursor: None,
    }
    .request()
}

pub(super) fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    id: GrantId,
) -> Result<Loaded, AppError> {
    let grant = grants::show_grant(conn, actor, id)?;
    let title = crate::applications::show_application(conn, actor, grant.application_id)?.title;
    let organization =
        crate::organizations::show_organization(conn, actor, grant.organization_id)?.legal_name;
    let reports = grant_reports::list_reports(
        conn,
        actor,
        ListReports {
            grant: id,
            page: first_page()?,
        },
    )?
    .items;
    let payments = grants::list_disbursements(
        conn,
        actor,
        ListDisbursements {
            grant: id,
            page: first_page()?,
        },
    )?
    .items;
    let refunds = grants::list_refunds(conn, actor, id)?;
    Ok(Loaded {
        grant,
        title,
        organization,
        reports,
        payments,
        refunds,
    })
}

/// The payment form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct PaymentForm {
    #[serde(default)]
    tranche: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    value_date: String,
    #[serde(default)]
    payment_reference: String,
}

/// The form as it first stands: the first tranche with something left, all of what is
/// left of it, paid today.
pub(super) fn fresh_form(
    grant: &GrantView,
    today: chrono::NaiveDate,
    language: PageLanguage,
) -> PaymentForm {
    let next = grant
        .tranches
        .iter()
        .find(|t| t.remaining.amount() > rust_decimal::Decimal::ZERO);
    PaymentForm {
        tranche: next.map(|t| t.number.to_string()).unwrap_or_default(),
        amount: next
            .map(|t| formats::decimal(t.remaining.amount(), language))
            .unwrap_or_default(),
        value_date: today.to_string(),
        payment_reference: String::new(),
    }
}

pub(super) fn page(
    member: &Member,
    loaded: Loaded,
    forms: (PaymentForm, RefundForm),
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let (form, refund) = forms;
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        grant => Serde(&loaded.grant),
        title => loaded.title,
        organization => loaded.organization,
        reports => Serde(&loaded.reports),
        payments => Serde(&loaded.payments),
        refunds => Serde(&loaded.refunds),
        refund => Serde(refund),
        open => loaded.grant.state.is_open(),
        form => Serde(form),
        errors,
        done,
    };
    if refused {
        member.form_refused("finance_payment.html", context)
    } else {
        member.page("finance_payment.html", context)
    }
}

pub(super) fn grant_id(member: &Member, path: &str) -> Result<GrantId, PageError> {
    path.parse::<uuid::Uuid>()
        .map(GrantId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

#[derive(Debug, Deserialize)]
struct Done {
    done: Option<String>,
}

/// `GET /payments/{grant}`.
#[get("/payments/{grant}")]
pub(super) async fn payment_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    let id = grant_id(&member, &path)?;
    let loaded = member
        .read(&db, move |conn, actor| load(conn, actor, id))
        .await?;
    let form = fresh_form(&loaded.grant, db.clock().today(), member.language);
    let refund = RefundForm::fresh(db.clock().today());
    page(
        &member,
        loaded,
        (form, refund),
        FormErrors::new(),
        done.done.as_deref(),
    )
}

/// The form read into what the use case takes, or what is wrong with it.
fn payment_of(
    form: &PaymentForm,
    grant: &GrantView,
    min_spent_share: rust_decimal::Decimal,
    language: PageLanguage,
) -> Result<NewDisbursement, FormErrors> {
    let mut errors = FormErrors::new();
    let told = |key: &str| messages::plain(language, key);
    let tranche: Option<i32> = form.tranche.trim().parse().ok();
    if tranche.is_none() {
        errors.add("tranche", told("finance-tranche-missing"));
    }
    let amount = formats::positive_money(&form.amount, grant.award.currency(), language);
    if amount.is_none() {
        errors.add("amount", told("finance-amount-invalid"));
    }
    let value_date = super::typed_date(&form.value_date);
    if value_date.is_none() {
        errors.add("value_date", told("finance-date-invalid"));
    }
    let payment_reference = form.payment_reference.trim().to_string();
    if payment_reference.is_empty() {
        errors.add("payment_reference", told("finance-reference-missing"));
    }
    match (tranche, amount, value_date) {
        (Some(tranche), Some(amount), Some(value_date)) if errors.is_empty() => {
            Ok(NewDisbursement {
                grant: grant.id,
                tranche,
                amount: amount.into_inner(),
                value_date,
                payment_reference,
                min_spent_share,
            })
        }
        _ => Err(errors),
    }
}

fn field_of(field: &str) -> String {
    match field {
        "value_date" => "value_date",
        "payment_reference" => "payment_reference",
        f if f.starts_with("amount") => "amount",
        _ => "tranche",
    }
    .to_string()
}

/// `POST /payments/{grant}`: pays the tranche, then shows the grant as it now stands.
#[post("/payments/{grant}")]
pub(super) async fn post_payment(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<GrantSettings>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Finance])?;
    let id = grant_id(&member, &path)?;
    let form: PaymentForm = member.read_form(&body)?;
    let loaded = member
        .read(&db, move |conn, actor| load(conn, actor, id))
        .await?;
    let errors = match payment_of(
        &form,
        &loaded.grant,
        settings.report_min_spent_share,
        member.language,
    ) {
        Ok(new) => {
            let paid = member
                .caller
                .write(&db, move |tx| grants::disburse(tx, new))
                .await;
            match paid {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/payments/{id}?done=paid"))
                        .finish())
                }
                // A 409 is a payment reference the Fund already carries.
                Err(error) => {
                    FormErrors::of_refusal(member.language, &error, "payment_reference", field_of)
                        .ok_or_else(|| member.failed(error))?
                }
            }
        }
        Err(errors) => errors,
    };
    let refund = RefundForm::fresh(db.clock().today());
    page(&member, loaded, (form, refund), errors, None)
}
