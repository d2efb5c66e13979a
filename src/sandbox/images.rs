//! Procedural photo and signature images for sample certificates, so the sandbox carries no
//! picture of a real person.

use rand::Rng as _;
use rand_chacha::ChaCha8Rng;

/// Photo size in pixels: 3:4 like an ID photo.
const PHOTO_SIZE: (u32, u32) = (120, 160);

/// Signature size in pixels.
const SIGNATURE_SIZE: (u32, u32) = (240, 80);

struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, background: [u8; 4]) -> Self {
        let pixels = background.iter().copied().cycle().take((width * height * 4) as usize).collect();
        Self { width, height, pixels }
    }

    fn put(&mut self, x: i64, y: i64, colour: [u8; 4]) {
        let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y)) else { return };
        if x >= self.width || y >= self.height {
            return;
        }
        let at = ((y * self.width + x) * 4) as usize;
        self.pixels[at..at + 4].copy_from_slice(&colour);
    }

    fn ellipse(&mut self, centre: (f64, f64), radii: (f64, f64), colour: [u8; 4]) {
        for y in 0..self.height {
            for x in 0..self.width {
                let dx = (f64::from(x) - centre.0) / radii.0;
                let dy = (f64::from(y) - centre.1) / radii.1;
                if dx * dx + dy * dy <= 1.0 {
                    self.put(i64::from(x), i64::from(y), colour);
                }
            }
        }
    }

    fn dot(&mut self, x: f64, y: f64, radius: i64, colour: [u8; 4]) {
        #[expect(clippy::cast_possible_truncation, reason = "pixel coordinates are small")]
        let (cx, cy) = (x.round() as i64, y.round() as i64);
        for dy in -radius..=radius {
            for dx in -radius..=radius {
                if dx * dx + dy * dy <= radius * radius {
                    self.put(cx + dx, cy + dy, colour);
                }
            }
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let written = encoder.write_header().and_then(|mut writer| writer.write_image_data(&self.pixels));
        if written.is_err() {
            return Vec::new();
        }
        bytes
    }
}

/// Draws a head-and-shoulders silhouette on the blue background of an ID photo.
pub fn photo(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let (width, height) = PHOTO_SIZE;
    let mut canvas = Canvas::new(width, height, [67, 142, 219, 255]);
    let shirt: [u8; 4] = [rng.random_range(20..90), rng.random_range(20..90), rng.random_range(40..120), 255];
    let skin: [u8; 4] = [rng.random_range(225..245), rng.random_range(190..210), rng.random_range(160..180), 255];
    let hair: [u8; 4] = [rng.random_range(15..40), rng.random_range(15..35), rng.random_range(15..30), 255];
    let w = f64::from(width);
    let h = f64::from(height);
    canvas.ellipse((w / 2.0, h * 1.02), (w * 0.48, h * 0.36), shirt);
    canvas.ellipse((w / 2.0, h * 0.62), (w * 0.09, h * 0.1), skin);
    canvas.ellipse((w / 2.0, h * 0.36), (w * 0.25, h * 0.22), hair);
    canvas.ellipse((w / 2.0, h * 0.41), (w * 0.21, h * 0.19), skin);
    canvas.png()
}

/// Draws a flowing pen stroke in dark blue ink, different for each seed.
pub fn signature(rng: &mut ChaCha8Rng) -> Vec<u8> {
    let (width, height) = SIGNATURE_SIZE;
    let mut canvas = Canvas::new(width, height, [255, 255, 255, 0]);
    let ink = [20, 30, 90, 255];
    let loops = rng.random_range(3..6);
    let phase: f64 = rng.random_range(0.0..std::f64::consts::TAU);
    let (width, height) = (f64::from(width), f64::from(height));
    let turns = f64::from(loops) * std::f64::consts::TAU;
    let steps = 900;
    for step in 0..steps {
        let along = f64::from(step) / f64::from(steps);
        let x = width * (0.08 + 0.84 * along) + 10.0 * (along * turns * 2.0 + phase).cos();
        let y = height * 0.5 + height * 0.28 * (along * turns + phase).sin() * (1.0 - 0.5 * along);
        canvas.dot(x, y, 1, ink);
    }
    canvas.png()
}
