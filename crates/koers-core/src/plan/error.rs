//! What can be wrong with a plan, in Dutch, with the field named twice: as a machine path for
//! forms and the JSON envelope (`goals[1].indicators[0].target`) and as Dutch words for people
//! (`doel 2 ("Begrijpend lezen"), indicator 1 ("Percentage 1F"), streefwaarde`).

use super::indicator::{UnitProblem, ValueProblem};
use super::signoff::VersionStatus;
use serde::Serialize;

/// One field that is wrong.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[error("{place}: {problem}")]
pub struct FieldError {
    /// Machine path: `goals[1].indicators[0].target`, `measures[3].end`, `goals`.
    pub field: String,
    /// The same in Dutch words, for the message.
    pub place: String,
    pub problem: PlanProblem,
}

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum PlanProblem {
    #[error("is leeg; vul dit in")]
    Empty,
    #[error("is te lang ({length} tekens; hooguit {max})")]
    TooLong { length: usize, max: usize },
    #[error("te veel: {count} (hooguit {max})")]
    TooMany { count: usize, max: usize },
    #[error(
        "{active} actieve doelen; dit programma houdt plannen kort: hooguit {max} (zet een doel op 'behaald' of 'vervallen')"
    )]
    TooManyActiveGoals { active: usize, max: u32 },
    #[error("'{code}' is geen code van een standaard (bijvoorbeeld OP3, OR1 of BKA2)")]
    BadStandard { code: String },
    #[error("de standaard {code} staat er twee keer")]
    DuplicateStandard { code: String },
    #[error("{0}")]
    Value(ValueProblem),
    #[error("{0}")]
    Unit(UnitProblem),
    #[error("is gelijk aan de beginwaarde ({baseline}); een doel vraagt verandering")]
    TargetEqualsBaseline { baseline: String },
    #[error("{target} is {worse} dan de beginwaarde {baseline}, terwijl {direction}")]
    TargetWrongDirection { baseline: String, target: String, worse: &'static str, direction: &'static str },
    #[error("{target_date} ligt niet na de datum van de beginwaarde ({baseline_date})")]
    TargetDateNotAfterBaseline { baseline_date: String, target_date: String },
    #[error("een resultatenindicator is een percentage waarbij hoger beter is")]
    ResultsIndicatorShape,
    #[error("de marge {margin} moet 0 of meer zijn en kleiner dan het bereik van de eenheid")]
    BadMargin { margin: String },
    #[error("de einddatum {end} ligt vóór de startdatum {start}")]
    EndBeforeStart { start: String, end: String },
    #[error("alleen maatregelen van de expert hebben dagdelen; zet dit op 0 of maak de expert eigenaar")]
    DagdelenOnSchoolMeasure,
    #[error("{dagdelen} dagdelen voor één maatregel is te veel (hooguit {max})")]
    TooManyDagdelen { dagdelen: u32, max: u32 },
    #[error("de maatregelen van de expert vragen samen {planned} dagdelen; het budget is {limit}")]
    OverBudget { planned: u32, limit: u32 },
    #[error("noemt geen doel; elke maatregel dient minstens één doel")]
    NoGoal,
    #[error("noemt doel {goal}, dat niet (meer) in het plan staat")]
    UnknownGoal { goal: i64 },
    #[error("het nummer {id} komt twee keer voor")]
    DuplicateId { id: i64 },
    #[error("het plan heeft nog geen actief doel")]
    NoActiveGoal,
    #[error("heeft nog geen indicator (hoe meten jullie of het doel gehaald wordt?)")]
    NoIndicator,
    #[error("noemt nog geen standaard")]
    NoStandard,
    #[error("heeft nog geen maatregel die dit doel dient")]
    NoMeasureForGoal,
    #[error("eerst het advies van de adviseur vastleggen, dan het plan")]
    AdviceFirst,
    #[error("het advies van de adviseur ontbreekt nog")]
    NoAdvice,
    #[error("kies of het bestuur het plan zelfstandig of met ondersteuning uitvoert")]
    NoChoice,
    #[error("het bestuur voert het plan zelfstandig uit, dus zonder maatregelen van de expert")]
    ExpertMeasureInZelfstandig,
    #[error("noemt de bevinding '{key}', die niet bij de gekozen bevindingen van de schoolscan staat")]
    UnknownFinding { key: String },
    #[error("de bevinding '{key}' staat er twee keer")]
    DuplicateFinding { key: String },
    #[error("hoort alleen bij een plan van het bestuur")]
    NotABoardPlan,
}

/// Why a plan operation is refused.
#[derive(Debug, Clone, PartialEq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum PlanError {
    #[error("het plan is niet opgeslagen: {}", join(.0))]
    Invalid(Vec<FieldError>),
    /// Signing refused: the plan is not complete yet.
    #[error("het plan kan nog niet worden ondertekend: {}", join(.0))]
    Incomplete(Vec<FieldError>),
    #[error(
        "versie {number} is vastgesteld en kan niet meer veranderen; maak een bijstelling (een nieuwe versie met een reden)"
    )]
    Frozen { number: u32 },
    #[error("versie {number} is nog niet vastgesteld; een bijstelling begint bij de vastgestelde versie")]
    NotFrozen { number: u32 },
    #[error("er is al een conceptversie ({number}); werk die bij in plaats van een nieuwe te beginnen")]
    DraftOpen { number: u32 },
    #[error("een bijstelling heeft een reden nodig: waarom verandert het plan?")]
    ReasonRequired,
    #[error("de reden is te lang ({length} tekens; hooguit {max})")]
    ReasonTooLong { length: usize, max: usize },
    #[error("nu tekent de {expected} (niet de {got})")]
    NotYourTurn { expected: &'static str, got: &'static str },
    #[error("deze versie heeft de status '{}'; ondertekenen kan nu niet", .status.label_nl())]
    NotSignable { status: VersionStatus },
    #[error("het plan kent geen {what} {id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("het plan heeft al het hoogste aantal onderdelen; verwijder eerst iets")]
    Full,
    #[error("de lijst van ondertekenaars van dit programma is leeg")]
    NoSigners,
    #[error("dit plan heeft nog geen versie")]
    NoVersion,
}

impl PlanError {
    /// The field errors, for the JSON envelope (empty for a state error).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            PlanError::Invalid(v) | PlanError::Incomplete(v) => v,
            _ => &[],
        }
    }
}

fn join(errors: &[FieldError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}
