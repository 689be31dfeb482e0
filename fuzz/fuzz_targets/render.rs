//! Arbitrary bytes as a report: YAML → model → layout → PDF and DOCX. No panic, no hang, and
//! every laid-out glyph inside the page.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

use gongwen::layout::{layout_document, Item};
use gongwen::limits::Limits;
use gongwen::style::LayoutSource;
use gongwen::text::FontOptions;
use gongwen::{export, model, Session};

fn session() -> &'static Session {
    static S: OnceLock<Session> = OnceLock::new();
    S.get_or_init(|| {
        let limits = Limits {
            max_input_bytes: 64 << 10,
            max_text_chars: 20_000,
            max_table_cells: 2_000,
            max_columns: 50,
            max_pages: 50,
            ..Limits::default()
        };
        let fonts = FontOptions {
            bundled_dir: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../fonts")),
            ..FontOptions::default()
        };
        Session::new(fonts, limits)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let s = session();
    let loaded = model::load_str(Path::new("fuzz.yaml"), text, &s.limits);
    let Some(report) = loaded.report else { return };
    let setup = s.setup(&LayoutSource::Builtin("gbt9704".into())).expect("built-in layout");
    if let Ok((doc, _)) = layout_document(&report, &setup.style, &setup.book, &s.limits) {
        for page in &doc.pages {
            for item in &page.items {
                if let Item::Text(t) = item {
                    assert!(t.x.0 >= 0.0 && t.y.0 >= 0.0 && t.y.0 <= page.height.0, "glyph run off the page");
                }
            }
        }
        let _ = export::pdf::pdf(&doc, &setup.book, &setup.pdf_fonts, &Default::default());
    }
    let _ = export::docx::docx(&report, &setup.style, &Default::default());
});
