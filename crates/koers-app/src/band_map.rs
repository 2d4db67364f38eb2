//! The staff map of a programme's schools (issue 10 §3): for a results-band programme the
//! schools its rule puts in the band (komt in aanmerking, by the programme's own stored rule);
//! for any other programme the schools of its sectors. Each with the coordinates the register
//! holds (schools without coordinates are listed, not plotted). Programme staff of that programme
//! and beheerders only.

use crate::error::{Error, Result};
use crate::programmes::Programmes;
use crate::schools::screen_register;
use crate::store::{School, StoreRead};
use koers_core::access::{Action, Principal, Resource, may};
use koers_core::programme::{Audience, ProgrammeRules};
use koers_core::{NormLibrary, TrafficLight, Verdict};

/// One school on the map.
#[derive(Debug, Clone)]
pub struct MapSchool {
    pub school: School,
    /// Koers' light for a band programme (`None` otherwise).
    pub light: Option<TrafficLight>,
}

#[derive(Debug, Clone)]
pub struct BandMap {
    pub programme: ProgrammeRules,
    /// By province, then name.
    pub schools: Vec<MapSchool>,
    /// A results-band programme (the schools are the ones in its band).
    pub is_band: bool,
}

pub async fn band_map(
    store: &dyn StoreRead,
    programmes: &Programmes,
    norms: &NormLibrary,
    who: &Principal,
    programme_id: &str,
) -> Result<BandMap> {
    if !may(Some(who), Action::View, Resource::ProgrammeScreening) || !who.may_see_programme(programme_id) {
        return Err(Error::Forbidden);
    }
    let p = programmes.get(programme_id).ok_or(Error::NotFound)?.clone();
    let mut schools: Vec<MapSchool> = match p.band_rule() {
        Some(rule) => screen_register(store, norms, rule)
            .await?
            .into_iter()
            .filter(|(s, o)| p.fits(Audience::School, s.sector) && o.eligibility.verdict == Verdict::Eligible)
            .map(|(school, o)| MapSchool { light: o.eligibility.light(), school })
            .collect(),
        None => store
            .all_schools()
            .await?
            .into_iter()
            .filter(|s| p.sectors.contains(&s.sector))
            .map(|school| MapSchool { school, light: None })
            .collect(),
    };
    schools.sort_by(|a, b| a.school.province.cmp(&b.school.province).then_with(|| a.school.name.cmp(&b.school.name)));
    Ok(BandMap { is_band: p.band_rule().is_some(), programme: p, schools })
}
