//! Exported copies of an e-certificate: the signed payload, the PDF and PNG faces, and offline
//! verification.
//!
//! A copy states its purpose in a watermark (加注), carries a usage period and a QR code with a
//! compact signed payload, and embeds the same payload as an attached file. The payload signs
//! the SHA-256 of the watermark text, so verification can tell when the printed purpose was
//! changed. This module runs no SQL. Callers record exports in the register through
//! `store::exports` and pass the newest cached versions to verification.

pub mod batch;
pub mod keys;
pub mod payload;
pub mod pdf;
pub mod png;
pub mod register_excel;
pub mod verify;

mod text;

use chrono::NaiveDate;

use crate::domain::Certificate;
use crate::domain::usage_period::{UsagePeriod, usage_period};
use crate::i18n::{Key, Lang, Message, format_date, tr};
use keys::{IssuerKey, KeyError};
use payload::{Payload, PayloadError, SignatureAlgorithm, SignedPayload, purpose_hash};

/// The user's export choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The purpose typed by the user (仅用于XX项目投标 …), or `None` when the user chose
    /// explicitly to export without one.
    pub purpose: Option<String>,
    /// Recipient of the copy, if given.
    pub recipient: Option<String>,
    /// Print the full ID number instead of the masked one.
    pub full_id: bool,
    /// Day of the export (China Standard Time).
    pub exported_on: NaiveDate,
}

/// A copy ready to draw: the certificate, its usage period, watermark and signed payload.
#[derive(Debug, Clone)]
pub struct PreparedCopy<'a> {
    /// The certificate version shown.
    pub certificate: &'a Certificate,
    /// The request it was made from.
    pub request: ExportRequest,
    /// Usage period printed on the copy and signed in the payload.
    pub usage: UsagePeriod,
    /// The watermark text (加注) whose hash the payload signs.
    pub watermark: String,
    /// The signed payload.
    pub signed: SignedPayload,
}

/// An export failure. Nothing is written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The bundled font has no glyph for a character of the text to print.
    #[error("the font has no glyph for {character:?} (U+{code:04X}) in {field}")]
    MissingGlyph {
        /// The character.
        character: char,
        /// Its code point.
        code: u32,
        /// The printed text it is part of.
        field: String,
    },
    /// The purpose is empty and the user did not choose to export without one.
    #[error("purpose is empty")]
    PurposeMissing,
    /// The purpose or recipient contains a label that marks the start or end of the watermark,
    /// which would make verification read the watermark text wrongly.
    #[error("purpose or recipient contains the reserved text {text}")]
    ReservedText {
        /// The reserved label found.
        text: &'static str,
    },
    /// A field to sign contains the payload separator.
    #[error("payload: {0}")]
    Payload(#[from] PayloadError),
    /// The signing key could not be loaded.
    #[error("signing key: {0}")]
    Key(#[from] KeyError),
    /// The PDF, PNG or QR writer failed.
    #[error("{0}")]
    Render(String),
    /// The file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl ExportError {
    /// Returns the message to show the user.
    pub fn message(&self) -> Message {
        match self {
            Self::MissingGlyph { character, code, field } => Message::new(Key::ExportMissingGlyph)
                .arg("character", character)
                .arg("code", format!("U+{code:04X}"))
                .arg("field", field),
            Self::PurposeMissing => Message::new(Key::ExportPurposeMissing),
            Self::ReservedText { text } => Message::new(Key::ExportReservedText).arg("text", text),
            Self::Payload(_) | Self::Render(_) => Message::new(Key::ExportRenderFailed).arg("detail", self),
            Self::Key(error) => Message::new(Key::ExportKeyFailed).arg("detail", error),
            Self::Write { path, source } => {
                Message::new(Key::CliWriteFile).arg("path", path.display()).arg("detail", source)
            }
        }
    }
}

/// Computes the usage period, builds the watermark and signs the payload of one copy.
pub fn prepare<'a>(
    certificate: &'a Certificate,
    request: ExportRequest,
    issuer: &IssuerKey,
) -> Result<PreparedCopy<'a>, ExportError> {
    let purpose = request.purpose.as_deref().map(str::trim);
    if purpose.is_some_and(str::is_empty) {
        return Err(ExportError::PurposeMissing);
    }

    let reserved = [watermark_marker(), tr(Lang::ZhCn, Key::ExportWatermarkEndLabel)];
    for text in [purpose, request.recipient.as_deref()].into_iter().flatten() {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(label) = reserved.into_iter().find(|label| compact.contains(label)) {
            return Err(ExportError::ReservedText { text: label });
        }
    }

    let usage = usage_period(request.exported_on, certificate.earliest_valid_to(), certificate.birth_date);
    let watermark = watermark_text(purpose, request.recipient.as_deref(), request.exported_on, usage.usable_until);
    let payload = Payload {
        algorithm: SignatureAlgorithm::Sm2Sm3,
        key_id: issuer.key_id().to_owned(),
        certificate_id: certificate.certificate_id.clone(),
        version: certificate.version,
        registration_number: certificate.registration_number.clone(),
        exported_on: request.exported_on,
        usable_until: usage.usable_until,
        purpose_sha256: purpose_hash(&watermark),
    };
    let signed_text = payload.signed_text()?;
    let signature = issuer.sign(signed_text.as_bytes());
    let signed = SignedPayload { payload, signed_text, signature };
    Ok(PreparedCopy { certificate, request, usage, watermark, signed })
}

/// Builds the watermark text. It is always Chinese, whatever the interface language, because
/// the copy is a Chinese document and its hash must not depend on a setting.
pub fn watermark_text(
    purpose: Option<&str>,
    recipient: Option<&str>,
    exported_on: NaiveDate,
    usable_until: NaiveDate,
) -> String {
    let lang = Lang::ZhCn;
    let purpose = purpose.map(str::trim).filter(|p| !p.is_empty()).unwrap_or(tr(lang, Key::ExportNoPurpose));
    let recipient = recipient.map(str::trim).filter(|r| !r.is_empty()).unwrap_or(tr(lang, Key::ExportNoRecipient));
    Message::new(Key::ExportWatermark)
        .arg("purpose", purpose)
        .arg("recipient", recipient)
        .arg("exported", format_date(lang, exported_on))
        .arg("until", format_date(lang, usable_until))
        .render(lang)
}

/// Returns the start of every watermark text, which verification looks for in a PDF's text
/// layer.
pub fn watermark_marker() -> &'static str {
    tr(Lang::ZhCn, Key::ExportWatermarkMarker)
}

/// The file format of an exported copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyFormat {
    /// A4 PDF with a text layer and the payload attached.
    Pdf,
    /// PNG image of the face, for chat apps.
    Png,
}

impl CopyFormat {
    /// Picks the format from a file name: `.png` (any case) is PNG, anything else PDF.
    pub fn from_path(path: &std::path::Path) -> Self {
        let is_png = path.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("png"));
        if is_png { Self::Png } else { Self::Pdf }
    }

    /// Renders a prepared copy in this format.
    pub fn render(self, copy: &PreparedCopy<'_>) -> Result<Vec<u8>, ExportError> {
        match self {
            Self::Pdf => pdf::render(copy),
            Self::Png => png::render(copy),
        }
    }
}

/// A copy written to disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    /// File name without the folder, as the register stores it.
    pub file_name: String,
    /// SHA-256 of the bytes written, lowercase hexadecimal.
    pub sha256: String,
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failed write
/// never leaves a half-written copy under the requested name. A failed write also removes the
/// temporary file, unless the removal fails too.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<WrittenFile, ExportError> {
    use sha2::Digest as _;

    let write_error = |source| ExportError::Write { path: path.to_path_buf(), source };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".part");
    let partial = std::path::PathBuf::from(partial);
    if let Err(source) = std::fs::write(&partial, bytes) {
        let _ = std::fs::remove_file(&partial);
        return Err(write_error(source));
    }
    if let Err(source) = std::fs::rename(&partial, path) {
        let _ = std::fs::remove_file(&partial);
        return Err(write_error(source));
    }
    let file_name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(WrittenFile { file_name, sha256: crate::account::data_dir::hex(&sha2::Sha256::digest(bytes)) })
}

/// Builds the register row for a written copy.
pub fn register_entry(
    copy: &PreparedCopy<'_>,
    file: &WrittenFile,
    source: crate::store::exports::ExportSource,
    exported_at: chrono::DateTime<chrono::Utc>,
) -> crate::store::exports::ExportRecord {
    let clean = |text: &Option<String>| text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    crate::store::exports::ExportRecord {
        exported_at,
        certificate_id: copy.certificate.certificate_id.clone(),
        version: copy.certificate.version,
        registration_number: copy.certificate.registration_number.clone(),
        holder_name: copy.certificate.holder_name.clone(),
        purpose: clean(&copy.request.purpose),
        recipient: clean(&copy.request.recipient),
        file_name: file.file_name.clone(),
        file_sha256: file.sha256.clone(),
        usable_until: copy.usage.usable_until,
        source,
    }
}
