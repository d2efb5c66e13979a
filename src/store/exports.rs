//! The export register (用证台账): every exported copy, when, of which certificate version,
//! for what purpose and to whom, the file's SHA-256 and the end of its usage period.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension as _, Row, Transaction, params};

use super::{Result, StoreError};

/// The part of CertDesk that made an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportSource {
    /// The window.
    Gui,
    /// The command line.
    Cli,
}

impl ExportSource {
    /// Returns the stable code stored in the register.
    pub fn code(self) -> &'static str {
        match self {
            Self::Gui => "gui",
            Self::Cli => "cli",
        }
    }
}

/// One exported copy as the register stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRecord {
    /// When the file was written (UTC).
    pub exported_at: DateTime<Utc>,
    /// The platform's certificate identifier.
    pub certificate_id: String,
    /// The certificate version exported.
    pub version: u32,
    /// Registration number.
    pub registration_number: String,
    /// Holder's name.
    pub holder_name: String,
    /// The purpose printed on the copy, `None` when exported without one.
    pub purpose: Option<String>,
    /// The recipient printed on the copy.
    pub recipient: Option<String>,
    /// File name the copy was written to (no folder).
    pub file_name: String,
    /// SHA-256 of the written file, lowercase hexadecimal.
    pub file_sha256: String,
    /// Last day the copy may be used.
    pub usable_until: NaiveDate,
    /// GUI or CLI.
    pub source: ExportSource,
}

/// Appends one export to the register.
pub fn record(transaction: &Transaction<'_>, export: &ExportRecord) -> Result<i64> {
    transaction.execute(
        "INSERT INTO exports (exported_at, certificate_id, version, registration_number, holder_name, purpose,
                              recipient, file_name, file_sha256, usable_until, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            export.exported_at.to_rfc3339(),
            export.certificate_id,
            export.version,
            export.registration_number,
            export.holder_name,
            export.purpose,
            export.recipient,
            export.file_name,
            export.file_sha256,
            export.usable_until.to_string(),
            export.source.code(),
        ],
    )?;
    Ok(transaction.last_insert_rowid())
}

/// Lists the register, newest export first.
pub fn list(connection: &Connection) -> Result<Vec<ExportRecord>> {
    let mut statement = connection.prepare_cached(
        "SELECT exported_at, certificate_id, version, registration_number, holder_name, purpose, recipient,
                file_name, file_sha256, usable_until, source
         FROM exports ORDER BY exported_at DESC, export_id DESC",
    )?;
    let rows = statement.query_map([], read_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(finish_row).collect()
}

/// Returns the newest version of a certificate the cache holds, for the superseded check.
pub fn latest_version(connection: &Connection, certificate_id: &str) -> Result<Option<u32>> {
    Ok(connection
        .query_row("SELECT max(version) FROM certificates WHERE certificate_id = ?1", [certificate_id], |row| {
            row.get::<_, Option<u32>>(0)
        })
        .optional()?
        .flatten())
}

type RawRow = (String, String, u32, String, String, Option<String>, Option<String>, String, String, String, String);

fn read_row(row: &Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get(9)?,
        row.get(10)?,
    ))
}

fn finish_row(raw: RawRow) -> Result<ExportRecord> {
    let (
        exported_at,
        certificate_id,
        version,
        registration_number,
        holder_name,
        purpose,
        recipient,
        file_name,
        file_sha256,
        usable_until,
        source,
    ) = raw;
    let corrupt = |column, value: &str| StoreError::Corrupt { column, value: value.to_owned() };
    Ok(ExportRecord {
        exported_at: DateTime::parse_from_rfc3339(&exported_at)
            .map_err(|_| corrupt("exports.exported_at", &exported_at))?
            .with_timezone(&Utc),
        certificate_id,
        version,
        registration_number,
        holder_name,
        purpose,
        recipient,
        file_name,
        file_sha256,
        usable_until: usable_until.parse().map_err(|_| corrupt("exports.usable_until", &usable_until))?,
        source: match source.as_str() {
            "gui" => ExportSource::Gui,
            "cli" => ExportSource::Cli,
            _ => return Err(corrupt("exports.source", &source)),
        },
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;
    use crate::store::Store;

    fn sample(minute: u32) -> ExportRecord {
        ExportRecord {
            exported_at: Utc.with_ymd_and_hms(2026, 12, 4, 8, minute, 0).unwrap(),
            certificate_id: "cert-1".into(),
            version: 2,
            registration_number: "京111050700001".into(),
            holder_name: "王𬘓".into(),
            purpose: Some("仅用于某项目投标".into()),
            recipient: None,
            file_name: "王𬘓.pdf".into(),
            file_sha256: "0".repeat(64),
            usable_until: NaiveDate::from_ymd_opt(2027, 6, 2).unwrap(),
            source: ExportSource::Cli,
        }
    }

    #[test]
    fn register_lists_newest_first() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|t| record(t, &sample(1))).unwrap();
        store.write(|t| record(t, &sample(2))).unwrap();
        let rows = store.read(list).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], sample(2));
        assert_eq!(rows[1], sample(1));
    }

    #[test]
    fn latest_version_of_unknown_certificate_is_none() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.read(|c| latest_version(c, "nope")).unwrap(), None);
    }
}
