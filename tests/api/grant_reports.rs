//! Grantee reports: filing, reading, refusals by rule name, who may see and file what,
//! and the secretariat's review (accept, return with comments, file again).

use serde_json::{json, Value};
use trustfund::api::grant_reports::{ReportRequest, ReviewRequest};
use trustfund::auth::Role;
use trustfund::calls::{AgeGroup, Exploitation, Sex};
use trustfund::db::Page;
use trustfund::domain::{Currency, GrantId, GrantReportId, Money};
use trustfund::grant_reports::{BeneficiaryCount, ReportKind, ReportState, ReportView};
use trustfund::grants::{GrantState, GrantView};
use trustfund::ledger::TransactionKind;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{
    self, days_from_today, disbursement, in_currency, spent_on, today, two_tranche_agreement,
};
use crate::support::grants::{self as stages, fund_balances, ledger_violations, Awarded};
use crate::support::resources::ALL;
use crate::support::scenarios::{demo_user, load_demo, verified_organization};
use crate::support::trail::changes;
use crate::support::{paths, text, usd, Reply};

/// What `grant_report.created` records after the filing (the field read here).
#[derive(Debug, serde::Deserialize)]
struct Filed {
    after: FiledReport,
}

#[derive(Debug, serde::Deserialize)]
struct FiledReport {
    spent_total: Money,
}

on_both_backends!(
    a_grantee_files_a_progress_report_and_reads_it_back,
    refusals_name_the_field_and_the_rule_and_write_nothing,
    only_the_grantee_files_and_only_the_grantee_staff_and_auditors_read,
    a_returned_report_is_filed_again_as_a_new_version,
    reports_wait_for_the_agreement_and_name_its_tranches,
    accepted_reports_open_later_tranches_and_the_final_one_closes_the_grant,
    filings_racing_over_two_instances_make_one_report_per_tranche,
    reviews_racing_over_two_instances_close_the_grant_once,
    the_demo_grant_has_a_report_waiting_for_review,
    a_report_accounts_only_for_money_received,
);

/// A grant awarded to a Kenyan NGO (USD 30,000) in a Fund holding 100,000, with that
/// NGO's applicant; no agreement yet.
async fn awarded_grant(app: &TestApp) -> Awarded {
    stages::awarded_grant(app, "100000.00").await
}

/// An awarded grant whose agreement is signed today: a grant period from 60 days ago to
/// 300 days ahead, two tranches of USD 15,000 (due today and in 150 days), and a budget
/// of "Shelter rent" 20,000 and "Lawyers" 10,000.
async fn signed_grant(app: &TestApp) -> Awarded {
    let g = awarded_grant(app).await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&two_tranche_agreement())
        .await
        .created();
    g
}

/// A signed grant whose first tranche (USD 15,000) is paid: the grantee has money to
/// report on.
async fn paid_grant(app: &TestApp) -> Awarded {
    let g = signed_grant(app).await;
    pay(app, &g, 1, "15000.00").await.created();
    g
}

/// Finance pays `amount` USD on `tranche` of the grant.
async fn pay(
    app: &TestApp,
    g: &Awarded,
    tranche: i32,
    amount: &str,
) -> Reply<trustfund::grants::DisbursementView> {
    app.as_(&g.finance)
        .grant(g.grant)
        .pay(&disbursement(tranche, amount))
        .await
}

fn beneficiaries(
    sex: Sex,
    age_group: AgeGroup,
    exploitation: Exploitation,
    count: u32,
) -> BeneficiaryCount {
    BeneficiaryCount {
        sex,
        age_group,
        exploitation,
        count,
    }
}

/// A sound progress report on `tranche`, over the last thirty days.
fn progress(tranche: i32) -> ReportRequest {
    ReportRequest {
        kind: ReportKind::Progress,
        tranche: Some(tranche),
        period_start: days_from_today(-30),
        period_end: today(),
        beneficiaries: vec![
            beneficiaries(
                Sex::Female,
                AgeGroup::Child,
                Exploitation::SexualExploitation,
                12,
            ),
            beneficiaries(Sex::Male, AgeGroup::Adult, Exploitation::ForcedLabour, 5),
        ],
        spent: vec![
            spent_on("Shelter rent", usd("7500.00")),
            spent_on("Lawyers", usd("2500.50")),
        ],
        narrative: text("Seventeen survivors sheltered and represented."),
    }
}

/// [`progress`] on `tranche` showing `spent` (label, USD) instead.
fn spending(tranche: i32, spent: &[(&str, &str)]) -> ReportRequest {
    ReportRequest {
        spent: spent
            .iter()
            .map(|(label, amount)| spent_on(label, usd(amount)))
            .collect(),
        ..progress(tranche)
    }
}

/// A final report naming tranche 2, with `shelter` and `lawyers` spent.
fn final_report(shelter: &str, lawyers: &str) -> ReportRequest {
    ReportRequest {
        kind: ReportKind::Final,
        ..spending(2, &[("Shelter rent", shelter), ("Lawyers", lawyers)])
    }
}

/// A review: accepted, or returned with `comments`.
fn review_of(accepted: bool, comments: Option<&str>) -> ReviewRequest {
    ReviewRequest {
        accepted,
        comments: comments.map(text),
    }
}

async fn file(
    app: &TestApp,
    who: &TestUser,
    grant: GrantId,
    body: &(impl serde::Serialize + ?Sized),
) -> Reply<ReportView> {
    app.as_(who).grant(grant).file_report(&body).await
}

async fn review(
    app: &TestApp,
    who: &TestUser,
    report: GrantReportId,
    body: &ReviewRequest,
) -> Reply<ReportView> {
    app.as_(who).report(report).review(body).await
}

async fn reports_of(app: &TestApp, who: &TestUser, grant: GrantId) -> Vec<ReportView> {
    app.as_(who).grant(grant).reports().await.ok().items
}

async fn grant(app: &TestApp, who: &TestUser, grant: GrantId) -> GrantView {
    app.as_(who).grant(grant).get().await.ok()
}

/// The actions of an entity's audit events, newest first, as an auditor reads them.
async fn audit_actions(app: &TestApp, entity_type: &str, id: impl ToString) -> Vec<String> {
    let auditor = app.user(Role::Auditor).await;
    let id = id.to_string();
    app.as_(&auditor)
        .audit()
        .list(&[("entity_type", entity_type), ("entity_id", id.as_str())])
        .await
        .ok()
        .items
        .into_iter()
        .map(|e| e.action)
        .collect()
}

/// A report as JSON, to compare two readings of it whole.
fn whole(report: &ReportView) -> Value {
    serde_json::to_value(report).expect("a report serializes")
}

fn less(a: Money, b: Money) -> Money {
    a.checked_sub(b).expect("amounts in one currency")
}

async fn a_grantee_files_a_progress_report_and_reads_it_back(app: TestApp) {
    let g = paid_grant(&app).await;
    let applicant = &g.applicant;
    let filed = file(&app, applicant, g.grant, &progress(1)).await.raw();
    let location = filed.header("location");
    let report: ReportView = Reply::new(filed).created();
    let id = report.id;
    assert_eq!(location, Some(paths::report(id)));
    assert_eq!(report.state, ReportState::Submitted);
    assert_eq!(report.kind, ReportKind::Progress);
    assert_eq!(report.tranche, Some(1));
    assert_eq!(report.version, 1);
    assert_eq!(report.grant_id, g.grant);
    assert_eq!(report.beneficiaries_total, 17);
    assert_eq!(
        report.beneficiaries[1].exploitation,
        Exploitation::ForcedLabour
    );
    assert_eq!(report.spent_total, usd("10000.50"));
    assert_eq!(report.spent[1], spent_on("Lawyers", usd("2500.50")));
    assert!(report.review.is_none());

    let read = app.as_(applicant).report(id).get().await.ok();
    assert_eq!(whole(&read), whole(&report));
    let listed = reports_of(&app, applicant, g.grant).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(whole(&listed[0]), whole(&report));

    // Filing is an audit event, with the report as filed.
    let auditor = app.user(Role::Auditor).await;
    let id = id.to_string();
    let events = app
        .as_(&auditor)
        .audit()
        .list(&[("entity_type", "grant_report"), ("entity_id", id.as_str())])
        .await
        .ok()
        .items;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, "grant_report.created");
    assert_eq!(events[0].actor_id, Some(applicant.id.to_string()));
    let filed: Filed = changes(&events[0]);
    assert_eq!(filed.after.spent_total, usd("10000.50"));
}

async fn refusals_name_the_field_and_the_rule_and_write_nothing(app: TestApp) {
    let g = paid_grant(&app).await;
    let (applicant, grant) = (&g.applicant, g.grant);
    let slavery = |count| beneficiaries(Sex::Female, AgeGroup::Child, Exploitation::Slavery, count);
    let refusals: Vec<(ReportRequest, u16, &str, &str)> = vec![
        (
            ReportRequest {
                tranche: None,
                ..progress(1)
            },
            422,
            "report-tranche-required",
            "tranche",
        ),
        (progress(0), 422, "report-tranche-out-of-range", "tranche"),
        (
            ReportRequest {
                period_start: today(),
                period_end: days_from_today(-1),
                ..progress(1)
            },
            422,
            "report-period",
            "period_end",
        ),
        (progress(3), 422, "report-tranche-out-of-range", "tranche"),
        (
            ReportRequest {
                period_start: days_from_today(-61),
                ..progress(1)
            },
            422,
            "report-period",
            "period_start",
        ),
        (
            ReportRequest {
                period_end: days_from_today(1),
                ..progress(1)
            },
            422,
            "report-period",
            "period_end",
        ),
        (
            ReportRequest {
                spent: vec![spent_on("Rent", in_currency("10.00", "EUR"))],
                ..progress(1)
            },
            422,
            "currency-mismatch",
            "spent[0].amount.currency",
        ),
        (
            spending(1, &[("Rent", "20000.00"), ("Staff", "10000.01")]),
            422,
            "report-spent-exceeds-award",
            "spent",
        ),
        (
            spending(1, &[("Rent", "-1.00")]),
            400,
            "validation",
            "spent[0].amount",
        ),
        (spending(1, &[]), 400, "validation", "spent"),
        (
            ReportRequest {
                beneficiaries: vec![],
                ..progress(1)
            },
            400,
            "validation",
            "beneficiaries",
        ),
        (
            ReportRequest {
                beneficiaries: vec![slavery(1), slavery(2)],
                ..progress(1)
            },
            400,
            "validation",
            "beneficiaries[1]",
        ),
    ];
    for (body, status, name, field) in refusals {
        let refused = file(&app, applicant, grant, &body)
            .await
            .refused(status, name);
        assert_eq!(refused.fields(), vec![field], "{body:?}");
        if status == 422 {
            assert_eq!(refused.rule.as_deref(), Some(name));
        }
    }
    // Never a person: a beneficiary line has no room for a name, an unknown category is
    // refused, and so is a count below zero. None of these fits the crate's type: JSON.
    for beneficiary in [
        json!({"sex": "female", "age_group": "child", "exploitation": "slavery", "count": 1, "name": "Amina"}),
        json!({"sex": "female", "age_group": "teen", "exploitation": "slavery", "count": 1}),
        json!({"sex": "female", "age_group": "child", "exploitation": "forced_labor", "count": 1}),
        json!({"sex": "female", "age_group": "child", "exploitation": "slavery", "count": -1}),
    ] {
        let mut hostile = serde_json::to_value(progress(1)).expect("a report serializes");
        hostile["beneficiaries"] = json!([beneficiary]);
        file(&app, applicant, grant, &hostile)
            .await
            .refused(400, "validation");
    }
    assert!(reports_of(&app, applicant, grant).await.is_empty());
    // Everything received spent, in a final report that names no tranche, is fine.
    let filed = file(
        &app,
        applicant,
        grant,
        &ReportRequest {
            kind: ReportKind::Final,
            tranche: None,
            ..spending(1, &[("Shelter rent", "15000.00")])
        },
    )
    .await
    .created();
    assert_eq!(filed.tranche, None);
}

async fn only_the_grantee_files_and_only_the_grantee_staff_and_auditors_read(app: TestApp) {
    let g = paid_grant(&app).await;
    let (applicant, grant) = (&g.applicant, g.grant);
    let report = file(&app, applicant, grant, &progress(1))
        .await
        .created()
        .id;
    let (stranger, _) = verified_organization(&app, "UG").await;

    // Another organisation's applicant learns nothing: 404 for the grant and the report.
    file(&app, &stranger, grant, &progress(2))
        .await
        .refused(404, "not-found");
    app.as_(&stranger)
        .grant(grant)
        .reports()
        .await
        .refused(404, "not-found");
    app.as_(&stranger)
        .report(report)
        .get()
        .await
        .refused(404, "not-found");
    // An unknown grant is a 404 too.
    file(&app, applicant, GrantId::new(), &progress(1))
        .await
        .refused(404, "not-found");

    // Only applicants file; only the secretariat reviews.
    for role in [Role::Secretariat, Role::Finance, Role::Trustee, Role::Admin] {
        let user = app.user(role).await;
        file(&app, &user, grant, &progress(2))
            .await
            .refused(403, "forbidden");
    }
    for user in [
        applicant.clone(),
        app.user(Role::Finance).await,
        app.user(Role::Trustee).await,
    ] {
        review(&app, &user, report, &review_of(true, Some("fine")))
            .await
            .refused(403, "forbidden");
    }

    // Staff and auditors read; trustees do not.
    for role in [Role::Secretariat, Role::Finance, Role::Admin, Role::Auditor] {
        let user = app.user(role).await;
        assert_eq!(reports_of(&app, &user, grant).await.len(), 1);
        app.as_(&user).report(report).get().await.ok();
    }
    // Only a UUID is a report id: the Fund's own reports share the prefix and are
    // answered as themselves, and anything else there is not a report. (The Fund's
    // reports are read as JSON: their views belong to their feature.)
    let auditor = app.user(Role::Auditor).await;
    let geography: Value = app
        .as_(&auditor)
        .get(paths::fund_report("geography"))
        .await
        .ok();
    assert!(geography["regional_groups"].is_array(), "{geography}");
    app.as_(&auditor)
        .get::<Value>(paths::fund_report("not-a-report"))
        .await
        .refused(404, "not-found");
    let trustee = app.user(Role::Trustee).await;
    app.as_(&trustee)
        .report(report)
        .get()
        .await
        .refused(403, "forbidden");
    app.as_(&trustee)
        .grant(grant)
        .reports()
        .await
        .refused(403, "forbidden");
    assert_eq!(reports_of(&app, applicant, grant).await.len(), 1);
}

async fn a_returned_report_is_filed_again_as_a_new_version(app: TestApp) {
    let g = paid_grant(&app).await;
    let (applicant, grant) = (&g.applicant, g.grant);
    let secretariat = app.user(Role::Secretariat).await;
    let first = file(&app, applicant, grant, &progress(1))
        .await
        .created()
        .id;
    // One open report per tranche and kind.
    file(&app, applicant, grant, &progress(1))
        .await
        .refused(409, "conflict");

    // Returning says why.
    let refused = review(&app, &secretariat, first, &review_of(false, None))
        .await
        .refused(400, "validation");
    assert_eq!(refused.fields(), vec!["comments"]);
    let returned = review(
        &app,
        &secretariat,
        first,
        &review_of(false, Some("Split the rent by shelter.")),
    )
    .await
    .ok();
    assert_eq!(returned.state, ReportState::Returned);
    let verdict = returned.review.expect("a review");
    assert!(!verdict.accepted);
    assert_eq!(
        verdict.comments.as_deref(),
        Some("Split the rent by shelter.")
    );
    assert_eq!(verdict.reviewed_by, secretariat.id.into());
    // A report is reviewed once.
    review(&app, &secretariat, first, &review_of(true, None))
        .await
        .refused(409, "conflict");

    // Filed again: a new version; the returned one stays as it was.
    let again = spending(1, &[("Shelter rent", "8000.00"), ("Lawyers", "3500.00")]);
    let second = file(&app, applicant, grant, &again).await.created();
    assert_eq!(second.version, 2);
    let second = second.id;
    let accepted = review(&app, &secretariat, second, &review_of(true, None))
        .await
        .ok();
    assert_eq!(accepted.state, ReportState::Accepted);
    assert_eq!(accepted.review.expect("a review").comments, None);
    // An accepted report is open too: no third filing on the tranche.
    file(&app, applicant, grant, &progress(1))
        .await
        .refused(409, "conflict");
    // The next tranche, once paid, is its own place.
    pay(&app, &g, 2, "1000.00").await.created();
    file(
        &app,
        applicant,
        grant,
        &spending(2, &[("Shelter rent", "12000.00")]),
    )
    .await
    .created();

    let history = reports_of(&app, applicant, grant).await;
    let states: Vec<_> = history
        .iter()
        .map(|r| (r.tranche, r.version, r.state))
        .collect();
    assert_eq!(
        states,
        vec![
            (Some(2), 1, ReportState::Submitted),
            (Some(1), 2, ReportState::Accepted),
            (Some(1), 1, ReportState::Returned),
        ]
    );
    let old = app.as_(applicant).report(first).get().await.ok();
    assert_eq!(old.spent[0].label.as_str(), "Shelter rent");

    // Each review is an audit event naming the outcome.
    for (id, action) in [
        (first, "grant_report.returned"),
        (second, "grant_report.accepted"),
    ] {
        let actions = audit_actions(&app, "grant_report", id).await;
        assert!(actions.contains(&action.to_string()), "{actions:?}");
    }
}

async fn reports_wait_for_the_agreement_and_name_its_tranches(app: TestApp) {
    let g = awarded_grant(&app).await;
    let refused = file(&app, &g.applicant, g.grant, &progress(1))
        .await
        .refused(422, "no-agreement");
    assert_eq!(refused.rule.as_deref(), Some("no-agreement"));
    let secretariat = app.user(Role::Secretariat).await;
    assert!(reports_of(&app, &secretariat, g.grant).await.is_empty());
}

async fn accepted_reports_open_later_tranches_and_the_final_one_closes_the_grant(app: TestApp) {
    let g = signed_grant(&app).await;
    let (applicant, grant_id, finance) = (&g.applicant, g.grant, &g.finance);
    let secretariat = app.user(Role::Secretariat).await;
    pay(&app, &g, 1, "15000.00").await.created();
    // Tranche 2 waits for the report on tranche 1: filed is not enough, accepted is.
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "report-pending");
    let first = file(&app, applicant, grant_id, &progress(1))
        .await
        .created()
        .id;
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "report-pending");
    review(
        &app,
        &secretariat,
        first,
        &review_of(false, Some("Add receipts.")),
    )
    .await
    .ok();
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "report-pending");
    // Exactly the 70% of the money received that the next tranche asks to see spent.
    let spent_enough = spending(1, &[("Shelter rent", "7500.00"), ("Lawyers", "3000.00")]);
    let again = file(&app, applicant, grant_id, &spent_enough)
        .await
        .created()
        .id;
    review(&app, &secretariat, again, &review_of(true, None))
        .await
        .ok();
    // Accepted: tranche 2 is paid (a part of it).
    pay(&app, &g, 2, "5000.00").await.created();

    // The final report: only one at a time, whatever tranche it names.
    let closing = file(
        &app,
        applicant,
        grant_id,
        &final_report("12000.00", "8000.00"),
    )
    .await
    .created()
    .id;
    let other = ReportRequest {
        tranche: None,
        ..final_report("12000.00", "8000.00")
    };
    file(&app, applicant, grant_id, &other)
        .await
        .refused(409, "conflict");
    let open = grant(&app, &secretariat, grant_id).await;
    assert_eq!(open.state, GrantState::AgreementSigned);
    assert_eq!(open.disbursed, usd("20000.00"));

    // Accepted, the final report closes the grant: what is still committed (the unpaid
    // USD 10,000 of tranche 2 and its programme support cost) goes back to the available
    // balance, and nothing more is paid. The grantee attaches its financial statement
    // first: a final report is accepted with one.
    app.as_(applicant)
        .report(closing)
        .with_financial_statement()
        .await;
    let before = fund_balances(&app, finance).await;
    let accepted = review(
        &app,
        &secretariat,
        closing,
        &review_of(true, Some("Thank you.")),
    )
    .await
    .ok();
    assert_eq!(accepted.state, ReportState::Accepted);
    let closed = grant(&app, &secretariat, grant_id).await;
    assert_eq!(closed.state, GrantState::Closed, "{closed:?}");
    assert_eq!(closed.released, open.committed, "{closed:?}");
    assert_eq!(closed.committed, usd("0.00"), "{closed:?}");
    // 10,000.00 unpaid of tranche 2, and its programme support cost (13%) not charged.
    assert_eq!(closed.released, usd("11300.00"), "{closed:?}");
    let after = fund_balances(&app, finance).await;
    assert_eq!(less(after.available, before.available), closed.released);
    pay(&app, &g, 2, "15000.00")
        .await
        .refused(422, "grant-closed");
    file(&app, applicant, grant_id, &progress(2))
        .await
        .refused(422, "grant-closed");
    assert!(ledger_violations(&app, finance).await.is_empty());

    // The closure is in the trail beside the acceptance that caused it.
    let actions = audit_actions(&app, "grant", grant_id).await;
    assert!(actions.contains(&"grant.closed".to_string()), "{actions:?}");
}

async fn filings_racing_over_two_instances_make_one_report_per_tranche(app: TestApp) {
    let g = paid_grant(&app).await;
    let other = app.another_instance().await;
    let report = progress(1);
    let mut racing = Vec::new();
    for i in 0..8 {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let (applicant, grant, report) = (app.as_(&g.applicant).at(&base), g.grant, &report);
        racing.push(async move { applicant.grant(grant).file_report(report).await.raw() });
    }
    let answers = futures_util::future::join_all(racing).await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    statuses.sort();
    assert_eq!(statuses, [vec![201], vec![409; 7]].concat(), "{answers:?}");
    let reports = reports_of(&app, &g.applicant, g.grant).await;
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].version, 1);
}

async fn reviews_racing_over_two_instances_close_the_grant_once(app: TestApp) {
    let g = signed_grant(&app).await;
    let secretariat = app.user(Role::Secretariat).await;
    // Nothing was paid: the final report is on the grant as a whole, no tranche named.
    let nothing_paid = ReportRequest {
        tranche: None,
        ..final_report("0.00", "0.00")
    };
    let report = file(&app, &g.applicant, g.grant, &nothing_paid)
        .await
        .created()
        .id;
    app.as_(&g.applicant)
        .report(report)
        .with_financial_statement()
        .await;
    let other = app.another_instance().await;
    let accept = review_of(true, None);
    let mut racing = Vec::new();
    for i in 0..6 {
        let base = if i % 2 == 0 {
            app.address.clone()
        } else {
            other.clone()
        };
        let reviewer = app.as_(&secretariat).at(&base);
        let accept = &accept;
        racing.push(async move { reviewer.report(report).review(accept).await.raw() });
    }
    let answers = futures_util::future::join_all(racing).await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    statuses.sort();
    assert_eq!(statuses, [vec![200], vec![409; 5]].concat(), "{answers:?}");
    let closed = grant(&app, &secretariat, g.grant).await;
    assert_eq!(closed.state, GrantState::Closed);
    // The whole commitment (award and programme support cost) released, once.
    assert_eq!(closed.released, usd("33900.00"), "{closed:?}");
    let releases = app
        .as_(&g.finance)
        .ledger()
        .journal(&[("kind", "release"), ("limit", "200")])
        .await
        .ok();
    assert_eq!(releases.items.len(), 1, "{:?}", releases.items);
    assert_eq!(releases.items[0].kind, TransactionKind::Release);
}

async fn the_demo_grant_has_a_report_waiting_for_review(app: TestApp) {
    // Loading twice files nothing twice.
    load_demo(&app).await;
    load_demo(&app).await;
    let secretariat = demo_user(&app, Role::Secretariat).await;
    // Grants are read as the crate's view here (the typed list still answers JSON).
    let grants: Page<GrantView> = app
        .as_(&secretariat)
        .get(paths::with_query(paths::grants(), ALL))
        .await
        .ok();
    // The Board session's grant (the only award of 45,000.00; the others are money out's
    // stages, see money_out.rs).
    let signed: Vec<_> = grants
        .items
        .iter()
        .filter(|g| g.state == GrantState::AgreementSigned && g.award == usd("45000.00"))
        .collect();
    assert_eq!(signed.len(), 1, "{:?}", grants.items);
    let reports = reports_of(&app, &secretariat, signed[0].id).await;
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].state, ReportState::Submitted);
    assert_eq!(reports[0].kind, ReportKind::Progress);
    assert_eq!(reports[0].tranche, Some(1));
    assert_eq!(reports[0].spent_total.currency(), Currency::USD);
    assert_eq!(reports[0].beneficiaries_total, 29);
}

/// Money spent is capped at what the grantee received: disbursed, net of refunds.
async fn a_report_accounts_only_for_money_received(app: TestApp) {
    let g = signed_grant(&app).await;
    let (applicant, grant_id) = (&g.applicant, g.grant);
    let secretariat = app.user(Role::Secretariat).await;
    let spending = |amount: &str| spending(1, &[("Shelter rent", amount)]);
    // Nothing paid yet: nothing to account for.
    let refused = file(&app, applicant, grant_id, &spending("0.01"))
        .await
        .refused(422, "report-spent-exceeds-paid");
    assert_eq!(refused.fields(), vec!["spent"]);
    assert_eq!(refused.rule.as_deref(), Some("report-spent-exceeds-paid"));
    pay(&app, &g, 1, "15000.00").await.created();
    file(&app, applicant, grant_id, &spending("15000.01"))
        .await
        .refused(422, "report-spent-exceeds-paid");
    // A refund lowers what the grantee holds.
    app.as_(&g.finance)
        .grant(grant_id)
        .refund(&bodies::refund("1000.00"))
        .await
        .created();
    file(&app, applicant, grant_id, &spending("14000.01"))
        .await
        .refused(422, "report-spent-exceeds-paid");
    assert!(reports_of(&app, &secretariat, grant_id).await.is_empty());
    let filed = file(&app, applicant, grant_id, &spending("14000.00"))
        .await
        .created();
    assert_eq!(filed.spent_total, usd("14000.00"));
    assert_eq!(reports_of(&app, &secretariat, grant_id).await.len(), 1);
}
