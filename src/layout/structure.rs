//! The logical structure of a laid-out document, for tagged PDF (ISO 14289-1 PDF/UA-1,
//! ISO 19005-2 PDF/A-2a): a tree of structure elements in reading order, and the marks in
//! the page items that say which element the content drawn after them belongs to.
//!
//! Invariant: an element holds either child elements or content (never both), so the reading
//! order of an element's content is the order it was drawn in, and the order of its children
//! is the order they were opened in.

/// Index of an element in [`Structure::nodes`]; 0 is the document root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NodeId(pub u32);

/// The kind of a structure element, as the PDF structure types name them.
#[derive(Clone, Debug, PartialEq)]
pub enum StructKind {
    /// The root (`Document`).
    Document,
    /// A part with its own heading: an attachment (`Sect`).
    Section,
    /// A heading of `level` 1–6 (`H1`…`H6`) and its text. The document title is level 1,
    /// the body's headings 2–5 by depth.
    Heading {
        /// 1–6.
        level: u8,
        /// The heading's text, with its number.
        text: String,
    },
    /// A paragraph (`P`): body text, 主送, 附件说明, 落款, a table note.
    Paragraph,
    /// A table (`Table`) of rows.
    Table,
    /// A table's title (`Caption`).
    Caption,
    /// A row (`TR`) of cells.
    Row,
    /// A cell: `header` cells (`TH`, scope column) are those of the header rows; the others
    /// are `TD`. Spans are in grid slots (≥ 1).
    Cell {
        /// A cell of the header rows (`TH`).
        header: bool,
        /// Rows the cell spans.
        rowspan: u32,
        /// Columns the cell spans.
        colspan: u32,
    },
}

/// One element: its kind and its child elements in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct StructNode {
    /// What the element is.
    pub kind: StructKind,
    /// Its child elements, in reading order (empty for an element holding content).
    pub children: Vec<NodeId>,
}

/// The structure tree of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Structure {
    /// Every element; index 0 is the root, a parent comes before its children.
    pub nodes: Vec<StructNode>,
}

impl Default for Structure {
    fn default() -> Structure {
        Structure {
            nodes: vec![StructNode {
                kind: StructKind::Document,
                children: Vec::new(),
            }],
        }
    }
}

impl Structure {
    /// The document root.
    pub const ROOT: NodeId = NodeId(0);

    /// Adds an element of `kind` as the last child of `parent`.
    pub fn add(&mut self, parent: NodeId, kind: StructKind) -> NodeId {
        let id = NodeId(self.nodes.len() as u32);
        self.nodes.push(StructNode {
            kind,
            children: Vec::new(),
        });
        self.nodes[parent.0 as usize].children.push(id);
        id
    }

    /// The element `id`.
    pub fn node(&self, id: NodeId) -> &StructNode {
        &self.nodes[id.0 as usize]
    }
}

/// Content that is not part of the document's logical structure (PDF 14.8.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArtifactKind {
    /// The page number (`— N —`).
    PageNumber,
    /// A table's header rows repeated on a later page: a screen reader meets them once.
    RepeatedHeader,
    /// Rules and borders.
    Layout,
}

/// What the page content after a [`super::Item::Tag`] belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// Content of the element.
    Node(NodeId),
    /// Not part of the structure.
    Artifact(ArtifactKind),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_children_in_the_order_they_are_added() {
        let mut s = Structure::default();
        let h = s.add(Structure::ROOT, StructKind::Paragraph);
        let t = s.add(Structure::ROOT, StructKind::Table);
        let r = s.add(t, StructKind::Row);
        assert_eq!(s.node(Structure::ROOT).children, [h, t]);
        assert_eq!(s.node(t).children, [r]);
        assert!(s.node(r).children.is_empty());
        assert_eq!(s.node(Structure::ROOT).kind, StructKind::Document);
    }
}
