//! Stage 4b: DOCX from the model (placeholder until the DOCX issue lands).

use crate::diag::Diagnostic;
use crate::model::Report;
use crate::style::Style;

#[derive(Clone, Debug, Default)]
pub struct DocxOptions {}

pub fn docx(
    _report: &Report,
    _style: &Style,
    _opts: &DocxOptions,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    Err(vec![Diagnostic::error(
        None,
        "DOCX output is not implemented yet",
    )])
}
