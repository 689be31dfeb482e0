//! Line breaking and justification (standards §3.3–3.5, clreq 行内调整):
//! fill each line greedily; when the next atom may not start a line, first try to squeeze it
//! in (先挤进), else push atoms down (后推出); avoid a lone character on a paragraph's last
//! line (孤字); justify by squeezing punctuation or spreading space evenly.

use crate::geom::Pt;

use super::atoms::Atom;
use super::{Glyph, Justify, Line, Placed};
use crate::text::class::Class;

const EPS: f32 = 0.01;

/// Returns the index of the first atom of every line (the first is 0). Empty input → `[]`.
pub fn break_lines(atoms: &[Atom], width: Pt, indent: Pt) -> Vec<usize> {
    let n = atoms.len();
    let breakable = |i: usize| i >= n || atoms[i].break_before;
    let mut starts = Vec::new();
    let mut s = 0;
    while s < n {
        // A space at a line start is dropped (after a break at a space).
        while s > 0 && s < n && atoms[s].is_space() {
            s += 1;
        }
        if s >= n {
            break;
        }
        starts.push(s);
        let avail = if starts.len() == 1 {
            width - indent
        } else {
            width
        };
        // k: the last atom that fits with its line-end reduction.
        let mut w = Pt::ZERO;
        let mut k = None;
        for (j, a) in atoms.iter().enumerate().skip(s) {
            w += a.width + if j > s { a.gap_before } else { Pt::ZERO };
            let end_w = if a.is_space() {
                w - a.width
            } else {
                w - a.end_reduction()
            };
            if end_w.get() <= avail.get() + EPS {
                k = Some(j);
            } else {
                break;
            }
        }
        let k = k.unwrap_or(s);
        if k + 1 >= n {
            break;
        }
        let end = if breakable(k + 1) {
            k + 1
        } else {
            // 先挤进: squeeze the atoms up to the next break opportunity into this line.
            let mut m = k + 1;
            while m + 1 < n && !breakable(m + 1) {
                m += 1;
            }
            let (need, shrink) = measure(&atoms[s..=m]);
            if need.get() - shrink.get() <= avail.get() + EPS {
                m + 1
            } else {
                // 后推出: push down to the last valid break on this line.
                match (s + 1..=k).rev().find(|&e| breakable(e)) {
                    Some(e) => e,
                    // Nothing on this line can move down (a one-character table column, or
                    // one long number): last resorts, as clreq allows. A single mark hangs
                    // past the measure by at most its half em (三、 stays together in a
                    // one-character column, 、 never starts a line); otherwise the next line
                    // starts with the mark.
                    None => {
                        let overhang = (need - shrink) - avail;
                        let mark = &atoms[m];
                        let one_mark =
                            m == k + 1 && (mark.first.is_punct() || mark.first == Class::Middle);
                        if one_mark
                            && overhang.get() <= (mark.width - mark.end_reduction()).get() + EPS
                        {
                            m + 1
                        } else {
                            k + 1
                        }
                    }
                }
            }
        };
        s = end;
    }
    let last_width = if starts.len() == 1 {
        width - indent
    } else {
        width
    };
    avoid_lone_last_char(atoms, &mut starts, last_width);
    starts
}

/// Natural width of a line of atoms (with the line-end reduction) and how much it can shrink.
fn measure(line: &[Atom]) -> (Pt, Pt) {
    let mut w = Pt::ZERO;
    let mut shrink = Pt::ZERO;
    for (i, a) in line.iter().enumerate() {
        w += a.width;
        if i > 0 {
            w += a.gap_before;
            shrink += a.gap_shrink;
        }
        if i + 1 < line.len() && !a.blank_left {
            shrink += a.blank;
        }
    }
    if let Some(last) = line.last() {
        w -= last.end_reduction();
    }
    (w, shrink)
}

/// 孤字: a last line holding one character (or one character and its punctuation) pulls a
/// character down from the line above (standards §3.5 rule 6).
fn avoid_lone_last_char(atoms: &[Atom], starts: &mut [usize], width: Pt) {
    let k = starts.len();
    if k < 2 {
        return;
    }
    let last = starts[k - 1];
    let content = atoms[last..].iter().filter(|a| a.is_content()).count();
    if content > 1 || atoms.len() - last > 2 {
        return;
    }
    let prev = starts[k - 2];
    if let Some(e) = (prev + 2..last).rev().find(|&e| atoms[e].break_before) {
        // Only when the longer last line still fits.
        let (need, shrink) = measure(&atoms[e..]);
        if need.get() - shrink.get() <= width.get() + EPS {
            starts[k - 1] = e;
        }
    }
}

/// Positions the glyphs of each line: squeezes punctuation of over-full lines, spreads the rest
/// of justified lines evenly over the gaps between atoms, aligns the others.
pub fn finalize(
    glyphs: &[Glyph],
    atoms: &[Atom],
    starts: &[usize],
    width: Pt,
    indent: Pt,
    justify: Justify,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(starts.len());
    for (li, &s) in starts.iter().enumerate() {
        let mut e = starts.get(li + 1).copied().unwrap_or(atoms.len());
        while e > s && atoms[e - 1].is_space() {
            e -= 1;
        }
        let line = &atoms[s..e];
        let first_line = li == 0;
        let last_line = li + 1 == starts.len();
        let avail = if first_line { width - indent } else { width };
        let (natural, shrinkable) = measure(line);
        let mut widths: Vec<Pt> = line.iter().map(|a| a.width).collect();
        let shifts: Vec<Pt> = line.iter().map(|a| a.shift).collect();
        let mut gaps: Vec<Pt> = line
            .iter()
            .enumerate()
            .map(|(i, a)| if i > 0 { a.gap_before } else { Pt::ZERO })
            .collect();
        if let (Some(w), Some(a)) = (widths.last_mut(), line.last()) {
            *w -= a.end_reduction();
        }
        let diff = avail - natural;
        let mut offset = Pt::ZERO;
        if diff.get() < -EPS && shrinkable.get() > 0.0 {
            let ratio = (-diff.get() / shrinkable.get()).min(1.0);
            for (i, a) in line.iter().enumerate() {
                if i + 1 < line.len() && a.blank.get() > 0.0 && !a.blank_left {
                    widths[i] -= a.blank * ratio;
                }
                if i > 0 {
                    gaps[i] -= a.gap_shrink * ratio;
                }
            }
        } else if diff.get() > EPS {
            match justify {
                Justify::Justified if !last_line && line.len() > 1 => {
                    let per = diff / (line.len() - 1) as f32;
                    for g in gaps.iter_mut().skip(1) {
                        *g += per;
                    }
                }
                Justify::Center => offset = diff * 0.5,
                Justify::Right => offset = diff,
                _ => {}
            }
        }
        let mut x = offset + if first_line { indent } else { Pt::ZERO };
        let start_x = x;
        let mut placed = Vec::new();
        for (i, a) in line.iter().enumerate() {
            x += gaps[i];
            if a.end - a.start == 1 {
                let mut glyph = glyphs[a.start].clone();
                // A squeezed closing mark is drawn from the half-width variant so its box does
                // not overlap the next glyph in text extraction.
                if !a.blank_left && widths[i].get() < glyph.advance.get() - EPS {
                    if let Some(n) = glyph.narrow {
                        glyph.font = n;
                    }
                }
                placed.push(Placed {
                    x: x + centre(&glyphs[a.start]) - shifts[i],
                    glyph,
                });
            } else {
                let mut gx = x;
                for g in &glyphs[a.start..a.end] {
                    placed.push(Placed {
                        x: gx + centre(g),
                        glyph: g.clone(),
                    });
                    gx += g.advance;
                }
            }
            x += widths[i];
        }
        lines.push(Line {
            glyphs: placed,
            width: x - start_x,
        });
    }
    lines
}

/// Offset that centres a CJK glyph in its cell (a 16 pt glyph in a 15.79 pt strict-grid cell).
fn centre(g: &Glyph) -> Pt {
    if g.class.is_cjk() && g.gid.is_some() {
        (g.advance - g.natural * g.hscale) * 0.5
    } else {
        Pt::ZERO
    }
}
