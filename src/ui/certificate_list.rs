//! The certificate list: the holder's own certificates, or the unit's roster.

use chrono::NaiveDate;
use egui::{RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::keyboard::RowMove;
use super::list_query::{FindingFilter, FindingMarks, SortColumn, SortOrder, ValidityClass, joined_specialties};
use super::{Command, theme};
use crate::domain::CertificateSummary;
use crate::domain::compliance::FindingCode;
use crate::domain::record_signature::SignatureStatus;
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::platform::wire::Role;

/// 24 points: one line of text with padding.
const ROW_HEIGHT: f32 = 24.0;

/// Data the list draws.
pub struct ListView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Whose list this is.
    pub role: Role,
    /// Every cached certificate version.
    pub certificates: &'a [CertificateSummary],
    /// The open certificate and version.
    pub selected: Option<(&'a str, u32)>,
    /// The as-of day for validity (China Standard Time).
    pub today: NaiveDate,
    /// Changes whenever the list is reloaded, so the filter recomputes its rows.
    pub generation: u64,
    /// Whether a run of the compliance rules is going on, which the finding filter waits for.
    pub checking: bool,
}

/// Returns the id of the search field, which Ctrl+F focuses.
pub fn search_field_id() -> egui::Id {
    egui::Id::unique("certificate-search")
}

pub use super::list_query::ListFilter;

/// Draws the search box, the filters and the table; returns the row the user opened.
pub fn list_ui(ui: &mut egui::Ui, view: &ListView<'_>, filter: &mut ListFilter) -> Option<Command> {
    let lang = view.lang;
    let title = match view.role {
        Role::Holder => Key::NavMyCertificates,
        Role::Unit => Key::NavRoster,
    };
    ui.heading(tr(lang, title));

    filter.refresh(view.certificates, view.generation, view.today);
    query_ui(ui, lang, filter);
    filter.refresh(view.certificates, view.generation, view.today);
    if filter.is_indexing(view.certificates) {
        ui.ctx().request_repaint();
    }
    ui.horizontal(|ui| {
        ui.label(Message::new(Key::CountSummary).arg("count", filter.rows().len()).render(lang));
        if view.checking && filter.finding.is_some() {
            ui.spinner();
            ui.label(tr(lang, Key::ChecksRunning));
        }
    });
    ui.add_space(4.0);

    if view.certificates.is_empty() {
        ui.label(tr(lang, Key::EmptyCache));
        return None;
    }
    let moved = leave_search_field(ui).or_else(|| RowMove::typed(ui.ctx())).and_then(|step| {
        let rows = filter.rows();
        let current = view.selected.and_then(|(id, version)| {
            rows.iter().position(|&i| {
                let row = &view.certificates[i as usize];
                row.certificate_id == id && row.version == version
            })
        });
        step.apply(current, rows.len())
    });
    let (command, clicked_column) =
        egui::ScrollArea::horizontal().show(ui, |ui| table_ui(ui, view, filter, moved)).inner;
    if let Some(column) = clicked_column {
        filter.toggle_sort(column);
    }
    let keyed = moved.and_then(|row| filter.rows().get(row)).and_then(|&i| view.certificates.get(i as usize));
    command.or_else(|| keyed.map(|c| Command::Select { certificate_id: c.certificate_id.clone(), version: c.version }))
}

/// Moves the keyboard from the search field to the list when the user presses ↓ in it, as a
/// search box over a list does: the field gives up the focus and the first row is selected.
fn leave_search_field(ui: &egui::Ui) -> Option<RowMove> {
    let id = search_field_id();
    if !ui.memory(|memory| memory.has_focus(id)) {
        return None;
    }
    if !ui.input_mut(|input| input.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown)) {
        return None;
    }
    ui.memory_mut(|memory| memory.surrender_focus(id));
    Some(RowMove::First)
}

/// Draws the search field and the specialty and validity filters.
fn query_ui(ui: &mut egui::Ui, lang: Lang, filter: &mut ListFilter) {
    // The row wraps where the window is narrow, and each label moves with its field.
    ui.horizontal_wrapped(|ui| {
        labelled(ui, tr(lang, Key::Search), SEARCH_WIDTH, |ui, label| {
            ui.add(
                egui::TextEdit::singleline(&mut filter.text)
                    .id(search_field_id())
                    .hint_text(tr(lang, Key::SearchHint))
                    .desired_width(SEARCH_WIDTH),
            )
            .labelled_by(label);
        });

        labelled(ui, tr(lang, Key::FilterSpecialty), SPECIALTY_WIDTH, |ui, label| {
            let all_specialties = tr(lang, Key::FilterAllSpecialties);
            let mut chosen = filter.specialty.clone();
            egui::ComboBox::from_id_salt("list-specialty")
                .selected_text(chosen.as_deref().unwrap_or(all_specialties))
                .width(SPECIALTY_WIDTH)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut chosen, None, all_specialties);
                    for name in filter.specialties() {
                        ui.selectable_value(&mut chosen, Some(name.clone()), name);
                    }
                })
                .response
                .labelled_by(label);
            filter.specialty = chosen;
        });

        labelled(ui, tr(lang, Key::FilterValidity), VALIDITY_WIDTH, |ui, label| {
            egui::ComboBox::from_id_salt("list-validity")
                .selected_text(
                    filter.validity.map_or(tr(lang, Key::FilterAllValidity), |class| validity_name(lang, class)),
                )
                .width(VALIDITY_WIDTH)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.validity, None, tr(lang, Key::FilterAllValidity));
                    for class in ValidityClass::ALL {
                        ui.selectable_value(&mut filter.validity, Some(class), validity_name(lang, class));
                    }
                })
                .response
                .labelled_by(label);
        });

        labelled(ui, tr(lang, Key::FilterFinding), FINDING_WIDTH, |ui, label| {
            finding_filter_ui(ui, lang, filter, label);
        });
    });
}

/// Widths of the query's fields, in points.
const SEARCH_WIDTH: f32 = 240.0;
const SPECIALTY_WIDTH: f32 = 130.0;
const VALIDITY_WIDTH: f32 = 110.0;
const FINDING_WIDTH: f32 = 160.0;

/// Draws a label and the field it names as one block of known width. A wrapping row then moves
/// them to the next line together. `add` draws the field, given the label's id.
fn labelled(ui: &mut egui::Ui, text: &str, field_width: f32, add: impl FnOnce(&mut egui::Ui, egui::Id)) {
    let galley = egui::WidgetText::from(text).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Body,
    );
    let spacing = ui.spacing();
    // The field's frame adds its inner margin on both sides of `field_width`.
    let width = galley.size().x + spacing.item_spacing.x + field_width + 2.0 * spacing.button_padding.x;
    let size = egui::vec2(width, spacing.interact_size.y);
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        let label = ui.label(galley);
        add(ui, label.id);
    });
}

/// Draws the finding filter: every finding code, with its number of people once the checks ran.
fn finding_filter_ui(ui: &mut egui::Ui, lang: Lang, filter: &mut ListFilter, label: egui::Id) {
    let marks = filter.findings();
    let selected_text =
        filter.finding.map_or_else(|| tr(lang, Key::FilterAllFindings).to_owned(), |f| finding_name(lang, f, marks));
    let mut chosen = filter.finding;
    egui::ComboBox::from_id_salt("list-finding")
        .selected_text(selected_text)
        .width(FINDING_WIDTH)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, tr(lang, Key::FilterAllFindings));
            let choices = std::iter::once(FindingFilter::AnyOpen).chain(FindingCode::ALL.map(FindingFilter::Code));
            for choice in choices {
                ui.selectable_value(&mut chosen, Some(choice), finding_name(lang, choice, marks));
            }
        })
        .response
        .labelled_by(label)
        .on_hover_text(tr(lang, Key::FilterFindingHint));
    filter.finding = chosen;
}

/// Names a finding filter choice, with the number of people it selects once the checks ran.
fn finding_name(lang: Lang, choice: FindingFilter, marks: Option<&FindingMarks>) -> String {
    match (choice, marks) {
        (FindingFilter::AnyOpen, None) => tr(lang, Key::FilterAnyOpenUnchecked).to_owned(),
        (FindingFilter::AnyOpen, Some(marks)) => {
            Message::new(Key::FilterAnyOpenFinding).arg("count", marks.people(choice)).render(lang)
        }
        (FindingFilter::Code(code), marks) => {
            let key = if marks.is_some() { Key::FilterFindingCode } else { Key::FilterFindingUnchecked };
            let mut message = Message::new(key).arg("code", code.as_str()).arg("title", tr(lang, code.title()));
            if let Some(marks) = marks {
                message = message.arg("count", marks.people(choice));
            }
            message.render(lang)
        }
    }
}

fn validity_name(lang: Lang, class: ValidityClass) -> &'static str {
    let key = match class {
        ValidityClass::Valid => Key::StatusValid,
        ValidityClass::Expiring => Key::FilterExpiring,
        ValidityClass::Expired => Key::StatusExpired,
        ValidityClass::NotYetValid => Key::StatusNotYetValid,
        ValidityClass::Superseded => Key::StatusSuperseded,
    };
    tr(lang, key)
}

fn column_title(column: SortColumn) -> Key {
    match column {
        SortColumn::Name => Key::ColName,
        SortColumn::RegistrationNumber => Key::ColRegNo,
        SortColumn::Qualification => Key::ColQualification,
        SortColumn::Specialties => Key::ColSpecialties,
        SortColumn::IdNumber => Key::ColIdNumber,
        SortColumn::ValidTo => Key::ColValidTo,
        SortColumn::Status => Key::ColStatus,
    }
}

/// Draws the table of the filtered rows. When the keyboard moved the selection to the row
/// `moved`, the table scrolls to it. Returns the row the user opened and the column header the
/// user clicked.
fn table_ui(
    ui: &mut egui::Ui,
    view: &ListView<'_>,
    filter: &ListFilter,
    moved: Option<usize>,
) -> (Option<Command>, Option<SortColumn>) {
    let lang = view.lang;
    let rows = filter.rows();
    let mut command = None;
    let mut clicked_column = None;
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    // Text in the rows is not selectable, so a click anywhere on a row selects the row.
    ui.style_mut().interaction.selectable_labels = false;
    // Column widths the user drags are kept between starts, under this table's id.
    let mut table =
        TableBuilder::new(ui).id_salt("certificate-table").striped(true).resizable(true).sense(Sense::click());
    if let Some(row) = moved {
        table = table.scroll_to_row(row, None);
    }
    // Fixed starting widths: an automatic width would be measured on the first frame, often
    // before the first sync fills the list, and then kept.
    for column in SortColumn::ALL {
        let (initial, least) = column_width(column);
        table = table.column(Column::initial(initial).at_least(least));
        if column == SortColumn::Status {
            table = table.column(Column::initial(64.0).at_least(48.0));
        }
    }
    table
        .header(ROW_HEIGHT, |mut header| {
            for column in SortColumn::ALL {
                header.col(|ui| {
                    if header_ui(ui, lang, column, filter.sort) {
                        clicked_column = Some(column);
                    }
                });
                if column == SortColumn::Status {
                    header.col(|ui| {
                        ui.strong(tr(lang, Key::ColRecordSignature));
                    });
                }
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let Some(index) = rows.get(row.index()).map(|&i| i as usize) else { return };
                let Some(certificate) = view.certificates.get(index) else { return };
                let selected = view.selected == Some((certificate.certificate_id.as_str(), certificate.version));
                row.set_selected(selected);
                let mut clicked = false;
                for column in SortColumn::ALL {
                    row.col(|ui| match column {
                        SortColumn::Name => {
                            ui.label(&certificate.holder_name);
                        }
                        SortColumn::RegistrationNumber => {
                            clicked |= ui.selectable_label(selected, &certificate.registration_number).clicked();
                        }
                        SortColumn::Status => {
                            let class =
                                filter.validity_of(index).unwrap_or_else(|| ValidityClass::of(certificate, view.today));
                            let (text, tone) = status_text(lang, certificate, class);
                            ui.label(RichText::new(text).color(tone.on(ui)));
                        }
                        SortColumn::ValidTo => {
                            if let Some(day) = certificate.earliest_valid_to() {
                                ui.label(format_date(lang, day));
                            }
                        }
                        SortColumn::Specialties => {
                            ui.label(joined_specialties(certificate));
                        }
                        SortColumn::Qualification => {
                            ui.label(qualification_name(lang, certificate.qualification));
                        }
                        SortColumn::IdNumber => {
                            ui.label(&certificate.id_number_masked);
                        }
                    });
                    if column == SortColumn::Status {
                        row.col(|ui| {
                            let (key, tone) = signature_word(certificate.signature);
                            ui.label(RichText::new(tr(lang, key)).color(tone.on(ui)));
                        });
                    }
                }
                if clicked || row.response().clicked() {
                    command = Some(Command::Select {
                        certificate_id: certificate.certificate_id.clone(),
                        version: certificate.version,
                    });
                }
            });
        });
    (command, clicked_column)
}

/// Returns a column's starting and smallest width, in points.
fn column_width(column: SortColumn) -> (f32, f32) {
    match column {
        SortColumn::Name => (72.0, 48.0),
        SortColumn::RegistrationNumber => (132.0, 80.0),
        // "即将到期（剩余 31 天）", the longest status, fits.
        SortColumn::Status => (150.0, 80.0),
        SortColumn::ValidTo => (110.0, 80.0),
        SortColumn::Specialties => (160.0, 80.0),
        SortColumn::Qualification => (100.0, 60.0),
        SortColumn::IdNumber => (140.0, 80.0),
    }
}

/// Draws a column header as a button with the sort direction beside it; returns whether the
/// user clicked it.
fn header_ui(ui: &mut egui::Ui, lang: Lang, column: SortColumn, sort: Option<SortOrder>) -> bool {
    let button = egui::Button::new(RichText::new(tr(lang, column_title(column))).strong()).frame(false);
    let clicked = ui.add(button).on_hover_text(tr(lang, Key::SortHint)).clicked();
    if let Some(order) = sort.filter(|order| order.column == column) {
        let (arrow, key) = if order.descending { ("▼", Key::SortDescending) } else { ("▲", Key::SortAscending) };
        ui.label(arrow).on_hover_text(tr(lang, key));
    }
    clicked
}

/// Returns the short word for a row's signature verdict and its colour.
pub fn signature_word(signature: Option<SignatureStatus>) -> (Key, theme::Tone) {
    match signature {
        Some(SignatureStatus::Valid) => (Key::ListSignatureValid, theme::VALID),
        Some(SignatureStatus::Tampered) => (Key::ListSignatureTampered, theme::EXPIRED),
        Some(SignatureStatus::UntrustedIssuer) => (Key::ListSignatureUntrusted, theme::EXPIRED),
        Some(SignatureStatus::Missing) => (Key::ListSignatureMissing, theme::EXPIRING),
        None => (Key::ListSignatureUnchecked, theme::SUPERSEDED),
    }
}

/// Returns the status word and its colour. Superseded versions never show as valid. Neither
/// does a record whose signature is unchecked or failed, which shows the verdict instead. A
/// current version with a valid signature takes the state of the specialty that ends first.
/// `class` is the row's validity class and days left, as [`ValidityClass::of_continued`] gives.
pub fn status_text(lang: Lang, certificate: &CertificateSummary, class: (ValidityClass, i64)) -> (String, theme::Tone) {
    let (class, days_left) = class;
    if matches!(class, ValidityClass::Superseded) {
        return (tr(lang, Key::StatusSuperseded).to_owned(), theme::SUPERSEDED);
    }
    let unverified = match certificate.signature {
        Some(SignatureStatus::Valid) => None,
        Some(SignatureStatus::Tampered) => Some((Key::SignatureTampered, theme::EXPIRED)),
        Some(SignatureStatus::UntrustedIssuer) => Some((Key::SignatureUntrusted, theme::EXPIRED)),
        Some(SignatureStatus::Missing) => Some((Key::SignatureMissing, theme::EXPIRING)),
        None => Some((Key::ListSignatureUnchecked, theme::SUPERSEDED)),
    };
    if let Some((key, colour)) = unverified {
        return (tr(lang, key).to_owned(), colour);
    }
    match (class, days_left) {
        (ValidityClass::Superseded, _) => (tr(lang, Key::StatusSuperseded).to_owned(), theme::SUPERSEDED),
        (ValidityClass::Expired, _) => (tr(lang, Key::StatusExpired).to_owned(), theme::EXPIRED),
        (ValidityClass::Expiring, days_left) => {
            (Message::new(Key::StatusExpiring).arg("days", days_left).render(lang), theme::EXPIRING)
        }
        (ValidityClass::NotYetValid, _) => (tr(lang, Key::StatusNotYetValid).to_owned(), theme::EXPIRING),
        (ValidityClass::Valid, _) => (tr(lang, Key::StatusValid).to_owned(), theme::VALID),
    }
}

/// Returns the name of a qualification in a language.
pub fn qualification_name(lang: Lang, qualification: crate::domain::Qualification) -> &'static str {
    use crate::domain::Qualification as Q;
    let key = match qualification {
        Q::Constructor1 => Key::QualConstructor1,
        Q::Constructor2 => Key::QualConstructor2,
        Q::SupervisionEngineer => Key::QualSupervisionEngineer,
        Q::CostEngineer => Key::QualCostEngineer,
        Q::SafetyEngineer => Key::QualSafetyEngineer,
        Q::Architect => Key::QualArchitect,
        Q::SurveyDesignEngineer => Key::QualSurveyDesignEngineer,
    };
    tr(lang, key)
}
