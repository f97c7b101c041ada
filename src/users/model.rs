//! Users as stored, and the functions that read and write them.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Change;
use crate::auth::Role;
use crate::db::schema::users;
use crate::db::{to_utc, DbConnection, Tx};
use crate::domain::Email;
use crate::error::AppError;
use crate::http::{Cursor, Page};

#[derive(Debug, Clone)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization_id: Option<Uuid>,
    pub password_hash: String,
    pub enabled: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

type UserRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    bool,
    NaiveDateTime,
    NaiveDateTime,
);

fn from_row(row: UserRow) -> Result<User, AppError> {
    let (id, email, name, role, organization_id, password_hash, enabled, created_at, updated_at) =
        row;
    Ok(User {
        id: parse_uuid(&id)?,
        email,
        name,
        role: Role::parse(&role)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("unknown role {role} stored")))?,
        organization_id: organization_id.as_deref().map(parse_uuid).transpose()?,
        password_hash,
        enabled,
        created_at,
        updated_at,
    })
}

fn parse_uuid(text: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(text).map_err(|e| AppError::internal(anyhow::anyhow!("bad uuid stored: {e}")))
}

/// What a client sees of a user: never the password hash.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub organization_id: Option<Uuid>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
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
        }
    }
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> Result<Option<User>, AppError> {
    users::table
        .find(id.to_string())
        .first::<UserRow>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<User>, AppError> {
    users::table
        .filter(users::email.eq(email.to_lowercase()))
        .first::<UserRow>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

pub fn count(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(users::table.count().get_result(conn)?)
}

pub fn list(
    conn: &mut DbConnection,
    limit: i64,
    cursor: Option<Cursor>,
) -> Result<Page<UserView>, AppError> {
    let mut query = users::table.into_boxed();
    if let Some(cursor) = cursor {
        query = query.filter(
            users::created_at
                .lt(cursor.at)
                .or(users::created_at.eq(cursor.at).and(users::id.lt(cursor.id))),
        );
    }
    let rows = query
        .order((users::created_at.desc(), users::id.desc()))
        .limit(limit + 1)
        .load::<UserRow>(conn)?
        .into_iter()
        .map(from_row)
        .collect::<Result<Vec<_>, _>>()?;
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
    pub organization_id: Option<Uuid>,
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
        id: Uuid::new_v4(),
        email: new.email.as_str().to_string(),
        name: new.name,
        role: new.role,
        organization_id: new.organization_id,
        password_hash: new.password_hash,
        enabled: true,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(users::table)
        .values((
            users::id.eq(user.id.to_string()),
            users::email.eq(&user.email),
            users::name.eq(&user.name),
            users::role.eq(user.role.as_str()),
            users::organization_id.eq(user.organization_id.map(|id| id.to_string())),
            users::password_hash.eq(&user.password_hash),
            users::enabled.eq(true),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        ))
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
    id: Uuid,
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
    diesel::update(users::table.find(id.to_string()))
        .set((
            users::name.eq(&after.name),
            users::role.eq(after.role.as_str()),
            users::enabled.eq(after.enabled),
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
