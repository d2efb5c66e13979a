//! The bundled Chinese font: a subset of Noto Sans SC (GB 2312 plus the 8,105 general standard
//! characters), added after egui's own fonts so Latin text keeps egui's font. Characters
//! outside the subset still reach the OS fonts through eframe's system font provider.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// The subset font file, built by `assets/fonts/make-subset.py`.
pub const NOTO_SANS_SC: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular-subset.ttf");

/// Adds the bundled font to both families. Call before the first frame.
pub fn install(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        "noto-sans-sc",
        FontData::from_static(NOTO_SANS_SC),
        vec![
            InsertFontFamily { family: FontFamily::Proportional, priority: FontPriority::Lowest },
            InsertFontFamily { family: FontFamily::Monospace, priority: FontPriority::Lowest },
        ],
    ));
}
