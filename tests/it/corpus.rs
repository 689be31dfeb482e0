//! Hostile input: every case of `tests/corpus/` (and a few generated huge ones) answers with
//! the expected diagnostic (rule and line:col, in the `.expect` file beside it), never a
//! panic, and produces no output; the valid ones render.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use gongwen::{render, RenderOptions};

use super::util::*;

fn options() -> RenderOptions {
    RenderOptions {
        pdf: true,
        docx: true,
        ..RenderOptions::default()
    }
}

/// Renders and describes the outcome as the `.expect` files do: `ok`, `ok warning RULE`,
/// `RULE LINE:COL` or `RULE -` (the first error), and the first diagnostic's message and hint.
fn outcome(path: &Path) -> (String, String) {
    let r = catch_unwind(AssertUnwindSafe(|| render(session(), path, &options())))
        .unwrap_or_else(|_| panic!("{} panicked", path.display()));
    let said = r
        .diagnostics
        .0
        .iter()
        .find(|d| d.is_error())
        .or(r.diagnostics.0.first())
        .map(|d| format!("{} {}", d.message, d.hint.as_deref().unwrap_or("")))
        .unwrap_or_default();
    let line = match r.diagnostics.0.iter().find(|d| d.is_error()) {
        Some(d) => {
            assert!(
                r.pdf.is_none() && r.docx.is_none(),
                "{}: output despite an error",
                path.display()
            );
            let place = d
                .span
                .as_ref()
                .map(|s| {
                    let (l, c) = s.line_col();
                    format!("{l}:{c}")
                })
                .unwrap_or_else(|| "-".into());
            format!(
                "{} {place}",
                d.rule.map(|r| r.id().to_string()).unwrap_or_default()
            )
        }
        None => {
            assert!(
                r.pdf.is_some() && r.docx.is_some(),
                "{}: no output",
                path.display()
            );
            match r.diagnostics.0.first() {
                Some(w) => format!("ok warning {}", w.rule.map_or("-", |r| r.id())),
                None => "ok".into(),
            }
        }
    };
    (line, said)
}

#[test]
fn every_corpus_case_gives_its_expected_diagnostic() {
    let dir = root().join("tests/corpus");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 50, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let expect_path = case.with_extension("expect");
        let (got, said) = outcome(case);
        // A second line, written by hand, is text the diagnostic's message or hint must hold
        // (the corrected 发文字号 of a hint, say); an update keeps it.
        let old = std::fs::read_to_string(&expect_path).unwrap_or_default();
        let must_say = old.lines().nth(1).map(str::trim).unwrap_or("");
        if std::env::var("UPDATE_REFS").as_deref() == Ok("1") {
            let extra = if must_say.is_empty() {
                String::new()
            } else {
                format!("{must_say}\n")
            };
            std::fs::write(&expect_path, format!("{got}\n{extra}")).unwrap();
            continue;
        }
        if old.is_empty() {
            panic!("missing {}", expect_path.display());
        }
        let want = old.lines().next().unwrap_or("").trim();
        if want != got {
            failures.push(format!(
                "{}: expected `{want}`, got `{got}`",
                case.display()
            ));
        } else if !said.contains(must_say) {
            failures.push(format!(
                "{}: the diagnostic does not say `{must_say}`: {said}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn huge_inputs_hit_a_named_limit_quickly() {
    let dir = temp_dir("corpus-huge");
    let deep = dir.join("nesting-300.yaml");
    let mut s = String::from("title: 报告\nbody:\n");
    for i in 0..300 {
        s.push_str(&"  ".repeat(i + 1));
        s.push_str("- heading: 层\n");
        s.push_str(&"  ".repeat(i + 2));
        s.push_str("body:\n");
    }
    std::fs::write(&deep, s).unwrap();
    let long = dir.join("paragraph-2m.yaml");
    std::fs::write(
        &long,
        format!("title: 报告\nbody:\n  - {}\n", "政".repeat(2_000_000)),
    )
    .unwrap();
    let rows = dir.join("rows-100k.yaml");
    let mut s = String::from("title: 报告\nbody:\n  - table:\n      rows:\n");
    for i in 0..100_000 {
        s.push_str(&format!("        - [{i}, 事项, 数量]\n"));
    }
    std::fs::write(&rows, s).unwrap();
    let start = std::time::Instant::now();
    for (path, rule) in [(&deep, "yaml"), (&long, "limit"), (&rows, "limit")] {
        let (got, _) = outcome(path);
        assert!(got.starts_with(rule), "{}: {got}", path.display());
    }
    assert!(
        start.elapsed().as_secs() < 30,
        "limits answer quickly: {:?}",
        start.elapsed()
    );
}

#[test]
fn an_output_folder_that_cannot_be_written_is_an_error() {
    let dir = temp_dir("corpus-unwritable");
    let blocker = dir.join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let o = gongwen(&[
        "render",
        example("yiyang-2020.yaml").to_str().unwrap(),
        "-o",
        blocker.join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot create output folder"),
        "{}",
        stderr(&o)
    );
}
