//! The background thread that runs sync jobs, so network work never blocks a frame.
//!
//! The worker owns a tokio runtime and the HTTPS client; the UI sends [`SyncJob`]s and drains
//! [`WorkerEvent`]s. After each event the worker calls the `notify` callback, which the GUI sets
//! to `request_repaint`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::Utc;
use tracing::warn;

use super::client::{ClientOptions, PlatformClient, PlatformEndpoint};
use super::error::PlatformError;
use super::outbox::{OutboxSummary, send_outbox};
use super::sync::{SyncProgress, SyncSummary, sync_all};
use super::wire::Role;
use crate::store::Store;

/// Credentials the worker signs in with.
#[derive(Clone)]
pub enum Credentials {
    /// A bearer token from an earlier sign-in.
    Token(String),
    /// Account and password, signed in at the start of the job.
    Password {
        /// Account name.
        account: String,
        /// Password; never logged.
        password: String,
        /// Role to sign in as.
        role: Role,
    },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Token(_) => f.write_str("Credentials::Token(<hidden>)"),
            Self::Password { account, role, .. } => write!(f, "Credentials::Password({account}, {role:?}, <hidden>)"),
        }
    }
}

/// One sync to run.
#[derive(Debug, Clone)]
pub struct SyncJob {
    /// The platform.
    pub endpoint: PlatformEndpoint,
    /// How to authenticate.
    pub credentials: Credentials,
    /// The cache file to write.
    pub cache_path: PathBuf,
    /// Timeouts, page size and retries.
    pub options: ClientOptions,
    /// The folder of the copied materials the outbox's submissions upload; `None` leaves the
    /// outbox for a later job.
    pub materials_dir: Option<PathBuf>,
}

/// What the worker reports.
#[derive(Debug)]
pub enum WorkerEvent {
    /// A sync job started.
    Started,
    /// A page was committed.
    Progress(SyncProgress),
    /// The job fetched every page.
    Finished(SyncSummary),
    /// The job stopped; pages committed before the error stay in the cache.
    Failed(PlatformError),
}

/// Handle to the worker thread. Dropping it closes the job queue; the thread ends after the
/// running job without the UI waiting for it.
pub struct SyncWorker {
    jobs: Option<Sender<SyncJob>>,
    events: Receiver<WorkerEvent>,
    cancel: Arc<AtomicBool>,
}

/// 50 milliseconds: how often a running job looks at the cancel flag.
const CANCEL_POLL: std::time::Duration = std::time::Duration::from_millis(50);

/// Resolves once `flag` is set.
async fn cancelled(flag: &AtomicBool) {
    while !flag.load(Ordering::Relaxed) {
        tokio::time::sleep(CANCEL_POLL).await;
    }
}

impl SyncWorker {
    /// Starts the worker thread. `notify` is called after every event.
    pub fn start(notify: Arc<dyn Fn() + Send + Sync>) -> std::io::Result<Self> {
        let (jobs, job_receiver) = channel::<SyncJob>();
        let (event_sender, events) = channel();
        let runtime = sync_runtime()?;
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let thread = std::thread::Builder::new().name("certdesk-sync".into()).spawn(move || {
            for job in job_receiver {
                let send = |event| {
                    let _ = event_sender.send(event);
                    notify();
                };
                send(WorkerEvent::Started);
                // Each page commits in one synchronous transaction, so dropping the job at an
                // await point leaves the cache as it was after its last committed page.
                let outcome = runtime.block_on(async {
                    tokio::select! {
                        result = run_job(&job, |progress| send(WorkerEvent::Progress(*progress))) => result,
                        () = cancelled(&flag) => Err(PlatformError::Cancelled),
                    }
                });
                // Cleared after the job, not before it, so a cancel that arrives while the job
                // still waits in the queue stops it too.
                flag.store(false, Ordering::Relaxed);
                match outcome {
                    Ok(summary) => send(WorkerEvent::Finished(summary)),
                    Err(error) => {
                        warn!(%error, "sync failed");
                        send(WorkerEvent::Failed(error));
                    }
                }
            }
        })?;
        drop(thread);
        Ok(Self { jobs: Some(jobs), events, cancel })
    }

    /// Stops the running job at its next await point, or the next job at its start when none
    /// runs yet.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Returns a worker without a thread, whose jobs never run, for when the thread cannot start.
    pub fn disabled() -> Self {
        let (_, events) = channel();
        Self { jobs: None, events, cancel: Arc::new(AtomicBool::new(false)) }
    }

    /// Queues a sync job.
    pub fn submit(&self, job: SyncJob) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }

    /// Returns the events that arrived since the last call, without waiting.
    pub fn drain_events(&self) -> Vec<WorkerEvent> {
        self.events.try_iter().collect()
    }
}

/// 5 minutes: a clock further from the platform's than this is reported to the user.
const CLOCK_SKEW_WARNING_SECS: i64 = 5 * 60;

/// Builds the runtime a sync runs on: the job on the calling thread, and one worker thread that
/// fetches the next page while the calling thread writes the current one to the cache.
pub fn sync_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).thread_name("certdesk-fetch").enable_all().build()
}

/// Signs in if needed, sends the outbox, and syncs every listing into the job's cache. The
/// outbox goes first, so the applications it files come back in the same sync.
pub async fn run_job(job: &SyncJob, on_progress: impl FnMut(&SyncProgress)) -> Result<SyncSummary, PlatformError> {
    let client = PlatformClient::with_options(&job.endpoint, job.options)?;
    let info = client.platform_info_with_retries().await?;
    let clock_skew_secs = (info.server_time - Utc::now()).num_seconds();
    let token = match &job.credentials {
        Credentials::Token(token) => token.clone(),
        Credentials::Password { account, password, role } => client.sign_in(account, password, *role).await?.token,
    };
    let mut store = Store::open(&job.cache_path)?;
    let outbox = match &job.materials_dir {
        Some(folder) => send_outbox(&client, &token, &mut store, folder).await?,
        None => OutboxSummary::default(),
    };
    let mut summary = sync_all(&client, &token, &mut store, on_progress).await?;
    summary.sent = outbox.sent;
    summary.refused = outbox.refused;
    tracing::info!(
        fetched = summary.fetched,
        written = summary.written,
        deleted = summary.deleted,
        pages = summary.pages,
        bytes = summary.bytes,
        sent = summary.sent,
        refused = summary.refused,
        "sync finished"
    );
    if clock_skew_secs.abs() > CLOCK_SKEW_WARNING_SECS {
        warn!(clock_skew_secs, "the local clock differs from the platform's");
        summary.clock_skew_secs = Some(clock_skew_secs);
    }
    Ok(summary)
}
