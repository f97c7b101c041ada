//! Money that moves against a grant: a tranche paid out (`disbursements`) or unspent
//! money refunded (`refunds`). Both are one flow: the grant and its currency, the grant's
//! book and the movement's own rules, one balanced ledger entry owned by the grant, the
//! movement's row, its audit event and any notice, all in the caller's transaction. Each
//! kind states only what differs, as a [`Movement`].

use serde::Serialize;
use serde_json::json;

use super::ledger_book::Loaded;
use super::model::{self, GrantRow};
use crate::audit::Change;
use crate::db::Tx;
use crate::domain::{GrantId, LedgerTransactionId, Money};
use crate::error::{AppError, Rule};
use crate::ledger::{Owner, Posting, TransactionKind, ValueDate};

/// What one kind of movement adds to the flow of [`record`].
pub(super) trait Movement: Sized {
    type Row;
    type View: Serialize;
    /// The ledger entry's kind.
    const KIND: TransactionKind;
    /// The audit event, and the key its record sits under.
    const EVENT: &'static str;
    const RECORD: &'static str;

    fn grant(&self) -> GrantId;
    fn amount(&self) -> Money;
    /// The day the money moved, and the request field that gave it.
    fn value_date(&self) -> ValueDate;
    /// The movement's own rules, in the order their refusals are reported, on the grant
    /// and its book; returns the programme support cost that moves with the amount
    /// (minor units of the grant's currency).
    fn check(&self, tx: &mut Tx, grant: &GrantRow, loaded: &Loaded) -> Result<i64, AppError>;
    /// The ledger entry's memo.
    fn memo(&self, psc: Money) -> String;
    /// The ledger entry's lines.
    fn postings(grant: GrantId, amount: Money, psc: Money) -> Result<Vec<Posting>, AppError>;
    /// Writes the movement's row.
    fn insert(
        self,
        tx: &mut Tx,
        grant: &GrantRow,
        psc_minor: i64,
        entry: LedgerTransactionId,
    ) -> Result<Self::Row, AppError>;
    fn view(row: &Self::Row) -> Result<Self::View, AppError>;
    /// Whom to tell, once recorded: nobody unless the kind says so.
    fn notify(_tx: &mut Tx, _grant: GrantId, _shown: &Self::View) -> Result<(), AppError> {
        Ok(())
    }
}

/// Records `new` against its grant. 404 unknown grant; 422 `currency-mismatch`; then
/// the kind's own refusals (see [`Movement::check`]).
pub(super) fn record<M: Movement>(tx: &mut Tx, new: M) -> Result<M::View, AppError> {
    let grant = new.grant();
    let row = model::row(tx.conn(), grant)?.ok_or(AppError::NotFound)?;
    if new.amount().currency() != row.currency {
        return Err(AppError::rule_on_field(
            Rule::CurrencyMismatch,
            "amount.currency",
            format!("the grant is in {}", row.currency),
        ));
    }
    let loaded = super::ledger_book::load(tx.conn(), &row)?;
    let psc_minor = new.check(tx, &row, &loaded)?;
    let psc = Money::from_minor(psc_minor, row.currency).map_err(AppError::internal)?;
    let entry = crate::ledger::post(
        tx,
        M::KIND,
        &new.memo(psc),
        Owner::Grant(grant),
        new.value_date(),
        M::postings(grant, new.amount(), psc)?,
    )?;
    let created = new.insert(tx, &row, psc_minor, entry)?;
    let shown = M::view(&created)?;
    tx.audit(Change::new(
        M::EVENT,
        "grant",
        grant,
        json!({ M::RECORD: shown }),
    ))?;
    M::notify(tx, grant, &shown)?;
    Ok(shown)
}
