//! PDF rendering with Typst as a library (typst 0.15.1 through typst-as-lib 0.17.0, ECOSYSTEM-2
//! §1): a [`Document`] goes in as JSON data (never as markup, see `payload.rs`), one fixed
//! template (`report.typ`) lays it out on A4 with a title block, a header on every page after the
//! first (school, title, reference), a footer (organisation, date, "pagina 3 van 5"), and the
//! PDF comes out **tagged and PDF/UA-1 checked**: document title, language `nl`, alt text on
//! every chart, headings and tables as structure.
//!
//! The engine (template + the three shipped Noto Sans fonts) is built once per process, lazily,
//! and shared: [`warm_up`] builds it at startup, [`render_pdf`] uses it from any thread. Renders
//! run **one at a time** per process (a lock), which bounds memory whatever the load; a render
//! takes tens of milliseconds, so call it from `spawn_blocking` in async code. Typst's memo cache
//! is evicted after every render (typst-as-lib's default), so it does not grow with unique inputs.

mod payload;

use crate::document::Document;
use crate::error::ReportError;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{LazyLock, Mutex, PoisonError};
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Dict, IntoValue, Smart};
use typst::text::Font;
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

const TEMPLATE: &str = include_str!("report.typ");

/// The shipped fonts (see `fonts/README.md`): the only fonts the engine knows.
const FONTS: [(&str, &[u8]); 3] = [
    ("NotoSans-Regular.ttf", include_bytes!("../../fonts/NotoSans-Regular.ttf")),
    ("NotoSans-Bold.ttf", include_bytes!("../../fonts/NotoSans-Bold.ttf")),
    ("NotoSans-Italic.ttf", include_bytes!("../../fonts/NotoSans-Italic.ttf")),
];

struct Engine {
    typst: TypstEngine<TypstTemplateMainFile>,
}

static ENGINE: LazyLock<Result<Engine, ReportError>> = LazyLock::new(Engine::load);
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

impl Engine {
    fn load() -> Result<Engine, ReportError> {
        let mut fonts = Vec::with_capacity(FONTS.len());
        for (name, bytes) in FONTS {
            let font = Font::new(Bytes::new(bytes), 0)
                .ok_or_else(|| ReportError::Engine(format!("het lettertype {name} is onleesbaar")))?;
            fonts.push(font);
        }
        let typst = TypstEngine::builder().main_file(TEMPLATE).fonts(fonts).build();
        Ok(Engine { typst })
    }

    fn get() -> Result<&'static Engine, ReportError> {
        ENGINE.as_ref().map_err(Clone::clone)
    }
}

/// Builds the shared engine now (parses the fonts and the template) instead of on the first
/// report. Call it at startup; later calls cost nothing.
pub fn warm_up() -> Result<(), ReportError> {
    Engine::get().map(|_| ())
}

/// Renders a document to PDF bytes. Checks the document first ([`Document::validate`]): a report
/// that cannot be produced is an error naming what is missing, never a panic (an engine panic is
/// caught and reported as [`ReportError::Engine`]).
pub fn render_pdf(doc: &Document) -> Result<Vec<u8>, ReportError> {
    render_with_warnings(doc).map(|(pdf, _)| pdf)
}

/// The Typst engine behind the [`crate::PdfEngine`] port (the process's one shared engine).
#[derive(Debug, Clone, Copy, Default)]
pub struct Typst;

impl crate::engine::PdfEngine for Typst {
    fn render(&self, doc: &Document) -> Result<Vec<u8>, ReportError> {
        render_pdf(doc)
    }
    fn warm_up(&self) -> Result<(), ReportError> {
        warm_up()
    }
}

/// [`render_pdf`], also returning the engine's warnings (tests assert there are none).
pub(crate) fn render_with_warnings(doc: &Document) -> Result<(Vec<u8>, Vec<String>), ReportError> {
    doc.validate()?;
    let engine = Engine::get()?;
    let json = payload::to_json(doc);
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Bytes::new(json).into_value());
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let produced = catch_unwind(AssertUnwindSafe(|| {
        let warned = engine.typst.compile_with_input::<_, PagedDocument>(inputs);
        let warnings = messages(&warned.warnings);
        let document = warned.output.map_err(engine_error)?;
        let pdf = typst_pdf::pdf(&document, &options()?).map_err(|d| ReportError::Engine(messages(&d).join("; ")))?;
        Ok((pdf, warnings))
    }));
    produced.unwrap_or_else(|_| Err(ReportError::Engine("de opmaak is onverwacht afgebroken".into())))
}

fn options() -> Result<PdfOptions, ReportError> {
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| ReportError::Engine(format!("PDF/UA-1: {}", e.message())))?;
    Ok(PdfOptions { creator: Smart::Custom(Some("Koers".into())), standards, ..PdfOptions::default() })
}

fn messages(diags: &[SourceDiagnostic]) -> Vec<String> {
    diags.iter().map(|d| d.message.to_string()).collect()
}

fn engine_error(e: TypstAsLibError) -> ReportError {
    match e {
        TypstAsLibError::TypstSource(diags) => ReportError::Engine(messages(&diags).join("; ")),
        other => ReportError::Engine(other.to_string()),
    }
}

#[cfg(test)]
mod tests;
