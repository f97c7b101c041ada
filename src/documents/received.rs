//! A file as it arrives: written to a temporary file a piece at a time (memory stays at
//! one piece whatever the file's size), hashed on the way, its size held to the limit,
//! its type decided from its first bytes. Only once it has fully arrived does a write
//! transaction copy it into the database, so no transaction waits on a slow client.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};

use sha2::{Digest, Sha256};

use super::sniff::{kept_formats, sniff, FileType, SNIFF_BYTES};
use crate::error::{AppError, Rule};

/// The longest file name kept, in characters and in bytes (before its extension): well
/// inside the 255 bytes most file systems allow.
const NAME_CHARS: usize = 120;
const NAME_BYTES: usize = 200;

/// Receives one file; [`FileReceiver::finish`] hands over what arrived.
pub struct FileReceiver {
    file: File,
    hasher: Sha256,
    head: Vec<u8>,
    size: u64,
    limit: u64,
}

impl FileReceiver {
    /// A receiver refusing more than `limit` bytes, writing to an anonymous temporary
    /// file (removed by the system when closed, whatever happens to this process).
    pub fn new(limit: u64) -> Result<FileReceiver, AppError> {
        Ok(FileReceiver {
            file: tempfile::tempfile().map_err(AppError::internal)?,
            hasher: Sha256::new(),
            head: Vec::new(),
            size: 0,
            limit,
        })
    }

    /// The next piece; 413 once the file is larger than the limit.
    pub fn push(&mut self, piece: &[u8]) -> Result<(), AppError> {
        self.size += piece.len() as u64;
        if self.size > self.limit {
            return Err(AppError::PayloadTooLarge {
                limit: usize::try_from(self.limit).unwrap_or(usize::MAX),
            });
        }
        if self.head.len() < SNIFF_BYTES {
            let room = SNIFF_BYTES - self.head.len();
            self.head.extend_from_slice(&piece[..piece.len().min(room)]);
        }
        self.hasher.update(piece);
        self.file.write_all(piece).map_err(AppError::internal)
    }

    /// The file as received, named `name` (cleaned, and given its type's extension).
    /// An empty file, or one of no kept format, is refused (422 `file-type`).
    pub fn finish(mut self, name: &str) -> Result<ReceivedFile, AppError> {
        if self.size == 0 {
            return Err(AppError::rule_on_field(
                Rule::FileType,
                "file",
                "the file is empty",
            ));
        }
        let file_type = sniff(&self.head).ok_or_else(|| {
            AppError::rule_on_field(
                Rule::FileType,
                "file",
                format!(
                    "the file's content is not one of the formats kept ({}), whatever its \
                     name says",
                    kept_formats()
                ),
            )
        })?;
        self.file.flush().map_err(AppError::internal)?;
        self.file
            .seek(SeekFrom::Start(0))
            .map_err(AppError::internal)?;
        Ok(ReceivedFile {
            file: self.file,
            size: self.size,
            sha256: hex::encode(self.hasher.finalize()),
            file_name: clean_name(name, file_type),
            file_type,
        })
    }
}

/// A file fully received and checked, waiting in its temporary file.
#[derive(Debug)]
pub struct ReceivedFile {
    /// At its start, ready to be read.
    pub file: File,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
    pub file_type: FileType,
    pub file_name: String,
}

/// A name safe to hand back in a `Content-Disposition` header and to save on any system:
/// no directories, no control or invisible characters, no reserved names, at most
/// [`NAME_CHARS`] characters, and the extension of what the file really is.
fn clean_name(name: &str, file_type: FileType) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let visible: String = base
        .chars()
        .filter(|&c| {
            !c.is_control()
                && crate::domain::invisible(c).is_none()
                && crate::domain::forbidden(c).is_none()
        })
        .collect();
    let stem = match visible.rsplit_once('.') {
        Some((stem, _)) => stem,
        None => visible.as_str(),
    };
    let mut bytes = 0;
    let stem: String = stem
        .trim()
        .trim_matches('.')
        .chars()
        .take(NAME_CHARS)
        .take_while(|c| {
            bytes += c.len_utf8();
            bytes <= NAME_BYTES
        })
        .collect();
    // Windows' rules everywhere: the name may be saved on any system (reserved names such
    // as `con.pdf` come back empty, and the name falls back to "document").
    let options = sanitize_filename::Options {
        windows: true,
        truncate: true,
        replacement: "",
    };
    let name = sanitize_filename::sanitize_with_options(
        format!("{}.{}", stem.trim(), file_type.extension),
        options,
    );
    if name.len() <= file_type.extension.len() + 1 {
        format!("document.{}", file_type.extension)
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    const PDF: FileType = FileType {
        media_type: "application/pdf",
        extension: "pdf",
    };

    #[test]
    fn names_lose_paths_hidden_characters_and_their_claimed_extension() {
        assert_eq!(clean_name("../../etc/passwd", PDF), "passwd.pdf");
        assert_eq!(clean_name("C:\\Users\\a\\report.exe", PDF), "report.pdf");
        assert_eq!(clean_name("budget\u{202E}fdp.exe", PDF), "budgetfdp.pdf");
        assert_eq!(clean_name("", PDF), "document.pdf");
        assert_eq!(clean_name("...", PDF), "document.pdf");
        assert_eq!(clean_name("con", PDF), "document.pdf");
        assert_eq!(
            clean_name("Rapport financier été.docx", PDF),
            "Rapport financier été.pdf"
        );
        assert_eq!(
            clean_name(&"a".repeat(500), PDF).chars().count(),
            NAME_CHARS + 4
        );
        assert_eq!(
            clean_name(&"é".repeat(200), PDF),
            format!("{}.pdf", "é".repeat(100))
        );
    }

    #[test]
    fn a_file_is_hashed_sized_and_typed_as_it_arrives() {
        let mut receiver = FileReceiver::new(100).unwrap();
        receiver.push(b"%PDF-1.4\n").unwrap();
        receiver.push(b"%%EOF\n").unwrap();
        let mut received = receiver.finish("Agreement.PDF").unwrap();
        assert_eq!(received.size, 15);
        assert_eq!(received.file_name, "Agreement.pdf");
        assert_eq!(
            received.sha256,
            hex::encode(Sha256::digest(b"%PDF-1.4\n%%EOF\n"))
        );
        let mut back = Vec::new();
        received.file.read_to_end(&mut back).unwrap();
        assert_eq!(back, b"%PDF-1.4\n%%EOF\n");

        let mut receiver = FileReceiver::new(10).unwrap();
        assert!(matches!(
            receiver.push(b"%PDF-1.4\n%%EOF\n"),
            Err(AppError::PayloadTooLarge { limit: 10 })
        ));
        let mut receiver = FileReceiver::new(100).unwrap();
        receiver.push(b"<html><script>alert(1)</script>").unwrap();
        assert!(receiver.finish("x.pdf").is_err());
        assert!(FileReceiver::new(100).unwrap().finish("x.pdf").is_err());
    }
}
