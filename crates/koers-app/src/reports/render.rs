//! PDF rendering for the use cases: the engine is a port ([`koers_reports::PdfEngine`]) handed in
//! at the edge (the `koers` binary gives the Typst one; a test may give none or a stand-in), so
//! koers-app and koers-web build without Typst. A render is CPU work of tens of milliseconds: it
//! runs on tokio's blocking pool, at most [`RenderLimits::concurrent`] at a time; up to
//! [`RenderLimits::queue`] more wait (asynchronously, holding no thread); beyond that the request
//! is refused at once with [`Error::ReportsBusy`] — so a burst of downloads costs bounded memory
//! and never starves the server's other requests.

use crate::error::{Error, Result};
use koers_reports::{Document, PdfEngine};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

/// How many renders run and wait at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderLimits {
    /// Renders at the same time (the Typst engine itself lays out one at a time; 1 keeps the
    /// blocking pool free for the rest).
    pub concurrent: usize,
    /// Requests that may wait for a turn before new ones are refused.
    pub queue: usize,
}

impl Default for RenderLimits {
    fn default() -> Self {
        Self { concurrent: 1, queue: 32 }
    }
}

/// The engine with its bounds (cheap to clone; shared by every clone of [`crate::App`]).
#[derive(Debug, Clone)]
pub struct Renderer {
    engine: Arc<dyn PdfEngine>,
    turns: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    limits: RenderLimits,
}

/// Counts a waiting request for as long as it lives.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Renderer {
    pub fn new(engine: Arc<dyn PdfEngine>, limits: RenderLimits) -> Self {
        let concurrent = limits.concurrent.max(1);
        Self {
            engine,
            turns: Arc::new(Semaphore::new(concurrent)),
            waiting: Arc::new(AtomicUsize::new(0)),
            limits: RenderLimits { concurrent, ..limits },
        }
    }

    /// Load the engine's fonts and template now (at startup).
    pub fn warm_up(&self) -> Result<()> {
        self.engine.warm_up().map_err(|e| Error::ReportUnavailable(e.to_string()))
    }

    /// The PDF of `doc`, rendered on the blocking pool within the bounds.
    pub async fn pdf(&self, doc: Document) -> Result<Vec<u8>> {
        let queued = self.waiting.fetch_add(1, Ordering::AcqRel);
        let waiting = Waiting(&self.waiting);
        if queued >= self.limits.queue + self.limits.concurrent {
            return Err(Error::ReportsBusy);
        }
        let permit = Arc::clone(&self.turns).acquire_owned().await.map_err(Error::system)?;
        drop(waiting);
        let engine = Arc::clone(&self.engine);
        let rendered = tokio::task::spawn_blocking(move || {
            let _turn = permit;
            engine.render(&doc)
        })
        .await
        .map_err(Error::system)?;
        rendered.map_err(|e| Error::ReportUnavailable(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use koers_reports::{Metadata, ReportError};
    use std::time::Duration;

    #[derive(Debug)]
    struct Slow;
    impl PdfEngine for Slow {
        fn render(&self, doc: &Document) -> std::result::Result<Vec<u8>, ReportError> {
            doc.validate()?;
            std::thread::sleep(Duration::from_millis(50));
            Ok(b"%PDF-stand-in".to_vec())
        }
    }

    fn doc() -> Document {
        let meta = Metadata {
            organisation: "Programma".into(),
            school: "School".into(),
            generated: "1 december 2026".into(),
            ..Metadata::default()
        };
        let mut d = Document::new("Rapport", meta);
        d.section("Inhoud").paragraph("tekst");
        d
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn beyond_the_queue_is_refused_and_the_rest_is_rendered() {
        let r = Renderer::new(Arc::new(Slow), RenderLimits { concurrent: 1, queue: 2 });
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                tokio::spawn({
                    let r = r.clone();
                    async move { r.pdf(doc()).await }
                })
            })
            .collect();
        let mut ok = 0;
        let mut busy = 0;
        for t in tasks {
            match t.await.unwrap_or_else(|e| panic!("{e}")) {
                Ok(_) => ok += 1,
                Err(Error::ReportsBusy) => busy += 1,
                Err(e) => panic!("{e}"),
            }
        }
        assert_eq!(ok + busy, 6);
        assert!(ok >= 3, "one running and two waiting are served: {ok}");
        assert!(busy >= 1, "the rest is refused: {busy}");
        // Afterwards there is room again.
        assert!(r.pdf(doc()).await.is_ok());
    }

    #[tokio::test]
    async fn a_document_that_cannot_be_produced_names_what_is_missing() {
        let r = Renderer::new(Arc::new(Slow), RenderLimits::default());
        let mut d = doc();
        d.meta.school.clear();
        let e = r.pdf(d).await.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("de schoolnaam ontbreekt"), "{e}");
    }
}
