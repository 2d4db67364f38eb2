// Over ~400 lines on purpose: one rule set (validation, the verdict in force per afdeling,
// falling pass rates) whose parts read each other's types; split it when it grows further.
//! Inspectie verdicts as data (issue 10 §2). There is no public file of the Inspectie's
//! oordelen, so programme staff record them, and applicants may declare them
//! ([`VerdictStatus::Verklaard`] until staff confirm). A verdict is about a school — for VO per
//! afdeling, as the Inspectie judges them — or about a board.
//!
//! - [`validate`] turns what a form sends into [`VerdictFacts`], or lists every problem with the
//!   field it is about, in Dutch: a date in the future, an unknown oordeel, an afdeling outside
//!   VO, a board judged "zeer zwak" (boards get onvoldoende / voldoende / goed), no source.
//! - [`vo_facts`] and [`board_facts`] give the VO and board entry rules what the recorded
//!   verdicts say, next to what the applicant answered.
//! - [`falling_pass_rate`] finds a demonstrable risk in the DUO exam trend **[ours]**: the latest
//!   pass rate at least [`FallingRule::min_single_drop`] points below the year before, or three
//!   years each lower than the one before and at least [`FallingRule::min_total_drop`] points
//!   down in total (boundaries inclusive).

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::eligibility::board::{BoardAssessment, BoardFacts, BoardOordeel, RiskInvestigation, SchoolVerdict};
use crate::eligibility::{Oordeel, VoFacts};

/// The Inspectie's oordeel ("goed" was abolished for schools in 2023 but is history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictOordeel {
    ZeerZwak,
    Onvoldoende,
    Voldoende,
    Goed,
}

impl VerdictOordeel {
    pub const ALL: [VerdictOordeel; 4] =
        [VerdictOordeel::Onvoldoende, VerdictOordeel::ZeerZwak, VerdictOordeel::Voldoende, VerdictOordeel::Goed];

    /// `zeer_zwak`, `onvoldoende`, `voldoende`, `goed` (forms and storage).
    pub fn code(self) -> &'static str {
        match self {
            VerdictOordeel::ZeerZwak => "zeer_zwak",
            VerdictOordeel::Onvoldoende => "onvoldoende",
            VerdictOordeel::Voldoende => "voldoende",
            VerdictOordeel::Goed => "goed",
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            VerdictOordeel::ZeerZwak => "zeer zwak",
            VerdictOordeel::Onvoldoende => "onvoldoende",
            VerdictOordeel::Voldoende => "voldoende",
            VerdictOordeel::Goed => "goed",
        }
    }

    /// A code or label in any case; `zeer zwak`, `zeer-zwak` and `zeer_zwak` alike.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase().replace(['-', '_'], " ");
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        Self::ALL.into_iter().find(|o| o.label_nl() == t)
    }

    /// Onvoldoende or zeer zwak.
    pub fn is_weak(self) -> bool {
        matches!(self, VerdictOordeel::Onvoldoende | VerdictOordeel::ZeerZwak)
    }

    /// As the school entry rules know it (goed counts as voldoende).
    pub fn school_oordeel(self) -> Oordeel {
        match self {
            VerdictOordeel::ZeerZwak => Oordeel::ZeerZwak,
            VerdictOordeel::Onvoldoende => Oordeel::Onvoldoende,
            VerdictOordeel::Voldoende | VerdictOordeel::Goed => Oordeel::Voldoende,
        }
    }

    /// As the board rule knows it (boards are never "zeer zwak"; [`validate`] refuses it).
    pub fn board_oordeel(self) -> BoardOordeel {
        match self {
            VerdictOordeel::ZeerZwak | VerdictOordeel::Onvoldoende => BoardOordeel::Onvoldoende,
            VerdictOordeel::Voldoende => BoardOordeel::Voldoende,
            VerdictOordeel::Goed => BoardOordeel::Goed,
        }
    }
}

/// An afdeling of a VO school as the Inspectie judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Afdeling {
    #[serde(rename = "vmbo-b")]
    VmboB,
    #[serde(rename = "vmbo-k")]
    VmboK,
    #[serde(rename = "vmbo-(g)t")]
    VmboGt,
    #[serde(rename = "havo")]
    Havo,
    #[serde(rename = "vwo")]
    Vwo,
}

impl Afdeling {
    pub const ALL: [Afdeling; 5] = [Afdeling::VmboB, Afdeling::VmboK, Afdeling::VmboGt, Afdeling::Havo, Afdeling::Vwo];

    /// `vmbo-b`, `vmbo-k`, `vmbo-(g)t`, `havo`, `vwo` (as DUO's exam trend is stored too).
    pub fn code(self) -> &'static str {
        match self {
            Afdeling::VmboB => "vmbo-b",
            Afdeling::VmboK => "vmbo-k",
            Afdeling::VmboGt => "vmbo-(g)t",
            Afdeling::Havo => "havo",
            Afdeling::Vwo => "vwo",
        }
    }

    /// A code in any case; `vmbo-gt`, `vmbo-t` and `vmbo-g` mean vmbo-(g)t.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        match t.as_str() {
            "vmbo-gt" | "vmbo-t" | "vmbo-g" => Some(Afdeling::VmboGt),
            _ => Self::ALL.into_iter().find(|a| a.code() == t),
        }
    }
}

/// Recorded by staff, or declared by the applicant and not yet confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictStatus {
    Verklaard,
    Vastgesteld,
}

impl VerdictStatus {
    pub fn code(self) -> &'static str {
        match self {
            VerdictStatus::Verklaard => "verklaard",
            VerdictStatus::Vastgesteld => "vastgesteld",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        [VerdictStatus::Verklaard, VerdictStatus::Vastgesteld].into_iter().find(|s| s.code() == text)
    }
}

/// Whom a verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    /// A school; `vo` allows an afdeling.
    School {
        vo: bool,
    },
    Board,
}

/// What a verdict form sends, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VerdictForm {
    pub date: String,
    pub oordeel: String,
    pub afdeling: String,
    pub herstelopdracht: bool,
    pub risk_investigation: bool,
    pub source: String,
}

/// A checked verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictFacts {
    pub date: Date,
    pub oordeel: VerdictOordeel,
    /// VO only; `None` = the whole school (or a board).
    pub afdeling: Option<Afdeling>,
    pub herstelopdracht: bool,
    /// The Inspectie investigated because of risks (onderzoek naar aanleiding van risico's).
    pub risk_investigation: bool,
    /// Where it comes from ("inspectierapport 12-03-2025", a URL).
    pub source: String,
}

/// A problem with one field of the form, in Dutch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

/// The longest source text kept.
pub const MAX_SOURCE_CHARS: usize = 500;

fn problem(out: &mut Vec<FieldProblem>, field: &'static str, message: String) {
    out.push(FieldProblem { field, message });
}

/// Check a verdict form; every problem is listed, each naming its field.
pub fn validate(form: &VerdictForm, subject: Subject, today: Date) -> Result<VerdictFacts, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let date = match form.date.trim() {
        "" => {
            problem(&mut problems, "datum", "Datum: vul de datum van het oordeel in (bijvoorbeeld 12-03-2025).".into());
            None
        }
        t => match Date::parse(t) {
            Ok(d) if d > today => {
                problem(
                    &mut problems,
                    "datum",
                    format!(
                        "Datum: een oordeel kan niet in de toekomst liggen ({} is na vandaag, {}).",
                        d.nl(),
                        today.nl()
                    ),
                );
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                problem(&mut problems, "datum", format!("Datum: {e}"));
                None
            }
        },
    };
    let choices = match subject {
        Subject::Board => "onvoldoende, voldoende of goed",
        Subject::School { .. } => "onvoldoende, zeer zwak, voldoende of goed",
    };
    let oordeel = match (form.oordeel.trim(), VerdictOordeel::parse(&form.oordeel)) {
        ("", _) => {
            problem(&mut problems, "oordeel", format!("Oordeel: kies {choices}."));
            None
        }
        (_, Some(VerdictOordeel::ZeerZwak)) if subject == Subject::Board => {
            problem(
                &mut problems,
                "oordeel",
                format!("Oordeel: een bestuur krijgt geen oordeel zeer zwak; kies {choices}."),
            );
            None
        }
        (_, Some(o)) => Some(o),
        (t, None) => {
            let shown: String = t.chars().take(40).collect();
            problem(&mut problems, "oordeel", format!("Oordeel: onbekend oordeel \"{shown}\"; kies {choices}."));
            None
        }
    };
    let afdeling = match (form.afdeling.trim(), subject) {
        ("", _) => None,
        (_, Subject::School { vo: true }) => match Afdeling::parse(&form.afdeling) {
            Some(a) => Some(a),
            None => {
                let shown: String = form.afdeling.trim().chars().take(40).collect();
                problem(
                    &mut problems,
                    "afdeling",
                    format!(
                        "Afdeling: onbekende afdeling \"{shown}\"; kies vmbo-b, vmbo-k, vmbo-(g)t, havo of vwo, of laat leeg voor de hele school."
                    ),
                );
                None
            }
        },
        _ => {
            problem(
                &mut problems,
                "afdeling",
                "Afdeling: alleen het voortgezet onderwijs wordt per afdeling beoordeeld; laat dit leeg.".into(),
            );
            None
        }
    };
    let source = form.source.trim();
    if source.is_empty() {
        problem(
            &mut problems,
            "bron",
            "Bron: vul de bron in, bijvoorbeeld \"inspectierapport 12-03-2025\" of de link naar het rapport.".into(),
        );
    } else if source.chars().count() > MAX_SOURCE_CHARS {
        problem(&mut problems, "bron", format!("Bron: hoogstens {MAX_SOURCE_CHARS} tekens."));
    }
    match (date, oordeel, problems.is_empty()) {
        (Some(date), Some(oordeel), true) => Ok(VerdictFacts {
            date,
            oordeel,
            afdeling,
            herstelopdracht: form.herstelopdracht,
            risk_investigation: form.risk_investigation,
            source: source.to_owned(),
        }),
        _ => Err(problems),
    }
}

/// A verdict as the entry rules read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedVerdict {
    pub facts: VerdictFacts,
    pub status: VerdictStatus,
}

/// The verdict in force per part (whole school, each afdeling): the latest by date; on the same
/// date a confirmed one before a declared one, then the later in the list.
pub fn current(verdicts: &[RecordedVerdict]) -> Vec<&RecordedVerdict> {
    let mut out: Vec<&RecordedVerdict> = Vec::new();
    for v in verdicts {
        let key = |x: &RecordedVerdict| (x.facts.date, x.status == VerdictStatus::Vastgesteld);
        match out.iter_mut().find(|o| o.facts.afdeling == v.facts.afdeling) {
            Some(slot) if key(v) >= key(slot) => *slot = v,
            Some(_) => {}
            None => out.push(v),
        }
    }
    out.sort_by_key(|v| v.facts.afdeling);
    out
}

/// What the school rules (GWGB+ school and gespecialiseerd) read to refer a school to regular
/// GWGB: the whole-school verdict in force, and a herstelopdracht on any verdict in force.
pub fn school_context(verdicts: &[RecordedVerdict]) -> crate::eligibility::SchoolContext {
    let now = current(verdicts);
    crate::eligibility::SchoolContext {
        oordeel: now.iter().find(|v| v.facts.afdeling.is_none()).map(|v| v.facts.oordeel.school_oordeel()),
        herstelopdracht: now.iter().any(|v| v.facts.herstelopdracht),
    }
}

/// What the VO rule reads: the applicant's answers, and where they name no weak verdict, the
/// most recent weak verdict in force (whole school or an afdeling), else the most recent one.
pub fn vo_facts(verdicts: &[RecordedVerdict], answered: VoFacts) -> VoFacts {
    if answered.oordeel.is_some_and(|o| o != Oordeel::Voldoende) {
        return answered;
    }
    let now = current(verdicts);
    let pick = now
        .iter()
        .filter(|v| v.facts.oordeel.is_weak())
        .max_by_key(|v| v.facts.date)
        .or_else(|| if answered.oordeel.is_none() { now.iter().max_by_key(|v| v.facts.date) } else { None });
    match pick {
        Some(v) => VoFacts {
            oordeel: Some(v.facts.oordeel.school_oordeel()),
            department: v.facts.afdeling.map(|a| a.code().to_owned()),
            ..answered
        },
        None => answered,
    }
}

/// What the board rule reads: the answers plus the recorded verdicts of the board's schools
/// (name, verdict) and of the board itself; `schools` = the board's schools in the register,
/// used when the answers leave it at 0.
pub fn board_facts(
    school_verdicts: &[(String, RecordedVerdict)],
    board_verdicts: &[RecordedVerdict],
    schools: u32,
    answered: BoardFacts,
) -> BoardFacts {
    let mut f = answered;
    if f.schools == 0 {
        f.schools = schools;
    }
    let year = |d: Date| u16::try_from(d.year()).unwrap_or(0);
    for (name, v) in school_verdicts {
        let school = match v.facts.afdeling {
            Some(a) => format!("{name} ({})", a.code()),
            None => name.clone(),
        };
        if v.facts.oordeel.is_weak() {
            let sv = SchoolVerdict {
                school: school.clone(),
                year: year(v.facts.date),
                oordeel: v.facts.oordeel.school_oordeel(),
            };
            if !f.school_verdicts.contains(&sv) {
                f.school_verdicts.push(sv);
            }
        }
        if v.facts.risk_investigation {
            let ri = RiskInvestigation { school, year: year(v.facts.date) };
            if !f.risk_investigations.contains(&ri) {
                f.risk_investigations.push(ri);
            }
        }
    }
    for v in board_verdicts {
        let a = BoardAssessment {
            year: year(v.facts.date),
            oordeel: v.facts.oordeel.board_oordeel(),
            herstelopdrachten: v.facts.herstelopdracht,
            development_assignments: false,
        };
        if !f.board_assessments.iter().any(|b| b.year == a.year && b.oordeel == a.oordeel) {
            f.board_assessments.push(a);
        }
    }
    f
}

/// When falling exam results count as a demonstrable risk **[ours]**.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FallingRule {
    /// Percentage points the latest year is below the year before.
    pub min_single_drop: f64,
    /// Percentage points three falling years lose in total.
    pub min_total_drop: f64,
}

impl Default for FallingRule {
    fn default() -> Self {
        Self { min_single_drop: 5.0, min_total_drop: 3.0 }
    }
}

/// One school year's pass rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassRatePoint {
    /// `2024-2025`; sorts in time order.
    pub school_year: String,
    pub pass_rate: f64,
    /// Built from masked counts (an estimate).
    pub estimated: bool,
}

/// A fall found in a pass-rate trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FallingPassRate {
    /// The afdeling, or `None` for the whole location.
    pub afdeling: Option<String>,
    pub from: PassRatePoint,
    pub to: PassRatePoint,
    /// Percentage points.
    pub drop: f64,
    /// Three years each lower than the one before.
    pub consecutive: bool,
}

const TOLERANCE: f64 = 1e-9;

/// The fall in `points` (any order; years without a pass rate left out), if it counts.
pub fn falling_pass_rate(
    afdeling: Option<&str>,
    points: &[PassRatePoint],
    rule: &FallingRule,
) -> Option<FallingPassRate> {
    let mut p: Vec<&PassRatePoint> = points.iter().filter(|p| p.pass_rate.is_finite()).collect();
    p.sort_by(|a, b| a.school_year.cmp(&b.school_year));
    let n = p.len();
    let (prev, last) = (*p.get(n.checked_sub(2)?)?, *p.get(n - 1)?);
    let make = |from: &PassRatePoint, consecutive: bool| FallingPassRate {
        afdeling: afdeling.map(str::to_owned),
        from: from.clone(),
        to: last.clone(),
        drop: from.pass_rate - last.pass_rate,
        consecutive,
    };
    let single = (prev.pass_rate - last.pass_rate >= rule.min_single_drop - TOLERANCE).then(|| make(prev, false));
    let three = n.checked_sub(3).and_then(|i| p.get(i)).and_then(|first| {
        let falling = first.pass_rate > prev.pass_rate && prev.pass_rate > last.pass_rate;
        (falling && first.pass_rate - last.pass_rate >= rule.min_total_drop - TOLERANCE).then(|| make(first, true))
    });
    match (single, three) {
        (Some(s), Some(t)) => Some(if t.drop > s.drop { t } else { s }),
        (s, t) => s.or(t),
    }
}

impl FallingPassRate {
    /// The evidence in Dutch, for the VO rule's reasons.
    pub fn evidence_nl(&self) -> String {
        let pct = |v: f64| format!("{}%", crate::nl::decimal(v, 1));
        let part = self.afdeling.as_deref().map_or_else(|| "hele vestiging".to_owned(), |a| format!("afdeling {a}"));
        let estimated =
            if self.from.estimated || self.to.estimated { "; deels geschat uit afgeschermde aantallen" } else { "" };
        format!(
            "slagingspercentage {part} {} van {} ({}) naar {} ({}), {} procentpunt lager (DUO, examenkandidaten en geslaagden{estimated})",
            if self.consecutive { "drie jaar op rij gedaald" } else { "gedaald" },
            pct(self.from.pass_rate),
            self.from.school_year,
            pct(self.to.pass_rate),
            self.to.school_year,
            crate::nl::decimal(self.drop, 1),
        )
    }
}

#[cfg(test)]
mod tests;
