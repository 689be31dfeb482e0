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
        assert_eq!(w.span.as_ref().map(|s| s.line_col()), Some((3, col)));
    }
    let w = warnings[3];
    assert!(w.message.contains("U+E000"), "{}", w.message);
    assert_eq!(
        w.span.as_ref().map(|s| s.line()),
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
        out.contains("fallback: `啰` (U+5570) from Noto Serif CJK SC"),
        "{out}"
    );
    assert!(out.contains("missing: `\u{E000}` (U+E000)"), "{out}");
    assert!(out.contains("from FandolFang"), "{out}");
}

/// Coverage sees every part the layout sets: a character no font has in the 主送, an
/// attachment title, a table title and note is listed, and the date and page numbers count.
#[test]
fn fonts_coverage_covers_every_part_of_the_document() {
    let dir = temp_dir("coverage-parts");
    let input = dir.join("r.yaml");
    std::fs::write(
        &input,
        "title: 报告\nrecipient: 各单位\u{E010}：\nbody:\n  - 正文。\n  - table:\n      title: 表\u{E011}\n      note: 注\u{E012}\n      columns: [1]\n      rows:\n        - [甲]\nattachments:\n  - title: 清单\u{E013}\nsignature:\n  issuer: 某局\n  date: 2021-01-20\n",
    )
    .unwrap();
    let s = session();
    let report = load_file(&input, &s.limits).report.unwrap();
    let setup = s
        .setup(&gongwen::style::LayoutSource::Builtin("gbt9704".into()))
        .unwrap();
    let (doc, _) =
        gongwen::layout::layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
    let cov = gongwen::coverage::coverage(&doc, &setup.book);
    for c in ['\u{E010}', '\u{E011}', '\u{E012}', '\u{E013}'] {
        assert!(cov.missing.contains(&c), "U+{:04X}: {cov:?}", c as u32);
    }
    // 2021年1月20日 and the page number 1 are written nowhere else.
    for c in ['年', '月', '日', '2', '0', '1'] {
        assert!(cov.chars.contains(&c), "{c}: {cov:?}");
    }
    let o = gongwen(&["fonts", input.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("missing: `\u{E013}` (U+E013)"), "{out}");
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
            .map(|s| s.line_col())
    };
    assert_eq!(at('\u{E001}'), Some((6, 9)), "{:?}", r.diagnostics);
    assert_eq!(at('\u{E002}'), Some((10, 16)), "{:?}", r.diagnostics);
}

/// Offset and length of a table in a font file.
fn table(font: &[u8], tag: &[u8; 4]) -> (usize, usize) {
    let be32 = |at: usize| u32::from_be_bytes(font[at..at + 4].try_into().unwrap()) as usize;
    let n = u16::from_be_bytes([font[4], font[5]]) as usize;
    (0..n)
        .map(|i| 12 + 16 * i)
        .find(|&r| &font[r..r + 4] == tag)
        .map(|r| (be32(r + 8), be32(r + 12)))
        .unwrap()
}

/// A font with `unitsPerEm` 0 or a cut-down `post` table in `--font-dir` used to panic the
/// renderer (exit 101). Each is skipped with a warning naming the file, and the bundled font
/// takes its place. A `--font-dir` that does not exist is a warning; one holding sixteen
/// links to itself is searched in moments.
#[test]
fn damaged_fonts_are_skipped_with_a_warning() {
    let good =
        std::fs::read(root().join("tests/fonts/FangSongGB2312-renamed-FandolKai.ttf")).unwrap();
    let dir = temp_dir("fonts-damaged");
    let mut upem = good.clone();
    let (head, _) = table(&upem, b"head");
    upem[head + 18..head + 20].copy_from_slice(&0u16.to_be_bytes());
    std::fs::write(dir.join("upem0.ttf"), &upem).unwrap();
    let mut post = good.clone();
    let n = u16::from_be_bytes([post[4], post[5]]) as usize;
    let rec = (0..n)
        .map(|i| 12 + 16 * i)
        .find(|&r| &post[r..r + 4] == b"post")
        .unwrap();
    let (at, _) = table(&post, b"post");
    // Version 2.0 with the table cut right after its 32-byte header.
    post[at..at + 4].copy_from_slice(&0x0002_0000u32.to_be_bytes());
    post[rec + 12..rec + 16].copy_from_slice(&32u32.to_be_bytes());
    std::fs::write(dir.join("post-cut.ttf"), &post).unwrap();
    for i in 0..16 {
        std::os::unix::fs::symlink(&dir, dir.join(format!("loop{i}"))).unwrap();
    }
    let out = temp_dir("fonts-damaged-out");
    for font in ["upem0.ttf", "post-cut.ttf"] {
        let layout = out.join(format!("{font}.yaml"));
        std::fs::write(
            &layout,
            format!("extends: gbt9704\nfonts:\n  body: [{font}, FandolFang-Regular-GBsub.ttf]\n"),
        )
        .unwrap();
        let start = std::time::Instant::now();
        let o = gongwen(&[
            "render",
            suite("fangsong-dir.yaml").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--layout",
            layout.to_str().unwrap(),
            "--font-dir",
            dir.to_str().unwrap(),
            "--font-dir",
            out.join("no-such-folder").to_str().unwrap(),
        ]);
        let err = stderr(&o);
        assert!(o.status.success(), "{font}: {err}");
        assert!(
            err.contains("warning[font]")
                && err.contains(&format!("{}` is damaged", dir.join(font).display())),
            "{font}: {err}"
        );
        assert!(err.contains("no-such-folder` does not exist"), "{err}");
        assert!(start.elapsed().as_secs() < 20);
    }
}

/// Characters no font has in the title, recipient, issuer and a form's organ are reported at
/// their own line and column (they had no position).
#[test]
fn missing_characters_outside_the_body_have_positions() {
    let dir = temp_dir("missing-at-head");
    let general = dir.join("g.yaml");
    std::fs::write(
        &general,
        "title: 关于\u{E003}的报告\nrecipient: 各\u{E004}：\nbody: [正文。]\nsignature:\n  issuer: 某\u{E005}局\n  date: 2023-01-20\n",
    )
    .unwrap();
    let form = dir.join("f.yaml");
    let text = std::fs::read_to_string(example("demo-2021.yaml"))
        .unwrap()
        .replacen("organ: 青山市", "organ: 青\u{E006}市", 1);
    let organ_line = text.lines().position(|l| l.starts_with("organ:")).unwrap() as u32 + 1;
    std::fs::write(&form, text).unwrap();
    let at = |path: &std::path::Path, c: char| {
        render_pdf(path)
            .diagnostics
            .0
            .iter()
            .find(|d| d.message.contains(&format!("U+{:04X}", c as u32)))
            .and_then(|d| d.span.as_ref())
            .map(|s| s.line_col())
    };
    assert_eq!(at(&general, '\u{E003}'), Some((1, 10)));
    assert_eq!(at(&general, '\u{E004}'), Some((2, 13)));
    assert_eq!(at(&general, '\u{E005}'), Some((5, 12)));
    assert_eq!(at(&form, '\u{E006}'), Some((organ_line, 9)));
}

/// Fonts truncated while a session uses them (a sync tool rewriting the folder mid-batch) do
/// not take the process down: the faces were read into memory, not mapped (SIGBUS before).
#[test]
fn fonts_truncated_under_a_running_session_change_nothing() {
    use gongwen::limits::Limits;
    use gongwen::text::FontOptions;
    let dir = temp_dir("fonts-truncated");
    for e in std::fs::read_dir(root().join("fonts")).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "ttf") {
            std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
        }
    }
    let session = gongwen::Session::new(
        FontOptions {
            font_dirs: vec![],
            bundled_dir: Some(dir.clone()),
            system: false,
            map: false,
        },
        Limits::default(),
    );
    let opts = gongwen::RenderOptions {
        pdf: true,
        docx: true,
        ..Default::default()
    };
    let first = gongwen::render(&session, &example("yiyang-2020.yaml"), &opts);
    assert!(first.pdf.is_some());
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        std::fs::OpenOptions::new()
            .write(true)
            .open(e.path())
            .unwrap()
            .set_len(0)
            .unwrap();
    }
    let again = gongwen::render(&session, &example("yiyang-2020.yaml"), &opts);
    assert_eq!(first.pdf, again.pdf);
    // A face first needed after the truncation could not be read: its characters would be
    // boxes with a warning; the report still renders.
    let rare = gongwen::render(&session, &suite("rare-chars.yaml"), &opts);
    assert!(rare.pdf.is_some() && rare.docx.is_some());
}
