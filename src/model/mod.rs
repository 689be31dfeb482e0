//! Stage 1–2: YAML → validated, numbered [`Report`]. Forms are expanded here so that the
//! layout and the DOCX writer see one kind of report. No fonts, no geometry.

pub mod form;
pub mod inline;
pub mod numbering;
pub mod official;
pub mod parse;
pub mod parts;
pub mod report;
pub mod signature;
pub mod starter;
pub mod table;

pub use official::{Distribution, DocFormat, Head, Official};
pub use parts::{DistributionPart, FlagKind, HeadPart, Part, SignaturePart};
pub use report::*;
pub use table::{Align, Cell, CellGrid, ColumnWidth, Slot, Table, VAlign};

use std::path::Path;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Rule, SourceFile};
use crate::limits::Limits;
use crate::world::World;
use crate::yaml::{self, Reader};

/// The report-specific columns of a batch summary, after the generic ones (file, organ,
/// status, counts, pages): those of every form. A report fills them through
/// [`Report::summary`]; the ones it does not fill stay empty.
pub fn summary_columns() -> &'static [&'static str] {
    form::SUMMARY_COLUMNS
}

/// The result of loading one report: the report if it could be built, and every diagnostic
/// (errors block output unless forced; warnings never do).
pub struct Loaded {
    /// The report, when one could be built (it may still have errors).
    pub report: Option<Report>,
    /// Every diagnostic of the load.
    pub diagnostics: Diagnostics,
    /// The report's file as parsed, `None` when it could not be read or parsed.
    pub file: Option<Arc<SourceFile>>,
}

/// Reads and validates a report file (general or form).
pub fn load_file(path: &Path, limits: &Limits) -> Loaded {
    match read_report(path, limits) {
        Ok(text) => load_str(path, &text, limits),
        Err(d) => Loaded::failed(d),
    }
}

/// Reads a report file of a batch and merges the batch's `defaults` under it (maps deeply,
/// lists replace), with the size check and diagnostics of [`load_file`].
pub fn load_file_with_defaults(path: &Path, defaults: &yaml::Node, limits: &Limits) -> Loaded {
    let text = match read_report(path, limits) {
        Ok(text) => text,
        Err(d) => return Loaded::failed(d),
    };
    let doc = match yaml::parse(path, &text, limits) {
        Ok(d) => d,
        Err(d) => return Loaded::failed(d),
    };
    let merged = yaml::Document {
        root: yaml::merge(defaults, &doc.root),
        ..doc
    };
    load_doc(&merged, limits)
}

/// The text of a report file, or the error saying why it could not be read.
fn read_report(path: &Path, limits: &Limits) -> Result<String, Diagnostic> {
    World::new(limits)
        .read_text(path)
        .map_err(|e| e.diagnostic(path, "the report", None))
}

impl Loaded {
    /// A load that produced no report, for the one error that stopped it.
    pub fn failed(d: Diagnostic) -> Loaded {
        Loaded {
            report: None,
            diagnostics: Diagnostics(vec![d]),
            file: None,
        }
    }
}

/// Reads and validates a report from text; `path` names it in diagnostics and is the file
/// relative paths written in it (layout, previous report) are resolved against.
pub fn load_str(path: &Path, text: &str, limits: &Limits) -> Loaded {
    let doc = match yaml::parse(path, text, limits) {
        Ok(d) => d,
        Err(d) => return Loaded::failed(d),
    };
    load_doc(&doc, limits)
}

/// Builds a report from a parsed document (batch files merge defaults first). Relative paths
/// in it are resolved against the file each is written in (`doc.file`, or a defaults file
/// for values merged in from one).
pub fn load_doc(doc: &yaml::Document, limits: &Limits) -> Loaded {
    let mut r = Reader::new(doc);
    forbidden_characters(&mut r, &doc.root);
    let is_form = doc
        .root
        .as_map()
        .is_some_and(|m| m.iter().any(|(k, _)| k.as_str() == Some("form")));
    let report = if is_form {
        form::expand(&mut r, &doc.root, &World::new(limits), limits)
    } else {
        parse::general_report(&mut r, &doc.root, limits)
    };
    let mut report = report;
    if let Some(rep) = &mut report {
        if let Some(sig) = &mut rep.signature {
            load_seals(&mut r, sig, limits);
        }
    }
    Loaded {
        report,
        diagnostics: Diagnostics(r.into_diagnostics()),
        file: Some(doc.file.clone()),
    }
}

/// Reads the seal images a signature names, each relative to the file its path is written in
/// (the report, or a batch's defaults file): a file that is missing, unreadable or neither PNG
/// nor SVG is an error at its value (report-format §2a).
fn load_seals(r: &mut Reader, sig: &mut Signature, limits: &Limits) {
    let signer = sig.signer.as_mut().and_then(|s| s.seal.as_mut());
    for seal in sig.seals.iter_mut().chain(signer) {
        let base = seal
            .span
            .as_ref()
            .and_then(|s| s.path().parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let file = base.join(&seal.path);
        let bytes = match crate::world::read::read_bytes(&file, limits.max_input_bytes) {
            Ok(b) => b,
            Err(e) => {
                r.push(
                    e.diagnostic(&file, "the seal image", seal.span.clone())
                        .with_rule(Rule::Seal)
                        .with_hint("a seal path is relative to the report's folder"),
                );
                continue;
            }
        };
        match crate::image::Image::parse(bytes) {
            Ok(img) => seal.image = Some(img),
            Err(why) => r.push(
                crate::diag::Diagnostic::error(
                    seal.span.clone(),
                    format!("the seal image `{}` cannot be used: {why}", seal.path),
                )
                .with_rule(Rule::Seal)
                .with_hint("a seal is a PNG (with transparency) or an SVG file"),
            ),
        }
    }
}

/// A character no text may hold: C0 and C1 controls other than tab and line breaks, and
/// Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, …). XML 1.0 forbids most of them, so
/// they would make the DOCX unreadable, and none of them prints.
pub fn forbidden_char(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Errors at every string (keys too) holding a [`forbidden_char`], at the character when it
/// is written as such, else at the string (a YAML escape such as `"\0"`).
fn forbidden_characters(r: &mut Reader, root: &yaml::Node) {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match &n.value {
            yaml::Value::Str(s) => {
                if let Some(c) = s.chars().find(|&c| forbidden_char(c)) {
                    let at = r.span(n);
                    let at = at.find_char(c, s.len() + 64).unwrap_or(at);
                    r.push(
                        crate::diag::Diagnostic::error(
                            Some(at),
                            format!(
                                "the text holds the control character or noncharacter U+{:04X}, which cannot be printed or stored in a document",
                                c as u32
                            ),
                        )
                        .with_rule(Rule::Text)
                        .with_hint("delete it (it is invisible; it often comes from copying out of another program)"),
                    );
                }
            }
            yaml::Value::Seq(items) => stack.extend(items.iter().rev()),
            yaml::Value::Map(entries) => {
                for (k, v) in entries.iter().rev() {
                    stack.push(v);
                    stack.push(k);
                }
            }
            _ => {}
        }
    }
}
