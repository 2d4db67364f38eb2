//! Where the reports read voortgang (measure statuses, measurements, step-5 activities,
//! reviews) from. The one place that knows the voortgang store (`VoortgangRead`, issue 9
//! items 1–2): the documents only see [`Voortgang`].

use crate::error::Result;
use crate::store::StoreRead;
use koers_core::ids::TrajectoryId;
use koers_core::op_koers::PlannedReview;
use koers_core::progress::{ActivityEntry, Measurement, StatusUpdate};

/// A trajectory's voortgang, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Voortgang {
    pub status_updates: Vec<StatusUpdate>,
    pub measurements: Vec<Measurement>,
    pub activities: Vec<ActivityEntry>,
    pub reviews: Vec<PlannedReview>,
}

/// The voortgang of trajectory `id` as recorded on its voortgang pages.
pub async fn load(store: &dyn StoreRead, id: TrajectoryId) -> Result<Voortgang> {
    let stored = store.voortgang_of_trajectory(id).await?;
    let reviews = store.reviews_of_trajectory(id).await?;
    Ok(Voortgang {
        status_updates: stored.updates.into_iter().map(|r| r.update).collect(),
        measurements: stored.measurements.into_iter().map(|r| r.measurement).collect(),
        activities: stored.activities.into_iter().map(|r| r.entry).collect(),
        reviews: reviews.iter().map(|r| r.content.planned()).collect(),
    })
}
