//! Layout: reference page-tree dumps and the GB/T 9704 grid measured on laid-out pages.

use std::collections::BTreeMap;

use gongwen::geom::Pt;
use gongwen::layout::{dump::dump, layout_document, Item, PagedDocument};
use gongwen::model::load_file;
use gongwen::style::LayoutSource;
use gongwen::text::class::classify;

use super::util::*;

fn lay(path: &std::path::Path) -> (PagedDocument, String) {
    let s = session();
    let loaded = load_file(path, &s.limits);
    let report = loaded.report.expect("report loads");
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let (doc, _) = layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
    let text = dump(&doc, &setup.book);
    (doc, text)
}

#[test]
fn seed_example_matches_its_reference_dump() {
    let (_, text) = lay(&example("yiyang-2020.yaml"));
    assert_ref(&root().join("tests/ref/layout/yiyang-2020.txt"), &text);
}

#[test]
fn form_examples_match_their_reference_dumps() {
    for name in ["demo-2021", "yiyang-2020-form-fixed"] {
        let (_, text) = lay(&example(&format!("{name}.yaml")));
        assert_ref(&root().join(format!("tests/ref/layout/{name}.txt")), &text);
    }
}

#[test]
fn long_table_matches_its_reference_dump_and_repeats_its_header() {
    let (doc, text) = lay(&example("long-table.yaml"));
    assert_ref(&root().join("tests/ref/layout/long-table.txt"), &text);
    let pages_with_header = doc
        .pages
        .iter()
        .filter(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Text(t) if t.text() == "事项名称"))
        })
        .count();
    assert!(doc.pages.len() >= 2, "the long table spans pages");
    assert!(
        pages_with_header >= 2,
        "the header repeats: on {pages_with_header} pages"
    );
}

/// Baselines of body text on a page (page number excluded), with the glyphs on each.
fn body_lines(doc: &PagedDocument, page: usize) -> BTreeMap<i64, Vec<(Pt, char)>> {
    let mut lines: BTreeMap<i64, Vec<(Pt, char)>> = BTreeMap::new();
    for item in &doc.pages[page].items {
        if let Item::Text(t) = item {
            if t.size != Pt::new(16.0) {
                continue;
            }
            for g in &t.glyphs {
                lines
                    .entry((t.y.get() * 100.0).round() as i64)
                    .or_default()
                    .push((t.x + g.dx, g.ch));
            }
        }
    }
    lines
}

#[test]
fn a_full_body_page_has_22_lines_of_28_characters_at_28_95_pt() {
    let (doc, _) = lay(&suite("full-page.yaml"));
    let lines = body_lines(&doc, 1);
    assert_eq!(lines.len(), 22, "lines on a full page");
    let ys: Vec<f32> = lines.keys().map(|&y| y as f32 / 100.0).collect();
    for w in ys.windows(2) {
        assert!((w[1] - w[0] - 28.95).abs() < 0.02, "pitch {}", w[1] - w[0]);
    }
    let left = Pt::mm(28.0);
    let right = Pt::mm(28.0 + 156.0);
    for (y, glyphs) in &lines {
        assert_eq!(glyphs.len(), 28, "line at {y}: {} characters", glyphs.len());
        let first = glyphs
            .iter()
            .map(|g| g.0)
            .fold(f32::MAX, |a, b| a.min(b.get()));
        let last = glyphs
            .iter()
            .map(|g| g.0)
            .fold(f32::MIN, |a, b| a.max(b.get()));
        assert!(first >= left.get() - 0.5, "starts inside the type area");
        assert!(
            last + 15.79 <= right.get() + 0.5,
            "ends inside the type area: {}",
            last + 15.79
        );
    }
}

#[test]
fn no_line_starts_with_closing_punctuation_or_ends_with_opening() {
    for name in ["yiyang-2020.yaml", "long-table.yaml"] {
        let (doc, _) = lay(&example(name));
        for (pi, _) in doc.pages.iter().enumerate() {
            for (y, mut glyphs) in body_lines(&doc, pi) {
                glyphs.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
                let first = glyphs.first().unwrap().1;
                let last = glyphs.last().unwrap().1;
                assert!(
                    !classify(first).no_start(),
                    "{name} page {} line {y} starts with {first}",
                    pi + 1
                );
                assert!(
                    !classify(last).no_end(),
                    "{name} page {} line {y} ends with {last}",
                    pi + 1
                );
            }
        }
    }
}

#[test]
fn tables_stay_inside_the_type_area_and_tall_rows_split() {
    let s = session();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let bottom = (setup.style.page.margin_top + setup.style.page.type_height()).get() + 0.5;
    for path in [
        example("long-table.yaml"),
        suite("tall-row.yaml"),
        example("demo-2021.yaml"),
    ] {
        let (doc, _) = lay(&path);
        for (i, page) in doc.pages.iter().enumerate() {
            for item in &page.items {
                if let Item::Rule { y1, y2, .. } = item {
                    assert!(
                        y1.get() <= bottom && y2.get() <= bottom,
                        "{} page {}: a rule at {} passes the type area",
                        path.display(),
                        i + 1,
                        y2.get()
                    );
                }
            }
        }
    }
    let (doc, _) = lay(&suite("tall-row.yaml"));
    assert!(doc.pages.len() >= 4, "the tall row spans pages");
    // Its first part fills the rest of the first page rather than leaving it blank: the
    // lowest rule of page 1 is within two lines of the type area's bottom.
    let page1_cells = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Text(t) if t.text().contains("信息")))
        .count();
    assert!(
        page1_cells > 20,
        "{page1_cells} lines of the tall row on page 1"
    );
    let lowest = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { y2, .. } => Some(y2.get()),
            _ => None,
        })
        .fold(0.0f32, f32::max);
    assert!(
        lowest > bottom - 0.5 - 2.0 * 28.95,
        "lowest rule at {lowest}"
    );
    // The repeated header is on every page of the table.
    let with_header = doc
        .pages
        .iter()
        .filter(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Item::Text(t) if t.text() == "备注"))
        })
        .count();
    assert!(with_header >= doc.pages.len() - 1);
}

#[test]
fn every_page_starts_with_its_structure_tag_and_page_numbers_are_artifacts() {
    use gongwen::layout::{ArtifactKind, Tag};
    let (doc, _) = lay(&example("yiyang-2020.yaml"));
    for p in &doc.pages {
        assert!(matches!(p.items[0], Item::Tag(_)), "page {}", p.number);
        // The page number is the last thing drawn, as an artifact.
        let last_tag = p.items.iter().rev().find_map(|i| match i {
            Item::Tag(t) => Some(*t),
            _ => None,
        });
        assert_eq!(last_tag, Some(Tag::Artifact(ArtifactKind::PageNumber)));
    }
    // Every element the content points at exists.
    let n = doc.structure.nodes.len() as u32;
    for i in doc.pages.iter().flat_map(|p| &p.items) {
        if let Item::Tag(Tag::Node(id)) = i {
            assert!(id.0 < n);
        }
    }
}

/// Grid lines (baselines) of 16 pt text on each page, page number excluded.
fn lines_per_page(doc: &PagedDocument) -> Vec<usize> {
    (0..doc.pages.len())
        .map(|p| body_lines(doc, p).len())
        .collect()
}

/// Issue 13 (4): widow/orphan control left 21 lines on 7 of the examples' pages; the DOCX
/// (like Word/WPS 公文 templates) fills 22. Every body page that is followed by more body text
/// and holds no table is full.
#[test]
fn every_full_body_page_has_22_lines() {
    for name in [
        "yiyang-2020.yaml",
        "demo-2021.yaml",
        "yiyang-2020-form-fixed.yaml",
    ] {
        let (doc, _) = lay(&example(name));
        let counts = lines_per_page(&doc);
        #[allow(clippy::needless_range_loop)] // pages p and p + 1 are both read
        for p in 1..doc.pages.len().saturating_sub(1) {
            let tables = doc.pages[p]
                .items
                .iter()
                .any(|i| matches!(i, Item::Rule { .. }))
                || doc.pages[p + 1]
                    .items
                    .iter()
                    .any(|i| matches!(i, Item::Rule { .. }));
            let attachment_next = doc.pages[p + 1]
                .items
                .iter()
                .any(|i| matches!(i, Item::Text(t) if t.text().starts_with("附件")));
            if tables || attachment_next {
                continue;
            }
            assert_eq!(counts[p], 22, "{name} page {}: {} lines", p + 1, counts[p]);
        }
    }
}

/// No heading is the last text line of its page: the block after it starts on the same page.
fn assert_no_stranded_heading(doc: &PagedDocument, what: &str) {
    for o in &doc.outline {
        let page = &doc.pages[o.page];
        let below = page.items.iter().any(|i| match i {
            Item::Text(t) => t.size == Pt::new(16.0) && t.y.get() > o.y.get() + 28.95 + 16.0,
            Item::Rule { y1, .. } => y1.get() > o.y.get() + 28.95,
            _ => false,
        });
        assert!(
            below,
            "{what}: heading 「{}」 ends page {}",
            o.title,
            o.page + 1
        );
    }
}

/// Issue 13 (3): a heading stranded with room left because the paragraph after it was moved
/// whole by another rule (the 落款 keep, a table kept whole). Keep-with-next is decided after
/// those rules, at every position of the heading near a page's foot.
#[test]
fn a_heading_never_ends_a_page_whatever_moves_the_block_after_it() {
    for name in [
        "yiyang-2020.yaml",
        "demo-2021.yaml",
        "yiyang-2020-form-fixed.yaml",
    ] {
        let (doc, _) = lay(&example(name));
        assert_no_stranded_heading(&doc, name);
    }
    let dir = temp_dir("keep-heading");
    let filler = "政务公开工作取得新进展".repeat(80);
    let line = |n: usize| -> String { filler.chars().take(26 + 28 * (n - 1)).collect() };
    let table = "  - table:\n      columns: [1, 1]\n      header:\n        - [项目, 数量]\n      rows:\n        - [甲, 1]\n        - [乙, 2]\n        - [丙, 3]\n        - [丁, 4]\n        - [戊, 5]\n        - [合计, 15]\n";
    for n in 14..=21 {
        for (kind, after) in [
            ("paragraph", format!("  - {}\n", line(3))),
            ("table", format!("{table}  - {}\n", line(1))),
            (
                "headings",
                format!("  - heading: 第二层\n  - {}\n", line(3)),
            ),
        ] {
            let yaml = format!(
                "title: 标题\nbody:\n  - {}\n  - heading: 第一层\n{after}signature:\n  issuer: 某某市人民政府办公室\n  date: 2024-12-31\n",
                line(n)
            );
            let path = dir.join(format!("{kind}-{n}.yaml"));
            std::fs::write(&path, yaml).unwrap();
            let (doc, _) = lay(&path);
            assert_no_stranded_heading(&doc, &format!("{kind} after {n} lines"));
            // A table shorter than half the type area is never split.
            let with_rules = doc
                .pages
                .iter()
                .filter(|p| p.items.iter().any(|i| matches!(i, Item::Rule { .. })))
                .count();
            assert!(
                with_rules <= 1,
                "{kind} after {n} lines: the table is split"
            );
        }
    }
}

/// Baselines of 16 pt text on a page with the glyphs on each, left to right.
fn sorted_lines(doc: &PagedDocument, page: usize) -> Vec<(i64, Vec<(Pt, char)>)> {
    body_lines(doc, page)
        .into_iter()
        .map(|(y, mut g)| {
            g.sort_by(|a, b| a.0.get().total_cmp(&b.0.get()));
            (y, g)
        })
        .collect()
}

/// Issue 13 (8, 7): 附件说明 is 「附件：1.名称」 with no space or glue after the number, and a
/// wrapped name returns under the first character of the name, not under the number
/// (GB/T 9704 §7.3.4).
#[test]
fn a_wrapped_attachment_name_aligns_with_the_first_character_of_the_name() {
    let dir = temp_dir("attachment-note");
    let long = "益阳市城市管理和综合执法局关于政府信息公开工作年度报告有关数据的统计说明及其附表";
    let yaml = format!(
        "title: 标题\nbody:\n  - 正文。\nattachments:\n  - title: {long}\n    body: [附件正文。]\n  - title: 短名称\n    body: [附件正文。]\nsignature:\n  issuer: 某某市人民政府办公室\n  date: 2024-12-31\n"
    );
    let path = dir.join("note.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (doc, _) = lay(&path);
    let lines = sorted_lines(&doc, 0);
    let at = lines
        .iter()
        .position(|(_, g)| g.first().is_some_and(|c| c.1 == '附'))
        .expect("the note's first line");
    let first = &lines[at].1;
    let text: String = first.iter().map(|g| g.1).collect();
    assert!(text.starts_with("附件：1.益阳"), "{text}");
    let name = first.iter().find(|g| g.1 == '益').unwrap().0;
    let number = first.iter().find(|g| g.1 == '1').unwrap().0;
    let dot = first.iter().find(|g| g.1 == '.').unwrap().0;
    // No glue: the name starts where the full stop's advance ends (Times '.' is ¼ em).
    assert!(
        (name - dot).get() < 16.0 * 0.25 + 0.3,
        "gap after 1.: {:?}",
        name - dot
    );
    let wrapped = lines[at + 1].1[0].0;
    assert!(
        (wrapped - name).get().abs() < 0.5,
        "wrapped line at {wrapped:?}, name at {name:?}, number at {number:?}"
    );
    let second = lines[at + 2].1[0].0;
    assert!((second - number).get().abs() < 0.5, "2. under 1.");
}

/// Issue 13 (10): a money column with `align: decimal` lines its decimal points up; a cell
/// without a point aligns its last digit there.
#[test]
fn a_decimal_column_lines_up_its_points() {
    let dir = temp_dir("decimal");
    let yaml = "title: 标题\nbody:\n  - table:\n      columns: [2, 1]\n      align: [left, decimal]\n      header:\n        - [项目, 金额]\n      rows:\n        - [甲, 38.47万元]\n        - [乙, 562.648万元]\n        - [丙, 6万元]\n        - [丁, {text: 合计, align: center}]\n";
    let path = dir.join("decimal.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (doc, _) = lay(&path);
    let mut points = Vec::new();
    let mut units = Vec::new();
    for item in &doc.pages[0].items {
        if let Item::Text(t) = item {
            for g in &t.glyphs {
                match g.ch {
                    '.' => points.push((t.x + g.dx).get()),
                    '6' if t.glyphs.len() == 1 => {
                        points.push((t.x + g.dx).get() + t.size.get() * 0.5)
                    }
                    '万' => units.push((t.x + g.dx).get()),
                    _ => {}
                }
            }
        }
    }
    assert_eq!(points.len(), 3, "{points:?}");
    // 38.47 and 562.648 share the point; 6 ends where the points stand.
    assert!((points[0] - points[1]).abs() < 0.05, "{points:?}");
    assert!((points[2] - points[0]).abs() < 0.6, "{points:?}");
    assert!(
        units[0] < units[1],
        "the shorter fraction ends further left: {units:?}"
    );
}

/// Issue 13 (10): digits in 黑体 labels and titles (「附件1」, 「表1」) are drawn in the heading
/// face, not in Times.
#[test]
fn digits_in_heiti_labels_stay_in_the_heading_face() {
    let dir = temp_dir("heiti-digits");
    let yaml = "title: 标题\nbody:\n  - table:\n      title: 表1 统计表\n      rows:\n        - [甲, 1]\nattachments:\n  - title: 甲\n    body: [正文。]\n  - title: 乙\n    body: [正文。]\n";
    let path = dir.join("labels.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (doc, _) = lay(&path);
    let setup = session()
        .setup(&LayoutSource::Builtin("gbt9704".into()))
        .unwrap();
    let book = &setup.book;
    let mut checked = 0;
    for (p, page) in doc.pages.iter().enumerate() {
        let runs: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        // Page 1 holds the table; the labels 附件1, 附件2 start pages 2 and 3.
        let labels: &[(char, char)] = if p == 0 {
            &[('表', '1')]
        } else {
            &[('附', '1'), ('附', '2')]
        };
        for &(han, digit) in labels {
            let Some(h) = runs
                .iter()
                .find(|t| t.glyphs.first().is_some_and(|g| g.ch == han))
            else {
                continue;
            };
            let Some(d) = runs
                .iter()
                .find(|t| t.y == h.y && t.glyphs.iter().any(|g| g.ch == digit))
            else {
                continue;
            };
            // The same face, or advance variants of it (copy-paste, see `narrow.rs`).
            assert_eq!(
                book.base(d.font),
                book.base(h.font),
                "{han}…{digit} in another face: {} / {}",
                h.text(),
                d.text()
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "{checked} labels checked");
}

/// Issue 13 (10): the gap between a table and the text after it was 6.5–37 pt. A table (and
/// its note) now ends on a grid line, so the text after it starts (28.95 − 16) / 2 pt below.
#[test]
fn the_text_after_a_table_starts_a_regular_distance_below_it() {
    let top = Pt::mm(37.0).get();
    let mut seen = 0;
    for name in ["yiyang-2020.yaml", "demo-2021.yaml", "long-table.yaml"] {
        let (doc, _) = lay(&example(name));
        for (p, page) in doc.pages.iter().enumerate() {
            let lowest_rule = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Rule { y1, y2, .. } => Some(y1.get().max(y2.get())),
                    _ => None,
                })
                .fold(f32::MIN, f32::max);
            if lowest_rule == f32::MIN {
                continue;
            }
            // The first body line below the table (notes are smaller text).
            let next = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) if t.size == Pt::new(16.0) && t.y.get() > lowest_rule => {
                        Some(t.y.get() - 16.0 * 0.88)
                    }
                    _ => None,
                })
                .fold(f32::MAX, f32::min);
            let note = page.items.iter().any(
                |i| matches!(i, Item::Text(t) if t.size < Pt::new(14.0) && t.y.get() > lowest_rule),
            );
            if next == f32::MAX || next > top + 22.0 * 28.95 || note {
                continue;
            }
            let gap = next - lowest_rule;
            assert!(
                (gap - (28.95 - 16.0) / 2.0).abs() < 0.1,
                "{name} page {}: {gap} pt from the table to the text",
                p + 1
            );
            seen += 1;
        }
    }
    assert!(seen >= 2, "{seen} tables followed by text");
}

/// Issue 13 (2): a rowspan label cut by a page break is printed again in each part; table A's
/// block label and column header never end a page without their data row.
#[test]
fn a_cut_rowspan_label_is_printed_in_each_part() {
    let (doc, _) = lay(&example("yiyang-2020.yaml"));
    let pages_with = |text: &str| {
        doc.pages
            .iter()
            .filter(|p| {
                p.items.iter().any(
                    |i| matches!(i, Item::Text(t) if t.size < Pt::new(16.0) && t.text() == text),
                )
            })
            .count()
    };
    // 三、本年度办理结果 is set a character or two a line in its narrow column.
    assert!(pages_with("三") >= 2, "the label is printed once");
    for page in &doc.pages {
        let texts: Vec<String> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if t.size < Pt::new(16.0) => Some(t.text()),
                _ => None,
            })
            .collect();
        if let Some(k) = texts.iter().position(|t| t.starts_with("第二十条")) {
            assert!(
                texts[k..].iter().any(|t| t == "信息内容") && texts.len() > k + 4,
                "a block label ends a page"
            );
        }
    }
}
