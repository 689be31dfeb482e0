//! The official-document parts in the DOCX draft, editable by a clerk: the 版头 as red text with
//! a red paragraph border for the separator, the seals as pictures anchored in front of the
//! 落款, the 附注 as body paragraphs, and the 版记 as a frame at the foot of the last page with
//! paragraph borders for its rules (GB/T 9704 §7.2–§7.4). Positions follow the PDF's layout.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph as DParagraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Pic, RelativeFromHType,
    RelativeFromVType, Run as DRun, RunFonts, Tab, TabValueType,
};

use crate::geom::Pt;
use crate::image::{Image, ImageKind};
use crate::model::{DistributionPart, DocFormat, FlagKind, HeadPart, SignaturePart};
use crate::style::{Color, Role};

use super::{chars_width, half_points, official_font, tw, Writer};

/// EMU (1/12700 pt) of a length, for DrawingML.
fn emu(p: Pt) -> i32 {
    (p.get() * 12700.0).round() as i32
}

/// A paragraph border: `w:sz` in eighths of a point, `w:space` in points.
fn border(pos: ParagraphBorderPosition, width: Pt, space: Pt, color: Color) -> ParagraphBorder {
    ParagraphBorder::new(pos)
        .val(BorderType::Single)
        .size(((width.get() * 8.0).round() as usize).clamp(2, 96))
        .space(space.get().round().clamp(0.0, 31.0) as usize)
        .color(color.hex())
}

impl Writer<'_> {
    fn east_asian(&self, role: Role) -> RunFonts {
        RunFonts::new()
            .ascii(&self.latin)
            .hi_ansi(&self.latin)
            .east_asia(official_font(self.style, role))
    }

    fn run(&self, text: &str, role: Role) -> DRun {
        DRun::new().add_text(text).fonts(self.east_asian(role))
    }

    /// A flush-left body paragraph on the grid (no first-line indent).
    fn plain(&mut self) -> DParagraph {
        self.para("GwRecipient")
    }
}

/// The mark's size as the PDF chooses it, by character count (the writer has no metrics).
fn mark_size(w: &Writer, h: &HeadPart) -> Pt {
    let hs = &w.style.head;
    let width = w.style.page.type_width();
    let names = h.mark.iter().map(|t| chars_width(t)).fold(0.0, f32::max);
    let suffix = h
        .mark_suffix
        .as_deref()
        .map_or(0.0, |s| chars_width(s) + 0.5);
    let chars = (names + suffix).max(1.0);
    let fit = width / chars;
    if fit >= hs.mark_size {
        hs.mark_size
    } else {
        fit.max(hs.mark_min_size).min(fit)
    }
}

/// 版头 (GB/T 9704 §7.2).
pub fn head(w: &mut Writer, h: &HeadPart) {
    let hs = &w.style.head;
    match h.format {
        DocFormat::Letter => letter_head(w, h),
        DocFormat::Order => document_head(w, h, hs.order_mark_top, false),
        DocFormat::Minutes => document_head(w, h, hs.minutes_mark_top, true),
        DocFormat::Document => document_head(w, h, hs.mark_top, true),
    }
}

/// The mark's run: red, in the mark's face and size.
fn mark_run(w: &Writer, h: &HeadPart, text: &str) -> DRun {
    let hs = &w.style.head;
    w.run(text, hs.mark_role)
        .size(half_points(mark_size(w, h)))
        .color(hs.color.hex())
}

/// 信函格式 (GB/T 9704 §10.1): the mark and the first red double rule (thick over thin) in the
/// first page's header, the second (thin over thick) in its footer, which has no page number;
/// 份号/密级/紧急程度 flush left and the 发文字号 flush right at the top of the text.
fn letter_head(w: &mut Writer, h: &HeadPart) {
    use docx_rs::{Footer, Header};
    let style = w.style;
    let hs = &style.head;
    let lt = &hs.letter;
    let width = style.page.type_width();
    let red = hs.color;
    let double = |pos, kind| {
        ParagraphBorder::new(pos)
            .val(kind)
            .size(((lt.thick.get() * 8.0).round() as usize).clamp(2, 96))
            .space(lt.rule_below.get().round().clamp(0.0, 31.0) as usize)
            .color(red.hex())
    };
    let mut mark = DParagraph::new()
        .style("GwRecipient")
        .align(AlignmentType::Center)
        .snap_to_grid(false);
    for t in &h.mark {
        mark = mark.add_run(mark_run(w, h, t));
    }
    mark.property = mark
        .property
        .set_borders(ParagraphBorders::with_empty().set(double(
            ParagraphBorderPosition::Bottom,
            BorderType::ThickThinSmallGap,
        )));
    let mut foot = DParagraph::new().style("GwRecipient").snap_to_grid(false);
    foot.property = foot
        .property
        .set_borders(ParagraphBorders::with_empty().set(double(
            ParagraphBorderPosition::Top,
            BorderType::ThinThickSmallGap,
        )));
    let docx = std::mem::take(&mut w.docx);
    w.docx = docx
        .first_header(Header::new().add_paragraph(mark))
        .first_footer(Footer::new().add_paragraph(foot));
    let n = h.flags.len().max(1);
    for k in 0..n {
        let mut p = w
            .plain()
            .add_tab(Tab::new().val(TabValueType::Right).pos(tw(width) as usize));
        if let Some((text, kind)) = h.flags.get(k) {
            let role = match kind {
                FlagKind::CopyNumber => style.body.role,
                FlagKind::Flag => hs.flag_role,
            };
            p = p.add_run(w.run(text, role));
        }
        if k == 0 {
            if let Some(num) = &h.number {
                p = p
                    .add_run(DRun::new().add_tab())
                    .add_run(w.run(num, style.body.role));
            }
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
    let cell = style.page.type_width() / style.grid.chars as f32;
    for (text, kind) in &h.flags {
        let role = match kind {
            FlagKind::CopyNumber => style.body.role,
            FlagKind::Flag => hs.flag_role,
        };
        let run = w.run(text, role);
        let p = w.plain().add_run(run);
        w.push(p);
    }
    // The mark: its em box's top `mark_top` below the type area's top. An exact line of
    // 1.2 em holds the em box 0.1 em below its top.
    let size = mark_size(w, h);
    let line = size * 1.2;
    let above = pitch * h.flags.len() as f32;
    let before = (mark_top - above - size * 0.1).max(Pt::ZERO);
    let red = hs.color.hex();
    let mark_para = |w: &mut Writer, text: &str, first: bool, align: AlignmentType| {
        let run = w
            .run(text, hs.mark_role)
            .size(half_points(size))
            .color(red.clone());
        let spacing = LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(tw(line))
            .before(if first { tw(before) as u32 } else { 0 })
            .after(0);
        let p = w
            .para("GwRecipient")
            .align(align)
            .snap_to_grid(false)
            .line_spacing(spacing)
            .add_run(run);
        w.push(p);
    };
    match &h.mark_suffix {
        None => {
            for (k, t) in h.mark.iter().enumerate() {
                mark_para(w, t, k == 0, AlignmentType::Center);
            }
        }
        Some(suffix) => {
            // 联合行文: a borderless table, the organs stacked and spread to one width in the
            // left cell, 「文件」 in the right cell centred on them (GB/T 9704 §7.2.3), all of it
            // editable text.
            use docx_rs::BuildXML;
            let names_w = h.mark.iter().map(|t| chars_width(t)).fold(0.0, f32::max);
            let names_tw = tw(size * names_w);
            let gap_tw = tw(size * 0.5);
            let suffix_tw = tw(size * chars_width(suffix)) + gap_tw;
            let para = |w: &Writer, text: &str, first: bool, align: AlignmentType| {
                let spacing = LineSpacing::new()
                    .line_rule(LineSpacingType::Exact)
                    .line(tw(size * hs.joint_spacing))
                    .before(if first { tw(before) as u32 } else { 0 })
                    .after(0);
                DParagraph::new()
                    .style("GwRecipient")
                    .widow_control(false)
                    .align(align)
                    .snap_to_grid(false)
                    .line_spacing(spacing)
                    .add_run(mark_run(w, h, text))
                    .build()
            };
            let cell = |width: i32, content: Vec<u8>| {
                let mut c = format!(
                    r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" /><w:vAlign w:val="center" /></w:tcPr>"#
                )
                .into_bytes();
                c.extend_from_slice(&content);
                c.extend_from_slice(b"</w:tc>");
                c
            };
            // The distance to the mark in a spacer paragraph of its own, so that the row is
            // as tall as the names and 「文件」 centres on them.
            if before.get() > 1.0 {
                let p = w.plain().snap_to_grid(false).line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(tw(before))
                        .before(0)
                        .after(0),
                );
                w.push(p);
            }
            let mut names = Vec::new();
            for t in &h.mark {
                names.extend(para(w, t, false, AlignmentType::Distribute));
            }
            let file = para(w, suffix, false, AlignmentType::Right);
            let mut xml = format!(
                concat!(
                    r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa" /><w:jc w:val="center" />"#,
                    r#"<w:tblBorders><w:top w:val="nil" /><w:left w:val="nil" /><w:bottom w:val="nil" />"#,
                    r#"<w:right w:val="nil" /><w:insideH w:val="nil" /><w:insideV w:val="nil" /></w:tblBorders>"#,
                    r#"<w:tblLayout w:type="fixed" /><w:tblCellMar><w:left w:w="0" w:type="dxa" />"#,
                    r#"<w:right w:w="0" w:type="dxa" /></w:tblCellMar></w:tblPr>"#,
                    r#"<w:tblGrid><w:gridCol w:w="{names}" /><w:gridCol w:w="{suffix}" /></w:tblGrid><w:tr>"#
                ),
                total = names_tw + suffix_tw,
                names = names_tw,
                suffix = suffix_tw,
            )
            .into_bytes();
            xml.extend(cell(names_tw, names));
            xml.extend(cell(suffix_tw, file));
            xml.extend_from_slice(b"</w:tr></w:tbl>");
            w.header_rows.push(0);
            w.raw_block(xml);
        }
    }
    for _ in 0..hs.number_blank_lines {
        w.blank();
    }
    let sep = border(
        ParagraphBorderPosition::Bottom,
        hs.separator_width,
        hs.separator_below,
        hs.color,
    );
    let indent = cell * hs.signer_indent;
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
                let mut p = w
                    .plain()
                    .add_tab(Tab::new().val(TabValueType::Left).pos(tw(label_x) as usize))
                    .add_tab(Tab::new().val(TabValueType::Left).pos(tw(name_x) as usize));
                if last {
                    if let Some(num) = &h.number {
                        p = p.indent(Some(tw(indent)), None, None, None);
                        let r = w.run(num, style.body.role);
                        p = p.add_run(r);
                    }
                }
                p = p.add_run(DRun::new().add_tab());
                if k == 0 {
                    let r = w.run(label, style.body.role);
                    p = p.add_run(r);
                } else {
                    p = p.add_run(DRun::new().add_tab());
                }
                let r = w.run(name, hs.signer_name_role);
                p = p.add_run(r);
                if last {
                    p.property = p
                        .property
                        .set_borders(ParagraphBorders::with_empty().set(sep.clone()));
                }
                w.push(p);
            }
        }
        None => {
            let mut p = w.plain().align(AlignmentType::Center);
            if let Some(num) = &h.number {
                let r = w.run(num, style.body.role);
                p = p.add_run(r);
            }
            if separator {
                p.property = p
                    .property
                    .set_borders(ParagraphBorders::with_empty().set(sep));
            }
            w.push(p);
        }
    }
    for _ in 0..hs.title_blank_lines {
        w.blank();
    }
}

/// The image as PNG bytes with its pixel size: a PNG as it is, an SVG rasterised at 300 dpi
/// (DOCX pictures are raster for Word 2010 and LibreOffice alike).
fn png_of(image: &Image) -> Option<(Vec<u8>, u32, u32)> {
    match image.kind {
        ImageKind::Png => Some((image.data.to_vec(), image.pixels.0, image.pixels.1)),
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
            Some((pixmap.encode_png().ok()?, pw, ph))
        }
    }
}

/// A picture anchored in front of the text, `x` from the left margin and `y` from the top of
/// its paragraph, at its physical size.
fn floating(w: &mut Writer, image: &Image, x: Pt, y: Pt) -> Option<Pic> {
    let (png, pw, ph) = png_of(image)?;
    w.pictures += 1;
    Some(
        Pic::new_with_dimensions(png, pw, ph)
            .id(format!("rIdGwImage{}", w.pictures))
            .size(emu(image.width) as u32, emu(image.height) as u32)
            .floating()
            .overlapping()
            .relative_from_h(RelativeFromHType::Margin)
            .relative_from_v(RelativeFromVType::Paragraph)
            .offset_x(emu(x))
            .offset_y(emu(y)),
    )
}

/// The sealed 落款 (GB/T 9704 §7.3.5.1) as the PDF sets it: each row of issuers at centre tabs
/// over their seals, the last issuer centred on the date, the date right-indented four
/// characters.
pub fn sealed(w: &mut Writer, sig: &SignaturePart) {
    let style = w.style;
    let pitch = style.grid.line_pitch;
    let cell = style.page.type_width() / style.grid.chars as f32;
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
        let p = w.para("GwBody").keep_next(true);
        w.push(p);
    }
    let step = sw + gap;
    for row in 0..rows {
        if row > 0 {
            for _ in 1..row_lines {
                let p = w.para("GwBody").keep_next(true);
                w.push(p);
            }
        }
        let from = row * per_row;
        let to = (from + per_row).min(n);
        let last_row = row + 1 == rows;
        let mut p = w.para("GwSignature").keep_next(true);
        for (j, k) in (from..to).enumerate() {
            let centre = c_date - step * (to - from - 1 - j) as f32;
            p = p.add_tab(
                Tab::new()
                    .val(TabValueType::Center)
                    .pos(tw(centre) as usize),
            );
            p = p.add_run(DRun::new().add_tab());
            p = p.add_run(DRun::new().add_text(&sig.issuers[k]));
            if let Some(img) = sig.seals.get(k) {
                let text_centre = if last_row { pitch } else { pitch * 0.5 };
                let y = text_centre - d - img.height * 0.5;
                if let Some(pic) = floating(w, img, centre - img.width * 0.5, y) {
                    p = p.add_run(DRun::new().add_image(pic));
                }
            }
        }
        w.push(p);
    }
    let p = w
        .text_para("GwSignature", &sig.date)
        .align(AlignmentType::Right)
        .indent(
            None,
            None,
            Some(tw(cell * style.seal.date_right_indent)),
            None,
        );
    w.push(p);
}

/// 签发人签名章 (GB/T 9704 §7.3.5.3).
pub fn signer(w: &mut Writer, sig: &SignaturePart) {
    let Some((title, name, seal)) = sig.signer else {
        return;
    };
    let style = w.style;
    let cell = style.page.type_width() / style.grid.chars as f32;
    let right = cell * style.seal.date_right_indent;
    for _ in 0..2 {
        let p = w.para("GwBody").keep_next(true);
        w.push(p);
    }
    let mut p = w
        .para("GwSignature")
        .keep_next(true)
        .align(AlignmentType::Right)
        .indent(None, None, Some(tw(right)), None)
        .add_run(DRun::new().add_text(format!("{title}　　")));
    match seal {
        Some(img) => {
            let x = style.page.type_width() - right - img.width;
            let y = style.grid.line_pitch * 0.5 - img.height * 0.5;
            if let Some(pic) = floating(w, img, x, y) {
                p = p.add_run(DRun::new().add_image(pic));
            }
            // Room for the seal on the line: full-width spaces of its width.
            let n = (img.width / style.body.size).ceil() as usize;
            p = p.add_run(DRun::new().add_text("　".repeat(n)));
        }
        None => p = p.add_run(DRun::new().add_text(name)),
    }
    w.push(p);
    w.blank();
    let p = w
        .text_para("GwSignature", &sig.date)
        .align(AlignmentType::Right)
        .indent(None, None, Some(tw(right)), None);
    w.push(p);
}

/// 版记 (GB/T 9704 §7.4): a text box anchored to the bottom of the type area of the page the
/// document ends on (`wp:positionV relativeFrom="margin"`, aligned bottom; LibreOffice 7.4
/// applies this, while it leaves `w:framePr` frames and floating tables in the text flow). Its
/// paragraph borders are the rules: thick first and last, thin between.
pub fn distribution(w: &mut Writer, d: &DistributionPart) {
    use docx_rs::BuildXML;
    let style = w.style;
    let ds = &style.distribution;
    let pitch = style.grid.line_pitch;
    let size = ds.text.size;
    let indent = size * ds.indent;
    let width = style.page.type_width();
    let black = Color::BLACK;
    let spacing = || {
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line(tw(pitch))
            .before(0)
            .after(0)
    };
    let para = || {
        DParagraph::new()
            .style("GwRecipient")
            .widow_control(false)
            .snap_to_grid(false)
            .line_spacing(spacing())
    };
    let both = d.cc.is_some() && d.printed.is_some();
    let mut content = Vec::new();
    let mut lines = 0usize;
    if let Some((label, text)) = &d.cc {
        // 抄送: continuation lines aligned after the colon.
        let hang = size * chars_width(label);
        let run = w
            .run(&format!("{label}{text}"), ds.text.role)
            .size(half_points(size));
        let mut p = para()
            .indent(
                Some(tw(indent + hang)),
                Some(docx_rs::SpecialIndentType::Hanging(tw(hang))),
                Some(tw(indent)),
                None,
            )
            .add_run(run);
        let b = ParagraphBorders::with_empty()
            .set(border(
                ParagraphBorderPosition::Top,
                ds.thick,
                Pt::ZERO,
                black,
            ))
            .set(border(
                ParagraphBorderPosition::Bottom,
                if both { ds.thin } else { ds.thick },
                Pt::ZERO,
                black,
            ));
        if d.rules {
            p.property = p.property.set_borders(b);
        }
        content.extend_from_slice(&p.build());
        // The box is as tall as the PDF's 版记: the names' lines at the same width.
        let room = width - indent * 2.0 - hang;
        lines += ((size * chars_width(text)).get() / room.get())
            .ceil()
            .max(1.0) as usize;
    }
    if let Some((organ, date)) = &d.printed {
        let organ = w.run(organ, ds.text.role).size(half_points(size));
        let date = w.run(date, ds.text.role).size(half_points(size));
        let mut p = para()
            .indent(Some(tw(indent)), None, Some(tw(indent)), None)
            .add_tab(
                Tab::new()
                    .val(TabValueType::Right)
                    .pos(tw(width - indent) as usize),
            )
            .add_run(organ)
            .add_run(DRun::new().add_tab())
            .add_run(date);
        let mut b = ParagraphBorders::with_empty().set(border(
            ParagraphBorderPosition::Bottom,
            ds.thick,
            Pt::ZERO,
            black,
        ));
        if !both {
            b = b.set(border(
                ParagraphBorderPosition::Top,
                ds.thick,
                Pt::ZERO,
                black,
            ));
        }
        if d.rules {
            p.property = p.property.set_borders(b);
        }
        content.extend_from_slice(&p.build());
        lines += 1;
    }
    let (cx, cy) = (emu(width), emu(pitch * lines as f32));
    let mut xml = format!(
        concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="GwRecipient" /><w:snapToGrid w:val="false" />"#,
            r#"<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact" /></w:pPr><w:r><w:drawing>"#,
            r#"<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">"#,
            r#"<wp:simplePos x="0" y="0" /><wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>"#,
            r#"<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>"#,
            r#"<wp:extent cx="{cx}" cy="{cy}" /><wp:effectExtent l="0" t="0" r="0" b="0" /><wp:wrapTopAndBottom />"#,
            r#"<wp:docPr id="{id}" name="版记" /><wp:cNvGraphicFramePr />"#,
            r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">"#,
            r#"<wps:wsp><wps:cNvSpPr txBox="1" /><wps:spPr><a:xfrm><a:off x="0" y="0" /><a:ext cx="{cx}" cy="{cy}" /></a:xfrm>"#,
            r#"<a:prstGeom prst="rect"><a:avLst /></a:prstGeom><a:noFill /><a:ln><a:noFill /></a:ln></wps:spPr><wps:txbx><w:txbxContent>"#,
        ),
        cx = cx,
        cy = cy,
        id = 9000 + w.tables.len(),
    )
    .into_bytes();
    xml.extend_from_slice(&content);
    xml.extend_from_slice(
        concat!(
            r#"</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0"><a:noAutofit /></wps:bodyPr>"#,
            r#"</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"#,
        )
        .as_bytes(),
    );
    w.raw_block(xml);
}

/// Anchored pictures as seals need them: no text wrapping (`wp:wrapNone`, the 落款 flows on
/// under the seal), overlap allowed, and offsets as signed numbers (docx-rs writes a negative
/// `wp:posOffset` as its unsigned 32-bit pattern: a seal reaching above its paragraph).
pub fn fix_anchors(document: &[u8]) -> Vec<u8> {
    const OPEN: &str = "<wp:posOffset>";
    let Ok(text) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    if !text.contains("<wp:anchor ") {
        return document.to_vec();
    }
    let text = text
        .replace("<wp:wrapSquare wrapText=\"bothSides\" />", "<wp:wrapNone />")
        .replace(
            "<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" allowOverlap=\"0\"",
            "<wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" simplePos=\"0\" allowOverlap=\"1\"",
        );
    // Every drawing object's wp:docPr id is unique in the document (docx-rs writes 1 for
    // each picture): renumbered in document order.
    let mut text2 = String::with_capacity(text.len());
    let mut rest = text.as_str();
    let mut n = 0;
    while let Some(i) = rest.find("<wp:docPr id=\"") {
        let (head, tail) = rest.split_at(i + "<wp:docPr id=\"".len());
        text2.push_str(head);
        n += 1;
        text2.push_str(&n.to_string());
        rest = &tail[tail.find('"').unwrap_or(0)..];
    }
    text2.push_str(rest);
    let text = text2;
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find(OPEN) {
        let (head, tail) = rest.split_at(i + OPEN.len());
        out.push_str(head);
        let end = tail.find('<').unwrap_or(tail.len());
        let (num, after) = tail.split_at(end);
        match num.parse::<u32>() {
            Ok(v) => out.push_str(&(v as i32).to_string()),
            Err(_) => out.push_str(num),
        }
        rest = after;
    }
    out.push_str(rest);
    out.into_bytes()
}

/// 纪要 (GB/T 9704 §10.3): 出席/请假/列席 one blank line below the text, indented two
/// characters, the label in 黑体, continuation lines aligned after the colon.
pub fn attendance(w: &mut Writer, lists: &[(String, String)]) {
    let style = w.style;
    w.blank();
    let size = style.body.size;
    for (label, names) in lists {
        let label_w = size * chars_width(label);
        let left = w.indent() + tw(label_w);
        let p = w
            .plain()
            .indent(
                Some(left),
                Some(docx_rs::SpecialIndentType::Hanging(tw(label_w))),
                None,
                None,
            )
            .add_run(w.run(label, style.head.flag_role))
            .add_run(w.run(names, style.body.role));
        w.push(p);
    }
}
