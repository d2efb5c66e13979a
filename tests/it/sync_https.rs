//! Sync over real HTTPS against the sandbox on loopback.

use certdesk::platform::PlatformError;
use certdesk::platform::wire::Resource;
use certdesk::platform::wire::Role;
use certdesk::platform::worker::{Credentials, run_job};
use certdesk::sandbox::sample;
use certdesk::store::{Store, certificates, records};

use crate::support::{block_on, endpoint, expected_counts, job, start_sandbox};

#[test]
fn holder_sync_copies_every_record() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("缓存").join("cache.sqlite3");

    let summary = block_on(run_job(&job(&sandbox, Role::Holder, cache.clone()), |_| {})).unwrap();

    let data = sample::generate(sample::DEFAULT_SEED);
    let account = &data.accounts[0];
    let total: usize = Resource::ALL.iter().map(|r| data.visible(*r, account).len()).sum();
    assert_eq!(summary.fetched, total as u64);
    assert_eq!(summary.written, total as u64);
    let store = Store::open(&cache).unwrap();
    for source in data.visible_certificates(account) {
        let cached = store.read(|c| certificates::load(c, &source.certificate_id, source.version)).unwrap();
        assert_eq!(cached.as_ref(), Some(source), "{} v{}", source.certificate_id, source.version);
    }
    assert_eq!(store.read(records::table_counts).unwrap(), expected_counts(&data, account));
}

#[test]
fn unit_sync_counts_equal_source() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");

    block_on(run_job(&job(&sandbox, Role::Unit, cache.clone()), |_| {})).unwrap();

    let data = sample::generate(sample::DEFAULT_SEED);
    let store = Store::open(&cache).unwrap();
    let counts = store.read(records::table_counts).unwrap();
    assert_eq!(counts, expected_counts(&data, &data.accounts[1]));
    assert!(counts["social_security_months"] > 400, "the roster's payment history arrives: {counts:?}");
    assert!(counts["projects"] >= 4);
    assert!(counts["exemptions"] >= 2);
}

#[test]
fn second_sync_keeps_counts() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let job = job(&sandbox, Role::Holder, cache.clone());

    block_on(run_job(&job, |_| {})).unwrap();
    let first = Store::open(&cache).unwrap().read(certificates::counts).unwrap();
    block_on(run_job(&job, |_| {})).unwrap();
    let second = Store::open(&cache).unwrap().read(certificates::counts).unwrap();

    assert_eq!(first, second);
}

#[test]
fn progress_reports_each_page() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let mut reports = Vec::new();

    block_on(run_job(&job(&sandbox, Role::Unit, dir.path().join("c.sqlite3")), |p| reports.push(*p))).unwrap();

    let last = reports.last().unwrap();
    assert_eq!(last.records, last.total);
    assert!(last.bytes > 0);
    assert_eq!(last.pages, reports.len() as u64);
}

#[test]
fn other_ca_is_untrusted_and_cache_untouched() {
    let sandbox = start_sandbox();
    let impostor = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache.sqlite3");
    let mut job = job(&sandbox, Role::Holder, cache.clone());
    job.endpoint.ca_pem = impostor.ca_pem().as_bytes().to_vec();

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::Untrusted(_)), "{error:?}");
    assert!(!cache.exists(), "no cache file is created before the platform is trusted");
}

#[test]
fn closed_port_is_unreachable() {
    let sandbox = start_sandbox();
    let mut endpoint = endpoint(&sandbox);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    endpoint.url = format!("https://127.0.0.1:{port}");
    let client = certdesk::platform::PlatformClient::new(&endpoint).unwrap();

    let error = block_on(client.platform_info()).unwrap_err();

    assert!(matches!(error, PlatformError::Unreachable(_)), "{error:?}");
    assert!(error.is_offline());
}

#[test]
fn wrong_password_is_rejected() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let mut job = job(&sandbox, Role::Holder, dir.path().join("c.sqlite3"));
    job.credentials =
        Credentials::Password { account: "demo-holder".into(), password: "wrong".into(), role: Role::Holder };

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::WrongCredentials), "{error:?}");
}

#[test]
fn unknown_token_is_signed_out() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let mut job = job(&sandbox, Role::Holder, dir.path().join("c.sqlite3"));
    job.credentials = Credentials::Token("not-a-token".into());

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::SignedOut), "{error:?}");
}

#[test]
fn non_pem_ca_is_rejected() {
    let sandbox = start_sandbox();
    let mut endpoint = endpoint(&sandbox);
    endpoint.ca_pem = b"this is not a certificate".to_vec();

    let error = certdesk::platform::PlatformClient::new(&endpoint).unwrap_err();

    assert!(matches!(error, PlatformError::InvalidCaCertificate), "{error:?}");
}

#[test]
fn plain_http_url_is_rejected() {
    let sandbox = start_sandbox();
    let mut endpoint = endpoint(&sandbox);
    endpoint.url = endpoint.url.replace("https://", "http://");

    let error = certdesk::platform::PlatformClient::new(&endpoint).unwrap_err();

    assert!(matches!(error, PlatformError::InvalidUrl { .. }), "{error:?}");
}
