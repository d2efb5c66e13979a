//! Exporting many certificates at once, for a unit's staff: one file per current certificate
//! in a folder, with progress reported after each file and a summary at the end. A cancel
//! stops the batch between two files.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};

use super::keys::IssuerKey;
use super::{CopyFormat, ExportError, ExportRequest, prepare, register_entry, write_file};
use crate::domain::{Certificate, CertificateStatus};
use crate::store::exports::{ExportRecord, ExportSource};

/// The outcome of one certificate in a batch.
pub type ItemOutcome = Result<ExportRecord, BatchFailure>;

/// A certificate the batch could not export, and why.
#[derive(Debug)]
pub struct BatchFailure {
    /// Registration number of the certificate.
    pub registration_number: String,
    /// The error.
    pub error: ExportError,
}

/// Counts of a finished batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Files written.
    pub written: usize,
    /// Certificates that failed.
    pub failed: usize,
    /// Certificates not tried because the batch was cancelled.
    pub skipped: usize,
}

/// Exports one certificate: prepares, renders and writes the file, and returns its register row.
pub fn export_one(
    certificate: &Certificate,
    request: ExportRequest,
    path: &Path,
    issuer: &IssuerKey,
    source: ExportSource,
    now: DateTime<Utc>,
) -> Result<ExportRecord, ExportError> {
    let copy = prepare(certificate, request, issuer)?;
    let bytes = CopyFormat::from_path(path).render(&copy)?;
    let written = write_file(path, &bytes)?;
    Ok(register_entry(&copy, &written, source, now))
}

/// Returns the current versions among `certificates`: superseded versions are never exported
/// in a batch.
pub fn current_versions(certificates: &[Certificate]) -> Vec<&Certificate> {
    certificates.iter().filter(|c| c.status == CertificateStatus::Valid).collect()
}

/// Returns the file name of a certificate's copy: registration number and name, with any
/// character that is not allowed in Windows file names replaced by `_`.
pub fn file_name(certificate: &Certificate, format: CopyFormat) -> String {
    let extension = match format {
        CopyFormat::Pdf => "pdf",
        CopyFormat::Png => "png",
    };
    let stem: String = format!("{}-{}", certificate.registration_number, certificate.holder_name)
        .chars()
        .map(|c| if c.is_control() || "<>:\"/\\|?*".contains(c) { '_' } else { c })
        .collect();
    format!("{stem}.{extension}")
}

/// The options shared by every certificate of a batch.
pub struct BatchOptions<'a> {
    /// Purpose, recipient and export day printed on every copy.
    pub request: &'a ExportRequest,
    /// The folder to write into.
    pub folder: &'a Path,
    /// PDF or PNG.
    pub format: CopyFormat,
    /// The key that signs each copy.
    pub issuer: &'a IssuerKey,
    /// The exporting party, for the register.
    pub source: ExportSource,
}

/// Exports every certificate into the batch folder, calling `on_item` after each with the
/// number done, the total and the outcome. A failure does not stop the batch. `cancel` is read
/// before each certificate: once it is set, the batch returns with the rest counted as skipped,
/// and every file it wrote is complete, because each is written through a temporary file.
pub fn export_all(
    certificates: &[&Certificate],
    options: &BatchOptions<'_>,
    cancel: &AtomicBool,
    mut on_item: impl FnMut(usize, usize, ItemOutcome),
) -> BatchSummary {
    let BatchOptions { request, folder, format, issuer, source } = *options;
    let mut summary = BatchSummary::default();
    let total = certificates.len();
    for (index, certificate) in certificates.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            summary.skipped = total - index;
            break;
        }
        let path = folder.join(file_name(certificate, format));
        let outcome = export_one(certificate, request.clone(), &path, issuer, source, Utc::now())
            .map_err(|error| BatchFailure { registration_number: certificate.registration_number.clone(), error });
        if outcome.is_ok() {
            summary.written += 1;
        } else {
            summary.failed += 1;
        }
        on_item(index + 1, total, outcome);
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::sample::{DEFAULT_SEED, generate};

    #[test]
    fn file_name_replaces_reserved_characters() {
        let mut certificate = generate(DEFAULT_SEED).certificates[0].clone();
        certificate.holder_name = "李/玥?".into();
        assert_eq!(file_name(&certificate, CopyFormat::Png), format!("{}-李_玥_.png", certificate.registration_number));
    }

    #[test]
    fn batch_writes_every_current_certificate() {
        let sample = generate(DEFAULT_SEED);
        let current = current_versions(&sample.certificates);
        let folder = tempfile::tempdir().unwrap();
        let request = ExportRequest {
            purpose: Some("仅用于年度检查".into()),
            recipient: None,
            full_id: false,
            exported_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        };
        let issuer = IssuerKey::generate();
        let options = BatchOptions {
            request: &request,
            folder: folder.path(),
            format: CopyFormat::Pdf,
            issuer: &issuer,
            source: ExportSource::Gui,
        };
        let mut progress = Vec::new();
        let summary = export_all(&current, &options, &AtomicBool::new(false), |done, total, _| {
            progress.push((done, total));
        });
        assert_eq!(summary, BatchSummary { written: current.len(), failed: 0, skipped: 0 });
        assert_eq!(progress.last(), Some(&(current.len(), current.len())));
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), current.len());
    }

    #[test]
    fn cancel_stops_before_next_certificate() {
        let sample = generate(DEFAULT_SEED);
        let current = current_versions(&sample.certificates);
        assert!(current.len() > 3, "the sample has enough certificates to stop midway");
        let folder = tempfile::tempdir().unwrap();
        let request = ExportRequest {
            purpose: None,
            recipient: None,
            full_id: false,
            exported_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        };
        let issuer = IssuerKey::generate();
        let options = BatchOptions {
            request: &request,
            folder: folder.path(),
            format: CopyFormat::Png,
            issuer: &issuer,
            source: ExportSource::Gui,
        };
        let cancel = AtomicBool::new(false);
        let mut written = Vec::new();

        let summary = export_all(&current, &options, &cancel, |done, _, outcome| {
            written.push(outcome.unwrap().file_name);
            if done == 2 {
                cancel.store(true, Ordering::Relaxed);
            }
        });

        assert_eq!(summary, BatchSummary { written: 2, failed: 0, skipped: current.len() - 2 });
        let mut on_disk: Vec<String> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        written.sort();
        assert_eq!(on_disk, written, "exactly the reported files are on disk, with no temporary file");
    }
}
