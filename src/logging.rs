//! Logging: everything at `info` and above to a daily file in `DATA/logs/` that is kept for 14
//! days, and nothing to stderr unless `CERTDESK_LOG` sets a filter, such as `warn` or `debug`.
//!
//! Log lines carry identifiers of records (certificate ids, outbox ids, error codes) but never
//! an ID number, a token, a password or file content: the code that logs passes only those.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer as _};

/// 14 files: two weeks of daily logs, enough to look back at a problem reported late.
const KEPT_LOG_FILES: usize = 14;

/// The filter of the terminal: nothing, because the CLI reports each failure as one Chinese
/// line of its own and the log file keeps the details. `CERTDESK_LOG` turns it on.
const STDERR_FILTER: &str = "off";

/// The filter of the log file, which also records what each sync and submission did.
const FILE_FILTER: &str = "info,wgpu_core=error,wgpu_hal=error,naga=warn,eframe=warn,egui_glow=warn";

/// Starts logging. With a folder, a daily file is written there too; if the folder cannot be
/// created, logging goes on to stderr only. Keep the returned guard until the program ends, so
/// the last lines reach the file.
pub fn init(folder: Option<&Path>) -> Option<WorkerGuard> {
    let filter = |default: &str| EnvFilter::try_from_env("CERTDESK_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_filter(filter(STDERR_FILTER));
    let appender = folder.and_then(|folder| {
        std::fs::create_dir_all(folder).ok()?;
        Builder::new()
            .rotation(Rotation::DAILY)
            .filename_prefix("certdesk")
            .filename_suffix("log")
            .max_log_files(KEPT_LOG_FILES)
            .build(folder)
            .ok()
    });
    let (file, guard) = match appender {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer =
                tracing_subscriber::fmt::layer().with_writer(writer).with_ansi(false).with_filter(filter(FILE_FILTER));
            (Some(layer), Some(guard))
        }
        None => (None, None),
    };
    // A second call (tests running the CLI in one process) keeps the first subscriber.
    let _ = tracing_subscriber::registry().with(stderr).with(file).try_init();
    guard
}
