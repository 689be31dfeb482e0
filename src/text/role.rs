//! The font roles: which kind of text a face is for. A layout names candidate fonts per role
//! (`fonts:`), the [`FontBook`](super::FontBook) resolves each role to a chain of faces.

/// The font roles a layout names (report-format §5).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The document title (标题).
    Title,
    /// Body text, the 主送, 附件说明 and 落款.
    Body,
    /// Level-1 headings (一、).
    Heading1,
    /// Level-2 headings (（一）).
    Heading2,
    /// Level-3 headings (1.).
    Heading3,
    /// Level-4 headings (（1）).
    Heading4,
    /// Table cells.
    Table,
    /// Page numbers.
    PageNumber,
    /// Latin letters and digits in any text.
    Latin,
    /// Faces for characters the role's own faces lack.
    Fallback,
}

impl Role {
    /// Every role, in the order `gongwen fonts` lists them.
    pub const ALL: [Role; 10] = [
        Role::Title,
        Role::Body,
        Role::Heading1,
        Role::Heading2,
        Role::Heading3,
        Role::Heading4,
        Role::Table,
        Role::PageNumber,
        Role::Latin,
        Role::Fallback,
    ];

    /// The key of this role in a layout's `fonts:` map.
    pub fn key(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Body => "body",
            Role::Heading1 => "heading1",
            Role::Heading2 => "heading2",
            Role::Heading3 => "heading3",
            Role::Heading4 => "heading4",
            Role::Table => "table",
            Role::PageNumber => "page-number",
            Role::Latin => "latin",
            Role::Fallback => "fallback",
        }
    }

    /// The role of a `fonts:` key, if it is one.
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The role of a heading level (1–4; deeper levels use level 4).
    pub fn heading(level: u8) -> Role {
        match level {
            1 => Role::Heading1,
            2 => Role::Heading2,
            3 => Role::Heading3,
            _ => Role::Heading4,
        }
    }
}

/// The candidate fonts of `role` in a layout's `fonts:` list (family names or bundled file
/// names, in order of preference); none when the role is not listed.
pub fn candidates(fonts: &[(Role, Vec<String>)], role: Role) -> &[String] {
    fonts
        .iter()
        .find(|(r, _)| *r == role)
        .map(|(_, c)| c.as_slice())
        .unwrap_or(&[])
}
