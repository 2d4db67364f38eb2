//! The CLI's one error type: each variant knows its exit code ([`crate::exit`]) and prints as
//! a Dutch message (file values made printable by the caller).

use crate::exit;
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
    #[error("kan map {path} niet aanmaken: {source}")]
    CreateDir { path: String, source: std::io::Error },
    #[error("{what}: {source}")]
    Io { what: &'static str, source: std::io::Error },
    #[error("normtabellen: {0}")]
    Norms(#[from] koers_core::NormError),
    #[error("programma's lezen mislukt: {0}")]
    Programmes(#[source] koers_app::Error),
    /// `--format xlsx` without `--output` on a terminal.
    #[error("xlsx is binair: geef een bestand op met --output bestand.xlsx")]
    XlsxToTerminal,
    #[error("kan {path} niet aanmaken: {source}")]
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
            CliError::Io { .. } | CliError::Norms(_) | CliError::Programmes(_) | CliError::App(_) => exit::INTERNAL,
        }
    }

    /// Print as `koers <cmd>: <message>` (one line per field problem) and give the exit code.
    pub fn report(&self, cmd: &str) -> u8 {
        match self {
            CliError::App(koers_app::Error::Invalid(fields)) => {
                fields.iter().for_each(|f| eprintln!("koers {cmd}: {}", crate::platform::safe(f)));
            }
            e => eprintln!("koers {cmd}: {}", crate::platform::safe(e)),
        }
        self.exit_code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
