//! The Board's operations: its reads (every signed-in user), the appointments (the
//! secretariat writes; those who run and check the Board's business read) and the chair.

mod appointments;
mod chair;
mod reads;

use utoipa_actix_web::service_config::ServiceConfig;

/// The request bodies, under their published names (what the API tests' client sends).
pub use appointments::{
    AppointmentRequest as AppointTrusteeRequest, EndRequest as EndAppointmentRequest,
};
pub use chair::{ChairDecisionRequest, ChairRequest as DesignateChairRequest};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(reads::get_board)
        .service(reads::get_board_balance)
        .service(reads::list_regional_groups)
        .service(appointments::appoint_trustee)
        .service(appointments::list_appointments)
        .service(appointments::get_appointment)
        .service(appointments::end_appointment)
        .service(chair::designate_chair);
}
