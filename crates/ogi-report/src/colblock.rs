//! Column-block tables: numbers printed apart from their row labels, column by column.
//!
//! Some PDF text extractors (pdfminer's default layout among them) emit a table as the text
//! boxes of the PDF in reading order of *boxes*, not of rows: first a run of row labels, then the
//! numbers of the first column for those rows, then the second column, and so on. A page break
//! starts a new run. The text of such a table looks like this (table 3, one number per line):
//!
//! ```text
//! 一、本年新收政府信息公开申请数量
//! 二、上年结转政府信息公开申请数量
//! （一）予以公开
//! …                       13 labels
//! 3001  34  1288  …  746  自然人 of the 13 rows
//! 53  0  21  …  12        商业企业 of the 13 rows
//! …                       7 columns in all: 91 numbers
//! 2.没有现成信息需要另行制作
//! …                       the next run: 12 labels, then 84 numbers
//! ```
//!
//! Reading the numbers next to the nearest label would be wrong for every cell, so the table
//! readers hand such regions here. A *block* is a run of row labels with no number between them,
//! followed by numbers; it is read back only when the count is exact (rows × columns) and the
//! order is proven:
//!
//! - one row, or one column: the order of the numbers is the order of the cells;
//! - several rows and columns in table 3: both readings (column by column and row by row) are
//!   tried and the template's row sums (总计 = 自然人 + the five 法人或其他组织 columns) must hold
//!   for the column reading and fail for the row reading; a single failing row is tolerated when
//!   the row reading fails for at least half the rows (the report's own error then surfaces as a
//!   V002 in validation);
//! - several rows and columns in table 2 (no sums to check): only when table 3 of the same
//!   report was proven to be printed column by column (the same extractor wrote both); rows that
//!   read the same either way (all zeros) prove nothing.
//!
//! A block whose numbers add up row by row and not column by column was printed apart from its
//! labels but in reading order; it is read row by row. Anything else is left unread and named by
//! a T013. Cells read back are marked
//! `derived: column_block` and every block read back is named by a T014, so no value of this
//! kind enters a report silently.

use crate::cells::{parse_value, Item, ItemKind};
use crate::scan::page_marker_len;

/// The numbers of `text[from..to]` in text order: white-space separated tokens that are whole
/// values (`3001`, `96171.6`, `12万元`), and blank marks alone on their lines (`-`, an empty
/// cell's). Page marker lines (`- 4 -`) are skipped; a token that mixes digits with label text
/// (`1.属于国家秘密`) is not a number.
pub(crate) fn numbers(text: &str, from: usize, to: usize) -> Vec<Item> {
    let mut out = Vec::new();
    let Some(region) = text.get(from..to) else {
        return out;
    };
    let mut line_start = 0usize;
    for line in region.split_inclusive('\n') {
        let base = from + line_start;
        line_start += line.len();
        if page_marker_len(line).is_some() {
            continue;
        }
        // A blank mark alone on its line (`-`, `—`, `/`, `无`): an empty cell's, in the count
        // and the order of the cells (one box of the PDF a cell).
        let t = line.trim();
        if crate::cells::is_blank(t) {
            let s = base + (line.len() - line.trim_start().len());
            out.push(Item {
                kind: ItemKind::Blank,
                start: s,
                end: s + t.len(),
            });
            continue;
        }
        let mut tok_start: Option<usize> = None;
        let push = |s: usize, e: usize, out: &mut Vec<Item>| {
            if let Some(tok) = line.get(s..e) {
                if let Some((n, u)) = parse_value(tok) {
                    out.push(Item {
                        kind: ItemKind::Value(n, u),
                        start: base + s,
                        end: base + e,
                    });
                }
            }
        };
        for (i, c) in line.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = tok_start.take() {
                    push(s, i, &mut out);
                }
            } else if tok_start.is_none() {
                tok_start = Some(i);
            }
        }
        if let Some(s) = tok_start {
            push(s, line.len(), &mut out);
        }
    }
    out
}

/// A run of row labels with no number between them, and the numbers that follow the last one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    /// The rows of the run, as the caller's row ids, in text order.
    pub rows: Vec<usize>,
    /// The numbers after the run's last label, in text order.
    pub values: Vec<Item>,
}

/// Group rows into blocks. `rows` are `(id, label end, region end)` in text order, where a row's
/// region runs from the end of its label to the start of the next row label. Rows after the last
/// number belong to no block and are returned apart.
pub(crate) fn blocks(text: &str, rows: &[(usize, usize, usize)]) -> (Vec<Block>, Vec<usize>) {
    let mut out = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for &(id, from, to) in rows {
        run.push(id);
        let values = numbers(text, from, to.max(from));
        if !values.is_empty() {
            out.push(Block {
                rows: std::mem::take(&mut run),
                values,
            });
        }
    }
    (out, run)
}

/// `values` (`rows` × `cols` numbers printed column by column) arranged into rows.
pub(crate) fn by_columns(values: &[Item], rows: usize, cols: usize) -> Option<Vec<Vec<Item>>> {
    if rows == 0 || cols == 0 || values.len() != rows.checked_mul(cols)? {
        return None;
    }
    Some(
        (0..rows)
            .map(|r| {
                (0..cols)
                    .filter_map(|c| values.get(c * rows + r).cloned())
                    .collect()
            })
            .collect(),
    )
}

/// `values` (`rows` × `cols` numbers printed row by row) arranged into rows.
pub(crate) fn by_rows(values: &[Item], rows: usize, cols: usize) -> Option<Vec<Vec<Item>>> {
    if rows == 0 || cols == 0 || values.len() != rows.checked_mul(cols)? {
        return None;
    }
    Some(values.chunks(cols).map(<[Item]>::to_vec).collect())
}

/// The whole-number value of an item.
fn int(it: &Item) -> Option<i128> {
    match &it.kind {
        ItemKind::Value(n, None) => n.as_i64().map(i128::from),
        _ => None,
    }
}

/// How many rows break "the last column is the sum of the others" (a row with a value that is
/// not a whole number counts as broken; a blank mark, an empty cell's, counts none).
pub(crate) fn sum_failures(rows: &[Vec<Item>]) -> usize {
    rows.iter().filter(|r| sum_breaks(r)).count()
}

/// Whether one row breaks "the last column is the sum of the others" (as in [`sum_failures`]).
pub(crate) fn sum_breaks(row: &[Item]) -> bool {
    let count = |it: &Item| match it.kind {
        ItemKind::Blank => Some(0),
        _ => int(it),
    };
    let vals: Option<Vec<i128>> = row.iter().map(count).collect();
    match vals.as_deref() {
        Some([parts @ .., total]) if !parts.is_empty() => parts.iter().sum::<i128>() != *total,
        _ => true,
    }
}

/// Whether two arrangements hold the same values cell by cell (the spans differ).
pub(crate) fn same_values(a: &[Vec<Item>], b: &[Vec<Item>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.len() == y.len() && x.iter().zip(y).all(|(p, q)| p.kind == q.kind))
}

/// What became of one block of table 3.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// One row: its numbers are its cells, in order.
    Row(Vec<Item>),
    /// Several rows read back column by column; the count of rows whose sum fails, and whether
    /// the sums *prove* the order (false when both orders give the same rows, e.g. all zeros).
    Columns(Vec<Vec<Item>>, usize, bool),
    /// Several rows whose numbers follow the labels row by row (detached from the labels but
    /// in reading order): every row's sum holds that way and fails column by column.
    Rows(Vec<Vec<Item>>),
    /// Not read, and why.
    Unread(String),
}

/// Read a block of table 3 whose rows have `cols` printed columns, dropping the printed column
/// `drop` (a 小计 column) from every row before the sums are checked.
pub(crate) fn table3_block(block: &Block, cols: usize, drop: Option<usize>) -> Verdict {
    let k = block.rows.len();
    let m = block.values.len();
    let strip = |rows: Vec<Vec<Item>>| -> Vec<Vec<Item>> {
        rows.into_iter()
            .map(|mut r| {
                if let Some(d) = drop.filter(|&d| d < r.len()) {
                    r.remove(d);
                }
                r
            })
            .collect()
    };
    let (Some(cm), Some(rm)) = (
        by_columns(&block.values, k, cols),
        by_rows(&block.values, k, cols),
    ) else {
        return Verdict::Unread(format!(
            "{m} numbers follow {k} row label{} of {cols} columns",
            if k == 1 { "" } else { "s" }
        ));
    };
    let (cm, rm) = (strip(cm), strip(rm));
    if k == 1 {
        return Verdict::Row(cm.into_iter().next().unwrap_or_default());
    }
    let (fc, fr) = (sum_failures(&cm), sum_failures(&rm));
    let same = same_values(&cm, &rm);
    if same || (fc == 0 && fr > 0) || (fc == 1 && k >= 4 && fr * 2 >= k) {
        Verdict::Columns(cm, fc, !same)
    } else if fr == 0 && fc > 0 {
        Verdict::Rows(rm)
    } else {
        Verdict::Unread(format!(
            "the row sums confirm neither order of the {m} numbers (column by column: {fc} of {k} rows fail; row by row: {fr})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match &i.kind {
                ItemKind::Value(n, _) => n.to_string(),
                _ => "?".into(),
            })
            .collect()
    }

    #[test]
    fn numbers_skip_page_markers_and_label_tokens() {
        let t = "1.属于国家秘密\n3001\n\n- 4 -\n34 1288\n本年收费金额（单位：万元）\n96171.6\n";
        let n = numbers(t, 0, t.len());
        assert_eq!(vals(&n), ["3001", "34", "1288", "96171.6"]);
        let first = n.first().map(|i| &t[i.start..i.end]);
        assert_eq!(first, Some("3001"));
    }

    #[test]
    fn a_blank_mark_alone_on_its_line_is_an_empty_cell() {
        let t = "1\n-\n- 4 -\n—\n1 - 2\n/\n";
        let n = numbers(t, 0, t.len());
        assert_eq!(vals(&n), ["1", "?", "?", "1", "2", "?"]);
        assert_eq!(&t[n[1].start..n[1].end], "-");
        assert_eq!(&t[n[2].start..n[2].end], "—");
        // An empty cell adds nothing to its row's sum.
        assert_eq!(
            sum_failures(&[vec![n[0].clone(), n[1].clone(), n[0].clone()]]),
            0
        );
    }

    #[test]
    fn blocks_close_after_numbers() {
        // Rows 0, 1 have no numbers; row 2 is followed by 6; row 3 by none (left apart).
        let t = "A\nB\nC\n1 2 3 4 5 6\nD\n";
        let rows = [(0, 1, 2), (1, 3, 4), (2, 5, 18), (3, 19, t.len())];
        let (b, rest) = blocks(t, &rows);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].rows, [0, 1, 2]);
        assert_eq!(vals(&b[0].values), ["1", "2", "3", "4", "5", "6"]);
        assert_eq!(rest, [3]);
    }

    fn block_of(nums: &[i64], rows: usize) -> Block {
        let t: String = nums.iter().map(|n| format!("{n} ")).collect();
        Block {
            rows: (0..rows).collect(),
            values: numbers(&t, 0, t.len()),
        }
    }

    #[test]
    fn column_order_proven_by_row_sums() {
        // Two rows of three columns (a, b, a+b): (5, 2, 7) and (1, 3, 4), printed by column.
        let b = block_of(&[5, 1, 2, 3, 7, 4], 2);
        match table3_block(&b, 3, None) {
            Verdict::Columns(rows, 0, true) => {
                assert_eq!(vals(&rows[0]), ["5", "2", "7"]);
                assert_eq!(vals(&rows[1]), ["1", "3", "4"]);
            }
            v => panic!("{v:?}"),
        }
        // The same numbers printed row by row: the row sums prove that order instead.
        let b = block_of(&[5, 2, 7, 1, 3, 4], 2);
        match table3_block(&b, 3, None) {
            Verdict::Rows(rows) => assert_eq!(vals(&rows[1]), ["1", "3", "4"]),
            v => panic!("{v:?}"),
        }
        // Neither order adds up: not read.
        let b = block_of(&[5, 2, 9, 1, 3, 9], 2);
        assert!(matches!(table3_block(&b, 3, None), Verdict::Unread(_)));
    }

    #[test]
    fn a_dropped_subtotal_column_is_left_out_before_the_sums() {
        // Columns: a, 小计 (ignored), b, a+b.
        let b = block_of(&[5, 1, 99, 99, 2, 3, 7, 4], 2);
        match table3_block(&b, 4, Some(1)) {
            Verdict::Columns(rows, 0, true) => assert_eq!(vals(&rows[1]), ["1", "3", "4"]),
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn wrong_counts_are_not_read() {
        let b = block_of(&[5, 1, 2, 3, 7], 2);
        match table3_block(&b, 3, None) {
            Verdict::Unread(why) => assert!(why.contains("5 numbers follow 2 row labels"), "{why}"),
            v => panic!("{v:?}"),
        }
        let one = block_of(&[5, 2, 7], 1);
        assert!(matches!(table3_block(&one, 3, None), Verdict::Row(r) if r.len() == 3));
    }
}
