//! Command-line errors: one Chinese line on stderr and a non-zero exit code.

use std::io::Write as _;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::values::ValueError;
use crate::i18n::{Key, Lang, Message};

/// Exit code of a usage error, as clap and `validate` use it.
pub const USAGE_EXIT: u8 = 2;

/// An error to report and the exit code that goes with it.
#[derive(Debug)]
pub struct CliError {
    message: Message,
    exit_code: u8,
}

impl CliError {
    /// An error with exit code 1.
    pub fn new(message: Message) -> Self {
        Self { message, exit_code: 1 }
    }

    /// Returns the message.
    pub fn message(&self) -> &Message {
        &self.message
    }

    /// Writes the message to stderr and returns the exit code.
    pub fn report(&self, lang: Lang) -> ExitCode {
        let _ = writeln!(std::io::stderr().lock(), "certdesk: {}", self.message.render(lang));
        ExitCode::from(self.exit_code)
    }
}

impl From<crate::platform::PlatformError> for CliError {
    fn from(error: crate::platform::PlatformError) -> Self {
        Self::new(error.message())
    }
}

impl From<crate::store::StoreError> for CliError {
    fn from(error: crate::store::StoreError) -> Self {
        tracing::debug!(%error, "cache error");
        Self::new(Message::new(Key::ErrorStore))
    }
}

/// Reports a clap error in the user's language; help and version go to stdout with exit 0.
pub fn report_parse_error(error: &clap::Error, lang: Lang) -> ExitCode {
    if matches!(error.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => value.clone(),
        Some(ContextValue::Strings(values)) => values.join(", "),
        _ => String::new(),
    };
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            Message::new(Key::CliUnknownArgument).arg("arg", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => {
            Message::new(Key::CliUnknownCommand).arg("command", context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => {
            Message::new(Key::CliMissingArgument).arg("arg", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => invalid_value(error, &context, lang),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Message::new(Key::CliMissingCommand)
        }
        _ => Message::new(Key::CliUsage),
    };
    CliError { message, exit_code: USAGE_EXIT }.report(lang)
}

/// Describes a value a parser rejected. The parser's own message comes first when it has one (a
/// day, a draft id, a count). Otherwise the line lists the accepted values when clap has them,
/// or else gives the parser's detail.
fn invalid_value(error: &clap::Error, context: &dyn Fn(ContextKind) -> String, lang: Lang) -> Message {
    let (arg, value) = (context(ContextKind::InvalidArg), context(ContextKind::InvalidValue));
    let source = std::error::Error::source(error);
    if let Some(ValueError(message)) = source.and_then(|e| e.downcast_ref::<ValueError>()) {
        return message.clone().arg("arg", arg).arg("value", value);
    }
    let accepted = match error.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(values)) => values.join(crate::i18n::tr(lang, Key::ListSeparator)),
        _ => String::new(),
    };
    if !accepted.is_empty() {
        return Message::new(Key::CliInvalidChoice).arg("arg", arg).arg("value", value).arg("values", accepted);
    }
    match source {
        Some(detail) => {
            Message::new(Key::CliInvalidValueDetail).arg("arg", arg).arg("value", value).arg("detail", detail)
        }
        None => Message::new(Key::CliInvalidValue).arg("arg", arg).arg("value", value),
    }
}
