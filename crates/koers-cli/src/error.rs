//! The CLI's one error type: each variant knows its exit code ([`crate::exit`]) and prints as
//! a Dutch message (file values made printable by the caller). A system failure (file system,
//! network, database driver) prints as Dutch text ([`koers_app::error_nl`]); its own English
//! text goes to the log: [`CliError::report`] logs it at `warn` (shown when `KOERS_LOG` is set).

use crate::exit;
use koers_app::error_nl::io as nl;
use koers_app::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Wrong use of the command line: a missing or wrong flag, named in the message.
    #[error("{0}")]
    Usage(String),
    #[error("onbekende database-URL '{0}': gebruik sqlite://pad/koers.db of postgres://…")]
    UnknownDatabaseUrl(String),
    #[error("kan de database niet openen: {0}")]
    Open(#[source] StoreError),
    #[error("kan map {path} niet aanmaken: {}", nl(.source))]
    CreateDir { path: String, source: std::io::Error },
    #[error("{what}: {}", nl(.source))]
    Io { what: &'static str, source: std::io::Error },
    #[error("normtabellen: {0}")]
    Norms(#[from] koers_core::NormError),
    #[error("programma's lezen mislukt: {0}")]
    Programmes(#[source] koers_app::Error),
    /// `--format xlsx` without `--output` on a terminal.
    #[error("xlsx is binair: geef een bestand op met --output bestand.xlsx")]
    XlsxToTerminal,
    #[error("kan {path} niet aanmaken: {}", nl(.source))]
    Output { path: String, source: std::io::Error },
    #[error(transparent)]
    App(#[from] koers_app::Error),
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) | CliError::XlsxToTerminal | CliError::Output { .. } => exit::USAGE,
            CliError::UnknownDatabaseUrl(_) | CliError::Open(_) | CliError::CreateDir { .. } => exit::BAD_FILE,
            CliError::App(koers_app::Error::Invalid(_) | koers_app::Error::NotFound | koers_app::Error::Forbidden) => {
                exit::USAGE
            }
            CliError::App(koers_app::Error::File(_) | koers_app::Error::Unsupported(_)) => exit::BAD_FILE,
            CliError::App(koers_app::Error::Mail(_)) => exit::USAGE,
            // A report that cannot be made yet: the message names what is missing.
            CliError::App(koers_app::Error::ReportUnavailable(_)) => exit::USAGE,
            CliError::Io { .. } | CliError::Norms(_) | CliError::Programmes(_) | CliError::App(_) => exit::INTERNAL,
        }
    }

    /// The system's own text behind a Dutch message (English, for the log), if there is one.
    fn detail(&self) -> Option<String> {
        match self {
            CliError::CreateDir { source, .. } | CliError::Io { source, .. } | CliError::Output { source, .. } => {
                Some(source.to_string())
            }
            _ => None,
        }
    }

    /// Print as `koers <cmd>: <message>` (one line per field problem) and give the exit code.
    /// The technical detail goes to the log (stderr with `KOERS_LOG=warn`), never into the
    /// message.
    pub fn report(&self, cmd: &str) -> u8 {
        if let Some(detail) = self.detail() {
            log_detail(cmd, &detail);
        }
        match self {
            CliError::App(koers_app::Error::Invalid(fields)) => {
                fields.iter().for_each(|f| eprintln!("koers {cmd}: {}", crate::platform::safe(f)));
            }
            e => eprintln!("koers {cmd}: {}", crate::platform::safe(e)),
        }
        self.exit_code()
    }
}

/// Log a system failure's own text for the operator: always under `koers serve` and `koers demo`
/// (their log), for the other commands when `KOERS_LOG` is set (`main` starts the log then).
pub(crate) fn log_detail(cmd: &str, detail: &str) {
    tracing::warn!(command = cmd, detail, "systeemfout");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_failures_print_dutch_and_keep_the_detail_out_of_the_message() {
        let denied = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied (os error 13)");
        for e in [
            CliError::CreateDir { path: "/data".into(), source: denied() },
            CliError::Io { what: "webserver", source: denied() },
            CliError::Output { path: "uit.csv".into(), source: denied() },
        ] {
            let text = e.to_string();
            assert!(text.contains("geen toestemming (bestandsrechten)"), "{text}");
            assert!(!text.contains("Permission") && !text.contains("os error"), "{text}");
            assert_eq!(e.detail().as_deref(), Some("Permission denied (os error 13)"));
        }
        let gone = CliError::Io {
            what: "kan wachtwoord niet lezen",
            source: std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "failed to fill whole buffer"),
        };
        assert_eq!(gone.to_string(), "kan wachtwoord niet lezen: het bestand houdt onverwacht op");
    }

    #[test]
    fn each_error_knows_its_exit_code() {
        assert_eq!(CliError::Usage("x".into()).exit_code(), exit::USAGE);
        assert_eq!(CliError::UnknownDatabaseUrl("mysql://".into()).exit_code(), exit::BAD_FILE);
        assert_eq!(CliError::App(koers_app::Error::field("email", "x")).exit_code(), exit::USAGE);
        assert_eq!(CliError::App(koers_app::Error::Unsupported("x")).exit_code(), exit::BAD_FILE);
        assert_eq!(CliError::App(koers_app::Error::NoNorms).exit_code(), exit::INTERNAL);
        assert_eq!(CliError::XlsxToTerminal.exit_code(), exit::USAGE);
    }
}
