//! The public start page's use cases (see [`crate::support`]).

use super::App;
use crate::error::Result;
use crate::support::{self, Advice, Answers, Subject};
use koers_core::access::Principal;
use koers_core::eligibility::QualifyingTable;
use koers_core::programme::ProgrammeRules;

impl App {
    /// "Welke ondersteuning past bij ons?": every programme for the school or board, decided on
    /// the answers so far (recorded verdicts only for someone who may see them).
    pub async fn advise(
        &self,
        principal: Option<&Principal>,
        subject: Subject,
        answers: &Answers,
        now: i64,
    ) -> Result<Advice> {
        let programmes = self.programmes_in_force().await?;
        support::advise(self.read(), &programmes, self.norms(), principal, subject, answers, now).await
    }

    /// The staff map of a programme's schools (its band, or its sectors).
    pub async fn band_map(&self, who: &Principal, programme_id: &str) -> Result<crate::band_map::BandMap> {
        let programmes = self.programmes_in_force().await?;
        crate::band_map::band_map(self.read(), &programmes, self.norms(), who, programme_id).await
    }

    /// "Waarden om mee te kunnen doen" from the band programme's stored rule.
    pub async fn qualifying_values(&self) -> Result<(ProgrammeRules, QualifyingTable)> {
        support::qualifying_values(&*self.programmes_in_force().await?, self.norms())
    }
}
