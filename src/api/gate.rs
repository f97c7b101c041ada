//! Who may call an operation, decided from the token before its body is read, and
//! declared once, in the handler's signature: `Allowed<only::Finance>`.
//!
//! The gate records its decision for the body extractors (`crate::http::decision`), so
//! a caller who may not act gets 401 or 403 and learns nothing of the body's shape. The
//! role list lives in the type, one per operation; `Public` says the same of an operation
//! anyone may call.

use std::marker::PhantomData;
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::{ready, Ready};

use super::Caller;
use crate::db::{ActingAs, Actor, Db, Tx};
use crate::domain::Role;
use crate::error::AppError;
use crate::http::decision;

/// A set of roles an operation is open to.
pub trait Roles {
    const ROLES: &'static [Role];
}

/// The role sets operations are open to.
pub mod only {
    use super::{Role, Roles};

    macro_rules! role_set {
        ($($(#[$doc:meta])* $name:ident => [$($role:ident),*];)*) => {$(
            $(#[$doc])*
            #[derive(Debug)]
            pub struct $name;
            impl Roles for $name {
                const ROLES: &'static [Role] = &[$(Role::$role),*];
            }
        )*};
    }

    role_set! {
        Admin => [Admin];
        Secretariat => [Secretariat];
        Finance => [Finance];
        Trustee => [Trustee];
        /// An applicant (its own organisation's records: the use case checks which).
        Applicant => [Applicant];
        SecretariatOrFinance => [Secretariat, Finance];
        /// The secretariat, and applicants (their own organisation's: the use case checks).
        SecretariatOrApplicant => [Secretariat, Applicant];
        AdminOrSecretariat => [Admin, Secretariat];
        AdminOrAuditor => [Admin, Auditor];
        FinanceOrAuditor => [Finance, Auditor];
        /// Those who run the Board's business and those who check it.
        Oversight => [Admin, Secretariat, Auditor];
        /// Those who run the Fund and those who check it.
        Staff => [Admin, Secretariat, Finance, Auditor];
        /// Staff and the Board.
        StaffOrTrustee => [Admin, Secretariat, Finance, Auditor, Trustee];
        /// Staff and applicants (their own organisation's records: the use case checks).
        StaffOrApplicant => [Admin, Secretariat, Finance, Auditor, Applicant];
        /// Every role: any signed-in caller (their own account, or what every role reads).
        SignedIn => [Admin, Secretariat, Finance, Auditor, Trustee, Applicant];
    }
}

/// A `Caller` whose token names one of `R`'s roles: 401 without a valid token, 403 for
/// another role, before any later argument is extracted.
#[derive(Debug)]
pub struct Allowed<R: Roles> {
    caller: Caller,
    roles: PhantomData<R>,
}

impl<R: Roles> Allowed<R> {
    pub fn into_inner(self) -> Caller {
        self.caller
    }
}

impl<R: Roles> Deref for Allowed<R> {
    type Target = Caller;

    fn deref(&self) -> &Caller {
        &self.caller
    }
}

impl<R: Roles + 'static> FromRequest for Allowed<R> {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let open = decision::pending(req);
        let allowed = Caller::from_request(req, payload)
            .into_inner()
            .and_then(|caller| {
                caller.require(R::ROLES)?;
                Ok(caller)
            });
        ready(allowed.map(|caller| {
            open.send_replace(true);
            Allowed {
                caller,
                roles: PhantomData,
            }
        }))
    }
}

/// Declares an operation open to anyone, signed in or not (sign-in, registration, the
/// probes); a change it makes is recorded as the public's, under the request's id.
#[derive(Debug, Clone)]
pub struct Public {
    request_id: String,
}

impl Public {
    /// Runs one state change for an anonymous caller in one transaction: one blocking call.
    pub async fn write<T, F>(&self, db: &Db, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut Tx) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let public = Actor {
            user_id: None,
            organization_id: None,
            acting_as: ActingAs::Public,
            request_id: self.request_id.clone(),
            // `Db::write` hands on the app's clock.
            clock: crate::clock::Clock::system(),
        };
        db.write(public, work).await
    }
}

impl FromRequest for Public {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        decision::open_to_anyone(req);
        ready(Ok(Public {
            request_id: super::request_id(req),
        }))
    }
}
