//! The audit trail: append-only, hash-chained events written in the same transaction as
//! the change they describe, the check that walks the chain, and the signed checkpoints
//! that anchor it outside the database.

pub mod anchor;
mod chain;
pub mod checkpoint;
pub mod cli;
pub mod key;
mod record;
mod trail;

pub use chain::{verify_chain, ChainReport, Mismatch};
pub use checkpoint::{Checkpoint, Signer};
pub use record::{AuditEvent, Change};
pub use trail::{list_events, trail_vocabulary, verify_trail, AuditEventView, EventFilter};
