//! The installation's theme flags of `koers serve` and `koers demo` (README, "Huisstijl").

use crate::error::CliError;
use clap::Args;
use std::path::PathBuf;

/// The organiser's name, colour and logo on top of the NL Design System.
#[derive(Debug, Args, Default)]
pub struct ThemeArgs {
    /// Naam van de organisator in de paginakop (bv. "Stichting Leerkracht").
    #[arg(long, env = "KOERS_THEMA_ORGANISATIE", default_value = "")]
    pub thema_organisatie: String,
    /// Huiskleur als #rrggbb; donker genoeg voor witte tekst (contrast minstens 4,5:1).
    #[arg(long, env = "KOERS_THEMA_KLEUR", default_value = koers_web::theme::DEFAULT_COLOUR)]
    pub thema_kleur: String,
    /// Logo van de organisator (PNG, JPEG, SVG of WebP, hoogstens 256 kB).
    #[arg(long, env = "KOERS_THEMA_LOGO")]
    pub thema_logo: Option<PathBuf>,
}

impl ThemeArgs {
    /// Read the logo and check the settings; a refusal names the setting (Dutch).
    pub fn theme(&self) -> Result<koers_web::theme::Theme, CliError> {
        let logo = match &self.thema_logo {
            None => None,
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    crate::error::log_detail("serve", &e.to_string());
                    CliError::Usage(format!(
                        "thema-logo: {} is niet te lezen: {}",
                        path.display(),
                        koers_app::error_nl::io(&e)
                    ))
                })?;
                Some((path.to_string_lossy().into_owned(), bytes))
            }
        };
        koers_web::theme::Theme::new(
            &self.thema_organisatie,
            &self.thema_kleur,
            logo.as_ref().map(|(n, b)| (n.as_str(), b.clone())),
        )
        .map_err(|e| CliError::Usage(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_colour_or_unreadable_logo_is_a_usage_error_naming_the_setting() {
        let bad = ThemeArgs { thema_kleur: "#ffffff".into(), ..ThemeArgs::default() };
        let e = bad.theme().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.starts_with("thema-kleur: #ffffff is te licht"), "{e}");
        let missing = ThemeArgs {
            thema_kleur: "#0b3d6e".into(),
            thema_logo: Some(PathBuf::from("/bestaat/niet.png")),
            ..ThemeArgs::default()
        };
        let e = missing.theme().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.starts_with("thema-logo: /bestaat/niet.png is niet te lezen"), "{e}");
        let ok = ThemeArgs { thema_organisatie: "X".into(), thema_kleur: "#0b3d6e".into(), thema_logo: None };
        assert!(ok.theme().is_ok());
    }
}
