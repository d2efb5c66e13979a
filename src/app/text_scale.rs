//! The operating system's text-size setting. The window's zoom is the user's zoom (设置 → 缩放)
//! times this factor; the display's scale (DPI) is separate, and winit already applies it.
//!
//! - Windows 10 and 11: 设置 → 辅助功能 → 文本大小 ("Make text bigger"), stored as the
//!   `TextScaleFactor` DWORD (100 to 225) under `HKEY_CURRENT_USER\Software\Microsoft\Accessibility`.
//!   Windows Forms reads the same value for its default font. The value is absent until the user
//!   changes the slider.
//! - Linux: GNOME's `org.gnome.desktop.interface text-scaling-factor`, read with `gsettings`.
//!   Other desktops report the schema's default of 1.0 or have no `gsettings`.
//! - macOS has no system-wide text size that applies to other applications' windows.
//!
//! The factor is read once, at start: a change takes effect at the next start.

/// The smallest and largest factors kept: Windows offers 100 % to 225 %, GNOME 50 % to 300 %.
const FACTOR_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// Returns the system's text-size factor, 1.0 when it is unset or cannot be read.
pub fn system_text_scale() -> f32 {
    read_factor().unwrap_or(1.0)
}

/// Returns the zoom factor of the window: the user's zoom in percent times the system's factor.
pub fn effective_zoom(zoom_percent: u16, system_scale: f32) -> f32 {
    f32::from(zoom_percent) / 100.0 * system_scale
}

#[cfg(target_os = "windows")]
fn read_factor() -> Option<f32> {
    let key = windows_registry::CURRENT_USER.open(r"Software\Microsoft\Accessibility").ok()?;
    let percent = key.get_u32("TextScaleFactor").ok()?;
    factor_from_percent(percent)
}

#[cfg(all(unix, not(target_os = "macos")))]
fn read_factor() -> Option<f32> {
    let output = std::process::Command::new("gsettings")
        .args(["get", "org.gnome.desktop.interface", "text-scaling-factor"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    parse_gsettings_factor(&String::from_utf8_lossy(&output.stdout))
}

#[cfg(not(any(target_os = "windows", all(unix, not(target_os = "macos")))))]
fn read_factor() -> Option<f32> {
    None
}

/// Converts Windows's percent to a factor, or `None` for a value outside the range.
#[cfg_attr(not(target_os = "windows"), allow(dead_code, reason = "read only on Windows; tested everywhere"))]
fn factor_from_percent(percent: u32) -> Option<f32> {
    let percent = u16::try_from(percent).ok()?;
    Some(f32::from(percent) / 100.0).filter(|factor| FACTOR_RANGE.contains(factor))
}

/// Parses what `gsettings` prints, a floating-point number such as `1.25`.
#[cfg_attr(
    not(all(unix, not(target_os = "macos"))),
    allow(dead_code, reason = "read only on Linux and the BSDs; tested everywhere")
)]
fn parse_gsettings_factor(text: &str) -> Option<f32> {
    text.trim().parse::<f32>().ok().filter(|factor| FACTOR_RANGE.contains(factor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsettings_answers_parse() {
        assert_eq!(parse_gsettings_factor("1.25\n"), Some(1.25));
        assert_eq!(parse_gsettings_factor("1.0"), Some(1.0));
        assert_eq!(parse_gsettings_factor("No such schema"), None);
        assert_eq!(parse_gsettings_factor("40.0"), None, "outside the range GNOME offers");
    }

    #[test]
    fn windows_percent_becomes_a_factor() {
        assert_eq!(factor_from_percent(150), Some(1.5));
        assert_eq!(factor_from_percent(0), None);
        assert_eq!(factor_from_percent(70_000), None);
    }

    #[test]
    fn zoom_multiplies_the_system_factor() {
        assert!((effective_zoom(120, 1.25) - 1.5).abs() < 1e-6);
        assert!((effective_zoom(100, 1.0) - 1.0).abs() < 1e-6);
    }
}
