//! Sync against a sandbox that injects faults: every run either retries to a cache equal to a
//! fault-free sync, or stops with the cache as it was after its last committed page and resumes
//! from there.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use certdesk::i18n::Lang;
use certdesk::platform::PlatformError;
use certdesk::platform::retry::RetryPolicy;
use certdesk::platform::sync::SyncSummary;
use certdesk::platform::wire::{Resource, Role};
use certdesk::platform::worker::{SyncJob, run_job};
use certdesk::platform::{ClientOptions, PlatformClient};
use certdesk::sandbox::{Fault, FaultKind, SandboxHandle, SandboxOptions, sample};
use certdesk::store::{Store, certificates, records, sync_runs};
use sha2::{Digest as _, Sha256};

use crate::support::{block_on, endpoint, expected_counts, job};

/// 20 records a page: the demo unit's roster then takes dozens of pages.
const PAGE_SIZE: u32 = 20;

/// Attempts per request in these tests.
const ATTEMPTS: u32 = 4;

/// Short waits, so a test with several retries stays under a few seconds. `max_delay` is above
/// the 1-second `Retry-After` the rate-limit test uses.
fn fast_options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(400),
        page_size: PAGE_SIZE,
        retry: RetryPolicy {
            max_attempts: ATTEMPTS,
            min_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(1500),
            max_elapsed: Duration::from_secs(5),
        },
    }
}

fn start_faulty(faults: Vec<Fault>) -> SandboxHandle {
    certdesk::install_crypto_provider();
    SandboxHandle::start(&SandboxOptions { faults, ..SandboxOptions::default() }).expect("sandbox starts")
}

fn unit_job(sandbox: &SandboxHandle, cache: &Path) -> SyncJob {
    let mut job = job(sandbox, Role::Unit, cache.to_path_buf());
    job.options = fast_options();
    job
}

/// Returns a SHA-256 of the sorted rows of every data table, so two caches with the same records
/// compare equal however their pages arrived. The sync bookkeeping tables are left out.
fn cache_digest(cache: &Path) -> BTreeMap<&'static str, String> {
    let connection = rusqlite::Connection::open(cache).unwrap();
    let mut digests = BTreeMap::new();
    for table in records::TABLES.into_iter().filter(|t| !t.starts_with("sync_")) {
        let mut statement = connection.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let columns = statement.column_count();
        let mut rows: Vec<String> = statement
            .query_map([], |row| {
                let values: Vec<String> = (0..columns).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
                Ok(values.join("\u{1f}"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows.sort();
        digests.insert(table, format!("{:x}", Sha256::digest(rows.join("\u{1e}"))));
    }
    digests
}

/// Syncs the demo unit from a fault-free sandbox and returns the digest of that cache.
fn reference_digest() -> BTreeMap<&'static str, String> {
    let sandbox = start_faulty(Vec::new());
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("reference.sqlite3");
    block_on(run_job(&unit_job(&sandbox, &cache), |_| {})).unwrap();
    cache_digest(&cache)
}

/// Checks that a cache holds exactly the demo unit's records: counts against the source, every
/// certificate field by field, and every row against a fault-free sync.
fn assert_cache_equals_source(cache: &Path) {
    let data = sample::generate(sample::DEFAULT_SEED);
    let account = &data.accounts[1];
    let store = Store::open(cache).unwrap();
    assert_eq!(store.read(records::table_counts).unwrap(), expected_counts(&data, account));
    for source in data.visible_certificates(account) {
        let cached = store.read(|c| certificates::load(c, &source.certificate_id, source.version)).unwrap();
        assert_eq!(cached.as_ref(), Some(source), "{} v{}", source.certificate_id, source.version);
    }
    assert_eq!(cache_digest(cache), reference_digest());
}

/// Syncs the demo unit through `faults` and checks that the faults fired and the cache is whole.
fn sync_through(faults: Vec<Fault>) -> (SyncSummary, Vec<certdesk::sandbox::ListingRequest>) {
    let sandbox = start_faulty(faults);
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");

    let summary = block_on(run_job(&unit_job(&sandbox, &cache), |_| {})).unwrap();

    assert_cache_equals_source(&cache);
    let requests = sandbox.listing_requests();
    assert_each_fault_retried(&requests);
    (summary, requests)
}

/// Checks that the request after each injected listing fault requests the same page again.
fn assert_each_fault_retried(requests: &[certdesk::sandbox::ListingRequest]) {
    for pair in requests.windows(2) {
        if pair[0].fault.is_some() {
            assert_eq!(
                (pair[1].resource, &pair[1].page_token),
                (pair[0].resource, &pair[0].page_token),
                "retry after {:?}",
                pair[0].fault
            );
        }
    }
}

fn fired(requests: &[certdesk::sandbox::ListingRequest]) -> Vec<FaultKind> {
    requests.iter().filter_map(|r| r.fault).collect()
}

/// Listing requests a fault-free sync of the demo unit makes before `resource`'s first page.
fn requests_before(resource: Resource) -> u32 {
    let data = sample::generate(sample::DEFAULT_SEED);
    let account = &data.accounts[1];
    let pages = |r: Resource| data.visible(r, account).len().div_ceil(PAGE_SIZE as usize).max(1);
    let before: usize = Resource::ALL.iter().take_while(|r| **r != resource).map(|r| pages(*r)).sum();
    u32::try_from(before).unwrap()
}

#[test]
fn rate_limit_honours_retry_after() {
    let started = Instant::now();

    let (_, requests) =
        sync_through(vec![Fault::times(FaultKind::TooManyRequests { retry_after_secs: 1 }, 1).after(3)]);

    assert_eq!(fired(&requests), [FaultKind::TooManyRequests { retry_after_secs: 1 }]);
    assert!(started.elapsed() >= Duration::from_secs(1), "the client waited the Retry-After second");
}

#[test]
fn server_errors_are_retried() {
    let faults = vec![
        Fault::times(FaultKind::ServerError { status: 500 }, 1).after(2),
        Fault::times(FaultKind::ServerError { status: 502 }, 2).after(8),
        Fault::times(FaultKind::ServerError { status: 503 }, 3).after(20),
    ];

    let (_, requests) = sync_through(faults);

    assert_eq!(fired(&requests).len(), 6);
}

#[test]
fn slow_answer_times_out_and_is_retried() {
    let (_, requests) = sync_through(vec![Fault::times(FaultKind::Delay { millis: 1500 }, 1).after(5)]);

    assert_eq!(fired(&requests), [FaultKind::Delay { millis: 1500 }]);
}

#[test]
fn connection_reset_is_retried() {
    let (_, requests) = sync_through(vec![Fault::times(FaultKind::ConnectionReset, 2).after(4)]);

    assert_eq!(fired(&requests), [FaultKind::ConnectionReset, FaultKind::ConnectionReset]);
}

#[test]
fn broken_json_is_retried() {
    let faults =
        vec![Fault::times(FaultKind::TruncatedJson, 1).after(3), Fault::times(FaultKind::MalformedJson, 1).after(12)];

    let (_, requests) = sync_through(faults);

    assert_eq!(fired(&requests), [FaultKind::TruncatedJson, FaultKind::MalformedJson]);
}

#[test]
fn pages_out_of_sequence_are_retried() {
    let faults = vec![Fault::times(FaultKind::RepeatPage, 1).after(3), Fault::times(FaultKind::SkipPage, 1).after(15)];

    let (_, requests) = sync_through(faults);

    assert_eq!(fired(&requests), [FaultKind::RepeatPage, FaultKind::SkipPage]);
}

#[test]
fn skipped_page_is_never_written() {
    let resource = Resource::SocialSecurityMonths;
    let sandbox = start_faulty(vec![Fault::always(FaultKind::SkipPage).after(requests_before(resource) + 2)]);
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let mut job = unit_job(&sandbox, &cache);
    job.options.retry = RetryPolicy::no_retries();

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::PageOutOfSequence { .. }), "{error:?}");
    let store = Store::open(&cache).unwrap();
    let saved = store.read(|c| sync_runs::page_token(c, resource.path())).unwrap();
    let expected_offset = 2 * PAGE_SIZE;
    // The sandbox's token ends with the deletion log's head, 0 here, as of the first page.
    assert_eq!(saved, Some(format!("offset-{expected_offset}-0")), "the token of the page that was refused");
    let counts = store.read(records::table_counts).unwrap();
    assert_eq!(counts["social_security_months"], u64::from(expected_offset), "only the two good pages");
}

#[test]
fn lasting_outage_gives_up_then_resumes() {
    let resource = Resource::SocialSecurityMonths;
    let failing_request = requests_before(resource) + 3;
    let outage = Fault::times(FaultKind::ServerError { status: 503 }, ATTEMPTS).after(failing_request);
    let sandbox = start_faulty(vec![outage]);
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let job = unit_job(&sandbox, &cache);

    let started = Instant::now();
    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(started.elapsed() < Duration::from_secs(30), "gave up in {:?}", started.elapsed());
    assert!(matches!(error, PlatformError::GaveUp { attempts: ATTEMPTS, .. }), "{error:?}");
    let message = error.message().render(Lang::ZhCn);
    assert!(message.contains("从中断处继续"), "{message}");
    let first_run = sandbox.listing_requests();
    let stuck_token = first_run.last().unwrap().page_token.clone();
    let resumed_offset = 3 * PAGE_SIZE;
    assert_eq!(stuck_token, Some(format!("offset-{resumed_offset}-0")));
    let store = Store::open(&cache).unwrap();
    assert_eq!(store.read(|c| sync_runs::page_token(c, resource.path())).unwrap(), stuck_token);
    let counts = store.read(records::table_counts).unwrap();
    assert_eq!(counts["social_security_months"], u64::from(resumed_offset), "the saved token is not ahead of the data");
    drop(store);

    block_on(run_job(&job, |_| {})).unwrap();

    let second_run = &sandbox.listing_requests()[first_run.len()..];
    let resumed = second_run.iter().find(|r| r.resource == resource).unwrap();
    assert_eq!(resumed.page_token, stuck_token, "the second run continues at page 4, not at the start");
    assert_cache_equals_source(&cache);

    let before_third_run = sandbox.listing_requests().len();
    block_on(run_job(&job, |_| {})).unwrap();

    let third_run = &sandbox.listing_requests()[before_third_run..];
    let refetched: Vec<Resource> = third_run.iter().filter(|r| r.page_token.is_some()).map(|r| r.resource).collect();
    assert!(!refetched.is_empty(), "a listing resumed part-way keeps no entity tag");
    assert!(refetched.iter().all(|r| *r == resource), "every other listing is unchanged: {refetched:?}");
}

#[test]
fn untrusted_certificate_is_not_retried() {
    let sandbox = start_faulty(Vec::new());
    let impostor = start_faulty(Vec::new());
    let mut endpoint = endpoint(&sandbox);
    endpoint.ca_pem = impostor.ca_pem().as_bytes().to_vec();
    let mut options = fast_options();
    options.retry.min_delay = Duration::from_secs(5);
    let client = PlatformClient::with_options(&endpoint, options).unwrap();

    let started = Instant::now();
    let error = block_on(client.platform_info_with_retries()).unwrap_err();

    assert!(matches!(error, PlatformError::Untrusted(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "no retry wait");
}

#[test]
fn clock_skew_is_reported() {
    let (summary, _) = sync_through(vec![Fault::always(FaultKind::ClockSkew { secs: 7200 })]);

    let skew = summary.clock_skew_secs.expect("a two-hour skew is reported");
    assert!((7190..=7210).contains(&skew), "{skew}");
}
