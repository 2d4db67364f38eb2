//! Dutch text for failures of the machine (file system, network, database driver), whose own
//! messages are English. The surfaces show these sentences and log the original once, for the
//! operator (at `warn`, so `KOERS_LOG=warn` shows it on the command line).

use std::io::ErrorKind;

/// What an I/O failure means, in Dutch (a sentence part: "kan map X niet aanmaken: …").
pub fn io(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "bestand of map bestaat niet",
        ErrorKind::PermissionDenied => "geen toestemming (bestandsrechten)",
        ErrorKind::AlreadyExists => "er bestaat al een bestand of map met die naam",
        ErrorKind::IsADirectory => "dit is een map, geen bestand",
        ErrorKind::NotADirectory => "een deel van het pad is geen map",
        ErrorKind::DirectoryNotEmpty => "de map is niet leeg",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "de schijf is vol",
        ErrorKind::ReadOnlyFilesystem => "het bestandssysteem is alleen-lezen",
        ErrorKind::FileTooLarge => "het bestand is te groot",
        ErrorKind::AddrInUse => "het adres is al in gebruik (draait Koers al?)",
        ErrorKind::AddrNotAvailable => "dit adres hoort niet bij deze machine",
        ErrorKind::ConnectionRefused => "de verbinding werd geweigerd",
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => "de verbinding werd verbroken",
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => "de server is niet bereikbaar",
        ErrorKind::TimedOut => "geen antwoord binnen de tijd",
        ErrorKind::BrokenPipe => "de uitvoer werd afgesloten",
        ErrorKind::WriteZero => "er kon niets meer worden geschreven",
        ErrorKind::InvalidInput | ErrorKind::InvalidData => "ongeldige gegevens",
        ErrorKind::UnexpectedEof => "het bestand houdt onverwacht op",
        ErrorKind::OutOfMemory => "onvoldoende geheugen",
        ErrorKind::Interrupted => "onderbroken",
        ErrorKind::Unsupported => "niet ondersteund op dit systeem",
        _ => "lees- of schrijffout",
    }
}

/// What a database driver's (English) message means, in Dutch, recognised by its well-known
/// phrases. The store crates put this in [`crate::store::StoreError::Backend`] and log the driver's text.
pub fn driver(message: &str) -> &'static str {
    let d = message.to_ascii_lowercase();
    const KNOWN: &[(&[&str], &str)] = &[
        (
            &["connection refused"],
            "de databaseserver weigert de verbinding (draait PostgreSQL, kloppen host en poort?)",
        ),
        (
            &["password authentication failed", "authentication failed", "no password supplied"],
            "aanmelden bij de databaseserver mislukt (gebruiker of wachtwoord in de database-URL)",
        ),
        (
            &["unable to open database file", "(code: 14)"],
            "het databasebestand kan niet worden geopend (bestaat de map, mag Koers erin schrijven?)",
        ),
        (&["database is locked", "(code: 5)"], "de database is bezet door een ander proces"),
        (&["readonly database", "read-only", "(code: 8)"], "de database is alleen-lezen"),
        (&["disk is full", "no space left", "(code: 13)"], "de schijf is vol"),
        (&["not a database", "malformed", "(code: 26)", "(code: 11)"], "het bestand is geen (gave) Koers-database"),
        (
            &["does not exist"],
            "iets bestaat niet in de database (de database zelf, de gebruiker of een tabel: is `koers migrate` gedraaid?)",
        ),
        (&["timed out", "timeout"], "geen databaseverbinding binnen de tijd"),
        (&["permission denied"], "geen toestemming (bestandsrechten)"),
        (&["no such file or directory"], "bestand of map bestaat niet"),
        (
            &["name or service not known", "failed to lookup address", "nodename nor servname"],
            "de databaseserver is onbekend (host in de database-URL)",
        ),
        (&["tls", "ssl"], "een beveiligde verbinding (TLS) met de databaseserver lukt niet"),
        (&["invalid", "relative url", "url"], "de database-URL is ongeldig"),
    ];
    KNOWN
        .iter()
        .find(|(phrases, _)| phrases.iter().any(|p| d.contains(p)))
        .map_or("onverwachte databasefout", |(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_failures_read_as_dutch() {
        let e = std::io::Error::new(ErrorKind::PermissionDenied, "Permission denied (os error 13)");
        assert_eq!(io(&e), "geen toestemming (bestandsrechten)");
        assert_eq!(io(&std::io::Error::other("boom")), "lees- of schrijffout");
    }

    #[test]
    fn driver_messages_never_reach_the_text() {
        for (message, dutch) in [
            ("error communicating with database: Connection refused (os error 111)", "weigert de verbinding"),
            ("error returned from database: password authentication failed for user \"x\"", "aanmelden bij"),
            ("error returned from database: (code: 14) unable to open database file", "databasebestand"),
            ("pool timed out while waiting for an open connection", "binnen de tijd"),
            ("something nobody expected", "onverwachte databasefout"),
        ] {
            let text = driver(message);
            assert!(text.contains(dutch), "{message}: {text}");
            assert!(!text.contains("error") && !text.contains("database:"), "{text}");
        }
    }
}
