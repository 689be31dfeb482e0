//! The units WordprocessingML counts in, made from points ([`Pt`]) only here: twips for
//! lengths, half-points for font sizes, eighths of a point for border widths, EMU for
//! DrawingML. Nothing outside the DOCX writer sees them.

use crate::geom::Pt;

/// Twentieths of a point (`w:w`, `w:pos`, `w:line`, indents, margins), rounded to the nearest.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Twips(pub i32);

impl Twips {
    /// `p` in twips, rounded to the nearest whole twip.
    pub fn of(p: Pt) -> Twips {
        Twips((p.get() * 20.0).round() as i32)
    }
}

impl std::ops::Add for Twips {
    type Output = Twips;
    fn add(self, o: Twips) -> Twips {
        Twips(self.0 + o.0)
    }
}

impl std::ops::Sub for Twips {
    type Output = Twips;
    fn sub(self, o: Twips) -> Twips {
        Twips(self.0 - o.0)
    }
}

impl std::iter::Sum for Twips {
    fn sum<I: Iterator<Item = Twips>>(iter: I) -> Twips {
        Twips(iter.map(|t| t.0).sum())
    }
}

/// Half-points of a font size (`w:sz`, `w:szCs`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct HalfPoints(pub u32);

impl HalfPoints {
    /// The size `p`, rounded to the nearest half-point.
    pub fn of(p: Pt) -> HalfPoints {
        HalfPoints((p.get() * 2.0).round().max(1.0) as u32)
    }
}

/// Eighths of a point (a border's `w:sz`), clamped to what the schema allows (2–96).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct EighthPoints(pub u32);

impl EighthPoints {
    /// The width `p`, rounded, within 2–96 (¼ pt to 12 pt).
    pub fn of(p: Pt) -> EighthPoints {
        EighthPoints(((p.get() * 8.0).round() as i64).clamp(2, 96) as u32)
    }
}

/// English Metric Units (1/12700 pt), DrawingML's lengths.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Emu(pub i64);

impl Emu {
    /// `p` in EMU, rounded.
    pub fn of(p: Pt) -> Emu {
        Emu((p.get() as f64 * 12700.0).round() as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_points_to_each_unit() {
        assert_eq!(Twips::of(Pt::mm(156.0)), Twips(8844));
        assert_eq!(Twips::of(Pt::new(-0.25)), Twips(-5));
        assert_eq!(HalfPoints::of(Pt::new(16.0)), HalfPoints(32));
        assert_eq!(EighthPoints::of(Pt::new(0.5)), EighthPoints(4));
        assert_eq!(EighthPoints::of(Pt::new(40.0)), EighthPoints(96));
        assert_eq!(Emu::of(Pt::new(1.0)), Emu(12700));
    }
}
