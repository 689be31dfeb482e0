//! Stage 4b: a report as a DOCX draft for Word and WPS, built with docx-rs from the model
//! (Word does its own line breaking). The page, the document grid and named styles carry the
//! settings of an official-document template; the parts docx-rs cannot express are rewritten
//! at the XML level (see `post.rs`). Twips and half-points live only in this module.

mod container;
mod official;
mod post;
mod stream;
mod table;
pub mod xml;

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, Paragraph as DParagraph, Run as DRun, RunFonts,
    SpecialIndentType, Style as DStyle, StyleType,
};

use crate::diag::{Diagnostic, Rule};
use crate::geom::Pt;
use crate::model::{Block, Date, Part, Report, Run};
use crate::style::{Role, Style};
use crate::text::FontBook;

/// Settings of the DOCX writer.
#[derive(Clone, Debug, Default)]
pub struct DocxOptions {
    /// Document date when the report has none (from `SOURCE_DATE_EPOCH`).
    pub fallback_date: Option<Date>,
    /// Page breaks before the 版记, as the PDF's layout decided (it lands on an even page).
    pub distribution_breaks: usize,
}

/// Twips (1/20 pt) of a length.
fn tw(p: Pt) -> i32 {
    p.to_twips()
}

/// Half-points of a font size (`w:sz`).
fn half_points(p: Pt) -> usize {
    (p.get() * 2.0).round() as usize
}

/// Characters Word sets in the East Asian font even where Unicode calls them ambiguous; a run
/// holding them gets `w:hint="eastAsia"` (standards §1.14).
const AMBIGUOUS: &[char] = &['“', '”', '‘', '’', '—', '…'];

/// The official font a role names: the layout's first family name (not a bundled file).
pub fn official_font(style: &Style, role: Role) -> String {
    let fallback = match role {
        Role::Title => "方正小标宋简体",
        Role::Heading1 => "黑体",
        Role::Heading2 => "楷体_GB2312",
        Role::PageNumber => "宋体",
        Role::Latin => "Times New Roman",
        _ => "仿宋_GB2312",
    };
    style
        .candidates(role)
        .iter()
        .find(|c| !c.contains('.'))
        .cloned()
        .unwrap_or_else(|| fallback.to_string())
}

struct Writer<'a> {
    style: &'a Style,
    latin: String,
    docx: Docx,
    /// Header-row counts of the tables, in document order (for `w:tblHeader`).
    header_rows: Vec<usize>,
    /// The next paragraph starts a new page.
    break_before: bool,
    /// Each table's XML, built row by row (see `table.rs`); the document holds a placeholder.
    tables: Vec<Vec<u8>>,
    /// Pictures placed so far: each gets the relationship id `rIdGwImage{n}` of this count, so
    /// the bytes never depend on docx-rs's process-wide picture counter (a batch renders
    /// reports in parallel).
    pictures: usize,
}

impl<'a> Writer<'a> {
    fn fonts(&self, role: Role) -> RunFonts {
        RunFonts::new()
            .ascii(&self.latin)
            .hi_ansi(&self.latin)
            .east_asia(official_font(self.style, role))
    }

    fn style(&self, id: &str, name: &str, role: Role, size: Pt) -> DStyle {
        DStyle::new(id, StyleType::Paragraph)
            .name(name)
            .q_format(true)
            .fonts(self.fonts(role))
            .size(half_points(size))
    }

    fn body_spacing(&self) -> LineSpacing {
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(tw(self.style.grid.line_pitch))
            .before(0)
            .after(0)
    }

    /// Two characters of the body size: 640 twips at 16 pt (docx-rs writes no firstLineChars).
    fn indent(&self) -> i32 {
        tw(self.style.body.size * 2.0)
    }

    /// The two-character first-line indent of body paragraphs and headings.
    fn first_line(&self) -> SpecialIndentType {
        SpecialIndentType::FirstLine(self.indent())
    }

    fn add_styles(mut self) -> Self {
        let s = self.style;
        let body = self
            .style("GwBody", "gw Body", Role::Body, s.body.size)
            .align(AlignmentType::Both)
            .line_spacing(self.body_spacing())
            .indent(None, Some(self.first_line()), None, None);
        let title = self
            .style("GwTitle", "gw Title", Role::Title, s.title.size)
            .align(AlignmentType::Center)
            .line_spacing(self.body_spacing());
        let recipient = self
            .style("GwRecipient", "gw Recipient", Role::Body, s.body.size)
            .align(AlignmentType::Both)
            .line_spacing(self.body_spacing());
        let mut styles = vec![title, body, recipient];
        for level in 1..=4u8 {
            let h = s.heading(level);
            let mut st = self
                .style(
                    &format!("GwHeading{level}"),
                    &format!("gw Heading {level}"),
                    Role::heading(level),
                    h.size,
                )
                .align(AlignmentType::Both)
                .line_spacing(self.body_spacing())
                .indent(None, Some(self.first_line()), None, None)
                .outline_lvl(level as usize - 1);
            if h.bold {
                st = st.bold();
            }
            styles.push(st);
        }
        let t = &s.table;
        styles.push(
            // The cell text's exact line height from the layout, as in the PDF.
            self.style("GwTableText", "gw Table Text", t.text.role, t.text.size)
                .align(AlignmentType::Center)
                .snap_to_grid(false)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(tw(t.text.size * t.line_height))
                        .before(0)
                        .after(0),
                ),
        );
        styles.push(
            self.style("GwTableTitle", "gw Table Title", t.title.role, t.title.size)
                .align(AlignmentType::Center)
                .line_spacing(self.body_spacing()),
        );
        styles.push(
            self.style("GwNote", "gw Note", t.text.role, t.note_size)
                .align(AlignmentType::Both)
                .snap_to_grid(false)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(360)
                        .before(0)
                        .after(0),
                ),
        );
        styles.push(
            self.style("GwSignature", "gw Signature", Role::Body, s.body.size)
                .align(AlignmentType::Left)
                .line_spacing(self.body_spacing()),
        );
        styles.push(
            self.style(
                "GwAttachmentLabel",
                "gw Attachment Label",
                s.attachment_label.role,
                s.attachment_label.size,
            )
            .align(AlignmentType::Left)
            .line_spacing(self.body_spacing()),
        );
        styles.push(
            self.style(
                "GwPageNumber",
                "gw Page Number",
                s.page_number.text.role,
                s.page_number.text.size,
            )
            .snap_to_grid(false),
        );
        for st in styles {
            self.docx = self.docx.add_style(st);
        }
        self
    }

    /// A paragraph in a named style, starting a page when a break is pending.
    fn para(&mut self, style_id: &str) -> DParagraph {
        let mut p = DParagraph::new().style(style_id).widow_control(false);
        if std::mem::take(&mut self.break_before) {
            p = p.page_break_before(true);
        }
        p
    }

    fn runs(p: DParagraph, runs: &[Run]) -> DParagraph {
        let mut p = p;
        for r in runs {
            let mut run = DRun::new().add_text(r.text.replace('\n', ""));
            if r.text.contains(AMBIGUOUS) {
                run = run.fonts(RunFonts::new().hint("eastAsia"));
            }
            if r.emphasis {
                run = run.bold();
            }
            p = p.add_run(run);
        }
        p
    }

    fn text_para(&mut self, style_id: &str, text: &str) -> DParagraph {
        let p = self.para(style_id);
        Self::runs(
            p,
            &[Run {
                text: text.to_string(),
                emphasis: false,
            }],
        )
    }

    fn push(&mut self, p: DParagraph) {
        let d = std::mem::take(&mut self.docx);
        self.docx = d.add_paragraph(p);
    }

    /// The last paragraph keeps with the next (the body's end with the 落款).
    fn keep_last(&mut self) {
        if let Some(docx_rs::DocumentChild::Paragraph(last)) =
            self.docx.document.children.last_mut()
        {
            last.property.keep_next = Some(true);
        }
    }

    fn blank(&mut self) {
        let p = self.para("GwBody");
        self.push(p);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => {
                    let para = self.para("GwBody");
                    let para = Self::runs(para, &p.runs);
                    self.push(para);
                }
                Block::Heading(h) => {
                    let id = format!("GwHeading{}", h.level.clamp(1, 4));
                    // Keep-with-next comes from the heading style.
                    let p = self.text_para(&id, &h.full_text());
                    self.push(p);
                }
                Block::Table(t) => self.table(t),
                Block::PageBreak => self.break_before = true,
            }
        }
    }

    fn footers(mut self) -> Self {
        let pn = &self.style.page_number;
        let fonts = RunFonts::new()
            .ascii(official_font(self.style, pn.text.role))
            .hi_ansi(official_font(self.style, pn.text.role))
            .east_asia(official_font(self.style, pn.text.role));
        let size = half_points(pn.text.size);
        let (before, after) = pn.format.split_once("{n}").unwrap_or(("— ", " —"));
        let indent = tw(pn.indent);
        let footer = |align: AlignmentType, left: Option<i32>, right: Option<i32>| {
            // The PAGE field built from runs so that every part has the page-number font
            // (docx-rs's PageNum writes an empty rPr).
            let run = || DRun::new().fonts(fonts.clone()).size(size);
            let p = DParagraph::new()
                .style("GwPageNumber")
                .align(align)
                .indent(left, None, right, None)
                .add_run(run().add_text(before).fonts(fonts.clone().hint("eastAsia")))
                .add_run(run().add_field_char(FieldCharType::Begin, false))
                .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
                .add_run(run().add_field_char(FieldCharType::Separate, false))
                .add_run(run().add_text("1"))
                .add_run(run().add_field_char(FieldCharType::End, false))
                .add_run(run().add_text(after).fonts(fonts.clone().hint("eastAsia")));
            Footer::new().add_paragraph(p)
        };
        // GB/T 9704 §7.5: odd pages right, even pages left, one character in.
        let odd = footer(AlignmentType::Right, None, Some(indent));
        let even = footer(AlignmentType::Left, Some(indent), None);
        self.docx = self.docx.footer(odd).even_footer(even);
        self
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

/// Writes the DOCX package; `book` breaks titles as the layout does.
pub fn docx(
    report: &Report,
    style: &Style,
    book: &FontBook,
    opts: &DocxOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let page = &style.page;
    let pn = &style.page_number;
    // The footer's bottom edge: the page-number line's top is 7 mm below the type area.
    let footer = page.margin_bottom - pn.below_type_area - pn.text.size;
    let body_font = official_font(style, Role::Body);
    let latin = official_font(style, Role::Latin);
    let date = report.metadata.date.or(opts.fallback_date).unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    });
    let stamp = format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year, date.month, date.day
    );
    // Whole twips for the type area first (156 mm = 8844), so left + width + right = page.
    let right = tw(page.margin_right);
    let left = tw(page.width) - right - tw(page.type_width());
    let mut docx = Docx::new()
        .page_size(tw(page.width) as u32, tw(page.height) as u32)
        .page_margin(
            PageMargin::new()
                .top(tw(page.margin_top))
                .bottom(tw(page.margin_bottom))
                .left(left)
                .right(right)
                .header(tw(Pt::mm(15.0)))
                .footer(tw(footer))
                .gutter(0),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(&latin)
                .hi_ansi(&latin)
                .east_asia(&body_font),
        )
        .default_size(half_points(style.body.size))
        .created_at(&stamp)
        .updated_at(&stamp);
    // The 公文 template grid: 579-twip lines; characters 156 mm / 28 wide. Word's pitch is the
    // East Asian size plus charSpace/4096 pt (docx-notes.md).
    let (grid_type, char_space) = if style.grid.strict && style.grid.docx_chars {
        let pitch = page.type_width() / style.grid.chars as f32;
        (
            DocGridType::LinesAndChars,
            ((pitch - style.body.size).get() * 4096.0).round() as isize,
        )
    } else {
        (DocGridType::Lines, 0)
    };
    docx.document = docx.document.doc_grid(
        DocGrid::new()
            .grid_type(grid_type)
            .line_pitch(tw(style.grid.line_pitch) as usize)
            .char_space(char_space),
    );
    let mut w = Writer {
        style,
        latin,
        docx,
        header_rows: Vec::new(),
        break_before: false,
        tables: Vec::new(),
        pictures: 0,
    }
    .add_styles()
    .footers();
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
                    let p = w.text_para("GwTitle", &line);
                    w.push(p);
                }
                for _ in 0..style.title_blank_lines_after {
                    w.blank();
                }
            }
            Part::Recipient { text, .. } => {
                let p = w.text_para("GwRecipient", text);
                w.push(p);
            }
            Part::Body(blocks) => w.blocks(blocks),
            Part::AttachmentNote { label, entries } => attachments_note(&mut w, label, entries),
            Part::Signature(sig) => {
                // GB/T 9704 §7.3.5.5: the 落款 keeps with the text before it.
                if i > 0 && parts[i].keeps_with_previous() {
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
                    let p = w.text_para("GwBody", n);
                    w.push(p);
                }
            }
            Part::Attachment { label, title, body } => {
                w.break_before = true;
                let p = w.text_para("GwAttachmentLabel", label);
                w.push(p);
                w.blank();
                let p = w.text_para("GwTitle", title);
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
    let header_rows = std::mem::take(&mut w.header_rows);
    let tables = std::mem::take(&mut w.tables);
    let mut xml = w.docx.build();
    xml.document = table::splice(&xml.document, tables).map_err(|e| {
        vec![
            Diagnostic::error(None, format!("DOCX table assembly failed: {e}"))
                .with_rule(Rule::Docx),
        ]
    })?;
    // Seals float in front of the text, which flows on under them (docx-rs writes every
    // anchored picture with square wrapping); drawing ids unique.
    xml.document = official::fix_anchors(&xml.document);
    post::rewrite(&mut xml, &header_rows, report, style, &stamp).map_err(|e| {
        vec![
            Diagnostic::error(None, format!("DOCX post-processing failed: {e}"))
                .with_rule(Rule::Docx),
        ]
    })?;
    package(xml).map_err(|e| {
        vec![Diagnostic::error(None, format!("DOCX packing failed: {e}")).with_rule(Rule::Docx)]
    })
}

/// The package: the parts docx-rs built, in the order its own `pack` writes them, deflated,
/// without directory entries, with the fixed 1980-01-01 timestamp, so the same input gives the
/// same bytes. (docx-rs's `pack` stores the parts uncompressed: a draft seven times larger.)
fn package(x: docx_rs::XMLDocx) -> Result<Vec<u8>, String> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), x.content_type),
        ("_rels/.rels".into(), x.rels),
        ("docProps/app.xml".into(), x.doc_props.app),
        ("docProps/core.xml".into(), x.doc_props.core),
        ("docProps/custom.xml".into(), x.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), x.document_rels),
        ("word/document.xml".into(), x.document),
        ("word/styles.xml".into(), x.styles),
        ("word/settings.xml".into(), x.settings),
        ("word/fontTable.xml".into(), x.font_table),
        (
            "word/theme/theme1.xml".into(),
            post::THEME.as_bytes().to_vec(),
        ),
        ("word/comments.xml".into(), x.comments),
        ("word/numbering.xml".into(), x.numberings),
        ("word/commentsExtended.xml".into(), x.comments_extended),
        ("word/footnotes.xml".into(), x.footnotes),
    ];
    let mut header_rels = x.header_rels.into_iter();
    for (i, header) in x.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), header));
        if let Some(rels) = header_rels.next() {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    let mut footer_rels = x.footer_rels.into_iter();
    for (i, footer) in x.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), footer));
        if let Some(rels) = footer_rels.next() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    for (id, png) in x.media {
        parts.push((format!("word/media/{id}.png"), png));
    }
    // Web extensions and custom XML parts: gongwen writes none.
    container::zip(&parts)
}

/// 附件说明: `附件：1.名称` (no space after the number), further names aligned under the
/// first; a wrapped name returns under its own first character (GB/T 9704 §7.3.4).
fn attachments_note(w: &mut Writer, label: &str, entries: &[(String, &str)]) {
    // GB/T 9704 §7.3.5.5: the 附件说明 (and the 落款 after it) keep with the body's last
    // lines, as in the PDF: keep-with-next down the chain.
    w.keep_last();
    let p = w.para("GwBody").keep_next(true);
    w.push(p);
    let size = w.style.body.size;
    let label_width = tw(size * chars_width(label));
    for (i, (number, title)) in entries.iter().enumerate() {
        let number_width = tw(size * chars_width(number));
        let name = format!("{number}{title}");
        let (text, hang) = if i == 0 {
            (format!("{label}{name}"), label_width + number_width)
        } else {
            (name, number_width)
        };
        let left = w.indent() + label_width + number_width;
        let p = w.text_para("GwRecipient", &text);
        let p = if hang > 0 {
            p.indent(
                Some(left),
                Some(SpecialIndentType::Hanging(hang)),
                None,
                None,
            )
        } else {
            p.indent(Some(left), None, None, None)
        };
        let p = p.keep_next(i + 1 < entries.len());
        w.push(p);
    }
}

/// Width of a text in body characters: half-width (ASCII) characters count ½ (standards §1.8).
pub fn chars_width(text: &str) -> f32 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// 落款 with the same character positions as the PDF. The body's last paragraph, the blank
/// lines and the issuer keep with the next paragraph, so Word never leaves the 落款 alone on a
/// page without body text (GB/T 9704 §7.3.5.5: the 落款 stays with the text).
fn signature(w: &mut Writer, issuer: &str, date: &str) {
    let style = w.style;
    for _ in 0..style.signature.blank_lines_before {
        let p = w.para("GwBody").keep_next(true);
        w.push(p);
    }
    let cell = style.page.type_width() / style.grid.chars as f32;
    let total = style.grid.chars as f32;
    let (name_start, date_start) =
        style
            .signature
            .positions(total, chars_width(issuer), chars_width(date));
    for (text, start, keep) in [(issuer, name_start, true), (date, date_start, false)] {
        let p = w
            .text_para("GwSignature", text)
            .indent(Some(tw(cell * start.max(0.0))), None, None, None)
            .keep_next(keep);
        w.push(p);
    }
}
