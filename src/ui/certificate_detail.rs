//! The certificate face (照面): every field of one version, with each specialty's validity.

use chrono::NaiveDate;
use egui::{RichText, Vec2};

use super::certificate_list::qualification_name;
use super::exports::ExportCommand;
use super::images::ImageCache;
use super::{Command, theme};
use crate::domain::certificate::Validity;
use crate::domain::record_signature::SignatureStatus;
use crate::domain::{Certificate, CertificateStatus, Sex};
use crate::i18n::{Key, Lang, Message, format_date, tr};

/// Version number and status of another version of the same certificate.
pub struct VersionEntry {
    /// Version number.
    pub version: u32,
    /// Status.
    pub status: CertificateStatus,
    /// Issue date.
    pub issued_on: NaiveDate,
}

/// What the detail view shows.
pub struct DetailView<'a> {
    /// Interface language.
    pub lang: Lang,
    /// The open version.
    pub certificate: &'a Certificate,
    /// Every cached version of the same certificate, newest first.
    pub versions: &'a [VersionEntry],
    /// The check of the issuer's signature; only a valid one lets the validity show.
    pub signature: SignatureStatus,
    /// Whether the full ID number is shown.
    pub show_full_id: bool,
    /// The as-of day for validity.
    pub today: NaiveDate,
}

/// Draws the certificate face; returns the user's command, if any.
pub fn detail_ui(ui: &mut egui::Ui, view: &DetailView<'_>, images: &mut ImageCache) -> Option<Command> {
    let lang = view.lang;
    let certificate = view.certificate;
    let mut command = None;
    let mut export_command = None;

    ui.heading(format!(
        "{}{}",
        qualification_name(lang, certificate.qualification),
        tr(lang, Key::CertificateTitleSuffix)
    ));
    if certificate.status == CertificateStatus::Superseded {
        ui.colored_label(theme::EXPIRED.on(ui), tr(lang, Key::SupersededNotice));
    } else if ui.button(tr(lang, Key::ExportPdfAction)).clicked() {
        export_command = Some(ExportCommand::OpenForm.into());
    }
    ui.horizontal(|ui| {
        ui.label(tr(lang, Key::FieldRecordSignature));
        let colour = if view.signature.is_valid() { theme::VALID } else { theme::EXPIRED };
        ui.colored_label(colour.on(ui), tr(lang, signature_key(view.signature)));
    });
    ui.add_space(6.0);

    ui.horizontal_top(|ui| {
        let key = format!("{}/{}", certificate.certificate_id, certificate.version);
        if let Some(photo) = images.texture(ui.ctx(), &format!("{key}/photo"), &certificate.photo_png) {
            ui.add(
                egui::Image::new(&photo).fit_to_exact_size(Vec2::new(90.0, 120.0)).alt_text(tr(lang, Key::FieldPhoto)),
            );
        }
        ui.add_space(8.0);
        command = fields_ui(ui, view);
    });

    ui.add_space(8.0);
    ui.strong(tr(lang, Key::FieldSpecialties));
    specialties_ui(ui, view);

    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.label(tr(lang, Key::FieldSignature));
        let key = format!("{}/{}/signature", certificate.certificate_id, certificate.version);
        if let Some(signature) = images.texture(ui.ctx(), &key, &certificate.signature_png) {
            // The signature is dark ink on a transparent background: a paper-white card keeps
            // it readable in the dark theme too.
            egui::Frame::new().fill(egui::Color32::WHITE).corner_radius(2.0).inner_margin(2.0).show(ui, |ui| {
                ui.add(
                    egui::Image::new(&signature)
                        .fit_to_exact_size(Vec2::new(150.0, 50.0))
                        .alt_text(tr(lang, Key::FieldSignature)),
                );
            });
        }
    });

    if view.versions.len() > 1 {
        ui.add_space(8.0);
        ui.strong(tr(lang, Key::Versions));
        for entry in view.versions {
            let status = match entry.status {
                CertificateStatus::Valid => tr(lang, Key::StatusCurrentVersion),
                CertificateStatus::Superseded => tr(lang, Key::StatusSuperseded),
            };
            let text = Message::new(Key::VersionLine)
                .arg("version", entry.version)
                .arg("date", format_date(lang, entry.issued_on))
                .arg("status", status)
                .render(lang);
            if ui.selectable_label(entry.version == certificate.version, text).clicked() {
                command = Some(Command::Select {
                    certificate_id: certificate.certificate_id.clone(),
                    version: entry.version,
                });
            }
        }
    }
    command.or(export_command)
}

fn fields_ui(ui: &mut egui::Ui, view: &DetailView<'_>) -> Option<Command> {
    let lang = view.lang;
    let certificate = view.certificate;
    let mut command = None;
    egui::Grid::new("certificate-face").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        field(ui, tr(lang, Key::FieldName), &certificate.holder_name);
        let sex = match certificate.sex {
            Sex::Male => tr(lang, Key::SexMale),
            Sex::Female => tr(lang, Key::SexFemale),
        };
        field(ui, tr(lang, Key::FieldSex), sex);
        field(ui, tr(lang, Key::FieldBirthDate), &format_date(lang, certificate.birth_date));

        ui.label(tr(lang, Key::FieldIdNumber));
        ui.horizontal(|ui| {
            let shown = if view.show_full_id { certificate.id_number.clone() } else { certificate.id_number_masked() };
            ui.label(shown);
            let toggle = if view.show_full_id { Key::HideFullId } else { Key::ShowFullId };
            if ui.small_button(tr(lang, toggle)).clicked() {
                command = Some(Command::ToggleFullId);
            }
        });
        ui.end_row();

        let number = match &certificate.seal_check_code {
            Some(code) => format!("{}({code})", certificate.registration_number),
            None => certificate.registration_number.clone(),
        };
        field(ui, tr(lang, Key::FieldRegNo), &number);
        field(ui, tr(lang, Key::FieldEmployer), &certificate.unit_name);
        field(ui, tr(lang, Key::FieldCreditCode), &certificate.unit_credit_code);
        field(ui, tr(lang, Key::FieldIssuer), &certificate.issuer);
        field(ui, tr(lang, Key::FieldIssuedOn), &format_date(lang, certificate.issued_on));
        field(ui, tr(lang, Key::FieldVersion), &certificate.version.to_string());
        field(ui, tr(lang, Key::FieldLicenceId), &certificate.licence_id);
    });
    command
}

fn field(ui: &mut egui::Ui, name: &str, value: &str) {
    ui.label(name);
    ui.label(value);
    ui.end_row();
}

fn specialties_ui(ui: &mut egui::Ui, view: &DetailView<'_>) {
    let lang = view.lang;
    egui::Grid::new("certificate-specialties").num_columns(4).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for key in [Key::SpecialtyName, Key::ValidFrom, Key::ValidTo, Key::ColStatus] {
            ui.strong(tr(lang, key));
        }
        ui.end_row();
        for specialty in &view.certificate.specialties {
            ui.label(&specialty.name);
            ui.label(format_date(lang, specialty.valid_from));
            ui.label(format_date(lang, specialty.valid_to));
            let (text, colour) = if !view.signature.is_valid() {
                (tr(lang, signature_key(view.signature)).to_owned(), theme::EXPIRED)
            } else if view.certificate.status == CertificateStatus::Superseded {
                (tr(lang, Key::StatusSuperseded).to_owned(), theme::SUPERSEDED)
            } else {
                match specialty.validity(view.today) {
                    Validity::Valid => (tr(lang, Key::StatusValid).to_owned(), theme::VALID),
                    Validity::Expiring { days_left } => {
                        (Message::new(Key::StatusExpiring).arg("days", days_left).render(lang), theme::EXPIRING)
                    }
                    Validity::Expired => (tr(lang, Key::StatusExpired).to_owned(), theme::EXPIRED),
                    Validity::NotYetValid => (tr(lang, Key::StatusNotYetValid).to_owned(), theme::EXPIRING),
                }
            };
            ui.label(RichText::new(text).color(colour.on(ui)));
            ui.end_row();
        }
    });
}

/// Returns the text of a signature check, as the detail view and the CLI show it.
pub fn signature_key(status: SignatureStatus) -> Key {
    match status {
        SignatureStatus::Valid => Key::SignatureValid,
        SignatureStatus::Tampered => Key::SignatureTampered,
        SignatureStatus::UntrustedIssuer => Key::SignatureUntrusted,
        SignatureStatus::Missing => Key::SignatureMissing,
    }
}
