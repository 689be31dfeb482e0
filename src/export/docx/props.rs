//! Typed WordprocessingML properties. Each struct holds what gongwen sets and writes its
//! children in the order of its ECMA-376 Part 1 sequence (CT_PPr, CT_RPr, CT_TblPr, CT_TcPr,
//! CT_SectPr), so a written part is in schema order by construction: Word refuses a file whose
//! property children are out of order, where LibreOffice is lenient.

use crate::style::Color;

use super::units::{EighthPoints, HalfPoints, Twips};
use super::xml::{Val, Xml};

/// Paragraph alignment (`w:jc`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Jc {
    /// Flush left (`left`).
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified (`both`), the body's alignment.
    Both,
    /// Spread over the whole line (`distribute`), for the joint mark's organ names.
    Distribute,
}

impl Jc {
    fn val(self) -> &'static str {
        match self {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
            Jc::Both => "both",
            Jc::Distribute => "distribute",
        }
    }
}

/// Line spacing (`w:spacing`): exact lines (every line this tall, whatever its font), space
/// before, none after.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Spacing {
    /// Space above the paragraph.
    pub before: Twips,
    /// The height of every line.
    pub line: Twips,
}

impl Spacing {
    /// Exact lines of `line`, nothing before or after.
    pub fn exact(line: Twips) -> Spacing {
        Spacing {
            before: Twips(0),
            line,
        }
    }

    fn write(&self, x: &mut Xml) {
        x.empty(
            "w:spacing",
            &[
                ("w:before", self.before.0.into()),
                ("w:after", 0.into()),
                ("w:line", self.line.0.into()),
                ("w:lineRule", "exact".into()),
            ],
        );
    }
}

/// Indentation (`w:ind`), in twips; `first` is positive for a first-line indent and negative
/// for a hanging one.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Ind {
    /// From the left margin.
    pub left: Twips,
    /// From the right margin.
    pub right: Twips,
    /// The first line's extra indent (negative: hanging).
    pub first: Twips,
    /// The first-line indent in hundredths of a character (`w:firstLineChars`), which the
    /// character grid scales; written only when set.
    pub first_chars: Option<u32>,
}

impl Ind {
    fn write(&self, x: &mut Xml) {
        let mut a: Vec<(&str, Val)> = vec![
            ("w:left", self.left.0.into()),
            ("w:right", self.right.0.into()),
        ];
        if self.first.0 > 0 {
            a.push(("w:firstLine", self.first.0.into()));
        } else if self.first.0 < 0 {
            a.push(("w:hanging", (-self.first.0).into()));
        }
        if let Some(c) = self.first_chars {
            a.push(("w:firstLineChars", c.into()));
        }
        x.empty("w:ind", &a);
    }
}

/// A border line's style (`w:val` of a border).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// One line.
    Single,
    /// Thick over thin (信函格式's upper rule).
    ThickThin,
    /// Thin over thick (信函格式's lower rule).
    ThinThick,
    /// No border (`nil`).
    Nil,
}

/// One border of a paragraph or a table.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Border {
    /// The line's style.
    pub line: Line,
    /// Its width.
    pub width: EighthPoints,
    /// The distance to the text, in whole points (0–31).
    pub space: u32,
    /// Its colour.
    pub color: Color,
}

impl Border {
    /// No border.
    pub const NIL: Border = Border {
        line: Line::Nil,
        width: EighthPoints(2),
        space: 0,
        color: Color::BLACK,
    };

    fn write(&self, x: &mut Xml, name: &str) {
        let val = match self.line {
            Line::Single => "single",
            Line::ThickThin => "thickThinSmallGap",
            Line::ThinThick => "thinThickSmallGap",
            Line::Nil => {
                x.empty(name, &[("w:val", "nil".into())]);
                return;
            }
        };
        let color = self.color.hex();
        x.empty(
            name,
            &[
                ("w:val", val.into()),
                ("w:sz", self.width.0.into()),
                ("w:space", self.space.min(31).into()),
                ("w:color", (&color).into()),
            ],
        );
    }
}

/// A tab stop's alignment.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TabKind {
    /// Text starts at the stop.
    Left,
    /// Text centres on the stop.
    Center,
    /// Text ends at the stop.
    Right,
}

/// A tab stop at `pos` from the paragraph's left indent... in twips from the left margin.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Tab {
    /// The stop's alignment.
    pub kind: TabKind,
    /// Its position from the left margin.
    pub pos: Twips,
}

/// Paragraph properties (CT_PPr / CT_PPrGeneral; no `w:rPr`, which only a paragraph in the
/// document may have and gongwen never needs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PPr {
    /// The paragraph style's id.
    pub style: Option<&'static str>,
    /// Keep with the next paragraph on one page.
    pub keep_next: bool,
    /// Start on a new page.
    pub page_break_before: bool,
    /// Widow and orphan control (written only when set).
    pub widow_control: Option<bool>,
    /// The top border (a rule above).
    pub border_top: Option<Border>,
    /// The bottom border (a rule below).
    pub border_bottom: Option<Border>,
    /// Tab stops, in the order given.
    pub tabs: Vec<Tab>,
    /// Closing punctuation may hang past the line's end (written only when set).
    pub overflow_punct: Option<bool>,
    /// Lines snap to the document grid (written only when set).
    pub snap_to_grid: Option<bool>,
    /// Line spacing.
    pub spacing: Option<Spacing>,
    /// Indentation.
    pub ind: Option<Ind>,
    /// Alignment.
    pub jc: Option<Jc>,
    /// Outline level 0–8 (headings).
    pub outline_lvl: Option<u8>,
}

fn on_off(x: &mut Xml, name: &str, v: Option<bool>) {
    if let Some(v) = v {
        x.empty(name, &[("w:val", if v { "1" } else { "0" }.into())]);
    }
}

impl PPr {
    /// Properties with only a style.
    pub fn styled(style: &'static str) -> PPr {
        PPr {
            style: Some(style),
            ..PPr::default()
        }
    }

    /// Nothing set: the element would be empty.
    pub fn is_empty(&self) -> bool {
        *self == PPr::default()
    }

    /// Writes `<w:pPr>…</w:pPr>` (nothing when no property is set).
    pub fn write(&self, x: &mut Xml) {
        if self.is_empty() {
            return;
        }
        x.open("w:pPr", &[]);
        if let Some(s) = self.style {
            x.empty("w:pStyle", &[("w:val", s.into())]);
        }
        if self.keep_next {
            x.empty("w:keepNext", &[]);
        }
        if self.page_break_before {
            x.empty("w:pageBreakBefore", &[]);
        }
        on_off(x, "w:widowControl", self.widow_control);
        if self.border_top.is_some() || self.border_bottom.is_some() {
            x.open("w:pBdr", &[]);
            if let Some(b) = &self.border_top {
                b.write(x, "w:top");
            }
            if let Some(b) = &self.border_bottom {
                b.write(x, "w:bottom");
            }
            x.close("w:pBdr");
        }
        if !self.tabs.is_empty() {
            x.open("w:tabs", &[]);
            for t in &self.tabs {
                let kind = match t.kind {
                    TabKind::Left => "left",
                    TabKind::Center => "center",
                    TabKind::Right => "right",
                };
                x.empty(
                    "w:tab",
                    &[("w:val", kind.into()), ("w:pos", t.pos.0.into())],
                );
            }
            x.close("w:tabs");
        }
        on_off(x, "w:overflowPunct", self.overflow_punct);
        on_off(x, "w:snapToGrid", self.snap_to_grid);
        if let Some(s) = &self.spacing {
            s.write(x);
        }
        if let Some(i) = &self.ind {
            i.write(x);
        }
        if let Some(j) = self.jc {
            x.empty("w:jc", &[("w:val", j.val().into())]);
        }
        if let Some(l) = self.outline_lvl {
            x.empty("w:outlineLvl", &[("w:val", l.into())]);
        }
        x.close("w:pPr");
    }
}

/// The fonts of a run (`w:rFonts`): Latin (`ascii` and `hAnsi`) and East Asian faces, and
/// the East Asian hint for characters Unicode calls ambiguous.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fonts<'a> {
    /// The face of ASCII and other Latin text.
    pub latin: Option<&'a str>,
    /// The face of Chinese text.
    pub east_asia: Option<&'a str>,
    /// Set the ambiguous characters (“”—…) in the East Asian face (`w:hint="eastAsia"`).
    pub hint_east_asia: bool,
}

impl Fonts<'_> {
    fn is_empty(&self) -> bool {
        self.latin.is_none() && self.east_asia.is_none() && !self.hint_east_asia
    }
}

/// The document's language (`w:lang`): Latin, East Asian and complex-script tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang {
    /// Latin text's language, e.g. `en-US`.
    pub latin: &'static str,
    /// East Asian text's language, e.g. `zh-CN`.
    pub east_asia: &'static str,
    /// Complex-script text's language.
    pub bidi: &'static str,
}

/// Run properties (CT_RPr).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RPr<'a> {
    /// The faces.
    pub fonts: Fonts<'a>,
    /// Bold (`w:b` and `w:bCs`).
    pub bold: bool,
    /// The text's colour.
    pub color: Option<Color>,
    /// Extra space after each character, in twips (negative: condensed).
    pub tracking: Option<Twips>,
    /// Characters' horizontal scale in percent (`w:w`, 1–600; 字符缩放).
    pub scale: Option<u32>,
    /// The font size (`w:sz` and `w:szCs`).
    pub size: Option<HalfPoints>,
    /// The language.
    pub lang: Option<Lang>,
}

impl RPr<'_> {
    /// Writes `<w:rPr>…</w:rPr>` (nothing when no property is set).
    pub fn write(&self, x: &mut Xml) {
        if *self == RPr::default() {
            return;
        }
        x.open("w:rPr", &[]);
        let f = &self.fonts;
        if !f.is_empty() {
            let mut a: Vec<(&str, Val)> = Vec::with_capacity(4);
            if let Some(l) = f.latin {
                a.push(("w:ascii", l.into()));
                a.push(("w:hAnsi", l.into()));
            }
            if let Some(e) = f.east_asia {
                a.push(("w:eastAsia", e.into()));
            }
            if f.hint_east_asia {
                a.push(("w:hint", "eastAsia".into()));
            }
            x.empty("w:rFonts", &a);
        }
        if self.bold {
            x.empty("w:b", &[]);
            x.empty("w:bCs", &[]);
        }
        if let Some(c) = self.color {
            x.empty("w:color", &[("w:val", (&c.hex()).into())]);
        }
        if let Some(t) = self.tracking {
            x.empty("w:spacing", &[("w:val", t.0.into())]);
        }
        if let Some(w) = self.scale {
            x.empty("w:w", &[("w:val", w.clamp(1, 600).into())]);
        }
        if let Some(s) = self.size {
            x.empty("w:sz", &[("w:val", s.0.into())]);
            x.empty("w:szCs", &[("w:val", s.0.into())]);
        }
        if let Some(l) = self.lang {
            x.empty(
                "w:lang",
                &[
                    ("w:val", l.latin.into()),
                    ("w:eastAsia", l.east_asia.into()),
                    ("w:bidi", l.bidi.into()),
                ],
            );
        }
        x.close("w:rPr");
    }
}

/// A table cell's vertical alignment.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum VAlign {
    /// At the top.
    Top,
    /// Centred.
    Center,
    /// At the bottom.
    Bottom,
}

/// A cell's part in a vertical merge (`w:vMerge`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum VMerge {
    /// The first cell of a merged column run (`restart`).
    Restart,
    /// A cell covered by the one above.
    Continue,
}

/// Table cell properties (CT_TcPr).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcPr {
    /// The cell's width.
    pub width: Twips,
    /// Grid columns the cell spans (written when above 1).
    pub span: usize,
    /// Its part in a vertical merge.
    pub vmerge: Option<VMerge>,
    /// Its vertical alignment.
    pub valign: VAlign,
}

impl TcPr {
    /// Writes `<w:tcPr>…</w:tcPr>`.
    pub fn write(&self, x: &mut Xml) {
        x.open("w:tcPr", &[]);
        x.empty(
            "w:tcW",
            &[("w:w", self.width.0.into()), ("w:type", "dxa".into())],
        );
        if self.span > 1 {
            x.empty("w:gridSpan", &[("w:val", self.span.into())]);
        }
        match self.vmerge {
            Some(VMerge::Restart) => x.empty("w:vMerge", &[("w:val", "restart".into())]),
            Some(VMerge::Continue) => x.empty("w:vMerge", &[]),
            None => {}
        }
        let v = match self.valign {
            VAlign::Top => "top",
            VAlign::Center => "center",
            VAlign::Bottom => "bottom",
        };
        x.empty("w:vAlign", &[("w:val", v.into())]);
        x.close("w:tcPr");
    }
}

/// Table properties (CT_TblPr): a fixed layout of a given width, the same border on every
/// edge and between cells, and cell margins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TblPr {
    /// The table's width.
    pub width: Twips,
    /// Its alignment between the margins.
    pub jc: Jc,
    /// The border on all six edges (`nil` for none).
    pub border: Border,
    /// Cell margins: left and right, top and bottom.
    pub cell_margin: (Twips, Twips),
}

impl TblPr {
    /// Writes `<w:tblPr>…</w:tblPr>`.
    pub fn write(&self, x: &mut Xml) {
        x.open("w:tblPr", &[]);
        x.empty(
            "w:tblW",
            &[("w:w", self.width.0.into()), ("w:type", "dxa".into())],
        );
        x.empty("w:jc", &[("w:val", self.jc.val().into())]);
        x.open("w:tblBorders", &[]);
        for name in [
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ] {
            self.border.write(x, name);
        }
        x.close("w:tblBorders");
        x.empty("w:tblLayout", &[("w:type", "fixed".into())]);
        let (h, v) = self.cell_margin;
        x.open("w:tblCellMar", &[]);
        for (name, t) in [("w:top", v), ("w:left", h), ("w:bottom", v), ("w:right", h)] {
            x.empty(
                name,
                &[("w:w", t.0.max(0).into()), ("w:type", "dxa".into())],
            );
        }
        x.close("w:tblCellMar");
        x.close("w:tblPr");
    }
}

/// Which pages a header or footer is for.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum HdrFtrKind {
    /// Odd pages (all pages without `evenAndOddHeaders`).
    Default,
    /// Even pages.
    Even,
    /// The first page (with `w:titlePg`).
    First,
}

impl HdrFtrKind {
    /// The `w:type` value.
    pub fn val(self) -> &'static str {
        match self {
            HdrFtrKind::Default => "default",
            HdrFtrKind::Even => "even",
            HdrFtrKind::First => "first",
        }
    }
}

/// The document grid (`w:docGrid`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Grid {
    /// Lines only, `pitch` apart.
    Lines {
        /// The line pitch.
        pitch: Twips,
    },
    /// Lines and characters: Word's character pitch is the East Asian size plus
    /// `char_space`/4096 pt.
    LinesAndChars {
        /// The line pitch.
        pitch: Twips,
        /// The character pitch's excess over the font size, in 1/4096 pt.
        char_space: i32,
    },
}

/// Section properties (CT_SectPr) of the one section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectPr {
    /// Header references: kind and relationship id.
    pub headers: Vec<(HdrFtrKind, String)>,
    /// Footer references: kind and relationship id.
    pub footers: Vec<(HdrFtrKind, String)>,
    /// Page width and height.
    pub page: (Twips, Twips),
    /// Margins: top, right, bottom, left.
    pub margins: [Twips; 4],
    /// Header and footer distances from the page's edge.
    pub header_footer: (Twips, Twips),
    /// A first-page header and footer of their own (`w:titlePg`).
    pub title_page: bool,
    /// The grid.
    pub grid: Grid,
}

impl SectPr {
    /// Writes `<w:sectPr>…</w:sectPr>`.
    pub fn write(&self, x: &mut Xml) {
        x.open("w:sectPr", &[]);
        for (name, refs) in [
            ("w:headerReference", &self.headers),
            ("w:footerReference", &self.footers),
        ] {
            for (kind, id) in refs {
                x.empty(name, &[("w:type", kind.val().into()), ("r:id", id.into())]);
            }
        }
        x.empty(
            "w:pgSz",
            &[
                ("w:w", self.page.0 .0.into()),
                ("w:h", self.page.1 .0.into()),
            ],
        );
        let [top, right, bottom, left] = self.margins;
        x.empty(
            "w:pgMar",
            &[
                ("w:top", top.0.into()),
                ("w:right", right.0.into()),
                ("w:bottom", bottom.0.into()),
                ("w:left", left.0.into()),
                ("w:header", self.header_footer.0 .0.into()),
                ("w:footer", self.header_footer.1 .0.into()),
                ("w:gutter", 0.into()),
            ],
        );
        x.empty("w:cols", &[("w:space", 425.into())]);
        if self.title_page {
            x.empty("w:titlePg", &[]);
        }
        match self.grid {
            Grid::Lines { pitch } => x.empty(
                "w:docGrid",
                &[("w:type", "lines".into()), ("w:linePitch", pitch.0.into())],
            ),
            Grid::LinesAndChars { pitch, char_space } => x.empty(
                "w:docGrid",
                &[
                    ("w:type", "linesAndChars".into()),
                    ("w:linePitch", pitch.0.into()),
                    ("w:charSpace", char_space.into()),
                ],
            ),
        }
        x.close("w:sectPr");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_properties_come_in_schema_order() {
        let p = PPr {
            style: Some("GwBody"),
            keep_next: true,
            border_bottom: Some(Border {
                line: Line::Single,
                width: EighthPoints(4),
                space: 11,
                color: Color::RED,
            }),
            snap_to_grid: Some(false),
            spacing: Some(Spacing::exact(Twips(579))),
            ind: Some(Ind {
                left: Twips(0),
                right: Twips(0),
                first: Twips(-320),
                first_chars: None,
            }),
            jc: Some(Jc::Center),
            outline_lvl: Some(0),
            ..PPr::default()
        };
        let mut x = Xml::default();
        p.write(&mut x);
        let names: Vec<&str> = x
            .as_str()
            .split('<')
            .filter_map(|t| t.split([' ', '/', '>']).next())
            .filter(|n| !n.is_empty())
            .collect();
        assert_eq!(
            names,
            [
                "w:pPr",
                "w:pStyle",
                "w:keepNext",
                "w:pBdr",
                "w:bottom",
                "w:snapToGrid",
                "w:spacing",
                "w:ind",
                "w:jc",
                "w:outlineLvl"
            ]
        );
        assert!(x.as_str().contains(r#"w:hanging="320""#));
        let mut x = Xml::default();
        PPr::default().write(&mut x);
        assert_eq!(x.as_str(), "", "no empty pPr");
    }

    #[test]
    fn run_properties_come_in_schema_order() {
        let r = RPr {
            fonts: Fonts {
                latin: Some("Times New Roman"),
                east_asia: Some("仿宋_GB2312"),
                hint_east_asia: true,
            },
            bold: true,
            color: Some(Color::RED),
            tracking: Some(Twips(-5)),
            scale: Some(90),
            size: Some(HalfPoints(32)),
            lang: None,
        };
        let mut x = Xml::default();
        r.write(&mut x);
        assert_eq!(
            x.as_str(),
            concat!(
                r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/>"#,
                r#"<w:b/><w:bCs/><w:color w:val="FF0000"/><w:spacing w:val="-5"/><w:w w:val="90"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>"#
            )
        );
    }
}
