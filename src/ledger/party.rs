//! Whose sub-account a posting is on. The Fund's own accounts (cash, exchange
//! differences) have none; contributions are kept per contribution (its donor), the grant
//! accounts per grant. The account decides which kind of party a line must name, so a
//! stored party id is read back as the right typed id, and a line naming the wrong kind
//! is refused before it is written.

use uuid::Uuid;

use super::account::Account;
use crate::domain::{ContributionId, GrantId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Party {
    Contribution(ContributionId),
    Grant(GrantId),
}

/// The kind of party an account keeps its sub-accounts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyKind {
    Contribution,
    Grant,
}

impl Party {
    pub fn id(self) -> Uuid {
        match self {
            Party::Contribution(id) => id.as_uuid(),
            Party::Grant(id) => id.as_uuid(),
        }
    }

    pub fn kind(self) -> PartyKind {
        match self {
            Party::Contribution(_) => PartyKind::Contribution,
            Party::Grant(_) => PartyKind::Grant,
        }
    }

    /// The party of a line on `account` whose stored id is `id`; `None` when the account
    /// keeps no sub-accounts.
    pub fn on(account: Account, id: Uuid) -> Option<Party> {
        account.party_kind().map(|kind| match kind {
            PartyKind::Contribution => Party::Contribution(ContributionId::from_uuid(id)),
            PartyKind::Grant => Party::Grant(GrantId::from_uuid(id)),
        })
    }
}

impl From<GrantId> for Party {
    fn from(id: GrantId) -> Party {
        Party::Grant(id)
    }
}

impl From<ContributionId> for Party {
    fn from(id: ContributionId) -> Party {
        Party::Contribution(id)
    }
}

impl Account {
    /// Which party a line on this account names, if it names one.
    pub fn party_kind(self) -> Option<PartyKind> {
        match self {
            Account::Cash | Account::ExchangeDifferences => None,
            Account::Contributions => Some(PartyKind::Contribution),
            Account::CommitmentsOutstanding
            | Account::GrantCommitments
            | Account::GrantsPaid
            | Account::ProgrammeSupportCosts
            | Account::Refunds => Some(PartyKind::Grant),
        }
    }
}
