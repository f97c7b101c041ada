//! What the export tests share: a file without the parts that change with each run, and
//! the IATI schema check.

use std::path::PathBuf;
use std::process::Command;

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

fn xsd() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/iati-2.03/iati-activities-schema.xsd")
}

/// Runs `xmllint --noout --schema` on `xml` and fails the test with its report if the
/// document does not validate.
pub fn assert_valid(xml: &str) {
    if std::env::var_os("IATI_DUMP").is_some() {
        eprintln!("{xml}");
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, xml.as_bytes()).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd())
        .arg(file.path())
        .output()
        .expect("xmllint (package libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "xmllint refused the IATI file:\n{}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
}
