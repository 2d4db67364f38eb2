//! [`App`]'s operations use cases (issue 12): backups, and the AVG export, erasure and
//! retention prune (implemented in [`crate::backup`] and [`crate::privacy`]).

use super::App;
use crate::backup::ScheduledRun;
use crate::error::Result;
use crate::privacy::{PersonExport, ReviewerErasure, ReviewerExport};
use crate::store::{Actor, BackupInfo, ErasureReport, PruneReport, RetentionPolicy};
use koers_core::ids::UserId;
use std::path::Path;

impl App {
    /// A consistent copy of the database in `target` (which must not exist) while serving.
    pub async fn backup_to(&self, target: &Path) -> Result<BackupInfo> {
        Ok(self.store.backup_to(target).await?)
    }

    /// A backup in `dir`, keeping the newest `keep` there (scheduled backups).
    pub async fn backup_into_dir(&self, dir: &Path, keep: usize, now: i64) -> Result<ScheduledRun> {
        Ok(crate::backup::backup_into_dir(self.store.as_ref(), dir, keep, now).await?)
    }

    /// Everything Koers holds about the user `user_id`; the look itself is audited.
    pub async fn privacy_export(&self, user_id: UserId, actor: &Actor, now: i64) -> Result<PersonExport> {
        crate::privacy::export(self.store.as_ref(), user_id, actor, now).await
    }

    /// Erase the person behind `user_id` (placeholders where records stay, the rest deleted).
    pub async fn erase_person(&self, user_id: UserId, actor: &Actor, now: i64) -> Result<ErasureReport> {
        crate::privacy::erase(self.store.as_ref(), user_id, actor, now).await
    }

    /// Everything Koers holds about the external reviewer (no account) with address `email`;
    /// the look itself is audited.
    pub async fn privacy_export_reviewer(&self, email: &str, actor: &Actor, now: i64) -> Result<ReviewerExport> {
        crate::privacy::reviewer_export(self.store.as_ref(), email, actor, now).await
    }

    /// Erase the external reviewer with address `email` (`confirm` repeats it).
    pub async fn erase_reviewer(&self, email: &str, confirm: &str, actor: &Actor, now: i64) -> Result<ReviewerErasure> {
        crate::privacy::erase_reviewer(self.store.as_ref(), email, confirm, actor, now).await
    }

    /// Delete sessions, login attempts and sent mails the retention policy no longer allows.
    pub async fn prune(&self, policy: &RetentionPolicy, now: i64) -> Result<PruneReport> {
        crate::privacy::prune(self.store.as_ref(), policy, now).await
    }
}
