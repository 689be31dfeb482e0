//! The validated, numbered report: what the layout and the DOCX writer consume.
//! Nothing here knows about fonts or geometry beyond lengths the user wrote.

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
    /// Where `recipient:` is written, for characters no font has.
    pub recipient_span: Option<Span>,
    /// Body blocks, headings flattened in document order.
    pub body: Vec<Block>,
    /// 附件: each starts on a new page after the main document (GB/T 9704 §8).
    pub attachments: Vec<Attachment>,
    /// 落款, when the report has one.
    pub signature: Option<Signature>,
    /// 版头, 附注, 版记 and the document's format (report-format §2a).
    pub official: Official,
    /// Document properties for the PDF and DOCX.
    pub metadata: Metadata,
    /// The batch-summary values this report fills, by column (a form's organ and key
    /// figures; empty for a general report). A batch lists [`super::summary_columns`].
    pub summary: Vec<(&'static str, String)>,
}

/// One block of a body, in document order.
#[derive(Clone, Debug)]
pub enum Block {
    /// A paragraph of body text.
    Paragraph(Paragraph),
    /// A numbered (or unnumbered) heading.
    Heading(Heading),
    /// A table, its grid resolved.
    Table(Box<Table>),
    /// `page-break`: the next block starts a new page.
    PageBreak,
}

/// A run of text, emphasised or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The text, `**` markers removed.
    pub text: String,
    /// Written between `**` markers: drawn in (synthetic) bold.
    pub emphasis: bool,
}

/// A paragraph: its runs in order and where it is written.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// The runs, in order; their texts joined are the paragraph's text.
    pub runs: Vec<Run>,
    /// Where the paragraph is written (its value's bytes), for characters no font has.
    pub span: Option<Span>,
}

impl Paragraph {
    /// A paragraph of one plain run, written nowhere (generated text).
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            runs: vec![Run {
                text: text.into(),
                emphasis: false,
            }],
            span: None,
        }
    }

    /// The paragraph's text, runs joined.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A heading at depth 1–4 with its literal number (一、 （一） 1. （1）) or none.
#[derive(Clone, Debug)]
pub struct Heading {
    /// Depth, 1–4.
    pub level: u8,
    /// False for `numbered: false`: printed without a number and not counted.
    pub numbered: bool,
    /// The literal number (`一、`), `None` when not numbered.
    pub number: Option<String>,
    /// The heading's text, without its number.
    pub text: String,
    /// Where the heading is written.
    pub span: Option<Span>,
}

impl Heading {
    /// Number and text as printed: no space between them (standards §1.6).
    pub fn full_text(&self) -> String {
        format!("{}{}", self.number.as_deref().unwrap_or(""), self.text)
    }
}

/// An attachment (附件): its title and body, laid out on pages of its own.
#[derive(Clone, Debug)]
pub struct Attachment {
    /// The title, centred on the attachment's first page.
    pub title: String,
    /// The body blocks, as in the main body.
    pub body: Vec<Block>,
}

/// 落款 (GB/T 9704 §7.3.5): the issuers, the date and the seals placed over them.
#[derive(Clone, Debug)]
pub struct Signature {
    /// The lead issuer (the first of `issuers`), for document properties.
    pub issuer: String,
    /// Every issuer in issuing order (联合行文: more than one); never empty.
    pub issuers: Vec<String>,
    /// The 成文日期, printed in Chinese numerals.
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
    /// The path as written.
    pub path: String,
    /// Where the path is written (its file is the one it is relative to).
    pub span: Option<Span>,
    /// The decoded image, `None` until read or when it could not be read.
    pub image: Option<crate::image::Image>,
}

/// 签发人 of a 命令/令 (§7.3.5.3): 职务, name, and optionally the 签名章 image.
#[derive(Clone, Debug)]
pub struct Signer {
    /// The signer's 职务 (`局长`).
    pub title: String,
    /// The signer's name.
    pub name: String,
    /// The 签名章 image, when given.
    pub seal: Option<SealRef>,
}

pub use crate::date::Date;

/// Document properties (PDF `Info`/XMP, DOCX `docProps`).
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The author as written (`metadata.author`); without one the PDF names the lead issuer.
    pub author: Option<String>,
    /// Subject (`metadata.subject`).
    pub subject: Option<String>,
    /// Keywords (`metadata.keywords`), in order.
    pub keywords: Vec<String>,
    /// Document date for PDF/DOCX properties (from the signature), if any.
    pub date: Option<Date>,
}

/// A font size written in the report (tables), resolved to points.
pub type FontSize = Pt;
