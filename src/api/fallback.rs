//! What a request that matches no operation gets: 405 when its path is an operation's
//! under another method, else 404. Each operation is its own route (declared once, beside
//! its handler), so no single resource holds a path's methods to answer the 405 itself;
//! the published document does.

use actix_web::dev::ResourceDef;
use actix_web::http::header::{HeaderValue, ALLOW};
use actix_web::{HttpRequest, HttpResponse};
use utoipa::openapi::OpenApi as Document;

/// Every published path with the methods it takes.
#[derive(Clone)]
pub struct KnownPaths(std::sync::Arc<Vec<(ResourceDef, String)>>);

impl KnownPaths {
    pub fn of(doc: &Document) -> KnownPaths {
        let paths = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("HEAD", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ]
                .into_iter()
                .filter_map(|(method, taken)| taken.then_some(method))
                .collect::<Vec<_>>()
                .join(", ");
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        KnownPaths(std::sync::Arc::new(paths))
    }

    /// The `Allow` value of the operation paths `path` matches, if any.
    fn allowed(&self, path: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(def, _)| def.is_match(path))
            .map(|(_, methods)| methods.as_str())
    }

    /// Whether `path` is one the API publishes (under any method).
    pub fn publishes(&self, path: &str) -> bool {
        self.allowed(path).is_some()
    }

    /// The API's answer for a request no route took.
    pub async fn answer(req: HttpRequest, known: actix_web::web::Data<KnownPaths>) -> HttpResponse {
        match known.allowed(req.path()) {
            Some(methods) => {
                let mut response = HttpResponse::MethodNotAllowed().finish();
                if let Ok(value) = HeaderValue::from_str(methods) {
                    response.headers_mut().insert(ALLOW, value);
                }
                response
            }
            None => HttpResponse::NotFound().finish(),
        }
    }
}
