//! The wider picture behind the Fund's reports (issue 12 item 4): twenty-five more NGOs,
//! five in each UN regional group, each with one application to an earlier round, in
//! every state from draft to approved; their grants at work (agreements, tranches paid,
//! accepted reports with beneficiaries by sex, age group and form of exploitation, a
//! refund); contributions from every kind of donor in six currencies; and two past
//! trustees, so the Board report shows a hand-over and a vacancy. Every list is fixed and
//! every figure follows from an organisation's place in it, so the data set is the same on
//! every load; built through the same domain functions as the rest of the demo. Loading
//! twice changes nothing (the first organisation's UNPP id marks it as loaded).

use anyhow::Context;
use chrono::{Duration, Months, NaiveDate};

use super::voting::{board, decide, usd as approve, votes};
use super::DEMO_PASSWORD;
use crate::applications::{create_draft, move_to, Beneficiaries, BudgetLine, Content};
use crate::applications::{ApplicationState, Criterion};
use crate::auth::hash_password;
use crate::board::rules::Term;
use crate::board::{self as trustees, NewAppointment, Outcome};
use crate::calls::{AgeGroup, AidType, Exploitation, NewCall, PriorityGroup, Sex};
use crate::contributions::{self, Donor, DonorType, NewReceipt};
use crate::db::{write_blocking, Actor, DbConnection, PageRequest, Tx};
use crate::domain::{
    ApplicationId, CallId, CountryCode, Currency, Email, ExchangeRate, Money, PositiveMoney, Role,
    ShortText, Text,
};
use crate::error::AppError;
use crate::grant_reports::BeneficiaryCount;
use crate::organizations::{self, NewOrganization, OrgState, OrgType};
use crate::users::{self, NewUser};
use crate::voting::rules::Choice;

/// The round these applications were made to.
pub const WIDER_CALL: &str = "Demo call (2025 spring round, closed): the wider picture";

/// (slug, legal name, country): five per regional group, in the UN's order.
const ORGS: [(&str, &str, &str); 25] = [
    ("wide-abuja", "Women's Rights Shelter Abuja", "NG"),
    ("wide-accra", "Accra Child Protection Network", "GH"),
    ("wide-addis", "Addis Survivors' Support Centre", "ET"),
    ("wide-dakar", "Maison de l'Espoir Dakar", "SN"),
    ("wide-kampala", "Kampala Legal Aid Initiative", "UG"),
    ("wide-bangkok", "Mekong Freedom Foundation", "TH"),
    ("wide-kathmandu", "Nepal Safe Return", "NP"),
    ("wide-dhaka", "Dhaka Migrant Workers' Aid", "BD"),
    ("wide-manila", "Visayas Anti-Trafficking Council", "PH"),
    ("wide-jakarta", "Yayasan Harapan Jakarta", "ID"),
    ("wide-kyiv", "La Strada Kyiv Demo", "UA"),
    ("wide-bucharest", "Bucharest Reintegration Centre", "RO"),
    ("wide-tirana", "Tirana Different and Equal Demo", "AL"),
    ("wide-sofia", "Sofia Animus Demo", "BG"),
    ("wide-chisinau", "Chisinau Hotline for Survivors", "MD"),
    ("wide-mexico", "Casa Refugio Ciudad de Mexico", "MX"),
    ("wide-sao-paulo", "Instituto Liberdade Sao Paulo", "BR"),
    ("wide-guatemala", "Refugio de la Ninez Guatemala", "GT"),
    ("wide-lima", "Capital Humano Lima Demo", "PE"),
    (
        "wide-buenos-aires",
        "Red Alto a la Trata Buenos Aires",
        "AR",
    ),
    ("wide-rome", "On the Road Roma Demo", "IT"),
    ("wide-madrid", "Proyecto Esperanza Madrid Demo", "ES"),
    ("wide-athens", "A21 Athens Demo", "GR"),
    ("wide-lisbon", "Lisbon Safe House Demo", "PT"),
    ("wide-new-york", "Survivor Advocacy New York Demo", "US"),
];

/// How far an organisation's application goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Draft,
    Submitted,
    Screening,
    Ineligible,
    UnderReview,
    Withdrawn,
    Rejected,
    /// Approved, and its grant taken this far.
    Granted(Stage),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Awarded,
    FirstTranchePaid,
    ReportAccepted,
    SecondTranchePaid,
    Refunded,
}

use Fate::*;
use Stage::*;

/// The fate of each organisation's application, in the order of `ORGS`: every group has
/// grants, and every state appears.
const FATES: [Fate; 25] = [
    Granted(SecondTranchePaid),
    Granted(ReportAccepted),
    Granted(FirstTranchePaid),
    Rejected,
    Draft,
    Granted(ReportAccepted),
    Granted(SecondTranchePaid),
    Granted(Refunded),
    Submitted,
    Ineligible,
    Granted(ReportAccepted),
    Granted(Awarded),
    Withdrawn,
    Screening,
    Granted(FirstTranchePaid),
    Granted(SecondTranchePaid),
    Granted(ReportAccepted),
    UnderReview,
    Granted(FirstTranchePaid),
    Rejected,
    Granted(ReportAccepted),
    Granted(FirstTranchePaid),
    Granted(Awarded),
    Withdrawn,
    Granted(Refunded),
];

const FORMS: [Exploitation; 9] = [
    Exploitation::SexualExploitation,
    Exploitation::ForcedLabour,
    Exploitation::Slavery,
    Exploitation::Servitude,
    Exploitation::OrganRemoval,
    Exploitation::ForcedBegging,
    Exploitation::ForcedCriminality,
    Exploitation::ForcedMarriage,
    Exploitation::Other,
];

fn bad<E: std::error::Error + Send + Sync + 'static>(e: E) -> AppError {
    AppError::internal(anyhow::Error::new(e).context("demo data (wider picture)"))
}

fn email(slug: &str) -> String {
    format!("applicant@{slug}.demo.trustfund.local")
}

fn money(minor: i64) -> Result<Money, AppError> {
    Money::from_minor(minor, Currency::USD).map_err(AppError::internal)
}

/// The requested amount of organisation `i`'s application, in cents: USD 20,250 to
/// 59,750 with some odd cents, never 45,000.00 (the Board session's award).
fn requested_minor(i: usize) -> i64 {
    let i = i as i64;
    (20_250 + (i * 3_875) % 39_500) * 100 + (i * 37) % 100
}

/// What organisation `i` applies for: one to three forms of exploitation, one to three
/// types of aid, and targets by sex and age group, all following from `i`.
fn content(i: usize, country: &str) -> Result<Content, AppError> {
    let mut exploitation = vec![FORMS[i % 9]];
    for extra in [(i * 4 + 3) % 9, (i * 7 + 1) % 9].iter().take(i % 3) {
        if !exploitation.contains(&FORMS[*extra]) {
            exploitation.push(FORMS[*extra]);
        }
    }
    let aid_types = match i % 4 {
        0 => vec![AidType::Humanitarian],
        1 => vec![AidType::Humanitarian, AidType::Legal],
        2 => vec![AidType::Legal, AidType::Financial],
        _ => vec![AidType::Humanitarian, AidType::Legal, AidType::Financial],
    };
    let n = i as u32;
    let mut beneficiaries = vec![
        Beneficiaries {
            sex: Sex::Female,
            age_group: AgeGroup::Child,
            count: 10 + (n * 7) % 40,
        },
        Beneficiaries {
            sex: Sex::Female,
            age_group: AgeGroup::Adult,
            count: 20 + (n * 11) % 60,
        },
        Beneficiaries {
            sex: Sex::Male,
            age_group: AgeGroup::Adult,
            count: (n * 13) % 45,
        },
    ];
    if i.is_multiple_of(2) {
        beneficiaries.push(Beneficiaries {
            sex: Sex::Male,
            age_group: AgeGroup::Child,
            count: 5 + (n * 3) % 20,
        });
    }
    if i.is_multiple_of(5) {
        beneficiaries.push(Beneficiaries {
            sex: Sex::Other,
            age_group: AgeGroup::Adult,
            count: 2 + n % 4,
        });
    }
    let total = requested_minor(i);
    let shelter = total / 5 * 3;
    let line = |label: &str, minor: i64| -> Result<BudgetLine, AppError> {
        Ok(BudgetLine {
            label: ShortText::parse(label).map_err(bad)?,
            amount: PositiveMoney::new(money(minor)?).map_err(bad)?,
        })
    };
    Ok(Content {
        title: ShortText::parse(&format!(
            "Direct assistance to survivors ({country}, {})",
            i + 1
        ))
        .map_err(bad)?,
        summary: Text::parse(
            "Shelter, medical and psychological care, and legal representation for survivors \
             of trafficking, with referral to longer-term reintegration.",
        )
        .map_err(bad)?,
        countries: vec![CountryCode::parse(country).map_err(bad)?],
        beneficiaries,
        exploitation,
        aid_types,
        requested: PositiveMoney::new(money(total)?).map_err(bad)?,
        duration_months: 12 + (i as i32 % 3) * 6,
        budget_lines: vec![
            line("Shelter and care", shelter)?,
            line("Legal aid", total - shelter)?,
        ],
    })
}

/// The path of states an application takes before the Board (if it reaches it).
fn path(fate: Fate) -> &'static [ApplicationState] {
    match fate {
        Draft => &[],
        Submitted => &[ApplicationState::Submitted],
        Screening => &[ApplicationState::Submitted, ApplicationState::Screening],
        Ineligible => &[
            ApplicationState::Submitted,
            ApplicationState::Screening,
            ApplicationState::Ineligible,
        ],
        Withdrawn => &[ApplicationState::Submitted, ApplicationState::Withdrawn],
        UnderReview | Rejected | Granted(_) => &[
            ApplicationState::Submitted,
            ApplicationState::Screening,
            ApplicationState::UnderReview,
        ],
    }
}

pub fn load(conn: &mut DbConnection) -> anyhow::Result<()> {
    let loaded = organizations::find_by_unpp_id(conn, "UNPP-DEMO-wide-abuja")
        .context("demo wider picture: is it loaded")?
        .is_some();
    if loaded {
        return Ok(());
    }
    past_trustees(conn)?;
    contributions(conn).context("demo wider picture: contributions")?;
    let hash = hash_password(DEMO_PASSWORD)?;
    let ids = write_blocking(conn, Actor::system("demo"), |tx| applications(tx, &hash))
        .context("demo wider picture: organisations and applications")?;
    let today = crate::clock::Clock::system().today();
    let seats = board(conn, today).context("demo wider picture: the Board")?;
    for (i, id) in ids.into_iter().enumerate() {
        let fate = FATES[i];
        let choices = match fate {
            Rejected => vec![Choice::Reject, Choice::Reject, Choice::Abstain],
            Granted(_) => vec![approve(&money(requested_minor(i))?.amount().to_string())?; 3],
            _ => continue,
        };
        // A trustee does not vote on an application from their own country.
        let voters: Vec<_> = seats
            .iter()
            .filter(|s| s.nationality.code() != ORGS[i].2)
            .cloned()
            .collect();
        votes(conn, id, &voters, choices).context("demo wider picture: votes")?;
        decide(conn, id, today).context("demo wider picture: a decision")?;
        if let Granted(stage) = fate {
            grant_at(conn, id, stage, i)
                .with_context(|| format!("demo wider picture: {stage:?}"))?;
        }
    }
    Ok(())
}

fn applications(tx: &mut Tx, hash: &str) -> Result<Vec<ApplicationId>, AppError> {
    let now = tx.now();
    let usd = |a: &str| Money::parse(a, Currency::USD).map_err(bad);
    let call = crate::calls::create(
        tx,
        NewCall {
            title: WIDER_CALL.to_string(),
            description: "Grants for direct assistance to victims of trafficking in every region: shelter, medical, psychological, legal and financial aid.".into(),
            opens_at: now - Duration::days(330),
            closes_at: now - Duration::days(250),
            envelope: usd("2000000.00")?,
            min_grant: usd("20000.00")?,
            max_grant: usd("60000.00")?,
            max_duration_months: 24,
            eligible_org_types: vec![OrgType::Ngo],
            priority_groups: vec![PriorityGroup { sex: Sex::Female, age_group: AgeGroup::Child }],
            priority_exploitation: vec![Exploitation::SexualExploitation, Exploitation::ForcedLabour],
            required_documents: Vec::new(),
        },
    )?
    .id;
    let mut ids = Vec::new();
    for (i, (slug, name, country)) in ORGS.into_iter().enumerate() {
        let id = application(tx, call, i, (slug, name, country), hash)?;
        ids.push(id);
    }
    Ok(ids)
}

fn application(
    tx: &mut Tx,
    call: CallId,
    i: usize,
    (slug, name, country): (&str, &str, &str),
    hash: &str,
) -> Result<ApplicationId, AppError> {
    let date = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1 + (i as u32 % 12), 1 + (i as u32 % 28))
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("demo date")))
    };
    let org = organizations::create(
        tx,
        NewOrganization {
            legal_name: name.to_string(),
            org_type: OrgType::Ngo,
            country: CountryCode::parse(country).map_err(bad)?,
            registered_on: date(2005 + (i as i32 % 12))?,
            direct_assistance_since: date(2018)?,
            psea_measures_since: Some(date(2020)?),
            unpp_id: format!("UNPP-DEMO-{slug}"),
            bank_account_holder: name.to_string(),
            contact_email: format!("office@{slug}.demo.trustfund.local"),
        },
    )?;
    let applicant = users::create_user(
        tx,
        NewUser {
            email: Email::parse(&email(slug)).map_err(bad)?,
            name: format!("{name} applicant"),
            role: Role::Applicant,
            organization_id: Some(org.id),
            password_hash: hash.to_string(),
        },
    )?;
    organizations::decide(
        tx,
        org.id,
        OrgState::Verified,
        Some("demo: documents checked".into()),
    )?;
    let app = create_draft(tx, call, org.id, applicant.id, content(i, country)?)?;
    for &to in path(FATES[i]) {
        let reason = match to {
            ApplicationState::Ineligible => {
                let note = "demo: registered for less than a year";
                let unmet = (Criterion::RegisteredOneYear, note);
                super::applications::screen(tx, app.id, Some(unmet))?;
                continue;
            }
            ApplicationState::UnderReview => {
                super::applications::screen(tx, app.id, None)?;
                continue;
            }
            ApplicationState::Withdrawn => Some("demo: funded by another donor".to_string()),
            _ => None,
        };
        move_to(tx, app.id, to, reason, None)?;
    }
    Ok(app.id)
}

/// What grantee `i` reports having reached with its first tranche.
fn reached(i: usize, forms: &[Exploitation]) -> Vec<BeneficiaryCount> {
    let n = i as u32;
    let mut lines = Vec::new();
    for (f, &exploitation) in forms.iter().enumerate() {
        let f = f as u32;
        lines.push(BeneficiaryCount {
            sex: Sex::Female,
            age_group: AgeGroup::Child,
            exploitation,
            count: 4 + (n * 5 + f) % 17,
        });
        lines.push(BeneficiaryCount {
            sex: Sex::Female,
            age_group: AgeGroup::Adult,
            exploitation,
            count: 6 + (n * 3 + f * 7) % 23,
        });
        lines.push(BeneficiaryCount {
            sex: Sex::Male,
            age_group: AgeGroup::Adult,
            exploitation,
            count: (n * 7 + f) % 12,
        });
    }
    lines
}

/// Takes the grant of application `id` (organisation `i`) to `stage`.
fn grant_at(
    conn: &mut DbConnection,
    id: ApplicationId,
    stage: Stage,
    i: usize,
) -> anyhow::Result<()> {
    let page = PageRequest {
        limit: 200,
        after: None,
    };
    let Some(grant) = crate::grants::list(conn, None, page, crate::clock::Clock::system().today())?
        .items
        .into_iter()
        .find(|g| g.application_id == id)
    else {
        // The Fund could not cover it: it waits on the reserve list.
        return Ok(());
    };
    let grant_id = grant.id;
    if stage == Awarded {
        return Ok(());
    }
    super::money_out::sign(conn, grant_id, grant.award)?;
    let reload = |conn: &mut DbConnection| {
        crate::grants::find(conn, grant_id, crate::clock::Clock::system().today())?
            .context("demo wider picture: a grant vanished")
    };
    let signed = reload(conn)?;
    super::money_out::pay(conn, &signed, 1)?;
    let paid = reload(conn)?;
    let forms = crate::applications::find(conn, paid.application_id)?
        .map(|a| a.content.exploitation)
        .unwrap_or_default();
    match stage {
        Awarded | FirstTranchePaid => {}
        ReportAccepted | SecondTranchePaid => {
            let spent = paid.disbursed;
            let report =
                super::grant_reports::file_with(conn, &paid, Some(1), spent, reached(i, &forms))?;
            if let Some(report) = report {
                super::grant_reports::review(conn, report, true)?;
                if stage == SecondTranchePaid {
                    super::money_out::pay(conn, &paid, 2)?;
                }
            }
        }
        Refunded => {
            let back = Money::from_minor(paid.disbursed.to_minor() / 8, paid.disbursed.currency())?;
            super::money_out::refund_with(
                conn,
                grant_id,
                back,
                &format!("DEMO-REFUND-WIDE-{:02}", i + 1),
            )?;
        }
    }
    Ok(())
}

type Receipt = (&'static str, &'static str, (i32, u32, u32), &'static str);
type Giver = (
    &'static str,
    DonorType,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    (i32, u32, u32),
    &'static [Receipt],
);

/// More donors: every kind, in six currencies, some pledges paid in part.
#[rustfmt::skip]
const DONORS: [Giver; 8] = [
    ("Kingdom of the Netherlands", DonorType::MemberState, Some("NL"), "EUR", Some("300000.00"), (2026, 2, 3), &[
        ("200000.00", "1.085500", (2026, 3, 2), "NL-MFA-2026-0210"),
    ]),
    ("United Kingdom", DonorType::MemberState, Some("GB"), "GBP", Some("150000.00"), (2026, 1, 28), &[
        ("150000.00", "1.271300", (2026, 2, 20), "UK-FCDO-26-7781"),
    ]),
    ("State of Qatar", DonorType::MemberState, Some("QA"), "USD", Some("250000.00"), (2026, 3, 10), &[
        ("250000.00", "1", (2026, 4, 15), "QA-MOFA-2026-112"),
    ]),
    ("Commonwealth of Australia", DonorType::MemberState, Some("AU"), "AUD", Some("200000.00"), (2026, 4, 1), &[
        ("120000.00", "0.661200", (2026, 5, 6), "AU-DFAT-26-0456"),
    ]),
    ("European Union", DonorType::Intergovernmental, None, "EUR", Some("100000.00"), (2026, 5, 1), &[
        ("100000.00", "1.079900", (2026, 6, 18), "EU-DG-HOME-2026-31"),
    ]),
    ("Republic and Canton of Geneva", DonorType::Public, Some("CH"), "CHF", Some("50000.00"), (2026, 6, 2), &[
        ("50000.00", "1.131000", (2026, 7, 1), "GE-DSES-2026-09"),
    ]),
    ("Demo Hotel Group", DonorType::PrivateSector, None, "USD", Some("25000.00"), (2026, 7, 15), &[]),
    ("An individual donor", DonorType::Individual, None, "USD", None, (2026, 8, 20), &[
        ("5000.00", "1", (2026, 8, 20), "IND-2026-0001"),
    ]),
];

fn contributions(conn: &mut DbConnection) -> Result<(), AppError> {
    let date = |(y, m, d): (i32, u32, u32)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("demo date")))
    };
    for (name, donor_type, country, currency, pledge, pledged_on, receipts) in DONORS {
        write_blocking(conn, Actor::system("demo"), |tx| {
            let currency = Currency::parse(currency).map_err(bad)?;
            let pledged = pledge
                .map(|a| PositiveMoney::parse(a, currency).map(PositiveMoney::into_inner))
                .transpose()
                .map_err(bad)?;
            let donor = Donor {
                name: name.to_string(),
                donor_type,
                country: country.map(CountryCode::parse).transpose().map_err(bad)?,
            };
            let created = contributions::create(tx, donor, pledged, date(pledged_on)?)?;
            for (amount, rate, received_on, reference) in receipts {
                contributions::add_receipt(
                    tx,
                    created.id,
                    NewReceipt {
                        amount: PositiveMoney::parse(amount, currency).map_err(bad)?,
                        received_on: date(*received_on)?,
                        rate_to_usd: ExchangeRate::parse(rate).map_err(bad)?,
                        bank_reference: reference.to_string(),
                        rate_reason: None,
                    },
                )?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Two trustees who served before today's Board: an African member whose term ended the
/// day today's African member's began, and a Western European member who left two months
/// before today's took her seat (a vacancy the Board report shows).
fn past_trustees(conn: &mut DbConnection) -> anyhow::Result<()> {
    let err = |e: AppError| anyhow::Error::new(e).context("demo past trustees");
    let today = crate::clock::Clock::system().today();
    let ago = |months: u32| {
        today
            .checked_sub_months(Months::new(months))
            .ok_or_else(|| anyhow::anyhow!("demo date out of range"))
    };
    // Today's African and Western European members started 30 and 6 months ago
    // (`super::board`).
    let past = [
        (
            "Kwame Mensah",
            "GH",
            "Former head of a national anti-trafficking unit.",
            ago(66)?,
            ago(30)?,
        ),
        (
            "Giulia Rossi",
            "IT",
            "Magistrate specialised in trafficking and smuggling cases.",
            ago(44)?,
            ago(8)?,
        ),
    ];
    for (name, nationality, experience, start, end) in past {
        let nationality = CountryCode::parse(nationality)?;
        let new = NewAppointment {
            name: name.to_string(),
            nationality,
            experience: experience.to_string(),
            appointed_on: start.checked_sub_months(Months::new(1)).unwrap_or(start),
            term: Term { start, end },
            consulted_member_states: vec![nationality],
            consulted_executive_director_on: start
                .checked_sub_months(Months::new(2))
                .unwrap_or(start),
            user_id: None,
            completes: None,
            person_id: None,
        };
        let outcome = write_blocking(conn, Actor::system("demo"), |tx| trustees::appoint(tx, new))
            .map_err(err)?;
        if let Outcome::Refused(refused) = outcome {
            anyhow::bail!("demo past trustee refused: {}", refused.detail);
        }
    }
    Ok(())
}
