//! How the Fund's ledger entries become IATI transactions (IATI 2.03 TransactionType;
//! the standard allows negative values for corrections and returned money):
//! - the grant's commitment: an outgoing commitment (2) of the award, on the award date.
//!   The programme support cost committed beside it is UNODC's, not the grantee's, so it
//!   is reported as the expenditure it becomes when charged (below), not committed to the
//!   grantee;
//! - a disbursement: a disbursement (3) of the tranche paid, on its value date, and an
//!   expenditure (4) of the programme support cost charged on it, received by UNODC;
//! - a refund of unspent money: a negative disbursement (3) of the amount returned and a
//!   negative expenditure (4) of the programme support cost given back, on the day it was
//!   received (money returned by the recipient of a disbursement reduces what was
//!   disbursed; it is not new funding for the activity, so not incoming funds);
//! - a reversal: the same transactions with the opposite sign, on the day it was posted;
//! - a closure releasing the unpaid commitment: a negative outgoing commitment (2) of the
//!   award not paid, on the day of closure;
//! - an amendment changing the award: an outgoing commitment (2) of the change (negative
//!   for a decrease), on the day of the amendment; the commitment at award is then the
//!   award the Board decided, before any change.
//!
//! Incoming funds (1) do not appear: contributions are pooled in the Fund, never
//! earmarked to a grant, so no receipt belongs to one grant's activity (reporting them on
//! every activity would count the same money many times).
//!
//! `kind = disbursements` keeps disbursements and their reversals (as the other formats
//! do); `all` keeps every entry a grant owns. An entry is in the period by its date above.

//!
//! **Sectors** (DAC 5-digit purpose codes, IATI SectorVocabulary 1) come from the forms of
//! exploitation the grant's application addresses, its focus ([`sectors`]): assistance to
//! victims of
//! - sexual exploitation and forced marriage: 15180 "Ending violence against women and
//!   girls", whose CRS description names trafficking and child, early and forced
//!   marriage;
//! - forced labour, slavery and similar practices, servitude: 16070 "Labour rights",
//!   whose CRS description names forced labour among the fundamental rights at work;
//! - forced begging, forced criminality, removal of organs: 15160 "Human rights" (no
//!   purpose code is closer: these are abuses of the person, not of work);
//! - any other form: 16010 "Social protection", the shelter, care and cash assistance
//!   the Fund's grants pay for.
//!
//! Each sector named gets an equal share of 100 (two decimals, adding up to 100 exactly).
//! 15190 "Facilitation of orderly, safe, regular and responsible migration" would fit
//! grants for migrants trafficked abroad, but no record says a grant's beneficiaries are
//! migrants, so it is never guessed.
//!
//! The defaults every activity declares: flow type 10 (ODA: grants to NGOs in
//! developing countries for victims' assistance), finance type 110 (standard grant: the
//! Fund's money is not repaid) and aid type C01 (project-type interventions: each grant
//! funds one project, with its own budget, period and reports).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use rust_decimal::Decimal;

use super::activity::{Receiver, Sector, Transaction, TransactionType};
use super::load::Scope;
use crate::calls::Exploitation;
use crate::db::stored_money;
use crate::domain::{Currency, Money};
use crate::error::AppError;
use crate::grants::GrantState;

/// IATI FlowType 10, ODA.
pub(super) const FLOW_TYPE_ODA: &str = "10";
/// IATI FinanceType 110, standard grant.
pub(super) const FINANCE_TYPE_GRANT: &str = "110";
/// IATI AidType C01 (vocabulary 1, OECD DAC), project-type interventions.
pub(super) const AID_TYPE_PROJECT: &str = "C01";

const VAWG: Sector = Sector {
    code: "15180",
    name: "Ending violence against women and girls",
};
const LABOUR_RIGHTS: Sector = Sector {
    code: "16070",
    name: "Labour rights",
};
const HUMAN_RIGHTS: Sector = Sector {
    code: "15160",
    name: "Human rights",
};
const SOCIAL_PROTECTION: Sector = Sector {
    code: "16010",
    name: "Social protection",
};

/// The sector of one form of exploitation (see the module's documentation).
pub(super) fn sector_of(form: Exploitation) -> Sector {
    match form {
        Exploitation::SexualExploitation | Exploitation::ForcedMarriage => VAWG,
        Exploitation::ForcedLabour | Exploitation::Slavery | Exploitation::Servitude => {
            LABOUR_RIGHTS
        }
        Exploitation::ForcedBegging
        | Exploitation::ForcedCriminality
        | Exploitation::OrganRemoval => HUMAN_RIGHTS,
        Exploitation::Other => SOCIAL_PROTECTION,
    }
}

/// The sectors of a grant whose application addresses `forms`, each once, in code
/// order, with equal shares adding up to 100; social protection when none is named.
pub(super) fn sectors(forms: &[Exploitation]) -> Vec<(Sector, Decimal)> {
    let mut found: Vec<Sector> = forms.iter().copied().map(sector_of).collect();
    found.sort();
    found.dedup();
    if found.is_empty() {
        found.push(SOCIAL_PROTECTION);
    }
    let shares = super::activity::country_percentages(found.len());
    found.into_iter().zip(shares).collect()
}

/// A grant as the mapping needs it.
#[derive(Queryable)]
pub(super) struct GrantRow {
    pub(super) application_id: String,
    pub(super) organization_id: String,
    pub(super) award_minor: i64,
    pub(super) currency: Currency,
    pub(super) state: GrantState,
    pub(super) created_at: NaiveDateTime,
    pub(super) closed_at: Option<NaiveDateTime>,
    pub(super) release_transaction_id: Option<String>,
}

#[derive(Queryable)]
pub(super) struct DisbursementRow {
    pub(super) tranche: i32,
    pub(super) amount_minor: i64,
    pub(super) psc_minor: i64,
    pub(super) currency: Currency,
    pub(super) value_date: NaiveDate,
    pub(super) reversal_transaction_id: Option<String>,
}

#[derive(Queryable)]
pub(super) struct RefundRow {
    pub(super) amount_minor: i64,
    pub(super) psc_minor: i64,
    pub(super) currency: Currency,
    pub(super) received_on: NaiveDate,
    pub(super) reversal_transaction_id: Option<String>,
}

fn posted_on(posted: &HashMap<String, NaiveDate>, id: &str) -> Result<NaiveDate, AppError> {
    posted
        .get(id)
        .copied()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("ledger transaction {id} is missing")))
}

fn negate(m: Money) -> Result<Money, AppError> {
    Money::zero(m.currency())
        .checked_sub(m)
        .map_err(AppError::internal)
}

/// A disbursement's (or, negated, a refund's) pair of transactions: to the grantee, and
/// the programme support cost to UNODC when there is one.
fn pair(out: &mut Vec<Transaction>, date: NaiveDate, amount: Money, psc: Money, what: &str) {
    out.push(Transaction {
        kind: TransactionType::Disbursement,
        date,
        value: amount,
        description: what.to_string(),
        receiver: Receiver::Grantee,
    });
    if !psc.is_zero() {
        out.push(Transaction {
            kind: TransactionType::Expenditure,
            date,
            value: psc,
            description: format!("programme support cost on the {what}"),
            receiver: Receiver::Administrator,
        });
    }
}

pub(super) fn transactions(
    scope: &Scope,
    g: &GrantRow,
    disbursements: &[DisbursementRow],
    refunds: &[RefundRow],
    posted: &HashMap<String, NaiveDate>,
) -> Result<Vec<Transaction>, AppError> {
    let mut out = Vec::new();
    let award = stored_money(g.award_minor, g.currency)?;
    if scope.all_kinds && scope.contains(g.created_at.date()) {
        out.push(Transaction {
            kind: TransactionType::OutgoingCommitment,
            date: g.created_at.date(),
            value: award,
            description: "grant awarded by the Board of Trustees".to_string(),
            receiver: Receiver::Grantee,
        });
    }
    let mut paid = Money::zero(g.currency);
    for d in disbursements {
        let amount = stored_money(d.amount_minor, d.currency)?;
        let psc = stored_money(d.psc_minor, d.currency)?;
        let what = format!("disbursement of tranche {}", d.tranche);
        if scope.contains(d.value_date) {
            pair(&mut out, d.value_date, amount, psc, &what);
        }
        match &d.reversal_transaction_id {
            Some(reversal) => {
                let day = posted_on(posted, reversal)?;
                if scope.contains(day) {
                    let what = format!("reversal of the {what}");
                    pair(&mut out, day, negate(amount)?, negate(psc)?, &what);
                }
            }
            None => paid = paid.checked_add(amount).map_err(AppError::internal)?,
        }
    }
    for r in refunds {
        let amount = stored_money(r.amount_minor, r.currency)?;
        let psc = stored_money(r.psc_minor, r.currency)?;
        if scope.contains(r.received_on) {
            pair(
                &mut out,
                r.received_on,
                negate(amount)?,
                negate(psc)?,
                "refund of unspent money",
            );
        }
        if let Some(reversal) = &r.reversal_transaction_id {
            let day = posted_on(posted, reversal)?;
            if scope.contains(day) {
                pair(
                    &mut out,
                    day,
                    amount,
                    psc,
                    "reversal of a refund of unspent money",
                );
            }
        }
    }
    if let (true, Some(release)) = (scope.all_kinds, &g.release_transaction_id) {
        let day = posted_on(posted, release)?;
        let unpaid = award.checked_sub(paid).map_err(AppError::internal)?;
        if scope.contains(day) && unpaid.is_positive() {
            out.push(Transaction {
                kind: TransactionType::OutgoingCommitment,
                date: day,
                value: negate(unpaid)?,
                description: "grant closed: the award not paid released".to_string(),
                receiver: Receiver::Grantee,
            });
        }
    }
    // Stable: within a day, the order the entries were made in.
    out.sort_by_key(|t| t.date);
    Ok(out)
}

/// `out` with the grant's award changes: the commitment at award back to the award before
/// the first change, and each change as a commitment of its own on its day.
pub(super) fn with_award_changes(
    scope: &Scope,
    mut out: Vec<Transaction>,
    changes: &[crate::grants::AwardChange],
) -> Result<Vec<Transaction>, AppError> {
    let Some(first) = changes.first() else {
        return Ok(out);
    };
    if let Some(at_award) = out
        .iter_mut()
        .find(|t| t.kind == TransactionType::OutgoingCommitment && t.value.is_positive())
    {
        at_award.value = first.before;
    }
    for c in changes {
        if scope.all_kinds && scope.contains(c.on) {
            out.push(Transaction {
                kind: TransactionType::OutgoingCommitment,
                date: c.on,
                value: c.after.checked_sub(c.before).map_err(AppError::internal)?,
                description: format!(
                    "award changed by amendment from {} to {}",
                    c.before, c.after
                ),
                receiver: Receiver::Grantee,
            });
        }
    }
    out.sort_by_key(|t| t.date);
    Ok(out)
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
