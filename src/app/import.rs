//! The import page's state: the form, the preview read on a background thread, and the write
//! after the confirmation, also on a background thread with its own cache connection. Both
//! report their progress and stop when the user cancels.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use tracing::warn;

use crate::domain::progress::Progress;
use crate::domain::records::PaymentKind;
use crate::i18n::{Key, Lang, Message};
use crate::import::{ImportError, Preview, preview_file_with_progress};
use crate::store::payments::{self, ImportCounts};
use crate::store::{Store, StoreError};
use crate::ui::Command;
use crate::ui::import_view::{ImportForm, ImportView, JobView, import_ui};

/// 100 ms: how often the page redraws the row counts while a preview or write runs.
const PROGRESS_REPAINT: std::time::Duration = std::time::Duration::from_millis(100);

/// A preview being read on its thread.
struct Reading {
    progress: Arc<Progress>,
    result: Receiver<Result<Preview, ImportError>>,
}

/// A write running on its thread, with the preview to show again if it fails or is cancelled.
struct Writing {
    preview: Preview,
    progress: Arc<Progress>,
    result: Receiver<Result<ImportCounts, StoreError>>,
}

/// The import page.
#[derive(Default)]
pub(super) struct ImportPage {
    form: ImportForm,
    reading: Option<Reading>,
    writing: Option<Writing>,
    preview: Option<Preview>,
    error: Option<Message>,
}

impl ImportPage {
    /// Takes a file dropped on the window as the roster to import, before the verify view
    /// would take it as a copy to verify.
    pub fn take_dropped_roster(&mut self, ctx: &egui::Context) {
        if let Some(path) = super::take_dropped_file(ctx) {
            self.form.path = path.display().to_string();
        }
    }

    /// Starts reading a file on its own thread; the frame never waits for the disk.
    pub fn start_preview(&mut self, kind: PaymentKind, path: String, ctx: &egui::Context) {
        self.preview = None;
        self.error = None;
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let read = move || preview_file_with_progress(&PathBuf::from(path), kind, &shared);
        match spawn(ctx, "certdesk-import-read", read) {
            Some(result) => self.reading = Some(Reading { progress, result }),
            None => self.error = Some(Message::new(Key::ErrorWorker)),
        }
    }

    /// Cancels the running preview or write. A cancelled preview is dropped at once, so the page
    /// is ready for another file while the thread stops at its next check. Its result is never
    /// read, as the returned notice tells the user. A cancelled write is rolled back by its thread,
    /// and [`ImportPage::poll`] reports that once the rollback is done.
    pub fn cancel(&mut self) -> Option<Message> {
        if let Some(writing) = &self.writing {
            writing.progress.cancel();
        }
        let reading = self.reading.take()?;
        reading.progress.cancel();
        Some(Message::new(Key::ImportPreviewCancelled))
    }

    /// Starts writing the previewed rows into the cache at `cache` in one transaction, on its
    /// own thread and connection. Returns a notice when it cannot start.
    pub fn confirm(&mut self, cache: Option<PathBuf>, ctx: &egui::Context) -> Option<Message> {
        let Some(preview) = self.preview.take() else {
            return Some(Message::new(Key::ImportNothingToWrite));
        };
        let Some(cache) = cache else {
            self.preview = Some(preview);
            return Some(Message::new(Key::ErrorStore));
        };
        let kind = preview.kind;
        let records = preview.records();
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let write = move || write_records(&cache, kind, &records, &shared);
        if let Some(result) = spawn(ctx, "certdesk-import-write", write) {
            self.writing = Some(Writing { preview, progress, result });
            None
        } else {
            self.preview = Some(preview);
            Some(Message::new(Key::ErrorWorker))
        }
    }

    /// Takes what the threads sent. Returns the notice of a finished write, after which the
    /// caller reloads its view of the cache.
    pub fn poll(&mut self) -> Option<Message> {
        if let Some(reading) = &self.reading {
            match reading.result.try_recv() {
                Ok(Ok(preview)) => self.preview = Some(preview),
                Ok(Err(error)) => self.error = Some(error.message()),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.error = Some(Message::new(Key::ErrorWorker)),
            }
            if self.preview.is_some() || self.error.is_some() {
                self.reading = None;
            }
        }
        let received = self.writing.as_ref()?.result.try_recv();
        if matches!(received, Err(TryRecvError::Empty)) {
            return None;
        }
        let writing = self.writing.take()?;
        let notice = match received {
            Ok(Ok(counts)) => return Some(counts.message(writing.preview.kind)),
            Ok(Err(StoreError::Cancelled)) => Message::new(Key::ImportWriteCancelled),
            Ok(Err(error)) => {
                warn!(%error, "cannot write the imported roster");
                Message::new(Key::ErrorStore)
            }
            Err(_) => Message::new(Key::ErrorWorker),
        };
        self.preview = Some(writing.preview);
        Some(notice)
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
        let job = |progress: &Progress, writing| {
            let (done, total) = progress.counts();
            JobView { writing, done, total, cancelling: progress.is_cancelled() }
        };
        let running = match (&self.reading, &self.writing) {
            (_, Some(writing)) => Some(job(&writing.progress, true)),
            (Some(reading), None) => Some(job(&reading.progress, false)),
            (None, None) => None,
        };
        if running.is_some() {
            // The threads repaint when they finish; this keeps the counts moving until then.
            ui.ctx().request_repaint_after(PROGRESS_REPAINT);
        }
        let view = ImportView { lang, running, preview: self.preview.as_ref(), error: self.error.as_ref() };
        import_ui(ui, &view, &mut self.form)
    }
}

fn write_records(
    cache: &Path,
    kind: PaymentKind,
    records: &[crate::domain::records::PaymentRecord],
    progress: &Progress,
) -> Result<ImportCounts, StoreError> {
    let mut store = Store::open(cache)?;
    store.write(|transaction| payments::write_imported(transaction, kind, records, progress))
}

/// Runs `work` on a named thread and repaints when it is done; `None` if the thread cannot start.
fn spawn<T: Send + 'static>(
    ctx: &egui::Context,
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<Receiver<T>> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        let _ = sender.send(work());
        ctx.request_repaint();
    });
    match spawned {
        Ok(_) => Some(receiver),
        Err(error) => {
            warn!(%error, thread = name, "cannot start a thread");
            None
        }
    }
}
