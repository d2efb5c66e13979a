//! User-visible text in every supported language.
//!
//! Each [`Key`] names one string; `zh_cn.rs` and `en.rs` give its text with an exhaustive
//! `match`, so a key missing from either locale fails to compile. Parameters are written as
//! `{name}` and filled by [`Message::render`]; a test checks both locales use the same ones.

mod en;
mod keys;
mod zh_cn;

use std::fmt::Display;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use keys::Key;

/// A user interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文, the default.
    #[default]
    ZhCn,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the settings list them.
    pub const ALL: [Self; 2] = [Self::ZhCn, Self::En];

    /// Reads `CERTDESK_LANG` (`zh-CN` or `en`), defaulting to Chinese.
    pub fn from_env() -> Self {
        match std::env::var("CERTDESK_LANG") {
            Ok(value) if value.to_ascii_lowercase().starts_with("en") => Self::En,
            _ => Self::ZhCn,
        }
    }

    /// Returns the language's own name.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::ZhCn => "简体中文",
            Self::En => "English",
        }
    }
}

/// Returns the text of a key in a language.
pub fn tr(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::ZhCn => zh_cn::text(key),
        Lang::En => en::text(key),
    }
}

/// Formats a calendar day as users of the language expect: `2026年12月04日` or `2026-12-04`.
pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::ZhCn => date.format("%Y年%m月%d日").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// A key with the values of its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: Key,
    args: Vec<(&'static str, Arg)>,
}

/// A parameter value: text as given, or a date formatted for the language when rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Text(String),
    Date(NaiveDate),
    Key(Key),
    Message(Box<Message>),
}

impl Message {
    /// Starts a message with no parameters.
    pub fn new(key: Key) -> Self {
        Self { key, args: Vec::new() }
    }

    /// Sets the value of the `{name}` parameter.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Sets the `{name}` parameter to the text of another key, in the language rendered.
    #[must_use]
    pub fn key_arg(mut self, name: &'static str, key: Key) -> Self {
        self.args.push((name, Arg::Key(key)));
        self
    }

    /// Sets the `{name}` parameter to another message, rendered in the same language.
    #[must_use]
    pub fn message_arg(mut self, name: &'static str, message: &Message) -> Self {
        self.args.push((name, Arg::Message(Box::new(message.clone()))));
        self
    }

    /// Sets the `{name}` parameter to a plain description of an I/O error, in the language
    /// rendered, instead of the operating system's English text.
    #[must_use]
    pub fn io_arg(self, name: &'static str, error: &std::io::Error) -> Self {
        self.key_arg(name, io_error_key(error))
    }

    /// Sets the `{name}` parameter to a date, written as the language writes dates.
    #[must_use]
    pub fn date_arg(mut self, name: &'static str, date: NaiveDate) -> Self {
        self.args.push((name, Arg::Date(date)));
        self
    }

    /// Returns the key.
    pub fn key(&self) -> Key {
        self.key
    }

    /// Fills the key's text in a language with the parameter values.
    pub fn render(&self, lang: Lang) -> String {
        let mut text = tr(lang, self.key).to_owned();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Text(text) => text.clone(),
                Arg::Date(date) => format_date(lang, *date),
                Arg::Key(key) => tr(lang, *key).to_owned(),
                Arg::Message(message) => message.render(lang),
            };
            text = text.replace(&format!("{{{name}}}"), &value);
        }
        text
    }
}

/// Returns the key that describes an I/O error to a user.
pub fn io_error_key(error: &std::io::Error) -> Key {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::NotFound => Key::IoNotFound,
        K::PermissionDenied | K::ReadOnlyFilesystem => Key::IoPermissionDenied,
        K::AlreadyExists | K::NotADirectory => Key::IoNotADirectory,
        K::IsADirectory => Key::IoIsADirectory,
        K::AddrInUse => Key::IoAddrInUse,
        K::AddrNotAvailable => Key::IoAddrNotAvailable,
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => Key::IoStorageFull,
        K::InvalidData => Key::IoInvalidData,
        _ => Key::IoOther,
    }
}

/// Returns the `{name}` parameters of a text, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Returns the name users know an application's state by.
pub fn application_state_key(state: crate::domain::records::ApplicationState) -> Key {
    use crate::domain::records::ApplicationState as S;
    match state {
        S::Draft => Key::StateDraft,
        S::Submitted => Key::StateSubmitted,
        S::UnderReview => Key::StateUnderReview,
        S::Returned => Key::StateReturned,
        S::Resubmitted => Key::StateResubmitted,
        S::Approved => Key::StateApproved,
        S::Rejected => Key::StateRejected,
    }
}

/// Returns the name users know an application type by.
pub fn application_kind_key(kind: crate::domain::records::ApplicationKind) -> Key {
    use crate::domain::records::ApplicationKind as K;
    match kind {
        K::Initial => Key::KindInitial,
        K::Renewal => Key::KindRenewal,
        K::ChangeEmployer => Key::KindChangeEmployer,
        K::ChangeOther => Key::KindChangeOther,
        K::AddSpecialty => Key::KindAddSpecialty,
        K::Cancellation => Key::KindCancellation,
        K::Reregistration => Key::KindReregistration,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_share_placeholders() {
        for key in Key::ALL {
            let zh = placeholders(tr(Lang::ZhCn, *key));
            let en = placeholders(tr(Lang::En, *key));
            assert_eq!(zh, en, "parameters of {key:?} differ between zh-CN and en");
        }
    }

    #[test]
    fn no_text_is_empty() {
        for key in Key::ALL {
            for lang in Lang::ALL {
                assert!(!tr(lang, *key).trim().is_empty(), "{key:?} is empty in {lang:?}");
            }
        }
    }

    #[test]
    fn message_fills_parameters() {
        let message = Message::new(Key::IdCheckCharacter).arg("expected", 'X').arg("found", '1');
        assert_eq!(message.render(Lang::ZhCn), "第18位校验码应为X，实际为1");
    }

    #[test]
    fn chinese_date_format() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(format_date(Lang::ZhCn, day), "2026年12月04日");
        assert_eq!(format_date(Lang::En, day), "2026-12-04");
    }
}
