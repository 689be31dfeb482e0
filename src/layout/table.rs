//! Tables: column widths, cells set in lines, row heights (rowspans included), pagination with
//! repeated header rows and split merged cells, borders drawn once per edge.

use crate::geom::Pt;
use crate::model::table::column_edges;
use crate::model::{Align, CellGrid, Run, Slot, Table, VAlign};
use crate::style::TextStyle;

use super::flow::{Flow, EM_ASCENT};
use super::frame::{line_items, Item};
use super::inline::{measure, Justify, Line};
use super::paginate::{
    cut_heights, glued_rows, paginate, split_tall_rows, tall_rows, Cut, Measured, Start,
    MIN_BREAK_ROWS, MIN_PART_LINES,
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
                Align::Right | Align::Decimal => Justify::Right,
            };
            let runs = [Run {
                text: c.text.clone(),
                emphasis: false,
            }];
            let set = self.set_runs(&runs, &ts, w, Pt::ZERO, justify);
            total += set.len();
            lines.push(set);
        }
        self.align_decimals(g, &ts, &mut lines);
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
            if need.get() > have.get() {
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

    /// Decimal cells of a column, right-aligned, move left so their decimal points (or last
    /// digits, when they have none) stand one above the other: each by how much less than the
    /// column's widest its part from the point on is. One-line cells only.
    fn align_decimals(&self, g: &CellGrid, ts: &TextStyle, lines: &mut [Vec<Line>]) {
        if !g.cells.iter().any(|c| c.align == Align::Decimal) {
            return;
        }
        let spec = self.spec(ts, true);
        let tail = |text: &str| {
            let at = text
                .find('.')
                .or_else(|| text.rfind(|c: char| c.is_ascii_digit()).map(|i| i + 1))
                .unwrap_or(text.len());
            // Whole minus head: the glue between the last digit and 万元 belongs to the tail.
            measure(self.book, &spec, text) - measure(self.book, &spec, &text[..at])
        };
        let mut widest = vec![Pt::ZERO; g.cols];
        for c in g.cells.iter().filter(|c| c.align == Align::Decimal) {
            widest[c.col] = widest[c.col].max(tail(&c.text));
        }
        for (i, c) in g.cells.iter().enumerate() {
            if c.align != Align::Decimal || lines[i].len() != 1 {
                continue;
            }
            let shift = widest[c.col] - tail(&c.text);
            for p in &mut lines[i][0].glyphs {
                p.x -= shift;
            }
        }
    }

    fn title_height(&self, t: &Table) -> Pt {
        if t.title.is_some() {
            self.pitch()
        } else {
            Pt::ZERO
        }
    }

    /// Height that must fit on the page for the table to start there: the whole table when
    /// it is shorter than half the type area (it moves whole, with the heading before it);
    /// else the title, the header rows and the first body rows a break may leave behind
    /// (`MIN_BREAK_ROWS`, all of them when fewer could not be split; a block's label and
    /// column-header rows with its first data row).
    pub fn table_lead(&self, t: &Table) -> Pt {
        let bottom = self.style.grid.line_pitch * self.style.grid.lines as f32;
        let half = bottom * 0.5;
        // Only the rows that matter: a heading before a 10,000-row table measures a few.
        let ts = self.table_text(t);
        let min_row =
            ts.size * self.style.table.line_height + self.style.table.padding_vertical * 2.0;
        let upto = ((half / min_row).ceil() as usize + 2)
            .max(t.header_rows + 4)
            .min(t.grid.rows);
        let m = self.measure_table(t, upto);
        self.lead_of(t, &m, upto)
    }

    /// [`Flow::table_lead`] from the first `upto` rows measured in `m`.
    fn lead_of(&self, t: &Table, m: &Measured, upto: usize) -> Pt {
        let bottom = self.style.grid.line_pitch * self.style.grid.lines as f32;
        let head: Pt = m.heights[..t.header_rows].iter().copied().sum();
        let title = self.title_height(t);
        let pad_v = self.style.table.padding_vertical;
        let max = bottom - head - self.pitch();
        let rows = t.grid.rows;
        if upto >= rows {
            let all: Pt = m.heights.iter().copied().sum();
            if (title + all).get() <= bottom.get() * 0.5 {
                return title + all;
            }
        }
        let body = rows - t.header_rows;
        let mut n = if body < 2 * MIN_BREAK_ROWS {
            body
        } else {
            MIN_BREAK_ROWS
        };
        let glue = glued_rows(&t.grid);
        while t.header_rows + n < rows && t.header_rows + n > 0 && glue[t.header_rows + n - 1] {
            n += 1;
        }
        let mut lead = title + head;
        for r in t.header_rows..(t.header_rows + n).min(upto) {
            let h = m.heights[r];
            if h.get() > max.get() {
                // A tall row: its first lines start here, the rest follows.
                let per = ((max - pad_v * 2.0) / m.line_height).floor().max(1.0) as usize;
                lead += m.line_height * MIN_PART_LINES.min(per) as f32 + pad_v * 2.0;
                break;
            }
            lead += h;
        }
        lead
    }

    /// Lays out a table: title, header rows repeated on each page, body rows, notes.
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
        let lead = self.lead_of(t, &m, t.grid.rows);
        if self.y + lead > bottom && !self.page_empty() {
            self.new_page();
        }
        let table = self.open(StructKind::Table);
        if let Some(title) = &t.title {
            self.open_in(table, StructKind::Caption);
            let ts = self.style.table.title.clone();
            let spec = self.spec(&ts, true);
            let lines = super::title::title_lines(self.book, &spec, title, self.width());
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
        let glue = glued_rows(&t.grid);
        let mut first: Vec<Option<usize>> = vec![None; t.grid.rows];
        let plan = loop {
            let cut = Cut {
                tall: &tall,
                per,
                first: &first,
            };
            let (heights, origin) = cut_heights(&t.grid, &m, &cut, pad_v);
            // A tall row's parts may part; its last part keeps the row's glue.
            let glue: Vec<bool> = (0..origin.len())
                .map(|i| {
                    let r = origin[i].0;
                    glue[r] && origin.get(i + 1).is_none_or(|&(n, _)| n != r)
                })
                .collect();
            let plan = paginate(&heights, &glue, t.header_rows, head, start);
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
        let mut split = tall.contains(&true).then(|| {
            let cut = Cut {
                tall: &tall,
                per,
                first: &first,
            };
            let (_, origin) = cut_heights(&t.grid, &m, &cut, pad_v);
            (split_tall_rows(&t.grid, &m, &cut, pad_v), origin)
        });
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
            Some(((g, _), origin)) => g
                .cells
                .iter()
                .map(|c| match t.grid.slot(origin[c.row].0, c.col) {
                    Slot::Cell(i) | Slot::Merged(i) => cells[i],
                })
                .collect(),
            None => cells,
        };
        let mut m = m;
        let (g, m): (&CellGrid, &mut Measured) = match &mut split {
            Some(((g, m), _)) => (&*g, m),
            None => (&t.grid, &mut m),
        };
        // The note under the table, set now: its height counts in where the table ends.
        let note_style = TextStyle {
            size: self.style.table.note_size,
            ..self.table_text(t)
        };
        let note_lines = t.note.as_ref().map_or_else(Vec::new, |note| {
            let runs = [Run {
                text: note.clone(),
                emphasis: false,
            }];
            self.set_runs(
                &runs,
                &note_style,
                self.width(),
                Pt::ZERO,
                Justify::Justified,
            )
        });
        let note_lh = self.style.table.note_line_height();
        // The table (with its note) ends on a grid line, so the text after it always starts
        // the same distance below its last rule: the body rows of the last fragment share the
        // room left to the next line.
        if let Some((new_page, frag)) = plan.frags.last() {
            let y0 = if plan.frags.len() == 1 && !new_page {
                start.y
            } else {
                Pt::ZERO
            };
            let rows: Pt = frag.iter().map(|&r| m.heights[r]).sum();
            let end = y0 + rows + note_lh * note_lines.len() as f32;
            let target = self.pitch() * ((end / self.pitch()) - 0.001).ceil();
            let body = &frag[t.header_rows.min(frag.len())..];
            if end.get() < target.get() - 0.01
                && target.get() <= bottom.get() + 0.01
                && !body.is_empty()
            {
                let each = (target - end) / body.len() as f32;
                for &r in body {
                    m.heights[r] += each;
                }
            }
        }
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
        if !note_lines.is_empty() {
            self.open(StructKind::Paragraph);
        }
        let size = note_style.size;
        for l in &note_lines {
            if self.y + note_lh > bottom {
                self.new_page();
            }
            let y = self.top() + self.y + (note_lh - size) * 0.5 + size * EM_ASCENT;
            line_items(l, self.left(), y, 0.0, &mut self.items);
            self.y += note_lh;
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
        // Cell text: header cells on every page; a merged cell cut by a page break again in
        // each part where its text fits (else in its last part); other cells once.
        let mut done_here = vec![false; g.cells.len()];
        for (fi, &r) in frag.iter().enumerate() {
            for c in 0..g.cols {
                let idx = match g.slot(r, c) {
                    Slot::Cell(i) | Slot::Merged(i) => i,
                };
                let cell = &g.cells[idx];
                let again = cell.header || cell.rowspan > 1;
                if done_here[idx] || (drawn[idx] && !again) || cell.col != c {
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
                if content + pad_v * 2.0 > bot - top + Pt::new(0.01) && (!ends_here || drawn[idx]) {
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
                    color: crate::style::Color::BLACK,
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
                    color: crate::style::Color::BLACK,
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
