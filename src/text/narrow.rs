//! Advance variants of a face: the same font with some `hmtx` advances changed by whole
//! quarter ems, so that text extraction reads positioned glyphs as contiguous.
//!
//! PDF text extractors measure each glyph by the advance the font gives it (the `W` array),
//! not by where the next glyph is drawn. Where layout puts a glyph closer or farther than its
//! advance, the boxes overlap or leave a gap, and poppler's `pdftotext` starts a new word
//! there and prints a space the source does not have (it breaks words at a gap over 0.1 em
//! or an overlap over 0.2 em, `TextOutputDev.cc` `minWordBreakSpace`/`minDupBreakOverlap`).
//! `Tc` character spacing does not help: poppler subtracts it from the glyph's box. So the
//! glyph before such a gap is drawn from a variant whose advance is within that window of
//! the real distance to the next glyph (see `layout::inline::contiguous`):
//!
//! - step −2 (the narrow variant): closing marks on half an em (a squeezed mark);
//! - step −1: closing marks on three quarters (a mark squeezed part way);
//! - steps +1 and +2: every glyph a quarter or a half em wider (before the quarter-em glue
//!   between Han characters and digits or letters, stretched or not).
//!
//! Steps a quarter em apart cover every distance: each variant serves distances from 0.2 em
//! below to 0.1 em above its advance. The drawing is unchanged (glyph positions come from the
//! layout, outlines from the same font); each variant gets its own `head` checksum (krilla
//! tells fonts apart by their metadata).

use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

/// The steps (quarter ems) the variants are made for, in the order of `Face::steps`.
pub const STEPS: [i8; 4] = [-2, -1, 1, 2];

/// The patched copy of a font for `step` (one of [`STEPS`]); `None` when the font has
/// nothing to patch (no closing marks, for the negative steps).
pub(super) fn variant_bytes(data: &[u8], step: i8) -> Option<Vec<u8>> {
    let mut map = data.to_vec();
    patch_variant(&mut map, step)?;
    Some(map)
}

/// Turns a copy of a font's bytes into its variant for `step` in place (the bytes written
/// are a few `hmtx` entries and the `head` checksum, so a copy-on-write mapping copies a
/// few pages); `None` when the font has nothing to patch.
pub(super) fn patch_variant(map: &mut [u8], step: i8) -> Option<()> {
    let (patches, head) = variant_patches(map, step)?;
    for (at, value) in patches {
        map[at..at + 2].copy_from_slice(&value.to_be_bytes());
    }
    let at = head + 8;
    let tag = 0x4E41_5252 ^ (step as u8 as u32);
    let sum = u32::from_be_bytes(map.get(at..at + 4)?.try_into().ok()?) ^ tag;
    map[at..at + 4].copy_from_slice(&sum.to_be_bytes());
    Some(())
}

/// Where `hmtx` advances change for `step` (offset, new value), and the `head` table's
/// offset; `None` when nothing changes. Reads the advances, copies nothing.
pub(super) fn variant_patches(data: &[u8], step: i8) -> Option<(Vec<(usize, u16)>, usize)> {
    let font = FontRef::new(data).ok()?;
    let upem = font.head().ok()?.units_per_em();
    let n_metrics = font.hhea().ok()?.number_of_h_metrics() as u32;
    let record = |tag: &[u8; 4]| {
        font.table_directory
            .table_records()
            .iter()
            .find(|r| r.tag() == skrifa::Tag::new(tag))
            .map(|r| r.offset() as usize)
    };
    let base = record(b"hmtx")?;
    let adv_at = |gid: u32| -> Option<(usize, u16)> {
        let at = base + 4 * gid as usize;
        Some((at, u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?])))
    };
    let mut patches = Vec::new();
    if step < 0 {
        // Closing marks on (4 + step) quarter ems, where wider.
        let target = (u32::from(upem) * (4 + step as i32) as u32 / 4) as u16;
        let charmap = font.charmap();
        for ch in crate::text::class::RIGHT_BLANK_MARKS.chars() {
            let Some(gid) = charmap.map(ch).map(|g| g.to_u32()).filter(|&g| g != 0) else {
                continue;
            };
            if gid >= n_metrics {
                continue;
            }
            let (at, adv) = adv_at(gid)?;
            if adv > target {
                patches.push((at, target));
            }
        }
    } else {
        // Every advance (glyphs past the long metrics share the last one) `step` quarter
        // ems wider.
        let extra = u32::from(upem) * step as u32 / 4;
        for gid in 0..n_metrics {
            let (at, adv) = adv_at(gid)?;
            patches.push((at, (u32::from(adv) + extra).min(u32::from(u16::MAX)) as u16));
        }
    }
    if patches.is_empty() {
        return None;
    }
    Some((patches, record(b"head")?))
}

/// Whether `step` has a variant for this font, without building it (for the negative
/// steps: whether some closing mark is wider than the target; cheap, a few lookups).
pub(super) fn has_variant(data: &[u8], step: i8) -> bool {
    if step > 0 {
        return FontRef::new(data)
            .ok()
            .and_then(|f| f.hhea().ok())
            .is_some_and(|h| h.number_of_h_metrics() > 0);
    }
    variant_patches(data, step).is_some()
}
