//! Command line: parse, dispatch, print diagnostics, exit 0 (all written), 1 (some input had
//! an error) or 2 (bad command line).

mod args;
mod batch;
mod terminal;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use gongwen::limits::Limits;
use gongwen::style::LayoutSource;
use gongwen::text::FontOptions;
use gongwen::{clash_diagnostic, output_clashes, write_outputs, Format, RenderOptions, Session};

use args::{Args, Command};

pub fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if matches!(args.command, Command::Render(_) | Command::Batch(_)) {
        gongwen::world::atomic::remove_temporaries_on_signals();
    }
    match args.command {
        Command::Render(r) => render(r),
        Command::Check(c) => check(c),
        Command::Batch(b) => batch::run(b),
        Command::Fonts(f) => fonts(f),
        Command::Init(i) => init(i),
    }
}

/// Font lookup for the command line; `map` for the short-lived commands (see
/// [`FontOptions::map`]), reading for batches.
pub fn font_options(dirs: &[PathBuf], map: bool) -> FontOptions {
    FontOptions {
        font_dirs: dirs.to_vec(),
        bundled_dir: None,
        system: true,
        map,
    }
}

pub fn layout_source(layout: &Option<String>) -> Option<LayoutSource> {
    layout
        .as_ref()
        .map(|l| LayoutSource::parse(l, None, &gongwen::world::World::default()))
}

fn render(a: args::Render) -> ExitCode {
    let session = Session::new(font_options(&a.font_dir, true), Limits::default());
    let (pdf, docx) = if !a.pdf && !a.docx {
        (true, false)
    } else {
        (a.pdf, a.docx)
    };
    let opts = RenderOptions {
        pdf,
        docx,
        force: a.force,
        pdfa: a.pdfa,
        pdfua: a.pdfua,
        layout: layout_source(&a.layout),
    };
    if let Some(dir) = &a.output {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!(
                "error: cannot create output folder `{}`: {e}",
                dir.display()
            );
            return ExitCode::from(1);
        }
    }
    let mut failed = false;
    let clashes = output_clashes(&a.files, a.output.as_deref());
    for (input, clash) in a.files.iter().zip(clashes) {
        if let Some(j) = clash {
            terminal::print(&clash_diagnostic(input, &a.files[j], a.output.as_deref()));
            failed = true;
            continue;
        }
        let r = gongwen::render(&session, input, &opts);
        terminal::print_all(&r.diagnostics.0);
        let outcome = write_outputs(input, a.output.as_deref(), &r, &opts);
        failed |= outcome.failed;
        for w in &outcome.files {
            match &w.error {
                Some(d) => terminal::print(d),
                None if !a.quiet => {
                    let pages = match w.format {
                        Format::Pdf => format!(" ({} pages)", r.pages),
                        Format::Docx => String::new(),
                    };
                    eprintln!("wrote {}{pages}", w.path.display());
                }
                None => {}
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn check(a: args::Check) -> ExitCode {
    let limits = Limits::default();
    let mut failed = false;
    for input in &a.files {
        let (_, diags) = gongwen::check(input, &limits);
        terminal::print_all(&diags.0);
        if diags.has_errors() {
            failed = true;
        } else {
            eprintln!("{}: ok ({} warnings)", input.display(), diags.warnings());
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn fonts(a: args::Fonts) -> ExitCode {
    let session = Session::new(font_options(&a.font_dir, true), Limits::default());
    let source = layout_source(&a.layout).unwrap_or(LayoutSource::Builtin("gbt9704".into()));
    let setup = match session.setup(&source) {
        Ok(s) => s,
        Err(ds) => {
            terminal::print_all(&ds);
            return ExitCode::from(1);
        }
    };
    let book = &setup.book;
    terminal::print_all(&book.warnings);
    // Written at the end in one go: a reader that closes the pipe early (`| head`) ends
    // the output quietly instead of a panic on the next line.
    let mut out = String::new();
    let _ = writeln!(out, "{:<12} {:<28} {:<10} file", "role", "family", "from");
    for role in gongwen::style::Role::ALL {
        for &id in book.chain(role) {
            let f = book.face(id);
            let _ = writeln!(
                out,
                "{:<12} {:<28} {:<10} {}",
                role.key(),
                f.family,
                f.origin.label(),
                f.path.display()
            );
        }
    }
    let mut failed = false;
    if let Some(report) = &a.report {
        let (rep, diags) = gongwen::check(report, &session.limits);
        if diags.has_errors() {
            terminal::print_all(&diags.0);
            failed = true;
        }
        if let Some(rep) = rep {
            // The characters as the layout sets them, in the faces it picks.
            match gongwen::layout::layout_document(&rep, &setup.style, book, &session.limits) {
                Ok((doc, _)) => {
                    let cov = gongwen::coverage::coverage(&doc, book);
                    out.push('\n');
                    let _ = writeln!(
                        out,
                        "{}: {} distinct characters",
                        report.display(),
                        cov.chars.len()
                    );
                    for (family, n) in &cov.per_font {
                        let _ = writeln!(out, "  {n:>6} from {family}");
                    }
                    for (ch, family) in &cov.fallbacks {
                        let _ = writeln!(
                            out,
                            "  fallback: `{ch}` (U+{:04X}) from {family}",
                            *ch as u32
                        );
                    }
                    for ch in &cov.missing {
                        let _ = writeln!(
                            out,
                            "  missing: `{ch}` (U+{:04X}) is in no font",
                            *ch as u32
                        );
                    }
                }
                Err(ds) => {
                    terminal::print_all(&ds);
                    failed = true;
                }
            }
        }
    }
    write_stdout(&out);
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn init(a: args::Init) -> ExitCode {
    if let Some(kind) = &a.kind {
        return match gongwen::model::starter::starter(kind) {
            Some(text) => {
                write_stdout(text);
                ExitCode::SUCCESS
            }
            None => {
                eprintln!(
                    "error: unknown kind `{kind}`: use {}",
                    gongwen::model::starter::KINDS.join(", ")
                );
                ExitCode::from(2)
            }
        };
    }
    let form = a.form.unwrap_or_default();
    match gongwen::model::form::starter(&form) {
        Some(text) => {
            write_stdout(&text);
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "error: unknown form `{form}`: use gov-info-annual-2021 or gov-info-annual-2019"
            );
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout; a closed pipe (`gongwen fonts | head -1`) is not an error.
fn write_stdout(text: &str) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
