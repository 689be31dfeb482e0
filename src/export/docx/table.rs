//! Tables in DOCX from the model's resolved grid (the same grid the PDF uses): `w:gridSpan`
//! for column spans, `w:vMerge` restart/continue for row spans, fixed widths, 0.5 pt borders.

use docx_rs::{
    AlignmentType, BorderType, Paragraph as DParagraph, Table as DTable, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableLayoutType, TableRow, VAlignType,
    VMergeType, WidthType,
};

use crate::model::{Align, Slot, Table, VAlign};

use super::{tw, Writer};

impl Writer<'_> {
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
        let mut rows = Vec::with_capacity(g.rows);
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
            rows.push(TableRow::new(cells));
        }
        let border = |pos| {
            TableBorder::new(pos)
                .size(4)
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
        let table = DTable::new(rows)
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .set_borders(borders);
        self.header_rows.push(t.header_rows);
        let d = std::mem::take(&mut self.docx);
        self.docx = d.add_table(table);
        if let Some(note) = &t.note {
            let p = self.text_para("GwNote", note);
            self.push(p);
        }
    }
}
