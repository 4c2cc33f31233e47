//! Hard-wrapped text: a report whose lines a tool broke at a fixed width (a mail client's
//! wrapping at 72 or 76 columns, a terminal's copy), an ideograph counting two columns.
//! Such a break falls anywhere: inside a heading (`一、总体情` / `况`), a row's label, or among
//! a row's glued figures (`640020` / `470`), and a report crawled on one line (read as
//! flattened, its headings found inside the line) becomes hundreds of short lines, whose
//! headings stand nowhere a heading is looked for.
//!
//! The breaks are joined back before the text is read, with a map back to the text as written.
//! A text counts as wrapped when one width `W` bounds its lines (but a few: an address or a
//! long number that has no place to break) and at least a third of its lines are full: the
//! next line's first word would not have fitted after them within `W` columns, as a wrapper
//! breaks (the word: an ideograph with the punctuation that may not open a line after it, or
//! a run of ASCII without a space, after the space the break took; after a line that kept the
//! space it was broken at, a mail's `format=flowed`, the run to the next space). Each full
//! line is joined to the next, but for a line that ends a sentence (`。`) and a heading's line
//! after it (a section's numbering, `二、`, on a line not full itself): there a paragraph may
//! have ended. A break between two ASCII characters took a space, which is put back; one
//! beside an ideograph took none.
//!
//! Texts whose lines are long (a paragraph a line, as most reports are written) are told at a
//! look at their line lengths and left as they are. Compiled with the `html` feature, with the
//! other readers of a tool's marks left in a text (`crate::prefix`).

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::textmap::OffsetMap;

/// Fewest lines, not blank, for a text to count as wrapped.
const MIN_LINES: usize = 12;
/// Fewest full lines.
const MIN_FULL: usize = 8;
/// The narrowest and widest wrapping width looked for, in columns.
const WIDTHS: Range<usize> = 20..201;
/// Lines longer than this (bytes) are a paragraph each, not wrapped.
const LONG_LINE: usize = 330;

/// A text with its hard wraps joined.
pub(crate) struct Unwrapped {
    pub text: String,
    /// `text` → the source of the map the text was given with.
    pub map: OffsetMap,
    /// The wrapping width, in columns.
    pub width: usize,
    /// Line breaks joined.
    pub joins: usize,
    /// The first break joined, in the text as given.
    pub first: Range<usize>,
}

/// A line of the text: its bytes without the line break (`start..end`), and its width in
/// columns without its trailing white space.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    width: usize,
}

/// Punctuation a wrapper does not open a line with (it stays with the character before).
const NO_START: &str = "、，。）)：；」』》！？%．.,”’";

/// Opening punctuation a wrapper does not end a line with (it goes with the character after).
const NO_END: &str = "（(「『《“‘【";

/// The columns `c` takes.
pub(crate) fn cols(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Whether `c` is wide (an ideograph, fullwidth punctuation).
fn wide(c: char) -> bool {
    cols(c) == 2
}

/// The lines of `text`; `None` as soon as its long lines (a paragraph a line) hold a tenth of
/// it, or when it has too few.
fn lines(text: &str) -> Option<Vec<Line>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut long = 0usize;
    let mut at = 0usize;
    while at <= b.len() {
        let nl = memchr::memchr(b'\n', b.get(at..)?).map(|i| at + i);
        let end = nl.unwrap_or(b.len());
        let cut = if end > at && b.get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        if cut - at > LONG_LINE {
            long += cut - at;
            if long * 10 > b.len() {
                return None;
            }
        }
        out.push(Line {
            start: at,
            end: cut,
            width: 0,
        });
        match nl {
            Some(n) => at = n + 1,
            None => break,
        }
    }
    Some(out)
}

/// The lengths in bytes of the first lines of `text` (up to [`HEAD_LINES`]), CR LF as LF;
/// `None` at the first line longer than [`LONG_LINE`] (a paragraph a line: not wrapped).
fn head_lengths(text: &str) -> Option<smallvec::SmallVec<[usize; HEAD_LINES]>> {
    let b = text.as_bytes();
    let mut out = smallvec::SmallVec::new();
    let mut at = 0usize;
    for nl in memchr::memchr_iter(b'\n', b).chain(std::iter::once(b.len())) {
        if out.len() == HEAD_LINES {
            break;
        }
        let cr = usize::from(nl > at && b.get(nl - 1) == Some(&b'\r'));
        let len = nl - at - cr;
        if len > LONG_LINE {
            return None;
        }
        out.push(len);
        at = nl + 1;
    }
    Some(out)
}

/// The lines [`head_lengths`] reads.
const HEAD_LINES: usize = 32;

/// Whether a third of the lines whose lengths (bytes) are `lengths` (the blank ones aside), and
/// `MIN_FULL` at least, are nearly as long as the longest but one in fifty (the second longest
/// of fewer): three fifths of it or more, as a full line of a wrapped text is, an ideograph
/// three bytes and two columns, a digit one and one. Told from the lengths alone, before any
/// character is read: a text of short lines (a cell a line) and paragraphs has few such lines.
fn lengths_even(lengths: &mut [usize]) -> bool {
    let n = lengths.iter().filter(|&&b| b > 0).count();
    if n < MIN_LINES {
        return false;
    }
    let k = (n / 50).max(1);
    let (_, &mut top, _) = lengths.select_nth_unstable_by(k, |a, b| b.cmp(a));
    let near = lengths
        .iter()
        .filter(|&&b| b > 0 && b * 5 >= top * 3)
        .count();
    near >= MIN_FULL && near * 3 >= n
}

/// The columns the first word of `next` takes after a line ending with `last`, with the space
/// a break between two ASCII characters took: an ideograph with the punctuation that may not
/// open a line after it, or a run of ASCII without a space; opening punctuation before either.
fn first_word(last: char, next: &str) -> usize {
    let mut cs = next.chars().peekable();
    let mut open = 0usize;
    while let Some(c) = cs.next_if(|&c| NO_END.contains(c)) {
        open += cols(c);
    }
    let Some(c) = cs.next() else {
        return open;
    };
    if wide(c) {
        return open
            + 2
            + cs.take_while(|&p| NO_START.contains(p))
                .map(cols)
                .sum::<usize>();
    }
    let word: usize = std::iter::once(c)
        .chain(cs)
        .take_while(|&p| !p.is_whitespace() && !wide(p))
        .map(cols)
        .sum();
    open + word + usize::from(open == 0 && !wide(last))
}

/// Whether `line` is a table's: it holds a `|`, a tab or a box-drawing character, or opens a
/// grid's border (`+---`, `+===`).
fn table_line(line: &str) -> bool {
    line.contains(['|', '\t'])
        || line.starts_with("+-")
        || line.starts_with("+=")
        || line.chars().any(|c| ('\u{2500}'..='\u{257F}').contains(&c))
}

/// Whether `line` opens with a section's numbering (`二、`, `二．`), where a paragraph ended.
fn opens_a_section(line: &str) -> bool {
    let mut cs = line.chars();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), Some(b), _) if numeral(a) && matches!(b, '、' | '．') => true,
        (Some(a), Some(b), Some(c)) => numeral(a) && numeral(b) && matches!(c, '、' | '．'),
        _ => false,
    }
}

/// `text` (whose offsets `map` takes to the input) with its hard wraps joined, if it is
/// hard-wrapped (see the module's description).
pub(crate) fn unwrap(text: &str, map: &OffsetMap) -> Option<Unwrapped> {
    // Told first from the text's first lines, most texts at a look at them.
    if !lengths_even(head_lengths(text)?.as_mut_slice()) {
        return None;
    }
    let mut lines = lines(text)?;
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.end - l.start).collect();
    if !lengths_even(&mut lengths) {
        return None;
    }
    let mut widths: Vec<usize> = Vec::new();
    for l in &mut lines {
        let s = text.get(l.start..l.end)?.trim_end();
        // A table's line (a pipe row, a grid's border, a row pasted with tabs) is as wide as
        // its table, not a wrapped line: no evidence, and never joined (width 0, as blank).
        if table_line(s) {
            continue;
        }
        l.width = s.chars().map(cols).sum();
        if l.width > 0 {
            widths.push(l.width);
        }
    }
    if widths.len() < MIN_LINES {
        return None;
    }
    // The width bounding all lines but a few (one in fifty).
    widths.sort_unstable_by(|a, b| b.cmp(a));
    let width = *widths.get((widths.len() / 50).max(1))?;
    if !WIDTHS.contains(&width) {
        return None;
    }
    // Each line's text (white space trimmed) and whether it is full: the next line's first
    // word would not have fitted after it.
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| text.get(l.start..l.end).unwrap_or_default().trim())
        .collect();
    let is_full: Vec<bool> = lines
        .iter()
        .zip(&texts)
        .zip(texts.iter().skip(1).zip(lines.iter().skip(1)))
        .map(|((l, this), (next, n))| {
            let last = this.chars().next_back().unwrap_or(' ');
            // A line that keeps the space it was broken at (a mail's `format=flowed`) was
            // broken at a space only: the next word runs to the next space.
            let word = if text.get(l.start..l.end).is_some_and(|r| r.ends_with(' ')) {
                1 + next
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .map(cols)
                    .sum::<usize>()
            } else {
                first_word(last, next)
            };
            l.width * 2 >= width && n.width > 0 && l.width + word > width
        })
        .collect();
    let full = is_full.iter().filter(|&&f| f).count();
    if full < MIN_FULL || full * 3 < widths.len() {
        return None;
    }
    // The breaks to join: after each full line, but for a sentence's end and a heading's line
    // (a section's numbering on a line not full itself: in a report crawled on one line, the
    // numbering falls anywhere, on a line as full as the others).
    // Each break as the range it takes out, and whether a space stands in its place.
    let mut joins: Vec<(Range<usize>, bool)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let (Some(&true), Some(n), Some(this), Some(next)) = (
            is_full.get(i),
            lines.get(i + 1),
            texts.get(i),
            texts.get(i + 1),
        ) else {
            continue;
        };
        let last = this.chars().next_back().unwrap_or(' ');
        let heading = opens_a_section(next) && !is_full.get(i + 1).copied().unwrap_or(false);
        if matches!(last, '。' | '！' | '？') || heading {
            continue;
        }
        let first = next.chars().next().unwrap_or(' ');
        let raw = text.get(l.start..l.end).unwrap_or_default();
        let space = !wide(last) && !wide(first) && !raw.ends_with(char::is_whitespace);
        let next_at = text
            .get(n.start..n.end)
            .map_or(n.start, |t| n.end - t.trim_start().len());
        joins.push((l.end..next_at, space));
    }
    let first = joins.first().map(|(r, _)| r.clone())?;
    let (out, m) = OffsetMap::text_without(text, map, &joins);
    Some(Unwrapped {
        text: out,
        map: m,
        width,
        joins: joins.len(),
        first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` wrapped as a mail client does: each line broken at the last place it may break
    /// within `w` columns (between ideographs, at a space, never before `NO_START`
    /// punctuation), the space at a break dropped.
    fn wrap(text: &str, w: usize) -> String {
        let mut out: Vec<String> = Vec::new();
        for line in text.split('\n') {
            let mut rest: Vec<char> = line.chars().collect();
            loop {
                let total: usize = rest.iter().map(|&c| cols(c)).sum();
                if total <= w {
                    break;
                }
                let mut at = 0usize;
                let mut best = None;
                for k in 1..rest.len() {
                    at += rest.get(k - 1).map_or(0, |&c| cols(c));
                    if at > w {
                        break;
                    }
                    let (a, b) = (rest[k - 1], rest[k]);
                    let breakable = a == ' '
                        || b == ' '
                        || ((wide(a) || wide(b))
                            && !NO_START.contains(b)
                            && !"（(「『《".contains(a));
                    if breakable {
                        best = Some(k);
                    }
                }
                let Some(k) = best else { break };
                let head: String = rest[..k].iter().collect();
                out.push(head.trim_end_matches(' ').to_string());
                let tail: String = rest[k..].iter().collect();
                rest = tail.trim_start_matches(' ').chars().collect();
            }
            out.push(rest.into_iter().collect());
        }
        out.join("\n")
    }

    /// A report crawled on one line.
    const ONE_LINE: &str = "平潭综合实验区2019年政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》要求，编制完成了本报告。\
        一、总体情况2019年，在省政府办公厅、省公开办等部门的关心和指导下，我区认真贯彻落实新修订的《条例》，完善工作机制，细化职责分工，拓宽公开渠道。\
        二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件2 2 37\
        三、收到和处理政府信息公开申请情况本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000\
        四、政府信息公开行政复议、行政诉讼情况000000000000000 五、存在的主要问题及改进情况信息公开工作取得了明显进展，但仍存在一些不足。\
        六、其他需要报告的事项无。电话：0591-23165250；电子邮箱：pzxxgkb@163.com。";

    #[test]
    fn a_wrapped_line_is_joined_back_and_mapped() {
        for w in [30, 40, 52] {
            let text = wrap(ONE_LINE, w);
            assert!(text.lines().count() > 12, "{w}: {text}");
            let u = unwrap(&text, &OffsetMap::identity(text.len())).expect("wrapped");
            assert_eq!(u.width, w);
            // Back as written, but for the breaks kept before a section's numbering and after
            // a sentence's end, and the spaces beside an ideograph that a break took.
            let bare = |t: &str| t.replace(['\n', ' '], "");
            assert_eq!(bare(&u.text), bare(ONE_LINE), "{w}:\n{}", u.text);
            assert!(u.text.lines().count() <= 8, "{w}:\n{}", u.text);
            assert_eq!(u.joins, text.lines().count() - u.text.lines().count());
            // The figures of a row broken among them map back to the text as written.
            let at = u.text.find("640020470").expect("row");
            let (a, b) = u.map.map_range(at, at + 9);
            assert_eq!(
                text.get(a..b).map(|s| s.replace('\n', "")).as_deref(),
                Some("640020470")
            );
            assert_eq!(text.get(u.first.clone()), Some("\n"));
        }
    }

    #[test]
    fn spaces_between_figures_are_put_back() {
        let line = "本年新收政府信息公开申请数量 23 0 0 0 0 0 23 上年结转数量 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 ";
        let text = wrap(&line.repeat(6), 40);
        let u = unwrap(&text, &OffsetMap::identity(text.len())).expect("wrapped");
        let written = line.repeat(6);
        let joined: String = u.text.split('\n').collect();
        // Every figure is a figure of its own again.
        let figures = |s: &str| {
            s.split(|c: char| !c.is_ascii_digit())
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(figures(&joined), figures(&written));
    }

    #[test]
    fn a_space_kept_at_the_break_is_not_doubled() {
        // A wrapper that keeps the space at the end of the line it breaks (a mail's
        // `format=flowed`): the lines joined as they are.
        let line = "本年新收政府信息公开申请数量 23 0 0 0 0 0 23 上年结转数量 1 2 3 4 5 6 7 8 9 ";
        let written = line.repeat(12);
        let mut text = String::new();
        let mut col = 0usize;
        for word in written.split_inclusive(' ') {
            let w: usize = word.chars().map(cols).sum();
            if col + w > 40 && col > 0 {
                text.push('\n');
                col = 0;
            }
            text.push_str(word);
            col += w;
        }
        assert!(text.lines().count() > 20, "{text}");
        let u = unwrap(&text, &OffsetMap::identity(text.len())).expect("wrapped");
        assert_eq!(u.text, written, "{text}");
    }

    #[test]
    fn texts_not_wrapped_stay() {
        // A paragraph a line.
        let text = format!("{ONE_LINE}\n").repeat(3);
        assert!(unwrap(&text, &OffsetMap::identity(text.len())).is_none());
        // A cell a line, and short paragraphs.
        let mut text = String::from("一、总体情况\n本机关主动公开信息。\n");
        for n in 0..40 {
            text.push_str(&format!("行政许可\n{n}\n"));
        }
        assert!(unwrap(&text, &OffsetMap::identity(text.len())).is_none());
        // A table's lines, as wide as the table: pipe rows, a grid's borders and rows.
        let mut text = String::new();
        for n in 0..30 {
            text.push_str(&format!(
                "+----------+------+\n| 行政许可 | {n:<4} |\n| 行政处罚   | 0    |\n"
            ));
        }
        assert!(unwrap(&text, &OffsetMap::identity(text.len())).is_none());
        // Lines that end where their sentences do, whatever their widths.
        let text = "本机关主动公开政府信息，及时回应社会关切。\n".repeat(30);
        assert!(unwrap(&text, &OffsetMap::identity(text.len())).is_none());
    }

    #[test]
    fn a_paragraph_ends_before_a_section() {
        let para = "在省政府办公厅、省公开办等部门的关心和指导下，我区认真贯彻落实新修订的《条例》和《办法》，完善工作机制，细化职责分工，拓宽公开渠道，规范操作流程，深化公开内容";
        let text = wrap(
            &format!("一、总体情况\n{para}\n二、主动公开政府信息情况\n{para}\n三、收到和处理政府信息公开申请情况\n{para}"),
            40,
        );
        let u = unwrap(&text, &OffsetMap::identity(text.len())).expect("wrapped");
        assert!(u.text.contains("\n二、主动公开政府信息情况"), "{}", u.text);
        assert!(u.text.contains("\n三、收到和处理"), "{}", u.text);
        assert!(u.text.contains(para), "{}", u.text);
    }
}
