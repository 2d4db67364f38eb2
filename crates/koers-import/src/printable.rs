//! Text from a file, made safe to print on a terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every control character shown as an escape (`\u{1b}`) instead of written as it
/// is: C0 and C1 controls (ESC, CSI, BEL, backspace, carriage return, line feed, tab…), DEL, and
/// the Unicode bidirectional overrides and isolates that can make a line read differently from
/// what it holds. A file can hold these to move the cursor, recolour or retitle a terminal, or
/// hide text; printed through here they are visible and inert. Text without them is returned
/// as it is, without copying.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_escapes() {
        assert!(matches!(printable("De Morgenster – Één"), Cow::Borrowed(_)));
        assert_eq!(printable("\u{1b}[31mrood\u{1b}[0m"), "\\u{1b}[31mrood\\u{1b}[0m");
        assert_eq!(printable("\u{1b}]0;titel\u{7}"), "\\u{1b}]0;titel\\u{7}");
        assert_eq!(printable("a\u{9b}2Jb"), "a\\u{9b}2Jb");
        assert_eq!(printable("regel\r\nnieuw\tx\u{8}\u{7f}"), "regel\\u{d}\\u{a}nieuw\\u{9}x\\u{8}\\u{7f}");
        assert_eq!(printable("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(printable("\u{0}"), "\\u{0}");
    }
}
