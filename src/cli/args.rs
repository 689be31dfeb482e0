//! Command-line arguments. The doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use gongwen::export::pdf::PdfA;

/// Renders Chinese government documents (GB/T 9704-2012) from YAML to PDF and DOCX.
#[derive(Parser, Debug)]
#[command(name = "gongwen", version)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Render reports to PDF (default) and/or DOCX.
    Render(Render),
    /// Validate reports and print every diagnostic.
    Check(Check),
    /// Render every report of a folder or a batch file, in parallel.
    Batch(Batch),
    /// Show the font of each role and, with a report, its glyph coverage.
    Fonts(Fonts),
    /// Print a commented starter report for a form.
    Init(Init),
}

#[derive(clap::Args, Debug)]
pub struct Render {
    /// Report files (YAML).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write a PDF (the default when neither --pdf nor --docx is given).
    #[arg(long)]
    pub pdf: bool,
    /// Write a DOCX draft for Word/WPS.
    #[arg(long)]
    pub docx: bool,
    /// Output folder (default: beside each input).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Layout: a built-in name (gbt9704) or a layout file.
    #[arg(long)]
    pub layout: Option<String>,
    /// Extra folder to search for fonts (repeatable).
    #[arg(long = "font-dir")]
    pub font_dir: Vec<PathBuf>,
    /// Write outputs even when the report has errors (still exits 1).
    #[arg(long)]
    pub force: bool,
    /// Write archival PDF/A, validated at export: `--pdfa` or `--pdfa=2b` (PDF/A-2b),
    /// `--pdfa=2a` (PDF/A-2a, tagged and accessible).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "2b",
          value_parser = parse_pdfa, value_name = "LEVEL")]
    pub pdfa: Option<PdfA>,
    /// Write PDF/UA-1 (accessible PDF, ISO 14289-1), validated at export.
    #[arg(long)]
    pub pdfua: bool,
    /// Do not print the files written.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(clap::Args, Debug)]
pub struct Check {
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct Batch {
    /// A folder of reports (every *.yaml) or a batch file.
    pub input: PathBuf,
    /// Write PDFs (with --docx too; neither: the batch file's `formats`, else PDF only).
    #[arg(long)]
    pub pdf: bool,
    /// Write DOCX drafts for Word/WPS.
    #[arg(long)]
    pub docx: bool,
    /// Output folder (overrides the batch file's `output`).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
    /// Parallel jobs (default: all cores, plus one to overlap file syncs).
    #[arg(short = 'j', long = "jobs")]
    pub jobs: Option<usize>,
    /// Layout for every report: a built-in name (gbt9704) or a layout file.
    #[arg(long)]
    pub layout: Option<String>,
    /// Extra folder to search for fonts (repeatable).
    #[arg(long = "font-dir")]
    pub font_dir: Vec<PathBuf>,
    /// Write outputs even for reports with errors (they still count as failed).
    #[arg(long)]
    pub force: bool,
    /// Write archival PDF/A, validated at export: `--pdfa` or `--pdfa=2b` (PDF/A-2b),
    /// `--pdfa=2a` (PDF/A-2a, tagged and accessible).
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "2b",
          value_parser = parse_pdfa, value_name = "LEVEL")]
    pub pdfa: Option<PdfA>,
    /// Write PDF/UA-1 (accessible PDF, ISO 14289-1), validated at export.
    #[arg(long)]
    pub pdfua: bool,
}

#[derive(clap::Args, Debug)]
pub struct Fonts {
    /// A report whose characters to check against the fonts.
    pub report: Option<PathBuf>,
    /// Layout whose font roles to resolve: a built-in name (gbt9704) or a layout file.
    #[arg(long)]
    pub layout: Option<String>,
    /// Extra folder to search for fonts (repeatable).
    #[arg(long = "font-dir")]
    pub font_dir: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["form", "kind"])))]
pub struct Init {
    /// A form starter: gov-info-annual-2021 or gov-info-annual-2019
    #[arg(long)]
    pub form: Option<String>,
    /// An official-document starter: notice (a 红头 通知 with every part), letter, order or minutes
    #[arg(long)]
    pub kind: Option<String>,
}

/// `--pdfa` levels.
fn parse_pdfa(s: &str) -> Result<PdfA, String> {
    PdfA::parse(s).ok_or_else(|| format!("`{s}` is not a PDF/A level: use 2a or 2b"))
}
