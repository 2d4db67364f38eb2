//! A trajectory's phase timeline (PRODUCT journey 4 onwards, issue 4 §6): created on assignment
//! at the programme's first phase, moved on by [`Trajectory::advance`] — a pure function that
//! returns the new trajectory plus what happened — until it is afgerond. The app stores the
//! current phase id ([`Trajectory::current_id`]) and rebuilds with [`Trajectory::resume`].

use crate::programme::Phase;
use serde::{Deserialize, Serialize};

/// Where a trajectory stands in its programme's phases. Serializable for the API; built only
/// through [`Trajectory::new`] and [`Trajectory::resume`], so its position is always valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trajectory {
    phases: Vec<Phase>,
    /// Index of the current phase; `phases.len()` once afgerond.
    position: usize,
}

/// A phase's place on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseState {
    Afgerond,
    Huidig,
    Gepland,
}

impl PhaseState {
    pub fn label_nl(self) -> &'static str {
        match self {
            PhaseState::Afgerond => "afgerond",
            PhaseState::Huidig => "huidige fase",
            PhaseState::Gepland => "nog te doen",
        }
    }
}

/// One row of the timeline, for the trajectory page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimelineEntry<'a> {
    /// 1-based, as staff count the steps ("stap 3").
    pub number: usize,
    pub phase: &'a Phase,
    pub state: PhaseState,
}

/// What [`Trajectory::advance`] did; the app turns these into audit entries and notifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TrajectoryEvent {
    PhaseCompleted { phase: String },
    PhaseStarted { phase: String },
    TrajectoryCompleted,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrajectoryError {
    #[error("een traject heeft minstens één fase nodig; het programma heeft er geen")]
    NoPhases,
    #[error("dit traject is afgerond; er is geen volgende fase")]
    Finished,
    #[error("het programma heeft geen fase '{0}'")]
    UnknownPhase(String),
}

impl Trajectory {
    /// A new trajectory at the first phase.
    pub fn new(phases: &[Phase]) -> Result<Self, TrajectoryError> {
        if phases.is_empty() {
            return Err(TrajectoryError::NoPhases);
        }
        Ok(Self { phases: phases.to_vec(), position: 0 })
    }

    /// Rebuild from storage: `current` is the stored phase id, `None` when afgerond.
    pub fn resume(phases: &[Phase], current: Option<&str>) -> Result<Self, TrajectoryError> {
        let mut t = Self::new(phases)?;
        t.position = match current {
            None => phases.len(),
            Some(id) => {
                phases.iter().position(|p| p.id == id).ok_or_else(|| TrajectoryError::UnknownPhase(id.to_owned()))?
            }
        };
        Ok(t)
    }

    /// The current phase; `None` once afgerond.
    pub fn current(&self) -> Option<&Phase> {
        self.phases.get(self.position)
    }

    /// The id to store; `None` once afgerond.
    pub fn current_id(&self) -> Option<&str> {
        self.current().map(|p| p.id.as_str())
    }

    pub fn is_finished(&self) -> bool {
        self.position >= self.phases.len()
    }

    /// (phases afgerond, phases in total).
    pub fn progress(&self) -> (usize, usize) {
        (self.position.min(self.phases.len()), self.phases.len())
    }

    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// Every phase with its state, in order.
    pub fn timeline(&self) -> Vec<TimelineEntry<'_>> {
        self.phases
            .iter()
            .enumerate()
            .map(|(i, phase)| TimelineEntry {
                number: i + 1,
                phase,
                state: match i.cmp(&self.position) {
                    std::cmp::Ordering::Less => PhaseState::Afgerond,
                    std::cmp::Ordering::Equal => PhaseState::Huidig,
                    std::cmp::Ordering::Greater => PhaseState::Gepland,
                },
            })
            .collect()
    }

    /// Complete the current phase and start the next (or finish the trajectory).
    pub fn advance(&self) -> Result<(Self, Vec<TrajectoryEvent>), TrajectoryError> {
        let done = self.current().ok_or(TrajectoryError::Finished)?;
        let next = Self { phases: self.phases.clone(), position: self.position + 1 };
        let mut events = vec![TrajectoryEvent::PhaseCompleted { phase: done.id.clone() }];
        events.push(match next.current() {
            Some(p) => TrajectoryEvent::PhaseStarted { phase: p.id.clone() },
            None => TrajectoryEvent::TrajectoryCompleted,
        });
        Ok((next, events))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phases(ids: &[&str]) -> Vec<Phase> {
        ids.iter().map(|id| Phase::new(*id, id.replace('-', " "))).collect()
    }

    fn gwgb() -> Vec<Phase> {
        phases(&["zelfevaluatie", "plan-van-aanpak", "uitvoering", "afronding"])
    }

    fn states(t: &Trajectory) -> Vec<PhaseState> {
        t.timeline().iter().map(|e| e.state).collect()
    }

    #[test]
    fn a_new_trajectory_starts_at_the_first_phase() {
        let t = Trajectory::new(&gwgb()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.current_id(), Some("zelfevaluatie"));
        assert_eq!(t.progress(), (0, 4));
        use PhaseState::*;
        assert_eq!(states(&t), vec![Huidig, Gepland, Gepland, Gepland]);
        assert_eq!(t.timeline()[3].number, 4);
    }

    #[test]
    fn a_programme_without_phases_cannot_start_a_trajectory() {
        assert_eq!(Trajectory::new(&[]), Err(TrajectoryError::NoPhases));
    }

    #[test]
    fn advancing_completes_the_current_phase_and_starts_the_next() {
        let t = Trajectory::new(&gwgb()).unwrap_or_else(|e| panic!("{e}"));
        let (t2, events) = t.advance().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.current_id(), Some("zelfevaluatie"), "advance leaves the original untouched");
        assert_eq!(t2.current_id(), Some("plan-van-aanpak"));
        assert_eq!(
            events,
            vec![
                TrajectoryEvent::PhaseCompleted { phase: "zelfevaluatie".into() },
                TrajectoryEvent::PhaseStarted { phase: "plan-van-aanpak".into() }
            ]
        );
        use PhaseState::*;
        assert_eq!(states(&t2), vec![Afgerond, Huidig, Gepland, Gepland]);
    }

    #[test]
    fn advancing_past_the_last_phase_finishes_and_then_refuses() {
        let mut t = Trajectory::new(&gwgb()).unwrap_or_else(|e| panic!("{e}"));
        let mut last = Vec::new();
        for _ in 0..4 {
            (t, last) = t.advance().unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(last.last(), Some(&TrajectoryEvent::TrajectoryCompleted));
        assert!(t.is_finished());
        assert_eq!(t.current(), None);
        assert_eq!(t.progress(), (4, 4));
        assert!(states(&t).iter().all(|s| *s == PhaseState::Afgerond));
        assert_eq!(
            t.advance().err().map(|e| e.to_string()).as_deref(),
            Some("dit traject is afgerond; er is geen volgende fase")
        );
    }

    #[test]
    fn a_stored_trajectory_resumes_where_it_was() {
        let p = gwgb();
        let t = Trajectory::resume(&p, Some("uitvoering")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.progress(), (2, 4));
        assert!(Trajectory::resume(&p, None).is_ok_and(|t| t.is_finished()));
        assert_eq!(Trajectory::resume(&p, Some("onbekend")), Err(TrajectoryError::UnknownPhase("onbekend".into())));
        for id in ["zelfevaluatie", "afronding"] {
            let t = Trajectory::resume(&p, Some(id)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.current_id(), Some(id));
        }
    }
}
