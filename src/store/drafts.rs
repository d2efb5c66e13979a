//! Application drafts (草稿) and their checked materials in the cache.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, params};

use super::Result;
use crate::domain::application::{Draft, MaterialKind};
use crate::materials::MaterialInfo;

/// Saves a new draft with its materials in one transaction and returns its id.
pub fn insert(
    transaction: &Transaction<'_>,
    id_number: &str,
    draft: &Draft,
    materials: &[(MaterialKind, MaterialInfo)],
    now: DateTime<Utc>,
) -> Result<i64> {
    transaction.execute(
        "INSERT INTO application_drafts (kind, qualification, id_number, unit_credit_code, specialties, qualified_on,
                                         created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            draft.kind.code(),
            draft.qualification.code(),
            id_number,
            draft.unit_credit_code,
            draft.specialties.join("\n"),
            draft.qualified_on.map(|d| d.to_string()),
            now.to_rfc3339(),
        ],
    )?;
    let draft_id = transaction.last_insert_rowid();
    let mut insert = transaction.prepare_cached(
        "INSERT INTO draft_materials (draft_id, material_kind, sha256, display_name, format, size, pages, signed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (kind, info) in materials {
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

/// A draft row for lists: id, type code, ID number, last change and the (kind code, file name)
/// of each material.
pub type DraftRow = (i64, String, String, String, Vec<(String, String)>);

/// Lists every draft, newest first, with the kinds and names of its materials.
pub fn list(connection: &Connection) -> Result<Vec<DraftRow>> {
    let mut statement = connection.prepare_cached(
        "SELECT draft_id, kind, id_number, updated_at FROM application_drafts ORDER BY draft_id DESC",
    )?;
    let drafts: Vec<(i64, String, String, String)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut materials = connection.prepare_cached(
        "SELECT material_kind, display_name FROM draft_materials WHERE draft_id = ?1 ORDER BY material_kind",
    )?;
    let mut result = Vec::with_capacity(drafts.len());
    for (draft_id, kind, id_number, updated_at) in drafts {
        let files =
            materials.query_map([draft_id], |row| Ok((row.get(0)?, row.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        result.push((draft_id, kind, id_number, updated_at, files));
    }
    Ok(result)
}
