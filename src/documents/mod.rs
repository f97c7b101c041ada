//! Documents: the files a Fund runs on (registration certificates, proposals, signed
//! agreements, financial statements, payment advices…), each kept beside the record it
//! belongs to.
//!
//! - A document is never changed nor deleted: a new version supersedes it, and both stay
//!   (`actions.rs`). Uploads and supersessions are audit events carrying the SHA-256, so the
//!   audit chain covers the files; `trustfund documents verify` (`verify.rs`) reads every
//!   stored byte again and reports a file whose bytes no longer match.
//! - The bytes live in the database (`store.rs`), in chunks, in the same transaction as
//!   their record: every instance sees them and every backup holds them.
//! - What may be stored is decided from the bytes, never from the name (`sniff.rs`), and
//!   received with bounded memory into a temporary file first (`received.rs`), so the
//!   write transaction never waits on a client.
//! - Access follows the record (`access.rs`); a call's required kinds, an agreement's
//!   signed file and a final report's financial statement are asked for by the features
//!   that own those records, through [`require`].
//!
//! This feature reads its owners' tables directly (their organisation, an application's
//! stage) rather than through their features, which sit above it and ask it questions.

mod access;
mod actions;
pub mod cli;
mod kind;
mod model;
mod owner;
mod reads;
mod received;
mod required;
mod sniff;
mod store;
mod verify;

pub use actions::{attach, attach_at_registration, supersede, Attach, Supersede};
pub use kind::{DocumentKind, OwnerType};
pub use model::{DocumentOwnerView, DocumentView};
pub use owner::Owner;
pub use reads::{
    chunk, list_documents, may_attach_to, may_supersede, open_content, show_document, Content,
};
pub use received::{FileReceiver, ReceivedFile};
pub use required::{missing, require, required_by_call};
pub use sniff::{kept_types, sniff, FileType, SNIFF_BYTES};
pub use verify::{verify_all, VerifyReport};
