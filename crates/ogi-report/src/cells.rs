//! The cell stream: a row's value region reduced to items (values, blanks, empty cells, text).
//!
//! Every layout reduces to the same stream. Pipe rows (`| a | b |`, `|||` padding) and
//! one-cell-per-line dumps ending in `|` are split on `|`, so an empty cell is an explicit
//! [`ItemKind::Empty`]; tab/blank-line dumps, PDF text and flattened crawls are split on white
//! space, where a blank cell leaves no trace. A number glued to text is still a value in
//! flattened text (`行政许可2293`), which is why regions are cut at label anchors first.
//!
//! Within a region: a parenthesised annotation holding CJK text (`(市政府令)`, `(指2019年事项数)`)
//! is text, never a value; a page marker line (`- 5 -`) is dropped; text *before* the first value
//! is the rest of the label and is skipped; text *after* a value ends the row (an extra row such as
//! `其他主动公开文件`, a vertical group label, or prose after the table).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char as ch, one_of};
use nom::combinator::{all_consuming, opt, recognize};
use nom::multi::many0;
use nom::sequence::preceded;
use nom::{IResult, Parser};
use rust_decimal::Decimal;

use crate::model::Number;
use crate::normalise::is_cjk;
use crate::scan::page_marker_len;
use crate::template::BLANKS;

/// What a token of a value region is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ItemKind {
    /// A number, with the unit written after it.
    Value(Number, Option<String>),
    /// A blank marker (`-`, `/`, `无`).
    Blank,
    /// A run of digits too long to be one number (glued cells).
    Digits,
    /// An empty cell between two `|`.
    Empty,
    /// Anything else.
    Text,
}

/// One item with its canonical byte range.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub kind: ItemKind,
    pub start: usize,
    pub end: usize,
}

impl Item {
    /// A value or a blank marker: something that fills a cell.
    pub fn is_content(&self) -> bool {
        matches!(
            self.kind,
            ItemKind::Value(..) | ItemKind::Blank | ItemKind::Digits
        )
    }
}

fn digits(s: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit())(s)
}

/// `1,234,567` or `1234567`, optionally `.5`.
fn unsigned(s: &str) -> IResult<&str, &str> {
    recognize((
        digits,
        many0(preceded(
            ch(','),
            nom::bytes::complete::take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
        )),
        opt((ch('.'), digits)),
    ))
    .parse(s)
}

fn unit(s: &str) -> IResult<&str, &str> {
    alt((
        tag("万元"),
        tag("元"),
        tag("万"),
        tag("件"),
        tag("条"),
        tag("个"),
        tag("项"),
        tag("次"),
        tag("宗"),
        tag("人次"),
    ))
    .parse(s)
}

/// A value token's parts: sign, sign word, digits, unit.
type ValueParts<'a> = (Option<char>, Option<&'a str>, &'a str, Option<&'a str>);

/// Parse a whole token as a value: `12`, `+2`, `-18`, `减4`, `增3`, `168.61万元`, `1,234`.
pub(crate) fn parse_value(tok: &str) -> Option<(Number, Option<String>)> {
    // Fast path: a plain count, by far the most common cell.
    let b = tok.as_bytes();
    if !b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit) {
        let v = b.iter().fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
        return Some((Number::Int(v), None));
    }
    let r: IResult<&str, ValueParts<'_>> = all_consuming((
        opt(one_of("+-")),
        opt(alt((tag("减少"), tag("增加"), tag("减"), tag("增")))),
        unsigned,
        opt(unit),
    ))
    .parse(tok);
    let (_, (sign, word, num, u)) = r.ok()?;
    let negative = sign == Some('-') || word.is_some_and(|w| w.starts_with('减'));
    let clean: String = num.chars().filter(|&c| c != ',').collect();
    let number = if clean.contains('.') {
        let mut d: Decimal = clean.parse().ok()?;
        if negative {
            d.set_sign_negative(true);
        }
        Number::Decimal(d)
    } else {
        let v: i64 = clean.parse().ok()?;
        Number::Int(if negative { -v } else { v })
    };
    let unit = u.filter(|u| matches!(*u, "万元" | "元" | "万")).map(|u| {
        if u == "万" {
            "万元".to_string()
        } else {
            u.to_string()
        }
    });
    Some((number, unit))
}

/// A markdown table rule cell: `---`, `:---:`.
fn is_rule(tok: &str) -> bool {
    let t = tok.trim_matches(':');
    t.len() >= 3 && t.bytes().all(|b| b == b'-')
}

/// True when a token is a blank-cell marker.
pub(crate) fn is_blank(tok: &str) -> bool {
    BLANKS.contains(&tok)
}

fn classify(tok: &str) -> ItemKind {
    if let Some((n, u)) = parse_value(tok) {
        return ItemKind::Value(n, u);
    }
    if is_blank(tok) {
        return ItemKind::Blank;
    }
    if tok.len() > 1
        && tok.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && tok.bytes().filter(|&b| b == b'.').count() <= 1
    {
        return ItemKind::Digits;
    }
    ItemKind::Text
}

/// Byte ranges (relative) of balanced parenthesised groups holding CJK text.
fn annotation_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open = 0usize;
    let mut has_cjk = false;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' => {
                if depth == 0 {
                    open = i;
                    has_cjk = false;
                }
                depth += 1;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 && has_cjk {
                    out.push((open, i + c.len_utf8()));
                }
            }
            _ if depth > 0 && is_cjk(c) => has_cjk = true,
            _ => {}
        }
        if depth > 0 && i - open > 600 {
            depth = 0;
        }
    }
    out
}

/// Split `seg` (starting at canonical offset `base`) into whitespace tokens, with annotations as
/// single text tokens and page marker lines dropped.
fn tokens(seg: &str, base: usize, out: &mut Vec<(usize, usize)>) {
    let ann = annotation_ranges(seg);
    let mut i = 0usize;
    let mut a = 0usize;
    let b = seg.as_bytes();
    while i < seg.len() {
        if let Some(&(s, e)) = ann.get(a) {
            if i >= s {
                if i < e {
                    out.push((base + s, base + e));
                    i = e;
                }
                a += 1;
                continue;
            }
        }
        let c = match seg.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => c,
            None => break,
        };
        if c == '\n' {
            i += 1;
            if let Some(pm) = seg.get(i..).and_then(page_marker_len) {
                i += pm;
            }
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let next_ann = ann.get(a).map_or(seg.len(), |r| r.0);
        while i < seg.len() && i < next_ann {
            match seg.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if !c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
        if i == start {
            i += 1;
            continue;
        }
        // Split a token where a number touches text (flattened `3件申请`), keeping units.
        split_mixed(seg, start, i, base, out);
    }
    let _ = b;
}

/// Push the token `seg[start..end]`, split where a number touches text (`0000000三、本年度`,
/// `行政许可2293`), keeping a unit after a number (`168.61万元`) and a 增/减 before it.
fn split_mixed(seg: &str, start: usize, end: usize, base: usize, out: &mut Vec<(usize, usize)>) {
    let tok = seg.get(start..end).unwrap_or("");
    let has_digit = tok.bytes().any(|b| b.is_ascii_digit());
    // `0-170`: signed values glued together; a sign inside the token opens the next value.
    if has_digit
        && parse_value(tok).is_none()
        && tok.len() > 1
        && tok
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'-'))
    {
        let mut from = 0;
        for (i, b) in tok.bytes().enumerate().skip(1) {
            if matches!(b, b'+' | b'-') && tok.as_bytes().get(i - 1).is_some_and(u8::is_ascii_digit)
            {
                out.push((base + start + from, base + start + i));
                from = i;
            }
        }
        out.push((base + start + from, base + end));
        return;
    }
    let has_other = tok.chars().any(|c| c as u32 >= 0x80);
    let lead = tok.trim_start_matches(['减', '增', '+', '-']);
    let starts_numeric = lead.starts_with(|c: char| c.is_ascii_digit());
    if !(has_digit && has_other && starts_numeric) || parse_value(tok).is_some() {
        out.push((base + start, base + end));
        return;
    }
    let numeric = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    for (off, c) in tok.char_indices() {
        let n = numeric(c);
        match pieces.last_mut() {
            Some(last) if last.2 == n => last.1 = off + c.len_utf8(),
            _ => pieces.push((off, off + c.len_utf8(), n)),
        }
    }
    let mut k = 0;
    while k < pieces.len() {
        let Some(&(mut s, mut e, n)) = pieces.get(k) else {
            break;
        };
        if n {
            // 减4 / 增3: the sign word belongs to the number.
            if let Some(&(ps, pe, _)) = k.checked_sub(1).and_then(|j| pieces.get(j)) {
                let word = tok.get(ps..pe).unwrap_or("");
                if let Some(w) = ['减', '增'].into_iter().find(|w| word.ends_with(*w)) {
                    let cut = pe - w.len_utf8();
                    if cut > ps {
                        if let Some(last) = out.last_mut() {
                            last.1 = base + start + cut;
                        }
                    } else {
                        out.pop();
                    }
                    s = cut;
                }
            }
            // A unit right after the number.
            if let Some(&(ns, ne, false)) = pieces.get(k + 1) {
                let next = tok.get(ns..ne).unwrap_or("");
                if let Some(u) = ["万元", "元"].into_iter().find(|u| next.starts_with(*u)) {
                    e = ns + u.len();
                    if e >= ne {
                        k += 1;
                    } else if let Some(p) = pieces.get_mut(k + 1) {
                        p.0 = e;
                    }
                }
            }
        }
        out.push((base + start + s, base + start + e));
        k += 1;
    }
    let _ = end;
}

/// The items of `text[start..end]`.
pub(crate) fn region_items(text: &str, start: usize, end: usize) -> Vec<Item> {
    let end = end.min(text.len());
    let region = match text.get(start..end) {
        Some(r) => r,
        None => return Vec::new(),
    };
    let mut raw: Vec<Item> = Vec::new();
    if region.contains('|') {
        let mut seg_start = 0usize;
        let mut segs: Vec<(usize, usize)> = Vec::new();
        for (i, c) in region.char_indices() {
            if c == '|' {
                segs.push((seg_start, i));
                seg_start = i + 1;
            }
        }
        let last = (seg_start, region.len());
        let nsegs = segs.len();
        // One cell per line (`x |` lines): every segment holds a line break, and a segment with
        // nothing else is a blank cell. In pipe rows a bare line break between two `|` is the
        // boundary between rows, not a cell.
        let with_nl = segs
            .iter()
            .filter(|(s, e)| region.get(*s..*e).is_some_and(|t| t.contains('\n')))
            .count();
        let one_per_line = with_nl * 2 > nsegs;
        for (idx, &(s, e)) in segs.iter().chain(std::iter::once(&last)).enumerate() {
            let seg = region.get(s..e).unwrap_or("");
            let mut toks = Vec::new();
            tokens(seg, start + s, &mut toks);
            if toks.is_empty() {
                // A line that opens with blank space before its first `|` starts with a blank cell.
                let blank_line_start =
                    seg.rsplit('\n').next().is_some_and(|t| !t.is_empty()) && seg.contains('\n');
                if idx < nsegs
                    && (idx > 0 || blank_line_start)
                    && (one_per_line || !seg.contains('\n') || blank_line_start)
                {
                    raw.push(Item {
                        kind: ItemKind::Empty,
                        start: start + s,
                        end: start + e,
                    });
                }
                continue;
            }
            if let [(a, b)] = toks.as_slice() {
                if is_rule(text.get(*a..*b).unwrap_or("")) {
                    continue; // markdown separator cell `---`
                }
            }
            for (ts, te) in toks {
                let tok = text.get(ts..te).unwrap_or("");
                raw.push(Item {
                    kind: classify(tok),
                    start: ts,
                    end: te,
                });
            }
        }
    } else {
        let mut toks = Vec::new();
        tokens(region, start, &mut toks);
        for (ts, te) in toks {
            let tok = text.get(ts..te).unwrap_or("");
            raw.push(Item {
                kind: classify(tok),
                start: ts,
                end: te,
            });
        }
    }
    // Leading text is the rest of the label; text after content ends the row.
    let mut out = Vec::with_capacity(raw.len());
    let mut seen_content = false;
    for it in raw {
        match it.kind {
            ItemKind::Text => {
                if seen_content {
                    break;
                }
            }
            ItemKind::Empty => {
                out.push(it);
            }
            _ => {
                seen_content = true;
                out.push(it);
            }
        }
    }
    // Drop the leading empty cells that belong to the label cell ("规章 |" then values)?
    // No: an empty cell before the first value is a real blank in pipe rows. Trailing empties
    // after the content are padding and kept for positional reading.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<String> {
        region_items(t, 0, t.len())
            .iter()
            .map(|i| match &i.kind {
                ItemKind::Value(n, u) => format!("{n}{}", u.as_deref().unwrap_or("")),
                ItemKind::Blank => "B".into(),
                ItemKind::Empty => "E".into(),
                ItemKind::Text => "T".into(),
                ItemKind::Digits => "D".into(),
            })
            .collect()
    }

    #[test]
    fn values_parse_like_the_template_prints_them() {
        assert_eq!(
            parse_value("168.61万元").map(|v| (v.0.to_string(), v.1)),
            Some(("168.61".into(), Some("万元".into())))
        );
        assert_eq!(parse_value("减4").map(|v| v.0), Some(Number::Int(-4)));
        assert_eq!(parse_value("+2").map(|v| v.0), Some(Number::Int(2)));
        assert_eq!(parse_value("-18").map(|v| v.0), Some(Number::Int(-18)));
        assert_eq!(parse_value("1,234").map(|v| v.0), Some(Number::Int(1234)));
        assert_eq!(parse_value("12a"), None);
        assert!(is_blank("-"));
    }

    #[test]
    fn pipe_rows_keep_empty_cells_and_padding() {
        assert_eq!(
            kinds(" | 0 | 0 | 0 | 0 | 0 | 0 | |||\n"),
            ["0", "0", "0", "0", "0", "0", "E", "E", "E"]
        );
        assert_eq!(kinds(" |\n0 |\n0 |\n|\n|\n"), ["0", "0", "E", "E"]);
    }

    #[test]
    fn annotations_and_following_rows_are_text() {
        assert_eq!(
            kinds("(设区的市应提供2019年数据) | 2 | 2 | 19 | ||\n其他主动公开文件 | 186 |"),
            ["2", "2", "19", "E", "E"]
        );
        assert_eq!(
            kinds(" 746 12 0 0 10 1 769\n- 5 -\n法提供 "),
            ["746", "12", "0", "0", "10", "1", "769"]
        );
        assert_eq!(
            kinds("具已获取信息 1 0 0 0 0 0 1"),
            ["1", "0", "0", "0", "0", "0", "1"]
        );
    }
}
