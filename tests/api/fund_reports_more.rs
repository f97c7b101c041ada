//! The Fund's reports by form of exploitation and type of aid, on beneficiaries, and on the
//! Board (issue 12 item 2): a known data set built through the API, each figure checked to
//! the unit against it, CSV against JSON, totals against the geography report.

use serde_json::{json, Value};
use trustfund::api::board::EndAppointmentRequest;
use trustfund::applications::ApplicationState;
use trustfund::auth::Role;
use trustfund::board::EndReason;
use trustfund::calls::{AgeGroup, Exploitation, Sex};
use trustfund::domain::GrantId;
use trustfund::grant_reports::BeneficiaryCount;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, days_from_today, spent_on};
use crate::support::csv::{column, csv_rows};
use crate::support::grants::{grant_in, usd_json as usd};
use crate::support::scenarios::{
    application_under_review, demo_user, fund, load_demo, seat_board, Board,
};
use crate::support::{text, Reply};

on_both_backends!(
    exploitation_splits_each_grant_equally_to_the_cent_and_reconciles_with_geography,
    beneficiaries_targeted_against_reached_in_accepted_reports,
    the_board_report_shows_terms_groups_and_shortfalls,
    the_demo_data_makes_every_report_meaningful,
);

fn day(offset: i64) -> String {
    days_from_today(offset).to_string()
}

/// The Fund's report `name` over `query`, as `who` reads it (JSON: see
/// `resources::FundReport`).
async fn read_report(
    app: &TestApp,
    who: &TestUser,
    name: &str,
    query: &[(&str, &str)],
) -> Reply<Value> {
    app.as_(who).fund_report(name).read(query).await
}

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("{key} = {value} in {list}"))
}

/// Two grants whose applications both name sexual exploitation and forced labour, and
/// humanitarian and legal aid (helpers::application): Kenya USD 30,000.00 (agreement,
/// USD 10,000.00 paid, USD 500.25 refunded) and Chile USD 20,000.01.
async fn two_grants(app: &TestApp) -> (Board, GrantId) {
    let board = seat_board(app).await;
    fund(app, "200000.00").await;
    let kenya = grant_in(app, &board, "KE", "30000.00").await;
    grant_in(app, &board, "CL", "20000.01").await;
    let finance = app.user(Role::Finance).await;
    app.as_(&board.secretariat)
        .grant(kenya)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    let as_finance = app.as_(&finance);
    as_finance
        .grant(kenya)
        .pay(&bodies::disbursement(1, "10000.00"))
        .await
        .created();
    as_finance
        .grant(kenya)
        .refund(&bodies::refund("500.25"))
        .await
        .created();
    (board, kenya)
}

async fn exploitation_splits_each_grant_equally_to_the_cent_and_reconciles_with_geography(
    app: TestApp,
) {
    two_grants(&app).await;
    let auditor = app.user(Role::Auditor).await;
    let report = read_report(&app, &auditor, "exploitation", &[]).await.ok();
    let forms = &report["by_exploitation"];
    assert_eq!(forms.as_array().unwrap().len(), 9, "every form, even empty");
    // Chile's 20,000.01 splits 10,000.01 + 10,000.00 (the cent to the earlier form);
    // the refund's 500.25 splits 250.13 + 250.12.
    let sexual = find(forms, "exploitation", "sexual_exploitation");
    assert_eq!(sexual["grants"], 2);
    assert_eq!(sexual["awarded"], usd("25000.01"));
    assert_eq!(sexual["disbursed"], usd("5000.00"));
    assert_eq!(sexual["refunded"], usd("250.13"));
    assert_eq!(sexual["net_disbursed"], usd("4749.87"));
    assert_eq!(sexual["awarded_share"], "0.5000");
    assert_eq!(sexual["disbursed_share"], "0.5000");
    let labour = find(forms, "exploitation", "forced_labour");
    assert_eq!(labour["grants"], 2);
    assert_eq!(labour["awarded"], usd("25000.00"));
    assert_eq!(labour["refunded"], usd("250.12"));
    assert_eq!(labour["net_disbursed"], usd("4749.88"));
    let slavery = find(forms, "exploitation", "slavery");
    assert_eq!(slavery["grants"], 0);
    assert_eq!(slavery["awarded"], usd("0.00"));
    assert_eq!(slavery["awarded_share"], "0.0000");

    let aids = &report["by_aid_type"];
    assert_eq!(aids.as_array().unwrap().len(), 3);
    assert_eq!(
        find(aids, "aid_type", "humanitarian")["awarded"],
        usd("25000.01")
    );
    assert_eq!(find(aids, "aid_type", "legal")["awarded"], usd("25000.00"));
    assert_eq!(find(aids, "aid_type", "financial")["grants"], 0);

    let totals = &report["totals"];
    assert_eq!(totals["grants"], 2, "each grant once");
    assert_eq!(totals["awarded"], usd("50000.01"));
    assert_eq!(totals["disbursed"], usd("10000.00"));
    assert_eq!(totals["refunded"], usd("500.25"));
    assert_eq!(totals["net_disbursed"], usd("9499.75"));
    assert!(report["attribution"]
        .as_str()
        .unwrap()
        .contains("split equally"));

    // The totals are the geography report's.
    let geography = app
        .as_(&auditor)
        .fund_report("geography")
        .read(&[] as &[(&str, &str)])
        .await
        .ok();
    for field in [
        "grants",
        "awarded",
        "disbursed",
        "refunded",
        "net_disbursed",
    ] {
        assert_eq!(totals[field], geography["totals"][field], "{field}");
    }

    // CSV: the same figures.
    let csv = app
        .as_(&auditor)
        .fund_report("exploitation")
        .read(&[("format", "csv")])
        .await
        .raw()
        .expect(200);
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("trustfund-exploitation-"));
    let (header, rows) = csv_rows(&csv.text);
    assert_eq!(rows.len(), 9 + 3 + 1);
    let total = rows.last().unwrap();
    assert_eq!(total[column(&header, "level")], "total");
    assert_eq!(total[column(&header, "awarded")], "50000.01");
    assert_eq!(total[column(&header, "grants")], "2");
    let sexual_row = rows
        .iter()
        .find(|r| r[column(&header, "category")] == "sexual_exploitation")
        .unwrap();
    assert_eq!(sexual_row[column(&header, "level")], "exploitation");
    assert_eq!(sexual_row[column(&header, "awarded")], "25000.01");
    assert_eq!(sexual_row[column(&header, "refunded")], "250.13");
    let legal_row = rows
        .iter()
        .find(|r| r[column(&header, "category")] == "legal")
        .unwrap();
    assert_eq!(legal_row[column(&header, "level")], "aid_type");
    assert_eq!(legal_row[column(&header, "net_disbursed")], "4749.88");
}

/// An approved application by a Kenyan NGO, with its applicant and grant id.
async fn grant_with_applicant(app: &TestApp, board: &Board) -> (TestUser, GrantId) {
    let (applicant, application) = application_under_review(app, "KE").await;
    for nationality in ["GH", "JP", "PL"] {
        app.as_(board.trustee(nationality))
            .application(application)
            .vote(&bodies::approve("30000.00"))
            .await
            .ok();
    }
    let decision = app
        .as_(&board.secretariat)
        .application(application)
        .decide()
        .await
        .created();
    (applicant, decision.grant_id.expect("an award's grant"))
}

fn reached(
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

async fn beneficiaries_targeted_against_reached_in_accepted_reports(app: TestApp) {
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let (applicant, grant) = grant_with_applicant(&app, &board).await;
    grant_in(&app, &board, "CL", "20000.00").await;
    let finance = app.user(Role::Finance).await;
    app.as_(&board.secretariat)
        .grant(grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    app.as_(&finance)
        .grant(grant)
        .pay(&bodies::disbursement(1, "15000.00"))
        .await
        .created();

    let trustee = app.user(Role::Trustee).await;
    // Filed but not yet reviewed: nothing reached yet.
    let mut filing =
        bodies::progress_report(1, vec![spent_on("Shelter rent", bodies::usd("0.00"))]);
    filing.beneficiaries = vec![
        reached(
            Sex::Female,
            AgeGroup::Child,
            Exploitation::SexualExploitation,
            12,
        ),
        reached(Sex::Female, AgeGroup::Child, Exploitation::ForcedLabour, 3),
        reached(Sex::Male, AgeGroup::Adult, Exploitation::ForcedLabour, 5),
    ];
    filing.narrative = text("Twenty survivors sheltered.");
    let filed = app
        .as_(&applicant)
        .grant(grant)
        .file_report(&filing)
        .await
        .created();
    let pending = read_report(&app, &trustee, "beneficiaries", &[]).await.ok();
    assert_eq!(pending["totals"]["reached"], 0);
    assert_eq!(pending["totals"]["accepted_reports"], 0);
    assert_eq!(pending["totals"]["targeted"], 80);

    app.as_(&board.secretariat)
        .report(filed.id)
        .review(&bodies::accept())
        .await
        .ok();

    let report = read_report(&app, &trustee, "beneficiaries", &[]).await.ok();
    let groups = report["by_sex_and_age_group"].as_array().unwrap();
    assert_eq!(groups.len(), 6, "every sex and age group");
    let group = |sex: &str, age: &str| {
        groups
            .iter()
            .find(|g| g["sex"] == sex && g["age_group"] == age)
            .unwrap()
    };
    // Both applications target 40 girls and 0 men (helpers::application).
    assert_eq!(group("female", "child")["targeted"], 80);
    assert_eq!(group("female", "child")["reached"], 15);
    assert_eq!(group("male", "adult")["targeted"], 0);
    assert_eq!(group("male", "adult")["reached"], 5);
    assert_eq!(group("other", "adult")["reached"], 0);
    let forms = &report["by_exploitation"];
    assert_eq!(forms.as_array().unwrap().len(), 9);
    assert_eq!(
        find(forms, "exploitation", "sexual_exploitation")["reached"],
        12
    );
    assert_eq!(find(forms, "exploitation", "forced_labour")["reached"], 8);
    assert_eq!(
        report["totals"],
        json!({"targeted": 80, "reached": 20, "grants": 2, "accepted_reports": 1})
    );

    let csv = app
        .as_(&trustee)
        .fund_report("beneficiaries")
        .read(&[("format", "csv")])
        .await
        .raw()
        .expect(200);
    let (header, rows) = csv_rows(&csv.text);
    assert_eq!(rows.len(), 6 + 9 + 1);
    let total = rows.last().unwrap();
    assert_eq!(total[column(&header, "targeted")], "80");
    assert_eq!(total[column(&header, "reached")], "20");
    let girls = rows
        .iter()
        .find(|r| {
            r[column(&header, "sex")] == "female" && r[column(&header, "age_group")] == "child"
        })
        .unwrap();
    assert_eq!(girls[column(&header, "targeted")], "80");
    assert_eq!(girls[column(&header, "reached")], "15");
    let labour = rows
        .iter()
        .find(|r| r[column(&header, "exploitation")] == "forced_labour")
        .unwrap();
    assert_eq!(labour[column(&header, "reached")], "8");

    // A period before any of it: nothing.
    let yesterday = day(-1);
    let empty = app
        .as_(&trustee)
        .fund_report("beneficiaries")
        .read(&[("from", "2020-01-01"), ("to", yesterday.as_str())])
        .await
        .ok();
    assert_eq!(
        empty["totals"],
        json!({"targeted": 0, "reached": 0, "grants": 0, "accepted_reports": 0})
    );
}

async fn the_board_report_shows_terms_groups_and_shortfalls(app: TestApp) {
    // Five trustees (GH JP PL BR FR) seated from 30 days ago; the Polish one resigns with
    // effect from 5 days ahead.
    let board = seat_board(&app).await;
    app.as_(&board.secretariat)
        .appointment(board.appointment("PL"))
        .end(&EndAppointmentRequest {
            ended_on: days_from_today(5),
            reason: EndReason::Resignation,
            note: None,
        })
        .await
        .ok();

    let auditor = app.user(Role::Auditor).await;
    let (from, to) = (day(-40), day(9));
    let period = [("from", from.as_str()), ("to", to.as_str())];
    let report = read_report(&app, &auditor, "board", &period).await.ok();
    assert_eq!(report["days"], 50);
    assert_eq!(report["seats"], 5);
    let terms = &report["terms"];
    assert_eq!(terms.as_array().unwrap().len(), 5);
    let pl = find(terms, "nationality", "PL");
    assert_eq!(pl["regional_group"], "eastern_european");
    assert_eq!(pl["term_start"], day(-30));
    assert_eq!(pl["term_end"], day(5));
    assert_eq!(pl["days_in_period"], 35);
    assert_eq!(find(terms, "nationality", "GH")["days_in_period"], 40);

    let groups = &report["regional_groups"];
    assert_eq!(groups.as_array().unwrap().len(), 5);
    let east = find(groups, "regional_group", "eastern_european");
    assert_eq!(east["days_represented"], 35);
    assert_eq!(east["days_unrepresented"], 15);
    assert_eq!(
        find(groups, "regional_group", "african")["days_represented"],
        40
    );

    assert_eq!(report["days_whole_and_balanced"], 35);
    assert_eq!(
        report["shortfalls"],
        json!([
            {"from": day(-40), "to": day(-31), "days": 10, "members": 0,
             "groups_missing": ["african", "asia_pacific", "eastern_european",
                                "latin_american_caribbean", "western_european_other"],
             "groups_doubled": []},
            {"from": day(5), "to": day(9), "days": 5, "members": 4,
             "groups_missing": ["eastern_european"], "groups_doubled": []}
        ])
    );

    let csv = app
        .as_(&auditor)
        .fund_report("board")
        .read(&[
            ("from", from.as_str()),
            ("to", to.as_str()),
            ("format", "csv"),
        ])
        .await
        .raw()
        .expect(200);
    assert_eq!(
        csv.header("content-disposition").unwrap(),
        format!("attachment; filename=\"trustfund-board-{from}-to-{to}.csv\"")
    );
    let (header, rows) = csv_rows(&csv.text);
    assert_eq!(rows.len(), 5 + 5 + 2 + 1);
    let level = column(&header, "level");
    let shortfall = rows
        .iter()
        .filter(|r| r[level] == "shortfall")
        .nth(1)
        .unwrap();
    assert_eq!(shortfall[column(&header, "from")], day(5));
    assert_eq!(shortfall[column(&header, "members")], "4");
    assert_eq!(
        shortfall[column(&header, "groups_missing")],
        "eastern_european"
    );
    let pl_row = rows
        .iter()
        .find(|r| r[column(&header, "nationality")] == "PL")
        .unwrap();
    assert_eq!(pl_row[column(&header, "days")], "35");
    let total = rows.last().unwrap();
    assert_eq!(total[level], "whole_and_balanced");
    assert_eq!(total[column(&header, "days")], "35");
}

async fn the_demo_data_makes_every_report_meaningful(app: TestApp) {
    load_demo(&app).await;
    load_demo(&app).await;
    let auditor = demo_user(&app, Role::Auditor).await;
    let today = day(0);
    let period = [("from", "2020-01-01"), ("to", today.as_str())];
    let report = |name: &'static str| {
        let (app, auditor, period) = (&app, &auditor, &period);
        async move { read_report(app, auditor, name, period).await.ok() }
    };

    // Grants in every regional group, and the wider round loaded once.
    let geography = report("geography").await;
    for group in geography["regional_groups"].as_array().unwrap() {
        assert!(group["grants"].as_i64().unwrap() >= 2, "{group}");
        assert!(group["countries"].as_array().unwrap().len() >= 2, "{group}");
    }
    assert!(geography["totals"]["grants"].as_i64().unwrap() >= 20);

    let exploitation = report("exploitation").await;
    let forms_with_grants = exploitation["by_exploitation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["grants"].as_i64().unwrap() > 0)
        .count();
    assert!(forms_with_grants >= 6, "{exploitation}");
    assert!(exploitation["by_aid_type"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["grants"].as_i64().unwrap() > 0));
    for field in ["grants", "awarded", "disbursed", "refunded"] {
        assert_eq!(
            exploitation["totals"][field], geography["totals"][field],
            "{field}"
        );
    }

    let beneficiaries = report("beneficiaries").await;
    assert!(beneficiaries["totals"]["targeted"].as_i64().unwrap() > 1000);
    assert!(beneficiaries["totals"]["reached"].as_i64().unwrap() > 200);
    assert!(
        beneficiaries["totals"]["accepted_reports"]
            .as_i64()
            .unwrap()
            >= 8
    );
    let forms_reached = beneficiaries["by_exploitation"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["reached"].as_i64().unwrap() > 0)
        .count();
    assert!(forms_reached >= 5, "{beneficiaries}");

    let contributions = report("contributions").await;
    assert_eq!(contributions["by_donor_type"].as_array().unwrap().len(), 5);
    assert!(contributions["by_currency"].as_array().unwrap().len() >= 6);
    assert!(contributions["donors"].as_array().unwrap().len() >= 12);

    let board = report("board").await;
    assert!(board["terms"].as_array().unwrap().len() >= 7);
    let shortfalls = board["shortfalls"].as_array().unwrap();
    assert!(
        shortfalls
            .iter()
            .any(|s| s["members"] == 4 && s["groups_missing"] == json!(["western_european_other"])),
        "the vacancy between the Western European trustees: {shortfalls:?}"
    );

    // Applications in every state.
    let secretariat = demo_user(&app, Role::Secretariat).await;
    let list = app
        .as_(&secretariat)
        .applications()
        .list(&[("limit", "100")])
        .await
        .ok();
    let states: Vec<ApplicationState> = list.items.iter().map(|a| a.state).collect();
    use ApplicationState::*;
    for state in [
        Draft,
        Submitted,
        Screening,
        Ineligible,
        UnderReview,
        Approved,
        Rejected,
        ReserveList,
        Withdrawn,
    ] {
        assert!(states.contains(&state), "{state:?} missing from {states:?}");
    }
}
