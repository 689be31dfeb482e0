//! The three statistics tables of the national forms, cell by cell as standards §2.3–2.5 give
//! them, built from numbers alone. Totals are computed here.

use crate::model::table::{resolve_grid, Align, CellInput, ColumnWidth, Table};

use super::data::{ActiveRow, Applications, Format, ReviewLitigation, APPLICANTS};

fn t(s: &str) -> CellInput {
    CellInput::text(s)
}

/// A column header inside table A (its blocks each have their own): centred.
fn h(s: &str) -> CellInput {
    CellInput::text(s).align(Align::Center)
}

fn n(v: i64) -> CellInput {
    CellInput::text(v.to_string()).numeric()
}

fn grid_table(rows: Vec<Vec<CellInput>>, header_rows: usize, columns: Vec<f32>) -> Table {
    let cols = columns.len();
    let grid = resolve_grid(&rows, header_rows, Some(cols), &Default::default(), None)
        .expect("the national form tables are well formed");
    Table {
        title: None,
        columns: columns.into_iter().map(ColumnWidth::Relative).collect(),
        header_rows,
        grid,
        note: None,
        font_size: None,
        span: None,
    }
}

/// A figure as written, or 0 when left out.
fn fig(row: &ActiveRow, field: &str) -> String {
    row.get(field)
        .map(|n| n.text.clone())
        .unwrap_or_else(|| "0".into())
}

/// 万元 amounts keep the figure as written.
fn money(row: &ActiveRow, field: &str) -> String {
    match row.get(field) {
        Some(n) if n.value != 0.0 => format!("{}万元", n.text),
        _ => "0".into(),
    }
}

/// 2019 changes print as 增N / 减N.
fn change(row: &ActiveRow, money: bool) -> String {
    let Some(n) = row.get("change") else {
        return "0".into();
    };
    let unit = if money { "万元" } else { "" };
    let abs = n.text.trim_start_matches(['-', '+']);
    if n.value > 0.0 {
        format!("增{abs}{unit}")
    } else if n.value < 0.0 {
        format!("减{abs}{unit}")
    } else {
        "0".into()
    }
}

fn block_header(item: &str, cols: i64) -> Vec<CellInput> {
    vec![t(&format!("第二十条第（{item}）项"))
        .span(cols, 1)
        .align(Align::Left)]
}

/// Table A, 主动公开政府信息情况.
pub fn table_a(rows: &[ActiveRow]) -> Table {
    // `active` reads every row of the format (a diagnosed one empty); a row that is still
    // absent prints as empty rather than stopping the render.
    let empty = ActiveRow {
        key: "",
        fields: Vec::new(),
    };
    let row = |k: &str| rows.iter().find(|r| r.key == k).unwrap_or(&empty);
    if rows.iter().any(|r| r.key == "procurement") {
        // 2019: a label column and six unit columns (3-figure blocks span 2, 2-figure blocks 3).
        let mut out = Vec::new();
        out.push(block_header("一", 7));
        out.push(vec![
            h("信息内容"),
            h("本年新制作数量").span(2, 1),
            h("本年新公开数量").span(2, 1),
            h("对外公开总数量").span(2, 1),
        ]);
        for (k, label) in [
            ("regulations", "规章"),
            ("normative-documents", "规范性文件"),
        ] {
            let r = row(k);
            out.push(vec![
                t(label),
                n2(fig(r, "new-made")),
                n2(fig(r, "new-published")),
                n2(fig(r, "total")),
            ]);
        }
        for (item, pair) in [
            (
                "五",
                [
                    ("licensing", "行政许可"),
                    ("other-services", "其他对外管理服务事项"),
                ],
            ),
            (
                "六",
                [("penalties", "行政处罚"), ("enforcement", "行政强制")],
            ),
        ] {
            out.push(block_header(item, 7));
            out.push(vec![
                h("信息内容"),
                h("上一年项目数量").span(2, 1),
                h("本年增/减").span(2, 1),
                h("处理决定数量").span(2, 1),
            ]);
            for (k, label) in pair {
                let r = row(k);
                out.push(vec![
                    t(label),
                    n2(fig(r, "previous")),
                    n2(change(r, false)),
                    n2(fig(r, "decisions")),
                ]);
            }
        }
        out.push(block_header("八", 7));
        out.push(vec![
            h("信息内容"),
            h("上一年项目数量").span(3, 1),
            h("本年增/减").span(3, 1),
        ]);
        let fees = row("fees");
        out.push(vec![
            t("行政事业性收费"),
            n3(money(fees, "previous")),
            n3(change(fees, true)),
        ]);
        out.push(block_header("九", 7));
        out.push(vec![
            h("信息内容"),
            h("采购项目数量").span(3, 1),
            h("采购总金额").span(3, 1),
        ]);
        let p = row("procurement");
        out.push(vec![
            t("政府集中采购"),
            n3(fig(p, "projects")),
            n3(money(p, "amount")),
        ]);
        grid_table(out, 0, vec![4.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
    } else {
        // 2021: four columns.
        let mut out = Vec::new();
        out.push(block_header("一", 4));
        out.push(vec![
            h("信息内容"),
            h("本年制发件数"),
            h("本年废止件数"),
            h("现行有效件数"),
        ]);
        for (k, label) in [
            ("regulations", "规章"),
            ("normative-documents", "行政规范性文件"),
        ] {
            let r = row(k);
            out.push(vec![
                t(label),
                num(fig(r, "issued")),
                num(fig(r, "repealed")),
                num(fig(r, "in-force")),
            ]);
        }
        out.push(block_header("五", 4));
        out.push(vec![h("信息内容"), h("本年处理决定数量").span(3, 1)]);
        out.push(vec![t("行政许可"), n3(fig(row("licensing"), "value"))]);
        out.push(block_header("六", 4));
        out.push(vec![h("信息内容"), h("本年处理决定数量").span(3, 1)]);
        out.push(vec![t("行政处罚"), n3(fig(row("penalties"), "value"))]);
        out.push(vec![t("行政强制"), n3(fig(row("enforcement"), "value"))]);
        out.push(block_header("八", 4));
        out.push(vec![
            h("信息内容"),
            h("本年收费金额（单位：万元）").span(3, 1),
        ]);
        out.push(vec![t("行政事业性收费"), n3(fig(row("fees"), "value"))]);
        grid_table(out, 0, vec![2.2, 1.0, 1.0, 1.0])
    }
}

fn num(s: String) -> CellInput {
    CellInput::text(s).numeric()
}

fn n2(s: String) -> CellInput {
    num(s).span(2, 1)
}

fn n3(s: String) -> CellInput {
    num(s).span(3, 1)
}

/// The printed label of a table B row, for diagnostics and the table itself.
pub fn b_label(path: &str) -> &'static str {
    match path {
        "new" => "一、本年新收政府信息公开申请数量",
        "carried-in" => "二、上年结转政府信息公开申请数量",
        "carried-over" => "四、结转下年度继续办理",
        "results.disclosed" => "（一）予以公开",
        "results.partly-disclosed" => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "results.withheld.state-secret" => "1.属于国家秘密",
        "results.withheld.prohibited-by-law" => "2.其他法律行政法规禁止公开",
        "results.withheld.security-stability" => "3.危及“三安全一稳定”",
        "results.withheld.third-party-rights" => "4.保护第三方合法权益",
        "results.withheld.internal-affairs" => "5.属于三类内部事务信息",
        "results.withheld.process-information" => "6.属于四类过程性信息",
        "results.withheld.enforcement-files" => "7.属于行政执法案卷",
        "results.withheld.query-matters" => "8.属于行政查询事项",
        "results.unavailable.not-held" => "1.本机关不掌握相关政府信息",
        "results.unavailable.needs-creation" => "2.没有现成信息需要另行制作",
        "results.unavailable.still-unclear" => "3.补正后申请内容仍不明确",
        "results.not-processed.petitions" => "1.信访举报投诉类申请",
        "results.not-processed.repeated" => "2.重复申请",
        "results.not-processed.publications" => "3.要求提供公开出版物",
        "results.not-processed.excessive" => "4.无正当理由大量反复申请",
        "results.not-processed.confirmation" => "5.要求行政机关确认或重新出具已获取信息",
        "results.other" => "（六）其他处理",
        "results.other.no-correction" => {
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        }
        "results.other.unpaid-fees" => {
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        }
        "results.other.others" => "3.其他",
        "results.total" => "（七）总计",
        _ => "",
    }
}

/// The label of a row as a reader finds it: 「三、本年度办理结果（三）不予公开 1.属于国家秘密」.
pub fn b_full_label(path: &str) -> String {
    let group = if path.starts_with("results.withheld.") {
        "（三）不予公开"
    } else if path.starts_with("results.unavailable.") {
        "（四）无法提供"
    } else if path.starts_with("results.not-processed.") {
        "（五）不予处理"
    } else if path.starts_with("results.other.") {
        "（六）其他处理"
    } else {
        ""
    };
    if path.starts_with("results.") {
        let sep = if group.is_empty() { "" } else { " " };
        format!("三、本年度办理结果{group}{sep}{}", b_label(path))
    } else {
        b_label(path).to_string()
    }
}

/// Table B, 收到和处理政府信息公开申请情况: 3 label columns and 7 data columns.
pub fn table_b(a: &Applications, format: Format) -> Table {
    let data = |v: [i64; 6]| -> Vec<CellInput> {
        let mut cells: Vec<CellInput> = v.iter().map(|&x| n(x)).collect();
        cells.push(n(v.iter().sum()));
        cells
    };
    let mut rows = vec![
        vec![
            t("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）").span(3, 3),
            t("申请人情况").span(7, 1),
        ],
        vec![
            t("自然人").span(1, 2),
            t("法人或其他组织").span(5, 1),
            t("总计").span(1, 2),
        ],
        APPLICANTS[1..].iter().map(|s| t(s)).collect(),
    ];
    for key in ["new", "carried-in"] {
        let mut r = vec![t(b_label(key)).span(3, 1).align(Align::Left)];
        r.extend(data(a.values(key)));
        rows.push(r);
    }
    let results_rows = match format {
        Format::Y2019 => 20,
        Format::Y2021 => 22,
    };
    let mut first = true;
    let mut push = |rows: &mut Vec<Vec<CellInput>>, mut lead: Vec<CellInput>, v: [i64; 6]| {
        if first {
            lead.insert(0, t("三、本年度办理结果").span(1, results_rows));
            first = false;
        }
        lead.extend(data(v));
        rows.push(lead);
    };
    for key in ["results.disclosed", "results.partly-disclosed"] {
        push(
            &mut rows,
            vec![t(b_label(key)).span(2, 1).align(Align::Left)],
            a.values(key),
        );
    }
    let groups: Vec<(&str, Vec<String>)> = {
        let paths = super::data::result_paths(format);
        let pick = |prefix: &str| {
            paths
                .iter()
                .filter(|p| p.starts_with(prefix))
                .cloned()
                .collect::<Vec<_>>()
        };
        let mut g = vec![
            ("（三）不予公开", pick("results.withheld.")),
            ("（四）无法提供", pick("results.unavailable.")),
            ("（五）不予处理", pick("results.not-processed.")),
        ];
        if format == Format::Y2021 {
            g.push(("（六）其他处理", pick("results.other.")));
        }
        g
    };
    for (label, paths) in &groups {
        for (i, p) in paths.iter().enumerate() {
            let mut lead = Vec::new();
            if i == 0 {
                lead.push(t(label).span(1, paths.len() as i64));
            }
            lead.push(t(b_label(p)).align(Align::Left));
            push(&mut rows, lead, a.values(p));
        }
    }
    if format == Format::Y2019 {
        push(
            &mut rows,
            vec![t("（六）其他处理").span(2, 1).align(Align::Left)],
            a.values("results.other"),
        );
    }
    push(
        &mut rows,
        vec![t("（七）总计").span(2, 1).align(Align::Left)],
        a.results_total(),
    );
    let mut last = vec![t(b_label("carried-over")).span(3, 1).align(Align::Left)];
    last.extend(data(a.values("carried-over")));
    rows.push(last);
    grid_table(
        rows,
        3,
        vec![2.0, 3.0, 7.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0],
    )
}

/// Table C, 政府信息公开行政复议、行政诉讼情况: 15 data columns.
pub fn table_c(c: &ReviewLitigation) -> Table {
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut h2: Vec<CellInput> = results.iter().map(|s| t(s).span(1, 2)).collect();
    h2.push(t("未经复议直接起诉").span(5, 1));
    h2.push(t("复议后起诉").span(5, 1));
    let mut h3 = Vec::new();
    for _ in 0..2 {
        h3.extend(results.iter().map(|s| t(s)));
    }
    let mut data = Vec::new();
    for g in 0..3 {
        data.extend(c.groups[g].iter().map(|&v| n(v)));
        data.push(n(c.total(g)));
    }
    let rows = vec![
        vec![t("行政复议").span(5, 1), t("行政诉讼").span(10, 1)],
        h2,
        h3,
        data,
    ];
    grid_table(rows, 3, vec![1.0; 15])
}
