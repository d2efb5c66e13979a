//! National-scale compliance benchmark. It times CertDesk's full 挂证 check of every person in
//! the cache against DuckDB running the same rules in SQL over the same data as CSV files, in one
//! run. Then it times the re-check of only the people a sync changed. Results are recorded in
//! `docs/PERFORMANCE.md`.
//!
//! `CERTDESK_BENCH_HOLDERS` sets the number of holders (default 600,000, the national size).
//! `CERTDESK_BENCH_DIR` sets the folder for the cache and the CSV files (default: a temporary
//! folder, deleted at the end). A folder that already contains both from an earlier run with the
//! same number of holders is reused. `CERTDESK_BENCH_ROUNDS` sets how many times each side runs
//! (default 3); the ratios use the medians. The reference needs `python3` with the `duckdb` module
//! (`pip install duckdb`); `PYTHON` names another interpreter.
//!
//! Run it in release mode: `cargo bench --bench compliance`.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::Deserialize;

use certdesk::domain::batch::RecordBatch;
use certdesk::domain::compliance::{CheckSettings, FindingCode, FindingStatus, check_person, check_person_for};
use certdesk::domain::records::{PaymentKind, PaymentMonth, YearMonth};
use certdesk::sandbox::generator::{CsvSink, Generator, GeneratorConfig, RecordCounts};
use certdesk::sandbox::sample::DEFAULT_SEED;
use certdesk::store::bulk::BulkLoader;
use certdesk::store::compliance::{
    Selection, clear_changed, id_numbers, load_facts, load_facts_with_names, person_ids_after, take_changed, unit_names,
};
use certdesk::store::records::{self, PaymentSource};
use certdesk::store::{Store, StoreError};

/// 2026-12-04: the as-of day of the check, the day the generator lays its data out around.
const AS_OF: (i32, u32, u32) = (2026, 12, 4);

/// Persons loaded and checked at a time by one thread: enough that the per-load work (filling
/// the temporary selection table) is small against the rows, and few enough that memory stays
/// bounded whatever the size of the cache.
const CHUNK_PERSONS: usize = 5_000;

/// One person in this many gets a new social-security month for the incremental re-check: 1 %.
const CHANGED_EVERY: usize = 100;

/// The codes `compliance_duckdb.sql` computes: all but C10, whose export register the CSV files
/// do not carry.
const SQL_CODES: [FindingCode; 11] = [
    FindingCode::C01,
    FindingCode::C02,
    FindingCode::C03,
    FindingCode::C04,
    FindingCode::C05,
    FindingCode::C06,
    FindingCode::C07,
    FindingCode::C08,
    FindingCode::C09,
    FindingCode::C11,
    FindingCode::C12,
];

/// Findings of one code: how many, and how many an exemption explains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
struct CodeCount {
    findings: u64,
    explained: u64,
}

/// The outcome of one full check.
#[derive(Debug, Default)]
struct FullCheck {
    persons: usize,
    counts: BTreeMap<String, CodeCount>,
    wall: Duration,
    /// Time spent in `load_facts`, summed over the threads.
    loading: Duration,
    /// Time spent in the rules, summed over the threads.
    rules: Duration,
}

/// The line `compliance_duckdb.py` prints.
#[derive(Debug, Deserialize)]
struct DuckDbRun {
    duckdb: String,
    threads: usize,
    seconds: f64,
    counts: BTreeMap<String, CodeCount>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let holders = match std::env::var("CERTDESK_BENCH_HOLDERS") {
        Ok(text) => text.parse()?,
        Err(_) => GeneratorConfig::NATIONAL_HOLDERS,
    };
    let temporary = tempfile::tempdir()?;
    let folder = std::env::var_os("CERTDESK_BENCH_DIR").map_or_else(|| temporary.path().to_path_buf(), Into::into);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(2);
    let generator = Generator::new(&GeneratorConfig::with_holders(holders, DEFAULT_SEED));
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let as_of = NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).ok_or("bad as-of day")?;
    let rounds: usize = match std::env::var("CERTDESK_BENCH_ROUNDS") {
        Ok(text) => text.parse()?,
        Err(_) => 3,
    };
    println!("{}", machine(&python));
    println!("holders: {holders}, check threads: {threads}, folder: {}", folder.display());

    let cache_path = prepare(&folder, &generator)?;
    let mut store = Store::open(&cache_path)?;
    let counts = store.read(records::table_counts)?;
    for (table, rows) in &counts {
        println!("  {table:<24} {rows:>10} rows");
    }
    let started = Instant::now();
    store.write(clear_changed)?;
    println!("emptied the set of changed people (as a full check does first) in {:.2?}", started.elapsed());

    let settings = CheckSettings::default();
    let mut all_runs = Vec::new();
    let mut same_runs = Vec::new();
    let mut duckdb_runs = Vec::new();
    let mut differences = 0;
    // The machine is shared, so each side runs several times, alternating, and the medians count.
    for round in 1..=rounds {
        let all = full_check(&cache_path, as_of, &settings, &FindingCode::ALL, threads)?;
        report_full_check(&format!("round {round}: CertDesk full check, all 12 codes"), &all);
        let same = full_check(&cache_path, as_of, &settings, &SQL_CODES, threads)?;
        report_full_check(&format!("round {round}: CertDesk full check, the 11 codes of the SQL"), &same);
        let duckdb = run_duckdb(&python, &folder.join("csv"), as_of, threads)?;
        println!(
            "round {round}: DuckDB {} ({} threads) over the CSV files, reading included: {:.2} s",
            duckdb.duckdb, duckdb.threads, duckdb.seconds
        );
        if round == 1 {
            differences = compare_counts(&all.counts, &duckdb.counts);
        }
        all_runs.push(all.wall);
        same_runs.push(same.wall);
        duckdb_runs.push(Duration::from_secs_f64(duckdb.seconds));
    }

    let mut rechecks = Vec::new();
    for _ in 0..rounds {
        rechecks.push(incremental_recheck(&mut store, &generator, as_of, &settings, &folder)?);
    }

    let reference = median(&mut duckdb_runs);
    let all = median(&mut all_runs);
    let same = median(&mut same_runs);
    let people = rechecks.first().map_or(0, |r| r.people);
    let recheck = median(&mut rechecks.iter().map(|r| r.recheck).collect::<Vec<_>>());
    println!("medians of {rounds} rounds: CertDesk all codes {all:.2?}, same codes {same:.2?}, DuckDB {reference:.2?}");
    println!("ratio CertDesk full check (all codes) / DuckDB: {:.2}", all.as_secs_f64() / reference.as_secs_f64());
    println!("ratio CertDesk full check (same codes) / DuckDB: {:.2}", same.as_secs_f64() / reference.as_secs_f64());
    println!("incremental re-check of {people} changed people, median: {recheck:.2?} (goal under 50 ms)");
    if differences > 0 {
        return Err(format!("{differences} finding counts differ between CertDesk and DuckDB").into());
    }
    Ok(())
}

/// Returns the cache path, after generating the CSV files and loading the cache unless the
/// folder contains both from an earlier run with the same number of holders.
fn prepare(folder: &Path, generator: &Generator) -> Result<PathBuf, Box<dyn Error>> {
    let cache_path = folder.join("cache.sqlite3");
    let marker = ready_marker(folder);
    let expected = format!("holders={}\n", generator.config().holders);
    if std::fs::read_to_string(&marker).is_ok_and(|text| text == expected) && cache_path.exists() {
        println!("reusing the cache and CSV files in {}", folder.display());
        return Ok(cache_path);
    }
    let _ = std::fs::remove_file(&marker);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(folder.join(format!("cache.sqlite3{suffix}")));
    }
    std::fs::create_dir_all(folder.join("csv"))?;

    let started = Instant::now();
    let mut csv = CsvSink::create(&folder.join("csv"))?;
    generator.run(&mut csv)?;
    csv.finish()?;
    println!("generated and wrote the CSV files in {:.2?}", started.elapsed());

    let started = Instant::now();
    let mut store = Store::open(&cache_path)?;
    let mut loader = BulkLoader::new(&mut store);
    generator.run(&mut loader)?;
    drop(loader);
    println!("generated and loaded the cache in {:.2?}", started.elapsed());
    let mut counts = RecordCounts::default();
    generator.run(&mut counts)?;
    println!("records: {} ({counts:?})", counts.total());
    std::fs::write(&marker, expected)?;
    Ok(cache_path)
}

/// The marker file of a folder with a finished cache and CSV files, naming the number of holders.
fn ready_marker(folder: &Path) -> PathBuf {
    folder.join("compliance-bench-ready.txt")
}

/// Checks every person of the cache on `threads` threads, each with its own connection, taking
/// chunks of persons in row-id order.
fn full_check(
    cache_path: &Path,
    as_of: NaiveDate,
    settings: &CheckSettings,
    codes: &[FindingCode],
    threads: usize,
) -> Result<FullCheck, StoreError> {
    let next_after = Mutex::new(0_i64);
    let started = Instant::now();
    let parts: Vec<Result<FullCheck, StoreError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| check_chunks(cache_path, &next_after, as_of, settings, codes)))
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    let wall = started.elapsed();
    let mut total = FullCheck { wall, ..FullCheck::default() };
    for part in parts {
        let part = part?;
        total.persons += part.persons;
        total.loading += part.loading;
        total.rules += part.rules;
        for (code, count) in part.counts {
            let entry = total.counts.entry(code).or_default();
            entry.findings += count.findings;
            entry.explained += count.explained;
        }
    }
    Ok(total)
}

/// Runs one thread's share of a full check, taking the next chunk of row ids until none is left.
fn check_chunks(
    cache_path: &Path,
    next_after: &Mutex<i64>,
    as_of: NaiveDate,
    settings: &CheckSettings,
    codes: &[FindingCode],
) -> Result<FullCheck, StoreError> {
    let store = Store::open(cache_path)?;
    let started = Instant::now();
    let names = std::sync::Arc::new(store.read(unit_names)?);
    let mut part = FullCheck { loading: started.elapsed(), ..FullCheck::default() };
    loop {
        let chunk = {
            let mut after = next_after.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let chunk = store.read(|connection| person_ids_after(connection, *after, CHUNK_PERSONS))?;
            if let Some(last) = chunk.last() {
                *after = *last;
            }
            chunk
        };
        if chunk.is_empty() {
            return Ok(part);
        }
        let started = Instant::now();
        let selection = Selection { person_ids: Some(chunk), ..Selection::default() };
        let facts = store.read(|connection| load_facts_with_names(connection, &selection, &names))?;
        part.loading += started.elapsed();

        let started = Instant::now();
        for person in &facts {
            let findings = if codes.len() == FindingCode::ALL.len() {
                check_person(person, as_of, settings)
            } else {
                check_person_for(person, as_of, settings, codes)
            };
            for finding in findings {
                let count = part.counts.entry(finding.code.as_str().to_owned()).or_default();
                count.findings += 1;
                count.explained += u64::from(finding.status == FindingStatus::Explained);
            }
        }
        part.rules += started.elapsed();
        part.persons += facts.len();
    }
}

fn report_full_check(title: &str, check: &FullCheck) {
    println!(
        "{title}: {} persons in {:.2?} (summed over threads: loading facts {:.2?}, rules {:.2?})",
        check.persons, check.wall, check.loading, check.rules
    );
}

/// Runs `compliance_duckdb.py` beside this file and reads the JSON line it prints.
fn run_duckdb(python: &str, csv: &Path, as_of: NaiveDate, threads: usize) -> Result<DuckDbRun, Box<dyn Error>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches").join("compliance_duckdb.py");
    let output = Command::new(python).arg(&script).arg(csv).arg(as_of.to_string()).arg(threads.to_string()).output()?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last_lines: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(format!("{python} {} failed: {}", script.display(), last_lines.join(" | ")).into());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().ok_or("the DuckDB runner printed nothing")?;
    Ok(serde_json::from_str(line)?)
}

/// Prints the finding counts of both sides per code and returns how many codes differ. C10 is
/// compared too: the SQL leaves it out, so CertDesk must find none, as the generated data has
/// no export register.
fn compare_counts(certdesk: &BTreeMap<String, CodeCount>, duckdb: &BTreeMap<String, CodeCount>) -> usize {
    println!("  code   CertDesk (explained)   DuckDB (explained)");
    let mut differences = 0;
    for code in FindingCode::ALL {
        let ours = certdesk.get(code.as_str()).copied().unwrap_or_default();
        let theirs = duckdb.get(code.as_str()).copied().unwrap_or_default();
        let note = if ours == theirs {
            ""
        } else {
            differences += 1;
            "  DIFFERS"
        };
        println!(
            "  {}  {:>10} ({:>7})   {:>10} ({:>7}){note}",
            code.as_str(),
            ours.findings,
            ours.explained,
            theirs.findings,
            theirs.explained
        );
    }
    differences
}

/// Returns the median of some durations (the upper one of an even count).
fn median(durations: &mut [Duration]) -> Duration {
    durations.sort_unstable();
    durations.get(durations.len() / 2).copied().unwrap_or_default()
}

/// Times of the incremental re-check.
struct Incremental {
    people: usize,
    recheck: Duration,
}

/// Gives 1 % of the people a social-security month from a unit that did not pay them. The months
/// are written one by one through the import path, so the triggers mark the people changed.
/// Times the re-check of only those people, as the compliance page runs it, then deletes the
/// months again so the cache matches the CSV files for the next run.
fn incremental_recheck(
    store: &mut Store,
    generator: &Generator,
    as_of: NaiveDate,
    settings: &CheckSettings,
    folder: &Path,
) -> Result<Incremental, Box<dyn Error>> {
    let new_payments = new_months(generator, YearMonth::of(as_of).previous());
    let marker = ready_marker(folder);
    let ready = std::fs::read_to_string(&marker).ok();
    // Until the months are deleted again, the cache does not match the CSV files.
    let _ = std::fs::remove_file(&marker);

    let started = Instant::now();
    store.write(|transaction| {
        for month in &new_payments {
            records::upsert_payment_month(transaction, PaymentKind::SocialSecurity, month, PaymentSource::Import)?;
        }
        Ok(())
    })?;
    println!("wrote {} new social-security months in one transaction in {:.2?}", new_payments.len(), started.elapsed());

    let started = Instant::now();
    let changed = store.write(take_changed)?;
    let took = started.elapsed();
    let selection = Selection { person_ids: Some(changed.clone()), ..Selection::default() };
    let (still_there, facts) =
        store.read(|connection| Ok((id_numbers(connection, &changed)?, load_facts(connection, &selection)?)))?;
    let loaded = started.elapsed();
    let findings: Vec<_> = facts.iter().flat_map(|person| check_person(person, as_of, settings)).collect();
    let recheck = started.elapsed();
    let c03 = findings.iter().filter(|f| f.code == FindingCode::C03).count();
    println!(
        "re-check of {} changed people ({} still in the cache): {recheck:.2?} in all, take_changed {took:.2?}, \
         loading facts {:.2?}, rules {:.2?}; {} findings, {c03} of them C03",
        changed.len(),
        still_there.len(),
        loaded.saturating_sub(took),
        recheck.saturating_sub(loaded),
        findings.len()
    );

    store.write(|transaction| {
        for month in &new_payments {
            records::delete_payment_month(transaction, PaymentKind::SocialSecurity, month)?;
        }
        clear_changed(transaction)
    })?;
    if let Some(text) = ready {
        std::fs::write(&marker, text)?;
    }
    Ok(Incremental { people: changed.len(), recheck })
}

/// Returns one new social-security month for every 100th holder: `month`, paid by the first of
/// units 0 to 2 that pays that holder nothing.
fn new_months(generator: &Generator, month: YearMonth) -> Vec<PaymentMonth> {
    let mut units = RecordBatch::default();
    for unit in 0..3.min(generator.config().units) {
        generator.add_unit(unit, &mut units);
    }
    (CHANGED_EVERY - 1..generator.config().holders)
        .step_by(CHANGED_EVERY)
        .filter_map(|holder| {
            let mut batch = RecordBatch::default();
            generator.add_holder(holder, &mut batch);
            let person = batch.persons.first()?;
            let payer = units
                .units
                .iter()
                .find(|unit| batch.social_security.iter().all(|paid| paid.unit_credit_code != unit.credit_code))?;
            Some(PaymentMonth {
                id_number: person.id_number.clone(),
                unit_credit_code: payer.credit_code.clone(),
                month,
            })
        })
        .collect()
}

/// Describes the machine: CPU model, core count, SQLite and Python versions.
fn machine(python: &str) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let python_version = Command::new(python)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("machine: {cpu}, {cores} cores; SQLite {} in the cache; {python_version}", rusqlite::version())
}
