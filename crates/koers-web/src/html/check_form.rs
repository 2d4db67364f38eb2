//! The hand-entry form of `/check`: its fields with values and errors, and parsing the
//! submitted text (decimal comma or point) into a [`CheckInput`].

use crate::check_input::{Field, FieldErrors, TypedYear, parse_decimal, validate_schoolweging, validate_years};
use crate::i18n::Lang;
use koers_app::check::CheckInput;
use koers_core::eligibility::{Oordeel, SchoolContext};
use std::collections::HashMap;

pub const ROWS: usize = 3;

#[derive(Debug, Clone)]
pub struct FormField {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub error: Option<String>,
    pub inputmode: &'static str,
}

impl FormField {
    /// The `aria-describedby` value (hint and error ids), empty when neither exists.
    pub fn describedby(&self) -> String {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.error.is_some() {
            ids.push(format!("{}-fout", self.id));
        }
        ids.join(" ")
    }
}

#[derive(Debug, Clone)]
pub struct YearGroup {
    pub legend: String,
    pub fields: Vec<FormField>,
}

#[derive(Debug, Clone)]
pub struct ErrorLink {
    pub href: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct CheckFormView {
    pub years: Vec<YearGroup>,
    /// The Inspectie's verdict (a select) and the herstelopdracht (a checkbox): a school judged
    /// onvoldoende/zeer zwak or with a herstelopdracht is referred to regular GWGB.
    pub oordeel: FormField,
    pub oordeel_opts: Vec<(String, String)>,
    pub herstelopdracht: bool,
    /// The school this calculation is for (from the start page: `?school=`), posted along.
    pub school: Option<i64>,
    pub schoolweging: FormField,
    pub next_pupils: FormField,
    pub years_error: Option<String>,
    pub summary: Vec<ErrorLink>,
}

/// The submitted text values by input name.
pub type Raw = HashMap<String, String>;

fn value(raw: &Raw, f: Field) -> String {
    raw.get(&f.form_id()).map(|s| s.trim().to_owned()).unwrap_or_default()
}

/// The school a calculation is for (`school`, a positive id), when given.
pub fn school_of(raw: &Raw) -> Option<i64> {
    raw.get("school").and_then(|s| s.trim().parse::<i64>().ok()).filter(|id| *id > 0)
}

/// Whether a request carries a submission (any of the form's number fields present).
pub fn is_submission(raw: &Raw) -> bool {
    (0..ROWS).any(|i| raw.contains_key(&Field::Pupils(i).form_id())) || raw.contains_key("schoolweging")
}

/// Parse the text fields. `Ok` carries the input plus the submitted years with their rows.
pub fn parse(raw: &Raw) -> Result<(CheckInput, Vec<(usize, TypedYear)>), FieldErrors> {
    let mut errors: FieldErrors = Vec::new();
    let mut years = Vec::new();
    for i in 0..ROWS {
        let [ty, n, p1, p2] =
            [Field::TestYear(i), Field::Pupils(i), Field::Pct1f(i), Field::Pct1s2f(i)].map(|f| value(raw, f));
        if n.is_empty() && p1.is_empty() && p2.is_empty() {
            continue;
        }
        let before = errors.len();
        let test_year = match ty.parse::<u16>() {
            Ok(y) => y,
            Err(_) if ty.is_empty() => {
                errors.push((Field::TestYear(i), "vul het toetsjaar in, bijvoorbeeld 2025".into()));
                0
            }
            Err(_) => {
                errors.push((Field::TestYear(i), format!("'{ty}' is geen jaartal; vul bijvoorbeeld 2025 in")));
                0
            }
        };
        let pupils = match n.parse::<u32>() {
            Ok(v) => v,
            Err(_) if n.is_empty() => {
                errors.push((Field::Pupils(i), "vul het aantal leerlingen in".into()));
                0
            }
            Err(_) => {
                errors.push((Field::Pupils(i), format!("'{n}' is geen geheel aantal leerlingen")));
                0
            }
        };
        let mut pct = |f: Field, s: &str| match parse_decimal(s) {
            Some(v) => v,
            None if s.is_empty() => {
                errors.push((f, "vul het percentage in, bijvoorbeeld 94,44".into()));
                0.0
            }
            None => {
                errors.push((f, format!("'{s}' is geen getal; gebruik bijvoorbeeld 94,44")));
                0.0
            }
        };
        let pct_1f = pct(Field::Pct1f(i), &p1);
        let pct_1s2f = pct(Field::Pct1s2f(i), &p2);
        let unparsed: Vec<Field> = errors[before..].iter().map(|(f, _)| *f).collect();
        let year = TypedYear { test_year, pupils, pct_1f, pct_1s2f };
        // Range checks for the values that did parse.
        errors.extend(validate_years(&[(i, year)]).into_iter().filter(|(f, _)| !unparsed.contains(f)));
        if errors.len() == before {
            years.push((i, year));
        }
    }
    if years.is_empty() && errors.is_empty() {
        errors.push((Field::Years, "vul de resultaten van minstens één toetsjaar in".into()));
    }
    let w = value(raw, Field::Schoolweging);
    let schoolweging = if w.is_empty() {
        None
    } else {
        match parse_decimal(&w) {
            Some(v) => Some(v),
            None => {
                errors.push((Field::Schoolweging, format!("'{w}' is geen getal; gebruik bijvoorbeeld 31,47")));
                None
            }
        }
    };
    errors.extend(validate_schoolweging(schoolweging));
    let nx = value(raw, Field::NextPupils);
    let next_pupils = if nx.is_empty() {
        None
    } else {
        match nx.parse::<u32>() {
            Ok(0) => {
                errors.push((Field::NextPupils, "het aantal leerlingen moet groter dan 0 zijn".into()));
                None
            }
            Ok(v) => Some(v),
            Err(_) => {
                errors.push((Field::NextPupils, format!("'{nx}' is geen geheel aantal leerlingen")));
                None
            }
        }
    };
    let oordeel = match value(raw, Field::Oordeel).as_str() {
        "" => None,
        "voldoende" => Some(Oordeel::Voldoende),
        "onvoldoende" => Some(Oordeel::Onvoldoende),
        "zeer_zwak" => Some(Oordeel::ZeerZwak),
        other => {
            errors.push((Field::Oordeel, format!("'{other}' is geen oordeel; kies er een uit de lijst")));
            None
        }
    };
    let herstelopdracht = raw.get("herstelopdracht").is_some_and(|v| !v.trim().is_empty());
    if errors.is_empty() {
        let mut input = crate::check_input::to_check_input(&years, schoolweging, next_pupils);
        input.context = SchoolContext { oordeel, herstelopdracht };
        Ok((input, years))
    } else {
        errors.sort_by_key(|(f, _)| f.rank());
        Err(errors)
    }
}

/// A message as a sentence: capital first letter, closing full stop.
fn sentence(m: &str) -> String {
    let mut chars = m.trim().chars();
    let mut s: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

/// The form with the submitted values (or the defaults) and the errors next to their fields.
pub fn view(lang: Lang, raw: &Raw, errors: &FieldErrors, default_years: [u16; ROWS]) -> CheckFormView {
    let error_of = |f: Field| {
        let msgs: Vec<String> = errors.iter().filter(|(g, _)| *g == f).map(|(_, m)| sentence(m)).collect();
        (!msgs.is_empty()).then(|| msgs.join(" "))
    };
    let field = |f: Field, label: &str, hint: Option<&str>, default: String, inputmode: &'static str| FormField {
        id: f.form_id(),
        label: lang.t(label),
        hint: hint.map(|h| lang.t(h)),
        value: raw.get(&f.form_id()).cloned().unwrap_or(default),
        error: error_of(f),
        inputmode,
    };
    let years = (0..ROWS)
        .map(|i| YearGroup {
            legend: lang.t_args("check-year-legend", &[("n", (i + 1).to_string())]),
            fields: vec![
                field(Field::TestYear(i), "check-test-year", None, default_years[i].to_string(), "numeric"),
                field(Field::Pupils(i), "check-pupils", None, String::new(), "numeric"),
                field(Field::Pct1f(i), "check-pct-1f", None, String::new(), "decimal"),
                field(Field::Pct1s2f(i), "check-pct-1s2f", None, String::new(), "decimal"),
            ],
        })
        .collect();
    let summary = errors
        .iter()
        .map(|(f, m)| {
            let target = if *f == Field::Years { Field::Pupils(0) } else { *f };
            ErrorLink { href: format!("#{}", target.form_id()), text: sentence(m) }
        })
        .collect();
    CheckFormView {
        years,
        schoolweging: field(
            Field::Schoolweging,
            "check-schoolweging",
            Some("check-schoolweging-hint"),
            String::new(),
            "decimal",
        ),
        next_pupils: field(
            Field::NextPupils,
            "check-next-pupils",
            Some("check-next-pupils-hint"),
            String::new(),
            "numeric",
        ),
        oordeel: field(Field::Oordeel, "check-oordeel", Some("check-oordeel-hint"), String::new(), "text"),
        oordeel_opts: [
            ("", "check-oordeel-none"),
            ("voldoende", "oordeel-voldoende"),
            ("onvoldoende", "oordeel-onvoldoende"),
            ("zeer_zwak", "oordeel-zeer-zwak"),
        ]
        .iter()
        .map(|(v, k)| ((*v).to_owned(), lang.t(k)))
        .collect(),
        herstelopdracht: raw.get("herstelopdracht").is_some_and(|v| !v.trim().is_empty()),
        school: school_of(raw),
        years_error: error_of(Field::Years),
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> Raw {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn empty_rows_are_skipped_and_commas_accepted() {
        let r = raw(&[
            ("jaar-1", "2025"),
            ("leerlingen-1", "12"),
            ("pct1f-1", "91,67"),
            ("pct1s2f-1", "47.22"),
            ("jaar-2", "2024"),
        ]);
        let (input, years) = parse(&r).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(input.years.len(), 1);
        assert_eq!(years[0].1.pct_1f, 91.67);
    }

    #[test]
    fn every_bad_field_gets_its_own_error() {
        let r = raw(&[
            ("jaar-1", "2023"),
            ("leerlingen-1", "x"),
            ("pct1f-1", "105"),
            ("pct1s2f-1", ""),
            ("schoolweging", "abc"),
        ]);
        let e = parse(&r).err().unwrap_or_default();
        let fields: Vec<Field> = e.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec![Field::Pupils(0), Field::Pct1f(0), Field::Pct1s2f(0), Field::Schoolweging]);
        let r = raw(&[]);
        assert_eq!(parse(&r).err().map(|e| e[0].0), Some(Field::Years));
    }
}
