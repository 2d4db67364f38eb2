//! Comparing two versions of a plan for the side-by-side page: goals, indicators and measures
//! added, removed or changed, each change field by field with the value before and after as
//! Dutch text (`streefwaarde: 75,0% → 80,0%`). Items are matched by their stable ids, so a
//! renamed goal is "changed", not "removed and added".

use super::{Goal, GoalId, Indicator, IndicatorId, IndicatorKind, Measure, MeasureId, Plan, PlanKind};
use serde::{Deserialize, Serialize};

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Item {
    /// The plan itself (summaries, advice, choice).
    Plan,
    Goal {
        id: GoalId,
    },
    /// `goal` is the goal it belongs to in the newer version (the older one when removed).
    Indicator {
        goal: GoalId,
        id: IndicatorId,
    },
    Measure {
        id: MeasureId,
    },
}

/// One field's value before and after, as shown to people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Machine name (`target`, `end`).
    pub field: String,
    /// Dutch label (`streefwaarde`, `einddatum`).
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Removed,
    Changed { fields: Vec<FieldChange> },
}

/// One item that differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub item: Item,
    /// The item's name (goal description, indicator name, measure text), for the page.
    pub label: String,
    pub kind: ChangeKind,
}

/// Everything that differs from `before` to `after`, in reading order: the plan, then each goal
/// followed by its indicators, then the measures; removed items after the kept ones.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanDiff {
    pub changes: Vec<Change>,
}

impl PlanDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The change of one item, if it changed.
    pub fn of(&self, item: Item) -> Option<&Change> {
        self.changes.iter().find(|c| c.item == item)
    }
}

struct Fields(Vec<FieldChange>);

impl Fields {
    fn add(&mut self, field: &str, label: &str, before: String, after: String) {
        if before != after {
            self.0.push(FieldChange { field: field.into(), label: label.into(), before, after });
        }
    }
}

fn changed(item: Item, label: &str, fields: Fields) -> Option<Change> {
    (!fields.0.is_empty()).then(|| Change {
        item,
        label: label.to_owned(),
        kind: ChangeKind::Changed { fields: fields.0 },
    })
}

fn simple(item: Item, label: &str, kind: ChangeKind) -> Change {
    Change { item, label: label.to_owned(), kind }
}

/// What changed from `before` to `after`.
pub fn compare(before: &Plan, after: &Plan) -> PlanDiff {
    let mut changes = Vec::new();
    changes.extend(plan_fields(before, after));
    for g in &after.goals {
        match before.goal(g.id) {
            None => changes.push(simple(Item::Goal { id: g.id }, &g.description, ChangeKind::Added)),
            Some(old) => changes.extend(goal_fields(old, g)),
        }
        for ind in &g.indicators {
            let item = Item::Indicator { goal: g.id, id: ind.id };
            match before.indicator(ind.id) {
                None => changes.push(simple(item, &ind.name, ChangeKind::Added)),
                Some((old_goal, old)) => changes.extend(indicator_fields(item, old_goal, old, g, ind)),
            }
        }
        if let Some(old) = before.goal(g.id) {
            for ind in old.indicators.iter().filter(|i| after.indicator(i.id).is_none()) {
                changes.push(simple(Item::Indicator { goal: g.id, id: ind.id }, &ind.name, ChangeKind::Removed));
            }
        }
    }
    for g in before.goals.iter().filter(|g| after.goal(g.id).is_none()) {
        changes.push(simple(Item::Goal { id: g.id }, &g.description, ChangeKind::Removed));
        for ind in g.indicators.iter().filter(|i| after.indicator(i.id).is_none()) {
            changes.push(simple(Item::Indicator { goal: g.id, id: ind.id }, &ind.name, ChangeKind::Removed));
        }
    }
    for m in &after.measures {
        match before.measure(m.id) {
            None => changes.push(simple(Item::Measure { id: m.id }, &m.what, ChangeKind::Added)),
            Some(old) => changes.extend(measure_fields(before, old, after, m)),
        }
    }
    for m in before.measures.iter().filter(|m| after.measure(m.id).is_none()) {
        changes.push(simple(Item::Measure { id: m.id }, &m.what, ChangeKind::Removed));
    }
    PlanDiff { changes }
}

fn advice_text(kind: &PlanKind) -> (String, String, String) {
    match kind {
        PlanKind::Bestuur { advice, choice } => (
            advice.as_ref().map(|a| a.text.clone()).unwrap_or_default(),
            advice.as_ref().map(|a| a.date.nl()).unwrap_or_default(),
            choice.map(|c| c.label_nl().to_owned()).unwrap_or_default(),
        ),
        _ => Default::default(),
    }
}

fn plan_fields(a: &Plan, b: &Plan) -> Option<Change> {
    let mut f = Fields(vec![]);
    f.add("kind", "soort plan", a.kind.label_nl().into(), b.kind.label_nl().into());
    f.add("school_summary", "inleiding schooldeel", a.school_summary.clone(), b.school_summary.clone());
    f.add("expert_summary", "inleiding expertdeel", a.expert_summary.clone(), b.expert_summary.clone());
    let ((at, ad, ac), (bt, bd, bc)) = (advice_text(&a.kind), advice_text(&b.kind));
    f.add("advice.text", "advies", at, bt);
    f.add("advice.date", "datum advies", ad, bd);
    f.add("choice", "uitvoering", ac, bc);
    changed(Item::Plan, "plan", f)
}

fn goal_fields(a: &Goal, b: &Goal) -> Option<Change> {
    let mut f = Fields(vec![]);
    f.add("description", "omschrijving", a.description.clone(), b.description.clone());
    f.add("standards", "standaarden", a.standards.join(", "), b.standards.join(", "));
    f.add("state", "status", a.state.label_nl().into(), b.state.label_nl().into());
    changed(Item::Goal { id: b.id }, &b.description, f)
}

fn kind_nl(kind: IndicatorKind) -> String {
    match kind {
        IndicatorKind::Eigen => "eigen meting".into(),
        IndicatorKind::Resultaten { level } => format!("resultaten {} (driejaarsgemiddelde)", level.label()),
    }
}

fn indicator_fields(item: Item, ga: &Goal, a: &Indicator, gb: &Goal, b: &Indicator) -> Option<Change> {
    let mut f = Fields(vec![]);
    if ga.id != gb.id {
        f.add("goal", "doel", ga.description.clone(), gb.description.clone());
    }
    f.add("name", "naam", a.name.clone(), b.name.clone());
    let unit = |i: &Indicator| format!("{} ({})", i.unit.label_nl(), i.unit.range_nl());
    f.add("unit", "eenheid", unit(a), unit(b));
    f.add("direction", "richting", a.direction.label_nl().into(), b.direction.label_nl().into());
    f.add("baseline.value", "beginwaarde", a.unit.format(a.baseline.value), b.unit.format(b.baseline.value));
    f.add("baseline.date", "datum beginwaarde", a.baseline.date.nl(), b.baseline.date.nl());
    f.add("baseline.source", "bron beginwaarde", a.baseline.source.clone(), b.baseline.source.clone());
    f.add("target", "streefwaarde", a.unit.format(a.target), b.unit.format(b.target));
    f.add("target_date", "streefdatum", a.target_date.nl(), b.target_date.nl());
    f.add("kind", "soort", kind_nl(a.kind), kind_nl(b.kind));
    let margin =
        |i: &Indicator| i.margin.map(|m| i.unit.format_bare(m)).unwrap_or_else(|| "programma-instelling".into());
    f.add("margin", "marge", margin(a), margin(b));
    changed(item, &b.name, f)
}

fn goal_names(plan: &Plan, m: &Measure) -> String {
    let name = |id: &GoalId| match plan.goals.iter().position(|g| g.id == *id) {
        Some(i) => format!("{}. {}", i + 1, plan.goals[i].description.trim()),
        None => format!("doel {id}"),
    };
    m.goals.iter().map(name).collect::<Vec<_>>().join("; ")
}

fn measure_fields(pa: &Plan, a: &Measure, pb: &Plan, b: &Measure) -> Option<Change> {
    let mut f = Fields(vec![]);
    f.add("what", "wat", a.what.clone(), b.what.clone());
    if a.goals != b.goals {
        f.add("goals", "doelen", goal_names(pa, a), goal_names(pb, b));
    }
    f.add("owner", "eigenaar", a.owner.label_nl(), b.owner.label_nl());
    f.add("activity", "soort activiteit", a.activity.label_nl(), b.activity.label_nl());
    f.add("start", "startdatum", a.start.nl(), b.start.nl());
    f.add("end", "einddatum", a.end.nl(), b.end.nl());
    f.add("dagdelen", "dagdelen", a.dagdelen.to_string(), b.dagdelen.to_string());
    changed(Item::Measure { id: b.id }, &b.what, f)
}
