//! The output of layout: pages of positioned items, in points from the page's top-left corner
//! (y grows downwards; the PDF writer flips it).

use crate::date::Date;
use crate::geom::Pt;
use crate::image::Image;
use crate::style::Color;
use crate::text::FontId;

use super::inline::Line;
use super::structure::{Structure, Tag};

/// A laid-out document: its pages in order, with what the PDF writer needs besides them.
#[derive(Clone, Debug, Default)]
pub struct PagedDocument {
    /// The pages, first to last.
    pub pages: Vec<Page>,
    /// The PDF's document properties.
    pub info: DocInfo,
    /// Bookmarks in document order, one per heading.
    pub outline: Vec<OutlineItem>,
    /// The logical structure the pages' [`Item::Tag`]s point into (tagged PDF).
    pub structure: Structure,
    /// Pages started before the 版记 for it to land on an even page with room (0, 1 or 2):
    /// the DOCX writer breaks there as well.
    pub distribution_breaks: usize,
}

/// Document properties carried to the PDF.
#[derive(Clone, Debug, Default)]
pub struct DocInfo {
    /// The document title (the title lines joined).
    pub title: String,
    /// The author: `metadata.author`, else the lead issuer, else none.
    pub author: Option<String>,
    /// The subject (`metadata.subject`).
    pub subject: Option<String>,
    /// Keywords (`metadata.keywords`), in the order written.
    pub keywords: Vec<String>,
    /// The BCP 47 language tag of the text (`zh-CN`).
    pub language: String,
    /// The document date (the signature's), `None` when the report has none.
    pub date: Option<Date>,
}

/// A bookmark: a heading's text, depth (1–4), page index and y of its line top.
#[derive(Clone, Debug)]
pub struct OutlineItem {
    /// Depth of the heading, 1–4.
    pub level: u8,
    /// The heading's text with its number (`一、总体情况`).
    pub title: String,
    /// 0-based index of the page the heading is on.
    pub page: usize,
    /// Distance of the heading's first line top from the page top.
    pub y: Pt,
}

/// One page: its size and the items drawn on it, in drawing order.
#[derive(Clone, Debug)]
pub struct Page {
    /// Page width.
    pub width: Pt,
    /// Page height.
    pub height: Pt,
    /// 1-based page number.
    pub number: usize,
    /// Whether the number is printed (GB/T 9704 §7.5: not on a blank page inserted before
    /// the 版记 page, nor on that page).
    pub numbered: bool,
    /// What is drawn, in order; the first is always an [`Item::Tag`].
    pub items: Vec<Item>,
}

/// One thing drawn on a page. Coordinates are from the page's top-left corner, y downwards.
#[derive(Clone, Debug)]
pub enum Item {
    /// The content drawn after this, up to the next tag, belongs to `Tag` (a structure
    /// element or an artifact). Every page starts with one.
    Tag(Tag),
    /// Glyphs on one baseline.
    Text(TextRun),
    /// A straight line (table borders, the 版头 separator, 版记 rules).
    Rule {
        /// x of one end.
        x1: Pt,
        /// y of that end.
        y1: Pt,
        /// x of the other end.
        x2: Pt,
        /// y of the other end.
        y2: Pt,
        /// Stroke width.
        width: Pt,
        /// Stroke colour.
        color: Color,
    },
    /// A picture (a seal) with its top-left corner at `x`, `y`, drawn `width` × `height`.
    Image {
        /// Left edge.
        x: Pt,
        /// Top edge.
        y: Pt,
        /// Drawn width.
        width: Pt,
        /// Drawn height.
        height: Pt,
        /// The decoded picture.
        image: Image,
    },
    /// The outline of a box for a character that no font has, `size` wide and high.
    Missing {
        /// Left edge of the box.
        x: Pt,
        /// Baseline the box stands on.
        y: Pt,
        /// Side of the box: the font size.
        size: Pt,
        /// The character no font has (kept for text extraction and tests).
        ch: char,
    },
}

/// Glyphs of one face, size and weight on one baseline.
#[derive(Clone, Debug)]
pub struct TextRun {
    /// Baseline origin of the run.
    pub x: Pt,
    /// Baseline.
    pub y: Pt,
    /// The face the glyphs come from.
    pub font: FontId,
    /// The em size every glyph of the run is drawn at.
    pub size: Pt,
    /// Synthetic bold: stroke width (0 = none).
    pub stroke: Pt,
    /// Fill colour.
    pub color: Color,
    /// The glyphs, left to right.
    pub glyphs: Vec<RunGlyph>,
}

impl TextRun {
    /// The characters of the run, in order.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

/// One glyph of a [`TextRun`].
#[derive(Clone, Debug)]
pub struct RunGlyph {
    /// Offset from the run's x.
    pub dx: Pt,
    /// Glyph id in the run's face.
    pub gid: u16,
    /// The character the glyph draws (for the PDF's text layer).
    pub ch: char,
    /// Horizontal scale the glyph is drawn with (1 = natural).
    pub hscale: f32,
    /// Drawn from a `fallback` face: the text's own font lacks the character.
    pub fallback: bool,
}

/// Turns a set line into items at `x` (line start) and baseline `y`.
pub fn line_items(line: &Line, x: Pt, y: Pt, stroke_em: f32, out: &mut Vec<Item>) {
    let mut run: Option<TextRun> = None;
    for p in &line.glyphs {
        let g = &p.glyph;
        let Some(gid) = g.gid else {
            if let Some(r) = run.take() {
                out.push(Item::Text(r));
            }
            out.push(Item::Missing {
                x: x + p.x,
                y,
                size: g.size,
                ch: g.ch,
            });
            continue;
        };
        let stroke = if g.bold { g.size * stroke_em } else { Pt::ZERO };
        let same = run
            .as_ref()
            .is_some_and(|r| r.font == g.font && r.size == g.size && r.stroke == stroke);
        if !same {
            if let Some(r) = run.take() {
                out.push(Item::Text(r));
            }
            run = Some(TextRun {
                x: x + p.x,
                y,
                font: g.font,
                size: g.size,
                stroke,
                color: Color::BLACK,
                glyphs: Vec::new(),
            });
        }
        let r = run.as_mut().expect("run started");
        r.glyphs.push(RunGlyph {
            dx: x + p.x - r.x,
            gid,
            ch: g.ch,
            hscale: g.hscale,
            fallback: g.fallback,
        });
    }
    if let Some(r) = run {
        out.push(Item::Text(r));
    }
}
