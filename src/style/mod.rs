//! Appearance as data: a layout file (`layouts/*.yaml`) read into a [`Style`].
//! The built-in `gbt9704` layout is compiled in so the binary works from anywhere; a layout
//! file may `extends: gbt9704` and override any value.

mod load;

pub use load::{is_builtin, load_layout, LayoutSource, TOP_KEYS};

use crate::geom::Pt;

pub use crate::text::Role;

/// Page size and margins, in points.
#[derive(Clone, Debug)]
pub struct PageStyle {
    /// Paper width (A4: 210 mm).
    pub width: Pt,
    /// Paper height (A4: 297 mm).
    pub height: Pt,
    /// From the paper's top edge to the type area (GB/T 9704 §5.2.2: 37 mm).
    pub margin_top: Pt,
    /// From the type area to the paper's bottom edge.
    pub margin_bottom: Pt,
    /// From the paper's left edge to the type area (28 mm).
    pub margin_left: Pt,
    /// From the type area to the paper's right edge.
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
    /// Lines per page of body text (22).
    pub lines: u32,
    /// Characters per full line (28).
    pub chars: u32,
    /// Distance between consecutive baselines (28.95 pt).
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
    /// The font role, resolved to a face through the layout's `fonts`.
    pub role: Role,
    /// The em size (三号 = 16 pt, 二号 = 22 pt, …).
    pub size: Pt,
    /// Set in (synthetic) bold.
    pub bold: bool,
}

/// The page number (GB/T 9704 §7.5): `— N —` below the type area, outside edge.
#[derive(Clone, Debug)]
pub struct PageNumberStyle {
    /// Its font and size (四号 宋体).
    pub text: TextStyle,
    /// `{n}` is replaced by the page number.
    pub format: String,
    /// From the type area's bottom to the top of the number's line (7 mm).
    pub below_type_area: Pt,
    /// From the outside edge of the type area: odd pages from the right, even from the left (1 em).
    pub indent: Pt,
}

/// Tables: cell text, borders, padding, the title above and the notes below.
#[derive(Clone, Debug)]
pub struct TableStyle {
    /// Cell text (小四 仿宋).
    pub text: TextStyle,
    /// Line height inside cells, as a multiple of the cell font size.
    pub line_height: f32,
    /// Border stroke width.
    pub border: Pt,
    /// Left and right space inside a cell.
    pub padding: Pt,
    /// Top and bottom space inside a cell.
    pub padding_vertical: Pt,
    /// The table title's font and size.
    pub title: TextStyle,
    /// Font size of the notes under a table.
    pub note_size: Pt,
}

impl TableStyle {
    /// The line height of a table's note: 1.5 times its size (the PDF and the DOCX alike).
    pub fn note_line_height(&self) -> Pt {
        self.note_size * 1.5
    }
}

/// The unsealed 落款 (GB/T 9704 §7.3.5.2): positions in characters, see [`SignatureStyle::positions`].
#[derive(Clone, Debug)]
pub struct SignatureStyle {
    /// Blank lines between the body (or 附件说明) and the issuer.
    pub blank_lines_before: u32,
    /// Characters between the issuer's end and the type area's right edge (2).
    pub right_indent: f32,
    /// How far the date starts right of the issuer's first character, in characters (2).
    pub date_offset: f32,
    /// The least right indent of the date, in characters (0).
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
    /// Black, the colour of all text but the 版头's.
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
    /// The mark's font role.
    pub mark_role: Role,
    /// The mark's size; a mark too wide for the type area shrinks, down to `mark_min_size`
    /// and further only as far as it must to fit (it never overflows).
    pub mark_size: Pt,
    /// The smallest size the mark shrinks to before shrinking only as far as it must.
    pub mark_min_size: Pt,
    /// Line spacing of stacked organ names (联合行文), a multiple of the mark size.
    pub joint_spacing: f32,
    /// Blank lines between the mark and the 发文字号 (2).
    pub number_blank_lines: u32,
    /// The red separator's distance below the 发文字号 (4 mm) and its width.
    pub separator_below: Pt,
    /// Stroke width of the separator (0.5 mm).
    pub separator_width: Pt,
    /// Blank lines between the separator and the title (2).
    pub title_blank_lines: u32,
    /// 签发人 and the left-hand 发文字号 indent, in characters (1).
    pub signer_indent: f32,
    /// The face of 签发人 names (楷体) and of 密级/紧急程度 (黑体).
    pub signer_name_role: Role,
    /// The face of 密级 and 紧急程度.
    pub flag_role: Role,
    /// Colour of the mark and the separator (red).
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
    /// Stroke width of the thick line of a double rule (1 mm).
    pub thick: Pt,
    /// Stroke width of the thin line (0.35 mm).
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
    /// Stroke width of the first and last rules (0.35 mm).
    pub thick: Pt,
    /// Stroke width of the rules between (0.25 mm).
    pub thin: Pt,
}

/// Everything about appearance. Lengths are points.
#[derive(Clone, Debug)]
pub struct Style {
    /// The layout's name: the built-in name or the file as given.
    pub name: String,
    /// Paper and margins.
    pub page: PageStyle,
    /// The line grid of body pages.
    pub grid: GridStyle,
    /// The document title (二号 小标宋).
    pub title: TextStyle,
    /// Blank lines between the title and the 主送 or body (1).
    pub title_blank_lines_after: u32,
    /// Body text (三号 仿宋).
    pub body: TextStyle,
    /// First-line indent of every paragraph, in points.
    pub indent: Pt,
    /// Headings of levels 1–4 (一、 (一) 1. (1)).
    pub headings: [TextStyle; 4],
    /// Whether `**…**` is drawn in synthetic bold.
    pub emphasis_bold: bool,
    /// Synthetic-bold stroke width as a fraction of the font size.
    pub emphasis_stroke: f32,
    /// The page number.
    pub page_number: PageNumberStyle,
    /// Tables.
    pub table: TableStyle,
    /// The unsealed 落款.
    pub signature: SignatureStyle,
    /// The 附件N label on an attachment's first page (三号 黑体).
    pub attachment_label: TextStyle,
    /// The line (1-based, of the grid) an attachment's title is centred on (3).
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

    /// The style of a heading of `level` 1–4 (a level outside takes the nearest: deeper ones
    /// level 4's).
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
