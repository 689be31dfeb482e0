//! Issue 17, "hostile cases that still break a promise": output safety, batches, readers and
//! diagnostics under input written to hurt. Each test names the promise it keeps.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::util::*;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn seed() -> String {
    std::fs::read_to_string(example("yiyang-2020.yaml")).unwrap()
}

/// `budget.final.yaml` writes `budget.final.pdf` and leaves an unrelated `budget.pdf` alone;
/// `report.v1` and `report.v2` do not clash.
#[test]
fn the_output_stem_drops_only_the_last_extension() {
    let dir = temp_dir("hostile-stem");
    std::fs::write(dir.join("budget.final.yaml"), seed()).unwrap();
    std::fs::write(dir.join("budget.pdf"), "someone else's").unwrap();
    std::fs::write(dir.join("report.v1.yaml"), seed()).unwrap();
    std::fs::write(dir.join("report.v2.yaml"), seed()).unwrap();
    let o = gongwen(&[
        "render",
        s(&dir.join("budget.final.yaml")),
        s(&dir.join("report.v1.yaml")),
        s(&dir.join("report.v2.yaml")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("budget.pdf")).unwrap(),
        "someone else's"
    );
    for f in ["budget.final.pdf", "report.v1.pdf", "report.v2.pdf"] {
        assert!(dir.join(f).exists(), "{f}");
    }
}

/// A re-rendered file keeps its mode (0600 stays 0600).
#[cfg(unix)]
#[test]
fn a_replaced_output_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("hostile-mode");
    std::fs::write(dir.join("r.yaml"), seed()).unwrap();
    std::fs::write(dir.join("r.pdf"), "old").unwrap();
    std::fs::set_permissions(dir.join("r.pdf"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = gongwen(&["render", s(&dir.join("r.yaml"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::metadata(dir.join("r.pdf")).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(meta.len() > 1000);
}

/// With `--pdf --docx`, a PDF that fails (the page limit) writes no DOCX either: the previous
/// good file stays, and the exit code is 1. The error names the file. A document of exactly
/// the limit renders.
#[test]
fn a_half_failed_render_writes_nothing() {
    let dir = temp_dir("hostile-half");
    // n pages: a paragraph on each, a break between.
    let breaks = |n: usize| {
        format!(
            "title: 报告\nbody: [{}]\n",
            vec!["正文"; n].join(", page-break, ")
        )
    };
    std::fs::write(dir.join("r.yaml"), breaks(5001)).unwrap();
    std::fs::write(dir.join("r.docx"), "good").unwrap();
    let o = gongwen(&["render", "--pdf", "--docx", s(&dir.join("r.yaml"))]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("r.docx")).unwrap(), "good");
    assert!(!dir.join("r.pdf").exists());
    assert!(
        err.contains(&format!(
            "{}:1:1: error[limit]",
            dir.join("r.yaml").display()
        )),
        "{err}"
    );
    // Exactly 5,000 pages: at the limit, not past it.
    std::fs::write(dir.join("r.yaml"), breaks(5000)).unwrap();
    let o = gongwen(&["render", "--pdf", s(&dir.join("r.yaml"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("(5000 pages)"), "{}", stderr(&o));
}

fn two_reports(dir: &Path) {
    std::fs::write(dir.join("r.yaml"), seed()).unwrap();
    std::fs::write(dir.join("s.yaml"), seed()).unwrap();
}

/// `summary:` naming a report, the batch file or an output is an error at its line:col, and
/// nothing is written or destroyed.
#[test]
fn a_summary_never_overwrites_a_file_of_the_batch() {
    for (summary, what) in [
        ("r.yaml", "the report"),
        ("batch.yaml", "the batch file"),
        ("r.pdf", "the output"),
        ("./sub/../s.yaml", "the report"),
        ("common.yaml", "the batch's defaults"),
    ] {
        let dir = temp_dir("hostile-summary");
        two_reports(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("r.pdf"), "good").unwrap();
        std::fs::write(dir.join("common.yaml"), "layout: gbt9704\n").unwrap();
        let batch =
            format!("reports: [r.yaml, s.yaml]\nsummary: {summary}\ndefaults: common.yaml\n");
        std::fs::write(dir.join("batch.yaml"), &batch).unwrap();
        let o = gongwen(&["batch", s(&dir.join("batch.yaml"))]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{summary}: {err}");
        assert!(
            err.contains(&format!(
                "{}:2:10: error[batch]",
                dir.join("batch.yaml").display()
            )) && err.contains(what),
            "{summary}: {err}"
        );
        assert_eq!(std::fs::read_to_string(dir.join("r.pdf")).unwrap(), "good");
        assert_eq!(
            std::fs::read_to_string(dir.join("batch.yaml")).unwrap(),
            batch
        );
        assert_eq!(std::fs::read_to_string(dir.join("r.yaml")).unwrap(), seed());
    }
}

/// A missing entry and a folder entry fail alone; the good report is written; three spellings
/// of one report render it once; the summary line shows absolute paths.
#[test]
fn one_bad_batch_entry_fails_alone_and_spellings_are_one_report() {
    let dir = temp_dir("hostile-entries");
    two_reports(&dir);
    std::fs::create_dir_all(dir.join("sub/folder.yaml")).unwrap();
    std::fs::write(
        dir.join("batch.yaml"),
        "output: ../hostile-entries-out\nreports: [r.yaml, ./r.yaml, sub/../r.yaml, missing.yaml, sub/folder.yaml, 'none/*.yaml']\n",
    )
    .unwrap();
    let o = gongwen(&["batch", s(&dir.join("batch.yaml"))]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let out = dir.parent().unwrap().join("hostile-entries-out");
    assert!(out.join("r.pdf").exists(), "{err}");
    assert!(
        err.contains("missing.yaml") && err.contains("no such file"),
        "{err}"
    );
    assert!(err.contains("it is a folder"), "{err}");
    assert!(
        err.contains("warning[batch]: `none/*.yaml` matches no file"),
        "{err}"
    );
    assert!(
        err.contains("batch: 3 reports, 1 written, 2 failed"),
        "one row per distinct report: {err}"
    );
    let abs_out = out.canonicalize().unwrap();
    assert!(
        err.contains(&format!("output {}", abs_out.display()))
            && err.contains(&format!(
                "summary {}",
                abs_out.join("summary.csv").display()
            )),
        "absolute paths: {err}"
    );
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(csv.lines().count(), 4, "{csv}");
}

/// Organ names that a spreadsheet would run as formulas are prefixed so they stay text.
#[test]
fn summary_cells_never_become_formulas() {
    let dir = temp_dir("hostile-csv");
    let text = std::fs::read_to_string(example("demo-2021.yaml")).unwrap();
    let evil = text.replacen(
        "organ: 青山市自然资源和规划局",
        "organ: '=HYPERLINK(\"http://x.example\",\"点击\")'",
        1,
    );
    std::fs::write(dir.join("a.yaml"), evil).unwrap();
    let o = gongwen(&["batch", s(&dir)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"点击\"\")\","),
        "{csv}"
    );
}

/// A FIFO, a device and a folder given as a report, layout, defaults or previous report get
/// an error at once (a FIFO used to hang, /dev/zero to eat memory).
#[cfg(unix)]
#[test]
fn special_files_are_refused_not_read() {
    let dir = temp_dir("hostile-special");
    let fifo = dir.join("fifo.yaml");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    std::fs::write(dir.join("r.yaml"), seed()).unwrap();
    std::fs::write(
        dir.join("batch.yaml"),
        format!("defaults: {}\nreports: [r.yaml]\n", s(&fifo)),
    )
    .unwrap();
    let (r, batch) = (dir.join("r.yaml"), dir.join("batch.yaml"));
    let runs: [&[&str]; 5] = [
        &["check", s(&fifo)],
        &["render", s(&fifo)],
        &["render", "--layout", "/dev/zero", s(&r)],
        &["render", "--layout", s(&dir), s(&r)],
        &["batch", s(&batch)],
    ];
    for args in runs {
        let start = Instant::now();
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(args)
            .env("GONGWEN_FONTS", root().join("fonts"))
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("{args:?} hangs");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("a FIFO, not a file")
                || err.contains("a device, not a file")
                || err.contains("a folder, not a file"),
            "{args:?}: {err}"
        );
    }
}

/// A misspelt built-in in `extends` points at the value and suggests the name.
#[test]
fn extends_errors_point_at_the_value() {
    let dir = temp_dir("hostile-extends");
    std::fs::write(dir.join("l.yaml"), "extends: gbt9705\n").unwrap();
    std::fs::create_dir_all(dir.join("folder")).unwrap();
    std::fs::write(
        dir.join("m.yaml"),
        "page:\n  width: 210mm\nextends: folder\n",
    )
    .unwrap();
    std::fs::write(dir.join("r.yaml"), seed()).unwrap();
    for (layout, line_col, want) in [
        (
            "l.yaml",
            "1:10",
            "did you mean the built-in layout `gbt9704`?",
        ),
        ("m.yaml", "3:10", "it is a folder, not a file"),
    ] {
        let o = gongwen(&[
            "render",
            "--layout",
            s(&dir.join(layout)),
            s(&dir.join("r.yaml")),
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("{}:{line_col}: error", dir.join(layout).display()))
                && err.contains(want),
            "{layout}: {err}"
        );
    }
}

/// `defaults: {layout: mylayout}` names a file beside the batch file, not beside each report.
#[test]
fn a_bare_layout_name_in_defaults_is_beside_the_defaults() {
    let dir = temp_dir("hostile-defaults-layout");
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    std::fs::write(dir.join("reports/r.yaml"), seed()).unwrap();
    std::fs::write(dir.join("mylayout"), "extends: gbt9704\n").unwrap();
    std::fs::write(
        dir.join("batch.yaml"),
        "defaults: {layout: mylayout}\nreports: [reports/r.yaml]\n",
    )
    .unwrap();
    let o = gongwen(&["batch", s(&dir.join("batch.yaml"))]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A megabyte-long line with an error prints a window of it; 5,000
/// copies of one mistake print 50 and a count.
#[test]
fn diagnostics_never_flood_the_terminal() {
    let dir = temp_dir("hostile-flood");
    let long = format!(
        "title: 报告\nbody: [\"{}\", {{bad: 1}}]\n",
        "长".repeat(1_000_000)
    );
    std::fs::write(dir.join("long.yaml"), long).unwrap();
    let mut keys = String::from("title: 报告\nbody: [正文]\nmetadata:\n");
    for i in 0..5000 {
        keys.push_str(&format!("  unknown-{i}: x\n"));
    }
    std::fs::write(dir.join("keys.yaml"), keys).unwrap();
    let o = gongwen(&["check", s(&dir.join("long.yaml"))]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.len() < 4000, "{} bytes of diagnostics", err.len());
    assert!(err.contains('…'), "{err}");
    let o = gongwen(&["check", s(&dir.join("keys.yaml"))]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.lines().count() < 500, "{} lines", err.lines().count());
    assert!(err.contains("… and 4950 more errors of this kind"), "{err}");
}

/// `fees: 1.5e3` prints in plain decimal in the official table.
#[test]
fn form_figures_print_in_plain_decimal() {
    let dir = temp_dir("hostile-plain");
    let text = std::fs::read_to_string(example("demo-2021.yaml"))
        .unwrap()
        .replacen("fees: 386.52", "fees: 1.5e3", 1);
    std::fs::write(dir.join("r.yaml"), text).unwrap();
    let loaded = gongwen::model::load_file(&dir.join("r.yaml"), &session().limits);
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let report = loaded.report.unwrap();
    let texts: Vec<String> = report
        .body
        .iter()
        .filter_map(|b| match b {
            gongwen::model::Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| t.grid.cells.iter().map(|c| c.text.clone()))
        .collect();
    assert!(texts.iter().any(|t| t == "1500"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains('e')), "{texts:?}");
}

/// SIGTERM in the middle of a batch leaves no temporary file behind.
#[cfg(unix)]
#[test]
fn an_interrupted_batch_leaves_no_temporaries() {
    let dir = temp_dir("hostile-sigterm");
    let text = std::fs::read_to_string(example("demo-2021.yaml")).unwrap();
    for i in 0..150 {
        std::fs::write(dir.join(format!("r{i:03}.yaml")), &text).unwrap();
    }
    let mut interrupted = 0;
    for wait in [300, 500, 700] {
        let child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(["batch", s(&dir), "--pdf", "--docx", "-j", "2"])
            .env("GONGWEN_FONTS", root().join("fonts"))
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let o = child.wait_with_output().unwrap();
        // 143: the signal thread removed the temporaries and exited (a fast machine may
        // finish first).
        interrupted += usize::from(o.status.code() == Some(143));
        let tmps: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(tmps.is_empty(), "{tmps:?}");
    }
    assert!(interrupted > 0, "no run was interrupted");
}

fn render_with_epoch(input: &Path, out: &Path, epoch: Option<&str>) -> (String, Vec<u8>, Vec<u8>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    cmd.args(["render", "--pdf", "--docx", s(input), "-o", s(out)])
        .env("GONGWEN_FONTS", root().join("fonts"))
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let stem = input.file_stem().unwrap().to_str().unwrap();
    (
        stderr(&o),
        std::fs::read(out.join(format!("{stem}.pdf"))).unwrap(),
        std::fs::read(out.join(format!("{stem}.docx"))).unwrap(),
    )
}

/// The signature date decides the document date: `SOURCE_DATE_EPOCH` changes neither output of
/// a report that has one. A report without one takes it in both outputs; a bad value is a
/// warning.
#[test]
fn source_date_epoch_only_dates_a_report_without_a_signature() {
    let dir = temp_dir("hostile-epoch");
    let signed = example("yiyang-2020.yaml");
    let unsigned = dir.join("unsigned.yaml");
    std::fs::write(&unsigned, "title: 报告\nbody: [正文]\n").unwrap();
    let (_, pdf0, docx0) = render_with_epoch(&signed, &dir, None);
    for e in ["0", "1600000000", "garbage", "99999999999999"] {
        let (err, pdf, docx) = render_with_epoch(&signed, &dir, Some(e));
        assert!(pdf == pdf0 && docx == docx0, "SOURCE_DATE_EPOCH={e}");
        assert!(!err.contains("warning"), "{err}");
    }
    let (_, plain, _) = render_with_epoch(&unsigned, &dir, None);
    let (err, dated, docx) = render_with_epoch(&unsigned, &dir, Some("1600000000"));
    assert!(!err.contains("warning"), "{err}");
    assert_ne!(plain, dated);
    let core = {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut f = z.by_name("docProps/core.xml").unwrap();
        let mut t = String::new();
        std::io::Read::read_to_string(&mut f, &mut t).unwrap();
        t
    };
    assert!(core.contains("2020-09-13T00:00:00Z"), "{core}");
    for bad in ["garbage", "-5", "99999999999999"] {
        let (err, pdf, _) = render_with_epoch(&unsigned, &dir, Some(bad));
        assert!(
            err.contains("warning[date]: SOURCE_DATE_EPOCH is"),
            "{bad}: {err}"
        );
        assert_eq!(pdf, plain, "{bad}");
    }
}

/// A report given by a relative path finds its relative `layout:` once (the folder was joined
/// twice: `tests/corpus/tests/corpus/layouts/…`).
#[test]
fn a_relative_report_path_finds_its_layout() {
    let o = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args([
            "render",
            "corpus/79-layout-line-pitch-zero.yaml",
            "-o",
            s(&temp_dir("hostile-relative")),
        ])
        .current_dir(root().join("tests"))
        .env("GONGWEN_FONTS", root().join("fonts"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.starts_with("corpus/layouts/line-pitch-zero.yaml:3:15: error[layout]: `line-pitch` is 0.0 mm (0 pt); it must be from 4 pt to 200 pt"),
        "{err}"
    );
}

/// Messages say what the user wrote wrong and the limit, not the parser's internals.
#[test]
fn limit_messages_speak_the_users_terms() {
    let first = |case: &str| {
        let loaded =
            gongwen::model::load_file(&root().join("tests/corpus").join(case), &session().limits);
        loaded.diagnostics.0[0].message.clone()
    };
    let m = first("86-alias-anchor-ratio.yaml");
    assert!(
        m.contains("999 aliases") && !m.contains("AliasAnchorRatio"),
        "{m}"
    );
    let m = first("87-colspan-huge.yaml");
    assert!(
        m.contains("99999999999999999999") && !m.contains("found a number"),
        "{m}"
    );
    let m = first("88-deep-flow-200.yaml");
    assert!(m.contains("limit of 32 levels"), "{m}");
    let m = first("54-alias-bomb.yaml");
    assert!(m.contains("100000"), "{m}");
}

/// Limits enforced before the work they bound: the text of one cell, the places of a table's
/// grid (rows × columns), the blocks of a report. Each is an error at its position, quickly.
#[test]
fn memory_limits_stop_before_the_work() {
    let dir = temp_dir("hostile-memory");
    let cell = dir.join("cell.yaml");
    std::fs::write(
        &cell,
        format!(
            "title: 报告\nbody:\n  - table:\n      columns: [1, 9]\n      rows:\n        - [甲, {}]\n",
            "字".repeat(20_000)
        ),
    )
    .unwrap();
    let slots = dir.join("slots.yaml");
    let mut t = String::from("title: 报告\nbody:\n  - table:\n      rows:\n");
    for _ in 0..2_000 {
        t.push_str("        - [{text: 甲, colspan: 1000}]\n");
    }
    std::fs::write(&slots, t).unwrap();
    let blocks = dir.join("blocks.yaml");
    let mut t = String::from("title: 报告\nbody:\n");
    for _ in 0..120_000 {
        t.push_str("  - 字\n");
    }
    std::fs::write(&blocks, t).unwrap();
    let attached = dir.join("attached.yaml");
    let mut t = String::from("title: 报告\nbody: [正文]\nattachments:\n");
    for i in 0..3 {
        t.push_str(&format!("  - title: 附件{i}\n    body:\n"));
        for _ in 0..40_000 {
            t.push_str("      - 字\n");
        }
    }
    std::fs::write(&attached, t).unwrap();
    let start = Instant::now();
    for (path, line_col, want) in [
        (
            &cell,
            (6, 15),
            "this cell has 20000 characters, more than the limit of 10000",
        ),
        (&slots, (4, 7), "2000 rows of 1000 columns, 2000000 places"),
        (&blocks, (110_003, 5), "more than 110000 blocks"),
        (
            &attached,
            (4, 3),
            "have 120001 blocks, more than the limit of 110000",
        ),
    ] {
        let r = render_pdf(path);
        let d = r.diagnostics.0.iter().find(|d| d.is_error()).unwrap();
        assert!(d.message.contains(want), "{}", d.message);
        let s = d.span.as_ref().unwrap();
        assert_eq!(s.line_col(), line_col, "{}", d.message);
        assert!(r.pdf.is_none());
    }
    assert!(start.elapsed() < Duration::from_secs(30));
}

/// A 3 GiB sparse file is refused by its size without being read, also by the diagnostic
/// printer (it aborted on a 6 GB allocation), and `**` in a batch ends in a folder that links
/// to itself.
#[cfg(unix)]
#[test]
fn huge_files_and_link_loops_end_quickly() {
    let dir = temp_dir("hostile-huge");
    let big = dir.join("big.yaml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    let start = Instant::now();
    let o = gongwen(&["render", s(&big)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the file is 3221225472 bytes, more than the limit"),
        "{err}"
    );
    assert!(err.len() < 1000, "{err}");
    let tree = dir.join("tree");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::write(tree.join("sub/r.yaml"), seed()).unwrap();
    for i in 0..8 {
        std::os::unix::fs::symlink(&tree, tree.join(format!("sub/loop{i}"))).unwrap();
    }
    std::fs::write(tree.join("batch.yml"), "reports: ['**/*.yaml']\n").unwrap();
    let o = gongwen(&["batch", s(&tree.join("batch.yml"))]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("batch: 1 report, 1 written"),
        "{}",
        stderr(&o)
    );
    assert!(start.elapsed() < Duration::from_secs(30));
}

/// Long cells in a narrow column: the lines are counted as they are set and the page limit
/// stops the table before the rest is set (250 cells of 10,000 characters took 2.6 GB).
#[test]
fn a_table_past_the_page_limit_stops_while_it_is_measured() {
    let dir = temp_dir("hostile-narrow");
    let path = dir.join("narrow.yaml");
    let mut t =
        String::from("title: 报告\nbody:\n  - table:\n      columns: [1, 60]\n      rows:\n");
    for _ in 0..40 {
        t.push_str(&format!("        - [{}, 乙]\n", "字".repeat(2_000)));
    }
    std::fs::write(&path, t).unwrap();
    let limits = gongwen::limits::Limits {
        max_pages: 20,
        ..Default::default()
    };
    let small = gongwen::Session::new(session().fonts.clone(), limits);
    let start = Instant::now();
    let r = gongwen::render(
        &small,
        &path,
        &gongwen::RenderOptions {
            pdf: true,
            ..Default::default()
        },
    );
    let d = r.diagnostics.0.iter().find(|d| d.is_error()).unwrap();
    assert!(d.message.contains("limit of 20 pages"), "{}", d.message);
    assert!(start.elapsed() < Duration::from_secs(20));
}

/// Two spellings of one report on the command line write its output once; the second is the
/// clash error.
#[test]
fn two_spellings_of_one_report_clash() {
    let dir = temp_dir("hostile-spellings");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("r.yaml"), seed()).unwrap();
    let o = gongwen(&[
        "render",
        s(&dir.join("r.yaml")),
        s(&dir.join("sub/../r.yaml")),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[output]: its outputs would overwrite"),
        "{err}"
    );
    assert_eq!(err.matches("wrote ").count(), 1, "{err}");
}
