//! Every business rule that can refuse a change (a 422), by one stable name.
//!
//! Clients act on these names (`type` is `urn:trustfund:problem:<name>`, and `rule` repeats
//! it), so a name never changes once published; the OpenAPI document lists them all from
//! this enum. Add a variant here when a new rule appears, never a string at the call site.

use serde::Serialize;
use utoipa::ToSchema;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    ToSchema,
    strum::IntoStaticStr,
    strum::EnumIter,
    strum::VariantArray,
    strum::Display,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Rule {
    // The Board.
    SeatLimit,
    GeographicBalance,
    TermLimit,
    TermDates,
    TermLength,
    TermCompletion,
    EndDate,
    TrusteeAccount,
    Consultation,
    ChairPeriod,
    ChairNotActive,
    ChairOverlap,
    /// A chair is designated on the Board's decision: a meeting held, on or before the
    /// chair's first day, with the reference of its record.
    ChairDecision,
    // Organisations, calls and applications.
    BankAccountHolder,
    FundMaxGrant,
    CallClosed,
    /// The secretariat cancelled the call: nobody applies or submits under it, and it
    /// changes no more.
    CallCancelled,
    /// A call's deadline may be extended, never brought forward: applicants plan on it.
    DeadlineShortened,
    /// A change to a call's terms would leave a submitted application outside them.
    ExcludesSubmittedApplication,
    /// A call's envelope may not fall below what has been awarded under it.
    EnvelopeBelowCommitted,
    /// A call with a Board decision on one of its applications is not cancelled.
    CallHasDecisions,
    DuplicateApplication,
    OrganizationNotVerified,
    /// The secretariat refused the organisation (after submission): nothing may move
    /// toward it. Distinct from `organization-not-verified` because the remedy differs:
    /// a pending organisation is waiting to be verified; a refused one was found unfit
    /// (fraud, sanctions) and its files stop until the refusal itself is reviewed.
    OrganizationRefused,
    OrganizationIneligible,
    OrganizationTypeIneligible,
    AmountOutOfRange,
    DurationTooLong,
    BudgetMismatch,
    /// A screening checklist claims met a criterion the records show unmet (the
    /// organisation's type, verification or eligibility dates; the amount or duration
    /// against the call): the record is corrected first.
    ScreeningContradictsRecords,
    /// A screening finds an application eligible while its checklist has a criterion
    /// unmet.
    ScreeningCriterionUnmet,
    /// A screening finds an application ineligible while its checklist meets every
    /// criterion: ineligibility names the criterion failed.
    ScreeningNoUnmetCriterion,
    // Votes and decisions.
    NotAnActiveTrustee,
    Recused,
    RecommendedOutOfRange,
    QuorumImpossible,
    QuorumNotMet,
    TieUnresolved,
    ReserveOrder,
    /// An award would take what a call has approved above its envelope.
    EnvelopeExhausted,
    // Money.
    InsufficientFunds,
    UnbalancedTransaction,
    CurrencyMismatch,
    OverPledge,
    BelowOneCent,
    IdempotencyKeyReused,
    /// A grant's ledger entries are released only by the grant's own lifecycle.
    GrantCommitmentNotReversible,
    /// Money cannot be received before the contribution was pledged.
    ReceiptBeforePledge,
    /// A receipt without a rate takes the UN operational rate of exchange in force on its
    /// day, and finance has recorded none for that month and currency.
    ExchangeRateMissing,
    /// A receipt at a rate other than the one in force on its day says why.
    RateReasonRequired,
    // Text (issue 10, item 9).
    /// A text field holds an invisible or direction-changing character (bidi overrides,
    /// embeddings, isolates, zero-width characters, a byte-order mark, other format
    /// characters): it would display other than it reads. The field is named in `errors`.
    InvisibleCharacter,
    /// A text field holds a character no file the service writes may carry: a line or
    /// paragraph separator (U+2028, U+2029) or a noncharacter (U+FDD0–U+FDEF, U+FFFE,
    /// U+FFFF and the last two of every plane; XML forbids U+FFFE and U+FFFF). The field is
    /// named in `errors`.
    ForbiddenCharacter,
    // Money out: agreements, disbursements, refunds, closure, reversals (grants/).
    /// A tranche schedule must add up to the award exactly.
    ScheduleMismatch,
    /// Due dates in order, from the signature to the end of the grant period.
    ScheduleDates,
    /// No money moves before the grant agreement is signed.
    NoAgreement,
    /// A disbursement larger than what is left of its tranche.
    TrancheExceeded,
    /// A later tranche waits for the accepted reports on the tranches before it.
    ReportPending,
    /// A later tranche waits for the tranches before it to be paid (at least in part).
    PreviousTrancheUnpaid,
    /// A later tranche waits for the accepted report on the tranche before it to show the
    /// configured share of the money received through that tranche spent
    /// (`grants.report_min_spent_share`).
    ReportSpentTooLittle,
    /// A closed grant pays nothing more (and its disbursements stay as they are).
    GrantClosed,
    /// Refunds never exceed what was paid, net of earlier refunds.
    RefundExceedsPaid,
    /// A grant's disbursements (and its refunds) are reversed latest first.
    ReversalOutOfOrder,
    /// A disbursement whose money was refunded cannot be reversed while the refunds stand.
    RefundsDependOnDisbursement,
    // A grant's budget and its amendments (grants/).
    /// The agreement needs budget lines adding up to the award, and the application's
    /// budget does not (its lines add up to another amount).
    BudgetLinesRequired,
    /// A report spends on a line that is not in the grant's budget.
    UnknownBudgetLine,
    /// A report would spend a budget line beyond its budget and the allowed share over
    /// it: a budget revision comes first.
    BudgetLineOverspent,
    /// A budget revision keeps every line money was spent on to date: dropping one would
    /// lose that spending from the grant's budget.
    BudgetLineSpent,
    /// An award increase rests on a recorded Board decision.
    BoardDecisionRequired,
    /// An award is never decreased below what has been paid on it.
    AwardBelowPaid,
    // Grantee reports.
    /// A progress report names the tranche it reports on.
    ReportTrancheRequired,
    /// A report names a tranche the grant's agreement does not schedule.
    ReportTrancheOutOfRange,
    /// A report names a tranche nothing has been paid on yet: a report covers money
    /// received.
    ReportTrancheUnpaid,
    /// A report's period runs backwards, starts before the award or ends in the future.
    ReportPeriod,
    /// A report's money spent adds up to more than the award.
    ReportSpentExceedsAward,
    /// A report's money spent adds up to more than the grantee received: disbursed, net
    /// of refunds.
    ReportSpentExceedsPaid,
    /// A report counts fewer people in a group (sex, age group, form of exploitation)
    /// than the grant's latest accepted report: reports state cumulative figures, which
    /// never go down.
    ReportBeneficiariesDecreased,
    // Documents (documents/).
    /// A file's content is not one of the formats kept (PDF, PNG, JPEG, the Office and
    /// OpenDocument formats), whatever its name says, or it is empty.
    FileType,
    /// A kind of document the record does not carry (a proposal on a grant, say).
    DocumentKind,
    /// A new version with the very bytes of the current one.
    DocumentUnchanged,
    /// A record holds at most `documents.max_record_documents` versions of at most
    /// `documents.max_record_bytes` bytes together.
    RecordDocumentsFull,
    /// A record lacks a document it needs for this step: an application the kinds its
    /// call requires, an agreement its signed file, a final report its financial
    /// statement. `errors` names each kind missing.
    DocumentsMissing,
    // Accounting periods (ledger_periods/).
    /// An entry dated in a month finance has closed: a correction is dated in the open
    /// period. `errors` names the date's field.
    PeriodClosed,
    /// An entry dated before the Fund's first accounting period. `errors` names the
    /// date's field.
    BeforeFirstPeriod,
    /// A month closes only once it has ended.
    PeriodNotEnded,
    /// Months close in order: every earlier month since the Fund's first period first.
    PeriodsOutOfOrder,
    /// A month closes only on a ledger whose integrity check passes (`ledger check`).
    LedgerCheckFailed,
    // Exports.
    /// An IATI activity file must hold at least one activity (the IATI 2.03 schema), and
    /// no grant has ledger entries matching the filter in the period.
    NothingToExport,
    /// `iati.reporting_org_ref` is not set: an IATI file names its publisher, and none is
    /// written under a placeholder.
    IatiPublisherUnset,
}

impl Rule {
    /// The stable name: `insufficient-funds`, `seat-limit`, …
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Every rule, in declaration order (for the OpenAPI document and tests).
    pub fn all() -> impl Iterator<Item = Rule> {
        <Rule as strum::IntoEnumIterator>::iter()
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn names_are_kebab_case_and_match_serde() {
        for rule in Rule::all() {
            let name = rule.name();
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert_eq!(
                serde_json::to_value(rule).ok(),
                Some(serde_json::Value::String(name.to_string()))
            );
        }
        assert_eq!(Rule::InsufficientFunds.name(), "insufficient-funds");
        assert_eq!(Rule::NotAnActiveTrustee.name(), "not-an-active-trustee");
    }
}
