//! `Idempotency-Key` for writes that move money: the same key with the same request
//! replays the first answer (status and body) and records nothing new; the same key with
//! another request is a 422 `idempotency-key-reused`. Keys live in the database
//! (`idempotency_keys`) and are written in the same transaction as the change, so a retry
//! that reaches another instance behaves the same, and two racing retries are ordered by
//! the write lock.
//!
//! Use: take `IdempotentJson<T>` instead of `Json<T>`, then answer with [`answer_once`] in the transaction.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use diesel::prelude::*;
use futures_util::future::{ready, LocalBoxFuture, Ready};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::json::{json_body, parse};
use crate::db::schema::idempotency_keys as ik;
use crate::db::Tx;
use crate::domain::UserId;
use crate::error::AppError;
use crate::error::Rule;

pub const HEADER: &str = "Idempotency-Key";

/// A client's key with the fingerprint of the request it came with.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    key: String,
    /// SHA-256 of method, path and body, hex.
    fingerprint: String,
}

/// A JSON body parsed like [`super::Json`], with the request's idempotency key if sent.
#[derive(Debug)]
pub struct IdempotentJson<T> {
    pub body: T,
    pub key: Option<IdempotencyKey>,
}

/// A stored first answer.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub status: u16,
    pub body: serde_json::Value,
    pub replayed: bool,
}

impl Recorded {
    pub fn into_response(self) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        let mut response = HttpResponse::build(status);
        if self.replayed {
            response.insert_header(("Idempotent-Replayed", "true"));
        }
        response.json(self.body)
    }
}

fn key_from(req: &HttpRequest) -> Result<Option<String>, AppError> {
    let Some(value) = req.headers().get(HEADER) else {
        return Ok(None);
    };
    let bad = || AppError::bad_field(HEADER, "must be 1 to 255 visible ASCII characters");
    let key = value.to_str().map_err(|_| bad())?.trim();
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad());
    }
    Ok(Some(key.to_string()))
}

impl<T: DeserializeOwned + 'static> FromRequest for IdempotentJson<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let key = key_from(req);
        let prefix = format!("{} {}\n", req.method(), req.path());
        let body = json_body(req, payload);
        Box::pin(async move {
            let bytes = body.await?;
            let key = key?;
            let parsed = parse(&bytes)?;
            let key = key.map(|key| IdempotencyKey::new(key, &prefix, &bytes));
            Ok(IdempotentJson { body: parsed, key })
        })
    }
}

/// The idempotency key of a POST that carries no body (a decision, an award): the
/// fingerprint covers the method and path.
pub struct IdempotencyHeader(pub Option<IdempotencyKey>);

impl FromRequest for IdempotencyHeader {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let prefix = format!("{} {}\n", req.method(), req.path());
        ready(
            key_from(req).map(|key| {
                IdempotencyHeader(key.map(|key| IdempotencyKey::new(key, &prefix, &[])))
            }),
        )
    }
}

impl IdempotencyKey {
    fn new(key: String, prefix: &str, body: &[u8]) -> IdempotencyKey {
        let mut hash = Sha256::new();
        hash.update(prefix.as_bytes());
        hash.update(body);
        IdempotencyKey {
            key,
            fingerprint: hex::encode(hash.finalize()),
        }
    }

    /// The first answer to this key, if there was one; 422 `idempotency-key-reused` if it
    /// was for another request.
    pub fn replay(&self, tx: &mut Tx, user: UserId) -> Result<Option<Recorded>, AppError> {
        let stored: Option<(String, i32, String)> = ik::table
            .find((user.to_string(), &self.key))
            .select((ik::fingerprint, ik::response_status, ik::response_body))
            .get_result(tx.conn())
            .optional()?;
        let Some((fingerprint, status, body)) = stored else {
            return Ok(None);
        };
        if fingerprint != self.fingerprint {
            return Err(AppError::rule_on_field(
                Rule::IdempotencyKeyReused,
                HEADER,
                "this Idempotency-Key was already used for a different request",
            ));
        }
        Ok(Some(Recorded {
            status: u16::try_from(status).map_err(AppError::internal)?,
            body: serde_json::from_str(&body).map_err(AppError::internal)?,
            replayed: true,
        }))
    }

    /// Stores the first answer, in the same transaction as the change.
    pub fn record(&self, tx: &mut Tx, user: UserId, answer: &Recorded) -> Result<(), AppError> {
        let now = tx.now();
        diesel::insert_into(ik::table)
            .values((
                ik::user_id.eq(user.to_string()),
                ik::idempotency_key.eq(&self.key),
                ik::fingerprint.eq(&self.fingerprint),
                ik::response_status.eq(i32::from(answer.status)),
                ik::response_body.eq(answer.body.to_string()),
                ik::created_at.eq(now),
            ))
            .execute(tx.conn())?;
        Ok(())
    }
}

/// Inside a write transaction: with a key, the stored answer to it if there is one;
/// else runs `work` and answers `status` with its result, stored under the key in the
/// same transaction. Failures are not stored: a retry after a refusal runs again.
pub fn answer_once<T, F>(
    tx: &mut Tx,
    user: UserId,
    key: Option<IdempotencyKey>,
    status: StatusCode,
    work: F,
) -> Result<Recorded, AppError>
where
    T: Serialize,
    F: FnOnce(&mut Tx) -> Result<T, AppError>,
{
    if let Some(key) = &key {
        if let Some(first) = key.replay(tx, user)? {
            return Ok(first);
        }
    }
    let body = serde_json::to_value(work(tx)?).map_err(AppError::internal)?;
    let answer = Recorded {
        status: status.as_u16(),
        body,
        replayed: false,
    };
    if let Some(key) = &key {
        key.record(tx, user, &answer)?;
    }
    Ok(answer)
}
