//! The `Caller` extractor: the one place a bearer token is read. It verifies the token
//! (signature, issuer, audience, times) without touching the database; the account behind
//! it is checked where the request's work runs, in the same snapshot or transaction (see
//! [`Caller::read`], [`Caller::write`]), so an authenticated request makes one trip to the
//! blocking pool, not two.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use futures_util::future::{ready, Ready};
use serde::Serialize;
use tracing_actix_web::RequestId;

use crate::auth::sessions::{active_account, Bearer};
use crate::auth::TokenKeys;
use crate::db::{ActingAs, Actor, Db, DbConnection, ExportPermit, Tx};
use crate::domain::{OrganizationId, Role, UserId};
use crate::error::AppError;
use crate::http::{answer_once, IdempotencyKey};
use crate::users::User;

/// The signed-in user behind a request, as their token names them; not yet checked
/// against the database (the runners below do that with the work).
#[derive(Debug, Clone)]
pub struct Caller {
    bearer: Bearer,
    pub request_id: String,
}

impl Caller {
    pub fn id(&self) -> UserId {
        self.bearer.user
    }

    pub fn role(&self) -> Role {
        self.bearer.role
    }

    pub fn organization_id(&self) -> Option<OrganizationId> {
        self.bearer.organization
    }

    /// When the caller's token was issued (milliseconds since the epoch).
    pub fn issued_ms(&self) -> i64 {
        self.bearer.issued_ms
    }

    /// The caller a web session names: the same token as the API's, carried in the
    /// session cookie instead of a header, and checked the same way.
    pub fn from_session_token(req: &HttpRequest, token: &str) -> Result<Caller, AppError> {
        Ok(Caller {
            bearer: verify_token(req, token)?,
            request_id: request_id(req),
        })
    }

    /// 403 unless the caller has one of these roles.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.bearer.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Who to record on audit events for changes this request makes, and whom a use case
    /// acts for.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.bearer.user),
            acting_as: ActingAs::User(self.bearer.role),
            organization_id: self.bearer.organization,
            request_id: self.request_id.clone(),
            // The system's until the runner below hands on the app's (`Actor::on`).
            clock: crate::clock::Clock::system(),
        }
    }

    /// The caller's account, checked now (see [`active_account`]).
    pub fn account(&self, conn: &mut DbConnection) -> Result<User, AppError> {
        active_account(conn, &self.bearer)
    }

    /// Runs read-only `work` for this caller in one snapshot, after checking their account
    /// in that same snapshot: one blocking call.
    pub async fn read<T, F>(&self, db: &Db, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection, &Actor) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let me = self.clone();
        let actor = me.actor().on(db.clock());
        db.read(move |conn| {
            me.account(conn)?;
            work(conn, &actor)
        })
        .await
    }

    /// Runs an export's read-only `work` for this caller in the export lane (see
    /// [`Db::export_read`]), after checking their account on that same connection and
    /// snapshot: an export makes no extra trip for the check.
    pub async fn export_read<T, F>(
        &self,
        db: &Db,
        permit: ExportPermit,
        work: F,
    ) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection, &Actor) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let me = self.clone();
        let actor = me.actor().on(db.clock());
        db.export_read(permit, move |conn| {
            me.account(conn)?;
            work(conn, &actor)
        })
        .await
    }

    /// Runs one state change for this caller in one transaction, after checking their
    /// account in that same transaction: one blocking call, and a change by an account
    /// disabled a moment before is refused.
    pub async fn write<T, F>(&self, db: &Db, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut Tx) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let me = self.clone();
        db.write(self.actor(), move |tx| {
            me.account(tx.conn())?;
            work(tx)
        })
        .await
    }

    /// [`Caller::write`] honouring an `Idempotency-Key`: with a key already answered, the
    /// stored answer; else `work`'s result as `status`, stored under the key in the same
    /// transaction.
    pub async fn write_once<T, F>(
        &self,
        db: &Db,
        key: Option<IdempotencyKey>,
        status: StatusCode,
        work: F,
    ) -> Result<HttpResponse, AppError>
    where
        T: Serialize,
        F: FnOnce(&mut Tx) -> Result<T, AppError> + Send + 'static,
    {
        let user = self.id();
        let recorded = self
            .write(db, move |tx| answer_once(tx, user, key, status, work))
            .await?;
        Ok(recorded.into_response())
    }
}

/// The request id tracing gave this request (also sent back as `x-request-id`).
pub fn request_id(req: &HttpRequest) -> String {
    req.extensions()
        .get::<RequestId>()
        .map_or_else(|| "-".to_string(), |id| id.to_string())
}

impl FromRequest for Caller {
    type Error = AppError;
    type Future = Ready<Result<Caller, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(verified(req).map(|bearer| Caller {
            bearer,
            request_id: request_id(req),
        }))
    }
}

/// A token already verified for this request: the anonymous rate limit verifies it before
/// the handler's `Caller` does, and checking one signature twice was a twentieth of a
/// one-object read.
#[derive(Clone)]
struct Verified(Bearer);

fn verified(req: &HttpRequest) -> Result<Bearer, AppError> {
    if let Some(Verified(bearer)) = req.extensions().get::<Verified>() {
        return Ok(bearer.clone());
    }
    let bearer = verify(req)?;
    req.extensions_mut().insert(Verified(bearer.clone()));
    Ok(bearer)
}

fn verify(req: &HttpRequest) -> Result<Bearer, AppError> {
    verify_token(req, &bearer_token(req)?)
}

fn verify_token(req: &HttpRequest, token: &str) -> Result<Bearer, AppError> {
    let keys = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("auth state missing")))?;
    let claims = keys.verify(token)?;
    Ok(Bearer {
        user: claims.sub,
        role: claims.role,
        organization: claims.org,
        issued_ms: claims.issued_ms(),
    })
}

/// Whether the request carries a bearer token that verifies now, without asking the
/// database whether its account is still active: the anonymous rate limit's test of
/// "signed in" (a junk or forged header is anonymous).
pub fn carries_valid_token(req: &HttpRequest) -> bool {
    verified(req).is_ok()
}

fn bearer_token(req: &HttpRequest) -> Result<String, AppError> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .ok_or_else(|| AppError::Unauthorized("sign in first: no bearer token".into()))?;
    let value = header
        .to_str()
        .map_err(|_| AppError::Unauthorized("malformed Authorization header".into()))?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() =>
        {
            Ok(token.trim().to_string())
        }
        _ => Err(AppError::Unauthorized(
            "the Authorization header must be 'Bearer <token>'".into(),
        )),
    }
}
