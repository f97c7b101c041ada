//! Who may call an operation, decided before its body is read.
//!
//! actix-web creates a handler's argument extractors in order, then polls them together
//! and answers the first error: so a handler takes `Allowed<only::Finance>` before its
//! `Json<…>`, and the JSON extractor waits, before reading a byte, until the gate before it
//! has decided (`decided`). A caller who may not act gets 401 or 403 and learns nothing
//! of the body's shape (no 400 listing its fields), whatever it sent, even invalid JSON.
//! The role list lives in the type, one per operation. `Public` says the same of an
//! operation anyone may call.
//!
//! The JSON extractors (`http::Json`, `http::IdempotentJson`) refuse to read a body when no
//! gate came before them (an internal error, which every test of the operation would
//! show), so no operation with a body can forget to decide first.

use std::marker::PhantomData;
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures_util::future::{ready, LocalBoxFuture, Ready};
use tokio::sync::watch;

use super::{Caller, Role};
use crate::error::AppError;

/// Set in a request's extensions by its gate when the gate is created: open to anyone,
/// or a decision to come (`true` once the caller is let through).
#[derive(Debug, Clone)]
enum Decision {
    Public,
    Pending(watch::Receiver<bool>),
}

/// Resolves once the gate of this request has let its caller through; never, in effect,
/// for a refused caller (the gate's own 401 or 403 is the answer). An internal error when
/// the request has no gate before the caller of this function.
pub fn decided(req: &HttpRequest) -> LocalBoxFuture<'static, Result<(), AppError>> {
    let decision = req.extensions().get::<Decision>().cloned();
    let path = req.path().to_string();
    Box::pin(async move {
        match decision {
            Some(Decision::Public) => Ok(()),
            Some(Decision::Pending(mut decision)) => decision
                .wait_for(|open| *open)
                .await
                .map(|_| ())
                .map_err(|_| AppError::Forbidden),
            None => Err(AppError::internal(anyhow::anyhow!(
                "{path}: the body was to be read before deciding who may call the operation"
            ))),
        }
    })
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
        let (open, decision) = watch::channel(false);
        req.extensions_mut().insert(Decision::Pending(decision));
        let caller = Caller::from_request(req, payload);
        Box::pin(async move {
            let caller = caller.await?;
            caller.require(R::ROLES)?;
            open.send_replace(true);
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
        req.extensions_mut().insert(Decision::Public);
        ready(Ok(Public))
    }
}
