//! The settings page (设置): language, theme, zoom, reminder windows, the renderer, the platform's
//! network settings, the data folder with "export my data" and "delete my data", and the about
//! section with the version and the folders.

use serde::{Deserialize, Serialize};

use super::Command;
pub use crate::account::settings::RendererChoice;
use crate::i18n::{Key, Lang, Message, tr};

/// Colour theme choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl ThemeChoice {
    /// Returns egui's preference for the choice.
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// A request from the settings page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsCommand {
    /// Change the colour theme.
    Theme(ThemeChoice),
    /// Change the zoom, in percent.
    Zoom(u16),
    /// Change the renderer used from the next start.
    Renderer(RendererChoice),
    /// Save the proxy and the extra CA certificate of the configured platform.
    SaveNetwork,
    /// Copy the cache and the materials into a folder.
    ExportData,
    /// Ask to delete the account's local data.
    AskDelete,
    /// Delete the account's local data after the confirmation.
    ConfirmDelete,
    /// Keep the data after all.
    CancelDelete,
    /// Sign out of the configured platform, deleting the cache too when the box is ticked.
    SignOut,
    /// Move the data folder to the folder typed.
    MoveData,
    /// Stop a running move; the old folder stays as it was.
    CancelMove,
}

impl From<SettingsCommand> for Command {
    fn from(command: SettingsCommand) -> Self {
        Command::Settings(command)
    }
}

/// The fields of the page as typed, kept between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsForm {
    /// Days before a specialty expires at which the reminder starts.
    pub expiry_days: i64,
    /// Days before a copy's usage period ends at which the reminder starts.
    pub copy_days: i64,
    /// Proxy URL; empty for the system settings.
    pub proxy: String,
    /// Path of an extra CA certificate to trust; empty for none.
    pub extra_ca: String,
    /// Folder to export the data to.
    pub export_folder: String,
    /// Whether the delete confirmation shows.
    pub confirm_delete: bool,
    /// Folder to move the data folder to.
    pub move_target: String,
    /// Whether signing out deletes the account's cache too.
    pub sign_out_deletes_cache: bool,
}

/// The data the page shows besides the form.
pub struct SettingsView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Current theme.
    pub theme: ThemeChoice,
    /// Current zoom, in percent.
    pub zoom: u16,
    /// The system's text-size factor, which multiplies the zoom.
    pub system_text_scale: f32,
    /// Renderer from the next start.
    pub renderer: RendererChoice,
    /// Platform name and URL; `None` for the demo platform.
    pub platform: Option<(&'a str, &'a str)>,
    /// The data folder.
    pub data_folder: &'a str,
    /// The log folder.
    pub log_folder: &'a str,
    /// The cache file of the account.
    pub cache_file: &'a str,
    /// Files copied and to copy, while the data folder moves.
    pub moving: Option<(usize, usize)>,
}

/// 80 % to 200 %: the zoom range, from dense to large text.
const ZOOM_RANGE: std::ops::RangeInclusive<u16> = 80..=200;

/// Draws the page; edits the form in place and returns a request.
#[expect(clippy::too_many_lines, reason = "one page of sections, drawn top to bottom as the user reads it")]
pub fn settings_ui(ui: &mut egui::Ui, view: &SettingsView<'_>, form: &mut SettingsForm) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.heading(tr(lang, Key::NavSettings));
        ui.add_space(6.0);

        ui.strong(tr(lang, Key::SettingsAppearance));
        ui.horizontal(|ui| {
            ui.label(tr(lang, Key::SettingsLanguage));
            for other in Lang::ALL {
                if ui.radio(lang == other, other.native_name()).clicked() {
                    command = Some(Command::SetLanguage(other));
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label(tr(lang, Key::SettingsTheme));
            for (choice, key) in [
                (ThemeChoice::System, Key::ThemeSystem),
                (ThemeChoice::Light, Key::ThemeLight),
                (ThemeChoice::Dark, Key::ThemeDark),
            ] {
                if ui.radio(view.theme == choice, tr(lang, key)).clicked() {
                    command = Some(SettingsCommand::Theme(choice).into());
                }
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, Key::SettingsZoom));
            let mut zoom = view.zoom;
            let slider = egui::Slider::new(&mut zoom, ZOOM_RANGE).step_by(10.0).suffix("%");
            if ui.add(slider).labelled_by(label.id).changed() {
                command = Some(SettingsCommand::Zoom(zoom).into());
            }
        });
        if (view.system_text_scale - 1.0).abs() > f32::EPSILON {
            let percent = (view.system_text_scale * 100.0).round();
            ui.label(Message::new(Key::SettingsSystemTextScale).arg("percent", percent).render(lang));
        }
        ui.separator();

        ui.strong(tr(lang, Key::SettingsReminders));
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, Key::ExpiryWindow));
            let days = tr(lang, Key::DaysSuffix);
            ui.add(egui::DragValue::new(&mut form.expiry_days).range(super::compliance_view::WINDOW_DAYS).suffix(days))
                .labelled_by(label.id);
            let label = ui.label(tr(lang, Key::CopyWindow));
            ui.add(egui::DragValue::new(&mut form.copy_days).range(super::compliance_view::WINDOW_DAYS).suffix(days))
                .labelled_by(label.id);
            if ui.button(tr(lang, Key::SettingsApply)).clicked() {
                command =
                    Some(Command::SetReminderWindows { expiry_days: form.expiry_days, copy_days: form.copy_days });
            }
        });
        ui.separator();

        ui.strong(tr(lang, Key::SettingsRenderer));
        ui.horizontal(|ui| {
            for (choice, key) in
                [(RendererChoice::Automatic, Key::RendererAutomatic), (RendererChoice::OpenGl, Key::RendererOpenGl)]
            {
                if ui.radio(view.renderer == choice, tr(lang, key)).clicked() {
                    command = Some(SettingsCommand::Renderer(choice).into());
                }
            }
        });
        ui.label(tr(lang, Key::SettingsRendererHint));
        ui.separator();

        ui.strong(tr(lang, Key::SettingsPlatform));
        match view.platform {
            Some((name, url)) => {
                ui.label(format!("{name} · {url}"));
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, Key::SettingsProxy));
                    ui.add(
                        egui::TextEdit::singleline(&mut form.proxy)
                            .hint_text("http://proxy.example:3128")
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, Key::SettingsExtraCa));
                    ui.add(egui::TextEdit::singleline(&mut form.extra_ca).desired_width(300.0)).labelled_by(label.id);
                });
                if ui.button(tr(lang, Key::SettingsSaveNetwork)).clicked() {
                    command = Some(SettingsCommand::SaveNetwork.into());
                }
                ui.horizontal(|ui| {
                    ui.checkbox(&mut form.sign_out_deletes_cache, tr(lang, Key::SignOutDeleteCache));
                    if ui.button(tr(lang, Key::SignOut)).clicked() {
                        command = Some(SettingsCommand::SignOut.into());
                    }
                });
            }
            None => {
                ui.label(tr(lang, Key::SettingsDemoPlatform));
            }
        }
        ui.separator();

        ui.strong(tr(lang, Key::SettingsData));
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, Key::SettingsExportFolder));
            ui.add(egui::TextEdit::singleline(&mut form.export_folder).desired_width(360.0)).labelled_by(label.id);
            let ready = !form.export_folder.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new(tr(lang, Key::SettingsExportData))).clicked() {
                command = Some(SettingsCommand::ExportData.into());
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, Key::SettingsMoveTarget));
            ui.add(egui::TextEdit::singleline(&mut form.move_target).desired_width(360.0)).labelled_by(label.id);
            if let Some((done, total)) = view.moving {
                #[expect(clippy::cast_precision_loss, reason = "a progress fraction needs no exactness")]
                let fraction = if total == 0 { 1.0 } else { done as f32 / total as f32 };
                let text = Message::new(Key::MoveProgress).arg("done", done).arg("total", total).render(lang);
                ui.add(egui::ProgressBar::new(fraction).desired_width(180.0).text(text));
                if ui.button(tr(lang, Key::MoveCancel)).clicked() {
                    command = Some(SettingsCommand::CancelMove.into());
                }
            } else {
                let ready = !form.move_target.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new(tr(lang, Key::SettingsMoveData))).clicked() {
                    command = Some(SettingsCommand::MoveData.into());
                }
            }
        });
        ui.label(tr(lang, Key::SettingsMoveHint));
        if form.confirm_delete {
            ui.label(tr(lang, Key::SettingsDeleteQuestion));
            ui.horizontal(|ui| {
                if ui.button(tr(lang, Key::SettingsDeleteConfirm)).clicked() {
                    command = Some(SettingsCommand::ConfirmDelete.into());
                }
                if ui.button(tr(lang, Key::SettingsDeleteCancel)).clicked() {
                    command = Some(SettingsCommand::CancelDelete.into());
                }
            });
        } else if ui.button(tr(lang, Key::SettingsDeleteData)).clicked() {
            command = Some(SettingsCommand::AskDelete.into());
        }
        ui.separator();

        ui.strong(tr(lang, Key::SettingsAbout));
        ui.label(Message::new(Key::AboutVersion).arg("version", env!("CARGO_PKG_VERSION")).render(lang));
        ui.label(Message::new(Key::AboutDataFolder).arg("path", view.data_folder).render(lang));
        ui.label(Message::new(Key::AboutLogFolder).arg("path", view.log_folder).render(lang));
        ui.label(Message::new(Key::AboutCacheFile).arg("path", view.cache_file).render(lang));
    });
    command
}
