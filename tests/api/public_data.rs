//! The Fund's open data, `GET /api/v1/public/*` and the page `/transparency`, read
//! anonymously over a Fund that holds everything that must never be published: an
//! organisation's bank details and contacts, a withdrawn application and its organisation,
//! an applicant's email, an individual donor's name, and free text not approved for
//! publication. Every field and column must be on an allow-list; small counts are hidden
//! and the totals do not give them away; the money reconciles with the ledger to the cent.

use std::collections::BTreeSet;

use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use trustfund::api::grant_reports::ReportRequest;
use trustfund::calls::{AgeGroup, Exploitation, Sex};
use trustfund::domain::Role;
use trustfund::grant_reports::BeneficiaryCount;

use crate::helpers::{TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, withdrawal};
use crate::support::exports::{assert_valid, assert_valid_organisation};
use crate::support::grants::{first_tranche_paid, received, spread_over_budget, Awarded};
use crate::support::scenarios::{receive, submitted_application};

on_both_backends!(
    public_answers_hold_only_allowed_fields,
    public_counts_below_five_stay_hidden,
    public_money_reconciles_with_the_ledger,
    public_iati_files_validate_and_hold_nothing_private,
    public_files_follow_a_change_within_seconds,
);

pub const APPROVED_SUMMARY: &str = "Shelter and legal aid for survivors of trafficking.";
const INDIVIDUAL_DONOR: &str = "Quietgiver Jane";

/// The strings that must appear in no public answer.
pub struct Secrets(pub Vec<String>);

/// A Fund with a paid grant to a Kenyan NGO whose report (3 girls, 20 women, 12 men) was
/// accepted and whose public summary is approved, a withdrawn application from the
/// Philippines, and an individual's gift; returns the grant and what must stay private.
pub async fn public_fund(app: &TestApp) -> (Awarded, Secrets) {
    let g = first_tranche_paid(app, "200000.00", "15000.00").await;
    let spent = received(app, &g.applicant, g.grant).await;
    let spent = spread_over_budget(app, &g.applicant, g.grant, spent).await;
    let line = |sex, age_group, exploitation, count| BeneficiaryCount {
        sex,
        age_group,
        exploitation,
        count,
    };
    let report = ReportRequest {
        beneficiaries: vec![
            line(
                Sex::Female,
                AgeGroup::Child,
                Exploitation::SexualExploitation,
                3,
            ),
            line(Sex::Female, AgeGroup::Adult, Exploitation::ForcedLabour, 20),
            line(Sex::Male, AgeGroup::Adult, Exploitation::ForcedLabour, 12),
        ],
        ..bodies::progress_report(1, spent)
    };
    let filed = app
        .as_(&g.applicant)
        .grant(g.grant)
        .file_report(&report)
        .await
        .created();
    app.as_(&g.secretariat)
        .report(filed.id)
        .review(&bodies::accept())
        .await
        .ok();
    app.send(
        Method::PUT,
        &format!("/api/v1/grants/{}/public-summary", g.grant),
        Some(&g.secretariat.token),
        Some(json!({ "summary": APPROVED_SUMMARY })),
    )
    .await
    .expect(200);

    // An application withdrawn: neither it nor its organisation is ever published.
    let (other, withdrawn) = submitted_application(app, "PH").await;
    app.as_(&other)
        .application(withdrawn)
        .withdraw(&withdrawal("funded elsewhere"))
        .await
        .ok();
    // A gift from a person: counted within its donor type, never by name.
    let finance = app.user(Role::Finance).await;
    let gift = json!({"donor": {"name": INDIVIDUAL_DONOR, "donor_type": "individual"},
                          "pledged_on": "2026-01-15"});
    let id = {
        let view = app
            .as_(&finance)
            .contributions()
            .record(&gift)
            .await
            .created();
        view.id.to_string()
    };
    receive(app, &finance, &id, "500.00", "USD", "1").await;

    let funded = organization(app, &g.secretariat, g.organization.to_string()).await;
    let withdrawn = app
        .as_(&g.secretariat)
        .application(withdrawn)
        .get()
        .await
        .ok();
    let unfunded = organization(app, &g.secretariat, withdrawn.organization_id.to_string()).await;
    let field = |org: &Value, name: &str| org[name].as_str().unwrap().to_string();
    let secrets = vec![
        field(&funded, "bank_account_holder"),
        field(&funded, "contact_email"),
        field(&funded, "unpp_id"),
        field(&unfunded, "legal_name"),
        field(&unfunded, "bank_account_holder"),
        g.applicant.email.clone(),
        other.email.clone(),
        INDIVIDUAL_DONOR.to_string(),
        // The applications' own text, never approved for publication.
        withdrawn.title.clone(),
        withdrawn.summary.clone(),
    ];
    (g, Secrets(secrets))
}

/// An organisation's record as the secretariat reads it.
async fn organization(app: &TestApp, secretariat: &TestUser, id: String) -> Value {
    app.send(
        Method::GET,
        &format!("/api/v1/organizations/{id}"),
        Some(&secretariat.token),
        None,
    )
    .await
    .expect(200)
    .body
}

/// Every path of fields in `value`: `a.b`, with `[]` for the items of a list.
fn field_paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                field_paths(v, &path, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                field_paths(v, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

fn allowed(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

const MONEY: [&str; 2] = ["amount", "currency"];

fn with_money(base: &[&str], money: &[&str]) -> BTreeSet<String> {
    let mut set = allowed(base);
    for m in money {
        set.insert(m.to_string());
        for part in MONEY {
            set.insert(format!("{m}.{part}"));
        }
    }
    set
}

fn allow_list(name: &str) -> (BTreeSet<String>, &'static [&'static str]) {
    let money_rows = |prefix: &str, extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = vec![prefix.to_string(), format!("{prefix}[].grants")];
        for e in extra {
            v.push(format!("{prefix}[].{e}"));
        }
        v
    };
    match name {
        "summary" => (
            with_money(
                &[
                    "as_of",
                    "grants",
                    "people_reached",
                    "board",
                    "board.seats",
                    "board.members",
                    "board.members[].name",
                    "board.members[].regional_group",
                    "board.members[].chair",
                    "board.regional_groups",
                    "board.regional_groups[].regional_group",
                    "board.regional_groups[].members",
                ],
                &[
                    "contributions_received",
                    "awarded",
                    "disbursed",
                    "refunded",
                    "commitments_outstanding",
                ],
            ),
            &[
                "level",
                "figure",
                "regional_group",
                "name",
                "chair",
                "value",
                "currency",
            ],
        ),
        "grants" => {
            let mut base: Vec<String> =
                vec!["as_of".into(), "totals".into(), "totals.grants".into()];
            base.extend(money_rows("by_year", &["year"]));
            base.extend(money_rows("by_regional_group", &["regional_group"]));
            base.extend(money_rows("by_country", &["country", "regional_group"]));
            base.extend(money_rows("by_exploitation", &["exploitation"]));
            base.extend(
                [
                    "grants",
                    "grants[].grant_id",
                    "grants[].organization",
                    "grants[].country",
                    "grants[].regional_group",
                    "grants[].year",
                    "grants[].public_summary",
                ]
                .map(String::from),
            );
            let base: Vec<&str> = base.iter().map(String::as_str).collect();
            let money: Vec<String> = [
                "totals",
                "by_year[]",
                "by_regional_group[]",
                "by_country[]",
                "by_exploitation[]",
                "grants[]",
            ]
            .iter()
            .flat_map(|p| [format!("{p}.awarded"), format!("{p}.disbursed")])
            .collect();
            let money: Vec<&str> = money.iter().map(String::as_str).collect();
            (
                with_money(&base, &money),
                &[
                    "level",
                    "grant_id",
                    "organization",
                    "year",
                    "regional_group",
                    "country",
                    "exploitation",
                    "grants",
                    "awarded",
                    "disbursed",
                    "currency",
                    "public_summary",
                ],
            )
        }
        "contributions" => (
            with_money(
                &[
                    "as_of",
                    "by_donor",
                    "by_donor[].year",
                    "by_donor[].donor_type",
                    "by_donor[].donor",
                    "by_year",
                    "by_year[].year",
                ],
                &["by_donor[].received", "by_year[].received", "received"],
            ),
            &[
                "level",
                "year",
                "donor_type",
                "donor",
                "received",
                "currency",
            ],
        ),
        "beneficiaries" => (
            allowed(&[
                "as_of",
                "by_sex_and_age_group",
                "by_sex_and_age_group[].sex",
                "by_sex_and_age_group[].age_group",
                "by_sex_and_age_group[].reached",
                "by_exploitation",
                "by_exploitation[].exploitation",
                "by_exploitation[].reached",
                "reached",
                "small_counts",
            ]),
            &["level", "sex", "age_group", "exploitation", "reached"],
        ),
        other => panic!("no allow-list for {other}"),
    }
}

pub const ANSWERS: [&str; 4] = ["summary", "grants", "contributions", "beneficiaries"];

/// An anonymous reader's answer.
pub async fn public(app: &TestApp, name: &str, format: &str) -> crate::helpers::Answer {
    app.send(
        Method::GET,
        &format!("/api/v1/public/{name}?format={format}"),
        None,
        None,
    )
    .await
    .expect(200)
}

fn assert_private(secrets: &Secrets, text: &str, what: &str) {
    for secret in &secrets.0 {
        assert!(!text.contains(secret.as_str()), "{what} shows {secret:?}");
    }
}

async fn public_answers_hold_only_allowed_fields(app: TestApp) {
    let (_, secrets) = public_fund(&app).await;
    for name in ANSWERS {
        let (fields, columns) = allow_list(name);
        let json = public(&app, name, "json").await;
        let mut found = BTreeSet::new();
        field_paths(&json.body, "", &mut found);
        let extra: Vec<&String> = found.difference(&fields).collect();
        assert!(extra.is_empty(), "{name}: fields not allowed: {extra:?}");
        assert!(found.len() > 3, "{name}: {found:?}");
        assert_private(&secrets, &json.text, name);

        let csv = public(&app, name, "csv").await;
        assert!(csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let header: Vec<&str> = csv.text.lines().next().unwrap().split(',').collect();
        assert_eq!(header, columns, "{name}: columns");
        assert_private(&secrets, &csv.text, &format!("{name}.csv"));
    }
    let grants = public(&app, "grants", "json").await.body;
    assert_eq!(grants["grants"].as_array().unwrap().len(), 1, "{grants}");
    assert_eq!(
        grants["grants"][0]["public_summary"],
        json!(APPROVED_SUMMARY)
    );
    assert_eq!(grants["grants"][0]["country"], json!("KE"));
    let donors = public(&app, "contributions", "json").await.body;
    let by_donor = donors["by_donor"].as_array().unwrap();
    assert!(by_donor
        .iter()
        .any(|d| d["donor_type"] == json!("individual") && d["donor"].is_null()));
    assert!(by_donor
        .iter()
        .any(|d| d["donor_type"] == json!("member_state") && d["donor"].is_string()));

    let page = app
        .send(Method::GET, "/transparency", None, None)
        .await
        .expect(200);
    assert!(page.text.contains(APPROVED_SUMMARY));
    assert_private(&secrets, &page.text, "/transparency");
}

fn reached(body: &Value, list: &str, pick: impl Fn(&Value) -> bool) -> Value {
    body[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| pick(row))
        .unwrap()["reached"]
        .clone()
}

async fn public_counts_below_five_stay_hidden(app: TestApp) {
    public_fund(&app).await;
    let body = public(&app, "beneficiaries", "json").await.body;
    let cell = |sex: &str, age: &str| {
        reached(&body, "by_sex_and_age_group", |r| {
            r["sex"] == json!(sex) && r["age_group"] == json!(age)
        })
    };
    assert_eq!(cell("female", "child"), json!("fewer_than_5"));
    assert_eq!(cell("female", "adult"), json!(20));
    // Shown, 12 men would leave 35 − 20 − 12 = 3 girls: the smaller count is withheld.
    assert_eq!(cell("male", "adult"), json!("withheld"));
    assert_eq!(body["reached"], json!(35));
    let shown: i64 = body["by_sex_and_age_group"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["reached"].as_i64())
        .sum();
    assert_ne!(
        35 - shown,
        3,
        "the total less what is shown reveals the girls"
    );
    let form = |f: &str| reached(&body, "by_exploitation", |r| r["exploitation"] == json!(f));
    assert_eq!(form("sexual_exploitation"), json!("fewer_than_5"));
    assert_eq!(form("forced_labour"), json!("withheld"));

    let csv = public(&app, "beneficiaries", "csv").await.text;
    assert!(
        csv.contains("sex_and_age_group,female,child,,fewer_than_5"),
        "{csv}"
    );
    assert!(csv.contains("total,,,,35"), "{csv}");
    let summary = public(&app, "summary", "json").await.body;
    assert_eq!(summary["people_reached"], json!(35));
}

fn minor(money: &Value) -> i64 {
    let amount: Decimal = money["amount"].as_str().unwrap().parse().unwrap();
    assert_eq!(money["currency"], json!("USD"));
    (amount * Decimal::from(100)).try_into().unwrap()
}

async fn public_money_reconciles_with_the_ledger(app: TestApp) {
    let (g, _) = public_fund(&app).await;
    let finance: &TestUser = &g.finance;
    let fund = app
        .send(Method::GET, "/api/v1/fund", Some(&finance.token), None)
        .await
        .expect(200)
        .body;
    let ledger = &fund["balances"];
    let summary = public(&app, "summary", "json").await.body;
    for (public_name, ledger_name) in [
        ("contributions_received", "received_to_date"),
        ("disbursed", "disbursed_to_date"),
        ("refunded", "refunds_to_date"),
        ("commitments_outstanding", "commitments_outstanding"),
    ] {
        assert_eq!(
            minor(&summary[public_name]),
            minor(&ledger[ledger_name]),
            "{public_name} against the ledger's {ledger_name}"
        );
    }
    // 200,000 from Norway and 500 from a person; 15,000 paid of an award of 30,000.
    assert_eq!(minor(&summary["contributions_received"]), 20_050_000);
    assert_eq!(minor(&summary["disbursed"]), 1_500_000);
    assert_eq!(minor(&summary["awarded"]), 3_000_000);

    let grants = public(&app, "grants", "json").await.body;
    let sum = |list: &str, field: &str| -> i64 {
        grants[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| minor(&r[field]))
            .sum()
    };
    for list in ["grants", "by_year", "by_regional_group", "by_country"] {
        assert_eq!(
            sum(list, "disbursed"),
            minor(&ledger["disbursed_to_date"]),
            "{list}"
        );
        assert_eq!(sum(list, "awarded"), minor(&summary["awarded"]), "{list}");
    }
    assert_eq!(
        sum("by_exploitation", "awarded"),
        minor(&summary["awarded"])
    );
    let grant = app
        .send(
            Method::GET,
            &format!("/api/v1/grants/{}", g.grant),
            Some(&finance.token),
            None,
        )
        .await
        .expect(200)
        .body;
    assert_eq!(
        minor(&grants["grants"][0]["awarded"]),
        minor(&grant["award"])
    );

    let contributions = public(&app, "contributions", "json").await.body;
    assert_eq!(
        minor(&contributions["received"]),
        minor(&ledger["received_to_date"])
    );
    let by_year: i64 = contributions["by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| minor(&y["received"]))
        .sum();
    assert_eq!(by_year, minor(&ledger["received_to_date"]));
}

/// An anonymous reader's IATI file (`activities` or `organisation`), as XML.
async fn public_iati(app: &TestApp, file: &str) -> String {
    let answer = app
        .send(
            Method::GET,
            &format!("/api/v1/public/iati/{file}.xml"),
            None,
            None,
        )
        .await
        .expect(200);
    let kind = answer.headers["content-type"].to_str().unwrap().to_string();
    assert!(kind.starts_with("application/xml"), "{file}: {kind}");
    answer.text
}

async fn public_iati_files_validate_and_hold_nothing_private(app: TestApp) {
    let (g, mut secrets) = public_fund(&app).await;
    // The funded application's own title is the applicant's text: the public file names
    // the grant by its organisation and countries instead.
    let grant = app.as_(&g.secretariat).grant(g.grant).get().await.ok();
    let application = app
        .as_(&g.secretariat)
        .application(grant.application_id)
        .get()
        .await
        .ok();
    secrets.0.push(application.title.clone());
    let organisation = app
        .as_(&g.secretariat)
        .organization(g.organization)
        .get()
        .await
        .ok();

    let activities = public_iati(&app, "activities").await;
    assert_valid(&activities);
    assert_private(&secrets, &activities, "activities.xml");
    assert!(activities.contains(APPROVED_SUMMARY), "{activities}");
    assert!(
        activities.contains(&format!(
            "Assistance to victims of trafficking in persons by {} (Kenya, Uganda)",
            organisation.legal_name
        )),
        "{activities}"
    );
    assert!(activities.contains("Individual donor"), "{activities}");
    // Nothing of the withdrawn application: one activity for the Fund, one for the grant.
    assert_eq!(
        activities.matches("<iati-activity ").count(),
        2,
        "{activities}"
    );

    let organisation_file = public_iati(&app, "organisation").await;
    assert_valid_organisation(&organisation_file);
    assert_private(&secrets, &organisation_file, "organisation.xml");
}

async fn public_files_follow_a_change_within_seconds(app: TestApp) {
    let (_, secrets) = public_fund(&app).await;
    let before = public(&app, "contributions", "json").await.body;
    assert!(!public_iati(&app, "activities")
        .await
        .contains("Private-sector donor"));

    // A company's gift: counted and published by its donor type, never by its name.
    let company = "Acme Philanthropies Ltd";
    let finance = app.user(Role::Finance).await;
    let gift = json!({"donor": {"name": company, "donor_type": "private_sector"},
                      "pledged_on": "2026-02-01"});
    let id = app
        .as_(&finance)
        .contributions()
        .record(&gift)
        .await
        .created()
        .id
        .to_string();
    receive(&app, &finance, &id, "2500.00", "USD", "1").await;

    // Each instance looks at the audit chain's head at most every few seconds.
    let deadline = std::time::Instant::now()
        + trustfund::transparency::snapshot::CHECK_EVERY
        + std::time::Duration::from_secs(10);
    let (figures, activities) = loop {
        let figures = public(&app, "contributions", "json").await.body;
        let activities = public_iati(&app, "activities").await;
        if figures != before && activities.contains("Private-sector donor") {
            break (figures, activities);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the public figures did not follow the receipt: {figures}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    };
    assert!(!figures.to_string().contains(company), "{figures}");
    assert!(!activities.contains(company), "{activities}");
    assert_private(&secrets, &activities, "activities.xml");
    assert_valid(&activities);
}
