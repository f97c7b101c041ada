//! Bodies of the grant features: the agreement, payments, refunds and reports.

use trustfund::api::grant_reports::{ReportRequest, ReviewRequest};
use trustfund::api::grants::{
    AgreementRequest, AmendmentRequest, BudgetLineRequest, DisbursementRequest, RefundRequest,
    TrancheRequest,
};
use trustfund::calls::{AgeGroup, Exploitation, Sex};
use trustfund::domain::Money;
use trustfund::grant_reports::{BeneficiaryCount, ReportKind, SpentLine};
use trustfund::grants::AmendmentKind;
use uuid::Uuid;

use super::{days_from_today, positive_usd, short, text, today, usd};

/// A tranche of `amount` USD due `due_in_days` from today.
pub fn tranche(amount: &str, due_in_days: i64) -> TrancheRequest {
    TrancheRequest {
        amount: positive_usd(amount),
        due_on: days_from_today(due_in_days),
    }
}

/// A budget line of `amount` USD.
pub fn budget_line(label: &str, amount: &str) -> BudgetLineRequest {
    BudgetLineRequest {
        label: short(label),
        amount: usd(amount),
    }
}

/// The budget at an award of 30,000: "Shelter rent" 20,000 and "Lawyers" 10,000.
pub fn budget_at_award() -> Vec<BudgetLineRequest> {
    vec![
        budget_line("Shelter rent", "20000.00"),
        budget_line("Lawyers", "10000.00"),
    ]
}

/// An agreement on an award of 30,000 signed today for a year: tranches of 15,000 due
/// today, 10,000 in 90 days and 5,000 in 180 days, on [`budget_at_award`].
pub fn agreement() -> AgreementRequest {
    AgreementRequest {
        signed_on: today(),
        period_start: today(),
        period_end: days_from_today(365),
        tranches: vec![
            tranche("15000.00", 0),
            tranche("10000.00", 90),
            tranche("5000.00", 180),
        ],
        budget_lines: Some(budget_at_award()),
    }
}

/// A payment of `amount` USD on `tranche` today, with a fresh payment reference.
pub fn disbursement(tranche: i32, amount: &str) -> DisbursementRequest {
    DisbursementRequest {
        tranche,
        amount: positive_usd(amount),
        value_date: today(),
        payment_reference: short(&format!("PAY-{}", Uuid::new_v4().simple())),
    }
}

/// A refund of `amount` USD received today, with a fresh bank reference.
pub fn refund(amount: &str) -> RefundRequest {
    RefundRequest {
        amount: positive_usd(amount),
        received_on: today(),
        bank_reference: short(&format!("BANK-{}", Uuid::new_v4().simple())),
        reason: short("unspent at the end of the project"),
    }
}

/// `amount` spent on the budget line `label`.
pub fn spent_on(label: &str, amount: Money) -> SpentLine {
    SpentLine {
        label: short(label),
        amount,
    }
}

/// A progress report on `tranche` over today, one adult woman assisted, `spent` spent.
pub fn progress_report(tranche: i32, spent: Vec<SpentLine>) -> ReportRequest {
    ReportRequest {
        kind: ReportKind::Progress,
        tranche: Some(tranche),
        period_start: today(),
        period_end: today(),
        beneficiaries: vec![BeneficiaryCount {
            sex: Sex::Female,
            age_group: AgeGroup::Adult,
            exploitation: Exploitation::ForcedLabour,
            count: 1,
        }],
        spent,
        narrative: text("done"),
    }
}

/// The secretariat accepts a report.
pub fn accept() -> ReviewRequest {
    ReviewRequest {
        accepted: true,
        comments: None,
    }
}

/// An agreement on an award of 30,000 signed today for a grant period from 60 days ago
/// to 300 days ahead: two tranches of 15,000, due today and in 150 days, on
/// [`budget_at_award`].
pub fn two_tranche_agreement() -> AgreementRequest {
    AgreementRequest {
        signed_on: today(),
        period_start: days_from_today(-60),
        period_end: days_from_today(300),
        tranches: vec![tranche("15000.00", 0), tranche("15000.00", 150)],
        budget_lines: Some(budget_at_award()),
    }
}

/// An amendment of `kind` for `reason` that changes nothing yet: a test sets what its
/// story changes (`AmendmentRequest { award: Some(usd("25000.00")), ..amendment(…) }`).
pub fn amendment(kind: AmendmentKind, reason: &str) -> AmendmentRequest {
    AmendmentRequest {
        kind,
        reason: text(reason),
        board_decision: None,
        period_end: None,
        budget_lines: None,
        award: None,
        tranches: None,
    }
}
