//! The `certdesk` executable: the window with no arguments, the CLI with them.

use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    certdesk::install_crypto_provider();
    let filter = EnvFilter::try_from_env("CERTDESK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("warn,wgpu_core=error,wgpu_hal=error,naga=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false).init();
    certdesk::cli::run(std::env::args_os())
}
