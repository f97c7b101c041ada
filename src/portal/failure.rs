//! Pages that say something went wrong, in the visitor's language: not found, not
//! allowed, a form that expired, too many attempts, the service unavailable. A page never
//! answers with the API's problem+json, and never tells one organisation whether another's
//! record exists (the same 404 as for nothing at all).

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

use super::language::PageLanguage;
use super::render;
use super::visitor::CookiePolicy;
use crate::error::AppError;

#[derive(Debug)]
pub struct PageError {
    language: PageLanguage,
    signed_in: bool,
    failure: Failure,
}

#[derive(Debug)]
enum Failure {
    /// Not signed in, or the session has ended: sign in, then come back to `next` (the
    /// session cookie, if any, is forgotten).
    SignIn {
        next: String,
        cookies: CookiePolicy,
    },
    NotFound,
    Forbidden,
    /// A form without this browser's token (from another site, or from before signing in
    /// or out).
    FormExpired,
    /// A form whose fields could not be read at all (not one the portal served).
    BadForm,
    TooMany,
    /// The state of the record does not allow this (the detail is the rule's words).
    Refused(String),
    Unavailable,
    Internal,
}

impl PageError {
    pub fn sign_in(language: PageLanguage, next: &str, cookies: CookiePolicy) -> PageError {
        PageError {
            language,
            signed_in: false,
            failure: Failure::SignIn {
                next: next.to_string(),
                cookies,
            },
        }
    }

    pub fn not_found(language: PageLanguage, signed_in: bool) -> PageError {
        PageError {
            language,
            signed_in,
            failure: Failure::NotFound,
        }
    }

    pub fn form_expired(language: PageLanguage, signed_in: bool) -> PageError {
        PageError {
            language,
            signed_in,
            failure: Failure::FormExpired,
        }
    }

    pub fn bad_form(language: PageLanguage, signed_in: bool) -> PageError {
        PageError {
            language,
            signed_in,
            failure: Failure::BadForm,
        }
    }

    pub fn internal(language: PageLanguage, cause: &str) -> PageError {
        tracing::error!(cause, "page failed");
        PageError {
            language,
            signed_in: false,
            failure: Failure::Internal,
        }
    }

    pub(super) fn from_app(
        language: PageLanguage,
        signed_in: bool,
        here: &str,
        cookies: CookiePolicy,
        error: AppError,
    ) -> PageError {
        let failure = match error {
            AppError::Unauthorized(_) => {
                return PageError::sign_in(language, here, cookies);
            }
            AppError::NotFound => Failure::NotFound,
            AppError::Forbidden => Failure::Forbidden,
            AppError::TooManyRequests { .. } => Failure::TooMany,
            AppError::Conflict(detail) => Failure::Refused(detail),
            AppError::Rule { detail, .. } | AppError::BadRequest { detail, .. } => {
                Failure::Refused(detail)
            }
            AppError::PayloadTooLarge { .. } | AppError::UnsupportedMediaType => Failure::BadForm,
            AppError::Unavailable(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "page failed: database unavailable");
                Failure::Unavailable
            }
            AppError::Internal(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "page failed");
                Failure::Internal
            }
        };
        PageError {
            language,
            signed_in,
            failure,
        }
    }

    /// The message key of the page's heading and of its explanation.
    fn keys(&self) -> (&'static str, &'static str) {
        match self.failure {
            Failure::SignIn { .. } => ("sign-in-title", "sign-in-needed"),
            Failure::NotFound => ("error-not-found-title", "error-not-found-body"),
            Failure::Forbidden => ("error-forbidden-title", "error-forbidden-body"),
            Failure::FormExpired => ("error-form-expired-title", "error-form-expired-body"),
            Failure::BadForm => ("error-bad-form-title", "error-bad-form-body"),
            Failure::TooMany => ("error-too-many-title", "error-too-many-body"),
            Failure::Refused(_) => ("error-refused-title", "error-refused-body"),
            Failure::Unavailable => ("error-unavailable-title", "error-unavailable-body"),
            Failure::Internal => ("error-internal-title", "error-internal-body"),
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.failure)
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self.failure {
            Failure::SignIn { .. } => StatusCode::SEE_OTHER,
            Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::Forbidden | Failure::FormExpired => StatusCode::FORBIDDEN,
            Failure::BadForm => StatusCode::BAD_REQUEST,
            Failure::TooMany => StatusCode::TOO_MANY_REQUESTS,
            Failure::Refused(_) => StatusCode::CONFLICT,
            Failure::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Failure::SignIn { next, cookies } = &self.failure {
            let location = format!("/sign-in?next={}", encode_next(next));
            let mut response = HttpResponse::SeeOther();
            render::protect(&mut response, self.language);
            return response
                .insert_header((header::LOCATION, location))
                .cookie(super::sign_in::ended_session(*cookies))
                .finish();
        }
        let (title, body) = self.keys();
        let detail = match &self.failure {
            Failure::Refused(detail) => Some(detail.clone()),
            _ => None,
        };
        let context = minijinja::context! {
            title_key => title,
            body_key => body,
            detail,
        };
        render::page_without_visitor(
            self.status_code(),
            self.language,
            self.signed_in,
            "error.html",
            context,
        )
    }
}

/// `next` as a query value: only paths of this site (never `//host` or a full URL), so
/// signing in cannot send anyone elsewhere.
pub fn encode_next(next: &str) -> String {
    form_urlencoded::byte_serialize(safe_next(next).as_bytes()).collect()
}

/// A path of this site to go to, or `/`.
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(['\r', '\n']);
    if local {
        next
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_has_words() {
        let failures = [
            Failure::SignIn {
                next: "/".into(),
                cookies: CookiePolicy { secure: true },
            },
            Failure::NotFound,
            Failure::Forbidden,
            Failure::FormExpired,
            Failure::BadForm,
            Failure::TooMany,
            Failure::Refused(String::new()),
            Failure::Unavailable,
            Failure::Internal,
        ];
        for failure in failures {
            let error = PageError {
                language: PageLanguage::En,
                signed_in: false,
                failure,
            };
            let (title, body) = error.keys();
            assert!(super::super::messages::has(title) && super::super::messages::has(body));
        }
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next("/grants/1?x=2"), "/grants/1?x=2");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
