//! The national platform as CertDesk sees it: wire types, the HTTPS client and sync into the
//! cache. The protocol is described in `docs/platform-api.md`.

pub mod client;
pub mod error;
pub mod outbox;
pub mod retry;
pub mod sync;
pub mod wire;
pub mod worker;

pub use client::{ClientOptions, PlatformClient, PlatformEndpoint};
pub use error::PlatformError;
