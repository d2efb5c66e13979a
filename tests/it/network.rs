//! Reaching the platform from a company network: an explicit proxy and an extra trusted CA.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use certdesk::platform::PlatformError;
use certdesk::platform::wire::Role;
use certdesk::platform::worker::run_job;

use crate::support::{block_on, job, start_sandbox};

/// Starts an HTTP CONNECT proxy on loopback that tunnels only to loopback ports, and returns its
/// URL and the number of tunnels it opened.
fn start_connect_proxy() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let tunnels = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&tunnels);
    std::thread::spawn(move || {
        for inbound in listener.incoming().flatten() {
            let counter = Arc::clone(&counter);
            std::thread::spawn(move || tunnel(inbound, &counter));
        }
    });
    (url, tunnels)
}

fn tunnel(mut inbound: TcpStream, tunnels: &AtomicUsize) -> Option<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        (inbound.read(&mut byte).ok()? == 1).then_some(())?;
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let target = head.strip_prefix("CONNECT ")?.split_whitespace().next()?.to_owned();
    target.starts_with("127.0.0.1:").then_some(())?;
    let mut outbound = TcpStream::connect(&target).ok()?;
    tunnels.fetch_add(1, Ordering::SeqCst);
    inbound.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n").ok()?;
    let (mut inbound_reader, mut outbound_writer) = (inbound.try_clone().ok()?, outbound.try_clone().ok()?);
    std::thread::spawn(move || std::io::copy(&mut inbound_reader, &mut outbound_writer));
    std::io::copy(&mut outbound, &mut inbound).ok()?;
    Some(())
}

#[test]
fn sync_through_explicit_proxy() {
    let sandbox = start_sandbox();
    let (proxy, tunnels) = start_connect_proxy();
    let dir = tempfile::tempdir().unwrap();
    let mut job = job(&sandbox, Role::Holder, dir.path().join("cache.sqlite3"));
    job.endpoint.proxy = Some(proxy);

    let summary = block_on(run_job(&job, |_| {})).unwrap();

    assert!(summary.fetched > 0);
    assert!(tunnels.load(Ordering::SeqCst) > 0, "the requests went through the proxy");
}

#[test]
fn non_http_proxy_is_rejected() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let mut job = job(&sandbox, Role::Holder, dir.path().join("cache.sqlite3"));
    job.endpoint.proxy = Some("ftp://127.0.0.1:21".to_owned());

    let error = block_on(run_job(&job, |_| {})).unwrap_err();

    assert!(matches!(error, PlatformError::InvalidProxy { .. }), "{error:?}");
}

fn certdesk(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certdesk"));
    command.arg("--data-dir").arg(data_dir).env_remove("CERTDESK_LANG").stdin(Stdio::null());
    command
}

#[test]
fn extra_ca_is_trusted_after_login() {
    let sandbox = start_sandbox();
    let impostor = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("数据");
    let wrong_ca = dir.path().join("wrong.pem");
    let extra_ca = dir.path().join("company.pem");
    std::fs::write(&wrong_ca, impostor.ca_pem()).unwrap();
    std::fs::write(&extra_ca, sandbox.ca_pem()).unwrap();
    let account = sandbox.account(Role::Holder).unwrap();
    let login = |extra: bool| {
        let mut command = certdesk(&data);
        command.args(["login", "--platform", sandbox.url(), "--role", "holder", "--account", &account.account]);
        command.arg("--ca-cert").arg(&wrong_ca).env("CERTDESK_PASSWORD", &account.password);
        if extra {
            command.arg("--extra-ca").arg(&extra_ca);
        }
        command.output().unwrap()
    };

    let untrusted = login(false);
    let trusted = login(true);

    assert!(!untrusted.status.success());
    assert!(String::from_utf8_lossy(&untrusted.stderr).contains("不受信任"));
    assert!(trusted.status.success(), "{}", String::from_utf8_lossy(&trusted.stderr));
    let sync = certdesk(&data).arg("sync").env("CERTDESK_PASSWORD", &account.password).output().unwrap();
    assert!(sync.status.success(), "the extra CA is kept for later syncs: {}", String::from_utf8_lossy(&sync.stderr));
    let logout = certdesk(&data).arg("logout").output().unwrap();
    assert!(logout.status.success());
    assert!(!data.join("extra-ca.pem").exists());
}
