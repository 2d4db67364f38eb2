//! Klassenbezoeken aggregated per kijkwijzer item and domain, across the visits of one
//! observation item.

use super::answer::{Answer, FilledForm};
use super::item::{ItemKind, Kijkwijzer};
use super::{Format, Located};
use crate::calendar::Date;
use serde::Serialize;

/// One look-for over all visits: how often it was scored, the mean and the distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LookForSummary {
    pub id: String,
    pub text: String,
    /// Visits that scored this look-for.
    pub observed: u32,
    pub mean: Option<f64>,
    /// How many visits gave score 1, 2, 3 and 4.
    pub counts: [u32; 4],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainSummary {
    pub id: String,
    pub title: String,
    pub standard: Option<String>,
    /// Mean over every score given in the domain.
    pub mean: Option<f64>,
    pub items: Vec<LookForSummary>,
}

/// One visit in the overview (personal details stay out: a group and a role, no pupils).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VisitRow {
    pub date: Option<Date>,
    pub group: String,
    pub observer: String,
    pub subject: String,
    /// Mean of this visit's scores.
    pub mean: Option<f64>,
}

/// An observation item's visits aggregated (TRAJECTORY §1: "aggregated per item").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservationSummary {
    pub item: String,
    pub section: String,
    pub title: String,
    pub kijkwijzer: String,
    /// The labels of scores 1–4.
    pub scale: Vec<String>,
    pub visits: Vec<VisitRow>,
    pub domains: Vec<DomainSummary>,
    /// Every visit's strengths and points for improvement, non-empty ones, in visit order.
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

fn mean(sum: u32, n: u32) -> Option<f64> {
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

/// The summary of one observation item (with no visits when unanswered).
pub(super) fn summarize(format: &Format, l: Located<'_>, filled: &FilledForm) -> Option<ObservationSummary> {
    let ItemKind::Observation(o) = &l.item.kind else { return None };
    let k: &Kijkwijzer = format.kijkwijzer(&o.kijkwijzer)?;
    let visits = match filled.answer(&l.item.id) {
        Some(Answer::Observation(a)) => a.visits.as_slice(),
        _ => &[],
    };
    let valid = |s: &u8| (1..=4).contains(s);
    let domains = k
        .domains
        .iter()
        .map(|d| {
            let (mut dsum, mut dn) = (0u32, 0u32);
            let items = d
                .items
                .iter()
                .map(|it| {
                    let mut counts = [0u32; 4];
                    for s in visits.iter().filter_map(|v| v.scores.get(&it.id)).filter(|s| valid(s)) {
                        counts[usize::from(*s) - 1] += 1;
                    }
                    let observed: u32 = counts.iter().sum();
                    let sum: u32 = counts.iter().zip(1u32..).map(|(c, s)| c * s).sum();
                    dsum += sum;
                    dn += observed;
                    LookForSummary {
                        id: it.id.clone(),
                        text: it.text.clone(),
                        observed,
                        mean: mean(sum, observed),
                        counts,
                    }
                })
                .collect();
            DomainSummary {
                id: d.id.clone(),
                title: d.title.clone(),
                standard: d.standard.clone(),
                mean: mean(dsum, dn),
                items,
            }
        })
        .collect();
    let rows = visits
        .iter()
        .map(|v| {
            let scores: Vec<u32> = v.scores.values().filter(|s| valid(s)).map(|s| u32::from(*s)).collect();
            let n = u32::try_from(scores.len()).unwrap_or(u32::MAX);
            VisitRow {
                date: v.date,
                group: v.group.clone(),
                observer: v.observer.clone(),
                subject: v.subject.clone(),
                mean: mean(scores.iter().sum(), n),
            }
        })
        .collect();
    let texts = |f: fn(&super::answer::Visit) -> &String| {
        visits.iter().map(f).filter(|t| !t.trim().is_empty()).cloned().collect::<Vec<_>>()
    };
    Some(ObservationSummary {
        item: l.item.id.clone(),
        section: l.section.id.clone(),
        title: o.title.clone(),
        kijkwijzer: k.id.clone(),
        scale: k.scale.clone(),
        visits: rows,
        domains,
        strengths: texts(|v| &v.strengths),
        improvements: texts(|v| &v.improvements),
    })
}
