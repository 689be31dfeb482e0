//! XML-level rewrites of the parts docx-rs writes, with a real XML tree (never string
//! replacement): repeated header rows (`w:tblHeader`), odd/even footers
//! (`w:evenAndOddHeaders`), `w:lang` zh-CN and no widow control in the document defaults,
//! document properties, and the child order the OOXML schema gives (Word is stricter than
//! LibreOffice about it).

use docx_rs::XMLDocx;

use crate::model::Report;
use crate::style::Style;

use super::stream::{self, Edits};
use super::xml::{self, Element, Node};

/// Schema sequences (ECMA-376 Part 1) of the property elements we write.
const PPR: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];
const RPR: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
];
const SECTPR: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];
const TCPR: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
];
const TBLPR: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
];
/// The CT_Style sequence (docx-rs writes `w:rPr` before `w:pPr` and `w:qFormat` last).
const STYLE: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];
/// The CT_Settings sequence.
const SETTINGS: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
];

/// The schema sequence an element's children must follow, for the elements whose children
/// docx-rs writes in another order.
fn schema_order(name: &[u8]) -> Option<&'static [&'static str]> {
    match name {
        b"w:pPr" => Some(PPR),
        b"w:rPr" => Some(RPR),
        b"w:sectPr" => Some(SECTPR),
        b"w:tcPr" => Some(TCPR),
        b"w:tblPr" => Some(TBLPR),
        b"w:settings" => Some(SETTINGS),
        b"w:style" => Some(STYLE),
        _ => None,
    }
}

/// Schema order and theme-font clean-up for a whole part, plus `edits`.
fn normalise(bytes: &mut Vec<u8>, edits: Edits) -> Result<(), String> {
    *bytes = stream::rewrite(bytes, schema_order, edits)?;
    Ok(())
}

/// Edits a small part on an XML tree, then normalises it.
fn rewrite_part(bytes: &mut Vec<u8>, f: &mut dyn FnMut(&mut Element)) -> Result<(), String> {
    let mut root = xml::parse(bytes)?;
    f(&mut root);
    *bytes = xml::write(&root, false);
    normalise(bytes, Edits::default())
}

pub fn rewrite(
    x: &mut XMLDocx,
    header_rows: &[usize],
    report: &Report,
    style: &Style,
    stamp: &str,
) -> Result<(), String> {
    // Header rows repeat on every page: w:tblHeader in the row properties. The document is
    // the one large part: it is streamed, not built into a tree.
    normalise(&mut x.document, Edits { header_rows })?;
    rewrite_part(&mut x.styles, &mut |root| {
        if let Some(defaults) = root.child_mut("w:docDefaults") {
            defaults
                .ensure_child("w:rPrDefault", 0)
                .ensure_child("w:rPr", 0)
                .set_child(
                    Element::new("w:lang")
                        .attr("w:val", "en-US")
                        .attr("w:eastAsia", "zh-CN")
                        .attr("w:bidi", "ar-SA"),
                );
            // GB/T 9704 fills every page with 22 lines: widow control off (docx-notes.md).
            let ppr = defaults
                .ensure_child("w:pPrDefault", 1)
                .ensure_child("w:pPr", 0);
            ppr.set_child(Element::new("w:widowControl").attr("w:val", "0"));
            if !style.grid.docx_chars {
                // A closing mark may hang past the line's end, as in our PDF (docx-notes:
                // 60 of 60 lines then break as gongwen's do).
                ppr.set_child(Element::new("w:overflowPunct").attr("w:val", "1"));
            }
        }
        if !style.grid.docx_chars {
            line_grid_styles(root, style);
        }
        editor_styles(root, style);
        // CT_PPrGeneral (style and default paragraph properties) has no w:rPr.
        drop_run_properties_of_paragraphs(root);
    })?;
    rewrite_part(&mut x.settings, &mut |root| {
        // Odd and even footers (GB/T 9704 §7.5); docx-rs may already have written it.
        if root.child("w:evenAndOddHeaders").is_none() {
            root.children
                .push(Node::Element(Element::new("w:evenAndOddHeaders")));
        }
    })?;
    for f in &mut x.footers {
        normalise(f, Edits::default())?;
    }
    // docx-rs's default numbering writes w:rPr inside each level's w:pPr (CT_PPrGeneral has
    // none; the level's run properties are the level's own w:rPr).
    rewrite_part(&mut x.numberings, &mut drop_run_properties_of_paragraphs)?;
    for h in &mut x.headers {
        normalise(h, Edits::default())?;
    }
    theme(x)?;
    x.font_table = font_table(style);
    x.doc_props.core = core_xml(report, style, stamp);
    Ok(())
}

/// Styles an editor recognises: a real Normal (正文) with the body's face, size and line
/// pitch; the built-in heading 1–4 (标题 1–4, outline levels 0–3, keep with next) that Word's
/// and WPS's navigation panes and tables of contents use, each of our heading styles based on
/// one; our other paragraph styles based on Normal.
fn editor_styles(root: &mut Element, style: &Style) {
    let body_size = ((style.body.size.get() * 2.0).round() as i64).to_string();
    let pitch = style.grid.line_pitch.to_twips().to_string();
    let body_font = super::official_font(style, style.body.role);
    let latin = super::official_font(style, crate::style::Role::Latin);
    let fonts = |east: &str| {
        Element::new("w:rFonts")
            .attr("w:ascii", &latin)
            .attr("w:hAnsi", &latin)
            .attr("w:eastAsia", east)
    };
    let spacing = || {
        Element::new("w:spacing")
            .attr("w:before", "0")
            .attr("w:after", "0")
            .attr("w:line", &pitch)
            .attr("w:lineRule", "exact")
    };
    for n in root.children.iter_mut() {
        let Node::Element(e) = n else { continue };
        if e.name != "w:style" || e.get_attr("w:styleId") != Some("Normal") {
            continue;
        }
        let ppr = e.ensure_child("w:pPr", 0);
        ppr.set_child(spacing());
        ppr.set_child(Element::new("w:jc").attr("w:val", "both"));
        let rpr = e.ensure_child("w:rPr", 0);
        rpr.set_child(fonts(&body_font));
        rpr.set_child(Element::new("w:sz").attr("w:val", &body_size));
        rpr.set_child(Element::new("w:szCs").attr("w:val", &body_size));
    }
    let mut builtins = Vec::new();
    for level in 1..=4u8 {
        let h = style.heading(level);
        let size = ((h.size.get() * 2.0).round() as i64).to_string();
        let mut ppr = Element::new("w:pPr");
        ppr.set_child(Element::new("w:keepNext"));
        ppr.set_child(spacing());
        ppr.set_child(Element::new("w:outlineLvl").attr("w:val", &(level - 1).to_string()));
        let mut rpr = Element::new("w:rPr");
        rpr.set_child(fonts(&super::official_font(
            style,
            crate::style::Role::heading(level),
        )));
        rpr.set_child(Element::new("w:sz").attr("w:val", &size));
        rpr.set_child(Element::new("w:szCs").attr("w:val", &size));
        let mut st = Element::new("w:style")
            .attr("w:type", "paragraph")
            .attr("w:styleId", &format!("Heading{level}"));
        st.children.push(Node::Element(
            Element::new("w:name").attr("w:val", &format!("heading {level}")),
        ));
        st.children.push(Node::Element(
            Element::new("w:basedOn").attr("w:val", "Normal"),
        ));
        st.children.push(Node::Element(
            Element::new("w:next").attr("w:val", "Normal"),
        ));
        st.children.push(Node::Element(
            Element::new("w:uiPriority").attr("w:val", "9"),
        ));
        st.children.push(Node::Element(Element::new("w:qFormat")));
        st.children.push(Node::Element(ppr));
        st.children.push(Node::Element(rpr));
        builtins.push(Node::Element(st));
    }
    for n in root.children.iter_mut() {
        let Node::Element(e) = n else { continue };
        if e.name != "w:style" || e.get_attr("w:type") != Some("paragraph") {
            continue;
        }
        let id = e.get_attr("w:styleId").unwrap_or("").to_string();
        let Some(rest) = id.strip_prefix("Gw") else {
            continue;
        };
        // The footer's page number keeps its own single spacing (GB/T 9704 §7.5 position).
        if rest == "PageNumber" {
            continue;
        }
        let base = match rest.strip_prefix("Heading") {
            Some(level) => format!("Heading{level}"),
            None => "Normal".to_string(),
        };
        if rest.starts_with("Heading") {
            e.ensure_child("w:pPr", 0)
                .set_child(Element::new("w:keepNext"));
        }
        e.set_child(Element::new("w:basedOn").attr("w:val", &base));
    }
    // After docDefaults, latentStyles and Normal: the built-in headings.
    let at = root
        .children
        .iter()
        .position(|n| matches!(n, Node::Element(e) if e.get_attr("w:styleId") == Some("Normal")))
        .map_or(root.children.len(), |i| i + 1);
    for (k, b) in builtins.into_iter().enumerate() {
        root.children.insert(at + k, b);
    }
}

/// fontTable.xml: the faces the document names, the official Chinese ones with GB2312's
/// charset (86), their PANOSE numbers and, for the _GB2312 names a stock Windows lacks, the
/// face Word should substitute (`w:altName`: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体).
/// 方正小标宋简体 has no stock counterpart: where it is missing Word falls back to a GB2312 serif
/// face by the charset (宋体).
pub(super) fn font_table(style: &Style) -> Vec<u8> {
    use crate::style::Role;
    let mut names: Vec<String> = Vec::new();
    for role in Role::ALL {
        if role == Role::Fallback {
            continue;
        }
        let n = super::official_font(style, role);
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
    ));
    for name in names {
        // (altName, charset, panose, family, pitch)
        let (alt, charset, panose, family, pitch) = match name.as_str() {
            "仿宋_GB2312" => (
                Some("仿宋"),
                "86",
                "02010609030101010101",
                "modern",
                "fixed",
            ),
            "楷体_GB2312" => (
                Some("楷体"),
                "86",
                "02010609030101010101",
                "modern",
                "fixed",
            ),
            "仿宋" | "楷体" => (None, "86", "02010609030101010101", "modern", "fixed"),
            "黑体" => (None, "86", "02010609060101010101", "modern", "fixed"),
            "宋体" => (None, "86", "02010600030101010101", "auto", "variable"),
            "方正小标宋简体" => (None, "86", "02000000000000000000", "auto", "variable"),
            "Times New Roman" => (None, "00", "02020603050405020304", "roman", "variable"),
            n if !n.is_ascii() => (None, "86", "02010600030101010101", "auto", "variable"),
            _ => (None, "00", "020B0604020202020204", "swiss", "variable"),
        };
        let esc = |s: &str| {
            s.replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
        };
        out.push_str(&format!(r#"<w:font w:name="{}">"#, esc(&name)));
        if let Some(a) = alt {
            out.push_str(&format!(r#"<w:altName w:val="{a}"/>"#));
        }
        out.push_str(&format!(
            r#"<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        ));
    }
    out.push_str("</w:fonts>");
    out.into_bytes()
}

/// Removes `w:rPr` from every `w:pPr` of a styles or numbering part (CT_PPrGeneral has none).
fn drop_run_properties_of_paragraphs(root: &mut Element) {
    root.for_each_mut("w:pPr", &mut |ppr| {
        ppr.children
            .retain(|c| !matches!(c, Node::Element(e) if e.name == "w:rPr"));
    });
}

/// A theme part (ECMA-376 requires one for the document; Word writes one): the Office colours
/// and the official fonts, which no run refers to (runs name their fonts).
pub(super) const THEME: &str = include_str!("theme.xml");

/// Adds `word/theme/theme1.xml` with its relationship and content type.
fn theme(x: &mut XMLDocx) -> Result<(), String> {
    let rel = r#"<Relationship Id="rIdGwTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml" />"#;
    let ct = r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml" />"#;
    let insert = |bytes: &mut Vec<u8>, end: &str, what: &str| -> Result<(), String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let at = text
            .rfind(end)
            .ok_or_else(|| format!("no {end} in the part"))?;
        let mut t = String::with_capacity(text.len() + what.len());
        t.push_str(&text[..at]);
        t.push_str(what);
        t.push_str(&text[at..]);
        *bytes = t.into_bytes();
        Ok(())
    };
    insert(&mut x.document_rels, "</Relationships>", rel)?;
    insert(&mut x.content_type, "</Types>", ct)?;
    Ok(())
}

/// The line grid (docx-notes, measured in LibreOffice 7.4): runs of the body size condensed so
/// that 28 characters fill the type area's 156 mm (−0.25 pt at 16 pt: 28 × 15.75 ≤ 442.2 pt),
/// and the title off the grid so its 22 pt lines take one row each.
fn line_grid_styles(root: &mut Element, style: &Style) {
    let cell = style.page.type_width() / style.grid.chars as f32;
    // Twentieths of a point, rounded down so that a full line still fits.
    let tracking = ((cell - style.body.size).get() * 20.0).floor() as i32;
    let body_size = (style.body.size.get() * 2.0).round() as i64;
    for n in root.children.iter_mut() {
        let Node::Element(e) = n else { continue };
        if e.name != "w:style" {
            continue;
        }
        let id = e.get_attr("w:styleId").unwrap_or("").to_string();
        if id == "GwTitle" {
            e.ensure_child("w:pPr", 0)
                .set_child(Element::new("w:snapToGrid").attr("w:val", "0"));
            continue;
        }
        let size = e
            .child("w:rPr")
            .and_then(|r| r.child("w:sz"))
            .and_then(|s| s.get_attr("w:val"))
            .and_then(|v| v.parse::<i64>().ok());
        if size == Some(body_size) && tracking < 0 && id.starts_with("Gw") {
            e.ensure_child("w:rPr", 0)
                .set_child(Element::new("w:spacing").attr("w:val", &tracking.to_string()));
        }
    }
}

/// docProps/core.xml: title, creator (the issuer), subject, keywords, language, fixed dates.
fn core_xml(report: &Report, _style: &Style, stamp: &str) -> Vec<u8> {
    let creator = report
        .metadata
        .author
        .clone()
        .or_else(|| report.signature.as_ref().map(|s| s.issuer.clone()))
        .unwrap_or_default();
    let text = |name: &str, value: &str| {
        let mut e = Element::new(name);
        if !value.is_empty() {
            e.children.push(Node::Text(value.to_string()));
        }
        Node::Element(e)
    };
    let date = |name: &str| {
        let mut e = Element::new(name).attr("xsi:type", "dcterms:W3CDTF");
        e.children.push(Node::Text(stamp.to_string()));
        Node::Element(e)
    };
    let mut root = Element::new("cp:coreProperties")
        .attr(
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        )
        .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    root.children = vec![
        text("dc:title", &report.document_title()),
        text(
            "dc:subject",
            report.metadata.subject.as_deref().unwrap_or(""),
        ),
        text("dc:creator", &creator),
        text("cp:keywords", &report.metadata.keywords.join(", ")),
        text("dc:language", "zh-CN"),
        text("cp:lastModifiedBy", &creator),
        text("cp:revision", "1"),
        date("dcterms:created"),
        date("dcterms:modified"),
    ];
    xml::write(&root, false)
}
