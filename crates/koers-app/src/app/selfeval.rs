//! [`App`] methods of issue 8's forms (see [`crate::selfevals`]): formats as data, opening and
//! filling in a trajectory's form, comments, klassenbezoeken, uploads, submit and confirm, the
//! verbeterpunten for the plan, and the school's team.

use super::App;
use crate::error::Result;
use crate::selfevals::edit::{self, AnswerInput};
use crate::selfevals::form::{self, FormSummary};
use crate::selfevals::team::{self, Invitation};
use crate::selfevals::{FormRef, FormView, formats, status};
use crate::store::{
    Actor, AnswerRecord, CommentRecord, FormatRecord, GrantRecord, SelfEvaluationRecord, UploadMeta, User, VisitRecord,
};
use koers_core::access::Principal;
use koers_core::format::answer::Visit;
use koers_core::format::{CandidateGoal, Format};
use koers_core::ids::{CommentId, SchoolId, TrajectoryId, UploadId, UserId};

impl App {
    // ---- formats -------------------------------------------------------------------------

    /// Store the shipped formats the store does not hold yet (start-up, demo).
    pub async fn seed_formats(&self, now: i64) -> Result<usize> {
        formats::seed_shipped(self.store.as_ref(), now).await
    }

    /// Every format in force (newest version), by id.
    pub async fn formats(&self) -> Result<Vec<FormatRecord>> {
        formats::list(self.read()).await
    }

    /// The version in force of format `id`, parsed.
    pub async fn format(&self, id: &str) -> Result<std::sync::Arc<Format>> {
        formats::in_force(self.read(), id).await
    }

    /// A beheerder's new format or new version (TOML; checked, version must go up).
    pub async fn save_format(
        &self,
        toml_text: &str,
        expected_latest: Option<i64>,
        expected_id: Option<&str>,
        actor: &Actor,
        now: i64,
    ) -> Result<FormatRecord> {
        formats::save(self.store.as_ref(), toml_text, expected_latest, expected_id, actor, now).await
    }

    // ---- a trajectory's forms -------------------------------------------------------------

    /// The forms of a trajectory (formats its phases name) with status and completeness.
    pub async fn trajectory_forms(&self, who: &Principal, trajectory: TrajectoryId) -> Result<Vec<FormSummary>> {
        let programmes = self.programmes_in_force().await?;
        form::forms_of(self.read(), &programmes, who, trajectory).await
    }

    /// Open a form, starting it when `who` fills it in and nobody started it yet.
    pub async fn open_form(&self, who: &Principal, f: &FormRef, actor: &Actor, now: i64) -> Result<FormView> {
        let programmes = self.programmes_in_force().await?;
        form::open(self.store.as_ref(), &programmes, &self.norms, who, f, true, actor, now).await
    }

    /// A form as it stands, without starting it (reads only).
    pub async fn form(&self, who: &Principal, f: &FormRef) -> Result<FormView> {
        let programmes = self.programmes_in_force().await?;
        form::load(self.read(), &programmes, &self.norms, who, f).await
    }

    /// Save one item (version-checked per item).
    pub async fn answer_item(
        &self,
        who: &Principal,
        f: &FormRef,
        item: &str,
        input: AnswerInput,
        actor: &Actor,
        now: i64,
    ) -> Result<AnswerRecord> {
        edit::save_answer(self.store.as_ref(), who, f, item, input, actor, now).await
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn comment_item(
        &self,
        who: &Principal,
        f: &FormRef,
        item: &str,
        parent: Option<CommentId>,
        body: &str,
        actor: &Actor,
        now: i64,
    ) -> Result<CommentRecord> {
        edit::comment(self.store.as_ref(), who, f, item, parent, body, actor, now).await
    }

    pub async fn add_visit(
        &self,
        who: &Principal,
        f: &FormRef,
        item: &str,
        visit: Visit,
        actor: &Actor,
        now: i64,
    ) -> Result<VisitRecord> {
        edit::add_visit(self.store.as_ref(), who, f, item, visit, actor, now).await
    }

    /// `Ok` when `who` may change `item` now (checked before an upload is read).
    pub async fn ensure_may_fill(&self, who: &Principal, f: &FormRef, item: &str) -> Result<()> {
        edit::ensure_may_fill(self.read(), who, f, item).await
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn upload_evidence(
        &self,
        who: &Principal,
        f: &FormRef,
        item: &str,
        file_name: &str,
        bytes: Vec<u8>,
        actor: &Actor,
        now: i64,
    ) -> Result<UploadMeta> {
        edit::upload(self.store.as_ref(), who, f, item, file_name, bytes, actor, now).await
    }

    pub async fn remove_evidence(
        &self,
        who: &Principal,
        f: &FormRef,
        id: UploadId,
        actor: &Actor,
        now: i64,
    ) -> Result<()> {
        edit::remove_upload(self.store.as_ref(), who, f, id, actor, now).await
    }

    /// An upload's bytes, for whoever may see the trajectory.
    pub async fn evidence(&self, who: &Principal, f: &FormRef, id: UploadId) -> Result<(UploadMeta, Vec<u8>)> {
        edit::download(self.read(), who, f, id).await
    }

    /// Submit (baseline frozen; the phase moves when the programme says so).
    pub async fn submit_form(
        &self,
        who: &Principal,
        f: &FormRef,
        expected_version: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<SelfEvaluationRecord> {
        let programmes = self.programmes_in_force().await?;
        status::submit(self.store.as_ref(), &programmes, &self.norms, who, f, expected_version, actor, now).await
    }

    /// Confirm a submitted form (the expert or staff; the phase moves when the programme says so).
    pub async fn confirm_form(
        &self,
        who: &Principal,
        f: &FormRef,
        expected_version: i64,
        actor: &Actor,
        now: i64,
    ) -> Result<SelfEvaluationRecord> {
        let programmes = self.programmes_in_force().await?;
        status::confirm(self.store.as_ref(), &programmes, who, f, expected_version, actor, now).await
    }

    /// The flagged verbeterpunten of a trajectory's submitted forms, as candidate goals for the
    /// plan van aanpak (no access check: the caller checked the trajectory).
    pub async fn verbeterpunten(&self, trajectory: TrajectoryId) -> Result<Vec<CandidateGoal>> {
        status::verbeterpunten(self.read(), trajectory).await
    }

    // ---- the school's team ----------------------------------------------------------------

    pub async fn team_members(&self, who: &Principal, school_id: SchoolId) -> Result<Vec<(User, GrantRecord)>> {
        team::members(self.read(), who, school_id).await
    }

    pub async fn invite_team_member(
        &self,
        who: &Principal,
        school_id: SchoolId,
        inv: &Invitation,
        actor: &Actor,
        now: i64,
    ) -> Result<User> {
        team::invite(self.store.as_ref(), who, school_id, inv, actor, now).await
    }

    pub async fn remove_team_member(
        &self,
        who: &Principal,
        school_id: SchoolId,
        user_id: UserId,
        actor: &Actor,
        now: i64,
    ) -> Result<()> {
        team::remove(self.store.as_ref(), who, school_id, user_id, actor, now).await
    }
}
