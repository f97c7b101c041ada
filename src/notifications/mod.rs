//! Outgoing mail that is never lost (issue 13): the outbox, its delivery worker, the
//! transports, the admin's reading and retrying, and the messages.
//!
//! A mail is a row of `notifications` written by [`enqueue`] (or `tx.notify`) inside the
//! transaction of the change that causes it: roll the change back and the mail is gone
//! with it. The [`Worker`] claims due rows in the database (so any number of instances may
//! run it), sends them with lettre outside that claim, and marks each sent, due again
//! later (exponential backoff), or failed past the limit. Every message carries a
//! `Message-ID` made from its row id, so the one possible resend (a crash after the SMTP
//! server accepted it and before it was marked sent) can be dropped by the receiver.
//!
//! Messages are rendered at enqueue time from template files (`messages/`), so the row
//! holds exactly what will be sent.

mod admin;
mod headers;
pub mod messages;
mod outbox;
pub mod sweep;
mod transport;
mod worker;

pub use admin::{list_mail, retry_mail, MailFilter, NotificationView};
pub use messages::{deliver, Recipient};
pub use outbox::{enqueue, NotificationStatus, OutgoingMail};
pub use sweep::{sweep_at, Reminder, Reminders, SweepSummary};
pub use transport::Transport;
pub use worker::{backoff, RunSummary, Worker};
