//! Atoms: the unbreakable units of a line (a Han character, a punctuation mark, a Latin word or
//! number, a —— or …… pair, a space), with their widths, squeezable blanks and the break rules
//! between them (standards §3.1–3.6).

use crate::geom::Pt;
use crate::text::class::{is_latin_letter, Class};

use super::{Glyph, TextSpec};

/// An unbreakable piece of a line (a character, a Latin word, a number) with its widths.
#[derive(Clone, Debug, PartialEq)]
pub struct Atom {
    /// Glyph range `start..end`.
    pub start: usize,
    /// End of the glyph range (exclusive).
    pub end: usize,
    /// Width before justification, after the adjacent-punctuation rule.
    pub width: Pt,
    /// Squeezable blank half of a full-width mark (0 once used).
    pub blank: Pt,
    /// The blank is on the left (opening brackets) rather than the right.
    pub blank_left: bool,
    /// Left shift of the glyph already applied (an opening bracket that lost its left blank).
    pub shift: Pt,
    /// Space before the atom that disappears at a line start (¼ em between Han and Latin).
    pub gap_before: Pt,
    /// How much of `gap_before` may be squeezed (down to ⅛ em).
    pub gap_shrink: Pt,
    /// A line may start with this atom.
    pub break_before: bool,
    /// The class of its first character.
    pub first: Class,
    /// The class of its last character.
    pub last: Class,
}

impl Atom {
    /// Whether it is a space.
    pub fn is_space(&self) -> bool {
        self.first == Class::Space
    }

    /// Width this atom gives up when it ends a line: a full-width mark's blank half
    /// (GB/T 15834 §5.1.10: a mark at the line end takes ½ em).
    pub fn end_reduction(&self) -> Pt {
        if !self.blank_left {
            self.blank
        } else {
            Pt::ZERO
        }
    }

    /// Counts for 孤字: a Han character or a Latin word, not punctuation or space.
    pub fn is_content(&self) -> bool {
        matches!(
            self.first,
            Class::Ideograph | Class::Latin | Class::Dash | Class::IdeoSpace
        )
    }
}

/// Groups glyphs into atoms and decides where lines may break.
pub fn build(glyphs: &[Glyph], spec: &TextSpec) -> Vec<Atom> {
    let mut atoms: Vec<Atom> = Vec::with_capacity(glyphs.len());
    let mut i = 0;
    while i < glyphs.len() {
        let c = glyphs[i].class;
        let mut end = i + 1;
        match c {
            Class::Latin => {
                while end < glyphs.len() && glyphs[end].class == Class::Latin {
                    end += 1;
                }
            }
            Class::Dash
                // —— and …… : a pair never splits (GB/T 15834 §5.1.4–5.1.5).
                if end < glyphs.len() && glyphs[end].ch == glyphs[i].ch => {
                    end += 1;
                }
            _ => {}
        }
        let width = glyphs[i..end].iter().map(|g| g.advance).sum();
        let is_punct = c.is_punct() && end == i + 1 && glyphs[i].gid.is_some();
        atoms.push(Atom {
            start: i,
            end,
            width,
            blank: if is_punct {
                glyphs[i].advance * 0.5
            } else {
                Pt::ZERO
            },
            blank_left: c == Class::Open,
            shift: Pt::ZERO,
            gap_before: Pt::ZERO,
            gap_shrink: Pt::ZERO,
            break_before: true,
            first: c,
            last: glyphs[end - 1].class,
        });
        i = end;
    }
    for k in 0..atoms.len() {
        let (before, rest) = atoms.split_at_mut(k);
        let cur = &mut rest[0];
        let Some(prev) = before.last_mut() else {
            cur.break_before = false;
            continue;
        };
        // Adjacent marks: two full-width marks together take 1.5 em (clreq, GB style): the
        // first gives up its right blank. Two opening brackets stay 2 em: squeezing the left
        // blank of the second would push its box over the first in text extraction.
        if prev.first.is_punct()
            && cur.first.is_punct()
            && !prev.blank_left
            && prev.blank.get() > 0.0
        {
            prev.width -= prev.blank;
            prev.blank = Pt::ZERO;
        }
        // ¼ em between Han and Latin letters or digits only (clreq §3.6): not next to
        // punctuation, not after a list marker's full stop (「1.完善」: no space between the
        // number and the text), not around 「+」 or 「%」.
        let alnum = |g: usize| is_latin_letter(glyphs[g].ch);
        let han_latin = (prev.last == Class::Ideograph && alnum(cur.start))
            || (alnum(prev.end - 1) && cur.first == Class::Ideograph);
        if han_latin {
            cur.gap_before = spec.size * 0.25;
            cur.gap_shrink = spec.size * 0.125;
        }
        let single_dash = cur.first == Class::Dash && cur.end - cur.start == 1;
        let split_pair =
            prev.last == Class::Dash && prev.end - prev.start == 1 && cur.first == Class::Dash;
        let forbidden = cur.first.no_start()
            || single_dash
            || prev.last.no_end()
            || cur.is_space()
            || split_pair;
        cur.break_before = !forbidden;
    }
    atoms
}

/// Runs that never break across lines: a 发文字号 (代字〔YYYY〕N号, with up to four Han
/// characters of its 代字) and a full date (YYYY年M月D日). GB/T 9704-1999 §8.2.3 「数字、年份不能
/// 回行」 is still office practice; when such a run does not fit, the line before it is
/// justified as for any unbreakable run. Glyph ranges `start..end`.
pub fn unbreakable_runs(glyphs: &[Glyph]) -> Vec<(usize, usize)> {
    let ch = |i: usize| glyphs.get(i).map(|g| g.ch);
    let digits = |from: usize, min: usize, max: usize| {
        let n = (from..)
            .take_while(|&i| ch(i).is_some_and(|c| c.is_ascii_digit()))
            .count();
        (min..=max).contains(&n).then_some(from + n)
    };
    let mut runs = Vec::new();
    let mut i = 0;
    while i < glyphs.len() {
        let found = match ch(i) {
            Some('〔') => digits(i + 1, 4, 4)
                .filter(|&e| ch(e) == Some('〕'))
                .and_then(|e| digits(e + 1, 1, 6))
                .filter(|&e| ch(e) == Some('号'))
                .map(|e| {
                    let han = (0..i)
                        .rev()
                        .take(4)
                        .take_while(|&k| glyphs[k].class == Class::Ideograph)
                        .count();
                    (i - han, e + 1)
                }),
            Some(c) if c.is_ascii_digit() && (i == 0 || !ch(i - 1).unwrap().is_ascii_digit()) => {
                digits(i, 4, 4)
                    .filter(|&e| ch(e) == Some('年'))
                    .and_then(|e| digits(e + 1, 1, 2))
                    .filter(|&e| ch(e) == Some('月'))
                    .and_then(|e| digits(e + 1, 1, 2))
                    .filter(|&e| ch(e) == Some('日'))
                    .map(|e| (i, e + 1))
            }
            _ => None,
        };
        match found {
            Some((s, e)) => {
                runs.push((s, e));
                i = e;
            }
            None => i += 1,
        }
    }
    runs
}

/// Forbids breaks inside the [`unbreakable_runs`] narrower than `max` (a run wider than half
/// the measure, in a narrow table column, keeps its break opportunities).
pub fn keep_runs_together(atoms: &mut [Atom], glyphs: &[Glyph], max: Pt) {
    let runs = unbreakable_runs(glyphs);
    if runs.is_empty() {
        return;
    }
    for (s, e) in runs {
        let width: Pt = glyphs[s..e].iter().map(|g| g.advance).sum();
        if width.get() > max.get() * 0.5 {
            continue;
        }
        for a in atoms.iter_mut().filter(|a| a.start > s && a.start < e) {
            a.break_before = false;
        }
    }
}

/// Splits atoms wider than `width` (a long Latin word or number in a narrow cell) into single
/// glyphs so they can wrap at all: the emergency break, used only when nothing else fits.
pub fn split_wide(atoms: Vec<Atom>, glyphs: &[Glyph], width: Pt) -> Vec<Atom> {
    if atoms.iter().all(|a| a.width.get() <= width.get() + 0.01) {
        return atoms;
    }
    let mut out = Vec::with_capacity(atoms.len());
    for a in atoms {
        if a.width.get() <= width.get() + 0.01 || a.end - a.start == 1 {
            out.push(a);
            continue;
        }
        for (n, g) in (a.start..a.end).enumerate() {
            out.push(Atom {
                start: g,
                end: g + 1,
                width: glyphs[g].advance,
                blank: Pt::ZERO,
                gap_before: if n == 0 { a.gap_before } else { Pt::ZERO },
                gap_shrink: if n == 0 { a.gap_shrink } else { Pt::ZERO },
                break_before: if n == 0 { a.break_before } else { true },
                first: glyphs[g].class,
                last: glyphs[g].class,
                ..a.clone()
            });
        }
    }
    out
}
