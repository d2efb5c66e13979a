//! Settings read before the window opens, kept in `DATA/settings.json`: the renderer. The other
//! preferences (language, theme, zoom, page) live in the window's own storage.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Renderer choice, applied at the next start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RendererChoice {
    /// The default renderer (wgpu).
    #[default]
    Automatic,
    /// OpenGL, for machines where the default fails.
    OpenGl,
}

/// Settings of the data folder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The renderer the window starts with.
    #[serde(default)]
    pub renderer: RendererChoice,
    /// Whether the user has passed the first-run screen.
    #[serde(default)]
    pub welcomed: bool,
    /// The demo account last used, holder or unit, which the next start opens again.
    #[serde(default)]
    pub demo_role: Option<crate::platform::wire::Role>,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults, because a broken
    /// settings file must never keep the window from opening.
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path).ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
    }

    /// Writes the settings through a temporary file and a rename.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let temporary = path.with_extension("json.partial");
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, path)
    }
}
