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

/// The starter of a document kind, or `None` for an unknown kind.
pub fn starter(kind: &str) -> Option<&'static str> {
    match kind {
        "notice" => Some(NOTICE),
        _ => None,
    }
}

/// The kinds [`starter`] knows.
pub const KINDS: &[&str] = &["notice"];
