//! Sync of the certificate listing into the cache, one transaction per page.
//!
//! Each page is written together with the token of the next page, so a run that stops part-way
//! (network drop, app closed) resumes after the last committed page, and the cache never holds
//! half a page.

use chrono::Utc;
use tracing::{debug, info};

use super::client::PlatformClient;
use super::error::PlatformError;
use crate::domain::Certificate;
use crate::store::{Store, certificates, sync_runs};

/// The `sync_state` resource name of the certificate listing.
pub const CERTIFICATES: &str = "certificates";

/// Progress after each committed page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncProgress {
    /// Pages committed so far in this run.
    pub pages: u64,
    /// Records written so far in this run.
    pub records: u64,
    /// Records in the whole listing, as the platform reports it.
    pub total: u64,
    /// Response body bytes received so far.
    pub bytes: u64,
}

/// What a finished run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Records received.
    pub fetched: u64,
    /// Records written to the cache.
    pub written: u64,
    /// Pages committed.
    pub pages: u64,
    /// Response body bytes received.
    pub bytes: u64,
}

/// Fetches every page of the certificate listing into the cache.
pub async fn sync_certificates(
    client: &PlatformClient,
    token: &str,
    store: &mut Store,
    mut on_progress: impl FnMut(&SyncProgress),
) -> Result<SyncSummary, PlatformError> {
    let run_id = store.write(|transaction| sync_runs::start(transaction, Utc::now()))?;
    let result = fetch_pages(client, token, store, run_id, &mut on_progress).await;
    let outcome = if result.is_ok() { sync_runs::SyncRunOutcome::Succeeded } else { sync_runs::SyncRunOutcome::Failed };
    store.write(|transaction| sync_runs::finish(transaction, run_id, outcome, Utc::now()))?;
    result
}

async fn fetch_pages(
    client: &PlatformClient,
    token: &str,
    store: &mut Store,
    run_id: i64,
    on_progress: &mut impl FnMut(&SyncProgress),
) -> Result<SyncSummary, PlatformError> {
    let mut page_token = store.read(|connection| sync_runs::page_token(connection, CERTIFICATES))?;
    if page_token.is_some() {
        info!("resuming the certificate listing after the last committed page");
    }
    let mut progress = SyncProgress::default();
    loop {
        let (page, bytes) = client.certificate_page(token, page_token.as_deref()).await?;
        let received = page.items.len() as u64;
        let certificates = page
            .items
            .into_iter()
            .map(|record| {
                let certificate_id = record.certificate_id.clone();
                record.into_certificate().map_err(|field| PlatformError::InvalidRecord { certificate_id, field })
            })
            .collect::<Result<Vec<Certificate>, _>>()?;
        let next = page.next_page_token;
        store.write(|transaction| {
            for certificate in &certificates {
                certificates::upsert(transaction, certificate)?;
            }
            sync_runs::save_page_token(transaction, CERTIFICATES, next.as_deref(), Utc::now())?;
            sync_runs::add_page(transaction, run_id, received)
        })?;
        progress.pages += 1;
        progress.records += received;
        progress.total = page.total;
        progress.bytes += bytes;
        debug!(pages = progress.pages, records = progress.records, "committed a certificate page");
        on_progress(&progress);
        match next {
            Some(token) => page_token = Some(token),
            None => break,
        }
    }
    Ok(SyncSummary {
        fetched: progress.records,
        written: progress.records,
        pages: progress.pages,
        bytes: progress.bytes,
    })
}
