//! Rule ids: the kind of problem a diagnostic reports, printed in brackets after its severity
//! (`error[key]`). Every id is documented in `docs/format.md` §6, which a test checks against
//! [`Rule::ALL`].

use std::fmt;

/// The kind of a diagnostic. [`Rule::id`] is the text printed; it never changes once released,
/// since scripts and the corpus tests match on it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Not YAML, or YAML over the parser's budget (an empty file, a tab indent, a repeated key).
    Yaml,
    /// A report that is not UTF-8.
    Encoding,
    /// A size limit exceeded (file, paragraph, table, pages).
    Limit,
    /// An unknown or missing key.
    Key,
    /// A value of the wrong kind or outside its choices.
    Type,
    /// A control character or noncharacter in text.
    Text,
    /// `SOURCE_DATE_EPOCH` that is not a time in range.
    Date,
    /// Headings nested too deep.
    Structure,
    /// Unmatched emphasis markup.
    Markup,
    /// A table grid that does not close, or a bad column width.
    Table,
    /// A problem with a form's shape (name, keys of the other format, row lengths).
    Form,
    /// Table B's column rule fails (一 + 二 = 三（七）总计 + 四).
    B1,
    /// A given 总计 in table B differs from the sum.
    B2,
    /// A negative or non-whole figure in table B.
    B4,
    /// A given 总计 in table C differs from the sum.
    C1,
    /// A form section missing.
    S1,
    /// 2019 table A: previous ± change ≠ decisions.
    A1,
    /// Carried-in figures differ from last year's report, or it cannot be read.
    X1,
    /// A count in the overview text differs from table B.
    X2,
    /// A layout value that cannot be used (margins, colours).
    Layout,
    /// A 版头 value (份号, 密级, 紧急程度).
    Head,
    /// A 发文字号 not of the form 代字〔YYYY〕N号.
    Number,
    /// A seal that is missing, unreadable or does not match the issuers.
    Seal,
    /// A 版记 missing a part.
    Distribution,
    /// No font for a role or a character.
    Font,
    /// PDF/A or PDF/UA validation failed.
    Pdfa,
    /// The PDF could not be written.
    Pdf,
    /// The DOCX could not be assembled.
    Docx,
    /// A file or folder that cannot be read, or an output that cannot be written.
    Io,
    /// Two inputs whose outputs would have the same names.
    Output,
    /// A batch that lists no report, or a bad `formats` or glob.
    Batch,
    /// A bug: rendering one report panicked. Keep it the last variant ([`Rule::ALL`]).
    Internal,
}

impl Rule {
    /// Every rule, in declaration order (the order of `docs/format.md` §6).
    pub const ALL: [Rule; Rule::Internal as usize + 1] = [
        Rule::Yaml,
        Rule::Encoding,
        Rule::Limit,
        Rule::Key,
        Rule::Type,
        Rule::Text,
        Rule::Date,
        Rule::Structure,
        Rule::Markup,
        Rule::Table,
        Rule::Form,
        Rule::B1,
        Rule::B2,
        Rule::B4,
        Rule::C1,
        Rule::S1,
        Rule::A1,
        Rule::X1,
        Rule::X2,
        Rule::Layout,
        Rule::Head,
        Rule::Number,
        Rule::Seal,
        Rule::Distribution,
        Rule::Font,
        Rule::Pdfa,
        Rule::Pdf,
        Rule::Docx,
        Rule::Io,
        Rule::Output,
        Rule::Batch,
        Rule::Internal,
    ];

    /// The id printed in brackets: `yaml`, `B1`, ….
    pub fn id(self) -> &'static str {
        match self {
            Rule::Yaml => "yaml",
            Rule::Encoding => "encoding",
            Rule::Limit => "limit",
            Rule::Key => "key",
            Rule::Type => "type",
            Rule::Text => "text",
            Rule::Date => "date",
            Rule::Structure => "structure",
            Rule::Markup => "markup",
            Rule::Table => "table",
            Rule::Form => "form",
            Rule::B1 => "B1",
            Rule::B2 => "B2",
            Rule::B4 => "B4",
            Rule::C1 => "C1",
            Rule::S1 => "S1",
            Rule::A1 => "A1",
            Rule::X1 => "X1",
            Rule::X2 => "X2",
            Rule::Layout => "layout",
            Rule::Head => "head",
            Rule::Number => "number",
            Rule::Seal => "seal",
            Rule::Distribution => "distribution",
            Rule::Font => "font",
            Rule::Pdfa => "pdfa",
            Rule::Pdf => "pdf",
            Rule::Docx => "docx",
            Rule::Io => "io",
            Rule::Output => "output",
            Rule::Batch => "batch",
            Rule::Internal => "internal",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_rule_in_declaration_order() {
        // `Internal` is the last variant, so a rule added anywhere either lengthens `ALL` (and
        // must be written into it to compile) or is caught here.
        for (i, r) in Rule::ALL.iter().enumerate() {
            assert_eq!(*r as usize, i, "{r}");
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), Rule::ALL.len());
    }
}
