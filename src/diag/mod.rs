//! Diagnostics are data: a severity, an optional rule id (B1, S1, …), a message, a position
//! in a source file and an optional hint. Only the CLI prints them.

mod rule;
mod source;

use std::fmt;
use std::path::Path;

pub use rule::Rule;
pub use source::{SourceFile, Span};

/// How bad a diagnostic is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input is wrong: nothing is written for it unless `--force`.
    Error,
    /// Worth fixing, but the outputs are written.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem found in an input, with where it is and what to do about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A rule id such as `B1`, `S1`, `yaml`, `limit`; shown in brackets after the severity.
    pub rule: Option<Rule>,
    /// What is wrong, lower case, without a trailing period.
    pub message: String,
    /// Where: a range in a source file; `None` for problems of no file (the command line,
    /// the environment).
    pub span: Option<Span>,
    /// What to do about it, printed after `= hint:`.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `span`, without rule or hint.
    pub fn error(span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            rule: None,
            message: message.into(),
            span,
            hint: None,
        }
    }

    /// A warning at `span`, without rule or hint.
    pub fn warning(span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    /// The diagnostic with its rule id set.
    pub fn with_rule(mut self, rule: Rule) -> Diagnostic {
        self.rule = Some(rule);
        self
    }

    /// The diagnostic with its hint set.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Whether it is an error (blocks output).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// How many diagnostics this one stands for: N for a note of N left out, else 1.
    pub fn weight(&self) -> usize {
        left_out_count(self).unwrap_or(1)
    }

    /// `file:line:col: error[rule]: message` — the first line the CLI prints.
    pub fn headline(&self) -> String {
        let place = match &self.span {
            Some(s) => {
                let (line, col) = s.line_col();
                format!("{}:{line}:{col}: ", s.path().display())
            }
            None => String::new(),
        };
        let rule = match &self.rule {
            Some(r) => format!("[{r}]"),
            None => String::new(),
        };
        format!("{place}{}{rule}: {}", self.severity, self.message)
    }
}

/// Diagnostics collected while loading or checking one input, in the order found.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one at the end.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Whether any is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// How many errors were found, those a note stands for included.
    pub fn errors(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::weight)
            .sum()
    }

    /// How many warnings were found, those a note stands for included.
    pub fn warnings(&self) -> usize {
        self.0
            .iter()
            .filter(|d| !d.is_error())
            .map(Diagnostic::weight)
            .sum()
    }

    /// Adds `other`'s at the end, in their order.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
}

/// Most diagnostics of one severity and rule kept for one input; the rest are counted in a
/// note (`… and N more`).
pub const MAX_PER_RULE: usize = 50;

/// Keeps the first [`MAX_PER_RULE`] diagnostics of each severity and rule, in order, and adds
/// a note per rule that had more.
pub fn cap_per_rule(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut counts: Vec<(Severity, Option<Rule>, usize)> = Vec::new();
    let mut out = Vec::with_capacity(diags.len().min(4 * MAX_PER_RULE));
    for d in diags {
        // Notes are never capped.
        if d.message.starts_with(LEFT_OUT) {
            out.push(d);
            continue;
        }
        let i = match counts
            .iter()
            .position(|(s, r, _)| *s == d.severity && *r == d.rule)
        {
            Some(i) => i,
            None => {
                counts.push((d.severity, d.rule, 0));
                counts.len() - 1
            }
        };
        counts[i].2 += 1;
        if counts[i].2 <= MAX_PER_RULE {
            out.push(d);
        }
    }
    for (severity, rule, n) in counts {
        if n > MAX_PER_RULE {
            out.push(left_out_note(severity, rule, n - MAX_PER_RULE));
        }
    }
    merge_left_out_notes(out)
}

const LEFT_OUT: &str = "… and ";

/// The note that stands for `n` diagnostics left out.
pub fn left_out_note(severity: Severity, rule: Option<Rule>, n: usize) -> Diagnostic {
    let what = match severity {
        Severity::Error => "errors",
        Severity::Warning => "warnings",
    };
    let d = Diagnostic {
        severity,
        rule,
        message: format!(
            "{LEFT_OUT}{n} more {what} of this kind (only the first {MAX_PER_RULE} are shown)"
        ),
        span: None,
        hint: None,
    };
    d.with_hint("fix the ones shown and check again")
}

fn left_out_count(d: &Diagnostic) -> Option<usize> {
    d.message
        .strip_prefix(LEFT_OUT)
        .and_then(|m| m.split(' ').next())
        .and_then(|n| n.parse::<usize>().ok())
}

/// Adds up the notes of one severity and rule into one.
pub fn merge_left_out_notes(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut totals: Vec<(Severity, Option<Rule>, usize)> = Vec::new();
    let mut out = Vec::with_capacity(diags.len());
    for d in diags {
        match left_out_count(&d) {
            Some(n) => match totals
                .iter_mut()
                .find(|(s, r, _)| *s == d.severity && *r == d.rule)
            {
                Some(t) => t.2 += n,
                None => totals.push((d.severity, d.rule, n)),
            },
            None => out.push(d),
        }
    }
    out.extend(totals.into_iter().map(|(s, r, n)| left_out_note(s, r, n)));
    out
}

/// Helper for file-level problems (I/O), with the path as span.
pub fn io_error(path: &Path, what: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(None, format!("{what} `{}`: {err}", path.display())).with_rule(Rule::Io)
}

/// The nearest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = (word.chars().count().max(c.chars().count()) / 2).max(2);
    (d <= limit).then_some(c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_ignores_strangers() {
        let keys = ["rowspan", "colspan", "text", "align", "valign"];
        assert_eq!(nearest("rowspn", keys), Some("rowspan"));
        assert_eq!(nearest("colsapn", keys), Some("colspan"));
        assert_eq!(nearest("zzzzzzzzzz", keys), None);
    }

    #[test]
    fn diagnostics_past_the_cap_become_one_note_that_counts_them() {
        let f = SourceFile::new(Path::new("a.yaml"), "x\n".repeat(5000));
        let many: Vec<Diagnostic> = (0..5000)
            .map(|i| Diagnostic::error(Some(Span::at(&f, i + 1, 1)), "bad").with_rule(Rule::Key))
            .chain([Diagnostic::warning(None, "w").with_rule(Rule::Font)])
            .collect();
        let capped = Diagnostics(cap_per_rule(many));
        assert_eq!(capped.0.len(), MAX_PER_RULE + 2);
        assert_eq!((capped.errors(), capped.warnings()), (5000, 1));
        let note = capped.0.last().unwrap();
        assert!(
            note.message.starts_with("… and 4950 more errors"),
            "{}",
            note.message
        );
        // Capping again keeps one note with the same count.
        let again = Diagnostics(cap_per_rule(capped.0));
        assert_eq!(again.errors(), 5000);
    }

    #[test]
    fn headline_has_position_rule_and_severity() {
        let f = SourceFile::new(Path::new("a.yaml"), "a\nb\ncd: 甲\n");
        let d = Diagnostic::error(Some(Span::at(&f, 3, 5)), "bad").with_rule(Rule::B1);
        assert_eq!(d.headline(), "a.yaml:3:5: error[B1]: bad");
    }
}
