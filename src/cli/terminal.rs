//! Printing diagnostics: `file:line:col: error[rule]: message`, the source line, a caret under
//! the column, and a hint.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use gongwen::diag::Diagnostic;

pub struct Printer {
    sources: HashMap<PathBuf, Option<String>>,
}

impl Printer {
    pub fn stderr() -> Printer {
        Printer {
            sources: HashMap::new(),
        }
    }

    pub fn print_all(&mut self, diags: &[Diagnostic]) {
        for d in diags {
            self.print(d);
        }
    }

    pub fn print(&mut self, d: &Diagnostic) {
        let text = self.render(d);
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    /// The full text of a diagnostic as printed.
    pub fn render(&mut self, d: &Diagnostic) -> String {
        let mut out = d.headline();
        out.push('\n');
        if let Some(span) = &d.span {
            let src = self
                .sources
                .entry(span.file.to_path_buf())
                .or_insert_with(|| std::fs::read_to_string(&span.file).ok());
            if let Some(line) = src
                .as_deref()
                .and_then(|s| s.lines().nth(span.line as usize - 1))
            {
                let line = line.trim_start_matches('\u{feff}');
                let prefix: usize = line
                    .chars()
                    .take(span.col.saturating_sub(1) as usize)
                    .map(|c| if c == '\t' { 1 } else { width(c) })
                    .sum();
                let num = span.line.to_string();
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
