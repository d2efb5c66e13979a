//! The outbox (待发送): actions taken while offline or before the next sync, waiting in the cache
//! to go to the platform once each.
//!
//! Each entry gets a random idempotency key when it is queued, in the same transaction as the
//! change that queued it. The key goes with every attempt, so a request repeated after a lost
//! response cannot file a second application, because the platform returns what it filed the
//! first time.

use chrono::{DateTime, Utc};
use rand::RngCore as _;
use rusqlite::{Connection, Transaction, params};

use super::drafts::{self, DraftState};
use super::{Result, StoreError};

/// Kind of request an entry sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxKind {
    /// A registration application, `POST /api/v1/applications`.
    Application,
    /// An exemption with its evidence, `POST /api/v1/exemptions`.
    Exemption,
}

impl OutboxKind {
    fn code(self) -> &'static str {
        match self {
            Self::Application => "application",
            Self::Exemption => "exemption",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::Application, Self::Exemption].into_iter().find(|k| k.code() == code)
    }
}

/// State of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    /// Not yet accepted by the platform.
    Pending,
    /// Accepted; the platform's id is known.
    Sent,
    /// Refused by the platform for its content; sending it again would be refused again.
    Refused,
}

impl OutboxState {
    /// Returns the stable code, as the CLI's JSON writes it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Refused => "refused",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Refused].into_iter().find(|k| k.code() == code)
    }
}

/// One entry of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// Row id.
    pub outbox_id: i64,
    /// Sent as the `Idempotency-Key` header with every attempt.
    pub idempotency_key: String,
    /// Kind of request.
    pub kind: OutboxKind,
    /// The draft it came from, for applications.
    pub draft_id: Option<i64>,
    /// JSON of the submission part.
    pub body: String,
    /// State.
    pub state: OutboxState,
    /// Attempts so far that got no response.
    pub attempts: i64,
    /// The platform's id once sent, or its reason once refused.
    pub remote_id: Option<String>,
    /// Reason code of the last failure or refusal.
    pub last_error: Option<String>,
}

/// Returns a new random key: 128 bits as 32 hex digits.
fn new_key() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    crate::account::data_dir::hex(&bytes)
}

/// Queues an entry and returns its row id. For an application, the draft moves to
/// [`DraftState::Queued`] in the same transaction, so the form stops editing it.
pub fn enqueue(
    transaction: &Transaction<'_>,
    kind: OutboxKind,
    draft_id: Option<i64>,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    transaction.execute(
        "INSERT INTO outbox (idempotency_key, kind, draft_id, body, state, created_at)
         VALUES (?1, ?2, ?3, ?4, 'pending', ?5)",
        params![new_key(), kind.code(), draft_id, body, now.to_rfc3339()],
    )?;
    let outbox_id = transaction.last_insert_rowid();
    if let Some(draft_id) = draft_id {
        drafts::set_state(transaction, draft_id, DraftState::Queued, None)?;
    }
    Ok(outbox_id)
}

/// Returns the entries still to send, oldest first.
pub fn pending(connection: &Connection) -> Result<Vec<OutboxEntry>> {
    entries(connection, "WHERE state = 'pending'")
}

/// Returns every entry, newest first.
pub fn all(connection: &Connection) -> Result<Vec<OutboxEntry>> {
    entries(connection, "ORDER BY outbox_id DESC")
}

fn entries(connection: &Connection, clause: &str) -> Result<Vec<OutboxEntry>> {
    let sql = format!(
        "SELECT outbox_id, idempotency_key, kind, draft_id, body, state, attempts, remote_id, last_error
         FROM outbox {clause}"
    );
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, Option<i64>>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, i64>(6)?,
            row.get::<_, Option<String>>(7)?,
            row.get::<_, Option<String>>(8)?,
        ))
    })?;
    let mut list = Vec::new();
    for row in rows {
        let (outbox_id, idempotency_key, kind, draft_id, body, state, attempts, remote_id, last_error) = row?;
        list.push(OutboxEntry {
            outbox_id,
            idempotency_key,
            kind: OutboxKind::from_code(&kind)
                .ok_or_else(|| StoreError::Corrupt { column: "outbox.kind", value: kind.clone() })?,
            draft_id,
            body,
            state: OutboxState::from_code(&state)
                .ok_or_else(|| StoreError::Corrupt { column: "outbox.state", value: state.clone() })?,
            attempts,
            remote_id,
            last_error,
        });
    }
    Ok(list)
}

/// Records that the platform accepted an entry under `remote_id`. The draft it came from
/// moves to [`DraftState::Sent`] with the application id, in the same transaction.
pub fn mark_sent(
    transaction: &Transaction<'_>,
    entry: &OutboxEntry,
    remote_id: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    transaction.execute(
        "UPDATE outbox SET state = 'sent', remote_id = ?1, sent_at = ?2, last_error = NULL WHERE outbox_id = ?3",
        params![remote_id, now.to_rfc3339(), entry.outbox_id],
    )?;
    if let (OutboxKind::Application, Some(draft_id)) = (entry.kind, entry.draft_id) {
        drafts::set_state(transaction, draft_id, DraftState::Sent, Some(remote_id))?;
    }
    Ok(())
}

/// Records an attempt that got no response (network or platform error). The entry stays
/// pending for the next sync.
pub fn mark_attempt_failed(transaction: &Transaction<'_>, entry: &OutboxEntry, error: &str) -> Result<()> {
    transaction.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?1 WHERE outbox_id = ?2",
        params![error, entry.outbox_id],
    )?;
    Ok(())
}

/// Records that the platform refused an entry for its content. The draft goes back to
/// [`DraftState::Editing`] so the user can fix it and submit again under a new key.
pub fn mark_refused(transaction: &Transaction<'_>, entry: &OutboxEntry, reason: &str) -> Result<()> {
    transaction.execute(
        "UPDATE outbox SET state = 'refused', last_error = ?1 WHERE outbox_id = ?2",
        params![reason, entry.outbox_id],
    )?;
    if let (OutboxKind::Application, Some(draft_id)) = (entry.kind, entry.draft_id) {
        drafts::set_state(transaction, draft_id, DraftState::Editing, None)?;
    }
    Ok(())
}
