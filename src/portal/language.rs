//! The language a page is written in: English, French or Spanish (the languages of the
//! Fund's calls). Chosen by the visitor and remembered in a cookie; until then, the
//! browser's `Accept-Language`; English when neither says.

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::HttpRequest;
use fluent_templates::LanguageIdentifier;

/// The cookie that remembers the visitor's choice.
pub const COOKIE: &str = "tf_lang";

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum PageLanguage {
    #[default]
    En,
    Fr,
    Es,
}

impl PageLanguage {
    /// The BCP 47 tag, as `lang` attributes and the cookie carry it.
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The language's name in itself, as a language switcher shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            PageLanguage::En => "English",
            PageLanguage::Fr => "Français",
            PageLanguage::Es => "Español",
        }
    }

    pub fn identifier(self) -> LanguageIdentifier {
        // The three codes are valid tags: parsing them cannot fail.
        self.code().parse().unwrap_or_default()
    }

    /// The visitor's language: the remembered choice, else the browser's preference.
    pub fn of(req: &HttpRequest) -> PageLanguage {
        req.cookie(COOKIE)
            .and_then(|cookie| cookie.value().parse().ok())
            .unwrap_or_else(|| Self::preferred(req))
    }

    fn preferred(req: &HttpRequest) -> PageLanguage {
        let Some(header) = req
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
        else {
            return PageLanguage::default();
        };
        let requested = fluent_langneg::accepted_languages::parse(header);
        let available: Vec<LanguageIdentifier> = <PageLanguage as strum::VariantArray>::VARIANTS
            .iter()
            .map(|l| l.identifier())
            .collect();
        let default = PageLanguage::default().identifier();
        fluent_langneg::negotiate_languages(
            &requested,
            &available,
            Some(&default),
            fluent_langneg::NegotiationStrategy::Lookup,
        )
        .first()
        .and_then(|chosen| chosen.language.as_str().parse().ok())
        .unwrap_or_default()
    }

    /// The cookie that remembers this choice for a year.
    pub fn cookie(self, secure: bool) -> Cookie<'static> {
        Cookie::build(COOKIE, self.code())
            .path("/")
            .max_age(Duration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(secure)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn the_browser_decides_until_the_visitor_chooses() {
        let req = TestRequest::default()
            .insert_header((ACCEPT_LANGUAGE, "es-AR,es;q=0.9,en;q=0.5"))
            .to_http_request();
        assert_eq!(PageLanguage::of(&req), PageLanguage::Es);
        let req = TestRequest::default()
            .insert_header((ACCEPT_LANGUAGE, "de-DE,fr;q=0.4"))
            .to_http_request();
        assert_eq!(PageLanguage::of(&req), PageLanguage::Fr);
        let req = TestRequest::default()
            .insert_header((ACCEPT_LANGUAGE, "de-DE"))
            .to_http_request();
        assert_eq!(PageLanguage::of(&req), PageLanguage::En);
        let req = TestRequest::default()
            .insert_header((ACCEPT_LANGUAGE, "es"))
            .cookie(Cookie::new(COOKIE, "fr"))
            .to_http_request();
        assert_eq!(PageLanguage::of(&req), PageLanguage::Fr);
    }
}
