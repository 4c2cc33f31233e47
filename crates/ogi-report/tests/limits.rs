//! The work bounds of `Options` (max_input_bytes, max_split_steps, max_cells): each is honoured
//! on hostile input with a diagnostic that says so (D003, T012, or T008/T009 naming the row), and
//! the defaults never bite a real report.

mod common;

use std::time::{Duration, Instant};

use common::render::{render, t2_blocks, t3_rows, Layout, T3Row, TableSet, Val};
use ogi_report::{Code, Options, Report, TableKind, Template};

/// A consistent 2021 table set: every table-2 count 1, table 3 all zero except 一 = （七） = 2 in
/// 自然人 and 总计, table 4 one 结果维持 in 行政复议.
fn sample_set() -> TableSet {
    let template = Template::V2021;
    let mut t2 = t2_blocks(template);
    for b in &mut t2 {
        let amount = b
            .cols
            .iter()
            .map(|c| c.contains("金额"))
            .collect::<Vec<_>>();
        for (_, _, vals) in &mut b.rows {
            for (v, &is_amount) in vals.iter_mut().zip(&amount) {
                *v = Some(if is_amount {
                    Val::Amount("1.5".into(), None)
                } else {
                    Val::Int(1)
                });
            }
        }
    }
    let t3 = t3_rows(template)
        .into_iter()
        .map(|(path, label, group)| {
            let v = if path.starts_with("一、")
                || path.ends_with("（一）予以公开")
                || path.ends_with("（七）总计")
            {
                2
            } else {
                0
            };
            T3Row {
                path,
                label,
                group,
                values: [
                    Some(v),
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(v),
                ],
            }
        })
        .collect();
    let mut t4 = [Some(0i64); 15];
    t4[0] = Some(1);
    t4[4] = Some(1);
    TableSet {
        template,
        t2,
        t3,
        t4,
    }
}

fn codes(r: &Report) -> Vec<String> {
    r.diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {:?} {}",
                d.code,
                d.location.as_ref().and_then(|l| l.row.clone()),
                d.message
            )
        })
        .collect()
}

fn names_row(r: &Report, codes_: &[Code], row: &str) -> bool {
    r.diagnostics.iter().any(|d| {
        codes_.contains(&d.code) && d.location.as_ref().and_then(|l| l.row.as_deref()) == Some(row)
    })
}

/// Insert `what` right after the first `label` at or after `from`.
fn insert_after(text: &str, label: &str, what: &str) -> String {
    let at = text.find(label).expect("label in the rendered text") + label.len();
    let mut s = String::with_capacity(text.len() + what.len());
    s.push_str(&text[..at]);
    s.push_str(what);
    s.push_str(&text[at..]);
    s
}

#[track_caller]
fn assert_fast(t: Instant, limit_secs: u64, what: &str) {
    let dt = t.elapsed();
    assert!(dt < Duration::from_secs(limit_secs), "{what} took {dt:?}");
}

#[test]
fn sample_set_parses_cleanly_in_pipe_and_flattened_layouts() {
    // The fixtures below start from this text: it must read back without any bound biting.
    for layout in [Layout::Pipe, Layout::Flattened] {
        let text = render(&sample_set(), layout);
        let r = ogi_report::parse(&text);
        assert!(
            !r.diagnostics
                .iter()
                .any(|d| matches!(d.code, Code::T012 | Code::D003)),
            "{:#?}",
            codes(&r)
        );
        let t3 = r.table(TableKind::Applications).expect("table 3");
        assert_eq!(
            t3.value("三、本年度办理结果/（一）予以公开", "总计")
                .and_then(|n| n.as_i64()),
            Some(2),
            "{layout:?}"
        );
    }
}

#[test]
fn glued_run_of_100k_digits_is_named_never_silently_dropped() {
    let row = "三、本年度办理结果/（一）予以公开";
    let text = insert_after(
        &render(&sample_set(), Layout::Flattened),
        "（一）予以公开",
        &"7".repeat(100_000),
    );
    let t = Instant::now();
    let r = ogi_report::parse(&text);
    assert_fast(t, 20, "a 10^5-digit glued run");
    let t3 = r.table(TableKind::Applications).expect("table 3");
    let cells = &t3.row(row).expect("the row").cells;
    assert!(
        cells.iter().all(|c| c.value.is_none()),
        "no value is guessed from the run: {cells:?}"
    );
    assert!(
        names_row(&r, &[Code::T008, Code::T009, Code::T012], row),
        "the run is named by a diagnostic: {:#?}",
        codes(&r)
    );
}

#[test]
fn glued_run_of_100k_digits_in_table_2_is_bounded() {
    // Table 2 has no row rule: the run admits a huge number of splits, and the search must stop.
    let row = "第二十条第（一）项/规章";
    let text = insert_after(
        &render(&sample_set(), Layout::Flattened),
        "规章",
        &"3".repeat(100_000),
    );
    let t = Instant::now();
    let r = ogi_report::parse(&text);
    assert_fast(t, 20, "a 10^5-digit glued table-2 row");
    let t2 = r.table(TableKind::ActiveDisclosure).expect("table 2");
    assert!(t2
        .row(row)
        .expect("the row")
        .cells
        .iter()
        .all(|c| c.value.is_none()));
    assert!(
        names_row(&r, &[Code::T008, Code::T009, Code::T012], row),
        "{:#?}",
        codes(&r)
    );
}

#[test]
fn split_step_bound_reached_gives_t012_naming_the_row() {
    let text = render(&sample_set(), Layout::Flattened);
    let r = ogi_report::parse_with(&text, &Options::new().with_max_split_steps(3));
    let t012: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::T012)
        .collect();
    assert!(!t012.is_empty(), "{:#?}", codes(&r));
    for d in &t012 {
        let row = d
            .location
            .as_ref()
            .and_then(|l| l.row.as_deref())
            .expect("T012 names a row");
        assert!(d.message.contains("max_split_steps"), "{}", d.message);
        // The row the diagnostic names has no value taken from a cut-short search.
        let kind = match d.location.as_ref().and_then(|l| l.table) {
            Some(2) => TableKind::ActiveDisclosure,
            Some(3) => TableKind::Applications,
            _ => TableKind::ReviewLitigation,
        };
        let t = r.table(kind).expect("the table");
        if let Some(rw) = t.row(row) {
            assert!(
                rw.cells.iter().all(|c| c.value.is_none()),
                "{row}: {:?}",
                rw.cells
            );
        }
    }
    // The same text with the default bound splits every row.
    let r = ogi_report::parse(&text);
    assert!(
        !r.diagnostics.iter().any(|d| d.code == Code::T012),
        "{:#?}",
        codes(&r)
    );
}

#[test]
fn a_million_pipes_in_a_row_hit_max_cells_with_t012_naming_the_table() {
    let text = insert_after(
        &render(&sample_set(), Layout::Pipe),
        "（一）予以公开",
        &" |".repeat(1_000_000),
    );
    let t = Instant::now();
    let r = ogi_report::parse(&text);
    assert_fast(t, 30, "10^6 pipes");
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::T012)
        .unwrap_or_else(|| panic!("no T012: {:#?}", codes(&r)));
    assert_eq!(
        d.location.as_ref().and_then(|l| l.table),
        Some(3),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("table 3") && d.message.contains("max_cells"),
        "{}",
        d.message
    );
    let sp = d.span.expect("the first dropped cell");
    assert!(sp.end <= text.len());
    // One T012 per table, however many regions are cut.
    assert_eq!(
        r.diagnostics
            .iter()
            .filter(|d| d.code == Code::T012)
            .count(),
        1
    );
    // Tables 2 and 4 are untouched.
    let t4 = r.table(TableKind::ReviewLitigation).expect("table 4");
    assert_eq!(
        t4.value("行政复议", "总计").and_then(|n| n.as_i64()),
        Some(1)
    );
}

#[test]
fn max_cells_bound_is_per_table_and_configurable() {
    let text = render(&sample_set(), Layout::Pipe);
    // Table 3 has 26 rows of 7 values in 2021: 40 cells cannot hold it; table 4 (15) fits.
    let r = ogi_report::parse_with(&text, &Options::new().with_max_cells(40));
    let tables: Vec<Option<u8>> = r
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::T012)
        .map(|d| d.location.as_ref().and_then(|l| l.table))
        .collect();
    assert!(tables.contains(&Some(3)), "{:#?}", codes(&r));
    assert!(!tables.contains(&Some(4)), "{:#?}", codes(&r));
    let t4 = r.table(TableKind::ReviewLitigation).expect("table 4");
    assert_eq!(
        t4.value("行政复议", "结果维持").and_then(|n| n.as_i64()),
        Some(1)
    );
}

#[test]
fn input_over_max_input_bytes_is_cut_with_d003() {
    // The shape of a 300 MB input under the default 256 MiB bound, scaled down: the check is on
    // the option, not on the allocation.
    let text = render(&sample_set(), Layout::Pipe);
    let limit = text.len() * 256 / 300;
    let r = ogi_report::parse_with(&text, &Options::new().with_max_input_bytes(limit));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::D003)
        .unwrap_or_else(|| panic!("no D003: {:#?}", codes(&r)));
    assert!(
        d.message.contains(&text.len().to_string()) && d.message.contains(&limit.to_string()),
        "{}",
        d.message
    );
    let sp = d.span.expect("the cut part");
    assert!(
        sp.start <= limit && limit - sp.start < 4 && sp.end == text.len(),
        "{sp:?}"
    );
    assert!(text.is_char_boundary(sp.start));
    // Nothing read lies past the cut.
    for c in r.cells() {
        if let Some(e) = c.span_end {
            assert!(
                e <= sp.start,
                "cell {} / {} read past the cut",
                c.row,
                c.column
            );
        }
    }
    // Bytes: the cut may fall inside a character; the same diagnostic, spans inside the input.
    let bytes = text.as_bytes();
    let cut = (limit..)
        .find(|&i| !text.is_char_boundary(i))
        .expect("a cut inside a character");
    let r = ogi_report::parse_bytes_with(bytes, &Options::new().with_max_input_bytes(cut));
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == Code::D003)
        .expect("D003");
    assert_eq!(d.span.map(|s| (s.start, s.end)), Some((cut, bytes.len())));
    // A zero bound parses nothing and says so.
    let r = ogi_report::parse_bytes_with(bytes, &Options::new().with_max_input_bytes(0));
    assert!(r.diagnostics.iter().any(|d| d.code == Code::D003));
    assert!(r.cells().iter().all(|c| c.value.is_none()));
    // At the bound exactly, nothing is cut.
    let r = ogi_report::parse_with(&text, &Options::new().with_max_input_bytes(text.len()));
    assert!(!r.diagnostics.iter().any(|d| d.code == Code::D003));
}

#[test]
fn default_bounds_never_bite_the_corpus() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("tests/corpus") {
        let p = e.expect("entry").path();
        let bytes = std::fs::read(&p).expect("read");
        let r = ogi_report::parse_bytes(&bytes);
        let hit: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| matches!(d.code, Code::T012 | Code::D003))
            .map(|d| d.message.clone())
            .collect();
        assert!(hit.is_empty(), "{}: {hit:?}", p.display());
        n += 1;
    }
    assert!(n >= 20, "only {n} corpus files");
}
