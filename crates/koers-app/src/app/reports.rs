//! [`App`]'s report use cases (issue 9 §5), implemented in [`crate::reports`]: the documents of a
//! trajectory (on screen and as PDF), the Inspectie report's release, the kostenoverzicht as PDF,
//! the board's latest reports and the programme monitor. Every download is audited (`export`).

use super::App;
use crate::dagdelen::money::CostOverview;
use crate::error::{Error, Result};
use crate::reports::build::{self, Built, Ctx, ReportEntry};
use crate::reports::render::{RenderLimits, Renderer};
use crate::reports::{ReportKind, cost_doc, monitor, release};
use crate::store::{Actor, AuditEntity, NewAudit, ReportRelease, StoreError, TrajectoryFilter};
use koers_core::access::Principal;
use koers_core::calendar::Date;
use koers_core::ids::{BoardNumber, SchoolId, TrajectoryId};
use koers_core::money::Period;
use koers_reports::{Document, PdfEngine};
use std::sync::Arc;

/// The newest report of one trajectory, for the board's home.
#[derive(Debug, Clone)]
pub struct LatestReport {
    pub trajectory_id: TrajectoryId,
    pub school: String,
    pub programme: String,
    pub kind: ReportKind,
}

impl App {
    /// The same use cases with PDF rendering through `engine` (the `koers` binary hands in the
    /// Typst engine), at most `limits` at a time.
    #[must_use]
    pub fn with_pdf_engine(mut self, engine: Arc<dyn PdfEngine>, limits: RenderLimits) -> Self {
        self.parts_mut().renderer = Some(Renderer::new(engine, limits));
        self
    }

    /// Does this installation render PDFs?
    pub fn renders_pdf(&self) -> bool {
        self.renderer.is_some()
    }

    /// Load the PDF engine's fonts and template now (at startup); nothing without an engine.
    pub fn warm_up_pdf(&self) -> Result<()> {
        self.renderer.as_ref().map_or(Ok(()), Renderer::warm_up)
    }

    /// Render `doc` on the blocking pool, within the bounds; [`Error::PdfUnavailable`] without
    /// an engine.
    pub async fn render_pdf(&self, doc: Document) -> Result<Vec<u8>> {
        self.renderer.as_ref().ok_or(Error::PdfUnavailable)?.pdf(doc).await
    }

    async fn audit_export(&self, actor: &Actor, entity: AuditEntity, id: String, now: i64) -> Result<()> {
        self.record_event(&NewAudit {
            at: now,
            actor_user_id: actor.user_id,
            actor_label: actor.label.clone(),
            action: "export".into(),
            entity,
            entity_id: id,
            before: None,
            after: None,
        })
        .await
    }

    /// The reports of trajectory `id` for `who`, with what is missing for each.
    pub async fn reports_of(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        today: Date,
    ) -> Result<Vec<ReportEntry>> {
        let case = self.plan_case(who, actor, id).await?;
        let programmes = self.programmes_in_force().await?;
        let c = Ctx { store: self.read(), programmes: &programmes, norms: &self.norms, who, case: &case, today };
        build::list(&c).await
    }

    /// Report `kind` of trajectory `id` as `who` may read it on `today`.
    pub async fn report(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        kind: ReportKind,
        today: Date,
    ) -> Result<Built> {
        let case = self.plan_case(who, actor, id).await?;
        let programmes = self.programmes_in_force().await?;
        let c = Ctx { store: self.read(), programmes: &programmes, norms: &self.norms, who, case: &case, today };
        build::build(&c, kind).await
    }

    /// The PDF of report `kind` (audited as an export).
    pub async fn report_pdf(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        kind: ReportKind,
        today: Date,
        now: i64,
    ) -> Result<(Built, Vec<u8>)> {
        if !self.renders_pdf() {
            return Err(Error::PdfUnavailable);
        }
        let built = self.report(who, actor, id, kind, today).await?;
        let pdf = self.render_pdf(built.document.clone()).await?;
        self.audit_export(actor, AuditEntity::Report, format!("{}/{}", id.get(), kind.code()), now).await?;
        Ok((built, pdf))
    }

    /// The school leader releases the voortgangsrapportage for the Inspectie (audited).
    pub async fn release_inspectie_report(
        &self,
        who: &Principal,
        actor: &Actor,
        id: TrajectoryId,
        today: Date,
        now: i64,
    ) -> Result<ReportRelease> {
        let case = self.plan_case(who, actor, id).await?;
        let programmes = self.programmes_in_force().await?;
        release::release(self.store.as_ref(), &programmes, who, &case, actor, today, now).await
    }

    /// The kostenoverzicht of `school` over `period` as a PDF (audited as an export), with the
    /// overview it shows.
    pub async fn cost_overview_pdf(
        &self,
        who: &Principal,
        actor: &Actor,
        school: SchoolId,
        period: Period,
        today: Date,
        now: i64,
    ) -> Result<(CostOverview, Vec<u8>)> {
        if !self.renders_pdf() {
            return Err(Error::PdfUnavailable);
        }
        let o = self.cost_overview(who, school, period).await?;
        let pdf = self.render_pdf(cost_doc::document(&o, today)?).await?;
        self.audit_export(
            actor,
            AuditEntity::Kostenoverzicht,
            format!("{}/{}/{}", school.get(), period.from, period.to),
            now,
        )
        .await?;
        Ok((o, pdf))
    }

    /// The programme monitor workbook (xlsx) for programme staff and beheerders (audited).
    pub async fn programme_monitor(&self, who: &Principal, actor: &Actor, today: Date, now: i64) -> Result<Vec<u8>> {
        let programmes = self.programmes_in_force().await?;
        let wb = monitor::workbook(self.read(), &programmes, who, today).await?;
        let bytes = wb.to_xlsx().map_err(|e| Error::ReportUnavailable(e.to_string()))?;
        self.audit_export(actor, AuditEntity::ProgrammeExport, "programmamonitor.xlsx".into(), now).await?;
        Ok(bytes)
    }

    /// Per trajectory of board `board` (its own and its schools') that `who` may see, the newest
    /// report that can be made: the eindrapportage of an ended trajectory, else the
    /// voortgangsrapportage for the bestuur, the plan van aanpak, the 0-meting.
    pub async fn board_latest_reports(
        &self,
        who: &Principal,
        actor: &Actor,
        board: BoardNumber,
        today: Date,
    ) -> Result<Vec<LatestReport>> {
        let programmes = self.programmes_in_force().await?;
        let mut trajectories = self
            .read()
            .list_trajectories(&TrajectoryFilter { board_number: Some(board), ..Default::default() })
            .await?;
        for s in self.read().schools_of_board(board).await? {
            let filter = TrajectoryFilter { school_id: Some(s.id), ..Default::default() };
            for t in self.read().list_trajectories(&filter).await? {
                if !trajectories.iter().any(|x| x.id == t.id) {
                    trajectories.push(t);
                }
            }
        }
        let mut out = Vec::new();
        for t in trajectories {
            let id = t.id;
            let entries = match self.reports_of(who, actor, id, today).await {
                Ok(e) => e,
                Err(Error::Forbidden) => continue,
                Err(e) => return Err(e),
            };
            let order = [ReportKind::Eind, ReportKind::VoortgangBestuur, ReportKind::Plan, ReportKind::Nulmeting];
            let pick = order
                .into_iter()
                .filter(|k| *k != ReportKind::Eind || !t.active)
                .find(|k| entries.iter().any(|e| e.kind == *k && e.unavailable.is_none()));
            let Some(kind) = pick else { continue };
            let school = match t.school_id {
                Some(s) => match self.read().school(s).await {
                    Ok(s) => s.name,
                    Err(StoreError::NotFound) => String::new(),
                    Err(e) => return Err(e.into()),
                },
                None => String::new(),
            };
            out.push(LatestReport { trajectory_id: t.id, school, programme: programmes.name(&t.programme_id), kind });
        }
        Ok(out)
    }
}
