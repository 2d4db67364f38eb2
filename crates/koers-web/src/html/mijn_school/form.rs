//! The register fields of a school as typed in the edit form: parsed and checked all at once,
//! with Dutch (or English) messages per field. A decimal comma is accepted.

use crate::i18n::Lang;
use koers_app::store::{School, SchoolEdit};
use koers_core::Schoolweging;
use serde::Deserialize;

/// The form as posted (every field optional, so a missing field is a field error, not a 422
/// from the extractor).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SchoolForm {
    #[serde(default)]
    pub naam: String,
    #[serde(default)]
    pub plaats: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub schoolweging: String,
    #[serde(default)]
    pub version: String,
}

/// Checked values.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolValues {
    pub name: String,
    pub place: Option<String>,
    pub website: Option<String>,
    pub schoolweging: Option<f64>,
}

/// (field, message).
pub type FieldErrors = Vec<(&'static str, String)>;

/// A number with a decimal comma or point: `31,47`, `31.47`, `31` (the one parser, in core).
pub use koers_core::nl::parse_decimal;

fn opt(s: &str) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_owned)
}

impl SchoolForm {
    /// The form filled with a school's current values.
    pub fn of(s: &School, lang: Lang) -> Self {
        Self {
            naam: s.name.clone(),
            plaats: s.place.clone().unwrap_or_default(),
            website: s.website.clone().unwrap_or_default(),
            schoolweging: s.schoolweging.map(|w| lang.dec(w, 2)).unwrap_or_default(),
            version: s.version.to_string(),
        }
    }

    pub fn check(&self, lang: Lang) -> Result<SchoolValues, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.naam.trim();
        if name.is_empty() || name.chars().count() > 200 {
            errors.push(("naam", lang.t("school-edit-error-name")));
        }
        let place = opt(&self.plaats);
        if place.as_ref().is_some_and(|p| p.chars().count() > 100) {
            errors.push(("plaats", lang.t("school-edit-error-place")));
        }
        // The address as the register form shows it (also `www.school.nl` from DUO) is
        // accepted and stored with its scheme (koers_core::website).
        let website = match opt(&self.website).map(|w| koers_core::website::normalise(&w)) {
            None => None,
            Some(Ok(w)) => Some(w),
            Some(Err(_)) => {
                errors.push(("website", lang.t("school-edit-error-website")));
                None
            }
        };
        let schoolweging = match opt(&self.schoolweging) {
            None => None,
            Some(raw) => match parse_decimal(&raw) {
                None => {
                    errors.push(("schoolweging", lang.t("school-edit-error-weging-number")));
                    None
                }
                Some(v) if Schoolweging::new(v).is_err() => {
                    errors.push(("schoolweging", lang.t("school-edit-error-weging-range")));
                    None
                }
                Some(v) => Some(v),
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SchoolValues { name: name.to_owned(), place, website, schoolweging })
    }
}

impl SchoolValues {
    /// Only the fields that differ from `current` (an edit marks its fields as manual).
    pub fn edit_against(&self, current: &School) -> SchoolEdit {
        SchoolEdit {
            name: (self.name != current.name).then(|| self.name.clone()),
            place: (self.place != current.place).then(|| self.place.clone()),
            // An unchanged save of a stored `www.…` address is no edit (it only gained https://).
            website: (self.website != current.website
                && self.website != current.website.as_deref().and_then(|w| koers_core::website::normalise(w).ok()))
            .then(|| self.website.clone()),
            schoolweging: (self.schoolweging != current.schoolweging).then_some(self.schoolweging),
        }
    }
}

pub fn is_empty(e: &SchoolEdit) -> bool {
    e.name.is_none() && e.place.is_none() && e.website.is_none() && e.schoolweging.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(naam: &str, website: &str, weging: &str) -> SchoolForm {
        SchoolForm {
            naam: naam.into(),
            website: website.into(),
            schoolweging: weging.into(),
            version: "1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_decimal_comma_is_a_number() {
        assert_eq!(parse_decimal("31,47"), Some(31.47));
        assert_eq!(parse_decimal(" 31.5 "), Some(31.5));
        assert_eq!(parse_decimal("3,1,4"), None);
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("1e3"), None);
    }

    #[test]
    fn every_problem_is_reported_per_field_in_dutch() {
        let e = form(" ", "ftp://x", "veel").check(Lang::Nl).err().unwrap_or_default();
        let fields: Vec<&str> = e.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["naam", "website", "schoolweging"]);
        let e = form("De Klimop", "", "120").check(Lang::Nl).err().unwrap_or_default();
        assert_eq!(e.len(), 1);
        assert!(e[0].1.contains("0 en 100"), "{}", e[0].1);
        let ok = form("De Klimop", "https://klimop.nl", "31,47").check(Lang::Nl);
        assert_eq!(ok.map(|v| v.schoolweging), Ok(Some(31.47)));
    }

    #[test]
    fn the_form_accepts_a_website_as_duo_writes_it() {
        let v = form("De Klimop", "www.klimop.nl", "").check(Lang::Nl);
        assert_eq!(v.map(|v| v.website), Ok(Some("https://www.klimop.nl".into())));
    }
}
