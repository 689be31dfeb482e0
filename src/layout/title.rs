//! Titles broken only between words and into balanced lines (GB/T 9704 §7.3.1: 「词意完整，
//! 排列对称，长短适宜」): document, attachment and table titles.

use crate::geom::Pt;
use crate::text::class::{classify, Class};
use crate::text::words::word_starts;
use crate::text::FontBook;

use super::inline::{self, Justify, Line, TextSpec};

/// Fewest characters on a wrapped title's last line.
pub const MIN_LAST_LINE: usize = 4;

/// Sets a title centred in `width`. A title that does not fit on one line is broken between
/// words (the segmenter is loaded only then), into as few lines as it needs, of lengths as
/// equal as the words allow (a trapezoid or a diamond), the last holding at least
/// [`MIN_LAST_LINE`] characters; when no such breaks exist, it is set like any text.
pub fn title_lines(book: &FontBook, spec: &TextSpec, text: &str, width: Pt) -> Vec<Line> {
    title_lines_preferring(book, spec, text, width, None)
}

/// As [`title_lines`], breaking a title that wraps at `prefer` (characters from its start)
/// when both lines then fit and the last holds at least [`MIN_LAST_LINE`] characters.
pub fn title_lines_preferring(
    book: &FontBook,
    spec: &TextSpec,
    text: &str,
    width: Pt,
    prefer: Option<usize>,
) -> Vec<Line> {
    let set = |t: &str| {
        let chars: Vec<(char, bool)> = t.chars().map(|c| (c, false)).collect();
        inline::set_text(book, spec, &chars, width, Pt::ZERO, Justify::Center)
    };
    let natural = inline::measure(book, spec, text);
    if natural.get() <= width.get() + 0.01 {
        return set(text);
    }
    let chars: Vec<char> = text.chars().collect();
    if let Some(p) = prefer.filter(|&p| p > 0 && p + MIN_LAST_LINE <= chars.len()) {
        let (a, b): (String, String) = (chars[..p].iter().collect(), chars[p..].iter().collect());
        let fits = |t: &str| inline::measure(book, spec, t).get() <= width.get() + 0.01;
        if fits(&a) && fits(&b) {
            return set(&a).into_iter().chain(set(&b)).collect();
        }
    }
    let starts = word_starts(text);
    // Break positions: between words, never against the line-edge prohibitions, never inside
    // a Latin word or number nor between a number and the character after it (2020|年度).
    let mut at: Vec<usize> = vec![0];
    for i in 1..chars.len() {
        let (a, b) = (classify(chars[i - 1]), classify(chars[i]));
        let inside_latin =
            a == Class::Latin && (b == Class::Latin || chars[i - 1].is_ascii_digit());
        if starts[i] && !b.no_start() && !a.no_end() && !inside_latin {
            at.push(i);
        }
    }
    at.push(chars.len());
    // Widths of the candidate lines, measured once each, and only up to the first that is
    // too wide from each start (widths grow with the end).
    let points = at.len();
    let mut widths = vec![None::<Pt>; points * points];
    for i in 0..points {
        for j in i + 1..points {
            let s: String = chars[at[i]..at[j]].iter().collect();
            let w = inline::measure(book, spec, s.trim());
            widths[i * points + j] = Some(w);
            if w.get() > width.get() + 0.01 {
                break;
            }
        }
    }
    let width_of = |i: usize, j: usize| widths[i * points + j].unwrap_or(Pt::new(f32::MAX));
    let need = (natural / width).ceil().max(1.0) as usize;
    for n in need..need + 2 {
        if let Some(breaks) = balance(at.len(), n, width, natural / n as f32, &width_of, |i| {
            chars.len() - at[i]
        }) {
            return breaks
                .windows(2)
                .flat_map(|w| {
                    let s: String = chars[at[w[0]]..at[w[1]]].iter().collect();
                    set(s.trim())
                })
                .collect();
        }
    }
    set(text)
}

/// Chooses `n` lines among break positions `0..points` (indices; the first and last are the
/// text's ends): each line at most `width`, the last with at least [`MIN_LAST_LINE`]
/// characters (`tail(i)`: characters from position i to the end), the squared differences
/// from the mean line `mean` smallest. Returns the indices of the line starts and the end.
fn balance(
    points: usize,
    n: usize,
    width: Pt,
    mean: Pt,
    width_of: &dyn Fn(usize, usize) -> Pt,
    tail: impl Fn(usize) -> usize,
) -> Option<Vec<usize>> {
    let last = points - 1;
    // best[k][j]: least cost of k lines ending at point j, and the start of the k-th.
    let mut best = vec![vec![None::<(f32, usize)>; points]; n + 1];
    best[0][0] = Some((0.0, 0));
    for k in 1..=n {
        for j in 1..points {
            for i in 0..j {
                let Some((c, _)) = best[k - 1][i] else {
                    continue;
                };
                let w = width_of(i, j);
                if w.get() > width.get() + 0.01 {
                    continue;
                }
                if j == last && k == n && tail(i) < MIN_LAST_LINE {
                    continue;
                }
                let cost = c + (w.get() - mean.get()).powi(2);
                if best[k][j].is_none_or(|(b, _)| cost < b) {
                    best[k][j] = Some((cost, i));
                }
            }
        }
    }
    best[n][last]?;
    let mut out = vec![last];
    let mut j = last;
    for k in (1..=n).rev() {
        let (_, i) = best[k][j]?;
        out.push(i);
        j = i;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::style::{Role, Style};
    use crate::text::FontOptions;

    fn book() -> &'static FontBook {
        static B: OnceLock<FontBook> = OnceLock::new();
        B.get_or_init(|| FontBook::load(&Style::gbt9704().fonts, &FontOptions::default()).unwrap())
    }

    /// 二号 (22 pt) on the 156 mm type area: 20 characters a line.
    fn lines(text: &str) -> Vec<String> {
        let spec = TextSpec {
            role: Role::Title,
            size: Pt::new(22.0),
            cell: Pt::new(22.0),
            latin: false,
            bold: false,
        };
        title_lines(book(), &spec, text, Pt::mm(156.0))
            .iter()
            .map(Line::text)
            .collect()
    }

    /// Issue 13 (5): 「…政务公开工|作要点…」, 「…情况统|计表」, an attachment title set greedy
    /// 21/20/3. Every break falls between words, lines are balanced, the last has 4 or more.
    #[test]
    fn titles_break_between_words_into_balanced_lines() {
        for title in [
            "益阳市人民政府办公室关于印发益阳市2020年政务公开工作要点的通知",
            "益阳市城市管理和综合执法局2020年度政府信息公开申请办理情况统计表",
            "益阳市城市管理和综合执法局关于进一步加强和改进政府信息公开申请办理工作的实施意见和配套制度",
        ] {
            let ls = lines(title);
            assert!(ls.len() >= 2, "{ls:?}");
            assert_eq!(ls.concat(), title);
            let starts = word_starts(title);
            let mut at = 0;
            for l in &ls[..ls.len() - 1] {
                at += l.chars().count();
                assert!(starts[at], "break inside a word: {ls:?}");
            }
            let counts: Vec<usize> = ls.iter().map(|l| l.chars().count()).collect();
            assert!(*counts.last().unwrap() >= MIN_LAST_LINE, "{ls:?}");
            let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
            assert!(max - min <= 6, "unbalanced: {ls:?}");
        }
        assert!(
            !lines("益阳市人民政府办公室关于印发益阳市2020年政务公开工作要点的通知")
                .iter()
                .any(|l| l.ends_with('工'))
        );
        // A number keeps the character after it.
        assert!(
            !lines("益阳市城市管理和综合执法局2020年度政府信息公开申请办理情况统计表")
                .iter()
                .any(|l| l.ends_with('0'))
        );
    }

    #[test]
    fn a_title_that_fits_is_one_line() {
        assert_eq!(lines("政府信息公开工作年度报告").len(), 1);
    }
}
