//! A document's bytes as an HTTP answer: an attachment, streamed a stored chunk at a time
//! (one chunk in memory per download), with headers that keep an uploaded file from ever
//! running in the Fund's origin: `Content-Disposition: attachment`, `nosniff`, and a
//! content security policy that sandboxes it should a browser display it anyway.

use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::web::Bytes;
use actix_web::HttpResponse;

use crate::db::Db;
use crate::documents::{self, Content};

/// The answer for a document the caller may read ([`documents::open_content`]).
pub fn attachment(db: Db, content: Content) -> HttpResponse {
    let Content { document, chunks } = content;
    let id = document.id;
    let body = futures_util::stream::try_unfold(0, move |seq| {
        let db = db.clone();
        async move {
            if seq >= chunks {
                return Ok(None);
            }
            let bytes = db.read(move |conn| documents::chunk(conn, id, seq)).await?;
            Ok::<_, crate::error::AppError>(Some((Bytes::from(bytes), seq + 1)))
        }
    });
    HttpResponse::Ok()
        .content_type(document.media_type.as_str())
        .insert_header(disposition(&document.file_name))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "sandbox; default-src 'none'; frame-ancestors 'none'",
        ))
        .insert_header(("Cross-Origin-Resource-Policy", "same-origin"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::ETAG, format!("\"{}\"", document.sha256)))
        .no_chunking(u64::try_from(document.size_bytes).unwrap_or_default())
        .streaming(body)
}

/// `attachment; filename="…"; filename*=UTF-8''…`: an ASCII name for old clients, the
/// real one (RFC 6266) for the rest.
fn disposition(name: &str) -> ContentDisposition {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut parameters = vec![DispositionParam::Filename(ascii)];
    if !name.is_ascii() {
        parameters.push(DispositionParam::FilenameExt(ExtendedValue {
            charset: Charset::Ext("UTF-8".to_string()),
            language_tag: None,
            value: name.as_bytes().to_vec(),
        }));
    }
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters,
    }
}
