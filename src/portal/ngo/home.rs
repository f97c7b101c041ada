//! `/` for an applicant: what needs them. Their organisation's standing (a pending
//! verification holds back submissions and payments), drafts to finish, applications
//! and where they stand, grants with the reports due or returned on them, and the
//! payments received lately. Every list is the API's read of the same records.

use actix_web::{web, HttpResponse};
use serde::Serialize;

use super::forms::first;
use super::grants::{reports_of, titles, tranche_lines, Titled};
use crate::applications::{self, ApplicationState, ApplicationSummary, ApplicationsQuery, Filter};
use crate::db::Db;
use crate::domain::Role;
use crate::error::AppError;
use crate::grant_reports::{ReportKind, ReportState, ReportView};
use crate::grants::{self, DisbursementView, ListDisbursements, ListGrants};
use crate::organizations::{self, OrganizationView};
use crate::portal::failure::PageError;
use crate::portal::visitor::Member;
use minijinja::value::Serde;

/// How many of the latest payments the home page lists.
const RECENT_PAYMENTS: usize = 5;

/// Something to report on a grant: a tranche paid with no report open on it.
#[derive(Debug, Serialize)]
struct Due {
    grant_id: String,
    title: String,
    tranche: i32,
}

/// A payment with the grant it was made on.
#[derive(Debug, Serialize)]
struct Received {
    title: String,
    payment: DisbursementView,
}

#[derive(Debug, Serialize)]
struct Desk {
    organization: Option<OrganizationView>,
    drafts: Vec<ApplicationSummary>,
    applications: Vec<ApplicationSummary>,
    grants: Vec<Titled>,
    due: Vec<Due>,
    returned: Vec<(String, ReportView)>,
    payments: Vec<Received>,
}

/// An applicant's home: what needs them.
pub async fn home(member: Member, db: web::Data<Db>) -> Result<HttpResponse, PageError> {
    member.require(&[Role::Applicant])?;
    let organization = member.caller.organization_id();
    let desk = member
        .caller
        .read(&db, move |conn, actor| {
            let organization = organization
                .map(|id| organizations::show_organization(conn, actor, id))
                .transpose()?;
            let names = titles(conn, actor)?;
            let all = applications::list_applications(
                conn,
                actor,
                ApplicationsQuery {
                    filter: Filter {
                        call_id: None,
                        organization_id: None,
                        states: None,
                        country: None,
                    },
                    page: first(50)?,
                },
            )?
            .items;
            let (drafts, applications): (Vec<_>, Vec<_>) = all
                .into_iter()
                .partition(|a| a.state == ApplicationState::Draft);
            let grants = grants::list_grants(conn, actor, ListGrants { page: first(50)? })?.items;
            let mut due = Vec::new();
            let mut returned = Vec::new();
            let mut payments = Vec::new();
            let mut titled = Vec::new();
            for grant in grants {
                let title = names
                    .get(&grant.application_id)
                    .cloned()
                    .unwrap_or_default();
                let reports = reports_of(conn, actor, grant.id)?;
                for line in tranche_lines(&grant, &reports) {
                    match &line.report {
                        Some(r) if r.state == ReportState::Returned => {
                            returned.push((title.clone(), r.clone()))
                        }
                        _ if line.report_due => due.push(Due {
                            grant_id: grant.id.to_string(),
                            title: title.clone(),
                            tranche: line.tranche.number,
                        }),
                        _ => {}
                    }
                }
                let final_report = reports.iter().find(|r| r.kind == ReportKind::Final);
                if let Some(r) = final_report.filter(|r| r.state == ReportState::Returned) {
                    returned.push((title.clone(), r.clone()));
                }
                let paid = grants::list_disbursements(
                    conn,
                    actor,
                    ListDisbursements {
                        grant: grant.id,
                        page: first(RECENT_PAYMENTS as i64)?,
                    },
                )?
                .items;
                payments.extend(paid.into_iter().map(|payment| Received {
                    title: title.clone(),
                    payment,
                }));
                titled.push(Titled { title, grant });
            }
            payments.sort_by_key(|p| std::cmp::Reverse(p.payment.value_date));
            payments.truncate(RECENT_PAYMENTS);
            Ok::<_, AppError>(Desk {
                organization,
                drafts,
                applications,
                grants: titled,
                due,
                returned,
                payments,
            })
        })
        .await
        .map_err(|e| member.failed(e))?;
    member.page("ngo_home.html", minijinja::context! { desk => Serde(desk) })
}
