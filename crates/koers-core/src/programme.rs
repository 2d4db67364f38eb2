//! Programmes as data (`programmes/*.toml`, PRODUCT "Programmes"): who a programme is for, its
//! entry rule, whether the board approves participation, its phases, its budget of dagdelen and
//! co-financing, and the prompt for the help question. A beheerder adds or changes a programme
//! without a code change: the app stores the text (TOML, or JSON through serde) and parses it at
//! run time with [`ProgrammeRules::from_toml`] (or deserializes and calls
//! [`ProgrammeRules::validate`]); [`ProgrammeRules::to_toml`] writes it back.

mod completion;
#[cfg(test)]
mod tests;
mod validate;

pub use completion::{Artefact, phase_after};

pub use validate::ProgrammeError;

use crate::money::{Cents, CostSplit, Funding, split_cost};
use crate::op_koers::OpKoersSettings;
use crate::plan::PlanSettings;
use crate::trajectory::{Trajectory, TrajectoryError};
use serde::{Deserialize, Serialize};

pub const SHIPPED: &[(&str, &str)] = &[
    ("gwgb-plus-school.toml", include_str!("../../../programmes/gwgb-plus-school.toml")),
    ("gwgb-plus-gespecialiseerd.toml", include_str!("../../../programmes/gwgb-plus-gespecialiseerd.toml")),
    ("gwgb-plus-bestuur.toml", include_str!("../../../programmes/gwgb-plus-bestuur.toml")),
    ("leren-verbeteren-npo.toml", include_str!("../../../programmes/leren-verbeteren-npo.toml")),
    (
        "leren-verbeteren-procesbegeleiding.toml",
        include_str!("../../../programmes/leren-verbeteren-procesbegeleiding.toml"),
    ),
];

/// The results-band rule (GWGB+ school, DOMAIN §2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandRule {
    /// grenswaarde = signaleringswaarde + fraction × (comparable mean − signaleringswaarde).
    pub grens_fraction: f64,
    pub min_indicators_below_grens: u8,
    pub refer_when_onvoldoende: bool,
    pub refer_when_herstelopdracht: bool,
}

impl Default for BandRule {
    fn default() -> Self {
        Self {
            grens_fraction: 0.5,
            min_indicators_below_grens: 1,
            refer_when_onvoldoende: true,
            refer_when_herstelopdracht: true,
        }
    }
}

/// The qualitative rule for sbo, so and vso (DOMAIN §2).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialRule {
    pub refer_when_onvoldoende: bool,
    pub refer_when_herstelopdracht: bool,
}

/// The board rule (GWGB+ bestuur, DOMAIN §3): inspection history over the last
/// `lookback_years`, and for an éénpitter the verdicts of the last `eenpitter_lookback_years`.
/// "In the last N years" counts a fact of year `y` when `reference_year − y ≤ N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardRule {
    pub lookback_years: u8,
    pub eenpitter_lookback_years: u8,
}

impl Default for BoardRule {
    fn default() -> Self {
        Self { lookback_years: 3, eenpitter_lookback_years: 2 }
    }
}

/// The VO rule (Leren Verbeteren, DOMAIN §4): judged onvoldoende or zeer zwak qualifies; a
/// demonstrable risk qualifies too when `demonstrable_risk_qualifies` (both shipped programmes:
/// NPO, and procesbegeleiding for "risicoscholen" as seed 004 describes them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoRule {
    pub demonstrable_risk_qualifies: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RuleSettings {
    ResultsBand(BandRule),
    SpecialEducation(SpecialRule),
    BoardHistory(BoardRule),
    VerdictOrRisk(VoRule),
}

/// Who applies: a school (leader) or a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    School,
    Bestuur,
}

/// The sector of a school (the one definition: the register, the programmes and the CLI use it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sector {
    Po,
    Sbo,
    So,
    Vso,
    Vo,
}

impl Sector {
    pub const ALL: [Sector; 5] = [Sector::Po, Sector::Sbo, Sector::So, Sector::Vso, Sector::Vo];

    /// `po`, `sbo`, `so`, `vso`, `vo` (as stored and written in `programmes/*.toml`).
    pub fn code(self) -> &'static str {
        match self {
            Sector::Po => "po",
            Sector::Sbo => "sbo",
            Sector::So => "so",
            Sector::Vso => "vso",
            Sector::Vo => "vo",
        }
    }

    /// The sector of a code (case and surrounding space ignored).
    pub fn from_code(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// One phase of a trajectory (`zelfevaluatie`, `situatie-in-kaart`, …); its position is its
/// place in [`ProgrammeRules::phases`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Stable slug, stored with the trajectory.
    pub id: String,
    /// Dutch label.
    pub name: String,
    /// The format (`formats/*.toml`, by id) filled in during this phase. Phases that name the
    /// same format work on the trajectory's one form of it (GWGB+ bestuur: analysis, zelfevaluatie
    /// and advies in one format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// What completes the phase; by hand when absent.
    #[serde(default, skip_serializing_if = "PhaseCompletion::is_by_hand")]
    pub completes_on: PhaseCompletion,
}

impl Phase {
    /// A phase without a format, completed by hand.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Self { id: id.into(), name: name.into(), ..Self::default() }
    }
}

/// The artefact whose sign-off completes a phase (issue 8 §5). Anything else is moved by hand:
/// staff or the expert complete the phase with a reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseCompletion {
    /// Staff or the expert complete the phase by hand, with a reason.
    #[default]
    Handmatig,
    /// The participant submitted the phase's format (a frozen version exists).
    FormatIngediend,
    /// The phase's format was submitted and the expert confirmed it (the 0-meting).
    FormatBevestigd,
    /// The plan van aanpak (NPO: the stappenplan) is signed off by everyone the programme asks.
    PlanGetekend,
}

impl PhaseCompletion {
    pub fn is_by_hand(&self) -> bool {
        *self == PhaseCompletion::Handmatig
    }
    /// Whether the phase needs a format to be completed.
    pub fn needs_format(self) -> bool {
        matches!(self, PhaseCompletion::FormatIngediend | PhaseCompletion::FormatBevestigd)
    }
    pub fn label_nl(self) -> &'static str {
        match self {
            PhaseCompletion::Handmatig => "handmatig afgerond",
            PhaseCompletion::FormatIngediend => "afgerond als het format is ingediend",
            PhaseCompletion::FormatBevestigd => "afgerond als het ingediende format door de expert is bevestigd",
            PhaseCompletion::PlanGetekend => "afgerond als het plan is ondertekend",
        }
    }
}

/// Adviser time: at most `max_blocks` blocks of `per_block` dagdelen (NPO: 2 × 8). More only by
/// a recorded staff decision with a reason, when `override_allowed` (default true); see
/// [`crate::dagdelen::TrajectoryBudget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DagdelenBudget {
    pub per_block: u32,
    pub max_blocks: u32,
    #[serde(default = "yes")]
    pub override_allowed: bool,
}

fn yes() -> bool {
    true
}

impl DagdelenBudget {
    pub fn max_dagdelen(self) -> u32 {
        self.per_block.saturating_mul(self.max_blocks)
    }
}

/// Co-financing of adviser time (excl. btw). NPO: € 571,50 per dagdeel, the school pays 50 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoFinancing {
    /// The full rate per dagdeel in cents (both shares together).
    pub rate_per_dagdeel_cents: Cents,
    /// The school's share in whole percent; the programme pays the rest.
    pub school_share_percent: u8,
}

impl CoFinancing {
    /// See [`crate::money`] for the rounding rule.
    pub fn split(self, dagdelen: u32) -> CostSplit {
        split_cost(self.rate_per_dagdeel_cents, self.school_share_percent, dagdelen)
    }
}

impl From<CoFinancing> for Funding {
    fn from(c: CoFinancing) -> Self {
        Funding::CoFinanced { rate_per_dagdeel: c.rate_per_dagdeel_cents, school_share_percent: c.school_share_percent }
    }
}

/// Why a cost cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CostError {
    #[error("dit programma kent geen cofinanciering van dagdelen")]
    NotCoFinanced,
    #[error("het budget is ten hoogste {per_block} × {max_blocks} = {max} dagdelen; gevraagd zijn er {asked}")]
    OverBudget { asked: u32, per_block: u32, max_blocks: u32, max: u32 },
}

/// The programme for `audience` and `sector` when none is named: the one whose `default_for`
/// names the sector (the first by position when several do); for definitions written before
/// `default_for` existed, the first programme that fits. `None` when no programme fits.
pub fn default_for(programmes: &[ProgrammeRules], audience: Audience, sector: Sector) -> Option<&ProgrammeRules> {
    let fitting = || programmes.iter().filter(move |p| p.fits(audience, sector));
    fitting().find(|p| p.default_for.contains(&sector)).or_else(|| fitting().next())
}

/// One programme: everything that makes it differ from another, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRules {
    /// Slug used in URLs, grants and the database (`gwgb-plus-school`).
    pub id: String,
    pub name: String,
    /// Id of the norm table the rule uses (results-band rules only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub norms: Option<String>,
    pub audience: Audience,
    pub sectors: Vec<Sector>,
    /// The sectors (a subset of `sectors`) for which this is the programme a school — or, for
    /// `audience = "bestuur"`, a board — gets when none is named: the public verdict on the
    /// school page and in the API, the apply link, screening. See [`default_for`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_for: Vec<Sector>,
    /// Whether the bestuurder must approve participation before the intake.
    pub board_approval: bool,
    /// Whether a board may send one request for several of its schools (per-school lines, each
    /// decided by staff on its own); only for `audience = "school"`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub board_request: bool,
    /// The prompt above the help-question field of the application form.
    pub help_question: String,
    pub rule: RuleSettings,
    /// The trajectory's phases, in order.
    pub phases: Vec<Phase>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dagdelen: Option<DagdelenBudget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_financing: Option<CoFinancing>,
    /// `[plan]`: at most this many active goals, who signs (defaults when absent).
    #[serde(default)]
    pub plan: PlanSettings,
    /// `[op_koers]`: the early-warning margins and periods (defaults when absent).
    #[serde(default)]
    pub op_koers: OpKoersSettings,
    /// `[referral]`: where a school or board goes that this programme refers (onvoldoende,
    /// zeer zwak, herstelopdracht): the regular GWGB programme's name, a sentence and its
    /// contact details. Shown on the check result, the start page and the aanmeld form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<Referral>,
}

/// The programme a referred school or board is pointed to, with its contact details (data, so a
/// beheerder keeps the address current without a code change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// "Goed Worden, Goed Blijven (regulier)".
    pub name: String,
    /// One Dutch sentence on what that programme offers.
    pub text: String,
    /// Its web page (`https://…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl ProgrammeRules {
    /// Parse and validate one programme; `file` names the source in the error.
    pub fn from_toml(file: &str, text: &str) -> Result<Self, ProgrammeError> {
        let p: Self = toml::from_str(text).map_err(|e| validate::parse_error(file, text, &e))?;
        p.validate(file)?;
        Ok(p)
    }

    /// The programme as TOML that [`ProgrammeRules::from_toml`] reads back to the same value.
    pub fn to_toml(&self) -> Result<String, ProgrammeError> {
        toml::to_string(self).map_err(|e| ProgrammeError::new(&self.id, None, format!("niet te schrijven: {e}")))
    }

    /// Check the invariants a parsed value must hold (also after JSON deserialization).
    pub fn validate(&self, file: &str) -> Result<(), ProgrammeError> {
        validate::validate(self, file)
    }

    /// Check that every format a phase names is one of `known` (the shipped formats and the
    /// stored ones; see [`crate::format::Format::shipped_ids`]).
    pub fn check_formats<S: AsRef<str>>(&self, file: &str, known: &[S]) -> Result<(), ProgrammeError> {
        validate::check_formats(self, file, known)
    }

    /// Whether the programme is for `audience` and `sector`.
    pub fn fits(&self, audience: Audience, sector: Sector) -> bool {
        self.audience == audience && self.sectors.contains(&sector)
    }

    /// The results-band rule, when this programme decides by the results band.
    pub fn band_rule(&self) -> Option<&BandRule> {
        match &self.rule {
            RuleSettings::ResultsBand(r) => Some(r),
            _ => None,
        }
    }

    /// The programme rules shipped with Koers.
    pub fn shipped() -> Result<Vec<Self>, ProgrammeError> {
        SHIPPED.iter().map(|(f, t)| Self::from_toml(f, t)).collect()
    }

    /// The most dagdelen one trajectory may use, when the programme caps them.
    pub fn max_dagdelen(&self) -> Option<u32> {
        self.dagdelen.map(DagdelenBudget::max_dagdelen)
    }

    /// What `dagdelen` cost and who pays what, within the programme's budget.
    pub fn cost(&self, dagdelen: u32) -> Result<CostSplit, CostError> {
        let co = self.co_financing.ok_or(CostError::NotCoFinanced)?;
        if let Some(b) = self.dagdelen.filter(|b| dagdelen > b.max_dagdelen()) {
            return Err(CostError::OverBudget {
                asked: dagdelen,
                per_block: b.per_block,
                max_blocks: b.max_blocks,
                max: b.max_dagdelen(),
            });
        }
        Ok(co.split(dagdelen))
    }

    /// How adviser time is paid: co-financed, or kosteloos (gesubsidieerd) without co-financing.
    pub fn funding(&self) -> Funding {
        self.co_financing.map_or(Funding::Subsidised, Funding::from)
    }

    /// A new trajectory at the programme's first phase.
    pub fn start_trajectory(&self) -> Result<Trajectory, TrajectoryError> {
        Trajectory::new(&self.phases)
    }
}
