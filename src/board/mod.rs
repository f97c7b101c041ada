//! The Board of Trustees: five seats, one per UN regional group, three-year terms
//! renewable once, a chair for a year (DOMAIN.md, "The Board of Trustees").
//!
//! Terms are half-open, `[term_start, term_end)`: a successor may start on the day a
//! predecessor's term ends. Whether someone sits is always computed from the dates and
//! the day asked about. Board votes call `active_seat_of_user`, `active_seats` and
//! `chair_on`; nothing outside this folder reads its tables.

mod actions;
mod chair;
mod handlers;
mod model;
mod problem;
pub mod reminders;
pub mod rules;
mod seats;
mod views;

use actix_web::web;
use utoipa::OpenApi;

pub use actions::{appoint, NewAppointment, Outcome};
pub use model::{all as all_appointments, EndReason};
pub use seats::{active_seat_of_user, active_seats, chair_on, Seat, ENDING_WITHIN_DAYS};

pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::{appointments, chair, reads};
    cfg.service(web::resource("/api/v1/board").route(web::get().to(reads::board)))
        .service(web::resource("/api/v1/board/balance").route(web::get().to(reads::balance)))
        .service(web::resource("/api/v1/regional-groups").route(web::get().to(reads::groups)))
        .service(
            web::resource("/api/v1/board/appointments")
                .route(web::get().to(appointments::list))
                .route(web::post().to(appointments::create)),
        )
        .service(
            web::resource("/api/v1/board/appointments/{id}")
                .route(web::get().to(appointments::get)),
        )
        .service(
            web::resource("/api/v1/board/appointments/{id}/end")
                .route(web::post().to(appointments::end)),
        )
        .service(web::resource("/api/v1/board/chair").route(web::post().to(chair::designate)));
}

#[derive(OpenApi)]
#[openapi(
    paths(
        handlers::reads::board,
        handlers::reads::balance,
        handlers::reads::groups,
        handlers::appointments::create,
        handlers::appointments::list,
        handlers::appointments::get,
        handlers::appointments::end,
        handlers::chair::designate
    ),
    components(schemas(
        seats::BoardView,
        seats::ExOfficioView,
        seats::MemberView,
        seats::ChairView,
        views::AppointmentView,
        views::AppointmentStatus,
        views::RegionalGroupView,
        views::StateView,
        model::EndReason,
        handlers::appointments::AppointmentRequest,
        handlers::appointments::EndRequest,
        handlers::chair::ChairRequest,
        handlers::chair::ChairDesignation,
        crate::domain::RegionalGroup
    ))
)]
pub struct BoardApi;
