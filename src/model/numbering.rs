//! Heading numbers of Chinese official documents (standards §1.6): 一、 → （一） → 1. → （1）.
//! Digits are half-width, brackets full-width, and nothing separates the number from the text.

/// Chinese numeral for 1..=9999 (十一, 二十, 一百零五); falls back to Arabic digits beyond.
pub fn chinese_numeral(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    if n < 10 {
        return D[n as usize].to_string();
    }
    if n < 20 {
        // 十, 十一 … 十九 (not 一十一)
        return format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        );
    }
    let units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];
    let mut out = String::new();
    let mut zero_pending = false;
    for (u, name) in units {
        let d = (n / u) % 10;
        if d == 0 {
            if !out.is_empty() {
                zero_pending = true;
            }
            continue;
        }
        if zero_pending {
            out.push('零');
            zero_pending = false;
        }
        out.push_str(D[d as usize]);
        out.push_str(name);
    }
    out
}

/// The printed number of a heading at `level` (1–4) holding position `n` (1-based).
pub fn heading_number(level: u8, n: u32) -> String {
    match level {
        1 => format!("{}、", chinese_numeral(n)),
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// Counters for the four heading levels; a heading resets the deeper ones.
#[derive(Default, Debug)]
pub struct Counter {
    counts: [u32; 4],
}

impl Counter {
    /// Advances the counter for `level` (1–4) and returns its printed number.
    pub fn next(&mut self, level: u8) -> String {
        let i = (level.clamp(1, 4) - 1) as usize;
        self.counts[i] += 1;
        for c in &mut self.counts[i + 1..] {
            *c = 0;
        }
        heading_number(level, self.counts[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            (1, "一"),
            (6, "六"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
        ];
        for (n, want) in cases {
            assert_eq!(chinese_numeral(n), want, "{n}");
        }
    }

    #[test]
    fn heading_numbers_by_level_without_spaces() {
        assert_eq!(heading_number(1, 3), "三、");
        assert_eq!(heading_number(2, 1), "（一）");
        assert_eq!(heading_number(3, 2), "2.");
        assert_eq!(heading_number(4, 12), "（12）");
    }

    #[test]
    fn deeper_counters_reset() {
        let mut c = Counter::default();
        assert_eq!(c.next(1), "一、");
        assert_eq!(c.next(2), "（一）");
        assert_eq!(c.next(2), "（二）");
        assert_eq!(c.next(3), "1.");
        assert_eq!(c.next(1), "二、");
        assert_eq!(c.next(2), "（一）");
        assert_eq!(c.next(3), "1.");
        assert_eq!(c.next(4), "（1）");
    }
}
