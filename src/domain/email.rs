//! `Email`: a user's address, normalised so that uniqueness is case-insensitive.

use std::fmt;

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::RefOr;

use super::InvalidValue;

/// The longest address SMTP can carry (RFC 5321 path limit less the angle brackets).
const MAX_LEN: usize = 254;

/// An e-mail address: trimmed, lower-cased, in NFC, its domain in IDNA ASCII form
/// (`xn--…`), and as the mail library will send it.
///
/// Lower-casing the local part is stricter than RFC 5321 allows in theory, but no real
/// mail provider distinguishes case there, and two accounts for `Ana@x.org` and
/// `ana@x.org` would be a security problem, not a feature.
///
/// An address must also show what it is, so that no account can pass for another:
/// - invisible or direction-changing characters are refused as in every text
///   ([`super::text::invisible`]; `secre\u{200B}tariat@…`, `…\u{202E}@…`, a soft hyphen in
///   the domain, which IDNA would silently drop), a 422 `invisible-character`;
/// - the local part and each label of the domain are written in one script, or in one of
///   the combinations Unicode's "highly restrictive" profile allows (UTS #39: Latin with
///   Han and Japanese kana, with Han and Bopomofo, or with Han and Hangul), so a Cyrillic
///   `ѕ` among Latin letters is refused; a label wholly in Cyrillic, Arabic, … is fine;
/// - the domain is stored in its IDNA ASCII form, one spelling per domain;
/// - a quoted local part (`"a b"@example.org`) is refused: valid in RFC 5322, but the
///   mail library refuses it at delivery, so the account could never receive mail.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

impl Email {
    /// An address read back from the database. It was parsed when it was written; the
    /// rules for new addresses may have grown since, and an account accepted then must
    /// still receive its mail, so a stored address is not judged again.
    pub fn stored(address: String) -> Email {
        Email(address)
    }

    pub fn parse(input: &str) -> Result<Email, InvalidValue> {
        use unicode_normalization::UnicodeNormalization;
        let address: String = input.trim().nfc().collect::<String>().to_lowercase();
        if address.is_empty() {
            return Err(InvalidValue::new("e-mail address must not be empty"));
        }
        visible(&address)?;
        let Some((local, domain)) = address.rsplit_once('@') else {
            return Err(InvalidValue::new(format!(
                "{address:?} is not a valid e-mail address: it has no @"
            )));
        };
        if local.starts_with('"') {
            return Err(InvalidValue::new(format!(
                "{address:?}: a quoted local part cannot be delivered; use an address without quotes"
            )));
        }
        if domain.starts_with('[') {
            return Err(InvalidValue::new(format!(
                "{address:?} is not a valid e-mail address: an IP address is not a domain"
            )));
        }
        one_script(local, "the part before @")?;
        let ascii = idna::domain_to_ascii(domain).map_err(|_| {
            InvalidValue::new(format!(
                "{address:?}: {domain:?} is not a valid domain name"
            ))
        })?;
        let (unicode, _) = idna::domain_to_unicode(&ascii);
        for label in unicode.split('.') {
            one_script(label, "each part of the domain")?;
        }
        let address = format!("{local}@{ascii}");
        let length = address.chars().count();
        if length > MAX_LEN {
            return Err(InvalidValue::new(format!(
                "e-mail address must be at most {MAX_LEN} characters, got {length}"
            )));
        }
        // A bare address only: no "Name <a@b>" form, no IP literals, and a dot in the
        // domain, since mail to a single-label host never reaches an applicant.
        let options = Options::default()
            .without_display_text()
            .without_domain_literal()
            .with_required_tld();
        EmailAddress::parse_with_options(&address, options).map_err(|e| {
            InvalidValue::new(format!("{address:?} is not a valid e-mail address: {e}"))
        })?;
        // What the mail library accepts is what the address can receive.
        lettre::Address::new(local, &ascii).map_err(|e| {
            InvalidValue::new(format!("{address:?} is not an address mail can go to: {e}"))
        })?;
        Ok(Email(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Refuses control, invisible, direction-changing and forbidden characters, with the
/// text rules' messages (and so their 422s).
fn visible(address: &str) -> Result<(), InvalidValue> {
    use super::text::{forbidden, invisible, FORBIDDEN_CHARACTER, INVISIBLE_CHARACTER};
    for (at, c) in address.chars().enumerate() {
        if let Some(name) = invisible(c) {
            return Err(InvalidValue::new(format!(
                "{INVISIBLE_CHARACTER}: an e-mail address must not contain invisible or \
                 direction-changing characters (found U+{:04X} {name} at character {})",
                u32::from(c),
                at + 1
            )));
        }
        if let Some(name) = forbidden(c) {
            return Err(InvalidValue::new(format!(
                "{FORBIDDEN_CHARACTER}: an e-mail address must not contain U+{:04X} {name} \
                 (at character {})",
                u32::from(c),
                at + 1
            )));
        }
        if c.is_control() {
            return Err(InvalidValue::new(format!(
                "an e-mail address must not contain control characters (found U+{:04X})",
                u32::from(c)
            )));
        }
    }
    Ok(())
}

/// Refuses `part` if it mixes scripts beyond UTS #39's "highly restrictive" level.
fn one_script(part: &str, what: &str) -> Result<(), InvalidValue> {
    use std::collections::HashSet;
    use unicode_script::{Script, UnicodeScript};
    let scripts: HashSet<Script> = part
        .chars()
        .map(|c| c.script())
        .filter(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
        .collect();
    let allowed = |set: &[Script]| scripts.iter().all(|s| set.contains(s));
    if scripts.len() <= 1
        || allowed(&[
            Script::Latin,
            Script::Han,
            Script::Hiragana,
            Script::Katakana,
        ])
        || allowed(&[Script::Latin, Script::Han, Script::Bopomofo])
        || allowed(&[Script::Latin, Script::Han, Script::Hangul])
    {
        return Ok(());
    }
    let mut names: Vec<&str> = scripts.iter().map(|s| s.full_name()).collect();
    names.sort_unstable();
    Err(InvalidValue::new(format!(
        "{what} of an e-mail address must be written in one script, found {} in {part:?}",
        names.join(" and ")
    )))
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({:?})", self.0)
    }
}

impl Serialize for Email {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let input = String::deserialize(deserializer)?;
        Email::parse(&input).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Email {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
            .max_length(Some(MAX_LEN))
            .examples([serde_json::json!("fund.manager@example.org")])
            .into()
    }
}

impl utoipa::ToSchema for Email {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_whitespace() {
        let e = Email::parse("  Ana.Silva@Example.ORG \n").unwrap();
        assert_eq!(e.as_str(), "ana.silva@example.org");
        assert_eq!(e, Email::parse("ana.silva@example.org").unwrap());
    }

    #[test]
    fn refuses_invalid_addresses() {
        for bad in [
            "",
            "   ",
            "ana",
            "ana@",
            "@example.org",
            "ana@@example.org",
            "ana@localhost",
            "Ana <ana@example.org>",
            "ana@[127.0.0.1]",
            "ana silva@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let long = format!("{}@example.org", "a".repeat(243));
        assert_eq!(long.len(), 255);
        assert!(Email::parse(&long)
            .unwrap_err()
            .to_string()
            .contains("at most 254"));
    }

    #[test]
    fn refuses_lookalikes_and_undeliverable_forms() {
        for bad in [
            "secre\u{200b}tariat@demo.trustfund.local",
            "secretariat\u{202e}@demo.trustfund.local",
            "\u{0455}ecretariat@demo.trustfund.local",
            "secretariat@demo\u{00ad}trustfund.local",
            "secretariat@dem\u{043e}.trustfund.local",
            "\"a b\"@example.org",
            "\"ana\"@example.org",
            "ana@exa\u{2028}mple.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} was accepted");
        }
        let err = Email::parse("\u{0455}ecretariat@x.org")
            .unwrap_err()
            .to_string();
        assert!(err.contains("Cyrillic and Latin"), "{err}");
        assert!(Email::parse("a\u{200b}b@x.org")
            .unwrap_err()
            .to_string()
            .starts_with("invisible-character: "));
    }

    #[test]
    fn one_script_per_part_and_the_domain_in_ascii() {
        assert_eq!(
            Email::parse("Ana@Bücher.Example").unwrap().as_str(),
            "ana@xn--bcher-kva.example"
        );
        assert_eq!(
            Email::parse("ana@xn--bcher-kva.example").unwrap(),
            Email::parse("ana@bücher.example").unwrap()
        );
        // A label wholly in another script is fine, and so is a local part.
        assert!(Email::parse("иван@пример.рф").is_ok());
        assert!(Email::parse("ivan@пример.рф").is_ok());
        assert!(Email::parse("山田@例え.jp").is_ok());
    }

    #[test]
    fn serde_goes_through_parse() {
        let e: Email = serde_json::from_str("\"ANA@EXAMPLE.ORG\"").unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"ana@example.org\"");
        assert!(serde_json::from_str::<Email>("\"not-an-address\"").is_err());
    }
}
