//! Privacy (AVG) inside trajectories (issue 8's tables, issue 12's rules): what a person wrote
//! in forms and plans, for the export, and their erasure there. The records stay — a submitted
//! zelfevaluatie, a klassenbezoek, a signed plan belong to the school's trajectory — but the
//! person in them becomes the placeholder: author labels, and their e-mail address and full
//! name inside texts (answers, comments, klassenbezoeken, file names, frozen baselines, plan
//! versions). Author ids stay: they point at the account row, which holds nobody any more.
//! Runtime-checked, portable SQL (`REPLACE`, `LIKE`, `lower`), run by the conformance suite on
//! both backends.

use koers_app::store::{FormatRecord, PlanSignatureRecord, StoreResult, TrajectoryWork};
use koers_core::ids::{SelfEvaluationId, TrajectoryId};
use koers_core::plan::PlanVersion;

use super::error::db;
use super::forms::items;
use crate::backend::{Pool, Tx};

fn mine(user: Option<koers_core::ids::UserId>, label: &str, user_id: i64, email: &str) -> bool {
    user.is_some_and(|u| u.get() == user_id) || label.eq_ignore_ascii_case(email)
}

/// Everything `user_id` (with address `email`) wrote inside trajectories.
pub(crate) async fn work_of(pool: &Pool, user_id: i64, email: &str) -> StoreResult<TrajectoryWork> {
    let forms: Vec<i64> = sqlx::query_scalar(
        "SELECT self_evaluation_id FROM self_evaluation_answers WHERE updated_by = $1 OR lower(updated_by_label) = lower($2)
         UNION SELECT self_evaluation_id FROM self_evaluation_comments WHERE author_user_id = $1 OR lower(author_label) = lower($2)
         UNION SELECT self_evaluation_id FROM self_evaluation_visits WHERE author_user_id = $1 OR lower(author_label) = lower($2)
         UNION SELECT self_evaluation_id FROM evidence_uploads WHERE uploaded_by = $1 OR lower(uploaded_by_label) = lower($2)
         ORDER BY 1",
    )
    .bind(user_id)
    .bind(email)
    .fetch_all(pool)
    .await
    .map_err(db)?;
    let mut work = TrajectoryWork::default();
    for id in forms.into_iter().map(SelfEvaluationId::new) {
        let answers = items::answers(pool, id).await?;
        work.answers.extend(answers.into_iter().filter(|a| mine(a.updated_by, &a.updated_by_label, user_id, email)));
        let comments = items::comments(pool, id).await?;
        work.comments.extend(comments.into_iter().filter(|c| mine(c.author_user_id, &c.author_label, user_id, email)));
        let visits = items::visits(pool, id).await?;
        work.visits.extend(visits.into_iter().filter(|v| mine(v.author_user_id, &v.author_label, user_id, email)));
        let uploads = items::uploads(pool, id).await?;
        work.uploads.extend(uploads.into_iter().filter(|u| mine(u.uploaded_by, &u.uploaded_by_label, user_id, email)));
    }
    // Signatures: the documents that mention the user id at all, then exactly by serde.
    let docs: Vec<(i64, String)> = sqlx::query_as(
        "SELECT p.trajectory_id, v.document FROM plan_versions v JOIN plans p ON p.id = v.plan_id
         WHERE v.document LIKE $1 ORDER BY p.trajectory_id, v.number",
    )
    .bind(format!("%{user_id}%"))
    .fetch_all(pool)
    .await
    .map_err(db)?;
    for (trajectory, doc) in docs {
        let Ok(v) = serde_json::from_str::<PlanVersion>(&doc) else { continue };
        for s in v.signatures.iter().filter(|s| s.user.get() == user_id) {
            work.plan_signatures.push(PlanSignatureRecord {
                trajectory_id: TrajectoryId::new(trajectory),
                number: v.number,
                signature: s.clone(),
            });
        }
    }
    let formats: Vec<(String, i64, String, i64, String)> = sqlx::query_as(
        "SELECT format_id, version, title, created_at, created_by FROM format_versions
         WHERE lower(created_by) = lower($1) ORDER BY format_id, version",
    )
    .bind(email)
    .fetch_all(pool)
    .await
    .map_err(db)?;
    // The definition itself is no personal data (and long): the export names the version.
    work.formats = formats
        .into_iter()
        .map(|(id, version, title, created_at, created_by)| FormatRecord {
            id,
            version,
            title,
            definition_toml: String::new(),
            created_at,
            created_by,
        })
        .collect();
    Ok(work)
}

/// Inside `tx`: the person becomes the placeholder in every trajectory record (see the module
/// doc). `name` is replaced inside texts only when it has at least `min_name_chars` characters
/// (a first name alone would hit other words). Returns the number of rows changed.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn erase(
    tx: &mut Tx,
    user_id: i64,
    email: &str,
    name: &str,
    ph_name: &str,
    ph_email: &str,
    min_name_chars: usize,
) -> StoreResult<u64> {
    let mut changed = 0;
    // Who wrote it: the label becomes the placeholder (the id points at the emptied account).
    for sql in [
        "UPDATE self_evaluation_answers SET updated_by_label = $1 WHERE updated_by = $2 OR lower(updated_by_label) = lower($3)",
        "UPDATE self_evaluation_comments SET author_label = $1 WHERE author_user_id = $2 OR lower(author_label) = lower($3)",
        "UPDATE self_evaluation_visits SET author_label = $1 WHERE author_user_id = $2 OR lower(author_label) = lower($3)",
        "UPDATE evidence_uploads SET uploaded_by_label = $1 WHERE uploaded_by = $2 OR lower(uploaded_by_label) = lower($3)",
    ] {
        changed += sqlx::query(sql)
            .bind(ph_name)
            .bind(user_id)
            .bind(email)
            .execute(&mut **tx)
            .await
            .map_err(db)?
            .rows_affected();
    }
    changed += sqlx::query("UPDATE format_versions SET created_by = $1 WHERE lower(created_by) = lower($2)")
        .bind(ph_email)
        .bind(email)
        .execute(&mut **tx)
        .await
        .map_err(db)?
        .rows_affected();
    // Their address and full name inside texts (theirs and others': a klassenbezoek names its
    // observer, a comment or signature role may name a person).
    let name = name.trim();
    let mut patterns = vec![(email, ph_email)];
    if name.chars().count() >= min_name_chars {
        patterns.push((name, ph_name));
    }
    for (from, to) in patterns {
        let like = format!("%{from}%");
        for sql in [
            "UPDATE self_evaluation_answers SET answer_json = REPLACE(answer_json, $1, $2),
                    verbeterpunt = REPLACE(verbeterpunt, $1, $2)
             WHERE answer_json LIKE $3 OR verbeterpunt LIKE $3",
            "UPDATE self_evaluation_comments SET body = REPLACE(body, $1, $2) WHERE body LIKE $3",
            "UPDATE self_evaluation_visits SET visit_json = REPLACE(visit_json, $1, $2) WHERE visit_json LIKE $3",
            "UPDATE evidence_uploads SET file_name = REPLACE(file_name, $1, $2) WHERE file_name LIKE $3",
            "UPDATE self_evaluations SET baseline_json = REPLACE(baseline_json, $1, $2) WHERE baseline_json LIKE $3",
            "UPDATE plan_versions SET document = REPLACE(document, $1, $2) WHERE document LIKE $3",
        ] {
            changed +=
                sqlx::query(sql).bind(from).bind(to).bind(&like).execute(&mut **tx).await.map_err(db)?.rows_affected();
        }
    }
    Ok(changed)
}
