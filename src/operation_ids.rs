//! Every operation's `operationId`: unique, stable, and readable as a method name in a
//! generated client (`list_calls`, `get_application`, `record_receipt`).
//!
//! Kept in one table rather than beside each handler so that the whole client surface reads
//! at a glance, and so that an endpoint added without a name fails the contract test
//! instead of publishing the handler's local name (`list`, `get`), which collides across
//! features and makes the document invalid OpenAPI.

use utoipa::openapi::path::Operation;
use utoipa::openapi::OpenApi as Document;

/// `(method, path, operationId)` for every operation the service publishes.
#[rustfmt::skip]
pub const OPERATION_IDS: &[(&str, &str, &str)] = &[
    ("get", "/api/v1/fund", "get_fund"),
    ("patch", "/api/v1/fund/settings", "update_fund_settings"),
    ("post", "/api/v1/applications", "create_application"),
    ("get", "/api/v1/applications", "list_applications"),
    ("get", "/api/v1/applications/{id}", "get_application"),
    ("patch", "/api/v1/applications/{id}", "update_application"),
    ("post", "/api/v1/applications/{id}/submit", "submit_application"),
    ("post", "/api/v1/applications/{id}/withdraw", "withdraw_application"),
    ("post", "/api/v1/applications/{id}/screening/start", "start_screening"),
    ("post", "/api/v1/applications/{id}/screening", "screen_application"),
    ("get", "/api/v1/applications/{id}/history", "get_application_history"),
    ("post", "/api/v1/applications/{id}/votes", "cast_vote"),
    ("get", "/api/v1/applications/{id}/votes", "list_votes"),
    ("post", "/api/v1/applications/{id}/conflicts", "declare_conflict"),
    ("post", "/api/v1/applications/{id}/decision", "decide_application"),
    ("get", "/api/v1/applications/{id}/decision", "get_decision"),
    ("post", "/api/v1/applications/{id}/award", "award_from_reserve_list"),
    ("get", "/api/v1/grants", "list_grants"),
    ("get", "/api/v1/grants/{id}", "get_grant"),
    // Money out (grants/).
    ("post", "/api/v1/grants/{id}/agreement", "sign_grant_agreement"),
    ("post", "/api/v1/grants/{id}/disbursements", "disburse_tranche"),
    ("get", "/api/v1/grants/{id}/disbursements", "list_disbursements"),
    ("get", "/api/v1/grants/{id}/disbursements/{disbursement_id}", "get_disbursement"),
    ("post", "/api/v1/grants/{id}/refunds", "record_refund"),
    ("get", "/api/v1/grants/{id}/refunds", "list_refunds"),
    ("post", "/api/v1/grants/{id}/reports", "file_grant_report"),
    ("get", "/api/v1/grants/{id}/reports", "list_grant_reports"),
    ("get", "/api/v1/reports/{id}", "get_grant_report"),
    ("post", "/api/v1/reports/{id}/review", "review_grant_report"),
    ("get", "/api/v1/reports/geography", "get_geography_report"),
    ("get", "/api/v1/reports/contributions", "get_contributions_report"),
    ("get", "/api/v1/reports/exploitation", "get_exploitation_report"),
    ("get", "/api/v1/reports/beneficiaries", "get_beneficiaries_report"),
    ("get", "/api/v1/reports/board", "get_board_report"),
    ("post", "/api/v1/contributions", "create_contribution"),
    ("get", "/api/v1/contributions", "list_contributions"),
    ("get", "/api/v1/contributions/{id}", "get_contribution"),
    ("post", "/api/v1/contributions/{id}/receipts", "record_receipt"),
    ("get", "/api/v1/ledger", "list_ledger_transactions"),
    ("get", "/api/v1/ledger/export", "export_ledger"),
    ("get", "/api/v1/ledger/check", "check_ledger"),
    ("get", "/api/v1/ledger/transactions/{id}", "get_ledger_transaction"),
    ("post", "/api/v1/ledger/transactions/{id}/reversal", "reverse_ledger_transaction"),
];

/// Names every operation from [`OPERATION_IDS`]. An operation missing from the table keeps
/// no id at all, which the contract test reports.
pub fn assign(doc: &mut Document) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let methods: [(&str, &mut Option<Operation>); 5] = [
            ("get", &mut item.get),
            ("put", &mut item.put),
            ("post", &mut item.post),
            ("delete", &mut item.delete),
            ("patch", &mut item.patch),
        ];
        for (method, operation) in methods {
            if let Some(operation) = operation {
                let declared = operation.operation_id.take();
                operation.operation_id = OPERATION_IDS
                    .iter()
                    .find(|(m, p, _)| *m == method && p == path)
                    .map(|(_, _, id)| (*id).to_string())
                    .or(declared);
            }
        }
    }
}
