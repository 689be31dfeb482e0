//! A stable text dump of laid-out pages, one item per line, lengths in points to two
//! decimals: the reference format of the layout tests (diffable, reviewed like code).

use std::fmt::Write;

use crate::text::FontBook;

use crate::style::Color;

use super::frame::{Item, PagedDocument};

/// ` #RRGGBB` for coloured text and rules; nothing for black (older dumps stay as they were).
fn color(c: Color) -> String {
    if c == Color::BLACK {
        String::new()
    } else {
        format!(" #{}", c.hex())
    }
}

/// Dumps every page. Fonts are named by family so the dump does not depend on file paths.
pub fn dump(doc: &PagedDocument, book: &FontBook) -> String {
    let mut out = String::new();
    for p in &doc.pages {
        let unnumbered = if p.numbered { "" } else { " unnumbered" };
        let _ = writeln!(
            out,
            "page {} {}x{}{unnumbered}",
            p.number, p.width, p.height
        );
        for item in &p.items {
            match item {
                // Structure marks draw nothing; the structure tree is checked on its own.
                Item::Tag(_) => {}
                Item::Text(t) => {
                    let bold = if t.stroke.get() > 0.0 { " bold" } else { "" };
                    let _ = writeln!(
                        out,
                        "  text {} {} {} {}{}{} {:?}",
                        t.x,
                        t.y,
                        book.face(t.font).family,
                        t.size,
                        bold,
                        color(t.color),
                        t.text()
                    );
                }
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                } => {
                    let _ = writeln!(out, "  rule {x1} {y1} {x2} {y2} {width}{}", color(*c));
                }
                Item::Image {
                    x,
                    y,
                    width,
                    height,
                    image,
                } => {
                    let _ = writeln!(out, "  image {x} {y} {width} {height} {:?}", image.kind);
                }
                Item::Missing { x, y, size, ch } => {
                    let _ = writeln!(out, "  missing {x} {y} {size} U+{:04X}", *ch as u32);
                }
            }
        }
    }
    for o in &doc.outline {
        let _ = writeln!(
            out,
            "outline {} page {} {} {:?}",
            o.level,
            o.page + 1,
            o.y,
            o.title
        );
    }
    out
}
