//! Signing in to a configured platform: check the platform with its CA, sign in, and keep the
//! profile, the CA copies and the token. The CLI's `login` and the window's first-run screen
//! both use it.

use std::path::PathBuf;

use super::credentials::{OsTokenStore, TokenStore as _};
use super::profile::write_atomically;
use super::{DataDir, Profile};
use crate::i18n::{Key, Message};
use crate::platform::wire::Role;
use crate::platform::{PlatformClient, PlatformEndpoint, PlatformError};

/// The details a user gives to sign in.
#[derive(Clone)]
pub struct LoginRequest {
    /// Base URL of the platform.
    pub url: String,
    /// PEM text of the platform's CA certificate.
    pub platform_ca: Vec<u8>,
    /// PEM text of an extra CA to trust, such as a TLS-inspecting proxy's.
    pub extra_ca: Option<Vec<u8>>,
    /// An explicit proxy URL.
    pub proxy: Option<String>,
    /// Role to sign in as.
    pub role: Role,
    /// Account name.
    pub account: String,
    /// Password; never logged or kept.
    pub password: String,
}

/// A successful sign-in.
pub struct LoginOutcome {
    /// The saved profile.
    pub profile: Profile,
    /// The session token, for this run.
    pub token: String,
    /// Whether the OS credential store kept the token for the next start.
    pub token_stored: bool,
}

/// Reason a sign-in failed; nothing was saved.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// The platform could not be reached, was not trusted, or rejected the account.
    #[error(transparent)]
    Platform(#[from] PlatformError),
    /// A file of the data folder could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl LoginError {
    /// Describes the problem and the fix for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::Platform(error) => error.message(),
            Self::Write { path, source } => {
                Message::new(Key::CliWriteFile).arg("path", path.display()).io_arg("detail", source)
            }
        }
    }
}

/// Signs in and saves the profile, the CA copies and the token. Blocks while it talks to the
/// platform, so the window calls it on a background thread.
pub fn sign_in(data_dir: &DataDir, request: &LoginRequest) -> Result<LoginOutcome, LoginError> {
    let mut ca_pem = request.platform_ca.clone();
    if let Some(extra) = &request.extra_ca {
        ca_pem.push(b'\n');
        ca_pem.extend(extra);
    }
    let endpoint = PlatformEndpoint {
        url: request.url.trim().trim_end_matches('/').to_owned(),
        ca_pem,
        proxy: request.proxy.clone(),
    };
    let client = PlatformClient::new(&endpoint)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| PlatformError::Client(e.to_string()))?;
    let (info, session) = runtime.block_on(async {
        let info = client.platform_info().await?;
        let session = client.sign_in(&request.account, &request.password, request.role).await?;
        Ok::<_, PlatformError>((info, session))
    })?;

    let write_error = |path: PathBuf| move |source| LoginError::Write { path, source };
    data_dir.ensure().map_err(|_| LoginError::Write {
        path: data_dir.root().to_path_buf(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    })?;
    let profile = Profile {
        platform_url: endpoint.url.clone(),
        platform_id: info.platform_id,
        platform_name: info.name,
        sandbox: info.sandbox,
        role: request.role,
        account: session.account,
        display_name: session.display_name,
        proxy: request.proxy.clone(),
        extra_ca: request.extra_ca.is_some(),
    };
    let ca_path = data_dir.platform_ca_path();
    write_atomically(&ca_path, &request.platform_ca).map_err(write_error(ca_path))?;
    let extra_ca_path = data_dir.extra_ca_path();
    match &request.extra_ca {
        Some(extra) => write_atomically(&extra_ca_path, extra).map_err(write_error(extra_ca_path))?,
        None => match std::fs::remove_file(&extra_ca_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(write_error(extra_ca_path)(e)),
            _ => {}
        },
    }
    let profile_path = data_dir.profile_path();
    profile.save(&profile_path).map_err(write_error(profile_path))?;
    let stored = OsTokenStore::open().and_then(|store| store.save(&profile.credential_key(), &session.token));
    if let Err(error) = &stored {
        tracing::debug!(%error, "token not stored");
    }
    Ok(LoginOutcome { profile, token: session.token, token_stored: stored.is_ok() })
}

/// Signs out of the configured platform: deletes the stored token, the profile and the CA
/// copies. With `delete_cache` it deletes the account's cache folder too, and the copied
/// materials and reports when no other account's cache is left. Returns the profile that was
/// signed out, or `None` when none was signed in. The caller has closed the cache.
pub fn sign_out(data_dir: &DataDir, delete_cache: bool) -> Result<Option<Profile>, LoginError> {
    let profile_path = data_dir.profile_path();
    let profile =
        Profile::load(&profile_path).map_err(|source| LoginError::Write { path: profile_path.clone(), source })?;
    let Some(profile) = profile else { return Ok(None) };
    if let Err(error) = OsTokenStore::open().and_then(|store| store.delete(&profile.credential_key())) {
        tracing::debug!(%error, "no token deleted");
    }
    let removed_or_absent = |path: PathBuf, result: std::io::Result<()>| match result {
        Err(source) if source.kind() != std::io::ErrorKind::NotFound => Err(LoginError::Write { path, source }),
        _ => Ok(()),
    };
    for path in [profile_path, data_dir.platform_ca_path(), data_dir.extra_ca_path()] {
        let result = std::fs::remove_file(&path);
        removed_or_absent(path, result)?;
    }
    let cache_path = data_dir.cache_path(&profile.platform_id, &profile.account);
    if let Some(folder) = cache_path.parent().filter(|_| delete_cache) {
        removed_or_absent(folder.to_path_buf(), std::fs::remove_dir_all(folder))?;
        // The copied materials and saved reports are shared by the accounts of this data folder,
        // so they go with the last account's cache.
        let accounts = data_dir.root().join("accounts");
        let others_left = std::fs::read_dir(&accounts).is_ok_and(|mut entries| entries.next().is_some());
        if !others_left {
            for shared in [data_dir.materials_path(), data_dir.root().join("reports")] {
                let result = std::fs::remove_dir_all(&shared);
                removed_or_absent(shared, result)?;
            }
        }
    }
    Ok(Some(profile))
}
