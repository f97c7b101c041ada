//! `Email`: a user's address, normalised so that uniqueness is case-insensitive.

use std::fmt;

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::RefOr;

use super::InvalidValue;

/// The longest address SMTP can carry (RFC 5321 path limit less the angle brackets).
const MAX_LEN: usize = 254;

/// An e-mail address: trimmed, lower-cased and syntactically valid.
///
/// Lower-casing the local part is stricter than RFC 5321 allows in theory, but no real
/// mail provider distinguishes case there, and two accounts for `Ana@x.org` and
/// `ana@x.org` would be a security problem, not a feature.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, InvalidValue> {
        let address = input.trim().to_lowercase();
        if address.is_empty() {
            return Err(InvalidValue::new("e-mail address must not be empty"));
        }
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
        Ok(Email(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
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
    fn serde_goes_through_parse() {
        let e: Email = serde_json::from_str("\"ANA@EXAMPLE.ORG\"").unwrap();
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"ana@example.org\"");
        assert!(serde_json::from_str::<Email>("\"not-an-address\"").is_err());
    }
}
