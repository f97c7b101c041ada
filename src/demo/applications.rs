//! Demo organisations, calls and applications for `trustfund serve --demo`: three
//! verified NGOs from different regional groups and one pending, an open call (which
//! requires a proposal) and a closed one, and applications in every state reachable
//! without the Board; those submitted under the open call carry their proposal (a PDF)
//! and budget annex (an Excel workbook). Loading twice changes nothing (the first demo
//! organisation's UNPP id marks it as loaded).

use anyhow::Context;
use chrono::{Duration, NaiveDate};

use super::DEMO_PASSWORD;
use crate::applications::ApplicationState::{self, *};
use crate::applications::{
    create_draft, move_to, record_screening, Beneficiaries, BudgetLine, Content, Criterion,
    CriterionCheck, Screening,
};
use crate::auth::hash_password;
use crate::bootstrap::Credentials;
use crate::calls::{AgeGroup, AidType, Exploitation, NewCall, PriorityGroup, Sex};
use crate::db::{Actor, Db, Tx};
use crate::documents::{DocumentKind, Owner};
use crate::domain::{
    ApplicationId, CallId, CountryCode, Currency, Email, Money, OrganizationId, PositiveMoney,
    Role, ShortText, Text,
};
use crate::error::AppError;
use crate::organizations::{self, NewOrganization, OrgState, OrgType};
use crate::users::{self, NewUser};

/// (slug, legal name, country, verified)
const ORGS: [(&str, &str, &str, bool); 4] = [
    ("haki-shelter", "Haki Shelter Kenya", "KE", true),
    ("bahay-pag-asa", "Bahay Pag-asa Foundation", "PH", true),
    (
        "fundacion-esperanza",
        "Fundacion Esperanza Colombia",
        "CO",
        true,
    ),
    ("casa-speranta", "Casa Speranta Moldova", "MD", false),
];

/// The call whose applications the demo Board votes on and decides.
pub const BOARD_SESSION_CALL: &str = "Demo call (2026 round, closed): before the Board";

/// The call whose grants the demo takes through every stage of money out.
pub const GRANTS_AT_WORK_CALL: &str = "Demo call (2025 round, closed): grants at work";

fn email(slug: &str) -> String {
    format!("applicant@{slug}.demo.trustfund.local")
}

pub fn load(db: &Db) -> anyhow::Result<Vec<(Role, Credentials)>> {
    let mut conn = db.get().context("demo applications: a connection")?;
    let loaded = organizations::find_by_unpp_id(&mut conn, "UNPP-DEMO-haki-shelter")
        .context("demo applications: are they loaded")?
        .is_some();
    if !loaded {
        let hash = hash_password(DEMO_PASSWORD)?;
        let submitted =
            crate::db::write_blocking(&mut conn, Actor::system("demo"), |tx| create_all(tx, &hash))
                .context("demo applications")?;
        attach_papers(&mut conn, &submitted).context("demo applications: their documents")?;
    }
    Ok(ORGS
        .iter()
        .map(|(slug, ..)| {
            let credentials = Credentials {
                email: email(slug),
                password: DEMO_PASSWORD.to_string(),
            };
            (Role::Applicant, credentials)
        })
        .collect())
}

fn bad<E: std::error::Error + Send + Sync + 'static>(e: E) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("demo data"))
}

fn usd(amount: &str) -> Result<Money, AppError> {
    Money::parse(amount, Currency::USD).map_err(bad)
}

/// Creates the organisations, calls and applications; answers the applications submitted
/// under the open call.
fn create_all(tx: &mut Tx, hash: &str) -> Result<Vec<ApplicationId>, AppError> {
    let mut orgs = Vec::new();
    for (slug, name, country, verified) in ORGS {
        let org = organizations::create(
            tx,
            NewOrganization {
                legal_name: name.to_string(),
                org_type: OrgType::Ngo,
                country: CountryCode::parse(country).map_err(bad)?,
                registered_on: demo_date(2012, 5, 14)?,
                direct_assistance_since: demo_date(2013, 1, 7)?,
                psea_measures_since: Some(demo_date(2019, 3, 1)?),
                unpp_id: format!("UNPP-DEMO-{slug}"),
                bank_account_holder: name.to_string(),
                contact_email: format!("office@{slug}.demo.trustfund.local"),
            },
        )?;
        users::create_user(
            tx,
            NewUser {
                email: Email::parse(&email(slug)).map_err(bad)?,
                name: format!("{name} applicant"),
                role: Role::Applicant,
                organization_id: Some(org.id),
                password_hash: hash.to_string(),
            },
        )?;
        if verified {
            organizations::decide(
                tx,
                org.id,
                OrgState::Verified,
                Some("demo: documents checked".into()),
            )?;
        }
        orgs.push(org.id);
    }
    let now = tx.now();
    let call = |title: &str, opens: i64, closes: i64| -> Result<NewCall, AppError> {
        // Only the open call asks for documents: the others' applications were all
        // submitted before the demo's documents existed.
        let required_documents = if closes > 0 {
            vec![DocumentKind::Proposal]
        } else {
            Vec::new()
        };
        Ok(NewCall {
            title: title.to_string(),
            description: "Grants for direct assistance to victims of trafficking: shelter, medical, psychological and legal aid.".into(),
            opens_at: now + Duration::days(opens),
            closes_at: now + Duration::days(closes),
            envelope: usd("1500000.00")?,
            min_grant: usd("20000.00")?,
            max_grant: usd("60000.00")?,
            max_duration_months: 24,
            eligible_org_types: vec![OrgType::Ngo],
            priority_groups: vec![PriorityGroup { sex: Sex::Female, age_group: AgeGroup::Child }],
            priority_exploitation: vec![Exploitation::SexualExploitation, Exploitation::ForcedLabour],
            required_documents,
        })
    };
    let open = crate::calls::create(tx, call("Demo call (open)", -30, 60)?)?.id;
    let closed = crate::calls::create(tx, call("Demo call (closed)", -400, -300)?)?.id;
    let (ke, ph, co, md) = (orgs[0], orgs[1], orgs[2], orgs[3]);
    let submitted = vec![
        application(tx, open, ke, "KE", &[Submitted, Screening, UnderReview])?,
        application(tx, open, ph, "PH", &[Submitted, Screening])?,
        application(tx, open, co, "CO", &[Submitted])?,
    ];
    application(tx, open, md, "MD", &[])?;
    application(tx, open, ke, "KE", &[Withdrawn])?;
    application(tx, closed, ke, "KE", &[Submitted, Screening, Ineligible])?;
    application(tx, closed, ph, "PH", &[Submitted, Screening, UnderReview])?;
    // A round the Board takes up in the voting demo (`super::voting`).
    let session = crate::calls::create(tx, call(BOARD_SESSION_CALL, -200, -120)?)?.id;
    for (org, country) in [(ke, "KE"), (ph, "PH"), (co, "CO")] {
        application(
            tx,
            session,
            org,
            country,
            &[Submitted, Screening, UnderReview],
        )?;
    }
    // An earlier round whose grants the demo takes through every stage of money out
    // (`super::grant_stages`).
    let at_work = crate::calls::create(tx, call(GRANTS_AT_WORK_CALL, -500, -420)?)?.id;
    for staged in super::grant_stages::STAGED {
        let org = match staged.country {
            "PH" => ph,
            "CO" => co,
            _ => ke,
        };
        titled(
            tx,
            at_work,
            org,
            staged.country,
            staged.title,
            &[Submitted, Screening, UnderReview],
        )?;
    }
    Ok(submitted)
}

/// The proposal (a PDF) and budget annex (an Excel workbook of the application's budget)
/// of each application in `ids`, attached by the secretariat: the demo moves applications
/// along as the service itself, which attaches nothing, and the secretariat may attach to
/// an application at any stage.
fn attach_papers(conn: &mut crate::db::DbConnection, ids: &[ApplicationId]) -> anyhow::Result<()> {
    let secretariat = users::find_by_email(conn, "secretariat@demo.trustfund.local")?
        .context("the demo secretariat account")?;
    let actor = Actor {
        user_id: Some(secretariat.id),
        organization_id: None,
        acting_as: crate::db::ActingAs::User(Role::Secretariat),
        request_id: "demo".into(),
        clock: crate::clock::Clock::system(),
    };
    crate::db::write_blocking(conn, actor, |tx| {
        for &id in ids {
            let owner = Owner::Application(id);
            super::files::attach_pdf(tx, owner, DocumentKind::Proposal, "Full proposal")?;
            let book = super::files::budget_workbook(
                "Shelter and legal aid: budget",
                &[
                    ("Shelter", usd("30000.00")?),
                    ("Legal aid", usd("18000.00")?),
                ],
            )?;
            super::files::attach(
                tx,
                owner,
                DocumentKind::BudgetAnnex,
                "Budget annex",
                "budget-annex.xlsx",
                &book,
            )?;
        }
        Ok(())
    })?;
    Ok(())
}

/// One application drafted by the organisation's demo applicant, then moved along `path`.
fn application(
    tx: &mut Tx,
    call_id: CallId,
    org: OrganizationId,
    country: &str,
    path: &[ApplicationState],
) -> Result<ApplicationId, AppError> {
    let title = format!("Shelter and legal aid ({country})");
    titled(tx, call_id, org, country, &title, path)
}

/// [`application`] under its own title.
fn titled(
    tx: &mut Tx,
    call_id: CallId,
    org: OrganizationId,
    country: &str,
    title: &str,
    path: &[ApplicationState],
) -> Result<ApplicationId, AppError> {
    let money = |a: &str| PositiveMoney::parse(a, Currency::USD).map_err(bad);
    let line = |label: &str, a: &str| -> Result<BudgetLine, AppError> {
        Ok(BudgetLine {
            label: ShortText::parse(label).map_err(bad)?,
            amount: money(a)?,
        })
    };
    let content = Content {
        title: ShortText::parse(title).map_err(bad)?,
        summary: Text::parse(
            "Safe shelter, counselling and legal representation for survivors of trafficking.",
        )
        .map_err(bad)?,
        countries: vec![CountryCode::parse(country).map_err(bad)?],
        beneficiaries: vec![
            Beneficiaries {
                sex: Sex::Female,
                age_group: AgeGroup::Child,
                count: 35,
            },
            Beneficiaries {
                sex: Sex::Female,
                age_group: AgeGroup::Adult,
                count: 60,
            },
        ],
        exploitation: vec![
            Exploitation::SexualExploitation,
            Exploitation::ForcedMarriage,
        ],
        aid_types: vec![AidType::Humanitarian, AidType::Legal],
        requested: money("48000.00")?,
        duration_months: 12,
        budget_lines: vec![line("Shelter", "30000.00")?, line("Legal aid", "18000.00")?],
    };
    let author = users::find_by_email(tx.conn(), &email(slug_of(country)))?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("demo data: demo applicant missing")))?
        .id;
    let app = create_draft(tx, call_id, org, author, content)?;
    for &to in path {
        let reason = match to {
            Ineligible => {
                let note = "demo: no safeguarding policy";
                screen(tx, app.id, Some((Criterion::PseaMeasures, note)))?;
                continue;
            }
            UnderReview => {
                screen(tx, app.id, None)?;
                continue;
            }
            // Every withdrawal says why, as the API requires.
            Withdrawn => Some("demo: funded by another donor".to_string()),
            _ => None,
        };
        move_to(tx, app.id, to, reason, None)?;
    }
    Ok(app.id)
}

/// Screens application `id` from `screening`, through the rules the API's screening
/// keeps, its checklist stating every criterion: all met (eligible), or `unmet` with its
/// note (ineligible, the note its reason).
pub(super) fn screen(
    tx: &mut Tx,
    id: ApplicationId,
    unmet: Option<(Criterion, &str)>,
) -> Result<(), AppError> {
    let checklist = Criterion::all()
        .iter()
        .map(|&criterion| {
            let note = unmet.filter(|(c, _)| *c == criterion).map(|(_, n)| n);
            CriterionCheck {
                criterion,
                met: note.is_none(),
                note: note.map(str::to_string),
            }
        })
        .collect();
    let reason = unmet.map_or("demo: meets every criterion", |(_, note)| note);
    record_screening(
        tx,
        Screening {
            application: id,
            eligible: unmet.is_none(),
            reasons: vec![reason.to_string()],
            checklist,
        },
    )
}

fn slug_of(country: &str) -> &'static str {
    ORGS.iter()
        .find(|o| o.2 == country)
        .map_or("haki-shelter", |o| o.0)
}

fn demo_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, AppError> {
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("demo data: no such date")))
}
