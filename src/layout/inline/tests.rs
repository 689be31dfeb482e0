//! Each Chinese line-breaking rule (standards §3) as a table of cases, on lines ten cells wide.

use std::sync::OnceLock;

use super::*;
use crate::style::Style;
use crate::text::FontOptions;

fn book() -> &'static FontBook {
    static B: OnceLock<FontBook> = OnceLock::new();
    B.get_or_init(|| FontBook::load(&Style::gbt9704().fonts, &FontOptions::default()).unwrap())
}

const CELL: Pt = Pt::new(15.793);

fn spec() -> TextSpec {
    TextSpec {
        role: Role::Body,
        size: Pt::new(16.0),
        cell: CELL,
        latin: true,
        bold: false,
    }
}

fn set(text: &str, cells: f32, indent: f32) -> Vec<Line> {
    let chars: Vec<(char, bool)> = text.chars().map(|c| (c, false)).collect();
    set_text(
        book(),
        &spec(),
        &chars,
        CELL * cells,
        CELL * indent,
        Justify::Justified,
    )
}

fn texts(text: &str, cells: f32) -> Vec<String> {
    set(text, cells, 0.0).iter().map(Line::text).collect()
}

#[test]
fn closing_punctuation_never_starts_a_line() {
    // (text, expected lines) on 10-cell lines
    let cases = [
        // 先挤进: the comma would start line 2; squeezing the line's one other comma and the
        // line-end half makes room.
        (
            "一二三，五六七八九十，二三四",
            vec!["一二三，五六七八九十，", "二三四"],
        ),
        // 后推出: nothing to squeeze, so 十 moves down with its 。
        (
            "一二三四五六七八九十。二三",
            vec!["一二三四五六七八九", "十。二三"],
        ),
        // two closing marks in a row travel together
        (
            "一二三四五六七八九“十”。二",
            vec!["一二三四五六七八九", "“十”。二"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(texts(text, 10.0), want, "{text}");
    }
}

#[test]
fn opening_punctuation_never_ends_a_line() {
    let cases = [
        (
            "一二三四五六七八九（十）",
            vec!["一二三四五六七八九", "（十）"],
        ),
        (
            "一二三四五六七八九《十》",
            vec!["一二三四五六七八九", "《十》"],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(texts(text, 10.0), want, "{text}");
    }
}

#[test]
fn full_lines_are_justified_to_the_measure() {
    for text in [
        "一二三四五六七八九十一二三",
        "一二三，五六七八九十，二三四",
        "一二三四五六七八九十。二三",
    ] {
        let lines = set(text, 10.0, 0.0);
        let first = &lines[0];
        let last = first.glyphs.last().unwrap();
        let end = last.x + last.glyph.natural * 0.5; // marks end half-way; Han glyphs are centred
        assert!(
            first.width.approx_eq(CELL * 10.0),
            "{text}: width {:?}",
            first.width
        );
        assert!(
            end.get() <= CELL.get() * 10.0 + 0.5,
            "{text}: ends at {end:?}"
        );
    }
}

#[test]
fn a_mark_at_the_line_end_takes_half_an_em() {
    // 9 Han + 。 = 9.5 cells: fits a 9.5-cell line only with the half-width end.
    let lines = set("一二三四五六七八九。十一二", 9.5, 0.0);
    assert_eq!(lines[0].text(), "一二三四五六七八九。");
    let mark = lines[0].glyphs.last().unwrap();
    let body = book().face(book().primary(Role::Body));
    assert_eq!(
        body.narrow,
        Some(mark.glyph.font),
        "drawn from the half-width variant"
    );
}

#[test]
fn adjacent_marks_take_one_and_a_half_em() {
    // ”， is a pair: 1.5 cells. Last line, left-aligned: positions are natural.
    let lines = set("一”，二", 10.0, 0.0);
    let g = &lines[0].glyphs;
    let start = |i: usize| g[i].x - (g[i].glyph.advance - g[i].glyph.natural) * 0.5;
    let pair = start(3) - start(1);
    assert!(
        (pair.get() - CELL.get() * 1.5).abs() < 0.05,
        "pair takes {pair:?}"
    );
}

#[test]
fn dashes_and_ellipses_are_two_em_and_unbreakable() {
    let lines = set("一二三四五六七八九——十", 10.0, 0.0);
    assert_eq!(lines[0].text(), "一二三四五六七八九");
    assert_eq!(lines[1].text(), "——十");
    let lines = set("一——二……三", 20.0, 0.0);
    let g = &lines[0].glyphs;
    // Each dash and each ellipsis character takes one cell: the pair two.
    let dash = g[3].x - g[1].x;
    assert!(
        (dash.get() - CELL.get() * 2.0).abs() < 0.05,
        "—— is {dash:?}"
    );
    // (The dots move inside the pair to be evenly spaced: measure from 二 to 三.)
    let dots = g[6].x - g[3].x;
    assert!(
        (dots.get() - CELL.get() * 3.0).abs() < 0.05,
        "…… is {dots:?}"
    );
    // Noto's narrow dash is widened to fill its cell.
    assert!(g[1].glyph.hscale >= 1.0);
}

#[test]
fn latin_words_and_numbers_do_not_break() {
    for text in [
        "一二三四五六七八12319城管热线",
        "一二三四五六七八九hello世界",
    ] {
        let lines = texts(text, 10.0);
        let word: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        assert!(lines.iter().any(|l| l.contains(&word)), "{text}: {lines:?}");
    }
}

#[test]
fn a_quarter_em_separates_han_and_latin_but_not_at_line_edges() {
    let lines = set("年2020年", 10.0, 0.0);
    let g = &lines[0].glyphs;
    let han_end = g[0].x - (g[0].glyph.advance - g[0].glyph.natural) * 0.5 + CELL;
    assert!(
        ((g[1].x - han_end).get() - 4.0).abs() < 0.05,
        "gap {:?}",
        g[1].x - han_end
    );
    // At a line start the gap disappears.
    let lines = set("一二三四五六七八九十2020年", 10.0, 0.0);
    assert_eq!(lines[1].glyphs[0].glyph.ch, '2');
    assert!(lines[1].glyphs[0].x.get().abs() < 0.01);
}

/// Issue 13 (7): the glue belongs between Han and Latin letters or digits only.
#[test]
fn no_glue_after_a_list_marker_or_around_a_plus() {
    let atoms_of = |text: &str| {
        let chars: Vec<(char, bool)> = text.chars().map(|c| (c, false)).collect();
        atoms::build(&shape(book(), &spec(), &chars), &spec())
    };
    for text in ["1.完善制度", "图文+视频", "增长5%以上"] {
        let atoms = atoms_of(text);
        let glued: Vec<usize> = (0..atoms.len())
            .filter(|&i| atoms[i].gap_before.get() > 0.0)
            .collect();
        let expect: Vec<usize> = if text.starts_with('增') {
            vec![2]
        } else {
            vec![]
        };
        assert_eq!(glued, expect, "{text}");
    }
    // Han–digit and digit–Han keep it.
    let atoms = atoms_of("共12件");
    assert!(atoms[1].gap_before.get() > 0.0 && atoms[2].gap_before.get() > 0.0);
}

/// Issue 13 (6): 「〔2024〕|12号」 and 「2024年12月31|日」 broke at most line ends. At every
/// position of the run against the line end it stays on one line.
#[test]
fn document_numbers_and_full_dates_never_break() {
    for run in ["某政发〔2024〕12号", "2024年12月31日", "国办发〔2023〕7号"] {
        for lead in 0..28 {
            let text = format!("{}{run}，其余文字照常排列。", "政".repeat(lead));
            let lines = set(&text, 28.0, 2.0);
            assert!(
                lines.iter().any(|l| l.text().contains(run)),
                "{run} after {lead}: {:?}",
                lines.iter().map(Line::text).collect::<Vec<_>>()
            );
        }
    }
    // A date in a column narrower than twice the date keeps its breaks.
    let lines = texts("2024年12月31日", 4.0);
    assert!(lines.len() > 1);
}

/// Issue 13 (10): an ASCII space between Han phrases is set as a full-width space.
#[test]
fn a_space_between_han_phrases_is_full_width() {
    let g = &set("复工复产 推进发展", 10.0, 0.0)[0].glyphs;
    assert_eq!(g[4].glyph.ch, ' ');
    assert!(
        (g[5].x - g[3].x).get() > CELL.get() * 2.0 - 0.05,
        "{:?}",
        g[5].x - g[3].x
    );
    // At a line end it is dropped like any space: the next line starts with the phrase.
    let lines = texts("一二三四五六七八九十 推进", 10.0);
    assert_eq!(lines[1], "推进", "{lines:?}");
    for text in ["共 12 件", "word 政务", "政务 word"] {
        let l = &set(text, 10.0, 0.0)[0];
        assert!(l.text().contains(' '), "{text}: {}", l.text());
    }
}

/// Issue 13 (10): the six dots of 「……」 are evenly spaced (4.44/4.44/6.96/4.44/4.44 pt
/// before).
#[test]
fn the_dots_of_an_ellipsis_pair_are_evenly_spaced() {
    let l = &set("等等……一二", 10.0, 0.0)[0];
    let g: Vec<&Placed> = l.glyphs.iter().filter(|p| p.glyph.ch == '…').collect();
    let face = book().face(g[0].glyph.font);
    let dots = face.ink_islands(g[0].glyph.gid.unwrap());
    assert_eq!(dots.len(), 3, "{dots:?}");
    let s = g[0].glyph.size.get();
    let mut starts = Vec::new();
    for p in &g {
        for d in &dots {
            starts.push(p.x.get() + d.0 * s);
        }
    }
    let steps: Vec<f32> = starts.windows(2).map(|w| w[1] - w[0]).collect();
    for st in &steps {
        assert!((st - steps[0]).abs() < 0.05, "{steps:?}");
    }
    // The pair stays centred in its two cells.
    let mid = (starts[0] + starts[5] + (dots[2].1 - dots[2].0) * s) / 2.0;
    let cells = CELL.get() * 2.0 + CELL.get();
    assert!((mid - cells).abs() < 1.0, "centre {mid} vs {cells}");
}

#[test]
fn no_lone_character_on_the_last_line() {
    let lines = texts("一二三四五六七八九十甲", 10.0);
    assert_eq!(lines.last().unwrap().chars().count(), 2, "{lines:?}");
    let lines = texts("一二三四五六七八九十甲。", 10.0);
    assert!(lines.last().unwrap().chars().count() >= 3, "{lines:?}");
}

#[test]
fn the_first_line_is_indented() {
    let lines = set("一二三四五六七八九十", 10.0, 2.0);
    assert_eq!(lines[0].text().chars().count(), 8);
    assert!(lines[0].glyphs[0].x.get() > CELL.get() * 2.0 - 0.5);
}

#[test]
fn a_one_character_column_keeps_its_mark_with_the_character() {
    // 三、本年度办理结果 in a one-character cell: one character per line, 、 never alone.
    let lines = texts("三、本年度办理结果", 1.0);
    assert_eq!(lines[0], "三、");
    assert!(lines.iter().all(|l| !l.starts_with('、')), "{lines:?}");
    assert_eq!(lines.len(), 8);
}
