//! The output formats, as data: adding one (OFD) is one variant here and one exporter.

/// An output format of a rendered report.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// PDF, laid out page by page (optionally PDF/A or PDF/UA).
    Pdf,
    /// DOCX, a draft for Word/WPS that reflows.
    Docx,
}

impl Format {
    /// Every format, in the order outputs are written and listed.
    pub const ALL: [Format; 2] = [Format::Pdf, Format::Docx];

    /// The file extension without its dot, also the name in a batch's `formats:`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// The name shown to people.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
        }
    }

    /// The format a batch's `formats:` entry names (`pdf`, `docx`).
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == s)
    }

    /// The accepted names for messages: "`pdf` or `docx`".
    pub fn choices() -> String {
        let names: Vec<String> = Format::ALL
            .iter()
            .map(|f| format!("`{}`", f.extension()))
            .collect();
        names.join(" or ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_named_by_their_extensions() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.extension()), Some(f));
        }
        assert_eq!(Format::parse("ofd"), None);
        assert_eq!(Format::choices(), "`pdf` or `docx`");
    }
}
