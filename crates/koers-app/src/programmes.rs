//! The programmes in force: the definitions a beheerder keeps in the store (a programme is data),
//! or the shipped defaults while the store holds none.

use crate::store::{Store, StoreError};
use koers_core::programme::ProgrammeRules;

/// Active programmes. Stored definitions were validated when saved; one that no longer parses
/// (e.g. after a format change) is skipped and reported through `tracing`-free `Err` only when
/// nothing usable remains.
pub async fn active(store: &dyn Store) -> Result<Vec<ProgrammeRules>, StoreError> {
    let stored = store.programme_definitions().await?;
    if stored.is_empty() {
        return ProgrammeRules::shipped().map_err(|e| StoreError::Backend(e.to_string()));
    }
    let parsed: Vec<ProgrammeRules> = stored
        .iter()
        .filter(|d| d.active)
        .filter_map(|d| ProgrammeRules::from_toml(&format!("programma {}", d.id), &d.definition_toml).ok())
        .collect();
    if parsed.is_empty() && stored.iter().any(|d| d.active) {
        return Err(StoreError::Backend("geen enkele opgeslagen programmadefinitie is leesbaar".into()));
    }
    Ok(parsed)
}
