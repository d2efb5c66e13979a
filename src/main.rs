//! The `certdesk` executable: the window with no arguments, the CLI with them.

use std::process::ExitCode;

fn main() -> ExitCode {
    certdesk::install_crypto_provider();
    certdesk::cli::run(std::env::args_os())
}
