//! The plan page's forms as [`PlanEdit`]s: every field parsed at the edge, each problem a Dutch
//! message naming the field (`Beginwaarde: '7x' is geen getal; …`), collected so one post
//! reports them all. The posted pairs are kept as typed, so nothing is lost on a refusal.

use koers_core::calendar::Date;
use koers_core::plan::{
    ActivityType, Advice, Baseline, BoardExecution, Direction, GoalId, GoalInput, GoalState, IndicatorId,
    IndicatorInput, IndicatorKind, MeasureId, MeasureInput, Owner, PlanEdit, SchoolRole, Unit,
};

/// The posted form, as typed.
#[derive(Debug, Clone, Default)]
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
    }
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
    }
    /// The plan version the form was shown at.
    pub fn version(&self) -> Option<i64> {
        self.get("versie").trim().parse().ok()
    }
}

/// (field, Dutch message) pairs.
pub type Problems = Vec<(String, String)>;

struct P<'a> {
    f: &'a Posted,
    errors: Problems,
}

impl P<'_> {
    fn fail(&mut self, field: &str, label: &str, detail: impl std::fmt::Display) {
        self.errors.push((field.to_owned(), format!("{label}: {detail}")));
    }
    fn text(&self, field: &str) -> String {
        self.f.get(field).trim().to_owned()
    }
    fn id(&mut self, field: &str, label: &str) -> i64 {
        match self.f.get(field).trim().parse::<i64>() {
            Ok(n) if n > 0 => n,
            _ => {
                self.fail(field, label, "kies er een");
                0
            }
        }
    }
    fn date(&mut self, field: &str, label: &str) -> Date {
        match Date::parse(self.f.get(field)) {
            Ok(d) => d,
            Err(e) => {
                self.fail(field, label, e);
                Date::of_instant(0)
            }
        }
    }
    fn value(&mut self, unit: &Unit, field: &str, label: &str) -> f64 {
        match unit.parse_value(self.f.get(field)) {
            Ok(v) => v,
            Err(e) => {
                self.fail(field, label, e);
                0.0
            }
        }
    }
}

pub fn unit_of(code: &str) -> Option<Unit> {
    Some(match code {
        "percentage" => Unit::Percentage,
        "score" => Unit::Score,
        "aantal" => Unit::Count,
        "ja-nee" => Unit::YesNo,
        _ => return None,
    })
}

pub fn owner_of(code: &str) -> Option<Owner> {
    let role = match code {
        "expert" => return Some(Owner::Expert),
        "directeur" => SchoolRole::Directeur,
        "ib" => SchoolRole::IbEr,
        "teamleider" => SchoolRole::Teamleider,
        "team" => SchoolRole::Team,
        "bestuurder" => SchoolRole::Bestuurder,
        _ => return None,
    };
    Some(Owner::School { role })
}

/// `studiedag`, `coaching_leraren`, … (the serde names of [`ActivityType`]).
pub fn activity_code(a: ActivityType) -> String {
    serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

pub fn activity_of(code: &str) -> Option<ActivityType> {
    ActivityType::ALL.into_iter().find(|a| activity_code(*a) == code)
}

fn goal_input(p: &mut P<'_>) -> GoalInput {
    let standards =
        p.f.get("standaarden")
            .split([',', ' ', ';'])
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().to_uppercase())
            .collect();
    GoalInput { description: p.text("beschrijving"), standards }
}

fn indicator_input(p: &mut P<'_>) -> IndicatorInput {
    let unit = unit_of(p.f.get("eenheid")).unwrap_or_else(|| {
        p.fail("eenheid", "Eenheid", "kies een eenheid");
        Unit::Percentage
    });
    let direction = if p.f.get("richting") == "lager" { Direction::Decrease } else { Direction::Increase };
    let value = p.value(&unit, "beginwaarde", "Beginwaarde");
    let date = p.date("begindatum", "Datum van de beginwaarde");
    let target = p.value(&unit, "streefwaarde", "Streefwaarde");
    let target_date = p.date("streefdatum", "Streefdatum");
    IndicatorInput {
        name: p.text("naam"),
        unit,
        direction,
        baseline: Baseline { value, date, source: p.text("bron") },
        target,
        target_date,
        kind: IndicatorKind::Eigen,
        margin: None,
    }
}

fn measure_input(p: &mut P<'_>) -> MeasureInput {
    let mut goals = Vec::new();
    for raw in p.f.all("doelen") {
        match raw.trim().parse::<i64>() {
            Ok(n) if n > 0 => goals.push(GoalId::new(n)),
            _ => p.fail("doelen", "Doelen", "kies een doel uit de lijst"),
        }
    }
    let owner = owner_of(p.f.get("eigenaar")).unwrap_or_else(|| {
        p.fail("eigenaar", "Eigenaar", "kies wie de maatregel uitvoert");
        Owner::Expert
    });
    let activity = activity_of(p.f.get("activiteit")).unwrap_or_else(|| {
        p.fail("activiteit", "Soort activiteit", "kies een soort activiteit");
        ActivityType::Overig
    });
    let start = p.date("start", "Startdatum");
    let end = p.date("eind", "Einddatum");
    let raw = p.f.get("dagdelen").trim();
    let dagdelen = if raw.is_empty() {
        0
    } else {
        raw.parse::<u32>().unwrap_or_else(|_| {
            p.fail(
                "dagdelen",
                "Dagdelen",
                format!("'{}' is geen heel getal van 0 of meer", raw.chars().take(20).collect::<String>()),
            );
            0
        })
    };
    MeasureInput { what: p.text("wat"), goals, owner, activity, start, end, dagdelen }
}

/// The edit a posted form asks for (`actie`), or every problem with its fields.
pub fn edit_of(f: &Posted) -> Result<PlanEdit, Problems> {
    let mut p = P { f, errors: Vec::new() };
    let edit = match f.get("actie") {
        "samenvatting" => PlanEdit::SetSummaries { school: p.text("schooldeel"), expert: p.text("expertdeel") },
        "doel-toevoegen" => PlanEdit::AddGoal { input: goal_input(&mut p) },
        "doel-wijzigen" => {
            let id = GoalId::new(p.id("doel", "Doel"));
            PlanEdit::UpdateGoal { id, input: goal_input(&mut p) }
        }
        "doel-status" => {
            let id = GoalId::new(p.id("doel", "Doel"));
            let state = match f.get("status") {
                "behaald" => GoalState::Behaald,
                "vervallen" => GoalState::Vervallen,
                _ => GoalState::Actief,
            };
            PlanEdit::SetGoalState { id, state }
        }
        "doel-verwijderen" => PlanEdit::RemoveGoal { id: GoalId::new(p.id("doel", "Doel")) },
        "indicator-toevoegen" => {
            let goal = GoalId::new(p.id("doel", "Doel"));
            PlanEdit::AddIndicator { goal, input: indicator_input(&mut p) }
        }
        "indicator-verwijderen" => PlanEdit::RemoveIndicator { id: IndicatorId::new(p.id("indicator", "Indicator")) },
        "maatregel-toevoegen" => PlanEdit::AddMeasure { input: measure_input(&mut p) },
        "maatregel-verwijderen" => PlanEdit::RemoveMeasure { id: MeasureId::new(p.id("maatregel", "Maatregel")) },
        "advies" => {
            let date = p.date("adviesdatum", "Datum van het advies");
            PlanEdit::RecordAdvice { advice: Advice { text: p.text("advies"), date } }
        }
        "keuze" => match f.get("keuze") {
            "zelfstandig" => PlanEdit::RecordChoice { choice: BoardExecution::Zelfstandig },
            "met-ondersteuning" => PlanEdit::RecordChoice { choice: BoardExecution::MetOndersteuning },
            _ => {
                p.fail("keuze", "Uitvoering", "kies zelfstandig of met ondersteuning");
                PlanEdit::RecordChoice { choice: BoardExecution::Zelfstandig }
            }
        },
        _ => {
            p.fail("actie", "Actie", "onbekende wijziging");
            PlanEdit::SetSummaries { school: String::new(), expert: String::new() }
        }
    };
    if p.errors.is_empty() { Ok(edit) } else { Err(p.errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Posted {
        Posted(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect())
    }

    #[test]
    fn an_indicator_form_with_bad_numbers_names_every_field() {
        let f = posted(&[
            ("actie", "indicator-toevoegen"),
            ("doel", "1"),
            ("eenheid", "percentage"),
            ("beginwaarde", "7x"),
            ("begindatum", "2026-09-01"),
            ("streefwaarde", "140"),
            ("streefdatum", "gisteren"),
        ]);
        let errors = edit_of(&f).err().unwrap_or_default();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["beginwaarde", "streefwaarde", "streefdatum"]);
        assert!(errors[0].1.starts_with("Beginwaarde: '7x' is geen getal"), "{errors:?}");
    }

    #[test]
    fn a_measure_form_becomes_an_add_measure_edit() {
        let f = posted(&[
            ("actie", "maatregel-toevoegen"),
            ("wat", "Coaching op instructie"),
            ("doelen", "1"),
            ("eigenaar", "expert"),
            ("activiteit", "coaching_leraren"),
            ("start", "2026-09-01"),
            ("eind", "2027-06-30"),
            ("dagdelen", "6"),
        ]);
        match edit_of(&f) {
            Ok(PlanEdit::AddMeasure { input }) => {
                assert_eq!(
                    (input.owner, input.activity, input.dagdelen),
                    (Owner::Expert, ActivityType::CoachingLeraren, 6)
                );
                assert_eq!(input.goals, vec![GoalId::new(1)]);
            }
            other => panic!("{other:?}"),
        }
    }
}
