//! Inline markup of paragraphs: `**text**` marks emphasis.

use super::report::Run;

/// Splits `**…**` emphasis out of a paragraph. An unmatched `**` stays literal text;
/// the returned flag says whether that happened (the caller warns).
pub fn parse_runs(text: &str) -> (Vec<Run>, bool) {
    let mut runs: Vec<Run> = Vec::new();
    let parts: Vec<&str> = text.split("**").collect();
    let balanced = parts.len() % 2 == 1;
    for (i, part) in parts.iter().enumerate() {
        let emphasis = i % 2 == 1;
        // With an odd number of markers the last one has no partner: keep it literally.
        let (text, emphasis) = if !balanced && i == parts.len() - 1 && emphasis {
            (format!("**{part}"), false)
        } else {
            (part.to_string(), emphasis)
        };
        if text.is_empty() {
            continue;
        }
        match runs.last_mut() {
            Some(last) if last.emphasis == emphasis => last.text.push_str(&text),
            _ => runs.push(Run { text, emphasis }),
        }
    }
    (runs, !balanced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str, emphasis: bool) -> Run {
        Run {
            text: text.into(),
            emphasis,
        }
    }

    #[test]
    fn emphasis_is_split_out() {
        let (runs, bad) = parse_runs("**强化政策解读。**开设栏目");
        assert!(!bad);
        assert_eq!(runs, vec![r("强化政策解读。", true), r("开设栏目", false)]);
    }

    #[test]
    fn unmatched_marker_stays_literal() {
        let (runs, bad) = parse_runs("a**b");
        assert!(bad);
        assert_eq!(runs, vec![r("a**b", false)]);
    }

    #[test]
    fn plain_text_is_one_run() {
        let (runs, bad) = parse_runs("无。");
        assert!(!bad);
        assert_eq!(runs, vec![r("无。", false)]);
    }
}
