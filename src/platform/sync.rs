//! Sync of every listing into the cache, one transaction per page.
//!
//! Each page is validated whole, then written together with the token of the next page, so a
//! run that stops part-way (network drop, app closed) resumes after the last committed page, and
//! the cache never contains half a page or a record that failed validation.

use chrono::Utc;
use rusqlite::Transaction;
use serde::de::DeserializeOwned;
use tracing::{debug, info};

use super::client::{FetchedPage, PageRequest, PlatformClient};
use super::error::PlatformError;
use super::wire::{
    ApplicationKey, CertificateKey, CertificateRecord, ContinuingEducationKey, ExemptionKey, PersonKey,
    ProfessionalTitleKey, ProjectKey, RecordPage, Resource, SafetyCertificateKey, UnitKey,
};
use crate::domain::record_signature::RecordSignature;
use crate::domain::records::PaymentKind;
use crate::domain::records::{
    ChangeApplication, ContinuingEducation, Exemption, PaymentMonth, Person, ProfessionalTitle, Project,
    SafetyCertificate, Unit,
};
use crate::domain::{Certificate, CreditCode, IdNumber};
use crate::platform::wire::RESIDENT_ID;
use crate::store::records::{self, PaymentSource};
use crate::store::{Store, certificates, sync_runs, tombstones};

/// Progress after each committed page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncProgress {
    /// Pages committed so far in this run.
    pub pages: u64,
    /// Records written so far in this run.
    pub records: u64,
    /// Records in the listings started so far, as the platform reports them.
    pub total: u64,
    /// Response body bytes received so far.
    pub bytes: u64,
    /// Cached records deleted so far, because the platform removed them or no longer shows them.
    pub deleted: u64,
}

/// Counts of a finished run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Records received.
    pub fetched: u64,
    /// Records written to the cache.
    pub written: u64,
    /// Cached records deleted.
    pub deleted: u64,
    /// Pages committed.
    pub pages: u64,
    /// Response body bytes received.
    pub bytes: u64,
    /// Outbox entries the platform accepted before the listings were fetched.
    pub sent: u64,
    /// Outbox entries the platform refused for their content.
    pub refused: u64,
    /// Seconds the platform's clock is ahead of the local one (negative: behind), set only when
    /// the difference is large enough to warn about. Sync positions come from the platform's
    /// page tokens, never from the local clock, so a skew does not affect what is fetched.
    pub clock_skew_secs: Option<i64>,
}

impl SyncSummary {
    /// Returns the reported clock difference in whole minutes, rounded, without its sign.
    pub fn clock_skew_minutes(&self) -> Option<i64> {
        self.clock_skew_secs.map(|secs| (secs.abs() + 30) / 60)
    }
}

/// Fetches every listing into the cache.
pub async fn sync_all(
    client: &PlatformClient,
    token: &str,
    store: &mut Store,
    mut on_progress: impl FnMut(&SyncProgress),
) -> Result<SyncSummary, PlatformError> {
    let run_id = store.write(|transaction| sync_runs::start(transaction, Utc::now()))?;
    let mut run =
        SyncPass { client, token, store, run_id, progress: SyncProgress::default(), on_progress: &mut on_progress };
    let result = run.all_listings().await;
    let outcome = if result.is_ok() { sync_runs::SyncRunOutcome::Succeeded } else { sync_runs::SyncRunOutcome::Failed };
    let progress = run.progress;
    store.write(|transaction| sync_runs::finish(transaction, run_id, outcome, Utc::now()))?;
    result.map(|()| SyncSummary {
        fetched: progress.records,
        written: progress.records,
        deleted: progress.deleted,
        pages: progress.pages,
        bytes: progress.bytes,
        ..SyncSummary::default()
    })
}

struct SyncPass<'a, F: FnMut(&SyncProgress)> {
    client: &'a PlatformClient,
    token: &'a str,
    store: &'a mut Store,
    run_id: i64,
    progress: SyncProgress,
    on_progress: &'a mut F,
}

impl<F: FnMut(&SyncProgress)> SyncPass<'_, F> {
    async fn all_listings(&mut self) -> Result<(), PlatformError> {
        for resource in Resource::ALL {
            match resource {
                Resource::Units => self.listing::<Unit>(resource).await?,
                Resource::Persons => self.listing::<Person>(resource).await?,
                Resource::Certificates => self.listing::<CertificateRecord>(resource).await?,
                Resource::SocialSecurityMonths => self.listing::<SocialSecurityMonth>(resource).await?,
                Resource::HousingFundMonths => self.listing::<HousingFundMonth>(resource).await?,
                Resource::SafetyCertificates => self.listing::<SafetyCertificate>(resource).await?,
                Resource::Projects => self.listing::<Project>(resource).await?,
                Resource::ContinuingEducation => self.listing::<ContinuingEducation>(resource).await?,
                Resource::ProfessionalTitles => self.listing::<ProfessionalTitle>(resource).await?,
                Resource::Exemptions => self.listing::<Exemption>(resource).await?,
                Resource::Applications => self.listing::<ChangeApplication>(resource).await?,
            }
        }
        Ok(())
    }

    async fn listing<L: Listing>(&mut self, resource: Resource) -> Result<(), PlatformError> {
        let state_key = resource.path();
        let (mut page_token, mut known) = self.store.read(|connection| {
            Ok((sync_runs::page_token(connection, state_key)?, sync_runs::listing_position(connection, state_key)?))
        })?;
        let mut resumed = page_token.is_some();
        if resumed {
            info!(resource = state_key, "resuming a listing after its last committed page");
        }
        let mut tags = ListingTags { first: None, consistent: !resumed };
        let mut first_page = true;
        let mut restarted = false;
        let mut prefetched: Option<Prefetch<L>> = None;
        loop {
            let request = PageRequest {
                resource,
                page_token: page_token.as_deref(),
                if_none_match: known.etag.as_deref().filter(|_| !resumed),
                since: known.cursor.as_deref().filter(|_| !resumed),
            };
            let result = match prefetched.take() {
                Some(prefetch) => prefetch.finish().await,
                None => self.client.page::<L, L::Key>(self.token, &request).await,
            };
            let fetched = match result {
                Err(PlatformError::CursorExpired) if !restarted => {
                    info!(resource = state_key, "the saved position expired; fetching the listing from its start");
                    restarted = true;
                    (page_token, known, resumed, first_page) =
                        (None, sync_runs::ListingPosition::default(), false, true);
                    tags = ListingTags { first: None, consistent: true };
                    continue;
                }
                other => other?,
            };
            let Some(FetchedPage { page, bytes, etag }) = fetched else {
                debug!(resource = state_key, "listing unchanged since the last sync");
                return Ok(());
            };
            tags.record(page_token.is_none(), etag);
            if first_page {
                self.progress.total += page.total;
                first_page = false;
            }
            prefetched = page.next_page_token.as_deref().map(|next| self.prefetch::<L>(resource, next));
            let next = self.commit_page::<L>(resource, page, &tags)?;
            self.progress.bytes += bytes;
            debug!(resource = state_key, pages = self.progress.pages, "committed a page");
            (self.on_progress)(&self.progress);
            match next {
                Some(token) => page_token = Some(token),
                None => return Ok(()),
            }
        }
    }

    /// Requests the page after the one being committed, so the platform prepares it and the
    /// bytes travel while the cache writes. The page is only read once the commit succeeded.
    fn prefetch<L: Listing>(&self, resource: Resource, page_token: &str) -> Prefetch<L> {
        let client = self.client.clone();
        let token = self.token.to_owned();
        let page_token = page_token.to_owned();
        Prefetch(tokio::spawn(async move {
            let request = PageRequest { resource, page_token: Some(&page_token), if_none_match: None, since: None };
            client.page::<L, L::Key>(&token, &request).await
        }))
    }

    /// Validates a page and writes it in one transaction with its deletions and the token of the
    /// next page, and on the last page with the listing's entity tag and cursor. Deletions go
    /// first, so a record the platform deleted and created again stays. Returns the next page
    /// token.
    fn commit_page<L: Listing>(
        &mut self,
        resource: Resource,
        page: RecordPage<L, L::Key>,
        tags: &ListingTags,
    ) -> Result<Option<String>, PlatformError> {
        let state_key = resource.path();
        let received = page.items.len() as u64;
        let valid = page.items.into_iter().map(Listing::validate).collect::<Result<Vec<_>, _>>()?;
        let next = page.next_page_token;
        let last = next.is_none();
        let position = sync_runs::ListingPosition {
            etag: if last { tags.complete() } else { None },
            cursor: page.cursor.filter(|_| last),
        };
        let run_id = self.run_id;
        let deleted = self.store.write(|transaction| {
            let mut deleted = 0;
            for key in &page.deleted {
                deleted += L::delete(transaction, key)?;
            }
            L::write_all(transaction, &valid)?;
            sync_runs::save_page_token(transaction, state_key, next.as_deref(), Utc::now())?;
            if last {
                sync_runs::save_listing_position(transaction, state_key, &position)?;
            }
            sync_runs::add_page(transaction, run_id, received)?;
            Ok(deleted)
        })?;
        self.progress.pages += 1;
        self.progress.records += received;
        self.progress.deleted += deleted;
        Ok(next)
    }
}

/// The request for the next page of a listing, running on the runtime while the current page
/// commits. Dropping it, as a failed commit does, cancels the request.
struct Prefetch<L: Listing>(tokio::task::JoinHandle<PageResult<L>>);

/// A page of a listing as fetched: `None` when the listing is unchanged.
type PageResult<L> = Result<Option<FetchedPage<L, <L as Listing>::Key>>, PlatformError>;

impl<L: Listing> Prefetch<L> {
    /// Waits for the page.
    async fn finish(mut self) -> PageResult<L> {
        (&mut self.0).await.unwrap_or_else(|error| Err(PlatformError::Client(error.to_string())))
    }
}

impl<L: Listing> Drop for Prefetch<L> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The entity tags one fetch of a listing saw. The tag is kept only when this run fetched the
/// listing from its first page and every page came from the same version of it. Otherwise the
/// next sync fetches the listing whole.
struct ListingTags {
    first: Option<String>,
    consistent: bool,
}

impl ListingTags {
    fn record(&mut self, first_page: bool, etag: Option<String>) {
        if first_page {
            self.first = etag;
        } else if etag != self.first {
            self.consistent = false;
        }
    }

    fn complete(&self) -> Option<String> {
        self.first.clone().filter(|_| self.consistent)
    }
}

/// A record type of one listing: how to check it, write it and delete it.
trait Listing: DeserializeOwned + Send + 'static {
    /// The checked form that is written.
    type Valid;

    /// The key a tombstone of this listing carries.
    type Key: DeserializeOwned + Send + 'static;

    /// Checks every identifier in the record.
    fn validate(self) -> Result<Self::Valid, PlatformError>;

    /// Writes a checked record inside the page's transaction.
    fn write(transaction: &Transaction<'_>, record: &Self::Valid) -> crate::store::Result<()>;

    /// Writes the checked records of a page inside its transaction.
    fn write_all(transaction: &Transaction<'_>, records: &[Self::Valid]) -> crate::store::Result<()> {
        for record in records {
            Self::write(transaction, record)?;
        }
        Ok(())
    }

    /// Deletes the record a tombstone names inside the page's transaction and returns the rows
    /// deleted.
    fn delete(transaction: &Transaction<'_>, key: &Self::Key) -> crate::store::Result<u64>;
}

fn invalid(record: impl Into<String>, field: &'static str) -> PlatformError {
    PlatformError::InvalidRecord { certificate_id: record.into(), field }
}

fn check_credit_code(record: &str, code: &str, field: &'static str) -> Result<(), PlatformError> {
    match CreditCode::parse(code) {
        Ok(parsed) if parsed.as_str() == code => Ok(()),
        _ => Err(invalid(record, field)),
    }
}

fn check_id_number(record: &str, id_number: &str) -> Result<(), PlatformError> {
    if id_number.trim().is_empty() { Err(invalid(record, "id_number")) } else { Ok(()) }
}

/// A checked certificate version and the issuer's signature that came with it.
struct SignedCertificate {
    certificate: Certificate,
    signature: Option<RecordSignature>,
}

impl Listing for CertificateRecord {
    type Valid = SignedCertificate;
    type Key = CertificateKey;

    /// Checks the fields but not the signature: a record whose signature fails is kept and
    /// marked when shown, never dropped, so the user sees that the platform sent it.
    fn validate(mut self) -> Result<SignedCertificate, PlatformError> {
        let certificate_id = self.certificate_id.clone();
        let signature = match self.record_signature.take() {
            Some(wire) => Some(wire.to_signature().ok_or_else(|| invalid(certificate_id.clone(), "record_signature"))?),
            None => None,
        };
        let certificate = self.into_certificate().map_err(|field| invalid(certificate_id, field))?;
        Ok(SignedCertificate { certificate, signature })
    }

    fn write(transaction: &Transaction<'_>, record: &SignedCertificate) -> crate::store::Result<()> {
        Self::write_all(transaction, std::slice::from_ref(record))
    }

    /// Writes each holder and unit once per page, because a unit's roster names its own unit on
    /// every row.
    fn write_all(transaction: &Transaction<'_>, records: &[SignedCertificate]) -> crate::store::Result<()> {
        let mut holders = certificates::WrittenHolders::default();
        for record in records {
            let certificate = &record.certificate;
            let person_id = holders.upsert(transaction, certificate)?;
            certificates::upsert_of_person(transaction, certificate, person_id)?;
            certificates::save_signature(
                transaction,
                &certificate.certificate_id,
                certificate.version,
                record.signature.as_ref(),
            )?;
        }
        Ok(())
    }

    fn delete(transaction: &Transaction<'_>, key: &CertificateKey) -> crate::store::Result<u64> {
        certificates::delete(transaction, &key.certificate_id, key.version)
    }
}

impl Listing for Unit {
    type Valid = Unit;
    type Key = UnitKey;

    fn validate(self) -> Result<Unit, PlatformError> {
        check_credit_code(&self.credit_code, &self.credit_code, "credit_code")?;
        if self.name.trim().is_empty() {
            return Err(invalid(self.credit_code, "name"));
        }
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &Unit) -> crate::store::Result<()> {
        records::upsert_unit(transaction, record)
    }

    fn delete(transaction: &Transaction<'_>, key: &UnitKey) -> crate::store::Result<u64> {
        tombstones::delete_unit(transaction, &key.credit_code)
    }
}

impl Listing for Person {
    type Valid = Person;
    type Key = PersonKey;

    fn validate(self) -> Result<Person, PlatformError> {
        let label = crate::domain::id_number::mask_id_text(&self.id_number);
        if self.id_type == RESIDENT_ID
            && !IdNumber::parse(&self.id_number).is_ok_and(|id| id.as_str() == self.id_number)
        {
            return Err(invalid(label, "id_number"));
        }
        if self.name.trim().is_empty() {
            return Err(invalid(label, "name"));
        }
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &Person) -> crate::store::Result<()> {
        records::upsert_person(transaction, record).map(|_| ())
    }

    fn delete(transaction: &Transaction<'_>, key: &PersonKey) -> crate::store::Result<u64> {
        tombstones::delete_person(transaction, &key.id_type, &key.id_number)
    }
}

/// A social-security month on the wire.
#[derive(serde::Deserialize)]
#[serde(transparent)]
struct SocialSecurityMonth(PaymentMonth);

/// A housing-fund month on the wire.
#[derive(serde::Deserialize)]
#[serde(transparent)]
struct HousingFundMonth(PaymentMonth);

fn check_payment(month: &PaymentMonth) -> Result<(), PlatformError> {
    let label = format!("{} {}", crate::domain::id_number::mask_id_text(&month.id_number), month.month);
    check_id_number(&label, &month.id_number)?;
    check_credit_code(&label, &month.unit_credit_code, "unit_credit_code")
}

impl Listing for SocialSecurityMonth {
    type Valid = PaymentMonth;
    type Key = PaymentMonth;

    fn validate(self) -> Result<PaymentMonth, PlatformError> {
        check_payment(&self.0)?;
        Ok(self.0)
    }

    fn write(transaction: &Transaction<'_>, record: &PaymentMonth) -> crate::store::Result<()> {
        records::upsert_payment_month(transaction, PaymentKind::SocialSecurity, record, PaymentSource::Platform)
    }

    fn delete(transaction: &Transaction<'_>, key: &PaymentMonth) -> crate::store::Result<u64> {
        tombstones::delete_payment_month(transaction, PaymentKind::SocialSecurity, key)
    }
}

impl Listing for HousingFundMonth {
    type Valid = PaymentMonth;
    type Key = PaymentMonth;

    fn validate(self) -> Result<PaymentMonth, PlatformError> {
        check_payment(&self.0)?;
        Ok(self.0)
    }

    fn write(transaction: &Transaction<'_>, record: &PaymentMonth) -> crate::store::Result<()> {
        records::upsert_payment_month(transaction, PaymentKind::HousingFund, record, PaymentSource::Platform)
    }

    fn delete(transaction: &Transaction<'_>, key: &PaymentMonth) -> crate::store::Result<u64> {
        tombstones::delete_payment_month(transaction, PaymentKind::HousingFund, key)
    }
}

impl Listing for SafetyCertificate {
    type Valid = SafetyCertificate;
    type Key = SafetyCertificateKey;

    fn validate(self) -> Result<SafetyCertificate, PlatformError> {
        check_id_number(&self.certificate_number, &self.id_number)?;
        check_credit_code(&self.certificate_number, &self.unit_credit_code, "unit_credit_code")?;
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &SafetyCertificate) -> crate::store::Result<()> {
        records::upsert_safety_certificate(transaction, record)
    }

    fn delete(transaction: &Transaction<'_>, key: &SafetyCertificateKey) -> crate::store::Result<u64> {
        tombstones::delete_safety_certificate(transaction, &key.certificate_number)
    }
}

impl Listing for Project {
    type Valid = Project;
    type Key = ProjectKey;

    fn validate(self) -> Result<Project, PlatformError> {
        check_id_number(&self.project_id, &self.manager_id_number)?;
        check_credit_code(&self.project_id, &self.contractor_credit_code, "contractor_credit_code")?;
        if self.completed_on.is_some_and(|day| day < self.started_on) {
            return Err(invalid(self.project_id, "completed_on"));
        }
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &Project) -> crate::store::Result<()> {
        records::upsert_project(transaction, record)
    }

    fn delete(transaction: &Transaction<'_>, key: &ProjectKey) -> crate::store::Result<u64> {
        tombstones::delete_project(transaction, &key.project_id)
    }
}

impl Listing for ContinuingEducation {
    type Valid = ContinuingEducation;
    type Key = ContinuingEducationKey;

    fn validate(self) -> Result<ContinuingEducation, PlatformError> {
        check_id_number(&self.specialty, &self.id_number)?;
        if self.period_end < self.period_start {
            return Err(invalid(self.specialty, "period_end"));
        }
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &ContinuingEducation) -> crate::store::Result<()> {
        records::upsert_continuing_education(transaction, record)
    }

    fn delete(transaction: &Transaction<'_>, key: &ContinuingEducationKey) -> crate::store::Result<u64> {
        tombstones::delete_continuing_education(transaction, &key.id_number, &key.specialty, key.period_start)
    }
}

impl Listing for ProfessionalTitle {
    type Valid = ProfessionalTitle;
    type Key = ProfessionalTitleKey;

    fn validate(self) -> Result<ProfessionalTitle, PlatformError> {
        check_id_number(&self.title, &self.id_number)?;
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &ProfessionalTitle) -> crate::store::Result<()> {
        records::upsert_title(transaction, record)
    }

    fn delete(transaction: &Transaction<'_>, key: &ProfessionalTitleKey) -> crate::store::Result<u64> {
        tombstones::delete_title(transaction, &key.id_number, &key.title, key.issued_on)
    }
}

impl Listing for Exemption {
    type Valid = Exemption;
    type Key = ExemptionKey;

    fn validate(self) -> Result<Exemption, PlatformError> {
        check_id_number(&self.exemption_id, &self.id_number)?;
        if self.evidence_file.trim().is_empty() {
            return Err(invalid(self.exemption_id, "evidence_file"));
        }
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &Exemption) -> crate::store::Result<()> {
        records::upsert_exemption(transaction, record)
    }

    fn delete(transaction: &Transaction<'_>, key: &ExemptionKey) -> crate::store::Result<u64> {
        tombstones::delete_exemption(transaction, &key.exemption_id)
    }
}

impl Listing for ChangeApplication {
    type Valid = ChangeApplication;
    type Key = ApplicationKey;

    fn validate(self) -> Result<ChangeApplication, PlatformError> {
        check_id_number(&self.application_id, &self.id_number)?;
        check_credit_code(&self.application_id, &self.unit_credit_code, "unit_credit_code")?;
        Ok(self)
    }

    fn write(transaction: &Transaction<'_>, record: &ChangeApplication) -> crate::store::Result<()> {
        records::upsert_application(transaction, record)
    }

    fn delete(transaction: &Transaction<'_>, key: &ApplicationKey) -> crate::store::Result<u64> {
        tombstones::delete_application(transaction, &key.application_id)
    }
}
