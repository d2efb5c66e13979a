//! `certdesk sandbox serve` and `certdesk sandbox generate`: the sandbox platform in the
//! foreground until interrupted, and its data written as a scenario file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::{CliError, output};
use crate::account::DataDir;
use crate::i18n::{Key, Lang, Message};
use crate::sandbox::generator::{self, GeneratorConfig};
use crate::sandbox::{SandboxHandle, SandboxOptions};

/// The source of the sandbox's records.
pub enum DataSource {
    /// The demo data of the default seed.
    Demo,
    /// A scenario file.
    Scenario(PathBuf),
    /// Generated data.
    Generated(GeneratorConfig),
}

impl DataSource {
    /// Chooses the source from the command-line options; clap rejects a scenario together with
    /// `--holders`, and a seed without it.
    pub fn new(scenario: Option<PathBuf>, holders: Option<u32>, seed: Option<u64>) -> Self {
        match (scenario, holders) {
            (Some(path), _) => Self::Scenario(path),
            (None, Some(holders)) => {
                let seed = seed.unwrap_or(crate::sandbox::sample::DEFAULT_SEED);
                Self::Generated(GeneratorConfig::with_holders(holders as usize, seed))
            }
            (None, None) => Self::Demo,
        }
    }
}

/// Starts the sandbox, writes its CA certificate, prints the JSON line and serves until Ctrl+C.
pub fn serve(
    data_dir: &DataDir,
    mut options: SandboxOptions,
    ca_out: Option<PathBuf>,
    source: &DataSource,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let addr = options.addr;
    let data = match source {
        DataSource::Demo => None,
        DataSource::Scenario(path) => Some(
            crate::sandbox::scenario::load(path)
                .map_err(|e| CliError::new(Message::new(Key::CliScenarioLoad).arg("detail", e.render(lang))))?,
        ),
        DataSource::Generated(config) => Some(generator::dataset(config)),
    };
    let ca_path = if let Some(path) = ca_out {
        path
    } else {
        data_dir.ensure().map_err(|e| CliError::new(e.message()))?;
        data_dir.root().join("sandbox-ca.pem")
    };
    options.data = data;
    let sandbox = SandboxHandle::start(&options).map_err(|e| {
        let message = Message::new(Key::CliSandboxStart).arg("addr", addr);
        CliError::new(match &e {
            crate::sandbox::SandboxError::Bind { source, .. } | crate::sandbox::SandboxError::Start(source) => {
                message.io_arg("detail", source)
            }
            _ => message.key_arg("detail", Key::IoOther),
        })
    })?;
    if let Some(folder) = ca_path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| {
            CliError::new(Message::new(Key::CliWriteFile).arg("path", ca_path.display()).io_arg("detail", &e))
        })?;
    }
    std::fs::write(&ca_path, sandbox.ca_pem()).map_err(|e| {
        CliError::new(Message::new(Key::CliWriteFile).arg("path", ca_path.display()).io_arg("detail", &e))
    })?;

    let accounts: Vec<_> = sandbox
        .accounts()
        .iter()
        .map(|a| json!({ "role": a.role.code(), "account": a.account, "password": a.password, "name": a.display_name }))
        .collect();
    let ca_cert = std::path::absolute(&ca_path).unwrap_or(ca_path);
    let announcement = json!({ "url": sandbox.url(), "ca_cert": ca_cert, "accounts": accounts });
    output::line(&announcement.to_string());

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::new(Message::new(Key::CliSandboxStart).arg("addr", addr).io_arg("detail", &e)))?;
    let _ = runtime.block_on(tokio::signal::ctrl_c());
    drop(sandbox);
    Ok(ExitCode::SUCCESS)
}

/// Writes the demo data, or generated data, as a scenario file.
pub fn generate(out: &Path, source: &DataSource) -> Result<ExitCode, CliError> {
    let data = match source {
        DataSource::Generated(config) => generator::dataset(config),
        DataSource::Demo | DataSource::Scenario(_) => {
            crate::sandbox::sample::generate(crate::sandbox::sample::DEFAULT_SEED)
        }
    };
    let scenario = crate::sandbox::scenario::from_dataset(&data);
    let text = serde_json::to_string_pretty(&scenario).unwrap_or_default();
    crate::account::profile::write_atomically(out, text.as_bytes())
        .map_err(|e| CliError::new(Message::new(Key::CliWriteFile).arg("path", out.display()).io_arg("detail", &e)))?;
    output::status(
        &Message::new(Key::CliScenarioWritten)
            .arg("path", out.display())
            .arg("persons", data.persons.len())
            .arg("certificates", data.certificates.len())
            .render(crate::i18n::Lang::from_env()),
    );
    Ok(ExitCode::SUCCESS)
}
