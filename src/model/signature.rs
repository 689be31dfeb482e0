//! `signature`: the 落款's issuers and date, and the seals of the sealed 落款 (report-format
//! §2a, GB/T 9704 §7.3.5). Seal files are read later, against the file their path is written in
//! ([`super::load_doc`]).

use crate::diag::{Diagnostic, Rule};
use crate::yaml::{Node, Reader};

use super::parse::date;
use super::report::{SealRef, Signature, Signer};

/// The keys of `signature`.
pub const SIGNATURE_KEYS: &[&str] = &["issuer", "issuers", "date", "seal", "seals", "signer"];

/// `signature`: issuer(s), date, and the seals of the sealed 落款 (report-format §2a). Seal
/// files are read later, against the report's folder ([`super::load_doc`]).
pub fn signature(r: &mut Reader, n: &Node) -> Option<Signature> {
    let f = r.map(n, "`signature`", SIGNATURE_KEYS)?;
    let issuers: Vec<String> = match (f.get("issuer"), f.get("issuers")) {
        (Some(_), Some(b)) => {
            r.push(
                Diagnostic::error(
                    Some(r.span(b)),
                    "`signature` has both `issuer` and `issuers`",
                )
                .with_rule(Rule::Key)
                .with_hint("use `issuer` for one organ, `issuers: [..]` for 联合行文"),
            );
            return None;
        }
        (Some(i), None) => vec![r.string(i, "`issuer`")?],
        (None, Some(list)) => match list.as_seq() {
            Some(items) if !items.is_empty() => items
                .iter()
                .filter_map(|i| r.string(i, "an issuer"))
                .collect(),
            _ => {
                r.expected(list, "`issuers`", "a list of issuer names");
                return None;
            }
        },
        (None, None) => {
            r.error(n, "`signature` needs an `issuer`");
            return None;
        }
    };
    let date = match f.get("date") {
        Some(d) => date(r, d)?,
        None => {
            r.error(n, "`signature` needs a `date` (YYYY-MM-DD)");
            return None;
        }
    };
    let seal_ref = |r: &mut Reader, n: &Node| {
        r.string(n, "a seal").map(|path| SealRef {
            path,
            span: Some(r.span(n)),
            image: None,
        })
    };
    let seals: Vec<SealRef> = match (f.get("seal"), f.get("seals")) {
        (Some(_), Some(b)) => {
            r.push(
                Diagnostic::error(Some(r.span(b)), "`signature` has both `seal` and `seals`")
                    .with_rule(Rule::Key)
                    .with_hint(
                        "use `seal` for one issuer, `seals: [..]` (one per issuer) for 联合行文",
                    ),
            );
            Vec::new()
        }
        (Some(s), None) => seal_ref(r, s).into_iter().collect(),
        (None, Some(list)) => match list.as_seq() {
            Some(items) => items.iter().filter_map(|i| seal_ref(r, i)).collect(),
            None => {
                r.expected(list, "`seals`", "a list of image files, one per issuer");
                Vec::new()
            }
        },
        (None, None) => Vec::new(),
    };
    if !seals.is_empty() && seals.len() != issuers.len() {
        let at = f.get("seals").or(f.get("seal")).map(|s| r.span(s));
        r.push(
            Diagnostic::error(
                at,
                format!(
                    "{} seal(s) for {} issuer(s): a sealed 落款 has one seal per issuer",
                    seals.len(),
                    issuers.len()
                ),
            )
            .with_rule(Rule::Seal)
            .with_hint("GB/T 9704 §7.3.5.1: list the seals in the issuers' order, or none for an unsealed 落款"),
        );
    }
    let signer = match f.get("signer") {
        Some(s) => {
            let sf = r.map(s, "`signer`", &["title", "name", "seal"])?;
            let get = |r: &mut Reader, key: &str| match sf.get(key) {
                Some(v) => r.string(v, key),
                None => {
                    r.push(
                        Diagnostic::error(Some(r.span(s)), format!("`signer` needs a `{key}`"))
                            .with_rule(Rule::Key),
                    );
                    None
                }
            };
            let title = get(r, "title");
            let name = get(r, "name");
            let seal = sf.get("seal").and_then(|v| seal_ref(r, v));
            Some(Signer {
                title: title?,
                name: name?,
                seal,
            })
        }
        None => None,
    };
    Some(Signature {
        issuer: issuers[0].clone(),
        issuers,
        date,
        issuer_span: f.get("issuer").or(f.get("issuers")).map(|i| r.span(i)),
        seals,
        signer,
    })
}
