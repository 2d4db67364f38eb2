//! The school's own calculation on the aanmeld form ("eigen berekening", issue 10 §3): the
//! numbers entered in `/check` travel along in the query to the form, stay in hidden fields, and
//! go with the application; the app recomputes and stores them (`koers_app::applications::own`).

use super::Ctx;
use super::facts::Posted;
use crate::html::check_form::{self, Raw};
use crate::html::ondersteuning::view_texts;
use crate::i18n::Lang;
use koers_app::check::{CheckInput, check};
use koers_core::NormLibrary;

/// The `/check` fields that make up the calculation.
pub fn is_check_field(name: &str) -> bool {
    name == "schoolweging"
        || ["jaar-", "leerlingen-", "pct1f-", "pct1s2f-"]
            .iter()
            .any(|p| name.strip_prefix(p).is_some_and(|n| matches!(n, "1" | "2" | "3")))
}

/// The calculation's fields among the query's pairs (everything else is dropped).
pub fn carried(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs.iter().filter(|(k, v)| is_check_field(k) && !v.trim().is_empty()).cloned().collect()
}

fn raw(posted: &Posted) -> Option<Raw> {
    let raw: Raw = carried(&posted.0).into_iter().collect();
    (!raw.is_empty()).then_some(raw)
}

/// The carried calculation for a results-band programme; errors under `eigen_berekening`.
pub(super) fn parse(ctx: &Ctx, posted: &Posted) -> Result<Option<CheckInput>, Vec<(String, String)>> {
    let (Some(_), Some(raw)) = (ctx.programme.band_rule(), raw(posted)) else { return Ok(None) };
    check_form::parse(&raw).map(|(input, _)| Some(input)).map_err(|errors| {
        errors
            .into_iter()
            .map(|(f, m)| ("eigen_berekening".to_owned(), format!("Eigen berekening, {}: {m}", f.form_id())))
            .collect()
    })
}

/// The calculation as the form shows it next to the register's.
#[derive(Debug, Clone)]
pub struct OwnView {
    pub verdict_label: String,
    pub verdict_class: &'static str,
    pub summary: String,
    /// (label, 1F, 1S/2F) per year, then the three-year values.
    pub years: Vec<(String, String, String, String)>,
    pub values: Vec<(String, String)>,
    /// The fields to post along.
    pub hidden: Vec<(String, String)>,
}

pub(super) fn view(lang: Lang, ctx: &Ctx, posted: &Posted, norms: &NormLibrary) -> Option<OwnView> {
    let rule = ctx.programme.band_rule()?;
    let raw = raw(posted)?;
    let (input, _) = check_form::parse(&raw).ok()?;
    let o = check(&input, norms, rule).ok()?;
    let (verdict_label, verdict_class, summary, _) = view_texts(lang, &o.eligibility);
    let years = o
        .input
        .years
        .iter()
        .filter_map(|y| match y {
            koers_core::YearEntry::Present(r) => Some((
                r.test_year.school_year_label(),
                r.pupils.to_string(),
                lang.pct2(r.pct_1f.get()),
                lang.pct2(r.pct_1s2f.get()),
            )),
            _ => None,
        })
        .collect();
    let values = koers_core::Indicator::ALL
        .iter()
        .map(|i| (i.label().to_owned(), o.assessment.value(*i).map_or_else(|| "–".to_owned(), |v| lang.pct2(v))))
        .collect();
    let mut hidden = carried(&posted.0);
    hidden.sort();
    Some(OwnView { verdict_label, verdict_class, summary, years, values, hidden })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_calculation_fields_are_carried() {
        let pairs: Vec<(String, String)> = [
            ("jaar-1", "2025"),
            ("pct1f-3", "95"),
            ("pct1f-4", "95"),
            ("schoolweging", "31,5"),
            ("contact_email", "x@y.nl"),
            ("leerlingen-2", " "),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        let kept: Vec<String> = carried(&pairs).into_iter().map(|(k, _)| k).collect();
        assert_eq!(kept, ["jaar-1", "pct1f-3", "schoolweging"]);
    }
}
