//! Property tests: random template-consistent table sets rendered through every layout parse
//! back to the same values; glued digits parse back to the same values or an ambiguity
//! diagnostic; bytes in every encoding parse like their text; spans stay in bounds.
//!
//! Case count: `PROPTEST_CASES` (the CI default is 1000 per property).

mod common;

use common::render::{
    expected_cells, render, t2_blocks, t3_rows, Layout, T3Row, TableSet, Val, LAYOUTS,
};
use ogi_report::{Code, Report, Template};
use proptest::prelude::*;

fn small() -> impl Strategy<Value = i64> {
    prop_oneof![4 => Just(0i64), 3 => 0i64..10, 2 => 10i64..200, 1 => 200i64..5000]
}

fn amount() -> impl Strategy<Value = Val> {
    (
        0u32..100000,
        0u32..100,
        prop_oneof![Just(None), Just(Some("万元")), Just(Some("元"))],
    )
        .prop_map(|(a, b, u)| {
            Val::Amount(
                if b == 0 {
                    a.to_string()
                } else {
                    format!("{a}.{b:02}")
                },
                u,
            )
        })
}

fn table_set(blanks: bool) -> impl Strategy<Value = TableSet> {
    (
        any::<bool>(),
        proptest::collection::vec(small(), 200),
        proptest::collection::vec(-50i64..50, 8),
        amount(),
        amount(),
        proptest::collection::vec(any::<u8>(), 200),
    )
        .prop_map(move |(v21, nums, deltas, amt, fee, blank_bits)| {
            let template = if v21 {
                Template::V2021
            } else {
                Template::V2019
            };
            let mut nums = nums.into_iter().cycle();
            let mut deltas = deltas.into_iter().cycle();
            let mut bits = blank_bits.into_iter().cycle();
            let mut blank = |blanks: bool| blanks && bits.next().unwrap_or(0) < 20;
            // Table 2.
            let mut t2 = t2_blocks(template);
            for b in &mut t2 {
                let cols = b.cols.clone();
                for (_, _, vals) in &mut b.rows {
                    for (i, v) in vals.iter_mut().enumerate() {
                        let col = cols[i];
                        let val = match col {
                            "本年增/减" => Val::Int(deltas.next().unwrap_or(0)),
                            "采购总金额" => amt.clone(),
                            "本年收费金额（单位：万元）" => match &fee {
                                Val::Amount(a, _) => Val::Amount(a.clone(), None),
                                other => other.clone(),
                            },
                            _ => Val::Int(nums.next().unwrap_or(0)),
                        };
                        *v = if blank(blanks) { None } else { Some(val) };
                    }
                }
            }
            // Table 3: consistent per column (C1, C2, C3).
            let rows = t3_rows(template);
            let nres = rows.len() - 4; // results rows between 二 and （七）
            let mut grid = vec![[0i64; 7]; rows.len()];
            // Columns are filled across several rows at once: an index reads best.
            #[allow(clippy::needless_range_loop)]
            for c in 0..6 {
                let mut total = 0;
                for r in 0..nres {
                    let v = nums.next().unwrap_or(0) % 40;
                    grid[2 + r][c] = v;
                    total += v;
                }
                let seven = rows.len() - 2;
                grid[seven][c] = total;
                let four = nums.next().unwrap_or(0) % 6;
                grid[seven + 1][c] = four;
                let two = nums.next().unwrap_or(0) % (total + four + 1);
                grid[1][c] = two;
                grid[0][c] = total + four - two;
            }
            for row in grid.iter_mut() {
                row[6] = row[..6].iter().sum();
            }
            let t3 = rows
                .iter()
                .zip(grid)
                .map(|(&(path, label, group), vals)| T3Row {
                    path,
                    label,
                    group,
                    values: vals.map(|v| if blank(blanks) { None } else { Some(v) }),
                })
                .collect();
            let mut t4 = [Some(0i64); 15];
            for g in 0..3 {
                let mut sum = 0;
                for i in 0..4 {
                    let v = nums.next().unwrap_or(0) % 30;
                    t4[g * 5 + i] = Some(v);
                    sum += v;
                }
                t4[g * 5 + 4] = Some(sum);
            }
            for v in t4.iter_mut() {
                if blank(blanks) {
                    *v = None;
                }
            }
            TableSet {
                template,
                t2,
                t3,
                t4,
            }
        })
}

fn got_cells(r: &Report) -> std::collections::HashMap<(u8, String, String), Option<String>> {
    r.cells()
        .into_iter()
        .map(|c| {
            let v = c.value.map(|n| match n {
                ogi_report::Number::Int(i) => i.to_string(),
                ogi_report::Number::Decimal(d) => d.normalize().to_string(),
            });
            ((c.table, c.row.into_owned(), c.column.into_owned()), v)
        })
        .collect()
}

fn check_exact(set: &TableSet, text: &str, r: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        r.meta.template,
        Some(set.template),
        "template; text:\n{}",
        text
    );
    let got = got_cells(r);
    for (t, row, col, want) in expected_cells(set) {
        let g = got.get(&(t, row.clone(), col.clone())).cloned().flatten();
        prop_assert_eq!(
            &g,
            &want,
            "table {} row {} column {}\n{}",
            t,
            row,
            col,
            text
        );
    }
    Ok(())
}

fn check_spans(input_len: usize, text: Option<&str>, r: &Report) -> Result<(), TestCaseError> {
    let spans = r
        .cells()
        .into_iter()
        .filter_map(|c| Some((c.span_start?, c.span_end?)))
        .chain(
            r.diagnostics
                .iter()
                .filter_map(|d| d.span.map(|s| (s.start, s.end))),
        )
        .chain(r.sections.iter().map(|s| (s.span.start, s.span.end)));
    for (s, e) in spans {
        prop_assert!(
            s <= e && e <= input_len,
            "span {}..{} out of 0..{}",
            s,
            e,
            input_len
        );
        if let Some(t) = text {
            prop_assert!(
                t.is_char_boundary(s) && t.is_char_boundary(e),
                "span {}..{} not on char boundaries",
                s,
                e
            );
        }
    }
    Ok(())
}

/// The layouts this build reads (HTML needs the `html` feature).
fn layouts() -> Vec<Layout> {
    LAYOUTS
        .iter()
        .copied()
        .filter(|l| *l != Layout::Html || cfg!(feature = "html"))
        .collect()
}

fn layout_roundtrip(layout: Layout, set: &TableSet) -> Result<(), TestCaseError> {
    let text = render(set, layout);
    let r = ogi_report::parse(&text);
    check_spans(text.len(), Some(&text), &r)?;
    if matches!(layout, Layout::Pipe | Layout::Grid | Layout::BoxDrawn) {
        // Each value's span holds the value as printed: a grid row's lines joined keep the map
        // of its numbers exact.
        for c in r.cells() {
            if let (Some(_), Some(s), Some(e), Some(raw)) =
                (c.value, c.span_start, c.span_end, c.raw.as_deref())
            {
                prop_assert_eq!(text.get(s..e).map(str::trim), Some(raw.trim()), "{:?}", c);
            }
        }
    }
    check_exact(set, &text, &r)
}

macro_rules! layout_props {
    ($($name:ident => $layout:expr,)*) => {
        proptest! {
            $(
                #[test]
                fn $name(set in table_set(true)) {
                    layout_roundtrip($layout, &set)?;
                }
            )*
        }
    };
}

layout_props! {
    pipe_rows_round_trip => Layout::Pipe,
    cell_per_line_round_trips => Layout::CellPerLine,
    tab_cells_round_trip => Layout::Tabs,
    markdown_round_trips => Layout::Markdown,
    shredded_markdown_round_trips => Layout::MarkdownShredded,
    pdf_text_with_page_break_round_trips => Layout::PdfText,
    grid_tables_round_trip => Layout::Grid,
    box_drawn_tables_round_trip => Layout::BoxDrawn,
}

#[cfg(feature = "html")]
layout_props! {
    html_round_trips => Layout::Html,
}

proptest! {
    /// Flattened text with glued digits: every value is right, or left null under an ambiguity
    /// diagnostic naming its row — never a wrong value.
    #[test]
    fn flattened_glued_digits_split_back_or_report_ambiguity(set in table_set(false)) {
        let text = render(&set, Layout::Flattened);
        let r = ogi_report::parse(&text);
        check_spans(text.len(), Some(&text), &r)?;
        let got = got_cells(&r);
        for (t, row, col, want) in expected_cells(&set) {
            let g = got.get(&(t, row.clone(), col.clone())).cloned().flatten();
            if g != want {
                prop_assert!(g.is_none(), "wrong value at {} / {}: got {:?}, want {:?}\n{}", row, col, g, want, text);
                let named = r.diagnostics.iter().any(|d| matches!(d.code, Code::T008 | Code::T009 | Code::T012)
                    && d.location.as_ref().and_then(|l| l.row.as_deref()).is_some_and(|lr| lr == row || (t == 4 && lr == "行政复议")));
                prop_assert!(named, "null at {} / {} without an ambiguity diagnostic\n{}\n{:#?}", row, col, text, r.diagnostics.iter().map(|d| format!("{} {:?} {}", d.code, d.location, d.message)).collect::<Vec<_>>());
            }
        }
    }

    /// pdfminer-style column blocks (labels, then the numbers column by column): every value is
    /// right, or null with a T013 naming its table — never a wrong value. Without blank cells
    /// (which leave no trace in this layout) every value comes back.
    #[test]
    fn column_blocks_read_back_or_are_named(set in table_set(true)) {
        let text = render(&set, Layout::ColumnBlock);
        let r = ogi_report::parse(&text);
        check_spans(text.len(), Some(&text), &r)?;
        let got = got_cells(&r);
        let t3_blank = set.t3.iter().any(|row| row.values.iter().any(Option::is_none));
        let t3_proves = !t3_blank && set.t3.iter().any(|row| row.values.iter().any(|v| v.is_some_and(|x| x != 0)));
        for (t, row, col, want) in expected_cells(&set) {
            let g = got.get(&(t, row.clone(), col.clone())).cloned().flatten();
            if g == want {
                continue;
            }
            // A blank leaves no trace in this layout: in a row of several columns the values
            // left are placed in the leading columns, which a T004 on that row says (table 4's
            // 15 values are one such row).
            let guessed = r.diagnostics.iter().any(|d| d.code == Code::T004
                && d.location.as_ref().and_then(|l| l.row.as_deref()).is_some_and(|lr| lr == row || (t == 4 && lr == "行政复议")));
            prop_assert!(g.is_none() || guessed, "wrong value at {} / {}: got {:?}, want {:?}\n{}", row, col, g, want, text);
            let named = r.diagnostics.iter().any(|d| matches!(d.code, Code::T013 | Code::T004)
                && d.location.as_ref().is_some_and(|l| l.table == Some(t)));
            prop_assert!(named, "null at {} / {} without a diagnostic naming table {}\n{}", row, col, t, text);
            if t == 3 {
                prop_assert!(t3_blank, "table 3 without blanks not read back at {} / {}\n{}", row, col, text);
            }
            if t == 2 {
                prop_assert!(want.is_none() || !t3_proves || set.t2.iter().any(|b| b.rows.iter().any(|(_, _, v)| v.iter().any(Option::is_none))),
                    "table 2 without blanks not read back at {} / {} although table 3 proves the order\n{}", row, col, text);
            }
        }
    }

    /// Column blocks without blank cells come back exactly (table 3's row sums prove the order,
    /// which then also reads table 2's blocks of several rows and columns).
    #[test]
    fn column_blocks_without_blanks_round_trip(set in table_set(false)) {
        let proves = set.t3.iter().any(|row| row.values.iter().any(|v| v.is_some_and(|x| x != 0)));
        prop_assume!(proves);
        layout_roundtrip(Layout::ColumnBlock, &set)?;
    }

    /// Numbers printed apart from their labels but row by row come back exactly as well (the
    /// row sums hold that way and not column by column).
    #[test]
    fn detached_rows_without_blanks_round_trip(set in table_set(false)) {
        let proves = set.t3.iter().any(|row| row.values.iter().any(|v| v.is_some_and(|x| x != 0)));
        prop_assume!(proves);
        layout_roundtrip(Layout::DetachedRows, &set)?;
    }

    /// Bytes in GBK, UTF-16LE and UTF-16BE (with BOM) parse to the same cells as the text.
    #[test]
    fn every_encoding_parses_like_the_text(set in table_set(true), layout in proptest::sample::select(layouts())) {
        let text = render(&set, layout);
        let base = ogi_report::parse(&text);
        let want = got_cells(&base);
        let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for (name, bytes) in [("gbk", gbk), ("utf-16le", le), ("utf-16be", be)] {
            let r = ogi_report::parse_bytes(&bytes);
            check_spans(bytes.len(), None, &r)?;
            prop_assert_eq!(&got_cells(&r), &want, "{} differs", name);
        }
    }
}

/// Traditional script (converted by OpenCC's s2t) with pinyin glosses glued after characters,
/// as Big5 bytes: the same values.
#[cfg(feature = "t2s")]
mod traditional {
    use super::*;

    fn glossed(s: &str) -> String {
        let mut out = String::with_capacity(s.len() * 2);
        for (i, c) in s.chars().enumerate() {
            out.push(c);
            if ('\u{4e00}'..='\u{9fff}').contains(&c) && i % 5 == 2 {
                out.push_str("(lǐng)");
            }
        }
        out
    }

    proptest! {
        #[test]
        fn traditional_with_pinyin_glosses_round_trips(set in table_set(true), layout in proptest::sample::select(vec![Layout::Pipe, Layout::CellPerLine, Layout::Tabs, Layout::PdfText, Layout::Html].into_iter().filter(|l| *l != Layout::Html || cfg!(feature = "html")).collect::<Vec<_>>())) {
            static CC: std::sync::OnceLock<opencc_fmmseg::OpenCC> = std::sync::OnceLock::new();
            let cc = CC.get_or_init(opencc_fmmseg::OpenCC::new);
            let text = glossed(&cc.s2t(&render(&set, layout), false));
            let r = ogi_report::parse(&text);
            check_spans(text.len(), Some(&text), &r)?;
            check_exact(&set, &text, &r)?;
            let big5 = encoding_rs::BIG5.encode(&text);
            if !big5.2 {
                let rb = ogi_report::parse_bytes(&big5.0);
                prop_assert_eq!(got_cells(&rb), got_cells(&r));
            }
        }
    }
}

/// The rows of a pipe-layout rendering: (table, canonical row path, printed label, line index).
/// Table 4's one line of fifteen values is listed as row `行政复议`, without a label.
fn pipe_rows(set: &TableSet, text: &str) -> Vec<(u8, String, &'static str, usize)> {
    let mut want: Vec<(u8, &str, &'static str)> = Vec::new();
    for b in &set.t2 {
        for (path, label, _) in &b.rows {
            want.push((2, path, label));
        }
    }
    for r in &set.t3 {
        want.push((3, r.path, r.label));
    }
    let mut out = Vec::new();
    let mut next = want.iter().peekable();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(&&(t, path, label)) = next.peek() {
            if line.split("  | ").take(2).any(|c| c == label) {
                out.push((t, path.to_string(), label, i));
                next.next();
                continue;
            }
        }
        if line.starts_with("结果维持  | 结果纠正  | 其他结果  | 尚未审结  | 总计  | 结果维持")
        {
            out.push((4, "行政复议".to_string(), "", i + 1));
        }
    }
    assert!(next.peek().is_none(), "every row is found in the rendering");
    out
}

proptest! {
    /// A stray number added to a table row (as an extra cell, or after a value in its cell) is
    /// never silently dropped: it is read as a value of the table, or a diagnostic names the row.
    #[test]
    fn a_stray_number_in_a_row_is_a_value_or_named(
        set in table_set(true),
        which in any::<proptest::sample::Index>(),
        at in any::<proptest::sample::Index>(),
        in_cell in any::<bool>(),
        stray in 900_000i64..1_000_000,
    ) {
        let text = render(&set, Layout::Pipe);
        let rows = pipe_rows(&set, &text);
        let (table, row, label, li) = rows[which.index(rows.len())].clone();
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let line = &lines[li];
        // Cells: label cell(s), then values, then the closing `||`.
        let mut cells: Vec<String> = line.split("  | ").map(String::from).collect();
        let labels = cells.iter().position(|c| c == label).map_or(0, |p| p + 1);
        let values = cells.len() - 1 - labels;
        if in_cell && values > 0 {
            let k = labels + at.index(values);
            cells[k] = format!("{} {stray}", cells[k]).trim_start().to_string();
        } else {
            let k = labels + at.index(values + 1);
            cells.insert(k, stray.to_string());
        }
        lines[li] = cells.join("  | ");
        let text = lines.join("\n") + "\n";
        let r = ogi_report::parse(&text);
        check_spans(text.len(), Some(&text), &r)?;
        let s = stray.to_string();
        let as_value = r.cells().iter().any(|c| c.table == table && c.value.map(|v| v.to_string()).as_deref() == Some(s.as_str()));
        let t4_rows = ["行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"];
        let named = r.diagnostics.iter().any(|d| {
            d.location.as_ref().is_some_and(|l| {
                l.table == Some(table)
                    && l.row.as_deref().is_some_and(|lr| lr == row || (table == 4 && t4_rows.contains(&lr)))
            })
        });
        prop_assert!(
            as_value || named,
            "stray {} in table {} row {} is neither a value nor named\n{}\n{:#?}",
            s, table, row, lines[li],
            r.diagnostics.iter().map(|d| format!("{} {:?} {}", d.code, d.location, d.message)).collect::<Vec<_>>()
        );
    }
}
