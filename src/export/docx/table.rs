//! Tables in DOCX from the model's resolved grid (the same grid the PDF uses): the PDF's
//! column widths, `w:gridSpan` for column spans, `w:vMerge` restart/continue for row spans,
//! header rows repeated on every page (`w:tblHeader`), the layout's border width, cell
//! padding and line height. Each row is written as it is made: a table of 200,000 cells holds
//! no tree.

use crate::model::{Align, Slot, Table, VAlign as MVAlign};

use super::props::{Border, Jc, Line, PPr, RPr, Spacing, TblPr, TcPr, VAlign, VMerge};
use super::styles::id;
use super::units::{EighthPoints, HalfPoints, Twips};
use super::{Para, Writer};
use crate::style::Color;

impl Writer<'_> {
    pub(super) fn table(&mut self, t: &Table) {
        if let Some(title) = &t.title {
            let mut p = self.text_para(id::TABLE_TITLE, title);
            p.ppr.keep_next = true;
            self.push(p);
        }
        let style = self.style;
        let width = style.page.type_width();
        let edges = crate::model::table::column_edges(&t.columns, width);
        let widths: Vec<Twips> = edges
            .windows(2)
            .map(|w| Twips(Twips::of(w[1] - w[0]).0.max(1)))
            .collect();
        // A table's own font size (as the layout sets it) overrides the style's, with the
        // line height in proportion.
        let (size, spacing) = match t.font_size {
            Some(s) => (
                Some(HalfPoints::of(s)),
                Some(Spacing::exact(Twips::of(s * style.table.line_height))),
            ),
            None => (None, None),
        };
        let rpr = RPr {
            size,
            ..RPr::default()
        };
        let tbl = TblPr {
            width: widths.iter().copied().sum(),
            jc: Jc::Left,
            border: Border {
                line: Line::Single,
                width: EighthPoints::of(style.table.border),
                space: 0,
                color: Color::BLACK,
            },
            // The layout's cell padding (left/right and top/bottom), as in the PDF.
            cell_margin: (
                Twips::of(style.table.padding),
                Twips::of(style.table.padding_vertical),
            ),
        };
        let x = self.blocks_out();
        x.open("w:tbl", &[]);
        tbl.write(x);
        x.open("w:tblGrid", &[]);
        for w in &widths {
            x.empty("w:gridCol", &[("w:w", w.0.into())]);
        }
        x.close("w:tblGrid");
        let g = &t.grid;
        for r in 0..g.rows {
            x.open("w:tr", &[]);
            if r < t.header_rows {
                // Header rows repeat at the top of every page, as in the PDF.
                x.raw("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for c in 0..g.cols {
                let (idx, starts_here) = match g.slot(r, c) {
                    Slot::Cell(i) => (i, true),
                    Slot::Merged(i) => (i, false),
                };
                let cell = &g.cells[idx];
                if cell.col != c {
                    continue; // covered by the gridSpan of the cell to the left
                }
                x.open("w:tc", &[]);
                TcPr {
                    width: widths[cell.col..cell.col + cell.colspan]
                        .iter()
                        .copied()
                        .sum(),
                    span: cell.colspan,
                    vmerge: (cell.rowspan > 1).then_some(if starts_here {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    }),
                    valign: match cell.valign {
                        MVAlign::Top => VAlign::Top,
                        MVAlign::Middle => VAlign::Center,
                        MVAlign::Bottom => VAlign::Bottom,
                    },
                }
                .write(x);
                let mut p = Para::new(PPr {
                    style: Some(id::TABLE_TEXT),
                    spacing,
                    jc: Some(match cell.align {
                        Align::Left => Jc::Left,
                        Align::Center => Jc::Center,
                        // Word's decimal tab needs a tab stop per cell; right alignment
                        // is close.
                        Align::Right | Align::Decimal => Jc::Right,
                    }),
                    ..PPr::default()
                });
                if starts_here && !cell.text.is_empty() {
                    p.run(&cell.text, &rpr);
                }
                p.write(x);
                x.close("w:tc");
            }
            x.close("w:tr");
        }
        x.close("w:tbl");
        if let Some(note) = &t.note {
            let p = self.text_para(id::NOTE, note);
            self.push(p);
        }
    }
}
