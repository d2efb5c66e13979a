//! The bundled font as the exporters use it: glyph coverage checks and text widths.

use crate::export::ExportError;
use crate::ui::fonts::NOTO_SANS_SC;

/// The bundled Noto Sans SC subset, parsed for lookups.
pub struct FontMetrics {
    face: ttf_parser::Face<'static>,
}

impl FontMetrics {
    /// Parses the bundled font.
    pub fn bundled() -> Result<Self, ExportError> {
        let face =
            ttf_parser::Face::parse(NOTO_SANS_SC, 0).map_err(|e| ExportError::Render(format!("bundled font: {e}")))?;
        Ok(Self { face })
    }

    /// Checks that every character of `text` has a glyph, naming the first one that has none
    /// and the field it belongs to. Line breaks and tabs are never drawn, so they are skipped.
    pub fn check(&self, field: &str, text: &str) -> Result<(), ExportError> {
        let missing =
            text.chars().filter(|c| !matches!(c, '\n' | '\r' | '\t')).find(|c| self.face.glyph_index(*c).is_none());
        match missing {
            Some(character) => {
                Err(ExportError::MissingGlyph { character, code: u32::from(character), field: field.to_owned() })
            }
            None => Ok(()),
        }
    }

    /// Returns the parsed font, for glyph outlines.
    pub fn face(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }

    /// Returns the width of `text` at `size` points, from the glyphs' horizontal advances.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units_per_em = f32::from(self.face.units_per_em());
        let advance_units: f32 = text
            .chars()
            .map(|c| self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g)).map_or(0.0, f32::from))
            .sum();
        advance_units * size / units_per_em
    }

    /// Splits `text` into lines no wider than `max_width` at `size`, breaking between any two
    /// characters (Chinese text has no spaces to break at).
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for character in text.chars() {
            line.push(character);
            if self.width(&line, size) > max_width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(character);
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_name_characters_have_glyphs() {
        let font = FontMetrics::bundled().unwrap();
        font.check("姓名", "喆堃玥赟珺翀镕彧垚𬘓").unwrap();
    }

    #[test]
    fn missing_glyph_names_the_character() {
        let font = FontMetrics::bundled().unwrap();
        let error = font.check("姓名", "张😀").unwrap_err();
        assert!(matches!(error, ExportError::MissingGlyph { character: '😀', .. }), "{error:?}");
    }

    #[test]
    fn wrap_keeps_every_character() {
        let font = FontMetrics::bundled().unwrap();
        let text = "北京市某某建设工程集团有限公司第三分公司";
        let lines = font.wrap(text, 12.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text);
    }
}
