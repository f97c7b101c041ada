//! Access tokens: HS256 JWTs with issuer, audience and a short lifetime.

use crate::domain::{OrganizationId, UserId};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Role;
use crate::error::AppError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: UserId,
    pub role: Role,
    /// The user's organisation, for applicants.
    pub org: Option<OrganizationId>,
    pub iat: i64,
    /// `iat` to the millisecond, so a token issued just after a password change is told
    /// from one issued just before it (see `sessions`).
    #[serde(default)]
    pub iat_ms: Option<i64>,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// Signing and checking keys, built once from the configured secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    audience: String,
    lifetime_secs: i64,
    /// Keys the portal's form tokens (see [`TokenKeys::form_token`]); derived from the
    /// same secret, so every instance of a deployment agrees without another setting.
    form_key: [u8; 32],
}

impl TokenKeys {
    pub fn new(secret: &[u8], issuer: &str, audience: &str, lifetime_secs: i64) -> TokenKeys {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            issuer: issuer.to_string(),
            audience: audience.to_string(),
            lifetime_secs,
            form_key: Sha256::new()
                .chain_update(b"trustfund form tokens\0")
                .chain_update(secret)
                .finalize()
                .into(),
        }
    }

    /// The token a web form carries to prove it was served by this site to this browser:
    /// an HMAC of what binds the form to the browser (its session, or before signing in
    /// its visit cookie), so another site can neither read nor forge it.
    pub fn form_token(&self, binding: &str) -> String {
        hex::encode(self.form_mac(binding).finalize().into_bytes())
    }

    /// Whether `given` is the form token for `binding` (compared in constant time).
    pub fn form_token_matches(&self, binding: &str, given: &str) -> bool {
        hex::decode(given).is_ok_and(|bytes| self.form_mac(binding).verify_slice(&bytes).is_ok())
    }

    fn form_mac(&self, binding: &str) -> Hmac<Sha256> {
        // Any key length is accepted by HMAC: this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.form_key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(binding.as_bytes());
        mac
    }

    pub fn lifetime_secs(&self) -> i64 {
        self.lifetime_secs
    }

    pub fn issue(
        &self,
        user: UserId,
        role: Role,
        org: Option<OrganizationId>,
    ) -> Result<String, AppError> {
        let issued = chrono::Utc::now();
        let now = issued.timestamp();
        let claims = Claims {
            sub: user,
            role,
            org,
            iat: now,
            iat_ms: Some(issued.timestamp_millis()),
            exp: now + self.lifetime_secs,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(AppError::internal)
    }

    /// Accepts only HS256 tokens signed with our key, for our issuer and audience, not
    /// expired. `alg: none` and any other algorithm are refused by the fixed list.
    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let claims = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map(|data| data.claims)
            .map_err(|error| {
                use jsonwebtoken::errors::ErrorKind;
                let why = match error.kind() {
                    ErrorKind::ExpiredSignature => "the token has expired",
                    ErrorKind::InvalidIssuer | ErrorKind::InvalidAudience => {
                        "the token was not issued for this service"
                    }
                    _ => "the token is not valid",
                };
                AppError::Unauthorized(why.to_string())
            })?;
        // A token is cut off by the moment its sessions ended (`sessions`), compared with
        // its issue time: one issued in the future would outlive every cutoff, so it is
        // refused beyond a small allowance for clocks of several instances disagreeing.
        let now_ms = chrono::Utc::now().timestamp_millis();
        if claims.issued_ms() > now_ms + ISSUED_AHEAD_LEEWAY_MS
            || claims.iat.saturating_mul(1000) > now_ms + ISSUED_AHEAD_LEEWAY_MS
        {
            return Err(AppError::Unauthorized(
                "the token claims to be issued in the future".into(),
            ));
        }
        Ok(claims)
    }
}

/// How far ahead of this instance's clock a token's issue time may be (instances' clocks
/// differ a little).
const ISSUED_AHEAD_LEEWAY_MS: i64 = 60_000;

impl Claims {
    /// When the token was issued, in milliseconds since the epoch.
    pub fn issued_ms(&self) -> i64 {
        self.iat_ms.unwrap_or(self.iat.saturating_mul(1000))
    }
}
