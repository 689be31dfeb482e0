//! `gongwen init --form …`: a commented starter report with every key and zeros.

const ROWS_B: &str = r#"applications:
  # Each row: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 (总计 is computed;
  # a seventh number, if given, is checked). A row left out is all zeros.
  new:        [0, 0, 0, 0, 0, 0]    # 一、本年新收政府信息公开申请数量
  carried-in: [0, 0, 0, 0, 0, 0]    # 二、上年结转政府信息公开申请数量
  results:                          # 三、本年度办理结果
    disclosed:        [0, 0, 0, 0, 0, 0]   # （一）予以公开
    partly-disclosed: [0, 0, 0, 0, 0, 0]   # （二）部分公开
    withheld:                              # （三）不予公开
      state-secret:        [0, 0, 0, 0, 0, 0]   # 1.属于国家秘密
      prohibited-by-law:   [0, 0, 0, 0, 0, 0]   # 2.其他法律行政法规禁止公开
      security-stability:  [0, 0, 0, 0, 0, 0]   # 3.危及“三安全一稳定”
      third-party-rights:  [0, 0, 0, 0, 0, 0]   # 4.保护第三方合法权益
      internal-affairs:    [0, 0, 0, 0, 0, 0]   # 5.属于三类内部事务信息
      process-information: [0, 0, 0, 0, 0, 0]   # 6.属于四类过程性信息
      enforcement-files:   [0, 0, 0, 0, 0, 0]   # 7.属于行政执法案卷
      query-matters:       [0, 0, 0, 0, 0, 0]   # 8.属于行政查询事项
    unavailable:                           # （四）无法提供
      not-held:       [0, 0, 0, 0, 0, 0]   # 1.本机关不掌握相关政府信息
      needs-creation: [0, 0, 0, 0, 0, 0]   # 2.没有现成信息需要另行制作
      still-unclear:  [0, 0, 0, 0, 0, 0]   # 3.补正后申请内容仍不明确
    not-processed:                         # （五）不予处理
      petitions:    [0, 0, 0, 0, 0, 0]     # 1.信访举报投诉类申请
      repeated:     [0, 0, 0, 0, 0, 0]     # 2.重复申请
      publications: [0, 0, 0, 0, 0, 0]     # 3.要求提供公开出版物
      excessive:    [0, 0, 0, 0, 0, 0]     # 4.无正当理由大量反复申请
      confirmation: [0, 0, 0, 0, 0, 0]     # 5.要求行政机关确认或重新出具已获取信息
"#;

const OTHER_2019: &str = "    other: [0, 0, 0, 0, 0, 0]              # （六）其他处理\n";
const OTHER_2021: &str = r#"    other:                                 # （六）其他处理
      no-correction: [0, 0, 0, 0, 0, 0]    # 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
      unpaid-fees:   [0, 0, 0, 0, 0, 0]    # 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
      others:        [0, 0, 0, 0, 0, 0]    # 3.其他
"#;

const A_2019: &str = r#"active-disclosure:                  # 二、主动公开政府信息情况
  regulations:         {new-made: 0, new-published: 0, total: 0}   # 规章
  normative-documents: {new-made: 0, new-published: 0, total: 0}   # 规范性文件
  licensing:           {previous: 0, change: 0, decisions: 0}      # 行政许可 (change: 增/减, may be negative)
  other-services:      {previous: 0, change: 0, decisions: 0}      # 其他对外管理服务事项
  penalties:           {previous: 0, change: 0, decisions: 0}      # 行政处罚
  enforcement:         {previous: 0, change: 0, decisions: 0}      # 行政强制
  fees:                {previous: 0, change: 0}                    # 行政事业性收费 (万元)
  procurement:         {projects: 0, amount: 0}                    # 政府集中采购 (amount in 万元)
"#;

const A_2021: &str = r#"active-disclosure:                  # 二、主动公开政府信息情况
  regulations:         {issued: 0, repealed: 0, in-force: 0}       # 规章
  normative-documents: {issued: 0, repealed: 0, in-force: 0}       # 行政规范性文件
  licensing: 0                                                     # 行政许可 本年处理决定数量
  penalties: 0                                                     # 行政处罚
  enforcement: 0                                                   # 行政强制
  fees: 0                                                          # 行政事业性收费 本年收费金额（万元）
"#;

/// The starter text for a form name, or `None`.
pub fn starter(form: &str) -> Option<String> {
    let (a, other) = match form {
        "gov-info-annual-2019" => (A_2019, OTHER_2019),
        "gov-info-annual-2021" => (A_2021, OTHER_2021),
        _ => return None,
    };
    Some(format!(
        r#"# 政府信息公开工作年度报告 — starter for the {form} format.
# Fill in the text and the numbers; gongwen builds the title, the six headings and the three
# tables, and checks that the figures add up (`gongwen check FILE`).
form: {form}
organ: 某某市某某局             # the title reads 「{{organ}}{{year}}年政府信息公开工作年度报告」
year: 2022

preamble:                       # optional text before 一、
  - 本报告根据《中华人民共和国政府信息公开条例》编制。统计期限为2022年1月1日至12月31日。

overview:                       # 一、总体情况 (headings here are numbered （一）（二）…)
  - heading: 主动公开
    body:
      - 本年度主动公开政府信息情况。

{a}
{ROWS_B}{other}  carried-over: [0, 0, 0, 0, 0, 0]  # 四、结转下年度继续办理

review-litigation:              # 四、政府信息公开行政复议、行政诉讼情况
  # each group: 结果维持, 结果纠正, 其他结果, 尚未审结 (总计 is computed)
  review:            [0, 0, 0, 0]    # 行政复议
  direct-suit:       [0, 0, 0, 0]    # 行政诉讼 · 未经复议直接起诉
  suit-after-review: [0, 0, 0, 0]    # 行政诉讼 · 复议后起诉

problems:                       # 五、存在的主要问题及改进情况
  - 存在的主要问题及改进情况。

other:                          # 六、其他需要报告的事项 (required: write 无。 when there is nothing)
  - 无。

signature:
  issuer: 某某市某某局
  date: 2023-01-20
"#
    ))
}
