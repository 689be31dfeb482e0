//! The parts of an official document (GB/T 9704 §7.2–§7.4) measured on laid-out pages: the red
//! mark 35 mm below the type area's top, the red separator 4 mm below the 发文字号, the seals at
//! their physical size on the 落款 page, the 版记's last rule on the type area's bottom edge of
//! an even last page; the text of every element in the PDF and in LibreOffice's rendering of the
//! DOCX.

use gongwen::geom::Pt;
use gongwen::layout::{dump::dump, layout_document, Item, Page, PagedDocument};
use gongwen::model::load_file;
use gongwen::style::{Color, LayoutSource, Style};

use super::util::*;

const EXAMPLES: [&str; 3] = ["notice", "joint-request", "sealed-reply"];

fn lay(name: &str) -> (PagedDocument, Style, String) {
    let s = session();
    let loaded = load_file(&example(&format!("{name}.yaml")), &s.limits);
    assert!(
        !loaded.diagnostics.has_errors(),
        "{name}: {:?}",
        loaded.diagnostics
    );
    let report = loaded.report.expect("report loads");
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let (doc, _) = layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
    let text = dump(&doc, &setup.book);
    (doc, setup.style.clone(), text)
}

/// Lays out a report written to a file of its own in a test folder `dir`.
fn lay_yaml(dir: &str, yaml: &str) -> (PagedDocument, Style, std::path::PathBuf) {
    let path = temp_dir(dir).join("r.yaml");
    std::fs::write(&path, yaml).unwrap();
    let s = session();
    let report = load_file(&path, &s.limits).report.unwrap();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let (doc, _) = layout_document(&report, &setup.style, &setup.book, &s.limits).unwrap();
    (doc, setup.style.clone(), path)
}

fn texts(page: &Page) -> impl Iterator<Item = &gongwen::layout::TextRun> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        _ => None,
    })
}

/// Red rules of a page: (y, x1, x2).
fn red_rules(page: &Page) -> Vec<(Pt, Pt, Pt)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Item::Rule {
                y1, x1, x2, color, ..
            } if *color != Color::BLACK => Some((*y1, *x1, *x2)),
            _ => None,
        })
        .collect()
}

#[test]
fn official_examples_match_their_reference_dumps() {
    for name in EXAMPLES {
        let (_, _, text) = lay(name);
        assert_ref(&root().join(format!("tests/ref/layout/{name}.txt")), &text);
    }
}

#[test]
fn the_mark_is_red_and_its_top_35_mm_below_the_type_area() {
    for name in ["notice", "joint-request"] {
        let (doc, style, _) = lay(name);
        let red: Vec<_> = texts(&doc.pages[0])
            .filter(|t| t.color != Color::BLACK)
            .collect();
        assert!(!red.is_empty(), "{name}: no red text");
        let top = red
            .iter()
            .map(|t| t.y - t.size * 0.88)
            .fold(Pt::new(1e9), Pt::min);
        let below = (top - style.page.margin_top).to_mm();
        assert!(
            (below - 35.0).abs() <= 1.0,
            "{name}: the mark's top is {below:.2} mm below the type area's top"
        );
        // The mark fits the type area's width.
        for t in &red {
            let right = t.x + t.size * t.glyphs.len() as f32;
            assert!(
                t.x >= style.page.margin_left - Pt::new(0.5)
                    && right <= style.page.width - style.page.margin_right + Pt::new(0.5),
                "{name}: the mark overflows the type area"
            );
        }
    }
}

#[test]
fn the_separator_is_red_full_width_and_4_mm_below_the_number() {
    for (name, number) in [
        ("notice", "某政发〔2024〕12号"),
        ("joint-request", "某政〔2024〕7号"),
    ] {
        let (doc, style, _) = lay(name);
        let page = &doc.pages[0];
        let rules = red_rules(page);
        assert_eq!(rules.len(), 1, "{name}: one red separator, found {rules:?}");
        let (y, x1, x2) = rules[0];
        assert!((x1 - style.page.margin_left).get().abs() < 0.1);
        assert!((x2 - x1 - style.page.type_width()).get().abs() < 0.1);
        let num = texts(page)
            .find(|t| t.text().starts_with(&number[..6]))
            .unwrap_or_else(|| panic!("{name}: no 发文字号"));
        // The number's em box bottom: 0.12 em below the baseline.
        let bottom = num.y + num.size * 0.12;
        let gap = (y - bottom).to_mm();
        assert!(
            (gap - 4.0).abs() <= 0.5,
            "{name}: the separator is {gap:.2} mm below the 发文字号"
        );
        // The title stands two blank lines below it, on the grid.
        let pitch = style.grid.line_pitch;
        let title = texts(page)
            .find(|t| t.size == Pt::new(22.0))
            .expect("a title line");
        let line_top = title.y - (pitch - title.size) * 0.5 - title.size * 0.88;
        let k = (line_top - style.page.margin_top) / pitch;
        assert!(
            (k - k.round()).abs() < 0.01,
            "{name}: the title is off the grid"
        );
        assert!(line_top - y >= pitch * 2.0, "{name}: no two blank lines");
    }
}

#[test]
fn the_distribution_ends_on_the_type_area_bottom_of_an_even_page() {
    for name in ["notice", "joint-request"] {
        let (doc, style, _) = lay(name);
        let last = doc.pages.last().unwrap();
        assert_eq!(doc.pages.len() % 2, 0, "{name}: the last page is odd");
        let bottom = style.page.margin_top + style.page.type_height();
        let rules: Vec<Pt> = last
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Rule { y1, y2, x1, x2, .. }
                    if y1 == y2 && (*x2 - *x1 - style.page.type_width()).get().abs() < 0.1 =>
                {
                    Some(*y1)
                }
                _ => None,
            })
            .collect();
        let lowest = rules.iter().copied().fold(Pt::new(0.0), Pt::max);
        assert!(
            (lowest - bottom).get().abs() < 0.05,
            "{name}: the last 版记 rule is at {lowest}, the type area ends at {bottom}"
        );
        assert!(
            rules.len() >= 2,
            "{name}: the 版记 has a first and a last rule"
        );
        let text: String = texts(last).map(|t| t.text()).collect();
        assert!(
            text.contains("印发"),
            "{name}: no 印发 line on the last page"
        );
    }
}

#[test]
fn seals_are_on_the_signature_page_at_their_physical_size() {
    for (name, seals, date) in [
        ("notice", 1, "2024年3月15日"),
        ("joint-request", 2, "2024年5月20日"),
        ("sealed-reply", 1, "2024年6月3日"),
    ] {
        let (doc, _, _) = lay(name);
        let page = doc
            .pages
            .iter()
            .find(|p| {
                texts(p)
                    .map(|t| t.text())
                    .collect::<String>()
                    .replace(' ', "")
                    .contains(date)
            })
            .expect("the 落款 page");
        let images: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Image { width, height, .. } => Some((*width, *height)),
                _ => None,
            })
            .collect();
        assert_eq!(images.len(), seals, "{name}: seals on the 落款 page");
        for (w, h) in images {
            // The example seals are 42 mm across (PNG at 300 dpi, SVG width="42mm").
            assert!((w.to_mm() - 42.0).abs() < 0.2, "{name}: {} mm", w.to_mm());
            assert!((h.to_mm() - 42.0).abs() < 0.2);
        }
    }
}

#[test]
fn an_odd_last_page_before_the_distribution_stays_numbered() {
    // notice: the attachment ends on page 3, so the 版记 takes page 4, numbered as usual.
    let (doc, _, _) = lay("notice");
    assert_eq!(doc.pages.len(), 4);
    assert!(doc.pages.iter().all(|p| p.numbered));
}

#[test]
fn a_full_even_page_gets_a_blank_page_and_neither_is_numbered() {
    // Enough body to end low on page 2: the 版记 no longer fits below it.
    let body: Vec<String> = (0..40)
        .map(|i| format!("  - 第{i}段正文，用于把正文排到第二页的末尾附近。"))
        .collect();
    let yaml = format!(
        "title: 测试文件\nbody:\n{}\ndistribution:\n  cc: [某单位]\n  printed-by: 某办公室\n  printed-on: 2024-01-02\n",
        body.join("\n")
    );
    let (doc, _, _) = lay_yaml("official-blank-page", &yaml);
    let n = doc.pages.len();
    assert_eq!(n % 2, 0);
    let body_end = doc
        .pages
        .iter()
        .rposition(|p| texts(p).any(|t| t.text().contains("段正文")))
        .unwrap();
    if body_end + 1 == n - 2 {
        // The body ended on an even page without room: a blank page, then the 版记 page.
        assert!(!doc.pages[n - 2].numbered && !doc.pages[n - 1].numbered);
        assert!(
            texts(&doc.pages[n - 2]).next().is_none(),
            "the inserted page is blank"
        );
    } else {
        assert!(doc.pages.iter().all(|p| p.numbered));
    }
}

#[test]
fn every_element_is_in_the_pdf_text() {
    if !have("pdftotext") {
        return;
    }
    let dir = temp_dir("official-text");
    let want: &[(&str, &[&str])] = &[
        (
            "notice",
            &[
                "000123",
                "秘密★1年",
                "特急",
                "某某市人民政府文件",
                "某政发〔2024〕12号",
                "各区县（市）人民政府，市直各单位：",
                "附件：某某市政务公开工作实施方案",
                "（此件公开发布）",
                "抄送：省人民政府办公厅，市委办公室，市人大常委会办公室，市政协办公室。",
                "某某市人民政府办公室",
                "2024年3月15日印发",
            ],
        ),
        (
            "joint-request",
            &[
                "某某市人民政府",
                "某某市教育局",
                "文件",
                "签发人：",
                "张三",
                "李四",
                "某政〔2024〕7号",
            ],
        ),
        (
            "sealed-reply",
            &["某某市教育局", "2024年6月3日", "（此件不公开）"],
        ),
    ];
    for (name, items) in want {
        let out = gongwen(&[
            "render",
            example(&format!("{name}.yaml")).to_str().unwrap(),
            "--pdf",
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let t = run(
            "pdftotext",
            &[dir.join(format!("{name}.pdf")).to_str().unwrap(), "-"],
        );
        // Extraction may put a space at a Han–digit boundary; compare without spaces.
        let text: String = String::from_utf8_lossy(&t.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        for item in *items {
            assert!(text.contains(item), "{name}: `{item}` not in the PDF text");
        }
    }
}

#[test]
fn libreoffice_shows_every_element_of_the_docx() {
    if !have("soffice") {
        return;
    }
    let dir = temp_dir("official-docx");
    let docs: Vec<String> = EXAMPLES.iter().map(|n| render_both(&dir, n)).collect();
    let lo = dir.join("lo");
    soffice(&dir, "pdf", &lo, &docs);
    // LibreOffice's own rendering, page by page (pdftotext separates pages with form feeds).
    let pages = |name: &str| -> Vec<String> {
        let t = run(
            "pdftotext",
            &[lo.join(format!("{name}.pdf")).to_str().unwrap(), "-"],
        );
        String::from_utf8_lossy(&t.stdout)
            .split('\u{c}')
            .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
            .filter(|p: &String| !p.is_empty())
            .collect()
    };
    let notice = pages("notice");
    let text = notice.concat();
    for item in [
        "000123",
        "秘密★1年",
        "特急",
        "某某市人民政府文件",
        "某政发〔2024〕12号",
        "（此件公开发布）",
        "抄送：省人民政府办公厅",
        "2024年3月15日印发",
    ] {
        assert!(
            text.contains(item),
            "notice.docx: `{item}` not in LibreOffice's rendering: {text}"
        );
    }
    // The 版记 is on the last page, after everything else.
    let last = notice.last().unwrap();
    assert!(
        last.ends_with("2024年3月15日印发") || last.contains("印发"),
        "{last}"
    );
    let text = pages("joint-request").concat();
    for item in [
        "签发人：",
        "张三",
        "李四",
        "某政〔2024〕7号",
        "某某市教育局",
        "印发",
    ] {
        assert!(
            text.contains(item),
            "joint-request.docx: `{item}` missing: {text}"
        );
    }
    let text = pages("sealed-reply").concat();
    assert!(text.contains("（此件不公开）") && text.contains("2024年6月3日"));
}

#[test]
fn every_starter_renders() {
    let dir = temp_dir("official-starter");
    for kind in ["notice", "letter", "order", "minutes"] {
        let out = gongwen(&["init", "--kind", kind]);
        assert!(out.status.success(), "{}", stderr(&out));
        let path = dir.join(format!("{kind}.yaml"));
        std::fs::write(&path, &out.stdout).unwrap();
        let r = render_pdf(&path);
        assert!(
            !r.diagnostics.has_errors() && r.pdf.is_some(),
            "{kind}: {:?}",
            r.diagnostics
        );
    }
    let unknown = gongwen(&["init", "--kind", "memo"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("notice"));
}

#[test]
fn a_signer_stands_right_indented_four_characters_with_the_date_two_lines_below() {
    let dir = temp_dir("official-signer");
    let path = dir.join("order.yaml");
    std::fs::write(
        &path,
        "title: 某某市人民政府令\nbody: [《某某市某某管理办法》已经市人民政府常务会议通过，现予公布，自2024年3月1日起施行。]\nsignature:\n  issuer: 某某市人民政府\n  date: 2024-01-20\n  signer: {title: 市长, name: 张三}\n",
    )
    .unwrap();
    let s = session();
    let report = load_file(&path, &s.limits).report.unwrap();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let style = &setup.style;
    let (doc, _) = layout_document(&report, style, &setup.book, &s.limits).unwrap();
    let page = &doc.pages[0];
    let runs: Vec<_> = texts(page).collect();
    let name = runs
        .iter()
        .find(|t| t.text() == "张三")
        .expect("the signer");
    let title = runs.iter().find(|t| t.text() == "市长").expect("the title");
    let cell = style.cell();
    let right = style.page.margin_left + style.page.type_width() - cell * 4.0;
    let name_end = name.x + name.size * 2.0;
    assert!(
        (name_end - right).get().abs() < 0.5,
        "the name ends at {name_end}, not {right}"
    );
    let gap = (name.x - (title.x + title.size * 2.0)) / cell;
    assert!(
        (gap - 2.0).abs() < 0.05,
        "{gap} characters between title and name"
    );
    // The date one blank line below (two pitches), right-indented four characters.
    let last = runs.iter().rev().find(|t| t.text().contains('日')).unwrap();
    assert!((last.y - name.y - style.grid.line_pitch * 2.0).get().abs() < 0.05);
    assert!(((last.x + last.size) - right).get().abs() < 0.5);
}

#[test]
fn a_mark_too_long_for_the_smallest_size_is_narrowed_alike_in_the_pdf_and_the_docx() {
    // 21 characters: at 二号 (22 pt) 462 pt, wider than the 442 pt type area.
    let yaml = "head:\n  organ: 某某省某某市某某区人民政府办公室综合科\n  number: 某政发〔2024〕1号\ntitle: 测试文件\nbody:\n  - 正文。\n";
    let (doc, style, path) = lay_yaml("official-long-mark", yaml);
    let red: Vec<&gongwen::layout::TextRun> = texts(&doc.pages[0])
        .filter(|t| t.color == Color::RED)
        .collect();
    let size = red[0].size;
    assert_eq!(size, style.head.mark_min_size, "the smallest size");
    let r = gongwen::render(
        session(),
        &path,
        &gongwen::RenderOptions {
            docx: true,
            ..gongwen::RenderOptions::default()
        },
    );
    let bytes = r.docx.expect("a DOCX");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    // The same size, the characters scaled as the PDF narrows them (字符缩放).
    let sz = format!(r#"<w:sz w:val="{}"/>"#, (size.get() * 2.0).round());
    let mark = xml
        .split("<w:r>")
        .find(|r| r.contains("综合科文件"))
        .expect("the mark's run");
    assert!(mark.contains(&sz), "{mark}");
    let scale: u32 = mark
        .split(r#"<w:w w:val=""#)
        .nth(1)
        .and_then(|t| t.split('"').next())
        .and_then(|v| v.parse().ok())
        .expect("a horizontal scale");
    let width = style.page.type_width();
    assert!(
        size * 21.0 * (scale as f32 / 100.0) <= width && scale >= 90,
        "scale {scale}%"
    );
}

#[test]
fn the_head_lines_the_docx_uses_are_where_the_layout_sets_them() {
    let s = session();
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    for name in ["notice", "joint-request", "minutes", "order"] {
        let loaded = load_file(&example(&format!("{name}.yaml")), &s.limits);
        let report = loaded.report.unwrap();
        let Some(gongwen::model::Part::Head(h)) = report.parts().into_iter().next() else {
            panic!("{name} has a 版头");
        };
        let lines = gongwen::layout::head_lines(&setup.book, &setup.style, &h).unwrap();
        let (doc, style, _) = lay(name);
        let pitch = style.grid.line_pitch;
        let line_of = |t: &gongwen::layout::TextRun| {
            ((t.y - style.page.margin_top).get() / pitch.get()).floor() as usize
        };
        let page = &doc.pages[0];
        let find = |text: &str| {
            texts(page)
                .find(|t| t.color != Color::RED && t.text().contains(text))
                .unwrap_or_else(|| panic!("{name}: no `{text}`"))
        };
        // Runs split where the face changes (digits): the number up to its first digit.
        let number: String = h
            .number
            .as_deref()
            .unwrap()
            .chars()
            .take_while(|c| !c.is_ascii_digit())
            .collect();
        let names = h.signers.as_ref().map_or(1, |(_, n)| n.len());
        assert_eq!(
            line_of(find(&number)),
            lines.number + names - 1,
            "{name}: 发文字号"
        );
        // The title's first characters, or (a 令 without a title) the body's.
        let first: String = if report.title.is_empty() {
            match &report.body[0] {
                gongwen::model::Block::Paragraph(p) => p.text().chars().take(3).collect(),
                _ => unreachable!(),
            }
        } else {
            report.title.concat().chars().take(4).collect()
        };
        assert_eq!(line_of(find(&first)), lines.title, "{name}: title");
    }
}

#[test]
fn libreoffice_sets_the_head_on_the_lines_of_our_pdf() {
    if !have("soffice") || !have("pdftotext") {
        return;
    }
    let dir = temp_dir("official-head-lines");
    let cases = [
        ("notice", "某政发〔2024〕12", "某某市人民政府关于印发某某"),
        (
            "joint-request",
            "签发人：张三",
            "申请设立某某职业技术学院的请示",
        ),
        ("minutes", "第", "市人民政府第三十次常务会议纪要"),
        ("order", "第", "《某某"),
    ];
    let docs: Vec<String> = cases.iter().map(|(n, _, _)| render_both(&dir, n)).collect();
    let lo = dir.join("lo");
    soffice(&dir, "pdf", &lo, &docs);
    // Within 2 mm: the 发文字号 (or 签发人) line and the title's first line, on the grid
    // lines the layout chose below the mark and the separator.
    for (name, number, title) in cases {
        for word in [number, title] {
            let ours = word_centre(&dir.join(format!("{name}.pdf")), word);
            let theirs = word_centre(&lo.join(format!("{name}.pdf")), word);
            assert!(
                (ours - theirs).abs() < 2.0 * 72.0 / 25.4,
                "{name}: `{word}` at {ours} pt in our PDF, {theirs} pt in LibreOffice"
            );
        }
    }
}
