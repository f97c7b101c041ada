//! The one Fund setting the ledger needs: the operating reserve rate, which decides what
//! of the cash is `available`. Read straight from its column so the ledger stays at the
//! bottom of the money features (it never imports `crate::fund`, which sits above it).

use diesel::prelude::*;
use rust_decimal::Decimal;

use crate::db::schema::fund;
use crate::db::DbConnection;
use crate::error::AppError;

pub fn operating_reserve_rate(conn: &mut DbConnection) -> Result<Decimal, AppError> {
    let text: String = fund::table
        .select(fund::operating_reserve_rate)
        .get_result(conn)?;
    text.parse::<Decimal>().map_err(|e| {
        AppError::internal(anyhow::Error::new(e).context(format!("stored reserve rate {text:?}")))
    })
}
