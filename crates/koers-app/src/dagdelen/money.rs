//! Money (issue 10 §8): the **kostenoverzicht** of one school over a period — per programme the
//! dagdelen logged on the school's trajectories, what they cost and who pays what
//! (`koers_core::money::cost_statement`; GWGB+ *kosteloos (gesubsidieerd)* with the dagdelen
//! still counted) — with its kenmerk once staff issue it; and the expert's **time sheet** per
//! month (`koers_core::dagdelen::time_sheet`).
//!
//! Who sees a kostenoverzicht: the school's leader, its board, beheerders, and programme staff
//! of a programme the school has a trajectory in (they see their programmes' part). Who sees a
//! time sheet: the expert, beheerders, and programme staff (their programmes' rows).

use crate::error::{Error, Result};
use crate::store::{Actor, TimeEntryRecord};
use crate::store::{
    ExpertRecord, IssuedStatement, School, Store, StoreError, StoreRead, TrajectoryFilter, TrajectoryRecord,
};
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::dagdelen::{Month, TimeEntry, TimeSheet, TrajectoryLabel, time_sheet};
use koers_core::ids::{ExpertId, SchoolId, TrajectoryId};
use koers_core::money::{Cents, CostStatement, Grouping, Period, cost_statement};

/// One programme's part of a kostenoverzicht.
#[derive(Debug, Clone)]
pub struct ProgrammeStatement {
    pub programme_id: String,
    pub programme_name: String,
    pub statement: CostStatement,
}

/// The kostenoverzicht of a school over a period.
#[derive(Debug, Clone)]
pub struct CostOverview {
    pub school: School,
    pub period: Period,
    /// One per programme the school has time logged in during the period, by programme name.
    pub parts: Vec<ProgrammeStatement>,
    /// The kenmerk, once issued for exactly this school and period.
    pub issued: Option<IssuedStatement>,
    pub dagdelen: u32,
    pub total: Cents,
    pub school_share: Cents,
    pub programme_share: Cents,
    /// Staff (or a beheerder) may issue the kenmerk.
    pub may_issue: bool,
}

/// The period as typed (`van`, `tot`; empty = the school year of `today`).
pub fn period(from: &str, to: &str, today: Date) -> Result<Period> {
    let year = today.school_year();
    let day = |text: &str, default: Date, field: &str| -> Result<Date> {
        match text.trim() {
            "" => Ok(default),
            t => Date::parse(t).map_err(|e| Error::field(field, format!("{field}: {e}"))),
        }
    };
    let from = day(from, year.first_day(), "van")?;
    let to = day(to, year.last_day(), "tot")?;
    Period::new(from, to).map_err(|e| Error::field("tot", e.to_string()))
}

/// Which programmes of the school's trajectories `who` may see the money of (`None` = may not
/// see the kostenoverzicht at all).
fn visible(who: &Principal, school: &School, trajectories: &[TrajectoryRecord]) -> Option<Vec<String>> {
    let mut all: Vec<String> = trajectories.iter().map(|t| t.programme_id.clone()).collect();
    all.sort();
    all.dedup();
    let own_school = who.schools().any(|id| id == school.id);
    let own_board = school.board_number.is_some_and(|b| who.boards().any(|n| n == b));
    if who.is_beheerder() || own_school || own_board {
        return Some(all);
    }
    let mine: Vec<String> = all.into_iter().filter(|p| who.may_see_programme(p)).collect();
    (!mine.is_empty()).then_some(mine)
}

/// The kostenoverzicht of `school` over `period` for `who`.
pub async fn overview(
    store: &dyn StoreRead,
    programmes: &crate::programmes::Programmes,
    who: &Principal,
    school: SchoolId,
    period: Period,
) -> Result<CostOverview> {
    let s = store.school(school).await?;
    let filter = TrajectoryFilter { school_id: Some(school), ..Default::default() };
    let trajectories = store.list_trajectories(&filter).await?;
    let shown = visible(who, &s, &trajectories).ok_or(Error::Forbidden)?;
    let entries = store.time_entries_of_school(school, period.from, period.to).await?;
    let programme_of = |t: TrajectoryId| trajectories.iter().find(|r| r.id == t).map(|r| r.programme_id.clone());
    let mut parts: Vec<ProgrammeStatement> = shown
        .iter()
        .filter_map(|p| {
            let mine: Vec<TimeEntry> = entries
                .iter()
                .filter(|e| programme_of(e.trajectory_id).as_deref() == Some(p.as_str()))
                .map(TimeEntryRecord::to_core)
                .collect();
            if mine.is_empty() {
                return None;
            }
            let funding = programmes.get(p).map_or(koers_core::money::Funding::Subsidised, |r| r.funding());
            Some(ProgrammeStatement {
                programme_id: p.clone(),
                programme_name: programmes.name(p),
                statement: cost_statement(&mine, funding, period, Grouping::PerMonth),
            })
        })
        .collect();
    parts.sort_by(|a, b| a.programme_name.cmp(&b.programme_name));
    let issued = store.issued_statement(school, period.from, period.to).await?;
    if let Some(i) = &issued {
        for p in &mut parts {
            p.statement = p.statement.clone().with_reference(i.reference);
        }
    }
    let sum = |f: fn(&CostStatement) -> Cents| parts.iter().map(|p| f(&p.statement)).sum::<Cents>();
    Ok(CostOverview {
        dagdelen: parts.iter().fold(0u32, |n, p| n.saturating_add(p.statement.dagdelen)),
        total: sum(|s| s.total),
        school_share: sum(|s| s.school),
        programme_share: sum(|s| s.programme),
        may_issue: who.is_beheerder() || shown.iter().any(|p| who.may_see_programme(p)),
        school: s,
        period,
        parts,
        issued,
    })
}

/// Staff give the kostenoverzicht of `school` over `period` its kenmerk (the same kenmerk when
/// it was issued before); audited.
pub async fn issue(
    store: &dyn Store,
    programmes: &crate::programmes::Programmes,
    who: &Principal,
    school: SchoolId,
    period: Period,
    actor: &Actor,
    now: i64,
) -> Result<IssuedStatement> {
    let o = overview(store, programmes, who, school, period).await?;
    if !o.may_issue {
        return Err(Error::Forbidden);
    }
    if o.parts.is_empty() {
        return Err(Error::field("periode", "periode: er zijn in deze periode geen dagdelen geschreven"));
    }
    Ok(store.issue_statement(school, period.from, period.to, actor, now).await?)
}

/// An expert's month.
#[derive(Debug, Clone)]
pub struct TimeSheetView {
    pub expert: ExpertRecord,
    pub sheet: TimeSheet,
    /// Whose view: the expert's own (all rows) or staff (their programmes' rows).
    pub own: bool,
}

/// The month as typed (`2026-01`; empty = the month of `today`).
pub fn month(text: &str, today: Date) -> Result<Month> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Month::of(today));
    }
    let bad = || {
        Error::field(
            "maand",
            format!("maand: '{}' is geen maand; schrijf bijvoorbeeld 2026-01", t.chars().take(20).collect::<String>()),
        )
    };
    let (y, m) = t.split_once('-').ok_or_else(bad)?;
    let (y, m) = (y.parse::<i32>().map_err(|_| bad())?, m.parse::<u8>().map_err(|_| bad())?);
    Month::new(y, m).ok_or_else(bad)
}

/// `expert`'s time sheet for `month` as `who` may see it.
pub async fn sheet(
    store: &dyn StoreRead,
    programmes: &crate::programmes::Programmes,
    who: &Principal,
    expert: ExpertId,
    month: Month,
) -> Result<TimeSheetView> {
    let e = store.expert(expert).await?;
    let own = e.user_id == Some(who.user_id);
    let staff = who.visible_programmes().is_none_or(|p| !p.is_empty());
    if !own && !staff {
        return Err(Error::Forbidden);
    }
    let filter = TrajectoryFilter { expert_id: Some(expert), ..Default::default() };
    let trajectories = store.list_trajectories(&filter).await?;
    let shown = |t: &TrajectoryRecord| own || who.may_see_programme(&t.programme_id);
    let mut labels = Vec::new();
    for t in trajectories.iter().filter(|t| shown(t)) {
        let school = match t.school_id {
            Some(id) => match store.school(id).await {
                Ok(s) => s.name,
                Err(StoreError::NotFound) => format!("school {id}"),
                Err(e) => return Err(e.into()),
            },
            None => t.board_number.map(|b| format!("bestuur {b}")).unwrap_or_default(),
        };
        labels.push(TrajectoryLabel { trajectory: t.id, school, programme: programmes.name(&t.programme_id) });
    }
    let entries: Vec<TimeEntry> = store
        .time_entries_of_expert(expert, month.first_day(), month.last_day())
        .await?
        .iter()
        .filter(|r| labels.iter().any(|l| l.trajectory == r.trajectory_id))
        .map(TimeEntryRecord::to_core)
        .collect();
    Ok(TimeSheetView { sheet: time_sheet(expert, month, &entries, &labels), expert: e, own })
}
