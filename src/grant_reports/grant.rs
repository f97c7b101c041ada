//! What this feature needs to know of a grant: whose it is, its currency and award, when
//! it was awarded and whether it is closed. Read from the grants table in this one place
//! (the grants feature exports no reader of a single grant yet).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::grants;
use crate::db::DbConnection;
use crate::domain::{Currency, GrantId, Money, OrganizationId};
use crate::error::AppError;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = grants)]
pub struct GrantFacts {
    pub organization_id: OrganizationId,
    pub currency: Currency,
    award_minor: i64,
    state: String,
    created_at: NaiveDateTime,
}

impl GrantFacts {
    pub fn award(&self) -> Result<Money, AppError> {
        Money::from_minor(self.award_minor, self.currency).map_err(AppError::internal)
    }

    pub fn awarded_on(&self) -> NaiveDate {
        self.created_at.date()
    }

    pub fn is_closed(&self) -> bool {
        self.state == "closed"
    }
}

pub fn find(conn: &mut DbConnection, id: GrantId) -> Result<Option<GrantFacts>, AppError> {
    Ok(grants::table
        .find(id)
        .select(GrantFacts::as_select())
        .first(conn)
        .optional()?)
}
