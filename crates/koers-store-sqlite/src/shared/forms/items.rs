//! Answers per item (version-checked), comments, klassenbezoeken and uploads of a form. Every
//! content change first checks the form is a concept ([`super::filled::touch_concept`]) in the
//! same transaction; audited as `answer`, `comment`, `visit`, `upload` with the form's id.

use koers_app::store::{
    Actor, AnswerRecord, AnswerWrite, AuditEntity, CommentRecord, NewComment, NewUpload, NewVisit, StoreError,
    StoreResult, UploadMeta, VisitRecord,
};
use koers_core::ids::{CommentId, SelfEvaluationId, UploadId, UserId, VisitId};

use super::super::audit::Change;
use super::super::error::db;
use super::filled::touch_concept;
use super::{DbRow, col};
use crate::backend::{Conn, Pool, begin_write};

const ANSWER: &str =
    "self_evaluation_id, item_id, answer_json, verbeterpunt, version, updated_at, updated_by, updated_by_label";

fn answer(row: &DbRow) -> StoreResult<AnswerRecord> {
    Ok(AnswerRecord {
        self_evaluation_id: SelfEvaluationId::new(col(row, "self_evaluation_id")?),
        item_id: col(row, "item_id")?,
        answer_json: col(row, "answer_json")?,
        verbeterpunt: col(row, "verbeterpunt")?,
        version: col(row, "version")?,
        updated_at: col(row, "updated_at")?,
        updated_by: col::<Option<i64>>(row, "updated_by")?.map(UserId::new),
        updated_by_label: col(row, "updated_by_label")?,
    })
}

async fn fetch_answer(conn: &mut Conn, id: SelfEvaluationId, item: &str) -> StoreResult<Option<AnswerRecord>> {
    let sql = format!("SELECT {ANSWER} FROM self_evaluation_answers WHERE self_evaluation_id = $1 AND item_id = $2");
    let row =
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.get()).bind(item).fetch_optional(&mut *conn).await.map_err(db)?;
    row.as_ref().map(answer).transpose()
}

pub(crate) async fn answers(pool: &Pool, id: SelfEvaluationId) -> StoreResult<Vec<AnswerRecord>> {
    let sql = format!("SELECT {ANSWER} FROM self_evaluation_answers WHERE self_evaluation_id = $1 ORDER BY item_id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.get()).fetch_all(pool).await.map_err(db)?;
    rows.iter().map(answer).collect()
}

pub(crate) async fn one_answer(pool: &Pool, id: SelfEvaluationId, item: &str) -> StoreResult<Option<AnswerRecord>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch_answer(&mut conn, id, item).await
}

/// See `FormsWrite::save_answer`.
pub(crate) async fn save_answer(pool: &Pool, w: &AnswerWrite, actor: &Actor, now: i64) -> StoreResult<AnswerRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    touch_concept(&mut tx, w.self_evaluation_id).await?;
    let before = fetch_answer(&mut tx, w.self_evaluation_id, &w.item_id).await?;
    let actual = before.as_ref().map_or(0, |a| a.version);
    if actual != w.expected_version {
        return Err(StoreError::Conflict { expected: w.expected_version, actual });
    }
    let after = AnswerRecord {
        self_evaluation_id: w.self_evaluation_id,
        item_id: w.item_id.clone(),
        answer_json: w.answer_json.clone(),
        verbeterpunt: w.verbeterpunt.clone(),
        version: actual + 1,
        updated_at: now,
        updated_by: actor.user_id,
        updated_by_label: actor.label.clone(),
    };
    let done = if before.is_none() {
        sqlx::query(
            "INSERT INTO self_evaluation_answers
                 (self_evaluation_id, item_id, answer_json, verbeterpunt, version, updated_at, updated_by, updated_by_label)
             VALUES ($1, $2, $3, $4, 1, $5, $6, $7)",
        )
        .bind(w.self_evaluation_id.get())
        .bind(&w.item_id)
        .bind(&w.answer_json)
        .bind(&w.verbeterpunt)
        .bind(now)
        .bind(actor.user_id.map(UserId::get))
        .bind(&actor.label)
        .execute(&mut *tx)
        .await
        .map_err(|e| match db(e) {
            // Two first saves at once: the other one inserted first.
            StoreError::Duplicate(_) => StoreError::Conflict { expected: 0, actual: 1 },
            other => other,
        })?
    } else {
        sqlx::query(
            "UPDATE self_evaluation_answers SET answer_json = $1, verbeterpunt = $2, version = version + 1,
                    updated_at = $3, updated_by = $4, updated_by_label = $5
             WHERE self_evaluation_id = $6 AND item_id = $7 AND version = $8",
        )
        .bind(&w.answer_json)
        .bind(&w.verbeterpunt)
        .bind(now)
        .bind(actor.user_id.map(UserId::get))
        .bind(&actor.label)
        .bind(w.self_evaluation_id.get())
        .bind(&w.item_id)
        .bind(w.expected_version)
        .execute(&mut *tx)
        .await
        .map_err(db)?
    };
    if done.rows_affected() == 0 {
        let actual = fetch_answer(&mut tx, w.self_evaluation_id, &w.item_id).await?.map_or(0, |a| a.version);
        return Err(StoreError::Conflict { expected: w.expected_version, actual });
    }
    let entity_id = format!("{}/{}", w.self_evaluation_id, w.item_id);
    let mut change = Change::new(actor, now, "save", AuditEntity::Answer, entity_id);
    if let Some(b) = &before {
        change = change.before(b)?;
    }
    change.after(&after)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

const COMMENT: &str =
    "id, self_evaluation_id, item_id, parent_id, author_user_id, author_label, author_role, body, created_at";

fn comment(row: &DbRow) -> StoreResult<CommentRecord> {
    Ok(CommentRecord {
        id: CommentId::new(col(row, "id")?),
        self_evaluation_id: SelfEvaluationId::new(col(row, "self_evaluation_id")?),
        item_id: col(row, "item_id")?,
        parent_id: col::<Option<i64>>(row, "parent_id")?.map(CommentId::new),
        author_user_id: col::<Option<i64>>(row, "author_user_id")?.map(UserId::new),
        author_label: col(row, "author_label")?,
        author_role: col(row, "author_role")?,
        body: col(row, "body")?,
        created_at: col(row, "created_at")?,
    })
}

pub(crate) async fn comments(pool: &Pool, id: SelfEvaluationId) -> StoreResult<Vec<CommentRecord>> {
    let sql = format!("SELECT {COMMENT} FROM self_evaluation_comments WHERE self_evaluation_id = $1 ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.get()).fetch_all(pool).await.map_err(db)?;
    rows.iter().map(comment).collect()
}

/// A comment (any status); a parent must be a comment on the same form and item.
pub(crate) async fn add_comment(pool: &Pool, c: &NewComment, actor: &Actor, now: i64) -> StoreResult<CommentRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    if let Some(parent) = c.parent_id {
        let row = sqlx::query(
            "SELECT id FROM self_evaluation_comments WHERE id = $1 AND self_evaluation_id = $2 AND item_id = $3",
        )
        .bind(parent.get())
        .bind(c.self_evaluation_id.get())
        .bind(&c.item_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?;
        if row.is_none() {
            return Err(StoreError::NotFound);
        }
    }
    let sql = format!(
        "INSERT INTO self_evaluation_comments (self_evaluation_id, item_id, parent_id, author_user_id, author_label,
                                               author_role, body, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COMMENT}"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(c.self_evaluation_id.get())
        .bind(&c.item_id)
        .bind(c.parent_id.map(CommentId::get))
        .bind(actor.user_id.map(UserId::get))
        .bind(&actor.label)
        .bind(&c.author_role)
        .bind(&c.body)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
    let created = comment(&row)?;
    Change::new(actor, now, "create", AuditEntity::Comment, created.id).after(&created)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(created)
}

const VISIT: &str = "id, self_evaluation_id, item_id, visit_json, author_user_id, author_label, created_at";

fn visit(row: &DbRow) -> StoreResult<VisitRecord> {
    Ok(VisitRecord {
        id: VisitId::new(col(row, "id")?),
        self_evaluation_id: SelfEvaluationId::new(col(row, "self_evaluation_id")?),
        item_id: col(row, "item_id")?,
        visit_json: col(row, "visit_json")?,
        author_user_id: col::<Option<i64>>(row, "author_user_id")?.map(UserId::new),
        author_label: col(row, "author_label")?,
        created_at: col(row, "created_at")?,
    })
}

pub(crate) async fn visits(pool: &Pool, id: SelfEvaluationId) -> StoreResult<Vec<VisitRecord>> {
    let sql = format!("SELECT {VISIT} FROM self_evaluation_visits WHERE self_evaluation_id = $1 ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.get()).fetch_all(pool).await.map_err(db)?;
    rows.iter().map(visit).collect()
}

pub(crate) async fn add_visit(pool: &Pool, v: &NewVisit, actor: &Actor, now: i64) -> StoreResult<VisitRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    touch_concept(&mut tx, v.self_evaluation_id).await?;
    let sql = format!(
        "INSERT INTO self_evaluation_visits (self_evaluation_id, item_id, visit_json, author_user_id, author_label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {VISIT}"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(v.self_evaluation_id.get())
        .bind(&v.item_id)
        .bind(&v.visit_json)
        .bind(actor.user_id.map(UserId::get))
        .bind(&actor.label)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
    let created = visit(&row)?;
    Change::new(actor, now, "create", AuditEntity::Visit, created.id).after(&created)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(created)
}

const UPLOAD: &str =
    "id, self_evaluation_id, item_id, file_name, kind, size_bytes, uploaded_by, uploaded_by_label, created_at";

fn upload(row: &DbRow) -> StoreResult<UploadMeta> {
    Ok(UploadMeta {
        id: UploadId::new(col(row, "id")?),
        self_evaluation_id: SelfEvaluationId::new(col(row, "self_evaluation_id")?),
        item_id: col(row, "item_id")?,
        file_name: col(row, "file_name")?,
        kind: col(row, "kind")?,
        size_bytes: col(row, "size_bytes")?,
        uploaded_by: col::<Option<i64>>(row, "uploaded_by")?.map(UserId::new),
        uploaded_by_label: col(row, "uploaded_by_label")?,
        created_at: col(row, "created_at")?,
    })
}

pub(crate) async fn uploads(pool: &Pool, id: SelfEvaluationId) -> StoreResult<Vec<UploadMeta>> {
    let sql = format!("SELECT {UPLOAD} FROM evidence_uploads WHERE self_evaluation_id = $1 ORDER BY id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.get()).fetch_all(pool).await.map_err(db)?;
    rows.iter().map(upload).collect()
}

pub(crate) async fn upload_content(pool: &Pool, id: UploadId) -> StoreResult<(UploadMeta, Vec<u8>)> {
    let sql = format!("SELECT {UPLOAD}, content FROM evidence_uploads WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.get())
        .fetch_optional(pool)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    Ok((upload(&row)?, col(&row, "content")?))
}

pub(crate) async fn add_upload(pool: &Pool, u: &NewUpload, actor: &Actor, now: i64) -> StoreResult<UploadMeta> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    touch_concept(&mut tx, u.self_evaluation_id).await?;
    let size = i64::try_from(u.bytes.len()).map_err(|_| StoreError::Backend("bestand te groot".into()))?;
    let sql = format!(
        "INSERT INTO evidence_uploads (self_evaluation_id, item_id, file_name, kind, size_bytes, content, uploaded_by,
                                       uploaded_by_label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {UPLOAD}"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(u.self_evaluation_id.get())
        .bind(&u.item_id)
        .bind(&u.file_name)
        .bind(&u.kind)
        .bind(size)
        .bind(&u.bytes)
        .bind(actor.user_id.map(UserId::get))
        .bind(&actor.label)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
    let created = upload(&row)?;
    Change::new(actor, now, "create", AuditEntity::Upload, created.id).after(&created)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(created)
}

pub(crate) async fn remove_upload(pool: &Pool, id: UploadId, actor: &Actor, now: i64) -> StoreResult<()> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let sql = format!("SELECT {UPLOAD} FROM evidence_uploads WHERE id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.get())
        .fetch_optional(&mut *tx)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    let before = upload(&row)?;
    touch_concept(&mut tx, before.self_evaluation_id).await?;
    sqlx::query("DELETE FROM evidence_uploads WHERE id = $1").bind(id.get()).execute(&mut *tx).await.map_err(db)?;
    Change::new(actor, now, "delete", AuditEntity::Upload, id).before(&before)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(())
}
