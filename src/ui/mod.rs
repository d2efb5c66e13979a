//! Drawing: views that read plain data and return what the user asked for as a [`Command`].
//!
//! Nothing here keeps a database connection or an HTTP client; `app` carries commands out.

pub mod applications_view;
pub mod certificate_detail;
pub mod certificate_list;
pub mod compliance_view;
pub mod exports;
pub mod fonts;
pub mod images;
pub mod import_view;
pub mod keyboard;
pub mod list_query;
pub mod pinyin_order;
pub mod settings_view;
pub mod status_bar;
pub mod theme;
pub mod timeline;
pub mod welcome_view;

use crate::domain::records::PaymentKind;
use crate::i18n::Lang;
use crate::platform::wire::Role;

/// Draws the language buttons at the right end of a row, each in its own language; returns the
/// language the user picked.
pub fn language_switch(ui: &mut egui::Ui, lang: Lang) -> Option<Command> {
    let mut command = None;
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        for other in Lang::ALL.into_iter().rev() {
            if ui.selectable_label(lang == other, other.native_name()).clicked() {
                command = Some(Command::SetLanguage(other));
            }
        }
    });
    command
}

/// Returns where a floating window of `width` points opens: centred across the window, a sixth
/// of the way down, clear of the status line and the side navigation. The top left corner is
/// fixed, so the window grows downwards as its content does, instead of moving.
pub fn window_position(ctx: &egui::Context, width: f32) -> egui::Pos2 {
    let screen = ctx.content_rect();
    egui::pos2((screen.center().x - width / 2.0).max(screen.left()), screen.top() + screen.height() / 6.0)
}

/// The pages of the side navigation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Page {
    /// 我的证书 / 人员花名册
    #[default]
    Certificates,
    /// 合规检查
    Compliance,
    /// 导入
    Import,
    /// 变更申请
    Applications,
    /// 设置
    Settings,
}

/// A user request from one frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start a sync now.
    Sync,
    /// Stop the running sync; pages already committed stay.
    CancelSync,
    /// Sign in with the password typed in the top bar, then sync.
    SignIn,
    /// Open one certificate version in the detail view.
    Select {
        /// Certificate id.
        certificate_id: String,
        /// Version.
        version: u32,
    },
    /// Show or hide the full ID number in the detail view.
    ToggleFullId,
    /// Switch the interface language.
    SetLanguage(Lang),
    /// Switch the demo platform between its holder and unit accounts.
    SwitchDemoRole(Role),
    /// Dismiss the notice.
    DismissNotice,
    /// Show another page.
    Navigate(Page),
    /// Run the compliance rules again.
    RunChecks,
    /// Show the evidence of one finding (index into the findings list).
    SelectFinding(usize),
    /// Write the findings to an Excel file.
    ExportFindings {
        /// The file path as typed.
        path: String,
    },
    /// Record the unit the holder really works for.
    DeclareEmployer(String),
    /// Save the report draft as a text file in the data folder.
    SaveReport,
    /// Switch the report draft between the masked and the full ID number.
    ToggleReportId,
    /// Change the reminder windows of the compliance rules.
    SetReminderWindows {
        /// Days before a specialty expires at which C09 starts.
        expiry_days: i64,
        /// Days before an exported copy lapses at which C10 starts.
        copy_days: i64,
    },
    /// Show the import view.
    OpenImport,
    /// Leave the import view for the certificates.
    CloseImport,
    /// Read a roster file into a preview, on a background thread.
    PreviewImport {
        /// Social security or housing fund.
        kind: PaymentKind,
        /// The file path as the user gave it.
        path: String,
    },
    /// Write the previewed rows into the cache.
    ConfirmImport,
    /// Stop reading the file or writing its rows; a write is rolled back whole.
    CancelImport,
    /// Export a copy, read the export register or verify a copy.
    Export(exports::ExportCommand),
    /// Choose the exemption's evidence file in the native file dialog.
    PickExemptionEvidence,
    /// Record an exemption with its evidence file, then sync.
    RecordExemption {
        /// The person's ID number.
        id_number: String,
        /// Which exemption.
        kind: crate::domain::records::ExemptionKind,
        /// Path of the evidence file.
        evidence: String,
        /// A note for the reviewer.
        note: String,
    },
    /// Start from the first-run screen with the chosen role and platform.
    Start,
    /// Change a setting or manage the local data.
    Settings(settings_view::SettingsCommand),
    /// Work on an application.
    Application(applications_view::ApplicationCommand),
}

/// Returns the part of a job done, from 0 to 1, for a progress bar; 0 while the total is unknown.
pub fn progress_fraction(done: usize, total: usize) -> f32 {
    if total == 0 {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "a progress bar needs no exactness")]
    let fraction = done as f32 / total as f32;
    fraction.min(1.0)
}
