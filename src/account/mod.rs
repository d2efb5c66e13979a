//! Where CertDesk keeps its files, which platform and account are in use, and the token.
//!
//! Shared by the GUI and the CLI, so both read and write the same data folder.

pub mod credentials;
pub mod data_dir;
pub mod login;
pub mod profile;
pub mod relocate;
pub mod settings;

pub use credentials::{CredentialError, TokenStore};
pub use data_dir::{DataDir, DataDirError};
pub use profile::Profile;
