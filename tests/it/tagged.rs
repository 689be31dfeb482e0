//! Tagged PDF: the structure tree a screen reader walks (headings, paragraphs, tables with
//! spans, repeated header rows as artifacts), PDF/UA-1 and PDF/A-2a validated at export, and
//! synthetic bold that is filled (never stroke-only).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::util::*;

/// Every example, rendered even where its figures fail a check (the seed's form keeps its
/// real, inconsistent figures).
fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "examples: {v:?}");
    v
}

fn write_pdf(input: &Path, dir: &Path) -> PathBuf {
    let r = gongwen::render(
        session(),
        input,
        &gongwen::RenderOptions {
            pdf: true,
            force: true,
            ..gongwen::RenderOptions::default()
        },
    );
    let path = dir.join(input.file_stem().unwrap()).with_extension("pdf");
    std::fs::write(&path, r.pdf.expect("a PDF")).unwrap();
    path
}

#[test]
fn every_example_is_tagged_and_never_stroke_only() {
    if !have("pdfinfo") || !have("qpdf") {
        return;
    }
    let dir = temp_dir("tagged-all");
    for input in examples() {
        let pdf = write_pdf(&input, &dir);
        let p = pdf.to_str().unwrap();
        let o = run("pdfinfo", &[p]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("Tagged:          yes"), "{p}: {out}");
        assert!(
            o.stderr.is_empty(),
            "{p}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // Render mode 1 (stroke only) prints emphasis hollow: bold is fill + stroke (2).
        let q = dir.join("q.pdf");
        let o = run(
            "qpdf",
            &["--qdf", "--object-streams=disable", p, q.to_str().unwrap()],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let raw = std::fs::read(&q).unwrap();
        let text = String::from_utf8_lossy(&raw);
        assert!(!text.contains(" 1 Tr"), "{p}: text drawn stroke-only");
        if input.ends_with("yiyang-2020.yaml") {
            assert!(
                text.contains(" 2 Tr"),
                "the seed's emphasis is filled and stroked"
            );
        }
    }
}

#[test]
fn pdfua_and_pdfa_2a_validate_on_every_example() {
    let dir = temp_dir("tagged-validated");
    for input in examples() {
        let i = input.to_str().unwrap();
        let d = dir.to_str().unwrap();
        let o = gongwen(&[
            "render",
            i,
            "--pdf",
            "--pdfua",
            "--pdfa=2a",
            "--force",
            "-o",
            d,
        ]);
        assert!(!stderr(&o).contains("error[pdfa]"), "{i}: {}", stderr(&o));
        let pdf = dir.join(input.file_stem().unwrap()).with_extension("pdf");
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let xmp = &text[text.find("<x:xmpmeta").expect("XMP metadata")..];
        assert!(
            xmp.contains("<pdfuaid:part>1</pdfuaid:part>"),
            "{i}: PDF/UA-1 id"
        );
        assert!(
            xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
            "{i}: PDF/A-2a id"
        );
    }
    // An unknown level is a command-line error (bare `--pdfa` stays 2b: tests/it/pdf.rs).
    let seed = example("yiyang-2020.yaml");
    let o = gongwen(&[
        "render",
        seed.to_str().unwrap(),
        "--pdfa=3u",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("use 2a or 2b"), "{}", stderr(&o));
}

/// One structure element: its type, attributes and child elements.
#[derive(Debug)]
struct Elem {
    kind: String,
    title: Option<String>,
    attrs: Vec<(String, i64)>,
    children: Vec<Elem>,
}

/// The structure tree of a PDF, read from qpdf's JSON.
fn structure(pdf: &Path) -> Elem {
    let o = run("qpdf", &["--json", pdf.to_str().unwrap()]);
    assert!(o.status.success());
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    let objs = &json["qpdf"][1];
    let get = |r: &str| &objs[format!("obj:{r}")]["value"];
    let root = objs
        .as_object()
        .unwrap()
        .values()
        .map(|v| &v["value"])
        .find(|v| v["/Type"] == "/StructTreeRoot")
        .expect("a structure tree");
    fn walk(v: &Value, get: &dyn Fn(&str) -> Value) -> Elem {
        let kids = match &v["/K"] {
            Value::Array(a) => a.clone(),
            Value::Null => vec![],
            k => vec![k.clone()],
        };
        let mut attrs = Vec::new();
        let a = match &v["/A"] {
            Value::Array(a) => a.clone(),
            Value::Null => vec![],
            x => vec![x.clone()],
        };
        for d in a {
            for (k, x) in d.as_object().into_iter().flatten() {
                if let Some(n) = x.as_i64() {
                    attrs.push((k.clone(), n));
                }
                if x == "/Column" {
                    attrs.push(("/Scope/Column".into(), 1));
                }
            }
        }
        Elem {
            kind: v["/S"].as_str().unwrap_or("").to_string(),
            title: v["/T"]
                .as_str()
                .map(|t| t.trim_start_matches("u:").to_string()),
            attrs,
            children: kids
                .iter()
                .filter_map(|k| k.as_str().filter(|s| s.ends_with(" R")))
                .map(|r| walk(&get(r), get))
                .collect(),
        }
    }
    let getter = |r: &str| get(r).clone();
    let kids = match &root["/K"] {
        Value::Array(a) => a.clone(),
        k => vec![k.clone()],
    };
    assert_eq!(kids.len(), 1, "one Document element");
    walk(get(kids[0].as_str().unwrap()), &getter)
}

fn count(e: &Elem, out: &mut BTreeMap<String, usize>) {
    *out.entry(e.kind.clone()).or_default() += 1;
    for c in &e.children {
        count(c, out);
    }
}

#[test]
fn the_seed_structure_tree_reads_in_order() {
    if !have("qpdf") {
        return;
    }
    let dir = temp_dir("tagged-seed");
    let doc = structure(&write_pdf(&example("yiyang-2020.yaml"), &dir));
    assert_eq!(doc.kind, "/Document");
    let headings: Vec<(String, String)> = doc
        .children
        .iter()
        .filter(|e| e.kind.starts_with("/H"))
        .map(|e| (e.kind.clone(), e.title.clone().unwrap_or_default()))
        .collect();
    let h = |k: &str, t: &str| (k.to_string(), t.to_string());
    assert_eq!(
        headings,
        [
            h(
                "/H1",
                "益阳市城市管理和综合执法局2020年政府信息公开工作年度报告"
            ),
            h("/H2", "一、总体情况"),
            h("/H3", "（一）积极主动作为，提升公开透明度"),
            h("/H3", "（二）聚焦双向交流，提升公开参与度"),
            h("/H3", "（三）加强自身建设，提升公开满意度"),
            h("/H2", "二、主动公开政府信息情况"),
            h("/H2", "三、收到和处理政府信息公开申请情况"),
            h("/H2", "四、政府信息公开行政复议、行政诉讼情况"),
            h("/H2", "五、存在的主要问题及改进情况"),
        ]
    );
    let mut n = BTreeMap::new();
    count(&doc, &mut n);
    // Body paragraphs, and the 落款 as one paragraph of its two lines.
    assert_eq!(n["/P"], 13, "{n:?}");
    assert_eq!(n["/Table"], 3, "{n:?}");
    // Header cells once: the rows repeated on a later page are artifacts.
    assert_eq!(n["/TH"], 29, "{n:?}");
    assert_eq!(n["/TD"], 256, "{n:?}");
    let tables: Vec<&Elem> = doc.children.iter().filter(|e| e.kind == "/Table").collect();
    for t in &tables {
        assert!(t.children.iter().all(|r| r.kind == "/TR"), "rows only");
        for c in t.children.iter().flat_map(|r| &r.children) {
            assert!(["/TH", "/TD"].contains(&c.kind.as_str()), "{c:?}");
            if c.kind == "/TH" {
                assert!(c.attrs.iter().any(|a| a.0 == "/Scope/Column"), "{c:?}");
            }
        }
    }
    assert!(
        tables
            .iter()
            .filter(|t| t.children[0].children[0].kind == "/TH")
            .count()
            >= 2,
        "tables with header rows start with them"
    );
    // Table B: 本机关 spans the applicant columns and 申请人情况 the header's rows.
    let spans: Vec<(String, i64)> = tables
        .iter()
        .flat_map(|t| &t.children)
        .flat_map(|r| &r.children)
        .flat_map(|c| c.attrs.iter().filter(|a| a.0 != "/Scope/Column").cloned())
        .collect();
    assert!(
        spans.iter().any(|s| s.0 == "/ColSpan" && s.1 >= 3),
        "{spans:?}"
    );
    assert!(
        spans.iter().any(|s| s.0 == "/RowSpan" && s.1 >= 2),
        "{spans:?}"
    );
}

#[test]
fn a_header_repeated_on_later_pages_is_read_once() {
    if !have("qpdf") {
        return;
    }
    let dir = temp_dir("tagged-long");
    let pdf = write_pdf(&example("long-table.yaml"), &dir);
    let doc = structure(&pdf);
    let mut n = BTreeMap::new();
    count(&doc, &mut n);
    // 2 header rows of 4 + 2 cells, drawn on each of the table’s 4 pages.
    assert_eq!(n["/TH"], 6, "{n:?}");
    let table = doc.children.iter().find(|e| e.kind == "/Table").unwrap();
    assert_eq!(
        table.children[0].kind, "/Caption",
        "the title is the table's caption"
    );
    let o = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Pages:           4"));
}

#[test]
fn attachments_are_sections_and_validate_as_pdfua() {
    if !have("qpdf") {
        return;
    }
    let dir = temp_dir("tagged-attachments");
    let input = suite("attachments.yaml");
    let o = gongwen(&[
        "render",
        input.to_str().unwrap(),
        "--pdfua",
        "--pdfa=2a",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc = structure(&dir.join("attachments.pdf"));
    let kinds: Vec<&str> = doc.children.iter().map(|e| e.kind.as_str()).collect();
    // Title, 主送, paragraph, heading, paragraph, table, note, 附件说明, 落款, 2 attachments.
    assert_eq!(
        kinds,
        ["/H1", "/P", "/P", "/H2", "/P", "/Table", "/P", "/P", "/P", "/Sect", "/Sect"]
    );
    for (sect, title) in doc.children[9..].iter().zip(["某某方案", "某某名单"]) {
        let k: Vec<&str> = sect.children.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(k, ["/P", "/H1", "/P"], "附件N, its title, its body");
        assert_eq!(sect.children[1].title.as_deref(), Some(title));
    }
    let table = &doc.children[5];
    assert_eq!(table.children[0].kind, "/Caption");
}
