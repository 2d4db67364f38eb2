//! A board's request for several schools (issue 10 §4): the request, its per-school lines and
//! each line's decision. Runtime-checked queries (`sqlx::query`), exercised by the conformance
//! suite on both backends; every write with its audit entry (and mail, and on approval the
//! school's application) in one transaction.

use async_trait::async_trait;
use koers_app::store::{
    Actor, ApplicationRecord, AuditEntity, BoardRequestLine, BoardRequestRead, BoardRequestRecord, BoardRequestWrite,
    LineStatus, LineVerdict, NewBoardRequest, NewMail, StoreError, StoreResult,
};
use koers_core::ids::{ApplicationId, BoardNumber, BoardRequestId, SchoolId, UserId};

use super::audit::Change;
use super::error::{corrupt, db};
use crate::backend::{Backend, Conn, Pool, begin_write};

type RequestRow = (i64, String, i64, String, String, Option<String>, String, Option<i64>, i64);

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    request_id: i64,
    school_id: i64,
    entry_facts_json: Option<String>,
    eligibility_json: Option<String>,
    status: String,
    reason: Option<String>,
    decided_by: Option<i64>,
    decided_at: Option<i64>,
    application_id: Option<i64>,
    version: i64,
}

impl TryFrom<LineRow> for BoardRequestLine {
    type Error = StoreError;
    fn try_from(r: LineRow) -> StoreResult<Self> {
        Ok(BoardRequestLine {
            status: LineStatus::from_code(&r.status).ok_or_else(|| corrupt("board_request_lines.status", &r.status))?,
            id: r.id,
            request_id: r.request_id.into(),
            school_id: SchoolId::new(r.school_id),
            entry_facts_json: r.entry_facts_json,
            eligibility_json: r.eligibility_json,
            reason: r.reason,
            decided_by: r.decided_by.map(UserId::new),
            decided_at: r.decided_at,
            application_id: r.application_id.map(ApplicationId::new),
            version: r.version,
        })
    }
}

const REQUEST_COLUMNS: &str = "SELECT id, programme_id, board_number, contact_name, contact_email, contact_phone,
    help_question, submitted_by, created_at FROM board_requests";

async fn lines(conn: &mut Conn, request_id: i64) -> StoreResult<Vec<BoardRequestLine>> {
    let rows: Vec<LineRow> = sqlx::query_as(
        "SELECT id, request_id, school_id, entry_facts_json, eligibility_json, status, reason, decided_by,
                decided_at, application_id, version
         FROM board_request_lines WHERE request_id = $1 ORDER BY position, id",
    )
    .bind(request_id)
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    rows.into_iter().map(BoardRequestLine::try_from).collect()
}

async fn complete(conn: &mut Conn, r: RequestRow) -> StoreResult<BoardRequestRecord> {
    let (id, programme_id, board_number, contact_name, contact_email, contact_phone, help_question, submitted_by, at) =
        r;
    Ok(BoardRequestRecord {
        lines: lines(conn, id).await?,
        id: id.into(),
        programme_id,
        board_number: BoardNumber::new(board_number),
        contact_name,
        contact_email,
        contact_phone,
        help_question,
        submitted_by: submitted_by.map(UserId::new),
        created_at: at,
    })
}

async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<BoardRequestRecord> {
    let sql = format!("{REQUEST_COLUMNS} WHERE id = $1");
    let row: Option<RequestRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *conn).await.map_err(db)?;
    complete(conn, row.ok_or(StoreError::NotFound)?).await
}

async fn fetch_all(conn: &mut Conn, rows: Vec<RequestRow>) -> StoreResult<Vec<BoardRequestRecord>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(complete(conn, r).await?);
    }
    Ok(out)
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<BoardRequestRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await
}

pub(crate) async fn of_board(pool: &Pool, board_number: i64) -> StoreResult<Vec<BoardRequestRecord>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    let sql = format!("{REQUEST_COLUMNS} WHERE board_number = $1 ORDER BY created_at DESC, id DESC");
    let rows: Vec<RequestRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(board_number).fetch_all(&mut *conn).await.map_err(db)?;
    fetch_all(&mut conn, rows).await
}

pub(crate) async fn open(pool: &Pool, programmes: Option<&[String]>) -> StoreResult<Vec<BoardRequestRecord>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    let sql = format!(
        "{REQUEST_COLUMNS} WHERE id IN (SELECT request_id FROM board_request_lines WHERE status = 'open')
         ORDER BY created_at, id"
    );
    let rows: Vec<RequestRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await.map_err(db)?;
    let rows = rows.into_iter().filter(|r| programmes.is_none_or(|p| p.contains(&r.1))).collect();
    fetch_all(&mut conn, rows).await
}

pub(crate) async fn create(
    pool: &Pool,
    r: &NewBoardRequest,
    mail: &NewMail,
    actor: &Actor,
    now: i64,
) -> StoreResult<BoardRequestRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO board_requests (programme_id, board_number, contact_name, contact_email, contact_phone,
             help_question, submitted_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&r.programme_id)
    .bind(r.board_number.get())
    .bind(&r.contact_name)
    .bind(&r.contact_email)
    .bind(&r.contact_phone)
    .bind(&r.help_question)
    .bind(r.submitted_by.map(UserId::get))
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?;
    for (position, line) in r.lines.iter().enumerate() {
        sqlx::query(
            "INSERT INTO board_request_lines (request_id, position, school_id, entry_facts_json, eligibility_json,
                 status, version)
             VALUES ($1, $2, $3, $4, $5, 'open', 1)",
        )
        .bind(id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(line.school_id.get())
        .bind(&line.entry_facts_json)
        .bind(&line.eligibility_json)
        .execute(&mut *tx)
        .await
        .map_err(|e| match db(e) {
            StoreError::Duplicate(_) => StoreError::Duplicate("school".into()),
            other => other,
        })?;
    }
    let record = fetch(&mut tx, id).await?;
    Change::new(actor, now, "submit", AuditEntity::BoardRequest, id).after(&record)?.write(&mut tx).await?;
    super::outbox::insert(&mut tx, mail, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn decide(
    pool: &Pool,
    request_id: i64,
    line_id: i64,
    expected: i64,
    verdict: &LineVerdict,
    mail: &NewMail,
    actor: &Actor,
    now: i64,
) -> StoreResult<(BoardRequestRecord, Option<ApplicationRecord>)> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = fetch(&mut tx, request_id).await?;
    let line = before.lines.iter().find(|l| l.id == line_id).ok_or(StoreError::NotFound)?;
    if line.version != expected || line.status != LineStatus::Open {
        return Err(StoreError::Conflict { expected, actual: line.version });
    }
    let (status, reason, application) = match verdict {
        LineVerdict::Approve { application } => {
            let created = super::applications::insert(&mut tx, application, actor, now).await?;
            (LineStatus::Goedgekeurd, None, Some(created))
        }
        LineVerdict::Decline { reason } => (LineStatus::Afgewezen, Some(reason.clone()), None),
    };
    let done = sqlx::query(
        "UPDATE board_request_lines SET status = $1, reason = $2, decided_by = $3, decided_at = $4,
                application_id = $5, version = version + 1
         WHERE id = $6 AND request_id = $7 AND version = $8 AND status = 'open'",
    )
    .bind(status.code())
    .bind(&reason)
    .bind(actor.user_id.map(UserId::get))
    .bind(now)
    .bind(application.as_ref().map(|a| a.id.get()))
    .bind(line_id)
    .bind(request_id)
    .bind(expected)
    .execute(&mut *tx)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict { expected, actual: expected + 1 });
    }
    let after = fetch(&mut tx, request_id).await?;
    let new_line = after.lines.iter().find(|l| l.id == line_id);
    let action = if application.is_some() { "line_approve" } else { "line_decline" };
    Change::new(actor, now, action, AuditEntity::BoardRequest, request_id)
        .before(line)?
        .after(&new_line)?
        .write(&mut tx)
        .await?;
    super::outbox::insert(&mut tx, mail, now).await?;
    tx.commit().await.map_err(db)?;
    Ok((after, application))
}

#[async_trait]
impl BoardRequestRead for Backend {
    async fn board_request(&self, id: BoardRequestId) -> StoreResult<BoardRequestRecord> {
        by_id(self.pool(), id.get()).await
    }
    async fn board_requests_of_board(&self, board_number: BoardNumber) -> StoreResult<Vec<BoardRequestRecord>> {
        of_board(self.pool(), board_number.get()).await
    }
    async fn open_board_requests(&self, programmes: Option<&[String]>) -> StoreResult<Vec<BoardRequestRecord>> {
        open(self.pool(), programmes).await
    }
}

#[async_trait]
impl BoardRequestWrite for Backend {
    async fn create_board_request(
        &self,
        r: &NewBoardRequest,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<BoardRequestRecord> {
        create(self.pool(), r, mail, actor, now).await
    }
    async fn decide_board_request_line(
        &self,
        request_id: BoardRequestId,
        line_id: i64,
        expected_version: i64,
        verdict: &LineVerdict,
        mail: &NewMail,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<(BoardRequestRecord, Option<ApplicationRecord>)> {
        decide(self.pool(), request_id.get(), line_id, expected_version, verdict, mail, actor, now).await
    }
}
