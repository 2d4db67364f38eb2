// Over ~400 lines on purpose: the facade lists every use case in one place (each a few lines that
// forward to its module); the feature groups already live in app/*.rs.
//! [`App`]: the one door to Koers' data. It holds the store privately; the web and the CLI
//! get reads through [`App::read`] (a [`StoreRead`], which has no write methods) and change
//! anything only by calling a use case method here. So "no handler writes" is a compile-time
//! fact, not a convention: koers-web never holds a [`Store`].
//!
//! The methods are grouped by the modules that implement them (`accounts`, `applications`,
//! `experts`, `programmes`, `register`, `schools`, `sessions`, `demo`, `mail`); time is passed
//! in as `now` (Unix seconds), read at the edge.

use crate::accounts::{self, NewUserInput};
use crate::applications::{self, ApplicationInput, Submitted};
use crate::error::{Error, Result};
use crate::mail::{self, Transport};
use crate::register::ImportReport;
use crate::store::{
    Actor, ApiToken, ApplicationRecord, ExpertRecord, ExpertWrite, GrantRecord, NewAudit, ProgrammeDefinition,
    ProgrammeWrite, School, SchoolEdit, SessionRecord, Store, StoreError, StoreRead, TrajectoryRecord, User,
    UserUpdate,
};
use koers_core::NormLibrary;
use koers_core::access::{Grant, Principal};
use koers_core::ids::{ApiTokenId, ApplicationId, ExpertId, GrantId, SchoolId, TrajectoryId, UserId, VerdictId};
use koers_core::matching::MatchRequest;
use koers_core::programme::ProgrammeRules;
use koers_core::workflow::Command;
use std::sync::Arc;

mod access;
mod board_requests;
mod dagdelen;
mod experts;
mod external;
mod ops;
mod plans;
mod reports;
mod selfeval;
mod support;
mod voortgang;

/// The use cases over one store and one set of norm tables. One pointer: a clone (per request,
/// in the web layer's auth backend and state) is one reference count.
#[derive(Debug, Clone)]
pub struct App(Arc<AppParts>);

/// What an [`App`] points to; its fields are this module's (reached through `Deref`).
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct AppParts {
    store: Arc<dyn Store>,
    norms: Arc<NormLibrary>,
    /// The parsed programme definitions, refreshed when a stored one changes.
    catalog: Arc<crate::programmes::Catalog>,
    /// Roles whose accounts may not log in with a password (they use their organisation's
    /// OpenID provider); see [`App::with_password_off`].
    password_off: Arc<[koers_core::access::RoleKind]>,
    /// The PDF engine with its bounds (`None`: this installation renders no PDFs); see
    /// [`App::with_pdf_engine`].
    renderer: Option<crate::reports::render::Renderer>,
}

impl std::ops::Deref for App {
    type Target = AppParts;
    fn deref(&self) -> &AppParts {
        &self.0
    }
}

impl App {
    /// Built at the edge (the CLI, a test) from a connected store.
    pub fn new(store: Arc<dyn Store>, norms: Arc<NormLibrary>) -> Self {
        Self(Arc::new(AppParts {
            store,
            norms,
            catalog: Arc::new(crate::programmes::Catalog::new()),
            password_off: Arc::from([]),
            renderer: None,
        }))
    }

    /// The builders change the one copy this App points to (copied first if shared).
    fn parts_mut(&mut self) -> &mut AppParts {
        Arc::make_mut(&mut self.0)
    }

    /// Read access for pages and reports; has no write methods.
    pub fn read(&self) -> &dyn StoreRead {
        self.store.as_ref()
    }

    pub fn norms(&self) -> &NormLibrary {
        &self.norms
    }

    pub fn norms_arc(&self) -> Arc<NormLibrary> {
        Arc::clone(&self.norms)
    }

    /// `sqlite` / `postgres`.
    pub fn backend(&self) -> &'static str {
        self.store.backend()
    }

    /// Apply pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        Ok(self.store.migrate().await?)
    }

    // ---- programmes ----------------------------------------------------------------------

    /// The programmes in force (stored definitions, else the shipped ones).
    pub async fn programmes(&self) -> Result<Vec<ProgrammeRules>> {
        Ok(self.programmes_in_force().await?.active().to_vec())
    }

    /// The programmes in force with their defaults per sector and audience — the one source of
    /// the public verdict, screening, aanmelden, grants and matching (parsed once per change).
    pub async fn programmes_in_force(&self) -> Result<Arc<crate::programmes::Programmes>> {
        self.catalog.current(self.read()).await
    }

    /// The results-band rule of the public verdict: the default programme of a PO school.
    pub async fn band_rule(&self) -> Result<koers_core::programme::BandRule> {
        Ok(*self.programmes_in_force().await?.band()?.1)
    }

    /// Store the shipped programmes when the store holds none (start-up, the admin list).
    pub async fn seed_programmes(&self, actor: &Actor, now: i64) -> Result<usize> {
        let added = crate::programmes::seed_shipped(self.store.as_ref(), actor, now).await;
        self.catalog.invalidate();
        added
    }

    /// Create or update a stored programme definition (a beheerder's edit).
    pub async fn save_programme(&self, p: &ProgrammeWrite, actor: &Actor, now: i64) -> Result<ProgrammeDefinition> {
        let saved = self.store.save_programme_definition(p, actor, now).await;
        self.catalog.invalidate();
        Ok(saved?)
    }

    // ---- register ------------------------------------------------------------------------

    /// Import one public file (CSV, xlsx, ods) into the register.
    pub async fn import_file(&self, bytes: &[u8], file_name: &str, actor: &Actor, now: i64) -> Result<ImportReport> {
        let report = crate::register::import_bytes(self.store.as_ref(), bytes, file_name, actor, now).await?;
        if report.results_changed > 0 {
            crate::voortgang::register::into_trajectories(self.store.as_ref(), actor, now).await?;
        }
        Ok(report)
    }

    /// A manual edit of a school (version-checked).
    pub async fn edit_school(
        &self,
        id: SchoolId,
        expected_version: i64,
        edit: &SchoolEdit,
        actor: &Actor,
        now: i64,
    ) -> Result<School> {
        Ok(self.store.edit_school(id, expected_version, edit, actor, now).await?)
    }

    // ---- accounts ------------------------------------------------------------------------

    /// Check e-mail and password (throttled, audited).
    pub async fn authenticate(&self, email: &str, password: &str, now: i64) -> Result<(User, Principal)> {
        accounts::authenticate(self.store.as_ref(), email, password, now, &self.password_off).await
    }

    pub async fn principal_of(&self, user_id: UserId) -> Result<Principal> {
        Ok(accounts::principal_of(self.read(), user_id).await?)
    }

    /// The user and the token's scope behind a bearer token (records its use).
    pub async fn principal_for_token(
        &self,
        token: &str,
        now: i64,
    ) -> Result<(User, Principal, crate::store::TokenScope)> {
        Ok(accounts::principal_for_token(self.store.as_ref(), token, now).await?)
    }

    pub async fn create_user(&self, input: &NewUserInput, actor: &Actor, now: i64) -> Result<User> {
        accounts::create_user(self.store.as_ref(), input, actor, now).await
    }

    /// Change name, password, language or active; refused with [`Error::LastBeheerder`] (inside
    /// the write's transaction) when it would deactivate the last active beheerder.
    pub async fn update_user(
        &self,
        id: UserId,
        expected_version: i64,
        update: &UserUpdate,
        actor: &Actor,
        now: i64,
    ) -> Result<User> {
        Ok(self.store.update_user(id, expected_version, update, actor, now).await?)
    }

    pub async fn add_grant(&self, user_id: UserId, grant: &Grant, actor: &Actor, now: i64) -> Result<GrantRecord> {
        Ok(self.store.add_grant(user_id, grant, actor, now).await?)
    }

    /// Remove grant `grant_id` of user `user_id`; [`Error::LastBeheerder`] when it is the last
    /// active beheerder's beheerder role (checked inside the write).
    pub async fn remove_grant(&self, user_id: UserId, grant_id: GrantId, actor: &Actor, now: i64) -> Result<()> {
        let owned = self.store.grants_of_user(user_id).await?.iter().any(|g| g.id == grant_id);
        if !owned {
            return Err(Error::NotFound);
        }
        Ok(self.store.remove_grant(grant_id, actor, now).await?)
    }

    /// Issue an API token for `user_id`; the token text is returned once.
    pub async fn issue_api_token(
        &self,
        user_id: UserId,
        name: &str,
        scope: crate::store::TokenScope,
        actor: &Actor,
        now: i64,
    ) -> Result<(ApiToken, String)> {
        accounts::issue_api_token(self.store.as_ref(), user_id, name, scope, actor, now).await
    }

    /// Revoke one of `user_id`'s own tokens (`NotFound` for anyone else's).
    pub async fn revoke_api_token(&self, user_id: UserId, token_id: ApiTokenId, actor: &Actor, now: i64) -> Result<()> {
        let owned = self.store.api_tokens_of_user(user_id).await?.iter().any(|t| t.id == token_id);
        if !owned {
            return Err(Error::NotFound);
        }
        Ok(self.store.revoke_api_token(token_id, actor, now).await?)
    }

    /// Append an audit entry for something that changed no data (logout, export, token use).
    pub async fn record_event(&self, entry: &NewAudit) -> Result<()> {
        Ok(self.store.append_audit(entry).await?)
    }

    // ---- sessions (the web's session store) -------------------------------------------------

    pub async fn session_load(&self, id: &str, now: i64) -> Result<Option<SessionRecord>, StoreError> {
        self.store.session_load(id, now).await
    }
    pub async fn session_save(&self, record: &SessionRecord) -> Result<(), StoreError> {
        self.store.session_save(record).await
    }
    pub async fn session_delete(&self, id: &str) -> Result<(), StoreError> {
        self.store.session_delete(id).await
    }
    pub async fn session_delete_expired(&self, now: i64) -> Result<u64, StoreError> {
        self.store.session_delete_expired(now).await
    }
    /// Delete login attempts older than the throttle window, summarising the failures among
    /// them in one audit entry (see [`accounts::prune_login_attempts`]); how many had failed.
    pub async fn prune_login_attempts(&self, now: i64) -> Result<u64, StoreError> {
        accounts::prune_login_attempts(self.store.as_ref(), now).await
    }

    // ---- trajectories ----------------------------------------------------------------------

    /// End trajectory `id` (as last seen at `expected_version`) with a reason, audited.
    pub async fn end_trajectory(
        &self,
        id: TrajectoryId,
        expected_version: i64,
        reason: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<TrajectoryRecord> {
        crate::trajectories::end(self.store.as_ref(), id, expected_version, reason, actor, now).await
    }

    // ---- Inspectie verdicts (issue 10 §2) ---------------------------------------------------

    /// Record (staff: vastgesteld) or declare (the school's leader, its board: verklaard) a verdict.
    pub async fn record_verdict(
        &self,
        who: &Principal,
        of: crate::verdicts::VerdictOf,
        form: &koers_core::inspection::VerdictForm,
        actor: &Actor,
        now: i64,
    ) -> Result<crate::store::VerdictRecord> {
        crate::verdicts::record(self.store.as_ref(), who, of, form, actor, now).await
    }

    /// Confirm a declared verdict (programme staff).
    pub async fn confirm_verdict(
        &self,
        who: &Principal,
        id: VerdictId,
        expected_version: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<crate::store::VerdictRecord> {
        crate::verdicts::confirm(self.store.as_ref(), who, id, expected_version, actor, now).await
    }

    /// Change a recorded verdict (programme staff; optimistic version, audited).
    pub async fn edit_verdict(
        &self,
        who: &Principal,
        id: VerdictId,
        expected_version: i64,
        form: &koers_core::inspection::VerdictForm,
        actor: &Actor,
        now: i64,
    ) -> Result<crate::store::VerdictRecord> {
        crate::verdicts::edit(self.store.as_ref(), who, id, expected_version, form, actor, now).await
    }

    /// Delete a recorded verdict (programme staff; optimistic version, audited); whose it was.
    pub async fn delete_verdict(
        &self,
        who: &Principal,
        id: VerdictId,
        expected_version: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<crate::verdicts::VerdictOf> {
        crate::verdicts::delete(self.store.as_ref(), who, id, expected_version, actor, now).await
    }

    // ---- experts -------------------------------------------------------------------------

    pub async fn save_expert(&self, e: &ExpertWrite, actor: &Actor, now: i64) -> Result<ExpertRecord> {
        Ok(self.store.save_expert(e, actor, now).await?)
    }

    /// Set where an expert works: programmes, sectors, standplaats, travel limit (checked).
    pub async fn set_expert_pool(
        &self,
        expert_id: ExpertId,
        expected_version: i64,
        input: &crate::experts::PoolInput,
        actor: &Actor,
        now: i64,
    ) -> Result<ExpertRecord> {
        let known: Vec<String> = self.programmes().await?.into_iter().map(|p| p.id).collect();
        crate::experts::set_pool(self.store.as_ref(), expert_id, expected_version, input, &known, actor, now).await
    }

    // ---- applications --------------------------------------------------------------------

    /// Submit an application: checked, entry rule applied, stored with its mails and approval
    /// link in one transaction.
    pub async fn submit_application(
        &self,
        input: &ApplicationInput,
        submitted_by: Option<UserId>,
        actor: &Actor,
        now: i64,
        base_url: &str,
    ) -> Result<Submitted> {
        let programmes = self.programmes().await?;
        applications::submit(self.store.as_ref(), &programmes, &self.norms, input, submitted_by, actor, now, base_url)
            .await
    }

    /// One workflow step on application `id` as last seen at `expected_version`.
    pub async fn act(
        &self,
        id: ApplicationId,
        expected_version: i64,
        cmd: &Command,
        actor: &Actor,
        now: i64,
    ) -> Result<ApplicationRecord> {
        applications::act(self.store.as_ref(), id, expected_version, cmd, actor, now).await
    }

    /// Assign an expert (over capacity only with a note), creating the trajectory.
    #[allow(clippy::too_many_arguments)]
    pub async fn assign_expert(
        &self,
        programme: &ProgrammeRules,
        id: ApplicationId,
        expected_version: i64,
        request: &MatchRequest,
        expert_id: ExpertId,
        capacity_override: Option<&str>,
        actor: &Actor,
        now: i64,
    ) -> Result<(ApplicationRecord, TrajectoryRecord)> {
        applications::assign_expert(
            self.store.as_ref(),
            programme,
            id,
            expected_version,
            request,
            expert_id,
            capacity_override,
            actor,
            now,
        )
        .await
    }

    /// Who applies for which programme (`/aanmelden`), after checking `principal` may change
    /// the school or board.
    pub async fn resolve_target(
        &self,
        principal: &Principal,
        q: &applications::TargetQuery,
    ) -> Result<applications::Target> {
        let all = self.programmes_in_force().await?;
        applications::target::resolve(self.read(), &all, principal, q).await
    }

    /// The application behind a board-approval link, if the link may still be used.
    pub async fn application_for_link(&self, token: &str, now: i64) -> Result<ApplicationRecord> {
        applications::application_for_link(self.read(), token, now).await
    }

    /// Approve or decline through a board-approval link (the link is used up).
    pub async fn decide_by_link(
        &self,
        token: &str,
        approve: bool,
        reason: &str,
        now: i64,
    ) -> Result<ApplicationRecord> {
        applications::decide_by_link(self.store.as_ref(), token, approve, reason, now).await
    }

    // ---- mail ----------------------------------------------------------------------------

    /// Hand up to `limit` unsent mails to `transport`; returns (sent, failed).
    pub async fn deliver_mail(&self, transport: &dyn Transport, now: i64, limit: i64) -> Result<(usize, usize)> {
        Ok(mail::deliver_pending(self.store.as_ref(), transport, now, limit).await?)
    }

    // ---- demo ----------------------------------------------------------------------------

    pub async fn demo_load_files(&self, files: &[(&str, &[u8])], now: i64) -> Result<Vec<ImportReport>> {
        crate::demo::load_files(self.store.as_ref(), files, now).await
    }
    pub async fn demo_seed_experts(&self, now: i64) -> Result<usize> {
        crate::demo::seed_experts(self.store.as_ref(), now).await
    }
    /// Demo trajectories with dagdelen (after the users and experts).
    pub async fn demo_seed_dagdelen(&self, now: i64) -> Result<usize> {
        crate::demo::seed_dagdelen(self.store.as_ref(), now).await
    }
    pub async fn demo_seed_users(&self, now: i64) -> Result<Vec<crate::demo::DemoLogin>> {
        crate::demo::seed_users(self.store.as_ref(), now).await
    }
    /// Per programme a trajectory in each phase, with its plan (after the experts and users).
    pub async fn demo_seed_trajectories(&self, now: i64) -> Result<usize> {
        let programmes = self.programmes().await?;
        crate::demo::seed_trajectories(self.store.as_ref(), &programmes, now).await
    }
    /// Voortgang, reviews and one off-course trajectory (after the trajectories).
    pub async fn demo_seed_voortgang(&self, now: i64) -> Result<usize> {
        crate::demo::seed_voortgang(self.store.as_ref(), now).await
    }
}
