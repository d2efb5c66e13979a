//! The first-run screen (欢迎): choose the role and the platform — the bundled demo platform or
//! a configured one with its CA certificate — and sign in. It shows once, until the user starts.

use super::Command;
use crate::i18n::{Key, Lang, Message, tr};
use crate::platform::wire::Role;

/// 560 points: the width of the centred form.
const CARD_WIDTH: f32 = 560.0;

/// The fields of the screen as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WelcomeForm {
    /// Role to use.
    pub role: Role,
    /// Whether the bundled demo platform is chosen.
    pub demo: bool,
    /// Base URL of a configured platform.
    pub url: String,
    /// Path of the platform's CA certificate file.
    pub ca_path: String,
    /// Account name.
    pub account: String,
    /// Password; cleared once sent.
    pub password: String,
    /// Proxy URL; empty for the system settings.
    pub proxy: String,
}

impl Default for WelcomeForm {
    fn default() -> Self {
        Self {
            role: Role::Holder,
            demo: true,
            url: String::new(),
            ca_path: String::new(),
            account: String::new(),
            password: String::new(),
            proxy: String::new(),
        }
    }
}

/// Draws the screen. Returns [`Command::Start`] when the user starts.
pub fn welcome_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    form: &mut WelcomeForm,
    busy: bool,
    error: Option<&Message>,
) -> Option<Command> {
    // A user who does not read Chinese switches the language before anything else.
    let mut command = ui.horizontal(|ui| super::language_switch(ui, lang)).inner;
    ui.vertical_centered(|ui| {
        ui.add_space(8.0);
        ui.heading(tr(lang, Key::WelcomeTitle));
        ui.label(tr(lang, Key::WelcomeIntro));
    });
    ui.add_space(16.0);
    ui.horizontal(|ui| {
        ui.add_space(((ui.available_width() - CARD_WIDTH) / 2.0).max(0.0));
        egui::Frame::group(ui.style()).inner_margin(20.0).show(ui, |ui| {
            ui.set_width(CARD_WIDTH);
            ui.vertical(|ui| {
                egui::Grid::new("welcome").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
                    ui.label(tr(lang, Key::WelcomeRole));
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut form.role, Role::Holder, tr(lang, Key::RoleHolder));
                        ui.radio_value(&mut form.role, Role::Unit, tr(lang, Key::RoleUnit));
                    });
                    ui.end_row();
                    ui.label(tr(lang, Key::WelcomePlatform));
                    ui.vertical(|ui| {
                        ui.radio_value(&mut form.demo, true, tr(lang, Key::WelcomeDemo));
                        ui.radio_value(&mut form.demo, false, tr(lang, Key::WelcomeOther));
                    });
                    ui.end_row();
                    if !form.demo {
                        for (key, field, password) in [
                            (Key::WelcomeUrl, &mut form.url, false),
                            (Key::WelcomeCa, &mut form.ca_path, false),
                            (Key::WelcomeAccount, &mut form.account, false),
                            (Key::PasswordLabel, &mut form.password, true),
                            (Key::SettingsProxy, &mut form.proxy, false),
                        ] {
                            let label = ui.label(tr(lang, key));
                            ui.add(egui::TextEdit::singleline(field).password(password).desired_width(360.0))
                                .labelled_by(label.id);
                            ui.end_row();
                        }
                    }
                });
                ui.add_space(12.0);
                ui.horizontal(|ui| {
                    let ready = !busy
                        && (form.demo
                            || (!form.url.trim().is_empty()
                                && !form.ca_path.trim().is_empty()
                                && !form.account.trim().is_empty()
                                && !form.password.is_empty()));
                    let label = if form.demo { Key::WelcomeStart } else { Key::WelcomeSignIn };
                    if ui.add_enabled(ready, egui::Button::new(tr(lang, label))).clicked() {
                        command = Some(Command::Start);
                    }
                    if busy {
                        ui.spinner();
                        ui.label(tr(lang, Key::WelcomeSigningIn));
                    }
                });
                if let Some(error) = error {
                    ui.colored_label(super::theme::EXPIRED.on(ui), error.render(lang));
                }
            });
        });
    });
    command
}
