//! Stage 3: a [`Report`] and a [`Style`] laid out into pages of positioned glyphs and rules,
//! using the faces of a [`FontBook`]. Nothing here writes files.

pub mod dump;
pub mod flow;
pub mod frame;
pub mod inline;
mod paginate;
pub mod structure;
mod table;
pub mod title;

pub use frame::{DocInfo, Item, OutlineItem, Page, PagedDocument, RunGlyph, TextRun};
pub use structure::{ArtifactKind, NodeId, StructKind, Structure, Tag};

use crate::diag::Diagnostic;
use crate::geom::Pt;
use crate::limits::Limits;
use crate::model::{Attachment, Report, Run, Signature};
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
    flow.source = report.source.clone();
    if !report.title.is_empty() {
        let lines = title_lines(&flow, report);
        flow.check_missing(&lines, report.title_span.as_ref());
        flow.open(StructKind::Heading {
            level: 1,
            text: report.title.concat(),
        });
        for l in &lines {
            flow.put_line(l, Pt::ZERO, style.title.size);
        }
        flow.blank_lines(style.title_blank_lines_after);
    }
    if let Some(r) = &report.recipient {
        flow.open(StructKind::Paragraph);
        // 主送机关: flush left, continuation lines flush left too (standards §1.5).
        let runs = [Run {
            text: r.clone(),
            emphasis: false,
        }];
        let lines = flow.set_runs(
            &runs,
            &style.body.clone(),
            flow.width(),
            Pt::ZERO,
            Justify::Justified,
        );
        flow.check_missing(&lines, report.recipient_span.as_ref());
        flow.place_lines(&lines, Pt::ZERO, style.body.size, 0);
    }
    let sig_lines = report
        .signature
        .as_ref()
        .map(|_| style.signature.blank_lines_before as usize + 2)
        .unwrap_or(0);
    let note_lines = if report.attachments.is_empty() {
        0
    } else {
        1 + report.attachments.len()
    };
    flow.blocks(&report.body, sig_lines + note_lines);
    if !report.attachments.is_empty() {
        attachment_note(&mut flow, &report.attachments);
    }
    if let Some(sig) = &report.signature {
        signature(&mut flow, sig);
    }
    for (i, a) in report.attachments.iter().enumerate() {
        attachment(&mut flow, a, i, report.attachments.len());
    }
    let structure = std::mem::take(&mut flow.structure);
    let (mut pages, outline, warnings, too_many) = flow.finish();
    if too_many {
        return Err(vec![Diagnostic::error(
            None,
            format!(
                "the document runs past the limit of {} pages",
                limits.max_pages
            ),
        )
        .with_rule("limit")]);
    }
    page_numbers(&mut pages, style, book);
    let info = DocInfo {
        title: report.title.concat(),
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
        },
        warnings,
    ))
}

/// 附件说明: one blank line below the body, indented two characters: `附件：1.名称` (no space
/// after the number), further names aligned under the first, a wrapped name returning under
/// its own first character (GB/T 9704 §7.3.4), no punctuation after names.
fn attachment_note(flow: &mut Flow, attachments: &[Attachment]) {
    let style = flow.style;
    let body = style.body.clone();
    let spec = flow.spec(&body, true);
    flow.blank_lines(1);
    let label = "附件：";
    let hang = style.indent + measure(flow.book, &spec, label);
    flow.open(StructKind::Paragraph);
    let many = attachments.len() > 1;
    // Puts a line without advancing: the label and the number share a line with the name.
    let put_before = |flow: &mut Flow, text: &str, x: Pt| {
        let runs = [Run {
            text: text.into(),
            emphasis: false,
        }];
        let l = flow.set_runs(&runs, &body, flow.width(), Pt::ZERO, Justify::Left);
        if flow.free_lines() == 0 {
            flow.new_page();
        }
        let y_before = flow.y;
        flow.put_line(&l[0], x, body.size);
        flow.y = y_before;
    };
    for (i, a) in attachments.iter().enumerate() {
        let number = if many {
            format!("{}.", i + 1)
        } else {
            String::new()
        };
        let name_x = hang + measure(flow.book, &spec, &number);
        let runs = [Run {
            text: a.title.clone(),
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
            put_before(flow, label, style.indent);
        }
        if many {
            put_before(flow, &number, hang);
        }
        flow.place_lines(&lines, name_x, body.size, 0);
    }
}

/// 落款 (GB/T 9704 §7.3.5.2, unsealed; standards §1.8): one blank line below the body; the
/// issuer right-indented two characters; the date on the next line starting two characters
/// right of the issuer's first character; a date longer than the name is right-indented two
/// characters and the name moves left to keep that offset.
fn signature(flow: &mut Flow, sig: &Signature) {
    let style = flow.style;
    let ts: TextStyle = style.body.clone();
    let spec = flow.spec(&ts, true);
    let cell = spec.cell;
    let total = flow.width() / cell;
    let date = sig.date.chinese();
    let wn = measure(flow.book, &spec, &sig.issuer) / cell;
    let wd = measure(flow.book, &spec, &date) / cell;
    let (name_start, date_start) = style.signature.positions(total, wn, wd);
    flow.blank_lines(style.signature.blank_lines_before);
    if flow.free_lines() < 2 {
        flow.new_page();
    }
    flow.open(StructKind::Paragraph);
    for (text, start) in [(&sig.issuer, name_start), (&date, date_start)] {
        let runs = [Run {
            text: text.clone(),
            emphasis: false,
        }];
        let lines = flow.set_runs(&runs, &ts, flow.width(), Pt::ZERO, Justify::Left);
        flow.check_missing(&lines, sig.issuer_span.as_ref());
        for l in &lines {
            flow.put_line(l, (cell * start).max(Pt::ZERO), ts.size);
        }
    }
}

/// An attachment on a new page: 附件N (黑体) flush left on line 1, the title centred on line 3
/// (二号 小标宋), then the body (GB/T 9704 §7.3.6 / standards §1.5).
fn attachment(flow: &mut Flow, a: &Attachment, index: usize, count: usize) {
    let style = flow.style;
    if !flow.page_empty() {
        flow.new_page();
    }
    // An attachment is a section of its own: its label, its title (H1), its body.
    flow.container = flow.structure.add(Structure::ROOT, StructKind::Section);
    flow.open(StructKind::Paragraph);
    let label = if count > 1 {
        format!("附件{}", index + 1)
    } else {
        "附件".to_string()
    };
    let runs = [Run {
        text: label,
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
        text: a.title.clone(),
    });
    let tl = title::title_lines(flow.book, &tspec, &a.title, flow.width());
    for l in &tl {
        flow.put_line(l, Pt::ZERO, style.title.size);
    }
    flow.blank_lines(1);
    flow.blocks(&a.body, 0);
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
    for page in pages {
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
