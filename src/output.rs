//! Where a report's outputs go and how they are written, for `render` and `batch` alike: one
//! naming rule, one clash check, one write-if-complete-or-forced.

use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic, Rule};
use crate::format::Format;
use crate::world::World;
use crate::{RenderOptions, Rendered};

/// The output path for an input: its name less the last extension, with `ext`, beside it or
/// in `out_dir` (`budget.final.yaml` → `budget.final.pdf`, never `budget.pdf`).
pub fn output_path(input: &Path, out_dir: Option<&Path>, ext: &str) -> PathBuf {
    let mut name = input
        .file_stem()
        .map(|s| s.to_os_string())
        .unwrap_or_else(|| "report".into());
    // Appended, not `set_extension`: that would replace the stem's own last dot-part.
    name.push(".");
    name.push(ext);
    let world = World::default();
    match out_dir {
        Some(d) => world.resolve_in(&name, d),
        None => world.resolve(&name, input),
    }
}

/// For each input, the earlier input whose outputs have the same names (`a/report.yaml` and
/// `b/report.yaml` into one folder). The later one must not be written: it would overwrite.
pub fn output_clashes(inputs: &[PathBuf], out_dir: Option<&Path>) -> Vec<Option<usize>> {
    use std::collections::hash_map::{Entry, HashMap};
    let mut first: HashMap<PathBuf, usize> = HashMap::new();
    inputs
        .iter()
        .enumerate()
        .map(
            // Compared after normalisation: `b/r.yaml` and `a/../b/r.yaml` write one file.
            |(i, input)| match first
                .entry(crate::batch::normalize(&output_path(input, out_dir, "x")))
            {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(i);
                    None
                }
            },
        )
        .collect()
}

/// The error for an input left out because `earlier` writes outputs of the same names.
pub fn clash_diagnostic(input: &Path, earlier: &Path, out_dir: Option<&Path>) -> Diagnostic {
    Diagnostic::error(
        Some(diag::Span::file_start(&diag::SourceFile::unread(input))),
        format!(
            "its outputs would overwrite those of `{}` (both are named `{}`)",
            earlier.display(),
            output_path(input, out_dir, "*").display()
        ),
    )
    .with_rule(Rule::Output)
    .with_hint("rename one of the files, or write them into separate output folders")
}

/// One output file written, or the error that stopped it.
#[derive(Debug)]
pub struct Written {
    /// The format of the file.
    pub format: Format,
    /// Where it was (to be) written.
    pub path: PathBuf,
    /// The `io` error when writing failed.
    pub error: Option<Diagnostic>,
}

/// What writing one report's outputs did.
#[derive(Debug)]
pub struct WriteOutcome {
    /// The files written or attempted, in [`Format::ALL`] order.
    pub files: Vec<Written>,
    /// The report failed: it has errors, a requested output was not produced, or a write
    /// failed. Its outputs are then written only with `force`.
    pub failed: bool,
}

/// Writes the outputs of one rendered report, atomically, beside `input` or in `out_dir`:
/// all of them when every requested format was produced, else nothing unless `opts.force`.
pub fn write_outputs(
    input: &Path,
    out_dir: Option<&Path>,
    rendered: &Rendered,
    opts: &RenderOptions,
) -> WriteOutcome {
    let produced: Vec<(Format, &[u8])> = Format::ALL
        .into_iter()
        .filter_map(|f| rendered.output(f).map(|b| (f, b)))
        .collect();
    let expected = opts.formats().count();
    let mut failed = rendered.diagnostics.has_errors() || produced.len() < expected;
    let mut files = Vec::new();
    if produced.len() == expected || opts.force {
        let world = World::default();
        for (format, bytes) in produced {
            let path = output_path(input, out_dir, format.extension());
            let error = world
                .write(&path, bytes)
                .err()
                .map(|e| diag::io_error(&path, "cannot write", &e));
            failed |= error.is_some();
            files.push(Written {
                format,
                path,
                error,
            });
        }
    }
    WriteOutcome { files, failed }
}
