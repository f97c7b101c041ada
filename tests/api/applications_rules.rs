//! Every refusal of a draft or a submission, by its rule name.

use serde_json::{json, Value};
use trustfund::api::applications::UpdateApplicationRequest;
use trustfund::api::calls::CallRequest;
use trustfund::api::organizations::VerificationRequest;
use trustfund::applications::{ApplicationState, BudgetLine};
use trustfund::auth::Role;
use trustfund::domain::{ApplicationId, CallId};
use trustfund::organizations::OrgType;

use crate::helpers::{registration, TestApp, TestUser, PASSWORD};
use crate::on_both_backends;
use crate::support::bodies::{self, application, positive_usd, short, text};
use crate::support::scenarios::{close_call, open_call, verified_organization};

on_both_backends!(
    submission_rules_refuse_by_name,
    the_call_window_and_duplicates_are_enforced,
    unverified_and_ineligible_organisations_cannot_submit,
    drafts_are_checked_for_shape,
);

async fn draft(app: &TestApp, user: &TestUser, call: CallId) -> ApplicationId {
    app.as_(user)
        .applications()
        .create(&application(call))
        .await
        .created()
        .id
}

/// A change of nothing: each test sets the fields its step is about.
fn no_change() -> UpdateApplicationRequest {
    UpdateApplicationRequest {
        title: None,
        summary: None,
        countries: None,
        beneficiaries: None,
        exploitation: None,
        aid_types: None,
        requested: None,
        duration_months: None,
        budget_lines: None,
    }
}

fn lines(lines: &[(&str, &str)]) -> Option<Vec<BudgetLine>> {
    Some(
        lines
            .iter()
            .map(|(label, amount)| BudgetLine {
                label: short(label),
                amount: positive_usd(amount),
            })
            .collect(),
    )
}

fn requesting(amount: &str) -> UpdateApplicationRequest {
    UpdateApplicationRequest {
        requested: Some(positive_usd(amount)),
        budget_lines: lines(&[("All", amount)]),
        ..no_change()
    }
}

async fn submission_rules_refuse_by_name(app: TestApp) {
    let (applicant, _) = verified_organization(&app, "KE").await;
    let call = open_call(&app).await;
    let id = draft(&app, &applicant, call).await;
    let mine = app.as_(&applicant).application(id);

    mine.clone().edit(&requesting("70000.00")).await.ok();
    let refused = mine
        .clone()
        .submit()
        .await
        .refused(422, "amount-out-of-range");
    assert_eq!(refused.fields(), vec!["requested"]);
    mine.clone().edit(&requesting("10000.00")).await.ok();
    mine.clone()
        .submit()
        .await
        .refused(422, "amount-out-of-range");

    mine.clone()
        .edit(&UpdateApplicationRequest {
            duration_months: Some(25),
            ..requesting("45000.00")
        })
        .await
        .ok();
    let refused = mine
        .clone()
        .submit()
        .await
        .refused(422, "duration-too-long");
    assert_eq!(refused.fields(), vec!["duration_months"]);

    mine.clone()
        .edit(&UpdateApplicationRequest {
            duration_months: Some(24),
            budget_lines: lines(&[("Rent", "30000.00"), ("Staff", "14999.99")]),
            ..no_change()
        })
        .await
        .ok();
    let refused = mine.clone().submit().await.refused(422, "budget-mismatch");
    refused.says("44999.99 USD").says("45000.00 USD");
    assert_eq!(refused.rule.as_deref(), Some("budget-mismatch"));

    // Still a draft after every refusal; fixed, it goes through.
    assert_eq!(mine.clone().get().await.ok().state, ApplicationState::Draft);
    mine.clone()
        .edit(&UpdateApplicationRequest {
            budget_lines: lines(&[("Rent", "30000.00"), ("Staff", "15000.00")]),
            ..no_change()
        })
        .await
        .ok();
    mine.submit().await.ok();
}

async fn the_call_window_and_duplicates_are_enforced(app: TestApp) {
    let (applicant, organization) = verified_organization(&app, "KE").await;
    let secretariat = app.user(Role::Secretariat).await;
    let calls = app.as_(&secretariat).calls();
    let terms = |opens_in_days: i64, closes_in_days: i64| CallRequest {
        title: short("Call"),
        description: text("d"),
        eligible_org_types: vec![OrgType::Ngo],
        priority_groups: vec![],
        priority_exploitation: vec![],
        ..bodies::call(opens_in_days, closes_in_days)
    };
    let closed = calls
        .clone()
        .publish(&terms(-20, 1))
        .await
        .created()
        .call
        .id;
    // A call cannot be created closed: time passes instead.
    close_call(&app, closed).await;
    let upcoming = calls.publish(&terms(2, 20)).await.created().call.id;

    // No draft under a closed call; a draft ahead of the window cannot be submitted yet.
    let as_applicant = app.as_(&applicant);
    as_applicant
        .applications()
        .create(&application(closed))
        .await
        .refused(422, "call-closed");
    let early = draft(&app, &applicant, upcoming).await;
    as_applicant
        .application(early)
        .submit()
        .await
        .refused(422, "call-closed");

    // One application per organisation per call; withdrawn ones don't count.
    let call = open_call(&app).await;
    let first = draft(&app, &applicant, call).await;
    as_applicant
        .applications()
        .create(&application(call))
        .await
        .refused(422, "duplicate-application");
    as_applicant
        .application(first)
        .withdraw(&trustfund::api::applications::WithdrawApplicationRequest {
            reason: text("no longer needed"),
        })
        .await
        .ok();
    let second = draft(&app, &applicant, call).await;
    as_applicant.application(second).submit().await.ok();
    // A colleague of the same organisation is refused too.
    assert_eq!(
        as_applicant.me().get().await.ok().organization_id,
        Some(organization)
    );
    as_applicant
        .organization(organization)
        .add_applicant(
            &json!({"email": "colleague@example.org", "name": "C", "password": PASSWORD}),
        )
        .await
        .created();
    let token = app.login("colleague@example.org", PASSWORD).await;
    app.with_token(&token)
        .applications()
        .create(&application(call))
        .await
        .refused(422, "duplicate-application");
}

/// Registers the organisation `body` describes (not verified) and signs its applicant in.
async fn registered(app: &TestApp, body: Value) -> (TestUser, trustfund::domain::OrganizationId) {
    let email = body["applicant"]["email"].as_str().unwrap().to_string();
    let created = app
        .anonymous()
        .organizations()
        .register(&body)
        .await
        .created();
    let token = app.login(&email, PASSWORD).await;
    let applicant = TestUser {
        id: created.applicant.id.as_uuid(),
        email,
        role: Role::Applicant,
        token,
    };
    (applicant, created.organization.id)
}

async fn unverified_and_ineligible_organisations_cannot_submit(app: TestApp) {
    let call = open_call(&app).await;
    // Pending: may draft, may not submit.
    let (pending, organization) = registered(&app, registration("KE")).await;
    let id = draft(&app, &pending, call).await;
    let submit = app.as_(&pending).application(id);
    submit
        .clone()
        .submit()
        .await
        .refused(422, "organization-not-verified");
    // Refused: still not.
    let secretariat = app.as_(&app.user(Role::Secretariat).await);
    secretariat
        .organization(organization)
        .verify(&VerificationRequest {
            verified: false,
            reason: Some(text("no bank letter")),
        })
        .await
        .ok();
    submit
        .submit()
        .await
        .refused(422, "organization-not-verified");

    // A governmental body under a call for NGOs only.
    let mut gov = registration("PH");
    gov["org_type"] = json!("governmental");
    let (official, organization) = registered(&app, gov).await;
    secretariat
        .organization(organization)
        .verify(&VerificationRequest {
            verified: true,
            reason: None,
        })
        .await
        .ok();
    let id = draft(&app, &official, call).await;
    app.as_(&official)
        .application(id)
        .submit()
        .await
        .refused(422, "organization-type-ineligible");
}

/// Shapes the crate's types cannot hold go as JSON, one field changed from a valid draft.
async fn drafts_are_checked_for_shape(app: TestApp) {
    let (applicant, _) = verified_organization(&app, "KE").await;
    let call = open_call(&app).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("countries", json!([]), "countries"),
        ("countries", json!(["KE", "KE"]), "countries[1]"),
        ("countries", json!(["KE", "ZZ"]), "countries[1]"),
        (
            "beneficiaries",
            json!([{"sex": "female", "age_group": "child", "count": 0}]),
            "beneficiaries",
        ),
        (
            "beneficiaries",
            json!([{"sex": "female", "age_group": "child", "count": -1}]),
            "beneficiaries[0].count",
        ),
        (
            "beneficiaries",
            json!([{"sex": "female", "age_group": "child", "count": 3, "name": "Jane"}]),
            "beneficiaries[0].name",
        ),
        ("exploitation", json!(["piracy"]), "exploitation[0]"),
        ("aid_types", json!([]), "aid_types"),
        (
            "requested",
            json!({"amount": "45000.00", "currency": "EUR"}),
            "requested.currency",
        ),
        (
            "requested",
            json!({"amount": "0", "currency": "USD"}),
            "requested",
        ),
        ("budget_lines", json!([]), "budget_lines"),
        (
            "budget_lines",
            json!([{"label": "Rent", "amount": {"amount": "-5.00", "currency": "USD"}}]),
            "budget_lines[0].amount",
        ),
        (
            "budget_lines",
            json!([{"label": "Rent", "amount": {"amount": "45000.00", "currency": "EUR"}}]),
            "budget_lines[0].amount.currency",
        ),
        ("duration_months", json!(0), "duration_months"),
        ("call_id", json!(uuid::Uuid::new_v4()), "call_id"),
    ];
    let applications = app.as_(&applicant).applications();
    for (field, value, named) in cases {
        let mut body = serde_json::to_value(application(call)).unwrap();
        body[field] = value;
        let bad = applications
            .clone()
            .create(&body)
            .await
            .refused(400, "validation");
        assert_eq!(bad.fields(), vec![named], "{field}");
    }
    for role in [Role::Secretariat, Role::Trustee, Role::Admin] {
        let user = app.user(role).await;
        app.as_(&user)
            .applications()
            .create(&application(call))
            .await
            .refused(403, "forbidden");
    }
}
