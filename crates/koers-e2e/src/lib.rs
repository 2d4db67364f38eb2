//! # koers-e2e — browser end-to-end harness
//!
//! Drives Debian's headless Chromium through Debian's chromedriver (W3C WebDriver, via
//! fantoccini) against the real `koers demo` server, and checks pages with the vendored axe-core.
//! The journeys themselves live in `crates/koers-cli/tests/browser.rs`: only a test of the crate
//! that owns the `koers` binary gets `CARGO_BIN_EXE_koers`, i.e. a binary cargo has just rebuilt.
//!
//! - [`E2e`]: one chromedriver and one demo server per test binary (keep it in a `static`), and
//!   [`E2e::journey`], which gives each journey a fresh browser with an empty profile, saves a
//!   screenshot and the HTML when it fails, and always closes the browser.
//! - [`Page`]: navigation, explicit waits (never sleeps), screenshots, [`axe`] checks; and
//!   [`input`]: submitting a form whether htmx or the browser posts it, dates in any kind of
//!   field, downloads (a report's PDF, read with [`pdf_text`]).
//! - [`process`]: the watchdog that kills the server and the browsers when the test binary exits.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (`scripts/install-test-deps`).

pub mod axe;
pub mod browser;
pub mod error;
pub mod input;
pub mod process;
pub mod server;
pub mod visual;

pub use browser::BrowserOptions;
pub use error::{HarnessError, HarnessResult};
pub use fantoccini::{Client, Locator, elements::Element, error::CmdError, key::Key};
pub use input::{Download, pdf_text};

use browser::Driver;
use server::DemoServer;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Any failure inside a journey; tests use `?` on WebDriver calls and `assert!` for the rest.
pub type E2eError = Box<dyn std::error::Error + Send + Sync>;
pub type Fallible<T = ()> = Result<T, E2eError>;

/// How long an explicit wait may take before the journey fails.
pub const WAIT: Duration = Duration::from_secs(30);

/// The running demo server and chromedriver shared by every journey of one test binary.
#[derive(Debug)]
pub struct E2e {
    server: DemoServer,
    driver: Driver,
    shots: PathBuf,
}

impl E2e {
    /// Start chromedriver (fails fast if Chromium is missing), then `koers demo` from `koers_bin`.
    /// Screenshots go to `shots`.
    pub fn start(koers_bin: &Path, shots: PathBuf) -> HarnessResult<Self> {
        Self::start_with(koers_bin, shots, process::free_port()?, &[])
    }

    /// [`Self::start`] with the demo on `port` and `extra` arguments for `koers demo`.
    pub fn start_with(koers_bin: &Path, shots: PathBuf, port: u16, extra: &[String]) -> HarnessResult<Self> {
        std::fs::create_dir_all(&shots).map_err(HarnessError::io(format!("cannot create {}", shots.display())))?;
        let driver = Driver::start()?;
        let server = DemoServer::start_with(koers_bin, port, extra)?;
        Ok(Self { server, driver, shots })
    }

    /// [`Self::start_with`] with the demo's data in `dir` (kept when this is dropped, so a
    /// second `E2e` can restart the demo on it, e.g. with a later `--vandaag`).
    pub fn start_in(koers_bin: &Path, shots: PathBuf, dir: &Path, extra: &[String]) -> HarnessResult<Self> {
        std::fs::create_dir_all(&shots).map_err(HarnessError::io(format!("cannot create {}", shots.display())))?;
        let driver = Driver::start()?;
        let server = DemoServer::start_in(koers_bin, process::free_port()?, dir, extra)?;
        Ok(Self { server, driver, shots })
    }

    pub fn server(&self) -> &DemoServer {
        &self.server
    }

    /// Run one journey in a fresh browser. On failure (an `Err` or a panic) the page is saved as
    /// `FAILED-<name>.png/.html` next to the screenshots, the browser is closed, and the test
    /// panics with the cause and the server's last log lines.
    pub async fn journey<F, Fut>(&self, name: &str, opts: BrowserOptions, f: F)
    where
        F: FnOnce(Page) -> Fut,
        Fut: Future<Output = Fallible> + Send + 'static,
    {
        let session = match self.driver.session(opts).await {
            Ok(s) => s,
            Err(e) => panic!("journey '{name}': {e}"),
        };
        let page =
            Page { client: session.client.clone(), base: self.server.base().to_owned(), shots: self.shots.clone() };
        let failure = match tokio::spawn(f(page.clone())).await {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(join) => Some(match join.try_into_panic() {
                Ok(p) => p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_else(|| "panic".to_owned()),
                Err(e) => e.to_string(),
            }),
        };
        let saved = match &failure {
            Some(_) => page.save_failure(name).await,
            None => String::new(),
        };
        session.close().await;
        if let Some(msg) = failure {
            panic!("journey '{name}' failed: {msg}\n{saved}\n{}", self.server.log_tail(15));
        }
    }
}

/// One browser tab on the demo server.
#[derive(Debug, Clone)]
pub struct Page {
    pub client: Client,
    base: String,
    shots: PathBuf,
}

impl Page {
    /// Absolute URL of `path` on the demo server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Navigate to `path` and wait for the document to load.
    pub async fn goto(&self, path: &str) -> Fallible {
        Ok(self.client.goto(&self.url(path)).await?)
    }

    /// The current path and query, e.g. `/scholen?q=x`.
    pub async fn path(&self) -> Fallible<String> {
        let u = self.client.current_url().await?;
        Ok(match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_owned(),
        })
    }

    /// Wait until an element matching `css` exists.
    pub async fn wait(&self, css: &str) -> Fallible<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("waiting for `{css}`: {e}").into())
    }

    /// Wait until some element matching `css` shows text containing `needle`
    /// (case-insensitive, whitespace collapsed).
    pub async fn wait_text(&self, css: &str, needle: &str) -> Fallible<Element> {
        let want = normalize(needle);
        let start = Instant::now();
        let mut seen = Vec::new();
        loop {
            seen.clear();
            for el in self.client.find_all(Locator::Css(css)).await? {
                // An element replaced by an htmx swap between find and text is simply skipped.
                let Ok(text) = el.text().await else { continue };
                if normalize(&text).contains(&want) {
                    return Ok(el);
                }
                seen.push(text);
            }
            if start.elapsed() > WAIT {
                let url = self.path().await.unwrap_or_default();
                return Err(format!("no `{css}` containing {needle:?} on {url} within {WAIT:?}; found {seen:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await; // the poll period of an explicit wait
        }
    }

    /// The visible text of the first element matching `css` (waiting for it).
    pub async fn text(&self, css: &str) -> Fallible<String> {
        Ok(self.wait(css).await?.text().await?)
    }

    /// Click `el` and wait until the browser shows a new document: a link or submit button whose
    /// page load the next wait must not race. The old page is marked with a window property
    /// (WebDriver scripts run even with page JavaScript off); a new document does not have it.
    /// (Element staleness is not used: chromedriver sometimes reports a node of the unloaded
    /// document as an "unknown error" instead of a stale element.)
    pub async fn click_and_load(&self, el: Element) -> Fallible {
        self.client.execute("window.__koersE2eOldPage = true;", vec![]).await?;
        el.click().await?;
        let start = Instant::now();
        loop {
            // An error while the page unloads is part of navigating: poll again.
            let old = self.client.execute("return window.__koersE2eOldPage === true;", vec![]).await;
            if matches!(old, Ok(serde_json::Value::Bool(false))) {
                return Ok(());
            }
            if start.elapsed() > WAIT {
                let url = self.path().await.unwrap_or_default();
                return Err(
                    format!("clicking did not load a new page within {WAIT:?} (still on {url}; {old:?})").into()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await; // poll period
        }
    }

    /// Wait for `css`, click it, and wait for the new page (see [`Self::click_and_load`]).
    pub async fn follow(&self, css: &str) -> Fallible {
        let el = self.wait(css).await?;
        self.click_and_load(el).await
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> Fallible<usize> {
        Ok(self.client.find_all(Locator::Css(css)).await?.len())
    }

    /// Save a PNG of the viewport as `<name>.png` in the screenshot dir (for humans; not asserted).
    pub async fn screenshot(&self, name: &str) -> Fallible<PathBuf> {
        let png = self.client.screenshot().await?;
        let path = self.shots.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Save a PNG of the first element matching `css` (scrolled into view) as `<name>.png`.
    pub async fn screenshot_of(&self, css: &str, name: &str) -> Fallible<PathBuf> {
        let png = self.wait(css).await?.screenshot().await?;
        let path = self.shots.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Look at the current page at each of [`visual::WIDTHS`]: save `<name>-<width>.png` in the
    /// `visual/` subdirectory of the screenshots, and report sideways scrolling at the narrowest
    /// width (`Ok(None)`: none). Leaves the window at the widest width.
    pub async fn look(&self, name: &str) -> Fallible<Option<String>> {
        let dir = self.shots.join("visual");
        std::fs::create_dir_all(&dir)?;
        let mut report = None;
        for (i, w) in visual::WIDTHS.iter().enumerate() {
            visual::set_viewport(&self.client, *w, visual::HEIGHT).await?;
            std::fs::write(dir.join(format!("{name}-{w}.png")), self.client.screenshot().await?)?;
            if i == 0 {
                report = visual::horizontal_overflow(&self.client, &format!("{name} at {w}px")).await?;
            }
        }
        Ok(report)
    }

    /// Make the viewport `width` CSS px wide (see [`visual::set_viewport`]).
    pub async fn set_width(&self, width: u32) -> Fallible {
        Ok(visual::set_viewport(&self.client, width, visual::HEIGHT).await?)
    }

    /// Run axe (WCAG 2.1 A + AA) on the current page: `None` if clean, else a readable report.
    pub async fn axe(&self, label: &str) -> Fallible<Option<String>> {
        Ok(axe::check(&self.client, label).await?)
    }

    async fn save_failure(&self, name: &str) -> String {
        let base = self.shots.join(format!("FAILED-{name}"));
        let png = self.client.screenshot().await.map(|b| std::fs::write(base.with_extension("png"), b));
        let html = self.client.source().await.map(|s| std::fs::write(base.with_extension("html"), s));
        let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        match (png, html) {
            (Ok(Ok(())), Ok(Ok(()))) => format!("page at failure ({url}): {}.png / .html", base.display()),
            _ => format!("page at failure: {url} (could not save screenshot/HTML)"),
        }
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
