//! Writes the IATI activity XML 2.03 document in pieces (the opening of `iati-activities`,
//! one `iati-activity` at a time, the closing tag), so a caller can send each piece as it
//! is written and never holds the whole document. Element order follows the XSD's
//! sequences (`iati-activities-schema.xsd`), which the tests check with `xmllint`.

use std::io;

use chrono::{DateTime, SecondsFormat, Utc};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::domain::text::xml_safe;

use super::activity::{country_percentages, organisation_type, Activity, Receiver, Transaction};
use super::mapping::{AID_TYPE_PROJECT, FINANCE_TYPE_GRANT, FLOW_TYPE_ODA};

/// DAC 5-digit sector vocabulary (IATI SectorVocabulary 1); the codes are
/// `super::mapping`'s.
const SECTOR_VOCABULARY_DAC: &str = "1";
/// IATI OrganisationType 40, multilateral: UNODC, which administers the Fund.
pub(super) const MULTILATERAL: &str = "40";
/// IATI OrganisationRole: 1 funding, 4 implementing.
pub(super) const ROLE_FUNDING: &str = "1";
const ROLE_IMPLEMENTING: &str = "4";
/// IATI DescriptionType 1, general.
const DESCRIPTION_GENERAL: &str = "1";

/// The publisher of the file, from `[iati]` in the configuration.
#[derive(Debug, Clone)]
pub struct ReportingOrg {
    pub reference: String,
    pub name: String,
}

/// `<?xml …?>` and the opening `<iati-activities version="2.03" …>`.
pub fn open_document(out: &mut Vec<u8>, generated: DateTime<Utc>) -> io::Result<()> {
    let mut w = Writer::new(out);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.get_mut().push(b'\n');
    let stamp = generated.to_rfc3339_opts(SecondsFormat::Secs, true);
    w.write_event(Event::Start(
        BytesStart::new("iati-activities")
            .with_attributes([("version", "2.03"), ("generated-datetime", stamp.as_str())]),
    ))?;
    w.get_mut().push(b'\n');
    Ok(())
}

/// The closing `</iati-activities>`.
pub fn close_document(out: &mut Vec<u8>) -> io::Result<()> {
    let mut w = Writer::new(out);
    w.write_event(Event::End(BytesEnd::new("iati-activities")))?;
    w.get_mut().push(b'\n');
    Ok(())
}

/// One `<iati-activity>` for a grant.
pub fn write_activity(out: &mut Vec<u8>, org: &ReportingOrg, a: &Activity) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    let identifier = format!("{}-{}", org.reference, a.grant);
    let currency = a.currency.code();
    let updated = a.last_updated.to_rfc3339_opts(SecondsFormat::Secs, true);
    w.create_element("iati-activity")
        .with_attributes([
            ("xml:lang", "en"),
            ("default-currency", currency),
            ("last-updated-datetime", updated.as_str()),
            ("hierarchy", "2"),
        ])
        .write_inner_content(|w| {
            w.create_element("iati-identifier")
                .write_text_content(BytesText::new(&identifier))?;
            w.create_element("reporting-org")
                .with_attributes([("ref", org.reference.as_str()), ("type", MULTILATERAL)])
                .write_inner_content(|w| narrative(w, &org.name))?;
            w.create_element("title")
                .write_inner_content(|w| narrative(w, &a.title))?;
            // The schema wants a description: the approved public summary, else one
            // written from the structured fields alone.
            let description = a.description.clone().unwrap_or_else(|| structured(a));
            w.create_element("description")
                .with_attribute(("type", DESCRIPTION_GENERAL))
                .write_inner_content(|w| narrative(w, &description))?;
            participating_orgs(w, org, a)?;
            w.create_element("activity-status")
                .with_attribute(("code", a.status.code()))
                .write_empty()?;
            for (kind, date) in &a.dates {
                let iso = date.to_string();
                w.create_element("activity-date")
                    .with_attributes([("type", kind.code()), ("iso-date", iso.as_str())])
                    .write_empty()?;
            }
            for (country, share) in a
                .countries
                .iter()
                .zip(country_percentages(a.countries.len()))
            {
                let share = share.to_string();
                w.create_element("recipient-country")
                    .with_attributes([("code", country.code()), ("percentage", share.as_str())])
                    .write_inner_content(|w| narrative(w, country.name()))?;
            }
            for (sector, share) in &a.sectors {
                let share = share.to_string();
                w.create_element("sector")
                    .with_attributes([
                        ("vocabulary", SECTOR_VOCABULARY_DAC),
                        ("code", sector.code),
                        ("percentage", share.as_str()),
                    ])
                    .write_inner_content(|w| narrative(w, sector.name))?;
            }
            default_types(w)?;
            for t in &a.transactions {
                transaction(w, org, a, t)?;
            }
            // Its parent: the Fund's own activity (RelatedActivityType 1).
            let parent = super::fund::identifier(org);
            w.create_element("related-activity")
                .with_attributes([("ref", parent.as_str()), ("type", "1")])
                .write_empty()?;
            Ok(())
        })?;
    w.get_mut().push(b'\n');
    Ok(())
}

/// A grant's description without a public summary: the grantee's name and the
/// countries of implementation, nothing an applicant wrote about the people assisted.
fn structured(a: &Activity) -> String {
    let countries: Vec<&str> = a.countries.iter().map(|c| c.name()).collect();
    let place = if countries.is_empty() {
        String::new()
    } else {
        format!(" in {}", countries.join(", "))
    };
    format!(
        "A grant of the United Nations Voluntary Trust Fund for Victims of Trafficking in \
         Persons to {} for direct assistance to victims of trafficking{place}.",
        a.grantee.name
    )
}

/// `default-flow-type`, `default-finance-type` and `default-aid-type` (see
/// `super::mapping`), in the schema's order.
pub(super) fn default_types<W: io::Write>(w: &mut Writer<W>) -> io::Result<()> {
    w.create_element("default-flow-type")
        .with_attribute(("code", FLOW_TYPE_ODA))
        .write_empty()?;
    w.create_element("default-finance-type")
        .with_attribute(("code", FINANCE_TYPE_GRANT))
        .write_empty()?;
    w.create_element("default-aid-type")
        .with_attribute(("code", AID_TYPE_PROJECT))
        .write_empty()?;
    Ok(())
}

/// Every text of the file goes through here (and every attribute a user gave through
/// [`xml_safe`]): a stored text holding a character XML forbids (a row from before the
/// input rule) is written with U+FFFD in its place, so one bad title never makes the whole
/// file unreadable.
pub(super) fn narrative<W: io::Write>(w: &mut Writer<W>, text: &str) -> io::Result<()> {
    w.create_element("narrative")
        .write_text_content(BytesText::new(&xml_safe(text)))?;
    Ok(())
}

fn participating_orgs<W: io::Write>(
    w: &mut Writer<W>,
    org: &ReportingOrg,
    a: &Activity,
) -> io::Result<()> {
    w.create_element("participating-org")
        .with_attributes([
            ("ref", org.reference.as_str()),
            ("type", MULTILATERAL),
            ("role", ROLE_FUNDING),
        ])
        .write_inner_content(|w| narrative(w, &org.name))?;
    let kind = organisation_type(a.grantee.org_type);
    let mut implementing = w.create_element("participating-org");
    let grantee_ref = a.grantee.iati_ref.as_deref().map(xml_safe);
    if let Some(reference) = &grantee_ref {
        implementing = implementing.with_attribute(("ref", reference.as_ref()));
    }
    implementing
        .with_attributes([("type", kind), ("role", ROLE_IMPLEMENTING)])
        .write_inner_content(|w| narrative(w, &a.grantee.name))?;
    Ok(())
}

fn transaction<W: io::Write>(
    w: &mut Writer<W>,
    org: &ReportingOrg,
    a: &Activity,
    t: &Transaction,
) -> io::Result<()> {
    let date = t.date.to_string();
    let value = t.value.amount().to_string();
    w.create_element("transaction").write_inner_content(|w| {
        w.create_element("transaction-type")
            .with_attribute(("code", t.kind.code()))
            .write_empty()?;
        w.create_element("transaction-date")
            .with_attribute(("iso-date", date.as_str()))
            .write_empty()?;
        w.create_element("value")
            .with_attributes([
                ("currency", t.value.currency().code()),
                ("value-date", date.as_str()),
            ])
            .write_text_content(BytesText::new(&value))?;
        w.create_element("description")
            .write_inner_content(|w| narrative(w, &t.description))?;
        w.create_element("provider-org")
            .with_attributes([("ref", org.reference.as_str()), ("type", MULTILATERAL)])
            .write_inner_content(|w| narrative(w, &org.name))?;
        match t.receiver {
            Receiver::Grantee => {
                let mut receiver = w.create_element("receiver-org");
                let grantee_ref = a.grantee.iati_ref.as_deref().map(xml_safe);
                if let Some(reference) = &grantee_ref {
                    receiver = receiver.with_attribute(("ref", reference.as_ref()));
                }
                receiver
                    .with_attribute(("type", organisation_type(a.grantee.org_type)))
                    .write_inner_content(|w| narrative(w, &a.grantee.name))?;
            }
            Receiver::Administrator => {
                w.create_element("receiver-org")
                    .with_attributes([("ref", org.reference.as_str()), ("type", MULTILATERAL)])
                    .write_inner_content(|w| narrative(w, &org.name))?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use uuid::Uuid;

    use super::*;
    use crate::domain::{CountryCode, Currency, Money};
    use crate::exports::iati::activity::{
        ActivityDateType, ActivityStatus, Grantee, TransactionType,
    };
    use crate::organizations::OrgType;

    #[test]
    fn text_is_escaped_and_the_pieces_make_one_document() {
        let org = ReportingOrg {
            reference: "XM-DAC-41128".into(),
            name: "UNODC".into(),
        };
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let activity = Activity {
            grant: Uuid::nil(),
            title: "Shelter & <legal> aid".into(),
            description: Some("\"Safe\" homes".into()),
            sectors: crate::exports::iati::mapping::sectors(&[]),
            last_updated: chrono::Utc::now(),
            grantee: Grantee {
                name: "Hope & Care".into(),
                org_type: OrgType::Ngo,
                iati_ref: None,
            },
            status: ActivityStatus::Implementation,
            dates: vec![(ActivityDateType::PlannedStart, day)],
            countries: vec![CountryCode::parse("KE").unwrap()],
            currency: Currency::USD,
            transactions: vec![Transaction {
                kind: TransactionType::Disbursement,
                date: day,
                value: Money::from_minor(-123_456, Currency::USD).unwrap(),
                description: "refund".into(),
                receiver: Receiver::Grantee,
            }],
        };
        let mut out = Vec::new();
        open_document(&mut out, chrono::Utc::now()).unwrap();
        write_activity(&mut out, &org, &activity).unwrap();
        close_document(&mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("<narrative>Shelter &amp; &lt;legal&gt; aid</narrative>"));
        assert!(xml.contains(
            "<iati-identifier>XM-DAC-41128-00000000-0000-0000-0000-000000000000</iati-identifier>"
        ));
        assert!(xml.contains(r#"<value currency="USD" value-date="2026-03-01">-1234.56</value>"#));
        assert!(xml.contains(r#"<participating-org type="22" role="4">"#));
        assert!(xml.trim_end().ends_with("</iati-activities>"));
    }
}
