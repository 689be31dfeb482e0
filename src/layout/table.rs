//! Tables: column widths, cells set in lines, row heights (rowspans included), pagination with
//! repeated header rows and split merged cells, borders drawn once per edge.

use crate::geom::Pt;
use crate::model::table::column_edges;
use crate::model::{Align, CellGrid, Run, Slot, Table, VAlign};
use crate::style::TextStyle;

use super::flow::{Flow, EM_ASCENT};
use super::frame::{line_items, Item};
use super::inline::Justify;
use super::paginate::{
    cut_heights, paginate, split_tall_rows, tall_rows, Cut, Measured, Start, MIN_PART_LINES,
};
use super::structure::{ArtifactKind, NodeId, StructKind, Tag};

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
        self.measure_table_capped(t, rows).0
    }

    /// Measures the first `rows` rows; `true` when the cells hold more lines than the page
    /// limit could print (cells past that point are left unset: a narrow column breaks a
    /// long cell into a line per character, and 2.5 million lines took 2.6 GB).
    fn measure_table_capped(&self, t: &Table, rows: usize) -> (Measured, bool) {
        let width = self.width();
        let edges = column_edges(&t.columns, width);
        let ts = self.table_text(t);
        let pad = self.style.table.padding;
        let pad_v = self.style.table.padding_vertical;
        let lh = ts.size * self.style.table.line_height;
        let g = &t.grid;
        let rows = rows.min(g.rows);
        let mut lines = Vec::with_capacity(g.cells.len());
        // Columns set side by side share the page, so the budget counts each column's lines.
        let per_page = (self.style.grid.line_pitch * self.style.grid.lines as f32 / lh).ceil();
        let budget = self.limits.max_pages * (per_page.max(1.0) as usize) * g.cols.max(1);
        let mut total = 0;
        for c in &g.cells {
            if c.row >= rows || total > budget {
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
            let set = self.set_runs(&runs, &ts, w, Pt::ZERO, justify);
            total += set.len();
            lines.push(set);
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
        let m = Measured {
            edges,
            lines,
            heights,
            line_height: lh,
            size: ts.size,
        };
        (m, total > budget)
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
        let (m, over) = self.measure_table_capped(t, t.grid.rows);
        if over {
            self.too_many_pages = true;
            return;
        }
        let bottom = self.style.grid.line_pitch * self.style.grid.lines as f32;
        let head: Pt = m.heights[..t.header_rows].iter().copied().sum();
        let pad_v = self.style.table.padding_vertical;
        // A row taller than a page (under the repeated header) is cut into parts by lines.
        let max = bottom - head - self.pitch();
        let tall = tall_rows(&t.grid, &m, max);
        let per = (((max - pad_v * 2.0) / m.line_height).floor() as usize).max(1);
        let part_height = |lines: usize| m.line_height * lines as f32 + pad_v * 2.0;
        // Title + header + first row stay together (of a tall first row, its first lines).
        let first_row = match m.heights.get(t.header_rows) {
            Some(_) if tall[t.header_rows] => part_height(MIN_PART_LINES.min(per)),
            Some(&h) => h,
            None => Pt::ZERO,
        };
        if self.y + self.title_height(t) + head + first_row > bottom && !self.page_empty() {
            self.new_page();
        }
        let table = self.open(StructKind::Table);
        if let Some(title) = &t.title {
            self.open_in(table, StructKind::Caption);
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
        let start = Start {
            y: self.y,
            page_empty: self.page_empty(),
            bottom,
        };
        // The first part of a tall row fills what is left of the page it starts on: lay out,
        // and where a tall row's first part was pushed to the next page, cut it to the room
        // it left behind. Each round settles one tall row, in order; rounds move heights only.
        let mut first: Vec<Option<usize>> = vec![None; t.grid.rows];
        let plan = loop {
            let cut = Cut {
                tall: &tall,
                per,
                first: &first,
            };
            let (heights, origin) = cut_heights(&t.grid, &m, &cut, pad_v);
            let plan = paginate(&heights, t.header_rows, head, start);
            let refit = plan.blocked.iter().find_map(|&(row, y)| {
                let (r, part) = origin[row];
                let room = ((bottom - y - pad_v * 2.0) / m.line_height).floor();
                (part == 0 && tall[r] && first[r].is_none() && room >= MIN_PART_LINES as f32)
                    .then_some((r, (room as usize).min(per)))
            });
            match refit {
                Some((r, lines)) => first[r] = Some(lines),
                None => break plan,
            }
        };
        let split = tall.contains(&true).then(|| {
            let cut = Cut {
                tall: &tall,
                per,
                first: &first,
            };
            let (_, origin) = cut_heights(&t.grid, &m, &cut, pad_v);
            (split_tall_rows(&t.grid, &m, &cut, pad_v), origin)
        });
        let (g, m) = match &split {
            Some(((g, m), _)) => (g, m),
            None => (&t.grid, &m),
        };
        // Structure: a row of cells per grid row of the table as written; the parts of a
        // row cut by pages are one row.
        let mut rows = Vec::with_capacity(t.grid.rows);
        for _ in 0..t.grid.rows {
            rows.push(self.structure.add(table, StructKind::Row));
        }
        let mut cells: Vec<NodeId> = Vec::with_capacity(t.grid.cells.len());
        for c in &t.grid.cells {
            let kind = StructKind::Cell {
                header: c.header,
                rowspan: c.rowspan as u32,
                colspan: c.colspan as u32,
            };
            cells.push(self.structure.add(rows[c.row], kind));
        }
        let nodes: Vec<NodeId> = match &split {
            Some((_, origin)) => g
                .cells
                .iter()
                .map(|c| match t.grid.slot(origin[c.row].0, c.col) {
                    Slot::Cell(i) | Slot::Merged(i) => cells[i],
                })
                .collect(),
            None => cells,
        };
        // Text of each cell is drawn once; header cells on every page.
        let mut drawn = vec![false; g.cells.len()];
        for (new_page, frag) in &plan.frags {
            if *new_page {
                self.new_page();
            }
            if self.too_many_pages {
                return;
            }
            self.draw_fragment(g, m, frag, &mut drawn, &nodes);
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
            self.open(StructKind::Paragraph);
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
    /// `nodes` are the structure elements of the cells of `g`.
    fn draw_fragment(
        &mut self,
        g: &CellGrid,
        m: &Measured,
        frag: &[usize],
        drawn: &mut [bool],
        nodes: &[NodeId],
    ) {
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
                // Header cells drawn again on a later page are artifacts: read once.
                let tag = if drawn[idx] {
                    Tag::Artifact(ArtifactKind::RepeatedHeader)
                } else {
                    Tag::Node(nodes[idx])
                };
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
                self.set_tag(tag);
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
        self.set_tag(Tag::Artifact(ArtifactKind::Layout));
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
