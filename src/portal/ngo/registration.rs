//! `/register`: an organisation registers itself and its first applicant account,
//! anonymously, through the API's own use case (`POST /api/v1/organizations/register`:
//! the same checks, the same quota per address, the same answer for an email that
//! already has an account, so the page reveals no more than the API). There is no
//! confirmation mail: the organisation waits for the secretariat's verification, which
//! `/register/done` explains, and the account can sign in at once.

use actix_web::{get, post, web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::VariantArray;

use super::forms::{self, Choice};
use crate::api::documents::{drain, receive_into, Upload};
use crate::api::organizations::{register, Certificate, NewApplicantRequest, RegisterRequest};
use crate::api::Public;
use crate::auth::Password;
use crate::config::DocumentSettings;
use crate::db::Db;
use crate::documents::{DocumentKind, ReceivedFile};
use crate::domain::{CountryCode, Email, ShortText};
use crate::error::AppError;
use crate::error::Rule;
use crate::organizations::OrgType;
use crate::portal::documents::{self, DRAIN_FOR};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Visitor;
use crate::portal::visitor::FORM_TOKEN_FIELD;
use actix_multipart::Multipart;
use minijinja::value::Serde;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(register_page)
        .service(register_post)
        .service(registered_page);
}

/// The form as typed (the passwords are never shown again).
#[derive(Debug, Default, Deserialize, Serialize)]
struct RegisterForm {
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    org_type: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    registered_on: String,
    #[serde(default)]
    direct_assistance_since: String,
    #[serde(default)]
    psea_measures_since: String,
    #[serde(default)]
    unpp_id: String,
    #[serde(default)]
    bank_account_holder: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    applicant_name: String,
    #[serde(default)]
    applicant_email: String,
    #[serde(default, skip_serializing)]
    password: String,
    #[serde(default, skip_serializing)]
    confirm_password: String,
}

/// Collects the problems of one form as it is read.
struct Reader {
    language: PageLanguage,
    errors: FormErrors,
}

impl Reader {
    fn missing(&mut self, field: &str) {
        self.errors
            .add(field, forms::required(self.language, field));
    }

    fn short(&mut self, field: &str, value: &str) -> Option<ShortText> {
        if value.trim().is_empty() {
            self.missing(field);
            return None;
        }
        ShortText::parse(value)
            .map_err(|e| {
                self.errors.add(
                    field,
                    messages::text(
                        self.language,
                        "field-refused",
                        &[("reason", e.to_string().into())],
                    ),
                )
            })
            .ok()
    }

    fn email(&mut self, field: &str, value: &str) -> Option<Email> {
        Email::parse(value)
            .map_err(|_| {
                self.errors
                    .add(field, messages::plain(self.language, "ngo-email-invalid"))
            })
            .ok()
    }

    fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        let date = forms::date(value);
        if date.is_none() {
            self.errors
                .add(field, messages::plain(self.language, "ngo-date-invalid"));
        }
        date
    }
}

impl RegisterForm {
    fn request(&self, language: PageLanguage) -> Result<RegisterRequest, FormErrors> {
        let mut r = Reader {
            language,
            errors: FormErrors::new(),
        };
        let legal_name = r.short("legal_name", &self.legal_name);
        let org_type = OrgType::VARIANTS
            .iter()
            .copied()
            .find(|t| t.as_str() == self.org_type);
        if org_type.is_none() {
            r.missing("org_type");
        }
        let country = CountryCode::parse(&self.country).ok();
        if country.is_none() {
            r.missing("country");
        }
        let registered_on = r.date("registered_on", &self.registered_on);
        let assistance = r.date("direct_assistance_since", &self.direct_assistance_since);
        let psea = if self.psea_measures_since.trim().is_empty() {
            Some(None)
        } else {
            r.date("psea_measures_since", &self.psea_measures_since)
                .map(Some)
        };
        let unpp_id = r.short("unpp_id", &self.unpp_id);
        let holder = r.short("bank_account_holder", &self.bank_account_holder);
        let contact_email = r.email("contact_email", &self.contact_email);
        let applicant_name = r.short("applicant_name", &self.applicant_name);
        let applicant_email = r.email("applicant_email", &self.applicant_email);
        let password = match Password::parse(self.password.clone()) {
            Ok(password) => Some(password),
            Err(_) => {
                r.errors.add(
                    "password",
                    messages::text(
                        language,
                        "account-new-too-weak",
                        &[("min", (Password::MIN_CHARS as i64).into())],
                    ),
                );
                None
            }
        };
        if self.confirm_password != self.password {
            r.errors.add(
                "confirm_password",
                messages::plain(language, "ngo-register-confirm-differs"),
            );
        }
        match (
            r.errors.is_empty(),
            legal_name,
            org_type,
            country,
            registered_on,
            assistance,
            psea,
            unpp_id,
            holder,
            contact_email,
            applicant_name,
            applicant_email,
            password,
        ) {
            (
                true,
                Some(legal_name),
                Some(org_type),
                Some(country),
                Some(registered_on),
                Some(direct_assistance_since),
                Some(psea_measures_since),
                Some(unpp_id),
                Some(bank_account_holder),
                Some(contact_email),
                Some(name),
                Some(email),
                Some(password),
            ) => Ok(RegisterRequest {
                legal_name,
                org_type,
                country,
                registered_on,
                direct_assistance_since,
                psea_measures_since,
                unpp_id,
                bank_account_holder,
                contact_email,
                applicant: NewApplicantRequest {
                    email,
                    name,
                    password,
                },
            }),
            _ => Err(r.errors),
        }
    }
}

fn form_page(
    visitor: &Visitor,
    typed: &RegisterForm,
    errors: FormErrors,
    max_file_bytes: u64,
) -> Result<HttpResponse, PageError> {
    let language = visitor.language;
    let types: Vec<Choice> =
        std::iter::once(Choice::new("", messages::plain(language, "ngo-choose")))
            .chain(OrgType::VARIANTS.iter().map(|t| {
                Choice::new(
                    t.as_str(),
                    messages::plain(language, &format!("ngo-org-type-{}", t.as_str())),
                )
            }))
            .collect();
    let mut countries: Vec<Choice> = CountryCode::all()
        .map(|c| Choice::new(c.code(), c.name()))
        .collect();
    countries.sort_by(|a, b| a.label.cmp(&b.label));
    countries.insert(0, Choice::new("", messages::plain(language, "ngo-choose")));
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        typed => Serde(typed),
        types => Serde(types),
        countries => Serde(countries),
        accept => documents::accept(),
        max_size => documents::size(i64::try_from(max_file_bytes).unwrap_or(i64::MAX), language),
        errors,
    };
    if refused {
        visitor.form_refused("ngo_register.html", context)
    } else {
        visitor.page("ngo_register.html", context)
    }
}

#[get("/register")]
async fn register_page(
    visitor: Visitor,
    limits: web::Data<DocumentSettings>,
) -> Result<HttpResponse, PageError> {
    if visitor.signed_in() {
        return Ok(visitor.redirect("/").finish());
    }
    form_page(
        &visitor,
        &RegisterForm::default(),
        FormErrors::new(),
        limits.max_file_bytes,
    )
}

/// The form's name for a field the API names.
fn field_of(api_field: &str) -> String {
    match api_field {
        "applicant.email" => "applicant_email".to_string(),
        "applicant.name" => "applicant_name".to_string(),
        "applicant.password" => "password".to_string(),
        other => other.to_string(),
    }
}

/// The form's text fields, as the upload names them.
const TEXT_FIELDS: [&str; 14] = [
    FORM_TOKEN_FIELD,
    "legal_name",
    "org_type",
    "country",
    "registered_on",
    "direct_assistance_since",
    "psea_measures_since",
    "unpp_id",
    "bank_account_holder",
    "contact_email",
    "applicant_name",
    "applicant_email",
    "password",
    "confirm_password",
];

/// Reads the form (`multipart/form-data`, for the certificate) and its token: a form from
/// another site is refused before anything is kept. A refused file is a problem of the
/// `file` field, with the rest of the form read as typed.
async fn read_upload(
    visitor: &Visitor,
    multipart: &mut Multipart,
    limits: DocumentSettings,
) -> Result<(RegisterForm, Option<ReceivedFile>, FormErrors), PageError> {
    let mut upload = Upload::default();
    let received = receive_into(multipart, &mut upload, &TEXT_FIELDS, limits.max_file_bytes).await;
    if received.is_err() {
        drain(multipart, DRAIN_FOR).await;
    }
    visitor.check_form_token(upload.fields.get(FORM_TOKEN_FIELD).map(String::as_str))?;
    let typed: RegisterForm = serde_json::to_value(&upload.fields)
        .and_then(serde_json::from_value)
        .map_err(|_| PageError::bad_form(visitor.language, false))?;
    let mut errors = FormErrors::new();
    if let Err(error) = received {
        let problems = documents::refusal(visitor.language, &error, "file")
            .ok_or_else(|| visitor.failed(error))?;
        errors.extend(problems);
    }
    Ok((typed, upload.file.take(), errors))
}

#[post("/register")]
async fn register_post(
    visitor: Visitor,
    anyone: Public,
    db: web::Data<Db>,
    limits: web::Data<DocumentSettings>,
    mut multipart: Multipart,
) -> Result<HttpResponse, PageError> {
    let limits = *limits.into_inner();
    let (typed, file, file_errors) = read_upload(&visitor, &mut multipart, limits).await?;
    let language = visitor.language;
    let certificate = match file {
        Some(file) => Some(Certificate {
            title: ShortText::parse(&documents::kind_name(
                language,
                DocumentKind::RegistrationCertificate,
            ))
            .map_err(|e| visitor.failed(AppError::internal(e)))?,
            file,
            limits,
        }),
        None => None,
    };
    let errors = match typed.request(language) {
        Err(mut errors) => {
            errors.extend(file_errors);
            errors
        }
        Ok(_) if !file_errors.is_empty() => file_errors,
        Ok(request) => match register(&anyone, &db, request, certificate).await {
            Ok(_) => return Ok(visitor.redirect("/register/done").finish()),
            Err(AppError::Conflict(_)) => {
                let mut errors = FormErrors::new();
                errors.add(
                    "unpp_id",
                    messages::plain(language, "ngo-register-unpp-taken"),
                );
                errors
            }
            Err(error) => match documents::refusal(language, &error, "file")
                .filter(|_| is_about_the_file(&error))
                .or_else(|| forms::refusal(language, &error, "legal_name", field_of))
            {
                Some(errors) => errors,
                None => return Err(visitor.failed(error)),
            },
        },
    };
    form_page(&visitor, &typed, errors, limits.max_file_bytes)
}

/// Whether a refused registration was refused for its certificate (its type, its size,
/// the limits of what an organisation keeps), not for the registration itself.
fn is_about_the_file(error: &AppError) -> bool {
    match error {
        AppError::PayloadTooLarge { .. } => true,
        AppError::Rule { rule, .. } => matches!(
            rule,
            Rule::FileType | Rule::RecordDocumentsFull | Rule::DocumentKind
        ),
        _ => false,
    }
}

#[get("/register/done")]
async fn registered_page(visitor: Visitor) -> Result<HttpResponse, PageError> {
    visitor.page("ngo_registered.html", minijinja::context! {})
}
