//! The `certdesk` binary as a user runs it: exit codes, one-line Chinese errors, JSON output.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use calamine::Reader as _;
use serde_json::Value;

fn certdesk(data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certdesk"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("CERTDESK_PASSWORD")
        .env_remove("CERTDESK_LANG")
        .stdin(Stdio::null());
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A `certdesk sandbox serve` child process, killed on drop.
struct ServedSandbox {
    child: Child,
    announcement: Value,
}

impl ServedSandbox {
    fn start(data_dir: &Path) -> Self {
        Self::start_with(data_dir, &[])
    }

    /// Starts the sandbox with extra `sandbox serve` arguments.
    fn start_with(data_dir: &Path, extra: &[&str]) -> Self {
        let mut child = certdesk(data_dir)
            .args(["sandbox", "serve", "--ca-out"])
            .arg(data_dir.join("沙箱 CA.pem"))
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let announcement = serde_json::from_str(&line).unwrap();
        Self { child, announcement }
    }

    fn url(&self) -> &str {
        self.announcement["url"].as_str().unwrap()
    }

    fn ca_cert(&self) -> &str {
        self.announcement["ca_cert"].as_str().unwrap()
    }

    fn password(&self, role: &str) -> String {
        let accounts = self.announcement["accounts"].as_array().unwrap();
        let account = accounts.iter().find(|a| a["role"] == role).unwrap();
        account["password"].as_str().unwrap().to_owned()
    }
}

impl Drop for ServedSandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_login_sync_list() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start(&dir.path().join("服务"));
    let data = dir.path().join("数据");
    assert!(sandbox.url().starts_with("https://127.0.0.1:"));

    let login = certdesk(&data)
        .args([
            "login",
            "--platform",
            sandbox.url(),
            "--ca-cert",
            sandbox.ca_cert(),
            "--role",
            "unit",
            "--account",
            "demo-unit",
        ])
        .env("CERTDESK_PASSWORD", sandbox.password("unit"))
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));

    let sync =
        certdesk(&data).args(["sync", "--json"]).env("CERTDESK_PASSWORD", sandbox.password("unit")).output().unwrap();
    assert!(sync.status.success(), "{}", stderr(&sync));
    let summary: Value = serde_json::from_slice(&sync.stdout).unwrap();
    assert!(summary["fetched"].as_u64().unwrap() > 38, "certificates and the records around them: {summary}");
    assert_eq!(summary["written"], summary["fetched"]);
    assert!(summary["bytes"].as_u64().unwrap() > 0);

    let list = certdesk(&data).args(["certs", "list", "--json"]).output().unwrap();
    assert!(list.status.success(), "{}", stderr(&list));
    let certificates: Vec<Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(certificates.len(), 38);
    for certificate in &certificates {
        assert!(certificate["id_number_masked"].as_str().unwrap().contains("********"));
        assert!(certificate["registration_number"].as_str().unwrap().starts_with('京'));
        assert_eq!(certificate["unit_name"], "华夏示范建设工程有限公司");
        let specialty = &certificate["specialties"][0];
        assert!(specialty["valid_from"].as_str().unwrap().len() == 10);
        assert!(specialty["valid_to"].as_str().unwrap() > specialty["valid_from"].as_str().unwrap());
    }
}

#[test]
fn sync_retries_served_fault_and_warns_of_clock() {
    let dir = tempfile::tempdir().unwrap();
    let faults = ["--fault", "503", "--fault", "clock-skew:7200", "--fault-after", "2", "--fault-times", "1"];
    let sandbox = ServedSandbox::start_with(&dir.path().join("服务"), &faults);
    let data = dir.path().join("数据");
    let password = sandbox.password("holder");
    let login = certdesk(&data)
        .args([
            "login",
            "--platform",
            sandbox.url(),
            "--ca-cert",
            sandbox.ca_cert(),
            "--role",
            "holder",
            "--account",
            "demo-holder",
        ])
        .env("CERTDESK_PASSWORD", &password)
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));

    let sync = certdesk(&data).args(["sync", "--json"]).env("CERTDESK_PASSWORD", &password).output().unwrap();

    assert!(sync.status.success(), "the 503 is retried: {}", stderr(&sync));
    let summary: Value = serde_json::from_slice(&sync.stdout).unwrap();
    assert!(summary["fetched"].as_u64().unwrap() > 0, "{summary}");
    assert!(stderr(&sync).contains("本机时钟与平台相差约 120 分钟"), "{}", stderr(&sync));
    let progress = stderr(&sync);
    assert!(progress.contains(" KiB，每秒 "), "progress shows bytes and rate: {progress}");
}

#[test]
fn logout_deletes_token_profile_and_cache() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start(&dir.path().join("服务"));
    let data = dir.path().join("数据");
    let password = sandbox.password("holder");
    let login = certdesk(&data)
        .args(["login", "--platform", sandbox.url(), "--ca-cert", sandbox.ca_cert(), "--role", "holder"])
        .args(["--account", "demo-holder"])
        .env("CERTDESK_PASSWORD", &password)
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));
    let sync = certdesk(&data).arg("sync").env("CERTDESK_PASSWORD", &password).output().unwrap();
    assert!(sync.status.success(), "{}", stderr(&sync));
    let accounts = data.join("accounts");
    assert_eq!(std::fs::read_dir(&accounts).unwrap().count(), 1, "one account cache");

    std::fs::create_dir_all(data.join("materials")).unwrap();
    std::fs::write(data.join("materials").join("a".repeat(64)), b"copy of an ID card").unwrap();
    let logout = certdesk(&data).args(["logout", "--delete-cache"]).output().unwrap();

    assert!(logout.status.success(), "{}", stderr(&logout));
    let said = String::from_utf8_lossy(&logout.stdout);
    assert!(said.contains("demo-holder") && said.contains("本地缓存已删除"), "{said}");
    assert!(!data.join("profile.json").exists());
    assert_eq!(std::fs::read_dir(&accounts).unwrap().count(), 0, "the cache folder is gone");
    assert!(!data.join("materials").exists(), "the last account takes the copied materials with it");
    let sync_after = certdesk(&data).arg("sync").output().unwrap();
    assert!(!sync_after.status.success());
    assert!(stderr(&sync_after).contains("certdesk login"), "{}", stderr(&sync_after));
    let again = certdesk(&data).arg("logout").output().unwrap();
    assert!(again.status.success(), "logging out twice is fine: {}", stderr(&again));
}

#[test]
fn unknown_fault_is_usage_error() {
    let dir = tempfile::tempdir().unwrap();

    let output = certdesk(dir.path()).args(["sandbox", "serve", "--fault", "teapot"]).output().unwrap();

    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("teapot"), "{}", stderr(&output));
}

#[test]
fn certs_show_masks_id_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start(dir.path());
    let data = dir.path().join("data");
    let password = sandbox.password("holder");
    let login = certdesk(&data)
        .args([
            "login",
            "--platform",
            sandbox.url(),
            "--ca-cert",
            sandbox.ca_cert(),
            "--role",
            "holder",
            "--account",
            "demo-holder",
        ])
        .env("CERTDESK_PASSWORD", &password)
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));
    assert!(certdesk(&data).arg("sync").env("CERTDESK_PASSWORD", &password).output().unwrap().status.success());

    let shown = certdesk(&data).args(["certs", "show", "京111151700123", "--json"]).output().unwrap();
    assert!(shown.status.success(), "{}", stderr(&shown));
    let value: Value = serde_json::from_slice(&shown.stdout).unwrap();
    let versions = value["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[0]["status"], "valid");
    assert_eq!(versions[0]["version"], 3);
    assert!(versions[0].get("id_number").is_none());

    let full = certdesk(&data).args(["certs", "show", "京111151700123", "--json", "--full-id"]).output().unwrap();
    let value: Value = serde_json::from_slice(&full.stdout).unwrap();
    let id = value["versions"][0]["id_number"].as_str().unwrap();
    assert!(certdesk::domain::IdNumber::parse(id).is_ok());
}

#[test]
fn unknown_subcommand_is_chinese_usage_error() {
    let dir = tempfile::tempdir().unwrap();

    let output = certdesk(dir.path()).arg("synch").output().unwrap();

    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("未知的命令“synch”"), "{message}");
    assert_eq!(message.trim().lines().count(), 1);
}

#[test]
fn unknown_flag_is_chinese_usage_error() {
    let dir = tempfile::tempdir().unwrap();

    let output = certdesk(dir.path()).args(["certs", "list", "--jsn"]).output().unwrap();

    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("未知的参数“--jsn”"), "{}", stderr(&output));
}

#[test]
fn login_with_non_certificate_ca_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad_ca = dir.path().join("ca.pem");
    std::fs::write(&bad_ca, "hello").unwrap();
    let data = dir.path().join("data");

    let output = certdesk(&data)
        .args(["login", "--platform", "https://127.0.0.1:9", "--ca-cert"])
        .arg(&bad_ca)
        .args(["--role", "holder", "--account", "demo-holder"])
        .env("CERTDESK_PASSWORD", "x")
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("CA 证书文件中没有 PEM 格式的证书"), "{}", stderr(&output));
    assert!(!data.join("profile.json").exists());
}

#[test]
fn login_to_silent_port_says_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start(dir.path());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let data = dir.path().join("data");

    let output = certdesk(&data)
        .args(["login", "--platform", &format!("https://127.0.0.1:{port}"), "--ca-cert", sandbox.ca_cert()])
        .args(["--role", "holder", "--account", "demo-holder"])
        .env("CERTDESK_PASSWORD", "x")
        .output()
        .unwrap();

    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("无法连接平台"), "{}", stderr(&output));
    assert!(!data.join("profile.json").exists());
}

#[test]
fn sync_without_login_explains() {
    let dir = tempfile::tempdir().unwrap();

    let output = certdesk(dir.path()).arg("sync").output().unwrap();

    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("还没有登录平台"), "{}", stderr(&output));
}

#[test]
fn unwritable_data_dir_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();

    let output = certdesk(&file.join("sub")).args(["sandbox", "serve"]).output().unwrap();

    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("无法使用数据文件夹"), "{}", stderr(&output));
}

#[test]
fn validate_reports_check_character() {
    let dir = tempfile::tempdir().unwrap();

    let valid = certdesk(dir.path()).args(["validate", "id", "11010519491231002x", "--json"]).output().unwrap();
    let invalid = certdesk(dir.path()).args(["validate", "id", "110105194912310021", "--json"]).output().unwrap();
    let usage = certdesk(dir.path()).args(["validate", "passport", "x"]).output().unwrap();

    assert_eq!(valid.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&valid.stdout).unwrap();
    assert_eq!(value["normalized"], "11010519491231002X");
    assert_eq!(value["birth_date"], "1949-12-31");
    assert_eq!(value["sex"], "female");
    assert_eq!(value["region_code"], "110105");
    assert_eq!(invalid.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&invalid.stdout).unwrap();
    assert_eq!(value["valid"], false);
    assert_eq!(value["reason"], "第18位校验码应为X，实际为1");
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn broken_scenario_stops_the_sandbox() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/invalid/month-13.json");

    let output = certdesk(dir.path()).args(["sandbox", "serve", "--scenario"]).arg(&scenario).output().unwrap();

    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("month-13.json"), "{message}");
    assert!(message.contains("月份“2026-13”无效"), "{message}");
    assert!(output.stdout.is_empty(), "nothing is announced, so nothing is served");
}

#[test]
fn scenario_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/c02-other-payer.json");
    let mut child = certdesk(dir.path())
        .args(["sandbox", "serve", "--scenario"])
        .arg(&scenario)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let _ = child.kill();
    let _ = child.wait();

    let announcement: Value = serde_json::from_str(&line).unwrap();
    let accounts: Vec<&str> =
        announcement["accounts"].as_array().unwrap().iter().map(|a| a["account"].as_str().unwrap()).collect();
    assert_eq!(accounts, ["zhang", "huabei-hr"]);
}

#[test]
fn check_reports_findings_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start(dir.path());
    let data = dir.path().join("data");
    let password = sandbox.password("unit");
    let login = certdesk(&data)
        .args([
            "login",
            "--platform",
            sandbox.url(),
            "--ca-cert",
            sandbox.ca_cert(),
            "--role",
            "unit",
            "--account",
            "demo-unit",
        ])
        .env("CERTDESK_PASSWORD", &password)
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));
    assert!(certdesk(&data).arg("sync").env("CERTDESK_PASSWORD", &password).output().unwrap().status.success());

    let output = certdesk(&data).args(["check", "--as-of", "2026-12-04", "--json"]).output().unwrap();

    assert!(output.status.success(), "{}", stderr(&output));
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let codes: std::collections::BTreeSet<&str> = findings.iter().map(|f| f["code"].as_str().unwrap()).collect();
    for code in ["C02", "C03", "C04", "C05", "C06", "C07", "C11", "C12"] {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
    }
    for finding in &findings {
        for field in ["code", "severity", "status", "person", "registration_number", "units", "evidence", "as_of"] {
            assert!(finding.get(field).is_some(), "{field} missing in {finding}");
        }
        assert!(finding["person"]["id_number_masked"].as_str().unwrap().contains("****"));
        assert_eq!(finding["as_of"], "2026-12-04");
    }
    let explained = findings.iter().filter(|f| f["status"] == "explained").count();
    assert_eq!(explained, 2, "the demo roster records two exemptions");
}

/// Signs in as the demo holder and syncs, returning the data folder.
fn synced_holder(dir: &Path, sandbox: &ServedSandbox) -> std::path::PathBuf {
    let data = dir.join("数据");
    let password = sandbox.password("holder");
    let login = certdesk(&data)
        .args(["login", "--platform", sandbox.url(), "--ca-cert", sandbox.ca_cert()])
        .args(["--role", "holder", "--account", "demo-holder"])
        .env("CERTDESK_PASSWORD", &password)
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));
    assert!(certdesk(&data).arg("sync").env("CERTDESK_PASSWORD", &password).output().unwrap().status.success());
    data
}

#[test]
fn export_verify_and_register() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start(dir.path());
    let data = synced_holder(dir.path(), &sandbox);
    let pdf = dir.path().join("李玥 投标.pdf");
    let png = dir.path().join("李玥 投标.png");

    let without_purpose = certdesk(&data).args(["export", "京111151700123", "--pdf"]).arg(&pdf).output().unwrap();
    assert_eq!(without_purpose.status.code(), Some(1));
    assert!(stderr(&without_purpose).contains("--no-purpose"), "{}", stderr(&without_purpose));
    assert!(!pdf.exists(), "nothing is written without a purpose choice");

    let exported = certdesk(&data)
        .args(["export", "京111151700123", "--purpose", "仅用于某某项目投标", "--recipient", "某某招标代理", "--pdf"])
        .arg(&pdf)
        .arg("--png")
        .arg(&png)
        .output()
        .unwrap();
    assert!(exported.status.success(), "{}", stderr(&exported));
    assert!(String::from_utf8_lossy(&exported.stdout).contains("用证台账"));

    // The CLI uses the real date; the copy's first specialty ends on 2027-03-14, and a copy
    // exported after that is past its usage period from the start.
    let lapsed = certdesk::domain::time::today_in_china() > chrono::NaiveDate::from_ymd_opt(2027, 3, 14).unwrap();
    let (expected_code, expected_start) = if lapsed { (1, "已过使用期限") } else { (0, "真实有效") };
    for file in [&pdf, &png] {
        let verified = certdesk(&data).arg("verify").arg(file).output().unwrap();
        let sentence = String::from_utf8_lossy(&verified.stdout).into_owned();
        assert_eq!(verified.status.code(), Some(expected_code), "{sentence}{}", stderr(&verified));
        assert!(sentence.starts_with(expected_start), "{sentence}");
    }

    let other_data = dir.path().join("另一台电脑");
    let untrusted = certdesk(&other_data).arg("verify").arg(&pdf).output().unwrap();
    assert_eq!(untrusted.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&untrusted.stdout).starts_with("来源不可信"));

    let tampered = certdesk(&data)
        .args(["verify", "--qr", "CDX1|SM2|x|y|1|京111151700123|20261204|20270314|AA|AA"])
        .output()
        .unwrap();
    assert_eq!(tampered.status.code(), Some(1));

    let listed = certdesk(&data).args(["exports", "list", "--json"]).output().unwrap();
    assert!(listed.status.success(), "{}", stderr(&listed));
    let rows: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows.len(), 2, "one row per written file");
    let pdf_row = rows.iter().find(|row| row["file_name"] == "李玥 投标.pdf").unwrap();
    assert!(rows.iter().any(|row| row["file_name"] == "李玥 投标.png"));
    assert_eq!(pdf_row["purpose"], "仅用于某某项目投标");
    assert_eq!(pdf_row["recipient"], "某某招标代理");
    assert_eq!(pdf_row["source"], "cli");
    let workbook_path = dir.path().join("用证台账.xlsx");
    let saved = certdesk(&data).args(["exports", "excel"]).arg(&workbook_path).output().unwrap();
    assert!(saved.status.success(), "{}", stderr(&saved));
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(&workbook_path).unwrap();
    let sheet = workbook.worksheet_range("用证台账").unwrap();
    assert_eq!(sheet.height(), 3, "a header row and one row per export");
    assert_eq!(sheet.get_value((0, 4)).unwrap().to_string(), "用途");
    assert_eq!(sheet.get_value((1, 4)).unwrap().to_string(), "仅用于某某项目投标");

    let sha = pdf_row["file_sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    let bytes = std::fs::read(&pdf).unwrap();
    assert_eq!(sha, certdesk::account::data_dir::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes)));
}

#[test]
fn batch_export_writes_every_current_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start(dir.path());
    let data = synced_holder(dir.path(), &sandbox);
    let folder = dir.path().join("批量");

    let batch = certdesk(&data)
        .args(["export", "--all", "--no-purpose", "--format", "png", "--out-dir"])
        .arg(&folder)
        .output()
        .unwrap();
    assert!(batch.status.success(), "{}", stderr(&batch));
    assert!(
        String::from_utf8_lossy(&batch.stdout).contains("写入 2 份，失败 0 份"),
        "{}",
        String::from_utf8_lossy(&batch.stdout)
    );
    assert!(stderr(&batch).contains("已导出 2/2"), "{}", stderr(&batch));

    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["京111151700123-李玥.png", "京211192004567-李玥.png"]);

    let listed = certdesk(&data).args(["exports", "list", "--json"]).output().unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|row| row["purpose"].is_null()));
}

/// Signs the demo unit in to a served sandbox.
fn signed_in_unit(data: &Path, sandbox: &ServedSandbox) {
    let login = certdesk(data)
        .args(["login", "--platform", sandbox.url(), "--ca-cert", sandbox.ca_cert()])
        .args(["--role", "unit", "--account", "demo-unit"])
        .env("CERTDESK_PASSWORD", sandbox.password("unit"))
        .output()
        .unwrap();
    assert!(login.status.success(), "{}", stderr(&login));
}

#[test]
#[expect(clippy::too_many_lines, reason = "one walk through filing from the command line, step by step")]
fn apply_submit_sync_and_exemption() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = ServedSandbox::start_with(&dir.path().join("服务"), &["--review", "return-once"]);
    let data = dir.path().join("数据");
    let password = sandbox.password("unit");
    signed_in_unit(&data, &sandbox);
    let sync = || {
        let output = certdesk(&data).args(["sync", "--json"]).env("CERTDESK_PASSWORD", &password).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice::<Value>(&output.stdout).unwrap()
    };
    sync();
    let served = certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED);
    let unit = served.accounts.iter().find(|a| a.role == certdesk::platform::wire::Role::Unit).unwrap().scope.clone();
    let person = crate::outbox::clean_roster(&served, &unit).remove(0);
    let files: Vec<String> = ["申请表", "劳动合同", "学时证明"]
        .iter()
        .zip(1u8..)
        .map(|(name, seed)| {
            let path = dir.path().join(format!("{name}.png"));
            std::fs::write(&path, crate::outbox::png(seed)).unwrap();
            path.to_str().unwrap().to_owned()
        })
        .collect();
    let apply = |extra: &[String]| {
        certdesk(&data)
            .args(["apply", "--type", "renewal", "--person", &person, "--unit", &unit, "--json"])
            .arg(format!("--attach=application-form={}", files[0]))
            .arg(format!("--attach=labour-contract={}", files[1]))
            .arg(format!("--attach=education-proof={}", files[2]))
            .args(extra)
            .output()
            .unwrap()
    };
    let checked: Value = serde_json::from_slice(&apply(&[]).stdout).unwrap();
    let overrides: Vec<String> = checked["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["level"] == "warning")
        .map(|c| format!("--override={}=已核实", c["rule"].as_str().unwrap()))
        .collect();

    let unknown = apply(&["--override=no-such-rule=理由".to_owned()]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("education_short"), "the known rules are listed: {}", stderr(&unknown));

    let submitted = apply(&[overrides.clone(), vec!["--submit".to_owned()]].concat());

    assert!(submitted.status.success(), "{}", String::from_utf8_lossy(&submitted.stdout));
    let result: Value = serde_json::from_slice(&submitted.stdout).unwrap();
    assert_eq!(result["queued"], true);
    assert_eq!(sync()["sent"], 1);
    let listed = certdesk(&data).args(["applications", "list", "--json"]).output().unwrap();
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let application = listed["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["type"] == "renewal" && a["state"] != "approved")
        .unwrap();
    assert_eq!(application["state"], "returned");
    assert!(application["corrections"][0]["reason"].as_str().unwrap().contains("扫描件"));
    assert!(!listed.to_string().contains(&person), "ID numbers are masked in the list");

    // The returned application is corrected and resubmitted under its id.
    let returned_id = application["application_id"].as_str().unwrap().to_owned();
    let corrected =
        apply(&[overrides.clone(), vec![format!("--corrects={returned_id}"), "--submit".to_owned()]].concat());
    assert!(corrected.status.success(), "{}", String::from_utf8_lossy(&corrected.stdout));
    assert_eq!(sync()["sent"], 1);
    let listed = certdesk(&data).args(["applications", "list", "--json"]).output().unwrap();
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let resubmitted = listed["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["application_id"] == returned_id.as_str())
        .unwrap();
    assert_eq!(resubmitted["state"], "approved", "{resubmitted}");

    let exemption = certdesk(&data)
        .args(["exemption", "add", "--person", &person, "--kind", "retired", "--evidence", &files[0]])
        .output()
        .unwrap();
    assert!(exemption.status.success(), "{}", stderr(&exemption));
    assert_eq!(sync()["sent"], 1);
    let renamed = dir.path().join("退休证.pdf");
    std::fs::write(&renamed, b"MZ\x90\x00 a program, renamed").unwrap();
    let refused = certdesk(&data)
        .args(["exemption", "add", "--person", &person, "--kind", "retired", "--evidence", renamed.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("证明材料不能使用"), "{}", stderr(&refused));

    // A batch file: one good application and one with a mistyped ID number.
    let second = crate::outbox::clean_roster(&served, &unit).remove(1);
    let batch = dir.path().join("批量申报.json");
    let item = |person: &str| {
        serde_json::json!({
            "type": "renewal", "person": person, "unit": unit, "submit": true,
            "attach": ["application-form=申请表.png", "labour-contract=劳动合同.png", "education-proof=学时证明.png"],
            "overrides": ["education_short=学时证明已补交"],
        })
    };
    let mistyped = format!("{}0", &second[..17]);
    let misspelled = serde_json::json!({"type": "renewal", "person": second, "unit": unit, "specialty": "建筑工程"});
    std::fs::write(
        &batch,
        serde_json::to_vec(&serde_json::json!([item(&second), item(&mistyped), misspelled])).unwrap(),
    )
    .unwrap();
    let output = certdesk(&data).args(["apply", "--json", "--from"]).arg(&batch).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "one entry failed: {}", stderr(&output));
    let entries: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(entries[0]["queued"], true, "{entries}");
    assert!(entries[1]["error"].as_str().unwrap().contains("校验码"), "{entries}");
    assert!(entries[2]["error"].as_str().unwrap().contains("specialty"), "{entries}");
    assert_eq!(sync()["sent"], 1);

    let mut log = String::new();
    for file in std::fs::read_dir(data.join("logs")).unwrap() {
        log.push_str(&std::fs::read_to_string(file.unwrap().path()).unwrap());
    }
    assert!(log.contains("sync finished"), "{log}");
    assert!(log.contains("outbox entry sent"), "{log}");
    assert!(!log.contains(&person), "no ID number in the log");
    assert!(!log.contains(&second), "no ID number in the log");
    assert!(!log.contains(&password), "no password in the log");
}

/// A unit signed in to its own sandbox and synced once, with three PNG materials to attach to a
/// renewal for a person with clean records.
struct Filing {
    dir: tempfile::TempDir,
    sandbox: ServedSandbox,
    data: std::path::PathBuf,
    unit: String,
    person: String,
    files: Vec<String>,
}

impl Filing {
    fn start(extra: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = ServedSandbox::start_with(&dir.path().join("服务"), extra);
        let data = dir.path().join("数据");
        signed_in_unit(&data, &sandbox);
        let served = certdesk::sandbox::sample::generate(certdesk::sandbox::sample::DEFAULT_SEED);
        let unit =
            served.accounts.iter().find(|a| a.role == certdesk::platform::wire::Role::Unit).unwrap().scope.clone();
        let person = crate::outbox::clean_roster(&served, &unit).remove(0);
        let files = ["申请表", "劳动合同", "学时证明", "另一份合同"]
            .iter()
            .zip(1u8..)
            .map(|(name, seed)| {
                let path = dir.path().join(format!("{name}.png"));
                std::fs::write(&path, crate::outbox::png(seed)).unwrap();
                path.to_str().unwrap().to_owned()
            })
            .collect();
        let filing = Self { dir, sandbox, data, unit, person, files };
        filing.sync();
        filing
    }

    fn run(&self, args: &[&str]) -> Output {
        certdesk(&self.data).args(args).output().unwrap()
    }

    fn sync(&self) -> Value {
        let output = certdesk(&self.data)
            .args(["sync", "--json"])
            .env("CERTDESK_PASSWORD", self.sandbox.password("unit"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// Runs `apply` for a renewal with the three materials and the extra arguments.
    fn apply(&self, extra: &[&str]) -> Output {
        self.apply_as("renewal", extra)
    }

    /// Runs `apply` for an application type with the three materials and the extra arguments.
    fn apply_as(&self, kind: &str, extra: &[&str]) -> Output {
        certdesk(&self.data)
            .args(["apply", "--type", kind, "--person", &self.person, "--unit", &self.unit])
            .arg(format!("--attach=application-form={}", self.files[0]))
            .arg(format!("--attach=labour-contract={}", self.files[1]))
            .arg(format!("--attach=education-proof={}", self.files[2]))
            .args(extra)
            .output()
            .unwrap()
    }

    /// Runs `apply --json` and returns its result.
    fn apply_json(&self, extra: &[&str]) -> Value {
        let output = self.apply(&[&["--json"], extra].concat());
        serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{}", stderr(&output)))
    }

    /// Runs `apply --submit` with a reason for every warning, so the renewal is queued.
    fn submit(&self) -> Value {
        let checked = self.apply_json(&[]);
        let mut extra: Vec<String> = checked["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| format!("--override={}=已核实", c["rule"].as_str().unwrap()))
            .collect();
        extra.push("--submit".to_owned());
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let submitted = self.apply_json(&extra);
        assert_eq!(submitted["queued"], true, "{submitted}");
        submitted
    }

    fn drafts(&self) -> Vec<Value> {
        let listed = self.run(&["applications", "list", "--json"]);
        assert!(listed.status.success(), "{}", stderr(&listed));
        let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
        listed["drafts"].as_array().unwrap().clone()
    }
}

#[test]
fn apply_again_updates_unsent_draft() {
    let filing = Filing::start(&[]);

    let first = filing.apply_json(&[]);
    let again = filing.apply_json(&[]);
    let text = filing.apply(&[]);

    assert_eq!(first["updated"], false, "{first}");
    assert_eq!(again["draft_id"], first["draft_id"], "{again}");
    assert_eq!(again["updated"], true, "{again}");
    assert!(String::from_utf8_lossy(&text.stdout).contains("已更新申请草稿"), "{}", stderr(&text));
    assert_eq!(filing.drafts().len(), 1);

    // A run naming one material replaces that one and keeps the others; a refused file keeps
    // the earlier one of its kind.
    let base = ["apply", "--type", "renewal", "--person", &filing.person, "--unit", &filing.unit, "--json"];
    let replaced = filing.run(&[&base[..], &[&format!("--attach=labour-contract={}", filing.files[3])]].concat());
    let replaced: Value = serde_json::from_slice(&replaced.stdout).unwrap();
    assert_eq!(replaced["draft_id"], first["draft_id"], "{replaced}");
    assert_eq!(replaced["kept"].as_array().unwrap().len(), 2, "{replaced}");
    let files: Vec<Value> = filing.drafts()[0]["materials"].as_array().unwrap().clone();
    let names: Vec<&str> = files.iter().map(|m| m["file"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"另一份合同.png"), "{names:?}");
    assert!(!names.contains(&"劳动合同.png"), "{names:?}");
    let cut = filing.dir.path().join("截断.pdf");
    let whole = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/material.pdf")).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let refused = filing.run(&[&base[..], &[&format!("--attach=labour-contract={}", cut.to_str().unwrap())]].concat());
    assert_eq!(refused.status.code(), Some(1));
    let refused: Value = serde_json::from_slice(&refused.stdout).unwrap();
    assert_eq!(refused["refused"][0]["file"], "截断.pdf", "{refused}");
    assert_eq!(refused["kept"].as_array().unwrap().len(), 3, "the earlier contract stays: {refused}");
    assert_eq!(filing.drafts()[0]["materials"].as_array().unwrap().len(), 3);

    // Submitting queues the same draft; a later run starts a new one beside the queued draft.
    let submitted = filing.submit();
    assert_eq!(submitted["draft_id"], first["draft_id"], "{submitted}");
    let after = filing.apply_json(&[]);
    assert_ne!(after["draft_id"], first["draft_id"], "{after}");
    assert_eq!(after["updated"], false, "{after}");
    let drafts = filing.drafts();
    assert_eq!(drafts.len(), 2);
    let queued = drafts.iter().find(|d| d["draft_id"] == first["draft_id"]).unwrap();
    assert_eq!(queued["state"], "queued");

    // Another type for the same person is another draft.
    let other = filing.apply_as("change-other", &["--json"]);
    let other: Value = serde_json::from_slice(&other.stdout).unwrap();
    assert_ne!(other["draft_id"], after["draft_id"], "{other}");
    assert_eq!(filing.drafts().len(), 3);
}

#[test]
fn applications_delete_refuses_queued_draft() {
    let filing = Filing::start(&[]);
    let editing = filing.apply_json(&[])["draft_id"].as_i64().unwrap();

    let deleted = filing.run(&["applications", "delete", &format!("#{editing}")]);

    assert!(deleted.status.success(), "{}", stderr(&deleted));
    assert!(String::from_utf8_lossy(&deleted.stdout).contains("已删除"));
    assert!(filing.drafts().is_empty());

    let missing = filing.run(&["applications", "delete", "999"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("#999"), "{}", stderr(&missing));
    assert_eq!(stderr(&missing).trim().lines().count(), 1);

    let queued = filing.submit()["draft_id"].as_i64().unwrap();
    let refused = filing.run(&["applications", "delete", &queued.to_string()]);
    assert_eq!(refused.status.code(), Some(1));
    let message = stderr(&refused);
    assert!(message.contains("待发送"), "{message}");
    assert!(message.contains("不能删除"), "{message}");
    assert_eq!(filing.drafts().len(), 1, "the queued draft stays");

    assert_eq!(filing.sync()["sent"], 1);
    let sent = filing.run(&["applications", "delete", &queued.to_string()]);
    assert_eq!(sent.status.code(), Some(1));
    assert!(stderr(&sent).contains("已发送"), "{}", stderr(&sent));

    let typo = filing.run(&["applications", "delete", "三"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("“三”"), "{}", stderr(&typo));
    assert!(stderr(&typo).contains("#3"), "{}", stderr(&typo));
}

#[test]
fn same_material_twice_is_refused() {
    let filing = Filing::start(&[]);

    let output = filing.apply(&[&format!("--attach=labour-contract={}", filing.files[3])]);

    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("劳动合同"), "the material is named: {message}");
    assert!(message.contains("劳动合同.png"), "{message}");
    assert!(message.contains("另一份合同.png"), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(filing.drafts().is_empty(), "nothing is saved");
}

#[test]
fn value_errors_name_accepted_values() {
    let filing = Filing::start(&[]);
    let one_line = |output: &Output, code: i32, parts: &[&str]| {
        let message = stderr(output);
        assert_eq!(output.status.code(), Some(code), "{message}");
        assert_eq!(message.trim().lines().count(), 1, "{message}");
        assert!(!message.contains("--help"), "{message}");
        for part in parts {
            assert!(message.contains(part), "{part} missing: {message}");
        }
    };

    let kind = filing.run(&["apply", "--type", "renewl", "--person", &filing.person, "--unit", &filing.unit]);
    one_line(&kind, 1, &["“renewl”", "renewal（延续注册）", "change-employer"]);
    one_line(&filing.apply(&["--specialty", "建筑工"]), 1, &["“建筑工”", "建筑工程（建筑）", "港口与航道工程"]);
    one_line(&filing.apply(&["--qualification", "builder"]), 1, &["“builder”", "constructor1"]);
    one_line(&filing.apply(&["--override", "education-short"]), 1, &["“education-short”", "规则=理由"]);
    one_line(
        &filing.run(&["login", "--platform", "x", "--ca-cert", "y", "--role", "boss", "--account", "a"]),
        2,
        &["“boss”", "holder、unit"],
    );
    one_line(&filing.apply(&["--qualified-on", "2026-13-01"]), 2, &["“2026-13-01”", "YYYY-MM-DD"]);
    one_line(&filing.run(&["check", "--as-of", "2026-02-30"]), 2, &["“2026-02-30”", "YYYY-MM-DD"]);
    one_line(&filing.run(&["import", "social", "社保.csv"]), 2, &["“social”", "social-security", "housing-fund"]);
    one_line(&filing.run(&["sandbox", "generate", "--out", "x.json", "--holders", "0"]), 2, &["“0”", "大于 0"]);

    let short = filing.apply_json(&["--specialty", "建筑"]);
    assert!(short.get("draft_id").is_some(), "a short name is accepted: {short}");
}

#[test]
fn applications_list_shows_chinese_labels() {
    let filing = Filing::start(&["--review", "return-once"]);
    filing.submit();
    assert_eq!(filing.sync()["sent"], 1);
    filing.apply(&[]);

    let text = filing.run(&["applications", "list"]);
    let json = filing.run(&["applications", "list", "--json"]);

    assert!(text.status.success(), "{}", stderr(&text));
    let text = String::from_utf8_lossy(&text.stdout);
    for label in ["草稿与待发送", "平台上的申请", "延续注册", "退回补正", "注册申请表：", "年"]
    {
        assert!(text.contains(label), "{label} missing: {text}");
    }
    for code in ["renewal", "returned", "editing", "sent", "application-form", "application_form"] {
        assert!(!text.contains(code), "{code} shown: {text}");
    }
    assert!(!text.contains(&filing.person), "ID numbers are masked: {text}");
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["applications"][0]["type"], "renewal", "{json}");
    assert_eq!(json["drafts"][0]["type"], "renewal", "{json}");
}
