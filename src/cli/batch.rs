//! `gongwen batch`: every report of a folder or batch file, in parallel; diagnostics per
//! report in input order; a progress bar on a terminal, plain lines otherwise; a summary.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Mutex;

use gongwen::batch::{self, BatchOptions, JobResult};
use gongwen::limits::Limits;
use gongwen::world::World;
use gongwen::{Format, RenderOptions, Session};

use super::terminal;
use super::{args, font_options, layout_source};

pub fn run(b: args::Batch) -> ExitCode {
    let plan = match batch::plan(&b.input) {
        Ok(p) => p,
        Err(ds) => {
            terminal::print_all(&ds);
            return ExitCode::from(1);
        }
    };
    let (pdf, docx) = match (b.pdf, b.docx, &plan.formats) {
        (false, false, Some(f)) => (f.contains(&Format::Pdf), f.contains(&Format::Docx)),
        (false, false, None) => (true, false),
        (p, d, _) => (p, d),
    };
    let opts = BatchOptions {
        render: RenderOptions {
            pdf,
            docx,
            force: b.force,
            pdfa: b.pdfa,
            pdfua: b.pdfua,
            layout: layout_source(&b.layout),
        },
        output: b.output.clone(),
        jobs: b.jobs.unwrap_or(0),
    };
    terminal::print_all(&plan.warnings);
    let summary_path = match plan.checked_summary_path(&opts) {
        Ok(p) => p,
        Err(d) => {
            terminal::print(&d);
            return ExitCode::from(1);
        }
    };
    if let Some(dir) = opts.output.as_ref().or(plan.output.as_ref()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!(
                "error: cannot create output folder `{}`: {e}",
                dir.display()
            );
            return ExitCode::from(1);
        }
    }
    let session = Session::new(font_options(&b.font_dir, false), Limits::default());
    let total = plan.reports.len();
    let bar = std::io::stderr().is_terminal().then(|| {
        let pb = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
            pb.set_style(style);
        }
        pb
    });
    // Reports finish in any order; their diagnostics are printed in input order.
    struct Emit {
        next: usize,
        pending: BTreeMap<usize, String>,
    }
    let emit = Mutex::new(Emit {
        next: 0,
        pending: BTreeMap::new(),
    });
    let on_done = |i: usize, r: &JobResult| {
        let mut e = emit.lock().unwrap_or_else(|p| p.into_inner());
        let mut text = String::new();
        for d in &r.diagnostics.0 {
            text.push_str(&terminal::render(d));
        }
        let status = if r.failed { "failed" } else { "ok" };
        // Under a progress bar, a clean report needs no line of its own; in a log, every
        // report gets one.
        if bar.is_none() || !r.diagnostics.0.is_empty() || r.failed {
            text.push_str(&format!(
                "[{}/{total}] {} {status}\n",
                i + 1,
                r.input.display()
            ));
        }
        e.pending.insert(i, text);
        loop {
            let next = e.next;
            let Some(t) = e.pending.remove(&next) else {
                break;
            };
            match &bar {
                Some(pb) => {
                    if !t.is_empty() {
                        pb.suspend(|| eprint!("{t}"));
                    }
                    pb.inc(1);
                }
                None => eprint!("{t}"),
            }
            e.next += 1;
        }
    };
    let results = batch::run(&session, &plan, &opts, &on_done);
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    let summary_failed =
        match World::default().write(&summary_path, batch::summary_csv(&results).as_bytes()) {
            Ok(()) => false,
            Err(e) => {
                eprintln!(
                    "error: cannot write summary `{}`: {e}",
                    summary_path.display()
                );
                true
            }
        };
    let failed: Vec<&JobResult> = results.iter().filter(|r| r.failed).collect();
    // Absolute paths: `output: ../../x` or a glob into another folder is allowed (they are
    // the user's own files) but never lands anywhere unseen.
    let out_dir = match opts.output.as_ref().or(plan.output.as_ref()) {
        Some(d) => format!("; output {}", batch::normalize(d).display()),
        None => String::new(),
    };
    let outside = results
        .iter()
        .filter(|r| !batch::normalize(&r.input).starts_with(batch::normalize(&plan.home)))
        .count();
    let outside = match outside {
        0 => String::new(),
        n => format!(
            "; {n} from outside {}",
            batch::normalize(&plan.home).display()
        ),
    };
    eprintln!(
        "batch: {} {}, {} written, {} failed{out_dir}{outside}; summary {}",
        total,
        if total == 1 { "report" } else { "reports" },
        total - failed.len(),
        failed.len(),
        batch::normalize(&summary_path).display()
    );
    for r in &failed {
        let first = r
            .diagnostics
            .0
            .iter()
            .find(|d| d.is_error())
            .map(|d| d.headline());
        eprintln!(
            "  failed: {}",
            first.unwrap_or_else(|| r.input.display().to_string())
        );
    }
    if failed.is_empty() && !summary_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
