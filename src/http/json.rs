//! A JSON body extractor that answers like the rest of the API: 415 for another media
//! type, 413 over the size limit, 400 naming the field for anything that does not parse.

use actix_web::dev::Payload;
use actix_web::error::PayloadError;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

use crate::error::{AppError, FieldError, Rule};

/// The largest body accepted, in bytes; registered as app data beside the matching
/// `web::PayloadConfig` (which enforces it) so errors can state it.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

impl BodyLimit {
    pub const DEFAULT: usize = 256 * 1024;
}

/// Like `actix_web::web::Json`, but with problem+json errors that name the field.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = json_body(req, payload);
        Box::pin(async move { parse(&body.await?).map(Json) })
    }
}

/// Reads a JSON request body: 415 for another media type, 413 over the size limit.
pub(super) fn json_body(
    req: &HttpRequest,
    payload: &mut Payload,
) -> LocalBoxFuture<'static, Result<web::Bytes, AppError>> {
    let is_json =
        req.mime_type().ok().flatten().is_some_and(|mime| {
            mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json")
        });
    let limit = req
        .app_data::<BodyLimit>()
        .map_or(BodyLimit::DEFAULT, |l| l.0);
    // Who may call the operation is decided before its body is read (the face's `Allowed`,
    // `Public`); a handler without a gate before its body is a bug, refused loudly.
    let decided = super::decision::decided(req);
    let body = web::Bytes::from_request(req, payload);
    Box::pin(async move {
        decided.await?;
        if !is_json {
            return Err(AppError::UnsupportedMediaType);
        }
        body.await
            .map_err(|error| match error.as_error::<PayloadError>() {
                Some(PayloadError::Overflow) => AppError::PayloadTooLarge { limit },
                _ => AppError::bad_field("body", "the request body could not be read"),
            })
    })
}

/// Deserialises, tracking the path to whatever failed so the client is told which field.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    // Every body of this API is an object; serde would otherwise read a struct from an
    // array, and blame element [0].
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        let syntax = serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err();
        let message = if syntax {
            "the body is not valid JSON"
        } else {
            "the body must be a JSON object"
        };
        return Err(AppError::bad_field("body", message));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        field_error(&path, &inner)
    })?;
    deserializer
        .end()
        .map_err(|_| AppError::bad_field("body", "unexpected characters after the JSON value"))?;
    Ok(value)
}

fn field_error(path: &str, error: &serde_json::Error) -> AppError {
    use serde_json::error::Category;
    let message = error.to_string();
    // serde_json appends "at line L column C"; the field path says more to a client.
    let message = match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    };
    let syntax = matches!(error.classify(), Category::Syntax | Category::Eof);
    let field = match (path, named_in(&message)) {
        _ if syntax => "body".to_string(),
        (".", Some(name)) => name,
        (path, Some(name)) if message.starts_with("missing field") => format!("{path}.{name}"),
        (".", None) => "body".to_string(),
        // An empty key (`{"": 1}`) is an empty path: it names no field (found by the
        // money bodies fuzz target).
        ("", _) => "body".to_string(),
        (path, _) => path.to_string(),
    };
    // Text that parses but would display other than it reads: a 422 naming the rule.
    for (prefix, rule) in [
        (
            crate::domain::text::INVISIBLE_CHARACTER,
            Rule::InvisibleCharacter,
        ),
        (
            crate::domain::text::FORBIDDEN_CHARACTER,
            Rule::ForbiddenCharacter,
        ),
    ] {
        if let Some(rest) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix(": "))
        {
            return AppError::Rule {
                rule,
                detail: format!("{field}: {rest}"),
                errors: vec![FieldError::new(field, rest)],
            };
        }
    }
    let detail = match error.classify() {
        Category::Syntax | Category::Eof => "the body is not valid JSON".to_string(),
        _ => format!("{field}: {message}"),
    };
    AppError::BadRequest {
        detail,
        errors: vec![FieldError::new(field, message)],
    }
}

/// The field a serde message names in backticks ("missing field `email`").
fn named_in(message: &str) -> Option<String> {
    if !(message.starts_with("missing field") || message.starts_with("unknown field")) {
        return None;
    }
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string()).filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        inner: Option<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    fn field_of(json: &str) -> String {
        match parse::<Body>(json.as_bytes()) {
            Err(AppError::BadRequest { errors, .. }) => errors[0].field.clone(),
            other => panic!("expected a 400, got {other:?}"),
        }
    }

    #[test]
    fn names_the_field_that_failed() {
        assert_eq!(field_of("{}"), "email");
        assert_eq!(field_of(r#"{"email": 3}"#), "email");
        assert_eq!(field_of(r#"{"email": "a", "extra": 1}"#), "extra");
        assert_eq!(
            field_of(r#"{"email": "a", "inner": {"count": "x"}}"#),
            "inner.count"
        );
        assert_eq!(field_of(r#"{"email": "a", "inner": {}}"#), "inner.count");
        assert_eq!(field_of(r#"{"email": "a"} trailing"#), "body");
        assert_eq!(field_of(r#"{"": 1, "email": "a"}"#), "body");
    }
}
