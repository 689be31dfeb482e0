//! A small XML tree over quick-xml, for reading DOCX parts back in tests: parse, find
//! elements, serialise (indented, for reference files).

#![allow(dead_code)]

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn attr(mut self, k: &str, v: &str) -> Element {
        self.attrs.push((k.to_string(), v.to_string()));
        self
    }

    pub fn get_attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// The child `name`, created at `index` (clamped) when missing.
    pub fn ensure_child(&mut self, name: &str, index: usize) -> &mut Element {
        if self.child(name).is_none() {
            let i = index.min(self.children.len());
            self.children.insert(i, Node::Element(Element::new(name)));
        }
        self.child_mut(name).expect("just ensured")
    }

    /// Puts `child` last among the children, replacing any children of the same name.
    pub fn set_child(&mut self, child: Element) {
        self.children
            .retain(|c| !matches!(c, Node::Element(e) if e.name == child.name));
        self.children.push(Node::Element(child));
    }

    /// Every descendant element named `name`, depth first.
    pub fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.descendants(name, out);
        }
    }

    /// Applies `f` to every descendant element named `name`.
    pub fn for_each_mut(&mut self, name: &str, f: &mut dyn FnMut(&mut Element)) {
        for e in self.elements_mut() {
            if e.name == name {
                f(e);
            }
            e.for_each_mut(name, f);
        }
    }

    /// Sorts the element children by their position in `order` (unknown names keep their
    /// place at the end), as an OOXML schema sequence requires.
    pub fn sort_children(&mut self, order: &[&str]) {
        let rank = |n: &Node| match n {
            Node::Element(e) => order
                .iter()
                .position(|o| *o == e.name)
                .unwrap_or(order.len()),
            Node::Text(_) => order.len(),
        };
        self.children.sort_by_key(rank);
    }

    /// All text content.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => s.push_str(&e.text()),
            }
        }
        s
    }
}

/// Parses an XML document into its root element.
pub fn parse(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut stack: Vec<Element> = vec![Element::new("#document")];
    let mut buf = Vec::new();
    loop {
        match reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?
        {
            Event::Start(s) => stack.push(start(&s)?),
            Event::Empty(s) => {
                let e = start(&s)?;
                stack
                    .last_mut()
                    .expect("root")
                    .children
                    .push(Node::Element(e));
            }
            Event::End(_) => {
                let e = stack.pop().ok_or("unbalanced XML")?;
                stack
                    .last_mut()
                    .ok_or("unbalanced XML")?
                    .children
                    .push(Node::Element(e));
            }
            Event::Text(t) => {
                let s = t.decode().map_err(|e| e.to_string())?;
                let s = quick_xml::escape::unescape(&s)
                    .map_err(|e| e.to_string())?
                    .into_owned();
                if !s.is_empty() {
                    stack.last_mut().expect("root").children.push(Node::Text(s));
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let s = quick_xml::escape::unescape(&format!("&{name};"))
                    .map_err(|e| e.to_string())?
                    .into_owned();
                stack.last_mut().expect("root").children.push(Node::Text(s));
            }
            Event::CData(c) => {
                let s = String::from_utf8_lossy(&c).into_owned();
                stack.last_mut().expect("root").children.push(Node::Text(s));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut doc = stack.pop().ok_or("empty XML")?;
    if !stack.is_empty() {
        return Err("unclosed element".into());
    }
    // Merge adjacent text nodes (entity references split them).
    fn merge(e: &mut Element) {
        let mut out: Vec<Node> = Vec::with_capacity(e.children.len());
        for c in e.children.drain(..) {
            match (out.last_mut(), c) {
                (Some(Node::Text(a)), Node::Text(b)) => a.push_str(&b),
                (_, Node::Element(mut el)) => {
                    merge(&mut el);
                    out.push(Node::Element(el));
                }
                (_, t) => out.push(t),
            }
        }
        e.children = out;
    }
    merge(&mut doc);
    doc.children
        .into_iter()
        .find_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "no root element".into())
}

fn start(s: &BytesStart) -> Result<Element, String> {
    let mut e = Element::new(&String::from_utf8_lossy(s.name().as_ref()));
    for a in s.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let raw = String::from_utf8_lossy(&a.value);
        let v = quick_xml::escape::unescape(&raw)
            .map_err(|e| e.to_string())?
            .into_owned();
        e.attrs
            .push((String::from_utf8_lossy(a.key.as_ref()).into_owned(), v));
    }
    Ok(e)
}

/// Serialises with an XML declaration; `indent` for human-readable reference files.
pub fn write(root: &Element, indent: bool) -> Vec<u8> {
    let mut w = if indent {
        Writer::new_with_indent(Vec::new(), b' ', 2)
    } else {
        Writer::new(Vec::new())
    };
    let _ = w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )));
    write_el(&mut w, root);
    let mut out = w.into_inner();
    if indent {
        out.push(b'\n');
    }
    out
}

fn write_el(w: &mut Writer<Vec<u8>>, e: &Element) {
    let mut s = BytesStart::new(e.name.as_str());
    for (k, v) in &e.attrs {
        s.push_attribute((k.as_str(), v.as_str()));
    }
    if e.children.is_empty() {
        let _ = w.write_event(Event::Empty(s));
        return;
    }
    let _ = w.write_event(Event::Start(s));
    for c in &e.children {
        match c {
            Node::Element(el) => write_el(w, el),
            Node::Text(t) => {
                let _ = w.write_event(Event::Text(BytesText::new(t)));
            }
        }
    }
    let _ = w.write_event(Event::End(BytesEnd::new(e.name.as_str())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_text_attributes_and_entities() {
        let src = r#"<?xml version="1.0"?><w:p a="1 &amp; 2"><w:r><w:t xml:space="preserve">甲 &lt;乙&gt;</w:t></w:r><w:br/></w:p>"#;
        let e = parse(src.as_bytes()).unwrap();
        assert_eq!(e.get_attr("a"), Some("1 & 2"));
        assert_eq!(e.text(), "甲 <乙>");
        let again = parse(&write(&e, false)).unwrap();
        assert_eq!(again, e);
    }

    #[test]
    fn children_sort_by_schema_order() {
        let mut e = parse(b"<s><c/><a/><b/></s>").unwrap();
        e.sort_children(&["a", "b", "c"]);
        let names: Vec<&str> = e.elements().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }
}
