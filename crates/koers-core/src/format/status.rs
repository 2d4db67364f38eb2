//! The life of a filled-in format (issue 8 §3): `concept` (drafts save per item) →
//! `ingediend` (submitted: the answers are frozen as the baseline, the 0-meting) → `bevestigd`
//! (the expert or the programme's staff confirmed it). Pure transitions with Dutch refusals.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormStatus {
    Concept,
    Ingediend,
    Bevestigd,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusError {
    #[error("dit formulier is al ingediend; antwoorden zijn niet meer te wijzigen")]
    NotEditable,
    #[error("alleen een formulier in concept kan worden ingediend (het is {0})")]
    NotConcept(&'static str),
    #[error("alleen een ingediend formulier kan worden bevestigd (het is {0})")]
    NotSubmitted(&'static str),
}

impl FormStatus {
    pub fn code(self) -> &'static str {
        match self {
            FormStatus::Concept => "concept",
            FormStatus::Ingediend => "ingediend",
            FormStatus::Bevestigd => "bevestigd",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        [FormStatus::Concept, FormStatus::Ingediend, FormStatus::Bevestigd].into_iter().find(|x| x.code() == s)
    }

    /// Answers, flags, klassenbezoeken and uploads may change only in concept. (Comments may be
    /// added at any time.)
    pub fn check_editable(self) -> Result<(), StatusError> {
        if self == FormStatus::Concept { Ok(()) } else { Err(StatusError::NotEditable) }
    }

    pub fn submit(self) -> Result<FormStatus, StatusError> {
        match self {
            FormStatus::Concept => Ok(FormStatus::Ingediend),
            other => Err(StatusError::NotConcept(other.code())),
        }
    }

    pub fn confirm(self) -> Result<FormStatus, StatusError> {
        match self {
            FormStatus::Ingediend => Ok(FormStatus::Bevestigd),
            other => Err(StatusError::NotSubmitted(other.code())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FormStatus::*;
    use super::*;

    #[test]
    fn a_form_goes_from_concept_to_ingediend_to_bevestigd_only() {
        assert_eq!(Concept.submit(), Ok(Ingediend));
        assert_eq!(Ingediend.confirm(), Ok(Bevestigd));
        assert!(Concept.confirm().is_err());
        assert!(Ingediend.submit().is_err());
        assert!(Bevestigd.submit().is_err() && Bevestigd.confirm().is_err());
        assert!(Concept.check_editable().is_ok() && Ingediend.check_editable().is_err());
        for s in [Concept, Ingediend, Bevestigd] {
            assert_eq!(FormStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(FormStatus::from_code("klaar"), None);
    }
}
