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
    ("get", "/healthz", "get_health"),
    ("get", "/readyz", "get_readiness"),
    ("post", "/api/v1/auth/login", "login"),
    ("get", "/api/v1/me", "get_me"),
    ("patch", "/api/v1/me", "update_me"),
    ("post", "/api/v1/users", "create_user"),
    ("get", "/api/v1/users", "list_users"),
    ("get", "/api/v1/users/{id}", "get_user"),
    ("patch", "/api/v1/users/{id}", "update_user"),
    ("post", "/api/v1/me/password", "change_password"),
    ("post", "/api/v1/users/{id}/password", "reset_password"),
    ("get", "/api/v1/audit", "list_audit_events"),
    ("get", "/api/v1/audit/verify", "verify_audit_trail"),
    ("get", "/api/v1/fund", "get_fund"),
    ("patch", "/api/v1/fund/settings", "update_fund_settings"),
    ("get", "/api/v1/board", "get_board"),
    ("get", "/api/v1/board/balance", "get_board_balance"),
    ("get", "/api/v1/regional-groups", "list_regional_groups"),
    ("post", "/api/v1/board/appointments", "appoint_trustee"),
    ("get", "/api/v1/board/appointments", "list_appointments"),
    ("get", "/api/v1/board/appointments/{id}", "get_appointment"),
    ("post", "/api/v1/board/appointments/{id}/end", "end_appointment"),
    ("post", "/api/v1/board/chair", "designate_chair"),
    ("post", "/api/v1/organizations/register", "register_organization"),
    ("get", "/api/v1/organizations", "list_organizations"),
    ("get", "/api/v1/organizations/{id}", "get_organization"),
    ("post", "/api/v1/organizations/{id}/users", "add_organization_user"),
    ("post", "/api/v1/organizations/{id}/verification", "verify_organization"),
    ("post", "/api/v1/calls", "create_call"),
    ("get", "/api/v1/calls", "list_calls"),
    ("get", "/api/v1/calls/{id}", "get_call"),
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
    ("get", "/api/v1/notifications", "list_notifications"),
    ("post", "/api/v1/notifications/{id}/retry", "retry_notification"),
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
