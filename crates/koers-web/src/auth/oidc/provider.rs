//! The OpenID Connect client side (openidconnect 4, rustls; ECOSYSTEM-2 §8): discovery and the
//! provider's keys (JWKS) cached per provider, the authorization request with PKCE, state and
//! nonce, the code exchange, and the ID-token checks (signature, issuer, audience, expiry,
//! nonce). No redirects are followed (no SSRF through a provider's redirects).

use super::config::ProviderConfig;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdToken, CoreIdTokenVerifier};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet,
    EndpointNotSet, EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, Scope, TokenResponse, UserInfoClaims,
};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How long discovery and the provider's keys are kept before they are fetched again. A token
/// signed with a key not in the cache refetches at once (key rotation).
pub const CACHE_TTL: Duration = Duration::from_secs(60 * 60);
/// A provider that does not answer within this is "down".
pub const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// Why a sign-in through a provider failed before Koers' account rules were asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OidcFailure {
    #[error("de provider is niet bereikbaar")]
    ProviderDown,
    #[error("de gegevens van de provider kloppen niet met de instellingen (uitgever)")]
    Misconfigured,
    #[error("onbekende of al gebruikte inlogpoging (state)")]
    BadState,
    #[error("de provider weigerde het inloggen")]
    Denied,
    #[error("de provider gaf geen geldig token")]
    Token,
    #[error("het ID-token komt van een andere uitgever")]
    WrongIssuer,
    #[error("het ID-token is voor een andere toepassing (audience)")]
    WrongAudience,
    #[error("het ID-token is verlopen")]
    Expired,
    #[error("het ID-token hoort niet bij deze inlogpoging (nonce)")]
    WrongNonce,
    #[error("de handtekening van het ID-token klopt niet")]
    BadSignature,
    #[error("het ID-token is ongeldig")]
    Invalid,
}

impl OidcFailure {
    /// The fluent key of the message shown on the login page.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::ProviderDown => "oidc-error-down",
            Self::Misconfigured => "oidc-error-config",
            Self::BadState => "oidc-error-state",
            Self::Denied => "oidc-error-denied",
            Self::Token => "oidc-error-token",
            Self::WrongIssuer => "oidc-error-issuer",
            Self::WrongAudience => "oidc-error-audience",
            Self::Expired => "oidc-error-expired",
            Self::WrongNonce => "oidc-error-nonce",
            Self::BadSignature => "oidc-error-signature",
            Self::Invalid => "oidc-error-invalid",
        }
    }
}

/// Map the ID-token verifier's refusal.
pub fn classify(e: &ClaimsVerificationError) -> OidcFailure {
    match e {
        ClaimsVerificationError::Expired(_) => OidcFailure::Expired,
        ClaimsVerificationError::InvalidAudience(_) => OidcFailure::WrongAudience,
        ClaimsVerificationError::InvalidIssuer(_) => OidcFailure::WrongIssuer,
        ClaimsVerificationError::InvalidNonce(_) => OidcFailure::WrongNonce,
        ClaimsVerificationError::SignatureVerification(_) => OidcFailure::BadSignature,
        _ => OidcFailure::Invalid,
    }
}

/// Claims beyond the standard ones (the configured e-mail and organisation claims).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Extra {
    #[serde(flatten)]
    pub claims: HashMap<String, serde_json::Value>,
}
impl AdditionalClaims for Extra {}

/// What the validated ID token (and the userinfo answer) said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
    pub organisation: Option<String>,
}

/// Validate an ID token: signature with the provider's keys, issuer, audience (our client id),
/// expiry and the nonce of this attempt. Gives the subject and the standard claims.
pub fn validate(token: &CoreIdToken, verifier: &CoreIdTokenVerifier, nonce: &Nonce) -> Result<Identity, OidcFailure> {
    let claims = token.claims(verifier, nonce).map_err(|e| classify(&e))?;
    Ok(Identity {
        subject: claims.subject().to_string(),
        email: claims.email().map(|e| e.to_string()),
        email_verified: claims.email_verified(),
        name: claims.name().and_then(|n| n.get(None)).map(|n| n.to_string()),
        organisation: None,
    })
}

/// What a started sign-in keeps in the session until the provider sends the person back.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Pending {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
    pub next: String,
}

struct Discovered {
    client: Client,
    end_session: Option<String>,
    at: Instant,
}

struct Entry {
    config: ProviderConfig,
    redirect: String,
    cache: Mutex<Option<Arc<Discovered>>>,
}

/// The configured providers with their cached discovery (cheap to share).
pub struct Providers {
    http: openidconnect::reqwest::Client,
    entries: Vec<Entry>,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.entries.iter().map(|e| &e.config.id)).finish()
    }
}

impl Default for Providers {
    fn default() -> Self {
        Self::new(Vec::new(), "")
    }
}

impl Providers {
    /// `base_url` is Koers' public base URL; the redirect URI of provider `x` is
    /// `{base_url}/inloggen/oidc/x/terug` (register it at the provider).
    pub fn new(configs: Vec<ProviderConfig>, base_url: &str) -> Self {
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .build()
            .unwrap_or_default();
        let base = base_url.trim_end_matches('/');
        let entries = configs
            .into_iter()
            .map(|config| Entry {
                redirect: format!("{base}/inloggen/oidc/{}/terug", config.id),
                config,
                cache: Mutex::new(None),
            })
            .collect();
        Self { http, entries }
    }

    /// (id, display name) of every provider, in configuration order.
    pub fn list(&self) -> Vec<(String, String)> {
        self.entries.iter().map(|e| (e.config.id.clone(), e.config.name.clone())).collect()
    }

    pub fn config(&self, id: &str) -> Option<&ProviderConfig> {
        self.entry(id).map(|e| &e.config)
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.config.id == id)
    }

    /// Discovery (with the keys), from the cache when fresh; `refresh` fetches again.
    async fn discovered(&self, e: &Entry, refresh: bool) -> Result<Arc<Discovered>, OidcFailure> {
        let mut cache = e.cache.lock().await;
        if let Some(d) = cache.as_ref().filter(|d| !refresh && d.at.elapsed() < CACHE_TTL) {
            return Ok(Arc::clone(d));
        }
        let issuer = IssuerUrl::new(e.config.issuer.clone()).map_err(|_| OidcFailure::Misconfigured)?;
        let meta =
            openidconnect::ProviderMetadataWithLogout::discover_async(issuer, &self.http).await.map_err(|err| {
                tracing::warn!(provider = %e.config.id, error = %err, "OpenID-discovery mislukt");
                match err {
                    openidconnect::DiscoveryError::Validation(_) => OidcFailure::Misconfigured,
                    _ => OidcFailure::ProviderDown,
                }
            })?;
        let end_session = meta.additional_metadata().end_session_endpoint.as_ref().map(|u| u.url().to_string());
        let secret = e.config.secret().map(ClientSecret::new);
        let redirect = RedirectUrl::new(e.redirect.clone()).map_err(|_| OidcFailure::Misconfigured)?;
        let client = CoreClient::from_provider_metadata(meta, ClientId::new(e.config.client_id.clone()), secret)
            .set_redirect_uri(redirect);
        let d = Arc::new(Discovered { client, end_session, at: Instant::now() });
        *cache = Some(Arc::clone(&d));
        Ok(d)
    }

    /// Start a sign-in: the provider's authorization URL and what to keep in the session.
    pub async fn start(&self, id: &str, next: &str) -> Result<(String, Pending), OidcFailure> {
        let e = self.entry(id).ok_or(OidcFailure::Misconfigured)?;
        let d = self.discovered(e, false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut req =
            d.client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
        for s in e.config.scopes.iter().filter(|s| *s != "openid") {
            req = req.add_scope(Scope::new(s.clone()));
        }
        let (url, state, nonce) = req.set_pkce_challenge(challenge).url();
        let pending = Pending {
            provider: id.to_owned(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            next: next.to_owned(),
        };
        Ok((url.to_string(), pending))
    }

    /// Finish a sign-in: exchange the code (with the PKCE verifier), validate the ID token,
    /// and read the configured claims (from the ID token, else from userinfo). The state was
    /// checked by the caller. Also returns the raw ID token (for logout at the provider).
    pub async fn finish(&self, p: &Pending, code: &str) -> Result<(Identity, String), OidcFailure> {
        let e = self.entry(&p.provider).ok_or(OidcFailure::Misconfigured)?;
        let d = self.discovered(e, false).await?;
        let token = d
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|_| OidcFailure::Misconfigured)?
            .set_pkce_verifier(PkceCodeVerifier::new(p.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|err| {
                tracing::warn!(provider = %e.config.id, error = %err, "code-uitwisseling mislukt");
                match err {
                    openidconnect::RequestTokenError::Request(_) => OidcFailure::ProviderDown,
                    _ => OidcFailure::Token,
                }
            })?;
        let id_token = token.id_token().ok_or(OidcFailure::Token)?;
        let nonce = Nonce::new(p.nonce.clone());
        let mut identity = match validate(id_token, &d.client.id_token_verifier(), &nonce) {
            Err(OidcFailure::BadSignature) => {
                // Perhaps the provider rotated its keys: fetch them once more.
                let fresh = self.discovered(e, true).await?;
                validate(id_token, &fresh.client.id_token_verifier(), &nonce)?
            }
            other => other?,
        };
        let extra_claims = self.user_info(&d, &token, &identity).await;
        let claim =
            |name: &str| extra_claims.as_ref().and_then(|c| c.get(name)).and_then(|v| v.as_str()).map(str::to_owned);
        if e.config.email_claim != "email" {
            identity.email = claim(&e.config.email_claim);
        } else if identity.email.is_none() {
            identity.email = claim("email");
            identity.email_verified =
                extra_claims.as_ref().and_then(|c| c.get("email_verified")).and_then(|v| v.as_bool());
        }
        if identity.name.is_none() {
            identity.name = claim("name");
        }
        identity.organisation = e.config.organisation_claim.as_deref().and_then(claim);
        Ok((identity, id_token.to_string()))
    }

    /// The userinfo claims as JSON (standard and extra), when the provider has the endpoint;
    /// its `sub` must be the ID token's.
    async fn user_info(
        &self,
        d: &Discovered,
        token: &openidconnect::core::CoreTokenResponse,
        identity: &Identity,
    ) -> Option<serde_json::Map<String, serde_json::Value>> {
        let subject = openidconnect::SubjectIdentifier::new(identity.subject.clone());
        let req = d.client.user_info(token.access_token().clone(), Some(subject)).ok()?;
        let claims: UserInfoClaims<Extra, CoreGenderClaim> = match req.request_async(&self.http).await {
            Ok(c) => c,
            Err(err) => {
                tracing::warn!(error = %err, "userinfo mislukt");
                return None;
            }
        };
        match serde_json::to_value(&claims) {
            Ok(serde_json::Value::Object(m)) => Some(m),
            _ => None,
        }
    }

    /// Where to send the browser to end the session at the provider too (RP-initiated logout),
    /// when the provider offers it.
    pub async fn logout_url(&self, id: &str, id_token: &str, back_to: &str) -> Option<String> {
        let e = self.entry(id)?;
        let d = self.discovered(e, false).await.ok()?;
        let end = d.end_session.as_deref()?;
        let query = serde_urlencoded::to_string([
            ("id_token_hint", id_token),
            ("post_logout_redirect_uri", back_to),
            ("client_id", e.config.client_id.as_str()),
        ])
        .ok()?;
        Some(format!("{end}{}{query}", if end.contains('?') { '&' } else { '?' }))
    }
}
