//! The `Caller` extractor: the one place a bearer token is read. Handlers take a `Caller`
//! and check roles with `require`; none of them parses a token.

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use tracing_actix_web::RequestId;

use super::{Role, TokenKeys};
use crate::db::{Actor, Db};
use crate::domain::{OrganizationId, UserId};
use crate::error::AppError;
use crate::users::User;

/// The authenticated user behind a request, as the database knows them now: a disabled
/// account, or one whose role changed, stops working at once, whatever its token says.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    pub request_id: String,
}

impl Caller {
    pub fn id(&self) -> UserId {
        self.user.id
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn organization_id(&self) -> Option<OrganizationId> {
        self.user.organization_id
    }

    /// 403 unless the caller has one of these roles.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.user.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Who to record on audit events for changes this request makes.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user.id),
            role: Some(self.user.role.as_str().to_string()),
            request_id: self.request_id.clone(),
        }
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
    type Future = LocalBoxFuture<'static, Result<Caller, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let keys = req.app_data::<web::Data<TokenKeys>>().cloned();
        let db = req.app_data::<web::Data<Db>>().cloned();
        let request_id = request_id(req);
        Box::pin(async move {
            let token = token?;
            let (keys, db) = match (keys, db) {
                (Some(keys), Some(db)) => (keys, db),
                _ => return Err(AppError::internal(anyhow::anyhow!("auth state missing"))),
            };
            let claims = keys.verify(&token)?;
            let (id, issued_ms) = (claims.sub, claims.issued_ms());
            let (user, cutoff) = db
                .lookup(move |conn| crate::users::find_with_token_cutoff(conn, id))
                .await?
                .filter(|(user, _)| user.enabled)
                .ok_or_else(|| AppError::Unauthorized("the account is not active".into()))?;
            if super::sessions::is_revoked(issued_ms, cutoff) {
                return Err(AppError::Unauthorized(
                    "the session has ended (password changed or account disabled); sign in again"
                        .into(),
                ));
            }
            Ok(Caller { user, request_id })
        })
    }
}

/// Whether the request carries a bearer token that verifies now (signature, issuer,
/// audience, times), without asking the database whether its account is still active: the
/// anonymous rate limit's test of "signed in" (a junk or forged header is anonymous).
pub fn carries_valid_token(req: &HttpRequest) -> bool {
    let keys = req.app_data::<web::Data<TokenKeys>>();
    match (bearer_token(req), keys) {
        (Ok(token), Some(keys)) => keys.verify(&token).is_ok(),
        _ => false,
    }
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
