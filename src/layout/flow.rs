//! The flow: blocks top to bottom onto pages. Text sits on the line grid (22 lines at
//! 28.95 pt); tables sit between grid lines and the text after them snaps back to the grid.
//! Headings keep with what follows; pages fill to the last grid line; the 落款 stays with
//! the last lines of the body.

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Rule, Span};
use crate::geom::Pt;
use crate::limits::Limits;
use crate::model::{Block, Heading, Paragraph, Run};
use crate::style::{Role, Style, TextStyle};
use crate::text::FontBook;

use super::frame::{line_items, Item, OutlineItem, Page};
use super::inline::{self, Justify, Line, TextSpec};
use super::structure::{NodeId, StructKind, Structure, Tag};

/// The ideographic em box: its top is 0.88 em above the baseline (standards §1.4).
pub const EM_ASCENT: f32 = 0.88;

pub struct Flow<'a> {
    pub style: &'a Style,
    pub book: &'a FontBook,
    pub limits: &'a Limits,
    pub pages: Vec<Page>,
    pub items: Vec<Item>,
    /// Distance from the type area's top to the next free position.
    pub y: Pt,
    pub outline: Vec<OutlineItem>,
    pub warnings: Vec<Diagnostic>,
    pub too_many_pages: bool,
    /// The lines of the paragraph after a heading, set to decide the heading's keep-with-next
    /// and kept for placing it (keyed by the paragraph's address).
    set_ahead: RefCell<Option<(usize, Vec<Line>)>>,
    /// The document's logical structure, built in reading order as blocks are laid out.
    pub structure: Structure,
    /// The element new blocks are added to: the root, or an attachment's section.
    pub container: NodeId,
    /// What the content drawn next belongs to (repeated at the top of every page).
    tag: Tag,
    /// Indices of pages whose number is not printed (GB/T 9704 §7.5, before the 版记).
    pub unnumbered: Vec<usize>,
    /// Pages started for the 版记 (see [`super::PagedDocument::distribution_breaks`]).
    pub distribution_breaks: usize,
}

impl<'a> Flow<'a> {
    pub fn new(style: &'a Style, book: &'a FontBook, limits: &'a Limits) -> Flow<'a> {
        Flow {
            style,
            book,
            limits,
            pages: Vec::new(),
            items: Vec::new(),
            y: Pt::ZERO,
            outline: Vec::new(),
            warnings: Vec::new(),
            too_many_pages: false,
            set_ahead: RefCell::new(None),
            structure: Structure::default(),
            container: Structure::ROOT,
            tag: Tag::Artifact(super::structure::ArtifactKind::Layout),
            unnumbered: Vec::new(),
            distribution_breaks: 0,
        }
    }

    /// Adds a structure element of `kind` to the current container and makes it the owner
    /// of what is drawn next.
    pub fn open(&mut self, kind: StructKind) -> NodeId {
        self.open_in(self.container, kind)
    }

    /// Adds a structure element of `kind` to `parent` and makes it the owner of what is drawn
    /// next.
    pub fn open_in(&mut self, parent: NodeId, kind: StructKind) -> NodeId {
        let id = self.structure.add(parent, kind);
        self.set_tag(Tag::Node(id));
        id
    }

    /// Makes `tag` the owner of what is drawn next.
    pub fn set_tag(&mut self, tag: Tag) {
        if self.tag != tag || self.items.is_empty() {
            self.items.push(Item::Tag(tag));
        }
        self.tag = tag;
    }

    pub fn pitch(&self) -> Pt {
        self.style.grid.line_pitch
    }

    pub fn left(&self) -> Pt {
        self.style.page.margin_left
    }

    pub fn top(&self) -> Pt {
        self.style.page.margin_top
    }

    pub fn width(&self) -> Pt {
        self.style.page.type_width()
    }

    /// Usable height of the type area: the grid's lines (≤ 225 mm).
    pub fn height(&self) -> Pt {
        self.style.page.type_height()
    }

    /// Index of the next free grid line.
    pub fn next_line(&self) -> usize {
        ((self.y.get() / self.pitch().get()) - 0.001)
            .ceil()
            .max(0.0) as usize
    }

    pub fn free_lines(&self) -> usize {
        (self.style.grid.lines as usize).saturating_sub(self.next_line())
    }

    /// Nothing has been drawn on the current page (structure marks draw nothing).
    pub fn page_empty(&self) -> bool {
        !self.items.iter().any(|i| !matches!(i, Item::Tag(_)))
    }

    pub fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(Page {
            width: self.style.page.width,
            height: self.style.page.height,
            number: self.pages.len() + 1,
            numbered: true,
            items,
        });
        // The element being drawn goes on: the new page's content belongs to it too.
        self.items.push(Item::Tag(self.tag));
        self.y = Pt::ZERO;
        if self.pages.len() > self.limits.max_pages {
            self.too_many_pages = true;
        }
    }

    /// Finishes the last page and returns all pages.
    pub fn finish(mut self) -> (Vec<Page>, Vec<OutlineItem>, Vec<Diagnostic>, bool) {
        if !self.page_empty() || self.pages.is_empty() {
            self.new_page();
        }
        for &i in &self.unnumbered {
            if let Some(p) = self.pages.get_mut(i) {
                p.numbered = false;
            }
        }
        (self.pages, self.outline, self.warnings, self.too_many_pages)
    }

    /// Baseline of grid line `i` for text of `size`: the em box centred in the line's box.
    pub fn baseline(&self, i: usize, size: Pt) -> Pt {
        self.top() + self.pitch() * i as f32 + (self.pitch() - size) * 0.5 + size * EM_ASCENT
    }

    /// The text spec of a text style; body-size text in strict mode sits on the grid cell.
    pub fn spec(&self, ts: &TextStyle, latin: bool) -> TextSpec {
        text_spec(self.style, ts, latin)
    }

    /// Puts one line on the next grid line (starting a page when full), `x` from the left
    /// margin. Returns the grid line index used.
    pub fn put_line(&mut self, line: &Line, x: Pt, size: Pt) -> usize {
        if self.free_lines() == 0 {
            self.new_page();
        }
        let i = self.next_line();
        let y = self.baseline(i, size);
        let stroke = if self.style.emphasis_bold {
            self.style.emphasis_stroke
        } else {
            0.0
        };
        line_items(line, self.left() + x, y, stroke, &mut self.items);
        self.y = self.pitch() * (i + 1) as f32;
        i
    }

    /// Warns once per character that no font has (drawn as a box), and once per character
    /// drawn from a `fallback` font because its text's font lacks it (a 鲊 in a 仿宋 table
    /// comes out in another typeface): at the character itself when the text was written as
    /// such in the report, else at the start of its value.
    pub fn check_missing(&mut self, lines: &[Line], span: Option<&Span>) {
        let mut seen = BTreeSet::new();
        // Source characters the text may take: folded lines and indentation add some.
        let window = lines.iter().map(|l| l.glyphs.len()).sum::<usize>() * 2 + 64;
        for l in lines {
            for g in &l.glyphs {
                let g = &g.glyph;
                let missing = g.gid.is_none();
                if !(missing || g.fallback) || g.ch.is_whitespace() || !seen.insert(g.ch) {
                    continue;
                }
                let at = span.map(|s| s.find_char(g.ch, window).unwrap_or_else(|| s.clone()));
                let warning = if missing {
                    Diagnostic::warning(
                        at,
                        format!(
                            "the character `{}` (U+{:04X}) is in no font; it is drawn as a box",
                            g.ch, g.ch as u32
                        ),
                    )
                    .with_hint(
                        "add a font that has it with --font-dir, or to the layout's `fallback` fonts",
                    )
                } else {
                    Diagnostic::warning(
                        at,
                        format!(
                            "the character `{}` (U+{:04X}) is not in the text's font; it is drawn from the fallback font {}",
                            g.ch,
                            g.ch as u32,
                            self.book.face(g.font).family
                        ),
                    )
                    .with_hint("add a font that has it with --font-dir, or write the character another way")
                };
                self.warnings.push(warning.with_rule(Rule::Font));
            }
        }
    }

    /// Sets runs of a paragraph in a text style.
    pub fn set_runs(
        &self,
        runs: &[Run],
        ts: &TextStyle,
        width: Pt,
        indent: Pt,
        justify: Justify,
    ) -> Vec<Line> {
        let chars = chars_of(runs);
        let spec = self.spec(ts, true);
        inline::set_text(self.book, &spec, &chars, width, indent, justify)
    }

    /// Places lines of one paragraph, filling every page to its last grid line: no widow or
    /// orphan control, so each full body page holds 22 lines in the PDF as in the DOCX (Word
    /// and WPS 公文 templates turn widow control off). `keep_after` more lines must follow on
    /// the same page as the paragraph's last line (the 落款, GB/T 9704 §7.3.5.5).
    pub fn place_lines(
        &mut self,
        lines: &[Line],
        x: Pt,
        size: Pt,
        keep_after: usize,
    ) -> Option<(usize, usize)> {
        let mut idx = 0;
        let mut first_pos = None;
        while idx < lines.len() {
            if self.too_many_pages {
                return first_pos;
            }
            let free = self.free_lines();
            let remaining = lines.len() - idx;
            let mut k = take_here(remaining, free, keep_after);
            if k == 0 {
                if self.page_empty() {
                    k = remaining.min(free).max(1);
                } else {
                    self.new_page();
                    continue;
                }
            }
            for line in &lines[idx..idx + k] {
                let i = self.put_line(line, x, size);
                first_pos.get_or_insert((self.pages.len(), i));
            }
            idx += k;
            if idx < lines.len() {
                self.new_page();
            }
        }
        first_pos
    }

    pub fn paragraph(&mut self, p: &Paragraph, keep_after: usize) {
        self.open(StructKind::Paragraph);
        let lines = self.set_paragraph(p);
        self.check_missing(&lines, p.span.as_ref());
        self.place_lines(&lines, Pt::ZERO, self.style.body.size, keep_after);
    }

    /// The lines of a body paragraph; taken from `set_ahead` when [`Flow::starts_here`] set them.
    fn set_paragraph(&self, p: &Paragraph) -> Vec<Line> {
        if let Some((at, lines)) = self.set_ahead.borrow_mut().take() {
            if at == p as *const Paragraph as usize {
                return lines;
            }
        }
        self.set_runs(
            &p.runs,
            &self.style.body,
            self.width(),
            self.style.indent,
            Justify::Justified,
        )
    }

    /// Whether the first of `rest` starts on this page when `free` grid lines are left for
    /// it; `keep_last` lines must follow the last body block (the 落款). Asks the same rules
    /// that will place the block (the 落款 keep, a table's keeps), so a heading before it
    /// knows whether it would be left alone at the page's foot.
    fn starts_here(&self, rest: &[Block], free: usize, keep_last: usize) -> bool {
        let keep = if rest.len() == 1 { keep_last } else { 0 };
        match rest.first() {
            Some(Block::Paragraph(p)) => {
                let lines = self.set_paragraph(p);
                let n = lines.len();
                *self.set_ahead.borrow_mut() = Some((p as *const Paragraph as usize, lines));
                free > 0 && take_here(n, free, keep) > 0
            }
            Some(Block::Heading(h)) => {
                let n = self.heading_lines(h).len();
                n < free && self.starts_here(&rest[1..], free - n, keep_last)
            }
            Some(Block::Table(t)) => {
                self.table_lead(t).get() <= (self.pitch() * free as f32).get() + 0.01
            }
            Some(Block::PageBreak) | None => true,
        }
    }

    /// The lines of a heading, set in its level's style.
    fn heading_lines(&self, h: &Heading) -> Vec<Line> {
        let ts = self.style.heading(h.level);
        let runs = [Run {
            text: h.full_text(),
            emphasis: false,
        }];
        self.set_runs(
            &runs,
            ts,
            self.width(),
            self.style.indent,
            Justify::Justified,
        )
    }

    /// A heading; `rest` are the blocks after it, `keep_last` the lines that must follow the
    /// last of them.
    pub fn heading(&mut self, h: &Heading, rest: &[Block], keep_last: usize) {
        let ts = self.style.heading(h.level).clone();
        let lines = self.heading_lines(h);
        self.check_missing(&lines, h.span.as_ref());
        // A heading never ends a page (standards §1.7): decided after every rule that moves
        // the block after it, and only when moving helps (the pair fits on a fresh page).
        let n = lines.len();
        let page = self.style.grid.lines as usize;
        let stranded = |free: usize| n >= free || !self.starts_here(rest, free - n, keep_last);
        if !self.page_empty() && stranded(self.free_lines()) && !stranded(page) {
            self.new_page();
        }
        if self.free_lines() == 0 {
            self.new_page();
        }
        // The document title is H1; body headings are H2–H5 by depth.
        self.open(StructKind::Heading {
            level: h.level + 1,
            text: h.full_text(),
        });
        let page = self.pages.len();
        let i = self.next_line();
        self.outline.push(OutlineItem {
            level: h.level,
            title: h.full_text(),
            page,
            y: self.top() + self.pitch() * i as f32,
        });
        for l in &lines {
            self.put_line(l, Pt::ZERO, ts.size);
        }
    }

    /// Lays out body blocks. `keep_last` lines must follow the last paragraph (the 落款).
    pub fn blocks(&mut self, blocks: &[Block], keep_last: usize) {
        for (i, b) in blocks.iter().enumerate() {
            if self.too_many_pages {
                return;
            }
            let keep = if i + 1 == blocks.len() { keep_last } else { 0 };
            match b {
                Block::Paragraph(p) => self.paragraph(p, keep),
                Block::Heading(h) => self.heading(h, &blocks[i + 1..], keep_last),
                Block::Table(t) => self.table(t),
                Block::PageBreak => {
                    if !self.page_empty() {
                        self.new_page();
                    }
                }
            }
        }
    }

    /// Moves the cursor to the next grid line boundary (after a table).
    pub fn snap_to_grid(&mut self) {
        let i = self.next_line();
        self.y = self.pitch() * i as f32;
    }

    /// Skips `n` grid lines (blank lines), without starting a page for them.
    pub fn blank_lines(&mut self, n: u32) {
        let i = self.next_line() + n as usize;
        self.y = self.pitch() * i.min(self.style.grid.lines as usize) as f32;
    }
}

/// How many of a paragraph's `remaining` lines go on a page with `free` lines left, when
/// `keep_after` lines must follow its last line on the same page. Zero: the paragraph starts
/// on the next page (only the 落款 keep moves lines; a page is otherwise filled).
pub fn take_here(remaining: usize, free: usize, keep_after: usize) -> usize {
    if remaining <= free && remaining + keep_after > free {
        // The 落款 would land alone on the next page: take at least two lines along.
        remaining.saturating_sub(2)
    } else {
        remaining.min(free)
    }
}

/// The characters of runs with their emphasis flags; line breaks in the YAML are dropped.
pub fn chars_of(runs: &[Run]) -> Vec<(char, bool)> {
    let mut out = Vec::new();
    for r in runs {
        for c in r.text.chars() {
            match c {
                '\n' | '\r' => {}
                '\t' => out.push((' ', r.emphasis)),
                c if c.is_control() => {}
                c => out.push((c, r.emphasis)),
            }
        }
    }
    out
}

/// Sets the title: centred lines; a line given as one string is broken between words into
/// lines of balanced length (GB/T 9704 §7.3.1: lines symmetric, a trapezoid or diamond
/// shape; see [`super::title`]).
pub fn title_lines(
    flow: &Flow,
    title: &[String],
    explicit: bool,
    prefer: Option<usize>,
) -> Vec<Line> {
    let ts = flow.style.title.clone();
    let spec = flow.spec(&ts, false);
    let width = flow.width();
    let mut lines = Vec::new();
    for t in title {
        if explicit {
            let chars: Vec<(char, bool)> = t.chars().map(|c| (c, false)).collect();
            lines.extend(inline::set_text(
                flow.book,
                &spec,
                &chars,
                width,
                Pt::ZERO,
                Justify::Center,
            ));
        } else {
            lines.extend(super::title::title_lines_preferring(
                flow.book, &spec, t, width, prefer,
            ));
        }
    }
    lines
}

/// How text of `ts` is set under `style`: body-size text takes the grid's cell on a strict
/// grid, other sizes their own em; `latin` sets ASCII in the Latin face.
pub fn text_spec(style: &Style, ts: &TextStyle, latin: bool) -> TextSpec {
    let cell = if style.grid.strict && ts.size == style.body.size {
        style.cell()
    } else {
        ts.size
    };
    TextSpec {
        role: ts.role,
        size: ts.size,
        cell,
        // Digits in 黑体 titles and labels (「表1」, 「附件1」) stay in the heading face.
        latin: latin && ts.role != Role::Heading1,
        bold: ts.bold,
    }
}
