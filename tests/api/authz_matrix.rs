//! The authorisation matrix (issue 10, the standing proof): every operation the service
//! publishes (its OpenAPI document, see `operations`) × every role, signed out, and for an
//! applicant its own and another organisation's records, checked against the declared
//! policy below. An operation without a policy row fails the test, so a new endpoint
//! cannot be forgotten: add one row per operationId to `POLICY`.
//!
//! What a cell must answer:
//! - signed out: 401, unless the operation is `public`;
//! - a role the row does not name: 403 or 404, and nothing changes (no audit event);
//! - an applicant on another organisation's record (`applicant:own`): 404 (or 403);
//! - a role the row names: anything but 401, 403, 404 (its own request may still be a
//!   400, 409 or 422: authorisation let it through);
//! - never a 5xx; and a list an applicant may read (`applicant:own` with a field) holds
//!   only its own organisation's items.
//!
//! An operation with a `format` query parameter (the ledger export, the Fund's reports)
//! is tried once per format the OpenAPI document lists, since each is its own way out.
//!
//! Runs on the demo data set, so every `{id}` names a real record.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use diesel::prelude::*;
use reqwest::Method;
use serde_json::{json, Value};
use strum::VariantArray;
use trustfund::auth::Role;
use trustfund::db::schema::audit_events;
use uuid::Uuid;

use crate::helpers::{TestApp, TestUser, PASSWORD};
use crate::on_both_backends;

on_both_backends!(every_route_answers_every_role_as_the_policy_says);

/// Who may call each operation: `public` (no sign-in), `any` (every signed-in role), or
/// role names; `applicant:own` lets an applicant reach only its own organisation's
/// records (others are hidden, 404), `applicant` any. Staff = admin secretariat finance
/// auditor. Rows follow the published operations; extend both together.
#[rustfmt::skip]
const POLICY: &[(&str, &str)] = &[
    ("get_health", "public"),
    ("get_readiness", "public"),
    ("login", "public"),
    ("get_me", "any"),
    ("update_me", "any"),
    ("create_user", "admin"),
    ("list_users", "admin"),
    ("get_user", "admin"),
    ("update_user", "admin"),
    ("change_password", "any"),
    ("reset_password", "admin"),
    ("list_notifications", "admin"),
    ("retry_notification", "admin"),
    ("list_audit_events", "admin auditor"),
    ("verify_audit_trail", "admin auditor"),
    ("get_fund", "any"),
    ("update_fund_settings", "secretariat"),
    ("get_board", "any"),
    ("get_board_balance", "any"),
    ("list_regional_groups", "any"),
    ("appoint_trustee", "secretariat"),
    ("list_appointments", "admin secretariat auditor"),
    ("get_appointment", "admin secretariat auditor"),
    ("end_appointment", "secretariat"),
    ("designate_chair", "secretariat"),
    ("register_organization", "public"),
    ("list_organizations", "admin secretariat finance auditor applicant:own"),
    ("get_organization", "admin secretariat finance auditor applicant:own"),
    ("update_organization", "secretariat applicant:own"),
    ("add_organization_user", "applicant:own"),
    ("verify_organization", "secretariat"),
    ("create_call", "secretariat"),
    ("list_calls", "any"),
    ("get_call", "any"),
    ("amend_call", "secretariat"),
    ("cancel_call", "secretariat"),
    ("create_application", "applicant"),
    ("list_applications", "admin secretariat finance auditor trustee applicant:own"),
    ("get_application", "admin secretariat finance auditor trustee applicant:own"),
    ("update_application", "applicant:own"),
    ("submit_application", "applicant:own"),
    ("withdraw_application", "applicant:own"),
    ("start_screening", "secretariat"),
    ("screen_application", "secretariat"),
    ("get_application_history", "admin secretariat finance auditor trustee applicant:own"),
    ("get_application_dossier", "admin secretariat finance auditor trustee"),
    ("cast_vote", "trustee"),
    ("list_votes", "admin secretariat finance auditor trustee"),
    ("declare_conflict", "trustee"),
    ("decide_application", "secretariat"),
    ("get_decision", "admin secretariat finance auditor trustee applicant:own"),
    ("award_from_reserve_list", "secretariat"),
    ("list_grants", "admin secretariat finance auditor trustee applicant:own"),
    ("get_grant", "admin secretariat finance auditor trustee applicant:own"),
    ("create_contribution", "secretariat finance"),
    ("list_contributions", "admin secretariat finance auditor"),
    ("get_contribution", "admin secretariat finance auditor"),
    ("record_receipt", "secretariat finance"),
    ("record_exchange_rates", "finance"),
    ("get_exchange_rates", "finance auditor"),
    ("list_ledger_transactions", "finance auditor"),
    ("export_ledger", "finance auditor"),
    ("check_ledger", "finance auditor"),
    ("get_ledger_transaction", "finance auditor"),
    ("reverse_ledger_transaction", "finance"),
    ("list_ledger_periods", "finance auditor"),
    ("close_ledger_period", "finance"),
    ("sign_grant_agreement", "secretariat"),
    ("disburse_tranche", "finance"),
    ("list_disbursements", "admin secretariat finance auditor applicant:own"),
    ("get_disbursement", "admin secretariat finance auditor applicant:own"),
    ("record_refund", "finance"),
    ("list_refunds", "admin secretariat finance auditor applicant:own"),
    ("amend_grant", "secretariat"),
    ("list_amendments", "admin secretariat finance auditor trustee applicant:own"),
    ("cancel_grant", "secretariat"),
    ("write_off_refund", "secretariat"),
    ("approve_public_summary", "secretariat"),
    ("get_public_summary", "admin secretariat finance auditor trustee applicant:own"),
    ("file_grant_report", "applicant:own"),
    ("list_grant_reports", "admin secretariat finance auditor applicant:own"),
    ("get_grant_report", "admin secretariat finance auditor applicant:own"),
    ("review_grant_report", "secretariat"),
    ("get_geography_report", "admin secretariat finance auditor trustee"),
    ("get_contributions_report", "admin secretariat finance auditor trustee"),
    ("get_exploitation_report", "admin secretariat finance auditor trustee"),
    ("get_beneficiaries_report", "admin secretariat finance auditor trustee"),
    ("get_board_report", "admin secretariat finance auditor trustee"),
    // The Fund's open data: anyone, signed in or not.
    ("get_public_figures", "public"),
    ("get_public_grants", "public"),
    ("get_public_contributions", "public"),
    ("get_public_beneficiaries", "public"),
    ("get_public_iati_activities", "public"),
    ("get_public_iati_organisation", "public"),
    ("get_statements", "finance auditor"),
    // Documents: access as the record's (`src/documents/access.rs`). A trustee reads an
    // application's only while the Board reviews it (the fixture's other application is
    // under review); the secretariat attaches to every record but payments, finance the
    // payment advices and refunds' proofs, the organisation's applicants their own papers.
    ("attach_organization_document", "secretariat applicant:own"),
    ("list_organization_documents", "admin secretariat finance auditor applicant:own"),
    ("attach_application_document", "secretariat applicant:own"),
    ("list_application_documents", "admin secretariat finance auditor trustee applicant:own"),
    ("attach_grant_document", "secretariat applicant:own"),
    ("list_grant_documents", "admin secretariat finance auditor applicant:own"),
    ("attach_report_document", "secretariat applicant:own"),
    ("list_report_documents", "admin secretariat finance auditor applicant:own"),
    ("attach_disbursement_document", "finance"),
    ("list_disbursement_documents", "admin secretariat finance auditor applicant:own"),
    ("attach_refund_document", "secretariat finance applicant:own"),
    ("list_refund_documents", "admin secretariat finance auditor applicant:own"),
    ("attach_amendment_document", "secretariat applicant:own"),
    ("list_amendment_documents", "admin secretariat finance auditor applicant:own"),
    ("get_document", "admin secretariat finance auditor applicant:own"),
    ("get_document_content", "admin secretariat finance auditor applicant:own"),
    ("add_document_version", "secretariat applicant:own"),
];

/// For lists an applicant may read: the field of each item naming its organisation.
const OWN_FIELD: &[(&str, &str)] = &[
    ("list_organizations", "id"),
    ("list_applications", "organization_id"),
    ("list_grants", "organization_id"),
];

/// Operations whose record a role does not see at all, which it is refused as another
/// organisation's record is: 404, not 403 (a trustee reads no organisation's, grant's,
/// report's, payment's, refund's or amendment's documents, so their records are hidden
/// from it), before any body is read too.
const HIDDEN_FROM: &[(&str, Role)] = &[
    ("attach_organization_document", Role::Trustee),
    ("attach_grant_document", Role::Trustee),
    ("attach_report_document", Role::Trustee),
    ("attach_disbursement_document", Role::Trustee),
    ("attach_refund_document", Role::Trustee),
    ("attach_amendment_document", Role::Trustee),
    ("add_document_version", Role::Trustee),
];

/// Operations that end the caller's own sessions when allowed: run last.
const ENDS_SESSIONS: &[&str] = &["change_password"];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Allowed,
    Refused,
}

#[derive(Debug, Clone)]
struct Rule {
    public: bool,
    roles: HashSet<Role>,
    /// Applicants may reach only their own organisation's records.
    applicant_own: bool,
}

fn parse_rule(text: &str) -> Rule {
    let mut rule = Rule {
        public: false,
        roles: HashSet::new(),
        applicant_own: false,
    };
    for word in text.split_whitespace() {
        match word {
            "public" => {
                rule.public = true;
                rule.roles.extend(Role::VARIANTS);
            }
            "any" => rule.roles.extend(Role::VARIANTS),
            "applicant:own" => {
                rule.roles.insert(Role::Applicant);
                rule.applicant_own = true;
            }
            name => {
                rule.roles
                    .insert(Role::parse(name).unwrap_or_else(|| panic!("role {name}")));
            }
        }
    }
    rule
}

/// Real records of the demo data set, one of each kind, and the applicant's own.
struct Fixture {
    users: HashMap<Role, TestUser>,
    /// A queued mail (the verifications above queue some), for `/notifications/{id}`.
    notification: String,
    target_user: Uuid,
    target_email: String,
    /// Applications with a decision, for `…/decision`.
    decided_own: Option<String>,
    decided_other: Option<String>,
    appointment: String,
    call: String,
    org_own: String,
    org_other: String,
    app_own: String,
    app_other: String,
    grant_own: Option<String>,
    grant_other: Option<String>,
    /// A disbursement and a grantee report of each grant, where the demo has one.
    disbursement_own: Option<String>,
    disbursement_other: Option<String>,
    report_own: Option<String>,
    report_other: Option<String>,
    /// A refund of each grant, and an amendment (its grant and number), where the demo has
    /// one.
    refund_own: Option<String>,
    refund_other: Option<String>,
    amendment_own: Option<(String, i32)>,
    amendment_other: Option<(String, i32)>,
    /// A document kept beside each organisation (the demo keeps none: the fixture adds
    /// them).
    document_own: String,
    document_other: String,
    contribution: String,
    transaction: String,
}

fn first_id(answer: &crate::helpers::Answer) -> String {
    answer.body["items"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("an item: {}", answer.text))
        .to_string()
}

fn items(answer: &crate::helpers::Answer) -> Vec<Value> {
    answer.body["items"].as_array().cloned().unwrap_or_default()
}

async fn fixture(app: &TestApp) -> Fixture {
    let db = app.db.clone();
    let accounts = tokio::task::spawn_blocking(move || trustfund::demo::load(&db).unwrap())
        .await
        .unwrap();
    let mut users = HashMap::new();
    for &role in Role::VARIANTS {
        if role != Role::Applicant {
            users.insert(role, app.user(role).await);
        }
    }
    let staff = users[&Role::Secretariat].clone();
    let finance = users[&Role::Finance].clone();

    // A demo applicant, preferably one whose organisation holds a grant while another
    // organisation holds one too (so both `get_grant` cells have a real record).
    let all_grants = app
        .get(&staff, "/api/v1/grants?limit=100")
        .await
        .expect(200);
    let grant_orgs: Vec<String> = items(&all_grants)
        .iter()
        .map(|g| g["organization_id"].as_str().unwrap().to_string())
        .collect();
    let mut candidates = Vec::new();
    for (role, credentials) in accounts {
        if role != Role::Applicant {
            continue;
        }
        let token = app.login(&credentials.email, &credentials.password).await;
        let user = TestUser {
            id: Uuid::nil(),
            email: credentials.email.clone(),
            role,
            token,
        };
        let grants = app.get(&user, "/api/v1/grants").await.expect(200);
        let grant = items(&grants)
            .first()
            .map(|g| g["id"].as_str().unwrap().to_string());
        let me = app.get(&user, "/api/v1/me").await.expect(200);
        let org = me.body["organization_id"].as_str().unwrap().to_string();
        let others_hold_one = grant_orgs.iter().any(|o| *o != org);
        let rank = match (grant.is_some(), others_hold_one) {
            (true, true) => 0,
            (false, true) => 1,
            _ => 2,
        };
        candidates.push((rank, user, grant));
    }
    candidates.sort_by_key(|(rank, _, _)| *rank);
    let chosen = candidates
        .into_iter()
        .next()
        .map(|(_, user, grant)| (user, grant));
    let (applicant, grant_own) = chosen.expect("a demo applicant");
    let me = app.get(&applicant, "/api/v1/me").await.expect(200);
    let org_own = me.body["organization_id"].as_str().unwrap().to_string();
    let own_apps = app
        .get(&applicant, "/api/v1/applications")
        .await
        .expect(200);
    let app_own = first_id(&own_apps);
    users.insert(Role::Applicant, applicant);

    let orgs = app
        .get(&staff, "/api/v1/organizations?limit=100")
        .await
        .expect(200);
    let org_other = items(&orgs)
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .find(|id| *id != org_own)
        .expect("another organisation");
    let reviewed = app
        .get(&staff, "/api/v1/applications?state=under_review&limit=100")
        .await
        .expect(200);
    let app_other = items(&reviewed)
        .iter()
        .find(|a| a["organization_id"] != org_own.as_str())
        .map(|a| a["id"].as_str().unwrap().to_string())
        .expect("another organisation's application under review");
    let grant_other = items(&all_grants)
        .iter()
        .find(|g| g["organization_id"] != org_own.as_str())
        .map(|g| g["id"].as_str().unwrap().to_string());

    let decided = |list: &crate::helpers::Answer, own: bool| {
        items(list)
            .iter()
            .find(|a| {
                matches!(
                    a["state"].as_str(),
                    Some("approved" | "rejected" | "reserve_list")
                ) && (a["organization_id"] == org_own.as_str()) == own
            })
            .map(|a| a["id"].as_str().unwrap().to_string())
    };
    let everything = app
        .get(&staff, "/api/v1/applications?limit=100")
        .await
        .expect(200);
    let (decided_own, decided_other) = (decided(&everything, true), decided(&everything, false));

    // The first disbursement and report of a grant, for the paths that name them.
    let first_of = |grant: Option<String>, what: &'static str| {
        let finance = finance.clone();
        async move {
            let grant = grant?;
            let list = app
                .get(&finance, &format!("/api/v1/grants/{grant}/{what}"))
                .await
                .expect(200);
            items(&list)
                .first()
                .map(|d| d["id"].as_str().unwrap().to_string())
        }
    };
    let disbursement_own = first_of(grant_own.clone(), "disbursements").await;
    let disbursement_other = first_of(grant_other.clone(), "disbursements").await;
    let report_own = first_of(grant_own.clone(), "reports").await;
    let report_other = first_of(grant_other.clone(), "reports").await;

    // A refund and an amendment of a grant of each side, read from the database (the demo
    // refunds and amends grants the chosen applicant may not hold).
    let grant_org: HashMap<String, String> = items(&all_grants)
        .iter()
        .map(|g| {
            (
                g["id"].as_str().unwrap().to_string(),
                g["organization_id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let (refunds, amendments) = app
        .with_db(|conn| {
            use trustfund::db::schema::{grant_amendments, grant_refunds};
            let refunds: Vec<(String, String)> = grant_refunds::table
                .select((grant_refunds::id, grant_refunds::grant_id))
                .load(conn)
                .unwrap();
            let amendments: Vec<(String, i32)> = grant_amendments::table
                .select((grant_amendments::grant_id, grant_amendments::version))
                .order(grant_amendments::version)
                .load(conn)
                .unwrap();
            (refunds, amendments)
        })
        .await;
    let own_grant = |grant: &str| grant_org.get(grant).map(|org| *org == org_own);
    let refund_of = |own: bool| {
        refunds
            .iter()
            .find(|(_, grant)| own_grant(grant) == Some(own))
            .map(|(id, _)| id.clone())
    };
    let amendment_of = |own: bool| {
        amendments
            .iter()
            .find(|(grant, _)| own_grant(grant) == Some(own))
            .cloned()
    };
    let (refund_own, refund_other) = (refund_of(true), refund_of(false));
    let (amendment_own, amendment_other) = (amendment_of(true), amendment_of(false));
    let document_own = keep_document(app, &staff, &org_own).await;
    let document_other = keep_document(app, &staff, &org_other).await;

    let admin = users[&Role::Admin].clone();
    let target_email = format!("target-{}@example.org", Uuid::new_v4().simple());
    let target = app
        .post(
            &admin,
            "/api/v1/users",
            json!({"email": target_email,
                   "name": "Target", "role": "auditor", "password": PASSWORD}),
        )
        .await
        .expect(201);
    let notification = app
        .get(&admin, "/api/v1/notifications?limit=1")
        .await
        .expect(200)
        .body["items"][0]["id"]
        .as_str()
        .expect("the fixture's verifications queue mail")
        .to_string();
    Fixture {
        notification,
        target_email,
        decided_own,
        decided_other,
        target_user: target.body["id"].as_str().unwrap().parse().unwrap(),
        appointment: first_id(
            &app.get(&staff, "/api/v1/board/appointments")
                .await
                .expect(200),
        ),
        call: first_id(&app.get(&staff, "/api/v1/calls").await.expect(200)),
        contribution: first_id(&app.get(&finance, "/api/v1/contributions").await.expect(200)),
        transaction: first_id(
            &app.get(&finance, "/api/v1/ledger?kind=receipt")
                .await
                .expect(200),
        ),
        org_own,
        org_other,
        app_own,
        app_other,
        grant_own,
        grant_other,
        disbursement_own,
        disbursement_other,
        report_own,
        report_other,
        refund_own,
        refund_other,
        amendment_own,
        amendment_other,
        document_own,
        document_other,
        users,
    }
}

/// A small PDF the secretariat keeps beside an organisation: the document's id.
async fn keep_document(app: &TestApp, secretariat: &TestUser, organization: &str) -> String {
    let answer = send_multipart(
        app,
        Method::POST,
        &format!("/api/v1/organizations/{organization}/documents"),
        Some(&secretariat.token),
        true,
    )
    .await
    .expect(201);
    answer.body["id"].as_str().unwrap().to_string()
}

/// A `multipart/form-data` request as the documents' uploads take it: a small PDF as
/// `file`, and (for a first version) the kind any record carries and a title.
async fn send_multipart(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    first_version: bool,
) -> crate::helpers::Answer {
    let mut form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(crate::support::documents::pdf("authz matrix"))
            .file_name("matrix.pdf"),
    );
    if first_version {
        form = form.text("kind", "other").text("title", "Matrix");
    }
    let mut request = app
        .client
        .request(method, format!("{}{path}", app.address))
        .multipart(form);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    crate::helpers::answer(request.send().await.unwrap()).await
}

/// The path with its `{id}` filled, for the applicant's own records (`own`) or another
/// organisation's; `None` when the fixture has no such record.
fn fill(path: &str, f: &Fixture, own: bool) -> Option<String> {
    if path.contains("{period}") {
        // A month before the Fund's books begin: finance's close is refused (422) after
        // authorisation, and the demo's closed months stay as they are.
        return Some(path.replace("{period}", "2000-01"));
    }
    // A month of the demo's receipts.
    let path = &path.replace("{month}", "2026-03");
    if !path.contains("{id}") {
        return Some(path.to_string());
    }
    let pick = |own_record: &Option<String>, other_record: &Option<String>| {
        if own {
            own_record.clone()
        } else {
            other_record.clone()
        }
    };
    let id = if path.starts_with("/api/v1/users/") {
        f.target_user.to_string()
    } else if path.starts_with("/api/v1/board/appointments/") {
        f.appointment.clone()
    } else if path.starts_with("/api/v1/calls/") {
        f.call.clone()
    } else if path.starts_with("/api/v1/organizations/") {
        if own {
            f.org_own.clone()
        } else {
            f.org_other.clone()
        }
    } else if path.starts_with("/api/v1/applications/") && path.ends_with("/decision") {
        if own {
            f.decided_own.clone()?
        } else {
            f.decided_other.clone()?
        }
    } else if path.starts_with("/api/v1/applications/") {
        if own {
            f.app_own.clone()
        } else {
            f.app_other.clone()
        }
    } else if path.contains("{version}") {
        let (grant, version) = if own {
            f.amendment_own.clone()?
        } else {
            f.amendment_other.clone()?
        };
        return Some(
            path.replace("{id}", &grant)
                .replace("{version}", &version.to_string()),
        );
    } else if path.starts_with("/api/v1/disbursements/") {
        pick(&f.disbursement_own, &f.disbursement_other)?
    } else if path.starts_with("/api/v1/refunds/") {
        pick(&f.refund_own, &f.refund_other)?
    } else if path.starts_with("/api/v1/documents/") {
        pick(
            &Some(f.document_own.clone()),
            &Some(f.document_other.clone()),
        )?
    } else if path.contains("{disbursement_id}") {
        let (grant, disbursement) = if own {
            (f.grant_own.clone()?, f.disbursement_own.clone()?)
        } else {
            (f.grant_other.clone()?, f.disbursement_other.clone()?)
        };
        return Some(
            path.replace("{id}", &grant)
                .replace("{disbursement_id}", &disbursement),
        );
    } else if path.starts_with("/api/v1/grants/") {
        if own {
            f.grant_own.clone()?
        } else {
            f.grant_other.clone()?
        }
    } else if path.starts_with("/api/v1/reports/") {
        if own {
            f.report_own.clone()?
        } else {
            f.report_other.clone()?
        }
    } else if path.starts_with("/api/v1/contributions/") {
        f.contribution.clone()
    } else if path.starts_with("/api/v1/ledger/transactions/") {
        f.transaction.clone()
    } else if path.starts_with("/api/v1/notifications/") {
        f.notification.clone()
    } else {
        panic!("authz_matrix: no fixture record for {path}; add one in `fill`")
    };
    Some(path.replace("{id}", &id))
}

/// A body valid enough that a refusal can only come from authorisation.
fn body(op: &str, f: &Fixture) -> Option<Value> {
    let tag = Uuid::new_v4().simple().to_string();
    let today = chrono::Utc::now().date_naive();
    let usd = |amount: &str| json!({"amount": amount, "currency": "USD"});
    Some(match op {
        "login" => {
            json!({"email": f.target_email, "password": PASSWORD})
        }
        "create_user" => {
            json!({"email": format!("new-{tag}@example.org"), "name": "New", "role": "auditor", "password": PASSWORD})
        }
        "update_user" => json!({"name": "Renamed Target"}),
        "change_password" => {
            json!({"current_password": PASSWORD, "new_password": "a brand new password 2026"})
        }
        "reset_password" => json!({"new_password": "an admin reset password 2026"}),
        "update_fund_settings" => json!({"psc_rate": "0.13"}),
        "appoint_trustee" => json!({
            "name": "Ada Example", "nationality": "NO", "experience": "Twenty years against trafficking.",
            "appointed_on": today.to_string(), "term_start": today.to_string(),
            "consulted_member_states": ["NO"], "consulted_executive_director_on": today.to_string()}),
        "end_appointment" => json!({"ended_on": today.to_string(), "reason": "resignation"}),
        "designate_chair" => json!({"appointment_id": f.appointment, "from": today.to_string(),
            "to": (today + chrono::Duration::days(365)).to_string(),
            "board_decision": {"meeting_on": today.to_string(), "record_reference": "Board report, para. 3"}}),
        "register_organization" => crate::helpers::registration("KE"),
        "add_organization_user" => {
            json!({"email": format!("colleague-{tag}@example.org"), "name": "Colleague", "password": PASSWORD})
        }
        "verify_organization" => json!({"verified": true, "reason": "documents checked"}),
        // Any version: an allowed caller may get a 409 (the row moved on), never a 403/404.
        "update_organization" => json!({"version": 1, "contact_phone": "+41 22 917 1234"}),
        "create_call" => {
            let now = chrono::Utc::now();
            json!({"title": "Call", "description": "Direct assistance.",
                "opens_at": (now - chrono::Duration::days(1)).to_rfc3339(),
                "closes_at": (now + chrono::Duration::days(30)).to_rfc3339(),
                "envelope": usd("1000000.00"), "min_grant": usd("20000.00"), "max_grant": usd("60000.00"),
                "max_duration_months": 24, "eligible_org_types": ["ngo"],
                "priority_groups": [], "priority_exploitation": []})
        }
        "amend_call" => json!({"title": "Call for proposals, corrected"}),
        "cancel_call" => json!({"reason": "the earmarked contribution was withdrawn"}),
        "create_application" => crate::helpers::application(&f.call),
        "update_application" => json!({"title": "Safe shelter, revised"}),
        "withdraw_application" => json!({"reason": "the project found other funding"}),
        "screen_application" => {
            json!({"eligible": true, "checklist": crate::support::bodies::checklist_all_met()})
        }
        "cast_vote" => {
            json!({"vote": "approve", "recommended": usd("40000.00"), "comment": "well costed"})
        }
        "declare_conflict" => json!({"reason": "I know the director"}),
        "create_contribution" => json!({"donor": {"donor_type": "member_state", "country": "NO"},
            "pledged": usd("1000.00"), "pledged_on": today.to_string()}),
        "record_receipt" => json!({"amount": usd("10.00"), "received_on": today.to_string(),
            "rate_to_usd": "1", "bank_reference": format!("REF-{tag}")}),
        "reverse_ledger_transaction" => json!({"reason": "entered twice"}),
        "record_exchange_rates" => {
            json!({"rates": [{"currency": "JPY", "rate_to_usd": "0.00668"}]})
        }
        "sign_grant_agreement" => json!({"signed_on": today.to_string(),
            "period_start": today.to_string(),
            "period_end": (today + chrono::Duration::days(365)).to_string(),
            "tranches": [{"amount": usd("1000.00"), "due_on": today.to_string()}]}),
        "disburse_tranche" => json!({"tranche": 1, "amount": usd("1.00"),
            "value_date": today.to_string(), "payment_reference": format!("PAY-{tag}")}),
        "amend_grant" => json!({"kind": "budget_revision", "reason": "money moved",
            "budget_lines": [{"label": "Everything", "amount": usd("1.00")}]}),
        "record_refund" => json!({"amount": usd("1.00"), "received_on": today.to_string(),
            "bank_reference": format!("REF-{tag}"), "reason": "unspent money"}),
        "cancel_grant" => json!({"reason": "the project stopped",
            "board_decision": format!("BD-{tag}")}),
        "write_off_refund" => json!({"reason": "it will not come"}),
        "approve_public_summary" => {
            json!({"summary": "Shelter and legal aid for survivors of trafficking."})
        }
        "file_grant_report" => json!({"kind": "progress", "tranche": 1,
            "period_start": (today - chrono::Duration::days(30)).to_string(),
            "period_end": today.to_string(),
            "beneficiaries": [{"sex": "female", "age_group": "adult",
                "exploitation": "sexual_exploitation", "count": 3}],
            "spent": [{"label": "Shelter", "amount": usd("100.00")}],
            "narrative": "Shelter places opened as planned."}),
        "review_grant_report" => {
            json!({"accepted": false, "comments": "please add the budget lines"})
        }
        _ => return None,
    })
}

fn method(name: &str) -> Method {
    Method::from_bytes(name.to_ascii_uppercase().as_bytes()).unwrap()
}

struct Cell {
    op: &'static str,
    method: Method,
    path: String,
    role: Option<Role>,
    own: bool,
    expect: Expect,
}

/// The representations an operation offers through its `format` query parameter, read
/// from the published OpenAPI document (the export's csv, json, xlsx and iati; each
/// report's json and csv): each is a separate way out of the service, so each gets its
/// own cells. Operations without one get the bare path only.
fn formats() -> HashMap<String, Vec<String>> {
    let doc = serde_json::to_value(trustfund::openapi::document()).unwrap();
    let mut formats = HashMap::new();
    for operations in doc["paths"].as_object().unwrap().values() {
        for operation in operations.as_object().unwrap().values() {
            let Some(params) = operation["parameters"].as_array() else {
                continue;
            };
            for param in params {
                if param["in"] == "query" && param["name"] == "format" {
                    let values: Vec<String> = param["schema"]["enum"]
                        .as_array()
                        .expect("a format parameter lists its values")
                        .iter()
                        .map(|v| v.as_str().unwrap().to_string())
                        .collect();
                    let op = operation["operationId"].as_str().unwrap().to_string();
                    formats.insert(op, values);
                }
            }
        }
    }
    formats
}

/// Every published operation as `(method, path, operationId)`, read from the document the
/// service serves: an operation declares its id beside its handler or in
/// `trustfund::operation_ids`, and either way it is here.
fn operations() -> Vec<(&'static str, &'static str, &'static str)> {
    let doc = serde_json::to_value(trustfund::openapi::document()).unwrap();
    // Cells and policy lookups hold `&'static str`; a few dozen names, once per run.
    let keep = |text: &str| -> &'static str { Box::leak(text.to_string().into_boxed_str()) };
    let mut ops = Vec::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let id = operation["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            ops.push((keep(method), keep(path), keep(id)));
        }
    }
    ops
}

fn cells(f: &Fixture) -> Vec<Cell> {
    let policy: BTreeMap<&str, Rule> = POLICY.iter().map(|(op, r)| (*op, parse_rule(r))).collect();
    let formats = formats();
    let mut cells = Vec::new();
    for (m, path, op) in operations() {
        let rule = &policy[op];
        let scoped = rule.applicant_own && path.contains("{id}");
        let queries: Vec<String> = match formats.get(op) {
            Some(values) => values.iter().map(|v| format!("?format={v}")).collect(),
            None => vec![String::new()],
        };
        let mut add = |role: Option<Role>, own: bool, expect: Expect| {
            if let Some(filled) = fill(path, f, own) {
                for query in &queries {
                    cells.push(Cell {
                        op,
                        method: method(m),
                        path: format!("{filled}{query}"),
                        role,
                        own,
                        expect,
                    });
                }
            }
        };
        add(
            None,
            false,
            if rule.public {
                Expect::Allowed
            } else {
                Expect::Refused
            },
        );
        for &role in Role::VARIANTS {
            let allowed = rule.roles.contains(&role);
            if role == Role::Applicant && scoped {
                add(
                    Some(role),
                    true,
                    if allowed {
                        Expect::Allowed
                    } else {
                        Expect::Refused
                    },
                );
                add(Some(role), false, Expect::Refused);
            } else {
                add(
                    Some(role),
                    role == Role::Applicant,
                    if allowed {
                        Expect::Allowed
                    } else {
                        Expect::Refused
                    },
                );
            }
        }
    }
    cells
}

/// The operations that take a request body, from the published document.
fn with_body() -> HashSet<String> {
    let doc = serde_json::to_value(trustfund::openapi::document()).unwrap();
    let mut ops = HashSet::new();
    for operations in doc["paths"].as_object().unwrap().values() {
        for operation in operations.as_object().unwrap().values() {
            if operation.get("requestBody").is_some() {
                ops.insert(operation["operationId"].as_str().unwrap().to_string());
            }
        }
    }
    ops
}

/// Bodies a forbidden caller might send: whatever they hold, the answer is the refusal
/// (401 signed out, 403 for a role the operation is not open to), decided before the body
/// is read, so it tells nothing of the body's shape.
const INVALID_BODIES: &[&str] = &["{\"unexpected\": [", "{}", "[1, 2]"];

/// Every refused cell of an operation with a body, once per invalid body; returns how
/// many requests it sent. An applicant on another organisation's record of an operation
/// open to applicants is skipped: applicants may know the body, and the record's 404 may
/// come after it.
async fn refused_before_the_body(
    app: &TestApp,
    f: &Fixture,
    cells: &[Cell],
    failures: &mut Vec<String>,
) -> usize {
    let policy: BTreeMap<&str, Rule> = POLICY.iter().map(|(op, r)| (*op, parse_rule(r))).collect();
    let with_body = with_body();
    // From addresses of their own, one per operation: the signed-out requests spend those
    // addresses' anonymous quotas, not the one the rest of the matrix uses, and no quota
    // runs out however many operations the service grows.
    let client_from = |n: usize| {
        let last = u8::try_from(60 + n % 150).expect("a loopback address");
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from([127, 0, 0, last]))
            .build()
            .unwrap()
    };
    let mut tried = 0;
    for (n, cell) in cells.iter().enumerate() {
        let client = client_from(n);
        if cell.expect != Expect::Refused || !with_body.contains(cell.op) {
            continue;
        }
        if cell
            .role
            .is_some_and(|role| policy[cell.op].roles.contains(&role))
        {
            continue;
        }
        let expected = match cell.role {
            None => 401,
            Some(role) if HIDDEN_FROM.contains(&(cell.op, role)) => 404,
            Some(_) => 403,
        };
        let token = cell.role.map(|r| f.users[&r].token.clone());
        for body in INVALID_BODIES {
            let mut request = client
                .request(cell.method.clone(), format!("{}{}", app.address, cell.path))
                .header("content-type", "application/json")
                .body(body.to_string());
            if let Some(token) = &token {
                request = request.bearer_auth(token);
            }
            let answer = crate::helpers::answer(request.send().await.unwrap()).await;
            tried += 1;
            if answer.status != expected {
                failures.push(format!(
                    "{} {} {} as {:?} with body {body}: expected {expected} before the body, got {} {}",
                    cell.op,
                    cell.method,
                    cell.path,
                    cell.role,
                    answer.status,
                    answer.text.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    tried
}

/// The operations that take a `multipart/form-data` upload (the documents'), from the
/// published document, each with whether its form names a kind and a title (a first
/// version) or only the file (a new version): they are sent a real upload, a small PDF.
fn multipart_uploads() -> HashMap<String, bool> {
    let doc = serde_json::to_value(trustfund::openapi::document()).unwrap();
    let mut ops = HashMap::new();
    for operations in doc["paths"].as_object().unwrap().values() {
        for operation in operations.as_object().unwrap().values() {
            let Some(form) = operation["requestBody"]["content"].get("multipart/form-data") else {
                continue;
            };
            let schema = &form["schema"];
            let names_kind = match schema["$ref"].as_str() {
                Some(reference) => {
                    let name = reference.rsplit('/').next().unwrap();
                    doc["components"]["schemas"][name]["properties"]
                        .get("kind")
                        .is_some()
                }
                None => schema["properties"].get("kind").is_some(),
            };
            let op = operation["operationId"].as_str().unwrap().to_string();
            ops.insert(op, names_kind);
        }
    }
    ops
}

async fn audit_events(app: &TestApp) -> i64 {
    app.with_db(|conn| audit_events::table.count().get_result(conn).unwrap())
        .await
}

async fn every_route_answers_every_role_as_the_policy_says(app: TestApp) {
    // Every operation has exactly one policy row, and every row an operation.
    let ops: BTreeSet<&str> = operations().into_iter().map(|(_, _, op)| op).collect();
    let rows: BTreeSet<&str> = POLICY.iter().map(|(op, _)| *op).collect();
    assert_eq!(POLICY.len(), rows.len(), "an operation has two policy rows");
    let missing: Vec<_> = ops.difference(&rows).collect();
    assert!(
        missing.is_empty(),
        "operations without a policy row in tests/api/authz_matrix.rs: {missing:?}"
    );
    let stale: Vec<_> = rows.difference(&ops).collect();
    assert!(stale.is_empty(), "policy rows for no operation: {stale:?}");

    let f = fixture(&app).await;
    let mut all = cells(&f);
    // Refusals first: they must change nothing, which the audit trail shows.
    all.sort_by_key(|c| (c.expect == Expect::Allowed, ENDS_SESSIONS.contains(&c.op)));
    let mut failures = Vec::new();
    let mut tried = 0;
    let mut before_allowed = None;
    let events_at_start = audit_events(&app).await;
    let multipart = multipart_uploads();
    tried += refused_before_the_body(&app, &f, &all, &mut failures).await;
    for cell in &all {
        if cell.expect == Expect::Allowed && before_allowed.is_none() {
            let events = audit_events(&app).await;
            if events != events_at_start {
                failures.push(format!(
                    "refused requests changed something: {} audit events before, {events} after",
                    events_at_start
                ));
            }
            before_allowed = Some(events);
        }
        let token = cell.role.map(|r| f.users[&r].token.clone());
        let body = if cell.method == Method::GET {
            None
        } else {
            body(cell.op, &f).or(Some(json!({})))
        };
        let answer = if let Some(&first_version) = multipart.get(cell.op) {
            send_multipart(
                &app,
                cell.method.clone(),
                &cell.path,
                token.as_deref(),
                first_version,
            )
            .await
        } else {
            app.send(cell.method.clone(), &cell.path, token.as_deref(), body)
                .await
        };
        tried += 1;
        let who = match cell.role {
            None => "signed out".to_string(),
            Some(Role::Applicant) => format!(
                "applicant ({} organisation)",
                if cell.own { "own" } else { "other" }
            ),
            Some(role) => role.to_string(),
        };
        let status = answer.status;
        let ok = status < 500
            && match (&cell.expect, cell.role) {
                (Expect::Refused, None) => status == 401,
                (Expect::Refused, Some(_)) => matches!(status, 403 | 404),
                (Expect::Allowed, _) => !matches!(status, 401 | 403 | 404),
            };
        if !ok {
            failures.push(format!(
                "{} {} {} as {who}: expected {:?}, got {status} {}",
                cell.op,
                cell.method,
                cell.path,
                cell.expect,
                answer.text.chars().take(160).collect::<String>()
            ));
        }
        // An applicant's lists hold only its own organisation's items.
        if cell.role == Some(Role::Applicant) && status == 200 {
            if let Some((_, field)) = OWN_FIELD.iter().find(|(op, _)| *op == cell.op) {
                for item in items(&answer) {
                    if item[*field] != f.org_own.as_str() {
                        failures.push(format!("{} leaks to an applicant: {item}", cell.op));
                    }
                }
            }
        }
    }
    let backend = if app.database_url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    // scripts/prove.sh reads this line.
    eprintln!(
        "authz matrix ({backend}): {tried} requests, {} failures",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "authorisation matrix:\n{}",
        failures.join("\n")
    );
}
