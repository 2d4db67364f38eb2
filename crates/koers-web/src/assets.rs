//! Static files, embedded in the binary. URLs carry a hash of the content
//! (`/static/3f2a…/koers.css`), so they are served with a one-year `immutable` cache; a request
//! with an old hash still gets the current file, but without long caching.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

use crate::AppError;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const CSS: &str = "text/css; charset=utf-8";

const ASSETS: &[Asset] = &[
    // NL Design System, vendored by scripts/refresh-nlds (static/nlds/VERSIONS.md); order matters:
    // theme tokens, then components, then Koers' own layer (koers.css) on top.
    Asset {
        name: "voorbeeld-theme.css",
        content_type: CSS,
        bytes: include_bytes!("../static/nlds/voorbeeld-theme.css"),
    },
    Asset {
        name: "utrecht-components.css",
        content_type: CSS,
        bytes: include_bytes!("../static/nlds/utrecht-components.css"),
    },
    Asset { name: "utrecht-html.css", content_type: CSS, bytes: include_bytes!("../static/nlds/utrecht-html.css") },
    Asset { name: "koers.css", content_type: CSS, bytes: include_bytes!("../static/koers.css") },
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../static/htmx.min.js"),
    },
];

/// FNV-1a, 64 bit: a content fingerprint for cache busting (not for security).
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

static VERSIONS: LazyLock<Vec<String>> = LazyLock::new(|| ASSETS.iter().map(|a| fingerprint(a.bytes)).collect());

/// The versioned URL of a static file; unknown names give a URL that answers 404.
pub fn url(name: &str) -> String {
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => format!("/static/{}/{name}", VERSIONS[i]),
        None => format!("/static/0/{name}"),
    }
}

pub async fn serve(Path((version, file)): Path<(String, String)>) -> Result<Response, AppError> {
    let i = ASSETS.iter().position(|a| a.name == file).ok_or(AppError::NotFound)?;
    let asset = &ASSETS[i];
    let cache = if version == VERSIONS[i] { "public, max-age=31536000, immutable" } else { "no-cache" };
    let mut res = asset.bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(res)
}
