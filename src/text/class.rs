//! Character classes for Chinese line breaking and punctuation width (standards §3,
//! GB/T 15834-2011 and clreq at the GB level).

/// How a character behaves at line edges and how wide it is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Class {
    /// Han characters, kana, full-width letters: one cell, break anywhere around.
    Ideograph,
    /// 点号 。，、；：？！ — never at a line start; blank half on the right (GB style).
    Stop,
    /// Closing brackets and quotes — never at a line start; blank half on the right.
    Close,
    /// Opening brackets and quotes — never at a line end; blank half on the left.
    Open,
    /// 间隔号 · — never at a line start; ½ em fixed.
    Middle,
    /// 破折号 — and 省略号 … : 1 em each, pairs unbreakable; no break before when single.
    Dash,
    /// 分隔号 / — neither at a line start nor (GB style) at a line end.
    Solidus,
    /// Latin letters, digits and the marks inside numbers and words: no break inside a run.
    Latin,
    /// An ASCII space: a break opportunity, dropped at line edges.
    Space,
    /// The ideographic space U+3000: one cell.
    IdeoSpace,
}

impl Class {
    /// Whether a line may not start with this class (GB/T 15834 §5.1).
    pub fn no_start(self) -> bool {
        matches!(
            self,
            Class::Stop | Class::Close | Class::Middle | Class::Solidus
        )
    }

    /// Whether a line may not end with this class.
    pub fn no_end(self) -> bool {
        matches!(self, Class::Open | Class::Solidus)
    }

    /// Full-width punctuation with a blank half that may be squeezed.
    pub fn is_punct(self) -> bool {
        matches!(self, Class::Stop | Class::Close | Class::Open)
    }

    /// Set on the CJK grid (one cell per character).
    pub fn is_cjk(self) -> bool {
        matches!(
            self,
            Class::Ideograph
                | Class::Stop
                | Class::Close
                | Class::Open
                | Class::Middle
                | Class::Dash
                | Class::IdeoSpace
        )
    }
}

/// Full-width marks whose blank half is on the right (GB style): the ones squeezed at line
/// ends and in pairs.
pub const RIGHT_BLANK_MARKS: &str = "。，、；：？！．”’）》〉】〕〗」』］｝〙〛";

/// The line-breaking class of a character.
pub fn classify(c: char) -> Class {
    match c {
        '。' | '，' | '、' | '；' | '：' | '？' | '！' | '．' => Class::Stop,
        '”' | '’' | '）' | '》' | '〉' | '】' | '〕' | '〗' | '」' | '』' | '］' | '｝' | '〙'
        | '〛' => Class::Close,
        '“' | '‘' | '（' | '《' | '〈' | '【' | '〔' | '〖' | '「' | '『' | '［' | '｛' | '〘'
        | '〚' => Class::Open,
        '·' | '・' | '‧' => Class::Middle,
        '—' | '…' | '⸺' | '⋯' | '～' => Class::Dash,
        '/' => Class::Solidus,
        ' ' => Class::Space,
        '\u{3000}' => Class::IdeoSpace,
        c if c.is_ascii() => Class::Latin,
        // Latin-1, Greek, Cyrillic letters and the like behave as Latin.
        c if (c as u32) < 0x2000 => Class::Latin,
        // Other symbols (℃, №, ①) are set as ideographs.
        _ => Class::Ideograph,
    }
}

/// Latin letters and digits use the `latin` font role (Times New Roman in official practice).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphanumeric() || ((c as u32) >= 0xC0 && (c as u32) < 0x2000 && c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_start_and_end_prohibitions() {
        // (char, may not start a line, may not end a line)
        let cases = [
            ('，', true, false),
            ('。', true, false),
            ('、', true, false),
            ('：', true, false),
            ('）', true, false),
            ('”', true, false),
            ('》', true, false),
            ('〕', true, false),
            ('·', true, false),
            ('/', true, true),
            ('（', false, true),
            ('“', false, true),
            ('《', false, true),
            ('〔', false, true),
            ('国', false, false),
            ('A', false, false),
        ];
        for (c, ns, ne) in cases {
            assert_eq!(classify(c).no_start(), ns, "{c} no_start");
            assert_eq!(classify(c).no_end(), ne, "{c} no_end");
        }
    }

    #[test]
    fn dashes_ellipses_and_latin() {
        assert_eq!(classify('—'), Class::Dash);
        assert_eq!(classify('…'), Class::Dash);
        assert_eq!(classify('7'), Class::Latin);
        assert_eq!(classify(' '), Class::Space);
        assert!(classify('国').is_cjk() && !classify('a').is_cjk());
    }
}
