//! `certdesk certs list` and `certdesk certs show`: read the active account's cache, offline.

use std::process::ExitCode;

use serde_json::{Value, json};

use super::{CliError, output};
use crate::account::{DataDir, Profile};
use crate::domain::record_signature::{SignatureStatus, bundled_issuers, verify};
use crate::domain::{Certificate, CertificateStatus, CertificateSummary, Sex, Specialty};
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::store::{Store, certificates};
use crate::ui::certificate_detail::signature_key;
use crate::ui::certificate_list::qualification_name;

/// Opens the cache of the signed-in account, or of the demo holder when no one signed in.
pub(super) fn open_active_cache(data_dir: &DataDir) -> Result<Store, CliError> {
    let path = match Profile::load(&data_dir.profile_path()) {
        Ok(Some(profile)) => data_dir.cache_path(&profile.platform_id, &profile.account),
        Ok(None) => data_dir.cache_path("sandbox", "demo-holder"),
        Err(e) => {
            return Err(CliError::new(
                Message::new(Key::CliReadFile).arg("path", data_dir.profile_path().display()).io_arg("detail", &e),
            ));
        }
    };
    if !path.exists() {
        return Err(CliError::new(Message::new(Key::CliNoCache)));
    }
    Ok(Store::open(&path)?)
}

fn specialties_json(specialties: &[Specialty]) -> Value {
    specialties
        .iter()
        .map(|s| json!({ "name": s.name, "valid_from": s.valid_from.to_string(), "valid_to": s.valid_to.to_string() }))
        .collect()
}

fn summary_json(summary: &CertificateSummary) -> Value {
    json!({
        "certificate_id": summary.certificate_id,
        "version": summary.version,
        "status": summary.status.code(),
        "qualification": summary.qualification.code(),
        "registration_number": summary.registration_number,
        "name": summary.holder_name,
        "id_number_masked": summary.id_number_masked,
        "unit_name": summary.unit_name,
        "unit_credit_code": summary.unit_credit_code,
        "specialties": specialties_json(&summary.specialties),
    })
}

/// Prints every cached certificate version.
pub fn list(data_dir: &DataDir, as_json: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let store = open_active_cache(data_dir)?;
    let summaries = store.read(certificates::list_summaries)?;
    if as_json {
        output::json(&summaries.iter().map(summary_json).collect());
        return Ok(ExitCode::SUCCESS);
    }
    for summary in &summaries {
        let specialties: Vec<String> = summary
            .specialties
            .iter()
            .map(|s| {
                format!(
                    "{}（{}）",
                    s.name,
                    Message::new(Key::ValidUntil).arg("date", format_date(lang, s.valid_to)).render(lang)
                )
            })
            .collect();
        let status = match summary.status {
            CertificateStatus::Valid => tr(lang, Key::StatusCurrentVersion),
            CertificateStatus::Superseded => tr(lang, Key::StatusSuperseded),
        };
        output::line(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            summary.registration_number,
            summary.holder_name,
            summary.id_number_masked,
            qualification_name(lang, summary.qualification),
            specialties.join("、"),
            status
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints every version of one certificate with every face field.
pub fn show(
    data_dir: &DataDir,
    registration_number: &str,
    as_json: bool,
    full_id: bool,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let number =
        crate::domain::RegistrationNumber::parse(registration_number).map_err(|e| CliError::new(e.message()))?;
    let store = open_active_cache(data_dir)?;
    let trusted = bundled_issuers();
    let versions = store.read(|connection| {
        let mut checked = Vec::new();
        for certificate in certificates::find_by_registration_number(connection, number.as_str())? {
            let signature = certificates::load_signature(connection, &certificate.certificate_id, certificate.version)?;
            let status = verify(&certificate, signature.as_ref(), &trusted);
            checked.push((certificate, status));
        }
        Ok(checked)
    })?;
    if versions.is_empty() {
        return Err(CliError::new(Message::new(Key::CliCertificateNotFound).arg("number", number.as_str())));
    }
    if as_json {
        let value: Vec<Value> = versions
            .iter()
            .map(|(certificate, signature)| {
                let mut value = certificate_json(certificate, full_id);
                value["record_signature"] = json!(signature_code(*signature));
                value
            })
            .collect();
        output::json(&json!({ "registration_number": number.as_str(), "versions": value }));
        return Ok(ExitCode::SUCCESS);
    }
    for (index, (certificate, signature)) in versions.iter().enumerate() {
        if index > 0 {
            output::line("");
        }
        print_face(certificate, *signature, full_id, lang);
    }
    Ok(ExitCode::SUCCESS)
}

fn certificate_json(certificate: &Certificate, full_id: bool) -> Value {
    let mut value = json!({
        "certificate_id": certificate.certificate_id,
        "version": certificate.version,
        "status": certificate.status.code(),
        "qualification": certificate.qualification.code(),
        "registration_number": certificate.registration_number,
        "seal_check_code": certificate.seal_check_code,
        "name": certificate.holder_name,
        "sex": match certificate.sex { Sex::Male => "male", Sex::Female => "female" },
        "birth_date": certificate.birth_date.to_string(),
        "id_type": certificate.id_type,
        "id_number_masked": certificate.id_number_masked(),
        "unit_name": certificate.unit_name,
        "unit_credit_code": certificate.unit_credit_code,
        "specialties": specialties_json(&certificate.specialties),
        "issuer": certificate.issuer,
        "issued_on": certificate.issued_on.to_string(),
        "licence_id": certificate.licence_id,
        "has_photo": !certificate.photo_png.is_empty(),
        "has_signature": !certificate.signature_png.is_empty(),
    });
    if full_id {
        value["id_number"] = json!(certificate.id_number);
    }
    value
}

/// Returns the JSON code of a signature check.
fn signature_code(status: SignatureStatus) -> &'static str {
    match status {
        SignatureStatus::Valid => "valid",
        SignatureStatus::Tampered => "tampered",
        SignatureStatus::UntrustedIssuer => "untrusted_issuer",
        SignatureStatus::Missing => "missing",
    }
}

/// Prints the face of one version. A version whose signature fails shows the failure where the
/// status would be, so it never reads as current.
fn print_face(certificate: &Certificate, signature: SignatureStatus, full_id: bool, lang: Lang) {
    let field = |key: Key, value: &str| output::line(&format!("{}：{value}", tr(lang, key)));
    let status = match certificate.status {
        _ if !signature.is_valid() => tr(lang, signature_key(signature)),
        CertificateStatus::Valid => tr(lang, Key::StatusCurrentVersion),
        CertificateStatus::Superseded => tr(lang, Key::StatusSuperseded),
    };
    output::line(&format!(
        "{}{} · {}",
        qualification_name(lang, certificate.qualification),
        tr(lang, Key::CertificateTitleSuffix),
        status
    ));
    field(Key::FieldName, &certificate.holder_name);
    field(Key::FieldSex, tr(lang, if certificate.sex == Sex::Male { Key::SexMale } else { Key::SexFemale }));
    field(Key::FieldBirthDate, &format_date(lang, certificate.birth_date));
    let id = if full_id { certificate.id_number.clone() } else { certificate.id_number_masked() };
    field(Key::FieldIdNumber, &id);
    let number = match &certificate.seal_check_code {
        Some(code) => format!("{}({code})", certificate.registration_number),
        None => certificate.registration_number.clone(),
    };
    field(Key::FieldRegNo, &number);
    field(Key::FieldEmployer, &certificate.unit_name);
    field(Key::FieldCreditCode, &certificate.unit_credit_code);
    for specialty in &certificate.specialties {
        let window = format!("{} – {}", format_date(lang, specialty.valid_from), format_date(lang, specialty.valid_to));
        field(Key::FieldSpecialties, &format!("{} {window}", specialty.name));
    }
    field(Key::FieldIssuer, &certificate.issuer);
    field(Key::FieldIssuedOn, &format_date(lang, certificate.issued_on));
    field(Key::FieldVersion, &certificate.version.to_string());
    field(Key::FieldLicenceId, &certificate.licence_id);
    field(Key::FieldRecordSignature, tr(lang, signature_key(signature)));
}
