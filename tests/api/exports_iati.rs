//! The IATI activity XML 2.03 export (issue 12 item 1, `format=iati`): a known ledger built
//! through the API (two grants; disbursements, a reversal, a refund, a closure), exported,
//! validated with `xmllint --schema` against the shipped XSD, and read back: activities,
//! identifiers and every transaction type's total checked against the grants' own figures
//! to the cent. A period without entries is refused: the schema wants one activity.

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use rust_decimal::Decimal;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::helpers::TestUser;
use crate::on_both_backends;
use crate::support::exports::assert_valid;
use crate::support::grants::{
    awarded_grant, close, grant_id, payment, refund_of, report_accepted, schedule,
};
use crate::support::scenarios::{decide, fund, seat_board, vote, Board};
use trustfund::auth::Role;
use trustfund::exports::{ExportFilter, ExportFormat, ExportKind};

on_both_backends!(
    the_iati_file_validates_and_matches_the_ledger,
    a_period_without_entries_is_refused,
    only_an_approved_public_summary_is_published,
    the_organisation_file_validates_and_matches_the_ledger,
);

const REPORTING_ORG: &str = "XM-DAC-41128";

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// What the tests read back from an IATI file.
#[derive(Debug, Default)]
struct Read {
    identifiers: Vec<String>,
    reporting_orgs: Vec<String>,
    /// Per activity identifier, per transaction type code: the sum of the values.
    sums: BTreeMap<String, BTreeMap<String, Decimal>>,
}

impl Read {
    fn sum(&self, activity: &str, code: &str) -> Decimal {
        self.sums
            .get(activity)
            .and_then(|s| s.get(code))
            .copied()
            .unwrap_or_default()
    }
}

fn read_back(xml: &str) -> Read {
    let mut reader = Reader::from_str(xml);
    let mut read = Read::default();
    let mut path: Vec<String> = Vec::new();
    let mut activity = String::new();
    let mut kind = String::new();
    loop {
        let event = reader.read_event().unwrap();
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            let name = AsRef::<str>::as_ref(&e.name()).to_string();
            let attr = |key: &str| {
                e.try_get_attribute(key).unwrap().map(|a| {
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .unwrap()
                        .to_string()
                })
            };
            match name.as_str() {
                "reporting-org" => read.reporting_orgs.push(attr("ref").unwrap()),
                "transaction-type" => kind = attr("code").unwrap(),
                _ => {}
            }
            if !empty {
                path.push(name);
            }
            continue;
        }
        match event {
            Event::Text(t) => {
                let text = t.xml10_content().to_string();
                match path.last().map(String::as_str) {
                    Some("iati-identifier") => {
                        activity = text.clone();
                        read.identifiers.push(text);
                    }
                    Some("value") if path.iter().any(|p| p == "transaction") => {
                        let value: Decimal = text.parse().unwrap();
                        *read
                            .sums
                            .entry(activity.clone())
                            .or_default()
                            .entry(kind.clone())
                            .or_default() += value;
                    }
                    _ => {}
                }
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    read
}

/// An application by an organisation registered in `country`, approved by three
/// trustees for `amount` USD: its applicant and the grant's id.
async fn grant_in(app: &TestApp, board: &Board, country: &str, amount: &str) -> (TestUser, String) {
    let (applicant, application) = app.application_under_review(country).await;
    for nationality in ["GH", "JP", "PL"] {
        vote(
            app,
            board.trustee(nationality),
            &application,
            "approve",
            Some(amount),
        )
        .await
        .expect(200);
    }
    let decision = decide(app, board, &application).await.expect(201);
    (
        applicant,
        decision.body["grant_id"].as_str().unwrap().to_string(),
    )
}

fn money(v: &Value) -> Decimal {
    v["amount"].as_str().unwrap().parse().unwrap()
}

async fn export(app: &TestApp, user: &TestUser, query: &str) -> String {
    let answer = app
        .get(user, &format!("/api/v1/ledger/export?format=iati&{query}"))
        .await
        .expect(200);
    assert!(
        answer
            .header("content-type")
            .unwrap()
            .starts_with("application/xml"),
        "{:?}",
        answer.header("content-type")
    );
    assert!(answer
        .header("content-disposition")
        .unwrap()
        .contains(".xml"));
    answer.text
}

async fn the_iati_file_validates_and_matches_the_ledger(app: TestApp) {
    // Grant A: awarded 30,000 to a Kenyan NGO; tranche 1 paid in two parts, one of them
    // reversed and paid again; a refund; closed, releasing what was not paid.
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let finance = &app.user(Role::Finance).await;
    let (applicant, a) = grant_in(&app, &board, "KE", "30000.00").await;
    app.as_(&board.secretariat)
        .grant(grant_id(&a))
        .with_signed_agreement()
        .await;
    app.post(
        &board.secretariat,
        &format!("/api/v1/grants/{a}/agreement"),
        schedule(),
    )
    .await
    .expect(201);
    let path = format!("/api/v1/grants/{a}/disbursements");
    app.post(finance, &path, payment(1, "10000.00"))
        .await
        .expect(201);
    let wrong = app
        .post(finance, &path, payment(1, "5000.00"))
        .await
        .expect(201);
    app.post(
        finance,
        &format!(
            "/api/v1/ledger/transactions/{}/reversal",
            wrong.body["ledger_transaction_id"].as_str().unwrap()
        ),
        json!({"reason": "wrong bank account"}),
    )
    .await
    .expect(201);
    app.post(finance, &path, payment(1, "5000.00"))
        .await
        .expect(201);
    app.post(
        finance,
        &format!("/api/v1/grants/{a}/refunds"),
        refund_of("2000.00"),
    )
    .await
    .expect(201);
    let a_id: trustfund::domain::GrantId = a.parse().unwrap();
    report_accepted(&app, &applicant, &board.secretariat, a_id, 1).await;
    close(&app, a_id).await;

    // Grant B: awarded 20,000 to an organisation in Nepal, nothing paid yet.
    let (_, b) = grant_in(&app, &board, "NP", "20000.00").await;

    let grant_a = app
        .get(finance, &format!("/api/v1/grants/{a}"))
        .await
        .expect(200)
        .body;
    let grant_b = app
        .get(finance, &format!("/api/v1/grants/{b}"))
        .await
        .expect(200)
        .body;
    let (id_a, id_b) = (
        format!("{REPORTING_ORG}-{a}"),
        format!("{REPORTING_ORG}-{b}"),
    );

    // Every transaction.
    let period = format!("from={}&to={}", today(), today());
    let xml = export(&app, finance, &format!("kind=all&{period}")).await;
    assert_valid(&xml);
    let read = read_back(&xml);
    let mut ids = read.identifiers.clone();
    ids.sort();
    let fund_id = format!("{REPORTING_ORG}-UNVTF");
    let mut want = vec![id_a.clone(), id_b.clone(), fund_id.clone()];
    want.sort();
    assert_eq!(ids, want, "the Fund's activity and one per grant");
    assert_eq!(read.reporting_orgs, vec![REPORTING_ORG; 3]);
    // The Fund's activity carries the contribution received as incoming funds.
    assert_eq!(read.sum(&fund_id, "1"), Decimal::new(20_000_000, 2));
    assert_eq!(read.sum(&fund_id, "3"), Decimal::ZERO);
    // Every activity says when it last changed and what kind of aid it is; a grant for
    // victims of sexual exploitation is in DAC sector 15180.
    assert_eq!(xml.matches("last-updated-datetime=\"").count(), 3);
    assert_eq!(xml.matches("<default-flow-type code=\"10\"/>").count(), 3);
    assert_eq!(
        xml.matches("<default-finance-type code=\"110\"/>").count(),
        3
    );
    assert_eq!(xml.matches("<default-aid-type code=\"C01\"/>").count(), 3);
    assert!(xml.contains(r#"<sector vocabulary="1" code="15180" percentage="100">"#));
    // No public summary approved: the grants are described from structured fields.
    assert_eq!(
        xml.matches("<narrative>A grant of the United Nations Voluntary Trust Fund")
            .count(),
        2
    );
    // Commitments: the award, less the award not paid when A closed.
    let paid_a = money(&grant_a["disbursed"]);
    assert_eq!(paid_a, Decimal::new(1_500_000, 2));
    assert_eq!(read.sum(&id_a, "2"), paid_a);
    assert_eq!(read.sum(&id_b, "2"), money(&grant_b["award"]));
    // Disbursements net of the reversal and the refund, to the cent.
    let refunded_a = money(&grant_a["refunded"]);
    assert_eq!(read.sum(&id_a, "3"), paid_a - refunded_a);
    assert_eq!(read.sum(&id_b, "3"), Decimal::ZERO);
    // The programme support cost charged, less what the refund gave back.
    let psc_refunded: Decimal = app
        .get(finance, &format!("/api/v1/grants/{a}/refunds"))
        .await
        .expect(200)
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| money(&r["programme_support_cost"]))
        .sum();
    assert_eq!(
        read.sum(&id_a, "4"),
        money(&grant_a["programme_support_cost_disbursed"]) - psc_refunded
    );
    assert_eq!(read.sum(&id_a, "1"), Decimal::ZERO, "no incoming funds");

    // Disbursements only: grant B has none, grant A its payments and their reversal.
    let xml = export(&app, finance, &format!("kind=disbursements&{period}")).await;
    assert_valid(&xml);
    let read = read_back(&xml);
    assert_eq!(read.identifiers, vec![id_a.clone()], "no Fund activity");
    assert_eq!(read.sum(&id_a, "3"), paid_a);
    assert_eq!(read.sum(&id_a, "2"), Decimal::ZERO);

    // The command line writes the same document (to a file, not a response).
    let file = write_file(&app, "all").await;
    assert_valid(&file);
    let mut from_file = read_back(&file).identifiers;
    from_file.sort();
    assert_eq!(from_file, want);
    assert!(!want.is_empty());

    // One grant, as the auditor reads it.
    let auditor = app.user(Role::Auditor).await;
    let xml = export(&app, &auditor, &format!("kind=all&grant={b}&{period}")).await;
    assert_valid(&xml);
    assert_eq!(read_back(&xml).identifiers, vec![id_b.clone()]);

    // By the grantee's country and regional group.
    let xml = export(&app, &auditor, &format!("kind=all&country=NP&{period}")).await;
    assert_eq!(read_back(&xml).identifiers, vec![id_b]);
    let xml = export(
        &app,
        &auditor,
        &format!("kind=all&regional_group=african&{period}"),
    )
    .await;
    assert_eq!(read_back(&xml).identifiers, vec![id_a]);
    app.get(
        &auditor,
        &format!("/api/v1/ledger/export?format=iati&kind=all&country=FR&{period}"),
    )
    .await
    .expect_problem(422, "nothing-to-export");
}

/// `trustfund::exports::iati::write_file` over today, as `trustfund export` calls it.
async fn write_file(app: &TestApp, kind: &str) -> String {
    let db = app.db.clone();
    let kind = kind.parse::<ExportKind>().unwrap();
    tokio::task::spawn_blocking(move || {
        let today = chrono::Utc::now().date_naive();
        let filter = ExportFilter {
            format: ExportFormat::Iati,
            from: today,
            to: today,
            kind,
            grant: None,
            organization: None,
            country: None,
            regional_group: None,
        };
        let mut iati = trustfund::config::Settings::defaults().unwrap().iati;
        iati.reporting_org_ref = REPORTING_ORG.into();
        let mut conn = db.get().unwrap();
        let mut out = Vec::new();
        trustfund::db::read_snapshot(&mut conn, |conn| {
            let signer = crate::helpers::test_signer();
            let clock = trustfund::clock::Clock::system();
            trustfund::exports::iati::write_file(conn, &iati, &filter, clock, &signer, &mut out)
        })
        .unwrap();
        String::from_utf8(out).unwrap()
    })
    .await
    .unwrap()
}

async fn a_period_without_entries_is_refused(app: TestApp) {
    let g = awarded_grant(&app, "100000.00").await;
    app.get(
        &g.finance,
        "/api/v1/ledger/export?format=iati&kind=all&from=2001-01-01&to=2001-12-31",
    )
    .await
    .expect_problem(422, "nothing-to-export");
}

/// The application's summary names a victim (accepted once, before anyone looked): it
/// appears in no export. The secretariat approves a public summary, which becomes the
/// activity's description; the grantee reads it and cannot approve one.
async fn only_an_approved_public_summary_is_published(app: TestApp) {
    const VICTIM: &str = "Amina, 14, rescued in Kisumu, call her on +254 700 123 456";
    let g = awarded_grant(&app, "100000.00").await;
    let grant = g.grant.to_string();
    app.with_db(move |conn| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute(&format!("UPDATE applications SET summary = '{VICTIM}'"))
            .unwrap()
    })
    .await;
    let today = today();
    let query = format!("kind=all&from={today}&to={today}");
    let xml = export(&app, &g.finance, &query).await;
    assert_valid(&xml);
    assert!(!xml.contains("Amina"), "{xml}");
    let activity = format!("<iati-identifier>{REPORTING_ORG}-{grant}</iati-identifier>");
    let start = xml.find(&activity).unwrap();
    let own = &xml[start..start + xml[start..].find("</iati-activity>").unwrap()];
    assert!(
        own.contains("<narrative>A grant of the United Nations Voluntary Trust Fund"),
        "{own}"
    );
    for format in ["csv", "json", "xlsx", "iati-organisation"] {
        let answer = app
            .get(
                &g.finance,
                &format!("/api/v1/ledger/export?format={format}&{query}"),
            )
            .await
            .expect(200);
        assert!(!answer.text.contains("Amina"), "{format}");
    }

    let path = format!("/api/v1/grants/{grant}/public-summary");
    let none = app.get(&g.applicant, &path).await.expect(200);
    assert!(none.body["summary"].is_null());
    assert_eq!(none.body["version"], 0);
    let approved = "Shelter, legal aid and schooling for girls who escaped trafficking.";
    app.put(&g.applicant, &path, json!({"summary": approved}))
        .await
        .expect(403);
    let first = app
        .put(&g.secretariat, &path, json!({"summary": "A first draft."}))
        .await
        .expect(200);
    assert_eq!(first.body["version"], 1);
    let second = app
        .put(&g.secretariat, &path, json!({"summary": approved}))
        .await
        .expect(200);
    assert_eq!(second.body["version"], 2);
    assert_eq!(
        second.body["approved_by"],
        g.secretariat.id.to_string().as_str()
    );
    let read = app.get(&g.applicant, &path).await.expect(200);
    assert_eq!(read.body["summary"], approved);
    app.put(&g.secretariat, &path, json!({"summary": "   "}))
        .await
        .expect(400);

    let xml = export(&app, &g.finance, &query).await;
    assert_valid(&xml);
    assert!(
        xml.contains(&format!("<narrative>{approved}</narrative>")),
        "{xml}"
    );
    assert!(!xml.contains("Amina"));
}

fn org_xsd() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/iati-2.03/iati-organisations-schema.xsd")
}

/// The organisation file validates against the IATI 2.03 organisation schema and shows
/// the Fund's budget (committed: award and support cost) and expenditure (paid with its
/// support cost) as the ledger has them.
async fn the_organisation_file_validates_and_matches_the_ledger(app: TestApp) {
    let g = awarded_grant(&app, "100000.00").await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .with_signed_agreement()
        .await;
    app.post(
        &g.secretariat,
        &format!("/api/v1/grants/{}/agreement", g.grant),
        schedule(),
    )
    .await
    .expect(201);
    app.post(
        &g.finance,
        &format!("/api/v1/grants/{}/disbursements", g.grant),
        payment(1, "10000.00"),
    )
    .await
    .expect(201);
    let view = app
        .get(&g.finance, &format!("/api/v1/grants/{}", g.grant))
        .await
        .expect(200)
        .body;
    let today = today();
    let answer = app
        .get(
            &g.finance,
            &format!("/api/v1/ledger/export?format=iati-organisation&from={today}&to={today}"),
        )
        .await
        .expect(200);
    assert!(answer
        .header("content-disposition")
        .unwrap()
        .contains("trustfund-iati-organisation-"));
    let xml = answer.text;
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, xml.as_bytes()).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(org_xsd())
        .arg(file.path())
        .output()
        .expect("xmllint");
    assert!(
        out.status.success(),
        "{}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(xml.contains(&format!(
        "<organisation-identifier>{REPORTING_ORG}</organisation-identifier>"
    )));
    let value_in = |element: &str| -> Decimal {
        let part = &xml[xml.find(&format!("<{element}")).unwrap()..];
        let v = &part[part.find("<value").unwrap()..];
        v[v.find('>').unwrap() + 1..v.find("</value>").unwrap()]
            .parse()
            .unwrap()
    };
    assert_eq!(
        value_in("total-budget"),
        money(&view["award"]) + money(&view["programme_support_cost"])
    );
    assert_eq!(
        value_in("total-expenditure"),
        money(&view["disbursed"]) + money(&view["programme_support_cost_disbursed"])
    );
}

mod an_unset_publisher_is_refused {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let app = TestApp::try_spawn_tuned(crate::helpers::Backend::Sqlite, unset).await;
        super::an_unset_publisher_is_refused(app.unwrap()).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        match TestApp::try_spawn_tuned(crate::helpers::Backend::Postgres, unset).await {
            Some(app) => super::an_unset_publisher_is_refused(app).await,
            None => crate::helpers::postgres_skipped(),
        }
    }
}

fn unset(settings: &mut trustfund::config::Settings) {
    settings.iati.reporting_org_ref = String::new();
}

/// Without `iati.reporting_org_ref` no IATI file is written, over HTTP or on the command
/// line, and the answer says which setting to set; the other formats are unaffected.
async fn an_unset_publisher_is_refused(app: TestApp) {
    let g = awarded_grant(&app, "100000.00").await;
    let today = today();
    for format in ["iati", "iati-organisation"] {
        let answer = app
            .get(
                &g.finance,
                &format!("/api/v1/ledger/export?format={format}&kind=all&from={today}&to={today}"),
            )
            .await;
        assert!(
            answer.text.contains("iati.reporting_org_ref"),
            "{}",
            answer.text
        );
        answer.expect_problem(422, "iati-publisher-unset");
    }
    app.get(
        &g.finance,
        &format!("/api/v1/ledger/export?format=csv&kind=all&from={today}&to={today}"),
    )
    .await
    .expect(200);
    let db = app.db.clone();
    let error = tokio::task::spawn_blocking(move || {
        let today = chrono::Utc::now().date_naive();
        let filter = ExportFilter {
            format: ExportFormat::Iati,
            from: today,
            to: today,
            kind: ExportKind::All,
            grant: None,
            organization: None,
            country: None,
            regional_group: None,
        };
        let iati = trustfund::config::Settings::defaults().unwrap().iati;
        let mut conn = db.get().unwrap();
        let mut out = Vec::new();
        trustfund::db::read_snapshot(&mut conn, |conn| {
            let signer = crate::helpers::test_signer();
            let clock = trustfund::clock::Clock::system();
            trustfund::exports::iati::write_file(conn, &iati, &filter, clock, &signer, &mut out)
        })
        .unwrap_err()
    })
    .await
    .unwrap();
    assert!(
        format!("{error}").contains("iati.reporting_org_ref"),
        "{error}"
    );
}
