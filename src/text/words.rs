//! Word boundaries in Chinese text, for breaking titles only between words (GB/T 9704
//! §7.3.1: 「词意完整」).
//!
//! The segmenter is [`jieba_rs`] with its dictionary (`words.txt`: word and frequency, one a
//! line, sorted by bytes; MIT, from jieba-rs 0.11). Loading the whole dictionary costs far more
//! than a cold render, so nothing is loaded up front: for each text, only the dictionary words
//! that occur in it are found by binary search and given to an empty segmenter, with the
//! dictionary's total frequency kept so word probabilities are those of the full dictionary.

use jieba_rs::Jieba;

/// The dictionary: `word freq` lines sorted by the bytes of the word.
static WORDS: &str = include_str!("words.txt");

/// Sum of all frequencies in [`WORDS`] (what jieba divides by).
const TOTAL_FREQ: usize = 60_101_964;

/// Longest word looked up, in characters.
const MAX_WORD: usize = 8;

/// A private-use character no title holds: carries the frequency of the words not loaded.
const FILLER: &str = "\u{F8FF}";

/// The frequency of `word` in the dictionary, by binary search over its sorted lines.
fn lookup(word: &str) -> Option<usize> {
    let dict = WORDS.as_bytes();
    let (mut lo, mut hi) = (0, dict.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let start = dict[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let end = dict[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(dict.len(), |p| start + p);
        let line = &WORDS[start..end];
        let (w, freq) = line.split_once(' ')?;
        match word.as_bytes().cmp(w.as_bytes()) {
            std::cmp::Ordering::Less => hi = start,
            std::cmp::Ordering::Greater => lo = end + 1,
            std::cmp::Ordering::Equal => return freq.parse().ok(),
        }
    }
    None
}

/// For each character of `text`, whether a word starts there (the first is `true`).
pub fn word_starts(text: &str) -> Vec<bool> {
    let chars: Vec<char> = text.chars().collect();
    let mut jieba = Jieba::empty();
    let mut loaded = 0;
    let mut seen = std::collections::HashSet::new();
    for i in 0..chars.len() {
        let mut w = String::new();
        for &c in chars.iter().skip(i).take(MAX_WORD) {
            w.push(c);
            // Dictionary words are Han (a few start with a digit or letter): a run that
            // reaches punctuation or a space is no word.
            if !c.is_alphanumeric() {
                break;
            }
            if !seen.insert(w.clone()) {
                continue;
            }
            if let Some(freq) = lookup(&w) {
                jieba.add_word(&w, Some(freq), None);
                loaded += freq;
            }
        }
    }
    jieba.add_word(FILLER, Some(TOTAL_FREQ.saturating_sub(loaded).max(1)), None);
    let mut starts = vec![false; chars.len()];
    let mut at = 0;
    for token in jieba.cut(text, true) {
        if at < starts.len() {
            starts[at] = true;
        }
        at += token.word.chars().count();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let starts = word_starts(text);
        let mut out: Vec<String> = Vec::new();
        for (c, s) in text.chars().zip(starts) {
            match out.last_mut() {
                Some(w) if !s => w.push(c),
                _ => out.push(c.to_string()),
            }
        }
        out
    }

    #[test]
    fn the_dictionary_is_found_by_binary_search() {
        assert_eq!(lookup("情况"), Some(32833));
        assert_eq!(lookup("1号店"), Some(3));
        assert!(lookup("统计表").is_some());
        assert_eq!(lookup("政务公开工"), None);
    }

    #[test]
    fn titles_split_into_words() {
        let w = words("益阳市2020年政务公开工作要点");
        assert!(w.contains(&"工作".to_string()), "{w:?}");
        assert!(!w.iter().any(|x| x.ends_with('工')), "{w:?}");
        let w = words("政府信息公开工作情况统计表");
        assert!(!w.iter().any(|x| x.ends_with('统')), "{w:?}");
    }
}
