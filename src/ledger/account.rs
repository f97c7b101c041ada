//! The chart of accounts and the kinds of ledger transaction, stored by their codes.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The Fund's accounts. Amounts are signed: a debit is positive, a credit negative, so a
/// balanced transaction sums to zero. Asset and expense accounts (cash, commitments
/// charged, grants paid, programme support costs) normally carry positive balances;
/// revenue and liability accounts (contributions, commitments outstanding, refunds)
/// negative ones.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
#[strum(serialize_all = "snake_case")]
pub enum Account {
    /// The Fund's cash, in USD.
    Cash,
    /// Contributions received (revenue), one sub-account per contribution (its donor).
    Contributions,
    /// Grant commitments not yet paid (liability), one sub-account per grant.
    CommitmentsOutstanding,
    /// Grant expense recognised by commitment (the other side of a commitment).
    GrantCommitments,
    /// Grant money paid out to grantees.
    GrantsPaid,
    /// Programme support costs charged on disbursements.
    ProgrammeSupportCosts,
    /// Unspent money returned by grantees.
    Refunds,
    /// Gains and losses from currency conversion.
    ExchangeDifferences,
}

impl Account {
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn parse(code: &str) -> Option<Account> {
        code.parse().ok()
    }
}

/// What a ledger transaction records.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    ToSchema,
    diesel::AsExpression,
    diesel::FromSqlRow,
    strum::IntoStaticStr,
    strum::VariantArray,
    strum::EnumString,
)]
#[serde(rename_all = "snake_case")]
#[diesel(sql_type = diesel::sql_types::Text)]
#[strum(serialize_all = "snake_case")]
pub enum TransactionKind {
    /// Money received against a contribution.
    Receipt,
    /// A grant's award and programme support cost committed.
    Commitment,
    /// A tranche paid to a grantee.
    Disbursement,
    /// Unspent money returned by a grantee.
    Refund,
    /// Gains or losses on conversion.
    ExchangeDifference,
    /// A new entry that undoes an earlier one, posting for posting.
    Reversal,
    /// A closed grant's unpaid commitment released to the available balance.
    Release,
    /// A grant's award changed by an amendment: the change in award and programme support
    /// cost committed (an increase) or released to the available balance (a decrease).
    /// Its own kind, not a commitment or a release: a grant has one commitment at award
    /// and at most one release at closure, which the integrity check holds it to.
    AwardChange,
}

impl TransactionKind {
    pub fn code(self) -> &'static str {
        self.into()
    }

    pub fn parse(code: &str) -> Option<TransactionKind> {
        code.parse().ok()
    }
}
