//! Changing a form while it is a concept: one item's answer and verbeterpunt flag (version per
//! item: a stale save is a conflict, never a silent overwrite), comments (any time, threaded),
//! klassenbezoeken and evidence uploads (type by content, size limit per item). Every refusal
//! names the field in Dutch; nothing already saved is touched by a refused change.

use super::form::{FormRef, find};
use super::{Case, case_of, formats};
use crate::check::FieldError;
use crate::error::{Error, Result};
use crate::store::{
    Actor, AnswerRecord, AnswerWrite, CommentRecord, NewComment, NewUpload, NewVisit, SelfEvaluationRecord, Store,
    UploadMeta, VisitRecord,
};
use koers_core::access::Principal;
use koers_core::access::case::{may_comment, may_fill, may_observe};
use koers_core::format::answer::{ObservationAnswer, Visit};
use koers_core::format::item::DEFAULT_NOTE_MAX;
use koers_core::format::{Answer, AnswerError, FileKind, Format, ItemKind, Located};
use koers_core::ids::{CommentId, UploadId};

/// The longest comment, in characters.
pub const COMMENT_MAX: usize = 4000;
/// The longest file name kept, in characters.
pub const FILE_NAME_MAX: usize = 255;

/// What a person saves for one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnswerInput {
    /// `None`: only the flag changes (the answer stays as saved).
    pub answer: Option<Answer>,
    /// `Some(note)`: flagged as verbeterpunt.
    pub verbeterpunt: Option<String>,
    /// The item's version the person started from (0: no saved answer yet).
    pub expected_version: i64,
}

fn answer_error(e: AnswerError) -> Error {
    Error::Invalid(e.problems.into_iter().map(|p| FieldError { field: p.field, detail: p.detail }).collect())
}

/// The form, its format and the item, for a change by `who`; refused unless the form is a
/// concept and `who` fills in the item's section.
async fn editable(
    store: &dyn crate::store::StoreRead,
    who: &Principal,
    form: &FormRef,
    item: &str,
) -> Result<(Case, SelfEvaluationRecord, std::sync::Arc<Format>)> {
    let case = case_of(store, who, form.trajectory).await?;
    let record = find(store, form).await?.ok_or(Error::NotFound)?;
    let format = formats::at_version(store, &record.format_id, record.format_version).await?;
    let filler = {
        let l: Located<'_> = format.item(item).ok_or(Error::NotFound)?;
        format.filler(l.section)
    };
    if !may_fill(case.role, filler) {
        return Err(Error::Forbidden);
    }
    record.status.check_editable().map_err(|e| Error::field("status", e.to_string()))?;
    Ok((case, record, format))
}

/// `Ok` when `who` may change item `item` now (the form is a concept and `who` fills in its
/// section): what an upload checks before reading the file.
pub async fn ensure_may_fill(
    read: &dyn crate::store::StoreRead,
    who: &Principal,
    form: &FormRef,
    item: &str,
) -> Result<()> {
    editable(read, who, form, item).await.map(|_| ())
}

/// Save one item's answer and flag.
pub async fn save_answer(
    store: &dyn Store,
    who: &Principal,
    form: &FormRef,
    item: &str,
    input: AnswerInput,
    actor: &Actor,
    now: i64,
) -> Result<AnswerRecord> {
    let (_, record, format) = editable(store, who, form, item).await?;
    if let Some(note) = &input.verbeterpunt
        && note.chars().count() > DEFAULT_NOTE_MAX as usize
    {
        return Err(Error::field(
            "verbeterpunt",
            format!("de toelichting is te lang (hooguit {DEFAULT_NOTE_MAX} tekens)"),
        ));
    }
    let answer_json = match input.answer {
        Some(mut a) => {
            // Files are uploads of their own; klassenbezoeken too.
            match &mut a {
                Answer::Evidence(e) => e.files.clear(),
                Answer::Observation(o) => o.visits.clear(),
                _ => {}
            }
            format.check_answer(item, &a).map_err(answer_error)?;
            Some(serde_json::to_string(&a)?)
        }
        None => store.answer(record.id, item).await?.and_then(|a| a.answer_json),
    };
    let w = AnswerWrite {
        self_evaluation_id: record.id,
        item_id: item.to_owned(),
        answer_json,
        verbeterpunt: input.verbeterpunt.map(|n| n.trim().to_owned()),
        expected_version: input.expected_version,
    };
    match store.save_answer(&w, actor, now).await {
        // The same person sending the same content twice at one version (an autosave on leaving
        // a field racing the "Opslaan" it left the field for, or a double click) is no conflict:
        // what they meant is stored. Anything else at a stale version stays a conflict.
        Err(crate::store::StoreError::Conflict { expected, actual }) => match store.answer(record.id, item).await? {
            Some(stored)
                if actor.user_id.is_some()
                    && stored.updated_by == actor.user_id
                    && stored.answer_json == w.answer_json
                    && stored.verbeterpunt == w.verbeterpunt =>
            {
                Ok(stored)
            }
            _ => Err(crate::store::StoreError::Conflict { expected, actual }.into()),
        },
        other => Ok(other?),
    }
}

/// Comment on an item (or answer a comment), at any status.
#[allow(clippy::too_many_arguments)]
pub async fn comment(
    store: &dyn Store,
    who: &Principal,
    form: &FormRef,
    item: &str,
    parent: Option<CommentId>,
    body: &str,
    actor: &Actor,
    now: i64,
) -> Result<CommentRecord> {
    let case = case_of(store, who, form.trajectory).await?;
    if !may_comment(case.role) {
        return Err(Error::Forbidden);
    }
    let record = find(store, form).await?.ok_or(Error::NotFound)?;
    let format = formats::at_version(store, &record.format_id, record.format_version).await?;
    if format.item(item).is_none() {
        return Err(Error::NotFound);
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(Error::field("opmerking", "schrijf eerst een opmerking"));
    }
    if body.chars().count() > COMMENT_MAX {
        return Err(Error::field("opmerking", format!("de opmerking is te lang (hooguit {COMMENT_MAX} tekens)")));
    }
    let c = NewComment {
        self_evaluation_id: record.id,
        item_id: item.to_owned(),
        parent_id: parent,
        author_role: case.role.code().to_owned(),
        body: body.to_owned(),
    };
    Ok(store.add_comment(&c, actor, now).await?)
}

/// Add a klassenbezoek to an observation item (checked against its kijkwijzer).
pub async fn add_visit(
    store: &dyn Store,
    who: &Principal,
    form: &FormRef,
    item: &str,
    visit: Visit,
    actor: &Actor,
    now: i64,
) -> Result<VisitRecord> {
    let case = case_of(store, who, form.trajectory).await?;
    if !may_observe(case.role) {
        return Err(Error::Forbidden);
    }
    let record = find(store, form).await?.ok_or(Error::NotFound)?;
    record.status.check_editable().map_err(|e| Error::field("status", e.to_string()))?;
    let format = formats::at_version(store, &record.format_id, record.format_version).await?;
    let Some(ItemKind::Observation(o)) = format.item(item).map(|l| &l.item.kind) else { return Err(Error::NotFound) };
    let existing = store.visits(record.id).await?.iter().filter(|v| v.item_id == item).count();
    if existing >= o.max_visits as usize {
        return Err(Error::field(
            "bezoek",
            format!("dit onderdeel heeft al {} klassenbezoeken (het maximum)", o.max_visits),
        ));
    }
    let single = Answer::Observation(ObservationAnswer { visits: vec![visit.clone()] });
    format.check_answer(item, &single).map_err(|e| {
        let mut e = e;
        for p in &mut e.problems {
            p.field = p.field.trim_start_matches("visits[1].").to_owned();
        }
        answer_error(e)
    })?;
    let v = NewVisit {
        self_evaluation_id: record.id,
        item_id: item.to_owned(),
        visit_json: serde_json::to_string(&visit)?,
    };
    Ok(store.add_visit(&v, actor, now).await?)
}

/// Upload one evidence file: its type is judged by content (a name that claims another type is
/// refused), within the item's size limit, number of files and accepted types.
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    store: &dyn Store,
    who: &Principal,
    form: &FormRef,
    item: &str,
    file_name: &str,
    bytes: Vec<u8>,
    actor: &Actor,
    now: i64,
) -> Result<UploadMeta> {
    let (_, record, format) = editable(store, who, form, item).await?;
    let Some(ItemKind::Evidence(e)) = format.item(item).map(|l| &l.item.kind) else { return Err(Error::NotFound) };
    let name: String =
        file_name.rsplit(['/', '\\']).next().unwrap_or_default().trim().chars().take(FILE_NAME_MAX).collect();
    if bytes.is_empty() || name.is_empty() {
        return Err(Error::field("bestand", "kies een bestand om te uploaden"));
    }
    if bytes.len() as u64 > e.max_file_bytes() {
        return Err(Error::field(
            "bestand",
            format!(
                "het bestand is te groot ({} MB); hooguit {} MB per bestand",
                bytes.len().div_ceil(1024 * 1024),
                e.max_file_mb
            ),
        ));
    }
    let accepted = e.accept.iter().map(|k| k.name()).collect::<Vec<_>>().join(", ");
    let Some(kind) = FileKind::sniff(&bytes) else {
        return Err(Error::field("bestand", format!("dit bestand is geen {accepted} (gekeken naar de inhoud)")));
    };
    if let Some(claimed) = FileKind::from_file_name(&name).filter(|c| *c != kind) {
        return Err(Error::field(
            "bestand",
            format!(
                "de naam zegt {} maar de inhoud is {}; geef het bestand de juiste naam",
                claimed.name(),
                kind.name()
            ),
        ));
    }
    if !e.accept.contains(&kind) {
        return Err(Error::field("bestand", format!("{} wordt hier niet aangenomen; wel: {accepted}", kind.name())));
    }
    let existing = store.uploads(record.id).await?.iter().filter(|u| u.item_id == item).count();
    if existing >= e.max_files as usize {
        return Err(Error::field(
            "bestand",
            format!("hier passen hooguit {} bestanden; verwijder er eerst een", e.max_files),
        ));
    }
    let u = NewUpload {
        self_evaluation_id: record.id,
        item_id: item.to_owned(),
        file_name: name,
        kind: kind.name().to_owned(),
        bytes,
    };
    Ok(store.add_upload(&u, actor, now).await?)
}

/// Remove an upload of this form (while it is a concept, by who may fill in its item).
pub async fn remove_upload(
    store: &dyn Store,
    who: &Principal,
    form: &FormRef,
    id: UploadId,
    actor: &Actor,
    now: i64,
) -> Result<()> {
    let record = find(store, form).await?.ok_or(Error::NotFound)?;
    let (meta, _) = store.upload_content(id).await?;
    if meta.self_evaluation_id != record.id {
        return Err(Error::NotFound);
    }
    editable(store, who, form, &meta.item_id).await?;
    Ok(store.remove_upload(id, actor, now).await?)
}

/// An upload's bytes, for whoever may see the trajectory (and only for an upload of its form).
pub async fn download(
    store: &dyn crate::store::StoreRead,
    who: &Principal,
    form: &FormRef,
    id: UploadId,
) -> Result<(UploadMeta, Vec<u8>)> {
    case_of(store, who, form.trajectory).await?;
    let record = find(store, form).await?.ok_or(Error::NotFound)?;
    let (meta, bytes) = store.upload_content(id).await?;
    if meta.self_evaluation_id != record.id {
        return Err(Error::NotFound);
    }
    Ok((meta, bytes))
}
