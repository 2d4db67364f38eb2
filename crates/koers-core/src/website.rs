//! A school's website as Koers stores and shows it: an absolute `http(s)://` address. DUO's
//! register writes most addresses without a scheme (`www.school.nl`: 94 % of the imported
//! ones); [`normalise`] adds `https://`, so the import stores and the register form accepts
//! the same form of an address, and the form accepts what it shows.

/// The longest address accepted (characters).
pub const MAX_LEN: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WebsiteError {
    #[error("een website is hoogstens {MAX_LEN} tekens lang")]
    TooLong,
    #[error("vul een webadres in, zoals www.school.nl of https://www.school.nl")]
    Invalid,
}

/// The address with a scheme (`https://` added when there is none; `HTTP://` lower-cased),
/// trimmed. Refused: white space or control characters, quotes or angle brackets, another
/// scheme (`javascript:`, `ftp://`), or a host without a dot.
pub fn normalise(raw: &str) -> Result<String, WebsiteError> {
    let w = raw.trim();
    if w.chars().count() > MAX_LEN {
        return Err(WebsiteError::TooLong);
    }
    let lower = w.to_ascii_lowercase();
    let (scheme, rest) = if lower.starts_with("https://") {
        ("https://", &w[8..])
    } else if lower.starts_with("http://") {
        ("http://", &w[7..])
    } else if w.contains("://") || lower.starts_with("javascript:") || lower.starts_with("data:") {
        return Err(WebsiteError::Invalid);
    } else {
        ("https://", w)
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`');
    if !host.contains('.') || host.starts_with('.') || host.ends_with('.') || rest.chars().any(bad) {
        return Err(WebsiteError::Invalid);
    }
    let out = format!("{scheme}{rest}");
    if out.chars().count() > MAX_LEN {
        return Err(WebsiteError::TooLong);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_without_a_scheme_get_https() {
        assert_eq!(normalise("www.morgenster.nl"), Ok("https://www.morgenster.nl".into()));
        assert_eq!(normalise(" morgenster.nl/contact "), Ok("https://morgenster.nl/contact".into()));
        assert_eq!(normalise("HTTP://WWW.School.nl"), Ok("http://WWW.School.nl".into()));
        assert_eq!(normalise("https://www.school.nl/?a=1#b"), Ok("https://www.school.nl/?a=1#b".into()));
    }

    #[test]
    fn a_normalised_address_stays_as_it_is() {
        for w in ["www.morgenster.nl", "http://a.nl", "https://b.nl/x"] {
            let once = normalise(w).unwrap_or_default();
            assert_eq!(normalise(&once).as_deref(), Ok(once.as_str()), "{w}");
        }
    }

    #[test]
    fn other_schemes_and_junk_are_refused() {
        for w in [
            "javascript:alert(1)",
            "ftp://a.nl",
            "geen",
            "https://",
            "www.a nl.nl",
            "a.nl\"><x",
            "data:text/html,x",
            ".nl",
        ] {
            assert_eq!(normalise(w), Err(WebsiteError::Invalid), "{w}");
        }
        assert_eq!(normalise(&format!("www.{}.nl", "a".repeat(400))), Err(WebsiteError::TooLong));
    }
}
