//! Drawing: views that read plain data and return what the user asked for as a [`Command`].
//!
//! Nothing here holds a database connection or an HTTP client; `app` carries commands out.

pub mod certificate_detail;
pub mod certificate_list;
pub mod exports;
pub mod fonts;
pub mod images;
pub mod status_bar;
pub mod theme;

use crate::i18n::Lang;
use crate::platform::wire::Role;

/// What the user asked for in a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start a sync now.
    Sync,
    /// Open one certificate version in the detail view.
    Select {
        /// Certificate id.
        certificate_id: String,
        /// Version.
        version: u32,
    },
    /// Show or hide the full ID number in the detail view.
    ToggleFullId,
    /// Switch the interface language.
    SetLanguage(Lang),
    /// Switch the demo platform between its holder and unit accounts.
    SwitchDemoRole(Role),
    /// Dismiss the notice.
    DismissNotice,
    /// Export a copy, read the export register or verify a copy.
    Export(exports::ExportCommand),
}
