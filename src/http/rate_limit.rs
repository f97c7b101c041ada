//! Per-client-address rate limits for what anyone can call, by route and address.
//!
//! - The anonymous doors, `POST /api/v1/auth/login` and `POST /api/v1/organizations/register`
//!   (each may cost a password hash; registration also writes and may mail an existing
//!   account's owner), have a quota per door and per address that every request spends,
//!   whatever headers it carries: an `Authorization` header, junk or valid, changes nothing.
//! - Any other route is limited per address unless its request carries a token that
//!   verifies (our signature, issuer, audience, not expired, not issued in the future): a
//!   signed-in caller is known and accountable, a junk header is anonymous.
//!
//! Addresses are counted per network (`network_of`: an IPv6 client per /64). The limits are
//! per instance and in memory: back-pressure, not a guarantee; the sign-in throttle and
//! the registration mail's hourly bound live in the database and hold across instances.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpRequest, ResponseError};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::client_address::network_of;
use crate::error::AppError;

/// Beyond this many addresses tracked, forget the ones whose quota is full again.
const TRACKED_ADDRESSES: usize = 10_000;

/// Which quota a request spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Door {
    SignIn,
    Registration,
    /// Any other route, called without a valid token.
    Other,
}

fn door_of(method: &Method, path: &str) -> Option<Door> {
    match (method, path) {
        (_, "/healthz" | "/readyz" | "/metrics") => None,
        // The portal's sign-in form runs the same use case: the same quota.
        (&Method::POST, "/api/v1/auth/login" | "/sign-in") => Some(Door::SignIn),
        // The portal's registration form runs the same use case: the same quota.
        (&Method::POST, "/api/v1/organizations/register" | "/register") => Some(Door::Registration),
        _ => Some(Door::Other),
    }
}

fn keyed(burst: u32, quota: Quota) -> Arc<DefaultKeyedRateLimiter<IpAddr>> {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Arc::new(RateLimiter::keyed(quota.allow_burst(burst)))
}

/// The quotas, per address:
/// - sign-in and anonymous requests elsewhere: a burst of 100, then 20 a second each;
///   generous for a person or an office behind one address, a flood is cut to a trickle
///   (guessing is bounded by the sign-in throttle in the database, not by this);
/// - registration: a burst of 30, then one every 2 seconds. An office registers a
///   handful of organisations; a flood registering with someone's email is cut to 30 a
///   minute (and its owner gets at most one mail an hour).
#[derive(Clone)]
pub struct AnonymousLimit {
    sign_in: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    registration: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    other: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Whether a request is signed in (a token that verifies now): the face that reads
    /// tokens says, so this layer knows nothing of them.
    signed_in: fn(&HttpRequest) -> bool,
}

impl AnonymousLimit {
    pub fn new(signed_in: fn(&HttpRequest) -> bool) -> AnonymousLimit {
        let per_second = |n| Quota::per_second(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        let every = |period| Quota::with_period(period).unwrap_or_else(|| per_second(1));
        AnonymousLimit {
            sign_in: keyed(100, per_second(20)),
            registration: keyed(30, every(Duration::from_secs(2))),
            other: keyed(100, per_second(20)),
            signed_in,
        }
    }

    /// `Err(seconds to wait)` when this address has used its quota for `door`.
    fn check(&self, door: Door, address: IpAddr) -> Result<(), u64> {
        let limiter = match door {
            Door::SignIn => &self.sign_in,
            Door::Registration => &self.registration,
            Door::Other => &self.other,
        };
        if limiter.len() > TRACKED_ADDRESSES {
            limiter.retain_recent();
        }
        limiter
            .check_key(&network_of(address))
            .map_err(|not_until| {
                not_until
                    .wait_time_from(DefaultClock::default().now())
                    .as_secs()
                    .max(1)
            })
    }
}

/// Whether a path is a web page (outside the API and the service's probes): its refusal is
/// a page, not problem+json.
fn for_people(path: &str) -> bool {
    !(path == "/api" || path.starts_with("/api/") || door_of(&Method::GET, path).is_none())
}

/// The refusal a person reads, in the portal's three languages at once (the limit answers
/// before anything knows the visitor's choice), with the same `Retry-After`.
fn busy_page(retry_after_secs: u64) -> actix_web::HttpResponse {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Too many requests</title></head><body><main>\
         <h1>Too many requests</h1>\
         <p>Too many requests came from your network. Wait {retry_after_secs} seconds, then try again.</p>\
         <p lang=\"fr\">Trop de demandes sont venues de votre réseau. Attendez {retry_after_secs} secondes, puis réessayez.</p>\
         <p lang=\"es\">Han llegado demasiadas solicitudes desde su red. Espere {retry_after_secs} segundos y vuelva a intentarlo.</p>\
         </main></body></html>"
    );
    actix_web::HttpResponse::TooManyRequests()
        .content_type("text/html; charset=utf-8")
        .insert_header(("retry-after", retry_after_secs.to_string()))
        .insert_header((
            "content-security-policy",
            "default-src 'none'; frame-ancestors 'none'",
        ))
        .insert_header(("cache-control", "no-store"))
        .body(body)
}

pub async fn limit_anonymous(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let limit = req.app_data::<web::Data<AnonymousLimit>>().cloned();
    let limited = door_of(req.method(), req.path()).filter(|door| {
        *door != Door::Other || !limit.as_ref().is_some_and(|l| (l.signed_in)(req.request()))
    });
    if let Some(door) = limited {
        if let (Some(limit), Some(client)) = (limit, super::client_ip(req.request())) {
            if let Err(retry_after_secs) = limit.check(door, client) {
                let refused = if for_people(req.path()) {
                    busy_page(retry_after_secs)
                } else {
                    AppError::TooManyRequests {
                        detail: "too many requests from this address; try again later".into(),
                        retry_after_secs,
                    }
                    .error_response()
                };
                return Ok(req.into_response(refused).map_into_right_body());
            }
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}
