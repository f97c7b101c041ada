//! The gate a tranche after the first passes before any of it is paid: the tranches
//! before it were paid (at least in part: a tranche counts as paid once anything of it
//! stands paid, as it does for the reports filed on it), their reports are accepted, and
//! the accepted report on the tranche just before shows at least the configured share
//! (`grants.report_min_spent_share`) of the money received through that tranche spent.
//!
//! "Received through tranche n" is what was paid on tranches 1 to n, net of reversals and
//! of the refunds to date: reports state the money spent to date, so the report on
//! tranche n accounts for it. Asked inside the paying transaction, which holds the write
//! lock, so no review, reversal or refund can change the answer before the payment
//! commits.

use rust_decimal::Decimal;

use super::book::Book;
use super::reports_link;
use crate::db::DbConnection;
use crate::domain::GrantId;
use crate::error::{AppError, Rule};

/// Refuses (422, naming `tranche`) a payment on `tranche` of `grant` that the gate holds
/// shut: `previous-tranche-unpaid`, `report-pending`, `report-spent-too-little`. Tranche
/// 1 always passes; a `min_spent_share` of 0 leaves out the share, not the report.
pub fn ensure_open(
    conn: &mut DbConnection,
    grant: GrantId,
    book: &Book,
    tranche: i32,
    min_spent_share: Decimal,
) -> Result<(), AppError> {
    if tranche <= 1 {
        return Ok(());
    }
    let previous = tranche - 1;
    if let Some(unpaid) = (1..tranche).find(|n| book.paid_on(*n).amount <= 0) {
        return Err(AppError::rule_on_field(
            Rule::PreviousTrancheUnpaid,
            "tranche",
            format!("tranche {tranche} waits for tranche {unpaid} to be paid: nothing of it is"),
        ));
    }
    if !reports_link::accepted_through(conn, grant, previous)? {
        return Err(AppError::rule_on_field(
            Rule::ReportPending,
            "tranche",
            format!("tranche {tranche} waits for the accepted reports on tranches 1 to {previous}"),
        ));
    }
    if min_spent_share <= Decimal::ZERO {
        return Ok(());
    }
    let spent = reports_link::accepted_spent(conn, grant, previous)?.unwrap_or(0);
    let paid_through: i128 = (1..tranche).map(|n| book.paid_on(n).amount).sum();
    let received = (paid_through - book.refunded().amount).max(0);
    let needed = required(received, min_spent_share)?;
    if i128::from(spent) >= needed {
        return Ok(());
    }
    Err(AppError::rule_on_field(
        Rule::ReportSpentTooLittle,
        "tranche",
        format!(
            "tranche {tranche} waits for the report on tranche {previous} to show at least {} \
             of the money received through it spent: {} of {} received is {}; the accepted \
             report shows {}",
            percent(min_spent_share),
            percent(min_spent_share),
            book.money(received),
            book.money(needed),
            book.money(spent.into())
        ),
    ))
}

/// `share` of `received`, rounded up to the cent: the least spending that meets it.
fn required(received: i128, share: Decimal) -> Result<i128, AppError> {
    let overflow = || AppError::internal(anyhow::anyhow!("report share out of range"));
    let received = i64::try_from(received).map_err(|_| overflow())?;
    let exact = Decimal::from(received)
        .checked_mul(share)
        .ok_or_else(overflow)?
        .ceil();
    i128::try_from(exact).map_err(|_| overflow())
}

/// `0.7` as `70%`.
fn percent(share: Decimal) -> String {
    format!("{}%", (share * Decimal::ONE_HUNDRED).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_least_spending_is_the_share_rounded_up_to_the_cent() {
        let share = Decimal::new(70, 2);
        assert_eq!(required(1_000_000, share).unwrap(), 700_000);
        assert_eq!(required(1, share).unwrap(), 1);
        assert_eq!(required(0, share).unwrap(), 0);
        assert_eq!(required(333, Decimal::new(1, 1)).unwrap(), 34);
        assert_eq!(percent(share), "70%");
        assert_eq!(percent(Decimal::new(125, 3)), "12.5%");
    }
}
