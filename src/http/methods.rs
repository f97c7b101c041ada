//! Request methods, normalised before routing and metrics see them.
//!
//! - `HEAD` is answered as the `GET` of the same route (RFC 9110 §9.3.2): the route runs
//!   as `GET` and actix's HTTP/1 codec, which noted the request was `HEAD` when it parsed
//!   it, sends the headers without the body.
//! - Any method outside the standard set becomes one `OTHER`, so an invented method can
//!   never become a new metrics label value (each would be kept forever); it is then
//!   refused like any method a route does not take.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;

/// The one method every non-standard method is folded into.
pub const OTHER: &str = "OTHER";

fn is_standard(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::OPTIONS,
        Method::TRACE,
        Method::CONNECT,
    ]
    .contains(method)
}

pub async fn normalise_method(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let method = req.method().clone();
    if method == Method::HEAD {
        req.head_mut().method = Method::GET;
    } else if !is_standard(&method) {
        if let Ok(other) = Method::from_bytes(OTHER.as_bytes()) {
            req.head_mut().method = other;
        }
    }
    next.call(req).await
}
