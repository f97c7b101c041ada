//! Documents in the portal: a record's list (with every version, the superseded ones
//! marked), its upload form and a form for a new version of each current document, and
//! `GET /documents/{id}`, a document's bytes for a signed-in member, as the API answers
//! them (an attachment, sandboxed). The use cases are the API's (`documents::attach`,
//! `supersede`, `list_documents`, `open_content`): the pages only read the form.
//!
//! The pages that carry documents (an organisation's profile, an application, a grant, a
//! report) include `documents.html` with the [`Section`] built here, post their uploads to
//! routes of their own, and hand the upload to [`attach`] or [`supersede`]: a refusal
//! (a file too large, of another type, a kind the record does not take…) comes back as
//! form errors in the visitor's language for the page to show again, never as a problem
//! page.

use std::collections::HashMap;
use std::time::Duration;

use actix_multipart::Multipart;
use actix_web::{get, guard, web, HttpRequest, HttpResponse};
use rust_decimal::Decimal;
use serde::Serialize;

use super::failure::PageError;
use super::form_errors::FormErrors;
use super::formats;
use super::language::PageLanguage;
use super::messages;
use super::visitor::{Member, FORM_TOKEN_FIELD};
use crate::api::documents::{download, drain, receive_into, Upload};
use crate::config::DocumentSettings;
use crate::db::{Actor, Db, DbConnection};
use crate::documents::{self, Attach, DocumentKind, DocumentView, Owner, Supersede};
use crate::domain::{DocumentId, Role, ShortText};
use crate::error::{AppError, Rule};

/// How long the rest of a refused upload is read for, so the browser sees the answer.
pub(crate) const DRAIN_FOR: Duration = Duration::from_secs(30);

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(download_document).service(
        web::resource([
            "/organization/documents",
            "/organization/documents/{document}/versions",
            "/applications/{id}/documents",
            "/applications/{id}/documents/{document}/versions",
            "/grants/{id}/documents",
            "/grants/{id}/documents/{document}/versions",
            "/reports/{id}/documents",
            "/reports/{id}/documents/{document}/versions",
            "/secretariat/grants/{id}/documents",
            "/secretariat/grants/{id}/documents/{document}/versions",
        ])
        .guard(guard::Get())
        .to(back_to_record),
    );
}

/// `GET` on where an upload posts: where a refused upload's page stands (its language
/// links come back here); the record's page is what to show.
async fn back_to_record(member: Member, req: HttpRequest) -> Result<HttpResponse, PageError> {
    let page = req.path().split("/documents").next().unwrap_or("/");
    Ok(member.redirect(&format!("{page}#documents")).finish())
}

/// `GET /documents/{id}`: the document's bytes, for whoever may read its record (another
/// organisation's document is the same 404 page as nothing).
#[get("/documents/{id}")]
async fn download_document(
    member: Member,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, PageError> {
    let id: DocumentId = id
        .parse()
        .map_err(|_| PageError::not_found(member.language, true))?;
    let content = member
        .read(&db, move |conn, actor| {
            documents::open_content(conn, actor, id)
        })
        .await?;
    Ok(download::attachment(db.get_ref().clone(), content))
}

/// One version of a document, as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    id: String,
    title: String,
    kind: &'static str,
    file_name: String,
    size: String,
    uploaded_at: String,
    version: i32,
    current: bool,
    /// The version number that superseded this one.
    superseded_by: Option<i32>,
    /// A new version of it may be uploaded here.
    may_supersede: bool,
}

/// One choice of the kind select.
#[derive(Debug, Serialize)]
struct Choice {
    value: &'static str,
    label: String,
}

/// What the upload forms held when a refusal sends the page back.
#[derive(Debug, Default, Clone)]
pub struct Retry {
    kind: String,
    title: String,
    /// The document whose new version was refused (its form is shown open).
    version_of: Option<String>,
}

/// An upload refused: what was wrong (for the page's error summary) and what was typed.
#[derive(Debug)]
pub struct Refused {
    pub errors: FormErrors,
    pub retry: Retry,
}

/// A record's documents as `documents.html` shows them.
#[derive(Debug, Serialize)]
pub struct Section {
    lines: Vec<Line>,
    /// Where the upload form posts (a new version posts to `{attach}/{id}/versions`);
    /// `None` when nothing may be attached to the record now.
    attach: Option<String>,
    kinds: Vec<Choice>,
    /// The file input's `accept`: the kept types.
    accept: String,
    max_size: String,
    /// The kinds the record must carry (an application: its call's), and those it lacks.
    required: Vec<&'static str>,
    missing: Vec<&'static str>,
    typed_kind: String,
    typed_title: String,
    open_version: Option<String>,
}

impl Section {
    /// The same list without its forms (a page that only shows the documents).
    pub fn read_only(&self) -> Section {
        Section {
            lines: self
                .lines
                .iter()
                .map(|line| Line {
                    may_supersede: false,
                    ..line.clone()
                })
                .collect(),
            attach: None,
            kinds: Vec::new(),
            accept: self.accept.clone(),
            max_size: self.max_size.clone(),
            required: self.required.clone(),
            missing: self.missing.clone(),
            typed_kind: String::new(),
            typed_title: String::new(),
            open_version: None,
        }
    }

    /// The kinds the record must carry and lacks.
    pub fn missing_kinds(&self) -> Vec<DocumentKind> {
        use strum::VariantArray;
        self.missing
            .iter()
            .filter_map(|name| {
                DocumentKind::VARIANTS
                    .iter()
                    .copied()
                    .find(|kind| kind.as_str() == *name)
            })
            .collect()
    }
}

/// The kinds offered to `role` for a record of this type: its own kinds and `other`; the
/// agreement as signed for the Fund only to the secretariat, whose alone it is.
fn offered(owner: Owner, role: Option<Role>) -> Vec<DocumentKind> {
    owner
        .owner_type()
        .kinds()
        .into_iter()
        .filter(|kind| *kind != DocumentKind::SignedAgreement || role == Some(Role::Secretariat))
        .collect()
}

/// The record's id as its documents name it.
fn owner_key(owner: Owner) -> Option<String> {
    Some(match owner {
        Owner::Organization(id) => id.to_string(),
        Owner::Application(id) => id.to_string(),
        Owner::Grant(id) => id.to_string(),
        Owner::Report(id) => id.to_string(),
        Owner::Disbursement(id) => id.to_string(),
        Owner::Refund(id) => id.to_string(),
        Owner::Amendment { .. } => return None,
    })
}

/// A kind's name in the visitor's language.
pub fn kind_name(language: PageLanguage, kind: DocumentKind) -> String {
    messages::plain(language, &format!("doc-kind-{}", kind.as_str()))
}

/// A size as people read it: bytes, KB (whole) or MB (one decimal), in the language's
/// digits.
pub fn size(bytes: i64, language: PageLanguage) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    let (key, number) = if bytes < KB {
        ("doc-size-bytes", Decimal::from(bytes))
    } else if bytes < MB {
        ("doc-size-kb", Decimal::from((bytes + KB / 2) / KB))
    } else {
        (
            "doc-size-mb",
            (Decimal::from(bytes) / Decimal::from(MB))
                .round_dp(1)
                .normalize(),
        )
    };
    messages::text(
        language,
        key,
        &[("size", formats::decimal(number, language).into())],
    )
}

/// The file input's `accept`: every kept type by extension and by media type.
pub(crate) fn accept() -> String {
    let mut accepted: Vec<String> = Vec::new();
    for kept in documents::kept_types() {
        accepted.push(format!(".{}", kept.extension));
        if kept.extension == "jpg" {
            accepted.push(".jpeg".to_string());
        }
        accepted.push(kept.media_type.to_string());
    }
    accepted.join(",")
}

/// Whether the actor may attach to the record now (a refusal is "no", not an error).
fn may_attach(conn: &mut DbConnection, actor: &Actor, owner: Owner) -> Result<bool, AppError> {
    match documents::may_attach_to(conn, actor, owner) {
        Ok(()) => Ok(true),
        Err(AppError::Forbidden | AppError::Conflict(_) | AppError::NotFound) => Ok(false),
        Err(other) => Err(other),
    }
}

/// The lines of a record's documents: by kind, each document's versions newest first.
fn lines(views: Vec<DocumentView>, may_attach: bool, language: PageLanguage) -> Vec<Line> {
    let versions: HashMap<DocumentId, i32> = views.iter().map(|d| (d.id, d.version)).collect();
    let mut first_seen: HashMap<DocumentId, usize> = HashMap::new();
    for (at, view) in views.iter().enumerate() {
        first_seen.entry(view.series).or_insert(at);
    }
    let mut views = views;
    views.sort_by_key(|d| {
        (
            d.kind,
            first_seen.get(&d.series).copied().unwrap_or_default(),
            std::cmp::Reverse(d.version),
        )
    });
    views
        .into_iter()
        .map(|d| Line {
            id: d.id.to_string(),
            kind: d.kind.as_str(),
            size: size(d.size_bytes, language),
            uploaded_at: d.uploaded_at.to_rfc3339(),
            version: d.version,
            superseded_by: d
                .superseded_by
                .and_then(|next| versions.get(&next).copied()),
            may_supersede: may_attach && d.current && d.kind != DocumentKind::SignedAgreement,
            current: d.current,
            title: d.title,
            file_name: d.file_name,
        })
        .collect()
}

/// The record's documents section, read in the page's snapshot. `attach` is where its
/// upload form posts; `retry` what a refused upload held.
pub fn section(
    conn: &mut DbConnection,
    actor: &Actor,
    owner: Owner,
    attach: String,
    language: PageLanguage,
    limits: DocumentSettings,
    retry: Option<Retry>,
) -> Result<Section, AppError> {
    let views = documents::list_documents(conn, actor, owner)?;
    let may = may_attach(conn, actor, owner)?;
    let required = match owner {
        Owner::Application(id) => documents::required_by_call(conn, id)?,
        _ => Vec::new(),
    };
    let missing = documents::missing(conn, owner, &required)?;
    let retry = retry.unwrap_or_default();
    let kinds = offered(owner, actor.role())
        .into_iter()
        .map(|kind| Choice {
            value: kind.as_str(),
            label: kind_name(language, kind),
        })
        .collect();
    Ok(Section {
        lines: lines(views, may, language),
        attach: may.then_some(attach),
        kinds,
        accept: accept(),
        max_size: size(
            i64::try_from(limits.max_file_bytes).unwrap_or(i64::MAX),
            language,
        ),
        required: required.iter().map(|k| k.as_str()).collect(),
        missing: missing.iter().map(|k| k.as_str()).collect(),
        // A refused form keeps the kind chosen; else the first kind still missing.
        typed_kind: if retry.kind.is_empty() {
            missing
                .first()
                .map(|k| k.as_str().to_string())
                .unwrap_or_default()
        } else {
            retry.kind
        },
        typed_title: retry.title,
        open_version: retry.version_of,
    })
}

/// A record's documents to read only (a trustee's view of an application): `None` when
/// the actor may not read them (the record is not theirs to see now).
pub fn listed(
    conn: &mut DbConnection,
    actor: &Actor,
    owner: Owner,
    language: PageLanguage,
) -> Result<Option<Section>, AppError> {
    let views = match documents::list_documents(conn, actor, owner) {
        Ok(views) => views,
        Err(AppError::NotFound) => return Ok(None),
        Err(other) => return Err(other),
    };
    Ok(Some(Section {
        lines: lines(views, false, language),
        attach: None,
        kinds: Vec::new(),
        accept: String::new(),
        max_size: String::new(),
        required: Vec::new(),
        missing: Vec::new(),
        typed_kind: String::new(),
        typed_title: String::new(),
        open_version: None,
    }))
}

/// The kinds missing from the record, named in the visitor's language, as problems on
/// the `documents` field (a submission refused for want of them).
pub fn missing_problems(language: PageLanguage, missing: &[DocumentKind]) -> FormErrors {
    let mut errors = FormErrors::new();
    for kind in missing {
        errors.add(
            "documents",
            messages::text(
                language,
                "doc-missing-named",
                &[("kind", kind_name(language, *kind).into())],
            ),
        );
    }
    errors
}

/// A refusal of an upload as the problems of its form: on the file (`file_field`), the
/// kind or the title. `None` when it is not about the upload (a 404, a 403…).
pub(crate) fn refusal(
    language: PageLanguage,
    error: &AppError,
    file_field: &str,
) -> Option<FormErrors> {
    let mut errors = FormErrors::new();
    let plain = |key: &str| messages::plain(language, key);
    match error {
        AppError::PayloadTooLarge { limit } => errors.add(
            file_field,
            messages::text(
                language,
                "doc-file-too-large",
                &[(
                    "max",
                    size(i64::try_from(*limit).unwrap_or(i64::MAX), language).into(),
                )],
            ),
        ),
        AppError::Rule { rule, detail, .. } => match rule {
            Rule::FileType if detail == "the file is empty" => {
                errors.add(file_field, plain("doc-file-empty"))
            }
            Rule::FileType => errors.add(file_field, plain("doc-file-type")),
            Rule::DocumentKind => errors.add("kind", plain("doc-kind-choose")),
            Rule::DocumentUnchanged => errors.add(file_field, plain("doc-file-unchanged")),
            Rule::RecordDocumentsFull => errors.add(file_field, plain("doc-record-full")),
            _ => return FormErrors::of_refusal(language, error, file_field, |_| file_field.into()),
        },
        AppError::Conflict(_) => errors.add(file_field, plain("doc-conflict")),
        AppError::BadRequest { .. } => {
            return FormErrors::of_refusal(language, error, file_field, |field| match field {
                "kind" | "title" => field.to_string(),
                _ => file_field.to_string(),
            })
        }
        _ => return None,
    }
    Some(errors)
}

/// Reads an upload's parts, then its form token: a form from another site, or one
/// served before signing in, is refused before anything is kept. A refused file leaves
/// the rest of the upload read and dropped, so the browser reads the answer.
async fn receive(
    member: &Member,
    multipart: &mut Multipart,
    names: &[&str],
    limits: DocumentSettings,
) -> Result<(Upload, Result<(), AppError>), PageError> {
    let mut upload = Upload::default();
    let received = receive_into(multipart, &mut upload, names, limits.max_file_bytes).await;
    if received.is_err() {
        drain(multipart, DRAIN_FOR).await;
    }
    member.check_form_token(upload.fields.get(FORM_TOKEN_FIELD).map(String::as_str))?;
    Ok((upload, received))
}

/// Keeps an uploaded file beside `owner` (the upload form: `kind`, `title`, `file`), or
/// says what was wrong with it. The member's right to attach there is asked before the
/// file is read.
pub async fn attach(
    member: &Member,
    db: &Db,
    limits: DocumentSettings,
    owner: Owner,
    mut multipart: Multipart,
) -> Result<Result<DocumentView, Refused>, PageError> {
    member
        .read(db, move |conn, actor| {
            documents::may_attach_to(conn, actor, owner)
        })
        .await?;
    let (mut upload, received) = receive(
        member,
        &mut multipart,
        &[FORM_TOKEN_FIELD, "kind", "title"],
        limits,
    )
    .await?;
    let language = member.language;
    let retry = Retry {
        kind: upload.text("kind").unwrap_or_default().to_string(),
        title: upload.text("title").unwrap_or_default().to_string(),
        version_of: None,
    };
    let mut errors = FormErrors::new();
    let kind = upload.text("kind").and_then(|text| {
        offered(owner, member.role())
            .into_iter()
            .find(|k| k.as_str() == text)
    });
    if kind.is_none() {
        errors.add("kind", messages::plain(language, "doc-kind-choose"));
    }
    let title = match upload.text("title") {
        None => kind.and_then(|kind| ShortText::parse(&kind_name(language, kind)).ok()),
        Some(typed) => match ShortText::parse(typed) {
            Ok(title) => Some(title),
            Err(e) => {
                errors.add(
                    "title",
                    messages::text(
                        language,
                        "field-refused",
                        &[("reason", e.to_string().into())],
                    ),
                );
                None
            }
        },
    };
    let file = match received {
        Err(error) => {
            let problems = refusal(language, &error, "file").ok_or_else(|| member.failed(error))?;
            errors.extend(problems);
            None
        }
        Ok(()) => {
            let file = upload.file.take();
            if file.is_none() {
                errors.add("file", messages::plain(language, "doc-file-empty"));
            }
            file
        }
    };
    let (Some(kind), Some(title), Some(file), true) = (kind, title, file, errors.is_empty()) else {
        return Ok(Err(Refused { errors, retry }));
    };
    let command = Attach {
        owner,
        kind,
        title,
        file,
        limits,
    };
    let kept = member
        .caller
        .write(db, move |tx| documents::attach(tx, command))
        .await;
    match kept {
        Ok(view) => Ok(Ok(view)),
        Err(error) => match refusal(language, &error, "file") {
            Some(errors) => Ok(Err(Refused { errors, retry })),
            None => Err(member.failed(error)),
        },
    }
}

/// Keeps an uploaded file (the version form: `file`) as the new version of `document`,
/// one of `owner`'s, or says what was wrong with it.
pub async fn supersede(
    member: &Member,
    db: &Db,
    limits: DocumentSettings,
    owner: Owner,
    document: &str,
    mut multipart: Multipart,
) -> Result<Result<DocumentView, Refused>, PageError> {
    let id: DocumentId = document
        .parse()
        .map_err(|_| PageError::not_found(member.language, true))?;
    let key = owner_key(owner).ok_or_else(|| PageError::not_found(member.language, true))?;
    member
        .read(db, move |conn, actor| {
            let shown = documents::show_document(conn, actor, id)?;
            if shown.owner.owner_type != owner.owner_type() || shown.owner.id != key {
                return Err(AppError::NotFound);
            }
            documents::may_supersede(conn, actor, id)
        })
        .await?;
    let (mut upload, received) =
        receive(member, &mut multipart, &[FORM_TOKEN_FIELD], limits).await?;
    let language = member.language;
    let field = format!("version-{id}");
    let retry = Retry {
        version_of: Some(id.to_string()),
        ..Retry::default()
    };
    let file = match received {
        Err(error) => {
            let errors = refusal(language, &error, &field).ok_or_else(|| member.failed(error))?;
            return Ok(Err(Refused { errors, retry }));
        }
        Ok(()) => upload.file.take(),
    };
    let Some(file) = file else {
        let mut errors = FormErrors::new();
        errors.add(&field, messages::plain(language, "doc-file-empty"));
        return Ok(Err(Refused { errors, retry }));
    };
    let command = Supersede {
        document: id,
        title: None,
        file,
        limits,
    };
    let kept = member
        .caller
        .write(db, move |tx| documents::supersede(tx, command))
        .await;
    match kept {
        Ok(view) => Ok(Ok(view)),
        Err(error) => match refusal(language, &error, &field) {
            Some(errors) => Ok(Err(Refused { errors, retry })),
            None => Err(member.failed(error)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_each_language_writes_them() {
        assert_eq!(size(512, PageLanguage::En), "512 bytes");
        assert_eq!(size(2_600, PageLanguage::En), "3 KB");
        assert_eq!(size(20 * 1024 * 1024, PageLanguage::En), "20 MB");
        assert_eq!(size(1_572_864, PageLanguage::Fr), "1,5 Mo");
        assert_eq!(size(1_572_864, PageLanguage::Es), "1,5 MB");
    }

    #[test]
    fn refusals_of_a_file_land_on_its_field_in_words() {
        let language = PageLanguage::En;
        let too_large = refusal(language, &AppError::PayloadTooLarge { limit: 2048 }, "file")
            .expect("a form error");
        let json = serde_json::to_value(&too_large).unwrap();
        assert_eq!(json["problems"][0]["field"], "file");
        assert!(json["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2 KB"));
        let empty = AppError::rule_on_field(Rule::FileType, "file", "the file is empty");
        let json = serde_json::to_value(refusal(language, &empty, "version-x").unwrap()).unwrap();
        assert_eq!(json["problems"][0]["field"], "version-x");
        assert_eq!(
            json["problems"][0]["message"],
            messages::plain(language, "doc-file-empty")
        );
        assert!(refusal(language, &AppError::NotFound, "file").is_none());
    }

    #[test]
    fn a_submission_refused_for_want_of_documents_names_each_kind() {
        let errors = missing_problems(
            PageLanguage::Fr,
            &[DocumentKind::Proposal, DocumentKind::BudgetAnnex],
        );
        let json = serde_json::to_value(&errors).unwrap();
        assert_eq!(json["problems"][0]["field"], "documents");
        assert_eq!(
            json["problems"][0]["message"],
            "Joignez le document « Proposition » avant de soumettre."
        );
        assert_eq!(
            json["problems"][1]["message"],
            "Joignez le document « Annexe budgétaire » avant de soumettre."
        );
    }

    #[test]
    fn every_kind_has_a_name_in_every_language() {
        use strum::VariantArray;
        for kind in DocumentKind::VARIANTS {
            assert!(
                messages::has(&format!("doc-kind-{}", kind.as_str())),
                "{kind:?}"
            );
        }
        let grant = Owner::Grant(crate::domain::GrantId::new());
        let offered_to_applicants = offered(grant, Some(Role::Applicant));
        assert!(!offered_to_applicants.contains(&DocumentKind::SignedAgreement));
        assert!(offered_to_applicants.contains(&DocumentKind::CountersignedAgreement));
        assert!(offered(grant, Some(Role::Secretariat)).contains(&DocumentKind::SignedAgreement));
    }
}
