//! Property tests: arbitrary text set into lines stays inside the measure; arbitrary YAML runs
//! through model → layout → PDF/DOCX without a panic. CI runs a few dozen cases
//! (`PROPTEST_CASES` raises it).

use std::path::Path;

use proptest::prelude::*;

use gongwen::geom::Pt;
use gongwen::layout::inline::{set_text, Justify, TextSpec};
use gongwen::layout::{layout_document, Item};
use gongwen::model::load_str;
use gongwen::style::{LayoutSource, Role};
use gongwen::text::class::Class;

use super::util::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// Text drawn from the characters that matter to line breaking.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "政", "府", "信", "息", "公", "开", "，", "。", "、", "：", "；", "（", "）", "《", "》",
        "“", "”", "——", "……", "2020", "12319", "GB/T", " ", "a", "word", "·", "〔", "〕", "啰",
        "\u{E000}", "%", "-", "&", "<b>", "\"",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_line_stays_inside_the_measure(t in text(), cells in 2.0f32..30.0, indent in 0.0f32..2.0) {
        let setup = session().setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
        let cell = Pt::new(15.793);
        let spec = TextSpec { role: Role::Body, size: Pt::new(16.0), cell, latin: true, bold: false };
        let chars: Vec<(char, bool)> = t.chars().map(|c| (c, false)).collect();
        let width = cell * cells;
        let lines = set_text(&setup.book, &spec, &chars, width, cell * indent.min(cells - 1.0), Justify::Justified);
        let total: usize = lines.iter().map(|l| l.glyphs.len()).sum();
        let drawn = t.chars().filter(|c| !c.is_control()).count();
        // Spaces at line ends may go; nothing else is lost.
        prop_assert!(total + t.matches(' ').count() >= drawn, "glyphs lost: {} of {}", total, drawn);
        for l in &lines {
            for g in &l.glyphs {
                // The cell a glyph is set in: CJK glyphs are centred in their cell; a closing
                // mark's ink is its left half (GB style), the rest may be squeezed away.
                let gl = &g.glyph;
                let centred = gl.class.is_cjk() && gl.gid.is_some();
                let start = if centred { g.x.get() - (gl.advance.get() - gl.natural.get() * gl.hscale) * 0.5 } else { g.x.get() };
                let ink = if gl.class.is_punct() && gl.class != Class::Open { gl.advance.get() * 0.5 } else { gl.advance.get() };
                prop_assert!(start >= -1.0, "{:?} starts left of the measure at {}", gl.ch, start);
                // Last resort when nothing on a line can move down: a closing mark may hang
                // by its ink (half an em) rather than start the next line.
                let mark = (gl.class.is_punct() && gl.class != Class::Open) || gl.class == Class::Middle;
                let hang = if mark { ink } else { 0.0 };
                prop_assert!(start + ink <= width.get() + hang + 1.0, "{:?} ends past the measure: {} > {}", gl.ch, start + ink, width.get());
            }
        }
    }

    #[test]
    fn arbitrary_reports_never_panic(body in prop::collection::vec(text(), 0..8), cols in 1usize..6, rows in 0usize..6) {
        // YAML single-quoted scalars: every character as it is, a quote doubled.
        let q = |t: &str| format!("'{}'", t.replace('\'', "''"));
        let mut yaml = String::from("title: 测试\nbody:\n");
        for (i, p) in body.iter().enumerate() {
            match i % 3 {
                0 => yaml.push_str(&format!("  - {}\n", q(p))),
                1 => yaml.push_str(&format!("  - heading: {}\n", q(p))),
                _ => {
                    yaml.push_str("  - table:\n      rows:\n");
                    for r in 0..rows {
                        let cells: Vec<String> = (0..cols).map(|c| q(&format!("{p}{r}{c}"))).collect();
                        yaml.push_str(&format!("        - [{}]\n", cells.join(", ")));
                    }
                    if rows == 0 {
                        yaml.push_str("        - [x]\n");
                    }
                }
            }
        }
        let s = session();
        let loaded = load_str(Path::new("prop.yaml"), &yaml, &s.limits);
        if let Some(report) = loaded.report {
            let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
            let (doc, _) = layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
            let left = setup.style.page.margin_left.get() - 1.0;
            let right = (setup.style.page.width - setup.style.page.margin_right).get() + 16.0;
            for page in &doc.pages {
                for item in &page.items {
                    if let Item::Text(t) = item {
                        prop_assert!(t.x.get() >= left && t.x.get() <= right, "text outside the type area at {:?}", t.x);
                    }
                }
            }
            gongwen::export::pdf::pdf(&doc, &setup.book, &setup.pdf_fonts, &Default::default()).unwrap();
            let docx = gongwen::export::docx::docx(&report, &setup.style, &setup.book, &Default::default())
                .unwrap();
            // The document part is well-formed XML holding every paragraph's text.
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
            let mut xml = Vec::new();
            std::io::Read::read_to_end(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
            let root = super::xmltree::parse(&xml);
            prop_assert!(root.is_ok(), "document.xml: {:?}", root.err());
            let text = root.unwrap().text();
            for b in &report.body {
                if let gongwen::model::Block::Paragraph(p) = b {
                    let t: String = p.text().chars().filter(|c| !c.is_control()).collect();
                    prop_assert!(text.contains(&t), "the DOCX lacks {:?}", t);
                }
            }
        }
    }

    #[test]
    fn arbitrary_yaml_text_never_panics(src in "[a-z:\\[\\]{}\\-\"' \n&*!|>#0-9政府，。]{0,200}") {
        let _ = load_str(Path::new("prop.yaml"), &src, &session().limits);
    }
}
