//! The A4 PDF face of an exported copy, written with krilla.
//!
//! The page is first laid out as a list of text runs. Every character of every run is checked
//! against the bundled font before anything is drawn, so a missing glyph stops the export with
//! the character named and no file written. The font is embedded as a subset.

use std::sync::Arc;

use krilla::Document;
use krilla::color::rgb;
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::payload::ATTACHMENT_NAME;
use super::text::FontMetrics;
use super::{ExportError, PreparedCopy};
use crate::domain::Sex;
use crate::i18n::{Key, Lang, Message, format_date, tr};
use crate::ui::certificate_list::qualification_name;
use crate::ui::fonts::NOTO_SANS_SC;

/// A4 in points.
pub(super) const PAGE_WIDTH: f32 = 595.28;
pub(super) const PAGE_HEIGHT: f32 = 841.89;
pub(super) const MARGIN: f32 = 50.0;

/// Photo box, right of the first fields: 3:4 like an ID photo.
pub(super) const PHOTO_WIDTH: f32 = 90.0;
pub(super) const PHOTO_HEIGHT: f32 = 120.0;
pub(super) const PHOTO_TOP: f32 = 120.0;

const FIELD_SIZE: f32 = 11.0;
const FIELD_LINE: f32 = 20.0;
pub(super) const VALUE_X: f32 = MARGIN + 110.0;

/// Signature image box, 3:1.
pub(super) const SIGNATURE_WIDTH: f32 = 120.0;
pub(super) const SIGNATURE_HEIGHT: f32 = 40.0;

/// QR code: 4 modules of quiet zone on each side, as the QR specification requires.
pub(super) const QR_QUIET_MODULES: usize = 4;
pub(super) const QR_SIZE: f32 = 140.0;

/// Diagonal watermark: light, rotated, repeated over the whole page so it cannot be cropped off.
pub(super) const WATERMARK_SIZE: f32 = 13.0;
pub(super) const WATERMARK_ANGLE_DEGREES: f32 = -30.0;
pub(super) const WATERMARK_ROW_STEP: f32 = 95.0;
pub(super) const WATERMARK_OPACITY: f32 = 0.22;

const BLACK: (u8, u8, u8) = (0, 0, 0);
const GREY: (u8, u8, u8) = (90, 90, 90);
const RED: (u8, u8, u8) = (180, 30, 30);
pub(super) const WATERMARK_COLOUR: (u8, u8, u8) = (200, 40, 40);

/// The laid-out page: text runs and the top of the signature image.
pub(super) struct Layout {
    pub(super) runs: Vec<TextRun>,
    pub(super) signature_top: f32,
}

/// One run of text at a position (top-left origin, baseline at `y`).
pub(super) struct TextRun {
    pub(super) field: String,
    pub(super) text: String,
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) colour: (u8, u8, u8),
}

/// Renders a prepared copy to PDF bytes. Fails before drawing if the font lacks a character.
pub fn render(copy: &PreparedCopy<'_>) -> Result<Vec<u8>, ExportError> {
    let metrics = FontMetrics::bundled()?;
    let Layout { runs, signature_top } = layout(copy, &metrics);
    for run in &runs {
        metrics.check(&run.field, &run.text)?;
    }
    metrics.check(tr(Lang::ZhCn, Key::ExportWatermarkMarker), &copy.watermark)?;

    let font = Font::new(NOTO_SANS_SC.into(), 0).ok_or_else(|| ExportError::Render("bundled font".into()))?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", copy.certificate.holder_name, copy.certificate.registration_number))
            .creator("CertDesk".to_owned()),
    );
    let page_settings =
        PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or_else(|| ExportError::Render("page size".into()))?;
    let mut page = document.start_page_with(page_settings);
    let mut surface = page.surface();

    for run in &runs {
        draw_run(&mut surface, &font, run);
    }
    draw_png(
        &mut surface,
        &copy.certificate.photo_png,
        PAGE_WIDTH - MARGIN - PHOTO_WIDTH,
        PHOTO_TOP,
        PHOTO_WIDTH,
        PHOTO_HEIGHT,
    )?;
    draw_png(&mut surface, &copy.certificate.signature_png, VALUE_X, signature_top, SIGNATURE_WIDTH, SIGNATURE_HEIGHT)?;
    draw_watermark(&mut surface, &font, &metrics, &copy.watermark);
    // The QR code goes over the watermark, whose light strokes would otherwise confuse scanners.
    draw_qr(&mut surface, &copy.signed.to_text())?;

    surface.finish();
    page.finish();
    document.embed_file(payload_attachment(copy)).ok_or_else(|| ExportError::Render("attachment".into()))?;
    document.finish().map_err(|e| ExportError::Render(format!("{e:?}")))
}

fn payload_attachment(copy: &PreparedCopy<'_>) -> EmbeddedFile {
    EmbeddedFile {
        path: ATTACHMENT_NAME.to_owned(),
        mime_type: MimeType::new("text/plain"),
        description: Some(tr(Lang::ZhCn, Key::ExportAttachmentDescription).to_owned()),
        association_kind: AssociationKind::Data,
        data: copy.signed.to_text().into_bytes().into(),
        modification_date: None,
        compress: Some(false),
        location: None,
    }
}

/// Lays out every text run of the face: title, fields, specialties, usage period, captions and
/// the horizontal watermark line in the footer.
pub(super) fn layout(copy: &PreparedCopy<'_>, metrics: &FontMetrics) -> Layout {
    let lang = Lang::ZhCn;
    let certificate = copy.certificate;
    let mut runs = Vec::new();

    let title = Message::new(Key::ExportPdfTitle)
        .arg("qualification", qualification_name(lang, certificate.qualification))
        .render(lang);
    let title_x = (PAGE_WIDTH - metrics.width(&title, 20.0)) / 2.0;
    runs.push(run("title", &title, title_x, 80.0, 20.0, BLACK));
    let subtitle = tr(lang, Key::ExportPdfSubtitle);
    runs.push(run("subtitle", subtitle, (PAGE_WIDTH - metrics.width(subtitle, 10.0)) / 2.0, 100.0, 10.0, GREY));

    let mut y = PHOTO_TOP + 12.0;
    for (key, value) in face_fields(copy) {
        let label = tr(lang, key);
        let right = if y < PHOTO_TOP + PHOTO_HEIGHT + 8.0 {
            PAGE_WIDTH - MARGIN - PHOTO_WIDTH - 16.0
        } else {
            PAGE_WIDTH - MARGIN
        };
        runs.push(run(label, label, MARGIN, y, FIELD_SIZE, GREY));
        for line in metrics.wrap(&value, FIELD_SIZE, right - VALUE_X) {
            runs.push(run(label, &line, VALUE_X, y, FIELD_SIZE, BLACK));
            y += FIELD_LINE;
        }
    }

    let specialties_label = tr(lang, Key::FieldSpecialties);
    runs.push(run(specialties_label, specialties_label, MARGIN, y, FIELD_SIZE, GREY));
    for specialty in &certificate.specialties {
        let window = Message::new(Key::ExportSpecialtyWindow)
            .arg("from", format_date(lang, specialty.valid_from))
            .arg("to", format_date(lang, specialty.valid_to))
            .render(lang);
        runs.push(run(specialties_label, &specialty.name, VALUE_X, y, FIELD_SIZE, BLACK));
        runs.push(run(specialties_label, &window, VALUE_X + 110.0, y, FIELD_SIZE, BLACK));
        y += FIELD_LINE;
    }

    let signature_label = tr(lang, Key::FieldSignature);
    runs.push(run(signature_label, signature_label, MARGIN, y + 4.0, FIELD_SIZE, GREY));
    let signature_top = y - 12.0;
    y += 60.0;

    let usable =
        Message::new(Key::ExportUsableUntil).arg("date", format_date(lang, copy.usage.usable_until)).render(lang);
    runs.push(run("usable_until", &usable, MARGIN, y, 14.0, RED));
    y += 24.0;
    let exported =
        Message::new(Key::ExportExportedOn).arg("date", format_date(lang, copy.request.exported_on)).render(lang);
    runs.push(run("exported_on", &exported, MARGIN, y, FIELD_SIZE, BLACK));

    let qr_caption = tr(lang, Key::ExportQrCaption);
    let qr_left = PAGE_WIDTH - MARGIN - QR_SIZE;
    let mut caption_y = qr_top() + QR_SIZE + 10.0;
    for line in metrics.wrap(qr_caption, 8.0, QR_SIZE) {
        runs.push(run("qr_caption", &line, qr_left, caption_y, 8.0, GREY));
        caption_y += 10.0;
    }

    let mut footer_y = PAGE_HEIGHT - MARGIN - 30.0;
    for line in metrics.wrap(&copy.watermark, 9.0, PAGE_WIDTH - 2.0 * MARGIN) {
        runs.push(run("watermark", &line, MARGIN, footer_y, 9.0, RED));
        footer_y += 12.0;
    }
    let note = tr(lang, Key::ExportHandSignNote);
    runs.push(run("note", note, MARGIN, footer_y + 4.0, 8.0, GREY));
    Layout { runs, signature_top }
}

fn run(field: &str, text: &str, x: f32, y: f32, size: f32, colour: (u8, u8, u8)) -> TextRun {
    TextRun { field: field.to_owned(), text: text.to_owned(), x, y, size, colour }
}

/// Returns the face fields in print order, with the ID number masked unless asked.
fn face_fields(copy: &PreparedCopy<'_>) -> Vec<(Key, String)> {
    let lang = Lang::ZhCn;
    let certificate = copy.certificate;
    let id_number = if copy.request.full_id { certificate.id_number.clone() } else { certificate.id_number_masked() };
    let registration_number = match &certificate.seal_check_code {
        Some(code) => format!("{}({code})", certificate.registration_number),
        None => certificate.registration_number.clone(),
    };
    let sex = tr(lang, if certificate.sex == Sex::Male { Key::SexMale } else { Key::SexFemale });
    vec![
        (Key::FieldName, certificate.holder_name.clone()),
        (Key::FieldSex, sex.to_owned()),
        (Key::FieldBirthDate, format_date(lang, certificate.birth_date)),
        (Key::FieldIdNumber, id_number),
        (Key::FieldRegNo, registration_number),
        (Key::FieldEmployer, certificate.unit_name.clone()),
        (Key::FieldCreditCode, certificate.unit_credit_code.clone()),
        (Key::FieldIssuer, certificate.issuer.clone()),
        (Key::FieldIssuedOn, format_date(lang, certificate.issued_on)),
        (Key::FieldVersion, certificate.version.to_string()),
        (Key::FieldLicenceId, certificate.licence_id.clone()),
    ]
}

pub(super) fn qr_top() -> f32 {
    PAGE_HEIGHT - MARGIN - 60.0 - QR_SIZE - 30.0
}

fn fill(colour: (u8, u8, u8), opacity: f32) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::new(opacity).unwrap_or(NormalizedF32::ONE),
        rule: krilla::paint::FillRule::default(),
    }
}

fn draw_run(surface: &mut Surface<'_>, font: &Font, run: &TextRun) {
    surface.set_fill(Some(fill(run.colour, 1.0)));
    surface.draw_text(Point::from_xy(run.x, run.y), font.clone(), run.size, &run.text, false, TextDirection::Auto);
}

fn draw_png(surface: &mut Surface<'_>, png: &[u8], x: f32, y: f32, width: f32, height: f32) -> Result<(), ExportError> {
    if png.is_empty() {
        return Ok(());
    }
    let image = Image::from_png(Arc::new(png.to_vec()).into(), true).map_err(ExportError::Render)?;
    let size = Size::from_wh(width, height).ok_or_else(|| ExportError::Render("image size".into()))?;
    surface.push_transform(&Transform::from_translate(x, y));
    surface.draw_image(image, size);
    surface.pop();
    Ok(())
}

/// Draws the QR code of the payload as one path of dark modules inside a white square that
/// includes the quiet zone.
fn draw_qr(surface: &mut Surface<'_>, text: &str) -> Result<(), ExportError> {
    let grid = QrGrid::encode(text)?;
    let module = QR_SIZE / modules_as_f32(grid.size);
    let left = PAGE_WIDTH - MARGIN - QR_SIZE;
    let top = qr_top();

    let mut background = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(left, top, QR_SIZE, QR_SIZE) {
        background.push_rect(rect);
    }
    if let Some(path) = background.finish() {
        surface.set_fill(Some(fill((255, 255, 255), 1.0)));
        surface.draw_path(&path);
    }

    let mut modules = PathBuilder::new();
    for &(column, row) in &grid.dark {
        let (x, y) = (left + modules_as_f32(column) * module, top + modules_as_f32(row) * module);
        if let Some(rect) = Rect::from_xywh(x, y, module, module) {
            modules.push_rect(rect);
        }
    }
    if let Some(path) = modules.finish() {
        surface.set_fill(Some(fill(BLACK, 1.0)));
        surface.draw_path(&path);
    }
    Ok(())
}

/// A QR code as a square grid of modules, quiet zone included.
pub(super) struct QrGrid {
    /// Modules per side, quiet zone included.
    pub(super) size: usize,
    /// Column and row of every dark module.
    pub(super) dark: Vec<(usize, usize)>,
}

impl QrGrid {
    /// Encodes text at error correction level M, which restores up to 15 % of damaged modules.
    pub(super) fn encode(text: &str) -> Result<Self, ExportError> {
        let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
            .map_err(|e| ExportError::Render(format!("QR code: {e}")))?;
        let width = code.width();
        let dark = code
            .to_colors()
            .iter()
            .enumerate()
            .filter(|(_, colour)| **colour == qrcode::Color::Dark)
            .map(|(index, _)| (index % width + QR_QUIET_MODULES, index / width + QR_QUIET_MODULES))
            .collect();
        Ok(Self { size: width + 2 * QR_QUIET_MODULES, dark })
    }
}

/// Converts a module count to points' scalar type. A QR code is at most 177 modules wide
/// plus its quiet zone, far below the 2^24 where `f32` loses integers.
#[expect(clippy::cast_precision_loss, reason = "module counts stay below 200")]
pub(super) fn modules_as_f32(count: usize) -> f32 {
    count as f32
}

/// Repeats the watermark diagonally over the whole page, on top of everything but the QR code.
fn draw_watermark(surface: &mut Surface<'_>, font: &Font, metrics: &FontMetrics, watermark: &str) {
    surface.set_fill(Some(fill(WATERMARK_COLOUR, WATERMARK_OPACITY)));
    surface.push_transform(&Transform::from_rotate_at(WATERMARK_ANGLE_DEGREES, PAGE_WIDTH / 2.0, PAGE_HEIGHT / 2.0));
    for (x, y) in watermark_origins(metrics.width(watermark, WATERMARK_SIZE)) {
        surface.draw_text(Point::from_xy(x, y), font.clone(), WATERMARK_SIZE, watermark, false, TextDirection::Auto);
    }
    surface.pop();
}

/// Returns where each copy of the watermark starts, before the rotation about the page centre.
/// Rows reach beyond the page so the rotated pattern still covers the corners, and every other
/// row is shifted by half a copy.
pub(super) fn watermark_origins(text_width: f32) -> Vec<(f32, f32)> {
    let step = text_width + 60.0;
    let mut origins = Vec::new();
    let mut y = -PAGE_HEIGHT * 0.4;
    let mut row = 0_u32;
    while y < PAGE_HEIGHT * 1.4 {
        let shift = if row.is_multiple_of(2) { 0.0 } else { step / 2.0 };
        let mut x = -PAGE_WIDTH * 0.6 - shift;
        while x < PAGE_WIDTH * 1.6 {
            origins.push((x, y));
            x += step;
        }
        y += WATERMARK_ROW_STEP;
        row += 1;
    }
    origins
}
