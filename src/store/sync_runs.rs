//! The record of sync runs and the page position of an unfinished run.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Result;

/// How a sync run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRunOutcome {
    /// Still running, or stopped without a chance to record its end.
    Running,
    /// Every page was fetched and committed.
    Succeeded,
    /// Stopped by an error after committing the pages it could.
    Failed,
}

impl SyncRunOutcome {
    fn code(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }
}

/// One recorded sync run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncRun {
    /// When the run started (UTC, RFC 3339).
    pub started_at: String,
    /// When the run ended, if it did.
    pub finished_at: Option<String>,
    /// Pages committed.
    pub pages: u64,
    /// Records written.
    pub records: u64,
}

/// Records the start of a run and returns its id.
pub fn start(transaction: &Transaction<'_>, now: DateTime<Utc>) -> Result<i64> {
    transaction.execute("INSERT INTO sync_runs (started_at, outcome) VALUES (?1, 'running')", [now.to_rfc3339()])?;
    Ok(transaction.last_insert_rowid())
}

/// Adds one committed page to a run, in the page's own transaction.
pub fn add_page(transaction: &Transaction<'_>, run_id: i64, records: u64) -> Result<()> {
    transaction.execute(
        "UPDATE sync_runs SET pages = pages + 1, records = records + ?2 WHERE run_id = ?1",
        params![run_id, i64::try_from(records).unwrap_or(i64::MAX)],
    )?;
    Ok(())
}

/// Records how a run ended.
pub fn finish(transaction: &Transaction<'_>, run_id: i64, outcome: SyncRunOutcome, now: DateTime<Utc>) -> Result<()> {
    transaction.execute(
        "UPDATE sync_runs SET outcome = ?2, finished_at = ?3 WHERE run_id = ?1",
        params![run_id, outcome.code(), now.to_rfc3339()],
    )?;
    Ok(())
}

/// Returns the newest run that fetched every page.
pub fn last_success(connection: &Connection) -> Result<Option<SyncRun>> {
    Ok(connection
        .query_row(
            "SELECT started_at, finished_at, pages, records FROM sync_runs
             WHERE outcome = 'succeeded' ORDER BY run_id DESC LIMIT 1",
            [],
            |row| {
                Ok(SyncRun {
                    started_at: row.get(0)?,
                    finished_at: row.get(1)?,
                    pages: u64::try_from(row.get::<_, i64>(2)?).unwrap_or_default(),
                    records: u64::try_from(row.get::<_, i64>(3)?).unwrap_or_default(),
                })
            },
        )
        .optional()?)
}

/// Saves the page token to continue from for a resource, or clears it with `None`.
pub fn save_page_token(
    transaction: &Transaction<'_>,
    resource: &str,
    page_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    transaction.execute(
        "INSERT INTO sync_state (resource, page_token, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (resource) DO UPDATE SET page_token = excluded.page_token, updated_at = excluded.updated_at",
        params![resource, page_token, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Returns the saved page token of a resource, if a run stopped part-way.
pub fn page_token(connection: &Connection, resource: &str) -> Result<Option<String>> {
    Ok(connection
        .query_row("SELECT page_token FROM sync_state WHERE resource = ?1", [resource], |row| row.get(0))
        .optional()?
        .flatten())
}

/// Where the last complete fetch of a listing left it, so the next sync fetches only what
/// changed since.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListingPosition {
    /// The entity tag of the listing, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The cursor of a change feed, sent back as `since`.
    pub cursor: Option<String>,
}

/// Saves the position of a listing whose last page was just committed. `None` fields are
/// cleared, so the next sync fetches the listing whole.
pub fn save_listing_position(transaction: &Transaction<'_>, resource: &str, position: &ListingPosition) -> Result<()> {
    transaction.execute(
        "UPDATE sync_state SET etag = ?2, cursor = ?3 WHERE resource = ?1",
        params![resource, position.etag, position.cursor],
    )?;
    Ok(())
}

/// Returns the position of a listing as of its last complete fetch.
pub fn listing_position(connection: &Connection, resource: &str) -> Result<ListingPosition> {
    Ok(connection
        .query_row("SELECT etag, cursor FROM sync_state WHERE resource = ?1", [resource], |row| {
            Ok(ListingPosition { etag: row.get(0)?, cursor: row.get(1)? })
        })
        .optional()?
        .unwrap_or_default())
}
