//! Who may call an operation, decided before its body is read.
//!
//! actix-web extracts a handler's arguments in order and stops at the first error, so a
//! handler that takes `Allowed<only::Finance>` before its `Json<…>` answers 401 or 403
//! before the body is parsed: a caller who may not act learns nothing of the body's shape
//! (no 400 listing its fields), whatever it sent, even invalid JSON. The role list lives in
//! the type, one per operation. `Public` says the same of an operation anyone may call.
//!
//! The JSON extractors (`http::Json`, `http::IdempotentJson`) refuse to read a body before
//! one of the two has run for the request (an internal error, which every test of the
//! operation would show), so no operation with a body can forget to decide first.

use std::marker::PhantomData;
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::{ready, LocalBoxFuture, Ready};

use super::{Caller, Role};
use crate::error::AppError;

/// Set in a request's extensions once it is decided who may call it.
#[derive(Debug, Clone, Copy)]
pub struct Decided;

/// Whether a gate (`Allowed` or `Public`) has run for this request.
pub fn is_decided(req: &HttpRequest) -> bool {
    req.extensions().contains::<Decided>()
}

/// A set of roles an operation is open to.
pub trait Roles {
    const ROLES: &'static [Role];
}

/// The role sets of the operations that take a body.
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
        /// An applicant (its own organisation's records: the handler checks which).
        Applicant => [Applicant];
        SecretariatOrFinance => [Secretariat, Finance];
        /// Every role: any signed-in caller (their own account).
        SignedIn => [Admin, Secretariat, Finance, Auditor, Trustee, Applicant];
    }
}

/// A `Caller` whose role is one of `R`'s: 401 without a valid token, 403 for another role,
/// before any later argument is extracted.
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
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let caller = caller.await?;
            caller.require(R::ROLES)?;
            req.extensions_mut().insert(Decided);
            Ok(Allowed {
                caller,
                roles: PhantomData,
            })
        })
    }
}

/// Declares an operation open to anyone, signed in or not (sign-in, registration).
#[derive(Debug, Clone, Copy)]
pub struct Public;

impl FromRequest for Public {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        req.extensions_mut().insert(Decided);
        ready(Ok(Public))
    }
}
