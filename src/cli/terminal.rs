//! Printing diagnostics: `file:line:col: error[rule]: message`, the source line, a caret under
//! the column, and a hint.

use std::io::Write;

use gongwen::diag::Diagnostic;

/// Prints every diagnostic to standard error, in order.
pub fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        print(d);
    }
}

/// Prints one diagnostic to standard error.
pub fn print(d: &Diagnostic) {
    let _ = std::io::stderr().write_all(render(d).as_bytes());
}

/// The full text of a diagnostic as printed: the headline, then the source line its span
/// points at with a caret, taken from the text the span holds (the file as it was parsed,
/// never read again), then the hint.
pub fn render(d: &Diagnostic) -> String {
    let mut out = d.headline();
    out.push('\n');
    if let Some(span) = &d.span {
        let (line_no, col) = span.line_col();
        if let Some(line) = span.file.line(line_no) {
            let line = line.trim_start_matches('\u{feff}');
            let (line, col) = window(line, col.saturating_sub(1) as usize);
            let prefix: usize = line
                .chars()
                .take(col)
                .map(|c| if c == '\t' { 1 } else { width(c) })
                .sum();
            let num = line_no.to_string();
            out.push_str(&format!(
                "{num} | {line}\n{} | {}^\n",
                " ".repeat(num.len()),
                " ".repeat(prefix)
            ));
        }
    }
    if let Some(h) = &d.hint {
        out.push_str(&format!("  = hint: {h}\n"));
    }
    out
}

/// Characters of a source line shown either side of the column.
const WINDOW: usize = 60;

/// The part of `line` around the 0-based character column `col`, cut with `…` on a side
/// that is longer than [`WINDOW`] characters, and the column within it.
fn window(line: &str, col: usize) -> (String, usize) {
    let start = col.saturating_sub(WINDOW);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut chars = line.chars().skip(start);
    out.extend(chars.by_ref().take(col - start + WINDOW));
    if chars.next().is_some() {
        out.push('…');
    }
    (out, col - start + usize::from(start > 0))
}

/// Terminal columns of a character: CJK and full-width forms take two.
fn width(c: char) -> usize {
    let u = c as u32;
    if (0x1100..=0x115F).contains(&u)
        || (0x2E80..=0xA4CF).contains(&u)
        || (0xAC00..=0xD7A3).contains(&u)
        || (0xF900..=0xFAFF).contains(&u)
        || (0xFE30..=0xFE4F).contains(&u)
        || (0xFF00..=0xFF60).contains(&u)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u)
    {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_comes_from_the_text_held_not_the_disk() {
        use gongwen::diag::{Rule, SourceFile, Span};
        use std::path::Path;
        // No such file exists: the text is the one the span holds.
        let f = SourceFile::new(Path::new("/nonexistent/r.yaml"), "title: 甲\nbody: [乙]\n");
        let d = Diagnostic::error(Some(Span::at(&f, 2, 8)), "bad")
            .with_rule(Rule::Key)
            .with_hint("fix it");
        assert_eq!(
            render(&d),
            "/nonexistent/r.yaml:2:8: error[key]: bad\n2 | body: [乙]\n  |        ^\n  = hint: fix it\n"
        );
        let unread = Diagnostic::error(
            Some(Span::file_start(&SourceFile::unread(Path::new("big.yaml")))),
            "too big",
        );
        assert_eq!(render(&unread), "big.yaml:1:1: error: too big\n");
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_column() {
        let line = "x".repeat(1_000_000);
        let (shown, col) = window(&line, 500_000);
        assert_eq!(shown.chars().count(), 2 * WINDOW + 2);
        assert_eq!(col, WINDOW + 1);
        assert_eq!(window("ab: 1", 4), ("ab: 1".to_string(), 4));
        let (shown, col) = window(&"y".repeat(100), 3);
        assert_eq!((shown.chars().count(), col), (WINDOW + 3 + 1, 3));
    }
}
