//! Grid tables → one pipe row per table row, with an offset map back to the text.
//!
//! Reports converted from Word files (pandoc's grid tables, `+----+----+`), dumped by text
//! browsers (w3m and links draw `┌──┬──┐`, `│`, `├──┼──┤`) or printed by table libraries
//! (`╒══╤══╕`, `╞══╪══╡`) carry their tables between border lines, and a cell too wide for its
//! column is wrapped over several lines of the same row:
//!
//! ```text
//! +------------------+----+----+
//! | 7.属于行政执法案 | 0  | 0  |
//! | 卷               |    |    |
//! +------------------+----+----+
//! ```
//!
//! A row label cut so (`7.属于行政执法案` / `卷`) is found by none of its words, and the
//! parser reads rows by their labels. This stage joins the lines of each such row into one
//! pipe row, each cell's pieces in their order (`| 7.属于行政执法案卷 | 0 | 0 |`), writes every
//! other row of a grid with `|` (box-drawn bars are not the parser's pipes), and drops the border
//! lines; everything else is copied as it is.
//!
//! # Tables
//!
//! A grid table starts at a border line: junctions at both ends (`+`, or a box-drawing corner
//! or tee) and only rules, junctions and bars between (`+----+`, `├──┼──┤`, `+:===+`). Then
//! come row lines (a bar at both ends) and more border lines, until any other line (blank lines
//! and page numbers are passed over: a save that doubled the line breaks, a text dump's page
//! break), indents of any white space allowed. A line of
//! bars in which a junction opens a rule (`| 三、本年 +------+`, pandoc's row span) ends a row
//! as a border does, its cells' text kept. The lines of a row must split into the same number
//! of cells; a row whose lines do not is copied as it is.
//!
//! A markdown horizontal rule (`---`) or a pipe table's `|---|---|` has no junction at its ends,
//! so neither opens a grid.
//!
//! # The map
//!
//! Offset maps are monotone (see [`OffsetMap`]), but the pieces of a cell wrapped over three
//! lines lie in the source between the other cells' pieces. A cell's first piece is copied
//! (mapped byte for byte) when it starts at or after the last byte mapped so far, and otherwise
//! stands at that point; the pieces after it stand at its end. So a row's numbers (one piece
//! each, on its first line or, centred, on a later one) map exactly, and a wrapped label maps
//! to where it starts. The pipes and spaces written between cells stand where they are
//! written.

use crate::textmap::OffsetMap;

/// A rewritten text: grid rows joined, with its map back to the text it was made from.
pub(crate) struct Joined {
    /// The text with each grid row on one line.
    pub text: String,
    /// Offsets in `text` → offsets in the source text.
    pub map: OffsetMap,
    /// Rows of grid tables rewritten.
    pub rows: usize,
    /// Pipe rows outside grid tables joined with the lines continuing them ([`continues`]).
    pub continued: usize,
    /// Of those, rows written over more than one line that were joined.
    pub rows_joined: usize,
    /// Source range of the first row joined (else where the first row starts).
    pub first: (usize, usize),
}

/// Characters drawn as a column's bar.
fn is_bar(c: char) -> bool {
    matches!(
        c,
        '|' | '│' | '┃' | '║' | '╎' | '╏' | '┆' | '┇' | '┊' | '┋' | '｜'
    )
}

/// Characters drawn as a rule between rows.
fn is_rule(c: char) -> bool {
    matches!(
        c,
        '-' | '=' | ':' | '─' | '━' | '═' | '╌' | '╍' | '┄' | '┅' | '┈' | '┉' | '－' | '＝'
            // Dashes a word processor puts for `-`.
            | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}'
    )
}

/// Characters drawn where rules and bars meet: `+` and the box-drawing block's corners, tees
/// and crosses.
fn is_junction(c: char) -> bool {
    c == '+' || c == '＋' || (('\u{2500}'..='\u{257F}').contains(&c) && !is_bar(c) && !is_rule(c))
}

/// White space around cell text.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// `+----+----+`: ends a row.
    Border,
    /// `| 三、本年 +------+`: a row line that also ends the row (a cell spans on below it).
    Partial,
    /// `| 规章 | 0 |`.
    Row,
    /// A blank line or a page number (`— 3 —`): passed over inside a table (a save that
    /// doubled the line breaks, a page break of a text dump).
    Gap,
    /// Anything else: ends the table.
    Other,
}

fn classify(line: &str) -> Line {
    let t = line.trim_matches(is_space);
    let (Some(first), Some(last)) = (t.chars().next(), t.chars().next_back()) else {
        return Line::Gap;
    };
    if crate::scan::page_marker_len(t).is_some() {
        return Line::Gap;
    }
    if is_junction(first) && is_junction(last) && t.chars().count() >= 3 {
        let mut rules = 0;
        let all = t.chars().all(|c| {
            rules += usize::from(is_rule(c));
            is_rule(c) || is_junction(c) || is_bar(c) || c == ' '
        });
        if all && rules >= 2 {
            return Line::Border;
        }
    }
    if is_bar(first) && (is_bar(last) || is_junction(last)) && t.chars().count() >= 2 {
        let mut prev_junction = false;
        for c in t.chars() {
            if prev_junction && is_rule(c) {
                return Line::Partial;
            }
            prev_junction = is_junction(c);
        }
        if is_bar(last) {
            return Line::Row;
        }
    }
    Line::Other
}

/// Whether `text` has a border line ([`Line::Border`]), which every grid table has: the
/// lines holding a `+` followed by a rule (ASCII, or a dash a word processor put for `-`,
/// E2 80 9x, E2 88 92) or two box-drawing characters in a row (U+2500..=U+257F, E2 94 xx and
/// E2 95 xx) are classified. Most reports hold neither, and are answered by one `memchr2` pass
/// for the rare `+` and the lead byte 0xE2 (of quotes, dashes and ellipses too, tested at a
/// byte each), rather than a test at every line start.
fn may_hold_grid(text: &str) -> bool {
    let b = text.as_bytes();
    let is_box = |i: usize| matches!(b.get(i..i + 2), Some([0xE2, 0x94 | 0x95]));
    let mut classified_to = 0usize;
    for i in memchr::memchr2_iter(b'+', 0xE2, b) {
        if i < classified_to {
            continue;
        }
        let candidate = match b.get(i) {
            Some(b'+') => matches!(b.get(i + 1), Some(b'-' | b'=' | b':' | 0xE2)),
            _ => is_box(i) && is_box(i + 3),
        };
        if !candidate {
            continue;
        }
        let start = memchr::memrchr(b'\n', b.get(..i).unwrap_or_default()).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', b.get(i..).unwrap_or_default()).map_or(b.len(), |p| i + p);
        if classify(text.get(start..end).unwrap_or("")) == Line::Border {
            return true;
        }
        classified_to = end;
    }
    false
}

/// Box-drawing tees with no line above them (`┬`, `╤`, `╥`, `┳` and their mixed weights): in
/// a row's last line, where a column of the rows below opens (`│ ├────┬────┼──┤` under
/// `│ │（二）部分公开 │ 99 │`), they stand inside a cell of the row above.
fn opens_below(c: char) -> bool {
    matches!(
        c,
        '┬' | '┭' | '┮' | '┯' | '┰' | '┱' | '┲' | '┳' | '╤' | '╥' | '╦'
    )
}

/// The cells of a row line: each cell's text trimmed of white space, as a source range. In a
/// `Partial` line junctions also divide cells (but those that open a column below,
/// [`opens_below`]), and a cell of rules only is empty.
fn cells(line: &str, at: usize, partial: bool) -> Vec<(usize, usize)> {
    let t_start = line.len() - line.trim_start_matches(is_space).len();
    let t = line.trim_matches(is_space);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in t.char_indices() {
        // A tee that opens a column below (`┬`) divides no cell of the row above it.
        let divides = is_bar(c) || (partial && is_junction(c) && !opens_below(c));
        if !divides {
            continue;
        }
        if let Some(s) = start {
            let cell = t.get(s..i).unwrap_or("");
            let lead = cell.len() - cell.trim_start_matches(is_space).len();
            let text = cell.trim_matches(is_space);
            let (a, b) = if partial && text.chars().all(|c| is_rule(c) || is_junction(c)) {
                (s + lead, s + lead)
            } else {
                (s + lead, s + lead + text.len())
            };
            out.push((at + t_start + a, at + t_start + b));
        }
        start = Some(i + c.len_utf8());
    }
    out
}

/// The rewritten text being built, its map, and the source offset mapped so far.
struct Out<'a> {
    src: &'a str,
    text: String,
    map: OffsetMap,
    cursor: usize,
}

impl Out<'_> {
    /// Source bytes `a..b`, copied when they start at or after the cursor, else standing at it.
    fn piece(&mut self, a: usize, b: usize) {
        let s = self.src.get(a..b).unwrap_or("");
        if a >= self.cursor {
            self.map.skip_source(a - self.cursor);
            self.map.push_copy(s.len());
            self.cursor = b;
        } else {
            self.map.push_replace(s.len(), 0);
        }
        self.text.push_str(s);
    }
    /// Text written here that the source does not hold.
    fn synthetic(&mut self, s: &str) {
        self.map.push_replace(s.len(), 0);
        self.text.push_str(s);
    }
}

/// `true` when two pieces of a cell are joined with a space: words of Latin letters in a cell
/// of ASCII text (a wrapped `Word` `document`). Chinese text, digits, and a pinyin gloss cut
/// inside (`轉(zh` / `uǎn)`) join as they are.
fn spaced(before: &str, after: &str) -> bool {
    let l = before.chars().next_back();
    let r = after.chars().next();
    before.is_ascii()
        && after.is_ascii()
        && l.is_some_and(|c| c.is_ascii_alphabetic())
        && r.is_some_and(|c| c.is_ascii_alphabetic())
}

/// Rewrite the grid tables of `text` as pipe rows, each table row on one line: `None` when
/// the text holds none (it is read as it is).
pub(crate) fn join_rows(text: &str) -> Option<Joined> {
    // Pipe rows one above another (`|` at a line's end and the next line's start), which may
    // continue on the lines below them (with the `html` feature).
    let b = text.as_bytes();
    let piped = cfg!(feature = "html")
        && memchr::memmem::find_iter(b, b"\n|").any(|i| {
            let before = b.get(..i).unwrap_or_default();
            let before = before.strip_suffix(b"\r").unwrap_or(before);
            if !before.ends_with(b"|") {
                return false;
            }
            let p0 = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
            // The line above opens with a bar and holds no cell whose text stands after spaces
            // (a markdown row, `| a |`, never continues: [`continues`]).
            let above = b.get(p0..before.len()).unwrap_or_default();
            let flush = above.first() == Some(&b'|')
                && !memchr::memchr_iter(b'|', above).any(|p| {
                    let rest = above.get(p + 1..).unwrap_or_default();
                    let text = rest.trim_ascii_start();
                    text.len() < rest.len() && text.first().is_some_and(|&c| c != b'|')
                });
            let end = memchr::memchr(b'\n', b.get(i + 1..).unwrap_or_default())
                .map_or(b.len(), |n| i + 1 + n);
            flush
                && text
                    .get(p0..before.len())
                    .zip(text.get(i + 1..end))
                    .is_some_and(|(p, l)| continues(p.trim_end(), l.trim_end()))
        });
    if !piped && !may_hold_grid(text) {
        return None;
    }
    // Lines with their offsets and kinds.
    let mut lines: Vec<(usize, &str, Line)> = Vec::new();
    let mut pos = 0;
    for l in text.split_inclusive('\n') {
        let body = l.trim_end_matches(['\n', '\r']);
        lines.push((pos, body, classify(body)));
        pos += l.len();
    }
    // The rows of the tables (first line, last line): runs of row lines after a border, each
    // ended by a border or a partial line. Lines after a table's last border (a page cut inside
    // it, or a pipe table after a line of `+---+` that is no grid) are rows of one line each:
    // joined, a pipe table would be one row. Border lines inside tables are dropped.
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut in_grid = false;
    let mut row_start: Option<usize> = None;
    // A pipe row outside the grids, with the lines continuing it so far (the `html` feature's
    // [`continues`]), and the rows so joined.
    let mut open: Option<(usize, usize)> = None;
    let mut continued = 0;
    for (k, &(_, body, kind)) in lines.iter().enumerate() {
        // Only where some pipe row is continued by the line below it (`piped`): a row continued
        // over several lines is continued by its second.
        if piped && !in_grid && kind == Line::Row {
            if let Some((s, e)) = open {
                if lines.get(s).is_some_and(|l| continues(l.1, body)) {
                    open = Some((s, k));
                    continue;
                }
                if e > s {
                    rows.push((s, e));
                    continued += 1;
                }
            }
            open = Some((k, k));
            continue;
        }
        if let Some((s, e)) = open.take() {
            if e > s {
                rows.push((s, e));
                continued += 1;
            }
        }
        match kind {
            Line::Border => {
                if let Some(s) = row_start.take() {
                    rows.push((s, k - 1));
                }
                in_grid = true;
            }
            Line::Gap if in_grid => {}
            Line::Row | Line::Partial if in_grid => {
                let s = *row_start.get_or_insert(k);
                if kind == Line::Partial {
                    rows.push((s, k));
                    row_start = None;
                }
            }
            _ => {
                if let Some(s) = row_start.take() {
                    unclosed(&lines, s, k, &mut rows);
                }
                in_grid = false;
            }
        }
    }
    if let Some(s) = row_start {
        unclosed(&lines, s, lines.len(), &mut rows);
    }
    if let Some((s, e)) = open {
        if e > s {
            rows.push((s, e));
            continued += 1;
        }
    }
    if rows.is_empty() {
        return None;
    }
    // Each row's cells by line, when its lines split into the same number of cells.
    let split_row = |s: usize, e: usize| -> Option<Vec<Vec<(usize, usize)>>> {
        let split: Vec<Vec<(usize, usize)>> = lines
            .get(s..=e)?
            .iter()
            .filter(|l| l.2 != Line::Gap)
            .map(|&(at, body, kind)| cells(body, at, kind == Line::Partial))
            .collect();
        let n = split.first()?.len();
        (n > 0 && split.iter().all(|c| c.len() == n)).then_some(split)
    };
    let mut out = Out {
        src: text,
        text: String::with_capacity(text.len()),
        map: OffsetMap::new(),
        cursor: 0,
    };
    let mut rows_joined = 0;
    let mut first: Option<(usize, usize)> = None;
    let mut next_row = rows.iter().peekable();
    let mut k = 0;
    while k < lines.len() {
        if let Some(&&(s, e)) = next_row.peek() {
            if s == k {
                next_row.next();
                if let Some(split) = split_row(s, e) {
                    if e > s {
                        rows_joined += 1;
                        first.get_or_insert_with(|| {
                            let a = lines.get(s).map_or(0, |l| l.0);
                            (a, lines.get(e).map_or(a, |l| l.0 + l.1.len()))
                        });
                    }
                    write_row(&mut out, &split);
                    k = e + 1;
                    continue;
                }
            }
        }
        // Border lines are dropped (every one opens or continues a table).
        if lines.get(k).is_some_and(|l| l.2 != Line::Border) {
            let at = lines.get(k).map_or(text.len(), |l| l.0);
            let end = lines.get(k + 1).map_or(text.len(), |l| l.0);
            out.piece(at, end);
        }
        k += 1;
    }
    out.map.skip_source(text.len().saturating_sub(out.cursor));
    Some(Joined {
        text: out.text,
        map: out.map,
        rows: rows.len() - continued,
        continued,
        rows_joined,
        first: first.unwrap_or_else(|| {
            let a = rows.first().and_then(|r| lines.get(r.0)).map_or(0, |l| l.0);
            (a, a)
        }),
    })
}

/// Whether the pipe row `line` continues the pipe row `first` above it, outside a grid table:
/// a cell too wide for its column wrapped onto the lines below, with no border between rows
/// (`antiword` draws a Word table so, each column padded to its width):
///
/// ```text
/// |行政许可           |0            |3       |42         |
/// |其他对外管理服务事 |102          |0       |81         |
/// |项                 |             |        |           |
/// ```
///
/// The two lines' bars stand in the same display columns (an ideograph two), three cells at
/// least, each cell's text above right after its bar; the line below holds no digit (ASCII or
/// full-width: a row's figures stand on its first line), holds text
/// only in cells that hold text in `first` (a row below holding a cell blank above opens a new
/// row: `|第二十条第（五）项 |   |` over `|信息内容 |上一年项目数 |`) and whose text fills its
/// column (the text below would not have fitted after it: a wrapper broke there; a table whose
/// columns are padded wider than their text, as org-mode's and markdown's are, wraps nothing),
/// and does not open with a row's numbering or a block's (`（三）`, `四、`, `第二十条第（六）项`).
#[cfg(feature = "html")]
fn continues(first: &str, line: &str) -> bool {
    use crate::reflow::cols;
    if line
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let bars = |l: &str| {
        let mut w = 0;
        let mut at = Vec::new();
        for c in l.trim_end_matches(is_space).chars() {
            if c == '|' {
                at.push(w);
            }
            w += cols(c);
        }
        at
    };
    let above = bars(first);
    if above.len() < 4 || above != bars(line) {
        return false;
    }
    let (a, b) = (cells(first, 0, false), cells(line, 0, false));
    // Neither line a markdown table's rule (`|---|:--|`), nor a cell a dash put for nothing.
    let ruled = |l: &str, c: &[(usize, usize)]| {
        c.iter()
            .any(|&(x, y)| x < y && l.get(x..y).is_some_and(|t| t.chars().all(is_rule)))
    };
    if ruled(first, &a) || ruled(line, &b) {
        return false;
    }
    let width = |t: &str| t.chars().map(cols).sum::<usize>();
    // Each cell's text right after its bar, as a drawing that pads its columns sets it (a
    // markdown row, `| a | b |`, pads none and may be full in every cell).
    let flush = a
        .iter()
        .all(|&(x, y)| x == y || first.get(..x).is_some_and(|t| t.ends_with('|')));
    if !flush {
        return false;
    }
    let mut text = None;
    for ((x, y), close) in a.iter().zip(&b).zip(above.iter().skip(1)) {
        if y.0 < y.1 {
            let below = line.get(y.0..y.1).unwrap_or_default();
            // The cell above is full: the text below would not have fitted after its text,
            // a space before the bar.
            let next = below.chars().next().map_or(0, cols);
            if x.0 == x.1 || width(first.get(..x.1).unwrap_or_default()) + next < *close {
                return false;
            }
            text = text.or(Some(below));
        }
    }
    let Some(t) = text else { return false };
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut cs = t.chars();
    let numbered = match cs.next() {
        Some('（' | '(' | '第') => cs.next().is_some_and(numeral),
        Some(c) if numeral(c) => cs.find(|&c| !numeral(c)) == Some('、'),
        _ => false,
    };
    !numbered
}

#[cfg(not(feature = "html"))]
fn continues(_: &str, _: &str) -> bool {
    false
}

/// The row lines from `s` to before `end`, after a table's last border: a row each.
fn unclosed(lines: &[(usize, &str, Line)], s: usize, end: usize, rows: &mut Vec<(usize, usize)>) {
    for k in s..end {
        if lines.get(k).is_some_and(|l| l.2 != Line::Gap) {
            rows.push((k, k));
        }
    }
}

/// One row of pieces, each cell's pieces in line order, as `| a | b |` and a line break.
fn write_row(out: &mut Out<'_>, split: &[Vec<(usize, usize)>]) {
    let n = split.first().map_or(0, Vec::len);
    out.synthetic("|");
    for j in 0..n {
        out.synthetic(" ");
        let mut prev: Option<(usize, usize)> = None;
        for line in split {
            let Some(&(a, b)) = line.get(j) else { continue };
            if a == b {
                continue;
            }
            if let Some((pa, pb)) = prev {
                let before = out.src.get(pa..pb).unwrap_or("");
                let after = out.src.get(a..b).unwrap_or("");
                if spaced(before, after) {
                    out.synthetic(" ");
                }
            }
            // A cell's first piece maps to the source when it can; the pieces after it stand
            // at its end (copying one would put the cursor past the next cells' numbers).
            if prev.is_none() {
                out.piece(a, b);
            } else {
                let s = out.src.get(a..b).unwrap_or("");
                out.synthetic(s);
            }
            prev = Some((a, b));
        }
        out.synthetic(" |");
    }
    out.synthetic("\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> Option<String> {
        join_rows(text).map(|j| j.text)
    }

    #[test]
    fn a_wrapped_row_of_an_ascii_grid_is_one_pipe_row() {
        let text = "三、收到和处理政府信息公开申请情况\n\
            +------------------+----+----+\n\
            | 6.属于四类过程性 | 1  | 0  |\n\
            | 信息             |    |    |\n\
            +------------------+----+----+\n\
            | 7.属于行政执法案 | 0  | 12 |\n\
            | 卷               |    |    |\n\
            +------------------+----+----+\n\
            | 8.属于行政查询事项 | 3 | 4 |\n\
            +------------------+----+----+\n\
            四、…\n";
        assert_eq!(
            joined(text).as_deref(),
            Some(
                "三、收到和处理政府信息公开申请情况\n\
                 | 6.属于四类过程性信息 | 1 | 0 |\n\
                 | 7.属于行政执法案卷 | 0 | 12 |\n\
                 | 8.属于行政查询事项 | 3 | 4 |\n\
                 四、…\n"
            )
        );
        let j = join_rows(text).expect("joined");
        assert_eq!(j.rows_joined, 2);
        // Each number maps to itself in the source.
        for (k, _) in j.text.match_indices("12") {
            let (a, b) = j.map.map_range(k, k + 2);
            assert_eq!(&text[a..b], "12");
        }
        let k = j.text.find("7.属于").expect("label");
        let (a, _) = j.map.map_range(k, k + 1);
        assert!(text[a..].starts_with("7.属于行政执法案"));
    }

    /// `antiword`'s drawing of a Word table: no border lines, each column padded to its width,
    /// a cell too long for its column wrapped onto the lines below.
    #[cfg(feature = "html")]
    #[test]
    fn pipe_rows_continued_below_their_full_cells_are_joined() {
        let text = "第二十条第（五）项\n\
            |信息内容           |上一年项目数 |本年增/ |处理决定数 |\n\
            |                   |量           |减      |量         |\n\
            |行政许可           |0            |3       |42         |\n\
            |其他对外管理服务事 |102          |0       |81         |\n\
            |项                 |             |        |           |\n\
            第二十条第（六）项\n";
        let j = join_rows(text).expect("joined");
        assert_eq!(
            j.text,
            "第二十条第（五）项\n\
             | 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n\
             |行政许可           |0            |3       |42         |\n\
             | 其他对外管理服务事项 | 102 | 0 | 81 |\n\
             第二十条第（六）项\n"
        );
        assert_eq!((j.rows, j.continued), (0, 2));
        // The figures map to themselves.
        let k = j.text.find("102").expect("figure");
        let (a, b) = j.map.map_range(k, k + 3);
        assert_eq!(&text[a..b], "102");
        // A line holding a figure, text where the line above is blank, a row's or a block's
        // numbering, or text below a cell that is not full opens a row of its own; so does a
        // line below a markdown table's rule or a placeholder dash.
        for kept in [
            "|行政许可           |0            |\n|其他对外管理服务事 |102          |\n",
            "|第二十条第（五）项 |        |        |\n|信息内容           |上一年  |本年增/ |\n",
            "|5.属于三类内部事务 |1       |0       |\n|（四）无法提供     |        |        |\n",
            "|行政规范性文件  |69      |3       |\n|第二十条第（五）|        |        |\n",
            "| 规章               |        |        |\n| 规范性文件         |        |        |\n",
            "| 行政规范性文件       | 69 | 3 |\n| 行政事业性收费       |    |   |\n",
            "|---------|---------|---------|\n|信息内容 |本年新制 |本年新公 |\n",
            "|信息内容 |本年新制 |-        |\n|         |作数量   |-        |\n",
            "| 自然人 | 法人或 | 总计 |\n| 商业企 | 其他组 | 总计 |\n",
            "|行政处罚 |０ |  |\n|行政强制 |０ |  |\n",
        ] {
            assert!(join_rows(kept).is_none(), "{kept}");
        }
    }

    #[test]
    fn box_drawn_grids_and_spanning_cells_are_joined() {
        let text = "┌──────┬────┐\n\
                    │一、本年新收│ 5  │\n\
                    │政府信息公开│    │\n\
                    │申请数量    │    │\n\
                    ├──────┼────┤\n\
                    │ 二、上年结转政府信息公开申请数量 │ 0 │\n\
                    └──────┴────┘\n";
        assert_eq!(
            joined(text).as_deref(),
            Some("| 一、本年新收政府信息公开申请数量 | 5 |\n| 二、上年结转政府信息公开申请数量 | 0 |\n")
        );
        assert_eq!(
            join_rows(text).map(|j| (j.rows, j.rows_joined)),
            Some((2, 1))
        );
        // pandoc's row span: a partial border ends the rows of the other columns.
        let span = "+------+--------+---+\n\
                    | 三、 | （一） | 1 |\n\
                    | 本年 | 予以公开 |   |\n\
                    | 度   +--------+---+\n\
                    |      | （二） | 2 |\n\
                    +------+--------+---+\n";
        assert_eq!(
            joined(span).as_deref(),
            Some("| 三、本年度 | （一）予以公开 | 1 |\n|  | （二） | 2 |\n")
        );
    }

    #[test]
    fn a_column_opened_below_a_row_divides_none_of_its_cells() {
        // w3m: the border under （二） opens the sub-items' column (`┬`) of the group below.
        let text = "┌────┬──────┬────┬────┐\n\
                    │三、│（一）予以│ 290│ 294│\n\
                    │    │公开      │    │    │\n\
                    │    ├──────┼────┼────┤\n\
                    │    │（二）部分│ 99 │ 101│\n\
                    │    │公开      │    │    │\n\
                    │    ├──┬───┼────┼────┤\n\
                    │    │  │1.属于│ 0  │ 0  │\n\
                    └────┴──┴───┴────┴────┘\n";
        let j = joined(text).expect("joined");
        assert!(j.contains("|  | （二）部分公开 | 99 | 101 |\n"), "{j}");
        assert!(j.contains("| 三、 | （一）予以公开 | 290 | 294 |\n"), "{j}");
    }

    #[test]
    fn text_without_a_wrapped_grid_row_is_left_as_it_is() {
        for text in [
            "| 规章 | 0 | 0 |\n|---|---|---|\n| 行政规范性文件 | 1 | 2 |\n",
            "---\n| a | b |\n| c | d |\n---\n",
            "一、总体情况\n本年度，我局主动公开+-信息。\n",
            "+-\n正文\n",
        ] {
            assert_eq!(joined(text), None, "{text}");
        }
    }

    #[test]
    fn rows_of_one_line_are_rewritten_and_rows_whose_lines_disagree_are_copied() {
        let text = "+----+----+\n| 规章 |  0 |\n+----+----+\n| 续 |\n| 行政许可 | 1 |\n\
                    +----+----+\n| 行政处罚 | 2 |\n| 罚 | |\n";
        // Lines after the last border are rows of one line each.
        assert_eq!(
            joined(text).as_deref(),
            Some("| 规章 | 0 |\n| 续 |\n| 行政许可 | 1 |\n| 行政处罚 | 2 |\n| 罚 |  |\n")
        );
        let j = join_rows(text).expect("joined");
        assert_eq!((j.rows, j.rows_joined), (4, 0));
        // A pipe table after a line of `+---+` is not made one row.
        let after = "+--------+\n| 规章 | 0 | 0 |\n| 行政规范性文件 | 1 | 2 |\n正文\n";
        assert_eq!(
            joined(after).as_deref(),
            Some("| 规章 | 0 | 0 |\n| 行政规范性文件 | 1 | 2 |\n正文\n")
        );
        // Latin words wrapped at a space are joined with one.
        let latin = "+------+---+\n| Word | 1 |\n| file |   |\n+------+---+\n";
        assert_eq!(joined(latin).as_deref(), Some("| Word file | 1 |\n"));
        // A gloss cut inside is joined as it was written.
        let gloss = "+------+---+\n| 結(jié)轉(zh | 1 |\n| uǎn)下年度 |   |\n+------+---+\n";
        assert_eq!(
            joined(gloss).as_deref(),
            Some("| 結(jié)轉(zhuǎn)下年度 | 1 |\n")
        );
    }

    #[test]
    fn blank_lines_page_numbers_indents_and_dashes_inside_a_grid_are_passed_over() {
        let text = "\u{3000}+\u{2212}\u{2212}\u{2212}\u{2212}+\u{2212}\u{2212}+\n\n\
                    \u{3000}| 7.属于行政执法案 | 12 |\n\n\
                    — 3 —\n\
                    \u{3000}| 卷 |  |\n\n\
                    \u{3000}+----+--+\n";
        assert_eq!(
            joined(text).as_deref(),
            Some("\n| 7.属于行政执法案卷 | 12 |\n")
        );
    }
}
