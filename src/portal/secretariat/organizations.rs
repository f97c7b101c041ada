//! `/secretariat/organizations` (the list, by state) and `/secretariat/organizations/{id}`:
//! an organisation's profile and documents in view of the verify / refuse form, which
//! records the secretariat's decision through the API's use case
//! (`organizations::verify_organization`: a refusal needs a reason).

use actix_web::{get, post, web, HttpResponse};
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

use super::applications::{row, Row};
use super::{Country, Done, ListQuery};
use crate::applications::{ApplicationsQuery, Filter};
use crate::db::{Actor, Db, DbConnection};
use crate::documents::Owner;
use crate::domain::{OrganizationId, Role, Text};
use crate::error::AppError;
use crate::http::PageParams;
use crate::organizations::{OrgState, OrganizationFilter, OrganizationView, Verification};
use crate::portal::documents::{self, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::messages;
use crate::portal::visitor::Member;

const STATES: [OrgState; 3] = [OrgState::Pending, OrgState::Verified, OrgState::Refused];

#[derive(Debug, Serialize)]
struct Listed {
    items: Vec<(OrganizationView, Country)>,
    next_cursor: Option<String>,
}

/// `GET /secretariat/organizations?state=…`: organisations newest first, as the API
/// lists them.
#[get("/secretariat/organizations")]
pub(super) async fn list_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let ListQuery { state, cursor } = query.into_inner();
    let state = STATES
        .into_iter()
        .find(|s| state.as_deref() == Some(s.as_str()));
    let listed = member
        .read(&db, move |conn, actor| {
            let page = crate::organizations::list_organizations(
                conn,
                actor,
                OrganizationFilter {
                    state,
                    page: PageParams {
                        limit: None,
                        cursor,
                    }
                    .request()?,
                },
            )?;
            Ok(Listed {
                items: page
                    .items
                    .into_iter()
                    .map(|org| {
                        let country = Country::from(org.country);
                        (org, country)
                    })
                    .collect(),
                next_cursor: page.next_cursor,
            })
        })
        .await?;
    member.page(
        "secretariat_organizations.html",
        minijinja::context! {
            listed => Serde(listed),
            states => STATES.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            state => state.map(OrgState::as_str),
        },
    )
}

/// What the verification form holds: `decision` is `verify` or `refuse`.
#[derive(Debug, Default, Deserialize, Serialize)]
struct VerificationForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

struct Loaded {
    org: OrganizationView,
    docs: Option<Section>,
    applications: Vec<Row>,
}

fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    id: OrganizationId,
    language: PageLanguage,
) -> Result<Loaded, AppError> {
    let org = crate::organizations::show_organization(conn, actor, id)?;
    let docs = documents::listed(conn, actor, Owner::Organization(id), language)?;
    let applications = crate::applications::list_applications(
        conn,
        actor,
        ApplicationsQuery {
            filter: Filter {
                organization_id: Some(id),
                ..Filter::default()
            },
            page: PageParams {
                limit: None,
                cursor: None,
            }
            .request()?,
        },
    )?
    .items
    .into_iter()
    .map(|a| row(conn, actor, a))
    .collect::<Result<Vec<_>, _>>()?;
    Ok(Loaded {
        org,
        docs,
        applications,
    })
}

fn render(
    member: &Member,
    loaded: Loaded,
    form: VerificationForm,
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        org => Serde(&loaded.org),
        country => Serde(Country::from(loaded.org.country)),
        docs => Serde(&loaded.docs),
        docs_intro => "sec-docs-organization-intro",
        applications => Serde(&loaded.applications),
        form => Serde(form),
        errors,
        done => done.filter(|d| matches!(*d, "verified" | "refused")),
    };
    if refused {
        member.form_refused("secretariat_organization.html", context)
    } else {
        member.page("secretariat_organization.html", context)
    }
}

fn organization_id(member: &Member, path: &str) -> Result<OrganizationId, PageError> {
    path.parse::<uuid::Uuid>()
        .map(OrganizationId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

async fn read(member: &Member, db: &Db, id: OrganizationId) -> Result<Loaded, PageError> {
    let language = member.language;
    member
        .read(db, move |conn, actor| load(conn, actor, id, language))
        .await
}

/// `GET /secretariat/organizations/{id}`.
#[get("/secretariat/organizations/{id}")]
pub(super) async fn organization_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = organization_id(&member, &path)?;
    let loaded = read(&member, &db, id).await?;
    render(
        &member,
        loaded,
        VerificationForm::default(),
        FormErrors::new(),
        done.done.as_deref(),
    )
}

/// The decision the form states, or what was wrong in reading it (the reason a refusal
/// needs is the use case's rule, told from its answer).
fn verification_of(
    form: &VerificationForm,
    language: PageLanguage,
) -> Result<Verification, FormErrors> {
    let mut errors = FormErrors::new();
    let verified = match form.decision.as_str() {
        "verify" => Some(true),
        "refuse" => Some(false),
        _ => {
            errors.add("decision", messages::plain(language, "sec-verify-choose"));
            None
        }
    };
    let reason = if form.reason.trim().is_empty() {
        None
    } else {
        match Text::parse(&form.reason) {
            Ok(text) => Some(text.into_string()),
            Err(refused) => {
                errors.add(
                    "reason",
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
    match verified {
        Some(verified) if errors.is_empty() => Ok(Verification { verified, reason }),
        _ => Err(errors),
    }
}

fn refusal(member: &Member, error: AppError) -> Result<FormErrors, PageError> {
    let language = member.language;
    let mut told = FormErrors::new();
    match &error {
        AppError::BadRequest { errors, .. } if errors.iter().any(|e| e.field == "reason") => {
            told.add(
                "reason",
                messages::plain(language, "sec-verify-reason-missing"),
            );
            Ok(told)
        }
        AppError::Conflict(_) => {
            told.add("decision", messages::plain(language, "sec-verify-already"));
            Ok(told)
        }
        _ => super::refusals::told(language, &error, "decision", |field| {
            (field == "reason").then(|| field.to_string())
        })
        .ok_or_else(|| member.failed(error)),
    }
}

/// `POST /secretariat/organizations/{id}/verification`.
#[post("/secretariat/organizations/{id}/verification")]
pub(super) async fn post_verification(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = organization_id(&member, &path)?;
    let form: VerificationForm = member.read_form(&body)?;
    let errors = match verification_of(&form, member.language) {
        Ok(decision) => {
            let done = if decision.verified {
                "verified"
            } else {
                "refused"
            };
            let decided = member
                .caller
                .write(&db, move |tx| {
                    crate::organizations::verify_organization(tx, id, decision)
                })
                .await;
            match decided {
                Ok(_) => {
                    return Ok(member
                        .redirect(&format!("/secretariat/organizations/{id}?done={done}"))
                        .finish())
                }
                Err(error) => refusal(&member, error)?,
            }
        }
        Err(errors) => errors,
    };
    let loaded = read(&member, &db, id).await?;
    render(&member, loaded, form, errors, None)
}
