//! `certdesk applications list` and `certdesk applications delete`: the saved drafts, the
//! outbox and the platform's applications, and deleting a draft not yet submitted.

use std::process::ExitCode;

use chrono::DateTime;
use serde_json::json;

use super::{CliError, output};
use crate::account::DataDir;
use crate::domain::application::MaterialKind;
use crate::domain::id_number::mask_id_text;
use crate::domain::records::{ApplicationKind, ChangeApplication};
use crate::i18n::{Key, Lang, Message, application_kind_key, application_state_key, format_date, tr};
use crate::platform::error::refusal_message;
use crate::store::applications;
use crate::store::drafts::{self, DraftRow, DraftState};
use crate::store::outbox::{self, OutboxEntry, OutboxState};

/// Lists the drafts with their state, the outbox, and the platform's applications with their
/// history and the reviewer's reasons. The text form shows the names the window shows; the JSON
/// form keeps the stable codes.
pub fn list(data_dir: &DataDir, as_json: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let store = super::certs::open_active_cache(data_dir)?;
    let (rows, entries, applications) =
        store.read(|c| Ok((drafts::list(c)?, outbox::all(c)?, applications::list(c)?)))?;
    if as_json {
        output::json(&list_json(&rows, &entries, &applications, lang));
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() && applications.is_empty() {
        output::line(tr(lang, Key::CliNoDrafts));
        return Ok(ExitCode::SUCCESS);
    }
    if !rows.is_empty() {
        output::line(tr(lang, Key::ApplicationsDrafts));
    }
    for row in &rows {
        output::line(&draft_line(row, lang));
    }
    for entry in &entries {
        if let Some(reason) = refusal(entry, lang) {
            output::line(&format!("#{}\t{reason}", entry.draft_id.unwrap_or_default()));
        }
    }
    if !applications.is_empty() {
        output::line(tr(lang, Key::ApplicationsOnPlatform));
    }
    for application in &applications {
        for line in application_lines(application, lang) {
            output::line(&line);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Deletes a draft that is still being edited. A draft already in the outbox or sent to the
/// platform stays, because the platform has it or will receive it at the next sync. The copied
/// material files stay in the data folder, where other drafts may share them.
pub fn delete(data_dir: &DataDir, draft_id: i64, lang: Lang) -> Result<ExitCode, CliError> {
    let mut store = super::certs::open_active_cache(data_dir)?;
    let state = store.write(|transaction| {
        let state = drafts::load(transaction, draft_id)?.map(|record| record.state);
        if state == Some(DraftState::Editing) {
            drafts::delete(transaction, draft_id)?;
        }
        Ok(state)
    })?;
    match state {
        Some(DraftState::Editing) => {
            output::line(&Message::new(Key::CliDraftDeleted).arg("id", draft_id).render(lang));
            Ok(ExitCode::SUCCESS)
        }
        Some(state) => Err(CliError::new(
            Message::new(Key::CliDraftNotDeletable).arg("id", draft_id).key_arg("state", state.name()),
        )),
        None => Err(CliError::new(Message::new(Key::CliDraftNotFound).arg("id", draft_id))),
    }
}

/// Returns the platform's reason for a refused outbox entry.
fn refusal(entry: &OutboxEntry, lang: Lang) -> Option<String> {
    (entry.state == OutboxState::Refused)
        .then(|| entry.last_error.as_deref().map(|code| refusal_message(code).render(lang)))
        .flatten()
}

fn draft_line(row: &DraftRow, lang: Lang) -> String {
    let kind = ApplicationKind::from_code(&row.kind).map_or(row.kind.as_str(), |k| tr(lang, application_kind_key(k)));
    let names: Vec<&str> = row.materials.iter().map(|(_, file)| file.as_str()).collect();
    format!(
        "#{}\t{kind}\t{}\t{}\t{}\t{}",
        row.draft_id,
        mask_id_text(&row.id_number),
        tr(lang, row.state.name()),
        saved_at(&row.updated_at, lang),
        names.join("、")
    )
}

/// Formats a draft's last save (RFC 3339) as the day and time in China Standard Time, or
/// returns it unchanged when it does not parse.
fn saved_at(updated_at: &str, lang: Lang) -> String {
    DateTime::parse_from_rfc3339(updated_at).map_or_else(
        |_| updated_at.to_owned(),
        |time| {
            let local = time.with_timezone(&crate::domain::time::china_standard_time());
            format!("{} {}", format_date(lang, local.date_naive()), local.format("%H:%M"))
        },
    )
}

fn application_lines(application: &ChangeApplication, lang: Lang) -> Vec<String> {
    let mut lines = vec![format!(
        "{}\t{}\t{}\t{}",
        application.application_id,
        tr(lang, application_kind_key(application.kind)),
        mask_id_text(&application.id_number),
        tr(lang, application_state_key(application.state)),
    )];
    for event in &application.history {
        let mut line =
            format!("\t{}\t{}", format_date(lang, event.happened_on), tr(lang, application_state_key(event.state)));
        if !event.note.is_empty() {
            line.push('\t');
            line.push_str(&event.note);
        }
        lines.push(line);
    }
    for correction in &application.corrections {
        let material =
            MaterialKind::from_code(&correction.material).map_or(correction.material.as_str(), |k| tr(lang, k.name()));
        lines.push(format!("\t{material}：{}", correction.reason));
    }
    lines
}

fn list_json(
    rows: &[DraftRow],
    entries: &[OutboxEntry],
    applications: &[ChangeApplication],
    lang: Lang,
) -> serde_json::Value {
    let mask = mask_id_text;
    json!({
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
            "refused_reason": refusal(entry, lang),
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
    })
}
