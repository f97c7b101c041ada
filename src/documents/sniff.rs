//! What a file is, decided from its first bytes and never from its name: only formats a
//! Fund's papers come in (PDF, PNG, JPEG, the Office and OpenDocument formats) are kept.
//! HTML, SVG, scripts and executables match none of them and are refused, whatever their
//! name says, so nothing stored can run in a browser that opens it.

/// How many leading bytes the type is decided from: enough for the Office formats, whose
/// zip entries name the kind of document after the first local header.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// A kept format: its media type and the extension its file name is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    pub media_type: &'static str,
    pub extension: &'static str,
}

/// The formats kept, by the media type `infer` names.
const KEPT: &[FileType] = &[
    FileType {
        media_type: "application/pdf",
        extension: "pdf",
    },
    FileType {
        media_type: "image/png",
        extension: "png",
    },
    FileType {
        media_type: "image/jpeg",
        extension: "jpg",
    },
    FileType {
        media_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        extension: "docx",
    },
    FileType {
        media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        extension: "xlsx",
    },
    FileType {
        media_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        extension: "pptx",
    },
    FileType {
        media_type: "application/msword",
        extension: "doc",
    },
    FileType {
        media_type: "application/vnd.ms-excel",
        extension: "xls",
    },
    FileType {
        media_type: "application/vnd.ms-powerpoint",
        extension: "ppt",
    },
    FileType {
        media_type: "application/vnd.oasis.opendocument.text",
        extension: "odt",
    },
    FileType {
        media_type: "application/vnd.oasis.opendocument.spreadsheet",
        extension: "ods",
    },
    FileType {
        media_type: "application/vnd.oasis.opendocument.presentation",
        extension: "odp",
    },
];

/// The kept format `head` (a file's first bytes, up to [`SNIFF_BYTES`]) starts, if any.
pub fn sniff(head: &[u8]) -> Option<FileType> {
    let found = infer::get(head)?;
    KEPT.iter()
        .copied()
        .find(|kept| kept.media_type == found.mime_type())
}

/// The formats kept, in the order above (the portal's file inputs `accept` them).
pub fn kept_types() -> &'static [FileType] {
    KEPT
}

/// The formats kept, for messages: "PDF, PNG, …".
pub fn kept_formats() -> String {
    KEPT.iter()
        .map(|kept| kept.extension.to_uppercase())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
        assert_eq!(sniff(pdf).map(|t| t.extension), Some("pdf"));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(sniff(png).map(|t| t.extension), Some("png"));
        let jpeg = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0";
        assert_eq!(sniff(jpeg).map(|t| t.extension), Some("jpg"));
    }

    #[test]
    fn pages_scripts_and_programs_are_refused_whatever_their_name() {
        for refused in [
            &b"<!DOCTYPE html><html><script>alert(1)</script></html>"[..],
            b"<html><body onload=alert(1)>",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
            b"<svg onload=alert(1)>",
            b"#!/bin/sh\nrm -rf /\n",
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0",
            b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
            b"plain text that claims to be a PDF",
            b"PK\x03\x04\x14\0\0\0\0\0",
            b"",
        ] {
            assert_eq!(
                sniff(refused),
                None,
                "{:?}",
                String::from_utf8_lossy(refused)
            );
        }
    }
}
