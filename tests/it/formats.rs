//! The special formats of GB/T 9704 §10 measured on laid-out pages: the 信函's mark 30 mm below
//! the paper's top, its red double rules (170 mm, 4 mm below the mark and 20 mm above the paper's
//! bottom) and its unnumbered first page; the 命令's mark 20 mm below the type area with the
//! 令号 and body two blank lines apart; the 纪要's mark 35 mm down and its 出席 list in 黑体.

use gongwen::geom::Pt;
use gongwen::layout::{dump::dump, layout_document, Item, Page, PagedDocument};
use gongwen::model::load_file;
use gongwen::style::{Color, LayoutSource, Style};

use super::util::*;

fn lay(name: &str) -> (PagedDocument, Style, String) {
    let s = session();
    let loaded = load_file(&example(&format!("{name}.yaml")), &s.limits);
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let report = loaded.report.unwrap();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let (doc, _) = layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
    let text = dump(&doc, &setup.book);
    (doc, setup.style.clone(), text)
}

fn runs(page: &Page) -> Vec<&gongwen::layout::TextRun> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// Top edge of the red text (the mark) on a page, in mm from the paper's top.
fn mark_top(page: &Page) -> f32 {
    runs(page)
        .iter()
        .filter(|t| t.color != Color::BLACK)
        .map(|t| (t.y - t.size * 0.88).to_mm())
        .fold(f32::MAX, f32::min)
}

fn mark_bottom(page: &Page) -> f32 {
    runs(page)
        .iter()
        .filter(|t| t.color != Color::BLACK)
        .map(|t| (t.y + t.size * 0.12).to_mm())
        .fold(0.0, f32::max)
}

#[test]
fn special_format_examples_match_their_reference_dumps() {
    for name in ["letter", "order", "minutes"] {
        let (_, _, text) = lay(name);
        assert_ref(&root().join(format!("tests/ref/layout/{name}.txt")), &text);
    }
}

#[test]
fn the_letter_head_has_its_mark_and_double_rules_where_the_standard_puts_them() {
    let (doc, style, _) = lay("letter");
    let page = &doc.pages[0];
    assert!(
        (mark_top(page) - 30.0).abs() <= 1.0,
        "mark top {}",
        mark_top(page)
    );
    let rules: Vec<(Pt, Pt, Pt, Pt)> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule {
                x1,
                x2,
                y1,
                width,
                color,
                ..
            } if *color != Color::BLACK => Some((*x1, *x2, *y1, *width)),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 4, "two double rules: {rules:?}");
    for (x1, x2, _, _) in &rules {
        assert!(((*x2 - *x1).to_mm() - 170.0).abs() <= 0.5);
        let centre = ((*x1 + *x2) * 0.5).to_mm();
        assert!((centre - style.page.width.to_mm() * 0.5).abs() <= 0.5);
    }
    // The first double rule: thick over thin, its top edge 4 mm below the mark.
    let (_, _, y, w) = rules[0];
    let top = (y - w * 0.5).to_mm();
    assert!(
        (top - mark_bottom(page) - 4.0).abs() <= 0.5,
        "first rule at {top} mm"
    );
    assert!(rules[0].3 > rules[1].3, "thick over thin");
    // The second: thin over thick, its bottom edge 20 mm above the paper's bottom.
    let (_, _, y, w) = rules[3];
    let bottom = (style.page.height - (y + w * 0.5)).to_mm();
    assert!(
        (bottom - 20.0).abs() <= 0.5,
        "second rule {bottom} mm above the bottom"
    );
    assert!(rules[2].3 < rules[3].3, "thin over thick");
    // 发文字号 flush right under the first rule, 份号 flush left on the same line.
    let right = style.page.margin_left + style.page.type_width();
    let number = runs(page)
        .into_iter()
        .rfind(|t| t.text().contains('号'))
        .unwrap();
    let end = number.x + number.size * number.glyphs.len() as f32;
    assert!((end - right).get().abs() < 1.0, "the number ends at {end}");
    // No page number on the first page; no 版记 rules.
    assert!(!doc.pages[0].numbered);
    let black_rules = page
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rule { color, .. } if *color == Color::BLACK))
        .count();
    assert_eq!(black_rules, 0, "a 信函's 版记 has no rules");
    let text: String = runs(page).iter().map(|t| t.text()).collect();
    assert!(!text.contains("印发"));
    assert!(!text.contains("— 1 —"));
}

#[test]
fn the_order_mark_number_and_body_keep_their_distances() {
    let (doc, style, _) = lay("order");
    let page = &doc.pages[0];
    let below = mark_top(page) - style.page.margin_top.to_mm();
    assert!(
        (below - 20.0).abs() <= 1.0,
        "mark {below} mm below the type area"
    );
    let pitch = style.grid.line_pitch;
    let rs = runs(page);
    let number = rs.iter().find(|t| t.text().contains("第")).unwrap();
    let body = rs.iter().find(|t| t.text().contains("《")).unwrap();
    // Two blank lines between 令号 and body: three pitches from baseline to baseline.
    assert!((body.y - number.y - pitch * 3.0).get().abs() < 0.05);
    // The 令号 centred: its runs span equally either side of the type area's centre.
    let centre = style.page.margin_left + style.page.type_width() * 0.5;
    let line: Vec<_> = rs
        .iter()
        .filter(|t| (t.y - number.y).get().abs() < 0.01)
        .collect();
    let left = line.iter().map(|t| t.x).fold(Pt::new(1e9), Pt::min);
    let last = line
        .iter()
        .max_by(|a, b| a.x.get().total_cmp(&b.x.get()))
        .unwrap();
    let right = last.x + last.size * last.glyphs.len() as f32;
    assert!(
        ((left + right) * 0.5 - centre).get().abs() < 1.0,
        "the 令号 spans {left}–{right}"
    );
}

#[test]
fn the_minutes_mark_and_attendance_lists() {
    let (doc, style, _) = lay("minutes");
    let below = mark_top(&doc.pages[0]) - style.page.margin_top.to_mm();
    assert!(
        (below - 35.0).abs() <= 1.0,
        "mark {below} mm below the type area"
    );
    let s = session();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let mut labels = Vec::new();
    for p in &doc.pages {
        for t in runs(p) {
            if ["出席", "请假", "列席"]
                .iter()
                .any(|l| t.text().starts_with(l))
            {
                labels.push((t.text(), setup.book.face(t.font).family.clone(), t.x));
            }
        }
    }
    assert_eq!(labels.len(), 3, "{labels:?}");
    let heading1 = {
        let rs: Vec<_> = doc
            .pages
            .iter()
            .flat_map(|p| runs(p))
            .filter(|t| t.text().starts_with("一、"))
            .map(|t| setup.book.face(t.font).family.clone())
            .collect();
        rs[0].clone()
    };
    for (text, family, x) in &labels {
        assert_eq!(
            family, &heading1,
            "{text} is not in 黑体 (the heading1 face)"
        );
        // Indented two characters.
        let indent = (*x - style.page.margin_left) / style.cell();
        assert!((indent - 2.0).abs() < 0.05, "{text} indented {indent}");
    }
}

#[test]
fn libreoffice_opens_every_special_format_docx_with_its_text() {
    if !have("soffice") {
        return;
    }
    let dir = temp_dir("formats-docx");
    let names = ["letter", "order", "minutes"];
    let docs: Vec<String> = names.iter().map(|n| render_both(&dir, n)).collect();
    let lo = dir.join("lo");
    soffice(&dir, "pdf", &lo, &docs);
    for (name, items) in [
        (
            "letter",
            &[
                "某某市人民政府办公室",
                "某政办函〔2024〕45号",
                "000045",
                "抄送：市委编办，市财政局。",
            ][..],
        ),
        (
            "order",
            &["某某市人民政府令", "第12号", "市长", "2024年3月20日"][..],
        ),
        (
            "minutes",
            &[
                "某某市人民政府常务会议纪要",
                "第8期",
                "出席：",
                "请假：卫十六",
                "列席：",
            ][..],
        ),
    ] {
        let t = run(
            "pdftotext",
            &[lo.join(format!("{name}.pdf")).to_str().unwrap(), "-"],
        );
        let text: String = String::from_utf8_lossy(&t.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for item in items {
            assert!(text.contains(item), "{name}.docx: `{item}` missing: {text}");
        }
    }
    // The 信函's mark sits where the PDF has it (its top 30 mm below the paper's top, §10.1):
    // the word's vertical centre within 3 mm in LibreOffice's page and ours.
    let ours = word_centre(&dir.join("letter.pdf"), "某某市人民政府办公室");
    let theirs = word_centre(&lo.join("letter.pdf"), "某某市人民政府办公室");
    assert!(
        (ours - theirs).abs() < 3.0 * 72.0 / 25.4,
        "the 信函's mark: our PDF at {ours} pt, LibreOffice at {theirs} pt"
    );
}
