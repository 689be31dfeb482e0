//! Batches: many reports rendered in parallel with shared fonts and layouts. One failing
//! report never stops or corrupts the others; results come back in input order.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{io_error, Diagnostic, Diagnostics, Rule, SourceFile, Span};
use crate::format::Format;
use crate::world::World;
use crate::yaml::{self, Node, Reader, Value};
use crate::{
    clash_diagnostic, output_clashes, output_path, render_loaded, write_outputs, RenderOptions,
    Session,
};

/// What a batch renders: its reports (in order), defaults and settings from a batch file.
#[derive(Debug, Default)]
pub struct BatchPlan {
    /// The report files, in order, each once.
    pub reports: Vec<PathBuf>,
    /// Defaults merged under every report (paths already made absolute).
    pub defaults: Option<Arc<Node>>,
    /// `output:` of the batch file, relative to it.
    pub output: Option<PathBuf>,
    /// `formats:` of the batch file, each once, in the order written.
    pub formats: Option<Vec<Format>>,
    /// `summary:` of the batch file, relative to it.
    pub summary: Option<PathBuf>,
    /// Where `summary:` is written in the batch file.
    pub summary_span: Option<Span>,
    /// The batch file, if the batch is one, and its defaults file.
    pub file: Option<PathBuf>,
    /// The defaults file, when `defaults:` names one (relative to the batch file).
    pub defaults_file: Option<PathBuf>,
    /// The folder of the batch: the folder given, or the batch file's folder.
    pub home: PathBuf,
    /// Warnings about the batch file (a pattern that matches nothing).
    pub warnings: Vec<Diagnostic>,
}

impl BatchPlan {
    /// Where `summary.csv` goes: the batch file's `summary`, else the output folder (`-o`, then
    /// the batch file's `output`), else the batch's own folder.
    pub fn summary_path(&self, opts: &BatchOptions) -> PathBuf {
        self.summary.clone().unwrap_or_else(|| {
            opts.output
                .as_deref()
                .or(self.output.as_deref())
                .unwrap_or(&self.home)
                .join("summary.csv")
        })
    }

    /// The summary path, unless writing it would destroy a file of the batch: a report, the
    /// batch file, its defaults or an output. The error points at `summary:`.
    pub fn checked_summary_path(&self, opts: &BatchOptions) -> Result<PathBuf, Diagnostic> {
        let path = self.summary_path(opts);
        let target = normalize(&path);
        let out_dir = opts.output.as_deref().or(self.output.as_deref());
        let what = if self.file.as_deref().is_some_and(|f| normalize(f) == target) {
            Some("the batch file itself".to_string())
        } else if self
            .defaults_file
            .as_deref()
            .is_some_and(|f| normalize(f) == target)
        {
            Some("the batch's defaults".to_string())
        } else if let Some(r) = self.reports.iter().find(|r| normalize(r) == target) {
            Some(format!("the report `{}`", r.display()))
        } else {
            self.reports.iter().find_map(|r| {
                Format::ALL.iter().find_map(|f| {
                    let out = output_path(r, out_dir, f.extension());
                    (normalize(&out) == target)
                        .then(|| format!("the output `{}` of `{}`", out.display(), r.display()))
                })
            })
        };
        match what {
            None => Ok(path),
            Some(what) => Err(Diagnostic::error(
                self.summary_span.clone(),
                format!("the summary `{}` would overwrite {what}", path.display()),
            )
            .with_rule(Rule::Batch)
            .with_hint("name a file of its own, such as summary.csv")),
        }
    }
}

/// `path` made absolute and free of `.` and `..`, with its folder's links resolved when the
/// folder exists: two spellings of one file compare equal.
pub fn normalize(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    if let Ok(c) = clean.canonicalize() {
        return c;
    }
    match (clean.parent(), clean.file_name()) {
        (Some(dir), Some(name)) => match dir.canonicalize() {
            Ok(d) => d.join(name),
            Err(_) => clean,
        },
        _ => clean,
    }
}

/// The outcome of one report.
#[derive(Debug)]
pub struct JobResult {
    /// The report file.
    pub input: PathBuf,
    /// Every diagnostic of the report, write errors included.
    pub diagnostics: Diagnostics,
    /// The files written, in format order.
    pub outputs: Vec<PathBuf>,
    /// Pages of the PDF (0 without one).
    pub pages: usize,
    /// The title lines joined (the summary's organ when the report fills none).
    pub title: String,
    /// The report's batch-summary values by column.
    pub summary: Vec<(&'static str, String)>,
    /// The report counts as failed: it had errors, or an output was missing or not written.
    pub failed: bool,
}

/// Batch settings from the command line.
#[derive(Clone, Debug, Default)]
pub struct BatchOptions {
    /// What to render for every report.
    pub render: RenderOptions,
    /// `-o`: the output folder, over the batch file's `output`.
    pub output: Option<PathBuf>,
    /// Worker threads (0 = all cores, plus one to overlap file syncs).
    pub jobs: usize,
}

/// The keys a batch file may have.
pub const BATCH_KEYS: &[&str] = &["defaults", "output", "formats", "reports", "summary"];

/// Reads a folder (every `*.yaml`, sorted) or a batch file.
pub fn plan(input: &Path) -> Result<BatchPlan, Vec<Diagnostic>> {
    if input.is_dir() {
        let mut reports: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|e| vec![io_error(input, "cannot read folder", &e)])?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        reports.sort();
        if reports.is_empty() {
            return Err(vec![Diagnostic::error(
                None,
                format!("the folder `{}` holds no report (*.yaml)", input.display()),
            )
            .with_rule(Rule::Batch)]);
        }
        return Ok(BatchPlan {
            reports,
            home: input.to_path_buf(),
            ..BatchPlan::default()
        });
    }
    let limits = crate::limits::Limits::default();
    let world = World::new(&limits);
    let text = world
        .read_text(input)
        .map_err(|e| vec![e.diagnostic(input, "the batch file", None)])?;
    let doc = yaml::parse(input, &text, &limits).map_err(|d| vec![d])?;
    let file = doc.file.clone();
    let mut r = Reader::new(&doc);
    // Every path in the batch file is relative to it.
    let resolve = |s: &str| world.resolve(s, input);
    let mut plan = BatchPlan {
        home: input.parent().unwrap_or(Path::new(".")).to_path_buf(),
        file: Some(input.to_path_buf()),
        ..BatchPlan::default()
    };
    if let Some(f) = r.map(&doc.root, "the batch file", BATCH_KEYS) {
        if let Some(n) = f.get("output") {
            plan.output = r.string(n, "`output`").map(|s| resolve(&s));
        }
        if let Some(n) = f.get("summary") {
            plan.summary = r.string(n, "`summary`").map(|s| resolve(&s));
            plan.summary_span = Some(r.span(n));
        }
        if let Some(n) = f.get("formats") {
            match n.as_seq() {
                Some(items) => {
                    let mut formats = Vec::new();
                    for i in items {
                        match i.as_str().and_then(Format::parse) {
                            Some(f) => {
                                if !formats.contains(&f) {
                                    formats.push(f);
                                }
                            }
                            None => r.push(
                                Diagnostic::error(
                                    Some(r.span(i)),
                                    format!("a format is {}", Format::choices()),
                                )
                                .with_rule(Rule::Type),
                            ),
                        }
                    }
                    if items.is_empty() {
                        r.push(
                            Diagnostic::error(Some(r.span(n)), "`formats` lists no format")
                                .with_rule(Rule::Batch)
                                .with_hint("write [pdf], [docx] or [pdf, docx]"),
                        );
                    }
                    plan.formats = Some(formats);
                }
                None => r.expected(n, "`formats`", "a list such as [pdf, docx]"),
            }
        }
        if let Some(n) = f.get("defaults") {
            plan.defaults = defaults(&mut r, n, input, &world).map(Arc::new);
            if let Some(name) = n.as_str() {
                plan.defaults_file = Some(resolve(name));
            }
        }
        match f.get("reports") {
            Some(n) => {
                let patterns: Vec<(String, Span)> = match n.as_seq() {
                    Some(items) => items
                        .iter()
                        .filter_map(|i| r.string(i, "a report path").map(|s| (s, r.span(i))))
                        .collect(),
                    None => r
                        .string(n, "`reports`")
                        .map(|s| vec![(s, r.span(n))])
                        .unwrap_or_default(),
                };
                let mut seen = std::collections::HashSet::new();
                for (pat, span) in patterns {
                    let full = resolve(&pat);
                    if !pat.contains(['*', '?', '[']) {
                        // A path, not a pattern: it is a report of the batch even when it is
                        // missing or a folder, and then fails alone with its reason.
                        if seen.insert(normalize(&full)) {
                            plan.reports.push(full);
                        }
                        continue;
                    }
                    let mut found: Vec<PathBuf> =
                        match crate::world::read::glob_files(&full.to_string_lossy()) {
                            Ok(paths) => paths,
                            Err(e) => {
                                r.push(
                                    Diagnostic::error(
                                        Some(span),
                                        format!("bad pattern `{pat}`: {e}"),
                                    )
                                    .with_rule(Rule::Batch),
                                );
                                continue;
                            }
                        };
                    found.sort();
                    if found.is_empty() {
                        // The other entries still render.
                        plan.warnings.push(
                            Diagnostic::warning(Some(span), format!("`{pat}` matches no file"))
                                .with_rule(Rule::Batch),
                        );
                    }
                    for p in found {
                        // Overlapping patterns and spellings (`r.yaml`, `./r.yaml`,
                        // `sub/../r.yaml`) name a file once, where it first appears.
                        if seen.insert(normalize(&p)) {
                            plan.reports.push(p);
                        }
                    }
                }
            }
            None => r.push(
                Diagnostic::error(Some(r.span(&doc.root)), "the batch file has no `reports`")
                    .with_rule(Rule::Key),
            ),
        }
    }
    if plan.reports.is_empty() && !r.diags.iter().any(Diagnostic::is_error) {
        let mut ds = std::mem::take(&mut plan.warnings);
        for d in &mut ds {
            d.severity = crate::diag::Severity::Error;
        }
        if ds.is_empty() {
            ds.push(
                Diagnostic::error(Some(Span::file_start(&file)), "the batch lists no report")
                    .with_rule(Rule::Batch),
            );
        }
        return Err(ds);
    }
    if r.diags.iter().any(Diagnostic::is_error) {
        return Err(r.diags);
    }
    plan.warnings.extend(r.diags);
    Ok(plan)
}

/// Defaults: a file name (relative to the batch file `batch`) or an inline map. Every node
/// keeps the file it was written in, so paths inside them (`layout`, `previous-report`) are
/// resolved against that file when the report is loaded, not here.
fn defaults(r: &mut Reader, n: &Node, batch: &Path, world: &World) -> Option<Node> {
    match &n.value {
        Value::Str(s) => {
            let path = world.resolve(s, batch);
            let text = match world.read_text(&path) {
                Ok(t) => t,
                Err(e) => {
                    r.push(e.diagnostic(&path, "defaults", Some(r.span(n))));
                    return None;
                }
            };
            match yaml::parse(&path, &text, &crate::limits::Limits::default()) {
                Ok(d) => {
                    let mut root = d.root;
                    root.set_source(&d.file);
                    Some(root)
                }
                Err(d) => {
                    r.push(d);
                    None
                }
            }
        }
        Value::Map(_) => {
            let mut root = n.clone();
            root.set_source(&r.file);
            Some(root)
        }
        _ => {
            r.expected(n, "`defaults`", "a file name or a map");
            None
        }
    }
}

/// Renders every report of the plan on `opts.jobs` threads. `on_done(i, result)` is called
/// from worker threads as each report finishes; the returned results are in input order.
pub fn run(
    session: &Session,
    plan: &BatchPlan,
    opts: &BatchOptions,
    on_done: &(dyn Fn(usize, &JobResult) + Sync),
) -> Vec<JobResult> {
    let clashes = output_clashes(
        &plan.reports,
        opts.output.as_deref().or(plan.output.as_deref()),
    );
    let work = || {
        plan.reports
            .par_iter()
            .enumerate()
            .map(|(i, input)| {
                let mut r = match clashes[i] {
                    Some(j) => clash(input, &plan.reports[j], plan, opts),
                    // A bug that panics on one report must not take the batch down with it.
                    None => std::panic::catch_unwind(AssertUnwindSafe(|| {
                        job(session, plan, opts, input)
                    }))
                    .unwrap_or_else(|payload| panicked(input, payload.as_ref())),
                };
                on_done(i, &r);
                // Kept to the end for the summary: each diagnostic keeps its line, not the
                // report's whole text.
                for d in &mut r.diagnostics.0 {
                    d.span = d.span.as_ref().map(Span::detached);
                }
                r
            })
            .collect::<Vec<_>>()
    };
    // By default one thread more than cores: each output is fsynced, and the extra thread
    // keeps the cores busy while another waits for the disk.
    let jobs = match opts.jobs {
        0 => std::thread::available_parallelism()
            .map(|n| n.get() + 1)
            .unwrap_or(2),
        n => n,
    };
    // Workers get the main thread's 8 MiB of stack (rayon's default is 2 MiB): reading YAML
    // recurses once per nesting level, and a debug build needs far more stack per level.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(8 << 20)
        .build();
    match pool {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// The result of a report whose rendering panicked: an internal error, not a crash.
fn panicked(input: &Path, payload: &(dyn std::any::Any + Send)) -> JobResult {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    let d = Diagnostic::error(
        Some(Span::file_start(&SourceFile::unread(input))),
        format!("internal error while rendering this report: {what}"),
    )
    .with_rule(Rule::Internal)
    .with_hint("this is a bug in gongwen; please report it with this file");
    failed_result(input, d)
}

/// A report that failed before anything was written.
fn failed_result(input: &Path, d: Diagnostic) -> JobResult {
    JobResult {
        input: input.to_path_buf(),
        diagnostics: Diagnostics(vec![d]),
        outputs: Vec::new(),
        pages: 0,
        title: String::new(),
        summary: Vec::new(),
        failed: true,
    }
}

/// The result of a report left out because an earlier one writes the same outputs.
fn clash(input: &Path, earlier: &Path, plan: &BatchPlan, opts: &BatchOptions) -> JobResult {
    let out_dir = opts.output.as_deref().or(plan.output.as_deref());
    failed_result(input, clash_diagnostic(input, earlier, out_dir))
}

fn job(session: &Session, plan: &BatchPlan, opts: &BatchOptions, input: &Path) -> JobResult {
    let loaded = match &plan.defaults {
        None => crate::model::load_file(input, &session.limits),
        Some(defaults) => crate::model::load_file_with_defaults(input, defaults, &session.limits),
    };
    let rendered = render_loaded(session, input, loaded, &opts.render);
    let out_dir = opts.output.as_deref().or(plan.output.as_deref());
    let outcome = write_outputs(input, out_dir, &rendered, &opts.render);
    let mut diagnostics = rendered.diagnostics;
    let mut outputs = Vec::new();
    for w in outcome.files {
        match w.error {
            Some(d) => diagnostics.push(d),
            None => outputs.push(w.path),
        }
    }
    let failed = outcome.failed;
    JobResult {
        input: input.to_path_buf(),
        diagnostics,
        outputs,
        pages: rendered.pages,
        title: rendered.title,
        summary: rendered.summary,
        failed,
    }
}

/// `summary.csv`: one row per report, fields quoted per RFC 4180. The columns after the
/// generic ones are those the forms name ([`crate::model::summary_columns`]).
pub fn summary_csv(results: &[JobResult]) -> String {
    let columns = crate::model::summary_columns();
    let mut out = String::from("file,organ,status,errors,warnings,pages");
    for c in columns {
        out.push(',');
        out.push_str(c);
    }
    out.push('\n');
    for r in results {
        let value = |col: &str| {
            r.summary
                .iter()
                .find(|(c, _)| *c == col)
                .map(|(_, v)| v.clone())
        };
        let mut fields = vec![
            r.input.display().to_string(),
            value("organ").unwrap_or_else(|| r.title.clone()),
            if r.failed { "failed" } else { "ok" }.to_string(),
            r.diagnostics.errors().to_string(),
            r.diagnostics.warnings().to_string(),
            r.pages.to_string(),
        ];
        fields.extend(columns.iter().map(|c| value(c).unwrap_or_default()));
        let row: Vec<String> = fields.iter().map(|s| csv_field(s)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// One CSV field: quoted when it holds a comma, quote or line break (RFC 4180), and prefixed
/// with `'` when it begins like a formula (`=`, `+`, `-`, `@`, tab, CR), so a spreadsheet shows
/// it as text instead of running it (OWASP, "CSV injection").
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_of_that_report() {
        let input = Path::new("dept-001.yaml");
        for payload in [
            std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err(),
            std::panic::catch_unwind(|| panic!("boom 1")).unwrap_err(),
        ] {
            let r = panicked(input, payload.as_ref());
            assert!(r.failed);
            let d = &r.diagnostics.0[0];
            assert_eq!(d.rule, Some(Rule::Internal));
            assert!(d.message.ends_with("boom 1"), "{}", d.message);
            assert_eq!(d.span.as_ref().map(|s| s.line()), Some(1));
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("益阳市,城管局"), "\"益阳市,城管局\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        for f in ["+1", "-1", "@SUM(A1)", "\tx"] {
            assert_eq!(csv_field(f), format!("'{f}"));
        }
    }
}
