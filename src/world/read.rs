//! One reader for every file the engine reads (reports, defaults, previous reports, layouts
//! and their `extends`, batch files): regular files only, never more than the size limit.
//!
//! A FIFO would block forever and a device such as `/dev/zero` never ends, so the file is
//! opened without blocking and checked with `fstat` before a byte is read; the size is checked
//! on the open file, and the read itself stops one byte past the limit in case it grows.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Rule, SourceFile, Span};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The file could not be opened or read.
    Io(io::Error),
    /// A folder, FIFO, socket or device: what it is.
    NotAFile(&'static str),
    /// The file has this many bytes (at least), more than the limit.
    TooLarge {
        /// Its size in bytes (at least).
        size: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// Not UTF-8: the 1-based line and column of the first bad byte, and the text before it.
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: u32,
        /// 1-based column (in characters) of the first bad byte.
        col: u32,
        /// The valid text before the first bad byte (shown with the diagnostic).
        valid: String,
    },
}

impl ReadError {
    /// The error as a diagnostic. `what` says what the file is for ("layout", "defaults");
    /// `at` is where the file is named, used when the problem has no place in the file itself.
    pub fn diagnostic(&self, path: &Path, what: &str, at: Option<Span>) -> Diagnostic {
        let shown = path.display();
        match self {
            ReadError::Io(e) => Diagnostic::error(
                at,
                format!("cannot read {what} `{shown}`: {}", io_reason(e)),
            )
            .with_rule(Rule::Io),
            ReadError::NotAFile(kind) => Diagnostic::error(
                at,
                format!("cannot read {what} `{shown}`: it is {kind}, not a file"),
            )
            .with_rule(Rule::Io),
            ReadError::TooLarge { size, limit } => match at {
                Some(at) => Diagnostic::error(
                    Some(at),
                    format!(
                        "{what} `{shown}` is {size} bytes, more than the limit of {limit} bytes"
                    ),
                ),
                None => Diagnostic::error(
                    Some(Span::file_start(&SourceFile::unread(path))),
                    format!("the file is {size} bytes, more than the limit of {limit} bytes"),
                ),
            }
            .with_rule(Rule::Limit),
            ReadError::NotUtf8 { line, col, valid } => Diagnostic::error(
                Some(Span::at(
                    &SourceFile::new(path, valid.as_str()),
                    *line,
                    *col,
                )),
                "the file is not UTF-8 text",
            )
            .with_rule(Rule::Encoding)
            .with_hint("save the file as UTF-8 (GBK and GB18030 files must be converted)"),
        }
    }
}

/// An I/O error in words, without the OS error number.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

fn kind_of(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Opens a regular file for reading without blocking (a FIFO errors instead of waiting).
pub fn open_regular(path: &Path) -> Result<(File, std::fs::Metadata), ReadError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let f: File = opts.open(path).map_err(|e| match e.raw_os_error() {
        // Opening a folder for reading works on Linux; elsewhere it may not.
        Some(libc::EISDIR) => ReadError::NotAFile("a folder"),
        _ => ReadError::Io(e),
    })?;
    let meta = f.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(meta.file_type())));
    }
    Ok((f, meta))
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let (f, meta) = open_regular(path)?;
    if meta.len() > limit as u64 {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() > limit {
        // It grew while being read.
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 text file of at most `limit` bytes.
pub fn read_text(path: &Path, limit: usize) -> Result<String, ReadError> {
    let bytes = read_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let col = String::from_utf8_lossy(upto)
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0) as u32
            + 1;
        let valid = String::from_utf8_lossy(upto).into_owned();
        ReadError::NotUtf8 { line, col, valid }
    })
}

/// Regular files under `root` (links followed) that `keep` accepts, at most `max_depth`
/// folders down. A folder reached twice (a link to itself or to a parent; identified by device
/// and inode) is entered once, so link loops end.
pub fn walk_files(root: &Path, max_depth: usize, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&dir) else {
            continue;
        };
        if !meta.is_dir() || !seen.insert(dir_id(&meta, &dir)) {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut subdirs = Vec::new();
        for e in entries.flatten() {
            let p = e.path();
            let Ok(m) = std::fs::metadata(&p) else {
                continue;
            };
            if m.is_dir() {
                if depth < max_depth {
                    subdirs.push(p);
                }
            } else if m.is_file() && keep(&p) {
                out.push(p);
            }
        }
        subdirs.sort();
        stack.extend(subdirs.into_iter().rev().map(|d| (d, depth + 1)));
    }
    out
}

#[cfg(unix)]
fn dir_id(meta: &std::fs::Metadata, _: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_id(_: &std::fs::Metadata, dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// How deep a `**` pattern searches.
pub const MAX_GLOB_DEPTH: usize = 32;

/// The files a glob pattern (`departments/*.yaml`, `**/*.yaml`) matches, sorted, found with
/// [`walk_files`]: link loops end, and `**` goes at most [`MAX_GLOB_DEPTH`] folders down.
pub fn glob_files(pattern: &str) -> Result<Vec<PathBuf>, glob::PatternError> {
    let compiled = glob::Pattern::new(pattern)?;
    let path = Path::new(pattern);
    let mut root = PathBuf::new();
    let mut rest: usize = 0;
    let mut literal = true;
    for c in path.components() {
        let text = c.as_os_str().to_string_lossy();
        if literal && !text.contains(['*', '?', '[']) {
            root.push(c);
        } else {
            literal = false;
            rest += 1;
        }
    }
    if root.as_os_str().is_empty() {
        root.push(".");
    }
    let depth = if pattern.contains("**") {
        MAX_GLOB_DEPTH
    } else {
        rest.saturating_sub(1)
    };
    let opts = glob::MatchOptions {
        require_literal_separator: true,
        ..glob::MatchOptions::new()
    };
    let mut files = walk_files(&root, depth, &|p: &Path| {
        compiled.matches_path_with(p, opts)
            // `./a/*.yaml` is walked from `.`, whose entries read `./a/…`.
            || p.strip_prefix("./").is_ok_and(|q| compiled.matches_path_with(q, opts))
    });
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_fifos_are_refused_without_reading() {
        assert!(matches!(
            read_bytes(Path::new("/dev/zero"), 1 << 20),
            Err(ReadError::NotAFile("a device"))
        ));
        assert!(matches!(
            read_bytes(Path::new("/"), 1 << 20),
            Err(ReadError::NotAFile("a folder"))
        ));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_bytes(&fifo, 1 << 20),
            Err(ReadError::NotAFile("a FIFO"))
        ));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big");
        let f = File::create(&p).unwrap();
        // Sparse: 3 GiB on paper, nothing on disk.
        f.set_len(3 << 30).unwrap();
        match read_bytes(&p, 8 << 20) {
            Err(ReadError::TooLarge { size, .. }) => assert_eq!(size, 3 << 30),
            other => panic!("{other:?}"),
        }
        std::fs::write(&p, "甲\n\u{0}ab").unwrap();
        assert_eq!(read_text(&p, 100).unwrap(), "甲\n\u{0}ab");
        std::fs::write(&p, b"a\nb\xff").unwrap();
        assert!(matches!(
            read_text(&p, 100),
            Err(ReadError::NotUtf8 {
                line: 2,
                col: 2,
                ..
            })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_end_and_globs_match_through_folders() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::fs::write(d.join("a/b/r.yaml"), "x").unwrap();
        std::fs::write(d.join("a/s.yaml"), "x").unwrap();
        std::fs::write(d.join("a/t.txt"), "x").unwrap();
        // Sixteen links back to the top: 16^6 folders if followed blindly.
        for i in 0..16 {
            std::os::unix::fs::symlink(d, d.join(format!("a/b/loop{i}"))).unwrap();
        }
        let start = std::time::Instant::now();
        let all = walk_files(d, 100, &|_| true);
        assert_eq!(all.len(), 3, "{all:?}");
        let pat = format!("{}/**/*.yaml", d.display());
        let found = glob_files(&pat).unwrap();
        assert_eq!(found, [d.join("a/b/r.yaml"), d.join("a/s.yaml")]);
        let one = glob_files(&format!("{}/a/*.yaml", d.display())).unwrap();
        assert_eq!(one, [d.join("a/s.yaml")]);
        assert!(start.elapsed().as_secs() < 5);
    }
}
