//! Textures of certificate photos and signatures, decoded once and kept per certificate version.

use std::collections::HashMap;

use egui::{ColorImage, TextureHandle, TextureOptions};

/// Decoded textures keyed by a name such as `cert-1/3/photo`.
#[derive(Default)]
pub struct ImageCache {
    textures: HashMap<String, Option<TextureHandle>>,
}

impl ImageCache {
    /// Returns the texture for PNG bytes, decoding them on first use. `None` if they do not decode.
    pub fn texture(&mut self, ctx: &egui::Context, name: &str, png_bytes: &[u8]) -> Option<TextureHandle> {
        self.textures
            .entry(name.to_owned())
            .or_insert_with(|| decode_png(png_bytes).map(|image| ctx.load_texture(name, image, TextureOptions::LINEAR)))
            .clone()
    }
}

/// Decodes an 8-bit RGB or RGBA PNG.
pub fn decode_png(bytes: &[u8]) -> Option<ColorImage> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let mut buffer = vec![0; reader.output_buffer_size()?];
    let info = reader.next_frame(&mut buffer).ok()?;
    let size = [info.width as usize, info.height as usize];
    let pixels = &buffer[..info.buffer_size()];
    match info.color_type {
        png::ColorType::Rgba => Some(ColorImage::from_rgba_unmultiplied(size, pixels)),
        png::ColorType::Rgb => Some(ColorImage::from_rgb(size, pixels)),
        _ => None,
    }
}
