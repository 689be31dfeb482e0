//! Batches: 100 reports and a broken one, a batch file with defaults and globs, and outputs
//! identical to rendering each file alone.

use super::util::*;

fn make_departments(dir: &std::path::Path, n: usize) {
    let text = std::fs::read_to_string(example("demo-2021.yaml")).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    for i in 1..=n {
        // Organ names with commas exercise the CSV quoting.
        let t = text.replacen(
            "organ: 青山市自然资源和规划局",
            &format!("organ: \"青山市第{i}局,自然资源\""),
            1,
        );
        std::fs::write(dir.join(format!("dept-{i:03}.yaml")), t).unwrap();
    }
}

/// Cuts the `signature:` (the last key) from the first `n` departments, for defaults to supply.
fn drop_signatures(dir: &std::path::Path, n: usize) {
    for i in 1..=n {
        let p = dir.join(format!("dept-{i:03}.yaml"));
        let t = std::fs::read_to_string(&p).unwrap();
        let cut = t.find("\nsignature:").unwrap();
        std::fs::write(&p, &t[..cut + 1]).unwrap();
    }
}

#[test]
fn a_hundred_reports_and_a_broken_one() {
    let dir = temp_dir("batch-100");
    let input = dir.join("in");
    make_departments(&input, 100);
    std::fs::write(
        input.join("broken.yaml"),
        "form: gov-info-annual-2021\norgan: [unclosed\n",
    )
    .unwrap();
    let out = dir.join("out");
    let o = gongwen(&[
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--pdf",
        "--docx",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let count = |ext: &str| {
        std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == ext))
            .count()
    };
    assert_eq!(count("pdf"), 100);
    assert_eq!(count("docx"), 100);
    let broken = format!("{}:2:", input.join("broken.yaml").display());
    assert!(
        err.contains(&format!("failed: {broken}")),
        "the summary names the broken file with line:col:\n{err}"
    );
    // Diagnostics and progress lines come in input order.
    let order: Vec<&str> = err.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(order.len(), 101);
    assert!(
        order[0].contains("broken.yaml")
            && order[1].contains("dept-001")
            && order[100].contains("dept-100")
    );
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 102, "header + one row per input");
    assert!(rows[0].starts_with("file,organ,status,errors,warnings,pages,new_applications"));
    assert!(rows[1].contains("broken.yaml") && rows[1].contains(",failed,1,"));
    assert!(
        rows[2].contains("\"青山市第1局,自然资源\",ok,0,0,"),
        "{}",
        rows[2]
    );
    assert!(
        rows[2].ends_with(",205,201,12,5,5"),
        "key figures: {}",
        rows[2]
    );
}

#[test]
fn batch_file_with_defaults_globs_and_identical_outputs() {
    let dir = temp_dir("batch-file");
    make_departments(&dir.join("departments"), 3);
    // Defaults supply the signature; the reports leave it out.
    drop_signatures(&dir.join("departments"), 3);
    std::fs::write(
        dir.join("common.yaml"),
        "signature:\n  issuer: 青山市人民政府办公室\n  date: 2023-01-20\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("batch.yaml"),
        "defaults: common.yaml\noutput: dist/\nformats: [pdf]\nreports:\n  - departments/*.yaml\n  - departments/dept-002.yaml\nsummary: summary.csv\n",
    )
    .unwrap();
    let o = gongwen(&["batch", dir.join("batch.yaml").to_str().unwrap(), "-j", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    assert_eq!(
        csv.lines().count(),
        4,
        "a header and each report once: {csv}"
    );
    let batch_pdf = std::fs::read(dir.join("dist/dept-002.pdf")).unwrap();
    // The same report written out whole and rendered alone gives the same bytes.
    let alone = dir.join("alone");
    std::fs::create_dir_all(&alone).unwrap();
    let t = std::fs::read_to_string(dir.join("departments/dept-002.yaml")).unwrap();
    let whole = format!("{t}signature:\n  issuer: 青山市人民政府办公室\n  date: 2023-01-20\n");
    std::fs::write(alone.join("dept-002.yaml"), whole).unwrap();
    let o = gongwen(&["render", alone.join("dept-002.yaml").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(alone.join("dept-002.pdf")).unwrap(),
        batch_pdf,
        "byte for byte"
    );
    if have("pdftotext") {
        let o = run(
            "pdftotext",
            &[dir.join("dist/dept-001.pdf").to_str().unwrap(), "-"],
        );
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("青山市人民政府办公室"),
            "defaults merged"
        );
    }
}

/// A bad value that came from the defaults is reported at the defaults file's line and
/// column, with that file's line under the caret; one from the report at the report's.
#[test]
fn diagnostics_point_into_the_file_that_wrote_the_value() {
    let dir = temp_dir("batch-defaults-pos");
    make_departments(&dir.join("departments"), 1);
    drop_signatures(&dir.join("departments"), 1);
    std::fs::write(
        dir.join("common.yaml"),
        "# shared\nsignature:\n  issuer: 青山市人民政府办公室\n  date: 2023-13-45\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("batch.yaml"),
        "defaults: common.yaml\noutput: dist/\nreports: [departments/*.yaml]\n",
    )
    .unwrap();
    let o = gongwen(&["batch", dir.join("batch.yaml").to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("common.yaml:4:9: error"), "{err}");
    assert!(err.contains("4 |   date: 2023-13-45"), "{err}");
    assert!(!err.contains("dept-001.yaml:4:9"), "{err}");

    // Inline defaults in the batch file point into the batch file.
    std::fs::write(
        dir.join("batch.yaml"),
        "output: dist/\nreports: [departments/*.yaml]\ndefaults:\n  signature:\n    issuer: 办公室\n    date: 2023-13-45\n",
    )
    .unwrap();
    let o = gongwen(&["batch", dir.join("batch.yaml").to_str().unwrap()]);
    let err = stderr(&o);
    assert!(err.contains("batch.yaml:6:11: error"), "{err}");
}

/// Two reports with the same file name into one output folder: the first is written, the
/// second fails naming the first, and nothing is overwritten or half-written.
#[test]
fn reports_whose_outputs_would_collide_fail_instead_of_overwriting() {
    let dir = temp_dir("batch-collide");
    make_departments(&dir.join("a"), 1);
    make_departments(&dir.join("b"), 1);
    std::fs::write(
        dir.join("batch.yaml"),
        "output: dist/\nformats: [pdf, docx]\nreports: [a/*.yaml, b/*.yaml]\n",
    )
    .unwrap();
    let o = gongwen(&["batch", dir.join("batch.yaml").to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("b/dept-001.yaml:1:1: error[output]: its outputs would overwrite those of")
            && err.contains("a/dept-001.yaml"),
        "{err}"
    );
    let a = std::fs::read(dir.join("dist/dept-001.pdf")).unwrap();
    let o = gongwen(&["render", dir.join("a/dept-001.yaml").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(dir.join("a/dept-001.pdf")).unwrap(),
        a,
        "the first one's"
    );
    let mut names: Vec<_> = std::fs::read_dir(dir.join("dist"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["dept-001.docx", "dept-001.pdf", "summary.csv"]);
}

#[test]
fn a_batch_file_naming_no_files_is_an_error_with_position() {
    let dir = temp_dir("batch-empty");
    std::fs::write(dir.join("batch.yaml"), "reports:\n  - nothing/*.yaml\n").unwrap();
    let o = gongwen(&["batch", dir.join("batch.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("batch.yaml:2:5: error[batch]: `nothing/*.yaml` matches no file"),
        "{}",
        stderr(&o)
    );
    // So is a folder with no report in it.
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = gongwen(&["batch", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("holds no report"), "{}", stderr(&o));
    assert!(!empty.join("summary.csv").exists());
    // An empty `formats` would render nothing and call it success.
    example_copy(&dir, "a.yaml");
    std::fs::write(dir.join("batch.yaml"), "formats: []\nreports: [a.yaml]\n").unwrap();
    let o = gongwen(&["batch", dir.join("batch.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("batch.yaml:1:10: error[batch]: `formats` lists no format"),
        "{}",
        stderr(&o)
    );
}

fn example_copy(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::copy(example("demo-2021.yaml"), &p).unwrap();
    p
}

/// Kills a batch mid-way: every output that exists is complete, and a good file from an
/// earlier run is never replaced by a broken one.
#[test]
fn a_killed_batch_leaves_only_complete_files() {
    let dir = temp_dir("batch-kill");
    let input = dir.join("in");
    make_departments(&input, 40);
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    // An older good output of the last report.
    let o = gongwen(&[
        "render",
        input.join("dept-040.yaml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let old = std::fs::read(out.join("dept-040.pdf")).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args([
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "-j",
            "2",
        ])
        .env("GONGWEN_FONTS", root().join("fonts"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as the first new file lands, mid-batch.
    let start = std::time::Instant::now();
    while start.elapsed().as_secs() < 20 {
        let n = std::fs::read_dir(&out).unwrap().count();
        if n >= 4 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let pdfs: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(
        pdfs.len() < 41,
        "the batch was interrupted ({} files)",
        pdfs.len()
    );
    for p in &pdfs {
        let bytes = std::fs::read(p).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-") && bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF"),
            "{} is truncated",
            p.display()
        );
        if have("qpdf") {
            let o = run("qpdf", &["--check", p.to_str().unwrap()]);
            assert!(o.status.success(), "{} fails qpdf", p.display());
        }
    }
    let now = std::fs::read(out.join("dept-040.pdf")).unwrap();
    assert!(
        now == old || now.starts_with(b"%PDF-"),
        "the older good file survives or is replaced whole"
    );
}

/// Without an output folder the PDFs go beside their reports and the summary into the folder.
#[test]
fn a_folder_without_output_gets_its_summary_too() {
    let dir = temp_dir("batch-no-output");
    make_departments(&dir, 2);
    let o = gongwen(&["batch", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("dept-001.pdf").exists() && dir.join("dept-002.pdf").exists());
    let csv = std::fs::read_to_string(dir.join("summary.csv")).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(stderr(&o).contains("batch: 2 reports, 2 written, 0 failed; summary"));
}

#[test]
fn a_docx_from_a_parallel_batch_is_the_docx_rendered_alone() {
    // Seals are pictures: their ids must not depend on what else the process renders.
    let dir = temp_dir("batch-docx-alone");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("seals")).unwrap();
    for seal in ["example-organ.png", "example-joint.svg"] {
        std::fs::copy(
            root().join("examples/seals").join(seal),
            input.join("seals").join(seal),
        )
        .unwrap();
    }
    for (i, name) in [
        "notice",
        "joint-request",
        "sealed-reply",
        "notice",
        "joint-request",
    ]
    .iter()
    .enumerate()
    {
        std::fs::copy(
            example(&format!("{name}.yaml")),
            input.join(format!("{i}-{name}.yaml")),
        )
        .unwrap();
    }
    let out = dir.join("out");
    let o = gongwen(&[
        "batch",
        input.to_str().unwrap(),
        "--docx",
        "-j",
        "4",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let alone = dir.join("alone");
    for e in std::fs::read_dir(&input).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "yaml") {
            let o = gongwen(&[
                "render",
                p.to_str().unwrap(),
                "--docx",
                "-o",
                alone.to_str().unwrap(),
            ]);
            assert!(o.status.success(), "{}", stderr(&o));
            let name = p.with_extension("docx");
            let name = name.file_name().unwrap();
            assert_eq!(
                std::fs::read(out.join(name)).unwrap(),
                std::fs::read(alone.join(name)).unwrap(),
                "{name:?}: the batch's DOCX differs from the one rendered alone"
            );
        }
    }
}
