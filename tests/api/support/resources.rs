//! The operations of the API, feature by feature, as the typed client calls them: each
//! names its path (from `paths`), the body it sends and the view it answers with.
//! `app.as_(&trustee).application(id).vote(&body)` reads as the request it makes.
//!
//! Bodies are `impl Serialize`: a test sends the crate's own request type, or (for a
//! request the crate can only read, such as one carrying a password, or one malformed on
//! purpose) a JSON value. The views the crate only writes (the Fund's, its reports, the
//! outbox) are read as JSON here, or through a typed twin of their own in `support`.

use serde::Serialize;
use serde_json::Value;
use trustfund::applications::{ApplicationSummary, ApplicationView, TransitionView};
use trustfund::audit::{AuditEventView, ChainReport};
use trustfund::auth::TokenResponse;
use trustfund::board::{AppointmentView, BoardView, ChairDesignation, RegionalGroupView};
use trustfund::calls::{CallDetail, CallView};
use trustfund::contributions::{ContributionView, RecordedReceiptView};
use trustfund::db::Page;
use trustfund::domain::{
    ApplicationId, AppointmentId, CallId, ContributionId, GrantId, OrganizationId, UserId,
};
use trustfund::organizations::{OrganizationView, RegisteredView};
use trustfund::users::UserView;
use trustfund::voting::{DecisionView, DossierView, VotesView};

use super::client::{Client, Reply};
use super::documents::Record;
use super::paths::{self, with_query};
use trustfund::documents::DocumentKind;
use trustfund::exchange_rates::MonthRatesView;
use trustfund::fund_reports::contributions::ContributionsReport;
use trustfund::fund_reports::statements::Statements;

/// No query string.
pub const ALL: &[(&str, &str)] = &[];

impl<'a> Client<'a> {
    pub fn auth(&self) -> Auth<'a> {
        Auth(self.clone())
    }
    pub fn me(&self) -> Me<'a> {
        Me(self.clone())
    }
    pub fn users(&self) -> Users<'a> {
        Users(self.clone())
    }
    pub fn user(&self, id: impl Into<UserId>) -> UserAt<'a> {
        UserAt(self.clone(), id.into())
    }
    pub fn audit(&self) -> Audit<'a> {
        Audit(self.clone())
    }
    pub fn organizations(&self) -> Organizations<'a> {
        Organizations(self.clone())
    }
    pub fn organization(&self, id: impl Into<OrganizationId>) -> OrganizationAt<'a> {
        OrganizationAt(self.clone(), id.into())
    }
    pub fn calls(&self) -> Calls<'a> {
        Calls(self.clone())
    }
    pub fn applications(&self) -> Applications<'a> {
        Applications(self.clone())
    }
    pub fn application(&self, id: impl Into<ApplicationId>) -> ApplicationAt<'a> {
        ApplicationAt(self.clone(), id.into())
    }
    pub fn board(&self) -> Board<'a> {
        Board(self.clone())
    }
    pub fn appointment(&self, id: impl Into<AppointmentId>) -> AppointmentAt<'a> {
        AppointmentAt(self.clone(), id.into())
    }
    pub fn contributions(&self) -> Contributions<'a> {
        Contributions(self.clone())
    }
    pub fn contribution(&self, id: impl Into<ContributionId>) -> ContributionAt<'a> {
        ContributionAt(self.clone(), id.into())
    }
    pub fn fund(&self) -> Fund<'a> {
        Fund(self.clone())
    }
    pub fn grants(&self) -> Grants<'a> {
        Grants(self.clone())
    }
    pub fn notifications(&self) -> Notifications<'a> {
        Notifications(self.clone())
    }
    /// One of the Fund's reports: `geography`, `contributions`, `exploitation`, ….
    pub fn fund_report(&self, name: &str) -> FundReport<'a> {
        FundReport(self.clone(), name.to_string())
    }
}

#[derive(Clone)]
pub struct Auth<'a>(Client<'a>);

impl Auth<'_> {
    /// `{"email", "password"}` (the crate's `LoginRequest` is only read: a JSON body).
    pub async fn login(self, body: &impl Serialize) -> Reply<TokenResponse> {
        self.0.post(paths::login(), body).await
    }
}

#[derive(Clone)]
pub struct Me<'a>(Client<'a>);

impl Me<'_> {
    pub async fn get(self) -> Reply<UserView> {
        self.0.get(paths::me()).await
    }
    pub async fn update(self, body: &impl Serialize) -> Reply<UserView> {
        self.0.patch(paths::me(), body).await
    }
    /// `{"current_password", "new_password"}`; 204.
    pub async fn change_password(self, body: &impl Serialize) -> Reply<()> {
        self.0.post(paths::my_password(), body).await
    }
}

#[derive(Clone)]
pub struct Users<'a>(Client<'a>);

impl Users<'_> {
    /// `{"email", "name", "role", "password", "organization_id"}`.
    pub async fn create(self, body: &impl Serialize) -> Reply<UserView> {
        self.0.post(paths::users(), body).await
    }
    pub async fn list(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<UserView>> {
        self.0.get(with_query(paths::users(), query)).await
    }
}

#[derive(Clone)]
pub struct UserAt<'a>(Client<'a>, UserId);

impl UserAt<'_> {
    pub async fn get(self) -> Reply<UserView> {
        self.0.get(paths::user(self.1)).await
    }
    pub async fn update(self, body: &impl Serialize) -> Reply<UserView> {
        self.0.patch(paths::user(self.1), body).await
    }
    /// `{"new_password"}`; 204.
    pub async fn reset_password(self, body: &impl Serialize) -> Reply<()> {
        self.0.post(paths::user_password(self.1), body).await
    }
}

#[derive(Clone)]
pub struct Audit<'a>(Client<'a>);

impl Audit<'_> {
    pub async fn list(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<AuditEventView>> {
        self.0.get(with_query(paths::audit(), query)).await
    }
    pub async fn verify(self) -> Reply<ChainReport> {
        self.0.get(paths::audit_verify()).await
    }
}

#[derive(Clone)]
pub struct Organizations<'a>(Client<'a>);

impl Organizations<'_> {
    /// A registration (it carries the first applicant's password: a JSON body).
    pub async fn register(self, body: &impl Serialize) -> Reply<RegisteredView> {
        self.0.post(paths::registration(), body).await
    }
    pub async fn list(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<OrganizationView>> {
        self.0.get(with_query(paths::organizations(), query)).await
    }
}

#[derive(Clone)]
pub struct OrganizationAt<'a>(Client<'a>, OrganizationId);

impl OrganizationAt<'_> {
    pub async fn get(self) -> Reply<OrganizationView> {
        self.0.get(paths::organization(self.1)).await
    }
    pub async fn verify(self, body: &impl Serialize) -> Reply<OrganizationView> {
        self.0
            .post(paths::organization_verification(self.1), body)
            .await
    }
    /// `PATCH`: an edit of the profile (`version` and the fields to change).
    pub async fn update(self, body: &impl Serialize) -> Reply<OrganizationView> {
        self.0.patch(paths::organization(self.1), body).await
    }
    /// Another applicant account for the organisation (it carries a password).
    pub async fn add_applicant(self, body: &impl Serialize) -> Reply<UserView> {
        self.0.post(paths::organization_users(self.1), body).await
    }
}

#[derive(Clone)]
pub struct Calls<'a>(Client<'a>);

impl Calls<'_> {
    pub async fn publish(self, body: &impl Serialize) -> Reply<CallDetail> {
        self.0.post(paths::calls(), body).await
    }
    pub async fn list(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<CallView>> {
        self.0.get(with_query(paths::calls(), query)).await
    }
    pub async fn get(self, id: CallId) -> Reply<CallDetail> {
        self.0.get(paths::call(id)).await
    }
    /// A change of a call's terms (`CallChangeRequest`).
    pub async fn amend(self, id: CallId, body: &impl Serialize) -> Reply<CallDetail> {
        self.0.patch(paths::call(id), body).await
    }
    /// `{"reason"}`; 201.
    pub async fn cancel(self, id: CallId, body: &impl Serialize) -> Reply<CallDetail> {
        self.0.post(paths::call_cancellation(id), body).await
    }
}

#[derive(Clone)]
pub struct Applications<'a>(Client<'a>);

impl Applications<'_> {
    pub async fn create(self, body: &impl Serialize) -> Reply<ApplicationView> {
        self.0.post(paths::applications(), body).await
    }
    pub async fn list(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<ApplicationSummary>> {
        self.0.get(with_query(paths::applications(), query)).await
    }
}

#[derive(Clone)]
pub struct ApplicationAt<'a>(Client<'a>, ApplicationId);

impl ApplicationAt<'_> {
    fn op(&self, operation: &str) -> String {
        paths::application_op(self.1, operation)
    }
    pub async fn get(self) -> Reply<ApplicationView> {
        self.0.get(paths::application(self.1)).await
    }
    pub async fn edit(self, body: &impl Serialize) -> Reply<ApplicationView> {
        self.0.patch(paths::application(self.1), body).await
    }
    pub async fn submit(self) -> Reply<ApplicationView> {
        self.0.post_empty(self.op("submit")).await
    }
    pub async fn withdraw(self, body: &impl Serialize) -> Reply<ApplicationView> {
        self.0.post(self.op("withdraw"), body).await
    }
    pub async fn start_screening(self) -> Reply<ApplicationView> {
        self.0.post_empty(self.op("screening/start")).await
    }
    pub async fn screen(self, body: &impl Serialize) -> Reply<ApplicationView> {
        self.0.post(self.op("screening"), body).await
    }
    pub async fn history(self) -> Reply<Vec<TransitionView>> {
        self.0.get(self.op("history")).await
    }
    /// The organisation's profile and history with the Fund, as JSON (so a test can
    /// check what it must never hold); [`ApplicationAt::dossier_view`] reads it typed.
    pub async fn dossier(self) -> Reply<Value> {
        self.0.get(self.op("dossier")).await
    }
    pub async fn dossier_view(self) -> Reply<DossierView> {
        self.0.get(self.op("dossier")).await
    }
    pub async fn votes(self) -> Reply<VotesView> {
        self.0.get(self.op("votes")).await
    }
    pub async fn vote(self, body: &impl Serialize) -> Reply<VotesView> {
        self.0.post(self.op("votes"), body).await
    }
    pub async fn declare_conflict(self, body: &impl Serialize) -> Reply<VotesView> {
        self.0.post(self.op("conflicts"), body).await
    }
    pub async fn decide(self) -> Reply<DecisionView> {
        self.0.post_empty(self.op("decision")).await
    }
    pub async fn decision(self) -> Reply<DecisionView> {
        self.0.get(self.op("decision")).await
    }
    pub async fn award(self) -> Reply<DecisionView> {
        self.0.post_empty(self.op("award")).await
    }
}

#[derive(Clone)]
pub struct Board<'a>(Client<'a>);

impl Board<'_> {
    pub async fn today(self) -> Reply<BoardView> {
        self.0.get(paths::board()).await
    }
    /// The Board as it stands on `on` (`YYYY-MM-DD`).
    pub async fn on(self, on: impl ToString) -> Reply<BoardView> {
        let on = on.to_string();
        self.0
            .get(with_query(paths::board_balance(), &[("on", on.as_str())]))
            .await
    }
    pub async fn regional_groups(self) -> Reply<Vec<RegionalGroupView>> {
        self.0.get(paths::regional_groups()).await
    }
    pub async fn appoint(self, body: &impl Serialize) -> Reply<AppointmentView> {
        self.0.post(paths::appointments(), body).await
    }
    pub async fn appointments(
        self,
        query: &(impl Serialize + ?Sized),
    ) -> Reply<Page<AppointmentView>> {
        self.0.get(with_query(paths::appointments(), query)).await
    }
    pub async fn designate_chair(self, body: &impl Serialize) -> Reply<ChairDesignation> {
        self.0.post(paths::chair(), body).await
    }
}

#[derive(Clone)]
pub struct AppointmentAt<'a>(Client<'a>, AppointmentId);

impl AppointmentAt<'_> {
    pub async fn get(self) -> Reply<AppointmentView> {
        self.0.get(paths::appointment(self.1)).await
    }
    pub async fn end(self, body: &impl Serialize) -> Reply<AppointmentView> {
        self.0.post(paths::appointment_end(self.1), body).await
    }
}

#[derive(Clone)]
pub struct Contributions<'a>(Client<'a>);

impl Contributions<'_> {
    pub async fn record(self, body: &impl Serialize) -> Reply<ContributionView> {
        self.0.post(paths::contributions(), body).await
    }
    pub async fn list(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<ContributionView>> {
        self.0.get(with_query(paths::contributions(), query)).await
    }
}

#[derive(Clone)]
pub struct ContributionAt<'a>(Client<'a>, ContributionId);

impl ContributionAt<'_> {
    pub async fn get(self) -> Reply<ContributionView> {
        self.0.get(paths::contribution(self.1)).await
    }
    pub async fn receive(self, body: &impl Serialize) -> Reply<RecordedReceiptView> {
        self.0.post(paths::receipts(self.1), body).await
    }
}

impl Contributions<'_> {
    /// `GET /reports/contributions` read typed (`format=csv`: read `raw()`).
    pub async fn report(self, query: &(impl Serialize + ?Sized)) -> Reply<ContributionsReport> {
        self.0
            .get(with_query(paths::fund_report("contributions"), query))
            .await
    }
}

impl<'a> Client<'a> {
    pub fn exchange_rates(&self) -> ExchangeRates<'a> {
        ExchangeRates(self.clone())
    }
}

impl Client<'_> {
    /// The Fund's statements over a period (`from`, `to`); as a file (`format=csv|xlsx`):
    /// read it `raw()`, or its bytes with `get_bytes(paths::statements())`.
    pub async fn statements(&self, query: &(impl Serialize + ?Sized)) -> Reply<Statements> {
        self.get(with_query(paths::statements(), query)).await
    }
}

/// Finance's monthly tables of UN operational rates of exchange.
#[derive(Clone)]
pub struct ExchangeRates<'a>(Client<'a>);

impl ExchangeRates<'_> {
    /// Replaces `month`'s table (`YYYY-MM`, sent as given) with a JSON body.
    pub async fn record(self, month: &str, body: &impl Serialize) -> Reply<MonthRatesView> {
        self.0.put(paths::exchange_rates_of(month), body).await
    }
    /// Replaces `month`'s table with a body of this content type (`text/csv`).
    pub async fn record_as(
        self,
        month: &str,
        content_type: &str,
        body: &str,
    ) -> Reply<MonthRatesView> {
        self.0
            .put_text(paths::exchange_rates_of(month), content_type, body)
            .await
    }
    /// `month`'s table as it stands.
    pub async fn month(self, month: &str) -> Reply<MonthRatesView> {
        self.0
            .get(with_query(paths::exchange_rates(), &[("month", month)]))
            .await
    }
}

/// The Fund's figures and settings (JSON for now: see the module's comment).
#[derive(Clone)]
pub struct Fund<'a>(pub(super) Client<'a>);

impl Fund<'_> {
    pub async fn get(self) -> Reply<Value> {
        self.0.get(paths::fund()).await
    }
    pub async fn settings(self, body: &impl Serialize) -> Reply<Value> {
        self.0.patch(paths::fund_settings(), body).await
    }
    /// `GET /ledger/check`: whether every account and grant reconciles.
    pub async fn ledger_check(self) -> Reply<Value> {
        self.0.get(paths::ledger_check()).await
    }
    pub async fn ledger(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<Value>> {
        self.0.get(with_query(paths::ledger(), query)).await
    }
}

/// The outbox as the admin sees it, through its typed twin (`support::outbox`).
#[derive(Clone)]
pub struct Notifications<'a>(Client<'a>);

impl Notifications<'_> {
    pub async fn list(
        self,
        query: &(impl Serialize + ?Sized),
    ) -> Reply<Page<super::outbox::MailRead>> {
        self.0.get(with_query(paths::notifications(), query)).await
    }
    /// Sends a failed mail again; 200 with the mail, pending.
    pub async fn retry(self, id: impl std::fmt::Display) -> Reply<super::outbox::MailRead> {
        self.0.post_empty(paths::notification_retry(id)).await
    }
}

/// One of the Fund's reports. JSON: their views are only written by the crate.
#[derive(Clone)]
pub struct FundReport<'a>(Client<'a>, String);

impl FundReport<'_> {
    /// The report over a period (`from`, `to`), or as CSV (`format=csv`: read `raw()`).
    pub async fn read(self, query: &(impl Serialize + ?Sized)) -> Reply<Value> {
        self.0
            .get(with_query(paths::fund_report(&self.1), query))
            .await
    }
}

/// Grants as their readers see them.
#[derive(Clone)]
pub struct Grants<'a>(Client<'a>);

impl Grants<'_> {
    pub async fn list(
        self,
        query: &(impl Serialize + ?Sized),
    ) -> Reply<Page<trustfund::grants::GrantView>> {
        self.0.get(with_query(paths::grants(), query)).await
    }
    pub async fn get(self, id: GrantId) -> Reply<trustfund::grants::GrantView> {
        self.0.get(paths::grant(id)).await
    }
}

// ---- Grants, their reports and the ledger, read as the crate's views. ----

use trustfund::domain::{DisbursementId, GrantReportId, LedgerTransactionId};
use trustfund::grant_reports::ReportView;
use trustfund::grants::{
    AmendmentView, DisbursementView, GrantView, PublicSummaryView, RefundView,
};
use trustfund::ledger::TransactionView;
use trustfund::ledger_owners::CheckReport;

impl<'a> Client<'a> {
    pub fn grant(&self, id: impl Into<GrantId>) -> GrantAt<'a> {
        GrantAt(self.clone(), id.into())
    }
    pub fn report(&self, id: impl Into<GrantReportId>) -> ReportAt<'a> {
        ReportAt(self.clone(), id.into())
    }
    pub fn ledger(&self) -> Ledger<'a> {
        Ledger(self.clone())
    }
}

/// One grant: its agreement, payments, refunds, cancellation, amendments and reports.
#[derive(Clone)]
pub struct GrantAt<'a>(Client<'a>, GrantId);

impl GrantAt<'_> {
    fn op(&self, operation: &str) -> String {
        paths::grant_op(self.1, operation)
    }
    pub async fn get(self) -> Reply<GrantView> {
        self.0.get(paths::grant(self.1)).await
    }
    /// `AgreementRequest`; 201 with the grant. The grant must carry its signed agreement
    /// first: [`GrantAt::sign_with_file`] attaches one, then signs.
    pub async fn sign(self, body: &impl Serialize) -> Reply<GrantView> {
        self.0.post(self.op("agreement"), body).await
    }
    /// Attaches the agreement as signed (a fresh small PDF; 201 expected), then signs
    /// with `body`: the step a test takes to get an agreement signed.
    pub async fn sign_with_file(self, body: &impl Serialize) -> Reply<GrantView> {
        self.with_signed_agreement().await.sign(body).await
    }
    /// Attaches the agreement as signed (a fresh small PDF; 201 expected): for a test that
    /// signs in a way of its own (racing, raw JSON) afterwards.
    pub async fn with_signed_agreement(self) -> Self {
        self.0
            .attach_pdf(Record::Grant(self.1), DocumentKind::SignedAgreement)
            .await;
        self
    }
    /// `DisbursementRequest`; 201 with the payment (and its `Location`).
    pub async fn pay(self, body: &impl Serialize) -> Reply<DisbursementView> {
        self.0.post(self.op("disbursements"), body).await
    }
    pub async fn disbursements(self) -> Reply<Page<DisbursementView>> {
        self.0.get(self.op("disbursements")).await
    }
    pub async fn disbursement(self, id: DisbursementId) -> Reply<DisbursementView> {
        self.0.get(paths::disbursement(self.1, id)).await
    }
    /// `RefundRequest`; 201 with the refund.
    pub async fn refund(self, body: &impl Serialize) -> Reply<RefundView> {
        self.0.post(self.op("refunds"), body).await
    }
    pub async fn refunds(self) -> Reply<Vec<RefundView>> {
        self.0.get(self.op("refunds")).await
    }
    /// `CancellationRequest`; 200 with the grant.
    pub async fn cancel(self, body: &impl Serialize) -> Reply<GrantView> {
        self.0.post(self.op("cancellation"), body).await
    }
    /// `WriteOffRequest`; 200 with the grant.
    pub async fn write_off(self, body: &impl Serialize) -> Reply<GrantView> {
        self.0.post(self.op("write-off"), body).await
    }
    /// `AmendmentRequest`; 201 with the amendment.
    pub async fn amend(self, body: &impl Serialize) -> Reply<AmendmentView> {
        self.0.post(self.op("amendments"), body).await
    }
    pub async fn amendments(self) -> Reply<Vec<AmendmentView>> {
        self.0.get(self.op("amendments")).await
    }
    /// `ReportRequest`; 201 with the report.
    pub async fn file_report(self, body: &impl Serialize) -> Reply<ReportView> {
        self.0.post(self.op("reports"), body).await
    }
    pub async fn reports(self) -> Reply<Page<ReportView>> {
        self.0.get(self.op("reports")).await
    }
    pub async fn public_summary(self) -> Reply<PublicSummaryView> {
        self.0.get(self.op("public-summary")).await
    }
    /// `PublicSummaryRequest`; 200 with the new version.
    pub async fn approve_public_summary(self, body: &impl Serialize) -> Reply<PublicSummaryView> {
        self.0.put(self.op("public-summary"), body).await
    }
}

/// One grantee report.
#[derive(Clone)]
pub struct ReportAt<'a>(Client<'a>, GrantReportId);

impl ReportAt<'_> {
    pub async fn get(self) -> Reply<ReportView> {
        self.0.get(paths::report(self.1)).await
    }
    /// `ReviewRequest`; 200 with the report. A final report is accepted only with its
    /// financial statement: see [`ReportAt::with_financial_statement`].
    pub async fn review(self, body: &impl Serialize) -> Reply<ReportView> {
        self.0.post(paths::report_review(self.1), body).await
    }
    /// Attaches the report's financial statement (a fresh small PDF; 201 expected), which
    /// accepting a final report requires.
    pub async fn with_financial_statement(self) -> Self {
        self.0
            .attach_pdf(Record::Report(self.1), DocumentKind::FinancialStatement)
            .await;
        self
    }
}

/// The journal, its integrity check and reversals.
#[derive(Clone)]
pub struct Ledger<'a>(pub(super) Client<'a>);

impl Ledger<'_> {
    pub async fn check(self) -> Reply<CheckReport> {
        self.0.get(paths::ledger_check()).await
    }
    pub async fn journal(self, query: &(impl Serialize + ?Sized)) -> Reply<Page<TransactionView>> {
        self.0.get(with_query(paths::ledger(), query)).await
    }
    /// The journal as a file (`format`: `csv`, `iati`, …; `kind`, `grant`, a period):
    /// read it `raw()`.
    pub async fn export(self, query: &(impl Serialize + ?Sized)) -> Reply<()> {
        self.0.get(with_query(paths::ledger_export(), query)).await
    }
    pub async fn transaction(self, id: LedgerTransactionId) -> Reply<TransactionView> {
        self.0.get(paths::ledger_transaction(id)).await
    }
    /// `ReversalRequest`; 201 with the reversing entry.
    pub async fn reverse(
        self,
        transaction: LedgerTransactionId,
        body: &impl Serialize,
    ) -> Reply<TransactionView> {
        self.0.post(paths::reversal(transaction), body).await
    }
}
