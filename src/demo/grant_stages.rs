//! Demo grants at every stage of money out (issue 11): awaiting agreement, first tranche
//! paid, a report pending review, a report returned, second tranche paid, refunded,
//! closed. The Board's session grant (`super::voting`) has its report pending; the
//! grants-at-work call's grants (`super::applications`, `super::voting`) take the other
//! stages, one each, recognised by their application's title. Each step is taken only
//! from the state before it, so loading twice changes nothing.

use anyhow::Context;

use crate::db::{DbConnection, PageRequest};
use crate::domain::{GrantId, Money};
use crate::grants::{GrantState, GrantView};

use super::{grant_reports, money_out};

/// How far the demo takes a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    AwaitingAgreement,
    FirstTranchePaid,
    ReportPending,
    ReportReturned,
    SecondTranchePaid,
    Refunded,
    Closed,
}

/// One application of the grants-at-work call and the stage its grant reaches.
pub struct Staged {
    pub country: &'static str,
    pub title: &'static str,
    /// What every voting trustee recommends, so the award (USD).
    pub award: &'static str,
    pub stage: Stage,
}

/// Small awards, so that the Fund keeps most of its money available.
pub const STAGED: [Staged; 6] = [
    Staged {
        country: "KE",
        title: "Safe houses for child survivors (KE)",
        award: "22000.00",
        stage: Stage::AwaitingAgreement,
    },
    Staged {
        country: "PH",
        title: "Legal aid in labour trafficking cases (PH)",
        award: "21000.00",
        stage: Stage::FirstTranchePaid,
    },
    Staged {
        country: "CO",
        title: "Psychosocial care for survivors (CO)",
        award: "20000.00",
        stage: Stage::ReportReturned,
    },
    Staged {
        country: "KE",
        title: "Reintegration and vocational training (KE)",
        award: "22000.00",
        stage: Stage::SecondTranchePaid,
    },
    Staged {
        country: "PH",
        title: "Medical care for survivors of forced labour at sea (PH)",
        award: "21000.00",
        stage: Stage::Refunded,
    },
    Staged {
        country: "CO",
        title: "Emergency shelter on the border (CO)",
        award: "20000.00",
        stage: Stage::Closed,
    },
];

/// The Board session's approved application (`super::voting`): its report waits.
const SESSION_GRANT_TITLE: &str = "Shelter and legal aid (PH)";

fn stage_of(conn: &mut DbConnection, grant: &GrantView) -> anyhow::Result<Option<Stage>> {
    let Some(application) = crate::applications::find(conn, grant.application_id)? else {
        return Ok(None);
    };
    let Some(call) = crate::calls::find(conn, application.call_id)? else {
        return Ok(None);
    };
    let title = application.content.title.as_str();
    if call.title == super::applications::BOARD_SESSION_CALL && title == SESSION_GRANT_TITLE {
        return Ok(Some(Stage::ReportPending));
    }
    if call.title != super::applications::GRANTS_AT_WORK_CALL {
        return Ok(None);
    }
    Ok(STAGED.iter().find(|s| s.title == title).map(|s| s.stage))
}

fn reload(conn: &mut DbConnection, id: GrantId) -> anyhow::Result<GrantView> {
    crate::grants::find(conn, id, crate::clock::Clock::system().today())?
        .context("demo grants: a grant vanished")
}

pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    let page = PageRequest {
        limit: 200,
        after: None,
    };
    let grants = crate::grants::list(conn, None, page, crate::clock::Clock::system().today())
        .context("demo grants: the list")?;
    for grant in grants.items {
        let Some(stage) = stage_of(conn, &grant)? else {
            continue;
        };
        // Only a grant still awaiting its agreement is taken along: one already signed
        // (or closed) was staged by an earlier load.
        if stage == Stage::AwaitingAgreement || grant.state != GrantState::Awarded {
            continue;
        }
        advance(conn, grant, stage).with_context(|| format!("demo grants: {stage:?}"))?;
    }
    Ok(())
}

/// Takes an awarded grant to `stage`.
fn advance(conn: &mut DbConnection, grant: GrantView, stage: Stage) -> anyhow::Result<()> {
    let id = grant.id;
    money_out::sign(conn, id, grant.award)?;
    let grant = reload(conn, id)?;
    money_out::pay(conn, &grant, 1)?;
    let grant = reload(conn, id)?;
    let paid = grant.disbursed;
    match stage {
        Stage::AwaitingAgreement | Stage::FirstTranchePaid => {}
        Stage::ReportPending => {
            grant_reports::file(conn, &grant, Some(1), paid)?;
        }
        Stage::ReportReturned => {
            if let Some(report) = grant_reports::file(conn, &grant, Some(1), paid)? {
                grant_reports::review(conn, report, false)?;
            }
        }
        Stage::SecondTranchePaid => {
            if let Some(report) = grant_reports::file(conn, &grant, Some(1), paid)? {
                grant_reports::review(conn, report, true)?;
                money_out::pay(conn, &grant, 2)?;
            }
        }
        Stage::Refunded => {
            // A tenth of the first tranche was not needed and came back.
            let back = Money::from_minor(paid.to_minor() / 10, paid.currency())?;
            money_out::refund(conn, id, back)?;
        }
        Stage::Closed => {
            // The final report shows the first tranche spent; accepting it closes the
            // grant and releases the rest of its commitment.
            if let Some(report) = grant_reports::file(conn, &grant, None, paid)? {
                grant_reports::review(conn, report, true)?;
            }
        }
    }
    Ok(())
}
