//! The validated, numbered report: what the layout and the DOCX writer consume.
//! Nothing here knows about fonts or geometry beyond lengths the user wrote.

use std::sync::Arc;

use crate::diag::Span;
use crate::geom::Pt;
use crate::yaml::Source;

use super::official::Official;
use super::table::Table;

/// A report ready for layout: headings numbered, tables resolved into grids, forms expanded.
#[derive(Clone, Debug)]
pub struct Report {
    /// Built-in layout name or a path (already resolved against the report's folder).
    pub layout: Option<String>,
    /// Where `layout:` was written, for layout and font errors.
    pub layout_span: Option<Span>,
    /// Title lines. One entry: the layout breaks it into balanced lines itself.
    pub title: Vec<String>,
    /// Whether the user gave the lines explicitly (a list), so no automatic breaking.
    pub title_explicit_lines: bool,
    /// Where the title (a form: its organ) is written, for characters no font has.
    pub title_span: Option<Span>,
    /// 主送机关, ending with a full-width colon.
    pub recipient: Option<String>,
    pub recipient_span: Option<Span>,
    /// Body blocks, headings flattened in document order.
    pub body: Vec<Block>,
    pub attachments: Vec<Attachment>,
    pub signature: Option<Signature>,
    /// 版头, 附注, 版记 and the document's format (report-format §2a).
    pub official: Official,
    pub metadata: Metadata,
    /// Key figures for batch summaries (forms only).
    pub figures: Option<KeyFigures>,
    /// The file the report was read from and its text, so a problem found later (a character
    /// no font has) can point at the exact place.
    pub source: Option<Arc<Source>>,
}

#[derive(Clone, Debug)]
pub enum Block {
    Paragraph(Paragraph),
    Heading(Heading),
    Table(Box<Table>),
    PageBreak,
}

/// A run of text, emphasised or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub emphasis: bool,
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub runs: Vec<Run>,
    pub span: Option<Span>,
}

impl Paragraph {
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            runs: vec![Run {
                text: text.into(),
                emphasis: false,
            }],
            span: None,
        }
    }

    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A heading at depth 1–4 with its literal number (一、 （一） 1. （1）) or none.
#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    /// False for `numbered: false`: printed without a number and not counted.
    pub numbered: bool,
    pub number: Option<String>,
    pub text: String,
    pub span: Option<Span>,
}

impl Heading {
    /// Number and text as printed: no space between them (standards §1.6).
    pub fn full_text(&self) -> String {
        format!("{}{}", self.number.as_deref().unwrap_or(""), self.text)
    }
}

#[derive(Clone, Debug)]
pub struct Attachment {
    pub title: String,
    pub body: Vec<Block>,
}

/// 落款 (GB/T 9704 §7.3.5): the issuers, the date and the seals placed over them.
#[derive(Clone, Debug)]
pub struct Signature {
    /// The lead issuer (the first of `issuers`), for document properties.
    pub issuer: String,
    /// Every issuer in issuing order (联合行文: more than one); never empty.
    pub issuers: Vec<String>,
    pub date: Date,
    /// Where `issuer` (or `issuers`) is written.
    pub issuer_span: Option<Span>,
    /// 印章 images, one per issuer, or none (the unsealed 落款 of §7.3.5.2).
    pub seals: Vec<SealRef>,
    /// 签发人签名章 (§7.3.5.3): the signer's title, name and signature seal.
    pub signer: Option<Signer>,
}

/// A seal image named in the report: its path as written, resolved against the report's
/// folder, where it is written, and the image once read (`None` until [`super::load_doc`]
/// reads it, or when it could not be read — an error was reported then).
#[derive(Clone, Debug)]
pub struct SealRef {
    pub path: String,
    pub span: Option<Span>,
    pub image: Option<crate::image::Image>,
}

/// 签发人 of a 命令/令 (§7.3.5.3): 职务, name, and optionally the 签名章 image.
#[derive(Clone, Debug)]
pub struct Signer {
    pub title: String,
    pub name: String,
    pub seal: Option<SealRef>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// 成文日期: Arabic digits, month and day without leading zeros (standards §1.5).
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub author: Option<String>,
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    /// Document date for PDF/DOCX properties (from the signature), if any.
    pub date: Option<Date>,
}

/// Figures of a form report that batch summaries list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyFigures {
    pub organ: String,
    pub new_applications: i64,
    pub handled: i64,
    pub carried_over: i64,
    pub review_total: i64,
    pub litigation_total: i64,
}

/// A font size written in the report (tables), resolved to points.
pub type FontSize = Pt;
