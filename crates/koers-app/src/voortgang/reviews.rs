//! Reviews (issue 9 item 2): plan a start review, midterm review or externe audit; name the
//! review team (external people need no account); record findings per standard of the review
//! format (`formats/review.toml`), recommendations and the school's response; invite an external
//! reviewer with a time-limited, single-purpose link to fill in their findings.

use super::{VoortgangCase, invalid, record::parse_date, stale};
use crate::error::{Error, Result};
use crate::selfevals::formats;
use crate::store::{
    Actor, NewMail, NewReviewInvitation, ReviewInvitationRecord, ReviewRecord, Store, StoreError, StoreRead,
};
use koers_core::format::Format;
use koers_core::ids::ReviewId;
use koers_core::review::{
    Finding, ReviewContent, ReviewError, ReviewKind, Reviewer, check_review, invitation_days, invitation_usable,
    merge_findings,
};

/// The id of the review format.
pub const REVIEW_FORMAT: &str = "review";

fn review_error(e: ReviewError) -> Error {
    invalid(e.field(), e.to_string())
}

/// Planning a review, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanReviewInput {
    /// `startreview`, `midterm-review`, `externe-audit`.
    pub kind: String,
    pub planned_on: String,
}

/// A finding on one standard, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingInput {
    pub standard: String,
    /// `1`–`4` or empty.
    pub judgement: String,
    pub text: String,
}

/// One change of a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewChange {
    /// Kind, dates and recommendations.
    Details {
        kind: String,
        planned_on: String,
        held_on: String,
        recommendations: String,
    },
    AddReviewer {
        name: String,
        role: String,
        email: String,
        external: bool,
    },
    RemoveReviewer {
        index: usize,
    },
    Findings(Vec<FindingInput>),
    Response(String),
}

impl ReviewChange {
    fn action(&self) -> &'static str {
        match self {
            ReviewChange::Details { .. } | ReviewChange::AddReviewer { .. } | ReviewChange::RemoveReviewer { .. } => {
                "review_edit"
            }
            ReviewChange::Findings(_) => "review_findings",
            ReviewChange::Response(_) => "review_response",
        }
    }
}

fn kind_of(text: &str) -> Result<ReviewKind> {
    ReviewKind::from_key(text)
        .ok_or_else(|| invalid("kind", "soort: kies startreview, midterm-review of externe audit"))
}

fn findings_of(inputs: &[FindingInput], by: &str) -> Result<Vec<Finding>> {
    inputs
        .iter()
        .map(|f| {
            let j = f.judgement.trim();
            let judgement = if j.is_empty() {
                None
            } else {
                Some(j.parse::<u8>().ok().filter(|n| (1..=4).contains(n)).ok_or_else(|| {
                    review_error(ReviewError::BadJudgement { standard: f.standard.chars().take(20).collect() })
                })?)
            };
            Ok(Finding {
                standard: f.standard.trim().to_owned(),
                judgement,
                text: f.text.trim().to_owned(),
                by: by.into(),
            })
        })
        .collect()
}

/// The review format a review refers to (its own version, else the one in force).
pub async fn format_of(store: &dyn StoreRead, review: Option<&ReviewContent>) -> Result<std::sync::Arc<Format>> {
    match review {
        Some(r) => match formats::at_version(store, &r.format, i64::from(r.format_version)).await {
            Err(Error::NotFound) => formats::in_force(store, REVIEW_FORMAT).await,
            other => other,
        },
        None => formats::in_force(store, REVIEW_FORMAT).await,
    }
}

fn editable(c: &VoortgangCase) -> Result<()> {
    if c.rights.record { Ok(()) } else { Err(Error::Forbidden) }
}

fn own(c: &VoortgangCase, id: ReviewId) -> Result<&ReviewRecord> {
    c.reviews.iter().find(|r| r.id == id).ok_or(Error::NotFound)
}

/// Plan a review of the trajectory.
pub async fn plan(
    store: &dyn Store,
    c: &VoortgangCase,
    input: &PlanReviewInput,
    actor: &Actor,
    now: i64,
) -> Result<ReviewRecord> {
    editable(c)?;
    let format = format_of(store, None).await?;
    let content = ReviewContent {
        kind: kind_of(&input.kind)?,
        planned_on: parse_date(&input.planned_on, c.today).map_err(|_| {
            invalid("planned_on", format!("gepland op: '{}' is geen datum (dd-mm-jjjj)", input.planned_on.trim()))
        })?,
        held_on: None,
        reviewers: vec![],
        format: format.id.clone(),
        format_version: format.version,
        findings: vec![],
        recommendations: String::new(),
        school_response: String::new(),
    };
    check_review(&content, &format, c.start, c.today).map_err(review_error)?;
    Ok(store.create_review(c.trajectory().id, &content, actor, now).await?)
}

/// Apply one change to review `id` of the trajectory, as last seen at `version`.
pub async fn change(
    store: &dyn Store,
    c: &VoortgangCase,
    id: ReviewId,
    version: i64,
    change: &ReviewChange,
    actor: &Actor,
    now: i64,
) -> Result<ReviewRecord> {
    let r = own(c, id)?;
    match change {
        ReviewChange::Response(_) if !c.rights.respond => return Err(Error::Forbidden),
        ReviewChange::Response(_) => {}
        _ => editable(c)?,
    }
    let format = format_of(store, Some(&r.content)).await?;
    let mut next = r.content.clone();
    match change {
        ReviewChange::Details { kind, planned_on, held_on, recommendations } => {
            next.kind = kind_of(kind)?;
            next.planned_on = parse_date(planned_on, c.today)
                .map_err(|_| invalid("planned_on", "gepland op: geen datum (dd-mm-jjjj)"))?;
            next.held_on = if held_on.trim().is_empty() {
                None
            } else {
                Some(
                    parse_date(held_on, c.today)
                        .map_err(|_| invalid("held_on", "gehouden op: geen datum (dd-mm-jjjj)"))?,
                )
            };
            next.recommendations = recommendations.trim().to_owned();
        }
        ReviewChange::AddReviewer { name, role, email, external } => {
            let email = Some(email.trim().to_owned()).filter(|e| !e.is_empty());
            let reviewer =
                Reviewer { name: name.trim().into(), role: role.trim().into(), email, external: *external, user: None };
            koers_core::review::check_reviewer(&reviewer).map_err(review_error)?;
            next.reviewers.push(reviewer);
        }
        ReviewChange::RemoveReviewer { index } => {
            if *index >= next.reviewers.len() {
                return Err(invalid("reviewer", "reviewer: die staat niet (meer) in het reviewteam"));
            }
            next.reviewers.remove(*index);
        }
        ReviewChange::Findings(inputs) => {
            let findings = findings_of(inputs, "")?;
            koers_core::review::check_findings(&findings, &format).map_err(review_error)?;
            next.findings = merge_findings(&next.findings, &findings, &format);
        }
        ReviewChange::Response(text) => next.school_response = text.trim().to_owned(),
    }
    check_review(&next, &format, c.start, c.today).map_err(review_error)?;
    store.save_review(id, version, &next, change.action(), actor, now).await.map_err(stale)
}

/// An invitation link, created: the record and the token (shown once, in the link).
#[derive(Debug, Clone)]
pub struct Invitation {
    pub record: ReviewInvitationRecord,
    pub token: String,
}

/// Invite reviewer number `reviewer` of review `id` with a link valid for `days` (default 14).
/// The link is `{link_base}/{token}`; when the reviewer has an e-mail address it is mailed
/// (queued in the same transaction).
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    store: &dyn Store,
    c: &VoortgangCase,
    id: ReviewId,
    reviewer: usize,
    days: Option<i64>,
    link_base: &str,
    actor: &Actor,
    now: i64,
) -> Result<Invitation> {
    editable(c)?;
    let r = own(c, id)?;
    let who = r
        .content
        .reviewers
        .get(reviewer)
        .ok_or_else(|| invalid("reviewer", "reviewer: kies iemand uit het reviewteam"))?;
    let days = invitation_days(days).map_err(review_error)?;
    let token = hex::encode(Error::random_bytes()?);
    let link = format!("{}/{token}", link_base.trim_end_matches('/'));
    let mail = who.email.as_ref().map(|to| NewMail {
        to_address: to.clone(),
        subject: format!("Uitnodiging: bevindingen voor de {}", r.content.kind.label_nl()),
        body_text: format!(
            "Beste {},\n\nU bent uitgenodigd om uw bevindingen voor de {} in te vullen in Koers. \
             Gebruik deze persoonlijke link (geldig tot {}, één keer te gebruiken):\n\n{link}\n\n\
             Deze link geeft alleen toegang tot het invullen van de bevindingen van deze review.\n",
            who.name,
            r.content.kind.label_nl(),
            koers_core::calendar::datetime_nl(now + days * 86_400),
        ),
    });
    let new = NewReviewInvitation {
        review_id: r.id,
        token_hash: crate::accounts::token_hash(&token),
        reviewer_name: who.name.clone(),
        email: who.email.clone(),
        expires_at: now + days * 86_400,
    };
    let record = store.invite_reviewer(&new, mail.as_ref(), actor, now).await?;
    Ok(Invitation { record, token })
}

/// What an invited reviewer sees behind their link.
#[derive(Debug, Clone)]
pub struct InvitedReview {
    pub invitation: ReviewInvitationRecord,
    pub review: ReviewRecord,
    pub format: Format,
    /// The school's or board's name.
    pub subject: String,
    /// Why the link no longer works, if so.
    pub refusal: Option<String>,
}

/// The review behind an invitation token; `NotFound` for an unknown token.
pub async fn invited(store: &dyn StoreRead, token: &str, now: i64) -> Result<InvitedReview> {
    let (invitation, review) = match store.review_invitation(&crate::accounts::token_hash(token.trim())).await {
        Ok(v) => v,
        Err(StoreError::NotFound) => return Err(Error::NotFound),
        Err(e) => return Err(e.into()),
    };
    let format = format_of(store, Some(&review.content)).await?;
    let t = store.trajectory(review.trajectory_id).await?;
    let subject = match t.school_id {
        Some(id) => store.school(id).await.map(|s| s.name).unwrap_or_default(),
        None => t.board_number.map(|b| format!("bestuur {b}")).unwrap_or_default(),
    };
    let refusal = invitation_usable(invitation.expires_at, invitation.used_at, now).err().map(|e| e.to_string());
    Ok(InvitedReview { invitation, review, format: Format::clone(&format), subject, refusal })
}

/// How the audit trail names a reviewer who wrote through their link (the AVG erasure looks for
/// exactly this).
pub fn link_actor_label(name: &str) -> String {
    format!("reviewer {name} (uitnodigingslink)")
}

/// Save the findings an invited reviewer entered, using the link up.
pub async fn submit_invited(
    store: &dyn Store,
    token: &str,
    version: i64,
    inputs: &[FindingInput],
    recommendations: &str,
    now: i64,
) -> Result<ReviewRecord> {
    let seen = invited(store, token, now).await?;
    if let Some(why) = seen.refusal {
        return Err(invalid("link", why));
    }
    let name = seen.invitation.reviewer_name.clone();
    let findings = findings_of(inputs, &name)?;
    koers_core::review::check_findings(&findings, &seen.format).map_err(review_error)?;
    let mut next = seen.review.content.clone();
    next.findings = merge_findings(&next.findings, &findings, &seen.format);
    let rec = recommendations.trim();
    if !rec.is_empty() {
        let sep = if next.recommendations.is_empty() { "" } else { "\n\n" };
        next.recommendations = format!("{}{sep}{name}: {rec}", next.recommendations);
    }
    koers_core::review::check_findings(&next.findings, &seen.format).map_err(review_error)?;
    let actor = Actor { user_id: None, label: link_actor_label(&name) };
    let hash = crate::accounts::token_hash(token.trim());
    match store.submit_invited_findings(&hash, version, &next, &actor, now).await {
        Err(StoreError::Conflict { .. }) => Err(Error::Conflict { current: None }),
        other => Ok(other?),
    }
}
