//! A streaming pass over a part docx-rs wrote: every byte is copied as it came except where the
//! OOXML schema or a report needs a change. Property children are put in schema order, theme
//! font attributes are dropped, and the header rows of each table get `w:tblHeader`.
//!
//! The document part of a form report is over 100 KB of XML; building a tree of it, editing
//! and serialising it again cost more than laying out the PDF. This pass allocates only for
//! the few small elements whose children it reorders.

use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// What the pass changes besides the schema order.
#[derive(Clone, Copy, Debug, Default)]
pub struct Edits<'a> {
    /// Header-row counts of the tables in document order (pre-order, as they start).
    pub header_rows: &'a [usize],
}

/// Rewrites `input` (a whole XML part). `order` gives the schema sequence of an element's
/// children when they must be sorted; children it does not name keep their order, last.
pub fn rewrite(
    input: &[u8],
    order: fn(&[u8]) -> Option<&'static [&'static str]>,
    edits: Edits,
) -> Result<Vec<u8>, String> {
    let mut pass = Pass {
        input,
        reader: Reader::from_reader(input),
        order,
        edits,
        tables: 0,
    };
    let mut out = Vec::with_capacity(input.len() + input.len() / 16);
    loop {
        let (event, raw) = pass.next()?;
        match event {
            Event::Eof => break,
            Event::Start(s) => pass.element(&s, raw, false, false, &mut out)?,
            Event::Empty(s) => pass.element(&s, raw, true, false, &mut out)?,
            Event::End(_) => return Err(format!("unbalanced end tag at byte {}", raw.start)),
            _ => out.extend_from_slice(&input[raw]),
        }
    }
    Ok(out)
}

struct Pass<'a> {
    input: &'a [u8],
    reader: Reader<&'a [u8]>,
    order: fn(&[u8]) -> Option<&'static [&'static str]>,
    edits: Edits<'a>,
    /// Tables started so far.
    tables: usize,
}

/// A child written in place: its rank in the schema order, where its bytes are in the output,
/// and (in a header row) its name.
struct Kid {
    rank: usize,
    range: Range<usize>,
    name: Option<Vec<u8>>,
}

/// A child of an element whose children are reordered: its name and its rewritten bytes.
struct Piece {
    name: Vec<u8>,
    bytes: Vec<u8>,
}

impl<'a> Pass<'a> {
    /// The next event and the input bytes it spans.
    fn next(&mut self) -> Result<(Event<'a>, Range<usize>), String> {
        let start = self.reader.buffer_position() as usize;
        let event = self
            .reader
            .read_event()
            .map_err(|e| format!("{e} at byte {start}"))?;
        let end = self.reader.buffer_position() as usize;
        Ok((event, start..end))
    }

    /// Copies the element that `s` starts (spanning `raw`), rewritten, to `out`. `header_row`:
    /// the element is a `w:tr` that must repeat on every page.
    fn element(
        &mut self,
        s: &BytesStart,
        raw: Range<usize>,
        empty: bool,
        header_row: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        let qname = s.name();
        let name = qname.as_ref();
        self.start_tag(s, raw, empty, out)?;
        if empty {
            if header_row {
                // A row with no content at all still repeats: give it its properties.
                out.truncate(out.len() - 2);
                out.extend_from_slice(b"><w:trPr><w:tblHeader/></w:trPr></w:tr>");
            }
            return Ok(());
        }
        let order = (self.order)(name);
        if order.is_none() && !header_row {
            return self.copy_children(name, out);
        }
        // Children are written in place, their ranges noted; only when they are out of order
        // (or a header row needs its properties) is the run cut into pieces and rebuilt.
        let body = out.len();
        let mut kids: Vec<Kid> = Vec::new();
        let end = loop {
            let (event, raw) = self.next()?;
            let empty = matches!(event, Event::Empty(_));
            let at = out.len();
            let rank = |name: Option<&[u8]>| match (order, name) {
                (Some(order), Some(n)) => order
                    .iter()
                    .position(|o| o.as_bytes() == n)
                    .unwrap_or(order.len()),
                (Some(order), None) => order.len(),
                (None, _) => 0,
            };
            let (rank, name) = match event {
                Event::Start(c) | Event::Empty(c) => {
                    let rank = rank(Some(c.name().as_ref()));
                    let name = header_row.then(|| c.name().as_ref().to_vec());
                    self.element(&c, raw, empty, false, out)?;
                    (rank, name)
                }
                Event::End(_) => break raw,
                Event::Eof => return Err("unclosed element at the end of the part".into()),
                _ => {
                    out.extend_from_slice(&self.input[raw]);
                    (rank(None), None)
                }
            };
            kids.push(Kid {
                rank,
                range: at..out.len(),
                name,
            });
        };
        let sorted = kids.windows(2).all(|w| w[0].rank <= w[1].rank);
        if !sorted || header_row {
            let mut pieces: Vec<(usize, Piece)> = kids
                .into_iter()
                .map(|k| {
                    let piece = Piece {
                        name: k.name.unwrap_or_default(),
                        bytes: out[k.range].to_vec(),
                    };
                    (k.rank, piece)
                })
                .collect();
            out.truncate(body);
            pieces.sort_by_key(|(rank, _)| *rank);
            let mut pieces: Vec<Piece> = pieces.into_iter().map(|(_, p)| p).collect();
            if header_row {
                mark_header(&mut pieces);
            }
            for p in &pieces {
                out.extend_from_slice(&p.bytes);
            }
        }
        out.extend_from_slice(&self.input[end]);
        Ok(())
    }

    /// Copies the children of an element that keeps its child order, then its end tag.
    fn copy_children(&mut self, name: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
        let (rows, is_table) = if name == b"w:tbl" {
            let n = self
                .edits
                .header_rows
                .get(self.tables)
                .copied()
                .unwrap_or(0);
            self.tables += 1;
            (n, true)
        } else {
            (0, false)
        };
        let mut row = 0;
        loop {
            let (event, raw) = self.next()?;
            let empty = matches!(event, Event::Empty(_));
            match event {
                Event::Start(c) | Event::Empty(c) => {
                    let is_row = is_table && c.name().as_ref() == b"w:tr";
                    let header = is_row && row < rows;
                    row += usize::from(is_row);
                    self.element(&c, raw, empty, header, out)?;
                }
                Event::End(_) => {
                    out.extend_from_slice(&self.input[raw]);
                    return Ok(());
                }
                Event::Eof => return Err("unclosed element at the end of the part".into()),
                _ => out.extend_from_slice(&self.input[raw]),
            }
        }
    }

    /// The start tag as it came, or without the attributes it must not have: theme font
    /// attributes, which would override the explicit font names (standards §1.14), and the
    /// `w:type` docx-rs writes on `w:gridCol` (CT_TblGridCol has only `w:w`).
    fn start_tag(
        &self,
        s: &BytesStart,
        raw: Range<usize>,
        empty: bool,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        let name = s.name();
        let drop = |key: &[u8]| match name.as_ref() {
            b"w:rFonts" => key.ends_with(b"Theme"),
            b"w:gridCol" => key == b"w:type",
            _ => false,
        };
        if !s.attributes().flatten().any(|a| drop(a.key.as_ref())) {
            out.extend_from_slice(&self.input[raw]);
            return Ok(());
        }
        out.push(b'<');
        out.extend_from_slice(s.name().as_ref());
        for a in s.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            if drop(a.key.as_ref()) {
                continue;
            }
            out.push(b' ');
            out.extend_from_slice(a.key.as_ref());
            out.extend_from_slice(b"=\"");
            // The raw (still escaped) value; quotes inside were written as &quot;.
            out.extend_from_slice(&a.value);
            out.push(b'"');
        }
        out.extend_from_slice(if empty { b"/>" } else { b">" });
        Ok(())
    }
}

/// Puts `w:tblHeader` into the row properties among a row's children, creating them (after
/// any `w:tblPrEx`, as the schema orders them) when the row has none.
fn mark_header(pieces: &mut Vec<Piece>) {
    const TAG: &[u8] = b"<w:tblHeader/>";
    if let Some(p) = pieces.iter_mut().find(|p| p.name == b"w:trPr") {
        if p.bytes
            .windows(TAG.len() - 2)
            .any(|w| w == &TAG[..TAG.len() - 2])
        {
            return;
        }
        if p.bytes.ends_with(b"/>") {
            p.bytes.truncate(p.bytes.len() - 2);
            p.bytes.extend_from_slice(b"><w:tblHeader/></w:trPr>");
        } else {
            let at = p.bytes.len() - b"</w:trPr>".len();
            p.bytes.splice(at..at, TAG.iter().copied());
        }
        return;
    }
    let at = usize::from(pieces.first().is_some_and(|p| p.name == b"w:tblPrEx"));
    pieces.insert(
        at,
        Piece {
            name: b"w:trPr".to_vec(),
            bytes: b"<w:trPr><w:tblHeader/></w:trPr>".to_vec(),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(name: &[u8]) -> Option<&'static [&'static str]> {
        match name {
            b"w:rPr" => Some(&["w:rFonts", "w:b", "w:sz"]),
            _ => None,
        }
    }

    fn run(src: &str, header_rows: &[usize]) -> String {
        String::from_utf8(rewrite(src.as_bytes(), order, Edits { header_rows }).unwrap()).unwrap()
    }

    #[test]
    fn copies_untouched_parts_byte_for_byte() {
        let src = "<?xml version=\"1.0\"?>\n<w:p a=\"1 &amp; 2\"><w:r><w:t xml:space=\"preserve\">甲 &lt;乙&gt;</w:t></w:r><!-- c --><w:br/></w:p>";
        assert_eq!(run(src, &[]), src);
    }

    #[test]
    fn sorts_property_children_and_nested_ones() {
        let src = r#"<w:r><w:rPr><w:sz w:val="32"/><w:x><w:rPr><w:b/><w:rFonts/></w:rPr></w:x><w:b/><w:rFonts w:ascii="A"/></w:rPr></w:r>"#;
        assert_eq!(
            run(src, &[]),
            r#"<w:r><w:rPr><w:rFonts w:ascii="A"/><w:b/><w:sz w:val="32"/><w:x><w:rPr><w:rFonts/><w:b/></w:rPr></w:x></w:rPr></w:r>"#
        );
    }

    #[test]
    fn drops_theme_font_attributes() {
        let src = r#"<w:rFonts w:ascii="A" w:asciiTheme="minorHAnsi" w:eastAsia="仿宋"/>"#;
        assert_eq!(
            run(src, &[]),
            r#"<w:rFonts w:ascii="A" w:eastAsia="仿宋"/>"#
        );
    }

    #[test]
    fn marks_the_header_rows_of_each_table() {
        let src = concat!(
            "<w:body><w:tbl><w:tr><w:tc/></w:tr><w:tr><w:trPr><w:trHeight/></w:trPr><w:tc/></w:tr>",
            "<w:tr><w:tc/></w:tr></w:tbl>",
            "<w:tbl><w:tr><w:tblPrEx/><w:trPr/><w:tc/></w:tr><w:tr><w:tc/></w:tr></w:tbl></w:body>"
        );
        assert_eq!(
            run(src, &[2, 1]),
            concat!(
                "<w:body><w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr>",
                "<w:tr><w:trPr><w:trHeight/><w:tblHeader/></w:trPr><w:tc/></w:tr>",
                "<w:tr><w:tc/></w:tr></w:tbl>",
                "<w:tbl><w:tr><w:tblPrEx/><w:trPr><w:tblHeader/></w:trPr><w:tc/></w:tr>",
                "<w:tr><w:tc/></w:tr></w:tbl></w:body>"
            )
        );
    }

    #[test]
    fn rejects_unbalanced_xml() {
        assert!(rewrite(b"<a><b></a>", order, Edits::default()).is_err());
        assert!(rewrite(b"<a>", order, Edits::default()).is_err());
    }
}
