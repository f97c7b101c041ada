//! Organisations: self-registration with a first applicant account, the secretariat's
//! verification, more applicant accounts, the profile kept up to date, and reading.

mod eligibility;
mod kind;
mod members;
mod model;
pub mod notices;
mod profile;
mod registration;

pub use eligibility::check_eligible;
pub use kind::{same_holder, OrgState, OrgType};
pub use members::{
    add_applicant, list_organizations, show_organization, verify_organization, OrganizationFilter,
    Verification,
};
pub use model::{
    create, decide, exists, find, find_by_unpp_id, NewOrganization, Organization, OrganizationView,
};
pub use profile::{update_profile, ProfileEdit, MAX_PHONE_CHARS};
pub use registration::{register, NewApplicant, RegisteredView, Registration};
