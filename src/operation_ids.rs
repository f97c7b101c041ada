//! Every operation's `operationId`: unique, stable, and readable as a method name in a
//! generated client (`list_calls`, `get_application`, `record_receipt`).
//!
//! An operation of the API face (`crate::api`) declares its id beside its handler
//! (`#[utoipa::path(operation_id = …)]`); this table names the operations whose handlers
//! have not moved there yet, so that none publishes its handler's local name (`list`,
//! `get`), which collides across features and makes the document invalid OpenAPI.

use utoipa::openapi::path::Operation;
use utoipa::openapi::OpenApi as Document;

/// `(method, path, operationId)` for every published operation that does not declare its
/// own.
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
    ("get", "/api/v1/notifications", "list_notifications"),
    ("post", "/api/v1/notifications/{id}/retry", "retry_notification"),
];

/// Names every operation from [`OPERATION_IDS`]; an operation missing from the table keeps
/// the id its handler declares.
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
