//! Stage 4b: a report as a DOCX draft for Word and WPS, written directly as WordprocessingML
//! from the model's resolved parts (Word does its own line breaking). The page, the document
//! grid and named styles carry the settings of an official-document template; appearance
//! comes from the layout. Twips, half-points and EMU live only in this module
//! (`units`); property elements are typed (`props`) and written in schema order.

mod container;
mod fonts;
mod official;
mod package;
mod props;
mod styles;
mod table;
mod units;
mod xml;

use crate::diag::{Diagnostic, Rule};
use crate::geom::Pt;
use crate::model::{Block, Date, Part, Report, Run};
use crate::style::{Role, Style};
use crate::text::FontBook;

use fonts::FontNames;

use package::{Contents, HdrFtr};
use props::{Fonts, Grid, HdrFtrKind, Ind, Jc, PPr, RPr, SectPr, Tab};
use styles::id;
use units::{HalfPoints, Twips};
use xml::Xml;

/// Settings of the DOCX writer.
#[derive(Clone, Debug, Default)]
pub struct DocxOptions {
    /// Document date when the report has none (from `SOURCE_DATE_EPOCH`).
    pub fallback_date: Option<Date>,
    /// Page breaks before the 版记, as the PDF's layout decided (it lands on an even page).
    pub distribution_breaks: usize,
}

/// Characters Word sets in the East Asian font even where Unicode calls them ambiguous; a run
/// holding them gets `w:hint="eastAsia"` (standards §1.14).
const AMBIGUOUS: &[char] = &['“', '”', '‘', '’', '—', '…'];

/// Width of a text in body characters: half-width (ASCII) characters count ½ (standards §1.8).
fn chars_width(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// A paragraph being built: its properties and its runs' markup.
struct Para {
    ppr: PPr,
    runs: Xml,
}

impl Para {
    /// A paragraph of `ppr` with no runs yet.
    fn new(ppr: PPr) -> Para {
        Para {
            ppr,
            runs: Xml::default(),
        }
    }

    /// A run of `text` (line breaks dropped: Word breaks lines itself).
    fn run(&mut self, text: &str, rpr: &RPr) {
        let x = &mut self.runs;
        x.open("w:r", &[]);
        let hint = text.contains(AMBIGUOUS);
        if hint && !rpr.fonts.hint_east_asia {
            let mut r = rpr.clone();
            r.fonts.hint_east_asia = true;
            r.write(x);
        } else {
            rpr.write(x);
        }
        x.open("w:t", &[("xml:space", "preserve".into())]);
        if text.contains('\n') {
            x.text(&text.replace('\n', ""));
        } else {
            x.text(text);
        }
        x.close("w:t");
        x.close("w:r");
    }

    /// A run holding a tab character.
    fn tab(&mut self) {
        self.runs.raw("<w:r><w:tab/></w:r>");
    }

    /// The model's runs, emphasis in bold, in the paragraph style's faces.
    fn model_runs(&mut self, runs: &[Run]) {
        for r in runs {
            let rpr = RPr {
                bold: r.emphasis,
                ..RPr::default()
            };
            self.run(&r.text, &rpr);
        }
    }

    fn write(&self, x: &mut Xml) {
        x.open("w:p", &[]);
        self.ppr.write(x);
        x.raw(self.runs.as_str());
        x.close("w:p");
    }
}

/// The writer's state while it goes through the parts.
struct Writer<'a> {
    style: &'a Style,
    /// The faces, to set the mark as the layout does.
    book: &'a FontBook,
    fonts: FontNames,
    /// The document part so far: its start, then the body's blocks.
    body: Xml,
    /// The last paragraph, held back so that a later part can still keep it with the next.
    pending: Option<Para>,
    /// The next paragraph starts a new page.
    break_before: bool,
    /// PNG pictures placed so far (see [`package::image_rel`]).
    media: Vec<Vec<u8>>,
    /// Drawing objects placed so far (each `wp:docPr` id is unique in the document).
    drawings: u32,
    /// The first page's own header and footer (信函格式).
    first_page: Option<FirstPage>,
}

/// A first page with a header and footer of its own (信函格式).
struct FirstPage {
    /// The header's paragraphs.
    header: Xml,
    /// The footer's paragraphs.
    footer: Xml,
    /// The header's distance from the paper's top edge (the only header of the section).
    header_distance: Pt,
}

impl<'a> Writer<'a> {
    /// A run's properties naming the faces of `role`.
    fn faces(&self, role: Role) -> RPr<'_> {
        RPr {
            fonts: Fonts {
                latin: Some(self.fonts.latin()),
                east_asia: Some(self.fonts.get(role)),
                hint_east_asia: false,
            },
            ..RPr::default()
        }
    }

    /// The layout's character cell: the type area's width over the characters a line holds.
    fn cell(&self) -> Pt {
        self.style.page.type_width() / self.style.grid.chars as f32
    }

    /// Two characters of the body size: the first-line indent of body paragraphs.
    fn indent(&self) -> Twips {
        Twips::of(self.style.body.size * 2.0)
    }

    /// A paragraph in a named style, starting a page when a break is pending.
    fn para(&mut self, style_id: &'static str) -> Para {
        let mut ppr = PPr::styled(style_id);
        ppr.page_break_before = std::mem::take(&mut self.break_before);
        Para::new(ppr)
    }

    /// A paragraph of one run of `text` in the style's faces.
    fn text_para(&mut self, style_id: &'static str, text: &str) -> Para {
        let mut p = self.para(style_id);
        p.run(text, &RPr::default());
        p
    }

    /// Adds a paragraph after the ones before it.
    fn push(&mut self, p: Para) {
        self.flush();
        self.pending = Some(p);
    }

    fn flush(&mut self) {
        if let Some(p) = self.pending.take() {
            p.write(&mut self.body);
        }
    }

    /// The body so far, every paragraph written, to append a block to (a table).
    fn blocks_out(&mut self) -> &mut Xml {
        self.flush();
        &mut self.body
    }

    /// The last paragraph keeps with the next (the body's end with the 落款).
    fn keep_last(&mut self) {
        if let Some(p) = &mut self.pending {
            p.ppr.keep_next = true;
        }
    }

    fn blank(&mut self) {
        let p = self.para(id::BODY);
        self.push(p);
    }

    /// A blank body line kept with the next.
    fn blank_kept(&mut self) {
        let mut p = self.para(id::BODY);
        p.ppr.keep_next = true;
        self.push(p);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    let mut para = self.para(id::BODY);
                    para.model_runs(&p.runs);
                    self.push(para);
                }
                Block::Heading(h) => {
                    // Keep-with-next comes from the heading style.
                    let id = id::HEADINGS[h.level.clamp(1, 4) as usize - 1];
                    let p = self.text_para(id, &h.full_text());
                    self.push(p);
                }
                Block::Table(t) => self.table(t),
                Block::PageBreak => self.break_before = true,
            }
        }
    }

    /// The page-number footers: `— N —` with a PAGE field, in the page number's face
    /// throughout (GB/T 9704 §7.5: odd pages right, even pages left, one character in).
    fn footers(&self) -> Vec<HdrFtr> {
        let pn = &self.style.page_number;
        let face = self.fonts.get(pn.text.role);
        let rpr = RPr {
            fonts: Fonts {
                latin: Some(face),
                east_asia: Some(face),
                hint_east_asia: false,
            },
            size: Some(HalfPoints::of(pn.text.size)),
            ..RPr::default()
        };
        let (before, after) = pn.format.split_once("{n}").unwrap_or(("— ", " —"));
        let indent = Twips::of(pn.indent);
        let footer = |kind: HdrFtrKind, jc: Jc, left: Twips, right: Twips| {
            let mut p = Para::new(PPr {
                style: Some(id::PAGE_NUMBER),
                ind: Some(Ind {
                    left,
                    right,
                    ..Ind::default()
                }),
                jc: Some(jc),
                ..PPr::default()
            });
            p.run(before, &rpr);
            let field = |p: &mut Para, inner: &str| {
                p.runs.open("w:r", &[]);
                rpr.write(&mut p.runs);
                p.runs.raw(inner);
                p.runs.close("w:r");
            };
            field(&mut p, r#"<w:fldChar w:fldCharType="begin"/>"#);
            field(
                &mut p,
                r#"<w:instrText xml:space="preserve"> PAGE </w:instrText>"#,
            );
            field(&mut p, r#"<w:fldChar w:fldCharType="separate"/>"#);
            p.run("1", &rpr);
            field(&mut p, r#"<w:fldChar w:fldCharType="end"/>"#);
            p.run(after, &rpr);
            let mut content = Xml::default();
            p.write(&mut content);
            HdrFtr {
                header: false,
                kind,
                content,
            }
        };
        vec![
            footer(HdrFtrKind::Default, Jc::Right, Twips(0), indent),
            footer(HdrFtrKind::Even, Jc::Left, indent, Twips(0)),
        ]
    }

    /// The section: A4, the type area's margins, the header's and footer's distances, the
    /// grid.
    fn section(&self, hf: &[HdrFtr], header: Pt) -> SectPr {
        let style = self.style;
        let page = &style.page;
        let pn = &style.page_number;
        // The footer's bottom edge: the page-number line's top is 7 mm below the type area.
        let footer = page.margin_bottom - pn.below_type_area - pn.text.size;
        // Whole twips for the type area first (156 mm = 8844), so left + width + right = page.
        let right = Twips::of(page.margin_right);
        let left = Twips::of(page.width) - right - Twips::of(page.type_width());
        // The 公文 template grid: lines one pitch apart; under Word's character grid, 28
        // characters a line: Word's pitch is the East Asian size plus charSpace/4096 pt
        // (docx-notes), of the type area's whole twips as Word measures it, rounded down so
        // that 28 still fit (−849 at 16 pt, as the official templates have it).
        let pitch = Twips::of(style.grid.line_pitch);
        let grid = if char_grid(style) {
            let cell = Twips::of(page.type_width()).0 as f32 / 20.0 / style.grid.chars as f32;
            Grid::LinesAndChars {
                pitch,
                char_space: ((cell - style.body.size.get()) * 4096.0).floor() as i32,
            }
        } else {
            Grid::Lines { pitch }
        };
        let numbers = package::numbered(hf);
        let refs = |header: bool| {
            hf.iter()
                .zip(&numbers)
                .filter(|(p, _)| p.header == header)
                .map(|(p, n)| (p.kind, p.rel_id(*n)))
                .collect()
        };
        SectPr {
            headers: refs(true),
            footers: refs(false),
            page: (Twips::of(page.width), Twips::of(page.height)),
            margins: [
                Twips::of(page.margin_top),
                right,
                Twips::of(page.margin_bottom),
                left,
            ],
            header_footer: (Twips::of(header), Twips::of(footer)),
            title_page: hf.iter().any(|p| p.kind == HdrFtrKind::First),
            grid,
        }
    }
}

/// The title's lines as the PDF sets them.
fn title_lines(
    style: &Style,
    book: &FontBook,
    lines: &[String],
    explicit: bool,
    prefer: Option<usize>,
) -> Vec<String> {
    if explicit {
        return lines.to_vec();
    }
    let spec = crate::layout::inline::TextSpec {
        role: style.title.role,
        size: style.title.size,
        cell: style.title.size,
        latin: false,
        bold: style.title.bold,
    };
    lines
        .iter()
        .flat_map(|t| {
            crate::layout::title::title_lines_preferring(
                book,
                &spec,
                t,
                style.page.type_width(),
                prefer,
            )
        })
        .map(|l| l.text())
        .collect()
}

/// The root element's namespaces: WordprocessingML, relationships and the drawing parts.
const NAMESPACES: [(&str, &str); 6] = [
    (
        "xmlns:w",
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    ),
    (
        "xmlns:r",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        "xmlns:wp",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (
        "xmlns:a",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        "xmlns:pic",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
    (
        "xmlns:wps",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    ),
];

/// Writes the DOCX package; `book` breaks titles as the layout does.
pub fn docx(
    report: &Report,
    style: &Style,
    book: &FontBook,
    opts: &DocxOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let date = report.metadata.date.or(opts.fallback_date).unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    });
    let stamp = format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year, date.month, date.day
    );
    // The document part is built in place, its start written first: a table of 200,000
    // cells makes it 50 MB, which is not copied again.
    let mut body = Xml::part(64 * 1024);
    let ns: Vec<(&str, xml::Val)> = NAMESPACES.iter().map(|(k, v)| (*k, (*v).into())).collect();
    body.open("w:document", &ns);
    body.open("w:body", &[]);
    let mut w = Writer {
        style,
        book,
        fonts: FontNames::new(style, book),
        body,
        pending: None,
        break_before: false,
        media: Vec::new(),
        drawings: 0,
        first_page: None,
    };
    let parts = report.parts();
    for (i, part) in parts.iter().enumerate() {
        match part {
            Part::Head(h) => official::head(&mut w, h),
            Part::Title {
                lines,
                explicit,
                prefer_break,
                ..
            } => {
                // The lines the PDF sets: a title given as one string is broken by the
                // layout's own title breaker (between words, balanced), with the same fonts.
                for line in title_lines(style, book, lines, *explicit, *prefer_break) {
                    let p = w.text_para(id::TITLE, &line);
                    w.push(p);
                }
                for _ in 0..style.title_blank_lines_after {
                    w.blank();
                }
            }
            Part::Recipient { text, .. } => {
                let p = w.text_para(id::PLAIN, text);
                w.push(p);
            }
            Part::Body(blocks) => w.blocks(blocks),
            Part::AttachmentNote { label, entries } => attachments_note(&mut w, label, entries),
            Part::Signature(sig) => {
                // GB/T 9704 §7.3.5.5: the 落款 keeps with the text before it.
                if i > 0 && part.keeps_with_previous() {
                    w.keep_last();
                }
                if sig.signer.is_some() {
                    official::signer(&mut w, sig)
                } else if sig.seals.is_empty() {
                    signature(&mut w, &sig.issuers.join("　"), &sig.date)
                } else {
                    official::sealed(&mut w, sig)
                }
            }
            Part::Notes(notes) => {
                for n in notes.iter() {
                    let p = w.text_para(id::BODY, n);
                    w.push(p);
                }
            }
            Part::Attachment { label, title, body } => {
                w.break_before = true;
                let p = w.text_para(id::ATTACHMENT_LABEL, label);
                w.push(p);
                w.blank();
                let p = w.text_para(id::TITLE, title);
                w.push(p);
                w.blank();
                w.blocks(body);
            }
            Part::Attendance(lists) => official::attendance(&mut w, lists),
            Part::Distribution(d) => {
                // GB/T 9704 §7.4: on an even page, as in the PDF (a blank page when needed).
                for _ in 0..opts.distribution_breaks {
                    w.break_before = true;
                    w.blank();
                }
                official::distribution(&mut w, d)
            }
        }
    }
    w.flush();
    let mut hf = w.footers();
    let header_distance = w.first_page.as_ref().map(|f| f.header_distance);
    if let Some(first) = w.first_page.take() {
        hf.push(HdrFtr {
            header: true,
            kind: HdrFtrKind::First,
            content: first.header,
        });
        hf.push(HdrFtr {
            header: false,
            kind: HdrFtrKind::First,
            content: first.footer,
        });
    }
    let sect = w.section(&hf, header_distance.unwrap_or(Pt::mm(15.0)));
    let mut doc = std::mem::take(&mut w.body);
    sect.write(&mut doc);
    doc.close("w:body");
    doc.close("w:document");
    let contents = Contents {
        document: doc.into_bytes(),
        styles: styles::styles(style, &w.fonts),
        font_table: fonts::font_table(&w.fonts),
        hdr_ftr: hf,
        media: std::mem::take(&mut w.media),
    };
    package::package(contents, report, style, &stamp).map_err(|e| {
        vec![Diagnostic::error(None, format!("DOCX packing failed: {e}")).with_rule(Rule::Docx)]
    })
}

/// 附件说明: `附件：1.名称` (no space after the number), further names aligned under the
/// first; a wrapped name returns under its own first character (GB/T 9704 §7.3.4).
fn attachments_note(w: &mut Writer, label: &str, entries: &[(String, &str)]) {
    // GB/T 9704 §7.3.5.5: the 附件说明 (and the 落款 after it) keep with the body's last
    // lines, as in the PDF: keep-with-next down the chain.
    w.keep_last();
    w.blank_kept();
    let size = w.style.body.size;
    let label_width = Twips::of(size * chars_width(label));
    for (i, (number, title)) in entries.iter().enumerate() {
        let number_width = Twips::of(size * chars_width(number));
        let name = format!("{number}{title}");
        let (text, hang) = if i == 0 {
            (format!("{label}{name}"), label_width + number_width)
        } else {
            (name, number_width)
        };
        let left = w.indent() + label_width + number_width;
        let mut p = w.text_para(id::PLAIN, &text);
        p.ppr.ind = Some(Ind {
            left,
            first: Twips(-hang.0.max(0)),
            ..Ind::default()
        });
        p.ppr.keep_next = i + 1 < entries.len();
        w.push(p);
    }
}

/// 落款 with the same character positions as the PDF. The body's last paragraph, the blank
/// lines and the issuer keep with the next paragraph, so Word never leaves the 落款 alone on a
/// page without body text (GB/T 9704 §7.3.5.5: the 落款 stays with the text).
fn signature(w: &mut Writer, issuer: &str, date: &str) {
    let style = w.style;
    for _ in 0..style.signature.blank_lines_before {
        w.blank_kept();
    }
    let cell = w.cell();
    let total = style.grid.chars as f32;
    let (name_start, date_start) =
        style
            .signature
            .positions(total, chars_width(issuer), chars_width(date));
    for (text, start, keep) in [(issuer, name_start, true), (date, date_start, false)] {
        let mut p = w.text_para(id::SIGNATURE, text);
        p.ppr.ind = Some(Ind {
            left: Twips::of(cell * start.max(0.0)),
            ..Ind::default()
        });
        p.ppr.keep_next = keep;
        w.push(p);
    }
}

/// Word's character grid (`docx-grid: chars`, with the strict grid only) instead of the line
/// grid with condensed runs.
fn char_grid(style: &Style) -> bool {
    style.grid.strict && style.grid.docx_chars
}

/// A tab stop of `kind` at `pos` from the left margin.
fn tab(kind: props::TabKind, pos: Pt) -> Tab {
    Tab {
        kind,
        pos: Twips::of(pos),
    }
}
