//! Applications over HTTP: drafting and reading (`drafts`, `reads`), and the moves
//! through submission, withdrawal and screening (`moves`).

mod drafts;
mod moves;
mod reads;

use utoipa_actix_web::service_config::ServiceConfig;

/// An application's body carries money, for the fuzz targets (`crate::ops::fuzz`); the
/// request bodies are also what the API tests' client sends, under their published names.
pub use drafts::{
    CreateRequest as CreateApplicationRequest, PatchRequest as UpdateApplicationRequest,
};
pub use moves::{
    ChecklistItem as ScreeningChecklistItem, ScreeningRequest as ScreenApplicationRequest,
    WithdrawRequest as WithdrawApplicationRequest,
};

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(drafts::create_application)
        .service(reads::list_applications)
        .service(reads::get_application)
        .service(drafts::update_application)
        .service(moves::submit_application)
        .service(moves::withdraw_application)
        .service(moves::start_screening)
        .service(moves::screen_application)
        .service(reads::get_application_history)
        .service(reads::get_application_dossier);
}
