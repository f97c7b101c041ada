//! A budget at the award: the Board awarded 30,000 on a budget of 45,000, so the
//! agreement sets budget lines adding up to the award (or takes the application's when
//! they already do); reports spend only on those lines, within the allowed share over
//! each; the grant view shows each line's budget, spent and balance.

use trustfund::api::grant_reports::ReportRequest;
use trustfund::api::grants::AgreementRequest;
use trustfund::domain::{GrantId, GrantReportId, Money};
use trustfund::grant_reports::{BeneficiaryCount, ReportView, SpentLine};
use trustfund::grants::{BudgetLineView, GrantState, GrantView};

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{
    self, agreement, budget_at_award, disbursement, progress_report, spent_on, tranche,
};
use crate::support::grants::{awarded_grant, awarded_grant_of, check_ok, first_tranche_paid};
use crate::support::{paths, short, text, usd, Reply};

on_both_backends!(
    reports_spend_only_on_the_budget_lines_within_the_allowed_share,
    the_agreement_needs_budget_lines_adding_up_to_the_award,
    an_application_budget_equal_to_the_award_is_taken_as_it_is,
);

/// A progress report on `tranche` today: four adult women assisted, `spent` spent.
fn report(tranche: i32, spent: &[(&str, &str)]) -> ReportRequest {
    let mut body = progress_report(
        tranche,
        spent
            .iter()
            .map(|(label, amount)| spent_on(label, usd(amount)))
            .collect::<Vec<SpentLine>>(),
    );
    body.beneficiaries = vec![BeneficiaryCount {
        count: 4,
        ..body.beneficiaries[0]
    }];
    body.narrative = text("Four survivors sheltered and represented.");
    body
}

async fn file(
    app: &TestApp,
    who: &TestUser,
    grant: GrantId,
    body: &ReportRequest,
) -> Reply<ReportView> {
    app.as_(who).grant(grant).file_report(body).await
}

async fn accept(app: &TestApp, secretariat: &TestUser, report: GrantReportId) {
    app.as_(secretariat)
        .report(report)
        .review(&bodies::accept())
        .await
        .ok();
}

async fn grant(app: &TestApp, who: &TestUser, id: GrantId) -> GrantView {
    app.as_(who).grant(id).get().await.ok()
}

fn line<'v>(view: &'v GrantView, label: &str) -> &'v BudgetLineView {
    view.budget
        .iter()
        .find(|l| l.label == label)
        .unwrap_or_else(|| panic!("no line {label} in {view:?}"))
}

/// A budget line as the view shows it: (label, budget, spent, balance).
fn lines(view: &GrantView) -> Vec<(&str, Money, Money, Money)> {
    view.budget
        .iter()
        .map(|l| (l.label.as_str(), l.budget, l.spent, l.balance))
        .collect()
}

/// The story: "Luxury vehicle" 9,000 and "Staff bonus" 4,000 were accepted on a
/// grant whose budget has neither. Now they are refused, by line.
async fn reports_spend_only_on_the_budget_lines_within_the_allowed_share(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (id, finance) = (g.grant, &g.finance);

    let story = report(
        1,
        &[("Luxury vehicle", "9000.00"), ("Staff bonus", "4000.00")],
    );
    let refused = file(&app, &g.applicant, id, &story)
        .await
        .refused(422, "unknown-budget-line");
    assert_eq!(refused.fields(), ["spent[0].label"]);
    refused.says("Luxury vehicle");
    let mixed = report(1, &[("Shelter rent", "100.00"), ("Staff bonus", "4000.00")]);
    let refused = file(&app, &g.applicant, id, &mixed)
        .await
        .refused(422, "unknown-budget-line");
    assert_eq!(refused.fields(), ["spent[1].label"]);

    let sound = report(1, &[("Shelter rent", "7000.00"), ("Lawyers", "4000.00")]);
    let filed = file(&app, &g.applicant, id, &sound).await.created();
    // Filed is not spent: only accepted reports count on the view.
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(line(&view, "Lawyers").spent, usd("0.00"));
    accept(&app, &g.secretariat, filed.id).await;
    let view = grant(&app, &g.applicant, id).await;
    assert_eq!(
        lines(&view),
        [
            (
                "Shelter rent",
                usd("20000.00"),
                usd("7000.00"),
                usd("13000.00")
            ),
            ("Lawyers", usd("10000.00"), usd("4000.00"), usd("6000.00")),
        ]
    );

    // A report states spending to its date. Lawyers: 10% over its 10,000 lets it reach
    // 11,000 and no further.
    app.as_(finance)
        .grant(id)
        .pay(&disbursement(2, "10000.00"))
        .await
        .created();
    let over = report(2, &[("Shelter rent", "7000.00"), ("Lawyers", "11000.01")]);
    let refused = file(&app, &g.applicant, id, &over)
        .await
        .refused(422, "budget-line-overspent");
    assert_eq!(refused.fields(), ["spent[1].amount"]);
    for figure in ["10000.00 USD", "11000.01 USD", "11000.00 USD"] {
        refused.says(figure);
    }
    let within = report(2, &[("Shelter rent", "7000.00"), ("Lawyers", "11000.00")]);
    let filed = file(&app, &g.applicant, id, &within).await.created();
    accept(&app, &g.secretariat, filed.id).await;
    let view = grant(&app, &g.secretariat, id).await;
    assert_eq!(line(&view, "Lawyers").spent, usd("11000.00"));
    assert_eq!(line(&view, "Lawyers").balance, usd("-1000.00"));
    assert_eq!(line(&view, "Shelter rent").spent, usd("7000.00"));
    check_ok(&app, finance).await;
}

async fn the_agreement_needs_budget_lines_adding_up_to_the_award(app: TestApp) {
    let g = awarded_grant(&app, "200000.00").await;
    let sign = |body: AgreementRequest| {
        let client = app.as_(&g.secretariat);
        async move { client.grant(g.grant).sign(&body).await }
    };
    // The application's budget is 45,000; the award 30,000: lines are needed.
    let refused = sign(AgreementRequest {
        budget_lines: None,
        ..agreement()
    })
    .await
    .refused(422, "budget-lines-required");
    assert_eq!(refused.fields(), ["budget_lines"]);
    refused.says("45000.00 USD").says("30000.00 USD");
    let mut short_lines = budget_at_award();
    short_lines[1].amount = usd("9999.99");
    let refused = sign(AgreementRequest {
        budget_lines: Some(short_lines),
        ..agreement()
    })
    .await
    .refused(422, "budget-mismatch");
    assert_eq!(refused.fields(), ["budget_lines"]);
    refused.says("29999.99 USD").says("30000.00 USD");
    let mut twice = budget_at_award();
    twice[1].label = short("Shelter rent");
    let refused = sign(AgreementRequest {
        budget_lines: Some(twice),
        ..agreement()
    })
    .await
    .refused(400, "validation");
    assert_eq!(refused.fields(), ["budget_lines[1].label"]);
    // A blank label cannot be built as the crate's text: sent as JSON.
    let mut blank = serde_json::to_value(agreement()).unwrap();
    blank["budget_lines"][1]["label"] = serde_json::json!("   ");
    app.post(
        &g.secretariat,
        &paths::grant_op(g.grant, "agreement"),
        blank,
    )
    .await
    .expect(400);
    // Nothing was written by the refusals: the grant is still awarded, without a budget.
    let view = grant(&app, &g.secretariat, g.grant).await;
    assert_eq!(view.state, GrantState::Awarded);
    assert!(view.budget.is_empty());

    // With the agreement as signed beside the grant, the schedule and lines sign it.
    app.as_(&g.secretariat)
        .grant(g.grant)
        .with_signed_agreement()
        .await;
    let signed = sign(agreement()).await.created();
    assert_eq!(signed.budget[0].label, "Shelter rent");
    assert_eq!(signed.budget[1].budget, usd("10000.00"));
    assert_eq!(budget_at_award()[0].amount, usd("20000.00"));
}

async fn an_application_budget_equal_to_the_award_is_taken_as_it_is(app: TestApp) {
    let g = awarded_grant_of(&app, "200000.00", "45000.00").await;
    let signed = app
        .as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&AgreementRequest {
            tranches: vec![tranche("45000.00", 0)],
            budget_lines: None,
            ..agreement()
        })
        .await
        .created();
    assert_eq!(
        lines(&signed),
        [
            (
                "Shelter rent",
                usd("30000.00"),
                usd("0.00"),
                usd("30000.00")
            ),
            ("Lawyers", usd("15000.00"), usd("0.00"), usd("15000.00")),
        ]
    );
}
