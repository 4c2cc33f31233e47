//! Tolerant label matching over the canonical text.
//!
//! Real reports write the template's labels with spaces inside (`商业 企业`), broken across lines
//! by PDF extraction, with `1、` for `1.`, with a page footer (`- 5 -`) falling inside, or with
//! curly or straight quotes. Matching is therefore done character by character: white space in
//! the text is skipped between any two label characters, a page marker line is skipped too, and a
//! few punctuation classes are treated as equal. Candidates are located with `memchr` on
//! the last byte of the label's first character (a `memmem` finder once that byte proves
//! common), so a search costs little more than a byte scan.

use std::cell::RefCell;

use memchr::memmem;

/// Texts at least this long get a [`CharIndex`] (real reports are far shorter: below it the
/// index would cost more than the searches it saves).
pub(crate) const INDEX_MIN: usize = 1 << 20;

thread_local! {
    /// The characters present in the text being parsed: `(address, length, BMP bitset)`.
    static PRESENT: RefCell<Option<(usize, usize, Vec<u64>)>> = const { RefCell::new(None) };
}

/// While alive, label searches in `text` whose first character never occurs in it return at
/// once instead of scanning to the end of their range, and so do the exact searches of whole
/// words with a character it lacks ([`word_absent`], [`every_word_absent`]: the pre-2019 words,
/// the period's `自`, the footer marks).
///
/// A table region of a hostile input is the whole input, and every template label missing from
/// it cost a `memmem` pass over it: some fifty passes over a 50 MB run of digits, fast while the
/// text fits the cache and memory-bound when it does not. The index is one pass. It is keyed by
/// the text's address and length, which no other live string shares, and removed on drop,
/// before the text it describes can be freed (declare it after the text).
pub(crate) struct CharIndex(());

impl CharIndex {
    /// Index `text` when it is long enough to be worth it.
    pub(crate) fn install(text: &str) -> CharIndex {
        if text.len() >= INDEX_MIN {
            let entry = (text.as_ptr() as usize, text.len(), present_bits(text));
            PRESENT.with(|p| {
                if let Ok(mut slot) = p.try_borrow_mut() {
                    *slot = Some(entry);
                }
            });
        }
        CharIndex(())
    }
}

/// The BMP characters of `text`, one bit each (bit `u % 64` of word `u / 64`).
///
/// Each character's code point is put together from its bytes (the text is valid UTF-8: no
/// check) and marked in a table of a byte per BMP character, folded into bits at the end: a
/// store a character, with no read of a word to set one bit in it, and no `char` made. Runs of
/// eight ASCII bytes are marked from one word. What [`present_bits_by_char`] finds, at about a
/// third of its instructions: a proptest holds it.
fn present_bits(text: &str) -> Vec<u64> {
    let b = text.as_bytes();
    let mut seen = vec![0u8; 0x10000];
    let mut mark = |u: usize| {
        if let Some(s) = seen.get_mut(u) {
            *s = 1;
        }
    };
    let low = |x: u8| usize::from(x & 0x3F);
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if (0xE0..0xF0).contains(&x) {
            // Three bytes: CJK text and its punctuation, most of a report.
            let Some(&[_, b1, b2]) = b.get(i..i + 3) else {
                break;
            };
            mark((usize::from(x & 0x0F) << 12) | (low(b1) << 6) | low(b2));
            i += 3;
        } else if x < 0x80 {
            mark(usize::from(x));
            i += 1;
            // Eight ASCII bytes at a time while they last.
            while let Some(w) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
                if u64::from_le_bytes(w) & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                for a in w {
                    mark(usize::from(a));
                }
                i += 8;
            }
        } else if x < 0xE0 {
            let Some(&[_, b1]) = b.get(i..i + 2) else {
                break;
            };
            mark((usize::from(x & 0x1F) << 6) | low(b1));
            i += 2;
        } else {
            // Four bytes: beyond the BMP, not indexed (never asked about).
            i += 4;
        }
    }
    seen.chunks_exact(64)
        .map(|c| {
            c.iter()
                .enumerate()
                .fold(0u64, |w, (k, &s)| w | (u64::from(s) << k))
        })
        .collect()
}

/// [`present_bits`] as first written, each character decoded and its bit set in its word:
/// the reference it is held to.
#[cfg(test)]
fn present_bits_by_char(text: &str) -> Vec<u64> {
    let mut bits = vec![0u64; 0x10000 / 64];
    let mut ascii = 0u128;
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            ascii |= 1u128 << x;
            i += 1;
            continue;
        }
        let Some((c, len)) = crate::normalise::decode_at(b, i) else {
            break;
        };
        let u = c as usize;
        if let Some(w) = bits.get_mut(u >> 6) {
            *w |= 1u64 << (u & 63);
        }
        i += len;
    }
    // ASCII was gathered in 128 bits: the first two words of the set.
    if let Some(w) = bits.get_mut(0) {
        *w |= ascii as u64;
    }
    if let Some(w) = bits.get_mut(1) {
        *w |= (ascii >> 64) as u64;
    }
    bits
}

impl Drop for CharIndex {
    fn drop(&mut self) {
        PRESENT.with(|p| {
            if let Ok(mut slot) = p.try_borrow_mut() {
                *slot = None;
            }
        });
    }
}

/// True when `text` is indexed and `c` (a BMP character) does not occur in it.
fn known_absent(text: &str, c: char) -> bool {
    // A text shorter than the index bound is never indexed: no thread-local to look at.
    text.len() >= INDEX_MIN && with_index(text, |bits| !present_in(bits, c)).unwrap_or(false)
}

/// `f` of the index's bitset when `text` is the text indexed, else `None`.
fn with_index<R>(text: &str, f: impl FnOnce(&[u64]) -> R) -> Option<R> {
    PRESENT.with(|p| match p.try_borrow().as_deref() {
        Ok(Some((addr, len, bits))) if *addr == text.as_ptr() as usize && *len == text.len() => {
            Some(f(bits))
        }
        _ => None,
    })
}

/// Whether the bitset `bits` holds `c`; a character beyond the BMP, not indexed, always is.
fn present_in(bits: &[u64], c: char) -> bool {
    let u = c as usize;
    bits.get(u >> 6).is_none_or(|w| w & (1u64 << (u & 63)) != 0)
}

/// True when `text` is indexed ([`CharIndex`]) and the first character of `label` does not
/// occur in it: no search for `label` in `text` can succeed. For searches made outside
/// [`find_label`] (a `memmem` finder of the label as printed), which would otherwise pass over
/// the whole of a long hostile input.
#[inline(always)]
pub(crate) fn first_char_absent(text: &str, label: &[u8]) -> bool {
    text.len() >= INDEX_MIN && first_char_absent_indexed(text, label)
}

/// [`first_char_absent`] for a text long enough to be indexed: out of line, so that the test
/// costs the searches of a report no more than a comparison of its length.
#[cold]
#[inline(never)]
fn first_char_absent_indexed(text: &str, label: &[u8]) -> bool {
    crate::normalise::decode_at(label, 0).is_some_and(|(c, _)| known_absent(text, c))
}

/// True when `text` is indexed ([`CharIndex`]) and some character of `word` does not occur in
/// it: an exact search for `word` in `text` (a `memmem` finder's, or `starts_with` at each
/// candidate) cannot succeed. Unlike [`first_char_absent`], every character counts: a tolerant
/// label search may match a character of the label with another, an exact one never does.
#[inline(always)]
pub(crate) fn word_absent(text: &str, word: &str) -> bool {
    every_word_absent(text, std::slice::from_ref(&word))
}

/// True when `text` is indexed and each of `words` has a character absent from it: no exact
/// search for any of them can succeed ([`word_absent`] for each).
#[inline(always)]
pub(crate) fn every_word_absent(text: &str, words: &[&str]) -> bool {
    text.len() >= INDEX_MIN && every_word_absent_indexed(text, words)
}

/// [`every_word_absent`] for a text long enough to be indexed: out of line, as
/// [`first_char_absent_indexed`] is.
#[cold]
#[inline(never)]
fn every_word_absent_indexed(text: &str, words: &[&str]) -> bool {
    with_index(text, |bits| {
        !words.iter().any(|w| w.chars().all(|c| present_in(bits, c)))
    })
    .unwrap_or(false)
}

/// True for characters skipped between label characters.
#[inline]
fn skippable(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\u{3000}')
}

/// Whether `label` holds a character that [`skippable`] tells, from its bytes: ` `, `\t`, `\n`
/// or U+3000 (E3 80 80). A first test without an early exit, which compiles to a vector loop,
/// clears nearly every label (U+3000's lead byte E3 also leads `、`).
#[inline]
pub(crate) fn has_skippable(label: &str) -> bool {
    let b = label.as_bytes();
    let maybe = b.iter().fold(false, |acc, &x| {
        acc | matches!(x, b' ' | b'\t' | b'\n' | 0xE3)
    });
    maybe
        && (b.iter().any(|&x| matches!(x, b' ' | b'\t' | b'\n'))
            || b.windows(3).any(|w| w == [0xE3, 0x80, 0x80]))
}

#[inline]
pub(crate) fn same(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    let class = |c: char| match c {
        '.' | '、' | ',' | '，' | '．' | '。' => 1,
        '“' | '”' | '"' | '「' | '」' => 2,
        '\'' | '‘' | '’' => 3,
        ':' | '：' => 4,
        _ => 0,
    };
    let (x, y) = (class(a), class(b));
    x != 0 && x == y
}

/// Length of a page marker line (`- 5 -`, `— 4 —`, `-2-`, `第 3 页`) starting at `s`, if any.
pub(crate) fn page_marker_len(s: &str) -> Option<usize> {
    // Most lines are not markers: the first character of the trimmed line tells (a dash or 第),
    // before the line is measured; an ASCII one tells from its byte.
    let b = s.as_bytes();
    let lead = b
        .iter()
        .position(|&x| !matches!(x, b' ' | b'\t' | b'\r' | 0x0B | 0x0C))
        .and_then(|p| b.get(p));
    match lead {
        None | Some(b'\n') => return None,
        Some(&x) if x < 0x80 && !matches!(x, b'-' | b'P' | b'p') => return None,
        _ => {}
    }
    page_marker_len_by_char(s)
}

/// [`page_marker_len`] without its byte test: the line measured (and the reference the byte test
/// is tested against).
fn page_marker_len_by_char(s: &str) -> Option<usize> {
    let first = s
        .chars()
        .take_while(|&c| c != '\n')
        .find(|c| !c.is_whitespace())?;
    if !matches!(first, '-' | '—' | '–' | '－' | '第' | '共' | 'P' | 'p') {
        return None;
    }
    let line_end = s.find('\n').unwrap_or(s.len());
    let line = s.get(..line_end)?;
    let t = line.trim();
    if t.is_empty() || t.chars().count() > 24 {
        return None;
    }
    let inner = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－' | ' '));
    let dashed = inner.len() < t.len()
        && t.starts_with(['-', '—', '–', '－'])
        && t.ends_with(['-', '—', '–', '－']);
    if dashed && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
        return Some(line_end);
    }
    if matches!(first, 'P' | 'p') {
        return page_en(t).then_some(line_end);
    }
    // Every form ends with `页`: told before the line is copied without its spaces.
    (t.ends_with('页') && page_of(t)).then_some(line_end)
}

/// Whether `t` is a page's number in English: `Page 3`, `Page 3 of 8`, `page 3 / 8`.
fn page_en(t: &str) -> bool {
    let b = t.as_bytes();
    // The byte at `i` in lower case.
    let lower = |i: usize| b.get(i).map(|c| c | 0x20);
    if (0..4).any(|i| lower(i) != b"page".get(i).copied()) {
        return false;
    }
    let mut i = 4;
    // A number, then `of` or `/` and a number.
    for second in [false, true] {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        let digits = b.iter().skip(i).take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        i += digits;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        if i == b.len() {
            return true;
        }
        if second {
            break;
        }
        i += match (b.get(i), lower(i + 1)) {
            (Some(b'/'), _) => 1,
            (Some(b'o' | b'O'), Some(b'f')) => 2,
            _ => return false,
        };
    }
    false
}

/// Whether `t` is a page's number in words, its spaces, commas and slashes aside: `第 3 页`,
/// `第3页共8页`, `第 3 页 共 8 页`, `第 3 页，共 8 页`, `共 8 页 第 3 页`, `第3/8页`.
fn page_of(t: &str) -> bool {
    // `第N页` or `共N页` at the start of `w`: the rest.
    fn numbered(w: &str, lead: char) -> Option<&str> {
        let r = w.strip_prefix(lead)?;
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        r.get(n..).filter(|_| n > 0)?.strip_prefix('页')
    }
    let w: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | '、' | '/' | '|'))
        .collect();
    // `共N页` alone is no page's number.
    let one = |a: char, b: char| {
        numbered(&w, a).is_some_and(|r| {
            (r.is_empty() && a == '第') || numbered(r, b).is_some_and(str::is_empty)
        })
    };
    one('第', '共') || one('共', '第')
}

/// Match `label` at byte `pos` of `text`, tolerant of white space, page markers and `|` between
/// characters; returns the end offset. `limit` bounds how far the match may reach.
pub(crate) fn match_at(text: &str, pos: usize, label: &str, limit: usize) -> Option<usize> {
    let limit = limit.min(text.len());
    // The label printed as is (most matches, in canonical text): its bytes. Only for labels
    // without characters that the loop below skips, where the two agree exactly.
    let end = pos.saturating_add(label.len());
    let exact = end <= limit && text.as_bytes().get(pos..end) == Some(label.as_bytes());
    let skips = has_skippable(label);
    if exact && !skips {
        return Some(end);
    }
    // Without skippable characters in the label, the loop below reads the bytes the text and
    // the label share at `pos` as equal characters, one by one: it starts after the whole
    // characters of that common prefix instead (within `limit`).
    let mut shared = 0usize;
    if !skips {
        let hay = text.as_bytes().get(pos..limit).unwrap_or_default();
        shared = hay
            .iter()
            .zip(label.as_bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !label.is_char_boundary(shared) {
            shared -= 1;
        }
    }
    match_tolerant(
        text,
        pos,
        pos + shared,
        label.get(shared..).unwrap_or_default(),
        shared == 0,
        limit,
    )
}

/// The tolerant loop of [`match_at`]: `label` matched at byte `i` of `text` (the match having
/// started at `pos`), white space, page markers and `|` skipped between characters (not before
/// the first one while `first` is set), within `limit`; returns the end offset.
fn match_tolerant(
    text: &str,
    pos: usize,
    mut i: usize,
    label: &str,
    mut first: bool,
    limit: usize,
) -> Option<usize> {
    // Where the label's text on the line being read starts (with the `html` feature), and
    // whether a line break was just crossed.
    #[cfg(not(feature = "html"))]
    let _ = pos;
    #[cfg(feature = "html")]
    let mut line_at = pos;
    #[cfg(feature = "html")]
    let mut crossed = false;
    for lc in label.chars() {
        if skippable(lc) {
            continue;
        }
        loop {
            let rest = text.get(i..limit)?;
            let c = rest.chars().next()?;
            // A `|` between two of the label's characters: a cell split where a page's markup
            // split it (`2.没有现成信|息需要另行制作`, `<span>`s joined by a scraper's separator).
            if !first && (skippable(c) || c == '|') {
                i += c.len_utf8();
                if c == '\n' {
                    if let Some(pm) = page_marker_len(text.get(i..limit)?) {
                        i += pm;
                    }
                    #[cfg(feature = "html")]
                    {
                        i += other_column_lines(text, line_at, i, limit, lc);
                        crossed = true;
                    }
                }
                continue;
            }
            if same(c, lc) {
                #[cfg(feature = "html")]
                if crossed {
                    line_at = i;
                    crossed = false;
                }
                i += c.len_utf8();
                break;
            }
            if !first && asciidoc_break(text, i) {
                i += 1;
                continue;
            }
            return None;
        }
        first = false;
    }
    Some(i)
}

/// The bytes, from `i` (a line's start), of the lines that stand wholly left of the column where
/// a label's text starts (at byte `label_at`, on the line before): another column's fragments
/// that `pdftotext -layout` prints between a wrapped label's lines (`2.没有现成信` / `（四）无` /
/// `息需要另行制作`, the parent's label `（四）无法提供` wrapped beside it), blank lines and page
/// markers among them passed over. At most two lines,
/// each holding something, indented less than the label and ending before it (display columns,
/// an ideograph two), and only when the line after them starts in the label's column; and a
/// fragment at the start of the line the label goes on in, up to the label's column. None when
/// the label is not indented.
#[cfg(feature = "html")]
fn other_column_lines(text: &str, label_at: usize, i: usize, limit: usize, next: char) -> usize {
    use crate::reflow::cols;
    // Display columns, an ideograph two (as the reflow's reader counts them).
    let width = |s: &str| s.chars().map(cols).sum::<usize>();
    let before = text.get(..label_at).unwrap_or_default();
    let line = before.rfind('\n').map_or(0, |n| n + 1);
    let col = before.get(line..).map_or(0, width);
    if col < 4 {
        return 0;
    }
    // A line's indent and width, in columns; `None` past the text's lines, and for a line of
    // figures only: a row's values (`pdftotext`'s default order sets a row's first figure
    // between its label's lines), never the fragment of a label's column.
    let line_at = |at: usize| -> Option<(usize, usize, usize)> {
        let rest = text.get(at..limit)?;
        let end = rest.find('\n')?;
        let l = rest.get(..end)?.trim_end();
        if l.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
            return None;
        }
        Some((l.len() - l.trim_start_matches(' ').len(), width(l), end))
    };
    // Blank lines and page markers between the lines (a text's paragraphs set apart, a page
    // break) are passed over.
    let skip_blank = |mut at: usize| {
        while let Some(rest) = text.get(at..limit) {
            let blank = rest
                .find('\n')
                .filter(|&e| rest.get(..e).is_some_and(|l| l.trim().is_empty()));
            match blank.map(|e| e + 1).or_else(|| page_marker_len(rest)) {
                Some(n) if n > 0 => at += n,
                _ => break,
            }
        }
        at
    };
    let mut at = skip_blank(i);
    let mut fragments = 0;
    while fragments < 2 {
        match line_at(at) {
            Some((indent, width, end)) if indent < width && indent < col && width <= col => {
                at = skip_blank(at + end + 1);
                fragments += 1;
            }
            _ => break,
        }
    }
    // A fragment at the start of the line the label goes on in (`其他处   期不补正、…`, the
    // parent's `（六）其他处理` wrapped beside the label): skipped to the label's column, where
    // the fragment's spaces end.
    if let Some(line) = text
        .get(at..limit)
        .map(|r| r.split('\n').next().unwrap_or(r))
    {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent + 2 < col {
            if let Some(gap) = line.get(indent..).and_then(|r| r.find("  ")) {
                let q = indent + gap;
                let q = q + line
                    .get(q..)
                    .map_or(0, |r| r.len() - r.trim_start_matches(' ').len());
                let w = line.get(..q).map_or(0, width);
                if w + 2 >= col && w <= col + 2 && q < line.len() {
                    return at + q - i;
                }
            }
            // A letter-spaced fragment (`其 他 处 收费通知要求缴纳`, `pypdf`'s layout mode;
            // `不予公 国 家 秘`, a justified cell's letters spread): the label's next character
            // after a space, at the label's column or up to six columns left of it (the label's
            // numbering, a justified line's spread); none where the line goes on with the label
            // (`审结| 总计`) or holds a cell's bar.
            let goes_on = line
                .get(indent..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| same(c, next));
            let mut w = 0;
            for (p, c) in line.char_indices().take_while(|_| !goes_on) {
                if c == '|' {
                    break;
                }
                if w > col + 2 {
                    break;
                }
                if w + 6 >= col
                    && same(c, next)
                    && p > indent
                    && line.as_bytes().get(p - 1) == Some(&b' ')
                {
                    return at + p - i;
                }
                w += cols(c);
            }
        }
    }
    // Only when the label goes on below them, in its own column (a plain text's line that
    // wraps a label starts at the margin).
    let aligned = |at: usize| {
        let rest = text.get(at..limit).unwrap_or_default();
        let indent = rest.len() - rest.trim_start_matches(' ').len();
        indent + 2 >= col && indent <= col + 2
    };
    if fragments > 0 && aligned(at) {
        at - i
    } else {
        0
    }
}

/// Whether `text[i]` is the `+` of AsciiDoc's hard line break: after a space, at the line's end
/// (`| |1.申请人无正当理由逾期不补 +` / `正、行政机关…`, a cell's label on two lines), skipped
/// between a label's characters like the white space around it.
fn asciidoc_break(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    b.get(i) == Some(&b'+')
        && i.checked_sub(1).and_then(|p| b.get(p)) == Some(&b' ')
        && matches!(b.get(i + 1), None | Some(b'\n' | b'\r'))
}

/// [`match_at`] as first written (the tolerant loop from the label's first character): the
/// reference the shortcuts are tested against.
#[cfg(test)]
fn match_at_ref(text: &str, pos: usize, label: &str, limit: usize) -> Option<usize> {
    let limit = limit.min(text.len());
    let end = pos.saturating_add(label.len());
    if end <= limit
        && text.as_bytes().get(pos..end) == Some(label.as_bytes())
        && !has_skippable(label)
    {
        return Some(end);
    }
    match_tolerant(text, pos, pos, label, true, limit)
}

/// Find the first occurrence of `label` in `text[from..to]`; returns `(start, end)`.
pub(crate) fn find_label(
    text: &str,
    from: usize,
    to: usize,
    label: &str,
) -> Option<(usize, usize)> {
    find_label_before(text, from, usize::MAX, to, label)
}

/// [`find_label`] for occurrences starting before `start_to` only (the match itself may reach
/// up to `to`): the first occurrence in `text[from..to]`, when it starts before `start_to`.
pub(crate) fn find_label_before(
    text: &str,
    from: usize,
    start_to: usize,
    to: usize,
    label: &str,
) -> Option<(usize, usize)> {
    let to = to.min(text.len());
    if from >= to || from >= start_to {
        return None;
    }
    let first = label.chars().next()?;
    if known_absent(text, first) {
        return None;
    }
    let mut buf = [0u8; 4];
    let needle = first.encode_utf8(&mut buf).as_bytes();
    // Candidates end within the haystack: one starting at `start_to - 1` ends
    // `needle.len() - 1` bytes after `start_to`.
    let hay_end = to.min(start_to.saturating_add(needle.len() - 1));
    let hay = text.as_bytes().get(from..hay_end)?;
    // The needle is one character: `memchr` on its last byte (a continuation byte, rarer in CJK
    // text than a lead byte) and a compare of the bytes before it. A `memmem` finder cost more
    // to build than most of these searches, which stop at the first or second candidate; but
    // where the last byte keeps occurring in other characters (repetitive text), the finder's
    // two-byte filter wins, so the search switches to one after a few false candidates.
    let (&last, head) = needle.split_last()?;
    let mut misses = 0usize;
    let mut rest_from = None;
    for hit in memchr::memchr_iter(last, hay) {
        let Some(off) = (hit + 1).checked_sub(needle.len()) else {
            continue;
        };
        if hay.get(off..hit) != Some(head) {
            misses += 1;
            if misses == FALSE_CANDIDATES {
                // Every occurrence ending at or before `hit` was looked at; the others start
                // after `off`.
                rest_from = Some(off + 1);
                break;
            }
            continue;
        }
        let start = from + off;
        if let Some(end) = match_at(text, start, label, to) {
            return Some((start, end));
        }
    }
    let rest_from = rest_from?;
    for off in memmem::find_iter(hay.get(rest_from..)?, needle) {
        let start = from + rest_from + off;
        if let Some(end) = match_at(text, start, label, to) {
            return Some((start, end));
        }
    }
    None
}

/// False candidates (the needle's last byte in another character) after which [`find_label`]
/// builds a `memmem` finder for the rest of its range.
const FALSE_CANDIDATES: usize = 8;

/// If the text just before `start` ends with the numbering `number` (`1` → `1.`/`1、`/`1`, and
/// the other ways a sub-item is numbered, `(1)` (full-width brackets fold to these) and `①`;
/// `(三)` → `(三)`, `一` → `一、`), the extended start.
///
/// Read from the bytes backwards: the spaces, the brackets and the separators are ASCII or
/// fixed byte sequences, the numbering a byte suffix, and only a non-ASCII byte in white space
/// being trimmed is decoded ([`trim_end_at`]), instead of each step decoding characters through
/// `str`'s pattern searches. [`extend_number_by_str`] is the reference it is tested against.
pub(crate) fn extend_number(text: &str, start: usize, number: &str) -> Option<usize> {
    let before = text.get(..start)?;
    let b = before.as_bytes();
    let mut end = b.len();
    while let Some(b' ' | b'\t') = end.checked_sub(1).and_then(|i| b.get(i)) {
        end -= 1;
    }
    let ends = |end: usize, suffix: &[u8]| -> Option<usize> {
        b.get(..end)?.ends_with(suffix).then(|| end - suffix.len())
    };
    if let Some(mut inner) = number.as_bytes().strip_prefix(b"(") {
        // The brackets are ASCII: trimmed as bytes, as `str`'s trims of the characters would.
        while let [b'(', rest @ ..] = inner {
            inner = rest;
        }
        while let [rest @ .., b')'] = inner {
            inner = rest;
        }
        let t = trim_end_at(before, ends(end, b")")?);
        let t = trim_end_at(before, ends(t, inner)?);
        return ends(t, b"(");
    }
    // A digit numbering in brackets, `(3)`, or circled, `③` (U+2460 to U+2473, `E2 91 A0` to
    // `E2 91 B3`): told by the text's last bytes first, the numbering read only then.
    let digits = || !number.is_empty() && number.bytes().all(|c| c.is_ascii_digit());
    match b.get(..end) {
        Some([.., b')']) if digits() => {
            let t = trim_end_at(before, end - 1);
            let t = trim_end_at(before, ends(t, number.as_bytes())?);
            return ends(t, b"(");
        }
        Some([.., 0xE2, 0x91, 0xA0..=0xB3]) if digits() => {
            let mut buf = [0u8; 4];
            let c = circled(number)?;
            return ends(end, c.encode_utf8(&mut buf).as_bytes());
        }
        _ => {}
    }
    // The separators end in different bytes, so at most one of them ends the text: told by
    // the last bytes, instead of each separator's suffix compared in turn.
    let sep = match b.get(..end) {
        Some([.., b'.' | b',']) => Some(end - 1),
        Some([.., 0xE3, 0x80, 0x81] | [.., 0xEF, 0xBC, 0x8C | 0x8E]) => end.checked_sub(3),
        _ => None,
    };
    let t = match sep {
        Some(t) => trim_end_at(before, t),
        None => {
            if number.bytes().all(|c| c.is_ascii_digit()) {
                end
            } else {
                return None;
            }
        }
    };
    // A digit numbering must not be the tail of a longer number glued before it ("…00002.")
    // unless the text there is a glued table (then the caller accepts the shortest reading).
    ends(t, number.as_bytes())
}

/// The circled form of a number from 1 to 20 (`③` for `3`).
fn circled(number: &str) -> Option<char> {
    let n: u32 = number.parse().ok()?;
    (1..=20)
        .contains(&n)
        .then(|| char::from_u32(0x245F + n))
        .flatten()
}

/// Whether byte `x` can open a white space character (`char::is_whitespace`): ASCII up to the
/// space, and the lead bytes `C2`, `E1`, `E2`, `E3` (see [`ws_len_at`]).
#[inline(always)]
pub(crate) fn may_open_ws(x: u8) -> bool {
    x <= b' ' || matches!(x, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// The length of the white space character (`char::is_whitespace`) that starts at byte `i` of
/// `b`, or 0 when none does, told from its bytes without decoding it: ASCII `\t` to `\r` and the
/// space; U+0085 and U+00A0 (`C2 85`, `C2 A0`); U+1680 (`E1 9A 80`); U+2000 to U+200A, U+2028,
/// U+2029, U+202F (`E2 80 80` to `E2 80 8A`, `E2 80 A8`, `E2 80 A9`, `E2 80 AF`); U+205F
/// (`E2 81 9F`); U+3000 (`E3 80 80`).
#[inline]
pub(crate) fn ws_len_at(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(b'\t'..=b'\r' | b' '), _, _) => 1,
        (Some(0xC2), Some(0x85 | 0xA0), _) => 2,
        (Some(0xE1), Some(0x9A), Some(0x80))
        | (Some(0xE2), Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF))
        | (Some(0xE2), Some(0x81), Some(0x9F))
        | (Some(0xE3), Some(0x80), Some(0x80)) => 3,
        _ => 0,
    }
}

/// The end of `text[..end]` with its trailing white space (`char::is_whitespace`, as
/// `str::trim_end`) removed, judged from the bytes.
#[inline]
fn trim_end_at(text: &str, mut end: usize) -> usize {
    let b = text.as_bytes();
    while let Some(&x) = end.checked_sub(1).and_then(|i| b.get(i)) {
        if x < 0x80 {
            if !matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                break;
            }
            end -= 1;
            continue;
        }
        // The white space beyond ASCII is U+0085 and U+00A0 (`C2 85`, `C2 A0`), U+1680
        // (`E1 9A 80`), U+2000 to U+200A, U+2028, U+2029, U+202F (`E2 80 80` to `E2 80 8A`,
        // `E2 80 A8`, `E2 80 A9`, `E2 80 AF`), U+205F (`E2 81 9F`) and U+3000 (`E3 80 80`):
        // told from the last three bytes, without decoding the character (`。`, `E3 80 82`,
        // shares two bytes with U+2002).
        let p = end.checked_sub(2).and_then(|i| b.get(i));
        let q = end.checked_sub(3).and_then(|i| b.get(i));
        end -= match (q, p, x) {
            (_, Some(0xC2), 0x85 | 0xA0) => 2,
            (Some(0xE2), Some(0x80), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
            | (Some(0xE2), Some(0x81), 0x9F)
            | (Some(0xE1), Some(0x9A), 0x80)
            | (Some(0xE3), Some(0x80), 0x80) => 3,
            _ => break,
        };
    }
    end
}

/// `text.trim()` (white space as `char::is_whitespace`) read from the bytes: at the start by
/// [`ws_len_at`], at the end as [`trim_end_at`] tells it, no character decoded. `str::trim`
/// decodes every character it looks at and looks each one beyond ASCII up in the white space
/// table.
///
/// A text that opens with a byte no white space opens with ([`may_open_ws`]) and ends with a byte no white space ends with (ASCII past the
/// space, or the last of a character whose byte before it is none of [`trim_end_at`]'s four)
/// is returned as it is, told from its first and last two bytes.
#[inline]
pub(crate) fn trim_ws(text: &str) -> &str {
    if let [f, .., p, l] = *text.as_bytes() {
        let opens = !may_open_ws(f);
        let ends = match l {
            0x21..=0x7F => true,
            0x80.. => !matches!(p, 0xC2 | 0x80 | 0x81 | 0x9A),
            _ => false,
        };
        if opens && ends {
            return text;
        }
    }
    trim_ws_slow(text)
}

/// [`trim_ws`] for a text that may open or end with white space.
#[inline(never)]
fn trim_ws_slow(text: &str) -> &str {
    let b = text.as_bytes();
    let mut start = 0;
    loop {
        match ws_len_at(b, start) {
            0 => break,
            n => start += n,
        }
    }
    let end = trim_end_at(text, b.len()).max(start);
    text.get(start..end).unwrap_or_default()
}

/// [`extend_number`] as first written, with `str`'s trims and pattern searches: the reference
/// it is tested against.
#[cfg(test)]
fn extend_number_by_str(text: &str, start: usize, number: &str) -> Option<usize> {
    let before = text.get(..start)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    if number.starts_with('(') {
        let inner = number.trim_start_matches('(').trim_end_matches(')');
        let t = trimmed.strip_suffix(')')?.trim_end();
        let t = t.strip_suffix(inner)?.trim_end();
        let t = t.strip_suffix('(')?;
        return Some(t.len());
    }
    if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
        if let Some(t) = trimmed.strip_suffix(')') {
            let t = t.trim_end().strip_suffix(number)?.trim_end();
            return Some(t.strip_suffix('(')?.len());
        }
        let circled = number
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=20).contains(n))
            .and_then(|n| char::from_u32(0x245F + n));
        if let Some(t) = circled.and_then(|c| trimmed.strip_suffix(c)) {
            return Some(t.len());
        }
    }
    let t = match trimmed.strip_suffix(['.', '、', ',', '，', '．']) {
        Some(t) => t.trim_end(),
        None => {
            if number.chars().all(|c| c.is_ascii_digit()) {
                trimmed
            } else {
                return None;
            }
        }
    };
    let t = t.strip_suffix(number)?;
    Some(t.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every character's white space length, told from its bytes, is its UTF-8 length when
    /// `char::is_whitespace` holds and 0 otherwise, and only a byte that can open white space
    /// opens any: all 1,112,064 characters, alone and with the bytes after them cut off.
    #[test]
    fn white_space_told_from_bytes_is_char_is_whitespace() {
        let mut spaces = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let e = c.encode_utf8(&mut buf).as_bytes();
            let want = if c.is_whitespace() { e.len() } else { 0 };
            spaces += usize::from(want > 0);
            assert_eq!(ws_len_at(e, 0), want, "{:04X}", c as u32);
            assert!(want == 0 || may_open_ws(e[0]), "{:04X}", c as u32);
            // Cut short, a character is no white space unless it was one whole.
            for cut in 1..e.len() {
                assert_eq!(ws_len_at(&e[..cut], 0), 0, "{:04X} cut at {cut}", c as u32);
            }
        }
        assert_eq!(spaces, 25);
    }

    /// A label wrapped in its column of `pdftotext -layout` text, another column's fragments
    /// between or beside its lines (the parent's label wrapped beside it): skipped when the
    /// label goes on in its own column; a plain text's lines at the margin are never skipped.
    #[cfg(feature = "html")]
    #[test]
    fn a_wrapped_label_passes_another_columns_fragments() {
        let label = "2.没有现成信息需要另行制作";
        fn find<'t>(t: &'t str, label: &str) -> Option<&'t str> {
            find_label(t, 0, t.len(), label).map(|(s, e)| &t[s..e])
        }
        // A line of the parent's label between two of the label's lines.
        let t = "                    2.没有现成信\n            （四）无\n                    息需要另行制\n            法提供\n                    作\n";
        let m = find(t, label).expect("found");
        assert!(
            m.starts_with("2.没有") && m.ends_with("\n                    作"),
            "{m}"
        );
        // The parent's label at the start of the line the label goes on in.
        let t = "（四）   2.没有现成信息\n无法提   需要另行制作\n";
        assert_eq!(find(t, label).map(|m| m.ends_with("另行制作")), Some(true));
        // Not when the label goes on elsewhere than in its column, nor in a plain text.
        let t = "                    2.没有现成信\n            （四）无\n息需要另行制作\n";
        assert_eq!(find(t, label), None);
        let t = "2.没有现成信\n其他\n息需要另行制作\n";
        assert_eq!(find(t, label), None);
        // Nor past a line of figures only, left of the label's column: a row's first value
        // between its label's lines (`pdftotext`'s default order of an indented text), no
        // column's fragment.
        let label = "申请人无正当理由逾期不补正、行政机关";
        let t = "  1.申请人无正当理由逾期不补正、行\n  0\n  政机关不再处理其政府信息公开申请\n";
        assert_eq!(find(t, label), None);
        // A word there is one (`其`, of the parent's `（六）其他处理` wrapped beside it).
        let t = "  1.申请人无正当理由逾期不补正、行\n  其\n  政机关不再处理其政府信息公开申请\n";
        assert_eq!(
            find(t, label).map(|m| m.ends_with("\n  政机关")),
            Some(true)
        );
    }

    #[cfg(feature = "html")]
    #[test]
    fn a_wrapped_label_passes_a_letter_spaced_fragment() {
        // `pypdf`'s layout mode: the parent's label `（六）其他处理` letter-spaced beside the
        // label, one space before the label's column.
        let label = "2.申请人逾期未按收费通知要求缴纳费用";
        let t = "       （ 六 ） 2.申请人逾期未按\n       其 他 处 收费通知要求缴纳\n       理     费用、行政机关不     0\n";
        let (s, e) = find_label(t, 0, t.len(), label).expect("found");
        assert!(
            t[s..].starts_with("2.申请人") && t[..e].ends_with("费用"),
            "{}",
            &t[s..e]
        );
        // Not where the line goes on with the label itself: a header's `尚未` / `审结 总计`.
        let t = "结果 尚未  \n审结 总计 未经复议直接起诉\n";
        let (s, e) = find_label(t, 0, t.len(), "尚未审结").expect("found");
        assert_eq!(&t[s..e], "尚未  \n审结");
        let t = "结果| 尚未  \n审结| 总计| 未经复议直接起诉\n";
        let (s, e) = find_label(t, 0, t.len(), "尚未审结").expect("found");
        assert_eq!(&t[s..e], "尚未  \n审结");
        // Nor at the column past a cell's bar, nor where the label does not go on there.
        let t = "结果| 尚未  \n其| 审结\n";
        assert_eq!(find_label(t, 0, t.len(), "尚未审结"), None);
        let t = "       （ 六 ） 2.申请人逾期未按\n       其 他 处 理\n";
        assert_eq!(find_label(t, 0, t.len(), "2.申请人逾期未按收费"), None);
        // A justified cell's letters spread (`pdftotext -layout` of a page printed on A5): the
        // label's next character two columns left of the label's numbering.
        let t = "（ 三 ） 1. 属 于\n不予公 国 家 秘 0        0   0\n开     密\n";
        let (s, e) = find_label(t, 0, t.len(), "属于国家秘").expect("found");
        assert_eq!(&t[s..e], "属 于\n不予公 国 家 秘");
        // Not to a character other than the label's next one.
        let t = "（ 三 ） 1. 属 于\n不予公 家 国 秘\n";
        assert_eq!(find_label(t, 0, t.len(), "属于国家秘"), None);
    }

    #[test]
    fn spaces_and_line_breaks_inside_labels_are_tolerated() {
        let t = "x 商业 企业 y";
        assert_eq!(find_label(t, 0, t.len(), "商业企业"), Some((2, 2 + 13)));
        let t = "5.要求行政机关确认或重新出\n具已获取信息 1";
        assert!(find_label(t, 0, t.len(), "要求行政机关确认或重新出具已获取信息").is_some());
    }

    #[test]
    fn a_search_past_many_false_candidates_finds_what_memmem_finds() {
        // `退` is E9 80 80: its last byte also ends and sits inside many other characters
        // (`丁`… `退`), and inside `退` itself.
        // The last false candidate before the switch is the inner byte of a real `退`.
        let mut t = "亀".repeat(FALSE_CANDIDATES - 1);
        t.push_str("退出");
        assert_eq!(
            find_label(&t, 0, t.len(), "退出").map(|m| m.0),
            Some(t.len() - 6)
        );
        t.push_str(&"退丠亀".repeat(FALSE_CANDIDATES));
        t.push_str("退 退出");
        for from in 0..t.len() {
            if t.is_char_boundary(from) {
                let want = t.get(from..).and_then(|r| r.find("退出")).map(|i| from + i);
                assert_eq!(
                    find_label(&t, from, t.len(), "退出").map(|m| m.0),
                    want,
                    "{from}"
                );
            }
        }
    }

    #[test]
    fn a_label_printed_as_is_matches_as_the_tolerant_loop_does() {
        assert_eq!(match_at("商业企业 1", 0, "商业企业", 100), Some(12));
        // Bounded by the limit: the bytes are there, the match may not reach them.
        assert_eq!(match_at("商业企业 1", 0, "商业企业", 9), None);
        // A label with a skippable character is left to the loop, which ends the match
        // before a trailing one and does not skip at the first position.
        assert_eq!(match_at("ab c", 0, "ab ", 10), Some(2));
        assert_eq!(match_at(" ab", 0, " ab", 10), None);
        assert_eq!(match_at("a b", 0, "a b", 10), Some(3));
    }

    #[test]
    fn page_marker_inside_a_label_is_skipped() {
        let t = "(四)无\n- 5 -\n法提供 2.没有";
        assert!(find_label(t, 0, t.len(), "(四)无法提供").is_some());
        assert_eq!(page_marker_len("- 5 -\nabc"), Some(5));
        assert_eq!(page_marker_len("— 4 —"), Some("— 4 —".len()));
        assert_eq!(page_marker_len("-2-"), Some(3));
        assert_eq!(page_marker_len("- 本年 -"), None);
        // A page's number in words, with its count of pages: each form a footer prints.
        for t in [
            "第 3 页",
            "第3页共8页",
            "第 4 页 共 8 页",
            "第 4 页，共 8 页",
            "共 8 页 第 4 页",
            "第 14 页 / 共 128 页",
            "第3/8页",
            "Page 3",
            "Page 4 of 8",
            "page 12 / 30",
            "  PAGE 2 OF 9 ",
        ] {
            assert_eq!(page_marker_len(&format!("{t}\n0")), Some(t.len()), "{t}");
        }
        for t in [
            "第二十条",
            "第 4 页 共 页",
            "共 8 页",
            "第 4 项",
            "第4页共8页 0",
            "第一页",
            "Page",
            "Pages 4",
            "Page 4 of",
            "Page 4 of 8 0",
            "Policy 4",
        ] {
            assert_eq!(page_marker_len(t), None, "{t}");
        }
    }

    #[test]
    fn numbering_extends_a_match_backwards() {
        let t = "00000002.其他法律";
        let s = t.find('其').unwrap_or(0);
        assert_eq!(extend_number(t, s, "2"), Some(7));
        let t = "| (三)不予公开";
        let s = t.find('不').unwrap_or(0);
        assert_eq!(extend_number(t, s, "(三)"), Some(2));
        let t = "四、结转";
        assert_eq!(extend_number(t, t.find('结').unwrap_or(0), "四"), Some(0));
        // A sub-item numbered `(3)` or `③`.
        for t in ["| (3)其他", "| ( 3 ) 其他", "| ③其他", "| ③ 其他"] {
            let s = t.find('其').unwrap_or(0);
            assert_eq!(extend_number(t, s, "3"), Some(2), "{t}");
            assert_eq!(extend_number(t, s, "2"), None, "{t}");
        }
        let t = "| ⑫其他";
        assert_eq!(extend_number(t, t.find('其').unwrap_or(0), "12"), Some(2));
    }

    #[test]
    fn an_indexed_text_answers_absent_first_characters_at_once() {
        let mut t = "0123456789".repeat(120_000);
        t.push_str("商业 企业");
        let s = t.len() - "商业 企业".len();
        assert!(!known_absent(&t, '商'));
        let ix = CharIndex::install(&t);
        assert!(known_absent(&t, '规'));
        assert!(!known_absent(&t, '商'));
        assert!(
            !known_absent(&t[1..], '规'),
            "another string is not indexed"
        );
        assert_eq!(find_label(&t, 0, t.len(), "规章"), None);
        assert_eq!(find_label(&t, 0, t.len(), "商业企业"), Some((s, t.len())));
        assert!(first_char_absent(&t, "规章".as_bytes()));
        assert!(!first_char_absent(&t, "商业企业".as_bytes()));
        assert!(!first_char_absent(&t, "0".as_bytes()));
        assert!(!first_char_absent(&t, b""));
        // Every character of a word counts, not only its first; beyond the BMP none is known.
        assert!(word_absent(&t, "商规"));
        assert!(!first_char_absent(&t, "商规".as_bytes()));
        assert!(!word_absent(&t, "商业"));
        assert!(!word_absent(&t, "业 0"));
        assert!(!word_absent(&t, "😀"));
        assert!(!word_absent(&t, ""));
        assert!(every_word_absent(&t, &["规章", "商规", "企业家"]));
        assert!(!every_word_absent(&t, &["规章", "企业", "商规"]));
        assert!(
            !every_word_absent(&t[1..], &["规章"]),
            "another string is not indexed"
        );
        drop(ix);
        assert!(!word_absent(&t, "规章"), "removed on drop");
        assert!(!every_word_absent(&t, &["规章"]), "removed on drop");
        assert!(!first_char_absent(&t, "规章".as_bytes()), "removed on drop");
        assert!(!known_absent(&t, '规'), "removed on drop");
        // Short texts are not indexed.
        let short = "abc";
        let _ix = CharIndex::install(short);
        assert!(!known_absent(short, '规'));
        assert!(!first_char_absent(short, "规章".as_bytes()));
    }

    fn scan_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "商业",
            "企业",
            "商业企业",
            "退",
            "退出",
            "亀",
            " ",
            "\t",
            "\n",
            "\r",
            "\u{3000}",
            "\u{a0}",
            "- 5 -",
            "— 4 —",
            "-2-",
            "第 3 页",
            "第",
            "页",
            "-",
            "1",
            "12",
            "(三)",
            "、",
            ".",
            "a",
            "|",
        ]);
        prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
    }

    /// Labels for [`match_at`]: with and without skippable characters, punctuation of one
    /// class, a page marker, empty.
    const MATCH_LABELS: &[&str] = &[
        "商业企业",
        "退出",
        "(三)商业",
        "1.商业",
        "第",
        "页",
        "商业 企业",
        "商业\n企业",
        "商业、企业",
        "商业.企业",
        "退 出",
        " 商业",
        "商业 ",
        "商业\u{3000}",
        "12",
        "1",
        "",
        "- 5 -",
    ];

    proptest! {
        /// The index's character set, made from a table of bytes, is the one the characters
        /// decoded one at a time make: every UTF-8 length, runs of ASCII longer and shorter than
        /// a word, the BMP's first and last characters.
        #[test]
        fn the_characters_present_are_those_decoded_one_at_a_time(
            parts in prop::collection::vec(prop_oneof![
                prop::sample::select(vec![
                    "商业", "a", "|", "0123456789", "abcdefgh", "\u{7f}", "\u{80}", "é", "\u{7ff}",
                    "\u{800}", "\u{ffff}", "\u{10000}", "😀", "\u{3000}", "、", "\n",
                ]).prop_map(str::to_string),
                any::<String>(),
            ], 0..24),
        ) {
            let text = parts.concat();
            prop_assert_eq!(present_bits(&text), present_bits_by_char(&text));
        }

        #[test]
        fn the_byte_test_of_skippable_characters_agrees_with_the_chars(
            parts in prop::collection::vec(prop::sample::select(vec![
                "商业", " ", "\t", "\n", "\r", "\u{3000}", "\u{3001}", "、", "\u{3080}",
                "\u{3800}", "“", "a", "1", "\u{a0}", "\u{2003}",
            ]), 0..8),
        ) {
            let label = parts.concat();
            prop_assert_eq!(has_skippable(&label), label.chars().any(skippable));
        }

        #[test]
        fn the_byte_test_of_page_markers_agrees_with_the_char_walk(t in scan_text()) {
            for (i, _) in t.char_indices() {
                let rest = t.get(i..).unwrap_or("");
                prop_assert_eq!(page_marker_len(rest), page_marker_len_by_char(rest));
            }
        }

        #[test]
        fn a_match_resumed_after_the_shared_bytes_is_the_match_from_the_start(
            (t, label) in prop::sample::select(MATCH_LABELS.to_vec()).prop_flat_map(|label| {
                // The text holds the label itself among the pieces, so that most cases compare a
                // match that runs far into it.
                let pieces = prop::sample::select(vec![
                    label, label, "商业", "企业", "退", " ", "\n", "\u{3000}", "- 5 -", "、", ".",
                    "1", "a", "(三)",
                ]);
                (prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat()), Just(label))
            }),
            limit in 0usize..120,
        ) {
            for pos in 0..=t.len() + 1 {
                prop_assert_eq!(
                    match_at(&t, pos, label, limit),
                    match_at_ref(&t, pos, label, limit),
                    "{:?} at {} in {:?}", label, pos, t
                );
            }
        }

        #[test]
        fn the_numbering_read_from_the_bytes_is_the_numbering_read_by_str(
            parts in prop::collection::vec(prop::sample::select(vec![
                "1", "2", "12", "一", "三", "(", ")", "(三)", ".", "、", ",", "，", "．", "。",
                " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{3000}", "\u{a0}",
                "\u{85}", "\u{2028}", "\u{200b}", "x", "结", "商业", "\u{1680}", "\u{2000}",
                "\u{200a}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{2010}", "\u{a9}", "\u{1681}",
                "\u{10000}", "）", "五", "六", "③", "⑫", "⑳", "\u{2474}", "\u{245f}",
                "(3)", "( 12 )", "3", "20", "21",
            ]), 0..12),
            number in prop::sample::select(vec![
                "1", "2", "12", "一", "三", "(三)", "(一)", "((三))", "()", "(", "", "三、",
                "3", "20", "21", "0",
            ]),
        ) {
            let t = parts.concat();
            for start in 0..=t.len() + 1 {
                prop_assert_eq!(
                    extend_number(&t, start, number),
                    extend_number_by_str(&t, start, number),
                    "{:?} before {} in {:?}", number, start, t
                );
            }
        }

        #[test]
        fn white_space_trimmed_from_the_bytes_is_str_trim_end(
            parts in prop::collection::vec(prop::sample::select(vec![
                " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}", "\u{a9}",
                "\u{1680}", "\u{1681}", "\u{2000}", "\u{200a}", "\u{200b}", "\u{2010}",
                "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{3001}", "、",
                "一", "三", "x", "1", "\u{10000}", "\u{9a80}", "。", "\u{2002}", "\u{2030}",
                "\u{2080}", "\u{205e}", "\u{16a0}", "\u{a85}",
            ]), 0..10),
        ) {
            let t = parts.concat();
            for end in (0..=t.len()).filter(|&e| t.is_char_boundary(e)) {
                let want = t.get(..end).map_or(0, |s| s.trim_end().len());
                prop_assert_eq!(trim_end_at(&t, end), want, "{:?} to {}", t, end);
            }
        }

        #[test]
        fn white_space_trimmed_at_both_ends_from_the_bytes_is_str_trim(
            parts in prop::collection::vec(prop::sample::select(vec![
                " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}", "\u{a9}",
                "\u{1680}", "\u{1681}", "\u{2000}", "\u{200a}", "\u{200b}", "\u{2010}",
                "\u{2028}", "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{3001}", "、",
                "一", "三", "x", "1", "(", "\u{10000}", "\u{9a80}", "\u{e000}", "予以公开",
            ]), 0..10),
        ) {
            let t = parts.concat();
            for from in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let s = t.get(from..).unwrap_or_default();
                prop_assert_eq!(trim_ws(s), s.trim(), "{:?}", s);
            }
        }

        #[test]
        fn a_bounded_search_finds_the_first_occurrence_if_it_starts_in_bounds(
            t in scan_text(),
            from in 0usize..200,
            to in 0usize..260,
            label in prop::sample::select(vec!["商业企业", "退出", "(三)商业", "1.商业", "第", "页"]),
        ) {
            if t.is_char_boundary(from.min(t.len())) {
                let from = from.min(t.len());
                let want = find_label(&t, from, to, label);
                for start_to in 0..t.len() + 2 {
                    prop_assert_eq!(
                        find_label_before(&t, from, start_to, to, label),
                        want.filter(|m| m.0 < start_to)
                    );
                }
            }
        }
    }

    #[test]
    fn punctuation_classes_match() {
        let t = "3.危及\"三安全一稳定\"";
        assert!(find_label(t, 0, t.len(), "危及“三安全一稳定”").is_some());
        assert!(match_at("1、申请人", 0, "1.申请人", 100).is_some());
    }
}
