//! The outside world, in one place (typst's `World` is the model): every file the engine
//! reads or writes, every relative path it resolves, the date it takes from the environment, the
//! environment variables and the bundled-font folder. No other module opens a report, a
//! layout, a defaults or batch file, or joins a path to a folder of its own accord.
//!
//! A relative path is always resolved against the file that names it: a `layout:` written in
//! a report against the report, one written in a batch's defaults against the defaults, an
//! `extends:` against the layout holding it. The file that names a value is the file of its
//! [`Span`](crate::diag::Span), so a value merged in from defaults keeps its own base.

pub mod atomic;
pub mod read;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::diag::{Diagnostic, Rule};
use crate::limits::Limits;

pub use read::{glob_files, io_reason, walk_files, ReadError, MAX_GLOB_DEPTH};

/// Access to files and the environment, with the size limit for text files.
///
/// Cheap to make and copy (it holds the limit, no open files or caches).
#[derive(Clone, Debug)]
pub struct World {
    /// Largest text file read, in bytes ([`Limits::max_input_bytes`]).
    max_text_bytes: usize,
}

impl Default for World {
    fn default() -> World {
        World::new(&Limits::default())
    }
}

impl World {
    /// A world reading text files of at most `limits.max_input_bytes` bytes.
    pub fn new(limits: &Limits) -> World {
        World {
            max_text_bytes: limits.max_input_bytes,
        }
    }

    /// Reads a regular UTF-8 text file within the size limit (reports, layouts, defaults,
    /// batch files, previous reports). FIFOs, devices and folders are refused unread.
    pub fn read_text(&self, path: &Path) -> Result<String, ReadError> {
        read::read_text(path, self.max_text_bytes)
    }

    /// `name` as written in the file `named_by`: an absolute path as it is, a relative one
    /// against the folder of `named_by` (`sub/r.yaml` naming `my.yaml` → `sub/my.yaml`). The
    /// result is relative when `named_by` is, and is not normalised (`..` stays), so messages
    /// show the path the user can follow from where they ran the command.
    pub fn resolve(&self, name: impl AsRef<Path>, named_by: &Path) -> PathBuf {
        let name = name.as_ref();
        if name.is_absolute() {
            return name.to_path_buf();
        }
        match named_by.parent() {
            Some(dir) => dir.join(name),
            None => name.to_path_buf(),
        }
    }

    /// Writes `bytes` to `path` atomically ([`atomic::write_atomic`]): a failed or
    /// interrupted write leaves the old file, never a truncated one.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        atomic::write_atomic(path, bytes)
    }

    /// `name` inside the folder `dir` (an output folder, the folder of a batch).
    pub fn resolve_in(&self, name: impl AsRef<Path>, dir: &Path) -> PathBuf {
        dir.join(name)
    }

    /// An environment variable, `None` when unset.
    pub fn var(&self, name: &str) -> Option<OsString> {
        std::env::var_os(name)
    }

    /// The date from `SOURCE_DATE_EPOCH`, for documents without a signature date: `Ok(None)`
    /// when it is unset, a warning when it is not a whole number of seconds from 1970 to
    /// 9999-12-31.
    pub fn source_date(&self) -> Result<Option<Date>, Diagnostic> {
        let Some(raw) = self.var("SOURCE_DATE_EPOCH") else {
            return Ok(None);
        };
        let text = raw.to_string_lossy();
        const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        match text.trim().parse::<i64>() {
            Ok(secs) if (0..=LAST).contains(&secs) => Ok(Some(Date::from_epoch(secs))),
            _ => Err(Diagnostic::warning(
                None,
                format!(
                    "SOURCE_DATE_EPOCH is `{text}`, not a number of seconds between 0 and {LAST}; the document gets no date from it"
                ),
            )
            .with_rule(Rule::Date)
            .with_hint("unset it, or set it to a Unix time such as 1700000000")),
        }
    }

    /// The bundled `fonts/` folder: `GONGWEN_FONTS` if set, else next to the executable or
    /// one of its ancestors (a checkout's `target/release/gongwen`), else the source folder
    /// the binary was built from (`cargo install --path .`), else `./fonts`. `None` when no
    /// candidate holds the bundled faces.
    pub fn bundled_font_dir(&self) -> Option<PathBuf> {
        const MARKER: &str = "FandolFang-Regular-GBsub.ttf";
        if let Some(dir) = self.var("GONGWEN_FONTS") {
            return Some(PathBuf::from(dir));
        }
        let mut candidates = Vec::new();
        if let Ok(exe) = std::env::current_exe() {
            for a in exe.ancestors().skip(1).take(5) {
                candidates.push(a.join("fonts"));
            }
        }
        candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts"));
        candidates.push(PathBuf::from("fonts"));
        candidates.into_iter().find(|d| d.join(MARKER).is_file())
    }

    /// The system's font folders, in search order (the user's own under `$HOME` last).
    pub fn system_font_dirs(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = [
            "/usr/share/fonts",
            "/usr/local/share/fonts",
            "/Library/Fonts",
            "C:\\Windows\\Fonts",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        if let Some(home) = self.var("HOME") {
            dirs.push(Path::new(&home).join(".fonts"));
            dirs.push(Path::new(&home).join(".local/share/fonts"));
        }
        dirs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_name_is_resolved_against_the_folder_of_the_file_naming_it() {
        let w = World::default();
        assert_eq!(
            w.resolve("my.yaml", Path::new("sub/d.yaml")),
            Path::new("sub/my.yaml")
        );
        assert_eq!(
            w.resolve("my.yaml", Path::new("d.yaml")),
            Path::new("my.yaml")
        );
        assert_eq!(
            w.resolve("../l/x.yaml", Path::new("/a/b/r.yaml")),
            Path::new("/a/b/../l/x.yaml")
        );
        assert_eq!(
            w.resolve("/abs/x.yaml", Path::new("sub/r.yaml")),
            Path::new("/abs/x.yaml")
        );
    }
}
