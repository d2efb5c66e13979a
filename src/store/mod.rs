//! The local SQLite cache: schema, migrations and every SQL statement the app runs.
//!
//! One [`Store`] wraps one connection. Reads go through [`Store::read`]; writes go through
//! [`Store::write`], which runs in one transaction that commits only if the closure succeeds.

pub mod applications;
pub mod bulk;
pub mod certificates;
pub mod compliance;
pub mod drafts;
pub mod exports;
pub mod outbox;
pub mod payments;
pub mod records;
pub mod schema;
pub mod sync_runs;
pub mod tombstones;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

pub use sync_runs::{SyncRun, SyncRunOutcome};

/// Errors from the cache.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("SQLite error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The cache file was written by a newer CertDesk.
    #[error("cache schema version {found} is newer than this program's {supported}")]
    TooNew {
        /// Version found in the file.
        found: u32,
        /// Newest version this program knows.
        supported: u32,
    },
    /// The folder for the cache could not be created.
    #[error("cannot create cache folder {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A stored value could not be read back into a domain type.
    #[error("corrupt value in column {column}: {value}")]
    Corrupt {
        /// Table and column.
        column: &'static str,
        /// The value found.
        value: String,
    },
    /// The user cancelled the write; its transaction was rolled back.
    #[error("the write was cancelled")]
    Cancelled,
    /// A thread reading the cache failed to start, or stopped without sending its result.
    #[error("background reader: {0}")]
    Thread(String),
}

/// Result type of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// 5 seconds: how long a writer waits for another connection's transaction to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection to the cache with its schema at the current version.
pub struct Store {
    connection: Connection,
}

impl Store {
    /// Opens (creating if needed) the cache at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|source| StoreError::Folder { path: folder.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(path, flags)?;
        connection.pragma_update(None, "journal_mode", "wal")?;
        connection.pragma_update(None, "synchronous", "normal")?;
        Self::prepare(connection)
    }

    /// Opens an empty in-memory cache, for tests.
    pub fn open_in_memory() -> Result<Self> {
        Self::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut connection: Connection) -> Result<Self> {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        connection.pragma_update(None, "foreign_keys", true)?;
        migrate(&mut connection, schema::MIGRATIONS)?;
        Ok(Self { connection })
    }

    /// Returns the cache file's path; `None` for an in-memory cache.
    pub fn path(&self) -> Option<PathBuf> {
        self.connection.path().filter(|path| !path.is_empty()).map(PathBuf::from)
    }

    /// Writes a consistent copy of the whole cache to `target`, a new file, while the cache stays
    /// open (SQLite's `VACUUM INTO`).
    pub fn snapshot_to(&self, target: &Path) -> Result<()> {
        self.connection.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        Ok(())
    }

    /// Runs read-only work on the connection.
    pub fn read<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        work(&self.connection)
    }

    /// Runs work in one transaction, committed only if `work` returns `Ok`.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let transaction = self.connection.transaction()?;
        let value = work(&transaction)?;
        transaction.commit()?;
        Ok(value)
    }
}

/// Reads the schema version from `PRAGMA user_version`.
pub fn schema_version(connection: &Connection) -> Result<u32> {
    Ok(connection.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies the migrations past the file's `user_version` in one transaction, setting the new
/// version in the same transaction so a crash leaves either the old or the new schema.
pub fn migrate(connection: &mut Connection, migrations: &[&str]) -> Result<()> {
    let found = schema_version(connection)?;
    let target = u32::try_from(migrations.len()).unwrap_or(u32::MAX);
    if found > target {
        return Err(StoreError::TooNew { found, supported: target });
    }
    if found == target {
        return Ok(());
    }
    let transaction = connection.transaction()?;
    for migration in &migrations[found as usize..] {
        transaction.execute_batch(migration)?;
    }
    transaction.pragma_update(None, "user_version", target)?;
    transaction.commit()?;
    Ok(())
}
