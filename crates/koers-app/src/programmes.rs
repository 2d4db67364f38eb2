//! The programmes in force: the definitions a beheerder keeps in the store (a programme is data),
//! or the shipped defaults while the store holds none.

use crate::error::Result;
use crate::store::StoreRead;
use koers_core::programme::ProgrammeRules;

/// Active programmes. Stored definitions were validated when saved; one that no longer parses
/// (e.g. after a format change) is skipped and reported through `tracing`-free `Err` only when
/// nothing usable remains.
pub async fn active(store: &dyn StoreRead) -> Result<Vec<ProgrammeRules>> {
    let stored = store.programme_definitions().await?;
    if stored.is_empty() {
        return Ok(ProgrammeRules::shipped()?);
    }
    let parsed: Vec<ProgrammeRules> = stored
        .iter()
        .filter(|d| d.active)
        .filter_map(|d| ProgrammeRules::from_toml(&format!("programma {}", d.id), &d.definition_toml).ok())
        .collect();
    if parsed.is_empty() {
        // Every active definition fails to parse: report the first one's problem.
        if let Some(d) = stored.iter().find(|d| d.active) {
            ProgrammeRules::from_toml(&format!("programma {}", d.id), &d.definition_toml)?;
        }
    }
    Ok(parsed)
}
