use super::*;
use strum::VariantArray;

#[test]
fn table_is_sorted_and_complete() {
    assert_eq!(MEMBER_STATES.len(), 193);
    assert!(MEMBER_STATES.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(CountryCode::all().count(), 193);
    let count = |g| {
        CountryCode::all()
            .filter(|c| c.regional_group() == g)
            .count()
    };
    let counts = RegionalGroup::VARIANTS
        .iter()
        .copied()
        .map(count)
        .collect::<Vec<_>>();
    assert_eq!(counts, [54, 54, 23, 33, 29]);
}

#[test]
fn special_cases_follow_the_electoral_rule() {
    let group = |c: &str| CountryCode::parse(c).unwrap().regional_group();
    assert_eq!(group("US"), RegionalGroup::WesternEuropeanOther);
    assert_eq!(group("TR"), RegionalGroup::WesternEuropeanOther);
    assert_eq!(group("IL"), RegionalGroup::WesternEuropeanOther);
    assert_eq!(group("KI"), RegionalGroup::AsiaPacific);
    assert_eq!(group("CY"), RegionalGroup::AsiaPacific);
    assert_eq!(CountryCode::parse("CI").unwrap().name(), "Côte d'Ivoire");
}

#[test]
fn refuses_non_members_and_sloppy_codes() {
    for code in ["XK", "PS", "VA", "TW", "HK", "PR", "EU", "UK"] {
        let err = CountryCode::parse(code).unwrap_err();
        assert_eq!(err.to_string(), format!("{code} is not a UN Member State"));
    }
    for bad in ["ke", "Ke", "KEN", "K", "", " KE", "404"] {
        assert!(CountryCode::parse(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn serde_names() {
    let ke = CountryCode::parse("KE").unwrap();
    assert_eq!(serde_json::to_string(&ke).unwrap(), "\"KE\"");
    assert_eq!(serde_json::from_str::<CountryCode>("\"KE\"").unwrap(), ke);
    assert!(serde_json::from_str::<CountryCode>("\"XK\"").is_err());
    let names = RegionalGroup::VARIANTS
        .iter()
        .map(|g| serde_json::to_string(g).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(
        names,
        [
            "\"african\"",
            "\"asia_pacific\"",
            "\"eastern_european\"",
            "\"latin_american_caribbean\"",
            "\"western_european_other\"",
        ]
    );
}

/// Splits one CSV line into fields, honouring double quotes (the note on the United
/// States contains a comma).
fn csv_fields(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(ch) = chars.next() {
        match (ch, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(ch),
        }
    }
    fields.push(field);
    fields
}

#[test]
fn matches_the_reference_list() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/un-member-states.csv"
    );
    let csv = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut seen = 0;
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields = csv_fields(line.trim_end_matches('\r'));
        let (code, group) = (fields[0].as_str(), fields[2].as_str());
        let country = CountryCode::parse(code).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(country.regional_group().name(), group, "{line}");
        seen += 1;
    }
    assert_eq!(seen, 193, "the reference list and the table differ in size");
}
