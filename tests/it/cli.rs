//! The command line as a user runs it: outputs, exit codes, diagnostics with a caret.

use super::util::*;

#[test]
fn render_writes_a_pdf_beside_the_input_or_in_the_output_folder() {
    let out = temp_dir("cli-render");
    let o = gongwen(&[
        "render",
        example("yiyang-2020.yaml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(out.join("yiyang-2020.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // Nothing but the PDF: the temporary file was renamed.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
}

/// Each bad input exits 1 with `file:line:col: error`, the source line, a caret and writes
/// nothing.
#[test]
fn bad_inputs_point_at_line_and_column_and_write_nothing() {
    let cases = [
        ("syntax-error.yaml", 4, "error[yaml]"),
        ("wrong-type.yaml", 3, "must be a string"),
        ("misspelt-key.yaml", 2, "did you mean `title`?"),
        ("bad-span.yaml", 9, "runs past the table's right edge"),
    ];
    for (file, line, want) in cases {
        let out = temp_dir(&format!("cli-bad-{file}"));
        let input = suite(file);
        let o = gongwen(&[
            "render",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{file}: {err}");
        let prefix = format!("{}:{line}:", input.display());
        assert!(err.contains(&prefix), "{file}: expected {prefix} in\n{err}");
        assert!(err.contains(want), "{file}: expected {want} in\n{err}");
        assert!(
            err.lines()
                .any(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('^')),
            "{file}: no caret in\n{err}"
        );
        assert_eq!(
            std::fs::read_dir(&out).unwrap().count(),
            0,
            "{file}: something was written"
        );
    }
}

#[test]
fn bad_command_line_exits_2() {
    let o = gongwen(&["render"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gongwen(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_reports_ok_for_a_clean_report() {
    let o = gongwen(&["check", example("yiyang-2020.yaml").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `render a/r.yaml b/r.yaml -o out`: the second would overwrite the first's output, so it is
/// an error naming both, and the first's PDF stays.
#[test]
fn render_never_overwrites_an_output_it_just_wrote() {
    let dir = temp_dir("render-collide");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::copy(example("demo-2021.yaml"), dir.join(sub).join("r.yaml")).unwrap();
    }
    let (a, b) = (dir.join("a/r.yaml"), dir.join("b/r.yaml"));
    let out = dir.join("out");
    let o = gongwen(&[
        "render",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("b/r.yaml:1:1: error[output]"), "{err}");
    assert!(err.contains("a/r.yaml"), "{err}");
    assert!(out.join("r.pdf").exists());
}

/// A reader that closes the pipe early (`gongwen fonts | head -1`) ends the output quietly
/// (it panicked with "failed printing to stdout").
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    for args in [&["fonts"][..], &["init", "--form", "gov-info-annual-2021"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(args)
            .env("GONGWEN_FONTS", root().join("fonts"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before the first line is written.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            o.status.code().is_some(),
            "{args:?}: not killed by a signal"
        );
    }
}

/// The line under a diagnostic is the text that was read, not a second read of the file: a
/// report that is not UTF-8 shows its line up to the first bad byte.
#[test]
fn a_report_that_is_not_utf8_shows_its_line_up_to_the_bad_byte() {
    let dir = temp_dir("cli-not-utf8");
    let input = dir.join("r.yaml");
    std::fs::write(&input, b"title: \xe6\xb5\x8b\nbody:\n  - \xff\n").unwrap();
    let o = gongwen(&["check", input.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("r.yaml:3:5: error[encoding]"), "{err}");
    assert!(err.contains("\n3 |   - \n  |     ^\n"), "{err}");
}
