//! What every data file a beheerder edits (programmes, formats) shares, defined once: the Dutch
//! wording of TOML parse errors (serde's messages are English; a beheerder reads Dutch, with the
//! line) and the slug rule for ids.

/// A slug: lower-case letters, digits and single hyphens, 1–60 characters.
pub(crate) fn is_slug(s: &str) -> bool {
    (1..=60).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// The field the parser names (when it names one) and a Dutch description that starts with the
/// line number when the parser knows the position (`regel 10: onbekend veld 'hulpvraag' …`).
pub(crate) fn describe(text: &str, e: &toml::de::Error) -> (Option<String>, String) {
    let (mut field, mut detail) = dutch(e.message());
    if let (None, true, Some(span)) = (&field, e.message().starts_with("duplicate key"), e.span()) {
        // The parser names the key only by its position.
        let key = text.get(span).unwrap_or_default().trim().trim_matches('"').to_owned();
        detail = format!("het veld '{key}' staat er twee keer");
        field = Some(key);
    }
    let detail = match e.span() {
        Some(span) => format!("regel {}: {detail}", line_of(text, span.start)),
        None => detail,
    };
    (field, detail)
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

/// The first `` `name` `` in a serde message.
fn quoted(msg: &str) -> Option<String> {
    let rest = msg.split_once('`')?.1;
    Some(rest.split_once('`')?.0.to_owned())
}

fn dutch(msg: &str) -> (Option<String>, String) {
    let name = quoted(msg);
    let q = name.clone().unwrap_or_default();
    if msg.starts_with("missing field") {
        (name, format!("het veld '{q}' ontbreekt"))
    } else if msg.starts_with("unknown field") {
        (name, format!("onbekend veld '{q}' (verkeerd gespeld?)"))
    } else if msg.starts_with("duplicate field") || msg.starts_with("duplicate key") {
        (name, format!("het veld '{q}' staat er twee keer"))
    } else if msg.starts_with("unknown variant") {
        (
            None,
            format!(
                "onbekende waarde '{q}'; {}",
                msg.split_once(", ")
                    .map_or("", |(_, r)| r)
                    .replace("expected one of", "kies uit")
                    .replace("expected", "verwacht")
            ),
        )
    } else if ["invalid type", "invalid value", "wanted "].iter().any(|p| msg.starts_with(p)) {
        (None, format!("verkeerd soort waarde ({})", types_nl(msg)))
    } else {
        (None, format!("geen geldige TOML: {}", msg.trim()))
    }
}

/// serde's "invalid type: string \"x\", expected u32" in Dutch words.
fn types_nl(msg: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("invalid type: ", ""),
        ("invalid value: ", "ongeldige waarde "),
        ("expected a boolean", "verwacht true of false"),
        ("expected a string", "verwacht tekst tussen aanhalingstekens"),
        ("expected a sequence", "verwacht een lijst [ … ]"),
        ("expected u8", "verwacht een geheel getal"),
        ("expected u32", "verwacht een geheel getal"),
        ("expected u64", "verwacht een geheel getal"),
        ("expected i64", "verwacht een geheel getal"),
        ("expected f64", "verwacht een getal"),
        ("expected a map", "verwacht een tabel"),
        ("expected ", "verwacht "),
        ("string ", "tekst "),
        ("integer ", "getal "),
        ("boolean ", "waarde "),
        ("sequence", "lijst"),
        ("map", "tabel"),
    ];
    WORDS.iter().fold(msg.trim().to_owned(), |m, (en, nl)| m.replace(en, nl))
}
