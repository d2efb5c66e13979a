//! `certdesk apply` and `certdesk applications list`: prepare a registration application from
//! the command line. Each attached file is checked by content and copied into the data folder,
//! the pre-checks run over the cached records, and the application is saved as a draft.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use serde_json::json;

use super::{CliError, output};
use crate::account::DataDir;
use crate::domain::application::{Draft, Level, MaterialKind, blocked, pre_checks};
use crate::domain::compliance::PersonFacts;
use crate::domain::records::ApplicationKind;
use crate::domain::{CreditCode, IdNumber, Qualification};
use crate::i18n::{Key, Lang, Message, tr};
use crate::materials::{MaterialInfo, inspect, store_copy};
use crate::store::compliance::{Selection, load_facts};
use crate::store::drafts;

/// Arguments of `apply` from the command line.
pub struct ApplyArgs {
    /// Application type code, such as `change_employer`.
    pub kind: String,
    /// The person's ID number.
    pub person: String,
    /// The filing unit's credit code.
    pub unit: String,
    /// Qualification code.
    pub qualification: String,
    /// Specialties concerned.
    pub specialties: Vec<String>,
    /// Day the qualification or added specialty was passed.
    pub qualified_on: Option<NaiveDate>,
    /// Materials as `KIND=FILE`.
    pub attach: Vec<String>,
    /// Print JSON.
    pub json: bool,
}

/// Checks the materials and pre-checks, saves the draft, and prints the results. Exit code 0
/// when nothing blocks the application, 1 when something does.
pub fn apply(data_dir: &DataDir, args: &ApplyArgs, lang: Lang) -> Result<ExitCode, CliError> {
    let kind = ApplicationKind::from_code(&args.kind.replace('-', "_")).ok_or_else(|| {
        CliError::new(Message::new(Key::CliInvalidValue).arg("arg", "--type").arg("value", &args.kind))
    })?;
    let qualification = Qualification::from_code(&args.qualification).ok_or_else(|| {
        CliError::new(
            Message::new(Key::CliInvalidValue).arg("arg", "--qualification").arg("value", &args.qualification),
        )
    })?;
    let person = IdNumber::parse(&args.person).map_err(|e| CliError::new(e.message()))?;
    let unit = CreditCode::parse(&args.unit).map_err(|e| CliError::new(e.message()))?;
    let mut store = super::certs::open_active_cache(data_dir)?;
    let facts = store
        .read(|c| load_facts(c, &Selection { id_number: Some(person.as_str().to_owned()), ..Selection::default() }))?;
    let facts = facts.into_iter().next().unwrap_or_else(|| PersonFacts {
        id_number: person.as_str().to_owned(),
        birth_date: Some(person.birth_date()),
        ..PersonFacts::default()
    });

    let materials_folder = data_dir.root().join("materials");
    let mut accepted: Vec<(MaterialKind, MaterialInfo)> = Vec::new();
    let mut refused: Vec<(String, String)> = Vec::new();
    for item in &args.attach {
        let (code, path) =
            item.split_once('=').ok_or_else(|| CliError::new(Message::new(Key::CliAttachFormat).arg("value", item)))?;
        let material = MaterialKind::from_code(code)
            .ok_or_else(|| CliError::new(Message::new(Key::CliAttachKind).arg("kind", code)))?;
        let attached: Vec<(String, String)> =
            accepted.iter().map(|(_, i)| (i.sha256.clone(), i.display_name.clone())).collect();
        match inspect(&PathBuf::from(path), &attached)
            .and_then(|(info, bytes)| store_copy(&materials_folder, &info, &bytes).map(|_| info))
        {
            Ok(info) => accepted.push((material, info)),
            Err(error) => {
                refused.push((crate::materials::display_name(&PathBuf::from(path)), error.message().render(lang)));
            }
        }
    }

    let draft = Draft {
        kind,
        qualification,
        unit_credit_code: unit.as_str().to_owned(),
        specialties: args.specialties.clone(),
        qualified_on: args.qualified_on,
        attached: accepted.iter().map(|(k, _)| *k).collect(),
    };
    let results = pre_checks(&draft, &facts, crate::domain::time::today_in_china());
    let draft_id =
        store.write(|transaction| drafts::insert(transaction, person.as_str(), &draft, &accepted, Utc::now()))?;

    if args.json {
        output::json(&json!({
            "draft_id": draft_id,
            "blocked": blocked(&results),
            "accepted": accepted.iter().map(|(k, i)| json!({"kind": k.code(), "file": i.display_name, "format": i.format.label(), "pages": i.pages, "signed": i.signed, "sha256": i.sha256})).collect::<Vec<_>>(),
            "refused": refused.iter().map(|(file, reason)| json!({"file": file, "reason": reason})).collect::<Vec<_>>(),
            "checks": results.iter().map(|r| json!({"level": if r.level == Level::Block { "block" } else { "warning" }, "reason": r.reason.render(lang), "fix": r.fix.render(lang)})).collect::<Vec<_>>(),
        }));
    } else {
        for (kind, info) in &accepted {
            output::line(
                &Message::new(Key::CliMaterialAccepted)
                    .key_arg("kind", kind.name())
                    .arg("file", &info.display_name)
                    .arg("format", info.format.label())
                    .render(lang),
            );
        }
        for (file, reason) in &refused {
            output::line(&Message::new(Key::CliMaterialRefused).arg("file", file).arg("reason", reason).render(lang));
        }
        for result in &results {
            let level = tr(lang, if result.level == Level::Block { Key::PreCheckBlock } else { Key::PreCheckWarning });
            output::line(&format!("{level}：{} {}", result.reason.render(lang), result.fix.render(lang)));
        }
        output::line(&Message::new(Key::CliDraftSaved).arg("id", draft_id).render(lang));
    }
    Ok(if blocked(&results) || !refused.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Lists the saved drafts.
pub fn list(data_dir: &DataDir, as_json: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let store = super::certs::open_active_cache(data_dir)?;
    let rows = store.read(drafts::list)?;
    if as_json {
        output::json(
            &rows
                .iter()
                .map(|(id, kind, id_number, updated_at, files)| {
                    json!({
                        "draft_id": id,
                        "type": kind,
                        "person": crate::domain::id_number::mask_id_text(id_number),
                        "updated_at": updated_at,
                        "materials": files.iter().map(|(k, f)| json!({"kind": k, "file": f})).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        );
        return Ok(ExitCode::SUCCESS);
    }
    for (id, kind, id_number, updated_at, files) in &rows {
        let names: Vec<&str> = files.iter().map(|(_, f)| f.as_str()).collect();
        output::line(&format!(
            "#{id}\t{kind}\t{}\t{updated_at}\t{}",
            crate::domain::id_number::mask_id_text(id_number),
            names.join("、")
        ));
    }
    if rows.is_empty() {
        output::line(tr(lang, Key::CliNoDrafts));
    }
    Ok(ExitCode::SUCCESS)
}
