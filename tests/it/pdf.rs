//! The PDF as a filing office checks it: fonts embedded and subset, text extractable, qpdf
//! clean, A4, byte-identical across runs.

use super::util::*;

fn pdf_of(name: &str) -> Vec<u8> {
    let r = render_pdf(&example(name));
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    r.pdf.expect("a PDF")
}

#[test]
fn two_renders_give_identical_bytes() {
    assert_eq!(pdf_of("yiyang-2020.yaml"), pdf_of("yiyang-2020.yaml"));
}

#[test]
fn the_seed_pdf_passes_the_filing_checks() {
    let dir = temp_dir("pdf-seed");
    let path = dir.join("seed.pdf");
    std::fs::write(&path, pdf_of("yiyang-2020.yaml")).unwrap();
    let p = path.to_str().unwrap();
    if have("qpdf") {
        let o = run("qpdf", &["--check", p]);
        assert!(
            o.status.success(),
            "qpdf: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    if have("pdffonts") {
        let o = run("pdffonts", &[p]);
        let out = String::from_utf8_lossy(&o.stdout);
        let rows: Vec<&str> = out.lines().skip(2).collect();
        assert!(rows.len() >= 5, "{out}");
        for row in rows {
            let f: Vec<&str> = row.split_whitespace().collect();
            let n = f.len();
            assert_eq!(
                &f[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "embedded, subset, ToUnicode: {row}"
            );
        }
    }
    if have("pdfinfo") {
        let o = run("pdfinfo", &[p]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("595.276 x 841.89"), "A4: {out}");
        assert!(
            out.contains("益阳市城市管理和综合执法局2020年政府信息公开工作年度报告"),
            "title: {out}"
        );
    }
    if have("pdftotext") {
        let o = run("pdftotext", &[p, "-"]);
        let text: String = String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .collect();
        for want in [
            "益阳市城市管理和综合执法局",
            "一、总体情况",
            "（一）积极主动作为，提升公开透明度",
            "深入推进政务“五公开”。坚决实行“决策公开、执行公开、",
            "五、存在的主要问题及改进情况",
            "2021年1月20日",
            "—1—",
        ] {
            assert!(text.contains(want), "pdftotext lacks {want}");
        }
        let o = run("pdftotext", &["-layout", p, "-"]);
        for line in String::from_utf8_lossy(&o.stdout).lines() {
            let l = line.trim_start_matches([' ', '\u{3000}']);
            assert!(
                !l.starts_with([
                    '，', '。', '、', '；', '：', '？', '！', '）', '》', '”', '’', '〕', '】'
                ]),
                "a line starts with closing punctuation: {line}"
            );
        }
    }
}

#[test]
fn pdfa_output_is_identified_and_checks_clean() {
    let dir = temp_dir("pdf-pdfa");
    let o = gongwen(&[
        "render",
        example("yiyang-2020.yaml").to_str().unwrap(),
        "--pdf",
        "--pdfa",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.join("yiyang-2020.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let xmp = &text[text.find("<x:xmpmeta").expect("XMP metadata")..];
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(xmp.contains("<rdf:li>zh-CN</rdf:li>"));
    if have("qpdf") {
        let p = path.to_str().unwrap();
        let o = run("qpdf", &["--check", p]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
        // The catalog is in an object stream: look at it through qpdf.
        let o = run(
            "qpdf",
            &[
                "--qdf",
                "--object-streams=disable",
                p,
                dir.join("q.pdf").to_str().unwrap(),
            ],
        );
        assert!(o.status.success());
        let plain = std::fs::read(dir.join("q.pdf")).unwrap();
        assert!(
            String::from_utf8_lossy(&plain).contains("/OutputIntents"),
            "an output intent"
        );
    }
}

/// The text lines of laid-out pages, as the source has them: consecutive runs on one
/// baseline that belong to one structure element (a table row's cells are separate tags,
/// so separate lines) and follow each other closely (the cells of a repeated header row
/// share one artifact tag but stand columns apart), whitespace kept.
fn source_lines(doc: &gongwen::layout::PagedDocument) -> Vec<String> {
    use gongwen::layout::Item;
    let mut lines = Vec::new();
    for page in &doc.pages {
        // Baseline, x of the last glyph, text.
        let mut cur: Option<(f32, f32, String)> = None;
        for item in &page.items {
            match item {
                Item::Text(r) => {
                    let last = r.x.get() + r.glyphs.last().map_or(0.0, |g| g.dx.get());
                    match &mut cur {
                        // Within two ems of the previous glyph: the same line of text.
                        Some((y, x, s))
                            if (*y - r.y.get()).abs() < 0.01
                                && r.x.get() > *x
                                && r.x.get() - *x < 2.0 * r.size.get() =>
                        {
                            s.push_str(&r.text());
                            *x = last;
                        }
                        _ => {
                            lines.extend(cur.take().map(|(_, _, s)| s));
                            cur = Some((r.y.get(), last, r.text()));
                        }
                    }
                }
                Item::Tag(_) => lines.extend(cur.take().map(|(_, _, s)| s)),
                _ => {}
            }
        }
        lines.extend(cur.map(|(_, _, s)| s));
    }
    lines
}

/// Spaces in `extracted` between two non-space characters where `source` (the same
/// characters once whitespace is dropped) has none.
fn inserted_spaces(extracted: &str, source: &str) -> usize {
    // For each non-space character of the source: whether whitespace follows it.
    let mut gap_after = Vec::new();
    for c in source.chars() {
        if c.is_whitespace() {
            if let Some(last) = gap_after.last_mut() {
                *last = true;
            }
        } else {
            gap_after.push(false);
        }
    }
    let mut n = 0;
    let mut k = 0; // non-space characters of `extracted` seen
    let mut pending = false;
    for c in extracted.trim().chars() {
        if c.is_whitespace() {
            pending = true;
        } else {
            if pending && k > 0 && !gap_after[k - 1] {
                n += 1;
            }
            pending = false;
            k += 1;
        }
    }
    n
}

/// Issue 13 item 9: copying text from the PDF gives the source text. Every example is
/// extracted with pdftotext (plain and `-layout`); each output line that is a line of the
/// laid-out text (same characters once whitespace is dropped: body lines, headings, single
/// table cells) must have no space the source lacks. The Han–digit glue and the gaps after
/// squeezed punctuation used to extract as spaces (「2020 年」, 「， 建立」).
#[test]
fn pdftotext_inserts_no_spaces_that_are_not_in_the_source() {
    use gongwen::export::pdf::{pdf, PdfOptions};
    use gongwen::layout::layout_document;
    use gongwen::model::load_file;
    use gongwen::style::LayoutSource;
    use std::collections::HashMap;
    if !have("pdftotext") {
        return;
    }
    let s = session();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let dir = temp_dir("pdf-spaces");
    let mut names: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let report = load_file(&example(name), &s.limits)
            .report
            .expect("report loads");
        let (doc, _) = layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
        let bytes = pdf(&doc, &setup.book, &setup.pdf_fonts, &PdfOptions::default()).unwrap();
        let path = dir.join(name.replace(".yaml", ".pdf"));
        std::fs::write(&path, bytes).unwrap();
        let key = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let mut by_key: HashMap<String, String> = HashMap::new();
        for l in source_lines(&doc) {
            by_key.entry(key(&l)).or_insert(l);
        }
        for mode in [None, Some("-layout")] {
            let mut args: Vec<&str> = mode.into_iter().collect();
            args.extend([path.to_str().unwrap(), "-"]);
            let o = run("pdftotext", &args);
            let out = String::from_utf8_lossy(&o.stdout).into_owned();
            let (mut checked, mut lines, mut spaces) = (0, 0, 0);
            for line in out.lines().filter(|l| !l.trim().is_empty()) {
                lines += 1;
                let Some(src) = by_key.get(&key(line)) else {
                    continue;
                };
                checked += 1;
                let n = inserted_spaces(line, src);
                if n > 0 && failures.len() < 12 {
                    failures.push(format!("{name} {mode:?}: {line:?} (source {src:?})"));
                }
                spaces += n;
            }
            eprintln!(
                "{name} {}: {spaces} inserted spaces, {checked} of {lines} lines checked",
                mode.unwrap_or("plain")
            );
            // Most lines are lines of the source (not a vacuous pass); in -layout a table row
            // prints its cells on one line, which is no line of the source.
            let share = if mode.is_some() { 3 } else { 2 };
            assert!(
                checked * share > lines,
                "{name} {mode:?}: {checked} of {lines}"
            );
            if spaces > 0 {
                failures.push(format!("{name} {mode:?}: {spaces} inserted spaces"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
