//! Users as stored, and the functions that read and write them.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::audit::Change;
use crate::db::schema::{token_cutoffs, users};
use crate::db::{to_utc, Cursor, DbConnection, Page, PageRequest, Tx};
use crate::domain::{Email, OrganizationId, UserId};
use crate::domain::{Language, Role};
use crate::error::AppError;

#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization_id: Option<OrganizationId>,
    pub password_hash: String,
    pub enabled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The language of the user's mail.
    pub language: Language,
}

/// A user as stored: read as a `Queryable` row, written as an `Insertable` form.
#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
struct UserRow {
    id: UserId,
    email: String,
    name: String,
    role: Role,
    organization_id: Option<OrganizationId>,
    password_hash: String,
    enabled: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    language: Language,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> User {
        User {
            id: row.id,
            email: row.email,
            name: row.name,
            role: row.role,
            organization_id: row.organization_id,
            password_hash: row.password_hash,
            enabled: row.enabled,
            created_at: row.created_at,
            updated_at: row.updated_at,
            language: row.language,
        }
    }
}

impl From<&User> for UserRow {
    fn from(user: &User) -> UserRow {
        UserRow {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role,
            organization_id: user.organization_id,
            password_hash: user.password_hash.clone(),
            enabled: user.enabled,
            created_at: user.created_at,
            updated_at: user.updated_at,
            language: user.language,
        }
    }
}

/// What an update may change.
#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct UserChanges<'a> {
    name: &'a str,
    role: Role,
    enabled: bool,
    updated_at: NaiveDateTime,
}

/// What a client sees of a user: never the password hash.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    #[schema(value_type = uuid::Uuid)]
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    #[schema(value_type = Option<uuid::Uuid>)]
    pub organization_id: Option<OrganizationId>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    /// The language of the user's mail (`en` unless they chose `fr`).
    pub language: Language,
}

impl From<&User> for UserView {
    fn from(user: &User) -> UserView {
        UserView {
            id: user.id,
            email: user.email.clone(),
            name: user.name.clone(),
            role: user.role,
            organization_id: user.organization_id,
            enabled: user.enabled,
            created_at: to_utc(user.created_at),
            language: user.language,
        }
    }
}

pub fn find(conn: &mut DbConnection, id: UserId) -> Result<Option<User>, AppError> {
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .get_result(conn)
        .optional()?
        .map(User::from))
}

/// The account and the moment before which its tokens are refused (if any), in one
/// statement: authentication runs on every request, and one statement is one round trip
/// and its own consistent snapshot.
pub fn find_with_token_cutoff(
    conn: &mut DbConnection,
    id: UserId,
) -> Result<Option<(User, Option<NaiveDateTime>)>, AppError> {
    Ok(users::table
        .left_join(token_cutoffs::table)
        .filter(users::id.eq(id))
        .select((UserRow::as_select(), token_cutoffs::valid_after.nullable()))
        .get_result::<(UserRow, Option<NaiveDateTime>)>(conn)
        .optional()?
        .map(|(row, cutoff)| (User::from(row), cutoff)))
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<User>, AppError> {
    Ok(users::table
        .filter(users::email.eq(email.to_lowercase()))
        .select(UserRow::as_select())
        .get_result(conn)
        .optional()?
        .map(User::from))
}

pub fn count(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(users::table.count().get_result(conn)?)
}

pub fn list(
    conn: &mut DbConnection,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Page<UserView>, AppError> {
    let request = PageRequest {
        limit,
        after: cursor,
    };
    let rows: Vec<User> = crate::newest_first!(
        users::table.into_boxed(),
        request,
        users::created_at,
        users::id
    )
    .select(UserRow::as_select())
    .load(conn)?
    .into_iter()
    .map(User::from)
    .collect();
    Ok(Page::from_rows(
        rows,
        limit,
        |u| Cursor::new(u.created_at, u.id),
        |u| UserView::from(&u),
    ))
}

/// A user to create; the password is already hashed (hashing is slow and happens before
/// the transaction opens).
pub struct NewUser {
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub organization_id: Option<OrganizationId>,
    pub password_hash: String,
}

/// Creates a user with its audit event. A taken email (in any case) is a 409.
pub fn create_user(tx: &mut Tx, new: NewUser) -> Result<User, AppError> {
    if find_by_email(tx.conn(), new.email.as_str())?.is_some() {
        return Err(AppError::conflict(format!(
            "an account with the email {} already exists",
            new.email.as_str()
        )));
    }
    let now = tx.now();
    let user = User {
        id: UserId::new(),
        email: new.email.as_str().to_string(),
        name: new.name,
        role: new.role,
        organization_id: new.organization_id,
        password_hash: new.password_hash,
        enabled: true,
        created_at: now,
        updated_at: now,
        language: Language::En,
    };
    diesel::insert_into(users::table)
        .values(UserRow::from(&user))
        .execute(tx.conn())?;
    tx.audit(Change::created(
        "user",
        user.id,
        json!(UserView::from(&user)),
    ))?;
    Ok(user)
}

/// Changes a user's name, role or enabled flag; records before and after.
pub fn update_user(
    tx: &mut Tx,
    id: UserId,
    name: Option<String>,
    role: Option<Role>,
    enabled: Option<bool>,
) -> Result<User, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    let mut after = before.clone();
    if let Some(name) = name {
        after.name = name;
    }
    if let Some(role) = role {
        after.role = role;
    }
    if let Some(enabled) = enabled {
        after.enabled = enabled;
    }
    after.updated_at = tx.now();
    diesel::update(users::table.find(id))
        .set(UserChanges {
            name: &after.name,
            role: after.role,
            enabled: after.enabled,
            updated_at: after.updated_at,
        })
        .execute(tx.conn())?;
    tx.audit(Change::updated(
        "user",
        id,
        json!(UserView::from(&before)),
        json!(UserView::from(&after)),
    ))?;
    Ok(after)
}

/// Sets the language the user reads mail in; records before and after.
pub fn set_language(tx: &mut Tx, id: UserId, language: Language) -> Result<User, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if before.language == language {
        return Ok(before);
    }
    let mut after = before.clone();
    after.language = language;
    after.updated_at = tx.now();
    diesel::update(users::table.find(id))
        .set((
            users::language.eq(after.language),
            users::updated_at.eq(after.updated_at),
        ))
        .execute(tx.conn())?;
    tx.audit(Change::updated(
        "user",
        id,
        json!(UserView::from(&before)),
        json!(UserView::from(&after)),
    ))?;
    Ok(after)
}

/// The names of the accounts with these ids (those that exist).
pub fn names(
    conn: &mut DbConnection,
    ids: &[UserId],
) -> Result<std::collections::HashMap<UserId, String>, AppError> {
    let mut names = std::collections::HashMap::new();
    // In slices: a database takes only so many parameters in one statement.
    for chunk in ids.chunks(500) {
        let rows: Vec<(UserId, String)> = users::table
            .filter(users::id.eq_any(chunk))
            .select((users::id, users::name))
            .load(conn)?;
        names.extend(rows);
    }
    Ok(names)
}
