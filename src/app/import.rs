//! The import page's state: the form, the preview read on a background thread, and the write
//! on confirmation.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use tracing::warn;

use crate::domain::records::PaymentKind;
use crate::i18n::{Key, Lang, Message};
use crate::import::{ImportError, Preview, preview_file};
use crate::store::{Store, payments};
use crate::ui::Command;
use crate::ui::import_view::{ImportForm, ImportView, import_ui};

/// The import page.
#[derive(Default)]
pub(super) struct ImportPage {
    /// Whether the import view replaces the certificates.
    pub open: bool,
    form: ImportForm,
    reading: Option<Receiver<Result<Preview, ImportError>>>,
    preview: Option<Preview>,
    error: Option<Message>,
}

impl ImportPage {
    /// Starts reading a file on its own thread; the frame never waits for the disk.
    pub fn start_preview(&mut self, kind: PaymentKind, path: String, ctx: &egui::Context) {
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("certdesk-import-read".into()).spawn(move || {
            let _ = sender.send(preview_file(&PathBuf::from(path), kind));
            ctx.request_repaint();
        });
        self.preview = None;
        match spawned {
            Ok(_) => {
                self.reading = Some(receiver);
                self.error = None;
            }
            Err(e) => {
                warn!(error = %e, "cannot start the import thread");
                self.error = Some(Message::new(Key::ErrorWorker));
            }
        }
    }

    /// Takes the preview once the reading thread has sent it.
    pub fn poll(&mut self) {
        let Some(receiver) = &self.reading else { return };
        let result = match receiver.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(ImportError::NotSpreadsheet),
        };
        self.reading = None;
        match result {
            Ok(preview) => self.preview = Some(preview),
            Err(error) => self.error = Some(error.message()),
        }
    }

    /// Writes the previewed rows in one transaction and returns the notice to show.
    pub fn confirm(&mut self, store: Option<&mut Store>) -> Message {
        let Some(preview) = self.preview.take() else {
            return Message::new(Key::ImportNothingToWrite);
        };
        let Some(store) = store else {
            self.preview = Some(preview);
            return Message::new(Key::ErrorStore);
        };
        let records = preview.records();
        match store.write(|transaction| payments::write_imported(transaction, preview.kind, &records)) {
            Ok(counts) => counts.message(preview.kind),
            Err(e) => {
                warn!(error = %e, "cannot write the imported roster");
                self.preview = Some(preview);
                Message::new(Key::ErrorStore)
            }
        }
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
        let view = ImportView {
            lang,
            reading: self.reading.is_some(),
            preview: self.preview.as_ref(),
            error: self.error.as_ref(),
        };
        import_ui(ui, &view, &mut self.form)
    }
}
