//! The dagdelen log, budget decisions and kostenoverzicht numbers (issue 10 §7–8). Audited on
//! the trajectory (`time_logged`, `budget_decision`) and the school (`statement_issued`).
//!
//! Runtime-checked queries (`sqlx::query`, not the macros): plain SQL, the same on both
//! backends; dates are ISO text (so they sort), the activity type is its serde JSON.

use async_trait::async_trait;
use koers_app::store::{
    Actor, AuditEntity, BudgetDecisionRecord, DagdelenRead, DagdelenWrite, IssuedStatement, NewBudgetDecision,
    NewTimeEntry, StoreError, StoreResult, TimeEntryRecord,
};
use koers_core::calendar::Date;
use koers_core::dagdelen::{BudgetDecisionId, TimeEntryId};
use koers_core::ids::{ExpertId, SchoolId, TrajectoryId, UserId};
use koers_core::money::StatementReference;
use koers_core::plan::{ActivityType, MeasureId};
use sqlx::Row;

use super::audit::Change;
use super::error::{corrupt, db};
use crate::backend::{Backend, Conn, Pool, begin_write};

/// The log's query with a literal `WHERE` (the SQL stays a literal: no dynamic SQL).
macro_rules! entries_sql {
    ($filter:literal) => {
        concat!(
            "SELECT e.id, e.trajectory_id, e.expert_id, e.entry_date, e.dagdelen, e.measure_id, e.activity, e.note,
                    e.recorded_by, e.recorded_at
             FROM time_entries e JOIN trajectories t ON t.id = e.trajectory_id WHERE ",
            $filter,
            " ORDER BY e.entry_date, e.id"
        )
    };
}

fn date(text: &str, what: &str) -> StoreResult<Date> {
    Date::parse(text).map_err(|_| corrupt(what, text))
}

fn count(n: i64, what: &str) -> StoreResult<u32> {
    u32::try_from(n).map_err(|_| corrupt(what, &n.to_string()))
}

fn activity_code(a: ActivityType) -> StoreResult<String> {
    serde_json::to_string(&a).map_err(|e| StoreError::Backend(format!("JSON: {e}")))
}

/// The backend's row type.
type DbRow = <<Conn as sqlx::Connection>::Database as sqlx::Database>::Row;

fn entry_of(r: &DbRow) -> StoreResult<TimeEntryRecord> {
    let day: String = r.try_get("entry_date").map_err(db)?;
    let activity: String = r.try_get("activity").map_err(db)?;
    Ok(TimeEntryRecord {
        id: TimeEntryId::new(r.try_get("id").map_err(db)?),
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        expert_id: ExpertId::new(r.try_get("expert_id").map_err(db)?),
        date: date(&day, "time_entries.entry_date")?,
        dagdelen: count(r.try_get("dagdelen").map_err(db)?, "time_entries.dagdelen")?,
        measure_id: r.try_get::<Option<i64>, _>("measure_id").map_err(db)?.map(MeasureId::new),
        activity: serde_json::from_str(&activity).map_err(|_| corrupt("time_entries.activity", &activity))?,
        note: r.try_get("note").map_err(db)?,
        recorded_by: r.try_get::<Option<i64>, _>("recorded_by").map_err(db)?.map(UserId::new),
        recorded_at: r.try_get("recorded_at").map_err(db)?,
    })
}

fn decision_of(r: &DbRow) -> StoreResult<BudgetDecisionRecord> {
    let day: String = r.try_get("decided_on").map_err(db)?;
    Ok(BudgetDecisionRecord {
        id: BudgetDecisionId::new(r.try_get("id").map_err(db)?),
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        dagdelen: count(r.try_get("dagdelen").map_err(db)?, "budget_decisions.dagdelen")?,
        reason: r.try_get("reason").map_err(db)?,
        decided_by: r.try_get::<Option<i64>, _>("decided_by").map_err(db)?.map(UserId::new),
        decided_on: date(&day, "budget_decisions.decided_on")?,
        decided_at: r.try_get("decided_at").map_err(db)?,
    })
}

fn statement_of(r: &DbRow) -> StoreResult<IssuedStatement> {
    let (year, sequence): (i64, i64) = (r.try_get("year").map_err(db)?, r.try_get("sequence").map_err(db)?);
    let from: String = r.try_get("period_from").map_err(db)?;
    let to: String = r.try_get("period_to").map_err(db)?;
    Ok(IssuedStatement {
        reference: StatementReference::new(year, sequence)
            .map_err(|_| corrupt("cost_statements.sequence", &format!("{year}-{sequence}")))?,
        school_id: SchoolId::new(r.try_get("school_id").map_err(db)?),
        from: date(&from, "cost_statements.period_from")?,
        to: date(&to, "cost_statements.period_to")?,
        issued_by: r.try_get::<Option<i64>, _>("issued_by").map_err(db)?.map(UserId::new),
        issued_at: r.try_get("issued_at").map_err(db)?,
    })
}

async fn spent(conn: &mut Conn, trajectory: TrajectoryId) -> StoreResult<i64> {
    sqlx::query("SELECT CAST(COALESCE(SUM(dagdelen), 0) AS BIGINT) AS n FROM time_entries WHERE trajectory_id = $1")
        .bind(trajectory.get())
        .fetch_one(&mut *conn)
        .await
        .map_err(db)?
        .try_get::<i64, _>("n")
        .map_err(db)
}

async fn entries(pool: &Pool, sql: &'static str, binds: &[Bind<'_>]) -> StoreResult<Vec<TimeEntryRecord>> {
    let mut q = sqlx::query(sql);
    for b in binds {
        q = match b {
            Bind::Int(n) => q.bind(*n),
            Bind::Text(s) => q.bind(*s),
        };
    }
    q.fetch_all(pool).await.map_err(db)?.iter().map(entry_of).collect()
}

enum Bind<'a> {
    Int(i64),
    Text(&'a str),
}

pub(crate) async fn log_time(pool: &Pool, e: &NewTimeEntry, actor: &Actor, now: i64) -> StoreResult<TimeEntryRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    // Lock the trajectory's row first (a no-op update: PostgreSQL holds the row lock until
    // commit, SQLite already holds the write lock), so two entries at once queue here and the
    // second sees the first's dagdelen in the sum below.
    let locked = sqlx::query("UPDATE trajectories SET version = version WHERE id = $1")
        .bind(e.trajectory_id.get())
        .execute(&mut *tx)
        .await
        .map_err(db)?;
    if locked.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    let before = spent(&mut tx, e.trajectory_id).await?;
    if before != i64::from(e.expected_spent) {
        return Err(StoreError::Conflict { expected: i64::from(e.expected_spent), actual: before });
    }
    let id: i64 = sqlx::query(
        "INSERT INTO time_entries (trajectory_id, expert_id, entry_date, dagdelen, measure_id, activity, note,
                                   recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(e.trajectory_id.get())
    .bind(e.expert_id.get())
    .bind(e.date.to_string())
    .bind(i64::from(e.dagdelen))
    .bind(e.measure_id.map(MeasureId::get))
    .bind(activity_code(e.activity)?)
    .bind(&e.note)
    .bind(actor.user_id.map(UserId::get))
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?
    .try_get("id")
    .map_err(db)?;
    let record = TimeEntryRecord {
        id: TimeEntryId::new(id),
        trajectory_id: e.trajectory_id,
        expert_id: e.expert_id,
        date: e.date,
        dagdelen: e.dagdelen,
        measure_id: e.measure_id,
        activity: e.activity,
        note: e.note.clone(),
        recorded_by: actor.user_id,
        recorded_at: now,
    };
    Change::new(actor, now, "time_logged", AuditEntity::Trajectory, e.trajectory_id)
        .after(&record)?
        .write(&mut tx)
        .await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

pub(crate) async fn record_decision(
    pool: &Pool,
    d: &NewBudgetDecision,
    actor: &Actor,
    now: i64,
) -> StoreResult<BudgetDecisionRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let previous = sqlx::query(
        "SELECT id, trajectory_id, dagdelen, reason, decided_by, decided_on, decided_at FROM budget_decisions
         WHERE trajectory_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(d.trajectory_id.get())
    .fetch_optional(&mut *tx)
    .await
    .map_err(db)?
    .map(|r| decision_of(&r))
    .transpose()?;
    let id: i64 = sqlx::query(
        "INSERT INTO budget_decisions (trajectory_id, dagdelen, reason, decided_by, decided_on, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(d.trajectory_id.get())
    .bind(i64::from(d.dagdelen))
    .bind(&d.reason)
    .bind(actor.user_id.map(UserId::get))
    .bind(d.decided_on.to_string())
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?
    .try_get("id")
    .map_err(db)?;
    let record = BudgetDecisionRecord {
        id: BudgetDecisionId::new(id),
        trajectory_id: d.trajectory_id,
        dagdelen: d.dagdelen,
        reason: d.reason.clone(),
        decided_by: actor.user_id,
        decided_on: d.decided_on,
        decided_at: now,
    };
    let mut change = Change::new(actor, now, "budget_decision", AuditEntity::Trajectory, d.trajectory_id);
    if let Some(p) = &previous {
        change = change.before(p)?;
    }
    change.after(&record)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

async fn find_statement(
    conn: &mut Conn,
    school: SchoolId,
    from: Date,
    to: Date,
) -> StoreResult<Option<IssuedStatement>> {
    sqlx::query(
        "SELECT year, sequence, school_id, period_from, period_to, issued_by, issued_at FROM cost_statements
         WHERE school_id = $1 AND period_from = $2 AND period_to = $3",
    )
    .bind(school.get())
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    .map(|r| statement_of(&r))
    .transpose()
}

pub(crate) async fn issue_statement(
    pool: &Pool,
    school: SchoolId,
    from: Date,
    to: Date,
    actor: &Actor,
    now: i64,
) -> StoreResult<IssuedStatement> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    if let Some(existing) = find_statement(&mut tx, school, from, to).await? {
        return Ok(existing);
    }
    let year = i64::from(koers_core::calendar::dutch_year(now));
    let sequence: i64 = sqlx::query(
        "INSERT INTO statement_sequences (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = statement_sequences.last + 1
         RETURNING last",
    )
    .bind(year)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?
    .try_get("last")
    .map_err(db)?;
    // Beyond 999,999 in a year the kenmerk cannot be formed: refuse (rolled back).
    let reference = StatementReference::new(year, sequence).map_err(|e| StoreError::Backend(e.to_string()))?;
    sqlx::query(
        "INSERT INTO cost_statements (year, sequence, school_id, period_from, period_to, issued_by, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(year)
    .bind(sequence)
    .bind(school.get())
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(actor.user_id.map(UserId::get))
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    let issued = IssuedStatement { reference, school_id: school, from, to, issued_by: actor.user_id, issued_at: now };
    Change::new(actor, now, "statement_issued", AuditEntity::School, school).after(&issued)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(issued)
}

#[async_trait]
impl DagdelenRead for Backend {
    async fn time_entries_of_trajectory(&self, trajectory: TrajectoryId) -> StoreResult<Vec<TimeEntryRecord>> {
        entries(self.pool(), entries_sql!("e.trajectory_id = $1"), &[Bind::Int(trajectory.get())]).await
    }

    async fn time_entries_of_expert(
        &self,
        expert: ExpertId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<TimeEntryRecord>> {
        let (f, t) = (from.to_string(), to.to_string());
        let binds = [Bind::Int(expert.get()), Bind::Text(&f), Bind::Text(&t)];
        entries(self.pool(), entries_sql!("e.expert_id = $1 AND e.entry_date >= $2 AND e.entry_date <= $3"), &binds)
            .await
    }

    async fn time_entries_of_school(
        &self,
        school: SchoolId,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<TimeEntryRecord>> {
        let (f, t) = (from.to_string(), to.to_string());
        let binds = [Bind::Int(school.get()), Bind::Text(&f), Bind::Text(&t)];
        entries(self.pool(), entries_sql!("t.school_id = $1 AND e.entry_date >= $2 AND e.entry_date <= $3"), &binds)
            .await
    }

    async fn time_entries_between(&self, from: Date, to: Date) -> StoreResult<Vec<TimeEntryRecord>> {
        let (f, t) = (from.to_string(), to.to_string());
        entries(
            self.pool(),
            entries_sql!("e.entry_date >= $1 AND e.entry_date <= $2"),
            &[Bind::Text(&f), Bind::Text(&t)],
        )
        .await
    }

    async fn budget_decisions(&self, trajectory: TrajectoryId) -> StoreResult<Vec<BudgetDecisionRecord>> {
        sqlx::query(
            "SELECT id, trajectory_id, dagdelen, reason, decided_by, decided_on, decided_at FROM budget_decisions
             WHERE trajectory_id = $1 ORDER BY id DESC",
        )
        .bind(trajectory.get())
        .fetch_all(self.pool())
        .await
        .map_err(db)?
        .iter()
        .map(decision_of)
        .collect()
    }

    async fn issued_statement(&self, school: SchoolId, from: Date, to: Date) -> StoreResult<Option<IssuedStatement>> {
        let mut conn = self.pool().acquire().await.map_err(db)?;
        find_statement(&mut conn, school, from, to).await
    }
}

#[async_trait]
impl DagdelenWrite for Backend {
    async fn log_time(&self, entry: &NewTimeEntry, actor: &Actor, now: i64) -> StoreResult<TimeEntryRecord> {
        log_time(self.pool(), entry, actor, now).await
    }

    async fn record_budget_decision(
        &self,
        decision: &NewBudgetDecision,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<BudgetDecisionRecord> {
        record_decision(self.pool(), decision, actor, now).await
    }

    async fn issue_statement(
        &self,
        school: SchoolId,
        from: Date,
        to: Date,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<IssuedStatement> {
        match issue_statement(self.pool(), school, from, to, actor, now).await {
            // Issued for the same period at the same moment by someone else: theirs holds.
            Err(StoreError::Duplicate(_)) => {
                let mut conn = self.pool().acquire().await.map_err(db)?;
                find_statement(&mut conn, school, from, to).await?.ok_or(StoreError::NotFound)
            }
            other => other,
        }
    }
}
