//! Application drafts (草稿) and their checked materials in the cache.
//!
//! A draft is saved whole on every change, in one transaction, so what the form shows as saved
//! is on disk and survives a crash.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Transaction, params};
use serde::{Deserialize, Serialize};

use super::{Result, StoreError};
use crate::domain::Qualification;
use crate::domain::application::{Draft, MaterialKind};
use crate::domain::records::ApplicationKind;
use crate::materials::{MaterialFormat, MaterialInfo};

/// State of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftState {
    /// Being filled in; the form can change it.
    Editing,
    /// Submitted while offline or before the next sync: waiting in the outbox.
    Queued,
    /// The platform received it; it now follows the application's states.
    Sent,
}

impl DraftState {
    fn code(self) -> &'static str {
        match self {
            Self::Editing => "editing",
            Self::Queued => "queued",
            Self::Sent => "sent",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::Editing, Self::Queued, Self::Sent].into_iter().find(|s| s.code() == code)
    }

    /// Returns the name users know the state by.
    pub fn name(self) -> crate::i18n::Key {
        match self {
            Self::Editing => crate::i18n::Key::DraftEditing,
            Self::Queued => crate::i18n::Key::DraftQueued,
            Self::Sent => crate::i18n::Key::DraftSent,
        }
    }
}

/// A warning the user overrode, with their reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// Code of the pre-check rule.
    pub rule: String,
    /// The user's reason.
    pub reason: String,
}

/// A draft as the form edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRecord {
    /// Row id; `None` before the first save.
    pub draft_id: Option<i64>,
    /// The person's ID number.
    pub id_number: String,
    /// Type of application.
    pub kind: ApplicationKind,
    /// Qualification concerned.
    pub qualification: Qualification,
    /// The filing unit.
    pub unit_credit_code: String,
    /// Specialties concerned.
    pub specialties: Vec<String>,
    /// Day the qualification or added specialty was passed.
    pub qualified_on: Option<NaiveDate>,
    /// Checked materials, each with its kind.
    pub materials: Vec<(MaterialKind, MaterialInfo)>,
    /// Warnings overridden.
    pub overrides: Vec<Override>,
    /// State of the draft.
    pub state: DraftState,
    /// The platform's application this draft filed or corrects.
    pub application_id: Option<String>,
}

impl DraftRecord {
    /// Creates an empty draft of one type for the unit.
    pub fn new(kind: ApplicationKind, unit_credit_code: String) -> Self {
        Self {
            draft_id: None,
            id_number: String::new(),
            kind,
            qualification: Qualification::Constructor1,
            unit_credit_code,
            specialties: Vec::new(),
            qualified_on: None,
            materials: Vec::new(),
            overrides: Vec::new(),
            state: DraftState::Editing,
            application_id: None,
        }
    }

    /// Returns the draft as the pre-checks read it.
    pub fn draft(&self) -> Draft {
        Draft {
            kind: self.kind,
            qualification: self.qualification,
            unit_credit_code: self.unit_credit_code.clone(),
            specialties: self.specialties.clone(),
            qualified_on: self.qualified_on,
            attached: self.materials.iter().map(|(kind, _)| *kind).collect(),
            corrects: self.application_id.clone(),
        }
    }
}

/// Saves a new draft with its materials in one transaction and returns its id.
pub fn insert(
    transaction: &Transaction<'_>,
    id_number: &str,
    draft: &Draft,
    materials: &[(MaterialKind, MaterialInfo)],
    now: DateTime<Utc>,
) -> Result<i64> {
    let record = DraftRecord {
        draft_id: None,
        id_number: id_number.to_owned(),
        kind: draft.kind,
        qualification: draft.qualification,
        unit_credit_code: draft.unit_credit_code.clone(),
        specialties: draft.specialties.clone(),
        qualified_on: draft.qualified_on,
        materials: materials.to_vec(),
        overrides: Vec::new(),
        state: DraftState::Editing,
        application_id: None,
    };
    save(transaction, &record, now)
}

/// Writes a draft whole, inserting it when it has no id yet, and returns its id.
pub fn save(transaction: &Transaction<'_>, record: &DraftRecord, now: DateTime<Utc>) -> Result<i64> {
    let overrides = serde_json::to_string(&record.overrides).unwrap_or_else(|_| "[]".to_owned());
    let specialties = record.specialties.join("\n");
    let qualified_on = record.qualified_on.map(|d| d.to_string());
    let now = now.to_rfc3339();
    // A draft without an id gets the next number, never one given out before; a saved draft is
    // replaced whole.
    let draft_id = match record.draft_id {
        Some(id) => id,
        None => transaction.query_row(
            "UPDATE draft_numbers SET last = max(last, (SELECT coalesce(max(draft_id), 0) FROM application_drafts)) + 1
             RETURNING last",
            [],
            |row| row.get::<_, i64>(0),
        )?,
    };
    transaction.execute(
        "INSERT INTO application_drafts (draft_id, kind, qualification, id_number, unit_credit_code, specialties,
                                         qualified_on, created_at, updated_at, state, application_id, overrides)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11)
         ON CONFLICT (draft_id) DO UPDATE SET kind = excluded.kind, qualification = excluded.qualification,
             id_number = excluded.id_number, unit_credit_code = excluded.unit_credit_code,
             specialties = excluded.specialties, qualified_on = excluded.qualified_on,
             updated_at = excluded.updated_at, state = excluded.state, application_id = excluded.application_id,
             overrides = excluded.overrides",
        params![
            draft_id,
            record.kind.code(),
            record.qualification.code(),
            record.id_number,
            record.unit_credit_code,
            specialties,
            qualified_on,
            now,
            record.state.code(),
            record.application_id,
            overrides,
        ],
    )?;
    transaction.execute("DELETE FROM draft_materials WHERE draft_id = ?1", [draft_id])?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO draft_materials (draft_id, material_kind, sha256, display_name, format, size, pages, signed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (kind, info) in &record.materials {
        insert.execute(params![
            draft_id,
            kind.code(),
            info.sha256,
            info.display_name,
            info.format.label(),
            i64::try_from(info.size).unwrap_or(i64::MAX),
            info.pages.map(|p| i64::try_from(p).unwrap_or(i64::MAX)),
            info.signed,
        ])?;
    }
    Ok(draft_id)
}

/// Sets the state of a draft, and the platform's application id once known.
pub fn set_state(
    transaction: &Transaction<'_>,
    draft_id: i64,
    state: DraftState,
    application_id: Option<&str>,
) -> Result<()> {
    transaction.execute(
        "UPDATE application_drafts SET state = ?1, application_id = COALESCE(?2, application_id) WHERE draft_id = ?3",
        params![state.code(), application_id, draft_id],
    )?;
    Ok(())
}

/// Deletes a draft and its material rows (the copied files stay, shared by content).
pub fn delete(transaction: &Transaction<'_>, draft_id: i64) -> Result<()> {
    transaction.execute("DELETE FROM application_drafts WHERE draft_id = ?1", [draft_id])?;
    Ok(())
}

/// Returns the id of the newest draft still being edited for the same person, type,
/// qualification, unit and corrected application: the draft a repeated `certdesk apply`
/// updates. Queued and sent drafts are never returned.
pub fn find_editing(connection: &Connection, record: &DraftRecord) -> Result<Option<i64>> {
    let draft_id = connection
        .prepare_cached(
            "SELECT draft_id FROM application_drafts
             WHERE id_number = ?1 AND kind = ?2 AND qualification = ?3 AND unit_credit_code = ?4
               AND application_id IS ?5 AND state = ?6
             ORDER BY draft_id DESC LIMIT 1",
        )?
        .query_row(
            params![
                record.id_number,
                record.kind.code(),
                record.qualification.code(),
                record.unit_credit_code,
                record.application_id,
                DraftState::Editing.code(),
            ],
            |row| row.get(0),
        )
        .optional()?;
    Ok(draft_id)
}

/// Loads one draft whole.
pub fn load(connection: &Connection, draft_id: i64) -> Result<Option<DraftRecord>> {
    let row = connection
        .prepare_cached(
            "SELECT kind, qualification, id_number, unit_credit_code, specialties, qualified_on, state,
                    application_id, overrides
             FROM application_drafts WHERE draft_id = ?1",
        )?
        .query_row([draft_id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, String>(8)?,
            ))
        })
        .optional()?;
    let Some((kind, qualification, id_number, unit, specialties, qualified_on, state, application_id, overrides)) = row
    else {
        return Ok(None);
    };
    let corrupt = |column: &'static str, value: &str| StoreError::Corrupt { column, value: value.to_owned() };
    let qualified_on = qualified_on
        .map(|text| text.parse::<NaiveDate>().map_err(|_| corrupt("application_drafts.qualified_on", &text)))
        .transpose()?;
    Ok(Some(DraftRecord {
        draft_id: Some(draft_id),
        id_number,
        kind: ApplicationKind::from_code(&kind).ok_or_else(|| corrupt("application_drafts.kind", &kind))?,
        qualification: Qualification::from_code(&qualification)
            .ok_or_else(|| corrupt("application_drafts.qualification", &qualification))?,
        unit_credit_code: unit,
        specialties: specialties.split('\n').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
        qualified_on,
        materials: materials(connection, draft_id)?,
        overrides: serde_json::from_str(&overrides).map_err(|_| corrupt("application_drafts.overrides", &overrides))?,
        state: DraftState::from_code(&state).ok_or_else(|| corrupt("application_drafts.state", &state))?,
        application_id,
    }))
}

fn materials(connection: &Connection, draft_id: i64) -> Result<Vec<(MaterialKind, MaterialInfo)>> {
    let mut statement = connection.prepare_cached(
        "SELECT material_kind, sha256, display_name, format, size, pages, signed FROM draft_materials
         WHERE draft_id = ?1 ORDER BY rowid",
    )?;
    let rows = statement.query_map([draft_id], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, i64>(4)?,
            row.get::<_, Option<i64>>(5)?,
            row.get::<_, bool>(6)?,
        ))
    })?;
    let mut list = Vec::new();
    for row in rows {
        let (kind, sha256, display_name, format, size, pages, signed) = row?;
        let kind = MaterialKind::from_code(&kind)
            .ok_or_else(|| StoreError::Corrupt { column: "draft_materials.material_kind", value: kind.clone() })?;
        let format = MaterialFormat::from_label(&format)
            .ok_or_else(|| StoreError::Corrupt { column: "draft_materials.format", value: format.clone() })?;
        let info = MaterialInfo {
            format,
            size: u64::try_from(size).unwrap_or_default(),
            sha256,
            pages: pages.and_then(|p| usize::try_from(p).ok()),
            dimensions: None,
            signed,
            display_name,
        };
        list.push((kind, info));
    }
    Ok(list)
}

/// A draft row for lists: id, type code, ID number, last change, state code, the platform's
/// application id, and the (kind code, file name) of each material.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// Row id.
    pub draft_id: i64,
    /// Type code.
    pub kind: String,
    /// The person's ID number.
    pub id_number: String,
    /// Last save, RFC 3339.
    pub updated_at: String,
    /// State.
    pub state: DraftState,
    /// The platform's application, once sent.
    pub application_id: Option<String>,
    /// (kind code, file name) of each material.
    pub materials: Vec<(String, String)>,
}

impl DraftRow {
    /// Returns the state code of the JSON output: `editing`, `queued` or `sent`.
    pub fn state_code(&self) -> &'static str {
        self.state.code()
    }
}

/// Lists every draft, newest first, with the kinds and names of its materials.
pub fn list(connection: &Connection) -> Result<Vec<DraftRow>> {
    let mut statement = connection.prepare_cached(
        "SELECT draft_id, kind, id_number, updated_at, state, application_id FROM application_drafts
         ORDER BY draft_id DESC",
    )?;
    let drafts: Vec<(i64, String, String, String, String, Option<String>)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut materials = connection
        .prepare_cached("SELECT material_kind, display_name FROM draft_materials WHERE draft_id = ?1 ORDER BY rowid")?;
    let mut result = Vec::with_capacity(drafts.len());
    for (draft_id, kind, id_number, updated_at, state, application_id) in drafts {
        let files =
            materials.query_map([draft_id], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let state = DraftState::from_code(&state)
            .ok_or_else(|| StoreError::Corrupt { column: "application_drafts.state", value: state.clone() })?;
        result.push(DraftRow { draft_id, kind, id_number, updated_at, state, application_id, materials: files });
    }
    Ok(result)
}
