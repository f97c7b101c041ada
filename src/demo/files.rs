//! The demo's documents: small real files (a one-page PDF, an Excel workbook) kept
//! beside demo records through `documents::attach`, as an upload through the API would
//! keep them, so the demo's gates (a call's required proposal, an agreement's signed
//! file, a final report's financial statement) are met the way users meet them.

use rust_xlsxwriter::{Format, Workbook};

use crate::config::DocumentSettings;
use crate::db::Tx;
use crate::documents::{self, Attach, DocumentKind, FileReceiver, Owner};
use crate::domain::{Money, ShortText};
use crate::error::AppError;

/// A small, valid one-page PDF whose text is `label`.
pub fn pdf(label: &str) -> Vec<u8> {
    let text = label.replace(['(', ')', '\\'], " ");
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("demo documents: a workbook"))
}

/// A budget annex: one sheet of labelled lines in US dollars and their total (a formula,
/// as an applicant's own workbook would have it).
pub fn budget_workbook(title: &str, lines: &[(&str, Money)]) -> Result<Vec<u8>, AppError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let sheet = book.add_worksheet();
    sheet.set_name("Budget").map_err(xlsx)?;
    sheet.set_column_width(0, 40).map_err(xlsx)?;
    sheet.set_column_width(1, 16).map_err(xlsx)?;
    sheet
        .write_string_with_format(0, 0, title, &bold)
        .map_err(xlsx)?;
    sheet
        .write_string_with_format(2, 0, "Budget line", &bold)
        .map_err(xlsx)?;
    sheet
        .write_string_with_format(2, 1, "USD", &bold)
        .map_err(xlsx)?;
    let mut row = 3;
    for (label, amount) in lines {
        sheet.write_string(row, 0, *label).map_err(xlsx)?;
        sheet
            .write_with_format(row, 1, amount.amount(), &money)
            .map_err(xlsx)?;
        row += 1;
    }
    sheet
        .write_string_with_format(row, 0, "Total", &bold)
        .map_err(xlsx)?;
    sheet
        .write_formula_with_format(row, 1, format!("=SUM(B4:B{row})").as_str(), &money)
        .map_err(xlsx)?;
    book.save_to_buffer().map_err(xlsx)
}

/// Keeps `bytes` (named `file_name`) beside `owner` as a document of `kind`, in the
/// caller's transaction and as its actor (who must be one who may attach it there).
pub fn attach(
    tx: &mut Tx,
    owner: Owner,
    kind: DocumentKind,
    title: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<(), AppError> {
    let limits = DocumentSettings::default();
    let mut receiver = FileReceiver::new(limits.max_file_bytes)?;
    receiver.push(bytes)?;
    let file = receiver.finish(file_name)?;
    let title = ShortText::parse(title)
        .map_err(|e| AppError::internal(anyhow::anyhow!("demo documents: {}", e.0)))?;
    documents::attach(
        tx,
        Attach {
            owner,
            kind,
            title,
            file,
            limits,
        },
    )?;
    Ok(())
}

/// [`attach`] of a one-page PDF titled `title`.
pub fn attach_pdf(
    tx: &mut Tx,
    owner: Owner,
    kind: DocumentKind,
    title: &str,
) -> Result<(), AppError> {
    let name = format!("{}.pdf", kind.as_str());
    attach(tx, owner, kind, title, &name, &pdf(title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Currency;

    #[test]
    fn the_files_are_what_the_documents_feature_keeps() {
        let pdf = pdf("Signed agreement (demo)");
        assert_eq!(
            documents::sniff(&pdf).map(|t| t.extension),
            Some("pdf"),
            "a PDF"
        );
        let usd = |a| Money::parse(a, Currency::USD).unwrap();
        let book = budget_workbook(
            "Budget annex",
            &[("Shelter", usd("30000.00")), ("Legal aid", usd("18000.00"))],
        )
        .unwrap();
        assert_eq!(
            documents::sniff(&book).map(|t| t.extension),
            Some("xlsx"),
            "an Excel workbook"
        );
    }
}
