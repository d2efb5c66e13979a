//! Writing results to stdout. A closed pipe (`certdesk certs list | head`) is not an error.

use std::io::Write as _;

/// Writes one line to stdout.
pub fn line(text: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

/// Writes one line to stderr, for progress and warnings.
pub fn status(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Writes a value as pretty JSON to stdout.
pub fn json(value: &serde_json::Value) {
    line(&serde_json::to_string_pretty(value).unwrap_or_default());
}
