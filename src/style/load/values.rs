//! The value readers of a layout file: required keys, sections, roles, sizes, lengths within
//! bounds, counts and font lists, each reporting at the value it rejects.

use crate::diag::{Diagnostic, Rule};
use crate::geom::{parse_font_size, parse_length, Length, Pt};
use crate::style::{Role, TextStyle};
use crate::yaml::{Fields, Node, Reader, Value};

/// The value of a required `key`, or an error at the map that lacks it naming the key.
pub(super) fn need<'n>(r: &mut Reader, f: &Fields<'n>, key: &str) -> Option<&'n Node> {
    let n = f.get(key);
    if n.is_none() {
        r.error(f.node, format!("missing `{key}`"));
    }
    n
}

/// A required `key` read with `read`, or an error naming the key when it is missing.
pub(super) fn read_key<T>(
    r: &mut Reader,
    f: &Fields,
    key: &str,
    read: impl FnOnce(&mut Reader, &Node) -> Option<T>,
) -> Option<T> {
    let n = need(r, f, key)?;
    read(r, n)
}

pub(super) fn section<'n>(
    r: &mut Reader,
    f: &Fields<'n>,
    key: &str,
    known: &[&'static str],
) -> Option<Fields<'n>> {
    match f.get(key) {
        Some(n) => r.map(n, &format!("`{key}`"), known),
        None => {
            r.error(f.node, format!("the layout has no `{key}` section"));
            None
        }
    }
}

pub(super) fn text_style(r: &mut Reader, f: &Fields) -> Option<TextStyle> {
    let Some(font) = f.get("font") else {
        r.error(f.node, "missing `font` (a role such as body or heading1)");
        return None;
    };
    let Some(sz) = f.get("size") else {
        r.error(f.node, "missing `size`");
        return None;
    };
    Some(TextStyle {
        role: role(r, font)?,
        size: size(r, sz)?,
        bold: f
            .get("bold")
            .map(|b| boolean(r, b))
            .unwrap_or(Some(false))?,
    })
}

pub(super) fn role(r: &mut Reader, n: &Node) -> Option<Role> {
    let s = r.string(n, "a font role")?;
    match Role::from_key(&s) {
        Some(role) => Some(role),
        None => {
            let mut d = Diagnostic::error(Some(r.span(n)), format!("unknown font role `{s}`"));
            if let Some(near) = crate::diag::nearest(&s, Role::ALL.iter().map(|r| r.key())) {
                d = d.with_hint(format!("did you mean `{near}`?"));
            }
            r.push(d);
            None
        }
    }
}

pub(super) fn size(r: &mut Reader, n: &Node) -> Option<Pt> {
    let s = r.string(n, "a font size")?;
    match parse_font_size(&s) {
        Ok(p) => Some(p),
        Err(e) => {
            r.error(n, e);
            None
        }
    }
}

pub(super) fn length(r: &mut Reader, n: Option<&Node>, what: &str) -> Option<Option<Length>> {
    let Some(n) = n else { return Some(None) };
    let s = r.string(n, &format!("`{what}`"))?;
    match parse_length(&s) {
        Ok(l) => Some(Some(l)),
        Err(e) => {
            r.error(n, e);
            None
        }
    }
}

/// The allowed range of a length, in points, and how it reads in a message.
pub(super) struct Bounds {
    pub(super) min: f32,
    pub(super) max: f32,
    pub(super) text: &'static str,
}

/// A page from a card (25 mm) to A0's long side (1189 mm) and a little more.
pub(super) const PAPER: Bounds = Bounds {
    min: 25.0 * 72.0 / 25.4,
    max: 1200.0 * 72.0 / 25.4,
    text: "from 25 mm to 1200 mm (A0 is 841 × 1189 mm)",
};
pub(super) const MARGIN: Bounds = Bounds {
    min: 0.0,
    max: 500.0 * 72.0 / 25.4,
    text: "from 0 to 500 mm",
};
/// A line pitch of 0 would put every line on one; 200 pt is a few lines a page.
pub(super) const LINE_PITCH: Bounds = Bounds {
    min: 4.0,
    max: 200.0,
    text: "from 4 pt to 200 pt (GB/T 9704 uses 28.95pt)",
};
pub(super) const BORDER: Bounds = Bounds {
    min: 0.0,
    max: 10.0,
    text: "from 0 to 10 pt",
};
pub(super) const PADDING: Bounds = Bounds {
    min: 0.0,
    max: 100.0,
    text: "from 0 to 100 pt",
};

pub(super) fn abs(r: &mut Reader, f: &Fields, key: &str, bounds: &Bounds) -> Option<Pt> {
    let Some(n) = f.get(key) else {
        r.error(f.node, format!("missing `{key}`"));
        return None;
    };
    match length(r, Some(n), key)? {
        Some(Length::Abs(p)) if p.get() >= bounds.min && p.get() <= bounds.max => Some(p),
        Some(Length::Abs(p)) => {
            let d = Diagnostic::error(
                Some(r.span(n)),
                format!(
                    "`{key}` is {:.1} mm ({} pt); it must be {}",
                    p.to_mm(),
                    p.get(),
                    bounds.text
                ),
            )
            .with_rule(Rule::Layout);
            r.push(d);
            None
        }
        Some(Length::Em(_)) => {
            r.error(
                n,
                format!(
                    "`{key}` must be a length in mm, cm or pt (not em), {}",
                    bounds.text
                ),
            );
            None
        }
        None => None,
    }
}

pub(super) fn count(r: &mut Reader, f: &Fields, key: &str) -> Option<u32> {
    let Some(n) = f.get(key) else {
        r.error(f.node, format!("missing `{key}`"));
        return None;
    };
    match uint(r, n)? {
        0 => {
            r.error(n, format!("`{key}` must be at least 1"));
            None
        }
        v => Some(v),
    }
}

pub(super) fn uint(r: &mut Reader, n: &Node) -> Option<u32> {
    match n.value {
        Value::Int(i) if (0..=10_000).contains(&i) => Some(i as u32),
        _ => {
            r.expected(n, "this value", "a whole number from 0 to 10000");
            None
        }
    }
}

pub(super) fn number(r: &mut Reader, n: &Node) -> Option<f32> {
    match n.as_f64() {
        Some(v) if v.is_finite() && v.abs() < 1000.0 => Some(v as f32),
        _ => {
            r.expected(n, "this value", "a number");
            None
        }
    }
}

pub(super) fn boolean(r: &mut Reader, n: &Node) -> Option<bool> {
    match n.value {
        Value::Bool(b) => Some(b),
        _ => {
            r.expected(n, "this value", "true or false");
            None
        }
    }
}

pub(super) fn fonts(r: &mut Reader, n: &Node) -> Option<Vec<(Role, Vec<String>)>> {
    let keys: Vec<&'static str> = Role::ALL.iter().map(|r| r.key()).collect();
    let f = r.map(n, "`fonts`", &keys)?;
    let mut out = Vec::new();
    for role in Role::ALL {
        let list = match f.get(role.key()) {
            Some(v) => match v.as_seq() {
                Some(items) => items
                    .iter()
                    .filter_map(|i| r.string(i, "a font name"))
                    .collect(),
                None => vec![r.string(v, "a font name")?],
            },
            None => Vec::new(),
        };
        out.push((role, list));
    }
    Some(out)
}
