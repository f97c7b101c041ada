//! The documents a record needs before it moves on: a call names the kinds its
//! applications must carry, and submission without a current version of each is refused
//! naming every one missing; an agreement is recorded only with its signed file; a final
//! report is accepted only with its financial statement (returning one needs nothing).

use strum::VariantArray;
use trustfund::api::calls::{CallChangeRequest, CallRequest};
use trustfund::api::grant_reports::{ReportRequest, ReviewRequest};
use trustfund::applications::ApplicationState;
use trustfund::auth::Role;
use trustfund::calls::Exploitation;
use trustfund::documents::DocumentKind::{self, *};
use trustfund::domain::{ApplicationId, CallId};
use trustfund::grant_reports::{ReportKind, ReportState};
use trustfund::grants::GrantState;
use trustfund::organizations::OrgType;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, short, text, usd};
use crate::support::client::Problem;
use crate::support::documents::{pdf, Record};
use crate::support::grants::{awarded_grant, signed_grant};
use crate::support::scenarios::verified_organization;

on_both_backends!(
    a_call_names_the_documents_its_applications_carry,
    submission_names_every_document_missing,
    an_amended_call_asks_the_drafts_for_a_new_document,
    an_agreement_is_signed_with_its_signed_file,
    a_final_report_is_accepted_with_its_financial_statement,
);

/// A call open now on `scenarios::open_call`'s terms, requiring `kinds`.
fn call_requiring(kinds: &[DocumentKind]) -> CallRequest {
    CallRequest {
        title: short("Call for proposals"),
        description: text("Direct assistance to victims."),
        envelope: usd("1000000.00"),
        eligible_org_types: vec![OrgType::Ngo],
        priority_exploitation: vec![Exploitation::SexualExploitation],
        required_documents: kinds.to_vec(),
        ..bodies::call(-1, 30)
    }
}

async fn publish(app: &TestApp, secretariat: &TestUser, kinds: &[DocumentKind]) -> CallId {
    app.as_(secretariat)
        .calls()
        .publish(&call_requiring(kinds))
        .await
        .created()
        .call
        .id
}

/// A verified Kenyan NGO's draft under `call`: its applicant and the draft.
async fn draft(app: &TestApp, call: CallId) -> (TestUser, ApplicationId) {
    let (applicant, _) = verified_organization(app, "KE").await;
    let draft = app
        .as_(&applicant)
        .applications()
        .create(&bodies::application(call))
        .await
        .created();
    (applicant, draft.id)
}

/// The kinds a `documents-missing` refusal names, one error per kind on `documents`.
fn named(problem: &Problem) -> Vec<&str> {
    assert!(
        problem.fields().iter().all(|f| *f == "documents"),
        "{problem:?}"
    );
    problem
        .errors
        .iter()
        .map(|e| {
            DocumentKind::VARIANTS
                .iter()
                .map(|k| k.as_str())
                .find(|k| e.message.contains(&format!(" {k} ")))
                .unwrap_or_else(|| panic!("a kind in {e:?}"))
        })
        .collect()
}

async fn a_call_names_the_documents_its_applications_carry(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let calls = app.as_(&secretariat).calls();
    let published = calls
        .clone()
        .publish(&call_requiring(&[Proposal, BudgetAnnex]))
        .await
        .created();
    assert_eq!(published.call.required_documents, [Proposal, BudgetAnnex]);
    let applicant = verified_organization(&app, "KE").await.0;
    let read = app
        .as_(&applicant)
        .calls()
        .get(published.call.id)
        .await
        .ok();
    assert_eq!(read.call.required_documents, [Proposal, BudgetAnnex]);
    // None by default.
    let plain = calls.clone().publish(&bodies::call(-1, 30)).await.created();
    assert!(plain.call.required_documents.is_empty());

    // A kind an application cannot carry: no application could ever be submitted.
    let refused = calls
        .clone()
        .publish(&call_requiring(&[Proposal, SignedAgreement]))
        .await
        .refused(422, "document-kind");
    assert_eq!(refused.fields(), ["required_documents"]);
    refused.says("signed_agreement");
    // Named twice: malformed, as any list of a call's terms.
    let refused = calls
        .clone()
        .publish(&call_requiring(&[Proposal, Proposal]))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), ["required_documents[1]"]);
    // An amendment is held to the same kinds.
    let refused = calls
        .clone()
        .amend(
            published.call.id,
            &CallChangeRequest {
                required_documents: Some(vec![FinancialStatement]),
                ..Default::default()
            },
        )
        .await
        .refused(422, "document-kind");
    assert_eq!(refused.fields(), ["required_documents"]);
    let unchanged = calls.get(published.call.id).await.ok();
    assert_eq!(unchanged.call.required_documents, [Proposal, BudgetAnnex]);
    assert_eq!(unchanged.call.version, 0);
}

async fn submission_names_every_document_missing(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let call = publish(&app, &secretariat, &[Proposal, BudgetAnnex]).await;
    let (applicant, id) = draft(&app, call).await;
    let as_applicant = app.as_(&applicant);

    let refused = as_applicant
        .application(id)
        .submit()
        .await
        .refused(422, "documents-missing");
    assert_eq!(named(&refused), ["proposal", "budget_annex"]);
    // Another kind does not stand in for one required.
    as_applicant
        .attach_pdf(Record::Application(id), ReferenceLetter)
        .await;
    let first = as_applicant
        .attach_pdf(Record::Application(id), Proposal)
        .await;
    let refused = as_applicant
        .application(id)
        .submit()
        .await
        .refused(422, "documents-missing");
    assert_eq!(named(&refused), ["budget_annex"]);
    // Nothing was written by the refusals: still a draft.
    let still = as_applicant.application(id).get().await.ok();
    assert_eq!(still.state, ApplicationState::Draft);

    // The proposal replaced by a new version: present through its current version.
    let second = as_applicant
        .supersede(
            first.id,
            None,
            "proposal-v2.pdf",
            pdf("proposal, second draft"),
        )
        .await
        .created();
    assert!(second.current);
    assert!(!as_applicant.document(first.id).await.ok().current);
    as_applicant
        .attach_pdf(Record::Application(id), BudgetAnnex)
        .await;
    let submitted = as_applicant.application(id).submit().await.ok();
    assert_eq!(submitted.state, ApplicationState::Submitted);
}

async fn an_amended_call_asks_the_drafts_for_a_new_document(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let call = publish(&app, &secretariat, &[]).await;
    let (applicant, id) = draft(&app, call).await;
    let amended = app
        .as_(&secretariat)
        .calls()
        .amend(
            call,
            &CallChangeRequest {
                required_documents: Some(vec![Proposal]),
                ..Default::default()
            },
        )
        .await
        .ok();
    assert_eq!(amended.call.required_documents, [Proposal]);
    assert_eq!(amended.call.version, 1);

    let as_applicant = app.as_(&applicant);
    let refused = as_applicant
        .application(id)
        .submit()
        .await
        .refused(422, "documents-missing");
    assert_eq!(named(&refused), ["proposal"]);
    refused.says("the call asks applications for these documents");
    as_applicant
        .attach_pdf(Record::Application(id), Proposal)
        .await;
    as_applicant.application(id).submit().await.ok();
}

async fn an_agreement_is_signed_with_its_signed_file(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let as_secretariat = app.as_(&g.secretariat);
    let refused = as_secretariat
        .grant(g.grant)
        .sign(&bodies::agreement())
        .await
        .refused(422, "documents-missing");
    assert_eq!(named(&refused), ["signed_agreement"]);
    let awarded = as_secretariat.grant(g.grant).get().await.ok();
    assert_eq!(awarded.state, GrantState::Awarded);
    assert!(awarded.tranches.is_empty());

    // The grantee's countersigned copy is not the Fund's signed file.
    app.as_(&g.applicant)
        .attach_pdf(Record::Grant(g.grant), CountersignedAgreement)
        .await;
    as_secretariat
        .grant(g.grant)
        .sign(&bodies::agreement())
        .await
        .refused(422, "documents-missing");
    as_secretariat
        .attach_pdf(Record::Grant(g.grant), SignedAgreement)
        .await;
    let signed = as_secretariat
        .grant(g.grant)
        .sign(&bodies::agreement())
        .await
        .created();
    assert_eq!(signed.state, GrantState::AgreementSigned);
}

/// A final report on a grant nothing was paid on: the grant as a whole, nothing spent.
fn final_report() -> ReportRequest {
    ReportRequest {
        kind: ReportKind::Final,
        tranche: None,
        ..bodies::progress_report(1, vec![bodies::spent_on("Shelter rent", usd("0.00"))])
    }
}

async fn a_final_report_is_accepted_with_its_financial_statement(app: TestApp) {
    let g = signed_grant(&app, "200000.00").await;
    let as_secretariat = app.as_(&g.secretariat);
    let filed = app
        .as_(&g.applicant)
        .grant(g.grant)
        .file_report(&final_report())
        .await
        .created();
    // Returning it needs no document.
    let returned = as_secretariat
        .report(filed.id)
        .review(&ReviewRequest {
            accepted: false,
            comments: Some(text("Attach the financial statement, please.")),
        })
        .await
        .ok();
    assert_eq!(returned.state, ReportState::Returned);

    let again = app
        .as_(&g.applicant)
        .grant(g.grant)
        .file_report(&final_report())
        .await
        .created();
    let refused = as_secretariat
        .report(again.id)
        .review(&bodies::accept())
        .await
        .refused(422, "documents-missing");
    assert_eq!(named(&refused), ["financial_statement"]);
    let open = as_secretariat.grant(g.grant).get().await.ok();
    assert_eq!(open.state, GrantState::AgreementSigned);

    // The grantee attaches it; the report is accepted and closes the grant.
    app.as_(&g.applicant)
        .attach_pdf(Record::Report(again.id), FinancialStatement)
        .await;
    let accepted = as_secretariat
        .report(again.id)
        .review(&bodies::accept())
        .await
        .ok();
    assert_eq!(accepted.state, ReportState::Accepted);
    let closed = as_secretariat.grant(g.grant).get().await.ok();
    assert_eq!(closed.state, GrantState::Closed);
}
