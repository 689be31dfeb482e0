//! Resource limits: whatever arrives, rendering stays bounded in memory and time.
//! The defaults are documented in the README; each limit has an error naming it.

/// Limits applied while reading and laying out one report.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest input file in bytes (default 8 MiB).
    pub max_input_bytes: usize,
    /// Deepest YAML nesting (default 32; a report needs about 8).
    pub max_nesting: usize,
    /// Most YAML parser events in one file (default 10,000,000).
    pub max_yaml_events: usize,
    /// Longest paragraph or cell text in characters (default 1,000,000).
    pub max_text_chars: usize,
    /// Longest table cell text in characters (default 10,000): a cell of a narrow column
    /// breaks into about one line per character.
    pub max_cell_chars: usize,
    /// Most cells in one table (default 200,000).
    pub max_table_cells: usize,
    /// Most grid slots (rows × columns) in one table (default 1,000,000): a colspan multiplies
    /// the slots, not the cells.
    pub max_table_slots: usize,
    /// Most blocks (paragraphs, headings, tables, page breaks) in one report (default
    /// 110,000: 22 lines on each of 5,000 pages).
    pub max_blocks: usize,
    /// Most columns in one table (default 1,000).
    pub max_columns: usize,
    /// Most pages in one document (default 5,000).
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 8 << 20,
            max_nesting: 32,
            max_yaml_events: 10_000_000,
            max_text_chars: 1_000_000,
            max_cell_chars: 10_000,
            max_table_cells: 200_000,
            max_table_slots: 1_000_000,
            max_blocks: 110_000,
            max_columns: 1_000,
            max_pages: 5_000,
        }
    }
}
