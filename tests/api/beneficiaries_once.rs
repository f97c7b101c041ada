//! Beneficiaries are counted once: a grantee's reports state cumulative figures (everyone
//! assisted to the end of the report's period), which never go down, and the Fund's
//! beneficiaries report takes each grant's latest accepted figures, never the sum of its
//! reports. Reached in a period is what those figures grew by in it, so periods add up.

use chrono::TimeDelta;
use trustfund::api::grant_reports::{ReportRequest, ReviewRequest};
use trustfund::calls::{AgeGroup, Exploitation, Sex};
use trustfund::clock::Clock;
use trustfund::domain::{GrantId, GrantReportId};
use trustfund::grant_reports::{BeneficiaryCount, ReportKind, ReportState, ReportView};
use trustfund::grants::GrantState;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::beneficiaries::BeneficiariesRead;
use crate::support::bodies::{self, days_from_today, spent_on, today};
use crate::support::grants::first_tranche_paid;
use crate::support::paths::{self, with_query};
use crate::support::{text, usd, Reply};

on_both_backends!(
    a_grant_counts_its_latest_figures_once,
    figures_to_date_never_go_down,
);

/// Adult victims of forced labour: `count` of `sex`.
fn adults(sex: Sex, count: u32) -> BeneficiaryCount {
    BeneficiaryCount {
        sex,
        age_group: AgeGroup::Adult,
        exploitation: Exploitation::ForcedLabour,
        count,
    }
}

fn counts(female: u32, male: u32) -> Vec<BeneficiaryCount> {
    let mut lines = vec![adults(Sex::Female, female)];
    if male > 0 {
        lines.push(adults(Sex::Male, male));
    }
    lines
}

fn progress(beneficiaries: Vec<BeneficiaryCount>) -> ReportRequest {
    ReportRequest {
        narrative: text("Twenty-four women sheltered."),
        beneficiaries,
        ..bodies::progress_report(1, vec![spent_on("Shelter rent", usd("10000.00"))])
    }
}

/// The final report, its period ending `end` days from now (the filing instance's today).
fn final_report(beneficiaries: Vec<BeneficiaryCount>, end: i64) -> ReportRequest {
    ReportRequest {
        kind: ReportKind::Final,
        tranche: None,
        period_start: today(),
        period_end: days_from_today(end),
        beneficiaries,
        spent: vec![
            spent_on("Shelter rent", usd("10000.00")),
            spent_on("Lawyers", usd("5000.00")),
        ],
        narrative: text("Forty-two survivors assisted in all."),
    }
}

async fn file(
    app: &TestApp,
    who: &TestUser,
    grant: GrantId,
    body: ReportRequest,
) -> Reply<ReportView> {
    app.as_(who).grant(grant).file_report(&body).await
}

fn accepted() -> ReviewRequest {
    bodies::accept()
}

async fn review(
    app: &TestApp,
    who: &TestUser,
    report: GrantReportId,
    body: ReviewRequest,
) -> Reply<ReportView> {
    app.as_(who).report(report).review(&body).await
}

/// Attaches `report`'s financial statement, which accepting a final report requires.
async fn with_statement(app: &TestApp, who: &TestUser, report: GrantReportId) {
    app.as_(who).report(report).with_financial_statement().await;
}

async fn reached(app: &TestApp, who: &TestUser, from: i64, to: i64) -> BeneficiariesRead {
    app.as_(who)
        .beneficiaries(days_from_today(from), days_from_today(to))
        .await
        .ok()
}

async fn a_grant_counts_its_latest_figures_once(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (grant, secretariat) = (g.grant, &g.secretariat);
    let filed = file(&app, &g.applicant, grant, progress(counts(24, 0)))
        .await
        .created();
    review(&app, secretariat, filed.id, accepted()).await.ok();
    let today = reached(&app, secretariat, 0, 0).await;
    assert_eq!(today.totals.reached, 24);

    // Forty days on, the final report counts everyone to its end: 30 women, 12 men.
    let later = app.on_clock(Clock::offset(TimeDelta::days(40))).await;
    let filed = file(
        &later,
        &g.applicant,
        grant,
        final_report(counts(30, 12), 40),
    )
    .await
    .created();
    with_statement(&later, secretariat, filed.id).await;
    review(&later, secretariat, filed.id, accepted()).await.ok();

    // The whole life of the grant: 42 people, not 24 + 42.
    let whole = reached(&later, secretariat, 0, 40).await;
    assert_eq!(whole.totals.reached, 42, "{whole:?}");
    assert_eq!(whole.totals.accepted_reports, 2);
    assert_eq!(
        (whole.adults(Sex::Female), whole.adults(Sex::Male)),
        (30, 12)
    );
    assert_eq!(whole.exploited(Exploitation::ForcedLabour), 42);
    let basis = &whole.basis;
    assert!(basis.contains("never the sum of its reports"), "{basis}");
    assert!(basis.contains("periods add up"), "{basis}");

    // The day of the progress report reaches 24; the days after it, what the figures
    // grew by (6 women, 12 men); the two add up to the whole.
    let first = reached(&later, secretariat, 0, 0).await;
    assert_eq!(first.totals.reached, 24);
    assert_eq!(first.totals.accepted_reports, 1);
    let rest = reached(&later, secretariat, 1, 40).await;
    assert_eq!(rest.totals.reached, 18, "{rest:?}");
    assert_eq!(rest.totals.accepted_reports, 1);
    assert_eq!((rest.adults(Sex::Female), rest.adults(Sex::Male)), (6, 12));
    assert_eq!(rest.exploited(Exploitation::ForcedLabour), 18);

    // The CSV says the same.
    let (from, to) = (today_plus(0), today_plus(40));
    let csv = later
        .as_(secretariat)
        .get::<()>(with_query(
            paths::fund_report("beneficiaries"),
            &[
                ("from", from.as_str()),
                ("to", to.as_str()),
                ("format", "csv"),
            ],
        ))
        .await
        .raw()
        .expect(200);
    let total = csv.text.lines().last().unwrap().to_string();
    assert!(
        total.starts_with("total,") && total.ends_with(",42"),
        "{total}"
    );
}

fn today_plus(days: i64) -> String {
    days_from_today(days).to_string()
}

async fn figures_to_date_never_go_down(app: TestApp) {
    let g = first_tranche_paid(&app, "200000.00", "15000.00").await;
    let (grant, secretariat) = (g.grant, &g.secretariat);
    // Both filed before either is reviewed: the final one's 20 women pass at filing.
    let progress_id = file(&app, &g.applicant, grant, progress(counts(24, 0)))
        .await
        .created()
        .id;
    let final_id = file(&app, &g.applicant, grant, final_report(counts(20, 12), 0))
        .await
        .created()
        .id;
    review(&app, secretariat, progress_id, accepted())
        .await
        .ok();
    // Accepting it now would take the grant's figures down: refused, nothing written.
    let refused = review(&app, secretariat, final_id, accepted())
        .await
        .refused(422, "report-beneficiaries-decreased");
    assert_eq!(refused.fields(), vec!["beneficiaries[0].count"]);
    let seen = app.as_(secretariat).report(final_id).get().await.ok();
    assert_eq!(seen.state, ReportState::Submitted);
    let shown = app.as_(secretariat).grant(grant).get().await.ok();
    assert_eq!(shown.state, GrantState::AgreementSigned);
    review(
        &app,
        secretariat,
        final_id,
        ReviewRequest {
            accepted: false,
            comments: Some(text("count everyone to date")),
        },
    )
    .await
    .ok();

    // Filed again: fewer women, or the women left out, is refused at filing.
    let refused = file(&app, &g.applicant, grant, final_report(counts(23, 12), 0))
        .await
        .refused(422, "report-beneficiaries-decreased");
    assert_eq!(refused.fields(), vec!["beneficiaries[0].count"]);
    refused.mentions("24");
    let men_only = vec![adults(Sex::Male, 40)];
    let refused = file(&app, &g.applicant, grant, final_report(men_only, 0))
        .await
        .refused(422, "report-beneficiaries-decreased");
    assert_eq!(refused.fields(), vec!["beneficiaries"]);
    let reports = app.as_(secretariat).grant(grant).reports().await.ok();
    assert_eq!(reports.items.len(), 2);

    let filed = file(&app, &g.applicant, grant, final_report(counts(24, 12), 0))
        .await
        .created();
    with_statement(&app, secretariat, filed.id).await;
    review(&app, secretariat, filed.id, accepted()).await.ok();
    let whole = reached(&app, secretariat, 0, 0).await;
    assert_eq!(whole.totals.reached, 36, "{whole:?}");
    assert_eq!(whole.totals.accepted_reports, 2);
}
