//! The general report format (report-format.md §2): YAML nodes → [`Report`].

use crate::diag::{Diagnostic, Rule};
use crate::geom::{parse_font_size, parse_length, Length};
use crate::limits::Limits;
use crate::yaml::{Node, Reader, Value};

use super::inline::parse_runs;
use super::numbering::Counter;
use super::report::*;
use super::table::{resolve_grid, Align, CellInput, ColumnWidth, Table, VAlign};

/// The top-level keys of a general report.
pub const REPORT_KEYS: &[&str] = &[
    "layout",
    "title",
    "recipient",
    "body",
    "attachments",
    "signature",
    "metadata",
    "head",
    "notes",
    "distribution",
    "format",
    "attendance",
];

/// Reads a general report. Problems go to `r.diags`; `None` when nothing usable remains.
pub fn general_report(r: &mut Reader, root: &Node, limits: &Limits) -> Option<Report> {
    let f = r.map(root, "the report", REPORT_KEYS)?;
    let layout = f.get("layout").and_then(|n| r.string(n, "`layout`"));
    let layout_span = f.get("layout").map(|n| r.span(n));
    let official = super::official::official(r, &f);
    let (title, explicit) = match f.get("title") {
        Some(n) => title(r, n),
        // A misspelt `titel` was already reported with the hint; say it once.
        None if hinted(r, "title") => (Vec::new(), false),
        // GB/T 9704 §10.2: an order's body follows its 令号.
        None if official.format == super::official::DocFormat::Order => (Vec::new(), false),
        None => {
            r.push(
                Diagnostic::error(Some(r.span(root)), "the report has no `title`")
                    .with_rule(Rule::Key)
                    .with_hint("add `title: …` (a string, or a list of lines)"),
            );
            (Vec::new(), false)
        }
    };
    let recipient = f.get("recipient").and_then(|n| r.string(n, "`recipient`"));
    let recipient_span = f.get("recipient").map(|n| r.span(n));
    let title_span = f.get("title").map(|n| r.span(n));
    let mut body = Vec::new();
    match f.get("body") {
        Some(n) => blocks(r, n, 1, limits, &mut body),
        None if hinted(r, "body") => {}
        None => r.push(
            Diagnostic::error(Some(r.span(root)), "the report has no `body`")
                .with_rule(Rule::Key)
                .with_hint("add `body:` with a list of paragraphs, headings and tables"),
        ),
    }
    number_headings(&mut body);
    let attachments: Vec<Attachment> = f
        .get("attachments")
        .map(|n| attachments(r, n, limits))
        .unwrap_or_default();
    // The block limit holds for the whole document: attachments have bodies of their own.
    let total = body.len() + attachments.iter().map(|a| a.body.len()).sum::<usize>();
    if total > limits.max_blocks {
        let at = f.get("attachments").map(|n| r.span(n));
        r.push(
            Diagnostic::error(
                at,
                format!(
                    "the report and its attachments have {total} blocks, more than the limit of {}",
                    limits.max_blocks
                ),
            )
            .with_rule(Rule::Limit)
            .with_hint("split the document; 5,000 pages hold about 110,000 lines"),
        );
        return None;
    }
    let signature = f.get("signature").and_then(|n| signature(r, n));
    let mut metadata = f
        .get("metadata")
        .map(|n| metadata(r, n))
        .unwrap_or_default();
    metadata.date = signature.as_ref().map(|s| s.date);
    Some(Report {
        layout,
        layout_span,
        title,
        title_explicit_lines: explicit,
        title_break: None,
        title_span,
        recipient,
        recipient_span,
        body,
        attachments,
        signature,
        official,
        metadata,
        summary: Vec::new(),
    })
}

/// Whether an unknown key was already reported with `key` as the suggestion.
fn hinted(r: &Reader, key: &str) -> bool {
    let hint = format!("did you mean `{key}`?");
    r.diags
        .iter()
        .any(|d| d.hint.as_deref() == Some(hint.as_str()))
}

/// `title`: a string, or a list of lines.
pub fn title(r: &mut Reader, n: &Node) -> (Vec<String>, bool) {
    match &n.value {
        Value::Seq(items) => {
            let lines: Vec<String> = items
                .iter()
                .filter_map(|i| r.string(i, "a title line"))
                .collect();
            if lines.is_empty() {
                r.error(n, "`title` has no lines");
            }
            (lines, true)
        }
        _ => match r.string(n, "`title`") {
            Some(s) if s.trim().is_empty() => {
                r.error(n, "`title` is empty");
                (Vec::new(), false)
            }
            Some(s) => (vec![s], false),
            None => (Vec::new(), false),
        },
    }
}

/// Assigns 一、（一）1.（1） numbers in document order (the layout's scheme of standards §1.6).
pub fn number_headings(blocks: &mut [Block]) {
    let mut counter = Counter::default();
    for b in blocks {
        if let Block::Heading(h) = b {
            if h.numbered {
                h.number = Some(counter.next(h.level));
            }
        }
    }
}

/// Reads a list of blocks at heading depth `level` (1 = top), flattening nested headings.
pub fn blocks(r: &mut Reader, n: &Node, level: u8, limits: &Limits, out: &mut Vec<Block>) {
    let Some(items) = n.as_seq() else {
        if n.value == Value::Null {
            return;
        }
        r.expected(n, "`body`", "a list of blocks");
        return;
    };
    for item in items {
        // Checked before the block is read: each block costs a line at least, and more
        // than 5,000 pages hold would only be laid out to be refused.
        if out.len() >= limits.max_blocks {
            r.push(
                Diagnostic::error(
                    Some(r.span(item)),
                    format!(
                        "the report has more than {} blocks (paragraphs, headings, tables), the limit",
                        limits.max_blocks
                    ),
                )
                .with_rule(Rule::Limit)
                .with_hint("split the document; 5,000 pages hold about 110,000 lines"),
            );
            return;
        }
        block(r, item, level, limits, out);
    }
}

fn block(r: &mut Reader, n: &Node, level: u8, limits: &Limits, out: &mut Vec<Block>) {
    match &n.value {
        Value::Str(s) if s.trim() == "page-break" => out.push(Block::PageBreak),
        Value::Str(_) | Value::Int(_) | Value::Float(_) => {
            let text = n.scalar_text(r.text).unwrap_or_default();
            if let Some(p) = paragraph(r, n, &text, limits) {
                out.push(Block::Paragraph(p));
            }
        }
        Value::Map(entries) => {
            let first = entries.first().and_then(|(k, _)| k.as_str()).unwrap_or("");
            if entries.iter().any(|(k, _)| k.as_str() == Some("heading")) {
                heading(r, n, level, limits, out);
            } else if entries.iter().any(|(k, _)| k.as_str() == Some("table")) {
                let Some(f) = r.map(n, "a table block", &["table"]) else {
                    return;
                };
                if let Some(t) = f.get("table").and_then(|t| table(r, t, limits)) {
                    out.push(Block::Table(Box::new(t)));
                }
            } else {
                let mut d = Diagnostic::error(
                    Some(r.span(n)),
                    format!("unknown block `{first}`: a block is a paragraph (a string), `heading`, `table` or `page-break`"),
                )
                .with_rule(Rule::Key);
                if let Some(s) = crate::diag::nearest(first, ["heading", "table"]) {
                    d = d.with_hint(format!("did you mean `{s}`?"));
                }
                r.push(d);
            }
        }
        _ => r.expected(
            n,
            "a block",
            "a paragraph (string), a heading, a table or `page-break`",
        ),
    }
}

pub(crate) fn paragraph(
    r: &mut Reader,
    n: &Node,
    text: &str,
    limits: &Limits,
) -> Option<Paragraph> {
    let count = text.chars().count();
    if count > limits.max_text_chars {
        r.push(
            Diagnostic::error(
                Some(r.span(n)),
                format!(
                    "this paragraph has {count} characters, more than the limit of {}",
                    limits.max_text_chars
                ),
            )
            .with_rule(Rule::Limit),
        );
        return None;
    }
    let (runs, unmatched) = parse_runs(text);
    if unmatched {
        r.push(
            Diagnostic::warning(Some(r.span(n)), "an unmatched `**` is printed as it is")
                .with_rule(Rule::Markup)
                .with_hint("emphasis is written `**text**`"),
        );
    }
    Some(Paragraph {
        runs,
        span: Some(r.span(n)),
    })
}

fn heading(r: &mut Reader, n: &Node, level: u8, limits: &Limits, out: &mut Vec<Block>) {
    let Some(f) = r.map(n, "a heading", &["heading", "body", "numbered"]) else {
        return;
    };
    if level > 4 {
        r.push(
            Diagnostic::error(
                Some(r.span(n)),
                "headings nest at most four levels deep (一、（一）1.（1）)",
            )
            .with_rule(Rule::Structure),
        );
        return;
    }
    let text = f
        .get("heading")
        .and_then(|t| r.string(t, "`heading`"))
        .unwrap_or_default();
    let numbered = match f.get("numbered") {
        None => true,
        Some(Node {
            value: Value::Bool(b),
            ..
        }) => *b,
        Some(other) => {
            r.expected(other, "`numbered`", "true or false");
            true
        }
    };
    out.push(Block::Heading(Heading {
        level,
        numbered,
        number: None,
        text,
        span: Some(r.span(n)),
    }));
    if let Some(b) = f.get("body") {
        blocks(r, b, level + 1, limits, out);
    }
}

fn attachments(r: &mut Reader, n: &Node, limits: &Limits) -> Vec<Attachment> {
    let Some(items) = n.as_seq() else {
        r.expected(n, "`attachments`", "a list");
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(f) = r.map(item, "an attachment", &["title", "body"]) else {
            continue;
        };
        let title = match f.get("title") {
            Some(t) => r.string(t, "an attachment's `title`").unwrap_or_default(),
            None => {
                r.error(item, "an attachment needs a `title`");
                String::new()
            }
        };
        let mut body = Vec::new();
        if let Some(b) = f.get("body") {
            blocks(r, b, 1, limits, &mut body);
        }
        number_headings(&mut body);
        out.push(Attachment { title, body });
    }
    out
}

pub use super::signature::{signature, SIGNATURE_KEYS};

pub(crate) fn date(r: &mut Reader, n: &Node) -> Option<Date> {
    let text = r.string(n, "`date`")?;
    match parse_date(&text) {
        Some(d) => Some(d),
        None => {
            r.push(
                Diagnostic::error(Some(r.span(n)), format!("`{text}` is not a date"))
                    .with_rule(Rule::Type)
                    .with_hint("write the date as YYYY-MM-DD, e.g. 2021-01-20"),
            );
            None
        }
    }
}

/// Parses `YYYY-MM-DD` and checks the day exists.
pub fn parse_date(text: &str) -> Option<Date> {
    let mut it = text.trim().split('-');
    let year: u16 = it.next()?.parse().ok()?;
    let month: u8 = it.next()?.parse().ok()?;
    let day: u8 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=days[month as usize - 1])
        .contains(&day)
        .then_some(Date { year, month, day })
}

fn metadata(r: &mut Reader, n: &Node) -> Metadata {
    let mut m = Metadata::default();
    let Some(f) = r.map(n, "`metadata`", &["author", "subject", "keywords"]) else {
        return m;
    };
    m.author = f.get("author").and_then(|a| r.string(a, "`author`"));
    m.subject = f.get("subject").and_then(|a| r.string(a, "`subject`"));
    if let Some(k) = f.get("keywords") {
        match k.as_seq() {
            Some(items) => {
                m.keywords = items
                    .iter()
                    .filter_map(|i| r.string(i, "a keyword"))
                    .collect()
            }
            None => m.keywords = r.string(k, "`keywords`").into_iter().collect(),
        }
    }
    m
}

/// The keys of a `table` block.
pub const TABLE_KEYS: &[&str] = &[
    "title",
    "columns",
    "align",
    "header",
    "rows",
    "note",
    "font-size",
];

pub(crate) fn table(r: &mut Reader, n: &Node, limits: &Limits) -> Option<Table> {
    let f = r.map(n, "`table`", TABLE_KEYS)?;
    let title = f
        .get("title")
        .and_then(|t| r.string(t, "a table's `title`"));
    let note = f.get("note").and_then(|t| r.string(t, "a table's `note`"));
    let font_size = f.get("font-size").and_then(|s| {
        let text = r.string(s, "`font-size`")?;
        match parse_font_size(&text) {
            Ok(p) => Some(p),
            Err(e) => {
                r.push(Diagnostic::error(Some(r.span(s)), e).with_rule(Rule::Type));
                None
            }
        }
    });
    let mut columns = Vec::new();
    let mut bad_columns = false;
    if let Some(c) = f.get("columns") {
        match c.as_seq() {
            Some(items) => {
                for item in items {
                    match column_width(r, item) {
                        Some(w) => columns.push(w),
                        None => bad_columns = true,
                    }
                }
            }
            None => {
                r.expected(
                    c,
                    "`columns`",
                    "a list of widths (numbers, or lengths like \"40mm\")",
                );
                bad_columns = true;
            }
        }
    }
    // `align:` a list with one value per column (`decimal` for money): the alignment of the
    // column's body cells that give none of their own.
    let mut col_align: Vec<Option<Align>> = Vec::new();
    if let Some(a) = f.get("align") {
        match a.as_seq() {
            Some(items) => {
                for item in items {
                    let text = r.string(item, "a column's `align`").unwrap_or_default();
                    match align_value(&text) {
                        Some(al) => col_align.push(Some(al)),
                        None => {
                            bad_choice(r, item, "align", &text, ALIGNS);
                            col_align.push(None);
                        }
                    }
                }
            }
            None => r.expected(a, "`align`", "a list of alignments, one per column"),
        }
    }
    let mut rows_in = Vec::new();
    let header = f
        .get("header")
        .map(|h| rows(r, h, limits, &mut rows_in))
        .unwrap_or(0);
    let body = f
        .get("rows")
        .map(|h| rows(r, h, limits, &mut rows_in))
        .unwrap_or(0);
    if header + body == 0 {
        r.error(n, "the table has no rows (add `header:` and `rows:`)");
        return None;
    }
    let cells: usize = rows_in.iter().map(Vec::len).sum();
    if cells > limits.max_table_cells {
        r.push(
            Diagnostic::error(
                Some(r.span(n)),
                format!(
                    "the table has {cells} cells, more than the limit of {}",
                    limits.max_table_cells
                ),
            )
            .with_rule(Rule::Limit),
        );
        return None;
    }
    if bad_columns {
        return None;
    }
    let span = r.span(n);
    let cols = (!columns.is_empty()).then_some(columns.len());
    match resolve_grid(&rows_in, header, cols, limits, Some(&span)) {
        Ok(mut grid) => {
            // Cells are resolved in input order: a cell's own `align` wins over its column's.
            let inputs = rows_in.iter().flatten();
            for (cell, input) in grid.cells.iter_mut().zip(inputs) {
                let column = col_align.get(cell.col).copied().flatten();
                if let (Some(al), None, false, 1) = (column, input.align, cell.header, cell.colspan)
                {
                    cell.align = al;
                }
            }
            if columns.is_empty() {
                columns = vec![ColumnWidth::Relative(1.0); grid.cols];
            }
            Some(Table {
                title,
                columns,
                header_rows: header,
                grid,
                note,
                font_size,
                span: Some(span),
            })
        }
        Err(diags) => {
            r.diags.extend(diags);
            None
        }
    }
}

fn column_width(r: &mut Reader, n: &Node) -> Option<ColumnWidth> {
    match &n.value {
        Value::Int(_) | Value::Float(_) => {
            let v = n.as_f64().unwrap_or(0.0);
            if v.is_finite() && v > 0.0 && v < 1e6 {
                Some(ColumnWidth::Relative(v as f32))
            } else {
                r.push(
                    Diagnostic::error(
                        Some(r.span(n)),
                        format!("a column width must be positive, found {v}"),
                    )
                    .with_rule(Rule::Table),
                );
                None
            }
        }
        Value::Str(s) => match parse_length(s) {
            Ok(Length::Abs(p)) if p.get() > 0.0 => Some(ColumnWidth::Fixed(p)),
            Ok(_) => {
                r.push(
                    Diagnostic::error(
                        Some(r.span(n)),
                        format!("a column width must be a positive length, found `{s}`"),
                    )
                    .with_rule(Rule::Table),
                );
                None
            }
            Err(e) => {
                r.push(Diagnostic::error(Some(r.span(n)), e).with_rule(Rule::Table));
                None
            }
        },
        _ => {
            r.expected(n, "a column width", "a number or a length such as \"40mm\"");
            None
        }
    }
}

/// Reads rows into `out`; returns how many were read.
fn rows(r: &mut Reader, n: &Node, limits: &Limits, out: &mut Vec<Vec<CellInput>>) -> usize {
    let Some(items) = n.as_seq() else {
        r.expected(n, "table rows", "a list of rows");
        return 0;
    };
    let mut count = 0;
    for row in items {
        let Some(cells) = row.as_seq() else {
            r.expected(row, "a table row", "a list of cells");
            continue;
        };
        if cells.len() > limits.max_columns {
            r.push(
                Diagnostic::error(
                    Some(r.span(row)),
                    format!(
                        "this row has {} cells, more than the limit of {} columns",
                        cells.len(),
                        limits.max_columns
                    ),
                )
                .with_rule(Rule::Limit),
            );
            continue;
        }
        let mut read = Vec::with_capacity(cells.len());
        for c in cells {
            let Some(input) = cell(r, c) else { continue };
            let count = input.text.chars().count();
            if count > limits.max_cell_chars {
                r.push(
                    Diagnostic::error(
                        input.span.clone(),
                        format!(
                            "this cell has {count} characters, more than the limit of {}",
                            limits.max_cell_chars
                        ),
                    )
                    .with_rule(Rule::Limit)
                    .with_hint("move long text out of the table into paragraphs"),
                );
                continue;
            }
            read.push(input);
        }
        out.push(read);
        count += 1;
    }
    count
}

/// The keys of a table cell written as a map.
pub const CELL_KEYS: &[&str] = &["text", "colspan", "rowspan", "align", "valign"];

/// The values of a cell's or a column's `align`.
const ALIGNS: &[&str] = &["left", "center", "right", "decimal"];

/// An `align` value.
fn align_value(text: &str) -> Option<Align> {
    Some(match text {
        "left" => Align::Left,
        "center" | "centre" => Align::Center,
        "right" => Align::Right,
        "decimal" => Align::Decimal,
        _ => return None,
    })
}

fn cell(r: &mut Reader, n: &Node) -> Option<CellInput> {
    let span = Some(r.span(n));
    match &n.value {
        Value::Null => Some(CellInput {
            span,
            ..CellInput::text("")
        }),
        Value::Str(_) | Value::Bool(_) => Some(CellInput {
            span,
            ..CellInput::text(n.scalar_text(r.text).unwrap_or_default())
        }),
        Value::Int(_) | Value::Float(_) => Some(CellInput {
            span,
            numeric: true,
            ..CellInput::text(n.scalar_text(r.text).unwrap_or_default())
        }),
        Value::Map(_) => {
            let f = r.map(n, "a cell", CELL_KEYS)?;
            let (text, numeric) = match f.get("text") {
                Some(t) if matches!(t.value, Value::Int(_) | Value::Float(_)) => {
                    (t.scalar_text(r.text).unwrap_or_default(), true)
                }
                Some(t) if t.value == Value::Null => (String::new(), false),
                Some(t) => (r.string(t, "a cell's `text`")?, false),
                None => (String::new(), false),
            };
            let colspan = span_value(r, f.get("colspan"), "colspan")?;
            let rowspan = span_value(r, f.get("rowspan"), "rowspan")?;
            let align = match f.get("align") {
                None => None,
                Some(a) => {
                    let text = r.string(a, "`align`")?;
                    match align_value(&text) {
                        Some(al) => Some(al),
                        None => {
                            bad_choice(r, a, "align", &text, ALIGNS);
                            return None;
                        }
                    }
                }
            };
            let valign = match f.get("valign") {
                None => None,
                Some(a) => Some(match r.string(a, "`valign`")?.as_str() {
                    "top" => VAlign::Top,
                    "middle" | "center" => VAlign::Middle,
                    "bottom" => VAlign::Bottom,
                    other => {
                        bad_choice(r, a, "valign", other, &["top", "middle", "bottom"]);
                        return None;
                    }
                }),
            };
            Some(CellInput {
                text,
                colspan,
                rowspan,
                align,
                valign,
                numeric,
                span,
            })
        }
        Value::Seq(_) => {
            r.expected(
                n,
                "a cell",
                "a string, a number or a map {text, colspan, rowspan}",
            );
            None
        }
    }
}

fn bad_choice(r: &mut Reader, n: &Node, key: &str, found: &str, choices: &[&str]) {
    let mut d = Diagnostic::error(
        Some(r.span(n)),
        format!(
            "`{key}` must be one of {}, found `{found}`",
            choices.join(", ")
        ),
    )
    .with_rule(Rule::Type);
    if let Some(s) = crate::diag::nearest(found, choices.iter().copied()) {
        d = d.with_hint(format!("did you mean `{s}`?"));
    }
    r.push(d);
}

fn span_value(r: &mut Reader, n: Option<&Node>, key: &str) -> Option<i64> {
    let Some(n) = n else { return Some(1) };
    match n.value {
        Value::Int(i) => Some(i),
        Value::Float(f) => {
            // Too large for an integer, or with a fraction: say what was written.
            let written = n.scalar_text(r.text).unwrap_or_else(|| f.to_string());
            let msg = if f.is_finite() && f.fract() == 0.0 {
                format!("`{key}` is {written}, far more cells than a table can span")
            } else {
                format!("`{key}` must be a whole number of cells, found {written}")
            };
            r.push(
                Diagnostic::error(Some(r.span(n)), msg)
                    .with_rule(Rule::Type)
                    .with_hint("a cell spans at most the table's columns (1000) or rows"),
            );
            None
        }
        _ => {
            r.expected(n, &format!("`{key}`"), "a whole number");
            None
        }
    }
}
