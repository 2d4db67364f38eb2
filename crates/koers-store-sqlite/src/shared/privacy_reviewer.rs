//! AVG for external reviewers (issue 9 with issue 12): a person on a review team or invited by
//! link has no account, so they are found by their e-mail address — in the reviews' teams (the
//! review content's JSON), on invitation links, in the audit trail (entries written through
//! their link carry `reviewer NAME (uitnodigingslink)`) and in the outbox. Erasing keeps every
//! review, finding and audit entry in its place with a placeholder for the person.

use koers_app::store::{Actor, AuditEntity, NewAudit, ReviewRecord, ReviewerRecords, StoreResult};
use koers_app::voortgang::reviews::link_actor_label;

use super::error::{db, json};
use super::privacy::{AuditRow, MailRow, audit_entry, containing, outbox_mail, scrub_free_text};
use crate::backend::{Conn, Pool, begin_write};

fn same(a: Option<&str>, email: &str) -> bool {
    a.is_some_and(|a| a.trim().eq_ignore_ascii_case(email))
}

/// The reviews naming `email` (lower case), and the names and spellings of the address they
/// know the person by.
async fn reviews_of(conn: &mut Conn, email: &str) -> StoreResult<(Vec<ReviewRecord>, Vec<String>, Vec<String>)> {
    // A coarse match in SQL (the content's JSON holds the address), exact in Rust.
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM reviews WHERE lower(content) LIKE $1
         UNION SELECT review_id FROM review_invitations WHERE lower(email) = $2
         ORDER BY 1",
    )
    .bind(containing(email))
    .bind(email)
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    let (mut reviews, mut names, mut spellings) = (Vec::new(), Vec::new(), Vec::new());
    for id in ids {
        let r = super::reviews::one(conn, id).await?;
        let team = r.content.reviewers.iter().filter(|p| same(p.email.as_deref(), email));
        let links = r.invitations.iter().filter(|i| same(i.email.as_deref(), email));
        let found: Vec<(String, String)> = team
            .map(|p| (p.name.clone(), p.email.clone().unwrap_or_default()))
            .chain(links.map(|i| (i.reviewer_name.clone(), i.email.clone().unwrap_or_default())))
            .collect();
        if found.is_empty() {
            continue;
        }
        for (name, spelling) in found {
            if !name.trim().is_empty() && !names.contains(&name) {
                names.push(name);
            }
            if !spellings.contains(&spelling) {
                spellings.push(spelling);
            }
        }
        reviews.push(r);
    }
    Ok((reviews, names, spellings))
}

pub(crate) async fn records(pool: &Pool, email: &str) -> StoreResult<ReviewerRecords> {
    let email = email.trim().to_lowercase();
    let mut conn = pool.acquire().await.map_err(db)?;
    let (reviews, names, _) = reviews_of(&mut conn, &email).await?;
    if reviews.is_empty() {
        return Ok(ReviewerRecords::default());
    }
    let labels: Vec<String> = names.iter().map(|n| link_actor_label(n)).collect();
    let audit: Vec<AuditRow> = sqlx::query_as(
        "SELECT id, at, actor_user_id, actor_label, action, entity, entity_id, before, after FROM audit_log
         WHERE lower(before) LIKE $1 OR lower(after) LIKE $1 OR lower(entity_id) = $2
         ORDER BY at, id",
    )
    .bind(containing(&email))
    .bind(&email)
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    let mut audit: Vec<_> = audit.into_iter().map(audit_entry).collect::<StoreResult<_>>()?;
    for label in &labels {
        let by_link: Vec<AuditRow> = sqlx::query_as(
            "SELECT id, at, actor_user_id, actor_label, action, entity, entity_id, before, after FROM audit_log
             WHERE actor_label = $1 ORDER BY at, id",
        )
        .bind(label)
        .fetch_all(&mut *conn)
        .await
        .map_err(db)?;
        let new: Vec<_> = by_link
            .into_iter()
            .map(audit_entry)
            .collect::<StoreResult<Vec<_>>>()?
            .into_iter()
            .filter(|e| !audit.iter().any(|a| a.id == e.id))
            .collect();
        audit.extend(new);
    }
    audit.sort_by_key(|a| (a.at, a.id));
    let mails: Vec<MailRow> = sqlx::query_as(
        "SELECT id, to_address, subject, body_text, created_at, sent_at, attempts, last_error
         FROM outbox WHERE lower(to_address) = $1 ORDER BY id",
    )
    .bind(&email)
    .fetch_all(&mut *conn)
    .await
    .map_err(db)?;
    Ok(ReviewerRecords { reviews, audit, mails: mails.into_iter().map(outbox_mail).collect() })
}

pub(crate) async fn erase(
    pool: &Pool,
    email: &str,
    placeholder: &str,
    placeholder_email: &str,
    actor: &Actor,
    now: i64,
) -> StoreResult<u64> {
    let email = email.trim().to_lowercase();
    let mut tx = begin_write(pool).await.map_err(db)?;
    let (reviews, names, mut spellings) = reviews_of(&mut tx, &email).await?;
    if reviews.is_empty() {
        return Ok(0);
    }
    // As typed on the team, and as looked up (an export's audit entry names it in lower case).
    if !spellings.contains(&email) {
        spellings.push(email.clone());
    }
    let mut changed = 0;
    // The teams and the findings they signed: the person becomes the placeholder, without address.
    for r in &reviews {
        let mut content = r.content.clone();
        for p in content.reviewers.iter_mut().filter(|p| same(p.email.as_deref(), &email)) {
            p.name = placeholder.to_owned();
            p.email = None;
        }
        for f in content.findings.iter_mut().filter(|f| names.contains(&f.by)) {
            f.by = placeholder.to_owned();
        }
        for name in names.iter().filter(|n| n.chars().count() >= super::privacy::MIN_NAME_CHARS_IN_TEXT) {
            content.recommendations = content.recommendations.replace(name.as_str(), placeholder);
        }
        sqlx::query("UPDATE reviews SET content = $2, version = version + 1, updated_at = $3 WHERE id = $1")
            .bind(r.id.get())
            .bind(json(&content)?)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        changed += 1;
    }
    changed += sqlx::query("UPDATE review_invitations SET reviewer_name = $2, email = NULL WHERE lower(email) = $1")
        .bind(&email)
        .bind(placeholder)
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
    // The audit trail keeps its entries: by their link, and naming them in what changed.
    for name in &names {
        changed += sqlx::query("UPDATE audit_log SET actor_label = $2 WHERE actor_label = $1")
            .bind(link_actor_label(name))
            .bind(link_actor_label(placeholder))
            .execute(&mut *tx)
            .await
            .map_err(db)?
            .rows_affected();
    }
    let mut texts: Vec<(&str, &str)> = spellings.iter().map(|s| (s.as_str(), placeholder_email)).collect();
    texts.extend(names.iter().map(|n| (n.as_str(), placeholder)));
    for (from, to) in texts.into_iter().filter(|(from, _)| !from.trim().is_empty()) {
        changed += sqlx::query(
            "UPDATE audit_log SET before = REPLACE(before, $1, $2), after = REPLACE(after, $1, $2),
                    entity_id = REPLACE(entity_id, $1, $2)
             WHERE before LIKE $3 OR after LIKE $3 OR entity_id LIKE $3",
        )
        .bind(from)
        .bind(to)
        .bind(containing(from))
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
    }
    // Mails to them go; mails to others (and applications) that name them get the placeholders.
    changed += sqlx::query("DELETE FROM outbox WHERE lower(to_address) = $1")
        .bind(&email)
        .execute(&mut *tx)
        .await
        .map_err(db)?
        .rows_affected();
    let name = names.first().map_or("", String::as_str);
    for spelling in &spellings {
        changed += scrub_free_text(&mut tx, name, placeholder, spelling, placeholder_email).await?;
    }
    for other in names.iter().skip(1) {
        changed += scrub_free_text(&mut tx, other, placeholder, &email, placeholder_email).await?;
    }
    let entry = NewAudit {
        at: now,
        actor_user_id: actor.user_id,
        actor_label: actor.label.clone(),
        action: "privacy_erase_reviewer".into(),
        entity: AuditEntity::Reviewer,
        entity_id: placeholder.to_owned(),
        before: None,
        after: Some(json(&serde_json::json!({ "reviews": reviews.len(), "records": changed }))?),
    };
    super::audit::insert(&mut tx, &entry).await?;
    tx.commit().await.map_err(db)?;
    Ok(changed)
}
