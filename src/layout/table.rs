//! Tables: column widths, cells set in lines, row heights (rowspans included), pagination with
//! repeated header rows and split merged cells, borders drawn once per edge.

use crate::geom::Pt;
use crate::model::table::column_edges;
use crate::model::{Align, CellGrid, Run, Slot, Table, VAlign};
use crate::style::TextStyle;

use super::flow::{Flow, EM_ASCENT};
use super::frame::{line_items, Item};
use super::inline::{Justify, Line};

/// A table measured for a given width: column edges, the lines of every cell, row heights.
struct Measured {
    /// x of each column edge from the table's left (cols + 1 entries).
    edges: Vec<Pt>,
    lines: Vec<Vec<Line>>,
    heights: Vec<Pt>,
    line_height: Pt,
    size: Pt,
}

impl Flow<'_> {
    fn table_text(&self, t: &Table) -> TextStyle {
        let mut ts = self.style.table.text.clone();
        if let Some(size) = t.font_size {
            ts.size = size;
        }
        ts
    }

    /// Measures the first `rows` rows (cells starting there, merged cells within them).
    fn measure_table(&self, t: &Table, rows: usize) -> Measured {
        let width = self.width();
        let edges = column_edges(&t.columns, width);
        let ts = self.table_text(t);
        let pad = self.style.table.padding;
        let pad_v = self.style.table.padding_vertical;
        let lh = ts.size * self.style.table.line_height;
        let g = &t.grid;
        let rows = rows.min(g.rows);
        let mut lines = Vec::with_capacity(g.cells.len());
        for c in &g.cells {
            if c.row >= rows {
                lines.push(Vec::new());
                continue;
            }
            let w = (edges[c.col + c.colspan] - edges[c.col] - pad * 2.0).max(ts.size);
            let justify = match c.align {
                Align::Left => Justify::Left,
                Align::Center => Justify::Center,
                Align::Right => Justify::Right,
            };
            let runs = [Run {
                text: c.text.clone(),
                emphasis: false,
            }];
            lines.push(self.set_runs(&runs, &ts, w, Pt::ZERO, justify));
        }
        let min_h = lh + pad_v * 2.0;
        let mut heights = vec![min_h; g.rows];
        let content = |i: usize| lh * lines[i].len().max(1) as f32 + pad_v * 2.0;
        for (i, c) in g.cells.iter().enumerate() {
            if c.rowspan == 1 && c.row < rows {
                heights[c.row] = heights[c.row].max(content(i));
            }
        }
        // Merged cells: grow the last row they span if they need more room.
        let mut order: Vec<usize> = (0..g.cells.len())
            .filter(|&i| g.cells[i].rowspan > 1 && g.cells[i].row + g.cells[i].rowspan <= rows)
            .collect();
        order.sort_by_key(|&i| g.cells[i].rowspan);
        for i in order {
            let c = &g.cells[i];
            let have: Pt = heights[c.row..c.row + c.rowspan].iter().copied().sum();
            let need = content(i);
            if need.0 > have.0 {
                let extra = (need - have) / c.rowspan as f32;
                for h in &mut heights[c.row..c.row + c.rowspan] {
                    *h += extra;
                }
            }
        }
        Measured {
            edges,
            lines,
            heights,
            line_height: lh,
            size: ts.size,
        }
    }

    fn title_height(&self, t: &Table) -> Pt {
        if t.title.is_some() {
            self.pitch()
        } else {
            Pt::ZERO
        }
    }

    /// Height of the title, the header rows and the first body row: what must fit together.
    pub fn table_head_height(&self, t: &Table) -> Pt {
        // Only the rows that matter: a heading before a 10,000-row table measures four.
        let upto = (t.header_rows + 1).min(t.grid.rows);
        let m = self.measure_table(t, upto);
        self.title_height(t) + m.heights[..upto].iter().copied().sum()
    }

    pub fn table(&mut self, t: &Table) {
        let m = self.measure_table(t, t.grid.rows);
        let bottom = self.style.grid.line_pitch * self.style.grid.lines as f32;
        let head: Pt = m.heights[..t.header_rows].iter().copied().sum();
        // A row taller than a page (under the repeated header) is cut into parts by lines.
        let split = split_tall_rows(
            &t.grid,
            &m,
            bottom - head - self.pitch(),
            self.style.table.padding_vertical,
        );
        let (grid, m) = match split {
            Some((g, m)) => (std::borrow::Cow::Owned(g), m),
            None => (std::borrow::Cow::Borrowed(&t.grid), m),
        };
        let g: &CellGrid = &grid;
        // Title + header + first row stay together.
        let need =
            self.title_height(t) + head + m.heights.get(t.header_rows).copied().unwrap_or(Pt::ZERO);
        if self.y + need > bottom && !self.page_empty() {
            self.new_page();
        }
        if let Some(title) = &t.title {
            let ts = self.style.table.title.clone();
            let runs = [Run {
                text: title.clone(),
                emphasis: false,
            }];
            let lines = self.set_runs(&runs, &ts, self.width(), Pt::ZERO, Justify::Center);
            self.check_missing(&lines, t.span.as_ref());
            self.snap_to_grid();
            for l in &lines {
                self.put_line(l, Pt::ZERO, ts.size);
            }
        }
        for ls in &m.lines {
            self.check_missing(ls, t.span.as_ref());
        }
        // Split the body rows into page fragments. Each fragment repeats the header.
        let mut row = t.header_rows;
        let mut first = true;
        // Text of each cell is drawn once; header cells on every page.
        let mut drawn = vec![false; g.cells.len()];
        loop {
            if self.too_many_pages {
                return;
            }
            let mut frag: Vec<usize> = (0..t.header_rows).collect();
            let mut y = self.y + head;
            let start = row;
            while row < g.rows {
                let h = m.heights[row];
                if y + h > bottom + Pt(0.01) && row > start {
                    break;
                }
                if y + h > bottom + Pt(0.01) && !(self.page_empty() || first && self.y.0 <= 0.0) {
                    // Not even one row fits here: continue on the next page.
                    break;
                }
                frag.push(row);
                y += h;
                row += 1;
            }
            if frag.len() == t.header_rows && row < g.rows {
                self.new_page();
                first = false;
                continue;
            }
            if frag.is_empty() {
                break;
            }
            self.draw_fragment(g, &m, &frag, &mut drawn);
            first = false;
            if row >= g.rows {
                break;
            }
            self.new_page();
        }
        if let Some(note) = &t.note {
            let ts = TextStyle {
                size: self.style.table.note_size,
                ..self.table_text(t)
            };
            let runs = [Run {
                text: note.clone(),
                emphasis: false,
            }];
            let lines = self.set_runs(&runs, &ts, self.width(), Pt::ZERO, Justify::Justified);
            let lh = ts.size * 1.5;
            for l in &lines {
                if self.y + lh > bottom {
                    self.new_page();
                }
                let y = self.top() + self.y + (lh - ts.size) * 0.5 + ts.size * EM_ASCENT;
                line_items(l, self.left(), y, 0.0, &mut self.items);
                self.y += lh;
            }
        }
        // The paragraph after a table resumes on the line grid.
        self.snap_to_grid();
    }

    /// Draws the rows `frag` (header rows first) from the current y and advances it.
    fn draw_fragment(&mut self, g: &CellGrid, m: &Measured, frag: &[usize], drawn: &mut [bool]) {
        let x0 = self.left();
        let y0 = self.top() + self.y;
        // y of each fragment row's top edge, and the bottom.
        let mut tops = Vec::with_capacity(frag.len() + 1);
        let mut y = y0;
        for &r in frag {
            tops.push(y);
            y += m.heights[r];
        }
        tops.push(y);
        // Cell text: header cells on every page; other cells once, in the first fragment where
        // their text fits (a merged cell split by a page break), else in their last fragment.
        let mut done_here = vec![false; g.cells.len()];
        for (fi, &r) in frag.iter().enumerate() {
            for c in 0..g.cols {
                let idx = match g.slot(r, c) {
                    Slot::Cell(i) | Slot::Merged(i) => i,
                };
                let cell = &g.cells[idx];
                if done_here[idx] || (drawn[idx] && !cell.header) || cell.col != c {
                    continue;
                }
                done_here[idx] = true;
                // The visible part of the cell in this fragment: consecutive fragment rows it spans.
                let mut last = fi;
                while last + 1 < frag.len()
                    && frag[last + 1] < cell.row + cell.rowspan
                    && frag[last + 1] > frag[last]
                {
                    last += 1;
                }
                let top = tops[fi];
                let bot = tops[last + 1];
                let lines = &m.lines[idx];
                let content = m.line_height * lines.len() as f32;
                let pad_v = self.style.table.padding_vertical;
                let ends_here = frag[last] + 1 >= cell.row + cell.rowspan;
                if content + pad_v * 2.0 > bot - top + Pt(0.01) && !ends_here {
                    continue;
                }
                drawn[idx] = true;
                let free = (bot - top - content - pad_v * 2.0).max(Pt::ZERO);
                let ty = top
                    + pad_v
                    + match cell.valign {
                        VAlign::Top => Pt::ZERO,
                        VAlign::Middle => free * 0.5,
                        VAlign::Bottom => free,
                    };
                let cx = x0 + m.edges[cell.col] + self.style.table.padding;
                for (li, l) in lines.iter().enumerate() {
                    let base = ty
                        + m.line_height * li as f32
                        + (m.line_height - m.size) * 0.5
                        + m.size * EM_ASCENT;
                    line_items(l, cx, base, self.style.emphasis_stroke, &mut self.items);
                }
            }
        }
        self.borders(g, m, frag, &tops);
        self.y = y - self.top();
    }

    /// Borders, each edge once: an edge between two slots is drawn when they belong to
    /// different cells; the outline of the fragment is always drawn (split cells are closed).
    fn borders(&mut self, g: &CellGrid, m: &Measured, frag: &[usize], tops: &[Pt]) {
        let w = self.style.table.border;
        let x0 = self.left();
        let same = |r1: usize, c1: usize, r2: usize, c2: usize| {
            std::ptr::eq(g.cell_at(r1, c1), g.cell_at(r2, c2))
        };
        // Horizontal edges: above each fragment row and below the last.
        for k in 0..=frag.len() {
            let y = tops[k];
            let pieces = (0..g.cols).map(|c| {
                let draw = k == 0 || k == frag.len() || {
                    let (a, b) = (frag[k - 1], frag[k]);
                    b != a + 1 || !same(a, c, b, c)
                };
                (draw, x0 + m.edges[c], x0 + m.edges[c + 1])
            });
            for (s, e) in merge_segments(pieces) {
                self.items.push(Item::Rule {
                    x1: s,
                    y1: y,
                    x2: e,
                    y2: y,
                    width: w,
                });
            }
        }
        // Vertical edges: left of each column and right of the last, per fragment row.
        for c in 0..=g.cols {
            let x = x0 + m.edges[c];
            let pieces = frag.iter().enumerate().map(|(k, &r)| {
                let draw = c == 0 || c == g.cols || !same(r, c - 1, r, c);
                (draw, tops[k], tops[k + 1])
            });
            for (s, e) in merge_segments(pieces) {
                self.items.push(Item::Rule {
                    x1: x,
                    y1: s,
                    x2: x,
                    y2: e,
                    width: w,
                });
            }
        }
    }
}

/// Joins consecutive drawn pieces `(draw, from, to)` of one line into segments, so each
/// border is one stroke.
fn merge_segments(pieces: impl Iterator<Item = (bool, Pt, Pt)>) -> Vec<(Pt, Pt)> {
    let mut out = Vec::new();
    let mut run: Option<(Pt, Pt)> = None;
    for (draw, a, b) in pieces {
        run = match (draw, run) {
            (true, Some((s, _))) => Some((s, b)),
            (true, None) => Some((a, b)),
            (false, Some(seg)) => {
                out.push(seg);
                None
            }
            (false, None) => None,
        };
    }
    out.extend(run);
    out
}

/// Cuts rows taller than `max` into parts of whole lines, each part a row of its own (its
/// cells closed by borders), so that no row is taller than a page. Rows crossed by a merged
/// cell are left whole. `None` when no row needs it.
fn split_tall_rows(g: &CellGrid, m: &Measured, max: Pt, pad_v: Pt) -> Option<(CellGrid, Measured)> {
    let crossed = |r: usize| {
        g.cells
            .iter()
            .any(|c| c.rowspan > 1 && c.row <= r && r < c.row + c.rowspan)
    };
    let tall: Vec<bool> = (0..g.rows)
        .map(|r| m.heights[r].0 > max.0 && !crossed(r))
        .collect();
    if !tall.contains(&true) {
        return None;
    }
    let per = (((max - pad_v * 2.0) / m.line_height).floor() as usize).max(1);
    let mut cells = Vec::new();
    let mut lines = Vec::new();
    let mut heights = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    // The latest copy of each original cell.
    let mut copy_of: Vec<usize> = vec![0; g.cells.len()];
    let mut row = 0;
    for (r, &is_tall) in tall.iter().enumerate() {
        let parts = if is_tall {
            g.row_cells(r)
                .map(|c| m.lines[index_of(g, c)].len().div_ceil(per))
                .max()
                .unwrap_or(1)
                .max(1)
        } else {
            1
        };
        for part in 0..parts {
            for c in 0..g.cols {
                let (i, here) = match g.slot(r, c) {
                    Slot::Cell(i) => (i, true),
                    Slot::Merged(i) => (i, false),
                };
                let orig = &g.cells[i];
                if here {
                    let mut cell = orig.clone();
                    cell.row = row;
                    // A merged cell starting here keeps its span over the rows that follow.
                    let ls = &m.lines[i];
                    let part_lines = if is_tall {
                        ls.iter().skip(part * per).take(per).cloned().collect()
                    } else {
                        ls.clone()
                    };
                    if is_tall {
                        cell.valign = crate::model::VAlign::Top;
                    }
                    copy_of[i] = cells.len();
                    slots.push(Slot::Cell(cells.len()));
                    cells.push(cell);
                    lines.push(part_lines);
                } else {
                    // Covered slot: it belongs to the copy of its cell placed last.
                    slots.push(Slot::Merged(copy_of[i]));
                }
            }
            heights.push(if is_tall {
                let n = g.row_cells(r).map(|c| {
                    let total = m.lines[index_of(g, c)].len();
                    total.saturating_sub(part * per).min(per)
                });
                m.line_height * n.max().unwrap_or(1).max(1) as f32 + pad_v * 2.0
            } else {
                m.heights[r]
            });
            row += 1;
        }
    }
    // Rowspans of cells above a split row do not reach it (crossed rows are not split).
    Some((
        CellGrid {
            cols: g.cols,
            rows: row,
            cells,
            slots,
        },
        Measured {
            edges: m.edges.clone(),
            lines,
            heights,
            line_height: m.line_height,
            size: m.size,
        },
    ))
}

fn index_of(g: &CellGrid, c: &crate::model::Cell) -> usize {
    match g.slot(c.row, c.col) {
        Slot::Cell(i) | Slot::Merged(i) => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ColumnWidth;

    #[test]
    fn columns_fill_the_type_area() {
        let w = Pt::mm(156.0);
        let e = column_edges(&[ColumnWidth::Relative(3.0), ColumnWidth::Relative(1.0)], w);
        assert!(e[2].approx_eq(w));
        assert!(e[1].approx_eq(w * 0.75));
        let e = column_edges(
            &[ColumnWidth::Fixed(Pt::mm(40.0)), ColumnWidth::Relative(1.0)],
            w,
        );
        assert!(e[1].approx_eq(Pt::mm(40.0)));
        assert!(e[2].approx_eq(w));
        let e = column_edges(
            &[
                ColumnWidth::Fixed(Pt::mm(200.0)),
                ColumnWidth::Fixed(Pt::mm(200.0)),
            ],
            w,
        );
        assert!(e[2].approx_eq(w));
    }
}
