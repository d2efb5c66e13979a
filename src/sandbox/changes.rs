//! The change log of certificate versions, which the certificate listing serves as a change
//! feed. Every version has a revision from one counter, and a change gives it the next one. A
//! client that passes the revision it last saw receives only what changed since, with a
//! deletion for each version it may have seen that is gone or no longer visible to it. The other
//! listings keep a log of deletions alone, because their pages are served whole.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use sha2::{Digest as _, Sha256};

use serde_json::Value;

use crate::domain::Certificate;
use crate::platform::wire::{CertificateKey, Resource};

/// Revisions of the certificate versions of one dataset.
#[derive(Debug, Clone, Default)]
pub struct ChangeLog {
    epoch: String,
    head: u64,
    entries: BTreeMap<u64, Entry>,
    revision_of: HashMap<CertificateKey, u64>,
    position_of: HashMap<CertificateKey, usize>,
}

/// The latest change of one version.
#[derive(Debug, Clone)]
struct Entry {
    key: CertificateKey,
    /// Earlier states of the version, so an account that saw one of them learns of its removal.
    earlier: Vec<Certificate>,
}

/// One page of the change feed, for one account.
#[derive(Debug, Default)]
pub struct FeedPage<'a> {
    /// Versions changed after the requested revision that the account may see, oldest change
    /// first.
    pub items: Vec<&'a Certificate>,
    /// Versions the account may have seen that are deleted or no longer visible to it.
    pub deleted: Vec<CertificateKey>,
    /// The revision of the last log entry examined; the next page starts after it.
    pub last_revision: u64,
    /// Whether log entries remain after this page.
    pub more: bool,
}

fn key_of(certificate: &Certificate) -> CertificateKey {
    CertificateKey { certificate_id: certificate.certificate_id.clone(), version: certificate.version }
}

impl ChangeLog {
    /// Gives every version a revision, 1 to N in the order of `certificates`. The epoch is a
    /// hash of those versions, so the same data gives the same revisions after a restart, and
    /// other data gives positions that do not match the old ones.
    pub fn new(certificates: &[Certificate]) -> Self {
        let mut hasher = Sha256::new();
        for certificate in certificates {
            hasher.update(crate::domain::record_signature::signed_bytes(certificate));
        }
        let digest = hasher.finalize();
        let epoch = digest.iter().take(6).fold(String::new(), |mut text, byte| {
            let _ = write!(text, "{byte:02x}");
            text
        });
        let mut log = Self { epoch, ..Self::default() };
        for (position, certificate) in certificates.iter().enumerate() {
            log.position_of.insert(key_of(certificate), position);
            log.record(key_of(certificate), None);
        }
        log
    }

    /// Returns the epoch that positions in this log carry.
    pub fn epoch(&self) -> &str {
        &self.epoch
    }

    /// Returns the revision of the latest change.
    pub fn head(&self) -> u64 {
        self.head
    }

    fn record(&mut self, key: CertificateKey, earlier: Option<Certificate>) {
        let mut earlier_states = self
            .revision_of
            .remove(&key)
            .and_then(|revision| self.entries.remove(&revision))
            .map(|entry| entry.earlier)
            .unwrap_or_default();
        earlier_states.extend(earlier);
        self.head += 1;
        self.revision_of.insert(key.clone(), self.head);
        self.entries.insert(self.head, Entry { key, earlier: earlier_states });
    }

    /// Changes one version in place and records the change. The certificate id and version
    /// stay as they were. Returns whether the version exists.
    pub fn edit(
        &mut self,
        certificates: &mut [Certificate],
        key: &CertificateKey,
        change: impl FnOnce(&mut Certificate),
    ) -> bool {
        let Some(certificate) = self.position_of.get(key).and_then(|&position| certificates.get_mut(position)) else {
            return false;
        };
        let before = certificate.clone();
        change(certificate);
        certificate.certificate_id.clone_from(&key.certificate_id);
        certificate.version = key.version;
        self.record(key.clone(), Some(before));
        true
    }

    /// Adds a new version and records it as the latest change.
    pub fn insert(&mut self, certificates: &mut Vec<Certificate>, certificate: Certificate) {
        let key = key_of(&certificate);
        self.position_of.insert(key.clone(), certificates.len());
        certificates.push(certificate);
        self.record(key, None);
    }

    /// Removes one version and records a tombstone for it. Returns whether the version existed.
    pub fn delete(&mut self, certificates: &mut Vec<Certificate>, key: &CertificateKey) -> bool {
        let Some(position) = self.position_of.remove(key) else {
            return false;
        };
        let removed = certificates.swap_remove(position);
        if let Some(moved) = certificates.get(position) {
            self.position_of.insert(key_of(moved), position);
        }
        self.record(key.clone(), Some(removed));
        true
    }

    /// Returns the page of changes after revision `since` for an account, examining log entries
    /// until `page_size` of them concern the account.
    pub fn feed<'a>(
        &self,
        certificates: &'a [Certificate],
        since: u64,
        page_size: usize,
        visible: impl Fn(&Certificate) -> bool,
    ) -> FeedPage<'a> {
        let mut page = FeedPage { last_revision: since, ..FeedPage::default() };
        let mut entries = self.entries.range(since.saturating_add(1)..).peekable();
        while page.items.len() + page.deleted.len() < page_size {
            let Some((&revision, entry)) = entries.next() else {
                break;
            };
            page.last_revision = revision;
            let current = self.position_of.get(&entry.key).and_then(|&position| certificates.get(position));
            match current {
                Some(certificate) if visible(certificate) => page.items.push(certificate),
                _ if entry.earlier.iter().any(&visible) => page.deleted.push(entry.key.clone()),
                _ => {}
            }
        }
        page.more = entries.peek().is_some();
        page
    }
}

/// Deletions from the listings other than certificates. The first page of such a listing
/// sends, as tombstones, the keys deleted after the `since` position the client passes.
#[derive(Debug, Clone, Default)]
pub struct DeletionLog {
    head: u64,
    entries: Vec<Deletion>,
}

/// One deleted record.
#[derive(Debug, Clone)]
struct Deletion {
    revision: u64,
    resource: Resource,
    /// The record's key fields, as [`Resource::key_fields`] lists them.
    key: Value,
    /// The accounts that could see the record when it was deleted.
    seen_by: Vec<String>,
}

impl DeletionLog {
    /// Returns the revision of the latest deletion; 0 before the first.
    pub fn head(&self) -> u64 {
        self.head
    }

    /// Records the deletion of a record that the accounts `seen_by` could see.
    pub fn record(&mut self, resource: Resource, key: Value, seen_by: Vec<String>) {
        self.head += 1;
        self.entries.push(Deletion { revision: self.head, resource, key, seen_by });
    }

    /// Returns the keys deleted from a listing after revision `since`, up to `until`, that an
    /// account could see, oldest first.
    pub fn keys_since(&self, resource: Resource, account: &str, since: u64, until: u64) -> Vec<Value> {
        self.entries
            .iter()
            .filter(|deletion| deletion.revision > since && deletion.revision <= until)
            .filter(|deletion| deletion.resource == resource && deletion.seen_by.iter().any(|a| a == account))
            .map(|deletion| deletion.key.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::sample;

    fn demo() -> Vec<Certificate> {
        sample::generate(sample::DEFAULT_SEED).certificates
    }

    #[test]
    fn full_feed_lists_every_version_once() {
        let certificates = demo();
        let log = ChangeLog::new(&certificates);

        let page = log.feed(&certificates, 0, usize::MAX, |_| true);

        assert_eq!(page.items.len(), certificates.len());
        assert!(page.deleted.is_empty());
        assert!(!page.more);
        assert_eq!(page.last_revision, log.head());
    }

    #[test]
    fn edit_moves_version_to_feed_end() {
        let mut certificates = demo();
        let mut log = ChangeLog::new(&certificates);
        let head = log.head();
        let key = key_of(&certificates[3]);

        assert!(log.edit(&mut certificates, &key, |c| c.issuer = "某省住房和城乡建设厅".to_owned()));
        let page = log.feed(&certificates, head, 10, |_| true);

        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].issuer, "某省住房和城乡建设厅");
        assert_eq!(page.last_revision, head + 1);
    }

    #[test]
    fn delete_reaches_only_accounts_that_saw_it() {
        let mut certificates = demo();
        let mut log = ChangeLog::new(&certificates);
        let head = log.head();
        let deleted = certificates[0].clone();

        assert!(log.delete(&mut certificates, &key_of(&deleted)));
        let seen = log.feed(&certificates, head, 10, |c| c.id_number == deleted.id_number);
        let unseen = log.feed(&certificates, head, 10, |c| c.id_number != deleted.id_number);

        assert_eq!(seen.deleted, [key_of(&deleted)]);
        assert!(unseen.deleted.is_empty());
        assert!(unseen.items.is_empty());
        assert!(!certificates.iter().any(|c| key_of(c) == key_of(&deleted)));
    }

    #[test]
    fn feed_pages_resume_after_last_revision() {
        let certificates = demo();
        let log = ChangeLog::new(&certificates);

        let first = log.feed(&certificates, 0, 5, |_| true);
        let second = log.feed(&certificates, first.last_revision, usize::MAX, |_| true);

        assert!(first.more);
        assert_eq!(first.items.len() + second.items.len(), certificates.len());
    }
}
