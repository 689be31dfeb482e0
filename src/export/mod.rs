//! Stage 4: writers. `pdf` works from laid-out pages; `docx` from the model (Word and WPS do
//! their own line breaking).

pub mod docx;
pub mod objstm;
pub mod pdf;
