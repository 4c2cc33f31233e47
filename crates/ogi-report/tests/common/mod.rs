//! Test utilities: typed table sets, renderers into every layout the parser reads, and named
//! assertions that make tests read like the template.
#![allow(dead_code)]

pub mod render;

use ogi_report::{Code, Number, Report, TableKind};

/// Table 3's canonical columns, in the template's order.
pub const T3_COLS: [&str; 7] = [
    "自然人",
    "法人或其他组织/商业企业",
    "法人或其他组织/科研机构",
    "法人或其他组织/社会公益组织",
    "法人或其他组织/法律服务机构",
    "法人或其他组织/其他",
    "总计",
];

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

/// Every file of `tests/corpus` read as text, by name, sorted; the saved pages (`.html`) only
/// when `html`, and a browser's print read by `pdftotext -layout` or `pypdf`'s layout mode only
/// with the `html` feature
/// (every corpus file is UTF-8: the tests of other encodings make their bytes).
pub fn corpus_texts(html: bool) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("tests/corpus") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.ends_with(".html") && !html {
            continue;
        }
        // A browser's print read by `pdftotext -layout` or `pypdf`'s layout mode: its wrapped
        // labels need the `html` feature's reader (as in the golden test).
        if cfg!(not(feature = "html")) && name.contains("_derived-") && name.contains("-layout") {
            continue;
        }
        if let Ok(text) = std::fs::read_to_string(&path) {
            out.push((name, text));
        }
    }
    out.sort();
    out
}

/// A report's value cells by (table, row, column), each value as text.
pub type Values = std::collections::BTreeMap<(u8, String, String), Option<String>>;

/// The value cells of `r` ([`Values`]).
pub fn values(r: &Report) -> Values {
    r.cells()
        .into_iter()
        .map(|c| {
            (
                (c.table, c.row.to_string(), c.column.to_string()),
                c.value.map(|v| v.to_string()),
            )
        })
        .collect()
}

/// The cells where `got` differs from `want`: a value changed, a cell absent, a cell extra.
pub fn differences(want: &Values, got: &Values) -> Vec<String> {
    let mut out: Vec<String> = want
        .iter()
        .filter_map(|(k, v)| match got.get(k) {
            Some(g) if g == v => None,
            Some(g) => Some(format!("{}|{}|{}: {v:?} → {g:?}", k.0, k.1, k.2)),
            None => Some(format!("{}|{}|{}: {v:?} → absent", k.0, k.1, k.2)),
        })
        .collect();
    out.extend(
        got.keys()
            .filter(|k| !want.contains_key(*k))
            .map(|k| format!("{}|{}|{}: extra", k.0, k.1, k.2)),
    );
    out
}

/// Reads every report of `corpus` as written and through each of its variants (`variants`
/// gives each variant's name and its reading) and asserts that every variant gives every table
/// value of the report as written, and that the corpus holds more than `min_values` values.
/// Reports of the older format are skipped: they have no fixed tables to hold to.
#[track_caller]
pub fn assert_variants_keep_values(
    corpus: &[(String, String)],
    min_values: usize,
    mut variants: impl FnMut(&str) -> Vec<(String, Report)>,
) {
    let mut failures = Vec::new();
    let (mut checked, mut cells) = (0usize, 0usize);
    for (name, text) in corpus {
        let original = ogi_report::parse(text);
        if original.meta.older_format {
            continue;
        }
        let want = values(&original);
        cells += want.values().filter(|v| v.is_some()).count();
        for (variant, report) in variants(text) {
            checked += 1;
            let diff = differences(&want, &values(&report));
            if !diff.is_empty() {
                failures.push(format!("{name} ({variant}): {}", diff.join("; ")));
            }
        }
    }
    assert!(cells > min_values, "the corpus holds {cells} values");
    assert!(
        failures.is_empty(),
        "{} of {checked} variants differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `text` as a JSON string's contents (no quotes around them): line breaks `\\n`, quotes
/// `\\"`, and with `ascii` every character beyond ASCII `\\uXXXX` (Python's `json.dumps`).
pub fn json_escaped(text: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            c if ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}
