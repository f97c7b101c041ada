//! A subject shows exactly the text that was typed: a name written as a literal RFC 2047
//! encoded word reaches the reader as those ASCII characters, never as what it would
//! decode to (here a right-to-left override and a zero-width space the text check refuses
//! when typed directly).

use base64::Engine;
use trustfund::api::organizations::VerificationRequest;
use trustfund::auth::Role;

use crate::helpers::{registration, TestApp};
use crate::on_both_backends;
use crate::support::mail::{free_port, worker, SmtpServer};
use crate::support::text;

/// `=?utf-8?b?…?=` of "Safe\u{202E}gpj.exe\u{200B}": ASCII, so it passes the text check.
fn disguised_name() -> String {
    let hidden = base64::engine::general_purpose::STANDARD.encode("Safe\u{202E}gpj.exe\u{200B}");
    format!("=?utf-8?b?{hidden}?=")
}

/// The `Subject` header of a raw message, unfolded and decoded as a mail client would.
fn decoded_subject(raw: &str) -> String {
    let mut lines = raw
        .lines()
        .skip_while(|l| !l.to_ascii_lowercase().starts_with("subject:"));
    let mut value = lines.next().expect("a Subject")["subject:".len()..].to_string();
    for more in lines.take_while(|l| l.starts_with([' ', '\t'])) {
        value.push_str(more);
    }
    decode_words(value.trim())
}

/// RFC 2047 decoding of B-encoded UTF-8 words; white space between two encoded words is
/// dropped, all other text is kept as it is.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut pending_space = String::new();
    let mut last_was_word = false;
    for piece in value.split_inclusive(char::is_whitespace) {
        let token = piece.trim_end_matches(char::is_whitespace);
        let space = &piece[token.len()..];
        if token.is_empty() {
            pending_space.push_str(space);
            continue;
        }
        match encoded_word(token) {
            Some(text) => {
                if !last_was_word {
                    out.push_str(&pending_space);
                }
                out.push_str(&text);
                last_was_word = true;
            }
            None => {
                out.push_str(&pending_space);
                out.push_str(token);
                last_was_word = false;
            }
        }
        pending_space = space.to_string();
    }
    out
}

fn encoded_word(token: &str) -> Option<String> {
    let inner = token.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = inner.splitn(3, '?');
    let (charset, encoding, data) = (parts.next()?, parts.next()?, parts.next()?);
    if !charset.eq_ignore_ascii_case("utf-8") || !encoding.eq_ignore_ascii_case("b") {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .ok()?;
    String::from_utf8(bytes).ok()
}

#[test]
fn the_test_decoder_reads_encoded_words() {
    assert_eq!(
        decode_words("Voting open: =?utf-8?b?U2Fm?=\r\n =?utf-8?b?ZQ==?= x"),
        "Voting open: Safe x"
    );
    assert_eq!(
        decode_words(&disguised_name()),
        "Safe\u{202E}gpj.exe\u{200B}"
    );
}

async fn a_name_written_as_an_encoded_word_is_shown_as_typed(app: TestApp) {
    let port = free_port();
    let worker = worker(&app, port);
    let server = SmtpServer::start(port);
    let name = disguised_name();
    let mut body = registration("KE");
    body["legal_name"] = name.clone().into();
    body["bank_account_holder"] = name.clone().into();
    let created = app
        .anonymous()
        .organizations()
        .register(&body)
        .await
        .created();
    let secretariat = app.user(Role::Secretariat).await;
    app.as_(&secretariat)
        .organization(created.organization.id)
        .verify(&VerificationRequest {
            verified: true,
            reason: Some(text("documents checked")),
        })
        .await
        .ok();
    let sent = worker
        .drain_at(trustfund::clock::Clock::system().now())
        .await
        .unwrap();
    assert_eq!(sent.sent, 2, "the registration and the verification");

    let mut subjects: Vec<String> = server
        .messages()
        .iter()
        .map(|m| decoded_subject(m))
        .collect();
    subjects.sort();
    assert_eq!(
        subjects,
        [
            format!("Registration received: {name}"),
            format!("Your organisation is verified: {name}"),
        ]
    );
    assert!(subjects
        .iter()
        .all(|s| !s.contains(['\u{202E}', '\u{200B}'])));
    // Each encoded word within RFC 2047's 75 characters, each header line within 78.
    for raw in server.messages() {
        for line in raw.lines().take_while(|l| !l.is_empty()) {
            assert!(line.len() <= 78, "{line}");
            for word in line.split_whitespace().filter(|w| w.starts_with("=?")) {
                assert!(word.len() <= 75, "{word}");
            }
        }
    }
}

on_both_backends!(a_name_written_as_an_encoded_word_is_shown_as_typed);
