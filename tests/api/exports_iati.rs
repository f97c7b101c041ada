//! The IATI activity XML 2.03 export (`format=iati`): a known ledger built through the
//! API (two grants; disbursements, a reversal, a refund, a closure), exported, validated
//! with `xmllint --schema` against the shipped XSD, and read back: activities,
//! identifiers and every transaction type's total checked against the grants' own figures
//! to the cent. A period without entries is refused: the schema wants one activity. Only
//! a public summary the secretariat approved describes a grant; the organisation file
//! validates and matches the ledger; without a publisher no IATI file is written.

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use rust_decimal::Decimal;
use trustfund::api::grants::PublicSummaryRequest;
use trustfund::api::ledger_owners::ReversalRequest;
use trustfund::auth::Role;
use trustfund::domain::{CountryCode, Money, RegionalGroup};
use trustfund::error::AppError;
use trustfund::exports::{ExportFilter, ExportFormat, ExportKind};

use crate::helpers::{Answer, TestApp, TestUser};
use crate::on_both_backends;
use crate::support::bodies::{self, date, short, text, today};
use crate::support::exports::{assert_valid, assert_valid_organisation, ExportParams};
use crate::support::grants::{awarded_grant, close, grant_with_applicant_in, report_accepted};
use crate::support::scenarios::{fund, seat_board};

on_both_backends!(
    the_iati_file_validates_and_matches_the_ledger,
    a_period_without_entries_is_refused,
    only_an_approved_public_summary_is_published,
    the_organisation_file_validates_and_matches_the_ledger,
);

const REPORTING_ORG: &str = "XM-DAC-41128";

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

/// Today's entries of `kind` in `format`, narrowed by `narrow` (a grant, a country, …).
fn today_in(format: ExportFormat, kind: ExportKind) -> ExportParams {
    ExportParams {
        kind: Some(kind),
        ..ExportParams::over(format, today(), today())
    }
}

/// The IATI activity file `user` downloads for `params`, checked for its headers.
async fn export(app: &TestApp, user: &TestUser, params: &ExportParams) -> String {
    let answer = download(app, user, params).await.expect(200);
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

async fn download(app: &TestApp, user: &TestUser, params: &ExportParams) -> Answer {
    app.as_(user).ledger().export(params).await.raw()
}

fn amount(money: Money) -> Decimal {
    money.amount()
}

async fn the_iati_file_validates_and_matches_the_ledger(app: TestApp) {
    // Grant A: awarded 30,000 to a Kenyan NGO; tranche 1 paid in two parts, one of them
    // reversed and paid again; a refund; closed, releasing what was not paid.
    let board = seat_board(&app).await;
    fund(&app, "200000.00").await;
    let finance = &app.user(Role::Finance).await;
    let (applicant, a) = grant_with_applicant_in(&app, &board, "KE", "30000.00").await;
    app.as_(&board.secretariat)
        .grant(a)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    let pays = app.as_(finance);
    pays.grant(a)
        .pay(&bodies::disbursement(1, "10000.00"))
        .await
        .created();
    let wrong = pays
        .grant(a)
        .pay(&bodies::disbursement(1, "5000.00"))
        .await
        .created();
    pays.ledger()
        .reverse(
            wrong.ledger_transaction_id,
            &ReversalRequest {
                reason: short("wrong bank account"),
            },
        )
        .await
        .created();
    pays.grant(a)
        .pay(&bodies::disbursement(1, "5000.00"))
        .await
        .created();
    pays.grant(a)
        .refund(&bodies::refund("2000.00"))
        .await
        .created();
    report_accepted(&app, &applicant, &board.secretariat, a, 1).await;
    close(&app, a).await;

    // Grant B: awarded 20,000 to an organisation in Nepal, nothing paid yet.
    let (_, b) = grant_with_applicant_in(&app, &board, "NP", "20000.00").await;

    let grant_a = pays.grant(a).get().await.ok();
    let grant_b = pays.grant(b).get().await.ok();
    let (id_a, id_b) = (
        format!("{REPORTING_ORG}-{a}"),
        format!("{REPORTING_ORG}-{b}"),
    );

    // Every transaction.
    let all = today_in(ExportFormat::Iati, ExportKind::All);
    let xml = export(&app, finance, &all).await;
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
    let paid_a = amount(grant_a.disbursed);
    assert_eq!(paid_a, Decimal::new(1_500_000, 2));
    assert_eq!(read.sum(&id_a, "2"), paid_a);
    assert_eq!(read.sum(&id_b, "2"), amount(grant_b.award));
    // Disbursements net of the reversal and the refund, to the cent.
    assert_eq!(read.sum(&id_a, "3"), paid_a - amount(grant_a.refunded));
    assert_eq!(read.sum(&id_b, "3"), Decimal::ZERO);
    // The programme support cost charged, less what the refund gave back.
    let psc_refunded: Decimal = pays
        .grant(a)
        .refunds()
        .await
        .ok()
        .iter()
        .map(|r| amount(r.programme_support_cost))
        .sum();
    assert_eq!(
        read.sum(&id_a, "4"),
        amount(grant_a.programme_support_cost_disbursed) - psc_refunded
    );
    assert_eq!(read.sum(&id_a, "1"), Decimal::ZERO, "no incoming funds");

    // Disbursements only: grant B has none, grant A its payments and their reversal.
    let xml = export(
        &app,
        finance,
        &today_in(ExportFormat::Iati, ExportKind::Disbursements),
    )
    .await;
    assert_valid(&xml);
    let read = read_back(&xml);
    assert_eq!(read.identifiers, vec![id_a.clone()], "no Fund activity");
    assert_eq!(read.sum(&id_a, "3"), paid_a);
    assert_eq!(read.sum(&id_a, "2"), Decimal::ZERO);

    // The command line writes the same document (to a file, not a response).
    let file = write_file(&app, ExportKind::All, REPORTING_ORG)
        .await
        .unwrap();
    assert_valid(&file);
    let mut from_file = read_back(&file).identifiers;
    from_file.sort();
    assert_eq!(from_file, want);
    assert!(!want.is_empty());

    // One grant, as the auditor reads it.
    let auditor = app.user(Role::Auditor).await;
    let one_grant = ExportParams {
        grant: Some(b),
        ..all.clone()
    };
    let xml = export(&app, &auditor, &one_grant).await;
    assert_valid(&xml);
    assert_eq!(read_back(&xml).identifiers, vec![id_b.clone()]);

    // By the grantee's country and regional group.
    let in_country = |code: &str| ExportParams {
        country: Some(CountryCode::parse(code).unwrap()),
        ..all.clone()
    };
    let xml = export(&app, &auditor, &in_country("NP")).await;
    assert_eq!(read_back(&xml).identifiers, vec![id_b]);
    let african = ExportParams {
        regional_group: Some(RegionalGroup::African),
        ..all.clone()
    };
    let xml = export(&app, &auditor, &african).await;
    assert_eq!(read_back(&xml).identifiers, vec![id_a]);
    download(&app, &auditor, &in_country("FR"))
        .await
        .expect_problem(422, "nothing-to-export");
}

/// `trustfund::exports::iati::write_file` over today's entries of `kind`, as `trustfund
/// export` calls it, with `publisher` as the IATI reporting organisation.
async fn write_file(app: &TestApp, kind: ExportKind, publisher: &str) -> Result<String, AppError> {
    let db = app.db.clone();
    let publisher = publisher.to_string();
    tokio::task::spawn_blocking(move || {
        let filter = ExportFilter {
            format: ExportFormat::Iati,
            from: today(),
            to: today(),
            kind,
            grant: None,
            organization: None,
            country: None,
            regional_group: None,
        };
        let mut iati = trustfund::config::Settings::defaults().unwrap().iati;
        iati.reporting_org_ref = publisher;
        let mut conn = db.get().unwrap();
        let mut out = Vec::new();
        trustfund::db::read_snapshot(&mut conn, |conn| {
            let signer = crate::helpers::test_signer();
            let clock = trustfund::clock::Clock::system();
            trustfund::exports::iati::write_file(conn, &iati, &filter, clock, &signer, &mut out)
        })?;
        Ok(String::from_utf8(out).unwrap())
    })
    .await
    .unwrap()
}

async fn a_period_without_entries_is_refused(app: TestApp) {
    let g = awarded_grant(&app, "100000.00").await;
    let in_2001 = ExportParams {
        kind: Some(ExportKind::All),
        ..ExportParams::over(ExportFormat::Iati, date("2001-01-01"), date("2001-12-31"))
    };
    download(&app, &g.finance, &in_2001)
        .await
        .expect_problem(422, "nothing-to-export");
}

/// The application's summary names a victim (accepted once, before anyone looked): it
/// appears in no export. The secretariat approves a public summary, which becomes the
/// activity's description; the grantee reads it and cannot approve one.
async fn only_an_approved_public_summary_is_published(app: TestApp) {
    const VICTIM: &str = "Amina, 14, rescued in Kisumu, call her on +254 700 123 456";
    let g = awarded_grant(&app, "100000.00").await;
    app.with_db(move |conn| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute(&format!("UPDATE applications SET summary = '{VICTIM}'"))
            .unwrap()
    })
    .await;
    let all = today_in(ExportFormat::Iati, ExportKind::All);
    let xml = export(&app, &g.finance, &all).await;
    assert_valid(&xml);
    assert!(!xml.contains("Amina"), "{xml}");
    let activity = format!(
        "<iati-identifier>{REPORTING_ORG}-{}</iati-identifier>",
        g.grant
    );
    let start = xml.find(&activity).unwrap();
    let own = &xml[start..start + xml[start..].find("</iati-activity>").unwrap()];
    assert!(
        own.contains("<narrative>A grant of the United Nations Voluntary Trust Fund"),
        "{own}"
    );
    for format in [
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Xlsx,
        ExportFormat::IatiOrganisation,
    ] {
        let answer = download(&app, &g.finance, &today_in(format, ExportKind::All))
            .await
            .expect(200);
        assert!(!answer.text.contains("Amina"), "{format:?}");
    }

    let summary = |words: &str| PublicSummaryRequest {
        summary: text(words),
    };
    let none = app
        .as_(&g.applicant)
        .grant(g.grant)
        .public_summary()
        .await
        .ok();
    assert_eq!(none.summary, None);
    assert_eq!(none.version, 0);
    let approved = "Shelter, legal aid and schooling for girls who escaped trafficking.";
    app.as_(&g.applicant)
        .grant(g.grant)
        .approve_public_summary(&summary(approved))
        .await
        .refused(403, "forbidden");
    let secretariat = app.as_(&g.secretariat);
    let first = secretariat
        .grant(g.grant)
        .approve_public_summary(&summary("A first draft."))
        .await
        .ok();
    assert_eq!(first.version, 1);
    let second = secretariat
        .grant(g.grant)
        .approve_public_summary(&summary(approved))
        .await
        .ok();
    assert_eq!(second.version, 2);
    assert_eq!(second.approved_by, Some(g.secretariat.id.into()));
    let read = app
        .as_(&g.applicant)
        .grant(g.grant)
        .public_summary()
        .await
        .ok();
    assert_eq!(read.summary.as_deref(), Some(approved));
    // Blank text is no summary (JSON: the crate's `Text` cannot hold it).
    secretariat
        .grant(g.grant)
        .approve_public_summary(&serde_json::json!({"summary": "   "}))
        .await
        .refused(400, "validation");

    let xml = export(&app, &g.finance, &all).await;
    assert_valid(&xml);
    assert!(
        xml.contains(&format!("<narrative>{approved}</narrative>")),
        "{xml}"
    );
    assert!(!xml.contains("Amina"));
}

/// The organisation file validates against the IATI 2.03 organisation schema and shows
/// the Fund's budget (committed: award and support cost) and expenditure (paid with its
/// support cost) as the ledger has them.
async fn the_organisation_file_validates_and_matches_the_ledger(app: TestApp) {
    let g = awarded_grant(&app, "100000.00").await;
    app.as_(&g.secretariat)
        .grant(g.grant)
        .sign_with_file(&bodies::agreement())
        .await
        .created();
    let finance = app.as_(&g.finance);
    finance
        .grant(g.grant)
        .pay(&bodies::disbursement(1, "10000.00"))
        .await
        .created();
    let view = finance.grant(g.grant).get().await.ok();
    let answer = download(
        &app,
        &g.finance,
        &ExportParams::over(ExportFormat::IatiOrganisation, today(), today()),
    )
    .await
    .expect(200);
    assert!(answer
        .header("content-disposition")
        .unwrap()
        .contains("trustfund-iati-organisation-"));
    let xml = answer.text;
    assert_valid_organisation(&xml);
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
        amount(view.award) + amount(view.programme_support_cost)
    );
    assert_eq!(
        value_in("total-expenditure"),
        amount(view.disbursed) + amount(view.programme_support_cost_disbursed)
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
    for format in [ExportFormat::Iati, ExportFormat::IatiOrganisation] {
        app.as_(&g.finance)
            .ledger()
            .export(&today_in(format, ExportKind::All))
            .await
            .refused(422, "iati-publisher-unset")
            .mentions("iati.reporting_org_ref");
    }
    download(
        &app,
        &g.finance,
        &today_in(ExportFormat::Csv, ExportKind::All),
    )
    .await
    .expect(200);
    let error = write_file(&app, ExportKind::All, "").await.unwrap_err();
    assert!(
        format!("{error}").contains("iati.reporting_org_ref"),
        "{error}"
    );
}
