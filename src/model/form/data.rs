//! Reading a form's data: text sections as blocks, tables as numbers with their positions.
//! Keys are checked against the report's format; a key of the other format says so.

use crate::diag::{nearest, Diagnostic, Rule, Span};
use crate::limits::Limits;
use crate::model::parse;
use crate::model::report::{Block, Signature};
use crate::yaml::{Fields, Node, Reader, Value};

use super::wrong_format;

/// The national format a form report follows (its `form:` value).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// 《政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号.
    Y2019,
    /// 《政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号.
    Y2021,
}

impl Format {
    /// The `form:` value that names the format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Y2019 => "gov-info-annual-2019",
            Format::Y2021 => "gov-info-annual-2021",
        }
    }

    /// The other format (for "this key belongs to the other format" hints).
    pub fn other(self) -> Format {
        match self {
            Format::Y2019 => Format::Y2021,
            Format::Y2021 => Format::Y2019,
        }
    }

    /// The format `s` names, `None` for an unknown name.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "gov-info-annual-2019" => Some(Format::Y2019),
            "gov-info-annual-2021" => Some(Format::Y2021),
            _ => None,
        }
    }
}

/// A number as written, with its position.
#[derive(Clone, Debug)]
pub struct Num {
    pub value: f64,
    pub text: String,
    pub span: Span,
}

impl Num {
    pub fn int(&self) -> i64 {
        self.value.round() as i64
    }
}

/// One row of table A: its key and named fields (2021 single figures use the field `value`).
#[derive(Clone, Debug)]
pub struct ActiveRow {
    pub key: &'static str,
    pub fields: Vec<(&'static str, Option<Num>)>,
}

impl ActiveRow {
    pub fn get(&self, field: &str) -> Option<&Num> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, n)| n.as_ref())
    }
}

/// A row of table B: the six applicant columns and an optional supplied 总计.
#[derive(Clone, Debug)]
pub struct BRow {
    pub values: [i64; 6],
    pub total: Option<Num>,
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Applications {
    /// Rows by key path (`new`, `results.withheld.state-secret`, `results.total`, …).
    pub rows: Vec<(String, BRow)>,
    pub span: Option<Span>,
}

impl Applications {
    pub fn row(&self, path: &str) -> Option<&BRow> {
        self.rows.iter().find(|(k, _)| k == path).map(|(_, r)| r)
    }

    /// The six values of a row; a row left out is all zeros.
    pub fn values(&self, path: &str) -> [i64; 6] {
        self.row(path).map(|r| r.values).unwrap_or([0; 6])
    }

    pub fn column_total(&self, path: &str) -> i64 {
        self.values(path).iter().sum()
    }

    /// （七）总计 per applicant column: the sum of every result row.
    pub fn results_total(&self) -> [i64; 6] {
        let mut t = [0; 6];
        for (k, r) in &self.rows {
            if k.starts_with("results.") && k != "results.total" {
                for (i, v) in r.values.iter().enumerate() {
                    t[i] += v;
                }
            }
        }
        t
    }
}

/// Table C: three groups of [结果维持, 结果纠正, 其他结果, 尚未审结] and optional supplied totals.
#[derive(Clone, Debug, Default)]
pub struct ReviewLitigation {
    pub groups: [[i64; 4]; 3],
    pub totals: [Option<Num>; 3],
    pub spans: [Option<Span>; 3],
}

impl ReviewLitigation {
    pub fn total(&self, g: usize) -> i64 {
        self.groups[g].iter().sum()
    }
}

/// Everything a form report says.
#[derive(Clone, Debug)]
pub struct FormData {
    pub format: Format,
    pub organ: String,
    pub organ_span: Option<Span>,
    pub year: i64,
    pub preamble: Vec<Block>,
    pub overview: Option<Vec<Block>>,
    pub active: Option<Vec<ActiveRow>>,
    pub applications: Option<Applications>,
    pub review: Option<ReviewLitigation>,
    pub problems: Option<Vec<Block>>,
    pub other: Option<Vec<Block>>,
    pub signature: Option<Signature>,
    pub previous_report: Option<(String, Span)>,
    pub layout: Option<String>,
    pub layout_span: Option<Span>,
    pub recipient: Option<String>,
    pub recipient_span: Option<Span>,
    /// 版头, 附注, 版记 (report-format §2a).
    pub official: crate::model::Official,
    /// Position of the `form:` key, for whole-report diagnostics (S1).
    pub span: Span,
}

/// Keys of a form report besides its six sections ([`super::SECTION_KEYS`]).
pub const OTHER_KEYS: &[&str] = &[
    "form",
    "organ",
    "year",
    "preamble",
    "signature",
    "previous-report",
    "layout",
    "recipient",
    "head",
    "notes",
    "distribution",
    "format",
    "attendance",
];

pub const APPLICANTS: [&str; 6] = [
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];

pub fn read(r: &mut Reader, root: &Node, limits: &Limits) -> Option<FormData> {
    let keys: Vec<&'static str> = OTHER_KEYS
        .iter()
        .chain(super::SECTION_KEYS.iter())
        .copied()
        .collect();
    let f = r.map(root, "the report", &keys)?;
    let form_node = f.get("form")?;
    let name = r.string(form_node, "`form`")?;
    let Some(format) = Format::parse(&name) else {
        let mut d = Diagnostic::error(Some(r.span(form_node)), format!("unknown form `{name}`"))
            .with_rule(Rule::Form);
        d = match nearest(&name, ["gov-info-annual-2021", "gov-info-annual-2019"]) {
            Some(s) => d.with_hint(format!("did you mean `{s}`?")),
            None => d.with_hint("forms: gov-info-annual-2021, gov-info-annual-2019"),
        };
        r.push(d);
        return None;
    };
    let span = r.span(f.key("form")?);
    let organ = match f.get("organ") {
        Some(n) => {
            let organ = r.string(n, "`organ`").unwrap_or_default();
            if organ.trim().is_empty() && matches!(n.value, Value::Str(_)) {
                r.push(
                    Diagnostic::error(
                        Some(r.span(n)),
                        "`organ` is empty: the title names the issuing organ",
                    )
                    .with_rule(Rule::Form)
                    .with_hint("write the organ's full name, e.g. organ: 青山市自然资源和规划局"),
                );
            }
            organ.trim().to_string()
        }
        None => {
            r.push(
                Diagnostic::error(
                    Some(span.clone()),
                    "a form report needs `organ` (the issuing organ)",
                )
                .with_rule(Rule::Key),
            );
            String::new()
        }
    };
    let year = match f.get("year") {
        Some(n) => match n.value {
            Value::Int(y) if (1990..=2200).contains(&y) => y,
            _ => {
                r.expected(n, "`year`", "a year such as 2020");
                0
            }
        },
        None => {
            r.push(
                Diagnostic::error(Some(span.clone()), "a form report needs `year`")
                    .with_rule(Rule::Key),
            );
            0
        }
    };
    let text = |r: &mut Reader, key: &str| -> Option<Vec<Block>> {
        let n = f.get(key)?;
        let mut out = Vec::new();
        parse::blocks(r, n, 2, limits, &mut out);
        Some(out)
    };
    let preamble = text(r, "preamble").unwrap_or_default();
    let overview = text(r, "overview");
    let problems = text(r, "problems");
    let other = text(r, "other");
    let active = f
        .get("active-disclosure")
        .and_then(|n| active(r, n, format));
    let applications = f
        .get("applications")
        .and_then(|n| applications(r, n, format));
    let review = f.get("review-litigation").and_then(|n| review(r, n));
    let signature = f.get("signature").and_then(|n| parse::signature(r, n));
    let previous_report = f
        .get("previous-report")
        .and_then(|n| r.string(n, "`previous-report`").map(|s| (s, r.span(n))));
    let layout = f.get("layout").and_then(|n| r.string(n, "`layout`"));
    let layout_span = f.get("layout").map(|n| r.span(n));
    let recipient = f.get("recipient").and_then(|n| r.string(n, "`recipient`"));
    let recipient_span = f.get("recipient").map(|n| r.span(n));
    let organ_span = f.get("organ").map(|n| r.span(n));
    let official = crate::model::official::official(r, &f);
    Some(FormData {
        format,
        organ,
        organ_span,
        year,
        preamble,
        overview,
        active,
        applications,
        review,
        problems,
        other,
        signature,
        previous_report,
        layout,
        layout_span,
        recipient,
        recipient_span,
        official,
        span,
    })
}

/// Opens a map checking keys against this format's and the other format's keys.
fn form_map<'n>(
    r: &mut Reader,
    n: &'n Node,
    what: &str,
    known: &[&'static str],
    other: &[&'static str],
    format: Format,
) -> Option<Fields<'n>> {
    let Some(entries) = n.as_map() else {
        r.expected(n, what, "a map of keys");
        return None;
    };
    let mut all: Vec<&'static str> = known.to_vec();
    all.extend(other.iter().filter(|k| !known.contains(k)));
    for (k, _) in entries {
        if let Some(key) = k.as_str() {
            if !known.contains(&key) && other.contains(&key) {
                wrong_format(r, k, key, format);
            }
        }
    }
    // Keys of neither format get the usual error with the nearest key.
    let fields = r.map(n, what, &all)?;
    Some(fields)
}

const A_2019: &[(&str, &[&str])] = &[
    ("regulations", &["new-made", "new-published", "total"]),
    (
        "normative-documents",
        &["new-made", "new-published", "total"],
    ),
    ("licensing", &["previous", "change", "decisions"]),
    ("other-services", &["previous", "change", "decisions"]),
    ("penalties", &["previous", "change", "decisions"]),
    ("enforcement", &["previous", "change", "decisions"]),
    ("fees", &["previous", "change"]),
    ("procurement", &["projects", "amount"]),
];

const A_2021: &[(&str, &[&str])] = &[
    ("regulations", &["issued", "repealed", "in-force"]),
    ("normative-documents", &["issued", "repealed", "in-force"]),
    ("licensing", &[]),
    ("penalties", &[]),
    ("enforcement", &[]),
    ("fees", &[]),
];

fn active(r: &mut Reader, n: &Node, format: Format) -> Option<Vec<ActiveRow>> {
    let (spec, other) = match format {
        Format::Y2019 => (A_2019, A_2021),
        Format::Y2021 => (A_2021, A_2019),
    };
    let keys: Vec<&'static str> = spec.iter().map(|(k, _)| *k).collect();
    let other_keys: Vec<&'static str> = other.iter().map(|(k, _)| *k).collect();
    let f = form_map(r, n, "`active-disclosure`", &keys, &other_keys, format)?;
    let mut rows = Vec::new();
    for (key, fields) in spec {
        let Some(v) = f.get(key) else {
            rows.push(ActiveRow {
                key,
                fields: fields.iter().map(|f| (*f, None)).collect(),
            });
            continue;
        };
        if fields.is_empty() {
            // 2021: one figure.
            let num = number(r, v, key, key == &"fees", false);
            rows.push(ActiveRow {
                key,
                fields: vec![("value", num)],
            });
            continue;
        }
        let other_fields: Vec<&'static str> = other
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, f)| f.to_vec())
            .unwrap_or_default();
        let what = format!("`{key}`");
        let Some(m) = form_map(r, v, &what, fields, &other_fields, format) else {
            // Diagnosed (a blank row, a number or a list where a map belongs): the row stays
            // in the table, empty, so the table builder always finds every row.
            rows.push(ActiveRow {
                key,
                fields: fields.iter().map(|f| (*f, None)).collect(),
            });
            continue;
        };
        let mut out = Vec::new();
        for field in *fields {
            let money = matches!(*key, "fees") || *field == "amount";
            let signed = *field == "change";
            out.push((
                *field,
                m.get(field)
                    .and_then(|x| number(r, x, field, money, signed)),
            ));
        }
        rows.push(ActiveRow { key, fields: out });
    }
    Some(rows)
}

/// A figure: counts must be whole and non-negative (B4); money may have decimals; a change may
/// be negative.
fn number(r: &mut Reader, n: &Node, what: &str, money: bool, signed: bool) -> Option<Num> {
    let Some(v) = n.as_f64() else {
        r.expected(n, &format!("`{what}`"), "a number");
        return None;
    };
    let text = n.scalar_text(r.text).unwrap_or_else(|| v.to_string());
    if !v.is_finite() || (!signed && v < 0.0) || (!money && v.fract() != 0.0) {
        r.push(
            Diagnostic::error(
                Some(r.span(n)),
                format!(
                    "`{what}` must be a {} number, found {text}",
                    if money {
                        "non-negative"
                    } else {
                        "whole, non-negative"
                    }
                ),
            )
            .with_rule(Rule::B4),
        );
        return None;
    }
    if v.abs() > MAX_FIGURE {
        r.push(
            Diagnostic::error(
                Some(r.span(n)),
                format!(
                    "`{what}` is {text}, more than the largest figure a form takes ({})",
                    MAX_FIGURE as i64
                ),
            )
            .with_rule(Rule::Limit)
            .with_hint(
                "a count or a 万元 amount is at most 1000000000; check the figure for a typo",
            ),
        );
        return None;
    }
    // Printed as written when that is plain decimal; `1e3` or `0x10` print as 1000 and 16.
    let plain = text.trim_start_matches(['-', '+']).split_once('.').map_or(
        text.trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit()),
        |(a, b)| a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit()),
    ) && !text.trim_start_matches(['-', '+']).is_empty();
    let text = if plain { text } else { format!("{v}") };
    Some(Num {
        value: v,
        text,
        span: r.span(n),
    })
}

/// The largest count or 万元 amount in a form (README, limits): well past any real organ, and
/// small enough that no sum of a table's figures can overflow.
pub const MAX_FIGURE: f64 = 1e9;

const WITHHELD: [&str; 8] = [
    "state-secret",
    "prohibited-by-law",
    "security-stability",
    "third-party-rights",
    "internal-affairs",
    "process-information",
    "enforcement-files",
    "query-matters",
];
const UNAVAILABLE: [&str; 3] = ["not-held", "needs-creation", "still-unclear"];
const NOT_PROCESSED: [&str; 5] = [
    "petitions",
    "repeated",
    "publications",
    "excessive",
    "confirmation",
];
const OTHER_2021: [&str; 3] = ["no-correction", "unpaid-fees", "others"];

/// Row key paths of table B's result rows, in table order.
pub fn result_paths(format: Format) -> Vec<String> {
    let mut out = vec![
        "results.disclosed".to_string(),
        "results.partly-disclosed".to_string(),
    ];
    out.extend(WITHHELD.iter().map(|k| format!("results.withheld.{k}")));
    out.extend(
        UNAVAILABLE
            .iter()
            .map(|k| format!("results.unavailable.{k}")),
    );
    out.extend(
        NOT_PROCESSED
            .iter()
            .map(|k| format!("results.not-processed.{k}")),
    );
    match format {
        Format::Y2019 => out.push("results.other".into()),
        Format::Y2021 => out.extend(OTHER_2021.iter().map(|k| format!("results.other.{k}"))),
    }
    out
}

fn applications(r: &mut Reader, n: &Node, format: Format) -> Option<Applications> {
    let f = r.map(
        n,
        "`applications`",
        &["new", "carried-in", "results", "carried-over"],
    )?;
    let mut a = Applications {
        rows: Vec::new(),
        span: Some(r.span(n)),
    };
    for key in ["new", "carried-in", "carried-over"] {
        if let Some(v) = f.get(key) {
            if let Some(row) = b_row(r, v, key) {
                a.rows.push((key.to_string(), row));
            }
        }
    }
    if let Some(res) = f.get("results") {
        let rf = r.map(
            res,
            "`results`",
            &[
                "disclosed",
                "partly-disclosed",
                "withheld",
                "unavailable",
                "not-processed",
                "other",
                "total",
            ],
        )?;
        for key in ["disclosed", "partly-disclosed", "total"] {
            if let Some(v) = rf.get(key) {
                if let Some(row) = b_row(r, v, key) {
                    a.rows.push((format!("results.{key}"), row));
                }
            }
        }
        for (group, keys) in [
            ("withheld", &WITHHELD[..]),
            ("unavailable", &UNAVAILABLE[..]),
            ("not-processed", &NOT_PROCESSED[..]),
        ] {
            if let Some(g) = rf.get(group) {
                if let Some(gf) = r.map(g, &format!("`{group}`"), keys) {
                    for k in keys {
                        if let Some(v) = gf.get(k) {
                            if let Some(row) = b_row(r, v, k) {
                                a.rows.push((format!("results.{group}.{k}"), row));
                            }
                        }
                    }
                }
            }
        }
        if let Some(o) = rf.get("other") {
            match (format, &o.value) {
                (Format::Y2019, Value::Seq(_)) => {
                    if let Some(row) = b_row(r, o, "other") {
                        a.rows.push(("results.other".into(), row));
                    }
                }
                (Format::Y2021, Value::Map(_)) => {
                    if let Some(of) = r.map(o, "`other`", &OTHER_2021) {
                        for k in OTHER_2021 {
                            if let Some(v) = of.get(k) {
                                if let Some(row) = b_row(r, v, k) {
                                    a.rows.push((format!("results.other.{k}"), row));
                                }
                            }
                        }
                    }
                }
                (Format::Y2019, Value::Map(_)) => {
                    let key = rf.key("other").unwrap_or(o);
                    let d = Diagnostic::error(
                        Some(r.span(key)),
                        "in the gov-info-annual-2019 format （六）其他处理 is one row: a list of six numbers; the three sub-rows belong to the gov-info-annual-2021 format",
                    )
                    .with_rule(Rule::Form);
                    r.push(d);
                }
                (Format::Y2021, Value::Seq(_)) => {
                    let key = rf.key("other").unwrap_or(o);
                    let d = Diagnostic::error(
                        Some(r.span(key)),
                        "in the gov-info-annual-2021 format （六）其他处理 has three rows: `no-correction`, `unpaid-fees`, `others`; a single row belongs to the gov-info-annual-2019 format",
                    )
                    .with_rule(Rule::Form);
                    r.push(d);
                }
                _ => r.expected(
                    o,
                    "`other`",
                    "a list of six numbers (2019) or a map of three rows (2021)",
                ),
            }
        }
    }
    Some(a)
}

fn b_row(r: &mut Reader, n: &Node, key: &str) -> Option<BRow> {
    let Some(items) = n.as_seq() else {
        r.expected(
            n,
            &format!("`{key}`"),
            "a list of six numbers (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他)",
        );
        return None;
    };
    if items.len() != 6 && items.len() != 7 {
        r.push(
            Diagnostic::error(
                Some(r.span(n)),
                format!(
                    "`{key}` lists {} numbers; a row has the six applicant columns ({}) and optionally 总计",
                    items.len(),
                    APPLICANTS.join("、")
                ),
            )
            .with_rule(Rule::Form),
        );
        return None;
    }
    let mut values = [0; 6];
    let mut ok = true;
    for (i, item) in items.iter().take(6).enumerate() {
        match number(
            r,
            item,
            &format!("{key}「{}」", APPLICANTS[i]),
            false,
            false,
        ) {
            Some(v) => values[i] = v.int(),
            None => ok = false,
        }
    }
    let total = items
        .get(6)
        .and_then(|t| number(r, t, &format!("{key}「总计」"), false, false));
    ok.then(|| BRow {
        values,
        total,
        span: r.span(n),
    })
}

fn review(r: &mut Reader, n: &Node) -> Option<ReviewLitigation> {
    let keys = ["review", "direct-suit", "suit-after-review"];
    let f = r.map(n, "`review-litigation`", &keys)?;
    let mut c = ReviewLitigation::default();
    const COLS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    for (g, key) in keys.iter().enumerate() {
        let Some(v) = f.get(key) else { continue };
        let Some(items) = v.as_seq() else {
            r.expected(
                v,
                &format!("`{key}`"),
                "a list of four numbers (结果维持, 结果纠正, 其他结果, 尚未审结)",
            );
            continue;
        };
        if items.len() != 4 && items.len() != 5 {
            r.push(
                Diagnostic::error(
                    Some(r.span(v)),
                    format!("`{key}` lists {} numbers; a group has 结果维持, 结果纠正, 其他结果, 尚未审结 and optionally 总计", items.len()),
                )
                .with_rule(Rule::Form),
            );
            continue;
        }
        for (i, item) in items.iter().enumerate() {
            if let Some(num) = number(r, item, &format!("{key}「{}」", COLS[i]), false, false) {
                if i < 4 {
                    c.groups[g][i] = num.int();
                } else {
                    c.totals[g] = Some(num);
                }
            }
        }
        c.spans[g] = Some(r.span(v));
    }
    Some(c)
}
