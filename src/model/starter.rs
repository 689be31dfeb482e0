//! `gongwen init --kind …`: commented starters for official documents (report-format §2a).

/// A 红头 通知 with every part of GB/T 9704 §7, each key commented.
const NOTICE: &str = r#"# A 通知 in the 文件格式 of GB/T 9704-2012. Render: gongwen render notice.yaml --pdf --docx
# Every key of `head`, the seal, `notes` and `distribution` is optional; delete what you do not need.
head:                                   # 版头 (§7.2)
  copy-number: "000001"                 # 份号: 1–6 digits, printed as six (quote it)
  secrecy: 秘密★1年                      # 密级和保密期限: 秘密 | 机密 | 绝密, optionally ★ and a period
  urgency: 加急                          # 紧急程度: 特急 | 加急
  organ: 某某市人民政府                   # 发文机关标志 = organ + 「文件」, red; or `mark:` for the exact text
  # organs: [某某市人民政府, 某某市教育局]  # 联合行文 instead of `organ`: stacked, 「文件」 once
  number: 某政发〔2024〕1号               # 发文字号: 〔〕 six-corner brackets, no 第, no leading zero
  # signers: [张三]                     # 签发人 (上行文 such as 请示): the number moves flush left
title: 某某市人民政府关于做好某某工作的通知
recipient: 各区县（市）人民政府，市直各单位：
body:
  - 为做好某某工作，现就有关事项通知如下。
  - heading: 提高思想认识
    body:
      - 各地各单位要充分认识做好某某工作的重要意义。
  - heading: 抓好工作落实
    body:
      - 各地各单位要明确责任分工，细化工作措施。
attachments:
  - title: 某某工作任务分工表
    body:
      - 任务分工的内容。
signature:                              # 落款 (§7.3.5)
  issuer: 某某市人民政府                  # or issuers: [A, B] for 联合行文, in issuing order
  date: 2024-01-15
  # seal: seals/organ.png               # 印章 image (PNG with transparency, or SVG), relative to this
  #                                     #   file; one per issuer as `seals: [...]` for 联合行文
notes: [此件公开发布]                    # 附注 (§7.3.6), printed in round brackets below the date
distribution:                           # 版记 (§7.4), at the foot of the last, even page
  cc: [省人民政府办公厅]                  # 抄送机关
  printed-by: 某某市人民政府办公室         # 印发机关
  printed-on: 2024-01-15                # 印发日期
"#;

/// A 函 in the 信函格式 (§10.1).
const LETTER: &str = r#"# A 函 in the 信函格式 of GB/T 9704-2012 §10.1: the organ's name in red 30 mm below the paper's
# top between red double rules, the 发文字号 flush right, no page number on the first page.
format: letter
head:
  # copy-number: "000001"               # 份号, flush left under the first rule
  organ: 某某市人民政府办公室             # the mark: the organ's name (the lead organ for 联合行文)
  number: 某政办函〔2024〕1号             # 发文字号, flush right under the first rule
title: 某某市人民政府办公室关于某某事项的复函
recipient: 某某单位：
body:
  - 你单位《关于某某事项的请示》收悉。经研究，现函复如下。
  - 同意你单位意见。
signature:
  issuer: 某某市人民政府办公室
  date: 2024-01-15
  # seal: seals/office.png
distribution:
  cc: [某某单位]                        # a 信函's 版记 has no 印发 line and no rules
"#;

/// A 政府令 in the 命令（令）格式 (§10.2).
const ORDER: &str = r#"# A 令 in the 命令（令）格式 of GB/T 9704-2012 §10.2: the mark (organ + 「令」) 20 mm below the
# type area's top, the 令号 two blank lines below it, the body two blank lines below the 令号,
# then the 签发人's title, signature seal (or name) and the date (§7.3.5.3). No title is needed.
format: order
head:
  organ: 某某市人民政府                  # the mark 「某某市人民政府令」; `mark:` for 「…命令」
  number: 第1号                         # 令号
body:
  - 《某某市某某管理办法》已经2024年1月10日市人民政府常务会议通过，现予公布，自2024年3月1日起施行。
signature:
  issuer: 某某市人民政府
  date: 2024-01-15
  signer:
    title: 市长
    name: 张三
    # seal: seals/signature.png         # 签名章 image
"#;

/// A 纪要 in the 纪要格式 (§10.3).
const MINUTES: &str = r#"# A 纪要 in the 纪要格式 of GB/T 9704-2012 §10.3: the mark 「…纪要」 35 mm below the type area's
# top, and the 出席/请假/列席 lists after the body.
format: minutes
head:
  mark: 某某市人民政府常务会议纪要         # the whole mark
  number: 第1期                         # 期号
title: 市人民政府第一次常务会议纪要
body:
  - 2024年1月10日，市长张三主持召开市人民政府第一次常务会议。纪要如下。
  - heading: 审议通过《某某市某某管理办法》
    body:
      - 会议原则通过该办法。
attendance:                             # 出席, 请假, 列席 (each optional), names joined by 、
  出席: [张三, 李四]
  请假: [王五]
  列席: [赵六]
signature:                              # unsealed: the office that keeps the minutes, and the date
  issuer: 某某市人民政府办公室
  date: 2024-01-10
"#;

/// The starter of a document kind, or `None` for an unknown kind.
pub fn starter(kind: &str) -> Option<&'static str> {
    match kind {
        "notice" => Some(NOTICE),
        "letter" => Some(LETTER),
        "order" => Some(ORDER),
        "minutes" => Some(MINUTES),
        _ => None,
    }
}

/// The kinds [`starter`] knows.
pub const KINDS: &[&str] = &["notice", "letter", "order", "minutes"];
