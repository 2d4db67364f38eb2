//! The formats shipped with Koers (filled in as the formats are added).
