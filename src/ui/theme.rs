//! Named colours: each status has one owner here, so views never pick raw colours.
//!
//! A status colour is a [`Tone`]: one shade for the dark theme and one for the light theme,
//! because no single colour is readable on both backgrounds. Every shade reaches a contrast of
//! at least 4.5:1, the WCAG 2 level AA minimum for text, against its theme's panel and striped
//! row backgrounds. A unit test checks it against egui's own theme colours.

use egui::Color32;

/// A status colour in a shade for each theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tone {
    dark: Color32,
    light: Color32,
}

impl Tone {
    /// Builds a tone from its dark-theme and light-theme shades.
    pub const fn new(dark: [u8; 3], light: [u8; 3]) -> Self {
        Self {
            dark: Color32::from_rgb(dark[0], dark[1], dark[2]),
            light: Color32::from_rgb(light[0], light[1], light[2]),
        }
    }

    /// Returns the shade for the theme `ui` is drawn in.
    pub fn on(self, ui: &egui::Ui) -> Color32 {
        self.in_visuals(ui.visuals())
    }

    /// Returns the shade for `visuals`' theme.
    pub fn in_visuals(self, visuals: &egui::Visuals) -> Color32 {
        if visuals.dark_mode { self.dark } else { self.light }
    }
}

/// A specialty or certificate in force.
pub const VALID: Tone = Tone::new([0x4c, 0xc0, 0x6a], [0x17, 0x69, 0x2e]);

/// In force but ending soon.
pub const EXPIRING: Tone = Tone::new([0xe0, 0xa0, 0x30], [0x8a, 0x53, 0x00]);

/// Past its last day, or an error.
pub const EXPIRED: Tone = Tone::new([0xff, 0x6b, 0x60], [0xb3, 0x26, 0x1e]);

/// A superseded version.
pub const SUPERSEDED: Tone = Tone::new([0xa0, 0xa0, 0xa0], [0x5f, 0x5f, 0x5f]);

/// The badge of the bundled demo platform.
pub const DEMO_BADGE: Tone = Tone::new([0xf0, 0x8a, 0x24], [0xa3, 0x4f, 0x00]);

/// Offline mark and error notices.
pub const OFFLINE: Tone = EXPIRED;

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance of an sRGB colour, as WCAG 2 defines it.
    fn luminance(colour: Color32) -> f64 {
        let channel = |value: u8| {
            let c = f64::from(value) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(colour.r()) + 0.7152 * channel(colour.g()) + 0.0722 * channel(colour.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Paints the premultiplied colour `top` over the opaque `bottom`, as the renderer blends
    /// them. A fully transparent `top` adds its light, as egui's striped rows do.
    fn over(top: Color32, bottom: Color32) -> Color32 {
        let keep = 255 - u16::from(top.a());
        let channel = |t: u8, b: u8| {
            let blended = u16::from(t) + (u16::from(b) * keep + 127) / 255;
            u8::try_from(blended).unwrap_or(u8::MAX)
        };
        Color32::from_rgb(channel(top.r(), bottom.r()), channel(top.g(), bottom.g()), channel(top.b(), bottom.b()))
    }

    #[test]
    fn every_tone_is_readable_in_both_themes() {
        for visuals in [egui::Visuals::dark(), egui::Visuals::light()] {
            let striped = over(visuals.faint_bg_color, visuals.panel_fill);
            for background in [visuals.panel_fill, visuals.window_fill, striped] {
                for (name, tone) in [
                    ("VALID", VALID),
                    ("EXPIRING", EXPIRING),
                    ("EXPIRED", EXPIRED),
                    ("SUPERSEDED", SUPERSEDED),
                    ("DEMO_BADGE", DEMO_BADGE),
                ] {
                    let ratio = contrast(tone.in_visuals(&visuals), background);
                    assert!(ratio >= 4.5, "{name} on {background:?}, dark {}: {ratio:.2}", visuals.dark_mode);
                }
            }
        }
    }
}
