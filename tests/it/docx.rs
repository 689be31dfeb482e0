//! DOCX: the package read back part by part, a reference of the seed's document.xml, and
//! LibreOffice (a real client) opening every example with the same text as our PDF.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::xmltree::{self as xml, Element};
use gongwen::{render, RenderOptions};

use super::util::*;

/// Every example that renders (the seed's form version carries a deliberate error).
const EXAMPLES: [&str; 10] = [
    "yiyang-2020",
    "long-table",
    "yiyang-2020-form-fixed",
    "demo-2021",
    "notice",
    "joint-request",
    "sealed-reply",
    "letter",
    "order",
    "minutes",
];

fn docx_of(path: &Path) -> Vec<u8> {
    let r = render(
        session(),
        path,
        &RenderOptions {
            docx: true,
            ..RenderOptions::default()
        },
    );
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    r.docx.expect("a DOCX")
}

fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        out.insert(f.name().to_string(), buf);
    }
    out
}

fn el(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> Element {
    xml::parse(parts.get(name).unwrap_or_else(|| panic!("no part {name}"))).unwrap()
}

fn all<'a>(e: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut v = Vec::new();
    e.descendants(name, &mut v);
    v
}

fn style<'a>(styles: &'a Element, id: &str) -> &'a Element {
    styles
        .elements()
        .find(|s| s.name == "w:style" && s.get_attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}

fn attr<'a>(e: &'a Element, path: &[&str], a: &str) -> Option<&'a str> {
    let mut cur = e;
    for p in path {
        cur = cur.child(p)?;
    }
    cur.get_attr(a)
}

#[test]
fn the_package_carries_the_official_template_settings() {
    let bytes = docx_of(&example("yiyang-2020.yaml"));
    assert_eq!(
        bytes,
        docx_of(&example("yiyang-2020.yaml")),
        "byte-identical across runs"
    );
    let p = parts(&bytes);
    let doc = el(&p, "word/document.xml");
    let sect = all(&doc, "w:sectPr")[0];
    assert_eq!(attr(sect, &["w:pgSz"], "w:w"), Some("11906"));
    assert_eq!(attr(sect, &["w:pgSz"], "w:h"), Some("16838"));
    for (k, v) in [
        ("w:top", "2098"),
        ("w:bottom", "1984"),
        ("w:left", "1588"),
        ("w:right", "1474"),
    ] {
        assert_eq!(attr(sect, &["w:pgMar"], k), Some(v), "{k}");
    }
    // The line grid that LibreOffice, Word and WPS all set 28 a line (docx-notes): 579-twip
    // lines, body-size runs condensed by 0.25 pt, the title off the grid.
    assert_eq!(attr(sect, &["w:docGrid"], "w:type"), Some("lines"));
    assert_eq!(attr(sect, &["w:docGrid"], "w:linePitch"), Some("579"));
    // Schema order: the footer references come first in sectPr.
    let names: Vec<&str> = sect.elements().map(|e| e.name.as_str()).collect();
    assert_eq!(&names[..2], ["w:footerReference", "w:footerReference"]);
    assert_eq!(names.last(), Some(&"w:docGrid"));

    // Only the parts the document uses: no comments, numbering, footnotes or custom
    // properties.
    let names: Vec<&str> = p.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/footer2.xml",
            "word/settings.xml",
            "word/styles.xml",
            "word/theme/theme1.xml",
        ]
    );
    let styles = el(&p, "word/styles.xml");
    // CT_PPr's sequence ends with w:rPr (then w:sectPr, w:pPrChange), in every part.
    for part in ["word/document.xml", "word/styles.xml", "word/footer1.xml"] {
        for ppr in all(&el(&p, part), "w:pPr") {
            let names: Vec<&str> = ppr.elements().map(|c| c.name.as_str()).collect();
            if let Some(i) = names.iter().position(|n| *n == "w:rPr") {
                assert!(
                    names[i + 1..].iter().all(|n| *n == "w:sectPr"),
                    "{part}: {names:?}"
                );
            }
        }
    }
    // CT_Style's sequence: Word rejects a style whose w:rPr comes before its w:pPr.
    let order = [
        "w:name",
        "w:basedOn",
        "w:next",
        "w:link",
        "w:uiPriority",
        "w:qFormat",
        "w:pPr",
        "w:rPr",
    ];
    for st in all(&styles, "w:style") {
        let ranks: Vec<usize> = st
            .elements()
            .filter_map(|c| order.iter().position(|o| *o == c.name))
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "{:?}: {:?}",
            st.get_attr("w:styleId"),
            st.elements().map(|c| &c.name).collect::<Vec<_>>()
        );
    }
    let defaults = styles.child("w:docDefaults").unwrap();
    let rpr = defaults
        .child("w:rPrDefault")
        .unwrap()
        .child("w:rPr")
        .unwrap();
    assert_eq!(attr(rpr, &["w:rFonts"], "w:eastAsia"), Some("仿宋_GB2312"));
    assert_eq!(attr(rpr, &["w:rFonts"], "w:ascii"), Some("Times New Roman"));
    assert_eq!(attr(rpr, &["w:sz"], "w:val"), Some("32"));
    assert_eq!(attr(rpr, &["w:lang"], "w:eastAsia"), Some("zh-CN"));
    assert_eq!(
        attr(
            defaults,
            &["w:pPrDefault", "w:pPr", "w:widowControl"],
            "w:val"
        ),
        Some("0")
    );
    for id in [
        "GwBody",
        "GwRecipient",
        "GwHeading1",
        "GwSignature",
        "GwTableTitle",
    ] {
        let s = style(&styles, id);
        assert_eq!(
            attr(s, &["w:rPr", "w:spacing"], "w:val"),
            Some("-5"),
            "{id}"
        );
    }
    let title = style(&styles, "GwTitle");
    assert_eq!(attr(title, &["w:pPr", "w:snapToGrid"], "w:val"), Some("0"));
    assert!(style(&styles, "GwTableText")
        .child("w:rPr")
        .unwrap()
        .child("w:spacing")
        .is_none());
    let body = style(&styles, "GwBody");
    assert_eq!(attr(body, &["w:pPr", "w:spacing"], "w:line"), Some("579"));
    assert_eq!(
        attr(body, &["w:pPr", "w:spacing"], "w:lineRule"),
        Some("exact")
    );
    assert_eq!(attr(body, &["w:pPr", "w:ind"], "w:firstLine"), Some("640"));
    assert_eq!(attr(body, &["w:pPr", "w:jc"], "w:val"), Some("both"));
    for (id, font, size) in [
        ("GwTitle", "方正小标宋简体", "44"),
        ("GwHeading1", "黑体", "32"),
        ("GwHeading2", "楷体_GB2312", "32"),
        ("GwHeading3", "仿宋_GB2312", "32"),
        ("GwTableText", "仿宋_GB2312", "24"),
        ("GwPageNumber", "宋体", "28"),
    ] {
        let s = style(&styles, id);
        assert_eq!(
            attr(s, &["w:rPr", "w:rFonts"], "w:eastAsia"),
            Some(font),
            "{id}"
        );
        assert_eq!(attr(s, &["w:rPr", "w:sz"], "w:val"), Some(size), "{id}");
    }
    for level in 1..=4 {
        let s = style(&styles, &format!("GwHeading{level}"));
        assert_eq!(
            attr(s, &["w:pPr", "w:outlineLvl"], "w:val"),
            Some((level - 1).to_string().as_str())
        );
        assert!(
            s.child("w:rPr").unwrap().child("w:b").is_none(),
            "headings are not bold"
        );
    }
    for part in ["word/styles.xml", "word/document.xml"] {
        let text = String::from_utf8_lossy(&p[part]);
        assert!(!text.contains("Theme="), "{part} has theme font attributes");
    }
    // Styles an editor recognises: a real Normal (正文), the built-in heading 1–4 that the
    // navigation pane and a TOC use, keep-with-next in the heading styles.
    let normal = style(&styles, "Normal");
    assert_eq!(
        attr(normal, &["w:rPr", "w:rFonts"], "w:eastAsia"),
        Some("仿宋_GB2312")
    );
    assert_eq!(attr(normal, &["w:rPr", "w:sz"], "w:val"), Some("32"));
    for level in 1..=4 {
        let b = style(&styles, &format!("Heading{level}"));
        assert_eq!(
            attr(b, &["w:name"], "w:val"),
            Some(format!("heading {level}").as_str())
        );
        assert!(b.child("w:pPr").unwrap().child("w:keepNext").is_some());
        let ours = style(&styles, &format!("GwHeading{level}"));
        assert_eq!(
            attr(ours, &["w:basedOn"], "w:val"),
            Some(format!("Heading{level}").as_str())
        );
        assert!(ours.child("w:pPr").unwrap().child("w:keepNext").is_some());
    }
    assert_eq!(attr(body, &["w:basedOn"], "w:val"), Some("Normal"));
    // fontTable: the official faces with GB2312's charset and Word's substitutes.
    let fonts = el(&p, "word/fontTable.xml");
    let font = |name: &str| {
        all(&fonts, "w:font")
            .into_iter()
            .find(|f| f.get_attr("w:name") == Some(name))
            .unwrap_or_else(|| panic!("fontTable lacks {name}"))
    };
    let fang = font("仿宋_GB2312");
    assert_eq!(attr(fang, &["w:altName"], "w:val"), Some("仿宋"));
    assert_eq!(attr(fang, &["w:charset"], "w:val"), Some("86"));
    assert!(fang.child("w:panose1").is_some());
    assert_eq!(
        attr(font("楷体_GB2312"), &["w:altName"], "w:val"),
        Some("楷体")
    );
    assert_eq!(
        attr(font("方正小标宋简体"), &["w:charset"], "w:val"),
        Some("86")
    );
    assert_eq!(attr(font("黑体"), &["w:charset"], "w:val"), Some("86"));

    // Headings carry the literal numbers; runs with “ ” get the East Asian hint.
    let paras = all(&doc, "w:p");
    let heading = paras
        .iter()
        .find(|p| attr(p, &["w:pPr", "w:pStyle"], "w:val") == Some("GwHeading1"))
        .unwrap();
    assert_eq!(heading.text(), "一、总体情况");
    let quoted = all(&doc, "w:r")
        .into_iter()
        .find(|r| r.text().contains('“'))
        .unwrap();
    assert_eq!(
        attr(quoted, &["w:rPr", "w:rFonts"], "w:hint"),
        Some("eastAsia")
    );

    // Tables: spans from the model's grid, header rows repeat.
    let tables = all(&doc, "w:tbl");
    assert_eq!(tables.len(), 3);
    let b = tables[1];
    let rows: Vec<&Element> = b.elements().filter(|e| e.name == "w:tr").collect();
    assert_eq!(rows.len(), 3 + 23);
    for (i, r) in rows.iter().enumerate() {
        let header = r
            .child("w:trPr")
            .and_then(|t| t.child("w:tblHeader"))
            .is_some();
        assert_eq!(header, i < 3, "row {i} tblHeader");
    }
    let corner = rows[0].elements().find(|e| e.name == "w:tc").unwrap();
    assert_eq!(attr(corner, &["w:tcPr", "w:gridSpan"], "w:val"), Some("3"));
    assert_eq!(
        attr(corner, &["w:tcPr", "w:vMerge"], "w:val"),
        Some("restart")
    );
    assert!(corner.text().starts_with("（本列数据的勾稽关系为"));
    assert_eq!(
        attr(b, &["w:tblPr", "w:tblLayout"], "w:type"),
        Some("fixed")
    );
    assert_eq!(
        attr(b, &["w:tblPr", "w:tblBorders", "w:insideH"], "w:sz"),
        Some("4")
    );
    let continues = all(b, "w:vMerge")
        .iter()
        .filter(|v| v.get_attr("w:val").is_none_or(|x| x == "continue"))
        .count();
    assert!(
        continues >= 19,
        "三、本年度办理结果 continues through its rows: {continues}"
    );

    // The 落款 keeps with the body's last paragraph: it and the blank line between keep with
    // the next; the date ends the chain.
    let body = el(&p, "word/document.xml");
    let paras = all(&body, "w:p");
    let name = paras
        .iter()
        .rposition(|p| p.text() == "益阳市城市管理和综合执法局")
        .expect("the issuer line");
    let keeps: Vec<bool> = paras[name - 2..name + 2]
        .iter()
        .map(|p| {
            p.child("w:pPr")
                .is_some_and(|pr| pr.child("w:keepNext").is_some())
        })
        .collect();
    assert_eq!(
        keeps,
        [true, true, true, false],
        "last body line, blank, name, date"
    );
    assert!(
        paras[name - 2].text().starts_with("下一步"),
        "{}",
        paras[name - 2].text()
    );

    let settings = el(&p, "word/settings.xml");
    assert!(settings.child("w:evenAndOddHeaders").is_some());
    let mut footers = Vec::new();
    for name in p.keys().filter(|k| k.starts_with("word/footer")) {
        footers.push(el(&p, name));
    }
    assert_eq!(footers.len(), 2);
    let mut sides = Vec::new();
    for f in &footers {
        let instr: String = all(f, "w:instrText").iter().map(|e| e.text()).collect();
        assert_eq!(instr.trim(), "PAGE");
        let shown: String = all(f, "w:t").iter().map(|t| t.text()).collect();
        assert_eq!(shown, "— 1 —");
        for r in all(f, "w:r") {
            assert_eq!(attr(r, &["w:rPr", "w:rFonts"], "w:eastAsia"), Some("宋体"));
            assert_eq!(attr(r, &["w:rPr", "w:sz"], "w:val"), Some("28"));
        }
        let p = all(f, "w:p")[0];
        sides.push((
            attr(p, &["w:pPr", "w:jc"], "w:val").unwrap().to_string(),
            attr(p, &["w:pPr", "w:ind"], "w:left")
                .unwrap_or("0")
                .to_string(),
            attr(p, &["w:pPr", "w:ind"], "w:right")
                .unwrap_or("0")
                .to_string(),
        ));
    }
    sides.sort();
    assert_eq!(
        sides,
        [
            ("left".into(), "280".into(), "0".into()),
            ("right".into(), "0".into(), "280".into())
        ]
    );
    let core = el(&p, "docProps/core.xml");
    assert_eq!(
        core.child("dc:title").unwrap().text(),
        "益阳市城市管理和综合执法局2020年政府信息公开工作年度报告"
    );
    assert_eq!(
        core.child("dc:creator").unwrap().text(),
        "益阳市城市管理和综合执法局"
    );
    assert_eq!(core.child("dc:language").unwrap().text(), "zh-CN");
}

#[test]
fn seed_document_xml_matches_its_reference() {
    let p = parts(&docx_of(&example("yiyang-2020.yaml")));
    let doc = el(&p, "word/document.xml");
    let pretty = String::from_utf8(xml::write(&doc, true)).unwrap();
    assert_ref(
        &root().join("tests/ref/docx/yiyang-2020.document.xml"),
        &pretty,
    );
}

fn pdf_text(path: &Path) -> String {
    let o = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Text without whitespace and without page numbers (page counts differ by design).
fn normalise(text: &str) -> String {
    let mut out = String::new();
    for l in text.lines() {
        let t: String = l.split_whitespace().collect();
        let is_page_number = t.starts_with('—')
            && t.ends_with('—')
            && t.trim_matches('—').chars().all(|c| c.is_ascii_digit());
        if !is_page_number {
            out.push_str(&t);
        }
    }
    out
}

#[test]
fn libreoffice_opens_every_example_with_the_same_text_as_our_pdf() {
    if !have("soffice") || !have("pdftotext") {
        return;
    }
    let dir = temp_dir("docx-libreoffice");
    let examples = EXAMPLES;
    let docx_paths: Vec<String> = examples.iter().map(|n| render_both(&dir, n)).collect();
    let lo_out = dir.join("lo");
    soffice(&dir, "pdf", &lo_out, &docx_paths);
    for name in examples {
        let ours = normalise(&pdf_text(&dir.join(format!("{name}.pdf"))));
        let lo_pdf = lo_out.join(format!("{name}.pdf"));
        assert!(lo_pdf.exists(), "LibreOffice did not convert {name}");
        let theirs = normalise(&pdf_text(&lo_pdf));
        // Tables are read in a different order when row heights differ, so compare the
        // characters as multisets, and the running text (every paragraph) in order. Header
        // rows repeat once per page a table spans, and the page counts differ by design: each
        // copy beyond the first is taken out before comparing.
        let loaded =
            gongwen::model::load_file(&example(&format!("{name}.yaml")), &session().limits);
        let report = loaded.report.clone().unwrap();
        let count = |s: &str| {
            let mut m: BTreeMap<char, i64> = BTreeMap::new();
            for c in s.chars() {
                *m.entry(c).or_default() += 1;
            }
            m
        };
        let mut a = count(&ours);
        let mut b = count(&theirs);
        let mut slack: BTreeMap<char, i64> = BTreeMap::new();
        for block in &report.body {
            let gongwen::model::Block::Table(t) = block else {
                continue;
            };
            let header: Vec<&str> = t
                .grid
                .cells
                .iter()
                .filter(|c| c.header)
                .map(|c| c.text.as_str())
                .collect();
            // A header text short enough to sit on one line, found nowhere else: counts copies.
            let body: Vec<&str> = t
                .grid
                .cells
                .iter()
                .filter(|c| !c.header)
                .map(|c| c.text.as_str())
                .collect();
            // A merged cell cut by a page break is printed again in each part of our PDF
            // (issue 13); Word prints it once. Its characters may appear a few more times.
            for c in t.grid.cells.iter().filter(|c| !c.header && c.rowspan > 1) {
                for ch in c.text.chars() {
                    *slack.entry(ch).or_default() += 3;
                }
            }
            let Some(key) = header
                .iter()
                .filter(|h| {
                    (4..=8).contains(&h.chars().count()) && !body.iter().any(|b| b.contains(*h))
                })
                .max_by_key(|h| h.chars().count())
            else {
                continue;
            };
            let key: String = key.split_whitespace().collect();
            let all_header: String = header.concat().split_whitespace().collect();
            for (text, m) in [(&ours, &mut a), (&theirs, &mut b)] {
                let extra = text.matches(key.as_str()).count().saturating_sub(1) as i64;
                for c in all_header.chars() {
                    *m.entry(c).or_default() -= extra;
                }
            }
        }
        let diff: Vec<String> = a
            .keys()
            .filter(|c| {
                let d = a.get(c).copied().unwrap_or(0) - b.get(c).copied().unwrap_or(0);
                !(0..=slack.get(c).copied().unwrap_or(0)).contains(&d)
            })
            .chain(b.keys().filter(|c| !a.contains_key(c) && b[c] != 0))
            .map(|c| format!("{c}: ours {:?} LibreOffice {:?}", a.get(c), b.get(c)))
            .collect();
        assert!(diff.is_empty(), "{name}: text differs: {diff:?}");
        let mut at_ours = 0;
        let mut at_theirs = 0;
        for b in &report.body {
            if let gongwen::model::Block::Paragraph(p) = b {
                let t: String = p.text().split_whitespace().collect();
                let i = ours[at_ours..]
                    .find(&t)
                    .unwrap_or_else(|| panic!("{name}: our PDF lacks {t}"));
                at_ours += i + t.len();
                let j = theirs[at_theirs..]
                    .find(&t)
                    .unwrap_or_else(|| panic!("{name}: LibreOffice lacks {t}"));
                at_theirs += j + t.len();
            }
        }
    }
}

/// Non-empty lines per page of a PDF's text, page numbers left out, whitespace removed.
fn page_lines(pdf: &Path) -> Vec<Vec<String>> {
    let o = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    String::from_utf8_lossy(&o.stdout)
        .split('\u{c}')
        .map(|p| {
            p.lines()
                .map(|l| l.split_whitespace().collect::<String>())
                .filter(|l| {
                    let page_number = l.starts_with('—')
                        && l.ends_with('—')
                        && l.trim_matches('—').chars().all(|c| c.is_ascii_digit());
                    !l.is_empty() && !page_number
                })
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn libreoffice_sets_28_characters_a_line_22_lines_a_page_and_our_page_count() {
    if !have("soffice") || !have("pdftotext") {
        return;
    }
    let dir = temp_dir("docx-grid");
    let names = EXAMPLES;
    let docs: Vec<String> = names.iter().map(|n| render_both(&dir, n)).collect();
    let lo = dir.join("lo");
    soffice(&dir, "pdf", &lo, &docs);
    for name in names {
        let ours = page_lines(&dir.join(format!("{name}.pdf")));
        let theirs = page_lines(&lo.join(format!("{name}.pdf")));
        assert_eq!(
            ours.len(),
            theirs.len(),
            "{name}: LibreOffice sets {} pages, our PDF {}",
            theirs.len(),
            ours.len()
        );
    }
    // A LibreOffice round trip (save as DOCX, then to PDF) keeps the page count.
    let trip = dir.join("trip");
    soffice(&dir, "docx:MS Word 2007 XML", &trip, &docs[..1]);
    let saved = lo.join("yiyang-2020.docx");
    std::fs::copy(trip.join("yiyang-2020.docx"), &saved).unwrap();
    soffice(&dir, "pdf", &trip, &[saved.to_string_lossy().into_owned()]);
    assert_eq!(
        page_lines(&trip.join("yiyang-2020.pdf")).len(),
        page_lines(&dir.join("yiyang-2020.pdf")).len(),
        "the round trip changed the page count"
    );
    // The seed's first three pages are running text: 22 lines on each full page (the first
    // holds the title's two lines and a blank one), and 28 characters on full lines.
    let ours = page_lines(&dir.join("yiyang-2020.pdf"));
    let theirs = page_lines(&lo.join("yiyang-2020.pdf"));
    for p in 0..3 {
        assert_eq!(
            ours[p].len(),
            theirs[p].len(),
            "page {}: lines ours {:?} LibreOffice {:?}",
            p + 1,
            ours[p],
            theirs[p]
        );
    }
    assert_eq!(theirs[1].len(), 22);
    let full = |pages: &[Vec<String>]| {
        pages[..3]
            .iter()
            .flatten()
            .filter(|l| l.chars().count() == 28)
            .count()
    };
    assert!(
        full(&theirs) >= 30 && full(&theirs) + 2 >= full(&ours),
        "28-character lines: ours {}, LibreOffice {}",
        full(&ours),
        full(&theirs)
    );
}

#[test]
fn every_example_and_test_docx_passes_openxml_audit() {
    if !have("openxml-audit") {
        return;
    }
    let dir = temp_dir("docx-audit");
    // Every example, every test input that renders, and the starters of `gongwen init`.
    let mut inputs: Vec<std::path::PathBuf> = ["examples", "tests/suite"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root().join(d)).unwrap().flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    for kind in ["notice", "letter", "order", "minutes"] {
        let out = gongwen(&["init", "--kind", kind]);
        let path = dir.join(format!("starter-{kind}.yaml"));
        std::fs::write(&path, &out.stdout).unwrap();
        inputs.push(path);
    }
    inputs.sort();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut written = 0;
    for path in &inputs {
        let r = render(
            session(),
            path,
            &RenderOptions {
                docx: true,
                ..RenderOptions::default()
            },
        );
        // Inputs with deliberate errors (the seed's form version, layouts and bad spans of
        // the suite) write nothing.
        let Some(bytes) = r.docx else { continue };
        let name = format!(
            "{}-{}.docx",
            path.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy(),
            path.file_stem().unwrap().to_string_lossy()
        );
        std::fs::write(out.join(name), bytes).unwrap();
        written += 1;
    }
    assert!(written >= 16, "only {written} DOCX written");
    // One process for the folder (0.7 s each otherwise).
    let o = run("openxml-audit", &["-r", out.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    let files = report.matches("File: ").count();
    let clean = report.matches("Errors: 0").count();
    assert!(
        o.status.success() && files == written && clean == written,
        "{clean} of {written} clean ({files} audited): {report}"
    );
}

#[test]
fn a_title_wraps_in_the_docx_where_it_wraps_in_the_pdf() {
    // One string in the report: the layout breaks it between words; the DOCX writes the same
    // lines (the notice's title and a form's, which breaks after the organ's name).
    for name in ["notice", "demo-2021", "joint-request"] {
        let s = session();
        let report = gongwen::model::load_file(&example(&format!("{name}.yaml")), &s.limits)
            .report
            .unwrap();
        let setup = s
            .setup(&gongwen::style::LayoutSource::Builtin("gbt9704".into()))
            .unwrap();
        let (doc, _) =
            gongwen::layout::layout_document(&report, &setup.style, &setup.book, &s.limits)
                .unwrap();
        let title_size = setup.style.title.size;
        let pdf_lines: Vec<String> = doc
            .pages
            .iter()
            .take(1)
            .flat_map(|p| p.items.iter())
            .filter_map(|i| match i {
                gongwen::layout::Item::Text(t) if t.size == title_size => Some((t.y, t.text())),
                _ => None,
            })
            .fold(
                Vec::<(gongwen::geom::Pt, String)>::new(),
                |mut acc, (y, t)| {
                    match acc.last_mut() {
                        Some((ly, s)) if *ly == y => s.push_str(&t),
                        _ => acc.push((y, t)),
                    }
                    acc
                },
            )
            .into_iter()
            .map(|(_, t)| t.replace(' ', ""))
            .collect();
        assert!(pdf_lines.len() >= 2, "{name}: the title wraps");
        let p = parts(&docx_of(&example(&format!("{name}.yaml"))));
        let doc = el(&p, "word/document.xml");
        let docx_lines: Vec<String> = all(&doc, "w:p")
            .into_iter()
            .filter(|p| attr(p, &["w:pPr", "w:pStyle"], "w:val") == Some("GwTitle"))
            .map(|p| p.text().replace(' ', ""))
            .take(pdf_lines.len())
            .collect();
        assert_eq!(docx_lines, pdf_lines, "{name}");
    }
}

#[test]
fn the_character_grid_layout_gives_word_its_grid_and_stays_valid() {
    let r = render(
        session(),
        &example("yiyang-2020.yaml"),
        &RenderOptions {
            docx: true,
            layout: Some(gongwen::style::LayoutSource::File(
                root().join("tests/suite/docx-chars-grid.yaml"),
            )),
            ..RenderOptions::default()
        },
    );
    assert!(!r.diagnostics.has_errors(), "{:?}", r.diagnostics);
    let bytes = r.docx.expect("a DOCX");
    let p = parts(&bytes);
    let doc = el(&p, "word/document.xml");
    let sect = all(&doc, "w:sectPr")[0];
    // docx-notes: 28 characters of 156 mm: Word's pitch is 16 pt + charSpace/4096 pt.
    assert_eq!(attr(sect, &["w:docGrid"], "w:type"), Some("linesAndChars"));
    assert_eq!(attr(sect, &["w:docGrid"], "w:charSpace"), Some("-849"));
    let styles = el(&p, "word/styles.xml");
    let body = style(&styles, "GwBody");
    assert_eq!(
        attr(body, &["w:pPr", "w:ind"], "w:firstLineChars"),
        Some("200")
    );
    // No condensed runs and no title off the grid: the character grid sets the pitch.
    assert!(attr(body, &["w:rPr", "w:spacing"], "w:val").is_none());
    assert!(attr(
        style(&styles, "GwTitle"),
        &["w:pPr", "w:snapToGrid"],
        "w:val"
    )
    .is_none());
    if !have("openxml-audit") {
        return;
    }
    let path = temp_dir("docx-chars-grid").join("chars.docx");
    std::fs::write(&path, &bytes).unwrap();
    let o = run("openxml-audit", &[path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success() && out.contains("Errors: 0"), "{out}");
}
