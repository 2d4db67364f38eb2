//! What can keep the harness from starting: a missing tool, a file or port the system refused,
//! a browser session chromedriver would not open, or a server that never became ready.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// A program the tests need is not installed.
    #[error("{} is missing: {hint}", .path.display())]
    Missing { path: PathBuf, hint: &'static str },
    /// The system refused a file, directory, process or port.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("chromedriver refused a new session: {0}")]
    Session(#[from] fantoccini::error::NewSessionError),
    /// A started program died or did not answer in time; `log` is the end of its log.
    #[error("{what}\n{log}")]
    NotReady { what: String, log: String },
}

impl HarnessError {
    /// An I/O failure, saying what was being done.
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let what = what.into();
        move |source| Self::Io { what, source }
    }
}

pub type HarnessResult<T> = Result<T, HarnessError>;
