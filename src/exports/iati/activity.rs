//! One grant as an IATI activity: the data the writer needs, already in IATI's terms
//! (codes of the IATI 2.03 codelists), so the XML writer makes no decision of its own.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::domain::{CountryCode, Currency, Money};
use crate::organizations::OrgType;

/// A grant as an `iati-activity`.
#[derive(Debug, Clone)]
pub struct Activity {
    pub grant: Uuid,
    /// The application's title.
    pub title: String,
    /// The public summary the secretariat approved for publication, if any; never the
    /// application's own text (see `crate::grants::public_summary`). Without one the
    /// writer describes the grant from its structured fields.
    pub description: Option<String>,
    /// The DAC 5-digit sectors of the grant's focus, with their shares of 100.
    pub sectors: Vec<(Sector, Decimal)>,
    /// When anything the activity shows last changed (its ledger entries, its state,
    /// its approved summary).
    pub last_updated: chrono::DateTime<chrono::Utc>,
    pub grantee: Grantee,
    pub status: ActivityStatus,
    pub dates: Vec<(ActivityDateType, NaiveDate)>,
    /// The application's countries of implementation, in its order.
    pub countries: Vec<CountryCode>,
    pub currency: Currency,
    /// In date order.
    pub transactions: Vec<Transaction>,
}

/// A DAC 5-digit purpose code (IATI SectorVocabulary 1) and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sector {
    pub code: &'static str,
    pub name: &'static str,
}

/// The implementing organisation.
#[derive(Debug, Clone)]
pub struct Grantee {
    pub name: String,
    pub org_type: OrgType,
    /// Its identifier in IATI form (`<registration agency>-<number>`), when it has one.
    pub iati_ref: Option<String>,
}

/// IATI ActivityStatus codelist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityStatus {
    /// 1: awarded, the agreement not signed yet.
    Pipeline,
    /// 2: the agreement signed; tranches are being paid.
    Implementation,
    /// 3: the commitment released, a refund still owed by the grantee.
    Finalisation,
    /// 4: the final report accepted and the grant closed.
    Closed,
    /// 5: cancelled or terminated on a Board decision.
    Cancelled,
}

impl ActivityStatus {
    pub fn code(self) -> &'static str {
        match self {
            ActivityStatus::Pipeline => "1",
            ActivityStatus::Implementation => "2",
            ActivityStatus::Finalisation => "3",
            ActivityStatus::Closed => "4",
            ActivityStatus::Cancelled => "5",
        }
    }
}

/// IATI ActivityDateType codelist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityDateType {
    PlannedStart,
    ActualStart,
    PlannedEnd,
    ActualEnd,
}

impl ActivityDateType {
    pub fn code(self) -> &'static str {
        match self {
            ActivityDateType::PlannedStart => "1",
            ActivityDateType::ActualStart => "2",
            ActivityDateType::PlannedEnd => "3",
            ActivityDateType::ActualEnd => "4",
        }
    }
}

/// IATI TransactionType codelist: the four the Fund's grants use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TransactionType {
    IncomingFunds,
    OutgoingCommitment,
    Disbursement,
    Expenditure,
}

impl TransactionType {
    pub fn code(self) -> &'static str {
        match self {
            TransactionType::IncomingFunds => "1",
            TransactionType::OutgoingCommitment => "2",
            TransactionType::Disbursement => "3",
            TransactionType::Expenditure => "4",
        }
    }
}

/// To whom the money of a transaction goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiver {
    /// The implementing organisation.
    Grantee,
    /// UNODC, for the programme support cost it charges.
    Administrator,
}

#[derive(Debug, Clone)]
pub struct Transaction {
    pub kind: TransactionType,
    pub date: NaiveDate,
    /// Signed: a refund or a reversal is negative (see `load.rs`).
    pub value: Money,
    pub description: String,
    pub receiver: Receiver,
}

/// IATI OrganisationType codelist for a grantee: an NGO is reported as a national NGO
/// (22; the Fund's grantees work where they are registered), a government as 10, an
/// intergovernmental organisation as multilateral (40).
pub fn organisation_type(kind: OrgType) -> &'static str {
    match kind {
        OrgType::Ngo => "22",
        OrgType::Governmental => "10",
        OrgType::Intergovernmental => "40",
    }
}

/// Shares of 100 for `n` recipient countries, as exact two-place decimals adding up to
/// 100 exactly: equal parts rounded down to the hundredth, the first takes what is left.
pub fn country_percentages(n: usize) -> Vec<Decimal> {
    let Ok(count) = i64::try_from(n) else {
        return Vec::new();
    };
    if count == 0 {
        return Vec::new();
    }
    let hundredths = 10_000_i64;
    let part = hundredths / count;
    let first = hundredths - part * (count - 1);
    std::iter::once(first)
        .chain(std::iter::repeat_n(part, n - 1))
        .map(|h| Decimal::new(h, 2))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_add_up_to_one_hundred() {
        for n in 1..=13 {
            let parts = country_percentages(n);
            assert_eq!(parts.len(), n);
            assert_eq!(parts.iter().sum::<Decimal>(), Decimal::new(100, 0));
        }
        assert_eq!(
            country_percentages(3),
            vec![
                Decimal::new(3334, 2),
                Decimal::new(3333, 2),
                Decimal::new(3333, 2)
            ]
        );
        assert!(country_percentages(0).is_empty());
    }
}
