//! Debian's chromedriver (one per test binary) and a fresh headless Chromium session per journey.

use crate::error::{HarnessError, HarnessResult};
use crate::process::{Guarded, free_port, scratch_dir, scratch_dir_in, wait_ready};
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

fn tool(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

/// What a journey's browser looks like.
#[derive(Debug, Clone, Copy)]
pub struct BrowserOptions {
    /// JavaScript on (htmx active) or off (the plain-HTML path every core flow must support).
    pub javascript: bool,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        Self { javascript: true }
    }
}

/// chromedriver on 127.0.0.1; the browsers it starts live in a scratch dir removed at exit.
#[derive(Debug)]
pub struct Driver {
    url: String,
    chromium: PathBuf,
    profiles: PathBuf,
    _proc: Guarded,
}

impl Driver {
    /// Start `/usr/bin/chromedriver` (or `KOERS_E2E_CHROMEDRIVER`) on a free port.
    pub fn start() -> HarnessResult<Self> {
        let driver = tool("KOERS_E2E_CHROMEDRIVER", CHROMEDRIVER);
        let chromium = tool("KOERS_E2E_CHROMIUM", CHROMIUM);
        for p in [&driver, &chromium] {
            if !p.is_file() {
                return Err(HarnessError::Missing {
                    path: p.clone(),
                    hint: "the browser tests need Debian's chromium and chromium-driver (run scripts/install-test-deps)",
                });
            }
        }
        let profiles = scratch_dir("koers-e2e-chromium")?;
        let port = free_port()?;
        let args = vec![format!("--port={port}"), "--allowed-ips=127.0.0.1".to_owned()];
        let mut proc =
            Guarded::spawn("chromedriver", &driver, &args, &profiles.join("chromedriver.log"), Some(&profiles))?;
        wait_ready(&mut proc, port, "/status", Duration::from_secs(30))?;
        Ok(Self { url: format!("http://127.0.0.1:{port}"), chromium, profiles, _proc: proc })
    }

    /// A new browser with its own empty profile; close it with [`Session::close`].
    pub async fn session(&self, opts: BrowserOptions) -> HarnessResult<Session> {
        let profile = scratch_dir_in(&self.profiles, "profile")?;
        let caps = capabilities(&self.chromium, &profile, opts);
        let client = ClientBuilder::new(HttpConnector::new()).capabilities(caps).connect(&self.url).await?;
        Ok(Session { client, profile })
    }
}

fn capabilities(chromium: &Path, profile: &Path, opts: BrowserOptions) -> serde_json::Map<String, Value> {
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--lang=nl-NL",
        "--window-size=1280,1800",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect::<Vec<_>>();
    let mut prefs = json!({ "intl.accept_languages": "nl-NL,nl" });
    if !opts.javascript {
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": chromium.display().to_string(), "args": args, "prefs": prefs }),
    );
    caps
}

/// One browser; `close` ends it and removes its profile.
#[derive(Debug)]
pub struct Session {
    pub client: Client,
    profile: PathBuf,
}

impl Session {
    pub async fn close(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
