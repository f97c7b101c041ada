//! What this feature needs to know of a grant, asked of the grants feature: whose it is,
//! its award, what it received, its agreement (period and number of tranches), its budget
//! and whether it is closed (or cancelled: its commitment released either way).

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::{GrantId, Money, OrganizationId};
use crate::error::{AppError, Rule};

#[derive(Debug, Clone)]
pub struct GrantFacts {
    pub organization_id: OrganizationId,
    pub award: Money,
    /// What the grantee received: disbursed, net of refunds.
    pub received: Money,
    pub closed: bool,
    /// What was paid on each tranche of the schedule (net of reversals), by number.
    pub paid_by_tranche: Vec<(i32, Money)>,
    /// The agreement's grant period and tranche count, once signed.
    pub agreement: Option<Agreement>,
    /// The grant's budget lines, each with what was spent on it to date (accepted reports).
    pub budget: Vec<crate::grants::BudgetLineView>,
}

#[derive(Debug, Clone, Copy)]
pub struct Agreement {
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub tranches: i32,
}

impl GrantFacts {
    /// What was paid on tranche `number`, net of reversals (zero for a tranche the
    /// schedule does not have).
    pub fn paid_on(&self, number: i32) -> Money {
        self.paid_by_tranche
            .iter()
            .find(|(n, _)| *n == number)
            .map_or(Money::zero(self.award.currency()), |(_, paid)| *paid)
    }

    /// The agreement, or 422 `no-agreement`: reports are on a signed grant's tranches.
    pub fn signed(&self) -> Result<Agreement, AppError> {
        self.agreement.ok_or_else(|| {
            AppError::rule(
                Rule::NoAgreement,
                "the grant's agreement is not signed yet: there is nothing to report on",
            )
        })
    }
}

/// The grant's facts as they stand on `today` (the app's clock).
pub fn find(
    conn: &mut DbConnection,
    id: GrantId,
    today: chrono::NaiveDate,
) -> Result<Option<GrantFacts>, AppError> {
    let Some(grant) = crate::grants::find(conn, id, today)? else {
        return Ok(None);
    };
    let agreement = match (grant.agreement, crate::grants::tranche_count(conn, id)?) {
        (Some(signed), Some(tranches)) => Some(Agreement {
            period_start: signed.period_start,
            period_end: signed.period_end,
            tranches,
        }),
        _ => None,
    };
    let received = grant
        .disbursed
        .checked_sub(grant.refunded)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("grant {id}: received: {}", e.0)))?;
    Ok(Some(GrantFacts {
        organization_id: grant.organization_id,
        award: grant.award,
        received,
        closed: !grant.state.is_open(),
        paid_by_tranche: grant.tranches.iter().map(|t| (t.number, t.paid)).collect(),
        agreement,
        budget: grant.budget,
    }))
}
