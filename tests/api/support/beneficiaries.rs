//! The Fund's beneficiaries report as its readers see it, read back whole: the crate's
//! `BeneficiariesReport` is only written, so the tests read it through this twin.

use chrono::NaiveDate;
use serde::Deserialize;
use trustfund::calls::{AgeGroup, Exploitation, Sex};

use super::client::{Client, Reply};
use super::paths::{self, with_query};

#[derive(Debug, Clone, Deserialize)]
pub struct BeneficiariesRead {
    pub by_sex_and_age_group: Vec<SexAgeFigures>,
    pub by_exploitation: Vec<ExploitationReached>,
    pub totals: Totals,
    pub basis: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SexAgeFigures {
    pub sex: Sex,
    pub age_group: AgeGroup,
    pub targeted: i64,
    pub reached: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ExploitationReached {
    pub exploitation: Exploitation,
    pub reached: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Totals {
    pub targeted: i64,
    pub reached: i64,
    pub grants: i64,
    pub accepted_reports: i64,
}

impl BeneficiariesRead {
    /// The people of `sex`, adults, reached.
    #[track_caller]
    pub fn adults(&self, sex: Sex) -> i64 {
        self.by_sex_and_age_group
            .iter()
            .find(|g| g.sex == sex && g.age_group == AgeGroup::Adult)
            .unwrap_or_else(|| panic!("no {sex:?} adults in {self:?}"))
            .reached
    }

    /// The people reached who were exploited so.
    #[track_caller]
    pub fn exploited(&self, exploitation: Exploitation) -> i64 {
        self.by_exploitation
            .iter()
            .find(|f| f.exploitation == exploitation)
            .unwrap_or_else(|| panic!("no {exploitation:?} in {self:?}"))
            .reached
    }
}

impl Client<'_> {
    /// The beneficiaries report over `[from, to]`.
    pub async fn beneficiaries(&self, from: NaiveDate, to: NaiveDate) -> Reply<BeneficiariesRead> {
        let (from, to) = (from.to_string(), to.to_string());
        self.get(with_query(
            paths::fund_report("beneficiaries"),
            &[("from", from), ("to", to)],
        ))
        .await
    }
}
