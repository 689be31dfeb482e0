//! The official-document parts in the DOCX draft, editable by a clerk: the 版头 as red text with
//! a red paragraph border for the separator, the seals as pictures anchored in front of the
//! 落款, the 附注 as body paragraphs, and the 版记 as a text box at the foot of the last page with
//! paragraph borders for its rules (GB/T 9704 §7.2–§7.4). Positions follow the PDF's layout.

use crate::geom::Pt;
use crate::image::{Image, ImageKind};
use crate::model::{DistributionPart, DocFormat, FlagKind, HeadPart, SignaturePart};
use crate::style::{Color, Role};

use super::props::{Border, Ind, Jc, Line, PPr, RPr, Spacing, TabKind, TblPr, TcPr, VAlign};
use super::styles::id;
use super::units::{EighthPoints, Emu, HalfPoints, Twips};
use super::xml::Xml;
use super::{chars_width, package, tab, Para, Writer};

/// A single border of `width`, `space` points from the text.
fn rule(width: Pt, space: Pt, color: Color) -> Border {
    Border {
        line: Line::Single,
        width: EighthPoints::of(width),
        space: space.get().round().clamp(0.0, 31.0) as u32,
        color,
    }
}

/// The mark's size and the horizontal scale of its characters, as the PDF sets them.
fn mark_size(w: &Writer, h: &HeadPart) -> (Pt, f32) {
    crate::layout::mark_fit(w.book, w.style, h)
}

/// 版头 (GB/T 9704 §7.2).
pub(super) fn head(w: &mut Writer, h: &HeadPart) {
    let hs = &w.style.head;
    match h.format {
        DocFormat::Letter => letter_head(w, h),
        DocFormat::Order => document_head(w, h, hs.order_mark_top, false),
        DocFormat::Minutes => document_head(w, h, hs.minutes_mark_top, true),
        DocFormat::Document => document_head(w, h, hs.mark_top, true),
    }
}

impl Writer<'_> {
    /// The mark's run properties: red, in the mark's face, size and horizontal scale.
    fn mark_rpr(&self, (size, factor): (Pt, f32)) -> RPr<'_> {
        let hs = &self.style.head;
        RPr {
            color: Some(hs.color),
            size: Some(HalfPoints::of(size)),
            scale: (factor < 1.0).then(|| (factor * 100.0).floor() as u32),
            ..self.faces(hs.mark_role)
        }
    }

    /// The face of a 份号 or a 密级/紧急程度 line.
    fn flag_role(&self, kind: &FlagKind) -> Role {
        match kind {
            FlagKind::CopyNumber => self.style.body.role,
            FlagKind::Flag => self.style.head.flag_role,
        }
    }
}

/// 信函格式 (GB/T 9704 §10.1): in the first page's header the mark with its top edge 30 mm
/// below the paper's top (the header's distance) and the first red double rule (thick over
/// thin) 4 mm below it as the mark's bottom border; the second (thin over thick) 20 mm above
/// the paper's bottom, a text box anchored to the page from the text's first paragraph; both
/// 170 mm long, centred. The first page's footer is empty (no page number).
/// 份号/密级/紧急程度 flush left and the 发文字号 flush right start the text.
fn letter_head(w: &mut Writer, h: &HeadPart) {
    let style = w.style;
    let hs = &style.head;
    let lt = &hs.letter;
    let page = &style.page;
    let fit = mark_size(w, h);
    let size = fit.0;
    // An exact line of 1.2 em holds the em box 0.1 em below its top and above its bottom.
    let em_gap = size * 0.1;
    let overhang = Twips::of((lt.rule_length - page.type_width()) * 0.5);
    let double = |line, space: Pt| Border {
        line,
        width: EighthPoints::of(lt.thick),
        space: space.get().round().clamp(0.0, 31.0) as u32,
        color: hs.color,
    };
    let mut mark = Para::new(PPr {
        style: Some(id::PLAIN),
        border_bottom: Some(double(Line::ThickThin, lt.rule_below - em_gap)),
        snap_to_grid: Some(false),
        spacing: Some(Spacing::exact(Twips::of(size * 1.2))),
        ind: Some(Ind {
            left: Twips(-overhang.0),
            right: Twips(-overhang.0),
            ..Ind::default()
        }),
        jc: Some(Jc::Center),
        ..PPr::default()
    });
    let rpr = w.mark_rpr(fit);
    for t in &h.mark {
        mark.run(t, &rpr);
    }
    let rule_h = lt.thick + lt.gap + lt.thin;
    let mut foot_rule = Xml::default();
    Para::new(PPr {
        style: Some(id::PLAIN),
        border_top: Some(double(Line::ThinThick, Pt::ZERO)),
        snap_to_grid: Some(false),
        spacing: Some(Spacing::exact(Twips(20))),
        ..PPr::default()
    })
    .write(&mut foot_rule);
    let (mut header, mut footer) = (Xml::default(), Xml::default());
    mark.write(&mut header);
    Para::new(PPr::styled(id::PLAIN)).write(&mut footer);
    w.first_page = Some(super::FirstPage {
        header,
        footer,
        header_distance: lt.mark_top - em_gap,
    });
    let n = h.flags.len().max(1);
    for k in 0..n {
        let mut p = w.para(id::PLAIN);
        p.ppr.tabs = vec![tab(TabKind::Right, page.type_width())];
        if let Some((text, kind)) = h.flags.get(k) {
            let rpr = w.faces(w.flag_role(kind));
            p.run(text, &rpr);
        }
        if k == 0 {
            if let Some(num) = &h.number {
                p.tab();
                p.run(num, &w.faces(style.body.role));
            }
            // The lower rule anchored to the page from the text's first paragraph (a drawing
            // anchored in a header or footer, LibreOffice moves into that area).
            let at = Anchor::Page(page.height - lt.bottom_rule - rule_h);
            let size = (lt.rule_length, rule_h + Pt::new(1.0));
            w.text_box(&mut p, &at, size, "信函下红线", &foot_rule);
        }
        w.push(p);
    }
    w.blank();
    w.blank();
}

/// 版头 of the 文件格式 (§7.2), the 纪要格式 (§10.3, the mark `mark_top` below the type area's
/// top) and the 命令格式 (§10.2: no separator).
fn document_head(w: &mut Writer, h: &HeadPart, mark_top: Pt, separator: bool) {
    let style = w.style;
    let hs = &style.head;
    let pitch = style.grid.line_pitch;
    for (text, kind) in &h.flags {
        let mut p = w.para(id::PLAIN);
        p.run(text, &w.faces(w.flag_role(kind)));
        w.push(p);
    }
    // Where the text has reached, from the type area's top: the paragraphs below are placed on
    // the layout's grid lines from it (`advance`).
    let mut y = pitch * h.flags.len() as f32;
    // The mark: its em box's top `mark_top` below the type area's top. An exact line holds
    // the em box centred: 0.1 em below its top for 1.2 em.
    let fit = mark_size(w, h);
    let (size, factor) = fit;
    let before = (mark_top - y - size * 0.1).max(Pt::ZERO);
    let mark_para = |w: &mut Writer, text: &str, before: Pt, line: Pt, jc: Jc| -> Para {
        let mut p = w.para(id::PLAIN);
        p.ppr.snap_to_grid = Some(false);
        p.ppr.spacing = Some(Spacing {
            before: Twips::of(before),
            ..Spacing::exact(Twips::of(line))
        });
        p.ppr.jc = Some(jc);
        p.run(text, &w.mark_rpr(fit));
        p
    };
    match &h.mark_suffix {
        None => {
            for (k, t) in h.mark.iter().enumerate() {
                let b = if k == 0 { before } else { Pt::ZERO };
                let p = mark_para(w, t, b, size * 1.2, Jc::Center);
                w.push(p);
                y += b + size * 1.2;
            }
        }
        Some(suffix) => {
            // 联合行文: a borderless table, the organs stacked and spread to one width in the
            // left cell, 「文件」 in the right cell centred on them (GB/T 9704 §7.2.3), all of it
            // editable text. The distance to the mark in a spacer paragraph of its own, so that
            // the row is as tall as the names and 「文件」 centres on them.
            let line = size * hs.joint_spacing;
            let before = (mark_top - y - (line - size) * 0.5).max(Pt::ZERO);
            if before.get() > 1.0 {
                let mut p = w.para(id::PLAIN);
                p.ppr.snap_to_grid = Some(false);
                p.ppr.spacing = Some(Spacing::exact(Twips::of(before)));
                w.push(p);
                y += before;
            }
            // The row is as tall as the stacked names.
            y += line * h.mark.len().max(1) as f32;
            let names_w = h.mark.iter().map(|t| chars_width(t)).fold(0.0, f32::max);
            let names_tw = Twips::of(size * names_w * factor);
            let suffix_tw = Twips::of(size * (chars_width(suffix) + 0.5) * factor);
            let names: Vec<Para> = h
                .mark
                .iter()
                .map(|t| mark_para(w, t, Pt::ZERO, line, Jc::Distribute))
                .collect();
            let file = mark_para(w, suffix, Pt::ZERO, line, Jc::Right);
            let x = w.blocks_out();
            x.open("w:tbl", &[]);
            TblPr {
                width: names_tw + suffix_tw,
                jc: Jc::Center,
                border: Border::NIL,
                cell_margin: (Twips(0), Twips(0)),
            }
            .write(x);
            x.open("w:tblGrid", &[]);
            x.empty("w:gridCol", &[("w:w", names_tw.0.into())]);
            x.empty("w:gridCol", &[("w:w", suffix_tw.0.into())]);
            x.close("w:tblGrid");
            x.open("w:tr", &[]);
            for (width, paras) in [
                (names_tw, &names[..]),
                (suffix_tw, std::slice::from_ref(&file)),
            ] {
                x.open("w:tc", &[]);
                TcPr {
                    width,
                    span: 1,
                    vmerge: None,
                    valign: VAlign::Center,
                }
                .write(x);
                for p in paras {
                    p.write(x);
                }
                x.close("w:tc");
            }
            x.close("w:tr");
            x.close("w:tbl");
        }
    }
    // The 发文字号 (or the first name of 签发人) on the layout's line.
    let lines = crate::layout::head_lines(w.book, style, h);
    match lines {
        Some(l) => w.advance(&mut y, pitch * l.number as f32),
        None => (0..hs.number_blank_lines).for_each(|_| w.blank()),
    }
    // The separator 4 mm below the number's em box: Word measures a bottom border's space
    // from the line's bottom, half the leading below the em box.
    let space = (hs.separator_below - (pitch - style.body.size) * 0.5).max(Pt::ZERO);
    let sep = rule(hs.separator_width, space, hs.color);
    let names = h.signers.as_ref().map_or(1, |(_, n)| n.len().max(1));
    // Word adds a bottom border's space and width to its paragraph.
    let border_h = Pt::new(sep.space as f32) + Pt::new(sep.width.0 as f32 / 8.0);
    let after_number = lines.map_or(y, |l| pitch * (l.number + names) as f32)
        + if separator { border_h } else { Pt::ZERO };
    let indent = w.cell() * hs.signer_indent;
    let body_role = style.body.role;
    match &h.signers {
        Some((label, names)) => {
            // The 发文字号 flush left (one character in) on the last name's line; 「签发人：」
            // and the names at tab stops, right-indented one character.
            let widest = names.iter().map(|t| chars_width(t)).fold(0.0, f32::max);
            let width = style.page.type_width();
            let name_x = width - indent - style.body.size * widest;
            let label_x = name_x - style.body.size * chars_width(label);
            for (k, name) in names.iter().enumerate() {
                let last = k + 1 == names.len();
                let mut p = w.para(id::PLAIN);
                p.ppr.tabs = vec![tab(TabKind::Left, label_x), tab(TabKind::Left, name_x)];
                if last {
                    if let Some(num) = &h.number {
                        p.ppr.ind = Some(Ind {
                            left: Twips::of(indent),
                            ..Ind::default()
                        });
                        p.run(num, &w.faces(body_role));
                    }
                    p.ppr.border_bottom = Some(sep);
                }
                p.tab();
                if k == 0 {
                    p.run(label, &w.faces(body_role));
                } else {
                    p.tab();
                }
                p.run(name, &w.faces(hs.signer_name_role));
                w.push(p);
            }
        }
        None => {
            let mut p = w.para(id::PLAIN);
            p.ppr.jc = Some(Jc::Center);
            if let Some(num) = &h.number {
                p.run(num, &w.faces(body_role));
            }
            if separator {
                p.ppr.border_bottom = Some(sep);
            }
            w.push(p);
        }
    }
    // The title on the layout's line, two blank lines below the separator.
    match lines {
        Some(l) => {
            let mut y = after_number;
            w.advance(&mut y, pitch * l.title as f32);
        }
        None => (0..hs.title_blank_lines).for_each(|_| w.blank()),
    }
}

impl Writer<'_> {
    /// Blank body lines from `y` down to `target` (both from the type area's top), the part of
    /// a line left over as an empty paragraph of that exact height; `y` becomes `target`.
    fn advance(&mut self, y: &mut Pt, target: Pt) {
        let pitch = self.style.grid.line_pitch;
        while target - *y >= pitch - Pt::new(0.01) {
            self.blank();
            *y += pitch;
        }
        let rest = target - *y;
        if rest.get() > 0.5 {
            let mut p = self.para(id::PLAIN);
            p.ppr.snap_to_grid = Some(false);
            p.ppr.spacing = Some(Spacing::exact(Twips::of(rest)));
            self.push(p);
        }
        *y = target.max(*y);
    }
}

/// The image as PNG bytes: a PNG as it is, an SVG rasterised at 300 dpi (DOCX pictures are
/// raster for Word 2010 and LibreOffice alike).
fn png_of(image: &Image) -> Option<Vec<u8>> {
    match image.kind {
        ImageKind::Png => Some(image.data.to_vec()),
        ImageKind::Svg => {
            let tree = crate::image::svg_tree(&image.data).ok()?;
            let scale = 300.0 / 72.0;
            let (pw, ph) = (
                (image.width.get() * scale).ceil() as u32,
                (image.height.get() * scale).ceil() as u32,
            );
            let mut pixmap = resvg::tiny_skia::Pixmap::new(pw.max(1), ph.max(1))?;
            let size = tree.size();
            let t = resvg::tiny_skia::Transform::from_scale(
                pw as f32 / size.width(),
                ph as f32 / size.height(),
            );
            resvg::render(&tree, t, &mut pixmap.as_mut());
            pixmap.encode_png().ok()
        }
    }
}

/// Where an anchored drawing sits.
enum Anchor {
    /// `x` from the left margin, `y` from the top of its paragraph; the text flows on under
    /// it (`wp:wrapNone`).
    Offset(Pt, Pt),
    /// Centred between the margins, on the type area's bottom edge, the text above it
    /// (`wp:wrapTopAndBottom`).
    MarginBottom,
    /// Centred on the page, its top this far below the paper's top edge; the text flows on
    /// under it.
    Page(Pt),
}

impl Writer<'_> {
    /// Opens `w:r/w:drawing/wp:anchor` up to its `a:graphic`, for a drawing `size` large;
    /// returns the drawing's id.
    fn open_anchor(&mut self, x: &mut Xml, anchor: &Anchor, size: (Pt, Pt), name: &str) -> u32 {
        self.drawings += 1;
        let id = self.drawings;
        let (cx, cy) = (Emu::of(size.0).0, Emu::of(size.1).0);
        x.raw("<w:r><w:drawing>");
        let layer: u32 = 251_659_264 + id;
        x.open(
            "wp:anchor",
            &[
                ("distT", 0.into()),
                ("distB", 0.into()),
                ("distL", 0.into()),
                ("distR", 0.into()),
                ("simplePos", 0.into()),
                ("relativeHeight", layer.into()),
                ("behindDoc", 0.into()),
                ("locked", 0.into()),
                ("layoutInCell", 1.into()),
                ("allowOverlap", 1.into()),
            ],
        );
        x.empty("wp:simplePos", &[("x", 0.into()), ("y", 0.into())]);
        match anchor {
            Anchor::Offset(dx, dy) => {
                x.raw(r#"<wp:positionH relativeFrom="margin"><wp:posOffset>"#);
                x.text(&Emu::of(*dx).0.to_string());
                x.raw(r#"</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>"#);
                x.text(&Emu::of(*dy).0.to_string());
                x.raw("</wp:posOffset></wp:positionV>");
            }
            Anchor::MarginBottom => x.raw(concat!(
                r#"<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>"#,
                r#"<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>"#
            )),
            Anchor::Page(dy) => {
                x.raw(r#"<wp:positionH relativeFrom="page"><wp:align>center</wp:align></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>"#);
                x.text(&Emu::of(*dy).0.to_string());
                x.raw("</wp:posOffset></wp:positionV>");
            }
        }
        x.empty("wp:extent", &[("cx", cx.into()), ("cy", cy.into())]);
        x.raw(r#"<wp:effectExtent l="0" t="0" r="0" b="0"/>"#);
        match anchor {
            Anchor::Offset(..) | Anchor::Page(_) => x.raw("<wp:wrapNone/>"),
            Anchor::MarginBottom => x.raw("<wp:wrapTopAndBottom/>"),
        }
        x.empty("wp:docPr", &[("id", id.into()), ("name", name.into())]);
        id
    }

    /// A picture anchored in front of the text at its physical size, as a run of `p`.
    fn picture(&mut self, p: &mut Para, image: &Image, at: Anchor) {
        let Some(png) = png_of(image) else {
            return;
        };
        self.media.push(png);
        let rel = package::image_rel(self.media.len());
        let size = (image.width, image.height);
        let (cx, cy) = (Emu::of(size.0).0, Emu::of(size.1).0);
        let x = &mut p.runs;
        let id = self.open_anchor(x, &at, size, "印章");
        x.raw(concat!(
            r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            "<pic:pic><pic:nvPicPr>"
        ));
        x.empty(
            "pic:cNvPr",
            &[
                ("id", id.into()),
                ("name", format!("seal{id}.png").as_str().into()),
            ],
        );
        x.raw(r#"<pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr><pic:blipFill>"#);
        x.empty("a:blip", &[("r:embed", (&rel).into())]);
        x.raw(r#"<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>"#);
        x.empty("a:ext", &[("cx", cx.into()), ("cy", cy.into())]);
        x.raw(concat!(
            r#"</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
        ));
    }
}

impl Writer<'_> {
    /// A text box without border or fill holding `content` (paragraphs), as a run of `p`.
    fn text_box(&mut self, p: &mut Para, at: &Anchor, size: (Pt, Pt), name: &str, content: &Xml) {
        let (cx, cy) = (Emu::of(size.0).0, Emu::of(size.1).0);
        let x = &mut p.runs;
        self.open_anchor(x, at, size, name);
        x.raw(concat!(
            "<wp:cNvGraphicFramePr/><a:graphic>",
            r#"<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">"#,
            r#"<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>"#
        ));
        x.empty("a:ext", &[("cx", cx.into()), ("cy", cy.into())]);
        x.raw(concat!(
            r#"</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>"#,
            "<wps:txbx><w:txbxContent>"
        ));
        x.raw(content.as_str());
        x.raw(concat!(
            r#"</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr>"#,
            "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
        ));
    }
}

/// The sealed 落款 (GB/T 9704 §7.3.5.1) as the PDF sets it: each row of issuers at centre tabs
/// over their seals, the last issuer centred on the date, the date right-indented four
/// characters.
pub(super) fn sealed(w: &mut Writer, sig: &SignaturePart) {
    let style = w.style;
    let pitch = style.grid.line_pitch;
    let cell = w.cell();
    let width = style.page.type_width();
    let size = style.body.size;
    let wd = size * chars_width(&sig.date);
    let c_date = width - cell * style.seal.date_right_indent - wd * 0.5;
    let sw = sig.seals.iter().map(|s| s.width).fold(Pt::ZERO, Pt::max);
    let sh = sig.seals.iter().map(|s| s.height).fold(Pt::ZERO, Pt::max);
    let gap = style.seal.joint_gap;
    let per_row = (((width + gap).get() / (sw + gap).get()).floor() as usize).clamp(1, 3);
    let n = sig.issuers.len();
    let rows = n.div_ceil(per_row);
    let row_lines = ((sh + gap).get() / pitch.get()).ceil() as usize;
    let d = style.seal.text_below_centre;
    let first = (((d + sh * 0.5).get() / pitch.get() - 0.001).ceil() as usize).saturating_sub(1);
    for _ in 0..first {
        w.blank_kept();
    }
    let step = sw + gap;
    for row in 0..rows {
        if row > 0 {
            for _ in 1..row_lines {
                w.blank_kept();
            }
        }
        let from = row * per_row;
        let to = (from + per_row).min(n);
        let last_row = row + 1 == rows;
        let mut p = w.para(id::SIGNATURE);
        p.ppr.keep_next = true;
        for (j, k) in (from..to).enumerate() {
            let centre = c_date - step * (to - from - 1 - j) as f32;
            p.ppr.tabs.push(tab(TabKind::Center, centre));
            p.tab();
            p.run(&sig.issuers[k], &RPr::default());
            if let Some(img) = sig.seals.get(k) {
                let text_centre = if last_row { pitch } else { pitch * 0.5 };
                let y = text_centre - d - img.height * 0.5;
                let at = Anchor::Offset(centre - img.width * 0.5, y);
                w.picture(&mut p, img, at);
            }
        }
        w.push(p);
    }
    let mut p = w.text_para(id::SIGNATURE, &sig.date);
    p.ppr.jc = Some(Jc::Right);
    p.ppr.ind = Some(Ind {
        right: Twips::of(cell * style.seal.date_right_indent),
        ..Ind::default()
    });
    w.push(p);
}

/// 签发人签名章 (GB/T 9704 §7.3.5.3).
pub(super) fn signer(w: &mut Writer, sig: &SignaturePart) {
    let Some((title, name, seal)) = sig.signer else {
        return;
    };
    let style = w.style;
    let right = w.cell() * style.seal.date_right_indent;
    let right_ind = Ind {
        right: Twips::of(right),
        ..Ind::default()
    };
    for _ in 0..2 {
        w.blank_kept();
    }
    let mut p = w.para(id::SIGNATURE);
    p.ppr.keep_next = true;
    p.ppr.jc = Some(Jc::Right);
    p.ppr.ind = Some(right_ind);
    p.run(&format!("{title}　　"), &RPr::default());
    match seal {
        Some(img) => {
            let x = style.page.type_width() - right - img.width;
            let y = style.grid.line_pitch * 0.5 - img.height * 0.5;
            w.picture(&mut p, img, Anchor::Offset(x, y));
            // Room for the seal on the line: full-width spaces of its width.
            let n = (img.width / style.body.size).ceil() as usize;
            p.run(&"　".repeat(n), &RPr::default());
        }
        None => p.run(name, &RPr::default()),
    }
    w.push(p);
    w.blank();
    let mut p = w.text_para(id::SIGNATURE, &sig.date);
    p.ppr.jc = Some(Jc::Right);
    p.ppr.ind = Some(right_ind);
    w.push(p);
}

/// 版记 (GB/T 9704 §7.4): a text box anchored to the bottom of the type area of the page the
/// document ends on (`wp:positionV relativeFrom="margin"`, aligned bottom; LibreOffice 7.4
/// applies this, while it leaves `w:framePr` frames and floating tables in the text flow). Its
/// paragraph borders are the rules: thick first and last, thin between.
pub(super) fn distribution(w: &mut Writer, d: &DistributionPart) {
    let style = w.style;
    let ds = &style.distribution;
    let pitch = style.grid.line_pitch;
    let size = ds.text.size;
    let indent = size * ds.indent;
    let width = style.page.type_width();
    let black = Color::BLACK;
    let rpr = RPr {
        size: Some(HalfPoints::of(size)),
        ..w.faces(ds.text.role)
    };
    let para = || {
        Para::new(PPr {
            style: Some(id::PLAIN),
            snap_to_grid: Some(false),
            spacing: Some(Spacing::exact(Twips::of(pitch))),
            ..PPr::default()
        })
    };
    let both = d.cc.is_some() && d.printed.is_some();
    let mut content = Xml::default();
    let mut lines = 0usize;
    if let Some((label, text)) = &d.cc {
        // 抄送: continuation lines aligned after the colon.
        let hang = size * chars_width(label);
        let mut p = para();
        p.ppr.ind = Some(Ind {
            left: Twips::of(indent + hang),
            right: Twips::of(indent),
            first: Twips(-Twips::of(hang).0),
            first_chars: None,
        });
        if d.rules {
            p.ppr.border_top = Some(rule(ds.thick, Pt::ZERO, black));
            p.ppr.border_bottom =
                Some(rule(if both { ds.thin } else { ds.thick }, Pt::ZERO, black));
        }
        p.run(&format!("{label}{text}"), &rpr);
        p.write(&mut content);
        // The box is as tall as the PDF's 版记: the names' lines at the same width.
        let room = width - indent * 2.0 - hang;
        lines += ((size * chars_width(text)).get() / room.get())
            .ceil()
            .max(1.0) as usize;
    }
    if let Some((organ, date)) = &d.printed {
        let mut p = para();
        p.ppr.ind = Some(Ind {
            left: Twips::of(indent),
            right: Twips::of(indent),
            ..Ind::default()
        });
        p.ppr.tabs = vec![tab(TabKind::Right, width - indent)];
        if d.rules {
            if !both {
                p.ppr.border_top = Some(rule(ds.thick, Pt::ZERO, black));
            }
            p.ppr.border_bottom = Some(rule(ds.thick, Pt::ZERO, black));
        }
        p.run(organ, &rpr);
        p.tab();
        p.run(date, &rpr);
        p.write(&mut content);
        lines += 1;
    }
    let size = (width, pitch * lines as f32);
    // The anchor's own paragraph, one point tall, so that it takes no line of the text.
    let mut host = w.para(id::PLAIN);
    host.ppr.snap_to_grid = Some(false);
    host.ppr.spacing = Some(Spacing::exact(Twips(20)));
    w.text_box(&mut host, &Anchor::MarginBottom, size, "版记", &content);
    w.push(host);
}

/// 纪要 (GB/T 9704 §10.3): 出席/请假/列席 one blank line below the text, indented two
/// characters, the label in 黑体, continuation lines aligned after the colon.
pub(super) fn attendance(w: &mut Writer, lists: &[(String, String)]) {
    let style = w.style;
    w.blank();
    let size = style.body.size;
    for (label, names) in lists {
        let label_w = Twips::of(size * chars_width(label));
        let mut p = w.para(id::PLAIN);
        p.ppr.ind = Some(Ind {
            left: w.indent() + label_w,
            first: Twips(-label_w.0),
            ..Ind::default()
        });
        p.run(label, &w.faces(style.head.flag_role));
        p.run(names, &w.faces(style.body.role));
        w.push(p);
    }
}
