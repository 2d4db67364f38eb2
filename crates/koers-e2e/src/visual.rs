//! The visual check: resize the viewport, screenshot, and find horizontal scrolling.

use fantoccini::Client;
use fantoccini::error::CmdError;
use serde_json::Value;

/// Widths every main page is looked at: a small phone (mobile first) and a laptop.
pub const WIDTHS: [u32; 2] = [375, 1280];

/// Height of the viewport for the screenshots (tall enough to show most of a page).
pub const HEIGHT: u32 = 2000;

/// The document's width beyond the viewport and up to five elements sticking out on the right
/// (tag, classes, id and how far), for a readable failure. Hidden overflow (inside a scroll
/// container that scrolls itself) does not count: only what makes the page scroll sideways.
const OVERFLOW: &str = r"
const vw = document.documentElement.clientWidth;
const extra = document.documentElement.scrollWidth - vw;
const out = [];
if (extra > 0) {
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1 && r.width > 0) {
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
        ' +' + Math.round(r.right - vw) + 'px');
      if (out.length >= 5) break;
    }
  }
}
return { extra: extra, viewport: window.innerWidth, culprits: out };
";

/// Make the viewport (what the page sees as `innerWidth`) `width` CSS px wide: the window is
/// sized, then corrected by the browser's frame.
pub async fn set_viewport(client: &Client, width: u32, height: u32) -> Result<(), CmdError> {
    client.set_window_size(width, height).await?;
    let inner = client.execute("return window.innerWidth;", vec![]).await?.as_u64().unwrap_or(u64::from(width));
    let frame = u64::from(width).saturating_sub(inner);
    if frame > 0 {
        let w = u32::try_from(u64::from(width) + frame).unwrap_or(width);
        client.set_window_size(w, height).await?;
    }
    Ok(())
}

/// `Ok(None)` if the page does not scroll sideways, else a readable report.
pub async fn horizontal_overflow(client: &Client, label: &str) -> Result<Option<String>, CmdError> {
    let r = client.execute(OVERFLOW, vec![]).await?;
    let extra = r.get("extra").and_then(Value::as_i64).unwrap_or(0);
    if extra <= 0 {
        return Ok(None);
    }
    let viewport = r.get("viewport").and_then(Value::as_i64).unwrap_or(0);
    let culprits: Vec<String> = r
        .get("culprits")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    Ok(Some(format!(
        "{label}: the page scrolls sideways by {extra}px at a {viewport}px viewport; sticking out: {}",
        culprits.join(", ")
    )))
}
