//! Short rows of tables laid out by spaces (`pdftotext -layout`, `w3m -dump`, fixed-width
//! exports): where a row holds fewer values than columns because some cells are blank, the
//! values that are there stand under their columns. A complete row nearby (every cell a
//! figure) gives where the columns stand; each value of the short row is put under the column
//! it stands closest to, when it stands close enough to one and the order is kept.
//!
//! Positions are counted two ways and both are tried: in characters (what `pdftotext -layout`
//! aligns by, one character per glyph) and in display columns (what text browsers and
//! fixed-width exports align by, two columns per wide character).

use crate::cells::Item;

/// Lines looked at above and below the short row for a complete row.
const LINES_AROUND: usize = 40;
/// Bytes looked at above and below the short row, however long its lines.
const BYTES_AROUND: usize = 8 * 1024;
/// The farthest a value may stand from its column's centre, in half character widths: the
/// jitter of a converter's alignment is a character or so, while a column shifted by a page
/// break or a wrong way of counting is off by several.
const MAX_OFF: usize = 6;

/// How positions along a line are counted.
#[derive(Clone, Copy)]
enum Metric {
    Chars,
    Display,
}

/// The display width of `c`: two columns for the wide characters of East Asian scripts (CJK
/// ideographs and their punctuation, Hangul, full-width forms), one for the others.
fn width(c: char, m: Metric) -> usize {
    match m {
        Metric::Chars => 1,
        Metric::Display => match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        },
    }
}

fn columns(s: &str, m: Metric) -> usize {
    s.chars().map(|c| width(c, m)).sum()
}

/// The centre of `line[start..end]` in half-widths from the line's start.
fn centre(line: &str, start: usize, end: usize, m: Metric) -> Option<usize> {
    Some(2 * columns(line.get(..start)?, m) + columns(line.get(start..end)?, m))
}

/// A figure as complete rows of the tables print one: digits with thousands separators or a
/// decimal point (no sign, unit or `增`/`减`, as counts are printed).
pub(crate) fn is_figure(tok: &str) -> bool {
    tok.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && tok
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// The byte ranges (within `line`) of the figures that end `line`, when exactly `n` figures
/// end it, stand apart by white space, and what comes before them (a label, or nothing) is no
/// figure.
fn trailing_figures(line: &str, n: usize) -> Option<Vec<(usize, usize)>> {
    let mut toks: Vec<(usize, usize)> = Vec::with_capacity(n + 1);
    let mut end = line.trim_end().len();
    while end > 0 && toks.len() <= n {
        let head = &line[..end];
        let start = head.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
        toks.push((start, end));
        end = line[..start].trim_end().len();
    }
    let figures = toks
        .iter()
        .take_while(|&&(s, e)| is_figure(&line[s..e]))
        .count();
    if figures != n {
        return None;
    }
    toks.truncate(n);
    toks.reverse();
    Some(toks)
}

/// The lines around the one at `line_start..line_end`, nearest first (the line above before
/// the line below at each distance), within [`LINES_AROUND`] lines and [`BYTES_AROUND`] bytes.
fn lines_around(text: &str, line_start: usize, line_end: usize) -> Vec<&str> {
    let mut lo = line_start.saturating_sub(BYTES_AROUND);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (line_end + BYTES_AROUND).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let (Some(above), Some(below)) = (text.get(lo..line_start), text.get(line_end..hi)) else {
        return Vec::new();
    };
    // The farthest line of each side is dropped when the window cuts it.
    let mut up: Vec<&str> = match above.strip_suffix('\n') {
        Some(a) => a.rsplit('\n').take(LINES_AROUND + 1).collect(),
        None => Vec::new(),
    };
    if up.len() > LINES_AROUND || (lo > 0 && text.as_bytes().get(lo - 1) != Some(&b'\n')) {
        up.pop();
    }
    let mut down: Vec<&str> = match below.strip_prefix('\n') {
        Some(b) => b.split('\n').take(LINES_AROUND + 1).collect(),
        None => Vec::new(),
    };
    if down.len() > LINES_AROUND || (hi < text.len() && text.as_bytes().get(hi) != Some(&b'\n')) {
        down.pop();
    }
    let mut out = Vec::with_capacity(up.len() + down.len());
    for i in 0..up.len().max(down.len()) {
        out.extend(up.get(i));
        out.extend(down.get(i));
    }
    out
}

/// Where the content items `items` of a short row stand among `n` columns: the column of each
/// item, rising, when all of them stand on one line and a complete row nearby places them.
pub(crate) fn place(text: &str, items: &[&Item], n: usize) -> Option<Vec<usize>> {
    let first = items.first()?;
    if items.len() >= n {
        return None;
    }
    let line_start = text.get(..first.start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text
        .get(first.start..)?
        .find('\n')
        .map_or(text.len(), |i| first.start + i);
    if items
        .iter()
        .any(|i| i.start < line_start || i.end > line_end)
    {
        return None;
    }
    let line = &text[line_start..line_end];
    // A line laid out by spaces: some value stands two spaces or more after what precedes it.
    let laid_out = items
        .iter()
        .any(|i| line[..i.start - line_start].ends_with("  ") || i.start == line_start);
    if !laid_out {
        return None;
    }
    let around = lines_around(text, line_start, line_end);
    for m in [Metric::Chars, Metric::Display] {
        let centres: Option<Vec<usize>> = items
            .iter()
            .map(|i| centre(line, i.start - line_start, i.end - line_start, m))
            .collect();
        let centres = centres?;
        for l in &around {
            let Some(toks) = trailing_figures(l, n) else {
                continue;
            };
            let Some(cols) = toks
                .iter()
                .map(|&(s, e)| centre(l, s, e, m))
                .collect::<Option<Vec<usize>>>()
            else {
                continue;
            };
            if let Some(placed) = match_columns(&centres, &cols) {
                return Some(placed);
            }
        }
    }
    None
}

/// Each centre's column among `cols` (rising centres of a complete row): the nearest, when it
/// is nearer than half the gap to the columns beside it and than [`MAX_OFF`], the columns
/// rising.
fn match_columns(centres: &[usize], cols: &[usize]) -> Option<Vec<usize>> {
    if cols.windows(2).any(|w| matches!(w, [a, b] if b <= a)) {
        return None;
    }
    let mut placed = Vec::with_capacity(centres.len());
    for &c in centres {
        let (j, off) = cols
            .iter()
            .enumerate()
            .map(|(j, &x)| (j, x.abs_diff(c)))
            .min_by_key(|&(_, d)| d)?;
        let here = *cols.get(j)?;
        let gap_before = j
            .checked_sub(1)
            .and_then(|p| cols.get(p))
            .map_or(usize::MAX, |&x| here - x);
        let gap_after = cols.get(j + 1).map_or(usize::MAX, |&x| x - here);
        if off > MAX_OFF || 2 * off >= gap_before.min(gap_after) {
            return None;
        }
        if placed.last().is_some_and(|&p| p >= j) {
            return None;
        }
        placed.push(j);
    }
    Some(placed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::ItemKind;

    fn items(text: &str, row: &str, values: &[&str]) -> Vec<Item> {
        let at = text.find(row).unwrap();
        let mut from = at + row.len();
        values
            .iter()
            .map(|v| {
                let s = from + text[from..].find(v).unwrap();
                from = s + v.len();
                Item {
                    kind: ItemKind::Blank,
                    start: s,
                    end: s + v.len(),
                }
            })
            .collect()
    }

    fn placed(text: &str, row: &str, values: &[&str], n: usize) -> Option<Vec<usize>> {
        let its = items(text, row, values);
        let refs: Vec<&Item> = its.iter().collect();
        place(text, &refs, n)
    }

    const PDFTOTEXT: &str = "\
一、本年新收政府信息公开申请数量                             21    3      1     0   0   0     25
二、上年结转政府信息公开申请数量                              7                                7
                  （一）予以公开                     5          1                      6
";

    #[test]
    fn values_stand_under_the_columns_of_a_complete_row() {
        assert_eq!(
            placed(PDFTOTEXT, "二、上年结转", &["7", "7"], 7),
            Some(vec![0, 6])
        );
        assert_eq!(
            placed(PDFTOTEXT, "（一）予以公开", &["5", "1", "6"], 7),
            Some(vec![0, 2, 6])
        );
    }

    #[test]
    fn display_columns_place_rows_of_labels_of_other_lengths() {
        // Aligned by display width: a wide character takes two columns.
        let text = "\
（一）予以公开                    12     3     0     15
（二）部分公开（区分处理的）      4                  4
";
        assert_eq!(
            placed(text, "（二）部分公开", &["4", "4"], 4),
            Some(vec![0, 3])
        );
    }

    #[test]
    fn no_complete_row_or_values_between_columns_place_nothing() {
        let text = "\
一、本年新收政府信息公开申请数量   21    3
二、上年结转政府信息公开申请数量   7     7
";
        assert_eq!(placed(text, "二、上年结转", &["7", "7"], 7), None);
        // A value halfway between two columns belongs to neither.
        let text = "\
甲 10  20  30  40
乙   11      31
";
        assert_eq!(placed(text, "乙", &["11", "31"], 4), None);
        // Values not laid out by spaces are no layout.
        let text = "甲 10 20 30 40\n乙 1 2\n";
        assert_eq!(placed(text, "乙", &["1", "2"], 4), None);
    }

    #[test]
    fn a_complete_row_is_one_of_exactly_n_figures() {
        assert_eq!(
            trailing_figures("标签 1 2 3", 3),
            Some(vec![(7, 8), (9, 10), (11, 12)])
        );
        assert_eq!(
            trailing_figures("1 2 3", 3),
            Some(vec![(0, 1), (2, 3), (4, 5)])
        );
        assert_eq!(trailing_figures("0 1 2 3", 3), None);
        assert_eq!(trailing_figures("标签 1 2", 3), None);
        assert_eq!(trailing_figures("", 3), None);
    }

    #[test]
    fn lines_around_come_nearest_first_and_whole() {
        let text = "a\nb\nrow\nc\nd";
        let s = text.find("row").unwrap();
        assert_eq!(lines_around(text, s, s + 3), vec!["b", "c", "a", "d"]);
    }
}
