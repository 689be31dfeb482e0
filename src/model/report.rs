//! The validated, numbered report: what the layout and the DOCX writer consume.
//! Nothing here knows about fonts or geometry beyond lengths the user wrote.

// Not yet documented item by item (issue 12, item 6): remove once every public item is.
#![allow(missing_docs)]

use crate::diag::Span;
use crate::geom::Pt;

use super::official::Official;
use super::table::Table;

/// A report ready for layout: headings numbered, tables resolved into grids, forms expanded.
#[derive(Clone, Debug)]
pub struct Report {
    /// Built-in layout name or a path as written: relative to the file of `layout_span` (the
    /// report, or the batch defaults it came from), resolved by [`crate::world::World`].
    pub layout: Option<String>,
    /// Where `layout:` was written, for layout and font errors.
    pub layout_span: Option<Span>,
    /// Title lines. One entry: the layout breaks it into balanced lines itself.
    pub title: Vec<String>,
    /// Whether the user gave the lines explicitly (a list), so no automatic breaking.
    pub title_explicit_lines: bool,
    /// Where a title that wraps should break, in characters from its start (a form's title
    /// after the organ's name), when that gives lines that fit; else the layout balances.
    pub title_break: Option<usize>,
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
    /// The batch-summary values this report fills, by column (a form's organ and key
    /// figures; empty for a general report). A batch lists [`super::summary_columns`].
    pub summary: Vec<(&'static str, String)>,
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

pub use crate::date::Date;

#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub author: Option<String>,
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    /// Document date for PDF/DOCX properties (from the signature), if any.
    pub date: Option<Date>,
}

/// A font size written in the report (tables), resolved to points.
pub type FontSize = Pt;
