//! `word/styles.xml`: the document defaults, a real Normal (正文), the built-in Heading 1–4
//! (标题 1–4) that Word's and WPS's navigation panes and tables of contents use, and gongwen's
//! paragraph styles (`Gw…`) built on them, every size, face and line height from the layout.

use crate::geom::Pt;
use crate::style::{Role, Style};

use super::props::{Fonts, Ind, Jc, Lang, PPr, RPr, Spacing};
use super::units::{HalfPoints, Twips};
use super::xml::Xml;
use super::FontNames;

/// Style ids of gongwen's paragraph styles, as the document refers to them.
pub mod id {
    /// The report's title (方正小标宋简体, centred).
    pub const TITLE: &str = "GwTitle";
    /// Body text: justified, two characters' first-line indent.
    pub const BODY: &str = "GwBody";
    /// Body text flush left: 主送, 附件说明, the 版头's lines.
    pub const PLAIN: &str = "GwRecipient";
    /// Headings by level 1–4.
    pub const HEADINGS: [&str; 4] = ["GwHeading1", "GwHeading2", "GwHeading3", "GwHeading4"];
    /// Table cell text.
    pub const TABLE_TEXT: &str = "GwTableText";
    /// A table's title above it.
    pub const TABLE_TITLE: &str = "GwTableTitle";
    /// A table's note below it.
    pub const NOTE: &str = "GwNote";
    /// The 落款 lines.
    pub const SIGNATURE: &str = "GwSignature";
    /// 「附件N」 above an attachment.
    pub const ATTACHMENT_LABEL: &str = "GwAttachmentLabel";
    /// The page number in the footers.
    pub const PAGE_NUMBER: &str = "GwPageNumber";
}

/// One `w:style` of type paragraph.
struct Def<'a> {
    id: &'a str,
    name: &'a str,
    based_on: Option<&'a str>,
    /// Built-in headings: `w:next` Normal and `w:uiPriority` 9.
    builtin_heading: bool,
    ppr: PPr,
    rpr: RPr<'a>,
}

impl Def<'_> {
    fn write(&self, x: &mut Xml) {
        x.open(
            "w:style",
            &[
                ("w:type", "paragraph".into()),
                ("w:styleId", self.id.into()),
            ],
        );
        x.empty("w:name", &[("w:val", self.name.into())]);
        if let Some(b) = self.based_on {
            x.empty("w:basedOn", &[("w:val", b.into())]);
        }
        if self.builtin_heading {
            x.empty("w:next", &[("w:val", "Normal".into())]);
            x.empty("w:uiPriority", &[("w:val", 9.into())]);
        }
        x.empty("w:qFormat", &[]);
        self.ppr.write(x);
        self.rpr.write(x);
        x.close("w:style");
    }
}

/// The styles part.
pub(super) fn styles(style: &Style, fonts: &FontNames) -> Vec<u8> {
    let lines_grid = !super::char_grid(style);
    let pitch = Spacing::exact(Twips::of(style.grid.line_pitch));
    let body = style.body.size;
    // The line grid (docx-notes, measured in LibreOffice 7.4): runs of the body size condensed
    // so that 28 characters fill the type area's 156 mm (−0.25 pt at 16 pt: 28 × 15.75 ≤
    // 442.2 pt). Twentieths of a point, rounded down so that a full line still fits.
    let cell = style.page.type_width() / style.grid.chars as f32;
    let tracking = ((cell - body).get() * 20.0).floor() as i32;
    let rpr = |role: Role, size: Pt, bold: bool| RPr {
        fonts: Fonts {
            latin: Some(fonts.latin()),
            east_asia: Some(fonts.get(role)),
            hint_east_asia: false,
        },
        bold,
        tracking: (lines_grid && size == body && tracking < 0).then_some(Twips(tracking)),
        size: Some(HalfPoints::of(size)),
        ..RPr::default()
    };
    let para = |jc: Jc| PPr {
        spacing: Some(pitch),
        jc: Some(jc),
        ..PPr::default()
    };
    // Two characters of the body size; under Word's character grid also as 200 hundredths of
    // a character, which the grid scales (docx-notes).
    let first_line = Ind {
        first: Twips::of(body * 2.0),
        first_chars: (!lines_grid).then_some(200),
        ..Ind::default()
    };
    let mut x = Xml::part(12 * 1024);
    x.open(
        "w:styles",
        &[(
            "xmlns:w",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main".into(),
        )],
    );
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    RPr {
        fonts: Fonts {
            latin: Some(fonts.latin()),
            east_asia: Some(fonts.get(style.body.role)),
            hint_east_asia: false,
        },
        size: Some(HalfPoints::of(body)),
        lang: Some(Lang {
            latin: "en-US",
            east_asia: "zh-CN",
            bidi: "ar-SA",
        }),
        ..RPr::default()
    }
    .write(&mut x);
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    PPr {
        // GB/T 9704 fills every page with 22 lines: widow control off (docx-notes).
        widow_control: Some(false),
        // A closing mark may hang past the line's end, as in our PDF (docx-notes: 60 of 60
        // lines then break as gongwen's do).
        overflow_punct: lines_grid.then_some(true),
        ..PPr::default()
    }
    .write(&mut x);
    x.close("w:pPrDefault");
    x.close("w:docDefaults");

    let mut defs = vec![Def {
        id: "Normal",
        name: "Normal",
        based_on: None,
        builtin_heading: false,
        ppr: para(Jc::Both),
        rpr: RPr {
            tracking: None,
            ..rpr(style.body.role, body, false)
        },
    }];
    let names = ["heading 1", "heading 2", "heading 3", "heading 4"];
    let builtin = ["Heading1", "Heading2", "Heading3", "Heading4"];
    for level in 1..=4u8 {
        let h = style.heading(level);
        let k = level as usize - 1;
        defs.push(Def {
            id: builtin[k],
            name: names[k],
            based_on: Some("Normal"),
            builtin_heading: true,
            ppr: PPr {
                keep_next: true,
                spacing: Some(pitch),
                outline_lvl: Some(level - 1),
                ..PPr::default()
            },
            rpr: RPr {
                tracking: None,
                ..rpr(Role::heading(level), h.size, false)
            },
        });
    }
    defs.push(Def {
        id: id::TITLE,
        name: "gw Title",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: PPr {
            // Off the line grid, so that its 22 pt lines take one row each (docx-notes).
            snap_to_grid: lines_grid.then_some(false),
            ..para(Jc::Center)
        },
        rpr: rpr(style.title.role, style.title.size, style.title.bold),
    });
    defs.push(Def {
        id: id::BODY,
        name: "gw Body",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: PPr {
            ind: Some(first_line),
            ..para(Jc::Both)
        },
        rpr: rpr(style.body.role, body, style.body.bold),
    });
    defs.push(Def {
        id: id::PLAIN,
        name: "gw Recipient",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: para(Jc::Both),
        rpr: rpr(style.body.role, body, style.body.bold),
    });
    let gw_names = [
        "gw Heading 1",
        "gw Heading 2",
        "gw Heading 3",
        "gw Heading 4",
    ];
    for level in 1..=4u8 {
        let h = style.heading(level);
        let k = level as usize - 1;
        defs.push(Def {
            id: id::HEADINGS[k],
            name: gw_names[k],
            based_on: Some(builtin[k]),
            builtin_heading: false,
            ppr: PPr {
                keep_next: true,
                ind: Some(first_line),
                outline_lvl: Some(level - 1),
                ..para(Jc::Both)
            },
            rpr: rpr(Role::heading(level), h.size, h.bold),
        });
    }
    let t = &style.table;
    defs.push(Def {
        id: id::TABLE_TEXT,
        name: "gw Table Text",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: PPr {
            snap_to_grid: Some(false),
            // The cell text's exact line height from the layout, as in the PDF.
            spacing: Some(Spacing::exact(Twips::of(t.text.size * t.line_height))),
            jc: Some(Jc::Center),
            ..PPr::default()
        },
        rpr: RPr {
            tracking: None,
            ..rpr(t.text.role, t.text.size, t.text.bold)
        },
    });
    defs.push(Def {
        id: id::TABLE_TITLE,
        name: "gw Table Title",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: para(Jc::Center),
        rpr: rpr(t.title.role, t.title.size, t.title.bold),
    });
    defs.push(Def {
        id: id::NOTE,
        name: "gw Note",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: PPr {
            snap_to_grid: Some(false),
            spacing: Some(Spacing::exact(Twips::of(t.note_line_height()))),
            jc: Some(Jc::Both),
            ..PPr::default()
        },
        rpr: RPr {
            tracking: None,
            ..rpr(t.text.role, t.note_size, false)
        },
    });
    defs.push(Def {
        id: id::SIGNATURE,
        name: "gw Signature",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: para(Jc::Left),
        rpr: rpr(style.body.role, body, style.body.bold),
    });
    let label = &style.attachment_label;
    defs.push(Def {
        id: id::ATTACHMENT_LABEL,
        name: "gw Attachment Label",
        based_on: Some("Normal"),
        builtin_heading: false,
        ppr: para(Jc::Left),
        rpr: rpr(label.role, label.size, label.bold),
    });
    let pn = &style.page_number.text;
    defs.push(Def {
        id: id::PAGE_NUMBER,
        name: "gw Page Number",
        based_on: None,
        builtin_heading: false,
        // The footer's page number keeps its own single spacing (GB/T 9704 §7.5 position).
        ppr: PPr {
            snap_to_grid: Some(false),
            ..PPr::default()
        },
        rpr: RPr {
            fonts: Fonts {
                latin: Some(fonts.get(pn.role)),
                east_asia: Some(fonts.get(pn.role)),
                hint_east_asia: false,
            },
            size: Some(HalfPoints::of(pn.size)),
            ..RPr::default()
        },
    });
    for d in &defs {
        d.write(&mut x);
    }
    x.close("w:styles");
    x.into_bytes()
}
