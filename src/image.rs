//! Pictures a document places but never draws itself (印章 images): the file's bytes, its
//! kind and its physical size. Shared by the model (which reads and checks them), the layout
//! (which positions them) and both writers. The engine never alters a seal.

use std::sync::Arc;

use crate::geom::Pt;

/// The formats a seal image may have (report-format §2a).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ImageKind {
    /// A PNG raster (transparency kept).
    Png,
    /// An SVG drawing (placed as vectors in the PDF).
    Svg,
}

/// An image with its physical size in points.
#[derive(Clone, Debug)]
pub struct Image {
    /// The file's format.
    pub kind: ImageKind,
    /// The file's bytes, as read (the engine never alters a seal).
    pub data: Arc<Vec<u8>>,
    /// Physical width and height: PNG from its `pHYs` resolution (96 dpi when it has none,
    /// as Word assumes), SVG from its `width`/`height` (CSS units; px = 1/96 in).
    pub width: Pt,
    /// Physical height (see `width`).
    pub height: Pt,
    /// Pixel size of a PNG (0 for SVG).
    pub pixels: (u32, u32),
}

impl PartialEq for Image {
    fn eq(&self, other: &Image) -> bool {
        self.kind == other.kind && self.data == other.data
    }
}

/// Pixels per inch assumed for a PNG without a `pHYs` chunk, and CSS's px.
const DEFAULT_DPI: f32 = 96.0;

/// The largest physical size a seal image may have, each way (an A4 page's width).
const MAX_SIDE_MM: f32 = 210.0;

impl Image {
    /// Reads an image's kind and physical size from its bytes; `Err` says what is wrong in
    /// words a user can act on.
    pub fn parse(data: Vec<u8>) -> Result<Image, String> {
        let img = if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            png(data)?
        } else if looks_like_svg(&data) {
            svg(data)?
        } else {
            return Err("it is neither a PNG nor an SVG image".into());
        };
        let (w, h) = (img.width.to_mm(), img.height.to_mm());
        if !(w.is_finite() && h.is_finite()) || w > MAX_SIDE_MM || h > MAX_SIDE_MM {
            return Err(format!(
                "it is {w:.0} × {h:.0} mm; a seal image is at most {MAX_SIDE_MM:.0} mm each way (a seal is about 42 mm)"
            ));
        }
        if img.kind == ImageKind::Svg {
            svg_tree(&img.data)?;
        }
        Ok(img)
    }
}

/// Parses an SVG for drawing. Nothing outside the file is read: an `<image>` naming another
/// file (a path, never opened) is dropped, as are `data:` images; a seal is one self-contained
/// drawing.
pub fn svg_tree(data: &[u8]) -> Result<usvg::Tree, String> {
    let opts = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_data(data, &opts).map_err(|e| format!("it is not a usable SVG: {e}"))
}

fn png(data: Vec<u8>) -> Result<Image, String> {
    let bad = || "it is a damaged PNG (no image header)".to_string();
    // The first chunk is IHDR: length 13, type, width, height (big-endian).
    if data.len() < 33 || &data[12..16] != b"IHDR" {
        return Err(bad());
    }
    let be = |i: usize| u32::from_be_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let (w, h) = (be(16), be(20));
    if w == 0 || h == 0 || w > 20_000 || h > 20_000 {
        return Err(format!(
            "it is {w} × {h} pixels; a seal image must be 1 to 20000 pixels each way"
        ));
    }
    let mut dpi = (DEFAULT_DPI, DEFAULT_DPI);
    let mut at = 8;
    while at + 8 <= data.len() {
        let len = be(at) as usize;
        let kind = &data[at + 4..at + 8];
        if kind == b"IDAT" || kind == b"IEND" {
            break;
        }
        if kind == b"pHYs" && len == 9 && at + 17 <= data.len() && data[at + 16] == 1 {
            // Pixels per metre → per inch.
            let (x, y) = (be(at + 8), be(at + 12));
            if x > 0 && y > 0 {
                dpi = (x as f32 * 0.0254, y as f32 * 0.0254);
            }
        }
        at = at.saturating_add(12).saturating_add(len);
    }
    Ok(Image {
        kind: ImageKind::Png,
        width: Pt::new(w as f32 / dpi.0 * 72.0),
        height: Pt::new(h as f32 / dpi.1 * 72.0),
        pixels: (w, h),
        data: Arc::new(data),
    })
}

fn looks_like_svg(data: &[u8]) -> bool {
    let head = &data[..data.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    text.contains("<svg")
}

fn svg(data: Vec<u8>) -> Result<Image, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(data.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == b"svg" => {
                let mut width = None;
                let mut height = None;
                let mut view = None;
                for a in e.attributes().flatten() {
                    let v = String::from_utf8_lossy(&a.value).into_owned();
                    match a.key.local_name().as_ref() {
                        b"width" => width = Some(v),
                        b"height" => height = Some(v),
                        b"viewBox" => view = Some(v),
                        _ => {}
                    }
                }
                let view: Vec<f32> = view
                    .unwrap_or_default()
                    .split([' ', ','])
                    .filter_map(|s| s.parse().ok())
                    .collect();
                let from_view = |i: usize| view.get(i).map(|v| Pt::new(v * 72.0 / DEFAULT_DPI));
                let w = width
                    .as_deref()
                    .and_then(css_length)
                    .or_else(|| from_view(2));
                let h = height
                    .as_deref()
                    .and_then(css_length)
                    .or_else(|| from_view(3));
                return match (w, h) {
                    (Some(w), Some(h)) if w.get() > 0.0 && h.get() > 0.0 => Ok(Image {
                        kind: ImageKind::Svg,
                        width: w,
                        height: h,
                        pixels: (0, 0),
                        data: Arc::new(data),
                    }),
                    _ => Err(
                        "the SVG has no size: give its root `width` and `height` in mm (e.g. width=\"42mm\")"
                            .into(),
                    ),
                };
            }
            Ok(Event::Eof) => return Err("it is not an SVG image (no <svg> element)".into()),
            Err(e) => return Err(format!("it is not well-formed SVG: {e}")),
            _ => {}
        }
        buf.clear();
    }
}

/// A CSS length (`42mm`, `4.2cm`, `119pt`, `1.65in`, `159px`, `159`) in points.
fn css_length(s: &str) -> Option<Pt> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let v: f32 = num.parse().ok()?;
    let pt = match unit.trim() {
        "mm" => v * 72.0 / 25.4,
        "cm" => v * 72.0 / 2.54,
        "in" => v * 72.0,
        "pt" => v,
        "pc" => v * 12.0,
        "px" | "" => v * 72.0 / DEFAULT_DPI,
        _ => return None,
    };
    Some(Pt::new(pt))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_size_from_mm_attributes() {
        let img = Image::parse(
            br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="42mm" height="42mm" viewBox="0 0 420 420"></svg>"#.to_vec(),
        )
        .unwrap();
        assert_eq!(img.kind, ImageKind::Svg);
        assert!((img.width.to_mm() - 42.0).abs() < 0.01);
    }

    #[test]
    fn png_size_from_phys() {
        // 496 × 496 px at 300 dpi (11811 px/m) = 42 mm.
        let mut d = b"\x89PNG\r\n\x1a\n".to_vec();
        d.extend(13u32.to_be_bytes());
        d.extend(b"IHDR");
        d.extend(496u32.to_be_bytes());
        d.extend(496u32.to_be_bytes());
        d.extend([8, 6, 0, 0, 0]);
        d.extend([0; 4]);
        d.extend(9u32.to_be_bytes());
        d.extend(b"pHYs");
        d.extend(11811u32.to_be_bytes());
        d.extend(11811u32.to_be_bytes());
        d.push(1);
        d.extend([0; 4]);
        let img = Image::parse(d).unwrap();
        assert!(
            (img.width.to_mm() - 42.0).abs() < 0.05,
            "{}",
            img.width.to_mm()
        );
    }

    #[test]
    fn other_files_are_refused() {
        assert!(Image::parse(b"GIF89a".to_vec()).is_err());
        assert!(Image::parse(b"<svg width='1mm'".to_vec()).is_err());
    }
}
