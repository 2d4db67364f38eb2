//! Validation of programme settings, with Dutch messages that name the field, and the Dutch
//! wording of parse errors (serde's messages are English; a beheerder editing a programme reads
//! Dutch, with the line number).

use super::{Audience, ProgrammeRules, RuleSettings, Sector};
use crate::datafile::{self, is_slug};
use std::collections::HashSet;

/// A programme that cannot be used, with the field that is wrong (for the JSON error envelope).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("programma-instellingen {file}: {detail}")]
pub struct ProgrammeError {
    pub file: String,
    /// The field at fault (`rule.grens_fraction`, `phases`), when known.
    pub field: Option<String>,
    pub detail: String,
}

impl ProgrammeError {
    pub(super) fn new(file: &str, field: Option<&str>, detail: impl Into<String>) -> Self {
        Self { file: file.to_owned(), field: field.map(str::to_owned), detail: detail.into() }
    }
}

fn between<T: PartialOrd + std::fmt::Display>(v: T, lo: T, hi: T, field: &str) -> Result<(), (String, String)> {
    if v < lo || v > hi { Err((field.to_owned(), format!("{field} moet tussen {lo} en {hi} liggen"))) } else { Ok(()) }
}

pub(super) fn validate(p: &ProgrammeRules, file: &str) -> Result<(), ProgrammeError> {
    check(p).map_err(|(field, detail)| ProgrammeError::new(file, Some(&field), detail))
}

fn check_referral(p: &ProgrammeRules) -> Result<(), (String, String)> {
    let Some(r) = &p.referral else { return Ok(()) };
    let err = |field: &str, detail: &str| Err((field.to_owned(), detail.to_owned()));
    if r.name.trim().is_empty() {
        return err(
            "referral.name",
            "referral.name (de naam van het programma waarnaar verwezen wordt) mag niet leeg zijn",
        );
    }
    if r.text.trim().is_empty() {
        return err("referral.text", "referral.text (wat dat programma biedt) mag niet leeg zijn");
    }
    if r.url.as_deref().is_some_and(|u| !u.starts_with("https://") || u.contains(char::is_whitespace)) {
        return err("referral.url", "referral.url moet een webadres zijn dat met https:// begint");
    }
    if r.email.as_deref().is_some_and(|e| {
        let (local, domain) = e.split_once('@').unwrap_or_default();
        local.is_empty() || !domain.contains('.') || e.contains(char::is_whitespace)
    }) {
        return err("referral.email", "referral.email moet een e-mailadres zijn, zoals info@poraad.nl");
    }
    if r.url.is_none() && r.email.is_none() && r.phone.is_none() {
        return err("referral", "referral noemt een webadres, e-mailadres of telefoonnummer (url, email of phone)");
    }
    Ok(())
}

fn check(p: &ProgrammeRules) -> Result<(), (String, String)> {
    let err = |field: &str, detail: &str| Err((field.to_owned(), detail.to_owned()));
    if !is_slug(&p.id) {
        return err(
            "id",
            "id mag alleen kleine letters, cijfers en losse streepjes bevatten (bijvoorbeeld gwgb-plus-school)",
        );
    }
    if p.name.trim().is_empty() {
        return err("name", "name (de naam van het programma) mag niet leeg zijn");
    }
    if p.help_question.trim().is_empty() {
        return err("help_question", "help_question (de vraag boven het veld voor de hulpvraag) mag niet leeg zijn");
    }
    if p.sectors.is_empty() {
        return err("sectors", "sectors moet minstens één sector noemen (po, sbo, so, vso of vo)");
    }
    if p.sectors.iter().collect::<HashSet<_>>().len() != p.sectors.len() {
        return err("sectors", "sectors noemt een sector twee keer");
    }
    check_phases(p)?;
    check_rule(p)?;
    check_referral(p)?;
    if let Some(s) = p.default_for.iter().find(|s| !p.sectors.contains(s)) {
        return Err((
            "default_for".to_owned(),
            format!("default_for noemt sector {} die niet in sectors staat", s.code()),
        ));
    }
    if let Some(b) = p.dagdelen {
        between(b.per_block, 1, 100, "dagdelen.per_block")?;
        between(b.max_blocks, 1, 20, "dagdelen.max_blocks")?;
    }
    p.plan.check()?;
    if p.audience == Audience::Bestuur && p.plan.signers.contains(&crate::plan::Signer::Schoolleider) {
        return err(
            "plan.signers",
            "plan.signers: bij een bestuursprogramma tekent geen schoolleider; noem alleen \"bestuurder\"",
        );
    }
    if p.board_request && p.audience != Audience::School {
        return err(
            "board_request",
            "board_request: een aanvraag voor meerdere scholen kan alleen bij een programma voor scholen (audience = \"school\")",
        );
    }
    if p.board_request && matches!(p.rule, RuleSettings::SpecialEducation(_)) {
        return err(
            "board_request",
            "board_request: de vragen van gespecialiseerd onderwijs horen bij één school; zet board_request uit",
        );
    }
    p.op_koers.check()?;
    if let Some(c) = p.co_financing {
        between(c.rate_per_dagdeel_cents.get(), 1, 10_000_000, "co_financing.rate_per_dagdeel_cents")?;
        between(c.school_share_percent, 0, 100, "co_financing.school_share_percent")?;
    }
    Ok(())
}

fn check_phases(p: &ProgrammeRules) -> Result<(), (String, String)> {
    let err = |detail: String| Err(("phases".to_owned(), detail));
    if p.phases.is_empty() {
        return err("phases moet minstens één fase hebben".into());
    }
    if p.phases.len() > 20 {
        return err("phases mag hooguit 20 fasen hebben".into());
    }
    let mut seen = HashSet::new();
    for (i, ph) in p.phases.iter().enumerate() {
        let n = i + 1;
        if !is_slug(&ph.id) {
            return err(format!("phases: fase {n} heeft id '{}'; gebruik kleine letters, cijfers en streepjes", ph.id));
        }
        if !seen.insert(ph.id.as_str()) {
            return err(format!("phases: het id '{}' komt twee keer voor", ph.id));
        }
        if ph.name.trim().is_empty() {
            return err(format!("phases: fase {n} ('{}') heeft geen naam", ph.id));
        }
        if let Some(f) = ph.format.as_deref().filter(|f| !is_slug(f)) {
            return err(format!("phases: fase {n} ('{}') noemt format '{f}'; gebruik het id van een format", ph.id));
        }
        if ph.completes_on.needs_format() && ph.format.is_none() {
            return err(format!(
                "phases: fase {n} ('{}') is {}, maar noemt geen format",
                ph.id,
                ph.completes_on.label_nl()
            ));
        }
    }
    Ok(())
}

pub(super) fn check_formats<S: AsRef<str>>(p: &ProgrammeRules, file: &str, known: &[S]) -> Result<(), ProgrammeError> {
    for (i, ph) in p.phases.iter().enumerate() {
        let Some(f) = ph.format.as_deref() else { continue };
        if !known.iter().any(|k| k.as_ref() == f) {
            let list: Vec<&str> = known.iter().map(AsRef::as_ref).collect();
            let detail = format!(
                "phases: fase {} ('{}') noemt het format '{f}', dat niet bestaat; bekende formats: {}",
                i + 1,
                ph.id,
                list.join(", ")
            );
            return Err(ProgrammeError::new(file, Some("phases"), detail));
        }
    }
    Ok(())
}

fn check_rule(p: &ProgrammeRules) -> Result<(), (String, String)> {
    let err = |field: &str, detail: &str| Err((field.to_owned(), detail.to_owned()));
    let board = matches!(p.rule, RuleSettings::BoardHistory(_));
    if board != (p.audience == Audience::Bestuur) {
        return err(
            "audience",
            "audience moet 'bestuur' zijn bij een regel op bestuursniveau (board-history) en 'school' bij elke andere regel",
        );
    }
    match p.rule {
        RuleSettings::ResultsBand(b) => {
            between(b.grens_fraction, 0.0, 1.0, "grens_fraction")
                .map_err(|(_, d)| ("rule.grens_fraction".into(), d))?;
            if !(1..=2).contains(&b.min_indicators_below_grens) {
                return err("rule.min_indicators_below_grens", "min_indicators_below_grens moet 1 of 2 zijn");
            }
            if p.norms.is_none() {
                return err("norms", "een resultatenband-regel heeft 'norms' nodig");
            }
        }
        RuleSettings::BoardHistory(b) => {
            between(b.lookback_years, 1, 10, "rule.lookback_years")?;
            between(b.eenpitter_lookback_years, 1, 10, "rule.eenpitter_lookback_years")?;
        }
        RuleSettings::VerdictOrRisk(_) => {
            if p.sectors != [Sector::Vo] {
                return err(
                    "sectors",
                    "een regel voor het voortgezet onderwijs (verdict-or-risk) hoort bij sectors = [\"vo\"]",
                );
            }
        }
        RuleSettings::SpecialEducation(_) => {}
    }
    Ok(())
}

/// A parse error in Dutch, with the line when the parser knows it.
pub(super) fn parse_error(file: &str, text: &str, e: &toml::de::Error) -> ProgrammeError {
    let (field, detail) = datafile::describe(text, e);
    ProgrammeError::new(file, field.as_deref(), detail)
}
