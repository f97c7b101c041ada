//! Who receives the mail of a change: the enabled accounts it goes to, with the language
//! each reads. An organisation's mail goes only to its own accounts.

use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConnection;
use crate::domain::{Email, Language, OrganizationId, Role, UserId};
use crate::error::AppError;
use crate::notifications::Recipient;

type Row = (UserId, String, Language);

fn from_rows(rows: Vec<Row>) -> Result<Vec<Recipient>, AppError> {
    Ok(rows
        .into_iter()
        .map(|(user_id, email, language)| Recipient {
            user_id,
            email: Email::stored(email),
            language,
        })
        .collect())
}

/// The enabled accounts of one organisation: the only people its mail goes to.
pub fn of_organization(
    conn: &mut DbConnection,
    org: OrganizationId,
) -> Result<Vec<Recipient>, AppError> {
    let rows: Vec<Row> = users::table
        .filter(users::organization_id.eq(org))
        .filter(users::enabled.eq(true))
        .order(users::created_at)
        .select((users::id, users::email, users::language))
        .load(conn)?;
    from_rows(rows)
}

/// The enabled accounts with `role` (the secretariat, say).
pub fn with_role(conn: &mut DbConnection, role: Role) -> Result<Vec<Recipient>, AppError> {
    let rows: Vec<Row> = users::table
        .filter(users::role.eq(role))
        .filter(users::enabled.eq(true))
        .order(users::created_at)
        .select((users::id, users::email, users::language))
        .load(conn)?;
    from_rows(rows)
}

/// One account, if it exists and is enabled.
pub fn user(conn: &mut DbConnection, id: UserId) -> Result<Option<Recipient>, AppError> {
    let rows: Vec<Row> = users::table
        .filter(users::id.eq(id))
        .filter(users::enabled.eq(true))
        .select((users::id, users::email, users::language))
        .load(conn)?;
    Ok(from_rows(rows)?.into_iter().next())
}
