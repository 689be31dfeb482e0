//! The cross-checks of a form (report-format §3, standards §2.6). Errors: B1, B2, C1, S1
//! (B4 is checked while reading numbers). Warnings: A1, X1, X2. Each names the rule, the row
//! and column as the table prints them, the numbers involved and the YAML position.

use crate::world::World;

use crate::diag::{Diagnostic, Rule, Span};
use crate::limits::Limits;
use crate::model::report::Block;
use crate::yaml::{self, Reader};

use super::data::{FormData, Format, APPLICANTS};
use super::tables::{b_full_label, b_label};
use super::{SECTIONS, SECTION_KEYS};

pub fn run(r: &mut Reader, d: &FormData, world: &World) {
    sections(r, d);
    if let Some(a) = &d.applications {
        b_rules(r, d, a);
    }
    if let Some(c) = &d.review {
        let groups = [
            "行政复议",
            "行政诉讼 未经复议直接起诉",
            "行政诉讼 复议后起诉",
        ];
        for (g, group) in groups.iter().enumerate() {
            if let Some(t) = &c.totals[g] {
                if t.int() != c.total(g) {
                    let parts: Vec<String> = c.groups[g].iter().map(|v| v.to_string()).collect();
                    r.push(
                        Diagnostic::error(
                            Some(t.span.clone()),
                            format!(
                                "「{}」的总计写作 {}，但 结果维持+结果纠正+其他结果+尚未审结 = {} = {}",
                                group,
                                t.text,
                                parts.join("+"),
                                c.total(g)
                            ),
                        )
                        .with_rule(Rule::C1),
                    );
                }
            }
        }
    }
    if d.format == Format::Y2019 {
        a1(r, d);
    }
    x2(r, d);
    if let Some((file, span)) = &d.previous_report {
        x1(r, d, world, file, span);
    }
}

/// S1: every section 一–六 present (六 included: 无。 when there is nothing to report).
fn sections(r: &mut Reader, d: &FormData) {
    let present = [
        d.overview.is_some(),
        d.active.is_some(),
        d.applications.is_some(),
        d.review.is_some(),
        d.problems.is_some(),
        d.other.is_some(),
    ];
    for (i, ok) in present.iter().enumerate() {
        if !ok {
            let mut diag = Diagnostic::error(
                Some(d.span.clone()),
                format!(
                    "section {}{} is missing (key `{}`)",
                    crate::model::numbering::heading_number(1, i as u32 + 1),
                    SECTIONS[i],
                    SECTION_KEYS[i]
                ),
            )
            .with_rule(Rule::S1);
            if i == 5 {
                diag = diag.with_hint("write `other: [无。]` when there is nothing to report");
            }
            r.push(diag);
        }
    }
}

fn b_rules(r: &mut Reader, d: &FormData, a: &super::Applications) {
    let span = a.span.clone();
    // B2: a supplied 总计 equals the sum of the six applicant columns.
    for (key, row) in &a.rows {
        if key == "results.total" {
            continue;
        }
        if let Some(t) = &row.total {
            let sum: i64 = row.values.iter().sum();
            if t.int() != sum {
                r.push(
                    Diagnostic::error(
                        Some(t.span.clone()),
                        format!(
                            "「{}」「总计」写作 {}，但六类申请人之和为 {sum}",
                            b_full_label(key),
                            t.text
                        ),
                    )
                    .with_rule(Rule::B2),
                );
            }
        }
    }
    // B2: a supplied （七）总计 row equals the sum of the result rows.
    let computed = a.results_total();
    if let Some(row) = a.row("results.total") {
        for (i, name) in APPLICANTS.iter().enumerate() {
            if row.values[i] != computed[i] {
                r.push(
                    Diagnostic::error(
                        Some(row.span.clone()),
                        format!(
                            "「三、本年度办理结果（七）总计」「{name}」列写作 {}，但（一）至（六）各项之和为 {}",
                            row.values[i], computed[i]
                        ),
                    )
                    .with_rule(Rule::B2),
                );
            }
        }
    }
    // B1: for every column, 一 + 二 = 三（七）总计 + 四.
    let new = a.values("new");
    let carried_in = a.values("carried-in");
    let carried_over = a.values("carried-over");
    let mut cols: Vec<(String, [i64; 4], Option<Span>)> = Vec::new();
    for i in 0..6 {
        cols.push((
            APPLICANTS[i].to_string(),
            [new[i], carried_in[i], computed[i], carried_over[i]],
            None,
        ));
    }
    let sum = |v: [i64; 6]| v.iter().sum::<i64>();
    cols.push((
        "总计".into(),
        [sum(new), sum(carried_in), sum(computed), sum(carried_over)],
        None,
    ));
    for (name, [n1, n2, n3, n4], _) in cols {
        if n1 + n2 != n3 + n4 {
            let at = a
                .row("new")
                .map(|r| r.span.clone())
                .or_else(|| span.clone())
                .unwrap_or_else(|| d.span.clone());
            r.push(
                Diagnostic::error(
                    Some(at),
                    format!(
                        "「{name}」列勾稽关系不成立：{} {n1} + {} {n2} = {}，但 三、本年度办理结果（七）总计 {n3} + {} {n4} = {}",
                        b_label("new"),
                        b_label("carried-in"),
                        n1 + n2,
                        b_label("carried-over"),
                        n3 + n4
                    ),
                )
                .with_rule(Rule::B1)
                .with_hint("一 + 二 must equal 三（七）总计 + 四 in every column (the rule printed in the table's corner)"),
            );
        }
    }
}

/// A1 (2019, warning): 上一年项目数量 ± 本年增/减 = 处理决定数量.
fn a1(r: &mut Reader, d: &FormData) {
    let Some(rows) = &d.active else { return };
    let labels = [
        ("licensing", "行政许可"),
        ("other-services", "其他对外管理服务事项"),
        ("penalties", "行政处罚"),
        ("enforcement", "行政强制"),
    ];
    for (key, label) in labels {
        let Some(row) = rows.iter().find(|x| x.key == key) else {
            continue;
        };
        let (Some(p), Some(c), Some(dn)) =
            (row.get("previous"), row.get("change"), row.get("decisions"))
        else {
            continue;
        };
        if (p.value + c.value - dn.value).abs() > 1e-9 {
            r.push(
                Diagnostic::warning(
                    Some(dn.span.clone()),
                    format!(
                        "「{label}」上一年项目数量 {} 与本年增/减 {} 之和为 {}，处理决定数量写作 {}",
                        p.text,
                        c.text,
                        p.value + c.value,
                        dn.text
                    ),
                )
                .with_rule(Rule::A1),
            );
        }
    }
}

/// X2 (warning): a count of applications in the overview text (收到…申请…N件) that differs
/// from table B's 一、本年新收.
fn x2(r: &mut Reader, d: &FormData) {
    let (Some(overview), Some(a)) = (&d.overview, &d.applications) else {
        return;
    };
    let total = a.column_total("new");
    for b in overview {
        let Block::Paragraph(p) = b else { continue };
        let text = p.text();
        for n in application_counts(&text) {
            if n != total {
                r.push(
                    Diagnostic::warning(
                        p.span.clone(),
                        format!(
                            "the overview says {n} applications were received (收到…申请…{n}件), but table B 「一、本年新收政府信息公开申请数量」「总计」 is {total}"
                        ),
                    )
                    .with_rule(Rule::X2),
                );
            }
        }
    }
}

/// Numbers N in phrases 收到…申请…N件 (within one clause).
pub fn application_counts(text: &str) -> Vec<i64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < chars.len() {
        if chars[i] == '收' && chars[i + 1] == '到' {
            // Look ahead within the clause (up to a full stop or semicolon, 40 characters).
            let end = (i + 40).min(chars.len());
            let clause: Vec<char> = chars[i..end]
                .iter()
                .copied()
                .take_while(|c| !matches!(c, '。' | '；' | '！'))
                .collect();
            let s: String = clause.iter().collect();
            if let Some(pos) = s.find("申请") {
                let rest = &s[pos..];
                let mut num = String::new();
                let mut found = None;
                for c in rest.chars() {
                    if c.is_ascii_digit() {
                        num.push(c);
                    } else if !num.is_empty() {
                        if c == '件' {
                            found = num.parse().ok();
                            break;
                        }
                        num.clear();
                    }
                }
                if let Some(n) = found {
                    out.push(n);
                }
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// X1 (warning): this year's 二、上年结转 equals last year's 四、结转下年度继续办理.
fn x1(r: &mut Reader, d: &FormData, world: &World, file: &str, span: &Span) {
    let Some(a) = &d.applications else { return };
    // Relative to the file that names it: the report, or the batch's defaults.
    let prev_path = world.resolve(file, span.path());
    let text = match world.read_text(&prev_path) {
        Ok(t) => t,
        Err(e) => {
            // A warning at `previous-report`: the check is skipped, the report still renders.
            let d = e.diagnostic(&prev_path, "the previous report", Some(span.clone()));
            r.push(
                Diagnostic {
                    severity: crate::diag::Severity::Warning,
                    span: Some(span.clone()),
                    ..d
                }
                .with_rule(Rule::X1),
            );
            return;
        }
    };
    let Ok(doc) = yaml::parse(&prev_path, &text, &Limits::default()) else {
        r.push(
            Diagnostic::warning(
                Some(span.clone()),
                format!(
                    "the previous report `{}` is not valid YAML",
                    prev_path.display()
                ),
            )
            .with_rule(Rule::X1),
        );
        return;
    };
    let over = doc
        .root
        .as_map()
        .and_then(|m| m.iter().find(|(k, _)| k.as_str() == Some("applications")))
        .and_then(|(_, v)| v.as_map())
        .and_then(|m| m.iter().find(|(k, _)| k.as_str() == Some("carried-over")))
        .and_then(|(_, v)| v.as_seq())
        .map(|s| {
            s.iter()
                .map(|n| n.as_f64().unwrap_or(0.0) as i64)
                .collect::<Vec<_>>()
        })
        .unwrap_or_else(|| vec![0; 6]);
    let this = a.values("carried-in");
    for i in 0..6 {
        let last = over.get(i).copied().unwrap_or(0);
        if this[i] != last {
            let at = a
                .row("carried-in")
                .map(|x| x.span.clone())
                .unwrap_or_else(|| span.clone());
            r.push(
                Diagnostic::warning(
                    Some(at),
                    format!(
                        "「{}」列「二、上年结转政府信息公开申请数量」为 {}，但上年报告「四、结转下年度继续办理」为 {last}",
                        APPLICANTS[i], this[i]
                    ),
                )
                .with_rule(Rule::X1),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn application_counts_in_overview_text() {
        assert_eq!(
            application_counts("2020年共计收到依申请公开事项3件，均已答复"),
            vec![3]
        );
        assert_eq!(
            application_counts("全年收到政府信息公开申请205件。"),
            vec![205]
        );
        assert_eq!(application_counts("收到问题791个"), Vec::<i64>::new());
        assert_eq!(application_counts("收到来信。申请5件"), Vec::<i64>::new());
    }
}
