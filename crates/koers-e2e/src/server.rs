//! The real `koers demo` server on 127.0.0.1 with a fresh SQLite data dir.

use crate::error::{HarnessError, HarnessResult};
use crate::process::{Guarded, free_port, scratch_dir, wait_ready};
use std::path::Path;
use std::time::Duration;

/// How long `koers demo` may take to load the national data and answer `/health`
/// (`KOERS_E2E_STARTUP_SECS`, default 300: a debug build on a busy 2-core CI machine).
fn startup_timeout() -> Duration {
    let secs = std::env::var("KOERS_E2E_STARTUP_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(300);
    Duration::from_secs(secs)
}

/// `koers demo --listen 127.0.0.1:PORT --data-dir TMP`, stopped when dropped or when the test
/// binary exits (see [`crate::process`]).
#[derive(Debug)]
pub struct DemoServer {
    base: String,
    proc: Guarded,
}

impl DemoServer {
    /// Start the demo from the `koers` binary at `koers_bin` and wait for `/health`.
    pub fn start(koers_bin: &Path) -> HarnessResult<Self> {
        Self::start_with(koers_bin, free_port()?, &[])
    }

    /// [`Self::start`] on `port` with `extra` arguments (e.g. `--oidc-providers FILE`).
    pub fn start_with(koers_bin: &Path, port: u16, extra: &[String]) -> HarnessResult<Self> {
        if !koers_bin.is_file() {
            return Err(HarnessError::Missing { path: koers_bin.to_owned(), hint: "build the koers binary first" });
        }
        let dir = scratch_dir("koers-e2e-demo")?;
        Self::spawn(koers_bin, port, &dir, extra, Some(&dir))
    }

    /// [`Self::start_with`] on the data in `dir` (`dir/data`), e.g. to restart the demo on the
    /// same database with another `--vandaag`. `dir` is the caller's: it is kept when the server
    /// stops (an earlier server's watchdog deleted it under the next one's feet).
    pub fn start_in(koers_bin: &Path, port: u16, dir: &Path, extra: &[String]) -> HarnessResult<Self> {
        Self::spawn(koers_bin, port, dir, extra, None)
    }

    fn spawn(koers_bin: &Path, port: u16, dir: &Path, extra: &[String], scratch: Option<&Path>) -> HarnessResult<Self> {
        if !koers_bin.is_file() {
            return Err(HarnessError::Missing { path: koers_bin.to_owned(), hint: "build the koers binary first" });
        }
        let mut args = vec![
            "demo".to_owned(),
            "--listen".to_owned(),
            format!("127.0.0.1:{port}"),
            "--data-dir".to_owned(),
            dir.join("data").display().to_string(),
        ];
        args.extend(extra.iter().cloned());
        let mut proc = Guarded::spawn("koers demo", koers_bin, &args, &dir.join("koers-demo.log"), scratch)?;
        let health = wait_ready(&mut proc, port, "/health", startup_timeout())?;
        eprintln!("koers-e2e: koers demo ready on 127.0.0.1:{port} ({})", health.trim());
        Ok(Self { base: format!("http://127.0.0.1:{port}"), proc })
    }

    /// `http://127.0.0.1:PORT` without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The absolute URL of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The server's last log lines, for failure messages.
    pub fn log_tail(&self, lines: usize) -> String {
        self.proc.log_tail(lines)
    }
}
