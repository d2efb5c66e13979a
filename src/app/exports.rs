//! Carries out the export views' commands: writes PDF copies on a thread and records them in
//! the register, loads the register, saves it to Excel and verifies copies.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};

use chrono::{NaiveDate, Utc};
use tracing::warn;

use crate::account::DataDir;
use crate::domain::Certificate;
use crate::export::batch::{BatchOptions, BatchSummary, ItemOutcome, current_versions, export_all, export_one};
use crate::export::keys::{IssuerKey, TrustedKeys};
use crate::export::verify::{Verdict, VerifyContext, verdict_message, verify_file, verify_text};
use crate::export::{CopyFormat, ExportError, ExportRequest, register_excel};
use crate::i18n::{Key, Lang, Message, format_date};
use crate::store::Store;
use crate::store::exports::{self, ExportRecord, ExportSource};
use crate::ui::Command;
use crate::ui::exports::{
    BatchForm, BatchProgress, BatchView, ExportCommand, ExportForm, LAPSE_REMINDER_DAYS, RegisterView, batch_ui,
    days_left, export_form_ui, register_ui, verify_ui,
};

/// 1 report: the batch thread waits until the window has taken the previous report, so it runs
/// at most two copies ahead of the register and stops soon after a cancel.
const BATCH_REPORTS_IN_FLIGHT: usize = 1;

/// The state of the export form, the register window and the verify window.
#[derive(Default)]
pub struct ExportDesk {
    form: Option<ExportForm>,
    form_problem: Option<Message>,
    running: Option<Receiver<Result<ExportRecord, ExportError>>>,
    register_open: bool,
    register: Vec<ExportRecord>,
    register_filter: String,
    excel_path: String,
    verify_open: bool,
    verify_input: String,
    verdict: Option<(Message, bool)>,
    batch_open: bool,
    batch_form: BatchForm,
    batch_events: Option<Receiver<BatchEvent>>,
    batch_cancel: Option<Arc<AtomicBool>>,
    batch_progress: Option<BatchProgress>,
    batch_summary: Option<Message>,
}

/// A report from the batch thread.
enum BatchEvent {
    /// One certificate was handled.
    Item { done: usize, total: usize, outcome: ItemOutcome },
    /// Every certificate was handled.
    Finished(BatchSummary),
}

/// The app state the desk needs to carry out a command.
pub struct DeskContext<'a> {
    /// Interface language.
    pub lang: Lang,
    /// The data folder, for the signing and trusted keys.
    pub data_dir: &'a DataDir,
    /// The open cache.
    pub store: Option<&'a Store>,
    /// The certificate in the detail view.
    pub certificate: Option<&'a Certificate>,
    /// The as-of day.
    pub today: NaiveDate,
    /// Wakes the UI when a background export finishes.
    pub ctx: &'a egui::Context,
}

impl ExportDesk {
    /// Draws the export form under the certificate face.
    pub fn form_ui(&mut self, ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
        let busy = self.running.is_some();
        let form = self.form.as_mut()?;
        export_form_ui(ui, lang, form, busy, self.form_problem.as_ref())
    }

    /// Closes the register, verify and batch windows (Esc). A running batch goes on.
    pub fn close_windows(&mut self) {
        self.register_open = false;
        self.verify_open = false;
        self.batch_open = false;
    }

    /// Draws the top-bar buttons that open the verify view and the batch export.
    pub fn top_bar_ui(&self, ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
        let mut command = None;
        if ui.selectable_label(self.verify_open, crate::i18n::tr(lang, Key::NavVerify)).clicked() {
            command = Some(ExportCommand::ToggleVerify.into());
        }
        if ui.selectable_label(self.batch_open, crate::i18n::tr(lang, Key::NavBatch)).clicked() {
            command = Some(ExportCommand::ToggleBatch.into());
        }
        command
    }

    /// Draws the register's entry of the side navigation: 用证台账, with the number of copies
    /// whose usage period ends soon.
    /// `shortcut` names the key that opens it, shown on hover.
    pub fn navigation_ui(&self, ui: &mut egui::Ui, lang: Lang, today: NaiveDate, shortcut: &str) -> Option<Command> {
        let lapsing =
            self.register.iter().filter(|record| (0..=LAPSE_REMINDER_DAYS).contains(&days_left(record, today))).count();
        let label = if lapsing > 0 {
            Message::new(Key::NavRegisterLapsing).arg("count", lapsing).render(lang)
        } else {
            crate::i18n::tr(lang, Key::NavRegister).to_owned()
        };
        let button = egui::Button::selectable(self.register_open, label).min_size(egui::vec2(110.0, 28.0));
        ui.add(button).on_hover_text(shortcut).clicked().then(|| ExportCommand::ToggleRegister.into())
    }

    /// Reloads the register, after the app opened another cache or synced.
    pub fn reload(&mut self, store: Option<&Store>) {
        self.reload_register(store);
    }

    /// Draws the register, verify and batch windows when open. A file dropped on the window
    /// opens the verify view and verifies it.
    pub fn windows_ui(&mut self, ctx: &egui::Context, lang: Lang, today: NaiveDate) -> Vec<Command> {
        let mut commands = Vec::new();
        if let Some(path) = super::take_dropped_file(ctx) {
            self.verify_open = true;
            self.verify_input = path.display().to_string();
            commands.push(ExportCommand::Verify.into());
        }
        if self.register_open {
            let view = RegisterView { lang, records: &self.register, today };
            let (filter, excel_path) = (&mut self.register_filter, &mut self.excel_path);
            egui::Window::new(crate::i18n::tr(lang, Key::NavRegister))
                .default_width(820.0)
                .default_pos(crate::ui::window_position(ctx, 820.0))
                .show(ctx, |ui| {
                    commands.extend(register_ui(ui, &view, filter, excel_path));
                });
        }
        if self.verify_open {
            let (input, verdict) = (&mut self.verify_input, self.verdict.as_ref());
            egui::Window::new(crate::i18n::tr(lang, Key::NavVerify))
                .default_width(520.0)
                .default_pos(crate::ui::window_position(ctx, 520.0))
                .show(ctx, |ui| {
                    commands.extend(verify_ui(ui, lang, input, verdict));
                });
        }
        if self.batch_open {
            let view = BatchView {
                lang,
                running: self.batch_events.is_some(),
                cancelling: self.batch_cancel.as_ref().is_some_and(|cancel| cancel.load(Ordering::Relaxed)),
                progress: self.batch_progress,
                summary: self.batch_summary.as_ref(),
            };
            let form = &mut self.batch_form;
            egui::Window::new(crate::i18n::tr(lang, Key::NavBatch))
                .default_width(520.0)
                .default_pos(crate::ui::window_position(ctx, 520.0))
                .show(ctx, |ui| {
                    commands.extend(batch_ui(ui, &view, form));
                });
        }
        commands
    }

    /// Carries out one command; returns a notice for the app to show, if any.
    pub fn apply(&mut self, command: ExportCommand, context: &DeskContext<'_>) -> Option<Message> {
        match command {
            ExportCommand::OpenForm => {
                self.form = Some(ExportForm::default());
                self.form_problem = None;
            }
            ExportCommand::CloseForm => self.form = None,
            ExportCommand::Submit => self.submit(context),
            ExportCommand::ToggleRegister => {
                self.register_open = !self.register_open;
                self.reload_register(context.store);
            }
            ExportCommand::SaveRegisterExcel => return Some(self.save_excel(context)),
            ExportCommand::ToggleVerify => self.verify_open = !self.verify_open,
            ExportCommand::Verify => self.verify(context),
            ExportCommand::ToggleBatch => self.batch_open = !self.batch_open,
            ExportCommand::StartBatch => self.start_batch(context),
            ExportCommand::CancelBatch => {
                if let Some(cancel) = &self.batch_cancel {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
        }
        None
    }

    /// Records finished background exports in the register; returns the notice to show.
    pub fn poll(&mut self, mut store: Option<&mut Store>, lang: Lang) -> Option<Message> {
        let batch_notice = self.poll_batch(store.as_deref_mut());
        let single_notice = self.poll_single(store, lang);
        single_notice.or(batch_notice)
    }

    fn poll_batch(&mut self, mut store: Option<&mut Store>) -> Option<Message> {
        let events: Vec<BatchEvent> = self.batch_events.as_ref()?.try_iter().collect();
        let mut notice = None;
        for event in events {
            match event {
                BatchEvent::Item { done, total, outcome } => {
                    self.batch_progress = Some(BatchProgress { done, total });
                    match outcome {
                        Ok(record) => {
                            let recorded = store.as_deref_mut().map(|s| s.write(|t| exports::record(t, &record)));
                            if !matches!(recorded, Some(Ok(_))) {
                                warn!(file = %record.file_name, "cannot record a batch export in the register");
                                notice = Some(Message::new(Key::ErrorStore));
                            }
                        }
                        Err(failure) => {
                            warn!(number = %failure.registration_number, error = %failure.error, "batch export failed");
                        }
                    }
                }
                BatchEvent::Finished(summary) => {
                    self.batch_events = None;
                    self.batch_cancel = None;
                    let message = summary_message(summary);
                    self.batch_summary = Some(message.clone());
                    self.reload_register(store.as_deref());
                    notice = notice.or(Some(message));
                }
            }
        }
        notice
    }

    fn poll_single(&mut self, store: Option<&mut Store>, lang: Lang) -> Option<Message> {
        let outcome = self.running.as_ref()?.try_recv().ok()?;
        self.running = None;
        match outcome {
            Ok(record) => {
                let Some(store) = store else { return Some(Message::new(Key::ErrorStore)) };
                if let Err(e) = store.write(|transaction| exports::record(transaction, &record)) {
                    warn!(error = %e, "cannot record an export in the register");
                    return Some(Message::new(Key::ErrorStore));
                }
                self.form = None;
                self.reload_register(Some(store));
                Some(
                    Message::new(Key::ExportDone)
                        .arg("path", &record.file_name)
                        .arg("until", format_date(lang, record.usable_until)),
                )
            }
            Err(error) => {
                self.form_problem = Some(error.message());
                None
            }
        }
    }

    fn submit(&mut self, context: &DeskContext<'_>) {
        let (Some(form), Some(certificate)) = (&self.form, context.certificate) else { return };
        if self.running.is_some() {
            return;
        }
        let purpose = if form.no_purpose { None } else { Some(form.purpose.clone()) };
        if purpose.as_deref().is_some_and(|p| p.trim().is_empty()) {
            self.form_problem = Some(ExportError::PurposeMissing.message());
            return;
        }
        if form.path.trim().is_empty() {
            self.form_problem = Some(Message::new(Key::ExportPathMissing));
            return;
        }
        let request = ExportRequest {
            purpose,
            recipient: Some(form.recipient.clone()).filter(|r| !r.trim().is_empty()),
            full_id: form.full_id,
            exported_on: context.today,
        };
        let job = ExportJob {
            certificate: certificate.clone(),
            request,
            path: PathBuf::from(form.path.trim()),
            data_root: context.data_dir.root().to_path_buf(),
        };
        let (sender, receiver) = channel();
        let ctx = context.ctx.clone();
        let spawned = std::thread::Builder::new().name("certdesk-export".into()).spawn(move || {
            let _ = sender.send(job.run());
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => {
                self.running = Some(receiver);
                self.form_problem = None;
            }
            Err(e) => {
                warn!(error = %e, "cannot start the export thread");
                self.form_problem = Some(Message::new(Key::ExportRenderFailed).arg("detail", e));
            }
        }
    }

    fn start_batch(&mut self, context: &DeskContext<'_>) {
        if self.batch_events.is_some() {
            return;
        }
        let job = match self.batch_job(context) {
            Ok(job) => job,
            Err(problem) => {
                self.batch_summary = Some(problem);
                return;
            }
        };

        let (sender, receiver) = sync_channel(BATCH_REPORTS_IN_FLIGHT);
        let ctx = context.ctx.clone();
        let cancel = Arc::new(AtomicBool::new(false));
        let shared = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("certdesk-batch-export".into())
            .spawn(move || job.run(&sender, &shared, &ctx));
        match spawned {
            Ok(_) => {
                self.batch_events = Some(receiver);
                self.batch_cancel = Some(cancel);
                self.batch_progress = Some(BatchProgress { done: 0, total: 0 });
                self.batch_summary = None;
            }
            Err(e) => {
                warn!(error = %e, "cannot start the batch export thread");
                self.batch_summary = Some(Message::new(Key::ExportRenderFailed).arg("detail", e));
            }
        }
    }

    /// Checks the batch form and reads the certificates to export.
    fn batch_job(&self, context: &DeskContext<'_>) -> Result<BatchJob, Message> {
        let form = &self.batch_form;
        let purpose = if form.no_purpose { None } else { Some(form.purpose.clone()) };
        if purpose.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(ExportError::PurposeMissing.message());
        }
        if form.folder.trim().is_empty() {
            return Err(Message::new(Key::BatchFolderMissing));
        }
        let store = context.store.ok_or_else(|| Message::new(Key::ErrorStore))?;
        let certificates = store.read(crate::store::certificates::load_all).map_err(|e| {
            warn!(error = %e, "cannot read certificates for a batch export");
            Message::new(Key::ErrorStore)
        })?;

        let request = ExportRequest {
            purpose,
            recipient: Some(form.recipient.clone()).filter(|r| !r.trim().is_empty()),
            full_id: false,
            exported_on: context.today,
        };
        Ok(BatchJob {
            certificates,
            request,
            folder: PathBuf::from(form.folder.trim()),
            format: if form.png { CopyFormat::Png } else { CopyFormat::Pdf },
            data_root: context.data_dir.root().to_path_buf(),
        })
    }

    fn reload_register(&mut self, store: Option<&Store>) {
        let Some(store) = store else { return };
        match store.read(exports::list) {
            Ok(records) => self.register = records,
            Err(e) => warn!(error = %e, "cannot read the export register"),
        }
    }

    /// Writes the register to the typed path, or to `DATA/exports/用证台账-YYYYMMDD.xlsx` when
    /// none was typed.
    fn save_excel(&self, context: &DeskContext<'_>) -> Message {
        let typed = self.excel_path.trim();
        let path = if typed.is_empty() {
            let date = context.today.format("%Y%m%d");
            context.data_dir.root().join("exports").join(format!("用证台账-{date}.xlsx"))
        } else {
            PathBuf::from(typed)
        };
        let bytes = match register_excel::register_workbook(&self.register, context.lang) {
            Ok(bytes) => bytes,
            Err(e) => {
                warn!(error = %e, "cannot build the register workbook");
                return Message::new(Key::CliWriteFile).arg("path", path.display()).key_arg("detail", Key::IoOther);
            }
        };
        let written = match path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
            Some(folder) => std::fs::create_dir_all(folder),
            None => Ok(()),
        }
        .and_then(|()| crate::account::profile::write_atomically(&path, &bytes));
        match written {
            Ok(()) => Message::new(Key::RegisterExcelDone).arg("path", path.display()),
            Err(e) => {
                warn!(error = %e, "cannot write the register workbook");
                Message::new(Key::CliWriteFile).arg("path", path.display()).io_arg("detail", &e)
            }
        }
    }

    fn verify(&mut self, context: &DeskContext<'_>) {
        let issuer = match IssuerKey::load_or_create(context.data_dir.root()) {
            Ok(issuer) => issuer,
            Err(e) => {
                self.verdict = Some((ExportError::from(e).message(), false));
                return;
            }
        };
        let trusted = TrustedKeys::load(context.data_dir.root(), &issuer).unwrap_or_default();
        let store = context.store;
        let latest_version =
            |id: &str| store.and_then(|store| store.read(|c| exports::latest_version(c, id)).ok().flatten());
        let verify_context = VerifyContext { trusted: &trusted, today: context.today, latest_version: &latest_version };

        let input = self.verify_input.trim();
        let path = Path::new(input);
        let outcome =
            if path.is_file() { verify_file(path, &verify_context) } else { verify_text(input, &verify_context) };
        self.verdict = Some(match outcome {
            Ok(verification) => {
                (verdict_message(&verification, context.lang), verification.verdict == Verdict::Genuine)
            }
            Err(error) => (error.message(), false),
        });
    }
}

/// A batch export to run on a thread, reporting each certificate through a channel.
struct BatchJob {
    certificates: Vec<Certificate>,
    request: ExportRequest,
    folder: PathBuf,
    format: CopyFormat,
    data_root: PathBuf,
}

impl BatchJob {
    /// Exports every current certificate, reporting each through `sender`. Stops before the
    /// next certificate once `cancel` is set or the window has dropped the receiver.
    fn run(self, sender: &SyncSender<BatchEvent>, cancel: &AtomicBool, ctx: &egui::Context) {
        let finish = |summary| {
            ctx.request_repaint();
            let _ = sender.send(BatchEvent::Finished(summary));
        };
        let prepared = IssuerKey::load_or_create(&self.data_root).map_err(ExportError::from).and_then(|issuer| {
            std::fs::create_dir_all(&self.folder)
                .map_err(|source| ExportError::Write { path: self.folder.clone(), source })
                .map(|()| issuer)
        });
        let current = current_versions(&self.certificates);
        let issuer = match prepared {
            Ok(issuer) => issuer,
            Err(error) => {
                warn!(%error, "batch export cannot start");
                finish(BatchSummary { written: 0, failed: current.len(), skipped: 0 });
                return;
            }
        };
        let options = BatchOptions {
            request: &self.request,
            folder: &self.folder,
            format: self.format,
            issuer: &issuer,
            source: ExportSource::Gui,
        };
        let summary = export_all(&current, &options, cancel, |done, total, outcome| {
            // Wake the window first: the send waits until it has taken the previous report.
            ctx.request_repaint();
            if sender.send(BatchEvent::Item { done, total, outcome }).is_err() {
                cancel.store(true, Ordering::Relaxed);
            }
        });
        finish(summary);
    }
}

/// Describes a finished batch: the counts, and for a cancelled one how many were not exported.
fn summary_message(summary: BatchSummary) -> Message {
    let key = if summary.skipped > 0 { Key::BatchCancelled } else { Key::BatchSummary };
    Message::new(key).arg("written", summary.written).arg("failed", summary.failed).arg("skipped", summary.skipped)
}

/// One export to run on a thread: everything but the register write, which needs the store.
struct ExportJob {
    certificate: Certificate,
    request: ExportRequest,
    path: PathBuf,
    data_root: PathBuf,
}

impl ExportJob {
    fn run(self) -> Result<ExportRecord, ExportError> {
        let issuer = IssuerKey::load_or_create(&self.data_root)?;
        export_one(&self.certificate, self.request, &self.path, &issuer, ExportSource::Gui, Utc::now())
    }
}
