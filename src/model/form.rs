//! Forms: placeholder until the annual-report forms land.

use std::path::Path;

use crate::limits::Limits;
use crate::yaml::{Node, Reader};

use super::Report;

pub fn expand(r: &mut Reader, root: &Node, _path: &Path, _limits: &Limits) -> Option<Report> {
    r.error(root, "forms are not supported yet");
    None
}

/// A commented starter report for a form, or `None` for an unknown form.
pub fn starter(_form: &str) -> Option<String> {
    None
}
