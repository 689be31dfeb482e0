//! The package around the document: content types, relationships, document properties,
//! settings and the theme, and the ZIP container they go in. Only the parts the document
//! uses are written (no comments, numbering, footnotes or custom properties).

use crate::model::Report;
use crate::style::Style;

use super::props::HdrFtrKind;
use super::xml::{Val, Xml};

const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// A theme part (ECMA-376 requires one for the document; Word writes one): the Office colours
/// and the official fonts, which no run refers to (runs name their fonts).
const THEME: &str = include_str!("theme.xml");

/// A header or footer part.
pub(super) struct HdrFtr {
    /// A header (`w:hdr`) or a footer (`w:ftr`).
    pub header: bool,
    /// The pages it is for.
    pub kind: HdrFtrKind,
    /// Its paragraphs' markup.
    pub content: Xml,
}

impl HdrFtr {
    /// The part's file name under `word/`, numbered within headers or footers.
    fn file(&self, n: usize) -> String {
        format!("{}{n}.xml", if self.header { "header" } else { "footer" })
    }

    /// The relationship id the section refers to it by.
    pub fn rel_id(&self, n: usize) -> String {
        format!("rId{}{n}", if self.header { "Header" } else { "Footer" })
    }
}

/// Everything the package holds besides its fixed parts.
pub(super) struct Contents {
    /// `word/document.xml`.
    pub document: Vec<u8>,
    /// `word/styles.xml`.
    pub styles: Vec<u8>,
    /// `word/fontTable.xml`.
    pub font_table: Vec<u8>,
    /// Headers and footers, numbered in this order within their kind.
    pub hdr_ftr: Vec<HdrFtr>,
    /// PNG pictures: `word/media/image{n}.png`, relationship `rIdImage{n}`, from 1.
    pub media: Vec<Vec<u8>>,
}

/// The relationship id of the `n`th picture (from 1).
pub(super) fn image_rel(n: usize) -> String {
    format!("rIdImage{n}")
}

/// Numbers of the headers and footers within their kind, from 1.
pub(super) fn numbered(hf: &[HdrFtr]) -> Vec<usize> {
    let (mut h, mut f) = (0, 0);
    hf.iter()
        .map(|p| {
            let c = if p.header { &mut h } else { &mut f };
            *c += 1;
            *c
        })
        .collect()
}

/// The package's bytes.
pub(super) fn package(
    c: Contents,
    report: &Report,
    style: &Style,
    stamp: &str,
) -> Result<Vec<u8>, String> {
    let numbers = numbered(&c.hdr_ftr);
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(12 + c.media.len());
    parts.push(("[Content_Types].xml".into(), content_types(&c, &numbers)));
    parts.push(("_rels/.rels".into(), package_rels()));
    parts.push(("docProps/core.xml".into(), core(report, stamp)));
    parts.push(("docProps/app.xml".into(), app()));
    parts.push(("word/document.xml".into(), c.document));
    parts.push((
        "word/_rels/document.xml.rels".into(),
        document_rels(&c.hdr_ftr, &numbers, c.media.len()),
    ));
    parts.push(("word/styles.xml".into(), c.styles));
    parts.push(("word/settings.xml".into(), settings(style)));
    parts.push(("word/fontTable.xml".into(), c.font_table));
    parts.push(("word/theme/theme1.xml".into(), THEME.as_bytes().to_vec()));
    for (p, n) in c.hdr_ftr.into_iter().zip(&numbers) {
        let root = if p.header { "w:hdr" } else { "w:ftr" };
        let mut x = Xml::part(p.content.len() + 256);
        // The document's namespaces: a header may hold drawings (the 信函's lower rule).
        let ns: Vec<(&str, Val)> = super::NAMESPACES
            .iter()
            .map(|(k, v)| (*k, (*v).into()))
            .collect();
        x.open(root, &ns);
        x.raw(p.content.as_str());
        x.close(root);
        parts.push((format!("word/{}", p.file(*n)), x.into_bytes()));
    }
    for (i, png) in c.media.into_iter().enumerate() {
        parts.push((format!("word/media/image{}.png", i + 1), png));
    }
    super::container::zip(&parts)
}

fn content_types(c: &Contents, numbers: &[usize]) -> Vec<u8> {
    let mut x = Xml::part(2048);
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types".into(),
        )],
    );
    let default = |x: &mut Xml, ext: &str, ct: &str| {
        x.empty(
            "Default",
            &[("Extension", ext.into()), ("ContentType", ct.into())],
        )
    };
    default(
        &mut x,
        "rels",
        "application/vnd.openxmlformats-package.relationships+xml",
    );
    default(&mut x, "xml", "application/xml");
    if !c.media.is_empty() {
        default(&mut x, "png", "image/png");
    }
    let over = |x: &mut Xml, part: &str, ct: &str| {
        x.empty(
            "Override",
            &[("PartName", part.into()), ("ContentType", ct.into())],
        )
    };
    over(
        &mut x,
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over(
        &mut x,
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    );
    over(
        &mut x,
        "/word/document.xml",
        &format!("{WML}.document.main+xml"),
    );
    over(&mut x, "/word/styles.xml", &format!("{WML}.styles+xml"));
    over(&mut x, "/word/settings.xml", &format!("{WML}.settings+xml"));
    over(
        &mut x,
        "/word/fontTable.xml",
        &format!("{WML}.fontTable+xml"),
    );
    over(
        &mut x,
        "/word/theme/theme1.xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
    );
    for (p, n) in c.hdr_ftr.iter().zip(numbers) {
        let kind = if p.header { "header" } else { "footer" };
        over(
            &mut x,
            &format!("/word/{}", p.file(*n)),
            &format!("{WML}.{kind}+xml"),
        );
    }
    x.close("Types");
    x.into_bytes()
}

fn rel(x: &mut Xml, id: &str, kind: &str, target: &str) {
    x.empty(
        "Relationship",
        &[
            ("Id", id.into()),
            ("Type", kind.into()),
            ("Target", target.into()),
        ],
    );
}

fn package_rels() -> Vec<u8> {
    let mut x = Xml::part(1024);
    x.open("Relationships", &[("xmlns", PKG_REL.into())]);
    rel(
        &mut x,
        "rId1",
        &format!("{REL}/officeDocument"),
        "word/document.xml",
    );
    rel(
        &mut x,
        "rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml",
    );
    rel(
        &mut x,
        "rId3",
        &format!("{REL}/extended-properties"),
        "docProps/app.xml",
    );
    x.close("Relationships");
    x.into_bytes()
}

fn document_rels(hf: &[HdrFtr], numbers: &[usize], images: usize) -> Vec<u8> {
    let mut x = Xml::part(1024);
    x.open("Relationships", &[("xmlns", PKG_REL.into())]);
    rel(&mut x, "rIdStyles", &format!("{REL}/styles"), "styles.xml");
    rel(
        &mut x,
        "rIdSettings",
        &format!("{REL}/settings"),
        "settings.xml",
    );
    rel(
        &mut x,
        "rIdFontTable",
        &format!("{REL}/fontTable"),
        "fontTable.xml",
    );
    rel(
        &mut x,
        "rIdTheme",
        &format!("{REL}/theme"),
        "theme/theme1.xml",
    );
    for (p, n) in hf.iter().zip(numbers) {
        let kind = if p.header { "header" } else { "footer" };
        rel(&mut x, &p.rel_id(*n), &format!("{REL}/{kind}"), &p.file(*n));
    }
    for n in 1..=images {
        rel(
            &mut x,
            &image_rel(n),
            &format!("{REL}/image"),
            &format!("media/image{n}.png"),
        );
    }
    x.close("Relationships");
    x.into_bytes()
}

/// `word/settings.xml`: odd and even footers (GB/T 9704 §7.5: page numbers right on odd pages,
/// left on even ones), a tab stop every two characters, punctuation set at full width as in
/// our PDF (`doNotCompress`), and Word 2013+ layout.
fn settings(style: &Style) -> Vec<u8> {
    let mut x = Xml::part(1536);
    x.open(
        "w:settings",
        &[(
            "xmlns:w",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main".into(),
        )],
    );
    x.empty("w:zoom", &[("w:percent", 100.into())]);
    let tab = super::units::Twips::of(style.body.size * 2.0);
    x.empty("w:defaultTabStop", &[("w:val", tab.0.into())]);
    x.empty("w:evenAndOddHeaders", &[]);
    x.empty(
        "w:characterSpacingControl",
        &[("w:val", "doNotCompress".into())],
    );
    x.open("w:compat", &[]);
    for e in [
        "w:spaceForUL",
        "w:balanceSingleByteDoubleByteWidth",
        "w:doNotLeaveBackslashAlone",
        "w:ulTrailSpace",
        "w:doNotExpandShiftReturn",
        "w:useFELayout",
    ] {
        x.empty(e, &[]);
    }
    for (name, val) in [
        ("compatibilityMode", 15),
        ("overrideTableStyleFontSizeAndJustification", 1),
        ("enableOpenTypeFeatures", 1),
        ("doNotFlipMirrorIndents", 1),
        ("differentiateMultirowTableHeaders", 1),
        ("useWord2013TrackBottomHyphenation", 0),
    ] {
        x.empty(
            "w:compatSetting",
            &[
                ("w:name", name.into()),
                ("w:uri", "http://schemas.microsoft.com/office/word".into()),
                ("w:val", val.into()),
            ],
        );
    }
    x.close("w:compat");
    x.close("w:settings");
    x.into_bytes()
}

/// docProps/core.xml: title, subject, creator (the issuer), keywords, language, and the
/// document's date as both dates (so that the same input gives the same bytes).
fn core(report: &Report, stamp: &str) -> Vec<u8> {
    let creator = report
        .metadata
        .author
        .clone()
        .or_else(|| report.signature.as_ref().map(|s| s.issuer.clone()))
        .unwrap_or_default();
    let mut x = Xml::part(1024);
    x.open(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties".into(),
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/".into()),
            ("xmlns:dcterms", "http://purl.org/dc/terms/".into()),
            (
                "xmlns:xsi",
                "http://www.w3.org/2001/XMLSchema-instance".into(),
            ),
        ],
    );
    x.leaf("dc:title", &[], &report.document_title());
    x.leaf(
        "dc:subject",
        &[],
        report.metadata.subject.as_deref().unwrap_or(""),
    );
    x.leaf("dc:creator", &[], &creator);
    x.leaf("cp:keywords", &[], &report.metadata.keywords.join(", "));
    x.leaf("dc:language", &[], "zh-CN");
    x.leaf("cp:lastModifiedBy", &[], &creator);
    x.leaf("cp:revision", &[], "1");
    for name in ["dcterms:created", "dcterms:modified"] {
        x.leaf(name, &[("xsi:type", "dcterms:W3CDTF".into())], stamp);
    }
    x.close("cp:coreProperties");
    x.into_bytes()
}

fn app() -> Vec<u8> {
    let mut x = Xml::part(256);
    x.open(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties".into(),
        )],
    );
    x.leaf("Application", &[], "gongwen");
    x.close("Properties");
    x.into_bytes()
}
