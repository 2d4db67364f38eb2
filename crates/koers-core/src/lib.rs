//! # koers-core — the pure domain of Koers
//!
//! No IO, no clock: everything here is a function of its arguments.
//!
//! - [`types`]: validated newtypes at the edge of the domain ([`TestYear`], [`Percentage`],
//!   [`Schoolweging`], [`Category`]) with Dutch error messages.
//! - [`norms`]: versioned norm tables (signaleringswaarden, comparable-schools means) loaded from
//!   the TOML files in `norms/`.
//! - [`results`]: the Inspectie's *onderwijsresultatenmodel* for PO — the three-year
//!   pupil-weighted values and the outcome per indicator (DOMAIN §1).
//! - [`eligibility`]: programme entry rules (GWGB+ results band with Koers' traffic light,
//!   sbo/so/vso qualitative criteria), with reasons and "what would change it".
//! - [`programme`]: programmes as data from `programmes/*.toml` (entry rule, phases with their
//!   format and what completes them, dagdelen, co-financing, `[plan]` and `[op_koers]` settings).
//! - [`mod@format`]: self-evaluation formats as data (`formats/*.toml`): the six item kinds, option
//!   lists and kijkwijzers, validation with field paths, answers and their validation, the result
//!   of a filled-in form, and verbeterpunten → candidate goals for the plan van aanpak.
//! - [`access`]: roles, scopes and the one authorization rule [`access::may`].
//! - [`workflow`]: the application state machine (aanmelding → bestuur → kennismaking → expert).
//! - [`trajectory`]: a trajectory's phase timeline.
//! - [`plan`]: the plan van aanpak — goals, indicators, measures (school part and expert part),
//!   the rules with Dutch field errors, pure editing, versions with sign-off and bijstelling, the
//!   comparison of two versions, the NPO stappenplan and the board track.
//! - [`progress`]: voortgang — measure status updates, indicator measurements, register results
//!   for results indicators, the step-5 activity log, the VO six steps as a non-linear timeline.
//! - [`op_koers`]: "Op koers?" — the early-warning rules over a trajectory snapshot, with reasons.
//! - [`dagdelen`]: the expert's time log, the budget (blocks, override), planned vs spent,
//!   capacity per school year, the monthly time sheet.
//! - [`money`]: [`Cents`], the co-financing split and its rounding rule, [`money::Funding`] and
//!   the kostenoverzicht.
//! - [`inspection`]: Inspectie verdicts as data (validation, what the VO and board rules read,
//!   falling exam pass rates as a demonstrable risk).
//! - [`matching`]: expert matching with reasons; [`mod@reference`]: reference numbers.
//! - [`calendar`]: dates, Dutch time (Europe/Amsterdam) and the school year, once.
//! - [`register`]: [`register::ManualField`], the school fields a person edited by hand.
//! - [`ids`]: newtype ids (`SchoolId`, `UserId`, …) and [`id_type!`] to declare more.
//! - [`nl`]: Dutch number formatting (`85,0%`).
//! - [`website`]: a school's website address, normalised (`www.x.nl` → `https://www.x.nl`).

pub mod access;
pub mod calendar;
pub mod codes;
pub mod dagdelen;
mod datafile;
pub mod eligibility;
pub mod email;
pub mod format;
pub mod ids;
pub mod inspection;
pub mod matching;
pub mod money;
pub mod nl;
pub mod norms;
pub mod op_koers;
pub mod plan;
pub mod programme;
pub mod progress;
pub mod reference;
pub mod register;
pub mod results;
pub mod review;
pub mod trajectory;
pub mod types;
pub mod website;
pub mod workflow;

pub use eligibility::{Eligibility, IndicatorBand, Lever, LeverGoal, Reason, TrafficLight, Verdict};
pub use money::Cents;
pub use norms::{NormError, NormLibrary, NormSet};
pub use programme::{ProgrammeRules, RuleSettings, Sector};
pub use reference::ReferenceNumber;
pub use results::{Assessment, DataStatus, Indicator, Outcome, ResultsInput, ThreeYear, YearEntry, YearResult};
pub use types::{Category, Percentage, Schoolweging, TestYear, ValueError};
