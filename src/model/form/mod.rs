//! Forms (report-format §3): a `form:` report holds only text and numbers; it is expanded here
//! into a general report with the national format's exact title, six section headings and
//! three statistics tables, and checked (勾稽关系, standards §2.6).

mod checks;
mod data;
mod starter;
mod tables;

pub(crate) use data::{Applications, FormData};
pub use data::{Format, OTHER_KEYS};
pub use starter::starter;

use crate::world::World;

use crate::diag::{Diagnostic, Rule};
use crate::limits::Limits;
use crate::yaml::{Node, Reader};

use super::parse::number_headings;
use super::report::*;

/// The columns a form adds to a batch summary, in order: 新收申请, 办理结果合计, 结转下年度,
/// 行政复议合计, 行政诉讼合计 (table 四 and 五).
pub const SUMMARY_COLUMNS: &[&str] = &[
    "new_applications",
    "handled",
    "carried_over",
    "review_total",
    "litigation_total",
];

/// The six sections of both formats, in order (standards §2.2).
pub const SECTIONS: [&str; 6] = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
];

/// The key of each section in a form report, in the order of [`SECTIONS`].
pub const SECTION_KEYS: [&str; 6] = [
    "overview",
    "active-disclosure",
    "applications",
    "review-litigation",
    "problems",
    "other",
];

/// Expands a form report. Problems (unknown keys, failed checks) go to `r.diags`.
pub fn expand(r: &mut Reader, root: &Node, world: &World, limits: &Limits) -> Option<Report> {
    let data = data::read(r, root, limits)?;
    checks::run(r, &data, world);
    Some(build(&data))
}

fn heading(n: usize) -> Block {
    Block::Heading(Heading {
        level: 1,
        numbered: true,
        number: Some(super::numbering::heading_number(1, n as u32 + 1)),
        text: SECTIONS[n].to_string(),
        span: None,
    })
}

/// Builds the general report: title, preamble, sections 一–六 with the tables.
pub(crate) fn build(d: &FormData) -> Report {
    let mut body = d.preamble.clone();
    let sections: [Option<Vec<Block>>; 6] = [
        d.overview.clone(),
        d.active
            .as_ref()
            .map(|a| vec![Block::Table(Box::new(tables::table_a(a)))]),
        d.applications
            .as_ref()
            .map(|a| vec![Block::Table(Box::new(tables::table_b(a, d.format)))]),
        d.review
            .as_ref()
            .map(|c| vec![Block::Table(Box::new(tables::table_c(c)))]),
        d.problems.clone(),
        d.other.clone(),
    ];
    for (i, s) in sections.into_iter().enumerate() {
        // A missing section is an S1 error; with --force the draft still shows its heading.
        body.push(heading(i));
        body.extend(s.unwrap_or_default());
    }
    number_headings(&mut body);
    let title = format!("{}{}年政府信息公开工作年度报告", d.organ, d.year);
    // A title that wraps breaks after the organ's name, a whole word (GB/T 9704 §7.3.1); the
    // layout decides whether it wraps, with the fonts' metrics.
    let title_break = (!d.organ.is_empty()).then(|| d.organ.chars().count());
    // The key figures, one per column of SUMMARY_COLUMNS, when table 四 was given.
    let summary = match &d.applications {
        Some(a) => {
            let review = |cols: &[usize]| {
                d.review
                    .as_ref()
                    .map(|c| cols.iter().map(|&i| c.total(i)).sum::<i64>())
                    .unwrap_or(0)
            };
            let figures = [
                a.column_total("new"),
                a.results_total().iter().sum::<i64>(),
                a.column_total("carried-over"),
                review(&[0]),
                review(&[1, 2]),
            ];
            let mut out = vec![("organ", d.organ.clone())];
            out.extend(
                SUMMARY_COLUMNS
                    .iter()
                    .zip(figures)
                    .map(|(&c, v)| (c, v.to_string())),
            );
            out
        }
        None => Vec::new(),
    };
    Report {
        layout: d.layout.clone(),
        layout_span: d.layout_span.clone(),
        title: vec![title],
        title_explicit_lines: false,
        title_break,
        // The title is built around the organ; its characters are found from there.
        title_span: d.organ_span.clone(),
        recipient: d.recipient.clone(),
        recipient_span: d.recipient_span.clone(),
        body,
        attachments: Vec::new(),
        signature: d.signature.clone(),
        official: d.official.clone(),
        metadata: Metadata {
            author: Some(d.organ.clone()),
            subject: Some("政府信息公开工作年度报告".into()),
            keywords: vec![
                "政府信息公开".into(),
                "年度报告".into(),
                format!("{}年", d.year),
            ],
            date: d.signature.as_ref().map(|s| s.date),
        },
        summary,
    }
}

/// An error about a key of the other format.
fn wrong_format(r: &mut Reader, key: &Node, name: &str, format: Format) {
    let d = Diagnostic::error(
        Some(r.span(key)),
        format!(
            "`{name}` belongs to the {} format, but this report is {}",
            format.other().name(),
            format.name()
        ),
    )
    .with_rule(Rule::Form)
    .with_hint(format!(
        "change `form:` to {} or use this format's keys",
        format.other().name()
    ));
    r.push(d);
}
