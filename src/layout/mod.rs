//! Stage 3: a [`Report`] and a [`Style`] laid out into pages of positioned glyphs and rules,
//! using the faces of a [`FontBook`]. Nothing here writes files.

pub mod dump;
mod flow;
pub mod frame;
pub mod inline;
mod official;
pub use official::{head_lines, mark_fit, HeadLines};
mod paginate;
pub mod structure;
mod table;
pub mod title;

pub use frame::{DocInfo, Item, OutlineItem, Page, PagedDocument, RunGlyph, TextRun};
pub use structure::{ArtifactKind, NodeId, StructKind, Structure, Tag};

use crate::diag::{Diagnostic, Rule};
use crate::geom::Pt;
use crate::limits::Limits;
use crate::model::{Block, Part, Report, Run, SignaturePart};
use crate::style::{Style, TextStyle};
use crate::text::FontBook;

use flow::{title_lines, Flow};
use inline::{measure, Justify};

/// Lays out a report. Returns the pages and the warnings found (missing glyphs), or errors
/// (a limit exceeded).
pub fn layout_document(
    report: &Report,
    style: &Style,
    book: &FontBook,
    limits: &Limits,
) -> Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut flow = Flow::new(style, book, limits);
    let parts = report.parts();
    for (i, part) in parts.iter().enumerate() {
        if flow.too_many_pages {
            break;
        }
        match part {
            Part::Head(h) => official::head(&mut flow, h),
            Part::Title {
                lines,
                explicit,
                prefer_break,
                span,
            } => {
                let set = title_lines(&flow, lines, *explicit, *prefer_break);
                flow.check_missing(&set, *span);
                flow.open(StructKind::Heading {
                    level: 1,
                    text: lines.concat(),
                });
                for l in &set {
                    flow.put_line(l, Pt::ZERO, style.title.size);
                }
                flow.blank_lines(style.title_blank_lines_after);
            }
            Part::Recipient { text, span } => {
                flow.open(StructKind::Paragraph);
                // 主送机关: flush left, continuation lines flush left too (standards §1.5).
                let runs = [Run {
                    text: text.to_string(),
                    emphasis: false,
                }];
                let lines = flow.set_runs(
                    &runs,
                    &style.body.clone(),
                    flow.width(),
                    Pt::ZERO,
                    Justify::Justified,
                );
                flow.check_missing(&lines, *span);
                flow.place_lines(&lines, Pt::ZERO, style.body.size, 0);
            }
            Part::Body(blocks) => {
                // The parts that keep with the body's last lines (附件说明, 落款, 附注).
                let keep: usize = parts[i + 1..]
                    .iter()
                    .take_while(|p| p.keeps_with_previous())
                    .map(|p| kept_lines(style, p))
                    .sum();
                flow.blocks(blocks, keep);
            }
            Part::AttachmentNote { label, entries } => attachment_note(&mut flow, label, entries),
            Part::Signature(sig) => {
                if sig.signer.is_some() {
                    official::signer(&mut flow, sig)
                } else if sig.seals.is_empty() {
                    signature(&mut flow, sig)
                } else {
                    official::sealed(&mut flow, sig)
                }
            }
            Part::Notes(notes) => official::notes(&mut flow, notes),
            Part::Attendance(lists) => official::attendance(&mut flow, lists),
            Part::Attachment { label, title, body } => attachment(&mut flow, label, title, body),
            Part::Distribution(d) => official::distribution(&mut flow, d),
        }
    }
    let structure = std::mem::take(&mut flow.structure);
    let distribution_breaks = flow.distribution_breaks;
    let (mut pages, outline, warnings, too_many) = flow.finish();
    if too_many {
        return Err(vec![Diagnostic::error(
            None,
            format!(
                "the document runs past the limit of {} pages",
                limits.max_pages
            ),
        )
        .with_rule(Rule::Limit)]);
    }
    page_numbers(&mut pages, style, book);
    let info = DocInfo {
        title: report.document_title(),
        author: report
            .metadata
            .author
            .clone()
            .or_else(|| report.signature.as_ref().map(|s| s.issuer.clone())),
        subject: report.metadata.subject.clone(),
        keywords: report.metadata.keywords.clone(),
        language: "zh-CN".into(),
        date: report.metadata.date,
    };
    Ok((
        PagedDocument {
            pages,
            info,
            outline,
            structure,
            distribution_breaks,
        },
        warnings,
    ))
}

/// Lines a part that keeps with the body needs on the body's last page.
fn kept_lines(style: &Style, part: &Part) -> usize {
    match part {
        Part::AttachmentNote { entries, .. } => 1 + entries.len(),
        Part::Signature(sig) if sig.signer.is_some() => 5,
        Part::Signature(sig) if !sig.seals.is_empty() => official::sealed_lines(style, sig),
        Part::Signature(_) => style.signature.blank_lines_before as usize + 2,
        Part::Notes(n) => n.len(),
        _ => 0,
    }
}

/// 附件说明: one blank line below the body, indented two characters: `附件：1.名称` (no space
/// after the number), further names aligned under the first, a wrapped name returning under
/// its own first character (GB/T 9704 §7.3.4), no punctuation after names.
fn attachment_note(flow: &mut Flow, label: &str, entries: &[(String, &str)]) {
    let style = flow.style;
    let body = style.body.clone();
    flow.blank_lines(1);
    // 「附件：」 with its colon at full width, followed on its line by the name.
    let label_line = official::label_line(flow, label, &body);
    let hang = style.indent + label_line.width;
    flow.open(StructKind::Paragraph);
    let many = entries.len() > 1;
    // Puts a line without advancing: the label and the number share a line with the name.
    let put_before = |flow: &mut Flow, l: &inline::Line, x: Pt| {
        if flow.free_lines() == 0 {
            flow.new_page();
        }
        let y_before = flow.y;
        flow.put_line(l, x, body.size);
        flow.y = y_before;
    };
    for (i, (number, name)) in entries.iter().enumerate() {
        let num_line = official::label_line(flow, number, &body);
        let name_x = if many { hang + num_line.width } else { hang };
        let runs = [Run {
            text: name.to_string(),
            emphasis: false,
        }];
        let lines = flow.set_runs(
            &runs,
            &body,
            flow.width() - name_x,
            Pt::ZERO,
            Justify::Justified,
        );
        if i == 0 {
            put_before(flow, &label_line, style.indent);
        }
        if many {
            put_before(flow, &num_line, hang);
        }
        flow.place_lines(&lines, name_x, body.size, 0);
    }
}

/// 落款 (GB/T 9704 §7.3.5.2, unsealed; standards §1.8): one blank line below the body; the
/// issuer right-indented two characters; the date on the next line starting two characters
/// right of the issuer's first character; a date longer than the name is right-indented two
/// characters and the name moves left to keep that offset.
fn signature(flow: &mut Flow, sig: &SignaturePart) {
    let style = flow.style;
    let ts: TextStyle = style.body.clone();
    let spec = flow.spec(&ts, true);
    let cell = spec.cell;
    let total = flow.width() / cell;
    let date = sig.date.clone();
    let issuer = sig.issuers.join("　");
    let wn = measure(flow.book, &spec, &issuer) / cell;
    let wd = measure(flow.book, &spec, &date) / cell;
    let (name_start, date_start) = style.signature.positions(total, wn, wd);
    flow.blank_lines(style.signature.blank_lines_before);
    if flow.free_lines() < 2 {
        flow.new_page();
    }
    flow.open(StructKind::Paragraph);
    for (text, start) in [(&issuer, name_start), (&date, date_start)] {
        let runs = [Run {
            text: text.clone(),
            emphasis: false,
        }];
        let lines = flow.set_runs(&runs, &ts, flow.width(), Pt::ZERO, Justify::Left);
        flow.check_missing(&lines, sig.span);
        for l in &lines {
            flow.put_line(l, (cell * start).max(Pt::ZERO), ts.size);
        }
    }
}

/// An attachment on a new page: 附件N (黑体) flush left on line 1, the title centred on line 3
/// (二号 小标宋), then the body (GB/T 9704 §7.3.6 / standards §1.5).
fn attachment(flow: &mut Flow, label: &str, title: &str, body: &[Block]) {
    let style = flow.style;
    if !flow.page_empty() {
        flow.new_page();
    }
    // An attachment is a section of its own: its label, its title (H1), its body.
    flow.container = flow.structure.add(Structure::ROOT, StructKind::Section);
    flow.open(StructKind::Paragraph);
    let runs = [Run {
        text: label.to_string(),
        emphasis: false,
    }];
    let ts = style.attachment_label.clone();
    let lines = flow.set_runs(&runs, &ts, flow.width(), Pt::ZERO, Justify::Left);
    for l in &lines {
        flow.put_line(l, Pt::ZERO, ts.size);
    }
    flow.y = flow.pitch() * (style.attachment_title_line.saturating_sub(1)) as f32;
    let tspec = flow.spec(&style.title, false);
    flow.open(StructKind::Heading {
        level: 1,
        text: title.to_string(),
    });
    let tl = title::title_lines(flow.book, &tspec, title, flow.width());
    for l in &tl {
        flow.put_line(l, Pt::ZERO, style.title.size);
    }
    flow.blank_lines(1);
    flow.blocks(body, 0);
}

/// `— N —` in 四号 宋体 below the type area: odd pages right, even pages left, one character
/// in (GB/T 9704 §7.5).
fn page_numbers(pages: &mut [Page], style: &Style, book: &FontBook) {
    let pn = &style.page_number;
    let spec = inline::TextSpec {
        role: pn.text.role,
        size: pn.text.size,
        cell: pn.text.size,
        latin: false,
        bold: false,
    };
    let y = style.page.margin_top
        + style.page.type_height()
        + pn.below_type_area
        + pn.text.size * flow::EM_ASCENT;
    for page in pages.iter_mut().filter(|p| p.numbered) {
        let text = pn.format.replace("{n}", &page.number.to_string());
        let chars: Vec<(char, bool)> = text.chars().map(|c| (c, false)).collect();
        let lines = inline::set_text(
            book,
            &spec,
            &chars,
            style.page.type_width(),
            Pt::ZERO,
            Justify::Left,
        );
        let Some(line) = lines.first() else { continue };
        page.items
            .push(Item::Tag(Tag::Artifact(ArtifactKind::PageNumber)));
        // GB/T 9704 §7.5: odd pages right, even pages left.
        let x = if page.number % 2 == 1 {
            style.page.margin_left + style.page.type_width() - pn.indent - line.width
        } else {
            style.page.margin_left + pn.indent
        };
        frame::line_items(line, x, y, 0.0, &mut page.items);
    }
}
