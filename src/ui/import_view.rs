//! The import view (导入): choose 社保 or 公积金, give a file path, read the preview of rows
//! understood and rows rejected, and confirm. Nothing is written before the confirmation.
//! Reading and writing show their row counts with a 取消 button.

use egui_extras::{Column, TableBuilder};

use super::{Command, theme};
use crate::domain::records::{PaymentKind, YearMonth};
use crate::i18n::{Key, Lang, Message, tr};
use crate::import::Preview;

/// 24 points: one line of text with padding.
const ROW_HEIGHT: f32 = 24.0;

/// 260 points: each table's height, so both stay on screen with a long file.
const TABLE_HEIGHT: f32 = 260.0;

/// 420 points: the progress bar's width, room for a row count in either language.
const PROGRESS_WIDTH: f32 = 420.0;

/// The kind and file path the user entered, kept between frames.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportForm {
    /// Social security or housing fund.
    pub kind: PaymentKind,
    /// The file path as typed or pasted.
    pub path: String,
}

impl Default for ImportForm {
    fn default() -> Self {
        Self { kind: PaymentKind::SocialSecurity, path: String::new() }
    }
}

/// A preview or write running on a background thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobView {
    /// Whether the confirmed rows are being written; otherwise the file is being read.
    pub writing: bool,
    /// Rows checked or written so far.
    pub done: usize,
    /// Rows to check or write; 0 while the file itself is still being read.
    pub total: usize,
    /// Whether the user has cancelled and the thread has not stopped yet.
    pub cancelling: bool,
}

/// Data the import view draws.
pub struct ImportView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// The preview or write running, if any.
    pub running: Option<JobView>,
    /// The preview of the last file read.
    pub preview: Option<&'a Preview>,
    /// The reason the last file could not be read.
    pub error: Option<&'a Message>,
}

/// Draws the import view; returns a preview request, a confirmation or a way back.
pub fn import_ui(ui: &mut egui::Ui, view: &ImportView<'_>, form: &mut ImportForm) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    ui.horizontal(|ui| {
        ui.heading(tr(lang, Key::ImportTitle));
        if ui.button(tr(lang, Key::ImportBack)).clicked() {
            command = Some(Command::CloseImport);
        }
    });
    ui.horizontal(|ui| {
        for (kind, key) in [
            (PaymentKind::SocialSecurity, Key::ImportKindSocialSecurity),
            (PaymentKind::HousingFund, Key::ImportKindHousingFund),
        ] {
            ui.radio_value(&mut form.kind, kind, tr(lang, key));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, Key::ImportFilePath));
        ui.add(
            egui::TextEdit::singleline(&mut form.path).hint_text(tr(lang, Key::ImportFileHint)).desired_width(520.0),
        )
        .labelled_by(label.id);
        let ready = view.running.is_none() && !form.path.trim().is_empty();
        if ui.add_enabled(ready, egui::Button::new(tr(lang, Key::ImportPreview))).clicked() {
            command = Some(Command::PreviewImport { kind: form.kind, path: form.path.trim().to_owned() });
        }
    });
    ui.separator();

    if let Some(job) = view.running {
        command = job_ui(ui, lang, job).or(command);
    } else if let Some(error) = view.error {
        ui.colored_label(theme::OFFLINE.on(ui), error.render(lang));
    } else if let Some(preview) = view.preview {
        command = preview_ui(ui, lang, preview).or(command);
    }
    command
}

/// Draws the running job's progress bar and its 取消 button.
fn job_ui(ui: &mut egui::Ui, lang: Lang, job: JobView) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        let text = match (job.total, job.writing) {
            (0, false) => tr(lang, Key::ImportReading).to_owned(),
            (0, true) => tr(lang, Key::ImportWriting).to_owned(),
            (total, writing) => {
                let key = if writing { Key::ImportWritingCount } else { Key::ImportChecking };
                Message::new(key).arg("done", job.done).arg("total", total).render(lang)
            }
        };
        // One bar of fixed width in both phases, so the 取消 button never moves under the pointer.
        let fraction = super::progress_fraction(job.done, job.total);
        ui.add(egui::ProgressBar::new(fraction).text(text).desired_width(PROGRESS_WIDTH));
        if job.cancelling {
            ui.label(tr(lang, Key::ImportCancelling));
        } else if ui.button(tr(lang, Key::Cancel)).clicked() {
            command = Some(Command::CancelImport);
        }
        if job.total == 0 {
            ui.spinner();
        }
    });
    command
}

fn preview_ui(ui: &mut egui::Ui, lang: Lang, preview: &Preview) -> Option<Command> {
    let mut command = None;
    let summary = Message::new(Key::ImportSummary)
        .arg("format", preview.format.label())
        .arg("sheet", preview.sheet.as_deref().unwrap_or("CSV"))
        .arg("header_row", preview.header_row)
        .arg("accepted", preview.accepted.len())
        .arg("rejected", preview.rejected.len());
    ui.label(summary.render(lang));
    let confirm = Message::new(Key::ImportConfirm).arg("count", preview.accepted.len()).render(lang);
    if ui.add_enabled(!preview.accepted.is_empty(), egui::Button::new(confirm)).clicked() {
        command = Some(Command::ConfirmImport);
    }
    ui.add_space(6.0);

    ui.strong(tr(lang, Key::ImportAccepted));
    ui.push_id("import-accepted", |ui| accepted_table_ui(ui, lang, preview));
    ui.add_space(6.0);
    ui.strong(tr(lang, Key::ImportRejected));
    ui.push_id("import-rejected", |ui| rejected_table_ui(ui, lang, preview));
    command
}

fn accepted_table_ui(ui: &mut egui::Ui, lang: Lang, preview: &Preview) {
    header_table(ui)
        .column(Column::auto().at_least(48.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(150.0))
        .column(Column::auto().at_least(220.0))
        .column(Column::remainder().at_least(200.0))
        .header(ROW_HEIGHT, |mut header| {
            for key in [Key::ImportColRow, Key::ColName, Key::ColIdNumber, Key::ImportColUnit, Key::ImportColMonths] {
                header.col(|ui| {
                    ui.strong(tr(lang, key));
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, preview.accepted.len(), |mut row| {
                let accepted = &preview.accepted[row.index()];
                let record = &accepted.record;
                row.col(|ui| {
                    ui.label(accepted.row.to_string());
                });
                row.col(|ui| {
                    ui.label(&record.name);
                });
                row.col(|ui| {
                    ui.label(record.id_number.masked());
                });
                row.col(|ui| {
                    ui.label(format!("{} {}", record.unit_name, record.unit_credit_code));
                });
                row.col(|ui| {
                    ui.label(month_span(lang, &record.months));
                });
            });
        });
}

fn rejected_table_ui(ui: &mut egui::Ui, lang: Lang, preview: &Preview) {
    header_table(ui)
        .column(Column::auto().at_least(48.0))
        .column(Column::remainder().at_least(400.0))
        .header(ROW_HEIGHT, |mut header| {
            for key in [Key::ImportColRow, Key::ImportColReason] {
                header.col(|ui| {
                    ui.strong(tr(lang, key));
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, preview.rejected.len(), |mut row| {
                let rejected = &preview.rejected[row.index()];
                row.col(|ui| {
                    ui.label(rejected.row.to_string());
                });
                row.col(|ui| {
                    ui.label(rejected.reason(lang));
                });
            });
        });
}

fn header_table(ui: &mut egui::Ui) -> TableBuilder<'_> {
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    TableBuilder::new(ui).striped(true).min_scrolled_height(0.0).max_scroll_height(TABLE_HEIGHT)
}

/// Writes the months as one month, or the first and last with the count.
fn month_span(lang: Lang, months: &[YearMonth]) -> String {
    match months {
        [] => String::new(),
        [month] => month.to_string(),
        [first, .., last] => Message::new(Key::ImportMonthSpan)
            .arg("from", first)
            .arg("to", last)
            .arg("count", months.len())
            .render(lang),
    }
}
