//! `certdesk apply` and `certdesk exemption add`: prepare a registration application from the
//! command line. Each attached file is checked by content and copied into the data folder,
//! the pre-checks run over the cached records, and the application is saved as a draft.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use serde_json::json;

use super::{CliError, output, values};
use crate::account::DataDir;
use crate::domain::application::{Level, MaterialKind, Rule, blocked, pre_checks};
use crate::domain::compliance::PersonFacts;
use crate::domain::records::ApplicationKind;
use crate::domain::{CreditCode, IdNumber, Qualification};
use crate::i18n::{Key, Lang, Message, tr};
use crate::materials::{MaterialInfo, inspect, store_copy};
use crate::platform::outbox::{NotQueued, queue_application};
use crate::store::compliance::{Selection, load_facts};
use crate::store::drafts::{self, DraftRecord, Override};

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
    let parsed = parse(args, lang)?;
    let mut store = super::certs::open_active_cache(data_dir)?;
    let filed = file_one(data_dir, &mut store, args, &parsed, lang)?;
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
        match parse(&args, lang).and_then(|parsed| file_one(data_dir, &mut store, &args, &parsed, lang)) {
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

/// An application's flags, checked before the cache is opened so that a typing mistake is
/// reported first.
struct Parsed {
    kind: ApplicationKind,
    qualification: Qualification,
    person: IdNumber,
    unit: CreditCode,
    /// Each material kind with its one file.
    materials: Vec<(MaterialKind, PathBuf)>,
    overrides: Vec<Override>,
}

/// Checks the flags that need no cache: the type, qualification, ID number, credit code,
/// materials and overrides.
fn parse(args: &ApplyArgs, lang: Lang) -> Result<Parsed, CliError> {
    let kind = values::application_kind(&args.kind, lang)?;
    let qualification = values::qualification(&args.qualification, lang)?;
    let person = IdNumber::parse(&args.person).map_err(|e| CliError::new(e.message()))?;
    let unit = CreditCode::parse(&args.unit).map_err(|e| CliError::new(e.message()))?;
    let materials = parse_materials(&args.attach)?;

    let mut overrides = Vec::new();
    for item in &args.overrides {
        let (rule, reason) = item
            .split_once('=')
            .ok_or_else(|| CliError::new(Message::new(Key::CliOverrideFormat).arg("value", item)))?;
        let rule = rule.trim().replace('-', "_");
        if !Rule::ALL.iter().any(|known| known.code() == rule) {
            let rules: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
            return Err(CliError::new(
                Message::new(Key::OverrideUnknownRule).arg("rule", &rule).arg("rules", rules.join("、")),
            ));
        }
        overrides.push(Override { rule, reason: reason.trim().to_owned() });
    }
    Ok(Parsed { kind, qualification, person, unit, materials, overrides })
}

/// Reads each `KIND=FILE`. A material takes one file, as in the window, where attaching a
/// second file replaces the first. So two files for one kind are rejected here rather than one
/// silently winning.
fn parse_materials(items: &[String]) -> Result<Vec<(MaterialKind, PathBuf)>, CliError> {
    let mut materials: Vec<(MaterialKind, PathBuf)> = Vec::new();
    for item in items {
        let (code, path) =
            item.split_once('=').ok_or_else(|| CliError::new(Message::new(Key::CliAttachFormat).arg("value", item)))?;
        let kind = MaterialKind::from_code(code.trim())
            .ok_or_else(|| CliError::new(Message::new(Key::CliAttachKind).arg("kind", code)))?;
        let path = PathBuf::from(path);
        if let Some((_, first)) = materials.iter().find(|(k, _)| *k == kind) {
            return Err(CliError::new(
                Message::new(Key::CliMaterialTwice)
                    .key_arg("kind", kind.name())
                    .arg("code", kind.code())
                    .arg("first", crate::materials::display_name(first))
                    .arg("second", crate::materials::display_name(&path)),
            ));
        }
        materials.push((kind, path));
    }
    Ok(materials)
}

/// Checks one application's materials and pre-checks, saves its draft and, when asked, queues
/// it. A draft still being edited for the same person, type, qualification, unit and corrected
/// application is updated in place rather than joined by another.
fn file_one(
    data_dir: &DataDir,
    store: &mut crate::store::Store,
    args: &ApplyArgs,
    parsed: &Parsed,
    lang: Lang,
) -> Result<Filed, CliError> {
    let person = parsed.person.as_str();
    let facts =
        store.read(|c| load_facts(c, &Selection { id_number: Some(person.to_owned()), ..Selection::default() }))?;
    let facts = facts.into_iter().next().unwrap_or_else(|| PersonFacts {
        id_number: person.to_owned(),
        birth_date: Some(parsed.person.birth_date()),
        ..PersonFacts::default()
    });
    let specialties = values::specialties(parsed.qualification, &args.specialties, &facts, lang)?;

    let mut record = DraftRecord {
        id_number: person.to_owned(),
        qualification: parsed.qualification,
        specialties,
        qualified_on: args.qualified_on,
        overrides: parsed.overrides.clone(),
        application_id: args.corrects.clone(),
        ..DraftRecord::new(parsed.kind, parsed.unit.as_str().to_owned())
    };
    let earlier = match store.read(|c| drafts::find_editing(c, &record))? {
        Some(draft_id) => store.read(|c| drafts::load(c, draft_id))?,
        None => None,
    };
    let mut kept = earlier.as_ref().map(|e| untouched_materials(e, &parsed.materials)).unwrap_or_default();
    let (accepted, refused) = attach_all(&data_dir.materials_path(), &parsed.materials, &kept, lang);
    if let Some(earlier) = &earlier {
        keep_where_refused(&mut kept, earlier, &accepted, &refused);
        merge_earlier(&mut record, earlier);
    }
    record.materials = kept.iter().chain(&accepted).cloned().collect();
    let updated = record.draft_id.is_some();
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

    let outcome = Outcome { draft_id, updated, kept, accepted, refused, results, queued: queued_ok, not_queued };
    let failed = blocked(&outcome.results) || !outcome.refused.is_empty() || (args.submit && !queued_ok);
    Ok(Filed { json: outcome.json(lang), lines: outcome.lines(lang), failed })
}

/// The result of filing one application, for the report.
struct Outcome {
    draft_id: i64,
    /// Whether an existing draft was updated rather than a new one saved.
    updated: bool,
    /// Materials of the updated draft that this run left as they were.
    kept: Vec<(MaterialKind, MaterialInfo)>,
    accepted: Vec<(MaterialKind, MaterialInfo)>,
    refused: Vec<Refused>,
    results: Vec<crate::domain::application::PreCheck>,
    queued: bool,
    not_queued: Option<String>,
}

impl Outcome {
    fn json(&self, lang: Lang) -> serde_json::Value {
        json!({
            "draft_id": self.draft_id,
            "updated": self.updated,
            "blocked": blocked(&self.results),
            "kept": self.kept.iter().map(|(k, i)| json!({"kind": k.code(), "file": i.display_name})).collect::<Vec<_>>(),
            "accepted": self.accepted.iter().map(|(k, i)| json!({"kind": k.code(), "file": i.display_name, "format": i.format.label(), "pages": i.pages, "signed": i.signed, "sha256": i.sha256})).collect::<Vec<_>>(),
            "refused": self.refused.iter().map(|r| json!({"kind": r.kind.code(), "file": r.file, "reason": r.reason})).collect::<Vec<_>>(),
            "queued": self.queued,
            "not_queued_reason": self.not_queued,
            "checks": self.results.iter().map(|r| json!({"rule": r.rule.code(), "level": if r.level == Level::Block { "block" } else { "warning" }, "reason": r.reason.render(lang), "fix": r.fix.render(lang)})).collect::<Vec<_>>(),
        })
    }

    fn lines(&self, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        for (kind, info) in &self.kept {
            lines.push(
                Message::new(Key::CliMaterialKept)
                    .key_arg("kind", kind.name())
                    .arg("file", &info.display_name)
                    .render(lang),
            );
        }
        for (kind, info) in &self.accepted {
            lines.push(
                Message::new(Key::CliMaterialAccepted)
                    .key_arg("kind", kind.name())
                    .arg("file", &info.display_name)
                    .arg("format", info.format.label())
                    .render(lang),
            );
        }
        for refused in &self.refused {
            lines.push(
                Message::new(Key::CliMaterialRefused)
                    .arg("file", &refused.file)
                    .arg("reason", &refused.reason)
                    .render(lang),
            );
        }
        for result in &self.results {
            let level = tr(lang, if result.level == Level::Block { Key::PreCheckBlock } else { Key::PreCheckWarning });
            let mut line = format!("{level}：{} {}", result.reason.render(lang), result.fix.render(lang));
            if result.level == Level::Warning {
                let _ = write!(line, " (--override {}=…)", result.rule.code());
            }
            lines.push(line);
        }
        let saved = if self.updated { Key::CliDraftUpdated } else { Key::CliDraftSaved };
        lines.push(Message::new(saved).arg("id", self.draft_id).render(lang));
        if self.queued {
            lines.push(Message::new(Key::CliApplicationQueued).arg("id", self.draft_id).render(lang));
        }
        if let Some(reason) = &self.not_queued {
            lines.push(reason.clone());
        }
        lines
    }
}

/// A file the material check refused.
struct Refused {
    kind: MaterialKind,
    /// The file name, without its folder.
    file: String,
    /// Why, in the user's language.
    reason: String,
}

/// Checks each material's file and copies the accepted ones into the materials folder.
/// `attached` lists the materials already on the draft, so that the same content is not
/// attached twice. Returns the accepted materials and the refused files.
fn attach_all(
    folder: &std::path::Path,
    materials: &[(MaterialKind, PathBuf)],
    attached: &[(MaterialKind, MaterialInfo)],
    lang: Lang,
) -> (Vec<(MaterialKind, MaterialInfo)>, Vec<Refused>) {
    let mut accepted: Vec<(MaterialKind, MaterialInfo)> = Vec::new();
    let mut refused = Vec::new();
    for (kind, path) in materials {
        let known: Vec<(String, String)> =
            attached.iter().chain(&accepted).map(|(_, i)| (i.sha256.clone(), i.display_name.clone())).collect();
        match inspect(path, &known).and_then(|(info, bytes)| store_copy(folder, &info, &bytes).map(|_| info)) {
            Ok(info) => accepted.push((*kind, info)),
            Err(error) => refused.push(Refused {
                kind: *kind,
                file: crate::materials::display_name(path),
                reason: error.message().render(lang),
            }),
        }
    }
    (accepted, refused)
}

/// Returns the earlier draft's materials of the kinds this run does not name.
fn untouched_materials(earlier: &DraftRecord, named: &[(MaterialKind, PathBuf)]) -> Vec<(MaterialKind, MaterialInfo)> {
    earlier.materials.iter().filter(|(kind, _)| !named.iter().any(|(k, _)| k == kind)).cloned().collect()
}

/// Keeps the earlier file of each kind whose new file was refused, as the window does when an
/// attached file fails its check, unless the same content was accepted under another kind.
fn keep_where_refused(
    kept: &mut Vec<(MaterialKind, MaterialInfo)>,
    earlier: &DraftRecord,
    accepted: &[(MaterialKind, MaterialInfo)],
    refused: &[Refused],
) {
    for refusal in refused {
        let Some((kind, info)) = earlier.materials.iter().find(|(kind, _)| *kind == refusal.kind) else {
            continue;
        };
        if !accepted.iter().chain(kept.iter()).any(|(_, other)| other.sha256 == info.sha256) {
            kept.push((*kind, info.clone()));
        }
    }
}

/// Fills what this run left out from the earlier draft it updates: the specialties and the day
/// of passing when not given, and the overrides of rules not given again.
fn merge_earlier(record: &mut DraftRecord, earlier: &DraftRecord) {
    record.draft_id = earlier.draft_id;
    if record.specialties.is_empty() {
        record.specialties.clone_from(&earlier.specialties);
    }
    record.qualified_on = record.qualified_on.or(earlier.qualified_on);
    let given: Vec<String> = record.overrides.iter().map(|o| o.rule.clone()).collect();
    let mut overrides: Vec<Override> = earlier.overrides.iter().filter(|o| !given.contains(&o.rule)).cloned().collect();
    overrides.append(&mut record.overrides);
    record.overrides = overrides;
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
