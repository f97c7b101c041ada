//! Disbursements: finance pays a tranche, in full or in part. Each payment is one ledger
//! entry owned by the grant: the payment and its programme support cost out of the
//! Fund's cash, both releasing the matching part of the grant's commitment (and moving
//! the expense from "committed" to "paid" and "programme support costs").
//!
//! Concurrency: every check below runs inside the write transaction, which holds the
//! write lock (the audit head row, `crate::db::Tx::begin`) from its first statement, so
//! writers on every instance are serialised and each sees what the one before committed:
//! two payments can never both take the last room of a tranche or the last cash.

use chrono::{DateTime, Days, NaiveDate, Utc};
use diesel::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ledger_book::Loaded;
use super::model::{GrantRow, GrantState};
use super::movement::Movement;
use super::rows::DisbursementRow;
use crate::db::schema::grant_disbursements as gd;
use crate::db::{to_utc, Cursor, DbConnection, Page, PageRequest, Tx};
use crate::domain::{DisbursementId, GrantId, LedgerTransactionId, Money};
use crate::error::AppError;
use crate::ledger::{Account, Posting, TransactionKind, ValueDate};

/// A payment as asked for, parsed.
#[derive(Debug, Clone)]
pub struct NewDisbursement {
    pub grant: GrantId,
    pub tranche: i32,
    pub amount: Money,
    pub value_date: NaiveDate,
    pub payment_reference: String,
    /// The share of the money received through the tranche before that its accepted
    /// report must show spent (`grants.report_min_spent_share`; 0: no share asked).
    pub min_spent_share: Decimal,
}

/// Whether a disbursement stands or was undone.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EntryState {
    Recorded,
    Reversed,
}

impl EntryState {
    /// Reversed once a reversal entry names it; the state is derived, never stored.
    pub fn of<T>(reversal_transaction_id: Option<T>) -> Self {
        match reversal_transaction_id {
            Some(_) => EntryState::Reversed,
            None => EntryState::Recorded,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DisbursementView {
    #[schema(value_type = uuid::Uuid)]
    pub id: DisbursementId,
    #[schema(value_type = uuid::Uuid)]
    pub grant_id: GrantId,
    /// The tranche paid (1, 2, …).
    pub tranche: i32,
    /// Paid to the grantee.
    #[schema(value_type = crate::domain::Money)]
    pub amount: Money,
    /// Programme support cost charged on it (its part of the tranche's PSC).
    #[schema(value_type = crate::domain::Money)]
    pub programme_support_cost: Money,
    pub value_date: NaiveDate,
    pub payment_reference: String,
    pub state: EntryState,
    #[schema(value_type = uuid::Uuid)]
    pub ledger_transaction_id: LedgerTransactionId,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub reversal_transaction_id: Option<LedgerTransactionId>,
    pub created_at: DateTime<Utc>,
}

pub fn view(row: &DisbursementRow) -> Result<DisbursementView, AppError> {
    let money = |minor| Money::from_minor(minor, row.currency).map_err(AppError::internal);
    Ok(DisbursementView {
        id: row.id,
        grant_id: row.grant_id,
        tranche: row.tranche,
        amount: money(row.amount_minor)?,
        programme_support_cost: money(row.psc_minor)?,
        value_date: row.value_date,
        payment_reference: row.payment_reference.clone(),
        state: EntryState::of(row.reversal_transaction_id),
        ledger_transaction_id: row.ledger_transaction_id,
        reversal_transaction_id: row.reversal_transaction_id,
        created_at: to_utc(row.created_at),
    })
}

/// The postings of a payment of `amount` with `psc` on grant `grant`.
pub fn postings(grant: GrantId, amount: Money, psc: Money) -> Result<Vec<Posting>, AppError> {
    let total = amount.checked_add(psc).map_err(AppError::internal)?;
    let mut lines = vec![
        Posting::usd(Account::CommitmentsOutstanding, Some(grant.into()), total),
        Posting::usd(Account::Cash, None, -total),
        Posting::usd(Account::GrantsPaid, Some(grant.into()), amount),
    ];
    if psc.is_positive() {
        lines.push(Posting::usd(
            Account::ProgrammeSupportCosts,
            Some(grant.into()),
            psc,
        ));
    }
    lines.push(Posting::usd(
        Account::GrantCommitments,
        Some(grant.into()),
        -total,
    ));
    Ok(lines)
}

/// The next `seq` of a grant's disbursements (writers are serialised by the write lock;
/// the unique index would refuse a duplicate anyway).
fn next_seq(conn: &mut DbConnection, grant: GrantId) -> Result<i32, AppError> {
    let last: Option<i32> = gd::table
        .filter(gd::grant_id.eq(grant))
        .select(diesel::dsl::max(gd::seq))
        .get_result(conn)?;
    last.unwrap_or(0)
        .checked_add(1)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("disbursement seq overflows")))
}

/// The standing (not reversed) disbursement that carries `reference`, on any grant: its
/// id, grant and value date. One index lookup (grant_disbursements_standing_reference).
fn standing_with_reference(
    conn: &mut DbConnection,
    reference: &str,
) -> Result<Option<(DisbursementId, GrantId, NaiveDate)>, AppError> {
    Ok(gd::table
        .filter(gd::payment_reference.eq(reference))
        .filter(gd::reversal_transaction_id.is_null())
        .select((gd::id, gd::grant_id, gd::value_date))
        .get_result(conn)
        .optional()?)
}

/// The 409 for a payment reference already standing, naming the payment that holds it.
fn reference_taken(
    reference: &str,
    (id, grant, value_date): (DisbursementId, GrantId, NaiveDate),
) -> AppError {
    AppError::conflict(format!(
        "payment reference {reference:?} is already recorded by disbursement {id} on grant \
         {grant} (value date {value_date}); reverse that payment first if it was wrong"
    ))
}

/// Pays `new` on its grant. 404 unknown grant; 409 a payment reference that a standing
/// disbursement of the Fund (on any grant) already carries; 400 unknown tranche or a
/// value date outside the agreement's signature to tomorrow; 422 `no-agreement`, `grant-closed`,
/// `currency-mismatch`, `tranche-exceeded`, `previous-tranche-unpaid`, `report-pending`,
/// `report-spent-too-little` (see `super::tranche_gate`), `organization-refused` /
/// `organization-not-verified`, `insufficient-funds` (cash would go below zero).
pub fn disburse(tx: &mut Tx, new: NewDisbursement) -> Result<DisbursementView, AppError> {
    super::movement::record(tx, new)
}

impl Movement for NewDisbursement {
    type Row = DisbursementRow;
    type View = DisbursementView;
    const KIND: TransactionKind = TransactionKind::Disbursement;
    const EVENT: &'static str = "grant.disbursed";
    const RECORD: &'static str = "disbursement";

    fn grant(&self) -> GrantId {
        self.grant
    }

    fn amount(&self) -> Money {
        self.amount
    }

    fn value_date(&self) -> ValueDate {
        ValueDate::of("value_date", self.value_date)
    }

    /// The tranche's room and the Fund's cash (the book), the reports on the tranches
    /// before, the payee, then the value date.
    fn check(&self, tx: &mut Tx, row: &GrantRow, loaded: &Loaded) -> Result<i64, AppError> {
        let grant = self.grant;
        if let Some(earlier) = standing_with_reference(tx.conn(), &self.payment_reference)? {
            return Err(reference_taken(&self.payment_reference, earlier));
        }
        let psc_minor = loaded
            .book
            .disbursement(self.tranche, self.amount.to_minor())?;
        super::tranche_gate::ensure_open(
            tx.conn(),
            grant,
            &loaded.book,
            self.tranche,
            self.min_spent_share,
        )?;
        super::ensure_may_receive_money(tx.conn(), row.organization_id)?;
        let signed_on = super::agreement::agreement(tx.conn(), grant)?
            .map(|a| a.signed_on)
            .ok_or_else(|| {
                AppError::internal(anyhow::anyhow!("grant {grant}: tranches without agreement"))
            })?;
        let today = tx.now().date();
        let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
        if self.value_date < signed_on || self.value_date > tomorrow {
            return Err(AppError::bad_field(
                "value_date",
                format!("must be from the agreement's signature ({signed_on}) to {tomorrow}"),
            ));
        }
        debug_assert!(row.state == GrantState::AgreementSigned);
        Ok(psc_minor)
    }

    fn memo(&self, psc: Money) -> String {
        format!(
            "grant {}: tranche {} paid {} (programme support cost {psc}), ref {}",
            self.grant, self.tranche, self.amount, self.payment_reference
        )
    }

    fn postings(grant: GrantId, amount: Money, psc: Money) -> Result<Vec<Posting>, AppError> {
        postings(grant, amount, psc)
    }

    fn insert(
        self,
        tx: &mut Tx,
        grant: &GrantRow,
        psc_minor: i64,
        entry: LedgerTransactionId,
    ) -> Result<DisbursementRow, AppError> {
        let created = DisbursementRow {
            id: DisbursementId::new(),
            grant_id: self.grant,
            seq: next_seq(tx.conn(), self.grant)?,
            tranche: self.tranche,
            amount_minor: self.amount.to_minor(),
            psc_minor,
            currency: grant.currency,
            value_date: self.value_date,
            payment_reference: self.payment_reference,
            ledger_transaction_id: entry,
            reversal_transaction_id: None,
            created_by: tx.actor().user_id,
            created_at: tx.now(),
        };
        // In a savepoint, so that when the unique index refuses the reference (a writer the
        // check above could not see) the holder can still be read and named, as the check
        // would have. Writers are serialised by the write lock, so this is the database
        // keeping the rule, not a path a request normally takes.
        let inserted = tx.conn().transaction(|conn| {
            diesel::insert_into(gd::table)
                .values(&created)
                .execute(conn)
        });
        if let Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) = &inserted
        {
            if let Some(earlier) = standing_with_reference(tx.conn(), &created.payment_reference)? {
                return Err(reference_taken(&created.payment_reference, earlier));
            }
        }
        inserted?;
        Ok(created)
    }

    fn view(row: &DisbursementRow) -> Result<DisbursementView, AppError> {
        view(row)
    }

    fn notify(tx: &mut Tx, grant: GrantId, shown: &DisbursementView) -> Result<(), AppError> {
        super::notices::disbursement_made(tx, grant, shown)
    }
}

/// A grant's disbursements, newest first (reversed ones included, marked so).
pub fn list(
    conn: &mut DbConnection,
    grant: GrantId,
    page: PageRequest,
) -> Result<Page<DisbursementView>, AppError> {
    let query = gd::table.filter(gd::grant_id.eq(grant)).into_boxed();
    let rows = crate::newest_first!(query, page, gd::created_at, gd::id)
        .select(DisbursementRow::as_select())
        .load(conn)?;
    Page::from_rows(rows, page.limit, |d| Cursor::new(d.created_at, d.id), |d| d)
        .try_map(|d| view(&d))
}

pub fn find(
    conn: &mut DbConnection,
    grant: GrantId,
    id: DisbursementId,
) -> Result<Option<DisbursementView>, AppError> {
    gd::table
        .find(id)
        .filter(gd::grant_id.eq(grant))
        .select(DisbursementRow::as_select())
        .get_result(conn)
        .optional()?
        .as_ref()
        .map(view)
        .transpose()
}
