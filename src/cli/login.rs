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

/// Signs in and saves the profile, the CA copy and the token. Nothing is saved on failure.
pub fn run(
    data_dir: &DataDir,
    platform: &str,
    ca_cert: &Path,
    role: RoleArg,
    account: &str,
    lang: Lang,
) -> Result<ExitCode, CliError> {
    let role = match role {
        RoleArg::Holder => Role::Holder,
        RoleArg::Unit => Role::Unit,
    };
    let ca_pem = std::fs::read(ca_cert).map_err(|e| {
        CliError::new(Message::new(Key::CliReadFile).arg("path", ca_cert.display()).io_arg("detail", &e))
    })?;
    let endpoint = PlatformEndpoint { url: platform.trim_end_matches('/').to_owned(), ca_pem };
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
    };
    let write_error = |path: &Path, e: std::io::Error| {
        CliError::new(Message::new(Key::CliWriteFile).arg("path", path.display()).io_arg("detail", &e))
    };
    let ca_path = data_dir.platform_ca_path();
    write_atomically(&ca_path, &endpoint.ca_pem).map_err(|e| write_error(&ca_path, e))?;
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
