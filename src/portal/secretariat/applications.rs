//! `/secretariat/applications` (the list, by state) and `/secretariat/applications/{id}`:
//! one application as the secretariat reads it through the API's use cases (the
//! application and its history, its call, its organisation, its documents, the votes
//! and the decision), with what can be done to it now: screen it, record the Board's
//! decision, award it from the reserve list.

use actix_web::{get, web, HttpResponse};
use minijinja::value::Serde;
use serde::Serialize;

use super::screening::ScreeningForm;
use super::{Country, Done, ListQuery};
use crate::applications::{
    ApplicationState, ApplicationSummary, ApplicationView, ApplicationsQuery, Filter,
};
use crate::calls::CallDetail;
use crate::db::{Actor, Db, DbConnection};
use crate::documents::Owner;
use crate::domain::{ApplicationId, Money, Role};
use crate::error::AppError;
use crate::http::PageParams;
use crate::organizations::OrganizationView;
use crate::portal::documents::{self, Section};
use crate::portal::failure::PageError;
use crate::portal::form_errors::FormErrors;
use crate::portal::language::PageLanguage;
use crate::portal::visitor::Member;
use crate::voting::{DecisionView, VotesView};

/// One application in a list.
#[derive(Debug, Serialize)]
pub(super) struct Row {
    pub id: String,
    title: String,
    state: ApplicationState,
    organization: String,
    country: Country,
    countries: Vec<Country>,
    requested: Money,
    submitted_at: Option<String>,
}

/// A list's row: the application and who applies.
pub(super) fn row(
    conn: &mut DbConnection,
    actor: &Actor,
    a: ApplicationSummary,
) -> Result<Row, AppError> {
    let org = crate::organizations::show_organization(conn, actor, a.organization_id)?;
    Ok(Row {
        id: a.id.to_string(),
        title: a.title,
        state: a.state,
        organization: org.legal_name,
        country: org.country.into(),
        countries: a.countries.into_iter().map(Country::from).collect(),
        requested: a.requested,
        submitted_at: a.submitted_at.map(|at| at.to_rfc3339()),
    })
}

/// The states a list may be narrowed to, in the order an application moves.
const STATES: [ApplicationState; 9] = [
    ApplicationState::Submitted,
    ApplicationState::Screening,
    ApplicationState::UnderReview,
    ApplicationState::ReserveList,
    ApplicationState::Approved,
    ApplicationState::Rejected,
    ApplicationState::Ineligible,
    ApplicationState::Withdrawn,
    ApplicationState::Draft,
];

fn state_named(name: Option<&str>) -> Option<ApplicationState> {
    name.and_then(|name| STATES.into_iter().find(|s| s.as_str() == name))
}

#[derive(Debug, Serialize)]
struct Listed {
    items: Vec<Row>,
    next_cursor: Option<String>,
}

/// `GET /secretariat/applications?state=…`: applications newest first, as the API's
/// list gives them.
#[get("/secretariat/applications")]
pub(super) async fn list_page(
    member: Member,
    db: web::Data<Db>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let ListQuery { state, cursor } = query.into_inner();
    let state = state_named(state.as_deref());
    let listed = member
        .read(&db, move |conn, actor| {
            let page = crate::applications::list_applications(
                conn,
                actor,
                ApplicationsQuery {
                    filter: Filter {
                        states: state.map(|s| vec![s]),
                        ..Filter::default()
                    },
                    page: PageParams {
                        limit: None,
                        cursor,
                    }
                    .request()?,
                },
            )?;
            let items = page
                .items
                .into_iter()
                .map(|a| row(conn, actor, a))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Listed {
                items,
                next_cursor: page.next_cursor,
            })
        })
        .await?;
    member.page(
        "secretariat_applications.html",
        minijinja::context! {
            listed => Serde(listed),
            states => STATES.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            state => state.map(ApplicationState::as_str),
        },
    )
}

/// Everything one application's page shows, read in one snapshot.
pub(super) struct Loaded {
    pub application: ApplicationView,
    pub call: CallDetail,
    pub organization: OrganizationView,
    docs: Option<Section>,
    /// Once screening has passed it to the Board.
    votes: Option<VotesView>,
    decision: Option<DecisionView>,
    /// On the reserve list: its place, and whether the Fund covers it now.
    reserve: Option<(usize, bool, Money)>,
}

pub(super) fn load(
    conn: &mut DbConnection,
    actor: &Actor,
    id: ApplicationId,
    language: PageLanguage,
) -> Result<Loaded, AppError> {
    let application = crate::applications::show_application(conn, actor, id)?;
    let call = crate::calls::show_call(conn, actor, application.call_id)?;
    let organization =
        crate::organizations::show_organization(conn, actor, application.organization_id)?;
    let docs = documents::listed(conn, actor, Owner::Application(id), language)?;
    let votes = if application.state.board_visible() {
        Some(crate::voting::list_votes(conn, actor, id)?)
    } else {
        None
    };
    let decision = match crate::voting::show_decision(conn, actor, id) {
        Ok(decision) => Some(decision),
        Err(AppError::NotFound) => None,
        Err(other) => return Err(other),
    };
    let reserve = if application.state == ApplicationState::ReserveList {
        let list = super::home::reserve_list(conn, actor)?;
        list.items
            .iter()
            .position(|w| w.row.id == id.to_string())
            .map(|at| (at + 1, list.items[at].covered, list.available))
    } else {
        None
    };
    Ok(Loaded {
        application,
        call,
        organization,
        docs,
        votes,
        decision,
        reserve,
    })
}

pub(super) async fn read(member: &Member, db: &Db, id: ApplicationId) -> Result<Loaded, PageError> {
    let language = member.language;
    member
        .read(db, move |conn, actor| load(conn, actor, id, language))
        .await
}

pub(super) fn application_id(member: &Member, path: &str) -> Result<ApplicationId, PageError> {
    path.parse::<uuid::Uuid>()
        .map(ApplicationId::from)
        .map_err(|_| member.failed(AppError::NotFound))
}

/// The application's page; `screening` is the checklist as typed when a screening was
/// refused (else a fresh one), `errors` what was wrong with the form posted.
pub(super) fn render(
    member: &Member,
    loaded: Loaded,
    screening: Option<ScreeningForm>,
    errors: FormErrors,
    done: Option<&str>,
) -> Result<HttpResponse, PageError> {
    let a = &loaded.application;
    let total = Money::sum(
        a.requested.currency(),
        a.budget_lines.iter().map(|l| l.amount.into_inner()),
    )
    .ok();
    let screenable = matches!(
        a.state,
        ApplicationState::Submitted | ApplicationState::Screening
    );
    let refused = !errors.is_empty();
    let context = minijinja::context! {
        application => Serde(a),
        call => Serde(&loaded.call.call),
        org => Serde(&loaded.organization),
        org_country => Serde(Country::from(loaded.organization.country)),
        countries => Serde(a.countries.iter().copied().map(Country::from).collect::<Vec<_>>()),
        total => Serde(total),
        docs => Serde(&loaded.docs),
        docs_intro => "sec-docs-application-intro",
        votes => Serde(&loaded.votes),
        decision => Serde(&loaded.decision),
        reserve => Serde(&loaded.reserve),
        screenable,
        screening => Serde(screenable.then(|| screening.unwrap_or_else(ScreeningForm::fresh))),
        decidable => a.state == ApplicationState::UnderReview,
        errors,
        done => done.filter(|d| matches!(*d, "screened" | "decided" | "awarded")),
    };
    if refused {
        member.form_refused("secretariat_application.html", context)
    } else {
        member.page("secretariat_application.html", context)
    }
}

/// `GET /secretariat/applications/{id}`.
#[get("/secretariat/applications/{id}")]
pub(super) async fn application_page(
    member: Member,
    db: web::Data<Db>,
    path: web::Path<String>,
    done: web::Query<Done>,
) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Secretariat])?;
    let id = application_id(&member, &path)?;
    let loaded = read(&member, &db, id).await?;
    render(
        &member,
        loaded,
        None,
        FormErrors::new(),
        done.done.as_deref(),
    )
}
