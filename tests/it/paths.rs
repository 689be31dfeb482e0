//! Relative paths as a user types them, from more than one working folder: every path written
//! in a file is relative to that file (a report's `layout` and `previous-report`, a layout's
//! `extends`, a batch file's `defaults` and `reports`, a `layout` in the defaults), never to
//! the working folder and never joined twice.

use std::path::Path;
use std::process::{Command, Output};

use super::util::*;

/// Runs the binary in `dir`.
fn gongwen_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .current_dir(dir)
        .env("GONGWEN_FONTS", root().join("fonts"))
        .output()
        .expect("run gongwen")
}

/// A project of reports, layouts and batches in folders of their own:
///
/// ```text
/// reports/plain.yaml          layout: ../layouts/child.yaml
/// reports/bare.yaml           (no layout: a batch gives it the defaults' one)
/// reports/form.yaml           previous-report: prev/last-year.yaml
/// reports/prev/last-year.yaml
/// forms/form.yaml             (no previous-report: the defaults give one)
/// layouts/child.yaml          extends: base.yaml
/// layouts/base.yaml           (the built-in layout)
/// batch/batch.yaml            defaults: d/defaults.yaml, reports: [../reports/*.yaml], output: out
/// batch/forms.yaml            defaults: d/forms.yaml, reports: [../forms/form.yaml], output: out2
/// batch/d/defaults.yaml       layout: my.yaml
/// batch/d/forms.yaml          layout: my.yaml, previous-report: prev.yaml
/// batch/d/my.yaml             extends: ../../layouts/base.yaml
/// batch/d/prev.yaml
/// ```
fn project(name: &str) -> std::path::PathBuf {
    let p = temp_dir(name);
    for d in ["reports/prev", "forms", "layouts", "batch/d"] {
        std::fs::create_dir_all(p.join(d)).unwrap();
    }
    let w = |rel: &str, text: &str| std::fs::write(p.join(rel), text).unwrap();
    w(
        "reports/plain.yaml",
        "layout: ../layouts/child.yaml\ntitle: 报告\nbody: [正文。]\n",
    );
    w("reports/bare.yaml", "title: 报告\nbody: [正文。]\n");
    let form = std::fs::read_to_string(example("yiyang-2020-form-fixed.yaml")).unwrap();
    assert!(form.contains("\nsignature:"));
    w(
        "reports/form.yaml",
        &form.replacen(
            "\nsignature:",
            "\nprevious-report: prev/last-year.yaml\nsignature:",
            1,
        ),
    );
    w("forms/form.yaml", &form);
    // Carried over [1, …] last year, [0, …] carried in this year: X1 warns once it is read.
    let last_year = "applications:\n  carried-over: [1, 0, 0, 0, 0, 0]\n";
    w("reports/prev/last-year.yaml", last_year);
    let builtin = std::fs::read_to_string(root().join("layouts/gbt9704.yaml")).unwrap();
    w("layouts/base.yaml", &builtin);
    w("layouts/child.yaml", "extends: base.yaml\n");
    w(
        "batch/batch.yaml",
        "defaults: d/defaults.yaml\nreports: [../reports/*.yaml]\noutput: out\n",
    );
    w(
        "batch/forms.yaml",
        "defaults: d/forms.yaml\nreports: [../forms/form.yaml]\noutput: out2\n",
    );
    w("batch/d/defaults.yaml", "layout: my.yaml\n");
    w(
        "batch/d/forms.yaml",
        "layout: my.yaml\nprevious-report: prev.yaml\n",
    );
    w("batch/d/my.yaml", "extends: ../../layouts/base.yaml\n");
    w("batch/d/prev.yaml", last_year);
    p
}

/// X1 read the previous report: it warns about the figures, not that the file is missing.
fn assert_previous_report_read(err: &str) {
    assert!(err.contains("warning[X1]"), "{err}");
    assert!(err.contains("上年报告"), "{err}");
    assert!(!err.contains("cannot read"), "{err}");
}

#[test]
fn render_and_check_resolve_paths_against_the_file_naming_them_from_any_folder() {
    let p = project("paths-render");
    // (working folder, the reports folder as seen from it)
    let from = [
        (p.clone(), "reports"),
        (p.join("reports"), "."),
        (p.join("batch"), "../reports"),
    ];
    for (cwd, reports) in &from {
        let plain = format!("{reports}/plain.yaml");
        let form = format!("{reports}/form.yaml");
        let out = temp_dir(&format!(
            "paths-render-out-{}",
            cwd.file_name().unwrap().to_string_lossy()
        ));
        let out = out.to_str().unwrap();
        // `layout` in the report, and that layout's `extends`.
        let o = gongwen_in(cwd, &["render", "-q", &plain, "-o", out]);
        assert!(o.status.success(), "{cwd:?} {plain}: {}", stderr(&o));
        assert!(Path::new(out).join("plain.pdf").is_file());
        // `previous-report` in the report.
        let o = gongwen_in(cwd, &["render", "-q", &form, "-o", out]);
        assert!(o.status.success(), "{cwd:?} {form}: {}", stderr(&o));
        assert_previous_report_read(&stderr(&o));
        let o = gongwen_in(cwd, &["check", &plain, &form]);
        assert!(o.status.success(), "{cwd:?} check: {}", stderr(&o));
        assert_previous_report_read(&stderr(&o));
        // `--layout` on the command line is relative to the working folder.
        let child = format!("{reports}/../layouts/child.yaml");
        let o = gongwen_in(cwd, &["render", "-q", &form, "--layout", &child, "-o", out]);
        assert!(o.status.success(), "{cwd:?} --layout: {}", stderr(&o));
    }
}

#[test]
fn a_relative_layout_error_points_into_the_layout_from_any_folder() {
    let out = temp_dir("paths-margins");
    let out = out.to_str().unwrap();
    let corpus = root().join("tests/corpus");
    for (cwd, input) in [
        (root(), "tests/corpus/45-layout-impossible-margins.yaml"),
        (corpus.clone(), "45-layout-impossible-margins.yaml"),
        (
            corpus.join("layouts"),
            "../45-layout-impossible-margins.yaml",
        ),
    ] {
        let o = gongwen_in(&cwd, &["render", input, "-o", out]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{cwd:?}: {err}");
        assert!(err.contains("impossible margins"), "{cwd:?}: {err}");
        assert!(
            err.contains("layouts/bad-margins.yaml:3:3"),
            "{cwd:?}: {err}"
        );
        assert!(!err.contains("cannot read"), "{cwd:?}: {err}");
    }
}

#[test]
fn a_batch_resolves_defaults_and_their_paths_against_their_own_files_from_any_folder() {
    let p = project("paths-batch");
    for (cwd, batch) in [
        (p.clone(), "batch"),
        (p.join("batch"), "."),
        (p.join("batch/d"), ".."),
        (p.join("reports"), "../batch"),
    ] {
        let _ = std::fs::remove_dir_all(p.join("batch/out"));
        let _ = std::fs::remove_dir_all(p.join("batch/out2"));
        // `layout` in the defaults (bare.yaml) and in a report (plain.yaml), `extends` in
        // both layouts, `previous-report` in a report (form.yaml).
        let file = format!("{batch}/batch.yaml");
        let o = gongwen_in(&cwd, &["batch", &file, "-j", "1"]);
        let err = stderr(&o);
        assert!(o.status.success(), "{cwd:?} {file}: {err}");
        assert!(err.contains("3 written, 0 failed"), "{cwd:?}: {err}");
        assert_previous_report_read(&err);
        for name in ["bare.pdf", "form.pdf", "plain.pdf", "summary.csv"] {
            assert!(
                p.join("batch/out").join(name).is_file(),
                "{cwd:?}: no {name}"
            );
        }
        // `previous-report` and `layout` in the defaults.
        let file = format!("{batch}/forms.yaml");
        let o = gongwen_in(&cwd, &["batch", &file, "-j", "1"]);
        let err = stderr(&o);
        assert!(o.status.success(), "{cwd:?} {file}: {err}");
        assert_previous_report_read(&err);
        assert!(p.join("batch/out2/form.pdf").is_file(), "{cwd:?}: {err}");
    }
    // Defaults that name a layout that is not there: the path shown is the one beside the
    // defaults, joined once.
    std::fs::remove_file(p.join("batch/d/my.yaml")).unwrap();
    let o = gongwen_in(&p, &["batch", "batch/batch.yaml", "-j", "1"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot read layout `batch/d/my.yaml`"),
        "{err}"
    );
}
