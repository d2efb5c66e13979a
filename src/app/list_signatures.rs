//! The signature verdict of every row of the certificate list. A thread checks every cached
//! record after each reload and sends the verdicts back in batches, so no frame checks a
//! signature and a 100 000-row roster does not stall the window.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use tracing::warn;

use crate::domain::CertificateSummary;
use crate::domain::record_signature::{SignatureStatus, TrustedIssuer, verify};
use crate::store::{Store, certificates};

/// 256 verdicts: sent together, so a large roster costs one repaint per batch, not one per row.
const BATCH: usize = 256;

/// A certificate version and its verdict.
type Checked = ((String, u32), SignatureStatus);

/// The check running for the list as last loaded.
pub struct ListSignatures {
    repaint: Arc<dyn Fn() + Send + Sync>,
    receiver: Option<Receiver<Vec<Checked>>>,
    /// Row of each certificate version in the list as last loaded.
    rows: HashMap<(String, u32), usize>,
}

impl ListSignatures {
    /// Builds an idle checker that calls `repaint` whenever verdicts arrive.
    pub fn new(repaint: Arc<dyn Fn() + Send + Sync>) -> Self {
        Self { repaint, receiver: None, rows: HashMap::new() }
    }

    /// Starts checking every record of the cache at `cache` for a freshly loaded list. A check
    /// still running for an older list stops at its next batch, because its channel is gone.
    pub fn restart(&mut self, certificates: &[CertificateSummary], cache: Option<PathBuf>, trusted: &[TrustedIssuer]) {
        self.receiver = None;
        self.rows =
            certificates.iter().enumerate().map(|(row, c)| ((c.certificate_id.clone(), c.version), row)).collect();
        let Some(cache) = cache.filter(|_| !certificates.is_empty()) else {
            return;
        };
        let (sender, receiver) = mpsc::channel();
        let trusted = trusted.to_vec();
        let repaint = Arc::clone(&self.repaint);
        let spawned = std::thread::Builder::new()
            .name("certdesk-signatures".into())
            .spawn(move || check_all(&cache, &trusted, &sender, repaint.as_ref()));
        match spawned {
            Ok(_) => self.receiver = Some(receiver),
            Err(e) => warn!(error = %e, "cannot start the signature check thread"),
        }
    }

    /// Copies the verdicts that arrived into the list rows.
    pub fn drain_into(&mut self, certificates: &mut [CertificateSummary]) {
        let Some(receiver) = &self.receiver else {
            return;
        };
        loop {
            match receiver.try_recv() {
                Ok(batch) => {
                    for (key, status) in batch {
                        let row = self.rows.get(&key).and_then(|&row| certificates.get_mut(row));
                        if let Some(certificate) = row {
                            certificate.signature = Some(status);
                        }
                    }
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.receiver = None;
                    return;
                }
            }
        }
    }

    /// Tells whether verdicts for the list are still being checked.
    pub fn is_checking(&self) -> bool {
        self.receiver.is_some()
    }
}

/// Checks every record of a cache and sends the verdicts in batches, until done or until the
/// list they were for is gone.
fn check_all(cache: &std::path::Path, trusted: &[TrustedIssuer], sender: &Sender<Vec<Checked>>, repaint: &dyn Fn()) {
    let store = match Store::open(cache) {
        Ok(store) => store,
        Err(e) => {
            warn!(error = %e, "cannot open the cache to check list signatures");
            return;
        }
    };
    let mut batch = Vec::with_capacity(BATCH);
    let mut listening = true;
    let result = store.read(|connection| {
        certificates::for_each_signed(connection, |certificate, signature| {
            let status = verify(&certificate, signature.as_ref(), trusted);
            batch.push(((certificate.certificate_id, certificate.version), status));
            if batch.len() == BATCH {
                listening = sender.send(std::mem::take(&mut batch)).is_ok();
                repaint();
            }
            listening
        })
    });
    if let Err(e) = result {
        warn!(error = %e, "cannot read the cache to check list signatures");
    }
    if listening && !batch.is_empty() {
        let _ = sender.send(batch);
        repaint();
    }
}
