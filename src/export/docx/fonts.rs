//! The faces a DOCX names, by role, and `word/fontTable.xml`, which tells Word what to
//! substitute where a face is missing.

use crate::style::{Role, Style};
use crate::text::FontBook;

use super::xml::Xml;

/// The official face of each role: the layout's first family name (not a bundled file
/// name); for a role whose candidates are all files, the family name of the face the layout
/// loaded for it.
#[derive(Clone, Debug)]
pub(super) struct FontNames {
    names: Vec<(Role, String)>,
}

impl FontNames {
    /// The names `style` gives each role, with `book`'s faces for roles named only by file.
    pub fn new(style: &Style, book: &FontBook) -> FontNames {
        let names = Role::ALL
            .iter()
            .map(|&role| {
                let name = style
                    .candidates(role)
                    .iter()
                    .find(|c| !c.contains('.'))
                    .cloned()
                    .or_else(|| {
                        let id = book.primary(role);
                        book.faces()
                            .any(|(i, _)| i == id)
                            .then(|| book.face(id).family.clone())
                    })
                    .unwrap_or_default();
                (role, name)
            })
            .collect();
        FontNames { names }
    }

    /// The face of `role`.
    pub fn get(&self, role: Role) -> &str {
        self.names
            .iter()
            .find(|(r, _)| *r == role)
            .map_or("", |(_, n)| n.as_str())
    }

    /// The face of Latin letters and digits.
    pub fn latin(&self) -> &str {
        self.get(Role::Latin)
    }

    /// Each face once, in role order (the fallback role's faces are never named in runs).
    fn distinct(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (role, name) in &self.names {
            if *role != Role::Fallback && !name.is_empty() && !out.contains(&name.as_str()) {
                out.push(name);
            }
        }
        out
    }
}

/// fontTable.xml: the faces the document names, the official Chinese ones with GB2312's
/// charset (86), their PANOSE numbers and, for the _GB2312 names a stock Windows lacks, the
/// face Word should substitute (`w:altName`: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体).
/// 方正小标宋简体 has no stock counterpart: where it is missing Word falls back to a GB2312 serif
/// face by the charset (宋体).
pub(super) fn font_table(fonts: &FontNames) -> Vec<u8> {
    let mut x = Xml::part(2048);
    x.open(
        "w:fonts",
        &[(
            "xmlns:w",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main".into(),
        )],
    );
    for name in fonts.distinct() {
        // (altName, charset, panose, family, pitch)
        let (alt, charset, panose, family, pitch) = match name {
            "仿宋_GB2312" => (
                Some("仿宋"),
                "86",
                "02010609030101010101",
                "modern",
                "fixed",
            ),
            "楷体_GB2312" => (
                Some("楷体"),
                "86",
                "02010609030101010101",
                "modern",
                "fixed",
            ),
            "仿宋" | "楷体" => (None, "86", "02010609030101010101", "modern", "fixed"),
            "黑体" => (None, "86", "02010609060101010101", "modern", "fixed"),
            "宋体" => (None, "86", "02010600030101010101", "auto", "variable"),
            "方正小标宋简体" => (None, "86", "02000000000000000000", "auto", "variable"),
            "Times New Roman" => (None, "00", "02020603050405020304", "roman", "variable"),
            n if !n.is_ascii() => (None, "86", "02010600030101010101", "auto", "variable"),
            _ => (None, "00", "020B0604020202020204", "swiss", "variable"),
        };
        x.open("w:font", &[("w:name", name.into())]);
        if let Some(a) = alt {
            x.empty("w:altName", &[("w:val", a.into())]);
        }
        x.empty("w:panose1", &[("w:val", panose.into())]);
        x.empty("w:charset", &[("w:val", charset.into())]);
        x.empty("w:family", &[("w:val", family.into())]);
        x.empty("w:pitch", &[("w:val", pitch.into())]);
        x.close("w:font");
    }
    x.close("w:fonts");
    x.into_bytes()
}
