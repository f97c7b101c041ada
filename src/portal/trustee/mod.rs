//! The pages of a trustee: what waits for their vote, an application with its
//! organisation's dossier, conflicts and votes, the Board and its decisions.
//!
//! - [`queue`]: `/` and `/votes`, what waits for the trustee's vote (the API's
//!   `awaiting_my_vote=true`).
//! - [`ballot`]: `/votes/{id}`, one application with its dossier and the standing of the
//!   vote as the trustee may read it; its forms cast a vote and declare a conflict.
//! - [`board`]: `/board` (the Board today) and `/decisions` (what the Board decided).

mod ballot;
mod board;
mod queue;

use crate::portal::formats::Country;
use actix_web::web;

pub use queue::home;

crate::portal_templates![
    "trustee_queue.html",
    "trustee_application.html",
    "trustee_board.html",
    "trustee_decisions.html",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(queue::votes_page)
        .service(ballot::application_page)
        .service(ballot::post_vote)
        .service(ballot::post_conflict)
        .service(ballot::back_to_application)
        .service(board::board_page)
        .service(board::decisions_page);
}

/// The `cursor` of a list's next page, as the API's lists take it.
#[derive(Debug, serde::Deserialize)]
struct PageQuery {
    cursor: Option<String>,
}

#[cfg(test)]
mod tests;
