//! Prefixes a tool put before every line of a report: line numbers (`cat -n` and `nl`, a right-
//! aligned number and a tab; `grep -n` and editors, `12:` or `12: `) and email quoting (`> `,
//! `>> `, `> > `). Read as they are, a line number is taken for the first value of a table row
//! and shifts the rest, and a quoted line holding one cell is no cell. They are removed before
//! the text is read, with a map back to the text as written.
//!
//! A text counts as prefixed only when nearly every line carries the prefix: line numbers must
//! run one by one (blank lines numbered or not), in one style, on at least
//! [`MIN_LINES`] lines and nine lines in ten of those not blank. A table's own first column of
//! serial numbers (`序号`) is no such run: the report's prose lines do not carry it.
//!
//! Compiled with the `html` feature, with the readers of a page's references and escapes left
//! in a text: a build without it (the small WebAssembly module) reads the text as written.

use std::ops::Range;

use crate::textmap::OffsetMap;

/// Fewest prefixed lines for a text to count as prefixed.
const MIN_LINES: usize = 8;

/// What was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Line numbers (`     1\t`, `1:`).
    Numbers,
    /// Email quoting (`> `).
    Quotes,
}

/// A text with its line prefixes removed.
pub(crate) struct Stripped {
    pub text: String,
    /// `text` → the source of the map the text was given with.
    pub map: OffsetMap,
    pub kind: Kind,
    /// Lines whose prefix was removed.
    pub lines: usize,
    /// The first prefix, in the text as given.
    pub first: Range<usize>,
}

/// The separator after a line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Tab,
    Colon,
}

/// A line's number prefix: (number, separator, prefix length in bytes).
fn number(line: &[u8]) -> Option<(u32, Sep, usize)> {
    let lead = line.iter().take_while(|&&c| c == b' ').count();
    let mut n = 0u32;
    let mut i = lead;
    while let Some(d) = line.get(i).filter(|c| c.is_ascii_digit()) {
        n = n.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
        i += 1;
    }
    if i == lead {
        return None;
    }
    match line.get(i) {
        Some(b'\t') => Some((n, Sep::Tab, i + 1)),
        Some(b':') => Some((
            n,
            Sep::Colon,
            i + 1 + usize::from(line.get(i + 1) == Some(&b' ')),
        )),
        _ => None,
    }
}

/// A line's quoting prefix length (`> `, `>>`, `> > `), if it has one.
fn quote(line: &[u8]) -> Option<usize> {
    let mut i = line.iter().take_while(|&&c| c == b' ').count();
    if line.get(i) != Some(&b'>') {
        return None;
    }
    while line.get(i) == Some(&b'>') {
        i += 1;
        if line.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    Some(i)
}

/// The lines of `b`, each with its offset (a CR LF pair ends a line and leaves a blank one).
fn lines(b: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = b.get(at..).filter(|r| !r.is_empty())?;
        let len = memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
        let line = (at, rest.get(..len)?);
        at += len + 1;
        Some(line)
    })
}

/// True when a line is blank (spaces and tabs only).
fn blank(line: &[u8]) -> bool {
    line.iter().all(|&c| c == b' ' || c == b'\t')
}

/// The prefixes of `text`'s lines, if nearly every line has one: (kind, ranges to remove).
fn find(text: &str) -> Option<(Kind, Vec<Range<usize>>)> {
    let b = text.as_bytes();
    // Told from the first lines that are not blank (a few may be bare: a mail's `… wrote:`, a
    // JSON record's fields): most texts are not prefixed, and are left after a look at them.
    let mut kind = None;
    for (_, l) in lines(b).filter(|(_, l)| !blank(l)).take(8) {
        if number(l).is_some() {
            kind = Some(Kind::Numbers);
            break;
        }
        if quote(l).is_some() {
            kind = kind.or(Some(Kind::Quotes));
        }
    }
    let kind = kind?;
    let mut cut: Vec<Range<usize>> = Vec::new();
    // Lines neither blank nor prefixed: before the first prefix, and after it (those after the
    // last are told at the end).
    let (mut lead, mut bare, mut trail) = (0usize, 0usize, 0usize);
    let mut last: Option<(u32, Sep)> = None;
    for (s, line) in lines(b) {
        let len = match kind {
            Kind::Numbers => match number(line) {
                // One by one, in one style.
                Some((n, sep, len))
                    if last.is_none_or(|(m, was)| was == sep && Some(n) == m.checked_add(1)) =>
                {
                    last = Some((n, sep));
                    Some(len)
                }
                _ => None,
            },
            Kind::Quotes => quote(line),
        };
        match len {
            Some(len) => {
                cut.push(s..s + len);
                bare += trail;
                trail = 0;
            }
            None if blank(line) => {}
            None if cut.is_empty() => lead += 1,
            None => trail += 1,
        }
    }
    // Nine lines in ten, and enough of them. A tool numbers every line; a quoted mail or a
    // record's field may have lines of its own around the quoted text (`… wrote:`, a record's
    // other fields), a few.
    let around = match kind {
        Kind::Numbers => {
            bare += lead + trail;
            0
        }
        Kind::Quotes => lead + trail,
    };
    (cut.len() >= MIN_LINES && bare * 10 <= cut.len() && around * 2 <= cut.len())
        .then_some((kind, cut))
}

/// `text` (whose offsets `map` takes to the input) with its line prefixes removed, if nearly
/// every line has one of the same kind ([`Kind`]).
pub(crate) fn strip(text: &str, map: &OffsetMap) -> Option<Stripped> {
    let (kind, cut) = find(text)?;
    let first = cut.first()?.clone();
    let cuts: Vec<(Range<usize>, bool)> = cut.iter().map(|r| (r.clone(), false)).collect();
    let (out, m) = OffsetMap::text_without(text, map, &cuts);
    Some(Stripped {
        text: out,
        map: m,
        kind,
        lines: cut.len(),
        first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(text: &str, fmt: impl Fn(usize, &str) -> String) -> String {
        text.lines()
            .enumerate()
            .map(|(i, l)| fmt(i + 1, l))
            .collect::<Vec<_>>()
            .join("\n")
    }

    const TEXT: &str = "一、总体情况\n本机关主动公开信息。\n\n| 规章 | 1 | 0 | 2 |\n| 行政许可 | 5 |\n\
                        二、主动公开政府信息情况\n（一）主动公开\n3\n4\n\n三、收到和处理政府信息公开申请情况\n";

    #[test]
    fn cat_n_numbers_are_removed_and_mapped() {
        let text = numbered(TEXT, |n, l| format!("{n:>6}\t{l}"));
        let s = strip(&text, &OffsetMap::identity(text.len())).expect("numbered");
        assert_eq!(s.kind, Kind::Numbers);
        assert_eq!(s.text, TEXT.trim_end_matches('\n'));
        assert_eq!(s.lines, 11);
        assert_eq!(s.first, 0..7);
        // `5` of 行政许可 maps to its place in the numbered text.
        let at = s.text.find("| 5 |").expect("row") + 2;
        let (a, b) = s.map.map_range(at, at + 1);
        assert_eq!(text.get(a..b), Some("5"));
        assert!(text
            .get(..a)
            .unwrap_or("")
            .ends_with("     5\t| 行政许可 | "));
    }

    #[test]
    fn grep_n_numbers_and_nl_blank_lines() {
        let text = numbered(TEXT, |n, l| format!("{n}: {l}"));
        let s = strip(&text, &OffsetMap::identity(text.len())).expect("numbered");
        assert_eq!(s.text, TEXT.trim_end_matches('\n'));
        assert_eq!(s.first, 0..3);
        // `nl`: blank lines are not numbered, the numbers still run one by one.
        let mut n = 0;
        let text: String = TEXT
            .lines()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_string()
                } else {
                    n += 1;
                    format!("{n:>6}\t{l}\n")
                }
            })
            .collect();
        let s = strip(&text, &OffsetMap::identity(text.len())).expect("numbered");
        assert_eq!(s.text, TEXT);
        assert_eq!(s.lines, 9);
    }

    #[test]
    fn quoting_is_removed_and_mapped() {
        let text: String = TEXT.lines().map(|l| format!("> {l}\n")).collect();
        let s = strip(&text, &OffsetMap::identity(text.len())).expect("quoted");
        assert_eq!(s.kind, Kind::Quotes);
        assert_eq!(s.text, TEXT);
        assert_eq!(s.first, 0..2);
        let at = s.text.find("| 1 |").expect("row") + 2;
        let (a, b) = s.map.map_range(at, at + 1);
        assert_eq!(text.get(a..b), Some("1"));
        assert!(text.get(..a).unwrap_or("").ends_with("\n> | 规章 | "));
        // Nested quoting, CR LF line ends.
        let text: String = TEXT.lines().map(|l| format!(">> {l}\r\n")).collect();
        let s = strip(&text, &OffsetMap::identity(text.len())).expect("quoted");
        assert_eq!(s.text, TEXT.replace('\n', "\r\n"));
    }

    #[test]
    fn what_is_not_a_prefix_stays() {
        // Cell-per-line values: numbers, but with no tab or colon after them.
        let cells: String = (1..40).map(|n| format!("{n}\n")).collect();
        assert!(strip(&cells, &OffsetMap::identity(cells.len())).is_none());
        // A serial-number column in a table: its numbers run, but the prose lines around it
        // carry none.
        let mut text = String::from("一、总体情况\n本机关主动公开信息。\n");
        for n in 1..=9 {
            text.push_str(&format!("{n}\t行政许可\t{n}\n"));
        }
        for _ in 0..3 {
            text.push_str("本年度共收到申请。\n");
        }
        assert!(strip(&text, &OffsetMap::identity(text.len())).is_none());
        // Numbers that do not run one by one (a time, a ratio).
        let text: String = (0..12).map(|n| format!("{}:30 会议\n", n * 2)).collect();
        assert!(strip(&text, &OffsetMap::identity(text.len())).is_none());
        // A few quoted lines in a text.
        let text = format!("> 引用\n> 引用\n{}", TEXT.repeat(2));
        assert!(strip(&text, &OffsetMap::identity(text.len())).is_none());
        let quoted: String = TEXT.lines().map(|l| format!("> {l}\n")).collect();
        let text = format!("{}{quoted}{}", TEXT.repeat(2), TEXT.repeat(2));
        assert!(strip(&text, &OffsetMap::identity(text.len())).is_none());
        // A mail's own lines around the quoted text are kept.
        let text = format!("张三 写道：\n{quoted}\n-- \n张三\n");
        let s = strip(&text, &OffsetMap::identity(text.len())).expect("quoted");
        assert_eq!(s.text, format!("张三 写道：\n{TEXT}\n-- \n张三\n"));
    }
}
