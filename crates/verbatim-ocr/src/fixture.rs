//! Image-only PDFs for tests: any PDF's pages rendered and written back as one grey image per page,
//! with no text layer, as a scanner writes them. A synthetic record made this way has every convention
//! its text fixture has, so tests of the OCR path do not need the corpus.

use std::io::Write as _;

use crate::render::{RenderError, Renderer};

/// Renders every page of `pdf` at `dpi` and writes a PDF of the same page size whose pages are those
/// images (Flate-compressed /DeviceGray, 8 bits), and nothing else.
pub fn image_only_pdf(pdf: &[u8], dpi: f32) -> Result<Vec<u8>, RenderError> {
    let renderer = Renderer::open(pdf)?;
    let mut images = Vec::new();
    for index in 0..renderer.page_count() {
        images.push(renderer.render(index, dpi)?);
    }
    // Objects: 1 catalog, 2 page tree, then per page: page, content, image.
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..images.len())
        .map(|i| format!("{} 0 R", 3 + 3 * i))
        .collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            images.len()
        )
        .into_bytes(),
    );
    for (i, image) in images.iter().enumerate() {
        let (w_pt, h_pt) = (
            image.width as f32 / image.scale,
            image.height as f32 / image.scale,
        );
        let content_id = 4 + 3 * i;
        let image_id = 5 + 3 * i;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w_pt:.2} {h_pt:.2}] /Resources << \
                 /XObject << /Im0 {image_id} 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        let content = format!("q {w_pt:.2} 0 0 {h_pt:.2} 0 0 cm /Im0 Do Q");
        objects.push(stream("", content.as_bytes()));
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing into a Vec cannot fail.
        let _ = encoder.write_all(&image.pixels);
        let compressed = encoder.finish().unwrap_or_default();
        objects.push(stream(
            &format!(
                "/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray \
                 /BitsPerComponent 8 /Filter /FlateDecode",
                image.width, image.height
            ),
            &compressed,
        ));
    }
    Ok(verbatim_pdf::fixture::write_objects(
        &objects,
        "/Root 1 0 R",
    ))
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_only_copy_has_no_text_and_the_same_picture() {
        let text_pdf = verbatim_pdf::fixture::PdfBuilder::new()
            .page()
            .text(
                72.0,
                100.0,
                verbatim_pdf::fixture::FixtureFont::TimesRoman,
                20.0,
                "The meeting was called to order",
            )
            .build();
        let scan = image_only_pdf(&text_pdf, 100.0).expect("renders");
        let doc = verbatim_pdf::extract(&scan).expect("the copy is a valid PDF");
        assert_eq!(doc.pages.len(), 1);
        assert!(doc.pages[0].runs.is_empty(), "no text layer");
        assert!(
            (doc.pages[0].width - 612.0).abs() < 1.0,
            "{}",
            doc.pages[0].width
        );
        let original = Renderer::open(&text_pdf).unwrap().render(0, 100.0).unwrap();
        let copy = Renderer::open(&scan).unwrap().render(0, 100.0).unwrap();
        assert_eq!((copy.width, copy.height), (original.width, original.height));
        let differing = original
            .pixels
            .iter()
            .zip(&copy.pixels)
            .filter(|(a, b)| a.abs_diff(**b) > 64)
            .count();
        assert!(
            differing * 100 < original.pixels.len(),
            "{differing} pixels differ"
        );
        assert!(copy.ink() > 0.001);
    }
}
