//! What the export tests share: a file without the parts that change with each run, and
//! the IATI schema check.

use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;
use serde::Serialize;
use trustfund::domain::{CountryCode, GrantId, RegionalGroup};
use trustfund::exports::{ExportFormat, ExportKind};

/// The ledger export's query, as a client writes it (the crate's `ExportQuery` is only
/// read): a format over a period, narrowed by what is set.
#[derive(Debug, Clone, Serialize)]
pub struct ExportParams {
    pub format: ExportFormat,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<ExportKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant: Option<GrantId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regional_group: Option<RegionalGroup>,
}

impl ExportParams {
    /// `format` from `from` to `to`, the kind left to the service's default.
    pub fn over(format: ExportFormat, from: NaiveDate, to: NaiveDate) -> ExportParams {
        ExportParams {
            format,
            from,
            to,
            kind: None,
            grant: None,
            country: None,
            regional_group: None,
        }
    }
}

/// An export without its signed audit checkpoint, which carries the time it was signed
/// (tests/api/audit_checkpoints.rs checks the checkpoint itself).
pub fn without_checkpoint(text: &str) -> String {
    if let Some(start) = text.find("\"audit_checkpoint\":{") {
        let end = start + text[start..].find('}').unwrap() + 1;
        return format!("{}{}", &text[..start], &text[end..]);
    }
    text.split_inclusive('\n')
        .filter(|line| {
            !line.starts_with("audit_checkpoint,")
                && !line.starts_with("<!-- trustfund-audit-checkpoint ")
        })
        .collect()
}

fn xsd(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/iati-2.03")
        .join(name)
}

/// Runs `xmllint --noout --schema` on `xml` (an IATI activity file) and fails the test
/// with its report if the document does not validate.
pub fn assert_valid(xml: &str) {
    assert_valid_against(xml, "iati-activities-schema.xsd")
}

/// The same for an IATI organisation file.
pub fn assert_valid_organisation(xml: &str) {
    assert_valid_against(xml, "iati-organisations-schema.xsd")
}

fn assert_valid_against(xml: &str, schema: &str) {
    if std::env::var_os("IATI_DUMP").is_some() {
        eprintln!("{xml}");
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, xml.as_bytes()).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd(schema))
        .arg(file.path())
        .output()
        .expect("xmllint (package libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "xmllint refused the IATI file:\n{}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}
