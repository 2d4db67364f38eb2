//! The register's own vocabulary: the fields of a school a person may have edited by hand
//! ([`ManualField`]). An import never overwrites such a field silently; it reports that it kept
//! it.

use serde::{Deserialize, Serialize};

/// A register field of a school, as kept in `schools.manual_fields` (a JSON list of codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManualField {
    Name,
    Place,
    Municipality,
    Province,
    Denomination,
    BoardNumber,
    Schoolweging,
    Website,
    Kind,
    Clusters,
    Lat,
    Lon,
}

impl ManualField {
    pub const ALL: [ManualField; 12] = [
        ManualField::Name,
        ManualField::Place,
        ManualField::Municipality,
        ManualField::Province,
        ManualField::Denomination,
        ManualField::BoardNumber,
        ManualField::Schoolweging,
        ManualField::Website,
        ManualField::Kind,
        ManualField::Clusters,
        ManualField::Lat,
        ManualField::Lon,
    ];

    /// The stored code (`board_number`), the same as the serde name and the field's name.
    pub fn code(self) -> &'static str {
        match self {
            ManualField::Name => "name",
            ManualField::Place => "place",
            ManualField::Municipality => "municipality",
            ManualField::Province => "province",
            ManualField::Denomination => "denomination",
            ManualField::BoardNumber => "board_number",
            ManualField::Schoolweging => "schoolweging",
            ManualField::Website => "website",
            ManualField::Kind => "kind",
            ManualField::Clusters => "clusters",
            ManualField::Lat => "lat",
            ManualField::Lon => "lon",
        }
    }

    /// The field with this stored code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

impl std::fmt::Display for ManualField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serde_names_and_read_back() {
        for m in ManualField::ALL {
            assert_eq!(serde_json::to_value(m).ok(), Some(serde_json::Value::String(m.code().to_owned())));
            assert_eq!(ManualField::from_code(m.code()), Some(m));
        }
        assert_eq!(ManualField::from_code("ovt"), None);
        let stored: Vec<ManualField> = serde_json::from_str(r#"["name","website"]"#).unwrap_or_default();
        assert_eq!(stored, [ManualField::Name, ManualField::Website]);
    }
}
