//! The status bar: platform, last successful sync, progress and the offline mark.

use egui::RichText;

use super::theme;
use crate::i18n::{Key, Lang, Message, tr};
use crate::platform::sync::SyncProgress;

/// What the status bar shows.
pub struct StatusView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Platform name.
    pub platform_name: &'a str,
    /// Whether the platform is the bundled demo.
    pub sandbox: bool,
    /// Last successful sync, already formatted.
    pub last_sync: Option<&'a str>,
    /// Progress of the running sync, if one runs.
    pub progress: Option<SyncProgress>,
    /// Whether a sync is running.
    pub syncing: bool,
    /// Whether the last sync could not reach the platform.
    pub offline: bool,
}

/// Draws the status bar. Returns [`super::Command::CancelSync`] when the user stops the sync.
pub fn status_bar_ui(ui: &mut egui::Ui, view: &StatusView<'_>) -> Option<super::Command> {
    let lang = view.lang;
    let mut command = None;
    ui.horizontal(|ui| {
        if view.sandbox {
            ui.label(RichText::new(tr(lang, Key::DemoPlatform)).strong().color(theme::DEMO_BADGE.on(ui)));
        } else {
            ui.label(view.platform_name);
        }
        ui.separator();
        match view.last_sync {
            Some(time) => ui.label(Message::new(Key::LastSync).arg("time", time).render(lang)),
            None => ui.label(tr(lang, Key::NeverSynced)),
        };
        if view.offline {
            ui.separator();
            ui.label(RichText::new(tr(lang, Key::Offline)).strong().color(theme::OFFLINE.on(ui)));
        }
        if view.syncing {
            ui.separator();
            let progress = view.progress.unwrap_or_default();
            #[expect(clippy::cast_precision_loss, reason = "a progress fraction needs no exactness")]
            let fraction = if progress.total == 0 { 0.0 } else { progress.records as f32 / progress.total as f32 };
            let text = Message::new(Key::SyncProgress)
                .arg("records", progress.records)
                .arg("total", progress.total)
                .arg("pages", progress.pages)
                .render(lang);
            ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(text));
            if ui.small_button(tr(lang, Key::CancelSync)).clicked() {
                command = Some(super::Command::CancelSync);
            }
        }
    });
    command
}
