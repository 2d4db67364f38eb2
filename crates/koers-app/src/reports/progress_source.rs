//! Where the reports read voortgang (measure statuses, measurements, step-5 activities,
//! reviews) from. The one place that knows the voortgang store: the documents only see
//! [`Voortgang`].

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

/// The voortgang of trajectory `id` (none is stored yet before voortgang is recorded).
pub async fn load(_store: &dyn StoreRead, _id: TrajectoryId) -> Result<Voortgang> {
    Ok(Voortgang::default())
}
