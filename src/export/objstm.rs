//! Packs the plain (non-stream) objects of a PDF written by krilla into compressed object
//! streams with a cross-reference stream (ISO 32000-1 §7.5.7, §7.5.8; PDF 1.5 and later,
//! allowed by PDF/A-2 and PDF/UA-1).
//!
//! Why: a tagged document has one structure element object per paragraph, heading and table
//! cell (359 for the seed report), about 90 bytes each plus a 20-byte cross-reference entry
//! when written plainly; compressed together they take a tenth of that. krilla (through
//! pdf-writer) writes only classic cross-reference tables, so the packing is done on its
//! output: the objects are copied byte for byte, their numbers kept.
//!
//! The input must have the shape krilla writes (header, `N 0 obj … endobj` objects found
//! through one classic `xref` table, a `trailer`); anything else is returned as `None` and
//! the caller keeps the file as it was.

use std::cell::RefCell;
use std::io::Write;

/// Objects per object stream: readers decompress a whole stream to reach one object.
const PER_STREAM: usize = 200;

/// The packed file, or `None` when `pdf` is not of the expected shape.
pub fn pack(pdf: &[u8]) -> Option<Vec<u8>> {
    let xref_at = startxref(pdf)?;
    let (entries, trailer) = xref_table(pdf, xref_at)?;
    // Objects in file order; each runs to the start of the next (or of the xref table).
    let mut used: Vec<(usize, u32)> = entries
        .iter()
        .enumerate()
        .filter_map(|(id, e)| e.map(|off| (off, id as u32)))
        .collect();
    used.sort_unstable();
    let first_at = used.first()?.0;
    let size = entries.len() as u32;
    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(&pdf[..first_at]);
    // Cross-reference entries of the new file: (type, field 2, field 3).
    let mut xref: Vec<(u8, u32, u16)> = vec![(0, 0, 0); size as usize];
    xref[0] = (0, 0, 65535);
    let mut plain: Vec<(u32, &[u8])> = Vec::new();
    for (k, &(off, id)) in used.iter().enumerate() {
        let end = used.get(k + 1).map_or(xref_at, |n| n.0);
        let obj = pdf.get(off..end)?;
        let head = format!("{id} 0 obj\n");
        let inner = obj.strip_prefix(head.as_bytes())?;
        let inner = trim_end(inner).strip_suffix(b"endobj")?;
        let inner = trim_end(inner);
        if inner.ends_with(b"endstream") {
            xref[id as usize] = (1, out.len() as u32, 0);
            out.extend_from_slice(obj);
        } else {
            plain.push((id, inner));
        }
    }
    let mut next_id = size;
    for group in plain.chunks(PER_STREAM) {
        let stream_id = next_id;
        next_id += 1;
        let mut index = Vec::new();
        let mut body = Vec::new();
        for (i, (id, inner)) in group.iter().enumerate() {
            let _ = write!(index, "{id} {} ", body.len());
            body.extend_from_slice(inner);
            body.push(b'\n');
            xref[*id as usize] = (2, stream_id, i as u16);
        }
        index.push(b'\n');
        let first = index.len();
        index.extend_from_slice(&body);
        let data = deflate(&index);
        xref.push((1, out.len() as u32, 0));
        let _ = write!(
            out,
            "{stream_id} 0 obj\n<</Type/ObjStm/N {}/First {first}/Filter/FlateDecode/Length {}>>\nstream\n",
            group.len(),
            data.len()
        );
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\n\n");
    }
    // The cross-reference stream itself is the last object.
    let xref_id = next_id;
    let xref_offset = out.len();
    xref.push((1, u32::try_from(xref_offset).ok()?, 0));
    let mut rows = Vec::with_capacity(xref.len() * 7);
    for &(t, a, b) in &xref {
        rows.push(t);
        rows.extend_from_slice(&a.to_be_bytes());
        rows.extend_from_slice(&b.to_be_bytes());
    }
    let data = deflate(&rows);
    let _ = write!(
        out,
        "{xref_id} 0 obj\n<</Type/XRef/Size {}/W[1 4 2]{trailer}/Filter/FlateDecode/Length {}>>\nstream\n",
        xref_id + 1,
        data.len()
    );
    out.extend_from_slice(&data);
    let _ = write!(
        out,
        "\nendstream\nendobj\n\nstartxref\n{xref_offset}\n%%EOF"
    );
    Some(out)
}

/// The offset after the last `startxref`.
fn startxref(pdf: &[u8]) -> Option<usize> {
    let tail = &pdf[pdf.len().saturating_sub(64)..];
    let at = find_last(tail, b"startxref")?;
    let rest = std::str::from_utf8(&tail[at + 9..]).ok()?;
    rest.split_whitespace().next()?.parse().ok()
}

/// The offsets of a classic xref table starting at object 0 (`None` for free entries) and
/// the trailer's entries other than `/Size`, as written.
#[allow(clippy::type_complexity)]
fn xref_table(pdf: &[u8], at: usize) -> Option<(Vec<Option<usize>>, String)> {
    let rest = pdf.get(at..)?.strip_prefix(b"xref\n0 ")?;
    let nl = rest.iter().position(|&b| b == b'\n')?;
    let n: usize = std::str::from_utf8(&rest[..nl]).ok()?.trim().parse().ok()?;
    let table = rest.get(nl + 1..nl + 1 + n * 20)?;
    let mut entries = Vec::with_capacity(n);
    for e in table.chunks_exact(20) {
        let off: usize = std::str::from_utf8(&e[..10]).ok()?.parse().ok()?;
        match (&e[11..16], e[17]) {
            (b"00000", b'n') => entries.push(Some(off)),
            (_, b'f') => entries.push(None),
            _ => return None,
        }
    }
    let after = &rest[nl + 1 + n * 20..];
    let after = after.strip_prefix(b"trailer\n")?;
    let end = find_last(after, b"startxref")?;
    let dict = std::str::from_utf8(trim_end(&after[..end])).ok()?;
    let dict = dict.strip_prefix("<<")?.strip_suffix(">>")?;
    // Drop `/Size N`: the xref stream has its own.
    let mut kept = String::with_capacity(dict.len());
    let mut s = dict;
    while let Some(i) = s.find("/Size") {
        kept.push_str(&s[..i]);
        let tail = s[i + 5..].trim_start();
        let digits = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        s = &tail[digits..];
    }
    kept.push_str(s);
    Some((entries, kept))
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn trim_end(b: &[u8]) -> &[u8] {
    let n = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &b[..n]
}

/// zlib (FlateDecode) at libdeflate level 1, as krilla compresses its streams (level 6 cost
/// 2.5 M instructions more per seed report for 1 KB).
fn deflate(data: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: RefCell<libdeflater::Compressor> = RefCell::new(
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(1).expect("a level")),
        );
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        let mut out = vec![0; c.zlib_compress_bound(data.len())];
        let n = c.zlib_compress(data, &mut out).expect("bound is enough");
        out.truncate(n);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal classic PDF as pdf-writer lays it out.
    fn classic() -> Vec<u8> {
        let objs = [
            "<</Type/Catalog/Pages 2 0 R>>".to_string(),
            "<</Type/Pages/Kids[3 0 R]/Count 1>>".into(),
            "<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]/Contents 4 0 R>>".into(),
            "<</Length 3>>\nstream\nq Q\nendstream".into(),
        ];
        let mut out = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n".to_vec();
        let mut offs = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offs.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n\n", i + 1).bytes());
        }
        let x = out.len();
        out.extend(b"xref\n0 5\n0000000000 65535 f\r\n");
        for o in offs {
            out.extend(format!("{o:010} 00000 n\r\n").bytes());
        }
        out.extend(b"trailer\n<</Size 5/Root 1 0 R/ID[(a)(b)]>>\nstartxref\n");
        out.extend(format!("{x}\n%%EOF").bytes());
        out
    }

    #[test]
    fn plain_objects_move_into_an_object_stream() {
        let packed = pack(&classic()).expect("packs");
        let text = String::from_utf8_lossy(&packed);
        assert!(text.contains("/Type/ObjStm/N 3"), "{text}");
        assert!(text.contains("/Type/XRef/Size 7/W[1 4 2]/Root 1 0 R/ID[(a)(b)]"));
        // The stream object stays as it was, at an offset the xref stream records.
        assert!(text.contains("4 0 obj\n<</Length 3>>\nstream\nq Q\nendstream\nendobj"));
        assert!(!text.contains("/Type/Catalog"), "the catalog is compressed");
        assert!(text.ends_with("%%EOF"));
    }

    #[test]
    fn other_shapes_are_left_alone() {
        assert!(pack(b"%PDF-1.7\nnot a pdf").is_none());
        let mut broken = classic();
        let at = broken.len() - 20;
        broken.truncate(at);
        assert!(pack(&broken).is_none());
    }
}
