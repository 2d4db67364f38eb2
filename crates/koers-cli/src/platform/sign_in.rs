//! The sign-in flags of `koers serve` and `koers demo` (README, "Inloggen via de organisatie"):
//! OpenID providers, password login per role, and the public base URL the providers send
//! people back to.

use crate::error::CliError;
use clap::Args;
use koers_core::access::RoleKind;
use std::path::PathBuf;

#[derive(Debug, Args, Default)]
pub struct SignInArgs {
    /// Bestand (TOML) met de OpenID-providers waarmee mensen via hun organisatie inloggen
    /// (SURFconext, Entree Federatie, …); zie README.
    #[arg(long, env = "KOERS_OIDC_PROVIDERS", value_name = "BESTAND")]
    pub oidc_providers: Option<PathBuf>,
    /// Zet inloggen met een wachtwoord uit voor deze rol (beheerder, programmamedewerker, expert,
    /// schoolleider, bestuurder); mag vaker. Die accounts loggen in via hun organisatie.
    #[arg(long = "wachtwoord-uit", value_name = "ROL")]
    pub wachtwoord_uit: Vec<String>,
    /// Het openbare adres van Koers, bv. https://koers.example.nl (voor de terugkeeradressen
    /// van de providers); standaard http://<listen>.
    #[arg(long, env = "KOERS_BASE_URL", value_name = "URL")]
    pub base_url: Option<String>,
}

impl SignInArgs {
    /// The roles whose password login is off; an unknown role names the flag.
    pub fn password_off(&self) -> Result<Vec<RoleKind>, CliError> {
        self.wachtwoord_uit
            .iter()
            .map(|r| {
                RoleKind::from_code(r).ok_or_else(|| {
                    CliError::Usage(format!(
                        "wachtwoord-uit: {r:?} is geen rol (beheerder, programmamedewerker, expert, schoolleider, bestuurder)"
                    ))
                })
            })
            .collect()
    }

    /// The configured providers (none without `--oidc-providers`).
    pub fn providers(&self) -> Result<Vec<koers_web::auth::oidc::config::ProviderConfig>, CliError> {
        match &self.oidc_providers {
            None => Ok(Vec::new()),
            Some(p) => {
                koers_web::auth::oidc::config::load(p).map_err(|e| CliError::Usage(format!("oidc-providers: {e}")))
            }
        }
    }

    /// `--base-url`, else `http://<listen>`.
    pub fn base_url(&self, listen: std::net::SocketAddr) -> String {
        self.base_url.clone().map_or_else(|| format!("http://{listen}"), |u| u.trim_end_matches('/').to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_off_takes_role_codes_and_names_the_flag() {
        let ok = SignInArgs { wachtwoord_uit: vec!["schoolleider".into(), "bestuurder".into()], ..Default::default() };
        assert_eq!(ok.password_off().ok(), Some(vec![RoleKind::Schoolleider, RoleKind::Bestuurder]));
        let bad = SignInArgs { wachtwoord_uit: vec!["directeur".into()], ..Default::default() };
        assert!(bad.password_off().err().map(|e| e.to_string()).unwrap_or_default().contains("wachtwoord-uit"));
    }
}
