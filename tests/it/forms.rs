//! Forms: the seed's diagnostics, each check rule passing and failing, the 2021 tables.

use std::path::Path;

use gongwen::diag::Severity;
use gongwen::model::{load_file, Block};

use super::util::*;

/// (rule, severity) of every diagnostic of a file.
fn rules(path: &Path) -> Vec<(String, Severity, String)> {
    let loaded = load_file(path, &session().limits);
    loaded
        .diagnostics
        .0
        .iter()
        .map(|d| {
            (
                d.rule.map(|r| r.id().to_string()).unwrap_or_default(),
                d.severity,
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn the_seed_form_reports_exactly_b1_s1_and_x2() {
    let got = rules(&example("yiyang-2020-form.yaml"));
    let names: Vec<&str> = got.iter().map(|(r, _, _)| r.as_str()).collect();
    assert_eq!(names, ["S1", "B1", "B1", "X2"], "{got:#?}");
    let b1: Vec<&String> = got.iter().filter(|g| g.0 == "B1").map(|g| &g.2).collect();
    assert!(
        b1[0].contains("「自然人」") && b1[0].contains("2 + ") && b1[0].contains("（七）总计 0"),
        "{}",
        b1[0]
    );
    assert!(b1[1].contains("「总计」"), "{}", b1[1]);
    assert!(got[0].2.contains("六、其他需要报告的事项"));
    assert_eq!(got[3].1, Severity::Warning);
    assert!(
        got[3].2.contains("says 3") && got[3].2.contains("is 2"),
        "{}",
        got[3].2
    );
}

#[test]
fn the_corrected_seed_and_the_2021_example_are_clean() {
    for f in ["yiyang-2020-form-fixed.yaml", "demo-2021.yaml"] {
        assert_eq!(rules(&example(f)), vec![], "{f}");
    }
}

/// Each case edits the clean seed form: (what, from, to, expected rule or "" for clean).
#[test]
fn each_rule_has_a_passing_and_a_failing_fixture() {
    let base = std::fs::read_to_string(example("yiyang-2020-form-fixed.yaml")).unwrap();
    let dir = temp_dir("form-rules");
    std::fs::write(
        dir.join("last-year-ok.yaml"),
        "applications:\n  carried-over: [0, 0, 0, 0, 0, 0]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("last-year-bad.yaml"),
        "applications:\n  carried-over: [1, 0, 0, 0, 0, 0]\n",
    )
    .unwrap();
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "B1 fails",
            "new:        [2, 0, 0, 0, 0, 0]",
            "new:        [3, 0, 0, 0, 0, 0]",
            "B1",
        ),
        (
            "B2 passes",
            "new:        [2, 0, 0, 0, 0, 0]",
            "new:        [2, 0, 0, 0, 0, 0, 2]",
            "",
        ),
        (
            "B2 fails",
            "new:        [2, 0, 0, 0, 0, 0]",
            "new:        [2, 0, 0, 0, 0, 0, 3]",
            "B2",
        ),
        (
            "B2 total passes",
            "  carried-over:",
            "    total: [2, 0, 0, 0, 0, 0]\n  carried-over:",
            "",
        ),
        (
            "B2 total fails",
            "  carried-over:",
            "    total: [1, 0, 0, 0, 0, 0]\n  carried-over:",
            "B2",
        ),
        (
            "B4 negative",
            "carried-in: [0, 0, 0, 0, 0, 0]",
            "carried-in: [0, -1, 0, 0, 0, 0]",
            "B4",
        ),
        (
            "B4 fraction",
            "carried-in: [0, 0, 0, 0, 0, 0]",
            "carried-in: [0, 0.5, 0, 0, 0, 0]",
            "B4",
        ),
        (
            "C1 passes",
            "review:            [0, 2, 0, 0]",
            "review:            [0, 2, 0, 0, 2]",
            "",
        ),
        (
            "C1 fails",
            "review:            [0, 2, 0, 0]",
            "review:            [0, 2, 0, 0, 3]",
            "C1",
        ),
        ("S1 fails", "\nother:", "\nunused-other:", "S1"),
        ("A1 warns", "decisions: 126}", "decisions: 127}", "A1"),
        (
            "X2 warns",
            "共计收到依申请公开事项2件",
            "共计收到依申请公开事项5件",
            "X2",
        ),
        (
            "X1 passes",
            "\nsignature:",
            "\nprevious-report: last-year-ok.yaml\nsignature:",
            "",
        ),
        (
            "X1 warns",
            "\nsignature:",
            "\nprevious-report: last-year-bad.yaml\nsignature:",
            "X1",
        ),
        ("misspelt key", "state-secret:", "state-secrets:", "key"),
        (
            "2021 key in 2019",
            "regulations:         {new-made: 0, new-published: 0, total: 0}",
            "regulations:         {issued: 0, repealed: 0, in-force: 0}",
            "form",
        ),
    ];
    for (what, from, to, want) in cases {
        assert!(
            base.contains(from),
            "{what}: fixture text `{from}` not found"
        );
        let path = dir.join(format!("{}.yaml", what.replace(' ', "-")));
        std::fs::write(&path, base.replacen(from, to, 1)).unwrap();
        let got = rules(&path);
        let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        if want.is_empty() {
            assert!(names.is_empty(), "{what}: {got:#?}");
        } else {
            assert!(
                names.contains(want),
                "{what}: expected {want}, got {got:#?}"
            );
            // A misspelt key must not also be read as an S1 or other confusion.
            if *want == "S1" {
                assert!(
                    got.iter()
                        .any(|g| g.2.contains("unknown key `unused-other`")),
                    "{what}"
                );
            }
        }
    }
    let misspelt = std::fs::read_to_string(dir.join("misspelt-key.yaml")).unwrap();
    assert!(misspelt.contains("state-secrets"));
    let loaded = load_file(&dir.join("misspelt-key.yaml"), &session().limits);
    let d = &loaded.diagnostics.0[0];
    assert_eq!(d.hint.as_deref(), Some("did you mean `state-secret`?"));
    let loaded = load_file(&dir.join("2021-key-in-2019.yaml"), &session().limits);
    assert!(
        loaded.diagnostics.0[0]
            .message
            .contains("gov-info-annual-2021"),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn the_2021_tables_have_the_national_shape() {
    let loaded = load_file(&example("demo-2021.yaml"), &session().limits);
    let report = loaded.report.unwrap();
    let tables: Vec<_> = report
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 3);
    let (a, b, c) = (tables[0], tables[1], tables[2]);
    assert_eq!(a.grid.cols, 4, "table A 2021 has 4 columns");
    assert_eq!(b.grid.cols, 10);
    assert_eq!(b.header_rows, 3);
    // 一、二, 22 rows under 三（（一）…（七）, with （六） in three rows), 四.
    assert_eq!(b.grid.rows - b.header_rows, 25);
    let three = b
        .grid
        .cells
        .iter()
        .find(|c| c.text == "三、本年度办理结果")
        .unwrap();
    assert_eq!(three.rowspan, 22);
    let six = b
        .grid
        .cells
        .iter()
        .find(|c| c.text == "（六）其他处理")
        .unwrap();
    assert_eq!(six.rowspan, 3);
    assert_eq!(c.grid.cols, 15);
    let corner = &b.grid.cells[0];
    assert_eq!((corner.rowspan, corner.colspan), (3, 3));
    let headings: Vec<String> = report
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.level == 1 => Some(h.full_text()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"
        ]
    );
    assert_eq!(
        report.title.concat(),
        "青山市自然资源和规划局2022年政府信息公开工作年度报告"
    );
}

#[test]
fn init_prints_a_starter_that_renders_as_is() {
    for form in ["gov-info-annual-2021", "gov-info-annual-2019"] {
        let o = gongwen(&["init", "--form", form]);
        assert!(o.status.success());
        let dir = temp_dir(&format!("init-{form}"));
        let path = dir.join("starter.yaml");
        std::fs::write(&path, &o.stdout).unwrap();
        assert_eq!(rules(&path), vec![], "{form}");
        let o = gongwen(&["render", path.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(dir.join("starter.pdf").exists());
    }
}

#[test]
fn an_error_blocks_output_unless_forced() {
    let dir = temp_dir("form-force");
    let input = example("yiyang-2020-form.yaml");
    let o = gongwen(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.join("yiyang-2020-form.pdf").exists());
    let o = gongwen(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1), "--force still exits 1");
    assert!(dir.join("yiyang-2020-form.pdf").exists());
}
