//! The one rule of which artefact completes which phase (issue 8 §5). A programme's phase says
//! what completes it (`completes_on`, and for a form the `format` it works on); the use cases
//! that submit or confirm a form or make a plan vastgesteld ask [`phase_after`] whether the
//! trajectory moves on, and write that move in the artefact's own transaction.

use super::{Phase, PhaseCompletion};

/// What just happened to one of a trajectory's artefacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artefact<'a> {
    /// The participant submitted the form of this format (a frozen baseline exists).
    FormSubmitted(&'a str),
    /// The expert (or staff) confirmed the submitted form of this format.
    FormConfirmed(&'a str),
    /// The last signature made a plan version vastgesteld.
    PlanSigned,
}

impl Artefact<'_> {
    /// The `completes_on` value this artefact answers to.
    pub fn completion(self) -> PhaseCompletion {
        match self {
            Artefact::FormSubmitted(_) => PhaseCompletion::FormatIngediend,
            Artefact::FormConfirmed(_) => PhaseCompletion::FormatBevestigd,
            Artefact::PlanSigned => PhaseCompletion::PlanGetekend,
        }
    }

    /// A Dutch line for the audit entry's reason.
    pub fn reason_nl(self) -> String {
        match self {
            Artefact::FormSubmitted(f) => format!("format {f} ingediend"),
            Artefact::FormConfirmed(f) => format!("format {f} bevestigd"),
            Artefact::PlanSigned => "plan vastgesteld".to_owned(),
        }
    }
}

impl Phase {
    /// Does `artefact` complete this phase? Only when the phase says it completes on that kind
    /// of artefact — and, for a form, on the form of the phase's own format. A phase completed
    /// by hand is never completed by an artefact.
    pub fn completed_by(&self, artefact: Artefact<'_>) -> bool {
        if self.completes_on != artefact.completion() {
            return false;
        }
        match artefact {
            Artefact::FormSubmitted(f) | Artefact::FormConfirmed(f) => self.format.as_deref() == Some(f),
            Artefact::PlanSigned => true,
        }
    }
}

/// The phase a trajectory standing in phase `current` of `phases` moves to when `artefact`
/// happens: `Some(current + 1)` (the number of phases: afgerond) when that phase is completed by
/// it, else `None` (also for a `current` past the last phase).
pub fn phase_after(phases: &[Phase], current: usize, artefact: Artefact<'_>) -> Option<usize> {
    phases.get(current).filter(|p| p.completed_by(artefact)).map(|_| current + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(format: Option<&str>, completes_on: PhaseCompletion) -> Phase {
        Phase { id: "p".into(), name: "P".into(), format: format.map(str::to_owned), completes_on }
    }

    #[test]
    fn each_artefact_completes_only_the_phase_that_names_it() {
        use PhaseCompletion::*;
        let cases = [
            (phase(Some("zelfevaluatie-po"), FormatIngediend), Artefact::FormSubmitted("zelfevaluatie-po"), true),
            (phase(Some("zelfevaluatie-po"), FormatIngediend), Artefact::FormSubmitted("review"), false),
            (phase(Some("zelfevaluatie-po"), FormatIngediend), Artefact::FormConfirmed("zelfevaluatie-po"), false),
            (phase(Some("zelfevaluatie-po"), FormatBevestigd), Artefact::FormConfirmed("zelfevaluatie-po"), true),
            (phase(Some("zelfevaluatie-po"), FormatBevestigd), Artefact::FormSubmitted("zelfevaluatie-po"), false),
            (phase(None, FormatBevestigd), Artefact::FormConfirmed("zelfevaluatie-po"), false),
            (phase(None, PlanGetekend), Artefact::PlanSigned, true),
            (phase(Some("npo-schoolscan"), PlanGetekend), Artefact::PlanSigned, true),
            (phase(None, PlanGetekend), Artefact::FormConfirmed("zelfevaluatie-po"), false),
            (phase(Some("zelfevaluatie-po"), Handmatig), Artefact::FormSubmitted("zelfevaluatie-po"), false),
            (phase(None, Handmatig), Artefact::PlanSigned, false),
        ];
        for (p, a, expected) in cases {
            assert_eq!(p.completed_by(a), expected, "{p:?} by {a:?}");
        }
    }

    #[test]
    fn the_move_goes_to_the_next_phase_or_afgerond_and_never_past_the_end() {
        let phases = [
            phase(Some("zelfevaluatie-bestuur"), PhaseCompletion::FormatIngediend),
            phase(Some("zelfevaluatie-bestuur"), PhaseCompletion::FormatBevestigd),
            phase(None, PhaseCompletion::PlanGetekend),
        ];
        assert_eq!(phase_after(&phases, 0, Artefact::FormSubmitted("zelfevaluatie-bestuur")), Some(1));
        assert_eq!(phase_after(&phases, 1, Artefact::FormSubmitted("zelfevaluatie-bestuur")), None);
        assert_eq!(phase_after(&phases, 1, Artefact::FormConfirmed("zelfevaluatie-bestuur")), Some(2));
        assert_eq!(phase_after(&phases, 2, Artefact::PlanSigned), Some(3), "the last phase: afgerond");
        assert_eq!(phase_after(&phases, 3, Artefact::PlanSigned), None, "afgerond stays afgerond");
        assert_eq!(phase_after(&[], 0, Artefact::PlanSigned), None);
    }
}
