//! `certdesk apply` and `certdesk applications list`: prepare a registration application from
//! the command line. Each attached file is checked by content and copied into the data folder,
//! the pre-checks run over the cached records, and the application is saved as a draft.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use serde_json::json;

use super::{CliError, output};
use crate::account::DataDir;
use crate::domain::application::{Level, MaterialKind, Rule, blocked, pre_checks};
use crate::domain::compliance::PersonFacts;
use crate::domain::records::ApplicationKind;
use crate::domain::{CreditCode, IdNumber, Qualification};
use crate::i18n::{Key, Lang, Message, tr};
use crate::materials::{MaterialInfo, inspect, store_copy};
use crate::platform::error::refusal_message;
use crate::platform::outbox::{NotQueued, queue_application};
use crate::store::applications;
use crate::store::compliance::{Selection, load_facts};
use crate::store::drafts::{self, DraftRecord, Override};
use crate::store::outbox::{self, OutboxState};

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
    /// Warnings overridden, as `RULE=REASON`.
    pub overrides: Vec<String>,
    /// Put the application in the outbox for the next sync.
    pub submit: bool,
    /// The returned application this one corrects.
    pub corrects: Option<String>,
    /// Print JSON.
    pub json: bool,
}

/// Checks the materials and pre-checks, saves the draft, and prints the results. Exit code 0
/// when nothing blocks the application, 1 when something does.
pub fn apply(data_dir: &DataDir, args: &ApplyArgs, lang: Lang) -> Result<ExitCode, CliError> {
    let mut store = super::certs::open_active_cache(data_dir)?;
    let filed = file_one(data_dir, &mut store, args, lang)?;
    if args.json {
        output::json(&filed.json);
    } else {
        for line in &filed.lines {
            output::line(line);
        }
    }
    Ok(if filed.failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// One application of a batch file: the flags of `apply`, with file paths relative to the
/// batch file's folder.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchItem {
    #[serde(rename = "type")]
    kind: String,
    person: String,
    unit: String,
    #[serde(default = "default_qualification")]
    qualification: String,
    #[serde(default)]
    specialties: Vec<String>,
    #[serde(default)]
    qualified_on: Option<NaiveDate>,
    #[serde(default)]
    attach: Vec<String>,
    #[serde(default)]
    overrides: Vec<String>,
    #[serde(default)]
    submit: bool,
    #[serde(default)]
    corrects: Option<String>,
}

fn default_qualification() -> String {
    "constructor1".to_owned()
}

/// Files every application of a JSON batch file (an array of objects with the flags of
/// `apply`). Each is checked, saved and, with `submit`, queued on its own, so one bad entry does
/// not stop the others. Exit code 1 when any entry is blocked, refused or invalid.
pub fn apply_batch(
    data_dir: &DataDir,
    path: &std::path::Path,
    as_json: bool,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(Message::new(Key::CliReadFile).arg("path", path.display()).io_arg("detail", &e)))?;
    // The file must be an array; each entry is read on its own, so one wrong entry is reported
    // with the others still filed.
    let entries: Vec<serde_json::Value> = serde_json::from_str(&text).map_err(|e| {
        CliError::new(Message::new(Key::CliBatchInvalid).arg("path", path.display()).arg("detail", e.to_string()))
    })?;
    let items: Vec<Result<BatchItem, String>> = entries
        .into_iter()
        .map(|entry| serde_json::from_value::<BatchItem>(entry).map_err(|e| e.to_string()))
        .collect();
    let folder = path.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let mut store = super::certs::open_active_cache(data_dir)?;
    let (mut results, mut failed) = (Vec::new(), false);
    for (index, item) in items.into_iter().enumerate() {
        let number = index + 1;
        let item = match item {
            Ok(item) => item,
            Err(detail) => {
                failed = true;
                let reason = Message::new(Key::CliBatchEntryInvalid).arg("detail", detail).render(lang);
                if !as_json {
                    output::line(&Message::new(Key::CliBatchItem).arg("n", number).render(lang));
                    output::line(&reason);
                }
                results.push(json!({"error": reason}));
                continue;
            }
        };
        let attach = item
            .attach
            .iter()
            .map(|entry| match entry.split_once('=') {
                Some((kind, file)) => format!("{kind}={}", folder.join(file).display()),
                None => entry.clone(),
            })
            .collect();
        let args = ApplyArgs {
            kind: item.kind,
            person: item.person,
            unit: item.unit,
            qualification: item.qualification,
            specialties: item.specialties,
            qualified_on: item.qualified_on,
            attach,
            overrides: item.overrides,
            submit: item.submit,
            corrects: item.corrects,
            json: as_json,
        };
        match file_one(data_dir, &mut store, &args, lang) {
            Ok(one) => {
                failed |= one.failed;
                if !as_json {
                    output::line(&Message::new(Key::CliBatchItem).arg("n", number).render(lang));
                    for line in &one.lines {
                        output::line(line);
                    }
                }
                results.push(one.json);
            }
            Err(error) => {
                failed = true;
                let reason = error.message().render(lang);
                if !as_json {
                    output::line(&Message::new(Key::CliBatchItem).arg("n", number).render(lang));
                    output::line(&reason);
                }
                results.push(json!({"error": reason}));
            }
        }
    }
    if as_json {
        output::json(&serde_json::Value::Array(results));
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The result of filing one application: its JSON, its text lines, and whether it failed.
struct Filed {
    json: serde_json::Value,
    lines: Vec<String>,
    failed: bool,
}

/// Checks one application's materials and pre-checks, saves its draft and, when asked, queues
/// it.
fn file_one(
    data_dir: &DataDir,
    store: &mut crate::store::Store,
    args: &ApplyArgs,
    lang: Lang,
) -> Result<Filed, CliError> {
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
    let facts = store
        .read(|c| load_facts(c, &Selection { id_number: Some(person.as_str().to_owned()), ..Selection::default() }))?;
    let facts = facts.into_iter().next().unwrap_or_else(|| PersonFacts {
        id_number: person.as_str().to_owned(),
        birth_date: Some(person.birth_date()),
        ..PersonFacts::default()
    });

    let (accepted, refused) = attach_all(&data_dir.materials_path(), &args.attach, lang)?;

    let mut overrides = Vec::new();
    for item in &args.overrides {
        let (rule, reason) = item.split_once('=').ok_or_else(|| {
            CliError::new(Message::new(Key::CliInvalidValue).arg("arg", "--override").arg("value", item))
        })?;
        let rule = rule.trim().replace('-', "_");
        if !Rule::ALL.iter().any(|known| known.code() == rule) {
            let rules: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
            return Err(CliError::new(
                Message::new(Key::OverrideUnknownRule).arg("rule", &rule).arg("rules", rules.join("、")),
            ));
        }
        overrides.push(Override { rule, reason: reason.trim().to_owned() });
    }
    let record = DraftRecord {
        id_number: person.as_str().to_owned(),
        qualification,
        specialties: args.specialties.clone(),
        qualified_on: args.qualified_on,
        materials: accepted.clone(),
        overrides,
        application_id: args.corrects.clone(),
        ..DraftRecord::new(kind, unit.as_str().to_owned())
    };
    let results = pre_checks(&record.draft(), &facts, crate::domain::time::today_in_china());
    // A refused file leaves the draft unsubmitted: the user attaches it again first.
    let queued =
        if args.submit && refused.is_empty() { Some(queue_application(store, &record, &results)) } else { None };
    let draft_id = match &queued {
        Some(Ok(draft_id)) => *draft_id,
        _ => store.write(|transaction| drafts::save(transaction, &record, Utc::now()))?,
    };
    let queued_ok = matches!(queued, Some(Ok(_)));
    let not_queued = match queued {
        Some(Err(NotQueued::Store(error))) => return Err(error.into()),
        Some(Err(reason)) => Some(reason.message().render(lang)),
        _ => None,
    };

    let value = json!({
            "draft_id": draft_id,
            "blocked": blocked(&results),
            "accepted": accepted.iter().map(|(k, i)| json!({"kind": k.code(), "file": i.display_name, "format": i.format.label(), "pages": i.pages, "signed": i.signed, "sha256": i.sha256})).collect::<Vec<_>>(),
            "refused": refused.iter().map(|(file, reason)| json!({"file": file, "reason": reason})).collect::<Vec<_>>(),
            "queued": queued_ok,
            "not_queued_reason": not_queued,
            "checks": results.iter().map(|r| json!({"rule": r.rule.code(), "level": if r.level == Level::Block { "block" } else { "warning" }, "reason": r.reason.render(lang), "fix": r.fix.render(lang)})).collect::<Vec<_>>(),
    });
    let mut lines = Vec::new();
    for (kind, info) in &accepted {
        lines.push(
            Message::new(Key::CliMaterialAccepted)
                .key_arg("kind", kind.name())
                .arg("file", &info.display_name)
                .arg("format", info.format.label())
                .render(lang),
        );
    }
    for (file, reason) in &refused {
        lines.push(Message::new(Key::CliMaterialRefused).arg("file", file).arg("reason", reason).render(lang));
    }
    for result in &results {
        let level = tr(lang, if result.level == Level::Block { Key::PreCheckBlock } else { Key::PreCheckWarning });
        let mut line = format!("{level}：{} {}", result.reason.render(lang), result.fix.render(lang));
        if result.level == Level::Warning {
            let _ = write!(line, " (--override {}=…)", result.rule.code());
        }
        lines.push(line);
    }
    lines.push(Message::new(Key::CliDraftSaved).arg("id", draft_id).render(lang));
    if queued_ok {
        lines.push(Message::new(Key::CliApplicationQueued).arg("id", draft_id).render(lang));
    }
    if let Some(reason) = &not_queued {
        lines.push(reason.clone());
    }
    let failed = blocked(&results) || !refused.is_empty() || (args.submit && !queued_ok);
    Ok(Filed { json: value, lines, failed })
}

/// The accepted materials, and the (file name, reason) of each refused file.
type Attached = (Vec<(MaterialKind, MaterialInfo)>, Vec<(String, String)>);

/// Checks each `KIND=FILE` and copies the accepted files into the materials folder. Returns
/// the accepted materials and the (file name, reason) of each refused one.
fn attach_all(folder: &std::path::Path, items: &[String], lang: Lang) -> Result<Attached, CliError> {
    let mut accepted: Vec<(MaterialKind, MaterialInfo)> = Vec::new();
    let mut refused: Vec<(String, String)> = Vec::new();
    for item in items {
        let (code, path) =
            item.split_once('=').ok_or_else(|| CliError::new(Message::new(Key::CliAttachFormat).arg("value", item)))?;
        let material = MaterialKind::from_code(code)
            .ok_or_else(|| CliError::new(Message::new(Key::CliAttachKind).arg("kind", code)))?;
        let attached: Vec<(String, String)> =
            accepted.iter().map(|(_, i)| (i.sha256.clone(), i.display_name.clone())).collect();
        match inspect(&PathBuf::from(path), &attached)
            .and_then(|(info, bytes)| store_copy(folder, &info, &bytes).map(|_| info))
        {
            Ok(info) => accepted.push((material, info)),
            Err(error) => {
                refused.push((crate::materials::display_name(&PathBuf::from(path)), error.message().render(lang)));
            }
        }
    }
    Ok((accepted, refused))
}

/// Lists the drafts with their state, the outbox, and the platform's applications with their
/// history and the reviewer's reasons.
pub fn list(data_dir: &DataDir, as_json: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let store = super::certs::open_active_cache(data_dir)?;
    let (rows, entries, applications) =
        store.read(|c| Ok((drafts::list(c)?, outbox::all(c)?, applications::list(c)?)))?;
    let mask = crate::domain::id_number::mask_id_text;
    let refusal = |entry: &outbox::OutboxEntry| {
        (entry.state == OutboxState::Refused)
            .then(|| entry.last_error.as_deref().map(|code| refusal_message(code).render(lang)))
            .flatten()
    };
    if as_json {
        output::json(&json!({
            "drafts": rows.iter().map(|row| json!({
                "draft_id": row.draft_id,
                "type": row.kind,
                "person": mask(&row.id_number),
                "state": row.state_code(),
                "application_id": row.application_id,
                "updated_at": row.updated_at,
                "materials": row.materials.iter().map(|(k, f)| json!({"kind": k, "file": f})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "outbox": entries.iter().map(|entry| json!({
                "outbox_id": entry.outbox_id,
                "draft_id": entry.draft_id,
                "state": entry.state.code(),
                "attempts": entry.attempts,
                "remote_id": entry.remote_id,
                "refused_reason": refusal(entry),
            })).collect::<Vec<_>>(),
            "applications": applications.iter().map(|a| json!({
                "application_id": a.application_id,
                "type": a.kind.code(),
                "person": mask(&a.id_number),
                "state": a.state.code(),
                "unit": a.unit_credit_code,
                "created_on": a.created_on.to_string(),
                "history": a.history.iter().map(|e| json!({"on": e.happened_on.to_string(), "state": e.state.code(), "note": e.note})).collect::<Vec<_>>(),
                "corrections": a.corrections.iter().map(|c| json!({"material": c.material, "reason": c.reason})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }));
        return Ok(ExitCode::SUCCESS);
    }
    for row in &rows {
        let names: Vec<&str> = row.materials.iter().map(|(_, f)| f.as_str()).collect();
        output::line(&format!(
            "#{}\t{}\t{}\t{}\t{}\t{}",
            row.draft_id,
            row.kind,
            mask(&row.id_number),
            tr(lang, row.state.name()),
            row.updated_at,
            names.join("、")
        ));
    }
    for entry in entries.iter().filter(|e| e.state == OutboxState::Refused) {
        if let Some(reason) = refusal(entry) {
            output::line(&format!("#{}\t{reason}", entry.draft_id.unwrap_or_default()));
        }
    }
    for application in &applications {
        output::line(&format!(
            "{}\t{}\t{}\t{}",
            application.application_id,
            application.kind.code(),
            mask(&application.id_number),
            tr(lang, crate::i18n::application_state_key(application.state)),
        ));
        for correction in &application.corrections {
            output::line(&format!("\t{}：{}", correction.material, correction.reason));
        }
    }
    if rows.is_empty() && applications.is_empty() {
        output::line(tr(lang, Key::CliNoDrafts));
    }
    Ok(ExitCode::SUCCESS)
}

/// Records an exemption with its evidence file in the outbox of the active account.
pub fn add_exemption(
    data_dir: &DataDir,
    person: &str,
    kind: &str,
    evidence: &std::path::Path,
    note: &str,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let exemption = crate::domain::records::ExemptionKind::from_code(&kind.replace('-', "_"))
        .ok_or_else(|| CliError::new(Message::new(Key::CliInvalidValue).arg("arg", "--kind").arg("value", kind)))?;
    let person = IdNumber::parse(person).map_err(|e| CliError::new(e.message()))?;
    let mut store = super::certs::open_active_cache(data_dir)?;
    let materials = data_dir.materials_path();
    crate::platform::outbox::record_exemption(&mut store, &materials, person.as_str(), exemption, evidence, note)
        .map_err(|e| CliError::new(e.message()))?;
    output::line(
        &Message::new(Key::CliExemptionQueued)
            .key_arg("kind", crate::domain::compliance::exemption_name(exemption))
            .render(lang),
    );
    Ok(ExitCode::SUCCESS)
}
