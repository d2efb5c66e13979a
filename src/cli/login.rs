//! `certdesk login`: signs in, remembers the platform and keeps the token in the OS store.

use std::path::Path;
use std::process::ExitCode;

use super::{CliError, RoleArg, output};
use crate::account::DataDir;
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
    // The URL, proxy and CA files are checked before the password is asked for.
    let mut ca_pem = platform_ca.clone();
    if let Some(extra) = &extra_ca {
        ca_pem.push(b'\n');
        ca_pem.extend(extra);
    }
    let url = platform.trim_end_matches('/').to_owned();
    PlatformClient::new(&PlatformEndpoint { url, ca_pem, proxy: network.proxy.clone() })?;
    let password = read_password(lang)?;
    let request = crate::account::login::LoginRequest {
        url: platform.to_owned(),
        platform_ca,
        extra_ca,
        proxy: network.proxy.clone(),
        role,
        account: account.to_owned(),
        password,
    };
    let outcome = crate::account::login::sign_in(data_dir, &request).map_err(|e| CliError::new(e.message()))?;
    let profile = outcome.profile;
    if !outcome.token_stored {
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
