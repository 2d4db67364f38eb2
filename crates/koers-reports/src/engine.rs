//! The PDF engine as a port: [`PdfEngine`] turns a [`Document`] into PDF bytes. The Typst
//! implementation is [`crate::pdf::Typst`] (feature `pdf`); a crate that serves reports holds an
//! `Arc<dyn PdfEngine>` handed in at the edge (the `koers` binary), so the crate itself — and
//! every test of it that does not render a real PDF — builds without the engine.

use crate::document::Document;
use crate::error::ReportError;

/// Renders documents to PDF. Blocking and CPU-bound (tens of milliseconds): call it from
/// `spawn_blocking` in async code.
pub trait PdfEngine: Send + Sync + std::fmt::Debug {
    /// The PDF of `doc`; checks the document first ([`Document::validate`]).
    fn render(&self, doc: &Document) -> Result<Vec<u8>, ReportError>;
    /// Loads what the engine needs (fonts, template) now rather than on the first report.
    fn warm_up(&self) -> Result<(), ReportError> {
        Ok(())
    }
}
