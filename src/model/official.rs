//! The parts that make a report an official document (report-format §2a, GB/T 9704 §7): the
//! 版头 (`head`), 附注 (`notes`), 版记 (`distribution`) and the document's `format`, read and
//! checked. Seals are read with the signature ([`super::parse::signature`]).

use crate::diag::{Diagnostic, Rule, Span};
use crate::yaml::{Fields, Node, Reader};

use super::parse::date;
use super::report::Date;

/// Top-level keys of §2a, accepted by general and form reports alike.
pub const OFFICIAL_KEYS: &[&str] = &["head", "notes", "distribution", "format", "attendance"];

/// 特定格式 (GB/T 9704 §10): the 文件格式 by default.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum DocFormat {
    /// 文件格式 (§7).
    #[default]
    Document,
    /// 信函格式 (§10.1).
    Letter,
    /// 命令（令）格式 (§10.2).
    Order,
    /// 纪要格式 (§10.3).
    Minutes,
}

/// Everything of §2a besides the signature; all optional.
#[derive(Clone, Debug, Default)]
pub struct Official {
    /// 版头, when the report has `head`.
    pub head: Option<Head>,
    /// 附注, each already in round brackets.
    pub notes: Vec<String>,
    /// 版记, when the report has `distribution`.
    pub distribution: Option<Distribution>,
    /// The format the document is laid out in.
    pub format: DocFormat,
    /// 纪要 (§10.3): 出席, 请假, 列席 in this order, each with its names.
    pub attendance: Vec<(String, Vec<String>)>,
}

/// 版头 (GB/T 9704 §7.2).
#[derive(Clone, Debug, Default)]
pub struct Head {
    /// 份号, zero-padded to six digits.
    pub copy_number: Option<String>,
    /// 密级和保密期限, e.g. 机密★1年.
    pub secrecy: Option<String>,
    /// 紧急程度: 特急 or 加急.
    pub urgency: Option<String>,
    /// The issuing organs (联合行文: more than one, the lead first). Empty when `mark` gives
    /// the whole text.
    pub organs: Vec<String>,
    /// The mark's exact text, instead of organ + 「文件」.
    pub mark: Option<String>,
    /// 发文字号 (令号 for orders, 期号 for minutes).
    pub number: Option<String>,
    /// 签发人 (上行文).
    pub signers: Vec<String>,
    /// Where `head` is written.
    pub span: Option<Span>,
}

/// 版记 (GB/T 9704 §7.4).
#[derive(Clone, Debug, Default)]
pub struct Distribution {
    /// 抄送机关, in order.
    pub cc: Vec<String>,
    /// 印发机关.
    pub printed_by: Option<String>,
    /// 印发日期.
    pub printed_on: Option<Date>,
}

/// Reads the §2a keys of a report's top-level map.
pub fn official(r: &mut Reader, f: &Fields) -> Official {
    let mut o = Official::default();
    if let Some(n) = f.get("format") {
        o.format = match r.string(n, "`format`").as_deref() {
            Some("document") | None => DocFormat::Document,
            Some("letter") => DocFormat::Letter,
            Some("order") => DocFormat::Order,
            Some("minutes") => DocFormat::Minutes,
            Some(other) => {
                choice(
                    r,
                    n,
                    "format",
                    other,
                    &["document", "letter", "order", "minutes"],
                );
                DocFormat::Document
            }
        };
    }
    if let Some(n) = f.get("attendance") {
        o.attendance = attendance(r, n);
        if o.format != DocFormat::Minutes {
            r.push(
                Diagnostic::error(
                    f.key("attendance").map(|k| r.span(k)),
                    "`attendance` belongs to the 纪要 format",
                )
                .with_rule(Rule::Key)
                .with_hint("add `format: minutes`, or remove `attendance`"),
            );
        }
    }
    if let Some(n) = f.get("head") {
        o.head = head(r, n, o.format);
    }
    if let Some(n) = f.get("notes") {
        for t in strings(r, n, "a note") {
            // GB/T 9704 §7.3.6: 附注 in round brackets.
            o.notes.push(if t.starts_with('（') && t.ends_with('）') {
                t
            } else {
                format!("（{}）", t.trim_start_matches('（').trim_end_matches('）'))
            });
        }
    }
    if let Some(n) = f.get("distribution") {
        o.distribution = distribution(r, n, o.format);
    }
    o
}

/// A value written as one string or a list of strings (`notes`, `signers`, `cc`, a 纪要
/// list): the strings, trimmed, empty ones dropped; a wrong item is reported as `what`.
fn strings(r: &mut Reader, n: &Node, what: &str) -> Vec<String> {
    let items: Vec<&Node> = match n.as_seq() {
        Some(items) => items.iter().collect(),
        None => vec![n],
    };
    items
        .into_iter()
        .filter_map(|i| r.string(i, what))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The 纪要's lists, in the standard's order whatever the order written.
const ATTENDANCE: [&str; 3] = ["出席", "请假", "列席"];

fn attendance(r: &mut Reader, n: &Node) -> Vec<(String, Vec<String>)> {
    let Some(f) = r.map(n, "`attendance`", &ATTENDANCE) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in ATTENDANCE {
        let Some(v) = f.get(key) else { continue };
        let names = strings(r, v, "a name");
        if !names.is_empty() {
            out.push((key.to_string(), names));
        }
    }
    out
}

fn choice(r: &mut Reader, n: &Node, key: &str, found: &str, choices: &[&str]) {
    r.push(
        Diagnostic::error(
            Some(r.span(n)),
            format!(
                "`{key}` must be one of {}, found `{found}`",
                choices.join(", ")
            ),
        )
        .with_rule(Rule::Type),
    );
}

const HEAD_KEYS: &[&str] = &[
    "copy-number",
    "secrecy",
    "urgency",
    "organ",
    "organs",
    "mark",
    "number",
    "signers",
];

fn head(r: &mut Reader, n: &Node, format: DocFormat) -> Option<Head> {
    let f = r.map(n, "`head`", HEAD_KEYS)?;
    let mut h = Head {
        span: Some(r.span(n)),
        ..Head::default()
    };
    if let Some(c) = f.get("copy-number") {
        if let Some(t) = r.string(c, "`copy-number`") {
            let t = t.trim();
            if t.is_empty() || t.len() > 6 || !t.chars().all(|c| c.is_ascii_digit()) {
                r.push(
                    Diagnostic::error(
                        Some(r.span(c)),
                        format!("`copy-number` must be 1 to 6 digits, found `{t}`"),
                    )
                    .with_rule(Rule::Head)
                    .with_hint("份号 is printed as six Arabic digits, e.g. \"000123\" (quote it to keep the zeros)"),
                );
            } else {
                h.copy_number = Some(format!("{t:0>6}"));
            }
        }
    }
    if let Some(s) = f.get("secrecy") {
        if let Some(t) = r.string(s, "`secrecy`") {
            let t = t.trim().to_string();
            if ["秘密", "机密", "绝密"].iter().any(|k| t.starts_with(k)) {
                let rest = &t[6..];
                if rest.is_empty() || rest.starts_with('★') {
                    h.secrecy = Some(t);
                } else {
                    r.push(
                        Diagnostic::error(
                            Some(r.span(s)),
                            format!("`secrecy` `{t}`: the period must follow a ★"),
                        )
                        .with_rule(Rule::Head)
                        .with_hint(format!(
                            "write `{}★{}`",
                            &t[..6],
                            rest.trim_start_matches(['*', '☆', ' '])
                        )),
                    );
                }
            } else {
                r.push(
                    Diagnostic::error(
                        Some(r.span(s)),
                        format!("unknown 密级 `{t}`"),
                    )
                    .with_rule(Rule::Head)
                    .with_hint("`secrecy` starts with 秘密, 机密 or 绝密, optionally ★ and a period (机密★1年)"),
                );
            }
        }
    }
    if let Some(u) = f.get("urgency") {
        if let Some(t) = r.string(u, "`urgency`") {
            let t = t.trim().to_string();
            if t == "特急" || t == "加急" {
                h.urgency = Some(t);
            } else {
                r.push(
                    Diagnostic::error(Some(r.span(u)), format!("unknown 紧急程度 `{t}`"))
                        .with_rule(Rule::Head)
                        .with_hint("`urgency` is 特急 or 加急"),
                );
            }
        }
    }
    if h.secrecy.is_some() && h.copy_number.is_none() && f.get("copy-number").is_none() {
        r.push(
            Diagnostic::warning(
                f.get("secrecy").map(|s| r.span(s)),
                "a classified document should carry a 份号",
            )
            .with_rule(Rule::Head)
            .with_hint("GB/T 9704 §7.2.1: add `copy-number:` to `head`"),
        );
    }
    match (f.get("organ"), f.get("organs")) {
        (Some(_), Some(b)) => {
            r.push(
                Diagnostic::error(Some(r.span(b)), "`head` has both `organ` and `organs`")
                    .with_rule(Rule::Key)
                    .with_hint("use `organ` for one organ, `organs: [..]` for 联合行文"),
            );
        }
        (Some(o), None) => h.organs.extend(r.string(o, "`organ`")),
        (None, Some(os)) => match os.as_seq() {
            Some(items) if !items.is_empty() => {
                h.organs = items
                    .iter()
                    .filter_map(|i| r.string(i, "an organ"))
                    .collect()
            }
            _ => r.expected(os, "`organs`", "a list of organ names"),
        },
        (None, None) => {}
    }
    h.mark = f.get("mark").and_then(|m| r.string(m, "`mark`"));
    if h.organs.is_empty() && h.mark.is_none() {
        r.push(
            Diagnostic::error(
                Some(r.span(n)),
                "`head` needs an `organ` (or `organs`, or `mark`)",
            )
            .with_rule(Rule::Key)
            .with_hint("the 发文机关标志 is the organ's name and 「文件」: `organ: 某市人民政府`"),
        );
    }
    if let Some(num) = f.get("number") {
        if let Some(t) = r.string(num, "`number`") {
            let t = t.trim().to_string();
            if matches!(format, DocFormat::Document | DocFormat::Letter) {
                if let Err((msg, fixed)) = check_number(&t) {
                    let mut d =
                        Diagnostic::error(Some(r.span(num)), format!("发文字号 `{t}`: {msg}"))
                            .with_rule(Rule::Number);
                    d = match fixed {
                        Some(f) => d.with_hint(format!("write `{f}`")),
                        None => d.with_hint("write it as 代字〔YYYY〕N号, e.g. 某政发〔2024〕12号"),
                    };
                    r.push(d);
                }
            }
            h.number = Some(t);
        }
    }
    if let Some(s) = f.get("signers") {
        h.signers = strings(r, s, "a 签发人");
    }
    Some(h)
}

/// Checks a 发文字号 「代字〔YYYY〕N号」 (GB/T 9704 §7.2.4): six-corner brackets, a four-digit
/// year, no 第, no leading zero. `Err` holds the problem and, when it can be mended
/// mechanically, the corrected text.
pub fn check_number(t: &str) -> Result<(), (String, Option<String>)> {
    // Brackets people type instead of 〔〕 (U+3014/3015).
    const WRONG: &[(char, char)] = &[
        ('[', ']'),
        ('(', ')'),
        ('（', '）'),
        ('【', '】'),
        ('［', '］'),
        ('〈', '〉'),
        ('《', '》'),
        ('{', '}'),
        ('〖', '〗'),
    ];
    let mut fixed = t.to_string();
    let mut problems = Vec::new();
    for (open, close) in WRONG {
        if fixed.contains(*open) && fixed.contains(*close) {
            fixed = fixed.replace(*open, "〔").replace(*close, "〕");
            problems.push(format!(
                "the year is in `{open}{close}`, not the six-corner brackets 〔〕"
            ));
        }
    }
    let (Some(o), Some(c)) = (fixed.find('〔'), fixed.find('〕')) else {
        return Err(("the year must be in six-corner brackets 〔〕".into(), None));
    };
    if c < o {
        return Err(("the brackets are the wrong way round".into(), None));
    }
    let code = &fixed[..o];
    let year = &fixed[o + '〔'.len_utf8()..c];
    let rest = &fixed[c + '〕'.len_utf8()..];
    if code.trim().is_empty() {
        return Err(("the 机关代字 before the year is missing".into(), None));
    }
    if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return Err((
            format!("the year `{year}` must be four Arabic digits"),
            None,
        ));
    }
    let mut serial = rest.to_string();
    if let Some(s) = serial.strip_prefix('第') {
        serial = s.to_string();
        problems.push("发文字号 carry no 第".into());
    }
    let Some(digits) = serial.strip_suffix('号') else {
        return Err(("the serial number must end with 号".into(), None));
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err((format!("the serial `{digits}` must be Arabic digits"), None));
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() != digits.len() {
        problems.push("the serial has a leading zero".into());
    }
    let serial = if trimmed.is_empty() { "0" } else { trimmed };
    let fixed = format!("{code}〔{year}〕{serial}号");
    if problems.is_empty() {
        Ok(())
    } else {
        Err((problems.join("; "), Some(fixed)))
    }
}

fn distribution(r: &mut Reader, n: &Node, format: DocFormat) -> Option<Distribution> {
    let f = r.map(n, "`distribution`", &["cc", "printed-by", "printed-on"])?;
    let mut d = Distribution::default();
    if let Some(cc) = f.get("cc") {
        d.cc = strings(r, cc, "a 抄送机关")
            .into_iter()
            .map(|s| s.trim_end_matches(['。', '，', ',']).to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    d.printed_by = f
        .get("printed-by")
        .and_then(|p| r.string(p, "`printed-by`"));
    d.printed_on = f.get("printed-on").and_then(|p| date(r, p));
    if format == DocFormat::Document {
        for key in ["printed-by", "printed-on"] {
            if f.get(key).is_none() {
                r.push(
                    Diagnostic::error(
                        Some(r.span(n)),
                        format!("the 版记 (`distribution`) has no `{key}`"),
                    )
                    .with_rule(Rule::Distribution)
                    .with_hint("GB/T 9704 §7.4.2: the 版记 ends with 印发机关 and 印发日期; add `printed-by:` and `printed-on: YYYY-MM-DD`"),
                );
            }
        }
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::check_number;

    #[test]
    fn good_numbers_pass() {
        assert!(check_number("某政发〔2024〕12号").is_ok());
        assert!(check_number("国办函〔2020〕1号").is_ok());
    }

    #[test]
    fn wrong_brackets_give_the_corrected_text() {
        let (_, fixed) = check_number("某政发[2024]12号").unwrap_err();
        assert_eq!(fixed.as_deref(), Some("某政发〔2024〕12号"));
        let (_, fixed) = check_number("某政发（2024）第012号").unwrap_err();
        assert_eq!(fixed.as_deref(), Some("某政发〔2024〕12号"));
    }

    #[test]
    fn bad_years_and_serials_fail() {
        assert!(check_number("某政发〔24〕12号").is_err());
        assert!(check_number("某政发〔2024〕十二号").is_err());
        assert!(check_number("〔2024〕12号").is_err());
    }
}
