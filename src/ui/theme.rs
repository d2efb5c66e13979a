//! Named colours: each status has one owner here, so views never pick raw colours.

use egui::Color32;

/// A specialty or certificate in force.
pub const VALID: Color32 = Color32::from_rgb(0x1e, 0x8e, 0x3e);

/// In force but ending soon.
pub const EXPIRING: Color32 = Color32::from_rgb(0xc7, 0x7c, 0x02);

/// Past its last day, or an error.
pub const EXPIRED: Color32 = Color32::from_rgb(0xc5, 0x22, 0x1f);

/// A superseded version.
pub const SUPERSEDED: Color32 = Color32::from_rgb(0x80, 0x80, 0x80);

/// The badge of the bundled demo platform.
pub const DEMO_BADGE: Color32 = Color32::from_rgb(0xd9, 0x6c, 0x00);

/// Offline mark and error notices.
pub const OFFLINE: Color32 = Color32::from_rgb(0xc5, 0x22, 0x1f);
