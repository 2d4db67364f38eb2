//! Entering data the way every journey needs it, robust against the two traps of a real browser:
//!
//! - [`Page::submit`]: a form may be posted by htmx (`hx-post`: the answer is swapped into the
//!   page, no new document) or plainly (a new document). Waiting for a page load after an htmx
//!   post times out with the answer already on screen; waiting for nothing races the load. This
//!   waits for whichever happens.
//! - [`Page::set_date`]: Chromium's `<input type=date>` takes typed digits in the *locale's*
//!   order (nl-NL: dd-mm-jjjj), so typing `2026-03-15` fills the wrong segments. An ISO date is
//!   set as the control's value (what the form posts) with `input`/`change` fired like a user's
//!   edit; a text field gets the Dutch form `15-03-2026` typed.
//! - [`Page::download`]: a file behind a link (a PDF with `Content-Disposition: attachment`),
//!   fetched inside the page with the session's cookies, so the test can read it.

use crate::{Fallible, Page, WAIT};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Marks the current document and catches the end of the next htmx request on it.
const ARM: &str = r"
window.__koersE2eOldPage = true;
window.__koersE2eHtmx = null;
const done = (e) => { window.__koersE2eHtmx = e.type; };
for (const t of ['htmx:afterSettle', 'htmx:responseError', 'htmx:sendError']) {
  document.addEventListener(t, done, { once: true });
}
";

const STATE: &str = "return [window.__koersE2eOldPage === true, window.__koersE2eHtmx || null];";

/// What a download brought.
#[derive(Debug, Clone)]
pub struct Download {
    pub status: u16,
    pub content_type: String,
    pub disposition: String,
    pub bytes: Vec<u8>,
}

impl Page {
    /// Click the submit button `css` and wait until the answer is on screen: a new document
    /// (plain POST, redirect) or the end of an htmx request (swap settled, or its error).
    pub async fn submit(&self, css: &str) -> Fallible {
        let el = self.wait(css).await?;
        self.client.execute(ARM, vec![]).await?;
        el.click().await?;
        let start = Instant::now();
        loop {
            // An error while the page unloads is part of navigating: poll again.
            match self.client.execute(STATE, vec![]).await {
                Ok(Value::Array(v)) if v.first() == Some(&Value::Bool(false)) => return Ok(()),
                Ok(Value::Array(v)) if v.get(1).and_then(Value::as_str) == Some("htmx:afterSettle") => return Ok(()),
                Ok(Value::Array(v)) if v.get(1).is_some_and(Value::is_string) => {
                    return Err(format!("`{css}`: the htmx request failed ({:?})", v.get(1)).into());
                }
                _ => {}
            }
            if start.elapsed() > WAIT {
                let url = self.path().await.unwrap_or_default();
                return Err(format!("submitting `{css}` showed no answer within {WAIT:?} (still on {url})").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await; // poll period
        }
    }

    /// Put the date `iso` (`2026-03-15`) in the field `css` whatever its kind (see the module
    /// doc): a date control gets it as its value, a text field the Dutch `15-03-2026` typed.
    /// An empty `iso` empties the field.
    pub async fn set_date(&self, css: &str, iso: &str) -> Fallible {
        let el = self.wait(css).await?;
        if el.attr("type").await?.as_deref() == Some("date") {
            self.client
                .execute(
                    "const el = document.querySelector(arguments[0]); el.value = arguments[1];
                     el.dispatchEvent(new Event('input', { bubbles: true }));
                     el.dispatchEvent(new Event('change', { bubbles: true }));
                     return el.value;",
                    vec![json!(css), json!(iso)],
                )
                .await
                .map_err(|e| format!("setting the date of `{css}`: {e}"))
                .and_then(|v| match v.as_str() {
                    Some(got) if got == iso => Ok(()),
                    other => Err(format!("`{css}` did not take {iso:?} (holds {other:?})")),
                })?;
            return Ok(());
        }
        el.clear().await?;
        if !iso.is_empty() {
            el.send_keys(&dutch(iso)?).await?;
        }
        Ok(())
    }

    /// Fetch `path` (as a link on the page would, with the session's cookies) and return what
    /// came back, body included.
    pub async fn download(&self, path: &str) -> Fallible<Download> {
        let v = self
            .client
            .execute(
                "return fetch(arguments[0], { credentials: 'same-origin' }).then(async (r) => {
                   const b = new Uint8Array(await r.arrayBuffer());
                   let s = '';
                   for (let i = 0; i < b.length; i += 8192) {
                     s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
                   }
                   return [r.status, r.headers.get('content-type') || '',
                           r.headers.get('content-disposition') || '', s];
                 });",
                vec![json!(path)],
            )
            .await?;
        let field = |i: usize| v[i].as_str().unwrap_or_default().to_owned();
        let status = v[0].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(0);
        // Each char is one byte (0–255), from `String.fromCharCode`.
        let bytes = field(3).chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
        Ok(Download { status, content_type: field(1), disposition: field(2), bytes })
    }
}

/// `2026-03-15` → `15-03-2026`.
fn dutch(iso: &str) -> Fallible<String> {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => Ok(format!("{d}-{m}-{y}")),
        _ => Err(format!("not an ISO date (jjjj-mm-dd): {iso:?}").into()),
    }
}

/// The text of a PDF, by Poppler's `pdftotext` (layout kept), as a reader of the file sees it.
pub fn pdf_text(pdf: &[u8]) -> Fallible<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("pdftotext is missing (poppler-utils): {e}"))?;
    child.stdin.take().ok_or("no stdin")?.write_all(pdf)?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(format!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_are_typed_in_dutch_order() {
        assert_eq!(super::dutch("2026-03-15").ok().as_deref(), Some("15-03-2026"));
        assert!(super::dutch("15-03-2026").is_err());
    }
}
