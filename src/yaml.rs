//! A YAML document as a tree of [`Node`]s, each carrying its line and column, parsed with
//! serde-saphyr. Reports, layouts and batch files are read from this tree by hand so that every
//! problem (a wrong type, an unknown key, a bad number) points at the exact value.

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::diag::{nearest, Diagnostic, Rule, SourceFile, Span};
use crate::limits::Limits;

/// A YAML value with its position (1-based line and column) and, for scalars, the raw source
/// text so numbers can be shown exactly as written (`562.648`, `1.50`).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value, with its children (each a node with its own position).
    pub value: Value,
    /// 1-based line of the value's first character.
    pub line: u32,
    /// 1-based column (in characters) of the value's first character.
    pub col: u32,
    /// The value's bytes in the source (after a byte-order mark), when the parser knows them
    /// (always, for text parsed by [`parse`]).
    pub range: Option<Range<u32>>,
    /// The file this node was written in, when that is not the document being read: values
    /// merged in from a batch's defaults keep pointing at the defaults.
    pub source: Option<Arc<SourceFile>>,
}

/// A YAML value. Scalars are typed by YAML 1.2's core schema with strict booleans (`NO` is a string).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits in 64 bits (a larger one is a `Float`).
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string (plain, quoted or block).
    Str(String),
    /// A list, in order.
    Seq(Vec<Node>),
    /// A map's entries in the order written; keys are unique (a repeated key is a parse error).
    Map(Vec<(Node, Node)>),
}

impl Node {
    fn at(value: Value, loc: Location) -> Node {
        Node {
            value,
            line: loc.line() as u32,
            col: loc.column() as u32,
            range: byte_range(loc),
            source: None,
        }
    }

    /// Marks this node and everything under it as written in `source`, except the nodes
    /// already marked (values an `extends` base took from its own base).
    pub fn set_source(&mut self, source: &Arc<SourceFile>) {
        if self.source.is_none() {
            self.source = Some(source.clone());
        }
        match &mut self.value {
            Value::Seq(items) => items.iter_mut().for_each(|n| n.set_source(source)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.set_source(source);
                v.set_source(source);
            }),
            _ => {}
        }
    }

    /// A short English name of this node's type, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is a map.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar as text: strings as they are, numbers as written in the source when the
    /// source is at hand, booleans as `true`/`false`. `None` for maps, lists and null.
    pub fn scalar_text(&self, source: &str) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(_) | Value::Float(_) => {
                Some(self.raw(source).unwrap_or_else(|| match self.value {
                    Value::Int(i) => i.to_string(),
                    Value::Float(f) => f.to_string(),
                    _ => unreachable!(),
                }))
            }
            _ => None,
        }
    }

    /// The raw text of a plain scalar in the source (its own, if it came from another file).
    fn raw(&self, source: &str) -> Option<String> {
        let source = self
            .source
            .as_ref()
            .and_then(|s| s.text())
            .unwrap_or(source);
        let rest = source.get(self.range.as_ref()?.start as usize..)?;
        let end = rest
            .find([',', ']', '}', '\n', '\r', '#'])
            .unwrap_or(rest.len());
        let raw = rest[..end].trim();
        // Only trust it if it still parses as the number we read.
        let ok = match self.value {
            Value::Int(i) => raw.replace('_', "").parse::<i64>().ok() == Some(i),
            Value::Float(f) => raw.parse::<f64>().ok() == Some(f),
            _ => false,
        };
        ok.then(|| raw.to_string())
    }

    /// The number this node holds, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => None,
        }
    }
}

/// The bytes a parser location covers, `None` when it has no byte offsets or they do not fit
/// in `u32` (inputs are limited far below that).
fn byte_range(loc: Location) -> Option<Range<u32>> {
    let span = loc.span();
    let start = u32::try_from(span.byte_offset()?).ok()?;
    let len = u32::try_from(span.byte_len().unwrap_or(0)).ok()?;
    Some(start..start.saturating_add(len))
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        let s = Spanned::<Value>::deserialize(d)?;
        Ok(Node::at(s.value, s.referenced))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v)
            .map(Value::Int)
            .unwrap_or(Value::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(n) = seq.next_element::<Node>()? {
            out.push(n);
        }
        Ok(Value::Seq(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out: Vec<(Node, Node)> = Vec::new();
        // A set, not a scan of `out`: a map of 300,000 keys was quadratic.
        let mut seen = std::collections::HashSet::new();
        while let Some((k, v)) = map.next_entry::<Node, Node>()? {
            if let Value::Str(key) = &k.value {
                if !seen.insert(key.clone()) {
                    return Err(de::Error::custom(format!(
                        "duplicate key `{key}` at line {} column {}",
                        k.line, k.col
                    )));
                }
            }
            out.push((k, v));
        }
        Ok(Value::Map(out))
    }
}

/// A parsed YAML file: the file (path and text, for spans) and its root node.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file, holding the text parsed (without a byte-order mark).
    pub file: Arc<SourceFile>,
    /// The document's value.
    pub root: Node,
}

impl Document {
    /// The text parsed.
    pub fn text(&self) -> &str {
        self.file.text().unwrap_or("")
    }
}

/// Parses the YAML text of the file `path`. Errors carry the file, line and column the parser
/// reports.
pub fn parse(path: &Path, text: &str, limits: &Limits) -> Result<Document, Diagnostic> {
    // A byte-order mark is harmless; strip it so columns on line 1 stay right.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.len() > limits.max_input_bytes {
        // Too large to hold for showing lines: the file is named, not quoted.
        return Err(Diagnostic::error(
            Some(Span::file_start(&SourceFile::unread(path))),
            format!(
                "the file is {} bytes, more than the limit of {} bytes",
                body.len(),
                limits.max_input_bytes
            ),
        )
        .with_rule(Rule::Limit));
    }
    let file = &SourceFile::new(path, body);
    if text.trim().is_empty() {
        return Err(
            Diagnostic::error(Some(Span::file_start(file)), "the file is empty")
                .with_rule(Rule::Yaml)
                .with_hint("a report needs at least a `title` and a `body`"),
        );
    }
    if let Some(col) = body.lines().next().and_then(|_| leading_tab(body)) {
        return Err(Diagnostic::error(
            Some(Span::at(file, col.0, col.1)),
            "a tab is used for indentation; YAML allows only spaces",
        )
        .with_rule(Rule::Yaml)
        .with_hint("replace the tab with spaces"));
    }
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits.max_nesting;
    budget.max_aliases = 1_000;
    budget.max_events = limits.max_yaml_events;
    budget.max_nodes = limits.max_yaml_events / 4;
    budget.max_reader_input_bytes = Some(limits.max_input_bytes);
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 100_000;
    match serde_saphyr::from_str_with_options::<Node>(body, options) {
        Ok(root) => Ok(Document {
            file: file.clone(),
            root,
        }),
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line() as u32, l.column() as u32))
                .unwrap_or((1, 1));
            let msg = e.without_snippet().to_string();
            let raw = clean_message(&msg);
            let msg = plain_message(&raw, limits);
            let mut d = Diagnostic::error(Some(Span::at(file, line.max(1), col.max(1))), msg)
                .with_rule(Rule::Yaml);
            if raw.contains("budget") || raw.contains("alias") {
                d = d.with_hint("anchors, aliases and nesting are limited to keep rendering safe");
            } else if raw.starts_with("multiple YAML documents") {
                d = d.with_hint(
                    "a report is one YAML document: remove the `---` line before this one",
                );
            }
            Err(d)
        }
    }
}

/// serde-saphyr messages end with " at line N column M"; the span already says that.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    let cut = first
        .find(" at line ")
        .map(|i| &first[..i])
        .unwrap_or(first);
    cut.trim_end_matches('.').to_string()
}

/// The parser's messages that speak of its own API or internals, in the user's terms.
fn plain_message(msg: &str, limits: &Limits) -> String {
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return format!("the key `{key}` appears twice in the same map");
    }
    if msg.starts_with("multiple YAML documents") {
        return "the file holds more than one YAML document".into();
    }
    if msg.starts_with("budget breached: Depth") {
        return format!(
            "nesting is deeper than the limit of {} levels",
            limits.max_nesting
        );
    }
    if msg.starts_with("alias replay limit exceeded") {
        return "aliases expand to more data than the limit allows (100000 replayed values)".into();
    }
    if msg.starts_with("recursion limit exceeded") {
        return format!(
            "nesting is deeper than the limit of {} levels",
            limits.max_nesting
        );
    }
    // `budget breached: AliasAnchorRatio { aliases: 999, anchors: 1 }` and its siblings.
    if let Some(rest) = msg.strip_prefix("budget breached: ") {
        let kind = rest.split([' ', '{']).next().unwrap_or(rest);
        let number = |field: &str| {
            rest.split(&format!("{field}: "))
                .nth(1)
                .and_then(|t| t.split([',', ' ', '}']).next())
                .map(str::to_string)
        };
        return match kind {
            "AliasAnchorRatio" => format!(
                "the file uses {} aliases (*name) for {} anchors (&name): too many repeats of too little, which is how YAML bombs are built",
                number("aliases").unwrap_or_else(|| "many".into()),
                number("anchors").unwrap_or_else(|| "few".into()),
            ),
            "Aliases" => "the file uses more than 1000 aliases (*name)".into(),
            "Anchors" => "the file defines too many anchors (&name)".into(),
            "Events" | "Nodes" => format!(
                "the file has more values than the limit of {}",
                limits.max_yaml_events
            ),
            "Documents" => "the file holds more than one YAML document".into(),
            _ => "the file is over the size limits for YAML".into(),
        };
    }
    msg.to_string()
}

/// The line and column of the first tab used as indentation, outside block scalars.
fn leading_tab(text: &str) -> Option<(u32, u32)> {
    for (i, line) in text.lines().enumerate() {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if let Some(pos) = indent.find('\t') {
            if line.trim().is_empty() {
                continue;
            }
            return Some((i as u32 + 1, pos as u32 + 1));
        }
    }
    None
}

/// Reading context: the file for spans and the diagnostics found so far.
pub struct Reader<'a> {
    /// The file nodes without a [`Node::source`] of their own were read from.
    pub file: Arc<SourceFile>,
    /// That file's text.
    pub text: &'a str,
    /// The diagnostics kept so far, in order (at most [`crate::diag::MAX_PER_RULE`] per rule).
    pub diags: Vec<Diagnostic>,
    /// Diagnostics left out by the per-rule cap, counted by severity and rule.
    dropped: Vec<(crate::diag::Severity, Option<Rule>, usize)>,
}

impl<'a> Reader<'a> {
    /// A reader of `doc`, with no diagnostics yet.
    pub fn new(doc: &'a Document) -> Reader<'a> {
        Reader {
            file: doc.file.clone(),
            text: doc.text(),
            diags: Vec::new(),
            dropped: Vec::new(),
        }
    }

    /// Every diagnostic kept, with one note per rule that went over the cap.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        let mut out = crate::diag::cap_per_rule(self.diags);
        for (severity, rule, n) in self.dropped {
            out.push(crate::diag::left_out_note(severity, rule, n));
        }
        crate::diag::merge_left_out_notes(out)
    }

    /// Keeps `d` unless its rule already has [`crate::diag::MAX_PER_RULE`] diagnostics of its
    /// severity: 50,000 copies of one mistake would take memory and flood the terminal.
    fn keep(&mut self, d: Diagnostic) {
        let same = |x: &Diagnostic| x.severity == d.severity && x.rule == d.rule;
        if self.diags.iter().filter(|x| same(x)).count() < crate::diag::MAX_PER_RULE {
            self.diags.push(d);
            return;
        }
        match self
            .dropped
            .iter_mut()
            .find(|(s, r, _)| *s == d.severity && *r == d.rule)
        {
            Some((_, _, n)) => *n += 1,
            None => self.dropped.push((d.severity, d.rule, 1)),
        }
    }

    /// Where `n` was written: its bytes in its own file (a defaults file, an `extends` base) or this reader's.
    pub fn span(&self, n: &Node) -> Span {
        let file = n.source.as_ref().unwrap_or(&self.file);
        match &n.range {
            Some(range) => Span::new(file, range.clone()),
            None => Span::at(file, n.line.max(1), n.col.max(1)),
        }
    }

    /// Records an error at `n`.
    pub fn error(&mut self, n: &Node, msg: impl Into<String>) {
        let d = Diagnostic::error(Some(self.span(n)), msg);
        self.keep(d);
    }

    /// Records a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.keep(d);
    }

    /// Reports a type mismatch: "`key` must be X, found Y".
    pub fn expected(&mut self, n: &Node, what: &str, expected: &str) {
        let d = Diagnostic::error(
            Some(self.span(n)),
            format!("{what} must be {expected}, found {}", n.kind()),
        )
        .with_rule(Rule::Type);
        self.keep(d);
    }

    /// Opens a map node, reporting unknown keys (with the nearest known key as hint).
    /// Returns `None` (after reporting) when the node is not a map.
    pub fn map<'n>(
        &mut self,
        n: &'n Node,
        what: &str,
        known: &[&'static str],
    ) -> Option<Fields<'n>> {
        let Some(entries) = n.as_map() else {
            self.expected(n, what, "a map of keys");
            return None;
        };
        for (k, _) in entries {
            match k.as_str() {
                Some(key) if known.contains(&key) => {}
                Some(key) => {
                    let mut d = Diagnostic::error(
                        Some(self.span(k)),
                        format!("unknown key `{key}` in {what}"),
                    )
                    .with_rule(Rule::Key);
                    d = match nearest(key, known.iter().copied()) {
                        Some(s) => d.with_hint(format!("did you mean `{s}`?")),
                        None => d.with_hint(format!("known keys: {}", known.join(", "))),
                    };
                    self.keep(d);
                }
                None => self.expected(k, &format!("a key in {what}"), "a string"),
            }
        }
        Some(Fields { entries, node: n })
    }

    /// A required or optional string.
    pub fn string(&mut self, n: &Node, what: &str) -> Option<String> {
        match &n.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => n.scalar_text(self.text),
            _ => {
                self.expected(n, what, "a string");
                None
            }
        }
    }
}

/// The entries of a map node, looked up by key.
pub struct Fields<'n> {
    /// The map's entries.
    pub entries: &'n [(Node, Node)],
    /// The map node itself (for errors about the whole map).
    pub node: &'n Node,
}

impl<'n> Fields<'n> {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }

    /// The key node itself, for errors about a key.
    pub fn key(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, _)| k)
    }
}

/// Merges `over` onto `base`: maps merge key by key, recursively; anything else (lists,
/// scalars) in `over` replaces what `base` has. Positions come from where each value was written.
pub fn merge(base: &Node, over: &Node) -> Node {
    match (&base.value, &over.value) {
        (Value::Map(b), Value::Map(o)) => {
            let mut out: Vec<(Node, Node)> = b.clone();
            for (k, v) in o {
                match out.iter_mut().find(|(bk, _)| bk.value == k.value) {
                    Some((_, bv)) => *bv = merge(bv, v),
                    None => out.push((k.clone(), v.clone())),
                }
            }
            Node {
                value: Value::Map(out),
                ..over.clone()
            }
        }
        _ => over.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Result<Document, Diagnostic> {
        parse(Path::new("t.yaml"), text, &Limits::default())
    }

    #[test]
    fn parser_errors_speak_the_users_terms() {
        let e = doc("title: a\ntitle: b\n").unwrap_err();
        assert_eq!(e.message, "the key `title` appears twice in the same map");
        assert_eq!(e.span.as_ref().map(|s| s.line_col()), Some((2, 1)));
        let e = doc("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.message, "the file holds more than one YAML document");
        assert!(e.hint.unwrap().contains("`---`"));
        let deep = format!("a: {}{}\n", "[".repeat(40), "]".repeat(40));
        let e = doc(&deep).unwrap_err();
        assert_eq!(e.message, "nesting is deeper than the limit of 32 levels");
    }

    #[test]
    fn nodes_carry_positions_and_raw_numbers() {
        let d = doc("a: 1\nb:\n  - 562.648\n  - NO\n").unwrap();
        let m = d.root.as_map().unwrap();
        assert_eq!(m[1].0.line, 2);
        let seq = m[1].1.as_seq().unwrap();
        assert_eq!((seq[0].line, seq[0].col), (3, 5));
        assert_eq!(seq[0].scalar_text(d.text()).unwrap(), "562.648");
        // strict booleans: NO stays text
        assert_eq!(seq[1].value, Value::Str("NO".into()));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = doc("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.span.is_some());
        let e = doc("a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.span.unwrap().line(), 2, "{}", e.message);
        let e = doc("a:\n\tb: 1\n").unwrap_err();
        assert_eq!(e.span.unwrap().line(), 2);
        assert!(doc("  \n").is_err());
    }

    #[test]
    fn byte_offsets_agree_with_lines_and_columns() {
        fn walk(n: &Node, f: &SourceFile, seen: &mut usize) {
            if let Some(o) = n.range.as_ref().map(|r| r.start) {
                *seen += 1;
                assert_eq!(f.line_col(o), (n.line, n.col), "{:?}", n.value);
            }
            match &n.value {
                Value::Seq(items) => items.iter().for_each(|i| walk(i, f, seen)),
                Value::Map(m) => m.iter().for_each(|(k, v)| {
                    walk(k, f, seen);
                    walk(v, f, seen);
                }),
                _ => {}
            }
        }
        let text = "\u{feff}a: 甲乙\nb:\n  - \"丙\"\n  - 'x'\n  - |\n    丁\n  - >-\n    戊\n    己\nc: {d: 1, e: [庚, 2.5]}\n\"f\": &x 3\ng: *x\n";
        let d = doc(text).unwrap();
        let mut seen = 0;
        walk(&d.root, &d.file, &mut seen);
        assert!(seen > 10, "{seen} nodes with offsets");
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let d = doc("\u{feff}a: 1\n").unwrap();
        assert!(d.root.as_map().is_some());
    }
}
