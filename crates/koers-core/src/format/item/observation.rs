//! The `observation` kind (klassenbezoeken) and the kijkwijzers it scores on.

use super::{is_one, note_max, one};
use serde::{Deserialize, Serialize};

/// Klassenbezoeken scored on one of the format's kijkwijzers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// Id of a kijkwijzer in [`crate::format::Format::kijkwijzers`].
    pub kijkwijzer: String,
    /// How many visits count as enough for completeness.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub min_visits: u32,
    /// The most visits one answer may hold (1–200).
    pub max_visits: u32,
    #[serde(default = "note_max")]
    pub note_max_chars: u32,
}

/// One look-for of a kijkwijzer, scored 1–4 per visit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KijkwijzerItem {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KijkwijzerDomain {
    pub id: String,
    pub title: String,
    /// The standard the domain informs (OP3), when the format declares standards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    pub items: Vec<KijkwijzerItem>,
}

/// An observation instrument: domains of look-fors and the labels of its four-point scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kijkwijzer {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Exactly four labels, for score 1 up to 4.
    pub scale: Vec<String>,
    pub domains: Vec<KijkwijzerDomain>,
}

impl Kijkwijzer {
    /// Every look-for with its domain, in order.
    pub fn items(&self) -> impl Iterator<Item = (&KijkwijzerDomain, &KijkwijzerItem)> {
        self.domains.iter().flat_map(|d| d.items.iter().map(move |i| (d, i)))
    }
    pub fn item(&self, id: &str) -> Option<(&KijkwijzerDomain, &KijkwijzerItem)> {
        self.items().find(|(_, i)| i.id == id)
    }
}
