//! `ApiJson<T>`: a JSON body extractor whose every failure is an envelope with a Dutch detail:
//! wrong content type or broken syntax → 400, a body over [`MAX_JSON_BYTES`] → 413, wrong or missing
//! values → 422 with the field path.

use crate::error::{AppError, ErrorItem};
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// The largest JSON body the API reads (axum's default body limit); larger ones get 413.
pub const MAX_JSON_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let json_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|ct| ct.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !json_type {
            return Err(AppError::BadRequest(vec![ErrorItem::new(
                None,
                "verwacht een JSON-body met Content-Type: application/json",
            )]));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge(vec![ErrorItem::new(
                    None,
                    format!("de body is te groot (hoogstens {} kB)", MAX_JSON_BYTES / 1024),
                )])
            } else {
                AppError::BadRequest(vec![ErrorItem::new(None, "de body kon niet worden gelezen")])
            }
        })?;
        parse(&bytes).map(ApiJson)
    }
}

/// Parse a JSON body (see the module doc for the error mapping).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        data_or_syntax(e.into_inner(), &path)
    })?;
    de.end().map_err(|e| data_or_syntax(e, "."))?;
    Ok(value)
}

fn data_or_syntax(e: serde_json::Error, path: &str) -> AppError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => {
            let (field, detail) = describe(&e.to_string(), path);
            AppError::Invalid(vec![ErrorItem { field, detail }])
        }
        Category::Syntax | Category::Eof | Category::Io => AppError::BadRequest(vec![ErrorItem::new(
            None,
            format!("ongeldige JSON (regel {}, kolom {})", e.line(), e.column()),
        )]),
    }
}

fn join(path: &str, name: &str) -> String {
    if path == "." || path.is_empty() { name.to_owned() } else { format!("{path}.{name}") }
}

/// A Dutch detail and the field for serde's (English) data error message.
fn describe(msg: &str, path: &str) -> (Option<String>, String) {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_owned);
    let field = (path != ".").then(|| path.to_owned());
    if let Some(name) = msg.strip_prefix("missing field ").and_then(quoted) {
        return (Some(join(path, &name)), "dit veld is verplicht".into());
    }
    if let Some(name) = msg.strip_prefix("unknown field ").and_then(quoted) {
        return (Some(join(path, &name)), "onbekend veld".into());
    }
    let expected = msg.rsplit("expected ").next().unwrap_or("");
    let wanted = if ["u8", "u16", "u32", "u64", "usize"].iter().any(|t| expected.contains(t)) {
        "verwacht een geheel getal van 0 of meer"
    } else if ["i8", "i16", "i32", "i64", "isize"].iter().any(|t| expected.contains(t)) {
        "verwacht een geheel getal"
    } else if expected.contains("f64") || expected.contains("f32") {
        "verwacht een getal (met een punt als decimaalteken)"
    } else if expected.contains("sequence") {
        "verwacht een lijst"
    } else if expected.contains("struct") || expected.contains("map") {
        "verwacht een object"
    } else {
        "ongeldige waarde"
    };
    // serde's own text is English ("invalid type: string, expected u16"); only the offending
    // value, quoted, is kept.
    let value = msg.split('`').nth(1).filter(|_| msg.starts_with("invalid value") || msg.starts_with("invalid type"));
    match value {
        Some(v) => (field, format!("{wanted} (gekregen: {v})")),
        None => (field, wanted.to_owned()),
    }
}

/// Integers that JSON writes as `2000.0` are integers too (a schema-valid number; JSON has no
/// separate integer type): for `#[serde(deserialize_with = "…")]` on integer fields.
pub fn whole<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<u64>,
{
    use serde::de::Error;
    let n = serde_json::Number::deserialize(d)?;
    let whole =
        n.as_u64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= 9.0e15).map(|f| f as u64));
    whole
        .and_then(|w| T::try_from(w).ok())
        .ok_or_else(|| D::Error::custom(format!("invalid value: `{n}`, expected u32")))
}

/// [`whole`] for an optional field.
pub fn whole_opt<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<u64>,
{
    #[derive(serde::Deserialize)]
    struct W<T: TryFrom<u64>>(#[serde(deserialize_with = "whole")] T);
    Ok(Option::<W<T>>::deserialize(d)?.map(|w| w.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        years: Vec<Y>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Y {
        pupils: u32,
        pct_1f: f64,
    }

    fn err(s: &str) -> (u16, Option<String>) {
        match parse::<Body>(s.as_bytes()) {
            Err(e) => {
                let status = e.status().as_u16();
                let field = match e {
                    AppError::Invalid(v) | AppError::BadRequest(v) => v.into_iter().next().and_then(|i| i.field),
                    _ => None,
                };
                (status, field)
            }
            Ok(_) => (200, None),
        }
    }

    #[test]
    fn json_errors_name_the_field() {
        assert_eq!(err(r#"{"years":[{"pupils":1,"pct_1f":"x"}]}"#), (422, Some("years[0].pct_1f".into())));
        assert_eq!(err(r#"{"years":[{"pct_1f":1}]}"#), (422, Some("years[0].pupils".into())));
        assert_eq!(err(r#"{"years":[{"pupils":-1,"pct_1f":1}]}"#), (422, Some("years[0].pupils".into())));
        assert_eq!(err(r#"{"years":[ }"#), (400, None));
        assert_eq!(err(r#"{"years":[]} x"#), (400, None));
        assert_eq!(err(r#"{"years":[]}"#), (200, None));
    }
}
