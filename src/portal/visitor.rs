//! Who is looking at a page: their language, their session if they signed in, and what
//! binds the page's forms to their browser. Every portal handler starts from a
//! [`Visitor`] (anyone) or a [`Member`] (signed in; otherwise sent to sign in).
//!
//! The session is the API's own token, kept in an `HttpOnly` cookie: the account behind it
//! is checked where the page's work runs, as for the API (`Caller::read`/`write`), so a
//! password change, a disabled account or signing out ends it on every instance.

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::{ready, LocalBoxFuture, Ready};
use rand::RngCore;

use super::failure::PageError;
use super::language::PageLanguage;
use crate::api::Caller;
use crate::auth::TokenKeys;
use crate::db::Db;
use crate::domain::Role;
use crate::error::AppError;

/// The session cookie: the signed-in account's token.
const SESSION: &str = "tf_session";
/// Before signing in, what binds a form to the browser that was served it.
const VISIT: &str = "tf_visit";
/// The field every form carries its token in.
pub const FORM_TOKEN_FIELD: &str = "form_token";

/// Whether cookies are marked `Secure` (everywhere but development, which runs on plain
/// HTTP on a laptop).
#[derive(Debug, Clone, Copy)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    /// The session cookie's name. Secure cookies take the `__Host-` prefix, which browsers
    /// accept only from this very host over HTTPS, for the whole site: a neighbouring
    /// subdomain can then neither set nor replace them (and so cannot plant a visit of
    /// its own making to forge a sign-in).
    pub fn session(self) -> &'static str {
        if self.secure {
            "__Host-tf_session"
        } else {
            SESSION
        }
    }

    /// The visit cookie's name (see [`CookiePolicy::session`]).
    pub fn visit(self) -> &'static str {
        if self.secure {
            "__Host-tf_visit"
        } else {
            VISIT
        }
    }

    /// The policy the app was given (secure when it was not given, as in production).
    pub fn of(req: &HttpRequest) -> CookiePolicy {
        req.app_data::<web::Data<CookiePolicy>>()
            .map_or(CookiePolicy { secure: true }, |policy| *policy.get_ref())
    }
}

pub struct Visitor {
    pub language: PageLanguage,
    caller: Option<Caller>,
    /// What this browser's form tokens are computed from.
    binding: String,
    /// A visit cookie made for this request, to be set on the answer.
    new_visit: Option<String>,
    keys: web::Data<TokenKeys>,
    pub cookies: CookiePolicy,
    /// This request's path and query, to come back to after signing in.
    pub here: String,
    /// A renewed session cookie, to be set on the answer.
    renewed: Option<Cookie<'static>>,
}

impl Visitor {
    fn of(req: &HttpRequest) -> Result<Visitor, PageError> {
        let language = PageLanguage::of(req);
        let keys = req
            .app_data::<web::Data<TokenKeys>>()
            .cloned()
            .ok_or_else(|| PageError::internal(language, "token keys missing"))?;
        let cookies = CookiePolicy::of(req);
        let session = req
            .cookie(cookies.session())
            .and_then(|cookie| Caller::from_session_token(req, cookie.value()).ok());
        let here = req
            .uri()
            .path_and_query()
            .map_or("/", |pq| pq.as_str())
            .to_string();
        let (caller, binding, new_visit) = match session {
            // Bound to the account, not to the token: a session renewed in one tab (see
            // `Member`) leaves the forms open in another valid. Another site can still
            // neither read nor compute it.
            Some(caller) => (Some(caller.clone()), format!("user:{}", caller.id()), None),
            None => match req.cookie(cookies.visit()) {
                Some(visit) => (None, format!("visit:{}", visit.value()), None),
                None => {
                    let mut bytes = [0u8; 32];
                    rand::thread_rng().fill_bytes(&mut bytes);
                    let visit = hex::encode(bytes);
                    (None, format!("visit:{visit}"), Some(visit))
                }
            },
        };
        Ok(Visitor {
            language,
            caller,
            binding,
            new_visit,
            keys,
            cookies,
            here,
            renewed: None,
        })
    }

    pub fn caller(&self) -> Option<&Caller> {
        self.caller.as_ref()
    }

    pub fn role(&self) -> Option<Role> {
        self.caller.as_ref().map(Caller::role)
    }

    /// The token this browser's forms carry.
    pub fn form_token(&self) -> String {
        self.keys.form_token(&self.binding)
    }

    /// The token keys (signing in issues a session with them).
    pub fn keys(&self) -> &TokenKeys {
        &self.keys
    }

    /// Reads a posted form, after checking that it carries this browser's form token: a
    /// form posted from another site, or one served before signing in or out, is refused
    /// before anything else is read.
    pub fn read_form<T: serde::de::DeserializeOwned>(&self, body: &[u8]) -> Result<T, PageError> {
        let token = form_urlencoded::parse(body)
            .find(|(name, _)| name == FORM_TOKEN_FIELD)
            .map(|(_, value)| value.into_owned());
        match token {
            Some(token) if self.keys.form_token_matches(&self.binding, &token) => {}
            _ => return Err(PageError::form_expired(self.language, self.signed_in())),
        }
        serde_html_form::from_bytes(body)
            .map_err(|_| PageError::bad_form(self.language, self.signed_in()))
    }

    /// Checks a form token read from a form that is not URL-encoded (an upload's
    /// `multipart/form-data`), as [`Visitor::read_form`] does for the others.
    pub fn check_form_token(&self, token: Option<&str>) -> Result<(), PageError> {
        match token {
            Some(token) if self.keys.form_token_matches(&self.binding, token) => Ok(()),
            _ => Err(PageError::form_expired(self.language, self.signed_in())),
        }
    }

    pub fn signed_in(&self) -> bool {
        self.caller.is_some()
    }

    /// The cookies this answer must set: a visit cookie made for this request, a session
    /// renewed by it.
    pub(super) fn cookies_to_set(&self) -> impl Iterator<Item = Cookie<'static>> + '_ {
        let visit = self.new_visit.as_ref().map(|visit| {
            Cookie::build(self.cookies.visit(), visit.clone())
                .path("/")
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(self.cookies.secure)
                .finish()
        });
        visit.into_iter().chain(self.renewed.clone())
    }

    /// The session cookie for a newly issued token.
    pub fn session_cookie(&self, token: String, lifetime_secs: i64) -> Cookie<'static> {
        Cookie::build(self.cookies.session(), token)
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.cookies.secure)
            .max_age(Duration::seconds(lifetime_secs))
            .finish()
    }

    /// Turns a use case's refusal into the page that says so.
    pub fn failed(&self, error: AppError) -> PageError {
        PageError::from_app(
            self.language,
            self.signed_in(),
            &self.here,
            self.cookies,
            error,
        )
    }
}

impl FromRequest for Visitor {
    type Error = PageError;
    type Future = Ready<Result<Visitor, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Visitor::of(req))
    }
}

/// A signed-in visitor. Without a session (or with one that has ended), the visitor is
/// sent to sign in and brought back here afterwards.
pub struct Member {
    pub visitor: Visitor,
    pub caller: Caller,
}

impl Member {
    /// The page is for these roles only: 403 for the others.
    pub fn require(&self, roles: &[Role]) -> Result<(), PageError> {
        self.caller
            .require(roles)
            .map_err(|error| self.visitor.failed(error))
    }
}

impl FromRequest for Member {
    type Error = PageError;
    type Future = LocalBoxFuture<'static, Result<Member, PageError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let visitor = Visitor::of(req);
        let db = req.app_data::<web::Data<Db>>().cloned();
        Box::pin(async move {
            let mut visitor = visitor?;
            let Some(caller) = visitor.caller.clone() else {
                return Err(PageError::sign_in(
                    visitor.language,
                    &visitor.here,
                    visitor.cookies,
                ));
            };
            if let Some(db) = db {
                visitor.renew_if_old(&caller, &db).await?;
            }
            Ok(Member { visitor, caller })
        })
    }
}

impl Visitor {
    /// Keeps an active person signed in: a session past half its life is replaced by a
    /// new one, after checking the account now (so an ended session or a disabled
    /// account is never renewed). At most one extra trip to the database per half
    /// lifetime of a token; a person who stops for longer than a token's lifetime signs
    /// in again.
    async fn renew_if_old(&mut self, caller: &Caller, db: &Db) -> Result<(), PageError> {
        let lifetime_ms = self.keys.lifetime_secs().saturating_mul(1000);
        let age_ms = chrono::Utc::now().timestamp_millis() - caller.issued_ms();
        if age_ms.saturating_mul(2) < lifetime_ms {
            return Ok(());
        }
        caller
            .read(db, |_, _| Ok(()))
            .await
            .map_err(|error| self.failed(error))?;
        let token = self
            .keys
            .issue(caller.id(), caller.role(), caller.organization_id())
            .map_err(|error| self.failed(error))?;
        self.renewed = Some(self.session_cookie(token, self.keys.lifetime_secs()));
        Ok(())
    }
}

impl Member {
    /// Runs a read-only use case for this member (their account checked in the same
    /// snapshot, as the API does); a refusal becomes the page that says so.
    pub async fn read<T, F>(&self, db: &Db, work: F) -> Result<T, PageError>
    where
        F: FnOnce(&mut crate::db::DbConnection, &crate::db::Actor) -> Result<T, AppError>
            + Send
            + 'static,
        T: Send + 'static,
    {
        self.caller
            .read(db, work)
            .await
            .map_err(|error| self.failed(error))
    }

    /// Runs one change for this member in one transaction (see [`Caller::write`]); a
    /// refusal becomes the page that says so.
    pub async fn write<T, F>(&self, db: &Db, work: F) -> Result<T, PageError>
    where
        F: FnOnce(&mut crate::db::Tx) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.caller
            .write(db, work)
            .await
            .map_err(|error| self.failed(error))
    }
}

impl std::ops::Deref for Member {
    type Target = Visitor;

    fn deref(&self) -> &Visitor {
        &self.visitor
    }
}
