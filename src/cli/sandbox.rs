//! `certdesk sandbox serve`: the sandbox platform in the foreground until interrupted.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::{CliError, output};
use crate::account::DataDir;
use crate::i18n::{Key, Lang, Message};
use crate::sandbox::{SandboxHandle, SandboxOptions};

/// Starts the sandbox, writes its CA certificate, prints the JSON line and serves until Ctrl+C.
pub fn serve(
    data_dir: &DataDir,
    mut options: SandboxOptions,
    ca_out: Option<PathBuf>,
    scenario: Option<&Path>,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let addr = options.addr;
    let data = match scenario {
        Some(path) => Some(
            crate::sandbox::scenario::load(path)
                .map_err(|e| CliError::new(Message::new(Key::CliScenarioLoad).arg("detail", e.render(lang))))?,
        ),
        None => None,
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
        .map_err(|e| CliError::new(Message::new(Key::CliSandboxStart).arg("addr", addr).arg("detail", e)))?;
    let _ = runtime.block_on(tokio::signal::ctrl_c());
    drop(sandbox);
    Ok(ExitCode::SUCCESS)
}

/// Writes the demo data as a scenario file.
pub fn generate(out: &Path) -> Result<ExitCode, CliError> {
    let scenario =
        crate::sandbox::scenario::from_dataset(&crate::sandbox::sample::generate(crate::sandbox::sample::DEFAULT_SEED));
    let text = serde_json::to_string_pretty(&scenario).unwrap_or_default();
    crate::account::profile::write_atomically(out, text.as_bytes())
        .map_err(|e| CliError::new(Message::new(Key::CliWriteFile).arg("path", out.display()).io_arg("detail", &e)))?;
    Ok(ExitCode::SUCCESS)
}
