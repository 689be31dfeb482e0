//! Glyph coverage of a report: which face each character comes from and what falls back.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Block, Report};
use crate::style::{Role, Style};
use crate::text::class::is_latin_letter;
use crate::text::FontBook;

pub struct Coverage {
    pub distinct: usize,
    /// Characters per face family.
    pub per_font: Vec<(String, usize)>,
    /// (role, character, family) for characters not in the role's primary face.
    pub fallbacks: Vec<(String, char, String)>,
    pub missing: Vec<char>,
}

pub fn coverage(report: &Report, style: &Style, book: &FontBook) -> Coverage {
    let mut chars: BTreeSet<(Role, char)> = BTreeSet::new();
    let mut add = |role: Role, text: &str| {
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            chars.insert((role, c));
        }
    };
    for t in &report.title {
        add(style.title.role, t);
    }
    let mut blocks: Vec<&Block> = report.body.iter().collect();
    for a in &report.attachments {
        blocks.extend(a.body.iter());
    }
    for b in blocks {
        match b {
            Block::Paragraph(p) => add(style.body.role, &p.text()),
            Block::Heading(h) => add(style.heading(h.level).role, &h.full_text()),
            Block::Table(t) => {
                for c in &t.grid.cells {
                    add(style.table.text.role, &c.text);
                }
            }
            Block::PageBreak => {}
        }
    }
    if let Some(s) = &report.signature {
        add(style.body.role, &s.issuer);
    }
    let mut per_font: BTreeMap<String, usize> = BTreeMap::new();
    let mut fallbacks = Vec::new();
    let mut missing = BTreeSet::new();
    let mut distinct = BTreeSet::new();
    for (role, c) in chars {
        distinct.insert(c);
        let role = if is_latin_letter(c) && !book.chain(Role::Latin).is_empty() {
            Role::Latin
        } else {
            role
        };
        match book.pick(role, c) {
            Some((id, _)) => {
                let fam = book.face(id).family.clone();
                if id != book.primary(role) {
                    fallbacks.push((role.key().to_string(), c, fam.clone()));
                }
                *per_font.entry(fam).or_default() += 1;
            }
            None => {
                missing.insert(c);
            }
        }
    }
    Coverage {
        distinct: distinct.len(),
        per_font: per_font.into_iter().collect(),
        fallbacks,
        missing: missing.into_iter().collect(),
    }
}
