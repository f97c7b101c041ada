//! User accounts: the model, the caller's own account and the administrator's use cases,
//! and the moment an account's sessions end.

mod accounts;
mod model;
pub mod recipients;
mod sessions;

pub use accounts::{
    list_users, names_of, open_account, show_me, show_user, update_account, update_me,
    AccountChange, MyChange, NewAccount,
};
pub use model::{
    count, create_user, find, find_by_email, find_with_token_cutoff, set_language, update_user,
    NewUser, User, UserView,
};
pub use sessions::end_sessions;
