//! The one error type of the HTTP layer and its problem+json form (RFC 9457).
//!
//! Layering: domain parsing returns `domain::InvalidValue`; model functions return
//! `AppError` (diesel errors convert into it); handlers return `AppError`, which actix
//! renders here. Unexpected errors log their whole cause chain with the request's span and
//! answer 500 with a body that names nothing internal.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

mod rule;
pub use rule::Rule;

/// One bad field in a request: where it is (a JSON path such as `budget_lines[2].amount`)
/// and what rule it broke.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400: the request is malformed; `errors` names each bad field.
    #[error("{detail}")]
    BadRequest {
        detail: String,
        errors: Vec<FieldError>,
    },
    /// 401: no token, or one that is not valid now.
    #[error("{0}")]
    Unauthorized(String),
    /// 403: authenticated, but this role may not do this.
    #[error("you are not allowed to do this")]
    Forbidden,
    /// 404: absent, or not visible to the caller (we never confirm what they may not see).
    #[error("not found")]
    NotFound,
    /// 409: the resource is in a state that does not allow this, or it already exists.
    #[error("{0}")]
    Conflict(String),
    /// 422: a business rule refused the change; `rule` is a stable name clients act on.
    #[error("{detail}")]
    Rule {
        rule: Rule,
        detail: String,
        errors: Vec<FieldError>,
    },
    #[error("request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("the request must be sent as application/json")]
    UnsupportedMediaType,
    #[error("{detail}")]
    TooManyRequests {
        detail: String,
        retry_after_secs: u64,
    },
    /// 503: a dependency (the database) is unreachable.
    #[error("the service is temporarily unavailable")]
    Unavailable(#[source] anyhow::Error),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn bad_field(field: impl Into<String>, message: impl Into<String>) -> AppError {
        let error = FieldError::new(field, message);
        AppError::BadRequest {
            detail: format!("{}: {}", error.field, error.message),
            errors: vec![error],
        }
    }

    pub fn rule(rule: Rule, detail: impl Into<String>) -> AppError {
        AppError::Rule {
            rule,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    pub fn rule_on_field(
        rule: Rule,
        field: impl Into<String>,
        detail: impl Into<String>,
    ) -> AppError {
        let detail = detail.into();
        AppError::Rule {
            rule,
            errors: vec![FieldError::new(field, detail.clone())],
            detail,
        }
    }

    pub fn conflict(detail: impl Into<String>) -> AppError {
        AppError::Conflict(detail.into())
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> AppError {
        AppError::Internal(cause.into())
    }

    pub fn unavailable(cause: impl Into<anyhow::Error>) -> AppError {
        AppError::Unavailable(cause.into())
    }

    fn slug(&self) -> &'static str {
        match self {
            AppError::BadRequest { .. } => "validation",
            AppError::Unauthorized(_) => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not-found",
            AppError::Conflict(_) => "conflict",
            AppError::Rule { rule, .. } => rule.name(),
            AppError::PayloadTooLarge { .. } => "payload-too-large",
            AppError::UnsupportedMediaType => "unsupported-media-type",
            AppError::TooManyRequests { .. } => "too-many-requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }
}

/// The problem+json body. `type` is `urn:trustfund:problem:<name>`; for 422s `<name>` is
/// the business rule (`seat-limit`, `quorum-not-met`, …), also given alone in `rule`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For a 422, the business rule that refused the change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Builds a problem+json response; also used for errors actix raises itself (404, 405).
pub fn problem_response(
    status: StatusCode,
    slug: &str,
    detail: String,
    rule: Option<Rule>,
    errors: Vec<FieldError>,
) -> HttpResponse {
    let body = Problem {
        problem_type: format!("urn:trustfund:problem:{slug}"),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        detail,
        rule,
        errors,
    };
    HttpResponse::build(status)
        .content_type(PROBLEM_JSON)
        .json(body)
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Rule { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        match self {
            AppError::Internal(cause) | AppError::Unavailable(cause) => {
                tracing::error!(error = %format!("{cause:#}"), status = status.as_u16(), "request failed");
            }
            _ => {}
        }
        let (rule, errors) = match self {
            AppError::Rule { rule, errors, .. } => (Some(*rule), errors.clone()),
            AppError::BadRequest { errors, .. } => (None, errors.clone()),
            _ => (None, Vec::new()),
        };
        let mut response = problem_response(status, self.slug(), self.to_string(), rule, errors);
        if let AppError::TooManyRequests {
            retry_after_secs, ..
        } = self
        {
            if let Ok(value) = header::HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        if let AppError::Unauthorized(_) = self {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(error: diesel::result::Error) -> AppError {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::NotFound => AppError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                AppError::conflict("a record with the same unique value already exists")
            }
            // The connection died under the query (the database restarted or went away):
            // the service is unavailable, not broken.
            error @ Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                AppError::unavailable(error)
            }
            other => AppError::internal(other),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(error: actix_web::error::BlockingError) -> AppError {
        AppError::internal(anyhow::anyhow!("blocking task failed: {error}"))
    }
}
