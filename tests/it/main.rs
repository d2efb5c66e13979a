//! Integration tests, in one binary so the GUI and TLS stacks link once.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a panic is how a test reports failure")]

mod cli;
mod generator;
mod gui;
mod migrations;
mod scenarios;
mod support;
mod sync_https;
