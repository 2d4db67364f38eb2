//! Accessibility checks with the vendored axe-core (see `vendor/README.md`).
//!
//! axe is injected through WebDriver "Execute Script", which Chromium evaluates through the
//! DevTools protocol outside the page's Content-Security-Policy: the app's strict
//! `script-src 'self'` stays as it is in production, and nothing test-only is served.

use fantoccini::Client;
use fantoccini::error::CmdError;
use serde_json::{Value, json};

/// axe-core 4.14.1, minified (MPL-2.0).
pub const AXE_JS: &str = include_str!("../vendor/axe.min.js");

/// The WCAG 2.0/2.1 level A and AA rules — the level Dutch public-sector sites must meet.
pub const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const RUN: &str = r#"
const tags = arguments[0];
return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
  .then(r => r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary }))
  })));
"#;

/// Run axe on the current page. `Ok(None)`: no violations; `Ok(Some(report))`: a readable list.
pub async fn check(client: &Client, label: &str) -> Result<Option<String>, CmdError> {
    let present = client.execute("return typeof window.axe === 'object';", vec![]).await?;
    if present != Value::Bool(true) {
        client.execute(&format!("{AXE_JS}\n;return typeof window.axe;"), vec![]).await?;
    }
    let violations = client.execute(RUN, vec![json!(WCAG_TAGS)]).await?;
    let list = violations.as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        return Ok(None);
    }
    let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
    Ok(Some(format_report(label, &url, &list)))
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn format_report(label: &str, url: &str, violations: &[Value]) -> String {
    let mut out = format!("axe: {} violation(s) on {label} ({url}):\n", violations.len());
    for v in violations {
        out.push_str(&format!("  [{}] {}: {} <{}>\n", s(v, "impact"), s(v, "id"), s(v, "help"), s(v, "helpUrl")));
        for n in v.get("nodes").and_then(Value::as_array).into_iter().flatten() {
            out.push_str(&format!("    - {}\n      {}\n", s(n, "target"), s(n, "html")));
            for line in s(n, "summary").lines() {
                out.push_str(&format!("        {line}\n"));
            }
        }
    }
    out
}
