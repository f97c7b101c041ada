//! Demo grants that end off the happy path: an organisation of the wider picture refused
//! after its award, and its grant cancelled on a Board decision (the whole commitment
//! released); and another whose final report shows less spent than it received, so it
//! waits `closing` with a refund owed. Each step is taken only from the state before it,
//! so loading twice changes nothing.

use anyhow::Context;

use crate::db::{write_blocking, ActingAs, Actor, DbConnection, PageRequest};
use crate::domain::{Money, Role};
use crate::error::AppError;
use crate::grants::{Cancel, GrantState, GrantView};
use crate::organizations::{OrgState, Verification};

/// The awarded grant that is cancelled, and the one left owing a refund (wider picture).
const CANCELLED: &str = "UNPP-DEMO-wide-bucharest";
const OWING: &str = "UNPP-DEMO-wide-chisinau";

fn secretariat(conn: &mut DbConnection) -> Result<Actor, AppError> {
    let user = crate::users::find_by_email(conn, "secretariat@demo.trustfund.local")?;
    Ok(Actor {
        user_id: user.map(|u| u.id),
        organization_id: None,
        acting_as: ActingAs::User(Role::Secretariat),
        request_id: "demo".into(),
        clock: crate::clock::Clock::system(),
    })
}

/// The grant of the organisation with UNPP id `unpp`, if the wider picture made one.
fn grant_of(conn: &mut DbConnection, unpp: &str) -> anyhow::Result<Option<GrantView>> {
    let Some(org) = crate::organizations::find_by_unpp_id(conn, unpp)? else {
        return Ok(None);
    };
    let page = PageRequest {
        limit: 10,
        after: None,
    };
    let today = crate::clock::Clock::system().today();
    let grants = crate::grants::list(conn, Some(org.id), page, today)?;
    Ok(grants.items.into_iter().next())
}

pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    cancelled(conn).context("demo grant ends: the cancelled grant")?;
    owing(conn).context("demo grant ends: the refund owed")?;
    Ok(())
}

fn cancelled(conn: &mut DbConnection) -> anyhow::Result<()> {
    let Some(grant) = grant_of(conn, CANCELLED)? else {
        return Ok(());
    };
    if !grant.state.is_open() {
        return Ok(());
    }
    let org = crate::organizations::find(conn, grant.organization_id)?
        .context("the grantee organisation")?;
    let actor = secretariat(conn)?;
    if org.state == OrgState::Verified {
        write_blocking(conn, actor.clone(), |tx| {
            crate::organizations::verify_organization(
                tx,
                org.id,
                Verification {
                    verified: false,
                    reason: Some(
                        "Its registration was withdrawn by the national authority after the \
                         award."
                            .into(),
                    ),
                },
            )
        })?;
    }
    write_blocking(conn, actor, |tx| {
        crate::grants::cancel(
            tx,
            Cancel {
                grant: grant.id,
                reason: "The grantee's registration was withdrawn; it can no longer carry \
                         out the project."
                    .into(),
                board_decision: "Board decision BD-2026-07 (demo)".into(),
            },
        )
    })?;
    Ok(())
}

fn owing(conn: &mut DbConnection) -> anyhow::Result<()> {
    let Some(grant) = grant_of(conn, OWING)? else {
        return Ok(());
    };
    if grant.state != GrantState::AgreementSigned {
        return Ok(());
    }
    let received = grant
        .disbursed
        .checked_sub(grant.refunded)
        .map_err(|e| anyhow::anyhow!(e.0))?;
    // Nine tenths of what it received spent: the rest is owed back.
    let spent = Money::from_minor(received.to_minor() / 10 * 9, received.currency())?;
    if let Some(report) = super::grant_reports::file(conn, &grant, None, spent)? {
        super::grant_reports::review(conn, report, true)?;
    }
    Ok(())
}
