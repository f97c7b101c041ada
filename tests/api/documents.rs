//! Documents through the public API, on both databases: a file kept beside a record comes
//! back byte for byte as a sandboxed attachment whose SHA-256 the record and the audit
//! trail carry; versions supersede each other once; what is not a kept format, too large,
//! of a kind the record does not carry, or someone else's is refused; access follows the
//! record (a trustee reads an application's while the Board reviews it); `trustfund
//! documents verify` names a file whose stored bytes were changed; and ten 20 MB uploads
//! at once keep the real binary's memory flat.

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use sha2::{Digest, Sha256};
use trustfund::auth::Role;
use trustfund::documents::{DocumentKind, DocumentView};
use trustfund::domain::{DocumentId, OrganizationId};

use crate::helpers::{Backend, TestApp, TestUser, TEST_AUDIT_KEY, TEST_SECRET};
use crate::on_both_backends;
use crate::support::bodies;
use crate::support::documents::{pdf, pdf_of_size, Record};
use crate::support::grants::{awarded_grant, Awarded};
use crate::support::scenarios::{open_call, verified_organization};
use crate::support::trail::changes;

/// What a document's upload and supersession record: its content's digest, and the one
/// it replaced.
#[derive(Debug, serde::Deserialize)]
struct Digests {
    sha256: String,
    previous_sha256: Option<String>,
}

on_both_backends!(
    documents_come_back_byte_for_byte_and_supersede_once,
    documents_concurrent_supersessions_keep_one,
    documents_hidden_from_other_organisations_and_the_signed_out,
    documents_trustees_read_an_application_while_it_is_under_review,
    documents_beside_grants_payments_refunds_reports_and_amendments,
    documents_verify_names_a_file_whose_bytes_changed,
    documents_ten_large_uploads_at_once_keep_the_binary_under_150_mb,
);

/// The refusals, on an app whose largest file is [`SMALL_LIMIT`] bytes.
mod documents_refused {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = super::small_limit_app(super::Backend::Sqlite)
            .await
            .unwrap();
        super::refusals(app).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        match super::small_limit_app(super::Backend::Postgres).await {
            Some(app) => super::refusals(app).await,
            None => crate::helpers::postgres_skipped(),
        }
    }
}

const SMALL_LIMIT: u64 = 64 * 1024;

async fn small_limit_app(backend: Backend) -> Option<TestApp> {
    TestApp::try_spawn_tuned(backend, |settings| {
        settings.documents.max_file_bytes = SMALL_LIMIT;
    })
    .await
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn header(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header in {headers:?}"))
        .to_string()
}

/// A small PNG (its signature and header chunk): a kept format that is not a PDF.
fn png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    out.extend_from_slice(&[0x1f, 0x15, 0xc4, 0x89]);
    out.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    out
}

/// Reads a document's bytes as `who` and checks them against what was sent: the same
/// bytes, the SHA-256 the record carries, the headers that keep them from running.
async fn downloads_as_sent(
    app: &TestApp,
    who: &TestUser,
    document: &DocumentView,
    sent: &[u8],
    media_type: &str,
) {
    let (status, headers, body) = app.as_(who).document_content(document.id).await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_eq!(body, sent, "the bytes come back as sent");
    assert_eq!(document.sha256, sha256(sent));
    assert_eq!(document.size_bytes, sent.len() as i64);
    assert_eq!(header(&headers, "content-type"), media_type);
    assert_eq!(document.media_type, media_type);
    let disposition = header(&headers, "content-disposition");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(
        disposition.contains(&document.file_name),
        "{disposition} names {}",
        document.file_name
    );
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
    let policy = header(&headers, "content-security-policy");
    assert!(policy.contains("sandbox"), "{policy}");
    assert_eq!(
        header(&headers, "etag"),
        format!("\"{}\"", sha256(sent)),
        "the ETag is the SHA-256"
    );
}

async fn documents_come_back_byte_for_byte_and_supersede_once(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let record = Record::Organization(org);
    let as_applicant = app.as_(&applicant);

    // A path and a claimed extension in the name are dropped; the type is the bytes'.
    let first = pdf("certificate of registration");
    let v1 = as_applicant
        .attach(
            record,
            DocumentKind::RegistrationCertificate,
            "Certificate of registration",
            "../../x.exe",
            first.clone(),
        )
        .await
        .created();
    assert_eq!(v1.file_name, "x.pdf");
    assert_eq!(v1.version, 1);
    assert_eq!(v1.series, v1.id);
    assert!(v1.current);
    assert_eq!(v1.kind, DocumentKind::RegistrationCertificate);
    assert_eq!(v1.owner.id, org.to_string());
    assert_eq!(v1.uploaded_by.map(|u| u.as_uuid()), Some(applicant.id));
    downloads_as_sent(&app, &applicant, &v1, &first, "application/pdf").await;
    let secretariat = app.user(Role::Secretariat).await;
    downloads_as_sent(&app, &secretariat, &v1, &first, "application/pdf").await;

    // A PNG named as a PDF is kept as what it is.
    let picture = png();
    let logo = as_applicant
        .attach(
            record,
            DocumentKind::Other,
            "Logo",
            "logo.pdf",
            picture.clone(),
        )
        .await
        .created();
    assert_eq!(logo.file_name, "logo.png");
    downloads_as_sent(&app, &applicant, &logo, &picture, "image/png").await;

    let listed = as_applicant.documents(record).await.ok().items;
    let ids: Vec<DocumentId> = listed.iter().map(|d| d.id).collect();
    assert_eq!(ids, vec![v1.id, logo.id]);
    assert_eq!(
        as_applicant.document(v1.id).await.ok().sha256,
        sha256(&first)
    );

    // A new version supersedes the current one; the old one stays readable.
    let second = pdf("certificate, renewed");
    let v2 = as_applicant
        .supersede(
            v1.id,
            Some("Certificate, renewed"),
            "renewed.pdf",
            second.clone(),
        )
        .await
        .created();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.series, v1.id);
    assert_eq!(v2.supersedes, Some(v1.id));
    assert!(v2.current);
    assert_eq!(v2.kind, DocumentKind::RegistrationCertificate);
    downloads_as_sent(&app, &applicant, &v2, &second, "application/pdf").await;
    let old = as_applicant.document(v1.id).await.ok();
    assert!(!old.current);
    assert_eq!(old.superseded_by, Some(v2.id));
    downloads_as_sent(&app, &applicant, &old, &first, "application/pdf").await;
    let listed = as_applicant.documents(record).await.ok().items;
    let current: Vec<(DocumentId, bool)> = listed.iter().map(|d| (d.id, d.current)).collect();
    assert_eq!(
        current,
        vec![(v1.id, false), (logo.id, true), (v2.id, true)]
    );

    // Version 1 is superseded already; the same bytes again change nothing.
    as_applicant
        .supersede(v1.id, None, "again.pdf", pdf("another"))
        .await
        .refused(409, "conflict");
    let unchanged = as_applicant
        .supersede(v2.id, None, "same.pdf", second.clone())
        .await
        .refused(422, "document-unchanged");
    assert_eq!(unchanged.fields(), vec!["file"]);
    // A title given empty is refused (leaving it out keeps the superseded one's).
    let untitled = as_applicant
        .supersede(v2.id, Some(""), "untitled.pdf", pdf("untitled"))
        .await
        .refused(400, "validation");
    assert_eq!(untitled.fields(), vec!["title"]);

    // The audit trail carries each file's SHA-256, and the chain holds.
    let auditor = app.user(Role::Auditor).await;
    let events = |id: DocumentId| {
        let auditor = auditor.clone();
        let app = &app;
        async move {
            app.as_(&auditor)
                .audit()
                .list(&[("entity_type", "document"), ("entity_id", &id.to_string())])
                .await
                .ok()
                .items
        }
    };
    let uploaded = events(v1.id).await;
    assert_eq!(uploaded.len(), 1, "{uploaded:?}");
    assert_eq!(uploaded[0].action, "document.uploaded");
    let recorded: Digests = changes(&uploaded[0]);
    assert_eq!(recorded.sha256, sha256(&first));
    assert_eq!(uploaded[0].actor_id, Some(applicant.id.to_string()));
    let superseded = events(v2.id).await;
    assert_eq!(superseded.len(), 1, "{superseded:?}");
    assert_eq!(superseded[0].action, "document.superseded");
    let recorded: Digests = changes(&superseded[0]);
    assert_eq!(recorded.sha256, sha256(&second));
    assert_eq!(recorded.previous_sha256, Some(sha256(&first)));
    let chain = app.as_(&auditor).audit().verify().await.ok();
    assert!(chain.valid, "{chain:?}");
}

async fn documents_concurrent_supersessions_keep_one(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let record = Record::Organization(org);
    let here = app.as_(&applicant);
    let v1 = here.attach_pdf(record, DocumentKind::PseaPolicy).await;

    // Two people replace version 1 at the same moment: one new version, one 409.
    let (a, b) = tokio::join!(
        here.supersede(v1.id, None, "a.pdf", pdf("policy a")),
        here.supersede(v1.id, None, "b.pdf", pdf("policy b")),
    );
    let mut statuses = vec![a.status(), b.status()];
    statuses.sort_unstable();
    assert_eq!(statuses, vec![201, 409], "{:?} / {:?}", a.answer, b.answer);

    // The same across two instances of the service on one database.
    let current = here
        .documents(record)
        .await
        .ok()
        .items
        .into_iter()
        .find(|d| d.current)
        .expect("a current version");
    assert_eq!(current.version, 2);
    let other = app.another_instance().await;
    let there = here.at(&other);
    let (a, b) = tokio::join!(
        here.supersede(current.id, None, "c.pdf", pdf("policy c")),
        there.supersede(current.id, None, "d.pdf", pdf("policy d")),
    );
    let mut statuses = vec![a.status(), b.status()];
    statuses.sort_unstable();
    assert_eq!(statuses, vec![201, 409], "{:?} / {:?}", a.answer, b.answer);
    let versions: Vec<(i32, bool)> = there
        .documents(record)
        .await
        .ok()
        .items
        .iter()
        .map(|d| (d.version, d.current))
        .collect();
    assert_eq!(versions, vec![(1, false), (2, false), (3, true)]);
}

async fn refusals(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let record = Record::Organization(org);
    let here = app.as_(&applicant);
    let kind = DocumentKind::AuditedFinancialStatements;

    let over = pdf_of_size(SMALL_LIMIT as usize + 1);
    here.attach(record, kind, "Too large", "big.pdf", over)
        .await
        .refused(413, "payload-too-large");
    let at_limit = pdf_of_size(SMALL_LIMIT as usize);
    let kept = here
        .attach(record, kind, "Just fits", "fits.pdf", at_limit.clone())
        .await
        .created();
    assert_eq!(kept.size_bytes, SMALL_LIMIT as i64);
    here.supersede(
        kept.id,
        None,
        "big.pdf",
        pdf_of_size(SMALL_LIMIT as usize + 1),
    )
    .await
    .refused(413, "payload-too-large");

    let refused_type = |bytes: &'static [u8], name: &'static str| {
        let here = here.clone();
        async move {
            let problem = here
                .attach(record, kind, "Statements", name, bytes.to_vec())
                .await
                .refused(422, "file-type");
            assert_eq!(problem.fields(), vec!["file"], "{name}");
        }
    };
    refused_type(
        b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
        "statements.pdf",
    )
    .await;
    refused_type(
        b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0\xb8\0\0\0",
        "setup.pdf",
    )
    .await;
    refused_type(
        b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
        "logo.svg",
    )
    .await;
    refused_type(b"", "empty.pdf").await;
    here.supersede(
        kept.id,
        None,
        "page.pdf",
        b"<html><body>x</body></html>".to_vec(),
    )
    .await
    .refused(422, "file-type");

    // A kind another record carries.
    let problem = here
        .attach(
            record,
            DocumentKind::Proposal,
            "Proposal",
            "p.pdf",
            pdf("p"),
        )
        .await
        .refused(422, "document-kind");
    assert_eq!(problem.fields(), vec!["kind"]);

    // No file, no kind, no title: 400 naming the field.
    let no_file = here
        .post_multipart::<DocumentView>(
            record.documents_path(),
            &[("kind", kind.as_str()), ("title", "Statements")],
            None,
        )
        .await
        .refused(400, "validation");
    assert_eq!(no_file.fields(), vec!["file"]);
    let no_kind = here
        .post_multipart::<DocumentView>(
            record.documents_path(),
            &[("title", "Statements")],
            Some(("s.pdf", pdf("s"))),
        )
        .await
        .refused(400, "validation");
    assert_eq!(no_kind.fields(), vec!["kind"]);
    let unknown_kind = here
        .attach_raw_kind(record, "passport", pdf("s"))
        .await
        .refused(400, "validation");
    assert_eq!(unknown_kind.fields(), vec!["kind"]);

    // Signed out: 401, for every operation.
    let anonymous = app.anonymous();
    anonymous
        .attach(record, kind, "Statements", "s.pdf", pdf("s"))
        .await
        .refused(401, "unauthorized");
    anonymous
        .documents(record)
        .await
        .refused(401, "unauthorized");
    anonymous
        .document(kept.id)
        .await
        .refused(401, "unauthorized");
    let (status, _, _) = anonymous.document_content(kept.id).await;
    assert_eq!(status, 401);
    anonymous
        .supersede(kept.id, None, "s.pdf", pdf("s"))
        .await
        .refused(401, "unauthorized");

    // Nothing refused was kept.
    let listed = here.documents(record).await.ok().items;
    assert_eq!(listed.len(), 1, "{listed:?}");
    let (_, _, body) = here.document_content(kept.id).await;
    assert_eq!(body, at_limit);
}

impl crate::support::Client<'_> {
    /// An upload whose `kind` is whatever text the caller sends.
    async fn attach_raw_kind(
        &self,
        record: Record,
        kind: &str,
        bytes: Vec<u8>,
    ) -> crate::support::Reply<DocumentView> {
        self.post_multipart(
            record.documents_path(),
            &[("kind", kind), ("title", "Raw")],
            Some(("raw.pdf", bytes)),
        )
        .await
    }
}

async fn documents_hidden_from_other_organisations_and_the_signed_out(app: TestApp) {
    let (mine, my_org) = verified_organization(&app, "KE").await;
    let (theirs, their_org) = verified_organization(&app, "UG").await;
    let their_record = Record::Organization(their_org);
    let kept = app
        .as_(&theirs)
        .attach_pdf(their_record, DocumentKind::PseaPolicy)
        .await;

    // Another organisation's record and documents do not exist for this applicant.
    let me = app.as_(&mine);
    me.attach(their_record, DocumentKind::Other, "Mine", "m.pdf", pdf("m"))
        .await
        .refused(404, "not-found");
    me.documents(their_record).await.refused(404, "not-found");
    me.document(kept.id).await.refused(404, "not-found");
    let (status, _, body) = me.document_content(kept.id).await;
    assert_eq!(status, 404);
    assert!(!body.windows(4).any(|w| w == b"%PDF"), "no bytes leak");
    me.supersede(kept.id, None, "m.pdf", pdf("m"))
        .await
        .refused(404, "not-found");
    // Nor does a record that does not exist.
    me.documents(Record::Organization(OrganizationId::new()))
        .await
        .refused(404, "not-found");
    me.document(DocumentId::new())
        .await
        .refused(404, "not-found");

    // Their documents are unchanged, and mine are mine.
    let theirs_listed = app.as_(&theirs).documents(their_record).await.ok().items;
    assert_eq!(theirs_listed.len(), 1);
    assert!(theirs_listed[0].current);
    let own = me
        .attach_pdf(Record::Organization(my_org), DocumentKind::PseaPolicy)
        .await;
    app.as_(&theirs)
        .document(own.id)
        .await
        .refused(404, "not-found");

    // Roles that keep nothing of an organisation's are refused (403), and a trustee does
    // not see an organisation's papers at all (404).
    let finance = app.user(Role::Finance).await;
    app.as_(&finance)
        .attach(their_record, DocumentKind::Other, "F", "f.pdf", pdf("f"))
        .await
        .refused(403, "forbidden");
    assert_eq!(
        app.as_(&finance)
            .documents(their_record)
            .await
            .ok()
            .items
            .len(),
        1
    );
    let trustee = app.user(Role::Trustee).await;
    app.as_(&trustee)
        .documents(their_record)
        .await
        .refused(404, "not-found");
    app.as_(&trustee)
        .document(kept.id)
        .await
        .refused(404, "not-found");
}

async fn documents_trustees_read_an_application_while_it_is_under_review(app: TestApp) {
    let (applicant, _) = verified_organization(&app, "KE").await;
    let call = open_call(&app).await;
    let here = app.as_(&applicant);
    let draft = here
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    let record = Record::Application(draft.id);
    let proposal = here.attach_pdf(record, DocumentKind::Proposal).await;
    here.attach(
        record,
        DocumentKind::PaymentAdvice,
        "Advice",
        "a.pdf",
        pdf("a"),
    )
    .await
    .refused(422, "document-kind");
    let trustee = app.user(Role::Trustee).await;
    let as_trustee = app.as_(&trustee);
    let proposal_id = proposal.id;
    let hidden = |stage: &'static str| {
        let as_trustee = as_trustee.clone();
        async move {
            assert_eq!(as_trustee.documents(record).await.status(), 404, "{stage}");
            assert_eq!(
                as_trustee.document(proposal_id).await.status(),
                404,
                "{stage}"
            );
            let (status, _, _) = as_trustee.document_content(proposal_id).await;
            assert_eq!(status, 404, "{stage}");
        }
    };
    hidden("a draft").await;

    // Submitted: the applicant's documents are fixed (the secretariat may still add one).
    here.application(draft.id).submit().await.ok();
    here.attach(
        record,
        DocumentKind::BudgetAnnex,
        "Annex",
        "annex.pdf",
        pdf("annex"),
    )
    .await
    .refused(409, "conflict");
    here.supersede(proposal.id, None, "p2.pdf", pdf("proposal 2"))
        .await
        .refused(409, "conflict");
    hidden("submitted").await;
    let secretariat = app.user(Role::Secretariat).await;
    let reference = app
        .as_(&secretariat)
        .attach_pdf(record, DocumentKind::ReferenceLetter)
        .await;

    // Under review: trustees read them, and keep none.
    app.as_(&secretariat)
        .application(draft.id)
        .screen(&bodies::screen_eligible())
        .await
        .ok();
    let listed = as_trustee.documents(record).await.ok().items;
    let ids: Vec<DocumentId> = listed.iter().map(|d| d.id).collect();
    assert_eq!(ids, vec![proposal.id, reference.id]);
    let (status, _, body) = as_trustee.document_content(proposal.id).await;
    assert_eq!(status, 200);
    assert_eq!(sha256(&body), proposal.sha256);
    as_trustee
        .attach(record, DocumentKind::Other, "Note", "n.pdf", pdf("note"))
        .await
        .refused(403, "forbidden");
    as_trustee
        .supersede(proposal.id, None, "p3.pdf", pdf("p3"))
        .await
        .refused(403, "forbidden");
}

/// A grant whose agreement the secretariat signed (with the signed agreement kept beside
/// it first, whether or not signing asks for it), its first tranche paid.
async fn paid_grant(app: &TestApp) -> (Awarded, DocumentView) {
    let g = awarded_grant(app, "100000.00").await;
    let secretariat = app.as_(&g.secretariat);
    let agreement = secretariat
        .attach_pdf(Record::Grant(g.grant), DocumentKind::SignedAgreement)
        .await;
    secretariat
        .grant(g.grant)
        .sign(&bodies::agreement())
        .await
        .created();
    app.as_(&g.finance)
        .grant(g.grant)
        .pay(&bodies::disbursement(1, "15000.00"))
        .await
        .created();
    (g, agreement)
}

async fn documents_beside_grants_payments_refunds_reports_and_amendments(app: TestApp) {
    let (g, agreement) = paid_grant(&app).await;
    let grantee = app.as_(&g.applicant);
    let finance = app.as_(&g.finance);
    let secretariat = app.as_(&g.secretariat);
    let (stranger, _) = verified_organization(&app, "UG").await;
    let stranger = app.as_(&stranger);

    // The grant: the agreement as signed for the Fund is the secretariat's; the grantee
    // keeps the countersigned one.
    let grant = Record::Grant(g.grant);
    grantee
        .attach(
            grant,
            DocumentKind::SignedAgreement,
            "Mine",
            "s.pdf",
            pdf("s"),
        )
        .await
        .refused(403, "forbidden");
    let countersigned = grantee
        .attach_pdf(grant, DocumentKind::CountersignedAgreement)
        .await;
    let ids: Vec<DocumentId> = grantee
        .documents(grant)
        .await
        .ok()
        .items
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, vec![agreement.id, countersigned.id]);
    stranger.documents(grant).await.refused(404, "not-found");

    // The payment: finance attaches the bank's advice; the grantee reads it.
    let disbursement = finance
        .grant(g.grant)
        .disbursements()
        .await
        .ok()
        .items
        .remove(0);
    let payment = Record::Disbursement(disbursement.id);
    let advice_bytes = pdf("payment advice");
    let advice = finance
        .attach(
            payment,
            DocumentKind::PaymentAdvice,
            "Payment advice",
            "advice.pdf",
            advice_bytes.clone(),
        )
        .await
        .created();
    assert_eq!(advice.owner.id, disbursement.id.to_string());
    downloads_as_sent(
        &app,
        &g.applicant,
        &advice,
        &advice_bytes,
        "application/pdf",
    )
    .await;
    grantee
        .attach(
            payment,
            DocumentKind::PaymentAdvice,
            "Advice",
            "a.pdf",
            pdf("a"),
        )
        .await
        .refused(403, "forbidden");
    secretariat
        .attach(
            payment,
            DocumentKind::PaymentAdvice,
            "Advice",
            "a.pdf",
            pdf("a"),
        )
        .await
        .refused(403, "forbidden");
    finance
        .attach(
            payment,
            DocumentKind::RefundAdvice,
            "Advice",
            "a.pdf",
            pdf("a"),
        )
        .await
        .refused(422, "document-kind");
    stranger.document(advice.id).await.refused(404, "not-found");

    // A refund: its proof of money returned.
    let refund = finance
        .grant(g.grant)
        .refund(&bodies::refund("100.00"))
        .await
        .created();
    let refund_advice = finance
        .attach_pdf(Record::Refund(refund.id), DocumentKind::RefundAdvice)
        .await;
    assert_eq!(
        grantee.document(refund_advice.id).await.ok().sha256,
        refund_advice.sha256
    );

    // A report: the grantee's financial statement.
    let filed = grantee
        .grant(g.grant)
        .file_report(&bodies::progress_report(
            1,
            vec![bodies::spent_on("Shelter rent", bodies::usd("1000.00"))],
        ))
        .await
        .created();
    let statement = grantee
        .attach_pdf(Record::Report(filed.id), DocumentKind::FinancialStatement)
        .await;
    assert_eq!(
        secretariat
            .documents(Record::Report(filed.id))
            .await
            .ok()
            .items[0]
            .id,
        statement.id
    );
    stranger
        .documents(Record::Report(filed.id))
        .await
        .refused(404, "not-found");

    // An amendment, by its number.
    let amended = secretariat
        .grant(g.grant)
        .amend(&trustfund::api::grants::AmendmentRequest {
            period_end: Some(bodies::days_from_today(400)),
            ..bodies::amendment(trustfund::grants::AmendmentKind::Extension, "more time")
        })
        .await
        .created();
    let amendment = Record::Amendment(g.grant, amended.version);
    let signed = secretariat
        .attach_pdf(amendment, DocumentKind::SignedAmendment)
        .await;
    assert_eq!(
        grantee.documents(amendment).await.ok().items[0].id,
        signed.id
    );
    secretariat
        .documents(Record::Amendment(g.grant, amended.version + 1))
        .await
        .refused(404, "not-found");
}

fn backend(app: &TestApp) -> &'static str {
    if app.database_url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    }
}

/// The built binary's `documents verify` on the test database: its exit code and output.
fn documents_verify(database_url: &str) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_trustfund"))
        .args(["documents", "verify", "--database-url", database_url])
        .env("TRUSTFUND__LOG__LEVEL", "error")
        .output()
        .unwrap();
    (
        output.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

async fn documents_verify_names_a_file_whose_bytes_changed(app: TestApp) {
    let (applicant, org) = verified_organization(&app, "KE").await;
    let record = Record::Organization(org);
    let here = app.as_(&applicant);
    // One small file and one of several chunks (256 KiB each).
    let small = here.attach_pdf(record, DocumentKind::PseaPolicy).await;
    let large = here
        .attach(
            record,
            DocumentKind::Other,
            "Annual report",
            "annual.pdf",
            pdf_of_size(600 * 1024),
        )
        .await
        .created();
    let (code, out) = documents_verify(&app.database_url);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("documents intact"), "{out}");

    // One byte of the large file's second chunk changes behind the service's back.
    let id = large.id.to_string();
    app.with_db(move |conn| {
        use diesel::prelude::*;
        use trustfund::db::schema::document_chunks as chunks;
        let chunk = chunks::table
            .filter(chunks::document_id.eq(&id))
            .filter(chunks::seq.eq(1));
        let mut bytes: Vec<u8> = chunk.select(chunks::bytes).get_result(conn).unwrap();
        bytes[10] ^= 0x01;
        diesel::update(chunk)
            .set(chunks::bytes.eq(bytes))
            .execute(conn)
            .unwrap();
    })
    .await;
    let (code, out) = documents_verify(&app.database_url);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&large.id.to_string()),
        "names the document: {out}"
    );
    assert!(
        !out.contains(&small.id.to_string()),
        "only the damaged one: {out}"
    );
    assert!(out.contains("SHA-256"), "{out}");
}

/// The real binary on the test's database (same signing secret, so the test's tokens
/// work), its address once it listens.
struct Served {
    child: std::process::Child,
    address: String,
    _dir: tempfile::TempDir,
}

impl Served {
    fn start(database_url: &str) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_trustfund"))
            .args([
                "serve",
                "--bind",
                "127.0.0.1:0",
                "--database-url",
                database_url,
            ])
            .env("TRUSTFUND__AUTH__JWT_SECRET", TEST_SECRET)
            .env("TRUSTFUND__AUDIT__SIGNING_KEY", TEST_AUDIT_KEY)
            .env("TRUSTFUND__AUDIT__CHECKPOINT_INTERVAL_SECS", "0")
            .env(
                "TRUSTFUND__AUDIT__CHECKPOINT_FILE",
                dir.path().join("checkpoints"),
            )
            .env("TRUSTFUND__MAIL__WORKER", "false")
            .env("TRUSTFUND__MAIL__TRANSPORT", "log")
            .env("TRUSTFUND__LOG__LEVEL", "error")
            // A debug build on two shared cores copies a 20 MB file into the database in
            // seconds, and ten wait for each other: the request deadline (5 s) would answer
            // most of them 503. Memory is what this measures, so the writes get the time
            // they take.
            .env("TRUSTFUND__DATABASE__REQUEST_DEADLINE_SECS", "300")
            .env_remove("DATABASE_URL")
            // As in production: with RUST_BACKTRACE set (as `cargo test` often runs), the
            // first error resolves a backtrace, mapping and parsing the debug binary's
            // symbols (about 180 MB), which is not the service's own memory.
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .current_dir(dir.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let (found, address) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        // Read the address, then drain what else it prints so it never blocks on a pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(rest) = line.strip_prefix("trustfund is listening on ") {
                    let _ = found.send(rest.split_whitespace().next().unwrap_or("").to_string());
                }
            }
        });
        let address = address
            .recv_timeout(Duration::from_secs(60))
            .expect("the binary listens");
        Served {
            child,
            address,
            _dir: dir,
        }
    }

    /// Peak resident memory so far (VmHWM), in bytes.
    fn peak_rss(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .expect("VmHWM");
        let kb: u64 = line
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("a size in kB");
        kb * 1024
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Ten uploads of a 20 MB file at once to the real binary: each is received a piece at a
/// time into a temporary file and copied to the database a chunk at a time, so the
/// server's peak resident memory stays under 150 MB; a download gives the bytes back.
async fn documents_ten_large_uploads_at_once_keep_the_binary_under_150_mb(app: TestApp) {
    const UPLOADS: usize = 10;
    const SIZE: usize = 20_000_000;
    const LIMIT: u64 = 150 * 1024 * 1024;
    let (applicant, org) = verified_organization(&app, "KE").await;
    let served = Served::start(&app.database_url);
    let at_start = served.peak_rss();
    let client = app.as_(&applicant).at(&served.address);
    let files: Vec<Vec<u8>> = (0..UPLOADS).map(|_| pdf_of_size(SIZE)).collect();
    let hashes: Vec<String> = files.iter().map(|f| sha256(f)).collect();
    let started = Instant::now();
    let uploads = files.into_iter().enumerate().map(|(i, bytes)| {
        let client = client.clone();
        async move {
            client
                .attach(
                    Record::Organization(org),
                    DocumentKind::AuditedFinancialStatements,
                    &format!("Statements {i}"),
                    &format!("statements-{i}.pdf"),
                    bytes,
                )
                .await
        }
    });
    let replies = futures_util::future::join_all(uploads).await;
    let took = started.elapsed();
    let peak = served.peak_rss();
    let mb = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    let statuses: Vec<u16> = replies.iter().map(|r| r.status()).collect();
    eprintln!(
        "documents ({}): {UPLOADS} uploads of {SIZE} bytes at once in {:.1} s, answered \
         {statuses:?}; the binary's peak resident memory {:.1} MB at start, {:.1} MB after \
         (limit {:.0} MB)",
        backend(&app),
        took.as_secs_f64(),
        mb(at_start),
        mb(peak),
        mb(LIMIT)
    );
    assert!(
        peak < LIMIT,
        "peak resident memory {:.1} MB (limit {:.0} MB)",
        mb(peak),
        mb(LIMIT)
    );
    let kept: Vec<DocumentView> = replies.into_iter().map(|r| r.created()).collect();
    let mut kept_hashes: Vec<&str> = kept.iter().map(|d| d.sha256.as_str()).collect();
    let mut sent_hashes: Vec<&str> = hashes.iter().map(String::as_str).collect();
    kept_hashes.sort_unstable();
    sent_hashes.sort_unstable();
    assert_eq!(kept_hashes, sent_hashes);
    let (status, _, body) = client.document_content(kept[3].id).await;
    assert_eq!(status, 200);
    assert_eq!(body.len(), SIZE);
    assert_eq!(sha256(&body), kept[3].sha256);
    assert!(
        served.peak_rss() < LIMIT,
        "after a download: {:.1} MB",
        mb(served.peak_rss())
    );
}
