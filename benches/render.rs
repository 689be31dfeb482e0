//! Criterion benchmarks: the seed report end to end, table layout at 100/1,000/10,000 rows
//! (time per row must stay flat), and the cost of a form's expansion and checks.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use gongwen::layout::layout_document;
use gongwen::limits::Limits;
use gongwen::model::load_str;
use gongwen::style::LayoutSource;
use gongwen::text::FontOptions;
use gongwen::{render, RenderOptions, Session};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn session() -> Session {
    Session::new(
        FontOptions {
            font_dirs: vec![],
            bundled_dir: Some(root().join("fonts")),
            system: false,
            map: false,
        },
        Limits::default(),
    )
}

fn table_yaml(rows: usize) -> String {
    let mut s = String::from("title: 表格基准\nbody:\n  - table:\n      columns: [1, 4, 3, 1]\n      header:\n        - [序号, 事项名称, 办理部门, 数量]\n      rows:\n");
    for i in 0..rows {
        s.push_str(&format!(
            "        - [{}, 城市管理行政执法事项第{}项, 市城市管理和综合执法局, {}]\n",
            i + 1,
            i + 1,
            i * 7 % 101
        ));
    }
    s
}

fn benches(c: &mut Criterion) {
    let s = session();
    let pdf = RenderOptions {
        pdf: true,
        ..RenderOptions::default()
    };
    let docx = RenderOptions {
        docx: true,
        ..RenderOptions::default()
    };
    // Warm the font cache as a batch would.
    s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let seed = root().join("examples/yiyang-2020.yaml");
    c.bench_function("seed/pdf", |b| {
        b.iter(|| black_box(render(&s, &seed, &pdf)))
    });
    c.bench_function("seed/docx", |b| {
        b.iter(|| black_box(render(&s, &seed, &docx)))
    });

    let form = root().join("examples/demo-2021.yaml");
    let text = std::fs::read_to_string(&form).unwrap();
    c.bench_function("form-2021/check", |b| {
        b.iter(|| black_box(load_str(&form, &text, &s.limits)))
    });
    c.bench_function("form-2021/pdf", |b| {
        b.iter(|| black_box(render(&s, &form, &pdf)))
    });

    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).unwrap();
    let mut g = c.benchmark_group("table-layout");
    g.sample_size(10);
    for rows in [100usize, 1_000, 10_000] {
        let yaml = table_yaml(rows);
        let report = load_str(Path::new("bench.yaml"), &yaml, &s.limits)
            .report
            .unwrap();
        g.throughput(Throughput::Elements(rows as u64));
        g.bench_with_input(BenchmarkId::from_parameter(rows), &report, |b, r| {
            b.iter(|| black_box(layout_document(r, &setup.style, &setup.book, &s.limits).unwrap()))
        });
    }
    g.finish();

    // 100 copies of the 2021 example, rendered in parallel as `gongwen batch` does.
    let dir = std::env::temp_dir().join(format!("gongwen-bench-{}", std::process::id()));
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..100 {
        let t = text.replacen(
            "organ: 青山市自然资源和规划局",
            &format!("organ: 青山市第{i}局"),
            1,
        );
        std::fs::write(input.join(format!("dept-{i:03}.yaml")), t).unwrap();
    }
    let plan = gongwen::batch::plan(&input).unwrap();
    let mut g = c.benchmark_group("batch-100");
    g.sample_size(10);
    g.throughput(Throughput::Elements(100));
    for (name, docx) in [("pdf", false), ("pdf+docx", true)] {
        let opts = gongwen::batch::BatchOptions {
            render: RenderOptions {
                pdf: true,
                docx,
                ..RenderOptions::default()
            },
            output: Some(dir.join("out")),
            jobs: 0,
        };
        std::fs::create_dir_all(dir.join("out")).unwrap();
        g.bench_function(name, |b| {
            b.iter(|| black_box(gongwen::batch::run(&s, &plan, &opts, &|_, _| {})))
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(render_benches, benches);
criterion_main!(render_benches);
