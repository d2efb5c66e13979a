//! `certdesk login`: signs in, remembers the platform and keeps the token in the OS store.

use std::path::Path;
use std::process::ExitCode;

use super::{CliError, RoleArg, output};
use crate::account::credentials::{OsTokenStore, TokenStore as _};
use crate::account::profile::write_atomically;
use crate::account::{DataDir, Profile};
use crate::i18n::{Key, Lang, Message, tr};
use crate::platform::wire::Role;
use crate::platform::{PlatformClient, PlatformEndpoint};

/// Environment variable that supplies the password without a prompt.
pub const PASSWORD_ENV: &str = "CERTDESK_PASSWORD";

/// How to reach the platform from this network.
#[derive(Debug, Clone, Default)]
pub struct Network {
    /// An explicit proxy URL.
    pub proxy: Option<String>,
    /// A CA certificate file to trust besides the platform's.
    pub extra_ca: Option<std::path::PathBuf>,
}

/// Signs in and saves the profile, the CA copies and the token. Nothing is saved on failure.
pub fn run(
    data_dir: &DataDir,
    platform: &str,
    ca_cert: &Path,
    role: RoleArg,
    account: &str,
    network: &Network,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let role = match role {
        RoleArg::Holder => Role::Holder,
        RoleArg::Unit => Role::Unit,
    };
    let read = |path: &Path| {
        std::fs::read(path)
            .map_err(|e| CliError::new(Message::new(Key::CliReadFile).arg("path", path.display()).io_arg("detail", &e)))
    };
    let platform_ca = read(ca_cert)?;
    let extra_ca = network.extra_ca.as_deref().map(read).transpose()?;
    let mut ca_pem = platform_ca.clone();
    if let Some(extra) = &extra_ca {
        ca_pem.push(b'\n');
        ca_pem.extend(extra);
    }
    let endpoint =
        PlatformEndpoint { url: platform.trim_end_matches('/').to_owned(), ca_pem, proxy: network.proxy.clone() };
    let client = PlatformClient::new(&endpoint)?;
    let password = read_password(lang)?;
    let runtime = super::sync::runtime()?;
    let (info, session) = runtime.block_on(async {
        let info = client.platform_info().await?;
        let session = client.sign_in(account, &password, role).await?;
        Ok::<_, crate::platform::PlatformError>((info, session))
    })?;

    data_dir.ensure().map_err(|e| CliError::new(e.message()))?;
    let profile = Profile {
        platform_url: endpoint.url.clone(),
        platform_id: info.platform_id,
        platform_name: info.name,
        sandbox: info.sandbox,
        role,
        account: session.account,
        display_name: session.display_name,
        proxy: network.proxy.clone(),
        extra_ca: extra_ca.is_some(),
    };
    let write_error = |path: &Path, e: std::io::Error| {
        CliError::new(Message::new(Key::CliWriteFile).arg("path", path.display()).io_arg("detail", &e))
    };
    let ca_path = data_dir.platform_ca_path();
    write_atomically(&ca_path, &platform_ca).map_err(|e| write_error(&ca_path, e))?;
    let extra_ca_path = data_dir.extra_ca_path();
    match &extra_ca {
        Some(extra) => write_atomically(&extra_ca_path, extra).map_err(|e| write_error(&extra_ca_path, e))?,
        None => match std::fs::remove_file(&extra_ca_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(write_error(&extra_ca_path, e)),
            _ => {}
        },
    }
    let profile_path = data_dir.profile_path();
    profile.save(&profile_path).map_err(|e| write_error(&profile_path, e))?;

    let stored = OsTokenStore::open().and_then(|store| store.save(&profile.credential_key(), &session.token));
    if let Err(error) = stored {
        tracing::debug!(%error, "token not stored");
        output::status(tr(lang, Key::CliTokenNotStored));
    }
    let role_name = match role {
        Role::Holder => tr(lang, Key::RoleHolder),
        Role::Unit => tr(lang, Key::RoleUnit),
    };
    output::line(
        &Message::new(Key::CliLoggedIn)
            .arg("platform", &profile.platform_name)
            .arg("account", &profile.account)
            .arg("role", role_name)
            .render(lang),
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads the password from `CERTDESK_PASSWORD`, or prompts for it at a terminal.
pub fn read_password(lang: Lang) -> Result<String, CliError> {
    if let Ok(password) = std::env::var(PASSWORD_ENV) {
        return Ok(password);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(CliError::new(Message::new(Key::CliPasswordMissing)));
    }
    rpassword::prompt_password(tr(lang, Key::CliPasswordPrompt))
        .map_err(|_| CliError::new(Message::new(Key::CliPasswordMissing)))
}
