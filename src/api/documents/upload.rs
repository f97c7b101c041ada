//! Reading a `multipart/form-data` upload: small text fields (`kind`, `title`, and any
//! other the caller names, such as the portal's form token) and one `file`, streamed into
//! a [`FileReceiver`] a piece at a time, so memory stays flat whatever the file's size and
//! a file past the limit is refused as soon as it passes it (413), before the rest is read.

use std::collections::BTreeMap;

use actix_multipart::{Field, Multipart, MultipartError};
use futures_util::StreamExt;

use crate::documents::{FileReceiver, ReceivedFile};
use crate::error::AppError;

/// The longest text field read, in bytes.
const TEXT_FIELD_BYTES: usize = 4 * 1024;

/// What an upload carried.
#[derive(Debug, Default)]
pub struct Upload {
    /// Text fields by name (each named at most once).
    pub fields: BTreeMap<String, String>,
    /// The file, once received and checked.
    pub file: Option<ReceivedFile>,
}

impl Upload {
    /// A text field, trimmed; `None` when absent or empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The file, or 400 naming the `file` field.
    pub fn take_file(&mut self) -> Result<ReceivedFile, AppError> {
        self.file
            .take()
            .ok_or_else(|| AppError::bad_field("file", "a file is required (the `file` part)"))
    }
}

/// Reads the whole upload: the text fields in `names` and one `file` of at most
/// `max_file_bytes`. Any other part is a 400, so nothing unread is mistaken for data.
pub async fn receive(
    mut multipart: Multipart,
    names: &[&str],
    max_file_bytes: u64,
) -> Result<Upload, AppError> {
    let mut upload = Upload::default();
    receive_into(&mut multipart, &mut upload, names, max_file_bytes).await?;
    Ok(upload)
}

/// As [`receive`], into `upload`, leaving what was read before a refusal there (the
/// portal reads its form token from it even when the file is refused) and the rest of
/// the upload in `multipart` (see [`drain`]).
pub async fn receive_into(
    multipart: &mut Multipart,
    upload: &mut Upload,
    names: &[&str],
    max_file_bytes: u64,
) -> Result<(), AppError> {
    while let Some(field) = multipart.next().await {
        let field = field.map_err(malformed)?;
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            if upload.file.is_some() {
                return Err(AppError::bad_field("file", "one file per upload"));
            }
            upload.file = receive_file(field, max_file_bytes).await?;
        } else if names.contains(&name.as_str()) {
            if upload.fields.contains_key(&name) {
                return Err(AppError::bad_field(name, "given more than once"));
            }
            let value = receive_text(field, &name).await?;
            upload.fields.insert(name, value);
        } else {
            return Err(AppError::bad_field(
                if name.is_empty() {
                    "(unnamed)".to_string()
                } else {
                    name
                },
                format!(
                    "not a field of this upload (fields: file, {})",
                    names.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Reads and drops what is left of a refused upload, for at most `within`, so that a
/// browser still sending it reads the answer rather than a reset connection; past that,
/// the connection is left to close.
pub async fn drain(multipart: &mut Multipart, within: std::time::Duration) {
    let all = async {
        while let Some(Ok(mut field)) = multipart.next().await {
            while let Some(piece) = field.next().await {
                if piece.is_err() {
                    return;
                }
            }
        }
    };
    let _ = actix_web::rt::time::timeout(within, all).await;
}

/// The file of a `file` part; `None` for a part with no file name and no content, which
/// is how a browser sends a file input left empty (HTML's form submission algorithm), so
/// a form whose file is optional can be sent without one.
async fn receive_file(
    mut field: Field,
    max_file_bytes: u64,
) -> Result<Option<ReceivedFile>, AppError> {
    let name = field
        .content_disposition()
        .and_then(|d| d.get_filename().map(str::to_string))
        .unwrap_or_default();
    let mut receiver = FileReceiver::new(max_file_bytes)?;
    let mut received = 0usize;
    while let Some(piece) = field.next().await {
        let piece = piece.map_err(malformed)?;
        received += piece.len();
        // A write to a local temporary file is a page-cache copy of one piece (at most
        // the transport's buffer, 64 KiB or so): short enough to do on the request's thread.
        receiver.push(&piece)?;
    }
    if name.is_empty() && received == 0 {
        return Ok(None);
    }
    receiver.finish(&name).map(Some)
}

async fn receive_text(mut field: Field, name: &str) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(piece) = field.next().await {
        let piece = piece.map_err(malformed)?;
        if bytes.len() + piece.len() > TEXT_FIELD_BYTES {
            return Err(AppError::bad_field(
                name,
                format!("at most {TEXT_FIELD_BYTES} bytes"),
            ));
        }
        bytes.extend_from_slice(&piece);
    }
    String::from_utf8(bytes).map_err(|_| AppError::bad_field(name, "not UTF-8 text"))
}

fn malformed(error: MultipartError) -> AppError {
    AppError::BadRequest {
        detail: format!(
            "the upload is not well-formed multipart/form-data with a `file` part: {error}"
        ),
        errors: vec![crate::error::FieldError::new("file", error.to_string())],
    }
}
