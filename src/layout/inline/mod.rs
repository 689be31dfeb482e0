//! Setting a paragraph: shape characters (font per character, with fallback), group them into
//! unbreakable atoms, break lines by the Chinese rules and justify.
//!
//! Steps: [`shape`] → [`atoms`](atoms::build) → [`linebreak`](linebreak::break_lines) →
//! [`finalize`](linebreak::finalize).

pub mod atoms;
pub mod linebreak;

use crate::geom::Pt;
use crate::style::Role;
use crate::text::class::{classify, is_latin_letter, Class};
use crate::text::{FontBook, FontId};

/// One character as drawn: its face and glyph (or none: drawn as a box), the advance it takes
/// in the line and where the glyph sits inside that advance.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// The character.
    pub ch: char,
    /// Its line-breaking class (opening mark, Han, Latin, …).
    pub class: Class,
    /// The face it is drawn from.
    pub font: FontId,
    /// `None` when no font has the character (drawn as a visible box, reported as a warning).
    pub gid: Option<u16>,
    /// The em size the glyph is set at (the advance of a Han character in a natural grid).
    pub size: Pt,
    /// Drawn in (synthetic) bold.
    pub bold: bool,
    /// Advance in the line before any squeezing or stretching.
    pub advance: Pt,
    /// The glyph's own advance at this size.
    pub natural: Pt,
    /// Horizontal scale to draw the glyph with (em dashes narrower than 1 em are widened).
    pub hscale: f32,
    /// The face variant with half-width closing marks, used when this mark is squeezed.
    pub narrow: Option<FontId>,
    /// Drawn from the layout's `fallback` fonts: the text's own font lacks the character
    /// (warned about at render time).
    pub fallback: bool,
}

/// Text to set, with the font role, size and the width of one grid cell.
#[derive(Clone, Debug)]
pub struct TextSpec {
    /// Font role of the text (body, heading, table, …).
    pub role: Role,
    /// The em size, e.g. 16 pt for 三号 body text.
    pub size: Pt,
    /// Width of one Han character: the grid cell (strict grid) or the size (natural).
    pub cell: Pt,
    /// Whether Latin letters and digits use the `latin` role.
    pub latin: bool,
    /// Set in (synthetic) bold.
    pub bold: bool,
}

/// How the lines of a paragraph are aligned.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Justify {
    /// Justified, last line left (body text).
    Justified,
    /// Every line left-aligned.
    Left,
    /// Every line centred.
    Center,
    /// Every line right-aligned.
    Right,
}

/// Shapes characters: one [`Glyph`] per char, `emph` marking emphasised ones.
pub fn shape(book: &FontBook, spec: &TextSpec, chars: &[(char, bool)]) -> Vec<Glyph> {
    // Control characters have no glyph and no width: they are not text.
    let chars: Vec<(char, bool)> = chars
        .iter()
        .filter(|(ch, _)| !ch.is_control())
        .copied()
        .collect();
    (0..chars.len())
        .map(|i| {
            let (ch, emph) = chars[i];
            // An ASCII space between two Han phrases is set one cell wide (a full-width
            // space), as Chinese text spaces phrases apart; beside Latin text it stays a word
            // space. It stays a space: dropped at a line's edges, copied as typed.
            let han = |k: Option<usize>| {
                k.and_then(|k| chars.get(k))
                    .is_some_and(|&(c, _)| classify(c) == Class::Ideograph)
            };
            let mut g = shape_char(book, spec, ch, emph);
            if ch == ' ' && han(i.checked_sub(1)) && han(Some(i + 1)) {
                g.advance = spec.cell;
            }
            g
        })
        .collect()
}

fn shape_char(book: &FontBook, spec: &TextSpec, ch: char, emph: bool) -> Glyph {
    let class = classify(ch);
    let mut pick = None;
    if spec.latin && is_latin_letter(ch) {
        pick = book.pick(Role::Latin, ch);
    }
    // ASCII punctuation inside Latin runs (., %, -) follows the Latin font when it has it.
    if pick.is_none() && spec.latin && ch.is_ascii_punctuation() {
        pick = book
            .chain(Role::Latin)
            .first()
            .and_then(|&id| book.face(id).glyph(ch).map(|g| (id, g)));
    }
    // The role's own fonts, then (for a letter or digit they lack) the Latin font, before
    // the fallback fonts: a 黑体 label's digits come from 黑体 when it has them.
    let own = || {
        book.chain(spec.role)
            .iter()
            .find_map(|&id| book.face(id).glyph(ch).map(|g| (id, g)))
    };
    let pick = pick
        .or_else(own)
        .or_else(|| {
            is_latin_letter(ch)
                .then(|| book.pick(Role::Latin, ch))
                .flatten()
        })
        .or_else(|| book.pick(spec.role, ch));
    let (font, gid) = match pick {
        Some((f, g)) => (f, Some(g)),
        None => (book.primary(spec.role), None),
    };
    let fallback = gid.is_some()
        && !book.chain(spec.role).contains(&font)
        && !book.chain(Role::Latin).contains(&font);
    let natural = match gid {
        Some(g) => spec.size * book.face(font).advance(g),
        None => spec.size,
    };
    let mut hscale = 1.0;
    let advance = match class {
        Class::Space => natural,
        Class::Latin | Class::Solidus => natural,
        Class::Middle => spec.cell * 0.5,
        Class::Dash => {
            // GB/T 15834 §5.1.4–5: —— and …… are 2 em. Fonts whose dash is narrower than
            // 1 em (Noto) are widened so the pair joins into one line.
            if ch == '—' || ch == '⸺' {
                let target = if ch == '⸺' {
                    spec.cell * 2.0
                } else {
                    spec.cell
                };
                if natural.get() > 0.0 && natural.get() < target.get() * 0.98 {
                    hscale = target / natural;
                }
                target
            } else {
                spec.cell
            }
        }
        _ => {
            if gid.is_some() && !class.is_cjk() {
                natural
            } else {
                spec.cell
            }
        }
    };
    Glyph {
        ch,
        class,
        font,
        gid,
        size: spec.size,
        bold: emph || spec.bold,
        advance,
        natural,
        hscale,
        narrow: book.face(font).narrow,
        fallback,
    }
}

/// A glyph placed on a line: `x` from the line's left edge to the glyph origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Distance from the line's left edge to the glyph origin.
    pub x: Pt,
    /// The glyph.
    pub glyph: Glyph,
}

/// One finished line.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The glyphs, left to right.
    pub glyphs: Vec<Placed>,
    /// Width the content occupies (≤ the available width unless one atom is wider).
    pub width: Pt,
}

impl Line {
    /// The characters of the line, in order.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.glyph.ch).collect()
    }
}

/// Sets text into lines of `width`, the first line indented by `indent`.
pub fn set_text(
    book: &FontBook,
    spec: &TextSpec,
    chars: &[(char, bool)],
    width: Pt,
    indent: Pt,
    justify: Justify,
) -> Vec<Line> {
    let glyphs = shape(book, spec, chars);
    // An atom wider than the whole measure (a long number in a narrow cell) may break anywhere.
    let mut atoms = atoms::build(&glyphs, spec);
    atoms::keep_runs_together(&mut atoms, &glyphs, width);
    let atoms = atoms::split_wide(atoms, &glyphs, width - indent);
    let breaks = linebreak::break_lines(&atoms, width, indent);
    let mut lines = linebreak::finalize(&glyphs, &atoms, &breaks, width, indent, justify);
    if glyphs.iter().any(|g| g.ch == '…') {
        for l in &mut lines {
            even_ellipses(book, l);
        }
    }
    for l in &mut lines {
        contiguous(book, l);
    }
    lines
}

/// As [`set_text`], never breaking inside the character ranges `keep` that fit a line (the
/// names of a list: a 纪要's attendance, a 版记's 抄送机关).
pub fn set_text_keeping(
    book: &FontBook,
    spec: &TextSpec,
    chars: &[(char, bool)],
    width: Pt,
    justify: Justify,
    keep: &[(usize, usize)],
) -> Vec<Line> {
    let glyphs = shape(book, spec, chars);
    let mut atoms = atoms::build(&glyphs, spec);
    atoms::keep_runs_together(&mut atoms, &glyphs, width);
    for &(s, e) in keep {
        let e = e.min(glyphs.len());
        let w: Pt = glyphs[s.min(e)..e].iter().map(|g| g.advance).sum();
        if w.get() > width.get() {
            continue;
        }
        for a in atoms.iter_mut().filter(|a| a.start > s && a.start < e) {
            a.break_before = false;
        }
    }
    let atoms = atoms::split_wide(atoms, &glyphs, width);
    let breaks = linebreak::break_lines(&atoms, width, Pt::ZERO);
    let mut lines = linebreak::finalize(&glyphs, &atoms, &breaks, width, Pt::ZERO, justify);
    for l in &mut lines {
        contiguous(book, l);
    }
    lines
}

/// Copying text from the PDF gives the source text (issue 13 item 9). Extractors measure a
/// glyph by its font advance; poppler starts a new word, and prints a space, where the next
/// glyph begins more than 0.1 em after that advance ends or overlaps it by more than 0.2 em
/// (the quarter-em glue between Han characters and digits, a mark squeezed part way). Each
/// glyph followed by another on the line is drawn from the face variant (`narrow.rs`: whole
/// quarter-em steps) whose advance puts the next glyph inside that window, aiming for its
/// middle. Positions do not change, only which copy of the font a glyph comes from. Spaces
/// are left alone: a space in the source is a space in the extracted text anyway.
fn contiguous(book: &FontBook, line: &mut Line) {
    use crate::text::class::RIGHT_BLANK_MARKS;
    use crate::text::STEPS;
    for i in 0..line.glyphs.len().saturating_sub(1) {
        let (p, next) = (&line.glyphs[i], &line.glyphs[i + 1]);
        let g = &p.glyph;
        let Some(gid) = g.gid else { continue };
        let plain = |c: char| !c.is_whitespace();
        if next.glyph.gid.is_none()
            || !plain(g.ch)
            || !plain(next.glyph.ch)
            || (g.hscale - 1.0).abs() > 1e-3
            || g.size.get() <= 0.0
        {
            continue;
        }
        // Distance to the next glyph and the glyph's own advance, in em of its size.
        let d = (next.x - p.x).get() / g.size.get();
        let (base, current) = book.face(g.font).variant_of.unwrap_or((g.font, 0));
        let face = book.face(base);
        let own = face.advance(gid);
        let mark = RIGHT_BLANK_MARKS.contains(g.ch);
        let width = |k: i8| match k {
            k if k > 0 => own + f32::from(k) * 0.25,
            k if k < 0 && mark => own.min(f32::from(4 + k) * 0.25),
            _ => own,
        };
        // Inside poppler's window with a margin: next glyph 0.08 em past the advance's end
        // at most, overlapping it by 0.18 em at most.
        let fits = |w: f32| w >= d - 0.08 && w <= d + 0.18;
        if fits(width(current)) {
            continue;
        }
        let mut best = (base, (width(0) - d - 0.05).abs());
        for (k, v) in STEPS.iter().zip(face.steps) {
            let Some(v) = v.filter(|_| *k > 0 || mark) else {
                continue;
            };
            let off = (width(*k) - d - 0.05).abs();
            if off < best.1 && !book.face(v).data().is_empty() {
                best = (v, off);
            }
        }
        line.glyphs[i].glyph.font = best.0;
    }
}

/// The six dots of 「……」 evenly spaced: each 「…」 sits centred in its cell, so the gap
/// between the two glyphs' dots is the side bearings, wider than the gaps inside a glyph
/// (4.44/4.44/6.96/4.44/4.44 pt). The second glyph moves to continue the first's dot pitch,
/// and the pair is centred where it was.
fn even_ellipses(book: &FontBook, line: &mut Line) {
    let g = &mut line.glyphs;
    let mut i = 0;
    while i + 1 < g.len() {
        let (a, b) = (&g[i].glyph, &g[i + 1].glyph);
        let pair = a.ch == '…' && b.ch == '…' && a.font == b.font && a.size == b.size;
        let Some(gid) = a.gid.filter(|_| pair) else {
            i += 1;
            continue;
        };
        let dots = book.face(a.font).ink_islands(gid);
        if let [first, second, .., last] = dots[..] {
            let gap = second.0 - first.1;
            let want = g[i].x + a.size * (last.1 - first.0 + gap);
            let delta = want - g[i + 1].x;
            g[i].x -= delta * 0.5;
            g[i + 1].x += delta * 0.5;
        }
        i += 2;
    }
}

/// The natural width of a single-line text (for centring, 落款 and the title).
pub fn measure(book: &FontBook, spec: &TextSpec, text: &str) -> Pt {
    let chars: Vec<(char, bool)> = text.chars().map(|c| (c, false)).collect();
    let glyphs = shape(book, spec, &chars);
    let atoms = atoms::build(&glyphs, spec);
    atoms
        .iter()
        .enumerate()
        .map(|(i, a)| a.width + if i > 0 { a.gap_before } else { Pt::ZERO })
        .sum()
}

#[cfg(test)]
mod tests;
