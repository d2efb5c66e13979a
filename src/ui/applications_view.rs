//! The applications view (变更申请): the list of drafts and of the platform's applications, and
//! the guided form of one application with its pre-checks. The form takes who, which type and
//! registration, which specialties and which files. For a returned application it shows the
//! reviewer's reason next to each material.

use std::fmt::Write as _;

use chrono::NaiveDate;
use egui_extras::{Column, TableBuilder};

use super::{Command, theme};
use crate::domain::Qualification;
use crate::domain::application::{Level, MaterialKind, Need, PreCheck, materials_of};
use crate::domain::id_number::mask_id_text;
use crate::domain::records::{ApplicationKind, ChangeApplication};
use crate::i18n::{Key, Lang, Message, application_kind_key, application_state_key, format_date, tr};
use crate::materials::MaterialInfo;
use crate::store::drafts::{DraftRecord, DraftRow, DraftState, Override};
use crate::ui::certificate_list::qualification_name;

/// 8 people: the matches listed under the person search, enough to pick among namesakes.
const PERSON_MATCHES: usize = 8;

/// 52 points: a row with a material's thumbnail.
const THUMBNAIL_ROW: f32 = 52.0;

/// 24 points: one line of text with padding.
const ROW_HEIGHT: f32 = 24.0;

/// A request from the applications view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicationCommand {
    /// Start a new draft of a type.
    New(ApplicationKind),
    /// Open a saved draft in the form.
    OpenDraft(i64),
    /// Show an application the platform reports.
    OpenApplication(String),
    /// Reopen a returned application's draft to correct it.
    Correct(String),
    /// Save the form after an edit.
    Save,
    /// Choose a file for a material in the native dialog.
    PickFile(MaterialKind),
    /// Remove a material from the form.
    Remove(MaterialKind),
    /// Put the application in the outbox and sync.
    Submit,
    /// Ask to delete the open draft.
    AskDelete,
    /// Delete the open draft after the confirmation.
    ConfirmDelete,
    /// Close the form.
    Close,
}

impl From<ApplicationCommand> for Command {
    fn from(command: ApplicationCommand) -> Self {
        Command::Application(command)
    }
}

/// The form's state between frames.
#[derive(Debug, Clone)]
pub struct ApplicationForm {
    /// The draft being edited.
    pub record: DraftRecord,
    /// Text of the qualified-on field.
    pub qualified_on_text: String,
    /// Text of the added-specialty field.
    pub new_specialty: String,
    /// Text of the person search: part of a name, or the last digits of an ID number.
    pub person_query: String,
    /// The material the next dropped file goes to.
    pub drop_target: Option<MaterialKind>,
    /// Whether the delete confirmation shows.
    pub confirm_delete: bool,
}

impl ApplicationForm {
    /// Opens a draft in the form.
    pub fn new(record: DraftRecord) -> Self {
        let qualified_on_text = record.qualified_on.map(|d| d.to_string()).unwrap_or_default();
        Self {
            record,
            qualified_on_text,
            new_specialty: String::new(),
            person_query: String::new(),
            drop_target: None,
            confirm_delete: false,
        }
    }
}

/// The data the view draws besides the form.
pub struct ApplicationsView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Saved drafts.
    pub drafts: &'a [DraftRow],
    /// Applications the platform reports.
    pub applications: &'a [ChangeApplication],
    /// People the form can pick: (ID number, name).
    pub persons: &'a [(String, String)],
    /// Specialties of the picked person's current registrations.
    pub specialties: &'a [String],
    /// Pre-check results of the form.
    pub checks: &'a [PreCheck],
    /// The reason each material was refused, by kind.
    pub material_errors: &'a [(MaterialKind, Message)],
    /// The reviewer's reasons of the application the form corrects, by material code.
    pub corrections: &'a [(String, String)],
    /// The application shown when no form is open.
    pub shown: Option<&'a ChangeApplication>,
    /// When the draft was last saved, as shown.
    pub saved_at: Option<&'a str>,
    /// A file is being checked and copied.
    pub attaching: bool,
    /// Thumbnails of image materials, by SHA-256.
    pub thumbnails: &'a std::collections::HashMap<String, egui::TextureHandle>,
}

/// Draws the view; edits the form in place and returns a request.
pub fn applications_ui(
    ui: &mut egui::Ui,
    view: &ApplicationsView<'_>,
    form: Option<&mut ApplicationForm>,
) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    ui.horizontal(|ui| {
        ui.heading(tr(lang, Key::ApplicationsTitle));
        ui.separator();
        let label = ui.label(tr(lang, Key::ApplicationsNew));
        let chooser = egui::ComboBox::from_id_salt("new-application")
            .selected_text(tr(lang, Key::ApplicationsChooseType))
            .show_ui(ui, |ui| {
                for kind in ApplicationKind::ALL {
                    if ui.selectable_label(false, tr(lang, application_kind_key(kind))).clicked() {
                        command = Some(ApplicationCommand::New(kind).into());
                    }
                }
            });
        chooser.response.labelled_by(label.id);
    });
    ui.separator();
    egui::Panel::left("applications-list").resizable(true).default_size(330.0).min_size(240.0).show(ui, |ui| {
        if let Some(c) = list_ui(ui, view) {
            command = Some(c);
        }
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            let drawn = match form {
                Some(form) => form_ui(ui, view, form),
                None => view.shown.and_then(|application| application_ui(ui, lang, application)),
            };
            if let Some(c) = drawn {
                command = Some(c);
            }
            if view.shown.is_none() && command.is_none() && view.drafts.is_empty() && view.applications.is_empty() {
                ui.label(tr(lang, Key::ApplicationsEmpty));
            }
        });
    });
    command
}

fn list_ui(ui: &mut egui::Ui, view: &ApplicationsView<'_>) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    ui.strong(tr(lang, Key::ApplicationsDrafts));
    for row in view.drafts.iter().filter(|r| r.state != DraftState::Sent) {
        let kind = ApplicationKind::from_code(&row.kind).map_or("", |k| tr(lang, application_kind_key(k)));
        let state = tr(lang, row.state.name());
        let text = format!("#{} {kind} {} · {state}", row.draft_id, mask_id_text(&row.id_number));
        if ui.selectable_label(false, text).clicked() {
            command = Some(ApplicationCommand::OpenDraft(row.draft_id).into());
        }
    }
    ui.add_space(8.0);
    ui.strong(tr(lang, Key::ApplicationsOnPlatform));
    for application in view.applications {
        let text = format!(
            "{} {} {} · {}",
            application.application_id,
            tr(lang, application_kind_key(application.kind)),
            mask_id_text(&application.id_number),
            tr(lang, application_state_key(application.state)),
        );
        if ui.selectable_label(false, text).clicked() {
            command = Some(ApplicationCommand::OpenApplication(application.application_id.clone()).into());
        }
    }
    command
}

fn application_ui(ui: &mut egui::Ui, lang: Lang, application: &ChangeApplication) -> Option<Command> {
    let mut command = None;
    ui.heading(format!("{} {}", tr(lang, application_kind_key(application.kind)), application.application_id));
    ui.label(format!("{}：{}", tr(lang, Key::ApplicationsPerson), mask_id_text(&application.id_number)));
    ui.label(format!("{}：{}", tr(lang, Key::ApplicationsUnit), application.unit_credit_code));
    ui.label(
        egui::RichText::new(format!(
            "{}：{}",
            tr(lang, Key::ApplicationsState),
            tr(lang, application_state_key(application.state))
        ))
        .strong(),
    );
    ui.add_space(6.0);
    for event in &application.history {
        ui.label(format!(
            "{}  {}  {}",
            format_date(lang, event.happened_on),
            tr(lang, application_state_key(event.state)),
            event.note
        ));
    }
    if !application.corrections.is_empty() {
        ui.add_space(6.0);
        ui.strong(tr(lang, Key::ApplicationsCorrections));
        for correction in &application.corrections {
            let name = MaterialKind::from_code(&correction.material)
                .map_or(correction.material.as_str(), |k| tr(lang, k.name()));
            ui.colored_label(theme::EXPIRING.on(ui), format!("{name}：{}", correction.reason));
        }
        if ui.button(tr(lang, Key::ApplicationsCorrect)).clicked() {
            command = Some(ApplicationCommand::Correct(application.application_id.clone()).into());
        }
    }
    command
}

fn need_key(need: Need) -> Key {
    match need {
        Need::Required => Key::NeedRequired,
        Need::OneOf(_) => Key::NeedOneOf,
        Need::WhenOverdue => Key::NeedWhenOverdue,
        Need::Optional => Key::NeedOptional,
    }
}

fn describe(lang: Lang, info: &MaterialInfo) -> String {
    let mut text = format!("{} · {}", info.display_name, info.format.label());
    if let Some(pages) = info.pages {
        text.push_str(&Message::new(Key::MaterialPages).arg("pages", pages).render(lang));
    }
    if let Some((width, height)) = info.dimensions {
        let _ = write!(text, " · {width}×{height}");
    }
    if info.signed {
        let _ = write!(text, " · {}", tr(lang, Key::MaterialSigned));
    }
    text
}

#[expect(clippy::too_many_lines, reason = "one form, drawn top to bottom as the user reads it")]
fn form_ui(ui: &mut egui::Ui, view: &ApplicationsView<'_>, form: &mut ApplicationForm) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    let mut changed = false;
    let editable = form.record.state == DraftState::Editing;
    let record = &mut form.record;

    ui.horizontal(|ui| {
        ui.heading(tr(lang, application_kind_key(record.kind)));
        if let Some(id) = record.draft_id {
            ui.label(format!("#{id}"));
        }
        ui.label(tr(lang, record.state.name()));
        if let Some(saved) = view.saved_at {
            ui.label(Message::new(Key::DraftSavedAt).arg("time", saved).render(lang));
        }
    });
    // The platform's id on an editable draft marks a returned application under correction. On a
    // submitted draft it only names the application, whose state the heading shows.
    if let Some(application_id) = record.application_id.as_ref().filter(|_| editable) {
        ui.label(Message::new(Key::ApplicationsCorrecting).arg("id", application_id).render(lang));
    }
    ui.add_enabled_ui(editable, |ui| {
        egui::Grid::new("application-form").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            let label = ui.label(tr(lang, Key::ApplicationsType));
            let kind_combo = egui::ComboBox::from_id_salt("application-kind")
                .selected_text(tr(lang, application_kind_key(record.kind)))
                .show_ui(ui, |ui| {
                    for kind in ApplicationKind::ALL {
                        changed |=
                            ui.selectable_value(&mut record.kind, kind, tr(lang, application_kind_key(kind))).changed();
                    }
                });
            kind_combo.response.labelled_by(label.id);
            ui.end_row();

            ui.label(tr(lang, Key::ApplicationsPerson));
            ui.vertical(|ui| {
                let current = view.persons.iter().find(|(id, _)| *id == record.id_number);
                match current {
                    Some((id, name)) => ui.strong(format!("{name} {}", mask_id_text(id))),
                    None => ui.weak(tr(lang, Key::ApplicationsChoosePerson)),
                };
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, Key::ApplicationsFindPerson));
                    ui.add(egui::TextEdit::singleline(&mut form.person_query).desired_width(200.0))
                        .labelled_by(label.id);
                });
                let query = form.person_query.trim().to_owned();
                if !query.is_empty() {
                    let matches = view
                        .persons
                        .iter()
                        .filter(|(id, name)| name.contains(query.as_str()) || id.ends_with(query.as_str()))
                        .take(PERSON_MATCHES);
                    for (id, name) in matches {
                        let label = format!("{name} {}", mask_id_text(id));
                        if ui.selectable_label(*id == record.id_number, label).clicked() {
                            record.id_number.clone_from(id);
                            form.person_query.clear();
                            changed = true;
                        }
                    }
                }
            });
            ui.end_row();

            let label = ui.label(tr(lang, Key::ApplicationsQualification));
            let qualification_combo = egui::ComboBox::from_id_salt("application-qualification")
                .selected_text(qualification_name(lang, record.qualification))
                .show_ui(ui, |ui| {
                    for qualification in [Qualification::Constructor1, Qualification::Constructor2] {
                        let name = qualification_name(lang, qualification);
                        changed |= ui.selectable_value(&mut record.qualification, qualification, name).changed();
                    }
                });
            qualification_combo.response.labelled_by(label.id);
            ui.end_row();

            let unit_label = ui.label(tr(lang, Key::ApplicationsUnit));
            changed |= ui
                .add(egui::TextEdit::singleline(&mut record.unit_credit_code).desired_width(220.0))
                .labelled_by(unit_label.id)
                .changed();
            ui.end_row();

            if !view.specialties.is_empty() || record.kind == ApplicationKind::AddSpecialty {
                ui.label(tr(lang, Key::ApplicationsSpecialties));
                ui.vertical(|ui| {
                    for name in view.specialties {
                        let mut chosen = record.specialties.contains(name);
                        if ui.checkbox(&mut chosen, name.as_str()).changed() {
                            changed = true;
                            if chosen {
                                record.specialties.push(name.clone());
                            } else {
                                record.specialties.retain(|s| s != name);
                            }
                        }
                    }
                    if record.kind == ApplicationKind::AddSpecialty {
                        ui.horizontal(|ui| {
                            let label = ui.label(tr(lang, Key::ApplicationsNewSpecialty));
                            ui.add(egui::TextEdit::singleline(&mut form.new_specialty).desired_width(160.0))
                                .labelled_by(label.id);
                            let name = form.new_specialty.trim().to_owned();
                            if ui.button(tr(lang, Key::ApplicationsAddSpecialty)).clicked() && !name.is_empty() {
                                if !record.specialties.contains(&name) {
                                    record.specialties.push(name);
                                }
                                form.new_specialty.clear();
                                changed = true;
                            }
                        });
                    }
                });
                ui.end_row();
            }

            if matches!(
                record.kind,
                ApplicationKind::Initial | ApplicationKind::AddSpecialty | ApplicationKind::Reregistration
            ) {
                let label = ui.label(tr(lang, Key::ApplicationsQualifiedOn));
                let edit = ui
                    .add(
                        egui::TextEdit::singleline(&mut form.qualified_on_text)
                            .hint_text("2024-09-01")
                            .desired_width(120.0),
                    )
                    .labelled_by(label.id);
                if edit.changed() {
                    changed = true;
                    record.qualified_on = form.qualified_on_text.trim().parse::<NaiveDate>().ok();
                }
                ui.end_row();
            }
        });
    });

    ui.add_space(8.0);
    ui.strong(tr(lang, Key::ApplicationsMaterials));
    ui.label(tr(lang, Key::ApplicationsDropHint));
    let list = materials_of(record.kind);
    TableBuilder::new(ui)
        .id_salt("application-materials")
        .striped(true)
        .column(Column::initial(190.0))
        .column(Column::initial(90.0))
        .column(Column::remainder().at_least(240.0))
        .column(Column::exact(180.0))
        .body(|mut body| {
            for (kind, need) in list {
                let attached = record.materials.iter().find(|(k, _)| k == kind).map(|(_, info)| info);
                let error = view.material_errors.iter().find(|(k, _)| k == kind).map(|(_, m)| m);
                let correction = view.corrections.iter().find(|(code, _)| code == kind.code()).map(|(_, r)| r);
                let thumbnail = attached.and_then(|info| view.thumbnails.get(&info.sha256));
                let lines = 1 + usize::from(error.is_some()) + usize::from(correction.is_some());
                #[expect(clippy::cast_precision_loss, reason = "at most three lines")]
                let height = (ROW_HEIGHT * lines as f32).max(if thumbnail.is_some() { THUMBNAIL_ROW } else { 0.0 });
                body.row(height, |mut row| {
                    row.col(|ui| {
                        ui.radio_value(&mut form.drop_target, Some(*kind), tr(lang, kind.name()));
                    });
                    row.col(|ui| {
                        ui.label(tr(lang, need_key(*need)));
                    });
                    row.col(|ui| {
                        ui.vertical(|ui| {
                            ui.horizontal(|ui| {
                                if let Some(texture) = thumbnail {
                                    ui.image((texture.id(), texture.size_vec2()));
                                }
                                match attached {
                                    Some(info) => ui.label(describe(lang, info)),
                                    None => ui.weak(tr(lang, Key::ApplicationsNoFile)),
                                };
                            });
                            if let Some(error) = error {
                                ui.colored_label(theme::EXPIRED.on(ui), error.render(lang));
                            }
                            if let Some(reason) = correction {
                                ui.colored_label(
                                    theme::EXPIRING.on(ui),
                                    Message::new(Key::ApplicationsReviewerSays).arg("reason", reason).render(lang),
                                );
                            }
                        });
                    });
                    row.col(|ui| {
                        ui.add_enabled_ui(editable && !view.attaching, |ui| {
                            ui.horizontal(|ui| {
                                let pick =
                                    Message::new(Key::ApplicationsPick).key_arg("material", kind.name()).render(lang);
                                if ui.button(pick).clicked() {
                                    command = Some(ApplicationCommand::PickFile(*kind).into());
                                }
                                if attached.is_some() {
                                    let remove = Message::new(Key::ApplicationsRemove)
                                        .key_arg("material", kind.name())
                                        .render(lang);
                                    if ui.button(remove).clicked() {
                                        command = Some(ApplicationCommand::Remove(*kind).into());
                                    }
                                }
                            });
                        });
                    });
                });
            }
        });
    if view.attaching {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr(lang, Key::ApplicationsAttaching));
        });
    }

    ui.add_space(8.0);
    ui.strong(tr(lang, Key::ApplicationsChecks));
    if view.checks.is_empty() {
        ui.label(tr(lang, Key::ApplicationsChecksPass));
    }
    for check in view.checks {
        let (level, color) = match check.level {
            Level::Block => (Key::PreCheckBlock, theme::EXPIRED),
            Level::Warning => (Key::PreCheckWarning, theme::EXPIRING),
        };
        ui.colored_label(color.on(ui), format!("{}：{}", tr(lang, level), check.reason.render(lang)));
        ui.label(check.fix.render(lang));
        if check.level == Level::Warning {
            let code = check.rule.code();
            let index = record.overrides.iter().position(|o| o.rule == code).unwrap_or_else(|| {
                record.overrides.push(Override { rule: code.to_owned(), reason: String::new() });
                record.overrides.len() - 1
            });
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, Key::ApplicationsOverrideReason));
                if let Some(entry) = record.overrides.get_mut(index) {
                    let edit = ui
                        .add_enabled(editable, egui::TextEdit::singleline(&mut entry.reason).desired_width(360.0))
                        .labelled_by(label.id);
                    changed |= edit.changed();
                }
            });
        }
        ui.add_space(4.0);
    }

    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let blocked = view.checks.iter().any(|c| c.level == Level::Block);
        let unexplained = view.checks.iter().any(|c| {
            c.level == Level::Warning
                && !record.overrides.iter().any(|o| o.rule == c.rule.code() && !o.reason.trim().is_empty())
        });
        let ready = editable && !blocked && !unexplained && !record.id_number.is_empty() && !view.attaching;
        if ui.add_enabled(ready, egui::Button::new(tr(lang, Key::ApplicationsSubmit))).clicked() {
            command = Some(ApplicationCommand::Submit.into());
        }
        if editable && record.draft_id.is_some() {
            if form.confirm_delete {
                ui.label(tr(lang, Key::ApplicationsDeleteQuestion));
                if ui.button(tr(lang, Key::ApplicationsDeleteConfirm)).clicked() {
                    command = Some(ApplicationCommand::ConfirmDelete.into());
                }
            } else if ui.button(tr(lang, Key::ApplicationsDelete)).clicked() {
                command = Some(ApplicationCommand::AskDelete.into());
            }
        }
        if ui.button(tr(lang, Key::ApplicationsClose)).clicked() {
            command = Some(ApplicationCommand::Close.into());
        }
    });
    if changed && command.is_none() && editable {
        command = Some(ApplicationCommand::Save.into());
    }
    command
}
