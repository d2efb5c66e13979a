//! The 100,000-row roster: CPU time of one frame, of a filter keystroke and of a sort click, the
//! time to the first frame, and resident memory, with a reference measured in the same run for
//! each.
//!
//! The parent process generates sandbox holders until the cache has about 100,000 certificate
//! versions, loads them with `BulkLoader` into a temporary folder, then starts itself again to
//! measure. A fresh process opens the cache as the app does, so its first frame and its memory
//! hold nothing of the generation. Frames run on a headless `egui::Context` of 1280×800 points
//! with the bundled fonts, including tessellation, so no GPU or display is needed.
//!
//! `CERTDESK_BENCH_CERTIFICATES` sets the target number of certificates (default 100,000).
//! `CERTDESK_BENCH_DIR` names a folder that keeps the cache for another run or for inspection.
//! A cache already there is used as it is. The default is a temporary folder, deleted at the end.
//!
//! Run it in release mode: `cargo bench --bench roster`.

#![expect(clippy::print_stdout, reason = "a benchmark reports on stdout")]
#![expect(clippy::cast_precision_loss, reason = "counts and durations far below 2^52")]

use std::error::Error;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use certdesk::domain::CertificateSummary;
use certdesk::i18n::Lang;
use certdesk::platform::wire::Role;
use certdesk::sandbox::generator::{Generator, GeneratorConfig, RecordCounts};
use certdesk::sandbox::sample::DEFAULT_SEED;
use certdesk::store::bulk::BulkLoader;
use certdesk::store::{Store, certificates};
use certdesk::ui::certificate_list::{ListFilter, ListView, list_ui};
use certdesk::ui::list_query::SortColumn;
use chrono::NaiveDate;

/// The environment variable that names the cache the measuring child process opens.
const CACHE_VARIABLE: &str = "CERTDESK_ROSTER_CACHE";

/// Frames per median: enough that one slow frame from another process on the machine does not
/// move the median.
const FRAMES: usize = 201;

/// The searches typed one character at a time for the keystroke measurement: a common surname,
/// a registration number prefix, a specialty and a masked ID number prefix.
const TYPED: [&str; 4] = ["张伟", "京1110", "市政公用", "1101"];

fn main() -> Result<(), Box<dyn Error>> {
    if let Some(cache) = std::env::var_os(CACHE_VARIABLE) {
        return measure(Path::new(&cache));
    }
    let target: u64 = match std::env::var("CERTDESK_BENCH_CERTIFICATES") {
        Ok(text) => text.parse()?,
        Err(_) => 100_000,
    };
    let temporary = tempfile::tempdir()?;
    let folder = std::env::var_os("CERTDESK_BENCH_DIR").map_or_else(|| temporary.path().to_path_buf(), Into::into);
    std::fs::create_dir_all(&folder)?;
    let cache = folder.join("cache.sqlite3");
    if cache.exists() {
        println!("using the cache in {}", cache.display());
    } else {
        let started = Instant::now();
        let certificates = build_cache(&cache, target)?;
        println!("loaded {certificates} certificate versions into the cache in {:.2?}", started.elapsed());
    }

    let status = Command::new(std::env::current_exe()?).env(CACHE_VARIABLE, &cache).status()?;
    if !status.success() {
        return Err(format!("the measuring process failed: {status}").into());
    }
    Ok(())
}

/// Generates enough holders for about `target` certificate versions and bulk-loads them.
fn build_cache(path: &Path, target: u64) -> Result<u64, Box<dyn Error>> {
    let probe_holders = 1_000;
    let mut counts = RecordCounts::default();
    Generator::new(&GeneratorConfig::with_holders(probe_holders, DEFAULT_SEED)).run(&mut counts)?;
    let per_holder = counts.certificates.max(1) as f64 / probe_holders as f64;
    // 1 % more holders than the probe's rate gives, so the cache reaches the target.
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a positive count below 2^32")]
    let holders = (target as f64 / per_holder * 1.01).ceil() as usize;

    let mut store = Store::open(path)?;
    let generator = Generator::new(&GeneratorConfig::with_holders(holders, DEFAULT_SEED));
    generator.run(&mut BulkLoader::new(&mut store))?;
    let loaded = store.read(certificates::list_summaries)?.len();
    println!("{holders} holders, {per_holder:.3} certificate versions per holder");
    Ok(loaded as u64)
}

/// One headless window with the bundled fonts, drawing the roster as the app's list page does.
struct Window {
    ctx: egui::Context,
    certificates: Vec<CertificateSummary>,
    filter: ListFilter,
    today: NaiveDate,
}

impl Window {
    /// Runs and tessellates one frame; returns its wall time.
    fn frame(&mut self) -> Duration {
        let started = Instant::now();
        let output = self.run_roster();
        self.tessellate(output);
        started.elapsed()
    }

    /// Runs one frame of the roster, as the app's list page draws it.
    fn run_roster(&mut self) -> egui::FullOutput {
        let view = ListView {
            lang: Lang::ZhCn,
            role: Role::Unit,
            certificates: &self.certificates,
            selected: None,
            today: self.today,
            generation: 1,
            checking: false,
        };
        let filter = &mut self.filter;
        self.ctx.run_ui(raw_input(), |ui| {
            list_ui(ui, &view, filter);
        })
    }

    /// Runs and tessellates one frame that draws nothing; the reference of a roster frame.
    fn empty_frame(&self) -> Duration {
        let started = Instant::now();
        let output = self.ctx.run_ui(raw_input(), |ui| {
            ui.label("");
        });
        self.tessellate(output);
        started.elapsed()
    }

    /// Counts the shapes of one roster frame, to show that the frame draws the visible rows.
    fn shape_count(&mut self) -> usize {
        let mut output = self.run_roster();
        let count = output.shapes.len();
        output.shapes.clear();
        output.drop_without_applying_deltas();
        count
    }

    /// Tessellates a frame's shapes as a renderer would; the font texture is not uploaded.
    fn tessellate(&self, mut output: egui::FullOutput) {
        let shapes = std::mem::take(&mut output.shapes);
        std::hint::black_box(self.ctx.tessellate(shapes, output.pixels_per_point));
        output.drop_without_applying_deltas();
    }
}

fn raw_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..Default::default()
    }
}

/// Measures in a fresh process: the first frame, memory, frames, keystrokes and sort clicks.
fn measure(cache: &Path) -> Result<(), Box<dyn Error>> {
    let process_start = Instant::now();
    let baseline = memory();

    let opened = Instant::now();
    let opened_cpu = cpu_time();
    let store = Store::open(cache)?;
    let certificates = store.read(certificates::list_summaries)?;
    let read_time = opened.elapsed();
    let read_cpu = cpu_time().saturating_sub(opened_cpu);
    let ctx = egui::Context::default();
    certdesk::ui::fonts::install(&ctx);
    let today = NaiveDate::from_ymd_opt(2026, 12, 4).ok_or("invalid as-of day")?;
    let mut window = Window { ctx, certificates, filter: ListFilter::default(), today };
    window.frame();
    let first_frame = opened.elapsed();
    let first_frame_cpu = cpu_time().saturating_sub(opened_cpu);
    let since_start = process_start.elapsed();
    let mut indexing_frames = Vec::new();
    while window.filter.is_indexing(&window.certificates) {
        indexing_frames.push(window.frame());
    }
    let searchable = opened.elapsed();
    let loaded = memory();
    let rows = window.certificates.len();

    println!("{}", machine());
    println!(
        "rows: {rows}, selected by the empty query: {}, shapes in a roster frame: {}",
        window.filter.rows().len(),
        window.shape_count()
    );
    println!(
        "time to first frame from Store::open: {first_frame:.1?}, CPU {first_frame_cpu:.1?} (goal 400 ms); \
         from the start of main: {since_start:.1?}"
    );
    println!(
        "  reference: list_summaries read alone {read_time:.1?}, CPU {read_cpu:.1?}; ratio {:.2}",
        ratio(first_frame, read_time)
    );
    println!(
        "frames that index the rest of the list: {}, max {:.1?} (goal of a keystroke 16 ms); searchable {searchable:.1?} \
         after Store::open",
        indexing_frames.len(),
        indexing_frames.iter().max().copied().unwrap_or_default()
    );
    println!(
        "resident memory once the list is indexed: VmRSS {} MB, VmHWM {} MB (goal 250 MB); before Store::open {} MB",
        loaded.0 / 1024,
        loaded.1 / 1024,
        baseline.0 / 1024
    );

    let empty = median((0..FRAMES).map(|_| window.empty_frame()).collect());
    let cpu_before_frames = cpu_time();
    let frame = median((0..FRAMES).map(|_| window.frame()).collect());
    let frame_cpu = cpu_time().saturating_sub(cpu_before_frames) / u32::try_from(FRAMES)?;
    println!("one roster frame: median {frame:.2?} of {FRAMES}, mean CPU {frame_cpu:.2?} (goal 4 ms)");
    println!("  reference: empty frame {empty:.2?}; ratio {:.1}", ratio(frame, empty));

    let cpu_before_keystrokes = cpu_time();
    let keystrokes = keystrokes(&mut window);
    let keystroke_cpu = cpu_time().saturating_sub(cpu_before_keystrokes) / u32::try_from(keystrokes.len())?;
    println!(
        "one filter keystroke (recompute plus frame): median {:.2?}, max {:.2?} of {}, mean CPU {keystroke_cpu:.2?} \
         (goal 16 ms)",
        median(keystrokes.clone()),
        keystrokes.iter().max().copied().unwrap_or_default(),
        keystrokes.len()
    );
    println!("  reference: roster frame {frame:.2?}; ratio {:.1}", ratio(median(keystrokes), frame));

    breakdown(&window);

    // The first click on 姓名 computes the pinyin ranks; the second only reverses the order.
    for column in [SortColumn::Name, SortColumn::Name, SortColumn::ValidTo, SortColumn::Status] {
        let started = Instant::now();
        window.filter.toggle_sort(column);
        window.frame();
        let click = started.elapsed();
        println!(
            "sort click {column:?} (sort plus frame): {click:.1?}; ratio to a roster frame {:.1}",
            ratio(click, frame)
        );
    }
    compliance_handoff(cache, window.today, frame)?;
    Ok(())
}

/// Times what a compliance run costs the frame thread, now that the rules run on a thread of
/// their own: clearing the change log when it starts, and building the roster's finding marks
/// when the result arrives. The reference is the run itself, as its thread does it.
fn compliance_handoff(cache: &Path, today: NaiveDate, frame: Duration) -> Result<(), Box<dyn Error>> {
    let mut store = Store::open(cache)?;
    let started = Instant::now();
    store.write(certdesk::store::compliance::clear_changed)?;
    let clear = started.elapsed();

    let started = Instant::now();
    let settings = certdesk::domain::compliance::CheckSettings::default();
    let facts = store
        .read(|c| certdesk::store::compliance::load_facts(c, &certdesk::store::compliance::Selection::default()))?;
    let findings: Vec<_> =
        facts.iter().flat_map(|f| certdesk::domain::compliance::check_person(f, today, &settings)).collect();
    let run = started.elapsed();

    let started = Instant::now();
    let marks = certdesk::ui::list_query::FindingMarks::new(1, &findings);
    let marks_time = started.elapsed();
    let open = marks.people(certdesk::ui::list_query::FindingFilter::AnyOpen);
    println!(
        "compliance run over {} people ({} findings, {open} people with an open one): on its thread {run:.1?}",
        facts.len(),
        findings.len()
    );
    println!(
        "  frame thread: clearing the change log {clear:.2?}, building the finding marks {marks_time:.2?}; \
         ratio of their sum to a roster frame {:.1}",
        ratio(clear + marks_time, frame)
    );
    Ok(())
}

/// Times parts of loading apart: indexing every row at once, and a first frame of fonts alone.
fn breakdown(window: &Window) {
    let started = Instant::now();
    let mut fresh = ListFilter::default();
    "京".clone_into(&mut fresh.text);
    fresh.refresh(&window.certificates, 1, window.today);
    println!("  part: search text and validity of every row at once, as a search forces: {:.1?}", started.elapsed());

    let started = Instant::now();
    let ctx = egui::Context::default();
    certdesk::ui::fonts::install(&ctx);
    let fonts_only = Window { ctx, certificates: Vec::new(), filter: ListFilter::default(), today: window.today };
    fonts_only.empty_frame();
    println!("  part: a new context, the bundled fonts and an empty first frame: {:.1?}", started.elapsed());
}

/// Types each search one character at a time, then clears it; returns the time of each change.
fn keystrokes(window: &mut Window) -> Vec<Duration> {
    let mut times = Vec::new();
    for search in TYPED {
        for (end, character) in search.char_indices() {
            search[..end + character.len_utf8()].clone_into(&mut window.filter.text);
            times.push(window.frame());
        }
        window.filter.text.clear();
        times.push(window.frame());
    }
    times
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ratio(time: Duration, reference: Duration) -> f64 {
    time.as_secs_f64() / reference.as_secs_f64().max(1e-9)
}

/// Returns the CPU time this thread has run, from `/proc/thread-self/schedstat` (zero where it
/// is not available). The machine is shared, so wall times include waits for a core.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next().and_then(|nanos| nanos.parse().ok()))
        .map_or(Duration::ZERO, Duration::from_nanos)
}

/// Returns `VmRSS` and `VmHWM` in KiB from `/proc/self/status` (zero where it is not available).
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kib| kib.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo.lines().find_map(|line| line.strip_prefix("model name\t: ")).unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    format!("machine: {model}, {cores} cores")
}
