//! CertDesk (筑证): e-certificates, change registrations and 挂证 checks for China's registered
//! construction professionals and the units that employ them.
//!
//! Layers, from the bottom: `domain` (plain types and rules), `i18n` (user-visible text),
//! `store` (the SQLite cache), `platform` (wire types, HTTPS client, sync), `sandbox` (the
//! local platform server), `account` (data folder, profile, tokens), `ui` (drawing), `app`
//! (the window and its commands) and `cli`. See `docs/ARCHITECTURE.md`.

pub mod account;
pub mod app;
pub mod cli;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod logging;
pub mod materials;
pub mod platform;
pub mod sandbox;
pub mod store;
pub mod ui;

/// Installs aws-lc-rs as the process's TLS crypto provider. Call once at start; later calls do
/// nothing. Needed because more than one provider could be compiled in.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
}
