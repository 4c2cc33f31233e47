//! Test utilities: typed table sets, renderers into every layout the parser reads, and named
//! assertions that make tests read like the template.
#![allow(dead_code)]

pub mod render;

use ogi_report::{Code, Number, Report, TableKind};

/// The value at a canonical row and column of a table (2, 3 or 4), as an integer.
pub fn cell(r: &Report, table: u8, row: &str, column: &str) -> Option<i64> {
    let kind = match table {
        2 => TableKind::ActiveDisclosure,
        3 => TableKind::Applications,
        _ => TableKind::ReviewLitigation,
    };
    r.table(kind)?.value(row, column).and_then(|n| n.as_i64())
}

/// Assert a cell's value (a table-2 row path starts with 第二十条, table 4 rows are 行政复议 and
/// 行政诉讼/…, everything else is table 3).
#[track_caller]
pub fn assert_cell(r: &Report, row: &str, column: &str, want: Option<i64>) {
    let table = if row.starts_with("第二十条") {
        2
    } else if row.starts_with("行政复议") || row.starts_with("行政诉讼") {
        4
    } else {
        3
    };
    let got = cell(r, table, row, column);
    assert_eq!(got, want, "table {table}, row {row}, column {column}");
}

/// Assert an amount cell's value and unit.
#[track_caller]
pub fn assert_amount(r: &Report, row: &str, column: &str, value: &str, unit: Option<&str>) {
    let c = r
        .table(TableKind::ActiveDisclosure)
        .and_then(|t| t.row(row))
        .and_then(|x| x.cell(column))
        .unwrap_or_else(|| panic!("no cell {row} / {column}"));
    assert_eq!(
        c.value.map(|v: Number| v.to_string()).as_deref(),
        Some(value),
        "{row} / {column}"
    );
    assert_eq!(c.unit.as_deref(), unit, "{row} / {column} unit");
}

/// Assert that a diagnostic with `code` exists whose location names `row` (when given).
#[track_caller]
pub fn assert_diag(r: &Report, code: Code, row: Option<&str>) {
    let found = r.diagnostics.iter().any(|d| {
        d.code == code
            && row
                .is_none_or(|want| d.location.as_ref().and_then(|l| l.row.as_deref()) == Some(want))
    });
    assert!(
        found,
        "no {code} diagnostic naming {row:?}; got: {:#?}",
        r.diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect::<Vec<_>>()
    );
}

/// Read a corpus file.
pub fn corpus(name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
