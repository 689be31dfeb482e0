//! Tables resolved into grids before layout: every slot of the grid is either a cell or
//! merged into one (the same grid feeds the PDF layout and the DOCX writer).

use crate::diag::{Diagnostic, Rule, Span};
use crate::geom::Pt;

/// Horizontal alignment of a cell's text.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Right-aligned with the decimal points (or, without one, the last digits) of the
    /// column's decimal cells one above the other: money columns.
    Decimal,
}

/// Vertical alignment of a cell's text in its (possibly merged) rows.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum VAlign {
    /// At the top.
    Top,
    /// Centred.
    Middle,
    /// At the bottom.
    Bottom,
}

/// A column width as written: a relative share or a fixed length.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum ColumnWidth {
    /// A share of the width the fixed columns leave (`2` takes twice a `1`'s).
    Relative(f32),
    /// A fixed width.
    Fixed(Pt),
}

/// A cell as written, before grid resolution.
#[derive(Clone, Debug)]
pub struct CellInput {
    /// The text (a number as written in the YAML).
    pub text: String,
    /// Columns spanned as written (validated ≥ 1 when the grid is resolved).
    pub colspan: i64,
    /// Rows spanned as written (validated ≥ 1 when the grid is resolved).
    pub rowspan: i64,
    /// `align` as written, `None` for the default.
    pub align: Option<Align>,
    /// `valign` as written, `None` for the default.
    pub valign: Option<VAlign>,
    /// True when the YAML value was a number (numbers are centred by default).
    pub numeric: bool,
    /// Where the cell is written.
    pub span: Option<Span>,
}

impl CellInput {
    /// A cell of `text` spanning one slot, with default alignment, written nowhere.
    pub fn text(text: impl Into<String>) -> CellInput {
        CellInput {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            align: None,
            valign: None,
            numeric: false,
            span: None,
        }
    }

    /// The cell spanning `colspan` columns and `rowspan` rows.
    pub fn span(mut self, colspan: i64, rowspan: i64) -> CellInput {
        self.colspan = colspan;
        self.rowspan = rowspan;
        self
    }

    /// The cell aligned `a`.
    pub fn align(mut self, a: Align) -> CellInput {
        self.align = Some(a);
        self
    }

    /// The cell marked as a number (centred by default).
    pub fn numeric(mut self) -> CellInput {
        self.numeric = true;
        self
    }
}

/// A placed cell: its text, its top-left slot and its spans (all ≥ 1).
#[derive(Clone, Debug)]
pub struct Cell {
    /// The text as printed (numbers as written in the YAML).
    pub text: String,
    /// 0-based row of the top-left slot.
    pub row: usize,
    /// 0-based column of the top-left slot.
    pub col: usize,
    /// Columns spanned, ≥ 1.
    pub colspan: usize,
    /// Rows spanned, ≥ 1.
    pub rowspan: usize,
    /// Horizontal alignment, defaults applied.
    pub align: Align,
    /// Vertical alignment, defaults applied.
    pub valign: VAlign,
    /// In the header rows (repeated on every page, `TH` in tagged PDF).
    pub header: bool,
    /// Where the cell is written.
    pub span: Option<Span>,
}

/// One slot of the grid.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The top-left slot of cell N.
    Cell(usize),
    /// Covered by cell N's colspan or rowspan.
    Merged(usize),
}

/// A resolved grid: `rows × cols` slots, every one covered exactly once.
#[derive(Clone, Debug)]
pub struct CellGrid {
    /// Number of columns, ≥ 1.
    pub cols: usize,
    /// Number of rows.
    pub rows: usize,
    /// The cells, in row-major order of their top-left slots.
    pub cells: Vec<Cell>,
    /// `rows × cols` slots, row-major.
    pub slots: Vec<Slot>,
}

impl CellGrid {
    /// The slot at (`row`, `col`), 0-based. Panics outside the grid.
    pub fn slot(&self, row: usize, col: usize) -> Slot {
        self.slots[row * self.cols + col]
    }

    /// The cell covering (row, col).
    pub fn cell_at(&self, row: usize, col: usize) -> &Cell {
        match self.slot(row, col) {
            Slot::Cell(i) | Slot::Merged(i) => &self.cells[i],
        }
    }

    /// Cells whose top-left slot is in `row`, left to right.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = &Cell> {
        (0..self.cols).filter_map(move |c| match self.slot(row, c) {
            Slot::Cell(i) => Some(&self.cells[i]),
            Slot::Merged(_) => None,
        })
    }
}

/// A table block: title, column widths, the resolved grid and the note under it.
#[derive(Clone, Debug)]
pub struct Table {
    /// The title printed above the table.
    pub title: Option<String>,
    /// Column widths as written; empty for equal columns.
    pub columns: Vec<ColumnWidth>,
    /// The first `header_rows` rows repeat at the top of every page.
    pub header_rows: usize,
    /// The resolved grid.
    pub grid: CellGrid,
    /// Text printed under the table.
    pub note: Option<String>,
    /// Cell text size for this table (`font-size`), `None` for the layout's.
    pub font_size: Option<Pt>,
    /// Where the table is written.
    pub span: Option<Span>,
}

/// Resolves rows of cells into a grid of `cols` columns (or, when `cols` is `None`, as many
/// as the first row spans). Reports every problem with the position of the offending cell.
pub fn resolve_grid(
    rows: &[Vec<CellInput>],
    header_rows: usize,
    cols: Option<usize>,
    limits: &crate::limits::Limits,
    table_span: Option<&Span>,
) -> Result<CellGrid, Vec<Diagnostic>> {
    let max_columns = limits.max_columns;
    let mut errs = Vec::new();
    let err = |cell: &CellInput, msg: String| {
        Diagnostic::error(cell.span.clone().or_else(|| table_span.cloned()), msg)
            .with_rule(Rule::Table)
    };
    for row in rows {
        for c in row {
            if c.colspan < 1 || c.rowspan < 1 {
                errs.push(err(
                    c,
                    format!(
                        "spans must be at least 1 (colspan {}, rowspan {})",
                        c.colspan, c.rowspan
                    ),
                ));
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let cols = cols.unwrap_or_else(|| {
        rows.first()
            .map(|r| r.iter().map(|c| c.colspan as usize).sum())
            .unwrap_or(0)
    });
    if cols == 0 {
        let d = Diagnostic::error(table_span.cloned(), "the table has no columns")
            .with_rule(Rule::Table);
        return Err(vec![d]);
    }
    if cols > max_columns {
        let d = Diagnostic::error(
            table_span.cloned(),
            format!("the table has {cols} columns, more than the limit of {max_columns}"),
        )
        .with_rule(Rule::Limit);
        return Err(vec![d]);
    }
    let nrows = rows.len();
    // Before the grid is allocated: 200,000 rows spanning 1,000 columns are 200 million slots.
    let n_slots = nrows.saturating_mul(cols);
    if n_slots > limits.max_table_slots {
        let d = Diagnostic::error(
            table_span.cloned(),
            format!(
                "the table has {nrows} rows of {cols} columns, {n_slots} places, more than the limit of {}",
                limits.max_table_slots
            ),
        )
        .with_rule(Rule::Limit)
        .with_hint("split the table, or use fewer columns");
        return Err(vec![d]);
    }
    let mut slots: Vec<Option<Slot>> = vec![None; n_slots];
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        let mut row_ok = true;
        for input in row {
            while c < cols && slots[r * cols + c].is_some() {
                c += 1;
            }
            let (cs, rs) = (input.colspan as usize, input.rowspan as usize);
            if c >= cols {
                errs.push(err(
                    input,
                    format!("row {} is too long: the table has {cols} columns", r + 1),
                ));
                row_ok = false;
                break;
            }
            if c + cs > cols {
                errs.push(err(
                    input,
                    format!(
                        "colspan {cs} starting at column {} runs past the table's right edge ({cols} columns)",
                        c + 1
                    ),
                ));
                row_ok = false;
                break;
            }
            if r + rs > nrows {
                errs.push(err(
                    input,
                    format!(
                        "rowspan {rs} starting at row {} runs past the table's last row ({nrows} rows)",
                        r + 1
                    ),
                ));
                row_ok = false;
                break;
            }
            let overlap =
                (r..r + rs).any(|rr| (c..c + cs).any(|cc| slots[rr * cols + cc].is_some()));
            if overlap {
                errs.push(err(
                    input,
                    format!("this cell overlaps a cell spanning from an earlier row (row {}, column {})", r + 1, c + 1),
                ));
                row_ok = false;
                break;
            }
            let idx = cells.len();
            for rr in r..r + rs {
                for cc in c..c + cs {
                    slots[rr * cols + cc] = Some(if rr == r && cc == c {
                        Slot::Cell(idx)
                    } else {
                        Slot::Merged(idx)
                    });
                }
            }
            let header = r < header_rows;
            let align =
                input
                    .align
                    .unwrap_or(if header || input.numeric || looks_numeric(&input.text) {
                        Align::Center
                    } else {
                        Align::Left
                    });
            cells.push(Cell {
                text: input.text.clone(),
                row: r,
                col: c,
                colspan: cs,
                rowspan: rs,
                align,
                valign: input.valign.unwrap_or(VAlign::Middle),
                header,
                span: input.span.clone(),
            });
            c += cs;
        }
        if row_ok {
            let filled = (0..cols)
                .filter(|&cc| slots[r * cols + cc].is_some())
                .count();
            if filled < cols {
                let at = row
                    .last()
                    .and_then(|c| c.span.clone())
                    .or_else(|| table_span.cloned());
                errs.push(
                    Diagnostic::error(
                        at,
                        format!(
                            "row {} is too short: it fills {filled} of {cols} columns once spans from rows above are counted",
                            r + 1
                        ),
                    )
                    .with_rule(Rule::Table),
                );
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let slots = slots
        .into_iter()
        .map(|s| s.expect("all slots filled"))
        .collect();
    Ok(CellGrid {
        cols,
        rows: nrows,
        cells,
        slots,
    })
}

/// Figures such as `0`, `2`, `38.47万元`, `增81`, `-14.94` are centred like numbers.
pub fn looks_numeric(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .trim_start_matches(['增', '减'])
        .trim_start_matches('少')
        .trim_end_matches("万元")
        .trim_end_matches(['元', '%', '件', '个']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == ',')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Column edges for the type width: fixed widths first, relative shares of the rest. When the
/// fixed widths alone are too wide, everything is scaled to fit.
pub fn column_edges(cols: &[ColumnWidth], width: Pt) -> Vec<Pt> {
    let fixed: Pt = cols
        .iter()
        .map(|c| match c {
            ColumnWidth::Fixed(p) => *p,
            ColumnWidth::Relative(_) => Pt::ZERO,
        })
        .sum();
    let rel: f32 = cols
        .iter()
        .map(|c| match c {
            ColumnWidth::Relative(r) => *r,
            ColumnWidth::Fixed(_) => 0.0,
        })
        .sum();
    let rest = (width - fixed).max(Pt::ZERO);
    let scale = if fixed.get() > width.get() {
        width / fixed
    } else {
        1.0
    };
    let mut edges = Vec::with_capacity(cols.len() + 1);
    let mut x = Pt::ZERO;
    edges.push(x);
    for c in cols {
        x += match c {
            ColumnWidth::Fixed(p) => *p * scale,
            ColumnWidth::Relative(r) if rel > 0.0 => rest * (r / rel),
            ColumnWidth::Relative(_) => Pt::ZERO,
        };
        edges.push(x);
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> CellInput {
        CellInput::text(s)
    }

    fn resolve(rows: Vec<Vec<CellInput>>) -> Result<CellGrid, Vec<Diagnostic>> {
        resolve_grid(&rows, 1, None, &Default::default(), None)
    }

    #[test]
    fn rowspans_and_colspans_fill_the_grid() {
        // Table C's header: 行政复议 colspan 5, 结果维持 rowspan 2 …
        let g = resolve(vec![
            vec![t("a").span(1, 2), t("b").span(2, 1)],
            vec![t("c"), t("d")],
            vec![t("e"), t("f"), t("g")],
        ])
        .unwrap();
        assert_eq!((g.rows, g.cols), (3, 3));
        assert_eq!(g.slot(1, 0), Slot::Merged(0));
        assert_eq!(g.cell_at(1, 1).text, "c");
        assert_eq!(g.cell_at(0, 2).text, "b");
        assert!(g.cells[0].header && !g.cells[4].header);
        assert_eq!(g.row_cells(1).count(), 2);
    }

    #[test]
    fn numbers_centre_and_labels_left() {
        let g = resolve(vec![
            vec![t("h1"), t("h2")],
            vec![t("规章"), t("38.47万元")],
        ])
        .unwrap();
        assert_eq!(g.cells[2].align, Align::Left);
        assert_eq!(g.cells[3].align, Align::Center);
        assert_eq!(g.cells[0].align, Align::Center);
    }

    #[test]
    fn each_error_is_reported() {
        let cases: Vec<(Vec<Vec<CellInput>>, &str)> = vec![
            (
                vec![vec![t("a"), t("b")], vec![t("a"), t("b"), t("c")]],
                "too long",
            ),
            (vec![vec![t("a"), t("b")], vec![t("a")]], "too short"),
            (
                vec![vec![t("a"), t("b")], vec![t("a"), t("b").span(2, 1)]],
                "right edge",
            ),
            (
                vec![vec![t("a"), t("b").span(1, 3)], vec![t("a"), t("b")]],
                "last row",
            ),
            (vec![vec![t("a").span(0, 1)]], "at least 1"),
            (vec![vec![t("a").span(1, -2)]], "at least 1"),
            (
                vec![vec![t("a").span(1, 2), t("b")], vec![t("x").span(2, 1)]],
                "right edge",
            ),
        ];
        for (rows, want) in cases {
            let e = resolve(rows).unwrap_err();
            assert!(e[0].message.contains(want), "{want}: {}", e[0].message);
        }
        let wide = vec![vec![t("a").span(5000, 1)]];
        let e = resolve_grid(&wide, 0, None, &Default::default(), None).unwrap_err();
        assert!(e[0].message.contains("limit"));
    }

    #[test]
    fn overlap_is_reported() {
        // (0,1) rowspan 2 covers (1,1); row 1's second cell colspan 2 from col 0 overlaps it.
        let rows = vec![
            vec![t("a"), t("b").span(1, 2), t("c")],
            vec![t("x").span(2, 1), t("y")],
        ];
        let e = resolve_grid(&rows, 0, Some(3), &Default::default(), None).unwrap_err();
        assert!(e[0].message.contains("overlaps"), "{}", e[0].message);
    }
}
