//! Offline verification of an exported copy: a CertDesk PDF (through its attached payload),
//! a PNG (through its QR code) or pasted QR text.
//!
//! The result is one verdict. Checks run in this order, and the first that fails decides it.
//! The signing key must be trusted and the signature must match. A PDF's watermark text must
//! hash to the signed purpose hash. The cache must have no newer version, and the usage period
//! must not be over.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::keys::TrustedKeys;
use super::payload::{ATTACHMENT_NAME, Payload, PayloadError, SignedPayload, purpose_hash};
use super::watermark_marker;
use crate::i18n::{Key, Lang, Message, format_date, tr};

/// The usage-period date ends the watermark and is always 11 characters: 2027年06月02日.
const DATE_CHARS: usize = 11;

/// 1 MiB: the largest attached payload or page text verification decompresses. A payload is a
/// few hundred bytes; the limit stops a crafted PDF from inflating without bound.
const MAX_DECOMPRESSED_BYTES: usize = 1 << 20;

/// The one-sentence outcome of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Signed by a trusted key, unchanged, the newest known version and within its period.
    Genuine,
    /// The payload, its signature or the printed watermark was changed.
    Altered,
    /// Signed by a key that is not in the trusted list.
    UntrustedKey,
    /// The cache has a newer version of the certificate.
    Superseded {
        /// The newest cached version.
        newer_version: u32,
    },
    /// The usage period ended before the day of the check.
    PastUsagePeriod,
}

/// A verdict with the payload it is about, when one could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The outcome.
    pub verdict: Verdict,
    /// The payload as read (unverified when the verdict is not genuine).
    pub payload: Option<Payload>,
}

/// A failure to reach any verdict.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The input contains no CertDesk payload: not a CertDesk PDF, no QR code found, or foreign
    /// QR text.
    #[error("no CertDesk payload found")]
    NoPayload,
    /// The file is neither a PDF nor a PNG.
    #[error("unsupported file type")]
    UnsupportedFile,
}

impl VerifyError {
    /// Returns the message to show the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Read { path, source } => {
                Message::new(Key::CliReadFile).arg("path", path.display()).arg("detail", source)
            }
            Self::NoPayload => Message::new(Key::VerifyNoPayload),
            Self::UnsupportedFile => Message::new(Key::VerifyUnsupportedFile),
        }
    }
}

/// The inputs of verification besides the copy: trusted keys, the day of the check and the
/// newest cached version of a certificate.
pub struct VerifyContext<'a> {
    /// Keys whose signatures are accepted.
    pub trusted: &'a TrustedKeys,
    /// Day of the check (China Standard Time).
    pub today: NaiveDate,
    /// Returns the newest cached version of a certificate id, or `None` when the cache has none.
    pub latest_version: &'a dyn Fn(&str) -> Option<u32>,
}

/// Verifies pasted QR text. There is no watermark to compare, so only the signed fields count.
pub fn verify_text(text: &str, context: &VerifyContext<'_>) -> Result<Verification, VerifyError> {
    verify_payload_text(text, None, context)
}

/// Verifies a file: a CertDesk PDF, or a PNG or JPEG with the QR code, recognised by their
/// first bytes.
pub fn verify_file(path: &Path, context: &VerifyContext<'_>) -> Result<Verification, VerifyError> {
    let bytes = std::fs::read(path).map_err(|source| VerifyError::Read { path: path.to_path_buf(), source })?;
    verify_bytes(&bytes, context)
}

/// Verifies the bytes of a PDF or PNG file.
pub fn verify_bytes(bytes: &[u8], context: &VerifyContext<'_>) -> Result<Verification, VerifyError> {
    if bytes.starts_with(b"%PDF-") {
        verify_pdf(bytes, context)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let text = read_qr_from_image(bytes).ok_or(VerifyError::NoPayload)?;
        verify_text(&text, context)
    } else {
        Err(VerifyError::UnsupportedFile)
    }
}

/// Verifies a CertDesk PDF: its attached payload, and its watermark text against the signed hash.
pub fn verify_pdf(bytes: &[u8], context: &VerifyContext<'_>) -> Result<Verification, VerifyError> {
    let document = lopdf::Document::load_mem(bytes).map_err(|_| VerifyError::NoPayload)?;
    let payload_text = attached_payload(&document).ok_or(VerifyError::NoPayload)?;
    let watermarks = watermark_texts(&document);
    verify_payload_text(&payload_text, Some(&watermarks), context)
}

fn verify_payload_text(
    text: &str,
    watermarks: Option<&[String]>,
    context: &VerifyContext<'_>,
) -> Result<Verification, VerifyError> {
    let signed = match SignedPayload::parse(text) {
        Ok(signed) => signed,
        Err(PayloadError::NotCertDesk) => return Err(VerifyError::NoPayload),
        Err(_) => return Ok(Verification { verdict: Verdict::Altered, payload: None }),
    };
    let verdict = judge(&signed, watermarks, context);
    Ok(Verification { verdict, payload: Some(signed.payload) })
}

fn judge(signed: &SignedPayload, watermarks: Option<&[String]>, context: &VerifyContext<'_>) -> Verdict {
    let payload = &signed.payload;
    let Some(key) = context.trusted.find(&payload.key_id) else {
        return Verdict::UntrustedKey;
    };
    if !key.verifies(signed.signed_text.as_bytes(), &signed.signature) {
        return Verdict::Altered;
    }
    if let Some(watermarks) = watermarks {
        let all_match = watermarks.iter().all(|text| purpose_hash(text) == payload.purpose_sha256);
        if watermarks.is_empty() || !all_match {
            return Verdict::Altered;
        }
    }
    if let Some(newer_version) = (context.latest_version)(&payload.certificate_id)
        && newer_version > payload.version
    {
        return Verdict::Superseded { newer_version };
    }
    if context.today > payload.usable_until {
        return Verdict::PastUsagePeriod;
    }
    Verdict::Genuine
}

/// Returns the one-sentence verdict for the user, with dates formatted for `lang`.
pub fn verdict_message(verification: &Verification, lang: Lang) -> Message {
    let payload = verification.payload.as_ref();
    let number = payload.map(|p| p.registration_number.clone()).unwrap_or_default();
    let version = payload.map(|p| p.version).unwrap_or_default();
    let until = payload.map(|p| p.usable_until);
    match verification.verdict {
        Verdict::Genuine => Message::new(Key::VerdictGenuine)
            .arg("number", number)
            .arg("version", version)
            .arg("until", until.map(|d| format_date(lang, d)).unwrap_or_default()),
        Verdict::Altered => Message::new(Key::VerdictAltered),
        Verdict::UntrustedKey => {
            Message::new(Key::VerdictUntrustedKey).arg("key", payload.map(|p| p.key_id.clone()).unwrap_or_default())
        }
        Verdict::Superseded { newer_version } => Message::new(Key::VerdictSuperseded)
            .arg("number", number)
            .arg("version", version)
            .arg("newer", newer_version),
        Verdict::PastUsagePeriod => Message::new(Key::VerdictPastUsagePeriod)
            .arg("until", until.map(|d| format_date(lang, d)).unwrap_or_default()),
    }
}

/// Reads the text of the attached payload file from `/Root/Names/EmbeddedFiles`.
fn attached_payload(document: &lopdf::Document) -> Option<String> {
    let names = document.catalog().ok()?.get_deref(b"Names", document).ok()?.as_dict().ok()?;
    let tree = names.get_deref(b"EmbeddedFiles", document).ok()?.as_dict().ok()?;
    let entries = tree.get_deref(b"Names", document).ok()?.as_array().ok()?;
    for pair in entries.chunks(2) {
        let [name, file_spec] = pair else { continue };
        let name = document.dereference(name).ok()?.1.as_str().ok()?;
        if name != ATTACHMENT_NAME.as_bytes() {
            continue;
        }
        let file_spec = document.dereference(file_spec).ok()?.1.as_dict().ok()?;
        let embedded = file_spec.get_deref(b"EF", document).ok()?.as_dict().ok()?;
        let stream = embedded.get_deref(b"F", document).ok()?.as_stream().ok()?;
        let bytes = if stream.dict.has(b"Filter") {
            stream.decompressed_content_with_limit(MAX_DECOMPRESSED_BYTES).ok()?
        } else {
            stream.content.clone()
        };
        return String::from_utf8(bytes).ok();
    }
    None
}

/// Finds every watermark text in the PDF's text layer: each run from the marker (加注：) to the
/// end of the usage-period date, with whitespace removed.
///
/// NOTE: this relies on lopdf decoding the font's `ToUnicode` map as krilla writes it (tested with
/// lopdf 0.47 and krilla 0.8). If extraction finds no watermark, the copy is reported altered.
fn watermark_texts(document: &lopdf::Document) -> Vec<String> {
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let Ok(text) = document.extract_text(&pages) else { return Vec::new() };
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let marker = watermark_marker();
    let end_label = tr(Lang::ZhCn, Key::ExportWatermarkEndLabel);

    let mut found = Vec::new();
    let mut rest = compact.as_str();
    while let Some(start) = rest.find(marker) {
        let candidate = &rest[start..];
        let Some(label_at) = candidate.find(end_label) else {
            found.push(candidate.to_owned());
            break;
        };
        let date_start = label_at + end_label.len();
        let end =
            candidate[date_start..].char_indices().nth(DATE_CHARS).map_or(candidate.len(), |(i, _)| date_start + i);
        found.push(candidate[..end].to_owned());
        rest = &candidate[end..];
    }
    found
}

/// Decodes the first QR code found in a PNG or JPEG image.
pub fn read_qr_from_image(bytes: &[u8]) -> Option<String> {
    let image = image::load_from_memory(bytes).ok()?.to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    prepared.detect_grids().iter().find_map(|grid| grid.decode().ok().map(|(_, text)| text))
}
