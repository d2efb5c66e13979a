//! Values typed on the command line that need more than clap's own checks: days, draft ids,
//! counts, application types, qualifications and specialties. Each invalid value is rejected
//! with one line that names it and lists what is accepted.

use std::fmt;

use chrono::NaiveDate;

use super::CliError;
use crate::domain::Qualification;
use crate::domain::compliance::PersonFacts;
use crate::domain::records::ApplicationKind;
use crate::i18n::{Key, Lang, Message, application_kind_key, tr};

/// A value a clap parser rejected, with the message to show. clap keeps it as the source of its
/// `ValueValidation` error, and `errors::report_parse_error` adds the argument and the value.
#[derive(Debug)]
pub struct ValueError(pub Message);

impl fmt::Display for ValueError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0.render(Lang::En))
    }
}

impl std::error::Error for ValueError {}

/// Parses a calendar day written as `YYYY-MM-DD`.
pub fn day(text: &str) -> Result<NaiveDate, ValueError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| ValueError(Message::new(Key::CliInvalidDate)))
}

/// Parses a draft id as `applications list` prints it: `3` or `#3`.
pub fn draft_id(text: &str) -> Result<i64, ValueError> {
    text.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| ValueError(Message::new(Key::CliInvalidDraftId)))
}

/// Parses a count of at least 1.
pub fn positive_count(text: &str) -> Result<u32, ValueError> {
    text.trim().parse::<u32>().ok().filter(|n| *n > 0).ok_or_else(|| ValueError(Message::new(Key::CliInvalidCount)))
}

/// Parses an application type code, with `-` or `_` between words.
pub fn application_kind(text: &str, lang: Lang) -> Result<ApplicationKind, CliError> {
    ApplicationKind::from_code(&text.trim().replace('-', "_")).ok_or_else(|| {
        let kinds: Vec<String> = ApplicationKind::ALL
            .iter()
            .map(|kind| {
                Message::new(Key::CliCodeWithName)
                    .arg("code", kind.code().replace('_', "-"))
                    .key_arg("name", application_kind_key(*kind))
                    .render(lang)
            })
            .collect();
        let types = kinds.join(tr(lang, Key::ListSeparator));
        CliError::new(Message::new(Key::CliUnknownApplicationType).arg("value", text).arg("types", types))
    })
}

/// Parses a qualification code, with `-` or `_` between words.
pub fn qualification(text: &str, lang: Lang) -> Result<Qualification, CliError> {
    Qualification::from_code(&text.trim().replace('-', "_")).ok_or_else(|| {
        let codes: Vec<&str> = Qualification::ALL.iter().map(|q| q.code()).collect();
        let codes = codes.join(tr(lang, Key::ListSeparator));
        CliError::new(Message::new(Key::CliUnknownQualification).arg("value", text).arg("codes", codes))
    })
}

/// Checks the specialties of an application and returns them by full name. A specialty is
/// accepted by its full or short name when it is in force for the qualification, or by the
/// exact name on one of the person's cached certificates, which keeps legacy names usable.
///
/// NOTE: only the two constructor levels have a list of specialties here, so for the other
/// qualifications every name is accepted as typed.
pub fn specialties(
    qualification: Qualification,
    names: &[String],
    facts: &PersonFacts,
    lang: Lang,
) -> Result<Vec<String>, CliError> {
    let cached: Vec<&str> = facts
        .certificates
        .iter()
        .filter(|certificate| certificate.qualification == qualification)
        .flat_map(|certificate| certificate.specialties.iter().map(|s| s.name.as_str()))
        .collect();
    let mut resolved = Vec::with_capacity(names.len());
    for name in names {
        let name = name.trim();
        let full = if cached.contains(&name) || qualification.specialties_in_force().is_none() {
            Some(name)
        } else {
            qualification.specialty_in_force(name)
        };
        let Some(full) = full else {
            return Err(unknown_specialty(qualification, name, &cached, lang));
        };
        if !resolved.iter().any(|known| known == full) {
            resolved.push(full.to_owned());
        }
    }
    Ok(resolved)
}

fn unknown_specialty(qualification: Qualification, name: &str, cached: &[&str], lang: Lang) -> CliError {
    let in_force = qualification.specialties_in_force().unwrap_or_default();
    let mut accepted: Vec<String> = in_force
        .iter()
        .map(|(full, short)| {
            Message::new(Key::CliSpecialtyWithShortName).arg("full", full).arg("short", short).render(lang)
        })
        .collect();
    for legacy in cached {
        if !in_force.iter().any(|(full, _)| full == legacy) && !accepted.iter().any(|a| a == legacy) {
            accepted.push((*legacy).to_owned());
        }
    }
    let specialties = accepted.join(tr(lang, Key::ListSeparator));
    CliError::new(Message::new(Key::CliUnknownSpecialty).arg("value", name).arg("specialties", specialties))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_draft_ids() {
        assert_eq!(day("2026-12-04").ok(), NaiveDate::from_ymd_opt(2026, 12, 4));
        assert!(day("2026-13-01").is_err());
        assert!(day("20261204").is_err());
        assert_eq!(draft_id("#3").ok(), Some(3));
        assert_eq!(draft_id(" 12 ").ok(), Some(12));
        assert!(draft_id("0").is_err());
        assert!(draft_id("三").is_err());
    }

    #[test]
    fn specialties_by_full_short_or_cached_name() {
        let facts = PersonFacts::default();
        let names = vec!["建筑".to_owned(), "市政公用工程".to_owned(), "建筑工程".to_owned()];

        let resolved = specialties(Qualification::Constructor1, &names, &facts, Lang::ZhCn).unwrap();
        let unknown = specialties(Qualification::Constructor1, &["建筑工".to_owned()], &facts, Lang::ZhCn);
        let other = specialties(Qualification::Architect, &["一级注册建筑师".to_owned()], &facts, Lang::ZhCn);

        assert_eq!(resolved, ["建筑工程", "市政公用工程"]);
        let message = unknown.unwrap_err().message().render(Lang::ZhCn);
        assert!(message.contains("建筑工"), "{message}");
        assert!(message.contains("港口与航道工程（港航）"), "{message}");
        assert_eq!(other.unwrap(), ["一级注册建筑师"]);
    }
}
