//! Times exports: one PDF copy, one PNG copy, and a batch of 1,000 PDF copies written to a
//! temporary folder. Run it on the release profile, which this file does not choose itself:
//!
//! ```sh
//! cargo bench --bench export
//! ```
//!
//! The numbers include preparing and signing the payload, rendering and writing the file. The
//! reference, timed in the same run, is the smallest PDF krilla writes with the same font: one
//! A4 page with the holder's name. The ratio shows what the certificate face costs on top of
//! font subsetting and PDF writing themselves, on whatever machine runs it.

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

    let reference = median_of(REPEATS, || reference_pdf(&sample.certificates[0].holder_name))?;
    writeln!(out, "reference (one-line PDF, same font): {:.1} ms", millis(reference))?;
    for format in [CopyFormat::Pdf, CopyFormat::Png] {
        let copy = prepare(&sample.certificates[0], request.clone(), &issuer)?;
        let bytes = format.render(&copy)?;
        let one = median_of(REPEATS, || format.render(&copy).map(|_| ()).map_err(Into::into))?;
        let ratio = one.as_secs_f64() / reference.as_secs_f64();
        writeln!(
            out,
            "one {format:?}: {:.1} ms (median of {REPEATS}), {} bytes, {ratio:.1}x the reference",
            millis(one),
            bytes.len()
        )?;
    }

    let started = Instant::now();
    for index in 0..BATCH_SIZE {
        let certificate = &sample.certificates[index % sample.certificates.len()];
        let path = folder.path().join(format!("{index}.pdf"));
        export_one(certificate, request.clone(), &path, &issuer, ExportSource::Cli, Utc::now())?;
    }
    let elapsed = started.elapsed();
    let per_copy = elapsed.as_secs_f64() / f64::from(u32::try_from(BATCH_SIZE)?);
    writeln!(
        out,
        "batch of {BATCH_SIZE} PDFs: {:.1} s, {:.1} ms per copy, {:.1}x the reference per copy",
        elapsed.as_secs_f64(),
        per_copy * 1000.0,
        per_copy / reference.as_secs_f64()
    )?;
    Ok(())
}

/// Runs of each single-copy measurement; the median is reported.
const REPEATS: usize = 21;

/// Times `work` `repeats` times and returns the median.
fn median_of(
    repeats: usize,
    mut work: impl FnMut() -> Result<(), Box<dyn std::error::Error>>,
) -> Result<Duration, Box<dyn std::error::Error>> {
    let mut times = Vec::with_capacity(repeats);
    for _ in 0..repeats {
        let started = Instant::now();
        work()?;
        times.push(started.elapsed());
    }
    times.sort_unstable();
    Ok(times[times.len() / 2])
}

/// Writes the smallest comparable PDF: one A4 page with one line of text in the bundled font.
fn reference_pdf(text: &str) -> Result<(), Box<dyn std::error::Error>> {
    use krilla::geom::Point;
    use krilla::page::PageSettings;
    use krilla::text::{Font, TextDirection};

    let font = Font::new(certdesk::ui::fonts::NOTO_SANS_SC.into(), 0).ok_or("font")?;
    let mut document = krilla::Document::new();
    let mut page = document.start_page_with(PageSettings::from_wh(595.0, 842.0).ok_or("page")?);
    let mut surface = page.surface();
    surface.draw_text(Point::from_xy(72.0, 100.0), font, 24.0, text, false, TextDirection::Auto);
    surface.finish();
    page.finish();
    let bytes = document.finish().map_err(|e| format!("{e:?}"))?;
    std::hint::black_box(bytes);
    Ok(())
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
