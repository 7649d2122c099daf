//! Page images: a PDF page rendered by hayro to an 8-bit grey image at a given resolution.

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

/// The most pixels a page image may have (a 300 dpi A4 page has 8.7 million). A larger page is rendered
/// at a lower resolution, so that a hostile page size cannot take gigabytes.
pub const MAX_PIXELS: f32 = 40_000_000.0;
/// The longest side a page image may have, in pixels (the renderer's own limit is 65,535).
pub const MAX_SIDE: f32 = 16_000.0;

/// An 8-bit grey page image, row by row from the top.
#[derive(Debug, Clone, PartialEq)]
pub struct GreyImage {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
    /// Pixels per PDF point (a 300 dpi image has 300/72).
    pub scale: f32,
}

impl GreyImage {
    /// The image as a binary PGM (P5) file: what the engine reads on its standard input.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.pixels);
        out
    }

    /// The share of pixels darker than mid-grey: nearly zero on a blank page.
    pub fn ink(&self) -> f32 {
        if self.pixels.is_empty() {
            return 0.0;
        }
        let dark = self.pixels.iter().filter(|&&p| p < 128).count();
        dark as f32 / self.pixels.len() as f32
    }

    /// The resolution the image was rendered at, in dots per inch.
    pub fn dpi(&self) -> f32 {
        self.scale * 72.0
    }
}

/// The scale (pixels per point) at which a page of `width` x `height` points is rendered for `dpi`,
/// lowered when the image would pass [`MAX_PIXELS`] or [`MAX_SIDE`].
pub fn scale_for(width: f32, height: f32, dpi: f32) -> f32 {
    let mut scale = dpi / 72.0;
    let (w, h) = (width.max(1.0), height.max(1.0));
    if w * h * scale * scale > MAX_PIXELS {
        scale = (MAX_PIXELS / (w * h)).sqrt();
    }
    let side = w.max(h);
    if side * scale > MAX_SIDE {
        scale = MAX_SIDE / side;
    }
    scale
}

/// Why a page could not be rendered.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RenderError {
    #[error("the PDF could not be opened for rendering")]
    Open,
    #[error("page {0} does not exist")]
    NoPage(usize),
    #[error("page {0} has no area")]
    Empty(usize),
    #[error("the renderer failed on page {0}")]
    Failed(usize),
}

/// A PDF opened for rendering its pages.
pub struct Renderer {
    pdf: Pdf,
}

impl Renderer {
    pub fn open(bytes: &[u8]) -> Result<Renderer, RenderError> {
        let pdf = catch_unwind(|| Pdf::new(bytes.to_vec()))
            .ok()
            .and_then(Result::ok)
            .ok_or(RenderError::Open)?;
        Ok(Renderer { pdf })
    }

    pub fn page_count(&self) -> usize {
        self.pdf.pages().len()
    }

    /// Renders page `index` (zero-based) at `dpi` on a white background. A panic inside the renderer
    /// (a damaged page) is caught and reported as [`RenderError::Failed`].
    pub fn render(&self, index: usize, dpi: f32) -> Result<GreyImage, RenderError> {
        let pages = self.pdf.pages();
        let page = pages.get(index).ok_or(RenderError::NoPage(index))?;
        let (width, height) = page.render_dimensions();
        if !(width.is_finite() && height.is_finite()) || width < 1.0 || height < 1.0 {
            return Err(RenderError::Empty(index));
        }
        let scale = scale_for(width, height, dpi);
        let rendered = catch_unwind(AssertUnwindSafe(|| {
            let cache = RenderCache::new();
            let settings = InterpreterSettings::default();
            let pixmap = hayro::render(
                page,
                &cache,
                &settings,
                &RenderSettings::default(),
                &PixmapSettings {
                    x_scale: scale,
                    y_scale: scale,
                    bg_color: WHITE,
                },
            );
            let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
            // The background is opaque white, so the premultiplied colour is the colour.
            let pixels: Vec<u8> = pixmap
                .data()
                .iter()
                .map(|p| {
                    let grey = 299 * u32::from(p.r) + 587 * u32::from(p.g) + 114 * u32::from(p.b);
                    (grey / 1000) as u8
                })
                .collect();
            (w, h, pixels)
        }))
        .map_err(|_| RenderError::Failed(index))?;
        let (w, h, pixels) = rendered;
        if w == 0 || h == 0 {
            return Err(RenderError::Empty(index));
        }
        Ok(GreyImage {
            width: w,
            height: h,
            pixels,
            scale,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_the_resolution_unless_the_page_is_huge() {
        let a4 = scale_for(595.0, 842.0, 300.0);
        assert!((a4 - 300.0 / 72.0).abs() < 1e-6);
        // A 200-inch square page would be 3.6 billion pixels at 300 dpi.
        let huge = scale_for(14_400.0, 14_400.0, 300.0);
        assert!(14_400.0 * 14_400.0 * huge * huge <= MAX_PIXELS * 1.0001);
        let strip = scale_for(100_000.0, 10.0, 300.0);
        assert!(100_000.0 * strip <= MAX_SIDE * 1.0001);
    }

    #[test]
    fn a_pdf_page_renders_to_grey_pixels_with_ink_where_text_is() {
        let pdf = verbatim_pdf::fixture::PdfBuilder::new()
            .page()
            .text(
                72.0,
                72.0,
                verbatim_pdf::fixture::FixtureFont::Helvetica,
                24.0,
                "HELLO WORLD",
            )
            .build();
        let renderer = Renderer::open(&pdf).expect("opens");
        assert_eq!(renderer.page_count(), 1);
        let image = renderer.render(0, 72.0).expect("renders");
        assert_eq!(image.pixels.len(), (image.width * image.height) as usize);
        assert!(image.ink() > 0.0005, "ink {}", image.ink());
        assert!(image.ink() < 0.2);
        assert_eq!(renderer.render(3, 72.0), Err(RenderError::NoPage(3)));
        let pgm = image.to_pgm();
        assert!(pgm.starts_with(format!("P5\n{} {}\n255\n", image.width, image.height).as_bytes()));
        assert!(Renderer::open(b"%PDF-1.4 garbage").is_err());
    }
}
