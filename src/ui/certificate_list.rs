//! The certificate list: the holder's own certificates, or the unit's roster.

use chrono::NaiveDate;
use egui::{RichText, Sense};
use egui_extras::{Column, TableBuilder};

use super::{Command, theme};
use crate::domain::certificate::Validity;
use crate::domain::record_signature::SignatureStatus;
use crate::domain::{CertificateStatus, CertificateSummary};
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
}

/// Returns the id of the search field, which Ctrl+F focuses.
pub fn search_field_id() -> egui::Id {
    egui::Id::unique("certificate-search")
}

/// The search text and the rows it selects, recomputed only when the text or the list changes,
/// so a frame of a 100 000-row roster does not filter every row again.
#[derive(Debug, Default)]
pub struct ListFilter {
    /// The search text as typed.
    pub text: String,
    /// The text and list generation the rows were computed for.
    computed_for: Option<(String, u64)>,
    /// Indices of the matching certificates, in list order.
    rows: Vec<usize>,
}

impl ListFilter {
    fn refresh(&mut self, certificates: &[CertificateSummary], generation: u64) {
        let key = (self.text.trim().to_lowercase(), generation);
        if self.computed_for.as_ref() == Some(&key) {
            return;
        }
        self.rows =
            certificates.iter().enumerate().filter(|(_, c)| matches_filter(c, &key.0)).map(|(i, _)| i).collect();
        self.computed_for = Some(key);
    }
}

/// Draws the search box and the table; returns the row the user opened.
pub fn list_ui(ui: &mut egui::Ui, view: &ListView<'_>, filter: &mut ListFilter) -> Option<Command> {
    let lang = view.lang;
    let title = match view.role {
        Role::Holder => Key::NavMyCertificates,
        Role::Unit => Key::NavRoster,
    };
    ui.heading(tr(lang, title));

    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, Key::Search));
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .id(search_field_id())
                .hint_text(tr(lang, Key::SearchHint))
                .desired_width(260.0),
        )
        .labelled_by(label.id);
    });

    filter.refresh(view.certificates, view.generation);
    let rows: Vec<&CertificateSummary> = filter.rows.iter().filter_map(|&i| view.certificates.get(i)).collect();
    ui.label(Message::new(Key::CountSummary).arg("count", rows.len()).render(lang));
    ui.add_space(4.0);

    if view.certificates.is_empty() {
        ui.label(tr(lang, Key::EmptyCache));
        return None;
    }
    egui::ScrollArea::horizontal().show(ui, |ui| table_ui(ui, view, &rows)).inner
}

fn table_ui(ui: &mut egui::Ui, view: &ListView<'_>, rows: &[&CertificateSummary]) -> Option<Command> {
    let lang = view.lang;
    let mut command = None;
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    // Text in the rows is not selectable, so a click anywhere on a row selects the row.
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(Sense::click())
        .column(Column::auto().at_least(72.0))
        .column(Column::auto().at_least(130.0))
        .column(Column::auto().at_least(110.0))
        .column(Column::auto().at_least(150.0))
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(100.0))
        .column(Column::auto().at_least(64.0))
        .column(Column::remainder().at_least(90.0))
        .header(ROW_HEIGHT, |mut header| {
            for key in [
                Key::ColName,
                Key::ColRegNo,
                Key::ColQualification,
                Key::ColSpecialties,
                Key::ColIdNumber,
                Key::ColValidTo,
                Key::ColRecordSignature,
                Key::ColStatus,
            ] {
                header.col(|ui| {
                    ui.strong(tr(lang, key));
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let certificate = rows[row.index()];
                let selected = view.selected == Some((certificate.certificate_id.as_str(), certificate.version));
                row.set_selected(selected);
                let mut clicked = false;
                row.col(|ui| {
                    ui.label(&certificate.holder_name);
                });
                row.col(|ui| {
                    clicked |= ui.selectable_label(selected, &certificate.registration_number).clicked();
                });
                row.col(|ui| {
                    ui.label(qualification_name(lang, certificate.qualification));
                });
                row.col(|ui| {
                    let names: Vec<&str> = certificate.specialties.iter().map(|s| s.name.as_str()).collect();
                    ui.label(names.join("、"));
                });
                row.col(|ui| {
                    ui.label(&certificate.id_number_masked);
                });
                row.col(|ui| {
                    if let Some(day) = certificate.earliest_valid_to() {
                        ui.label(format_date(lang, day));
                    }
                });
                row.col(|ui| {
                    let (key, colour) = signature_word(certificate.signature);
                    ui.label(RichText::new(tr(lang, key)).color(colour));
                });
                row.col(|ui| {
                    let (text, colour) = status_text(lang, certificate, view.today);
                    ui.label(RichText::new(text).color(colour));
                });
                if clicked || row.response().clicked() {
                    command = Some(Command::Select {
                        certificate_id: certificate.certificate_id.clone(),
                        version: certificate.version,
                    });
                }
            });
        });
    command
}

fn matches_filter(certificate: &CertificateSummary, needle: &str) -> bool {
    needle.is_empty()
        || certificate.holder_name.to_lowercase().contains(needle)
        || certificate.registration_number.to_lowercase().contains(needle)
        || certificate.unit_name.to_lowercase().contains(needle)
        || certificate.id_number_masked.to_lowercase().contains(needle)
        || certificate.specialties.iter().any(|s| s.name.contains(needle))
}

/// Returns the short word for a row's signature verdict and its colour.
pub fn signature_word(signature: Option<SignatureStatus>) -> (Key, egui::Color32) {
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
pub fn status_text(lang: Lang, certificate: &CertificateSummary, today: NaiveDate) -> (String, egui::Color32) {
    if certificate.status == CertificateStatus::Superseded {
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
    match certificate.first_ending_specialty().map(|s| s.validity(today)) {
        Some(Validity::Expired) => (tr(lang, Key::StatusExpired).to_owned(), theme::EXPIRED),
        Some(Validity::Expiring { days_left }) => {
            (Message::new(Key::StatusExpiring).arg("days", days_left).render(lang), theme::EXPIRING)
        }
        Some(Validity::NotYetValid) => (tr(lang, Key::StatusNotYetValid).to_owned(), theme::EXPIRING),
        Some(Validity::Valid) | None => (tr(lang, Key::StatusValid).to_owned(), theme::VALID),
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
