//! tower-sessions (0.14, through axum-login's re-export) [`SessionStore`] over the Koers
//! [`App`]: sessions live in the database, so any app server can serve any request.
//!
//! The record's data map is kept as JSON bytes; the expiry as Unix seconds. Expired sessions
//! are never loaded (the store filters on `now`) and are deleted by [`cleanup_task`], which also
//! prunes login attempts older than the throttle window (failures summed in one audit entry).

use axum_login::tower_sessions::cookie::time::OffsetDateTime;
use axum_login::tower_sessions::session::{Id, Record};
use axum_login::tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use koers_app::App;
use koers_app::store::SessionRecord;
use std::time::Duration;

/// Sessions kept through [`App::session_load`] / `session_save` / `session_delete`.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    app: App,
}

impl DbSessionStore {
    pub fn new(app: App) -> Self {
        Self { app }
    }
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

pub(crate) fn now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

fn to_row(record: &Record) -> session_store::Result<SessionRecord> {
    let data = serde_json::to_vec(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))?;
    Ok(SessionRecord { id: record.id.to_string(), data, expires_at: record.expiry_date.unix_timestamp() })
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    /// A fresh id that is not in use yet (128 random bits: a collision is practically
    /// impossible, but a taken id is never reused).
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        while self.app.session_load(&record.id.to_string(), now()).await.map_err(backend)?.is_some() {
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.app.session_save(&to_row(record)?).await.map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = self.app.session_load(&id.to_string(), now()).await.map_err(backend)? else {
            return Ok(None);
        };
        let data = serde_json::from_slice(&row.data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(row.expires_at).map_err(backend)?;
        if expiry_date <= OffsetDateTime::now_utc() {
            return Ok(None);
        }
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.app.session_delete(&id.to_string()).await.map_err(backend)
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        let n = self.app.session_delete_expired(now()).await.map_err(backend)?;
        if n > 0 {
            tracing::debug!(deleted = n, "verlopen sessies opgeruimd");
        }
        Ok(())
    }
}

/// Delete expired sessions and old login attempts every `period`, forever (spawned by `serve`). Errors are logged and
/// the task goes on.
pub async fn cleanup_task(app: App, period: Duration) {
    let sessions = DbSessionStore::new(app.clone());
    let mut interval = tokio::time::interval(period);
    loop {
        interval.tick().await;
        if let Err(e) = sessions.delete_expired().await {
            tracing::warn!(error = %e, "verlopen sessies opruimen mislukt");
        }
        // Login attempts older than the throttle window: deleted, failures summed in the audit.
        if let Err(e) = app.prune_login_attempts(now()).await {
            tracing::warn!(error = %e, "oude inlogpogingen opruimen mislukt");
        }
    }
}
