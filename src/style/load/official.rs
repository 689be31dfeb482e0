//! The layout's `head`, `seal` and `distribution` sections: the geometry of the 版头, the
//! sealed 落款 and the 版记 (GB/T 9704 §7.2, §7.3.5, §7.4; standards §1.5, §1.8, §1.10).
//! Each section and key is optional: a layout file written before these parts existed (one
//! that does not extend `gbt9704`) gets the standard's values.

use crate::diag::Rule;
use crate::geom::{Length, Pt};
use crate::style::{Color, DistributionStyle, HeadStyle, LetterStyle, Role, SealStyle, TextStyle};
use crate::yaml::{Fields, Node, Reader};

use super::values::{abs, length, number, role, size, uint, Bounds, BORDER, MARGIN};

/// The standard's values (the built-in layout writes them out too).
pub fn defaults(body: &TextStyle) -> (HeadStyle, SealStyle, DistributionStyle) {
    (
        HeadStyle {
            mark_top: Pt::mm(35.0),
            mark_role: Role::Title,
            mark_size: Pt::new(42.0),
            mark_min_size: Pt::new(22.0),
            joint_spacing: 1.25,
            number_blank_lines: 2,
            separator_below: Pt::mm(4.0),
            separator_width: Pt::mm(0.5),
            title_blank_lines: 2,
            signer_indent: 1.0,
            signer_name_role: Role::Heading2,
            flag_role: Role::Heading1,
            color: Color::RED,
            order_mark_top: Pt::mm(20.0),
            minutes_mark_top: Pt::mm(35.0),
            letter: LetterStyle {
                mark_top: Pt::mm(30.0),
                rule_below: Pt::mm(4.0),
                bottom_rule: Pt::mm(20.0),
                rule_length: Pt::mm(170.0),
                thick: Pt::mm(1.0),
                thin: Pt::mm(0.35),
                gap: Pt::mm(0.5),
                element_gap: body.size * 0.875,
            },
        },
        SealStyle {
            date_right_indent: 4.0,
            text_below_centre: Pt::mm(2.0),
            joint_gap: Pt::mm(3.0),
        },
        DistributionStyle {
            text: TextStyle {
                role: body.role,
                size: Pt::new(14.0),
                bold: false,
            },
            indent: 1.0,
            thick: Pt::mm(0.35),
            thin: Pt::mm(0.25),
        },
    )
}

const COLOR_HELP: &str = "a colour is written #RRGGBB, e.g. \"#FF0000\"";

fn color(r: &mut Reader, n: &Node) -> Option<Color> {
    let s = r.string(n, "a colour")?;
    let hex = s.trim().trim_start_matches('#');
    let ok = hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit());
    if !ok {
        r.push(
            crate::diag::Diagnostic::error(Some(r.span(n)), format!("`{s}` is not a colour"))
                .with_rule(Rule::Layout)
                .with_hint(COLOR_HELP),
        );
        return None;
    }
    let v = u32::from_str_radix(hex, 16).ok()?;
    Some(Color((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

const LINE: Bounds = Bounds {
    min: 0.0,
    max: 10.0 * 72.0 / 25.4,
    text: "from 0 to 10 mm",
};

fn chars(r: &mut Reader, f: &Fields, key: &str, default: f32) -> Option<f32> {
    match f.get(key) {
        Some(n) => {
            let v = number(r, n)?;
            if !(0.0..=20.0).contains(&v) {
                r.error(
                    n,
                    format!("`{key}` is {v} characters; it must be from 0 to 20"),
                );
                return None;
            }
            Some(v)
        }
        None => Some(default),
    }
}

/// Reads the three sections from the layout's top-level map.
pub fn read(
    r: &mut Reader,
    f: &Fields,
    body: &TextStyle,
) -> Option<(HeadStyle, SealStyle, DistributionStyle)> {
    let (mut head, mut seal, mut dist) = defaults(body);
    if let Some(n) = f.get("head") {
        let h = r.map(
            n,
            "`head`",
            &[
                "mark-top",
                "mark-font",
                "mark-size",
                "mark-min-size",
                "joint-spacing",
                "number-blank-lines",
                "separator-below",
                "separator-width",
                "title-blank-lines",
                "signer-indent",
                "signer-name-font",
                "flag-font",
                "color",
                "order-mark-top",
                "minutes-mark-top",
            ],
        )?;
        if h.get("order-mark-top").is_some() {
            head.order_mark_top = abs(r, &h, "order-mark-top", &MARGIN)?;
        }
        if h.get("minutes-mark-top").is_some() {
            head.minutes_mark_top = abs(r, &h, "minutes-mark-top", &MARGIN)?;
        }
        if h.get("mark-top").is_some() {
            head.mark_top = abs(r, &h, "mark-top", &MARGIN)?;
        }
        if let Some(v) = h.get("mark-font") {
            head.mark_role = role(r, v)?;
        }
        if let Some(v) = h.get("mark-size") {
            head.mark_size = size(r, v)?;
        }
        if let Some(v) = h.get("mark-min-size") {
            head.mark_min_size = size(r, v)?;
        }
        if head.mark_min_size > head.mark_size {
            r.error(
                h.node,
                "`mark-min-size` is larger than `mark-size` (the largest size of the mark)",
            );
            return None;
        }
        if let Some(v) = h.get("joint-spacing") {
            head.joint_spacing = match length(r, Some(v), "joint-spacing")? {
                Some(Length::Em(k)) => k,
                Some(Length::Abs(p)) => p.get() / head.mark_size.get(),
                None => head.joint_spacing,
            };
        }
        if let Some(v) = h.get("number-blank-lines") {
            head.number_blank_lines = uint(r, v)?;
        }
        if h.get("separator-below").is_some() {
            head.separator_below = abs(r, &h, "separator-below", &LINE)?;
        }
        if h.get("separator-width").is_some() {
            head.separator_width = abs(r, &h, "separator-width", &BORDER)?;
        }
        if let Some(v) = h.get("title-blank-lines") {
            head.title_blank_lines = uint(r, v)?;
        }
        head.signer_indent = chars(r, &h, "signer-indent", head.signer_indent)?;
        if let Some(v) = h.get("signer-name-font") {
            head.signer_name_role = role(r, v)?;
        }
        if let Some(v) = h.get("flag-font") {
            head.flag_role = role(r, v)?;
        }
        if let Some(v) = h.get("color") {
            head.color = color(r, v)?;
        }
    }
    if let Some(n) = f.get("letter") {
        let l = r.map(
            n,
            "`letter`",
            &[
                "mark-top",
                "rule-below",
                "bottom-rule",
                "rule-length",
                "thick-rule",
                "thin-rule",
                "rule-gap",
                "element-gap",
            ],
        )?;
        let lt = &mut head.letter;
        for (key, slot, bounds) in [
            ("mark-top", &mut lt.mark_top, &MARGIN),
            ("rule-below", &mut lt.rule_below, &LINE),
            ("bottom-rule", &mut lt.bottom_rule, &MARGIN),
            ("rule-length", &mut lt.rule_length, &MARGIN),
            ("thick-rule", &mut lt.thick, &LINE),
            ("thin-rule", &mut lt.thin, &LINE),
            ("rule-gap", &mut lt.gap, &LINE),
            ("element-gap", &mut lt.element_gap, &LINE),
        ] {
            if l.get(key).is_some() {
                *slot = abs(r, &l, key, bounds)?;
            }
        }
    }
    if let Some(n) = f.get("seal") {
        let s = r.map(
            n,
            "`seal`",
            &["date-right-indent", "text-below-centre", "joint-gap"],
        )?;
        seal.date_right_indent = chars(r, &s, "date-right-indent", seal.date_right_indent)?;
        if s.get("text-below-centre").is_some() {
            seal.text_below_centre = abs(r, &s, "text-below-centre", &LINE)?;
        }
        if s.get("joint-gap").is_some() {
            seal.joint_gap = abs(r, &s, "joint-gap", &LINE)?;
        }
    }
    if let Some(n) = f.get("distribution") {
        let d = r.map(
            n,
            "`distribution`",
            &["font", "size", "indent", "thick-rule", "thin-rule"],
        )?;
        if let Some(v) = d.get("font") {
            dist.text.role = role(r, v)?;
        }
        if let Some(v) = d.get("size") {
            dist.text.size = size(r, v)?;
        }
        dist.indent = chars(r, &d, "indent", dist.indent)?;
        if d.get("thick-rule").is_some() {
            dist.thick = abs(r, &d, "thick-rule", &BORDER)?;
        }
        if d.get("thin-rule").is_some() {
            dist.thin = abs(r, &d, "thin-rule", &BORDER)?;
        }
    }
    Some((head, seal, dist))
}
