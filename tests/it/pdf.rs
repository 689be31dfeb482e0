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
