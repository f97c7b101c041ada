# The documents' words (en): a record's documents, their upload and their versions.

## A record's documents
doc-heading = Documents
doc-none = No document has been attached yet.
doc-required-intro = The call asks every application to carry these documents:
doc-state-missing = Missing
doc-state-attached = Attached
doc-required-missing = Attach the missing documents before you submit the application.
doc-col-title = Title
doc-col-kind = Kind
doc-col-file = File (download)
doc-col-size = Size
doc-col-date = Uploaded
doc-col-version = Version
doc-version = Version { $version }
doc-current = Current
doc-superseded-by = Superseded by version { $version }

## New versions
doc-versions-heading = Replace a document with a new version
doc-versions-intro = A new version replaces the current one; earlier versions stay in the list.
doc-version-summary = New version of “{ $title }”
doc-version-file = File of the new version of “{ $title }”
doc-version-button = Upload the new version
doc-version-uploaded = The new version has been uploaded.

## The upload form
doc-attach-heading = Attach a document
doc-kind = Kind of document
doc-title = Title
doc-title-hint = Optional: the kind of document is used if you leave it empty.
doc-file = File
doc-file-hint = A PDF, an image (PNG, JPEG), or a Word, Excel, PowerPoint or OpenDocument file, up to { $max }.
doc-attach-button = Upload the document
doc-uploaded = The document has been uploaded.

## What was wrong with an upload
doc-missing-named = Attach the document “{ $kind }” before you submit.
doc-file-too-large = The file is larger than { $max }: choose a smaller file.
doc-file-empty = Choose a file to upload: none was chosen, or the file is empty.
doc-file-type = The file must be a PDF, an image (PNG, JPEG), or a Word, Excel, PowerPoint or OpenDocument file. Its content decides, not its name.
doc-kind-choose = Choose the kind of document.
doc-file-unchanged = This file is the same as the current version: choose the file of the new version.
doc-record-full = This record holds as many documents as it may. Ask the secretariat for help.
doc-conflict = Documents can no longer be attached here, or someone has just uploaded a new version. Reload the page to see where things stand.

## Sizes
doc-size-bytes = { $size } bytes
doc-size-kb = { $size } KB
doc-size-mb = { $size } MB

## Kinds of document
doc-kind-registration_certificate = Registration certificate
doc-kind-audited_financial_statements = Audited financial statements
doc-kind-psea_policy = Policy on protection from sexual exploitation and abuse (PSEA)
doc-kind-proposal = Proposal
doc-kind-budget_annex = Budget annex
doc-kind-reference_letter = Reference letter
doc-kind-signed_agreement = Grant agreement signed by the Fund
doc-kind-countersigned_agreement = Countersigned grant agreement
doc-kind-audit_certificate = Audit certificate
doc-kind-financial_statement = Financial statement
doc-kind-receipts = Receipts
doc-kind-payment_advice = Payment advice
doc-kind-refund_advice = Proof of refund
doc-kind-signed_amendment = Signed amendment
doc-kind-other = Other document

## On each page
doc-org-intro = Keep your organisation’s registration certificate, audited financial statements and PSEA policy up to date here: the secretariat reads them when it verifies your organisation.
doc-application-intro = Attach the proposal, its budget annex and any reference letters while the application is a draft: they are sent with it when you submit it.
doc-application-closed = The documents were sent with the application and can no longer be changed.
doc-application-edit-link = Attach the proposal and other documents
doc-review-attach-link = Attach or replace documents
doc-grant-intro = Download the grant agreement as the Fund signed it. Upload the agreement countersigned by your organisation and, once the grant is audited, the audit certificate.
doc-report-intro = Attach the report’s financial statement and the receipts that support the spending it reports.
doc-trustee-intro = The documents the organisation attached to its application.
