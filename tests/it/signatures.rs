//! Signed certificate records through the CLI: a record changed in the cache, a changed
//! signature and an unknown issuer key are each reported, and never shown as current.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use certdesk::account::DataDir;
use certdesk::platform::wire::Role;
use serde_json::Value;

use crate::gui::TAMPER_FIRST_SPECIALTY;
use crate::support::start_sandbox;

const NUMBER: &str = "京111151700123";

fn certdesk(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certdesk"));
    command.arg("--data-dir").arg(data_dir).env_remove("CERTDESK_LANG").stdin(Stdio::null());
    command
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn show_json(data: &Path) -> Vec<String> {
    let output = certdesk(data).args(["certs", "show", NUMBER, "--json"]).output().unwrap();
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let versions = value["versions"].as_array().unwrap();
    versions.iter().map(|v| v["record_signature"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn cli_reports_each_signature_failure() {
    let sandbox = start_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("数据");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, sandbox.ca_pem()).unwrap();
    let account = sandbox.account(Role::Holder).unwrap();
    let login = certdesk(&data)
        .args(["login", "--platform", sandbox.url(), "--role", "holder", "--account", &account.account])
        .arg("--ca-cert")
        .arg(&ca)
        .env("CERTDESK_PASSWORD", &account.password)
        .output()
        .unwrap();
    stdout(&login);
    stdout(&certdesk(&data).arg("sync").env("CERTDESK_PASSWORD", &account.password).output().unwrap());
    let cache = DataDir::at(&data).cache_path("sandbox", &account.account);
    let connection = rusqlite::Connection::open(&cache).unwrap();

    let face = stdout(&certdesk(&data).args(["certs", "show", NUMBER]).output().unwrap());
    assert!(face.contains("数字签名：签名有效"), "{face}");
    assert!(show_json(&data).iter().all(|s| s == "valid"));

    connection.execute(TAMPER_FIRST_SPECIALTY, []).unwrap();
    let face = stdout(&certdesk(&data).args(["certs", "show", NUMBER]).output().unwrap());
    assert!(face.contains("数字签名：内容被改动"), "{face}");
    assert!(!face.contains("现行版本"), "a changed record is never shown as current: {face}");
    assert!(show_json(&data).iter().all(|s| s == "tampered"));

    connection.execute(&TAMPER_FIRST_SPECIALTY.replace("+ 1) % 10", "+ 9) % 10"), []).unwrap();
    assert!(show_json(&data).iter().all(|s| s == "valid"), "the change is undone");
    let flipped: Vec<u8> = connection
        .query_row("SELECT value FROM certificate_signatures WHERE version = 3 LIMIT 1", [], |row| row.get(0))
        .unwrap();
    let mut changed = flipped.clone();
    changed[5] ^= 0x01;
    connection.execute("UPDATE certificate_signatures SET value = ?1 WHERE value = ?2", (&changed, &flipped)).unwrap();
    assert!(show_json(&data).contains(&"tampered".to_owned()), "one changed signature byte");

    connection.execute("UPDATE certificate_signatures SET key_id = 'unknown-issuer'", []).unwrap();
    let face = stdout(&certdesk(&data).args(["certs", "show", NUMBER]).output().unwrap());
    assert!(face.contains("签发机构不受信任"), "{face}");
    assert!(show_json(&data).iter().all(|s| s == "untrusted_issuer"));
}
