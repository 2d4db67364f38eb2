//! The providers an installation offers (`koers serve --oidc-providers providers.toml`).
//!
//! ```toml
//! [[provider]]
//! id = "surfconext"                       # in URLs: /inloggen/oidc/surfconext
//! name = "SURFconext"                     # on the button: "Inloggen via SURFconext"
//! issuer = "https://connect.surfconext.nl" # byte for byte as the provider publishes it
//! client_id = "koers.example.nl"
//! client_secret_env = "KOERS_SURFCONEXT_SECRET"   # or client_secret = "…"
//! email_claim = "email"                   # default
//! organisation_claim = "schac_home_organization"
//! trust_email = true                      # the provider checks every address it sends
//! scopes = ["openid", "email", "profile"] # default
//! ```

use serde::Deserialize;

/// One OpenID provider.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    pub id: String,
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The environment variable holding the secret (keeps it out of the file).
    #[serde(default)]
    pub client_secret_env: Option<String>,
    #[serde(default = "default_email_claim")]
    pub email_claim: String,
    #[serde(default)]
    pub organisation_claim: Option<String>,
    /// Count addresses as verified when the provider sends no `email_verified` claim.
    #[serde(default)]
    pub trust_email: bool,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
}

fn default_email_claim() -> String {
    "email".into()
}

fn default_scopes() -> Vec<String> {
    ["openid", "email", "profile"].map(String::from).to_vec()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    provider: Vec<ProviderConfig>,
}

impl ProviderConfig {
    /// The client secret: from the file, else from `client_secret_env`.
    pub fn secret(&self) -> Option<String> {
        self.client_secret
            .clone()
            .or_else(|| self.client_secret_env.as_deref().and_then(|v| std::env::var(v).ok()))
            .filter(|s| !s.is_empty())
    }
}

/// Parse and check a providers file; the message names the provider and the setting (Dutch).
pub fn parse(text: &str) -> Result<Vec<ProviderConfig>, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("providers-bestand: {e}"))?;
    let mut seen = std::collections::HashSet::new();
    for p in &file.provider {
        let at = |field: &str, what: &str| format!("provider {:?}, {field}: {what}", p.id);
        if p.id.is_empty() || !p.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
            return Err(at("id", "gebruik kleine letters, cijfers en '-' (het id staat in de URL)"));
        }
        if !seen.insert(p.id.clone()) {
            return Err(at("id", "komt twee keer voor"));
        }
        if p.name.trim().is_empty() {
            return Err(at("name", "vul de naam in die op de knop komt"));
        }
        let issuer_ok = p.issuer.starts_with("https://")
            || p.issuer.starts_with("http://127.0.0.1")
            || p.issuer.starts_with("http://localhost");
        if !issuer_ok {
            return Err(at("issuer", "moet met https:// beginnen (alleen lokaal mag http)"));
        }
        if p.client_id.trim().is_empty() {
            return Err(at("client_id", "ontbreekt"));
        }
        if p.secret().is_none() {
            return Err(at("client_secret", "ontbreekt (of de variabele in client_secret_env is leeg)"));
        }
        if !p.scopes.iter().any(|s| s == "openid") {
            return Err(at("scopes", "moet \"openid\" bevatten"));
        }
    }
    Ok(file.provider)
}

/// Read and [`parse`] a providers file.
pub fn load(path: &std::path::Path) -> Result<Vec<ProviderConfig>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("kan {} niet lezen: {e}", path.display()))?;
    parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_providers_file_reads_with_defaults_and_errors_name_the_setting() {
        let ok = parse(
            r#"[[provider]]
id = "surfconext"
name = "SURFconext"
issuer = "https://connect.surfconext.nl"
client_id = "koers"
client_secret = "s"
organisation_claim = "schac_home_organization"
trust_email = true
"#,
        );
        let ok = ok.unwrap_or_default();
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].email_claim, "email");
        assert_eq!(ok[0].scopes, ["openid", "email", "profile"]);
        let bad = parse(
            "[[provider]]\nid = \"x\"\nname = \"X\"\nissuer = \"http://idp.example\"\nclient_id = \"k\"\nclient_secret = \"s\"\n",
        );
        assert!(bad.err().unwrap_or_default().contains("issuer"));
        let no_secret =
            parse("[[provider]]\nid = \"x\"\nname = \"X\"\nissuer = \"https://idp.example\"\nclient_id = \"k\"\n");
        assert!(no_secret.err().unwrap_or_default().contains("client_secret"));
        assert!(parse("[[provider]]\nid = \"x\"\nnaam = \"X\"\n").is_err(), "unknown settings are refused");
    }
}
