//! Languages and translations: Fluent files in `locales/{nl,en}/main.ftl`, embedded at compile
//! time. Dutch is the default; the `lang` cookie picks English. Numbers are formatted here too
//! (Fluent's `NUMBER()` gives no decimal comma): Dutch style in nl (`85,0%`), a decimal point in
//! en (`85.0%`), rounding half away from zero in both (through [`koers_core::nl`]).

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // Unicode isolation marks would end up in the HTML and in attribute values.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Translations without arguments, once looked up (per language): a form page asks for the
/// same few dozen labels hundreds of times, and a Fluent lookup formats the message anew each
/// time. Only keys that exist are kept, so the map stays as small as the locale files.
static PLAIN: LazyLock<[Translations; 2]> = LazyLock::new(Default::default);
type Translations = RwLock<HashMap<String, Arc<str>>>;

static NL: LanguageIdentifier = langid!("nl");
static EN: LanguageIdentifier = langid!("en");

/// The name of the language cookie.
pub const LANG_COOKIE: &str = "lang";

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The language named by the `lang` cookie of a `Cookie` header, default Dutch.
    pub fn from_cookie_header(header: Option<&str>) -> Self {
        header
            .into_iter()
            .flat_map(|h| h.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .and_then(|(_, v)| Self::from_code(v))
            .unwrap_or_default()
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }

    /// The translation of `key`; a missing key shows as the key itself (the i18n tests make sure
    /// none is missing).
    pub fn t(self, key: &str) -> String {
        let cache = &PLAIN[self as usize];
        if let Some(s) = cache.read().unwrap_or_else(PoisonError::into_inner).get(key) {
            return String::from(&**s);
        }
        match LOCALES
            .lookup_single_language::<&str>(self.id(), key, None)
            .ok()
            .or_else(|| LOCALES.try_lookup(self.id(), key))
        {
            Some(s) => {
                cache.write().unwrap_or_else(PoisonError::into_inner).insert(key.to_owned(), Arc::from(s.as_str()));
                s
            }
            None => key.to_owned(),
        }
    }

    /// The translation of `key` with arguments. Arguments that are plain integers are passed as
    /// numbers (so plural selection works); everything else, already formatted, as text.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        let value = |v: &String| match v.parse::<i64>() {
            Ok(n) if !v.starts_with('0') || v == "0" => FluentValue::from(n),
            _ => FluentValue::from(v.clone()),
        };
        let map: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), value(v))).collect();
        // The language itself first: every key is in both (the i18n tests), and the loader's
        // own lookup negotiates the language anew on every call.
        LOCALES
            .lookup_single_language(self.id(), key, Some(&map))
            .ok()
            .or_else(|| LOCALES.try_lookup_with_args(self.id(), key, &map))
            .unwrap_or_else(|| key.to_owned())
    }

    /// A number with `places` decimals in this language's style.
    pub fn dec(self, value: f64, places: usize) -> String {
        let s = koers_core::nl::decimal(value, places);
        match self {
            Lang::Nl => s,
            Lang::En => s.replace(',', "."),
        }
    }

    /// A percentage with one decimal: `85,0%` / `85.0%`.
    pub fn pct(self, value: f64) -> String {
        format!("{}%", self.dec(value, 1))
    }

    /// A percentage with two decimals, the precision of the published values: `93,02%`.
    pub fn pct2(self, value: f64) -> String {
        format!("{}%", self.dec(value, 2))
    }

    /// A percentage with `places` decimals (see `koers_core::nl::places_for`).
    pub fn pct_places(self, value: f64, places: usize) -> String {
        format!("{}%", self.dec(value, places))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Nl.pct(85.0), "85,0%");
        assert_eq!(Lang::En.pct(85.0), "85.0%");
        assert_eq!(Lang::Nl.pct2(93.023), "93,02%");
        assert_eq!(Lang::En.pct2(93.025), "93.03%");
    }

    #[test]
    fn the_cookie_picks_the_language_and_defaults_to_dutch() {
        assert_eq!(Lang::from_cookie_header(Some("a=b; lang=en")), Lang::En);
        assert_eq!(Lang::from_cookie_header(Some("lang=fr")), Lang::Nl);
        assert_eq!(Lang::from_cookie_header(None), Lang::Nl);
    }

    #[test]
    fn translations_have_no_isolation_marks() {
        let s = Lang::En.t_args("search-count", &[("count", "3".into())]);
        assert_eq!(s, "3 schools found");
        assert_eq!(Lang::Nl.t_args("search-count", &[("count", "1".into())]), "1 school gevonden");
        let s = Lang::Nl.t_args("search-none", &[("q", "x".into())]);
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s}");
    }
}
