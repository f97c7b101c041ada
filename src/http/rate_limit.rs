//! A per-client-address rate limit for anonymous requests (no `Authorization` header):
//! sign-in and registration are the endpoints anyone can call, and each may cost a
//! password hash. Signed-in requests are not limited here (their caller is known and
//! accountable). The limit is per instance and in memory: back-pressure, not a guarantee;
//! the sign-in throttle in the database is what holds across instances.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

/// Beyond this many addresses tracked, forget the ones whose quota is full again.
const TRACKED_ADDRESSES: usize = 10_000;

/// Anonymous requests per address: a burst of 100, then 20 a second. Generous for a
/// person or an office behind one address; a flood is cut to a trickle.
#[derive(Clone)]
pub struct AnonymousLimit(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl AnonymousLimit {
    pub fn new() -> AnonymousLimit {
        let burst = NonZeroU32::new(100).unwrap_or(NonZeroU32::MIN);
        let rate = NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN);
        AnonymousLimit(Arc::new(RateLimiter::keyed(
            Quota::per_second(rate).allow_burst(burst),
        )))
    }

    /// `Err(seconds to wait)` when this address has used its quota.
    fn check(&self, address: IpAddr) -> Result<(), u64> {
        if self.0.len() > TRACKED_ADDRESSES {
            self.0.retain_recent();
        }
        self.0.check_key(&address).map_err(|not_until| {
            not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                .max(1)
        })
    }
}

impl Default for AnonymousLimit {
    fn default() -> Self {
        AnonymousLimit::new()
    }
}

fn is_exempt(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics")
}

pub async fn limit_anonymous(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let anonymous = !req
        .headers()
        .contains_key(actix_web::http::header::AUTHORIZATION);
    if anonymous && !is_exempt(req.path()) {
        let limit = req.app_data::<web::Data<AnonymousLimit>>().cloned();
        if let (Some(limit), Some(client)) = (limit, super::client_ip(req.request())) {
            if let Err(retry_after_secs) = limit.check(client) {
                let refused = AppError::TooManyRequests {
                    detail: "too many requests from this address; try again later".into(),
                    retry_after_secs,
                };
                return Ok(req
                    .into_response(refused.error_response())
                    .map_into_right_body());
            }
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}
