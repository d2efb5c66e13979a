//! Generated data as users meet it: served by the sandbox and synced over HTTPS, and written or
//! served by `certdesk sandbox generate|serve --holders`.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use certdesk::platform::wire::Role;
use certdesk::platform::worker::run_job;
use certdesk::sandbox::generator::{self, GeneratorConfig};
use certdesk::sandbox::{sample, scenario};
use certdesk::store::{Store, records};
use serde_json::Value;

use crate::support::{block_on, expected_counts, job, start_sandbox_with};

fn certdesk(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certdesk"));
    command.arg("--data-dir").arg(data_dir).env_remove("CERTDESK_LANG").stdin(Stdio::null());
    command
}

#[test]
fn generated_data_syncs_completely() {
    let config = GeneratorConfig { units: 6, anomaly_share: 1.0 / 18.0, ..GeneratorConfig::with_holders(90, 42) };
    let data = generator::dataset(&config);
    let sandbox = start_sandbox_with(data.clone());
    let dir = tempfile::tempdir().unwrap();

    for role in [Role::Holder, Role::Unit] {
        let cache = dir.path().join(format!("{}.sqlite3", role.code()));
        block_on(run_job(&job(&sandbox, role, cache.clone()), |_| {})).unwrap();

        let counts = Store::open(&cache).unwrap().read(records::table_counts).unwrap();
        let account = sandbox.account(role).unwrap();
        assert_eq!(counts, expected_counts(&data, account), "{}", role.code());
        assert!(counts["persons"] > 0, "{}", role.code());
    }
}

#[test]
fn generate_with_holders_writes_a_loadable_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("生成.json");

    let output = certdesk(dir.path())
        .args(["sandbox", "generate", "--holders", "30", "--seed", "5", "--out"])
        .arg(&out)
        .output()
        .unwrap();

    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let loaded = scenario::load(&out).unwrap();
    let generated = generator::dataset(&GeneratorConfig::with_holders(30, 5));
    assert_eq!(loaded.persons, generated.persons);
    assert_eq!(loaded.units, generated.units);
    assert_eq!(loaded.social_security.len(), generated.social_security.len());
    assert_eq!(loaded.certificates.len(), generated.certificates.len());
    assert_eq!(loaded.accounts, generated.accounts);
}

#[test]
fn generate_without_holders_writes_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo.json");

    let output = certdesk(dir.path()).args(["sandbox", "generate", "--out"]).arg(&out).output().unwrap();

    assert!(output.status.success());
    let demo = scenario::from_dataset(&sample::generate(sample::DEFAULT_SEED));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), serde_json::to_string_pretty(&demo).unwrap());
}

#[test]
fn seed_without_holders_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();

    let output = certdesk(dir.path()).args(["sandbox", "generate", "--seed", "5", "--out", "x.json"]).output().unwrap();

    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn serve_with_holders_announces_generated_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = certdesk(dir.path())
        .args(["sandbox", "serve", "--holders", "25", "--ca-out"])
        .arg(dir.path().join("ca.pem"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let _ = child.kill();
    let _ = child.wait();

    let announcement: Value = serde_json::from_str(&line).unwrap();
    let generated = generator::dataset(&GeneratorConfig::with_holders(25, sample::DEFAULT_SEED));
    let names: Vec<&str> =
        announcement["accounts"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    let expected: Vec<&str> = generated.accounts.iter().map(|a| a.display_name.as_str()).collect();
    assert_eq!(names, expected);
}
