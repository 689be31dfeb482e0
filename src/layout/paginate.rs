//! Table pagination: which rows go on which page (header rows repeated), and rows taller than
//! a page cut into parts by whole lines, the first part filling the page the row starts on.

use crate::geom::Pt;
use crate::model::{CellGrid, Slot, VAlign};

use super::inline::Line;

/// Fewest lines of a tall row left at the bottom of a page; fewer start the next page, as a
/// paragraph's first line never stands alone at a page's bottom.
pub const MIN_PART_LINES: usize = 2;

/// A table measured for a given width: column edges, the lines of every cell, row heights.
pub struct Measured {
    /// x of each column edge from the table's left (cols + 1 entries).
    pub edges: Vec<Pt>,
    pub lines: Vec<Vec<Line>>,
    pub heights: Vec<Pt>,
    pub line_height: Pt,
    pub size: Pt,
}

/// The page fragments of a table's rows.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Rows of each fragment, header rows first, and whether a new page comes before it.
    pub frags: Vec<(bool, Vec<usize>)>,
    /// Each row that did not fit where it would have started, and that y (before a break
    /// moved up for the keeps).
    pub blocked: Vec<(usize, Pt)>,
}

/// Where a table's page geometry stands when its rows start.
#[derive(Clone, Copy, Debug)]
pub struct Start {
    /// y below the type area's top where the first fragment starts.
    pub y: Pt,
    /// Nothing has been placed on the page yet.
    pub page_empty: bool,
    /// The bottom of the type area (y).
    pub bottom: Pt,
}

/// Fewest body rows on each side of a page break in a table: a break never leaves one row
/// (a 合计 row, say) alone under the repeated header, nor one row alone at a page's foot.
pub const MIN_BREAK_ROWS: usize = 2;

/// Splits `heights` into page fragments. Each fragment repeats the `header_rows` (of height
/// `head`); a row that does not fit goes to the next page, unless the page holds nothing else
/// (then it overflows rather than loop). A page never ends after a row marked in `glue` (a
/// block's label and column-header rows stay with its first data row), and a break leaves at
/// least [`MIN_BREAK_ROWS`] body rows on each side; when no break on a page keeps these rules,
/// the rows move to the next page, or (on a page holding nothing else) fill it.
pub fn paginate(heights: &[Pt], glue: &[bool], header_rows: usize, head: Pt, start: Start) -> Plan {
    let rows = heights.len();
    let mut plan = Plan::default();
    let (mut y_page, mut empty, mut first, mut new_before) =
        (start.y, start.page_empty, true, false);
    let mut row = header_rows;
    loop {
        let mut frag: Vec<usize> = (0..header_rows).collect();
        let mut y = y_page + head;
        let from = row;
        while row < rows {
            let h = heights[row];
            let over = y + h > start.bottom + Pt::new(0.01);
            if over && (row > from || !(empty || first && y_page.get() <= 0.0)) {
                break;
            }
            frag.push(row);
            y += h;
            row += 1;
        }
        if row < rows {
            plan.blocked.push((row, y));
        }
        if row < rows && row > from {
            // A break before `row`: move it up to the last place the rules allow.
            let allowed = |b: usize| {
                !glue.get(b - 1).copied().unwrap_or(false)
                    && b - from >= MIN_BREAK_ROWS.min(rows - from)
                    && rows - b >= MIN_BREAK_ROWS.min(rows - from)
            };
            match (from + 1..=row).rev().find(|&b| allowed(b)) {
                Some(b) => {
                    frag.truncate(header_rows + (b - from));
                    row = b;
                }
                None if !empty => {
                    // Nothing may end this page: the rows go on the next.
                    frag.truncate(header_rows);
                    row = from;
                }
                None => {}
            }
        }
        if frag.len() == header_rows && row < rows {
            // Not even one row fits here: the header goes with it to the next page.
            (y_page, empty, first, new_before) = (Pt::ZERO, true, false, true);
            continue;
        }
        if frag.is_empty() {
            break;
        }
        plan.frags.push((new_before, frag));
        if row >= rows {
            break;
        }
        (y_page, empty, first, new_before) = (Pt::ZERO, true, false, true);
    }
    plan
}

/// Rows that must not end a page: a full-width label row (one cell across every column) and
/// the column-header row under it, which introduce the data rows of their block.
pub fn glued_rows(g: &CellGrid) -> Vec<bool> {
    let label = |r: usize| {
        let mut cells = g.row_cells(r);
        matches!((cells.next(), cells.next()), (Some(c), None) if c.colspan == g.cols && g.cols > 1)
    };
    (0..g.rows)
        .map(|r| label(r) || r > 0 && label(r - 1) && r + 1 < g.rows && !label(r + 1))
        .collect()
}

/// Rows taller than `max` that can be cut: no merged cell crosses them.
pub fn tall_rows(g: &CellGrid, m: &Measured, max: Pt) -> Vec<bool> {
    let crossed = |r: usize| {
        g.cells
            .iter()
            .any(|c| c.rowspan > 1 && c.row <= r && r < c.row + c.rowspan)
    };
    (0..g.rows)
        .map(|r| m.heights[r].get() > max.get() && !crossed(r))
        .collect()
}

/// How tall rows are cut: `per` lines a part, the first part of row `r` `first[r]` lines when
/// set (to fill the page the row starts on).
pub struct Cut<'a> {
    pub tall: &'a [bool],
    pub per: usize,
    pub first: &'a [Option<usize>],
}

impl Cut<'_> {
    /// Line range of part `part` of row `r`.
    fn range(&self, r: usize, part: usize) -> (usize, usize) {
        let f = self.first[r].unwrap_or(self.per).max(1);
        if part == 0 {
            (0, f)
        } else {
            let s = f + (part - 1) * self.per;
            (s, s + self.per)
        }
    }

    /// Parts of row `r`, whose fullest cell has `n` lines.
    fn parts(&self, r: usize, n: usize) -> usize {
        if !self.tall[r] {
            return 1;
        }
        let n = n.max(1);
        (0..).find(|&p| self.range(r, p).1 >= n).unwrap_or(0) + 1
    }
}

/// The heights of the rows once tall rows are cut, and the original row and part of each.
/// Cheap: no lines are copied.
pub fn cut_heights(
    g: &CellGrid,
    m: &Measured,
    cut: &Cut,
    pad_v: Pt,
) -> (Vec<Pt>, Vec<(usize, usize)>) {
    let mut heights = Vec::with_capacity(g.rows);
    let mut origin = Vec::with_capacity(g.rows);
    for r in 0..g.rows {
        if !cut.tall[r] {
            heights.push(m.heights[r]);
            origin.push((r, 0));
            continue;
        }
        let counts: Vec<usize> = g
            .row_cells(r)
            .map(|c| m.lines[index_of(g, c)].len())
            .collect();
        let n = counts.iter().copied().max().unwrap_or(0);
        for part in 0..cut.parts(r, n) {
            let (from, to) = cut.range(r, part);
            let most = counts.iter().map(|&k| k.min(to).saturating_sub(from)).max();
            heights.push(m.line_height * most.unwrap_or(1).max(1) as f32 + pad_v * 2.0);
            origin.push((r, part));
        }
    }
    (heights, origin)
}

/// A grid with its tall rows cut into parts, each part a row of its own (its cells closed by
/// borders). Rows crossed by a merged cell are never tall, so no rowspan reaches a cut row.
pub fn split_tall_rows(g: &CellGrid, m: &Measured, cut: &Cut, pad_v: Pt) -> (CellGrid, Measured) {
    let (heights, origin) = cut_heights(g, m, cut, pad_v);
    let mut cells = Vec::with_capacity(g.cells.len());
    let mut lines = Vec::with_capacity(g.cells.len());
    let mut slots: Vec<Slot> = Vec::with_capacity(g.slots.len());
    // The latest copy of each original cell.
    let mut copy_of: Vec<usize> = vec![0; g.cells.len()];
    for (row, &(r, part)) in origin.iter().enumerate() {
        let (from, to) = cut.range(r, part);
        for c in 0..g.cols {
            let (i, here) = match g.slot(r, c) {
                Slot::Cell(i) => (i, true),
                Slot::Merged(i) => (i, false),
            };
            if !here {
                // Covered slot: it belongs to the copy of its cell placed last.
                slots.push(Slot::Merged(copy_of[i]));
                continue;
            }
            let mut cell = g.cells[i].clone();
            cell.row = row;
            // A merged cell starting here keeps its span over the rows that follow.
            let ls = &m.lines[i];
            let part_lines = if cut.tall[r] {
                cell.valign = VAlign::Top;
                ls.iter().take(to).skip(from).cloned().collect()
            } else {
                ls.clone()
            };
            copy_of[i] = cells.len();
            slots.push(Slot::Cell(cells.len()));
            cells.push(cell);
            lines.push(part_lines);
        }
    }
    (
        CellGrid {
            cols: g.cols,
            rows: origin.len(),
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
    )
}

/// The index of a cell in its grid.
pub fn index_of(g: &CellGrid, c: &crate::model::Cell) -> usize {
    match g.slot(c.row, c.col) {
        Slot::Cell(i) | Slot::Merged(i) => i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(y: f32, page_empty: bool) -> Start {
        Start {
            y: Pt::new(y),
            page_empty,
            bottom: Pt::new(100.0),
        }
    }

    #[test]
    fn rows_fill_pages_under_a_repeated_header() {
        let h = [
            Pt::new(10.0),
            Pt::new(30.0),
            Pt::new(30.0),
            Pt::new(30.0),
            Pt::new(30.0),
        ];
        let plan = paginate(&h, &[], 1, Pt::new(10.0), start(0.0, true));
        // Three rows fit, but the last would stand alone under the repeated header.
        assert_eq!(
            plan.frags,
            vec![(false, vec![0, 1, 2]), (true, vec![0, 3, 4])]
        );
        assert_eq!(plan.blocked, vec![(4, Pt::new(100.0))]);
    }

    #[test]
    fn a_three_row_table_is_not_split_two_and_one() {
        // Issue 13: the 合计 row alone under the repeated header.
        let h = [Pt::new(10.0), Pt::new(20.0), Pt::new(20.0), Pt::new(20.0)];
        let plan = paginate(&h, &[], 1, Pt::new(10.0), start(40.0, false));
        assert_eq!(plan.frags, vec![(true, vec![0, 1, 2, 3])]);
    }

    #[test]
    fn a_block_label_and_its_column_header_never_end_a_page() {
        // Issue 13: 「第二十条第（九）项」 and its column header at a page's foot, the data row
        // alone on the next page. Rows 3 (label) and 4 (column header) are glued.
        let h = [Pt::new(20.0); 6];
        let glue = [false, false, false, true, true, false];
        let plan = paginate(&h, &glue, 0, Pt::ZERO, start(0.0, true));
        assert_eq!(
            plan.frags,
            vec![(false, vec![0, 1, 2]), (true, vec![3, 4, 5])]
        );
    }

    #[test]
    fn a_header_never_ends_a_page_alone() {
        let h = [Pt::new(10.0), Pt::new(30.0)];
        let plan = paginate(&h, &[], 1, Pt::new(10.0), start(70.0, false));
        assert_eq!(plan.frags, vec![(true, vec![0, 1])]);
        assert_eq!(plan.blocked[0], (1, Pt::new(80.0)));
    }

    #[test]
    fn a_cut_row_starts_with_the_first_part_then_whole_pages() {
        let cut = Cut {
            tall: &[false, true],
            per: 10,
            first: &[None, Some(3)],
        };
        assert_eq!(cut.range(1, 0), (0, 3));
        assert_eq!(cut.range(1, 1), (3, 13));
        assert_eq!(cut.parts(1, 25), 4); // 3 + 10 + 10 + 2
        assert_eq!(cut.parts(1, 23), 3);
        assert_eq!(cut.parts(0, 99), 1);
    }

    #[test]
    fn a_row_taller_than_a_page_overflows_an_empty_page_instead_of_looping() {
        let h = [Pt::new(10.0), Pt::new(300.0), Pt::new(10.0)];
        let plan = paginate(&h, &[], 1, Pt::new(10.0), start(0.0, true));
        assert_eq!(plan.frags, vec![(false, vec![0, 1]), (true, vec![0, 2])]);
    }
}
