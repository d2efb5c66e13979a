//! Sync benchmark: a full sync of a unit roster of 100,000 certificates over HTTPS on loopback
//! from the sandbox into a fresh cache. The reference, timed in the same run, is the `sqlite3`
//! shell's `.import` of the same rows into the same schema. Results are ratios, recorded in
//! `docs/PERFORMANCE.md`.
//!
//! The roster is the demo data plus copies of one of the demo unit's certificates without
//! images, as the 100,000-certificate incremental test builds it. The sandbox and each sync run
//! in their own child processes (this same program, chosen by `CERTDESK_BENCH_ROLE`), so the
//! peak resident memory (`VmHWM`) of a sync process counts the client alone. It is measured at
//! a quarter, half and all of the roster to show whether it grows with the roster.
//!
//! `CERTDESK_BENCH_CERTS` sets the roster size (default 100,000). `SQLITE3` names the shell
//! (default `sqlite3` on the `PATH`). Run it in release mode: `cargo bench --bench sync`.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(clippy::cast_precision_loss, reason = "row counts and byte sizes far below 2^52")]

use std::error::Error;
use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use certdesk::domain::CertificateStatus;
use certdesk::platform::wire::Role;
use certdesk::platform::worker::{Credentials, SyncJob, run_job};
use certdesk::platform::{ClientOptions, PlatformEndpoint};
use certdesk::sandbox::{Dataset, SandboxHandle, SandboxOptions, sample};
use certdesk::store::Store;
use serde_json::{Value, json};

type Outcome<T> = Result<T, Box<dyn Error>>;

/// 100,000 certificates: a large unit's roster.
const DEFAULT_CERTIFICATES: usize = 100_000;

/// 500 records: the largest page the sandbox serves.
const PAGE_SIZE: u32 = 500;

/// The tables a sync fills, in an order that satisfies their foreign keys.
const TABLES: [&str; 15] = [
    "units",
    "persons",
    "certificates",
    "specialties",
    "certificate_signatures",
    "social_security_months",
    "housing_fund_months",
    "safety_certificates",
    "projects",
    "project_stoppages",
    "continuing_education",
    "professional_titles",
    "exemptions",
    "change_applications",
    "application_events",
];

fn main() -> Outcome<()> {
    match std::env::var("CERTDESK_BENCH_ROLE").as_deref() {
        Ok("sandbox") => serve_roster(),
        Ok("sync") => sync_once(),
        _ => compare(),
    }
}

/// One full sync measured in its own process.
struct SyncRun {
    certificates: usize,
    seconds: f64,
    fetched: u64,
    pages: u64,
    bytes: u64,
    rss_before_kib: u64,
    peak_kib: u64,
    /// Processor time of the sync process, all threads, user and system.
    client_cpu_seconds: f64,
    /// Processor time the sandbox spent while the sync ran.
    server_cpu_seconds: f64,
}

fn compare() -> Outcome<()> {
    let size = match std::env::var("CERTDESK_BENCH_CERTS") {
        Ok(text) => text.parse()?,
        Err(_) => DEFAULT_CERTIFICATES,
    };
    let folder = tempfile::tempdir()?;
    println!("{}", machine());
    println!("roster: {size} certificates, page size {PAGE_SIZE}");

    let mut runs = Vec::new();
    for certificates in [size / 4, size / 2, size] {
        let cache = folder.path().join(format!("cache-{certificates}.sqlite3"));
        let run = sync_in_child(certificates, folder.path(), &cache)?;
        println!(
            "sync of {certificates} certificates: {:.2} s, {} records, {} pages, {:.1} MB, peak RSS {:.1} MB \
             (at start {:.1} MB), processor time {:.2} s in the client and {:.2} s in the sandbox",
            run.seconds,
            run.fetched,
            run.pages,
            run.bytes as f64 / 1e6,
            run.peak_kib as f64 / 1024.0,
            run.rss_before_kib as f64 / 1024.0,
            run.client_cpu_seconds,
            run.server_cpu_seconds,
        );
        runs.push(run);
    }

    let full = runs.last().ok_or("no sync ran")?;
    let cache = folder.path().join(format!("cache-{}.sqlite3", full.certificates));
    let (reference, reference_counts) = reference_import(&cache, folder.path())?;
    println!("sqlite3 .import of the same rows: {reference:.2?}");
    for (table, reference_rows) in TABLES.iter().zip(reference_counts) {
        let rows = count_rows(&cache, table)?;
        let same = rows == reference_rows;
        println!("  {table:<24} {rows:>8} rows{}", if same { "" } else { "  (differs from the reference)" });
    }
    let ratio = full.seconds / reference.as_secs_f64();
    println!("ratio sync / reference import: {ratio:.2} (goal: at most 2)");
    Ok(())
}

/// Starts a sandbox serving `certificates` and runs one sync of it into `cache`, each in a
/// child process.
fn sync_in_child(certificates: usize, folder: &Path, cache: &Path) -> Outcome<SyncRun> {
    let exe = std::env::current_exe()?;
    let mut sandbox = Command::new(&exe)
        .env("CERTDESK_BENCH_ROLE", "sandbox")
        .env("CERTDESK_BENCH_CHILD_CERTS", certificates.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let served = first_json_line(sandbox.stdout.take())?;
    let server_cpu_before = cpu_seconds(&format!("/proc/{}/stat", sandbox.id()))?;
    let ca_file = folder.join("sandbox-ca.pem");
    std::fs::write(&ca_file, served["ca_pem"].as_str().ok_or("no CA in the sandbox's line")?)?;

    let output = Command::new(&exe)
        .env("CERTDESK_BENCH_ROLE", "sync")
        .env("CERTDESK_BENCH_URL", served["url"].as_str().ok_or("no URL in the sandbox's line")?)
        .env("CERTDESK_BENCH_CA", &ca_file)
        .env("CERTDESK_BENCH_CACHE", cache)
        .env("CERTDESK_BENCH_ACCOUNT", served["account"].as_str().unwrap_or_default())
        .env("CERTDESK_BENCH_PASSWORD", served["password"].as_str().unwrap_or_default())
        .output()?;
    let server_cpu_seconds = cpu_seconds(&format!("/proc/{}/stat", sandbox.id()))? - server_cpu_before;
    stop(sandbox)?;
    if !output.status.success() {
        return Err(format!("the sync process failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    let line: Value = serde_json::from_slice(&output.stdout)?;
    let number = |field: &str| line[field].as_u64().unwrap_or_default();
    Ok(SyncRun {
        certificates,
        seconds: line["seconds"].as_f64().unwrap_or_default(),
        fetched: number("fetched"),
        pages: number("pages"),
        bytes: number("bytes"),
        rss_before_kib: number("rss_before_kib"),
        peak_kib: number("peak_kib"),
        client_cpu_seconds: line["cpu_seconds"].as_f64().unwrap_or_default(),
        server_cpu_seconds,
    })
}

fn first_json_line(stdout: Option<ChildStdout>) -> Outcome<Value> {
    let mut line = String::new();
    BufReader::new(stdout.ok_or("the sandbox has no stdout")?).read_line(&mut line)?;
    Ok(serde_json::from_str(&line)?)
}

/// Stops a sandbox child by closing its standard input, which it waits on.
fn stop(mut child: Child) -> Outcome<()> {
    drop(child.stdin.take());
    child.wait()?;
    Ok(())
}

/// Child role `sandbox`: serves the roster and prints one JSON line with the URL, the CA and
/// the unit account, then serves until its standard input closes.
fn serve_roster() -> Outcome<()> {
    certdesk::install_crypto_provider();
    let certificates: usize = std::env::var("CERTDESK_BENCH_CHILD_CERTS")?.parse()?;
    let data = large_roster(certificates);
    let account = data.accounts.iter().find(|a| a.role == Role::Unit).ok_or("no unit account")?.clone();
    let sandbox = SandboxHandle::start(&SandboxOptions { data: Some(data), ..SandboxOptions::default() })?;
    sandbox.sign_all();
    let line = json!({
        "url": sandbox.url(),
        "ca_pem": sandbox.ca_pem(),
        "account": account.account,
        "password": account.password,
    });
    println!("{line}");
    std::io::stdout().flush()?;
    let mut rest = String::new();
    while std::io::stdin().read_line(&mut rest)? > 0 {}
    Ok(())
}

/// Adds `count` current certificates registered to the demo unit, copies of one of its own
/// without images, as the 100,000-certificate incremental test does.
fn large_roster(count: usize) -> Dataset {
    let mut data = sample::generate(sample::DEFAULT_SEED);
    let unit = data.accounts.iter().find(|a| a.role == Role::Unit).map(|a| a.scope.clone()).unwrap_or_default();
    let template =
        data.certificates.iter().find(|c| c.unit_credit_code == unit && c.status == CertificateStatus::Valid).cloned();
    let Some(template) = template else {
        return data;
    };
    for i in 0..count {
        let mut certificate = template.clone();
        certificate.certificate_id = format!("bulk-{i:06}");
        certificate.photo_png = Vec::new();
        certificate.signature_png = Vec::new();
        data.certificates.push(certificate);
    }
    data
}

/// Child role `sync`: one full sync into a fresh cache. Prints one JSON line with the time, the
/// summary and the resident memory before the sync and at its peak.
fn sync_once() -> Outcome<()> {
    certdesk::install_crypto_provider();
    let variable = std::env::var;
    let endpoint = PlatformEndpoint {
        url: variable("CERTDESK_BENCH_URL")?,
        ca_pem: std::fs::read(variable("CERTDESK_BENCH_CA")?)?,
        proxy: None,
    };
    let job = SyncJob {
        endpoint,
        credentials: Credentials::Password {
            account: variable("CERTDESK_BENCH_ACCOUNT")?,
            password: variable("CERTDESK_BENCH_PASSWORD")?,
            role: Role::Unit,
        },
        cache_path: PathBuf::from(variable("CERTDESK_BENCH_CACHE")?),
        options: ClientOptions { page_size: PAGE_SIZE, ..ClientOptions::default() },
        materials_dir: None,
    };

    let runtime = certdesk::platform::worker::sync_runtime()?;
    let rss_before_kib = memory_kib("VmRSS")?;
    let cpu_before = cpu_seconds("/proc/self/stat")?;
    let started = Instant::now();
    let summary = runtime.block_on(run_job(&job, |_| {}))?;
    let seconds = started.elapsed().as_secs_f64();

    let line = json!({
        "seconds": seconds,
        "fetched": summary.fetched,
        "pages": summary.pages,
        "bytes": summary.bytes,
        "rss_before_kib": rss_before_kib,
        "peak_kib": memory_kib("VmHWM")?,
        "cpu_seconds": cpu_seconds("/proc/self/stat")? - cpu_before,
    });
    println!("{line}");
    Ok(())
}

/// Reads a memory figure of this process from `/proc/self/status`, in KiB.
fn memory_kib(field: &str) -> Outcome<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status.lines().find(|line| line.starts_with(field)).ok_or("no such field in /proc/self/status")?;
    let kib = line.split_whitespace().nth(1).ok_or("no value")?;
    Ok(kib.parse()?)
}

/// Reads the user and system processor time of a process, all threads, from its `stat` file.
fn cpu_seconds(stat_path: &str) -> Outcome<f64> {
    let stat = std::fs::read_to_string(stat_path)?;
    // The command name in brackets may hold spaces, so fields are counted after its `)`.
    let fields: Vec<&str> = stat.rsplit_once(')').ok_or("no command name in stat")?.1.split_whitespace().collect();
    let ticks = |index: usize| -> Outcome<f64> { Ok(fields.get(index).ok_or("stat is too short")?.parse::<f64>()?) };
    // utime and stime are fields 14 and 15 of proc_pid_stat(5), 12 and 13 after the name.
    Ok((ticks(11)? + ticks(12)?) / CLOCK_TICKS_PER_SECOND)
}

/// 100: the `USER_HZ` of Linux on x86-64, the unit of the times in `/proc/PID/stat`.
const CLOCK_TICKS_PER_SECOND: f64 = 100.0;

/// Writes the synced rows to CSV with the `sqlite3` shell, then times the shell's `.import` of
/// them into a fresh database with the cache's schema. Returns the time and the row count of
/// each of [`TABLES`].
fn reference_import(cache: &Path, folder: &Path) -> Outcome<(Duration, Vec<u64>)> {
    let csv = folder.join("csv");
    std::fs::create_dir_all(&csv)?;
    run_shell(cache, &export_script(&csv))?;

    let reference = folder.join("reference.sqlite3");
    drop(Store::open(&reference)?);
    let started = Instant::now();
    run_shell(&reference, &import_script(&csv))?;
    let elapsed = started.elapsed();

    let counts = TABLES.iter().map(|table| count_rows(&reference, table)).collect::<Outcome<Vec<u64>>>()?;
    Ok((elapsed, counts))
}

/// Selects the columns of a table as CSV writes them: BLOBs as hexadecimal text, because CSV
/// has no form for bytes and the sqlite3 shell 3.40 has no base64 function.
fn select_columns(table: &str) -> &'static str {
    match table {
        "certificates" => {
            "certificate_id, version, status, qualification, registration_number, seal_check_code, person_id, \
             unit_credit_code, issuer, issued_on, licence_id, hex(photo_png), hex(signature_png)"
        }
        "certificate_signatures" => "certificate_id, version, alg, key_id, hex(value)",
        _ => "*",
    }
}

fn export_script(csv: &Path) -> String {
    let mut script = String::from(".headers on\n.mode csv\n");
    for table in TABLES {
        let file = csv.join(format!("{table}.csv"));
        let _ = writeln!(script, ".once '{}'\nSELECT {} FROM {table};", file.display(), select_columns(table));
    }
    script
}

/// Builds the shell commands that import the CSV files, one transaction per table as the shell
/// does by default, with the cache's journal, sync and foreign-key pragmas. `.import` binds
/// every field as text, which a STRICT BLOB column rejects, so the two tables with BLOBs go
/// through staging tables and keep the hexadecimal text's bytes, twice the size of the cache's.
fn import_script(csv: &Path) -> String {
    let mut script = String::from(
        "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nPRAGMA foreign_keys=ON;\n\
         CREATE TEMP TABLE certificates_csv (certificate_id, version, status, qualification, registration_number, \
         seal_check_code, person_id, unit_credit_code, issuer, issued_on, licence_id, photo_png, signature_png);\n\
         CREATE TEMP TABLE certificate_signatures_csv (certificate_id, version, alg, key_id, value);\n",
    );
    for table in TABLES {
        let staged = matches!(table, "certificates" | "certificate_signatures");
        let target = if staged { format!("{table}_csv") } else { table.to_owned() };
        let _ = writeln!(script, ".import --csv --skip 1 '{}' {target}", csv.join(format!("{table}.csv")).display());
        match table {
            "certificates" => script.push_str(
                "INSERT INTO certificates SELECT certificate_id, version, status, qualification, registration_number, \
                 NULLIF(seal_check_code, ''), person_id, unit_credit_code, issuer, issued_on, licence_id, \
                 CAST(photo_png AS BLOB), CAST(signature_png AS BLOB) FROM certificates_csv;\n",
            ),
            "certificate_signatures" => script.push_str(
                "INSERT INTO certificate_signatures SELECT certificate_id, version, alg, key_id, CAST(value AS BLOB) \
                 FROM certificate_signatures_csv;\n",
            ),
            _ => {}
        }
    }
    script
}

fn run_shell(database: &Path, script: &str) -> Outcome<()> {
    let shell = std::env::var("SQLITE3").unwrap_or_else(|_| "sqlite3".to_owned());
    let mut child = Command::new(&shell)
        .arg("-bail")
        .arg(database)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(script.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_lines: Vec<&str> = stderr.lines().take(3).collect();
        return Err(format!("{shell} failed: {}", first_lines.join(" | ")).into());
    }
    Ok(())
}

fn count_rows(database: &Path, table: &str) -> Outcome<u64> {
    let connection = rusqlite::Connection::open(database)?;
    let rows: i64 = connection.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?;
    Ok(u64::try_from(rows)?)
}

/// Describes the machine: CPU model, core count and the two SQLite versions.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let shell = std::env::var("SQLITE3").unwrap_or_else(|_| "sqlite3".to_owned());
    let shell_version = Command::new(&shell)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).split_whitespace().next().unwrap_or("").to_owned())
        .unwrap_or_default();
    format!("machine: {cpu}, {cores} cores; SQLite {} in the cache, sqlite3 shell {shell_version}", rusqlite::version())
}
