//! Stage 4a: [`PagedDocument`] → PDF bytes through krilla: subset CID fonts with ToUnicode,
//! nested bookmarks, document metadata, byte-stable output, a structure tree (tagged PDF),
//! optional PDF/A-2a or -2b and PDF/UA-1 validation.

use std::num::{NonZeroU16, NonZeroU32};
use std::sync::OnceLock;

use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag as KTag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use crate::date::Date;
use crate::diag::{Diagnostic, Rule};
use crate::layout::{
    ArtifactKind, Item, NodeId, OutlineItem, PagedDocument, StructKind, Structure, Tag, TextRun,
};
use crate::style::Color;
use crate::text::{FontBook, FontId};

/// A PDF/A conformance level (ISO 19005-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PdfA {
    /// PDF/A-2a: accessible (tagged, Unicode) archival PDF.
    A2a,
    /// PDF/A-2b: archival PDF that looks the same everywhere.
    A2b,
}

impl PdfA {
    /// The level as `--pdfa` spells it (`2a`, `2b`).
    pub fn parse(s: &str) -> Option<PdfA> {
        match s.to_ascii_lowercase().as_str() {
            "2a" => Some(PdfA::A2a),
            "2b" => Some(PdfA::A2b),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            PdfA::A2a => "PDF/A-2a",
            PdfA::A2b => "PDF/A-2b",
        }
    }
}

/// PDF export options.
#[derive(Clone, Debug, Default)]
pub struct PdfOptions {
    /// Validate and write PDF/A at this level.
    pub pdfa: Option<PdfA>,
    /// Validate and write PDF/UA-1 (ISO 14289-1).
    pub pdfua: bool,
    /// Document date when the report has none (from `SOURCE_DATE_EPOCH`).
    pub fallback_date: Option<Date>,
}

/// krilla fonts made once per face and shared by every document of the process: creating a
/// krilla font hashes the whole file, which for a 6 MB CJK font is worth doing once.
pub struct PdfFonts {
    fonts: Vec<OnceLock<Option<Font>>>,
}

impl PdfFonts {
    /// Prepares the faces of `book` for PDF output, once per layout.
    pub fn new(book: &FontBook) -> PdfFonts {
        PdfFonts {
            fonts: book.faces().map(|_| OnceLock::new()).collect(),
        }
    }

    fn get(&self, book: &FontBook, id: FontId) -> Option<Font> {
        self.fonts
            .get(id.0 as usize)?
            .get_or_init(|| Font::new(krilla::Data::from(book.face(id).data()), 0))
            .clone()
    }
}

/// Writes the document. Errors (a font krilla cannot embed, PDF/A violations) are diagnostics.
pub fn pdf(
    doc: &PagedDocument,
    book: &FontBook,
    fonts: &PdfFonts,
    opts: &PdfOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    // Tagged always: a screen reader reads the published report (GB/T 37668-2019); the
    // structure costs little next to the fonts.
    let mut settings = SerializeSettings::default();
    if opts.pdfa.is_some() || opts.pdfua {
        let mut b = ConfigurationBuilder::new();
        match opts.pdfa {
            Some(PdfA::A2a) => b = b.with_archival_validator(Archival::A2_A),
            Some(PdfA::A2b) => b = b.with_archival_validator(Archival::A2_B),
            None => {}
        }
        if opts.pdfua {
            b = b.with_accessibility_validator(Accessibility::UA1);
        }
        settings.configuration = b.finish().map_err(|e| {
            vec![Diagnostic::error(None, format!("PDF configuration: {e:?}")).with_rule(Rule::Pdfa)]
        })?;
    }
    let mut document = Document::new_with(settings);
    // The marked-content identifiers of each structure element, in drawing order.
    let mut ids: Vec<Vec<Identifier>> = vec![Vec::new(); doc.structure.nodes.len()];
    for page in &doc.pages {
        let size = PageSettings::from_wh(page.width.get(), page.height.get()).ok_or_else(|| {
            vec![Diagnostic::error(None, "invalid page size").with_rule(Rule::Pdf)]
        })?;
        let mut p = document.start_page_with(size);
        let mut s = p.surface();
        // Text is filled: a page may start with bold text, which strokes as well (krilla's
        // surface starts with no fill, and stroke alone prints hollow glyphs).
        s.set_fill(Some(Fill::default()));
        let mut marks = Marks::new(&mut ids);
        for item in &page.items {
            match item {
                Item::Tag(t) => marks.set(&mut s, *t),
                Item::Text(run) => {
                    marks.ensure(&mut s);
                    draw_run(&mut s, run, book, fonts)?
                }
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color,
                } => {
                    marks.ensure(&mut s);
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1.get(), y1.get());
                    pb.line_to(x2.get(), y2.get());
                    stroke(&mut s, pb, width.get(), *color);
                }
                Item::Image {
                    x,
                    y,
                    width,
                    height,
                    image,
                } => {
                    marks.ensure(&mut s);
                    draw_image(&mut s, image, *x, *y, *width, *height)?;
                }
                Item::Missing { x, y, size, .. } => {
                    marks.ensure(&mut s);
                    // A visible box where no font had the character (never dropped silently).
                    let top = *y - *size * 0.88;
                    let w = *size * 0.9;
                    let mut pb = PathBuilder::new();
                    pb.move_to(x.get() + 1.0, top.get() + 1.0);
                    pb.line_to(x.get() + w.get() - 1.0, top.get() + 1.0);
                    pb.line_to(x.get() + w.get() - 1.0, top.get() + size.get() - 1.0);
                    pb.line_to(x.get() + 1.0, top.get() + size.get() - 1.0);
                    pb.close();
                    stroke(&mut s, pb, 0.6, Color::BLACK);
                }
            }
        }
        marks.close(&mut s);
        s.finish();
        p.finish();
    }
    document.set_tag_tree(tag_tree(&doc.structure, &mut ids, &doc.info.language));
    document.set_outline(outline(&doc.outline));
    document.set_metadata(metadata(doc, opts));
    let bytes = document.finish().map_err(|e| vec![krilla_error(e, opts)])?;
    // The structure elements compress to a tenth in object streams.
    Ok(super::objstm::pack(&bytes).unwrap_or(bytes))
}

/// The marked-content state of one page: which element the content belongs to and whether
/// a marked-content sequence is open (krilla's sequences do not nest).
struct Marks<'a> {
    ids: &'a mut Vec<Vec<Identifier>>,
    tag: Tag,
    open: bool,
}

impl<'a> Marks<'a> {
    fn new(ids: &'a mut Vec<Vec<Identifier>>) -> Marks<'a> {
        Marks {
            ids,
            tag: Tag::Artifact(ArtifactKind::Layout),
            open: false,
        }
    }

    fn close(&mut self, s: &mut Surface) {
        if self.open {
            s.end_tagged();
            self.open = false;
        }
    }

    fn set(&mut self, s: &mut Surface, tag: Tag) {
        if tag != self.tag {
            self.close(s);
            self.tag = tag;
        }
    }

    /// Opens a marked-content sequence for the current tag unless one is open. No
    /// ActualText: the glyphs' ToUnicode already gives the source text (squeezed marks come
    /// from a font copy with half-width advances), and poppler 22 places ActualText spans
    /// at mirrored positions, which scrambles `pdftotext -layout`.
    fn ensure(&mut self, s: &mut Surface) {
        if self.open {
            return;
        }
        match self.tag {
            Tag::Node(n) => {
                let id = s.start_tagged(ContentTag::Span(SpanTag::empty()));
                self.ids[n.0 as usize].push(id);
            }
            Tag::Artifact(kind) => {
                let kind = match kind {
                    ArtifactKind::PageNumber => ArtifactType::PageNumber,
                    ArtifactKind::RepeatedHeader => ArtifactType::PaginationOther,
                    ArtifactKind::Layout => ArtifactType::Layout,
                };
                s.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
            }
        }
        self.open = true;
    }
}

/// The structure tree with the marked content of each element, in reading order.
fn tag_tree(structure: &Structure, ids: &mut [Vec<Identifier>], lang: &str) -> TagTree {
    fn group(structure: &Structure, ids: &mut [Vec<Identifier>], n: NodeId) -> TagGroup {
        let node = structure.node(n);
        let mut g = TagGroup::new(kind(&node.kind));
        for id in std::mem::take(&mut ids[n.0 as usize]) {
            g.push(id);
        }
        for &c in &node.children {
            g.push(group(structure, ids, c));
        }
        g
    }
    let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
    for &c in &structure.node(Structure::ROOT).children {
        tree.push(group(structure, ids, c));
    }
    tree
}

/// The PDF structure type of an element.
fn kind(k: &StructKind) -> TagKind {
    let span = |n: u32| NonZeroU32::new(n).filter(|n| n.get() > 1);
    match k {
        StructKind::Document | StructKind::Section => KTag::Section.into(),
        StructKind::Heading { level, text } => KTag::Hn(
            NonZeroU16::new(u16::from(*level).max(1)).expect("level ≥ 1"),
            Some(text.clone()),
        )
        .into(),
        StructKind::Paragraph => KTag::P.into(),
        StructKind::Table => KTag::Table.into(),
        StructKind::Caption => KTag::Caption.into(),
        StructKind::Row => KTag::TR.into(),
        StructKind::Cell {
            header: true,
            rowspan,
            colspan,
        } => KTag::TH(TableHeaderScope::Column)
            .with_row_span(span(*rowspan))
            .with_col_span(span(*colspan))
            .into(),
        StructKind::Cell {
            header: false,
            rowspan,
            colspan,
        } => KTag::TD
            .with_row_span(span(*rowspan))
            .with_col_span(span(*colspan))
            .into(),
    }
}

/// Strokes a path of `width` points in black, then restores the text fill.
/// A solid paint of `c` (black is krilla's default, kept as such so black output stays
/// byte-identical).
fn paint(c: Color) -> krilla::paint::Paint {
    krilla::color::rgb::Color::new(c.0, c.1, c.2).into()
}

fn fill(c: Color) -> Fill {
    if c == Color::BLACK {
        Fill::default()
    } else {
        Fill {
            paint: paint(c),
            ..Fill::default()
        }
    }
}

/// Draws a seal image at its box (top-left `x`, `y`, in page coordinates with y down). PNG
/// goes in as a raster image with its transparency; SVG as vector graphics.
fn draw_image(
    s: &mut Surface,
    image: &crate::image::Image,
    x: crate::geom::Pt,
    y: crate::geom::Pt,
    width: crate::geom::Pt,
    height: crate::geom::Pt,
) -> Result<(), Vec<Diagnostic>> {
    let err = |why: String| {
        vec![
            Diagnostic::error(None, format!("cannot place the seal image: {why}"))
                .with_rule(Rule::Seal),
        ]
    };
    let size = krilla::geom::Size::from_wh(width.get(), height.get())
        .ok_or_else(|| err("it has no size".into()))?;
    s.push_transform(&Transform::from_translate(x.get(), y.get()));
    let drawn = match image.kind {
        crate::image::ImageKind::Png => {
            let data: krilla::Data = image.data.as_ref().clone().into();
            krilla::image::Image::from_png(data, false).map(|img| s.draw_image(img, size))
        }
        crate::image::ImageKind::Svg => {
            use krilla_svg::{SurfaceExt, SvgSettings};
            crate::image::svg_tree(&image.data).and_then(|tree| {
                s.draw_svg(&tree, size, SvgSettings::default())
                    .ok_or_else(|| "krilla could not draw it".to_string())
            })
        }
    };
    s.pop();
    drawn.map_err(err)
}

fn stroke(s: &mut Surface, pb: PathBuilder, width: f32, color: Color) {
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        let mut st = Stroke {
            width,
            ..Stroke::default()
        };
        if color != Color::BLACK {
            st.paint = paint(color);
        }
        s.set_stroke(Some(st));
        s.draw_path(&path);
        s.set_stroke(None);
        s.set_fill(Some(Fill::default()));
    }
}

fn draw_run(
    s: &mut Surface,
    run: &TextRun,
    book: &FontBook,
    fonts: &PdfFonts,
) -> Result<(), Vec<Diagnostic>> {
    let font = fonts.get(book, run.font).ok_or_else(|| {
        vec![Diagnostic::error(
            None,
            format!("cannot embed font `{}`", book.face(run.font).path.display()),
        )
        .with_rule(Rule::Font)]
    })?;
    let size = run.size.get();
    if run.color != Color::BLACK {
        s.set_fill(Some(fill(run.color)));
    }
    if run.stroke.get() > 0.0 {
        // Synthetic bold for single-weight CJK fonts: fill and stroke the outline (render
        // mode 2; a stroke without fill prints hollow).
        s.set_fill(Some(Fill::default()));
        s.set_stroke(Some(Stroke {
            width: run.stroke.get(),
            line_join: LineJoin::Round,
            ..Stroke::default()
        }));
    }
    // Plain glyphs go in one call; widened glyphs (dashes) are drawn scaled, one by one.
    let mut text = String::new();
    let mut glyphs = Vec::with_capacity(run.glyphs.len());
    let n = run.glyphs.len();
    for (i, g) in run.glyphs.iter().enumerate() {
        if (g.hscale - 1.0).abs() > 1e-3 {
            continue;
        }
        let start = text.len();
        text.push(g.ch);
        let next = run.glyphs[i + 1..]
            .iter()
            .find(|n| (n.hscale - 1.0).abs() <= 1e-3)
            .map(|n| n.dx);
        let adv = match next {
            Some(nx) => (nx - g.dx).get() / size,
            None => 0.0,
        };
        glyphs.push((
            g.dx,
            KrillaGlyph::new(
                GlyphId::new(g.gid as u32),
                adv,
                0.0,
                0.0,
                0.0,
                start..text.len(),
                None,
            ),
        ));
    }
    if let Some((dx0, _)) = glyphs.first() {
        let start = Point::from_xy((run.x + *dx0).get(), run.y.get());
        let gl: Vec<KrillaGlyph> = glyphs.iter().map(|(_, g)| g.clone()).collect();
        s.draw_glyphs(start, &gl, font.clone(), &text, size, false);
    }
    for g in run.glyphs.iter().take(n) {
        if (g.hscale - 1.0).abs() <= 1e-3 {
            continue;
        }
        let mut t = String::new();
        t.push(g.ch);
        s.push_transform(&Transform::from_row(
            g.hscale,
            0.0,
            0.0,
            1.0,
            (run.x + g.dx).get(),
            run.y.get(),
        ));
        let kg = KrillaGlyph::new(
            GlyphId::new(g.gid as u32),
            0.0,
            0.0,
            0.0,
            0.0,
            0..t.len(),
            None,
        );
        s.draw_glyphs(
            Point::from_xy(0.0, 0.0),
            &[kg],
            font.clone(),
            &t,
            size,
            false,
        );
        s.pop();
    }
    if run.stroke.get() > 0.0 {
        s.set_stroke(None);
    }
    if run.color != Color::BLACK {
        s.set_fill(Some(Fill::default()));
    }
    Ok(())
}

/// Bookmarks nested by heading level.
fn outline(items: &[OutlineItem]) -> Outline {
    fn build(items: &[OutlineItem], i: &mut usize, level: u8) -> Vec<OutlineNode> {
        let mut out = Vec::new();
        while *i < items.len() && items[*i].level >= level {
            let it = &items[*i];
            *i += 1;
            let mut node = OutlineNode::new(
                it.title.clone(),
                XyzDestination::new(it.page, Point::from_xy(0.0, it.y.get())),
            );
            for child in build(items, i, it.level + 1) {
                node.push_child(child);
            }
            out.push(node);
        }
        out
    }
    let mut o = Outline::new();
    let mut i = 0;
    let min = items.iter().map(|x| x.level).min().unwrap_or(1);
    while i < items.len() {
        let before = i;
        for n in build(items, &mut i, min) {
            o.push_child(n);
        }
        if i == before {
            i += 1;
        }
    }
    o
}

fn metadata(doc: &PagedDocument, opts: &PdfOptions) -> Metadata {
    let info = &doc.info;
    let mut m = Metadata::new()
        .title(info.title.clone())
        .language(info.language.clone())
        .creator("gongwen".into())
        .producer(format!("gongwen {}", env!("CARGO_PKG_VERSION")));
    if let Some(a) = &info.author {
        m = m.authors(vec![a.clone()]);
    }
    if let Some(s) = &info.subject {
        m = m.description(s.clone());
    }
    if !info.keywords.is_empty() {
        m = m.keywords(info.keywords.clone());
    }
    if let Some(d) = info.date.or(opts.fallback_date) {
        m = m.creation_date(DateTime::new(d.year).month(d.month).day(d.day));
    }
    m
}

fn krilla_error(e: krilla::error::KrillaError, opts: &PdfOptions) -> Diagnostic {
    use krilla::error::KrillaError as K;
    match e {
        K::Validation(list) => {
            let msgs: Vec<String> = list.iter().map(|(v, _)| describe(v)).collect();
            let mut names: Vec<&str> = opts.pdfa.map(PdfA::name).into_iter().collect();
            if opts.pdfua {
                names.push("PDF/UA-1");
            }
            Diagnostic::error(
                None,
                format!(
                    "{} validation failed: {}",
                    names.join(" and "),
                    msgs.join("; ")
                ),
            )
            .with_rule(Rule::Pdfa)
            .with_hint("the check is krilla's own, made while writing the file")
        }
        K::Font(_, msg) => {
            Diagnostic::error(None, format!("cannot embed a font: {msg}")).with_rule(Rule::Font)
        }
        other => {
            Diagnostic::error(None, format!("PDF export failed: {other:?}")).with_rule(Rule::Pdf)
        }
    }
}

/// A PDF/A violation in words, naming the offending element.
fn describe(v: &krilla::configure::ValidationError) -> String {
    use krilla::configure::ValidationError as V;
    match v {
        V::ContainsNotDefGlyph(_, _, text) => {
            format!("a glyph for `{text}` is missing from its font (.notdef)")
        }
        V::NoCodepointMapping(_, gid, _) => {
            format!("glyph {} has no Unicode mapping", gid.to_u32())
        }
        V::InvalidCodepointMapping(_, gid, c, _) => {
            format!(
                "glyph {} maps to the invalid code point U+{:04X}",
                gid.to_u32(),
                *c as u32
            )
        }
        V::UnicodePrivateArea(_, _, c, _) => {
            format!(
                "the character U+{:04X} is in the Private Use Area",
                *c as u32
            )
        }
        V::RestrictedLicense(_) => "a font's licence forbids embedding".into(),
        V::NoDocumentLanguage => "the document has no language".into(),
        V::NoDocumentTitle => "the document has no title".into(),
        V::MissingDocumentDate => "the document has no date".into(),
        other => format!("{other:?}"),
    }
}
