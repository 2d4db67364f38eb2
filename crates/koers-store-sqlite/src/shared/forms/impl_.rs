//! `FormsRead` / `FormsWrite` for the including crate's store type: each method delegates.

use async_trait::async_trait;
use koers_app::store::*;
use koers_core::ids::{SelfEvaluationId, TrajectoryId, UploadId};

use super::{defs, filled, items};
use crate::backend::Backend;

#[async_trait]
impl FormsRead for Backend {
    async fn formats(&self) -> StoreResult<Vec<FormatRecord>> {
        defs::latest_all(self.pool()).await
    }
    async fn format_versions(&self, id: &str) -> StoreResult<Vec<FormatRecord>> {
        defs::versions(self.pool(), id).await
    }
    async fn format_version(&self, id: &str, version: i64) -> StoreResult<FormatRecord> {
        defs::version(self.pool(), id, version).await
    }
    async fn self_evaluation(&self, id: SelfEvaluationId) -> StoreResult<SelfEvaluationRecord> {
        filled::by_id(self.pool(), id).await
    }
    async fn self_evaluations_of(&self, trajectory: TrajectoryId) -> StoreResult<Vec<SelfEvaluationRecord>> {
        filled::of_trajectory(self.pool(), trajectory).await
    }
    async fn answers(&self, id: SelfEvaluationId) -> StoreResult<Vec<AnswerRecord>> {
        items::answers(self.pool(), id).await
    }
    async fn answer(&self, id: SelfEvaluationId, item_id: &str) -> StoreResult<Option<AnswerRecord>> {
        items::one_answer(self.pool(), id, item_id).await
    }
    async fn comments(&self, id: SelfEvaluationId) -> StoreResult<Vec<CommentRecord>> {
        items::comments(self.pool(), id).await
    }
    async fn visits(&self, id: SelfEvaluationId) -> StoreResult<Vec<VisitRecord>> {
        items::visits(self.pool(), id).await
    }
    async fn uploads(&self, id: SelfEvaluationId) -> StoreResult<Vec<UploadMeta>> {
        items::uploads(self.pool(), id).await
    }
    async fn upload_content(&self, id: UploadId) -> StoreResult<(UploadMeta, Vec<u8>)> {
        items::upload_content(self.pool(), id).await
    }
}

#[async_trait]
impl FormsWrite for Backend {
    async fn save_format(&self, f: &FormatWrite, actor: &Actor, now: i64) -> StoreResult<FormatRecord> {
        defs::save(self.pool(), f, actor, now).await
    }
    async fn create_self_evaluation(
        &self,
        trajectory: TrajectoryId,
        format_id: &str,
        format_version: i64,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<SelfEvaluationRecord> {
        filled::create(self.pool(), trajectory, format_id, format_version, actor, now).await
    }
    async fn save_answer(&self, w: &AnswerWrite, actor: &Actor, now: i64) -> StoreResult<AnswerRecord> {
        items::save_answer(self.pool(), w, actor, now).await
    }
    async fn set_self_evaluation_status(
        &self,
        w: &StatusWrite,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<SelfEvaluationRecord> {
        filled::set_status(self.pool(), w, actor, now).await
    }
    async fn add_comment(&self, c: &NewComment, actor: &Actor, now: i64) -> StoreResult<CommentRecord> {
        items::add_comment(self.pool(), c, actor, now).await
    }
    async fn add_visit(&self, v: &NewVisit, actor: &Actor, now: i64) -> StoreResult<VisitRecord> {
        items::add_visit(self.pool(), v, actor, now).await
    }
    async fn add_upload(&self, u: &NewUpload, actor: &Actor, now: i64) -> StoreResult<UploadMeta> {
        items::add_upload(self.pool(), u, actor, now).await
    }
    async fn remove_upload(&self, id: UploadId, actor: &Actor, now: i64) -> StoreResult<()> {
        items::remove_upload(self.pool(), id, actor, now).await
    }
}
