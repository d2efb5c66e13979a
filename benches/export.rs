//! Times exports: one PDF copy, one PNG copy, and a batch of 1,000 PDF copies written to a
//! temporary folder. Run it on the release profile, which this file does not choose itself:
//!
//! ```sh
//! cargo bench --bench export
//! ```
//!
//! The numbers include preparing and signing the payload, rendering and writing the file.

use std::io::Write as _;
use std::time::{Duration, Instant};

use certdesk::export::batch::export_one;
use certdesk::export::keys::IssuerKey;
use certdesk::export::{CopyFormat, ExportRequest, prepare};
use certdesk::sandbox::sample::{DEFAULT_SEED, generate};
use certdesk::store::exports::ExportSource;
use chrono::{NaiveDate, Utc};

/// Copies in the batch run.
const BATCH_SIZE: usize = 1_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sample = generate(DEFAULT_SEED);
    let issuer = IssuerKey::generate();
    let request = ExportRequest {
        purpose: Some("仅用于某某项目投标".to_owned()),
        recipient: Some("某某市公共资源交易中心".to_owned()),
        full_id: false,
        exported_on: NaiveDate::from_ymd_opt(2026, 12, 4).ok_or("date")?,
    };
    let folder = tempfile::tempdir()?;
    let mut out = std::io::stdout().lock();

    for format in [CopyFormat::Pdf, CopyFormat::Png] {
        let copy = prepare(&sample.certificates[0], request.clone(), &issuer)?;
        let started = Instant::now();
        let bytes = format.render(&copy)?;
        writeln!(out, "one {format:?}: {:.1} ms, {} bytes", millis(started.elapsed()), bytes.len())?;
    }

    let started = Instant::now();
    for index in 0..BATCH_SIZE {
        let certificate = &sample.certificates[index % sample.certificates.len()];
        let path = folder.path().join(format!("{index}.pdf"));
        export_one(certificate, request.clone(), &path, &issuer, ExportSource::Cli, Utc::now())?;
    }
    let elapsed = started.elapsed();
    writeln!(
        out,
        "batch of {BATCH_SIZE} PDFs: {:.1} s, {:.1} ms per copy",
        elapsed.as_secs_f64(),
        millis(elapsed) / f64::from(u32::try_from(BATCH_SIZE)?)
    )?;
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
