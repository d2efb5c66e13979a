//! Integration tests, in one binary so the GUI and TLS stacks link once.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic is how a test reports failure")]

mod application;
mod applications_gui;
mod cancel_gui;
mod cli;
mod compliance;
mod compliance_view;
mod export;
mod generator;
mod gui;
mod import;
mod materials;
mod migrations;
mod network;
mod outbox;
mod roster_gui;
mod scenarios;
mod signatures;
mod snapshots;
mod support;
mod sync_faults;
mod sync_https;
mod sync_incremental;
mod sync_tombstones;
