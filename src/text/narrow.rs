//! The narrow variant of a face: the same font with its closing marks' advances halved, for
//! squeezed punctuation that text extraction reads as contiguous.

use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// Squeezed punctuation (a mark at a line end, or the first of two adjacent marks) is drawn
/// on half its advance. PDF text extraction measures each glyph by the font's own advance, so
/// a full-width glyph squeezed into half a cell overlaps its neighbour and tools such as
/// pdftotext split the line there. The variant is the same font with the closing marks'
/// advances halved in `hmtx`, and its own `head` checksum (krilla tells fonts apart by their
/// metadata). `None` when the font has none of those marks.
pub(super) fn narrow_bytes(data: &[u8]) -> Option<Vec<u8>> {
    let (patches, head) = narrow_patches(data)?;
    let mut map = data.to_vec();
    for (at, value) in patches {
        map[at..at + 2].copy_from_slice(&value.to_be_bytes());
    }
    let at = head + 8;
    let sum = u32::from_be_bytes(map.get(at..at + 4)?.try_into().ok()?) ^ 0x4E41_5252;
    map[at..at + 4].copy_from_slice(&sum.to_be_bytes());
    Some(map)
}

/// Where `hmtx` advances are halved (offset, new value), and the `head` table's offset;
/// `None` when no closing mark needs it. Reads a few bytes, copies none.
pub(super) fn narrow_patches(data: &[u8]) -> Option<(Vec<(usize, u16)>, usize)> {
    let font = FontRef::new(data).ok()?;
    let upem = font.head().ok()?.units_per_em();
    let n_metrics = font.hhea().ok()?.number_of_h_metrics() as u32;
    let charmap = font.charmap();
    let record = |tag: &[u8; 4]| {
        font.table_directory
            .table_records()
            .iter()
            .find(|r| r.tag() == skrifa::Tag::new(tag))
            .map(|r| r.offset() as usize)
    };
    let base = record(b"hmtx")?;
    let mut patches = Vec::new();
    for ch in crate::text::class::RIGHT_BLANK_MARKS.chars() {
        let Some(gid) = charmap.map(ch).map(|g| g.to_u32()).filter(|&g| g != 0) else {
            continue;
        };
        if gid >= n_metrics {
            continue;
        }
        let at = base + 4 * gid as usize;
        let adv = u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]);
        if adv > upem / 2 {
            patches.push((at, upem / 2));
        }
    }
    if patches.is_empty() {
        return None;
    }
    Some((patches, record(b"head")?))
}
