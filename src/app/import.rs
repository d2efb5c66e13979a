//! The import page's state: the form, the preview read on a background thread, and the write
//! after the confirmation, also on a background thread with its own cache connection.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use tracing::warn;

use crate::domain::records::PaymentKind;
use crate::i18n::{Key, Lang, Message};
use crate::import::{ImportError, Preview, preview_file};
use crate::store::payments::{self, ImportCounts};
use crate::store::{Store, StoreError};
use crate::ui::Command;
use crate::ui::import_view::{ImportForm, ImportView, import_ui};

/// A write running on its thread, with the preview to show again if it fails.
struct Writing {
    preview: Preview,
    result: Receiver<Result<ImportCounts, StoreError>>,
}

/// The import page.
#[derive(Default)]
pub(super) struct ImportPage {
    form: ImportForm,
    reading: Option<Receiver<Result<Preview, ImportError>>>,
    writing: Option<Writing>,
    preview: Option<Preview>,
    error: Option<Message>,
}

impl ImportPage {
    /// Starts reading a file on its own thread; the frame never waits for the disk.
    pub fn start_preview(&mut self, kind: PaymentKind, path: String, ctx: &egui::Context) {
        self.preview = None;
        self.error = None;
        let spawned = spawn(ctx, "certdesk-import-read", move || preview_file(&PathBuf::from(path), kind));
        match spawned {
            Some(receiver) => self.reading = Some(receiver),
            None => self.error = Some(Message::new(Key::ErrorWorker)),
        }
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
        let write = move || write_records(&cache, kind, &records);
        if let Some(result) = spawn(ctx, "certdesk-import-write", write) {
            self.writing = Some(Writing { preview, result });
            None
        } else {
            self.preview = Some(preview);
            Some(Message::new(Key::ErrorWorker))
        }
    }

    /// Takes what the threads sent. Returns the notice of a finished write, after which the
    /// caller reloads its view of the cache.
    pub fn poll(&mut self) -> Option<Message> {
        if let Some(receiver) = &self.reading {
            match receiver.try_recv() {
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
        let view = ImportView {
            lang,
            reading: self.reading.is_some(),
            writing: self.writing.is_some(),
            preview: self.preview.as_ref(),
            error: self.error.as_ref(),
        };
        import_ui(ui, &view, &mut self.form)
    }
}

fn write_records(
    cache: &Path,
    kind: PaymentKind,
    records: &[crate::domain::records::PaymentRecord],
) -> Result<ImportCounts, StoreError> {
    let mut store = Store::open(cache)?;
    store.write(|transaction| payments::write_imported(transaction, kind, records))
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
