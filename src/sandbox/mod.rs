//! The sandbox platform: a local HTTPS server with seeded, standard-valid sample data.
//!
//! The app starts one in the background when no other platform is configured (shown as
//! 演示平台), tests start one per test, and `certdesk sandbox serve` runs one standalone.

pub mod dataset;
pub mod generator;
pub mod images;
pub mod sample;
pub mod scenario;
pub mod server;
pub mod tls;

use std::net::{SocketAddr, TcpListener};
use std::thread::JoinHandle;

use tracing::{error, info};

pub use dataset::Dataset;
pub use sample::Account;

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
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self { addr: SocketAddr::from(([127, 0, 0, 1], 0)), data: None }
    }
}

/// A running sandbox. Dropping the handle stops the server.
pub struct SandboxHandle {
    url: String,
    ca_pem: String,
    accounts: Vec<Account>,
    server: axum_server::Handle<SocketAddr>,
    thread: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    /// Starts a sandbox on its own thread and returns once it is listening.
    pub fn start(options: &SandboxOptions) -> Result<Self, SandboxError> {
        let listener =
            TcpListener::bind(options.addr).map_err(|source| SandboxError::Bind { addr: options.addr, source })?;
        let addr = listener.local_addr().map_err(SandboxError::Start)?;
        let tls = tls::generate()?;
        let data = options.data.clone().unwrap_or_else(|| sample::generate(sample::DEFAULT_SEED));
        let accounts = data.accounts.clone();
        let app = server::router(data);
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
                    let result = match axum_server::from_tcp_rustls(listener, config) {
                        Ok(server) => server.handle(server_handle).serve(app.into_make_service()).await,
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
        Ok(Self { url, ca_pem: tls.ca_pem, accounts, server, thread: Some(thread) })
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
