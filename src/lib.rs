//! # gongwen
//!
//! Renders Chinese government documents that follow GB/T 9704-2012 from YAML.
//!
//! The pipeline, one stage per module, each using only the ones before it:
//! 1. [`model`]: YAML → validated, numbered [`model::Report`] (forms expanded, checks run),
//!    with [`diag::Diagnostic`]s pointing at byte ranges of the files read ([`diag::Span`]).
//! 2. [`style`]: a layout file (`layouts/*.yaml`) → [`style::Style`], every number as data.
//! 3. [`layout`]: report + style + fonts ([`text::FontBook`]) → pages of positioned glyphs
//!    (Chinese line breaking, tables, pagination).
//! 4. [`export::pdf`] writes the pages; [`export::docx`] writes the model for Word/WPS.
//!
//! [`render`] runs the whole pipeline for one input; [`Session`] caches layouts and fonts so
//! a batch loads each font once.

// Every public item says what it is (units, invariants); only `export::docx::xml`, which is
// being replaced, still opts out.
#![deny(missing_docs)]

pub mod batch;
pub mod coverage;
pub mod date;
pub mod diag;
pub mod export;
pub mod format;
pub mod geom;
pub mod image;
pub mod layout;
pub mod limits;
pub mod model;
pub mod output;
pub mod style;
pub mod text;
pub mod world;
pub mod yaml;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use diag::{Diagnostic, Diagnostics};
use export::pdf::{PdfFonts, PdfOptions};
use limits::Limits;
use model::Report;
use style::{LayoutSource, Style};
use text::{FontBook, FontOptions};
use world::World;

/// A layout with its fonts resolved, ready to render many reports.
pub struct Setup {
    /// The layout, read and checked.
    pub style: Style,
    /// The faces of every role of the layout.
    pub book: FontBook,
    /// The faces prepared once for every PDF (krilla fonts).
    pub pdf_fonts: PdfFonts,
}

/// Shared state of a process: font options, limits and the loaded layouts.
pub struct Session {
    /// Where fonts are looked for.
    pub fonts: FontOptions,
    /// Resource limits for every report of the session.
    pub limits: Limits,
    setups: Mutex<HashMap<LayoutSource, Arc<Setup>>>,
}

impl Session {
    /// A session with no layout loaded yet.
    pub fn new(fonts: FontOptions, limits: Limits) -> Session {
        Session {
            fonts,
            limits,
            setups: Mutex::new(HashMap::new()),
        }
    }

    /// The files and environment this session reads, with its size limit.
    pub fn world(&self) -> World {
        World::new(&self.limits)
    }

    /// The layout and its fonts, loaded once per process.
    pub fn setup(&self, source: &LayoutSource) -> Result<Arc<Setup>, Vec<Diagnostic>> {
        let mut map = self.setups.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = map.get(source) {
            return Ok(s.clone());
        }
        let style = style::load_layout(source, &self.world())?;
        let book = FontBook::load(&style.fonts, &self.fonts)?;
        let pdf_fonts = PdfFonts::new(&book);
        let s = Arc::new(Setup {
            style,
            book,
            pdf_fonts,
        });
        map.insert(source.clone(), s.clone());
        Ok(s)
    }
}

/// What to render.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Write a PDF.
    pub pdf: bool,
    /// Write a DOCX draft.
    pub docx: bool,
    /// Write outputs even when the report has errors (a draft).
    pub force: bool,
    /// `--pdfa[=2a|2b]`: validated archival PDF.
    pub pdfa: Option<export::pdf::PdfA>,
    /// `--pdfua`: validated PDF/UA-1.
    pub pdfua: bool,
    /// `--layout`: overrides the report's own `layout:`.
    pub layout: Option<LayoutSource>,
}

impl RenderOptions {
    /// The requested formats, in [`Format::ALL`] order.
    pub fn formats(&self) -> impl Iterator<Item = Format> + '_ {
        Format::ALL.into_iter().filter(|f| match f {
            Format::Pdf => self.pdf,
            Format::Docx => self.docx,
        })
    }
}

/// The result of rendering one input. Outputs are `None` when errors blocked them.
#[derive(Default)]
pub struct Rendered {
    /// Every diagnostic of the report, in order (at most a few per rule).
    pub diagnostics: Diagnostics,
    /// The PDF, when it was requested and nothing blocked it.
    pub pdf: Option<Vec<u8>>,
    /// The DOCX, when it was requested and nothing blocked it.
    pub docx: Option<Vec<u8>>,
    /// Pages of the PDF (0 without one).
    pub pages: usize,
    /// The title lines joined, for logs and summaries.
    pub title: String,
    /// The report's batch-summary values by column ([`model::Report::summary`]).
    pub summary: Vec<(&'static str, String)>,
}

impl Rendered {
    /// The bytes of one output, if it was produced.
    pub fn output(&self, format: Format) -> Option<&[u8]> {
        match format {
            Format::Pdf => self.pdf.as_deref(),
            Format::Docx => self.docx.as_deref(),
        }
    }
}

/// Loads and checks a report without rendering it.
pub fn check(path: &Path, limits: &Limits) -> (Option<Report>, Diagnostics) {
    let loaded = model::load_file(path, limits);
    (loaded.report, loaded.diagnostics)
}

/// Runs the pipeline for one file.
pub fn render(session: &Session, path: &Path, opts: &RenderOptions) -> Rendered {
    let loaded = model::load_file(path, &session.limits);
    render_loaded(session, path, loaded, opts)
}

/// Runs layout and export for a loaded report.
pub fn render_loaded(
    session: &Session,
    path: &Path,
    loaded: model::Loaded,
    opts: &RenderOptions,
) -> Rendered {
    let mut out = Rendered {
        diagnostics: loaded.diagnostics,
        ..Rendered::default()
    };
    // Problems without a place of their own name the report's file (as parsed).
    let file = loaded
        .file
        .unwrap_or_else(|| diag::SourceFile::unread(path));
    let Some(report) = loaded.report else {
        return out;
    };
    out.title = report.document_title();
    out.summary = report.summary.clone();
    if out.diagnostics.has_errors() && !opts.force {
        return out;
    }
    let source = opts.layout.clone().unwrap_or_else(|| match &report.layout {
        // Relative to the file that names it: the report, or a batch's defaults.
        Some(l) => LayoutSource::parse(
            l,
            report.layout_span.as_ref().map(|s| s.path()),
            &session.world(),
        ),
        None => LayoutSource::Builtin("gbt9704".into()),
    });
    let setup = match session.setup(&source) {
        Ok(s) => s,
        Err(ds) => {
            // Layout and font problems without a place of their own point at `layout:`.
            let at = if opts.layout.is_none() {
                report.layout_span.clone()
            } else {
                None
            };
            out.diagnostics.0.extend(ds.into_iter().map(|mut d| {
                if d.span.is_none() {
                    d.span = at.clone();
                }
                d
            }));
            return out;
        }
    };
    out.diagnostics
        .0
        .extend(setup.book.warnings.iter().cloned());
    // The signature date decides; only a report without one takes `SOURCE_DATE_EPOCH`.
    let fallback_date = if report.metadata.date.is_some() {
        None
    } else {
        match session.world().source_date() {
            Ok(d) => d,
            Err(w) => {
                out.diagnostics.push(w);
                None
            }
        }
    };
    let mut distribution_breaks = 0;
    if opts.pdf {
        match layout::layout_document(&report, &setup.style, &setup.book, &session.limits) {
            Ok((doc, warnings)) => {
                out.diagnostics.0.extend(warnings);
                out.pages = doc.pages.len();
                distribution_breaks = doc.distribution_breaks;
                let popts = PdfOptions {
                    pdfa: opts.pdfa,
                    pdfua: opts.pdfua,
                    fallback_date,
                };
                match export::pdf::pdf(&doc, &setup.book, &setup.pdf_fonts, &popts) {
                    Ok(bytes) => out.pdf = Some(bytes),
                    Err(ds) => out.diagnostics.0.extend(ds),
                }
            }
            Err(ds) => out.diagnostics.0.extend(ds),
        }
    }
    if opts.docx {
        // The 版记 page follows the PDF's pagination: a DOCX alone lays the report out for it.
        if !opts.pdf && report.official.distribution.is_some() {
            if let Ok((doc, _)) =
                layout::layout_document(&report, &setup.style, &setup.book, &session.limits)
            {
                distribution_breaks = doc.distribution_breaks;
            }
        }
        let dopts = export::docx::DocxOptions {
            fallback_date,
            distribution_breaks,
        };
        match export::docx::docx(&report, &setup.style, &setup.book, &dopts) {
            Ok(bytes) => out.docx = Some(bytes),
            Err(ds) => out.diagnostics.0.extend(ds),
        }
    }
    // Layout and export problems without a place of their own (the page limit) name the file.
    for d in &mut out.diagnostics.0 {
        if d.span.is_none() && d.is_error() {
            d.span = Some(diag::Span::file_start(&file));
        }
    }
    out.diagnostics.0 = diag::cap_per_rule(std::mem::take(&mut out.diagnostics.0));
    out
}

pub use format::Format;
pub use output::{clash_diagnostic, output_clashes, output_path, write_outputs};
