//! Reviews with their invitation links (issue 9 item 2), and the weekly digest's runs (item 3).
//! Audited on the review (`review_planned`, `review_edit`, `review_findings`,
//! `review_response`, `review_invitation`); the digest's mails are the outbox's.

use async_trait::async_trait;
use koers_app::store::{
    Actor, AuditEntity, NewMail, NewReviewInvitation, ReviewInvitationRecord, ReviewRecord, StoreError, StoreResult,
    VoortgangWrite,
};
use koers_core::ids::{ReviewId, TrajectoryId, UserId};
use koers_core::progress::{ActivityEntry, Measurement, StatusUpdate, StepTimeline};
use koers_core::review::ReviewContent;
use sqlx::Row;

use super::audit::Change;
use super::error::{corrupt, db};
use super::voortgang::{DbRow, lock_trajectory, to_json};
use crate::backend::{Backend, Conn, Pool, begin_write};

/// The review query with a literal `WHERE` (the SQL stays a literal: no dynamic SQL).
macro_rules! reviews_sql {
    ($rest:literal) => {
        concat!("SELECT id, trajectory_id, content, version, created_by, created_at, updated_at FROM reviews ", $rest)
    };
}

fn invitation_of(r: &DbRow) -> StoreResult<ReviewInvitationRecord> {
    Ok(ReviewInvitationRecord {
        id: r.try_get("id").map_err(db)?,
        review_id: ReviewId::new(r.try_get("review_id").map_err(db)?),
        reviewer_name: r.try_get("reviewer_name").map_err(db)?,
        email: r.try_get("email").map_err(db)?,
        expires_at: r.try_get("expires_at").map_err(db)?,
        used_at: r.try_get("used_at").map_err(db)?,
        created_by: r.try_get::<Option<i64>, _>("created_by").map_err(db)?.map(UserId::new),
        created_at: r.try_get("created_at").map_err(db)?,
    })
}

async fn invitations(conn: &mut Conn, review: i64) -> StoreResult<Vec<ReviewInvitationRecord>> {
    sqlx::query(
        "SELECT id, review_id, reviewer_name, email, expires_at, used_at, created_by, created_at
         FROM review_invitations WHERE review_id = $1 ORDER BY id",
    )
    .bind(review)
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?
    .iter()
    .map(invitation_of)
    .collect()
}

async fn review_of(conn: &mut Conn, r: &DbRow) -> StoreResult<ReviewRecord> {
    let json: String = r.try_get("content").map_err(db)?;
    let id: i64 = r.try_get("id").map_err(db)?;
    Ok(ReviewRecord {
        id: id.into(),
        trajectory_id: TrajectoryId::new(r.try_get("trajectory_id").map_err(db)?),
        content: serde_json::from_str(&json).map_err(|_| corrupt("reviews.content", "JSON"))?,
        version: r.try_get("version").map_err(db)?,
        created_by: r.try_get::<Option<i64>, _>("created_by").map_err(db)?.map(UserId::new),
        created_at: r.try_get("created_at").map_err(db)?,
        updated_at: r.try_get("updated_at").map_err(db)?,
        invitations: invitations(conn, id).await?,
    })
}

pub(crate) async fn one(conn: &mut Conn, id: i64) -> StoreResult<ReviewRecord> {
    let row = sqlx::query(reviews_sql!("WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db)?
        .ok_or(StoreError::NotFound)?;
    review_of(conn, &row).await
}

pub(crate) async fn of_trajectory(pool: &Pool, trajectory: TrajectoryId) -> StoreResult<Vec<ReviewRecord>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    let rows = sqlx::query(reviews_sql!("WHERE trajectory_id = $1 ORDER BY planned_on, id"))
        .bind(trajectory.get())
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(review_of(&mut conn, r).await?);
    }
    Ok(out)
}

pub(crate) async fn invitation(conn: &mut Conn, hash: &str) -> StoreResult<(ReviewInvitationRecord, ReviewRecord)> {
    let inv = sqlx::query(
        "SELECT id, review_id, reviewer_name, email, expires_at, used_at, created_by, created_at
         FROM review_invitations WHERE token_hash = $1",
    )
    .bind(hash)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)?;
    let inv = invitation_of(&inv)?;
    let review = one(conn, inv.review_id.get()).await?;
    Ok((inv, review))
}

async fn create(
    pool: &Pool,
    trajectory: TrajectoryId,
    c: &ReviewContent,
    actor: &Actor,
    now: i64,
) -> StoreResult<ReviewRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    lock_trajectory(&mut tx, trajectory).await?;
    let id: i64 = sqlx::query(
        "INSERT INTO reviews (trajectory_id, kind, planned_on, held_on, content, version, created_by, created_at,
                              updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7) RETURNING id",
    )
    .bind(trajectory.get())
    .bind(c.kind.key())
    .bind(c.planned_on.to_string())
    .bind(c.held_on.map(|d| d.to_string()))
    .bind(to_json(c)?)
    .bind(actor.user_id.map(UserId::get))
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?
    .try_get("id")
    .map_err(db)?;
    let record = ReviewRecord {
        id: id.into(),
        trajectory_id: trajectory,
        content: c.clone(),
        version: 1,
        created_by: actor.user_id,
        created_at: now,
        updated_at: now,
        invitations: vec![],
    };
    Change::new(actor, now, "review_planned", AuditEntity::Review, id).after(&record)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

async fn update(
    conn: &mut Conn,
    before: &ReviewRecord,
    expected_version: i64,
    c: &ReviewContent,
    action: &str,
    actor: &Actor,
    now: i64,
) -> StoreResult<ReviewRecord> {
    if before.version != expected_version {
        return Err(StoreError::Conflict { expected: expected_version, actual: before.version });
    }
    sqlx::query(
        "UPDATE reviews SET kind = $2, planned_on = $3, held_on = $4, content = $5, version = version + 1,
                            updated_at = $6
         WHERE id = $1 AND version = $7",
    )
    .bind(before.id.get())
    .bind(c.kind.key())
    .bind(c.planned_on.to_string())
    .bind(c.held_on.map(|d| d.to_string()))
    .bind(to_json(c)?)
    .bind(now)
    .bind(expected_version)
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    let after = ReviewRecord { content: c.clone(), version: expected_version + 1, updated_at: now, ..before.clone() };
    Change::new(actor, now, action, AuditEntity::Review, before.id)
        .before(&before.content)?
        .after(&after.content)?
        .write(conn)
        .await?;
    Ok(after)
}

async fn save(
    pool: &Pool,
    id: i64,
    expected_version: i64,
    c: &ReviewContent,
    action: &str,
    actor: &Actor,
    now: i64,
) -> StoreResult<ReviewRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let before = one(&mut tx, id).await?;
    lock_trajectory(&mut tx, before.trajectory_id).await?;
    let after = update(&mut tx, &before, expected_version, c, action, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

async fn invite(
    pool: &Pool,
    inv: &NewReviewInvitation,
    mail: Option<&NewMail>,
    actor: &Actor,
    now: i64,
) -> StoreResult<ReviewInvitationRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let review = one(&mut tx, inv.review_id.get()).await?;
    let id: i64 = sqlx::query(
        "INSERT INTO review_invitations (review_id, token_hash, reviewer_name, email, expires_at, created_by,
                                         created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(review.id.get())
    .bind(&inv.token_hash)
    .bind(&inv.reviewer_name)
    .bind(&inv.email)
    .bind(inv.expires_at)
    .bind(actor.user_id.map(UserId::get))
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .map_err(db)?
    .try_get("id")
    .map_err(db)?;
    let record = ReviewInvitationRecord {
        id,
        review_id: review.id,
        reviewer_name: inv.reviewer_name.clone(),
        email: inv.email.clone(),
        expires_at: inv.expires_at,
        used_at: None,
        created_by: actor.user_id,
        created_at: now,
    };
    if let Some(m) = mail {
        super::outbox::insert(&mut tx, m, now).await?;
    }
    Change::new(actor, now, "review_invitation", AuditEntity::Review, review.id).after(&record)?.write(&mut tx).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

async fn submit_invited(
    pool: &Pool,
    hash: &str,
    expected_version: i64,
    c: &ReviewContent,
    actor: &Actor,
    now: i64,
) -> StoreResult<ReviewRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let (inv, before) = invitation(&mut tx, hash).await?;
    lock_trajectory(&mut tx, before.trajectory_id).await?;
    // Used or expired: the link no longer works (the app shows why before it gets here).
    let used =
        sqlx::query("UPDATE review_invitations SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2")
            .bind(inv.id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    if used.rows_affected() == 0 {
        return Err(StoreError::Conflict { expected: 0, actual: inv.used_at.unwrap_or(inv.expires_at) });
    }
    let after = update(&mut tx, &before, expected_version, c, "review_findings", actor, now).await?;
    tx.commit().await.map_err(db)?;
    let mut after = after;
    after.invitations.iter_mut().filter(|i| i.id == inv.id).for_each(|i| i.used_at = Some(now));
    Ok(after)
}

async fn digest(pool: &Pool, week: &str, mails: &[NewMail], now: i64) -> StoreResult<bool> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let inserted =
        sqlx::query("INSERT INTO digest_runs (week, mails, sent_at) VALUES ($1, $2, $3) ON CONFLICT (week) DO NOTHING")
            .bind(week)
            .bind(i64::try_from(mails.len()).unwrap_or(i64::MAX))
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
    if inserted.rows_affected() == 0 {
        return Ok(false);
    }
    for m in mails {
        super::outbox::insert(&mut tx, m, now).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(true)
}

#[async_trait]
impl VoortgangWrite for Backend {
    async fn record_status_update(
        &self,
        trajectory: TrajectoryId,
        update: &StatusUpdate,
        expected_last: i64,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<koers_app::store::StatusUpdateRecord> {
        super::voortgang::record_status_update(self.pool(), trajectory, update, expected_last, actor, now).await
    }

    async fn record_measurements(
        &self,
        trajectory: TrajectoryId,
        measurements: &[Measurement],
        action: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<Vec<koers_app::store::MeasurementRecord>> {
        super::voortgang::record_measurements(self.pool(), trajectory, measurements, action, actor, now).await
    }

    async fn log_progress_activity(
        &self,
        trajectory: TrajectoryId,
        entry: &ActivityEntry,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<koers_app::store::ActivityRecord> {
        super::voortgang::log_activity(self.pool(), trajectory, entry, actor, now).await
    }

    async fn save_step_timeline(
        &self,
        trajectory: TrajectoryId,
        expected_version: i64,
        timeline: &StepTimeline,
        events: serde_json::Value,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<koers_app::store::StepTimelineRecord> {
        super::voortgang::save_timeline(self.pool(), trajectory, expected_version, timeline, events, actor, now).await
    }

    async fn create_review(
        &self,
        trajectory: TrajectoryId,
        content: &ReviewContent,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewRecord> {
        create(self.pool(), trajectory, content, actor, now).await
    }

    async fn save_review(
        &self,
        id: ReviewId,
        expected_version: i64,
        content: &ReviewContent,
        action: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewRecord> {
        save(self.pool(), id.get(), expected_version, content, action, actor, now).await
    }

    async fn invite_reviewer(
        &self,
        invitation: &NewReviewInvitation,
        mail: Option<&NewMail>,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewInvitationRecord> {
        invite(self.pool(), invitation, mail, actor, now).await
    }

    async fn submit_invited_findings(
        &self,
        token_hash: &str,
        expected_version: i64,
        content: &ReviewContent,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ReviewRecord> {
        submit_invited(self.pool(), token_hash, expected_version, content, actor, now).await
    }

    async fn erase_reviewer(
        &self,
        email: &str,
        placeholder: &str,
        placeholder_email: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<u64> {
        super::privacy_reviewer::erase(self.pool(), email, placeholder, placeholder_email, actor, now).await
    }

    async fn send_digest(&self, week: &str, mails: &[NewMail], now: i64) -> StoreResult<bool> {
        digest(self.pool(), week, mails, now).await
    }
}
