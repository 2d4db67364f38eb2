//! Comments, klassenbezoeken and evidence files of a form's items. Each is a plain form post
//! (multipart for files) answered with 303 back to the item; a refusal is 422 with the page,
//! the message at the item naming the field, and what was typed kept.

use super::FormPath;
use super::fields::{Fields, get};
use super::page::{ItemError, build};
use super::part::Part;
use crate::AppError;
use crate::auth::{CurrentUser, now};
use crate::html::page::Page;
use crate::html::render;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use koers_core::calendar::Date;
use koers_core::format::answer::Visit;
use koers_core::format::{FileKind, ItemKind};
use koers_core::ids::CommentId;

fn back(path: &FormPath, item: &str, notice: &str) -> Response {
    Redirect::to(&format!("{}?melding={notice}&item={item}#item-{item}", path.base())).into_response()
}

/// The page again with a refusal at `item` (422, or `status`).
#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    user: &CurrentUser,
    page: Page,
    path: &FormPath,
    item: &str,
    status: StatusCode,
    (field, detail): (String, String),
    draft: Fields,
) -> Result<Response, AppError> {
    let fv = state.app.form(user.principal(), &path.form).await?;
    let message = page.t_args("se-error-field", &[("field", super::fields::dutch_field(&field)), ("detail", detail)]);
    let error = ItemError { item: item.to_owned(), field, message, draft };
    let v = build(page, path, &fv, Part::at_item(&fv.format, item), Some(error), None);
    let mut res = render(&v)?;
    *res.status_mut() = status;
    Ok(res)
}

fn first(e: koers_app::Error) -> Result<(String, String), AppError> {
    match e {
        koers_app::Error::Invalid(errors) => {
            Ok(errors.into_iter().next().map(|e| (e.field, e.detail)).unwrap_or_default())
        }
        other => Err(other.into()),
    }
}

pub async fn comment(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    path: FormPath,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let item = path.item()?;
    let parent = get(&f, "antwoord-op").trim().parse::<i64>().ok().map(CommentId::new);
    match state
        .app
        .comment_item(user.principal(), &path.form, &item, parent, get(&f, "opmerking"), &user.actor(), now())
        .await
    {
        Ok(_) => Ok(back(&path, &item, "opmerking")),
        Err(e) => {
            let problem = first(e)?;
            refused(&state, &user, page, &path, &item, StatusCode::UNPROCESSABLE_ENTITY, problem, f).await
        }
    }
}

/// A klassenbezoek from `datum`, `groep`, `observant`, `vak`, `score.{look-for}`, `sterk`,
/// `verbeter`.
fn visit_of(f: &Fields) -> Result<Visit, (String, String)> {
    let raw = get(f, "datum").trim();
    let date =
        if raw.is_empty() { None } else { Some(Date::parse(raw).map_err(|e| ("datum".to_owned(), e.to_string()))?) };
    let mut scores = std::collections::BTreeMap::new();
    for (k, v) in f {
        let Some(look_for) = k.strip_prefix("score.") else { continue };
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let s = v.parse::<u8>().map_err(|_| (k.clone(), "kies een score van 1 tot en met 4".to_owned()))?;
        scores.insert(look_for.to_owned(), s);
    }
    Ok(Visit {
        date,
        group: get(f, "groep").trim().to_owned(),
        observer: get(f, "observant").trim().to_owned(),
        subject: get(f, "vak").trim().to_owned(),
        scores,
        strengths: get(f, "sterk").to_owned(),
        improvements: get(f, "verbeter").to_owned(),
    })
}

pub async fn visit(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    path: FormPath,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let item = path.item()?;
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let v = match visit_of(&f) {
        Ok(v) => v,
        Err(problem) => return refused(&state, &user, page, &path, &item, unprocessable, problem, f).await,
    };
    match state.app.add_visit(user.principal(), &path.form, &item, v, &user.actor(), now()).await {
        Ok(_) => Ok(back(&path, &item, "bezoek")),
        Err(e) => {
            let problem = first(e)?;
            refused(&state, &user, page, &path, &item, unprocessable, problem, f).await
        }
    }
}

pub async fn upload(
    State(state): State<AppState>,
    user: CurrentUser,
    page: Page,
    path: FormPath,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, AppError> {
    let item = path.item()?;
    // Who may not upload here hears so before anything is read.
    let fv = state.app.form(user.principal(), &path.form).await?;
    if fv.format.item(&item).is_none_or(|l| !matches!(l.item.kind, ItemKind::Evidence(_))) {
        return Err(AppError::NotFound);
    }
    match state.app.ensure_may_fill(user.principal(), &path.form, &item).await {
        Ok(()) => {}
        Err(koers_app::Error::Invalid(errors)) => {
            let problem = errors.into_iter().next().map(|e| (e.field, e.detail)).unwrap_or_default();
            return refused(&state, &user, page, &path, &item, StatusCode::UNPROCESSABLE_ENTITY, problem, Vec::new())
                .await;
        }
        Err(e) => return Err(e.into()),
    }
    let none = || ("bestand".to_owned(), page.t("se-upload-none"));
    let too_big = || ("bestand".to_owned(), page.t("se-upload-too-big"));
    let mut file = None;
    if let Ok(mut m) = multipart {
        loop {
            match m.next_field().await {
                Ok(Some(field)) if field.name() == Some("bestand") => {
                    let name = field.file_name().unwrap_or_default().to_owned();
                    match field.bytes().await {
                        Ok(b) => file = Some((name, b.to_vec())),
                        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            return refused(
                                &state,
                                &user,
                                page.clone(),
                                &path,
                                &item,
                                StatusCode::PAYLOAD_TOO_LARGE,
                                too_big(),
                                Vec::new(),
                            )
                            .await;
                        }
                        Err(_) => break,
                    }
                    break;
                }
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return refused(
                        &state,
                        &user,
                        page.clone(),
                        &path,
                        &item,
                        StatusCode::PAYLOAD_TOO_LARGE,
                        too_big(),
                        Vec::new(),
                    )
                    .await;
                }
                Err(_) => break,
            }
        }
    }
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let Some((name, bytes)) = file else {
        return refused(&state, &user, page.clone(), &path, &item, unprocessable, none(), Vec::new()).await;
    };
    match state.app.upload_evidence(user.principal(), &path.form, &item, &name, bytes, &user.actor(), now()).await {
        Ok(_) => Ok(back(&path, &item, "bestand")),
        Err(e) => {
            let problem = first(e)?;
            refused(&state, &user, page, &path, &item, unprocessable, problem, Vec::new()).await
        }
    }
}

pub async fn download(State(state): State<AppState>, user: CurrentUser, path: FormPath) -> Result<Response, AppError> {
    let id = path.upload()?;
    let (meta, bytes) = state.app.evidence(user.principal(), &path.form, id).await?;
    let mime =
        FileKind::ALL.into_iter().find(|k| k.name() == meta.kind).map_or("application/octet-stream", FileKind::mime);
    // The name as uploaded, reduced to safe characters for the header.
    let safe: String =
        meta.file_name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_ ".contains(c) { c } else { '_' }).collect();
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    Ok(res)
}

pub async fn remove(State(state): State<AppState>, user: CurrentUser, path: FormPath) -> Result<Response, AppError> {
    let id = path.upload()?;
    let (meta, _) = state.app.evidence(user.principal(), &path.form, id).await?;
    state.app.remove_evidence(user.principal(), &path.form, id, &user.actor(), now()).await?;
    Ok(back(&path, &meta.item_id, "verwijderd"))
}
