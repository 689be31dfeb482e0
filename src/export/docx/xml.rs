//! A minimal XML writer for WordprocessingML parts: start tags with attributes, empty elements,
//! end tags and escaped text, appended to one string. It checks nothing about the schema; the
//! typed property structs in [`super::props`] decide which elements are written, and in what
//! order.

use std::fmt::{self, Write};

/// An attribute value: text (escaped) or a number (written as it is).
#[derive(Clone, Copy, Debug)]
pub enum Val<'a> {
    /// Text, escaped for an attribute.
    Str(&'a str),
    /// A signed integer.
    Int(i64),
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(s: &'a str) -> Val<'a> {
        Val::Str(s)
    }
}

impl<'a> From<&'a String> for Val<'a> {
    fn from(s: &'a String) -> Val<'a> {
        Val::Str(s)
    }
}

macro_rules! int_val {
    ($($t:ty),*) => {$(
        impl From<$t> for Val<'_> {
            fn from(v: $t) -> Self {
                Val::Int(v as i64)
            }
        }
    )*};
}
int_val!(i32, u32, i64, usize, u8, u16);

/// The XML text of one part, built front to back.
#[derive(Default)]
pub struct Xml {
    buf: String,
}

impl Xml {
    /// An empty document with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Xml {
        Xml {
            buf: String::with_capacity(capacity),
        }
    }

    /// A part: the XML declaration (UTF-8, standalone), ready for the root element.
    pub fn part(capacity: usize) -> Xml {
        let mut x = Xml::with_capacity(capacity);
        x.buf
            .push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
        x
    }

    fn attrs(&mut self, attrs: &[(&str, Val)]) {
        for (k, v) in attrs {
            self.buf.push(' ');
            self.buf.push_str(k);
            self.buf.push_str("=\"");
            match v {
                Val::Str(s) => escape(&mut self.buf, s, true),
                Val::Int(n) => {
                    let _ = write!(self.buf, "{n}");
                }
            }
            self.buf.push('"');
        }
    }

    /// `<name a="v"…>`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, Val)]) {
        self.buf.push('<');
        self.buf.push_str(name);
        self.attrs(attrs);
        self.buf.push('>');
    }

    /// `<name a="v"…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, Val)]) {
        self.buf.push('<');
        self.buf.push_str(name);
        self.attrs(attrs);
        self.buf.push_str("/>");
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
    }

    /// Character data, escaped.
    pub fn text(&mut self, text: &str) {
        escape(&mut self.buf, text, false);
    }

    /// `<name>text</name>`, or `<name/>` when the text is empty.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, Val)], text: &str) {
        if text.is_empty() {
            self.empty(name, attrs);
        } else {
            self.open(name, attrs);
            self.text(text);
            self.close(name);
        }
    }

    /// Markup made elsewhere (another `Xml`), appended as it is.
    pub fn raw(&mut self, xml: &str) {
        self.buf.push_str(xml);
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// The markup written so far.
    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// The finished part.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf.into_bytes()
    }
}

impl fmt::Debug for Xml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.buf)
    }
}

/// Appends `s` escaped by quick-xml (`&`, `<`, `>`, and quotes in attributes). Characters XML
/// 1.0 cannot hold (C0 controls other than tab, newline and carriage return) are dropped first:
/// the model rejects them in text, and a stray one must not make the package unreadable.
fn escape(out: &mut String, s: &str, attr: bool) {
    let cleaned;
    let s = if s.chars().any(is_banned) {
        cleaned = s.chars().filter(|&c| !is_banned(c)).collect::<String>();
        cleaned.as_str()
    } else {
        s
    };
    if attr {
        out.push_str(&quick_xml::escape::escape(s));
    } else {
        out.push_str(&quick_xml::escape::partial_escape(s));
    }
}

fn is_banned(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_elements_attributes_and_escaped_text() {
        let mut x = Xml::default();
        x.open("w:p", &[("a", "1 < 2 & \"q\"".into())]);
        x.empty("w:b", &[("w:val", (-5i32).into())]);
        x.text("a<b>&c\u{1}");
        x.leaf("dc:title", &[], "");
        x.close("w:p");
        assert_eq!(
            x.as_str(),
            r#"<w:p a="1 &lt; 2 &amp; &quot;q&quot;"><w:b w:val="-5"/>a&lt;b&gt;&amp;c<dc:title/></w:p>"#
        );
    }
}
