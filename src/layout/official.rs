//! The parts that make a document official: the 版头 (GB/T 9704 §7.2), the sealed 落款 and the
//! 签发人签名章 (§7.3.5.1, §7.3.5.3), the 附注 (§7.3.6) and the 版记 (§7.4). Positions are
//! the standard's (standards §1.5, §1.8, §1.10); geometry comes from the layout's `head`,
//! `seal` and `distribution` sections.

use crate::geom::Pt;
use crate::image::Image;
use crate::model::{DistributionPart, DocFormat, FlagKind, HeadPart, Run, SignaturePart};
use crate::style::{Color, Style, TextStyle};
use crate::text::FontBook;

use super::flow::{text_spec, Flow, EM_ASCENT};
use super::frame::{line_items, Item};
use super::inline::{measure, Justify, Line};
use super::structure::{ArtifactKind, StructKind, Tag};

fn runs(text: &str) -> [Run; 1] {
    [Run {
        text: text.to_string(),
        emphasis: false,
    }]
}

/// Sets a list of names joined by `sep` (「、」 or 「，」) into lines of `width`, never breaking
/// inside a name that fits a line.
fn set_names(flow: &Flow, text: &str, sep: char, ts: &TextStyle, width: Pt) -> Vec<Line> {
    let chars: Vec<(char, bool)> = text.chars().map(|c| (c, false)).collect();
    let mut keep = Vec::new();
    let mut start = 0;
    for (i, &(c, _)) in chars.iter().enumerate() {
        if c == sep || c == '。' {
            keep.push((start, i + 1));
            start = i + 1;
        }
    }
    keep.push((start, chars.len()));
    let spec = flow.spec(ts, true);
    super::inline::set_text_keeping(flow.book, &spec, &chars, width, Justify::Justified, &keep)
}

/// Draws a set line at absolute page coordinates (`x` line start, `y` baseline) in `color`.
fn put_at(flow: &mut Flow, line: &Line, x: Pt, y: Pt, color: Color) {
    let from = flow.items.len();
    line_items(line, x, y, 0.0, &mut flow.items);
    for item in &mut flow.items[from..] {
        if let Item::Text(t) = item {
            t.color = color;
        }
    }
}

/// One line of text that never wraps (`width` is unbounded).
fn one_line(flow: &Flow, text: &str, ts: &TextStyle) -> Line {
    let mut lines = flow.set_runs(&runs(text), ts, Pt::new(1e6), Pt::ZERO, Justify::Left);
    lines.truncate(1);
    lines.pop().unwrap_or(Line {
        glyphs: Vec::new(),
        width: Pt::ZERO,
    })
}

/// A label that text follows on its line (「签发人：」, 「抄送：」, 「出席：」), set as if that text
/// were there: its colon keeps its full cell (a colon ending a line is squeezed), and the
/// glyph face is chosen so extraction reads label and text as one word. Its width is where the
/// text starts.
pub(super) fn label_line(flow: &Flow, label: &str, ts: &TextStyle) -> Line {
    let mut line = one_line(flow, &format!("{label}一"), ts);
    if let Some(last) = line.glyphs.pop() {
        line.width = last.x;
    }
    line
}

/// Spreads a line's glyphs evenly over `width` (联合行文: organ names of one width).
fn distribute(line: &mut Line, width: Pt) {
    let n = line.glyphs.len();
    if n < 2 || line.width >= width {
        return;
    }
    let extra = (width - line.width) / (n - 1) as f32;
    for (k, g) in line.glyphs.iter_mut().enumerate() {
        g.x += extra * k as f32;
    }
    line.width = width;
}

/// Squeezes a line horizontally to `factor` (a mark too long at the smallest size).
fn squeeze(line: &mut Line, factor: f32) {
    for g in &mut line.glyphs {
        g.x = g.x * factor;
        g.glyph.hscale *= factor;
    }
    line.width = line.width * factor;
}

/// The 版头 of the document's format.
pub fn head(flow: &mut Flow, h: &HeadPart) {
    match h.format {
        DocFormat::Letter => letter_head(flow, h),
        DocFormat::Order => order_head(flow, h),
        DocFormat::Document => document_head(flow, h, flow.style.head.mark_top),
        DocFormat::Minutes => document_head(flow, h, flow.style.head.minutes_mark_top),
    }
}

/// The text style of a 版头 line: 份号 in the body face, 密级 and 紧急程度 in 黑体 (三号).
fn flag_style(style: &Style, kind: FlagKind) -> TextStyle {
    TextStyle {
        role: match kind {
            FlagKind::CopyNumber => style.body.role,
            FlagKind::Flag => style.head.flag_role,
        },
        ..style.body.clone()
    }
}

/// 份号, 密级和保密期限, 紧急程度 on consecutive grid lines from the next free one.
fn flags(flow: &mut Flow, h: &HeadPart) {
    for (text, kind) in &h.flags {
        let ts = flag_style(flow.style, *kind);
        flow.open(StructKind::Paragraph);
        let line = one_line(flow, text, &ts);
        flow.check_missing(std::slice::from_ref(&line), None);
        flow.put_line(&line, Pt::ZERO, ts.size);
    }
}

/// The widest organ line of the mark and 「文件」 (joint marks) at `size`.
fn mark_widths(book: &FontBook, style: &Style, h: &HeadPart, size: Pt) -> (Pt, Pt) {
    let ts = TextStyle {
        role: style.head.mark_role,
        size,
        bold: false,
    };
    let spec = text_spec(style, &ts, false);
    let names = h
        .mark
        .iter()
        .map(|t| measure(book, &spec, t))
        .fold(Pt::ZERO, Pt::max);
    let suffix = h
        .mark_suffix
        .as_deref()
        .map(|s| measure(book, &spec, s))
        .unwrap_or(Pt::ZERO);
    (names, suffix)
}

/// The mark's size and the horizontal scale of its characters (1: none): the layout's
/// `mark_size` when the widest line (with 「文件」 half an em after the names) fits the type
/// area's width, else as large as fits down to `mark_min_size`, and below that narrowed
/// (字符缩放) so that it never overflows. The DOCX sets the mark the same.
pub fn mark_fit(book: &FontBook, style: &Style, h: &HeadPart) -> (Pt, f32) {
    let hs = &style.head;
    let width = style.page.type_width();
    let natural = |size: Pt| {
        let (names, suffix) = mark_widths(book, style, h, size);
        let gap = if h.mark_suffix.is_some() {
            size * 0.5
        } else {
            Pt::ZERO
        };
        names + gap + suffix
    };
    let full = natural(hs.mark_size);
    let mut size = hs.mark_size;
    let mut factor = 1.0;
    if full > width {
        size = (hs.mark_size * (width / full)).max(hs.mark_min_size);
        let at_size = natural(size);
        if at_size > width {
            // Below the smallest size the characters are narrowed (字符缩放), never overflow.
            factor = width / at_size;
        }
    }
    (size, factor)
}

/// Where the 版头 of the 文件格式, the 纪要格式 and the 命令格式 (GB/T 9704 §7.2, §10.2,
/// §10.3) puts its lines, in grid lines from the type area's top: `document_head` and
/// `order_head` place them so, and the DOCX writer puts its paragraphs on the same lines.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadLines {
    /// The 发文字号's line (with 签发人, the first name's line; the number is on the last).
    pub number: usize,
    /// The red separator, from the type area's top: 4 mm below the em box of the number's (or
    /// the last name's) line, or of the mark when there is neither; `None` for a 令.
    pub separator: Option<Pt>,
    /// The title's (for a 令, the body's) first line, two blank lines below the separator.
    pub title: usize,
}

/// The lines of `h`'s 版头; `None` for the 信函, whose head is placed from the paper's edge,
/// not on the grid.
pub fn head_lines(book: &FontBook, style: &Style, h: &HeadPart) -> Option<HeadLines> {
    let hs = &style.head;
    let mark_top = match h.format {
        DocFormat::Document => hs.mark_top,
        DocFormat::Minutes => hs.minutes_mark_top,
        DocFormat::Order => hs.order_mark_top,
        DocFormat::Letter => return None,
    };
    let pitch = style.grid.line_pitch;
    let lines = style.grid.lines as usize;
    let size = mark_fit(book, style, h).0;
    let n = h.mark.len().max(1);
    let mark_bottom = mark_top + size + size * hs.joint_spacing * (n - 1) as f32;
    let line_after = |y: Pt| ((y.get() / pitch.get()) - 0.001).ceil().max(0.0) as usize;
    // The number's line `number_blank_lines` below the mark; the names of 签发人 one a line
    // from there, the number on the last.
    let number = (line_after(mark_bottom) + hs.number_blank_lines as usize).min(lines);
    if h.format == DocFormat::Order {
        // No separator: the body two blank lines below the 令号.
        let title = number + usize::from(h.number.is_some()) + hs.title_blank_lines as usize;
        return Some(HeadLines {
            number,
            separator: None,
            title: title.min(lines),
        });
    }
    let em_bottom = match &h.signers {
        Some((_, names)) => {
            let last = number + names.len().max(1) - 1;
            pitch * last as f32 + (pitch + style.body.size) * 0.5
        }
        None if h.number.is_some() => pitch * number as f32 + (pitch + style.body.size) * 0.5,
        None => mark_bottom,
    };
    // The separator 4 mm below that em box, the title two blank lines below it.
    let sep = em_bottom + hs.separator_below;
    let title = line_after(sep + hs.separator_width * 0.5) + hs.title_blank_lines as usize;
    Some(HeadLines {
        number,
        separator: Some(sep),
        title: title.min(lines),
    })
}

/// Draws the red mark centred with its top edge `top` below the type area's top (negative:
/// above it), as large as fits the type area's width. Returns its bottom edge, from the type
/// area's top.
fn mark(flow: &mut Flow, h: &HeadPart, top: Pt) -> Pt {
    let style = flow.style;
    let hs = &style.head;
    let width = flow.width();
    let at = |size: Pt| TextStyle {
        role: hs.mark_role,
        size,
        bold: false,
    };
    let (size, factor) = mark_fit(flow.book, style, h);
    let widths = |flow: &Flow, size: Pt| mark_widths(flow.book, style, h, size);
    let ts = at(size);
    let (names_w, suffix_w) = widths(flow, size);
    let gap = if h.mark_suffix.is_some() {
        size * 0.5
    } else {
        Pt::ZERO
    };
    let block_w = (names_w + gap + suffix_w) * factor;
    let x0 = flow.left() + (width - block_w) * 0.5;
    let spacing = size * hs.joint_spacing;
    let n = h.mark.len().max(1);
    let mark_h = size + spacing * (n - 1) as f32;
    let mark_top = top;
    let top = flow.top() + top;
    flow.open(StructKind::Paragraph);
    for (k, t) in h.mark.iter().enumerate() {
        let mut line = one_line(flow, t, &ts);
        flow.check_missing(std::slice::from_ref(&line), None);
        if n > 1 {
            distribute(&mut line, names_w);
        }
        squeeze(&mut line, factor);
        let y = top + spacing * k as f32 + size * EM_ASCENT;
        put_at(flow, &line, x0, y, hs.color);
    }
    if let Some(s) = &h.mark_suffix {
        let mut line = one_line(flow, s, &ts);
        squeeze(&mut line, factor);
        // 「文件」 vertically centred on the stacked names.
        let y = top + (mark_h - size) * 0.5 + size * EM_ASCENT;
        put_at(flow, &line, x0 + (names_w + gap) * factor, y, hs.color);
    }
    mark_top + mark_h
}

/// 版头 of the 文件格式 (GB/T 9704 §7.2) and the 纪要格式 (§10.3): 份号/密级/紧急程度 flush left
/// from line 1; the red mark with its top edge `mark_top` below the type area's top, as large
/// as fits; the 发文字号 two blank lines below it (centred, or flush left with 签发人 on the
/// right); the red separator 4 mm below the 发文字号; the title two blank lines below the
/// separator. Everything after stays on the grid.
fn document_head(flow: &mut Flow, h: &HeadPart, mark_top: Pt) {
    let style = flow.style;
    let hs = &style.head;
    let body = style.body.clone();
    let cell = style.cell();
    let width = flow.width();
    flags(flow, h);
    mark(flow, h, mark_top);
    let lines = head_lines(flow.book, style, h).expect("the 文件格式 and 纪要格式 are on the grid");
    // The 发文字号 on the grid line `number_blank_lines` below the mark's bottom edge.
    flow.y = flow.pitch() * lines.number as f32;
    let indent = cell * hs.signer_indent;
    if let Some((label, names)) = &h.signers {
        // 上行文: 「签发人：」 (仿宋) and the names (楷体) right-indented one character, one
        // name a line aligned under the first; the 发文字号 flush left on the last name's line.
        let name_ts = TextStyle {
            role: hs.signer_name_role,
            ..body.clone()
        };
        let label_line = label_line(flow, label, &body);
        let name_lines: Vec<Line> = names.iter().map(|t| one_line(flow, t, &name_ts)).collect();
        let widest = name_lines.iter().map(|l| l.width).fold(Pt::ZERO, Pt::max);
        // The label takes its full cells: a colon at the end of a line set alone would be
        // squeezed to half a cell.
        let label_w = label_line.width;
        let label_x = width - indent - widest - label_w;
        flow.open(StructKind::Paragraph);
        for (k, l) in name_lines.iter().enumerate() {
            if flow.free_lines() == 0 {
                break;
            }
            let i = flow.next_line();
            if k == 0 {
                let y = flow.baseline(i, body.size);
                put_at(flow, &label_line, flow.left() + label_x, y, Color::BLACK);
            }
            if k + 1 == name_lines.len() {
                if let Some(num) = &h.number {
                    let nl = one_line(flow, num, &body);
                    let y = flow.baseline(i, body.size);
                    put_at(flow, &nl, flow.left() + indent, y, Color::BLACK);
                }
            }
            flow.put_line(l, label_x + label_w, body.size);
        }
    } else if let Some(num) = &h.number {
        flow.open(StructKind::Paragraph);
        let line = one_line(flow, num, &body);
        flow.check_missing(std::slice::from_ref(&line), None);
        flow.put_line(&line, (width - line.width) * 0.5, body.size);
    }
    // The red separator, the type area's width, 4 mm below the 发文字号.
    let sep = lines.separator.expect("a separator");
    flow.set_tag(Tag::Artifact(ArtifactKind::Layout));
    let y = flow.top() + sep;
    flow.items.push(Item::Rule {
        x1: flow.left(),
        y1: y,
        x2: flow.left() + width,
        y2: y,
        width: hs.separator_width,
        color: hs.color,
    });
    // The title two blank lines below it, on the grid.
    flow.y = flow.pitch() * lines.title as f32;
}

/// 命令（令）格式 (GB/T 9704 §10.2): the mark (organ + 「令」) 20 mm below the type area's
/// top; the 令号 centred two blank lines below it; the body two blank lines below the 令号.
fn order_head(flow: &mut Flow, h: &HeadPart) {
    let style = flow.style;
    let hs = &style.head;
    let body = style.body.clone();
    flags(flow, h);
    mark(flow, h, hs.order_mark_top);
    let lines = head_lines(flow.book, style, h).expect("the 命令格式 is on the grid");
    flow.y = flow.pitch() * lines.number as f32;
    if let Some(num) = &h.number {
        flow.open(StructKind::Paragraph);
        let line = one_line(flow, num, &body);
        flow.check_missing(std::slice::from_ref(&line), None);
        flow.put_line(&line, (flow.width() - line.width) * 0.5, body.size);
    }
    flow.y = flow.pitch() * lines.title as f32;
}

/// A double rule of `length` centred on the page at `y` (page coordinates): `first` above,
/// `second` below, `gap` between their edges.
fn double_rule(flow: &mut Flow, y: Pt, first: Pt, second: Pt) {
    let lt = &flow.style.head.letter;
    let page_w = flow.style.page.width;
    let x1 = (page_w - lt.rule_length) * 0.5;
    let x2 = x1 + lt.rule_length;
    let color = flow.style.head.color;
    let y1 = y + first * 0.5;
    let y2 = y + first + lt.gap + second * 0.5;
    for (y, w) in [(y1, first), (y2, second)] {
        flow.items.push(Item::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            width: w,
            color,
        });
    }
}

/// 信函格式 (GB/T 9704 §10.1): the mark's top edge 30 mm below the paper's top; a red double
/// rule (thick over thin) 4 mm below it and another (thin over thick) 20 mm above the paper's
/// bottom, both 170 mm and centred; 份号/密级/紧急程度 flush left and the 发文字号 flush right
/// under the first rule, 7/8 of a 三号 character below it; the title two lines below the last of
/// them; the first page unnumbered.
fn letter_head(flow: &mut Flow, h: &HeadPart) {
    let style = flow.style;
    let lt = style.head.letter.clone();
    let body = style.body.clone();
    let top = flow.top();
    let bottom = mark(flow, h, lt.mark_top - style.page.margin_top);
    flow.set_tag(Tag::Artifact(ArtifactKind::Layout));
    let rule_y = top + bottom + lt.rule_below;
    double_rule(flow, rule_y, lt.thick, lt.thin);
    let foot = style.page.height - lt.bottom_rule - lt.thick - lt.gap - lt.thin;
    double_rule(flow, foot, lt.thin, lt.thick);
    // The first element's em box starts `element_gap` below the rule's lower edge.
    let rule_bottom = rule_y + lt.thick + lt.gap + lt.thin;
    let first_baseline = rule_bottom + lt.element_gap + body.size * EM_ASCENT;
    let pitch = flow.pitch();
    let mut last = rule_bottom;
    for (k, (text, kind)) in h.flags.iter().enumerate() {
        let ts = flag_style(style, *kind);
        flow.open(StructKind::Paragraph);
        let line = one_line(flow, text, &ts);
        let y = first_baseline + pitch * k as f32;
        put_at(flow, &line, flow.left(), y, Color::BLACK);
        last = y + body.size * (1.0 - EM_ASCENT);
    }
    if let Some(num) = &h.number {
        flow.open(StructKind::Paragraph);
        let line = one_line(flow, num, &body);
        flow.check_missing(std::slice::from_ref(&line), None);
        let x = flow.left() + flow.width() - line.width;
        put_at(flow, &line, x, first_baseline, Color::BLACK);
        last = last.max(first_baseline + body.size * (1.0 - EM_ASCENT));
    }
    // The title two lines below the last element, on the grid.
    let rel = last - top;
    let next = (rel.get() / pitch.get() - 0.001).ceil().max(0.0) as usize;
    flow.y = pitch * next as f32;
    flow.blank_lines(2);
    // GB/T 9704 §7.5 / §10.1: the first page of a 信函 shows no page number.
    flow.unnumbered.push(0);
}

/// 纪要 (GB/T 9704 §10.3): one blank line below the body (or 附件说明), each list indented two
/// characters: the label in 黑体 with a full-width colon, the names in 仿宋 joined by 、, their
/// continuation lines aligned after the colon.
pub fn attendance(flow: &mut Flow, lists: &[(String, String)]) {
    let style = flow.style;
    let body = style.body.clone();
    let label_ts = TextStyle {
        role: style.head.flag_role,
        ..body.clone()
    };
    flow.blank_lines(1);
    for (label, names) in lists {
        flow.open(StructKind::Paragraph);
        let l = label_line(flow, label, &label_ts);
        // The label takes whole cells (its colon is not squeezed at the line's end).
        let x = style.indent + l.width;
        let lines = set_names(flow, names, '、', &body, flow.width() - x);
        flow.check_missing(&lines, None);
        if flow.free_lines() == 0 {
            flow.new_page();
        }
        let i = flow.next_line();
        let y = flow.baseline(i, body.size);
        put_at(flow, &l, flow.left() + style.indent, y, Color::BLACK);
        flow.place_lines(&lines, x, body.size, 0);
    }
}

/// Grid lines from the first line after the body to the date of a sealed 落款: the seal's top
/// lies within one line of the body (GB/T 9704 §7.3.5.1).
pub fn sealed_lines(style: &Style, sig: &SignaturePart) -> usize {
    let g = SealGeometry::new(style, &sig.seals);
    g.first + (g.rows - 1) * g.row_lines + 2
}

struct SealGeometry {
    /// Seal box (the largest seal).
    w: Pt,
    h: Pt,
    per_row: usize,
    rows: usize,
    /// Grid lines between rows of seals (联合行文).
    row_lines: usize,
    /// Line offset of the first row's issuer line from the first line after the body.
    first: usize,
}

impl SealGeometry {
    fn new(style: &Style, seals: &[&Image]) -> SealGeometry {
        let w = seals.iter().map(|s| s.width).fold(Pt::ZERO, Pt::max);
        let h = seals.iter().map(|s| s.height).fold(Pt::ZERO, Pt::max);
        let gap = style.seal.joint_gap;
        let width = style.page.type_width();
        let per_row = (((width + gap).get() / (w + gap).get()).floor() as usize).clamp(1, 3);
        let n = seals.len().max(1);
        let rows = n.div_ceil(per_row);
        let p = style.grid.line_pitch;
        let row_lines = ((h + gap).get() / p.get()).ceil() as usize;
        // The issuer + date block's centre (the boundary below the issuer line) lies
        // `text_below_centre` below the seal's centre; the seal's top must not rise into the
        // body: the first line offset k with (k + 1)·p − d − h/2 ≥ 0.
        let d = style.seal.text_below_centre;
        let first = (((d + h * 0.5).get() / p.get() - 0.001).ceil() as usize).saturating_sub(1);
        SealGeometry {
            w,
            h,
            per_row,
            rows,
            row_lines,
            first,
        }
    }
}

/// The sealed 落款 (GB/T 9704 §7.3.5.1): the date right-indented four characters, each issuer
/// centred over its seal, the last issuer centred on the date; each seal's centre a little
/// above its issuer and date (「骑年压月」), the first row's top within one line of the body.
/// Seals are drawn at their physical size, in front of the text.
pub fn sealed(flow: &mut Flow, sig: &SignaturePart) {
    let style = flow.style;
    let body = style.body.clone();
    let cell = style.cell();
    let g = SealGeometry::new(style, &sig.seals);
    let need = sealed_lines(style, sig);
    if flow.free_lines() < need {
        flow.new_page();
    }
    let width = flow.width();
    let date = one_line(flow, &sig.date, &body);
    let date_x = (width - cell * style.seal.date_right_indent - date.width).max(Pt::ZERO);
    let c_date = date_x + date.width * 0.5;
    let pitch = flow.pitch();
    let base = flow.next_line();
    let n = sig.issuers.len();
    let step = g.w + style.seal.joint_gap;
    flow.open(StructKind::Paragraph);
    let mut seals_at = Vec::new();
    for row in 0..g.rows {
        let from = row * g.per_row;
        let to = (from + g.per_row).min(n);
        let line = base + g.first + row * g.row_lines;
        let last_row = row + 1 == g.rows;
        for (j, k) in (from..to).enumerate() {
            let centre = c_date - step * (to - from - 1 - j) as f32;
            let name = one_line(flow, &sig.issuers[k], &body);
            flow.check_missing(std::slice::from_ref(&name), sig.span);
            let x = (centre - name.width * 0.5)
                .max(Pt::ZERO)
                .min(width - name.width);
            let y = flow.baseline(line, body.size);
            put_at(flow, &name, flow.left() + x, y, Color::BLACK);
            // The text's centre: issuer and date together on the last row, the issuer alone
            // above it.
            let text_centre = if last_row {
                pitch * (line + 1) as f32
            } else {
                pitch * line as f32 + pitch * 0.5
            };
            if let Some(img) = sig.seals.get(k) {
                let cy = text_centre - style.seal.text_below_centre;
                seals_at.push((
                    (*img).clone(),
                    flow.left() + centre - img.width * 0.5,
                    flow.top() + cy - img.height * 0.5,
                ));
            }
        }
    }
    let date_line = base + g.first + (g.rows - 1) * g.row_lines + 1;
    let y = flow.baseline(date_line, body.size);
    put_at(flow, &date, flow.left() + date_x, y, Color::BLACK);
    flow.y = pitch * (date_line + 1) as f32;
    let _ = g.h;
    flow.set_tag(Tag::Artifact(ArtifactKind::Layout));
    for (image, x, y) in seals_at {
        flow.items.push(Item::Image {
            x,
            y,
            width: image.width,
            height: image.height,
            image,
        });
    }
}

/// 签发人签名章 (GB/T 9704 §7.3.5.3): two blank lines below the body, the signature seal (or
/// the name) right-indented four characters with the signer's title two characters left of it,
/// the date one blank line below, right-indented four characters.
pub fn signer(flow: &mut Flow, sig: &SignaturePart) {
    let Some((title, name, seal)) = sig.signer else {
        return;
    };
    let style = flow.style;
    let body = style.body.clone();
    let cell = style.cell();
    let width = flow.width();
    if flow.free_lines() < 5 {
        flow.new_page();
    }
    flow.blank_lines(2);
    let line = flow.next_line();
    let right = width - cell * style.seal.date_right_indent;
    flow.open(StructKind::Paragraph);
    let (stamp_w, image) = match seal {
        Some(img) => (img.width, Some(img)),
        None => {
            let l = one_line(flow, name, &body);
            let w = l.width;
            let y = flow.baseline(line, body.size);
            put_at(flow, &l, flow.left() + right - w, y, Color::BLACK);
            (w, None)
        }
    };
    let t = one_line(flow, title, &body);
    let y = flow.baseline(line, body.size);
    let tx = (right - stamp_w - cell * 2.0 - t.width).max(Pt::ZERO);
    put_at(flow, &t, flow.left() + tx, y, Color::BLACK);
    flow.y = flow.pitch() * (line + 1) as f32;
    flow.blank_lines(1);
    let d = one_line(flow, &sig.date, &body);
    flow.put_line(&d, right - d.width, body.size);
    if let Some(img) = image {
        // The seal centred on the title's line.
        let cy = flow.top() + flow.pitch() * line as f32 + flow.pitch() * 0.5;
        flow.set_tag(Tag::Artifact(ArtifactKind::Layout));
        flow.items.push(Item::Image {
            x: flow.left() + right - img.width,
            y: cy - img.height * 0.5,
            width: img.width,
            height: img.height,
            image: img.clone(),
        });
    }
}

/// 附注 (GB/T 9704 §7.3.6): on the line below the date, indented two characters.
pub fn notes(flow: &mut Flow, notes: &[String]) {
    let style = flow.style;
    let body = style.body.clone();
    for n in notes {
        flow.open(StructKind::Paragraph);
        let lines = flow.set_runs(
            &runs(n),
            &body,
            flow.width(),
            style.indent,
            Justify::Justified,
        );
        flow.check_missing(&lines, None);
        flow.place_lines(&lines, Pt::ZERO, body.size, 0);
    }
}

/// 版记 (GB/T 9704 §7.4, standards §1.10): 抄送 and 印发机关/印发日期 between a thick first and
/// last rule with thin rules between, the last rule on the type area's bottom edge of the last
/// page, which is even: after an odd page the 版记 takes the next page; on an even page without
/// room a blank page comes first, and neither that page nor the 版记 page is numbered.
pub fn distribution(flow: &mut Flow, d: &DistributionPart) {
    let style = flow.style;
    let ds = &style.distribution;
    let ts = ds.text.clone();
    let spec = flow.spec(&ts, true);
    // One character of the 版记's size (a Han character is 1 em wide off the body grid).
    let one = spec.cell;
    let indent = one * ds.indent;
    let width = flow.width();
    let pitch = flow.pitch();
    // 抄送: the names wrap aligned after the colon.
    let label = d.cc.as_ref().map(|(label, _)| label_line(flow, label, &ts));
    let label_w = label.as_ref().map_or(Pt::ZERO, |l| l.width);
    let cc = d.cc.as_ref().zip(label).map(|((_, text), l)| {
        let lines = set_names(flow, text, '，', &ts, width - indent * 2.0 - label_w);
        (l, lines)
    });
    let cc_lines = cc.as_ref().map_or(0, |(_, l)| l.len());
    let count = cc_lines + usize::from(d.printed.is_some());
    if count == 0 {
        return;
    }
    let height = flow.height();
    let block_top = height - pitch * count as f32;
    let page_no = flow.pages.len() + 1;
    let pages_before = flow.pages.len();
    if !d.rules {
        // A 信函's 版记: at the foot of its last page, whichever side (GB/T 9704 §10.1).
        if flow.y > block_top + Pt::new(0.01) {
            flow.new_page();
        }
    } else if page_no % 2 == 1 {
        // An odd last page: the 版记 goes on the back, which is numbered as usual.
        flow.new_page();
    } else if flow.y > block_top + Pt::new(0.01) {
        flow.new_page();
        flow.unnumbered.push(flow.pages.len());
        flow.new_page();
        flow.unnumbered.push(flow.pages.len());
    }
    let top = flow.top();
    let left = flow.left();
    let baseline = |k: usize| {
        top + block_top + pitch * k as f32 + (pitch - ts.size) * 0.5 + ts.size * EM_ASCENT
    };
    let mut rules = vec![(block_top, ds.thick)];
    // GB/T 9704 §10.1: a 信函's 版记 has no rules, and no 印发 line.
    let mut k = 0;
    if let Some((label, lines)) = &cc {
        flow.open(StructKind::Paragraph);
        put_at(flow, label, left + indent, baseline(0), Color::BLACK);
        for l in lines {
            put_at(flow, l, left + indent + label_w, baseline(k), Color::BLACK);
            k += 1;
        }
        if d.printed.is_some() {
            rules.push((block_top + pitch * k as f32, ds.thin));
        }
    }
    if let Some((organ, date)) = &d.printed {
        flow.open(StructKind::Paragraph);
        let o = one_line(flow, organ, &ts);
        put_at(flow, &o, left + indent, baseline(k), Color::BLACK);
        let dl = one_line(flow, date, &ts);
        put_at(
            flow,
            &dl,
            left + width - indent - dl.width,
            baseline(k),
            Color::BLACK,
        );
    }
    flow.distribution_breaks = flow.pages.len() - pages_before;
    // GB/T 9704 §7.4.1: the last 版记 rule on the type area's bottom edge.
    rules.push((height, ds.thick));
    if !d.rules {
        rules.clear();
    }
    flow.set_tag(Tag::Artifact(ArtifactKind::Layout));
    for (y, w) in rules {
        flow.items.push(Item::Rule {
            x1: left,
            y1: top + y,
            x2: left + width,
            y2: top + y,
            width: w,
            color: Color::BLACK,
        });
    }
    flow.y = height;
}
