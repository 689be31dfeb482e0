//! The output of layout: pages of positioned items, in points from the page's top-left corner
//! (y grows downwards; the PDF writer flips it).

// Not yet documented item by item (issue 12, item 6): remove once every public item is.
#![allow(missing_docs)]

use crate::date::Date;
use crate::geom::Pt;
use crate::image::Image;
use crate::style::Color;
use crate::text::FontId;

use super::inline::Line;
use super::structure::{Structure, Tag};

#[derive(Clone, Debug, Default)]
pub struct PagedDocument {
    pub pages: Vec<Page>,
    pub info: DocInfo,
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
    pub title: String,
    pub author: Option<String>,
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    pub language: String,
    pub date: Option<Date>,
}

/// A bookmark: a heading's text, depth (1–4), page index and y of its line top.
#[derive(Clone, Debug)]
pub struct OutlineItem {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: Pt,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub width: Pt,
    pub height: Pt,
    /// 1-based page number.
    pub number: usize,
    /// Whether the number is printed (GB/T 9704 §7.5: not on a blank page inserted before
    /// the 版记 page, nor on that page).
    pub numbered: bool,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub enum Item {
    /// The content drawn after this, up to the next tag, belongs to `Tag` (a structure
    /// element or an artifact). Every page starts with one.
    Tag(Tag),
    Text(TextRun),
    /// A straight line (table borders, the 版头 separator, 版记 rules).
    Rule {
        x1: Pt,
        y1: Pt,
        x2: Pt,
        y2: Pt,
        width: Pt,
        color: Color,
    },
    /// A picture (a seal) with its top-left corner at `x`, `y`, drawn `width` × `height`.
    Image {
        x: Pt,
        y: Pt,
        width: Pt,
        height: Pt,
        image: Image,
    },
    /// The outline of a box for a character that no font has, `size` wide and high.
    Missing {
        x: Pt,
        y: Pt,
        size: Pt,
        ch: char,
    },
}

/// Glyphs of one face, size and weight on one baseline.
#[derive(Clone, Debug)]
pub struct TextRun {
    /// Baseline origin of the run.
    pub x: Pt,
    pub y: Pt,
    pub font: FontId,
    pub size: Pt,
    /// Synthetic bold: stroke width (0 = none).
    pub stroke: Pt,
    pub color: Color,
    pub glyphs: Vec<RunGlyph>,
}

impl TextRun {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.ch).collect()
    }
}

#[derive(Clone, Debug)]
pub struct RunGlyph {
    /// Offset from the run's x.
    pub dx: Pt,
    pub gid: u16,
    pub ch: char,
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
