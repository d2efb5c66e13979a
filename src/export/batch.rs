//! Exporting many certificates at once, for a unit's staff: one file per current certificate
//! in a folder, with progress reported after each file and a summary at the end.

use std::path::Path;

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

/// Exports every certificate into `folder`, calling `on_item` after each with the number done,
/// the total and the outcome. A failure does not stop the batch.
pub fn export_all(
    certificates: &[&Certificate],
    request: &ExportRequest,
    folder: &Path,
    format: CopyFormat,
    issuer: &IssuerKey,
    source: ExportSource,
    mut on_item: impl FnMut(usize, usize, ItemOutcome),
) -> BatchSummary {
    let mut summary = BatchSummary::default();
    let total = certificates.len();
    for (index, certificate) in certificates.iter().enumerate() {
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
        let mut progress = Vec::new();
        let summary = export_all(
            &current,
            &request,
            folder.path(),
            CopyFormat::Pdf,
            &issuer,
            ExportSource::Gui,
            |done, total, _| {
                progress.push((done, total));
            },
        );
        assert_eq!(summary, BatchSummary { written: current.len(), failed: 0 });
        assert_eq!(progress.last(), Some(&(current.len(), current.len())));
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), current.len());
    }
}
