//! Integration tests, in one binary so the GUI and TLS stacks link once.

mod cli;
mod gui;
mod migrations;
mod support;
mod sync_https;
