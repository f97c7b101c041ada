//! A demo grant amended twice: the legal aid grant in the Philippines, its first tranche
//! paid, gets a no-cost extension of six months (court hearings were postponed) and then a
//! budget revision moving 1,000 from shelter and care to legal aid. Taken only while the
//! grant has no amendment, so loading twice changes nothing.

use anyhow::Context;
use chrono::Months;

use crate::config::GrantSettings;
use crate::db::{write_blocking, ActingAs, Actor, DbConnection, PageRequest};
use crate::domain::{Money, Role};
use crate::grants::{AmendmentKind, BudgetLine, GrantState, GrantView, NewAmendment};

/// The application whose grant the demo amends (`super::grant_stages::STAGED`).
const AMENDED_TITLE: &str = "Legal aid in labour trafficking cases (PH)";

fn secretariat(conn: &mut DbConnection) -> anyhow::Result<Actor> {
    let user = crate::users::find_by_email(conn, "secretariat@demo.trustfund.local")?;
    Ok(Actor {
        user_id: user.map(|u| u.id),
        organization_id: None,
        acting_as: ActingAs::User(Role::Secretariat),
        request_id: "demo".into(),
        clock: crate::clock::Clock::system(),
    })
}

fn the_grant(conn: &mut DbConnection) -> anyhow::Result<Option<GrantView>> {
    let page = PageRequest {
        limit: 200,
        after: None,
    };
    let today = crate::clock::Clock::system().today();
    for grant in crate::grants::list(conn, None, page, today)?.items {
        let title = crate::applications::find(conn, grant.application_id)?
            .map(|a| a.content.title.as_str().to_string());
        if title.as_deref() == Some(AMENDED_TITLE) {
            return Ok(Some(grant));
        }
    }
    Ok(None)
}

fn amendment(grant: &GrantView, kind: AmendmentKind, reason: &str) -> NewAmendment {
    NewAmendment {
        grant: grant.id,
        kind,
        reason: reason.into(),
        board_decision: None,
        period_end: None,
        budget_lines: None,
        award: None,
        tranches: None,
        extension_max_months: GrantSettings::default().extension_max_months,
    }
}

pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    let Some(grant) = the_grant(conn).context("demo amendments: the grant")? else {
        return Ok(());
    };
    if grant.state != GrantState::AgreementSigned || grant.amendment_version > 0 {
        return Ok(());
    }
    let Some(agreement) = &grant.agreement else {
        return Ok(());
    };
    let mut extension = amendment(
        &grant,
        AmendmentKind::Extension,
        "Court hearings in two trafficking cases were postponed by six months.",
    );
    extension.period_end = agreement.period_end.checked_add_months(Months::new(6));
    let actor = secretariat(conn)?;
    write_blocking(conn, actor.clone(), |tx| {
        crate::grants::amend(tx, extension)
    })
    .context("demo amendments: the extension")?;
    let moved =
        Money::from_minor(100_000, grant.award.currency()).map_err(|e| anyhow::anyhow!(e.0))?;
    let mut lines: Vec<BudgetLine> = grant
        .budget
        .iter()
        .map(|l| BudgetLine {
            label: l.label.clone(),
            amount: l.budget,
        })
        .collect();
    if let [first, .., last] = lines.as_mut_slice() {
        if first.amount >= moved {
            let bad = |e: crate::domain::InvalidValue| anyhow::anyhow!(e.0);
            first.amount = first.amount.checked_sub(moved).map_err(bad)?;
            last.amount = last.amount.checked_add(moved).map_err(bad)?;
        }
    }
    let mut revision = amendment(
        &grant,
        AmendmentKind::BudgetRevision,
        "More cases went to court than planned: legal aid needs more, shelter less.",
    );
    revision.budget_lines = Some(lines);
    write_blocking(conn, actor, |tx| crate::grants::amend(tx, revision))
        .context("demo amendments: the budget revision")?;
    Ok(())
}
