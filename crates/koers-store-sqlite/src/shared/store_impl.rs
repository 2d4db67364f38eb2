// Over ~400 lines on purpose: one delegating line per method of the whole `Store` trait; it
// shrinks as each feature port gets its own impl block beside its module.
//! `impl Store` for the including crate's store type: each method delegates to its module.

use async_trait::async_trait;
use koers_app::store::*;
use koers_core::access::Grant;
use koers_core::ids::{
    ApiTokenId, ApplicationId, ApprovalLinkId, BoardNumber, ExpertId, GrantId, ImportRunId, MailId, SchoolId,
    TrajectoryId, UserId, VerdictId,
};

use super::{
    applications, approvals, audit, boards, exams, expert_invites, experts, external, import_runs, ops, outbox,
    privacy, programme_defs, results, school_writes, schools, sessions, tokens, trajectories, users, verdicts,
};
use crate::backend::{Backend, IDS_IN_COMMIT_ORDER, MIGRATOR, NAME};

#[async_trait]
impl StoreRead for Backend {
    fn backend(&self) -> &'static str {
        NAME
    }
    fn ids_in_commit_order(&self) -> bool {
        IDS_IN_COMMIT_ORDER
    }
    async fn board(&self, number: BoardNumber) -> StoreResult<Board> {
        boards::by_number(self.pool(), number.get()).await
    }
    async fn all_schools(&self) -> StoreResult<Vec<School>> {
        schools::all(self.pool()).await
    }
    async fn school(&self, id: SchoolId) -> StoreResult<School> {
        schools::by_id(self.pool(), id.get()).await
    }
    async fn school_by_ovt(&self, ovt: &str) -> StoreResult<School> {
        schools::by_ovt(self.pool(), ovt).await
    }
    async fn search_schools(&self, query: &str, limit: i64) -> StoreResult<Vec<School>> {
        schools::search(self.pool(), query, limit).await
    }
    async fn schools_of_board(&self, board_number: BoardNumber) -> StoreResult<Vec<School>> {
        schools::of_board(self.pool(), board_number.get()).await
    }
    async fn results_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<ResultYear>> {
        results::results_of_school(self.pool(), school_id.get()).await
    }
    async fn published_of_school(&self, school_id: SchoolId) -> StoreResult<Option<PublishedThreeYear>> {
        results::published_of_school(self.pool(), school_id.get()).await
    }
    async fn all_results(&self) -> StoreResult<Vec<ResultYear>> {
        results::all_results(self.pool()).await
    }
    async fn all_published(&self) -> StoreResult<Vec<PublishedThreeYear>> {
        results::all_published(self.pool()).await
    }
    async fn weging_years_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<WegingYear>> {
        results::weging_years_of_school(self.pool(), school_id.get()).await
    }
    async fn exam_years_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<ExamYear>> {
        exams::exam_years_of_school(self.pool(), school_id.get()).await
    }
    async fn verdict(&self, id: VerdictId) -> StoreResult<VerdictRecord> {
        verdicts::by_id(self.pool(), id.get()).await
    }
    async fn verdicts_of_school(&self, school_id: SchoolId) -> StoreResult<Vec<VerdictRecord>> {
        verdicts::of_school(self.pool(), school_id.get()).await
    }
    async fn verdicts_of_board(&self, board_number: BoardNumber) -> StoreResult<Vec<VerdictRecord>> {
        verdicts::of_board(self.pool(), board_number.get()).await
    }
    async fn verdicts_of_board_schools(&self, board_number: BoardNumber) -> StoreResult<Vec<VerdictRecord>> {
        verdicts::of_board_schools(self.pool(), board_number.get()).await
    }
    async fn user(&self, id: UserId) -> StoreResult<User> {
        users::by_id(self.pool(), id.get()).await
    }
    async fn user_by_email(&self, email: &str) -> StoreResult<User> {
        users::by_email(self.pool(), email).await
    }
    async fn list_users(&self) -> StoreResult<Vec<User>> {
        users::list(self.pool()).await
    }
    async fn grants_of_user(&self, user_id: UserId) -> StoreResult<Vec<GrantRecord>> {
        users::grants_of_user(self.pool(), user_id.get()).await
    }
    async fn api_tokens_of_user(&self, user_id: UserId) -> StoreResult<Vec<ApiToken>> {
        tokens::of_user(self.pool(), user_id.get()).await
    }

    async fn session_load(&self, id: &str, now: i64) -> StoreResult<Option<SessionRecord>> {
        sessions::load(self.pool(), id, now).await
    }

    async fn programme_definitions(&self) -> StoreResult<Vec<ProgrammeDefinition>> {
        programme_defs::list(self.pool()).await
    }
    async fn programme_definition(&self, id: &str) -> StoreResult<ProgrammeDefinition> {
        programme_defs::by_id(self.pool(), id).await
    }
    async fn application(&self, id: ApplicationId) -> StoreResult<ApplicationRecord> {
        applications::by_id(self.pool(), id.get()).await
    }
    async fn application_by_reference(&self, reference: &str) -> StoreResult<ApplicationRecord> {
        applications::by_reference(self.pool(), reference).await
    }
    async fn list_applications(&self, filter: &ApplicationFilter) -> StoreResult<Vec<ApplicationRecord>> {
        applications::list(self.pool(), filter).await
    }
    async fn approval_link(&self, token_hash: &str) -> StoreResult<ApprovalLink> {
        approvals::by_hash(self.pool(), token_hash).await
    }
    async fn expert(&self, id: ExpertId) -> StoreResult<ExpertRecord> {
        experts::by_id(self.pool(), id.get()).await
    }
    async fn expert_by_user(&self, user_id: UserId) -> StoreResult<ExpertRecord> {
        experts::by_user(self.pool(), user_id.get()).await
    }
    async fn list_experts(&self) -> StoreResult<Vec<ExpertRecord>> {
        experts::list(self.pool()).await
    }
    async fn expert_loads(&self) -> StoreResult<Vec<ExpertLoad>> {
        experts::loads(self.pool()).await
    }
    async fn import_run(&self, id: ImportRunId) -> StoreResult<ImportRun> {
        import_runs::by_id(self.pool(), id.get()).await
    }
    async fn import_rejections(&self, run_id: ImportRunId, offset: i64, limit: i64) -> StoreResult<Vec<RowError>> {
        import_runs::rejections(self.pool(), run_id.get(), offset, limit).await
    }
    async fn expert_invitation(&self, expert_id: ExpertId) -> StoreResult<Option<ExpertInvitation>> {
        expert_invites::of_expert(self.pool(), expert_id.get()).await
    }
    async fn expert_invitations_for(&self, email: &str) -> StoreResult<Vec<ExpertInvitation>> {
        expert_invites::for_email(self.pool(), email).await
    }
    async fn trajectory(&self, id: TrajectoryId) -> StoreResult<TrajectoryRecord> {
        trajectories::by_id(self.pool(), id.get()).await
    }
    async fn list_trajectories(&self, filter: &TrajectoryFilter) -> StoreResult<Vec<TrajectoryRecord>> {
        trajectories::list(self.pool(), filter).await
    }
    async fn outbox(&self, unsent_only: bool, limit: i64) -> StoreResult<Vec<OutboxMail>> {
        outbox::list(self.pool(), unsent_only, limit).await
    }

    async fn audit_log(&self, filter: &AuditFilter) -> StoreResult<Vec<AuditEntry>> {
        audit::list(self.pool(), filter).await
    }

    async fn data_summary(&self) -> StoreResult<Option<String>> {
        ops::data_summary(self.pool()).await
    }
    async fn readiness(&self) -> StoreResult<()> {
        ops::readiness(self.pool()).await
    }
    async fn register_changes(&self, after_id: i64, limit: i64) -> StoreResult<Vec<RegisterChange>> {
        ops::register_changes(self.pool(), after_id, limit).await
    }
    async fn last_change_id(&self) -> StoreResult<i64> {
        ops::last_change_id(self.pool()).await
    }
    async fn outbox_pending(&self) -> StoreResult<i64> {
        ops::outbox_pending(self.pool()).await
    }
    fn pool_stats(&self) -> (u32, usize) {
        (self.pool().size(), self.pool().num_idle())
    }
    async fn person_records(&self, user_id: UserId) -> StoreResult<PersonRecords> {
        privacy::person_records(self.pool(), user_id.get()).await
    }
    async fn external_identity(&self, provider: &str, subject: &str) -> StoreResult<ExternalIdentity> {
        external::identity_by_subject(self.pool(), provider, subject).await
    }
    async fn external_identities_of_user(&self, user_id: UserId) -> StoreResult<Vec<ExternalIdentity>> {
        external::identities_of_user(self.pool(), user_id).await
    }
}

#[async_trait]
impl Store for Backend {
    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR
            .run(self.pool())
            .await
            .map_err(|e| StoreError::Backend(format!("migratie mislukt: {}", super::error::migrate_nl(&e))))
    }

    async fn upsert_boards(&self, boards: &[NewBoard], actor: &Actor, now: i64) -> StoreResult<usize> {
        boards::upsert(self.pool(), boards, actor, now).await
    }
    async fn apply_school_writes(&self, writes: &[SchoolWrite], actor: &Actor, now: i64) -> StoreResult<Vec<SchoolId>> {
        school_writes::apply_writes(self.pool(), writes, actor, now).await
    }
    async fn edit_school(
        &self,
        id: SchoolId,
        expected_version: i64,
        edit: &SchoolEdit,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<School> {
        school_writes::edit(self.pool(), id.get(), expected_version, edit, actor, now).await
    }

    async fn upsert_results(&self, rows: &[ResultYear], actor: &Actor, now: i64) -> StoreResult<usize> {
        results::upsert_results(self.pool(), rows, actor, now).await
    }
    async fn upsert_published(&self, rows: &[PublishedThreeYear], actor: &Actor, now: i64) -> StoreResult<usize> {
        results::upsert_published(self.pool(), rows, actor, now).await
    }
    async fn upsert_weging_years(&self, rows: &[WegingYear], actor: &Actor, now: i64) -> StoreResult<usize> {
        results::upsert_weging_years(self.pool(), rows, actor, now).await
    }
    async fn upsert_exam_years(&self, rows: &[ExamYear], actor: &Actor, now: i64) -> StoreResult<usize> {
        exams::upsert_exam_years(self.pool(), rows, actor, now).await
    }
    async fn add_verdict(&self, v: &NewVerdict, actor: &Actor, now: i64) -> StoreResult<VerdictRecord> {
        verdicts::add(self.pool(), v, actor, now).await
    }
    async fn confirm_verdict(
        &self,
        id: VerdictId,
        expected_version: i64,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<VerdictRecord> {
        verdicts::confirm(self.pool(), id.get(), expected_version, actor, now).await
    }
    async fn update_verdict(
        &self,
        id: VerdictId,
        expected_version: i64,
        v: &NewVerdict,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<VerdictRecord> {
        verdicts::update(self.pool(), id.get(), expected_version, v, actor, now).await
    }
    async fn delete_verdict(&self, id: VerdictId, expected_version: i64, actor: &Actor, now: i64) -> StoreResult<()> {
        verdicts::delete(self.pool(), id.get(), expected_version, actor, now).await
    }

    async fn create_user(&self, user: &NewUser, actor: &Actor, now: i64) -> StoreResult<User> {
        users::create(self.pool(), user, actor, now).await
    }
    async fn update_user(
        &self,
        id: UserId,
        expected_version: i64,
        update: &UserUpdate,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<User> {
        users::update(self.pool(), id.get(), expected_version, update, actor, now).await
    }
    async fn add_grant(&self, user_id: UserId, grant: &Grant, actor: &Actor, now: i64) -> StoreResult<GrantRecord> {
        users::add_grant(self.pool(), user_id.get(), grant, actor, now).await
    }
    async fn remove_grant(&self, grant_id: GrantId, actor: &Actor, now: i64) -> StoreResult<()> {
        users::remove_grant(self.pool(), grant_id.get(), actor, now).await
    }
    async fn create_api_token(&self, token: &NewApiToken, actor: &Actor, now: i64) -> StoreResult<ApiToken> {
        tokens::create(self.pool(), token, actor, now).await
    }
    async fn api_token_by_hash(&self, hash: &str, now: i64) -> StoreResult<ApiToken> {
        tokens::by_hash(self.pool(), hash, now).await
    }
    async fn revoke_api_token(&self, id: ApiTokenId, actor: &Actor, now: i64) -> StoreResult<()> {
        tokens::revoke(self.pool(), id.get(), actor, now).await
    }
    async fn session_save(&self, record: &SessionRecord) -> StoreResult<()> {
        sessions::save(self.pool(), record).await
    }
    async fn session_delete(&self, id: &str) -> StoreResult<()> {
        sessions::delete(self.pool(), id).await
    }
    async fn session_delete_expired(&self, now: i64) -> StoreResult<u64> {
        sessions::delete_expired(self.pool(), now).await
    }
    async fn login_attempt_start(&self, key: &str, now: i64, since: i64) -> StoreResult<LoginAttemptStart> {
        sessions::login_attempt_start(self.pool(), key, now, since).await
    }
    async fn login_attempt_succeeded(&self, id: i64) -> StoreResult<()> {
        sessions::login_attempt_succeeded(self.pool(), id).await
    }
    async fn login_attempt_discard(&self, id: i64) -> StoreResult<()> {
        sessions::login_attempt_discard(self.pool(), id).await
    }
    async fn login_attempts_prune(&self, before: i64) -> StoreResult<u64> {
        sessions::login_attempts_prune(self.pool(), before).await
    }
    async fn save_programme_definition(
        &self,
        p: &ProgrammeWrite,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ProgrammeDefinition> {
        programme_defs::save(self.pool(), p, actor, now).await
    }

    async fn submit_application(&self, s: &Submission, actor: &Actor, now: i64) -> StoreResult<ApplicationRecord> {
        applications::submit(self.pool(), s, actor, now).await
    }
    async fn create_application(&self, a: &NewApplication, actor: &Actor, now: i64) -> StoreResult<ApplicationRecord> {
        applications::create(self.pool(), a, actor, now).await
    }
    async fn update_application_state(
        &self,
        id: ApplicationId,
        w: &ApplicationStateWrite,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ApplicationRecord> {
        applications::update_state(self.pool(), id.get(), w, actor, now).await
    }

    async fn create_approval_link(
        &self,
        application_id: ApplicationId,
        board_number: BoardNumber,
        token_hash: &str,
        expires_at: i64,
        now: i64,
    ) -> StoreResult<ApprovalLink> {
        approvals::create(self.pool(), application_id.get(), board_number.get(), token_hash, expires_at, now).await
    }
    async fn use_approval_link(&self, id: ApprovalLinkId, now: i64) -> StoreResult<()> {
        approvals::mark_used(self.pool(), id.get(), now).await
    }

    async fn save_expert(&self, e: &ExpertWrite, actor: &Actor, now: i64) -> StoreResult<ExpertRecord> {
        experts::save(self.pool(), e, actor, now).await
    }
    async fn record_import_run(&self, run: &NewImportRun, rejected: &[RowError]) -> StoreResult<ImportRunId> {
        import_runs::record(self.pool(), run, rejected).await.map(ImportRunId::new)
    }
    async fn invite_expert(&self, invitation: &ExpertInvitation, mail: &NewMail, actor: &Actor) -> StoreResult<()> {
        expert_invites::invite(self.pool(), invitation, mail, actor).await
    }
    async fn accept_expert_invitation(
        &self,
        expert_id: ExpertId,
        user_id: UserId,
        email: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ExpertRecord> {
        expert_invites::accept(self.pool(), expert_id.get(), user_id.get(), email, actor, now).await
    }
    async fn decline_expert_invitation(
        &self,
        expert_id: ExpertId,
        email: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<()> {
        expert_invites::decline(self.pool(), expert_id.get(), email, actor, now).await
    }
    async fn set_expert_pool(
        &self,
        id: ExpertId,
        expected_version: i64,
        pool: &ExpertPool,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ExpertRecord> {
        experts::set_pool(self.pool(), id.get(), expected_version, pool, actor, now).await
    }

    async fn assign_expert(
        &self,
        a: &Assignment,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<(ApplicationRecord, TrajectoryRecord)> {
        trajectories::assign(self.pool(), a, actor, now).await
    }
    async fn end_trajectory(
        &self,
        id: TrajectoryId,
        expected_version: i64,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<TrajectoryRecord> {
        trajectories::end(self.pool(), id.get(), expected_version, reason, actor, now).await
    }

    async fn enqueue_mail(&self, mail: &NewMail, now: i64) -> StoreResult<OutboxMail> {
        outbox::enqueue(self.pool(), mail, now).await
    }
    async fn mark_mail(&self, id: MailId, sent_at: Option<i64>, error: Option<&str>) -> StoreResult<()> {
        outbox::mark(self.pool(), id.get(), sent_at, error).await
    }
    async fn append_audit(&self, entry: &NewAudit) -> StoreResult<()> {
        audit::append(self.pool(), entry).await
    }

    async fn backup_to(&self, target: &std::path::Path) -> StoreResult<BackupInfo> {
        crate::maintenance::backup_to(self, target).await
    }

    async fn erase_person(&self, user_id: UserId, actor: &Actor, now: i64) -> StoreResult<ErasureReport> {
        privacy::erase_person(self.pool(), user_id.get(), actor, now).await
    }
    async fn prune(&self, policy: &RetentionPolicy, now: i64) -> StoreResult<PruneReport> {
        privacy::prune(self.pool(), policy, now).await
    }

    async fn link_external_identity(
        &self,
        link: &NewExternalIdentity,
        actor: &Actor,
        now: i64,
    ) -> StoreResult<ExternalIdentity> {
        external::link(self.pool(), link, actor, now).await
    }
    async fn touch_external_identity(&self, id: i64, now: i64) -> StoreResult<()> {
        external::touch(self.pool(), id, now).await
    }
}
