//! `Text` and `ShortText`: free text typed by users (summaries, comments, titles).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::RefOr;

use super::InvalidValue;

/// The name of the rule an invisible or direction-changing character breaks; the
/// message of such a refusal starts with it (`invisible-character: …`) so the JSON layer
/// answers 422 naming [`crate::error::Rule::InvisibleCharacter`] and the field.
pub const INVISIBLE_CHARACTER: &str = "invisible-character";

/// The name of the rule a character that no file the service writes may hold breaks
/// ([`forbidden`]); such a refusal answers 422 naming
/// [`crate::error::Rule::ForbiddenCharacter`] and the field.
pub const FORBIDDEN_CHARACTER: &str = "forbidden-character";

/// What a forbidden character is called in an error, or `None` for an allowed one.
///
/// Refused because one of them makes a whole export unreadable, not just its own text: the
/// noncharacters U+FFFE and U+FFFF are outside XML 1.0's `Char` production (an IATI file
/// holding one is refused by every XML parser), and the other noncharacters (U+FDD0–
/// U+FDEF, the last two code points of every plane) are "not for interchange". The line
/// and paragraph separators U+2028 and U+2029 break lines in some readers and not in
/// others (JavaScript before ES2019 ends a string at them); text uses `\n` for its lines.
/// Control characters are refused apart, as before (a 400). Surrogates cannot occur in a
/// Rust string.
pub fn forbidden(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{FDD0}'..='\u{FDEF}' => "NONCHARACTER",
        c if u32::from(c) & 0xFFFE == 0xFFFE => "NONCHARACTER",
        _ => return None,
    })
}

/// `text` as an XML writer may write it: every character XML 1.0 does not allow (control
/// characters other than tab, newline and carriage return; U+FFFE, U+FFFF) and every
/// other [`forbidden`] one replaced by U+FFFD REPLACEMENT CHARACTER. Input refuses them,
/// but a row stored before that rule (or written by hand) must not make the whole file
/// unreadable: the file stays valid and shows where a character was lost.
pub fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (u32::from(c) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || forbidden(c).is_some()
    };
    if text.chars().any(bad) {
        std::borrow::Cow::Owned(
            text.chars()
                .map(|c| if bad(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// What an invisible character is called in an error, or `None` for a visible one.
///
/// Refused because they make text display other than it reads (a display-spoofing risk
/// for every client): bidirectional embeddings, overrides, isolates and marks (U+202A–
/// U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), zero-width characters (U+200B–U+200D,
/// U+2060, U+FEFF byte-order mark) and every other invisible format character (Unicode
/// category Cf: soft hyphen, invisible operators, interlinear annotation, tags, …), plus
/// the Hangul fillers and the combining grapheme joiner, which render as nothing. Tab
/// and newline are handled with the control characters.
///
/// The cost: zero-width (non-)joiners are refused too, though Persian and Indic
/// spellings and emoji sequences use them; a name is accepted without them.
pub fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{034F}' => "COMBINING GRAPHEME JOINER",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "HANGUL FILLER",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        // The rest of category Cf (Unicode 16).
        '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{2061}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}'
        | '\u{E0020}'..='\u{E007F}' => "INVISIBLE FORMAT CHARACTER",
        _ => return None,
    })
}

/// Trims, normalises CRLF to LF (browsers send textarea line breaks as CRLF) and to
/// Unicode NFC (so the same name typed on two keyboards is the same text, and lengths
/// count what is seen), and refuses empty text, text longer than `max` characters,
/// control characters other than tab and, if `multiline`, newline, and invisible or
/// direction-changing characters ([`invisible`]). PostgreSQL refuses NUL in text
/// columns, and the other control characters only ever arrive by accident or malice.
fn clean(input: &str, what: &str, max: usize, multiline: bool) -> Result<String, InvalidValue> {
    use unicode_normalization::UnicodeNormalization;
    // Before trimming: a line separator is whitespace `trim` would drop silently.
    if let Some((at, c, name)) = input
        .chars()
        .enumerate()
        .find_map(|(at, c)| forbidden(c).map(|name| (at, c, name)))
    {
        return Err(InvalidValue::new(format!(
            "{FORBIDDEN_CHARACTER}: {what} must not contain line or paragraph separators or \
             noncharacters (found U+{:04X} {name} at character {})",
            u32::from(c),
            at + 1
        )));
    }
    let text: String = input.trim().replace("\r\n", "\n").nfc().collect();
    if let Some((at, c, name)) = text
        .chars()
        .enumerate()
        .find_map(|(at, c)| invisible(c).map(|name| (at, c, name)))
    {
        return Err(InvalidValue::new(format!(
            "{INVISIBLE_CHARACTER}: {what} must not contain invisible or direction-changing \
             characters (found U+{:04X} {name} at character {})",
            u32::from(c),
            at + 1
        )));
    }
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(InvalidValue::new(format!("{what} must not be empty")));
    }
    if let Some(bad) = text
        .chars()
        .find(|&c| c.is_control() && c != '\t' && !(multiline && c == '\n'))
    {
        let allowed = if multiline { "tab and newline" } else { "tab" };
        return Err(InvalidValue::new(format!(
            "{what} must not contain control characters other than {allowed} (found U+{:04X})",
            u32::from(bad)
        )));
    }
    let length = text.chars().count();
    if length > max {
        return Err(InvalidValue::new(format!(
            "{what} must be at most {max} characters, got {length}"
        )));
    }
    Ok(text)
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $what:literal, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Most characters (Unicode scalar values) allowed.
            pub const MAX_CHARS: usize = $max;

            pub fn parse(input: &str) -> Result<Self, InvalidValue> {
                clean(input, $what, $max, $multiline).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let input = String::deserialize(deserializer)?;
                Self::parse(&input).map_err(serde::de::Error::custom)
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                text_schema($max, $multiline)
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

text_type!(
    /// Free text of up to 10,000 characters, with line breaks: summaries, comments,
    /// reasons for a decision.
    Text,
    "text",
    10_000,
    true
);

text_type!(
    /// A single line of up to 200 characters: titles, names, references.
    ShortText,
    "short text",
    200,
    false
);

text_type!(
    /// A postal address of up to 500 characters, its lines as the country writes them
    /// (street, town, postcode, country: formats differ too much for separate fields).
    PostalAddress,
    "postal address",
    500,
    true
);

// ---- The published schema of `Text` and `ShortText` (the contract helper's part). ----

/// What `clean` accepts, as a JSON Schema (ECMA 262) pattern: any run of whitespace that
/// `str::trim` removes (Unicode `White_Space`), then 1 to `max` characters that start and
/// end with a visible one and hold no control character other than tab (and, if
/// `multiline`, newline, a CRLF counting as the one newline it becomes), then trailing
/// whitespace. The length is in the pattern, not in `maxLength`, because the server counts
/// after trimming: `maxLength` would refuse padded text the server accepts. Written with
/// explicit ranges, not `\s`, because regex engines disagree on what `\s` covers. The
/// schemathesis pass in `scripts/contract.sh` checks that the server and this pattern
/// agree, both ways.
pub fn text_pattern(max: usize, multiline: bool) -> String {
    const SPACE: &str = r"\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000";
    // What `invisible` refuses, within the Basic Multilingual Plane: a JSON Schema pattern
    // (ECMA-262 without the `u` flag) cannot name the few astral format characters, which
    // the description mentions instead.
    // The forbidden characters of the Basic Multilingual Plane are in the same class (and
    // the astral noncharacters in the description, like the astral format characters).
    const INVISIBLE: &str = r"\u2028\u2029\uFDD0-\uFDEF\uFFFE\uFFFF\u00AD\u034F\u0600-\u0605\u061C\u06DD\u070F\u0890\u0891\u08E2\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB";
    let visible = format!(
        r"[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000{INVISIBLE}]"
    );
    let inner = if multiline {
        format!(r"(?:[^\u0000-\u0008\u000B-\u001F\u007F-\u009F{INVISIBLE}]|\r\n)")
    } else {
        format!(r"[^\u0000-\u0008\u000A-\u001F\u007F-\u009F{INVISIBLE}]")
    };
    let between = max.saturating_sub(2);
    format!("^[{SPACE}]*{visible}(?:{inner}{{0,{between}}}{visible})?[{SPACE}]*$")
}

fn text_schema(max: usize, multiline: bool) -> RefOr<Schema> {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let lines = if multiline {
        "line breaks (LF or CRLF) and tabs allowed"
    } else {
        "one line, tabs allowed"
    };
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .pattern(Some(text_pattern(max, multiline)))
        .description(Some(format!(
            "1 to {max} characters once leading and trailing whitespace is trimmed \
             (the pattern counts them; a CRLF counts as one); {lines}; no other control \
             characters, and no invisible or direction-changing characters (Unicode \
             format characters such as bidi overrides, zero-width characters, soft hyphens; \
             422 `invisible-character`); no line or paragraph separators (U+2028, U+2029) \
             and no noncharacters (U+FDD0–U+FDEF and the last two code points of every \
             plane, e.g. U+FFFE, U+FFFF; 422 `forbidden-character`)."
        )))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_and_keeps_inner_layout() {
        let t = Text::parse("  Shelter\r\n\tand legal aid \n").unwrap();
        assert_eq!(t.as_str(), "Shelter\n\tand legal aid");
        assert_eq!(ShortText::parse(" Title ").unwrap().into_string(), "Title");
    }

    #[test]
    fn refuses_empty_control_and_long_text() {
        assert_eq!(
            Text::parse(" \n ").unwrap_err().to_string(),
            "text must not be empty"
        );
        let nul = Text::parse("a\u{0}b").unwrap_err().to_string();
        assert!(nul.contains("(found U+0000)"), "{nul}");
        assert!(Text::parse("a\rb").is_err());
        assert!(Text::parse("a\u{1b}[31m").is_err());
        assert!(Text::parse("a\u{85}b").is_err());
        assert!(ShortText::parse("line one\nline two").is_err());
        assert!(ShortText::parse("a\tb").is_ok());
        assert!(Text::parse(&"é".repeat(10_000)).is_ok());
        let long = Text::parse(&"é".repeat(10_001)).unwrap_err().to_string();
        assert_eq!(long, "text must be at most 10000 characters, got 10001");
        assert!(ShortText::parse(&"x".repeat(200)).is_ok());
        assert!(ShortText::parse(&"x".repeat(201)).is_err());
    }

    #[test]
    fn refuses_invisible_and_direction_changing_characters() {
        for c in [
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{200F}',
            '\u{00AD}',
            '\u{E0041}',
        ] {
            let err = ShortText::parse(&format!("Hope{c}Shelter"))
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("invisible-character: short text"), "{err}");
            assert!(err.contains(&format!("U+{:04X}", u32::from(c))), "{err}");
            // Leading, trailing, alone: refused too, never trimmed away silently.
            assert!(Text::parse(&format!("{c}x")).is_err());
            assert!(Text::parse(&format!("x{c}")).is_err());
            assert!(Text::parse(&c.to_string()).is_err());
        }
        let err = ShortText::parse("abc\u{202E}fdp.exe")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("RIGHT-TO-LEFT OVERRIDE at character 4"),
            "{err}"
        );
        // Visible text of every script is untouched.
        for ok in ["مؤسسة الأمل", "שלום", "Фонд", "希望之家", "नमस्ते", "Ñandú"]
        {
            assert_eq!(ShortText::parse(ok).unwrap().as_str(), ok);
        }
        // Emoji presentation selectors are visible-glyph modifiers, kept.
        assert!(ShortText::parse("Hope \u{2764}\u{FE0F}").is_ok());
    }

    #[test]
    fn refuses_separators_and_noncharacters_anywhere() {
        for c in [
            '\u{2028}',
            '\u{2029}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ] {
            for text in [format!("Hope{c}Shelter"), format!("{c}x"), format!("x{c}")] {
                let err = ShortText::parse(&text).unwrap_err().to_string();
                assert!(err.starts_with("forbidden-character: short text"), "{err}");
                assert!(err.contains(&format!("U+{:04X}", u32::from(c))), "{err}");
                assert!(Text::parse(&text).is_err());
            }
        }
        assert!(ShortText::parse("\u{FDCF}\u{FDF0}\u{FFFD}").is_ok());
    }

    #[test]
    fn xml_safe_replaces_what_xml_cannot_hold() {
        assert_eq!(
            xml_safe("a\u{FFFF}b\u{0}c\u{2028}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(xml_safe("tab\tline\nok \u{202E}"), "tab\tline\nok \u{202E}");
    }

    #[test]
    fn normalises_to_nfc() {
        // "é" as e + combining acute becomes the one precomposed character.
        let t = ShortText::parse("Cafe\u{301} Espoir").unwrap();
        assert_eq!(t.as_str(), "Caf\u{e9} Espoir");
        assert_eq!(t.as_str().chars().count(), 11);
        // Length counts after normalisation: 200 decomposed é are 200 characters.
        assert!(ShortText::parse(&"e\u{301}".repeat(200)).is_ok());
        // Hangul jamo compose into syllables.
        assert_eq!(
            ShortText::parse("\u{1100}\u{1161}").unwrap().as_str(),
            "\u{AC00}"
        );
    }

    #[test]
    fn serde_goes_through_parse() {
        let t: ShortText = serde_json::from_str("\" Hope \"").unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"Hope\"");
        let err = serde_json::from_str::<Text>("\"\\u0000\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("control characters"), "{err}");
    }
}
