//! Helpers shared by the integration tests.

use certdesk::platform::PlatformEndpoint;
use certdesk::platform::wire::Role;
use certdesk::platform::worker::{Credentials, SyncJob};
use certdesk::sandbox::{SandboxHandle, SandboxOptions};

/// Starts a sandbox on an OS-chosen loopback port.
pub fn start_sandbox() -> SandboxHandle {
    certdesk::install_crypto_provider();
    SandboxHandle::start(&SandboxOptions::default()).expect("sandbox starts")
}

/// Returns the endpoint of a running sandbox, trusting its CA.
pub fn endpoint(sandbox: &SandboxHandle) -> PlatformEndpoint {
    PlatformEndpoint { url: sandbox.url().to_owned(), ca_pem: sandbox.ca_pem().as_bytes().to_vec() }
}

/// Builds a sync job that signs in as the sandbox account of a role.
pub fn job(sandbox: &SandboxHandle, role: Role, cache_path: std::path::PathBuf) -> SyncJob {
    let account = sandbox.account(role).expect("sandbox has the role");
    SyncJob {
        endpoint: endpoint(sandbox),
        credentials: Credentials::Password {
            account: account.account.clone(),
            password: account.password.clone(),
            role,
        },
        cache_path,
    }
}

/// Runs a future to completion on a fresh single-threaded runtime.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(future)
}
