//! Rules C7 and C10: counts stated in section 一 (总体情况) against tables 3 and 4.
//!
//! The overview restates a few table figures in prose: `全市共受理政府信息公开申请3119件`,
//! `办结69件`, `1件结转下年度继续办理`, `政府信息公开行政复议351件`, `行政诉讼46件`. Prose is
//! loose, so a figure is only taken when it is stated unambiguously:
//!
//! 1. The text is folded for matching: whitespace removed (PDF text breaks lines inside words
//!    and puts spaces around numbers), full-width digits made ASCII, Traditional characters
//!    made Simplified, pinyin glosses (`結(jié)`) dropped. Only the first [`MAX_CHARS`]
//!    characters are read.
//! 2. Every number followed by a count unit (`件`, `起`, `宗`, `条`, `个`, `份`, `次`, `例`) is a
//!    candidate; Arabic digits, thousands commas and small Chinese numerals (`一件`, `两起`,
//!    `十二件`) are read. `3000余件`, `40多条` and `2.47%` are not candidates.
//! 3. The *nearest anchor* before the number within its clause (clauses end at `，。；：` and
//!    brackets) decides what the number is, and the words between anchor and number must fit
//!    that anchor's short grammar: `受理` + an object naming 申请 + fillers (`共`, `共计`) + N;
//!    `办结`/`答复` + at most a 申请 object + N; `上年结转` + N; `结转` + `下年度`… + N, or
//!    N + `件结转下年度`/`顺延到下年度`; `行政复议`/`行政诉讼` + `案件`/`共` + N. Anything else
//!    between them (`较上年增加`, `被纠错`, `中予以公开`) means the number is about something else.
//! 4. Hedges void a candidate: `其中`, `累计`, `历年`, `同比`, `较上年`, `去年`, … before it in the
//!    clause, and a year other than the report's in the sentence before it. Review and
//!    litigation figures also need the sentence to speak of 信息公开 (a justice bureau's overview
//!    may count all the reviews it handled), and are skipped after `受理`/`办理`/`复议机关`
//!    (the agency as reviewing body, not as respondent).
//! 5. A kind of figure stated twice with different values is ambiguous and dropped; agreement
//!    with the table is silent. The count of applications received may include the carried-over
//!    ones (`受理749件` = 一 713 + 二 36 in a real report), so 一 + 二 also agrees.

use super::table3::{CARRIED_IN, CARRIED_OUT, NEW, TOTAL, TOTAL_COL};
use super::table4::{LITIGATION, REVIEW, TOTAL_COL as T4_TOTAL};
use super::{short_row, Operand, Out, RuleInfo};
use crate::diag::{Code, Diagnostic};
use crate::model::{Report, SectionKind, TableKind};
use crate::BuiltOnce;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The overview is read up to this many characters (real ones are a few thousand).
const MAX_CHARS: usize = 200_000;
/// An anchor is looked for at most this many characters before its number.
const MAX_PREFIX: usize = 48;
/// Clauses and sentences are looked for at most this many characters around a number.
const MAX_SENTENCE: usize = 200;

/// What a stated figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// Applications received: table 3 一 (or 一 + 二), 总计.
    Received,
    /// Applications carried over from last year: table 3 二, 总计.
    CarriedIn,
    /// Applications completed: table 3 （七）总计, 总计.
    Completed,
    /// Applications carried forward: table 3 四, 总计.
    CarriedOut,
    /// Administrative reviews: table 4 行政复议, 总计.
    Review,
    /// Lawsuits: table 4 both 行政诉讼 groups, 总计.
    Litigation,
    /// Reviews and lawsuits together.
    ReviewAndLitigation,
}

/// One figure the prose states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    /// What it counts.
    pub kind: Kind,
    /// The number.
    pub value: i64,
    /// The clause it was read from (folded text).
    pub quote: String,
}

/// One character folded for matching: Simplified script (the built-in label table, which
/// covers every Traditional character of the anchors, units and hedges: a test holds it to
/// the list below), ASCII digits.
fn fold_char(c: char) -> char {
    let c = crate::t2s::label_char(c);
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        _ => c,
    }
}

// A pinyin letter: ASCII lowercase or a toned vowel (the normaliser's own test).
use crate::normalise::is_pinyin_char as is_pinyin;

/// The text folded for matching (see the module docs): the fold of [`Folded::of`] as it was
/// first written, a pass that folds and a pass that drops the glosses.
#[cfg(test)]
pub(crate) fn fold(text: &str) -> Vec<char> {
    // Sized once (a character takes at least a byte): no regrowth while folding.
    let mut raw: Vec<char> = Vec::with_capacity(text.len().min(MAX_CHARS));
    let mut brackets = Vec::new();
    for c in text.chars() {
        // CJK ideographs (most of the text) are never whitespace.
        if !('\u{3400}'..'\u{A000}').contains(&c) && c.is_whitespace() {
            continue;
        }
        if raw.len() >= MAX_CHARS {
            break;
        }
        let f = fold_char(c);
        if matches!(f, '(' | '（') {
            brackets.push(raw.len());
        }
        raw.push(f);
    }
    // Nothing moves before the first gloss.
    let Some(first) = brackets.into_iter().find(|&b| gloss(&raw, b).is_some()) else {
        return raw;
    };
    // Glosses are dropped in place: the write index never passes the read index.
    let mut w = first;
    let mut i = first;
    while let Some(&c) = raw.get(i) {
        if matches!(c, '(' | '（') {
            if let Some(n) = gloss(&raw, i) {
                i += n + 2;
                continue;
            }
        }
        if let Some(slot) = raw.get_mut(w) {
            *slot = c;
        }
        w += 1;
        i += 1;
    }
    raw.truncate(w);
    raw
}

/// The number of letters of the gloss opening at `i`: `(` + 1–8 pinyin letters + `)`.
#[cfg(test)]
fn gloss(t: &[char], i: usize) -> Option<usize> {
    if !matches!(t.get(i), Some('(') | Some('（')) {
        return None;
    }
    let n = t
        .iter()
        .skip(i + 1)
        .take(9)
        .take_while(|c| is_pinyin(**c))
        .count();
    ((1..=8).contains(&n) && matches!(t.get(i + 1 + n), Some(')') | Some('）'))).then_some(n)
}

fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '，' | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '！'
            | '!'
            | '？'
            | '?'
            | '（'
            | '）'
            | '('
            | ')'
            | '\u{3010}'
            | '\u{3011}'
            | '['
            | ']'
            | '“'
            | '”'
            | '"'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?')
}

/// A count unit: `件起宗条个份次例` (a `match`, not a substring search per character).
fn is_unit(c: char) -> bool {
    matches!(c, '件' | '起' | '宗' | '条' | '个' | '份' | '次' | '例')
}

/// A Chinese numeral character: `零一二两三四五六七八九十百`.
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
    )
}

/// A number followed by a unit: `(start, end of number, value)`; `end` indexes the unit. A
/// forward scan, the reading [`number_before`] is held to.
#[cfg(test)]
fn numbers(t: &[char]) -> Vec<(usize, usize, i64)> {
    let mut out = Vec::with_capacity(16);
    let mut i = 0;
    while i < t.len() {
        let c = t.get(i).copied().unwrap_or_default();
        if c.is_ascii_digit() {
            let start = i;
            // The digits' count and, while there are at most 15 of them, their value (15
            // digits fit an i64).
            let mut n_digits = 0usize;
            let mut value = 0i64;
            while let Some(&d) = t.get(i) {
                if let Some(v) = d.to_digit(10) {
                    n_digits += 1;
                    if n_digits <= 15 {
                        value = value * 10 + i64::from(v);
                    }
                    i += 1;
                } else if d == ','
                    && (1..=3).all(|k| t.get(i + k).is_some_and(|c| c.is_ascii_digit()))
                    && !t.get(i + 4).is_some_and(|c| c.is_ascii_digit())
                {
                    i += 1;
                } else {
                    break;
                }
            }
            let after = t.get(i).copied();
            let decimal_before = start > 0 && t.get(start - 1) == Some(&'.');
            if !decimal_before && n_digits <= 15 && after.is_some_and(is_unit) {
                out.push((start, i, value));
            }
        } else if is_cn_digit(c) {
            let start = i;
            while t.get(i).is_some_and(|c| is_cn_digit(*c)) && i - start < 8 {
                i += 1;
            }
            if t.get(i).is_some_and(|u| is_unit(*u)) {
                if let Some(v) = t.get(start..i).and_then(chinese_number) {
                    out.push((start, i, v));
                }
            }
            // skip the rest of an over-long run
            while t.get(i).is_some_and(|c| is_cn_digit(*c)) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// `一` → 1, `十二` → 12, `二十三` → 23, `一百零五` → 105; `二三` (two digits in a row) → None.
fn chinese_number(s: &[char]) -> Option<i64> {
    let mut total = 0i64;
    let mut cur: Option<i64> = None;
    for &c in s {
        let d = match c {
            '零' => {
                cur = None;
                continue;
            }
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' | '百' => {
                let unit = if c == '十' { 10 } else { 100 };
                total += cur.take().unwrap_or(1) * unit;
                continue;
            }
            _ => return None,
        };
        if cur.is_some() {
            return None;
        }
        cur = Some(d);
    }
    Some(total + cur.unwrap_or(0))
}

/// The text of the folded characters `t`: a string sized for their UTF-8 at once, instead of
/// one grown from a byte a character (a quote of Chinese characters regrew once or twice). The
/// same text as [`s_reference`]: a proptest holds it.
fn s(t: &[char]) -> String {
    let mut out = String::with_capacity(t.iter().map(|c| c.len_utf8()).sum());
    out.extend(t);
    out
}

/// [`s`] as first written, collected: the reference it is held to.
#[cfg(test)]
fn s_reference(t: &[char]) -> String {
    t.iter().collect()
}

/// Words that make a figure something other than this year's total.
const HEDGES: Words = Words::new(&[
    "其中",
    "累计",
    "历年",
    "同比",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "去年",
    "同期",
    "增长",
    "增加",
    "减少",
    "下降",
    "上升",
    "平均",
    "占",
    "率",
]);
/// Words between an anchor and its number that name a different figure.
const FOREIGN: Words = Words::new(&[
    "予以", "不予", "部分", "无法", "复议", "诉讼", "办结", "答复", "结转", "转办", "咨询", "留言",
    "热线", "投诉", "信访", "建议", "提案", "来信", "来电",
]);
/// Words of a sentence about other requests than applications (a figure completed there is
/// not one of table 3).
const NOT_APPLICATIONS: Words =
    Words::new(&["热线", "留言", "咨询", "来电", "来信", "建议", "提案"]);
/// Words between `结转` and its number that name a different figure.
const NOT_CARRIED: Words = Words::new(&["予以", "不予", "复议", "诉讼"]);
/// Words before a review or lawsuit figure that make the agency the reviewing body.
const REVIEWING_BODY: Words = Words::new(&["受理", "办理", "复议机关", "审理"]);
/// Fillers allowed right before a number.
const FILLERS: &[&str] = &[
    "共计", "合计", "总计", "总共", "一共", "共", "计", "达", "为", "了", "有",
];

/// True when `h` opens with the characters of `w`; what is left of it after them.
fn strip_start<'a>(h: &'a [char], w: &str) -> Option<&'a [char]> {
    let mut i = 0;
    for c in w.chars() {
        if h.get(i) != Some(&c) {
            return None;
        }
        i += 1;
    }
    h.get(i..)
}

/// True when `h` ends with the characters of `w`; what is left of it before them.
fn strip_end<'a>(h: &'a [char], w: &str) -> Option<&'a [char]> {
    let mut i = h.len();
    for c in w.chars().rev() {
        i = i.checked_sub(1)?;
        if h.get(i) != Some(&c) {
            return None;
        }
    }
    h.get(..i)
}

fn starts_with(h: &[char], w: &str) -> bool {
    strip_start(h, w).is_some()
}

fn ends_with(h: &[char], w: &str) -> bool {
    strip_end(h, w).is_some()
}

/// `h` without every trailing repeat of `w`.
fn trim_end<'a>(mut h: &'a [char], w: &str) -> &'a [char] {
    while let Some(rest) = strip_end(h, w) {
        h = rest;
    }
    h
}

/// True when the characters of `w` occur in `h`.
fn contains(h: &[char], w: &str) -> bool {
    let Some(first) = w.chars().next() else {
        return true;
    };
    h.iter()
        .enumerate()
        .any(|(i, &c)| c == first && h.get(i..).is_some_and(|r| starts_with(r, w)))
}

/// A list of words with a filter on their first characters ([`first_bits`]), and each word's
/// first character.
struct Words {
    words: &'static [&'static str],
    first: u128,
    /// The code point of the first character of each of `words`, in order.
    firsts: [u32; MAX_WORDS],
}

/// The most words a list ([`Words`]) holds.
const MAX_WORDS: usize = 24;

impl Words {
    /// The list of `words`, none empty and at most [`MAX_WORDS`] of them (else the constant
    /// does not build).
    // Indexes in `const` evaluation only: an index out of bounds fails the build, never a run.
    #[allow(clippy::indexing_slicing)]
    const fn new(words: &'static [&'static str]) -> Words {
        assert!(words.len() <= MAX_WORDS);
        let mut firsts = [0u32; MAX_WORDS];
        let mut i = 0;
        while i < words.len() {
            assert!(!words[i].is_empty());
            firsts[i] = first_code(words[i].as_bytes());
            i += 1;
        }
        Words {
            words,
            first: first_bits(words),
            firsts,
        }
    }
}

/// A bit for the code point modulo 128 of the first character of each of `words` (every bit
/// for an empty word, which any text holds): a list of about twenty words lets one character
/// in eight through, where a filter modulo 64 let one in four.
const fn first_bits(words: &[&str]) -> u128 {
    match words {
        [] => 0,
        [w, rest @ ..] => first_bit(w.as_bytes()) | first_bits(rest),
    }
}

/// The bit of the code point modulo 128 of the character that the UTF-8 `b` opens with.
const fn first_bit(b: &[u8]) -> u128 {
    match b {
        [] => u128::MAX,
        _ => 1 << (first_code(b) % 128),
    }
}

/// The code point of the character that the UTF-8 `b` opens with (`u32::MAX` for none).
const fn first_code(b: &[u8]) -> u32 {
    match b {
        [a, ..] if *a < 0x80 => *a as u32,
        [a, b, ..] if *a < 0xE0 => ((*a as u32 & 0x1F) << 6) | (*b as u32 & 0x3F),
        [a, b, c, ..] if *a < 0xF0 => {
            ((*a as u32 & 0x0F) << 12) | ((*b as u32 & 0x3F) << 6) | (*c as u32 & 0x3F)
        }
        [a, b, c, d, ..] => {
            ((*a as u32 & 0x07) << 18)
                | ((*b as u32 & 0x3F) << 12)
                | ((*c as u32 & 0x3F) << 6)
                | (*d as u32 & 0x3F)
        }
        _ => u32::MAX,
    }
}

/// True when one of `words` occurs in `h`: one pass over `h`, the words tried only where a
/// character passes the filter of their first characters, and only those whose first
/// character it is (a compare of two code points, where a word's characters were decoded for
/// every word). The same answer as [`has_any_reference`]: a proptest holds it.
fn has_any(h: &[char], words: &Words) -> bool {
    h.iter().enumerate().any(|(i, &c)| {
        (words.first >> (c as u32 % 128)) & 1 == 1
            && h.get(i..).is_some_and(|r| {
                words
                    .words
                    .iter()
                    .zip(&words.firsts)
                    .any(|(w, &f)| f == c as u32 && starts_with(r, w))
            })
    })
}

/// [`has_any`] as it was, every word of the list tried where a character passes the filter:
/// the reference it is held to.
#[cfg(test)]
fn has_any_reference(h: &[char], words: &Words) -> bool {
    h.iter().enumerate().any(|(i, &c)| {
        (words.first >> (c as u32 % 128)) & 1 == 1
            && h.get(i..)
                .is_some_and(|r| words.words.iter().any(|w| starts_with(r, w)))
    })
}

fn strip_fillers(mut b: &[char]) -> &[char] {
    'outer: loop {
        for f in FILLERS {
            if let Some(rest) = strip_end(b, f) {
                b = rest;
                continue 'outer;
            }
        }
        return b;
    }
}

/// True when `b` is made only of the words in `tokens`.
fn tokens_only(mut b: &[char], tokens: &[&str]) -> bool {
    'outer: while !b.is_empty() {
        for t in tokens {
            if let Some(rest) = strip_start(b, t) {
                b = rest;
                continue 'outer;
            }
        }
        return false;
    }
    true
}

const NEXT_YEAR: &[&str] = &[
    "下年",
    "下一年",
    "次年",
    "至下",
    "到下",
    "至次年",
    "到次年",
    "转入下",
];

/// The anchors, each with the kind it names.
const ANCHORS: &[(&str, Kind)] = &[
    ("受理", Kind::Received),
    ("新收", Kind::Received),
    ("收到", Kind::Received),
    ("接收", Kind::Received),
    ("接到", Kind::Received),
    ("办结", Kind::Completed),
    ("答复", Kind::Completed),
    ("上年结转", Kind::CarriedIn),
    ("上年度结转", Kind::CarriedIn),
    ("上一年结转", Kind::CarriedIn),
    ("上一年度结转", Kind::CarriedIn),
    ("结转", Kind::CarriedOut),
    ("行政复议", Kind::Review),
    ("行政诉讼", Kind::Litigation),
];

/// True for the first characters of the [`ANCHORS`] (a test holds the two together).
fn may_open_anchor(c: char) -> bool {
    matches!(
        c,
        '受' | '新' | '收' | '接' | '办' | '答' | '上' | '结' | '行'
    )
}

/// The nearest anchor ending in `p`: `(kind, position of the anchor, text after it)`. Of two
/// anchors ending at the same place the longer wins (`上年结转` over `结转`).
///
/// One pass over `p` testing the anchors only where one can open: the occurrence that ends
/// last is the last occurrence of its anchor, so this finds what a reverse search for every
/// anchor would, without building fourteen substring searchers per number.
fn nearest_anchor(p: &[char]) -> Option<(Kind, usize, &[char])> {
    let mut best: Option<(Kind, usize, usize)> = None; // kind, start, end
    for (pos, &c) in p.iter().enumerate() {
        if !may_open_anchor(c) {
            continue;
        }
        let rest = p.get(pos..).unwrap_or_default();
        for (a, kind) in ANCHORS {
            if let Some(after) = strip_start(rest, a) {
                let end = p.len() - after.len();
                let better = match best {
                    None => true,
                    Some((_, bs, be)) => end > be || (end == be && pos < bs),
                };
                if better {
                    best = Some((*kind, pos, end));
                }
            }
        }
    }
    let (kind, start, end) = best?;
    Some((kind, start, p.get(end..)?))
}

/// The positions of the clause ends and of the sentence ends of `t`, in order: one pass, so
/// that the bounds around each number are binary searches rather than scans.
#[derive(Debug, PartialEq, Eq)]
struct Ends {
    clause: Positions,
    sentence: Positions,
}

/// Positions of the ends of a [`Folded`] text, kept in place up to 32: the size of the
/// crate's other small vectors of `usize` (one type of vector less in the WebAssembly module,
/// whose code each type of it repeats).
type Positions = smallvec::SmallVec<[usize; 32]>;

impl Ends {
    #[cfg(test)]
    fn of(t: &[char]) -> Ends {
        // Sized for prose (a clause every dozen characters or so, a sentence every few clauses),
        // so that most overviews never regrow them.
        let mut ends = Ends {
            clause: Positions::with_capacity(t.len() / 8 + 8),
            sentence: Positions::with_capacity(t.len() / 32 + 8),
        };
        for (i, &c) in t.iter().enumerate() {
            // No CJK ideograph (most of the text) ends a clause.
            if ('\u{3400}'..'\u{A000}').contains(&c) {
                continue;
            }
            if is_clause_end(c) {
                ends.clause.push(i);
            }
            if is_sentence_end(c) {
                ends.sentence.push(i);
            }
        }
        ends
    }
}

/// Just after the last of `ends` in `back..start`, or `back` when none is.
fn start_after(ends: &[usize], back: usize, start: usize) -> usize {
    let i = ends.partition_point(|&p| p < start);
    match i.checked_sub(1).and_then(|i| ends.get(i)) {
        Some(&p) if p >= back => p + 1,
        _ => back,
    }
}

/// The first of `ends` in `end..ahead`, or `ahead` when none is.
fn end_at(ends: &[usize], end: usize, ahead: usize) -> usize {
    match ends.get(ends.partition_point(|&p| p < end)) {
        Some(&p) if p < ahead => p,
        _ => ahead,
    }
}

/// Every `YYYY年` of `t` with 1990 ≤ YYYY ≤ 2100: `(position, year)`, in order.
#[cfg(test)]
fn years(t: &[char]) -> Vec<(usize, u16)> {
    let mut out = Vec::with_capacity(8);
    for (i, w) in t.windows(5).enumerate() {
        if w.get(4) != Some(&'年') {
            continue;
        }
        // four ASCII digits: at most 9999
        let y = w.iter().take(4).try_fold(0u16, |y, c| {
            let d = u16::try_from(c.to_digit(10)?).ok()?;
            Some(y * 10 + d)
        });
        if let Some(y) = y.filter(|y| (1990..=2100).contains(y)) {
            out.push((i, y));
        }
    }
    out
}

/// The folded text (see the module docs) with what the matching looks up in it, found in one
/// pass over the text: the clause and sentence ends, the years (`YYYY年`), the numbers
/// followed by a unit. The same as folding ([`fold`]) and then scanning the folded text for
/// each (`Ends::of`, [`years`], [`numbers`]): a test holds the two equal.
#[derive(Debug, PartialEq, Eq)]
struct Folded {
    t: Vec<char>,
    // The lists are kept in place up to a sentence's (the parts folded are sentences, with a
    // few ends, years and numbers each): of the five buffers a report's parts were folded in,
    // allocated and freed per report, only the text's is left.
    ends: Ends,
    years: smallvec::SmallVec<[(usize, u16); 8]>,
    numbers: smallvec::SmallVec<[(usize, usize, i64); 8]>,
    /// Where the folded text last lost a gloss: a gloss is read in the text as written, so
    /// none opens before this point and closes after it.
    floor: usize,
}

impl Folded {
    /// The text up to its [`MAX_CHARS`]th character folded, with its lists.
    fn of(text: &str) -> Folded {
        let mut f = Folded::empty();
        f.fold(up_to_max(text));
        f
    }

    /// Nothing folded yet, no buffer allocated.
    fn empty() -> Folded {
        Folded {
            t: Vec::new(),
            ends: Ends {
                clause: Positions::new(),
                sentence: Positions::new(),
            },
            years: smallvec::SmallVec::new(),
            numbers: smallvec::SmallVec::new(),
            floor: 0,
        }
    }

    /// Folds all of `text` in place of what `self` held, its buffers kept.
    fn fold(&mut self, text: &str) {
        self.t.clear();
        self.ends.clause.clear();
        self.ends.sentence.clear();
        self.years.clear();
        self.numbers.clear();
        self.floor = 0;
        // Sized once (a character takes at least a byte, an ideograph three): no regrowth of
        // the text, and for prose (a clause every dozen characters or so, a sentence every few
        // clauses) none of the ends.
        self.t.reserve(text.len().min(MAX_CHARS));
        self.ends.clause.reserve(text.len() / 24 + 8);
        self.ends.sentence.reserve(text.len() / 96 + 8);
        for c in text.chars() {
            // CJK ideographs (most of the text) are never whitespace, and of the fold only
            // the label table can change them; only a unit or `年` of them ends anything.
            if ('\u{3400}'..'\u{A000}').contains(&c) {
                let g = crate::t2s::label_char(c);
                if may_mark(g) {
                    self.push(g);
                } else {
                    self.t.push(g);
                }
                continue;
            }
            // ASCII pinyin letters (most of a gloss) fold to themselves and end nothing.
            if c.is_ascii_lowercase() {
                self.t.push(c);
                continue;
            }
            if !c.is_whitespace() {
                self.push(fold_char(c));
            }
        }
    }

    /// Appends the folded character `c`, noting what it ends: a number (`c` is a unit), a year
    /// (`年`), a clause or a sentence, a gloss (dropped with its opening bracket and letters).
    fn push(&mut self, c: char) {
        let i = self.t.len();
        if is_unit(c) {
            if let Some(n) = number_before(&self.t, i) {
                self.numbers.push(n);
            }
        } else if c == '年' {
            if let Some(y) = year_before(&self.t, i) {
                self.years.push((i - 4, y));
            }
        } else if !('\u{3400}'..'\u{A000}').contains(&c) {
            if matches!(c, ')' | '）') {
                if let Some(open) = gloss_before(&self.t, self.floor, i) {
                    // The opening bracket is the last clause end (the letters end nothing).
                    if self.ends.clause.last() == Some(&open) {
                        self.ends.clause.pop();
                    }
                    self.t.truncate(open);
                    self.floor = open;
                    return;
                }
            }
            if is_clause_end(c) {
                self.ends.clause.push(i);
            }
            if is_sentence_end(c) {
                self.ends.sentence.push(i);
            }
        }
        self.t.push(c);
    }
}

/// `text` up to its [`MAX_CHARS`]th character other than whitespace (glosses count), the part
/// that is read.
fn up_to_max(text: &str) -> &str {
    // A character takes at least a byte.
    if text.len() <= MAX_CHARS {
        return text;
    }
    let mut kept = 0usize;
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            if kept == MAX_CHARS {
                return text.get(..i).unwrap_or(text);
            }
            kept += 1;
        }
    }
    text
}

/// A bit for `c`'s code point modulo 64.
const fn mark_bit(c: char) -> u64 {
    1 << (c as u32 % 64)
}

/// The bits of the units and `年`, the ideographs that [`Folded::push`] notes.
const MARK_BITS: u64 = mark_bit('件')
    | mark_bit('起')
    | mark_bit('宗')
    | mark_bit('条')
    | mark_bit('个')
    | mark_bit('份')
    | mark_bit('次')
    | mark_bit('例')
    | mark_bit('年');

/// True for the units and `年` (a test holds it) and for about one other character in eight:
/// a shift and a mask instead of nine compares.
fn may_mark(c: char) -> bool {
    (MARK_BITS >> (c as u32 % 64)) & 1 == 1
}

/// The opening bracket of the gloss that a closing bracket at `i` would close: `(` + 1–8 pinyin
/// letters right before `i`, all at or after `floor` (see [`Folded`]).
fn gloss_before(t: &[char], floor: usize, i: usize) -> Option<usize> {
    let mut j = i;
    while i - j < 9 && j > floor && t.get(j - 1).copied().is_some_and(is_pinyin) {
        j -= 1;
    }
    let open = j.checked_sub(1).filter(|&o| o >= floor)?;
    ((1..=8).contains(&(i - j)) && matches!(t.get(open), Some('(') | Some('（'))).then_some(open)
}

/// True for a thousands comma at `i` of a number: three digits follow it, and no fourth.
fn thousands_comma(t: &[char], i: usize) -> bool {
    (1..=3).all(|k| t.get(i + k).is_some_and(|c| c.is_ascii_digit()))
        && !t.get(i + 4).is_some_and(|c| c.is_ascii_digit())
}

/// The number that ends right before the unit at `u`, as a scan from the start reads it:
/// `(start, u, value)`. Arabic digits (with thousands commas, at most 15 digits, not after a
/// decimal point) or a run of at most 8 Chinese numerals.
fn number_before(t: &[char], u: usize) -> Option<(usize, usize, i64)> {
    let last = *t.get(u.checked_sub(1)?)?;
    if last.is_ascii_digit() {
        // Back over digits and thousands commas (a comma is read after a digit only).
        let mut start = u - 1;
        let mut n_digits = 1usize;
        while let Some(j) = start.checked_sub(1) {
            match t.get(j) {
                Some(c) if c.is_ascii_digit() => {
                    n_digits += 1;
                    if n_digits > 15 {
                        return None;
                    }
                }
                Some(',')
                    if j > 0
                        && t.get(j - 1).is_some_and(|c| c.is_ascii_digit())
                        && thousands_comma(t, j) => {}
                _ => break,
            }
            start = j;
        }
        if start > 0 && t.get(start - 1) == Some(&'.') {
            return None;
        }
        let value = t
            .get(start..u)?
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0i64, |v, d| v * 10 + i64::from(d));
        return Some((start, u, value));
    }
    if is_cn_digit(last) {
        // A run of more than 8 numerals is not read.
        let mut start = u - 1;
        while u - start < 9 && start > 0 && t.get(start - 1).is_some_and(|c| is_cn_digit(*c)) {
            start -= 1;
        }
        if u - start > 8 {
            return None;
        }
        return Some((start, u, chinese_number(t.get(start..u)?)?));
    }
    None
}

/// The year written by the four digits right before a `年` at `i`, if 1990 ≤ it ≤ 2100.
fn year_before(t: &[char], i: usize) -> Option<u16> {
    let y = t.get(i.checked_sub(4)?..i)?.iter().try_fold(0u16, |y, c| {
        let d = u16::try_from(c.to_digit(10)?).ok()?;
        Some(y * 10 + d)
    })?;
    (1990..=2100).contains(&y).then_some(y)
}

/// A year of `years` other than `year` written (with its `年`) inside `from..to`.
fn other_year(years: &[(usize, u16)], from: usize, to: usize, year: Option<u16>) -> bool {
    let Some(year) = year else { return false };
    let first = years.partition_point(|&(p, _)| p < from);
    years
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&(p, _)| p + 5 <= to)
        .any(|&(_, y)| y != year)
}

/// True for a character the search for figures ([`figure_parts`]) must look at: one that folds
/// to a unit, an ASCII digit or a Chinese numeral, a closing bracket (which may close a gloss
/// between a number and its unit), a sentence end.
#[cfg(test)]
fn is_stop(c: char) -> bool {
    let f = fold_char(c);
    is_unit(f)
        || f.is_ascii_digit()
        || is_cn_digit(f)
        || matches!(c, ')' | '）')
        || is_sentence_end(c)
}

/// The three-byte characters that are stops ([`is_stop`]; a test holds the list to it): units
/// and the Traditional ones that fold to them, numerals, full-width digits and punctuation.
#[cfg(test)]
const STOPS3: &[char] = &[
    '。', '一', '七', '三', '两', '个', '九', '二', '五', '件', '份', '例', '個', '兩', '八', '六',
    '十', '四', '宗', '条', '條', '次', '百', '箇', '起', '零', '！', '）', '０', '１', '２', '３',
    '４', '５', '６', '７', '８', '９', '；', '？',
];

/// True for a stop ([`is_stop`]) that folds to a unit ([`is_unit`]): the units and the
/// Traditional characters that fold to them, told as written instead of by [`fold_char`]'s
/// table (a test holds it to the fold for every stop).
#[cfg(test)]
fn is_unit_stop(c: char) -> bool {
    matches!(
        c,
        '件' | '起' | '宗' | '条' | '條' | '个' | '個' | '箇' | '份' | '次' | '例'
    )
}

/// Words of the set of [`STOPS3`]: one bit for each of U+0000..=U+FFFF.
const STOP_WORDS: usize = 0x10000 / 64;

/// The set of [`STOPS3`], one bit each (8 KiB), built once.
#[cfg(test)]
fn stops3() -> &'static [u64; STOP_WORDS] {
    static SET: std::sync::OnceLock<[u64; STOP_WORDS]> = std::sync::OnceLock::new();
    SET.built_once(|| bit_set(STOPS3))
}

/// One bit per character of `chars` below U+10000, by its code point (the sets the three-byte
/// runs are read by: [`crate::normalise::run3`]).
fn bit_set(chars: &[char]) -> [u64; STOP_WORDS] {
    let mut set = [0u64; STOP_WORDS];
    for &c in chars {
        let u = c as usize;
        if let Some(w) = set.get_mut(u >> 6) {
            *w |= 1u64 << (u & 63);
        }
    }
    set
}

/// True for the ASCII stops ([`is_stop`]): digits, `)`, `;`, `!`, `?`.
#[cfg(test)]
fn is_ascii_stop(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b')' | b';' | b'!' | b'?')
}

/// Calls `part` on each part of `text` that can state a figure, in order: a run of whole
/// sentences (from the text's start or right after a sentence end, to right after a sentence
/// end or the text's end) holding a unit right after a digit, a numeral or a closing bracket,
/// with nothing but whitespace between them.
///
/// A number before its unit in the folded text is one of these in the text as written
/// (whitespace and glosses are all the fold drops, and a gloss ends with its bracket), and all
/// that its reading looks at lies in its sentence, which folds alone as it does in the whole
/// text (no gloss holds a sentence end). So the claims of the parts are the text's.
///
/// Most characters are none of these stops: three-byte ones are passed over by the set's word
/// (first two bytes) and bit (third byte) without decoding, two- and four-byte ones by their
/// lead (none is a stop: a test holds it), ASCII by a byte test.
///
/// Only units and sentence ends stop the three-byte runs ([`MARKS3`]), and only the ASCII
/// sentence ends the runs of characters of one or two bytes: whether a unit follows a number is
/// told at the unit, by the character before it other than whitespace ([`ends_number`]),
/// instead of noting where every digit, numeral and closing bracket ends (a pinyin gloss's
/// bracket, a year's digits and every numeral of the text each went back to the loop).
#[cfg(test)]
fn figure_parts<'a>(text: &'a str, part: impl FnMut(&'a str)) {
    let marks = marks3_wide();
    figure_parts_past(text, part, |b, i| past_unmarked3(b, i, marks));
}

/// Calls `part` on each part of `text` that [`figure_parts`] finds and that may state a figure
/// ([`may_state_figure`]), in order, in one pass: the runs of three-byte characters also stop
/// at a sentence's openers ([`OPENERS3`]), each read where it is met for the word it opens
/// ([`opens_figure_word`]) until one opens a word, then at the marks alone.
///
/// An opener's word is read in the text from the opener on, which is what it is in the
/// sentence: the next character that does not fold away lies at or before the sentence's end,
/// itself one that does not. Read so, a sentence is passed over once; the parts were read
/// again from their first opener on ([`opens_from`]) for the words their openers open, which a
/// Traditional overview's parts (glosses and all) paid some 0.4 M instructions for over the
/// bench reports. [`stating_parts_ref`] (`figure_parts` and `may_state_figure`, each a pass)
/// is the reference it is held to.
fn stating_parts<'a>(text: &'a str, mut part: impl FnMut(&'a str)) {
    let marks = marks3_wide();
    let stops = stops3_wide();
    let b = text.as_bytes();
    let mut i = 0usize;
    // Where the current sentence starts, whether it holds a unit after a number, and whether
    // one of its openers so far opens a word.
    let mut start = 0usize;
    let mut found = false;
    let mut opens = false;
    loop {
        // `i` is at most the text's length (a character boundary): said, so that the runs
        // test `i + 6` against the length alone, not for overflowing too.
        i = past_unmarked3(b, i.min(b.len()), if opens { marks } else { stops });
        let Some(&lead) = b.get(i) else { break };
        let len = match lead {
            b';' | b'!' | b'?' => 1,
            0..=0xDF => {
                i = past_short_to_end(b, i);
                continue;
            }
            0xF0..=0xFF => {
                i += 4;
                continue;
            }
            // A three-byte character the run stopped at is a unit, an opener or a sentence end.
            _ => 3,
        };
        let end = i + len;
        match b.get(i..end) {
            // Not a mark: an opener.
            Some(&[b0, b1, b2]) if !in_wide3(marks, b0, b1, b2) => {
                opens = opens_figure_word(text, i);
            }
            three if len == 3 && !is_sentence_end3(three) => {
                // A unit.
                found = found || text.get(..i).is_some_and(number_right_before);
            }
            _ => {
                if found && opens {
                    part(text.get(start..end).unwrap_or_default());
                }
                found = false;
                opens = false;
                start = end;
            }
        }
        i = end;
    }
    if found && opens {
        part(text.get(start..).unwrap_or_default());
    }
}

/// [`may_state_figure`] of `part`, its runs read in [`stops3_wide`] instead of the openers'
/// own set: a mark it also stops at (a unit or a sentence end) opens no word ([`follows`]).
///
/// How [`stating_parts`] read a part from its first opener on: the reference its reading of
/// each opener where it is met ([`opens_figure_word`]) is held to.
#[cfg(test)]
fn opens_from(part: Option<&str>) -> bool {
    opens_in(part.unwrap_or_default(), stops3_wide())
}

/// Whether a character of `part` that `set` stops the runs at (every opener among them) opens
/// one of the words [`follows`] lists: the loop of [`opens_from`] and [`may_state_figure`].
#[cfg(test)]
#[inline(always)]
fn opens_in(part: &str, set: &[u64; WIDE_WORDS]) -> bool {
    let b = part.as_bytes();
    let mut i = 0usize;
    loop {
        // At most the part's length, as in [`stating_parts`].
        i = past_unmarked3(b, i.min(b.len()), set);
        let Some(&lead) = b.get(i) else { return false };
        i += match lead {
            0..=0xDF => {
                i = past_short(b, i, false);
                continue;
            }
            // A three-byte character the run stopped at is one of the set.
            0xE0..=0xEF => {
                if opens_figure_word(part, i) {
                    return true;
                }
                3
            }
            _ => 4,
        };
    }
}

/// [`stating_parts`] as first written: the parts of [`figure_parts`], each read again whole by
/// [`may_state_figure`]. The reference it is held to.
#[cfg(test)]
fn stating_parts_ref<'a>(text: &'a str, mut part: impl FnMut(&'a str)) {
    figure_parts(text, |p| {
        if may_state_figure(p) {
            part(p)
        }
    });
}

/// The loop of [`figure_parts`], each run of three-byte characters that are not marks passed
/// over by `past` (given the text's bytes and where the run starts, where it ends).
#[cfg(test)]
#[inline(always)]
fn figure_parts_past<'a>(
    text: &'a str,
    mut part: impl FnMut(&'a str),
    past: impl Fn(&[u8], usize) -> usize,
) {
    let b = text.as_bytes();
    let mut i = 0usize;
    // Where the current sentence starts, and whether it holds a unit after a number.
    let mut start = 0usize;
    let mut found = false;
    loop {
        i = past(b, i);
        let Some(&lead) = b.get(i) else { break };
        let len = match lead {
            b';' | b'!' | b'?' => 1,
            0..=0xDF => {
                i = past_short_to_end(b, i);
                continue;
            }
            0xF0..=0xFF => {
                i += 4;
                continue;
            }
            // A three-byte character the run stopped at is a unit or a sentence end.
            _ => 3,
        };
        let end = i + len;
        if len == 3 && !is_sentence_end3(b.get(i..end)) {
            // A unit.
            found = found || text.get(..i).is_some_and(number_right_before);
        } else {
            if found {
                part(text.get(start..end).unwrap_or_default());
                found = false;
            }
            start = end;
        }
        i = end;
    }
    if found {
        part(text.get(start..).unwrap_or_default());
    }
}

use crate::normalise::{wide_word, WIDE_WORDS};

/// `set` (one bit for each of U+0000..=U+FFFF, as [`bit_set`] builds it) indexed by a
/// character's first two bytes, as the normaliser reads its quiet set
/// ([`crate::normalise::widen`]), every word but the three-byte characters' all ones: a
/// character of one, two or four bytes is a member, as it ends a run of three-byte characters.
/// Any two bytes index a word: the runs read in it ([`past_unmarked3`]) neither subtract the
/// lead's offset nor test the word against the set's end.
fn wide3(set: &[u64; STOP_WORDS]) -> Box<[u64; WIDE_WORDS]> {
    crate::normalise::widen(set, u64::MAX)
}

/// [`marks3`] read as [`wide3`] reads a set, built once.
fn marks3_wide() -> &'static [u64; WIDE_WORDS] {
    static SET: std::sync::OnceLock<Box<[u64; WIDE_WORDS]>> = std::sync::OnceLock::new();
    SET.built_once(|| wide3(marks3()))
}

/// The marks ([`MARKS3`]) and the openers ([`OPENERS3`]) read as [`wide3`] reads a set, built
/// once: where the runs of [`stating_parts`] stop.
fn stops3_wide() -> &'static [u64; WIDE_WORDS] {
    static SET: std::sync::OnceLock<Box<[u64; WIDE_WORDS]>> = std::sync::OnceLock::new();
    SET.built_once(|| {
        let mut set = bit_set(MARKS3);
        for (w, o) in set.iter_mut().zip(bit_set(OPENERS3).iter()) {
            *w |= *o;
        }
        wide3(&set)
    })
}

/// True when the character whose first three bytes are `b0 b1 b2` is a member of `wide` (a set
/// as [`wide3`] builds it): any character but one of three bytes is.
#[inline(always)]
fn in_wide3(wide: &[u64; WIDE_WORDS], b0: u8, b1: u8, b2: u8) -> bool {
    // Below WIDE_WORDS: always a word of the set.
    wide.get(wide_word(b0, b1))
        .is_none_or(|w| (w >> (b2 & 0x3F)) & 1 == 1)
}

/// Past the run of three-byte characters at byte `i` of `b` that are not members of `wide` (a
/// set as [`wide3`] builds it), three characters a turn while nine bytes are left, then one at
/// a time: what `i + run3_by_pairs(&b[i..], set)` tells of the same set
/// ([`crate::normalise::run3_by_pairs`]), without cutting the text for the run or dividing what
/// is left of it into pairs at each run (a Traditional overview's runs are a few characters
/// long, glosses and numbers between them). Three a turn rather than two: a run averages some
/// 18 characters, and a turn's bounds test and step are shared by one character more
/// (`settled` 2.05 -> 1.94 M on Simplified, 4.55 -> 4.31 M on Traditional).
#[inline(always)]
fn past_unmarked3(b: &[u8], mut i: usize, wide: &[u64; WIDE_WORDS]) -> usize {
    loop {
        match b.get(i..i + 9) {
            Some(&[a0, a1, a2, c0, c1, c2, d0, d1, d2]) => {
                if in_wide3(wide, a0, a1, a2) {
                    return i;
                }
                if in_wide3(wide, c0, c1, c2) {
                    return i + 3;
                }
                if in_wide3(wide, d0, d1, d2) {
                    return i + 6;
                }
                i += 9;
            }
            _ => {
                while let Some(&[a0, a1, a2]) = b.get(i..i + 3) {
                    if in_wide3(wide, a0, a1, a2) {
                        break;
                    }
                    i += 3;
                }
                return i;
            }
        }
    }
}

/// [`figure_parts`] as it was before its runs were read in [`marks3_wide`]: each run read by
/// [`crate::normalise::run3_by_pairs`] on the text cut at its start. The reference it is held
/// to.
#[cfg(test)]
fn figure_parts_by_pairs<'a>(text: &'a str, part: impl FnMut(&'a str)) {
    let marks = marks3();
    figure_parts_past(text, part, |b, i| {
        i + crate::normalise::run3_by_pairs(b.get(i..).unwrap_or_default(), marks)
    });
}

/// True for the UTF-8 of a three-byte sentence end (`。`, `！`, `；`, `？`; a test holds it to
/// [`is_sentence_end`] over [`MARKS3`]).
fn is_sentence_end3(b: Option<&[u8]>) -> bool {
    matches!(
        b,
        Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81 | 0x9B | 0x9F])
    )
}

/// The three-byte characters at which [`figure_parts`] stops: the units as written (the
/// three-byte stops that fold to a unit, [`is_unit_stop`]) and the sentence ends. A test
/// holds the list to the stops.
const MARKS3: &[char] = &[
    '件', '起', '宗', '条', '條', '个', '個', '箇', '份', '次', '例', '。', '；', '！', '？',
];

/// The set of [`MARKS3`], one bit each of U+0000..=U+FFFF (8 KiB), built once.
fn marks3() -> &'static [u64; STOP_WORDS] {
    static SET: std::sync::OnceLock<[u64; STOP_WORDS]> = std::sync::OnceLock::new();
    SET.built_once(|| bit_set(MARKS3))
}

/// True for a stop ([`is_stop`]) after which the search for figures notes that a number may
/// end: a digit, a numeral, a closing bracket (every stop that is neither a unit nor a
/// sentence end; a test holds it).
fn ends_number(c: char) -> bool {
    matches!(c, '0'..='9' | '０'..='９' | ')' | '）' | '兩') || is_cn_digit(c)
}

/// True when the last character of `before` other than whitespace ends a number
/// ([`ends_number`]): a unit after it, with nothing but whitespace between, follows a number.
fn number_right_before(before: &str) -> bool {
    before
        .chars()
        .rev()
        .find(|c| !c.is_whitespace())
        .is_some_and(ends_number)
}

/// Past the run of characters of one or two bytes at byte `i` of `b` (a valid UTF-8 text)
/// up to an ASCII sentence end (`;`, `!`, `?`), the one stop of the run [`figure_parts`] looks
/// at.
///
/// Each character is stepped over by its first byte's entry in [`SHORT_TO_END_STEPS`] (a load
/// and a test of it for zero), instead of the byte compared with the three ends and the two
/// ranges (a Traditional overview's glosses and ASCII commas put some 450 bytes a report
/// through this loop). [`past_short_to_end_ref`] is the reference it is held to.
#[inline(always)]
fn past_short_to_end(b: &[u8], mut i: usize) -> usize {
    while let Some(&x) = b.get(i) {
        // Any byte indexes the table: no bounds test is left.
        let step = SHORT_TO_END_STEPS.get(usize::from(x)).copied().unwrap_or(0);
        if step == 0 {
            break;
        }
        i += usize::from(step);
    }
    i
}

/// How far [`past_short_to_end`] steps over a character by its first byte: 1 for ASCII other
/// than `;`, `!` and `?`, 2 for the lead of a two-byte character (or a continuation byte,
/// which a run at a character boundary of valid UTF-8 never starts at), 0 where the run ends
/// (at those three, or at the lead of a character of three or four bytes).
static SHORT_TO_END_STEPS: [u8; 256] = short_to_end_steps();

/// The table of [`SHORT_TO_END_STEPS`]: the steps of [`past_short_to_end_ref`], byte by byte.
// Indexes in `const` evaluation only: an index out of bounds fails the build, never a run.
#[allow(clippy::indexing_slicing)]
const fn short_to_end_steps() -> [u8; 256] {
    let mut steps = [0u8; 256];
    let mut x = 0usize;
    while x < 256 {
        steps[x] = match x as u8 {
            b';' | b'!' | b'?' => 0,
            0..=0x7F => 1,
            0x80..=0xDF => 2,
            _ => 0,
        };
        x += 1;
    }
    steps
}

/// [`past_short_to_end`] as first written, each byte compared with the ends and the ranges: the
/// reference it is held to.
#[cfg(test)]
fn past_short_to_end_ref(b: &[u8], mut i: usize) -> usize {
    while let Some(&x) = b.get(i) {
        match x {
            b';' | b'!' | b'?' => break,
            0..=0x7F => i += 1,
            0x80..=0xDF => i += 2,
            _ => break,
        }
    }
    i
}

/// [`figure_parts`] as it was before it told a number at its unit, when `SHORT` is set: runs of
/// characters of one or two bytes read in one inner loop ([`past_short`]) and a unit told as
/// written ([`is_unit_stop`]); else each character by a turn of the loop and a unit by its
/// fold. The references it is held to.
#[cfg(test)]
#[inline(always)]
fn figure_parts_by<'a, const SHORT: bool>(text: &'a str, mut part: impl FnMut(&'a str)) {
    let stops = stops3();
    let b = text.as_bytes();
    let mut i = 0usize;
    // Where the current run of sentences starts, and whether it holds a unit after a number.
    let mut start = 0usize;
    let mut found = false;
    // Just after the last digit, numeral or closing bracket.
    let mut number_end: Option<usize> = None;
    loop {
        i += crate::normalise::run3(b.get(i..).unwrap_or_default(), stops, false);
        let Some(&lead) = b.get(i) else { break };
        match lead {
            0..=0x7F if !is_ascii_stop(lead) => {
                i = if SHORT {
                    past_short(b, i + 1, true)
                } else {
                    i + 1
                };
                continue;
            }
            0x80..=0xDF => {
                i = if SHORT {
                    past_short(b, i + 2, true)
                } else {
                    i + 2
                };
                continue;
            }
            0xF0..=0xFF => {
                i += 4;
                continue;
            }
            _ => {}
        }
        // A stop: an ASCII one or a three-byte one.
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let unit = if SHORT {
            is_unit_stop(c)
        } else {
            is_unit(fold_char(c))
        };
        if unit {
            found = found
                || number_end.is_some_and(|e| {
                    text.get(e..i)
                        .is_some_and(|gap| gap.chars().all(char::is_whitespace))
                });
        } else if is_sentence_end(c) {
            if found {
                part(text.get(start..i + len).unwrap_or_default());
                found = false;
            }
            start = i + len;
        } else {
            number_end = Some(i + len);
        }
        i += len;
    }
    if found {
        part(text.get(start..).unwrap_or_default());
    }
}

/// Past the run of characters of one or two bytes at byte `i` of `b` (a valid UTF-8 text):
/// ASCII ones other than stops ([`is_ascii_stop`]) when `stops` is set, all ASCII ones
/// otherwise. Pinyin glosses and ASCII text are read in this loop, instead of each character
/// going back to the three-byte runs ([`crate::normalise::run3`]), which stop at once before
/// it: a Traditional overview holds a few hundred such characters.
#[cfg(test)]
#[inline(always)]
fn past_short(b: &[u8], mut i: usize, stops: bool) -> usize {
    while let Some(&x) = b.get(i) {
        match x {
            0..=0x7F if !(stops && is_ascii_stop(x)) => i += 1,
            0x80..=0xDF => i += 2,
            _ => break,
        }
    }
    i
}

/// [`figure_parts`] as first written, each character of one or two bytes read by a turn of its
/// loop, a unit told by its fold: the reference it is held to.
#[cfg(test)]
fn figure_parts_ref<'a>(text: &'a str, part: impl FnMut(&'a str)) {
    figure_parts_by::<false>(text, part);
}

/// The characters that may follow the folded character `a` in a pair of characters that lets a
/// part state a figure: each word a figure is read by, an anchor ([`ANCHORS`]) or `结转` and
/// `顺延` (the verbs that may follow a unit, [`classify`]), holds one such pair next to each
/// other, the rarest it has (`复议` for `行政复议`, not `行政`; `结转` for `上一年度结转`, not `上一`);
/// none follows any other character. A test holds the table to the words.
fn follows(a: char) -> &'static [char] {
    match a {
        '受' => &['理'],
        '新' => &['收'],
        '收' => &['到'],
        '接' => &['收', '到'],
        '办' => &['结'],
        '答' => &['复'],
        '结' => &['转'],
        '复' => &['议'],
        '诉' => &['讼'],
        '顺' => &['延'],
        _ => &[],
    }
}

/// The characters whose fold ([`fold_char`]) some character may follow ([`follows`]): the
/// first characters of the pairs that let a part state a figure. Every one is a three-byte
/// character; a test holds the list to the fold.
const OPENERS3: &[char] = &[
    '办', '受', '复', '復', '接', '收', '新', '答', '結', '结', '複', '訴', '诉', '辦', '順', '顺',
];

/// The set of [`OPENERS3`], one bit each of U+0000..=U+FFFF (8 KiB), built once.
#[cfg(test)]
fn openers3() -> &'static [u64; STOP_WORDS] {
    static SET: std::sync::OnceLock<[u64; STOP_WORDS]> = std::sync::OnceLock::new();
    SET.built_once(|| bit_set(OPENERS3))
}

/// True for a character that the fold may drop between two others: whitespace, and what a
/// gloss is made of (brackets and pinyin letters).
fn may_fold_away(c: char) -> bool {
    c.is_whitespace() || is_pinyin(c) || matches!(c, '(' | '（' | ')' | '）')
}

/// False when the fold of `part` holds neither an anchor nor `结转` or `顺延`, which
/// [`classify`] needs to read a figure (an anchor before the number, [`nearest_anchor`], or
/// one of the verbs right after its unit): no two characters of the part make the first two of
/// such a word ([`follows`]) with only characters between them that the fold may drop
/// ([`may_fold_away`]). The fold keeps every other character, each as [`fold_char`] makes it
/// (it only drops whitespace and glosses), so two characters next to each other in the fold
/// are two such characters of the part. Such a part states no figure and is not folded: most
/// parts of an overview (`发布信息220条`, `办理网上咨询15次`: 3 in 4 of the bench reports' bytes
/// of parts) hold none of those words. The part is read by the characters that may open one
/// ([`OPENERS3`]): three-byte characters passed over by the set's word and bit, the others by
/// their lead; the character after an opener is decoded only then.
#[cfg(test)]
fn may_state_figure(part: &str) -> bool {
    opens_in(part, openers3_wide())
}

/// Whether the character at byte `i` of `part` (an opener) and the next one that does not fold
/// away open one of the words [`follows`] lists.
#[inline(always)]
fn opens_figure_word(part: &str, i: usize) -> bool {
    let mut chars = part.get(i..).unwrap_or_default().chars();
    let first = chars.next().map(fold_char).unwrap_or_default();
    let next = chars.find(|&c| !may_fold_away(c)).map(fold_char);
    next.is_some_and(|n| follows(first).contains(&n))
}

/// [`openers3`] read as [`wide3`] reads a set, built once.
#[cfg(test)]
fn openers3_wide() -> &'static [u64; WIDE_WORDS] {
    static SET: std::sync::OnceLock<Box<[u64; WIDE_WORDS]>> = std::sync::OnceLock::new();
    SET.built_once(|| wide3(openers3()))
}

/// [`may_state_figure`] as it was before its runs were read in [`openers3_wide`] (each run read
/// by [`crate::normalise::run3`] on the text cut at its start), runs of characters of one or two
/// bytes read in one inner loop ([`past_short`]) when `SHORT` is set, else each by a turn of the
/// loop: the references it is held to.
#[cfg(test)]
#[inline(always)]
fn may_state_figure_by<const SHORT: bool>(part: &str) -> bool {
    let set = openers3();
    let b = part.as_bytes();
    let mut i = 0usize;
    loop {
        i += crate::normalise::run3(b.get(i..).unwrap_or_default(), set, false);
        let Some(&lead) = b.get(i) else { return false };
        i += match lead {
            0..=0xDF if SHORT => {
                i = past_short(b, i, false);
                continue;
            }
            0..=0x7F => 1,
            0x80..=0xDF => 2,
            // A three-byte character the run stopped at is one of the set.
            0xE0..=0xEF => {
                if opens_figure_word(part, i) {
                    return true;
                }
                3
            }
            _ => 4,
        };
    }
}

/// [`may_state_figure`] as first written, each character of one or two bytes read by a turn of
/// its loop: the reference it is held to.
#[cfg(test)]
fn may_state_figure_ref(part: &str) -> bool {
    may_state_figure_by::<false>(part)
}

/// Every unambiguous figure stated in `text`, for a report on `year`.
///
/// Only the sentences that can state one are folded ([`stating_parts`]): a figure is read from
/// its sentence alone, and most sentences of an overview hold no number before a unit; of those
/// that do, only the ones holding a character that may open an anchor ([`opens_figure_word`]).
/// A text longer than the part that is read ([`up_to_max`]) is folded whole.
pub(crate) fn claims(text: &str, year: Option<u16>) -> Vec<Claim> {
    let mut found = Vec::new();
    if text.len() > MAX_CHARS {
        Folded::of(text).claims_into(year, &mut found);
        return found;
    }
    // Its buffers in place: nothing is allocated until a part outgrows them.
    let mut f = Folded::empty();
    stating_parts(text, |part| {
        f.fold(part);
        f.claims_into(year, &mut found);
    });
    found
}

/// [`claims`] folding the whole text: the reference it is held to.
#[cfg(test)]
fn claims_whole(text: &str, year: Option<u16>) -> Vec<Claim> {
    let mut found = Vec::new();
    Folded::of(text).claims_into(year, &mut found);
    found
}

impl Folded {
    /// Appends the unambiguous figures of the folded text, for a report on `year`, to `found`.
    fn claims_into(&self, year: Option<u16>, found: &mut Vec<Claim>) {
        let Folded {
            t,
            ends,
            years,
            numbers,
            ..
        } = self;
        for &(start, end, value) in numbers {
            // Every bound is looked for within a window around the number, so hostile text
            // without punctuation stays linear.
            let back = start.saturating_sub(MAX_SENTENCE);
            let ahead = t.len().min(end + MAX_SENTENCE);
            let clause_start = start_after(&ends.clause, back, start);
            let clause_end = end_at(&ends.clause, end, ahead);
            let sentence_start = start_after(&ends.sentence, back, start);
            let sentence_end = end_at(&ends.sentence, end, ahead);
            if other_year(years, sentence_start, start, year) {
                continue;
            }
            let p_from = clause_start.max(start.saturating_sub(MAX_PREFIX));
            let prefix = t.get(p_from..start).unwrap_or_default();
            // after the unit, to the end of the clause (at most 16 characters)
            let suffix = t
                .get(end + 1..clause_end.min(end + 17).max(end + 1))
                .unwrap_or_default();
            let sentence = t.get(sentence_start..sentence_end).unwrap_or_default();
            if let Some(kind) = classify(prefix, suffix, sentence) {
                // The quote is built only for a figure: most numbers of an overview are about
                // something else.
                let quote = s(t.get(clause_start..end + 1).unwrap_or_default());
                found.push(Claim { kind, value, quote });
            }
        }
    }
}

/// What the number between `prefix` and `suffix` counts, if anything unambiguous; `sentence` is
/// the sentence the number is in.
fn classify(prefix: &[char], suffix: &[char], sentence: &[char]) -> Option<Kind> {
    // `1件结转下年度…`, `103件顺延到下年度…`, `一件结转2021年办理`
    for verb in ["结转", "顺延"] {
        if let Some(rest) = strip_start(suffix, verb) {
            let next_year = rest.is_empty()
                || starts_with(rest, "继续办理")
                || NEXT_YEAR.iter().any(|m| starts_with(rest, m))
                || (rest.iter().take(4).all(|c| c.is_ascii_digit()) && rest.get(4) == Some(&'年'));
            let tail = prefix
                .get(prefix.len().saturating_sub(4)..)
                .unwrap_or_default();
            if next_year
                && !contains(tail, "上年")
                && !contains(tail, "上一年")
                && !has_any(prefix, &HEDGES)
            {
                return Some(Kind::CarriedOut);
            }
            return None;
        }
    }
    let (kind, at, b) = nearest_anchor(prefix)?;
    let before = prefix.get(..at).unwrap_or_default();
    if has_any(before, &HEDGES) || b.iter().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let core = strip_fillers(b);
    match kind {
        Kind::Received => {
            if contains(before, "上年")
                || contains(before, "上一年")
                || has_any(b, &HEDGES)
                || has_any(b, &FOREIGN)
            {
                return None;
            }
            let object = core.len() <= 30
                && contains(core, "申请")
                && ["申请", "信息", "要求", "依申请公开", "申请件", "申请数量"]
                    .iter()
                    .any(|e| ends_with(core, e));
            let object_after = core.is_empty()
                && ["申请", "政府信息公开申请", "信息公开申请", "依申请公开"]
                    .iter()
                    .any(|e| starts_with(suffix, e));
            (object || object_after).then_some(Kind::Received)
        }
        Kind::Completed => {
            let ok = core.len() <= 12
                && (core.is_empty() || contains(core, "申请"))
                && !has_any(b, &HEDGES)
                && !has_any(b, &FOREIGN)
                && contains(sentence, "申请")
                && !has_any(sentence, &NOT_APPLICATIONS);
            ok.then_some(Kind::Completed)
        }
        Kind::CarriedIn => {
            let ok = core.len() <= 16
                && (core.is_empty() || contains(core, "申请"))
                && !has_any(b, &HEDGES)
                && !has_any(b, &FOREIGN);
            ok.then_some(Kind::CarriedIn)
        }
        Kind::CarriedOut => {
            let b = strip_start(b, "至")
                .or_else(|| strip_start(b, "到"))
                .unwrap_or(b);
            let ok = core.len() <= 12
                && ["下年", "下一年", "次年"].iter().any(|m| starts_with(b, m))
                && !has_any(b, &HEDGES)
                && !has_any(b, &NOT_CARRIED);
            ok.then_some(Kind::CarriedOut)
        }
        Kind::Review | Kind::Litigation | Kind::ReviewAndLitigation => {
            const TOKENS: &[&str] = &[
                "案件", "案", "申请", "共计", "合计", "总计", "共", "计", "达", "有", "为", "数量",
                "数",
            ];
            if !tokens_only(b, TOKENS)
                || !contains(sentence, "信息公开")
                || has_any(before, &REVIEWING_BODY)
            {
                return None;
            }
            if kind == Kind::Litigation {
                let lead = trim_end(trim_end(trim_end(before, "提起"), "被提起"), "被");
                if [
                    "行政复议、",
                    "行政复议和",
                    "行政复议及",
                    "行政复议与",
                    "复议、",
                    "复议和",
                    "复议及",
                ]
                .iter()
                .any(|e| ends_with(lead, e))
                {
                    return Some(Kind::ReviewAndLitigation);
                }
            }
            Some(kind)
        }
    }
}

/// The claims of the overview, one per kind; kinds stated with different values are dropped.
fn settled(report: &Report) -> Vec<Claim> {
    let Some(section) = report.section(SectionKind::Overview) else {
        return Vec::new();
    };
    settled_uncached(report, section)
}

fn settled_uncached(report: &Report, section: &crate::model::Section) -> Vec<Claim> {
    let all = claims(&section.text, report.meta.year);
    let mut out: Vec<Claim> = Vec::new();
    let mut dropped: Vec<Kind> = Vec::new();
    for c in all {
        if dropped.contains(&c.kind) {
            continue;
        }
        if let Some(i) = out.iter().position(|o| o.kind == c.kind) {
            if out.get(i).is_some_and(|o| o.value != c.value) {
                out.remove(i);
                dropped.push(c.kind);
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Compare one claim with the table cells it restates (their sum); `alternatives` are other
/// sums that also agree (一 + 二 for applications received).
fn compare(
    rule: &RuleInfo,
    claim: &Claim,
    ops: &[Operand],
    alternatives: &[&[Operand]],
    out: &mut Out,
) {
    let Some(subject) = ops.first() else { return };
    let blanks: Vec<_> = ops.iter().filter(|o| o.value.is_none()).collect();
    if !blanks.is_empty() {
        let names: Vec<&str> = blanks.iter().map(|o| o.label.as_ref()).collect();
        let mut d = Diagnostic::new(
            Code::V100,
            format!(
                "{} not checkable: section 一 says \"{}\" ({}), but in table {} {} {} blank",
                rule.name,
                claim.quote,
                claim.value,
                subject.table,
                names.join("、"),
                if blanks.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_span(subject.span)
        .at(subject.location());
        d.cells = blanks.iter().map(|o| o.cell()).collect();
        out.diags.push(d);
        return;
    }
    let total = |ops: &[Operand]| {
        ops.iter().try_fold(Decimal::ZERO, |acc, o| {
            o.value.and_then(|v| acc.checked_add(v.as_decimal()))
        })
    };
    let Some(actual) = total(ops) else { return };
    let stated = Decimal::from(claim.value);
    if actual == stated || alternatives.iter().any(|alt| total(alt) == Some(stated)) {
        return;
    }
    let (message, expected, actual) = broken_message(rule.name, claim, ops, actual);
    let mut d = Diagnostic::new(rule.code, message)
        .with_span(subject.span)
        .at(subject.location())
        .expected_actual(expected, actual);
    d.cells = ops.iter().map(|o| o.cell()).collect();
    out.diags.push(d);
}

/// The message, `expected` and `actual` of a claim that `ops` (summing to `actual`, at least
/// one operand) do not bear out: the text pieces appended to one string sized for them, and
/// the two figures written once each and used in the message too, instead of two `format!`s
/// and the sum formatted twice. The same strings as [`broken_message_reference`]: a proptest
/// holds it.
fn broken_message(
    name: &str,
    claim: &Claim,
    ops: &[Operand],
    actual: Decimal,
) -> (String, String, String) {
    let expected = claim.value.to_string();
    let sum = actual.normalize().to_string();
    let labels: usize = ops.iter().map(|o| o.label.len() + 16).sum();
    let mut m = String::with_capacity(
        name.len() + claim.quote.len() + expected.len() + sum.len() + labels + 48,
    );
    m.push_str(name);
    m.push_str(": section 一 says \"");
    m.push_str(&claim.quote);
    m.push_str("\" (");
    m.push_str(&expected);
    m.push_str("), but table ");
    if let Some(subject) = ops.first() {
        let _ = write!(m, "{}", subject.table);
    }
    m.push(' ');
    if let [subject] = ops {
        m.push_str(&subject.label);
        m.push_str(" holds ");
    } else {
        for (k, o) in ops.iter().enumerate() {
            if k > 0 {
                m.push_str(" + ");
            }
            m.push_str(&o.label);
            m.push_str(" (");
            if let Some(v) = o.value {
                m.push_str(&v.to_string());
            }
            m.push(')');
        }
        m.push_str(" = ");
    }
    m.push_str(&sum);
    (m, expected, sum)
}

/// [`broken_message`] as first written, two `format!`s: the reference it is held to.
#[cfg(test)]
fn broken_message_reference(
    name: &str,
    claim: &Claim,
    ops: &[Operand],
    actual: Decimal,
) -> (String, String, String) {
    let Some(subject) = ops.first() else {
        return Default::default();
    };
    let holds = if ops.len() == 1 {
        format!("{} holds {}", subject.label, actual.normalize())
    } else {
        let parts: Vec<String> = ops
            .iter()
            .map(|o| {
                format!(
                    "{} ({})",
                    o.label,
                    o.value.map(|v| v.to_string()).unwrap_or_default()
                )
            })
            .collect();
        format!("{} = {}", parts.join(" + "), actual.normalize())
    };
    (
        format!(
            "{}: section 一 says \"{}\" ({}), but table {} {}",
            name, claim.quote, claim.value, subject.table, holds
        ),
        claim.value.to_string(),
        actual.normalize().to_string(),
    )
}

/// How C7's messages name the 总计 cell of table 3's row `row` (its short path, then
/// `, column 总计`): written out for the four rows C7 reads, instead of a string formatted for
/// every operand of every claim, most dropped unread when the prose agrees with the table
/// (0.67 M instructions of formatting over the Simplified bench reports). Any other row is
/// formatted as [`total_label_reference`] does; a test holds the two equal.
fn total_label(row: &str) -> Cow<'static, str> {
    match row {
        NEW => Cow::Borrowed("一、本年新收政府信息公开申请数量, column 总计"),
        CARRIED_IN => Cow::Borrowed("二、上年结转政府信息公开申请数量, column 总计"),
        TOTAL => Cow::Borrowed("（七）总计, column 总计"),
        CARRIED_OUT => Cow::Borrowed("四、结转下年度继续办理, column 总计"),
        _ => Cow::Owned(format!("{}, column {TOTAL_COL}", short_row(row))),
    }
}

/// [`total_label`] as first written, formatted for each operand: the reference it is held to.
#[cfg(test)]
fn total_label_reference(row: &str) -> String {
    format!("{}, column {TOTAL_COL}", short_row(row))
}

/// C7: figures of section 一 against table 3. A claim's operands are compared where they are
/// built, on the stack: the claim of applications received reads 一 alone and 一 + 二 from one
/// pair, 一 looked up once, instead of each side a vector of its own.
pub(crate) fn c7(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::Applications) else {
        return;
    };
    let at = |row: &'static str| Operand::at(t, row, TOTAL_COL, false, total_label(row));
    // Taken out for the loop (which adds to `out`) and put back, not copied.
    let claims = out.prose_claims.take().unwrap_or_else(|| settled(report));
    for claim in &claims {
        match claim.kind {
            Kind::Received => {
                let both = [at(NEW), at(CARRIED_IN)];
                let new = both.get(..1).unwrap_or_default();
                compare(rule, claim, new, &[&both], out)
            }
            Kind::CarriedIn => compare(rule, claim, &[at(CARRIED_IN)], &[], out),
            Kind::Completed => compare(rule, claim, &[at(TOTAL)], &[], out),
            Kind::CarriedOut => compare(rule, claim, &[at(CARRIED_OUT)], &[], out),
            _ => {}
        }
    }
    out.prose_claims = Some(claims);
}

/// [`c7`] as first written, each side of a claim built on its own and 一 looked up for each
/// (each side was a vector): the reference it is held to.
#[cfg(test)]
fn c7_reference(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::Applications) else {
        return;
    };
    let at = |row: &'static str| Operand::at(t, row, TOTAL_COL, false, total_label(row));
    let claims = out.prose_claims.take().unwrap_or_else(|| settled(report));
    for claim in &claims {
        match claim.kind {
            Kind::Received => compare(rule, claim, &[at(NEW)], &[&[at(NEW), at(CARRIED_IN)]], out),
            Kind::CarriedIn => compare(rule, claim, &[at(CARRIED_IN)], &[], out),
            Kind::Completed => compare(rule, claim, &[at(TOTAL)], &[], out),
            Kind::CarriedOut => compare(rule, claim, &[at(CARRIED_OUT)], &[], out),
            _ => {}
        }
    }
    out.prose_claims = Some(claims);
}

/// C10: figures of section 一 against table 4.
pub(crate) fn c10(rule: &RuleInfo, report: &Report, out: &mut Out) {
    let Some(t) = rule.table(report, TableKind::ReviewLitigation) else {
        return;
    };
    let at = |row: &'static str| Operand::at(t, row, T4_TOTAL, false, format!("{row} {T4_TOTAL}"));
    let lit = || LITIGATION.iter().map(|r| at(r)).collect::<Vec<_>>();
    // Taken out for the loop (which adds to `out`) and put back, not copied.
    let claims = out.prose_claims.take().unwrap_or_else(|| settled(report));
    for claim in &claims {
        match claim.kind {
            Kind::Review => compare(rule, claim, &[at(REVIEW)], &[], out),
            Kind::Litigation => compare(rule, claim, &lit(), &[], out),
            Kind::ReviewAndLitigation => {
                let mut all = vec![at(REVIEW)];
                all.extend(lit());
                compare(rule, claim, &all, &[], out)
            }
            _ => {}
        }
    }
    out.prose_claims = Some(claims);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Traditional characters of the anchors, units and hedges with their Simplified forms.
    const T2S: &[(char, char)] = &[
        ('來', '来'),
        ('個', '个'),
        ('們', '们'),
        ('內', '内'),
        ('兩', '两'),
        ('務', '务'),
        ('區', '区'),
        ('協', '协'),
        ('單', '单'),
        ('報', '报'),
        ('審', '审'),
        ('幾', '几'),
        ('廣', '广'),
        ('復', '复'),
        ('應', '应'),
        ('據', '据'),
        ('數', '数'),
        ('於', '于'),
        ('條', '条'),
        ('機', '机'),
        ('權', '权'),
        ('歷', '历'),
        ('減', '减'),
        ('為', '为'),
        ('無', '无'),
        ('熱', '热'),
        ('發', '发'),
        ('糾', '纠'),
        ('結', '结'),
        ('統', '统'),
        ('經', '经'),
        ('維', '维'),
        ('線', '线'),
        ('縣', '县'),
        ('總', '总'),
        ('繼', '继'),
        ('續', '续'),
        ('與', '与'),
        ('舉', '举'),
        ('處', '处'),
        ('複', '复'),
        ('計', '计'),
        ('訊', '讯'),
        ('訟', '讼'),
        ('訪', '访'),
        ('訴', '诉'),
        ('詢', '询'),
        ('調', '调'),
        ('請', '请'),
        ('諮', '咨'),
        ('議', '议'),
        ('資', '资'),
        ('較', '较'),
        ('轉', '转'),
        ('辦', '办'),
        ('達', '达'),
        ('門', '门'),
        ('開', '开'),
        ('間', '间'),
        ('關', '关'),
        ('順', '顺'),
        ('類', '类'),
        ('餘', '余'),
    ];

    #[test]
    fn the_label_table_folds_the_traditional_characters_of_the_anchors() {
        for &(t, s) in T2S {
            assert_eq!(fold_char(t), s, "{t}");
        }
        assert_eq!(fold_char('辦'), '办');
        assert_eq!(fold_char('諮'), '咨');
        assert_eq!(fold_char('５'), '5');
        assert_eq!(fold_char('x'), 'x');
    }

    #[test]
    fn every_anchor_opens_with_a_character_the_scan_looks_at() {
        for (a, _) in ANCHORS {
            assert!(a.chars().next().is_some_and(may_open_anchor), "{a}");
        }
    }

    proptest::proptest! {
        /// The labels written out are the formatted ones, for the rows C7 reads and others.
        #[test]
        fn the_total_labels_written_out_are_the_formatted_ones(
            row in proptest::prop_oneof![
                proptest::strategy::Strategy::prop_map(
                    proptest::sample::select(vec![
                        NEW, CARRIED_IN, TOTAL, CARRIED_OUT, REVIEW,
                        "三、本年度办理结果/（一）予以公开", "三、本年度办理结果/", "",
                    ]),
                    String::from,
                ),
                "\\PC{0,12}",
            ],
        ) {
            proptest::prop_assert_eq!(total_label(&row), total_label_reference(&row));
        }
    }

    #[test]
    fn every_word_a_figure_is_read_by_holds_a_pair_that_follows() {
        let verbs = [("结转", Kind::CarriedOut), ("顺延", Kind::CarriedOut)];
        for (w, _) in ANCHORS.iter().chain(&verbs) {
            let c: Vec<char> = w.chars().collect();
            assert!(
                c.windows(2)
                    .any(|p| matches!(p, &[a, b] if follows(a).contains(&b))),
                "{w}"
            );
        }
        // The fold keeps what `follows` is asked of as it is.
        for a in ('\0'..=char::MAX).filter(|&a| !follows(a).is_empty()) {
            assert_eq!(fold_char(a), a, "{a}");
            for &b in follows(a) {
                assert_eq!(fold_char(b), b, "{b}");
                assert!(!may_fold_away(b), "{b}");
            }
        }
    }

    #[test]
    fn the_openers_are_the_characters_some_character_follows_once_folded() {
        for c in '\0'..=char::MAX {
            let listed = OPENERS3.contains(&c);
            assert_eq!(listed, !follows(fold_char(c)).is_empty(), "{c:?}");
            if listed {
                assert_eq!(c.len_utf8(), 3, "{c:?}");
                assert!(!may_fold_away(c), "{c:?}");
            }
            if c.len_utf8() == 3 {
                let u = c as usize;
                let bit = openers3()
                    .get(u >> 6)
                    .is_some_and(|w| (w >> (u & 63)) & 1 == 1);
                assert_eq!(bit, listed, "{c:?}");
            }
        }
    }

    #[test]
    fn a_part_may_state_a_figure_when_a_pair_follows_across_glosses_and_whitespace() {
        for (part, may) in [
            ("受理申请3件。", true),
            ("受(shòu)理申请3件。", true),
            ("受 （shòu） \u{3000}理3件", true),
            ("辦(bàn)結(jié)3件", true),
            ("3件結(jié)轉(zhuǎn)下年度", true),
            ("行政復(fù)議3件", true),
            ("受、理3件", false),
            ("受1理3件", false),
            ("发布信息220条。", false),
            ("上年结余3件", false),
            ("3件结", false),
            ("", false),
        ] {
            assert_eq!(may_state_figure(part), may, "{part}");
        }
    }

    #[test]
    fn the_nearest_anchor_is_the_one_ending_last_and_the_longer_on_a_tie() {
        // The anchor of `p` with its position and the text after it, in characters; the
        // reference on strings finds the same.
        fn anchor(p: &str) -> Option<(Kind, usize, String)> {
            let chars: Vec<char> = p.chars().collect();
            let found = nearest_anchor(&chars).map(|(k, at, rest)| (k, at, s(rest)));
            let by_ref = nearest_anchor_ref(p).map(|(k, at, rest)| {
                (
                    k,
                    p.get(..at).unwrap_or_default().chars().count(),
                    rest.to_string(),
                )
            });
            assert_eq!(found, by_ref, "{p}");
            found
        }
        // Ends last: 结转 (at 6) after 受理 (at 0).
        assert_eq!(
            anchor("受理申请上年结转"),
            Some((Kind::CarriedIn, 4, String::new()))
        );
        assert_eq!(
            anchor("受理办结共"),
            Some((Kind::Completed, 2, "共".into()))
        );
        // 上一年度结转 and 结转 end together: the longer wins.
        assert_eq!(
            anchor("从上一年度结转的申请"),
            Some((Kind::CarriedIn, 1, "的申请".into()))
        );
        // The last of two occurrences of one anchor.
        assert_eq!(
            anchor("行政复议和行政复议案件"),
            Some((Kind::Review, 5, "案件".into()))
        );
        assert_eq!(anchor("本年度没有"), None);
        assert_eq!(anchor(""), None);
    }

    #[test]
    fn every_word_passes_the_filter_of_its_list() {
        for list in [
            &HEDGES,
            &FOREIGN,
            &NOT_APPLICATIONS,
            &NOT_CARRIED,
            &REVIEWING_BODY,
        ] {
            for w in list.words {
                let chars: Vec<char> = w.chars().collect();
                assert!(has_any(&chars, list), "{w}");
            }
        }
        assert!(!has_any(&['其'], &HEDGES));
        assert!(has_any(&['x', '占'], &HEDGES));
    }

    proptest::proptest! {
        /// The quiet runs read two characters a turn are `run3`'s: any bytes (runs cut inside
        /// a character, leads of every width, odd lengths, empty), and texts of the marks and
        /// other characters.
        #[test]
        fn quiet_runs_are_run3s(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["件", "。", "受", "理", "a", "é", "𠀀", "个", "！"]),
                0..24,
            ),
        ) {
            let text = pieces.concat();
            for b in [bytes.as_slice(), text.as_bytes()] {
                for from in 0..=b.len().min(7) {
                    let b = b.get(from..).unwrap_or_default();
                    proptest::prop_assert_eq!(
                        crate::normalise::run3_by_pairs(b, marks3()),
                        crate::normalise::run3(b, marks3(), false),
                        "{:?}", b
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// Whether a text holds a word of a list is the reference's answer: texts of the lists'
        /// characters (words whole, cut and run together) and others, empty or not.
        #[test]
        fn has_any_matches_the_reference(
            picks in proptest::collection::vec((0usize..5, 0usize..40, 0usize..4), 0..12),
        ) {
            let lists = [&HEDGES, &FOREIGN, &NOT_APPLICATIONS, &NOT_CARRIED, &REVIEWING_BODY];
            let mut h: Vec<char> = Vec::new();
            for &(l, w, cut) in &picks {
                let list = lists.get(l % lists.len()).copied().unwrap_or(&HEDGES);
                match list.words.get(w % (list.words.len() + 2)) {
                    Some(word) => {
                        let chars: Vec<char> = word.chars().collect();
                        h.extend(chars.iter().skip(cut % 2).take(chars.len() - cut / 2));
                    }
                    None => h.extend(['x', '上', '复'].iter().take(cut)),
                }
            }
            for list in lists {
                proptest::prop_assert_eq!(has_any(&h, list), has_any_reference(&h, list), "{:?}", h);
            }
        }
    }

    // The matching as it was first written (scans of the windows around each number, a digit
    // string per number, a substring search per pinyin letter): the reference the faster code
    // is held to.
    fn is_pinyin_ref(c: char) -> bool {
        c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
    }

    fn fold_ref(text: &str) -> Vec<char> {
        // Sized once (a character takes at least a byte): no regrowth while folding.
        let mut raw: Vec<char> = Vec::with_capacity(text.len().min(MAX_CHARS));
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            if raw.len() >= MAX_CHARS {
                break;
            }
            raw.push(fold_char(c));
        }
        // Glosses are dropped in place: the write index never passes the read index.
        let mut w = 0;
        let mut i = 0;
        while let Some(&c) = raw.get(i) {
            if c == '(' || c == '（' {
                // A gloss: `(` + 1–8 pinyin letters + `)`.
                let n = raw
                    .iter()
                    .skip(i + 1)
                    .take(9)
                    .take_while(|c| is_pinyin_ref(**c))
                    .count();
                if (1..=8).contains(&n) && matches!(raw.get(i + 1 + n), Some(')') | Some('）')) {
                    i += n + 2;
                    continue;
                }
            }
            if let Some(slot) = raw.get_mut(w) {
                *slot = c;
            }
            w += 1;
            i += 1;
        }
        raw.truncate(w);
        raw
    }

    fn numbers_ref(t: &[char]) -> Vec<(usize, usize, i64)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < t.len() {
            let c = t.get(i).copied().unwrap_or_default();
            if c.is_ascii_digit() {
                let start = i;
                let mut digits = String::new();
                while let Some(&d) = t.get(i) {
                    if d.is_ascii_digit() {
                        digits.push(d);
                        i += 1;
                    } else if d == ','
                        && (1..=3).all(|k| t.get(i + k).is_some_and(|c| c.is_ascii_digit()))
                        && !t.get(i + 4).is_some_and(|c| c.is_ascii_digit())
                    {
                        i += 1;
                    } else {
                        break;
                    }
                }
                let after = t.get(i).copied();
                let decimal_before = start > 0 && t.get(start - 1) == Some(&'.');
                if !decimal_before && digits.len() <= 15 && after.is_some_and(is_unit) {
                    if let Ok(v) = digits.parse::<i64>() {
                        out.push((start, i, v));
                    }
                }
            } else if is_cn_digit(c) {
                let start = i;
                while t.get(i).is_some_and(|c| is_cn_digit(*c)) && i - start < 8 {
                    i += 1;
                }
                if t.get(i).is_some_and(|u| is_unit(*u)) {
                    if let Some(v) = t.get(start..i).and_then(chinese_number) {
                        out.push((start, i, v));
                    }
                }
                // skip the rest of an over-long run
                while t.get(i).is_some_and(|c| is_cn_digit(*c)) {
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
        out
    }

    fn other_year_ref(text: &[char], year: Option<u16>) -> bool {
        let Some(year) = year else { return false };
        text.windows(5).any(|w| {
            w.iter().take(4).all(|c| c.is_ascii_digit())
                && w.get(4) == Some(&'年')
                && s(w.get(..4).unwrap_or_default())
                    .parse::<u16>()
                    .is_ok_and(|y| y != year && (1990..=2100).contains(&y))
        })
    }

    // The classification as it was first written, on strings (a substring search per word),
    // the reference the one on characters is held to.
    fn strip_fillers_ref(mut b: &str) -> &str {
        'outer: loop {
            for f in FILLERS {
                if let Some(rest) = b.strip_suffix(f) {
                    b = rest;
                    continue 'outer;
                }
            }
            return b;
        }
    }

    fn has_any_ref(s: &str, words: &[&str]) -> bool {
        words.iter().any(|w| s.contains(w))
    }

    /// True when `b` is made only of the words in `tokens`.
    fn tokens_only_ref(mut b: &str, tokens: &[&str]) -> bool {
        'outer: while !b.is_empty() {
            for t in tokens {
                if let Some(rest) = b.strip_prefix(t) {
                    b = rest;
                    continue 'outer;
                }
            }
            return false;
        }
        true
    }

    /// The nearest anchor ending in `p`: `(kind, position of the anchor, text after it)`. Of two
    /// anchors ending at the same place the longer wins (`上年结转` over `结转`).
    ///
    /// One pass over `p` testing the anchors only where one can open: the occurrence that ends
    /// last is the last occurrence of its anchor, so this finds what a reverse search for every
    /// anchor would, without building fourteen substring searchers per number.
    fn nearest_anchor_ref(p: &str) -> Option<(Kind, usize, &str)> {
        let mut best: Option<(Kind, usize, usize)> = None; // kind, start, end
        for (pos, c) in p.char_indices() {
            if !may_open_anchor(c) {
                continue;
            }
            let rest = p.get(pos..).unwrap_or_default();
            for (a, kind) in ANCHORS {
                if rest.starts_with(a) {
                    let end = pos + a.len();
                    let better = match best {
                        None => true,
                        Some((_, bs, be)) => end > be || (end == be && pos < bs),
                    };
                    if better {
                        best = Some((*kind, pos, end));
                    }
                }
            }
        }
        let (kind, start, end) = best?;
        Some((kind, start, p.get(end..)?))
    }

    /// What the number between `prefix` and `suffix` counts, if anything unambiguous.
    fn classify_ref(prefix: &str, suffix: &str, sentence: &dyn Fn() -> String) -> Option<Kind> {
        // `1件结转下年度…`, `103件顺延到下年度…`, `一件结转2021年办理`
        for verb in ["结转", "顺延"] {
            if let Some(rest) = suffix.strip_prefix(verb) {
                let next_year = rest.is_empty()
                    || rest.starts_with("继续办理")
                    || NEXT_YEAR.iter().any(|m| rest.starts_with(m))
                    || (rest.chars().take(4).all(|c| c.is_ascii_digit())
                        && rest.chars().nth(4) == Some('年'));
                let tail: String = prefix
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if next_year
                    && !tail.contains("上年")
                    && !tail.contains("上一年")
                    && !has_any_ref(prefix, HEDGES.words)
                {
                    return Some(Kind::CarriedOut);
                }
                return None;
            }
        }
        let (kind, at, b) = nearest_anchor_ref(prefix)?;
        let before = prefix.get(..at).unwrap_or_default();
        if has_any_ref(before, HEDGES.words) || b.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let core = strip_fillers_ref(b);
        match kind {
            Kind::Received => {
                if before.contains("上年")
                    || before.contains("上一年")
                    || has_any_ref(b, HEDGES.words)
                    || has_any_ref(b, FOREIGN.words)
                {
                    return None;
                }
                let object = core.chars().count() <= 30
                    && core.contains("申请")
                    && ["申请", "信息", "要求", "依申请公开", "申请件", "申请数量"]
                        .iter()
                        .any(|e| core.ends_with(e));
                let object_after = core.is_empty()
                    && ["申请", "政府信息公开申请", "信息公开申请", "依申请公开"]
                        .iter()
                        .any(|e| suffix.starts_with(e));
                (object || object_after).then_some(Kind::Received)
            }
            Kind::Completed => {
                let ok = core.chars().count() <= 12
                    && (core.is_empty() || core.contains("申请"))
                    && !has_any_ref(b, HEDGES.words)
                    && !has_any_ref(b, FOREIGN.words)
                    && {
                        let sentence = sentence();
                        sentence.contains("申请")
                            && !has_any_ref(
                                &sentence,
                                &["热线", "留言", "咨询", "来电", "来信", "建议", "提案"],
                            )
                    };
                ok.then_some(Kind::Completed)
            }
            Kind::CarriedIn => {
                let ok = core.chars().count() <= 16
                    && (core.is_empty() || core.contains("申请"))
                    && !has_any_ref(b, HEDGES.words)
                    && !has_any_ref(b, FOREIGN.words);
                ok.then_some(Kind::CarriedIn)
            }
            Kind::CarriedOut => {
                let b = b
                    .strip_prefix('至')
                    .or_else(|| b.strip_prefix('到'))
                    .unwrap_or(b);
                let ok = core.chars().count() <= 12
                    && ["下年", "下一年", "次年"].iter().any(|m| b.starts_with(m))
                    && !has_any_ref(b, HEDGES.words)
                    && !has_any_ref(b, &["予以", "不予", "复议", "诉讼"]);
                ok.then_some(Kind::CarriedOut)
            }
            Kind::Review | Kind::Litigation | Kind::ReviewAndLitigation => {
                const TOKENS: &[&str] = &[
                    "案件", "案", "申请", "共计", "合计", "总计", "共", "计", "达", "有", "为",
                    "数量", "数",
                ];
                if !tokens_only_ref(b, TOKENS)
                    || !sentence().contains("信息公开")
                    || has_any_ref(before, &["受理", "办理", "复议机关", "审理"])
                {
                    return None;
                }
                if kind == Kind::Litigation {
                    let lead = before
                        .trim_end_matches("提起")
                        .trim_end_matches("被提起")
                        .trim_end_matches('被');
                    if [
                        "行政复议、",
                        "行政复议和",
                        "行政复议及",
                        "行政复议与",
                        "复议、",
                        "复议和",
                        "复议及",
                    ]
                    .iter()
                    .any(|e| lead.ends_with(e))
                    {
                        return Some(Kind::ReviewAndLitigation);
                    }
                }
                Some(kind)
            }
        }
    }

    fn claims_ref(text: &str, year: Option<u16>) -> Vec<Claim> {
        let t = fold_ref(text);
        let mut found = Vec::new();
        for (start, end, value) in numbers_ref(&t) {
            // Every scan is bounded by a window around the number, so hostile text without
            // punctuation stays linear.
            let back = start.saturating_sub(MAX_SENTENCE);
            let ahead = t.len().min(end + MAX_SENTENCE);
            let clause_start = t
                .get(back..start)
                .and_then(|h| h.iter().rposition(|c| is_clause_end(*c)))
                .map_or(back, |p| back + p + 1);
            let clause_end = t
                .get(end..ahead)
                .and_then(|h| h.iter().position(|c| is_clause_end(*c)))
                .map_or(ahead, |p| end + p);
            let sentence_start = t
                .get(back..start)
                .and_then(|h| h.iter().rposition(|c| is_sentence_end(*c)))
                .map_or(back, |p| back + p + 1);
            let sentence_end = t
                .get(end..ahead)
                .and_then(|h| h.iter().position(|c| is_sentence_end(*c)))
                .map_or(ahead, |p| end + p);
            if other_year_ref(t.get(sentence_start..start).unwrap_or_default(), year) {
                continue;
            }
            let p_from = clause_start.max(start.saturating_sub(MAX_PREFIX));
            let prefix = s(t.get(p_from..start).unwrap_or_default());
            // after the unit, to the end of the clause (at most 16 characters)
            let suffix = s(t
                .get(end + 1..clause_end.min(end + 17).max(end + 1))
                .unwrap_or_default());
            // The sentence and the quote are built only when a figure needs them: most numbers of
            // an overview are about something else.
            let sentence = || s(t.get(sentence_start..sentence_end).unwrap_or_default());
            if let Some(kind) = classify_ref(&prefix, &suffix, &sentence) {
                let quote = s(t.get(clause_start..end + 1).unwrap_or_default());
                found.push(Claim { kind, value, quote });
            }
        }
        found
    }

    /// Pieces of overviews, hostile text included: brackets, glosses, whitespace, full-width
    /// digits, other years, long runs without punctuation.
    const PIECES: &[&str] = &[
        "受理", "政府信息公开申请", "申请", "件", "起", "共", "共计", "1", "23", "2,345", "1,23",
        "十二", "两", "一百零五", "二三", "，", "。", "；", "：", "！", "?", "（", "）", "(", ")",
        "“", "”", "jié", "(jié)", "（bàn）", "( fù )", "(abcdefghi)", "ǎ", "結", "辦", "辦結", "復議", " ", "\n", "　", "2020年", "2019年",
        "2022年", "3.5", ".", "%", "余", "上年结转", "上一年度结转", "结转下年度", "结转",
        "顺延到下年度", "继续办理", "下年", "办结", "答复", "行政复议", "行政诉讼", "、", "和",
        "案件", "信息公开", "其中", "较上年", "增加", "本机关", "热线", "咨询", "１２", "０",
        "x", "被", "提起", "受理了", "新收", "审理",
        "的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的的",
    ];

    fn text_of(parts: &[usize]) -> String {
        parts
            .iter()
            .filter_map(|&i| PIECES.get(i % PIECES.len()))
            .copied()
            .collect()
    }

    #[test]
    fn no_cjk_ideograph_is_whitespace_or_ends_a_clause() {
        // `fold` and `Ends::of` skip the ideographs on this ground.
        let found: Vec<char> = ('\u{3400}'..'\u{A000}')
            .filter(|c| {
                c.is_whitespace()
                    || is_clause_end(*c)
                    || is_sentence_end(*c)
                    || matches!(c, '(' | '（')
            })
            .collect();
        assert_eq!(found, Vec::<char>::new());
    }

    #[test]
    fn the_pinyin_match_is_the_substring_search() {
        let tones = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";
        for c in tones.chars().chain((0..0x3400).filter_map(char::from_u32)) {
            assert_eq!(is_pinyin(c), is_pinyin_ref(c), "{c:?}");
        }
    }

    /// The folded text, its ends, its years and its numbers.
    type Lists = (Vec<char>, Ends, Vec<(usize, u16)>, Vec<(usize, usize, i64)>);

    /// The folded text and its lists as separate passes over it find them.
    fn folded_by_passes(text: &str) -> Lists {
        let t = fold(text);
        (t.clone(), Ends::of(&t), years(&t), numbers(&t))
    }

    /// The same found in one pass.
    fn folded_in_one_pass(text: &str) -> Lists {
        let f = Folded::of(text);
        (f.t, f.ends, f.years.to_vec(), f.numbers.to_vec())
    }

    #[test]
    fn the_units_and_years_pass_the_mark_filter() {
        for c in ('\0'..=char::MAX).filter(|&c| is_unit(c) || c == '年') {
            assert!(may_mark(c), "{c}");
        }
        assert!(!may_mark('的'));
    }

    #[test]
    fn the_read_part_ends_at_the_last_character_kept() {
        let long = format!("{} {}", "的".repeat(MAX_CHARS), "x");
        assert_eq!(up_to_max(&long).len(), long.len() - 1);
        assert_eq!(fold(&long).len(), MAX_CHARS);
        assert_eq!(Folded::of(&long).t, fold(&long));
        let spaced = format!("{}x", "a ".repeat(MAX_CHARS));
        assert_eq!(up_to_max(&spaced).len(), spaced.len() - 1);
        assert_eq!(Folded::of(&spaced).t, fold(&spaced));
        assert_eq!(up_to_max("abc"), "abc");
    }

    #[test]
    fn one_pass_drops_the_glosses_the_text_has_as_written() {
        // The inner gloss goes; the outer brackets did not hold a gloss as written.
        for text in [
            "(ab(cd)ef)件",
            "1(jié)件",
            "1（jié）2件",
            "(a)(b)",
            "((ab))",
            "x(abcdefgh)y",
            "x(abcdefghi)y",
        ] {
            assert_eq!(folded_in_one_pass(text), folded_by_passes(text), "{text}");
        }
        assert_eq!(fold("(ab(cd)ef)"), "(abef)".chars().collect::<Vec<_>>());
    }

    #[test]
    fn the_reference_finds_what_the_overview_states() {
        // The reference itself reads figures, so the equivalence below is not between two
        // functions that find nothing.
        let text = "2020年，本机关共受理政府信息公开申请２３件，办结22件，1件结转下年度继续办理。";
        let got: Vec<(Kind, i64)> = claims_ref(text, Some(2020))
            .into_iter()
            .map(|c| (c.kind, c.value))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Received, 23),
                (Kind::Completed, 22),
                (Kind::CarriedOut, 1)
            ]
        );
        assert_eq!(claims(text, Some(2020)), claims_ref(text, Some(2020)));
    }

    /// Words of overviews, Simplified and Traditional: anchors, objects, units, numerals,
    /// hedges, words of other figures, punctuation, glosses, whitespace, years.
    const OVERVIEW_WORDS: &[&str] = &[
        "本机关",
        "全年",
        "共",
        "共计",
        "合计",
        "达",
        "为",
        "有",
        "了",
        "的",
        "本年度",
        "受理",
        "新收",
        "收到",
        "接到",
        "办结",
        "答复",
        "上年结转",
        "上年度结转",
        "上一年度结转",
        "结转",
        "行政复议",
        "行政诉讼",
        "复议",
        "诉讼",
        "被提起",
        "提起",
        "行政复议、",
        "行政复议和",
        "复议机关",
        "办理",
        "审理",
        "政府信息公开申请",
        "信息公开",
        "申请",
        "依申请公开",
        "申请件",
        "案件",
        "数量",
        "下年度",
        "下一年",
        "次年",
        "至",
        "到",
        "继续办理",
        "顺延",
        "转入下",
        "件",
        "起",
        "宗",
        "条",
        "个",
        "份",
        "次",
        "例",
        "條",
        "個",
        "一",
        "二",
        "两",
        "兩",
        "三",
        "十",
        "百",
        "零",
        "九",
        "其中",
        "累计",
        "同比",
        "较上年",
        "較上年",
        "增加",
        "去年",
        "占",
        "率",
        "予以",
        "不予",
        "热线",
        "咨询",
        "来电",
        "建议",
        "部分",
        "受理了",
        "辦結",
        "受理",
        "復議",
        "訴訟",
        "結轉",
        "申請",
        "諮詢",
        "餘",
        "余",
        "多",
        "，",
        "。",
        "；",
        "：",
        "、",
        "！",
        "?",
        "(",
        ")",
        "（",
        "）",
        "“",
        "”",
        ",",
        ".",
        "%",
        "結(jié)",
        "(bàn)",
        "（fù）",
        "(jié",
        "ǎ",
        "( jié )",
        " ",
        "\n",
        "\u{3000}",
        "\t",
        "2023年",
        "2022年",
        "2019年",
        "1989年",
        "年",
        "２０２３年",
    ];

    /// A digit string: `n` in ASCII or full-width digits, with or without thousands commas.
    fn digits_of(n: u64, full_width: bool, commas: bool) -> String {
        let plain = n.to_string();
        let mut out = String::new();
        for (i, d) in plain.chars().enumerate() {
            if commas && i > 0 && (plain.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(if full_width {
                char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d)
            } else {
                d
            });
        }
        out
    }

    /// What comes before an anchor: hedges, years, the agency as reviewing body, the other
    /// kind of a review and lawsuit figure.
    const BEFORES: &[&str] = &[
        "",
        "",
        "全年",
        "其中",
        "较上年",
        "2021年",
        "作为复议机关",
        "涉及信息公开的",
        "上年",
        "被",
        "行政复议、",
        "行政复议和",
        "复议及",
    ];
    /// Anchors (some Traditional) and words that are not.
    const ANCHOR_WORDS: &[&str] = &[
        "受理",
        "新收",
        "收到",
        "接收",
        "接到",
        "办结",
        "答复",
        "上年结转",
        "上年度结转",
        "上一年结转",
        "上一年度结转",
        "结转",
        "行政复议",
        "行政诉讼",
        "辦結",
        "行政復議",
        "行政訴訟",
        "受(shòu)理",
        "辦 (bàn)結",
        "行政復（fù）\u{3000}議",
        "上一年度結(jié)轉(zhuǎn)",
        "受、理",
        "新 收",
        "接(jiē)到",
        "答(dá)复",
        "提起行政诉讼",
        "被提起行政诉讼",
        "",
        "审理",
    ];
    /// Words between an anchor and its object.
    const MIDDLES: &[&str] = &[
        "",
        "",
        "",
        "政府信息公开",
        "咨询",
        "予以公开",
        "热线",
        "同比增加",
        "部分",
        "下年度",
        "至下年度",
        "到次年",
        "1",
        "案",
        "的",
    ];
    /// Objects of the anchors.
    const OBJECTS: &[&str] = &[
        "",
        "",
        "申请",
        "信息",
        "要求",
        "依申请公开",
        "申请件",
        "申请数量",
        "案件",
        "数量",
        "申請",
    ];
    /// Fillers right before a number.
    const FILLS: &[&str] = &["", "", "共", "共计", "达", "为", "有", "了", "总计"];
    /// Numbers written in Chinese numerals.
    const CN_NUMBERS: &[&str] = &["一", "两", "兩", "十二", "二十三", "一百零五", "二三", "零"];
    /// Units, some of them Traditional.
    const UNITS: &[&str] = &[
        "件", "起", "宗", "条", "个", "份", "次", "例", "條", "個", "余件",
    ];
    /// What follows a figure.
    const TAILS: &[&str] = &[
        "",
        "，",
        "。",
        "；",
        "结转下年度继续办理",
        "顺延到下年度",
        "結轉下年度",
        "結(jié)轉(zhuǎn)下年度",
        "順(shùn) 延到下年度",
        "结转2023年办理",
        "政府信息公开申请",
        "申请，",
        "（",
    ];

    /// A clause stating a figure: an opening (what comes before the anchor, the anchor, words,
    /// an object, a filler), a number, a unit, what follows.
    fn figure_clause() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let number = prop_oneof![
            3 => (0u64..3000, any::<bool>(), any::<bool>())
                .prop_map(|(n, fw, c)| digits_of(n, fw, c)),
            1 => proptest::sample::select(CN_NUMBERS).prop_map(str::to_string),
        ];
        let lead = (
            proptest::sample::select(BEFORES),
            proptest::sample::select(ANCHOR_WORDS),
            proptest::sample::select(MIDDLES),
            proptest::sample::select(OBJECTS),
            proptest::sample::select(FILLS),
        )
            .prop_map(|(a, b, c, d, e)| [a, b, c, d, e].concat());
        (
            lead,
            number,
            proptest::sample::select(UNITS),
            proptest::sample::select(TAILS),
        )
            .prop_map(|(lead, n, unit, tail)| format!("{lead}{n}{unit}{tail}"))
    }

    /// A piece of an overview: mostly words, sometimes a number, a clause stating a figure or
    /// brackets around pinyin letters (glosses, nested or not).
    fn overview_piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let brackets = proptest::collection::vec(
            proptest::sample::select(vec!['(', ')', '（', '）', 'a', 'é', 'b', ' ', '结', '1']),
            1..14,
        )
        .prop_map(|v| v.into_iter().collect::<String>());
        prop_oneof![
            3 => figure_clause(),
            1 => brackets,
            6 => proptest::sample::select(OVERVIEW_WORDS).prop_map(str::to_string),
            2 => (0u64..3000, any::<bool>(), any::<bool>())
                .prop_map(|(n, fw, c)| digits_of(n, fw, c)),
            1 => (0u64..10_000_000_000_000_000).prop_map(|n| digits_of(n, false, n % 2 == 0)),
        ]
    }

    proptest::proptest! {
        /// The claims are the reference's on text made of the words of overviews.
        #[test]
        fn claims_match_the_reference_on_overview_like_text(
            parts in proptest::collection::vec(overview_piece(), 0..200),
            year in proptest::option::of(2018u16..2025),
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(folded_in_one_pass(&text), folded_by_passes(&text));
            proptest::prop_assert_eq!(claims(&text, year), claims_ref(&text, year));
        }
    }

    /// A sentence with more ends, years and numbers than [`Folded`] keeps in place, between
    /// sentences that fit: the lists moved to the heap and back to short ones read as a
    /// reference that folds the whole text does.
    #[test]
    fn claims_of_sentences_outgrowing_the_lists_kept_in_place_are_the_references() {
        let long: String = (0..40)
            .map(|k| format!("2020年受理申请{k}件，"))
            .collect::<String>();
        let text = format!("受理申请5件。{long}办结3件。受理申请5件，办结3件。{long}。");
        let f = Folded::of(&long);
        assert!(f.ends.clause.spilled() && f.years.spilled() && f.numbers.spilled());
        for year in [None, Some(2020), Some(2021)] {
            assert_eq!(claims(&text, year), claims_ref(&text, year));
            assert_eq!(claims(&text, year), claims_whole(&text, year));
        }
    }

    #[test]
    fn the_stop_lists_hold_every_stop_and_sentences_end_alike_folded() {
        for c in '\0'..=char::MAX {
            let listed = match c.len_utf8() {
                1 => is_ascii_stop(c as u8),
                3 => STOPS3.contains(&c),
                _ => false,
            };
            assert_eq!(listed, is_stop(c), "{c:?}");
            if listed {
                assert_eq!(is_unit_stop(c), is_unit(fold_char(c)), "{c:?}");
            }
            // A number ends at every stop that neither is a unit nor ends a sentence.
            let number_end = listed && !is_unit_stop(c) && !is_sentence_end(c);
            assert_eq!(ends_number(c), number_end, "{c:?}");
            if c.len_utf8() == 3 {
                let u = c as usize;
                let bit = |set: &[u64; STOP_WORDS]| {
                    set.get(u >> 6).is_some_and(|w| (w >> (u & 63)) & 1 == 1)
                };
                assert_eq!(bit(stops3()), listed, "{c:?}");
                // The marks are the stops other than those after which a number ends.
                let marked = listed && !number_end;
                assert_eq!(MARKS3.contains(&c), marked, "{c:?}");
                assert_eq!(bit(marks3()), marked, "{c:?}");
                let mut buf = [0u8; 4];
                let utf8 = c.encode_utf8(&mut buf).as_bytes();
                assert_eq!(is_sentence_end3(Some(utf8)), is_sentence_end(c), "{c:?}");
            }
            if is_sentence_end(c) {
                assert_eq!(fold_char(c), c, "{c:?}");
            }
        }
    }

    #[test]
    fn ascii_pinyin_letters_fold_to_themselves_and_end_nothing() {
        // `Folded::fold` appends them without `Folded::push`'s tests.
        for c in 'a'..='z' {
            assert_eq!(fold_char(c), c);
            assert!(
                !is_unit(c) && !is_clause_end(c) && !is_sentence_end(c),
                "{c}"
            );
            assert!(is_pinyin(c), "{c}");
        }
    }

    #[test]
    fn a_unit_after_a_number_whitespace_or_a_gloss_makes_a_part() {
        let parts = |text: &str| {
            let mut v = Vec::new();
            figure_parts(text, |p| v.push(p.to_string()));
            v
        };
        assert_eq!(
            parts("共有3 件。没有件。兩(liǎng)個；"),
            ["共有3 件。", "兩(liǎng)個；"]
        );
        assert_eq!(parts("文件。１２\u{3000}條"), ["１２\u{3000}條"]);
        assert_eq!(parts("3。件"), Vec::<String>::new());
    }

    /// Pieces that put whitespace, glosses, brackets, numbers of every kind and sentence ends
    /// between and around numbers and units, and characters of every UTF-8 length.
    const PART_PIECES: &[&str] = &[
        " ",
        "\n",
        "\u{3000}",
        "\u{a0}",
        "(gè)",
        "（jiàn）",
        "( ge )",
        "(ab",
        ")",
        "）",
        "箇",
        "個",
        "條",
        "件",
        "次",
        "例",
        "２",
        "兩",
        "一",
        "十",
        "3",
        "42 ",
        "7(gè)",
        "!",
        ";",
        "?",
        "？",
        "！",
        "；",
        "。",
        "é",
        "ǐ",
        "𠀀",
        "文件",
        "条例",
    ];

    /// A piece of an overview ([`overview_piece`]) or one of [`PART_PIECES`].
    fn part_piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            3 => overview_piece(),
            2 => proptest::sample::select(PART_PIECES).prop_map(str::to_string),
        ]
    }

    /// Pieces that put runs of ASCII and two-byte characters (pinyin, Latin letters, ASCII stops
    /// among them) next to three-byte stops and openers, and at a text's ends.
    const SHORT_PIECES: &[&str] = &[
        "abc",
        "(lǐng)",
        "ǐ",
        "é",
        "ü",
        "§",
        "a1",
        "1a",
        "x)",
        ")x",
        "z;",
        "!",
        "?y",
        "\u{a0}",
        " \n",
        "𠀀",
        "受(shòu)",
        "辦(bàn)結(jié)",
        "结 转",
        "3件",
        "3 件",
        "é件",
        "。",
    ];

    /// A piece of [`part_piece`] or one of [`SHORT_PIECES`].
    fn short_piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            2 => part_piece(),
            3 => proptest::sample::select(SHORT_PIECES).prop_map(str::to_string),
        ]
    }

    #[test]
    fn runs_of_short_characters_are_read_as_the_reference_reads_them() {
        for text in [
            "(lǐng)3件。",
            "é 3ǐ件；ab",
            "abc",
            "a)件!",
            "受(shòu)理 2件",
        ] {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            figure_parts(text, |p| got.push(p));
            figure_parts_ref(text, |p| want.push(p));
            assert_eq!(got, want, "{text}");
            assert_eq!(may_state_figure(text), may_state_figure_ref(text), "{text}");
        }
        assert!(may_state_figure("辦(bàn)結(jié)3件"));
        assert!(!may_state_figure("(bàn)3件"));
    }

    proptest::proptest! {
        /// The runs of short characters stepped over by the table end where the reference's
        /// do, from every character boundary of texts of ASCII (the three ends among it), two-,
        /// three- and four-byte characters and of overview pieces, and past the text's end.
        #[test]
        fn short_runs_to_an_end_are_the_references(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('\0', '\u{7F}'),
                    proptest::sample::select(vec![';', '!', '?', '(', ')', ',']),
                    proptest::char::range('\u{80}', '\u{7FF}'),
                    proptest::char::range('\u{800}', '\u{D7FF}'),
                    proptest::char::range('\u{E000}', '\u{FFFF}'),
                    proptest::char::range('\u{10000}', '\u{10FFFF}'),
                ],
                0..40,
            ),
            pieces in proptest::collection::vec(short_piece(), 0..12),
        ) {
            let text: String = chars.into_iter().collect::<String>() + &pieces.concat();
            let b = text.as_bytes();
            for i in (0..=b.len() + 1).filter(|&i| i > b.len() || text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(
                    past_short_to_end(b, i),
                    past_short_to_end_ref(b, i),
                    "{:?} at {}", text, i
                );
            }
        }
    }

    proptest::proptest! {
        /// The text of folded characters is the one collected: characters of one to four bytes,
        /// empty or not.
        #[test]
        fn the_text_of_folded_characters_is_the_collected_one(
            t in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::char::range('0', 'z'),
                    proptest::char::range('\u{80}', '\u{7FF}'),
                    proptest::char::range('\u{4E00}', '\u{9FFF}'),
                    proptest::char::range('\u{10000}', '\u{10FFFF}'),
                ],
                0..40,
            ),
        ) {
            let got = s(&t);
            proptest::prop_assert_eq!(&got, &s_reference(&t));
            proptest::prop_assert_eq!(got.capacity(), got.len());
        }
    }

    proptest::proptest! {
        /// C7 with a claim's operands on the stack says what it said with each side a vector of
        /// its own: claims of every kind (table 4's are C10's), values that agree with 一, with
        /// 一 + 二 or with neither, blank and fractional cells, absent rows.
        #[test]
        fn c7_is_the_reference(
            cells in proptest::collection::vec(
                (proptest::bool::weighted(0.85), proptest::option::weighted(0.85, (0i64..6, proptest::bool::weighted(0.15)))),
                4,
            ),
            claims in proptest::collection::vec((0usize..7, 0i64..12), 0..6),
        ) {
            use crate::model::{Cell, Number, Row, Span, Table};
            let rows = [NEW, CARRIED_IN, TOTAL, CARRIED_OUT]
                .iter()
                .zip(&cells)
                .filter(|(_, (present, _))| *present)
                .enumerate()
                .map(|(i, (&path, &(_, v)))| Row {
                    row: Cow::Borrowed(path),
                    label: None,
                    span: Some(Span::new(i, i + 1)),
                    subtotal: false,
                    cells: vec![Cell {
                        column: Cow::Borrowed(TOTAL_COL),
                        value: v.map(|(n, fraction)| {
                            if fraction {
                                Number::Decimal(Decimal::new(n * 10 + 5, 1))
                            } else {
                                Number::Int(n)
                            }
                        }),
                        unit: None,
                        raw: None,
                        span: Some(Span::new(10 * i, 10 * i + 2)),
                        derived: None,
                    }],
                })
                .collect();
            let report = Report {
                applications: Some(Table {
                    kind: TableKind::Applications,
                    template: None,
                    span: crate::model::Span::default(),
                    rows,
                }),
                ..Default::default()
            };
            const KINDS: [Kind; 7] = [
                Kind::Received,
                Kind::CarriedIn,
                Kind::Completed,
                Kind::CarriedOut,
                Kind::Review,
                Kind::Litigation,
                Kind::ReviewAndLitigation,
            ];
            let claims: Vec<Claim> = claims
                .iter()
                .map(|&(k, value)| Claim {
                    kind: KINDS[k],
                    value,
                    quote: format!("受理申请{value}件"),
                })
                .collect();
            let Some(rule) = super::super::RULES.iter().find(|r| r.name == "C7") else {
                return Err(proptest::test_runner::TestCaseError::fail("no C7"));
            };
            let (mut got, mut want) = (Out::default(), Out::default());
            got.prose_claims = Some(claims.clone());
            want.prose_claims = Some(claims);
            c7(rule, &report, &mut got);
            c7_reference(rule, &report, &mut want);
            proptest::prop_assert_eq!(&got.diags, &want.diags);
            proptest::prop_assert_eq!(got.prose_claims, want.prose_claims);
        }
    }

    proptest::proptest! {
        /// The message of a broken claim is the two `format!`s': one operand or several,
        /// labels and quotes of several-byte characters or empty, blank and decimal values,
        /// negative and fractional sums, tables of one to three digits.
        #[test]
        fn the_broken_message_is_the_formatted_one(
            name in proptest::sample::select(vec!["C7", "C10", ""]),
            quote in "[a-z0-9受理申请件，“”\"]{0,12}",
            value in proptest::num::i64::ANY,
            table in proptest::num::u8::ANY,
            ops in proptest::collection::vec(
                (
                    "[a-z受理总计（）, ]{0,10}",
                    proptest::option::of((proptest::num::i64::ANY, 0u32..4, proptest::bool::ANY)),
                ),
                1..4,
            ),
            sum in (proptest::num::i64::ANY, 0u32..6),
        ) {
            let claim = Claim { kind: Kind::Received, value, quote };
            let ops: Vec<Operand> = ops
                .into_iter()
                .map(|(label, v)| Operand {
                    table,
                    row: "",
                    column: "",
                    span: None,
                    label: Cow::Owned(label),
                    value: v.map(|(n, scale, int)| {
                        if int {
                            crate::model::Number::Int(n)
                        } else {
                            crate::model::Number::Decimal(Decimal::new(n, scale))
                        }
                    }),
                    negative: false,
                })
                .collect();
            let actual = Decimal::new(sum.0, sum.1);
            proptest::prop_assert_eq!(
                broken_message(name, &claim, &ops, actual),
                broken_message_reference(name, &claim, &ops, actual)
            );
        }
    }

    proptest::proptest! {
        /// The parts and the test of each for the words of a figure are the references'.
        #[test]
        fn figure_parts_and_their_words_match_the_references(
            parts in proptest::collection::vec(short_piece(), 0..120),
        ) {
            let text = parts.concat();
            let mut got = Vec::new();
            figure_parts(&text, |p| got.push(p));
            let mut want = Vec::new();
            figure_parts_ref(&text, |p| want.push(p));
            proptest::prop_assert_eq!(&got, &want);
            let mut short = Vec::new();
            figure_parts_by::<true>(&text, |p| short.push(p));
            proptest::prop_assert_eq!(&got, &short);
            let mut pairs = Vec::new();
            figure_parts_by_pairs(&text, |p| pairs.push(p));
            proptest::prop_assert_eq!(&got, &pairs);
            for p in got.iter().copied().chain(std::iter::once(text.as_str())) {
                proptest::prop_assert_eq!(may_state_figure(p), may_state_figure_ref(p), "{:?}", p);
                proptest::prop_assert_eq!(
                    may_state_figure(p),
                    may_state_figure_by::<true>(p),
                    "{:?}",
                    p
                );
            }
            // The text cut at its first characters' starts, so that its runs end at each
            // distance from the end (no pair left, one character left, a character cut short).
            for (k, _) in text.char_indices().take(8) {
                let cut = text.get(k..).unwrap_or_default();
                let (mut got, mut pairs) = (Vec::new(), Vec::new());
                figure_parts(cut, |p| got.push(p));
                figure_parts_by_pairs(cut, |p| pairs.push(p));
                proptest::prop_assert_eq!(&got, &pairs, "{:?}", cut);
                proptest::prop_assert_eq!(
                    may_state_figure(cut),
                    may_state_figure_by::<true>(cut),
                    "{:?}",
                    cut
                );
            }
        }
    }

    proptest::proptest! {
        /// The parts that may state a figure, found in one pass, are the reference's: on texts
        /// of overview pieces and of runs of short characters next to stops and openers (a
        /// gloss or a blank between an opener and its next character, an opener at a text's
        /// end), each cut at its first characters' starts and ends.
        #[test]
        fn stating_parts_are_the_references(
            parts in proptest::collection::vec(short_piece(), 0..120),
        ) {
            let text = parts.concat();
            let cuts = text.char_indices().take(8).map(|(k, _)| (k, text.len()));
            let ends = text.char_indices().rev().take(8).map(|(k, _)| (0, k));
            for (from, to) in std::iter::once((0, text.len())).chain(cuts).chain(ends) {
                let cut = text.get(from..to).unwrap_or_default();
                let (mut got, mut want) = (Vec::new(), Vec::new());
                stating_parts(cut, |p| got.push(p));
                stating_parts_ref(cut, |p| want.push(p));
                proptest::prop_assert_eq!(&got, &want, "{:?}", cut);
                proptest::prop_assert_eq!(opens_from(Some(cut)), may_state_figure(cut), "{:?}", cut);
            }
        }
    }

    #[test]
    fn stating_parts_tell_an_opener_in_its_own_sentence() {
        for text in [
            "",
            "受",
            "受理3件。",
            "受。理3件。",
            "3件受(shòu) 理。2件",
            "辦(bàn)結(jié)3件",
            "(bàn)3件",
            "收到 \n 申请5件；办",
            "结转3件!复",
        ] {
            let (mut got, mut want) = (Vec::new(), Vec::new());
            stating_parts(text, |p| got.push(p));
            stating_parts_ref(text, |p| want.push(p));
            assert_eq!(got, want, "{text}");
        }
        let mut got = Vec::new();
        stating_parts("受。理3件。受理3件。", |p| got.push(p));
        assert_eq!(got, ["受理3件。"]);
    }

    proptest::proptest! {
        /// The claims of the parts that can state a figure are those of the whole text, and the
        /// parts hold every number the whole text has.
        #[test]
        fn the_figure_parts_read_as_the_whole_text(
            parts in proptest::collection::vec(part_piece(), 0..200),
            year in proptest::option::of(2018u16..2025),
        ) {
            let text = parts.concat();
            let mut numbers = Vec::new();
            let mut unread = Vec::new();
            figure_parts(&text, |p| {
                numbers.extend(Folded::of(p).numbers.iter().map(|n| n.2));
                // A part not folded states no figure.
                if !may_state_figure(p) {
                    Folded::of(p).claims_into(year, &mut unread);
                }
            });
            proptest::prop_assert_eq!(unread, Vec::new());
            let whole: Vec<i64> = Folded::of(&text).numbers.iter().map(|n| n.2).collect();
            proptest::prop_assert_eq!(numbers, whole);
            proptest::prop_assert_eq!(claims(&text, year), claims_whole(&text, year));
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_numbers_and_claims_match_the_reference(
            parts in proptest::collection::vec(0usize..1000, 0..160),
            year in proptest::option::of(2018u16..2023),
        ) {
            let text = text_of(&parts);
            let t = fold(&text);
            proptest::prop_assert_eq!(&t, &fold_ref(&text));
            proptest::prop_assert_eq!(folded_in_one_pass(&text), folded_by_passes(&text));
            proptest::prop_assert_eq!(numbers(&t), numbers_ref(&t));
            proptest::prop_assert_eq!(claims(&text, year), claims_ref(&text, year));
        }

        #[test]
        fn bounds_from_the_end_lists_match_the_windowed_scans(
            parts in proptest::collection::vec(0usize..1000, 0..80),
            at in 0usize..10_000,
            width in 0usize..12,
            reach in 0usize..300,
        ) {
            let t = fold(&text_of(&parts));
            let ends = Ends::of(&t);
            let start = at % (t.len() + 1);
            let end = (start + width).min(t.len());
            let back = start.saturating_sub(reach);
            let ahead = t.len().min(end + reach);
            for (list, is_end) in [
                (&ends.clause, is_clause_end as fn(char) -> bool),
                (&ends.sentence, is_sentence_end),
            ] {
                let scan_start = t
                    .get(back..start)
                    .and_then(|h| h.iter().rposition(|c| is_end(*c)))
                    .map_or(back, |p| back + p + 1);
                let scan_end = t
                    .get(end..ahead)
                    .and_then(|h| h.iter().position(|c| is_end(*c)))
                    .map_or(ahead, |p| end + p);
                proptest::prop_assert_eq!(start_after(list, back, start), scan_start);
                proptest::prop_assert_eq!(end_at(list, end, ahead), scan_end);
            }
            let ys = years(&t);
            for y in [None, Some(2019), Some(2020)] {
                proptest::prop_assert_eq!(
                    other_year(&ys, back, start, y),
                    other_year_ref(t.get(back..start).unwrap_or_default(), y)
                );
            }
        }
    }
}
