//! `certdesk export`, `certdesk verify`, `certdesk exports list` and `certdesk keys`: exported
//! copies, their register and the keys that sign and verify them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use chrono::Utc;
use serde_json::{Value, json};

use super::certs::open_active_cache;
use super::{CliError, output};
use crate::account::DataDir;
use crate::domain::time::{china_date, today_in_china};
use crate::domain::{Certificate, CertificateStatus, RegistrationNumber};
use crate::export::batch::{BatchOptions, current_versions, export_all as export_all_files};
use crate::export::keys::{IssuerKey, TrustedKeys};
use crate::export::register_excel::register_workbook;
use crate::export::verify::{Verdict, VerifyContext, verdict_message, verify_file, verify_text};
use crate::export::{CopyFormat, ExportError, ExportRequest, prepare, register_entry, write_file};
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::store::exports::{self, ExportRecord, ExportSource};

/// The purpose, recipient and ID choices common to single and batch exports.
pub struct PurposeChoice {
    /// The purpose (加注).
    pub purpose: Option<String>,
    /// The explicit choice to export without a purpose.
    pub no_purpose: bool,
    /// The recipient.
    pub recipient: Option<String>,
    /// Print the full ID number.
    pub full_id: bool,
}

impl PurposeChoice {
    /// Builds the export request for the China Standard Time day of `now`, or explains that a
    /// purpose is needed.
    fn request(self, now: chrono::DateTime<Utc>) -> Result<ExportRequest, CliError> {
        let purpose = match (self.purpose, self.no_purpose) {
            (Some(purpose), false) if !purpose.trim().is_empty() => Some(purpose),
            (None, true) => None,
            _ => return Err(CliError::new(ExportError::PurposeMissing.message())),
        };
        Ok(ExportRequest { purpose, recipient: self.recipient, full_id: self.full_id, exported_on: china_date(now) })
    }
}

/// The arguments of `certdesk export REGISTRATION_NUMBER`.
pub struct ExportArgs {
    /// Registration number of the certificate.
    pub registration_number: String,
    /// Path of the PDF to write.
    pub pdf: Option<PathBuf>,
    /// Path of the PNG to write.
    pub png: Option<PathBuf>,
    /// Purpose, recipient and ID choice.
    pub choice: PurposeChoice,
}

/// Exports the current version of a certificate to PDF and PNG files and records each file in
/// the register.
pub fn export(data_dir: &DataDir, args: ExportArgs, lang: Lang) -> Result<ExitCode, CliError> {
    let now = Utc::now();
    let request = args.choice.request(now)?;
    if args.pdf.is_none() && args.png.is_none() {
        return Err(CliError::new(Message::new(Key::CliMissingArgument).arg("arg", "--pdf FILE | --png FILE")));
    }
    let number = RegistrationNumber::parse(&args.registration_number).map_err(|e| CliError::new(e.message()))?;
    let mut store = open_active_cache(data_dir)?;
    let certificate = current_version(&store, number.as_str())?;
    let issuer =
        IssuerKey::load_or_create(data_dir.root()).map_err(|e| CliError::new(ExportError::from(e).message()))?;

    let copy = prepare(&certificate, request, &issuer).map_err(|e| CliError::new(e.message()))?;

    // Render every requested file before writing any, so a missing glyph writes nothing.
    let outputs = [(args.pdf, CopyFormat::Pdf), (args.png, CopyFormat::Png)];
    let mut rendered = Vec::new();
    for (path, format) in outputs.into_iter().filter_map(|(path, format)| Some((path?, format))) {
        rendered.push((format.render(&copy).map_err(|e| CliError::new(e.message()))?, path));
    }
    for (bytes, path) in rendered {
        let written = write_file(&path, &bytes).map_err(|e| CliError::new(e.message()))?;
        let entry = register_entry(&copy, &written, ExportSource::Cli, now);
        store.write(|transaction| exports::record(transaction, &entry))?;
        output::line(
            &Message::new(Key::ExportDone)
                .arg("path", path.display())
                .arg("until", format_date(lang, copy.usage.usable_until))
                .render(lang),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Exports every current certificate in the cache into a folder, printing progress on stderr
/// and a summary on stdout. Exits 0 only when every file was written.
pub fn export_all(
    data_dir: &DataDir,
    folder: &Path,
    format: super::FormatArg,
    choice: PurposeChoice,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let request = choice.request(Utc::now())?;
    let mut store = open_active_cache(data_dir)?;
    let certificates = store.read(crate::store::certificates::load_all)?;
    let current = current_versions(&certificates);
    let issuer =
        IssuerKey::load_or_create(data_dir.root()).map_err(|e| CliError::new(ExportError::from(e).message()))?;
    std::fs::create_dir_all(folder).map_err(|e| {
        CliError::new(Message::new(Key::CliWriteFile).arg("path", folder.display()).io_arg("detail", &e))
    })?;
    let format = match format {
        super::FormatArg::Pdf => CopyFormat::Pdf,
        super::FormatArg::Png => CopyFormat::Png,
    };

    let mut register_failed = false;
    let options = BatchOptions { request: &request, folder, format, issuer: &issuer, source: ExportSource::Cli };
    let never_cancelled = AtomicBool::new(false);
    let summary = export_all_files(&current, &options, &never_cancelled, |done, total, outcome| match outcome {
        Ok(record) => {
            register_failed |= store.write(|transaction| exports::record(transaction, &record)).is_err();
            let line =
                Message::new(Key::BatchProgress).arg("done", done).arg("total", total).arg("file", &record.file_name);
            output::status(&line.render(lang));
        }
        Err(failure) => {
            let line = Message::new(Key::BatchItemFailed)
                .arg("number", &failure.registration_number)
                .arg("detail", failure.error.message().render(lang));
            output::status(&line.render(lang));
        }
    });
    if register_failed {
        return Err(CliError::new(Message::new(Key::ErrorStore)));
    }
    output::line(
        &Message::new(Key::BatchSummary).arg("written", summary.written).arg("failed", summary.failed).render(lang),
    );
    Ok(if summary.failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Returns the version in force, or the newest cached one when none is in force.
fn current_version(store: &crate::store::Store, registration_number: &str) -> Result<Certificate, CliError> {
    let versions = store.read(|c| crate::store::certificates::find_by_registration_number(c, registration_number))?;
    let current = versions.iter().find(|c| c.status == CertificateStatus::Valid).or(versions.first());
    current
        .cloned()
        .ok_or_else(|| CliError::new(Message::new(Key::CliCertificateNotFound).arg("number", registration_number)))
}

/// Verifies a file or pasted QR text and prints the one-sentence verdict. Exits 0 only for a
/// genuine copy within its usage period.
pub fn verify(data_dir: &DataDir, file: Option<&Path>, qr: Option<&str>, lang: Lang) -> Result<ExitCode, CliError> {
    let issuer =
        IssuerKey::load_or_create(data_dir.root()).map_err(|e| CliError::new(ExportError::from(e).message()))?;
    let trusted =
        TrustedKeys::load(data_dir.root(), &issuer).map_err(|e| CliError::new(ExportError::from(e).message()))?;
    // Without a cache the superseded check is skipped; the other checks need none.
    let store = open_active_cache(data_dir).ok();
    let latest_version = |certificate_id: &str| {
        store.as_ref().and_then(|store| store.read(|c| exports::latest_version(c, certificate_id)).ok().flatten())
    };
    let context = VerifyContext { trusted: &trusted, today: today_in_china(), latest_version: &latest_version };

    let verification = match (file, qr) {
        (_, Some(text)) => verify_text(text, &context),
        (Some(path), None) => verify_file(path, &context),
        (None, None) => {
            return Err(CliError::new(Message::new(Key::CliMissingArgument).arg("arg", "FILE | --qr TEXT")));
        }
    }
    .map_err(|e| CliError::new(e.message()))?;

    output::line(&verdict_message(&verification, lang).render(lang));
    Ok(if verification.verdict == Verdict::Genuine { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// Prints the export register, newest first.
pub fn list(data_dir: &DataDir, as_json: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let store = open_active_cache(data_dir)?;
    let records = store.read(exports::list)?;
    if as_json {
        output::json(&records.iter().map(record_json).collect());
        return Ok(ExitCode::SUCCESS);
    }
    if records.is_empty() {
        output::status(tr(lang, Key::ExportsEmpty));
    }
    for record in &records {
        output::line(&format!(
            "{}\t{}\t{}\tv{}\t{}\t{}\t{}\t{}",
            format_date(lang, china_date(record.exported_at)),
            record.registration_number,
            record.holder_name,
            record.version,
            record.purpose.as_deref().unwrap_or(tr(lang, Key::ExportNoPurpose)),
            record.recipient.as_deref().unwrap_or(tr(lang, Key::ExportNoRecipient)),
            record.file_name,
            format_date(lang, record.usable_until),
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Saves the export register as an Excel workbook.
pub fn save_excel(data_dir: &DataDir, file: &Path, lang: Lang) -> Result<ExitCode, CliError> {
    let store = open_active_cache(data_dir)?;
    let records = store.read(exports::list)?;
    let write_error = |detail: String| {
        CliError::new(Message::new(Key::CliWriteFile).arg("path", file.display()).arg("detail", detail))
    };
    let bytes = register_workbook(&records, lang).map_err(|e| write_error(e.to_string()))?;
    std::fs::write(file, bytes).map_err(|e| write_error(e.to_string()))?;
    output::line(&Message::new(Key::RegisterExcelDone).arg("path", file.display()).render(lang));
    Ok(ExitCode::SUCCESS)
}

fn record_json(record: &ExportRecord) -> Value {
    json!({
        "exported_at": record.exported_at.to_rfc3339(),
        "certificate_id": record.certificate_id,
        "version": record.version,
        "registration_number": record.registration_number,
        "name": record.holder_name,
        "purpose": record.purpose,
        "recipient": record.recipient,
        "file_name": record.file_name,
        "file_sha256": record.file_sha256,
        "usable_until": record.usable_until.to_string(),
        "source": record.source.code(),
    })
}

/// Prints this installation's public key, which verifiers of its copies add to their trusted keys.
pub fn show_key(data_dir: &DataDir, lang: Lang) -> Result<ExitCode, CliError> {
    let issuer =
        IssuerKey::load_or_create(data_dir.root()).map_err(|e| CliError::new(ExportError::from(e).message()))?;
    output::line(
        &Message::new(Key::KeysPublicKey)
            .arg("key_id", issuer.key_id())
            .arg("key", issuer.public_key_hex())
            .render(lang),
    );
    Ok(ExitCode::SUCCESS)
}

/// Adds a public key to the trusted list.
pub fn trust_key(data_dir: &DataDir, key: &str, label: &str, lang: Lang) -> Result<ExitCode, CliError> {
    let trusted = TrustedKeys::add_to_file(data_dir.root(), key, label).map_err(|e| match e {
        crate::export::keys::KeyError::Invalid { .. } => CliError::new(Message::new(Key::KeysInvalid)),
        other @ crate::export::keys::KeyError::Io { .. } => CliError::new(ExportError::from(other).message()),
    })?;
    output::line(&Message::new(Key::KeysAdded).arg("key_id", &trusted.key_id).arg("label", label).render(lang));
    Ok(ExitCode::SUCCESS)
}
