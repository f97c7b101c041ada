//! The mail of grantee reports: a report reviewed (to the grantee's own accounts).

use crate::db::Tx;
use crate::domain::GrantId;
use crate::error::AppError;
use crate::grants::notices::about_grant;
use crate::notifications::deliver;

/// A report was accepted or returned (with the secretariat's comments).
pub fn report_reviewed(
    tx: &mut Tx,
    grant: GrantId,
    final_report: bool,
    tranche: Option<i32>,
    accepted: bool,
    comments: Option<&str>,
) -> Result<(), AppError> {
    let about = about_grant(tx.conn(), grant)?;
    let own = crate::users::recipients::of_organization(tx.conn(), about.organization_id)?;
    deliver(
        tx,
        "report_reviewed",
        if accepted {
            "grant_report.accepted"
        } else {
            "grant_report.returned"
        },
        &own,
        &minijinja::context! {
            organization => about.organization,
            title => about.title,
            final_report => final_report,
            tranche => tranche.unwrap_or_default(),
            accepted => accepted,
            comments => comments.unwrap_or_default(),
        },
        None,
    )?;
    Ok(())
}
