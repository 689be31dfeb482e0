//! Glyph coverage of a laid-out document: which face each character came from, what fell
//! back and what no font has (`gongwen fonts REPORT`).
//!
//! It reads the pages the layout made, so it sees every character the layout sets (title,
//! 主送, body, 附件说明, attachment titles, table titles and notes, 落款 and its date, page
//! numbers) in the face the layout chose for it: there is no second decision of roles here.

use std::collections::{BTreeMap, BTreeSet};

use crate::layout::{Item, PagedDocument};
use crate::text::{FontBook, FontId};

/// What a document's characters are drawn from.
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    /// Every character set, spaces excepted.
    pub chars: BTreeSet<char>,
    /// The number of distinct characters per face family, by family name.
    pub per_font: Vec<(String, usize)>,
    /// (character, family) for characters the layout drew from a fallback face because the
    /// face of their text lacks them.
    pub fallbacks: Vec<(char, String)>,
    /// Characters that no font has (drawn as empty boxes).
    pub missing: Vec<char>,
}

/// The coverage of `doc`, laid out with the faces of `book`.
pub fn coverage(doc: &PagedDocument, book: &FontBook) -> Coverage {
    let mut drawn: BTreeSet<(char, FontId, bool)> = BTreeSet::new();
    let mut missing = BTreeSet::new();
    for page in &doc.pages {
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    for g in &run.glyphs {
                        if !g.ch.is_whitespace() {
                            drawn.insert((g.ch, run.font, g.fallback));
                        }
                    }
                }
                Item::Missing { ch, .. } => {
                    missing.insert(*ch);
                }
                _ => {}
            }
        }
    }
    let mut per_font: BTreeMap<String, BTreeSet<char>> = BTreeMap::new();
    let mut fallbacks = BTreeSet::new();
    let mut chars: BTreeSet<char> = missing.clone();
    for &(ch, id, fallback) in &drawn {
        chars.insert(ch);
        let family = &book.face(id).family;
        per_font.entry(family.clone()).or_default().insert(ch);
        if fallback {
            fallbacks.insert((ch, family.clone()));
        }
    }
    Coverage {
        chars,
        per_font: per_font.into_iter().map(|(f, c)| (f, c.len())).collect(),
        fallbacks: fallbacks.into_iter().collect(),
        missing: missing.into_iter().collect(),
    }
}
