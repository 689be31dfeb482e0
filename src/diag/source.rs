//! Source files held in memory and byte ranges in them: a [`Span`] names its file and a range of
//! bytes, and turns them into the 1-based line and column (in characters) that diagnostics
//! print. The file's text travels with the span, so the CLI shows the source line from the
//! text that was parsed, never from a second read of the disk (which may have changed since).

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// A file read for diagnostics: its path as the user named it and, when it could be read, its
/// text (a report, defaults, a layout and its `extends`, a previous report, a batch file).
///
/// Invariants: the text is at most `u32::MAX` bytes (inputs are limited far below that); the
/// text of a parsed file has no byte-order mark (the parser's columns do not count one).
pub struct SourceFile {
    path: Arc<Path>,
    text: Option<Arc<str>>,
    /// The line number of the text's first line: 1, or more for an excerpt (one line kept of
    /// a file, see [`Span::detached`]).
    first_line: u32,
    /// Byte offsets of the start of every line, built on first use.
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// A file whose text was read (or, for a file that is not UTF-8, the valid part before the
    /// first bad byte).
    pub fn new(path: &Path, text: impl Into<Arc<str>>) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            path: Arc::from(path),
            text: Some(text.into()),
            first_line: 1,
            line_starts: OnceLock::new(),
        })
    }

    /// A file named in a diagnostic whose text is not held (too large, never read): spans in it
    /// are at its start only.
    pub fn unread(path: &Path) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            path: Arc::from(path),
            text: None,
            first_line: 1,
            line_starts: OnceLock::new(),
        })
    }

    /// The path as the user named it (relative when they wrote it so).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text, `None` when the file was not read.
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let text = self.text().unwrap_or("");
            std::iter::once(0)
                .chain(
                    text.bytes()
                        .enumerate()
                        .filter(|(_, b)| *b == b'\n')
                        .map(|(i, _)| to_u32(i + 1)),
                )
                .collect()
        })
    }

    /// The 1-based line and column (in characters) of byte `offset`; an offset past the end or
    /// inside a character counts as the nearest character boundary before it.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let text = self.text().unwrap_or("");
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = starts[line] as usize;
        let mut end = (offset as usize).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = text.get(start..end).map_or(0, |s| s.chars().count());
        (self.first_line + to_u32(line), to_u32(col + 1))
    }

    /// The byte offset of 1-based `line` and `col` (in characters): the inverse of
    /// [`SourceFile::line_col`]. A line past the end gives the end of the text; a column past
    /// the end of its line gives the end of the line.
    pub fn offset(&self, line: u32, col: u32) -> u32 {
        let text = self.text().unwrap_or("");
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(self.first_line) as usize) else {
            return to_u32(text.len());
        };
        let rest = &text[start as usize..];
        let within = rest
            .char_indices()
            .take_while(|(_, c)| *c != '\n')
            .nth(col.saturating_sub(1) as usize)
            .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
        start + to_u32(within)
    }

    /// The text of 1-based line `line`, without its line break; `None` past the end or when
    /// the text is not held.
    pub fn line(&self, line: u32) -> Option<&str> {
        let text = self.text()?;
        let start = *self
            .line_starts()
            .get(line.checked_sub(self.first_line)? as usize)? as usize;
        let rest = &text[start..];
        if rest.is_empty() {
            return None;
        }
        let l = &rest[..rest.find('\n').unwrap_or(rest.len())];
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

impl fmt::Debug for SourceFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(t) => write!(f, "SourceFile({}, {} bytes)", self.path.display(), t.len()),
            None => write!(f, "SourceFile({}, unread)", self.path.display()),
        }
    }
}

impl PartialEq for SourceFile {
    /// Two files are the same when they have the same path.
    fn eq(&self, other: &SourceFile) -> bool {
        self.path == other.path
    }
}

/// A saturating conversion: texts are limited far below 4 GiB.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A range of bytes in a source file: where a diagnostic points.
///
/// Invariant: `range.start <= range.end`, both within the file's text (or `0..0` in a file
/// whose text is not held).
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// The file, with its text.
    pub file: Arc<SourceFile>,
    /// Byte offsets into the file's text.
    pub range: Range<u32>,
}

impl Span {
    /// The bytes `range` of `file`.
    pub fn new(file: &Arc<SourceFile>, range: Range<u32>) -> Span {
        Span {
            file: file.clone(),
            range,
        }
    }

    /// The empty range at 1-based `line` and `col` (in characters) of `file`.
    pub fn at(file: &Arc<SourceFile>, line: u32, col: u32) -> Span {
        let o = file.offset(line, col);
        Span::new(file, o..o)
    }

    /// The whole file, for problems that have no better position (e.g. an empty file).
    pub fn file_start(file: &Arc<SourceFile>) -> Span {
        Span::new(file, 0..0)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The 1-based line and column (in characters) of the start.
    pub fn line_col(&self) -> (u32, u32) {
        self.file.line_col(self.range.start)
    }

    /// The 1-based line of the start.
    pub fn line(&self) -> u32 {
        self.line_col().0
    }

    /// The same place in a copy of only the line it starts on: a diagnostic kept after its
    /// input is done (a batch keeps every report's results to the end) then holds one line,
    /// not the whole file, and prints the same.
    pub fn detached(&self) -> Span {
        let Some(text) = self.file.text() else {
            return self.clone();
        };
        let (line, _) = self.line_col();
        let starts = self.file.line_starts();
        let i = (line - self.file.first_line) as usize;
        let start = starts[i];
        let end = starts
            .get(i + 1)
            .map_or(to_u32(text.len()), |&next| next - 1);
        let excerpt = Arc::new(SourceFile {
            path: self.file.path.clone(),
            text: Some(Arc::from(&text[start as usize..end as usize])),
            first_line: line,
            line_starts: OnceLock::new(),
        });
        let clamp = |o: u32| o.clamp(start, end) - start;
        Span::new(&excerpt, clamp(self.range.start)..clamp(self.range.end))
    }

    /// Where `ch` is first written in the file at or after the start, looking at no more than
    /// `window` characters: the exact place of a character inside the value this span points
    /// at. `None` when it is not there as such (an escape such as `\u4E00`, generated text).
    pub fn find_char(&self, ch: char, window: usize) -> Option<Span> {
        let text = self.file.text()?;
        let from = self.range.start as usize;
        let (i, c) = text
            .get(from..)?
            .char_indices()
            .take(window)
            .find(|(_, c)| *c == ch)?;
        let start = to_u32(from + i);
        Some(Span::new(&self.file, start..start + to_u32(c.len_utf8())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_lines_convert_both_ways() {
        let f = SourceFile::new(Path::new("t.yaml"), "a: 甲乙\nb: |\n  丙\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(6), (1, 5), "乙 after 甲's three bytes");
        assert_eq!(f.offset(1, 5), 6);
        assert_eq!(f.offset(3, 1), 15);
        assert_eq!(f.offset(3, 3), 17);
        assert_eq!(f.line_col(17), (3, 3));
        assert_eq!(f.line_col(18), (3, 3), "inside 丙: its start");
        // The end of a text ending in a newline is the start of the line after the last.
        assert_eq!(f.line_col(21), (4, 1));
        assert_eq!(f.offset(4, 1), 21);
        assert_eq!(f.offset(1, 99), 9, "a column past the line's end: its end");
        assert_eq!(f.line(2), Some("b: |"));
        assert_eq!(f.line(4), None);
        let unread = SourceFile::unread(Path::new("big.yaml"));
        assert_eq!(Span::file_start(&unread).line_col(), (1, 1));
        assert_eq!(unread.line(1), None);
    }

    #[test]
    fn a_detached_span_holds_one_line_and_prints_the_same() {
        let f = SourceFile::new(Path::new("t.yaml"), "a: 1\nbb: 甲乙\nc: 3\n");
        let s = Span::new(&f, 12..15);
        let d = s.detached();
        assert_eq!(d.file.text(), Some("bb: 甲乙"));
        assert_eq!((d.path(), d.line_col()), (s.path(), s.line_col()));
        assert_eq!(d.line_col(), (2, 6));
        assert_eq!(d.file.line(2), f.line(2));
        assert_eq!(d.file.line(1), None);
        assert_eq!(
            d.detached().line_col(),
            (2, 6),
            "detaching again changes nothing"
        );
        let last = Span::new(&f, 18..18).detached();
        assert_eq!((last.line_col(), last.file.text()), ((3, 3), Some("c: 3")));
    }

    #[test]
    fn find_char_finds_the_character_after_the_span_within_the_window() {
        let f = SourceFile::new(Path::new("t.yaml"), "a: 甲乙\nb: |\n  丙丁\n  戊己\n");
        let at = |line, col, ch, window| {
            Span::at(&f, line, col)
                .find_char(ch, window)
                .map(|s| s.line_col())
        };
        assert_eq!(at(1, 4, '乙', 10), Some((1, 5)));
        assert_eq!(at(2, 4, '己', 20), Some((4, 4)));
        assert_eq!(at(2, 4, '己', 5), None, "outside the window");
        assert_eq!(at(1, 4, '庚', 99), None, "not written as such");
        let s = Span::at(&f, 1, 4).find_char('乙', 10).unwrap();
        assert_eq!(s.range, 6..9, "the character's own bytes");
    }
}
