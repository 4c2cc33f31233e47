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
    /// A number, with the unit written after it (`万元` or `元`).
    Value(Number, Option<&'static str>),
    /// A blank marker (`-`, `/`, `无`).
    Blank,
    /// A run of digits too long to be one number (glued cells).
    Digits,
    /// A `|` cell whose number a `?` stands before (`? 0`, `？2`): the mark an encoding writes
    /// for a character it cannot hold, left by a mirror site that re-encoded the page. What
    /// the character was (a space, a sign, a word such as 约) cannot be told, so the cell fills
    /// its column, blank, and the row's reading names it (T006); the cells after it keep their
    /// columns.
    Lost,
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
            ItemKind::Value(..) | ItemKind::Blank | ItemKind::Digits | ItemKind::Lost
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
pub(crate) fn parse_value(tok: &str) -> Option<(Number, Option<&'static str>)> {
    // Fast path: a plain count, by far the most common cell.
    let b = tok.as_bytes();
    if !b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit) {
        let v = b.iter().fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
        return Some((Number::Int(v), None));
    }
    // A value opens with a sign, a sign word or a digit: text is turned away before the parser.
    if !b
        .first()
        .is_some_and(|&x| x.is_ascii_digit() || x == b'+' || x == b'-')
        && !tok.starts_with(['减', '增'])
    {
        return None;
    }
    parse_value_parser(tok)
}

/// [`parse_value`] without its fast paths: the grammar.
fn parse_value_parser(tok: &str) -> Option<(Number, Option<&'static str>)> {
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
    let unit = match u {
        Some("万元" | "万") => Some("万元"),
        Some("元") => Some("元"),
        _ => None,
    };
    Some((number, unit))
}

/// A markdown table rule cell: `---`, `:---:`.
fn is_rule(tok: &str) -> bool {
    if !tok.starts_with([':', '-']) {
        return false;
    }
    let t = tok.trim_matches(':');
    t.len() >= 3 && t.bytes().all(|b| b == b'-')
}

/// True when a token is a blank-cell marker.
pub(crate) fn is_blank(tok: &str) -> bool {
    BLANKS.contains(&tok)
}

/// [`classify`] for the token `tok` of `text` ending at byte `te`: a number closed by a point
/// and followed at once by a CJK ideograph (`2.其他法律行政法规禁` of a label cut by a line
/// break) is the label's numbering, text, not a value; a number followed at once by `年`
/// (`2024年,我办…` in the prose after a row's label, `行政许可2022年处理决定数量…`) is a year,
/// no cell of the template's (its cells count things, and a table's year is in its header); a
/// figure with its count word followed by a comma or a stop is a sentence's; digits followed by
/// `、` and an ideograph (`2、依申请公开`) number a list.
#[inline]
fn classify_in(text: &str, tok: &str, te: usize) -> ItemKind {
    if tok.ends_with('.')
        && text
            .get(te..)
            .and_then(|r| r.chars().next())
            .is_some_and(crate::normalise::is_cjk)
    {
        return ItemKind::Text;
    }
    // A number after the `?` of a character an encoding lost (`?0`, a no-break space a Big5 or
    // GBK copy could not hold, one cell a line): a lost cell, as in a pipe row
    // ([`lost_mark_cell`]), with the `html` feature.
    if cfg!(feature = "html") && tok.starts_with(['?', '？']) && lost_mark_cell(tok).is_some() {
        return ItemKind::Lost;
    }
    let kind = classify(tok);
    // Most cells end at white space, a `|` or the text's end: nothing to look at.
    let next = text.as_bytes().get(te).copied().unwrap_or(b' ');
    // `无` a space before an ideograph other than a mark is a word's, letter-spaced (`无 法 提`,
    // the parent label `无法提供` that `pdftotext -layout` prints beside a row's values), no
    // blank cell (with the `html` feature, as the readers of other rarer layouts).
    if cfg!(feature = "html") && next == b' ' && tok == "无" && spaced_word(text, te) {
        return ItemKind::Text;
    }
    if next.is_ascii() && next != b',' && next != b';' {
        // A year, a space apart from its `年` as PDF text prints it (`平潭综合实验区 2019
        // 年度…`, a browser's running title printed over a table): no count.
        let year = next == b' '
            && tok.len() == 4
            && tok.starts_with(['1', '2'])
            && tok.bytes().all(|b| b.is_ascii_digit())
            && text
                .get(te..)
                .is_some_and(|r| r.trim_start_matches(' ').starts_with('年'));
        return if year { ItemKind::Text } else { kind };
    }
    if let ItemKind::Value(..) = kind {
        let after = text.get(te..).unwrap_or("");
        // A figure with its count word, then a sentence's comma or stop (`本年新收33件,上年结转
        // 0件`, `行政强制0项,行政事业性收费0元。`, `实施行政处罚25起,`): a sentence's, not a cell.
        let words = [
            '件', '项', '条', '个', '次', '宗', '人', '元', '万', '起', '份', '家', '例', '批',
            '篇',
        ];
        let rest = after.trim_start_matches(words);
        let counted = (rest.len() < after.len() || !tok.ends_with(|c: char| c.is_ascii_digit()))
            && rest.starts_with(['，', ',', '、', '。', '；', ';']);
        // A list's numbering (`2、依申请公开`, a paragraph's under a label found in prose).
        let numbering = after
            .strip_prefix('、')
            .and_then(|r| r.chars().next())
            .is_some_and(crate::normalise::is_cjk);
        let digits = tok.bytes().all(|b| b.is_ascii_digit());
        if counted || numbering && digits || (digits && after.starts_with('年')) {
            return ItemKind::Text;
        }
    }
    kind
}

/// Whether the text at `te` (a space) goes on with an ideograph other than a blank mark after
/// that one space: a letter-spaced word's next character.
#[inline(never)]
fn spaced_word(text: &str, te: usize) -> bool {
    text.get(te + 1..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| crate::normalise::is_cjk(c) && !matches!(c, '无' | '空'))
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

/// The annotations of a segment, their byte ranges in order: kept in place, as most segments
/// hold a few at most (a list on the heap cost an allocation for every segment holding one).
type Annotations = smallvec::SmallVec<[(usize, usize); 4]>;

/// Byte ranges (relative) of balanced parenthesised groups holding CJK text.
fn annotation_ranges(s: &str) -> Annotations {
    // Most cells hold no parenthesis at all: `(` is 0x28 and `（` is EF BC 88. Before the first
    // one nothing is open, so the walk starts there.
    let b = s.as_bytes();
    let Some(first) = memchr::memchr2_iter(b'(', 0xEF, b)
        .find(|&h| b.get(h) == Some(&b'(') || b.get(h..h + 3) == Some(&[0xEF, 0xBC, 0x88][..]))
    else {
        return Annotations::new();
    };
    annotations_from(s, first)
}

/// The annotations of `s` found walking from byte `first` (a character boundary before which no
/// bracket opens).
///
/// A group holding three numbers or more, each standing apart (white space or a bar on both
/// sides), is no annotation: it is a row's values inside a remark wrapped over lines by a PDF's
/// text, `(区分处理   6   1   0   0   0   0   7` / `的,只计这一情形,不计其他情形)`. With the
/// `html` feature (as the readers of other rarer layouts), neither is a group holding a number
/// alone on a line of its own: a row's first value between the remark's lines, as `pdftotext`
/// orders a table's text by default (`（区分处理的，只计` / `0` / `这一情形，不计其他情形）`).
fn annotations_from(s: &str, first: usize) -> Annotations {
    let mut out = Annotations::new();
    let mut depth = 0usize;
    let mut open = 0usize;
    let mut has_cjk = false;
    // Numbers standing apart in the open group; whether the digits being walked began after a
    // separator; whether the character before was one.
    let (mut apart, mut run, mut after_sep) = (0usize, None::<bool>, false);
    // Whether the line being walked holds only white space and digits so far, and digits.
    let (mut bare, mut figured) = (false, false);
    let rest = s.get(first..).unwrap_or("");
    for (i, c) in rest.char_indices().map(|(i, c)| (i + first, c)) {
        let sep = c.is_whitespace() || matches!(c, '|' | '(' | '（' | ')' | '）');
        if c.is_ascii_digit() {
            run = Some(run.unwrap_or(after_sep));
        } else {
            if run == Some(true) && sep {
                apart += 1;
            }
            run = None;
        }
        after_sep = sep;
        if cfg!(feature = "html") {
            if c == '\n' {
                // A figure alone on its line counts as three apart: the group is no note.
                if bare && figured {
                    apart += 3;
                }
                (bare, figured) = (true, false);
            } else if c.is_ascii_digit() {
                figured = true;
            } else if !c.is_whitespace() {
                bare = false;
            }
        }
        match c {
            '(' | '（' => {
                if depth == 0 {
                    open = i;
                    has_cjk = false;
                    apart = 0;
                }
                depth += 1;
            }
            ')' | '）' if depth > 0 => {
                depth -= 1;
                if depth == 0 && has_cjk && apart < 3 {
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

/// [`annotation_ranges`] walking from the start of `s`, the reference it is tested against.
#[cfg(test)]
fn annotation_ranges_from_start(s: &str) -> Annotations {
    if memchr::memchr2(b'(', 0xEF, s.as_bytes()).is_none() {
        return Annotations::new();
    }
    annotations_from(s, 0)
}

/// At byte `i` of `s` (a character boundary): whether the character there is white space
/// (`char::is_whitespace`), and its length. Bytes, without decoding: only characters led by
/// C2, E1, E2 or E3 can be non-ASCII white space (U+0085, U+00A0, U+1680, U+2000–U+205F,
/// U+3000), so CJK text is measured by its lead byte.
#[inline]
fn space_at(s: &str, i: usize) -> Option<(bool, usize)> {
    let &b = s.as_bytes().get(i)?;
    Some(match b {
        0..=0x7F => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = s.get(i..)?.chars().next()?;
            (c.is_whitespace(), c.len_utf8())
        }
        0xF0.. => (false, 4),
        0xE0.. => (false, 3),
        _ => (false, 2),
    })
}

/// Split `seg` (starting at canonical offset `base`) into whitespace tokens, with annotations as
/// single text tokens and page marker lines dropped. Each token's canonical range goes to `emit`,
/// which returns `false` to stop early. `parens` is false when `seg` holds neither `(` nor an
/// EF byte (`（`), so no annotation needs looking for.
fn tokens(seg: &str, base: usize, parens: bool, emit: &mut impl FnMut(usize, usize) -> bool) {
    let ann = if parens {
        annotation_ranges(seg)
    } else {
        Annotations::new()
    };
    let mut i = 0usize;
    let mut a = 0usize;
    while i < seg.len() {
        if let Some(&(s, e)) = ann.get(a) {
            if i >= s {
                if i < e {
                    if !emit(base + s, base + e) {
                        return;
                    }
                    i = e;
                }
                a += 1;
                continue;
            }
        }
        let (space, len) = match space_at(seg, i) {
            Some(x) => x,
            None => break,
        };
        if seg.as_bytes().get(i) == Some(&b'\n') {
            i += 1;
            if let Some(pm) = seg.get(i..).and_then(page_marker_len) {
                i += pm;
            }
            continue;
        }
        if space {
            i += len;
            continue;
        }
        let start = i;
        let next_ann = ann.get(a).map_or(seg.len(), |r| r.0);
        while i < seg.len() && i < next_ann {
            match space_at(seg, i) {
                Some((false, len)) => i += len,
                _ => break,
            }
        }
        if i == start {
            i += 1;
            continue;
        }
        // Split a token where a number touches text (flattened `3件申请`), keeping units.
        if !split_mixed(seg, start, i, base, emit) {
            return;
        }
    }
}

/// The character at byte `i` of `s` (a character boundary): an ASCII byte without decoding.
#[cfg(test)]
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => s.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// [`tokens`] character by character, the reference its byte-level walk is tested against.
#[cfg(test)]
fn tokens_by_char(seg: &str, base: usize, emit: &mut impl FnMut(usize, usize) -> bool) {
    let ann = annotation_ranges_from_start(seg);
    let mut i = 0usize;
    let mut a = 0usize;
    while i < seg.len() {
        if let Some(&(s, e)) = ann.get(a) {
            if i >= s {
                if i < e {
                    if !emit(base + s, base + e) {
                        return;
                    }
                    i = e;
                }
                a += 1;
                continue;
            }
        }
        let c = match char_at(seg, i) {
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
            match char_at(seg, i) {
                Some(c) if !c.is_whitespace() => i += c.len_utf8(),
                _ => break,
            }
        }
        if i == start {
            i += 1;
            continue;
        }
        if !split_mixed(seg, start, i, base, emit) {
            return;
        }
    }
}

/// Emit the token `seg[start..end]`, split where a number touches text (`0000000三、本年度`,
/// `行政许可2293`), keeping a unit after a number (`168.61万元`) and a 增/减 before it. `false`
/// when `emit` asked to stop.
fn split_mixed(
    seg: &str,
    start: usize,
    end: usize,
    base: usize,
    emit: &mut impl FnMut(usize, usize) -> bool,
) -> bool {
    let tok = seg.get(start..end).unwrap_or("");
    let has_digit = tok.bytes().any(|b| b.is_ascii_digit());
    // `0-170`: signed values glued together; a sign inside the token opens the next value.
    // A doubled hyphen is no sign: the blank marks among figures glued to a label
    // (`64--2-470`), read by `wu_pieces` (with the `html` feature).
    if has_digit
        && tok.len() > 1
        && tok
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'+' | b'-'))
        && parse_value(tok).is_none()
        && !(cfg!(feature = "html") && tok.contains("--"))
    {
        let mut from = 0;
        for (i, b) in tok.bytes().enumerate().skip(1) {
            if matches!(b, b'+' | b'-') && tok.as_bytes().get(i - 1).is_some_and(u8::is_ascii_digit)
            {
                if !emit(base + start + from, base + start + i) {
                    return false;
                }
                from = i;
            }
        }
        return emit(base + start + from, base + end);
    }
    // A plain token (no digit, or no non-ASCII character) is emitted whole.
    if !has_digit || tok.is_ascii() {
        return emit(base + start, base + end);
    }
    let lead = tok.trim_start_matches(['减', '增', '+', '-']);
    let starts_numeric = lead.starts_with(|c: char| c.is_ascii_digit());
    if !starts_numeric || parse_value(tok).is_some() {
        return emit(base + start, base + end);
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
    // The token's parts, relative to `start`; a sign word or a unit moves a boundary between two
    // of them, so they are collected before being emitted.
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
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
                            last.1 = cut;
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
        out.push((s, e));
        k += 1;
    }
    out.into_iter()
        .all(|(s, e)| emit(base + start + s, base + start + e))
}

/// Where the items of a region go: leading text (the rest of the label) is dropped, text after
/// content ends the row, and the row stops at a bound. The items are appended to `out` (a table
/// reads all its regions into one list) after the `base` items already there.
struct Sink<'o> {
    out: &'o mut Vec<Item>,
    base: usize,
    seen_content: bool,
    /// No more items are wanted.
    done: bool,
    /// Items kept at most.
    max_items: usize,
    /// Content items kept at most.
    max_content: usize,
    content: usize,
}

impl<'o> Sink<'o> {
    fn new(out: &'o mut Vec<Item>, max_items: usize, max_content: usize) -> Self {
        let base = out.len();
        Sink {
            out,
            base,
            seen_content: false,
            done: max_items == 0,
            max_items,
            max_content,
            content: 0,
        }
    }
    /// Take one item; `false` once no more are wanted.
    #[inline]
    fn push(&mut self, it: Item) -> bool {
        if self.done {
            return false;
        }
        match it.kind {
            ItemKind::Text => {
                if self.seen_content {
                    self.done = true;
                }
            }
            ItemKind::Empty => self.out.push(it),
            _ => {
                self.seen_content = true;
                self.content += 1;
                self.out.push(it);
            }
        }
        if self.out.len() - self.base >= self.max_items || self.content >= self.max_content {
            self.done = true;
        }
        !self.done
    }
}

/// A `|` segment that [`plain_cell`] reads without the tokenizer.
#[derive(Debug, PartialEq)]
enum PlainCell {
    /// White space only (or nothing): no token.
    Blank,
    /// One count of at most 18 digits in white space: its byte range in the segment and value.
    Count(usize, usize, i64),
}

/// ASCII white space as the tokenizer tells it ([`space_at`]).
#[cfg(test)]
#[inline]
fn is_ascii_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The count a run of ASCII digits is, as [`parse_value`] reads it on its fast path: `None` past
/// 18 digits, which the tokenizer's reading is left to.
#[cfg(test)]
#[inline]
fn short_count(digits: &[u8]) -> Option<i64> {
    (digits.len() <= 18).then(|| {
        digits
            .iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(d.wrapping_sub(b'0')))
    })
}

/// What the tokenizer makes of a segment made of ASCII white space around at most one run of 1
/// to 18 digits: no token, or one that [`parse_value`] reads as a count on its fast path. `None`
/// for any other segment (a sign, a unit, text, a second or a longer run), left to the tokenizer.
/// A line break in such a segment is white space only: a page marker opens with a dash or `第`.
#[cfg(test)]
fn plain_cell(b: &[u8]) -> Option<PlainCell> {
    let Some(a) = b.iter().position(|&x| !is_ascii_blank(x)) else {
        return Some(PlainCell::Blank);
    };
    let e = b
        .iter()
        .rposition(|&x| !is_ascii_blank(x))
        .map_or(a, |p| p + 1);
    let digits = b.get(a..e)?;
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(PlainCell::Count(a, e, short_count(digits)?))
}

/// A `|` segment read in one walk over its bytes: how long it is (to the first `|` of `rest`, or
/// all of `rest`), what [`plain_cell`] makes of it, and where its last line break is. One loop
/// instead of four (the `|` found, the segment trimmed at both ends, its digits tested), whose
/// setting up cost more than the few bytes of a cell.
///
/// A segment that is one digit between two spaces (` 0 |`, most cells of a table) is told by
/// its first four bytes, without the loop.
#[inline]
fn scan_cell(rest: &[u8]) -> (usize, Option<PlainCell>, Option<usize>) {
    scan_cell_by::<false>(rest)
}

/// [`scan_cell`] as it was before a digit between two spaces was told by its four bytes (every
/// segment read by the loop): the reference it is tested against.
#[cfg(test)]
fn scan_cell_looped(rest: &[u8]) -> (usize, Option<PlainCell>, Option<usize>) {
    scan_cell_by::<true>(rest)
}

/// [`scan_cell`], or with `LOOP_ONLY` set the reference it is held to.
#[inline(always)]
fn scan_cell_by<const LOOP_ONLY: bool>(rest: &[u8]) -> (usize, Option<PlainCell>, Option<usize>) {
    if !LOOP_ONLY {
        if let [b' ', d @ b'0'..=b'9', b' ', b'|', ..] = *rest {
            return (3, Some(PlainCell::Count(1, 2, i64::from(d - b'0'))), None);
        }
        // A cell one per line (` 0  |` on a line of its own) is the same after its line break.
        if let [b'\n', b' ', d @ b'0'..=b'9', b' ', b' ', b'|', ..] = *rest {
            return (
                5,
                Some(PlainCell::Count(2, 3, i64::from(d - b'0'))),
                Some(0),
            );
        }
    }
    // The first and the end of the digits, whether anything breaks the one run of digits, the
    // count read so far (wrapping: only a run of at most 18 digits is kept).
    let mut first = usize::MAX;
    let mut end = 0usize;
    let mut plain = true;
    let mut value = 0i64;
    let mut last_nl = None;
    let mut len = rest.len();
    for (i, &b) in rest.iter().enumerate() {
        match b {
            b'|' => {
                len = i;
                break;
            }
            b'0'..=b'9' => {
                // A digit after white space that follows digits starts a second run.
                plain &= first == usize::MAX || end == i;
                first = first.min(i);
                end = i + 1;
                value = value.wrapping_mul(10).wrapping_add(i64::from(b - b'0'));
            }
            b'\n' => last_nl = Some(i),
            b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {}
            _ => plain = false,
        }
    }
    let cell = if !plain {
        None
    } else if first == usize::MAX {
        Some(PlainCell::Blank)
    } else if end - first <= 18 {
        Some(PlainCell::Count(first, end, value))
    } else {
        None
    };
    (len, cell, last_nl)
}

/// The items of `text[start..end]`.
#[cfg(test)]
pub(crate) fn region_items(text: &str, start: usize, end: usize) -> Vec<Item> {
    region_items_bounded(text, start, end, usize::MAX, usize::MAX)
}

/// The items of `text[start..end]`, reading no further than the first `max_items` items or the
/// first `max_content` content items: the items returned are the head of the full list, so a
/// caller that needs at most that many (the table's cell bound) reads a hostile region (a
/// megabyte of `| 1`) in bounded memory.
pub(crate) fn region_items_bounded(
    text: &str,
    start: usize,
    end: usize,
    max_items: usize,
    max_content: usize,
) -> Vec<Item> {
    // A row holds a handful of cells (table 3 has seven columns): one allocation for most
    // regions instead of growing through four and eight.
    let mut out = Vec::with_capacity(max_items.min(8));
    region_items_into(text, start, end, max_items, max_content, &mut out);
    out
}

/// [`region_items_bounded`] appending the items to `out`. An empty cell before the first value
/// is a real blank in pipe rows; trailing empties after the content are padding and kept for
/// positional reading.
///
/// The region's bytes are read once, instead of a first pass counting the `|`, the segments
/// holding a line break and the parentheses, and telling any byte other than ASCII white space
/// and digits, before the segments or the counts were read (some 250 instructions of a table 3
/// row's 1,300). A region with a `|` is read segment by segment, the segments counted as they
/// go: the counts matter only to a blank segment that holds a line break and ends at a `|` (the
/// boundary between two pipe rows, or a blank cell one cell per line), whose reading counts
/// the segments after it then, once (in a table, the few bytes to the next row's label). A
/// region without a `|` is told made of ASCII white space and digits by a loop without an
/// early exit (in vector lanes). [`region_items_counted`] is the reference it is tested
/// against.
///
/// A segment's text is sliced only where the tokenizer reads it: a count or a blank segment is
/// told by its bytes, and its length is the one [`scan_cell`] measured (the segment ends at a
/// `|` or at the region's end, both character boundaries).
pub(crate) fn region_items_into(
    text: &str,
    start: usize,
    end: usize,
    max_items: usize,
    max_content: usize,
    out: &mut Vec<Item>,
) {
    region_items_into_by::<false>(text, start, end, max_items, max_content, out);
}

/// [`region_items_into`] as it was before a segment's text was sliced only for the tokenizer
/// (each segment sliced first): the reference it is tested against.
#[cfg(test)]
fn region_items_into_sliced(
    text: &str,
    start: usize,
    end: usize,
    max_items: usize,
    max_content: usize,
    out: &mut Vec<Item>,
) {
    region_items_into_by::<true>(text, start, end, max_items, max_content, out);
}

/// [`region_items_into`], or with `SLICED_FIRST` set the reference it is held to.
#[inline(always)]
fn region_items_into_by<const SLICED_FIRST: bool>(
    text: &str,
    start: usize,
    end: usize,
    max_items: usize,
    max_content: usize,
    out: &mut Vec<Item>,
) {
    let end = end.min(text.len());
    let region = match text.get(start..end) {
        Some(r) => r,
        None => return,
    };
    let mut sink = Sink::new(out, max_items, max_content);
    let bytes = region.as_bytes();
    // Whether the region holds a `|`, and whether any byte is other than an ASCII digit or
    // white space (`\n` included). A row of pipe cells holds one in its first three bytes
    // (` | 0 |`, `  |\n 1  |`), told by their compare; any other region is read whole by one
    // loop telling both ([`pipe_and_other`]) instead of a search for a `|` to its end and then
    // a second loop. As first written (`SLICED_FIRST`), the `|` is searched for first.
    let (piped, other) = if SLICED_FIRST {
        if bytes.contains(&b'|') {
            (true, false)
        } else {
            pipe_and_other(bytes)
        }
    } else if matches!(bytes, [b'|', ..] | [_, b'|', ..] | [_, _, b'|', ..]) {
        (true, false)
    } else {
        pipe_and_other(bytes)
    };
    if piped {
        // One cell per line (`x |` lines): most segments that end at a `|` hold a line break,
        // and a segment with nothing else is a blank cell. In pipe rows a bare line break
        // between two `|` is the boundary between rows, not a cell. Told when first needed.
        let mut one_per_line: Option<bool> = None;
        // The segments read so far that end at a `|`, and those of them holding a line break.
        let (mut nsegs, mut with_nl) = (0usize, 0usize);
        let mut seg_start = 0usize;
        let mut idx = 0usize;
        while seg_start <= region.len() && !sink.done {
            let rest = bytes.get(seg_start..).unwrap_or_default();
            // Most cells are a count in white space (` 12 `) or white space only: read from
            // their bytes, as the tokenizer reads them.
            let (len, plain, last_nl) = scan_cell(rest);
            let seg_len = if SLICED_FIRST {
                region.get(seg_start..seg_start + len).unwrap_or("").len()
            } else {
                len
            };
            // Every segment but the last ends at a `|`.
            let piped = len < rest.len();
            let count = match plain {
                Some(PlainCell::Blank) => 0,
                Some(PlainCell::Count(a, b, v)) => {
                    sink.push(Item {
                        kind: ItemKind::Value(Number::Int(v), None),
                        start: start + seg_start + a,
                        end: start + seg_start + b,
                    });
                    1
                }
                None => {
                    let seg = region.get(seg_start..seg_start + len).unwrap_or("");
                    // The tokenizer looks for annotations itself where a parenthesis may open
                    // one.
                    segment_items(text, seg, start + seg_start, true, &mut sink)
                }
            };
            if count == 0 {
                // A line that opens with blank space before its first `|` starts with a blank
                // cell.
                let blank_line_start = last_nl.is_some_and(|p| p + 1 < seg_len);
                let blank_cell = last_nl.is_none()
                    || blank_line_start
                    || match one_per_line {
                        Some(x) => x,
                        None => {
                            // This segment ends at a `|` and holds a line break.
                            let after = bytes.get(seg_start + len + 1..).unwrap_or_default();
                            let (n, w) = pipe_counts(after);
                            let x = (with_nl + 1 + w) * 2 > nsegs + 1 + n;
                            one_per_line = Some(x);
                            x
                        }
                    };
                if piped && (idx > 0 || blank_line_start) && blank_cell {
                    sink.push(Item {
                        kind: ItemKind::Empty,
                        start: start + seg_start,
                        end: start + seg_start + seg_len,
                    });
                }
            }
            if piped {
                nsegs += 1;
                with_nl += usize::from(last_nl.is_some());
            }
            seg_start += len + 1;
            idx += 1;
        }
        return;
    }
    if !other {
        digit_runs_items(text, bytes, start, &mut sink);
    } else {
        // The tokenizer looks for annotations itself where a parenthesis may open one.
        tokens(region, start, true, &mut |ts, te| {
            token_item(text, ts, te, &mut sink)
        });
    }
}

/// Whether `bytes` hold a `|`, and whether any of them is other than an ASCII digit or white
/// space (`\n` included): one loop without an early exit, which compiles to a vector loop.
#[inline(always)]
fn pipe_and_other(bytes: &[u8]) -> (bool, bool) {
    let (mut piped, mut other) = (false, false);
    for &b in bytes {
        other |= !(b.is_ascii_digit() || matches!(b, b' ' | b'\t'..=b'\r'));
        piped |= b == b'|';
    }
    (piped, other)
}

/// A token of `text` as an item, its kind told by [`classify`]; false once `sink` is full.
/// Inlined, as the closure it replaces was (it is called for every token of a table).
#[inline]
fn token_item(text: &str, ts: usize, te: usize, sink: &mut Sink<'_>) -> bool {
    let tok = text.get(ts..te).unwrap_or("");
    let kind = classify_in(text, tok, te);
    if kind == ItemKind::Text && tok.len() > 3 {
        if let Some(more) = wu_pieces(text, ts, tok, sink) {
            return more;
        }
    }
    sink.push(Item {
        kind,
        start: ts,
        end: te,
    })
}

/// The cells of a token made of runs of digits and blank marks only, at least one mark and two
/// pieces (`23无`, `无无无无23`, `无无无无无无无`: a one-line crawl's cells glued, `无` written in
/// the blank ones): each mark a blank cell, each run of digits a token of its own.
///
/// With the `html` feature (as the readers of other rarer layouts) the marks are also `空`, `/`,
/// `\` (`／`, `＼` in the canonical text) and the dash `—`:
/// - `64//2/470` glued to its label: a token of ASCII only is taken so only when the text
///   before it, a label's ideograph or closing bracket, touches it (`12/6/26` of a page's print
///   header stands apart);
/// - `————` glued to figures: a run of dashes is read as doubled marks (`——`, one a cell; the
///   split tries the two halves of each when that admits no reading).
///
/// The hyphen (`-`, and `–`, `－` the canonical text writes so) glued to a figure is a sign
/// (`0-170`), but a doubled one (`--`) is none: in a token of ASCII glued to its label that
/// holds one (`64--2-470`), every hyphen is a mark, read as the dashes are. `None` for any other
/// token; else whether `sink` takes more.
#[inline(never)]
fn wu_pieces(text: &str, ts: usize, tok: &str, sink: &mut Sink<'_>) -> Option<bool> {
    let html = cfg!(feature = "html");
    // Hyphens are marks where one is doubled (`64--2-470`; a lone `-` glued is a sign).
    let hyphens = html && tok.contains("--");
    let mark =
        |c: char| c == '无' || html && matches!(c, '空' | '/' | '\\' | '—') || hyphens && c == '-';
    // Two pieces, one of them a mark, take four bytes at least (`无` is three).
    let some_mark = if html {
        tok.len() > 3 && tok.contains(|c: char| !c.is_ascii_digit())
    } else {
        tok.contains('无')
    };
    if !some_mark || !tok.chars().all(|c| c.is_ascii_digit() || mark(c)) {
        return None;
    }
    if html && !tok.contains('无') {
        let b = text.as_bytes();
        let te = ts + tok.len();
        let glued = if tok.is_ascii() {
            // Glued to a label's ideograph or closing bracket (`)` in the canonical text): the
            // token starts the row's region.
            ts.checked_sub(1)
                .and_then(|i| b.get(i))
                .is_some_and(|&c| c >= 0x80 || c == b')')
        } else {
            // Dashes glued to figures (`64————2`, split from them), or with figures inside.
            tok.bytes().any(|c| c.is_ascii_digit())
                || ts
                    .checked_sub(1)
                    .and_then(|i| b.get(i))
                    .is_some_and(u8::is_ascii_digit)
                || b.get(te).is_some_and(u8::is_ascii_digit)
        };
        if !glued {
            return None;
        }
    }
    let mut i = 0usize;
    while let Some(rest) = tok.get(i..).filter(|r| !r.is_empty()) {
        let (len, kind) = if rest.starts_with('无') {
            ('无'.len_utf8(), ItemKind::Blank)
        } else if !html || rest.starts_with(|c: char| c.is_ascii_digit()) {
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            (n, classify(rest.get(..n).unwrap_or("")))
        } else {
            // Another mark; a dash doubled (`——`, `--`) is one.
            let c = rest.chars().next().unwrap_or('-');
            let l = c.len_utf8();
            let doubled = matches!(c, '—' | '-') && rest.get(l..).is_some_and(|r| r.starts_with(c));
            (if doubled { 2 * l } else { l }, ItemKind::Blank)
        };
        if !sink.push(Item {
            kind,
            start: ts + i,
            end: ts + i + len,
        }) {
            return Some(false);
        }
        i += len;
    }
    Some(true)
}

/// The range of a `|` segment's text (relative to it) when it is a number with a `?` or `？`
/// before it and nothing else (`? 0`, `?2`, `？ 3件`): the mark of a character an encoding
/// lost (a mirror site's traditional-script copy writes its 本年废止件数 cells `? 0`). `None`
/// for any other segment, a `?` alone or after the number included.
fn lost_mark_cell(seg: &str) -> Option<(usize, usize)> {
    let trimmed = seg.trim();
    if !trimmed.starts_with(['?', '？']) {
        return None;
    }
    let a = seg.len() - seg.trim_start().len();
    let num = trimmed.trim_start_matches(['?', '？']).trim_start();
    if num.is_empty() || num.contains(char::is_whitespace) || parse_value(num).is_none() {
        return None;
    }
    Some((a, a + trimmed.len()))
}

/// The items of a `|` segment `seg` of `text` (at `at`) that is neither a count nor blank: its
/// tokens, but a segment of one token that is a markdown rule (`---`) is no cell, so the first
/// token is held until a second one shows it is not alone. Returns how many tokens it holds.
fn segment_items(text: &str, seg: &str, at: usize, parens: bool, sink: &mut Sink<'_>) -> usize {
    if let Some((a, b)) = lost_mark_cell(seg) {
        sink.push(Item {
            kind: ItemKind::Lost,
            start: at + a,
            end: at + b,
        });
        return 1;
    }
    let mut first = None;
    let mut count = 0usize;
    tokens(seg, at, parens, &mut |a, b| {
        count += 1;
        match (count, first) {
            (1, _) => {
                first = Some((a, b));
                true
            }
            (2, Some((fa, fb))) => token_item(text, fa, fb, sink) && token_item(text, a, b, sink),
            _ => token_item(text, a, b, sink),
        }
    });
    match (count, first) {
        (1, Some((a, b))) if !is_rule(text.get(a..b).unwrap_or("")) => {
            token_item(text, a, b, sink);
        }
        _ => {}
    }
    count
}

/// The items of a region `bytes` of `text` (at `start`) made of ASCII digits and white space
/// only (a row of a PDF or a tab-separated dump): the tokens are the runs of digits, a line
/// break being white space there (a page marker opens with a dash or `第`), and a run of at most
/// 18 digits is the count `parse_value` reads. One walk over the bytes: a run starts at a digit
/// and ends at the first byte that is not one (or the region's end), its count read on the way
/// (wrapping: only a run of at most 18 digits is kept). Inlined into its callers as the loop
/// was before it was shared with the reference (Simplified 103.91 -> 103.45 M without and with).
#[inline]
fn digit_runs_items(text: &str, bytes: &[u8], start: usize, sink: &mut Sink<'_>) {
    let mut run = usize::MAX;
    let mut value = 0i64;
    for (i, b) in bytes
        .iter()
        .copied()
        .chain(std::iter::once(b' '))
        .enumerate()
    {
        if b.is_ascii_digit() {
            if run == usize::MAX {
                run = i;
                value = 0;
            }
            value = value.wrapping_mul(10).wrapping_add(i64::from(b - b'0'));
            continue;
        }
        if run == usize::MAX {
            continue;
        }
        let more = if i - run <= 18 {
            sink.push(Item {
                kind: ItemKind::Value(Number::Int(value), None),
                start: start + run,
                end: start + i,
            })
        } else {
            token_item(text, start + run, start + i, sink)
        };
        if !more {
            break;
        }
        run = usize::MAX;
    }
}

/// The `|` of `bytes` and how many of the segments they end hold a line break.
fn pipe_counts(bytes: &[u8]) -> (usize, usize) {
    let mut nsegs = 0usize;
    let mut with_nl = 0usize;
    let mut seg_nl = false;
    for &b in bytes {
        if b == b'|' {
            nsegs += 1;
            with_nl += usize::from(seg_nl);
            seg_nl = false;
        } else if b == b'\n' {
            seg_nl = true;
        }
    }
    (nsegs, with_nl)
}

/// [`region_items_into`] as it was before the pipe rows were read without a first pass over the
/// region's bytes (the `|` and the segments holding a line break counted, the parentheses and
/// any byte but ASCII white space and digits noticed): the reference it is tested against.
#[cfg(test)]
fn region_items_counted(
    text: &str,
    start: usize,
    end: usize,
    max_items: usize,
    max_content: usize,
    out: &mut Vec<Item>,
) {
    let end = end.min(text.len());
    let region = match text.get(start..end) {
        Some(r) => r,
        None => return,
    };
    let mut sink = Sink::new(out, max_items, max_content);
    // One pass over the bytes: the `|` (every segment but the last ends at one), the segments
    // holding a line break, whether any parenthesis can open an annotation, and whether the
    // region holds anything but ASCII white space and digits.
    let bytes = region.as_bytes();
    let mut nsegs = 0usize;
    let mut with_nl = 0usize;
    let mut seg_nl = false;
    let mut parens = false;
    let mut other = false;
    for &b in bytes {
        match b {
            b'|' => {
                nsegs += 1;
                with_nl += usize::from(seg_nl);
                seg_nl = false;
            }
            b'\n' => seg_nl = true,
            b'(' | 0xEF => {
                parens = true;
                other = true;
            }
            b'0'..=b'9' | b' ' | b'\t' | b'\r' | 0x0B | 0x0C => {}
            _ => other = true,
        }
    }
    if nsegs > 0 {
        // One cell per line (`x |` lines): every segment holds a line break, and a segment with
        // nothing else is a blank cell. In pipe rows a bare line break between two `|` is the
        // boundary between rows, not a cell.
        let one_per_line = with_nl * 2 > nsegs;
        let mut seg_start = 0usize;
        let mut idx = 0usize;
        while seg_start <= region.len() && !sink.done {
            let rest = bytes.get(seg_start..).unwrap_or_default();
            // Most cells are a count in white space (` 12 `) or white space only: read from
            // their bytes, as the tokenizer reads them.
            let (len, plain, last_nl) = scan_cell(rest);
            let seg = region.get(seg_start..seg_start + len).unwrap_or("");
            let count = match plain {
                Some(PlainCell::Blank) => 0,
                Some(PlainCell::Count(a, b, v)) => {
                    sink.push(Item {
                        kind: ItemKind::Value(Number::Int(v), None),
                        start: start + seg_start + a,
                        end: start + seg_start + b,
                    });
                    1
                }
                None => segment_items(text, seg, start + seg_start, parens, &mut sink),
            };
            if count == 0 {
                // A line that opens with blank space before its first `|` starts with a blank
                // cell.
                let blank_line_start = last_nl.is_some_and(|p| p + 1 < seg.len());
                if idx < nsegs
                    && (idx > 0 || blank_line_start)
                    && (one_per_line || last_nl.is_none() || blank_line_start)
                {
                    sink.push(Item {
                        kind: ItemKind::Empty,
                        start: start + seg_start,
                        end: start + seg_start + seg.len(),
                    });
                }
            }
            seg_start += len + 1;
            idx += 1;
        }
    } else if !other {
        digit_runs_items(text, bytes, start, &mut sink);
    } else {
        tokens(region, start, parens, &mut |ts, te| {
            token_item(text, ts, te, &mut sink)
        });
    }
}

/// [`region_items_bounded`] as first written (a token list per `|` segment, the tokenizer walking
/// characters): the reference the one-pass reader is tested against.
#[cfg(test)]
fn region_items_reference(
    text: &str,
    start: usize,
    end: usize,
    max_items: usize,
    max_content: usize,
) -> Vec<Item> {
    let end = end.min(text.len());
    let region = match text.get(start..end) {
        Some(r) => r,
        None => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut sink = Sink::new(&mut out, max_items, max_content);
    let item = |ts: usize, te: usize, sink: &mut Sink<'_>| {
        let tok = text.get(ts..te).unwrap_or("");
        let kind = classify_in(text, tok, te);
        if kind == ItemKind::Text {
            if let Some(more) = wu_pieces(text, ts, tok, sink) {
                return more;
            }
        }
        sink.push(Item {
            kind,
            start: ts,
            end: te,
        })
    };
    if region.contains('|') {
        // One cell per line (`x |` lines): every segment holds a line break, and a segment with
        // nothing else is a blank cell. In pipe rows a bare line break between two `|` is the
        // boundary between rows, not a cell. Counted in a first pass that allocates nothing.
        // Bytes: every segment but the last ends at a `|`.
        let mut nsegs = 0usize;
        let mut with_nl = 0usize;
        let mut seg_nl = false;
        for &b in region.as_bytes() {
            if b == b'|' {
                nsegs += 1;
                with_nl += usize::from(seg_nl);
                seg_nl = false;
            } else if b == b'\n' {
                seg_nl = true;
            }
        }
        let one_per_line = with_nl * 2 > nsegs;
        let mut toks: Vec<(usize, usize)> = Vec::new();
        let mut s = 0usize;
        for (idx, seg) in region.split('|').enumerate() {
            if sink.done {
                break;
            }
            let seg_start = s;
            s += seg.len() + 1;
            toks.clear();
            tokens_by_char(seg, start + seg_start, &mut |a, b| {
                toks.push((a, b));
                true
            });
            if toks.is_empty() {
                // A line that opens with blank space before its first `|` starts with a blank cell.
                let blank_line_start =
                    seg.rsplit('\n').next().is_some_and(|t| !t.is_empty()) && seg.contains('\n');
                if idx < nsegs
                    && (idx > 0 || blank_line_start)
                    && (one_per_line || !seg.contains('\n') || blank_line_start)
                {
                    sink.push(Item {
                        kind: ItemKind::Empty,
                        start: start + seg_start,
                        end: start + seg_start + seg.len(),
                    });
                }
                continue;
            }
            if let [(a, b)] = toks.as_slice() {
                if is_rule(text.get(*a..*b).unwrap_or("")) {
                    continue; // markdown separator cell `---`
                }
            }
            for &(ts, te) in &toks {
                if !item(ts, te, &mut sink) {
                    break;
                }
            }
        }
    } else {
        tokens_by_char(region, start, &mut |ts, te| item(ts, te, &mut sink));
    }
    // An empty cell before the first value is a real blank in pipe rows; trailing empties after
    // the content are padding and kept for positional reading.
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(t: &str) -> Vec<String> {
        region_items(t, 0, t.len())
            .iter()
            .map(|i| match &i.kind {
                ItemKind::Value(n, u) => format!("{n}{}", u.unwrap_or("")),
                ItemKind::Blank => "B".into(),
                ItemKind::Empty => "E".into(),
                ItemKind::Text => "T".into(),
                ItemKind::Digits => "D".into(),
                ItemKind::Lost => "L".into(),
            })
            .collect()
    }

    #[test]
    fn values_parse_like_the_template_prints_them() {
        assert_eq!(
            parse_value("168.61万元").map(|v| (v.0.to_string(), v.1)),
            Some(("168.61".into(), Some("万元")))
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
    fn wu_glued_to_figures_is_a_blank_cell_each() {
        assert_eq!(
            kinds("23无 无无无无23"),
            ["23", "B", "B", "B", "B", "B", "23"]
        );
        assert_eq!(kinds("无无无无无无无"), ["B"; 7]);
        assert_eq!(kinds("| 4无2 | 无 |"), ["4", "B", "2", "B"]);
        // A run is told as it would be standing alone.
        assert_eq!(kinds("无0023"), ["B", kinds("0023")[0].as_str()]);
        // Anything else in the token: no blank cell of a 无.
        for t in ["无23件", "无。", "23无人", "无人"] {
            assert!(!kinds(t).contains(&"B".to_string()), "{t}");
        }
        // The pieces are bounded like any item.
        let t = "无1无2";
        let head = region_items_bounded(t, 0, t.len(), 3, usize::MAX);
        assert_eq!(
            head,
            region_items(t, 0, t.len()).get(..3).unwrap_or_default()
        );
    }

    #[test]
    fn bounded_items_are_the_head_of_the_full_list() {
        let rows = [
            " | 1 | 2 | | 3 | 4 |\n其他 | 9 |",
            " 5 6 7 增3 168.61万元 8\n法提供 1",
            " |\n0 |\n0 |\n|\n|\n",
        ];
        for t in rows {
            let full = region_items(t, 0, t.len());
            for n in 0..=full.len() + 1 {
                let head = region_items_bounded(t, 0, t.len(), n, usize::MAX);
                assert_eq!(head.as_slice(), full.get(..n).unwrap_or(&full), "{t:?} {n}");
            }
        }
        // The content bound stops at the n-th value, empties before it kept.
        let t = " | | 1 | | 2 | 3 | 4 |";
        let head = region_items_bounded(t, 0, t.len(), usize::MAX, 2);
        assert_eq!(head.len(), 4);
        assert!(matches!(
            head[3].kind,
            ItemKind::Value(Number::Int(2), None)
        ));
        // A megabyte of cells is read no further than asked.
        let giant = " | 1".repeat(250_000);
        let head = region_items_bounded(&giant, 0, giant.len(), 1001, usize::MAX);
        assert_eq!(head.len(), 1001);
        assert_eq!(head[1000].start, 4 * 1000 + 3);
    }

    /// Table-like text: digits, signs, units, pipes, CJK, blanks of every kind, line breaks,
    /// parentheses and page markers.
    fn table_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "0",
            "12",
            "7",
            "1,234",
            "168.61",
            "万元",
            "件",
            "+",
            "-",
            "减",
            "增",
            "|",
            "||",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "\u{3000}",
            "\u{a0}",
            "\u{2003}",
            "\u{85}",
            "(",
            ")",
            "（",
            "）",
            "申请",
            "其他",
            "无",
            "/",
            "—",
            "- 5 -",
            "\n- 5 -\n",
            "\n第 3 页\n",
            "\nPage 3 of 8\n",
            "Pa",
            "—4—",
            "a",
            ".",
            "：",
            "𠀀",
            "é",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    /// Value-like tokens: signs, sign words, digits, separators, units and text.
    fn value_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "+", "-", "减", "增", "减少", "增加", "0", "12", "7", "1,234", "1,23", ",", ".", "5",
            "万元", "元", "万", "件", "人次", "a", "申请", "/", "无",
        ]);
        prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
    }

    fn collect(
        t: &str,
        f: fn(&str, usize, &mut dyn FnMut(usize, usize) -> bool),
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        f(t, 3, &mut |a, b| {
            out.push((a, b));
            true
        });
        out
    }

    /// Pipe rows of counts: cells of spaces around a run of digits (up to 19), blanks, and now
    /// and then a tab, a line break, a sign, a separator, a rule or text inside a cell.
    fn count_row() -> impl Strategy<Value = String> {
        let cell = prop::sample::select(vec![
            "",
            " ",
            "  ",
            " 0 ",
            "0",
            " 12 ",
            "7  ",
            "  7",
            " 123456789012345678 ",
            " 1234567890123456789 ",
            " 1 2 ",
            " -3 ",
            " +3 ",
            " 4\t",
            "\t",
            "\n",
            " 5\n",
            "\n ",
            " 无 ",
            " 其他 ",
            " --- ",
            " 1,234 ",
            " 1.5 ",
            " (一) ",
            " 6万元 ",
            "\u{3000}",
        ]);
        prop::collection::vec(cell, 0..12).prop_map(|v| v.join("|"))
    }

    proptest! {
        #[test]
        fn a_cell_read_from_its_bytes_is_the_cell_the_tokenizer_reads(
            seg in prop::collection::vec(
                prop::sample::select(vec![
                    " ",
                    "0",
                    "9",
                    "12",
                    "12345678901234567",
                    "123456789012345678",
                    "1234567890123456789",
                    "\t",
                    "\n",
                    "\r",
                    "\u{b}",
                    "\u{c}",
                    "\u{3000}",
                    "-",
                    "a",
                    "无",
                    ".",
                ]),
                0..12,
            ).prop_map(|v| v.concat()),
        ) {
            let mut toks = Vec::new();
            tokens_by_char(&seg, 0, &mut |a, b| {
                toks.push((a, b));
                true
            });
            let plain = seg
                .bytes()
                .all(|x| matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | b'0'..=b'9'));
            let want = match toks.as_slice() {
                _ if !plain => None,
                [] => Some(PlainCell::Blank),
                [(a, b)] if b - a <= 18 => match classify(seg.get(*a..*b).unwrap_or("")) {
                    ItemKind::Value(Number::Int(v), None) => Some(PlainCell::Count(*a, *b, v)),
                    _ => None,
                },
                _ => None,
            };
            prop_assert_eq!(plain_cell(seg.as_bytes()), want);
        }

        #[test]
        fn a_cell_scanned_once_is_the_cell_found_trimmed_and_tested(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    " ", "0", "9", "12", "12345678901234567", "123456789012345678",
                    "1234567890123456789", "99999999999999999999", "\t", "\n", "\r", "\u{b}",
                    "\u{c}", "\u{3000}", "-", "a", "无", ".", "|",
                ]),
                0..14,
            ),
        ) {
            // The segment runs to the first `|`; what follows it must not change the reading.
            let rest = parts.concat();
            let bytes = rest.as_bytes();
            let len = bytes.iter().position(|&b| b == b'|').unwrap_or(bytes.len());
            let seg = bytes.get(..len).unwrap_or_default();
            let want = (len, plain_cell(seg), seg.iter().rposition(|&b| b == b'\n'));
            prop_assert_eq!(scan_cell(bytes), want);
        }

        /// The four bytes of a digit between two spaces and a `|` are read as the loop reads
        /// them, on segments of spaces, digits, `|`, line breaks, tabs, a letter and a character
        /// beyond ASCII (and nothing at all), the `|` or the spaces missing or doubled.
        #[test]
        fn a_digit_between_two_spaces_is_scanned_as_the_loop_scans_it(
            parts in prop::collection::vec(
                prop::sample::select(vec![" ", "0", "7", "9", "|", "\n", "\t", "a", "无", "12"]),
                0..8,
            ),
            lead in prop::sample::select(vec![
                "", " 0 |", " 5 |", " 9 ", " 3", " 4 | ", "\n 0  |", "\n 7  | ", "\n 5  ",
                "\n 8 |", "\n 6   |", "\n 2  |\n 1  |",
            ]),
        ) {
            let rest = format!("{lead}{}", parts.concat());
            prop_assert_eq!(scan_cell(rest.as_bytes()), scan_cell_looped(rest.as_bytes()));
        }

        #[test]
        fn counts_in_white_space_read_as_the_reference_reads_them(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    " ",
                    "  ",
                    "\t",
                    "\n",
                    "\r\n",
                    "\u{b}",
                    "\u{c}",
                    "0",
                    "7",
                    "12",
                    "123456789012345678",
                    "1234567890123456789",
                    "99999999999999999999",
                    "-",
                    "\n- 5 -\n",
                    "a",
                    "(",
                    "无",
                    "|",
                ]),
                0..16,
            ),
            plain_only in any::<bool>(),
            max_items in prop_oneof![0usize..12, Just(usize::MAX)],
            max_content in prop_oneof![0usize..10, Just(usize::MAX)],
        ) {
            // Half the regions hold ASCII white space and digits only.
            let text: String = parts
                .iter()
                .filter(|p| !plain_only || p.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_whitespace() || b == 0x0B))
                .copied()
                .collect();
            for start in [0, text.find(|c: char| c.is_ascii_digit()).unwrap_or(0)] {
                prop_assert_eq!(
                    region_items_bounded(&text, start, text.len(), max_items, max_content),
                    region_items_reference(&text, start, text.len(), max_items, max_content)
                );
            }
        }

        #[test]
        fn pipe_rows_of_counts_read_as_the_reference_reads_them(
            row in count_row(),
            head in count_row(),
            max_items in prop_oneof![0usize..12, Just(usize::MAX)],
            max_content in prop_oneof![0usize..10, Just(usize::MAX)],
        ) {
            let text = format!("{head}{row}");
            let start = head.len();
            prop_assert_eq!(
                region_items_bounded(&text, start, text.len(), max_items, max_content),
                region_items_reference(&text, start, text.len(), max_items, max_content)
            );
        }

        #[test]
        fn items_appended_to_a_list_are_the_items_read_alone(
            t in table_text(),
            before in table_text(),
            max_items in prop_oneof![0usize..12, Just(usize::MAX)],
            max_content in prop_oneof![0usize..10, Just(usize::MAX)],
        ) {
            // A table's list already holds the items of its earlier regions: the bounds count
            // this region's items only.
            let mut list = region_items(&before, 0, before.len());
            let held = list.clone();
            region_items_into(&t, 0, t.len(), max_items, max_content, &mut list);
            let mut want = held;
            want.extend(region_items_bounded(&t, 0, t.len(), max_items, max_content));
            prop_assert_eq!(list, want);
        }

        #[test]
        fn a_region_read_once_is_the_region_counted_first(
            cells in prop::collection::vec(
                prop::sample::select(vec![
                    "", " ", "\n", " \n", "\n ", "\n\n", " 0 ", "12", " 7\n", "\n 5  ",
                    " 1 2 ", " 无 ", " 其他 ", " --- ", " (一)x ", " 6万元 ", "\t", "\u{3000}",
                    "\n- 5 -\n", " a\n b ",
                ]),
                0..16,
            ),
            t in table_text(),
            before in table_text(),
            max_items in prop_oneof![0usize..12, Just(usize::MAX)],
            max_content in prop_oneof![0usize..10, Just(usize::MAX)],
        ) {
            // Pipe rows and one cell per line (blank cells holding line breaks, text ending a
            // row, more such cells than are held before the counts are known), and any text;
            // appended after a list of items, as a table's later regions are.
            let rows = cells.join("|");
            for region in [rows.as_str(), t.as_str()] {
                let mut got = region_items(&before, 0, before.len());
                let mut want = got.clone();
                region_items_into(region, 0, region.len(), max_items, max_content, &mut got);
                region_items_counted(region, 0, region.len(), max_items, max_content, &mut want);
                prop_assert_eq!(got, want);
            }
        }

        #[test]
        fn a_region_told_piped_by_its_first_bytes_reads_as_the_region_searched_for_a_pipe(
            text in table_text(),
            bounds in (0usize..120, 0usize..120),
            max_items in prop_oneof![0usize..12, Just(usize::MAX)],
        ) {
            // Any region of table text (its `|` at the start, further on or nowhere, its other
            // bytes digits and white space only or not).
            let (start, end) = (bounds.0.min(bounds.1), bounds.0.max(bounds.1));
            let mut got = Vec::new();
            let mut want = Vec::new();
            region_items_into(&text, start, end, max_items, usize::MAX, &mut got);
            region_items_into_sliced(&text, start, end, max_items, usize::MAX, &mut want);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn a_region_whose_counts_are_not_sliced_is_the_region_sliced_first(
            cells in prop::collection::vec(
                prop::sample::select(vec![
                    "", " ", "\n", " \n", "\n ", " 0 ", "12", " 7\n", "\n 5  ", " 1 2 ",
                    " 无 ", " 其他 ", " --- ", " (一)x ", " 6万元 ", "\t", "\u{3000}", "\n- 5 -\n",
                    " 1234567890123456789 ", "自然人",
                ]),
                0..16,
            ),
            head in table_text(),
            cut in 0usize..12,
            max_items in prop_oneof![0usize..12, Just(usize::MAX)],
            max_content in prop_oneof![0usize..10, Just(usize::MAX)],
        ) {
            // Pipe rows after other text, the region cut anywhere in them (inside a character
            // too), appended after the items of the text before it.
            let text = format!("{head}{}", cells.join("|"));
            let start = head.len();
            let end = text.len().saturating_sub(cut).max(start);
            let mut got = region_items(&text, 0, start);
            let mut want = got.clone();
            region_items_into(&text, start, end, max_items, max_content, &mut got);
            region_items_into_sliced(&text, start, end, max_items, max_content, &mut want);
            prop_assert_eq!(got, want);
        }

        #[test]
        fn the_byte_tokenizer_agrees_with_the_char_walk(t in table_text()) {
            prop_assert_eq!(annotation_ranges(&t), annotation_ranges_from_start(&t));
            let fast = collect(&t, |s, b, e| tokens(s, b, true, &mut |x, y| e(x, y)));
            let slow = collect(&t, |s, b, e| tokens_by_char(s, b, &mut |x, y| e(x, y)));
            prop_assert_eq!(fast, slow);
        }

        #[test]
        fn the_one_pass_reader_agrees_with_the_reference(
            t in table_text(),
            head in table_text(),
            max_items in prop_oneof![0usize..12, Just(usize::MAX)],
            max_content in prop_oneof![0usize..10, Just(usize::MAX)],
        ) {
            let text = format!("{head}{t}");
            let start = head.len();
            prop_assert_eq!(
                region_items_bounded(&text, start, text.len(), max_items, max_content),
                region_items_reference(&text, start, text.len(), max_items, max_content)
            );
        }

        #[test]
        fn values_parse_as_the_grammar_reads_them(tok in value_text()) {
            let tok = tok.as_str();
            prop_assert_eq!(parse_value(tok), parse_value_parser(tok).or_else(|| {
                // The digit fast path: the grammar reads the same count.
                let b = tok.as_bytes();
                (!b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit))
                    .then(|| (Number::Int(tok.parse().unwrap_or(0)), None))
            }));
        }
    }

    /// The annotations' byte ranges: ASCII and full-width brackets, a group nested in another
    /// (one range, the outer), a group without CJK text and an unbalanced one (none), more
    /// groups than the list keeps in place, and a group open for more than 600 bytes (dropped).
    #[test]
    fn annotation_ranges_are_the_bracketed_groups_holding_cjk_text() {
        let long = format!("({})(注)", "注".repeat(201));
        let cases: [(&str, &[(usize, usize)]); 9] = [
            ("a(注)b", &[(1, 6)]),
            ("（自然人）", &[(0, 15)]),
            ("(12) 3", &[]),
            ("x(外(内)层)y", &[(1, 14)]),
            (")注(", &[]),
            (
                "(甲)(乙)(丙)(丁)(戊)",
                &[(0, 5), (5, 10), (10, 15), (15, 20), (20, 25)],
            ),
            (&long, &[(605, 610)]),
            // A row's values inside a remark wrapped over lines: no annotation.
            ("(区分处理   6   1   0\n的,只计这一情形)", &[]),
            ("(指 2019 年事项数)", &[(0, 23)]),
        ];
        for (text, want) in cases {
            assert_eq!(annotation_ranges(text).as_slice(), want, "{text}");
        }
        // A figure alone on a line of its own between a remark's lines (`pdftotext`'s default
        // order): no annotation with the `html` feature, one without it. A figure on a line
        // with the remark's words, or a line of words only, leaves the group one.
        let alone = "（区分处理的，只计\n0\n这一情形，不计其他情形）";
        let want: &[(usize, usize)] = if cfg!(feature = "html") {
            &[]
        } else {
            &[(0, alone.len())]
        };
        assert_eq!(annotation_ranges(alone).as_slice(), want);
        for kept in [
            "（区分处理的，只计\n这一情形，不计其他情形）",
            "（区分处理的，只计 0\n这一情形，不计其他情形）",
            "（指\n2019 年事项数）",
        ] {
            assert_eq!(
                annotation_ranges(kept).as_slice(),
                &[(0, kept.len())],
                "{kept}"
            );
        }
        // The figure's line closed by the text's end, not a break: the group is unclosed.
        assert!(annotation_ranges("（区分处理的\n 12 \n").is_empty());
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

    #[test]
    fn a_numbering_cut_from_its_label_is_text() {
        let text = "2.其他法律 3. 4.5";
        assert_eq!(classify_in(text, "2.", 2), ItemKind::Text);
        // Followed by a space or nothing it is what it was.
        assert_eq!(classify_in(text, "3.", 17), classify("3."));
        assert_eq!(classify_in(text, "4.5", text.len()), classify("4.5"));
    }
}
