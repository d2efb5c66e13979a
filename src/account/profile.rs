//! The active platform and account, saved as `profile.json` in the data folder. It holds no
//! secret: the token lives in the OS credential store.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::DataDir;
use crate::platform::PlatformEndpoint;
use crate::platform::wire::Role;

/// The platform and account the user signed in to last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Base URL of the platform.
    pub platform_url: String,
    /// The platform's stable identifier, from `GET /api/v1/platform`.
    pub platform_id: String,
    /// The platform's display name.
    pub platform_name: String,
    /// Whether the platform is a sandbox.
    pub sandbox: bool,
    /// The role signed in as.
    pub role: Role,
    /// The account name.
    pub account: String,
    /// Name of the person or unit behind the account.
    pub display_name: String,
    /// The explicit proxy to reach the platform through, if one was given at sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy: Option<String>,
    /// Whether an extra CA certificate (`extra-ca.pem` in the data folder) is trusted besides
    /// the platform's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub extra_ca: bool,
}

impl Profile {
    /// Reads the profile, or `None` if none was saved.
    pub fn load(path: &Path) -> std::io::Result<Option<Self>> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        serde_json::from_str(&text).map(Some).map_err(std::io::Error::other)
    }

    /// Writes the profile through a temporary file and a rename, so a crash never leaves half a file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        write_atomically(path, text.as_bytes())
    }

    /// Builds the endpoint of the profile's platform from the CA copies in the data folder.
    /// Returns the file that could not be read on error.
    pub fn endpoint(&self, data_dir: &DataDir) -> Result<PlatformEndpoint, (PathBuf, std::io::Error)> {
        let read = |path: PathBuf| std::fs::read(&path).map_err(|e| (path, e));
        let mut ca_pem = read(data_dir.platform_ca_path())?;
        if self.extra_ca {
            ca_pem.push(b'\n');
            ca_pem.extend(read(data_dir.extra_ca_path())?);
        }
        Ok(PlatformEndpoint { url: self.platform_url.clone(), ca_pem, proxy: self.proxy.clone() })
    }

    /// Returns the key under which the token is stored.
    pub fn credential_key(&self) -> String {
        format!("{}|{}|{}", self.platform_id, self.role.code(), self.account)
    }
}

/// Writes a file through a sibling temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = std::path::PathBuf::from(temporary);
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)
}
