//! `certdesk validate`: checks one identifier; exit 0 valid, 1 invalid.

use std::process::ExitCode;

use serde_json::{Value, json};

use super::{IdentifierKind, output};
use crate::domain::{CreditCode, IdNumber, LicenceId, RegistrationNumber, Sex};
use crate::i18n::{Key, Lang, Message, format_date, tr};

/// Checks the value and prints the result as text or JSON.
pub fn run(kind: IdentifierKind, value: &str, as_json: bool, lang: Lang) -> ExitCode {
    let outcome = check(kind, value, lang);
    let valid = outcome.is_ok();
    if as_json {
        let object = match outcome {
            Ok((normalized, fields)) => {
                let mut object = json!({ "valid": true, "normalized": normalized });
                for field in fields {
                    object[field.name] = field.value;
                }
                object
            }
            Err(reason) => json!({ "valid": false, "reason": reason.render(lang) }),
        };
        output::line(&object.to_string());
    } else {
        match outcome {
            Ok((normalized, fields)) => {
                output::line(&format!("{}：{normalized}", tr(lang, Key::ValidateNormalized)));
                for field in fields {
                    output::line(&format!("{}：{}", field.label, field.display));
                }
            }
            Err(reason) => output::line(&format!("{}：{}", tr(lang, Key::ValidateInvalid), reason.render(lang))),
        }
    }
    if valid { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// One thing an identifier encodes: its JSON name and value, and its label and text for people.
struct Field {
    name: &'static str,
    label: &'static str,
    value: Value,
    display: String,
}

impl Field {
    fn new(name: &'static str, label: &'static str, value: Value) -> Self {
        let display = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        Self { name, label, value, display }
    }

    fn shown_as(mut self, display: impl Into<String>) -> Self {
        self.display = display.into();
        self
    }
}

fn check(kind: IdentifierKind, value: &str, lang: Lang) -> Result<(String, Vec<Field>), Message> {
    let label = |key| tr(lang, key);
    match kind {
        IdentifierKind::Id => {
            let id = IdNumber::parse(value).map_err(|e| e.message())?;
            let (sex_code, sex_name) = match id.sex() {
                Sex::Male => ("male", tr(lang, Key::SexMale)),
                Sex::Female => ("female", tr(lang, Key::SexFemale)),
            };
            let yes_no = if id.is_residence_permit() { Key::Yes } else { Key::No };
            Ok((
                id.as_str().to_owned(),
                vec![
                    Field::new("birth_date", label(Key::FieldBirthDate), json!(id.birth_date().to_string()))
                        .shown_as(format_date(lang, id.birth_date())),
                    Field::new("sex", label(Key::FieldSex), json!(sex_code)).shown_as(sex_name),
                    Field::new("region_code", label(Key::ValidateRegionCode), json!(id.region_code())),
                    Field::new(
                        "residence_permit",
                        label(Key::ValidateResidencePermit),
                        json!(id.is_residence_permit()),
                    )
                    .shown_as(tr(lang, yes_no)),
                ],
            ))
        }
        IdentifierKind::CreditCode => {
            let code = CreditCode::parse(value).map_err(|e| e.message())?;
            Ok((
                code.as_str().to_owned(),
                vec![
                    Field::new("region_code", label(Key::ValidateRegionCode), json!(code.region_code())),
                    Field::new(
                        "organization_code",
                        label(Key::ValidateOrganizationCode),
                        json!(code.organization_code()),
                    ),
                ],
            ))
        }
        IdentifierKind::RegNo => {
            let number = RegistrationNumber::parse(value).map_err(|e| e.message())?;
            let mut fields = vec![
                Field::new("province", label(Key::ValidateProvince), json!(number.province())),
                Field::new("level", label(Key::ValidateLevel), json!(number.level()))
                    .shown_as(tr(lang, if number.level() == 1 { Key::LevelOne } else { Key::LevelTwo })),
                Field::new(
                    "initial_province_code",
                    label(Key::ValidateInitialProvinceCode),
                    json!(number.initial_province_code()),
                ),
                Field::new(
                    "qualification_year",
                    label(Key::ValidateQualificationYear),
                    json!(number.qualification_year()),
                )
                .shown_as(year_text(number.qualification_year(), lang)),
                Field::new(
                    "initial_registration_year",
                    label(Key::ValidateInitialRegistrationYear),
                    json!(number.initial_registration_year()),
                )
                .shown_as(year_text(number.initial_registration_year(), lang)),
                Field::new("serial", label(Key::ValidateSerial), json!(number.serial())),
            ];
            if let Some(code) = number.seal_check_code() {
                fields.push(Field::new("seal_check_code", label(Key::ValidateSealCheckCode), json!(code)));
            }
            Ok((number.to_string(), fields))
        }
        IdentifierKind::LicenceId => {
            let id = LicenceId::parse(value).map_err(|e| e.message())?;
            Ok((
                id.as_str().to_owned(),
                vec![
                    Field::new("type_code", label(Key::ValidateTypeCode), json!(id.type_code())),
                    Field::new("issuer", label(Key::ValidateIssuer), json!(id.issuer())),
                    Field::new("version", label(Key::FieldVersion), json!(id.version())),
                ],
            ))
        }
    }
}

/// Writes a two-digit year of a registration number in full. Qualifications and registrations
/// began in 2004, so `00` to `79` are read as this century and the rest as the last.
fn year_text(two_digits: &str, lang: Lang) -> String {
    let year: u32 = two_digits.parse().unwrap_or_default();
    let full = if year < 80 { 2000 + year } else { 1900 + year };
    Message::new(Key::YearDisplay).arg("year", full).render(lang)
}
