//! The export views: the 导出 PDF form under a certificate's face, the export register
//! (用证台账) with its filter and lapse reminder, and the 验证 view.

use chrono::NaiveDate;
use egui::RichText;

use super::{Command, theme};
use crate::domain::time::china_date;
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::store::exports::ExportRecord;

/// 14 days: copies whose usage period ends within this window are listed as lapsing soon.
pub const LAPSE_REMINDER_DAYS: i64 = 14;

/// A request from the export views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportCommand {
    /// Open the export form for the certificate in the detail view.
    OpenForm,
    /// Close the export form.
    CloseForm,
    /// Export with the form's current values.
    Submit,
    /// Show or hide the export register.
    ToggleRegister,
    /// Write the register to the Excel file at the path typed.
    SaveRegisterExcel,
    /// Show or hide the verify view.
    ToggleVerify,
    /// Show or hide the batch export view.
    ToggleBatch,
    /// Export every current certificate with the batch form's values.
    StartBatch,
    /// Stop the running batch before its next certificate.
    CancelBatch,
    /// Verify the pasted QR text or file path.
    Verify,
}

impl From<ExportCommand> for Command {
    fn from(command: ExportCommand) -> Self {
        Self::Export(command)
    }
}

/// The values typed into the export form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportForm {
    /// Purpose (加注).
    pub purpose: String,
    /// The explicit choice to export without a purpose.
    pub no_purpose: bool,
    /// Recipient.
    pub recipient: String,
    /// Print the full ID number.
    pub full_id: bool,
    /// Path of the file to write: a `.png` name writes the PNG face, any other a PDF.
    pub path: String,
}

/// Draws the export form; `busy` disables it while a copy is being written.
pub fn export_form_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    form: &mut ExportForm,
    busy: bool,
    problem: Option<&Message>,
) -> Option<Command> {
    let mut command = None;
    ui.group(|ui| {
        ui.strong(tr(lang, Key::ExportPdfAction));
        ui.add_enabled_ui(!busy, |ui| {
            egui::Grid::new("export-form").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
                labelled_edit(
                    ui,
                    tr(lang, Key::ExportPurposeLabel),
                    &mut form.purpose,
                    tr(lang, Key::ExportPurposeHint),
                    !form.no_purpose,
                );
                ui.label("");
                ui.checkbox(&mut form.no_purpose, tr(lang, Key::ExportNoPurposeChoice));
                ui.end_row();
                labelled_edit(ui, tr(lang, Key::ExportRecipientLabel), &mut form.recipient, "", true);
                ui.label("");
                ui.checkbox(&mut form.full_id, tr(lang, Key::ExportFullIdChoice));
                ui.end_row();
                labelled_edit(ui, tr(lang, Key::ExportPathLabel), &mut form.path, tr(lang, Key::ExportPathHint), true);
            });
            ui.horizontal(|ui| {
                if ui.button(tr(lang, Key::ExportSubmit)).clicked() {
                    command = Some(ExportCommand::Submit.into());
                }
                if ui.button(tr(lang, Key::Cancel)).clicked() {
                    command = Some(ExportCommand::CloseForm.into());
                }
            });
        });
        if busy {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr(lang, Key::ExportRunning));
            });
        }
        if let Some(problem) = problem {
            ui.colored_label(theme::EXPIRED.on(ui), problem.render(lang));
        }
    });
    command
}

fn labelled_edit(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str, enabled: bool) {
    let label = ui.label(label);
    ui.add_enabled(enabled, egui::TextEdit::singleline(text).hint_text(hint).desired_width(280.0))
        .labelled_by(label.id);
    ui.end_row();
}

/// The values typed into the batch export form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchForm {
    /// Purpose (加注) printed on every copy.
    pub purpose: String,
    /// The explicit choice to export without a purpose.
    pub no_purpose: bool,
    /// Recipient printed on every copy.
    pub recipient: String,
    /// Folder to write the files into.
    pub folder: String,
    /// Write PNG images instead of PDFs.
    pub png: bool,
}

/// Progress of a running or finished batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchProgress {
    /// Certificates handled so far.
    pub done: usize,
    /// Certificates in the batch.
    pub total: usize,
}

/// The state of the batch export that its window draws.
pub struct BatchView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Whether the batch thread is running.
    pub running: bool,
    /// Whether the user has cancelled and the thread has not stopped yet.
    pub cancelling: bool,
    /// Progress of the running or last batch.
    pub progress: Option<BatchProgress>,
    /// The last batch's summary, or why it could not start.
    pub summary: Option<&'a Message>,
}

/// Draws the batch export form, its progress bar with a 取消 button while it runs and its
/// summary when done.
pub fn batch_ui(ui: &mut egui::Ui, view: &BatchView<'_>, form: &mut BatchForm) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    ui.add_enabled_ui(!view.running, |ui| {
        egui::Grid::new("batch-form").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            labelled_edit(
                ui,
                tr(lang, Key::ExportPurposeLabel),
                &mut form.purpose,
                tr(lang, Key::ExportPurposeHint),
                !form.no_purpose,
            );
            ui.label("");
            ui.checkbox(&mut form.no_purpose, tr(lang, Key::ExportNoPurposeChoice));
            ui.end_row();
            labelled_edit(ui, tr(lang, Key::ExportRecipientLabel), &mut form.recipient, "", true);
            labelled_edit(ui, tr(lang, Key::BatchFolderLabel), &mut form.folder, "", true);
            ui.label("");
            ui.checkbox(&mut form.png, tr(lang, Key::BatchPngChoice));
            ui.end_row();
        });
        if ui.button(tr(lang, Key::BatchStart)).clicked() {
            command = Some(ExportCommand::StartBatch.into());
        }
    });
    if let Some(progress) = view.progress {
        let fraction = super::progress_fraction(progress.done, progress.total);
        let text = Message::new(Key::BatchCount).arg("done", progress.done).arg("total", progress.total).render(lang);
        ui.horizontal(|ui| {
            ui.add(egui::ProgressBar::new(fraction).text(text).desired_width(360.0));
            if view.cancelling {
                ui.label(tr(lang, Key::BatchCancelling));
            } else if view.running && ui.button(tr(lang, Key::Cancel)).clicked() {
                command = Some(ExportCommand::CancelBatch.into());
            }
        });
    }
    if let Some(summary) = view.summary {
        ui.label(summary.render(lang));
    }
    command
}

/// The data the register view draws.
pub struct RegisterView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Every recorded export, newest first.
    pub records: &'a [ExportRecord],
    /// The as-of day for the lapse reminder.
    pub today: NaiveDate,
}

/// Returns the days from `today` to a copy's last usable day (negative once it has lapsed).
pub fn days_left(record: &ExportRecord, today: NaiveDate) -> i64 {
    (record.usable_until - today).num_days()
}

/// Tells whether a record matches the filter text (name, number, purpose, recipient or file).
pub fn matches_filter(record: &ExportRecord, filter: &str) -> bool {
    let filter = filter.trim();
    filter.is_empty()
        || [
            record.holder_name.as_str(),
            record.registration_number.as_str(),
            record.purpose.as_deref().unwrap_or_default(),
            record.recipient.as_deref().unwrap_or_default(),
            record.file_name.as_str(),
        ]
        .iter()
        .any(|field| field.contains(filter))
}

/// Draws the register with its filter, lapse reminder and Excel export.
pub fn register_ui(
    ui: &mut egui::Ui,
    view: &RegisterView<'_>,
    filter: &mut String,
    excel_path: &mut String,
) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;

    let lapsing = view.records.iter().filter(|r| (0..=LAPSE_REMINDER_DAYS).contains(&days_left(r, view.today))).count();
    if lapsing > 0 {
        ui.colored_label(
            theme::EXPIRING.on(ui),
            Message::new(Key::RegisterLapsingSoon).arg("count", lapsing).render(lang),
        );
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, Key::RegisterFilter));
        ui.add(egui::TextEdit::singleline(filter).hint_text(tr(lang, Key::RegisterFilterHint)).desired_width(320.0))
            .labelled_by(label.id);
    });

    let rows: Vec<&ExportRecord> = view.records.iter().filter(|r| matches_filter(r, filter)).collect();
    if view.records.is_empty() {
        ui.label(tr(lang, Key::ExportsEmpty));
    }
    egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
        egui::Grid::new("export-register").num_columns(7).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            for key in [
                Key::RegisterColExportedOn,
                Key::ColName,
                Key::ColRegNo,
                Key::RegisterColPurpose,
                Key::RegisterColRecipient,
                Key::RegisterColFile,
                Key::RegisterColUsableUntil,
            ] {
                ui.strong(tr(lang, key));
            }
            ui.end_row();
            for record in rows {
                register_row_ui(ui, lang, record, view.today);
            }
        });
    });

    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, Key::RegisterExcelPath));
        ui.add(egui::TextEdit::singleline(excel_path).desired_width(280.0)).labelled_by(label.id);
        if ui.button(tr(lang, Key::RegisterExcelExport)).clicked() {
            command = Some(ExportCommand::SaveRegisterExcel.into());
        }
    });
    command
}

fn register_row_ui(ui: &mut egui::Ui, lang: Lang, record: &ExportRecord, today: NaiveDate) {
    ui.label(format_date(lang, china_date(record.exported_at)));
    ui.label(&record.holder_name);
    ui.label(format!("{} · v{}", record.registration_number, record.version));
    ui.label(record.purpose.as_deref().unwrap_or(tr(lang, Key::ExportNoPurpose)));
    ui.label(record.recipient.as_deref().unwrap_or(tr(lang, Key::ExportNoRecipient)));
    ui.label(&record.file_name);
    let days = days_left(record, today);
    let until = format_date(lang, record.usable_until);
    if days < 0 {
        ui.label(RichText::new(format!("{until} · {}", tr(lang, Key::RegisterLapsed))).color(theme::EXPIRED.on(ui)));
    } else if days <= LAPSE_REMINDER_DAYS {
        let left = Message::new(Key::RegisterLapsesIn).arg("days", days).render(lang);
        ui.label(RichText::new(format!("{until} · {left}")).color(theme::EXPIRING.on(ui)));
    } else {
        ui.label(until);
    }
    ui.end_row();
}

/// Draws the verify view: one field for QR text or a file path, and the last verdict.
pub fn verify_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    input: &mut String,
    verdict: Option<&(Message, bool)>,
) -> Option<Command> {
    let mut command = None;
    let label = ui.label(tr(lang, Key::VerifyInputLabel));
    ui.add(egui::TextEdit::multiline(input).desired_rows(3).desired_width(f32::INFINITY)).labelled_by(label.id);
    if ui.button(tr(lang, Key::VerifyAction)).clicked() {
        command = Some(ExportCommand::Verify.into());
    }
    if let Some((message, genuine)) = verdict {
        let colour = if *genuine { theme::VALID } else { theme::EXPIRED };
        ui.label(RichText::new(message.render(lang)).color(colour.on(ui)).strong());
    }
    command
}
