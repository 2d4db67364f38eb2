//! Text as every renderer takes it: control characters dropped, line ends normalised, blank
//! lines splitting paragraphs.

use crate::document::Span;

/// Text fit for any renderer: `\r\n`/`\r` → `\n`, tab → space, other control characters and
/// non-characters dropped.
pub(crate) fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// "a\n\nb\n \nc" → ["a", "b", "c"]: blank lines (possibly with spaces) separate paragraphs.
/// Text without a newline stays whole, spaces included (a run of " " between two bold words).
pub(crate) fn split_paragraphs(text: &str) -> Vec<String> {
    if !text.contains('\n') {
        return vec![text.to_owned()];
    }
    let mut out = vec![String::new()];
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if out.last().is_some_and(|p| !p.is_empty()) {
                out.push(String::new());
            }
        } else if let Some(p) = out.last_mut() {
            if !p.is_empty() {
                p.push('\n');
            }
            p.push_str(line);
        }
    }
    if out.len() > 1 && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The runs of a paragraph block, cleaned and split into paragraphs at blank lines; empty runs
/// and empty paragraphs are dropped.
pub(crate) fn paragraphs(spans: &[Span]) -> Vec<Vec<Span>> {
    let mut out: Vec<Vec<Span>> = vec![Vec::new()];
    for s in spans {
        let text = clean(&s.text);
        for (i, part) in split_paragraphs(&text).into_iter().enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if let Some(p) = out.last_mut().filter(|_| !part.is_empty()) {
                p.push(Span { text: part, style: s.style });
            }
        }
    }
    out.retain(|p| p.iter().any(|s| !s.text.trim().is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_keeps_text_and_newlines_and_drops_control_characters() {
        assert_eq!(clean("a\r\nb\rc\td\u{0}e\u{7}f"), "a\nb\nc def");
        assert_eq!(clean("#let x = $y$ *z* _w_ @ref <lab> \\ `c`"), "#let x = $y$ *z* _w_ @ref <lab> \\ `c`");
        assert_eq!(clean("één € ĳ"), "één € ĳ");
    }

    #[test]
    fn blank_lines_split_paragraphs_and_single_newlines_stay() {
        assert_eq!(split_paragraphs("a\nb\n\n  \nc"), ["a\nb", "c"]);
        assert_eq!(split_paragraphs("a"), ["a"]);
        assert_eq!(split_paragraphs("\n\na\n\n"), ["a"]);
    }

    #[test]
    fn runs_are_split_into_paragraphs_keeping_their_style() {
        let p = paragraphs(&[Span::plain("Eerst\n\nDan "), Span::strong("vet"), Span::emph(" "), Span::plain("\n\n")]);
        assert_eq!(
            p,
            vec![vec![Span::plain("Eerst")], vec![Span::plain("Dan "), Span::strong("vet"), Span::emph(" ")]]
        );
        assert!(paragraphs(&[Span::plain("  \n\n ")]).is_empty());
        assert!(paragraphs(&[Span::plain(" ")]).is_empty());
        let p = paragraphs(&[Span::strong("a"), Span::plain(" "), Span::strong("b")]);
        assert_eq!(p, vec![vec![Span::strong("a"), Span::plain(" "), Span::strong("b")]], "the space between stays");
    }
}
