//! The one integration test binary: CLI behaviour, reference page-tree dumps, PDF checks
//! with external tools. `UPDATE_REFS=1 cargo test --release` rewrites the references.

mod it {
    pub mod batch;
    pub mod cli;
    pub mod corpus;
    pub mod docs;
    pub mod docx;
    pub mod fonts;
    pub mod formats;
    pub mod forms;
    pub mod hostile;
    pub mod layout;
    pub mod official;
    pub mod paths;
    pub mod pdf;
    pub mod props;
    pub mod tagged;
    pub mod util;
    pub mod xmltree;
}
