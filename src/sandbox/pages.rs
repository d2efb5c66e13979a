//! The pages the sandbox serves: offset pages with an entity tag for most listings, and the
//! change feed for certificates.

use serde_json::Value;
use sha2::{Digest as _, Sha256};

use super::changes::ChangeLog;
use super::dataset::Dataset;
use super::sample::Account;
use super::signing::RecordSigner;
use chrono::{Datelike as _, NaiveDate};

use crate::domain::records::{ApplicationKind, ChangeApplication, Exemption};
use crate::domain::{Certificate, CertificateStatus};
use crate::platform::wire::{CertificateKey, CertificateRecord, RecordPage, Resource, SignatureRecord};

/// The data a sandbox serves, the change log of its certificates and the key that signs them.
pub struct Served {
    data: Dataset,
    log: ChangeLog,
    signer: Option<RecordSigner>,
}

/// A page and the entity tag of its listing, if the listing has one.
#[derive(Debug)]
pub struct BuiltPage {
    /// The page.
    pub page: RecordPage<Value>,
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
        Self { data, log, signer: RecordSigner::sandbox() }
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
            let position = page_token.or(since).map_or(Ok(0), |token| self.parse_revision(token))?;
            return Ok(BuiltPage { page: self.feed_page(account, page_token, position, page_size), etag: None });
        }
        let offset = page_token.map_or(Ok(0), parse_offset)?;
        let visible = self.data.visible(resource, account);
        let etag = listing_etag(&visible);
        let end = (offset + page_size).min(visible.len());
        let page = RecordPage {
            page_token: page_token.map(str::to_owned),
            items: visible.get(offset..end).unwrap_or_default().to_vec(),
            next_page_token: (end < visible.len()).then(|| format!("offset-{end}")),
            total: visible.len() as u64,
            deleted: Vec::new(),
            cursor: None,
        };
        Ok(BuiltPage { page, etag: Some(etag) })
    }

    fn feed_page(
        &self,
        account: &Account,
        page_token: Option<&str>,
        position: u64,
        page_size: usize,
    ) -> RecordPage<Value> {
        let visible = |certificate: &Certificate| Dataset::certificate_visible_to(account, certificate);
        let feed = self.log.feed(&self.data.certificates, position, page_size, visible);
        let remaining = self.log.feed(&self.data.certificates, position, usize::MAX, visible);
        RecordPage {
            page_token: page_token.map(str::to_owned),
            items: feed.items.iter().map(|c| self.signed_record(c)).collect(),
            next_page_token: feed.more.then(|| self.revision_token(feed.last_revision)),
            total: remaining.items.len() as u64,
            deleted: feed.deleted,
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
        record.record_signature =
            self.signer.as_ref().map(|signer| SignatureRecord::from_signature(&signer.sign(certificate)));
        to_json(&record)
    }

    /// Changes one certificate version and records the change. Returns whether it exists.
    pub fn edit_certificate(&mut self, key: &CertificateKey, change: impl FnOnce(&mut Certificate)) -> bool {
        self.log.edit(&mut self.data.certificates, key, change)
    }

    /// Deletes one certificate version and records a tombstone. Returns whether it existed.
    pub fn delete_certificate(&mut self, key: &CertificateKey) -> bool {
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
        self.log.edit(&mut self.data.certificates, &old_key, |c| c.status = CertificateStatus::Superseded);
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
        self.log.insert(&mut self.data.certificates, next);
        true
    }
}

fn parse_offset(token: &str) -> Result<usize, BadPosition> {
    token.strip_prefix("offset-").and_then(|n| n.parse().ok()).ok_or(BadPosition::Invalid)
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
