//! Reports passed on with a prefix before every line: line numbers (`cat -n`, `grep -n`) and a
//! mail's quoting (`> `). Read as written, a line number was the first value of each pipe row
//! (the rest shifted, the last one a surplus), and a quoted line holding one cell was none.
//! The prefixes are removed before the text is read (`N008`), and spans still point into the
//! text as written, through GBK too. Read with the `html` feature, as references and escapes
//! are.
#![cfg(feature = "html")]

mod common;

use ogi_report::{Code, Report, TableKind};

fn numbered(text: &str, colon: bool) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            if colon {
                format!("{}: {l}", i + 1)
            } else {
                format!("{:>6}\t{l}", i + 1)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn quoted(text: &str) -> String {
    text.split('\n')
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn n8(r: &Report) -> &ogi_report::Diagnostic {
    r.diagnostics
        .iter()
        .find(|d| d.code == Code::N008)
        .expect("N008")
}

/// The span of table 2's `行政规范性文件` / `本年制发件数` cell, its value asserted (5 in report
/// 020).
fn rule_cell_span(r: &Report) -> ogi_report::Span {
    common::assert_cell(
        r,
        "第二十条第（一）项/行政规范性文件",
        "本年制发件数",
        Some(5),
    );
    r.table(TableKind::ActiveDisclosure)
        .and_then(|t| t.row("第二十条第（一）项/行政规范性文件"))
        .and_then(|row| row.cell("本年制发件数"))
        .and_then(|c| c.span)
        .expect("cell span")
}

const CELLS: &str = "020_pages-wuhan-hanyang-district-office-2022-TRUNCATED.txt";
const PIPES: &str = "004_1d268c7f8e46725e.txt";

#[test]
fn numbered_lines_read_as_the_report_without_them() {
    for name in [CELLS, PIPES] {
        let text = String::from_utf8(common::corpus(name)).expect("utf-8");
        let want = common::values(&ogi_report::parse(&text));
        assert!(want.len() > 20, "{name}: {} cells", want.len());
        for colon in [false, true] {
            let lines = numbered(&text, colon);
            let r = ogi_report::parse(&lines);
            let diff = common::differences(&want, &common::values(&r));
            assert!(diff.is_empty(), "{name} (colon {colon}): {diff:#?}");
            let d = n8(&r);
            let count = text.split('\n').count();
            assert_eq!(
                d.message,
                format!(
                    "line numbers before the lines removed: {count} lines (the first: `1{}`)",
                    if colon { ":" } else { "" }
                )
            );
            let s = d.span.expect("span");
            assert_eq!(
                lines.get(s.start..s.end),
                Some(if colon { "1: " } else { "     1\t" })
            );
            // No row got a line number as a value, so none has a surplus.
            assert!(
                !r.diagnostics.iter().any(|d| d.code == Code::T005),
                "{name}"
            );
        }
    }
}

#[test]
fn a_cells_span_is_its_digits_in_the_numbered_text_also_through_gbk() {
    let text = String::from_utf8(common::corpus(CELLS)).expect("utf-8");
    let lines = numbered(&text, false);
    let r = ogi_report::parse(&lines);
    let s = rule_cell_span(&r);
    assert_eq!(lines.get(s.start..s.end), Some("5"));
    assert!(lines.get(..s.start).unwrap_or("").ends_with('\t'));

    let gbk = encoding_rs::GBK.encode(&lines).0.into_owned();
    let r = ogi_report::parse_bytes(&gbk);
    let s = rule_cell_span(&r);
    assert_eq!(gbk.get(s.start..s.end), Some(&b"5"[..]));
    let d = n8(&r);
    let s = d.span.expect("span");
    assert_eq!(gbk.get(s.start..s.end), Some(&b"     1\t"[..]));
}

#[test]
fn a_quoted_report_reads_its_one_cell_a_line_tables() {
    let text = String::from_utf8(common::corpus(CELLS)).expect("utf-8");
    let want = common::values(&ogi_report::parse(&text));
    let mail = format!("张三 写道：\n{}\n", quoted(&text));
    let r = ogi_report::parse(&mail);
    let diff = common::differences(&want, &common::values(&r));
    assert!(diff.is_empty(), "{diff:#?}");
    let d = n8(&r);
    assert_eq!(
        d.message,
        format!(
            "email quoting before the lines removed: {} lines (the first: `>`)",
            text.split('\n').count()
        )
    );
    let s = d.span.expect("span");
    assert_eq!(mail.get(s.start..s.end), Some("> "));
    let s = rule_cell_span(&r);
    assert_eq!(mail.get(s.start..s.end), Some("5"));
}

#[test]
fn a_quoted_report_saved_in_a_json_record_is_read() {
    let text = String::from_utf8(common::corpus(CELLS)).expect("utf-8");
    let want = common::values(&ogi_report::parse(&text));
    let record = format!(
        "{{\"id\": 7, \"title\": \"某区政府办公室2022年政府信息公开工作年度报告\", \"content\": \"{}\", \"source\": \"政府信息公开年报\"}}",
        common::json_escaped(&quoted(&text), false)
    );
    let r = ogi_report::parse(&record);
    let diff = common::differences(&want, &common::values(&r));
    assert!(diff.is_empty(), "{diff:#?}");
    // The record's escapes, then the quoting under them, each said.
    let codes: Vec<Code> = r.diagnostics.iter().map(|d| d.code).take(2).collect();
    assert_eq!(codes, [Code::N007, Code::N008]);
    let s = n8(&r).span.expect("span");
    assert_eq!(record.get(s.start..s.end), Some("> "));
}
