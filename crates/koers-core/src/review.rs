//! Reviews of a trajectory (issue 9 item 2, TRAJECTORY §4, seeds 003/004): a start review, a
//! midterm review or an externe audit, held with the review format (`formats/review.toml`): a
//! review team (people with or without an account), findings and a judgement (1–4) per standard
//! of the format, recommendations, and the school's response. A planned review is on the
//! timeline and feeds the op-koers rule "review overdue" ([`ReviewContent::planned`]).
//!
//! An external reviewer without an account gets a time-limited link: a random token, usable for
//! that one review's findings only, until it expires or is used ([`invitation_usable`]).

use crate::calendar::Date;
use crate::format::Format;
use crate::op_koers::PlannedReview;
use serde::{Deserialize, Serialize};

/// Longest name, role or e-mail address of a reviewer.
pub const MAX_SHORT: usize = 200;
/// Longest findings text, recommendations or response.
pub const MAX_TEXT: usize = 8_000;
/// Most reviewers on one review.
pub const MAX_REVIEWERS: usize = 12;
/// Days an invitation link stays valid unless said otherwise.
pub const INVITATION_DAYS: i64 = 14;
/// Longest validity of an invitation link, in days.
pub const MAX_INVITATION_DAYS: i64 = 60;

/// Which review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewKind {
    /// At the start of the process (a nulmeting-review).
    Startreview,
    /// Halfway through the trajectory.
    MidtermReview,
    /// An externe audit as the midterm review (step 5).
    ExterneAudit,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 3] = [ReviewKind::Startreview, ReviewKind::MidtermReview, ReviewKind::ExterneAudit];

    pub fn key(self) -> &'static str {
        match self {
            ReviewKind::Startreview => "startreview",
            ReviewKind::MidtermReview => "midterm-review",
            ReviewKind::ExterneAudit => "externe-audit",
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            ReviewKind::Startreview => "startreview",
            ReviewKind::MidtermReview => "midterm-review",
            ReviewKind::ExterneAudit => "externe audit (midterm-review)",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key.trim())
    }
}

/// A member of the review team. `user` is set for someone with an account; an external person
/// is named without one (and may be invited by link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    pub name: String,
    /// `extern deskundige`, `procesbegeleider`, `critical friend`.
    #[serde(default)]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default)]
    pub external: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<crate::ids::UserId>,
}

/// The findings on one standard of the review format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// A standard code of the format (`OP2`).
    pub standard: String,
    /// 1 onvoldoende, 2 voldoende op onderdelen, 3 voldoende, 4 goed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<u8>,
    #[serde(default)]
    pub text: String,
    /// Who wrote it (a reviewer's name), for findings entered through an invitation link.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// Everything of one review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewContent {
    pub kind: ReviewKind,
    pub planned_on: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_on: Option<Date>,
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
    /// The review format's id and version the findings refer to.
    pub format: String,
    pub format_version: u32,
    #[serde(default)]
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub recommendations: String,
    #[serde(default)]
    pub school_response: String,
}

/// The judgement's words.
pub fn judgement_nl(level: u8) -> &'static str {
    match level {
        1 => "onvoldoende",
        2 => "voldoende op onderdelen",
        3 => "voldoende",
        4 => "goed",
        _ => "",
    }
}

/// Why a review change is refused; the text starts with the Dutch field name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum ReviewError {
    #[error("datum: {date} ligt vóór de start van het traject ({start})")]
    BeforeStart { date: String, start: String },
    #[error("gehouden op: {date} ligt in de toekomst (vandaag is het {today})")]
    HeldInFuture { date: String, today: String },
    #[error("naam: vul de naam van de reviewer in")]
    NoName,
    #[error("e-mailadres: '{0}' is geen e-mailadres")]
    BadEmail(String),
    #[error("reviewers: hooguit {0} reviewers")]
    TooManyReviewers(usize),
    #[error("standaard: {0} staat niet in het reviewformat")]
    UnknownStandard(String),
    #[error("oordeel: {standard}: kies 1 tot en met 4")]
    BadJudgement { standard: String },
    #[error("{field_nl}: te lang ({length} tekens; hooguit {max})")]
    TooLong { field: &'static str, field_nl: &'static str, length: usize, max: usize },
    #[error("geldigheid: een link is 1 tot en met {MAX_INVITATION_DAYS} dagen geldig")]
    BadValidity,
    #[error("link: deze link is verlopen; vraag de begeleider om een nieuwe")]
    Expired,
    #[error("link: deze link is al gebruikt; de bevindingen zijn ontvangen")]
    Used,
}

impl ReviewError {
    /// The form field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            ReviewError::BeforeStart { .. } => "planned_on",
            ReviewError::HeldInFuture { .. } => "held_on",
            ReviewError::NoName => "name",
            ReviewError::BadEmail(_) => "email",
            ReviewError::TooManyReviewers(_) => "reviewers",
            ReviewError::UnknownStandard(_) => "standard",
            ReviewError::BadJudgement { .. } => "judgement",
            ReviewError::TooLong { field, .. } => field,
            ReviewError::BadValidity => "days",
            ReviewError::Expired | ReviewError::Used => "link",
        }
    }
}

fn check_len(text: &str, field: &'static str, field_nl: &'static str, max: usize) -> Result<(), ReviewError> {
    let length = text.chars().count();
    if length > max { Err(ReviewError::TooLong { field, field_nl, length, max }) } else { Ok(()) }
}

/// May `r` be added to the review team?
pub fn check_reviewer(r: &Reviewer) -> Result<(), ReviewError> {
    if r.name.trim().is_empty() {
        return Err(ReviewError::NoName);
    }
    check_len(&r.name, "name", "naam", MAX_SHORT)?;
    check_len(&r.role, "role", "rol", MAX_SHORT)?;
    if let Some(email) = &r.email {
        check_len(email, "email", "e-mailadres", MAX_SHORT)?;
        if !crate::email::Email::is_valid(email) {
            return Err(ReviewError::BadEmail(email.chars().take(60).collect()));
        }
    }
    Ok(())
}

/// May the review be planned or changed like this? Dates between the trajectory's start and
/// (for the day it was held) today; reviewers and findings valid against `format`.
pub fn check_review(
    review: &ReviewContent,
    format: &Format,
    trajectory_start: Date,
    today: Date,
) -> Result<(), ReviewError> {
    if review.planned_on < trajectory_start {
        return Err(ReviewError::BeforeStart { date: review.planned_on.nl(), start: trajectory_start.nl() });
    }
    if let Some(held) = review.held_on {
        if held < trajectory_start {
            return Err(ReviewError::BeforeStart { date: held.nl(), start: trajectory_start.nl() });
        }
        if held > today {
            return Err(ReviewError::HeldInFuture { date: held.nl(), today: today.nl() });
        }
    }
    if review.reviewers.len() > MAX_REVIEWERS {
        return Err(ReviewError::TooManyReviewers(MAX_REVIEWERS));
    }
    review.reviewers.iter().try_for_each(check_reviewer)?;
    check_findings(&review.findings, format)?;
    check_len(&review.recommendations, "recommendations", "aanbevelingen", MAX_TEXT)?;
    check_len(&review.school_response, "school_response", "reactie van de school", MAX_TEXT)
}

/// Findings refer to standards of `format`, with a judgement 1–4 when given.
pub fn check_findings(findings: &[Finding], format: &Format) -> Result<(), ReviewError> {
    for f in findings {
        if format.standard(&f.standard).is_none() {
            return Err(ReviewError::UnknownStandard(f.standard.chars().take(20).collect()));
        }
        if f.judgement.is_some_and(|j| !(1..=4).contains(&j)) {
            return Err(ReviewError::BadJudgement { standard: f.standard.clone() });
        }
        check_len(&f.text, "text", "bevindingen", MAX_TEXT)?;
    }
    Ok(())
}

/// `findings` merged into `existing`: a finding on a standard replaces the earlier one on it;
/// empty findings (no judgement, no text) remove it. Kept in the format's standard order.
pub fn merge_findings(existing: &[Finding], findings: &[Finding], format: &Format) -> Vec<Finding> {
    let mut out: Vec<Finding> = existing.to_vec();
    for f in findings {
        out.retain(|e| e.standard != f.standard);
        if f.judgement.is_some() || !f.text.trim().is_empty() {
            out.push(Finding { text: f.text.trim().to_owned(), ..f.clone() });
        }
    }
    let rank = |code: &str| format.standards.iter().position(|s| s.code == code).unwrap_or(usize::MAX);
    out.sort_by_key(|f| rank(&f.standard));
    out
}

impl ReviewContent {
    /// The review as the op-koers rule reads it.
    pub fn planned(&self) -> PlannedReview {
        PlannedReview { name: self.kind.label_nl().to_owned(), planned_on: self.planned_on, held_on: self.held_on }
    }
}

/// Is an invitation that expires at `expires_at` (Unix seconds) and was used at `used_at`
/// usable at `now`? Expiry is exclusive: at `expires_at` the link no longer works.
pub fn invitation_usable(expires_at: i64, used_at: Option<i64>, now: i64) -> Result<(), ReviewError> {
    if used_at.is_some() {
        return Err(ReviewError::Used);
    }
    if now >= expires_at {
        return Err(ReviewError::Expired);
    }
    Ok(())
}

/// A link's validity in days, checked (1 … [`MAX_INVITATION_DAYS`]); `None` gives the default.
pub fn invitation_days(days: Option<i64>) -> Result<i64, ReviewError> {
    match days {
        None => Ok(INVITATION_DAYS),
        Some(d) if (1..=MAX_INVITATION_DAYS).contains(&d) => Ok(d),
        Some(_) => Err(ReviewError::BadValidity),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).expect("date")
    }

    fn format() -> Format {
        Format::shipped().expect("formats").into_iter().find(|f| f.id == "review").expect("review format")
    }

    fn review() -> ReviewContent {
        ReviewContent {
            kind: ReviewKind::MidtermReview,
            planned_on: d(2027, 2, 1),
            held_on: None,
            reviewers: vec![Reviewer {
                name: "Mr. A. de Vries".into(),
                role: "extern deskundige".into(),
                email: Some("a.devries@example.nl".into()),
                external: true,
                user: None,
            }],
            format: "review".into(),
            format_version: 1,
            findings: vec![],
            recommendations: String::new(),
            school_response: String::new(),
        }
    }

    #[test]
    fn dates_reviewers_and_findings_are_checked_with_the_field_named() {
        let f = format();
        let (start, today) = (d(2026, 9, 1), d(2027, 3, 1));
        assert_eq!(check_review(&review(), &f, start, today), Ok(()));
        let early = ReviewContent { planned_on: d(2026, 8, 31), ..review() };
        assert_eq!(check_review(&early, &f, start, today).map_err(|e| e.field()), Err("planned_on"));
        // Held today is fine; tomorrow is not.
        let held = ReviewContent { held_on: Some(today), ..review() };
        assert_eq!(check_review(&held, &f, start, today), Ok(()));
        let future = ReviewContent { held_on: Some(today.add_days(1)), ..review() };
        assert_eq!(check_review(&future, &f, start, today).map_err(|e| e.field()), Err("held_on"));
        let mut bad = review();
        bad.reviewers[0].email = Some("geen adres".into());
        let e = check_review(&bad, &f, start, today).expect_err("email");
        assert!(e.to_string().starts_with("e-mailadres:"), "{e}");
        bad.reviewers[0] = Reviewer { name: "  ".into(), ..bad.reviewers[0].clone() };
        assert_eq!(check_review(&bad, &f, start, today), Err(ReviewError::NoName));
        let finding = |standard: &str, judgement| Finding {
            standard: standard.into(),
            judgement,
            text: "Bevinding".into(),
            by: String::new(),
        };
        let ok = ReviewContent { findings: vec![finding("OP2", Some(3)), finding("SK1", None)], ..review() };
        assert_eq!(check_review(&ok, &f, start, today), Ok(()));
        let unknown = ReviewContent { findings: vec![finding("XX9", Some(3))], ..review() };
        assert_eq!(check_review(&unknown, &f, start, today), Err(ReviewError::UnknownStandard("XX9".into())));
        for j in [0, 5] {
            let bad = ReviewContent { findings: vec![finding("OP2", Some(j))], ..review() };
            assert_eq!(check_review(&bad, &f, start, today).map_err(|e| e.field()), Err("judgement"));
        }
        let long = ReviewContent { recommendations: "x".repeat(MAX_TEXT + 1), ..review() };
        assert_eq!(check_review(&long, &f, start, today).map_err(|e| e.field()), Err("recommendations"));
    }

    #[test]
    fn findings_merge_per_standard_in_format_order() {
        let f = format();
        let one =
            |s: &str, t: &str| Finding { standard: s.into(), judgement: Some(2), text: t.into(), by: String::new() };
        let merged = merge_findings(&[one("SK1", "oud")], &[one("OP2", "nieuw"), one("SK1", "herzien")], &f);
        assert_eq!(
            merged.iter().map(|x| (x.standard.as_str(), x.text.as_str())).collect::<Vec<_>>(),
            [("OP2", "nieuw"), ("SK1", "herzien")]
        );
        let cleared = Finding { judgement: None, text: " ".into(), ..one("OP2", "") };
        assert_eq!(merge_findings(&merged, &[cleared], &f).len(), 1);
    }

    #[test]
    fn an_invitation_works_until_it_expires_or_is_used() {
        assert_eq!(invitation_usable(100, None, 99), Ok(()));
        assert_eq!(invitation_usable(100, None, 100), Err(ReviewError::Expired));
        assert_eq!(invitation_usable(100, Some(50), 60), Err(ReviewError::Used));
        assert_eq!(invitation_days(None), Ok(INVITATION_DAYS));
        assert_eq!(invitation_days(Some(0)), Err(ReviewError::BadValidity));
        assert_eq!(invitation_days(Some(MAX_INVITATION_DAYS)), Ok(MAX_INVITATION_DAYS));
        assert_eq!(invitation_days(Some(MAX_INVITATION_DAYS + 1)), Err(ReviewError::BadValidity));
    }

    #[test]
    fn a_review_is_on_the_timeline_for_op_koers() {
        let p = review().planned();
        assert_eq!((p.name.as_str(), p.planned_on, p.held_on), ("midterm-review", d(2027, 2, 1), None));
        assert_eq!(ReviewKind::from_key("externe-audit"), Some(ReviewKind::ExterneAudit));
        assert_eq!(judgement_nl(3), "voldoende");
    }
}
