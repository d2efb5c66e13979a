//! The command line: `certdesk` with no arguments opens the window; subcommands share the same
//! core and data folder. Every failure prints one Chinese line on stderr and exits non-zero.

mod certs;
mod errors;
mod login;
mod output;
mod sandbox;
mod sync;
mod validate;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use errors::CliError;

use crate::account::DataDir;
use crate::i18n::Lang;

/// Command-line interface of CertDesk.
#[derive(Debug, Parser)]
#[command(name = "certdesk", version, about = "筑证 CertDesk：电子注册证书、变更注册与挂证风险检查")]
pub struct Cli {
    /// Data folder (default: `CERTDESK_DATA_DIR`, then the OS data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Renderer of the window: wgpu (default) or glow (OpenGL).
    #[arg(long, global = true, value_name = "RENDERER", value_parser = ["wgpu", "glow"])]
    pub renderer: Option<String>,

    /// What to do; none opens the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the sandbox platform.
    Sandbox {
        /// What to do with the sandbox.
        #[command(subcommand)]
        action: SandboxAction,
    },
    /// Sign in to a platform and remember it as the active one.
    Login {
        /// Platform base URL, such as `https://127.0.0.1:8443`.
        #[arg(long, value_name = "URL")]
        platform: String,
        /// PEM file of the CA that signs the platform's TLS certificate.
        #[arg(long, value_name = "FILE")]
        ca_cert: PathBuf,
        /// Role to sign in as.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Account name.
        #[arg(long, value_name = "NAME")]
        account: String,
    },
    /// Fetch the active account's certificates into the cache.
    Sync {
        /// End with one JSON object summarising the run.
        #[arg(long)]
        json: bool,
    },
    /// Read certificates from the cache.
    Certs {
        /// What to read.
        #[command(subcommand)]
        action: CertsAction,
    },
    /// Check an identifier and print what it encodes.
    Validate {
        /// Kind of identifier.
        #[arg(value_enum)]
        kind: IdentifierKind,
        /// The value as typed or pasted.
        value: String,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

/// Sandbox actions.
#[derive(Debug, Subcommand)]
pub enum SandboxAction {
    /// Serve until interrupted; the first stdout line is a JSON object with the URL, CA file and accounts.
    Serve {
        /// Address to listen on.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
        addr: std::net::SocketAddr,
        /// Where to write the CA certificate (default: sandbox-ca.pem in the data folder).
        #[arg(long, value_name = "FILE")]
        ca_out: Option<PathBuf>,
        /// Serve exactly the records of this scenario file instead of the demo data.
        #[arg(long, value_name = "FILE", conflicts_with = "holders")]
        scenario: Option<PathBuf>,
        /// Serve generated data for this many holders instead of the demo data.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        holders: Option<u32>,
        /// Seed of the generated data (with --holders).
        #[arg(long, value_name = "S", requires = "holders")]
        seed: Option<u64>,
    },
    /// Write the demo data as a scenario file, to edit and serve with `serve --scenario`.
    Generate {
        /// Scenario file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Write generated data for this many holders instead of the demo data.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        holders: Option<u32>,
        /// Seed of the generated data (with --holders).
        #[arg(long, value_name = "S", requires = "holders")]
        seed: Option<u64>,
    },
}

/// Certificate actions.
#[derive(Debug, Subcommand)]
pub enum CertsAction {
    /// List every cached certificate version.
    List {
        /// Print a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Show one certificate with every face field.
    Show {
        /// Registration number, such as 京111050700001.
        registration_number: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Print the full ID number instead of the masked one.
        #[arg(long)]
        full_id: bool,
    },
}

/// Role on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// 持证人
    Holder,
    /// 企业管理员
    Unit,
}

/// Identifier kinds `validate` checks.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum IdentifierKind {
    /// Resident ID number (GB 11643).
    Id,
    /// Unified social credit code (GB 32100).
    CreditCode,
    /// Registration number of a registered constructor.
    RegNo,
    /// Electronic licence identifier.
    LicenceId,
}

/// Parses the arguments and runs the command, returning the process exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let lang = Lang::from_env();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => return errors::report_parse_error(&error, lang),
    };
    match execute(cli, lang) {
        Ok(code) => code,
        Err(error) => error.report(lang),
    }
}

fn execute(cli: Cli, lang: Lang) -> Result<ExitCode, CliError> {
    let data_dir = DataDir::resolve(cli.data_dir.clone()).map_err(|e| CliError::new(e.message()))?;
    let Some(command) = cli.command else {
        return open_window(data_dir, cli.renderer.as_deref(), lang);
    };
    match command {
        Command::Validate { kind, value, json } => Ok(validate::run(kind, &value, json, lang)),
        Command::Sandbox { action: SandboxAction::Serve { addr, ca_out, scenario, holders, seed } } => {
            let source = sandbox::DataSource::new(scenario, holders, seed);
            sandbox::serve(&data_dir, addr, ca_out, &source, lang)
        }
        Command::Sandbox { action: SandboxAction::Generate { out, holders, seed } } => {
            sandbox::generate(&out, &sandbox::DataSource::new(None, holders, seed))
        }
        Command::Login { platform, ca_cert, role, account } => {
            login::run(&data_dir, &platform, &ca_cert, role, &account, lang)
        }
        Command::Sync { json } => sync::run(&data_dir, json, lang),
        Command::Certs { action: CertsAction::List { json } } => certs::list(&data_dir, json, lang),
        Command::Certs { action: CertsAction::Show { registration_number, json, full_id } } => {
            certs::show(&data_dir, &registration_number, json, full_id, lang)
        }
    }
}

fn open_window(data_dir: DataDir, renderer: Option<&str>, lang: Lang) -> Result<ExitCode, CliError> {
    data_dir.ensure().map_err(|e| CliError::new(e.message()))?;
    let renderer = renderer.or(std::env::var("CERTDESK_RENDERER").ok().as_deref()).and_then(|r| r.parse().ok());
    let platform = crate::app::resolve_platform(&data_dir);
    let options = crate::app::AppOptions { data_dir, platform, lang, today: None };
    crate::app::run(options, renderer)
        .map_err(|e| CliError::new(crate::i18n::Message::new(crate::i18n::Key::ErrorWindow).arg("detail", e)))?;
    Ok(ExitCode::SUCCESS)
}
