//! Header values built from users' text (a title, an organisation's name).
//!
//! lettre encodes a header value only when it holds non-ASCII characters, so an ASCII
//! value such as `=?utf-8?b?…?=` would go out raw and every mail client would decode it:
//! a name could smuggle in, say, a right-to-left override that the text check refuses
//! when it is typed directly. A value that could be read as an encoded word is therefore
//! encoded whole, so that decoding gives back exactly what was typed.

use email_encoding::headers::{rfc2047, writer::EmailWriter};
use lettre::message::header::{Header, HeaderName, HeaderValue};

/// A `Subject` that shows exactly the text it was given.
#[derive(Debug, Clone)]
pub struct Subject(pub String);

impl Header for Subject {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Subject")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Subject(s.to_string()))
    }

    fn display(&self) -> HeaderValue {
        user_text(Self::name(), &self.0)
    }
}

/// The value of header `name` holding `text`, which decodes to `text` and nothing else.
pub fn user_text(name: HeaderName, text: &str) -> HeaderValue {
    // Only `=?` opens an encoded word; anything else lettre's own encoding keeps readable.
    if !text.contains("=?") {
        return HeaderValue::new(name, text.to_string());
    }
    let encoded = encode_words(name.len(), text);
    // Safe here despite the name: the encoder writes only base64 encoded words, folded
    // with CRLF and a space, all printable ASCII.
    HeaderValue::dangerous_new_pre_encoded(name, text.to_string(), encoded)
}

/// `text` as UTF-8 base64 encoded words after a header name `name_len` long, folded so
/// that each word stays within RFC 2047's 75 characters and each line within 76.
fn encode_words(name_len: usize, text: &str) -> String {
    let mut encoded = String::new();
    let mut writer = EmailWriter::new(&mut encoded, name_len + ": ".len(), 0, false);
    // Writing into a String cannot fail; the `fmt::Result` is the trait's, not ours.
    let _ = rfc2047::encode(text, &mut writer);
    drop(writer);
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(value: &str) -> String {
        use base64::Engine;
        let bytes: Vec<u8> = value
            .split_whitespace()
            .flat_map(|word| {
                let data = word
                    .strip_prefix("=?utf-8?b?")
                    .and_then(|w| w.strip_suffix("?="))
                    .unwrap_or_else(|| panic!("not an encoded word: {word}"));
                base64::engine::general_purpose::STANDARD
                    .decode(data)
                    .unwrap()
            })
            .collect();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_literal_encoded_word_is_encoded_whole() {
        let typed = "Voting open: =?utf-8?b?U2FmZeKArmdwai5leGXigIs=?=";
        let encoded = encode_words("Subject".len(), typed);
        assert!(!encoded.contains("U2FmZeKArmdwai5leGXigIs="), "{encoded}");
        assert_eq!(decode(&encoded), typed);
    }

    #[test]
    fn long_values_fold_into_short_words_of_whole_characters() {
        let typed = format!("=?{}", "Ação contra o tráfico, ".repeat(12));
        let encoded = encode_words("Subject".len(), &typed);
        let mut lines = encoded.split("\r\n");
        let first = lines.next().unwrap();
        assert!("Subject: ".len() + first.len() <= 76, "{first}");
        for line in lines {
            assert!(line.starts_with(' ') && line.len() <= 76, "{line}");
        }
        for word in encoded.split_whitespace() {
            assert!(word.len() <= 75, "{word}");
            // Each word decodes alone: no character is split across two words.
            assert!(std::str::from_utf8(&decode_bytes(word)).is_ok(), "{word}");
        }
        assert_eq!(decode(&encoded), typed);
    }

    fn decode_bytes(word: &str) -> Vec<u8> {
        use base64::Engine;
        let data = &word["=?utf-8?b?".len()..word.len() - 2];
        base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap()
    }

    #[test]
    fn ordinary_text_is_left_to_lettre() {
        let plain = user_text(Subject::name(), "Voting open: Safe shelter");
        let ours = HeaderValue::new(Subject::name(), "Voting open: Safe shelter".into());
        assert_eq!(plain, ours);
    }
}
