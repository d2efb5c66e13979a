//! The sandbox platform: a local HTTPS server with seeded, standard-valid sample data.
//!
//! The app starts one in the background when no other platform is configured (shown as
//! 演示平台), tests start one per test, and `certdesk sandbox serve` runs one standalone.

pub mod changes;
pub mod dataset;
pub mod faults;
pub mod generator;
pub mod images;
pub mod pages;
pub mod review;
pub mod sample;
pub mod scenario;
pub mod server;
pub mod signing;
pub mod tls;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tracing::{error, info};

pub use dataset::Dataset;
pub use faults::{Fault, FaultKind};
pub use sample::Account;
pub use server::ListingRequest;

/// Errors starting the sandbox.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The certificates could not be generated.
    #[error("cannot generate the sandbox TLS certificates: {0}")]
    Tls(String),
    /// The state folder could not be read or written.
    #[error("cannot use the sandbox state file {path}: {detail}")]
    State {
        /// The file.
        path: std::path::PathBuf,
        /// The error text.
        detail: String,
    },
    /// The server thread or runtime could not start.
    #[error("cannot start the sandbox server: {0}")]
    Start(std::io::Error),
}

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Address to listen on; port 0 lets the OS choose.
    pub addr: SocketAddr,
    /// The data to serve; `None` serves the demo data of [`sample::DEFAULT_SEED`].
    pub data: Option<Dataset>,
    /// Faults to inject into the responses, checked in order; empty for a well-behaved platform.
    pub faults: Vec<Fault>,
    /// Folder that keeps the CA and the served data between runs; `None` generates both at
    /// each start.
    pub state_dir: Option<PathBuf>,
    /// How the sandbox decides the applications it receives.
    pub review: review::ReviewPolicy,
    /// How long after a submission the sandbox decides it.
    pub review_delay: std::time::Duration,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data: None,
            faults: Vec::new(),
            state_dir: None,
            review: review::ReviewPolicy::default(),
            review_delay: std::time::Duration::ZERO,
        }
    }
}

/// A running sandbox. Dropping the handle stops the server.
pub struct SandboxHandle {
    url: String,
    ca_pem: String,
    accounts: Vec<Account>,
    state: Arc<server::SandboxState>,
    server: axum_server::Handle<SocketAddr>,
    thread: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// Starts a sandbox on its own thread and returns once it is listening.
    pub fn start(options: &SandboxOptions) -> Result<Self, SandboxError> {
        let listener =
            TcpListener::bind(options.addr).map_err(|source| SandboxError::Bind { addr: options.addr, source })?;
        let addr = listener.local_addr().map_err(SandboxError::Start)?;
        let (tls, data) = match &options.state_dir {
            Some(state_dir) => (tls::load_or_generate(state_dir)?, kept_data(state_dir, options.data.as_ref())?),
            None => (tls::generate()?, options.data.clone().unwrap_or_else(|| sample::generate(sample::DEFAULT_SEED))),
        };
        let accounts = data.accounts.clone();
        let state = Arc::new(
            server::SandboxState::new(data, faults::FaultPlan::new(options.faults.clone()))
                .with_review(options.review, options.review_delay),
        );
        let app = server::router_with_state(Arc::clone(&state));
        let config = axum_server::tls_rustls::RustlsConfig::from_config(tls.server_config);
        let server = axum_server::Handle::new();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("certdesk-sandbox")
            .enable_all()
            .build()
            .map_err(SandboxError::Start)?;
        let server_handle = server.clone();
        let thread = std::thread::Builder::new()
            .name("certdesk-sandbox".into())
            .spawn(move || {
                runtime.block_on(async move {
                    // Without TCP_NODELAY, Nagle's algorithm delays the last small TLS records of
                    // each response until the client acknowledges the earlier ones: in
                    // benches/sync.rs a sync of 100,000 certificates took 5.6 s instead of 3.0 s.
                    let acceptor = axum_server::tls_rustls::RustlsAcceptor::new(config)
                        .acceptor(axum_server::accept::NoDelayAcceptor::new());
                    let result = match axum_server::from_tcp(listener) {
                        Ok(server) => {
                            server.acceptor(acceptor).handle(server_handle).serve(app.into_make_service()).await
                        }
                        Err(e) => Err(e),
                    };
                    if let Err(e) = result {
                        error!(error = %e, "sandbox server stopped with an error");
                    }
                });
            })
            .map_err(SandboxError::Start)?;
        let url = format!("https://127.0.0.1:{}", addr.port());
        info!(%url, "sandbox platform listening");
        Ok(Self { url, ca_pem: tls.ca_pem, accounts, state, server, thread: Some(thread) })
    }

    /// Returns the base URL, `https://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Returns the PEM text of the CA that signed the server certificate.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// Returns the accounts that can sign in.
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    /// Returns the first account with a role.
    pub fn account(&self, role: crate::platform::wire::Role) -> Option<&Account> {
        self.accounts.iter().find(|a| a.role == role)
    }

    /// Returns every listing request received so far, oldest first, with the fault injected.
    pub fn listing_requests(&self) -> Vec<ListingRequest> {
        self.state.listing_requests()
    }

    /// Changes one certificate version in place and records the change, so the next sync
    /// receives it through the change feed. Returns whether the version exists.
    pub fn edit_certificate(
        &self,
        key: &crate::platform::wire::CertificateKey,
        change: impl FnOnce(&mut crate::domain::Certificate),
    ) -> bool {
        self.state.edit_certificate(key, change)
    }

    /// Deletes one certificate version, so the next sync receives a deletion. Returns whether
    /// it existed.
    pub fn delete_certificate(&self, key: &crate::platform::wire::CertificateKey) -> bool {
        self.state.delete_certificate(key)
    }

    /// Decides one waiting application now, as the reviewing authority. Returns whether it was
    /// waiting for a decision.
    pub fn decide(&self, application_id: &str, decision: &review::Decision) -> bool {
        self.state.decide(application_id, decision)
    }

    /// Deletes the record of any listing whose key is `key`, a JSON object of the fields
    /// [`crate::platform::wire::Resource::key_fields`] names, so the next sync receives a
    /// tombstone. Returns whether it existed.
    pub fn delete_record(&self, resource: crate::platform::wire::Resource, key: &serde_json::Value) -> bool {
        self.state.delete_record(resource, key)
    }

    /// Signs every certificate version now, as a platform signs a record when it issues it,
    /// instead of when a page first sends it. A benchmark calls it before it times a sync.
    pub fn sign_all(&self) {
        self.state.sign_all();
    }

    /// Returns a copy of the data served now, changes included.
    pub fn data(&self) -> Dataset {
        self.state.data()
    }

    /// Blocks until the server stops.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.server.shutdown();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// File of the served data in a state folder, in the scenario format.
const DATA_FILE: &str = "data.json";

/// Returns the data to serve from a state folder. `data`, when given, replaces what the folder
/// keeps; with no data and no kept file the demo data is kept. What is served is always read
/// back from the file, because a scenario file regenerates photos and licence identifiers, so
/// every run serves the same records.
fn kept_data(state_dir: &Path, data: Option<&Dataset>) -> Result<Dataset, SandboxError> {
    let path = state_dir.join(DATA_FILE);
    let state_error = |detail: String| SandboxError::State { path: path.clone(), detail };
    if data.is_some() || !path.exists() {
        let data = data.cloned().unwrap_or_else(|| sample::generate(sample::DEFAULT_SEED));
        let text =
            serde_json::to_string_pretty(&scenario::from_dataset(&data)).map_err(|e| state_error(e.to_string()))?;
        crate::account::profile::write_atomically(&path, text.as_bytes()).map_err(|e| state_error(e.to_string()))?;
    }
    scenario::load(&path).map_err(|e| state_error(e.render(crate::i18n::Lang::En)))
}
