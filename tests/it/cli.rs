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
