//! Tables in DOCX from the model's resolved grid (the same grid the PDF uses): `w:gridSpan`
//! for column spans, `w:vMerge` restart/continue for row spans, fixed widths, 0.5 pt borders.
//!
//! docx-rs holds a few kilobytes of properties per cell, so a table of 200,000 cells built as
//! one tree took 900 MB. Each row is turned into XML as soon as it is made and its tree
//! dropped; the document gets a placeholder (a bookmark start) that [`splice`] replaces with
//! the table's XML, byte for byte what docx-rs would have written for the whole table.

use docx_rs::{
    AlignmentType, BorderType, Paragraph as DParagraph, Table as DTable, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableRow, VAlignType,
    VMergeType, WidthType,
};

use docx_rs::BuildXML;

use crate::model::{Align, Slot, Table, VAlign};

/// The name of a placeholder bookmark; its id is the table's index plus [`FIRST_ID`].
const MARK: &str = "gongwen-table-placeholder";
const FIRST_ID: usize = 900_000_000;

/// Replaces each table placeholder of `document` with that table's XML, in order.
pub(super) fn splice(document: &[u8], tables: Vec<Vec<u8>>) -> Result<Vec<u8>, String> {
    let extra: usize = tables.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(document.len() + extra);
    let mut rest = document;
    for (i, t) in tables.into_iter().enumerate() {
        let mark = format!(
            r#"<w:bookmarkStart w:id="{}" w:name="{MARK}" />"#,
            FIRST_ID + i
        );
        let at =
            find(rest, mark.as_bytes()).ok_or_else(|| format!("table {i} has no placeholder"))?;
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(&t);
        rest = &rest[at + mark.len()..];
    }
    out.extend_from_slice(rest);
    Ok(out)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

use super::{tw, Writer};

impl Writer<'_> {
    /// A block-level XML fragment (a `w:p` or `w:tbl`) put in the document where this is
    /// called, through the placeholders [`splice`] replaces.
    pub(super) fn raw_block(&mut self, xml: Vec<u8>) {
        let id = FIRST_ID + self.tables.len();
        self.tables.push(xml);
        let d = std::mem::take(&mut self.docx);
        self.docx = d.add_bookmark_start(id, MARK);
    }

    pub(super) fn table(&mut self, t: &Table) {
        if let Some(title) = &t.title {
            let p = self.text_para("GwTableTitle", title).keep_next(true);
            self.push(p);
        }
        let width = self.style.page.type_width();
        let edges = crate::model::table::column_edges(&t.columns, width);
        let widths: Vec<usize> = edges
            .windows(2)
            .map(|w| tw(w[1] - w[0]).max(1) as usize)
            .collect();
        let g = &t.grid;
        let mut rows_xml = Vec::new();
        for r in 0..g.rows {
            let mut cells = Vec::new();
            for c in 0..g.cols {
                let (idx, starts_here) = match g.slot(r, c) {
                    Slot::Cell(i) => (i, true),
                    Slot::Merged(i) => (i, false),
                };
                let cell = &g.cells[idx];
                if cell.col != c {
                    continue; // covered by the gridSpan of the cell to the left
                }
                let w: usize = widths[cell.col..cell.col + cell.colspan].iter().sum();
                let mut tc =
                    TableCell::new()
                        .width(w, WidthType::Dxa)
                        .vertical_align(match cell.valign {
                            VAlign::Top => VAlignType::Top,
                            VAlign::Middle => VAlignType::Center,
                            VAlign::Bottom => VAlignType::Bottom,
                        });
                if cell.colspan > 1 {
                    tc = tc.grid_span(cell.colspan);
                }
                if cell.rowspan > 1 {
                    tc = tc.vertical_merge(if starts_here {
                        VMergeType::Restart
                    } else {
                        VMergeType::Continue
                    });
                }
                let text = if starts_here { cell.text.as_str() } else { "" };
                let align = match cell.align {
                    Align::Left => AlignmentType::Left,
                    Align::Center => AlignmentType::Center,
                    // Word's decimal tab needs a tab stop per cell; right alignment is close.
                    Align::Right | Align::Decimal => AlignmentType::Right,
                };
                let p = DParagraph::new()
                    .style("GwTableText")
                    .align(align)
                    .widow_control(false);
                let p = Self::runs(
                    p,
                    &[crate::model::Run {
                        text: text.to_string(),
                        emphasis: false,
                    }],
                );
                cells.push(tc.add_paragraph(p));
            }
            // Written now, its cells' trees dropped (see the module comment).
            rows_xml.extend_from_slice(&TableRow::new(cells).build());
        }
        // The layout's border width, in eighths of a point.
        let sz = ((self.style.table.border.get() * 8.0).round() as usize).clamp(2, 96);
        let border = |pos| {
            TableBorder::new(pos)
                .size(sz)
                .border_type(BorderType::Single)
                .color("000000")
        };
        let borders = TableBorders::new()
            .set(border(TableBorderPosition::Top))
            .set(border(TableBorderPosition::Left))
            .set(border(TableBorderPosition::Bottom))
            .set(border(TableBorderPosition::Right))
            .set(border(TableBorderPosition::InsideH))
            .set(border(TableBorderPosition::InsideV));
        let table = DTable::new(Vec::new())
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            // The layout's cell padding (left/right and top/bottom), as in the PDF.
            .margins({
                let (h, v) = (
                    tw(self.style.table.padding).max(0) as usize,
                    tw(self.style.table.padding_vertical).max(0) as usize,
                );
                docx_rs::TableCellMargins::new().margin(v, h, v, h)
            })
            .set_borders(borders);
        // The shell `<w:tbl>…<w:tblGrid>…</w:tblGrid></w:tbl>` with the rows put before its end.
        let mut xml = table.build();
        let end = b"</w:tbl>";
        let cut = xml.len().saturating_sub(end.len());
        debug_assert_eq!(&xml[cut..], end);
        xml.truncate(cut);
        xml.extend_from_slice(&rows_xml);
        xml.extend_from_slice(end);
        drop(rows_xml);
        self.header_rows.push(t.header_rows);
        let id = FIRST_ID + self.tables.len();
        self.tables.push(xml);
        let d = std::mem::take(&mut self.docx);
        self.docx = d.add_bookmark_start(id, MARK);
        if let Some(note) = &t.note {
            let p = self.text_para("GwNote", note);
            self.push(p);
        }
    }
}
