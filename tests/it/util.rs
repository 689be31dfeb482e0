//! Shared helpers: paths, the session, running the binary, external tools.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use gongwen::limits::Limits;
use gongwen::text::FontOptions;
use gongwen::{render, RenderOptions, Session};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    root().join("examples").join(name)
}

pub fn suite(name: &str) -> PathBuf {
    root().join("tests/suite").join(name)
}

/// One session for all tests: bundled fonts only, so results do not depend on the machine.
pub fn session() -> &'static Session {
    static S: OnceLock<Session> = OnceLock::new();
    S.get_or_init(|| {
        Session::new(
            FontOptions {
                font_dirs: vec![],
                bundled_dir: Some(root().join("fonts")),
                system: false,
                map: false,
            },
            Limits::default(),
        )
    })
}

/// A fresh empty folder under the target directory.
/// Renders a report to PDF in the shared session.
pub fn render_pdf(input: &Path) -> gongwen::Rendered {
    gongwen::render(
        session(),
        input,
        &gongwen::RenderOptions {
            pdf: true,
            ..gongwen::RenderOptions::default()
        },
    )
}

pub fn temp_dir(name: &str) -> PathBuf {
    let d = root().join("target/test-out").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn gongwen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .env("GONGWEN_FONTS", root().join("fonts"))
        .output()
        .expect("run gongwen")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether an external tool is installed. Missing: the test is skipped with a printed reason,
/// or fails when GONGWEN_REQUIRE_TOOLS=1 (CI).
pub fn have(tool: &str) -> bool {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var("GONGWEN_REQUIRE_TOOLS").as_deref() == Ok("1") {
            panic!("{tool} is required (GONGWEN_REQUIRE_TOOLS=1) but not installed");
        }
        eprintln!("skipped: {tool} is not installed");
    }
    ok
}

pub fn run(cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

/// Compares `actual` with the reference file, or rewrites it with UPDATE_REFS=1.
pub fn assert_ref(path: &Path, actual: &str) {
    if std::env::var("UPDATE_REFS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing reference {}: run UPDATE_REFS=1 cargo test --release",
            path.display()
        )
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(8)
            .map(|(i, (a, b))| format!("line {}:\n  - {a}\n  + {b}", i + 1))
            .collect();
        panic!(
            "{} differs ({} vs {} lines); first differences:\n{}\nrun UPDATE_REFS=1 cargo test --release to accept",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

/// fontconfig for LibreOffice: the bundled fonts under the official names, so its rendering
/// shows the font roles.
pub fn fontconfig(dir: &Path) -> std::path::PathBuf {
    let fonts = root().join("fonts");
    let alias = |official: &str, ours: &str| {
        format!("<alias binding=\"same\"><family>{official}</family><prefer><family>{ours}</family></prefer></alias>\n")
    };
    let conf = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n<dir>{}</dir>\n<cachedir>{}</cachedir>\n{}{}{}{}{}{}</fontconfig>\n",
        fonts.display(),
        dir.join("fc-cache").display(),
        alias("仿宋_GB2312", "FandolFang"),
        alias("楷体_GB2312", "FandolKai"),
        alias("黑体", "Noto Sans CJK SC"),
        alias("宋体", "Noto Serif CJK SC"),
        alias("方正小标宋简体", "Noto Serif CJK SC Black"),
        alias("Times New Roman", "Liberation Serif"),
    );
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

/// Renders an example to PDF and DOCX in `dir`; returns the DOCX path.
pub fn render_both(dir: &Path, name: &str) -> String {
    let r = render(
        session(),
        &example(&format!("{name}.yaml")),
        &RenderOptions {
            pdf: true,
            docx: true,
            ..RenderOptions::default()
        },
    );
    assert!(!r.diagnostics.has_errors(), "{name}: {:?}", r.diagnostics);
    std::fs::write(dir.join(format!("{name}.pdf")), r.pdf.unwrap()).unwrap();
    let d = dir.join(format!("{name}.docx"));
    std::fs::write(&d, r.docx.unwrap()).unwrap();
    d.to_string_lossy().into_owned()
}

/// LibreOffice headless converts `files` to `to` (`pdf`, `docx:MS Word 2007 XML`) into
/// `out`, with its own profile under `dir` and the bundled fonts under the official names.
pub fn soffice(dir: &Path, to: &str, out: &Path, files: &[String]) {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let mut args = vec![
        profile.as_str(),
        "--headless",
        "--convert-to",
        to,
        "--outdir",
        out.to_str().unwrap(),
    ];
    args.extend(files.iter().map(String::as_str));
    let o = std::process::Command::new("soffice")
        .args(&args)
        .env("FONTCONFIG_FILE", fontconfig(dir))
        .output()
        .expect("soffice runs");
    assert!(
        o.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The vertical centre (points from the page's top) of the first word starting with `word` on
/// page 1 of a PDF, as `pdftotext -bbox` reads it.
pub fn word_centre(pdf: &Path, word: &str) -> f32 {
    let o = run(
        "pdftotext",
        &["-bbox", "-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let line = out
        .lines()
        .find(|l| l.contains("<word") && l.contains(&format!(">{word}")))
        .unwrap_or_else(|| panic!("no `{word}` in {}", pdf.display()));
    let num = |key: &str| -> f32 {
        let at = line.find(key).unwrap() + key.len();
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    (num("yMin=\"") + num("yMax=\"")) / 2.0
}
