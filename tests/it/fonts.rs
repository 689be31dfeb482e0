//! Fonts: per-character fallback, a warning for characters no font has, `--font-dir` families
//! winning over the bundled files, the `fonts` command's coverage report.

use gongwen::layout::{layout_document, Item};
use gongwen::model::load_file;
use gongwen::style::LayoutSource;

use super::util::*;

#[test]
fn rare_characters_fall_back_and_private_use_ones_warn() {
    let input = suite("rare-chars.yaml");
    let r = render_pdf(&input);
    let warnings: Vec<_> = r.diagnostics.0.iter().filter(|d| !d.is_error()).collect();
    assert_eq!(warnings.len(), 4, "{:?}", r.diagnostics);
    // Issue 13 (10): a character drawn from the fallback font is warned about at render
    // time, at its own position, not only by `gongwen fonts`.
    for (w, (ch, col)) in warnings.iter().zip([('啰', 7), ('瞭', 10), ('镕', 13)]) {
        assert!(
            w.message.contains(ch) && w.message.contains("fallback font"),
            "{}",
            w.message
        );
        assert_eq!(w.span.as_ref().map(|s| (s.line, s.col)), Some((3, col)));
    }
    let w = warnings[3];
    assert!(w.message.contains("U+E000"), "{}", w.message);
    assert_eq!(
        w.span.as_ref().map(|s| s.line),
        Some(4),
        "points at the paragraph's line"
    );
    // Drawn as a visible box, never dropped.
    let s = session();
    let report = load_file(&input, &s.limits).report.unwrap();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let (doc, _) = layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
    let boxes = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Missing { ch: '\u{E000}', .. }))
        .count();
    assert_eq!(boxes, 1);
    let dir = temp_dir("fonts-rare");
    let pdf = dir.join("rare.pdf");
    std::fs::write(&pdf, r.pdf.unwrap()).unwrap();
    if have("pdftotext") {
        let o = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(String::from_utf8_lossy(&o.stdout).contains("这位啰嗦的瞭望员镕铸新篇"));
    }
    if have("pdffonts") {
        let o = run("pdffonts", &[pdf.to_str().unwrap()]);
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("NotoSerifCJKsc-Regular"),
            "the fallback font is embedded"
        );
    }
}

#[test]
fn a_font_dir_family_is_used_for_the_body() {
    let fonts = root().join("tests/fonts");
    let o = gongwen(&["fonts", "--font-dir", fonts.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{}", stderr(&o));
    let body = out.lines().find(|l| l.starts_with("body ")).unwrap();
    assert!(
        body.contains("--font-dir") && body.contains("FangSongGB2312-renamed-FandolKai.ttf"),
        "{out}"
    );
    let title = out.lines().find(|l| l.starts_with("title ")).unwrap();
    assert!(title.contains("bundled"), "{out}");
    let dir = temp_dir("fonts-dir");
    let o = gongwen(&[
        "render",
        suite("fangsong-dir.yaml").to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--font-dir",
        fonts.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    if have("pdffonts") {
        let o = run(
            "pdffonts",
            &[dir.join("fangsong-dir.pdf").to_str().unwrap()],
        );
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("FangSong_GB2312-Test"),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn fonts_command_reports_coverage_and_fallbacks() {
    let o = gongwen(&["fonts", suite("rare-chars.yaml").to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("fallback: `啰` (U+5570) in body text from Noto Serif CJK SC"),
        "{out}"
    );
    assert!(out.contains("missing: `\u{E000}` (U+E000)"), "{out}");
    assert!(out.contains("from FandolFang"), "{out}");
}

/// A character no font has, written as such, is reported at its own line and column, also
/// inside a multi-line block scalar; in a table cell too.
#[test]
fn a_missing_character_is_reported_where_it_is_written() {
    let dir = temp_dir("missing-at");
    let input = dir.join("r.yaml");
    std::fs::write(
        &input,
        "title: 报告\nbody:\n  - 第一段，一切正常。\n  - |\n    第二段的第一行，\n    第二行有\u{E001}这个字。\n  - table:\n      columns: [1, 1]\n      rows:\n        - [甲, 乙\u{E002}]\n",
    )
    .unwrap();
    let r = render_pdf(&input);
    let at = |c: char| {
        r.diagnostics
            .0
            .iter()
            .find(|d| d.message.contains(&format!("U+{:04X}", c as u32)))
            .and_then(|d| d.span.as_ref())
            .map(|s| (s.line, s.col))
    };
    assert_eq!(at('\u{E001}'), Some((6, 9)), "{:?}", r.diagnostics);
    assert_eq!(at('\u{E002}'), Some((10, 16)), "{:?}", r.diagnostics);
}
