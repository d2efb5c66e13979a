//! `certdesk import social-security|housing-fund FILE`: previews a roster file and, unless
//! `--dry-run`, writes its accepted rows into the active account's cache in one transaction.

use std::path::Path;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::certs::open_active_cache;
use super::{CliError, output};
use crate::account::DataDir;
use crate::domain::progress::Progress;
use crate::domain::records::PaymentKind;
use crate::i18n::{Key, Lang, Message, tr};
use crate::import::{Preview, preview_file};
use crate::store::payments::{self, ImportCounts};

/// Previews `file` and writes it unless `dry_run`. Rejected rows are reported, not failures:
/// the exit code is 0 when the file could be read.
pub fn run(
    data_dir: &DataDir,
    kind: PaymentKind,
    file: &Path,
    dry_run: bool,
    as_json: bool,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let preview = preview_file(file, kind).map_err(|error| CliError::new(error.message()))?;
    let written = if dry_run { None } else { Some(write(data_dir, &preview)?) };
    if as_json {
        output::json(&preview_json(&preview, written.as_ref(), lang));
    } else {
        print_text(&preview, written.as_ref(), lang);
    }
    Ok(ExitCode::SUCCESS)
}

fn write(data_dir: &DataDir, preview: &Preview) -> Result<ImportCounts, CliError> {
    let mut store = open_active_cache(data_dir)?;
    let records = preview.records();
    Ok(store
        .write(|transaction| payments::write_imported(transaction, preview.kind, &records, &Progress::default()))?)
}

fn preview_json(preview: &Preview, written: Option<&ImportCounts>, lang: Lang) -> Value {
    let rejected: Vec<Value> =
        preview.rejected.iter().map(|row| json!({ "row": row.row, "reason": row.reason(lang) })).collect();
    let mut value = json!({
        "kind": preview.kind.code(),
        "format": preview.format.label(),
        "sheet": preview.sheet,
        "header_row": preview.header_row,
        "accepted": preview.accepted.len(),
        "rejected": rejected,
    });
    if let Some(counts) = written {
        value["written"] = json!({
            "persons_created": counts.persons_created,
            "units_created": counts.units_created,
            "months_added": counts.months_added,
            "months_updated": counts.months_updated,
        });
    }
    value
}

fn print_text(preview: &Preview, written: Option<&ImportCounts>, lang: Lang) {
    for row in &preview.rejected {
        output::line(&row.reason(lang));
    }
    output::line(
        &Message::new(Key::CliImportSummary)
            .arg("accepted", preview.accepted.len())
            .arg("rejected", preview.rejected.len())
            .render(lang),
    );
    match written {
        Some(counts) => output::line(&counts.message(preview.kind).render(lang)),
        None => output::line(tr(lang, Key::CliImportDryRun)),
    }
}
