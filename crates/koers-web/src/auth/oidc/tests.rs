//! The ID-token checks with tokens signed here (test keys in `testdata/`, made with
//! `openssl genrsa -traditional 2048`; they protect nothing).

use super::provider::{OidcFailure, validate};
use super::same;
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, ClientId, ClientSecret, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce,
    PrivateSigningKey, StandardClaims, SubjectIdentifier,
};

const ISSUER: &str = "https://connect.test.surfconext.nl";
const CLIENT: &str = "koers";
const KEY_1: &str = include_str!("../../../testdata/oidc-test-key-1.pem");
const KEY_2: &str = include_str!("../../../testdata/oidc-test-key-2.pem");

fn key(pem: &str) -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new("k1".into()))).expect("test key")
}

struct Token<'a> {
    issuer: &'a str,
    audience: &'a str,
    nonce: &'a str,
    expires_in: i64,
    pem: &'a str,
}

impl Default for Token<'_> {
    fn default() -> Self {
        Self { issuer: ISSUER, audience: CLIENT, nonce: "n-1", expires_in: 300, pem: KEY_1 }
    }
}

impl Token<'_> {
    fn sign(&self) -> CoreIdToken {
        let now = chrono::Utc::now();
        let claims = CoreIdTokenClaims::new(
            IssuerUrl::new(self.issuer.into()).expect("issuer"),
            vec![Audience::new(self.audience.into())],
            now + chrono::Duration::seconds(self.expires_in),
            now - chrono::Duration::seconds(600),
            StandardClaims::new(SubjectIdentifier::new("sub-1".into()))
                .set_email(Some(EndUserEmail::new("an@school.nl".into())))
                .set_email_verified(Some(true)),
            EmptyAdditionalClaims {},
        )
        .set_nonce(Some(Nonce::new(self.nonce.into())));
        CoreIdToken::new(claims, &key(self.pem), CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, None, None)
            .expect("signed")
    }
}

fn verifier() -> CoreIdTokenVerifier<'static> {
    let keys = CoreJsonWebKeySet::new(vec![key(KEY_1).as_verification_key()]);
    CoreIdTokenVerifier::new_confidential_client(
        ClientId::new(CLIENT.into()),
        ClientSecret::new("geheim".into()),
        IssuerUrl::new(ISSUER.into()).expect("issuer"),
        keys,
    )
}

fn check(t: Token<'_>) -> Result<super::provider::Identity, OidcFailure> {
    validate(&t.sign(), &verifier(), &Nonce::new("n-1".into()))
}

#[test]
fn a_good_id_token_gives_subject_and_verified_email() {
    let id = check(Token::default()).expect("valid");
    assert_eq!(id.subject, "sub-1");
    assert_eq!(id.email.as_deref(), Some("an@school.nl"));
    assert_eq!(id.email_verified, Some(true));
}

#[test]
fn a_token_for_another_client_is_refused() {
    assert_eq!(check(Token { audience: "andere-app", ..Token::default() }), Err(OidcFailure::WrongAudience));
}

#[test]
fn a_token_from_another_issuer_is_refused_byte_for_byte() {
    assert_eq!(check(Token { issuer: "https://evil.example", ..Token::default() }), Err(OidcFailure::WrongIssuer));
    // A trailing slash is another issuer (openidconnect-rs#77).
    let slash = format!("{ISSUER}/");
    assert_eq!(check(Token { issuer: &slash, ..Token::default() }), Err(OidcFailure::WrongIssuer));
}

#[test]
fn an_expired_token_is_refused() {
    assert_eq!(check(Token { expires_in: -300, ..Token::default() }), Err(OidcFailure::Expired));
}

#[test]
fn a_token_of_another_attempt_is_refused() {
    assert_eq!(check(Token { nonce: "n-2", ..Token::default() }), Err(OidcFailure::WrongNonce));
}

#[test]
fn a_token_signed_with_another_key_is_refused() {
    assert_eq!(check(Token { pem: KEY_2, ..Token::default() }), Err(OidcFailure::BadSignature));
}

#[test]
fn every_failure_has_a_message_in_both_languages() {
    let all = [
        OidcFailure::ProviderDown,
        OidcFailure::Misconfigured,
        OidcFailure::BadState,
        OidcFailure::Denied,
        OidcFailure::Token,
        OidcFailure::WrongIssuer,
        OidcFailure::WrongAudience,
        OidcFailure::Expired,
        OidcFailure::WrongNonce,
        OidcFailure::BadSignature,
        OidcFailure::Invalid,
    ];
    for lang in [crate::i18n::Lang::Nl, crate::i18n::Lang::En] {
        for f in all {
            let text = lang.t(f.message_key());
            assert!(!text.is_empty() && text != f.message_key(), "{lang:?} {f:?}: {text}");
        }
    }
}

#[test]
fn states_compare_whole() {
    assert!(same("abc", "abc"));
    assert!(!same("abc", "abd"));
    assert!(!same("abc", "ab"));
}
