//! Applications (aanmeldingen): inserted with the next reference number of their year, read,
//! filtered, and moved through the state machine with optimistic concurrency. Audited as
//! `application` (`create` on insert, the transition's `action` on a state change).

use koers_app::store::{
    Actor, ApplicationFilter, ApplicationRecord, ApplicationStateWrite, AuditEntity, NewApplication, StoreError,
    StoreResult, Submission,
};
use koers_core::ReferenceNumber;
use koers_core::ids::{BoardNumber, SchoolId, UserId};
use koers_core::workflow::Status;

use super::audit::Change;
use super::error::{corrupt, db, stale};
use super::schools::like_escape;
use crate::backend::{Conn, Pool, begin_write};

/// An application as read from the table (the status as its code).
struct Row {
    id: i64,
    reference: String,
    programme_id: String,
    school_id: Option<i64>,
    board_number: Option<i64>,
    contact_name: String,
    contact_email: String,
    contact_phone: Option<String>,
    help_question: String,
    eligibility_json: Option<String>,
    entry_facts_json: Option<String>,
    state_json: String,
    status: String,
    submitted_by: Option<i64>,
    version: i64,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<Row> for ApplicationRecord {
    type Error = StoreError;
    fn try_from(r: Row) -> StoreResult<Self> {
        let status = Status::from_code(&r.status).ok_or_else(|| corrupt("status", &r.status))?;
        let reference = ReferenceNumber::parse(&r.reference).map_err(|_| corrupt("reference", &r.reference))?;
        Ok(ApplicationRecord {
            id: r.id.into(),
            reference,
            programme_id: r.programme_id,
            school_id: r.school_id.map(SchoolId::new),
            board_number: r.board_number.map(BoardNumber::new),
            contact_name: r.contact_name,
            contact_email: r.contact_email,
            contact_phone: r.contact_phone,
            help_question: r.help_question,
            eligibility_json: r.eligibility_json,
            entry_facts_json: r.entry_facts_json,
            state_json: r.state_json,
            status,
            submitted_by: r.submitted_by.map(UserId::new),
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// The calendar year of `now` in Dutch time (the one calendar, `koers_core::calendar`): an
/// application sent at 00:30 on 1 January (Amsterdam) gets the new year's numbers.
pub(crate) fn dutch_year(now: i64) -> i64 {
    i64::from(koers_core::calendar::dutch_year(now))
}

pub(crate) async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<Option<ApplicationRecord>> {
    sqlx::query_as!(
        Row,
        r#"SELECT id AS "id!: i64", reference AS "reference!", programme_id AS "programme_id!",
                  school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  contact_name AS "contact_name!", contact_email AS "contact_email!",
                  contact_phone AS "contact_phone?", help_question AS "help_question!",
                  eligibility_json AS "eligibility_json?", entry_facts_json AS "entry_facts_json?",
                  state_json AS "state_json!", status AS "status!", submitted_by AS "submitted_by?: i64",
                  version AS "version!: i64", created_at AS "created_at!: i64", updated_at AS "updated_at!: i64"
           FROM applications WHERE id = $1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    .map(ApplicationRecord::try_from)
    .transpose()
}

pub(crate) async fn by_id(pool: &Pool, id: i64) -> StoreResult<ApplicationRecord> {
    let mut conn = pool.acquire().await.map_err(db)?;
    fetch(&mut conn, id).await?.ok_or(StoreError::NotFound)
}

/// Exact match on the stored form (`KRS-2026-000123`).
pub(crate) async fn by_reference(pool: &Pool, reference: &str) -> StoreResult<ApplicationRecord> {
    sqlx::query_as!(
        Row,
        r#"SELECT id AS "id!: i64", reference AS "reference!", programme_id AS "programme_id!",
                  school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  contact_name AS "contact_name!", contact_email AS "contact_email!",
                  contact_phone AS "contact_phone?", help_question AS "help_question!",
                  eligibility_json AS "eligibility_json?", entry_facts_json AS "entry_facts_json?",
                  state_json AS "state_json!", status AS "status!", submitted_by AS "submitted_by?: i64",
                  version AS "version!: i64", created_at AS "created_at!: i64", updated_at AS "updated_at!: i64"
           FROM applications WHERE reference = $1"#,
        reference
    )
    .fetch_optional(pool)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)
    .and_then(ApplicationRecord::try_from)
}

/// Newest first. Every filter is optional; `text` matches a substring of the reference, contact
/// name or help question, ignoring ASCII case (`%` and `_` taken literally); a `limit` of 0 or
/// less means no limit. `programme_ids` becomes one `|a|b|` text that must contain the row's
/// `|programme_id|` (one statement for both backends, no array types; programme ids are slugs —
/// letters, digits and dashes —, so the column holds no LIKE wildcard).
pub(crate) async fn list(pool: &Pool, f: &ApplicationFilter) -> StoreResult<Vec<ApplicationRecord>> {
    let programmes = f.programme_ids.as_ref().map(|ids| {
        let kept: Vec<String> = ids.iter().filter(|id| !id.contains('|')).cloned().collect();
        format!("|{}|", kept.join("|"))
    });
    let text = f
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| format!("%{}%", like_escape(&t.to_ascii_lowercase())));
    let limit = if f.limit > 0 { f.limit } else { i64::MAX };
    let offset = f.offset.max(0);
    sqlx::query_as!(
        Row,
        r#"SELECT id AS "id!: i64", reference AS "reference!", programme_id AS "programme_id!",
                  school_id AS "school_id?: i64", board_number AS "board_number?: i64",
                  contact_name AS "contact_name!", contact_email AS "contact_email!",
                  contact_phone AS "contact_phone?", help_question AS "help_question!",
                  eligibility_json AS "eligibility_json?", entry_facts_json AS "entry_facts_json?",
                  state_json AS "state_json!", status AS "status!", submitted_by AS "submitted_by?: i64",
                  version AS "version!: i64", created_at AS "created_at!: i64", updated_at AS "updated_at!: i64"
           FROM applications
           WHERE (CAST($1 AS TEXT) IS NULL OR programme_id = $1)
             AND (CAST($2 AS TEXT) IS NULL OR status = $2)
             AND (CAST($3 AS BIGINT) IS NULL OR school_id = $3)
             AND (CAST($4 AS BIGINT) IS NULL OR board_number = $4)
             AND (CAST($5 AS TEXT) IS NULL
                  OR lower(reference) LIKE $5 ESCAPE '\'
                  OR lower(contact_name) LIKE $5 ESCAPE '\'
                  OR lower(help_question) LIKE $5 ESCAPE '\')
             AND (CAST($8 AS TEXT) IS NULL OR $8 LIKE ('%|' || programme_id || '|%'))
           ORDER BY created_at DESC, id DESC
           LIMIT $6 OFFSET $7"#,
        f.programme_id,
        f.status.map(Status::code),
        f.school_id.map(SchoolId::get),
        f.board_number.map(BoardNumber::get),
        text,
        limit,
        offset,
        programmes,
    )
    .fetch_all(pool)
    .await
    .map_err(db)?
    .into_iter()
    .map(ApplicationRecord::try_from)
    .collect()
}

/// Insert with the next sequence number of the year, allocated in this transaction: the
/// sequence row stays locked until commit (PostgreSQL row lock, SQLite write lock), so
/// concurrent inserts queue instead of colliding, and a failed insert gives its number back.
pub(crate) async fn create(pool: &Pool, a: &NewApplication, actor: &Actor, now: i64) -> StoreResult<ApplicationRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let record = insert(&mut tx, a, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(record)
}

/// Submit as one transaction: the application, its approval link and its mails. Any failure
/// rolls all of it back (the transaction is dropped uncommitted), the sequence number included.
pub(crate) async fn submit(pool: &Pool, s: &Submission, actor: &Actor, now: i64) -> StoreResult<ApplicationRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let record = insert(&mut tx, &s.application, actor, now).await?;
    if let Some(link) = &s.approval_link {
        super::approvals::insert(
            &mut tx,
            record.id.get(),
            link.board_number.get(),
            &link.token_hash,
            link.expires_at,
            now,
        )
        .await?;
    }
    for mail in &s.mails {
        super::outbox::insert(&mut tx, &mail.with_reference(&record.reference.to_string()), now).await?;
    }
    for v in &s.verdicts {
        super::verdicts::insert(&mut tx, v, actor, now).await?;
    }
    tx.commit().await.map_err(db)?;
    Ok(record)
}

/// Insert inside `conn`'s transaction (see [`create`]).
pub(crate) async fn insert(
    conn: &mut Conn,
    a: &NewApplication,
    actor: &Actor,
    now: i64,
) -> StoreResult<ApplicationRecord> {
    let year = dutch_year(now);
    let sequence = sqlx::query_scalar!(
        r#"INSERT INTO application_sequences (year, last) VALUES ($1, 1)
           ON CONFLICT (year) DO UPDATE SET last = application_sequences.last + 1
           RETURNING last AS "last!: i64""#,
        year
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    // Beyond 999,999 applications in a year the number cannot be formed: refuse (rolled back).
    let number =
        ReferenceNumber::new(u16::try_from(year).unwrap_or(u16::MAX), u32::try_from(sequence).unwrap_or(u32::MAX))
            .map_err(|e| StoreError::Backend(e.to_string()))?;
    let reference = number.to_string();
    let id = sqlx::query_scalar!(
        r#"INSERT INTO applications (reference, programme_id, school_id, board_number, contact_name, contact_email,
                                     contact_phone, help_question, eligibility_json, entry_facts_json, state_json,
                                     status, submitted_by, version, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14)
           RETURNING id AS "id!: i64""#,
        reference,
        a.programme_id,
        a.school_id.map(SchoolId::get),
        a.board_number.map(BoardNumber::get),
        a.contact_name,
        a.contact_email,
        a.contact_phone,
        a.help_question,
        a.eligibility_json,
        a.entry_facts_json,
        a.state_json,
        a.status.code(),
        a.submitted_by.map(UserId::get),
        now,
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(db)?;
    let record = ApplicationRecord {
        id: id.into(),
        reference: number,
        programme_id: a.programme_id.clone(),
        school_id: a.school_id,
        board_number: a.board_number,
        contact_name: a.contact_name.clone(),
        contact_email: a.contact_email.clone(),
        contact_phone: a.contact_phone.clone(),
        help_question: a.help_question.clone(),
        eligibility_json: a.eligibility_json.clone(),
        entry_facts_json: a.entry_facts_json.clone(),
        state_json: a.state_json.clone(),
        status: a.status,
        submitted_by: a.submitted_by,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    Change::new(actor, now, "create", AuditEntity::Application, id).after(&record)?.write(conn).await?;
    Ok(record)
}

/// Apply one transition inside `conn`'s transaction: version-checked, audited with `w.action`.
pub(crate) async fn set_state(
    conn: &mut Conn,
    id: i64,
    w: &ApplicationStateWrite,
    actor: &Actor,
    now: i64,
) -> StoreResult<ApplicationRecord> {
    let before = fetch(conn, id).await?.ok_or(StoreError::NotFound)?;
    if before.version != w.expected_version {
        return Err(StoreError::Conflict { expected: w.expected_version, actual: before.version });
    }
    let after = ApplicationRecord {
        state_json: w.state_json.clone(),
        status: w.status,
        version: before.version + 1,
        updated_at: now,
        ..before.clone()
    };
    let done = sqlx::query!(
        "UPDATE applications SET state_json = $1, status = $2, version = $3, updated_at = $4
         WHERE id = $5 AND version = $6",
        after.state_json,
        after.status.code(),
        after.version,
        now,
        id,
        w.expected_version,
    )
    .execute(&mut *conn)
    .await
    .map_err(db)?;
    if done.rows_affected() == 0 {
        let actual = fetch(conn, id).await?.map(|a| a.version);
        return Err(stale(w.expected_version, actual));
    }
    Change::new(actor, now, &w.action, AuditEntity::Application, id)
        .before(&before)?
        .after(&after)?
        .write(conn)
        .await?;
    Ok(after)
}

pub(crate) async fn update_state(
    pool: &Pool,
    id: i64,
    w: &ApplicationStateWrite,
    actor: &Actor,
    now: i64,
) -> StoreResult<ApplicationRecord> {
    let mut tx = begin_write(pool).await.map_err(db)?;
    let after = set_state(&mut tx, id, w, actor, now).await?;
    tx.commit().await.map_err(db)?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_is_dutch_and_turns_at_midnight_amsterdam() {
        // 2026-01-01T00:00:00Z = 01:00 in Amsterdam.
        let new_year_utc = 1_767_225_600;
        assert_eq!(dutch_year(new_year_utc), 2026);
        assert_eq!(dutch_year(new_year_utc - 3600), 2026, "00:00 Amsterdam");
        assert_eq!(dutch_year(new_year_utc - 3601), 2025, "23:59:59 Amsterdam");
        assert_eq!(dutch_year(1_760_000_000), 2025);
        assert_eq!(dutch_year(951_825_600), 2000, "29 February 2000");
        assert_eq!(dutch_year(0), 1970);
    }
}
