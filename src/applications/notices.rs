//! The mail an application's own changes send (submitted, screened), and what every
//! message about an application names, for the features above that mail about it too.
//! An organisation's mail goes only to its own enabled accounts and names only itself;
//! the secretariat gets what its role already lets it read.

use crate::db::{DbConnection, Tx};
use crate::domain::{ApplicationId, OrganizationId, Role};
use crate::error::AppError;
use crate::notifications::deliver;

/// What every message about one application names: its organisation and its title.
pub struct About {
    pub application_id: ApplicationId,
    pub organization_id: OrganizationId,
    pub organization: String,
    pub title: String,
}

/// The names a message about `application_id` shows.
pub fn about(conn: &mut DbConnection, application_id: ApplicationId) -> Result<About, AppError> {
    let missing =
        |what: &str| AppError::internal(anyhow::anyhow!("application {application_id}: no {what}"));
    let app = super::find(conn, application_id)?.ok_or_else(|| missing("application"))?;
    let org = crate::organizations::find(conn, app.organization_id)?
        .ok_or_else(|| missing("organisation"))?;
    Ok(About {
        application_id,
        organization_id: org.id,
        organization: org.legal_name,
        title: app.content.title.as_str().to_string(),
    })
}

/// Submitted: the organisation's accounts hear it was received, the secretariat that it
/// waits for screening.
pub fn submitted(tx: &mut Tx, application_id: ApplicationId) -> Result<(), AppError> {
    let about = about(tx.conn(), application_id)?;
    let context = minijinja::context! {
        organization => about.organization,
        title => about.title,
        reference => about.application_id.to_string(),
    };
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
    deliver(
        tx,
        "application_submitted",
        "application.submitted",
        &own,
        &context,
        None,
    )?;
    let secretariat = crate::users::recipients::with_role(tx.conn(), Role::Secretariat)?;
    deliver(
        tx,
        "application_received",
        "application.submitted",
        &secretariat,
        &context,
        None,
    )?;
    Ok(())
}

/// Screened eligible (it goes to the Board) or ineligible, with the reasons.
pub fn screened(
    tx: &mut Tx,
    application_id: ApplicationId,
    eligible: bool,
    reasons: &[String],
) -> Result<(), AppError> {
    let about = about(tx.conn(), application_id)?;
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
    deliver(
        tx,
        "application_screened",
        if eligible {
            "application.eligible"
        } else {
            "application.ineligible"
        },
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            reference => about.application_id.to_string(),
            eligible => eligible,
            reasons => reasons.to_vec(),
        },
        None,
    )?;
    Ok(())
}
