//! National-scale benchmark: generates the data set, loads it into a fresh cache, and times the
//! `sqlite3` shell's `.import` of the same rows into the same schema as the reference, all in one
//! run. Results are ratios against that reference, recorded in `docs/PERFORMANCE.md`.
//!
//! `CERTDESK_BENCH_HOLDERS` sets the number of holders (default 600,000, the national size).
//! `CERTDESK_BENCH_DIR` sets the folder for the cache, the CSV files and the reference database
//! (default: a temporary folder, deleted at the end). `SQLITE3` names the shell (default
//! `sqlite3` on the `PATH`).
//!
//! Run it in release mode: `cargo bench --bench national`.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(clippy::cast_precision_loss, reason = "file sizes far below 2^52 bytes")]

use std::error::Error;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use certdesk::domain::batch::{RecordBatch, RecordSink};
use certdesk::sandbox::generator::{CSV_TABLES, CsvSink, Generator, GeneratorConfig, RecordCounts};
use certdesk::sandbox::sample::DEFAULT_SEED;
use certdesk::store::bulk::BulkLoader;
use certdesk::store::{Store, records};

/// Counts the time a sink spends writing, apart from the time it waits for generation.
struct Timed<S> {
    sink: S,
    busy: Duration,
}

impl<S: RecordSink> RecordSink for Timed<S> {
    type Error = S::Error;

    fn write(&mut self, batch: &RecordBatch) -> Result<(), S::Error> {
        let started = Instant::now();
        let written = self.sink.write(batch);
        self.busy += started.elapsed();
        written
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let holders = match std::env::var("CERTDESK_BENCH_HOLDERS") {
        Ok(text) => text.parse()?,
        Err(_) => GeneratorConfig::NATIONAL_HOLDERS,
    };
    let temporary = tempfile::tempdir()?;
    let folder = std::env::var_os("CERTDESK_BENCH_DIR").map_or_else(|| temporary.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(folder.join("csv"))?;
    let generator = Generator::new(&GeneratorConfig::with_holders(holders, DEFAULT_SEED));
    println!("{}", machine());
    println!("holders: {holders}, threads: {}, folder: {}", generator.config().threads, folder.display());

    let started = Instant::now();
    let mut counts = RecordCounts::default();
    generator.run(&mut counts)?;
    let generation = started.elapsed();
    println!("generated {} records in {generation:.2?}: {counts:?}", counts.total());

    let started = Instant::now();
    let mut csv = CsvSink::create(&folder.join("csv"))?;
    generator.run(&mut csv)?;
    csv.finish()?;
    println!("wrote CSV files in {:.2?}", started.elapsed());

    let cache_path = folder.join("cache.sqlite3");
    let started = Instant::now();
    let mut store = Store::open(&cache_path)?;
    let mut loader = Timed { sink: BulkLoader::new(&mut store), busy: Duration::ZERO };
    generator.run(&mut loader)?;
    let load = loader.busy;
    drop(loader);
    let load_wall = started.elapsed();
    let cache_counts = store.read(records::table_counts)?;
    drop(store);
    let cache_size = file_size(&cache_path);
    println!("generated and loaded the cache in {load_wall:.2?}, {load:.2?} of it writing");
    // At national size the cache is about 7 GB: free the space before the reference needs its own.
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(folder.join(format!("cache.sqlite3{suffix}")));
    }

    let reference_path = folder.join("reference.sqlite3");
    drop(Store::open(&reference_path)?);
    let script = import_script(&folder.join("csv"));
    let started = Instant::now();
    let shell = std::env::var("SQLITE3").unwrap_or_else(|_| "sqlite3".to_owned());
    let mut child = Command::new(&shell)
        .arg("-bail")
        .arg(&reference_path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(script.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    let reference = started.elapsed();
    if !output.status.success() {
        // `.import` reports every rejected row, so only the first lines go into the error.
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_lines: Vec<&str> = stderr.lines().take(3).collect();
        return Err(format!("{shell} failed: {}", first_lines.join(" | ")).into());
    }
    let reference_counts = Store::open(&reference_path)?.read(records::table_counts)?;
    println!("sqlite3 .import of the same rows took {reference:.2?}");

    for (table, rows) in &cache_counts {
        let same = reference_counts.get(table) == Some(rows);
        println!("  {table:<24} {rows:>10} rows{}", if same { "" } else { "  (differs from the reference)" });
    }
    let ratio = |time: Duration| time.as_secs_f64() / reference.as_secs_f64();
    println!("ratio generation / reference import: {:.2}", ratio(generation));
    println!("ratio cache load (writing) / reference import: {:.2}", ratio(load));
    println!("ratio generate-and-load wall time / reference import: {:.2}", ratio(load_wall));
    println!("file size cache / reference: {:.2}", cache_size as f64 / file_size(&reference_path).max(1) as f64);
    Ok(())
}

/// Builds the shell commands that import the CSV files, one transaction per table as the shell
/// does by default. One transaction for everything would grow the WAL file to the size of the
/// whole database, about 7 GB at national size. `.import` binds
/// every field as text, which a STRICT BLOB column rejects, so certificates go through a
/// staging table and their images are cast to BLOB. The sqlite3 shell 3.40 has no `unhex()` or
/// base64 decoder, so the reference stores the base64 text's bytes: a third more than the
/// cache's decoded images.
fn import_script(csv: &Path) -> String {
    let mut script = String::from(
        "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nPRAGMA foreign_keys=ON;\n\
         CREATE TEMP TABLE certificates_csv (certificate_id, version, status, qualification, registration_number, \
         seal_check_code, person_id, unit_credit_code, issuer, issued_on, licence_id, photo_png, signature_png);\n",
    );
    for (table, _) in CSV_TABLES {
        let target = if table == "certificates" { "certificates_csv" } else { table };
        let _ = writeln!(script, ".import --csv --skip 1 '{}' {target}", csv.join(format!("{table}.csv")).display());
        if table == "certificates" {
            script.push_str(
                "INSERT INTO certificates SELECT certificate_id, version, status, qualification, registration_number, \
                 NULLIF(seal_check_code, ''), person_id, unit_credit_code, issuer, issued_on, licence_id, \
                 CAST(photo_png AS BLOB), CAST(signature_png AS BLOB) FROM certificates_csv;\n",
            );
        }
    }
    script.push_str("DROP TABLE certificates_csv;\n");
    script
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or_default()
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
