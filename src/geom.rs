//! Lengths. Inside the engine every length is a [`Pt`]: a PostScript point (bp), 1/72 inch.
//! Twips and EMU exist only inside the DOCX writer.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Millimetres per point: 25.4 mm per inch / 72 points per inch.
const MM_PER_PT: f32 = 25.4 / 72.0;

/// A length in PostScript points (1/72 in). May be negative (offsets). Made with
/// [`Pt::new`] or [`Pt::mm`], read with [`Pt::get`]: the number alone never says its unit.
#[derive(Copy, Clone, Default, PartialEq, PartialOrd)]
pub struct Pt(f32);

impl Pt {
    /// No length.
    pub const ZERO: Pt = Pt(0.0);

    /// A length given in points.
    pub const fn new(points: f32) -> Pt {
        Pt(points)
    }

    /// This length in points.
    pub const fn get(self) -> f32 {
        self.0
    }

    /// A length given in millimetres.
    pub fn mm(mm: f32) -> Pt {
        Pt(mm / MM_PER_PT)
    }

    /// This length in millimetres.
    pub fn to_mm(self) -> f32 {
        self.0 * MM_PER_PT
    }

    /// The longer of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        if self.0 >= other.0 {
            self
        } else {
            other
        }
    }

    /// The shorter of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        if self.0 <= other.0 {
            self
        } else {
            other
        }
    }

    /// Approximate equality within 0.01 pt, the precision of our dumps.
    pub fn approx_eq(self, other: Pt) -> bool {
        (self.0 - other.0).abs() < 0.01
    }
}

impl fmt::Debug for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}pt", self.0)
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Two decimals, and never "-0.00", so dumps stay stable.
        let v = (self.0 * 100.0).round() / 100.0;
        let v = if v == 0.0 { 0.0 } else { v };
        write!(f, "{v:.2}")
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0)
    }
}
impl Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0)
    }
}
impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}
impl Mul<f32> for Pt {
    type Output = Pt;
    fn mul(self, k: f32) -> Pt {
        Pt(self.0 * k)
    }
}
impl Div<f32> for Pt {
    type Output = Pt;
    fn div(self, k: f32) -> Pt {
        Pt(self.0 / k)
    }
}
impl Div for Pt {
    type Output = f32;
    fn div(self, o: Pt) -> f32 {
        self.0 / o.0
    }
}
impl AddAssign for Pt {
    fn add_assign(&mut self, o: Pt) {
        self.0 += o.0;
    }
}
impl SubAssign for Pt {
    fn sub_assign(&mut self, o: Pt) {
        self.0 -= o.0;
    }
}
impl Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        Pt(iter.map(|p| p.0).sum())
    }
}

/// The traditional Chinese size names (字号) and their sizes in points, as MS Word, WPS and
/// ctex use them (standards §1.2).
pub const HAO_SIZES: &[(&str, f32)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
    ("八号", 5.0),
];

/// A length as written in a layout or report: absolute, or relative to the font size (`em`).
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Length {
    /// In points.
    Abs(Pt),
    /// In ems of the font size it applies to.
    Em(f32),
}

impl Length {
    /// Resolves against a font size.
    pub fn resolve(self, em: Pt) -> Pt {
        match self {
            Length::Abs(p) => p,
            Length::Em(k) => em * k,
        }
    }
}

/// Parses `37mm`, `3.7cm`, `28.95pt`, `2em`, or a 号 name (二号, 小四). A bare number is points.
/// Returns a message describing the accepted forms on failure.
pub fn parse_length(text: &str) -> Result<Length, String> {
    let t = text.trim();
    if let Some(&(_, pt)) = HAO_SIZES.iter().find(|(name, _)| *name == t) {
        return Ok(Length::Abs(Pt(pt)));
    }
    let (num, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&t[..i], &t[i..]),
        None => (t, "pt"),
    };
    let v: f32 = num.trim().parse().map_err(|_| {
        format!("`{t}` is not a length: write e.g. 37mm, 3.7cm, 28.95pt, 2em or 三号")
    })?;
    if !v.is_finite() {
        return Err(format!("`{t}` is not a finite length"));
    }
    match unit {
        "pt" => Ok(Length::Abs(Pt(v))),
        "mm" => Ok(Length::Abs(Pt::mm(v))),
        "cm" => Ok(Length::Abs(Pt::mm(v * 10.0))),
        "in" => Ok(Length::Abs(Pt(v * 72.0))),
        "em" => Ok(Length::Em(v)),
        _ => Err(format!(
            "unknown unit `{unit}` in `{t}`: use mm, cm, pt, in or em"
        )),
    }
}

/// Parses a font size: points (`16pt`, `16`) or a 号 name (`三号`).
pub fn parse_font_size(text: &str) -> Result<Pt, String> {
    match parse_length(text)? {
        Length::Abs(p) if p.0 > 0.0 && p.0 <= 1000.0 => Ok(p),
        Length::Abs(_) => Err(format!("font size `{text}` must be between 0 and 1000 pt")),
        Length::Em(_) => Err(format!(
            "a font size cannot be relative (`{text}`): use pt or a 号 name"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hao_names_map_to_points() {
        let cases = [
            ("二号", 22.0),
            ("三号", 16.0),
            ("四号", 14.0),
            ("小四", 12.0),
            ("五号", 10.5),
        ];
        for (name, pt) in cases {
            assert_eq!(parse_font_size(name).unwrap(), Pt(pt), "{name}");
        }
    }

    #[test]
    fn lengths_parse_with_units() {
        assert!(parse_length("37mm")
            .unwrap()
            .resolve(Pt(16.0))
            .approx_eq(Pt(104.88189)));
        assert!(parse_length("2.8cm")
            .unwrap()
            .resolve(Pt(16.0))
            .approx_eq(Pt::mm(28.0)));
        assert_eq!(parse_length("28.95pt").unwrap(), Length::Abs(Pt(28.95)));
        assert_eq!(parse_length("2em").unwrap().resolve(Pt(16.0)), Pt(32.0));
        assert_eq!(parse_length("12").unwrap(), Length::Abs(Pt(12.0)));
        assert!(parse_length("12px").is_err());
        assert!(parse_length("abc").is_err());
        assert!(parse_font_size("2em").is_err());
        assert!(parse_font_size("-3pt").is_err());
    }

    #[test]
    fn display_rounds_and_avoids_negative_zero() {
        assert_eq!(Pt(-0.001).to_string(), "0.00");
        assert_eq!(Pt(28.954).to_string(), "28.95");
    }
}
