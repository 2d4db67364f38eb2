//! "Welke ondersteuning past bij ons?" — the public start page's rule (issue 10 §3): for a school
//! of any sector or a board, every programme in force that is for it, each decided by the same
//! entry rule the aanmeld form applies ([`crate::applications::entry_rule`]) over the answers
//! given so far; with the reasons, the aanmelden link and — for a school or board the programme
//! refers (onvoldoende, zeer zwak, herstelopdracht) — the pointer to the regular GWGB programme
//! from the programme's own data (`[referral]`). Recorded Inspectie verdicts count only for
//! someone who may see them; everyone else is decided on the answers and the public exam trend.
//!
//! Also "Waarden om mee te kunnen doen": the band's limits per schoolwegingscategorie from the
//! programme's stored rule ([`qualifying_values`]).

use crate::applications::{ApplicationInput, entry_rule, reference_year};
use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::store::{Board, ExamYear, School, Sector, StoreRead};
use crate::verdicts::{self, VerdictOf};
use koers_core::NormLibrary;
use koers_core::Verdict;
use koers_core::access::Principal;
use koers_core::eligibility::{BoardFacts, BoardOordeel, Eligibility, QualifyingTable, SpecialAnswers, VoFacts};
use koers_core::eligibility::{board::within_last_years, qualifying_table};
use koers_core::ids::{BoardNumber, SchoolId};
use koers_core::programme::{Audience, ProgrammeRules, Referral, RuleSettings};

/// Whom the advice is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    School(SchoolId),
    Board(BoardNumber),
}

/// The answers given on the start page so far (parsed by the page; `None`: not asked or not
/// answered yet).
#[derive(Debug, Clone, Default)]
pub struct Answers {
    pub special: Option<SpecialAnswers>,
    pub vo: Option<VoFacts>,
    pub board: Option<BoardFacts>,
}

/// What the questions are about.
#[derive(Debug, Clone)]
pub enum Who {
    School { school: Box<School>, board: Option<Board>, exam_years: Vec<ExamYear> },
    Board { board: Board, schools: Vec<School> },
}

/// One programme for the subject.
#[derive(Debug, Clone)]
pub struct ProgrammeFit {
    pub programme: ProgrammeRules,
    /// `None` while the programme's questions are unanswered.
    pub eligibility: Option<Eligibility>,
    /// The aanmeld form of this programme for this school or board (login needed), when the
    /// verdict allows applying.
    pub apply_href: Option<String>,
    /// Where a referred school or board goes (the programme's `[referral]`).
    pub referral: Option<Referral>,
}

#[derive(Debug, Clone)]
pub struct Advice {
    pub who: Who,
    pub fits: Vec<ProgrammeFit>,
    /// Recorded verdicts were taken into account (the person may see them).
    pub used_records: bool,
}

/// A board's own assessment that sends it to regular GWGB: onvoldoende or with herstelopdrachten
/// within the programme's look-back.
fn board_referred(facts: Option<&BoardFacts>, lookback: u8, year: u16) -> bool {
    facts.is_some_and(|f| {
        f.board_assessments.iter().any(|a| {
            (a.oordeel == BoardOordeel::Onvoldoende || a.herstelopdrachten) && within_last_years(a.year, lookback, year)
        })
    })
}

fn to_json<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_string(v).ok()
}

/// The facts JSON the rule reads for programme `p`; `None` when its questions are unanswered.
fn facts_json(p: &ProgrammeRules, a: &Answers) -> Option<Option<String>> {
    match &p.rule {
        RuleSettings::ResultsBand(_) => Some(None),
        RuleSettings::SpecialEducation(_) => a.special.as_ref().map(to_json),
        RuleSettings::BoardHistory(_) => a.board.as_ref().map(to_json),
        RuleSettings::VerdictOrRisk(_) => a.vo.as_ref().map(to_json),
    }
}

/// The advice for a school or board.
pub async fn advise(
    store: &dyn StoreRead,
    programmes: &Programmes,
    norms: &NormLibrary,
    principal: Option<&Principal>,
    subject: Subject,
    answers: &Answers,
    now: i64,
) -> Result<Advice> {
    let (who, audience, sector, of) = match subject {
        Subject::School(id) => {
            let school = store.school(id).await?;
            let board = match school.board_number {
                Some(n) => store.board(n).await.ok(),
                None => None,
            };
            let exam_years = if school.sector == Sector::Vo { store.exam_years_of_school(id).await? } else { vec![] };
            let sector = school.sector;
            (
                Who::School { school: Box::new(school), board, exam_years },
                Audience::School,
                Some(sector),
                VerdictOf::School(id),
            )
        }
        Subject::Board(nr) => {
            let board = store.board(nr).await?;
            let schools = store.schools_of_board(nr).await?;
            (Who::Board { board, schools }, Audience::Bestuur, None, VerdictOf::Board(nr))
        }
    };
    let used_records = match principal {
        Some(p) => verdicts::may_view(store, p, of).await?,
        None => false,
    };
    let year = reference_year(now);
    let mut fits = Vec::new();
    for p in programmes.active().iter().filter(|p| p.audience == audience) {
        if let Some(s) = sector
            && !p.sectors.contains(&s)
        {
            continue;
        }
        let (school_id, board_number, apply_base) = match subject {
            Subject::School(id) => (Some(id), None, format!("/aanmelden?school={id}&programma={}", p.id)),
            Subject::Board(nr) => (None, Some(nr), format!("/aanmelden?bestuur={nr}&programma={}", p.id)),
        };
        let eligibility = match facts_json(p, answers) {
            None => None,
            Some(entry_facts_json) => {
                let input = ApplicationInput {
                    programme_id: p.id.clone(),
                    school_id,
                    board_number,
                    entry_facts_json,
                    ..ApplicationInput::default()
                };
                match entry_rule(store, p, norms, &input, now, used_records).await {
                    Ok(e) => Some(e),
                    // A PO school without results or norms: the check decides by hand.
                    Err(Error::NoNorms) => None,
                    Err(e) => return Err(e),
                }
            }
        };
        let verdict = eligibility.as_ref().map(|e| e.verdict);
        let referred = verdict == Some(Verdict::ReferToRegularGwgb)
            || (verdict == Some(Verdict::NotEligible)
                && matches!(&p.rule, RuleSettings::BoardHistory(r) if board_referred(answers.board.as_ref(), r.lookback_years, year)));
        // Only an answered, open verdict leads to the form (the form applies the same rule).
        let apply_href = match verdict {
            Some(Verdict::Eligible | Verdict::Undetermined) => Some(apply_base),
            _ => None,
        };
        let referral = if referred { p.referral.clone() } else { None };
        fits.push(ProgrammeFit { programme: p.clone(), eligibility, apply_href, referral });
    }
    Ok(Advice { who, fits, used_records })
}

/// "Waarden om mee te kunnen doen": the limits of the public verdict's band programme, over its
/// own norm table (`norms` in its TOML; else the latest).
pub fn qualifying_values(programmes: &Programmes, norms: &NormLibrary) -> Result<(ProgrammeRules, QualifyingTable)> {
    let (p, rule) = programmes.band()?;
    let set = match &p.norms {
        Some(id) => norms.by_id(id).ok(),
        None => None,
    }
    .or_else(|| norms.sets().iter().max_by_key(|s| s.period.last_test_year))
    .ok_or(Error::NoNorms)?;
    Ok((p.clone(), qualifying_table(set, rule)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_core::eligibility::BoardAssessment;

    fn assessed(year: u16, oordeel: BoardOordeel, herstelopdrachten: bool) -> BoardFacts {
        BoardFacts {
            schools: 3,
            board_assessments: vec![BoardAssessment {
                year,
                oordeel,
                herstelopdrachten,
                development_assignments: false,
            }],
            ..BoardFacts::default()
        }
    }

    #[test]
    fn a_board_is_referred_for_an_onvoldoende_or_herstelopdrachten_within_the_look_back() {
        assert!(board_referred(Some(&assessed(2023, BoardOordeel::Onvoldoende, false)), 3, 2026));
        assert!(!board_referred(Some(&assessed(2022, BoardOordeel::Onvoldoende, false)), 3, 2026), "4 years ago");
        assert!(board_referred(Some(&assessed(2026, BoardOordeel::Voldoende, true)), 3, 2026));
        assert!(!board_referred(Some(&assessed(2026, BoardOordeel::Voldoende, false)), 3, 2026));
        assert!(!board_referred(None, 3, 2026));
    }

    #[test]
    fn the_values_follow_the_stored_band_rule() {
        let norms = NormLibrary::shipped().unwrap_or_else(|e| panic!("{e}"));
        let shipped = Programmes::from_definitions(&[]).unwrap_or_else(|e| panic!("{e}"));
        let (p, t) = qualifying_values(&shipped, &norms).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.id.as_str(), t.norms_id.as_str()), ("gwgb-plus-school", "inspectie-po-2023-2025"));
        assert_eq!(t.rows[11].indicators[1].highest_qualifying, Some(48.99), "category 31, 1S/2F");
        // a beheerder widens the band to the comparable-schools mean
        let mut school = p.clone();
        if let RuleSettings::ResultsBand(r) = &mut school.rule {
            r.grens_fraction = 1.0;
        }
        let def = crate::store::ProgrammeDefinition {
            id: school.id.clone(),
            name: school.name.clone(),
            definition_toml: school.to_toml().unwrap_or_else(|e| panic!("{e}")),
            active: true,
            version: 2,
            updated_at: 0,
        };
        let edited = Programmes::from_definitions(&[def]).unwrap_or_else(|e| panic!("{e}"));
        let (_, t) = qualifying_values(&edited, &norms).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.rows[11].indicators[1].highest_qualifying, Some(54.49));
    }
}
