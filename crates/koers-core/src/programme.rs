//! Programme entry-rule settings (`programmes/*.toml`): a programme's rule is data, so the
//! PO-Raad can change the band or publish its own table without a code change.

use serde::Deserialize;

pub const SHIPPED: &[(&str, &str)] = &[
    ("gwgb-plus-school.toml", include_str!("../../../programmes/gwgb-plus-school.toml")),
    ("gwgb-plus-gespecialiseerd.toml", include_str!("../../../programmes/gwgb-plus-gespecialiseerd.toml")),
];

/// The results-band rule (GWGB+ school, DOMAIN §2).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandRule {
    /// grenswaarde = signaleringswaarde + fraction × (comparable mean − signaleringswaarde).
    pub grens_fraction: f64,
    pub min_indicators_below_grens: u8,
    pub refer_when_onvoldoende: bool,
    pub refer_when_herstelopdracht: bool,
}

impl Default for BandRule {
    fn default() -> Self {
        Self {
            grens_fraction: 0.5,
            min_indicators_below_grens: 1,
            refer_when_onvoldoende: true,
            refer_when_herstelopdracht: true,
        }
    }
}

/// The qualitative rule for sbo, so and vso (DOMAIN §2).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialRule {
    pub refer_when_onvoldoende: bool,
    pub refer_when_herstelopdracht: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RuleSettings {
    ResultsBand(BandRule),
    SpecialEducation(SpecialRule),
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRules {
    pub id: String,
    pub name: String,
    /// Id of the norm table the rule uses (results-band rules only).
    #[serde(default)]
    pub norms: Option<String>,
    pub rule: RuleSettings,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("programma-instellingen {file}: {detail}")]
pub struct ProgrammeError {
    pub file: String,
    pub detail: String,
}

impl ProgrammeRules {
    pub fn from_toml(file: &str, text: &str) -> Result<Self, ProgrammeError> {
        let p: Self =
            toml::from_str(text).map_err(|e| ProgrammeError { file: file.into(), detail: e.message().to_owned() })?;
        if let RuleSettings::ResultsBand(b) = p.rule {
            if !(0.0..=1.0).contains(&b.grens_fraction) {
                return Err(ProgrammeError {
                    file: file.into(),
                    detail: "grens_fraction moet tussen 0 en 1 liggen".into(),
                });
            }
            if !(1..=2).contains(&b.min_indicators_below_grens) {
                return Err(ProgrammeError {
                    file: file.into(),
                    detail: "min_indicators_below_grens moet 1 of 2 zijn".into(),
                });
            }
            if p.norms.is_none() {
                return Err(ProgrammeError {
                    file: file.into(),
                    detail: "een resultatenband-regel heeft 'norms' nodig".into(),
                });
            }
        }
        Ok(p)
    }

    /// The programme rules shipped with Koers.
    pub fn shipped() -> Result<Vec<Self>, ProgrammeError> {
        SHIPPED.iter().map(|(f, t)| Self::from_toml(f, t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_programmes_load() {
        let ps = ProgrammeRules::shipped().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].rule, RuleSettings::ResultsBand(BandRule::default()));
        assert!(matches!(ps[1].rule, RuleSettings::SpecialEducation(_)));
    }

    #[test]
    fn bad_settings_are_refused_with_the_field_named() {
        let t = SHIPPED[0].1.replace("grens_fraction = 0.5", "grens_fraction = 1.5");
        let e = ProgrammeRules::from_toml("p.toml", &t).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("programma-instellingen p.toml: grens_fraction moet tussen 0 en 1 liggen"));
        let t = SHIPPED[0].1.replace("kind = \"results-band\"", "kind = \"lottery\"");
        assert!(ProgrammeRules::from_toml("p.toml", &t).is_err());
    }
}
