//! Where mail goes, by configuration: an SMTP server, `.eml` files, or only the log.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{
    Address, AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use secrecy::ExposeSecret;

use super::headers::Subject;
use crate::config::{MailSettings, MailTransport, SmtpSecurity};

/// A configured transport with the sender.
pub struct Transport {
    kind: Kind,
    from: Mailbox,
    domain: String,
}

enum Kind {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    File(AsyncFileTransport<Tokio1Executor>),
    Log,
}

/// Why a send failed, in words safe to store and log (lettre's errors name the server's
/// reply, never the credentials), and whether trying again can help.
#[derive(Debug, Clone)]
pub struct SendError {
    pub permanent: bool,
    pub message: String,
}

impl SendError {
    fn new(permanent: bool, message: impl ToString) -> SendError {
        // Server replies can be long; the admin list needs the gist.
        let message: String = message.to_string().chars().take(500).collect();
        SendError { permanent, message }
    }
}

/// What one delivery needs from the outbox row.
pub struct Envelope<'a> {
    pub id: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub text_body: &'a str,
    pub html_body: &'a str,
}

impl Transport {
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Transport> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("mail.from is not a mail address: {e}"))?;
        let domain = from.email.domain().to_string();
        let kind = match settings.transport {
            MailTransport::Log => Kind::Log,
            MailTransport::File => {
                let dir = PathBuf::from(&settings.file_dir);
                std::fs::create_dir_all(&dir)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
                Kind::File(AsyncFileTransport::<Tokio1Executor>::new(dir))
            }
            MailTransport::Smtp => {
                let host = settings.smtp_host.as_str();
                let builder = match settings.smtp_security {
                    SmtpSecurity::None => {
                        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    }
                    SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)?,
                    SmtpSecurity::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)?
                    }
                };
                let mut builder = builder
                    .port(settings.smtp_port)
                    .timeout(Some(Duration::from_secs(settings.smtp_timeout_secs.max(1))));
                if !settings.smtp_username.is_empty() {
                    builder = builder.credentials(Credentials::new(
                        settings.smtp_username.clone(),
                        settings.smtp_password.expose_secret().to_string(),
                    ));
                }
                Kind::Smtp(builder.build())
            }
        };
        Ok(Transport { kind, from, domain })
    }

    /// The stable `Message-ID` of an outbox row: the same on every attempt.
    pub fn message_id(&self, row_id: &str) -> String {
        format!("<{row_id}@{}>", self.domain)
    }

    /// Builds and sends one message.
    pub async fn send(&self, envelope: &Envelope<'_>) -> Result<(), SendError> {
        // The bare address, never a display name: the recipient column is users' data, and
        // a name would be one more header value a client decodes.
        let to: Address = envelope
            .to
            .parse()
            .map_err(|e| SendError::new(true, format!("bad recipient address: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, to))
            // The subject carries titles and names as typed: see `headers`.
            .header(Subject(envelope.subject.to_string()))
            .message_id(Some(self.message_id(envelope.id)))
            .multipart(MultiPart::alternative_plain_html(
                envelope.text_body.to_string(),
                envelope.html_body.to_string(),
            ))
            .map_err(|e| SendError::new(true, format!("cannot build the message: {e}")))?;
        match &self.kind {
            Kind::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::new(e.is_permanent(), e)),
            Kind::File(file) => file
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::new(false, e)),
            Kind::Log => {
                // Only that a mail went out: never its address or body.
                tracing::info!(
                    notification_id = envelope.id,
                    "mail (log transport) not sent anywhere"
                );
                Ok(())
            }
        }
    }
}
