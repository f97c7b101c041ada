//! Demo grantee reports: the applicant of the demo grant whose first tranche is paid
//! (money_out.rs) files the progress report on that tranche, which waits for the
//! secretariat's review: the grant shows a report pending, and tranche 2 is refused
//! (`report-pending`) until the report is accepted. Loading twice changes nothing: only
//! a signed grant without any report is touched.

use anyhow::Context;

use crate::auth::Role;
use crate::calls::{AgeGroup, Exploitation, Sex};
use crate::db::{write_blocking, Actor, DbConnection, PageRequest};
use crate::domain::{GrantId, Money, ShortText, Text};
use crate::grant_reports::{BeneficiaryCount, ReportKind, ReportRequest, SpentLine};
use crate::grants::GrantState;

fn text(value: &str) -> anyhow::Result<Text> {
    Text::parse(value).map_err(|e| anyhow::anyhow!(e.0))
}

fn line(label: &str, amount: Money) -> anyhow::Result<SpentLine> {
    Ok(SpentLine {
        label: ShortText::parse(label).map_err(|e| anyhow::anyhow!(e.0))?,
        amount,
    })
}

pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    let page = PageRequest {
        limit: 200,
        after: None,
    };
    let grants = crate::grants::list(conn, None, page).context("demo reports: grants")?;
    let mut candidates = Vec::new();
    for grant in grants.items {
        let id = GrantId::from_uuid(grant.id);
        let paid = !grant.disbursed.is_zero();
        if grant.state == GrantState::AgreementSigned
            && paid
            && crate::grant_reports::count_for_grant(conn, id)? == 0
        {
            candidates.push(grant);
        }
    }
    let Some(grant) = candidates.into_iter().next() else {
        return Ok(());
    };
    // The applicant who drafted the application files the report.
    let application = crate::applications::find(conn, grant.application_id)
        .context("demo reports: the application")?;
    let Some(applicant) = application
        .map(|a| a.created_by)
        .map(|id| crate::users::find(conn, id.as_uuid()))
        .transpose()
        .context("demo reports: the applicant")?
        .flatten()
        .filter(|u| u.role == Role::Applicant && u.organization_id == Some(grant.organization_id))
    else {
        return Ok(());
    };
    let today = crate::db::now().date();
    let currency = grant.award.currency();
    let share = |minor: i64| Money::from_minor(minor, currency).map_err(anyhow::Error::from);
    // What was paid, spent about two thirds on shelter and one third on lawyers.
    let paid = grant.disbursed.to_minor();
    let report = ReportRequest {
        kind: ReportKind::Progress,
        tranche: Some(1),
        period_start: today,
        period_end: today,
        beneficiaries: vec![
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
        ],
        spent: vec![
            line("Shelter and care", share(paid / 3 * 2)?)?,
            line("Legal aid", share(paid / 3)?)?,
        ],
        narrative: text(
            "Twenty-nine survivors received shelter, medical care and counselling; \
             fifteen were represented in proceedings against their traffickers.",
        )?,
    };
    report.check_shape()?;
    let actor = Actor {
        user_id: Some(applicant.id),
        role: Some(Role::Applicant.as_str().to_string()),
        request_id: "demo".into(),
    };
    let organization = grant.organization_id.into();
    write_blocking(conn, actor, |tx| {
        crate::grant_reports::file(
            tx,
            organization,
            applicant.id.into(),
            GrantId::from_uuid(grant.id),
            report,
        )
    })
    .context("demo reports: the progress report on tranche 1")?;
    Ok(())
}
