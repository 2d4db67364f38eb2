//! Text out of a PDF, for tests (here and in the crates that serve reports): Debian's
//! `pdftotext` (package `poppler-utils`, installed by `scripts/install-test-deps`) reads the PDF
//! from stdin. [`searchable`] then makes the text easy to search in: words joined across
//! hyphenated line ends, all whitespace collapsed to single spaces.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};

/// The text of a PDF in reading order, page after page (form feed between pages), via
/// `pdftotext -enc UTF-8 - -`. Side-by-side blocks (a key and its value) come out one after the
/// other, table cells column by column. Fails when `pdftotext` is missing (the message says which
/// package to install) or refuses the bytes.
pub fn pdf_text(pdf: &[u8]) -> io::Result<String> {
    run_pdftotext(pdf, &[])
}

/// The text as laid out on the page (`pdftotext -layout`): a table row is one line, so a test can
/// look for a whole row ("Totaal 8 € 4.572,00" after [`searchable`]).
pub fn pdf_text_layout(pdf: &[u8]) -> io::Result<String> {
    run_pdftotext(pdf, &["-layout"])
}

fn run_pdftotext(pdf: &[u8], extra: &[&str]) -> io::Result<String> {
    let mut child = Command::new("pdftotext")
        .args(extra)
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("pdftotext: {e} (install Debian's poppler-utils)")))?;
    let mut stdin = child.stdin.take().ok_or_else(|| io::Error::other("pdftotext: no stdin"))?;
    // Write on a thread so a large PDF cannot deadlock against a full stdout pipe.
    let bytes = pdf.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let mut text = String::new();
    if let Some(mut out) = child.stdout.take() {
        out.read_to_string(&mut text)?;
    }
    let status = child.wait()?;
    writer.join().map_err(|_| io::Error::other("pdftotext: writer thread failed"))??;
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            e.read_to_string(&mut err)?;
        }
        return Err(io::Error::other(format!("pdftotext failed ({status}): {}", err.trim())));
    }
    Ok(text)
}

/// The number of pages, counted from `pdf_text`'s form feeds.
pub fn page_count(text: &str) -> usize {
    text.matches('\u{c}').count()
}

/// Whitespace collapsed to single spaces and a hyphen at a line end followed by a lower-case
/// letter joined ("begrij-\npend" → "begrijpend"), so a test can search for a phrase however the
/// PDF broke its lines.
pub fn searchable(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '-' && chars.get(i + 1) == Some(&'\n') && chars.get(i + 2).is_some_and(|n| n.is_lowercase()) {
            i += 2;
            continue;
        }
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        i += 1;
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searchable_text_joins_hyphenated_words_and_collapses_whitespace() {
        assert_eq!(
            searchable("begrij-\npend  lezen\n\u{c}1S/2F-\nNiveau"),
            "begrijpend lezen 1S/2F-\nNiveau".replace('\n', " ")
        );
        assert_eq!(searchable("  a \n\n b "), "a b");
    }

    #[test]
    fn garbage_is_refused_with_an_error_not_a_panic() {
        assert!(pdf_text(b"not a pdf").is_err());
    }
}
