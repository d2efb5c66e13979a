//! The data folder: `--data-dir`, then `CERTDESK_DATA_DIR`, then the OS data folder.

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

use crate::i18n::{Key, Message};

/// Environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "CERTDESK_DATA_DIR";

/// Why the data folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    /// The OS reports no home folder, so there is no default location.
    #[error("no home folder to put the data folder in")]
    NoHome,
    /// The folder cannot be created or written.
    #[error("data folder {path} is not usable: {source}")]
    NotUsable {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl DataDirError {
    /// Describes the problem and the fix for the user.
    pub fn message(&self) -> Message {
        match self {
            Self::NoHome => Message::new(Key::ErrorNoHome),
            Self::NotUsable { path, .. } => Message::new(Key::ErrorDataDir).arg("path", path.display()),
        }
    }
}

/// The data folder and the paths inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Chooses the folder from the flag, the environment or the OS default, and follows the
    /// pointer a moved folder leaves behind. Creates nothing.
    pub fn resolve(flag: Option<PathBuf>) -> Result<Self, DataDirError> {
        let follow = super::relocate::follow;
        if let Some(root) = flag {
            return Ok(Self { root: follow(root) });
        }
        if let Some(root) = std::env::var_os(DATA_DIR_ENV).filter(|value| !value.is_empty()) {
            return Ok(Self { root: follow(PathBuf::from(root)) });
        }
        let dirs = directories::ProjectDirs::from("cn", "CertDesk", "CertDesk").ok_or(DataDirError::NoHome)?;
        Ok(Self { root: follow(dirs.data_local_dir().to_path_buf()) })
    }

    /// Uses a given folder, for tests.
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Creates the folder if needed and checks that it is a writable folder.
    pub fn ensure(&self) -> Result<(), DataDirError> {
        let not_usable = |source| DataDirError::NotUsable { path: self.root.clone(), source };
        std::fs::create_dir_all(&self.root).map_err(not_usable)?;
        let probe = self.root.join(".write-test");
        std::fs::write(&probe, b"ok").map_err(not_usable)?;
        std::fs::remove_file(&probe).map_err(not_usable)
    }

    /// Returns the folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Returns the file naming the active platform and account.
    pub fn profile_path(&self) -> PathBuf {
        self.root.join("profile.json")
    }

    /// Returns the copy of the configured platform's CA certificate.
    pub fn platform_ca_path(&self) -> PathBuf {
        self.root.join("platform-ca.pem")
    }

    /// Returns the copy of the extra CA certificate trusted besides the platform's, such as the
    /// CA of a TLS-inspecting company proxy.
    pub fn extra_ca_path(&self) -> PathBuf {
        self.root.join("extra-ca.pem")
    }

    /// Returns the settings file read before the window opens.
    pub fn settings_path(&self) -> PathBuf {
        self.root.join("settings.json")
    }

    /// Returns the folder of the daily log files.
    pub fn logs_path(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// Returns the folder of the copied registration materials, each named by its SHA-256.
    pub fn materials_path(&self) -> PathBuf {
        self.root.join("materials")
    }

    /// Returns the cache file of one account on one platform. Each account keeps its own cache,
    /// so a holder who is also HR never mixes the two.
    pub fn cache_path(&self, platform_id: &str, account: &str) -> PathBuf {
        self.root.join("accounts").join(account_folder(platform_id, account)).join("cache.sqlite3")
    }
}

/// Builds a folder name that is safe on every OS: readable ASCII and a hash that keeps two
/// accounts whose names differ only in other characters apart.
fn account_folder(platform_id: &str, account: &str) -> String {
    let readable: String = format!("{platform_id}-{account}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .take(48)
        .collect();
    let digest = Sha256::digest(format!("{platform_id}\n{account}").as_bytes());
    let hash = hex(&digest[..4]);
    format!("{readable}-{hash}")
}

/// Formats bytes as lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_folder_is_portable() {
        let folder = account_folder("sandbox", "张三/../CON");
        assert!(folder.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{folder}");
        assert_ne!(account_folder("sandbox", "张三"), account_folder("sandbox", "李四"));
    }

    #[test]
    fn flag_wins_over_default() {
        let dir = DataDir::resolve(Some(PathBuf::from("数据"))).unwrap();
        assert_eq!(dir.root(), Path::new("数据"));
    }
}
