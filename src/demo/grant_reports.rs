//! Demo grantee reports, the steps `super::grant_stages` takes grants through: the
//! grantee's applicant files a progress or final report, the secretariat accepts it or
//! returns it with comments.

use anyhow::Context;

use crate::auth::Role;
use crate::calls::{AgeGroup, Exploitation, Sex};
use crate::db::{write_blocking, ActingAs, Actor, DbConnection};
use crate::documents::{DocumentKind, Owner};
use crate::domain::{GrantReportId, Money, ShortText, Text};
use crate::grant_reports::{
    BeneficiaryCount, FileReport, NewReport, ReportKind, Review, SpentLine,
};
use crate::grants::GrantView;

fn text(value: &str) -> anyhow::Result<Text> {
    Text::parse(value).map_err(|e| anyhow::anyhow!(e.0))
}

fn line(label: &str, amount: Money) -> anyhow::Result<SpentLine> {
    Ok(SpentLine {
        label: ShortText::parse(label).map_err(|e| anyhow::anyhow!(e.0))?,
        amount,
    })
}

/// The grantee's applicant files a report on grant `grant`: a progress report on
/// `tranche`, or the final report when `tranche` is `None`, spending `spent` of what was
/// paid (two thirds on shelter, one third on lawyers). `None` when the grant has no demo
/// applicant to file it.
pub fn file(
    conn: &mut DbConnection,
    grant: &GrantView,
    tranche: Option<i32>,
    spent: Money,
) -> anyhow::Result<Option<GrantReportId>> {
    let beneficiaries = vec![
        BeneficiaryCount {
            sex: Sex::Female,
            age_group: AgeGroup::Child,
            exploitation: Exploitation::SexualExploitation,
            count: 14,
        },
        BeneficiaryCount {
            sex: Sex::Female,
            age_group: AgeGroup::Adult,
            exploitation: Exploitation::ForcedLabour,
            count: 9,
        },
        BeneficiaryCount {
            sex: Sex::Male,
            age_group: AgeGroup::Adult,
            exploitation: Exploitation::ForcedLabour,
            count: 6,
        },
    ];
    file_with(conn, grant, tranche, spent, beneficiaries)
}

/// [`file`] with the grantee's own counts of beneficiaries.
pub fn file_with(
    conn: &mut DbConnection,
    grant: &GrantView,
    tranche: Option<i32>,
    spent: Money,
    beneficiaries: Vec<BeneficiaryCount>,
) -> anyhow::Result<Option<GrantReportId>> {
    // The applicant who drafted the application files the report.
    let application = crate::applications::find(conn, grant.application_id)
        .context("demo reports: the application")?;
    let Some(applicant) = application
        .map(|a| a.created_by)
        .map(|id| crate::users::find(conn, id))
        .transpose()
        .context("demo reports: the applicant")?
        .flatten()
        .filter(|u| u.role == Role::Applicant && u.organization_id == Some(grant.organization_id))
    else {
        return Ok(None);
    };
    let today = crate::clock::Clock::system().now().date();
    let currency = grant.award.currency();
    let share = |minor: i64| Money::from_minor(minor, currency).map_err(anyhow::Error::from);
    let paid = spent.to_minor();
    let kind = match tranche {
        Some(_) => ReportKind::Progress,
        None => ReportKind::Final,
    };
    let report = NewReport {
        kind,
        tranche,
        period_start: today,
        period_end: today,
        beneficiaries,
        spent: vec![
            line("Shelter and care", share(paid / 3 * 2)?)?,
            line("Legal aid", share(paid - paid / 3 * 2)?)?,
        ],
        narrative: text(
            "Twenty-nine survivors received shelter, medical care and counselling; \
             fifteen were represented in proceedings against their traffickers.",
        )?,
    };
    let actor = Actor {
        user_id: Some(applicant.id),
        organization_id: Some(grant.organization_id),
        acting_as: ActingAs::User(Role::Applicant),
        request_id: "demo".into(),
        clock: crate::clock::Clock::system(),
    };
    let command = FileReport {
        grant: grant.id,
        report,
        overspend_share: crate::config::GrantSettings::default().budget_line_overspend_share,
    };
    let filed = write_blocking(conn, actor, |tx| crate::grant_reports::file(tx, command))
        .context("demo reports: filing a report")?;
    Ok(Some(filed.id))
}

/// The secretariat accepts report `id`, or returns it with comments. A final report it
/// accepts gets its financial statement (a one-page PDF) attached first, as the
/// acceptance requires.
pub fn review(conn: &mut DbConnection, id: GrantReportId, accepted: bool) -> anyhow::Result<()> {
    let secretariat = crate::users::find_by_email(conn, "secretariat@demo.trustfund.local")?
        .context("demo reports: the secretariat account")?;
    let comments = if accepted {
        None
    } else {
        Some(text(
            "Please break the legal aid line down by case and attach the shelter's \
             occupancy records for the period.",
        )?)
    };
    let actor = Actor {
        user_id: Some(secretariat.id),
        organization_id: None,
        acting_as: ActingAs::User(Role::Secretariat),
        request_id: "demo".into(),
        clock: crate::clock::Clock::system(),
    };
    let command = Review {
        report: id,
        accepted,
        comments,
    };
    write_blocking(conn, actor, |tx| {
        if accepted {
            let reviewer = tx.actor().clone();
            let report = crate::grant_reports::show_report(tx.conn(), &reviewer, id)?;
            if report.kind == ReportKind::Final {
                super::files::attach_pdf(
                    tx,
                    Owner::Report(id),
                    DocumentKind::FinancialStatement,
                    "Final financial statement",
                )?;
            }
        }
        crate::grant_reports::review(tx, command)
    })
    .context("demo reports: a review")?;
    Ok(())
}
