//! The use cases of accounts: the caller's own (`/me`) and the administrator's.

use diesel::prelude::*;

use super::model::{self, NewUser, UserView};
use super::sessions::end_sessions;
use crate::db::schema::organizations;
use crate::db::{Actor, DbConnection, Page, PageRequest, Tx};
use crate::domain::{Email, Language, OrganizationId, Role, UserId};
use crate::error::AppError;

/// The acting user's id: every use case here acts for a signed-in user.
fn me(actor: &Actor) -> Result<UserId, AppError> {
    actor.user_id.ok_or(AppError::Forbidden)
}

/// The caller's own account, with role and organisation.
pub fn show_me(conn: &mut DbConnection, actor: &Actor) -> Result<UserView, AppError> {
    let user = model::find(conn, me(actor)?)?.ok_or(AppError::NotFound)?;
    Ok(UserView::from(&user))
}

/// A change of the caller's own settings: each `None` leaves that setting as it is.
#[derive(Debug, Default)]
pub struct MyChange {
    /// The language of the caller's mail from now on.
    pub language: Option<Language>,
}

/// Changes the caller's own settings; answers the account as the change leaves it.
pub fn update_me(tx: &mut Tx, change: MyChange) -> Result<UserView, AppError> {
    let id = me(tx.actor())?;
    let user = match change.language {
        Some(language) => model::set_language(tx, id, language)?,
        None => model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?,
    };
    Ok(UserView::from(&user))
}

/// An account the administrator opens; the password is already hashed (hashing is slow
/// and happens before the transaction opens).
#[derive(Debug)]
pub struct NewAccount {
    pub email: Email,
    pub name: String,
    pub role: Role,
    /// Required for an applicant, refused for any other role: the organisation it acts for.
    pub organization_id: Option<OrganizationId>,
    pub password_hash: String,
}

/// Opens an account (the administrator). An applicant acts for an organisation that
/// exists; no other role belongs to one.
pub fn open_account(tx: &mut Tx, new: NewAccount) -> Result<UserView, AppError> {
    match (new.role, new.organization_id) {
        (Role::Applicant, None) => {
            return Err(AppError::bad_field(
                "organization_id",
                "an applicant account needs the organisation it acts for",
            ))
        }
        (Role::Applicant, Some(org)) => {
            // Read through the table: organisations stand above accounts.
            let known: i64 = organizations::table
                .filter(organizations::id.eq(org))
                .count()
                .get_result(tx.conn())?;
            if known == 0 {
                return Err(AppError::bad_field(
                    "organization_id",
                    "no such organisation",
                ));
            }
        }
        (_, Some(_)) => {
            return Err(AppError::bad_field(
                "organization_id",
                "only applicant accounts belong to an organisation",
            ))
        }
        (_, None) => {}
    }
    let user = model::create_user(
        tx,
        NewUser {
            email: new.email,
            name: new.name,
            role: new.role,
            organization_id: new.organization_id,
            password_hash: new.password_hash,
        },
    )?;
    Ok(UserView::from(&user))
}

/// Accounts, newest first (the administrator, as the faces declare).
pub fn list_users(
    conn: &mut DbConnection,
    _actor: &Actor,
    page: PageRequest,
) -> Result<Page<UserView>, AppError> {
    model::list(conn, page.limit, page.after)
}

/// One account (the administrator, as the faces declare).
pub fn show_user(
    conn: &mut DbConnection,
    _actor: &Actor,
    id: UserId,
) -> Result<UserView, AppError> {
    let user = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    Ok(UserView::from(&user))
}

/// A change of an account: each `None` leaves that field as it is.
#[derive(Debug, Default)]
pub struct AccountChange {
    pub name: Option<String>,
    pub role: Option<Role>,
    /// `false` disables the account: it cannot sign in and its live tokens stop working.
    pub enabled: Option<bool>,
}

/// Renames, changes the role of, disables or re-enables an account (the administrator,
/// who cannot disable or demote themselves). Only an account of an organisation is an
/// applicant.
pub fn update_account(
    tx: &mut Tx,
    id: UserId,
    change: AccountChange,
) -> Result<UserView, AppError> {
    if tx.actor().user_id == Some(id)
        && (change.enabled == Some(false) || change.role.is_some_and(|r| r != Role::Admin))
    {
        return Err(AppError::conflict(
            "an administrator cannot disable or demote their own account",
        ));
    }
    let current = model::find(tx.conn(), id)?.ok_or(AppError::NotFound)?;
    if change
        .role
        .is_some_and(|r| (r == Role::Applicant) != current.organization_id.is_some())
    {
        return Err(AppError::bad_field(
            "role",
            "only accounts that belong to an organisation can be applicants",
        ));
    }
    if change.enabled == Some(false) {
        // Re-enabling later must not revive the tokens issued before.
        end_sessions(tx, id)?;
    }
    let user = model::update_user(tx, id, change.name, change.role, change.enabled)?;
    Ok(UserView::from(&user))
}

/// The names of the people behind these account ids, for the readers of the trail and
/// the ledger (auditors, administrators, finance): records keep ids, people read names.
/// An id with no account is left out, so a caller shows the id itself.
pub fn names_of(
    conn: &mut DbConnection,
    actor: &Actor,
    ids: &[UserId],
) -> Result<std::collections::HashMap<UserId, String>, AppError> {
    if ![Role::Auditor, Role::Admin, Role::Finance]
        .iter()
        .any(|role| actor.is(*role))
    {
        return Err(AppError::Forbidden);
    }
    model::names(conn, ids)
}
