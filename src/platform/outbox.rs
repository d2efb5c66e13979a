//! Sends the outbox (待发送) to the platform, oldest entry first, each under its idempotency key.
//!
//! An entry the platform accepts is marked sent with the platform's id in one transaction. One
//! it refuses for its content is marked refused, and its draft goes back to the form. Any other
//! failure leaves the entry pending, counts the attempt, and stops the run: the next sync tries
//! again with the same key, so a request whose response was lost is not filed twice.

use std::path::Path;

use chrono::Utc;
use serde::Deserialize;
use tracing::warn;

use super::client::PlatformClient;
use super::error::PlatformError;
use super::wire::{ApplicationSubmission, ExemptionSubmission, MaterialManifest, Resource, WarningOverride};
use crate::domain::application::{Level, PreCheck};
use crate::i18n::{Key, Message};
use crate::store::drafts::{self, DraftRecord, DraftState};
use crate::store::outbox::{self, OutboxEntry, OutboxKind};
use crate::store::{Store, StoreError};

/// Counts of one run of the outbox.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxSummary {
    /// Entries the platform accepted.
    pub sent: u64,
    /// Entries the platform refused for their content.
    pub refused: u64,
}

/// The parts of a submission body that name its files.
#[derive(Deserialize)]
struct Files {
    #[serde(default)]
    materials: Vec<MaterialManifest>,
    #[serde(default)]
    evidence: Option<MaterialManifest>,
}

/// Reads the files an entry uploads from the materials folder.
fn files_of(entry: &OutboxEntry, folder: &Path) -> Result<Vec<(String, Vec<u8>)>, PlatformError> {
    let files: Files = serde_json::from_str(&entry.body).map_err(|e| PlatformError::Malformed(e.to_string()))?;
    let mut loaded = Vec::new();
    for manifest in files.materials.iter().chain(&files.evidence) {
        let name = Path::new(&manifest.sha256).file_name().map(|n| n.to_string_lossy().into_owned());
        let bytes = name
            .filter(|n| n.len() == 64 && n.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|n| std::fs::read(folder.join(n)).ok())
            .ok_or_else(|| PlatformError::MaterialMissing { name: manifest.name.clone() })?;
        loaded.push((manifest.sha256.clone(), bytes));
    }
    Ok(loaded)
}

/// Sends every pending entry. Returns what was sent and refused, or the error that stopped the
/// run with the entries from that one on still pending.
pub async fn send_outbox(
    client: &PlatformClient,
    token: &str,
    store: &mut Store,
    materials: &Path,
) -> Result<OutboxSummary, PlatformError> {
    let mut summary = OutboxSummary::default();
    for entry in store.read(outbox::pending)? {
        let resource = match entry.kind {
            OutboxKind::Application => Resource::Applications,
            OutboxKind::Exemption => Resource::Exemptions,
        };
        let sent = match files_of(&entry, materials) {
            Ok(files) => client.submit(token, resource, &entry.idempotency_key, &entry.body, &files).await,
            Err(error) => Err(error),
        };
        match sent {
            Ok(receipt) => {
                store.write(|transaction| outbox::mark_sent(transaction, &entry, &receipt.id, Utc::now()))?;
                tracing::info!(outbox_id = entry.outbox_id, remote_id = %receipt.id, "outbox entry sent");
                summary.sent += 1;
            }
            Err(PlatformError::Refused { code, detail }) => {
                warn!(code, detail, outbox_id = entry.outbox_id, "the platform rejected a submission");
                store.write(|transaction| outbox::mark_refused(transaction, &entry, &code))?;
                summary.refused += 1;
            }
            Err(PlatformError::MaterialMissing { .. }) => {
                warn!(outbox_id = entry.outbox_id, "a queued submission's material is missing");
                store.write(|transaction| outbox::mark_refused(transaction, &entry, "material_missing"))?;
                summary.refused += 1;
            }
            Err(error) => {
                let code = if error.is_offline() { "offline" } else { "platform_error" };
                store.write(|transaction| outbox::mark_attempt_failed(transaction, &entry, code))?;
                return Err(error);
            }
        }
    }
    Ok(summary)
}

/// Reason a draft cannot go into the outbox.
#[derive(Debug, thiserror::Error)]
pub enum NotQueued {
    /// A blocking pre-check failed.
    #[error("a blocking pre-check failed")]
    Blocked(Message),
    /// A warning has no recorded reason to override it.
    #[error("a warning is not overridden")]
    NeedsReason(Message),
    /// The draft is already queued or sent.
    #[error("the draft is not being edited")]
    NotEditing,
    /// Writing to the cache failed; nothing was queued.
    #[error("cache error: {0}")]
    Store(#[from] StoreError),
}

impl NotQueued {
    /// Describes the problem and the fix for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Blocked(reason) => Message::new(Key::SubmitBlocked).message_arg("reason", reason),
            Self::NeedsReason(reason) => Message::new(Key::SubmitNeedsReason).message_arg("reason", reason),
            Self::NotEditing => Message::new(Key::SubmitNotEditing),
            Self::Store(_) => Message::new(Key::ErrorStore),
        }
    }
}

/// Builds the submission body of a draft.
pub fn application_body(record: &DraftRecord) -> String {
    let submission = ApplicationSubmission {
        kind: record.kind,
        qualification: record.qualification,
        id_number: record.id_number.clone(),
        unit_credit_code: record.unit_credit_code.clone(),
        specialties: record.specialties.clone(),
        qualified_on: record.qualified_on,
        materials: record
            .materials
            .iter()
            .map(|(kind, info)| MaterialManifest {
                kind: kind.code().to_owned(),
                sha256: info.sha256.clone(),
                size: info.size,
                name: info.display_name.clone(),
            })
            .collect(),
        overrides: record
            .overrides
            .iter()
            .map(|o| WarningOverride { rule: o.rule.clone(), reason: o.reason.clone() })
            .collect(),
        resubmits: record.application_id.clone(),
    };
    serde_json::to_string(&submission).unwrap_or_default()
}

/// Saves the draft and puts it in the outbox in one transaction, when no pre-check blocks it and
/// every warning carries a reason. Returns the draft's id.
pub fn queue_application(store: &mut Store, record: &DraftRecord, checks: &[PreCheck]) -> Result<i64, NotQueued> {
    if record.state != DraftState::Editing {
        return Err(NotQueued::NotEditing);
    }
    if let Some(block) = checks.iter().find(|c| c.level == Level::Block) {
        return Err(NotQueued::Blocked(block.reason.clone()));
    }
    let overridden = |rule: &str| record.overrides.iter().any(|o| o.rule == rule && !o.reason.trim().is_empty());
    if let Some(warning) = checks.iter().find(|c| !overridden(c.rule.code())) {
        return Err(NotQueued::NeedsReason(warning.reason.clone()));
    }
    let body = application_body(record);
    let draft_id = store.write(|transaction| {
        let draft_id = drafts::save(transaction, record, Utc::now())?;
        outbox::enqueue(transaction, OutboxKind::Application, Some(draft_id), &body, Utc::now())?;
        Ok(draft_id)
    })?;
    Ok(draft_id)
}

/// Puts an exemption with its evidence file (already copied into the materials folder) in the
/// outbox.
pub fn queue_exemption(store: &mut Store, submission: &ExemptionSubmission) -> Result<i64, StoreError> {
    let body = serde_json::to_string(submission).unwrap_or_default();
    store.write(|transaction| outbox::enqueue(transaction, OutboxKind::Exemption, None, &body, Utc::now()))
}

/// Reason an exemption cannot be recorded.
#[derive(Debug, thiserror::Error)]
pub enum ExemptionNotQueued {
    /// The evidence file is refused.
    #[error("the evidence file is refused")]
    Evidence(#[from] crate::materials::MaterialError),
    /// Writing to the cache failed; nothing was queued.
    #[error("cache error: {0}")]
    Store(#[from] StoreError),
}

impl ExemptionNotQueued {
    /// Describes the problem and the fix for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Evidence(error) => {
                Message::new(Key::ExemptionEvidenceRefused).message_arg("reason", &error.message())
            }
            Self::Store(_) => Message::new(Key::ErrorStore),
        }
    }
}

/// Checks the evidence file by content, copies it into the materials folder, and puts the
/// exemption (豁免情形) in the outbox. The platform files it at the next sync, and the exemption
/// comes back with the listings, where it marks the person's C02 and C04 findings explained.
pub fn record_exemption(
    store: &mut Store,
    materials: &Path,
    id_number: &str,
    kind: crate::domain::records::ExemptionKind,
    evidence: &Path,
    note: &str,
) -> Result<i64, ExemptionNotQueued> {
    let (info, bytes) = crate::materials::inspect(evidence, &[])?;
    crate::materials::store_copy(materials, &info, &bytes)?;
    let submission = ExemptionSubmission {
        id_number: id_number.to_owned(),
        kind,
        note: note.trim().to_owned(),
        evidence: MaterialManifest {
            kind: "evidence".to_owned(),
            sha256: info.sha256.clone(),
            size: info.size,
            name: info.display_name,
        },
    };
    Ok(queue_exemption(store, &submission)?)
}
