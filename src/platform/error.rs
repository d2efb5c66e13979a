//! Errors of the platform client and sync, and the one mapping of each to what the user can do.

use crate::i18n::{Key, Message};
use crate::store::StoreError;

/// Everything that can go wrong talking to the platform or writing what it sent.
#[derive(Debug, thiserror::Error)]
pub enum PlatformError {
    /// The platform URL is not an `https://` URL.
    #[error("invalid platform URL {url}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
    },
    /// The proxy URL is not an `http://` or `https://` URL.
    #[error("invalid proxy URL {url}")]
    InvalidProxy {
        /// The URL as given.
        url: String,
    },
    /// The CA file contains no PEM certificate.
    #[error("the CA file contains no PEM certificate")]
    InvalidCaCertificate,
    /// The HTTP client could not be built.
    #[error("cannot build the HTTPS client: {0}")]
    Client(String),
    /// No connection: refused, no route, or the name does not resolve.
    #[error("cannot reach the platform: {0}")]
    Unreachable(String),
    /// The server's certificate is not signed by the trusted CA or does not name the host.
    #[error("the platform's TLS certificate is not trusted: {0}")]
    Untrusted(String),
    /// The platform did not respond in time.
    #[error("the platform timed out")]
    TimedOut,
    /// The token is missing, expired or revoked.
    #[error("signed out: the token was rejected")]
    SignedOut,
    /// Account or password rejected at sign-in.
    #[error("account or password rejected")]
    WrongCredentials,
    /// HTTP 429: the platform requests that the client slow down.
    #[error("the platform rate-limited the request (HTTP 429)")]
    RateLimited {
        /// The wait the platform asked for in `Retry-After`, if it sent one in seconds.
        retry_after: Option<std::time::Duration>,
    },
    /// Any other error status.
    #[error("the platform answered HTTP {status}")]
    Status {
        /// HTTP status code.
        status: u16,
    },
    /// A body that is not the JSON this client expects.
    #[error("malformed response from the platform: {0}")]
    Malformed(String),
    /// A page that does not continue the previous one: the response carries a different page
    /// token than the one requested (a repeated or skipped page).
    #[error("the platform sent page {received:?} of {resource} where page {requested:?} was requested")]
    PageOutOfSequence {
        /// The listing's path segment.
        resource: &'static str,
        /// The page token sent, `None` for the first page.
        requested: Option<String>,
        /// The page token the response carries.
        received: Option<String>,
    },
    /// HTTP 410: the platform no longer serves the change feed from the saved position, so the
    /// listing must be fetched from its start.
    #[error("the platform no longer serves the change feed from the saved position (HTTP 410)")]
    CursorExpired,
    /// A transient error that lasted through every retry.
    #[error("gave up after {attempts} attempts: {last}")]
    GaveUp {
        /// Attempts made, the first one included.
        attempts: u32,
        /// The error of the last attempt.
        last: Box<PlatformError>,
    },
    /// A record whose identifiers or images are invalid.
    #[error("the platform sent an invalid record {certificate_id}: field {field}")]
    InvalidRecord {
        /// The record's certificate id.
        certificate_id: String,
        /// The first invalid field.
        field: &'static str,
    },
    /// The platform refused a submission for its content (HTTP 400, 409 or 422); sending it
    /// again would be refused again.
    #[error("the platform refused the submission: {code}")]
    Refused {
        /// The error code of the body, such as `material_mismatch`.
        code: String,
        /// The error text of the body, for the log only.
        detail: String,
    },
    /// A material file of a queued submission is no longer in the data folder.
    #[error("a material file is missing from the data folder")]
    MaterialMissing {
        /// Display name of the file.
        name: String,
    },
    /// The user stopped the sync; pages committed before stay, and the next sync continues.
    #[error("the sync was cancelled")]
    Cancelled,
    /// Writing to the cache failed; the page was rolled back.
    #[error("cache error: {0}")]
    Store(#[from] StoreError),
}

impl PlatformError {
    /// Maps the error to a message naming what happened and the next step.
    pub fn message(&self) -> Message {
        match self {
            Self::InvalidUrl { url } => Message::new(Key::ErrorInvalidUrl).arg("url", url),
            Self::InvalidProxy { url } => Message::new(Key::ErrorInvalidProxy).arg("url", url),
            Self::InvalidCaCertificate => Message::new(Key::ErrorInvalidCa),
            Self::Client(_) => Message::new(Key::ErrorClient),
            Self::Unreachable(_) => Message::new(Key::ErrorUnreachable),
            Self::Untrusted(_) => Message::new(Key::ErrorUntrusted),
            Self::TimedOut => Message::new(Key::ErrorTimedOut),
            Self::SignedOut => Message::new(Key::ErrorSignedOut),
            Self::WrongCredentials => Message::new(Key::ErrorWrongCredentials),
            Self::RateLimited { .. } => Message::new(Key::ErrorStatus).arg("status", 429),
            Self::Status { status } => Message::new(Key::ErrorStatus).arg("status", status),
            Self::PageOutOfSequence { .. } => Message::new(Key::ErrorPageOutOfSequence),
            Self::CursorExpired => Message::new(Key::ErrorStatus).arg("status", 410),
            Self::GaveUp { attempts, last } if last.is_offline() => {
                Message::new(Key::ErrorGaveUpOffline).arg("attempts", attempts)
            }
            Self::GaveUp { attempts, .. } => Message::new(Key::ErrorGaveUp).arg("attempts", attempts),
            Self::Malformed(_) => Message::new(Key::ErrorMalformed),
            Self::InvalidRecord { certificate_id, field } => {
                Message::new(Key::ErrorInvalidRecord).arg("certificate", certificate_id).arg("field", field)
            }
            Self::Refused { code, .. } => refusal_message(code),
            Self::MaterialMissing { name } => Message::new(Key::OutboxMaterialMissing).arg("name", name),
            Self::Cancelled => Message::new(Key::SyncCancelled),
            Self::Store(_) => Message::new(Key::ErrorStore),
        }
    }

    /// Tells whether the platform could not be reached at all, so the app is offline.
    pub fn is_offline(&self) -> bool {
        match self {
            Self::Unreachable(_) | Self::TimedOut => true,
            Self::GaveUp { last, .. } => last.is_offline(),
            _ => false,
        }
    }

    /// Tells whether the same GET may succeed if sent again: no connection, a timeout, a rate
    /// limit, a gateway or server error, or a body cut short, garbled or out of sequence. A
    /// rejected certificate, token or record fails the same way every time, so it is final.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Unreachable(_)
            | Self::TimedOut
            | Self::RateLimited { .. }
            | Self::Malformed(_)
            | Self::PageOutOfSequence { .. } => true,
            Self::Status { status } => matches!(status, 500 | 502 | 503 | 504),
            _ => false,
        }
    }
}

/// Explains a refusal by its error code, as stored with a refused outbox entry.
pub fn refusal_message(code: &str) -> Message {
    match code {
        "material_mismatch" => Message::new(Key::RefusedMaterialMismatch),
        "unknown_reference" => Message::new(Key::RefusedUnknownReference),
        "not_returned" => Message::new(Key::RefusedNotReturned),
        "idempotency_key_reused" => Message::new(Key::RefusedKeyReused),
        "material_missing" => Message::new(Key::RefusedMaterialMissing),
        _ => Message::new(Key::RefusedOther).arg("code", code),
    }
}

/// Classifies a reqwest error by walking its source chain, including the errors nested inside
/// `std::io::Error`, whose own `source()` skips the wrapped error.
pub fn classify(error: &reqwest::Error) -> PlatformError {
    if error.is_timeout() {
        return PlatformError::TimedOut;
    }
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = current {
        if let Some(tls) = find_tls_certificate_error(e) {
            return PlatformError::Untrusted(tls.to_string());
        }
        if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut) {
            return PlatformError::TimedOut;
        }
        current = e.source();
    }
    if error.is_decode() {
        return PlatformError::Malformed(error.to_string());
    }
    PlatformError::Unreachable(error.to_string())
}

/// Finds a rustls certificate error in `error` or in the `std::io::Error`s nested inside it.
fn find_tls_certificate_error<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    if let Some(tls) = error.downcast_ref::<rustls::Error>() {
        return matches!(tls, rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented)
            .then_some(tls);
    }
    let inner = error.downcast_ref::<std::io::Error>()?.get_ref()?;
    find_tls_certificate_error(inner)
}
