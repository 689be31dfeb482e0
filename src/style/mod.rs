//! Appearance as data: a layout file (`layouts/*.yaml`) read into a [`Style`].
//! The built-in `gbt9704` layout is compiled in so the binary works from anywhere; a layout
//! file may `extends: gbt9704` and override any value.

// Not yet documented item by item (issue 12, item 6): remove once every public item is.
#![allow(missing_docs)]

mod load;

pub use load::{is_builtin, load_layout, LayoutSource, TOP_KEYS};

use crate::geom::Pt;

pub use crate::text::Role;

/// Page size and margins, in points.
#[derive(Clone, Debug)]
pub struct PageStyle {
    pub width: Pt,
    pub height: Pt,
    pub margin_top: Pt,
    pub margin_bottom: Pt,
    pub margin_left: Pt,
    pub margin_right: Pt,
}

impl PageStyle {
    /// Width of the type area (版心), 156 mm in GB/T 9704.
    pub fn type_width(&self) -> Pt {
        self.width - self.margin_left - self.margin_right
    }

    /// Height of the type area, 225 mm in GB/T 9704.
    pub fn type_height(&self) -> Pt {
        self.height - self.margin_top - self.margin_bottom
    }
}

/// The line grid of body pages.
#[derive(Clone, Debug)]
pub struct GridStyle {
    pub lines: u32,
    pub chars: u32,
    pub line_pitch: Pt,
    /// Strict: every Han character gets type width / chars; natural: the font's 1 em.
    pub strict: bool,
    /// The DOCX document grid: Word's character grid (`linesAndChars`, what some office
    /// templates demand) instead of the line grid with condensed runs that LibreOffice, Word
    /// and WPS all set 28 a line (docx-notes).
    pub docx_chars: bool,
}

/// Font role and size of a kind of text.
#[derive(Clone, Debug)]
pub struct TextStyle {
    pub role: Role,
    pub size: Pt,
    pub bold: bool,
}

#[derive(Clone, Debug)]
pub struct PageNumberStyle {
    pub text: TextStyle,
    /// `{n}` is replaced by the page number.
    pub format: String,
    pub below_type_area: Pt,
    pub indent: Pt,
}

#[derive(Clone, Debug)]
pub struct TableStyle {
    pub text: TextStyle,
    /// Line height inside cells, as a multiple of the cell font size.
    pub line_height: f32,
    pub border: Pt,
    pub padding: Pt,
    pub padding_vertical: Pt,
    pub title: TextStyle,
    pub note_size: Pt,
}

impl TableStyle {
    /// The line height of a table's note: 1.5 times its size (the PDF and the DOCX alike).
    pub fn note_line_height(&self) -> Pt {
        self.note_size * 1.5
    }
}

#[derive(Clone, Debug)]
pub struct SignatureStyle {
    pub blank_lines_before: u32,
    pub right_indent: f32,
    pub date_offset: f32,
    pub min_date_right_indent: f32,
}

impl SignatureStyle {
    /// 落款 positions (GB/T 9704 §7.3.5.2, standards §1.8): the start of the issuer and of
    /// the date, in characters from the type area's left edge. `total` is the line width in
    /// characters, `wn`/`wd` the widths of issuer and date (half-width digits count ½).
    pub fn positions(&self, total: f32, wn: f32, wd: f32) -> (f32, f32) {
        let mut name_ri = self.right_indent;
        let mut date_start = total - name_ri - wn + self.date_offset;
        let date_ri = total - date_start - wd;
        if wd > wn || date_ri < self.min_date_right_indent {
            // A date longer than the name is right-indented two characters; the name moves
            // left to keep the date two characters right of its first character.
            let ri = if wd > wn {
                self.right_indent
            } else {
                self.min_date_right_indent
            };
            date_start = total - ri - wd;
            name_ri = total - (date_start - self.date_offset) - wn;
        }
        (total - name_ri - wn, date_start)
    }
}

/// An sRGB colour.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Color(pub u8, pub u8, pub u8);

impl Color {
    pub const BLACK: Color = Color(0, 0, 0);
    /// The 版头's red (GB/T 9704 §7.2.3: 发文机关标志 and separator in red).
    pub const RED: Color = Color(255, 0, 0);

    /// `RRGGBB`, as DOCX writes colours.
    pub fn hex(self) -> String {
        format!("{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// 版头 (GB/T 9704 §7.2; standards §1.5). Distances are from the type area's top.
#[derive(Clone, Debug)]
pub struct HeadStyle {
    /// Top edge of the 发文机关标志 (35 mm).
    pub mark_top: Pt,
    pub mark_role: Role,
    /// The mark's size; a mark too wide for the type area shrinks, down to `mark_min_size`
    /// and further only as far as it must to fit (it never overflows).
    pub mark_size: Pt,
    pub mark_min_size: Pt,
    /// Line spacing of stacked organ names (联合行文), a multiple of the mark size.
    pub joint_spacing: f32,
    /// Blank lines between the mark and the 发文字号 (2).
    pub number_blank_lines: u32,
    /// The red separator's distance below the 发文字号 (4 mm) and its width.
    pub separator_below: Pt,
    pub separator_width: Pt,
    /// Blank lines between the separator and the title (2).
    pub title_blank_lines: u32,
    /// 签发人 and the left-hand 发文字号 indent, in characters (1).
    pub signer_indent: f32,
    /// The face of 签发人 names (楷体) and of 密级/紧急程度 (黑体).
    pub signer_name_role: Role,
    pub flag_role: Role,
    pub color: Color,
    /// 命令 (§10.2): the mark's top edge below the type area's top (20 mm).
    pub order_mark_top: Pt,
    /// 纪要 (§10.3): the mark's top edge below the type area's top (35 mm).
    pub minutes_mark_top: Pt,
    /// 信函 (§10.1).
    pub letter: LetterStyle,
}

/// The 信函格式 (GB/T 9704 §10.1, standards §1.13).
#[derive(Clone, Debug)]
pub struct LetterStyle {
    /// The mark's top edge below the paper's top edge (30 mm).
    pub mark_top: Pt,
    /// The first red double rule (thick over thin) below the mark (4 mm).
    pub rule_below: Pt,
    /// The second double rule (thin over thick) above the paper's bottom edge (20 mm).
    pub bottom_rule: Pt,
    /// Both rules' length, centred on the page (170 mm).
    pub rule_length: Pt,
    pub thick: Pt,
    pub thin: Pt,
    /// Between the two lines of a double rule.
    pub gap: Pt,
    /// From the first rule to the first element below it: 7/8 of a 三号 character's height.
    pub element_gap: Pt,
}

/// The sealed 落款 (§7.3.5.1, standards §1.8).
#[derive(Clone, Debug)]
pub struct SealStyle {
    /// The date's right indent in characters (4).
    pub date_right_indent: f32,
    /// How far the centre of issuer + date lies below the seal's centre (「骑年压月」).
    pub text_below_centre: Pt,
    /// Space between the seals of 联合行文 (they never touch).
    pub joint_gap: Pt,
}

/// 版记 (§7.4, standards §1.10).
#[derive(Clone, Debug)]
pub struct DistributionStyle {
    /// 四号 仿宋.
    pub text: TextStyle,
    /// Left and right indents in characters (1).
    pub indent: f32,
    /// First and last rules, and the rules between.
    pub thick: Pt,
    pub thin: Pt,
}

/// Everything about appearance. Lengths are points.
#[derive(Clone, Debug)]
pub struct Style {
    pub name: String,
    pub page: PageStyle,
    pub grid: GridStyle,
    pub title: TextStyle,
    pub title_blank_lines_after: u32,
    pub body: TextStyle,
    /// First-line indent of every paragraph, in points.
    pub indent: Pt,
    pub headings: [TextStyle; 4],
    pub emphasis_bold: bool,
    /// Synthetic-bold stroke width as a fraction of the font size.
    pub emphasis_stroke: f32,
    pub page_number: PageNumberStyle,
    pub table: TableStyle,
    pub signature: SignatureStyle,
    pub attachment_label: TextStyle,
    pub attachment_title_line: u32,
    /// 版头 geometry (GB/T 9704 §7.2).
    pub head: HeadStyle,
    /// Sealed 落款 geometry (§7.3.5.1).
    pub seal: SealStyle,
    /// 版记 geometry (§7.4).
    pub distribution: DistributionStyle,
    /// Candidate fonts per role: family names or bundled file names, in order.
    pub fonts: Vec<(Role, Vec<String>)>,
}

impl Style {
    /// The built-in GB/T 9704 layout.
    pub fn gbt9704() -> Style {
        load_layout(
            &LayoutSource::Builtin("gbt9704".into()),
            &crate::world::World::default(),
        )
        .expect("the built-in layout is valid")
    }

    /// The candidates of a role.
    pub fn candidates(&self, role: Role) -> &[String] {
        crate::text::candidates(&self.fonts, role)
    }

    /// Width of one grid cell (one Han character of body text) in points.
    pub fn cell(&self) -> Pt {
        if self.grid.strict {
            self.page.type_width() / self.grid.chars as f32
        } else {
            self.body.size
        }
    }

    pub fn heading(&self, level: u8) -> &TextStyle {
        &self.headings[(level.clamp(1, 4) - 1) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> SignatureStyle {
        SignatureStyle {
            blank_lines_before: 1,
            right_indent: 2.0,
            date_offset: 2.0,
            min_date_right_indent: 0.0,
        }
    }

    #[test]
    fn signature_name_two_in_date_two_right_of_name() {
        // 13-character issuer, date 2021年1月20日 = 4 Han + 6 digits (3 chars) = 7 chars.
        let (n, d) = s().positions(28.0, 13.0, 7.0);
        assert_eq!(n, 13.0); // ends at 26 = 28 − 2
        assert_eq!(d, 15.0); // starts 2 right of the name's first character
    }

    #[test]
    fn signature_long_date_is_right_indented_two() {
        // Name of 4 characters, date of 7: date right-indented 2, name starts 2 left of it.
        let (n, d) = s().positions(28.0, 4.0, 7.0);
        assert_eq!(d, 28.0 - 2.0 - 7.0);
        assert_eq!(n, d - 2.0);
    }

    #[test]
    fn signature_minimum_date_indent_applies() {
        let mut st = s();
        st.min_date_right_indent = 1.0;
        // wn − 2 < wd ≤ wn: the literal rule would leave the date 0.5 from the edge.
        let (n, d) = st.positions(28.0, 7.0, 6.5);
        assert_eq!(d, 28.0 - 1.0 - 6.5);
        assert_eq!(n, d - 2.0);
    }
}
