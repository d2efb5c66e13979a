//! The compliance view (合规检查): counts by finding and severity, the findings table with
//! filters, the evidence of the selected finding, and for a holder the "who uses my
//! certificate" check with a report draft.

use chrono::NaiveDate;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::keyboard::RowMove;
use super::{Command, theme};
use crate::domain::compliance::{Evidence, Finding, FindingCode, FindingStatus, Severity, exemption_name};
use crate::domain::id_number::mask_id_text;
use crate::domain::records::ExemptionKind;
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::platform::wire::Role;

/// 24 points: one line of text with padding.
const ROW_HEIGHT: f32 = 24.0;

/// The filters the user set, kept between frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplianceFilter {
    /// Text to find in the name, registration number or masked ID number.
    pub text: String,
    /// Only this finding code.
    pub code: Option<FindingCode>,
    /// Only open findings.
    pub open_only: bool,
    /// Path of the Excel export; empty for the default.
    pub export_path: String,
    /// The report draft as the holder edits it.
    pub report_text: String,
    /// Whether the report names the holder by the full ID number.
    pub full_id_in_report: bool,
    /// Days before a specialty expires at which C09 starts.
    pub expiry_warning_days: i64,
    /// Days before an exported copy lapses at which C10 starts.
    pub copy_warning_days: i64,
    /// The exemption being recorded for the selected finding.
    pub exemption: ExemptionForm,
}

/// The form that records an exemption (豁免情形) for a C02 or C04 finding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExemptionForm {
    /// The person the open form records for; `None` while the window is closed.
    pub id_number: Option<String>,
    /// The person and finding the window records for: name, masked ID number and finding.
    pub subject: String,
    /// The exemption chosen; `None` until chosen.
    pub kind: Option<ExemptionKind>,
    /// Path of the evidence file as typed or chosen.
    pub evidence: String,
    /// A note for the reviewer.
    pub note: String,
}

/// A unit that one of the holder's records names, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedUnit {
    /// Credit code.
    pub credit_code: String,
    /// Name, or the credit code when unknown.
    pub name: String,
    /// Records that name it: registration, social security, housing fund or 安管 certificate.
    pub reasons: Vec<Key>,
}

/// The holder's side: the units that use the certificate, and the unit they declared as employer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheck {
    /// Every unit the holder's records name.
    pub units: Vec<NamedUnit>,
    /// Credit code of the unit the holder declared as their real employer.
    pub declared: Option<String>,
    /// The report draft, when a registration names a unit other than the declared one.
    pub report: Option<String>,
}

/// Data the compliance view draws.
pub struct ComplianceView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Whose view this is.
    pub role: Role,
    /// The day the rules ran for.
    pub as_of: NaiveDate,
    /// People checked.
    pub people: usize,
    /// Every finding.
    pub findings: &'a [Finding],
    /// Index of the selected finding.
    pub selected: Option<usize>,
    /// The holder's side, for a holder.
    pub self_check: Option<&'a SelfCheck>,
    /// Unit names by credit code, for the evidence.
    pub unit_names: &'a std::collections::BTreeMap<String, String>,
    /// The records of the selected finding's person, for the timeline.
    pub timeline: Option<&'a crate::domain::compliance::PersonFacts>,
    /// Whether a run of the rules is going on; its findings replace these when it ends.
    pub checking: bool,
}

/// Draws the view; returns the user's command.
pub fn compliance_ui(ui: &mut egui::Ui, view: &ComplianceView<'_>, filter: &mut ComplianceFilter) -> Option<Command> {
    let lang = view.lang;
    // A code chosen before a new run that found none of it would hide every row with no chip
    // left to clear it.
    if filter.code.is_some_and(|code| !view.findings.iter().any(|f| f.code == code)) {
        filter.code = None;
    }
    let mut command = None;
    ui.horizontal(|ui| {
        ui.heading(tr(lang, Key::NavCompliance));
        ui.label(
            Message::new(Key::CheckSummary)
                .arg("people", view.people)
                .arg("findings", view.findings.len())
                .arg("open", view.findings.iter().filter(|f| f.status == FindingStatus::Open).count())
                .date_arg("date", view.as_of)
                .render(lang),
        );
        if ui.add_enabled(!view.checking, egui::Button::new(tr(lang, Key::RunChecks))).clicked() {
            command = Some(Command::RunChecks);
        }
        if view.checking {
            ui.spinner();
            ui.label(tr(lang, Key::ChecksRunning));
        }
    });
    if let Some(self_check) = view.self_check {
        command = self_check_ui(ui, lang, self_check, filter).or(command);
        ui.separator();
    }
    command = reminder_settings_ui(ui, lang, filter).or(command);
    counts_ui(ui, view, filter);
    ui.separator();
    command = filters_ui(ui, lang, filter).or(command);
    let visible: Vec<usize> = (0..view.findings.len()).filter(|&i| matches(&view.findings[i], filter)).collect();
    egui::Panel::bottom("finding-evidence").resizable(true).default_size(320.0).min_size(280.0).show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| match view.selected.and_then(|i| view.findings.get(i)) {
            Some(finding) => {
                evidence_ui(ui, lang, finding, view.unit_names);
                if matches!(finding.code, FindingCode::C02 | FindingCode::C04) && finding.status == FindingStatus::Open
                {
                    ui.add_space(4.0);
                    if ui.button(tr(lang, Key::ExemptionRecordTitle)).clicked() {
                        filter.exemption.id_number = Some(finding.id_number.clone());
                        filter.exemption.subject = format!(
                            "{} {} · {} {}",
                            finding.name,
                            mask_id_text(&finding.id_number),
                            finding.code.as_str(),
                            tr(lang, finding.code.title())
                        );
                    }
                }
                if let Some(facts) = view.timeline.filter(|f| f.id_number == finding.id_number) {
                    ui.add_space(6.0);
                    egui::CollapsingHeader::new(tr(lang, Key::TimelineTitle)).default_open(true).show(ui, |ui| {
                        crate::ui::timeline::timeline_ui(ui, lang, facts, view.as_of);
                    });
                }
            }
            None => {
                ui.label(tr(lang, Key::SelectFinding));
            }
        });
    });
    let moved = RowMove::typed(ui.ctx()).and_then(|step| {
        let current = view.selected.and_then(|selected| visible.iter().position(|&i| i == selected));
        step.apply(current, visible.len())
    });
    command = table_ui(ui, view, &visible, moved).or(command);
    if let Some(&index) = moved.and_then(|row| visible.get(row)) {
        command = command.or(Some(Command::SelectFinding(index)));
    }
    if filter.exemption.id_number.is_some() {
        command = exemption_window(ui.ctx(), lang, &mut filter.exemption).or(command);
    }
    command
}

/// Draws the window that records an exemption for the person of an open C02 or C04 finding.
fn exemption_window(ctx: &egui::Context, lang: Lang, form: &mut ExemptionForm) -> Option<Command> {
    let mut command = None;
    let mut close = false;
    let window = egui::Window::new(tr(lang, Key::ExemptionRecordTitle)).collapsible(false).default_width(520.0);
    let window = window.default_pos(super::window_position(ctx, 520.0));
    window.show(ctx, |ui| {
        ui.strong(&form.subject);
        let label = ui.label(tr(lang, Key::ExemptionRecordHint));
        let chooser = egui::ComboBox::from_id_salt("exemption-kind")
            .selected_text(form.kind.map_or(tr(lang, Key::ExemptionChooseKind), |k| tr(lang, exemption_name(k))))
            .width(320.0)
            .show_ui(ui, |ui| {
                for kind in ExemptionKind::ALL {
                    ui.selectable_value(&mut form.kind, Some(kind), tr(lang, exemption_name(kind)));
                }
            });
        chooser.response.labelled_by(label.id);
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, Key::ExemptionEvidencePath));
            ui.add(egui::TextEdit::singleline(&mut form.evidence).desired_width(280.0)).labelled_by(label.id);
            if ui.button(tr(lang, Key::ExemptionPickFile)).clicked() {
                command = Some(Command::PickExemptionEvidence);
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, Key::ExemptionNote));
            ui.add(egui::TextEdit::singleline(&mut form.note).desired_width(360.0)).labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let ready = form.kind.is_some() && !form.evidence.trim().is_empty();
            let clicked = ui.add_enabled(ready, egui::Button::new(tr(lang, Key::ExemptionRecord))).clicked();
            if let (true, Some(kind), Some(id_number)) = (clicked, form.kind, form.id_number.clone()) {
                command = Some(Command::RecordExemption {
                    id_number,
                    kind,
                    evidence: form.evidence.trim().to_owned(),
                    note: form.note.clone(),
                });
            }
            close = ui.button(tr(lang, Key::ApplicationsClose)).clicked();
        });
    });
    if close || ctx.input(|input| input.key_pressed(egui::Key::Escape)) {
        *form = ExemptionForm::default();
    }
    command
}

fn matches(finding: &Finding, filter: &ComplianceFilter) -> bool {
    let needle = filter.text.trim().to_lowercase();
    filter.code.is_none_or(|code| finding.code == code)
        && (!filter.open_only || finding.status == FindingStatus::Open)
        && (needle.is_empty()
            || finding.name.to_lowercase().contains(&needle)
            || mask_id_text(&finding.id_number).to_lowercase().contains(&needle)
            || finding.registration_numbers.iter().any(|n| n.to_lowercase().contains(&needle)))
}

/// Returns the colour of a severity.
pub fn severity_colour(severity: Severity) -> theme::Tone {
    match severity {
        Severity::High => theme::EXPIRED,
        Severity::Medium => theme::EXPIRING,
        Severity::Low => theme::SUPERSEDED,
    }
}

/// Returns the name of a severity.
pub fn severity_name(lang: Lang, severity: Severity) -> &'static str {
    tr(
        lang,
        match severity {
            Severity::Low => Key::SeverityLow,
            Severity::Medium => Key::SeverityMedium,
            Severity::High => Key::SeverityHigh,
        },
    )
}

/// Returns the name of a finding status.
pub fn status_name(lang: Lang, status: FindingStatus) -> &'static str {
    tr(
        lang,
        match status {
            FindingStatus::Open => Key::FindingOpen,
            FindingStatus::Explained => Key::FindingExplained,
        },
    )
}

fn counts_ui(ui: &mut egui::Ui, view: &ComplianceView<'_>, filter: &mut ComplianceFilter) {
    let lang = view.lang;
    ui.horizontal_wrapped(|ui| {
        for code in FindingCode::ALL {
            let of_code: Vec<&Finding> = view.findings.iter().filter(|f| f.code == code).collect();
            if of_code.is_empty() {
                continue;
            }
            let worst = of_code.iter().map(|f| f.severity).max().unwrap_or(Severity::Low);
            let text = format!("{} {} {}", code.as_str(), tr(lang, code.title()), of_code.len());
            let selected = filter.code == Some(code);
            let label = RichText::new(text).color(severity_colour(worst).on(ui));
            if ui.selectable_label(selected, label).clicked() {
                filter.code = if selected { None } else { Some(code) };
            }
        }
    });
}

fn filters_ui(ui: &mut egui::Ui, lang: Lang, filter: &mut ComplianceFilter) -> Option<Command> {
    let mut command = None;
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, Key::Search));
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text(tr(lang, Key::FindingSearchHint))
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut filter.open_only, tr(lang, Key::OpenOnly));
        if filter.code.is_some() && ui.small_button(tr(lang, Key::ShowAllCodes)).clicked() {
            filter.code = None;
        }
        ui.separator();
        let label = ui.label(tr(lang, Key::ExportPath));
        let field = egui::TextEdit::singleline(&mut filter.export_path)
            .hint_text(tr(lang, Key::FindingsExportHint))
            .desired_width(260.0);
        ui.add(field).labelled_by(label.id);
        if ui.button(tr(lang, Key::ExportFindings)).clicked() {
            command = Some(Command::ExportFindings { path: filter.export_path.clone() });
        }
    });
    command
}

/// Draws the findings table, scrolled to the row the keyboard moved the selection to.
fn table_ui(ui: &mut egui::Ui, view: &ComplianceView<'_>, visible: &[usize], moved: Option<usize>) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    // Text in the rows is not selectable, so a click anywhere on a row selects the row.
    ui.style_mut().interaction.selectable_labels = false;
    // The table fits the height left above the evidence panel, however little: by default it
    // would take at least 200 points and draw under the panel.
    let height = ui.available_height();
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .min_scrolled_height(0.0)
        .max_scroll_height(height);
    if let Some(row) = moved {
        table = table.scroll_to_row(row, None);
    }
    table
        .column(Column::auto().at_least(150.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(70.0))
        .column(Column::auto().at_least(130.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::remainder().at_least(200.0))
        .header(ROW_HEIGHT, |mut header| {
            for key in [
                Key::ColFinding,
                Key::ColSeverity,
                Key::ColFindingStatus,
                Key::ColName,
                Key::ColIdNumber,
                Key::ColRegNo,
                Key::ColExplanation,
            ] {
                header.col(|ui| {
                    ui.strong(tr(lang, key));
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, visible.len(), |mut row| {
                let index = visible[row.index()];
                let finding = &view.findings[index];
                row.set_selected(view.selected == Some(index));
                let mut clicked = false;
                row.col(|ui| {
                    let text = format!("{} {}", finding.code.as_str(), tr(lang, finding.code.title()));
                    clicked |= ui.selectable_label(view.selected == Some(index), text).clicked();
                });
                row.col(|ui| {
                    ui.label(
                        RichText::new(severity_name(lang, finding.severity))
                            .color(severity_colour(finding.severity).on(ui)),
                    );
                });
                row.col(|ui| {
                    ui.label(status_name(lang, finding.status));
                });
                row.col(|ui| {
                    ui.label(&finding.name);
                });
                row.col(|ui| {
                    ui.label(mask_id_text(&finding.id_number));
                });
                row.col(|ui| {
                    ui.label(finding.registration_numbers.first().map_or("", String::as_str));
                });
                row.col(|ui| {
                    ui.label(finding.explanation.render(lang));
                });
                if clicked || row.response().clicked() {
                    command = Some(Command::SelectFinding(index));
                }
            });
        });
    command
}

fn evidence_ui(ui: &mut egui::Ui, lang: Lang, finding: &Finding, names: &std::collections::BTreeMap<String, String>) {
    ui.strong(format!(
        "{} {} · {} · {}",
        finding.code.as_str(),
        tr(lang, finding.code.title()),
        finding.name,
        mask_id_text(&finding.id_number)
    ));
    ui.label(finding.explanation.render(lang));
    ui.label(RichText::new(Message::new(Key::FixLine).arg("fix", finding.fix.render(lang)).render(lang)).strong());
    ui.label(Message::new(Key::AsOfLine).date_arg("date", finding.as_of).render(lang));
    ui.add_space(4.0);
    ui.strong(tr(lang, Key::EvidenceTitle));
    for item in &finding.evidence {
        ui.label(evidence_text(lang, item, names));
    }
}

/// Describes one piece of evidence in a line, naming units by name when known.
pub fn evidence_text(lang: Lang, evidence: &Evidence, names: &std::collections::BTreeMap<String, String>) -> String {
    let months = |months: &[crate::domain::records::YearMonth]| {
        months.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    };
    let unit = |code: &String| names.get(code).cloned().unwrap_or_else(|| code.clone());
    match evidence {
        Evidence::Registration { registration_number, unit_credit_code, .. } => Message::new(Key::EvidenceRegistration)
            .arg("number", registration_number)
            .arg("unit", unit(unit_credit_code))
            .render(lang),
        Evidence::Payments { fund, unit_credit_code, months: paid } => {
            let key = if *fund == "housing_fund" { Key::EvidenceHousingFund } else { Key::EvidenceSocialSecurity };
            Message::new(key).arg("unit", unit(unit_credit_code)).arg("months", months(paid)).render(lang)
        }
        Evidence::MissingMonths { months: missing } => {
            Message::new(Key::EvidenceMissing).arg("months", months(missing)).render(lang)
        }
        Evidence::SafetyCertificate { certificate_number, unit_credit_code } => Message::new(Key::EvidenceSafety)
            .arg("number", certificate_number)
            .arg("unit", unit(unit_credit_code))
            .render(lang),
        Evidence::Project { project_id, name, started_on } => Message::new(Key::EvidenceProject)
            .arg("id", project_id)
            .arg("name", name)
            .arg("date", format_date(lang, *started_on))
            .render(lang),
        Evidence::Date { date, subject, .. } => {
            Message::new(Key::EvidenceDate).arg("subject", subject).arg("date", format_date(lang, *date)).render(lang)
        }
        Evidence::Hours { specialty, compulsory, elective } => Message::new(Key::EvidenceHours)
            .arg("specialty", specialty)
            .arg("compulsory", compulsory)
            .arg("elective", elective)
            .render(lang),
        Evidence::Applications { filed } => {
            let list = filed
                .iter()
                .map(|(id, day)| format!("{id}（{}）", format_date(lang, *day)))
                .collect::<Vec<_>>()
                .join(", ");
            Message::new(Key::EvidenceApplications).arg("list", list).render(lang)
        }
        Evidence::Exemption { exemption, evidence_file } => {
            let kind = crate::domain::records::ExemptionKind::from_code(exemption).map_or_else(
                || (*exemption).to_owned(),
                |k| tr(lang, crate::domain::compliance::exemption_name(k)).to_owned(),
            );
            Message::new(Key::EvidenceExemption).arg("kind", kind).arg("file", evidence_file).render(lang)
        }
    }
}

fn self_check_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    self_check: &SelfCheck,
    filter: &mut ComplianceFilter,
) -> Option<Command> {
    let mut command = None;
    ui.strong(tr(lang, Key::WhoUsesMyCertificate));
    egui::Grid::new("units-named").num_columns(3).striped(true).show(ui, |ui| {
        for unit in &self_check.units {
            ui.label(&unit.name);
            let reasons: Vec<&str> = unit.reasons.iter().map(|k| tr(lang, *k)).collect();
            ui.label(reasons.join(tr(lang, Key::ListSeparator)));
            let declared = self_check.declared.as_deref() == Some(unit.credit_code.as_str());
            if declared {
                ui.label(RichText::new(tr(lang, Key::DeclaredEmployer)).color(theme::VALID.on(ui)));
            } else if ui.small_button(tr(lang, Key::DeclareEmployer)).clicked() {
                command = Some(Command::DeclareEmployer(unit.credit_code.clone()));
            }
            ui.end_row();
        }
    });
    if self_check.declared.is_none() {
        ui.label(tr(lang, Key::DeclareHint));
    }
    if self_check.report.is_some() {
        ui.colored_label(theme::EXPIRED.on(ui), tr(lang, Key::MismatchWarning));
        let label = ui.label(tr(lang, Key::ReportDraft));
        if lang != Lang::ZhCn {
            ui.label(tr(lang, Key::ReportInChinese));
        }
        ui.add(egui::TextEdit::multiline(&mut filter.report_text).desired_rows(8).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui.checkbox(&mut filter.full_id_in_report, tr(lang, Key::FullIdInReport)).changed() {
                command = Some(Command::ToggleReportId);
            }
            if ui.button(tr(lang, Key::SaveReport)).clicked() {
                command = Some(Command::SaveReport);
            }
        });
    }
    command
}

/// 1 to 365 days: the range the reminder windows accept, on this page and in 设置 alike.
pub const WINDOW_DAYS: std::ops::RangeInclusive<i64> = 1..=365;

fn reminder_settings_ui(ui: &mut egui::Ui, lang: Lang, filter: &mut ComplianceFilter) -> Option<Command> {
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, Key::ExpiryWindow));
        changed |= ui
            .add(
                egui::DragValue::new(&mut filter.expiry_warning_days)
                    .range(WINDOW_DAYS)
                    .suffix(tr(lang, Key::DaysSuffix)),
            )
            .labelled_by(label.id)
            .changed();
        let label = ui.label(tr(lang, Key::CopyWindow));
        changed |= ui
            .add(
                egui::DragValue::new(&mut filter.copy_warning_days)
                    .range(WINDOW_DAYS)
                    .suffix(tr(lang, Key::DaysSuffix)),
            )
            .labelled_by(label.id)
            .changed();
    });
    changed.then_some(Command::SetReminderWindows {
        expiry_days: filter.expiry_warning_days,
        copy_days: filter.copy_warning_days,
    })
}
