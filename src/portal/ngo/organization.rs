//! `/organization`: the organisation's profile as the secretariat verified it, and its
//! edit (`PATCH /api/v1/organizations/{id}`'s use case, with the `version` read, so an
//! edit of a profile changed since is refused rather than lost). A new legal name or
//! bank account holder sends the organisation back to verification: the page says so
//! before saving.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::forms;
use crate::config::DocumentSettings;
use crate::db::Db;
use crate::documents::Owner;
use crate::domain::{Email, OrganizationId, PostalAddress, Role, ShortText};
use crate::error::AppError;
use crate::organizations::{self, OrganizationView, ProfileEdit};
use crate::portal::documents::{self, Refused};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;
use minijinja::value::Serde;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(organization_page)
        .service(edit_page)
        .service(save_edit)
        .service(attach_document)
        .service(add_version);
}

/// The applicant's organisation (an applicant always has one; without, nothing to show).
fn own(member: &Member) -> Result<OrganizationId, PageError> {
    member
        .caller
        .organization_id()
        .ok_or_else(|| PageError::not_found(member.language, true))
}

async fn read(member: &Member, db: &Db) -> Result<OrganizationView, PageError> {
    let id = own(member)?;
    member
        .caller
        .read(db, move |conn, actor| {
            organizations::show_organization(conn, actor, id)
        })
        .await
        .map_err(|e| member.failed(e))
}

#[derive(Debug, Default, Deserialize)]
struct Arrival {
    saved: Option<String>,
    /// `document` or `version`: what was just uploaded.
    uploaded: Option<String>,
}

/// Where the documents' forms post.
const DOCUMENTS: &str = "/organization/documents";

#[get("/organization")]
async fn organization_page(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    arrival: web::Query<Arrival>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let notice = if arrival.saved.is_some() {
        Some("ngo-org-saved")
    } else {
        uploaded_notice(arrival.uploaded.as_deref())
    };
    profile_page(&member, &db, **settings, notice, None).await
}

/// The words of what was just uploaded (`?uploaded=…` after an upload's redirect).
pub(super) fn uploaded_notice(uploaded: Option<&str>) -> Option<&'static str> {
    match uploaded {
        Some("document") => Some("doc-uploaded"),
        Some("version") => Some("doc-version-uploaded"),
        _ => None,
    }
}

/// The profile with its documents; with what was wrong in an upload when one was refused.
async fn profile_page(
    member: &Member,
    db: &Db,
    limits: DocumentSettings,
    notice: Option<&str>,
    refused: Option<Refused>,
) -> Result<HttpResponse, PageError> {
    let id = own(member)?;
    let language = member.language;
    let (errors, retry) = match refused {
        Some(refused) => (refused.errors, Some(refused.retry)),
        None => (FormErrors::new(), None),
    };
    let (organization, docs) = member
        .read(db, move |conn, actor| {
            let organization = organizations::show_organization(conn, actor, id)?;
            let docs = documents::section(
                conn,
                actor,
                Owner::Organization(id),
                DOCUMENTS.to_string(),
                language,
                limits,
                retry,
            )?;
            Ok((organization, docs))
        })
        .await?;
    let country = organization.country.name();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    member.page_with_status(
        status,
        "ngo_organization.html",
        minijinja::context! {
            org => Serde(organization),
            country,
            notice,
            docs => Serde(docs),
            docs_intro => "doc-org-intro",
            errors,
        },
    )
}

/// `POST /organization/documents`: a document of the organisation's (multipart).
#[post("/organization/documents")]
async fn attach_document(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let owner = Owner::Organization(own(&member)?);
    match documents::attach(&member, &db, **settings, owner, multipart).await? {
        Ok(_) => Ok(member
            .redirect("/organization?uploaded=document#documents")
            .finish()),
        Err(refused) => profile_page(&member, &db, **settings, None, Some(refused)).await,
    }
}

/// `POST /organization/documents/{id}/versions`: a new version of one of them.
#[post("/organization/documents/{document}/versions")]
async fn add_version(
    member: Member,
    db: web::Data<Db>,
    settings: web::Data<DocumentSettings>,
    document: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let owner = Owner::Organization(own(&member)?);
    match documents::supersede(&member, &db, **settings, owner, &document, multipart).await? {
        Ok(_) => Ok(member
            .redirect("/organization?uploaded=version#documents")
            .finish()),
        Err(refused) => profile_page(&member, &db, **settings, None, Some(refused)).await,
    }
}

/// The edit form's fields, as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
struct EditForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    bank_account_holder: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_phone: String,
    #[serde(default)]
    postal_address: String,
    #[serde(default)]
    direct_assistance_since: String,
    #[serde(default)]
    psea_measures_since: String,
}

impl EditForm {
    fn of(org: &OrganizationView) -> EditForm {
        EditForm {
            version: org.version.to_string(),
            legal_name: org.legal_name.clone(),
            bank_account_holder: org.bank_account_holder.clone(),
            contact_email: org.contact_email.clone(),
            contact_name: org.contact_name.clone().unwrap_or_default(),
            contact_phone: org.contact_phone.clone().unwrap_or_default(),
            postal_address: org.postal_address.clone().unwrap_or_default(),
            direct_assistance_since: org.direct_assistance_since.to_string(),
            psea_measures_since: org
                .psea_measures_since
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    /// The edit for the use case, or what was wrong. Every field is sent: the use case
    /// changes only those whose value differs.
    fn edit(&self, language: PageLanguage) -> Result<ProfileEdit, FormErrors> {
        let mut errors = FormErrors::new();
        let refused = |errors: &mut FormErrors, field: &str, reason: String| {
            errors.add(
                field,
                messages::text(language, "field-refused", &[("reason", reason.into())]),
            )
        };
        let required = |errors: &mut FormErrors, field: &str, value: &str| {
            if value.trim().is_empty() {
                errors.add(field, forms::required(language, field));
                None
            } else {
                match ShortText::parse(value) {
                    Ok(text) => Some(text.into_string()),
                    Err(e) => {
                        refused(errors, field, e.to_string());
                        None
                    }
                }
            }
        };
        let legal_name = required(&mut errors, "legal_name", &self.legal_name);
        let holder = required(
            &mut errors,
            "bank_account_holder",
            &self.bank_account_holder,
        );
        let email = match Email::parse(&self.contact_email) {
            Ok(email) => Some(email.into_string()),
            Err(_) => {
                errors.add(
                    "contact_email",
                    messages::plain(language, "ngo-email-invalid"),
                );
                None
            }
        };
        let optional = |errors: &mut FormErrors, field: &str, value: &str| {
            if value.trim().is_empty() {
                return Some(None);
            }
            match ShortText::parse(value) {
                Ok(text) => Some(Some(text.into_string())),
                Err(e) => {
                    refused(errors, field, e.to_string());
                    None
                }
            }
        };
        let contact_name = optional(&mut errors, "contact_name", &self.contact_name);
        let contact_phone = optional(&mut errors, "contact_phone", &self.contact_phone);
        let postal_address = if self.postal_address.trim().is_empty() {
            Some(None)
        } else {
            match PostalAddress::parse(&self.postal_address) {
                Ok(address) => Some(Some(address.into_string())),
                Err(e) => {
                    refused(&mut errors, "postal_address", e.to_string());
                    None
                }
            }
        };
        let assistance = forms::date(&self.direct_assistance_since);
        if assistance.is_none() {
            errors.add(
                "direct_assistance_since",
                messages::plain(language, "ngo-date-invalid"),
            );
        }
        let psea = if self.psea_measures_since.trim().is_empty() {
            Some(None)
        } else {
            let date = forms::date(&self.psea_measures_since);
            if date.is_none() {
                errors.add(
                    "psea_measures_since",
                    messages::plain(language, "ngo-date-invalid"),
                );
            }
            date.map(Some)
        };
        let version = self.version.parse::<i64>().ok();
        if version.is_none() {
            errors.add("legal_name", messages::plain(language, "ngo-org-stale"));
        }
        match (
            errors.is_empty(),
            version,
            legal_name,
            holder,
            email,
            contact_name,
            contact_phone,
            postal_address,
            assistance,
            psea,
        ) {
            (
                true,
                Some(version),
                Some(legal_name),
                Some(holder),
                Some(email),
                Some(contact_name),
                Some(contact_phone),
                Some(postal_address),
                Some(assistance),
                Some(psea),
            ) => Ok(ProfileEdit {
                version,
                legal_name: Some(legal_name),
                bank_account_holder: Some(holder),
                contact_email: Some(email),
                contact_name: Some(contact_name),
                contact_phone: Some(contact_phone),
                postal_address: Some(postal_address),
                registered_on: None,
                direct_assistance_since: Some(assistance),
                psea_measures_since: Some(psea),
            }),
            _ => Err(errors),
        }
    }
}

fn edit_form_page(
    member: &Member,
    org: &OrganizationView,
    typed: &EditForm,
    errors: FormErrors,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        org => Serde(org),
        typed => Serde(typed),
        errors,
    };
    if refused {
        member.form_refused("ngo_organization_edit.html", context)
    } else {
        member.page("ngo_organization_edit.html", context)
    }
}

#[get("/organization/edit")]
async fn edit_page(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let org = read(&member, &db).await?;
    edit_form_page(&member, &org, &EditForm::of(&org), FormErrors::new())
}

#[post("/organization/edit")]
async fn save_edit(
    member: Member,
    db: web::Data<Db>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let typed: EditForm = member.read_form(&body)?;
    let id = own(&member)?;
    let language = member.language;
    let errors = match typed.edit(language) {
        Err(errors) => errors,
        Ok(edit) => {
            let saved = member
                .caller
                .write(&db, move |tx| organizations::update_profile(tx, id, edit))
                .await;
            match saved {
                Ok(_) => return Ok(member.redirect("/organization?saved=1").finish()),
                Err(AppError::Conflict(_)) => {
                    let mut errors = FormErrors::new();
                    errors.add("legal_name", messages::plain(language, "ngo-org-stale"));
                    errors
                }
                Err(AppError::BadRequest { errors: fields, .. })
                    if fields.iter().any(|f| f.field == "version") =>
                {
                    let mut errors = FormErrors::new();
                    errors.add("legal_name", messages::plain(language, "ngo-org-unchanged"));
                    errors
                }
                Err(AppError::BadRequest { errors: fields, .. })
                    if fields.iter().any(|f| f.field == "contact_phone") =>
                {
                    let mut errors = FormErrors::new();
                    errors.add(
                        "contact_phone",
                        messages::plain(language, "ngo-org-phone-invalid"),
                    );
                    errors
                }
                Err(error) => {
                    match forms::refusal(language, &error, "legal_name", |f| f.to_string()) {
                        Some(errors) => errors,
                        None => return Err(member.failed(error)),
                    }
                }
            }
        }
    };
    let org = read(&member, &db).await?;
    edit_form_page(&member, &org, &typed, errors)
}
