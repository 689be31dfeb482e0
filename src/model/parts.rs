//! The resolved document: a report as the ordered list of its parts, every literal string
//! made (「附件1」, 「签发人：」, 「抄送：…。」, 「…印发」). The layout and the DOCX writer each
//! walk this list with one `match`; neither knows the order of parts or writes their words.

use crate::diag::Span;
use crate::image::Image;

use super::{Block, DocFormat, Report};

/// One part of a document, in reading order.
#[derive(Debug)]
pub enum Part<'a> {
    /// 版头 (GB/T 9704 §7.2).
    Head(HeadPart),
    /// 标题: lines as written, or one line the layout breaks between words.
    Title {
        /// The lines as written (one string: the layout breaks it).
        lines: &'a [String],
        /// Whether the user gave the lines (no automatic breaking).
        explicit: bool,
        /// The preferred break of a title that wraps (characters from its start).
        prefer_break: Option<usize>,
        /// Where the title is written.
        span: Option<&'a Span>,
    },
    /// 主送机关.
    Recipient {
        /// The recipients, ending with a full-width colon.
        text: &'a str,
        /// Where it is written.
        span: Option<&'a Span>,
    },
    /// 正文.
    Body(&'a [Block]),
    /// 附件说明 (§7.3.4): the label, then each entry's number (empty for one) and name.
    AttachmentNote {
        /// 「附件：」.
        label: &'static str,
        /// Each attachment's number (「1.」, empty when there is one) and name.
        entries: Vec<(String, &'a str)>,
    },
    /// 落款 (§7.3.5).
    Signature(SignaturePart<'a>),
    /// 附注 (§7.3.6), each in round brackets.
    Notes(&'a [String]),
    /// 纪要 (§10.3): each list's label with its colon (「出席：」) and its names joined by 、.
    Attendance(Vec<(String, String)>),
    /// An attachment on pages of its own (§7.3.4 / §8).
    Attachment {
        /// 「附件」 or 「附件N」.
        label: String,
        /// The attachment's title.
        title: &'a str,
        /// Its blocks, numbered on their own.
        body: &'a [Block],
    },
    /// 版记 (§7.4) at the foot of the last, even page.
    Distribution(DistributionPart),
}

impl Part<'_> {
    /// Whether the part must share a page with the end of the part before it (the 附件说明 and
    /// 落款 stay with the last body lines, GB/T 9704 §7.3.5.5; the 附注 with the date).
    pub fn keeps_with_previous(&self) -> bool {
        matches!(
            self,
            Part::AttachmentNote { .. } | Part::Signature(_) | Part::Notes(_)
        )
    }
}

/// What a 版头 line stands for: the layout gives each its face.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// 份号: 仿宋 digits.
    CopyNumber,
    /// 密级和保密期限, 紧急程度: 黑体.
    Flag,
}

/// The 版头 with its words.
#[derive(Debug)]
pub struct HeadPart {
    /// Which 版头: 文件格式, 信函 (§10.1), 命令 (§10.2) or 纪要 (§10.3).
    pub format: DocFormat,
    /// 份号, 密级和保密期限, 紧急程度: stacked flush left from line 1, in this order.
    pub flags: Vec<(String, FlagKind)>,
    /// The mark's lines: one (organ + 「文件」, or `mark`), or the stacked organs of 联合行文.
    pub mark: Vec<String>,
    /// 联合行文: 「文件」 once, right of the stacked names.
    pub mark_suffix: Option<String>,
    /// 发文字号.
    pub number: Option<String>,
    /// 「签发人：」 and the names (上行文): the number moves flush left.
    pub signers: Option<(String, Vec<String>)>,
}

/// The 落款 with its words and seals.
#[derive(Debug)]
pub struct SignaturePart<'a> {
    /// The issuers in issuing order (one unless 联合行文).
    pub issuers: &'a [String],
    /// 成文日期 as printed (2024年3月15日).
    pub date: String,
    /// One image per issuer, or none (unsealed).
    pub seals: Vec<&'a Image>,
    /// 签发人签名章: title, name, seal.
    pub signer: Option<(&'a str, &'a str, Option<&'a Image>)>,
    /// Where the issuer is written.
    pub span: Option<&'a Span>,
}

/// The 版记 with its words.
#[derive(Debug)]
pub struct DistributionPart {
    /// The rules above, between and below (a 信函's 版记 has none, §10.1).
    pub rules: bool,
    /// 「抄送：」 and 「A，B。」: continuation lines align after the label.
    pub cc: Option<(String, String)>,
    /// 印发机关 (flush left) and 「2024年3月15日印发」 (flush right).
    pub printed: Option<(String, String)>,
}

impl Report {
    /// The document's title for its properties: the title, or for an order without one, the
    /// mark (「某某市人民政府令」).
    pub fn document_title(&self) -> String {
        if !self.title.is_empty() {
            return self.title.concat();
        }
        match self.parts().into_iter().next() {
            Some(Part::Head(h)) => h.mark.concat(),
            _ => String::new(),
        }
    }

    /// The document's parts in order (report-format §2a: 版头, title, 主送, body, 附件说明,
    /// 落款, 附注, attachments, 版记).
    pub fn parts(&self) -> Vec<Part<'_>> {
        let mut parts = Vec::new();
        let o = &self.official;
        if let Some(h) = &o.head {
            let mut flags = Vec::new();
            if let Some(c) = &h.copy_number {
                flags.push((c.clone(), FlagKind::CopyNumber));
            }
            for f in [&h.secrecy, &h.urgency].into_iter().flatten() {
                flags.push((f.clone(), FlagKind::Flag));
            }
            let lead = h.organs.first().cloned().unwrap_or_default();
            let (mark, mark_suffix) = match (&h.mark, o.format, h.organs.len()) {
                (Some(m), _, _) => (vec![m.clone()], None),
                // §10.1: a 信函 carries the organ's name (the lead organ's when joint).
                (None, DocFormat::Letter, _) => (vec![lead], None),
                // §10.2: the full name and 「令」 (`mark` for 「命令」).
                (None, DocFormat::Order, _) => (vec![format!("{lead}令")], None),
                (None, DocFormat::Minutes, _) => (vec![format!("{lead}纪要")], None),
                (None, DocFormat::Document, 1) => (vec![format!("{lead}文件")], None),
                (None, DocFormat::Document, _) => (h.organs.clone(), Some("文件".to_string())),
            };
            parts.push(Part::Head(HeadPart {
                format: o.format,
                flags,
                mark,
                mark_suffix,
                number: h.number.clone(),
                signers: (!h.signers.is_empty())
                    .then(|| ("签发人：".to_string(), h.signers.clone())),
            }));
        }
        if !self.title.is_empty() {
            parts.push(Part::Title {
                lines: &self.title,
                explicit: self.title_explicit_lines,
                prefer_break: self.title_break,
                span: self.title_span.as_ref(),
            });
        }
        if let Some(r) = &self.recipient {
            parts.push(Part::Recipient {
                text: r,
                span: self.recipient_span.as_ref(),
            });
        }
        parts.push(Part::Body(&self.body));
        let many = self.attachments.len() > 1;
        if !self.attachments.is_empty() {
            parts.push(Part::AttachmentNote {
                label: "附件：",
                entries: self
                    .attachments
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let n = if many {
                            format!("{}.", i + 1)
                        } else {
                            String::new()
                        };
                        (n, a.title.as_str())
                    })
                    .collect(),
            });
        }
        if !o.attendance.is_empty() {
            parts.push(Part::Attendance(
                o.attendance
                    .iter()
                    .map(|(label, names)| (format!("{label}："), names.join("、")))
                    .collect(),
            ));
        }
        if let Some(s) = &self.signature {
            parts.push(Part::Signature(SignaturePart {
                issuers: &s.issuers,
                date: s.date.chinese(),
                seals: s.seals.iter().filter_map(|x| x.image.as_ref()).collect(),
                signer: s.signer.as_ref().map(|g| {
                    (
                        g.title.as_str(),
                        g.name.as_str(),
                        g.seal.as_ref().and_then(|x| x.image.as_ref()),
                    )
                }),
                span: s.issuer_span.as_ref(),
            }));
        }
        if !o.notes.is_empty() {
            parts.push(Part::Notes(&o.notes));
        }
        for (i, a) in self.attachments.iter().enumerate() {
            parts.push(Part::Attachment {
                label: if many {
                    format!("附件{}", i + 1)
                } else {
                    "附件".into()
                },
                title: &a.title,
                body: &a.body,
            });
        }
        if let Some(d) = &o.distribution {
            let cc = (!d.cc.is_empty())
                .then(|| ("抄送：".to_string(), format!("{}。", d.cc.join("，"))));
            let letter = o.format == DocFormat::Letter;
            let printed = match (&d.printed_by, d.printed_on) {
                // §10.1: a 信函's 版记 has no 印发 line.
                _ if letter => None,
                (None, None) => None,
                (by, on) => Some((
                    by.clone().unwrap_or_default(),
                    on.map(|d| format!("{}印发", d.chinese()))
                        .unwrap_or_default(),
                )),
            };
            parts.push(Part::Distribution(DistributionPart {
                rules: !letter,
                cc,
                printed,
            }));
        }
        parts
    }
}
