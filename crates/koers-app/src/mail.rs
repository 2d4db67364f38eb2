//! E-mail. Every mail Koers sends is first written to the **outbox** (a table in the store), so
//! nothing is lost when the mail server is down, and in the demo and tests the outbox is where
//! mails can be read. A sender ([`deliver_pending`]) hands unsent mails to a [`Transport`]: real
//! SMTP through lettre ([`SmtpTransport`]) when configured, otherwise none (mails stay readable
//! in the outbox).

use crate::store::{NewMail, OutboxMail, Store, StoreError};
use async_trait::async_trait;

/// SMTP settings (`koers serve --smtp-url smtp://user:pass@host:587 --mail-from …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// `starttls` (default for 587), `tls` (465) or `none` (a local relay or test sink only).
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `Koers <noreply@example.nl>`.
    pub from: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    StartTls,
    Tls,
    None,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("ongeldige mailinstelling: {0}")]
    Config(String),
    #[error("verzenden mislukt: {0}")]
    Send(String),
}

impl SmtpConfig {
    /// Parse `smtp://[user[:pass]@]host[:port][?security=starttls|tls|none]`.
    pub fn from_url(url: &str, from: &str) -> Result<Self, MailError> {
        let rest =
            url.strip_prefix("smtp://").ok_or_else(|| MailError::Config("de SMTP-URL begint met smtp://".into()))?;
        let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (auth, hostport) = match main.rsplit_once('@') {
            Some((a, h)) => (Some(a), h),
            None => (None, main),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| MailError::Config(format!("poort '{p}' is geen getal")))?),
            None => (hostport, 587),
        };
        if host.is_empty() {
            return Err(MailError::Config("de SMTP-URL noemt geen server".into()));
        }
        let security = match query.strip_prefix("security=").unwrap_or(if port == 465 { "tls" } else { "starttls" }) {
            "starttls" => SmtpSecurity::StartTls,
            "tls" => SmtpSecurity::Tls,
            "none" => SmtpSecurity::None,
            other => return Err(MailError::Config(format!("onbekende security '{other}' (starttls, tls of none)"))),
        };
        let (username, password) = match auth.map(|a| a.split_once(':').unwrap_or((a, ""))) {
            Some((u, p)) => (Some(u.to_owned()), Some(p.to_owned())),
            None => (None, None),
        };
        from.parse::<lettre::message::Mailbox>().map_err(|e| MailError::Config(format!("afzender '{from}': {e}")))?;
        Ok(Self { host: host.to_owned(), port, security, username, password, from: from.to_owned() })
    }
}

/// Where mails go after the outbox.
#[async_trait]
pub trait Transport: Send + Sync + std::fmt::Debug {
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError>;
}

/// Real SMTP through lettre.
#[derive(Debug)]
pub struct SmtpTransport {
    from: lettre::message::Mailbox,
    inner: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
}

impl SmtpTransport {
    pub fn new(cfg: &SmtpConfig) -> Result<Self, MailError> {
        use lettre::transport::smtp::authentication::Credentials;
        use lettre::{AsyncSmtpTransport, Tokio1Executor};
        let builder = match cfg.security {
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.host),
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.host),
            SmtpSecurity::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host)),
        }
        .map_err(|e| MailError::Config(e.to_string()))?;
        let mut builder = builder.port(cfg.port);
        if let (Some(u), Some(p)) = (&cfg.username, &cfg.password) {
            builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
        }
        let from = cfg.from.parse().map_err(|e| MailError::Config(format!("afzender: {e}")))?;
        Ok(Self { from, inner: builder.build() })
    }
}

#[async_trait]
impl Transport for SmtpTransport {
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError> {
        use lettre::AsyncTransport;
        let to = to.parse().map_err(|e| MailError::Send(format!("adres '{to}': {e}")))?;
        let msg = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| MailError::Send(e.to_string()))?;
        self.inner.send(msg).await.map(|_| ()).map_err(|e| MailError::Send(e.to_string()))
    }
}

/// Put a mail in the outbox.
pub(crate) async fn queue(
    store: &dyn Store,
    to: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> Result<OutboxMail, StoreError> {
    store
        .enqueue_mail(
            &NewMail { to_address: to.to_owned(), subject: subject.to_owned(), body_text: body.to_owned() },
            now,
        )
        .await
}

/// Hand unsent mails to `transport`; failures are recorded on the mail and retried next time.
/// Returns (sent, failed).
pub(crate) async fn deliver_pending(
    store: &dyn Store,
    transport: &dyn Transport,
    now: i64,
    limit: i64,
) -> Result<(usize, usize), StoreError> {
    let (mut sent, mut failed) = (0, 0);
    for m in store.outbox(true, limit).await? {
        match transport.send(&m.to_address, &m.subject, &m.body_text).await {
            Ok(()) => {
                store.mark_mail(m.id, Some(now), None).await?;
                sent += 1;
            }
            Err(e) => {
                store.mark_mail(m.id, None, Some(&e.to_string())).await?;
                failed += 1;
            }
        }
    }
    Ok((sent, failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_are_parsed_with_dutch_errors() {
        let c = SmtpConfig::from_url("smtp://koers:geheim@mail.example.nl:587", "Koers <noreply@example.nl>");
        let c = c.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((c.host.as_str(), c.port, c.security), ("mail.example.nl", 587, SmtpSecurity::StartTls));
        assert_eq!(c.username.as_deref(), Some("koers"));
        let c = SmtpConfig::from_url("smtp://127.0.0.1:2525?security=none", "noreply@example.nl")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.security, SmtpSecurity::None);
        assert_eq!(SmtpConfig::from_url("smtp://h:465", "a@b.nl").map(|c| c.security).ok(), Some(SmtpSecurity::Tls));
        let e = SmtpConfig::from_url("http://x", "a@b.nl").err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("ongeldige mailinstelling: de SMTP-URL begint met smtp://"));
        assert!(SmtpConfig::from_url("smtp://h:abc", "a@b.nl").is_err());
        assert!(SmtpConfig::from_url("smtp://h", "geen adres").is_err());
    }
}
