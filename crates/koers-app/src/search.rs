//! An in-memory school search index in front of [`StoreRead::search_schools`](crate::store::StoreRead::search_schools).
//!
//! The public search is the hottest page; a `LIKE '%q%'` scan per request (SQLite or PG) costs
//! ≈ 0,5 ms of a core. The index keeps every school with its lowercase search text and answers
//! with exactly the store's semantics (substring on name + BRIN + ovt + place; exact BRIN/ovt
//! first, then name prefix, then by search text and ovt). It reloads from the store when older
//! than its time-to-live, or at once after [`SchoolIndex::invalidate`] (called by this process
//! after an import or an edit). With several app servers another server's change shows up
//! within the TTL.

use crate::store::{School, StoreRead, StoreResult};
use std::sync::{Arc, RwLock};

#[derive(Debug)]
struct Snapshot {
    loaded_at: i64,
    /// Sorted by (search text, ovt).
    entries: Vec<(String, School)>,
}

#[derive(Debug)]
pub struct SchoolIndex {
    ttl_secs: i64,
    /// Bumped by every [`SchoolIndex::invalidate`]: other caches of register data (the web's
    /// page cache) watch it to learn, without a query, that this process changed the register.
    generation: std::sync::atomic::AtomicU64,
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    reload: tokio::sync::Mutex<()>,
}

/// The lowercase text a school search matches: name first (so a prefix of it is a name prefix),
/// then BRIN, ovt and place. The stores keep it in `schools.search_text`; the index computes it
/// the same way, from this one function.
pub fn search_text_parts(name: &str, brin: &str, ovt: &str, place: Option<&str>) -> String {
    format!("{name} {brin} {ovt} {}", place.unwrap_or_default()).trim_end().to_lowercase()
}

/// [`search_text_parts`] of a school.
pub fn search_text(s: &School) -> String {
    search_text_parts(&s.name, &s.brin, s.ovt.as_str(), s.place.as_deref())
}

impl SchoolIndex {
    pub fn new(ttl_secs: i64) -> Self {
        Self {
            ttl_secs,
            generation: std::sync::atomic::AtomicU64::new(0),
            snapshot: RwLock::new(None),
            reload: tokio::sync::Mutex::new(()),
        }
    }

    /// How many times [`SchoolIndex::invalidate`] was called.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Forget the loaded schools; the next search reloads.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
        if let Ok(mut g) = self.snapshot.write() {
            *g = None;
        }
    }

    fn current(&self, now: i64) -> Option<Arc<Snapshot>> {
        let g = self.snapshot.read().ok()?;
        g.as_ref().filter(|s| now - s.loaded_at < self.ttl_secs).cloned()
    }

    async fn load(&self, store: &dyn StoreRead, now: i64) -> StoreResult<Arc<Snapshot>> {
        if let Some(s) = self.current(now) {
            return Ok(s);
        }
        // One reload at a time; the others wait and then use it.
        let _guard = self.reload.lock().await;
        if let Some(s) = self.current(now) {
            return Ok(s);
        }
        let mut entries: Vec<(String, School)> =
            store.all_schools().await?.into_iter().map(|s| (search_text(&s), s)).collect();
        entries.sort_by(|a, b| (&a.0, &a.1.ovt).cmp(&(&b.0, &b.1.ovt)));
        let snap = Arc::new(Snapshot { loaded_at: now, entries });
        if let Ok(mut g) = self.snapshot.write() {
            *g = Some(Arc::clone(&snap));
        }
        Ok(snap)
    }

    /// Same answer as `store.search_schools(query, limit)`.
    pub async fn search(&self, store: &dyn StoreRead, query: &str, limit: i64, now: i64) -> StoreResult<Vec<School>> {
        let snap = self.load(store, now).await?;
        Ok(search_in(&snap.entries, query, limit))
    }
}

fn search_in(entries: &[(String, School)], query: &str, limit: i64) -> Vec<School> {
    let limit = usize::try_from(limit.max(0)).unwrap_or(0);
    let q = query.trim();
    let lower = q.to_lowercase();
    let exact = q.to_uppercase();
    let (mut exact_hits, mut prefix_hits, mut rest) = (Vec::new(), Vec::new(), Vec::new());
    for (text, s) in entries {
        if !text.contains(&lower) {
            continue;
        }
        if s.brin.to_uppercase() == exact || s.ovt == exact.as_str() {
            exact_hits.push(s);
        } else if text.starts_with(&lower) {
            if prefix_hits.len() < limit {
                prefix_hits.push(s);
            }
        } else if rest.len() < limit {
            rest.push(s);
        }
    }
    exact_hits.into_iter().chain(prefix_hits).chain(rest).take(limit).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Sector;
    use koers_core::ids::SchoolId;

    fn school(id: i64, ovt: &str, name: &str, place: &str) -> School {
        School {
            id: SchoolId::new(id),
            ovt: koers_core::codes::Ovt::parse(ovt).unwrap_or_else(|e| panic!("{e}")),
            brin: ovt[..4].into(),
            name: name.into(),
            place: Some(place.into()),
            municipality: None,
            province: None,
            denomination: None,
            board_number: None,
            sector: Sector::Po,
            schoolweging: None,
            website: None,
            kind: None,
            clusters: vec![],
            lat: None,
            lon: None,
            manual_fields: vec![],
            version: 1,
            updated_at: 0,
        }
    }

    #[test]
    fn exact_brin_first_then_name_prefix_then_the_rest() {
        let mut entries: Vec<(String, School)> = [
            school(1, "00AP|C1", "WereldWijs", "ZOETERMEER"),
            school(2, "00AV|C1", "De Morgenster", "SPIJKENISSE"),
            school(3, "11MO|C1", "Morgenster", "ASSEN"),
            school(4, "00MO|C1", "Zonnewijzer", "MORGENSTERDORP"),
        ]
        .into_iter()
        .map(|s| (search_text(&s), s))
        .collect();
        entries.sort_by(|a, b| (&a.0, &a.1.ovt).cmp(&(&b.0, &b.1.ovt)));
        let ids = |q: &str, l| search_in(&entries, q, l).iter().map(|s| s.id.get()).collect::<Vec<_>>();
        assert_eq!(ids("morgenster", 10), vec![3, 2, 4]);
        assert_eq!(ids("00av", 10), vec![2]);
        assert_eq!(ids("00ap|c1", 10), vec![1]);
        assert_eq!(ids("MORGENSTER", 1), vec![3]);
        assert_eq!(ids("%", 10), Vec::<i64>::new(), "no wildcards");
    }
}
