//! `certdesk logout`: deletes what sign-in saved, and with `--delete-cache` the account's cache.

use std::process::ExitCode;

use super::{CliError, output};
use crate::account::credentials::{OsTokenStore, TokenStore as _};
use crate::account::{DataDir, Profile};
use crate::i18n::{Key, Lang, Message};

/// Deletes the stored token, the profile and the CA copies, and the account's cache
/// folder when `delete_cache` is set. Logging out with no active account succeeds.
pub fn run(data_dir: &DataDir, delete_cache: bool, lang: Lang) -> Result<ExitCode, CliError> {
    let profile_path = data_dir.profile_path();
    let profile = Profile::load(&profile_path).map_err(|e| {
        CliError::new(Message::new(Key::CliReadFile).arg("path", profile_path.display()).arg("detail", e))
    })?;
    let Some(profile) = profile else {
        output::line(&Message::new(Key::CliLogoutNone).render(lang));
        return Ok(ExitCode::SUCCESS);
    };

    if let Err(error) = OsTokenStore::open().and_then(|store| store.delete(&profile.credential_key())) {
        tracing::debug!(%error, "no token deleted");
    }
    for path in [profile_path, data_dir.platform_ca_path(), data_dir.extra_ca_path()] {
        remove_file(&path)?;
    }
    let cache_path = data_dir.cache_path(&profile.platform_id, &profile.account);
    let cache_note = match cache_path.parent().filter(|_| delete_cache) {
        Some(folder) => {
            remove_folder(folder)?;
            Key::CliLogoutCacheDeleted
        }
        None => Key::CliLogoutCacheKept,
    };

    let done =
        Message::new(Key::CliLogoutDone).arg("platform", &profile.platform_name).arg("account", &profile.account);
    output::line(&format!("{}{}", done.render(lang), Message::new(cache_note).render(lang)));
    Ok(ExitCode::SUCCESS)
}

fn remove_file(path: &std::path::Path) -> Result<(), CliError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(CliError::new(Message::new(Key::CliWriteFile).arg("path", path.display()).arg("detail", e)))
        }
        _ => Ok(()),
    }
}

fn remove_folder(path: &std::path::Path) -> Result<(), CliError> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(CliError::new(Message::new(Key::CliWriteFile).arg("path", path.display()).arg("detail", e)))
        }
        _ => Ok(()),
    }
}
