//! Tab-separated and comma-separated rows → pipe rows, byte for byte.
//!
//! A table copied from a web page, a Word file or a spreadsheet is pasted with a tab between its
//! cells, and an empty cell is two tabs in a row (`一、本年新收…\t56\t\t\t\t\t\t56`). Read as white
//! space, the empty cells leave no trace and the numbers after them slide into their places.
//! Each line with at least two tabs after its first other character has those tabs written `|`
//! (its leading ones as spaces), so an empty cell is the one between two pipes, as in a pipe
//! row. A line already holding a `|` is left as it is, and so are the lines of a dump that puts
//! one cell on each line after a tab (`\t行政许可`), which hold no tab after their text.
//!
//! A table exported as CSV (`规章,0,0,0`, `一、本年新收…,56,,,,,,56`, a number with group
//! separators quoted, `"11,398,889"`) is read the same way: a line whose fields, split at the
//! commas outside quotes, are labels and then at least two figures (empty fields and blank
//! marks between them, no text after the first figure) has those commas written `|` and its
//! quotes as spaces. Prose, whose commas separate words and phrases with figures inside them
//! (`受理15件,办结15件`), is left as it is.
//!
//! Every byte keeps its place (a tab, a comma, a quote and a `|` are one byte each): the
//! canonical text's offset map holds as it is.

/// The text with its tab-separated rows written as pipe rows, or `None` when it has none.
pub(crate) fn tab_rows_as_pipes(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let first_tab = memchr::memchr(b'\t', b)?;
    let mut edits: Vec<(usize, u8)> = Vec::new();
    // From the start of the line holding the first tab.
    let mut start = memchr::memrchr(b'\n', b.get(..first_tab)?).map_or(0, |i| i + 1);
    while start < b.len() {
        let end = memchr::memchr(b'\n', b.get(start..)?).map_or(b.len(), |i| start + i);
        let line = b.get(start..end)?;
        let lead = line
            .iter()
            .position(|&c| !matches!(c, b'\t' | b' '))
            .unwrap_or(line.len());
        let inner = line
            .get(lead..)
            .map_or(0, |r| memchr::memchr_iter(b'\t', r).count());
        if inner >= 2 && memchr::memchr(b'|', line).is_none() {
            for i in memchr::memchr_iter(b'\t', line) {
                edits.push((start + i, if i < lead { b' ' } else { b'|' }));
            }
        }
        // The next line with a tab.
        let Some(t) = b.get(end..).and_then(|r| memchr::memchr(b'\t', r)) else {
            break;
        };
        let t = end + t;
        start = memchr::memrchr(b'\n', b.get(..t)?).map_or(0, |j| j + 1);
    }
    rewritten(text, &edits)
}

/// The text with its comma-separated rows (see the module's description) written as pipe
/// rows, or `None` when it has none.
pub(crate) fn csv_rows_as_pipes(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut edits: Vec<(usize, u8)> = Vec::new();
    let mut at = memchr::memchr(b',', b)?;
    loop {
        let start = memchr::memrchr(b'\n', b.get(..at)?).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', b.get(at..)?).map_or(b.len(), |i| at + i);
        let line = b.get(start..end)?;
        if let Some(seps) = csv_row(line) {
            for (i, &c) in line.iter().enumerate() {
                if c == b'"' {
                    edits.push((start + i, b' '));
                }
            }
            edits.extend(seps.into_iter().map(|i| (start + i, b'|')));
        }
        match b.get(end..).and_then(|r| memchr::memchr(b',', r)) {
            Some(i) => at = end + i,
            None => break,
        }
    }
    // Ordered by offset, each offset edited once (a quote or a comma), as sorted (offset, index)
    // pairs: the module's one instance of the sort of `(usize, usize)`.
    let mut order: Vec<(usize, usize)> = edits.iter().enumerate().map(|(i, e)| (e.0, i)).collect();
    order.sort_unstable();
    let edits: Vec<(usize, u8)> = order
        .iter()
        .filter_map(|&(_, i)| edits.get(i).copied())
        .collect();
    rewritten(text, &edits)
}

/// `text` with the ASCII byte at each offset of `edits` (in order) replaced by the ASCII byte
/// given, built from the text's slices between them (each a whole `str`: no UTF-8 check of the
/// result); `None` when there is no edit.
/// The text with its MediaWiki tables (`{|` … `|}`, rows divided by `|-`, a cell a line
/// `| 56`, header cells `! 信息内容`) written as rows a cell a line: the table's syntax lines
/// (`{|`, `|-`, `|+`, `|}`, with their attributes) blank, so that a row ends at a blank line,
/// and a header cell's `!` a `|`. `None` when the text has no such table. Read as they were, a
/// `|-` was a cell holding `-`, a blank mark, and every value after it moved a column. A
/// markup's tables: read with the `html` feature.
#[cfg(feature = "html")]
pub(crate) fn wiki_tables_as_rows(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let open = memchr::memmem::find(b, b"{|")?;
    let mut start = memchr::memrchr(b'\n', b.get(..open)?).map_or(0, |i| i + 1);
    let mut edits: Vec<(usize, u8)> = Vec::new();
    let mut inside = false;
    while start < b.len() {
        let end = memchr::memchr(b'\n', b.get(start..)?).map_or(b.len(), |i| start + i);
        let line = b.get(start..end)?;
        let lead = line.iter().take_while(|&&c| c == b' ').count();
        let at = start + lead;
        match line.get(lead..lead + 2) {
            Some(b"{|") => inside = true,
            Some(b"|}" | b"|-" | b"|+") if inside => {}
            Some([b'!' | b'|', ..]) if inside => {
                if line.get(lead) == Some(&b'!') {
                    edits.push((at, b'|'));
                }
                // A cell's attributes (`|align="center"| 80`) blank.
                if let Some(attrs) = cell_attributes(line.get(lead + 1..).unwrap_or_default()) {
                    edits.extend((at + 1..at + 2 + attrs).map(|i| (i, b' ')));
                }
                start = end + 1;
                continue;
            }
            _ => {
                start = end + 1;
                continue;
            }
        }
        if line.get(lead..lead + 2) == Some(b"|}") {
            inside = false;
        }
        // The syntax, and its attributes when they are ASCII.
        let upto = if line.is_ascii() { end } else { at + 2 };
        edits.extend((at..upto).map(|i| (i, b' ')));
        start = end + 1;
    }
    rewritten(text, &edits)
}

/// The length of a wiki cell's attributes before the `|` that ends them (`align="center"` in
/// `align="center"| 80`, the cell's line after its first `|`): ASCII, a name and `=`.
#[cfg(feature = "html")]
fn cell_attributes(cell: &[u8]) -> Option<usize> {
    let bar = memchr::memchr(b'|', cell)?;
    let attrs = cell.get(..bar)?;
    let name = attrs
        .iter()
        .skip_while(|&&c| c == b' ')
        .take_while(|c| c.is_ascii_alphabetic());
    (name.count() > 0
        && attrs.is_ascii()
        && memchr::memchr(b'=', attrs).is_some()
        && cell.get(bar + 1) != Some(&b'|'))
    .then_some(bar)
}

fn rewritten(text: &str, edits: &[(usize, u8)]) -> Option<String> {
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0usize;
    for &(at, c) in edits {
        out.push_str(text.get(last..at)?);
        out.push(char::from(c));
        last = at + 1;
    }
    out.push_str(text.get(last..)?);
    Some(out)
}

/// Whether a comma of `line` is followed (past spaces and a quote) by what opens a field of a
/// table's row: a digit, a sign, another comma or the line's end. A line of prose, whose commas
/// are followed by words, has none and is not read further.
fn may_be_csv_row(line: &[u8]) -> bool {
    memchr::memchr_iter(b',', line).any(|i| {
        let rest = line.get(i + 1..).unwrap_or(&[]);
        let k = rest
            .iter()
            .position(|&c| !matches!(c, b' ' | b'"'))
            .unwrap_or(rest.len());
        rest.get(k)
            .is_none_or(|&c| c.is_ascii_digit() || matches!(c, b',' | b'-' | b'+' | b'\r'))
    })
}

/// The separating commas of a CSV row (offsets in `line`): fields split at the commas outside
/// double quotes, labels first and then at least two figures (or one label and its figure),
/// with only empty fields and blank marks (`-`, `/`, `无`) among and after them. `None` for any
/// other line (prose, a line with a `|` or a tab, a header of column names).
fn csv_row(line: &[u8]) -> Option<Vec<usize>> {
    if memchr::memchr2(b'|', b'\t', line).is_some()
        || !may_be_csv_row(line)
        || grouped_number(trim_field(line))
    {
        return None;
    }
    let mut seps = Vec::new();
    let mut quoted = false;
    for (i, &c) in line.iter().enumerate() {
        match c {
            b'"' => quoted = !quoted,
            b',' if !quoted => seps.push(i),
            _ => {}
        }
    }
    if seps.is_empty() || quoted {
        return None;
    }
    let (mut figures, mut labels) = (0usize, 0usize);
    let mut from = 0usize;
    for end in seps.iter().copied().chain(std::iter::once(line.len())) {
        let field = trim_field(line.get(from..end)?);
        from = end + 1;
        if is_figure(field) {
            figures += 1;
        } else if field.is_empty() || BLANK_MARKS.contains(&field) {
        } else if figures > 0 || ends_with_a_figure(field) {
            // A label's field that ends with a figure after a space (`行政处罚 4` of
            // `行政处罚 4,119`): its comma groups that figure's digits, in a row whose cells are
            // set apart by spaces.
            return None;
        } else {
            labels += 1;
        }
    }
    // Labels, then two cells or more holding a figure at least (or three empty ones: a row of
    // empty cells), or a label and its one figure (`行政许可,"11,398,889"`: table 2's rows of
    // one column).
    let cells = seps.len() + 1 - labels;
    let row = figures >= 2 || (labels >= 1 && cells >= 2 && (figures >= 1 || cells >= 3));
    (row || (seps.len() == 1 && figures == 1 && labels == 1)).then_some(seps)
}

/// Whether the field `f` ends with digits after white space (`行政处罚 4`).
fn ends_with_a_figure(f: &[u8]) -> bool {
    let digits = f.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    digits > 0
        && f.len() > digits
        && f.get(f.len() - digits - 1)
            .is_some_and(|&c| matches!(c, b' ' | b'\t'))
}

/// Whether `f` is one number written with group separators and nothing else (`1,113`,
/// `11,398,889`, `2,046.5`: one cell a line): one to three digits, then groups of three after
/// each comma, a decimal part at most. Not a row of figures.
fn grouped_number(f: &[u8]) -> bool {
    // Short, and digits, commas and a point only: told first, so a line of prose (most lines
    // with a comma) is not split.
    if f.len() > 24
        || !f
            .iter()
            .all(|&c| c.is_ascii_digit() || c == b',' || c == b'.')
    {
        return false;
    }
    let int = f.split(|&c| c == b'.').next().unwrap_or(f);
    let frac_ok = f.iter().position(|&c| c == b'.').is_none_or(|k| {
        f.get(k + 1..)
            .is_some_and(|r| !r.is_empty() && r.iter().all(u8::is_ascii_digit))
    });
    let mut groups = int.split(|&c| c == b',');
    let first = groups.next().unwrap_or(&[]);
    let mut n = 0usize;
    let rest_ok = groups.all(|g| {
        n += 1;
        g.len() == 3 && g.iter().all(u8::is_ascii_digit)
    });
    frac_ok
        && n > 0
        && rest_ok
        && (1..=3).contains(&first.len())
        && first.iter().all(u8::is_ascii_digit)
}

/// Blank marks a CSV field may hold.
const BLANK_MARKS: [&[u8]; 6] = [
    b"-",
    "—".as_bytes(),
    b"/",
    "／".as_bytes(),
    "无".as_bytes(),
    "無".as_bytes(),
];

/// A field without the white space and quotes around it.
fn trim_field(f: &[u8]) -> &[u8] {
    let blank = |c: &u8| matches!(c, b' ' | b'"' | b'\r');
    let a = f.iter().position(|c| !blank(c)).unwrap_or(f.len());
    let z = f.iter().rposition(|c| !blank(c)).map_or(a, |i| i + 1);
    f.get(a..z).unwrap_or(&[])
}

/// A cell's figure: digits with a sign, a decimal point or group separators, a change written
/// `增4`/`减4`, an amount with its unit (`168.61万元`). Not a count with its unit (`7项`),
/// which prose writes between its commas.
fn is_figure(field: &[u8]) -> bool {
    let mut f = field;
    for p in ["增", "减", "減"] {
        if let Some(r) = f.strip_prefix(p.as_bytes()) {
            f = r;
            break;
        }
    }
    for u in ["元", "万", "萬"] {
        if let Some(r) = f.strip_suffix(u.as_bytes()) {
            f = r;
        }
    }
    f.first()
        .is_some_and(|&c| c.is_ascii_digit() || c == b'-' || c == b'+')
        && f.iter().any(u8::is_ascii_digit)
        && f.iter()
            .skip(1)
            .all(|&c| c.is_ascii_digit() || c == b'.' || c == b',')
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(feature = "html")]
    fn a_wiki_tables_syntax_lines_are_blank() {
        let t = "见下表：{|见\n{| class=\"wikitable\"\n! 信息内容\n! 本年新制作数量\n|-\n| 规章\n|\n| 5\n|- style=\"x\"\n| 行政许可\n|}\n|- 表外\n";
        let out = super::wiki_tables_as_rows(t).expect("a table");
        assert_eq!(out.len(), t.len());
        assert_eq!(
            out,
            format!(
                "见下表：{{|见\n{}\n| 信息内容\n| 本年新制作数量\n  \n| 规章\n|\n| 5\n{}\n| 行政许可\n  \n|- 表外\n",
                " ".repeat(20),
                " ".repeat(12)
            )
        );
        assert!(super::wiki_tables_as_rows("| 规章 | 5 |\n|-|-|\n").is_none());
        // A cell's attributes.
        let t = "{|\n|align=\"center\"| 80\n! style=\"a\" | 信息内容\n| a=b || 5\n|}\n";
        let out = super::wiki_tables_as_rows(t).expect("a table");
        assert_eq!(
            out,
            format!(
                "  \n| {} 80\n| {} 信息内容\n| a=b || 5\n  \n",
                " ".repeat(14),
                " ".repeat(11)
            )
        );
    }

    use super::*;

    #[test]
    fn tab_separated_rows_become_pipe_rows_and_nothing_else_changes() {
        let text = "一、总体情况\n\t行政许可\n\t0\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
                    行政规范性文件\t4\t\t4\n\t\t（一）予以公开\t56\t\t\t\t\t\t56\n| a\t| b\t| c |\n说明\t见下表\n";
        let got = tab_rows_as_pipes(text).expect("rows with tabs");
        assert_eq!(
            got,
            "一、总体情况\n\t行政许可\n\t0\n信息内容|本年制发件数|本年废止件数|现行有效件数\n\
             行政规范性文件|4||4\n  （一）予以公开|56||||||56\n| a\t| b\t| c |\n说明\t见下表\n"
        );
        assert_eq!(got.len(), text.len());
        assert_eq!(tab_rows_as_pipes("规章 0 0 0\n\t0\n"), None);
        assert_eq!(tab_rows_as_pipes("no tab at all"), None);
    }

    #[test]
    fn a_number_with_group_separators_alone_on_its_line_is_no_row() {
        for line in ["1,113", "11,398,889", " 2,046.5 ", "\"1,113\""] {
            assert_eq!(csv_row(line.as_bytes()), None, "{line}");
        }
        // A row of figures, a label and its grouped figure: rows.
        assert!(csv_row(b"1,11,3").is_some());
        assert!(csv_row(b"0,0,0").is_some());
        assert!(csv_row("行政许可,\"11,398,889\"".as_bytes()).is_some());
        assert!(csv_row(b"1,113,5").is_some());
    }

    #[test]
    fn csv_rows_become_pipe_rows_and_prose_stays() {
        let text = "信息内容,本年制发件数,本年废止件数,现行有效件数\n规章,0,0,0\n\
                    一、本年新收政府信息公开申请数量,56,,,,,,56\n行政许可,\"11,398,889\"\n\
                    行政处罚,\"6,937\",3\n全年受理申请15件,办结15件,其中予以公开8件。\n\
                    三、本年度办理结果,（一）予以公开,5,0,-,0,0,0,5\n共3,5,7项\n\
                    （二）部分公开,,,,,,,\n政府集中采购,57,168.61万元\n行政许可,6,减4,2\n";
        let got = csv_rows_as_pipes(text).expect("rows");
        assert_eq!(
            got,
            "信息内容,本年制发件数,本年废止件数,现行有效件数\n规章|0|0|0\n\
             一、本年新收政府信息公开申请数量|56||||||56\n行政许可| 11,398,889 \n\
             行政处罚| 6,937 |3\n全年受理申请15件,办结15件,其中予以公开8件。\n\
             三、本年度办理结果|（一）予以公开|5|0|-|0|0|0|5\n共3,5,7项\n\
             （二）部分公开|||||||\n政府集中采购|57|168.61万元\n行政许可|6|减4|2\n"
        );
        assert_eq!(got.len(), text.len());
        assert_eq!(
            csv_rows_as_pipes("规章 0 0 0\n受理15件,办结15件,归档3件\n其中,3件\n"),
            None
        );
        // A figure with group separators in a row set apart by spaces is no CSV row.
        assert_eq!(
            csv_rows_as_pipes("行政处罚 4,119\n行政事业性收费 7,730.28\n行政许可 1,204 5 2,305\n"),
            None
        );
    }

    proptest::proptest! {
        /// Only tabs change, each into `|` or a space, on lines with two tabs after their text.
        #[test]
        fn only_tabs_change(parts in proptest::collection::vec(
            proptest::sample::select(vec!["\t", "\n", " ", "|", "规章", "12", "a", "\r"]), 0..40)) {
            let text: String = parts.concat();
            if let Some(got) = tab_rows_as_pipes(&text) {
                proptest::prop_assert_eq!(got.len(), text.len());
                for (x, y) in text.bytes().zip(got.bytes()) {
                    proptest::prop_assert!(x == y || (x == b'\t' && (y == b'|' || y == b' ')));
                }
            } else {
                let two_inner = text.split('\n').any(|l| {
                    let t = l.trim_start_matches(['\t', ' ']);
                    t.matches('\t').count() >= 2 && !l.contains('|')
                });
                proptest::prop_assert!(!two_inner, "{:?}", text);
            }
        }
    }
}
