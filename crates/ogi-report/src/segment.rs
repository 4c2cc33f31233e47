//! Segmentation: the six sections, the title, agency, year and publication date.
//!
//! Headings are recognised by their *content* (`总体情况`, `主动公开`, `复议`+`诉讼`, …) behind an
//! optional Chinese numeral and markdown `#`s, never by the numeral alone: reports renumber their
//! sections, and table 3 has rows that start with `三、` and `四、`. A heading must begin a line,
//! except in flattened text (a whole report on one line), where a numbered heading is accepted
//! anywhere. Sections are searched in template order, each after the previous one.

use crate::BuiltOnce;
use nom::bytes::complete::{tag, take_while1, take_while_m_n};
use nom::character::complete::{char as ch, multispace0, space0, space1};
use nom::combinator::opt;
use nom::sequence::preceded;
use nom::{IResult, Parser};

use crate::model::SectionKind;
use crate::scan::find_label;

/// A heading found in the canonical text.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    pub kind: SectionKind,
    /// Canonical byte range of the heading line (numeral included).
    pub start: usize,
    pub end: usize,
}

/// The number of a numeral from `一` to `九` (an older-format report's headings run to `七`,
/// `八`): [`numeral_value`]'s, and `七`, `八`, `九`.
fn numeral_to_nine(c: char) -> Option<u8> {
    numeral_value(c).or(match c {
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    })
}

/// A heading numeral, `一` to `十` (a `match`: `str::contains` builds a searcher per call).
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// `## 三、` / `三、` / `三.` / `三 ` prefix of a heading; returns the rest and whether a numeral
/// was there. A text that opens with none of the prefix's characters (blank, `#`, `*`, a numeral)
/// has an empty prefix, which is answered without the parser: most lines of a report, a table's
/// rows among them.
///
/// A numeral followed by `、` and then by none of the characters the parser goes on to take
/// (blank, `*`), the form of most headings, is answered without the parser too: the parser
/// takes the one numeral (`、` is none), the `、`, and nothing after.
fn heading_prefix(s: &str) -> IResult<&str, bool> {
    match s.chars().next() {
        Some(c) if !matches!(c, ' ' | '\t' | '#' | '*') && !is_numeral(c) => Ok((s, false)),
        Some(c) if is_numeral(c) => match s.get(c.len_utf8()..).and_then(|r| r.strip_prefix('、'))
        {
            Some(rest) if !rest.starts_with([' ', '\t', '*']) => Ok((rest, true)),
            _ => parse_heading_prefix(s),
        },
        _ => parse_heading_prefix(s),
    }
}

/// The number of a heading numeral from `一` to `六`.
fn numeral_value(c: char) -> Option<u8> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        _ => return None,
    })
}

/// What may stand between a heading's numbering and its words (`第一部分：`, `一 `).
const AFTER_NUMBERING: [char; 7] = [' ', '\t', '、', ':', '：', '.', ','];

/// The other ways reports number a section heading than [`heading_prefix`]'s: `第一部分`
/// (`第一部分 总体情况`, `第一部分：…`) and an Arabic digit (`1. 总体情况`, `1、`, `1 `; a
/// full-width `１．` folds to these), with the number it gives and the rest. Only the heading of
/// that number takes such a line: in the overview, `1.主动公开情况` is a sub-heading, not
/// section 2; a decimal (`2.5`) is no numbering. A later sub-item's `（三）` gives the number 0,
/// which no heading takes. With `paren`, the numbering of a report whose sections are numbered
/// `（一）` … `（六）` (no other heading found in it, [`paren_headings`]): `（二）` numbers
/// section 2.
fn other_numbering_with(s: &str, paren: bool) -> Option<(u8, &str)> {
    if paren {
        let r = s.strip_prefix(['(', '（'])?;
        let c = r.chars().next()?;
        let n = numeral_value(c)?;
        let r = r.get(c.len_utf8()..)?.strip_prefix([')', '）'])?;
        return Some((n, r.trim_start_matches(AFTER_NUMBERING)));
    }
    if let Some(r) = s.strip_prefix('第') {
        let c = r.chars().next()?;
        let n = numeral_value(c)?;
        let r = r.get(c.len_utf8()..)?.strip_prefix("部分")?;
        return Some((n, r.trim_start_matches(AFTER_NUMBERING)));
    }
    // `（三）`: a later sub-item's numbering, which no section heading takes (the items
    // `（二）主动公开…`, `（三）政府信息公开行政复议…` of an overview are no sections). A first
    // item (`（一）2024年工作中存在问题的改进情况`) can stand where its section's lost heading
    // stood, and is left to the words, as an unnumbered line is.
    if let Some(r) = s.strip_prefix(['(', '（']) {
        let c = r.chars().next()?;
        if numeral_value(c)? < 2 {
            return None;
        }
        let r = r.get(c.len_utf8()..)?.strip_prefix([')', '）'])?;
        return Some((0, r.trim_start_matches(AFTER_NUMBERING)));
    }
    let d = *s.as_bytes().first()?;
    if !(b'1'..=b'6').contains(&d) {
        return None;
    }
    let r = s.get(1..)?.strip_prefix(['.', '、', ' ', '\t'])?;
    if r.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((d - b'0', r.trim_start_matches([' ', '\t'])))
}

/// [`other_numbering_with`] without `paren`.
#[cfg(test)]
fn other_numbering(s: &str) -> Option<(u8, &str)> {
    other_numbering_with(s, false)
}

/// How a heading line is numbered ([`numbering`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbered {
    /// Not at all.
    No,
    /// By [`heading_prefix`]'s numeral (`三、`), whatever its number.
    Numeral,
    /// By an [`other_numbering_with`], which only the heading of its number takes.
    Other(u8),
}

/// A line's words after the table pipes, spaces and question marks (ideographic spaces an
/// encoding lost: `????一、总体情况`) that open it and after its numbering, how it is numbered,
/// and whether it is marked a heading (`#`).
fn numbering(line: &str) -> Option<(&str, Numbered, bool)> {
    numbering_with(line, false)
}

/// [`numbering`], or with `paren` the numbering `（一）` … `（六）` of [`paren_headings`].
fn numbering_with(line: &str, paren: bool) -> Option<(&str, Numbered, bool)> {
    // Bytes, not a char pattern: a line of a million `|` is skipped at memory speed.
    let lead = line
        .bytes()
        .take_while(|b| matches!(b, b'|' | b' ' | b'\t' | b'?'))
        .count();
    let stripped = line.get(lead..).unwrap_or("");
    let marked = stripped.starts_with('#');
    let (rest, numeral) = heading_prefix(stripped).ok()?;
    if numeral {
        return Some((rest, Numbered::Numeral, marked));
    }
    Some(match other_numbering_with(rest, paren) {
        Some((n, r)) => (r, Numbered::Other(n), marked),
        None => (rest, Numbered::No, marked),
    })
}

/// [`heading_prefix`] by the parser alone.
#[inline(never)]
fn parse_heading_prefix(s: &str) -> IResult<&str, bool> {
    let (s, _) = space0(s)?;
    let (s, _) = opt((take_while1(|c| c == '#' || c == '*'), space0)).parse(s)?;
    // The numeral and its separator: `、`, `.` or `,` (spaces before it allowed), or spaces
    // alone (`一 总体情况`, where a PDF's text lost the `、`).
    let (s, num) = opt((
        take_while_m_n(1, 2, is_numeral),
        nom::branch::alt((
            preceded(space0, nom::branch::alt((ch('、'), ch('.'), ch(',')))),
            nom::combinator::value(' ', space1),
        )),
    ))
    .parse(s)?;
    let (s, _) = space0(s)?;
    let (s, _) = opt(tag("**")).parse(s)?;
    Ok((s, num.is_some()))
}

/// The first `n` characters of `s`, without copying.
fn prefix_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        // No more bytes than characters asked for.
        return s;
    }
    match s.char_indices().nth(n) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// [`head_matches`] on the first 40 characters of `line`, cut only for the two kinds that look
/// inside the words, and only when their character is there: the other kinds test prefixes
/// shorter than 40 characters, which the whole line has as its cut does.
///
/// Those two look only inside the first 30 (review) or 24 (problems) characters, whose words
/// each hold the kind's character: so the line is cut there at once, and the words looked for
/// in that cut, rather than the line cut at 40 characters, searched for the character, and cut
/// again (some 40 characters decoded twice on each line that holds the character).
fn kind_matches(kind: SectionKind, line: &str) -> bool {
    let mark = match kind {
        SectionKind::ReviewLitigation => "复",
        SectionKind::Problems => "问",
        _ => return head_matches(kind, line),
    };
    // Forty characters end within the first 160 bytes.
    let window = line
        .as_bytes()
        .get(..line.len().min(160))
        .unwrap_or_default();
    if !has_bytes(window, mark.as_bytes()) {
        return false;
    }
    match kind {
        SectionKind::ReviewLitigation => review_words::<false>(prefix_chars(line, REVIEW_CHARS)),
        _ => problems_words::<false>(prefix_chars(line, PROBLEMS_CHARS)),
    }
}

/// Whether `needle` (a few bytes) occurs in `hay` (a short window): `memchr` on the needle's last
/// byte and a compare of the bytes before it. A `memmem` search built its finder on every line.
fn has_bytes(hay: &[u8], needle: &[u8]) -> bool {
    bytes_at(hay, needle).is_some()
}

/// Where `needle` first occurs in `hay`, found as [`has_bytes`] finds it: one small function for
/// every search of a few bytes (a `str::find` inlines a searcher at each call).
fn bytes_at(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&last, head)) = needle.split_last() else {
        return Some(0);
    };
    memchr::memchr_iter(last, hay).find_map(|hit| {
        let start = hit.checked_sub(head.len())?;
        (hay.get(start..hit) == Some(head)).then_some(start)
    })
}

/// [`bytes_at`] of two strings: a byte offset where `needle` starts, a character boundary of
/// `hay` (a UTF-8 needle opens with a leading byte).
fn str_at(hay: &str, needle: &str) -> Option<usize> {
    bytes_at(hay.as_bytes(), needle.as_bytes())
}

/// Whether `h`, the first 40 characters of a line, opens a heading of `kind`.
fn head_matches(kind: SectionKind, h: &str) -> bool {
    head_matches_by::<false>(kind, h)
}

/// [`head_matches`] with the words inside the review and problems headings searched for by
/// `str::contains`: the reference it is tested against.
#[cfg(test)]
fn head_matches_reference(kind: SectionKind, h: &str) -> bool {
    head_matches_by::<true>(kind, h)
}

/// [`head_matches`], or with `FIRST_WRITTEN` set the reference it is held to. The words inside
/// a heading are searched for by [`has_bytes`] (`memchr` on the word's last byte and a compare
/// of the bytes before it) rather than by `str::contains`, which builds a searcher for each:
/// the words are whole characters, so in a text their bytes occur only where the characters do.
#[inline(always)]
fn head_matches_by<const FIRST_WRITTEN: bool>(kind: SectionKind, h: &str) -> bool {
    match kind {
        SectionKind::Overview => {
            h.starts_with("总体情况")
                || h.starts_with("概述")
                || h.starts_with("总体概况")
                || h.starts_with("基本情况")
                || h.starts_with("总体概述")
                || h.starts_with("总体工作情况")
                || h.starts_with("主要工作概述")
                || h.starts_with("概况")
                || h.starts_with("基本概况")
                || h.starts_with("综述")
                || h.starts_with("基本工作情况")
                || spaced_pair(h, '概', '述')
        }
        SectionKind::ActiveDisclosure => {
            (h.starts_with("主动公开")
                || h.starts_with("行政机关主动公开")
                || h.starts_with("政府信息主动公开"))
                && !h.starts_with("主动公开情况。")
        }
        SectionKind::Applications => {
            h.starts_with("收到和处理")
                || h.starts_with("受理依申请公开")
                || h.starts_with("收到和处理政府信息公开申请")
                || h.starts_with("依申请公开")
                || h.starts_with("政府信息依申请公开")
        }
        SectionKind::ReviewLitigation => {
            // Both forms hold 复: a character search rules out most lines cheaply.
            if !h.contains('复') {
                return false;
            }
            review_words::<FIRST_WRITTEN>(prefix_chars(h, REVIEW_CHARS))
        }
        SectionKind::Problems => {
            if !h.contains('问') {
                return false;
            }
            problems_words::<FIRST_WRITTEN>(prefix_chars(h, PROBLEMS_CHARS))
        }
        SectionKind::Other => h.starts_with("其他需要报告") || h.starts_with("其它需要报告"),
    }
}

/// Whether `s` holds `word`: by [`has_bytes`], or with `FIRST_WRITTEN` by `str::contains`.
#[inline(always)]
fn holds_word<const FIRST_WRITTEN: bool>(s: &str, word: &str) -> bool {
    if FIRST_WRITTEN {
        s.contains(word)
    } else {
        has_bytes(s.as_bytes(), word.as_bytes())
    }
}

/// The characters of a line that the review heading's words are looked for in.
const REVIEW_CHARS: usize = 30;

/// The characters of a line that the problems heading's words are looked for in.
const PROBLEMS_CHARS: usize = 24;

/// Whether `short`, the first [`REVIEW_CHARS`] characters of a line, holds the review
/// heading's words ([`head_matches_by`]'s words and `FIRST_WRITTEN`). Each form holds `复`.
#[inline(always)]
fn review_words<const FIRST_WRITTEN: bool>(short: &str) -> bool {
    let holds = |word: &str| holds_word::<FIRST_WRITTEN>(short, word);
    // Not table 4's header (`行政复议 | 行政诉讼`), but the older format's headings
    // `行政复议、诉讼和申诉情况`, `行政复议和行政诉讼情况`.
    (holds("复议")
        && holds("诉讼")
        && (!short.starts_with("行政复议")
            || short
                .strip_prefix("行政复议")
                .is_some_and(|r| r.starts_with(['、', '和', '及']))
                && holds("情况")))
        || short.starts_with("政府信息公开行政复议")
}

/// Whether `short`, the first [`PROBLEMS_CHARS`] characters of a line, holds the problems
/// heading's words, as [`review_words`]. Every form holds `问题`.
#[inline(always)]
fn problems_words<const FIRST_WRITTEN: bool>(short: &str) -> bool {
    let holds = |word: &str| holds_word::<FIRST_WRITTEN>(short, word);
    holds("问题") && (holds("改进") || holds("打算") || holds("措施") || holds("存在"))
}

/// Find the section headings of `text` (canonical), in template order.
///
/// Each kind is looked for after the previous heading found; when a kind is absent, the next
/// kind is looked for from the same place, and so on (the first later kind found is taken). A
/// kind's heading line is the first line after that place that [`heading_line_with`] fits to the
/// kind, found by [`first_line`] among the lines that hold one of the kind's words only, instead
/// of every line being cut out and its prefix parsed.
///
/// Out of line, as [`find_meta`] is: see `parse::normalised`.
#[inline(never)]
pub(crate) fn find_headings(text: &str) -> Vec<Heading> {
    // Whether the text is flattened is asked only when a kind has no heading line, so the lines
    // are counted then (once), not for every text.
    let mut flat: Option<bool> = None;
    let mut flattened = || *flat.get_or_insert_with(|| is_flattened(text));
    let kinds = SectionKind::ALL;
    let mut out: Vec<Heading> = Vec::with_capacity(kinds.len());
    let mut cursor = 0usize;
    let mut k = 0usize;
    // Whether every heading found is numbered `一、`: the later ones are numbered so too, and a
    // line numbered `2.` is then a sub-heading (`2.主动公开的政府信息的数量` in the overview).
    let mut by_numeral = false;
    'kinds: while k < kinds.len() {
        for (j, &kind) in kinds.iter().enumerate().skip(k) {
            // Under numbered headings, a numbered line of the kind is preferred to an
            // un-numbered one before it (`主动公开情况`, a sub-heading of the overview).
            let line = if by_numeral {
                first_line(text, cursor, kind, Lines::Numbered)
                    .or_else(|| first_line(text, cursor, kind, Lines::NoDigit))
            } else {
                first_line(text, cursor, kind, Lines::Any)
            };
            let found = match line {
                Some((start, end)) => Some(Heading { kind, start, end }),
                None if flattened() => find_inline(text, cursor, kind),
                None => None,
            };
            if let Some(h) = found {
                cursor = h.end;
                by_numeral = (out.is_empty() || by_numeral) && numbered_by_numeral(text, h.start);
                out.push(h);
                k = j + 1;
                continue 'kinds;
            }
        }
        // No later kind is left after `cursor`.
        break;
    }
    if out.is_empty() {
        return paren_headings(text);
    }
    prefer_numbered_overview(text, &mut out);
    overview_in_its_slot(text, &mut out);
    prefer_numbered_right(text, &mut out);
    out
}

/// The headings of a report whose sections are numbered `（一）总体情况`, `（二）主动公开…`
/// (no heading found otherwise: elsewhere `（二）` numbers an item of the overview, no section):
/// each kind's first line numbered with its own number in brackets, in order.
fn paren_headings(text: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut cursor = 0usize;
    for kind in SectionKind::ALL {
        if let Some((start, end)) = first_line(text, cursor, kind, Lines::Paren) {
            out.push(Heading { kind, start, end });
            cursor = end;
        }
    }
    out
}

/// An un-numbered overview heading (`概述` over a report's lead-in paragraph) followed, before
/// the next heading, by the overview heading numbered `一、` (`一、总体情况`): the numbered one
/// heads the section, and the lead-in stays before it.
fn prefer_numbered_overview(text: &str, out: &mut [Heading]) {
    let next = out.get(1).map_or(text.len(), |h| h.start);
    let Some(first) = out.first_mut() else {
        return;
    };
    if first.kind != SectionKind::Overview || numbered_by_numeral(text, first.start) {
        return;
    }
    let line = text
        .get(first.start..line_end(text, first.start))
        .unwrap_or("");
    if !matches!(numbering(line), Some((_, Numbered::No, false))) {
        return;
    }
    let Some((start, end)) = first_line(text, first.end, SectionKind::Overview, Lines::Numbered)
    else {
        return;
    };
    let one = text
        .get(start..)
        .and_then(|l| {
            l.trim_start_matches(['|', ' ', '\t', '#', '*'])
                .chars()
                .next()
        })
        .and_then(numeral_value)
        == Some(1);
    if start < next && one && numbered_by_numeral(text, start) {
        first.start = start;
        first.end = end;
    }
}

/// No overview heading found and the first heading numbered `二、`: the last line before it
/// numbered `一、` and shaped as a heading (at most 32 characters, no `。`) heads section 1, the
/// slot it stands in, though its words are none of the overview's (`一、工作开展情况`, the older
/// format's `一、健全组织、强化领导`).
fn overview_in_its_slot(text: &str, out: &mut Vec<Heading>) {
    let Some(first) = out.first() else {
        return;
    };
    if first.kind == SectionKind::Overview || numeral_of_line(text, first.start) != Some(2) {
        return;
    }
    let mut slot = None;
    let mut pos = 0usize;
    while pos < first.start {
        let le = line_end(text, pos).min(first.start);
        if numeral_of_line(text, pos) == Some(1) {
            let words = text
                .get(pos..le)
                .and_then(numbering)
                .map_or("", |(rest, _, _)| rest.trim_end());
            if !words.is_empty() && !words.contains('。') && words.chars().nth(32).is_none() {
                slot = Some(Heading {
                    kind: SectionKind::Overview,
                    start: pos,
                    end: pos + text.get(pos..le).map_or(0, |l| l.trim_end().len()),
                });
            }
        }
        pos = le + 1;
    }
    if let Some(h) = slot.or_else(|| overview_glued(text, first.start)) {
        out.insert(0, h);
    }
}

/// With no line numbered `一、` before section 2's heading at `to`: the last `一、` before it
/// within a line, followed by one of the overview's heading phrases, heads section 1. A page's
/// fields run into the heading where a page was saved without its line breaks between them
/// (`发布时间：2022-01-20 来源: 上海普陀一、总体情况`).
fn overview_glued(text: &str, to: usize) -> Option<Heading> {
    let head = text.get(..to)?;
    head.match_indices("一、")
        // Within a line: not at its start.
        .filter(|&(at, _)| at > 0 && head.as_bytes().get(at - 1) != Some(&b'\n'))
        .filter_map(|(at, n)| {
            let end = heading_phrase_end(text, at + n.len(), to, SectionKind::Overview)?;
            Some(Heading {
                kind: SectionKind::Overview,
                start: at,
                end,
            })
        })
        .last()
}

/// A heading found for sections 2-6 numbered `一、`… with another numeral than its kind's (an
/// item of the overview numbered like the sections, `三、主动公开工作情况`), followed before the
/// next heading found by a line numbered right that is the kind's own phrase
/// (`二、主动公开政府信息情况`, [`HEADING_PHRASES`]): that line heads the section, and the item
/// stays in the section before.
fn prefer_numbered_right(text: &str, out: &mut [Heading]) {
    for i in 0..out.len() {
        let Some((kind, start)) = out.get(i).map(|h| (h.kind, h.start)) else {
            break;
        };
        let number = kind.number();
        // Most headings open with their own numeral: told from the first character.
        let own_first = text
            .get(start..)
            .and_then(|l| l.chars().next())
            .and_then(numeral_value)
            == Some(number);
        if number < 2 || own_first || numeral_of_line(text, start).is_none_or(|n| n == number) {
            continue;
        }
        let next = out.get(i + 1).map_or(text.len(), |n| n.start);
        let phrases = HEADING_PHRASES
            .get(usize::from(number) - 1)
            .map_or(&[][..], |p| *p);
        let mut pos = line_end(text, start).saturating_add(1);
        while pos < next {
            let le = line_end(text, pos).min(next);
            if numeral_of_line(text, pos) == Some(number) {
                let own = text
                    .get(pos..le)
                    .and_then(numbering)
                    .map(|(rest, _, _)| {
                        without_heading_lead(
                            rest.trim_end_matches(['*', '：', ':', '。', ' ', '\t', '\r']),
                        )
                    })
                    .is_some_and(|w| phrases.contains(&w));
                if own {
                    if let Some(slot) = out.get_mut(i) {
                        slot.start = pos;
                        slot.end = heading_end(text, pos, le, kind);
                    }
                    break;
                }
            }
            pos = le + 1;
        }
    }
}

/// Whether `text` is flattened: fewer than 40 lines, more than 300 bytes a line; or one line
/// of 2,000 bytes or more that holds more than half the text (a scraper's `get_text()` of a
/// page: the report's text on one line, the site's menus and footer on lines of their own).
fn is_flattened(text: &str) -> bool {
    let b = text.as_bytes();
    // Whether there are fewer than 40 lines: stop counting there.
    let lines_count = memchr::memchr_iter(b'\n', b).take(40).count();
    if lines_count < 40 {
        return text.len() > 300 * (lines_count + 1);
    }
    if text.len() < 4000 {
        return false;
    }
    let mut start = 0;
    let mut longest = 0;
    for end in memchr::memchr_iter(b'\n', b).chain(std::iter::once(b.len())) {
        longest = longest.max(end - start);
        start = end + 1;
    }
    longest >= 2000 && longest * 2 > text.len()
}

/// The words that a heading of each kind holds, in [`SectionKind::ALL`]'s order: every line
/// that [`heading_line_with`] fits to a kind holds one of its words (the overview's and the
/// applications' headings start with one of theirs; both forms of the review heading hold
/// `复议`, the problems' heading `问题`, the last `需要报告`).
const KIND_WORDS: [&[&str]; 6] = [
    &[
        "总体情况",
        "概述",
        "总体概况",
        "基本情况",
        "总体工作情况",
        "概况",
        "综述",
        "基本工作情况",
        "概 ",
        "概\u{3000}",
    ],
    &["主动公开"],
    &["收到和处理", "依申请公开"],
    &["复议"],
    &["问题"],
    &["需要报告"],
];

/// [`KIND_WORDS`] as `memmem` finders, built once.
fn kind_finders(kind: SectionKind) -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::OnceLock<Vec<Vec<memchr::memmem::Finder<'static>>>> =
        std::sync::OnceLock::new();
    let all = FINDERS.built_once(|| {
        KIND_WORDS
            .iter()
            .map(|words| {
                words
                    .iter()
                    .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
                    .collect()
            })
            .collect()
    });
    all.get(usize::from(kind.number()).saturating_sub(1))
        .map_or(&[], Vec::as_slice)
}

/// Which lines may head a section ([`first_line`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    /// Any heading line.
    Any,
    /// Not one numbered by an Arabic digit (`2.主动公开的政府信息的数量`), nor an un-numbered
    /// one that ends in a colon (`政府信息主动公开情况:`) or names an item of the overview
    /// (`主动公开情况`, `依申请公开情况`, the template's `（一）`, `（二）` that lost their
    /// numbering): under headings numbered `一、`, such a line is a sub-heading.
    NoDigit,
    /// A numbered or marked line only, not numbered by an Arabic digit.
    Numbered,
    /// A line numbered `（二）` for section 2 ([`paren_headings`]).
    Paren,
}

impl Lines {
    /// Whether `line`, a heading line, may head a section.
    fn admit(self, line: &str, kind: SectionKind) -> bool {
        match self {
            Lines::Any => true,
            Lines::NoDigit => {
                let sub_item = |words: &str| {
                    let w = words.trim_end();
                    w.ends_with([':', '：'])
                        || matches!(
                            w.strip_prefix("政府信息").unwrap_or(w),
                            "主动公开情况" | "依申请公开情况"
                        )
                };
                !numbered_by_digit(line)
                    && !matches!(numbering(line), Some((w, Numbered::No, false)) if sub_item(w))
            }
            Lines::Numbered => {
                !numbered_by_digit(line)
                    && !matches!(numbering(line), Some((_, Numbered::No, false)))
                    && !run_in_under_another_numeral(line, kind)
            }
            Lines::Paren => matches!(numbering_with(line, true), Some((_, Numbered::Other(_), _))),
        }
    }
}

/// The first heading line of `kind` at or after `from` (a line start: the text's lines are cut
/// from there), as its byte range without the line break, among the `lines` admitted.
///
/// A heading line holds one of the kind's words, so each word is searched for and only the line
/// each occurrence falls in is tested, the search going on after that line when it is no
/// heading; a later word is searched for only before the heading line an earlier word found.
fn first_line(text: &str, from: usize, kind: SectionKind, lines: Lines) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for finder in kind_finders(kind) {
        // A long input is indexed: a word whose first character it lacks is not searched for.
        if crate::scan::first_char_absent(text, finder.needle()) {
            continue;
        }
        // A line that starts before the best one ends before it, its words too.
        let limit = best.map_or(text.len(), |(start, _)| start);
        if let Some(found) = first_line_with(text, from, limit, finder, kind, lines) {
            best = Some(found);
        }
    }
    best
}

/// The first heading line of `kind` that holds a match of `finder` before `limit`, the lines
/// cut from `from` on.
fn first_line_with(
    text: &str,
    from: usize,
    limit: usize,
    finder: &memchr::memmem::Finder<'_>,
    kind: SectionKind,
    lines: Lines,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // `at` is always a line start: `from`, or just after a line break.
    let mut at = from;
    while at < limit {
        let hit = at + finder.find(bytes.get(at..limit)?)?;
        let start = bytes
            .get(at..hit)
            .and_then(|r| memchr::memrchr(b'\n', r))
            .map_or(at, |i| at + i + 1);
        let le = line_end(text, hit);
        let line = text.get(start..le).unwrap_or("");
        if heading_line_with(line, lines == Lines::Paren).is_some_and(|fits| fits(kind))
            && lines.admit(line, kind)
        {
            return Some((start, heading_end(text, start, le, kind)));
        }
        at = le + 1;
    }
    None
}

/// [`find_headings`] by a walk over every line: each kind is looked for after the previous
/// heading found, line by line. When a kind is absent, its search reaches the end of the text;
/// the next pass then tests every later kind on each line at once. The reference the search by
/// words is tested against.
#[cfg(test)]
fn find_headings_by_line(text: &str) -> Vec<Heading> {
    let flattened = is_flattened(text);
    let kinds = SectionKind::ALL;
    let mut out: Vec<Heading> = Vec::new();
    let mut cursor = 0usize;
    let mut k = 0usize;
    // Test every later kind too (after a kind was found absent).
    let mut wide = false;
    let mut by_numeral = false;
    while k < kinds.len() {
        let hi = if wide { kinds.len() } else { k + 1 };
        // first[j]: the first heading line of kinds[j] (k <= j < hi) at or after `cursor`,
        // complete for every j when kinds[k] is not found.
        // numbered[j]: the same, of the lines numbered or marked (preferred under numbered
        // headings).
        let mut first: [Option<(usize, usize)>; 6] = [None; 6];
        let mut numbered: [Option<(usize, usize)>; 6] = [None; 6];
        let lines = if by_numeral {
            Lines::NoDigit
        } else {
            Lines::Any
        };
        let mut pos = cursor;
        while pos < text.len() {
            let le = line_end(text, pos);
            let line = text.get(pos..le).unwrap_or("");
            if let Some(fits) = heading_line(line) {
                for j in k..hi {
                    let Some(&kind) = kinds.get(j) else { continue };
                    if !fits(kind) || !lines.admit(line, kind) {
                        continue;
                    }
                    let at = Some((pos, heading_end(text, pos, le, kind)));
                    if let Some(slot @ None) = first.get_mut(j) {
                        *slot = at;
                    }
                    if let Some(slot @ None) = numbered
                        .get_mut(j)
                        .filter(|_| Lines::Numbered.admit(line, kind))
                    {
                        *slot = at;
                    }
                }
                let done = if by_numeral { &numbered } else { &first };
                if done.get(k).is_some_and(Option::is_some) {
                    break;
                }
            }
            pos = le + 1;
        }
        if by_numeral {
            for (f, n) in first.iter_mut().zip(numbered) {
                *f = n.or(*f);
            }
        }
        // The kind sought, then (while none is found) the later kinds this pass tested.
        let mut j = k;
        let mut next = None;
        while j < hi {
            let Some(&kind) = kinds.get(j) else { break };
            let found = match first.get(j).copied().flatten() {
                Some((start, end)) => Some(Heading { kind, start, end }),
                None if flattened => find_inline(text, cursor, kind),
                None => None,
            };
            if let Some(h) = found {
                cursor = h.end;
                by_numeral = (out.is_empty() || by_numeral) && numbered_by_numeral(text, h.start);
                out.push(h);
                next = Some(j + 1);
                break;
            }
            j += 1;
        }
        match next {
            Some(n) => {
                k = n;
                wide = false;
            }
            // Nothing found by a wide pass: no later kind is left after `cursor`.
            None if wide => break,
            None => {
                k += 1;
                wide = true;
            }
        }
    }
    if out.is_empty() {
        return paren_headings(text);
    }
    prefer_numbered_overview(text, &mut out);
    overview_in_its_slot(text, &mut out);
    prefer_numbered_right(text, &mut out);
    out
}

/// The numeral of the line that starts at `start`, when it is numbered `一、` … `九、`.
fn numeral_of_line(text: &str, start: usize) -> Option<u8> {
    let line = text.get(start..line_end(text, start)).unwrap_or("");
    if !matches!(numbering(line), Some((_, Numbered::Numeral, _))) {
        return None;
    }
    line.trim_start_matches(['|', ' ', '\t', '#', '*', '\u{3000}'])
        .chars()
        .next()
        .and_then(numeral_to_nine)
}

/// The headings of an older-format report (2008 条例) that are none of the template's six
/// sections (`四、依申请信息公开收费情况`, `四、政府信息公开咨询处理情况`, `六、政府信息公开情况
/// 统计表`), found between two headings by their numerals: in the section of a heading numbered
/// `三、` before one numbered `五、` (or after the last heading, up to `end`), a line numbered
/// `四、` that reads as a heading (at most 40 characters, no `。`, no table cell) and opens no
/// row of table 3 (`四、结转下年度继续办理`). Each as its line's byte range and the index in
/// `headings` of the section it falls in.
pub(crate) fn unplaced_headings(
    text: &str,
    headings: &[Heading],
    end: usize,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        let Some(n) = numeral_of_line(text, h.start) else {
            continue;
        };
        let (to, upto) = match headings.get(i + 1) {
            Some(next) => match numeral_of_line(text, next.start) {
                Some(m) if m > n + 1 => (next.start, m),
                _ => continue,
            },
            None => (end, 10),
        };
        let mut want = n + 1;
        let mut at = h.end;
        while at < to && want < upto {
            let le = line_end(text, at).min(to);
            let line = crate::scan::trim_ws(text.get(at..le).unwrap_or(""));
            let start = at
                + text
                    .get(at..le)
                    .map_or(0, |l| l.len() - l.trim_start().len());
            let words = line
                .strip_prefix(|c: char| numeral_to_nine(c) == Some(want))
                .and_then(|r| r.strip_prefix('、'))
                .map(crate::scan::trim_ws);
            if let Some(w) = words {
                let heading = !w.is_empty()
                    && w.chars().nth(40).is_none()
                    && !w.contains(['。', '|', '｜'])
                    && !w.starts_with("结转下年度")
                    && !w.starts_with("本年新收")
                    && !w.starts_with("上年结转")
                    && !w.starts_with("本年度办理结果");
                if heading {
                    out.push((start, start + line.len(), i));
                    want += 1;
                }
            }
            at = le + 1;
        }
    }
    out
}

/// Whether `line` is a run-in heading (a sentence after its words on the line, `三、主动公开政府
/// 信息情况。2021年,我局…`) numbered `一、`… with another numeral than `kind`'s: an item of the
/// overview numbered like the sections, which the numbered search passes over for a line
/// numbered right (`二、主动公开政府信息情况`) later; found by the search of any line when there
/// is none (an older report's sections, numbered one off, run in).
fn run_in_under_another_numeral(line: &str, kind: SectionKind) -> bool {
    let Some((rest, Numbered::Numeral, _)) = numbering(line) else {
        return false;
    };
    let numeral = line
        .trim_start_matches(['|', ' ', '\t', '?', '#', '*'])
        .chars()
        .next()
        .and_then(numeral_value);
    numeral.is_some_and(|n| n != kind.number())
        && rest
            .split_once('。')
            .is_some_and(|(_, after)| !crate::scan::trim_ws(after).is_empty())
}

/// Whether the heading line that starts at `start` is numbered `一、` ([`Numbered::Numeral`]).
fn numbered_by_numeral(text: &str, start: usize) -> bool {
    let line = text.get(start..line_end(text, start)).unwrap_or("");
    matches!(numbering(line), Some((_, Numbered::Numeral, _)))
}

/// Whether `line` is numbered by an Arabic digit (`2.`, `2、`): [`other_numbering_with`]'s, not
/// `第二部分`.
fn numbered_by_digit(line: &str) -> bool {
    line.bytes()
        .find(|b| !matches!(b, b'|' | b' ' | b'\t' | b'?' | b'#' | b'*'))
        .is_some_and(|b| b.is_ascii_digit())
        && matches!(numbering(line), Some((_, Numbered::Other(_), _)))
}

pub(crate) fn line_end(text: &str, from: usize) -> usize {
    // `memchr` rather than `str::find`: SIMD in every build that has it (simd128 in WebAssembly).
    text.as_bytes()
        .get(from..)
        .and_then(|r| memchr::memchr(b'\n', r))
        .map_or(text.len(), |i| from + i)
}

/// [`heading_line_with`] without `paren`.
#[cfg(test)]
fn heading_line(line: &str) -> Option<impl Fn(SectionKind) -> bool + '_> {
    heading_line_with(line, false)
}

/// If `line` can be a heading line, a test of whether it heads a section of a given kind; with
/// `paren`, of a line numbered `（二）` for section 2 ([`paren_headings`]).
fn heading_line_with(line: &str, paren: bool) -> Option<impl Fn(SectionKind) -> bool + '_> {
    let (rest, numbered, marked) = numbering_with(line, paren)?;
    if rest.is_empty() {
        return None;
    }
    let plain = numbered == Numbered::No && !marked;
    // A page's field value (`公开方式` / `主动公开`, `依申请公开`) names no section alone.
    if plain && matches!(rest.trim_end(), "主动公开" | "依申请公开") {
        return None;
    }
    // Un-numbered headings only count when short (a heading, not a sentence: at most 40
    // characters, which 40 bytes always are and more than 160 bytes never are) and when they do
    // not start a paragraph (no `。`, no `，` and no colon before more words). Both are tested after the words, which turn most lines
    // away more cheaply (a table's rows are lines too).
    let shaped = move || {
        !plain
            || ((rest.len() <= 40 || (rest.len() <= 160 && rest.chars().nth(40).is_none()))
                && !rest.contains('。')
                && !sentence_within(rest))
    };
    // `第一部分`, `1.`: numbered too, for the heading of that number only.
    let its_number = move |kind: SectionKind| match numbered {
        Numbered::Other(n) => n == kind.number(),
        _ => true,
    };
    // A numbered heading may name the year and the work before its words
    // (`一、2020年政府信息公开总体情况`, `二、2021年度主动公开政府信息情况`).
    let bare = if plain {
        rest
    } else {
        without_heading_lead(rest)
    };
    // The older format's heading numbered `二、` or `三、` that names its work in other words
    // (`二、积极推动国资监管信息主动公开工作情况`, `三、受理依申请公开的件数及办理情况`): the
    // kind of its own number, short, ending in `情况`; so too the review's, numbered `四、` or
    // `五、` (`五、申请行政复议情况`, without `诉讼`).
    let numeral = (numbered == Numbered::Numeral)
        .then(|| {
            line.trim_start_matches(['|', ' ', '\t', '?', '#', '*'])
                .chars()
                .next()
                .and_then(numeral_value)
        })
        .flatten();
    let worded = move |kind: SectionKind| {
        let word = match kind {
            SectionKind::ActiveDisclosure => "主动公开",
            SectionKind::Applications => "依申请公开",
            // `五、申请行政复议情况`: numbered `五、` in the older format, after its fees' section.
            SectionKind::ReviewLitigation => "复议",
            _ => return false,
        };
        (numeral == Some(kind.number())
            || kind == SectionKind::ReviewLitigation && numeral == Some(5))
            && rest.chars().nth(30).is_none()
            && rest
                .trim_end_matches(['：', ':', ' ', '\r'])
                .ends_with("情况")
            && str_at(rest, word).is_some()
    };
    Some(move |kind: SectionKind| {
        (kind_matches(kind, rest)
            || (bare.len() < rest.len() && kind_matches(kind, bare))
            || worded(kind))
            && its_number(kind)
            && shaped()
    })
}

/// Whether the words of an un-numbered line read as a sentence: a `，`, or a colon with words
/// after it (`根据上述问题，市科委采取以下措施：一是…`, a paragraph wrapped at its line's end);
/// a heading's closing colon (`存在的主要问题及改进情况：`) is none.
fn sentence_within(rest: &str) -> bool {
    let r = rest.trim_end_matches([' ', '\t', '\r', '*']);
    r.contains('，') || r.trim_end_matches([':', '：']).contains([':', '：'])
}

/// The words of a numbered heading after the year and the work it may name first:
/// `2020年`/`2020年度`, then `政府信息公开`, `政务信息公开`, `政务公开` or `信息公开`, then `工作`
/// (`2020年政府信息公开总体情况` → `总体情况`). `rest` itself when it names neither a year nor
/// the work.
fn without_heading_lead(rest: &str) -> &str {
    let mut s = rest;
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 4 {
        if let Some(r) = s.get(4..).and_then(|r| r.trim_start().strip_prefix('年')) {
            s = r.strip_prefix('度').unwrap_or(r).trim_start();
        }
    }
    // A year whose figures a page lost (`一、年度政府信息公开工作概述`).
    if s.len() == rest.len() {
        s = s
            .strip_prefix("本年度")
            .or_else(|| s.strip_prefix("年度"))
            .unwrap_or(s);
    }
    for work in ["政府信息公开", "政务信息公开", "政务公开", "信息公开"] {
        if let Some(r) = s.strip_prefix(work) {
            s = r;
            break;
        }
    }
    // `政府信息公开工作的基本情况`.
    let s = s.strip_prefix("工作").unwrap_or(s);
    if s.len() < rest.len() {
        s.strip_prefix('的').unwrap_or(s)
    } else {
        s
    }
}

/// Whether `h` opens with the two characters `a` and `b` set apart by spaces (`概 述`,
/// `概　述`: a short heading spread to the width of a longer one).
fn spaced_pair(h: &str, a: char, b: char) -> bool {
    h.strip_prefix(a).is_some_and(|r| {
        let t = r.trim_start_matches([' ', '\u{3000}']);
        t.len() < r.len() && t.starts_with(b)
    })
}

/// A numbered heading anywhere in flattened text (a whole report on a few lines): `一、`, or
/// where there is none, the other numberings that cannot be read into a glued table's figures
/// (`第一部分`, then `一 `); an Arabic one (`3.收到和处理…` after `…收费350`) can, and is not
/// looked for here.
fn find_inline(text: &str, from: usize, kind: SectionKind) -> Option<Heading> {
    const NUMBERINGS: [[&str; 3]; 6] = [
        ["一、", "第一部分", "一 "],
        ["二、", "第二部分", "二 "],
        ["三、", "第三部分", "三 "],
        ["四、", "第四部分", "四 "],
        ["五、", "第五部分", "五 "],
        ["六、", "第六部分", "六 "],
    ];
    // The older format's seven sections shift the later numerals by one either way (`三、政府信息
    // 依申请公开工作情况` then `四、…存在的主要问题…` without the fees' section, `七、其他需要
    // 报告的事项` with it): a neighbour's `、` numbering is tried after the kind's own.
    const SHIFTED: [&str; 8] = [
        "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、",
    ];
    let k = usize::from(kind.number()).saturating_sub(1);
    let [a, b, c] = *NUMBERINGS.get(k)?;
    let before = k.checked_sub(1).and_then(|j| SHIFTED.get(j)).copied();
    let after = SHIFTED.get(k + 1).copied();
    [Some(a), Some(b), Some(c), before, after]
        .into_iter()
        .flatten()
        .find_map(|num| {
            let mut search = from;
            while let Some((s, e)) = find_label(text, search, text.len(), num) {
                if let Some(rest) = text.get(e..) {
                    let words = rest.trim_start_matches(AFTER_NUMBERING);
                    if kind_matches(kind, words) {
                        let end = heading_end_inline(text, text.len() - words.len(), kind);
                        return Some(Heading {
                            kind,
                            start: s,
                            end,
                        });
                    }
                }
                search = e;
            }
            None
        })
}

/// The end of the heading on the line `text[start..le]`: the end of the kind's heading phrase
/// when the line goes on after it (`一、总体情况2023年，我局…`: a heading and its section's
/// first paragraph on one line, as pages that set the heading in bold within the paragraph
/// are saved), so that the paragraph is the section's text; else the line's end.
fn heading_end(text: &str, start: usize, le: usize, kind: SectionKind) -> usize {
    let le = le.min(text.len());
    let Some(line) = text.get(start..le) else {
        return le;
    };
    let Some((rest, numbered, _)) = numbering(line) else {
        return le;
    };
    if numbered == Numbered::No {
        return le;
    }
    // Most heading lines are their phrase alone: told by a compare of bytes.
    let phrases = HEADING_PHRASES
        .get(usize::from(kind.number()).saturating_sub(1))
        .map_or(&[][..], |p| *p);
    let bare = rest.trim_end_matches(['*', '_', '：', ':', '。', '.', ' ', '\t', '\r']);
    if phrases.contains(&bare) {
        return le;
    }
    let Some(end) = heading_phrase_end(text, le - rest.len(), le, kind) else {
        return le;
    };
    // Closing markup (`**`) and a colon or full stop after the phrase close the heading.
    let after = text.get(end..le).unwrap_or("");
    let after = after.trim_start_matches(['*', '_', '：', ':', '。', '.']);
    let end = le - after.len();
    if after.trim().is_empty() {
        le
    } else {
        end
    }
}

/// The end of the longest of the kind's heading phrases ([`HEADING_PHRASES`]) that starts at
/// `from` (the words after the numbering), matched within `text[..limit]`.
fn heading_phrase_end(text: &str, from: usize, limit: usize, kind: SectionKind) -> Option<usize> {
    HEADING_PHRASES
        .get(usize::from(kind.number()).saturating_sub(1))?
        .iter()
        .filter_map(|p| crate::scan::match_at(text, from, p, limit))
        .max()
}

/// The heading phrases of each kind, in [`SectionKind::ALL`]'s order: the template's and the
/// forms reports print (the older format's among them).
const HEADING_PHRASES: [&[&str]; 6] = [
    &[
        "总体情况",
        "概述",
        "总体概况",
        "基本情况",
        "总体概述",
        "总体工作情况",
        "主要工作概述",
        "概况",
        "基本概况",
        "综述",
    ],
    &[
        "主动公开政府信息情况",
        "行政机关主动公开政府信息情况",
        "政府信息主动公开情况",
    ],
    &[
        "收到和处理政府信息公开申请情况",
        "收到和处理政府信息公开申请的情况",
        "依申请公开政府信息情况",
        "政府信息依申请公开工作情况",
        "政府信息依申请公开情况",
        "依申请公开工作情况",
        "依申请公开情况",
        "受理依申请公开的件数及办理情况",
    ],
    &[
        "政府信息公开行政复议、行政诉讼情况",
        "政府信息公开行政复议、行政诉讼的情况",
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "因政府信息公开申请行政复议、提起行政诉讼情况",
        "行政复议和行政诉讼情况",
    ],
    &[
        "存在的主要问题及改进情况",
        "政府信息公开工作存在的主要问题及改进情况",
        "存在的问题及下步打算",
        "存在的主要问题和改进措施",
        "存在问题及改进情况",
        "主要问题和改进措施",
    ],
    &["其他需要报告的事项"],
];

/// The words and phrases of the section headings of every kind ([`KIND_WORDS`],
/// [`HEADING_PHRASES`]).
pub(crate) fn heading_words() -> impl Iterator<Item = &'static str> {
    KIND_WORDS
        .iter()
        .chain(HEADING_PHRASES.iter())
        .flat_map(|w| w.iter().copied())
}

/// End of an inline heading in flattened text: the heading phrase itself.
fn heading_end_inline(text: &str, from: usize, kind: SectionKind) -> usize {
    let rest_start = text
        .get(from..)
        .map_or(from, |r| from + (r.len() - r.trim_start().len()));
    heading_phrase_end(text, rest_start, text.len(), kind).unwrap_or_else(|| {
        // A wording none of the phrases has (`五、申请行政复议、提起行政诉讼和申诉的情况 2013年…`):
        // the words up to the white space or the punctuation after them, within 40 characters.
        let rest = text.get(rest_start..).unwrap_or("");
        rest.char_indices()
            .take(40)
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '。' | '，' | ',' | '：' | ':'))
            .map_or(rest_start, |(i, _)| rest_start + i)
    })
}

/// An ISO date from `YYYY年M月D日` at the start of `s`.
pub(crate) fn cn_date(s: &str) -> IResult<&str, (u16, u8, u8)> {
    let (s, y) = (take_while_m_n(4, 4, |c: char| c.is_ascii_digit())).parse(s)?;
    let (s, _) = (multispace0, ch('年'), multispace0).parse(s)?;
    let (s, (m, d)) = month_day(s)?;
    let y: u16 = y.parse().unwrap_or(0);
    if !(1990..=2100).contains(&y) {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((s, (y, m, d)))
}

/// A date whose `年` (and `月`) a page lost, at the start of `s`: `20241月1日`, `202412月31日`
/// (the year's four digits, then the month), `202411日`, `20241231日` (then the month and the
/// day, one digit each or two each: three digits cannot be told apart).
fn glued_date(s: &str) -> IResult<&str, (u16, u8, u8)> {
    let verify = |s| nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Verify));
    let (s, run) = take_while_m_n(5, 8, |c: char| c.is_ascii_digit())(s)?;
    let (s, _) = multispace0(s)?;
    let (year, tail) = run.split_at(4);
    let month: IResult<&str, _> = (ch('月'), multispace0).parse(s);
    let (s, m, d) = if let Ok((s, _)) = month {
        // `20241` + `月1日`: the run is the year and the month.
        let (s, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(s)?;
        let (s, _) = (multispace0, ch('日')).parse(s)?;
        if tail.len() > 2 {
            return Err(verify(s));
        }
        (s, tail.parse().unwrap_or(0), d.parse().unwrap_or(0))
    } else {
        let (s, _) = ch('日')(s)?;
        let (m, d) = split_month_day(tail).ok_or_else(|| verify(s))?;
        (s, m, d)
    };
    let y: u16 = year.parse().unwrap_or(0);
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(verify(s));
    }
    Ok((s, (y, m, d)))
}

/// An ISO date from `YYYY-MM-DD` (or `/`, `.`) at the start of `s`.
pub(crate) fn dash_date(s: &str) -> IResult<&str, (u16, u8, u8)> {
    let (s, y) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit())(s)?;
    let (s, sep) = nom::character::complete::one_of("-/.")(s)?;
    // A space after a dash, as a page's field may print it (`2018- 03- 20`).
    let (s, _) = nom::character::complete::space0(s)?;
    let (s, m) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(s)?;
    let (s, _) = ch(sep)(s)?;
    let (s, _) = nom::character::complete::space0(s)?;
    let (s, d) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit())(s)?;
    let y: u16 = y.parse().unwrap_or(0);
    let m: u8 = m.parse().unwrap_or(0);
    let d: u8 = d.parse().unwrap_or(0);
    if !(1990..=2100).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((s, (y, m, d)))
}

/// Format a date as ISO 8601: `YYYY-MM-DD` written digit by digit (a date of more digits, which
/// no parsed date is, through `format!`).
pub(crate) fn iso((y, m, d): (u16, u8, u8)) -> String {
    if y > 9999 || m > 99 || d > 99 {
        return format!("{y:04}-{m:02}-{d:02}");
    }
    let digit = |n: u16| char::from(b'0' + (n % 10) as u8);
    let mut s = String::with_capacity(10);
    for n in [y / 1000, y / 100, y / 10, y] {
        s.push(digit(n));
    }
    for part in [m, d] {
        s.push('-');
        s.push(digit(u16::from(part) / 10));
        s.push(digit(u16::from(part)));
    }
    s
}

/// `s` without its white space (`char::is_whitespace`): the runs between white space copied
/// whole, white space told from the bytes ([`crate::scan::ws_len_at`], asked only at a byte that
/// can open it). An agency's name is mostly one run; the prose before a table (table 2's
/// tie-break reads it) is a few kilobytes, which a filter decoding every character took about
/// a nanosecond a byte to copy.
pub(crate) fn without_whitespace(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut run, mut i) = (0, 0);
    while let Some(&x) = b.get(i) {
        let n = if crate::scan::may_open_ws(x) {
            crate::scan::ws_len_at(b, i)
        } else {
            0
        };
        if n == 0 {
            i += 1;
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or(""));
        i += n;
        run = i;
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out
}

/// A date as (year, month, day).
pub(crate) type Ymd = (u16, u8, u8);

/// Metadata found in the canonical text (offsets canonical).
#[derive(Debug, Default)]
pub(crate) struct MetaFound {
    pub title: Option<(usize, usize)>,
    pub agency: Option<String>,
    pub year: Option<u16>,
    pub published: Option<String>,
    pub period: Option<(Ymd, Ymd)>,
    /// Start of the signature block / footer residue after the last section (canonical).
    pub tail_start: Option<usize>,
}

/// The first `20xx年` of `s` (2000 to 2100; four digits, not more, and any whitespace before
/// `年`): where its digits start, and the year.
///
/// Each `年` is found by a `memmem` search and the digits are looked for before it (past the
/// whitespace), instead of every byte being tested as the start of four digits.
fn year_in(s: &str) -> Option<(usize, u16)> {
    static NIAN: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let nian = NIAN.built_once(|| memchr::memmem::Finder::new("年".as_bytes()));
    let b = s.as_bytes();
    for at in nian.find_iter(b) {
        // The digits end where the whitespace before `年` starts.
        let end = s.get(..at).map_or(0, |r| r.trim_end().len());
        let Some(start) = end.checked_sub(4) else {
            continue;
        };
        let four = b
            .get(start..end)
            .is_some_and(|w| w.iter().all(u8::is_ascii_digit));
        let after_digit = start
            .checked_sub(1)
            .and_then(|j| b.get(j))
            .is_some_and(u8::is_ascii_digit);
        if four && !after_digit {
            if let Ok(y) = s.get(start..end).unwrap_or("").parse::<u16>() {
                if (2000..=2100).contains(&y) {
                    return Some((start, y));
                }
            }
        }
    }
    None
}

/// The first `20xx年` of `s` ([`year_in`]) that starts no date (`2025年,…`, not the
/// `2026年1月8日` a page's date under a title without a year prints), among the first eight;
/// else the first.
fn undated_year(s: &str) -> Option<u16> {
    let mut from = 0usize;
    let mut first = None;
    for _ in 0..8 {
        let Some((i, y)) = s.get(from..).and_then(year_in) else {
            break;
        };
        let at = from + i;
        first = first.or(Some(y));
        if s.get(at..).is_some_and(|r| cn_date(r).is_err()) {
            return Some(y);
        }
        from = at + 4;
    }
    first
}

/// The year of a title: its first `20xx年` ([`year_in`]), else four digits written straight
/// before the subject with the `年` lost (`2022政府信息公开工作年度报告`).
fn title_year_in(t: &str) -> Option<(usize, u16)> {
    year_in(t).or_else(|| school_year_in(t)).or_else(|| {
        let b = t.as_bytes();
        TITLE_SUBJECTS.iter().find_map(|w| {
            let at = t.find(w)?;
            let start = at.checked_sub(4)?;
            let four = b.get(start..at)?.iter().all(u8::is_ascii_digit);
            let after_digit = start
                .checked_sub(1)
                .and_then(|j| b.get(j))
                .is_some_and(u8::is_ascii_digit);
            let y: u16 = t.get(start..at)?.parse().ok()?;
            (four && !after_digit && (2000..=2100).contains(&y)).then_some((start, y))
        })
    })
}

/// A school year (`2024—2025学年`, `2015-2016学年度`), as a university titles its report: where
/// its first year starts, and the year it ends in, when the report closes and is published.
fn school_year_in(t: &str) -> Option<(usize, u16)> {
    let at = str_at(t, "学年").or_else(|| str_at(t, "學年"))?;
    let before = t.get(..at)?;
    let end = before.get(before.len().checked_sub(4)?..)?;
    let y: u16 = end.parse().ok()?;
    let dash = before.get(..before.len() - 4)?;
    let dash_len = dash.chars().next_back()?.len_utf8();
    if !dash.ends_with(['-', '—', '－', '–', '~', '～', '至']) {
        return None;
    }
    let first = dash.get(..dash.len() - dash_len)?;
    let start = first.len().checked_sub(4)?;
    let y0: u16 = first.get(start..)?.parse().ok()?;
    let lone = start
        .checked_sub(1)
        .and_then(|j| first.as_bytes().get(j))
        .is_none_or(|b| !b.is_ascii_digit());
    (lone && y0 + 1 == y && (2000..=2100).contains(&y)).then_some((start, y))
}

/// [`year_in`] byte by byte, the reference it is tested against.
#[cfg(test)]
fn year_in_by_byte(s: &str) -> Option<(usize, u16)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        let four = b
            .get(i..i + 4)
            .is_some_and(|w| w.iter().all(u8::is_ascii_digit));
        let after_digit = i
            .checked_sub(1)
            .and_then(|j| b.get(j))
            .is_some_and(u8::is_ascii_digit);
        if four && !after_digit {
            let rest = s.get(i + 4..).unwrap_or("").trim_start();
            if rest.starts_with('年') {
                if let Ok(y) = s.get(i..i + 4).unwrap_or("").parse::<u16>() {
                    if (2000..=2100).contains(&y) {
                        return Some((i, y));
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// The marks of a page's footer after the report (each starting with a three-byte character: see
/// [`is_footer_lead`]).
const FOOTER_MARKS: &[&str] = &[
    "扫一扫在手机",
    "凡本网注明",
    "版权所有",
    "版权均属",
    "附件下载",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "分享到",
    "责任编辑",
    "网站地图",
    "主办单位",
    "联系方式:",
    "相关链接",
    "上一篇",
    "下一篇",
];

/// Footer residue: the first footer mark after the line that `last` (the last heading's end)
/// begins, where the report body ends. In flattened text the mark may sit at the end of a line,
/// so the body ends at the mark, not at its line.
///
/// A mark holds no line break, so the first footer-marked line holds the first mark, and the
/// earliest of its marks is that first mark: the tail is read once, a character at a time, up to
/// the first character that starts a mark where a mark starts, instead of every mark being
/// searched for on every line (a tail is a few lines: a search's set-up cost more than reading).
///
/// The runs of three-byte characters that start no mark are passed over two characters a turn
/// by their bits in [`footer_leads_wide`] ([`past_non_leads`]), the runs of smaller characters
/// a byte at a time, instead of each character's bytes being put together and compared with
/// the marks' first characters. What [`footer_start_by_char`] finds: a proptest holds it.
fn footer_start(text: &str, last: usize) -> Option<usize> {
    if crate::scan::every_word_absent(text, FOOTER_MARKS) {
        return None;
    }
    let tail = text.as_bytes().get(last..)?;
    let from = last + memchr::memchr(b'\n', tail)? + 1;
    let hay = text.as_bytes().get(from..)?;
    let leads = footer_leads_wide();
    let mut i = 0;
    loop {
        i = past_non_leads(hay, i, leads);
        let Some(&lead) = hay.get(i) else { break };
        if lead < 0xE0 {
            // ASCII or a two-byte character: no byte of either is a three- or four-byte lead.
            i += 1;
            while hay.get(i).is_some_and(|&b| b < 0xE0) {
                i += 1;
            }
            continue;
        }
        if lead < 0xF0 {
            // A three-byte character the run stopped at starts a mark.
            if mark_at(hay, i) {
                return Some(from + i);
            }
            i += 3;
        } else {
            i += 4;
        }
    }
    None
}

/// Whether a footer mark starts at byte `i` of `hay`.
#[inline]
fn mark_at(hay: &[u8], i: usize) -> bool {
    let rest = hay.get(i..).unwrap_or_default();
    FOOTER_MARKS.iter().any(|m| rest.starts_with(m.as_bytes()))
}

/// The first characters of [`FOOTER_MARKS`] (each of three bytes) read as the normaliser reads
/// its sets ([`crate::normalise::widen`]: a character's word at its first two bytes, its bit at
/// the third's six bits), every character of one, two or four bytes a member; built once.
fn footer_leads_wide() -> &'static [u64; crate::normalise::WIDE_WORDS] {
    static SET: std::sync::OnceLock<Box<[u64; crate::normalise::WIDE_WORDS]>> =
        std::sync::OnceLock::new();
    SET.built_once(|| {
        let mut set = [0u64; 0x10000 / 64];
        for c in FOOTER_MARKS.iter().filter_map(|m| m.chars().next()) {
            let c = c as usize;
            if let Some(w) = set.get_mut(c / 64) {
                *w |= 1 << (c % 64);
            }
        }
        crate::normalise::widen(&set, u64::MAX)
    })
}

/// Past the run of three-byte characters at byte `i` of `b` (a character boundary) that are
/// not members of `wide` (as [`footer_leads_wide`] builds it), two characters a turn while six
/// bytes are left.
#[inline(always)]
fn past_non_leads(b: &[u8], mut i: usize, wide: &[u64; crate::normalise::WIDE_WORDS]) -> usize {
    // Below WIDE_WORDS: always a word of the set.
    let member = |b0: u8, b1: u8, b2: u8| {
        wide.get(crate::normalise::wide_word(b0, b1))
            .is_none_or(|w| (w >> (b2 & 0x3F)) & 1 == 1)
    };
    loop {
        match b.get(i..i + 6) {
            Some(&[a0, a1, a2, c0, c1, c2]) => {
                if member(a0, a1, a2) {
                    return i;
                }
                if member(c0, c1, c2) {
                    return i + 3;
                }
                i += 6;
            }
            _ => {
                if let Some(&[a0, a1, a2]) = b.get(i..i + 3) {
                    if !member(a0, a1, a2) {
                        i += 3;
                    }
                }
                return i;
            }
        }
    }
}

/// [`footer_start`] as it was before its runs were read by their bits: each three-byte
/// character's bytes compared with the marks' first characters ([`is_footer_lead`]). The
/// reference it is held to.
#[cfg(test)]
fn footer_start_by_char(text: &str, last: usize) -> Option<usize> {
    let tail = text.as_bytes().get(last..)?;
    let from = last + memchr::memchr(b'\n', tail)? + 1;
    let hay = text.as_bytes().get(from..)?;
    let mut i = 0;
    while let Some(&lead) = hay.get(i) {
        // Every mark starts with a three-byte character; a byte below 0xE0 is ASCII, a
        // two-byte lead or a continuation byte, passed over one at a time.
        if lead < 0xE0 {
            i += 1;
            continue;
        }
        if lead < 0xF0 {
            if let (Some(&b1), Some(&b2)) = (hay.get(i + 1), hay.get(i + 2)) {
                let word = u32::from_be_bytes([0, lead, b1, b2]);
                if is_footer_lead(word) && mark_at(hay, i) {
                    return Some(from + i);
                }
            }
            i += 3;
        } else {
            i += 4;
        }
    }
    None
}

/// Whether `word` (a three-byte character's bytes, big-endian) is the first character of one of
/// [`FOOTER_MARKS`].
#[cfg(test)]
fn is_footer_lead(word: u32) -> bool {
    matches!(
        word,
        0xE6_89_AB // 扫
            | 0xE5_87_A1 // 凡
            | 0xE7_89_88 // 版
            | 0xE9_99_84 // 附
            | 0xE6_89_93 // 打
            | 0xE5_85_B3 // 关
            | 0xE3_80_90 // 【
            | 0xE5_88_86 // 分
            | 0xE8_B4_A3 // 责
            | 0xE7_BD_91 // 网
            | 0xE4_B8_BB // 主
            | 0xE8_81_94 // 联
            | 0xE7_9B_B8 // 相
            | 0xE4_B8_8A // 上
            | 0xE4_B8_8B // 下
    )
}

/// [`footer_start`] by its lines, each searched for every mark: the reference it is tested
/// against.
#[cfg(test)]
fn footer_start_by_line(text: &str, last: usize) -> Option<usize> {
    let mut p = last;
    for line in text.get(last..)?.split_inclusive('\n') {
        let off = p;
        p += line.len();
        let l = line.trim_end_matches('\n');
        if off > last {
            if let Some(idx) = FOOTER_MARKS.iter().filter_map(|f| l.find(f)).min() {
                return Some(off + idx);
            }
        }
    }
    None
}

/// Whether the line `t` (trimmed, without its `标题:`) names the annual report: it holds
/// `年度报告` or `年报`, or `政府信息公开` and ends with `报告`; at most 60 characters and no `。`.
///
/// Each of those words holds `报`, so a line without it names no report: one search for the
/// character turns away most lines before a report's first heading, instead of three searches
/// for words (none of a Traditional report's lines, whose `報` is not `报`, gets past it). The
/// same answer as [`names_the_report_reference`]: a proptest holds it.
fn names_the_report(t: &str) -> bool {
    names_the_report_by::<true>(t)
}

/// [`names_the_report`] without the search for `报`: the reference it is held to.
#[cfg(test)]
fn names_the_report_reference(t: &str) -> bool {
    names_the_report_by::<false>(t)
}

/// [`names_the_report`], or with `SIEVED` clear the reference it is held to.
#[inline(always)]
fn names_the_report_by<const SIEVED: bool>(t: &str) -> bool {
    if SIEVED && !t.contains('报') {
        return false;
    }
    (t.contains("年度报告")
        || t.contains("年报")
        || (t.contains("信息公开") && without_edition(t).ends_with("报告")))
        && t.chars().count() <= 60
        && !t.contains('。')
        // A sentence's start (`本年度报告是根据《…条例》`, wrapped at its line's end).
        && !t.starts_with("本年度报告")
        && !t.starts_with("本报告")
}

/// `t` without a remark on its edition in brackets at its end (`…工作报告(文字版)`,
/// `（全文）`, `(图解版)`): at most six characters, none a figure.
fn without_edition(t: &str) -> &str {
    let Some(inner) = t
        .strip_suffix(')')
        .or_else(|| t.strip_suffix('）'))
        .map(str::trim_end)
    else {
        return t;
    };
    match inner.rfind(['(', '（']) {
        Some(k) => {
            let remark = inner.get(k..).unwrap_or("");
            let chars = remark.chars().count();
            if (2..=7).contains(&chars) && !remark.contains(|c: char| c.is_ascii_digit()) {
                inner.get(..k).unwrap_or(t).trim_end()
            } else {
                t
            }
        }
        None => t,
    }
}

/// The lines of a text's head searched for its date field, and for a title that names the year
/// where the one found names none: a saved page's navigation may fill forty lines before them
/// (a print of a page read by `pdftotext`: its menus a word a line, the title on line 42).
/// Sixty with the `html` feature, as the readers of other rarer layouts; forty without it (the
/// module without it had no room for the test below).
const HEAD_LINES: usize = if cfg!(feature = "html") { 60 } else { 40 };

/// The crawler's date field (`发布时间:`/`发布日期:` in the first 40 lines) and the title (the
/// first line naming the annual report, joined to the agency line before it) of `head`, the
/// text before the first heading, which starts `text`.
///
/// The lines are walked once for both: a line's text trimmed of white space is the same
/// whether its `\n` or its `\r\n` is taken off first (`str::lines` and `split_inclusive`
/// yield the same lines, and `\r` is white space), and the walk goes on past the title only
/// while the date field may still come. With `FIRST_WRITTEN` the lines are walked once for
/// the date field and again for the title: the reference.
#[inline(always)]
fn head_fields<const FIRST_WRITTEN: bool>(
    text: &str,
    head: &str,
) -> (Option<String>, Option<(usize, usize)>) {
    let mut published: Option<(String, usize)> = None;
    let mut title: Option<(usize, usize)> = None;
    if FIRST_WRITTEN {
        let mut label_above = None;
        for line in head.lines().take(HEAD_LINES) {
            let l = crate::scan::trim_ws(line);
            date_fields(l, &mut published, &mut label_above);
        }
    }
    let mut pos = 0usize;
    let mut prev: Option<(usize, usize)> = None;
    let mut notice: Option<(usize, usize)> = None;
    let lines = if FIRST_WRITTEN {
        HeadLines::Split(head.split_inclusive('\n'))
    } else {
        HeadLines::Memchr(head)
    };
    // A title that names no year (a column's name, `政府信息公开工作年度报告`, above the report's
    // own title line), or only a year (`2021年年报`, [`column_of_the_year`]): a later title line
    // that names one, within the first 40 lines, is taken.
    let mut weak = false;
    let mut title_date: Option<String> = None;
    let mut label_above = None;
    for (n, line) in lines.enumerate() {
        if title.is_some() && ((FIRST_WRITTEN && !weak) || n >= HEAD_LINES) {
            break;
        }
        let start = pos;
        pos += line.len();
        let l = line.trim_end_matches('\n');
        let t = crate::scan::trim_ws(l);
        if !FIRST_WRITTEN && n < HEAD_LINES {
            date_fields(t, &mut published, &mut label_above);
        }
        if (title.is_some() && !weak) || t.is_empty() {
            continue;
        }
        let lead = l.len() - l.trim_start().len();
        let t_start = start + lead;
        // A page's field naming the report (`标题:…`, `名称：…`): its value.
        // `标      题 X`, `名  称: X`: the field's name spread by spaces, its value after them
        // or after a colon.
        let spread = [('标', '题'), ('名', '称')].iter().find_map(|&(a, b)| {
            let r = t.strip_prefix(a)?.trim_start().strip_prefix(b)?;
            let v = r.trim_start();
            match v.strip_prefix([':', '：']) {
                Some(v) => Some(v),
                None => r.starts_with(char::is_whitespace).then_some(v),
            }
        });
        let (t_start, t) = match TITLE_FIELDS
            .iter()
            .find_map(|f| {
                let v = t.strip_prefix(f)?;
                v.strip_prefix(':').or_else(|| v.strip_prefix('：'))
            })
            .or(spread)
        {
            Some(v) => {
                let v = v.trim_start();
                (t_start + (t.len() - v.len()), crate::scan::trim_ws(v))
            }
            None => (t_start, t),
        };
        // A page's breadcrumb (`首页>政务公开>…>年度报告`, `当前位置:…`), a menu's item
        // (`• 政府信息公开年报`, `- 政府信息公开年报`) or a row of its fields (`索 引 号: 1 分类: 年报`) is no title
        // line.
        if t.contains(['>', '＞', '»', '›'])
            || t.starts_with("当前位置")
            || slash_breadcrumb(t)
            || keywords_field(t)
            || (t.starts_with('索') && without_whitespace(t).starts_with("索引号"))
            || t.starts_with(BULLETS)
            || (cfg!(feature = "html") && {
                // A markdown list's item (`-   [政府信息公开年报](../../)`, a menu).
                let mut c = t.chars();
                matches!(c.next(), Some('-' | '*' | '+'))
                    && c.next().is_some_and(char::is_whitespace)
            })
        {
            prev = None;
            continue;
        }
        // A field of a page's table (`| 名称 | …年度报告 | |`): the cell naming the report, and
        // naming its year (not a column's name, `分类 | 政府信息公开年报`). A row of fields
        // without one is no title line.
        let (t_start, t) = if t.contains('|') {
            let mut at = 0usize;
            let mut cell = None;
            for raw in t.split('|') {
                let c = raw.trim();
                if names_the_report(c) && year_in(c).is_some() {
                    cell = Some((t_start + at + (raw.len() - raw.trim_start().len()), c));
                    break;
                }
                at += raw.len() + 1;
            }
            match cell {
                Some(c) => c,
                None => {
                    prev = None;
                    continue;
                }
            }
        } else {
            (t_start, t)
        };
        // A page saved on one line (`龙归镇2016年政府信息公开年度报告 根据条例编制。 一、概述 …`):
        // its title is the words before the first white space, when they name the report.
        let t = match t.split_once([' ', '\t', '\u{3000}']) {
            Some((lead, _)) if !names_the_report(t) && lead.ends_with("报告") => lead,
            _ => t,
        };
        // The notice that publishes the report (`…局关于印发2025年…年度报告的通知`) is its title
        // only when the report's own title line does not follow.
        // A title set with a space between its characters (`某 县 2 0 2 1 年 政 府 信 息 公 开 工 作
        // 年 度 报 告`, as PDF text gives a title set wide): the whole line, read without them.
        if let Some(name) = Some(t)
            .filter(|t| !names_the_report(t))
            .and_then(letter_spaced)
            .filter(|n| names_the_report(n))
        {
            let named = year_in(&name).is_some();
            if title.is_none() || named {
                // Its agency on the line before (`某县人民政府` / `2 0 2 1 年 …`), as below.
                let joined = prev.filter(|&p| title_continued(text, p, &name));
                title = Some((joined.map_or(t_start, |p| p.0), t_start + t.len()));
                weak = !named;
            }
            prev = None;
            continue;
        }
        if names_the_report(t) && (t.ends_with("的通知") || t.ends_with("的公告")) {
            notice = notice.or(Some((t_start, t_start + t.len())));
            prev = None;
            continue;
        }
        if names_the_report(t) {
            // A markdown heading's `#` marks and bold's `**` are not the title's.
            let (t_start, t) = without_title_marks(t_start, t);
            let t_start = t_start
                + (text
                    .get(t_start..)
                    .map_or(0, |r| r.len() - r.trim_start().len()));
            let (t_start, t) = without_page_number(t_start, t);
            let (t_start, t) = without_spam_lead(t_start, t);
            // A page's date after the title and a space (`…年度报告 2024-01-28`): the page's
            // date, when no field gives one, and not the title's.
            let t = match t.rfind("报告").map(|k| k + "报告".len()) {
                Some(k)
                    if t.get(k..)
                        .is_some_and(|r| r.starts_with(char::is_whitespace)) =>
                {
                    match t.get(k..).and_then(dateline) {
                        Some(d) => {
                            title_date = title_date.or(Some(d));
                            t.get(..k).unwrap_or(t)
                        }
                        None => t,
                    }
                }
                _ => t,
            };
            // A run of `?` after the name stands for characters a page lost, not the title's.
            let mut t = without_file_extension(without_site_name(t));
            while let Some(r) = t.strip_suffix('?').or_else(|| t.strip_suffix('？')) {
                t = r;
            }
            let t_end = t_start + t.len();
            // Title split over two lines: agency line, then `2020年…年度报告`; or a line cut
            // anywhere in it, the second naming neither year nor subject
            // (`2025年…街道政府信息` / `公开工作年度报告`).
            let range = (
                prev.filter(|&p| title_continued(text, p, t))
                    .map_or(t_start, |p| p.0),
                t_end,
            );
            let named = text.get(range.0..range.1).and_then(year_in).is_some();
            // Past the old head of 40 lines, only a line that ends as a title does (`…年度报告`) takes
            // the place of a title naming no year: a preamble's wrapped line naming the report
            // (`…公布2021年政府信息公开工作年度报告有关事项`) does not.
            if title.is_none()
                || named && (!cfg!(feature = "html") || n < 40 || t.ends_with("报告"))
            {
                title = Some(range);
                weak = !named || text.get(range.0..range.1).is_some_and(column_of_the_year);
            }
            prev = None;
            continue;
        }
        let (t_start, t) = without_title_marks(t_start, t);
        prev = Some((t_start, t_start + t.len()));
    }
    (published.map(|(d, _)| d).or(title_date), title.or(notice))
}

/// Whether the title line `t` continues the line before it, `text[prev.0..prev.1]`: a short
/// line of ideographs without punctuation ([`continues_title`]).
fn title_continued(text: &str, prev: (usize, usize), t: &str) -> bool {
    let pl = text.get(prev.0..prev.1).unwrap_or("");
    pl.chars().count() <= 30
        && !pl.contains(['。', ',', ':', '，', '：'])
        && pl.chars().any(crate::normalise::is_cjk)
        && continues_title(pl, t)
}

/// `t` without its white space when its characters are set apart by it (`年 度 报 告`): four
/// or more words of one character each, and more of those than of the others (a title's words
/// set apart by spaces, `某县 2021年 政府信息公开工作 年度报告`, are read as they are).
fn letter_spaced(t: &str) -> Option<String> {
    // Spaces or tabs (an ideographic space is left out: rare between a title's characters,
    // and a search for it on every line of a page's head costs more than its finds).
    let first = memchr::memchr2(b' ', b'\t', t.as_bytes())?;
    // The word after the first space is one character, white space after it (`某 县 …`,
    // `某县 2 0 …`): told before the line's words are counted.
    let mut after = t.get(first..)?.trim_start().chars();
    after.next()?;
    if !after.next().is_some_and(char::is_whitespace) {
        return None;
    }
    let (mut one, mut more) = (0usize, 0usize);
    for w in t.split_whitespace() {
        if w.chars().nth(1).is_none() {
            one += 1;
        } else {
            more += 1;
        }
    }
    (one >= 4 && one > more).then(|| without_whitespace(t))
}

/// Whether `t` is a page's breadcrumb by slashes (`首页/ 政府信息公开 / 政府信息公开年报 / 2021年 /
/// 正文`): opening with the site's home page, or four parts or more between slashes, none longer
/// than a menu's item (a title holds no `/`, and a date's `2022/01/20` is digits).
fn slash_breadcrumb(t: &str) -> bool {
    // `/`, or `／` (`EF BC 8F`), told from the bytes.
    let b = t.as_bytes();
    let full = || memchr::memchr_iter(0xEF, b).any(|i| b.get(i..i + 3) == Some("／".as_bytes()));
    if memchr::memchr(b'/', b).is_none() && !full() {
        return false;
    }
    let parts: Vec<&str> = t.split(['/', '／']).map(str::trim).collect();
    let home = parts.first().is_some_and(|p| {
        matches!(
            *p,
            "首页" | "主页" | "网站首页" | "您的位置：首页" | "您的位置:首页"
        )
    });
    let menu = parts.len() >= 4
        && parts.iter().all(|p| p.chars().count() <= 12)
        && parts
            .iter()
            .filter(|p| !p.is_empty() && !p.bytes().all(|b| b.is_ascii_digit()))
            .count()
            >= 3;
    home || menu
}

/// Whether `t` is a field of keywords (`[关键词] 政府信息公开;政府信息公开工作年度报告`,
/// `【关键字】…`, `关键词：…`): a page's or an article's, no title.
fn keywords_field(t: &str) -> bool {
    let w = t.trim_start_matches(['[', '【', '〔', '(', '（', ' ', '\u{3000}']);
    w.starts_with("关键词") || w.starts_with("关键字") || w.starts_with("主题词")
}

/// Whether the title line `t` is a year's column of reports (`2021年年报`, the last item of a
/// page's path printed again over the report's own title): weak, as a title naming no year is.
fn column_of_the_year(t: &str) -> bool {
    let Some(rest) = t
        .get(4..)
        .filter(|_| t.bytes().take(4).all(|b| b.is_ascii_digit()))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('年').unwrap_or(rest);
    let rest = rest.strip_prefix('度').unwrap_or(rest);
    matches!(rest.trim(), "年报" | "年度报告")
}

/// The names of a page's field that gives the report's title (`标题:…`, `名称：…`; `称:…`,
/// a `名称` whose first character a page's layout lost).
const TITLE_FIELDS: [&str; 5] = ["标题", "名称", "题名", "文件名称", "称"];

/// The first name in `《…》` in `head` that names the annual report and its year.
fn quoted_report_name(head: &str) -> Option<&str> {
    let mut rest = head;
    while let Some(open) = rest.find('《') {
        let after = rest.get(open + '《'.len_utf8()..)?;
        let close = after.find('》')?;
        let name = after.get(..close)?;
        // A report's own name holds its year; a notice's (`关于印发〈…年度报告格式〉的通知`)
        // is none.
        if names_the_report(name)
            && year_in(name).is_some()
            && !name.contains("关于")
            && !name.contains("通知")
            && !name.contains('〈')
        {
            return Some(name);
        }
        rest = after.get(close..)?;
    }
    None
}

/// The agency a preamble names, for a report whose title and signature name none: who
/// compiled it (`本报告由江苏省公安厅编制`, `由信访局结合有关统计数据编制`; an office compiles
/// its bureau's or government's report, `由…教育局办公室编制` names `…教育局`, `由山西省人民政府
/// 办公厅编制` names `山西省人民政府`; a name that does not end
/// as an agency's does, [`AGENCY_ENDINGS`], or a working group's office, `…政务公开领导小组办公室`,
/// names none), or whose report it publishes (`现公布国家税务总局…税务局2023年政府信息公开工作
/// 年度报告`, `编制了吉林市卫生健康委员会2022年…`, `现将信访局2021年度政府信息公开工作报告如下`:
/// the words between the last such verb and the year, or after the year, read as a title's are
/// by [`title_agency`], when the subject follows the year). A name is cut at its bracket
/// (`青龙镇政府(机关)`); a notice's name quoted there (`发布的《…关于做好2020年…的通知》`) or
/// the organ itself (`我局`, `本级政府`) names none.
fn preamble_agency(head: &str) -> Option<String> {
    for line in head.split(['。', '\n']) {
        for s in line.split([',', '，']) {
            if let Some(x) = str_at(s, "由").and_then(|i| s.get(i + '由'.len_utf8()..)) {
                if let Some(x) = str_at(x, "编制").and_then(|j| x.get(..j)) {
                    // `由X结合…`, `由X根据《…》…要求编制`: the name ends before the basis.
                    let x = ["结合", "根据", "按照", "依据", "依照"]
                        .iter()
                        .filter_map(|w| str_at(x, w))
                        .min()
                        .and_then(|j| x.get(..j))
                        .unwrap_or(x);
                    let x = match x
                        .strip_suffix("办公室")
                        .or_else(|| x.strip_suffix("办公厅"))
                    {
                        Some(b) if AGENCY_ENDINGS[..5].iter().any(|e| b.ends_with(e)) => b,
                        _ => x,
                    };
                    if AGENCY_ENDINGS.iter().any(|e| x.ends_with(e))
                        && str_at(x, "政务公开").is_none()
                        && str_at(x, "领导小组").is_none()
                    {
                        if let Some(a) = agency_name(x) {
                            return Some(a);
                        }
                    }
                }
            }
            let t = without_whitespace(s);
            let Some((i, _)) = year_in(&t) else {
                continue;
            };
            let (before, after) = t.split_at(i);
            let mut from = None;
            for v in PREAMBLE_VERBS {
                if let Some(k) = str_at(before, v) {
                    from = from.max(Some(k + v.len()));
                }
            }
            if let Some(from) = from {
                if TITLE_SUBJECTS.iter().any(|w| str_at(after, w).is_some()) {
                    let named = t.get(from..).unwrap_or("");
                    let named = named.strip_prefix("完成").unwrap_or(named);
                    let named = named.strip_prefix('了').unwrap_or(named);
                    // The words after the year only when none come between the verb and it
                    // (`特向社会公布2022年卯都乡信息公开…`).
                    let at = named.len() - after.len();
                    let a = match named.get(..at) {
                        Some("") => title_agency(named, Some(0)),
                        b => agency_name(b.unwrap_or("")),
                    };
                    if a.is_some() {
                        return a;
                    }
                }
            }
        }
    }
    None
}

/// The verbs with which a preamble publishes or compiles its report (`现公布…`, `编制了…`,
/// `编制本报告现向社会公开…`), read
/// by [`preamble_agency`] and [`preamble_year`].
const PREAMBLE_VERBS: [&str; 5] = ["公布", "现将", "编制", "发布", "向社会公开"];

/// The year of the report a preamble publishes or compiles: a year after `公布`, `现将`,
/// `编制` or `发布` and before the subject ([`TITLE_SUBJECTS`]) in one clause
/// (`…编制了2021年政府信息公开年度报告`), as [`preamble_agency`] reads the clause.
fn preamble_year(head: &str) -> Option<u16> {
    head.split(['。', '\n', ',', '，']).find_map(|s| {
        // Most clauses name no year: told before the clause is copied.
        str_at(s, "年")?;
        let t = without_whitespace(s);
        let (i, y) = year_in(&t)?;
        let (before, after) = t.split_at(i);
        (PREAMBLE_VERBS.iter().any(|v| str_at(before, v).is_some())
            && TITLE_SUBJECTS.iter().any(|w| str_at(after, w).is_some()))
        .then_some(y)
    })
}

/// A title line without the page number a flip-book viewer prints before it
/// (`Page 8 - 威海市…年度报告`), and where what is left starts.
fn without_page_number(start: usize, t: &str) -> (usize, &str) {
    let Some(r) = t.strip_prefix("Page") else {
        return (start, t);
    };
    let r = r.trim_start();
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    let rest = r.get(digits..).unwrap_or("").trim_start();
    match rest.strip_prefix('-') {
        Some(title) if digits > 0 => {
            let title = title.trim_start();
            (start + (t.len() - title.len()), title)
        }
        _ => (start, t),
    }
}

/// A title line without what a spam copy of the page put before a colon
/// (`沙巴体育_…官网平台:第三中学2022年…年度报告`): cut when what follows the colon names the
/// report, its year and its agency, and what precedes names no report.
fn without_spam_lead(start: usize, t: &str) -> (usize, &str) {
    // Or a site's name and a dash (`长沙市政府门户网站-长沙县人民政府2021年…年度报告`).
    let (i, sep) = match t.find([':', '：']) {
        Some(i) => (i, None),
        None => match t.find(['-', '—', '_']) {
            Some(i)
                if t.get(..i)
                    .is_some_and(|h| h.ends_with("网站") || h.ends_with('网')) =>
            {
                (i, t.get(i..).and_then(|r| r.chars().next()))
            }
            _ => return (start, t),
        },
    };
    let (head, after) = (t.get(..i).unwrap_or(""), t.get(i..).unwrap_or(""));
    let title = match sep {
        Some(c) => after.get(c.len_utf8()..).unwrap_or(after),
        None => after
            .strip_prefix(':')
            .or_else(|| after.strip_prefix('：'))
            .unwrap_or(after),
    }
    .trim_start();
    // A document's number and its signer before the title (`某县政办 [2023] 3号 签发人:张三
    // 某某县人民政府2022年…`): the title starts after the signer's name.
    let signer = head.trim_end();
    let title = if signer.ends_with("签发人") || signer.ends_with("簽發人") {
        title
            .split_once([' ', '\u{3000}', '\t'])
            .map_or(title, |(_, r)| r.trim_start())
    } else {
        title
    };
    let year = year_in(title).map(|(i, _)| i);
    if !names_the_report(head) && year.is_some() && title_agency(title, year).is_some() {
        (start + (t.len() - title.len()), title)
    } else {
        (start, t)
    }
}

/// A title line without the extension of the file it names (`…年度报告.docx`).
fn without_file_extension(t: &str) -> &str {
    for ext in [".docx", ".doc", ".pdf", ".wps", ".DOCX", ".DOC", ".PDF"] {
        if let Some(s) = t.strip_suffix(ext) {
            return s;
        }
    }
    t
}

/// A title line without the site's name a page appends to it (`…年度报告-沭阳县发改局`,
/// `…年度报告_上海市财政局`): cut at the first separator after which a short piece (30
/// characters at most) follows that names no report, when what is before it names one.
fn without_site_name(t: &str) -> &str {
    const SEPARATORS: [char; 7] = ['_', '|', '｜', '-', '－', '—', '–'];
    for (i, c) in t.char_indices().filter(|(_, c)| SEPARATORS.contains(c)) {
        let (head, tail) = (
            t.get(..i).unwrap_or(""),
            t.get(i + c.len_utf8()..).unwrap_or(""),
        );
        let site = tail.trim_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c));
        if names_the_report(head)
            && !site.is_empty()
            && site.chars().count() <= 30
            && !names_the_report(site)
            && !site.contains(['报', '報'])
        {
            return head.trim_end();
        }
    }
    t
}

/// Whether the title line `t` continues the line `pl` before it: `t` starts with the year or
/// the subject ([`TITLE_SUBJECTS`]), or names neither while `pl` names the year and either
/// names the subject or ends with a part of it (`…政府信息` before `公开工作年度报告`).
fn continues_title(pl: &str, t: &str) -> bool {
    let year_at = title_year_in(t).map(|(i, _)| i);
    // A line opening with the year continues an agency's line when it names no agency itself
    // (`2023年遂昌县…` after a page's `政府信息` or `全文检索` does).
    if year_at == Some(0) {
        return title_agency(&without_whitespace(t), Some(0)).is_none();
    }
    if TITLE_SUBJECTS.iter().any(|w| t.starts_with(w)) {
        return true;
    }
    if year_at.is_some() || TITLE_SUBJECTS.iter().any(|w| t.contains(w)) || year_in(pl).is_none() {
        return false;
    }
    let pl = pl.trim_end();
    TITLE_SUBJECTS.iter().any(|w| {
        pl.contains(w)
            || w.char_indices()
                .skip(1)
                .any(|(i, _)| pl.ends_with(&w[..i]) && t.starts_with(&w[i..]))
    })
}

/// A title line `t` starting at `start` without a markdown heading's leading `#` marks and
/// bold's `**` around it, and where what is left starts.
fn without_title_marks(start: usize, t: &str) -> (usize, &str) {
    let hashless = t.trim_start_matches('#').trim_start();
    let (bold, u) = match hashless.strip_prefix("**") {
        Some(inner) => (2, inner.strip_suffix("**").unwrap_or(inner)),
        None => (0, hashless),
    };
    let trimmed = u.trim_start();
    let lead = (t.len() - hashless.len()) + bold + (u.len() - trimmed.len());
    (start + lead, trimmed.trim_end())
}

/// The lines of a text as `str::split_inclusive('\n')` cuts them (each with its `\n`, the last
/// without one when the text does not end with it, no empty line after a final `\n`): by that
/// iterator ([`head_fields`]' reference), or each line's end found by `memchr`, whose vector
/// search passes over a long line (a Traditional report's first line runs to hundreds of bytes
/// of text and glosses) in fewer instructions than the `char` search's generic one.
enum HeadLines<'a> {
    /// The standard library's iterator.
    Split(std::str::SplitInclusive<'a, char>),
    /// The text left to cut.
    Memchr(&'a str),
}

impl<'a> Iterator for HeadLines<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            HeadLines::Split(it) => it.next(),
            HeadLines::Memchr(rest) => {
                if rest.is_empty() {
                    return None;
                }
                let cut = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
                // `cut` follows a `\n` or is the end: a character boundary.
                let line = rest.get(..cut).unwrap_or(rest);
                *rest = rest.get(cut..).unwrap_or_default();
                Some(line)
            }
        }
    }
}

/// The names of a page's date fields, in the order they are trusted as the publication date:
/// a line holding several (`发布来源:… 发布时间:2025-01-24`, `成文日期: … 发布日期: …`) gives
/// the first of this list that it holds with a date.
const DATE_FIELDS: [&str; 8] = [
    "发布时间",
    "发布日期",
    "公开日期",
    "发文日期",
    "成文日期",
    "生成日期",
    "时间",
    "日期",
];

/// What names a date field that is not the publication's (`采集时间`, `更新时间`, `当前日期`,
/// `生效日期`).
const NOT_PUBLISHED: [&str; 10] = [
    "采集", "抓取", "爬取", "下载", "访问", "当前", "打印", "更新", "生效", "失效",
];

/// [`crawler_date`] of the line `l` (trimmed), and a field's name alone on its line (`• 发布日期`)
/// with its date alone on the next line that is not blank (`2026-01-21`): `label_above` tells
/// the line before named the field, and which of [`DATE_FIELDS`] it was. The date is kept with
/// its field's place in that order, and a later line's date replaces it only under a field
/// trusted more (`发布时间` below `公文生成日期`).
fn date_fields(l: &str, published: &mut Option<(String, usize)>, label_above: &mut Option<usize>) {
    if published.as_ref().is_some_and(|p| p.1 == 0) || l.is_empty() {
        return;
    }
    if let Some(rank) = label_above.take() {
        if let Some(d) = dateline(l) {
            if published.as_ref().is_none_or(|p| rank < p.1) {
                *published = Some((d, rank));
            }
            return;
        }
    }
    // A field's name alone is short (`• 发布日期：` is 20 bytes).
    let name = || {
        l.trim_start_matches(BULLETS)
            .trim()
            .trim_end_matches([':', '：'])
            .trim_end()
    };
    if l.len() <= 24 {
        if let Some(rank) = DATE_FIELDS.iter().take(6).position(|f| *f == name()) {
            *label_above = Some(rank);
            return;
        }
    }
    crawler_date(l, published);
}

/// The page's date field in the trimmed line `l`, anywhere in it (`发布时间:2025-01-24 16:55`,
/// `时间 : 2025-01-22`, `发文日期 | 2018-02-28`, `公文生成日期:2026-01-27`): a field's name of
/// [`DATE_FIELDS`], then a colon or a table's bar, then a date. Kept when none was found before,
/// or one under a field trusted less.
#[inline(always)]
fn crawler_date(l: &str, published: &mut Option<(String, usize)>) {
    let trusted = published.as_ref().map_or(DATE_FIELDS.len(), |p| p.1);
    if trusted == 0 || !(l.contains("时间") || l.contains("日期")) {
        return;
    }
    for (rank, &field) in DATE_FIELDS.iter().enumerate().take(trusted) {
        let mut from = 0usize;
        while let Some(i) = l.get(from..).and_then(|r| r.find(field)).map(|k| from + k) {
            from = i + field.len();
            // The time a crawler fetched the page, or the page was updated or printed, is not
            // when the report was published.
            let before = l.get(..i).unwrap_or("");
            if NOT_PUBLISHED.iter().any(|w| before.ends_with(w)) {
                continue;
            }
            let v = l.get(i + field.len()..).unwrap_or("").trim_start();
            // A field named in full may give its date after a space alone (`发布日期 2023-01-18`),
            // not a bare `时间`/`日期` (`时间 2020年…` in a sentence).
            let Some(v) = v
                .strip_prefix(':')
                .or_else(|| v.strip_prefix('：'))
                .or_else(|| v.strip_prefix('|'))
                .or_else(|| {
                    (!matches!(field, "时间" | "日期")
                        && v.starts_with(|c: char| c.is_ascii_digit()))
                    .then_some(v)
                })
            else {
                continue;
            };
            // `成文日期: | 2024-01-19 |`: a field's colon and its table's bar.
            let v = v.trim_start();
            let v = v.strip_prefix('|').unwrap_or(v).trim_start();
            // A date that opens a range (`统计时间：2020年1月1日至…`) is no publication date.
            if let Ok((rest, d)) = dash_date(v).or_else(|_| cn_date(v)) {
                let range = rest.trim_start().chars().next();
                if !range.is_some_and(|c| matches!(c, '至' | '到' | '起' | '—' | '~' | '～'))
                {
                    *published = Some((iso(d), rank));
                }
                return;
            }
        }
    }
}

/// The last nine lines of `text` from `last` on that start before `body_end` (a line ends at its
/// `\n`, which it does not hold, or at the end of the text): each with its start.
///
/// Read backwards from `body_end` by `memrchr`, nine lines at most, instead of every line of
/// the tail walked forwards and all but the last nine dropped: the line that starts last
/// before `body_end` holds the byte before it and starts after the `\n` before that byte,
/// each line before it ends at the `\n` before its successor. With `FIRST_WRITTEN` the tail is
/// walked forwards: the reference.
#[inline(always)]
fn last_body_lines<const FIRST_WRITTEN: bool>(
    text: &str,
    last: usize,
    body_end: usize,
) -> std::collections::VecDeque<(usize, &str)> {
    let mut body_lines: std::collections::VecDeque<(usize, &str)> =
        std::collections::VecDeque::with_capacity(10);
    let tail = text.get(last..).unwrap_or("");
    if FIRST_WRITTEN {
        let mut p = last;
        for line in tail.split_inclusive('\n') {
            let off = p;
            p += line.len();
            if off >= body_end {
                break;
            }
            if body_lines.len() == 9 {
                body_lines.pop_front();
            }
            body_lines.push_back((off, line.trim_end_matches('\n')));
        }
        return body_lines;
    }
    if tail.is_empty() || last >= body_end {
        return body_lines;
    }
    let b = text.as_bytes();
    let lim = body_end.min(text.len());
    let start_of = |end: usize| {
        b.get(last..end)
            .and_then(|r| memchr::memrchr(b'\n', r))
            .map_or(last, |i| last + i + 1)
    };
    let mut s = start_of(lim - 1);
    let mut e = b
        .get(s..)
        .and_then(|r| memchr::memchr(b'\n', r))
        .map_or(text.len(), |j| s + j);
    loop {
        body_lines.push_front((s, text.get(s..e).unwrap_or("")));
        if body_lines.len() == 9 || s <= last {
            break;
        }
        e = s - 1;
        s = start_of(e);
    }
    body_lines
}

/// Title, agency, year, publication date and the start of the trailing residue.
///
/// Out of line, as [`find_headings`] is: see `parse::normalised`.
#[inline(never)]
pub(crate) fn find_meta(text: &str, headings: &[Heading]) -> MetaFound {
    let mut m = MetaFound::default();
    let first_heading = headings.first().map_or(text.len().min(4000), |h| h.start);
    let head = text.get(..first_heading).unwrap_or("");

    (m.published, m.title) = head_fields::<false>(text, head);
    match m.title {
        Some((s, e)) => {
            let name = text.get(s..e).unwrap_or("");
            (m.year, m.agency) = match letter_spaced(name) {
                Some(name) => year_and_agency(&name),
                None => year_and_agency(name),
            };
            if m.agency.is_none() {
                m.agency = agency_line_after(head.get(e..).unwrap_or(""));
            }
        }
        // No title line: the report's name the preamble quotes (`编制了《某镇2020年度政府信息
        // 公开工作年度报告》`) tells its year and agency.
        None => {
            if let Some(name) = quoted_report_name(head) {
                (m.year, m.agency) = year_and_agency(name);
            }
        }
    }

    m.period = period(text);

    // No title line: the year of the report the preamble publishes or compiles (`编制了2021年
    // 政府信息公开年度报告`), over the period's, which a report copied from the year before
    // can keep.
    if m.year.is_none() && m.title.is_none() {
        m.year = preamble_year(head);
    }

    // Year: title, else the period (a school year's, `2023年9月1日至2024年8月31日`: the year it
    // ends in, as a title's `2023—2024学年`), else the first `20xx年` of the text that starts no
    // date.
    if m.year.is_none() {
        m.year = m
            .period
            .map(|(a, b)| if b.0 == a.0 + 1 && b.1 < 12 { b.0 } else { a.0 })
            .or_else(|| undated_year(text.get(..text.len().min(20000)).unwrap_or("")));
    }

    // Signature and residue after the last section.
    let last = headings.last().map_or(0, |h| h.end);
    // Only the last nine lines of the body: the signature test reads the last eight and the
    // line before the date (a whole report after its last heading must not become a list of
    // lines).
    let mut body_end = footer_start(text, last).unwrap_or(text.len());
    let body_lines = last_body_lines::<false>(text, last, body_end);
    // Signature: a date line near the end of the body, and the agency line before it.
    for (k, (off, l)) in body_lines.iter().enumerate().rev().take(8) {
        let t = crate::scan::trim_ws(l);
        if t.is_empty() {
            continue;
        }
        if let Ok((rest, d)) = cn_date(t) {
            if rest.trim().is_empty() {
                if m.published.is_none() {
                    m.published = Some(iso(d));
                }
                let mut sig_start = *off;
                if k > 0 {
                    if let Some((aoff, al)) = body_lines.get(k - 1) {
                        let a = al.trim();
                        if !a.is_empty()
                            && a.chars().count() <= 30
                            && !a.contains(['。', ',', ';', ':'])
                        {
                            sig_start = *aoff;
                            if m.agency.is_none() {
                                m.agency = Some(without_whitespace(a));
                            }
                        }
                    }
                }
                body_end = body_end.min(sig_start);
                break;
            }
        }
        break;
    }
    if m.agency.is_none() {
        m.agency = preamble_agency(head).or_else(|| field_agency(head));
    }
    // A page's date printed alone under the title, with no field's name (`2021年1月20日`,
    // `2024-01-23 16:45  稿件作者:…`).
    if m.published.is_none() {
        if let Some((_, e)) = m.title {
            m.published = dateline_after(text.get(e..first_heading.max(e)).unwrap_or(""));
        }
    }
    if body_end < text.len() {
        m.tail_start = Some(body_end);
    }
    m
}

/// The date of the first line that is not blank after a title, when that line opens with a date
/// (`2021年1月20日`, `2024-01-23`) followed by nothing, a time or white space before the
/// page's next field: the page's date, not a sentence's or a period's.
fn dateline_after(after: &str) -> Option<String> {
    let mut first = line_after(after)?;
    // Under the title printed again, once or twice (`北京市文化局政府信息公开年度报告` /
    // `2009年北京市文化局 政府信息公开年度报告` / `(2010年3月10日)`).
    let mut after = after;
    for _ in 0..2 {
        if !names_the_report(&without_whitespace(first)) {
            break;
        }
        let at = after.find(first)? + first.len();
        after = after.get(at..)?;
        first = line_after(after)?;
    }
    // Under the agency's line (`政府信息公开工作年度报告` / `某某经开区管委会` / `2026年1月8日`).
    let line = match agency_line(first) {
        Some(_) => {
            let at = after.find(first)? + first.len();
            line_after(after.get(at..)?)?
        }
        None => first,
    };
    // A list of the page's fields (`• 宣威市人民政府门户网` / `• 2025-02-10 15:59`): the first
    // of its first three items that is a date alone.
    if line.starts_with(BULLETS) {
        let at = after.find(line)?;
        return after
            .get(at..)?
            .lines()
            .map(crate::scan::trim_ws)
            .filter(|l| !l.is_empty())
            .take(3)
            .take_while(|l| l.starts_with(BULLETS))
            .find_map(|l| dateline_in(l.trim_start_matches(BULLETS)));
    }
    dateline_in(line)
}

/// The bullets a page's list opens its items with.
const BULLETS: [char; 10] = ['•', '·', '●', '■', '▪', '◆', '►', '▶', '○', '□'];

/// [`dateline`] of a line under a title: also in brackets (`(2021年1 月21 日)`), or after the
/// page's source (`来源:昆明市人民政府 2021-03-15 16:28:04`) and its field's name (`来源：平潭县人民政府
/// 时间：2020-01-20 15:22`, with the `html` feature).
fn dateline_in(line: &str) -> Option<String> {
    let line = line.trim_start();
    let line = line
        .strip_prefix(['(', '（'])
        .map_or(line, |l| l.trim_end_matches([')', '）']).trim());
    let line = match line
        .strip_prefix("来源")
        .or_else(|| line.strip_prefix("來源"))
    {
        Some(r) => {
            let at = r.find(|c: char| c.is_whitespace())?;
            r.get(at..)?.trim_start()
        }
        None => line,
    };
    // The date's field name before it (`来源：平潭县人民政府 时间：2020-01-20 15:22`), with the
    // `html` feature.
    let line = match cfg!(feature = "html") {
        true => ["发布时间", "发布日期", "时间", "日期"]
            .iter()
            .find_map(|f| line.strip_prefix(f)?.trim_start().strip_prefix([':', '：']))
            .unwrap_or(line),
        false => line,
    };
    dateline(line)
}

/// The date that opens `line` (`2021年1月20日`, `2024-01-23`, after white space) followed by
/// nothing, a time or white space before the page's next field: a page's date, not a
/// sentence's or a period's.
fn dateline(line: &str) -> Option<String> {
    let line = line.trim_start();
    let (tail, d) = cn_date(line).or_else(|_| dash_date(line)).ok()?;
    // A time (`16:45`, `16:45:00`) after the date.
    let rest = tail.trim_start();
    let clock = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b':')
        .count();
    let rest = match rest.get(..clock) {
        Some(c) if c.contains(':') => rest.get(clock..).unwrap_or(""),
        _ => rest,
    };
    let rest = rest.trim_start();
    let alone = rest.is_empty()
        || (tail.starts_with(char::is_whitespace)
            && !rest.starts_with(['至', '到', '起', '-', '—', '~', '～']));
    alone.then(|| iso(d))
}

/// The year and agency a report's name tells (a title line, or the name a preamble quotes),
/// read without white space: a title cut over two lines may be cut in its subject.
fn year_and_agency(name: &str) -> (Option<u16>, Option<String>) {
    let t = without_whitespace(name);
    let year = title_year_in(&t);
    (year.map(|(_, y)| y), title_agency(&t, year.map(|(i, _)| i)))
}

/// The words with which a title names its subject after the agency (`政府信息公开…`), in
/// either script, longest first.
const TITLE_SUBJECTS: [&str; 8] = [
    "政府信息公开",
    "政府信息公開",
    "政务信息公开",
    "政務信息公開",
    "政务公开",
    "政務公開",
    "信息公开",
    "信息公開",
];

/// The agency a title names, given where its year's digits start: the words before the year
/// (`淮安市人民政府2024年…`, `…局关于2022年…`), or when none are there the words between the
/// year and the subject (`2019年上海市人民政府办公厅政府信息公开工作年度报告`), or with no year
/// the words before the subject (`乌海市工业和信息化局 政府信息公开工作年度报告`). White
/// space and a trailing `关于` are dropped; fewer than two characters, a year, a breadcrumb's
/// separators (`首页>政务公开>…`), a field's colon (`当前位置：…`) or a sentence's punctuation
/// name none.
fn title_agency(t: &str, year_at: Option<usize>) -> Option<String> {
    // The subject's `政府` after `人民` is the agency's (`张义镇人民政府信息公开…`: the
    // agency is `张义镇人民政府`, its subject `信息公开`).
    let subject_at = |s: &str| {
        TITLE_SUBJECTS
            .iter()
            .filter_map(|w| {
                let at = s.find(w)?;
                let people =
                    w.starts_with("政府") && s.get(..at).is_some_and(|b| b.ends_with("人民"));
                Some(if people { at + "政府".len() } else { at })
            })
            .min()
            .unwrap_or(s.len())
    };
    let clean = agency_name;
    let Some(i) = year_at else {
        let at = subject_at(t);
        return (at < t.len())
            .then(|| clean(t.get(..at).unwrap_or("")))
            .flatten();
    };
    // The words before the year, up to the subject when it comes first
    // (`连云区教育局政府信息公开工作2024年度报告`).
    let before = t.get(..i).unwrap_or("");
    // Each subject word holds `公` (`公开`, `公開`): only then is it looked for.
    let before = if before.contains('公') {
        before.get(..subject_at(before)).unwrap_or(before)
    } else {
        before
    };
    if let Some(ag) = clean(before) {
        return Some(ag);
    }
    // After `2019年` or `2019年度` (and any white space).
    let after = t.get(i + 4..).unwrap_or("").trim_start();
    let after = after.strip_prefix('年')?;
    let after = after.strip_prefix('度').unwrap_or(after);
    let at = subject_at(after);
    (at < after.len())
        .then(|| clean(after.get(..at).unwrap_or("")))
        .flatten()
}

/// The names of a page's field that gives the agency publishing the report.
const AGENCY_FIELDS: [&str; 5] = ["发布机构", "发布单位", "发布机关", "发文机关", "发文单位"];

/// The agency a page's field names in the first 40 lines of `head` (`发布机构: 湖南省生态环境厅`,
/// `发布机构 | 蜀山街道 | 主题分类 | …`): the field's value up to white space or a bar, when it
/// is an agency's name ([`agency_name`]). For a report whose title, signature and preamble name
/// none.
fn field_agency(head: &str) -> Option<String> {
    for line in head.lines().take(40) {
        for f in AGENCY_FIELDS {
            let Some(v) = str_at(line, f).and_then(|i| line.get(i + f.len()..)) else {
                continue;
            };
            let v = v.trim_start();
            let v = v.strip_prefix([':', '：', '|']).unwrap_or(v).trim_start();
            let end = v
                .find(|c: char| c.is_whitespace() || c == '|')
                .unwrap_or(v.len());
            if let Some(a) = v.get(..end).and_then(agency_name) {
                return Some(a);
            }
        }
    }
    None
}

/// The first line that is not blank after the title's (`after` starts on the title's line),
/// trimmed: where [`agency_line_after`] and [`dateline_after`] look.
fn line_after(after: &str) -> Option<&str> {
    let rest = after.get(after.find('\n')? + 1..)?;
    rest.lines()
        .map(crate::scan::trim_ws)
        .find(|l| !l.is_empty())
}

/// The agency named on the line after a title that names none (`2025年政府信息公开工作年度报告`
/// / `区数据局`): the next line that is not blank, when it is short (20 characters at most),
/// ends as an agency's name does ([`AGENCY_ENDINGS`]) and is one ([`agency_name`]).
fn agency_line_after(after: &str) -> Option<String> {
    let line = line_after(after)?;
    agency_line(line)
}

/// `line` as an agency's name on a line of its own: short (20 characters at most, an aside in
/// brackets after it aside: `武昌经开区管委会(滨江商务区管委会)`), ending as an agency's name
/// does ([`AGENCY_ENDINGS`]) and one ([`agency_name`]).
fn agency_line(line: &str) -> Option<String> {
    let core = match line.strip_suffix([')', '）']) {
        Some(r) => r.get(..r.rfind(['(', '（'])?)?,
        None => line,
    };
    (core.chars().count() <= 20 && AGENCY_ENDINGS.iter().any(|e| core.ends_with(e)))
        .then(|| agency_name(line))
        .flatten()
}

/// What a page's `<title>` tells when the report's text has no title line: the title itself,
/// its year and its agency.
#[cfg(feature = "html")]
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct PageTitle {
    pub title: String,
    pub year: Option<u16>,
    pub agency: Option<String>,
}

/// Endings of an agency's name: a site's name (`上海市财政局`) given beside a page's title is taken
/// as its agency only when it ends with one (not `…门户网站`, `中国政府网`).
const AGENCY_ENDINGS: [&str; 17] = [
    "政府",
    "局",
    "委员会",
    "委",
    "厅",
    "办公室",
    "办",
    "院",
    "署",
    "中心",
    "部",
    "处",
    "所",
    "馆",
    "会",
    "大学",
    "学校",
];

/// A page's `<title>` read as a report's title (see [`PageTitle`]). A page title names the site
/// or the column beside the report (`2019年政府信息公开工作年度报告_上海市财政局`,
/// `…年度报告-政府信息公开-XX网`): it is cut at `_`, `|`, `｜` and dashes, and the piece naming
/// the report's subject ([`TITLE_SUBJECTS`] or `年度报告`) is the title, read as a title line
/// is ([`year_in`], [`title_agency`]). When that piece names no agency, a piece ending as an
/// agency's name does ([`AGENCY_ENDINGS`]). None when no piece names the subject.
#[cfg(feature = "html")]
pub(crate) fn page_title(t: &str) -> Option<PageTitle> {
    let pieces: Vec<&str> = t
        .split(['_', '|', '｜', '-', '－', '—', '–'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let names_subject = |p: &str| {
        TITLE_SUBJECTS.iter().any(|w| p.contains(w))
            || p.contains("年度报告")
            || p.contains("年度報告")
    };
    let k = pieces.iter().position(|p| names_subject(p))?;
    let title = without_whitespace(pieces.get(k)?);
    let year = year_in(&title);
    let agency = title_agency(&title, year.map(|(i, _)| i)).or_else(|| {
        pieces
            .iter()
            .enumerate()
            .filter(|&(j, p)| {
                j != k
                    && p.chars().count() <= 30
                    && !names_subject(p)
                    && AGENCY_ENDINGS.iter().any(|e| p.ends_with(e))
            })
            .find_map(|(_, p)| agency_name(p))
    });
    Some(PageTitle {
        title,
        year: year.map(|(_, y)| y),
        agency,
    })
}

/// An agency's name as a title writes it before its year or subject: without white space and a
/// trailing `关于`; none when fewer than two characters are left, or they hold a year, a
/// breadcrumb's separators (`首页>政务公开>…`), a field's colon (`当前位置：…`) or a sentence's
/// punctuation.
///
/// A year written without `年` after the name (`东河区卫生健康委员会 2021政府信息…`) is cut off;
/// a name without a CJK character (`Page9-`), with a dash, naming a website (`…官网`) or only a
/// kind of body (`政府`, `本机关`) is none.
fn agency_name(s: &str) -> Option<String> {
    const GENERIC: [&str; 4] = ["政府", "人民政府", "单位", "街道"];
    let mut ag = without_whitespace(s);
    // An aside giving the short name (`随县经济开发区(以下简称县开发区)`) is no part of it.
    for open in ["(以下简称", "（以下简称", "(下称", "（下称"] {
        if let Some(k) = ag.find(open) {
            let close = ag
                .get(k..)
                .and_then(|r| r.find([')', '）']))
                .map(|j| k + j + ag[k + j..].chars().next().map_or(1, char::len_utf8));
            let tail = close.and_then(|c| ag.get(c..)).unwrap_or("").to_string();
            ag.truncate(k);
            ag.push_str(&tail);
            break;
        }
    }
    // `青龙镇政府(机关)`, `…(本级)`: a bracket closing the name that says which part of the
    // organ reports is cut off (not `高新区(新市区)`, nor the one inside `中国(河北)自由…`).
    if ag.ends_with([')', '）']) {
        if let Some(k) = ag.rfind(['(', '（']) {
            let inner = ag.get(k..).unwrap_or("");
            if inner.contains("机关") || inner.contains('本') {
                ag.truncate(k);
            }
        }
    }
    for verb in ["印发", "公布", "发布", "印發", "公佈", "發布"] {
        if let Some(k) = ag.strip_suffix(verb).map(str::len) {
            ag.truncate(k);
            break;
        }
    }
    // A trailing `关于` (`…局关于2022年…`), not the `关` that ends a name (`机关`, `黄埔海关`).
    let kept = ag
        .strip_suffix("关于")
        .or_else(|| ag.strip_suffix('于'))
        .unwrap_or(&ag)
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .len();
    ag.truncate(kept);
    // A year (`2023年`) is no agency's, a `年` in its name is (`万年县`, `永年区`).
    let dated = ag
        .chars()
        .zip(ag.chars().skip(1))
        .any(|(c, n)| c.is_ascii_digit() && n == '年');
    let named = !dated
        && ag.chars().count() >= 2
        && ag.len() <= 90
        && !ag.starts_with("关于")
        && ag.chars().any(crate::normalise::is_cjk)
        && !GENERIC.contains(&ag.as_str())
        // The organ itself (`我局`, `本单位`, `本级政府`), not `本溪市…`.
        && !ag.starts_with('我')
        && !ag
            .strip_prefix('本')
            .and_then(|r| r.chars().next())
            .is_some_and(|c| "级镇乡街部局委办院单机区县市".contains(c))
        && !ag.ends_with("官网")
        && !ag.ends_with("网站")
        && !ag.contains([
            '“', '"', '>', '＞', '»', '›', '→', '|', '｜', '：', ':', '/', '\\', '。', '，', ',', '-',
            '—', '_', '、', '《', '〈', '的',
        ]);
    named.then_some(ag)
}

/// The words that open a statistics period, tried in this order, each only when the ones
/// before it opened none: `自` (`自2020年1月1日起至2020年12月31日止`, the template's wording),
/// `从`/`從` (`统计期限从2019年1月1日到12月31日止`), and the period named by `期限`, `时限` or
/// `周期` (`统计期限为2020年1月1日至2020年12月31日`, `统计周期为…`), and last by `时间`
/// (`统计时间为…`, `统计起止时间为2023年1月1日-2023年12月31日`), or by `数据为`
/// (`本报告所统计数据为2016年1月1日至…`), `涵盖` (`报告涵盖2025年1月1日至12月31日期间`), `区间`,
/// `时段` or `范围` (`统计数据的时间范围为…`), in either script, `为`, `为:` or a line break between;
/// a year's dates in brackets after it (`2020年度(2019年9月1日-2020年8月31日)`, a school's, or
/// `2019—2020学年(2019年9月1日到2020年8月31日止)`); and
/// `统计期` and `日期` (`统计期为…`, `统计日期为2025年1月1日起至…`).
const PERIOD_OPENERS: [&str; 29] = [
    "自",
    "从",
    "從",
    "期限",
    "时限",
    "時限",
    "周期",
    "週期",
    "时间",
    "時間",
    "数据为",
    "數據為",
    "涵盖",
    "涵蓋",
    "区间",
    "區間",
    "时段",
    "時段",
    "范围",
    "範圍",
    "年度(",
    "年度（",
    "学年(",
    "学年（",
    "學年(",
    "學年（",
    "统计期",
    "統計期",
    "日期",
];

/// The statistics period: the first opener of [`PERIOD_OPENERS`] starting in the first 20,000
/// bytes for `自`, 8,000 for the others ([`period_bound`]), that is followed by two dates.
///
/// Each opener is found by a `memmem` search (a filter on two of its bytes): the last byte of
/// `自` ends many other characters, at each of which a `char` search stopped to compare. The
/// finders are built once, as [`year_in`]'s, not for each text.
fn period(text: &str) -> Option<(Ymd, Ymd)> {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let finders = FINDERS.built_once(|| {
        PERIOD_OPENERS
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect()
    });
    // Each opener is looked for where it starts within its bound: the search of an opener a
    // report does not use stops there, not at the text's end.
    let b = text.as_bytes();
    for (k, (word, finder)) in PERIOD_OPENERS
        .iter()
        .zip(finders)
        .enumerate()
        .take(LATE_OPENERS)
    {
        if crate::scan::word_absent(text, word) {
            continue;
        }
        let bound = period_bound(k);
        for off in finder.find_iter(b.get(..bound + word.len()).unwrap_or(b)) {
            if off >= bound {
                break;
            }
            if let Some(p) = period_at(text, off + word.len()) {
                return Some(p);
            }
        }
    }
    late_period(text)
        .or_else(|| covered_period(text))
        .or_else(|| period_before_span(text))
}

/// A period whose dates follow `涵盖` (`涵蓋`) and the bodies the report covers
/// (`本报告涵盖县人民政府及其办公室2016年1月1日至12月31日的…`): the first figure within 16
/// characters after the word, with no punctuation or line break between, read by [`period_at`].
/// Looked for only where the other openers found none, in the late openers' bound.
fn covered_period(text: &str) -> Option<(Ymd, Ymd)> {
    // One `memmem` finder for `涵`, built once, the next character told after it: a search for
    // the last byte of `盖` (a continuation byte) stopped at most characters of a text.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.built_once(|| memchr::memmem::Finder::new("涵".as_bytes()));
    for off in late_hits(text, "涵", finder) {
        let Some(after) = text
            .get(off + "涵".len()..)
            .and_then(|r| r.strip_prefix(['盖', '蓋']))
        else {
            continue;
        };
        let from = text.len() - after.len();
        let gap = after.char_indices().take(17).find(|&(_, c)| {
            c.is_ascii_digit() || matches!(c, '。' | '，' | ',' | '；' | ';' | '：' | ':' | '\n')
        });
        if let Some((i, c)) = gap {
            if c.is_ascii_digit() && i > 0 {
                if let Some(p) = period_at(text, from + i) {
                    return Some(p);
                }
            }
        }
    }
    None
}

/// Where `word` (what `finder` finds) starts in `text` within the late openers' bound
/// ([`period_bound`]): none when the text's index shows a character of it absent.
fn late_hits<'t>(
    text: &'t str,
    word: &str,
    finder: &'t memchr::memmem::Finder<'static>,
) -> memchr::memmem::FindIter<'t, 't> {
    let b = text.as_bytes();
    let bound = if crate::scan::word_absent(text, word) {
        0
    } else {
        b.len().min(period_bound(LATE_OPENERS))
    };
    finder.find_iter(b.get(..bound).unwrap_or(b))
}

/// A period whose dates close with `期间` (`期間`) and no opener before them
/// (`现公布2014年1月1日至12月31日期间…工作年度报告`): from the first year in the 48 bytes before
/// the word (two whole dates and `起`, `止`), read by [`period_at`]. Looked for only where the
/// other openers found none, in the late openers' bound.
fn period_before_span(text: &str) -> Option<(Ymd, Ymd)> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.built_once(|| memchr::memmem::Finder::new("日期".as_bytes()));
    for off in late_hits(text, "日期", finder) {
        let word = off + "日".len();
        if !text
            .get(word + "期".len()..)
            .is_some_and(|r| r.starts_with(['间', '間']))
        {
            continue;
        }
        let mut from = word.saturating_sub(48);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let Some((at, _)) = text.get(from..word).and_then(year_in) else {
            continue;
        };
        let p = period_at(text, from + at);
        if p.is_some() {
            return p;
        }
    }
    None
}

/// Where the openers of [`PERIOD_OPENERS`] that share the last bound start (`时间` on).
const LATE_OPENERS: usize = 8;

/// The bytes of white space and separators that may stand between a period's opener and its
/// first date ([`period_at`]).
const OPENER_GAP: usize = 64;

/// [`period`]'s search for the late openers (`时间`, `数据为`, `涵盖`, `区间`, `时段`, `范围` and
/// their Traditional forms), found back from the dates instead of by a search for each word:
/// a period's first date opens with the `1` or `2` of its year, so the text within their bound
/// is searched once for those digits, and before each that opens a number and follows an
/// opener's last character or a separator the words a reading
/// forward may have passed (white space, `：`, `为`, `段`) are taken off every way, and what is
/// left is tested for each opener's ending. The openers found are tried in [`period`]'s order
/// (each opener, then where it stands), each read forward by [`period_at`]: what twelve
/// searches of 3,000 bytes found in a report that states no period (most of them ran to the
/// bound), one search finds (some 10,000 instructions a report less).
fn late_period(text: &str) -> Option<(Ymd, Ymd)> {
    let bound = period_bound(LATE_OPENERS);
    let longest = PERIOD_OPENERS
        .iter()
        .skip(LATE_OPENERS)
        .map(|w| w.len())
        .max()
        .unwrap_or(0);
    let b = text.as_bytes();
    let limit = b.len().min(bound + longest + OPENER_GAP);
    let mut found: Vec<(usize, usize)> = Vec::new();
    for d in memchr::memchr2_iter(b'1', b'2', b.get(..limit).unwrap_or(b)) {
        if d.checked_sub(1)
            .and_then(|j| b.get(j))
            .is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        let Some(before) = text.get(..d) else {
            continue;
        };
        // The text before the date with and without each optional part a forward reading
        // passes over, last first: a colon, a separator (`为`, `是`, a colon), `段`.
        let near = before.trim_end();
        // Most figures follow other words: told by the character before them.
        if !near.ends_with([
            ':', '：', '为', '為', '是', '段', '间', '間', '盖', '蓋', '围', '圍', '(', '（', '期',
        ]) {
            continue;
        }
        let mut stages = [""; 8];
        stages[0] = near;
        let mut n = 1;
        for set in [
            &[':', '：'][..],
            &['为', '為', '是', ':', '：'][..],
            &['段', '均'][..],
        ] {
            // The stages so far, each with the part and without it.
            let so_far = n;
            for j in 0..so_far {
                let stripped = stages.get(j).and_then(|s| s.strip_suffix(set));
                if let (Some(x), Some(slot)) = (stripped, stages.get_mut(n)) {
                    *slot = x.trim_end();
                    n += 1;
                }
            }
        }
        for s in stages.iter().take(n) {
            for (k, w) in PERIOD_OPENERS.iter().enumerate().skip(LATE_OPENERS) {
                if s.ends_with(w) && s.len() - w.len() < bound {
                    found.push((k, s.len()));
                }
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found.into_iter().find_map(|(_, end)| period_at(text, end))
}

/// Bytes of a text in which a period's opener is looked for.
const PERIOD_SEARCH: usize = 20000;

/// Where the search for the `k`th opener of [`PERIOD_OPENERS`] ends: `自`, the template's
/// wording, in the first 20,000 bytes ([`PERIOD_SEARCH`]); the others, looked for only when it
/// opens no period, in the first 8,000 bytes, which hold a report's opening paragraph (they are
/// searched in most reports that state no period, and a search to 20,000 bytes cost 1% of
/// parsing such a report); `时间` and the words after it, tried last, in the first 3,000
/// bytes, where the opening paragraph of a report that names its period so stands.
const fn period_bound(k: usize) -> usize {
    match k {
        0 => PERIOD_SEARCH,
        8.. => 3000,
        _ => 8000,
    }
}

/// The two dates of a period whose opener ends at `at`: the first whole, then `起` if written,
/// a dash or `至`/`到`, and the second whole or without its year (`12月31日`, the first's year),
/// not before the first.
fn period_at(text: &str, at: usize) -> Option<(Ymd, Ymd)> {
    let after = text.get(at..).unwrap_or("").trim_start();
    // `时间段为` (the opener `时间`).
    let after = after.strip_prefix('段').unwrap_or(after);
    // `均为` (`统计时限均为2023年1月1日至…`).
    let after = after.strip_prefix('均').unwrap_or(after);
    let after = after
        .strip_prefix(['为', '為', '是', '：', ':'])
        .unwrap_or(after)
        .trim_start();
    // `为:` (`统计期限为:2020年1月1日—…`).
    let after = after
        .strip_prefix(['：', ':'])
        .unwrap_or(after)
        .trim_start();
    // The first date stands near its opener ([`OPENER_GAP`]).
    if text.len().saturating_sub(at).saturating_sub(after.len()) > OPENER_GAP {
        return None;
    }
    let (rest, a) = cn_date(after)
        .or_else(|_| glued_date(after))
        .or_else(|_| month_lost_date(after))
        .ok()?;
    // `起,至` and `——` (a dash written twice) as well.
    let trimmed = rest.trim_start();
    // `始至` as well (`自2022年1月1日始至…`).
    let rest = trimmed
        .trim_start_matches(['起', '始', ',', '，'])
        .trim_start();
    // The end named by its own words (`起始时间为…,截止时间为2025年12月31日`).
    let named_end = ["截止时间", "截止日期", "结束时间", "截止", "截至"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .map(|r| {
            r.trim_start()
                .trim_start_matches(['为', '為', '是', ':', '：'])
                .trim_start()
        });
    let r2 = match named_end
        .or_else(|| rest.strip_prefix(['至', '到', '-', '—', '－', '~', '～', '–']))
    {
        Some(r2) => r2,
        // `自201011日起20101231止`: the end straight after `起`.
        None if trimmed.starts_with('起') && rest.starts_with(|c: char| c.is_ascii_digit()) => {
            rest
        }
        None => return None,
    };
    let r2 = r2.trim_start_matches(['—', '-']).trim_start();
    let end = |r2: &str| match cn_date(r2)
        .or_else(|_| glued_date(r2))
        .or_else(|_| month_lost_date(r2))
    {
        Ok((_, b)) => Some(b),
        Err(_) => month_day(r2)
            .or_else(|_| month_lost(r2))
            .map(|(_, (m, d))| (a.0, m, d))
            .ok(),
    };
    let b = end(r2).or_else(|| {
        // An end whose `日` a page lost: before `止` (`至12月31止`), or before anything else
        // when its month is written or its digits are a month and day or a whole date
        // (`至2020年12月31。`, `至20201231`), not a year and month alone (`至2020年12`).
        let k = r2
            .find(|c: char| !(c.is_ascii_digit() || "年月 ".contains(c)))
            .unwrap_or(r2.len());
        let d = r2.get(..k)?.trim_end();
        let digits = d.len() - d.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let closed = r2.get(k..).is_some_and(|t| t.starts_with('止'));
        if k > 16 || digits == 0 || !(closed || d.contains('月') || matches!(digits, 4 | 8)) {
            return None;
        }
        end(&format!("{d}日"))
    })?;
    (b >= a).then_some((a, b))
}

/// `M月D日` at the start of `s`: a date whose year is written before it, and the end of
/// [`cn_date`].
fn month_day(s: &str) -> IResult<&str, (u8, u8)> {
    let digits = |s| take_while_m_n(1, 4, |c: char| c.is_ascii_digit())(s);
    let (s, m) = digits(s)?;
    let (s, _) = (multispace0, ch('月'), multispace0).parse(s)?;
    let (s, d) = digits(s)?;
    let (s, _) = (multispace0, ch('日')).parse(s)?;
    let m: u8 = m.parse().unwrap_or(0);
    let d: u8 = d.parse().unwrap_or(0);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((s, (m, d)))
}

/// A month and day written without `月` between them: one digit each or two each (`11`,
/// `1231`; three digits cannot be told apart), unchecked (read by [`glued_date`] and
/// [`month_lost`], which check them).
fn split_month_day(run: &str) -> Option<(u8, u8)> {
    let (m, d) = match run.len() {
        2 => run.split_at(1),
        4 => run.split_at(2),
        _ => return None,
    };
    Some((m.parse().unwrap_or(0), d.parse().unwrap_or(0)))
}

/// A month and day whose `月` a page lost (`11日`, `1231日`): one digit each or two each (three
/// digits cannot be told apart).
fn month_lost(s: &str) -> IResult<&str, (u8, u8)> {
    let (rest, run) = take_while_m_n(2, 4, |c: char| c.is_ascii_digit())(s)?;
    let (rest, _) = (multispace0, ch('日')).parse(rest)?;
    let (m, d) = split_month_day(run).unwrap_or((0, 0));
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, (m, d)))
}

/// A date with its year and `年` whose `月` a page lost (`2021年11日`, `2021年1231日`).
fn month_lost_date(s: &str) -> IResult<&str, (u16, u8, u8)> {
    let (rest, y) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit())(s)?;
    let (rest, _) = (multispace0, ch('年'), multispace0).parse(rest)?;
    let (rest, (m, d)) = month_lost(rest)?;
    let y: u16 = y.parse().unwrap_or(0);
    if !(1990..=2100).contains(&y) {
        return Err(nom::Err::Error(nom::error::Error::new(
            s,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, (y, m, d)))
}

/// [`period`] by `char` searches, the reference it is tested against.
#[cfg(test)]
fn period_by_char(text: &str) -> Option<(Ymd, Ymd)> {
    for (k, word) in PERIOD_OPENERS.iter().enumerate() {
        let mut search = 0;
        while let Some(off) = text.get(search..).and_then(|r| r.find(word)) {
            if search + off >= period_bound(k) {
                break;
            }
            let at = search + off + word.len();
            if let Some(p) = period_at(text, at) {
                return Some(p);
            }
            search = at;
        }
    }
    covered_period(text).or_else(|| period_before_span(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The headings of `text` as (kind number, heading text).
    fn headings_of(text: &str) -> Vec<(u8, &str)> {
        let got = find_headings(text);
        let key = |hs: &[Heading]| -> Vec<(SectionKind, usize, usize)> {
            hs.iter().map(|h| (h.kind, h.start, h.end)).collect()
        };
        assert_eq!(key(&got), key(&find_headings_by_line(text)), "{text}");
        got.iter()
            .map(|h| (h.kind.number(), text.get(h.start..h.end).unwrap_or("")))
            .collect()
    }

    #[test]
    fn a_titles_agency_is_read_before_its_year_after_it_or_before_its_subject() {
        let agency = |t: &str| title_agency(t, year_in(t).map(|(i, _)| i));
        let cases = [
            (
                "淮安市人民政府2024年政府信息公开工作年度报告",
                Some("淮安市人民政府"),
            ),
            (
                "平潭综合实验区 2019 年度政府信息公开工作年度报告",
                Some("平潭综合实验区"),
            ),
            // A name that ends in `关` keeps it.
            ("黄埔海关2020年政府信息公开工作年度报告", Some("黄埔海关")),
            (
                "城口县人民政府机关2020年政府信息公开工作年度报告",
                Some("城口县人民政府机关"),
            ),
            (
                "天镇县信访局关于2021年政府信息公开工作年度报告",
                Some("天镇县信访局"),
            ),
            (
                "2019年上海市人民政府办公厅政府信息公开工作年度报告",
                Some("上海市人民政府办公厅"),
            ),
            (
                "2020年度武漢市生態環境局政府信息公開工作年度報告",
                Some("武漢市生態環境局"),
            ),
            (
                "乌海市工业和信息化局政府信息公开工作年度报告",
                Some("乌海市工业和信息化局"),
            ),
            ("关于2022年度政府信息公开情况的报告", None),
            ("2022年政府信息公开工作年度报告", None),
            ("首页>政务公开>政府信息公开工作年度报告", None),
            ("当前位置：2023年信息公开年报", None),
            ("首页 / 政务公开 / 政府信息公开工作年度报告", None),
            // Digits and Latin letters may be part of a name.
            (
                "12345热线管理中心2021年政府信息公开工作年度报告",
                Some("12345热线管理中心"),
            ),
        ];
        for (title, want) in cases {
            assert_eq!(agency(title).as_deref(), want, "{title}");
        }
    }

    #[cfg(feature = "html")]
    #[test]
    fn a_page_title_is_cut_from_its_sites_name_and_names_the_agency() {
        let read = |t: &str| page_title(t).map(|p| (p.title, p.year, p.agency));
        let own = |s: &str| s.to_string();
        assert_eq!(
            read("测试市2025年政府信息公开工作年度报告"),
            Some((
                own("测试市2025年政府信息公开工作年度报告"),
                Some(2025),
                Some(own("测试市"))
            ))
        );
        // The site's name after the title names the agency the title does not.
        assert_eq!(
            read("2019年政府信息公开工作年度报告_上海市财政局"),
            Some((
                own("2019年政府信息公开工作年度报告"),
                Some(2019),
                Some(own("上海市财政局"))
            ))
        );
        assert_eq!(
            read("杭州市民政局 - 2022年度政府信息公开工作年度报告 - 政务公开"),
            Some((
                own("2022年度政府信息公开工作年度报告"),
                Some(2022),
                Some(own("杭州市民政局"))
            ))
        );
        // A portal's name is not an agency; a page on another subject is not a report's.
        assert_eq!(
            read("2021年政府信息公开工作年度报告|XX市人民政府门户网站"),
            Some((own("2021年政府信息公开工作年度报告"), Some(2021), None))
        );
        assert_eq!(read("关于开展2022年度评优工作的通知_XX市教育局"), None);
        assert_eq!(
            read("臺北市2020年度政府信息公開工作年度報告").and_then(|p| p.2),
            Some(own("臺北市"))
        );
    }

    /// A title line that names no year (a column's name) gives way to the report's own title
    /// line after it; a flip-book's `Page N -` and a spam copy's lead before a colon are not the
    /// title's; a title that names its subject before its year names its agency before the
    /// subject.
    #[test]
    fn a_title_is_read_past_a_column_name_a_page_number_and_a_spam_lead() {
        let meta = |text: &str| {
            let m = find_meta(text, &find_headings(text));
            let title = m.title.map(|(s, e)| text[s..e].to_string());
            (title, m.agency, m.year)
        };
        let full = |t: &str, a: &str, y: u16| (Some(t.to_string()), Some(a.to_string()), Some(y));
        assert_eq!(
            meta("政府信息公开\n政府信息公开工作年度报告\n\n大英县教育和体育局2024年政府信息公开工作年度报告\n一、总体情况\n"),
            full("大英县教育和体育局2024年政府信息公开工作年度报告", "大英县教育和体育局", 2024)
        );
        // A document's number and signer before the title on its line.
        assert_eq!(
            meta("某县政办 [2023] 3号 签发人:张三 某某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n"),
            full("某某县人民政府2022年政府信息公开工作年度报告", "某某县人民政府", 2022)
        );
        // A year's column (`2021年年报`, the page's path printed again) gives way too.
        assert_eq!(
            meta("首页 >> 政府信息公开 >> 2021年年报\n2021年年报\n\n嫘祖镇人民政府2021年政府信息公开工作年度报告\n来源: 西平县人民政府 发布时间: 2022-01-30\n一、总体情况\n"),
            full("嫘祖镇人民政府2021年政府信息公开工作年度报告", "嫘祖镇人民政府", 2021)
        );
        assert_eq!(
            meta("2021年年报\n一、总体情况\n").0,
            Some("2021年年报".to_string())
        );
        assert!(!column_of_the_year("2021年政府信息公开年报"));
        assert!(column_of_the_year("2021年度年报"));
        // With no later title line, the column's name stays the title.
        assert_eq!(
            meta("政府信息公开工作年度报告\n一、总体情况\n").0,
            Some("政府信息公开工作年度报告".to_string())
        );
        assert_eq!(
            meta("Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告\nP. 8\n一、总体情况\n"),
            full(
                "威海市文登区信访局2022年政府信息公开工作年度报告",
                "威海市文登区信访局",
                2022
            )
        );
        assert_eq!(
            meta("沙巴体育_沙巴体育app$官网平台:第三中学2022年政府信息公开工作年度报告\n一、总体情况\n"),
            full("第三中学2022年政府信息公开工作年度报告", "第三中学", 2022)
        );
        // A colon before a report name that names no agency is kept (nothing to cut to).
        assert_eq!(
            meta("公告:2022年政府信息公开工作年度报告\n一、总体情况\n").0,
            Some("公告:2022年政府信息公开工作年度报告".to_string())
        );
        assert_eq!(
            meta("连云区教育局政府信息公开工作2024年度报告\n一、总体情况\n").1,
            Some("连云区教育局".to_string())
        );
        // A run of `?` standing for lost characters is not the title's; a bracket closing an
        // agency's name is not the name's, one inside it is.
        assert_eq!(
            meta("2021年度兴国县城市社区政府信息公开年度报告?????\n一、总体情况\n"),
            full(
                "2021年度兴国县城市社区政府信息公开年度报告",
                "兴国县城市社区",
                2021
            )
        );
        assert_eq!(
            meta("青龙镇政府(机关)2019年政府信息公开工作年度报告\n一、总体情况\n").1,
            Some("青龙镇政府".to_string())
        );
        assert_eq!(
            meta("中国(河北)自由贸易试验区雄安片区管理委员会2022年政府信息公开工作年度报告\n一、总体情况\n").1,
            Some("中国(河北)自由贸易试验区雄安片区管理委员会".to_string())
        );
    }

    #[test]
    fn a_title_is_read_past_a_pages_words_and_a_spread_field_name() {
        let meta = |text: &str| {
            let m = find_meta(text, &find_headings(text));
            (m.title.map(|(s, e)| text[s..e].to_string()), m.agency)
        };
        let both = |t: &str, a: &str| (Some(t.to_string()), Some(a.to_string()));
        // A line opening with the year that names its agency is not joined to the line before.
        assert_eq!(
            meta("申请公开\n政府信息\n\n2023年遂昌县政府信息公开工作年度报告\n一、总体情况\n"),
            both("2023年遂昌县政府信息公开工作年度报告", "遂昌县")
        );
        assert_eq!(
            meta("全文检索\n\n2022年高新区(新市区)政府信息公开工作年度报告\n\n一、总体情况\n"),
            both(
                "2022年高新区(新市区)政府信息公开工作年度报告",
                "高新区(新市区)"
            )
        );
        // One that names none is (the agency's line, then the year's).
        assert_eq!(
            meta("甲县文化和旅游局\n2023 年政府信息公开工作年度报告\n一、总体情况\n").1,
            Some("甲县文化和旅游局".to_string())
        );
        assert_eq!(
            meta("标      题 西藏自治区审计厅2025年政务信息公开工作开展年度报告\n一、总体情况\n"),
            both(
                "西藏自治区审计厅2025年政务信息公开工作开展年度报告",
                "西藏自治区审计厅"
            )
        );
        // `年` in an agency's name; a quotation mark is none of it.
        assert_eq!(
            meta("万年县2023年政府信息公开工作年度报告\n一、总体情况\n").1,
            Some("万年县".to_string())
        );
        assert_eq!(
            meta("2024年北京市“政府信息公开工作年度报告”集中公开专题页面\n一、总体情况\n").1,
            None
        );
    }

    #[test]
    fn an_agency_named_only_in_the_preamble_is_read_from_it() {
        let agency = |preamble: &str| {
            let text = format!("{preamble}\n一、总体情况\n无。\n");
            find_meta(&text, &find_headings(&text)).agency
        };
        for (preamble, want) in [
            ("本报告由江苏省公安厅编制。", Some("江苏省公安厅")),
            (
                "本报告是根据条例要求，由信访局结合有关统计数据编制。",
                Some("信访局"),
            ),
            // An office compiles its bureau's or government's report.
            (
                "本年度报告由南京市浦口区教育局办公室编制。",
                Some("南京市浦口区教育局"),
            ),
            (
                "在各市政府年度报告基础上,由山西省人民政府办公厅编制。",
                Some("山西省人民政府"),
            ),
            (
                "现公布国家税务总局珠海市香洲区税务局2023年政府信息公开工作年度报告。",
                Some("国家税务总局珠海市香洲区税务局"),
            ),
            (
                "特向社会公布广元市统计局2024年政府信息公开情况。",
                Some("广元市统计局"),
            ),
            (
                "吉林市卫生健康委编制了吉林市卫生健康委员会2022年政府信息公开工作年度报告。",
                Some("吉林市卫生健康委员会"),
            ),
            (
                "我镇结合实际情况编制并向社会公布2022年卯都乡信息公开工作年度报告。",
                Some("卯都乡"),
            ),
            (
                "特向社会公布2019年度青龙镇政府(机关)信息公开年度报告。",
                Some("青龙镇政府"),
            ),
            // The organ itself, a working group's office, an office's section, a notice's
            // name, or the words after a notice's year name none.
            ("现将我局2022年度政府信息公开情况报告如下：", None),
            ("特向社会公布2021年度本镇政府信息公开年度报告。", None),
            ("特向社会公布2018年度本级政府(本部门)信息公开工作年度报告。", None),
            ("由乌拉特后旗政务公开领导小组办公室编制。", None),
            ("由无锡市锡山区人民政府厚桥街道党政办公室综合科编制。", None),
            (
                "根据市政务服务和大数据管理局转发的《湖北省人民政府办公厅关于做好2020年政府信息公开年度报告编制和发布工作的通知》有关要求。",
                None,
            ),
            (
                "根据《教育部关于公布<高等学校信息公开事项清单>的通知》、《教育部办公厅关于做好2021年高校信息公开年度报告工作的通知》要求。",
                None,
            ),
        ] {
            assert_eq!(agency(preamble).as_deref(), want, "{preamble}");
        }
        // A title naming the agency comes first.
        let text =
            "本报告由县政府办公室编制。\n甲县民政局2023年政府信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(
            find_meta(text, &find_headings(text)).agency.as_deref(),
            Some("甲县民政局")
        );
    }

    /// A period whose dates lost their `年` (and `月`) is read when the digits allow one
    /// reading: the year's four digits, then the month before `月`, or the month and day one
    /// digit each or two each before `日`.
    #[test]
    fn a_period_whose_dates_lost_their_year_mark_is_read() {
        let ymd = |y, m, d| (y, m, d);
        for (text, want) in [
            (
                "统计期限自20241月1 日至202412月31日止。",
                Some((ymd(2024, 1, 1), ymd(2024, 12, 31))),
            ),
            (
                "统计期限自202411日至20241231日止。",
                Some((ymd(2024, 1, 1), ymd(2024, 12, 31))),
            ),
            (
                "统计期限自20201月1日起至202012月31日止。",
                Some((ymd(2020, 1, 1), ymd(2020, 12, 31))),
            ),
            // Only the `月` lost, the year's `年` kept; the end without its year.
            (
                "本报告中所列数据的统计期限为2022年11日至1231日。",
                Some((ymd(2022, 1, 1), ymd(2022, 12, 31))),
            ),
            (
                "统计期限自2022年11日起至2022年1231日止。",
                Some((ymd(2022, 1, 1), ymd(2022, 12, 31))),
            ),
            // Three digits after the year: `1月01日` or `10月1日` cannot be told.
            ("统计期限自2024101日至20241231日止。", None),
            ("统计期限为2024年101日至1231日。", None),
            ("统计期限自20241301日至20241231日止。", None),
        ] {
            assert_eq!(period(text), want, "{text}");
        }
    }

    /// What a page prints around its title: a date after it, a field's name spread by spaces,
    /// a bulleted date, the agency's line (with an aside in brackets, a university's) and a date
    /// under it, a title cut inside its subject, a row of fields, a sentence wrapped after
    /// `本年度报告…`, and the agency a field names.
    /// A page's menus a word a line (a print read by `pdftotext`): a breadcrumb's
    /// `政府信息公开年报` on line 40 is a title naming no year, which the report's own title on
    /// line 42 takes the place of, its date field on line 43 read; a preamble's wrapped line
    /// naming the report there does not take it (past line 40 only a line ending in `报告`).
    #[cfg(feature = "html")]
    #[test]
    fn a_title_past_a_pages_forty_lines_of_menus() {
        let menus: String = (0..39).map(|i| format!("   菜单{i}\n")).collect();
        let head = |after: &str| format!("{menus}   政府信息公开年报\n\n{after}");
        let text = head("平潭综合实验区2021年度政府信息公开工作年度报告\n来源：平潭县人民政府 时间：2022-02-08 16:34\n");
        for first in [false, true] {
            let (date, title) = if first {
                head_fields::<true>(&text, &text)
            } else {
                head_fields::<false>(&text, &text)
            };
            let title = title.and_then(|(a, b)| text.get(a..b));
            assert_eq!(
                title,
                Some("平潭综合实验区2021年度政府信息公开工作年度报告")
            );
            assert_eq!(date.as_deref(), Some("2022-02-08"));
        }
        let text = head("建省人民政府办公厅关于编制公布2021年政府信息公开工作年度报告有关事项\n");
        let (_, title) = head_fields::<false>(&text, &text);
        let title = title.and_then(|(a, b)| text.get(a..b)).unwrap_or("");
        assert!(title.ends_with("政府信息公开年报"), "{title}");
    }

    #[test]
    fn what_a_page_prints_around_its_title() {
        let meta = |text: &str| {
            let m = find_meta(text, &find_headings(text));
            let title = m.title.map(|(s, e)| text[s..e].to_string());
            (title, m.agency, m.year, m.published)
        };
        let s = |x: &str| Some(x.to_string());
        // A remark on the edition after the title (`(文字版)`), the page's date under it.
        assert_eq!(
            meta("某市人力资源和社会保障局2021年度政府信息公开工作报告(文字版)\n2022年01月17日\n一、总体情况\n"),
            (
                s("某市人力资源和社会保障局2021年度政府信息公开工作报告(文字版)"),
                s("某市人力资源和社会保障局"),
                Some(2021),
                s("2022-01-17")
            )
        );
        // A year in brackets is no remark on the edition.
        assert_eq!(
            meta("某局2021年度政府信息公开工作报告(2022年1月)\n一、总体情况\n").0,
            None
        );
        // The title printed again, twice, over the page's date.
        assert_eq!(
            meta(
                "第一篇:2009年北京市文化局政府信息公开年度报告\n北京市文化局政府信息公开年度报告\n\
                 2009年北京市文化局 政府信息公开年度报告\n(2010年3月10日)\n引言\n一、概述\n"
            )
            .3,
            s("2010-03-10")
        );
        // A field's name alone on its line, its date on the next.
        assert_eq!(
            meta(
                "  • 乡镇政府信息公开年度报告\n  • 发布机构\n    某县某镇人民政府\n  • 发布日期\n    2026-01-21\n  • 时效性\n    有效\n\n\
                 某县某镇2025年政府信息公开工作年度报告\n\n一、总体情况\n"
            )
            .3,
            s("2026-01-21")
        );
        // `编制本报告现向社会公开X2019年…`: the agency after the verb that publishes.
        assert_eq!(
            meta(
                "根据《条例》的要求,安乐乡在认真回顾和总结的基础上,编制本报告现向社会公开安乐乡2019年政府信息公开工作年度报告。\n一、信息公开工作概述\n"
            )
            .1,
            s("安乐乡")
        );
        // The agency that compiled the report, before the basis it names (`由X根据《…》…编制`).
        assert_eq!(
            meta(
                "本年度报告由国家机关事务管理局根据《中华人民共和国政府信息公开条例》要求编制而成。\n一、总体情况\n2021年,本机关深入贯彻。\n"
            )
            .1,
            s("国家机关事务管理局")
        );
        assert_eq!(
            meta("某某街道2023年政府信息公开工作年度报告 2024-01-28\n\n一、总体情况\n"),
            (
                s("某某街道2023年政府信息公开工作年度报告"),
                s("某某街道"),
                Some(2023),
                s("2024-01-28")
            )
        );
        assert_eq!(
            meta("名  称: 2010年度政府信息公开工作年度报告\n\n一、概述\n").0,
            s("2010年度政府信息公开工作年度报告")
        );
        assert_eq!(
            meta(
                "某开发区2025年政府信息公开工作年度报告\n\n  • 2026-01-27 14:42\n  • 来源: 某开发区\n\n一、总体情况\n"
            )
            .3,
            s("2026-01-27")
        );
        // A title without a year, the agency's line and the page's date under it: the year is
        // the text's first that starts no date.
        assert_eq!(
            meta(
                "政府信息公开工作年度报告\n某某经开区管委会(某某商务区管委会)\n2026年1月8日\n一、总体情况\n2025年,管委会认真落实条例。\n"
            ),
            (
                s("政府信息公开工作年度报告"),
                s("某某经开区管委会(某某商务区管委会)"),
                Some(2025),
                s("2026-01-08")
            )
        );
        assert_eq!(
            meta("2020年度信息公开工作年度报告\n安徽农业大学\n一、概述\n").1,
            s("安徽农业大学")
        );
        assert_eq!(
            meta("天津市审计局2020年度政府\n信息公开工作报告\n本报告。\n一、总体情况\n").1,
            s("天津市审计局")
        );
        // No title: not a row of fields, nor a sentence's start; the agency a field names.
        assert_eq!(
            meta(
                "索 引 号: 1 分类: 年报\n发布机构: 蜀山街道 发文日期: 2025年01月13日\n现向社会公布2024年度本级政府信息公开年度报告。\n一、总体情况\n"
            ),
            (None, s("蜀山街道"), Some(2024), s("2025-01-13"))
        );
        assert_eq!(
            meta("本年度报告是根据《中华人民共和国政府信息公开条例》\n要求编制。\n一、概述\n").0,
            None
        );
        assert_eq!(
            meta("2024年政府信息公开工作年度报告\n发布机构: 湖南省生态环境厅\n一、总体情况\n").1,
            s("湖南省生态环境厅")
        );
        // A preamble's verbs and `政务信息公开` name no agency.
        assert_eq!(
            meta("我局编制完成了2021年政府信息公开工作年度报告。\n一、总体情况\n").1,
            None
        );
        assert_eq!(
            meta("现将2023年度政务信息公开情况公布如下:\n一、总体情况\n").1,
            None
        );
    }

    #[test]
    fn a_title_and_its_agency_are_read_from_a_markdown_heading_and_from_two_lines() {
        let meta = |text: &str| {
            let m = find_meta(text, &find_headings(text));
            let title = m.title.map(|(s, e)| text[s..e].to_string());
            (title, m.agency, m.year)
        };
        assert_eq!(
            meta("# 沭阳县人民政府 2025 年 政府信息公开工作年度报告\n\n一、总体情况\n"),
            (
                Some("沭阳县人民政府 2025 年 政府信息公开工作年度报告".to_string()),
                Some("沭阳县人民政府".to_string()),
                Some(2025)
            )
        );
        assert_eq!(
            meta("**2019年上海市人民政府办公厅政府信息公开工作年度报告**\n一、总体情况\n").1,
            Some("上海市人民政府办公厅".to_string())
        );
        // A page's field `标题:` (normalised) with the site's name appended: the name is not the title's.
        assert_eq!(
            meta("标题:沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局\n一、总体情况\n")
                .0,
            Some("沭阳县发展和改革局2023年政府信息公开年度报告".to_string())
        );
        assert_eq!(
            meta("某某区2023年政府信息公开工作年度报告 | 某某区人民政府网\n一、总体情况\n").0,
            Some("某某区2023年政府信息公开工作年度报告".to_string())
        );
        // A page's date alone under the title is its publication date; a period's is not.
        let published = |text: &str| find_meta(text, &find_headings(text)).published;
        for (under, want) in [
            ("2021年1月20日", Some("2021-01-20")),
            ("2024-01-23 16:45  稿件作者:   浏览量:-", Some("2024-01-23")),
            ("2021年1月1日至2021年12月31日", None),
            ("2021年1月20日,我局召开会议。", None),
            ("(2021年1 月21 日)", Some("2021-01-21")),
            (
                "來源:昆明市人民政府         2021-03-15 16:28:04",
                Some("2021-03-15"),
            ),
            ("来源:某局 本报告2021年1月1日起施行", None),
        ] {
            let text = format!("某局2020年政府信息公开工作年度报告\n\n{under}\n一、总体情况\n");
            assert_eq!(published(&text).as_deref(), want, "{under}");
        }
        // A site's name and a dash before the title are not the title's.
        assert_eq!(
            meta("长沙市政府门户网站-长沙县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n"),
            (
                Some("长沙县人民政府2021年政府信息公开工作年度报告".to_string()),
                Some("长沙县人民政府".to_string()),
                Some(2021)
            )
        );
        // A page saved on one line: the title is the words before the first space.
        assert_eq!(
            meta("龙归镇2016年政府信息公开年度报告 根据条例编制。 一、概述 工作运行正常。"),
            (
                Some("龙归镇2016年政府信息公开年度报告".to_string()),
                Some("龙归镇".to_string()),
                Some(2016)
            )
        );
        // A university's title names a school year: the year it ends in.
        for (title, agency) in [
            ("中山大学2024—2025学年信息公开年度报告", "中山大学"),
            ("安徽大学2015-2016学年度信息公开工作年度报告", "安徽大学"),
        ] {
            let m = meta(&format!("{title}\n一、总体情况\n"));
            let end: u16 = if title.contains("2025") { 2025 } else { 2016 };
            assert_eq!((m.1.as_deref(), m.2), (Some(agency), Some(end)), "{title}");
        }
        // No title: a school year's period gives the year it ends in, as the title's would; a
        // period of a calendar year, or of two, its first.
        for (period, year) in [
            ("统计期限自2023年9月1日起至2024年8月31日止。", 2024),
            ("统计期限自2019年9月1日至2020年10月31日。", 2020),
            ("统计期限自2023年1月1日起至2023年12月31日止。", 2023),
            ("统计期限自2019年1月1日起至2020年12月31日止。", 2019),
        ] {
            let m = meta(&format!("省教育厅:\n{period}\n一、总体情况\n"));
            assert_eq!(m.2, Some(year), "{period}");
        }
        // A title cut over two lines whose year lost its `年` (`2022政府信息公开…`).
        assert_eq!(
            meta("海南省生态环境厅\n\n2022政府信息公开工作年度报告\n一、总体情况\n"),
            (
                Some("海南省生态环境厅\n\n2022政府信息公开工作年度报告".to_string()),
                Some("海南省生态环境厅".to_string()),
                Some(2022)
            )
        );
        // A breadcrumb naming the report is passed over for the title line after it; a page's
        // table field gives its cell.
        let crumb = "首页>政务公开>政府信息公开年报>2021>街道办事处政府信息公开工作年度报告\n\
                     2021年迎宾路街道政府信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(
            meta(crumb),
            (
                Some("2021年迎宾路街道政府信息公开工作年度报告".to_string()),
                Some("迎宾路街道".to_string()),
                Some(2021)
            )
        );
        // A title set with spaces between its characters is read without them, its agency on
        // the line before it too; a title's words set apart are read as they are.
        for (head, title, agency) in [
            (
                "某 县 2 0 2 1 年 政 府 信 息 公 开 工 作 年 度 报 告",
                "某 县 2 0 2 1 年 政 府 信 息 公 开 工 作 年 度 报 告",
                "某县",
            ),
            (
                "某县人民政府\n2 0 2 1 年 政 府 信 息 公 开 工 作 年 度 报 告",
                "某县人民政府\n2 0 2 1 年 政 府 信 息 公 开 工 作 年 度 报 告",
                "某县人民政府",
            ),
            (
                "某县 2021年 政府信息公开工作 年度报告",
                "某县 2021年 政府信息公开工作 年度报告",
                "某县",
            ),
        ] {
            assert_eq!(
                meta(&format!("{head}\n一、总体情况\n")),
                (
                    Some(title.to_string()),
                    Some(agency.to_string()),
                    Some(2021)
                ),
                "{head}"
            );
        }
        assert_eq!(
            letter_spaced("一 是 加 强 领 导"),
            Some("一是加强领导".to_string())
        );
        assert_eq!(letter_spaced("某县 2021年 政府信息公开工作 年度报告"), None);
        assert_eq!(letter_spaced("年度报告"), None);
        // So is a breadcrumb by slashes, and a field of keywords naming the report.
        for lead in [
            "首页/ 政府信息公开 / 政府信息公开年报 / 镇街 / 2021年 / 正文",
            "政府信息公开/政府信息公开年报/镇街/2021年/正文",
            "[关键词] 政府信息公开;政府信息公开工作年度报告;知情权",
            "【关键字】2021年政府信息公开工作年度报告",
        ] {
            assert_eq!(
                meta(&format!(
                    "{lead}\n周湾镇2021年政府信息公开工作年度报告\n一、总体情况\n"
                )),
                (
                    Some("周湾镇2021年政府信息公开工作年度报告".to_string()),
                    Some("周湾镇".to_string()),
                    Some(2021)
                ),
                "{lead}"
            );
        }
        assert!(!slash_breadcrumb("2022/01/20 政府信息公开年报"));
        assert_eq!(
            meta("| 名称 | 城东管理区2025年政府信息公开工作年度报告 | | |\n一、总体情况\n").1,
            Some("城东管理区".to_string())
        );
        // A year without `年` is cut from the agency; a name that is no agency is none.
        assert_eq!(
            meta("东河区卫生健康委员会 2021政府信息公开工作年度报告\n一、总体情况\n").1,
            Some("东河区卫生健康委员会".to_string())
        );
        for junk in [
            "Page 9 - 2020年报_审计局",
            "政府政务公开年报",
            "利博官网 2021年政府信息公开工作年度报告",
        ] {
            assert_eq!(meta(&format!("{junk}\n一、总体情况\n")).1, None, "{junk}");
        }
        let two = "乌海市工业和信息化局\n政府信息公开工作年度报告\n为做好工作，根据乌海市2020年政务公开工作要点，现报告如下。\n一、总体情况\n";
        let (title, agency, year) = meta(two);
        assert_eq!(
            title.as_deref(),
            Some("乌海市工业和信息化局\n政府信息公开工作年度报告")
        );
        assert_eq!(agency.as_deref(), Some("乌海市工业和信息化局"));
        // No year in the title: the text's first.
        assert_eq!(year, Some(2020));
        // A title cut in its subject by a PDF's line (the second line naming neither year nor
        // subject), and one cut after it.
        let cut = "2025 年上海市黄浦区人民政府打浦桥街道政府信息\n公开工作年度报告\n2025 年，打浦桥街道认真贯彻落实。\n二、主动公开政府信息情况\n";
        assert_eq!(
            meta(cut),
            (
                Some("2025 年上海市黄浦区人民政府打浦桥街道政府信息\n公开工作年度报告".to_string()),
                Some("上海市黄浦区人民政府打浦桥街道".to_string()),
                Some(2025)
            )
        );
        let after = "宿迁市民政局2024年政府信息公开\n工作年度报告\n一、总体情况\n";
        assert_eq!(meta(after).1, Some("宿迁市民政局".to_string()));
        // A line without the year before a title's tail is not its start.
        let (title, agency, _) = meta("当前位置\n工作年度报告\n一、总体情况\n");
        assert_eq!(title.as_deref(), Some("工作年度报告"));
        assert_eq!(agency, None);
        // A title naming no agency, and the agency on the next line.
        let (title, agency, year) = meta(
            "2025年政府信息公开工作年度报告\n区数据局\n2025 年,本单位深入贯彻。\n一、总体情况\n",
        );
        assert_eq!(title.as_deref(), Some("2025年政府信息公开工作年度报告"));
        assert_eq!((agency.as_deref(), year), (Some("区数据局"), Some(2025)));
        // A page's field naming the report gives its value; a menu's item, a row of fields
        // naming the report's column and no year, and the notice publishing it are no title
        // when the report's own title follows.
        let fields = "发布机构: 广东省人民政府\n名称：广东省人民政府2024年政府信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(
            meta(fields).0.as_deref(),
            Some("广东省人民政府2024年政府信息公开工作年度报告")
        );
        let menu = "  • 政府信息公开指南\n  • 政府信息公开年报\n索 引 号 | 014416330/2018-04736 | 分 类 | 政府信息公开年报 |\n一、总体情况\n";
        assert_eq!(meta(menu).0, None);
        let notice = "泉州市丰泽区教育局关于印发 2025年政府信息公开工作年度报告的通知\n时间:2026-01-27 15:16\n\
                      泉州市丰泽区教育局关于印发\n2025年政府信息公开工作年度报告的通知\n本局各股(室):\n\
                      泉州市丰泽区教育局\n\n2025年政府信息公开工作年度报告\n一、总体情况\n";
        let (title, agency, _) = meta(notice);
        assert_eq!(
            (title.as_deref(), agency.as_deref()),
            (
                Some("泉州市丰泽区教育局\n\n2025年政府信息公开工作年度报告"),
                Some("泉州市丰泽区教育局")
            )
        );
        // Without the report's own title, the notice is the title, its verb no agency's.
        let (title, agency, _) =
            meta("某某县教育局关于印发2025年政府信息公开工作年度报告的通知\n一、总体情况\n");
        assert_eq!(
            (title.as_deref(), agency.as_deref()),
            (
                Some("某某县教育局关于印发2025年政府信息公开工作年度报告的通知"),
                Some("某某县教育局")
            )
        );
        // A file's name keeps no extension; a field `称:` (a `名称:` that lost its first
        // character) gives its value.
        let docx = "乌拉特中旗巴音乌兰苏木2021年政府信息公开工作年度报告.docx\n一、总体情况\n";
        assert_eq!(
            meta(docx).0.as_deref(),
            Some("乌拉特中旗巴音乌兰苏木2021年政府信息公开工作年度报告")
        );
        let field = "发布机构: 楚雄市鹿城街道\n称: 鹿城街道2025年政府信息公开工作年度报告\n号:\n一、总体情况\n";
        assert_eq!(
            meta(field),
            (
                Some("鹿城街道2025年政府信息公开工作年度报告".to_string()),
                Some("鹿城街道".to_string()),
                Some(2025)
            )
        );
        // No title line: the report's name quoted in the preamble tells the year and agency
        // (not the period's, printed wrong); a notice's name tells nothing.
        let quoted = "编写了《广德市杨滩镇人民政府2020年度政府信息公开工作年度报告(文字版)》。\
                      本年度报告中所列数据的统计期限自2019年1月1日起至12月31日止。\n一、总体情况\n";
        assert_eq!(
            meta(quoted),
            (None, Some("广德市杨滩镇人民政府".to_string()), Some(2020))
        );
        let notice = "根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求。\n\
                      统计时间为2024年1月1日至2024年12月31日。\n一、总体情况\n";
        assert_eq!(meta(notice), (None, None, Some(2024)));
        // Named without quotes: the year of the report compiled, not the period's.
        let compiled = "根据《中华人民共和国政府信息公开条例》,自然资源和规划局编制了2021年政府信息公开年度报告。\
                        本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n";
        assert_eq!(meta(compiled).2, Some(2021));
        // A year the clause does not give the report (a notice's) is none of its.
        let other = "根据《关于做好2020年政务公开工作的通知》要求编制本报告。\n\
                     统计时间为2021年1月1日至2021年12月31日。\n一、总体情况\n";
        assert_eq!(meta(other).2, Some(2021));
        // A next line that is a sentence, a field or no agency's name is none.
        for next in [
            "发布日期：2026-01-20",
            "根据条例要求编制本报告",
            "字体 大 中 小",
        ] {
            let text = format!("2025年政府信息公开工作年度报告\n{next}\n一、总体情况\n");
            assert_eq!(meta(&text).1, None, "{next}");
        }
    }

    #[test]
    fn the_period_is_read_in_each_wording_reports_use() {
        let cases = [
            (
                "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
                Some(((2021, 1, 1), (2021, 12, 31))),
            ),
            (
                "报告中所列数据统计起止时间为2023年1月1日-2023年12月31日。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "本报告信息数据统计期限为:2020年1月1日—2020年12月31日。",
                Some(((2020, 1, 1), (2020, 12, 31))),
            ),
            (
                "报告统计数据时间为2022年1月1日至2022年12月31日以来制作的信息。",
                Some(((2022, 1, 1), (2022, 12, 31))),
            ),
            (
                "所列数据的统计时间为2024年1月1日至2024年12月31日。",
                Some(((2024, 1, 1), (2024, 12, 31))),
            ),
            ("发布时间：2024年1月1日", None),
            // Named by `数据为`.
            (
                "本报告所统计数据为2016年1月1日至2016年12月31日。",
                Some(((2016, 1, 1), (2016, 12, 31))),
            ),
            ("本报告所统计数据为依申请公开数据。", None),
            (
                "本报告信息数据统计时间是2017年1月1日--2017年12月31日",
                Some(((2017, 1, 1), (2017, 12, 31))),
            ),
            (
                "数据统计时间段为2023年1月1日至12月31日。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "统计区间为2023年1月1日—12月31日。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "本报告统计数据的时间范围为2022年1月1日至2022年12月31日。",
                Some(((2022, 1, 1), (2022, 12, 31))),
            ),
            (
                "统计时段为2022年1月1日至2022年12月31日。",
                Some(((2022, 1, 1), (2022, 12, 31))),
            ),
            (
                "本报告内容涵盖2020年1月1日至12月31日期间的政府信息公开工作情况。",
                Some(((2020, 1, 1), (2020, 12, 31))),
            ),
            (
                "报告中所列数据统计期限自2022年1月1日始至2022年12月31日止。",
                Some(((2022, 1, 1), (2022, 12, 31))),
            ),
            (
                "本报告所列数据统计时限均为2023年1月1日至2023年12月31日。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "本报告所列数据统计时间均为2023年1月1日至2023年12月31日。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "本年度报告中所列数据的统计期限为2019—2020学年(2019年9月1日到2020年8月31日止)。",
                Some(((2019, 9, 1), (2020, 8, 31))),
            ),
            // Words between `涵盖` and the dates.
            (
                "本报告涵盖县人民政府及其办公室2016年1月1日至12月31日的政府信息公开工作情况。",
                Some(((2016, 1, 1), (2016, 12, 31))),
            ),
            (
                "本报告内容涵盖了主动公开、依申请公开等方面。2016年1月1日至12月31日",
                None,
            ),
            // Dates that close with `期间`, no opener before them.
            (
                "现公布2014年1月1日至12月31日期间高陵县气象局信息公开总体概述。",
                Some(((2014, 1, 1), (2014, 12, 31))),
            ),
            (
                "现将我局2022年1月1日至2022年12月31日期間政府信息公開情況報告如下:",
                Some(((2022, 1, 1), (2022, 12, 31))),
            ),
            ("疫情期间,2020年1月1日至12月31日", None),
            ("2020年全年开展培训3次,在此期间公开信息。", None),
            // The end's `日` lost before `止`; the end straight after `起`.
            (
                "本报告中所列数据的统计期限从2023年1月1日至12月31止。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "本报告中所列数据的统计期限从2023年1月1日至2023年12月31止。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "统计期限自201011日起20101231止。",
                Some(((2010, 1, 1), (2010, 12, 31))),
            ),
            ("自2020年1月1日起施行,2020年12月31日止。", None),
            // The end's `日` lost before anything else: read when its month is written or its
            // digits are a whole date, not when they are a year and a month alone.
            (
                "本报告统计期限为2020年1月1日至2020年12月31。",
                Some(((2020, 1, 1), (2020, 12, 31))),
            ),
            (
                "内容期限为202011日至20201231\n一、总体情况",
                Some(((2020, 1, 1), (2020, 12, 31))),
            ),
            ("统计期限为2020年1月1日至2020年12。", None),
            // A year's dates in brackets (a school's year).
            (
                "现将我校2020年度(2019年9月1日-2020年8月31日)信息公开工作总结如下:",
                Some(((2019, 9, 1), (2020, 8, 31))),
            ),
            ("2020年度（2021年1月5日发布）", None),
            (
                "报告中所列数据统计期为2024年1月1日至2024年12月31日。",
                Some(((2024, 1, 1), (2024, 12, 31))),
            ),
            (
                "本报告中所列数据的统计日期为2025年1月1日起至2025年12月31日。",
                Some(((2025, 1, 1), (2025, 12, 31))),
            ),
            ("发布日期：2025年1月20日", None),
            (
                "报告采用数据起始时间为2025年1月1日,截止时间为2025年12月31日。",
                Some(((2025, 1, 1), (2025, 12, 31))),
            ),
            // A comma after `起`; a dash written twice.
            (
                "报告中所列数据统计期限自2021年1月1日起,至2021年12月31日止。",
                Some(((2021, 1, 1), (2021, 12, 31))),
            ),
            (
                "本报告信息数据统计期限为:2023年1月1日——2023年12月31日。",
                Some(((2023, 1, 1), (2023, 12, 31))),
            ),
            (
                "本年度报告中所列数据统计期限从2019年1月1日到12月31日止。",
                Some(((2019, 1, 1), (2019, 12, 31))),
            ),
            (
                "本报告所列数据统计期限从2025年1月1日至2025年12月31日止。",
                Some(((2025, 1, 1), (2025, 12, 31))),
            ),
            (
                "統計期限為2020年1月1日至2020年12月31日。",
                Some(((2020, 1, 1), (2020, 12, 31))),
            ),
            (
                "统计时限为2022年1月1日—2022年12月31日。",
                Some(((2022, 1, 1), (2022, 12, 31))),
            ),
            (
                "报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。",
                Some(((2024, 1, 1), (2024, 12, 31))),
            ),
            // Cut over lines by a PDF's text, and named `统计周期`.
            (
                "本年度报告中所列数据统计期限为 2025\n年 1 月 1 日至 12 月 31 日。",
                Some(((2025, 1, 1), (2025, 12, 31))),
            ),
            (
                "本报告所列数据统计周期\n为 2024 年 1 月 1 日至 12 月 31 日。",
                Some(((2024, 1, 1), (2024, 12, 31))),
            ),
            // An end before the start is no period; a date alone is none.
            ("自2020年12月1日至1月1日", None),
            ("从2019年1月1日起施行。", None),
        ];
        for (text, want) in cases {
            assert_eq!(period(text), want, "{text}");
            assert_eq!(period_by_char(text), want, "{text}");
        }
    }

    #[test]
    fn a_heading_ends_with_its_phrase_when_its_paragraph_follows_on_the_line() {
        let text = "一、总体情况2023年，本局主动公开信息12条。\n\
                    **二、主动公开政府信息情况：**第二十条第（一）项\n\
                    三、收到和处理政府信息公开申请情况\n\
                    四、因政府信息公开申请行政复议、提起行政诉讼的情况 本年未发生。\n\
                    五、存在的主要问题及改进情况：一是……\n\
                    六、其他需要报告的事项。\n";
        assert_eq!(
            headings_of(text),
            [
                (1, "一、总体情况"),
                (2, "**二、主动公开政府信息情况：**"),
                (3, "三、收到和处理政府信息公开申请情况"),
                (4, "四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
                (5, "五、存在的主要问题及改进情况："),
                (6, "六、其他需要报告的事项。"),
            ]
        );
        // A heading whose words are none of the phrases keeps its line.
        assert_eq!(
            headings_of("五、政府信息公开工作中存在的问题和不足：人员少。\n"),
            [(5, "五、政府信息公开工作中存在的问题和不足：人员少。")]
        );
        // A bold heading alone on its line is the line.
        assert_eq!(
            headings_of("**一、总体情况**\n正文\n"),
            [(1, "**一、总体情况**")]
        );
    }

    #[test]
    fn a_report_on_one_line_that_opens_with_its_first_heading_has_every_heading() {
        let body = "本局认真贯彻落实条例，".repeat(40);
        let text = format!(
            "一、总体情况{body}二、主动公开政府信息情况 第二十条 | 规章 | 0 | 三、收到和处理政府信息公开申请情况 | 自然人 | 四、政府信息公开行政复议、行政诉讼情况 | 0 | 五、存在的主要问题及改进情况{body}六、其他需要报告的事项 无。"
        );
        let got: Vec<u8> = headings_of(&text).iter().map(|h| h.0).collect();
        assert_eq!(got, [1, 2, 3, 4, 5, 6]);
        assert_eq!(headings_of(&text)[0].1, "一、总体情况");
    }

    #[test]
    fn an_unnumbered_heading_line_holds_at_most_forty_characters() {
        assert_eq!(prefix_chars("abc", 40), "abc");
        assert_eq!(prefix_chars("一二三", 2), "一二");
        assert_eq!(prefix_chars("一二", 2), "一二");
        // 40 characters (120 bytes) are short; 41 are not, however few bytes they take.
        let forty = format!("总体情况{}", "况".repeat(36));
        let overview = |l: &str| heading_line(l).is_some_and(|f| f(SectionKind::Overview));
        assert!(overview(&forty));
        assert!(!overview(&format!("{forty}况")));
        assert!(overview(&format!("总体情况{}", "a".repeat(36))));
        assert!(!overview(&format!("总体情况{}", "a".repeat(37))));
        // Numbered, any length.
        assert!(overview(&format!("一、{forty}{forty}")));
    }

    proptest::proptest! {
        /// A line's kind is told by its first 40 characters, however far it goes on.
        #[test]
        fn a_kind_is_told_by_the_first_forty_characters_of_a_line(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "复", "问", "复议", "诉讼", "问题", "改进", "打算", "行政复议", "政府信息公开行政复议",
                "总体情况", "主动公开", "收到和处理", "其他需要报告", "存在", "措施", "。", "a",
                "𠀀", "、", " ", "情况",
            ]), 0..60),
        ) {
            let line = parts.concat();
            for kind in SectionKind::ALL {
                proptest::prop_assert_eq!(
                    kind_matches(kind, &line),
                    head_matches(kind, prefix_chars(&line, 40)),
                    "{:?}", kind
                );
                // The words found by their bytes are the ones `str::contains` finds, whole
                // lines and cut ones alike.
                for n in [40, 24, 7, 0] {
                    let h = prefix_chars(&line, n);
                    proptest::prop_assert_eq!(
                        head_matches(kind, h),
                        head_matches_reference(kind, h),
                        "{:?} {}", kind, n
                    );
                }
                proptest::prop_assert_eq!(
                    head_matches(kind, &line),
                    head_matches_reference(kind, &line),
                    "{:?}", kind
                );
            }
        }
    }

    proptest::proptest! {
        /// The period found by `memmem` is the one the `char` search finds, also past the
        /// 20,000th byte, where both stop.
        #[test]
        fn the_period_is_the_one_the_char_search_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "自", "自然", "各自", " ", "起", "至", "止", "2020年1月1日", "2020年12月31日",
                "2021 年 1 月 1 日", "1999年13月1日", "臭", "。", "a",
                "自2020年1月1日起至2020年12月31日止", "自 2021 年 1 月 1 日 至 2021年12月31日",
                "自2020年1月1日", "自2020年1月1日至", "至2020年12月31日", "从", "從", "到",
                "12月31日", "期限为", "时限為", "从2019年1月1日到12月31日止",
                "期限为2020年1月1日至2020年12月31日", "自2020年12月1日至1月1日", "—",
            ]), 0..24),
            long in proptest::collection::vec(0usize..24, 0..5),
        ) {
            // A few long fillers put some parts past the bound.
            let filler = "政".repeat(3000);
            let mut text = String::new();
            for (k, p) in parts.iter().enumerate() {
                if long.contains(&k) {
                    text.push_str(&filler);
                }
                text.push_str(p);
            }
            proptest::prop_assert_eq!(period(&text), period_by_char(&text));
        }
    }

    proptest::proptest! {
        /// The headings found by the kinds' words are the ones the walk over every line finds:
        /// headings of every kind and form, numbered or not, inside table rows, near misses
        /// (words that start no heading, sentences, lines over forty characters), absent and
        /// repeated kinds, `\r\n`, blank lines, and flattened text (a long report on few lines).
        #[test]
        fn the_headings_are_the_ones_the_line_walk_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                "六、其他需要报告的事项", "## 总体情况", "**二、主动公开**", "概述", "基本情况",
                "总体概况", "依申请公开政府信息情况", "行政机关主动公开", "政府信息公开行政复议",
                "存在的问题及下步打算", "其它需要报告", "主动公开情况。", "（一）主动公开情况",
                "行政复议和行政诉讼", "问题", "改进", "复议", "诉讼", "需要报告", "总体",
                "收到和处理", "三、本年度办理结果", "\n", "\n", "\n", "\r\n", "\n\n", "| ",
                " |", "\t", " ", "#", "**", "三、", "十", "。", "a", "政府信息公开工作", "- 3 -",
                "政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政政",
            ]), 0..60),
            long in proptest::collection::vec(0usize..60, 0..3),
        ) {
            // Long fillers make some texts flattened (fewer than 40 lines, 300 bytes a line).
            let filler = "政".repeat(400);
            let mut text = String::new();
            for (k, p) in parts.iter().enumerate() {
                if long.contains(&k) {
                    text.push_str(&filler);
                }
                text.push_str(p);
            }
            let cut = |hs: Vec<Heading>| -> Vec<(SectionKind, usize, usize)> {
                hs.into_iter().map(|h| (h.kind, h.start, h.end)).collect()
            };
            proptest::prop_assert_eq!(
                cut(find_headings(&text)),
                cut(find_headings_by_line(&text))
            );
        }
    }

    #[test]
    fn the_footer_leads_are_the_marks_first_characters() {
        for m in FOOTER_MARKS {
            let b = m.as_bytes();
            let lead = u32::from_be_bytes([0, b[0], b[1], b[2]]);
            assert!(is_footer_lead(lead), "{m}");
        }
        let leads: std::collections::BTreeSet<char> = FOOTER_MARKS
            .iter()
            .filter_map(|m| m.chars().next())
            .collect();
        let all = ('\u{800}'..='\u{FFFF}')
            .filter(|c| {
                let mut buf = [0u8; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                is_footer_lead(u32::from_be_bytes([0, b[0], b[1], b[2]]))
            })
            .count();
        assert_eq!(all, leads.len());
    }

    #[test]
    fn iso_dates_are_formatted_as_by_format() {
        for y in (0..=10_100u16).chain([u16::MAX]) {
            for (m, d) in [(1u8, 1u8), (12, 31), (0, 0), (9, 10), (99, 100), (255, 7)] {
                assert_eq!(iso((y, m, d)), format!("{y:04}-{m:02}-{d:02}"));
            }
        }
        for m in 0..=255u8 {
            for d in 0..=255u8 {
                assert_eq!(iso((2024, m, d)), format!("2024-{m:02}-{d:02}"));
            }
        }
    }

    proptest::proptest! {
        /// The year found from each `年` is the one the byte-by-byte search finds: digit runs of
        /// every length, whitespace of every kind before `年`, years out of range.
        #[test]
        fn the_year_is_the_one_the_byte_search_finds(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "年", "2020", "1999", "2100", "2101", "20201", "12020", "0", "2", "20", " ", "\u{3000}",
                "\u{a0}", "\t", "\n", "政", "a", "2020年", "2021 年", "年度", "１", "é",
            ]), 0..20),
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(year_in(&s), year_in_by_byte(&s));
        }
    }

    proptest::proptest! {
        /// A line names the report when its reference says so: the three words whole, cut or
        /// in Traditional, `报` elsewhere, lines of 60 characters and more, with `。`, empty.
        #[test]
        fn a_line_names_the_report_when_its_reference_says_so(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "年度报告", "年报", "政府信息公开", "报告", "报", "告", "年度", "年", "年度報告",
                "年報", "政府信息", "公开", "。", "a", "政", " ", "2023", "临河区", "报年",
            ]), 0..24),
        ) {
            let t = parts.concat();
            proptest::prop_assert_eq!(names_the_report(&t), names_the_report_reference(&t));
        }
    }

    proptest::proptest! {
        /// A string without whitespace is the one filtered character by character.
        #[test]
        fn without_whitespace_is_the_filter(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "临河区", " ", "\u{3000}", "\t", "a", "局", "\u{a0}", "\n", "。", "、",
                "\u{2002}", "\u{200b}", "\u{85}", "\u{1680}", "\u{205f}", "\u{2028}",
                "\u{2029}", "\u{202f}", "\u{b}", "\u{1c}", "¥", "\r\n", "𠀀",
            ]), 0..24),
        ) {
            let s = parts.concat();
            let filtered: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            proptest::prop_assert_eq!(without_whitespace(&s), filtered);
        }
    }

    proptest::proptest! {
        /// The footer found by one search per mark over the tail is the one found line by line:
        /// marks in the first line, several on a line, cut marks, marks that share bytes.
        #[test]
        fn the_footer_is_the_one_found_line_by_line(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "扫一扫在手机", "凡本网注明", "版权所有", "版权均属", "附件下载", "打印本页",
                "关闭窗口", "【打印】", "分享到", "责任编辑", "网站地图", "主办单位", "联系方式:",
                "相关链接", "上一篇", "下一篇", "版权", "上一", "联系方式", "【", "\n", "\r\n",
                "\n\n", " ", "a", "政", "2022年1月19日", "下下一篇", "分享分享到", "扫", "凡本",
                "é", "𠀀", "扬", "【打", "上上一篇", "\u{80}", "相关",
            ]), 0..24),
            cut in 0usize..24,
        ) {
            let text = parts.concat();
            let last: usize = parts.iter().take(cut).map(|p| p.len()).sum();
            proptest::prop_assert_eq!(
                footer_start(&text, last),
                footer_start_by_line(&text, last)
            );
            proptest::prop_assert_eq!(
                footer_start(&text, last),
                footer_start_by_char(&text, last)
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// In a text long enough to be indexed, the footer marks none of which has all its
        /// characters in the text, and a `自` it lacks, are not looked for: the footer and the
        /// period are those found without the index (marks whole, cut and alone, their first
        /// characters, periods whole and cut).
        #[test]
        fn an_indexed_texts_footer_and_period_are_those_found_without_the_index(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "扫一扫在手机", "版权所有", "打印本页", "【打印】", "上一篇", "下一篇", "联系方式:",
                "上一", "联系方式", "版权", "【", "扫", "篇", "\n", " ", "政", "自",
                "自2020年1月1日起至2020年12月31日止", "自2020年1月1日", "至2020年12月31日",
            ]), 0..10),
            cut in 0usize..10,
        ) {
            let pad = "0".repeat(crate::scan::INDEX_MIN);
            let text = format!("{pad}\n{}", parts.concat());
            let last = pad.len() + 1 + parts.iter().take(cut).map(|p| p.len()).sum::<usize>();
            let want = (footer_start_by_line(&text, last), period_by_char(&text));
            let _index = crate::scan::CharIndex::install(&text);
            proptest::prop_assert_eq!((footer_start(&text, last), period(&text)), want);
        }
    }

    proptest::proptest! {
        /// The prefix answered without the parser is the parser's.
        #[test]
        fn a_heading_prefix_is_the_parsers(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "#", "*", "**", " ", "\t", "|", "三", "十", "、", ".", ",", "总体情况", "主动公开",
                "a", "1", "（", "\u{3000}", "\r", "复议", "诉讼", "一、", "*总体", "、",
            ]), 0..12),
            lead in proptest::sample::select(vec![
                "", "三、", "十、", "一、", "十一、", "三 、", "三.", "三", "#", "## ", "*",
            ]),
        ) {
            // Numbered openings, the form answered without the parser, come often.
            let s = format!("{lead}{}", parts.concat());
            proptest::prop_assert_eq!(heading_prefix(&s), parse_heading_prefix(&s));
        }
    }

    proptest::proptest! {
        /// The window test finds what a substring search finds.
        #[test]
        fn has_bytes_is_a_substring_search(
            hay in proptest::collection::vec(proptest::sample::select(vec![
                0xE5u8, 0xA4, 0x8D, 0x97, 0xAE, 0x8F, 0xE9, 0x20, 0x7C,
            ]), 0..40),
            needle in proptest::sample::select(vec!["复", "问", "", "a"]),
        ) {
            proptest::prop_assert_eq!(
                has_bytes(&hay, needle.as_bytes()),
                memchr::memmem::find(&hay, needle.as_bytes()).is_some()
            );
        }
    }

    #[test]
    fn heading_numerals_are_one_to_ten() {
        let all: String = ('\u{3000}'..='\u{9FFF}')
            .filter(|&c| is_numeral(c))
            .collect();
        assert_eq!(all.chars().count(), 10);
        assert!("一二三四五六七八九十".chars().all(is_numeral));
        assert!(!is_numeral('零') && !is_numeral('1'));
    }

    #[test]
    fn headings_by_content_not_numeral() {
        let t = "一、总体情况\nx\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n三、本年度办理结果\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的问题及下步打算\n六、其他需要报告的事项\n";
        let h = find_headings(t);
        assert_eq!(h.len(), 6);
        assert!(t[h[3].start..].starts_with("四、政府信息公开行政复议"));
        assert!(t[h[4].start..].starts_with("五、存在的问题及下步打算"));
    }

    /// A numbered heading may name the year and the work before its words; an un-numbered
    /// line doing so is a sentence's start, no heading.
    #[test]
    fn a_numbered_heading_may_name_the_year_and_the_work_first() {
        let t = "    一、2020年政府信息公开总体情况\n正文。\n二、2020年度主动公开政府信息情况\n\
                 三、政府信息公开工作收到和处理政府信息公开申请情况\n\
                 四、2020年政府信息公开行政复议、行政诉讼情况\n";
        let got: Vec<(u8, &str)> = headings_of(t);
        assert_eq!(
            got,
            [
                (1, "    一、2020年政府信息公开总体情况"),
                (2, "二、2020年度主动公开政府信息情况"),
                (3, "三、政府信息公开工作收到和处理政府信息公开申请情况"),
                (4, "四、2020年政府信息公开行政复议、行政诉讼情况"),
            ]
        );
        assert!(headings_of("2020年政府信息公开总体情况良好\n").is_empty());
        // The older format's `政府信息依申请公开工作情况`; a page's field value `主动公开` alone
        // is no heading.
        let older = "一、 概述\n正文。\n主动公开\n二、主动公开政府信息情况\n正文。\n\
                     三、政府信息依申请公开工作情况\n四、政府信息公开工作存在的主要问题及改进情况\n";
        assert_eq!(
            headings_of(older),
            [
                (1, "一、 概述"),
                (2, "二、主动公开政府信息情况"),
                (3, "三、政府信息依申请公开工作情况"),
                (5, "四、政府信息公开工作存在的主要问题及改进情况"),
            ]
        );
        // On one line, the older format's numerals shifted by one are taken after the kind's
        // own, and a heading's words that no phrase holds end at the white space after them.
        let flat = format!(
            "一、概述 {body}二、主动公开政府信息情况 {body}三、依申请公开、不予公开及咨询政府信息情况 {body}\
             五、申请行政复议、提起行政诉讼和申诉的情况 {body}",
            body = "本局按照条例要求做好工作，".repeat(30)
        );
        let got: Vec<(u8, &str)> = headings_of(&flat);
        assert_eq!(
            got,
            [
                (1, "一、概述"),
                (2, "二、主动公开政府信息情况"),
                (3, "三、依申请公开、不予公开及咨询政府信息情况"),
                (4, "五、申请行政复议、提起行政诉讼和申诉的情况"),
            ]
        );
        assert_eq!(
            without_heading_lead("2021年 度政务公开工作总体情况"),
            "度政务公开工作总体情况"
        );
        assert_eq!(
            without_heading_lead("2021 年度政务公开工作总体情况"),
            "总体情况"
        );
        // A court's `政务信息公开`.
        assert_eq!(
            headings_of("一、2011年度政务信息公开工作基本情况\n运行正常。\n二、主动公开情况\n"),
            [
                (1, "一、2011年度政务信息公开工作基本情况"),
                (2, "二、主动公开情况")
            ]
        );
    }

    /// The older format's headings in other words: the overview's `概况`, `基本概况`, `综述`,
    /// `概 述` spread by spaces, `政府信息公开工作的基本情况`; a section 2 or 3 numbered by its
    /// own numeral that names its work in other words and ends in `情况`; `行政复议和行政诉讼情况`.
    #[test]
    fn older_headings_in_other_words() {
        let t = "一、概　述\n正文。\n二、积极推动国资监管信息主动公开工作情况\n正文。\n\
                 三、受理依申请公开的件数及办理情况。2010年,我局收到申请3件。\n\
                 四、行政复议和行政诉讼情况\n无。\n";
        assert_eq!(
            headings_of(t),
            [
                (1, "一、概　述"),
                (2, "二、积极推动国资监管信息主动公开工作情况"),
                (3, "三、受理依申请公开的件数及办理情况。"),
                (4, "四、行政复议和行政诉讼情况"),
            ]
        );
        for h in [
            "一、概况",
            "一、信息公开工作概况",
            "一、基本概况",
            "一、综述",
            "一、概 述",
            "一、政府信息公开工作的基本情况",
            "一、基本工作情况",
            "一、年度政府信息公开工作概述",
        ] {
            assert_eq!(headings_of(&format!("{h}\n正文。\n")), [(1, h)], "{h}");
        }
        // The review's heading of the older format without `诉讼`, numbered `五、` after the
        // fees' section (or `四、`): section 4; a table's `行政复议` row is none.
        let t = "二、政府信息主动公开情况\n主动公开62条。\n三、政府信息依申请公开和不予公开情况\n无。\n\
                 四、政府信息公开的收费及减免情况\n未收费。\n五、申请行政复议情况\n未发生。\n\
                 六、存在的主要问题和下步工作措施\n正文。\n";
        assert_eq!(
            headings_of(t),
            [
                (2, "二、政府信息主动公开情况"),
                (3, "三、政府信息依申请公开和不予公开情况"),
                (4, "五、申请行政复议情况"),
                (5, "六、存在的主要问题和下步工作措施"),
            ]
        );
        let t = "三、依申请公开情况\n无。\n四、因政府信息公开申请行政复议的情况\n无。\n";
        assert_eq!(
            headings_of(t),
            [
                (3, "三、依申请公开情况"),
                (4, "四、因政府信息公开申请行政复议的情况")
            ]
        );
        for t in [
            "三、依申请公开情况\n行政复议情况\n",
            "三、依申请公开情况\n六、申请行政复议情况\n",
            "三、依申请公开情况\n五、申请行政复议情况。本年无。\n",
        ] {
            assert_eq!(headings_of(t), [(3, "三、依申请公开情况")], "{t}");
        }
        // An item of the overview numbered like a section (`三、主动公开工作情况`) gives way to
        // the kind's own phrase numbered right before the next heading; a line numbered right
        // that is not the phrase, or none, leaves it.
        let t = "一、总体情况\n本年度工作情况良好。\n二、工作机制保障\n设立协调小组。\n\
                 三、主动公开工作情况\n当年发布政府信息393件。\n四、政府信息公开申请情况\n\
                 全年收到申请34件。\n二、主动公开政府信息情况\n第二十条第（一）项\n\
                 三、收到和处理政府信息公开申请情况\n略。\n";
        assert_eq!(
            headings_of(t),
            [
                (1, "一、总体情况"),
                (2, "二、主动公开政府信息情况"),
                (3, "三、收到和处理政府信息公开申请情况"),
            ]
        );
        for (t, want) in [
            (
                "一、概述\n正文。\n三、主动公开政府信息情况\n二、主动公开的渠道\n四、依申请公开情况\n",
                "三、主动公开政府信息情况",
            ),
            (
                "一、概述\n正文。\n三、主动公开政府信息情况\n四、依申请公开情况\n二、主动公开政府信息情况\n",
                "三、主动公开政府信息情况",
            ),
        ] {
            assert_eq!(headings_of(t).get(1), Some(&(2, want)), "{t}");
        }
        // A paragraph wrapped at its line's end, naming the problems, heads no section.
        let t = "四、政府信息公开行政复议、行政诉讼情况\n略。\n（一）主要问题\n网站栏目结构无法满足需要。\n\
                 根据上述问题，市科委采取以下措施：一是开设\n五、其他需要报告的事项\n未收费。\n";
        assert_eq!(
            headings_of(t),
            [
                (4, "四、政府信息公开行政复议、行政诉讼情况"),
                (6, "五、其他需要报告的事项")
            ]
        );
        assert_eq!(
            headings_of("存在的主要问题及改进情况：\n正文。\n"),
            [(5, "存在的主要问题及改进情况：")]
        );
        // No overview heading, and section 2 numbered `二、`: the line numbered `一、` before it,
        // shaped as a heading, heads section 1 in its slot; a run-in sentence does not.
        let t = "某局2020年政府信息公开工作年度报告\n现将有关情况报告如下:\n一、工作开展情况\n\
                 1、主动公开情况。公开信息630条。\n二、主动公开政府信息情况\n正文。\n";
        assert_eq!(
            headings_of(t),
            [(1, "一、工作开展情况"), (2, "二、主动公开政府信息情况")]
        );
        let t = "一、健全组织、强化领导\n正文。\n二、政府信息主动公开情况\n正文。\n";
        assert_eq!(
            headings_of(t),
            [
                (1, "一、健全组织、强化领导"),
                (2, "二、政府信息主动公开情况")
            ]
        );
        // No line numbered `一、`: the overview's heading run into a page's fields heads it,
        // from its numeral; `一、` followed by other words, or opening no line's run-in, not.
        let t =
            "某区2021年政府信息公开工作年度报告\n发布时间：2022-01-20 来源: 上海普陀一、总体情况\n\
                 正文。\n二、主动公开政府信息情况\n正文。\n";
        assert_eq!(
            headings_of(t),
            [(1, "一、总体情况"), (2, "二、主动公开政府信息情况")]
        );
        let t = "来源：本站一、总体情况2021年，本局坚持公开。\n二、主动公开政府信息情况\n";
        assert_eq!(
            headings_of(t),
            [(1, "一、总体情况"), (2, "二、主动公开政府信息情况")]
        );
        for t in [
            "来源：本站 统一、规范公开。\n二、主动公开政府信息情况\n",
            "来源：本站一、总体情况\n三、收到和处理政府信息公开申请情况\n",
            "一、加强领导。我局成立了政府信息公开工作领导小组。\n二、主动公开政府信息情况\n",
            "一、工作开展情况\n三、收到和处理政府信息公开申请情况\n",
            "一、工作开展情况\n主动公开政府信息情况\n",
        ] {
            assert!(
                headings_of(t).iter().all(|&(n, _)| n != 1),
                "{t}: {:?}",
                headings_of(t)
            );
        }

        // An un-numbered `概述` over the lead-in, then `一、总体情况`: the numbered heading heads
        // the overview, and the lead-in stays before it.
        let t = "某局2020年度政府信息公开工作年度报告\n概述\n本年度报告由某局编制。\n\
                 一、总体情况\n2020年,我局坚持公开。\n二、主动公开政府信息情况\n正文。\n";
        assert_eq!(
            headings_of(t),
            [(1, "一、总体情况"), (2, "二、主动公开政府信息情况")]
        );
        // Sections numbered `（一）`, `（二）` where nothing else heads one: read so, the
        // overview's own items `（一）主动公开方面` no section.
        let t = "(一)总体情况\n2023年,某县深入贯彻落实。\n(一)主动公开方面。主动公开6931条。\n\
                 (二)依申请公开方面。收到申请19条。\n(二)主动公开政府信息的情况\n第二十条第(一)项\n";
        assert_eq!(
            headings_of(t),
            [(1, "(一)总体情况"), (2, "(二)主动公开政府信息的情况")]
        );
        // Under `一、` headings, `（二）主动公开…` stays an item of the overview.
        let t =
            "一、总体情况\n正文。\n(二)主动公开政府信息的情况\n正文。\n二、主动公开政府信息情况\n";
        assert_eq!(
            headings_of(t),
            [(1, "一、总体情况"), (2, "二、主动公开政府信息情况")]
        );
        // Items of the overview run in and numbered like sections (`三、…情况。2021年,…`): the
        // headings numbered right after them head the sections.
        let t = "一、总体情况\n三、主动公开政府信息情况。2021年,我局无相关政务信息公开。\n\
                 四、依申请公开政府信息情况。我局全年未收到政府信息公开申请。\n\
                 五、行政投诉举报、复议和诉讼情况。我局没有收到行政复议和行政诉讼。\n\
                 二、主动公开政府信息情况\n第二十条第(一)项\n三、收到和处理政府信息公开申请情况\n";
        assert_eq!(
            headings_of(t),
            [
                (1, "一、总体情况"),
                (2, "二、主动公开政府信息情况"),
                (3, "三、收到和处理政府信息公开申请情况")
            ]
        );
        // Run in and numbered one off with no heading numbered right (an older report): taken.
        let t = "一、概述\n正文。\n二、主动公开政府信息情况\n正文。\n三、依申请公开政府信息情况\n正文。\n\
                 五、因政府信息公开申请行政复议、提起行政诉讼的情况。本年度无。\n";
        assert_eq!(
            headings_of(t).last(),
            Some(&(4, "五、因政府信息公开申请行政复议、提起行政诉讼的情况。"))
        );
        // Without a numbered overview heading, `概述` heads it.
        let t = "概述\n本年度报告由某局编制。\n二、主动公开政府信息情况\n正文。\n";
        assert_eq!(
            headings_of(t),
            [(1, "概述"), (2, "二、主动公开政府信息情况")]
        );
        // Another numeral, or a sentence: no heading.
        assert!(headings_of("四、进一步做好主动公开工作的情况\n").is_empty());
        assert!(headings_of("一、概略地说\n").is_empty());
        // Table 4's header is no heading.
        assert!(headings_of("行政复议 | 行政诉讼\n").is_empty());
    }

    /// Under headings numbered `一、`, an un-numbered line that ends in a colon or names an item
    /// of the overview is a sub-heading, and a numbered heading of the kind after it is taken.
    #[test]
    fn overview_items_without_numbering_head_no_section() {
        let t = "一、总体情况\n\n主动公开情况\n\n全年主动公开信息222条。\n\n依申请公开情况\n\n\
                 本年度共收到申请72件。\n\n二、主动公开政府信息情况\n\n略\n";
        assert_eq!(
            headings_of(t),
            [(1, "一、总体情况"), (2, "二、主动公开政府信息情况")]
        );
        let colon = "一、总体情况\n政府信息主动公开情况:\n一是深化公开。\n";
        assert_eq!(headings_of(colon), [(1, "一、总体情况")]);
        // Without numbered headings, such a line heads its section.
        assert_eq!(
            headings_of("总体情况\n正文。\n主动公开政府信息情况:\n正文。\n"),
            [(1, "总体情况"), (2, "主动公开政府信息情况:")]
        );
    }

    /// Headings numbered `1.`, `1、`, `第一部分` or `一 ` are found, each only as the heading
    /// of its number; a sub-heading `1.主动公开情况` of the overview is not section 2, and a
    /// decimal is no numbering.
    #[test]
    fn headings_numbered_other_ways() {
        let t = "1. 总体情况\n1.主动公开情况\n本机关主动公开信息。\n2、主动公开政府信息情况\n\
                 第三部分：收到和处理政府信息公开申请情况\n四 政府信息公开行政复议、行政诉讼情况\n\
                 5.存在的主要问题及改进情况\n6.其他需要报告的事项\n";
        let h = find_headings(t);
        let starts: Vec<&str> = h.iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(
            starts,
            [
                "1. 总体情况",
                "2、主动公开政府信息情况",
                "第三部分：收到和处理政府信息公开申请情况",
                "四 政府信息公开行政复议、行政诉讼情况",
                "5.存在的主要问题及改进情况",
                "6.其他需要报告的事项"
            ]
        );
        // After headings all numbered `一、`, a line numbered `2.` is a sub-heading: the
        // overview's `2.主动公开的政府信息的数量` is passed over for the `二、` heading after it.
        let t = "一、总体情况\n(二)主动公开政府信息情况\n1.所做的工作\n略。\n\
                 2.主动公开的政府信息的数量\n全年发布信息362条。\n二、主动公开政府信息情况\n";
        let h = find_headings(t);
        let starts: Vec<&str> = h.iter().map(|h| &t[h.start..h.end]).collect();
        assert_eq!(starts, ["一、总体情况", "二、主动公开政府信息情况"]);
        assert_eq!(other_numbering("2.5 主动公开"), None);
        assert_eq!(other_numbering("7. 其他"), None);
        assert_eq!(other_numbering("第二部分 主动公开"), Some((2, "主动公开")));
        assert_eq!(other_numbering("3 收到"), Some((3, "收到")));
        assert_eq!(
            other_numbering("（三）政府信息公开行政复议"),
            Some((0, "政府信息公开行政复议"))
        );
        assert_eq!(other_numbering("（一）存在的问题"), None);
        // Flattened: `第二部分` and `二 ` inline; an Arabic numbering glued to figures is not.
        let flat = format!(
            "{}第一部分 总体情况{}第二部分 主动公开政府信息情况 规章 0 3.收到和处理政府信息公开申请情况 {}",
            "前言。".repeat(200),
            "正文。".repeat(200),
            "正文。".repeat(200)
        );
        let h = find_headings(&flat);
        let kinds: Vec<u8> = h.iter().map(|h| h.kind.number()).collect();
        assert_eq!(kinds, [1, 2], "{h:?}");
        assert!(flat[h[1].start..h[1].end].starts_with("第二部分 主动公开政府信息情况"));
    }

    #[test]
    fn dates_parse() {
        assert_eq!(
            cn_date("2022年1月19日").map(|r| iso(r.1)).ok(),
            Some("2022-01-19".to_string())
        );
        assert_eq!(
            cn_date("2024 年 1 月 1 日").map(|r| iso(r.1)).ok(),
            Some("2024-01-01".to_string())
        );
        assert_eq!(
            dash_date("2022-02-08 16:34").map(|r| iso(r.1)).ok(),
            Some("2022-02-08".to_string())
        );
        assert!(cn_date("2022年13月1日").is_err());
    }

    /// Dates of a page's fields on several lines: the field trusted most gives the publication
    /// date, whichever line comes first; a name alone over its date counts as its field.
    #[test]
    fn the_most_trusted_date_field_of_a_page_head_wins() {
        let published = |head: &str| {
            let text = format!("{head}\n一、总体情况\n正文。\n");
            find_meta(&text, &find_headings(&text)).published
        };
        let title = "某区卫生健康局2022年政府信息公开工作年度报告";
        for (head, want) in [
            (
                format!("发布机构:某区卫生健康局\n公文生成日期:2023-01-06\n{title}\n发布时间:2023-01-11 11:18"),
                "2023-01-11",
            ),
            (
                format!("发布时间:2023-01-11 11:18\n公文生成日期:2023-01-06\n{title}"),
                "2023-01-11",
            ),
            (
                format!("公文生成日期:2023-01-06\n{title}\n时间:2023-01-11 11:18"),
                "2023-01-06",
            ),
            (
                format!("成文日期:2023-01-06\n{title}\n发布日期\n2023-01-12"),
                "2023-01-12",
            ),
        ] {
            assert_eq!(published(&head).as_deref(), Some(want), "{head}");
        }
    }

    /// A page's date field is read anywhere in its line, under each name pages give it; the
    /// first name of the trusted order wins, and a range's first date is none.
    #[test]
    fn a_pages_date_field_is_read_under_each_name() {
        let read = |l: &str| {
            let mut p = None;
            crawler_date(l, &mut p);
            p.map(|(d, _)| d)
        };
        for (line, want) in [
            ("发布时间:2020-01-02", Some("2020-01-02")),
            (
                "发布来源:国家卫生健康委员会网站 发布时间:2025-01-24 16:55:49",
                Some("2025-01-24"),
            ),
            ("时间 : 2025-01-22 14:27:50", Some("2025-01-22")),
            ("发布日期: 2018- 03- 20 00: 45", Some("2018-03-20")),
            ("• 公文生成日期:2026-01-27", Some("2026-01-27")),
            (
                "发布机构 | 市政府办 | 发文日期 | 2018-02-28 |",
                Some("2018-02-28"),
            ),
            (
                "成文日期：2025年3月28日 发布日期：2025年3月31日",
                Some("2025-03-31"),
            ),
            ("统计时间:2020年1月1日至2020年12月31日", None),
            ("采集时间：2025-12-30T21:37:37+08:00", None),
            ("更新时间:2022-02-08 发布时间: | 来源:区行政审批局", None),
            ("发布时间:", None),
            ("本报告的发布时间为2021年1月", None),
            // A colon and a table's bar; a space alone after a field named in full.
            ("成文日期: | 2024-01-19 |", Some("2024-01-19")),
            ("发布日期 2023-01-18", Some("2023-01-18")),
            ("日期 2023-01-18", None),
            // The date a document takes effect is not when it was published.
            (
                "生效日期:2023-03-21 发布时间:2023-03-17",
                Some("2023-03-17"),
            ),
        ] {
            assert_eq!(read(line).as_deref(), want, "{line}");
        }
    }

    proptest::proptest! {
        /// The date field and the title found in one walk over the lines are the ones the two
        /// walks find: fields and titles before, at and past the fortieth line, `\r\n`, a lone
        /// `\r`, blank lines, titles split over two lines, and the head cut anywhere (inside a
        /// character, the cut moved back to its start).
        #[test]
        fn the_head_fields_are_the_ones_the_two_walks_find(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "发布时间:2020-01-02", "发布日期:2021年3月4日", "发布时间: 2022-02-08 16:34",
                "发布时间:2020-13-02", "发布日期:", "标题:", " 标题:", "某市人民政府",
                "2020年政府信息公开工作年度报告", "某县2021年政府信息公开年报", "报告", "年报",
                "\n", "\n", "\n", "\r\n", "\r", "\n\n", " ", "\t", "\u{3000}", "。", ",", "a",
                "政", "𠀀", "关于", "2019 年", "\n\n\n\n\n\n\n\n\n\n", "a\nb\nc\nd\ne\n\n\n\n",
                "名称：", "• ", "| 分类 | 政府信息公开年报 |", "关于印发", "的通知", "区数据局",
                "时间 : 2025-01-22", "发布来源:某网站 发布时间:2025-01-24", "统计时间:2020年1月1日至",
            ]), 0..70),
            before in 0usize..8,
            lines in 0usize..48,
            crlf in proptest::bool::ANY,
            cut in 0usize..3000,
        ) {
            // Blank lines after the first few parts bring the rest near the fortieth line.
            let (a, b) = parts.split_at(before.min(parts.len()));
            let blank = if crlf { "\r\n" } else { "\n" };
            let text = format!("{}{}{}", a.concat(), blank.repeat(lines), b.concat());
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let head = text.get(..end).unwrap_or("");
            proptest::prop_assert_eq!(
                head_fields::<false>(&text, head),
                head_fields::<true>(&text, head)
            );
        }
    }

    proptest::proptest! {
        /// The last lines of the body read backwards are the ones the walk forwards keeps:
        /// tails of many lines and of none, blank lines, `\r\n`, a text ending with and
        /// without `\n`, the tail's start and the body's end anywhere (inside characters,
        /// past the text, the end before the start).
        #[test]
        fn the_last_body_lines_read_backwards_are_the_ones_walked_forwards(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "\n", "\n", "\n", "\r\n", "\n\n", " ", "某市人民政府", "2021年1月20日", "政",
                "𠀀", "a", "。", "\na\nb\nc\nd\n",
            ]), 0..40),
            last in 0usize..200,
            body_end in 0usize..220,
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(
                last_body_lines::<false>(&text, last, body_end),
                last_body_lines::<true>(&text, last, body_end)
            );
        }
    }
}
