//! Whether an operation has decided who may call it, before its body is read.
//!
//! actix-web creates a handler's argument extractors in order, then polls them together
//! and answers the first error. An operation's gate (the face's `Allowed` or `Public`)
//! comes first and records its decision in the request's extensions; the body extractors
//! (`Json`, `IdempotentJson`) wait on [`decided`] before reading a byte. So a caller who
//! may not act gets 401 or 403 and learns nothing of the body's shape, whatever it sent.

use actix_web::{HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use tokio::sync::watch;

use crate::error::AppError;

/// Set in a request's extensions by its gate when the gate is created: open to anyone,
/// or a decision to come (`true` once the caller is let through).
#[derive(Debug, Clone)]
enum Decision {
    Public,
    Pending(watch::Receiver<bool>),
}

/// Records that anyone may call this request's operation.
pub fn open_to_anyone(req: &HttpRequest) {
    req.extensions_mut().insert(Decision::Public);
}

/// Records that this request's caller is being checked; the returned sender lets the
/// body be read once it sends `true` (dropping it refuses for good).
pub fn pending(req: &HttpRequest) -> watch::Sender<bool> {
    let (open, decision) = watch::channel(false);
    req.extensions_mut().insert(Decision::Pending(decision));
    open
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
