//! Stage 1–2: YAML → validated, numbered [`Report`]. Forms are expanded here so that the
//! layout and the DOCX writer see one kind of report. No fonts, no geometry.

pub mod form;
pub mod inline;
pub mod numbering;
pub mod parse;
pub mod report;
pub mod table;

pub use report::*;
pub use table::{Align, Cell, CellGrid, ColumnWidth, Slot, Table, VAlign};

use std::path::Path;

use crate::diag::{file_id, Diagnostic, Diagnostics, Span};
use crate::limits::Limits;
use crate::yaml::{self, Reader};

/// The result of loading one report: the report if it could be built, and every diagnostic
/// (errors block output unless forced; warnings never do).
pub struct Loaded {
    pub report: Option<Report>,
    pub diagnostics: Diagnostics,
}

/// Reads and validates a report file (general or form).
pub fn load_file(path: &Path, limits: &Limits) -> Loaded {
    let file = file_id(path);
    let fail = |d: Diagnostic| Loaded {
        report: None,
        diagnostics: Diagnostics(vec![d]),
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(crate::diag::io_error(path, "cannot read", &e)),
    };
    if meta.len() as usize > limits.max_input_bytes {
        return fail(
            Diagnostic::error(
                Some(Span::file_start(&file)),
                format!(
                    "the file is {} bytes, more than the limit of {} bytes",
                    meta.len(),
                    limits.max_input_bytes
                ),
            )
            .with_rule("limit"),
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(crate::diag::io_error(path, "cannot read", &e)),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let col = String::from_utf8_lossy(upto)
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0) as u32
                + 1;
            return fail(
                Diagnostic::error(
                    Some(Span::new(&file, line, col)),
                    "the file is not UTF-8 text",
                )
                .with_rule("encoding")
                .with_hint("save the file as UTF-8 (GBK and GB18030 files must be converted)"),
            );
        }
    };
    load_str(path, &text, limits)
}

/// Reads and validates a report from text; `path` names it in diagnostics and resolves
/// relative paths (layout, previous report).
pub fn load_str(path: &Path, text: &str, limits: &Limits) -> Loaded {
    let file = file_id(path);
    let doc = match yaml::parse(&file, text, limits) {
        Ok(d) => d,
        Err(d) => {
            return Loaded {
                report: None,
                diagnostics: Diagnostics(vec![d]),
            }
        }
    };
    load_doc(path, &doc, limits)
}

/// Builds a report from a parsed document (batch files merge defaults first).
pub fn load_doc(path: &Path, doc: &yaml::Document, limits: &Limits) -> Loaded {
    let mut r = Reader::new(doc);
    let is_form = doc
        .root
        .as_map()
        .is_some_and(|m| m.iter().any(|(k, _)| k.as_str() == Some("form")));
    let report = if is_form {
        form::expand(&mut r, &doc.root, path, limits)
    } else {
        parse::general_report(&mut r, &doc.root, limits)
    };
    let mut report = report;
    if let Some(rep) = &mut report {
        rep.source = Some(std::sync::Arc::new(yaml::Source {
            file: doc.file.clone(),
            text: doc.text.clone(),
        }));
        if let Some(layout) = &rep.layout {
            // A layout path is relative to the report that names it.
            if layout.contains('/') || layout.ends_with(".yaml") {
                let base = path.parent().unwrap_or(Path::new("."));
                rep.layout = Some(base.join(layout).to_string_lossy().into_owned());
            }
        }
    }
    Loaded {
        report,
        diagnostics: Diagnostics(r.diags),
    }
}
