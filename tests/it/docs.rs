//! `docs/format.md` documents every top-level key the parsers accept and every diagnostic rule
//! the code emits. The lists are the parsers' own, so a new key or rule without documentation
//! fails here.

use gongwen::diag::Rule;
use gongwen::model::form::{Format, OTHER_KEYS, SECTION_KEYS};
use gongwen::model::parse::{CELL_KEYS, REPORT_KEYS, TABLE_KEYS};
use gongwen::style::{Role, TOP_KEYS};

use super::util::root;

fn format_md() -> String {
    let path = root().join("docs/format.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The keys not written as `` `key` `` in `doc`.
fn undocumented<'a>(doc: &str, keys: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    keys.into_iter()
        .filter(|k| !doc.contains(&format!("`{k}`")))
        .collect()
}

fn assert_documented<'a>(what: &str, keys: impl IntoIterator<Item = &'a str>) {
    let missing = undocumented(&format_md(), keys);
    assert!(
        missing.is_empty(),
        "docs/format.md does not document these {what} (as `key`): {missing:?}"
    );
}

#[test]
fn the_check_finds_a_key_left_out() {
    assert_eq!(
        undocumented("| `title` | … `body` |", ["title", "body", "signature"]),
        ["signature"]
    );
}

#[test]
fn report_keys_are_documented() {
    assert_documented("report keys", REPORT_KEYS.iter().copied());
}

#[test]
fn table_and_cell_keys_are_documented() {
    assert_documented("table keys", TABLE_KEYS.iter().copied());
    assert_documented("cell keys", CELL_KEYS.iter().copied());
}

#[test]
fn form_keys_and_names_are_documented() {
    assert_documented("form keys", OTHER_KEYS.iter().copied());
    assert_documented("form section keys", SECTION_KEYS.iter().copied());
    assert_documented("form names", [Format::Y2019.name(), Format::Y2021.name()]);
}

#[test]
fn batch_keys_are_documented() {
    assert_documented("batch keys", gongwen::batch::BATCH_KEYS.iter().copied());
}

#[test]
fn layout_keys_and_font_roles_are_documented() {
    assert_documented("layout keys", TOP_KEYS.iter().copied());
    assert_documented("font roles", Role::ALL.iter().map(|r| r.key()));
}

#[test]
fn every_rule_id_has_a_row_in_the_rule_table() {
    let rules: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    let doc = format_md();
    let start = doc
        .find("## 6. Diagnostic rules")
        .expect("docs/format.md has a section 6. Diagnostic rules");
    let end = doc[start..].find("\n## ").map_or(doc.len(), |i| start + i);
    let table = &doc[start..end];
    let missing: Vec<&&str> = rules
        .iter()
        .filter(|r| !table.contains(&format!("| `{r}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "rule ids without a row in the rule table of docs/format.md: {missing:?}"
    );
    // And no row for a rule that no longer exists.
    let stale: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .filter(|id| !rules.contains(id))
        .collect();
    assert!(
        stale.is_empty(),
        "rows of the rule table of docs/format.md for no rule: {stale:?}"
    );
}
