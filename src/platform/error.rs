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
    /// The CA file holds no PEM certificate.
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
    /// The platform did not answer in time.
    #[error("the platform timed out")]
    TimedOut,
    /// The token is missing, expired or revoked.
    #[error("signed out: the token was rejected")]
    SignedOut,
    /// Account or password rejected at sign-in.
    #[error("account or password rejected")]
    WrongCredentials,
    /// Any other error status.
    #[error("the platform answered HTTP {status}")]
    Status {
        /// HTTP status code.
        status: u16,
    },
    /// A body that is not the JSON this client expects.
    #[error("malformed response from the platform: {0}")]
    Malformed(String),
    /// A record whose identifiers or images are invalid.
    #[error("the platform sent an invalid record {certificate_id}: field {field}")]
    InvalidRecord {
        /// The record's certificate id.
        certificate_id: String,
        /// The first invalid field.
        field: &'static str,
    },
    /// Writing to the cache failed; the page was rolled back.
    #[error("cache error: {0}")]
    Store(#[from] StoreError),
}

impl PlatformError {
    /// Maps the error to a message that says what happened and what to do next.
    pub fn message(&self) -> Message {
        match self {
            Self::InvalidUrl { url } => Message::new(Key::ErrorInvalidUrl).arg("url", url),
            Self::InvalidCaCertificate => Message::new(Key::ErrorInvalidCa),
            Self::Client(_) => Message::new(Key::ErrorClient),
            Self::Unreachable(_) => Message::new(Key::ErrorUnreachable),
            Self::Untrusted(_) => Message::new(Key::ErrorUntrusted),
            Self::TimedOut => Message::new(Key::ErrorTimedOut),
            Self::SignedOut => Message::new(Key::ErrorSignedOut),
            Self::WrongCredentials => Message::new(Key::ErrorWrongCredentials),
            Self::Status { status } => Message::new(Key::ErrorStatus).arg("status", status),
            Self::Malformed(_) => Message::new(Key::ErrorMalformed),
            Self::InvalidRecord { certificate_id, field } => {
                Message::new(Key::ErrorInvalidRecord).arg("certificate", certificate_id).arg("field", field)
            }
            Self::Store(_) => Message::new(Key::ErrorStore),
        }
    }

    /// Tells whether the platform could not be reached at all, so the app is offline.
    pub fn is_offline(&self) -> bool {
        matches!(self, Self::Unreachable(_) | Self::TimedOut)
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
