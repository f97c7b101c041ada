//! The Fund's own activity: the pooled trust fund itself (hierarchy 1; each grant is an
//! activity of hierarchy 2 under it), carrying the money it receives as incoming funds
//! (transaction type 1), one per receipt of a contribution, from the donor as the Fund
//! names its donors (by [`Audience`]): in the file for UNODC finance a Member State or
//! another public, intergovernmental or private donor by its name, an individual as
//! "Individual donor" (a private person's name is not the Fund's to publish); in the file
//! for anyone, as the public page names them: Member States by name, every other donor by
//! its type. Contributions are pooled, never earmarked to a grant, so
//! receipts belong here and on no grant's activity. A reversed receipt adds a negative
//! incoming fund on the day the reversal was posted.
//!
//! Written only when the export covers every kind of entry (`kind=all`) and is not
//! narrowed to grants (a grant, organisation, country or regional group), and only when
//! a receipt or a reversal of one falls in the period.

use std::collections::HashMap;
use std::io;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use diesel::prelude::*;
use quick_xml::events::BytesText;
use quick_xml::Writer;

use super::load::{Audience, Scope};
use super::writer::{default_types, narrative, ReportingOrg, MULTILATERAL};
use crate::contributions::DonorType;
use crate::db::schema::{contribution_receipts, contributions, ledger_transactions};
use crate::db::{stored_money, to_utc, DbConnection};
use crate::domain::{Currency, Money};
use crate::error::AppError;

/// The Fund activity's identifier after the publisher's: `<reporting_org_ref>-UNVTF`.
pub const FUND_SUFFIX: &str = "UNVTF";
const TITLE: &str =
    "United Nations Voluntary Trust Fund for Victims of Trafficking in Persons, especially \
     Women and Children";
const DESCRIPTION: &str = "Established by General Assembly resolution 64/293 (annex, \
     para. 38) and administered by UNODC, the Fund gives humanitarian, legal and financial \
     aid to victims of trafficking in persons through grants to organisations that assist \
     them directly.";
/// Resolution 64/293, adopted on 30 July 2010: the Fund's actual start.
pub const STARTED: &str = "2010-07-30";
/// IATI Region 998 (vocabulary 1, OECD DAC), "Developing countries, unspecified": the
/// Fund's grants go wherever victims are assisted.
const REGION_UNSPECIFIED: &str = "998";

/// One incoming fund.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub date: NaiveDate,
    pub value: Money,
    pub donor: String,
    pub donor_type: &'static str,
    pub reversal: bool,
}

/// A donor's name as `audience` reads it.
fn donor_name(audience: Audience, recorded: String, kind: DonorType) -> String {
    match (kind, audience) {
        (DonorType::MemberState, _) => recorded,
        (DonorType::Individual, _) => "Individual donor".to_string(),
        (_, Audience::Finance) => recorded,
        (DonorType::Public, Audience::Public) => "Public-sector donor".to_string(),
        (DonorType::Intergovernmental, Audience::Public) => "Intergovernmental donor".to_string(),
        (DonorType::PrivateSector, Audience::Public) => "Private-sector donor".to_string(),
    }
}

/// The Fund's identifier in this file.
pub fn identifier(org: &ReportingOrg) -> String {
    format!("{}-{FUND_SUFFIX}", org.reference)
}

/// IATI OrganisationType of a donor.
fn donor_type(kind: DonorType) -> &'static str {
    match kind {
        DonorType::MemberState => "10",
        DonorType::Public => "15",
        DonorType::Intergovernmental => "40",
        DonorType::PrivateSector => "70",
        DonorType::Individual => "90",
    }
}

#[derive(Queryable)]
struct ReceiptRow {
    contribution_id: String,
    amount_minor: i64,
    currency: Currency,
    received_on: NaiveDate,
    created_at: NaiveDateTime,
    reversal_transaction_id: Option<String>,
}

/// Whether the scope covers the Fund activity at all.
pub fn in_scope(scope: &Scope) -> bool {
    scope.all_kinds
        && scope.grant.is_none()
        && scope.organization.is_none()
        && scope.country.is_none()
        && scope.regional_group.is_none()
}

/// The incoming funds in the scope's period, in date order, and when the latest of them
/// was recorded; empty when the scope does not cover the Fund activity.
pub fn incoming(
    conn: &mut DbConnection,
    scope: &Scope,
) -> Result<(Vec<Incoming>, Option<DateTime<Utc>>), AppError> {
    if !in_scope(scope) {
        return Ok((Vec::new(), None));
    }
    let rows: Vec<ReceiptRow> = contribution_receipts::table
        .select((
            contribution_receipts::contribution_id,
            contribution_receipts::amount_minor,
            contribution_receipts::currency,
            contribution_receipts::received_on,
            contribution_receipts::created_at,
            contribution_receipts::reversal_transaction_id,
        ))
        .order(contribution_receipts::received_on.asc())
        .load(conn)?;
    let donors: HashMap<String, (String, DonorType)> = contributions::table
        .select((
            contributions::id,
            contributions::donor_name,
            contributions::donor_type,
        ))
        .load::<(String, String, DonorType)>(conn)?
        .into_iter()
        .map(|(id, name, kind)| (id, (name, kind)))
        .collect();
    let mut out = Vec::new();
    let mut latest: Option<NaiveDateTime> = None;
    for r in rows {
        let value = stored_money(r.amount_minor, r.currency)?;
        let (name, kind) = donors
            .get(&r.contribution_id)
            .cloned()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("a receipt without its donor")))?;
        let donor = donor_name(scope.audience, name, kind);
        let kind = donor_type(kind);
        if scope.contains(r.received_on) {
            latest = latest.max(Some(r.created_at));
            out.push(Incoming {
                date: r.received_on,
                value,
                donor: donor.clone(),
                donor_type: kind,
                reversal: false,
            });
        }
        if let Some(reversal) = &r.reversal_transaction_id {
            let posted: NaiveDateTime = ledger_transactions::table
                .find(reversal)
                .select(ledger_transactions::created_at)
                .get_result(conn)?;
            if scope.contains(posted.date()) {
                latest = latest.max(Some(posted));
                let negative = Money::zero(value.currency())
                    .checked_sub(value)
                    .map_err(AppError::internal)?;
                out.push(Incoming {
                    date: posted.date(),
                    value: negative,
                    donor,
                    donor_type: kind,
                    reversal: true,
                });
            }
        }
    }
    out.sort_by_key(|i| i.date);
    Ok((out, latest.map(to_utc)))
}

/// The Fund's `<iati-activity>` with `incoming` as its transactions.
pub fn write_activity(
    out: &mut Vec<u8>,
    org: &ReportingOrg,
    incoming: &[Incoming],
    updated: DateTime<Utc>,
) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    let updated = updated.to_rfc3339_opts(SecondsFormat::Secs, true);
    let id = identifier(org);
    w.create_element("iati-activity")
        .with_attributes([
            ("xml:lang", "en"),
            ("default-currency", "USD"),
            ("last-updated-datetime", updated.as_str()),
            ("hierarchy", "1"),
        ])
        .write_inner_content(|w| {
            w.create_element("iati-identifier")
                .write_text_content(BytesText::new(&id))?;
            w.create_element("reporting-org")
                .with_attributes([("ref", org.reference.as_str()), ("type", MULTILATERAL)])
                .write_inner_content(|w| narrative(w, &org.name))?;
            w.create_element("title")
                .write_inner_content(|w| narrative(w, TITLE))?;
            w.create_element("description")
                .with_attribute(("type", "1"))
                .write_inner_content(|w| narrative(w, DESCRIPTION))?;
            // UNODC is accountable for the Fund (2) and extends its grants (3).
            for role in ["2", "3"] {
                w.create_element("participating-org")
                    .with_attributes([
                        ("ref", org.reference.as_str()),
                        ("type", MULTILATERAL),
                        ("role", role),
                    ])
                    .write_inner_content(|w| narrative(w, &org.name))?;
            }
            w.create_element("activity-status")
                .with_attribute(("code", "2"))
                .write_empty()?;
            w.create_element("activity-date")
                .with_attributes([("type", "2"), ("iso-date", STARTED)])
                .write_empty()?;
            w.create_element("recipient-region")
                .with_attributes([
                    ("code", REGION_UNSPECIFIED),
                    ("vocabulary", "1"),
                    ("percentage", "100"),
                ])
                .write_inner_content(|w| narrative(w, "Developing countries, unspecified"))?;
            w.create_element("sector")
                .with_attributes([
                    ("vocabulary", "1"),
                    ("code", "15180"),
                    ("percentage", "100"),
                ])
                .write_inner_content(|w| narrative(w, "Ending violence against women and girls"))?;
            default_types(w)?;
            for i in incoming {
                let date = i.date.to_string();
                let value = i.value.amount().to_string();
                w.create_element("transaction").write_inner_content(|w| {
                    w.create_element("transaction-type")
                        .with_attribute(("code", "1"))
                        .write_empty()?;
                    w.create_element("transaction-date")
                        .with_attribute(("iso-date", date.as_str()))
                        .write_empty()?;
                    w.create_element("value")
                        .with_attributes([
                            ("currency", i.value.currency().code()),
                            ("value-date", date.as_str()),
                        ])
                        .write_text_content(BytesText::new(&value))?;
                    let what = if i.reversal {
                        "reversal of a contribution received"
                    } else {
                        "contribution received"
                    };
                    w.create_element("description")
                        .write_inner_content(|w| narrative(w, what))?;
                    w.create_element("provider-org")
                        .with_attribute(("type", i.donor_type))
                        .write_inner_content(|w| narrative(w, &i.donor))?;
                    w.create_element("receiver-org")
                        .with_attributes([
                            ("ref", org.reference.as_str()),
                            ("receiver-activity-id", id.as_str()),
                            ("type", MULTILATERAL),
                        ])
                        .write_inner_content(|w| narrative(w, &org.name))?;
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    w.get_mut().push(b'\n');
    Ok(())
}
