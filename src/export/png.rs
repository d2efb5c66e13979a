//! The PNG face of an exported copy, for chat apps: the same layout as the PDF, drawn at
//! 150 dots per inch with the bundled font's outlines filled by `ab_glyph_rasterizer`.
//!
//! A PNG has no text layer, so verification reads its QR code and checks only the signed
//! fields. The printed watermark is not compared with the purpose hash.

use std::io::Cursor;

use ab_glyph_rasterizer::{Point, Rasterizer, point};
use image::{ImageFormat, Rgba, RgbaImage};

use super::pdf::{
    Layout, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, PHOTO_HEIGHT, PHOTO_TOP, PHOTO_WIDTH, QR_SIZE, QrGrid, SIGNATURE_HEIGHT,
    SIGNATURE_WIDTH, VALUE_X, WATERMARK_ANGLE_DEGREES, WATERMARK_COLOUR, WATERMARK_OPACITY, WATERMARK_SIZE, layout,
    qr_top, watermark_origins,
};
use super::text::FontMetrics;
use super::{ExportError, PreparedCopy};
use crate::i18n::{Key, Lang, tr};

/// 150 dpi over PDF points (1/72 inch): sharp on a phone, and about 1240 × 1754 pixels for A4.
const PIXELS_PER_POINT: f32 = 150.0 / 72.0;

/// Renders a prepared copy to PNG bytes. Fails before drawing if the font lacks a character.
pub fn render(copy: &PreparedCopy<'_>) -> Result<Vec<u8>, ExportError> {
    let metrics = FontMetrics::bundled()?;
    let Layout { runs, signature_top } = layout(copy, &metrics);
    for run in &runs {
        metrics.check(&run.field, &run.text)?;
    }
    metrics.check(tr(Lang::ZhCn, Key::ExportWatermarkMarker), &copy.watermark)?;

    let mut canvas = RgbaImage::from_pixel(to_pixels(PAGE_WIDTH), to_pixels(PAGE_HEIGHT), Rgba([255, 255, 255, 255]));
    for run in &runs {
        let pen = Pen { colour: run.colour, opacity: 1.0, rotation: None };
        draw_text(&mut canvas, &metrics, &run.text, (run.x, run.y), run.size, &pen);
    }
    let photo_left = PAGE_WIDTH - MARGIN - PHOTO_WIDTH;
    paste_png(&mut canvas, &copy.certificate.photo_png, (photo_left, PHOTO_TOP), (PHOTO_WIDTH, PHOTO_HEIGHT))?;
    paste_png(
        &mut canvas,
        &copy.certificate.signature_png,
        (VALUE_X, signature_top),
        (SIGNATURE_WIDTH, SIGNATURE_HEIGHT),
    )?;

    let rotation = Some(WATERMARK_ANGLE_DEGREES.to_radians());
    let pen = Pen { colour: WATERMARK_COLOUR, opacity: WATERMARK_OPACITY, rotation };
    for origin in watermark_origins(metrics.width(&copy.watermark, WATERMARK_SIZE)) {
        draw_text(&mut canvas, &metrics, &copy.watermark, origin, WATERMARK_SIZE, &pen);
    }
    draw_qr(&mut canvas, &copy.signed.to_text())?;

    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgba8(canvas)
        .to_rgb8()
        .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
        .map_err(|e| ExportError::Render(format!("PNG: {e}")))?;
    Ok(bytes)
}

/// Text style: colour, opacity and an optional rotation (radians) about the page centre.
struct Pen {
    colour: (u8, u8, u8),
    opacity: f32,
    rotation: Option<f32>,
}

impl Pen {
    /// Maps a point on the page (points, top-left origin) to pixels, rotated if asked.
    fn to_canvas(&self, x: f32, y: f32) -> Point {
        let (x, y) = match self.rotation {
            Some(angle) => {
                let (centre_x, centre_y) = (PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0);
                let (sin, cos) = angle.sin_cos();
                let (dx, dy) = (x - centre_x, y - centre_y);
                (centre_x + dx * cos - dy * sin, centre_y + dx * sin + dy * cos)
            }
            None => (x, y),
        };
        point(x * PIXELS_PER_POINT, y * PIXELS_PER_POINT)
    }
}

#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "page sizes are small positive numbers")]
fn to_pixels(points: f32) -> u32 {
    (points * PIXELS_PER_POINT).round() as u32
}

/// Draws one line of text with its baseline starting at `origin`, glyph by glyph.
fn draw_text(canvas: &mut RgbaImage, metrics: &FontMetrics, text: &str, origin: (f32, f32), size: f32, pen: &Pen) {
    let face = metrics.face();
    let scale = size / f32::from(face.units_per_em());
    let mut pen_x = origin.0;
    for character in text.chars() {
        let Some(glyph) = face.glyph_index(character) else { continue };
        let place = |gx: f32, gy: f32| pen.to_canvas(pen_x + gx * scale, origin.1 - gy * scale);
        draw_glyph(canvas, face, glyph, &place, pen);
        pen_x += face.glyph_hor_advance(glyph).map_or(0.0, |advance| f32::from(advance) * scale);
    }
}

fn draw_glyph(
    canvas: &mut RgbaImage,
    face: &ttf_parser::Face<'_>,
    glyph: ttf_parser::GlyphId,
    place: &dyn Fn(f32, f32) -> Point,
    pen: &Pen,
) {
    let Some(bounds) = face.glyph_bounding_box(glyph) else { return };
    let corners = [
        place(f32::from(bounds.x_min), f32::from(bounds.y_min)),
        place(f32::from(bounds.x_max), f32::from(bounds.y_min)),
        place(f32::from(bounds.x_min), f32::from(bounds.y_max)),
        place(f32::from(bounds.x_max), f32::from(bounds.y_max)),
    ];
    let left = corners.iter().map(|p| p.x).fold(f32::INFINITY, f32::min).floor() - 1.0;
    let top = corners.iter().map(|p| p.y).fold(f32::INFINITY, f32::min).floor() - 1.0;
    let right = corners.iter().map(|p| p.x).fold(f32::NEG_INFINITY, f32::max).ceil() + 1.0;
    let bottom = corners.iter().map(|p| p.y).fold(f32::NEG_INFINITY, f32::max).ceil() + 1.0;
    let (Some(width), Some(height)) = (pixel_count(right - left), pixel_count(bottom - top)) else { return };

    let mut outline = GlyphOutline {
        rasterizer: Rasterizer::new(width, height),
        place: &|x, y| {
            let p = place(x, y);
            point(p.x - left, p.y - top)
        },
        start: point(0.0, 0.0),
        last: point(0.0, 0.0),
    };
    face.outline_glyph(glyph, &mut outline);
    outline.rasterizer.for_each_pixel_2d(|x, y, coverage| {
        blend(canvas, (left, top), (x, y), coverage.min(1.0) * pen.opacity, pen.colour);
    });
}

#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "checked to be a small positive number")]
fn pixel_count(length: f32) -> Option<usize> {
    (length.is_finite() && length > 0.0 && length < 10_000.0).then_some(length as usize)
}

#[expect(clippy::cast_possible_truncation, reason = "pixel coordinates are small integers stored as f32")]
fn blend(canvas: &mut RgbaImage, offset: (f32, f32), local: (u32, u32), alpha: f32, colour: (u8, u8, u8)) {
    if alpha <= 0.0 {
        return;
    }
    let x = offset.0 as i64 + i64::from(local.0);
    let y = offset.1 as i64 + i64::from(local.1);
    let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else { return };
    let Some(pixel) = canvas.get_pixel_mut_checked(x, y) else { return };
    for (channel, target) in pixel.0.iter_mut().zip([colour.0, colour.1, colour.2]) {
        *channel = mix(*channel, target, alpha);
    }
}

#[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "the mix of two bytes stays in 0..=255")]
fn mix(from: u8, to: u8, alpha: f32) -> u8 {
    (f32::from(from) * (1.0 - alpha) + f32::from(to) * alpha).round().clamp(0.0, 255.0) as u8
}

/// Feeds a glyph outline from ttf-parser into the rasterizer, in canvas pixels.
struct GlyphOutline<'a> {
    rasterizer: Rasterizer,
    place: &'a dyn Fn(f32, f32) -> Point,
    start: Point,
    last: Point,
}

impl ttf_parser::OutlineBuilder for GlyphOutline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.start = (self.place)(x, y);
        self.last = self.start;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let to = (self.place)(x, y);
        self.rasterizer.draw_line(self.last, to);
        self.last = to;
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let to = (self.place)(x, y);
        self.rasterizer.draw_quad(self.last, (self.place)(x1, y1), to);
        self.last = to;
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let to = (self.place)(x, y);
        self.rasterizer.draw_cubic(self.last, (self.place)(x1, y1), (self.place)(x2, y2), to);
        self.last = to;
    }

    fn close(&mut self) {
        if self.last != self.start {
            self.rasterizer.draw_line(self.last, self.start);
        }
        self.last = self.start;
    }
}

/// Scales a PNG into a box on the page and draws it over the canvas, keeping its transparency.
fn paste_png(canvas: &mut RgbaImage, png: &[u8], origin: (f32, f32), size: (f32, f32)) -> Result<(), ExportError> {
    if png.is_empty() {
        return Ok(());
    }
    let image = image::load_from_memory(png).map_err(|e| ExportError::Render(format!("image: {e}")))?.to_rgba8();
    let resized =
        image::imageops::resize(&image, to_pixels(size.0), to_pixels(size.1), image::imageops::FilterType::Triangle);
    image::imageops::overlay(canvas, &resized, i64::from(to_pixels(origin.0)), i64::from(to_pixels(origin.1)));
    Ok(())
}

/// Draws the QR code over a white square that includes the quiet zone, with whole-pixel modules
/// so scanners see sharp edges.
fn draw_qr(canvas: &mut RgbaImage, text: &str) -> Result<(), ExportError> {
    let grid = QrGrid::encode(text)?;
    let module_pixels = (to_pixels(QR_SIZE) / u32::try_from(grid.size).unwrap_or(u32::MAX)).max(1);
    let side = module_pixels * u32::try_from(grid.size).unwrap_or(0);
    // Whole-pixel modules leave the code a little smaller than its box, so centre it there.
    let margin = to_pixels(QR_SIZE).saturating_sub(side) / 2;
    let left = to_pixels(PAGE_WIDTH - MARGIN - QR_SIZE) + margin;
    let top = to_pixels(qr_top()) + margin;

    fill_rect(canvas, (left, top), (side, side), [255, 255, 255]);
    for &(column, row) in &grid.dark {
        let (Ok(column), Ok(row)) = (u32::try_from(column), u32::try_from(row)) else { continue };
        let origin = (left + column * module_pixels, top + row * module_pixels);
        fill_rect(canvas, origin, (module_pixels, module_pixels), [0, 0, 0]);
    }
    Ok(())
}

fn fill_rect(canvas: &mut RgbaImage, origin: (u32, u32), size: (u32, u32), colour: [u8; 3]) {
    for y in origin.1..origin.1 + size.1 {
        for x in origin.0..origin.0 + size.0 {
            if let Some(pixel) = canvas.get_pixel_mut_checked(x, y) {
                *pixel = Rgba([colour[0], colour[1], colour[2], 255]);
            }
        }
    }
}
