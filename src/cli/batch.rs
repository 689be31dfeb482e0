//! `gongwen batch` (placeholder until the batch issue lands).

use std::process::ExitCode;

use super::args;

pub fn run(_b: args::Batch) -> ExitCode {
    eprintln!("error: batch is not implemented yet");
    ExitCode::from(1)
}
