//! The Board of Trustees: five seats, one per UN regional group, three-year terms
//! renewable once, a chair for a year (DOMAIN.md, "The Board of Trustees").
//!
//! Terms are half-open, `[term_start, term_end)`: a successor may start on the day a
//! predecessor's term ends. Whether someone sits is always computed from the dates and
//! the day asked about. Board votes call `active_seat_of_user`, `active_seats` and
//! `chair_on`; nothing outside this folder reads its tables.

mod actions;
mod appointing;
mod chair;
mod chairing;
mod model;
mod persons;
mod problem;
mod reads;
pub mod reminders;
pub mod rules;
mod seats;
mod views;

pub use actions::{appoint, end_appointment, Ending, NewAppointment, Outcome};
pub use appointing::{appoint_trustee, AppointTrustee, Appointed};
pub use chairing::{designate_chair, ChairChoice};
pub use model::{all as all_appointments, EndReason};
pub use persons::{AppointmentWarning, AppointmentWarningKind};
pub use problem::Refused;
pub use reads::{list_appointments, list_regional_groups, show_appointment, show_board};
pub use rules::Term;
pub use seats::{
    active_seat_of_user, active_seats, chair_on, BoardView, BoardWarning, BoardWarningKind,
    MemberView, Seat, CHAIR_WARNING_DAYS, ENDING_WITHIN_DAYS,
};
pub use views::{
    AppointmentStatus, AppointmentView, ChairDecision, ChairDesignation, RegionalGroupView,
};
