//! Reading a layout file into a [`Style`], with `extends:` and diagnostics on every value.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Rule};
use crate::geom::{Length, Pt};
use crate::limits::Limits;
use crate::world::World;
use crate::yaml::{self, Node, Reader};

use super::*;

mod official;
mod values;

use values::*;

/// The built-in layouts, compiled in.
const BUILTIN: &[(&str, &str)] = &[("gbt9704", include_str!("../../layouts/gbt9704.yaml"))];

/// Where a layout comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LayoutSource {
    /// A built-in layout by name (`gbt9704`).
    Builtin(String),
    /// A layout file, already resolved against the file that named it.
    File(PathBuf),
}

/// Whether `name` is a built-in layout.
pub fn is_builtin(name: &str) -> bool {
    BUILTIN.iter().any(|(n, _)| *n == name)
}

impl LayoutSource {
    /// `gbt9704` names a built-in layout; anything else is a layout file, resolved by
    /// [`World::resolve`] against the file `named_by` that names it (a report, defaults, a
    /// layout's `extends`). `None`: named on the command line, relative to the working folder.
    pub fn parse(name: &str, named_by: Option<&Path>, world: &World) -> LayoutSource {
        if is_builtin(name) {
            LayoutSource::Builtin(name.to_string())
        } else {
            LayoutSource::File(match named_by {
                Some(file) => world.resolve(name, file),
                None => PathBuf::from(name),
            })
        }
    }
}

/// Loads a layout, following `extends:` (at most 8 deep), reading files through `world`.
/// Errors point into the layout file.
pub fn load_layout(source: &LayoutSource, world: &World) -> Result<Style, Vec<Diagnostic>> {
    let (doc, name) = read_merged(source, world, 0, None)?;
    let mut r = Reader::new(&doc);
    let style = read_style(&mut r, &doc.root, name);
    if !r.diags.is_empty() {
        return Err(r.diags);
    }
    // Every failure above says why; this is a safety net, pointing at the layout, not the
    // report.
    style.ok_or_else(|| {
        vec![Diagnostic::error(
            Some(crate::diag::Span::file_start(&doc.file)),
            "the layout could not be read",
        )]
    })
}

/// `at` is the `extends` value that names `source` (errors reading it point there).
fn read_merged(
    source: &LayoutSource,
    world: &World,
    depth: usize,
    at: Option<crate::diag::Span>,
) -> Result<(yaml::Document, String), Vec<Diagnostic>> {
    let (path, text, name) = match source {
        LayoutSource::Builtin(n) => match BUILTIN.iter().find(|(b, _)| b == n) {
            Some((_, text)) => (
                PathBuf::from(format!("layouts/{n}.yaml")),
                text.to_string(),
                n.clone(),
            ),
            None => {
                return Err(vec![Diagnostic::error(
                    at,
                    format!("there is no built-in layout `{n}`"),
                )
                .with_hint("built-in layouts: gbt9704")])
            }
        },
        LayoutSource::File(p) => {
            match world.read_text(p) {
                Ok(t) => (p.clone(), t, p.display().to_string()),
                Err(e) => {
                    let mut d = e.diagnostic(p, "layout", at);
                    // A bare name that is no file is most likely a misspelt built-in.
                    let written = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    if matches!(e, crate::world::read::ReadError::Io(_)) && !written.contains('.') {
                        let names = BUILTIN.iter().map(|(n, _)| *n);
                        d = match crate::diag::nearest(written, names) {
                            Some(b) => d.with_hint(format!(
                                "did you mean the built-in layout `{b}`? (built-in layouts: gbt9704)"
                            )),
                            None => d.with_hint(
                                "name a built-in layout (gbt9704) or a layout file (*.yaml)",
                            ),
                        };
                    }
                    return Err(vec![d]);
                }
            }
        }
    };
    let doc = yaml::parse(&path, &text, &Limits::default()).map_err(|d| vec![d])?;
    let extends = doc
        .root
        .as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.as_str() == Some("extends")))
        .map(|(_, v)| v.clone());
    let Some(ext) = extends else {
        return Ok((doc, name));
    };
    let Some(base_name) = ext.as_str() else {
        let d = Diagnostic::error(
            Some(Reader::new(&doc).span(&ext)),
            "`extends` must name a layout",
        );
        return Err(vec![d]);
    };
    if depth > 8 {
        let d = Diagnostic::error(
            Some(Reader::new(&doc).span(&ext)),
            "layouts extend each other more than 8 deep",
        );
        return Err(vec![d]);
    }
    let at = Reader::new(&doc).span(&ext);
    let base_source = LayoutSource::parse(base_name, Some(&path), world);
    let (mut base, _) = read_merged(&base_source, world, depth + 1, Some(at))?;
    // Values taken from the base keep pointing at the base file.
    base.root.set_source(&base.file);
    let merged = yaml::merge(&base.root, &doc.root);
    Ok((
        yaml::Document {
            root: merged,
            ..doc
        },
        name,
    ))
}

/// The top-level keys a layout file may have.
pub const TOP_KEYS: &[&str] = &[
    "extends",
    "page",
    "grid",
    "title",
    "body",
    "headings",
    "emphasis",
    "page-number",
    "table",
    "signature",
    "attachment",
    "head",
    "letter",
    "seal",
    "distribution",
    "fonts",
];

fn read_style(r: &mut Reader, root: &Node, name: String) -> Option<Style> {
    let f = r.map(root, "the layout", TOP_KEYS)?;
    let page = {
        let p = section(
            r,
            &f,
            "page",
            &[
                "width",
                "height",
                "margin-top",
                "margin-bottom",
                "margin-left",
                "margin-right",
            ],
        )?;
        PageStyle {
            width: abs(r, &p, "width", &PAPER)?,
            height: abs(r, &p, "height", &PAPER)?,
            margin_top: abs(r, &p, "margin-top", &MARGIN)?,
            margin_bottom: abs(r, &p, "margin-bottom", &MARGIN)?,
            margin_left: abs(r, &p, "margin-left", &MARGIN)?,
            margin_right: abs(r, &p, "margin-right", &MARGIN)?,
        }
    };
    let page_node = f.get("page")?;
    if page.type_width().get() < 72.0 || page.type_height().get() < 72.0 {
        r.push(
            Diagnostic::error(
                Some(r.span(page_node)),
                format!(
                    "impossible margins: the type area would be {:.1} × {:.1} mm",
                    page.type_width().to_mm(),
                    page.type_height().to_mm()
                ),
            )
            .with_rule(Rule::Layout)
            .with_hint("the type area must be at least 1 inch each way"),
        );
        return None;
    }
    let grid = {
        let g = section(
            r,
            &f,
            "grid",
            &["lines", "chars", "line-pitch", "mode", "docx-grid"],
        )?;
        let lines = count(r, &g, "lines")?;
        let chars = count(r, &g, "chars")?;
        let line_pitch = abs(r, &g, "line-pitch", &LINE_PITCH)?;
        let strict = match g.get("mode").and_then(|m| r.string(m, "`mode`")).as_deref() {
            Some("strict") | None => true,
            Some("natural") => false,
            Some(other) => {
                r.error(
                    g.get("mode")?,
                    format!("`mode` must be strict or natural, found `{other}`"),
                );
                return None;
            }
        };
        if line_pitch * lines as f32 > page.type_height() + Pt::new(1.0) {
            r.error(
                g.node,
                format!(
                    "{lines} lines at {line_pitch} pt do not fit the {:.1} mm type area",
                    page.type_height().to_mm()
                ),
            );
            return None;
        }
        let docx_chars = match g
            .get("docx-grid")
            .and_then(|m| r.string(m, "`docx-grid`"))
            .as_deref()
        {
            Some("lines") | None => false,
            Some("chars") => true,
            Some(other) => {
                r.error(
                    g.get("docx-grid")?,
                    format!("`docx-grid` must be lines or chars, found `{other}`"),
                );
                return None;
            }
        };
        GridStyle {
            lines,
            chars,
            line_pitch,
            strict,
            docx_chars,
        }
    };
    let title_sec = section(
        r,
        &f,
        "title",
        &["font", "size", "blank-lines-after", "bold"],
    )?;
    let title = text_style(r, &title_sec)?;
    let title_blank_lines_after = title_sec
        .get("blank-lines-after")
        .map(|n| uint(r, n))
        .unwrap_or(Some(1))?;
    let body_sec = section(r, &f, "body", &["font", "size", "indent", "bold"])?;
    let body = text_style(r, &body_sec)?;
    let indent = length(r, body_sec.get("indent"), "indent")?.unwrap_or(Length::Em(2.0));
    let indent = match indent {
        Length::Em(k) => cell_of(&page, &grid, body.size) * k,
        Length::Abs(p) => p,
    };
    if indent.get() < 0.0 || indent > page.type_width() * 0.5 {
        let n = body_sec.get("indent")?;
        let d = Diagnostic::error(
            Some(r.span(n)),
            format!(
                "`indent` is {:.1} mm; it must be from 0 to half the type area ({:.1} mm)",
                indent.to_mm(),
                page.type_width().to_mm() * 0.5
            ),
        )
        .with_rule(Rule::Layout)
        .with_hint("the standard indent is 2em");
        r.push(d);
        return None;
    }
    let headings = {
        let n = need(r, &f, "headings")?;
        let Some(items) = n.as_seq() else {
            r.expected(n, "`headings`", "a list of four heading styles");
            return None;
        };
        if items.len() != 4 {
            r.error(
                n,
                format!("`headings` must list 4 levels, found {}", items.len()),
            );
            return None;
        }
        let mut out = Vec::new();
        for item in items {
            let h = r.map(item, "a heading style", &["font", "size", "bold"])?;
            out.push(text_style(r, &h)?);
        }
        [
            out[0].clone(),
            out[1].clone(),
            out[2].clone(),
            out[3].clone(),
        ]
    };
    let em = section(r, &f, "emphasis", &["bold", "stroke"])?;
    let emphasis_bold = em
        .get("bold")
        .map(|b| boolean(r, b))
        .unwrap_or(Some(true))?;
    let emphasis_stroke = match length(r, em.get("stroke"), "stroke")? {
        Some(Length::Em(k)) => k,
        Some(Length::Abs(p)) => p.get() / body.size.get(),
        None => 0.03,
    };
    if !(0.0..=0.2).contains(&emphasis_stroke) {
        let n = em.get("stroke")?;
        let d = Diagnostic::error(
            Some(r.span(n)),
            format!("`stroke` is {emphasis_stroke:.3}em; it must be from 0 to 0.2em"),
        )
        .with_rule(Rule::Layout);
        r.push(d);
        return None;
    }
    let pn = section(
        r,
        &f,
        "page-number",
        &[
            "font",
            "size",
            "format",
            "below-type-area",
            "indent",
            "bold",
        ],
    )?;
    let pn_text = text_style(r, &pn)?;
    let page_number = PageNumberStyle {
        format: pn
            .get("format")
            .and_then(|n| r.string(n, "`format`"))
            .unwrap_or_else(|| "— {n} —".into()),
        below_type_area: abs(r, &pn, "below-type-area", &MARGIN)?,
        indent: match length(r, pn.get("indent"), "indent")?
            .unwrap_or(Length::Em(1.0))
            .resolve(pn_text.size)
        {
            p if p.get() >= 0.0 && p <= page.type_width() * 0.5 => p,
            p => {
                let n = pn.get("indent")?;
                let d = Diagnostic::error(
                    Some(r.span(n)),
                    format!(
                        "`indent` is {:.1} mm; it must be from 0 to half the type area",
                        p.to_mm()
                    ),
                )
                .with_rule(Rule::Layout);
                r.push(d);
                return None;
            }
        },
        text: pn_text,
    };
    let t = section(
        r,
        &f,
        "table",
        &[
            "font",
            "size",
            "line-height",
            "border",
            "padding",
            "padding-vertical",
            "title-font",
            "title-size",
            "note-size",
            "bold",
        ],
    )?;
    let t_text = text_style(r, &t)?;
    let line_height = match length(r, t.get("line-height"), "line-height")? {
        Some(Length::Em(k)) => k,
        Some(Length::Abs(p)) => p.get() / t_text.size.get(),
        None => 1.25,
    };
    if !(0.5..=5.0).contains(&line_height) {
        let n = t.get("line-height")?;
        let d = Diagnostic::error(
            Some(r.span(n)),
            format!(
                "`line-height` is {line_height:.2} times the text size; it must be from 0.5 to 5 (e.g. 1.25em)"
            ),
        )
        .with_rule(Rule::Layout);
        r.push(d);
        return None;
    }
    let table = TableStyle {
        line_height,
        border: abs(r, &t, "border", &BORDER)?,
        padding: abs(r, &t, "padding", &PADDING)?,
        padding_vertical: abs(r, &t, "padding-vertical", &PADDING)?,
        title: TextStyle {
            role: read_key(r, &t, "title-font", role)?,
            size: read_key(r, &t, "title-size", size)?,
            bold: false,
        },
        note_size: read_key(r, &t, "note-size", size)?,
        text: t_text,
    };
    let s = section(
        r,
        &f,
        "signature",
        &[
            "blank-lines-before",
            "right-indent",
            "date-offset",
            "min-date-right-indent",
        ],
    )?;
    let signature = SignatureStyle {
        blank_lines_before: read_key(r, &s, "blank-lines-before", uint)?,
        right_indent: read_key(r, &s, "right-indent", number)?,
        date_offset: read_key(r, &s, "date-offset", number)?,
        min_date_right_indent: s
            .get("min-date-right-indent")
            .map(|n| number(r, n))
            .unwrap_or(Some(0.0))?,
    };
    let a = section(r, &f, "attachment", &["label-font", "title-line"])?;
    let attachment_label = TextStyle {
        role: read_key(r, &a, "label-font", role)?,
        size: body.size,
        bold: false,
    };
    let attachment_title_line = read_key(r, &a, "title-line", uint)?;
    let fonts = read_key(r, &f, "fonts", fonts)?;
    let (head, seal, distribution) = official::read(r, &f, &body)?;
    Some(Style {
        name,
        page,
        grid,
        title,
        title_blank_lines_after,
        body,
        indent,
        headings,
        emphasis_bold,
        emphasis_stroke,
        page_number,
        table,
        signature,
        attachment_label,
        attachment_title_line,
        head,
        seal,
        distribution,
        fonts,
    })
}

fn cell_of(page: &PageStyle, grid: &GridStyle, size: Pt) -> Pt {
    if grid.strict {
        page.type_width() / grid.chars as f32
    } else {
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_layout_has_the_standard_numbers() {
        let s = Style::gbt9704();
        assert!((s.page.type_width().to_mm() - 156.0).abs() < 0.01);
        assert!((s.page.type_height().to_mm() - 225.0).abs() < 0.01);
        assert_eq!((s.grid.lines, s.grid.chars), (22, 28));
        assert_eq!(s.grid.line_pitch, Pt::new(28.95));
        assert_eq!(s.body.size, Pt::new(16.0));
        assert_eq!(s.title.size, Pt::new(22.0));
        assert_eq!(s.page_number.text.size, Pt::new(14.0));
        assert_eq!(s.table.text.size, Pt::new(12.0));
        // 156 mm / 28 = 15.79 pt per character; the indent is two of them
        assert!((s.cell().get() - 15.793).abs() < 0.01);
        assert!((s.indent.get() - 31.586).abs() < 0.01);
        assert_eq!(s.candidates(Role::Body)[0], "仿宋_GB2312");
    }

    #[test]
    fn extends_overrides_and_impossible_margins_fail() {
        let dir = std::env::temp_dir().join(format!("gongwen-layout-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ok = dir.join("ok.yaml");
        std::fs::write(&ok, "extends: gbt9704\nbody: {size: 小三}\n").unwrap();
        let s = load_layout(&LayoutSource::File(ok), &World::default()).unwrap();
        assert_eq!(s.body.size, Pt::new(15.0));
        assert_eq!(s.grid.lines, 22);
        let bad = dir.join("bad.yaml");
        std::fs::write(
            &bad,
            "extends: gbt9704\npage:\n  margin-left: 150mm\n  margin-right: 60mm\n",
        )
        .unwrap();
        let e = load_layout(&LayoutSource::File(bad), &World::default()).unwrap_err();
        assert!(
            e[0].message.contains("impossible margins"),
            "{}",
            e[0].message
        );
        assert_eq!(e[0].span.as_ref().unwrap().line(), 3);
        let typo = dir.join("typo.yaml");
        std::fs::write(&typo, "extends: gbt9704\nbody: {sise: 小三}\n").unwrap();
        let e = load_layout(&LayoutSource::File(typo.clone()), &World::default()).unwrap_err();
        assert_eq!(e[0].hint.as_deref(), Some("did you mean `size`?"));
        // A value taken from the `extends` base points into the base, not the file extending it.
        let child = dir.join("child.yaml");
        std::fs::write(
            &child,
            "extends: typo.yaml
grid: {lines: 22}
",
        )
        .unwrap();
        let e = load_layout(&LayoutSource::File(child), &World::default()).unwrap_err();
        let at = e[0].span.as_ref().unwrap();
        assert_eq!((at.path(), at.line_col()), (typo.as_path(), (2, 8)));
        let missing = load_layout(
            &LayoutSource::File(dir.join("nope.yaml")),
            &World::default(),
        )
        .unwrap_err();
        assert!(missing[0].message.contains("cannot read layout"));
        // A whole layout without one of its keys names the key, in the layout file.
        let full = BUILTIN[0].1;
        let cases = [
            ("title-font", "  title-font: heading1\n", ""),
            ("fonts", "\nfonts:", "\nunused-fonts:"),
        ];
        for (key, line, instead) in cases {
            assert!(full.contains(line), "{key}");
            let lacking = dir.join(format!("no-{key}.yaml"));
            std::fs::write(&lacking, full.replacen(line, instead, 1)).unwrap();
            let e =
                load_layout(&LayoutSource::File(lacking.clone()), &World::default()).unwrap_err();
            let d = e.iter().find(|d| d.message == format!("missing `{key}`"));
            let d = d.unwrap_or_else(|| panic!("{key}: {e:?}"));
            assert_eq!(d.span.as_ref().unwrap().path(), lacking.as_path());
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}
