//! The pages the sandbox serves: offset pages with an entity tag and tombstones for most
//! listings, and the change feed for certificates.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use super::changes::{ChangeLog, DeletionLog};
use super::dataset::{Dataset, key_of};
use super::sample::Account;
use super::signing::RecordSigner;
use chrono::{Datelike as _, NaiveDate};

use crate::domain::records::{ApplicationKind, ChangeApplication, Exemption};
use crate::domain::{Certificate, CertificateStatus};
use crate::platform::wire::{CertificateKey, CertificateRecord, RecordPage, Resource, SignatureRecord};

/// The data a sandbox serves, the change log of its certificates, the deletions from its other
/// listings and the key that signs certificates.
pub struct Served {
    data: Dataset,
    log: ChangeLog,
    deletions: DeletionLog,
    signer: Option<RecordSigner>,
    /// The signature of each version signed so far, as a platform stores it with the record,
    /// so a version is signed once, not on every page that sends it.
    signatures: Mutex<HashMap<CertificateKey, SignatureRecord>>,
}

/// A page and the entity tag of its listing, if the listing has one.
#[derive(Debug)]
pub struct BuiltPage {
    /// The page, with tombstones as JSON keys.
    pub page: RecordPage<Value, Value>,
    /// The entity tag of the whole listing as the account sees it.
    pub etag: Option<String>,
}

/// A page token or `since` position the server cannot serve from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPosition {
    /// Not a position this server issues.
    Invalid,
    /// A change-feed position from another change log: the sandbox restarted with other data.
    Expired,
}

impl Served {
    /// Serves `data`, giving its certificate versions their first revisions.
    pub fn new(data: Dataset) -> Self {
        let log = ChangeLog::new(&data.certificates);
        Self {
            data,
            log,
            deletions: DeletionLog::default(),
            signer: RecordSigner::sandbox(),
            signatures: Mutex::new(HashMap::new()),
        }
    }

    /// Returns the dataset.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// Builds one page of a listing for an account. `since` applies to the change feed only.
    pub fn page(
        &self,
        resource: Resource,
        account: &Account,
        page_token: Option<&str>,
        since: Option<&str>,
        page_size: usize,
    ) -> Result<BuiltPage, BadPosition> {
        if resource == Resource::Certificates {
            let (position_token, left) = match page_token {
                Some(token) => split_left(token).map(|(position, left)| (Some(position), left))?,
                None => (None, None),
            };
            let position = position_token.or(since).map_or(Ok(0), |token| self.parse_revision(token))?;
            let page = self.feed_page(account, page_token, position, left, page_size);
            return Ok(BuiltPage { page, etag: None });
        }
        let (offset, head) = match page_token {
            Some(token) => parse_offset(token)?,
            None => (0, None),
        };
        let head = head.unwrap_or_else(|| self.deletions.head());
        let visible = self.data.visible(resource, account);
        let deleted = match (page_token, since) {
            (None, Some(since)) => self.tombstones(resource, account, self.parse_deletion(since)?, &visible),
            _ => Vec::new(),
        };
        let etag = listing_etag(&visible);
        let end = (offset + page_size).min(visible.len());
        let more = end < visible.len();
        let page = RecordPage {
            page_token: page_token.map(str::to_owned),
            items: visible.get(offset..end).unwrap_or_default().to_vec(),
            next_page_token: more.then(|| format!("offset-{end}-{head}")),
            total: visible.len() as u64,
            deleted,
            cursor: (!more).then(|| Self::deletion_token(head)),
        };
        Ok(BuiltPage { page, etag: Some(etag) })
    }

    /// Returns the keys deleted from a listing after `since` that the account could see, except
    /// keys the listing contains again.
    fn tombstones(&self, resource: Resource, account: &Account, since: u64, visible: &[Value]) -> Vec<Value> {
        let deleted = self.deletions.keys_since(resource, &account.account, since, self.deletions.head());
        if deleted.is_empty() {
            return deleted;
        }
        let present: HashSet<String> = visible.iter().map(|record| key_of(resource, record).to_string()).collect();
        deleted.into_iter().filter(|key| !present.contains(&key.to_string())).collect()
    }

    /// Writes a deletion-log position as `del-REVISION`.
    fn deletion_token(revision: u64) -> String {
        format!("del-{revision}")
    }

    /// Reads a deletion-log position. A position past the log's head comes from before a
    /// restart, so it has expired.
    // NOTE: the position carries no epoch, unlike the change feed's, and the deletion log
    // starts empty at every start. So a sandbox restarted with other data takes a client's
    // position at or below its new head as its own, and the deletions it recorded up to that
    // position never reach that client.
    fn parse_deletion(&self, token: &str) -> Result<u64, BadPosition> {
        let revision: u64 = token.strip_prefix("del-").and_then(|n| n.parse().ok()).ok_or(BadPosition::Invalid)?;
        if revision <= self.deletions.head() { Ok(revision) } else { Err(BadPosition::Expired) }
    }

    fn feed_page(
        &self,
        account: &Account,
        page_token: Option<&str>,
        position: u64,
        left: Option<u64>,
        page_size: usize,
    ) -> RecordPage<Value, Value> {
        let visible = |certificate: &Certificate| Dataset::certificate_visible_to(account, certificate);
        let feed = self.log.feed(&self.data.certificates, position, page_size, visible);
        // Counting the feed's records walks the rest of the log, so only the first page counts
        // them and the page tokens carry the count on.
        let total = left.unwrap_or_else(|| {
            self.log.feed(&self.data.certificates, position, usize::MAX, visible).items.len() as u64
        });
        let left_after = total.saturating_sub(feed.items.len() as u64);
        RecordPage {
            page_token: page_token.map(str::to_owned),
            items: feed.items.iter().map(|c| self.signed_record(c)).collect(),
            next_page_token: feed.more.then(|| format!("{}.{left_after}", self.revision_token(feed.last_revision))),
            total,
            deleted: feed.deleted.iter().map(to_json).collect(),
            cursor: (!feed.more).then(|| self.revision_token(self.log.head())),
        }
    }

    /// Writes a change-feed position as `rev-EPOCH-REVISION`.
    fn revision_token(&self, revision: u64) -> String {
        format!("rev-{}-{revision}", self.log.epoch())
    }

    fn parse_revision(&self, token: &str) -> Result<u64, BadPosition> {
        let (epoch, revision) =
            token.strip_prefix("rev-").and_then(|rest| rest.rsplit_once('-')).ok_or(BadPosition::Invalid)?;
        let revision = revision.parse().map_err(|_| BadPosition::Invalid)?;
        if epoch == self.log.epoch() { Ok(revision) } else { Err(BadPosition::Expired) }
    }

    fn signed_record(&self, certificate: &Certificate) -> Value {
        let mut record = CertificateRecord::from_certificate(certificate);
        record.record_signature = self.signature(certificate);
        to_json(&record)
    }

    /// Returns the stored signature of a version, signing it first if it has none.
    fn signature(&self, certificate: &Certificate) -> Option<SignatureRecord> {
        let signer = self.signer.as_ref()?;
        let key = CertificateKey { certificate_id: certificate.certificate_id.clone(), version: certificate.version };
        let stored = self.signatures.lock().ok().and_then(|signatures| signatures.get(&key).cloned());
        if stored.is_some() {
            return stored;
        }
        let signature = SignatureRecord::from_signature(&signer.sign(certificate));
        if let Ok(mut signatures) = self.signatures.lock() {
            signatures.insert(key, signature.clone());
        }
        Some(signature)
    }

    /// Signs every certificate version that has no stored signature yet, as a platform signs a
    /// record when it issues it, so the first sync does not wait for the signing.
    pub fn sign_all(&self) {
        for certificate in &self.data.certificates {
            self.signature(certificate);
        }
    }

    fn forget_signature(&mut self, key: &CertificateKey) {
        if let Ok(signatures) = self.signatures.get_mut() {
            signatures.remove(key);
        }
    }

    /// Changes one certificate version and records the change. Returns whether it exists.
    pub fn edit_certificate(&mut self, key: &CertificateKey, change: impl FnOnce(&mut Certificate)) -> bool {
        self.forget_signature(key);
        self.log.edit(&mut self.data.certificates, key, change)
    }

    /// Deletes one certificate version and records a tombstone. Returns whether it existed.
    pub fn delete_certificate(&mut self, key: &CertificateKey) -> bool {
        self.forget_signature(key);
        self.log.delete(&mut self.data.certificates, key)
    }

    /// Files a new application.
    pub fn add_application(&mut self, application: ChangeApplication) {
        self.data.applications.push(application);
    }

    /// Changes one application. Returns whether it exists.
    pub fn change_application(&mut self, application_id: &str, change: impl FnOnce(&mut ChangeApplication)) -> bool {
        let found = self.data.applications.iter_mut().find(|a| a.application_id == application_id);
        found.map(change).is_some()
    }

    /// Records a new exemption.
    pub fn add_exemption(&mut self, exemption: Exemption) {
        self.data.exemptions.push(exemption);
    }

    /// Issues the certificate version an approved application produces: the person's current
    /// version of the qualification is superseded, and a new one takes its place with the
    /// change applied (the new unit, or renewed validity). Initial registrations and
    /// cancellations issue nothing here. Returns whether a version was issued.
    pub fn issue_version(&mut self, application: &ChangeApplication, today: NaiveDate) -> bool {
        if matches!(
            application.kind,
            ApplicationKind::Initial | ApplicationKind::Reregistration | ApplicationKind::Cancellation
        ) {
            return false;
        }
        let current = self
            .data
            .certificates
            .iter()
            .filter(|c| {
                c.id_number == application.id_number
                    && c.qualification == application.qualification
                    && c.status == CertificateStatus::Valid
            })
            .max_by_key(|c| c.version)
            .cloned();
        let Some(current) = current else { return false };
        let unit_name =
            self.data.units.iter().find(|u| u.credit_code == application.unit_credit_code).map(|u| u.name.clone());
        let old_key = CertificateKey { certificate_id: current.certificate_id.clone(), version: current.version };
        self.edit_certificate(&old_key, |c| c.status = CertificateStatus::Superseded);
        let mut next = current;
        next.version += 1;
        next.status = CertificateStatus::Valid;
        next.issued_on = today;
        match application.kind {
            ApplicationKind::ChangeEmployer | ApplicationKind::ChangeOther => {
                next.unit_credit_code.clone_from(&application.unit_credit_code);
                if let Some(name) = unit_name {
                    next.unit_name = name;
                }
            }
            ApplicationKind::Renewal => {
                for specialty in &mut next.specialties {
                    specialty.valid_from = specialty.valid_to + chrono::Days::new(1);
                    specialty.valid_to =
                        specialty.valid_to.with_year(specialty.valid_to.year() + 3).unwrap_or(specialty.valid_to);
                }
            }
            _ => {}
        }
        self.forget_signature(&CertificateKey { certificate_id: next.certificate_id.clone(), version: next.version });
        self.log.insert(&mut self.data.certificates, next);
        true
    }

    /// Deletes the record of a listing whose key is `key` (the fields
    /// [`Resource::key_fields`] names) and records a tombstone for the accounts that could see
    /// it. Returns whether it existed.
    pub fn delete_record(&mut self, resource: Resource, key: &Value) -> bool {
        if resource == Resource::Certificates {
            return serde_json::from_value(key.clone()).is_ok_and(|key| self.delete_certificate(&key));
        }
        let seen_by = self.data.accounts_seeing(resource, key);
        if self.data.remove(resource, key).is_none() {
            return false;
        }
        self.deletions.record(resource, key.clone(), seen_by);
        true
    }
}

/// Splits a change-feed page token `rev-EPOCH-REVISION.LEFT` into its position and the number
/// of versions left to send as of the feed's first page. A token without `.LEFT`, which older
/// sandboxes issued and a cache may have saved mid-sync, has no count.
fn split_left(token: &str) -> Result<(&str, Option<u64>), BadPosition> {
    match token.rsplit_once('.') {
        Some((position, left)) => Ok((position, Some(left.parse().map_err(|_| BadPosition::Invalid)?))),
        None => Ok((token, None)),
    }
}

/// Reads a page token `offset-OFFSET-HEAD` into the offset of the page and the deletion-log
/// head as of the listing's first page, which the last page returns as its cursor. A token
/// `offset-OFFSET`, which older sandboxes issued, has no head.
fn parse_offset(token: &str) -> Result<(usize, Option<u64>), BadPosition> {
    let rest = token.strip_prefix("offset-").ok_or(BadPosition::Invalid)?;
    let (offset, head) = match rest.split_once('-') {
        Some((offset, head)) => (offset, Some(head.parse().map_err(|_| BadPosition::Invalid)?)),
        None => (rest, None),
    };
    Ok((offset.parse().map_err(|_| BadPosition::Invalid)?, head))
}

/// Returns the entity tag of a listing as an account sees it: a hash of every visible record,
/// so it changes whenever any of them does.
fn listing_etag(visible: &[Value]) -> String {
    let body = serde_json::to_vec(visible).unwrap_or_default();
    let digest = Sha256::digest(&body);
    format!("\"{}\"", crate::account::data_dir::hex(digest.get(..16).unwrap_or_default()))
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_page_tokens_still_parse() {
        assert_eq!(parse_offset("offset-200"), Ok((200, None)));
        assert_eq!(parse_offset("offset-200-3"), Ok((200, Some(3))));
        assert_eq!(split_left("rev-9f2c41d07a3b-4211"), Ok(("rev-9f2c41d07a3b-4211", None)));
        assert_eq!(split_left("rev-9f2c41d07a3b-4211.96"), Ok(("rev-9f2c41d07a3b-4211", Some(96))));
        assert_eq!(parse_offset("offset-x"), Err(BadPosition::Invalid));
    }
}
