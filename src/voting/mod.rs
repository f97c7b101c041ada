//! Board votes on applications under review: votes, conflicts of interest (declared and
//! automatic), the decision rule, and awards within the money available.

mod decision;
mod envelope;
mod handlers;
mod model;
pub mod rules;

use crate::calls::EnvelopeUse;
pub use decision::record as record_decision;
/// A vote's body carries money, for the fuzz targets (`crate::ops::fuzz`).
pub(crate) use handlers::VoteRequest;
pub use model::{upsert_vote, voters, votes_on};

use actix_web::web;
use utoipa::OpenApi;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api/v1/applications/{id}/votes")
            .route(web::get().to(handlers::list_votes))
            .route(web::post().to(handlers::cast_vote)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/conflicts")
            .route(web::post().to(handlers::declare_conflict)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/decision")
            .route(web::get().to(handlers::get_decision))
            .route(web::post().to(handlers::decide)),
    )
    .service(
        web::resource("/api/v1/applications/{id}/award").route(web::post().to(handlers::award)),
    );
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::cast_vote,
        handlers::list_votes,
        handlers::declare_conflict,
        handlers::decide,
        handlers::get_decision,
        handlers::award
    ),
    components(schemas(
        handlers::VoteRequest,
        handlers::VoteKind,
        handlers::ConflictRequest,
        model::VoteView,
        model::RecusalView,
        model::VotesView,
        decision::DecisionView,
        decision::DecisionOutcome,
        decision::DecisionStatus,
        EnvelopeUse
    ))
)]
pub struct VotingApi;
