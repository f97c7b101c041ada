//! Calls for proposals: the secretariat publishes, everyone signed in reads.

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use trustfund::api::calls::CallRequest;
use trustfund::auth::Role;
use trustfund::calls::{AgeGroup, CallStatus, PriorityGroup, Sex};
use trustfund::domain::CallId;
use trustfund::organizations::OrgType;

use crate::helpers::TestApp;
use crate::on_both_backends;
use crate::support::bodies::call;
use crate::support::paths;
use crate::support::resources::ALL;
use crate::support::scenarios::{close_call, verified_organization};
use crate::support::usd;

on_both_backends!(
    the_secretariat_publishes_and_everyone_reads,
    call_terms_are_checked,
    the_funds_ceiling_caps_the_maximum_grant,
    calls_keep_the_domains_limits,
);

/// `call(0, 5)` as JSON with `field` set to `value`: a body the crate's types would not
/// let a test build, sent through the raw helper.
fn call_with(field: &str, value: Value) -> Value {
    let mut body = serde_json::to_value(call(0, 5)).unwrap();
    body[field] = value;
    body
}

async fn the_secretariat_publishes_and_everyone_reads(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let as_secretariat = app.as_(&secretariat);
    let open = as_secretariat
        .calls()
        .publish(&call(-1, 10))
        .await
        .created();
    assert_eq!(open.call.status, CallStatus::Open);
    assert_eq!(open.call.max_grant, usd("60000.00"));
    assert_eq!(
        open.call.eligible_org_types,
        vec![OrgType::Ngo, OrgType::Intergovernmental]
    );
    assert_eq!(
        open.call.priority_groups,
        vec![PriorityGroup {
            sex: Sex::Female,
            age_group: AgeGroup::Child
        }]
    );
    let upcoming = as_secretariat.calls().publish(&call(5, 10)).await.created();
    assert_eq!(upcoming.call.status, CallStatus::Upcoming);
    let closed_id = as_secretariat
        .calls()
        .publish(&call(-10, 5))
        .await
        .created()
        .call
        .id;
    close_call(&app, closed_id).await;
    let closed = as_secretariat.calls().get(closed_id).await.ok();
    assert_eq!(closed.call.status, CallStatus::Closed);
    let closed = as_secretariat
        .calls()
        .get(closed_id)
        .await
        .raw()
        .expect(200);

    for role in [Role::Applicant, Role::Trustee, Role::Auditor] {
        let user = if role == Role::Applicant {
            verified_organization(&app, "KE").await.0
        } else {
            app.user(role).await
        };
        let calls = app.as_(&user).calls();
        assert_eq!(calls.clone().list(ALL).await.ok().items.len(), 3);
        let now_open = calls.clone().list(&[("open", "true")]).await.ok();
        let ids: Vec<CallId> = now_open.items.iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![open.call.id]);
        // Every reader sees the same call, to the byte.
        let one = calls.get(closed_id).await.raw().expect(200);
        assert_eq!(one.body, closed.body);
    }
    let page = as_secretariat.calls().list(&[("limit", "2")]).await.ok();
    assert_eq!(page.items[0].id, closed_id);
    assert!(page.next_cursor.is_some());
    app.anonymous()
        .calls()
        .list(ALL)
        .await
        .refused(401, "unauthorized");
    as_secretariat
        .calls()
        .get(CallId::new())
        .await
        .refused(404, "not-found");
    // A call changes only through its own operation, recorded (see `calls_changes.rs`).
    app.patch(
        &secretariat,
        &paths::call(open.call.id),
        json!({"title": "x"}),
    )
    .await
    .expect(200);

    let auditor = app.user(Role::Auditor).await;
    let trail = app
        .as_(&auditor)
        .audit()
        .list(&[("entity_type", "call")])
        .await
        .ok();
    assert_eq!(trail.items.len(), 4);
    let created = trail.items.iter().filter(|e| e.action == "call.created");
    assert_eq!(created.count(), 3);
    assert!(trail.items.iter().any(|e| e.action == "call.amended"));
}

async fn call_terms_are_checked(app: TestApp) {
    for role in [Role::Admin, Role::Finance, Role::Trustee] {
        let user = app.user(role).await;
        app.as_(&user)
            .calls()
            .publish(&call(0, 5))
            .await
            .refused(403, "forbidden");
    }
    let (applicant, _) = verified_organization(&app, "KE").await;
    app.as_(&applicant)
        .calls()
        .publish(&call(0, 5))
        .await
        .refused(403, "forbidden");

    let secretariat = app.user(Role::Secretariat).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "closes_at",
            json!((Utc::now() - Duration::days(3)).to_rfc3339()),
            "closes_at",
        ),
        ("min_grant", json!(usd("70000.00")), "min_grant"),
        ("max_grant", json!(usd("600000.00")), "max_grant"),
        (
            "envelope",
            json!({"amount": "500000.00", "currency": "EUR"}),
            "envelope.currency",
        ),
        ("max_duration_months", json!(0), "max_duration_months"),
        ("max_duration_months", json!(37), "max_duration_months"),
        ("eligible_org_types", json!([]), "eligible_org_types"),
        (
            "eligible_org_types",
            json!(["ngo", "ngo"]),
            "eligible_org_types[1]",
        ),
        (
            "eligible_org_types",
            json!(["company"]),
            "eligible_org_types[0]",
        ),
        (
            "priority_exploitation",
            json!(["piracy"]),
            "priority_exploitation[0]",
        ),
        ("opens_at", json!("next tuesday"), "opens_at"),
        ("title", json!(""), "title"),
    ];
    for (field, value, named) in cases {
        let bad = app
            .as_(&secretariat)
            .calls()
            .publish(&call_with(field, value))
            .await
            .refused(400, "validation");
        assert_eq!(bad.fields(), vec![named], "{field}");
    }
}

async fn the_funds_ceiling_caps_the_maximum_grant(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let as_secretariat = app.as_(&secretariat);
    as_secretariat
        .fund()
        .settings(&json!({"max_grant": usd("50000.00")}))
        .await
        .ok();
    as_secretariat
        .calls()
        .publish(&call(0, 5))
        .await
        .refused(422, "fund-max-grant")
        .says("50000.00 USD");
    let at_the_ceiling = CallRequest {
        max_grant: usd("50000.00"),
        ..call(0, 5)
    };
    as_secretariat
        .calls()
        .publish(&at_the_ceiling)
        .await
        .created();
}

/// DOMAIN: a maximum duration of 8 to 24 months; amounts positive and ordered; and a call
/// whose window has already closed cannot be created.
async fn calls_keep_the_domains_limits(app: TestApp) {
    let secretariat = app.user(Role::Secretariat).await;
    let calls = app.as_(&secretariat).calls();
    let cases: Vec<(CallRequest, &str)> = vec![
        (
            CallRequest {
                max_duration_months: 6,
                ..call(0, 5)
            },
            "max_duration_months",
        ),
        (
            CallRequest {
                max_duration_months: 30,
                ..call(0, 5)
            },
            "max_duration_months",
        ),
        (
            CallRequest {
                envelope: usd("0.00"),
                ..call(0, 5)
            },
            "envelope.amount",
        ),
        (
            CallRequest {
                min_grant: usd("-500.00"),
                ..call(0, 5)
            },
            "min_grant.amount",
        ),
        (
            CallRequest {
                min_grant: usd("0.00"),
                ..call(0, 5)
            },
            "min_grant.amount",
        ),
        (
            CallRequest {
                min_grant: usd("0.00"),
                max_grant: usd("0.00"),
                ..call(0, 5)
            },
            "min_grant.amount",
        ),
        (call(-10, -5), "closes_at"),
    ];
    for (body, named) in cases {
        let bad = calls
            .clone()
            .publish(&body)
            .await
            .refused(400, "validation");
        assert_eq!(bad.fields(), vec![named], "{body:?}");
    }
    for months in [8, 24] {
        let body = CallRequest {
            max_duration_months: months,
            ..call(0, 5)
        };
        calls.clone().publish(&body).await.created();
    }
    // Nothing refused was recorded.
    assert_eq!(calls.list(ALL).await.ok().items.len(), 2);
}
